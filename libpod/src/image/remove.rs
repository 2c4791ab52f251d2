//! `rmi`: untag or delete images with docker's rules, and free layers and blobs that no
//! remaining image uses.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};
use skiff_storage::store::Store;
use skiff_storage::{Digest, Reference};

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::record::{full_name, lookup_id, read};

/// How `rmi` removes an image.
#[derive(Debug, Clone, Copy, Default)]
pub struct RemoveOptions {
    /// `-f`: delete an image with several names by id, untag an image a container uses.
    pub force: bool,
    /// `--no-prune`: keep the untagged build steps the image grew from.
    pub no_prune: bool,
}

/// One thing `rmi` did, in order, as docker reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removed {
    /// A name was taken off (`alpine:latest`, as docker shows it).
    Untagged(String),
    /// The image was deleted (hex id).
    Deleted(String),
}

/// The full names of image `id`.
pub(super) fn names_of(conn: &Connection, id: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM image_names WHERE image_id = ?1 ORDER BY name")?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A container using image `id`, if any (the containers table may not exist yet).
fn user_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    let has_table: bool = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'containers'",
            [],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if !has_table {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT name FROM containers WHERE image_id = ?1 LIMIT 1",
            [id],
            |r| r.get::<_, String>(0),
        )
        .optional()?)
}

/// Deletes image `id`'s digests of the repositories of `untagged` (names just taken off it)
/// that no name left on the image is in: a repository's digests go with its last name, as
/// docker's. Returns them (`repo@sha256:...`), in the catalog's order.
pub(super) fn drop_unnamed_digests(
    tx: &Connection,
    id: &str,
    untagged: &[String],
) -> Result<Vec<String>> {
    let repo = |n: &String| Reference::parse(n).ok().map(|r| r.name());
    let named: Vec<String> = names_of(tx, id)?.iter().filter_map(repo).collect();
    let mut gone = Vec::new();
    for r in untagged
        .iter()
        .filter_map(repo)
        .filter(|r| !named.contains(r))
    {
        let mut stmt = tx.prepare_cached(
            "SELECT repo || '@' || digest FROM image_digests WHERE image_id = ?1 AND repo = ?2
             ORDER BY digest",
        )?;
        let digests = stmt
            .query_map(params![id, r], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        tx.execute(
            "DELETE FROM image_digests WHERE image_id = ?1 AND repo = ?2",
            params![id, r],
        )?;
        gone.extend(digests);
    }
    Ok(gone)
}

/// The id of a running (or paused) container using image `id`, if any.
fn running_user_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM containers WHERE image_id = ?1 AND state IN ('running', 'paused')
             LIMIT 1",
            [id],
            |r| r.get::<_, String>(0),
        )
        .optional()?)
}

/// `alpine:latest` for `docker.io/library/alpine:latest`.
pub(crate) fn familiar(name: &str) -> String {
    Reference::parse(name).map_or(name.to_string(), |r| {
        format!("{}:{}", r.familiar_name(), r.tag_or_latest())
    })
}

fn is_id_input(input: &str, id: &str) -> bool {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    hex.len() >= 3 && id.starts_with(hex)
}

impl Engine {
    /// Removes `input` (a name or id) as `docker rmi` does: a name of an image with other
    /// names is only untagged; the last name, or an id, deletes the image. An id of an image
    /// with several names, or an image a container uses, needs `force`; a forced removal of
    /// an image a container uses only untags it.
    /// A manifest list's name or id removes the list (the images it lists stay). A deleted
    /// image takes along the untagged build steps it grew from (see [`super::parents`]),
    /// unless `no_prune`.
    pub fn remove_image(&mut self, input: &str, opts: RemoveOptions) -> Result<Vec<Removed>> {
        let force = opts.force;
        if self.manifest_exists(input)? {
            let (name, id) = self.manifest_rm(input)?;
            return Ok(vec![
                Removed::Untagged(familiar(&name)),
                Removed::Deleted(id),
            ]);
        }
        let conn = self.catalog()?.conn();
        let id = lookup_id(conn, input)?;
        let names = names_of(conn, &id)?;
        let stored = super::record::stored_name(conn, input)?;
        let by_name =
            !is_id_input(input, &id) || stored.as_ref().is_some_and(|n| names.contains(n));
        let user = user_of(conn, &id)?;
        let digests = read(conn, &id)?.map(|r| r.digests).unwrap_or_default();
        let mut done = Vec::new();
        // `repo@sha256:...` of an image with other references: only that digest goes.
        let by_digest = Reference::parse(input)
            .ok()
            .filter(|r| r.digest().is_some() && !is_id_input(input, &id));
        if let Some(reference) = by_digest.filter(|_| names.len() + digests.len() > 1) {
            let (repo, digest) = (reference.name(), reference.digest().map(|d| d.to_string()));
            self.catalog()?.write(|tx| {
                tx.execute(
                    "DELETE FROM image_digests WHERE repo = ?1 AND digest = ?2 AND image_id = ?3",
                    params![repo, digest, id],
                )?;
                crate::events::record_image(tx, "untag", &id);
                Ok(())
            })?;
            done.push(Removed::Untagged(reference.familiar()));
            return Ok(done);
        }
        // By name, with another name left: only the name goes, and with it its repository's
        // digests when it was the last name of that repository, as docker's. Another
        // repository's digest alone does not keep the image (podman's rule, docker's differs):
        // `push IMAGE REGISTRY/REPO:TAG` records a digest of a repository the image has no
        // name in, and a CI script's `rmi IMAGE` after it must leave nothing behind.
        let named = match (stored, by_name) {
            (Some(name), true) => Some(name),
            (None, true) => Some(full_name(&Reference::parse(input)?)),
            (_, false) => None,
        };
        let untag = named.filter(|name| names.iter().any(|n| n != name));
        if let Some(name) = untag {
            let gone_digests = self.catalog()?.write(|tx| {
                tx.execute("DELETE FROM image_names WHERE name = ?1", [&name])?;
                let gone = drop_unnamed_digests(tx, &id, std::slice::from_ref(&name))?;
                crate::events::record_image(tx, "untag", &id);
                Ok(gone)
            })?;
            done.push(Removed::Untagged(familiar(&name)));
            done.extend(gone_digests.iter().map(|d| {
                Removed::Untagged(
                    Reference::parse(d).map_or_else(|_| d.to_string(), |r| r.familiar()),
                )
            }));
            return Ok(done);
        }
        if !by_name && names.len() > 1 && !force {
            return Err(Error::Conflict(format!(
                "unable to delete {} (must be forced): image is referenced in multiple repositories; use -f, or remove it by name",
                &id[..12]
            )));
        }
        if let Some(container) = user {
            // docker's hard conflict: even -f does not delete an image by id under a running
            // container.
            if force && !by_name {
                if let Some(running) = running_user_of(self.catalog()?.conn(), &id)? {
                    return Err(Error::Conflict(format!(
                        "unable to delete {} (cannot be forced) - image is being used by running container {}",
                        &id[..12],
                        &running[..running.len().min(12)]
                    )));
                }
            }
            if !force {
                return Err(Error::Conflict(format!(
                    "unable to remove image {input}: container {container} is using it; remove the container first (skiff rm {container}) or use -f"
                )));
            }
            self.catalog()?.write(|tx| {
                crate::events::record_untags(tx, &id);
                tx.execute("DELETE FROM image_names WHERE image_id = ?1", [&id])?;
                Ok(())
            })?;
            done.extend(names.iter().map(|n| Removed::Untagged(familiar(n))));
            return Ok(done);
        }
        done.extend(names.iter().map(|n| Removed::Untagged(familiar(n))));
        // docker also reports the repository digests that go with a deleted image.
        done.extend(digests.iter().map(|d| {
            Removed::Untagged(Reference::parse(d).map_or_else(|_| d.clone(), |r| r.familiar()))
        }));
        let parents = if opts.no_prune {
            Vec::new()
        } else {
            self.parents_to_prune(&id)?
        };
        self.delete_image(&id)?;
        done.push(Removed::Deleted(id));
        for parent in parents {
            self.delete_image(&parent)?;
            done.push(Removed::Deleted(parent));
        }
        Ok(done)
    }

    /// The untagged build steps that go with image `id` when it is deleted.
    fn parents_to_prune(&mut self, id: &str) -> Result<Vec<String>> {
        let conn = self.catalog()?.conn();
        let candidates = super::parents::step_images(conn)?;
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        let (deleted, others): (Vec<_>, Vec<_>) = super::parents::all_images(conn)?
            .into_iter()
            .filter(|i| i.id == id || !candidates.iter().any(|c| c.id == i.id))
            .partition(|i| i.id == id);
        Ok(deleted.first().map_or_else(Vec::new, |d| {
            super::parents::dangling_parents(d, &candidates, &others)
        }))
    }

    /// Deletes image `id`'s rows, then the layers and blobs no remaining image uses. Call
    /// [`Engine::enter_userns`] first: rootless layer files belong to subordinate ids.
    pub(crate) fn delete_image(&mut self, id: &str) -> Result<()> {
        self.release_image_mount(id)?;
        let store = Store::open(&self.paths().storage())?;
        let (layers, remaining) = self.catalog()?.write(|tx| {
            let layers: String = tx
                .query_row("SELECT layers FROM images WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| Error::not_found("image", id))?;
            crate::events::record_untags(tx, id);
            crate::events::record_image(tx, "delete", id);
            tx.execute("DELETE FROM images WHERE id = ?1", params![id])?;
            let mut stmt = tx.prepare("SELECT layers FROM images")?;
            let rest: Vec<String> = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok((layers, rest))
        })?;
        let mut used = HashSet::new();
        for l in &remaining {
            used.extend(serde_json::from_str::<Vec<String>>(l).unwrap_or_default());
        }
        let used_blobs = || -> HashSet<Digest> {
            used.iter()
                .filter_map(|c| Digest::from_hex(c).ok())
                .filter_map(|c| store.layer_info(&c).ok())
                .map(|i| i.blob_digest)
                .collect()
        };
        let mut kept_blobs: Option<HashSet<Digest>> = None;
        for chain in serde_json::from_str::<Vec<String>>(&layers).unwrap_or_default() {
            if used.contains(&chain) {
                continue;
            }
            let Ok(chain) = Digest::from_hex(&chain) else {
                continue;
            };
            let blob = store.layer_info(&chain).ok().map(|i| i.blob_digest);
            store.remove_layer(&chain)?;
            if let Some(blob) = blob {
                if !kept_blobs.get_or_insert_with(used_blobs).contains(&blob) {
                    store.remove_blob(&blob)?;
                }
            }
        }
        store.remove_blob(&Digest::from_hex(id)?)?;
        Ok(())
    }
}
