//! Editing manifest lists (OCI image indexes and Docker manifest lists): adding, replacing
//! and removing entries, annotating them, and writing the index in either format.

use std::collections::BTreeMap;

use crate::config::ImageConfig;
use crate::digest::Digest;
use crate::error::{Error, Result};
use crate::manifest::{
    parse_manifest, Descriptor, ImageIndex, Manifest, MEDIA_TYPE_DOCKER_MANIFEST,
    MEDIA_TYPE_DOCKER_MANIFEST_LIST, MEDIA_TYPE_OCI_INDEX,
};
use crate::platform::Platform;

/// The two formats a manifest list is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// `application/vnd.oci.image.index.v1+json`.
    Oci,
    /// `application/vnd.docker.distribution.manifest.list.v2+json`.
    Docker,
}

impl ListFormat {
    /// The media type of an index in this format.
    pub fn media_type(self) -> &'static str {
        match self {
            ListFormat::Oci => MEDIA_TYPE_OCI_INDEX,
            ListFormat::Docker => MEDIA_TYPE_DOCKER_MANIFEST_LIST,
        }
    }
}

/// An empty OCI image index.
pub fn empty_index() -> ImageIndex {
    ImageIndex {
        schema_version: 2,
        media_type: Some(MEDIA_TYPE_OCI_INDEX.to_string()),
        manifests: Vec::new(),
        annotations: BTreeMap::new(),
    }
}

/// Parses a stored or fetched body that must be an index.
pub fn parse_index(bytes: &[u8]) -> Result<ImageIndex> {
    match parse_manifest(bytes, None)? {
        Manifest::Index(i) => Ok(i),
        Manifest::Image(_) => Err(Error::InvalidManifest(
            "this is an image manifest, not a manifest list".to_string(),
        )),
    }
}

/// The platform an image config declares (os, architecture, variant).
pub fn config_platform(config: &ImageConfig) -> Platform {
    Platform::new(&config.os, &config.architecture, config.variant.as_deref())
}

/// Puts `entry` in `index`, replacing an entry with the same digest in place (so re-adding an
/// image keeps its position), else appending it.
pub fn add_entry(index: &mut ImageIndex, entry: Descriptor) {
    match index
        .manifests
        .iter_mut()
        .find(|d| d.digest == entry.digest)
    {
        Some(existing) => *existing = entry,
        None => index.manifests.push(entry),
    }
}

/// Removes the entry with `digest`; an error names the digests the list has.
pub fn remove_entry(index: &mut ImageIndex, digest: &Digest) -> Result<Descriptor> {
    let pos = position(index, digest)?;
    Ok(index.manifests.remove(pos))
}

/// The entry with `digest`, for editing.
pub fn entry_mut<'a>(index: &'a mut ImageIndex, digest: &Digest) -> Result<&'a mut Descriptor> {
    let pos = position(index, digest)?;
    Ok(&mut index.manifests[pos])
}

fn position(index: &ImageIndex, digest: &Digest) -> Result<usize> {
    index
        .manifests
        .iter()
        .position(|d| d.digest == *digest)
        .ok_or_else(|| {
            let have: Vec<String> = index
                .manifests
                .iter()
                .map(|d| d.digest.to_string())
                .collect();
            Error::NotFound(format!(
                "{digest} in the manifest list (it lists: {}); see `skiff manifest inspect LIST`",
                if have.is_empty() {
                    "nothing".to_string()
                } else {
                    have.join(", ")
                }
            ))
        })
}

/// What `manifest annotate` and `manifest add` change on an entry; `None` keeps a field.
#[derive(Debug, Clone, Default)]
pub struct EntryEdit {
    /// `--os`.
    pub os: Option<String>,
    /// `--arch`.
    pub architecture: Option<String>,
    /// `--variant`.
    pub variant: Option<String>,
    /// `--os-version`.
    pub os_version: Option<String>,
    /// `--features` (replaces the list when not empty).
    pub os_features: Vec<String>,
    /// `--annotation KEY=VALUE`, added to (or replacing keys of) the entry's annotations.
    pub annotations: BTreeMap<String, String>,
}

impl EntryEdit {
    /// Applies the edit to `entry`, creating its platform when it has none.
    pub fn apply(&self, entry: &mut Descriptor) {
        let p = entry
            .platform
            .get_or_insert_with(|| Platform::new("", "", None));
        if let Some(os) = &self.os {
            p.os = os.clone();
        }
        if let Some(arch) = &self.architecture {
            p.architecture = arch.clone();
        }
        if let Some(v) = &self.variant {
            p.variant = Some(v.clone()).filter(|v| !v.is_empty());
        }
        if let Some(v) = &self.os_version {
            p.os_version = Some(v.clone()).filter(|v| !v.is_empty());
        }
        if !self.os_features.is_empty() {
            p.os_features = self.os_features.clone();
        }
        entry.annotations.extend(self.annotations.clone());
    }
}

/// Parses `KEY=VALUE` annotations; a missing `=` or an empty key is an error.
pub fn parse_annotations(items: &[String]) -> Result<BTreeMap<String, String>> {
    items
        .iter()
        .map(|item| match item.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
            _ => Err(Error::InvalidReference {
                reference: item.clone(),
                reason: "an annotation is KEY=VALUE".to_string(),
            }),
        })
        .collect()
}

/// The index as it is written in `format`. The Docker format keeps no annotations (the
/// manifest list has none) and needs Docker schema 2 entries: an OCI entry is refused with
/// advice.
pub fn serialise(index: &ImageIndex, format: ListFormat) -> Result<Vec<u8>> {
    let mut out = index.clone();
    out.media_type = Some(format.media_type().to_string());
    if format == ListFormat::Docker {
        out.annotations.clear();
        for d in &mut out.manifests {
            if d.media_type != MEDIA_TYPE_DOCKER_MANIFEST {
                return Err(Error::InvalidManifest(format!(
                    "entry {} is {}, which a Docker manifest list cannot hold; push with --format oci",
                    d.digest, d.media_type
                )));
            }
            d.annotations.clear();
        }
    }
    Ok(out.to_json())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::MEDIA_TYPE_OCI_MANIFEST;
    use proptest::prelude::*;

    fn desc(n: u8, media_type: &str) -> Descriptor {
        Descriptor::new(media_type, Digest::of(&[n]), 100 + n as u64)
    }

    #[test]
    fn add_replace_remove() {
        let mut i = empty_index();
        add_entry(&mut i, desc(1, MEDIA_TYPE_OCI_MANIFEST));
        add_entry(&mut i, desc(2, MEDIA_TYPE_OCI_MANIFEST));
        let mut again = desc(1, MEDIA_TYPE_OCI_MANIFEST);
        again.platform = Some(Platform::new("linux", "arm64", None));
        add_entry(&mut i, again.clone());
        assert_eq!(i.manifests.len(), 2);
        assert_eq!(i.manifests[0], again);
        assert_eq!(remove_entry(&mut i, &Digest::of(&[2])).unwrap().size, 102);
        let err = remove_entry(&mut i, &Digest::of(&[9]))
            .unwrap_err()
            .to_string();
        assert!(err.contains(&Digest::of(&[1]).to_string()), "{err}");
        remove_entry(&mut i, &Digest::of(&[1])).unwrap();
        assert!(remove_entry(&mut i, &Digest::of(&[1]))
            .unwrap_err()
            .to_string()
            .contains("nothing"));
    }

    #[test]
    fn edits_apply_to_platform_and_annotations() {
        let mut d = desc(1, MEDIA_TYPE_OCI_MANIFEST);
        let edit = EntryEdit {
            os: Some("linux".into()),
            architecture: Some("arm".into()),
            variant: Some("v7".into()),
            os_features: vec!["sse4".into()],
            annotations: parse_annotations(&["a=b".into(), "c=d=e".into()]).unwrap(),
            ..EntryEdit::default()
        };
        edit.apply(&mut d);
        let p = d.platform.clone().unwrap();
        assert_eq!(p.to_string(), "linux/arm/v7");
        assert_eq!(p.os_features, ["sse4"]);
        assert_eq!(d.annotations["c"], "d=e");
        EntryEdit {
            architecture: Some("arm64".into()),
            variant: Some(String::new()),
            ..EntryEdit::default()
        }
        .apply(&mut d);
        assert_eq!(d.platform.unwrap().to_string(), "linux/arm64");
        assert!(parse_annotations(&["novalue".into()]).is_err());
        assert!(parse_annotations(&["=v".into()]).is_err());
    }

    #[test]
    fn serialises_in_both_formats() {
        let mut i = empty_index();
        i.annotations.insert("k".into(), "v".into());
        let mut d = desc(1, MEDIA_TYPE_DOCKER_MANIFEST);
        d.annotations.insert("x".into(), "y".into());
        d.platform = Some(Platform::new("linux", "amd64", None));
        add_entry(&mut i, d);
        let oci = serialise(&i, ListFormat::Oci).unwrap();
        let back = parse_index(&oci).unwrap();
        assert_eq!(back, i);
        let docker = serialise(&i, ListFormat::Docker).unwrap();
        let back = parse_index(&docker).unwrap();
        assert_eq!(
            back.media_type.as_deref(),
            Some(MEDIA_TYPE_DOCKER_MANIFEST_LIST)
        );
        assert!(back.annotations.is_empty() && back.manifests[0].annotations.is_empty());
        assert_eq!(back.manifests[0].platform, i.manifests[0].platform);
        add_entry(&mut i, desc(2, MEDIA_TYPE_OCI_MANIFEST));
        assert!(serialise(&i, ListFormat::Docker)
            .unwrap_err()
            .to_string()
            .contains("--format oci"));
        assert!(parse_index(br#"{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1},"layers":[]}"#).is_err());
    }

    proptest! {
        #[test]
        fn annotations_never_panic(items in proptest::collection::vec("\\PC{0,12}", 0..4)) {
            if let Ok(m) = parse_annotations(&items) {
                prop_assert!(m.keys().all(|k| !k.is_empty()));
            }
        }

        #[test]
        fn parse_index_never_panics(b in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = parse_index(&b);
        }
    }
}
