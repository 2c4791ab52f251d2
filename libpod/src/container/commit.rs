//! `commit`: a new image from a container: its image's layers plus one layer made from the
//! container's upper directory (overlay whiteouts become `.wh.` entries, opaque directories
//! `.wh..wh..opq`), and the container's configuration with `--change` instructions applied.

use serde_json::{json, Map, Value};
use skiff_storage::Reference;

use crate::engine::Engine;
use crate::error::{Error, Result};

/// `commit`'s options.
#[derive(Debug, Clone, Default)]
pub struct CommitOptions {
    /// `-a`: the image's author.
    pub author: String,
    /// `-m`: the history entry's comment.
    pub message: String,
    /// `-c`: Dockerfile instructions applied to the configuration (CMD, ENTRYPOINT, ENV,
    /// EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR; see
    /// [`super::changes`]).
    pub changes: Vec<String>,
    /// `-p`: freeze a running container while its files are read (where it has a cgroup).
    pub pause: bool,
    /// podman's `--squash`: the image's layers, the base image's too, as one.
    pub squash: bool,
    /// podman's `--include-volumes`: the container's volume and bind mount points become
    /// the image's volumes.
    pub include_volumes: bool,
    /// podman's `--format`: the stored manifest's type (none: OCI's, as before).
    pub manifest_type: Option<crate::image::manifest_type::ManifestType>,
}

impl Engine {
    /// `commit`: a new image from container `name_or_id`, named `reference` when given. Returns
    /// the image id (hex).
    pub fn commit_container(
        &mut self,
        name_or_id: &str,
        reference: Option<&str>,
        opts: &CommitOptions,
    ) -> Result<String> {
        let id = self.commit_layers(name_or_id, reference, opts)?;
        self.finish_manifest(&id, opts.manifest_type, &Default::default())?;
        Ok(id)
    }

    /// [`Self::commit_container`] but for the manifest's type.
    fn commit_layers(
        &mut self,
        name_or_id: &str,
        reference: Option<&str>,
        opts: &CommitOptions,
    ) -> Result<String> {
        let rec = self.lookup_container(name_or_id)?;
        let reference = reference
            .map(|r| Reference::parse(r).map_err(|e| Error::InvalidArgument(e.to_string())))
            .transpose()?;
        let Some(image_id) = rec.config.image_id.clone() else {
            return Err(Error::InvalidArgument(format!(
                "container {} runs from a --rootfs directory, not an image: there is nothing to commit onto",
                rec.name
            )));
        };
        let image = self.resolve_image(&image_id)?;
        let c = &rec.config;
        let mut config: Value = serde_json::from_slice(&image.config)
            .map_err(|e| Error::Runtime(format!("the image's config: {e}")))?;
        let mut cfg = Map::new();
        cfg.insert("Env".into(), json!(c.env));
        cfg.insert("Cmd".into(), json!(c.cmd));
        cfg.insert(
            "Entrypoint".into(),
            if c.entrypoint.is_empty() {
                Value::Null
            } else {
                json!(c.entrypoint)
            },
        );
        cfg.insert("WorkingDir".into(), json!(c.working_dir));
        cfg.insert("User".into(), json!(c.user));
        cfg.insert("Labels".into(), json!(c.labels));
        cfg.insert("StopSignal".into(), json!(c.stop_signal));
        // As docker: the container's healthcheck (the image's under the --health-* flags).
        if let Some(hc) = &c.healthcheck {
            cfg.insert("Healthcheck".into(), json!(hc));
        }
        cfg.insert(
            "ExposedPorts".into(),
            Value::Object(
                c.exposed_ports
                    .iter()
                    .map(|p| (p.clone(), json!({})))
                    .collect(),
            ),
        );
        if let Some(v) = config["config"].get("Volumes").filter(|v| v.is_object()) {
            cfg.insert("Volumes".into(), v.clone());
        }
        if opts.include_volumes {
            // podman's --include-volumes: the container's volumes (named, anonymous and
            // binds given with -v or --mount) become the image's.
            let volumes = cfg
                .entry("Volumes")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(volumes) = volumes.as_object_mut() {
                for m in c
                    .mounts
                    .iter()
                    .filter(|m| m.kind != super::MountKind::Tmpfs)
                {
                    volumes.insert(m.destination.clone(), json!({}));
                }
            }
        }
        super::changes::apply_changes(&mut cfg, &opts.changes).map_err(Error::InvalidArgument)?;
        // The layer: the container's upper directory, read in the user namespace that owns it
        // (frozen meanwhile with --pause, so the layer is one moment of the container).
        let (store, layer) = self.store_container_layer(&rec, &image, None, || {
            opts.pause
                .then(|| super::cgroup_ops::FrozenWhile::freeze(&rec))
                .flatten()
        })?;
        let diff_id = layer.diff_id.clone();
        let now = super::time::rfc3339_nanos(super::time::now_ns());
        config["config"] = Value::Object(cfg);
        config["created"] = json!(now);
        if !opts.author.is_empty() {
            config["author"] = json!(opts.author);
        }
        // docker's image `Comment`: this commit's message, never the base image's.
        match config.as_object_mut() {
            Some(top) if opts.message.is_empty() => {
                top.remove("comment");
            }
            _ => config["comment"] = json!(opts.message),
        }
        let diff_ids = config["rootfs"]["diff_ids"]
            .as_array_mut()
            .ok_or_else(|| Error::Runtime("the image's config has no rootfs.diff_ids".into()))?;
        diff_ids.push(json!(diff_id.to_string()));
        // As docker's history: the committed container's command.
        let mut entry = json!({"created": now, "created_by": c.cmd.join(" ")});
        if !opts.author.is_empty() {
            entry["author"] = json!(opts.author);
        }
        if !opts.message.is_empty() {
            entry["comment"] = json!(opts.message);
        }
        match config["history"].as_array_mut() {
            Some(h) => h.push(entry),
            None => config["history"] = json!([entry]),
        }
        let image_ref = reference
            .as_ref()
            .map(|r| crate::image::remove::familiar(&crate::image::record::full_name(r)));
        let record_commit = |tx: &rusqlite::Connection, id: &str| {
            crate::events::record_commit(tx, &rec.id, id, image_ref.as_deref(), &opts.message)
        };
        if !opts.squash {
            return self.record_derived_image(
                &store,
                Some(&image),
                Some(&layer),
                &config,
                reference.as_ref(),
                record_commit,
            );
        }
        // Squashed, the committed image is a step on the way: it goes once its layers are one.
        let unsquashed = self.record_derived_image(
            &store,
            Some(&image),
            Some(&layer),
            &config,
            None,
            |_, _| {},
        )?;
        let full = self.resolve_image(&unsquashed)?;
        let id = self.squash_image(&full, None, None)?;
        if id != unsquashed {
            self.delete_image(&unsquashed)?;
        }
        if let Some(r) = &reference {
            self.tag(&id, &r.to_string())?;
        }
        self.catalog()?.write(|tx| {
            record_commit(tx, &id);
            Ok(())
        })?;
        Ok(id)
    }
}
