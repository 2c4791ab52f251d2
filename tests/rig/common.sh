# shellcheck shell=bash
# The test rig's building blocks, sourced by tests/ci.sh and bench/run.sh (run as root).
# Each function is idempotent: calling it on a machine that already has the rig changes nothing.

RIG_DIR=${SKIFF_RIG_DIR:-/var/tmp/skiff-ci}          # registry, copied binaries, test temp dirs
RIG_CACHE=${SKIFF_RIG_CACHE:-/var/tmp/skiff-ci-cache} # fixture OCI layouts, kept between runs
RIG_REGISTRY=${SKIFF_RIG_REGISTRY:-127.0.0.1:5055}
RIG_USER=${SKIFF_RIG_USER:-skifftest}
# Throwaway users made just before RIG_USER on a machine that has no RIG_USER yet, so that useradd
# gives RIG_USER neither the first uid nor the first subordinate range (which a developer's own
# account holds on their workstation): the tests must read the ranges, not assume them. Removed
# right after; only users carrying RIG_PAD_MARK are ever removed.
RIG_PAD_USERS=(skiffpad1 skiffpad2)
RIG_PAD_MARK="skiff test rig padding user, safe to delete"
RIG_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# docker.io: the docker CLI that tests/system/api.rs drives skiff's API service with (Debian 12
# has no CLI-only package); its daemon is never started (see rig_packages). docker-compose (1.29,
# docker-py): tests/system/api_compose.rs runs a project through the service; python3-venv: the
# testcontainers-python venv (rig_testcontainers). openssl: tests/system/registry.rs makes the
# self-signed certificate of its HTTPS registry (it starts its own docker-registry instances).
# strace: tests/system/lifecycle.rs slows the CLI's reading of the monitor's report with it.
RIG_PACKAGES=(uidmap slirp4netns passt docker-registry skopeo busybox-static attr curl jq python3 zstd bzip2 xz-utils docker.io docker-compose python3-venv openssl strace)

rig_log() { printf '[rig] %s\n' "$*" >&2; }

# rig_packages [EXTRA...]: installs the Debian packages the rig needs (quietly; only missing ones).
rig_packages() {
  local missing=() p
  for p in "${RIG_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  rig_log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # No package's service may start (docker.io's dockerd would): a policy-rc.d that refuses every
  # start while apt runs, unless the machine has one already.
  local policy=/usr/sbin/policy-rc.d made='' rc=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made=1
  fi
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || rc=$?
  [[ -z $made ]] || rm -f "$policy"
  return "$rc"
}

# rig_subids FILE USER: USER's ranges in FILE (/etc/subuid or /etc/subgid; by name or uid), as
# START:COUNT joined by commas; empty when it has none.
rig_subids() {
  local uid
  uid=$(id -u "$2") || return 1
  { cat "$1" 2>/dev/null || true; } | awk -F: -v u="$2" -v id="$uid" \
    '($1 == u || $1 == id) && $3 + 0 > 0 { printf "%s%s:%s", sep, $2, $3; sep = "," }'
}

# rig_ensure_subids USER: where USER has no subordinate uids (gids), gives it 65536 above every
# range already in /etc/subuid (/etc/subgid), as useradd itself does on Debian; keeps existing ones.
rig_ensure_subids() {
  local user=$1 kind file start
  for kind in uid gid; do
    file=/etc/sub$kind
    [[ -n $(rig_subids "$file" "$user") ]] && continue
    start=$({ cat "$file" 2>/dev/null || true; } | awk -F: -v next_free=100000 \
      '$1 !~ /^#/ && NF >= 3 && $2 + $3 > next_free { next_free = $2 + $3 } END { printf "%d", next_free }')
    usermod "--add-sub${kind}s" "$start-$((start + 65535))" "$user"
  done
}

# rig_containers_subids: root's `--userns auto` takes its ranges from the "containers" entry of
# /etc/subuid and /etc/subgid, as podman's does; gives it 2^20 ids above every range there when it
# has none (no such user is needed). A machine setting like the rig user: kept after the run.
rig_containers_subids() {
  local file start
  for file in /etc/subuid /etc/subgid; do
    grep -q '^containers:' "$file" 2>/dev/null && continue
    start=$({ cat "$file" 2>/dev/null || true; } | awk -F: -v next_free=100000 \
      '$1 !~ /^#/ && NF >= 3 && $2 + $3 > next_free { next_free = $2 + $3 } END { printf "%d", next_free }')
    echo "containers:$start:1048576" >>"$file"
  done
  rig_log "root's --userns auto pool: containers $(grep '^containers:' /etc/subuid | cut -d: -f2-3)"
}

# rig_pad_add: the throwaway users that take the next uids and subordinate ranges (see RIG_PAD_USERS).
rig_pad_add() {
  local u
  for u in "${RIG_PAD_USERS[@]}"; do
    id "$u" >/dev/null 2>&1 && continue
    useradd -M -s /usr/sbin/nologin -c "$RIG_PAD_MARK" "$u"
    rig_ensure_subids "$u"
  done
}

# rig_pad_remove: removes the throwaway users again (only those with RIG_PAD_MARK, i.e. made by the
# rig), their groups and their subordinate ids. Safe to call at any time.
rig_pad_remove() {
  local u
  for u in "${RIG_PAD_USERS[@]}"; do
    [[ $(getent passwd "$u" | cut -d: -f5) == "$RIG_PAD_MARK" ]] || continue
    if userdel "$u"; then
      sed -i "/^$u:/d" /etc/subuid /etc/subgid # userdel does this too; older ones did not
    else
      rig_log "could not remove the throwaway user $u"
    fi
  done
}

# rig_user: the unprivileged test user with subordinate ids and a runtime directory. A user that
# already exists keeps its uid and ranges; a new one is created after throwaway users (see
# RIG_PAD_USERS). Sets RIG_UID, RIG_HOME, RIG_XDG, RIG_SUBUIDS and RIG_SUBGIDS (START:COUNT,...).
rig_user() {
  rig_pad_remove # left over from an interrupted run
  if ! id "$RIG_USER" >/dev/null 2>&1; then
    rig_pad_add
    useradd -m -s /bin/bash "$RIG_USER"
  fi
  rig_ensure_subids "$RIG_USER" # while the throwaway users still hold theirs
  rig_pad_remove
  RIG_SUBUIDS=$(rig_subids /etc/subuid "$RIG_USER")
  RIG_SUBGIDS=$(rig_subids /etc/subgid "$RIG_USER")
  RIG_UID=$(id -u "$RIG_USER")
  rig_log "user $RIG_USER: uid $RIG_UID, subordinate uids $RIG_SUBUIDS, gids $RIG_SUBGIDS (start:count)"
  RIG_HOME=$(getent passwd "$RIG_USER" | cut -d: -f6)
  RIG_XDG=/tmp/skiff-run-$RIG_UID
  install -d -o "$RIG_USER" -g "$RIG_USER" -m 700 "$RIG_XDG"
  install -d -o "$RIG_USER" -g "$RIG_USER" "$RIG_HOME/.config" "$RIG_HOME/.config/containers"
  rig_registries_conf >"$RIG_HOME/.config/containers/registries.conf"
  chown "$RIG_USER:$RIG_USER" "$RIG_HOME/.config/containers/registries.conf"
}

# rig_host: what rootless networking and mount propagation need on these machines.
rig_host() {
  [[ -e /dev/net/tun ]] && chmod 0666 /dev/net/tun
  mount --make-rshared /
}

# rig_registries_conf: registries.conf marking the rig's registry insecure and searchable.
rig_registries_conf() {
  local port=${RIG_REGISTRY##*:}
  cat <<CONF
unqualified-search-registries = ["localhost:$port"]

[[registry]]
location = "localhost:$port"
insecure = true

[[registry]]
location = "$RIG_REGISTRY"
insecure = true
CONF
}

rig_registry_running() {
  [[ -f $RIG_DIR/registry/pid ]] && kill -0 "$(cat "$RIG_DIR/registry/pid")" 2>/dev/null
}

# rig_registry_start: Debian's docker-registry on $RIG_REGISTRY with its own config and data.
rig_registry_start() {
  local d=$RIG_DIR/registry
  if rig_registry_running; then rig_log "registry already running on $RIG_REGISTRY"; return 0; fi
  mkdir -p "$d/data"
  cat >"$d/config.yml" <<CFG
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $d/data
  delete:
    enabled: true
http:
  addr: $RIG_REGISTRY
CFG
  # fd 9 holds the rig lock: the registry must not keep it, or --teardown would wait on itself.
  setsid docker-registry serve "$d/config.yml" >"$d/log" 2>&1 </dev/null 9>&- &
  echo $! >"$d/pid"
  local i
  for i in $(seq 100); do
    curl -fsS "http://$RIG_REGISTRY/v2/" >/dev/null 2>&1 && { rig_log "registry up on $RIG_REGISTRY"; return 0; }
    sleep 0.1
  done
  rig_log "registry did not answer on $RIG_REGISTRY; its log:"; cat "$d/log" >&2
  return 1
}

rig_registry_stop() {
  local d=$RIG_DIR/registry
  if rig_registry_running; then kill "$(cat "$d/pid")" 2>/dev/null || true; fi
  rm -f "$d/pid"
}

# rig_fixtures: builds the fixture layouts (cached while fixtures.py is unchanged).
rig_fixtures() {
  local stamp=$RIG_CACHE/layouts.stamp sum
  sum=$(sha256sum "$RIG_HERE/fixtures.py" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$sum" && -d $RIG_CACHE/layouts/big ]]; then
    rig_log "fixture layouts cached in $RIG_CACHE/layouts"
    return 0
  fi
  rm -rf "$RIG_CACHE/layouts" "$stamp"
  mkdir -p "$RIG_CACHE/layouts"
  rig_log "building fixture layouts (big: ~300 MiB, once)"
  /usr/bin/python3 "$RIG_HERE/fixtures.py" "$RIG_CACHE/layouts"
  echo "$sum" >"$stamp"
}

rig_push() { # rig_push LAYOUT REPO:TAG [skopeo args...]
  local layout=$1 ref=$2; shift 2
  skopeo copy -q --retry-times 2 --dest-tls-verify=false "$@" \
    "oci:$RIG_CACHE/layouts/$layout:img" "docker://$RIG_REGISTRY/library/$ref" >/dev/null
}

# rig_images: pushes every fixture as $RIG_REGISTRY/library/NAME:TAG, then tampers one blob.
rig_images() {
  rig_fixtures
  rig_push busybox busybox:latest
  rig_push multi multi:oci
  rig_push multi multi:v2s2 --format v2s2
  rig_push zstd busybox:zstd
  rig_push config config:latest
  rig_push multiarch multiarch:latest --all
  rig_push big big:latest
  local h
  for h in dotdot abs symlink hardlink symlinkdir; do rig_push "hostile-$h" "hostile:$h"; done
  rig_push tampered tampered:latest
  rig_tamper
  rig_log "images pushed to $RIG_REGISTRY/library: busybox:{latest,zstd} multi:{oci,v2s2} config multiarch big hostile:* tampered"
}

# rig_tamper: overwrites tampered:latest's layer in the registry's storage with other bytes of the
# same length, so the registry serves content that does not match its digest.
rig_tamper() {
  local digest blob
  digest=$(/usr/bin/python3 - "$RIG_CACHE/layouts/tampered" <<'PY'
import json, sys
d = sys.argv[1]
top = json.load(open(d + "/index.json"))["manifests"][0]["digest"].split(":")[1]
print(json.load(open(d + "/blobs/sha256/" + top))["layers"][0]["digest"].split(":")[1])
PY
)
  blob=$RIG_DIR/registry/data/docker/registry/v2/blobs/sha256/${digest:0:2}/$digest/data
  [[ -f $blob ]] || { rig_log "tampered layer $digest not found in the registry"; return 1; }
  # From the pristine copy in the fixture cache, so running the rig twice on one registry
  # still leaves it tampered (an in-place flip would undo itself).
  /usr/bin/python3 -c 'import sys; b=open(sys.argv[1],"rb").read(); open(sys.argv[2],"wb").write(bytes(x ^ 0x5a for x in b))' \
    "$RIG_CACHE/layouts/tampered/blobs/sha256/$digest" "$blob"
}

# rig_testcontainers: a venv in the cache with testcontainers-python from PyPI (pinned), for
# tests/system/api_compose.rs; readable by the test user. Its python is $RIG_TESTCONTAINERS.
RIG_TESTCONTAINERS=$RIG_CACHE/testcontainers/bin/python
rig_testcontainers() {
  local venv=$RIG_CACHE/testcontainers
  if ! "$venv/bin/python" -c 'import importlib.metadata as m; assert m.version("testcontainers") == "4.15.0"' 2>/dev/null; then
    rm -rf "$venv"
    /usr/bin/python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'testcontainers==4.15.0'
  fi
  chmod -R a+rX "$venv"
}

# rig_kube_validate: a venv in the cache with kubernetes-validate from PyPI (pinned; it ships the
# Kubernetes OpenAPI schemas, so it validates offline), for tests/system/kube.rs; readable by the
# test user. Its command is $RIG_KUBE_VALIDATE.
RIG_KUBE_VALIDATE=$RIG_CACHE/kube-validate/bin/kubernetes-validate
rig_kube_validate() {
  local venv=$RIG_CACHE/kube-validate
  if ! "$venv/bin/python" -c 'import importlib.metadata as m; assert m.version("kubernetes-validate") == "1.37.0"' 2>/dev/null; then
    rm -rf "$venv"
    /usr/bin/python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'kubernetes-validate==1.37.0'
  fi
  chmod -R a+rX "$venv"
}

# rig_env: the environment the system tests and benchmarks read.
rig_env() {
  cat <<ENV
export SKIFF_TEST_REGISTRY=$RIG_REGISTRY
export SKIFF_TEST_TESTCONTAINERS=$RIG_TESTCONTAINERS
export SKIFF_TEST_KUBE_VALIDATE=$RIG_KUBE_VALIDATE
export CONTAINERS_REGISTRIES_CONF=$RIG_DIR/registries.conf
ENV
}

# rig_up: everything a test run needs, except building skiff.
rig_up() {
  rig_packages "$@"
  rig_host
  mkdir -p "$RIG_DIR" "$RIG_CACHE"
  chmod 755 "$RIG_DIR"
  rig_user
  rig_containers_subids
  rig_registries_conf >"$RIG_DIR/registries.conf"
  chmod 644 "$RIG_DIR/registries.conf"
  rig_registry_start
  rig_images
  rig_testcontainers
  rig_kube_validate
}

# rig_kill_tagged TAG: kills every process whose environment carries SKIFF_CI_RUN=TAG, and all of
# their descendants (container processes of any uid), and nothing else.
rig_kill_tagged() {
  local tag=$1 pids=() p
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [[ $p == "$$" || $p == "$BASHPID" ]] && continue
    grep -qxzF "SKIFF_CI_RUN=$tag" "/proc/$p/environ" 2>/dev/null && pids+=("$p")
  done
  ((${#pids[@]} == 0)) && return 0
  local all
  all=$(ps -e -o pid=,ppid= | awk -v roots="${pids[*]}" '
    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { parent[$1] = $2; order[NR] = $1 }
    END {
      do { changed = 0
        for (i = 1; i <= NR; i++) { p = order[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } }
      } while (changed)
      for (p in keep) print p
    }')
  rig_log "killing leftover test processes: $(echo $all)"
  # shellcheck disable=SC2086
  kill -9 $all 2>/dev/null || true
}

# rig_unmount_under DIR: unmounts everything mounted below DIR (deepest first).
rig_unmount_under() {
  local dir=$1 m
  awk -v d="$dir/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}
