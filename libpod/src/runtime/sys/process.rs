//! The second half of the seam: the system calls that start a container's process (the init's
//! and `exec`'s): process attributes (`prctl`), the standard descriptors and the close of every
//! other one, signal dispositions, credentials, limits, the seccomp filter, the cgroup join, the
//! clone of the process and its final `execve`. A trait of its own beside [`Syscalls`] (which it
//! extends, sharing its descriptors and, in the test double, its record): the file system and
//! namespace calls of the mount plan are one concern, the process's own state another.
//!
//! [`Real`] makes exactly the calls the start path made before it had a seam (each method is
//! one system call, or the few its name says), so the seam adds none to `run`.

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};

use super::{Real, Syscalls};
use crate::runtime::seccomp::BpfProgram;
use crate::runtime::sync::{self, Failure};
use crate::runtime::{cgroups, child, creds};

/// A resource of `getrlimit(2)` and `setrlimit(2)`.
pub type Resource = libc::__rlimit_resource_t;

/// The system calls of a container process's start, after its namespaces.
pub trait Process: Syscalls {
    /// `prctl(op, arg, 0, 0, 0)`.
    fn prctl(&self, op: libc::c_int, arg: libc::c_ulong) -> io::Result<()>;
    /// The parent-death signal (`PR_GET_PDEATHSIG`), 0 when none is set.
    fn death_signal(&self) -> libc::c_int;
    /// `fcntl(fd, F_DUPFD_CLOEXEC, 3)`: a close-on-exec copy of `fd` above the standard
    /// descriptors.
    fn dup_above_stdio(&self, fd: RawFd) -> io::Result<RawFd>;
    /// `dup2(from, to)` (the copy is not close-on-exec).
    fn dup2(&self, from: RawFd, to: RawFd) -> io::Result<()>;
    /// `close_range(first, ~0, CLOSE_RANGE_CLOEXEC)`: every descriptor from `first` on closes
    /// at exec.
    fn cloexec_from(&self, first: u32) -> io::Result<()>;
    /// `fcntl(fd, F_SETFD, FD_CLOEXEC)`; a descriptor already closed is no error.
    fn set_cloexec(&self, fd: RawFd);
    /// `fcntl(fd, F_SETFD, 0)`: `fd` stays open across exec (a descriptor passed on).
    fn clear_cloexec(&self, fd: RawFd) -> io::Result<()>;
    /// Restores the default disposition of signal `sig` (the raw `rt_sigaction`, so that the C
    /// library's reserved signals are reset too).
    fn default_signal(&self, sig: libc::c_int);
    /// Empties the signal mask.
    fn unblock_signals(&self);
    /// `setgroups(2)`.
    fn setgroups(&self, groups: &[u32]) -> nix::Result<()>;
    /// `setresgid(gid, gid, gid)`.
    fn setresgid(&self, gid: u32) -> nix::Result<()>;
    /// `setresuid(uid, uid, uid)`.
    fn setresuid(&self, uid: u32) -> nix::Result<()>;
    /// `capset(2)`: effective and permitted sets to `mask`, inheritable empty.
    fn capset(&self, mask: u64) -> io::Result<()>;
    /// `umask(2)`.
    fn umask(&self, mask: libc::mode_t);
    /// `setsid(2)`: a session and process group of its own (a fresh child is no group leader,
    /// so it cannot fail there).
    fn setsid(&self);
    /// `personality(2)`: the execution domain `persona` (PER_LINUX, PER_LINUX32, ...).
    fn personality(&self, persona: u64) -> io::Result<()>;
    /// `getrlimit(2)`: the soft and hard limit of `resource`.
    fn getrlimit(&self, resource: Resource) -> (u64, u64);
    /// `setrlimit(2)`.
    fn setrlimit(&self, resource: Resource, soft: u64, hard: u64) -> io::Result<()>;
    /// Loads the seccomp `programs`, in order.
    fn load_seccomp(&self, programs: &[BpfProgram]) -> io::Result<()>;
    /// `getcwd(3)`.
    fn getcwd(&self) -> io::Result<PathBuf>;
    /// One `write(2)` of `data` to the open file `fd` (a `cgroup.procs`).
    fn write_fd(&self, fd: &Self::Fd, data: &[u8]) -> io::Result<()>;
    /// Asks the user's systemd to move process `pid` into the scope of `cgroup`
    /// ([`cgroups::attach_to_scope`]).
    fn attach_to_scope(&self, cgroup: &str, pid: u32) -> crate::error::Result<()>;
    /// Sends the pty `master` to the parent over the sync socket `sync_fd`.
    fn send_pty(&self, sync_fd: RawFd, master: &Self::Fd) -> io::Result<()>;
    /// Waits for the parent's go over the sync socket ([`sync::wait_go`]).
    fn wait_go(&self, sync_fd: RawFd) -> bool;
    /// Whether this process may execute the file `path` (`access(X_OK)`, a regular file).
    fn runnable(&self, path: &Path) -> nix::Result<()>;
    /// `execve(2)`: returns only on failure ([`Real`]); a double that does not exec returns
    /// `Ok`.
    fn execve(&self, path: &CStr, argv: &[CString], env: &[CString]) -> nix::Result<()>;
    /// Clones the process that runs `run` as a sibling of the caller and reports its pid or its
    /// failure over `sync_fd` ([`child::clone_and_report`]): never returns in [`Real`]; a double
    /// runs `run` in place and returns its failure.
    fn clone_and_report(
        &self,
        sync_fd: RawFd,
        what: &str,
        run: impl FnOnce() -> Failure,
    ) -> Failure;
}

impl Process for Real {
    fn prctl(&self, op: libc::c_int, arg: libc::c_ulong) -> io::Result<()> {
        // SAFETY: prctl with integer arguments.
        if unsafe { libc::prctl(op, arg, 0, 0, 0) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    fn death_signal(&self) -> libc::c_int {
        let mut signal: libc::c_int = 0;
        // SAFETY: PR_GET_PDEATHSIG writes one int through a valid pointer.
        unsafe { libc::prctl(libc::PR_GET_PDEATHSIG, &mut signal as *mut libc::c_int) };
        signal
    }

    fn dup_above_stdio(&self, fd: RawFd) -> io::Result<RawFd> {
        // SAFETY: duplicating a descriptor number; a bad one fails with EBADF.
        let high = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
        if high < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(high)
    }

    fn dup2(&self, from: RawFd, to: RawFd) -> io::Result<()> {
        // SAFETY: the callers dup onto 0, 1 or 2 of a process about to exec, which nothing
        // else in it uses.
        if unsafe { libc::dup2(from, to) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    fn cloexec_from(&self, first: u32) -> io::Result<()> {
        // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only flags descriptors.
        let flagged = unsafe {
            libc::syscall(
                libc::SYS_close_range,
                first,
                u32::MAX,
                libc::CLOSE_RANGE_CLOEXEC,
            )
        };
        if flagged != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    fn set_cloexec(&self, fd: RawFd) {
        // SAFETY: fcntl on a descriptor number; a stale one fails harmlessly.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }

    fn clear_cloexec(&self, fd: RawFd) -> io::Result<()> {
        // SAFETY: fcntl on a descriptor number only changes its flags.
        if unsafe { libc::fcntl(fd, libc::F_SETFD, 0) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    fn default_signal(&self, sig: libc::c_int) {
        // The kernel's `struct sigaction`, all zero: SIG_DFL, no flags, empty mask.
        let default_action = [0u64; 4];
        // SAFETY: a valid kernel sigaction (zeroed) and no old-action pointer.
        unsafe {
            libc::syscall(
                libc::SYS_rt_sigaction,
                sig,
                default_action.as_ptr(),
                std::ptr::null_mut::<u64>(),
                8usize,
            )
        };
    }

    fn unblock_signals(&self) {
        // SAFETY: an empty, initialised set.
        unsafe {
            let mut none: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut none);
            libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
        }
    }

    fn setgroups(&self, groups: &[u32]) -> nix::Result<()> {
        let groups: Vec<nix::unistd::Gid> = groups
            .iter()
            .map(|g| nix::unistd::Gid::from_raw(*g))
            .collect();
        nix::unistd::setgroups(&groups)
    }

    fn setresgid(&self, gid: u32) -> nix::Result<()> {
        let g = nix::unistd::Gid::from_raw(gid);
        nix::unistd::setresgid(g, g, g)
    }

    fn setresuid(&self, uid: u32) -> nix::Result<()> {
        let u = nix::unistd::Uid::from_raw(uid);
        nix::unistd::setresuid(u, u, u)
    }

    #[inline]
    fn capset(&self, mask: u64) -> io::Result<()> {
        creds::capset(mask)
    }

    fn umask(&self, mask: libc::mode_t) {
        // SAFETY: umask has no failure mode.
        unsafe { libc::umask(mask) };
    }

    fn setsid(&self) {
        // SAFETY: setsid takes no arguments; it fails only for a group leader.
        unsafe { libc::setsid() };
    }

    fn personality(&self, persona: u64) -> io::Result<()> {
        // SAFETY: personality takes a plain value; -1 reports an error.
        match unsafe { libc::personality(persona as libc::c_ulong) } {
            -1 => Err(io::Error::last_os_error()),
            _ => Ok(()),
        }
    }

    fn getrlimit(&self, resource: Resource) -> (u64, u64) {
        let mut cur = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: valid out pointer.
        unsafe { libc::getrlimit(resource, &mut cur) };
        (cur.rlim_cur, cur.rlim_max)
    }

    fn setrlimit(&self, resource: Resource, soft: u64, hard: u64) -> io::Result<()> {
        let l = libc::rlimit {
            rlim_cur: soft as libc::rlim_t,
            rlim_max: hard as libc::rlim_t,
        };
        // SAFETY: valid pointer.
        if unsafe { libc::setrlimit(resource, &l) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    #[inline]
    fn load_seccomp(&self, programs: &[BpfProgram]) -> io::Result<()> {
        crate::runtime::seccomp::load(programs)
    }

    fn getcwd(&self) -> io::Result<PathBuf> {
        std::env::current_dir()
    }

    fn write_fd(&self, fd: &OwnedFd, data: &[u8]) -> io::Result<()> {
        // SAFETY: writing from a live slice to a descriptor we own.
        if unsafe { libc::write(fd.as_raw_fd(), data.as_ptr().cast(), data.len()) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    #[inline]
    fn attach_to_scope(&self, cgroup: &str, pid: u32) -> crate::error::Result<()> {
        cgroups::attach_to_scope(cgroup, pid)
    }

    fn send_pty(&self, sync_fd: RawFd, master: &OwnedFd) -> io::Result<()> {
        sync::send_pty(sync_fd, master.as_fd()).map_err(io::Error::from)
    }

    #[inline]
    fn wait_go(&self, sync_fd: RawFd) -> bool {
        sync::wait_go(sync_fd)
    }

    fn runnable(&self, path: &Path) -> nix::Result<()> {
        nix::unistd::access(path, nix::unistd::AccessFlags::X_OK)?;
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => Ok(()),
            Ok(_) => Err(nix::Error::EACCES),
            Err(e) => Err(nix::Error::from_raw(e.raw_os_error().unwrap_or(libc::EIO))),
        }
    }

    fn execve(&self, path: &CStr, argv: &[CString], env: &[CString]) -> nix::Result<()> {
        match nix::unistd::execve(path, argv, env) {
            Err(e) => Err(e),
            Ok(never) => match never {},
        }
    }

    #[inline]
    fn clone_and_report(
        &self,
        sync_fd: RawFd,
        what: &str,
        run: impl FnOnce() -> Failure,
    ) -> Failure {
        child::clone_and_report(sync_fd, what, run)
    }
}
