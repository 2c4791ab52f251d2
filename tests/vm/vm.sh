#!/usr/bin/env bash
# tests/vm/vm.sh: a Debian 12 guest with systemd, cgroup v2 and a delegated user session, for what
# these hybrid-cgroup hosts cannot show. Run as root.
#
#   vm.sh build              build the image once (debootstrap from the host's mirror; cached)
#   vm.sh start              build if needed, boot (every boot starts from the pristine image)
#   vm.sh run [--root] CMD   run a shell line in the guest as the rootless user (VM_USER) or root
#   vm.sh reboot             reboot the guest (its disk changes survive, unlike a stop and start)
#   vm.sh stop               power off
#
# The host directory $SKIFF_VM_DIR/share is /mnt/host in the guest. Settings: tests/vm/lib.sh.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/vm/lib.sh
source "$HERE/lib.sh"

KERNEL_PKG=linux-image-amd64

build() {
  local stamp rootfs t0
  stamp=$( { cat "$HERE/guest-setup.sh"; echo "$SKIFF_VM_PACKAGES $SKIFF_VM_MIRROR $SKIFF_VM_DISK $KERNEL_PKG";
    echo "$VM_USER $VM_UID $VM_SUBIDS"; } | sha256sum | cut -c1-16)
  if [[ -f $VM_IMG && $(cat "$SKIFF_VM_DIR/image.stamp" 2>/dev/null) == "$stamp" ]]; then
    return 0
  fi
  [[ $EUID -eq 0 ]] || vm_die "building the image needs root"
  [[ -n $SKIFF_VM_MIRROR ]] || vm_die "no Debian mirror in /etc/apt: set SKIFF_VM_MIRROR"
  vm_running && vm_die "the VM runs on the old image: vm.sh stop first"
  t0=$SECONDS
  mkdir -p "$SKIFF_VM_DIR/debs"
  [[ -f $VM_KEY ]] || ssh-keygen -q -t ed25519 -N '' -C skiff-vm -f "$VM_KEY"
  rootfs=$SKIFF_VM_DIR/rootfs
  rm -rf "$rootfs"
  vm_log "debootstrap bookworm from $SKIFF_VM_MIRROR"
  debootstrap --variant=minbase --include="$SKIFF_VM_PACKAGES" --cache-dir="$SKIFF_VM_DIR/debs" \
    bookworm "$rootfs" "$SKIFF_VM_MIRROR" >"$SKIFF_VM_DIR/build.log" 2>&1 ||
    { tail -20 "$SKIFF_VM_DIR/build.log" >&2; vm_die "debootstrap failed: $SKIFF_VM_DIR/build.log"; }
  install -m 644 "$VM_KEY.pub" "$rootfs/tmp/key.pub"
  install -m 755 "$HERE/guest-setup.sh" "$rootfs/tmp/guest-setup.sh"
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  vm_log "configuring the guest"
  # A private mount namespace: /proc and the .deb cache are mounted for the chroot only.
  unshare --mount --propagation private bash -c '
    mount -t proc proc "$1/proc" && mount --bind "$2" "$1/var/cache/apt/archives" &&
      chroot "$1" /tmp/guest-setup.sh "${@:3}"' _ "$rootfs" "$SKIFF_VM_DIR/debs" "$KERNEL_PKG" \
    "$VM_USER" "$VM_UID" "$VM_SUBIDS" \
    >>"$SKIFF_VM_DIR/build.log" 2>&1 ||
    { tail -20 "$SKIFF_VM_DIR/build.log" >&2; vm_die "guest setup failed: $SKIFF_VM_DIR/build.log"; }
  rm -f "$rootfs/tmp/guest-setup.sh" "$rootfs/etc/resolv.conf"
  cp "$(ls "$rootfs"/boot/vmlinuz-* | sort -V | tail -n1)" "$SKIFF_VM_DIR/vmlinuz"
  cp "$(ls "$rootfs"/boot/initrd.img-* | sort -V | tail -n1)" "$SKIFF_VM_DIR/initrd.img"
  rm -f "$VM_IMG.new"
  truncate -s "$SKIFF_VM_DISK" "$VM_IMG.new"
  mkfs.ext4 -q -F -d "$rootfs" "$VM_IMG.new"
  mv "$VM_IMG.new" "$VM_IMG"
  rm -rf "$rootfs"
  echo "$stamp" >"$SKIFF_VM_DIR/image.stamp"
  vm_log "image built in $((SECONDS - t0))s"
}

start() {
  local accel=tcg,thread=multi cpu=max t0 deadline
  vm_running && return 0
  vm_host_packages
  build
  mkdir -p "$VM_SHARE"
  chmod 755 "$VM_SHARE"
  rm -f "$SKIFF_VM_DIR"/ssh-*.sock
  if (exec 3<>"/dev/tcp/127.0.0.1/$SKIFF_VM_SSH_PORT") 2>/dev/null; then
    vm_die "port $SKIFF_VM_SSH_PORT is in use: set SKIFF_VM_SSH_PORT"
  fi
  # KVM only with hardware virtualisation; nested PVM (kvm_pvm) runs a stock kernel slower than TCG.
  if [[ -w /dev/kvm ]] && grep -qwE 'vmx|svm' /proc/cpuinfo && [[ ! -d /sys/module/kvm_pvm ]]; then
    accel=kvm cpu=host
  fi
  t0=$SECONDS
  vm_log "booting ($accel)"
  # -snapshot: the guest's writes go to a temporary layer, so every boot starts pristine.
  qemu-system-x86_64 -name skiff-vm -accel "$accel" -cpu "$cpu" -m "$SKIFF_VM_MEM" -smp "$SKIFF_VM_CPUS" \
    -kernel "$SKIFF_VM_DIR/vmlinuz" -initrd "$SKIFF_VM_DIR/initrd.img" \
    -append "console=ttyS0 root=/dev/vda rw quiet" \
    -drive "file=$VM_IMG,if=virtio,format=raw,cache=unsafe" -snapshot \
    -netdev "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$SKIFF_VM_SSH_PORT-:22" -device virtio-net-pci,netdev=n0 \
    -fsdev "local,id=fs0,path=$VM_SHARE,security_model=none" -device virtio-9p-pci,fsdev=fs0,mount_tag=share \
    -display none -serial "file:$VM_CONSOLE" -daemonize -pidfile "$VM_PID"
  deadline=$((SECONDS + SKIFF_VM_BOOT_TIMEOUT))
  until vm_ssh "$VM_USER" "test -S /run/user/$VM_UID/bus" 2>/dev/null; do
    vm_running || { tail -20 "$VM_CONSOLE" >&2; vm_die "qemu exited while booting: $VM_CONSOLE"; }
    ((SECONDS < deadline)) || { stop; vm_die "no ssh after ${SKIFF_VM_BOOT_TIMEOUT}s: $VM_CONSOLE"; }
    sleep 1
  done
  vm_log "booted in $((SECONDS - t0))s"
}

# Closes the shared ssh connections (they die with the guest's sshd).
close_ssh() {
  local s
  for s in "$SKIFF_VM_DIR"/ssh-*.sock; do
    [[ -S $s ]] && ssh -o ControlPath="$s" -O exit 127.0.0.1 >/dev/null 2>&1
  done
  rm -f "$SKIFF_VM_DIR"/ssh-*.sock
}

# A reboot inside the same qemu: -snapshot's layer lives as long as qemu does, so what the guest
# wrote is still there. Done when the user's session bus is back under a new boot id.
reboot() {
  local old new deadline t0=$SECONDS
  vm_running || vm_die "the VM is not running: vm.sh start"
  old=$(vm_ssh root cat /proc/sys/kernel/random/boot_id)
  vm_ssh root "systemctl reboot" >/dev/null 2>&1 || true
  close_ssh
  deadline=$((SECONDS + SKIFF_VM_BOOT_TIMEOUT))
  until new=$(vm_ssh "$VM_USER" "test -S /run/user/$VM_UID/bus && cat /proc/sys/kernel/random/boot_id" 2>/dev/null) &&
    [[ -n $new && $new != "$old" ]]; do
    vm_running || { tail -20 "$VM_CONSOLE" >&2; vm_die "qemu exited during the reboot: $VM_CONSOLE"; }
    ((SECONDS < deadline)) || vm_die "no ssh ${SKIFF_VM_BOOT_TIMEOUT}s after the reboot: $VM_CONSOLE"
    close_ssh
    sleep 1
  done
  vm_log "rebooted in $((SECONDS - t0))s"
}

stop() {
  local pid s
  if vm_running; then
    pid=$(cat "$VM_PID")
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  close_ssh
  rm -f "$VM_PID"
}

case "${1:-}" in
  build) vm_host_packages; build ;;
  start) start ;;
  stop) stop ;;
  reboot) reboot ;;
  run)
    shift
    user=$VM_USER
    [[ ${1:-} == --root ]] && { user=root; shift; }
    (($# == 1)) || vm_die "usage: vm.sh run [--root] 'shell line'"
    vm_running || vm_die "the VM is not running: vm.sh start"
    vm_ssh "$user" "$1"
    ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
