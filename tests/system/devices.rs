//! The device cgroup of root containers: a container keeps docker's capabilities, CAP_MKNOD
//! among them, so without one it could make a node for a host disk and read it. Root: such a
//! read is refused, /dev/null still works, `--device-cgroup-rule` and `--privileged` open it,
//! `exec` is held to the same rules, and the group goes with the container. Rootless:
//! `--device-cgroup-rule` is refused (as podman does).

use std::path::Path;

use crate::harness::Skiff;

/// A block device node of the host that root (this test) can open for reading: its path and
/// `(major, minor)`. Some hosts refuse even root some disks (a sandbox's own device filter), so
/// each is tried.
fn readable_block_device() -> (String, (u32, u32)) {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/dev").unwrap().flatten() {
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if meta.file_type().is_block_device() && std::fs::File::open(entry.path()).is_ok() {
            let rdev = meta.rdev();
            let numbers = (libc::major(rdev), libc::minor(rdev));
            found.push((entry.path().display().to_string(), numbers));
        }
    }
    found.sort();
    found
        .into_iter()
        .next()
        .expect("no block device in /dev on this host that root can open")
}

/// `sh -c` script: makes a node for block device `dev` and reads a block of it.
fn read_node((major, minor): (u32, u32)) -> String {
    format!(
        "rm -f /tmp/disk; mknod /tmp/disk b {major} {minor} && dd if=/tmp/disk of=/dev/null bs=512 count=1 \
         2>/tmp/err && echo read; cat /tmp/err >&2"
    )
}

fn run_sh(sk: &Skiff, flags: &[&str], script: &str) -> crate::harness::Output {
    let rootfs = sk.busybox_rootfs();
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--rootfs", &rootfs, "sh", "-c", script]);
    sk.run(&args)
}

/// Tests that need root: tests/ci.sh runs them in its root pass only (`--skip ::only_root::` in the
/// rootless pass), so neither pass skips a test.
mod only_root {
    use super::*;

    #[test]
    fn a_root_container_cannot_read_a_host_disk() {
        require_root!();
        let sk = Skiff::new();
        let (_, disk) = readable_block_device();
        let out = run_sh(&sk, &[], &read_node(disk));
        assert_eq!(out.stdout, "", "{out:?}");
        assert!(
            out.stderr
                .contains("can't open '/tmp/disk': Operation not permitted"),
            "{out:?}"
        );
        // The nodes every container has still work.
        let out = run_sh(
            &sk,
            &[],
            "echo x > /dev/null && head -c 3 /dev/zero | wc -c && head -c 1 /dev/urandom | wc -c",
        );
        assert_eq!((out.status, out.stdout.as_str()), (0, "3\n1\n"), "{out:?}");
    }

    #[test]
    fn device_cgroup_rule_and_privileged_open_it() {
        require_root!();
        let sk = Skiff::new();
        let (node, disk) = readable_block_device();
        let rule = format!("b {}:{} r", disk.0, disk.1);
        let out = run_sh(&sk, &["--device-cgroup-rule", &rule], &read_node(disk));
        assert_eq!(out.stdout, "read\n", "{out:?}");
        // Read only: opening it for writing is still refused.
        let out = run_sh(
            &sk,
            &["--device-cgroup-rule", &rule],
            &format!(
                "rm -f /tmp/disk; mknod /tmp/disk b {} {}; dd if=/dev/zero of=/tmp/disk bs=1 count=0 conv=notrunc",
                disk.0, disk.1
            ),
        );
        assert!(out.stderr.contains("Operation not permitted"), "{out:?}");
        // A rule on any minor of the major, with its other letters.
        let wide = format!("b {}:* rwm", disk.0);
        let out = run_sh(&sk, &["--device-cgroup-rule", &wide], &read_node(disk));
        assert_eq!(out.stdout, "read\n", "{out:?}");
        let out = run_sh(&sk, &["--privileged"], &read_node(disk));
        assert_eq!(out.stdout, "read\n", "{out:?}");
        // --device gives the node it names, not its neighbours.
        let out = run_sh(
            &sk,
            &["--device", &format!("{node}:/dev/xdisk")],
            "dd if=/dev/xdisk of=/dev/null bs=512 count=1 2>/dev/null && echo read",
        );
        assert_eq!(out.stdout, "read\n", "{out:?}");
        // With its permissions: read only.
        let out = run_sh(
            &sk,
            &["--device", &format!("{node}:/dev/xdisk:r")],
            "dd if=/dev/xdisk of=/dev/null bs=512 count=1 2>/dev/null && echo read; \
             dd if=/dev/zero of=/dev/xdisk bs=1 count=0 conv=notrunc",
        );
        assert_eq!(out.stdout, "read\n", "{out:?}");
        assert!(out.stderr.contains("Operation not permitted"), "{out:?}");
        // docker shows the rules in HostConfig.
        let rootfs = sk.busybox_rootfs();
        sk.ok(&[
            "create",
            "--name",
            "ruled",
            "--device-cgroup-rule",
            &rule,
            "--rootfs",
            &rootfs,
            "true",
        ]);
        let shown = sk.ok(&[
            "inspect",
            "-f",
            "{{json .HostConfig.DeviceCgroupRules}}",
            "ruled",
        ]);
        assert_eq!(shown.trim(), format!("[\"{rule}\"]"));
    }

    #[test]
    fn exec_is_held_to_the_rules_and_the_group_goes_with_the_container() {
        require_root!();
        let sk = Skiff::new();
        let (_, disk) = readable_block_device();
        let rootfs = sk.busybox_rootfs();
        let id = sk
            .ok(&["run", "-d", "--rootfs", &rootfs, "sleep", "300"])
            .trim()
            .to_string();
        let out = sk.run(&["exec", &id, "sh", "-c", &read_node(disk)]);
        assert_eq!(out.stdout, "", "{out:?}");
        assert!(out.stderr.contains("Operation not permitted"), "{out:?}");
        // On a cgroup v1 (or hybrid) host the rules live in a devices group of the container's.
        let v1 = Path::new("/sys/fs/cgroup/devices/devices.allow").exists();
        let group = Path::new("/sys/fs/cgroup/devices").join(format!("skiff-{id}"));
        if v1 {
            let list = std::fs::read_to_string(group.join("devices.list")).unwrap();
            assert!(list.lines().any(|l| l == "c 1:3 rwm"), "{list}");
            assert!(!list.lines().any(|l| l.starts_with('a')), "{list}");
        }
        sk.ok(&["rm", "-f", &id]);
        assert!(!group.exists(), "{} is left", group.display());
    }
}

/// Tests of rootless behaviour: tests/ci.sh runs them in its rootless pass only (`--skip
/// ::only_rootless::` in the root pass).
mod only_rootless {
    use super::*;

    #[test]
    fn device_cgroup_rule_is_refused_rootless() {
        require_rootless!();
        let sk = Skiff::new();
        let rootfs = sk.busybox_rootfs();
        for verb in ["run", "create"] {
            let out = sk.fails(
                &[
                    verb,
                    "--device-cgroup-rule",
                    "c 1:3 rwm",
                    "--rootfs",
                    &rootfs,
                    "true",
                ],
                125,
            );
            assert!(
                out.stderr
                    .contains("device cgroup rules are not supported in rootless mode"),
                "{out:?}"
            );
        }
        assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
    }
}
