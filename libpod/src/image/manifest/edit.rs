//! `manifest create`, `add`, `annotate`, `remove`, `rm`, `exists` and `inspect`: editing the
//! stored lists, with entries from local images or from registries.

use std::collections::BTreeMap;

use rusqlite::OptionalExtension;
use skiff_storage::config::ImageConfig;
use skiff_storage::manifest::{parse_manifest, Descriptor, Manifest, MEDIA_TYPE_OCI_MANIFEST};
use skiff_storage::manifest_list::{
    add_entry, config_platform, empty_index, entry_mut, remove_entry, EntryEdit,
};
use skiff_storage::platform::Platform;
use skiff_storage::Digest;

use super::remote::RemoteManifest;
use super::rows::{self, list_name, EntrySource, ManifestList};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::record::lookup_id;

/// How `manifest add` (and `manifest create` with images) adds an image.
#[derive(Debug, Clone, Default)]
pub struct AddRequest {
    /// For a remote list: add every entry, not only the host's platform.
    pub all: bool,
    /// Platform fields and annotations to set on the added entries.
    pub edit: EntryEdit,
    /// `--tls-verify` for remote images.
    pub tls_verify: Option<bool>,
    /// `--creds` for remote images, instead of a stored login.
    pub credentials: skiff_storage::auth::GivenCredentials,
}

impl Engine {
    /// Creates the list `name` with `images` (see [`Engine::manifest_add`]) and returns its
    /// id. With `amend`, an existing list of that name is added to instead.
    pub fn manifest_create(
        &mut self,
        name: &str,
        images: &[String],
        amend: bool,
        req: &AddRequest,
    ) -> Result<String> {
        let full = list_name(name)?;
        let conn = self.catalog()?.conn();
        let mut list = match rows::find(conn, &full)? {
            Some(list) if amend => list,
            Some(list) => {
                return Err(Error::Conflict(format!(
                    "a manifest list named {name} already exists ({}): add to it with --amend, or remove it with skiff manifest rm {name}",
                    &list.id[..12]
                )))
            }
            None => {
                if lookup_id(conn, &full).is_ok() {
                    return Err(Error::Conflict(format!(
                        "an image is named {name}: give the list another name, or remove the image with skiff rmi {name}"
                    )));
                }
                ManifestList {
                    name: full,
                    id: crate::id::new_id(),
                    index: empty_index(),
                    sources: BTreeMap::new(),
                }
            }
        };
        for image in images {
            self.add_to(&mut list, image, req)?;
        }
        self.catalog()?.write(|tx| rows::save(tx, &list))?;
        Ok(list.id)
    }

    /// Adds `image` to the list `list` and returns the list's id. `image` is a stored image
    /// (its manifest as stored), or else a registry reference (`docker://` optional) whose
    /// manifest alone is fetched: an image manifest, or from an index the host's entry (all
    /// of them with `all`). An entry with the same digest is replaced.
    pub fn manifest_add(&mut self, list: &str, image: &str, req: &AddRequest) -> Result<String> {
        let mut l = rows::get(self.catalog()?.conn(), list)?;
        self.add_to(&mut l, image, req)?;
        self.catalog()?.write(|tx| rows::save(tx, &l))?;
        Ok(l.id)
    }

    fn add_to(&mut self, list: &mut ManifestList, image: &str, req: &AddRequest) -> Result<()> {
        let entries = match self.local_entry(image)? {
            Some(entry) => vec![entry],
            None => {
                let remote = RemoteManifest::fetch(image, req.tls_verify, &req.credentials)?;
                let source = EntrySource::Repository(remote.reference.name().to_string());
                remote
                    .entries(req.all, &Platform::host())?
                    .into_iter()
                    .map(|d| (d, source.clone()))
                    .collect()
            }
        };
        for (mut desc, source) in entries {
            req.edit.apply(&mut desc);
            list.sources.insert(desc.digest.to_string(), source);
            add_entry(&mut list.index, desc);
        }
        Ok(())
    }

    /// The index entry for the stored image `image`, if one has that name or id: its stored
    /// manifest's descriptor with the platform its config declares.
    fn local_entry(&mut self, image: &str) -> Result<Option<(Descriptor, EntrySource)>> {
        if image.starts_with("docker://") {
            return Ok(None);
        }
        let conn = self.catalog()?.conn();
        let id = match lookup_id(conn, image) {
            Ok(id) => id,
            Err(Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let (manifest, config): (Vec<u8>, Vec<u8>) = conn
            .query_row(
                "SELECT manifest, config FROM images WHERE id = ?1",
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("image", image))?;
        let media_type = match parse_manifest(&manifest, None)? {
            Manifest::Image(m) => m
                .media_type
                .unwrap_or_else(|| MEDIA_TYPE_OCI_MANIFEST.to_string()),
            Manifest::Index(_) => {
                return Err(Error::InvalidArgument(format!(
                    "{image} is stored with an index as its manifest; add the platform images one by one"
                )))
            }
        };
        let mut desc = Descriptor::new(&media_type, Digest::of(&manifest), manifest.len() as u64);
        desc.platform = Some(config_platform(&ImageConfig::parse(&config)?));
        Ok(Some((desc, EntrySource::Image(id))))
    }

    /// Changes the platform fields and annotations of the entry `target` (a digest, or a
    /// stored image that was added) of `list`; returns the entry's digest.
    pub fn manifest_annotate(
        &mut self,
        list: &str,
        target: &str,
        edit: &EntryEdit,
    ) -> Result<String> {
        let mut l = rows::get(self.catalog()?.conn(), list)?;
        let digest = match target.parse::<Digest>() {
            Ok(d) => d,
            Err(_) => match self.local_entry(target)? {
                Some((desc, _)) => desc.digest,
                None => {
                    return Err(Error::InvalidArgument(format!(
                        "{target} is neither a digest (sha256:...) nor a stored image; see skiff manifest inspect {list}"
                    )))
                }
            },
        };
        edit.apply(entry_mut(&mut l.index, &digest)?);
        self.catalog()?.write(|tx| rows::save(tx, &l))?;
        Ok(digest.to_string())
    }

    /// Removes the entry `digest` from `list`; returns the list's id.
    pub fn manifest_remove(&mut self, list: &str, digest: &str) -> Result<String> {
        let d = digest.parse::<Digest>().map_err(|e| {
            Error::InvalidArgument(format!(
                "{digest:?} is not a digest ({e}); see the digests with skiff manifest inspect {list}"
            ))
        })?;
        let mut l = rows::get(self.catalog()?.conn(), list)?;
        remove_entry(&mut l.index, &d)?;
        self.catalog()?.write(|tx| rows::save(tx, &l))?;
        Ok(l.id)
    }

    /// Deletes the list `name` (the images it lists stay); returns its full name and id.
    pub fn manifest_rm(&mut self, name: &str) -> Result<(String, String)> {
        let conn = self.catalog()?.conn();
        let list = match rows::find(conn, name)? {
            Some(l) => l,
            None if lookup_id(conn, name).is_ok() => {
                return Err(Error::InvalidArgument(format!(
                    "{name} is an image, not a manifest list: remove it with skiff rmi {name}"
                )))
            }
            None => rows::get(conn, name)?,
        };
        self.catalog()?.write(|tx| {
            rows::delete(tx, &list.name)?;
            crate::events::record_image(tx, "remove", &list.id);
            Ok(())
        })?;
        Ok((list.name, list.id))
    }

    /// Whether a manifest list `name` is stored.
    pub fn manifest_exists(&mut self, name: &str) -> Result<bool> {
        Ok(rows::find(self.catalog()?.conn(), name)?.is_some())
    }

    /// The stored list `name` as JSON (indented as podman prints it), or, when no list has
    /// that name, the manifest a registry serves for it.
    pub fn manifest_inspect(&mut self, name: &str, tls_verify: Option<bool>) -> Result<Vec<u8>> {
        let local = if name.starts_with("docker://") {
            None
        } else {
            rows::find(self.catalog()?.conn(), name)?
        };
        match local {
            Some(list) => Ok(pretty(&list.index)),
            None => match RemoteManifest::fetch(name, tls_verify, &Default::default())?.manifest {
                Manifest::Index(i) => Ok(pretty(&i)),
                Manifest::Image(m) => Ok(pretty(&m)),
            },
        }
    }
}

/// `value` as JSON indented by four spaces.
fn pretty(value: &impl serde::Serialize) -> Vec<u8> {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    value.serialize(&mut ser).expect("JSON serialises");
    out
}
