//! The container can never write the host's skiff binary (CVE-2019-5736) nor keep a working
//! directory outside its root (CVE-2024-21626). No registry needed: a busybox `--rootfs`.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::Skiff;

/// Polls `f` every 50 ms until it returns Some, for at most `limit`.
fn poll<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(v) = f() {
            return Some(v);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// The classic attack runs a script whose interpreter is `/proc/self/exe`, so that the process
/// joining the container for `skiff exec` executes the skiff binary inside it, where another
/// container process can hold `/proc/PID/exe` open and write the binary once it exits. (The
/// kernels here refuse to follow that magic link into another mount namespace, but older ones
/// do.) The `exec` caller, whose fork does the joining, therefore runs from a read-only view of
/// its binary for as long as it lives.
#[test]
fn exec_runs_from_a_read_only_binary() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "c", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let mut caller = sk
        .cmd(&["exec", "c", "sleep", "5"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let exe = format!("/proc/{}/exe", caller.id());
    // It re-executes itself at once; wait until the running image is the re-executed one.
    let flags = poll(Duration::from_secs(5), || {
        let f = statvfs_flags(std::path::Path::new(&exe));
        (f & libc::ST_RDONLY != 0).then_some(f)
    });
    let _ = caller.kill();
    let _ = caller.wait();
    assert!(
        flags.is_some(),
        "skiff exec kept running from a writable binary"
    );
    sk.ok(&["rm", "-f", "c"]);
}

/// The container's init is a clone of its monitor, so the monitor (which outlives every
/// container process) must run from a read-only view of the binary: a `/proc/self/exe` script as
/// the container's command, or after a restart, then finds nothing it can write.
#[test]
fn the_monitor_runs_from_a_read_only_binary() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "m", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let id = sk.ok(&["inspect", "-f", "{{.Id}}", "m"]).trim().to_string();
    let monitor = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .find(|e| {
            std::fs::read(e.path().join("cmdline")).is_ok_and(|c| {
                let c = String::from_utf8_lossy(&c);
                c.contains("__monitor") && c.contains(&id)
            })
        })
        .expect("the container's monitor")
        .path();
    let exe = monitor.join("exe");
    let st = statvfs_flags(&exe);
    assert!(
        st & libc::ST_RDONLY != 0,
        "{} is on a writable mount",
        exe.display()
    );
    // As a privileged container's own command, skiff runs as its PID 1 (and fails on the
    // unknown argument); nothing in the container can write it (see the exec test).
    std::fs::write(format!("{rootfs}/evil"), "#!/proc/self/exe\n").unwrap();
    let chmod = std::process::Command::new("chmod")
        .args(["755", &format!("{rootfs}/evil")])
        .status()
        .unwrap();
    assert!(chmod.success());
    let out = sk.run(&["run", "--rm", "--privileged", "--rootfs", &rootfs, "/evil"]);
    assert!(out.stderr.contains("/evil"), "{out:?}");
    sk.ok(&["rm", "-f", "m"]);
}

/// statvfs(2)'s f_flag for `path`.
fn statvfs_flags(path: &std::path::Path) -> u64 {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: statvfs into a zeroed struct with a valid C string.
    unsafe {
        let mut st: libc::statvfs = std::mem::zeroed();
        if libc::statvfs(c.as_ptr(), &mut st) != 0 {
            return 0;
        }
        st.f_flag
    }
}

/// `-w /proc/self/fd/N` (CVE-2024-21626): whatever descriptor N is in the init, the command
/// never starts with a working directory outside the container's root: it fails (125) or runs
/// inside.
#[test]
fn the_working_directory_stays_inside_the_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for n in 3..16 {
        let dir = format!("/proc/self/fd/{n}");
        let out = sk.run(&[
            "run", "--rm", "-w", &dir, "--rootfs", &rootfs, "sh", "-c", "pwd -P",
        ]);
        match out.status {
            125 => {}
            0 => assert!(
                out.stdout.starts_with('/') && !out.stdout.contains("unreachable"),
                "fd {n}: {out:?}"
            ),
            other => panic!("fd {n}: exit {other}: {out:?}"),
        }
    }
}
