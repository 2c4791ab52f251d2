#!/usr/bin/env bash
# tests/vm/check.sh: proves skiff's cgroup v2 limits on a real cgroup v2 host. Boots the VM rig
# (tests/vm/vm.sh), copies the skiff binary and a busybox image archive into the guest, and checks
# --memory, --pids-limit and --cpus there as the rootless user (VM_USER in lib.sh: systemd scope on
# the user's session bus) and as root (cgroupfs), units of `generate systemd` and Quadlet files
# (a container, and a pod with a member), pod units of `generate systemd --new` under the
# rootless user's systemd manager, socket activation of a container by a .socket unit,
# `auto-update` restarting a unit on a newer image, and
# containers that come back after a reboot of the guest, then stops the VM. Prints PASS/FAIL
# lines and ends with "N passed, N failed"; exits 0 only when nothing failed. Run as root:
#
#   tests/vm/check.sh            SKIFF_BIN=path/to/skiff (default target/debug/skiff)
#   SKIFF_VM_KEEP=1 tests/vm/check.sh    leave the VM running afterwards (vm.sh run / vm.sh stop)
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/vm/lib.sh
source "$HERE/lib.sh"
SKIFF=${SKIFF_BIN:-$HERE/../../target/debug/skiff}
IMG=localhost/busybox:latest
pass=0 fail=0

[[ $EUID -eq 0 ]] || { echo "tests/vm/check.sh must run as root" >&2; exit 2; }
[[ -x $SKIFF ]] || { echo "no skiff binary at $SKIFF: cargo build, or set SKIFF_BIN" >&2; exit 2; }
work=$(mktemp -d /tmp/skiff-vm-check.XXXXXX)
trap 'rm -rf "$work"; [[ ${SKIFF_VM_KEEP:-0} == 1 ]] || "$HERE/vm.sh" stop' EXIT
trap 'exit 130' INT TERM

# ok NAME: counts a pass; bad NAME OUTPUT: counts a failure and shows what was seen.
ok() { pass=$((pass + 1)); printf 'PASS  %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL  %s\n%s\n' "$1" "$(printf '%s\n' "$2" | sed 's/^/      | /')"; }

# check NAME USER EXPECTED-REGEX SHELL-LINE: runs the line in the guest (stdout and stderr) and
# matches the whole output, all lines joined by spaces, against the regex.
check() {
  local name=$1 user=$2 want=$3 line=$4 out flat root=
  [[ $user == root ]] && root=--root
  out=$("$HERE/vm.sh" run $root "$line" 2>&1)
  flat=$(printf '%s' "$out" | tr '\n' ' ' | sed 's/ *$//')
  if [[ $flat =~ $want ]]; then ok "$name ($user)"; else bad "$name ($user)" "$out"; fi
}

# check_health_paused USER: no healthcheck starts while the container is paused, as docker (its
# exec would hang in the frozen cgroup until the timeout); checks start again after unpause. The
# start times of the last checks (.State.Health.Log) are compared with the paused interval.
check_health_paused() {
  check "healthchecks skip a paused container and start again after unpause" "$1" \
    '^healthy inside=0 after=yes healthy$' \
    "id=\$($S run -d --health-cmd true --health-interval 1s --health-timeout 20s $IMG sleep 300) &&
     for i in \$(seq 100); do [ \"\$($S inspect -f '{{.State.Health.Status}}' \$id)\" = healthy ] && break; sleep 0.2; done;
     $S inspect -f '{{.State.Health.Status}}' \$id && $S pause \$id >/dev/null && p0=\$(date +%s.%N) && sleep 4 &&
     p1=\$(date +%s.%N) && $S unpause \$id >/dev/null && sleep 2.5 && inside=0 after=no &&
     for s in \$($S inspect -f '{{range .State.Health.Log}}{{.Start}} {{end}}' \$id); do t=\$(date -d \$s +%s.%N);
       awk \"BEGIN{exit !(\$t > \$p0 && \$t < \$p1)}\" && inside=\$((inside + 1));
       awk \"BEGIN{exit !(\$t >= \$p1)}\" && after=yes; done;
     echo inside=\$inside after=\$after \$($S inspect -f '{{.State.Health.Status}}' \$id); $S rm -f \$id >/dev/null"
}

# ---- host side: tools, the test image, and the single warning on this (hybrid) host ----------
t0=$SECONDS
vm_host_packages
vm_need skopeo:skopeo python3:python3 /bin/busybox:busybox-static docker-registry:docker-registry objcopy:binutils
mkdir -p "$VM_SHARE"
rm -f "$VM_SHARE/busybox.tar"
if ! python3 "$HERE/../rig/fixtures.py" "$work/layouts" busybox ||
  ! skopeo copy -q "oci:$work/layouts/busybox:img" "docker-archive:$VM_SHARE/busybox.tar:$IMG"; then
  bad "test image (fixtures.py + skopeo)" "see above"
  echo "$pass passed, $fail failed"
  exit 1
fi
# Without its debug sections: the guest copies it to its own disk once (below).
if ! objcopy --strip-debug "$SKIFF" "$VM_SHARE/skiff"; then
  bad "the skiff binary without debug sections (objcopy)" "see above"
  echo "$pass passed, $fail failed"
  exit 1
fi
chmod 755 "$VM_SHARE/skiff"
install -m 755 "$(command -v docker-registry)" "$VM_SHARE/docker-registry"
install -m 644 "$HERE/../../contrib/systemd/user/skiff-restart.service" "$VM_SHARE/skiff-restart.service"
chmod 644 "$VM_SHARE/busybox.tar"

if [[ ! -e /sys/fs/cgroup/cgroup.controllers ]]; then
  out=$("$SKIFF" --root "$work/root" --runroot "$work/run" load -i "$VM_SHARE/busybox.tar" 2>&1 &&
    "$SKIFF" --root "$work/root" --runroot "$work/run" run --rm --memory 32m --pids-limit 9 "$IMG" true 2>&1)
  if [[ $(grep -c 'warning: resource limits unavailable' <<<"$out") == 1 && $(wc -l <<<"$out") -le 2 ]]; then
    ok "hybrid host: one warning, the container runs (host)"
  else
    bad "hybrid host: one warning, the container runs (host)" "$out"
  fi
fi
echo "== host preparation: $((SECONDS - t0))s"

# ---- the guest --------------------------------------------------------------------------------
t0=$SECONDS
"$HERE/vm.sh" start || { bad "VM boots" "console: $VM_CONSOLE"; echo "$pass passed, $fail failed"; exit 1; }
echo "== VM build and boot: $((SECONDS - t0))s"
t0=$SECONDS
# The binary runs from the guest's disk: run from the 9p share, every start of it read its pages
# over 9p again (a `run --rm` took 7.3 s where it takes 2.4 s from the disk, under TCG).
S=/usr/local/bin/skiff
if ! "$HERE/vm.sh" run --root "install -m 755 /mnt/host/skiff $S"; then
  bad "the skiff binary reaches the guest's disk" "see above"
  echo "$pass passed, $fail failed"
  exit 1
fi
# Waits (5 s at most) until no skiff cgroup is left and prints how many there are.
LEFT='for i in $(seq 50); do [ -z "$(find /sys/fs/cgroup -name "skiff-*")" ] && break; sleep 0.1; done; echo left=$(find /sys/fs/cgroup -name "skiff-*" | wc -l) units=$(systemctl --user list-units --all --no-legend "skiff-*" 2>/dev/null | wc -l)'
for u in "$VM_USER" root; do
  check "load the image archive" $u 'Loaded image' "$S load -i /mnt/host/busybox.tar"
  if [[ $u == "$VM_USER" ]]; then # its own id (and group) at 0, then the subordinate ids of lib.sh
    check "uid_map and gid_map: the user's subordinate ids" $u \
      "^0 $VM_UID 1 1 ${VM_SUBIDS%%:*} ${VM_SUBIDS#*:} 0 $VM_UID 1 1 ${VM_SUBIDS%%:*} ${VM_SUBIDS#*:}\$" \
      "echo \$($S run --rm $IMG cat /proc/self/uid_map /proc/self/gid_map)"
  fi
  check "--memory 32m: memory.max, no warning" $u '^33554432$' \
    "$S run --rm --memory 32m $IMG cat /sys/fs/cgroup/memory.max"
  check "--memory 32m: OOM kill, exit 137" $u '^(Killed )?rc=137$' \
    "$S run --rm --memory 32m $IMG sh -c 'x=\$(head -c 100000000 /dev/zero | tr \"\\0\" a); echo survived'; echo rc=\$?"
  check "--pids-limit 5: pids.max, fork fails" $u "^5 .*(can't fork|Resource temporarily unavailable)" \
    "$S run --rm --pids-limit 5 $IMG sh -c 'cat /sys/fs/cgroup/pids.max; for i in 1 2 3 4 5 6 7 8; do sleep 2 & done; wait'"
  check "--cpus 0.5: cpu.max" $u '^50000 100000$' "$S run --rm --cpus 0.5 $IMG cat /sys/fs/cgroup/cpu.max"
  check "info reports the limits enforced, no warning" $u '^true true true true$' \
    "echo \$($S info --format '{{.MemoryLimit}} {{.SwapLimit}} {{.CpuCfsQuota}} {{.PidsLimit}}') \$($S info 2>&1 >/dev/null)"
  check "no cgroup left after run --rm" $u '^left=0 units=0$' "$S run --rm --memory 32m $IMG true; $LEFT"
  check "-d: limits in the container's cgroup, inspect, none left after stop + rm" $u \
    '^33554432 20 150000 100000 HostConfig=33554432 1500000000 20 stopped left=0 units=0$' \
    "id=\$($S run -d --memory 32m --pids-limit 20 --cpus 1.5 $IMG sleep 300) &&
     d=\$(find /sys/fs/cgroup -type d \\( -path \"*/skiff-\$id.scope/container\" -o -name skiff-\$id \\)) &&
     echo \$(cat \$d/memory.max \$d/pids.max \$d/cpu.max) &&
     echo HostConfig=\$($S inspect -f '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}' \$id) &&
     $S stop -t 1 \$id >/dev/null && $S rm \$id >/dev/null && echo stopped; $LEFT"
  # pids.current counts sleep and the exec'd cat: 1 if exec stayed outside the container's cgroup.
  check "exec joins the container's cgroup" $u '^0::/ 0::/ 2$' \
    "id=\$($S run -d --memory 32m --pids-limit 9 $IMG sleep 300) &&
     echo \$($S exec \$id cat /proc/self/cgroup /proc/1/cgroup) \$($S exec \$id sh -c 'cat /sys/fs/cgroup/pids.current');
     $S rm -f \$id >/dev/null"
  # Issue 18: every container has a cgroup of its own, limits or not.
  check "a container without limits gets its own cgroup" $u '^own max max$' \
    "id=\$($S run -d $IMG sleep 300) && pid=\$($S inspect -f '{{.State.Pid}}' \$id) &&
     case \$(cat /proc/\$pid/cgroup) in *skiff-\$id.scope/container|*/skiff-\$id) echo own;; *) cat /proc/\$pid/cgroup;; esac &&
     echo \$($S exec \$id cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max); $S rm -f \$id >/dev/null"
  check "OOM kill: inspect OOMKilled true, exit 137, events oom then die" $u '^true 137 exited oom die$' \
    "id=\$($S run -d --memory 32m $IMG sh -c 'x=\$(head -c 100000000 /dev/zero | tr \"\\0\" a)') &&
     $S wait \$id >/dev/null; state=\$($S inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}} {{.State.Status}}' \$id);
     echo \$state \$($S events --since 5m --until 0s --filter container=\$id --filter event=oom --filter event=die --format '{{.Action}}');
     $S rm \$id >/dev/null"
  check "pause freezes (the counter stops), unpause thaws, stop ends a paused container" $u \
    '^paused frozen=yes Up [^ ]+ [^ ]+ \(Paused\) running thawed=yes exited pause unpause pause$' \
    "id=\$($S run -d $IMG sh -c 'i=0; while :; do i=\$((i+1)); echo \$i; sleep 0.1; done') && sleep 1 &&
     $S pause \$id >/dev/null && echo \$($S inspect -f '{{.State.Status}}' \$id) &&
     a=\$($S logs \$id | wc -l); sleep 1; b=\$($S logs \$id | wc -l); [ \$a = \$b ] && echo frozen=yes || echo frozen=no \$a \$b;
     $S ps --filter id=\$id --format '{{.Status}}';
     $S unpause \$id >/dev/null && echo \$($S inspect -f '{{.State.Status}}' \$id) &&
     sleep 1; c=\$($S logs \$id | wc -l); [ \$c -gt \$b ] && echo thawed=yes || echo thawed=no \$b \$c;
     $S pause \$id >/dev/null; $S stop -t 2 \$id >/dev/null; $S inspect -f '{{.State.Status}}' \$id;
     echo \$($S events --since 5m --until 0s --filter container=\$id --filter event=pause --filter event=unpause --format '{{.Action}}');
     $S rm -f \$id >/dev/null"
  check "update changes a running container's limits and inspect shows them" $u \
    '^67108864 50 50000 100000 HostConfig=67108864 50 500000000$' \
    "id=\$($S run -d $IMG sleep 300) && $S update --memory 64m --pids-limit 50 --cpus 0.5 \$id >/dev/null &&
     echo \$($S exec \$id cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max /sys/fs/cgroup/cpu.max) &&
     echo HostConfig=\$($S inspect -f '{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}} {{.HostConfig.NanoCpus}}' \$id);
     $S rm -f \$id >/dev/null"
  check "update --device-write-bps and --device-read-iops reach a running container's io.max" $u \
    '^[0-9]+:[0-9]+ rbps=max wbps=2097152 riops=100 wiops=max /dev/vda:2097152$' \
    "id=\$($S run -d $IMG sleep 300) && $S update --device-write-bps /dev/vda:2mb --device-read-iops /dev/vda:100 \$id >/dev/null &&
     echo \$($S exec \$id cat /sys/fs/cgroup/io.max) \$($S inspect -f '{{range .HostConfig.BlkioDeviceWriteBps}}{{.Path}}:{{.Rate}}{{end}}' \$id);
     $S rm -f \$id >/dev/null"
  # A shell variable of 40 MiB (the shell stays: sleep is not its last command).
  check "stats: memory near a known allocation, the limit, pids" $u '^[4-9][0-9](\.[0-9]+)?MiB / 200MiB [0-9]+ [0-9.]+%$' \
    "id=\$($S run -d --memory 200m $IMG sh -c 'x=\$(head -c 41943040 /dev/zero | tr \"\\0\" a); echo ready; sleep 300; echo end') &&
     for i in \$(seq 100); do $S logs \$id | grep -q ready && break; sleep 0.3; done &&
     $S stats --no-stream --format '{{.MemUsage}} {{.PIDs}} {{.CPUPerc}}' \$id; $S rm -f \$id >/dev/null"
  check "resource flags: cpu.weight, memory.low, memory.swap.max, cpuset, io.max" $u \
    '^20 16777216 33554432 0 [0-9]+:[0-9]+ rbps=1048576 wbps=max riops=max wiops=max$' \
    "id=\$($S run -d --cpu-shares 512 --memory 32m --memory-swap 64m --memory-reservation 16m --cpuset-cpus 0 \
       --device-read-bps /dev/vda:1mb $IMG sleep 300) &&
     echo \$($S exec \$id cat /sys/fs/cgroup/cpu.weight /sys/fs/cgroup/memory.low /sys/fs/cgroup/memory.swap.max \
       /sys/fs/cgroup/cpuset.cpus /sys/fs/cgroup/io.max); $S rm -f \$id >/dev/null"
  check "commit pauses a running container and thaws it after" $u '^committed [0-9]+ running thawed=yes$' \
    "id=\$($S run -d $IMG sh -c 'i=0; while :; do i=\$((i+1)); echo \$i > /count.new; mv /count.new /count; echo \$i; sleep 0.1; done') && sleep 1 &&
     $S commit \$id localhost/vmcheck-commit >/dev/null && echo committed \$($S run --rm localhost/vmcheck-commit cat /count) &&
     $S inspect -f '{{.State.Status}}' \$id && a=\$($S logs \$id | wc -l) && sleep 1 &&
     [ \$($S logs \$id | wc -l) -gt \$a ] && echo thawed=yes; $S rm -f \$id >/dev/null; $S rmi localhost/vmcheck-commit >/dev/null"
  # (The root parent is not named skiff-*: $LEFT counts those. Like docker, skiff leaves it.)
  if [[ $u == root ]]; then parent=/vmcheck/jobs; want="/vmcheck/jobs/skiff-"; else parent=ci-jobs.slice; want="/ci.slice/ci-jobs.slice/skiff-"; fi
  check "--cgroup-parent places the container's cgroup" $u "^yes$" \
    "id=\$($S run -d --cgroup-parent $parent $IMG sleep 300) && pid=\$($S inspect -f '{{.State.Pid}}' \$id) &&
     case \$(cat /proc/\$pid/cgroup) in *$want\$id*) echo yes;; *) cat /proc/\$pid/cgroup;; esac; $S rm -f \$id >/dev/null;
     [ $u != root ] || rmdir /sys/fs/cgroup/vmcheck/jobs /sys/fs/cgroup/vmcheck"
  if [[ $u != root ]]; then
    # The user's manager stops a container's scope at logout and shutdown: it waits the
    # container's stop timeout for an init that ignores SIGTERM (sleep as PID 1), not its 90 s.
    check "a stopped scope waits the container's --stop-timeout, then kills it" $u '^fast exited$' \
      "id=\$($S run -d --stop-timeout 2 $IMG sleep 300) && t=\$(date +%s) &&
       timeout 60 systemctl --user stop skiff-\$id.scope; t=\$(( \$(date +%s) - t ));
       [ \$t -le 20 ] && echo fast || echo slow \$t s; $S inspect -f '{{.State.Status}}' \$id; $S rm -f \$id >/dev/null"
  fi
  if [[ $u == root ]]; then  # rootless scopes are removed by systemd once empty
    check "a killed monitor leaves no cgroup behind" $u '^exited left=0 units=0$' \
      "id=\$($S run -d --memory 32m $IMG sleep 300) && sleep 0.5 &&
       kill -9 \$(pgrep -f \"__monitor.*\$id\" | head -1) && sleep 0.5 &&
       echo \$($S inspect -f '{{.State.Status}}' \$id) && $S rm -f \$id >/dev/null; $LEFT"
    # The device program on the container's cgroup (CAP_MKNOD is one of docker's capabilities).
    DISK="set -- \$(stat -c '%Hr %Lr' /dev/vda) &&"
    READ="mknod /tmp/d b \$1 \$2; dd if=/tmp/d of=/dev/null count=1"
    check "device cgroup: a node made for the disk does not open, /dev/null does" $u '^not permitted null-ok$' \
      "$DISK $S run --rm $IMG sh -c \"$READ 2>&1 | grep -o 'not permitted'; echo x >/dev/null && echo null-ok\""
    check "device cgroup: exec is held to it too" $u '^not permitted$' \
      "$DISK id=\$($S run -d $IMG sleep 300) && $S exec \$id sh -c \"$READ 2>&1 | grep -o 'not permitted'\"; $S rm -f \$id >/dev/null"
    check "device cgroup: --device-cgroup-rule and --privileged open it" $u '^read read$' \
      "$DISK echo \$($S run --rm --device-cgroup-rule \"b \$1:\$2 r\" $IMG sh -c \"$READ 2>/dev/null && echo read\") \
         \$($S run --rm --privileged $IMG sh -c \"$READ 2>/dev/null && echo read\")"
  fi
  check "--restart: the restarted container gets its limits again" $u '^33554432 33554432 33554432 left=0 units=0$' \
    "id=\$($S run -d --restart on-failure:2 --memory 32m $IMG sh -c 'cat /sys/fs/cgroup/memory.max; exit 3') &&
     for i in \$(seq 100); do [ \"\$($S inspect -f '{{.State.Status}} {{.RestartCount}}' \$id)\" = 'exited 2' ] && break; sleep 0.3; done;
     echo \$($S logs \$id); $S rm \$id >/dev/null; $LEFT"
  check_health_paused "$u"
done
# ---- generate systemd (issue 23): a --new unit under the user's systemd -------------------------
# The container serves one byte over HTTP on a published port; the generated unit (Type=notify,
# the monitor as main process) reaches active once the monitor's READY=1 came, a kill -9 of the
# container's process makes systemd restart it (Restart=on-failure), stop leaves no container.
UNIT=container-web
UDIR='~/.config/systemd/user'
GET='exec 3<>/dev/tcp/127.0.0.1/8088 && printf "GET /b HTTP/1.0\r\n\r\n" >&3 && tail -c 1 <&3'
check "generate systemd --new: the unit passes systemd-analyze verify" "$VM_USER" '^verified$' \
  "$S create --name web -p 8088:80 $IMG sh -c 'mkdir -p /www && printf A >/www/b && exec httpd -f -p 80 -h /www' >/dev/null &&
   mkdir -p $UDIR && $S generate systemd --new --name --restart-sec 1 web >$UDIR/$UNIT.service && $S rm web >/dev/null &&
   systemd-analyze --user verify --man=no $UDIR/$UNIT.service 2>&1 && echo verified"
check "generate systemd --new: start reaches active, the monitor is the main pid, a byte on the port" "$VM_USER" \
  '^active main=monitor A$' \
  "systemctl --user daemon-reload && systemctl --user start $UNIT && systemctl --user is-active $UNIT &&
   m=\$(systemctl --user show -p MainPID --value $UNIT) && [ \"\$m\" = \"\$(cat \$($S inspect -f '{{.ConmonPidFile}}' web))\" ] &&
   grep -q __monitor /proc/\$m/cmdline && echo main=monitor; for i in \$(seq 50); do out=\$(bash -c '$GET' 2>/dev/null) && break; sleep 0.2; done; echo \$out"
check "generate systemd --new: kill -9 of the container's process, systemd restarts it" "$VM_USER" \
  '^restarts=1 active new-container A$' \
  "old=\$($S inspect -f '{{.Id}}' web) && kill -9 \$($S inspect -f '{{.State.Pid}}' web) &&
   for i in \$(seq 150); do [ \"\$(systemctl --user show -p NRestarts --value $UNIT)\" = 1 ] && systemctl --user is-active -q $UNIT &&
     [ -n \"\$($S ps -q --filter name=web)\" ] && break; sleep 0.2; done;
   echo restarts=\$(systemctl --user show -p NRestarts --value $UNIT) \$(systemctl --user is-active $UNIT);
   [ \"\$($S inspect -f '{{.Id}}' web)\" != \"\$old\" ] && echo new-container;
   for i in \$(seq 50); do out=\$(bash -c '$GET' 2>/dev/null) && break; sleep 0.2; done; echo \$out"
check "generate systemd --new: stop stops it and leaves no container" "$VM_USER" '^inactive containers=0$' \
  "systemctl --user stop $UNIT; systemctl --user is-active $UNIT; echo containers=\$($S ps -aq | wc -l)"
# Readiness: the same unit with --sdnotify=container waits for a READY=1 that httpd never sends.
# Once the monitor is the main process (its MAINPID came, the container runs) the unit still
# activates; a stop then skips ExecStop and sends SIGTERM, which the monitor under systemd takes
# as a stop of its container: the unit ends inactive with Result=success, well before
# TimeoutStopSec (a monitor deaf to it made the unit wait 70 s and end failed).
check "generate systemd --new: without READY=1 the unit stays activating, a stop ends it cleanly" "$VM_USER" \
  '^activating inactive result=success fast containers=0$' \
  "sed -i 's/--sdnotify=conmon/--sdnotify=container/' $UDIR/$UNIT.service && systemctl --user daemon-reload &&
   systemctl --user start --no-block $UNIT &&
   for i in \$(seq 150); do m=\$(systemctl --user show -p MainPID --value $UNIT);
     [ \"\$m\" != 0 ] && grep -q __monitor /proc/\$m/cmdline 2>/dev/null && break; sleep 0.2; done;
   sleep 2; systemctl --user is-active $UNIT; t0=\$(date +%s);
   systemctl --user stop $UNIT; systemctl --user is-active $UNIT;
   echo result=\$(systemctl --user show -p Result --value $UNIT) \$([ \$((\$(date +%s) - t0)) -lt 30 ] && echo fast);
   echo containers=\$($S ps -aq | wc -l); rm -f $UDIR/$UNIT.service; systemctl --user daemon-reload"
# Without --new: the unit starts and stops the existing container (Type=forking); systemd takes
# the monitor from PIDFile= only when it is in the unit's cgroup, where the monitor stays.
check "generate systemd: a unit for an existing container (Type=forking) starts and stops it" "$VM_USER" \
  '^verified active main=monitor running inactive exited$' \
  "$S create --name app $IMG sleep 300 >/dev/null && $S generate systemd --name app >$UDIR/container-app.service &&
   systemd-analyze --user verify --man=no $UDIR/container-app.service 2>&1 && echo verified &&
   systemctl --user daemon-reload && systemctl --user start container-app && systemctl --user is-active container-app &&
   m=\$(systemctl --user show -p MainPID --value container-app) && grep -q __monitor /proc/\$m/cmdline && echo main=monitor;
   $S inspect -f '{{.State.Status}}' app; systemctl --user stop container-app; systemctl --user is-active container-app;
   $S inspect -f '{{.State.Status}}' app; $S rm -f app >/dev/null; rm -f $UDIR/container-app.service; systemctl --user daemon-reload"
# A template unit (podman's --template): each instance runs a container of its own, NAME-INSTANCE.
check "generate systemd --new --template: two instances run a container each, stop leaves none" "$VM_USER" \
  '^active active tpl-a tpl-b inactive containers=0$' \
  "$S create --name tpl --stop-signal KILL $IMG sleep 300 >/dev/null &&
   $S generate systemd --new --template --name tpl >$UDIR/container-tpl@.service && $S rm tpl >/dev/null &&
   systemctl --user daemon-reload && systemctl --user start container-tpl@a container-tpl@b &&
   systemctl --user is-active container-tpl@a container-tpl@b && echo \$($S ps --format '{{.Names}}' --sort names);
   systemctl --user stop container-tpl@a container-tpl@b; systemctl --user is-active container-tpl@a;
   echo containers=\$($S ps -aq | wc -l); rm -f $UDIR/container-tpl@.service; systemctl --user daemon-reload"
# ---- Quadlet (issue 23): both routes under the user's systemd ---------------------------------
# `skiff quadlet install` (a user without root) and the generator linked into systemd's user
# generator directory (root's install) each turn a .container file into a unit that serves a byte.
QGET='exec 3<>/dev/tcp/127.0.0.1/PORT && printf "GET /b HTTP/1.0\r\n\r\n" >&3 && tail -c 1 <&3'
# qfile NAME PORT: a .container serving "A" on PORT, enabled for default.target, as base64 (it
# crosses two shells on its way into the guest).
qfile() {
  printf '[Unit]\nDescription=quadlet check %s\n[Container]\nImage=%s\nPublishPort=%s:80\n%s\n[Install]\nWantedBy=default.target\n' \
    "$1" "$IMG" "$2" "Exec=sh -c 'mkdir -p /www && printf A >/www/b && exec httpd -f -p 80 -h /www'" | base64 -w0
}
check "quadlet install: the unit starts, serves a byte, stops and leaves no container" "$VM_USER" \
  '^installed active A inactive containers=0 removed$' \
  "mkdir -p /tmp/q && echo $(qfile qweb 8091) | base64 -d >/tmp/q/qweb.container && $S quadlet install /tmp/q/qweb.container >/dev/null &&
   echo installed && systemctl --user start qweb && systemctl --user is-active qweb &&
   for i in \$(seq 50); do out=\$(bash -c '${QGET/PORT/8091}' 2>/dev/null) && break; sleep 0.2; done; echo \$out;
   systemctl --user stop qweb; systemctl --user is-active qweb; echo containers=\$($S ps -aq | wc -l);
   $S quadlet rm qweb.container >/dev/null && [ ! -e ~/.config/systemd/user/qweb.service ] && echo removed"
# A .pod file and a member .container: starting the pod's unit starts the member (Wants=), the
# pod's published port reaches it, and stopping the pod's unit stops the member (BindsTo=) and
# leaves no pod and no container.
QPOD=$(printf '[Pod]\nPublishPort=8095:80\n' | base64 -w0)
QMEMBER=$(printf '[Container]\nImage=%s\nPod=qpod.pod\n%s\n' "$IMG" \
  "Exec=sh -c 'mkdir -p /www && printf P >/www/b && exec httpd -f -p 80 -h /www'" | base64 -w0)
check "quadlet pod: the pod's unit starts its member, which serves on the pod's port; stop leaves nothing" "$VM_USER" \
  '^active active P inactive inactive pods=0 containers=0$' \
  "mkdir -p /tmp/qp && echo $QPOD | base64 -d >/tmp/qp/qpod.pod && echo $QMEMBER | base64 -d >/tmp/qp/qmember.container &&
   $S quadlet install /tmp/qp/qpod.pod /tmp/qp/qmember.container >/dev/null && systemctl --user start qpod-pod &&
   for i in \$(seq 100); do systemctl --user is-active -q qmember && break; sleep 0.2; done;
   systemctl --user is-active qpod-pod; systemctl --user is-active qmember;
   for i in \$(seq 50); do out=\$(bash -c '${QGET/PORT/8095}' 2>/dev/null) && break; sleep 0.2; done; echo \$out;
   systemctl --user stop qpod-pod; systemctl --user is-active qpod-pod; systemctl --user is-active qmember;
   echo pods=\$($S pod ps -q | wc -l) containers=\$($S ps -aq | wc -l);
   $S quadlet rm qpod.pod qmember.container >/dev/null"
# generate systemd --new of a pod: the pod's unit (pod create --exit-policy=stop, pod start)
# starts the member's unit (Wants=), whose run joins the pod by its id file and serves on the
# pod's published port; stopping the pod's unit stops the member (BindsTo=) and leaves nothing.
check "generate systemd --new POD: the pod's unit starts its member, a byte on the pod's port; stop leaves nothing" "$VM_USER" \
  '^verified active active G pods=0 containers=0 inactive inactive$' \
  "$S pod create --name gp -p 8096:80 >/dev/null &&
   $S create --pod gp --name gweb $IMG sh -c 'mkdir -p /www && printf G >/www/b && exec httpd -f -p 80 -h /www' >/dev/null &&
   cd $UDIR && $S generate systemd --new --name --files gp >/dev/null && $S pod rm -f gp >/dev/null &&
   systemd-analyze --user verify --man=no pod-gp.service container-gweb.service 2>&1 && echo verified &&
   systemctl --user daemon-reload && systemctl --user start pod-gp &&
   for i in \$(seq 100); do systemctl --user is-active -q container-gweb && break; sleep 0.2; done;
   systemctl --user is-active pod-gp; systemctl --user is-active container-gweb;
   for i in \$(seq 50); do out=\$(bash -c '${QGET/PORT/8096}' 2>/dev/null) && break; sleep 0.2; done; echo \$out;
   systemctl --user stop pod-gp; echo pods=\$($S pod ps -q | wc -l) containers=\$($S ps -aq | wc -l);
   systemctl --user is-active pod-gp; systemctl --user is-active container-gweb;
   rm -f pod-gp.service container-gweb.service; systemctl --user daemon-reload"
"$HERE/vm.sh" run --root "mkdir -p /usr/local/lib/systemd/user-generators &&
  ln -sf $S /usr/local/lib/systemd/user-generators/skiff-user-generator" >/dev/null 2>&1
check "quadlet generator: daemon-reload makes the unit, it serves a byte, stop leaves no container" "$VM_USER" \
  '^generated active A inactive containers=0$' \
  "mkdir -p ~/.config/containers/systemd && echo $(qfile qgen 8092) | base64 -d >~/.config/containers/systemd/qgen.container &&
   systemctl --user daemon-reload && systemctl --user cat qgen.service | grep -q 'Generated by skiff' && echo generated &&
   systemctl --user start qgen && systemctl --user is-active qgen &&
   for i in \$(seq 50); do out=\$(bash -c '${QGET/PORT/8092}' 2>/dev/null) && break; sleep 0.2; done; echo \$out;
   systemctl --user stop qgen; systemctl --user is-active qgen; echo containers=\$($S ps -aq | wc -l);
   rm ~/.config/containers/systemd/qgen.container; systemctl --user daemon-reload"
"$HERE/vm.sh" run --root "rm -f /usr/local/lib/systemd/user-generators/skiff-user-generator" >/dev/null 2>&1
# ---- socket activation: a .socket unit's connection reaches a --network none container --------
# Accept=yes: each connection starts an instance of sa@.service, whose `skiff run` hands the
# connected socket (fd 3, LISTEN_FDS=1) to the container; the client reads what the container
# wrote, and the end of the stream once it closed (no other process of skiff's keeps it).
SACMD='sh -c '"'"'echo S $$LISTEN_PID $$LISTEN_FDS $$LISTEN_FDNAMES >&3'"'"
SASOCK=$(printf '[Socket]\nListenStream=127.0.0.1:8098\nAccept=yes\n' | base64 -w0)
SASVC=$(printf '[Service]\nExecStart=%s run --rm --network none %s %s\n' "$S" "$IMG" "$SACMD" | base64 -w0)
check "socket activation: a .socket unit's connection is the container's fd 3, LISTEN_PID=1; nothing left" "$VM_USER" \
  '^S 1 1 connection containers=0$' \
  "echo $SASOCK | base64 -d >$UDIR/sa.socket && echo $SASVC | base64 -d >$UDIR/sa@.service &&
   systemctl --user daemon-reload && systemctl --user start sa.socket &&
   bash -c 'exec 3<>/dev/tcp/127.0.0.1/8098 && timeout 60 cat <&3';
   for i in \$(seq 50); do [ \$($S ps -aq | wc -l) = 0 ] && break; sleep 0.2; done; echo containers=\$($S ps -aq | wc -l);
   systemctl --user stop sa.socket; rm -f $UDIR/sa.socket $UDIR/sa@.service; systemctl --user daemon-reload"
# ---- auto-update: a unit's container is restarted on the newer image ---------------------------
# A registry of the guest's own (the host's docker-registry binary) holds the image; a newer one
# pushed under the same name makes `auto-update` pull it and restart the unit of `generate
# systemd --new` (whose environment gave the container its PODMAN_SYSTEMD_UNIT label).
REG=127.0.0.1:5000/app:latest
check "auto-update: false, then pending, then the unit restarted on the new image" "$VM_USER" \
  '^container-upd.service false pending true active 2$' \
  "printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /tmp/reg\nhttp:\n  addr: 127.0.0.1:5000\n' >/tmp/reg.yml &&
   setsid -f /mnt/host/docker-registry serve /tmp/reg.yml >/tmp/reg.log 2>&1 </dev/null &&
   for i in \$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/5000) 2>/dev/null && break; sleep 0.2; done &&
   $S tag $IMG $REG && $S push -q --tls-verify=false $REG >/dev/null && $S pull -q --tls-verify=false $REG >/dev/null &&
   $S create --name upd -l io.containers.autoupdate=registry $REG sleep 300 >/dev/null &&
   $S generate systemd --new --name upd >$UDIR/container-upd.service && $S rm upd >/dev/null &&
   systemctl --user daemon-reload && systemctl --user start container-upd &&
   $S auto-update --tls-verify=false --format '{{.Unit}} {{.Updated}}';
   $S run --name mk --network none $REG sh -c 'echo 2 >/v' && $S commit -q mk $REG >/dev/null &&
   $S push -q --tls-verify=false $REG >/dev/null && $S tag $IMG $REG && $S rm mk >/dev/null;
   $S auto-update --dry-run --tls-verify=false --format '{{.Updated}}';
   $S auto-update --tls-verify=false --format '{{.Updated}}'; systemctl --user is-active container-upd; $S exec upd cat /v;
   systemctl --user stop container-upd; rm -f $UDIR/container-upd.service; systemctl --user daemon-reload; pkill -f docker-registry"
# ---- restart at boot (issue 23): skiff-restart.service and an enabled Quadlet unit -------------
check "restart at boot: skiff-restart.service enabled, an --restart=always container, an enabled Quadlet unit" "$VM_USER" \
  '^enabled running installed$' \
  "mkdir -p ~/.config/systemd/user && sed 's|/usr/local/bin/skiff|$S|g' /mnt/host/skiff-restart.service >~/.config/systemd/user/skiff-restart.service &&
   systemctl --user enable --now skiff-restart.service 2>/dev/null && echo enabled &&
   $S run -d --restart=always --name keep -p 8093:80 $IMG sh -c 'mkdir -p /www && printf K >/www/b && exec httpd -f -p 80 -h /www' >/dev/null &&
   $S inspect -f '{{.State.Status}}' keep && mkdir -p /tmp/q2 && echo $(qfile qboot 8094) | base64 -d >/tmp/q2/qboot.container &&
   $S quadlet install /tmp/q2/qboot.container >/dev/null && echo installed"
if "$HERE/vm.sh" reboot; then
  check "restart at boot: after a reboot both serve their byte again" "$VM_USER" \
    '^running K active A$' \
    "for i in \$(seq 150); do [ \"\$($S inspect -f '{{.State.Status}}' keep 2>/dev/null)\" = running ] && systemctl --user is-active -q qboot && break; sleep 0.2; done;
     $S inspect -f '{{.State.Status}}' keep; for i in \$(seq 50); do out=\$(bash -c '${QGET/PORT/8093}' 2>/dev/null) && break; sleep 0.2; done; echo \$out;
     systemctl --user is-active qboot; for i in \$(seq 50); do out=\$(bash -c '${QGET/PORT/8094}' 2>/dev/null) && break; sleep 0.2; done; echo \$out;
     systemctl --user stop qboot; $S quadlet rm qboot.container >/dev/null; $S rm -f keep >/dev/null"
else
  bad "restart at boot: the guest reboots" "vm.sh reboot failed: $VM_CONSOLE"
fi
# Only the controllers a limit needs must be delegated: give the user's manager memory and pids only.
"$HERE/vm.sh" run --root "printf '[Service]\nDelegate=\nDelegate=memory pids\n' >/etc/systemd/system/user@.service.d/zz-partial.conf &&
  systemctl daemon-reload && systemctl restart user@$VM_UID.service &&
  for i in \$(seq 100); do [ -S /run/user/$VM_UID/bus ] && systemctl is-active -q user@$VM_UID.service && break; sleep 0.2; done" >/dev/null 2>&1
check "partial delegation (memory pids): --memory applies" "$VM_USER" '^memory pids 33554432$' \
  "echo \$(cat /sys/fs/cgroup/user.slice/user-$VM_UID.slice/user@$VM_UID.service/cgroup.controllers) \$($S run --rm --memory 32m $IMG cat /sys/fs/cgroup/memory.max 2>&1)"
check "partial delegation: --cpus warns once, the container runs" "$VM_USER" '^skiff: warning: .*the cpu controller.* not delegated.* ok$' \
  "$S run --rm --cpus 0.5 $IMG echo ok 2>&1"
check "partial delegation: info reports memory and pids limits, warns of cpu's" "$VM_USER" \
  '^true true false WARNING: No cpu cfs quota support WARNING: No cpu cfs period support WARNING: No cpu shares support$' \
  "$S info --format '{{.MemoryLimit}} {{.PidsLimit}} {{.CpuCfsQuota}}' 2>/dev/null; $S info 2>&1 >/dev/null | grep -v cpuset"
echo "== checks in the guest: $((SECONDS - t0))s"
echo "$pass passed, $fail failed"
((fail == 0))
