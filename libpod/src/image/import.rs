//! `import`: a one-layer image from a root file system tarball (plain, gzip or zstd), such as
//! `export` writes.

use std::io::{Read, Write};
use std::path::Path;

use serde_json::{json, Map, Value};
use skiff_storage::compression::Compression;
use skiff_storage::digest::Hasher;
use skiff_storage::platform::Platform;
use skiff_storage::store::Store;
use skiff_storage::Reference;

use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::image::record::LocalImage;

/// `import`'s options.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `-m`: the history entry's comment.
    pub message: String,
    /// `-c`: Dockerfile instructions for the configuration (as `commit -c`).
    pub changes: Vec<String>,
    /// `--platform` (docker's): the platform the image's configuration names; the host's when
    /// None.
    pub platform: Option<String>,
}

impl Engine {
    /// Imports the tarball `input` as a new image named `reference` (if given); returns its id.
    pub fn import_image(
        &mut self,
        mut input: impl Read,
        reference: Option<&str>,
        opts: &ImportOptions,
    ) -> Result<String> {
        let reference = reference
            .map(|r| Reference::parse(r).map_err(|e| Error::InvalidArgument(e.to_string())))
            .transpose()?;
        let platform = match opts.platform.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => Platform::parse(p)?,
            None => Platform::host(),
        };
        let mut cfg = Map::new();
        crate::container::changes::apply_changes(&mut cfg, &opts.changes)
            .map_err(Error::InvalidArgument)?;
        self.enter_userns()?;
        let store = Store::open(&self.paths().storage())?;
        let tmp_dir = self.paths().storage().join("tmp");
        std::fs::create_dir_all(&tmp_dir).at(&tmp_dir)?;
        let tmp = tmp_dir.join(format!("import-{}", std::process::id()));
        // Spool the stream, hashing it: the blob's digest must be known before it is stored.
        let mut hasher = Hasher::new();
        let mut head = Vec::new();
        {
            let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp).at(&tmp)?);
            let mut buf = vec![0u8; 1 << 16];
            loop {
                let n = match input.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        let _ = std::fs::remove_file(&tmp);
                        return Err(Error::Runtime(format!("reading the tarball: {e}")));
                    }
                };
                if head.len() < 16 {
                    head.extend_from_slice(&buf[..n.min(16 - head.len())]);
                }
                hasher.update(&buf[..n]);
                file.write_all(&buf[..n]).at(&tmp)?;
            }
            file.flush().at(&tmp)?;
        }
        let blob = hasher.finish();
        let compression = Compression::detect(&head);
        let ingested = std::fs::File::open(&tmp).at(&tmp).and_then(|f| {
            store.ingest_layer(
                f,
                &blob,
                compression,
                None,
                None,
                &crate::image::extract_options(),
            )
        });
        let _ = std::fs::remove_file(&tmp);
        let info = ingested?;
        let now = crate::container::time::rfc3339_nanos(crate::container::time::now_ns());
        let mut history = json!({"created": now, "created_by": "skiff import"});
        if !opts.message.is_empty() {
            history["comment"] = json!(opts.message);
        }
        let mut config = json!({
            "architecture": platform.architecture,
            "os": platform.os,
            "created": now,
            "config": Value::Object(cfg),
            "rootfs": {"type": "layers", "diff_ids": [info.diff_id.to_string()]},
            "history": [history],
        });
        if let Some(variant) = &platform.variant {
            config["variant"] = json!(variant);
        }
        if !opts.message.is_empty() {
            // docker's image Comment (inspect), beside the history entry's.
            config["comment"] = json!(opts.message);
        }
        let config_bytes = serde_json::to_vec(&config).expect("JSON serialises");
        let media = match compression {
            Compression::None => "application/vnd.oci.image.layer.v1.tar",
            Compression::Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
            _ => "application/vnd.oci.image.layer.v1.tar+zstd",
        };
        let size = std::fs::metadata(store.blob_path(&blob))
            .map(|m| m.len())
            .unwrap_or(0);
        let made = LocalImage {
            config: &config_bytes,
            descriptors: vec![
                json!({"mediaType": media, "digest": blob.to_string(), "size": size}),
            ],
            layers: vec![info.chain_id.hex().to_string()],
            size: info.size as i64,
        };
        let id = self.record_local_image(&store, made, reference.as_ref())?;
        self.record_image_event("import", &id);
        Ok(id)
    }

    /// [`Engine::import_image`] from a file.
    pub fn import_file(
        &mut self,
        path: &Path,
        reference: Option<&str>,
        opts: &ImportOptions,
    ) -> Result<String> {
        let file = std::fs::File::open(path)
            .map_err(|e| Error::InvalidArgument(format!("cannot read {}: {e}", path.display())))?;
        self.import_image(file, reference, opts)
    }
}
