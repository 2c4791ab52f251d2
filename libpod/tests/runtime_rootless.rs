//! Rootless runtime test: as root, re-runs this test binary as the user `skifftest` (created by
//! the test rig with a /etc/subuid range); the inner run enters the user namespace with
//! `enter_userns` and starts containers from a busybox rootfs. Skips (passing) without root,
//! the user, newuidmap or /bin/busybox.

use std::io::Read;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::Command;

use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, ForkResult, Pid};
use skiff_libpod::runtime::{self, EtcFiles, NetworkMode, ProcessSpec, Rootfs, RuntimeSpec, Stdio};

const INNER: &str = "SKIFF_ROOTLESS_INNER";

#[test]
fn rootless_containers_as_skifftest() {
    if std::env::var_os(INNER).is_some() {
        return;
    }
    let ready = nix::unistd::geteuid().is_root()
        && Path::new("/bin/busybox").exists()
        && Path::new("/usr/bin/newuidmap").exists()
        && nix::unistd::User::from_name("skifftest")
            .ok()
            .flatten()
            .is_some();
    if !ready {
        eprintln!("skipping: needs root, the user skifftest, newuidmap and /bin/busybox");
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("runuser")
        .args([
            "-u",
            "skifftest",
            "--",
            "env",
            &format!("{INNER}=1"),
            "HOME=/tmp",
        ])
        .arg(&exe)
        .args([
            "rootless_inner",
            "--exact",
            "--include-ignored",
            "--nocapture",
        ])
        .current_dir("/")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success() && text.contains("1 passed"), "{text}");
}

fn spec(rootfs: Rootfs, args: &[&str]) -> RuntimeSpec {
    RuntimeSpec {
        id: "rootless".into(),
        rootfs,
        process: ProcessSpec {
            args: args.iter().map(|s| s.to_string()).collect(),
            env: vec!["PATH=/bin:/usr/bin".into()],
            ..Default::default()
        },
        hostname: "rl".into(),
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
    }
}

fn run(spec: &RuntimeSpec) -> (i32, String) {
    let (mut rx, tx) = std::io::pipe().unwrap();
    let tx: OwnedFd = tx.into();
    let stdin: OwnedFd = std::fs::File::open("/dev/null").unwrap().into();
    let spawned = runtime::spawn(
        spec,
        Stdio::Fds {
            stdin,
            stdout: tx.try_clone().unwrap(),
            stderr: tx,
        },
    )
    .unwrap();
    let mut out = String::new();
    rx.read_to_string(&mut out).unwrap();
    match waitpid(Pid::from_raw(spawned.pid), None).unwrap() {
        WaitStatus::Exited(_, c) => (c, out),
        other => panic!("{other:?}"),
    }
}

/// The scenario, in a forked (single-threaded) child so that unshare(CLONE_NEWUSER) is allowed.
fn scenario(dir: &Path) {
    let t = std::time::Instant::now();
    let map = runtime::userns::enter_userns().unwrap();
    eprintln!(
        "enter_userns took {:.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(map.uids.len(), 2, "{map:?}");
    let root = dir.join("rootfs");
    for d in ["bin", "etc"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::copy("/bin/busybox", root.join("bin/busybox")).unwrap();
    for a in ["sh", "id", "cat", "echo"] {
        std::os::unix::fs::symlink("busybox", root.join("bin").join(a)).unwrap();
    }
    std::fs::write(root.join("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n").unwrap();
    std::fs::write(root.join("marker"), "lower").unwrap();
    // Files of the invoking user appear as root; the ids inside are the mapped range.
    let (code, out) = run(&spec(
        Rootfs::Dir { path: root.clone() },
        &["sh", "-c", "id -u; cat /proc/self/uid_map"],
    ));
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("0\n"), "{out}");
    assert!(out.contains("100000"), "{out}");
    // A private overlay over a directory: the lower layer is never written.
    let ov = |name: &str| {
        let p: PathBuf = dir.join(name);
        std::fs::create_dir_all(&p).unwrap();
        p
    };
    let s = spec(
        Rootfs::DirOverlay {
            path: root.clone(),
            upper: ov("u1"),
            work: ov("w1"),
            merged: ov("m1"),
        },
        &["sh", "-c", "echo upper > /marker; cat /marker"],
    );
    assert_eq!(run(&s), (0, "upper\n".to_string()));
    assert_eq!(
        std::fs::read_to_string(root.join("marker")).unwrap(),
        "lower"
    );
    // The host's own root as a throw-away overlay (issue 11).
    let marker = format!("skiff-rootless-{}", std::process::id());
    let s = spec(
        Rootfs::DirOverlay {
            path: "/".into(),
            upper: ov("u2"),
            work: ov("w2"),
            merged: ov("m2"),
        },
        &[
            "sh",
            "-c",
            &format!(
                "id -u && echo x > /usr/{marker} && echo y > /etc/{marker} && cat /usr/{marker}"
            ),
        ],
    );
    assert_eq!(run(&s), (0, "0\nx\n".to_string()));
    assert!(!Path::new("/usr").join(&marker).exists());
}

#[test]
#[ignore = "runs only inside rootless_containers_as_skifftest"]
fn rootless_inner() {
    if std::env::var_os(INNER).is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: the child runs the scenario and exits; glibc's fork keeps malloc usable.
    match unsafe { fork() }.unwrap() {
        ForkResult::Child => {
            let r = std::panic::catch_unwind(|| scenario(dir.path()));
            // SAFETY: leave the forked child immediately.
            unsafe { libc::_exit(if r.is_ok() { 0 } else { 1 }) }
        }
        ForkResult::Parent { child } => {
            assert_eq!(
                waitpid(child, None).unwrap(),
                WaitStatus::Exited(child, 0),
                "the rootless scenario failed (see above)"
            );
        }
    }
}
