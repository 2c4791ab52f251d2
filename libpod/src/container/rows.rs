//! The `containers` table: reading and writing catalog rows. Every function is one short
//! statement or transaction; callers hold the container's [`super::lock`] across state changes.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::list_view::ListView;
use super::{ContainerConfig, State};
use crate::error::{Error, Result};

/// One container as recorded in the catalog, with its full configuration (`C`), or, as
/// listed ([`ListedContainer`]), the list view of it. Serialized only to hand it to the
/// container's monitor ([`super::handoff`]); the catalog keeps its own columns.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ContainerRecord<C = ContainerConfig> {
    /// 64 hex digits.
    pub id: String,
    /// Name without the leading "/".
    pub name: String,
    /// Image id, when from an image.
    pub image_id: Option<String>,
    /// Creation time, unix nanoseconds.
    pub created: i64,
    /// Lifecycle state.
    pub state: State,
    /// Host pid of the container's first process (0 when not running).
    pub pid: i32,
    /// Host pid of its monitor (0 when not running).
    pub monitor_pid: i32,
    /// The monitor's start time (clock ticks since boot), against pid reuse.
    pub monitor_start: u64,
    /// Last exit code.
    pub exit_code: i32,
    /// Why the last start or the monitor failed ("" when fine).
    pub error: String,
    /// Last start, unix nanoseconds (0 = never).
    pub started: i64,
    /// Last exit, unix nanoseconds (0 = never).
    pub finished: i64,
    /// How many times a restart policy restarted it.
    pub restart_count: i64,
    /// `stop` or `kill` ended it: restart policies do not apply.
    pub stopped_by_user: bool,
    /// The kernel's OOM killer ended its last run (docker's `State.OOMKilled`).
    pub oom_killed: bool,
    /// The configuration (boxed: a record stays small to move, and `ps` moves 10,000).
    pub config: Box<C>,
}

/// A container as listed: its configuration holds only the fields of its [`ListView`].
pub type ListedContainer = ContainerRecord<ListView>;

impl ContainerRecord {
    /// A container that was just created (state `created`, never started), with no name yet.
    pub fn new_created(id: String, created: i64, config: ContainerConfig) -> ContainerRecord {
        ContainerRecord {
            id,
            name: String::new(),
            image_id: config.image_id.clone(),
            created,
            state: State::Created,
            pid: 0,
            monitor_pid: 0,
            monitor_start: 0,
            exit_code: 0,
            error: String::new(),
            started: 0,
            finished: 0,
            restart_count: 0,
            stopped_by_user: false,
            oom_killed: false,
            config: Box::new(config),
        }
    }

    /// The record as listed: the list view of its configuration.
    pub fn listed(self) -> ListedContainer {
        let view = ListView::of(&self.config);
        self.with_config(Box::new(view))
    }
}

impl<C> ContainerRecord<C> {
    /// The same record with `config` in place of its configuration.
    fn with_config<D>(self, config: Box<D>) -> ContainerRecord<D> {
        ContainerRecord {
            id: self.id,
            name: self.name,
            image_id: self.image_id,
            created: self.created,
            state: self.state,
            pid: self.pid,
            monitor_pid: self.monitor_pid,
            monitor_start: self.monitor_start,
            exit_code: self.exit_code,
            error: self.error,
            started: self.started,
            finished: self.finished,
            restart_count: self.restart_count,
            stopped_by_user: self.stopped_by_user,
            oom_killed: self.oom_killed,
            config,
        }
    }
}

const COLUMNS: &str = "id, name, image_id, created, state, pid, monitor_pid, monitor_start, \
    exit_code, error, started, finished, restart_count, stopped_by_user, config, oom_killed";

/// [`COLUMNS`] with the list view (or, in a row without one, the full configuration) in place
/// of the configuration.
const LIST_COLUMNS: &str = "id, name, image_id, created, state, pid, monitor_pid, monitor_start, \
    exit_code, error, started, finished, restart_count, stopped_by_user, \
    COALESCE(list_view, config), oom_killed";

/// Parses the JSON of column 14 (the configuration or its list view).
fn json_column<C: serde::de::DeserializeOwned>(row: &Row<'_>) -> rusqlite::Result<Box<C>> {
    let text = row.get_ref(14)?.as_str()?;
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(14, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A row of [`COLUMNS`] (the full configuration, `C` = [`ContainerConfig`]) or of
/// [`LIST_COLUMNS`] (`C` = [`ListView`]).
fn from_row<C: serde::de::DeserializeOwned>(row: &Row<'_>) -> rusqlite::Result<ContainerRecord<C>> {
    Ok(ContainerRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        image_id: row.get(2)?,
        created: row.get(3)?,
        state: State::parse(row.get_ref(4)?.as_str()?),
        pid: row.get(5)?,
        monitor_pid: row.get(6)?,
        monitor_start: row.get::<_, i64>(7)? as u64,
        exit_code: row.get(8)?,
        error: row.get(9)?,
        started: row.get(10)?,
        finished: row.get(11)?,
        restart_count: row.get(12)?,
        stopped_by_user: row.get(13)?,
        oom_killed: row.get(15)?,
        config: json_column(row)?,
    })
}

/// Inserts a new container; a taken name becomes docker's "already in use" conflict.
pub fn insert(conn: &Connection, rec: &ContainerRecord) -> Result<()> {
    if let Some(other) = id_by_name(conn, &rec.name)? {
        return Err(name_in_use(&rec.name, &other));
    }
    let config = serde_json::to_string(&rec.config).expect("config serializes");
    let labels = serde_json::to_string(&rec.config.labels).expect("labels serialize");
    conn.execute(
        "INSERT INTO containers (id, name, image_id, image_name, rootfs, created, state, config, labels,
         list_view, pod_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            rec.id,
            rec.name,
            rec.image_id,
            rec.config.image,
            rec.config.rootfs.as_ref().map(|r| r.path.display().to_string()),
            rec.created,
            rec.state.as_str(),
            config,
            labels,
            ListView::json_of(&rec.config),
            (!rec.config.pod.is_empty()).then_some(&rec.config.pod)
        ],
    )?;
    Ok(())
}

/// docker's error for a name that another container holds.
pub fn name_in_use(name: &str, other_id: &str) -> Error {
    Error::Conflict(format!(
        "Conflict. The container name \"/{name}\" is already in use by container \"{other_id}\". \
         You have to remove (or rename) that container to be able to reuse that name."
    ))
}

/// The id of the container called `name`, if any.
pub fn id_by_name(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT id FROM containers WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Every container, newest first.
pub fn all(conn: &Connection) -> Result<Vec<ContainerRecord>> {
    newest_first(conn, COLUMNS)
}

/// Every container, newest first, each configuration holding only its [`ListView`] fields.
pub fn all_listed(conn: &Connection) -> Result<Vec<ListedContainer>> {
    newest_first(conn, LIST_COLUMNS)
}

/// Every row of `columns`, newest first (ties: the later inserted first, the order of `ORDER
/// BY created DESC`). The table is read in its own order and sorted here: ordering by the
/// `created` index costs a b-tree search from the index into the table for every row, a third
/// of `ps -a`'s time with 10,000 containers.
fn newest_first<C: serde::de::DeserializeOwned>(
    conn: &Connection,
    columns: &str,
) -> Result<Vec<ContainerRecord<C>>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {columns} FROM containers ORDER BY rowid"))?;
    let mut all = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    all.reverse();
    // Stable: rows created at the same time stay latest rowid first.
    all.sort_by_key(|r| std::cmp::Reverse(r.created));
    Ok(all)
}

/// The container with exactly this id.
pub fn get(conn: &Connection, id: &str) -> Result<Option<ContainerRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM containers WHERE id = ?1"))?;
    Ok(stmt.query_row([id], from_row).optional()?)
}

/// Finds a container by full name, full id or unique id prefix (docker's rules).
pub fn lookup(conn: &Connection, name_or_id: &str) -> Result<ContainerRecord> {
    let name = name_or_id.strip_prefix('/').unwrap_or(name_or_id);
    if name.is_empty() {
        return Err(no_such(name_or_id));
    }
    let by_name = || {
        let sql = format!("SELECT {COLUMNS} FROM containers WHERE name = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([name], from_row)
            .optional()?)
    };
    let by_prefix = |bounds: [String; 2]| {
        let sql = format!("SELECT {COLUMNS} FROM containers WHERE id >= ?1 AND id < ?2 LIMIT 2");
        let mut stmt = conn.prepare_cached(&sql)?;
        let found = stmt.query_map(bounds, from_row)?;
        Ok(found.collect::<rusqlite::Result<_>>()?)
    };
    crate::id::by_name_or_prefix(name, name_or_id, "container", by_name, by_prefix)?
        .ok_or_else(|| no_such(name_or_id))
}

/// docker's "No such container" error.
pub fn no_such(name: &str) -> Error {
    Error::NotFound {
        kind: "container",
        name: name.to_string(),
        hint: "; see `skiff ps -a` for the containers that exist".to_string(),
    }
}

/// Records a successful start: the processes' pids and the time; as docker, the last exit's
/// code and error are cleared.
pub fn set_running(
    conn: &Connection,
    id: &str,
    pid: i32,
    monitor_pid: i32,
    monitor_start: u64,
    now: i64,
) -> Result<()> {
    conn.execute(
        "UPDATE containers SET state = 'running', pid = ?2, monitor_pid = ?3, monitor_start = ?4,
         started = ?5, exit_code = 0, error = '', stopped_by_user = 0, oom_killed = 0 WHERE id = ?1",
        params![id, pid, monitor_pid, monitor_start as i64, now],
    )?;
    Ok(())
}

/// Records an exit with its code, time and error text.
pub fn set_exited(
    conn: &Connection,
    id: &str,
    exit_code: i32,
    now: i64,
    error: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE containers SET state = 'exited', pid = 0, monitor_pid = 0, monitor_start = 0,
         exit_code = ?2, finished = ?3, error = ?4 WHERE id = ?1",
        params![id, exit_code, now, error],
    )?;
    Ok(())
}

/// Records a start that failed before the command ran (not found, not executable, a port
/// taken): as docker, the container keeps its state (`created` stays created, an exited one
/// keeps its finish time) and takes the failure's exit code and error text.
pub fn set_start_failed(conn: &Connection, id: &str, exit_code: i32, error: &str) -> Result<()> {
    conn.execute(
        "UPDATE containers SET pid = 0, monitor_pid = 0, monitor_start = 0, exit_code = ?2,
         error = ?3 WHERE id = ?1",
        params![id, exit_code, error],
    )?;
    Ok(())
}

/// Records an exit after which the monitor (still alive) restarts the container.
pub fn set_restarting(
    conn: &Connection,
    id: &str,
    exit_code: i32,
    now: i64,
    monitor_pid: i32,
    monitor_start: u64,
) -> Result<()> {
    conn.execute(
        "UPDATE containers SET state = 'restarting', pid = 0, exit_code = ?2, finished = ?3,
         monitor_pid = ?4, monitor_start = ?5 WHERE id = ?1",
        params![id, exit_code, now, monitor_pid, monitor_start as i64],
    )?;
    Ok(())
}

/// Sets only the state column.
pub fn set_state(conn: &Connection, id: &str, state: State) -> Result<()> {
    set_column(conn, id, "state", state.as_str())
}

/// Counts the restart policy's retries from 0 again (a start by hand, as docker's).
pub fn reset_restart_count(conn: &Connection, id: &str) -> Result<()> {
    set_column(conn, id, "restart_count", 0)
}

/// Marks that `stop`/`kill` ended the container, so restart policies stand down.
pub fn set_stopped_by_user(conn: &Connection, id: &str, stopped: bool) -> Result<()> {
    set_column(conn, id, "stopped_by_user", stopped)
}

/// Records that the kernel's OOM killer ended the container's current run.
pub fn set_oom_killed(conn: &Connection, id: &str) -> Result<()> {
    conn.execute("UPDATE containers SET oom_killed = 1 WHERE id = ?1", [id])?;
    Ok(())
}

/// Stores a changed configuration (`update`) and its list view.
pub fn set_config(conn: &Connection, id: &str, config: &ContainerConfig) -> Result<()> {
    let text = serde_json::to_string(config).expect("config serializes");
    conn.execute(
        "UPDATE containers SET config = ?2, list_view = ?3 WHERE id = ?1",
        params![id, text, ListView::json_of(config)],
    )?;
    Ok(())
}

/// Records the pod container `id` belongs to (its configuration's `pod` is set by the caller).
pub fn set_pod(conn: &Connection, id: &str, pod_id: &str) -> Result<()> {
    set_column(conn, id, "pod_id", pod_id)
}

/// Counts one more restart by a restart policy.
pub fn bump_restart_count(conn: &Connection, id: &str) -> Result<()> {
    conn.execute(
        "UPDATE containers SET restart_count = restart_count + 1 WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Renames a container (the name column is UNIQUE; a taken name is docker's conflict).
pub fn rename(conn: &Connection, id: &str, new_name: &str) -> Result<()> {
    if let Some(other) = id_by_name(conn, new_name)? {
        return Err(name_in_use(new_name, &other));
    }
    set_column(conn, id, "name", new_name)
}

/// Sets `column` (a name this module spells, never the user's) of container `id`'s row.
fn set_column(
    conn: &Connection,
    id: &str,
    column: &str,
    value: impl rusqlite::ToSql,
) -> Result<()> {
    let sql = format!("UPDATE containers SET {column} = ?2 WHERE id = ?1");
    conn.execute(&sql, params![id, value])?;
    Ok(())
}

/// Deletes the row (and its volume links).
pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    conn.execute("DELETE FROM containers WHERE id = ?1", [id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn lists_come_newest_first_as_the_created_index_orders_them() {
        let dir = tempfile::tempdir().unwrap();
        let cat = Catalog::open(&dir.path().join("catalog.db")).unwrap();
        // Equal creation times too: the later inserted row comes first, as with the index.
        for (i, created) in [5, 9, 5, 1, 9, 5].into_iter().enumerate() {
            let mut rec =
                ContainerRecord::new_created(format!("{i:064}"), created, Default::default());
            rec.name = format!("c{i}");
            insert(cat.conn(), &rec).unwrap();
        }
        let mut stmt = cat
            .conn()
            .prepare("SELECT id FROM containers ORDER BY created DESC")
            .unwrap();
        let by_index: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let ids = |list: Vec<ContainerRecord>| list.into_iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids(all(cat.conn()).unwrap()), by_index);
        let listed = all_listed(cat.conn()).unwrap();
        assert_eq!(
            listed.into_iter().map(|r| r.id).collect::<Vec<_>>(),
            by_index
        );
        assert_eq!(by_index[0], format!("{:064}", 4));
    }

    #[test]
    fn one_column_updates_reach_the_row() {
        let dir = tempfile::tempdir().unwrap();
        let cat = Catalog::open(&dir.path().join("catalog.db")).unwrap();
        let mut rec = ContainerRecord::new_created(format!("{:064}", 7), 1, Default::default());
        rec.name = "before".into();
        insert(cat.conn(), &rec).unwrap();
        set_state(cat.conn(), &rec.id, State::Exited).unwrap();
        set_stopped_by_user(cat.conn(), &rec.id, true).unwrap();
        rename(cat.conn(), &rec.id, "after").unwrap();
        let new_pod = "INSERT INTO pods (id, name, created, config) VALUES ('p0d', 'p', 1, '{}')";
        cat.conn().execute(new_pod, []).unwrap();
        set_pod(cat.conn(), &rec.id, "p0d").unwrap();
        let got = get(cat.conn(), &rec.id).unwrap().unwrap();
        assert_eq!(got.state, State::Exited);
        assert!(got.stopped_by_user);
        assert_eq!(got.name, "after");
        let pod: String = cat
            .conn()
            .query_row(
                "SELECT pod_id FROM containers WHERE id = ?1",
                [&rec.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(pod, "p0d");
    }

    #[test]
    fn id_prefixes_find_one_many_or_none_through_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let cat = Catalog::open(&dir.path().join("catalog.db")).unwrap();
        for (i, id) in ["ab12", "ab34", "abf0", "ac00", "0f00"].iter().enumerate() {
            let mut rec = ContainerRecord::new_created(format!("{id:0<64}"), 1, Default::default());
            rec.name = format!("c{i}");
            insert(cat.conn(), &rec).unwrap();
        }
        let found = |p: &str| lookup(cat.conn(), p).map(|r| r.id[..4].to_string());
        assert_eq!(found("ab1").unwrap(), "ab12");
        assert_eq!(found("ABF").unwrap(), "abf0");
        assert_eq!(found("0f").unwrap(), "0f00");
        assert!(matches!(
            found("ab"),
            Err(Error::Ambiguous { count: 2, .. })
        ));
        assert!(matches!(found("ad"), Err(Error::NotFound { .. })));
        assert!(matches!(found("ac01"), Err(Error::NotFound { .. })));
        let plan: String = cat
            .conn()
            .query_row(
                "EXPLAIN QUERY PLAN SELECT id FROM containers WHERE id >= ?1 AND id < ?2",
                ["ab", "abg"],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("INDEX"), "{plan}");
    }
}
