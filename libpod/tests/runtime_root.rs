//! Runtime integration tests: real containers from a busybox rootfs. They need root (they
//! create namespaces and mounts) and /bin/busybox (Debian package busybox-static); without
//! either they print why and pass. Rootless coverage goes through the real CLI in the system
//! tests (tests/system), which enter the user namespace the way `skiff` does.

use std::io::Read;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::Pid;
use skiff_libpod::runtime::{self, EtcFiles, NetworkMode, ProcessSpec, Rootfs, RuntimeSpec, Stdio};
use skiff_libpod::Error;

/// Keeps container starts in this process one at a time (tests share the pipe helpers).
static SERIAL: Mutex<()> = Mutex::new(());

const APPLETS: &[&str] = &[
    "sh", "ls", "cat", "echo", "hostname", "true", "id", "grep", "touch", "readlink", "mount",
    "sleep",
];

/// Whether this test can run: root and a static /bin/busybox. Otherwise it says so and the test
/// skips itself; in a rig run (tests/ci.sh sets `SKIFF_CI_RUN`), which runs these tests as root
/// with busybox-static installed, that is a failure instead.
fn usable() -> bool {
    let ok = nix::unistd::geteuid().is_root() && Path::new("/bin/busybox").exists();
    if !ok {
        let why = "needs root and /bin/busybox (apt-get install busybox-static)";
        if std::env::var_os("SKIFF_CI_RUN").is_some_and(|v| !v.is_empty()) {
            panic!("{why}, which tests/ci.sh (SKIFF_CI_RUN) provides: failing, not skipping");
        }
        eprintln!("skipping: {why}");
    }
    ok
}

/// A minimal rootfs: busybox, its applets, passwd/group, a marker file.
fn busybox_rootfs(dir: &Path) -> PathBuf {
    let root = dir.join("rootfs");
    for d in ["bin", "etc", "proc", "dev", "sys", "tmp"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::copy("/bin/busybox", root.join("bin/busybox")).unwrap();
    for a in APPLETS {
        std::os::unix::fs::symlink("busybox", root.join("bin").join(a)).unwrap();
    }
    std::fs::write(
        root.join("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n",
    )
    .unwrap();
    std::fs::write(
        root.join("etc/group"),
        "root:x:0:\nalice:x:1000:\nwheel:x:10:alice\n",
    )
    .unwrap();
    std::fs::write(root.join("marker"), "rootfs").unwrap();
    root
}

fn spec(rootfs: Rootfs, args: &[&str]) -> RuntimeSpec {
    RuntimeSpec {
        id: "test".into(),
        rootfs,
        process: ProcessSpec {
            args: args.iter().map(|s| s.to_string()).collect(),
            env: vec!["PATH=/bin".into()],
            ..Default::default()
        },
        hostname: "testhost".into(),
        domainname: String::new(),
        mounts: Vec::new(),
        network: NetworkMode::None,
        read_only: false,
        privileged: false,
        id_map: None,
        masked_paths: runtime::default_masked_paths(),
        readonly_paths: runtime::default_readonly_paths(),
        devices: Vec::new(),
        etc_files: EtcFiles::default(),
        cgroup: None,
        shm_size: runtime::DEFAULT_SHM_SIZE,
        init: None,
        sysctls: Vec::new(),
        pid: Default::default(),
        ipc: Default::default(),
        uts: Default::default(),
        cgroupns: Default::default(),
        cgroup_writable: false,
        shm: Default::default(),
        oom_score_adj: None,
        userns: None,
        device_cgroup: None,
        userns_join: None,
    }
}

/// Runs the container; returns (exit code, stdout+stderr).
fn run(spec: &RuntimeSpec) -> Result<(i32, String), Error> {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (mut rx, tx) = std::io::pipe().unwrap();
    let tx: OwnedFd = tx.into();
    let stdin: OwnedFd = std::fs::File::open("/dev/null").unwrap().into();
    let stdio = Stdio::Fds {
        stdin,
        stdout: tx.try_clone().unwrap(),
        stderr: tx,
    };
    let spawned = runtime::spawn(spec, stdio)?;
    let mut out = String::new();
    rx.read_to_string(&mut out).unwrap();
    let code = match waitpid(Pid::from_raw(spawned.pid), None).unwrap() {
        WaitStatus::Exited(_, c) => c,
        WaitStatus::Signaled(_, s, _) => 128 + s as i32,
        other => panic!("unexpected wait status {other:?}"),
    };
    Ok((code, out))
}

fn in_dir(args: &[&str]) -> Option<(tempfile::TempDir, RuntimeSpec)> {
    if !usable() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = busybox_rootfs(dir.path());
    let s = spec(Rootfs::Dir { path: root }, args);
    Some((dir, s))
}

#[test]
fn exit_status_and_output() {
    let Some((_d, s)) = in_dir(&["sh", "-c", "echo hello; exit 3"]) else {
        return;
    };
    assert_eq!(run(&s).unwrap(), (3, "hello\n".to_string()));
}

#[test]
fn namespaces_hostname_pid1_and_root() {
    let Some((_d, s)) = in_dir(&[
        "sh",
        "-c",
        "hostname; echo $$; cat /marker; echo; ls /proc/1/exe >/dev/null && echo ok",
    ]) else {
        return;
    };
    let (code, out) = run(&s).unwrap();
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "testhost\n1\nrootfs\nok\n");
}

#[test]
fn default_capabilities_and_seccomp() {
    let Some((_d, s)) = in_dir(&[
        "grep",
        "-E",
        "^(CapEff|CapBnd|CapInh|Seccomp|NoNewPrivs):",
        "/proc/self/status",
    ]) else {
        return;
    };
    let (code, out) = run(&s).unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("CapEff:\t00000000a80425fb"), "{out}");
    assert!(out.contains("CapBnd:\t00000000a80425fb"), "{out}");
    assert!(out.contains("CapInh:\t0000000000000000"), "{out}");
    assert!(out.contains("Seccomp:\t2"), "{out}");
    assert!(out.contains("NoNewPrivs:\t0"), "{out}");
}

#[test]
fn non_root_user_has_no_effective_caps() {
    let Some((_d, mut s)) = in_dir(&["sh", "-c", "id; grep -E '^CapEff' /proc/self/status"]) else {
        return;
    };
    s.process.user = "alice".into();
    s.process.no_new_privileges = true;
    let (code, out) = run(&s).unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("uid=1000(alice) gid=1000(alice) groups=10(wheel)"),
        "{out}"
    );
    assert!(out.contains("CapEff:\t0000000000000000"), "{out}");
}

#[test]
fn unknown_user_is_docker_error() {
    let Some((_d, mut s)) = in_dir(&["true"]) else {
        return;
    };
    s.process.user = "ghost".into();
    let err = run(&s).unwrap_err();
    assert!(
        matches!(err, Error::Runtime(ref m) if m == "unable to find user ghost: no matching entries in passwd file"),
        "{err:?}"
    );
}

#[test]
fn no_host_fds_leak() {
    let Some((_d, s)) = in_dir(&["ls", "/proc/self/fd"]) else {
        return;
    };
    // An extra descriptor open in the parent must not reach the container.
    let _extra = std::fs::File::open("/etc/hostname").unwrap();
    let (code, out) = run(&s).unwrap();
    assert_eq!(code, 0, "{out}");
    // ls itself holds one descriptor (3) to read the directory.
    assert_eq!(
        out.split_whitespace().collect::<Vec<_>>(),
        ["0", "1", "2", "3"],
        "{out}"
    );
}

#[test]
fn command_not_found_and_not_executable() {
    let Some((_d, s)) = in_dir(&["nosuchcmd"]) else {
        return;
    };
    match run(&s) {
        Err(Error::CommandNotFound(m)) => {
            assert_eq!(m, "exec: \"nosuchcmd\": executable file not found in $PATH")
        }
        other => panic!("{other:?}"),
    }
    let mut s2 = s.clone();
    s2.process.args = vec!["/etc".into()];
    assert!(matches!(run(&s2), Err(Error::CommandNotExecutable(_))));
    s2.process.args = vec!["/marker".into()];
    assert!(matches!(run(&s2), Err(Error::CommandNotExecutable(_))));
}

#[test]
fn masked_and_readonly_paths() {
    let Some((_d, s)) = in_dir(&[
        "sh",
        "-c",
        "cat /proc/kcore | wc -c; echo 1 > /proc/sys/kernel/hostname 2>/dev/null || echo ro",
    ]) else {
        return;
    };
    let (code, out) = run(&s).unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("ro\n"), "{out}");
}

#[test]
fn read_only_root_and_tmpfs_mount() {
    let Some((_d, mut s)) = in_dir(&[
        "sh",
        "-c",
        "touch /x 2>/dev/null || echo ro; touch /scratch/y && echo tmpfs",
    ]) else {
        return;
    };
    s.read_only = true;
    s.mounts.push(runtime::MountSpec {
        destination: "/scratch".into(),
        kind: runtime::MountKind::Tmpfs,
        source: PathBuf::new(),
        options: vec!["size=1m".into()],
    });
    let (code, out) = run(&s).unwrap();
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "ro\ntmpfs\n");
}

#[test]
fn bind_mount_read_only() {
    let Some((d, mut s)) = in_dir(&[
        "sh",
        "-c",
        "cat /data/f; touch /data/g 2>/dev/null || echo ro",
    ]) else {
        return;
    };
    let host = d.path().join("host");
    std::fs::create_dir(&host).unwrap();
    std::fs::write(host.join("f"), "bound\n").unwrap();
    s.mounts.push(runtime::MountSpec {
        destination: "/data".into(),
        kind: runtime::MountKind::Bind,
        source: host.clone(),
        options: vec!["ro".into()],
    });
    let (code, out) = run(&s).unwrap();
    assert_eq!((code, out.as_str()), (0, "bound\nro\n"));
    assert!(!host.join("g").exists());
}

#[test]
fn symlinked_mount_point_never_escapes_the_rootfs() {
    let Some((d, mut s)) = in_dir(&["true"]) else {
        return;
    };
    // The image holds a symlink to an absolute host path; mounting below it must resolve inside
    // the rootfs (where the target does not exist: a clean error), never on the host.
    let Rootfs::Dir { path } = &s.rootfs else {
        unreachable!()
    };
    let outside = d.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, path.join("escape")).unwrap();
    s.mounts.push(runtime::MountSpec {
        destination: "/escape/sub".into(),
        kind: runtime::MountKind::Tmpfs,
        source: PathBuf::new(),
        options: vec![],
    });
    let err = run(&s).unwrap_err();
    assert!(err.to_string().contains("creating /escape/sub"), "{err}");
    assert!(
        !outside.join("sub").exists(),
        "a mount point was created outside the rootfs"
    );
}

#[test]
fn dir_overlay_leaves_lower_untouched() {
    if !usable() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let root = busybox_rootfs(d.path());
    for x in ["upper", "work", "merged"] {
        std::fs::create_dir(d.path().join(x)).unwrap();
    }
    let s = spec(
        Rootfs::DirOverlay {
            path: root.clone(),
            upper: d.path().join("upper"),
            work: d.path().join("work"),
            merged: d.path().join("merged"),
        },
        &[
            "sh",
            "-c",
            "echo new > /marker; echo written > /added; cat /marker",
        ],
    );
    let (code, out) = run(&s).unwrap();
    assert_eq!((code, out.as_str()), (0, "new\n"));
    assert_eq!(
        std::fs::read_to_string(root.join("marker")).unwrap(),
        "rootfs"
    );
    assert!(!root.join("added").exists());
    assert!(d.path().join("upper/added").exists());
}

#[test]
fn host_root_overlay_does_not_write_host() {
    if !usable() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    for x in ["upper", "work", "merged"] {
        std::fs::create_dir(d.path().join(x)).unwrap();
    }
    let marker = format!("skiff-test-{}", std::process::id());
    let mut s = spec(
        Rootfs::DirOverlay {
            path: "/".into(),
            upper: d.path().join("upper"),
            work: d.path().join("work"),
            merged: d.path().join("merged"),
        },
        &[
            "sh",
            "-c",
            &format!(
                "echo x > /usr/{marker} && echo x > /etc/{marker} && cat /usr/{marker} && id -u"
            ),
        ],
    );
    s.process.env = vec![];
    let (code, out) = run(&s).unwrap();
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "x\n0\n");
    assert!(!Path::new("/usr").join(&marker).exists());
    assert!(!Path::new("/etc").join(&marker).exists());
}

#[test]
fn pty_is_controlling_terminal() {
    let Some((_d, mut s)) = in_dir(&["sh", "-c", "readlink /proc/self/fd/0; echo done"]) else {
        return;
    };
    s.process.terminal = true;
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let spawned = runtime::spawn(&s, Stdio::Pty).unwrap();
    let master = spawned.pty_master.expect("pty master");
    let mut f = std::fs::File::from(master);
    let mut out = Vec::new();
    let mut buf = [0u8; 256];
    // The pty returns EIO once the slave side is closed.
    while let Ok(n) = f.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    let _ = waitpid(Pid::from_raw(spawned.pid), None);
    let out = String::from_utf8_lossy(&out);
    assert!(out.starts_with("/dev/pts/0\r\ndone"), "{out}");
}

/// `cargo test --release -p skiff-libpod --test runtime_root spawn_timing -- --ignored --nocapture`
#[test]
#[ignore = "benchmark: run explicitly, in a release build"]
fn spawn_timing() {
    let Some((_d, s)) = in_dir(&["true"]) else {
        return;
    };
    let mut times: Vec<f64> = (0..100)
        .map(|_| {
            let t = std::time::Instant::now();
            assert_eq!(run(&s).unwrap().0, 0);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mut img = s.clone();
    img.process.seccomp = runtime::SeccompMode::Unconfined;
    let mut unconfined: Vec<f64> = (0..100)
        .map(|_| {
            let t = std::time::Instant::now();
            run(&img).unwrap();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    unconfined.sort_by(|a, b| a.partial_cmp(b).unwrap());
    eprintln!(
        "spawn-to-exit of `true` (Rootfs::Dir, busybox): median {:.2} ms, p90 {:.2} ms; seccomp unconfined: median {:.2} ms",
        times[50], times[90], unconfined[50]
    );
}

/// Runs `process` in the container of `pid` and returns (exit code, output).
fn exec(pid: i32, process: &ProcessSpec) -> Result<(i32, String), Error> {
    let (mut rx, tx) = std::io::pipe().unwrap();
    let tx: OwnedFd = tx.into();
    let stdin: OwnedFd = std::fs::File::open("/dev/null").unwrap().into();
    let spawned = runtime::exec_in(
        pid,
        process,
        Stdio::Fds {
            stdin,
            stdout: tx.try_clone().unwrap(),
            stderr: tx,
        },
    )?;
    let mut out = String::new();
    rx.read_to_string(&mut out).unwrap();
    let code = match waitpid(Pid::from_raw(spawned.pid), None).unwrap() {
        WaitStatus::Exited(_, c) => c,
        other => panic!("unexpected wait status {other:?}"),
    };
    Ok((code, out))
}

#[test]
fn exec_joins_the_container_and_cannot_reach_the_host_binary() {
    let Some((_d, s)) = in_dir(&["sleep", "30"]) else {
        return;
    };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let null = || -> OwnedFd { std::fs::File::open("/dev/null").unwrap().into() };
    let init = runtime::spawn(
        &s,
        Stdio::Fds {
            stdin: null(),
            stdout: null(),
            stderr: null(),
        },
    )
    .unwrap();
    // Every process of the container, with the binary it runs: a process left in the container
    // by the join (which runs the host binary, not dumpable, until it execs) shows up as an
    // extra pid whose exe is unreadable or a host path. (Writing /proc/1/exe proves nothing: a
    // running binary is never writable.)
    let script = "hostname; cat /marker; echo; echo $$; \
                  for p in /proc/[0-9]*; do \
                    echo \"exe ${p#/proc/} $(readlink $p/exe || echo unreadable)\"; \
                  done";
    let p = ProcessSpec {
        args: vec!["sh".into(), "-c".into(), script.into()],
        env: vec!["PATH=/bin".into()],
        ..Default::default()
    };
    let (code, out) = exec(init.pid, &p).unwrap();
    let missing = ProcessSpec {
        args: vec!["nosuch".into()],
        ..p.clone()
    };
    let not_found = exec(init.pid, &missing);
    let _ = nix::sys::signal::kill(Pid::from_raw(init.pid), nix::sys::signal::Signal::SIGKILL);
    let _ = waitpid(Pid::from_raw(init.pid), None);
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(&lines[..2], ["testhost", "rootfs"], "{out}");
    assert_ne!(lines[2], "1", "the exec'd process is not the init");
    assert!(
        lines.iter().all(|l| !l.contains("runtime_root")),
        "a container process sees the host binary: {out}"
    );
    let mut procs: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("exe "))
        .collect();
    procs.sort();
    let mut want = vec![
        "1 /bin/busybox".to_string(),
        format!("{} /bin/busybox", lines[2]),
    ];
    want.sort();
    assert_eq!(
        procs, want,
        "only the init and the exec'd shell run in the container, both from its busybox: {out}"
    );
    assert!(
        matches!(not_found, Err(Error::CommandNotFound(_))),
        "{not_found:?}"
    );
}

#[test]
fn own_network_namespace_has_loopback_up() {
    let Some((_d, mut s)) = in_dir(&["sh", "-c", "ls /sys/class/net; cat /sys/class/net/lo/flags"])
    else {
        return;
    };
    let (code, out) = run(&s).unwrap();
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "lo", "{out}");
    let flags = u32::from_str_radix(lines[1].trim_start_matches("0x"), 16).unwrap();
    assert_eq!(flags & 0x1, 0x1, "lo is not up: {out}");
    // --network host: the host's interfaces, and /sys still mounted.
    s.network = NetworkMode::Host;
    let (code, out) = run(&s).unwrap();
    let host: Vec<String> = std::fs::read_dir("/sys/class/net")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count() - 1, host.len(), "{out}");
}

#[test]
fn image_layers_with_whiteouts_and_opaque_dirs() {
    if !usable() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let base = busybox_rootfs(d.path());
    std::fs::write(base.join("gone"), "x").unwrap();
    std::fs::create_dir(base.join("d")).unwrap();
    std::fs::write(base.join("d/old"), "x").unwrap();
    // The top layer as the storage crate writes it: a 0:0 character device is a whiteout, an
    // opaque directory carries user.overlay.opaque=y.
    let top = d.path().join("top");
    std::fs::create_dir_all(top.join("d")).unwrap();
    std::fs::write(top.join("d/new"), "x").unwrap();
    nix::sys::stat::mknod(
        &top.join("gone"),
        nix::sys::stat::SFlag::S_IFCHR,
        nix::sys::stat::Mode::from_bits_truncate(0o600),
        0,
    )
    .unwrap();
    let path = std::ffi::CString::new(top.join("d").as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: valid C strings and buffer.
    let rc = unsafe {
        libc::setxattr(
            path.as_ptr(),
            c"user.overlay.opaque".as_ptr(),
            b"y".as_ptr().cast(),
            1,
            0,
        )
    };
    assert_eq!(rc, 0, "setxattr: {}", std::io::Error::last_os_error());
    for x in ["upper", "work", "merged"] {
        std::fs::create_dir(d.path().join(x)).unwrap();
    }
    let s = spec(
        Rootfs::Image {
            lower: vec![top, base],
            upper: d.path().join("upper"),
            work: d.path().join("work"),
            merged: d.path().join("merged"),
        },
        &["sh", "-c", "ls / | grep -c gone; ls /d; cat /marker"],
    );
    let (code, out) = run(&s).unwrap();
    assert_eq!(out, "0\nnew\nrootfs", "exit {code}");
}
