//! Writing a stored layer back out as an uncompressed tar stream (for save and push):
//! overlay whiteouts become `.wh.NAME` files and opaque directories get `.wh..wh..opq`.
//! Entries are written in byte order of their names, so the output is deterministic.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::extract::{TRUSTED_OPAQUE, USER_OPAQUE};
use super::{sys, Store};
use crate::digest::{Digest, HashWriter};
use crate::error::{Error, IoContext, Result};

impl Store {
    /// Writes a stored layer to `out` as an uncompressed tar and returns the stream's sha256.
    /// The result equals the layer's original diff id only when the original tar was written
    /// the same way; callers that need the original bytes should use the stored blob.
    pub fn write_layer_tar<W: Write>(&self, chain_id: &Digest, out: W) -> Result<Digest> {
        if !self.has_layer(chain_id) {
            return Err(Error::NotFound(format!("layer {chain_id} in the store")));
        }
        let root = self.layer_dir(chain_id);
        let mut tar = TarOut {
            builder: tar::Builder::new(HashWriter::new(out)),
            root: root.clone(),
            links: HashMap::new(),
        };
        tar.dir(Path::new(""))?;
        let (_, digest, _) = tar.builder.into_inner().at(&root)?.finish();
        Ok(digest)
    }
}

struct TarOut<W: Write> {
    builder: tar::Builder<HashWriter<W>>,
    root: PathBuf,
    /// First path seen for each (device, inode) of multiply linked files.
    links: HashMap<(u64, u64), PathBuf>,
}

impl<W: Write> TarOut<W> {
    /// Writes the entries of directory `rel` (relative to the root), recursively.
    fn dir(&mut self, rel: &Path) -> Result<()> {
        let dir = self.root.join(rel);
        let mut names: Vec<OsString> = fs::read_dir(&dir)
            .and_then(|it| it.map(|e| e.map(|e| e.file_name())).collect())
            .at(&dir)?;
        names.sort();
        for name in names {
            self.entry(rel, &name)?;
        }
        Ok(())
    }

    fn entry(&mut self, parent: &Path, name: &OsString) -> Result<()> {
        let rel = parent.join(name);
        let full = self.root.join(&rel);
        let md = fs::symlink_metadata(&full).at(&full)?;
        let ft = md.file_type();
        let mut h = tar::Header::new_gnu();
        h.set_mode(md.mode() & 0o7777);
        h.set_uid(md.uid().into());
        h.set_gid(md.gid().into());
        h.set_mtime(md.mtime().max(0) as u64);
        h.set_size(0);
        if ft.is_char_device() && md.rdev() == 0 {
            let mut wh = b".wh.".to_vec();
            wh.extend_from_slice(name.as_bytes());
            h.set_entry_type(tar::EntryType::Regular);
            return self.append(&mut h, &parent.join(OsString::from_vec(wh)), io::empty());
        }
        let mut opaque = false;
        let mut pax = Vec::new();
        for (attr, value) in sys::list_xattrs(&full).at(&full)? {
            if attr == USER_OPAQUE.as_bytes() || attr == TRUSTED_OPAQUE.as_bytes() {
                opaque |= value == b"y";
                continue;
            }
            if !super::extract::layer_keeps_xattr(&attr) {
                continue;
            }
            match String::from_utf8(attr) {
                Ok(attr) => pax.push((format!("SCHILY.xattr.{attr}"), value)),
                Err(e) => tracing::warn!(
                    "{}: skipping xattr with a non-UTF-8 name {:?}",
                    full.display(),
                    e.as_bytes()
                ),
            }
        }
        if !pax.is_empty() {
            self.builder
                .append_pax_extensions(pax.iter().map(|(k, v)| (k.as_str(), v.as_slice())))
                .at(&full)?;
        }
        if ft.is_dir() {
            h.set_entry_type(tar::EntryType::Directory);
            self.append(&mut h, &rel, io::empty())?;
            if opaque {
                let mut o = tar::Header::new_gnu();
                o.set_entry_type(tar::EntryType::Regular);
                o.set_mode(0o644);
                o.set_uid(0);
                o.set_gid(0);
                o.set_mtime(md.mtime().max(0) as u64);
                o.set_size(0);
                self.append(&mut o, &rel.join(".wh..wh..opq"), io::empty())?;
            }
            self.dir(&rel)
        } else if ft.is_file() {
            if md.nlink() > 1 {
                if let Some(first) = self.links.get(&(md.dev(), md.ino())) {
                    h.set_entry_type(tar::EntryType::Link);
                    let first = first.clone();
                    return self.builder.append_link(&mut h, &rel, &first).at(&full);
                }
                self.links.insert((md.dev(), md.ino()), rel.clone());
            }
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(md.len());
            let file: File = OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&full)
                .at(&full)?;
            self.append(&mut h, &rel, file)
        } else if ft.is_symlink() {
            let target = fs::read_link(&full).at(&full)?;
            h.set_entry_type(tar::EntryType::Symlink);
            self.builder.append_link(&mut h, &rel, &target).at(&full)
        } else if ft.is_char_device() || ft.is_block_device() || ft.is_fifo() {
            h.set_entry_type(if ft.is_fifo() {
                tar::EntryType::Fifo
            } else if ft.is_char_device() {
                tar::EntryType::Char
            } else {
                tar::EntryType::Block
            });
            if !ft.is_fifo() {
                h.set_device_major(libc::major(md.rdev())).at(&full)?;
                h.set_device_minor(libc::minor(md.rdev())).at(&full)?;
            }
            self.append(&mut h, &rel, io::empty())
        } else {
            tracing::warn!("{}: skipping a socket in a layer", full.display());
            Ok(())
        }
    }

    fn append(&mut self, h: &mut tar::Header, rel: &Path, data: impl io::Read) -> Result<()> {
        self.builder
            .append_data(h, rel, data)
            .at(self.root.join(rel))
    }
}
