//! `build`'s layer cache: each step has a key, the digest of its parent's key and what the
//! step does (its instruction after substitution, the build arguments it sees, and for
//! COPY/ADD the digest of its inputs); the image a step made is recorded under its key, so
//! the next build of the same steps reuses it instead of running the step.

use rusqlite::{params, OptionalExtension};
use sha2::{Digest as _, Sha256};

use crate::engine::Engine;
use crate::error::Result;
use crate::image::record::ImageRecord;

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
