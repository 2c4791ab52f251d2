//! Copies of image layers whose owners go through a container's own user namespace mapping
//! (`--userns keep-id|nomap|auto`): a layer file of image uid `x` is stored as engine id `x`;
//! in the copy it belongs to the engine id that the container's mapping gives inside id `x`,
//! so the container sees it owned by `x` again.
//!
//! Why copies and not idmapped mounts: an idmapped mount of a layer needs CAP_SYS_ADMIN in the
//! user namespace that owns its file system, the host's, which a rootless skiff does not have,
//! and overlayfs itself cannot be idmapped; podman falls back to the same chowned copy. The copy
//! is made once per container, at its first start, and removed with it.

use std::collections::HashMap;
use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{lchown, FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::spec::IdRange;

/// The outside id of inside id `id` under `map`, if it is mapped.
pub fn map_id(map: &[IdRange], id: u32) -> Option<u32> {
    map.iter()
        .find(|r| id >= r.container && id - r.container < r.size)
        .map(|r| r.host + (id - r.container))
}

/// The inside id that outside id `id` is under `map`, if the mapping reaches it.
pub fn inside_id(map: &[IdRange], id: u32) -> Option<u32> {
    map.iter()
        .find(|r| id >= r.host && id - r.host < r.size)
        .map(|r| r.container + (id - r.host))
}

/// How owners change in a copy: engine id `x` (image id `x`) becomes the engine id mapped to
/// inside id `x`; an id the mapping leaves out becomes `unmapped` (an engine id outside the
/// mapping, which the container sees as the overflow id "nobody").
pub struct Shift<'a> {
    /// The container's uid mapping.
    pub uids: &'a [IdRange],
    /// The container's gid mapping.
    pub gids: &'a [IdRange],
}

impl Shift<'_> {
    fn owner(&self, uid: u32, gid: u32) -> (u32, u32) {
        let pick = |map: &[IdRange], id: u32| map_id(map, id).unwrap_or_else(|| outside(map));
        (pick(self.uids, uid), pick(self.gids, gid))
    }
}

/// An engine id no range of `map` reaches: 0 unless mapped, else the first after the ranges.
fn outside(map: &[IdRange]) -> u32 {
    let taken = |id: u32| map.iter().any(|r| id >= r.host && id - r.host < r.size);
    if !taken(0) {
        return 0;
    }
    map.iter()
        .map(|r| r.host.saturating_add(r.size))
        .find(|&id| !taken(id))
        .unwrap_or(u32::MAX - 1)
}

/// Copies every layer directory of `lower` into `dest/0`, `dest/1`... with owners shifted, and
/// returns the copies' paths in the same order. An existing complete `dest` is reused; a
/// partial one (from an interrupted start) is made again.
pub fn shifted_layers(
    lower: &[PathBuf],
    dest: &Path,
    shift: &Shift<'_>,
) -> io::Result<Vec<PathBuf>> {
    let copies: Vec<PathBuf> = (0..lower.len()).map(|i| dest.join(i.to_string())).collect();
    if dest.is_dir() {
        return Ok(copies);
    }
    let partial = dest.with_extension("partial");
    if partial.exists() {
        std::fs::remove_dir_all(&partial)?;
    }
    std::fs::create_dir_all(&partial)?;
    for (i, layer) in lower.iter().enumerate() {
        let mut links = HashMap::new();
        copy_tree(layer, &partial.join(i.to_string()), shift, &mut links)?;
    }
    std::fs::rename(&partial, dest)?;
    Ok(copies)
}

fn with_path(e: io::Error, what: &str, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{what} {}: {e}", path.display()))
}

/// Copies `src` to `dst` (which must not exist) with shifted owners, keeping modes, times,
/// xattrs, hard links (by `links`: source inode to first copy), symlinks and device nodes.
fn copy_tree(
    src: &Path,
    dst: &Path,
    shift: &Shift<'_>,
    links: &mut HashMap<(u64, u64), PathBuf>,
) -> io::Result<()> {
    let meta = std::fs::symlink_metadata(src).map_err(|e| with_path(e, "reading", src))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        std::fs::create_dir(dst).map_err(|e| with_path(e, "creating", dst))?;
        for entry in std::fs::read_dir(src).map_err(|e| with_path(e, "listing", src))? {
            let entry = entry?;
            copy_tree(&entry.path(), &dst.join(entry.file_name()), shift, links)?;
        }
    } else if kind.is_file() && meta.nlink() > 1 && links.contains_key(&(meta.dev(), meta.ino())) {
        std::fs::hard_link(&links[&(meta.dev(), meta.ino())], dst)
            .map_err(|e| with_path(e, "linking", dst))?;
        return Ok(());
    } else if kind.is_file() {
        std::fs::copy(src, dst).map_err(|e| with_path(e, "copying", src))?;
        if meta.nlink() > 1 {
            links.insert((meta.dev(), meta.ino()), dst.to_path_buf());
        }
    } else if kind.is_symlink() {
        let target = std::fs::read_link(src)?;
        std::os::unix::fs::symlink(target, dst).map_err(|e| with_path(e, "creating", dst))?;
    } else if kind.is_char_device() || kind.is_block_device() || kind.is_fifo() {
        let fmt = meta.mode() & libc::S_IFMT;
        let made = nix::sys::stat::mknod(
            dst,
            nix::sys::stat::SFlag::from_bits_truncate(fmt),
            nix::sys::stat::Mode::from_bits_truncate(meta.mode() & 0o7777),
            meta.rdev(),
        );
        if let Err(e) = made {
            return Err(with_path(io::Error::from(e), "creating", dst));
        }
    } else {
        // Sockets are not layer content.
        return Ok(());
    }
    let (uid, gid) = shift.owner(meta.uid(), meta.gid());
    lchown(dst, Some(uid), Some(gid)).map_err(|e| with_path(e, "changing the owner of", dst))?;
    copy_xattrs(src, dst)?;
    if !kind.is_symlink() {
        // After chown, which clears the setuid and setgid bits.
        std::fs::set_permissions(dst, std::fs::Permissions::from_mode(meta.mode() & 0o7777))
            .map_err(|e| with_path(e, "setting the mode of", dst))?;
    }
    let time = |s: i64, ns: i64| nix::sys::time::TimeSpec::new(s, ns);
    nix::sys::stat::utimensat(
        None,
        dst,
        &time(meta.atime(), meta.atime_nsec()),
        &time(meta.mtime(), meta.mtime_nsec()),
        nix::sys::stat::UtimensatFlags::NoFollowSymlink,
    )
    .map_err(|e| with_path(io::Error::from(e), "setting the times of", dst))
}

/// Copies the extended attributes this process can read (`user.*`, overlay's opaque marks,
/// `trusted.*` as real root); `security.*` ones the file system refuses are left out.
fn copy_xattrs(src: &Path, dst: &Path) -> io::Result<()> {
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).expect("paths have no NUL");
    let (src_c, dst_c) = (c(src), c(dst));
    // SAFETY: size query with a null buffer.
    let len = unsafe { libc::llistxattr(src_c.as_ptr(), std::ptr::null_mut(), 0) };
    if len <= 0 {
        return Ok(());
    }
    let mut names = vec![0u8; len as usize];
    // SAFETY: the buffer is `len` bytes.
    let len = unsafe { libc::llistxattr(src_c.as_ptr(), names.as_mut_ptr().cast(), names.len()) };
    if len <= 0 {
        return Ok(());
    }
    for name in names[..len as usize]
        .split(|b| *b == 0)
        .filter(|n| !n.is_empty())
    {
        let name = CString::new(name).expect("split at NUL");
        let mut value = vec![0u8; 65536];
        // SAFETY: the buffer is value.len() bytes.
        let n = unsafe {
            libc::lgetxattr(
                src_c.as_ptr(),
                name.as_ptr(),
                value.as_mut_ptr().cast(),
                value.len(),
            )
        };
        if n < 0 {
            continue;
        }
        // SAFETY: n bytes of value are initialised.
        let set = unsafe {
            libc::lsetxattr(
                dst_c.as_ptr(),
                name.as_ptr(),
                value.as_ptr().cast(),
                n as usize,
                0,
            )
        };
        if set < 0 && !name.as_bytes().starts_with(b"security.") {
            let e = io::Error::last_os_error();
            return Err(with_path(e, &format!("copying xattr {name:?} to"), dst));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_through_the_mapping() {
        let keep_id = [
            IdRange::new(0, 1, 1003),
            IdRange::new(1003, 0, 1),
            IdRange::new(1004, 1004, 64533),
        ];
        assert_eq!(map_id(&keep_id, 0), Some(1));
        assert_eq!(map_id(&keep_id, 1002), Some(1003));
        assert_eq!(map_id(&keep_id, 1003), Some(0));
        assert_eq!(map_id(&keep_id, 1004), Some(1004));
        assert_eq!(map_id(&keep_id, 70000), None);
        for inside in [0, 1002, 1003, 1004] {
            let outside = map_id(&keep_id, inside).unwrap();
            assert_eq!(inside_id(&keep_id, outside), Some(inside));
        }
        assert_eq!(inside_id(&[IdRange::new(0, 1, 10)], 0), None);
        let auto = [IdRange::new(0, 5000, 1024)];
        let shift = Shift {
            uids: &auto,
            gids: &auto,
        };
        assert_eq!(shift.owner(0, 33), (5000, 5033));
        // Unmapped ids go to an engine id the container cannot see.
        assert_eq!(shift.owner(65534, 0), (0, 5000));
        assert_eq!(outside(&[IdRange::new(0, 0, 10)]), 10);
    }

    #[test]
    fn copies_keep_content_links_and_modes() {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("src");
        std::fs::create_dir_all(src.join("d")).unwrap();
        std::fs::write(src.join("d/f"), b"data").unwrap();
        std::fs::set_permissions(src.join("d/f"), std::fs::Permissions::from_mode(0o640)).unwrap();
        std::fs::hard_link(src.join("d/f"), src.join("h")).unwrap();
        std::os::unix::fs::symlink("d/f", src.join("s")).unwrap();
        let me = std::fs::metadata(&src).unwrap();
        let (u, g) = (me.uid(), me.gid());
        let uids = [IdRange::new(u, u, 1)];
        let gids = [IdRange::new(g, g, 1)];
        let shift = Shift {
            uids: &uids,
            gids: &gids,
        };
        let dest = tmp.path().join("copy");
        let copies = shifted_layers(std::slice::from_ref(&src), &dest, &shift).unwrap();
        assert_eq!(copies, vec![dest.join("0")]);
        let c = &copies[0];
        assert_eq!(std::fs::read(c.join("d/f")).unwrap(), b"data");
        let f = std::fs::metadata(c.join("d/f")).unwrap();
        assert_eq!(f.mode() & 0o7777, 0o640);
        assert_eq!(f.ino(), std::fs::metadata(c.join("h")).unwrap().ino());
        assert_eq!(std::fs::read_link(c.join("s")).unwrap(), Path::new("d/f"));
        assert_eq!(
            f.mtime(),
            std::fs::metadata(src.join("d/f")).unwrap().mtime()
        );
        // A second call reuses the copy.
        std::fs::write(c.join("marker"), b"").unwrap();
        shifted_layers(std::slice::from_ref(&src), &dest, &shift).unwrap();
        assert!(c.join("marker").exists());
    }
}
