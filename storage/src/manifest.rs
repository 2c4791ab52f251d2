//! Image manifests and indexes, OCI and Docker schema 2: media types, descriptors, and a
//! parser that validates what a registry or archive hands us.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::digest::Digest;
use crate::error::{Error, Result};
use crate::platform::Platform;

pub use crate::compression::Compression;

/// OCI image manifest.
pub const MEDIA_TYPE_OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// OCI image index.
pub const MEDIA_TYPE_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// OCI image config.
pub const MEDIA_TYPE_OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
/// OCI uncompressed layer.
pub const MEDIA_TYPE_OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
/// OCI gzip layer.
pub const MEDIA_TYPE_OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
/// OCI zstd layer.
pub const MEDIA_TYPE_OCI_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
/// Docker schema 2 image manifest.
pub const MEDIA_TYPE_DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// Docker schema 2 manifest list.
pub const MEDIA_TYPE_DOCKER_MANIFEST_LIST: &str =
    "application/vnd.docker.distribution.manifest.list.v2+json";
/// Docker image config.
pub const MEDIA_TYPE_DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
/// Docker gzip layer.
pub const MEDIA_TYPE_DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
/// Docker uncompressed layer (written by some tools, e.g. in archives).
pub const MEDIA_TYPE_DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
/// Docker schema 1 manifest (unsupported).
pub const MEDIA_TYPE_DOCKER_SCHEMA1: &str = "application/vnd.docker.distribution.manifest.v1+json";
/// Signed Docker schema 1 manifest (unsupported).
pub const MEDIA_TYPE_DOCKER_SCHEMA1_SIGNED: &str =
    "application/vnd.docker.distribution.manifest.v1+prettyjws";
/// The manifest media types a registry client should put in `Accept`, best first.
pub const ACCEPTED_MANIFEST_TYPES: &[&str] = &[
    MEDIA_TYPE_OCI_INDEX,
    MEDIA_TYPE_DOCKER_MANIFEST_LIST,
    MEDIA_TYPE_OCI_MANIFEST,
    MEDIA_TYPE_DOCKER_MANIFEST,
];
/// Annotation naming an image inside an OCI layout (`index.json`).
pub const ANNOTATION_REF_NAME: &str = "org.opencontainers.image.ref.name";

/// A pointer to content: media type, digest and size, plus optional platform and annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Descriptor {
    /// What the content is.
    #[serde(rename = "mediaType")]
    pub media_type: String,
    /// Its sha256 digest.
    pub digest: Digest,
    /// Its length in bytes.
    pub size: u64,
    /// For index entries: the platform the manifest is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// Free-form metadata.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "nullable"
    )]
    pub annotations: BTreeMap<String, String>,
    /// Alternative download locations (foreign layers).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "nullable"
    )]
    pub urls: Vec<String>,
}

impl Descriptor {
    /// A descriptor with no platform, annotations or urls.
    pub fn new(media_type: &str, digest: Digest, size: u64) -> Descriptor {
        Descriptor {
            media_type: media_type.to_string(),
            digest,
            size,
            platform: None,
            annotations: BTreeMap::new(),
            urls: Vec::new(),
        }
    }
}

/// An image manifest (OCI or Docker schema 2): one config and an ordered list of layers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageManifest {
    /// Always 2.
    #[serde(rename = "schemaVersion")]
    pub schema_version: u32,
    /// The manifest's own media type, when the body states it.
    #[serde(rename = "mediaType", default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// The image config blob.
    pub config: Descriptor,
    /// Layers, base first.
    #[serde(deserialize_with = "nullable", default)]
    pub layers: Vec<Descriptor>,
    /// Free-form metadata.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "nullable"
    )]
    pub annotations: BTreeMap<String, String>,
}

impl ImageManifest {
    /// The manifest's media type: the one its body states, else the `Content-Type` it was
    /// served with (without parameters), else OCI's.
    pub fn media_type_or(&self, content_type: Option<&str>) -> String {
        self.media_type
            .clone()
            .or_else(|| content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_string()))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| MEDIA_TYPE_OCI_MANIFEST.to_string())
    }

    /// The manifest as compact JSON (what an archive or push writes; its digest is the image's
    /// manifest digest there).
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("manifest serialisation cannot fail")
    }

    /// The compression of each layer, in order; an unknown layer media type is an error.
    pub fn layer_compressions(&self) -> Result<Vec<Compression>> {
        self.layers
            .iter()
            .map(|l| Compression::from_media_type(&l.media_type))
            .collect()
    }
}

/// An image index (OCI) or manifest list (Docker): manifests per platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageIndex {
    /// Always 2.
    #[serde(rename = "schemaVersion")]
    pub schema_version: u32,
    /// The index's own media type, when the body states it.
    #[serde(rename = "mediaType", default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// The manifests it lists.
    #[serde(deserialize_with = "nullable", default)]
    pub manifests: Vec<Descriptor>,
    /// Free-form metadata.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "nullable"
    )]
    pub annotations: BTreeMap<String, String>,
}

impl ImageIndex {
    /// The index as compact JSON.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("index serialisation cannot fail")
    }
}

/// A parsed manifest: either a single image or an index of them.
// Short-lived and matched by value everywhere; boxing would only add noise at each use.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Manifest {
    /// One image.
    Image(ImageManifest),
    /// Several images, usually one per platform.
    Index(ImageIndex),
}

/// The fields that tell what kind of manifest a body is.
#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "schemaVersion")]
    schema_version: Option<i64>,
    #[serde(rename = "mediaType")]
    media_type: Option<String>,
    manifests: Option<serde_json::Value>,
    config: Option<serde_json::Value>,
}

/// Which parser a media type calls for.
enum Kind {
    Image,
    Index,
}

fn kind_of(media_type: &str) -> Option<Kind> {
    match media_type {
        MEDIA_TYPE_OCI_MANIFEST | MEDIA_TYPE_DOCKER_MANIFEST => Some(Kind::Image),
        MEDIA_TYPE_OCI_INDEX | MEDIA_TYPE_DOCKER_MANIFEST_LIST => Some(Kind::Index),
        _ => None,
    }
}

fn schema1_error() -> Error {
    Error::InvalidManifest(
        "Docker schema 1 manifests are not supported; push the image again with a current \
         client (docker 1.10+, podman, skopeo) to get a schema 2 or OCI manifest"
            .to_string(),
    )
}

/// Parses a manifest body. The `mediaType` in the body decides its kind when present, else
/// `content_type` (the HTTP header, parameters ignored), else its shape. Digests must be
/// sha256, sizes non-negative, and `schemaVersion` 2; Docker schema 1 is refused.
pub fn parse_manifest(bytes: &[u8], content_type: Option<&str>) -> Result<Manifest> {
    let probe: Probe = serde_json::from_slice(bytes)
        .map_err(|e| Error::InvalidManifest(format!("not a JSON manifest: {e}")))?;
    let header = content_type
        .map(|c| c.split(';').next().unwrap_or("").trim())
        .filter(|c| !c.is_empty());
    let declared = probe.media_type.as_deref().or(header);
    if probe.schema_version == Some(1)
        || matches!(
            declared,
            Some(MEDIA_TYPE_DOCKER_SCHEMA1 | MEDIA_TYPE_DOCKER_SCHEMA1_SIGNED)
        )
    {
        return Err(schema1_error());
    }
    if probe.schema_version != Some(2) {
        return Err(Error::InvalidManifest(match probe.schema_version {
            Some(v) => format!("unsupported schemaVersion {v} (want 2)"),
            None => "schemaVersion is missing".to_string(),
        }));
    }
    let kind = match probe.media_type.as_deref() {
        Some(mt) => kind_of(mt).ok_or_else(|| unknown_type(mt))?,
        None => match header.and_then(kind_of) {
            Some(k) => k,
            None if probe.manifests.is_some() => Kind::Index,
            None if probe.config.is_some() => Kind::Image,
            None => {
                return Err(Error::InvalidManifest(
                    "neither an image manifest (no config) nor an index (no manifests)".to_string(),
                ))
            }
        },
    };
    let invalid = |e: serde_json::Error| Error::InvalidManifest(e.to_string());
    match kind {
        Kind::Image => {
            let m: ImageManifest = serde_json::from_slice(bytes).map_err(invalid)?;
            if !is_config_type(&m.config.media_type) {
                return Err(Error::InvalidManifest(format!(
                    "config has media type {:?}, not an image config (is this an artifact rather than an image?)",
                    m.config.media_type
                )));
            }
            Ok(Manifest::Image(m))
        }
        Kind::Index => Ok(Manifest::Index(
            serde_json::from_slice(bytes).map_err(invalid)?,
        )),
    }
}

fn unknown_type(mt: &str) -> Error {
    Error::InvalidManifest(format!(
        "unsupported manifest media type {mt:?} (supported: OCI manifest and index, Docker schema 2 manifest and manifest list)"
    ))
}

/// True for the OCI and Docker image config media types.
pub fn is_config_type(media_type: &str) -> bool {
    media_type == MEDIA_TYPE_OCI_CONFIG || media_type == MEDIA_TYPE_DOCKER_CONFIG
}

/// Deserialises `null` as the type's default, so `"layers": null` reads as empty.
pub(crate) fn nullable<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DOCKER_V2: &str = r#"{
   "schemaVersion": 2,
   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
   "config": {
      "mediaType": "application/vnd.docker.container.image.v1+json",
      "size": 1472,
      "digest": "sha256:05455a08881ea9cf0e752bc48e61bbd71a34c029bb13df01e40e3e70e0d007bd"
   },
   "layers": [
      {
         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
         "size": 3408729,
         "digest": "sha256:c6a83fedfae6ed8a4f5f7cbb6a7b6f1c1ec3d86fea8cb9e5ba2e5e6e1a4ecb64"
      }
   ]
}"#;

    const OCI_MANIFEST: &str = r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
      "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":581},
      "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","size":10},
                {"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:3333333333333333333333333333333333333333333333333333333333333333","size":0}],
      "annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}}"#;

    const INDEX_WITH_ATTESTATION: &str = r#"{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.index.v1+json",
  "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json",
     "digest": "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "size": 1000,
     "platform": {"architecture": "amd64", "os": "linux"}},
    {"mediaType": "application/vnd.oci.image.manifest.v1+json",
     "digest": "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "size": 1000,
     "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
    {"mediaType": "application/vnd.oci.image.manifest.v1+json",
     "digest": "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "size": 566,
     "annotations": {"vnd.docker.reference.digest": "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                     "vnd.docker.reference.type": "attestation-manifest"},
     "platform": {"architecture": "unknown", "os": "unknown"}}
  ]
}"#;

    #[test]
    fn docker_schema2() {
        let Manifest::Image(m) = parse_manifest(DOCKER_V2.as_bytes(), None).unwrap() else {
            panic!()
        };
        assert_eq!(m.config.size, 1472);
        assert_eq!(m.layers.len(), 1);
        assert_eq!(m.layer_compressions().unwrap(), vec![Compression::Gzip]);
        // to_json round-trips.
        assert_eq!(
            parse_manifest(&m.to_json(), None).unwrap(),
            Manifest::Image(m)
        );
    }

    #[test]
    fn oci_manifest_and_index() {
        let Manifest::Image(m) = parse_manifest(OCI_MANIFEST.as_bytes(), None).unwrap() else {
            panic!()
        };
        assert_eq!(
            m.layer_compressions().unwrap(),
            vec![Compression::Zstd, Compression::None]
        );
        assert_eq!(m.annotations.len(), 1);
        let Manifest::Index(i) = parse_manifest(INDEX_WITH_ATTESTATION.as_bytes(), None).unwrap()
        else {
            panic!()
        };
        assert_eq!(i.manifests.len(), 3);
        let host = Platform::new("linux", "arm64", None);
        assert_eq!(
            crate::manifest_select::select(&i, &host).unwrap().digest,
            i.manifests[1].digest
        );
        assert!(
            crate::manifest_select::select(&i, &Platform::new("unknown", "unknown", None)).is_err()
        );
    }

    #[test]
    fn content_type_and_shape_decide_without_media_type() {
        let body = OCI_MANIFEST.replace(
            r#""mediaType":"application/vnd.oci.image.manifest.v1+json","#,
            "",
        );
        assert!(matches!(
            parse_manifest(
                body.as_bytes(),
                Some("application/vnd.oci.image.manifest.v1+json; charset=utf-8")
            ),
            Ok(Manifest::Image(_))
        ));
        assert!(matches!(
            parse_manifest(body.as_bytes(), None),
            Ok(Manifest::Image(_))
        ));
        let idx = r#"{"schemaVersion":2,"manifests":[]}"#;
        assert!(matches!(
            parse_manifest(idx.as_bytes(), None),
            Ok(Manifest::Index(_))
        ));
        assert!(matches!(
            parse_manifest(idx.as_bytes(), Some(MEDIA_TYPE_DOCKER_MANIFEST_LIST)),
            Ok(Manifest::Index(_))
        ));
    }

    #[test]
    fn rejections() {
        let err =
            |b: &str, ct: Option<&str>| parse_manifest(b.as_bytes(), ct).unwrap_err().to_string();
        assert!(err(r#"{"schemaVersion":1,"name":"x","fsLayers":[]}"#, None).contains("schema 1"));
        assert!(err(
            r#"{"schemaVersion":2}"#,
            Some(MEDIA_TYPE_DOCKER_SCHEMA1_SIGNED)
        )
        .contains("schema 1"));
        assert!(err(r#"{"schemaVersion":3,"config":{}}"#, None).contains("schemaVersion 3"));
        assert!(err(r#"{"config":{}}"#, None).contains("missing"));
        assert!(err(&DOCKER_V2.replace("3408729", "-1"), None).contains("invalid"));
        assert!(err(&DOCKER_V2.replace("sha256:c6a8", "sha512:c6a8"), None).contains("sha512"));
        assert!(err(&DOCKER_V2.replace("sha256:c6a8", "sha256:C6a8"), None).contains("hex"));
        assert!(err(
            &DOCKER_V2.replace(
                "application/vnd.docker.container.image.v1+json",
                "application/vnd.cncf.helm.config.v1+json"
            ),
            None
        )
        .contains("artifact"));
        assert!(err(r#"{"schemaVersion":2,"mediaType":"text/html"}"#, None).contains("text/html"));
        assert!(err("<html>", None).contains("JSON"));
        let bad_layer = OCI_MANIFEST.replace("tar+zstd", "tar+lz4");
        let Manifest::Image(m) = parse_manifest(bad_layer.as_bytes(), None).unwrap() else {
            panic!()
        };
        assert!(m
            .layer_compressions()
            .unwrap_err()
            .to_string()
            .contains("tar+lz4"));
    }

    #[test]
    fn null_fields_are_empty() {
        let body = r#"{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json",
            "digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1,
            "annotations":null,"urls":null},"layers":null,"annotations":null}"#;
        let Manifest::Image(m) = parse_manifest(body.as_bytes(), None).unwrap() else {
            panic!()
        };
        assert!(m.layers.is_empty() && m.annotations.is_empty() && m.config.urls.is_empty());
        let json = String::from_utf8(m.to_json()).unwrap();
        assert!(
            !json.contains("annotations") && !json.contains("urls") && !json.contains("platform")
        );
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse_manifest(&b, None);
            let _ = parse_manifest(&b, Some(MEDIA_TYPE_OCI_INDEX));
        }

        #[test]
        fn never_panics_on_mutated_manifests(pos in 0usize..700, byte in any::<u8>(), which in 0usize..3) {
            let src = [DOCKER_V2, OCI_MANIFEST, INDEX_WITH_ATTESTATION][which];
            let mut b = src.as_bytes().to_vec();
            let i = pos % b.len();
            b[i] = byte;
            let _ = parse_manifest(&b, None);
        }
    }
}
