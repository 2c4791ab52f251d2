//! Extracted layers: `layers/<chain-id hex>/diff` plus `meta.json`, built in `tmp/` in one
//! streaming pass (hash, store the blob, decompress, hash, extract) and renamed into place
//! only when both digests verify.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Write};
use std::os::fd::OwnedFd;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;
use std::sync::mpsc;

use serde::{Deserialize, Serialize};

use super::blobs::mismatch;
use super::tmp::{self, TempDir};
use super::{extract, ExtractOptions, Store};
use crate::compression::Compression;
use crate::digest::{Digest, Hasher};
use crate::error::{Error, IoContext, Result};

/// Chunk size for reading blobs and read-ahead for decompressed streams.
const STREAM_BUF: usize = 1 << 20;
/// Chunks in flight between the reading and the extracting thread.
const PIPELINE_DEPTH: usize = 4;

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

/// The extraction side of the pipeline: reads the chunks the source side sends, and hands
/// the emptied buffers back for reuse.
struct ChannelReader {
    rx: mpsc::Receiver<Vec<u8>>,
    back: mpsc::Sender<Vec<u8>>,
    cur: Vec<u8>,
    pos: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.cur.len() {
            let Ok(next) = self.rx.recv() else {
                return Ok(0);
            };
            let done = std::mem::replace(&mut self.cur, next);
            let _ = self.back.send(done);
            self.pos = 0;
        }
        let n = buf.len().min(self.cur.len() - self.pos);
        buf[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Reads until `buf` is full or the source ends.
fn read_fill(src: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match src.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
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
    /// both digests verify do the blob and the layer appear; on any error nothing is kept
    /// (except a verified blob, when the very last step, renaming the layer, fails).
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
        let what = format!("layer blob {blob_digest}");
        let write = |chunk: &[u8]| blob.write_all(chunk).at(blob.temp_path());
        let staged = self.pipelined(src, &what, write, compression, blob_digest, opts)?;
        let actual = blob.digest_so_far();
        if actual != *blob_digest {
            return Err(mismatch(blob_digest, &actual));
        }
        let staged = staged?;
        check_diff_id(blob_digest, expected_diff_id, &staged.diff_id)?;
        blob.commit()?;
        self.commit_layer(staged, blob_digest, parent)
    }

    /// Reads `src` to its end on this thread, passing every chunk to `sink` (hash, blob
    /// file) and to the decompression and extraction running on a second thread, so the two
    /// halves of the work use two cores. The outer error is a failure of the source or the
    /// sink; the inner result is the extraction's.
    fn pipelined<R: Read>(
        &self,
        mut src: R,
        what: &str,
        mut sink: impl FnMut(&[u8]) -> Result<()>,
        compression: Compression,
        layer: &Digest,
        opts: &ExtractOptions,
    ) -> Result<Result<Staged>> {
        let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(PIPELINE_DEPTH);
        let (back, recycled) = mpsc::channel::<Vec<u8>>();
        std::thread::scope(|scope| {
            let worker = scope.spawn(move || {
                let mut input = ChannelReader {
                    rx,
                    back,
                    cur: Vec::new(),
                    pos: 0,
                };
                self.extract_staged(&mut input, compression, layer, opts)
            });
            let mut feeding = true;
            let fed = loop {
                let mut buf = recycled.try_recv().unwrap_or_default();
                buf.resize(STREAM_BUF, 0);
                let n = match read_fill(&mut src, &mut buf) {
                    Ok(0) => break Ok(()),
                    Ok(n) => n,
                    Err(e) => {
                        break Err(Error::Fetch {
                            what: what.to_string(),
                            source: e,
                        })
                    }
                };
                buf.truncate(n);
                if let Err(e) = sink(&buf) {
                    break Err(e);
                }
                // A failed extraction stops listening; keep reading so the digest is complete.
                feeding = feeding && tx.send(buf).is_ok();
            };
            drop(tx);
            let extracted = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            fed.map(|()| extracted)
        })
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
            let mut decoded = HashReader {
                inner: compression.decoder(&mut *input),
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
