//! `cp`: copying files out of and into a container's root file system as tar streams.
//!
//! Every path inside the container is resolved beneath its root with openat2(`RESOLVE_IN_ROOT`),
//! and walks and writes go through descriptors with `O_NOFOLLOW` and `*at()` calls, so a symlink
//! the container plants, or swaps in while `cp` runs, resolves inside the container and never
//! reaches a host file (CVE-2018-15664).
//!
//! A container with a user namespace of its own (`--userns keep-id|nomap|auto`) is read and
//! written in the engine's ids; owners cross over through its mapping, so archives carry the
//! owners the container sees and files copied in belong to its root (or, with `-a`, to the
//! archive's owners as the container sees them).

pub mod archive;
pub mod extract;

use std::ffi::{CStr, CString, OsStr};
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::rows::ContainerRecord;
use super::spec::{runtime_spec, SpecPaths};
use super::State;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::runtime::mounts::resolve_in_root;
use crate::runtime::{IdMap, IdRange};
use extract::Owners;

/// A container's root file system opened for copying.
#[derive(Debug)]
pub struct ContainerRoot {
    /// The container.
    pub record: ContainerRecord,
    fd: OwnedFd,
    /// The container's own mapping when it has one: the files are seen in engine ids.
    ids: Option<IdMap>,
    /// Where a stopped container's file system was mounted for the copy: unmounted when
    /// this is dropped, so a long-lived caller (`build`) can remove the container after.
    mounted: Option<PathBuf>,
}

impl Drop for ContainerRoot {
    fn drop(&mut self) {
        if let Some(at) = &self.mounted {
            let _ = nix::mount::umount2(at, nix::mount::MntFlags::MNT_DETACH);
        }
    }
}

/// docker's stat of a path in a container (the API's `X-Docker-Container-Path-Stat`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStat {
    /// The last component of the path.
    pub name: String,
    /// Size in bytes.
    pub size: i64,
    /// `st_mode`: type and permission bits.
    pub mode: u32,
    /// Modification time, unix nanoseconds.
    pub mtime: i64,
    /// docker's `linkTarget`: where a symlink leads, every link on the way resolved inside
    /// the root, as an absolute path in the container (a dangling link's own text); empty for
    /// anything else.
    pub link_target: String,
}

/// What a path inside the container is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// A directory.
    Dir,
    /// Anything else: a file, a symlink (not followed), a device.
    Other,
}

/// The most [`ContainerRoot::read_text`] reads of a file (the container's /etc/passwd and the
/// like).
const TEXT_LIMIT: u64 = 4 << 20;

/// Who owns the files [`ContainerRoot::copy_in`] makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyOwners {
    /// The container's root (`cp` without `-a`).
    Root,
    /// The archive's owners, which the container must have (`cp -a`, build steps).
    Archive,
    /// The archive's owners where the container has them, else its root: what docker's archive
    /// API does without `copyUIDGID` (and with it for a container without a user).
    ArchiveWhereMapped,
    /// This user of the container (`USER[:GROUP]`, names from its /etc/passwd and /etc/group):
    /// docker's archive API with `copyUIDGID` for a container that has a user.
    User(String),
}

impl CopyOwners {
    /// The owners of docker's `PUT /containers/{id}/archive`: with `copy_uid_gid` the
    /// container's user (`user`, its configured one) when it has one, otherwise the archive's.
    pub fn for_api(copy_uid_gid: bool, user: &str) -> CopyOwners {
        if copy_uid_gid && !user.is_empty() {
            CopyOwners::User(user.to_string())
        } else {
            CopyOwners::ArchiveWhereMapped
        }
    }
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
        let ids = rec.config.userns.map.clone();
        let mut mounted = None;
        let fd = if matches!(rec.state, State::Running | State::Paused) && rec.pid > 0 {
            if ids.is_some() {
                // The engine's namespace, the parent of the container's: what is written on
                // the host then belongs to the caller, not to an id of the container.
                crate::runtime::userns::join_parent_userns_of(rec.pid)?;
            } else {
                crate::runtime::userns::join_userns_of(rec.pid)?;
            }
            open_dir(Path::new(&format!("/proc/{}/root", rec.pid)))?
        } else {
            let (fd, at) = self.mount_stopped_root(&rec)?;
            mounted = Some(at);
            fd
        };
        Ok(ContainerRoot {
            record: rec,
            fd,
            ids,
            mounted,
        })
    }

    /// The runtime spec of stopped container `rec` as its start would make it (no init, no
    /// namespace joined): its root file system and mounts, for `cp` and `mount`.
    pub(super) fn stopped_container_spec(
        &mut self,
        rec: &ContainerRecord,
    ) -> Result<crate::runtime::RuntimeSpec> {
        let dir = self.container_dir(&rec.id);
        let volumes_dir = self.paths().volumes();
        let paths = SpecPaths {
            container_dir: &dir,
            volumes_dir: &volumes_dir,
            layer_dirs: super::userns_mode::layer_dirs(self, rec, &dir)?,
            init: None,
            net_join: None,
            pid_owner: None,
            ipc_owner: None,
            uts_owner: None,
            userns_owner: None,
            volume_sources: crate::volume::volume_sources(&volumes_dir, &rec.config.mounts),
        };
        runtime_spec(&rec.id, &rec.config, &paths, None, None)
    }

    fn mount_stopped_root(&mut self, rec: &ContainerRecord) -> Result<(OwnedFd, PathBuf)> {
        self.enter_userns()?;
        if !crate::runtime::userns::in_userns() {
            // Real root (rootless already has a private one): keep the mount off the host.
            crate::runtime::userns::private_mount_namespace()?;
        }
        let spec = self.stopped_container_spec(rec)?;
        let root = crate::runtime::rootfs::mount_rootfs(&spec.rootfs, true)
            .map_err(|e| Error::Runtime(format!("mounting the container's file system: {e}")))?;
        let fd = open_dir(&root)?;
        mount_volumes(fd.as_raw_fd(), &spec.mounts)?;
        mount_etc_files(fd.as_raw_fd(), &spec.etc_files)?;
        Ok((fd, root))
    }
}

/// Binds a stopped container's /etc/hosts, /etc/hostname and /etc/resolv.conf (kept in its
/// directory from its creation on), and the /etc/passwd and /etc/group its last start wrote,
/// where it sees them, as its start does: a copy reads and writes those files, and cannot put
/// a directory where the start binds a file.
fn mount_etc_files(root: RawFd, files: &crate::runtime::spec::EtcFiles) -> Result<()> {
    use crate::runtime::mounts::{ensure_in_root, fd_path, Kind};
    use crate::runtime::sys::{Real, Syscalls};
    let etc = [
        (&files.hosts, "/etc/hosts"),
        (&files.hostname, "/etc/hostname"),
        (&files.resolv_conf, "/etc/resolv.conf"),
        (&files.passwd, "/etc/passwd"),
        (&files.group, "/etc/group"),
    ];
    for (source, target) in etc {
        let Some(source) = source.as_deref().filter(|s| s.is_file()) else {
            continue;
        };
        let failed = |e: String| Error::Runtime(format!("mounting {target} for the copy: {e}"));
        let at = ensure_in_root(root, Path::new(target), Kind::File)
            .map_err(|e| failed(e.to_string()))?;
        Real.bind_at(source, &fd_path(&at), false, target)
            .map_err(failed)?;
    }
    Ok(())
}

/// Binds a stopped container's volumes and bind mounts where it would see them (as docker's
/// `cp` does), read-only ones read-only; tmpfs mounts hold nothing while it is stopped.
fn mount_volumes(root: RawFd, mounts: &[crate::runtime::MountSpec]) -> Result<()> {
    use crate::runtime::mounts::{ensure_in_root, fd_path, parse_options, set_attrs, Kind};
    use crate::runtime::sys::{Real, Syscalls};
    for m in mounts {
        if m.kind != crate::runtime::MountKind::Bind {
            continue;
        }
        let failed =
            |e: String| Error::Runtime(format!("mounting {} for the copy: {e}", m.destination));
        let opts = parse_options(&m.options).map_err(failed)?;
        let kind = if m.source.is_dir() {
            Kind::Dir
        } else {
            Kind::File
        };
        let at = ensure_in_root(root, Path::new(&m.destination), kind)
            .map_err(|e| failed(e.to_string()))?;
        Real.bind_at(&m.source, &fd_path(&at), opts.recursive, &m.destination)
            .map_err(failed)?;
        if opts.attrs != 0 {
            let mounted = resolve_in_root(root, Path::new(&m.destination))
                .map_err(|e| failed(e.to_string()))?;
            set_attrs(&fd_path(&mounted), opts.attrs, 0, opts.recursive)
                .map_err(|e| failed(e.to_string()))?;
        }
    }
    Ok(())
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

/// The names in the directory open as `dir`, `.` and `..` left out.
fn children(dir: RawFd) -> io::Result<Vec<CString>> {
    let dup = nix::unistd::dup(dir)?;
    let mut d = nix::dir::Dir::from_fd(dup)?;
    let mut names = Vec::new();
    for e in d.iter() {
        let n = e?.file_name().to_owned();
        if n.as_bytes() != b"." && n.as_bytes() != b".." {
            names.push(n);
        }
    }
    Ok(names)
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
fn open_at(dir: RawFd, name: &CStr, flags: i32, mode: u32) -> io::Result<OwnedFd> {
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
    /// A running container with a namespace of its own mounted its file system there, where
    /// the engine's root is not mapped and may not make files: move on into its namespace, as
    /// its root, and see its files in its own ids from then on.
    fn enter_to_write(&mut self) -> Result<()> {
        let rec = &self.record;
        let running = matches!(rec.state, State::Running | State::Paused) && rec.pid > 0;
        if !running || self.ids.is_none() {
            return Ok(());
        }
        crate::runtime::userns::join_child_userns_of(rec.pid)?;
        self.fd = open_dir(Path::new(&format!("/proc/{}/root", rec.pid)))?;
        self.ids = None;
        Ok(())
    }

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

    /// Creates directory `path` inside the root with its missing parents (mode 0755, owned
    /// by the container's root), every lookup confined to the root.
    pub fn make_dir(&mut self, path: &Path) -> Result<()> {
        self.enter_to_write()?;
        crate::runtime::mounts::ensure_in_root(
            self.fd.as_raw_fd(),
            path,
            crate::runtime::mounts::Kind::Dir,
        )
        .map(drop)
        .map_err(|e| io_err("creating", path, e))
    }

    /// Where `path` inside the root (symlinks resolved inside it) is on the host, for a bind
    /// mount of it; only for a stopped container's root, which this process mounted.
    pub fn host_path(&self, path: &Path) -> Result<PathBuf> {
        if self.mounted.is_none() {
            return Err(Error::Runtime(
                "a running container's files have no path on the host".into(),
            ));
        }
        let fd = self
            .resolve(path, true)
            .map_err(|e| io_err("resolving", path, e))?;
        std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd()))
            .map_err(|e| io_err("resolving", path, e))
    }

    /// The names in directory `path` inside the root (symlinks resolved inside it).
    pub fn list_dir(&self, path: &Path) -> Result<Vec<String>> {
        let fd = self
            .resolve(path, true)
            .map_err(|e| io_err("resolving", path, e))?;
        let entries = std::fs::read_dir(format!("/proc/self/fd/{}", fd.as_raw_fd()))
            .map_err(|e| io_err("listing", path, e))?;
        Ok(entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect())
    }

    /// The text of the small file `path` inside the root (symlinks resolved inside it), None
    /// when it cannot be read: `/etc/passwd` for `--chown` names.
    pub fn read_text(&self, path: &Path) -> Option<String> {
        crate::runtime::mounts::read_file_in_root(self.fd.as_raw_fd(), path, TEXT_LIMIT)
    }

    /// docker's stat of `path` (a final symlink not followed), None when it does not exist.
    /// With `contents` (docker's `PATH/.`: the directory's contents) the path is followed,
    /// must be a directory, and is named `.`.
    pub fn stat(&self, path: &Path, contents: bool) -> Result<Option<PathStat>> {
        let fd = match self.resolve(path, contents) {
            Ok(fd) => fd,
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => return Ok(None),
            Err(e) => return Err(io_err("resolving", path, e)),
        };
        let st = lstat_at(fd.as_raw_fd(), &CString::default())
            .map_err(|e| io_err("reading", path, e))?;
        if contents && st.st_mode & libc::S_IFMT != libc::S_IFDIR {
            return Err(Error::InvalidArgument(format!(
                "{}/.: {} is not a directory",
                path.display(),
                path.display()
            )));
        }
        let link_target = if st.st_mode & libc::S_IFMT == libc::S_IFLNK {
            match self.link_destination(path) {
                Ok(dest) => dest.to_string_lossy().into_owned(),
                Err(_) => {
                    let target = archive::read_link(fd.as_raw_fd())
                        .map_err(|e| io_err("reading", path, e))?;
                    String::from_utf8_lossy(&target).into_owned()
                }
            }
        } else {
            String::new()
        };
        let name = match (contents, path.file_name()) {
            (true, _) => ".".to_string(),
            (false, Some(n)) => n.to_string_lossy().into_owned(),
            (false, None) => "/".to_string(),
        };
        Ok(Some(PathStat {
            name,
            size: st.st_size,
            mode: st.st_mode,
            // A container's file may claim any time: saturate rather than overflow.
            mtime: st
                .st_mtime
                .saturating_mul(1_000_000_000)
                .saturating_add(st.st_mtime_nsec),
            link_target,
        }))
    }

    /// Where `path` leads inside the root: an absolute container path with every symlink on
    /// the way (the last component's too) resolved inside the root, as docker's `linkTarget`;
    /// from a missing component on, the rest is joined as it is written (a dangling link's
    /// destination). Fails when the links loop.
    fn link_destination(&self, path: &Path) -> io::Result<PathBuf> {
        use std::path::Component;
        let mut done = PathBuf::from("/");
        let mut todo: std::collections::VecDeque<std::ffi::OsString> =
            crate::runtime::mounts::relative(path)
                .components()
                .map(|c| c.as_os_str().to_os_string())
                .collect();
        let mut links = 0;
        while let Some(name) = todo.pop_front() {
            match Path::new(&name).components().next() {
                Some(Component::ParentDir) => {
                    done.pop();
                    continue;
                }
                Some(Component::Normal(_)) => {}
                _ => continue,
            }
            let next = done.join(&name);
            let fd = match self.resolve(&next, false) {
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {
                    done = next;
                    for rest in todo.drain(..) {
                        match Path::new(&rest).components().next() {
                            Some(Component::ParentDir) => {
                                done.pop();
                            }
                            Some(Component::Normal(_)) => done.push(&rest),
                            _ => {}
                        }
                    }
                    return Ok(done);
                }
                other => other?,
            };
            let st = lstat_at(fd.as_raw_fd(), &CString::default())?;
            if st.st_mode & libc::S_IFMT != libc::S_IFLNK {
                done = next;
                continue;
            }
            links += 1;
            if links > 40 {
                return Err(io::Error::from_raw_os_error(libc::ELOOP));
            }
            let target = PathBuf::from(OsStr::from_bytes(&archive::read_link(fd.as_raw_fd())?));
            if target.is_absolute() {
                done = PathBuf::from("/");
            }
            for c in target.components().rev() {
                todo.push_front(c.as_os_str().to_os_string());
            }
        }
        Ok(done)
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
    /// contents follow under `top/`; `top` = "." puts them at the top level, as `./` and
    /// `./NAME`, docker's names for `SRC/.`). A symlink is
    /// archived as a link (followed only when `follow` and it is the top entry).
    pub fn copy_out(
        &self,
        path: &Path,
        follow: bool,
        top: &str,
        out: &mut dyn Write,
    ) -> Result<()> {
        self.archive(path, follow, top, false, top == ".", out)
    }

    /// `export`: the whole root file system as a tar stream, without what is mounted on it
    /// (/proc, /sys, /dev, volumes, the /etc files skiff binds): only the container's own files.
    pub fn export(&self, out: &mut dyn Write) -> Result<()> {
        self.archive(Path::new("/"), false, ".", true, false, out)
    }

    fn archive(
        &self,
        path: &Path,
        follow: bool,
        top: &str,
        one_fs: bool,
        dot_names: bool,
        out: &mut dyn Write,
    ) -> Result<()> {
        let fd = self
            .resolve(path, follow)
            .map_err(|e| io_err("resolving", path, e))?;
        let one_fs = if one_fs {
            Some(
                lstat_at(fd.as_raw_fd(), &CString::default())
                    .map_err(|e| io_err("reading", path, e))?
                    .st_dev,
            )
        } else {
            None
        };
        let rules = archive::Rules {
            one_fs,
            ids: self.ids.as_ref(),
            layer: false,
            mtime: None,
            dot_names,
        };
        let mut ar = archive::Archiver::new(out, rules);
        ar.add(fd.as_raw_fd(), Path::new(top))
            .and_then(|()| ar.finish().map(drop))
            .map_err(|e| io_err("archiving", path, e))
    }

    /// The container's ids as the unpacking process names them: its own mapping, or without
    /// one (it shares the engine's ids) the ids this process's namespace has.
    fn ids_here(&self) -> IdMap {
        if let Some(m) = &self.ids {
            return m.clone();
        }
        let own = crate::runtime::userns::current_id_map();
        let identity = |m: Vec<IdRange>| {
            m.into_iter()
                .map(|r| IdRange::new(r.container, r.container, r.size))
                .collect()
        };
        IdMap {
            uids: identity(own.uids),
            gids: identity(own.gids),
        }
    }

    /// Extracts the tar stream `input` into the directory `dest` inside the container. Entry
    /// names are confined to `dest`; `..` is refused. `owners` says whose the files are (see
    /// [`CopyOwners`]). A directory and a non-directory replace each other only with
    /// `overwrite` (see [`extract::unpack`]).
    pub fn copy_in(
        &mut self,
        dest: &Path,
        owners: &CopyOwners,
        overwrite: bool,
        input: &mut dyn Read,
    ) -> Result<()> {
        self.enter_to_write()?;
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
        // An id of the container as the unpacking process names it, if it has that id.
        let ids = self.ids_here();
        let engine_ids = |uid: u32, gid: u32| {
            Some((
                crate::runtime::idshift::map_id(&ids.uids, uid)?,
                crate::runtime::idshift::map_id(&ids.gids, gid)?,
            ))
        };
        let root = match &self.ids {
            Some(_) => engine_ids(0, 0),
            None => None,
        };
        let owners = match owners {
            CopyOwners::Archive => Owners::Archive(self.ids.as_ref()),
            CopyOwners::ArchiveWhereMapped => Owners::ArchiveWhereMapped(&ids, root),
            CopyOwners::User(user) => {
                let text = |p: &str| self.read_text(Path::new(p)).unwrap_or_default();
                let who = crate::runtime::user::resolve(
                    user,
                    &[],
                    &text("/etc/passwd"),
                    &text("/etc/group"),
                )
                .map_err(|e| invalid(format!("copying into {}: {e}", dest.display())))?;
                let (uid, gid) = engine_ids(who.uid, who.gid).ok_or_else(|| {
                    invalid(format!(
                        "copying into {}: the container's user {user} is not mapped in its user \
                         namespace",
                        dest.display()
                    ))
                })?;
                Owners::Fixed(uid, gid)
            }
            CopyOwners::Root => match root {
                Some((uid, gid)) => Owners::Fixed(uid, gid),
                None => Owners::Process,
            },
        };
        extract::unpack(dir.as_raw_fd(), input, owners, overwrite).map_err(|e| {
            let refused = e.kind() == io::ErrorKind::InvalidInput;
            let msg = format!("copying into {}: {e}", dest.display());
            if refused {
                invalid(msg)
            } else {
                Error::Runtime(msg)
            }
        })
    }
}

/// `raw` as an absolute path in a container, lexically clean (`.` dropped, `..` taking the
/// component before it, never above `/`), as docker reads an archive request's `path`.
pub fn clean_container_path(raw: &str) -> String {
    format!("/{}", skiff_dockerfile::path::clean(raw))
}

/// Writes the host's `path` as a tar stream to `out` (the host side of `cp` into a container),
/// as [`ContainerRoot::copy_out`] writes a container's: its top entry named `top`, hard links
/// as hardlink entries, devices and fifos as theirs, a symlink followed only when `follow`.
pub fn archive_host_path(path: &Path, follow: bool, top: &str, out: &mut dyn Write) -> Result<()> {
    let flags = libc::O_PATH | if follow { 0 } else { libc::O_NOFOLLOW };
    let c = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| invalid(format!("bad path {}", path.display())))?;
    // SAFETY: a valid C string; the result is checked.
    let fd = unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC) };
    if fd < 0 {
        return Err(io_err("opening", path, io::Error::last_os_error()));
    }
    // SAFETY: a fresh descriptor.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut ar = archive::Archiver::new(out, archive::Rules::default());
    ar.add(fd.as_raw_fd(), Path::new(top))
        .and_then(|()| ar.finish().map(drop))
        .map_err(|e| io_err("reading", path, e))
}

/// Unpacks the tar stream `input` into the host directory `dir` (the host side of `cp` out of
/// a container), confined to it as [`ContainerRoot::copy_in`] is. With `keep_owner` (`-a`),
/// files get the archive's owners; otherwise the caller's. `overwrite` as `copy_in`'s.
pub fn unpack_on_host(
    dir: &Path,
    keep_owner: bool,
    overwrite: bool,
    input: &mut dyn Read,
) -> Result<()> {
    let fd = open_dir(dir)?;
    let owners = if keep_owner {
        Owners::Archive(None)
    } else {
        Owners::Process
    };
    extract::unpack(fd.as_raw_fd(), input, owners, overwrite)
        .map_err(|e| io_err("writing into", dir, e))
}

#[cfg(test)]
mod tests {
    use super::CopyOwners;

    #[test]
    fn the_api_s_copy_uid_gid_means_the_container_s_user_when_it_has_one() {
        assert_eq!(
            CopyOwners::for_api(false, "7:8"),
            CopyOwners::ArchiveWhereMapped
        );
        assert_eq!(
            CopyOwners::for_api(true, ""),
            CopyOwners::ArchiveWhereMapped
        );
        assert_eq!(
            CopyOwners::for_api(true, "app"),
            CopyOwners::User("app".into())
        );
    }
}
