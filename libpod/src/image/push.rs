//! `push`: a stored image to a registry, with the TLS and credential rules of a pull, and the
//! repository digest it gets there recorded as docker records it.

use rusqlite::params;
use skiff_storage::auth::{self, Credentials};
use skiff_storage::config::ImageConfig;
use skiff_storage::pull::PullProgress;
pub use skiff_storage::push::ManifestFormat;
pub use skiff_storage::push::PushedLayer;
use skiff_storage::push::{self, PushOptions, PushSource};
use skiff_storage::registries::RegistriesConf;
pub use skiff_storage::registry::client::is_loopback;
use skiff_storage::registry::client::ClientOptions;
pub use skiff_storage::registry::BlobUpload;
use skiff_storage::store::Store;
pub use skiff_storage::Compression;
use skiff_storage::{Digest, Reference};

use crate::engine::Engine;
use crate::error::{Error, Result};

/// How to push.
#[derive(Debug, Clone, Default)]
pub struct PushRequest {
    /// `--tls-verify`: `Some(false)` allows plain HTTP and unverified certificates.
    pub tls_verify: Option<bool>,
    /// `--format`; `None` keeps the stored manifest's format.
    pub format: Option<ManifestFormat>,
    /// `--compression-format`; `None` keeps each layer's stored compression.
    pub compression: Option<Compression>,
    /// Credentials to use instead of the stored ones (`--creds`, the API's X-Registry-Auth).
    pub credentials: Option<Credentials>,
    /// Put the manifest under its digest only, leaving the destination's tags alone (what
    /// `manifest push` does with the images of a list before the list takes the tag).
    pub by_digest: bool,
}

/// What a push did.
#[derive(Debug, Clone)]
pub struct Pushed {
    /// Where the image went.
    pub destination: Reference,
    /// The manifest's digest in the registry.
    pub digest: Digest,
    /// The manifest's size in bytes.
    pub size: usize,
    /// What happened to each layer, base first.
    pub layers: Vec<PushedLayer>,
}

impl Engine {
    /// Pushes the stored image `source` (a name or id) to `destination` (a reference, with
    /// or without `docker://`), or to the registry its name says when `destination` is None.
    /// Records the repository digest it gets there and a `push` event.
    pub fn push(
        &mut self,
        source: &str,
        destination: Option<&str>,
        req: &PushRequest,
        progress: &dyn PullProgress,
    ) -> Result<Pushed> {
        let image = self.resolve_image(source)?;
        let dest_text = destination.unwrap_or(source);
        let dest_text = dest_text.strip_prefix("docker://").unwrap_or(dest_text);
        let dest = Reference::parse(dest_text).map_err(|e| {
            Error::InvalidArgument(format!(
                "cannot push to {dest_text:?}: {e}; give a destination such as \
                 registry.example.com/name:tag"
            ))
        })?;
        if dest.digest().is_some() {
            return Err(Error::InvalidArgument(format!(
                "cannot push to {dest_text}: a destination is a name with a tag, not a digest"
            )));
        }
        let conf = RegistriesConf::load()?;
        if conf.is_blocked(dest.registry()) {
            return Err(Error::InvalidArgument(format!(
                "cannot push to {dest}: the registry is blocked in registries.conf"
            )));
        }
        let credentials = match &req.credentials {
            Some(c) => Some(c.clone()),
            None => auth::lookup(dest.registry())?,
        };
        let config = ImageConfig::parse(&image.config)?;
        let layers = image
            .layers
            .iter()
            .map(|h| Digest::from_hex(h))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(Error::Storage)?;
        let manifest = super::record::stored_manifest(self.catalog()?.conn(), &image.id)?;
        let opts = PushOptions {
            client: ClientOptions {
                insecure: conf.is_insecure(dest.registry()),
                tls_verify: req.tls_verify,
                credentials,
                user_agent: String::new(),
            },
            format: req.format,
            compression: req.compression,
            mount_from: sibling_repositories(&image.names, &image.digests, &dest),
            by_digest: req.by_digest,
        };
        let src = PushSource {
            config: &image.config,
            manifest: &manifest,
            layers: &layers,
            diff_ids: &config.rootfs.diff_ids,
        };
        let store = Store::open(&self.paths().storage())?;
        let pushed = push::push(&store, &src, &dest, &opts, progress)?;
        let shown = if req.by_digest {
            format!("{}@{}", dest.familiar_name(), pushed.manifest_digest)
        } else {
            format!("{}:{}", dest.familiar_name(), dest.tag_or_latest())
        };
        self.catalog()?.write(|tx| {
            tx.execute(
                "INSERT INTO image_digests (repo, digest, image_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT(repo, digest) DO UPDATE SET image_id = excluded.image_id",
                params![dest.name(), pushed.manifest_digest.to_string(), image.id],
            )?;
            crate::events::record_image_named(tx, "push", &shown, &dest.familiar_name());
            Ok(())
        })?;
        Ok(Pushed {
            destination: dest,
            digest: pushed.manifest_digest,
            size: pushed.manifest_size,
            layers: pushed.layers,
        })
    }
}

/// The repositories other than `dest`'s, on `dest`'s registry, that the image is known in
/// (by name or digest): where its blobs may already be, for a cross-repository mount.
fn sibling_repositories(names: &[String], digests: &[String], dest: &Reference) -> Vec<String> {
    let mut repos: Vec<String> = names
        .iter()
        .chain(digests)
        .filter_map(|n| Reference::parse(n).ok())
        .filter(|r| r.registry_host() == dest.registry_host())
        .map(|r| r.repository().to_string())
        .filter(|r| r != dest.repository())
        .collect();
    repos.sort();
    repos.dedup();
    repos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_are_other_repositories_of_the_same_registry() {
        let dest = Reference::parse("127.0.0.1:5055/team/app:1").unwrap();
        let names = vec![
            "127.0.0.1:5055/library/busybox:latest".to_string(),
            "127.0.0.1:5055/team/app:0".to_string(),
            "quay.io/x/y:1".to_string(),
        ];
        let digests = vec![format!(
            "127.0.0.1:5055/library/busybox@sha256:{}",
            "a".repeat(64)
        )];
        assert_eq!(
            sibling_repositories(&names, &digests, &dest),
            vec!["library/busybox".to_string()]
        );
    }
}
