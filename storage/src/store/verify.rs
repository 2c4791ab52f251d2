//! Checking what is stored (`skiff system check`): blobs against their digests, and extracted
//! layers against the tar streams of the blobs they came from.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::os::unix::ffi::OsStrExt;

use super::{names, Store};
use crate::digest::{Digest, HashWriter};
use crate::error::{IoContext, Result};

/// What an extracted file must be, from its tar entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Present, of any kind (directories, links, fifos, hardlinks).
    Present,
    /// A regular file of this many bytes.
    File(u64),
}

impl Store {
    /// The digests of every stored blob (names in `blobs/sha256` that are not digests are
    /// not blobs and are left out).
    pub fn blobs(&self) -> Result<Vec<Digest>> {
        digests_in(&self.blobs_dir())
    }

    /// The chain ids of every layer directory in the store, complete or not.
    pub fn layers(&self) -> Result<Vec<Digest>> {
        digests_in(&self.layers_dir())
    }

    /// Whether the stored blob still hashes to its digest (read in full).
    pub fn verify_blob(&self, digest: &Digest) -> Result<bool> {
        let mut file = self.open_blob(digest)?;
        let mut hashed = HashWriter::new(io::sink());
        io::copy(&mut file, &mut hashed).at(self.blob_path(digest))?;
        Ok(hashed.finish().1 == *digest)
    }

    /// What is wrong with a stored layer, or None when nothing is: its `meta.json` or `diff`
    /// is missing, or (when `deep`) a file its blob's tar stream holds is missing from `diff`
    /// or has another size. A layer whose blob is gone or unreadable is checked only
    /// shallowly (the blob check reports a damaged blob).
    pub fn layer_damage(&self, chain_id: &Digest, deep: bool) -> Option<String> {
        let info = match self.layer_info(chain_id) {
            Ok(info) => info,
            Err(_) => return Some("meta.json is missing or unreadable".into()),
        };
        let diff = self.layer_dir(chain_id);
        if !diff.is_dir() {
            return Some("its diff directory is missing".into());
        }
        if !deep {
            return None;
        }
        let expected = self.tar_contents(&info.blob_digest).ok()?;
        let mut missing = Vec::new();
        for (name, expect) in &expected {
            let path = diff.join(std::ffi::OsStr::from_bytes(name));
            match (fs::symlink_metadata(&path), expect) {
                (Err(_), _) => missing.push(format!("{} is missing", show(name))),
                (Ok(m), Expect::File(size)) if !m.is_file() || m.len() != *size => missing.push(
                    format!("{} has {} bytes, its layer {size}", show(name), m.len()),
                ),
                _ => {}
            }
        }
        match missing.len() {
            0 => None,
            1 => missing.pop(),
            n => Some(format!("{} (and {} more)", missing[0], n - 1)),
        }
    }

    /// The files a layer blob's tar stream creates, by name relative to the layer root (the
    /// last entry of a name wins). Whiteouts and device nodes (which rootless extraction
    /// skips) are left out.
    fn tar_contents(&self, blob: &Digest) -> io::Result<BTreeMap<Vec<u8>, Expect>> {
        let compression = self
            .blob_compression(blob)
            .map_err(|e| io::Error::other(e.to_string()))?;
        let file = File::open(self.blob_path(blob))?;
        let mut archive = tar::Archive::new(compression.decoder(io::BufReader::new(file)));
        let mut out = BTreeMap::new();
        for entry in archive.entries()? {
            let entry = entry?;
            let kind = entry.header().entry_type();
            if kind.is_character_special() || kind.is_block_special() {
                continue;
            }
            let raw = entry.path_bytes();
            let Ok(comps) = names::components(&raw) else {
                continue;
            };
            match comps.last() {
                None => continue,
                Some(last) if last.starts_with(b".wh.") => continue,
                Some(_) => {}
            }
            let expect = if kind.is_file() || kind == tar::EntryType::Continuous {
                // The entry's size, not the header's: a PAX record holds it for big files.
                Expect::File(entry.size())
            } else {
                Expect::Present
            };
            out.insert(names::join(&comps), expect);
        }
        Ok(out)
    }
}

/// A tar entry name for messages.
fn show(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

/// The digests named by the entries of `dir` (hex names).
fn digests_in(dir: &std::path::Path) -> Result<Vec<Digest>> {
    let entries = match fs::read_dir(dir) {
        Ok(d) => d,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(crate::error::Error::io(dir, e)),
    };
    let mut out: Vec<Digest> = entries
        .flatten()
        .filter_map(|e| Digest::from_hex(e.file_name().to_str()?).ok())
        .collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer_tar() -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        let mut add = |name: &str, data: &[u8]| {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(0);
            h.set_cksum();
            b.append_data(&mut h, name, data).unwrap();
        };
        add("bin/sh", b"#!shell");
        add("etc/hostname", b"box\n");
        add("etc/.wh.gone", b"");
        b.into_inner().unwrap()
    }

    fn stored_layer() -> (tempfile::TempDir, Store, Digest) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let tar = layer_tar();
        let blob = Digest::of(&tar);
        let info = store
            .ingest_layer(
                &tar[..],
                &blob,
                crate::Compression::None,
                None,
                None,
                &crate::store::ExtractOptions { rootless: true },
            )
            .unwrap();
        (dir, store, info.chain_id)
    }

    #[test]
    fn a_whole_layer_is_clean_and_a_missing_file_is_named() {
        let (_dir, store, chain) = stored_layer();
        assert_eq!(store.layer_damage(&chain, true), None);
        fs::remove_file(store.layer_dir(&chain).join("bin/sh")).unwrap();
        assert_eq!(
            store.layer_damage(&chain, true).as_deref(),
            Some("bin/sh is missing")
        );
        // The quick check only looks at the layer's directories.
        assert_eq!(store.layer_damage(&chain, false), None);
        fs::write(store.layer_dir(&chain).join("etc/hostname"), b"x").unwrap();
        assert_eq!(
            store.layer_damage(&chain, true).as_deref(),
            Some("bin/sh is missing (and 1 more)")
        );
    }

    #[test]
    fn a_blob_with_flipped_bytes_fails_verification() {
        let (_dir, store, _chain) = stored_layer();
        let blob = store.blobs().unwrap().pop().unwrap();
        assert!(store.verify_blob(&blob).unwrap());
        let path = store.blob_path(&blob);
        let mut data = fs::read(&path).unwrap();
        data[10] ^= 0xff;
        fs::write(&path, data).unwrap();
        assert!(!store.verify_blob(&blob).unwrap());
        assert_eq!(store.layers().unwrap().len(), 1);
    }
}
