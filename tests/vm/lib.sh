# shellcheck shell=bash disable=SC2034  # the settings are used by the scripts that source this
# tests/vm/lib.sh: settings and helpers of skiff's VM rig (sourced by vm.sh and check.sh).
# Every setting is an environment variable with a default.

SKIFF_VM_DIR=${SKIFF_VM_DIR:-/var/tmp/skiff-vm}      # image, kernel, key, .deb cache, run state
SKIFF_VM_SSH_PORT=${SKIFF_VM_SSH_PORT:-2322}         # forwarded to the guest's sshd, 127.0.0.1 only
SKIFF_VM_MEM=${SKIFF_VM_MEM:-1536}                   # MiB
SKIFF_VM_CPUS=${SKIFF_VM_CPUS:-2}
SKIFF_VM_DISK=${SKIFF_VM_DISK:-4G}                   # sparse root filesystem
SKIFF_VM_BOOT_TIMEOUT=${SKIFF_VM_BOOT_TIMEOUT:-300}  # seconds
# The guest's Debian mirror: by default the first one this host's apt uses.
SKIFF_VM_MIRROR=${SKIFF_VM_MIRROR:-$(
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    awk '$1 == "URIs:" && $NF ~ /^http.*\/debian\/?$/ {print $NF; exit}
         $1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^http/) {  # past [options]
           if ($i ~ /\/debian\/?$/) { print $i; exit } else break } }'  || true
)}
# systemd as PID 1 with a D-Bus user session, ssh, and what rootless skiff needs (newuidmap, and
# slirp4netns and pasta for the default network).
SKIFF_VM_PACKAGES="systemd,systemd-sysv,dbus,dbus-user-session,libpam-systemd,udev,kmod,openssh-server,uidmap,procps,slirp4netns,passt"

VM_SHARE=$SKIFF_VM_DIR/share   # the guest sees it at /mnt/host (9p)
VM_KEY=$SKIFF_VM_DIR/key
VM_IMG=$SKIFF_VM_DIR/root.img
VM_PID=$SKIFF_VM_DIR/qemu.pid
VM_CONSOLE=$SKIFF_VM_DIR/console.log
# The guest's rootless user, the one place that names it: vm.sh creates it with this uid (also its
# gid) and these subordinate ids (START:COUNT, for uids and gids), lingering, with delegated
# controllers; check.sh expects exactly them. Not the first range useradd would give (100000), so
# nothing can pass only because it assumed that one.
VM_USER=dev
VM_UID=1000
VM_SUBIDS=${SKIFF_VM_SUBIDS:-231072:65536}

vm_log() { printf '[vm %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
vm_die() { vm_log "error: $*"; exit 1; }

# vm_need COMMAND:PACKAGE...: installs the packages whose command is missing (idempotent, root).
vm_need() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ $EUID -eq 0 ]] || vm_die "missing host packages ${missing[*]}: run as root"
  vm_log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# The host packages of the rig itself.
vm_host_packages() {
  vm_need qemu-system-x86_64:qemu-system-x86 debootstrap:debootstrap mkfs.ext4:e2fsprogs \
    ssh:openssh-client ssh-keygen:openssh-client
}

vm_running() {
  local pid
  pid=$(cat "$VM_PID" 2>/dev/null) && kill -0 "$pid" 2>/dev/null &&
    grep -q qemu-system "/proc/$pid/cmdline" 2>/dev/null
}

# vm_ssh USER ARGS...: ssh into the guest (one shared connection per user).
vm_ssh() {
  local user=$1
  shift
  ssh -i "$VM_KEY" -p "$SKIFF_VM_SSH_PORT" -l "$user" -o BatchMode=yes -o IdentitiesOnly=yes \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    -o ConnectTimeout=5 -o ControlMaster=auto -o "ControlPath=$SKIFF_VM_DIR/ssh-%r.sock" \
    -o ControlPersist=600 -T 127.0.0.1 "$@"
}
