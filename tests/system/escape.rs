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
/// its binary for as long as it lives. The binary here is a copy the test's user owns (as after
/// `cargo install`), which a rootless container's root could otherwise write; a root-owned one
/// is out of a rootless container's reach and needs no re-execution.
#[test]
fn exec_runs_from_a_read_only_binary() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let copy = sk.path("skiff-copy");
    std::fs::copy(crate::harness::binary(), &copy).unwrap();
    sk.ok(&[
        "run", "-d", "--name", "c", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let mut caller = std::process::Command::new(&copy)
        .arg("--root")
        .arg(sk.root())
        .arg("--runroot")
        .arg(sk.runroot())
        .args(["exec", "c", "sleep", "5"])
        .stdin(Stdio::null())
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
    // As a privileged container's own command, `/proc/self/exe` is either not found (the
    // kernels here do not follow the monitor's exe from inside the container: 127) or runs skiff
    // as the container's PID 1, which refuses the unknown argument (125); nothing in the
    // container can write it (see the exec test). Any other outcome ran something else.
    std::fs::write(format!("{rootfs}/evil"), "#!/proc/self/exe\n").unwrap();
    let chmod = std::process::Command::new("chmod")
        .args(["755", &format!("{rootfs}/evil")])
        .status()
        .unwrap();
    assert!(chmod.success());
    let out = sk.run(&["run", "--rm", "--privileged", "--rootfs", &rootfs, "/evil"]);
    let not_found = out.status == 127 && out.stderr.contains("/evil: no such file");
    let refused = out.status == 125 && out.stderr.contains("unrecognized subcommand '/evil'");
    assert!(not_found || refused, "{out:?}");
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

/// `-w /proc/self/fd/N` (CVE-2024-21626): a directory descriptor of the host leaks into the
/// process that joins the container (here: `skiff exec`'s caller hands it fd 9, the host's `/`,
/// not close-on-exec); the command must never start with its working directory there.
#[test]
fn a_leaked_descriptor_never_becomes_the_working_directory() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "w", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let mut cmd = sk.cmd(&["exec", "-w", "/proc/self/fd/9", "w", "ls", "-a"]);
    let out = leak_dir_as_fd9(&mut cmd, c"/").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stdout
            .lines()
            .any(|l| l == "boot" || l == "usr" || l == "home"),
        "the command listed the host's root: {stdout}"
    );
    // Refused: 126 when the directory cannot be entered (docker's code for an exec that
    // cannot start there), 125 when it was entered but lies outside the root.
    assert!(
        matches!(out.status.code(), Some(125 | 126)),
        "{:?} stdout: {stdout} stderr: {stderr}",
        out.status
    );
    // And nothing is created through it.
    let mut mk = sk.cmd(&[
        "exec",
        "-w",
        "/proc/self/fd/9/skiff-escape-cwd",
        "w",
        "true",
    ]);
    let _ = leak_dir_as_fd9(&mut mk, c"/tmp").output().unwrap();
    assert!(!std::path::Path::new("/tmp/skiff-escape-cwd").exists());
    sk.ok(&["rm", "-f", "w"]);
}

/// Makes `cmd` start with host directory `dir` open as descriptor 9, not close-on-exec: the
/// leak CVE-2024-21626 exploited.
fn leak_dir_as_fd9<'a>(
    cmd: &'a mut std::process::Command,
    dir: &'static std::ffi::CStr,
) -> &'a mut std::process::Command {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let fd = libc::open(dir.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY);
            if fd < 0 || libc::dup2(fd, 9) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

/// `exec` never reads a file of the container from the host side: a container that replaces its
/// /etc/hostname with a symlink to an absolute host path (here unmounting the bind mount with
/// CAP_SYS_ADMIN; an image with a symlinked /etc can do it too) must not get that host file
/// into the `HOSTNAME` of an exec'd process. `HOSTNAME` is the container's host name.
#[test]
fn exec_never_reads_a_host_file_through_the_container_s_hostname_link() {
    let sk = Skiff::new();
    let rootfs = format!("{}:O", sk.busybox_rootfs());
    let secret = sk.path("host-secret");
    std::fs::write(&secret, "leaked-host-file\n").unwrap();
    let mut perm = std::fs::metadata(&secret).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o644);
    std::fs::set_permissions(&secret, perm).unwrap();
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "h",
        "--hostname",
        "inside",
        "--cap-add",
        "SYS_ADMIN",
        "--rootfs",
        &rootfs,
        "sleep",
        "100",
    ]);
    let link = format!(
        "umount /etc/hostname && ln -sf {} /etc/hostname && readlink /etc/hostname",
        secret.display()
    );
    assert_eq!(
        sk.ok(&["exec", "h", "sh", "-c", &link]).trim(),
        secret.display().to_string()
    );
    assert_eq!(
        sk.ok(&["exec", "h", "sh", "-c", "echo $HOSTNAME"]),
        "inside\n"
    );
    sk.ok(&["rm", "-f", "h"]);
}
