//! Thin, safe wrappers over the `*at()` system calls layer extraction is built on. Every
//! function takes a directory fd and a single name (or an in-root path for [`open_in_root`]),
//! so nothing here ever resolves a path from `/`.

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

/// Converts a name to a C string; names with NUL bytes are refused.
pub(crate) fn cstr(name: &[u8]) -> io::Result<CString> {
    CString::new(name)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "name contains a NUL byte"))
}

fn check(ret: libc::c_int) -> io::Result<()> {
    if ret < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

fn check_fd(ret: libc::c_long) -> io::Result<OwnedFd> {
    if ret < 0 {
        Err(io::Error::last_os_error())
    } else {
        // SAFETY: the kernel just returned this fd to us and nobody else owns it.
        Ok(unsafe { OwnedFd::from_raw_fd(ret as RawFd) })
    }
}

/// The kernel's `struct open_how` (openat2(2)).
#[repr(C)]
struct OpenHow {
    flags: u64,
    mode: u64,
    resolve: u64,
}

/// Resolve as if the directory fd were `/`: `..` and absolute symlinks stay inside it.
const RESOLVE_IN_ROOT: u64 = 0x10;
/// Refuse /proc-style magic links.
const RESOLVE_NO_MAGICLINKS: u64 = 0x02;

/// Opens `path` (relative, may have several components; empty for `root` itself) beneath
/// `root` with openat2 and `RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS`: symlinks met on the way,
/// absolute or with `..`, are resolved inside `root` and can never lead out of it. `flags` are
/// open(2)'s (`O_CLOEXEC` is always added); a lookup the kernel asks to retry (`EAGAIN`, a
/// rename raced it) is retried. The one openat2 wrapper: the engine's mount points and
/// `cp` resolve through it too.
pub fn open_in_root(root: BorrowedFd<'_>, path: &[u8], flags: libc::c_int) -> io::Result<OwnedFd> {
    let path = if path.is_empty() {
        CString::from(c".")
    } else {
        cstr(path)?
    };
    let how = OpenHow {
        flags: (flags | libc::O_CLOEXEC) as u64,
        mode: 0,
        resolve: RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
    };
    loop {
        // SAFETY: valid fd, NUL-terminated path, and a correctly sized open_how.
        let ret = unsafe {
            libc::syscall(
                libc::SYS_openat2,
                root.as_raw_fd(),
                path.as_ptr(),
                &how as *const OpenHow,
                std::mem::size_of::<OpenHow>(),
            )
        };
        match check_fd(ret) {
            // The kernel asks for a retry when a concurrent rename raced the lookup.
            Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => continue,
            other => return other,
        }
    }
}

/// openat(2) of a single name relative to `dir`.
pub(crate) fn openat(
    dir: BorrowedFd<'_>,
    name: &CStr,
    flags: libc::c_int,
    mode: libc::mode_t,
) -> io::Result<OwnedFd> {
    // SAFETY: valid fd and NUL-terminated name.
    let ret = unsafe {
        libc::openat(
            dir.as_raw_fd(),
            name.as_ptr(),
            flags | libc::O_CLOEXEC,
            mode as libc::c_uint,
        )
    };
    check_fd(ret as libc::c_long)
}

/// fstatat(2) without following a final symlink; `None` when the name does not exist.
pub(crate) fn lstat_at(dir: BorrowedFd<'_>, name: &CStr) -> io::Result<Option<libc::stat>> {
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: valid fd, name and out pointer.
    let ret = unsafe {
        libc::fstatat(
            dir.as_raw_fd(),
            name.as_ptr(),
            st.as_mut_ptr(),
            libc::AT_SYMLINK_NOFOLLOW,
        )
    };
    match check(ret) {
        // SAFETY: fstatat succeeded, so it filled the struct.
        Ok(()) => Ok(Some(unsafe { st.assume_init() })),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// mkdirat(2).
pub(crate) fn mkdirat(dir: BorrowedFd<'_>, name: &CStr, mode: libc::mode_t) -> io::Result<()> {
    // SAFETY: valid fd and name.
    check(unsafe { libc::mkdirat(dir.as_raw_fd(), name.as_ptr(), mode) })
}

/// mknodat(2).
pub(crate) fn mknodat(
    dir: BorrowedFd<'_>,
    name: &CStr,
    mode: libc::mode_t,
    dev: libc::dev_t,
) -> io::Result<()> {
    // SAFETY: valid fd and name.
    check(unsafe { libc::mknodat(dir.as_raw_fd(), name.as_ptr(), mode, dev) })
}

/// symlinkat(2): creates `name` in `dir` pointing at `target` (stored verbatim).
pub(crate) fn symlinkat(target: &CStr, dir: BorrowedFd<'_>, name: &CStr) -> io::Result<()> {
    // SAFETY: valid fd and strings.
    check(unsafe { libc::symlinkat(target.as_ptr(), dir.as_raw_fd(), name.as_ptr()) })
}

/// linkat(2) without following a symlink target.
pub(crate) fn linkat(
    from_dir: BorrowedFd<'_>,
    from: &CStr,
    to_dir: BorrowedFd<'_>,
    to: &CStr,
) -> io::Result<()> {
    // SAFETY: valid fds and names.
    check(unsafe {
        libc::linkat(
            from_dir.as_raw_fd(),
            from.as_ptr(),
            to_dir.as_raw_fd(),
            to.as_ptr(),
            0,
        )
    })
}

/// unlinkat(2); `dir_entry` removes an (empty) directory.
pub(crate) fn unlinkat(dir: BorrowedFd<'_>, name: &CStr, dir_entry: bool) -> io::Result<()> {
    let flags = if dir_entry { libc::AT_REMOVEDIR } else { 0 };
    // SAFETY: valid fd and name.
    check(unsafe { libc::unlinkat(dir.as_raw_fd(), name.as_ptr(), flags) })
}

/// fchownat(2) with `AT_SYMLINK_NOFOLLOW`.
pub(crate) fn lchown_at(dir: BorrowedFd<'_>, name: &CStr, uid: u32, gid: u32) -> io::Result<()> {
    // SAFETY: valid fd and name.
    check(unsafe {
        libc::fchownat(
            dir.as_raw_fd(),
            name.as_ptr(),
            uid,
            gid,
            libc::AT_SYMLINK_NOFOLLOW,
        )
    })
}

/// fchown(2).
pub(crate) fn fchown(fd: BorrowedFd<'_>, uid: u32, gid: u32) -> io::Result<()> {
    // SAFETY: valid fd.
    check(unsafe { libc::fchown(fd.as_raw_fd(), uid, gid) })
}

/// fchmod(2).
pub(crate) fn fchmod(fd: BorrowedFd<'_>, mode: libc::mode_t) -> io::Result<()> {
    // SAFETY: valid fd.
    check(unsafe { libc::fchmod(fd.as_raw_fd(), mode) })
}

/// fchmodat(2) of a name that is known not to be a symlink (devices and fifos we just made).
pub(crate) fn chmod_at(dir: BorrowedFd<'_>, name: &CStr, mode: libc::mode_t) -> io::Result<()> {
    // SAFETY: valid fd and name.
    check(unsafe { libc::fchmodat(dir.as_raw_fd(), name.as_ptr(), mode, 0) })
}

/// A timestamp for [`set_times`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Time {
    /// Seconds since the epoch.
    pub secs: i64,
    /// Nanoseconds.
    pub nanos: u32,
}

fn timespec(t: Time) -> libc::timespec {
    libc::timespec {
        tv_sec: t.secs as libc::time_t,
        tv_nsec: t.nanos as libc::c_long,
    }
}

/// futimens(2).
pub(crate) fn futimens(fd: BorrowedFd<'_>, atime: Time, mtime: Time) -> io::Result<()> {
    let ts = [timespec(atime), timespec(mtime)];
    // SAFETY: valid fd and a two-element array.
    check(unsafe { libc::futimens(fd.as_raw_fd(), ts.as_ptr()) })
}

/// utimensat(2) with `AT_SYMLINK_NOFOLLOW` (works on symlinks themselves).
pub(crate) fn lutimes_at(
    dir: BorrowedFd<'_>,
    name: &CStr,
    atime: Time,
    mtime: Time,
) -> io::Result<()> {
    let ts = [timespec(atime), timespec(mtime)];
    // SAFETY: valid fd, name and two-element array.
    check(unsafe {
        libc::utimensat(
            dir.as_raw_fd(),
            name.as_ptr(),
            ts.as_ptr(),
            libc::AT_SYMLINK_NOFOLLOW,
        )
    })
}

/// fsetxattr(2).
pub(crate) fn fsetxattr(fd: BorrowedFd<'_>, name: &CStr, value: &[u8]) -> io::Result<()> {
    // SAFETY: valid fd, name, and value pointer/length.
    check(unsafe {
        libc::fsetxattr(
            fd.as_raw_fd(),
            name.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        )
    })
}

/// lsetxattr(2) on `name` in `dir`, through the `/proc/self/fd` link of the (trusted) dir fd,
/// for entries that cannot be opened (symlinks).
pub(crate) fn lsetxattr_at(
    dir: BorrowedFd<'_>,
    name: &CStr,
    attr: &CStr,
    value: &[u8],
) -> io::Result<()> {
    let mut path = format!("/proc/self/fd/{}/", dir.as_raw_fd()).into_bytes();
    path.extend_from_slice(name.to_bytes());
    let path = cstr(&path)?;
    // SAFETY: valid strings and value pointer/length.
    check(unsafe {
        libc::lsetxattr(
            path.as_ptr(),
            attr.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        )
    })
}

/// Tries a non-blocking exclusive flock(2); `Ok(false)` when someone else holds it.
pub(crate) fn try_lock(fd: BorrowedFd<'_>) -> io::Result<bool> {
    // SAFETY: valid fd.
    match check(unsafe { libc::flock(fd.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) }) {
        Ok(()) => Ok(true),
        Err(e) if e.raw_os_error() == Some(libc::EWOULDBLOCK) => Ok(false),
        Err(e) => Err(e),
    }
}

/// renameat2(2) with `RENAME_NOREPLACE`: `Ok(false)` when the destination already exists.
pub(crate) fn rename_noreplace(from: &std::path::Path, to: &std::path::Path) -> io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let from = cstr(from.as_os_str().as_bytes())?;
    let to = cstr(to.as_os_str().as_bytes())?;
    // SAFETY: valid NUL-terminated paths.
    let ret = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_NOREPLACE,
        )
    };
    match check(ret) {
        Ok(()) => Ok(true),
        Err(e) if matches!(e.raw_os_error(), Some(libc::EEXIST) | Some(libc::ENOTEMPTY)) => {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// Whether process `pid` exists (in our pid namespace).
pub(crate) fn pid_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks for existence.
    let ret = unsafe { libc::kill(pid, 0) };
    ret == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Removes `name` in `dir` and everything below it, without following symlinks.
pub(crate) fn remove_tree_at(dir: BorrowedFd<'_>, name: &CStr) -> io::Result<()> {
    // One name inside `dir`, never a path: `openat` ignores `dir` for an absolute name, and
    // this empties what it opens. Entry names are checked before they get here; this is the
    // second check (a broken name splitter once emptied a host's /etc in a mutation test).
    if !super::names::is_plain(name.to_bytes()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to remove {name:?}: not a single name inside the directory"),
        ));
    }
    let fd = openat(
        dir,
        name,
        libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW,
        0,
    )?;
    // Owner write+search so entries can be unlinked even from read-only dirs we own.
    let _ = fchmod(fd.as_fd(), 0o700);
    for (child, is_dir) in list_dir(&fd)? {
        let child = cstr(&child)?;
        if is_dir {
            remove_tree_at(fd.as_fd(), &child)?;
        } else {
            unlinkat(fd.as_fd(), &child, false)?;
        }
    }
    unlinkat(dir, name, true)
}

/// Lists a directory: (name, is_directory) without `.` and `..`.
pub(crate) fn list_dir(fd: &OwnedFd) -> io::Result<Vec<(Vec<u8>, bool)>> {
    let dup = fd.try_clone()?;
    // SAFETY: fdopendir takes ownership of the duplicated fd on success.
    let dirp = unsafe { libc::fdopendir(dup.as_raw_fd()) };
    if dirp.is_null() {
        return Err(io::Error::last_os_error());
    }
    std::mem::forget(dup);
    // fdopendir shares the file offset with the original fd: start from the top.
    // SAFETY: dirp is a valid DIR*.
    unsafe { libc::rewinddir(dirp) };
    let mut raw = Vec::new();
    loop {
        // SAFETY: dirp is valid; readdir returns NULL at the end.
        let ent = unsafe { libc::readdir(dirp) };
        if ent.is_null() {
            break;
        }
        // SAFETY: readdir returned a valid dirent whose d_name is NUL-terminated.
        let (name, d_type) = unsafe {
            (
                CStr::from_ptr((*ent).d_name.as_ptr()).to_bytes().to_vec(),
                (*ent).d_type,
            )
        };
        if name != b"." && name != b".." {
            raw.push((name, d_type));
        }
    }
    // SAFETY: dirp is valid and closed once.
    unsafe { libc::closedir(dirp) };
    let mut out = Vec::with_capacity(raw.len());
    for (name, d_type) in raw {
        let is_dir = match d_type {
            libc::DT_DIR => true,
            libc::DT_UNKNOWN => {
                let c = cstr(&name)?;
                matches!(lstat_at(fd.as_fd(), &c)?, Some(st) if st.st_mode & libc::S_IFMT == libc::S_IFDIR)
            }
            _ => false,
        };
        out.push((name, is_dir));
    }
    Ok(out)
}

/// The extended attributes of `path` itself (not following a symlink): (name, value) pairs.
/// A file system without xattr support has none.
pub(crate) fn list_xattrs(path: &std::path::Path) -> io::Result<Vec<(Vec<u8>, Vec<u8>)>> {
    use std::os::unix::ffi::OsStrExt;
    let cpath = cstr(path.as_os_str().as_bytes())?;
    let mut names = vec![0u8; 1024];
    let len = loop {
        // SAFETY: valid path and buffer pointer/length.
        let n = unsafe { libc::llistxattr(cpath.as_ptr(), names.as_mut_ptr().cast(), names.len()) };
        if n >= 0 {
            break n as usize;
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::ERANGE) => names.resize(names.len() * 4, 0),
            Some(libc::ENOTSUP) => return Ok(Vec::new()),
            _ => return Err(e),
        }
    };
    let mut out = Vec::new();
    for name in names[..len].split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let cname = cstr(name)?;
        let mut value = vec![0u8; 256];
        loop {
            // SAFETY: valid strings and buffer pointer/length.
            let n = unsafe {
                libc::lgetxattr(
                    cpath.as_ptr(),
                    cname.as_ptr(),
                    value.as_mut_ptr().cast(),
                    value.len(),
                )
            };
            if n >= 0 {
                value.truncate(n as usize);
                break;
            }
            let e = io::Error::last_os_error();
            match e.raw_os_error() {
                Some(libc::ERANGE) => value.resize(value.len() * 4, 0),
                _ => return Err(e),
            }
        }
        out.push((name.to_vec(), value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_tree_at_takes_one_name_never_a_path() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("a/b/c")).unwrap();
        let dir = std::fs::File::open(tmp.path()).unwrap();
        for bad in ["a/b", "/", ".", "..", ""] {
            let name = CString::new(bad).unwrap();
            let err = remove_tree_at(dir.as_fd(), &name).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{bad:?}");
        }
        assert!(tmp.path().join("a/b/c").is_dir());
        remove_tree_at(dir.as_fd(), &CString::new("a").unwrap()).unwrap();
        assert!(!tmp.path().join("a").exists());
    }
}
