//! Verified blobs: `blobs/sha256/<hex>`, written to `tmp/`, fsynced and renamed.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::path::PathBuf;

use super::tmp::TempFile;
use super::Store;
use crate::compression::Compression;
use crate::digest::{Digest, Hasher};
use crate::error::{Error, IoContext, Result};

/// Start writeback of a blob every this many bytes, so the final fsync has little left to do.
const WRITEBACK_CHUNK: u64 = 8 << 20;

impl Store {
    /// Where the blob with this digest lives (whether or not it is present).
    pub fn blob_path(&self, digest: &Digest) -> PathBuf {
        self.blobs_dir().join(digest.hex())
    }

    /// Whether the blob is stored.
    pub fn has_blob(&self, digest: &Digest) -> bool {
        fs::symlink_metadata(self.blob_path(digest)).is_ok_and(|m| m.is_file())
    }

    /// Opens a stored blob for reading (not re-verified; see [`Store::read_blob`]).
    pub fn open_blob(&self, digest: &Digest) -> Result<File> {
        let path = self.blob_path(digest);
        File::open(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => Error::NotFound(format!("blob {digest} in the store")),
            _ => Error::io(path, e),
        })
    }

    /// How a stored blob is compressed, from its first bytes.
    pub fn blob_compression(&self, digest: &Digest) -> Result<Compression> {
        let path = self.blob_path(digest);
        let mut head = [0u8; 8];
        let mut n = 0;
        let mut file = self.open_blob(digest)?;
        while n < head.len() {
            match file.read(&mut head[n..]).at(&path)? {
                0 => break,
                k => n += k,
            }
        }
        Ok(Compression::detect(&head[..n]))
    }

    /// Reads a whole stored blob, verifying it. A blob that no longer matches its digest is
    /// removed and reported as [`Error::DigestMismatch`] (pull the image again).
    pub fn read_blob(&self, digest: &Digest) -> Result<Vec<u8>> {
        let mut data = Vec::new();
        self.open_blob(digest)?
            .read_to_end(&mut data)
            .at(self.blob_path(digest))?;
        let actual = Digest::of(&data);
        if actual != *digest {
            let _ = fs::remove_file(self.blob_path(digest));
            return Err(mismatch(digest, &actual));
        }
        Ok(data)
    }

    /// Stores `data` as blob `expected` after checking its digest. Nothing happens when the blob
    /// is already present.
    pub fn put_blob(&self, expected: &Digest, data: &[u8]) -> Result<()> {
        if self.has_blob(expected) {
            return Ok(());
        }
        let mut w = self.blob_writer(expected)?;
        w.write_all(data).at(w.temp.path().to_path_buf())?;
        w.commit().map(|_| ())
    }

    /// A writer for blob `expected`: bytes go to a temp file and are hashed on the way;
    /// [`BlobWriter::commit`] verifies and renames. Dropping it uncommitted deletes the temp.
    pub fn blob_writer(&self, expected: &Digest) -> Result<BlobWriter> {
        let tmp = self.tmp_dir();
        let temp = TempFile::create(&tmp, "blob").at(&tmp)?;
        Ok(BlobWriter {
            temp,
            hasher: Hasher::new(),
            expected: expected.clone(),
            dest: self.blob_path(expected),
            written: 0,
            writeback_from: 0,
        })
    }

    /// Removes a blob. Removing a blob that is not there is not an error.
    pub fn remove_blob(&self, digest: &Digest) -> Result<()> {
        let path = self.blob_path(digest);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(Error::io(path, e)),
            _ => Ok(()),
        }
    }
}

/// The error for content that does not hash to `expected`.
pub(crate) fn mismatch(expected: &Digest, actual: &Digest) -> Error {
    Error::DigestMismatch {
        what: format!("blob {expected}"),
        expected: expected.to_string(),
        actual: actual.to_string(),
    }
}

/// Streams one blob into the store; see [`Store::blob_writer`].
pub struct BlobWriter {
    temp: TempFile,
    hasher: Hasher,
    expected: Digest,
    dest: PathBuf,
    written: u64,
    writeback_from: u64,
}

impl BlobWriter {
    /// The digest of everything written so far.
    pub(crate) fn digest_so_far(&self) -> Digest {
        self.hasher.clone().finish()
    }

    /// The temp file's path, for messages.
    pub(crate) fn temp_path(&self) -> PathBuf {
        self.temp.path().to_path_buf()
    }

    /// Verifies the digest, fsyncs and renames the blob into place, and returns its size.
    /// On a mismatch the temp file is deleted and [`Error::DigestMismatch`] names the blob.
    pub fn commit(mut self) -> Result<u64> {
        let actual = self.digest_so_far();
        if actual != self.expected {
            return Err(mismatch(&self.expected, &actual));
        }
        let temp_path = self.temp.path().to_path_buf();
        self.temp.file().sync_data().at(&temp_path)?;
        self.temp.persist(&self.dest).at(&self.dest)?;
        if let Some(dir) = self.dest.parent() {
            File::open(dir).and_then(|d| d.sync_all()).at(dir)?;
        }
        Ok(self.written)
    }

    /// Asks the kernel to start writing finished chunks out, without waiting.
    fn start_writeback(&mut self) {
        if self.written - self.writeback_from >= WRITEBACK_CHUNK {
            let fd = self.temp.file().as_raw_fd();
            // SAFETY: a valid fd; SYNC_FILE_RANGE_WRITE only initiates writeback.
            unsafe {
                libc::sync_file_range(
                    fd,
                    self.writeback_from as i64,
                    (self.written - self.writeback_from) as i64,
                    libc::SYNC_FILE_RANGE_WRITE,
                )
            };
            self.writeback_from = self.written;
        }
    }
}

impl Write for BlobWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.temp.file().write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        self.start_writeback();
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
