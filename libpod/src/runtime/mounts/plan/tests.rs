//! The mount plan against the recording double: no root needed.

use std::path::PathBuf;

use nix::errno::Errno;
use nix::mount::{MntFlags, MsFlags};

use super::*;
use crate::runtime::mounts::ATTR_NOEXEC;
use crate::runtime::spec::{DeviceSpec, EtcFiles, MountSpec, Rootfs};
use crate::runtime::sys::record::{Call, Recorder};

/// A container with its root in the directory `/r` and nothing optional.
fn spec() -> RuntimeSpec {
    RuntimeSpec::for_test()
}

fn p(s: &str) -> PathBuf {
    PathBuf::from(s)
}

fn fs_mount(target: &str, fstype: &str, flags: MsFlags, data: Option<&str>) -> Call {
    Call::Mount {
        source: Some(p(fstype)),
        target: p(target),
        fstype: Some(fstype.into()),
        flags,
        data: data.map(str::to_string),
    }
}

fn bind_mount(source: &str, target: &str, flags: MsFlags) -> Call {
    Call::Mount {
        source: Some(p(source)),
        target: p(target),
        fstype: None,
        flags: MsFlags::MS_BIND | flags,
        data: None,
    }
}

const HARD: MsFlags = MsFlags::MS_NOSUID
    .union(MsFlags::MS_NOEXEC)
    .union(MsFlags::MS_NODEV);

fn user_mount(kind: MountKind, source: &str, destination: &str, options: &[&str]) -> MountSpec {
    MountSpec {
        destination: destination.into(),
        kind,
        source: p(source),
        options: options.iter().map(|o| o.to_string()).collect(),
    }
}

#[test]
fn default_mounts_in_order_with_their_flags() {
    let sys = Recorder::new();
    build_root(&sys, &spec(), true).unwrap();
    let private = MsFlags::MS_REC | MsFlags::MS_PRIVATE;
    let mut want = vec![
        Call::Mount {
            source: None,
            target: p("/"),
            fstype: None,
            flags: private,
            data: None,
        },
        bind_mount("/r", "/r", MsFlags::MS_REC),
        fs_mount("/r/proc", "proc", HARD, None),
        fs_mount(
            "/r/dev",
            "tmpfs",
            MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME,
            Some("mode=755,size=65536k"),
        ),
    ];
    for d in DEVICES {
        want.push(bind_mount(
            &format!("/dev/{d}"),
            &format!("/r/dev/{d}"),
            MsFlags::empty(),
        ));
    }
    want.extend([
        fs_mount(
            "/r/dev/pts",
            "devpts",
            MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC,
            Some("newinstance,ptmxmode=0666,mode=0620,gid=5"),
        ),
        Call::Mount {
            source: Some(p("shm")),
            target: p("/r/dev/shm"),
            fstype: Some("tmpfs".into()),
            flags: HARD,
            data: Some("mode=1777,size=65536".into()),
        },
        fs_mount("/r/dev/mqueue", "mqueue", HARD, None),
    ]);
    for (name, target) in DEV_LINKS {
        want.push(Call::Symlink {
            target: target.into(),
            link: p("/r/dev").join(name),
        });
    }
    want.extend([
        fs_mount("/r/sys", "sysfs", HARD | MsFlags::MS_RDONLY, None),
        fs_mount(
            "/r/sys/fs/cgroup",
            "cgroup2",
            HARD | MsFlags::MS_RDONLY,
            None,
        ),
        Call::Chdir(p("/r")),
        Call::PivotRoot,
        Call::Umount {
            target: p("."),
            flags: MntFlags::MNT_DETACH,
        },
        Call::Chdir(p("/")),
    ]);
    assert_eq!(sys.calls(), want);
}

#[test]
fn fallbacks_and_optional_mounts() {
    // A /proc that cannot be mounted (rootless --pid host) becomes a recursive bind of the
    // host's; a sysfs that cannot, a recursive read-only bind; no devpts gid without gid 5.
    let mut s = spec();
    s.pid = NamespaceMode::Host;
    s.shm = ShmMode::None;
    s.devices = vec![DeviceSpec {
        source: p("/dev/fuse"),
        destination: "/dev/fuse".into(),
        optional: false,
    }];
    s.etc_files = EtcFiles {
        hosts: Some(p("/run/c/hosts")),
        hostname: None,
        resolv_conf: Some(p("/run/c/resolv.conf")),
        passwd: None,
        group: None,
    };
    let fstype = |t: &'static str| move |c: &Call| matches!(c, Call::Mount { fstype: Some(f), .. } if f == t);
    let sys = Recorder::new()
        .host("/proc", Kind::Dir)
        .host("/sys", Kind::Dir)
        .fail(fstype("proc"), Errno::EPERM)
        .fail(fstype("sysfs"), Errno::EPERM);
    build_root(&sys, &s, false).unwrap();
    let mounts = sys.mounts();
    let targets: Vec<_> = mounts.iter().map(|m| m.0.clone()).collect();
    assert_eq!(targets[2..4], [p("/r/proc"), p("/r/proc")]);
    assert_eq!(mounts[3].2, MsFlags::MS_BIND | MsFlags::MS_REC);
    assert_eq!(targets[11], p("/r/dev/fuse"));
    assert_eq!(
        mounts[12].3.as_deref(),
        Some("newinstance,ptmxmode=0666,mode=0620")
    );
    // No /dev/shm; then mqueue, sysfs (refused), the host's /sys, no cgroup2.
    assert_eq!(
        targets[13..],
        [
            p("/r/dev/mqueue"),
            p("/r/sys"),
            p("/r/sys"),
            p("/r/etc/hosts"),
            p("/r/etc/resolv.conf"),
        ]
    );
    assert!(sys.calls().contains(&Call::SetAttrs {
        path: p("/r/sys"),
        set: ATTR_RDONLY,
        clear: 0,
        recursive: true,
    }));
}

#[test]
fn volumes_binds_and_tmpfs_at_their_destinations() {
    let mut s = spec();
    s.mounts = vec![
        user_mount(MountKind::Bind, "/vol/_data", "/data", &[]),
        user_mount(MountKind::Bind, "/host/f", "/etc/f", &["ro", "bind"]),
        user_mount(MountKind::Tmpfs, "", "/scratch", &["size=1m", "noexec"]),
        user_mount(MountKind::Tmpfs, "", "/t", &[]),
    ];
    s.init = Some(p("/usr/libexec/skiff-init"));
    let sys = Recorder::new()
        .host("/vol/_data", Kind::Dir)
        .host("/host/f", Kind::File)
        .missing("/data")
        .missing("/etc/f")
        .missing("/run/skiff-init");
    build_root(&sys, &s, false).unwrap();
    let calls = sys.calls();
    let at = |c: &Call| calls.iter().position(|x| x == c).unwrap();
    // Mount points are created with the kind of their source, before their mount, in order.
    let order = [
        at(&Call::Create {
            path: p("/data"),
            kind: Kind::Dir,
        }),
        at(&bind_mount("/vol/_data", "/r/data", MsFlags::MS_REC)),
        at(&Call::Create {
            path: p("/etc/f"),
            kind: Kind::File,
        }),
        at(&bind_mount("/host/f", "/r/etc/f", MsFlags::empty())),
        at(&Call::SetAttrs {
            path: p("/r/etc/f"),
            set: ATTR_RDONLY,
            clear: 0,
            recursive: false,
        }),
        at(&fs_mount(
            "/r/scratch",
            "tmpfs",
            MsFlags::empty(),
            Some("size=1m"),
        )),
        at(&Call::SetAttrs {
            path: p("/r/scratch"),
            set: ATTR_NOEXEC,
            clear: 0,
            recursive: false,
        }),
        at(&fs_mount(
            "/r/t",
            "tmpfs",
            MsFlags::empty(),
            Some("mode=1777"),
        )),
        at(&Call::Create {
            path: p("/run/skiff-init"),
            kind: Kind::File,
        }),
        at(&bind_mount(
            "/usr/libexec/skiff-init",
            "/r/run/skiff-init",
            MsFlags::empty(),
        )),
        at(&Call::SetAttrs {
            path: p("/r/run/skiff-init"),
            set: ATTR_RDONLY | ATTR_NOSUID | ATTR_NODEV,
            clear: 0,
            recursive: false,
        }),
        at(&Call::PivotRoot),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{calls:#?}");
    // A volume without options sets no attributes.
    assert!(!calls
        .iter()
        .any(|c| matches!(c, Call::SetAttrs { path, .. } if path == &p("/r/data"))));
}

#[test]
fn an_overlay_volume_empties_its_upper_layer_then_mounts_over_the_host_directory() {
    let mut s = spec();
    s.mounts = vec![user_mount(
        MountKind::Overlay,
        "/host/src",
        "/data",
        &["ro", "upperdir=/c/o/upper", "workdir=/c/o/work"],
    )];
    let sys = Recorder::new()
        .host("/host/src", Kind::Dir)
        .missing("/data");
    build_root(&sys, &s, false).unwrap();
    let calls = sys.calls();
    let at = |c: &Call| calls.iter().position(|x| x == c).unwrap();
    let mkdir = |d: &str| Call::Mkdir {
        path: p(d),
        parents: true,
    };
    let order = [
        at(&Call::RemoveTree(p("/c/o/upper"))),
        at(&mkdir("/c/o/upper")),
        at(&Call::RemoveTree(p("/c/o/work"))),
        at(&mkdir("/c/o/work")),
        at(&Call::Mount {
            source: Some(p("/host/src")),
            target: p("/r/data"),
            fstype: Some("overlay".into()),
            flags: MsFlags::empty(),
            data: Some("lowerdir=/host/src,upperdir=/c/o/upper,workdir=/c/o/work,userxattr".into()),
        }),
        at(&Call::SetAttrs {
            path: p("/r/data"),
            set: ATTR_RDONLY,
            clear: 0,
            recursive: false,
        }),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{calls:#?}");
    // Without its upper directory it is refused, not mounted as a plain bind.
    s.mounts[0].options.retain(|o| !o.starts_with("upperdir="));
    let e = build_root(&Recorder::new().host("/host/src", Kind::Dir), &s, false).unwrap_err();
    assert!(e.contains("no upperdir="), "{e}");
}

#[test]
fn user_mount_refusals_name_the_path() {
    let mut s = spec();
    s.mounts = vec![user_mount(MountKind::Bind, "/gone", "/data", &[])];
    let e = build_root(&Recorder::new(), &s, false).unwrap_err();
    assert_eq!(
        e,
        "bind mount source /gone does not exist: create it or fix the -v/--mount path"
    );
    s.mounts = vec![user_mount(MountKind::Tmpfs, "", "/x", &["bogus"])];
    let e = build_root(&Recorder::new(), &s, false).unwrap_err();
    assert_eq!(e, "mount /x: unsupported mount option \"bogus\"");
    // A destination the image's symlinks lead into /proc.
    s.mounts = vec![user_mount(MountKind::Tmpfs, "", "/link", &[])];
    let sys = Recorder::new().proc("/link");
    let e = build_root(&sys, &s, false).unwrap_err();
    assert!(
        e.starts_with("mount destination /link is inside /proc"),
        "{e}"
    );
    assert!(!sys.mounts().iter().any(|m| m.0 == p("/r/link")));
    // An overlay volume too, before its upper layer is touched.
    s.mounts = vec![user_mount(
        MountKind::Overlay,
        "/host/src",
        "/link",
        &["upperdir=/c/o/upper", "workdir=/c/o/work"],
    )];
    let sys = Recorder::new().host("/host/src", Kind::Dir).proc("/link");
    let e = build_root(&sys, &s, false).unwrap_err();
    assert!(
        e.starts_with("mount destination /link is inside /proc"),
        "{e}"
    );
    assert!(!sys.calls().contains(&Call::RemoveTree(p("/c/o/upper"))));
}

#[test]
fn a_failed_mount_stops_the_plan_and_names_its_path() {
    let mut s = spec();
    s.mounts = vec![
        user_mount(MountKind::Tmpfs, "", "/a", &[]),
        user_mount(MountKind::Tmpfs, "", "/b", &[]),
    ];
    let on = |t: &'static str| move |c: &Call| matches!(c, Call::Mount { target, .. } if target == &p(t));
    let sys = Recorder::new().fail(on("/r/a"), Errno::ENOSPC);
    let e = build_root(&sys, &s, false).unwrap_err();
    assert_eq!(e, "mounting /a: ENOSPC: No space left on device");
    assert!(!sys.calls().contains(&Call::PivotRoot));
    assert!(!sys.mounts().iter().any(|m| m.0 == p("/r/b")));
    // A default mount's error names it too; the optional ones (mqueue) do not stop the plan.
    let sys = Recorder::new().fail(on("/r/dev/pts"), Errno::EPERM);
    let e = build_root(&sys, &spec(), false).unwrap_err();
    assert_eq!(e, "mounting /dev/pts: EPERM: Operation not permitted");
    let sys = Recorder::new().fail(on("/r/dev/mqueue"), Errno::EPERM);
    build_root(&sys, &spec(), false).unwrap();
    // A mount point that cannot be created.
    let sys = Recorder::new()
        .missing("/dev")
        .fail(|c| matches!(c, Call::Create { .. }), Errno::EROFS);
    let e = build_root(&sys, &spec(), false).unwrap_err();
    assert_eq!(e, "creating /dev: Read-only file system (os error 30)");
    let sys = Recorder::new()
        .missing("/dev")
        .fail(|c| matches!(c, Call::Create { .. }), Errno::EOVERFLOW);
    let e = build_root(&sys, &spec(), false).unwrap_err();
    assert!(
        e.starts_with("creating /dev: Value too large") && e.contains("chown -R"),
        "{e}"
    );
    // A device that cannot be bound stops the plan, unless it is one of --privileged's.
    let mut with_device = spec();
    with_device.devices = vec![DeviceSpec {
        source: p("/dev/kvm"),
        destination: "/dev/kvm".into(),
        optional: false,
    }];
    let sys = || Recorder::new().fail(on("/r/dev/kvm"), Errno::EACCES);
    let e = build_root(&sys(), &with_device, false).unwrap_err();
    assert!(e.contains("/dev/kvm"), "{e}");
    with_device.devices[0].optional = true;
    let quiet = sys();
    build_root(&quiet, &with_device, false).unwrap();
    assert!(quiet.calls().contains(&Call::PivotRoot));
    // The pivot.
    let sys = Recorder::new().fail(|c| c == &Call::PivotRoot, Errno::EINVAL);
    let e = build_root(&sys, &spec(), false).unwrap_err();
    assert_eq!(e, "pivot_root: Invalid argument (os error 22)");
}

#[test]
fn masked_paths_are_covered_and_read_only_paths_remounted_read_only() {
    let sys = Recorder::new()
        .host("/proc/kcore", Kind::File)
        .host("/proc/keys", Kind::File)
        .host("/proc/acpi", Kind::Dir)
        .host("/sys/firmware", Kind::Dir)
        .host("/proc/sys", Kind::Dir)
        .host("/proc/sysrq-trigger", Kind::File);
    mask_paths(&sys, &spec()).unwrap();
    let empty_ro_tmpfs = |t: &str| Call::Mount {
        source: Some(p("tmpfs")),
        target: p(t),
        fstype: Some("tmpfs".into()),
        flags: MsFlags::MS_RDONLY,
        data: Some("size=0".into()),
    };
    let ro = |t: &str| Call::SetAttrs {
        path: p(t),
        set: ATTR_RDONLY,
        clear: 0,
        recursive: true,
    };
    // In the spec's order; paths the container lacks are skipped.
    assert_eq!(
        sys.calls(),
        [
            empty_ro_tmpfs("/proc/acpi"),
            bind_mount("/dev/null", "/proc/kcore", MsFlags::empty()),
            bind_mount("/dev/null", "/proc/keys", MsFlags::empty()),
            empty_ro_tmpfs("/sys/firmware"),
            bind_mount("/proc/sys", "/proc/sys", MsFlags::MS_REC),
            ro("/proc/sys"),
            bind_mount(
                "/proc/sysrq-trigger",
                "/proc/sysrq-trigger",
                MsFlags::MS_REC
            ),
            ro("/proc/sysrq-trigger"),
        ]
    );
    let sys = Recorder::new()
        .host("/proc/sys", Kind::Dir)
        .fail(|c| matches!(c, Call::SetAttrs { .. }), Errno::EPERM);
    let e = mask_paths(&sys, &spec()).unwrap_err();
    assert_eq!(
        e,
        "making /proc/sys read-only: Operation not permitted (os error 1)"
    );
}

#[test]
fn read_only_root_is_the_root_alone() {
    let sys = Recorder::new();
    read_only_root(&sys).unwrap();
    assert_eq!(
        sys.calls(),
        [Call::SetAttrs {
            path: p("/"),
            set: ATTR_RDONLY,
            clear: 0,
            recursive: false,
        }]
    );
    let sys = Recorder::new().fail(|_| true, Errno::EPERM);
    assert_eq!(
        read_only_root(&sys).unwrap_err(),
        "making the root file system read-only: Operation not permitted (os error 1)"
    );
}

#[test]
fn image_roots_are_one_overlay() {
    let mut s = spec();
    s.rootfs = Rootfs::Image {
        lower: vec![p("/l/top"), p("/l/base")],
        upper: p("/c/u"),
        work: p("/c/w"),
        merged: p("/c/m"),
    };
    let sys = Recorder::new();
    build_root(&sys, &s, false).unwrap();
    let m = &sys.mounts()[1];
    assert_eq!(m.0, p("/c/m"));
    assert_eq!(m.1.as_deref(), Some("overlay"));
    assert_eq!(
        m.3.as_deref(),
        Some("lowerdir=/l/top:/l/base,upperdir=/c/u,workdir=/c/w,userxattr")
    );
    assert_eq!(sys.mounts()[2].0, p("/c/m/proc"));
    assert!(sys.calls().contains(&Call::Chdir(p("/c/m"))));
}

#[test]
fn shared_shm_is_cloned_in_the_owners_namespace() {
    let mut s = spec();
    s.shm = ShmMode::FromNamespace(p("/proc/9/ns/mnt"));
    let sys = Recorder::new();
    build_root(&sys, &s, false).unwrap();
    let calls = sys.calls();
    let i = calls
        .iter()
        .position(|c| matches!(c, Call::Setns(..)))
        .unwrap();
    assert_eq!(
        calls[i..i + 4],
        [
            Call::Setns(p("/proc/9/ns/mnt"), CloneFlags::CLONE_NEWNS),
            Call::OpenTree(p("/dev/shm")),
            Call::Setns(p("/proc/self/ns/mnt"), CloneFlags::CLONE_NEWNS),
            Call::MoveMount {
                from: p("/dev/shm"),
                to: p("/r/dev/shm"),
            },
        ]
    );
    // A failed clone still returns to the container's namespace first.
    let sys = Recorder::new().fail(|c| matches!(c, Call::OpenTree(_)), Errno::ENOENT);
    let e = build_root(&sys, &s, false).unwrap_err();
    assert_eq!(
        e,
        "cloning the IPC owner's /dev/shm: No such file or directory (os error 2)"
    );
    assert_eq!(
        sys.calls().last(),
        Some(&Call::Setns(
            p("/proc/self/ns/mnt"),
            CloneFlags::CLONE_NEWNS
        ))
    );
}
