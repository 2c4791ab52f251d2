//! The SQLite catalog: every container, image, name and volume skiff knows about.
//!
//! Opened once per invocation in WAL mode with a busy timeout, so many concurrent `skiff`
//! processes can read while one writes. Keep transactions short: never hold one across
//! network or container start-up work.

mod backup;
pub(crate) mod schema;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub(crate) use backup::{backup_path, copy_to};

use crate::error::{Error, IoContext, Result};

/// What runs after a write changed the image tables (see [`Catalog::on_image_change`]).
type ImageChangeHook = Box<dyn FnMut(&Connection) -> Result<()>>;

/// An open catalog database.
pub struct Catalog {
    conn: Connection,
    /// The database file (its write-ahead log is beside it, `catalog.db-wal`).
    path: PathBuf,
    /// Set by SQLite's update hook when a row of `images`, `image_names` or `image_digests`
    /// changes.
    images_changed: Arc<AtomicBool>,
    /// Called once such a change is committed.
    on_image_change: Option<ImageChangeHook>,
}

/// The tables whose changes [`Catalog::on_image_change`] follows.
const IMAGE_TABLES: [&str; 3] = ["images", "image_names", "image_digests"];

/// WAL size above which closing the catalog checkpoints it and truncates the log.
///
/// No skiff process lives long, so the first connection of each one finds no other and SQLite
/// rebuilds its WAL index by reading the whole log (one pread per page), and, not knowing what
/// was already copied back, never restarts the log: it grows without bound and every command
/// gets slower (29 MB and 7,400 preads, 20 ms for `ps -a`, after 1,000 `create`s). Truncating it
/// once it passes 256 kB (64 pages: a `create` adds ~9) costs one checkpoint (~0.5 ms CPU, two
/// fsyncs) every ~7 writes instead of one per command, and leaves every command an average
/// rebuild of ~32 pages (~3,000 instructions and a pread each) instead of ~128 with a 1 MiB
/// limit: bench/results-20261205-create2.md measures the trade.
const WAL_TRUNCATE_BYTES: u64 = 1 << 18;

/// Makes the store's root directory `dir` (the catalog's), when the store is new, reachable by
/// its owner alone: a container can make setuid files and device nodes in its layer and its
/// volumes, which another user of the host must not reach through the store (docker's
/// CVE-2021-41091 keeps its root at 0710). A store its owner opened to others (`--userns
/// nomap` and `auto` need that, and say so) is left as it is.
fn private_to_owner(dir: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir).at(dir)?.permissions().mode();
    if mode & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode & 0o700)).at(dir)?;
    }
    Ok(())
}

impl Catalog {
    /// Opens (creating if needed) the catalog at `path` and brings its schema up to date
    /// (copying it beside itself first when it has an older schema). A file SQLite cannot
    /// read is [`Error::CatalogDamaged`].
    pub fn open(path: &Path) -> Result<Catalog> {
        Self::open_checked(path).map_err(|e| e.naming_catalog(path))
    }

    fn open_checked(path: &Path) -> Result<Catalog> {
        if let Some(dir) = path.parent() {
            // A new store (no catalog yet) is made private.
            let fresh = !path.exists();
            std::fs::create_dir_all(dir).at(dir)?;
            if fresh {
                // A file system that refuses the mode (vfat, some FUSE) still holds a store.
                if let Err(e) = private_to_owner(dir) {
                    tracing::warn!("cannot make the new store {} private: {e}", dir.display());
                }
            }
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(30))?;
        // WAL lets readers (ps, images) run while a writer commits. NORMAL sync in WAL mode
        // never corrupts the database: a process killed mid-transaction, or a write that
        // fails on a full disk, leaves a WAL whose uncommitted frames are ignored on the next
        // open (see `tests::a_writer_killed_mid_transaction_leaves_a_readable_catalog`); only
        // the last commits before a power loss may be lost.
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
        // Reading the schema finds a damaged first page now rather than in some later query.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        schema::migrate(&conn, path)?;
        let images_changed = Arc::new(AtomicBool::new(false));
        let flag = images_changed.clone();
        conn.update_hook(Some(
            move |_: rusqlite::hooks::Action, _: &str, table: &str, _: i64| {
                if IMAGE_TABLES.contains(&table) {
                    flag.store(true, Ordering::Relaxed);
                }
            },
        ));
        Ok(Catalog {
            conn,
            path: path.to_path_buf(),
            images_changed,
            on_image_change: None,
        })
    }

    /// Runs `hook` after each committed write that changed images or their names or
    /// digests (the engine keeps the store's image-refs file in step with it).
    pub fn on_image_change(&mut self, hook: impl FnMut(&Connection) -> Result<()> + 'static) {
        self.on_image_change = Some(Box::new(hook));
    }

    /// Runs the image-change hook if images changed since it last ran. A failure is logged,
    /// not returned: the catalog change it follows is already committed.
    fn after_image_change(&mut self) {
        if !self.images_changed.swap(false, Ordering::Relaxed) {
            return;
        }
        if let Some(hook) = self.on_image_change.as_mut() {
            if let Err(e) = hook(&self.conn) {
                tracing::warn!(
                    "could not record image names beside the store ({e}); `skiff system check --repair` rewrites them"
                );
            }
        }
    }

    /// Whether any image is recorded.
    pub fn has_images(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM images)", [], |r| r.get(0))?)
    }

    /// SQLite's own consistency check (`PRAGMA quick_check`): None when the file is sound,
    /// otherwise its first complaint.
    pub fn quick_check(&self) -> Result<Option<String>> {
        let first: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        Ok((first != "ok").then_some(first))
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
        let out = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })()
        .map_err(|e: Error| e.naming_catalog(&self.path))?;
        self.after_image_change();
        Ok(out)
    }

    /// [`Catalog::write`] of the one statement `sql` with `params`.
    pub fn write_one(&mut self, sql: &str, params: impl rusqlite::Params) -> Result<()> {
        self.write(|tx| {
            tx.execute(sql, params)?;
            Ok(())
        })
    }
}

impl Drop for Catalog {
    /// Runs the image-change hook for image rows changed outside [`Catalog::write`]
    /// (autocommit statements), then truncates a large WAL (see [`WAL_TRUNCATE_BYTES`]),
    /// giving up at once while another process reads or writes, leaving it to the next one.
    fn drop(&mut self) {
        if !self.conn.is_autocommit() {
            self.images_changed.store(false, Ordering::Relaxed);
        }
        self.after_image_change();
        let mut wal = self.path.as_os_str().to_owned();
        wal.push("-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_TRUNCATE_BYTES) {
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

    /// The integer that the one-row query `sql` answers (a count, a pragma).
    fn number(c: &Catalog, sql: &str) -> i64 {
        c.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Opens the catalog at `path` again, checks that it is sound and counts the rows of
    /// `table`.
    fn reopened_rows(path: &Path, table: &str) -> i64 {
        let c = Catalog::open(path).expect("the catalog opens again");
        assert_eq!(c.quick_check().unwrap(), None);
        number(&c, &format!("SELECT count(*) FROM {table}"))
    }

    #[test]
    fn opens_twice_and_migrates_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.db");
        let c1 = Catalog::open(&path).unwrap();
        let v1 = number(&c1, "PRAGMA user_version");
        drop(c1);
        let c2 = Catalog::open(&path).unwrap();
        let v2 = number(&c2, "PRAGMA user_version");
        assert_eq!(v1, v2);
        assert_eq!(v1 as usize, schema::MIGRATIONS.len());
    }

    #[test]
    fn write_one_commits_its_statement_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut cat = Catalog::open(&dir.path().join("catalog.db")).unwrap();
        let add = "INSERT INTO volumes (name, created) VALUES (?1, ?2)";
        cat.write_one(add, rusqlite::params!["v", 1]).unwrap();
        // The name is taken: the statement fails and the transaction is rolled back.
        assert!(cat.write_one(add, rusqlite::params!["v", 2]).is_err());
        let created = number(&cat, "SELECT created FROM volumes WHERE name = 'v'");
        assert_eq!(created, 1);
        assert!(cat.conn().is_autocommit());
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

    /// The child half of the test below: replaces every row in a loop (transactions larger
    /// than SQLite's page cache, so they spill to disk before they commit, and checkpoints)
    /// until it is killed.
    fn keep_writing(path: &Path) -> ! {
        let c = Catalog::open(path).unwrap();
        let mut n = 0u64;
        loop {
            c.conn()
                .execute_batch("BEGIN IMMEDIATE; DELETE FROM t")
                .unwrap();
            for _ in 0..200 {
                c.conn()
                    .execute("INSERT INTO t VALUES (randomblob(16384))", [])
                    .unwrap();
            }
            c.conn().execute_batch("COMMIT").unwrap();
            n += 1;
            if n == 1 {
                println!("ready");
            }
            if n.is_multiple_of(3) {
                c.conn()
                    .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                    .unwrap();
            }
        }
    }

    #[test]
    fn a_writer_killed_mid_transaction_leaves_a_readable_catalog() {
        const CHILD: &str = "SKIFF_TEST_CATALOG_WRITER";
        if let Some(path) = std::env::var_os(CHILD) {
            keep_writing(Path::new(&path));
        }
        use std::io::BufRead;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.db");
        let c = Catalog::open(&path).unwrap();
        c.conn().execute_batch("CREATE TABLE t (x BLOB)").unwrap();
        drop(c);
        for delay_ms in [0, 3, 7, 13, 20, 40, 60, 90, 150, 250] {
            let mut child = std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "catalog::tests::a_writer_killed_mid_transaction_leaves_a_readable_catalog",
                    "--nocapture",
                ])
                .env(CHILD, &path)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let out = std::io::BufReader::new(child.stdout.take().unwrap());
            let ready = out.lines().map_while(|l| l.ok()).any(|l| l == "ready");
            assert!(ready, "the writer never committed");
            std::thread::sleep(Duration::from_millis(delay_ms));
            child.kill().unwrap();
            child.wait().unwrap();
            // Whole transactions only: every commit left exactly 200 rows.
            assert_eq!(reopened_rows(&path, "t"), 200);
        }
    }

    #[test]
    fn an_older_schema_is_copied_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.db");
        drop(Catalog::open(&path).unwrap());
        // Pretend the last migration has not run yet.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(schema::UNDO_NAMES_HISTORY).unwrap();
        c.pragma_update(None, "user_version", schema::MIGRATIONS.len() as i64 - 1)
            .unwrap();
        drop(c);
        drop(Catalog::open(&path).unwrap());
        let copies: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with("catalog.db.schema-"))
            .collect();
        assert_eq!(copies.len(), 1, "{copies:?}");
        let copy = rusqlite::Connection::open(dir.path().join(&copies[0])).unwrap();
        let v: i64 = copy
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v as usize, schema::MIGRATIONS.len() - 1);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_named_as_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.db");
        let c = Catalog::open(&path).unwrap();
        c.conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        drop(c);
        let mut data = std::fs::read(&path).unwrap();
        data[..100].fill(b'x');
        std::fs::write(&path, data).unwrap();
        let err = Catalog::open(&path)
            .err()
            .expect("a damaged file is an error");
        assert!(err.is_catalog_damage());
        let text = err.to_string();
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains("skiff system check --repair"), "{text}");
    }

    /// A user who deletes only `catalog.db` leaves its log behind; SQLite discards the log
    /// of an empty database instead of replaying it (which would make a damaged copy).
    #[test]
    fn a_deleted_catalog_is_not_rebuilt_from_its_stale_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.db");
        let c = Catalog::open(&path).unwrap();
        c.conn()
            .execute("INSERT INTO volumes (name, created) VALUES ('v', 0)", [])
            .unwrap();
        drop(c);
        assert!(dir.path().join("catalog.db-wal").exists());
        std::fs::remove_file(&path).unwrap();
        assert_eq!(reopened_rows(&path, "volumes"), 0);
    }

    #[test]
    fn image_writes_run_the_hook_once_committed() {
        use std::cell::Cell;
        use std::rc::Rc;
        let dir = tempfile::tempdir().unwrap();
        let mut c = Catalog::open(&dir.path().join("catalog.db")).unwrap();
        let runs = Rc::new(Cell::new(0));
        let seen = runs.clone();
        c.on_image_change(move |_| {
            seen.set(seen.get() + 1);
            Ok(())
        });
        c.write(|tx| {
            tx.execute("INSERT INTO volumes (name, created) VALUES ('v', 0)", [])?;
            Ok(())
        })
        .unwrap();
        assert_eq!(runs.get(), 0);
        c.write(|tx| {
            tx.execute(
                "INSERT INTO images (id, manifest, config, layers, size, created, stored)
                 VALUES ('a', x'', x'', '[]', 0, 0, 0)",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        assert_eq!(runs.get(), 1);
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
        // A few hundred kB, the log of a few dozen creates, is already truncated.
        for _ in 0..3 {
            c.conn()
                .execute("INSERT INTO t VALUES (zeroblob(65536))", [])
                .unwrap();
        }
        let len = std::fs::metadata(&wal).unwrap().len();
        assert!(len > WAL_TRUNCATE_BYTES && len < 512 << 10, "{len}");
        drop(c);
        assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0);
        let c = Catalog::open(&path).unwrap();
        let n = number(&c, "SELECT count(*) FROM t");
        assert_eq!(n, 3);
        // A small WAL is left alone (no checkpoint cost for ordinary commands).
        c.conn()
            .execute("INSERT INTO t VALUES (zeroblob(16))", [])
            .unwrap();
        drop(c);
        assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    }
}
