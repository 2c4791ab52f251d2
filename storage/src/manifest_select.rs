//! Choosing the manifest of an image index (or manifest list) for a platform.

use crate::error::{Error, Result};
use crate::manifest::{Descriptor, ImageIndex};
use crate::platform::Platform;

/// The manifest of `index` for `wanted`: an exact os/architecture/variant match (a missing
/// arm64 variant counting as v8, arm as v7), else — when `wanted` names no variant — the first
/// os/architecture match. Attestation manifests (platform `unknown/unknown`) never match.
pub fn select<'a>(index: &'a ImageIndex, wanted: &Platform) -> Result<&'a Descriptor> {
    let candidates: Vec<(&Descriptor, &Platform)> = index
        .manifests
        .iter()
        .filter_map(|d| d.platform.as_ref().map(|p| (d, p)))
        .filter(|(_, p)| !p.is_unknown())
        .collect();
    let want = wanted.normalised();
    if let Some((d, _)) = candidates.iter().find(|(_, p)| p.normalised() == want) {
        return Ok(d);
    }
    if let Some((d, _)) = candidates.iter().find(|(_, p)| p.satisfies(wanted)) {
        return Ok(d);
    }
    let available: Vec<String> = candidates.iter().map(|(_, p)| p.to_string()).collect();
    Err(Error::NoMatchingPlatform {
        wanted: wanted.to_string(),
        reference: "the image index".to_string(),
        available: if available.is_empty() {
            "none".to_string()
        } else {
            available.join(", ")
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::Digest;
    use crate::manifest::{MEDIA_TYPE_OCI_INDEX, MEDIA_TYPE_OCI_MANIFEST};
    use std::collections::BTreeMap;

    fn desc(n: u8, platform: Option<Platform>) -> Descriptor {
        Descriptor {
            media_type: MEDIA_TYPE_OCI_MANIFEST.to_string(),
            digest: Digest::of(&[n]),
            size: 100,
            platform,
            annotations: BTreeMap::new(),
            urls: Vec::new(),
        }
    }

    fn index(manifests: Vec<Descriptor>) -> ImageIndex {
        ImageIndex {
            schema_version: 2,
            media_type: Some(MEDIA_TYPE_OCI_INDEX.to_string()),
            manifests,
            annotations: BTreeMap::new(),
        }
    }

    #[test]
    fn selects_exact_and_variant_defaults() {
        let idx = index(vec![
            desc(1, Some(Platform::new("linux", "amd64", None))),
            desc(2, Some(Platform::new("linux", "arm64", Some("v8")))),
            desc(3, Some(Platform::new("linux", "arm", Some("v6")))),
            desc(4, Some(Platform::new("linux", "arm", Some("v7")))),
            desc(5, Some(Platform::new("unknown", "unknown", None))),
        ]);
        let pick = |p: &str| {
            select(&idx, &Platform::parse(p).unwrap())
                .unwrap()
                .digest
                .clone()
        };
        assert_eq!(pick("linux/amd64"), Digest::of(&[1]));
        assert_eq!(pick("linux/arm64"), Digest::of(&[2]));
        assert_eq!(pick("linux/arm64/v8"), Digest::of(&[2]));
        assert_eq!(pick("linux/arm"), Digest::of(&[4]));
        assert_eq!(pick("linux/arm/v6"), Digest::of(&[3]));
        match select(&idx, &Platform::parse("linux/s390x").unwrap()) {
            Err(Error::NoMatchingPlatform {
                wanted, available, ..
            }) => {
                assert_eq!(wanted, "linux/s390x");
                assert_eq!(
                    available,
                    "linux/amd64, linux/arm64/v8, linux/arm/v6, linux/arm/v7"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(select(&idx, &Platform::parse("linux/arm/v5").unwrap()).is_err());
    }

    #[test]
    fn arm64_without_variant_in_index() {
        let idx = index(vec![
            desc(1, Some(Platform::new("linux", "arm64", None))),
            desc(2, None),
        ]);
        assert!(select(&idx, &Platform::parse("linux/arm64/v8").unwrap()).is_ok());
        let idx = index(vec![desc(
            1,
            Some(Platform::new("linux", "amd64", Some("v3"))),
        )]);
        assert!(select(&idx, &Platform::parse("linux/amd64").unwrap()).is_ok());
        assert!(select(&index(vec![]), &Platform::host()).is_err());
    }
}
