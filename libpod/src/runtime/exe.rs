//! Keeps the skiff binary out of a container's reach (CVE-2019-5736).
//!
//! The process that execs a container's command is skiff until the exec completes. If that
//! command is a script whose interpreter is `/proc/self/exe`, the kernel runs the skiff binary
//! *inside* the container, where another container process can open it through `/proc/PID/exe`
//! and write it once it exits. So every process that execs container code (the monitor, whose
//! clone becomes the container's init, and the `skiff exec` caller, whose fork joins the
//! container) first re-executes itself from a read-only view of its own binary: a detached,
//! read-only bind mount of it (`open_tree` + `mount_setattr`, cheap and shared), or, where the
//! kernel lacks those calls, a sealed in-memory copy. Writing through `/proc/PID/exe` then fails
//! with EROFS (or EPERM on the sealed copy).
//!
//! `open_tree` is a raw system call: nix 0.29 does not wrap it (mount_setattr goes through
//! `runtime::mounts`).

use std::ffi::CString;
use std::io::IoSlice;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::fs::MetadataExt;

use nix::sys::socket::{
    recvmsg, sendmsg, socketpair, AddressFamily, ControlMessage, ControlMessageOwned, MsgFlags,
    SockFlag, SockType,
};

use crate::error::{Error, Result};

const OPEN_TREE_CLONE: libc::c_uint = 1;

/// Whether this process already runs from a read-only view of its binary (a read-only mount
/// or a sealed memfd copy).
pub fn exe_is_read_only() -> bool {
    if let Ok(target) = std::fs::read_link("/proc/self/exe") {
        if target
            .as_os_str()
            .as_encoded_bytes()
            .starts_with(b"/memfd:")
        {
            return true;
        }
    }
    nix::sys::statvfs::statvfs("/proc/self/exe")
        .is_ok_and(|s| s.flags().contains(nix::sys::statvfs::FsFlags::ST_RDONLY))
}

/// Whether a process of a container started by us could write our binary at all: always as
/// root (the container's root is the host's, with CAP_DAC_OVERRIDE); rootless only when the file
/// is ours or writable by group or others (a container's ids map to our uid and our subordinate
/// ids, which have no other rights over it). A root-installed binary needs no protection from a
/// rootless container, and `skiff exec` then skips the re-execution.
pub fn container_could_write_exe() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let uid = skiff_storage::identity::host_uid();
    if uid == 0 {
        return true;
    }
    match std::fs::metadata("/proc/self/exe") {
        Ok(m) => m.uid() == uid || m.permissions().mode() & 0o022 != 0,
        Err(_) => true,
    }
}

/// A descriptor of this process's own binary that cannot be written through: a detached
/// read-only bind mount of it, or a sealed memfd copy when the kernel cannot make one.
pub fn read_only_exe() -> Result<OwnedFd> {
    match read_only_mount_here() {
        Ok(fd) => return Ok(fd),
        Err(libc::EPERM) => {
            if let Ok(fd) = read_only_mount_in_own_userns() {
                return Ok(fd);
            }
        }
        Err(_) => {}
    }
    sealed_copy()
}

/// Re-executes this process (same arguments and environment) from [`read_only_exe`] unless it
/// already runs from one. Call it while single-threaded, before any state worth keeping.
pub fn reexec_read_only() -> Result<()> {
    if exe_is_read_only() {
        return Ok(());
    }
    Err(reexec_from(&read_only_exe()?))
}

/// Re-executes this process (same arguments and environment) from `fd`; returns only on
/// failure.
pub fn reexec_from(fd: &OwnedFd) -> Error {
    let to_c = |s: std::ffi::OsString| CString::new(s.into_encoded_bytes()).ok();
    let args: Vec<CString> = std::env::args_os().filter_map(to_c).collect();
    let e = execveat(fd, &args, &current_env());
    Error::Runtime(format!(
        "re-executing skiff from a read-only view of its binary: {e}"
    ))
}

/// The binary process `pid` runs, when it is this process's own binary seen through a
/// read-only mount (a container's monitor): reusing it costs no new mount or namespace.
pub fn read_only_exe_of(pid: i32) -> Option<OwnedFd> {
    let path = CString::new(format!("/proc/{pid}/exe")).ok()?;
    // SAFETY: open with a valid C string; the result is checked and owned at once.
    let fd = unsafe { libc::open(path.as_ptr(), libc::O_PATH | libc::O_CLOEXEC) };
    if fd < 0 {
        return None;
    }
    // SAFETY: a fresh descriptor.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let theirs = nix::sys::stat::fstat(fd.as_raw_fd()).ok()?;
    let ours = nix::sys::stat::stat("/proc/self/exe").ok()?;
    let read_only = nix::sys::statvfs::fstatvfs(&fd)
        .is_ok_and(|s| s.flags().contains(nix::sys::statvfs::FsFlags::ST_RDONLY));
    (read_only && (theirs.st_dev, theirs.st_ino) == (ours.st_dev, ours.st_ino)).then_some(fd)
}

/// This process's environment as `KEY=VALUE` C strings, for [`execveat`].
pub fn current_env() -> Vec<CString> {
    std::env::vars_os()
        .filter_map(|(k, v)| {
            let mut kv = k.into_encoded_bytes();
            kv.push(b'=');
            kv.extend(v.into_encoded_bytes());
            CString::new(kv).ok()
        })
        .collect()
}

/// `execveat(fd, "", argv, envp, AT_EMPTY_PATH)`; returns only on failure.
pub fn execveat(fd: &OwnedFd, args: &[CString], env: &[CString]) -> std::io::Error {
    let flags = nix::fcntl::AtFlags::AT_EMPTY_PATH;
    match nix::unistd::execveat(Some(fd.as_raw_fd()), c"", args, env, flags) {
        Err(e) => e.into(),
        Ok(never) => match never {},
    }
}

/// open_tree + mount_setattr in the current mount namespace; the errno on failure (EPERM
/// without CAP_SYS_ADMIN over it, ENOSYS/EINVAL on old kernels).
fn read_only_mount_here() -> std::result::Result<OwnedFd, i32> {
    match read_only_mount_of(c"/proc/self/exe") {
        // The binary was executed before this process entered its mount namespace: the magic
        // link leads to a mount of the old namespace, which open_tree refuses. Its path names
        // the same file here (checked by inode), unless it was replaced meanwhile.
        Err(libc::EINVAL) => {
            let path = std::fs::read_link("/proc/self/exe").map_err(|_| libc::EINVAL)?;
            let same = |p: &std::path::Path| std::fs::metadata(p).map(|m| (m.dev(), m.ino()));
            if same(&path).ok() != same(std::path::Path::new("/proc/self/exe")).ok() {
                return Err(libc::EINVAL);
            }
            let c = CString::new(path.into_os_string().into_encoded_bytes())
                .map_err(|_| libc::EINVAL)?;
            read_only_mount_of(&c)
        }
        other => other,
    }
}

/// A detached read-only bind mount of `path`.
fn read_only_mount_of(path: &std::ffi::CStr) -> std::result::Result<OwnedFd, i32> {
    let errno = || {
        std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EIO)
    };
    // SAFETY: open_tree with a valid C string; the result is checked and owned at once.
    unsafe {
        let fd = libc::syscall(
            libc::SYS_open_tree,
            libc::AT_FDCWD,
            path.as_ptr(),
            OPEN_TREE_CLONE | libc::O_CLOEXEC as libc::c_uint,
        );
        if fd < 0 {
            return Err(errno());
        }
        let fd = OwnedFd::from_raw_fd(fd as RawFd);
        super::mounts::set_attrs_fd(fd.as_raw_fd(), super::mounts::ATTR_RDONLY, 0)
            .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
        Ok(fd)
    }
}

/// An unprivileged caller outside any user namespace of ours: a short-lived child makes its own
/// user and mount namespaces (mapping just the caller's ids), builds the read-only mount there
/// and passes the descriptor back over a socket.
fn read_only_mount_in_own_userns() -> Result<OwnedFd> {
    let (ours, theirs) = socketpair(
        AddressFamily::Unix,
        SockType::Stream,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .map_err(|e| Error::Runtime(format!("socketpair: {e}")))?;
    let (uid, gid) = (
        nix::unistd::getuid().as_raw(),
        nix::unistd::getgid().as_raw(),
    );
    // SAFETY: the child only makes raw syscalls and exits; the caller is single-threaded.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(Error::Runtime(format!(
            "fork: {}",
            std::io::Error::last_os_error()
        )));
    }
    if pid == 0 {
        drop(ours);
        let made = super::userns::single_id_map(uid, gid).is_ok();
        let code = match (made, read_only_mount_here()) {
            (true, Ok(fd)) => {
                let fds = [fd.as_raw_fd()];
                let sent = sendmsg::<()>(
                    theirs.as_raw_fd(),
                    &[IoSlice::new(b"f")],
                    &[ControlMessage::ScmRights(&fds)],
                    MsgFlags::empty(),
                    None,
                );
                i32::from(sent.is_err())
            }
            _ => 1,
        };
        // SAFETY: leaving the forked child without running the parent's destructors.
        unsafe { libc::_exit(code) };
    }
    drop(theirs);
    let mut buf = [0u8; 1];
    let mut space = nix::cmsg_space!([RawFd; 1]);
    let mut iov = [std::io::IoSliceMut::new(&mut buf)];
    let got = recvmsg::<()>(
        ours.as_raw_fd(),
        &mut iov,
        Some(&mut space),
        MsgFlags::MSG_CMSG_CLOEXEC,
    )
    .ok()
    .and_then(|m| {
        m.cmsgs().ok()?.find_map(|c| match c {
            ControlMessageOwned::ScmRights(fds) => fds.first().copied(),
            _ => None,
        })
    });
    let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid), None);
    match got {
        // SAFETY: a descriptor just received, owned by nobody else.
        Some(fd) => Ok(unsafe { OwnedFd::from_raw_fd(fd) }),
        None => Err(Error::Runtime(
            "could not make a read-only mount of the skiff binary".into(),
        )),
    }
}

/// A sealed memfd copy of the binary (no write, grow or shrink, and no unsealing).
fn sealed_copy() -> Result<OwnedFd> {
    let fail = |what: &str, e: std::io::Error| {
        Error::Runtime(format!("copying the skiff binary to memory ({what}): {e}"))
    };
    use nix::fcntl::{fcntl, FcntlArg, SealFlag};
    use nix::sys::memfd::{memfd_create, MemFdCreateFlag};
    let fd = memfd_create(
        c"skiff",
        MemFdCreateFlag::MFD_CLOEXEC | MemFdCreateFlag::MFD_ALLOW_SEALING,
    )
    .map_err(|e| fail("memfd_create", e.into()))?;
    let mut src = std::fs::File::open("/proc/self/exe").map_err(|e| fail("open", e))?;
    let mut dst = std::fs::File::from(fd.try_clone().map_err(|e| fail("dup", e))?);
    std::io::copy(&mut src, &mut dst).map_err(|e| fail("copy", e))?;
    drop(dst);
    let seals = SealFlag::F_SEAL_SEAL
        | SealFlag::F_SEAL_SHRINK
        | SealFlag::F_SEAL_GROW
        | SealFlag::F_SEAL_WRITE;
    // F_SEAL_WRITE fails with EBUSY while a page of the copy still has a transient reference
    // (one the kernel keeps in another CPU's LRU batch just after the write, seen under load);
    // the kernel waits a little itself, so try again a few times before giving up.
    let mut tries = 0;
    loop {
        match fcntl(fd.as_raw_fd(), FcntlArg::F_ADD_SEALS(seals)) {
            Ok(_) => return Ok(fd),
            Err(nix::errno::Errno::EBUSY) if tries < 20 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(5 * tries));
            }
            Err(e) => return Err(fail("seal", e.into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sealed_copy_cannot_be_written() {
        let fd = sealed_copy().unwrap();
        let path = format!("/proc/self/fd/{}", fd.as_raw_fd());
        let err = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"x"))
            .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EPERM), "{err}");
        let len = std::fs::metadata(&path).unwrap().len();
        assert_eq!(len, std::fs::metadata("/proc/self/exe").unwrap().len());
    }

    #[test]
    fn the_read_only_view_is_on_a_read_only_mount() {
        // Root, or an unprivileged user allowed to make user namespaces; else nothing to test.
        let Ok(fd) = read_only_mount_here()
            .map_err(|_| ())
            .or_else(|_| read_only_mount_in_own_userns().map_err(|_| ()))
        else {
            return;
        };
        let path = format!("/proc/self/fd/{}", fd.as_raw_fd());
        let st = nix::sys::statvfs::statvfs(path.as_str()).unwrap();
        assert!(st.flags().contains(nix::sys::statvfs::FsFlags::ST_RDONLY));
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            std::fs::metadata("/proc/self/exe").unwrap().len()
        );
    }
}
