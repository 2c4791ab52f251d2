//! Copies of the catalog taken with SQLite's online backup API (consistent even while other
//! processes write), before a schema migration and before `system check --repair`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::Connection;

use crate::error::Result;

/// Pages copied per backup step.
const PAGES_PER_STEP: std::ffi::c_int = 256;

/// A path for a copy of the catalog at `catalog` that does not exist yet:
/// `catalog.db.<why>-<unix seconds>`, with `-2`, `-3`... added when taken in the same second.
pub(crate) fn backup_path(catalog: &Path, why: &str) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let base = format!("{}.{why}-{secs}", catalog.display());
    let mut path = PathBuf::from(&base);
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = PathBuf::from(format!("{base}-{n}"));
    }
    path
}

/// Copies the database `conn` has open to a new file at `dest`.
pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    let mut out = Connection::open(dest)?;
    Backup::new(conn, &mut out)?.run_to_completion(PAGES_PER_STEP, Duration::ZERO, None)?;
    Ok(())
}
