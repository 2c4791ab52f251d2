//! Archives in any of the compressions docker takes for a tar stream (none, gzip, zstd,
//! bzip2, xz), told apart by their first bytes: what ADD unpacks and what the API's
//! `PUT /containers/{id}/archive` receives.

use std::io::Read;

use skiff_storage::compression::Compression;

/// How an archive is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Packed {
    /// Plain, gzip or zstd (what layers may be too).
    Like(Compression),
    /// bzip2.
    Bzip2,
    /// xz.
    Xz,
}

/// The bytes [`Packed::detect`] needs to look at.
const MAGIC_LEN: usize = 6;

impl Packed {
    /// The compression whose magic number `head` starts with (plain when none).
    pub(crate) fn detect(head: &[u8]) -> Packed {
        if head.starts_with(b"BZh") {
            Packed::Bzip2
        } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
            Packed::Xz
        } else {
            Packed::Like(Compression::detect(head))
        }
    }

    /// A reader of what `r` holds uncompressed.
    pub(crate) fn decoder<'a>(self, r: impl Read + 'a) -> Box<dyn Read + 'a> {
        match self {
            Packed::Like(c) => c.decoder(r),
            Packed::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(r)),
            Packed::Xz => Box::new(liblzma::read::XzDecoder::new_multi_decoder(r)),
        }
    }
}

/// `r` uncompressed, by the compression its first bytes name (read here and given back in
/// front of the rest).
pub(crate) fn decompressed<'a>(mut r: impl Read + 'a) -> std::io::Result<Box<dyn Read + 'a>> {
    let mut head = Vec::with_capacity(MAGIC_LEN);
    while head.len() < MAGIC_LEN {
        let mut byte = [0u8; MAGIC_LEN];
        let want = MAGIC_LEN - head.len();
        match r.read(&mut byte[..want]) {
            Ok(0) => break,
            Ok(n) => head.extend_from_slice(&byte[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let packed = Packed::detect(&head);
    Ok(packed.decoder(std::io::Cursor::new(head).chain(r)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn unpack(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        decompressed(data).unwrap().read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn each_compression_reads_back() {
        let plain = b"a tar stream, or anything".repeat(50);
        assert_eq!(unpack(&plain), plain);
        assert_eq!(unpack(b"ab"), b"ab");
        assert_eq!(unpack(b""), b"");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&plain).unwrap();
        assert_eq!(unpack(&gz.finish().unwrap()), plain);
        let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
        bz.write_all(&plain).unwrap();
        assert_eq!(unpack(&bz.finish().unwrap()), plain);
        let mut xz = liblzma::write::XzEncoder::new(Vec::new(), 1);
        xz.write_all(&plain).unwrap();
        assert_eq!(unpack(&xz.finish().unwrap()), plain);
        assert_eq!(unpack(&zstd::encode_all(&plain[..], 1).unwrap()), plain);
    }
}
