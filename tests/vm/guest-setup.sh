#!/bin/bash
# tests/vm/guest-setup.sh: runs once inside the debootstrapped tree (chroot) while vm.sh builds the
# image. Arguments: the kernel package, then the rootless user's name, uid and subordinate ids
# (START:COUNT), all from tests/vm/lib.sh. Changing this file or them rebuilds the image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
kernel_pkg=$1 user=$2 uid=$3 subids=$4

echo skiff-vm >/etc/hostname
printf '127.0.0.1 localhost\n127.0.1.1 skiff-vm\n' >/etc/hosts
mkdir -p /mnt/host
cat >/etc/fstab <<'FSTAB'
/dev/vda  /          ext4  rw,noatime  0 1
share     /mnt/host  9p    trans=virtio,version=9p2000.L,msize=262144,nofail  0 0
FSTAB

# The kernel, with an initrd that holds only what mounting /dev/vda needs (boots faster under TCG).
mkdir -p /etc/initramfs-tools/conf.d
printf 'MODULES=list\nCOMPRESS=gzip\n' >/etc/initramfs-tools/conf.d/skiff-vm.conf
printf '%s\n' virtio_pci virtio_blk ext4 >>/etc/initramfs-tools/modules
apt-get install -y -q --no-install-recommends "$kernel_pkg" initramfs-tools >/dev/null

# The rootless user: its uid (also its group's id), its subordinate ids (only these: useradd's own
# pick is dropped), lingering (its systemd --user manager runs from boot), and the memory, cpu and
# pids controllers delegated to that manager.
groupadd -g "$uid" "$user"
useradd -m -u "$uid" -g "$user" -s /bin/bash "$user"
echo "$user:$subids" >/etc/subuid
echo "$user:$subids" >/etc/subgid
mkdir -p /var/lib/systemd/linger /etc/systemd/system/user@.service.d
touch "/var/lib/systemd/linger/$user"
printf '[Service]\nDelegate=cpu cpuset io memory pids\n' >/etc/systemd/system/user@.service.d/skiff-vm.conf

# Network: qemu's user-mode network with a static address; only ssh is forwarded from the host.
mkdir -p /etc/systemd/network
printf '[Match]\nName=e*\n[Network]\nAddress=10.0.2.15/24\nGateway=10.0.2.2\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n' \
  >/etc/systemd/network/10-vm.network
systemctl enable -q systemd-networkd.service
systemctl mask -q systemd-networkd-wait-online.service

# ssh: key logins only, for root and the rootless user.
printf 'PasswordAuthentication no\nPermitRootLogin prohibit-password\nUseDNS no\nPrintMotd no\nMaxSessions 50\n' \
  >/etc/ssh/sshd_config.d/skiff-vm.conf
for home in /root "/home/$user"; do
  install -d -m 700 "$home/.ssh"
  install -m 600 /tmp/key.pub "$home/.ssh/authorized_keys"
done
chown -R "$user:$user" "/home/$user/.ssh"

# Quiet, quick boots: volatile journal, no periodic jobs.
mkdir -p /etc/systemd/journald.conf.d
printf '[Journal]\nStorage=volatile\n' >/etc/systemd/journald.conf.d/skiff-vm.conf
systemctl mask -q apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer \
  systemd-timesyncd.service getty@tty1.service 2>/dev/null || true
rm -rf /var/lib/apt/lists/* /tmp/key.pub
