//! Layer compression: which algorithm a layer blob uses, from its media type or its first
//! bytes, and a decoder that turns the blob into the plain tar stream.

use std::io::{self, Read};

use crate::error::{Error, Result};

/// How a layer blob is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Compression {
    /// A plain tar stream.
    None,
    /// gzip (`tar+gzip`, Docker's `diff.tar.gzip`).
    Gzip,
    /// zstd (`tar+zstd`).
    Zstd,
}

/// gzip's magic bytes.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// zstd's frame magic, little endian 0xFD2FB528.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

impl Compression {
    /// The compression named by a layer media type (OCI or Docker schema 2). Unknown media
    /// types are an error: a layer we cannot decode must not be stored as if it were a tar.
    pub fn from_media_type(media_type: &str) -> Result<Compression> {
        match media_type {
            "application/vnd.oci.image.layer.v1.tar"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar"
            | "application/vnd.docker.image.rootfs.diff.tar" => Ok(Compression::None),
            "application/vnd.oci.image.layer.v1.tar+gzip"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
            | "application/vnd.docker.image.rootfs.diff.tar.gzip"
            | "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip" => Ok(Compression::Gzip),
            "application/vnd.oci.image.layer.v1.tar+zstd"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd" => Ok(Compression::Zstd),
            other => Err(Error::InvalidManifest(format!(
                "unsupported layer media type {other:?} (supported: OCI tar, tar+gzip, tar+zstd and Docker rootfs.diff.tar.gzip)"
            ))),
        }
    }

    /// Guesses the compression from a blob's first bytes (for archives whose manifests do not
    /// say). Anything that is neither gzip nor zstd is taken as a plain tar.
    pub fn detect(first_bytes: &[u8]) -> Compression {
        if first_bytes.starts_with(&GZIP_MAGIC) {
            Compression::Gzip
        } else if first_bytes.starts_with(&ZSTD_MAGIC) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// Wraps `r` in a decoder yielding the uncompressed tar stream. gzip streams of several
    /// members are decoded whole, as `gzip -d` does. Decoder set-up failures surface as an
    /// error from the first read.
    pub fn decoder<'a, R: Read + 'a>(self, r: R) -> Box<dyn Read + 'a> {
        match self {
            Compression::None => Box::new(r),
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(r)),
            Compression::Zstd => Box::new(ZstdReader::Pending(Some(r))),
        }
    }
}

/// A zstd decoder created on first read, so that [`Compression::decoder`] cannot fail.
enum ZstdReader<'a, R: Read> {
    /// Not started yet; holds the compressed input.
    Pending(Option<R>),
    /// Decoding.
    Running(zstd::stream::read::Decoder<'a, io::BufReader<R>>),
}

impl<R: Read> Read for ZstdReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let ZstdReader::Pending(r) = self {
            let r = r
                .take()
                .ok_or_else(|| io::Error::other("zstd decoder failed to start"))?;
            *self = ZstdReader::Running(zstd::stream::read::Decoder::new(r)?);
        }
        match self {
            ZstdReader::Running(d) => d.read(buf),
            ZstdReader::Pending(_) => unreachable!("set to Running above"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn media_types() {
        let cases = [
            ("application/vnd.oci.image.layer.v1.tar", Compression::None),
            (
                "application/vnd.oci.image.layer.v1.tar+gzip",
                Compression::Gzip,
            ),
            (
                "application/vnd.oci.image.layer.v1.tar+zstd",
                Compression::Zstd,
            ),
            (
                "application/vnd.docker.image.rootfs.diff.tar.gzip",
                Compression::Gzip,
            ),
            (
                "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                Compression::Gzip,
            ),
        ];
        for (mt, want) in cases {
            assert_eq!(Compression::from_media_type(mt).unwrap(), want, "{mt}");
        }
        assert!(Compression::from_media_type("application/json").is_err());
    }

    #[test]
    fn detect_and_decode() {
        let plain = b"hello world".repeat(100);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&plain).unwrap();
        let gz = gz.finish().unwrap();
        let zs = zstd::encode_all(&plain[..], 1).unwrap();
        for (bytes, want) in [
            (&gz, Compression::Gzip),
            (&zs, Compression::Zstd),
            (&plain, Compression::None),
        ] {
            assert_eq!(Compression::detect(bytes), want);
            let mut out = Vec::new();
            want.decoder(&bytes[..]).read_to_end(&mut out).unwrap();
            assert_eq!(out, plain);
        }
    }
}
