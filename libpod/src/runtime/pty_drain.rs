//! The reader of a detached terminal: `exec -dt` gives its command a terminal whose output
//! nobody reads (docker's daemon reads and drops it). A terminal needs a reader holding its
//! master side: once the master is closed, the command's writes fail with EIO and it gets a
//! hangup. A daemonless CLI returns at once, so a small process of its own holds the master.

use std::os::fd::{AsRawFd, OwnedFd};

use crate::error::{Error, Result};

/// The descriptor the drainer keeps the master on: the first above the standard three.
const KEPT: libc::c_int = 3;

/// Starts a process that reads and drops everything from the pty `master` until no process
/// holds the terminal any more (the read fails with EIO), then exits. It is double-forked, so
/// it is nobody's child to reap and outlives the caller, in a session of its own, with
/// /dev/null as its standard streams and no other descriptor of the caller's: the caller's
/// stdout (a shell's `$(...)` waits for its end), the catalog and its locks are not held.
/// The caller's copy of `master` is closed.
pub fn drain_in_background(master: OwnedFd) -> Result<()> {
    let fd = master.as_raw_fd();
    // SAFETY: the child makes only async-signal-safe calls (fork, setsid, open, dup2,
    // close_range, read, _exit) and never returns into Rust, so forking a process that may
    // have other threads is sound.
    let first = unsafe { libc::fork() };
    match first {
        -1 => Err(Error::Runtime(format!(
            "fork of the terminal's reader: {}",
            std::io::Error::last_os_error()
        ))),
        // SAFETY: see above.
        0 => unsafe { drainer(fd) },
        pid => {
            // The first child exits as soon as it has forked the drainer.
            let mut status = 0;
            // SAFETY: waits for our own child.
            while unsafe { libc::waitpid(pid, &mut status, 0) } == -1
                && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR)
            {}
            drop(master);
            match libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
                true => Ok(()),
                false => Err(Error::Runtime(
                    "the terminal's reader could not be started (fork failed)".to_string(),
                )),
            }
        }
    }
}

/// The first child: forks the drainer and exits; the drainer sets up its descriptors and
/// reads `fd` to its end.
///
/// # Safety
/// Only in the child of a fork: it never returns.
unsafe fn drainer(fd: libc::c_int) -> ! {
    match libc::fork() {
        0 => {}
        -1 => libc::_exit(1),
        _ => libc::_exit(0),
    }
    libc::setsid();
    // Not the caller's working directory: it may be unmounted while the command runs.
    libc::chdir(c"/".as_ptr());
    // The master first (it may be one of the standard descriptors, which /dev/null replaces).
    if fd != KEPT && libc::dup2(fd, KEPT) != KEPT {
        libc::_exit(1);
    }
    let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
    for std in 0..3 {
        if null != std {
            libc::dup2(null, std);
        }
    }
    // Every other descriptor of the caller's; on kernels without close_range (before 5.9) the
    // first thousands one by one.
    if libc::syscall(libc::SYS_close_range, KEPT + 1, libc::c_uint::MAX, 0) != 0 {
        for other in KEPT + 1..4096 {
            libc::close(other);
        }
    }
    let mut buf = [0u8; 4096];
    loop {
        let n = libc::read(KEPT, buf.as_mut_ptr().cast(), buf.len());
        if n > 0 || (n < 0 && *libc::__errno_location() == libc::EINTR) {
            continue;
        }
        libc::_exit(0);
    }
}
