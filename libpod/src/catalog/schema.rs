//! Schema migrations. `PRAGMA user_version` holds how many of [`MIGRATIONS`] have run; each
//! runs once, in order, in one transaction. Append new steps; never edit a released one.

use rusqlite::Connection;

use crate::error::Result;

/// The migration steps, oldest first.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: images, their names and layers.
    r#"
    CREATE TABLE images (
        id          TEXT PRIMARY KEY,          -- hex sha256 of the config blob (docker's image id)
        manifest_digest TEXT,                  -- "sha256:..." of the manifest as stored
        manifest    BLOB NOT NULL,             -- the manifest JSON as pulled or built
        config      BLOB NOT NULL,             -- the image config JSON
        layers      TEXT NOT NULL,             -- JSON array of chain ids (hex), base first
        size        INTEGER NOT NULL,          -- sum of uncompressed layer sizes
        created     INTEGER NOT NULL,          -- image creation (unix seconds, from the config)
        stored      INTEGER NOT NULL           -- when it entered this store (unix seconds)
    );
    CREATE TABLE image_names (
        name        TEXT PRIMARY KEY,          -- normalized "registry/repo:tag"
        image_id    TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE
    );
    CREATE INDEX image_names_by_image ON image_names(image_id);
    CREATE TABLE image_digests (
        repo        TEXT NOT NULL,             -- normalized "registry/repo"
        digest      TEXT NOT NULL,             -- "sha256:..." manifest digest as the registry knows it
        image_id    TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        PRIMARY KEY (repo, digest)
    );
    CREATE INDEX image_digests_by_image ON image_digests(image_id);
    "#,
];

/// Runs the migrations the database has not seen yet.
pub(super) fn migrate(conn: &Connection) -> Result<()> {
    let have: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if have >= MIGRATIONS.len() {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    // Another process may have migrated while we waited for the write lock.
    let have: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    let result = (|| -> Result<()> {
        for (i, step) in MIGRATIONS.iter().enumerate().skip(have) {
            conn.execute_batch(step)?;
            conn.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            conn.execute_batch("COMMIT")?;
            Ok(())
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}
