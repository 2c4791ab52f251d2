//! The [`Process`] half of the recording double. It keeps a table of the process's descriptors
//! (what each was opened as, whether it closes at exec), so a test sees which survive the
//! `execve`; and, like the kernel, it forgets the parent-death signal when the credentials change.

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};

use nix::errno::Errno;

use super::{Call, Open, Recorder};
use crate::runtime::seccomp::BpfProgram;
use crate::runtime::sync::Failure;
use crate::runtime::sys::process::Resource;
use crate::runtime::sys::{Process, Syscalls};

impl Recorder {
    /// What descriptors 0, 1 and 2 were opened as (-1: closed).
    pub fn stdio(&self) -> [RawFd; 3] {
        let fds = self.fds.borrow();
        [0, 1, 2].map(|fd| fds.get(&fd).map_or(-1, |open| open.origin))
    }

    /// The descriptor `fd`, or EBADF.
    fn open_fd(&self, fd: RawFd) -> io::Result<Open> {
        self.fds
            .borrow()
            .get(&fd)
            .copied()
            .ok_or_else(|| io::Error::from(Errno::EBADF))
    }
}

fn text(s: &CStr) -> String {
    s.to_string_lossy().into_owned()
}

impl Process for Recorder {
    fn prctl(&self, op: libc::c_int, arg: libc::c_ulong) -> io::Result<()> {
        super::io(self.record(Call::Prctl(op, arg)))
    }

    fn death_signal(&self) -> libc::c_int {
        for call in self.calls().iter().rev() {
            match call {
                Call::Prctl(libc::PR_SET_PDEATHSIG, sig) => return *sig as libc::c_int,
                Call::Setresuid(_) | Call::Setresgid(_) => return 0,
                _ => {}
            }
        }
        0
    }

    fn dup_above_stdio(&self, fd: RawFd) -> io::Result<RawFd> {
        super::io(self.record(Call::DupAboveStdio(fd)))?;
        let open = self.open_fd(fd)?;
        let mut fds = self.fds.borrow_mut();
        let new = (3..)
            .find(|n| !fds.contains_key(n))
            .expect("a free descriptor");
        fds.insert(
            new,
            Open {
                origin: open.origin,
                cloexec: true,
            },
        );
        Ok(new)
    }

    fn dup2(&self, from: RawFd, to: RawFd) -> io::Result<()> {
        super::io(self.record(Call::Dup2(from, to)))?;
        let open = self.open_fd(from)?;
        let copy = Open {
            origin: open.origin,
            cloexec: false,
        };
        self.fds.borrow_mut().insert(to, copy);
        Ok(())
    }

    fn cloexec_from(&self, first: u32) -> io::Result<()> {
        super::io(self.record(Call::CloexecFrom(first)))?;
        let mut fds = self.fds.borrow_mut();
        for (_, open) in fds.range_mut(first as RawFd..) {
            open.cloexec = true;
        }
        Ok(())
    }

    fn set_cloexec(&self, fd: RawFd) {
        let _ = self.record(Call::SetCloexec(fd));
        if let Some(open) = self.fds.borrow_mut().get_mut(&fd) {
            open.cloexec = true;
        }
    }

    fn clear_cloexec(&self, fd: RawFd) -> io::Result<()> {
        super::io(self.record(Call::ClearCloexec(fd)))?;
        match self.fds.borrow_mut().get_mut(&fd) {
            Some(open) => {
                open.cloexec = false;
                Ok(())
            }
            None => Err(io::Error::from_raw_os_error(libc::EBADF)),
        }
    }

    fn default_signal(&self, sig: libc::c_int) {
        let _ = self.record(Call::DefaultSignal(sig));
    }

    fn unblock_signals(&self) {
        let _ = self.record(Call::UnblockSignals);
    }

    fn setgroups(&self, groups: &[u32]) -> nix::Result<()> {
        self.record(Call::Setgroups(groups.to_vec()))
    }

    fn setresgid(&self, gid: u32) -> nix::Result<()> {
        self.record(Call::Setresgid(gid))
    }

    fn setresuid(&self, uid: u32) -> nix::Result<()> {
        self.record(Call::Setresuid(uid))
    }

    fn capset(&self, mask: u64) -> io::Result<()> {
        super::io(self.record(Call::Capset(mask)))
    }

    fn umask(&self, mask: libc::mode_t) {
        let _ = self.record(Call::Umask(mask));
    }

    fn setsid(&self) {
        let _ = self.record(Call::Setsid);
    }

    fn personality(&self, persona: u64) -> io::Result<()> {
        self.record(Call::Personality(persona))
            .map_err(io::Error::from)
    }

    fn getrlimit(&self, resource: Resource) -> (u64, u64) {
        let set = self.calls().into_iter().rev().find_map(|c| match c {
            Call::Setrlimit(r, soft, hard) if r == resource => Some((soft, hard)),
            _ => None,
        });
        set.unwrap_or((1024, 4096))
    }

    fn setrlimit(&self, resource: Resource, soft: u64, hard: u64) -> io::Result<()> {
        super::io(self.record(Call::Setrlimit(resource, soft, hard)))
    }

    fn load_seccomp(&self, programs: &[BpfProgram]) -> io::Result<()> {
        super::io(self.record(Call::LoadSeccomp(programs.len())))
    }

    fn getcwd(&self) -> io::Result<PathBuf> {
        let entered = self.calls().into_iter().rev().find_map(|c| match c {
            Call::Chdir(path) => Some(path),
            _ => None,
        });
        Ok(entered.unwrap_or_else(|| PathBuf::from("/")))
    }

    fn write_fd(&self, fd: &PathBuf, data: &[u8]) -> io::Result<()> {
        self.write_file(fd, data)
    }

    fn attach_to_scope(&self, cgroup: &str, pid: u32) -> crate::error::Result<()> {
        self.record(Call::AttachToScope(cgroup.to_string(), pid))
            .map_err(|e| crate::error::Error::Runtime(e.desc().into()))
    }

    fn send_pty(&self, sync_fd: RawFd, _master: &PathBuf) -> io::Result<()> {
        super::io(self.record(Call::SendPty(sync_fd)))
    }

    fn wait_go(&self, sync_fd: RawFd) -> bool {
        self.record(Call::WaitGo(sync_fd)).is_ok()
    }

    fn runnable(&self, _path: &Path) -> nix::Result<()> {
        Ok(())
    }

    fn execve(&self, path: &CStr, argv: &[CString], _env: &[CString]) -> nix::Result<()> {
        let fds = self.fds.borrow();
        let survivors = fds.iter().filter(|(_, open)| !open.cloexec);
        let fds = survivors.map(|(fd, open)| (*fd, open.origin)).collect();
        self.record(Call::Execve {
            path: text(path),
            argv: argv.iter().map(|a| text(a)).collect(),
            fds,
        })
    }

    fn clone_and_report(
        &self,
        _sync_fd: RawFd,
        what: &str,
        run: impl FnOnce() -> Failure,
    ) -> Failure {
        if let Err(e) = self.record(Call::Clone(what.to_string())) {
            return (crate::runtime::sync::FailureKind::Setup, e.desc().into());
        }
        run()
    }
}
