//! Secure layer extraction. Every entry's parent directory is resolved beneath the layer root
//! with openat2(`RESOLVE_IN_ROOT`), and the entry itself is created with `*at()` calls relative
//! to that directory fd, so names with `..`, absolute names, symlinks planted by earlier entries
//! and hardlinks can never reach outside the root. Whiteouts are stored in overlayfs form: a
//! 0:0 character device for `.wh.NAME`, and `user.overlay.opaque=y` for `.wh..wh..opq`.

use std::collections::HashMap;
use std::ffi::CString;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::Path;

use super::names;
use super::sys::{self, cstr, Time};
use super::ExtractOptions;
use crate::digest::Digest;
use crate::error::{Error, Result};

/// Size of the copy buffer for file contents.
const COPY_BUF: usize = 1 << 20;
/// The prefix of whiteout entries.
const WHITEOUT: &[u8] = b".wh.";
/// The name marking its directory opaque.
const OPAQUE: &[u8] = b".wh..wh..opq";
/// The xattr rootless overlayfs (`userxattr`) reads for opaque directories.
pub(crate) const USER_OPAQUE: &str = "user.overlay.opaque";
/// The xattr overlayfs mounted by real root reads for opaque directories.
pub(crate) const TRUSTED_OPAQUE: &str = "trusted.overlay.opaque";

/// True for overlayfs's own extended attributes (`user.overlay.*`, `trusted.overlay.*`): an
/// archive's entry must never set them (they would make a directory opaque or a file a
/// whiteout and hide what lies below), and a layer archive writes them as `.wh.` markers.
pub fn is_overlay_xattr(name: &[u8]) -> bool {
    name.starts_with(b"user.overlay.") || name.starts_with(b"trusted.overlay.")
}

/// True for an extended attribute a layer archive carries: not overlayfs's own, not an
/// SELinux label (the host's, meaningless elsewhere).
pub fn layer_keeps_xattr(name: &[u8]) -> bool {
    !is_overlay_xattr(name) && name != b"security.selinux"
}

/// Extracts the tar stream `stream` into the directory `root` (whose path, `root_path`, is
/// used in messages only), reading the stream to its very end. Returns the number of bytes of
/// regular file content written. `layer` names the layer in errors.
pub(crate) fn extract<R: Read>(
    stream: R,
    root: &OwnedFd,
    root_path: &Path,
    layer: &Digest,
    opts: &ExtractOptions,
) -> Result<u64> {
    let mut x = Extractor {
        root: root.as_fd(),
        root_path,
        layer,
        opts,
        dirs: Vec::new(),
        dir_index: HashMap::new(),
        cached_parent: None,
        buf: vec![0; COPY_BUF],
        size: 0,
        warned_chown: false,
        // SAFETY: these calls cannot fail.
        ids: unsafe { (libc::geteuid(), libc::getegid()) },
    };
    let mut archive = tar::Archive::new(stream);
    for entry in archive.entries().map_err(|e| x.stream_error(e))? {
        let mut entry = entry.map_err(|e| x.stream_error(e))?;
        x.entry(&mut entry)?;
    }
    x.finish_dirs()?;
    // Trailing zero blocks and padding are part of the digest: consume them.
    io::copy(&mut archive.into_inner(), &mut io::sink()).map_err(|e| x.stream_error(e))?;
    Ok(x.size)
}

/// Ownership, permissions, times and xattrs of one entry.
#[derive(Clone)]
struct Meta {
    uid: u32,
    gid: u32,
    mode: u32,
    atime: Time,
    mtime: Time,
    xattrs: Vec<(CString, Vec<u8>)>,
}

/// A directory whose metadata is applied once everything has been written into it.
struct DeferredDir {
    path: Vec<u8>,
    depth: usize,
    meta: Meta,
}

struct Extractor<'a> {
    root: BorrowedFd<'a>,
    root_path: &'a Path,
    layer: &'a Digest,
    opts: &'a ExtractOptions,
    dirs: Vec<DeferredDir>,
    dir_index: HashMap<Vec<u8>, usize>,
    /// The last parent directory used. Operations only ever change children of the current
    /// parent, never the path leading to it, so reusing it for the same path is sound.
    cached_parent: Option<(Vec<u8>, OwnedFd)>,
    buf: Vec<u8>,
    size: u64,
    warned_chown: bool,
    ids: (u32, u32),
}

/// Shows an entry name in messages.
fn show(name: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(name))
}

fn errno(e: &io::Error) -> i32 {
    e.raw_os_error().unwrap_or(0)
}

impl Extractor<'_> {
    fn bad(&self, reason: String) -> Error {
        Error::BadLayer {
            layer: self.layer.to_string(),
            reason,
        }
    }

    fn stream_error(&self, e: io::Error) -> Error {
        self.bad(format!("cannot read the tar stream: {e}"))
    }

    fn io(&self, entry: &[u8], e: io::Error) -> Error {
        let rel = String::from_utf8_lossy(entry);
        Error::io(self.root_path.join(rel.trim_start_matches('/')), e)
    }

    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>) -> Result<()> {
        let kind = entry.header().entry_type();
        if kind.is_pax_global_extensions() {
            return Ok(());
        }
        let raw = entry.path_bytes().into_owned();
        let comps = names::components(&raw)
            .map_err(|why| self.bad(format!("entry {} {why}", show(&raw))))?;
        // The splitter's promise, checked again: each component is one name inside its parent.
        if !comps.iter().all(|c| names::is_plain(c)) {
            return Err(self.bad(format!("entry {} has an invalid component", show(&raw))));
        }
        let meta = self.meta(entry, &raw)?;
        let Some((name, parent)) = comps.split_last() else {
            if kind.is_dir() || (kind.is_file() && raw.ends_with(b"/")) {
                self.defer_dir(Vec::new(), 0, meta);
                return Ok(());
            }
            return Err(self.bad(format!(
                "entry {} names the layer root but is not a directory",
                show(&raw)
            )));
        };
        if parent.iter().any(|c| c.starts_with(b".wh..wh.")) {
            // Inside aufs bookkeeping directories (`.wh..wh.plnk`): nothing for overlayfs.
            return Ok(());
        }
        if *name == OPAQUE {
            return self.opaque(parent, &raw);
        }
        if let Some(target) = name.strip_prefix(WHITEOUT) {
            if target.starts_with(WHITEOUT) {
                // Other `.wh..wh.` names are aufs bookkeeping with no meaning here.
                return Ok(());
            }
            if target.is_empty() || target == b"." || target == b".." {
                return Err(self.bad(format!("whiteout {} names no file", show(&raw))));
            }
            return self.whiteout(parent, target, &meta, &raw);
        }
        let (key, dir) = self.parent(parent, &raw)?;
        let cname = cstr(name).map_err(|e| self.io(&raw, e))?;
        // Old (v7) archives mark directories only by a trailing slash.
        let is_dir = kind.is_dir() || (kind.is_file() && raw.ends_with(b"/"));
        let result = if is_dir {
            self.dir(dir.as_fd(), &cname, &comps, meta, &raw)
        } else if kind.is_file() || kind.is_contiguous() || kind.is_gnu_sparse() {
            self.file(dir.as_fd(), &cname, entry, &meta, &raw)
        } else if kind.is_symlink() {
            self.symlink(dir.as_fd(), &cname, entry, &meta, &raw)
        } else if kind.is_hard_link() {
            self.hardlink(dir.as_fd(), &cname, &comps, entry, &raw)
        } else if kind.is_character_special() || kind.is_block_special() || kind.is_fifo() {
            self.special(dir.as_fd(), &cname, entry.header(), &meta, &raw)
        } else {
            tracing::warn!(
                "layer {}: skipping entry {} of unsupported type {:?}",
                self.layer,
                show(&raw),
                kind
            );
            Ok(())
        };
        self.cached_parent = Some((key, dir));
        result
    }

    /// Reads the entry's ownership, mode, times and PAX xattrs.
    fn meta<R: Read>(&self, entry: &mut tar::Entry<'_, R>, raw: &[u8]) -> Result<Meta> {
        let h = entry.header();
        let bad_field = |what: &str, e: io::Error| {
            self.bad(format!("entry {} has an invalid {what}: {e}", show(raw)))
        };
        let mode = h.mode().map_err(|e| bad_field("mode", e))? & 0o7777;
        let uid = h.uid().map_err(|e| bad_field("uid", e))?;
        let gid = h.gid().map_err(|e| bad_field("gid", e))?;
        let (Ok(uid), Ok(gid)) = (u32::try_from(uid), u32::try_from(gid)) else {
            return Err(self.bad(format!("entry {} has an owner id above 2^32", show(raw))));
        };
        let secs = h.mtime().map_err(|e| bad_field("mtime", e))?;
        let mtime = Time {
            secs: i64::try_from(secs).unwrap_or(i64::MAX),
            nanos: 0,
        };
        let mut meta = Meta {
            uid,
            gid,
            mode,
            atime: mtime,
            mtime,
            xattrs: Vec::new(),
        };
        let mut atime = None;
        if let Some(pax) = entry.pax_extensions().map_err(|e| self.stream_error(e))? {
            for ext in pax {
                let ext = ext.map_err(|e| self.stream_error(e))?;
                let key = ext.key_bytes();
                if let Some(attr) = key.strip_prefix(b"SCHILY.xattr.") {
                    if is_overlay_xattr(attr) {
                        tracing::warn!(
                            "layer {}: ignoring overlay xattr {} on {}",
                            self.layer,
                            show(attr),
                            show(raw)
                        );
                        continue;
                    }
                    let attr = cstr(attr)
                        .map_err(|_| self.bad(format!("xattr name on {} has a NUL", show(raw))))?;
                    meta.xattrs.push((attr, ext.value_bytes().to_vec()));
                } else if key == b"mtime" {
                    meta.mtime = parse_time(ext.value_bytes()).unwrap_or(meta.mtime);
                } else if key == b"atime" {
                    atime = parse_time(ext.value_bytes());
                }
            }
        }
        meta.atime = atime.unwrap_or(meta.mtime);
        Ok(meta)
    }

    /// Opens the parent directory of an entry inside the root, creating missing directories.
    fn parent(&mut self, parent: &[&[u8]], raw: &[u8]) -> Result<(Vec<u8>, OwnedFd)> {
        let key = names::join(parent);
        if let Some((cached, fd)) = self.cached_parent.take() {
            if cached == key {
                return Ok((key, fd));
            }
        }
        match sys::open_in_root(self.root, &key, libc::O_RDONLY | libc::O_DIRECTORY) {
            Ok(fd) => Ok((key, fd)),
            Err(e) if errno(&e) == libc::ENOENT => {
                let fd = self.create_parents(parent, raw)?;
                Ok((key, fd))
            }
            Err(e) => Err(self.resolve_error(raw, e)),
        }
    }

    fn resolve_error(&self, raw: &[u8], e: io::Error) -> Error {
        match errno(&e) {
            libc::ENOTDIR | libc::ELOOP | libc::EXDEV | libc::ENOENT => self.bad(format!(
                "the parent directory of {} cannot be resolved inside the layer: {e}",
                show(raw)
            )),
            _ => self.io(raw, e),
        }
    }

    /// Creates the missing directories of `parent` (mode 0755), each relative to the resolved
    /// directory above it.
    fn create_parents(&mut self, parent: &[&[u8]], raw: &[u8]) -> Result<OwnedFd> {
        let mut dir = self
            .root
            .try_clone_to_owned()
            .map_err(|e| self.io(raw, e))?;
        for (i, comp) in parent.iter().enumerate() {
            let sub = names::join(&parent[..=i]);
            dir = match sys::open_in_root(self.root, &sub, libc::O_RDONLY | libc::O_DIRECTORY) {
                Ok(fd) => fd,
                Err(e) if errno(&e) == libc::ENOENT => {
                    let c = cstr(comp).map_err(|e| self.io(raw, e))?;
                    match sys::mkdirat(dir.as_fd(), &c, 0o755) {
                        Ok(()) => {}
                        Err(e) if errno(&e) == libc::EEXIST => {
                            return Err(self.bad(format!(
                                "{} needs directory {} but it is a symlink to a missing directory",
                                show(raw),
                                show(&sub)
                            )))
                        }
                        Err(e) => return Err(self.io(&sub, e)),
                    }
                    let fd = sys::openat(
                        dir.as_fd(),
                        &c,
                        libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW,
                        0,
                    )
                    .map_err(|e| self.io(&sub, e))?;
                    sys::fchmod(fd.as_fd(), 0o755).map_err(|e| self.io(&sub, e))?;
                    fd
                }
                Err(e) => return Err(self.resolve_error(raw, e)),
            };
        }
        Ok(dir)
    }

    /// Makes room for a new entry `name` in `dir`: removes what is there, except that an
    /// existing directory is kept when the new entry is a directory too. Returns whether a
    /// directory was kept.
    fn make_room(
        &self,
        dir: BorrowedFd<'_>,
        name: &CString,
        keep_dir: bool,
        raw: &[u8],
    ) -> Result<bool> {
        let Some(st) = sys::lstat_at(dir, name).map_err(|e| self.io(raw, e))? else {
            return Ok(false);
        };
        let is_dir = st.st_mode & libc::S_IFMT == libc::S_IFDIR;
        if is_dir && keep_dir {
            return Ok(true);
        }
        let removed = if is_dir {
            sys::remove_tree_at(dir, name)
        } else {
            sys::unlinkat(dir, name, false)
        };
        removed.map_err(|e| self.io(raw, e))?;
        Ok(false)
    }

    fn file<R: Read>(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &CString,
        entry: &mut tar::Entry<'_, R>,
        meta: &Meta,
        raw: &[u8],
    ) -> Result<()> {
        // O_EXCL also refuses an existing symlink: make room only when something is there.
        let flags = libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW;
        let fd = match sys::openat(dir, name, flags, 0o600) {
            Ok(fd) => fd,
            Err(e) if errno(&e) == libc::EEXIST => {
                self.make_room(dir, name, false, raw)?;
                sys::openat(dir, name, flags, 0o600).map_err(|e| self.io(raw, e))?
            }
            Err(e) => return Err(self.io(raw, e)),
        };
        let mut file = File::from(fd);
        let want = entry.size();
        let mut written = 0u64;
        loop {
            let n = entry
                .read(&mut self.buf)
                .map_err(|e| self.stream_error(e))?;
            if n == 0 {
                break;
            }
            file.write_all(&self.buf[..n])
                .map_err(|e| self.io(raw, e))?;
            written += n as u64;
        }
        if written != want {
            return Err(self.bad(format!("the tar stream ends inside {}", show(raw))));
        }
        self.size += written;
        if (meta.uid, meta.gid) != self.ids {
            self.chown(sys::fchown(file.as_fd(), meta.uid, meta.gid), meta, raw)?;
        }
        // After chown, which clears setuid and setgid.
        sys::fchmod(file.as_fd(), meta.mode).map_err(|e| self.io(raw, e))?;
        for (attr, value) in &meta.xattrs {
            self.xattr(sys::fsetxattr(file.as_fd(), attr, value), attr, raw)?;
        }
        sys::futimens(file.as_fd(), meta.atime, meta.mtime).map_err(|e| self.io(raw, e))
    }

    fn dir(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &CString,
        comps: &[&[u8]],
        meta: Meta,
        raw: &[u8],
    ) -> Result<()> {
        match sys::mkdirat(dir, name, 0o700) {
            Ok(()) => {}
            Err(e) if errno(&e) == libc::EEXIST => {
                if !self.make_room(dir, name, true, raw)? {
                    sys::mkdirat(dir, name, 0o700).map_err(|e| self.io(raw, e))?;
                }
            }
            Err(e) => return Err(self.io(raw, e)),
        }
        self.defer_dir(names::join(comps), comps.len(), meta);
        Ok(())
    }

    fn defer_dir(&mut self, path: Vec<u8>, depth: usize, meta: Meta) {
        match self.dir_index.get(&path) {
            Some(&i) => self.dirs[i].meta = meta,
            None => {
                self.dir_index.insert(path.clone(), self.dirs.len());
                self.dirs.push(DeferredDir { path, depth, meta });
            }
        }
    }

    fn symlink<R: Read>(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &CString,
        entry: &tar::Entry<'_, R>,
        meta: &Meta,
        raw: &[u8],
    ) -> Result<()> {
        let Some(target) = entry.link_name_bytes() else {
            return Err(self.bad(format!("symlink {} has no target", show(raw))));
        };
        let target = cstr(&target)
            .map_err(|_| self.bad(format!("symlink {} has a NUL in its target", show(raw))))?;
        self.make_room(dir, name, false, raw)?;
        sys::symlinkat(&target, dir, name).map_err(|e| self.io(raw, e))?;
        // A symlink's size is its target's length, and docker counts it in a layer's size.
        self.size += target.as_bytes().len() as u64;
        self.path_meta(dir, name, meta, false, raw)
    }

    fn hardlink<R: Read>(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &CString,
        comps: &[&[u8]],
        entry: &tar::Entry<'_, R>,
        raw: &[u8],
    ) -> Result<()> {
        let Some(target_raw) = entry.link_name_bytes() else {
            return Err(self.bad(format!("hardlink {} has no target", show(raw))));
        };
        let outside = |why: &str| {
            self.bad(format!(
                "hardlink {} -> {} {why}",
                show(raw),
                show(&target_raw)
            ))
        };
        let target = names::components(&target_raw).map_err(&outside)?;
        if target == comps {
            return Ok(());
        }
        let Some((tname, tparent)) = target.split_last() else {
            return Err(outside("points at the layer root"));
        };
        let tdir = sys::open_in_root(
            self.root,
            &names::join(tparent),
            libc::O_RDONLY | libc::O_DIRECTORY,
        )
        .map_err(|_| outside("points at something that is not in the layer"))?;
        let tname = cstr(tname).map_err(|e| self.io(raw, e))?;
        match sys::lstat_at(tdir.as_fd(), &tname).map_err(|e| self.io(raw, e))? {
            None => return Err(outside("points at something that is not in the layer")),
            Some(st) if st.st_mode & libc::S_IFMT == libc::S_IFDIR => {
                return Err(outside("points at a directory"))
            }
            Some(_) => {}
        }
        self.make_room(dir, name, false, raw)?;
        sys::linkat(tdir.as_fd(), &tname, dir, name).map_err(|e| match errno(&e) {
            libc::ENOENT => outside("points at an entry it replaced"),
            _ => self.io(raw, e),
        })
    }

    /// Character and block devices, and fifos, of header `h`.
    fn special(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &CString,
        h: &tar::Header,
        meta: &Meta,
        raw: &[u8],
    ) -> Result<()> {
        let kind = h.entry_type();
        let major = h.device_major().ok().flatten().unwrap_or(0);
        let minor = h.device_minor().ok().flatten().unwrap_or(0);
        let is_whiteout = kind.is_character_special() && major == 0 && minor == 0;
        let fmt = if kind.is_fifo() {
            libc::S_IFIFO
        } else if kind.is_block_special() {
            libc::S_IFBLK
        } else {
            libc::S_IFCHR
        };
        if self.opts.rootless && fmt != libc::S_IFIFO && !is_whiteout {
            tracing::warn!(
                "layer {}: skipping device node {} (devices cannot be created rootless)",
                self.layer,
                show(raw)
            );
            return Ok(());
        }
        self.make_room(dir, name, false, raw)?;
        let dev = if fmt == libc::S_IFIFO {
            0
        } else {
            libc::makedev(major, minor)
        };
        sys::mknodat(dir, name, fmt | 0o600, dev).map_err(|e| self.io(raw, e))?;
        self.path_meta(dir, name, meta, true, raw)
    }

    /// Owner, mode (unless a symlink), xattrs and times of an entry that is not opened.
    fn path_meta(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &CString,
        meta: &Meta,
        chmod: bool,
        raw: &[u8],
    ) -> Result<()> {
        if (meta.uid, meta.gid) != self.ids {
            self.chown(sys::lchown_at(dir, name, meta.uid, meta.gid), meta, raw)?;
        }
        if chmod {
            sys::chmod_at(dir, name, meta.mode).map_err(|e| self.io(raw, e))?;
        }
        for (attr, value) in &meta.xattrs {
            self.xattr(sys::lsetxattr_at(dir, name, attr, value), attr, raw)?;
        }
        sys::lutimes_at(dir, name, meta.atime, meta.mtime).map_err(|e| self.io(raw, e))
    }

    /// `.wh.NAME`: a 0:0 character device named NAME, with the entry's times so that a layer
    /// extracted twice is the same tree.
    fn whiteout(&mut self, parent: &[&[u8]], target: &[u8], meta: &Meta, raw: &[u8]) -> Result<()> {
        let (key, dir) = self.parent(parent, raw)?;
        let result = (|| {
            let name = cstr(target).map_err(|e| self.io(raw, e))?;
            self.make_room(dir.as_fd(), &name, false, raw)?;
            sys::mknodat(dir.as_fd(), &name, libc::S_IFCHR, 0).map_err(|e| {
                let hint = io::Error::new(
                    e.kind(),
                    format!("cannot create the overlay whiteout: {e}; extract as root or inside the user namespace"),
                );
                self.io(raw, hint)
            })?;
            sys::lutimes_at(dir.as_fd(), &name, meta.atime, meta.mtime).map_err(|e| self.io(raw, e))
        })();
        self.cached_parent = Some((key, dir));
        result
    }

    /// `D/.wh..wh..opq`: mark D opaque.
    fn opaque(&mut self, parent: &[&[u8]], raw: &[u8]) -> Result<()> {
        let (key, dir) = self.parent(parent, raw)?;
        let user = cstr(USER_OPAQUE.as_bytes()).map_err(|e| self.io(raw, e))?;
        let mut result = sys::fsetxattr(dir.as_fd(), &user, b"y").map_err(|e| self.io(raw, e));
        if result.is_ok() && !self.opts.rootless {
            let trusted = cstr(TRUSTED_OPAQUE.as_bytes()).map_err(|e| self.io(raw, e))?;
            result = sys::fsetxattr(dir.as_fd(), &trusted, b"y").map_err(|e| self.io(raw, e));
        }
        self.cached_parent = Some((key, dir));
        result
    }

    /// Applies a chown result: unmapped or forbidden owners are tolerated rootless.
    fn chown(&mut self, result: io::Result<()>, meta: &Meta, raw: &[u8]) -> Result<()> {
        match result {
            Ok(()) => Ok(()),
            Err(e) if self.opts.rootless && matches!(errno(&e), libc::EINVAL | libc::EPERM) => {
                if !self.warned_chown {
                    self.warned_chown = true;
                    tracing::warn!(
                        "layer {}: cannot give {} to {}:{} ({e}); files with owners outside the user namespace's mapping stay owned by the extracting user (configure /etc/subuid and /etc/subgid)",
                        self.layer,
                        show(raw),
                        meta.uid,
                        meta.gid
                    );
                }
                Ok(())
            }
            Err(e) => Err(self.io(raw, e)),
        }
    }

    /// Applies an xattr result: `user.*` must work, others are kept when they can be.
    fn xattr(&self, result: io::Result<()>, attr: &CString, raw: &[u8]) -> Result<()> {
        match result {
            Ok(()) => Ok(()),
            Err(e) if attr.to_bytes().starts_with(b"user.") => Err(self.io(raw, e)),
            Err(e) => {
                tracing::warn!(
                    "layer {}: cannot set xattr {} on {}: {e}",
                    self.layer,
                    show(attr.to_bytes()),
                    show(raw)
                );
                Ok(())
            }
        }
    }

    /// Applies directory metadata deepest first, so parents stay writable until their
    /// children are done and directory mtimes are final.
    fn finish_dirs(&mut self) -> Result<()> {
        let mut dirs = std::mem::take(&mut self.dirs);
        dirs.sort_by_key(|d| std::cmp::Reverse(d.depth));
        for d in dirs {
            let fd = match sys::open_in_root(
                self.root,
                &d.path,
                libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW,
            ) {
                Ok(fd) => fd,
                // Replaced by a later entry: nothing to apply.
                Err(e) if matches!(errno(&e), libc::ENOENT | libc::ENOTDIR | libc::ELOOP) => {
                    continue
                }
                Err(e) => return Err(self.io(&d.path, e)),
            };
            let m = &d.meta;
            if (m.uid, m.gid) != self.ids {
                self.chown(sys::fchown(fd.as_fd(), m.uid, m.gid), m, &d.path)?;
            }
            sys::fchmod(fd.as_fd(), m.mode).map_err(|e| self.io(&d.path, e))?;
            for (attr, value) in &m.xattrs {
                self.xattr(sys::fsetxattr(fd.as_fd(), attr, value), attr, &d.path)?;
            }
            sys::futimens(fd.as_fd(), m.atime, m.mtime).map_err(|e| self.io(&d.path, e))?;
        }
        Ok(())
    }
}

/// Parses a PAX time, `SECONDS[.FRACTION]`.
fn parse_time(v: &[u8]) -> Option<Time> {
    let s = std::str::from_utf8(v).ok()?;
    let (secs, frac) = s.split_once('.').unwrap_or((s, ""));
    let secs: i64 = secs.parse().ok()?;
    let digits: String = frac.chars().take(9).collect();
    let nanos = if digits.is_empty() {
        0
    } else {
        digits.parse::<u32>().ok()? * 10u32.pow(9 - digits.len() as u32)
    };
    Some(Time { secs, nanos })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pax_times() {
        assert_eq!(parse_time(b"12"), Some(Time { secs: 12, nanos: 0 }));
        assert_eq!(
            parse_time(b"12.5"),
            Some(Time {
                secs: 12,
                nanos: 500_000_000
            })
        );
        assert_eq!(
            parse_time(b"1.0000000019"),
            Some(Time { secs: 1, nanos: 1 })
        );
        assert_eq!(parse_time(b"x"), None);
    }

    /// A directory holding `outside/keep` and the layer root `root/`.
    struct Scratch(tempfile::TempDir);

    impl Scratch {
        fn new() -> Scratch {
            let t = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(t.path().join("outside")).unwrap();
            std::fs::write(t.path().join("outside/keep"), b"keep").unwrap();
            std::fs::create_dir(t.path().join("root")).unwrap();
            Scratch(t)
        }

        fn root(&self) -> std::path::PathBuf {
            self.0.path().join("root")
        }

        fn extract(&self, tar: &[u8]) -> Result<u64> {
            let root = OwnedFd::from(File::open(self.root()).unwrap());
            let opts = ExtractOptions { rootless: false };
            extract(tar, &root, &self.root(), &Digest::of(tar), &opts)
        }

        fn assert_outside_intact(&self) {
            let keep = self.0.path().join("outside/keep");
            assert_eq!(std::fs::read(keep).unwrap(), b"keep");
        }
    }

    /// A header of type `kind` with exactly these name and link bytes (the tar crate validates
    /// none), this mode and owner (uid, gid), and a fixed mtime; [`append`] sets its size.
    fn header(
        kind: tar::EntryType,
        name: &[u8],
        link: &[u8],
        mode: u32,
        (uid, gid): (u64, u64),
    ) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_mtime(1_600_000_000);
        h.set_uid(uid);
        h.set_gid(gid);
        let old = h.as_old_mut();
        old.name[..name.len()].copy_from_slice(name);
        old.linkname[..link.len()].copy_from_slice(link);
        h
    }

    /// Appends `h` with `data` as its content, its size and checksum set to match.
    fn append(b: &mut tar::Builder<Vec<u8>>, mut h: tar::Header, data: &[u8]) {
        h.set_size(data.len() as u64);
        h.set_cksum();
        b.append(&h, data).unwrap();
    }

    /// Appends a root-owned entry of mode 0711 with exactly these name and link bytes.
    fn raw(
        b: &mut tar::Builder<Vec<u8>>,
        name: &[u8],
        kind: tar::EntryType,
        link: &[u8],
        data: &[u8],
    ) {
        append(b, header(kind, name, link, 0o711, (0, 0)), data);
    }

    /// One entry of [`layer`]: name, type, link target, data.
    type RawEntry<'a> = (&'a [u8], tar::EntryType, &'a [u8], &'a [u8]);

    /// A layer of root-owned entries, each (name, type, link, data) appended with [`raw`].
    fn layer(entries: &[RawEntry<'_>]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for &(name, kind, link, data) in entries {
            raw(&mut b, name, kind, link, data);
        }
        b.into_inner().unwrap()
    }

    /// Whether a root-only test should skip itself: true when not root on a developer's
    /// machine; in a rig run (tests/ci.sh sets `SKIFF_CI_RUN`), which runs as root, not being
    /// root fails the test instead. `what` names what needs root.
    fn skip_unless_root(what: &str) -> bool {
        // SAFETY: geteuid cannot fail.
        if unsafe { libc::geteuid() } == 0 {
            return false;
        }
        let ci = std::env::var_os("SKIFF_CI_RUN").is_some_and(|v| !v.is_empty());
        assert!(!ci, "needs root ({what}), which tests/ci.sh provides");
        eprintln!("skipping: needs root ({what})");
        true
    }

    fn bad_layer(r: Result<u64>, needle: &str) {
        match r {
            Err(Error::BadLayer { reason, .. }) => {
                assert!(reason.contains(needle), "{reason:?} lacks {needle:?}")
            }
            other => panic!("expected a bad layer ({needle}), got {other:?}"),
        }
    }

    #[test]
    fn whiteouts_naming_no_file_are_refused() {
        use tar::EntryType::{Directory, Regular};
        // `.wh...` would whiteout `..`: the directory above the layer root, or the layer's own
        // directories, would be removed to make room for the whiteout.
        for name in [&b".wh."[..], b".wh..", b".wh...", b"a/.wh..", b"a/.wh..."] {
            let x = Scratch::new();
            let tar = layer(&[
                (b"a/", Directory, b"", b""),
                (b"a/f", Regular, b"", b"f"),
                (name, Regular, b"", b""),
            ]);
            let show = String::from_utf8_lossy(name);
            bad_layer(x.extract(&tar), "names no file");
            x.assert_outside_intact();
            assert_eq!(std::fs::read(x.root().join("a/f")).unwrap(), b"f", "{show}");
        }
    }

    #[test]
    fn only_a_directory_may_name_the_layer_root() {
        use std::os::unix::fs::PermissionsExt;
        use tar::EntryType::{Directory, Link, Regular, Symlink};
        let x = Scratch::new();
        x.extract(&layer(&[(b"./", Directory, b"", b"")])).unwrap();
        let mode = std::fs::metadata(x.root()).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o7777,
            0o711,
            "the root entry's mode applies to the root"
        );
        for (name, kind) in [(&b"."[..], Regular), (b"./", Symlink), (b"/", Link)] {
            let tar = layer(&[(name, kind, b"/etc", b"")]);
            bad_layer(x.extract(&tar), "names the layer root");
        }
        x.assert_outside_intact();
    }

    #[test]
    fn a_parent_that_is_not_a_directory_is_a_bad_layer() {
        use tar::EntryType::{Regular, Symlink};
        let x = Scratch::new();
        let tar = layer(&[(b"f", Regular, b"", b"f"), (b"l", Symlink, b"/f", b"")]);
        x.extract(&tar).unwrap();
        for name in [&b"f/x"[..], b"l/x", b"l/y/z"] {
            let tar = layer(&[(name, Regular, b"", b"x")]);
            bad_layer(x.extract(&tar), "cannot be resolved inside the layer");
        }
        assert_eq!(std::fs::read(x.root().join("f")).unwrap(), b"f");
        x.assert_outside_intact();
    }

    #[test]
    fn hardlinks_to_directories_or_to_the_entry_they_replace_are_refused() {
        use tar::EntryType::{Directory, Link, Regular, Symlink};
        let x = Scratch::new();
        let tar = layer(&[
            (b"real/", Directory, b"", b""),
            (b"real/f", Regular, b"", b"f"),
            (b"lnk", Symlink, b"real", b""),
        ]);
        x.extract(&tar).unwrap();
        for (name, target, why) in [
            (&b"h"[..], &b"real"[..], "points at a directory"),
            // Through the symlinked parent, the new entry is its own target: making room for
            // it removes what it points at.
            (b"lnk/f", b"real/f", "points at an entry it replaced"),
        ] {
            bad_layer(x.extract(&layer(&[(name, Link, target, b"")])), why);
        }
        x.assert_outside_intact();
    }

    /// Root only (mknod, chown): what `rootless` skips, and owners of entries not opened.
    #[test]
    fn devices_whiteouts_and_owners_of_special_entries() {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        if skip_unless_root("mknod, chown") {
            return;
        }
        let node = |b: &mut tar::Builder<Vec<u8>>, name: &[u8], major: u32, minor: u32| {
            let mut h = header(tar::EntryType::Char, name, b"", 0o644, (0, 0));
            h.set_device_major(major).unwrap();
            h.set_device_minor(minor).unwrap();
            append(b, h, b"");
        };
        let mut b = tar::Builder::new(Vec::new());
        node(&mut b, b"wh", 0, 0);
        node(&mut b, b"null", 1, 3);
        node(&mut b, b"major", 1, 0);
        node(&mut b, b"minor", 0, 1);
        let link = header(
            tar::EntryType::Symlink,
            b"link",
            b"/etc",
            0o777,
            (1234, 5678),
        );
        append(&mut b, link, b"");
        let tar = b.into_inner().unwrap();
        // Rootless: the 0:0 character device (an overlay whiteout) is made, other devices are
        // skipped, whatever their numbers.
        let x = Scratch::new();
        let root = OwnedFd::from(File::open(x.root()).unwrap());
        let opts = ExtractOptions { rootless: true };
        extract(&tar[..], &root, &x.root(), &Digest::of(&tar), &opts).unwrap();
        let wh = std::fs::symlink_metadata(x.root().join("wh")).unwrap();
        assert!(wh.file_type().is_char_device() && wh.rdev() == 0);
        for skipped in ["null", "major", "minor"] {
            assert!(!x.root().join(skipped).exists(), "{skipped}");
        }
        // The symlink's own owner is the entry's.
        let l = std::fs::symlink_metadata(x.root().join("link")).unwrap();
        assert_eq!((l.uid(), l.gid()), (1234, 5678));
        // As root, the devices are made.
        let x = Scratch::new();
        x.extract(&tar).unwrap();
        let null = std::fs::symlink_metadata(x.root().join("null")).unwrap();
        assert_eq!(null.rdev(), libc::makedev(1, 3));
    }

    #[test]
    fn a_user_xattr_that_cannot_be_set_fails_the_layer() {
        // Linux refuses user.* xattrs on symlinks: the image's attribute would be lost.
        let x = Scratch::new();
        let mut b = tar::Builder::new(Vec::new());
        b.append_pax_extensions([("SCHILY.xattr.user.x", &b"v"[..])])
            .unwrap();
        raw(&mut b, b"l", tar::EntryType::Symlink, b"/etc", b"");
        match x.extract(&b.into_inner().unwrap()) {
            Err(Error::Io { .. }) => {}
            other => panic!("expected an I/O error, got {other:?}"),
        }
    }

    /// Root only (chown): directory metadata is applied at the end, to the directory only.
    #[test]
    fn deferred_directory_metadata_lands_on_that_directory() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        use tar::EntryType::{Directory, Regular, Symlink};
        if skip_unless_root("chown") {
            return;
        }
        let dir = |b: &mut tar::Builder<Vec<u8>>, name: &[u8], mode: u32, owner: u64| {
            append(
                b,
                header(Directory, name, b"", mode, (owner, owner + 1)),
                b"",
            );
        };
        let x = Scratch::new();
        let mut b = tar::Builder::new(Vec::new());
        dir(&mut b, b"own/", 0o750, 1234);
        // "d" is replaced by a symlink to "t": its mode and owner must not reach "t".
        raw(&mut b, b"t", Regular, b"", b"t");
        dir(&mut b, b"d/", 0o700, 0);
        raw(&mut b, b"d", Symlink, b"t", b"");
        // "e" is replaced by a file: the directory's mode must not reach it either.
        dir(&mut b, b"e/", 0o700, 0);
        raw(&mut b, b"e", Regular, b"", b"e");
        x.extract(&b.into_inner().unwrap()).unwrap();
        let own = std::fs::metadata(x.root().join("own")).unwrap();
        assert_eq!(
            (own.uid(), own.gid(), own.mode() & 0o7777),
            (1234, 1235, 0o750)
        );
        let t = std::fs::metadata(x.root().join("t")).unwrap();
        assert_eq!(t.permissions().mode() & 0o7777, 0o711);
        assert!(x.root().join("d").is_symlink());
        let e = std::fs::metadata(x.root().join("e")).unwrap();
        assert!(e.is_file() && e.permissions().mode() & 0o7777 == 0o711);
    }

    fn getxattr(path: &std::path::Path, name: &str) -> Option<Vec<u8>> {
        let p = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        let n = CString::new(name).unwrap();
        let mut buf = [0u8; 256];
        // SAFETY: valid C strings and buffer.
        let len =
            unsafe { libc::lgetxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        usize::try_from(len).ok().map(|l| buf[..l].to_vec())
    }

    #[test]
    fn overlay_xattrs_from_a_layer_are_dropped() {
        // Root only: trusted.* xattrs (what overlayfs mounted by root reads).
        if skip_unless_root("trusted.* xattrs") {
            return;
        }
        let x = Scratch::new();
        let mut b = tar::Builder::new(Vec::new());
        for (attr, value) in [
            ("trusted.overlay.redirect", &b"/etc"[..]),
            ("user.overlay.opaque", b"y"),
            ("user.kept", b"v"),
        ] {
            let key = format!("SCHILY.xattr.{attr}");
            b.append_pax_extensions([(key.as_str(), value)]).unwrap();
            raw(&mut b, attr.as_bytes(), tar::EntryType::Directory, b"", b"");
        }
        x.extract(&b.into_inner().unwrap()).unwrap();
        let root = x.root();
        assert_eq!(
            getxattr(
                &root.join("trusted.overlay.redirect"),
                "trusted.overlay.redirect"
            ),
            None
        );
        assert_eq!(
            getxattr(&root.join("user.overlay.opaque"), "user.overlay.opaque"),
            None
        );
        assert_eq!(
            getxattr(&root.join("user.kept"), "user.kept"),
            Some(b"v".to_vec())
        );
    }

    #[test]
    fn pax_times_and_contiguous_files() {
        use std::os::unix::fs::MetadataExt;
        let x = Scratch::new();
        let mut b = tar::Builder::new(Vec::new());
        b.append_pax_extensions([("mtime", &b"1600000000.25"[..]), ("atime", b"1500000000.5")])
            .unwrap();
        raw(&mut b, b"f", tar::EntryType::Regular, b"", b"x");
        // Type '7' (contiguous) is a regular file to every tar since the 1980s.
        raw(&mut b, b"c", tar::EntryType::Continuous, b"", b"c");
        assert_eq!(x.extract(&b.into_inner().unwrap()).unwrap(), 2);
        let m = std::fs::metadata(x.root().join("f")).unwrap();
        assert_eq!((m.mtime(), m.mtime_nsec()), (1_600_000_000, 250_000_000));
        assert_eq!((m.atime(), m.atime_nsec()), (1_500_000_000, 500_000_000));
        assert_eq!(std::fs::read(x.root().join("c")).unwrap(), b"c");
    }
}
