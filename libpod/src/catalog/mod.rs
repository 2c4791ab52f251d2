//! The SQLite catalog: every container, image, name and volume skiff knows about.
//!
//! Opened once per invocation in WAL mode with a busy timeout, so many concurrent `skiff`
//! processes can read while one writes. Keep transactions short: never hold one across
//! network or container start-up work.

mod schema;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{IoContext, Result};

/// An open catalog database.
pub struct Catalog {
    conn: Connection,
}

impl Catalog {
    /// Opens (creating if needed) the catalog at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Catalog> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).at(dir)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(30))?;
        // WAL lets readers (ps, images) run while a writer commits; NORMAL sync is safe in WAL.
        // Switching a fresh database to WAL needs an exclusive lock and SQLite answers BUSY at
        // once (no busy handler) while another process does the same: retry for a while.
        let mut tries = 0;
        while let Err(e) = conn.pragma_update(None, "journal_mode", "WAL") {
            let busy = e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy);
            if !busy || tries >= 3000 {
                return Err(e.into());
            }
            tries += 1;
            std::thread::sleep(Duration::from_millis(10));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Each skiff process is short-lived: checkpointing (and resetting the WAL, with two
        // fsyncs) on every close costs milliseconds per command; SQLite's auto-checkpoint at
        // 1000 pages keeps the WAL bounded instead.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        schema::migrate(&conn)?;
        Ok(Catalog { conn })
    }

    /// The underlying connection, for the engine's table modules.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in an IMMEDIATE transaction (takes the write lock up front, so two writers
    /// never deadlock upgrading read locks) and commits it if `f` succeeds.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_twice_and_migrates_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.db");
        let c1 = Catalog::open(&path).unwrap();
        let v1: i64 = c1
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        drop(c1);
        let c2 = Catalog::open(&path).unwrap();
        let v2: i64 = c2
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v1, v2);
        assert_eq!(v1 as usize, schema::MIGRATIONS.len());
    }
}
