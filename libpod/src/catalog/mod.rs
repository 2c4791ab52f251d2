//! The SQLite catalog: every container, image, name and volume skiff knows about.
//!
//! Opened once per invocation in WAL mode with a busy timeout, so many concurrent `skiff`
//! processes can read while one writes. Keep transactions short: never hold one across
//! network or container start-up work.

mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{IoContext, Result};

/// An open catalog database.
pub struct Catalog {
    conn: Connection,
    /// The write-ahead log next to the database (`catalog.db-wal`).
    wal: PathBuf,
}

/// WAL size above which closing the catalog checkpoints it and truncates the log.
///
/// No skiff process lives long, so the first connection of each one finds no other and SQLite
/// rebuilds its WAL index by reading the whole log (one pread per page), and, not knowing what
/// was already copied back, never restarts the log: it grows without bound and every command
/// gets slower (29 MB and 7,400 preads, 20 ms for `ps -a`, after 1,000 `create`s). Truncating it
/// once it passes 1 MiB (256 pages, ~1 ms to rebuild) costs one checkpoint every few dozen
/// writes instead of one per command.
const WAL_TRUNCATE_BYTES: u64 = 1 << 20;

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
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        Ok(Catalog {
            conn,
            wal: wal.into(),
        })
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

impl Drop for Catalog {
    /// Truncates a large WAL (see [`WAL_TRUNCATE_BYTES`]); gives up at once while another
    /// process reads or writes, leaving it to the next one.
    fn drop(&mut self) {
        if std::fs::metadata(&self.wal).is_ok_and(|m| m.len() > WAL_TRUNCATE_BYTES) {
            let _ = self.conn.busy_timeout(Duration::from_millis(20));
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
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

    #[test]
    fn a_newer_schema_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.db");
        let newer = schema::MIGRATIONS.len() as i64 + 1;
        Catalog::open(&path)
            .unwrap()
            .conn()
            .pragma_update(None, "user_version", newer)
            .unwrap();
        let err = Catalog::open(&path)
            .err()
            .expect("a newer schema is an error");
        assert!(err.to_string().contains("newer skiff"), "{err}");
        let c = rusqlite::Connection::open(&path).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, newer);
    }

    #[test]
    fn closing_truncates_a_large_wal_and_keeps_the_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.db");
        let wal = dir.path().join("catalog.db-wal");
        let c = Catalog::open(&path).unwrap();
        c.conn()
            .execute_batch("CREATE TABLE t (x BLOB); PRAGMA wal_autocheckpoint = 0;")
            .unwrap();
        for _ in 0..40 {
            c.conn()
                .execute("INSERT INTO t VALUES (zeroblob(65536))", [])
                .unwrap();
        }
        assert!(std::fs::metadata(&wal).unwrap().len() > WAL_TRUNCATE_BYTES);
        drop(c);
        assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0);
        let c = Catalog::open(&path).unwrap();
        let n: i64 = c
            .conn()
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 40);
        // A small WAL is left alone (no checkpoint cost for ordinary commands).
        c.conn()
            .execute("INSERT INTO t VALUES (zeroblob(16))", [])
            .unwrap();
        drop(c);
        assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    }
}
