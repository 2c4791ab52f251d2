//! `image inspect`: the stored image in docker's JSON shape.

use serde_json::{json, Map, Value};
use skiff_storage::Reference;

use crate::engine::Engine;
use crate::error::Result;
use crate::image::record::ImageRecord;

/// docker's `Config` keys, with the values docker shows when the image does not set them.
fn config_defaults() -> Map<String, Value> {
    let v = json!({
        "Hostname": "", "Domainname": "", "User": "", "AttachStdin": false, "AttachStdout": false,
        "AttachStderr": false, "Tty": false, "OpenStdin": false, "StdinOnce": false, "Env": null,
        "Cmd": null, "Image": "", "Volumes": null, "WorkingDir": "", "Entrypoint": null,
        "OnBuild": null, "Labels": null
    });
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// `name@digest` and `name:tag` as docker shows them (`busybox:latest` for `busybox` or
/// `docker.io/library/busybox`); a name that does not parse as it is.
pub fn familiar(name: &str) -> String {
    Reference::parse(name).map_or(name.to_string(), |r| r.familiar())
}

/// The docker `inspect` document of `rec`; `layer_dirs` are the extracted layers' `diff`
/// directories, top first.
pub fn inspect_json(rec: &ImageRecord, layer_dirs: &[String]) -> Value {
    let raw: Value = serde_json::from_slice(&rec.config).unwrap_or(Value::Null);
    let mut config = config_defaults();
    if let Some(Value::Object(c)) = raw.get("config") {
        for (k, v) in c {
            config.insert(k.clone(), v.clone());
        }
    }
    let text = |k: &str| raw.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let mut graph = Map::new();
    if let Some((upper, lower)) = layer_dirs.split_first() {
        if !lower.is_empty() {
            graph.insert("LowerDir".into(), Value::String(lower.join(":")));
        }
        graph.insert("UpperDir".into(), Value::String(upper.clone()));
    }
    let mut doc = json!({
        "Id": format!("sha256:{}", rec.id),
        "RepoTags": rec.names.iter().map(|n| familiar(n)).collect::<Vec<_>>(),
        "RepoDigests": rec.digests.iter().map(|n| familiar(n)).collect::<Vec<_>>(),
        "Parent": "",
        "Comment": text("comment"),
        "Created": text("created"),
        "DockerVersion": text("docker_version"),
        "Author": text("author"),
        "Config": Value::Object(config),
        "Architecture": text("architecture"),
        "Os": text("os"),
        "Size": rec.size,
        // docker's before API 1.44, podman's still: scripts read `{{.VirtualSize}}`.
        "VirtualSize": rec.size,
        "GraphDriver": {"Name": "overlay", "Data": Value::Object(graph)},
        "RootFS": {
            "Type": "layers",
            "Layers": raw.pointer("/rootfs/diff_ids").cloned().unwrap_or(json!([])),
        },
        "Metadata": {"LastTagTime": "0001-01-01T00:00:00Z"},
    });
    if let (Some(variant), Value::Object(m)) =
        (raw.get("variant").and_then(Value::as_str), &mut doc)
    {
        m.insert("Variant".into(), Value::String(variant.to_string()));
    }
    // podman's History: the config's entries as they are.
    if let Value::Object(m) = &mut doc {
        m.insert(
            "History".into(),
            raw.get("history").cloned().unwrap_or(json!([])),
        );
    }
    // docker's OsVersion and OsFeatures, shown when the config has them.
    for (key, field) in [("os.version", "OsVersion"), ("os.features", "OsFeatures")] {
        if let (Some(v), Value::Object(m)) = (raw.get(key).filter(|v| !v.is_null()), &mut doc) {
            m.insert(field.into(), v.clone());
        }
    }
    doc
}

impl Engine {
    /// The docker `inspect` document of image `name_or_id`.
    pub fn inspect_image(&mut self, name_or_id: &str) -> Result<Value> {
        let rec = self.resolve_image(name_or_id)?;
        let layers = self.paths().storage().join("layers");
        let dirs: Vec<String> = rec
            .layers
            .iter()
            .rev()
            .map(|c| layers.join(c).join("diff").display().to_string())
            .collect();
        let mut doc = inspect_json(&rec, &dirs);
        // podman's key: the stored manifest's type (`build --format`, `commit --format`).
        let manifest = super::record::stored_manifest(self.catalog()?.conn(), &rec.id)
            .ok()
            .and_then(|m| serde_json::from_slice::<Value>(&m).ok());
        let manifest_type = manifest
            .as_ref()
            .and_then(|m| m["mediaType"].as_str().map(str::to_string))
            .unwrap_or_else(|| skiff_storage::manifest::MEDIA_TYPE_OCI_MANIFEST.to_string());
        doc["ManifestType"] = Value::String(manifest_type);
        // podman's other keys: the manifest's digest, the config's labels, user and builder
        // version, and the names the image has had (its History comes with the config's).
        doc["Digest"] = json!(rec.manifest_digest.clone().unwrap_or_default());
        doc["Labels"] = doc["Config"]["Labels"].clone();
        doc["User"] = doc["Config"]["User"].clone();
        doc["Version"] = doc["DockerVersion"].clone();
        doc["NamesHistory"] = json!(self.image_names_history(&rec.id)?);
        // podman's key: the manifest's annotations (`build --annotation`), when it has some.
        if let Some(notes) = manifest
            .as_ref()
            .and_then(|m| m["annotations"].as_object())
            .filter(|a| !a.is_empty())
        {
            doc["Annotations"] = Value::Object(notes.clone());
        }
        Ok(doc)
    }
}
