//! podman's `build --format` and `commit --format`: whether a stored image's manifest is an
//! OCI manifest or a Docker schema 2 one (which `push` then sends as it is); and `build
//! --annotation`, the manifest's annotations.

use std::collections::BTreeMap;

use serde_json::Value;
use skiff_storage::manifest::{
    MEDIA_TYPE_DOCKER_CONFIG, MEDIA_TYPE_DOCKER_LAYER, MEDIA_TYPE_DOCKER_LAYER_GZIP,
    MEDIA_TYPE_DOCKER_MANIFEST, MEDIA_TYPE_OCI_CONFIG, MEDIA_TYPE_OCI_LAYER,
    MEDIA_TYPE_OCI_LAYER_GZIP, MEDIA_TYPE_OCI_MANIFEST,
};

use crate::engine::Engine;
use crate::error::{Error, Result};

/// The manifest formats an image can be stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ManifestType {
    /// `application/vnd.oci.image.manifest.v1+json` (the default).
    Oci,
    /// `application/vnd.docker.distribution.manifest.v2+json`.
    Docker,
}

impl ManifestType {
    /// podman's `--format` value: `oci`, or `docker` (also `v2s2`).
    pub fn parse(s: &str) -> Result<ManifestType> {
        match s {
            "oci" => Ok(ManifestType::Oci),
            "docker" | "v2s2" => Ok(ManifestType::Docker),
            other => Err(Error::InvalidArgument(format!(
                "unrecognized image type {other:?}: use --format oci or --format docker"
            ))),
        }
    }
}

/// `manifest` with its own, its config's and its layers' media types those of `to`; a layer
/// type with no counterpart (zstd has none in Docker's) stays.
pub fn convert(manifest: &[u8], to: ManifestType) -> Result<Vec<u8>> {
    let mut doc: Value = serde_json::from_slice(manifest)
        .map_err(|e| Error::Runtime(format!("the stored manifest is not JSON: {e}")))?;
    let (manifest_type, config_type) = match to {
        ManifestType::Oci => (MEDIA_TYPE_OCI_MANIFEST, MEDIA_TYPE_OCI_CONFIG),
        ManifestType::Docker => (MEDIA_TYPE_DOCKER_MANIFEST, MEDIA_TYPE_DOCKER_CONFIG),
    };
    doc["mediaType"] = Value::from(manifest_type);
    doc["config"]["mediaType"] = Value::from(config_type);
    if let Some(layers) = doc["layers"].as_array_mut() {
        for layer in layers {
            let now = layer["mediaType"].as_str().unwrap_or_default();
            let new = match (to, now) {
                (ManifestType::Docker, MEDIA_TYPE_OCI_LAYER) => MEDIA_TYPE_DOCKER_LAYER,
                (ManifestType::Docker, MEDIA_TYPE_OCI_LAYER_GZIP) => MEDIA_TYPE_DOCKER_LAYER_GZIP,
                (ManifestType::Oci, MEDIA_TYPE_DOCKER_LAYER) => MEDIA_TYPE_OCI_LAYER,
                (ManifestType::Oci, MEDIA_TYPE_DOCKER_LAYER_GZIP) => MEDIA_TYPE_OCI_LAYER_GZIP,
                _ => continue,
            };
            layer["mediaType"] = Value::from(new);
        }
    }
    Ok(serde_json::to_vec(&doc).expect("JSON serialises"))
}

/// `manifest` with `annotations` added to its own (a key given replaces the one there).
pub fn annotate(manifest: &[u8], annotations: &BTreeMap<String, String>) -> Result<Vec<u8>> {
    let mut doc: Value = serde_json::from_slice(manifest)
        .map_err(|e| Error::Runtime(format!("the stored manifest is not JSON: {e}")))?;
    if !doc["annotations"].is_object() {
        doc["annotations"] = Value::Object(Default::default());
    }
    for (k, v) in annotations {
        doc["annotations"][k] = Value::from(v.as_str());
    }
    Ok(serde_json::to_vec(&doc).expect("JSON serialises"))
}

impl Engine {
    /// Stores image `id`'s manifest in format `to` when given, with `annotations` added (the
    /// image's id, its config's digest, stays).
    pub(crate) fn finish_manifest(
        &mut self,
        id: &str,
        to: Option<ManifestType>,
        annotations: &BTreeMap<String, String>,
    ) -> Result<()> {
        if to.is_none() && annotations.is_empty() {
            return Ok(());
        }
        self.catalog()?.write(|tx| {
            let mut manifest = super::record::stored_manifest(tx, id)?;
            if let Some(to) = to {
                manifest = convert(&manifest, to)?;
            }
            if !annotations.is_empty() {
                manifest = annotate(&manifest, annotations)?;
            }
            tx.execute(
                "UPDATE images SET manifest = ?1 WHERE id = ?2",
                rusqlite::params![manifest, id],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_sets_every_media_type_and_back() {
        let oci = serde_json::json!({
            "schemaVersion": 2,
            "mediaType": MEDIA_TYPE_OCI_MANIFEST,
            "config": {"mediaType": MEDIA_TYPE_OCI_CONFIG, "digest": "sha256:c", "size": 1},
            "layers": [
                {"mediaType": MEDIA_TYPE_OCI_LAYER_GZIP, "digest": "sha256:a", "size": 2},
                {"mediaType": MEDIA_TYPE_OCI_LAYER, "digest": "sha256:b", "size": 3},
                {"mediaType": "application/vnd.oci.image.layer.v1.tar+zstd", "digest": "sha256:z", "size": 4},
            ],
        });
        let bytes = serde_json::to_vec(&oci).unwrap();
        let docker: Value =
            serde_json::from_slice(&convert(&bytes, ManifestType::Docker).unwrap()).unwrap();
        assert_eq!(docker["mediaType"], MEDIA_TYPE_DOCKER_MANIFEST);
        assert_eq!(docker["config"]["mediaType"], MEDIA_TYPE_DOCKER_CONFIG);
        assert_eq!(docker["config"]["digest"], "sha256:c");
        let types: Vec<&str> = docker["layers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["mediaType"].as_str().unwrap())
            .collect();
        assert_eq!(
            types,
            [
                MEDIA_TYPE_DOCKER_LAYER_GZIP,
                MEDIA_TYPE_DOCKER_LAYER,
                "application/vnd.oci.image.layer.v1.tar+zstd"
            ]
        );
        let back: Value = serde_json::from_slice(
            &convert(&serde_json::to_vec(&docker).unwrap(), ManifestType::Oci).unwrap(),
        )
        .unwrap();
        assert_eq!(back, oci);
        assert!(convert(b"not json", ManifestType::Oci).is_err());
        let notes = BTreeMap::from([("org.example.k".to_string(), "v".to_string())]);
        let annotated: Value = serde_json::from_slice(&annotate(&bytes, &notes).unwrap()).unwrap();
        assert_eq!(annotated["annotations"]["org.example.k"], "v");
        assert_eq!(annotated["layers"], oci["layers"]);
        assert!(ManifestType::parse("v2s1").is_err());
        assert_eq!(ManifestType::parse("v2s2").unwrap(), ManifestType::Docker);
    }
}
