//! Local image locations named with a transport prefix, as podman and skopeo write them:
//! `oci:DIR[:REF]` and `oci-archive:FILE[:REF]`.

use std::path::PathBuf;

use super::read::{Archive, ArchiveImage};
use crate::error::{Error, Result};

/// Which kind of local location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// An OCI image layout directory.
    OciDir,
    /// An OCI image layout in a tar file.
    OciArchive,
}

/// A parsed `TRANSPORT:PATH[:REF]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalLocation {
    /// The transport.
    pub transport: Transport,
    /// The directory or file.
    pub path: PathBuf,
    /// The image inside it: an `org.opencontainers.image.ref.name` (often a bare tag) or a
    /// `docker save` name; all images when None.
    pub reference: Option<String>,
}

impl LocalLocation {
    /// Parses `oci:DIR[:REF]` or `oci-archive:FILE[:REF]`; `None` when `s` has neither
    /// prefix (it is then a registry reference). As in podman, the path ends at the first
    /// `:`, and the reference (which may hold colons, `busybox:1`) is the rest.
    pub fn parse(s: &str) -> Option<Result<LocalLocation>> {
        let (transport, rest) = [
            ("oci:", Transport::OciDir),
            ("oci-archive:", Transport::OciArchive),
        ]
        .into_iter()
        .find_map(|(prefix, t)| s.strip_prefix(prefix).map(|rest| (t, rest)))?;
        let (path, reference) = match rest.split_once(':') {
            Some((path, r)) => (path, Some(r)),
            None => (rest, None),
        };
        if path.is_empty() {
            return Some(Err(Error::InvalidReference {
                reference: s.to_string(),
                reason: "no path: give TRANSPORT:PATH[:REFERENCE], e.g. oci:/tmp/layout:latest"
                    .to_string(),
            }));
        }
        if reference == Some("") {
            return Some(Err(Error::InvalidReference {
                reference: s.to_string(),
                reason: "empty reference after the last ':'".to_string(),
            }));
        }
        Some(Ok(LocalLocation {
            transport,
            path: PathBuf::from(path),
            reference: reference.map(str::to_string),
        }))
    }

    /// The images of `archive` this location names: all of them without a reference, else
    /// those with a name equal to it or ending in `:REF`; none is an error listing the names.
    pub fn select(&self, archive: Archive) -> Result<Vec<ArchiveImage>> {
        let Some(wanted) = &self.reference else {
            return Ok(archive.images);
        };
        let suffix = format!(":{wanted}");
        let mut names = Vec::new();
        let mut chosen = Vec::new();
        for image in archive.images {
            names.extend(image.repo_tags.iter().cloned());
            if image
                .repo_tags
                .iter()
                .any(|n| n == wanted || n.ends_with(&suffix))
            {
                chosen.push(image);
            }
        }
        if chosen.is_empty() {
            return Err(Error::NotFound(format!(
                "image {wanted:?} in {} (it has: {})",
                self.path.display(),
                if names.is_empty() {
                    "no named images".to_string()
                } else {
                    names.join(", ")
                }
            )));
        }
        Ok(chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<Result<LocalLocation>> {
        LocalLocation::parse(s)
    }

    #[test]
    fn parses_transports() {
        let l = parse("oci:/tmp/x:latest").unwrap().unwrap();
        assert_eq!(l.transport, Transport::OciDir);
        assert_eq!(l.path, PathBuf::from("/tmp/x"));
        assert_eq!(l.reference.as_deref(), Some("latest"));
        let l = parse("oci:rel/dir").unwrap().unwrap();
        assert_eq!((l.path.to_str(), l.reference), (Some("rel/dir"), None));
        let l = parse("oci-archive:x.tar:busybox:1").unwrap().unwrap();
        assert_eq!(l.transport, Transport::OciArchive);
        assert_eq!(l.path, PathBuf::from("x.tar"));
        assert_eq!(l.reference.as_deref(), Some("busybox:1"));
        assert!(parse("docker-archive:x.tar").is_none());
        assert!(parse("docker://busybox").is_none());
        assert!(parse("busybox:latest").is_none());
        assert!(parse("oci:").unwrap().is_err());
        assert!(parse("oci::tag").unwrap().is_err());
        assert!(parse("oci:/x:").unwrap().is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            if let Some(Ok(l)) = parse(&format!("oci:{s}")) {
                proptest::prop_assert!(!l.path.as_os_str().is_empty());
            }
        }
    }
}
