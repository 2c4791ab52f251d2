//! The third part of the seam: the calls around the forks of a start, made by the caller of
//! [`super::super::spawn()`] and [`super::super::exec_in`] and by their intermediate child: the
//! sync socket pair, the fork of the intermediate and its report, the reaping, the messages read
//! from the socket, and the helper forked to write a new user namespace's id maps. A trait of its
//! own beside [`Process`] (which it extends): the process that starts another is one concern,
//! the process started another.
//!
//! [`Real`] makes the calls the start path made before they went through the seam, in the same
//! order.

use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd, RawFd};

use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{ForkResult, Pid};

use super::{Process, Real};
use crate::error::{Error, Result};
use crate::runtime::sync::{self, FailureKind, Message};

/// The system calls of the process that forks a container's process, and of its forked child.
pub trait Fork: Process {
    /// The sync socket pair ([`sync::channel`]): the caller's end and the child's.
    fn sync_channel(&self) -> nix::Result<(OwnedFd, OwnedFd)>;
    /// `fork()`: the child runs `child`, then leaves with `_exit(125)` without returning into
    /// the caller's code; the caller gets the child's pid (and drops `child`). A double runs
    /// `child` in place.
    fn fork_child(&self, child: impl FnOnce()) -> Result<i32>;
    /// Closes `fd`, which an owner in the caller's code holds, in a forked child that leaves
    /// with `_exit` (so the owner is never dropped there).
    fn close(&self, fd: RawFd);
    /// `waitpid(pid)`, its status ignored.
    fn reap(&self, pid: i32);
    /// The next message from the sync socket `fd` ([`sync::recv`]); `None` at its end.
    fn recv(&self, fd: RawFd) -> nix::Result<Option<Message>>;
    /// Reports a failure over the sync socket `fd` ([`sync::send_failure`]).
    fn send_failure(&self, fd: RawFd, kind: FailureKind, text: &str);
    /// Forks a helper that waits on a pipe while the caller runs `caller`, then, if that
    /// succeeded, runs `helper` with the caller's pid (true: success); returns what `caller`
    /// returned and whether the helper succeeded. The caller must be single-threaded.
    fn with_helper(
        &self,
        caller: impl FnOnce() -> nix::Result<()>,
        helper: impl FnOnce(u32) -> bool,
    ) -> Result<(nix::Result<()>, bool)>;
}

impl Fork for Real {
    #[inline]
    fn sync_channel(&self) -> nix::Result<(OwnedFd, OwnedFd)> {
        sync::channel()
    }

    fn fork_child(&self, child: impl FnOnce()) -> Result<i32> {
        // SAFETY: every caller's child runs only its own setup and leaves with _exit below
        // (spawn's `intermediate`, exec_in's `joiner`), never returning into the caller's code.
        let pid = unsafe { libc::fork() };
        if pid < 0 {
            let e = std::io::Error::last_os_error();
            return Err(Error::Runtime(format!("fork: {e}")));
        }
        if pid == 0 {
            child();
            // SAFETY: leaving the forked child without running the caller's destructors.
            unsafe { libc::_exit(125) }
        }
        Ok(pid)
    }

    fn close(&self, fd: RawFd) {
        // SAFETY: in a forked child that leaves with _exit, a descriptor whose owner is never
        // dropped there: this is its only close (as the owner's drop, debug checks included).
        drop(unsafe { OwnedFd::from_raw_fd(fd) });
    }

    fn reap(&self, pid: i32) {
        let _ = waitpid(Pid::from_raw(pid), None);
    }

    #[inline]
    fn recv(&self, fd: RawFd) -> nix::Result<Option<Message>> {
        sync::recv(fd)
    }

    #[inline]
    fn send_failure(&self, fd: RawFd, kind: FailureKind, text: &str) {
        sync::send_failure(fd, kind, text)
    }

    fn with_helper(
        &self,
        caller: impl FnOnce() -> nix::Result<()>,
        helper: impl FnOnce(u32) -> bool,
    ) -> Result<(nix::Result<()>, bool)> {
        let (mut rx, mut tx) = std::io::pipe().map_err(|e| Error::Runtime(format!("pipe: {e}")))?;
        let parent = std::process::id();
        // SAFETY: the caller is single-threaded (documented); the child only reads a pipe, runs
        // `helper` and exits.
        match unsafe { nix::unistd::fork() }.map_err(|e| Error::Runtime(format!("fork: {e}")))? {
            ForkResult::Child => {
                drop(tx);
                let mut b = [0u8; 1];
                let done = matches!(rx.read(&mut b), Ok(1)) && helper(parent);
                // SAFETY: leaving the forked helper without running the caller's destructors.
                unsafe { libc::_exit(if done { 0 } else { 1 }) }
            }
            ForkResult::Parent { child } => {
                drop(rx);
                let done = caller();
                let _ = tx.write_all(if done.is_ok() { b"1" } else { b"0" });
                drop(tx);
                let status = waitpid(child, None);
                Ok((done, matches!(status, Ok(WaitStatus::Exited(_, 0)))))
            }
        }
    }
}
