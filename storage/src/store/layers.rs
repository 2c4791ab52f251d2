//! Extracted layers: `layers/<chain-id hex>/diff` plus `meta.json`, built in `tmp/` in one
//! streaming pass (hash, store the blob, decompress, hash, extract) and renamed into place
//! only when both digests verify.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Write};
use std::os::fd::OwnedFd;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::blobs::{mismatch, BlobWriter};
use super::tmp::{self, TempDir};
use super::{extract, ExtractOptions, Store};
use crate::compression::Compression;
use crate::digest::{Digest, Hasher};
use crate::error::{Error, IoContext, Result};

/// Read-ahead for compressed and decompressed streams.
const STREAM_BUF: usize = 1 << 20;

/// What was stored for one layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerInfo {
    /// The layer's chain id (its identity in the store, given its parents).
    pub chain_id: Digest,
    /// The digest of the uncompressed tar stream.
    pub diff_id: Digest,
    /// The digest of the blob it was extracted from (usually compressed).
    pub blob_digest: Digest,
    /// Bytes of regular file content in the layer.
    pub size: u64,
}

/// `layers/<chain>/meta.json`.
#[derive(Serialize, Deserialize)]
struct LayerMeta {
    diff_id: Digest,
    size: u64,
    blob_digest: Digest,
    parent: Option<Digest>,
}

/// The OCI chain id of a layer: its diff id for a base layer, otherwise
/// sha256("<parent chain id> <diff id>").
pub fn chain_id(parent: Option<&Digest>, diff_id: &Digest) -> Digest {
    match parent {
        None => diff_id.clone(),
        Some(p) => Digest::of(format!("{p} {diff_id}").as_bytes()),
    }
}

/// A layer extracted into `tmp/`, not yet in place.
struct Staged {
    dir: TempDir,
    diff_id: Digest,
    size: u64,
}

/// Hashes everything read through it.
struct HashReader<R> {
    inner: R,
    hasher: Hasher,
}

impl<R: Read> Read for HashReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Copies everything read from the source into the blob writer, remembering whether a
/// failure came from the source or the blob file rather than from the layer's content.
struct Tee<'a, R> {
    src: R,
    blob: &'a mut BlobWriter,
    blob_digest: &'a Digest,
    failure: Option<Error>,
}

impl<R: Read> Read for Tee<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.src.read(buf).inspect_err(|e| {
            let what = format!("layer blob {}", self.blob_digest);
            self.failure = Some(Error::Fetch {
                what,
                source: io::Error::new(e.kind(), e.to_string()),
            });
        })?;
        self.blob.write_all(&buf[..n]).inspect_err(|e| {
            let path = self.blob.temp_path();
            self.failure = Some(Error::io(path, io::Error::new(e.kind(), e.to_string())));
        })?;
        Ok(n)
    }
}

impl Store {
    fn layer_root(&self, chain_id: &Digest) -> PathBuf {
        self.layers_dir().join(chain_id.hex())
    }

    /// The extracted layer's directory (overlayfs lower dir), whether or not it is present.
    pub fn layer_dir(&self, chain_id: &Digest) -> PathBuf {
        self.layer_root(chain_id).join("diff")
    }

    /// Whether the layer is extracted and complete.
    pub fn has_layer(&self, chain_id: &Digest) -> bool {
        self.layer_root(chain_id).join("meta.json").is_file()
    }

    /// What was recorded when the layer was stored.
    pub fn layer_info(&self, chain_id: &Digest) -> Result<LayerInfo> {
        let path = self.layer_root(chain_id).join("meta.json");
        let data = fs::read(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => Error::NotFound(format!("layer {chain_id} in the store")),
            _ => Error::io(&path, e),
        })?;
        let meta: LayerMeta = serde_json::from_slice(&data)
            .map_err(|e| Error::io(&path, io::Error::new(io::ErrorKind::InvalidData, e)))?;
        Ok(LayerInfo {
            chain_id: chain_id.clone(),
            diff_id: meta.diff_id,
            blob_digest: meta.blob_digest,
            size: meta.size,
        })
    }

    /// Bytes of regular file content in a stored layer.
    pub fn layer_size(&self, chain_id: &Digest) -> Result<u64> {
        Ok(self.layer_info(chain_id)?.size)
    }

    /// Removes a stored layer. It disappears atomically (moved to `tmp/` first), then is
    /// deleted; files owned by other ids need this to run as (mapped) root. Removing an absent
    /// layer is not an error.
    pub fn remove_layer(&self, chain_id: &Digest) -> Result<()> {
        let root = self.layer_root(chain_id);
        let trash = self.tmp_dir().join(tmp::unique_name("rmlayer"));
        match fs::rename(&root, &trash) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(Error::io(root, e)),
        }
        tmp::remove_all(&trash).at(trash)
    }

    /// Stores a layer from its blob stream in one pass: the bytes of `src` are hashed (they
    /// must hash to `blob_digest`) and written to the blob store, decompressed, hashed again
    /// (the diff id, checked against `expected_diff_id` when given), and extracted. Only when
    /// both digests verify do the blob and the layer appear; on any error nothing is kept.
    /// `parent` is the chain id of the layer below, if any. When another process stored the
    /// same layer meanwhile, its copy is kept and this is still a success.
    pub fn ingest_layer<R: Read>(
        &self,
        src: R,
        blob_digest: &Digest,
        compression: Compression,
        parent: Option<&Digest>,
        expected_diff_id: Option<&Digest>,
        opts: &ExtractOptions,
    ) -> Result<LayerInfo> {
        let mut blob = self.blob_writer(blob_digest)?;
        let mut tee = Tee {
            src,
            blob: &mut blob,
            blob_digest,
            failure: None,
        };
        let staged = match self.extract_staged(&mut tee, compression, blob_digest, opts) {
            Ok(staged) => {
                drop(tee);
                staged
            }
            Err(e) => {
                if let Some(failure) = tee.failure.take() {
                    return Err(failure);
                }
                // Tampered content often breaks the tar first: report the mismatch instead.
                let drained = io::copy(&mut tee, &mut io::sink()).is_ok();
                drop(tee);
                if drained {
                    let actual = blob.digest_so_far();
                    if actual != *blob_digest {
                        return Err(mismatch(blob_digest, &actual));
                    }
                }
                return Err(e);
            }
        };
        let actual = blob.digest_so_far();
        if actual != *blob_digest {
            return Err(mismatch(blob_digest, &actual));
        }
        check_diff_id(blob_digest, expected_diff_id, &staged.diff_id)?;
        blob.commit()?;
        self.commit_layer(staged, blob_digest, parent)
    }

    /// Extracts a layer from a blob already in the store (loaded archives, re-extraction).
    /// The blob is verified while it is read; a corrupt blob is removed and reported.
    pub fn extract_layer_from_blob(
        &self,
        blob_digest: &Digest,
        compression: Compression,
        parent: Option<&Digest>,
        expected_diff_id: Option<&Digest>,
        opts: &ExtractOptions,
    ) -> Result<LayerInfo> {
        let mut input = HashReader {
            inner: self.open_blob(blob_digest)?,
            hasher: Hasher::new(),
        };
        let staged = self.extract_staged(&mut input, compression, blob_digest, opts);
        if staged.is_err() {
            let _ = io::copy(&mut input, &mut io::sink());
        }
        let actual = input.hasher.finish();
        if actual != *blob_digest {
            let _ = fs::remove_file(self.blob_path(blob_digest));
            return Err(mismatch(blob_digest, &actual));
        }
        let staged = staged?;
        check_diff_id(blob_digest, expected_diff_id, &staged.diff_id)?;
        self.commit_layer(staged, blob_digest, parent)
    }

    /// Decompresses and extracts `input` into a new staging directory, reading `input` to
    /// its end.
    fn extract_staged<R: Read>(
        &self,
        input: &mut R,
        compression: Compression,
        layer: &Digest,
        opts: &ExtractOptions,
    ) -> Result<Staged> {
        let tmp = self.tmp_dir();
        let dir = TempDir::create(&tmp, "layer").at(&tmp)?;
        let diff = dir.path().join("diff");
        fs::DirBuilder::new().mode(0o755).create(&diff).at(&diff)?;
        fs::set_permissions(&diff, fs::Permissions::from_mode(0o755)).at(&diff)?;
        let root: OwnedFd = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
            .open(&diff)
            .at(&diff)?
            .into();
        let (size, diff_id) = {
            let compressed = BufReader::with_capacity(STREAM_BUF, &mut *input);
            let mut decoded = HashReader {
                inner: compression.decoder(compressed),
                hasher: Hasher::new(),
            };
            let size = extract::extract(
                BufReader::with_capacity(STREAM_BUF, &mut decoded),
                &root,
                &diff,
                layer,
                opts,
            )?;
            (size, decoded.hasher.finish())
        };
        // Bytes after the end of the compressed stream still belong to the blob.
        io::copy(input, &mut io::sink()).map_err(|e| Error::BadLayer {
            layer: layer.to_string(),
            reason: format!("cannot read the blob: {e}"),
        })?;
        Ok(Staged { dir, diff_id, size })
    }

    /// Writes meta.json and renames the staged layer into place; losing a race to a
    /// concurrent writer of the same layer is success.
    fn commit_layer(
        &self,
        mut staged: Staged,
        blob_digest: &Digest,
        parent: Option<&Digest>,
    ) -> Result<LayerInfo> {
        let chain = chain_id(parent, &staged.diff_id);
        let meta = LayerMeta {
            diff_id: staged.diff_id.clone(),
            size: staged.size,
            blob_digest: blob_digest.clone(),
            parent: parent.cloned(),
        };
        let meta_path = staged.dir.path().join("meta.json");
        let json =
            serde_json::to_vec(&meta).map_err(|e| Error::io(&meta_path, io::Error::other(e)))?;
        File::create(&meta_path)
            .and_then(|mut f| f.write_all(&json))
            .at(&meta_path)?;
        let dest = self.layer_root(&chain);
        if !staged.dir.persist_noreplace(&dest).at(&dest)? {
            tracing::debug!("layer {chain} was stored concurrently; keeping that copy");
        }
        Ok(LayerInfo {
            chain_id: chain,
            diff_id: staged.diff_id,
            blob_digest: blob_digest.clone(),
            size: staged.size,
        })
    }
}

/// Checks the uncompressed digest against what the image config says.
fn check_diff_id(blob: &Digest, expected: Option<&Digest>, actual: &Digest) -> Result<()> {
    match expected {
        Some(want) if want != actual => Err(Error::DigestMismatch {
            what: format!("the uncompressed content (diff id) of layer blob {blob}"),
            expected: want.to_string(),
            actual: actual.to_string(),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_ids_follow_the_oci_definition() {
        let a = Digest::of(b"a");
        let b = Digest::of(b"b");
        assert_eq!(chain_id(None, &a), a);
        let want = Digest::of(format!("sha256:{} sha256:{}", a.hex(), b.hex()).as_bytes());
        assert_eq!(chain_id(Some(&a), &b), want);
    }
}
