//! `build`'s layer cache: each step has a key, the digest of its parent's key and what the
//! step does (its instruction after substitution, the build arguments it sees, and for
//! COPY/ADD the digest of its inputs); the image a step made is recorded under its key, so
//! the next build of the same steps reuses it instead of running the step.
//!
//! A registry repository can hold the cache too, as podman's `--cache-from`/`--cache-to` do:
//! each step's image is pushed to `REPO:KEY` (`--cache-to REPO`), and a step missing from
//! the local cache is looked up as `REPO:KEY` in each `--cache-from REPO` before it runs.
//! Keys are content digests, and a step's key covers its parent's image, so an image pulled
//! from the cache is exactly what the step would reuse locally.

use std::cell::RefCell;
use std::io::Write;

use rusqlite::{params, OptionalExtension};
use sha2::{Digest as _, Sha256};
use skiff_storage::auth::GivenCredentials;
use skiff_storage::pull::NoProgress;

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::pull::PullRequest;
use crate::image::push::PushRequest;
use crate::image::record::ImageRecord;

/// Where a build finds and keeps the images of its steps.
#[derive(Debug, Default)]
pub(crate) struct StepCache {
    /// `--no-cache`: no step is reused (they are still recorded, and exported).
    pub no_cache: bool,
    /// podman's `--cache-ttl`: local steps older than this many seconds are not reused.
    pub ttl_secs: Option<u64>,
    /// `--cache-from`: repositories looked up for steps missing locally.
    pub from: Vec<String>,
    /// `--cache-to`: the repository every step's image is pushed to.
    pub to: Option<String>,
    /// `--tls-verify` for the cache's registries.
    pub tls_verify: Option<bool>,
    /// Credentials given for the cache's registries, over the stored logins.
    pub credentials: GivenCredentials,
    /// The steps of this build (key, image id), in order, for the export.
    used: RefCell<Vec<(String, String)>>,
}

impl StepCache {
    /// A cache with these settings.
    pub fn new(
        no_cache: bool,
        ttl_secs: Option<u64>,
        from: Vec<String>,
        to: Option<String>,
        tls_verify: Option<bool>,
        credentials: GivenCredentials,
    ) -> StepCache {
        StepCache {
            no_cache,
            ttl_secs,
            from,
            to,
            tls_verify,
            credentials,
            used: RefCell::new(Vec::new()),
        }
    }

    /// The image a step with `key` made before: the local cache's, else one pulled from a
    /// `--cache-from` repository (a registry that cannot be read is a miss, with a warning
    /// on `out`). None with `--no-cache`.
    pub fn lookup(
        &self,
        engine: &mut Engine,
        key: &str,
        out: &mut dyn Write,
    ) -> Result<Option<ImageRecord>> {
        if self.no_cache {
            return Ok(None);
        }
        if let Some(image) = engine.cached_step(key)? {
            let now = crate::container::time::now_ns() / 1_000_000_000;
            let fresh = self
                .ttl_secs
                .is_none_or(|ttl| now - image.created <= ttl as i64);
            if fresh {
                self.note(key, &image.id);
                return Ok(Some(image));
            }
        }
        for repo in &self.from {
            let name = format!("{repo}:{key}");
            let req = PullRequest {
                platform: None,
                tls_verify: self.tls_verify,
                credentials: self.credentials.clone(),
            };
            match engine.pull(&name, &req, &NoProgress) {
                Ok(image) => {
                    engine.forget_cache_name(&image.id, &name)?;
                    engine.record_step(key, &image.id, true)?;
                    self.note(key, &image.id);
                    return engine.resolve_image(&image.id).map(Some);
                }
                Err(Error::Storage(skiff_storage::Error::NotFound(_))) => {}
                Err(e) => {
                    let _ = writeln!(out, "Warning: the build cache {repo}: {e}");
                }
            }
        }
        Ok(None)
    }

    /// Records that the step with `key` made image `image_id` (see [`Engine::record_step`]).
    pub fn record(
        &self,
        engine: &mut Engine,
        key: &str,
        image_id: &str,
        intermediate: bool,
    ) -> Result<()> {
        engine.record_step(key, image_id, intermediate)?;
        self.note(key, image_id);
        Ok(())
    }

    fn note(&self, key: &str, image_id: &str) {
        let mut used = self.used.borrow_mut();
        if !used.iter().any(|(k, _)| k == key) {
            used.push((key.to_string(), image_id.to_string()));
        }
    }

    /// Pushes every step's image of this build to the `--cache-to` repository as `REPO:KEY`,
    /// saying so on `out`.
    pub fn export(&self, engine: &mut Engine, out: &mut dyn Write) -> Result<()> {
        let Some(repo) = &self.to else {
            return Ok(());
        };
        let registry = skiff_storage::Reference::parse(repo)
            .map(|r| r.registry().to_string())
            .map_err(|e| Error::InvalidArgument(format!("--cache-to {repo}: {e}")))?;
        let req = PushRequest {
            tls_verify: self.tls_verify,
            credentials: self.credentials.for_registry(&registry),
            ..PushRequest::default()
        };
        let used = self.used.borrow().clone();
        for (key, id) in &used {
            let dest = format!("{repo}:{key}");
            engine
                .push(id, Some(&dest), &req, &NoProgress)
                .map_err(|e| Error::Runtime(format!("exporting the build cache to {repo}: {e}")))?;
        }
        let _ = writeln!(
            out,
            "--> Exported the cache of {} steps to {repo}",
            used.len()
        );
        Ok(())
    }
}

/// The key of a step: the parent's key and the step's parts, hex sha256.
pub fn step_key(parent: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(parent.as_bytes());
    for p in parts {
        h.update(b"\0");
        h.update(p.len().to_le_bytes());
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

impl Engine {
    /// Takes the name `name` a cache pull gave image `id`, and its repository digest, off it
    /// again: a cached step's image is known by its key, not by a name in `images`.
    fn forget_cache_name(&mut self, id: &str, name: &str) -> Result<()> {
        let reference = skiff_storage::Reference::parse(name).map_err(Error::Storage)?;
        let full = crate::image::record::full_name(&reference);
        // The pull's repository digest too: `images` lists an image under a digest of a
        // repository it has no name in, and the cache is no image of the user's.
        let repo = reference.name();
        self.catalog()?.write(|tx| {
            tx.execute(
                "DELETE FROM image_names WHERE name = ?1 AND image_id = ?2",
                params![full, id],
            )?;
            tx.execute(
                "DELETE FROM image_digests WHERE repo = ?1 AND image_id = ?2",
                params![repo, id],
            )?;
            Ok(())
        })
    }

    /// The newest image recorded under `key` that is still stored.
    pub(crate) fn cached_step(&mut self, key: &str) -> Result<Option<ImageRecord>> {
        let conn = self.catalog()?.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT b.image_id FROM build_cache b JOIN images i ON i.id = b.image_id
             WHERE b.key = ?1 ORDER BY b.rowid DESC LIMIT 1",
        )?;
        let id: Option<String> = stmt.query_row([key], |r| r.get(0)).optional()?;
        drop(stmt);
        let Some(id) = id else { return Ok(None) };
        crate::image::record::read(conn, &id)
    }

    /// Records that the step with `key` made image `image_id`; `intermediate` unless it is
    /// the result of a build (a final image stays final if a later build meets it midway).
    pub(crate) fn record_step(
        &mut self,
        key: &str,
        image_id: &str,
        intermediate: bool,
    ) -> Result<()> {
        self.catalog()?.write(|tx| {
            tx.execute(
                "INSERT INTO build_cache (key, image_id, intermediate) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key, image_id) DO UPDATE
                     SET intermediate = MIN(intermediate, excluded.intermediate)",
                params![key, image_id, intermediate],
            )?;
            if !intermediate {
                tx.execute(
                    "UPDATE build_cache SET intermediate = 0 WHERE image_id = ?1",
                    [image_id],
                )?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_change_with_every_part_and_do_not_run_parts_together() {
        let k = step_key("p", &["RUN a", "b"]);
        assert_eq!(k, step_key("p", &["RUN a", "b"]));
        assert_ne!(k, step_key("q", &["RUN a", "b"]));
        assert_ne!(k, step_key("p", &["RUN a", "c"]));
        assert_ne!(step_key("p", &["ab", "c"]), step_key("p", &["a", "bc"]));
    }
}
