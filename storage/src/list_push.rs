//! Pushing a manifest list's entries that live in a registry: the manifest and its blobs are
//! copied from their repository into the destination one (mounted when both are on the same
//! registry, else streamed through), keeping the manifest's digest.

use std::io::{self, Read};

use crate::digest::Digest;
use crate::error::{Error, Result};
use crate::manifest::{parse_manifest, Manifest, ACCEPTED_MANIFEST_TYPES};
use crate::registry::RegistryClient;

/// A repository of a registry, through a client for that registry.
pub struct Repository<'a> {
    /// The client.
    pub client: &'a RegistryClient,
    /// The repository's path (`library/busybox`).
    pub name: &'a str,
}

/// Copies image manifest `digest` with its config and layers from `from` to `to` (each blob
/// skipped when `to` has it, mounted when both are on one registry); the manifest is put
/// under its digest. Returns its media type.
pub fn copy_manifest(
    from: &Repository<'_>,
    to: &Repository<'_>,
    digest: &Digest,
) -> Result<String> {
    let (bytes, content_type, _) =
        from.client
            .get_manifest(from.name, &digest.to_string(), ACCEPTED_MANIFEST_TYPES)?;
    let image = match parse_manifest(&bytes, content_type.as_deref())? {
        Manifest::Image(m) => m,
        Manifest::Index(_) => {
            return Err(Error::InvalidManifest(format!(
                "list entry {digest} is itself a list; add its platform manifests instead (manifest add --all)"
            )))
        }
    };
    let media_type = image.media_type_or(content_type.as_deref());
    let same_registry = from.client.host() == to.client.host();
    for blob in std::iter::once(&image.config).chain(&image.layers) {
        let open = || -> io::Result<Box<dyn Read + Send + '_>> {
            let reader = from
                .client
                .get_blob(from.name, &blob.digest)
                .map_err(io::Error::other)?;
            Ok(Box::new(reader))
        };
        to.client.upload_blob(
            to.name,
            &blob.digest,
            blob.size,
            same_registry.then_some(from.name),
            &open,
        )?;
    }
    to.client
        .put_manifest(to.name, &digest.to_string(), &media_type, &bytes)?;
    Ok(media_type)
}
