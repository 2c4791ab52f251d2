//! Manifest lists (`skiff manifest`): OCI image indexes kept in the catalog under a name,
//! built from local images and from manifests in registries, and pushed with their images.

mod edit;
mod push;
pub(crate) mod remote;
mod rows;

pub use edit::AddRequest;
pub use push::{ManifestPushRequest, ManifestPushed};
pub use remote::RegistryData;
pub use rows::{EntrySource, ManifestList};
/// What `manifest annotate` and `manifest add` change on an entry.
pub use skiff_storage::manifest_list::EntryEdit;
/// An image's platform (os, architecture, variant) as registries name it.
pub use skiff_storage::platform::Platform;

/// Parses `KEY=VALUE` annotations (`--annotation`).
pub fn parse_annotations(
    items: &[String],
) -> crate::error::Result<std::collections::BTreeMap<String, String>> {
    Ok(skiff_storage::manifest_list::parse_annotations(items)?)
}
