//! Writing a tree as a tar stream the way docker's archive does: regular files, directories,
//! symlinks (never followed), a file's further hard links as tar hardlink entries naming its
//! first path, device nodes as char/block entries, fifos; sockets are left out, as docker
//! leaves them out. Walks go through descriptors (`O_NOFOLLOW`, `*at()`), so a symlink swapped
//! in while the archive is written never leads outside the tree.
//!
//! Owners are written as the container sees them: with the container's mapping (`--userns`
//! keep-id, nomap, auto), an engine id becomes the inside id it maps to (an id the mapping
//! leaves out becomes the overflow id 65534, "nobody", as the container shows it).

use std::collections::HashMap;
use std::ffi::{CStr, CString, OsStr};
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::{children, lstat_at, open_at};
use crate::runtime::{idshift, IdMap};

/// The id an unmapped owner has inside a user namespace (the kernel's overflow id).
const OVERFLOW_ID: u32 = 65534;

/// What the archive leaves out or adds beyond the files themselves.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Rules<'a> {
    /// Only this file system (`export`): a mount point stays, empty.
    pub one_fs: Option<u64>,
    /// The container's own mapping: owners are written as inside ids.
    pub ids: Option<&'a IdMap>,
    /// An overlay upper directory as an image layer (`commit`): whiteouts become `.wh.NAME`
    /// entries, opaque directories get `.wh..wh..opq`, and skiff's own mount points are left out.
    pub layer: bool,
    /// podman's `build --timestamp`: every entry's modification time (unix seconds).
    pub mtime: Option<i64>,
    /// docker's names for a directory's contents (`cp SRC/.`, added as "."): `./` for the
    /// directory and `./NAME` beneath it, which the docker CLI renames to its destination.
    /// The tar crate drops a leading `./` from a header's name, so each entry's name is also
    /// given as a PAX `path` record (and a hard link's target as `linkpath`).
    pub dot_names: bool,
}

/// A tar stream being written.
pub(crate) struct Archiver<'a, W: Write> {
    builder: tar::Builder<W>,
    rules: Rules<'a>,
    /// A file with more links, by (device, inode): the name of its first entry.
    links: HashMap<(u64, u64), PathBuf>,
}

impl<'a, W: Write> Archiver<'a, W> {
    /// An archive written to `out`.
    pub(crate) fn new(out: W, rules: Rules<'a>) -> Self {
        let mut builder = tar::Builder::new(out);
        builder.follow_symlinks(false);
        Archiver {
            builder,
            rules,
            links: HashMap::new(),
        }
    }

    /// Ends the archive and gives back its writer.
    pub(crate) fn finish(self) -> io::Result<W> {
        self.builder.into_inner()
    }

    fn owner(&self, st: &libc::stat) -> (u64, u64) {
        let inside = |map: &[crate::runtime::IdRange], id: u32| {
            idshift::inside_id(map, id).unwrap_or(OVERFLOW_ID)
        };
        match self.rules.ids {
            Some(m) => (
                inside(&m.uids, st.st_uid) as u64,
                inside(&m.gids, st.st_gid) as u64,
            ),
            None => (st.st_uid as u64, st.st_gid as u64),
        }
    }

    /// Appends the object behind `fd` (an `O_PATH` descriptor, a symlink itself when it is
    /// one) as `name`, and a directory's contents beneath it (`name` "." puts them at the top
    /// level without an entry for the directory).
    pub(crate) fn add(&mut self, fd: RawFd, name: &Path) -> io::Result<()> {
        let st = lstat_at(fd, &CString::default())?;
        let fmt = st.st_mode & libc::S_IFMT;
        let foreign = self.rules.one_fs.is_some_and(|d| d != st.st_dev);
        if foreign && fmt != libc::S_IFDIR {
            return Ok(());
        }
        // Sockets have no content that outlives their process: docker leaves them out (and no
        // header, PAX or other, may be written for them).
        if fmt == libc::S_IFSOCK {
            return Ok(());
        }
        if self.rules.layer {
            if fmt == libc::S_IFCHR && st.st_rdev == 0 {
                return self.whiteout(name);
            }
            let inside = Path::new("/").join(name);
            let empty_file = fmt == libc::S_IFREG && st.st_size == 0;
            if crate::container::diff::is_mount_point(&inside, empty_file) {
                return Ok(());
            }
        }
        let mut h = tar::Header::new_gnu();
        h.set_mode(st.st_mode & 0o7777);
        let (uid, gid) = self.owner(&st);
        h.set_uid(uid);
        h.set_gid(gid);
        h.set_mtime(self.rules.mtime.unwrap_or(st.st_mtime).max(0) as u64);
        h.set_size(0);
        let key = (st.st_dev, st.st_ino);
        if fmt != libc::S_IFDIR && st.st_nlink > 1 {
            if let Some(first) = self.links.get(&key) {
                h.set_entry_type(tar::EntryType::Link);
                let first = first.clone();
                self.dot_name(name, Some(&first))?;
                return self.builder.append_link(&mut h, name, first);
            }
            self.links.insert(key, name.to_path_buf());
        }
        if fmt != libc::S_IFDIR {
            self.dot_name(name, None)?;
        }
        match fmt {
            libc::S_IFDIR => self.directory(fd, name, &mut h, foreign),
            libc::S_IFREG => {
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(st.st_size as u64);
                let file = reopen(fd, libc::O_RDONLY)?;
                self.layer_xattrs(file.as_raw_fd())?;
                // Exactly the size in the header: a file that shrinks while it is read (a
                // running container's log) is padded with zeros, one that grows is cut, so
                // the stream stays a valid tar.
                let size = st.st_size as u64;
                let mut f = std::fs::File::from(file)
                    .take(size)
                    .chain(std::io::repeat(0))
                    .take(size);
                self.builder.append_data(&mut h, name, &mut f)
            }
            libc::S_IFLNK => {
                h.set_entry_type(tar::EntryType::Symlink);
                let target = read_link(fd)?;
                self.builder
                    .append_link(&mut h, name, OsStr::from_bytes(&target))
            }
            libc::S_IFCHR | libc::S_IFBLK | libc::S_IFIFO => {
                h.set_entry_type(match fmt {
                    libc::S_IFCHR => tar::EntryType::Char,
                    libc::S_IFBLK => tar::EntryType::Block,
                    _ => tar::EntryType::Fifo,
                });
                h.set_device_major(libc::major(st.st_rdev))?;
                h.set_device_minor(libc::minor(st.st_rdev))?;
                self.builder.append_data(&mut h, name, io::empty())
            }
            _ => Ok(()),
        }
    }

    fn directory(
        &mut self,
        fd: RawFd,
        name: &Path,
        h: &mut tar::Header,
        foreign: bool,
    ) -> io::Result<()> {
        let top = name == Path::new(".");
        if foreign {
            h.set_entry_type(tar::EntryType::Directory);
            return self.builder.append_data(h, name.join(""), io::empty());
        }
        let dir = open_at(fd, c".", libc::O_RDONLY | libc::O_DIRECTORY, 0)?;
        let opaque = is_opaque(dir.as_raw_fd());
        let mut names = children(dir.as_raw_fd())?;
        names.sort();
        if self.rules.layer
            && !top
            && !opaque
            && holds_only_mount_points(dir.as_raw_fd(), &names, &Path::new("/").join(name))?
        {
            // The overlay made it in the upper directory only for skiff's mount points.
            return Ok(());
        }
        if !top {
            h.set_entry_type(tar::EntryType::Directory);
            self.layer_xattrs(dir.as_raw_fd())?;
            // `NAME/`, as docker's and GNU tar's directory entries are named.
            let slashed = name.join("");
            self.dot_name(&slashed, None)?;
            self.builder.append_data(h, &slashed, io::empty())?;
        } else if self.rules.dot_names {
            h.set_entry_type(tar::EntryType::Directory);
            self.builder.append_data(h, Path::new("./"), io::empty())?;
        }
        if self.rules.layer && !top && opaque {
            self.marker(&name.join(".wh..wh..opq"))?;
        }
        for n in names {
            let child = open_at(dir.as_raw_fd(), &n, libc::O_PATH, 0)?;
            let n = Path::new(OsStr::from_bytes(n.as_bytes()));
            // Beneath "." with docker's names, `./NAME` (a GNU long-name record keeps it too).
            let child_name = match (top, self.rules.dot_names) {
                (true, true) => Path::new(".").join(n),
                (true, false) => n.to_path_buf(),
                (false, _) => name.join(n),
            };
            self.add(child.as_raw_fd(), &child_name)?;
        }
        Ok(())
    }

    /// In a layer, the extended attributes of the file open as `fd` (a file capability, a
    /// `user.*` attribute) as a PAX header for the entry appended next, as podman's layers
    /// carry them; overlayfs's own and SELinux labels stay out.
    fn layer_xattrs(&mut self, fd: RawFd) -> io::Result<()> {
        if !self.rules.layer {
            return Ok(());
        }
        let attrs: Vec<(String, Vec<u8>)> = read_xattrs(fd)?
            .into_iter()
            .filter(|(n, _)| skiff_storage::store::layer_keeps_xattr(n.as_bytes()))
            .map(|(n, v)| (format!("SCHILY.xattr.{n}"), v))
            .collect();
        if attrs.is_empty() {
            return Ok(());
        }
        self.builder
            .append_pax_extensions(attrs.iter().map(|(k, v)| (k.as_str(), v.as_slice())))
    }

    /// With [`Rules::dot_names`], the PAX records that give the entry appended next its name
    /// `./NAME` as it is (and a hard link's target `./FIRST`): the tar crate drops a leading
    /// `./` from a short header name.
    fn dot_name(&mut self, name: &Path, hard_link_to: Option<&Path>) -> io::Result<()> {
        if !self.rules.dot_names {
            return Ok(());
        }
        let mut records = vec![("path", name.as_os_str().as_bytes())];
        if let Some(l) = hard_link_to {
            records.push(("linkpath", l.as_os_str().as_bytes()));
        }
        self.builder.append_pax_extensions(records)
    }

    /// The `.wh.NAME` entry of a deleted `name` (a layer's whiteout).
    fn whiteout(&mut self, name: &Path) -> io::Result<()> {
        let mut wh = std::ffi::OsString::from(".wh.");
        wh.push(name.file_name().unwrap_or_default());
        self.marker(&name.with_file_name(wh))
    }

    /// An empty marker entry owned by root.
    fn marker(&mut self, name: &Path) -> io::Result<()> {
        let mut h = tar::Header::new_gnu();
        h.set_size(0);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::Regular);
        self.builder.append_data(&mut h, name, io::empty())
    }
}

/// True when the directory open as `dir` (at `inside` in the container), holding `names`,
/// holds something and all of it is mount points skiff made (see
/// [`crate::container::diff::is_mount_point`]).
fn holds_only_mount_points(dir: RawFd, names: &[CString], inside: &Path) -> io::Result<bool> {
    let entries = names.iter().map(|n| {
        let st = lstat_at(dir, n)?;
        let empty_file = st.st_mode & libc::S_IFMT == libc::S_IFREG && st.st_size == 0;
        Ok((OsStr::from_bytes(n.as_bytes()), empty_file))
    });
    crate::container::diff::only_mount_points(inside, entries)
}

/// Opens the very inode behind the `O_PATH` descriptor `fd` again, never by its path.
fn reopen(fd: RawFd, flags: i32) -> io::Result<OwnedFd> {
    let p = CString::new(format!("/proc/self/fd/{fd}")).unwrap_or_default();
    // SAFETY: a valid C string; the magic link reopens the same inode.
    let r = unsafe { libc::open(p.as_ptr(), flags | libc::O_CLOEXEC) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a fresh descriptor.
    Ok(unsafe { OwnedFd::from_raw_fd(r) })
}

/// The target of the symlink behind the `O_PATH|O_NOFOLLOW` descriptor `fd`.
pub(crate) fn read_link(fd: RawFd) -> io::Result<Vec<u8>> {
    let mut target = vec![0u8; libc::PATH_MAX as usize];
    // SAFETY: readlinkat with an empty name reads the link the descriptor is; the buffer is ours.
    let n = unsafe { libc::readlinkat(fd, c"".as_ptr(), target.as_mut_ptr().cast(), target.len()) };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    target.truncate(n as usize);
    Ok(target)
}

/// The extended attributes of the file open as `fd` (not `O_PATH`), by name; a name that is
/// not UTF-8 (a PAX key cannot hold it) is left out. A file system without xattrs has none.
fn read_xattrs(fd: RawFd) -> io::Result<Vec<(String, Vec<u8>)>> {
    // SAFETY: a valid descriptor; a null buffer of size 0 asks for the list's size.
    let size = unsafe { libc::flistxattr(fd, std::ptr::null_mut(), 0) };
    if size < 0 {
        let e = io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::ENOTSUP) => Ok(Vec::new()),
            _ => Err(e),
        };
    }
    let mut names = vec![0u8; size as usize];
    // SAFETY: a valid descriptor and a buffer of the given size.
    let len = unsafe { libc::flistxattr(fd, names.as_mut_ptr().cast(), names.len()) };
    if len < 0 {
        return Err(io::Error::last_os_error());
    }
    names.truncate(len as usize);
    let mut out = Vec::new();
    for name in names.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let (Ok(text), Ok(c)) = (std::str::from_utf8(name), CString::new(name)) else {
            continue;
        };
        // SAFETY: as above, for the value's size.
        let size = unsafe { libc::fgetxattr(fd, c.as_ptr(), std::ptr::null_mut(), 0) };
        if size < 0 {
            continue; // removed meanwhile, or not readable by this process
        }
        let mut value = vec![0u8; size as usize];
        // SAFETY: a valid descriptor, C string and buffer of the given size.
        let n = unsafe { libc::fgetxattr(fd, c.as_ptr(), value.as_mut_ptr().cast(), value.len()) };
        if n < 0 {
            continue;
        }
        value.truncate(n as usize);
        out.push((text.to_string(), value));
    }
    Ok(out)
}

/// True when the directory open as `fd` is an opaque overlay directory.
pub(crate) fn is_opaque(fd: RawFd) -> bool {
    let names: [&CStr; 2] = [c"user.overlay.opaque", c"trusted.overlay.opaque"];
    names.iter().any(|n| {
        let mut buf = [0u8; 4];
        // SAFETY: a valid descriptor, C string and buffer of the given size.
        let len = unsafe { libc::fgetxattr(fd, n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        len == 1 && buf[0] == b'y'
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::IdRange;

    fn entries(bytes: &[u8]) -> Vec<(String, tar::EntryType, String, u64)> {
        let mut a = tar::Archive::new(bytes);
        a.entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let link = e
                    .link_name()
                    .unwrap()
                    .map(|l| l.display().to_string())
                    .unwrap_or_default();
                (
                    e.path().unwrap().display().to_string(),
                    e.header().entry_type(),
                    link,
                    e.header().uid().unwrap(),
                )
            })
            .collect()
    }

    /// `cp SRC/.`: docker's `./` names for every entry, short or long (a GNU long-name record
    /// wins over PAX in Go's reader and the tar crate's), hard links naming `./FIRST`, and a
    /// socket leaving no orphan header behind.
    #[test]
    fn dot_names_name_every_entry_below_dot() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        let long = "l".repeat(120);
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub").join(&long), b"x").unwrap();
        std::fs::hard_link(d.join("sub").join(&long), d.join("b")).unwrap();
        let _sock = std::os::unix::net::UnixListener::bind(d.join("z-socket")).unwrap();
        let fd = super::super::open_dir(d).unwrap();
        let rules = Rules {
            dot_names: true,
            ..Rules::default()
        };
        let mut ar = Archiver::new(Vec::new(), rules);
        ar.add(fd.as_raw_fd(), Path::new(".")).unwrap();
        let got: Vec<(String, String)> = entries(&ar.finish().unwrap())
            .into_iter()
            .map(|(n, _, l, _)| (n, l))
            .collect();
        let long_name = format!("./sub/{long}");
        let want = [
            ("./".to_string(), String::new()),
            ("./b".to_string(), String::new()),
            ("./sub/".to_string(), String::new()),
            (long_name.clone(), "./b".to_string()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn hard_links_fifos_and_owners_are_archived_as_docker_does() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("d");
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("a"), b"x").unwrap();
        std::fs::hard_link(d.join("a"), d.join("b")).unwrap();
        nix::unistd::mkfifo(
            &d.join("p"),
            nix::sys::stat::Mode::from_bits_truncate(0o600),
        )
        .unwrap();
        let _sock = std::os::unix::net::UnixListener::bind(d.join("s")).unwrap();
        let me = nix::unistd::getuid().as_raw();
        let map = IdMap {
            uids: vec![IdRange::new(7, me, 1)],
            gids: vec![],
        };
        let fd = super::super::open_dir(&d).unwrap();
        let rules = Rules {
            ids: Some(&map),
            ..Rules::default()
        };
        let mut ar = Archiver::new(Vec::new(), rules);
        ar.add(fd.as_raw_fd(), Path::new("d")).unwrap();
        let got = entries(&ar.finish().unwrap());
        let want = [
            ("d/", tar::EntryType::Directory, "", 7),
            ("d/a", tar::EntryType::Regular, "", 7),
            ("d/b", tar::EntryType::Link, "d/a", 7),
            ("d/p", tar::EntryType::Fifo, "", 7),
        ];
        let got: Vec<_> = got
            .iter()
            .map(|(n, k, l, u)| (n.as_str(), *k, l.as_str(), *u))
            .collect();
        assert_eq!(got, want);
    }

    fn set_xattr(path: &Path, name: &CStr, value: &[u8]) {
        let p = CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: valid C strings and a buffer of the given length.
        let rc = unsafe {
            libc::setxattr(
                p.as_ptr(),
                name.as_ptr(),
                value.as_ptr().cast(),
                value.len(),
                0,
            )
        };
        assert_eq!(rc, 0, "{}", io::Error::last_os_error());
    }

    #[test]
    fn a_layer_carries_its_files_xattrs_but_overlay_ones_and_a_copy_none() {
        let tmp = tempfile::tempdir().unwrap();
        let upper = tmp.path();
        std::fs::create_dir(upper.join("d")).unwrap();
        std::fs::write(upper.join("d/f"), "x").unwrap();
        for p in [upper.join("d"), upper.join("d/f")] {
            set_xattr(&p, c"user.skiff", b"kept");
            set_xattr(&p, c"user.overlay.origin", b"o");
        }
        let archive = |layer: bool| {
            let fd = super::super::open_dir(upper).unwrap();
            let rules = Rules {
                layer,
                ..Rules::default()
            };
            let mut ar = Archiver::new(Vec::new(), rules);
            ar.add(fd.as_raw_fd(), Path::new(".")).unwrap();
            let bytes = ar.finish().unwrap();
            let mut a = tar::Archive::new(&bytes[..]);
            let mut got = Vec::new();
            for e in a.entries().unwrap() {
                let mut e = e.unwrap();
                let name = e.path().unwrap().display().to_string();
                for x in e.pax_extensions().unwrap().into_iter().flatten() {
                    let x = x.unwrap();
                    got.push(format!(
                        "{name} {}={}",
                        x.key().unwrap(),
                        x.value().unwrap()
                    ));
                }
            }
            got
        };
        assert_eq!(
            archive(true),
            [
                "d/ SCHILY.xattr.user.skiff=kept",
                "d/f SCHILY.xattr.user.skiff=kept"
            ]
        );
        assert!(archive(false).is_empty());
    }

    #[test]
    fn a_layer_leaves_out_directories_made_only_for_mount_points() {
        let tmp = tempfile::tempdir().unwrap();
        let upper = tmp.path();
        std::fs::create_dir_all(upper.join("etc")).unwrap();
        std::fs::write(upper.join("etc/hosts"), "").unwrap();
        std::fs::write(upper.join("etc/hostname"), "").unwrap();
        std::fs::create_dir_all(upper.join("run")).unwrap();
        std::fs::write(upper.join("run/skiff-init"), "").unwrap();
        std::fs::write(upper.join("run/made"), "").unwrap();
        std::fs::create_dir_all(upper.join("empty")).unwrap();
        std::fs::create_dir_all(upper.join("data")).unwrap();
        std::fs::write(upper.join("data/hosts"), "").unwrap();
        let layer = |upper: &Path| {
            let fd = super::super::open_dir(upper).unwrap();
            let rules = Rules {
                layer: true,
                ..Rules::default()
            };
            let mut ar = Archiver::new(Vec::new(), rules);
            ar.add(fd.as_raw_fd(), Path::new(".")).unwrap();
            let got = entries(&ar.finish().unwrap());
            got.into_iter().map(|e| e.0).collect::<Vec<_>>()
        };
        // /etc holds only mount points: gone. /run holds a file of the container's, an
        // empty directory and a directory elsewhere holding a file of that name stay.
        assert_eq!(
            layer(upper),
            ["data/", "data/hosts", "empty/", "run/", "run/made"]
        );
        // A file of the container's beside the mount points keeps /etc.
        std::fs::write(upper.join("etc/motd"), "hi").unwrap();
        assert!(layer(upper).contains(&"etc/".to_string()));
    }
}
