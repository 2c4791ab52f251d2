//! The fork/clone/report path shared by [`super::spawn()`] and [`super::exec_in`]: the caller
//! forks an intermediate child, which sets itself up, clones the process that becomes the
//! container's (a sibling of the caller) and reports its pid or its failure over the sync socket.

use std::os::fd::{AsRawFd, RawFd};

use super::spec::Stdio;
use super::sync::{self, Failure, FailureKind};
use crate::error::{Error, Result};

/// The raw descriptors the child installs for `stdio` (`None`: it allocates a pty).
/// The container's stdio as raw descriptors in the child (`None`: allocate a pty).
pub(crate) type ChildStdio = Option<[RawFd; 3]>;

pub(super) fn child_stdio(stdio: &Stdio) -> ChildStdio {
    match stdio {
        Stdio::Fds {
            stdin,
            stdout,
            stderr,
        } => Some([stdin.as_raw_fd(), stdout.as_raw_fd(), stderr.as_raw_fd()]),
        Stdio::Pty => None,
    }
}

/// `fork()`: returns the child's pid in the parent, 0 in the child, whose caller must leave with
/// `_exit` (see [`fail`] and [`clone_and_report`]).
pub(super) fn fork() -> Result<i32> {
    // SAFETY: every caller's child runs only its own setup and leaves with _exit (spawn's
    // `intermediate`, exec_in's `joiner`), never returning into the caller's code.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(Error::Runtime(format!(
            "fork: {}",
            std::io::Error::last_os_error()
        )));
    }
    Ok(pid)
}

/// In a forked child: reports `text` as a setup failure over `fd` and exits 125.
pub(super) fn fail(fd: RawFd, text: String) -> ! {
    sync::send_failure(fd, FailureKind::Setup, &text);
    // SAFETY: leaving the forked child without running the caller's destructors.
    unsafe { libc::_exit(125) }
}

/// In a forked child: clones the process that runs `run` (which returns only on failure) and
/// reports its pid over `fd`, or its failure; `what` names it in a failed clone's message.
pub(super) fn clone_and_report(fd: RawFd, what: &str, run: impl FnOnce() -> Failure) -> ! {
    let pid = clone_parent();
    if pid < 0 {
        fail(
            fd,
            format!("creating {what}: {}", std::io::Error::last_os_error()),
        );
    }
    if pid == 0 {
        let (kind, text) = run();
        sync::send_failure(fd, kind, &text);
        // SAFETY: leaving the cloned child without running the caller's destructors.
        unsafe { libc::_exit(exit_code(kind)) };
    }
    sync::send_pid(fd, pid as i32);
    // SAFETY: leaving the forked child without running the caller's destructors.
    unsafe { libc::_exit(0) }
}

/// The error a child's failure report stands for.
pub(super) fn failure_error(kind: FailureKind, text: String) -> Error {
    match kind {
        FailureKind::NotFound => Error::CommandNotFound(text),
        FailureKind::NotExecutable => Error::CommandNotExecutable(text),
        FailureKind::Setup => Error::Runtime(text),
    }
}

/// A fork whose child is a sibling of the caller (CLONE_PARENT), so the process that asked for
/// the container (or exec) is the one that waits for it; after an unshare or setns of the pid
/// namespace, the child is the first process inside it. Returns the child's pid, 0 in the
/// child, or -1.
fn clone_parent() -> libc::c_long {
    // SAFETY: fork-like clone with no new stack, called only from single-threaded forked children.
    unsafe {
        libc::syscall(
            libc::SYS_clone,
            (libc::CLONE_PARENT | libc::SIGCHLD) as libc::c_ulong,
            0usize,
            0usize,
            0usize,
            0usize,
        )
    }
}

/// The init's exit status for a failure kind (docker's codes).
fn exit_code(kind: FailureKind) -> i32 {
    match kind {
        FailureKind::NotFound => 127,
        FailureKind::NotExecutable => 126,
        FailureKind::Setup => 125,
    }
}
