//! `cp`: copying files out of and into a container's root file system as tar streams.
//!
//! Every path inside the container is resolved beneath its root with openat2(`RESOLVE_IN_ROOT`),
//! and walks and writes go through descriptors with `O_NOFOLLOW` and `*at()` calls, so a symlink
//! the container plants, or swaps in while `cp` runs, resolves inside the container and never
//! reaches a host file (CVE-2018-15664).

use std::ffi::{CString, OsStr};
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use super::rows::ContainerRecord;
use super::spec::{runtime_spec, SpecPaths};
use super::State;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::runtime::mounts::resolve_in_root;

/// A container's root file system opened for copying.
#[derive(Debug)]
pub struct ContainerRoot {
    /// The container.
    pub record: ContainerRecord,
    fd: OwnedFd,
}

/// What a path inside the container is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// A directory.
    Dir,
    /// Anything else: a file, a symlink (not followed), a device.
    Other,
}

/// A copy that failed because of what was asked, not because of the system.
fn invalid(msg: String) -> Error {
    Error::InvalidArgument(msg)
}

fn io_err(what: &str, path: &Path, e: io::Error) -> Error {
    Error::Runtime(format!("{what} {}: {e}", path.display()))
}

impl Engine {
    /// Opens the root file system of container `name_or_id`: a running container's through its
    /// process (rootless, in its user namespace), a stopped one's by mounting its overlay in a
    /// private mount namespace. Call it before anything else enters a user namespace.
    pub fn open_container_root(&mut self, name_or_id: &str) -> Result<ContainerRoot> {
        let rec = self.lookup_container(name_or_id)?;
        let fd = if matches!(rec.state, State::Running | State::Paused) && rec.pid > 0 {
            crate::runtime::userns::join_userns_of(rec.pid)?;
            open_dir(Path::new(&format!("/proc/{}/root", rec.pid)))?
        } else {
            self.mount_stopped_root(&rec)?
        };
        Ok(ContainerRoot { record: rec, fd })
    }

    fn mount_stopped_root(&mut self, rec: &ContainerRecord) -> Result<OwnedFd> {
        self.enter_userns()?;
        if !crate::runtime::userns::in_userns() {
            // Real root (rootless already has a private one): keep the mount off the host.
            crate::runtime::userns::private_mount_namespace()?;
        }
        let dir = self.container_dir(&rec.id);
        let volumes_dir = self.paths().volumes();
        let paths = SpecPaths {
            container_dir: &dir,
            volumes_dir: &volumes_dir,
            layer_dirs: self.layer_dirs(&rec.config.layers),
            init: None,
            net_join: None,
            pid_owner: None,
            ipc_owner: None,
        };
        let spec = runtime_spec(&rec.id, &rec.config, &paths, None, None)?;
        let root = crate::runtime::rootfs::mount_rootfs(&spec.rootfs, true)
            .map_err(|e| Error::Runtime(format!("mounting the container's file system: {e}")))?;
        open_dir(&root)
    }
}

fn open_dir(path: &Path) -> Result<OwnedFd> {
    let c = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| invalid(format!("bad path {}", path.display())))?;
    // SAFETY: a valid C string; the result is checked.
    let fd = unsafe {
        libc::open(
            c.as_ptr(),
            libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        return Err(io_err("opening", path, io::Error::last_os_error()));
    }
    // SAFETY: a fresh descriptor.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// `fstatat` without following a final symlink (`name` empty: the descriptor itself).
fn lstat_at(dir: RawFd, name: &CString) -> io::Result<libc::stat> {
    // SAFETY: zeroed stat buffer filled by the kernel.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let flags = if name.as_bytes().is_empty() {
        libc::AT_EMPTY_PATH | libc::AT_SYMLINK_NOFOLLOW
    } else {
        libc::AT_SYMLINK_NOFOLLOW
    };
    // SAFETY: valid descriptor, C string and buffer.
    let rc = unsafe { libc::fstatat(dir, name.as_ptr(), &mut st, flags) };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(st)
}

fn is_dir(st: &libc::stat) -> bool {
    st.st_mode & libc::S_IFMT == libc::S_IFDIR
}

/// `openat` relative to `dir`, never following a symlink in `name`.
fn open_at(dir: RawFd, name: &CString, flags: i32, mode: u32) -> io::Result<OwnedFd> {
    // SAFETY: valid descriptor and C string; the result is checked.
    let fd = unsafe {
        libc::openat(
            dir,
            name.as_ptr(),
            flags | libc::O_NOFOLLOW | libc::O_CLOEXEC,
            mode,
        )
    };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a fresh descriptor.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn cname(name: &OsStr) -> io::Result<CString> {
    CString::new(name.as_bytes()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

impl ContainerRoot {
    /// What `path` (inside the container) is, None when it does not exist. With `follow`, a
    /// final symlink is followed (inside the root).
    pub fn kind(&self, path: &Path, follow: bool) -> Result<Option<PathKind>> {
        match self.resolve(path, follow) {
            Ok(fd) => {
                let st = lstat_at(fd.as_raw_fd(), &CString::default())
                    .map_err(|e| io_err("reading", path, e))?;
                Ok(Some(if is_dir(&st) {
                    PathKind::Dir
                } else {
                    PathKind::Other
                }))
            }
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(None),
            Err(e) => Err(io_err("resolving", path, e)),
        }
    }

    /// Resolves `path` inside the root: its parent always, its last component only with
    /// `follow` (otherwise a symlink is the object itself).
    fn resolve(&self, path: &Path, follow: bool) -> io::Result<OwnedFd> {
        let rel = crate::runtime::mounts::relative(path);
        if follow || rel == Path::new(".") {
            return resolve_in_root(self.fd.as_raw_fd(), path);
        }
        let parent = resolve_in_root(self.fd.as_raw_fd(), rel.parent().unwrap_or(Path::new(".")))?;
        let name = cname(rel.file_name().unwrap_or(OsStr::new(".")))?;
        open_at(parent.as_raw_fd(), &name, libc::O_PATH, 0)
    }

    /// Writes `path` as a tar stream to `out`: its top entry is named `top` (a directory's
    /// contents follow under `top/`; `top` = "." puts them at the top level). A symlink is
    /// archived as a link (followed only when `follow` and it is the top entry).
    pub fn copy_out(
        &self,
        path: &Path,
        follow: bool,
        top: &str,
        out: &mut dyn Write,
    ) -> Result<()> {
        self.archive(path, follow, top, false, out)
    }

    /// `export`: the whole root file system as a tar stream, without what is mounted on it
    /// (/proc, /sys, /dev, volumes, the /etc files skiff binds): only the container's own files.
    pub fn export(&self, out: &mut dyn Write) -> Result<()> {
        self.archive(Path::new("/"), false, ".", true, out)
    }

    fn archive(
        &self,
        path: &Path,
        follow: bool,
        top: &str,
        one_fs: bool,
        out: &mut dyn Write,
    ) -> Result<()> {
        let fd = self
            .resolve(path, follow)
            .map_err(|e| io_err("resolving", path, e))?;
        let dev = if one_fs {
            Some(
                lstat_at(fd.as_raw_fd(), &CString::default())
                    .map_err(|e| io_err("reading", path, e))?
                    .st_dev,
            )
        } else {
            None
        };
        let mut builder = tar::Builder::new(out);
        builder.follow_symlinks(false);
        archive_fd(&mut builder, fd.as_raw_fd(), Path::new(top), dev)
            .map_err(|e| io_err("archiving", path, e))?;
        builder.finish().map_err(|e| io_err("archiving", path, e))?;
        Ok(())
    }

    /// Extracts the tar stream `input` into the directory `dest` inside the container. Entry
    /// names are confined to `dest`; `..` is refused. With `keep_owner`, files get the
    /// archive's owners (`cp -a`), otherwise the container's root.
    pub fn copy_in(&self, dest: &Path, keep_owner: bool, input: &mut dyn Read) -> Result<()> {
        let dir =
            resolve_in_root(self.fd.as_raw_fd(), dest).map_err(|e| io_err("resolving", dest, e))?;
        let st = lstat_at(dir.as_raw_fd(), &CString::default())
            .map_err(|e| io_err("reading", dest, e))?;
        if !is_dir(&st) {
            return Err(invalid(format!(
                "{} in the container is not a directory",
                dest.display()
            )));
        }
        let mut archive = tar::Archive::new(input);
        let entries = archive
            .entries()
            .map_err(|e| io_err("reading the archive for", dest, e))?;
        for entry in entries {
            let mut entry = entry.map_err(|e| io_err("reading the archive for", dest, e))?;
            let name = entry
                .path()
                .map_err(|e| io_err("reading the archive for", dest, e))?
                .into_owned();
            extract_entry(dir.as_raw_fd(), &name, &mut entry, keep_owner)
                .map_err(|e| io_err("copying", &dest.join(&name), e))?;
        }
        Ok(())
    }
}

/// Appends the object behind `fd` (an `O_PATH` descriptor, a symlink itself when it is one) to
/// the archive as `name`, recursing into directories through descriptors.
/// With `dev`, nothing on another file system is archived (a mount point stays, empty).
fn archive_fd<W: Write>(
    b: &mut tar::Builder<W>,
    fd: RawFd,
    name: &Path,
    dev: Option<u64>,
) -> io::Result<()> {
    let st = lstat_at(fd, &CString::default())?;
    let foreign = dev.is_some_and(|d| d != st.st_dev);
    if foreign && st.st_mode & libc::S_IFMT != libc::S_IFDIR {
        return Ok(());
    }
    let mut h = tar::Header::new_gnu();
    h.set_mode(st.st_mode & 0o7777);
    h.set_uid(st.st_uid as u64);
    h.set_gid(st.st_gid as u64);
    h.set_mtime(st.st_mtime.max(0) as u64);
    match st.st_mode & libc::S_IFMT {
        libc::S_IFDIR => {
            if name != Path::new(".") {
                h.set_entry_type(tar::EntryType::Directory);
                h.set_size(0);
                b.append_data(&mut h, name, io::empty())?;
            }
            if foreign {
                return Ok(());
            }
            let dir = open_at(
                fd,
                &CString::new(".").unwrap_or_default(),
                libc::O_RDONLY | libc::O_DIRECTORY,
                0,
            )?;
            let mut names: Vec<CString> = Vec::new();
            {
                let dup = nix::unistd::dup(dir.as_raw_fd())?;
                let mut d = nix::dir::Dir::from_fd(dup)?;
                for e in d.iter() {
                    let e = e?;
                    let n = e.file_name();
                    if n.to_bytes() != b"." && n.to_bytes() != b".." {
                        names.push(n.to_owned());
                    }
                }
            }
            names.sort();
            for n in names {
                let child = open_at(dir.as_raw_fd(), &n, libc::O_PATH, 0)?;
                let child_name = name.join(OsStr::from_bytes(n.as_bytes()));
                archive_fd(b, child.as_raw_fd(), &child_name, dev)?;
            }
        }
        libc::S_IFREG => {
            // Reopen the very file behind the descriptor for reading, never by its path.
            let p = CString::new(format!("/proc/self/fd/{fd}")).unwrap_or_default();
            // SAFETY: a valid C string; the magic link reopens the same inode.
            let r = unsafe { libc::open(p.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
            if r < 0 {
                return Err(io::Error::last_os_error());
            }
            // SAFETY: a fresh descriptor.
            let file = unsafe { OwnedFd::from_raw_fd(r) };
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(st.st_size as u64);
            let mut f = std::fs::File::from(file).take(st.st_size as u64);
            b.append_data(&mut h, name, &mut f)?;
        }
        libc::S_IFLNK => {
            let mut target = vec![0u8; libc::PATH_MAX as usize];
            // SAFETY: readlinkat on the O_PATH|O_NOFOLLOW descriptor of the link with an empty
            // name reads the link itself; the buffer is ours.
            let n = unsafe {
                libc::readlinkat(fd, c"".as_ptr(), target.as_mut_ptr().cast(), target.len())
            };
            if n < 0 {
                return Err(io::Error::last_os_error());
            }
            target.truncate(n as usize);
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_size(0);
            b.append_link(&mut h, name, OsStr::from_bytes(&target))?;
        }
        _ => {
            // Devices, fifos and sockets: docker copies them; skiff skips them (no content).
        }
    }
    Ok(())
}

/// The normal components of an archive entry's name; `..` is an error, `/` and `.` vanish.
fn entry_components(name: &Path) -> io::Result<Vec<&OsStr>> {
    let mut out = Vec::new();
    for c in name.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "an archive entry with '..' in its name",
                ))
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Creates one archive entry beneath `dest`. Its parent is resolved with `dest` as the root
/// (created when missing), and the entry is made with `*at()` calls that never follow a symlink.
fn extract_entry<R: Read>(
    dest: RawFd,
    name: &Path,
    entry: &mut tar::Entry<'_, R>,
    keep_owner: bool,
) -> io::Result<()> {
    let parts = entry_components(name)?;
    let Some((last, parents)) = parts.split_last() else {
        return Ok(()); // "." itself
    };
    let parent_path: PathBuf = parents.iter().collect();
    let parent = crate::runtime::mounts::ensure_in_root(
        dest,
        &Path::new("/").join(&parent_path),
        crate::runtime::mounts::Kind::Dir,
    )?;
    // ensure_in_root returns O_PATH; *at() calls accept it as a directory.
    let p = parent.as_raw_fd();
    let n = cname(last)?;
    let header = entry.header();
    let mode = header.mode().unwrap_or(0o644) & 0o7777;
    let owner = (
        header.uid().unwrap_or(0) as u32,
        header.gid().unwrap_or(0) as u32,
    );
    let kind = header.entry_type();
    let existing = lstat_at(p, &n).ok();
    let remove_existing = || {
        if let Some(st) = existing {
            let flag = if is_dir(&st) { libc::AT_REMOVEDIR } else { 0 };
            // SAFETY: valid descriptor and C string.
            unsafe { libc::unlinkat(p, n.as_ptr(), flag) };
        }
    };
    match kind {
        tar::EntryType::Directory => {
            if !existing.as_ref().is_some_and(is_dir) {
                remove_existing();
                // SAFETY: valid descriptor and C string.
                if unsafe { libc::mkdirat(p, n.as_ptr(), 0o700) } < 0 {
                    return Err(io::Error::last_os_error());
                }
            }
            let d = open_at(p, &n, libc::O_RDONLY | libc::O_DIRECTORY, 0)?;
            set_meta(d.as_raw_fd(), mode, owner, keep_owner)
        }
        tar::EntryType::Regular | tar::EntryType::Continuous => {
            remove_existing();
            let f = open_at(p, &n, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL, 0o600)?;
            let mut file = std::fs::File::from(f);
            io::copy(entry, &mut file)?;
            set_meta(file.as_raw_fd(), mode, owner, keep_owner)
        }
        tar::EntryType::Symlink => {
            remove_existing();
            let target = entry.link_name()?.ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "a symlink without a target")
            })?;
            let t = cname(target.as_os_str())?;
            // SAFETY: valid descriptor and C strings.
            if unsafe { libc::symlinkat(t.as_ptr(), p, n.as_ptr()) } < 0 {
                return Err(io::Error::last_os_error());
            }
            if keep_owner {
                // SAFETY: valid descriptor and C string; a symlink's owner, not its target's.
                unsafe {
                    libc::fchownat(p, n.as_ptr(), owner.0, owner.1, libc::AT_SYMLINK_NOFOLLOW)
                };
            }
            Ok(())
        }
        other => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!(
                "{other:?} entries (hard links, devices) cannot be copied into a container yet"
            ),
        )),
    }
}

fn set_meta(fd: RawFd, mode: u32, owner: (u32, u32), keep_owner: bool) -> io::Result<()> {
    if keep_owner {
        // SAFETY: a valid descriptor.
        if unsafe { libc::fchown(fd, owner.0, owner.1) } < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    // SAFETY: a valid descriptor.
    if unsafe { libc::fchmod(fd, mode) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_are_confined() {
        assert_eq!(
            entry_components(Path::new("/a/./b")).unwrap(),
            [OsStr::new("a"), OsStr::new("b")]
        );
        assert!(entry_components(Path::new("a/../../etc")).is_err());
        assert!(entry_components(Path::new("./")).unwrap().is_empty());
    }
}
