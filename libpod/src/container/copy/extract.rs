//! Unpacking a tar stream beneath a directory descriptor, for `cp` both ways: into a
//! container's directory, and into the caller's directory on the host. The stream is untrusted
//! (`cp - CTR:DIR` reads whatever the caller pipes in), so every entry stays beneath the
//! destination: names with `..` are refused, parents are resolved with the destination as the
//! root (`RESOLVE_IN_ROOT`), a hard link may only name a file already beneath the destination,
//! and nothing is created by following a symlink.

use std::ffi::{CString, OsStr};
use std::io::{self, Read};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use super::{children, cname, is_dir, lstat_at, open_at};
use crate::runtime::mounts::{ensure_in_root, resolve_in_root, Kind};
use crate::runtime::{idshift, IdMap};

/// Who owns what is unpacked.
#[derive(Debug, Clone, Copy)]
pub enum Owners<'a> {
    /// The process that unpacks (`cp` out without `-a`: the caller; in: the container's root
    /// when the container shares the engine's ids).
    Process,
    /// This owner, in the ids of the unpacking process (the container's root for a container
    /// with a mapping of its own, or the container's user for docker's `copyUIDGID`).
    Fixed(u32, u32),
    /// The archive's owners (`cp -a`), through the container's mapping (inside ids to engine
    /// ids) when given.
    Archive(Option<&'a IdMap>),
    /// The archive's owners through this mapping where it has them (docker's archive API);
    /// an entry whose owner it lacks gets the second owner, or the process's when none.
    ArchiveWhereMapped(&'a IdMap, Option<(u32, u32)>),
}

/// Unpacks the tar stream `input` beneath the directory open as `dest`. An entry replaces a
/// directory with a non-directory, or the other way round, only with `overwrite` (podman's
/// `cp --overwrite`; docker's `noOverwriteDirNonDir` is its opposite); otherwise that is an
/// error, as docker's `cp` has it.
pub fn unpack(
    dest: RawFd,
    input: &mut dyn Read,
    owners: Owners<'_>,
    overwrite: bool,
) -> io::Result<()> {
    // A directory's time is set once the archive is unpacked (its entries change it), on the
    // directory the entry made: one a later entry replaced or moved is left alone, and the
    // last entry of a path gives its time.
    let mut dir_times = std::collections::HashMap::new();
    each_entry(input, |name, entry| {
        unpack_entry(dest, name, entry, owners, overwrite)?;
        if entry.header().entry_type() == tar::EntryType::Directory {
            let made = in_parent(dest, name)
                .and_then(|(parent, last)| directory_id(parent.as_raw_fd(), &last));
            if let Some(made) = made {
                dir_times.insert(
                    name.to_path_buf(),
                    (made, entry.header().mtime().unwrap_or(0)),
                );
            }
        }
        Ok(())
    })?;
    for (name, (made, mtime)) in dir_times {
        // Best effort: the files are all there.
        if let Some((parent, last)) = in_parent(dest, &name) {
            if directory_id(parent.as_raw_fd(), &last) == Some(made) {
                let _ = set_mtime(parent.as_raw_fd(), &last, mtime);
            }
        }
    }
    Ok(())
}

/// The directory that holds entry `name` beneath `dest` (no lookup leaves `dest`) and the
/// entry's last component; None for "." itself or a parent that is not there.
fn in_parent(dest: RawFd, name: &Path) -> Option<(OwnedFd, CString)> {
    let parts = entry_components(name).ok()?;
    let (last, parents) = parts.split_last()?;
    let parent_path: PathBuf = parents.iter().collect();
    let parent = resolve_in_root(dest, &Path::new("/").join(parent_path)).ok()?;
    Some((parent, cname(last).ok()?))
}

/// The device and inode of `name` in directory `parent` when it is a directory (not
/// followed if a symlink).
fn directory_id(parent: RawFd, name: &CString) -> Option<(u64, u64)> {
    let st = lstat_at(parent, name).ok()?;
    is_dir(&st).then_some((st.st_dev, st.st_ino))
}

/// Runs `f` on each entry of the tar stream `input` with its name; an error names the entry.
fn each_entry(
    input: &mut dyn Read,
    mut f: impl FnMut(&Path, &mut tar::Entry<'_, &mut dyn Read>) -> io::Result<()>,
) -> io::Result<()> {
    let mut archive = tar::Archive::new(input);
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.into_owned();
        f(&name, &mut entry)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", name.display())))?;
    }
    Ok(())
}

/// Applies the image layer `input` (a tar stream with docker's `.wh.` whiteouts) beneath the
/// directory open as `dest`, over what it holds (`build --squash`): `.wh.NAME` removes NAME,
/// `.wh..wh..opq` empties its directory, everything else is unpacked as [`unpack`] with
/// `overwrite`. With `markers` the directory is itself a layer over others: a removed name
/// leaves an overlay whiteout (a 0:0 character device), an emptied directory and a directory
/// made where a whiteout was are marked opaque, so what the lower layers hold there stays
/// hidden.
pub fn apply_layer(
    dest: RawFd,
    input: &mut dyn Read,
    owners: Owners<'_>,
    markers: bool,
) -> io::Result<()> {
    each_entry(input, |name, entry| {
        apply_entry(dest, name, entry, owners, markers)
    })
}

/// One entry of [`apply_layer`].
fn apply_entry<R: Read>(
    dest: RawFd,
    name: &Path,
    entry: &mut tar::Entry<'_, R>,
    owners: Owners<'_>,
    markers: bool,
) -> io::Result<()> {
    let parts = entry_components(name)?;
    let Some((last, parents)) = parts.split_last() else {
        return Ok(());
    };
    let parent_path = Path::new("/").join(parents.iter().collect::<PathBuf>());
    let last_bytes = last.as_bytes();
    let parent = match resolve_in_root(dest, &parent_path) {
        Ok(p) => p,
        // A whiteout under a directory that is not there has nothing to remove.
        Err(e) if last_bytes.starts_with(b".wh.") => {
            return match e.kind() {
                io::ErrorKind::NotFound => Ok(()),
                _ => Err(e),
            }
        }
        Err(_) => ensure_in_root(dest, &parent_path, Kind::Dir)?,
    };
    if last_bytes == b".wh..wh..opq" {
        // O_RDONLY is 0: a directory opened for reading.
        let dir = open_at(parent.as_raw_fd(), c".", libc::O_DIRECTORY, 0)?;
        for child in children(dir.as_raw_fd())? {
            remove_at(dir.as_raw_fd(), OsStr::from_bytes(child.as_bytes()))?;
        }
        return match markers {
            true => mark_opaque(dir.as_raw_fd()),
            false => Ok(()),
        };
    }
    if let Some(target) = last_bytes.strip_prefix(b".wh.") {
        let target = OsStr::from_bytes(target);
        remove_at(parent.as_raw_fd(), target)?;
        if markers {
            // A 0:0 character device is overlayfs's whiteout, which user namespaces may make.
            nix::sys::stat::mknodat(
                Some(parent.as_raw_fd()),
                target,
                nix::sys::stat::SFlag::S_IFCHR,
                nix::sys::stat::Mode::empty(),
                0,
            )?;
        }
        return Ok(());
    }
    let over_whiteout = markers
        && entry.header().entry_type() == tar::EntryType::Directory
        && lstat_at(parent.as_raw_fd(), &cname(last)?)
            .is_ok_and(|st| st.st_mode & libc::S_IFMT == libc::S_IFCHR && st.st_rdev == 0);
    unpack_entry(dest, name, entry, owners, true)?;
    if over_whiteout {
        let made = ensure_in_root(dest, &parent_path.join(last), Kind::Dir)?;
        let made = open_at(made.as_raw_fd(), c".", libc::O_DIRECTORY, 0)?;
        mark_opaque(made.as_raw_fd())?;
    }
    Ok(())
}

/// Removes `name` beneath the directory open as `parent` (a directory with everything in
/// it), if it is there. The parent is reached through its descriptor and std's
/// `remove_dir_all` follows no symlink, so nothing outside `name` goes.
fn remove_at(parent: RawFd, name: &OsStr) -> io::Result<()> {
    let n = cname(name)?;
    match lstat_at(parent, &n) {
        Ok(st) if is_dir(&st) => {
            std::fs::remove_dir_all(Path::new(&format!("/proc/self/fd/{parent}")).join(name))
        }
        Ok(_) => {
            // SAFETY: valid descriptor and C string.
            match unsafe { libc::unlinkat(parent, n.as_ptr(), 0) } {
                0 => Ok(()),
                _ => Err(io::Error::last_os_error()),
            }
        }
        Err(_) => Ok(()),
    }
}

/// Marks the directory open as `dir` opaque for overlayfs (the xattr rootless overlay reads;
/// layers are archived with `.wh..wh..opq` for it).
fn mark_opaque(dir: RawFd) -> io::Result<()> {
    // SAFETY: valid descriptor, C string and value.
    let rc = unsafe {
        libc::fsetxattr(
            dir,
            c"user.overlay.opaque".as_ptr(),
            b"y".as_ptr().cast(),
            1,
            0,
        )
    };
    match rc {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

fn refused(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

/// The normal components of an archive entry's name; `..` is an error, `/` and `.` vanish.
fn entry_components(name: &Path) -> io::Result<Vec<&OsStr>> {
    let mut out = Vec::new();
    for c in name.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                return Err(refused("an archive entry with '..' in its name".into()))
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The owner an entry gets, `None` to leave the process's.
fn owner_of(header: &tar::Header, owners: Owners<'_>) -> io::Result<Option<(u32, u32)>> {
    let (uid, gid) = (
        header.uid().unwrap_or(0) as u32,
        header.gid().unwrap_or(0) as u32,
    );
    match owners {
        Owners::Process => Ok(None),
        Owners::Fixed(u, g) => Ok(Some((u, g))),
        Owners::Archive(None) => Ok(Some((uid, gid))),
        Owners::ArchiveWhereMapped(map, otherwise) => Ok(idshift::map_id(&map.uids, uid)
            .zip(idshift::map_id(&map.gids, gid))
            .or(otherwise)),
        Owners::Archive(Some(map)) => {
            let engine = |m: &[crate::runtime::IdRange], id: u32, what: &str| {
                idshift::map_id(m, id).ok_or_else(|| {
                    refused(format!(
                        "owner {what} {id} is not mapped in the container's user namespace: \
                         copy without -a, or give the file an owner the container has"
                    ))
                })
            };
            Ok(Some((
                engine(&map.uids, uid, "uid")?,
                engine(&map.gids, gid, "gid")?,
            )))
        }
    }
}

/// Opens the existing non-directory `target` (an archive path) beneath `dest`, without
/// following a final symlink: what a hard link entry may link to.
fn link_source(dest: RawFd, target: &Path) -> io::Result<std::os::fd::OwnedFd> {
    let parts = entry_components(target).map_err(|_| {
        refused(format!(
            "a hard link to {}, outside the destination",
            target.display()
        ))
    })?;
    let Some((last, parents)) = parts.split_last() else {
        return Err(refused("a hard link to the destination itself".into()));
    };
    let parent: PathBuf = parents.iter().collect();
    let dir = resolve_in_root(dest, &Path::new("/").join(parent))?;
    let src = open_at(dir.as_raw_fd(), &cname(last)?, libc::O_PATH, 0)?;
    if is_dir(&lstat_at(src.as_raw_fd(), &CString::default())?) {
        return Err(refused(format!(
            "a hard link to the directory {}",
            target.display()
        )));
    }
    Ok(src)
}

/// Creates one archive entry beneath `dest`. Its parent is resolved with `dest` as the root
/// (created when missing), and the entry is made with `*at()` calls that never follow a symlink.
fn unpack_entry<R: Read>(
    dest: RawFd,
    name: &Path,
    entry: &mut tar::Entry<'_, R>,
    owners: Owners<'_>,
    overwrite: bool,
) -> io::Result<()> {
    let parts = entry_components(name)?;
    let Some((last, parents)) = parts.split_last() else {
        return Ok(()); // "." itself
    };
    let parent_path: PathBuf = parents.iter().collect();
    let parent = ensure_in_root(dest, &Path::new("/").join(&parent_path), Kind::Dir)?;
    // ensure_in_root returns O_PATH; *at() calls accept it as a directory.
    let p = parent.as_raw_fd();
    let n = cname(last)?;
    let header = entry.header().clone();
    let mode = header.mode().unwrap_or(0o644) & 0o7777;
    let owner = owner_of(&header, owners)?;
    let kind = header.entry_type();
    let existing = lstat_at(p, &n).ok();
    let entry_is_dir = kind == tar::EntryType::Directory;
    match existing.as_ref().map(is_dir) {
        Some(true) if !entry_is_dir && !overwrite => {
            return Err(refused(
                "cannot overwrite a directory with a non-directory (podman's cp --overwrite \
                 replaces it)"
                    .into(),
            ))
        }
        Some(false) if entry_is_dir && !overwrite => {
            return Err(refused(
                "cannot overwrite a non-directory with a directory (podman's cp --overwrite \
                 replaces it)"
                    .into(),
            ))
        }
        _ => {}
    }
    // A failure shows when the entry is then made.
    let remove_existing = || {
        if existing.is_some() {
            let _ = remove_at(p, last);
        }
    };
    let check = |rc: i32| {
        if rc < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    };
    match kind {
        tar::EntryType::Directory => {
            if !existing.as_ref().is_some_and(is_dir) {
                remove_existing();
                // SAFETY: valid descriptor and C string.
                check(unsafe { libc::mkdirat(p, n.as_ptr(), 0o700) })?;
            }
            let d = open_at(p, &n, libc::O_RDONLY | libc::O_DIRECTORY, 0)?;
            set_meta(d.as_raw_fd(), mode, owner)?;
            return set_xattrs(d.as_raw_fd(), &entry_xattrs(entry)?);
        }
        tar::EntryType::Regular | tar::EntryType::Continuous => {
            let xattrs = entry_xattrs(entry)?;
            remove_existing();
            let f = open_at(p, &n, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL, 0o600)?;
            let mut file = std::fs::File::from(f);
            io::copy(entry, &mut file)?;
            set_meta(file.as_raw_fd(), mode, owner)?;
            set_xattrs(file.as_raw_fd(), &xattrs)?;
        }
        tar::EntryType::Symlink => {
            let target = entry
                .link_name()?
                .ok_or_else(|| refused("a symlink without a target".into()))?;
            let t = cname(target.as_os_str())?;
            remove_existing();
            // SAFETY: valid descriptor and C strings.
            check(unsafe { libc::symlinkat(t.as_ptr(), p, n.as_ptr()) })?;
            if let Some((uid, gid)) = owner {
                // SAFETY: valid descriptor and C string; the link's owner, not its target's.
                check(unsafe {
                    libc::fchownat(p, n.as_ptr(), uid, gid, libc::AT_SYMLINK_NOFOLLOW)
                })?;
            }
        }
        tar::EntryType::Link => {
            let target = entry
                .link_name()?
                .ok_or_else(|| refused("a hard link without a target".into()))?;
            let src = link_source(dest, &target)?;
            let same = |st: &libc::stat| {
                lstat_at(src.as_raw_fd(), &CString::default())
                    .is_ok_and(|s| (s.st_dev, s.st_ino) == (st.st_dev, st.st_ino))
            };
            if existing.as_ref().is_some_and(same) {
                return Ok(());
            }
            remove_existing();
            let from =
                CString::new(format!("/proc/self/fd/{}", src.as_raw_fd())).unwrap_or_default();
            // SAFETY: valid C strings and descriptor; the magic link names the very inode.
            check(unsafe {
                libc::linkat(
                    libc::AT_FDCWD,
                    from.as_ptr(),
                    p,
                    n.as_ptr(),
                    libc::AT_SYMLINK_FOLLOW,
                )
            })?;
            // A hard link shares its inode's owner, mode and times.
            return Ok(());
        }
        tar::EntryType::Char | tar::EntryType::Block | tar::EntryType::Fifo => {
            let fmt = match kind {
                tar::EntryType::Char => libc::S_IFCHR,
                tar::EntryType::Block => libc::S_IFBLK,
                _ => libc::S_IFIFO,
            };
            if fmt != libc::S_IFIFO && crate::runtime::userns::in_userns() {
                // A user namespace cannot create device nodes: docker and podman skip them there.
                return Ok(());
            }
            let dev = libc::makedev(
                header.device_major()?.unwrap_or(0),
                header.device_minor()?.unwrap_or(0),
            );
            remove_existing();
            // SAFETY: valid descriptor and C string.
            check(unsafe { libc::mknodat(p, n.as_ptr(), fmt | 0o600, dev) })?;
            let made = open_at(p, &n, libc::O_PATH, 0)?;
            let st = lstat_at(made.as_raw_fd(), &CString::default())?;
            if st.st_mode & libc::S_IFMT != fmt {
                return Err(refused("the node was replaced while it was made".into()));
            }
            if let Some((uid, gid)) = owner {
                // SAFETY: valid descriptor; AT_EMPTY_PATH acts on the node itself.
                check(unsafe {
                    libc::fchownat(
                        made.as_raw_fd(),
                        c"".as_ptr(),
                        uid,
                        gid,
                        libc::AT_EMPTY_PATH | libc::AT_SYMLINK_NOFOLLOW,
                    )
                })?;
            }
            let via =
                CString::new(format!("/proc/self/fd/{}", made.as_raw_fd())).unwrap_or_default();
            // SAFETY: a valid C string naming the node just checked (not a symlink).
            check(unsafe { libc::chmod(via.as_ptr(), mode) })?;
        }
        tar::EntryType::XGlobalHeader | tar::EntryType::XHeader => return Ok(()),
        other => {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                format!("{other:?} entries cannot be copied"),
            ))
        }
    }
    set_mtime(p, &n, header.mtime().unwrap_or(0))
}

/// Gives entry `name` of `dir` the archive's modification time (the link itself for a symlink).
fn set_mtime(dir: RawFd, name: &CString, mtime: u64) -> io::Result<()> {
    let t = libc::timespec {
        tv_sec: mtime as libc::time_t,
        tv_nsec: 0,
    };
    let times = [t, t];
    // SAFETY: valid descriptor, C string and two timespecs.
    let rc = unsafe {
        libc::utimensat(
            dir,
            name.as_ptr(),
            times.as_ptr(),
            libc::AT_SYMLINK_NOFOLLOW,
        )
    };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// The extended attributes an entry's PAX header carries (`SCHILY.xattr.NAME`), but overlayfs's
/// own (`trusted.overlay.*`, `user.overlay.*`): an archive must not make a directory opaque or
/// a file a whiteout in the layer it lands in.
fn entry_xattrs<R: Read>(entry: &mut tar::Entry<'_, R>) -> io::Result<Vec<(CString, Vec<u8>)>> {
    let mut out = Vec::new();
    let Some(pax) = entry.pax_extensions()? else {
        return Ok(out);
    };
    for ext in pax {
        let ext = ext?;
        let Some(name) = ext.key_bytes().strip_prefix(b"SCHILY.xattr.") else {
            continue;
        };
        if skiff_storage::store::is_overlay_xattr(name) {
            continue;
        }
        let name = CString::new(name).map_err(|_| refused("an xattr name with a NUL".into()))?;
        out.push((name, ext.value_bytes().to_vec()));
    }
    Ok(out)
}

/// Sets `xattrs` on the file open as `fd`, after its owner (a chown clears a file capability).
/// As docker's archive, an attribute the file system or the process may not set (ENOTSUP,
/// EPERM) is skipped with a warning; any other failure is an error.
fn set_xattrs(fd: RawFd, xattrs: &[(CString, Vec<u8>)]) -> io::Result<()> {
    for (name, value) in xattrs {
        // SAFETY: a valid descriptor, C string and buffer of the given length.
        let rc =
            unsafe { libc::fsetxattr(fd, name.as_ptr(), value.as_ptr().cast(), value.len(), 0) };
        if rc < 0 {
            let e = io::Error::last_os_error();
            match e.raw_os_error() {
                Some(libc::ENOTSUP) | Some(libc::EPERM) => {
                    tracing::warn!("cannot set xattr {}: {e}", name.to_string_lossy())
                }
                _ => return Err(e),
            }
        }
    }
    Ok(())
}

fn set_meta(fd: RawFd, mode: u32, owner: Option<(u32, u32)>) -> io::Result<()> {
    if let Some((uid, gid)) = owner {
        // SAFETY: a valid descriptor.
        if unsafe { libc::fchown(fd, uid, gid) } < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    // After chown, which clears the setuid and setgid bits.
    // SAFETY: a valid descriptor.
    if unsafe { libc::fchmod(fd, mode) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn entry_names_are_confined() {
        assert_eq!(
            entry_components(Path::new("/a/./b")).unwrap(),
            [OsStr::new("a"), OsStr::new("b")]
        );
        assert!(entry_components(Path::new("a/../../etc")).is_err());
        assert!(entry_components(Path::new("./")).unwrap().is_empty());
    }

    #[test]
    fn the_api_s_owners_are_the_archive_s_where_the_container_has_them() {
        let header = |uid: u64, gid: u64| {
            let mut h = tar::Header::new_gnu();
            h.set_uid(uid);
            h.set_gid(gid);
            h
        };
        let map = IdMap {
            uids: vec![crate::runtime::IdRange::new(0, 100_000, 65_536)],
            gids: vec![crate::runtime::IdRange::new(0, 200_000, 65_536)],
        };
        let owners = Owners::ArchiveWhereMapped(&map, Some((100_000, 200_000)));
        assert_eq!(
            owner_of(&header(5, 6), owners).unwrap(),
            Some((100_005, 200_006))
        );
        // An id the container lacks, for either of the two: the fallback owner.
        assert_eq!(
            owner_of(&header(4_000_000, 6), owners).unwrap(),
            Some((100_000, 200_000))
        );
        assert_eq!(
            owner_of(&header(5, 70_000), owners).unwrap(),
            Some((100_000, 200_000))
        );
        let owners = Owners::ArchiveWhereMapped(&map, None);
        assert_eq!(owner_of(&header(4_000_000, 6), owners).unwrap(), None);
    }

    fn link_entry(b: &mut tar::Builder<Vec<u8>>, name: &str, target: &str) {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Link);
        h.set_size(0);
        // Written by hand: the builder refuses `..` in link names.
        h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
        h.as_gnu_mut().unwrap().linkname[..target.len()].copy_from_slice(target.as_bytes());
        h.set_cksum();
        b.append(&h, io::empty()).unwrap();
    }

    #[test]
    fn directories_keep_the_archive_s_times_after_their_entries_are_made() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("dest");
        std::fs::create_dir(&dest).unwrap();
        let mut b = tar::Builder::new(Vec::new());
        let entry = |b: &mut tar::Builder<Vec<u8>>, name: &str, dir: bool, mtime: u64| {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(if dir {
                tar::EntryType::Directory
            } else {
                tar::EntryType::Regular
            });
            h.set_size(0);
            h.set_mode(0o755);
            h.set_mtime(mtime);
            b.append_data(&mut h, name, io::empty()).unwrap();
        };
        entry(&mut b, "d", true, 1_000);
        entry(&mut b, "d/e", true, 2_000);
        entry(&mut b, "d/e/f", false, 3_000);
        entry(&mut b, "d/g", false, 4_000);
        // The last entry of a path gives its time.
        entry(&mut b, "d/e", true, 2_500);
        // A directory a later entry replaced keeps that entry's time.
        entry(&mut b, "r", true, 5_000);
        entry(&mut b, "r/x", false, 5_500);
        let bytes = b.into_inner().unwrap();
        let fd = super::super::open_dir(&dest).unwrap();
        unpack(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, false).unwrap();
        let mut b = tar::Builder::new(Vec::new());
        entry(&mut b, "r", true, 6_000);
        entry(&mut b, "r/y", false, 6_500);
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        h.set_mtime(7_000);
        b.append_link(&mut h, "r", "d").unwrap();
        let bytes = b.into_inner().unwrap();
        unpack(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, true).unwrap();
        let mtime = |p: &str| std::fs::symlink_metadata(dest.join(p)).unwrap().mtime();
        assert_eq!(
            [
                mtime("d"),
                mtime("d/e"),
                mtime("d/e/f"),
                mtime("d/g"),
                mtime("r")
            ],
            [1_000, 2_500, 3_000, 4_000, 7_000]
        );
        assert!(
            dest.join("d/y").symlink_metadata().is_err(),
            "nothing made through the link"
        );
    }

    #[test]
    fn hard_links_are_made_and_kept_inside() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("dest");
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(tmp.path().join("outside"), b"secret").unwrap();
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(2);
        h.set_mode(0o640);
        b.append_data(&mut h, "d/a", &b"hi"[..]).unwrap();
        link_entry(&mut b, "d/b", "d/a");
        let bytes = b.into_inner().unwrap();
        let fd = super::super::open_dir(&dest).unwrap();
        unpack(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, false).unwrap();
        let (a, l) = (
            std::fs::metadata(dest.join("d/a")).unwrap(),
            std::fs::metadata(dest.join("d/b")).unwrap(),
        );
        assert_eq!((a.ino(), a.nlink(), a.mode() & 0o777), (l.ino(), 2, 0o640));
        for target in ["../outside", "/../outside", "d/../../outside"] {
            let mut b = tar::Builder::new(Vec::new());
            link_entry(&mut b, "evil", target);
            let bytes = b.into_inner().unwrap();
            let err = unpack(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, false).unwrap_err();
            assert!(err.to_string().contains("outside the destination"), "{err}");
            assert!(dest.join("evil").symlink_metadata().is_err());
        }
        assert_eq!(
            std::fs::metadata(tmp.path().join("outside"))
                .unwrap()
                .nlink(),
            1
        );
    }

    #[test]
    fn a_directory_is_replaced_only_with_overwrite_and_its_links_are_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("dest");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(dest.join("d")).unwrap();
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("keep"), b"host").unwrap();
        std::os::unix::fs::symlink(&outside, dest.join("d/link")).unwrap();
        std::fs::write(dest.join("f"), b"file").unwrap();
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(3);
        h.set_mode(0o644);
        b.append_data(&mut h, "d", &b"new"[..]).unwrap();
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_size(0);
        h.set_mode(0o755);
        b.append_data(&mut h, "f", io::empty()).unwrap();
        let bytes = b.into_inner().unwrap();
        let fd = super::super::open_dir(&dest).unwrap();
        let err = unpack(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, false).unwrap_err();
        assert!(
            err.to_string().contains("cannot overwrite a directory"),
            "{err}"
        );
        assert!(dest.join("d/link").symlink_metadata().is_ok());
        unpack(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, true).unwrap();
        assert_eq!(std::fs::read(dest.join("d")).unwrap(), b"new");
        assert!(dest.join("f").is_dir());
        assert_eq!(std::fs::read(outside.join("keep")).unwrap(), b"host");
    }

    fn xattr(path: &Path, name: &std::ffi::CStr) -> Option<Vec<u8>> {
        let p = CString::new(path.as_os_str().as_bytes()).unwrap();
        let mut buf = [0u8; 64];
        // SAFETY: valid C strings and a buffer of the given size.
        let n = unsafe { libc::getxattr(p.as_ptr(), name.as_ptr(), buf.as_mut_ptr().cast(), 64) };
        (n >= 0).then(|| buf[..n as usize].to_vec())
    }

    #[test]
    fn an_entry_s_xattrs_are_set_but_overlay_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("dest");
        std::fs::create_dir(&dest).unwrap();
        let mut b = tar::Builder::new(Vec::new());
        for (name, kind) in [
            ("d", tar::EntryType::Directory),
            ("d/f", tar::EntryType::Regular),
        ] {
            b.append_pax_extensions([
                ("SCHILY.xattr.user.skiff", &b"kept"[..]),
                ("SCHILY.xattr.user.overlay.opaque", &b"y"[..]),
                ("SCHILY.xattr.trusted.overlay.opaque", &b"y"[..]),
            ])
            .unwrap();
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(kind);
            h.set_size(0);
            h.set_mode(0o755);
            b.append_data(&mut h, name, io::empty()).unwrap();
        }
        let bytes = b.into_inner().unwrap();
        let fd = super::super::open_dir(&dest).unwrap();
        // apply_layer (build --squash) unpacks as unpack (cp) does.
        apply_layer(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, false).unwrap();
        for path in [dest.join("d"), dest.join("d/f")] {
            assert_eq!(xattr(&path, c"user.skiff").as_deref(), Some(&b"kept"[..]));
            assert_eq!(xattr(&path, c"user.overlay.opaque"), None);
            assert_eq!(xattr(&path, c"trusted.overlay.opaque"), None);
        }
    }

    fn layer(entries: &[(&str, tar::EntryType, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, kind, data) in entries {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(*kind);
            h.set_size(data.len() as u64);
            h.set_mode(0o755);
            b.append_data(&mut h, name, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    #[test]
    fn applying_a_layer_removes_what_its_whiteouts_name_and_nothing_outside() {
        use tar::EntryType::{Directory, Regular};
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("dest");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(dest.join("d/sub")).unwrap();
        std::fs::write(dest.join("d/sub/f"), b"x").unwrap();
        std::fs::write(dest.join("gone"), b"x").unwrap();
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("keep"), b"host").unwrap();
        std::os::unix::fs::symlink(&outside, dest.join("esc")).unwrap();
        let fd = super::super::open_dir(&dest).unwrap();
        let bytes = layer(&[
            ("d/.wh..wh..opq", Regular, b""),
            ("d/new", Regular, b"n"),
            (".wh.gone", Regular, b""),
            ("esc/.wh.keep", Regular, b""),
        ]);
        apply_layer(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, false).unwrap();
        assert!(!dest.join("d/sub").exists(), "the opaque marker empties d");
        assert_eq!(std::fs::read(dest.join("d/new")).unwrap(), b"n");
        assert!(dest.join("gone").symlink_metadata().is_err());
        assert_eq!(std::fs::read(outside.join("keep")).unwrap(), b"host");
        // With markers, a whiteout stays behind and a directory made over one is opaque.
        let bytes = layer(&[(".wh.d", Regular, b"")]);
        apply_layer(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, true).unwrap();
        let st = std::fs::symlink_metadata(dest.join("d")).unwrap();
        use std::os::unix::fs::{FileTypeExt, MetadataExt as _};
        assert!(st.file_type().is_char_device() && st.rdev() == 0);
        std::fs::write(dest.join("g"), b"file").unwrap();
        let bytes = layer(&[
            ("d", Directory, b""),
            ("e", Directory, b""),
            ("g", Directory, b""),
            ("fresh/sub/f", Regular, b"f"),
            ("nodir/.wh.x", Regular, b""),
        ]);
        apply_layer(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, true).unwrap();
        let opaque = |name: &str| {
            let d = std::fs::File::open(dest.join(name)).unwrap();
            super::super::archive::is_opaque(d.as_raw_fd())
        };
        assert!(opaque("d"), "made over a whiteout");
        assert!(
            !opaque("e") && !opaque("g"),
            "made over nothing, or over a file"
        );
        assert_eq!(std::fs::read(dest.join("fresh/sub/f")).unwrap(), b"f");
        assert!(
            !dest.join("nodir").exists(),
            "a whiteout makes no directory"
        );
        // Without markers a whiteout leaves nothing and nothing is marked.
        let bytes = layer(&[(".wh.e", Regular, b""), ("e", Directory, b"")]);
        apply_layer(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, false).unwrap();
        assert!(!opaque("e"));
        // A whiteout under a file cannot be applied.
        let bytes = layer(&[("g2", Regular, b"x"), ("g2/.wh.y", Regular, b"")]);
        assert!(apply_layer(fd.as_raw_fd(), &mut &bytes[..], Owners::Process, true).is_err());
    }
}
