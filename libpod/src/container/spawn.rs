//! Starting the container's process for the monitor.
//!
//! Interim: until the runtime's namespace-building `spawn` lands, this chroots into a `--rootfs`
//! directory and execs the command, with no namespaces and no privilege dropping. It exists so
//! the lifecycle (monitor, logs, exit codes, restart policies) works end to end meanwhile.

use std::ffi::CString;
use std::os::fd::{AsRawFd, OwnedFd};

use super::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// How the monitor wants the container's standard streams.
pub(crate) struct ContainerStdio {
    /// The caller's stdin (attached `-i`), else /dev/null.
    pub stdin: Option<OwnedFd>,
    /// `-t`: a pseudo terminal.
    pub tty: bool,
}

/// A started container process and the monitor's ends of its streams.
pub(crate) struct Spawned {
    /// Host pid of the container's first process.
    pub pid: i32,
    /// The pty master (with a tty).
    pub pty_master: Option<OwnedFd>,
    /// Read end of the container's stdout (no tty).
    pub stdout: Option<OwnedFd>,
    /// Read end of the container's stderr (no tty).
    pub stderr: Option<OwnedFd>,
}

fn cstrings<'a>(items: impl Iterator<Item = &'a str>) -> Result<Vec<CString>> {
    items
        .map(|a| {
            CString::new(a)
                .map_err(|_| Error::InvalidArgument(format!("{a:?} contains a NUL byte")))
        })
        .collect()
}

/// Starts the container's command; fails with 127/126-class errors when it cannot run.
pub(crate) fn spawn(
    _engine: &Engine,
    rec: &ContainerRecord,
    stdio: ContainerStdio,
) -> Result<Spawned> {
    if stdio.tty {
        return Err(Error::Runtime(
            "-t needs the container runtime, which this build does not have yet".into(),
        ));
    }
    let Some(rootfs) = rec.config.rootfs.as_ref() else {
        return Err(Error::Runtime(
            "this build can only run --rootfs containers".into(),
        ));
    };
    let pipe = || {
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
            .map_err(|e| Error::Runtime(format!("pipe: {e}")))
    };
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let (exec_r, exec_w) = pipe()?;
    let argv_s = rec.config.argv();
    let argv = cstrings(argv_s.iter().map(String::as_str))?;
    let env = cstrings(rec.config.env.iter().map(String::as_str))?;
    let root = CString::new(rootfs.path.as_os_str().as_encoded_bytes())
        .map_err(|_| Error::InvalidArgument("rootfs path contains a NUL byte".into()))?;
    // SAFETY: single-threaded monitor; the child only calls async-signal-safe functions and exec.
    match unsafe { nix::unistd::fork() }.map_err(|e| Error::Runtime(format!("fork: {e}")))? {
        nix::unistd::ForkResult::Child => unsafe {
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
            libc::dup2(
                stdio.stdin.as_ref().map(|f| f.as_raw_fd()).unwrap_or(null),
                0,
            );
            libc::dup2(out_w.as_raw_fd(), 1);
            libc::dup2(err_w.as_raw_fd(), 2);
            if libc::chroot(root.as_ptr()) == 0 && libc::chdir(c"/".as_ptr()) == 0 {
                let _ = nix::unistd::execvpe(&argv[0], &argv, &env);
            }
            let e = *libc::__errno_location();
            libc::write(exec_w.as_raw_fd(), (&e as *const i32).cast(), 4);
            libc::_exit(127);
        },
        nix::unistd::ForkResult::Parent { child } => {
            drop((exec_w, out_w, err_w));
            let mut e = [0u8; 4];
            // SAFETY: reading into a buffer we own.
            let n = unsafe { libc::read(exec_r.as_raw_fd(), e.as_mut_ptr().cast(), 4) };
            if n == 4 {
                let _ = nix::sys::wait::waitpid(child, None);
                let cmd = &argv_s[0];
                return Err(if i32::from_ne_bytes(e) == libc::ENOENT {
                    Error::CommandNotFound(format!("{cmd}: executable file not found in $PATH"))
                } else {
                    Error::CommandNotExecutable(format!("{cmd}: permission denied"))
                });
            }
            Ok(Spawned {
                pid: child.as_raw(),
                pty_master: None,
                stdout: Some(out_r),
                stderr: Some(err_r),
            })
        }
    }
}
