//! Rootless runtime test: as root, re-runs this test binary as the rig's user (`skifftest`, or
//! `$SKIFF_RIG_USER` as in tests/rig/common.sh; created by the rig with /etc/subuid and
//! /etc/subgid ranges); the inner run enters the user namespace with `enter_userns` and starts
//! containers from a busybox rootfs. The expected mapping is read from /etc/subuid and
//! /etc/subgid for the user running the inner test, never assumed: useradd gives each new user
//! the next free range, so it depends on the machine. Skips (passing) without root, the user,
//! newuidmap or /bin/busybox.

use std::io::Read;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::Command;

use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, ForkResult, Pid};
use skiff_libpod::runtime::{self, EtcFiles, NetworkMode, ProcessSpec, Rootfs, RuntimeSpec, Stdio};

const INNER: &str = "SKIFF_ROOTLESS_INNER";

/// The rig's unprivileged user (tests/rig/common.sh: `RIG_USER`).
fn rig_user() -> String {
    std::env::var("SKIFF_RIG_USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "skifftest".to_string())
}

#[test]
fn rootless_containers_as_skifftest() {
    if std::env::var_os(INNER).is_some() {
        return;
    }
    let user = rig_user();
    let ready = nix::unistd::geteuid().is_root()
        && Path::new("/bin/busybox").exists()
        && Path::new("/usr/bin/newuidmap").exists()
        && nix::unistd::User::from_name(&user).ok().flatten().is_some();
    if !ready {
        let why = format!("needs root, the user {user}, newuidmap and /bin/busybox");
        // tests/ci.sh (SKIFF_CI_RUN) provides all of them: there a skip would hide a lost one.
        if std::env::var_os("SKIFF_CI_RUN").is_some_and(|v| !v.is_empty()) {
            panic!("{why}, which tests/ci.sh (SKIFF_CI_RUN) provides: failing, not skipping");
        }
        eprintln!("skipping: {why}");
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("runuser")
        .args(["-u", &user, "--", "env", &format!("{INNER}=1"), "HOME=/tmp"])
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
    eprintln!("{text}");
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

/// One `container host size` line of a uid_map or gid_map.
type MapLine = (u32, u32, u32);

/// The mapping skiff must set up for the user called `name` with id `own`, read from `file`
/// (/etc/subuid or /etc/subgid) here rather than with skiff's own parser: `own` at 0, then each
/// of the user's ranges (by name or by id, in file order) from 1 on.
fn expected_map(file: &str, name: &str, own: u32) -> Vec<MapLine> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let mut map = vec![(0, own, 1)];
    let mut next = 1;
    for line in text.lines().map(str::trim) {
        let f: Vec<&str> = line.split(':').collect();
        if line.starts_with('#') || f.len() < 3 || (f[0] != name && f[0] != own.to_string()) {
            continue;
        }
        if let (Ok(start), Ok(count)) = (f[1].trim().parse::<u32>(), f[2].trim().parse::<u32>()) {
            if count > 0 {
                map.push((next, start, count));
                next += count;
            }
        }
    }
    assert!(
        map.len() > 1,
        "no subordinate ids for {name} (id {own}) in {file}: the rig (tests/ci.sh --setup-only) \
         gives its user a range"
    );
    map
}

/// The `container host size` lines of a /proc/PID/uid_map text.
fn map_lines(text: &str) -> Vec<MapLine> {
    text.lines()
        .map(|l| {
            let f: Vec<u32> = l.split_whitespace().map(|x| x.parse().unwrap()).collect();
            assert_eq!(f.len(), 3, "{text}");
            (f[0], f[1], f[2])
        })
        .collect()
}

/// The scenario, in a forked (single-threaded) child so that unshare(CLONE_NEWUSER) is allowed.
fn scenario(dir: &Path) {
    let (uid, gid) = (nix::unistd::getuid(), nix::unistd::getgid());
    let name = nix::unistd::User::from_uid(uid).unwrap().unwrap().name;
    let want_uids = expected_map("/etc/subuid", &name, uid.as_raw());
    let want_gids = expected_map("/etc/subgid", &name, gid.as_raw());
    eprintln!("{name}: expecting uid_map {want_uids:?}, gid_map {want_gids:?}");
    let t = std::time::Instant::now();
    runtime::userns::enter_userns(Some(dir)).unwrap();
    let map = runtime::userns::current_id_map();
    eprintln!(
        "enter_userns took {:.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let lines = |m: &[runtime::IdRange]| -> Vec<MapLine> {
        m.iter().map(|r| (r.container, r.host, r.size)).collect()
    };
    assert_eq!(lines(&map.uids), want_uids, "{map:?}");
    assert_eq!(lines(&map.gids), want_gids, "{map:?}");
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
    // Files of the invoking user appear as root; the ids inside are the user's own id and its
    // subordinate ranges, exactly as /etc/subuid and /etc/subgid grant them.
    let (code, out) = run(&spec(
        Rootfs::Dir { path: root.clone() },
        &[
            "sh",
            "-c",
            "id -u; cat /proc/self/uid_map; echo --; cat /proc/self/gid_map",
        ],
    ));
    assert_eq!(code, 0, "{out}");
    let (uid_map, gid_map) = out
        .strip_prefix("0\n")
        .and_then(|rest| rest.split_once("--\n"))
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(map_lines(uid_map), want_uids, "{out}");
    assert_eq!(map_lines(gid_map), want_gids, "{out}");
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
