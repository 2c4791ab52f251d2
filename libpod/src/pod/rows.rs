//! The `pods` table: one short statement each.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{no_such_pod, PodRecord};
use crate::error::{Error, Result};

const COLUMNS: &str = "id, name, created, infra_id, labels, config";

fn from_row(row: &Row<'_>) -> rusqlite::Result<PodRecord> {
    let json = |i: usize| -> rusqlite::Result<String> { row.get(i) };
    let bad = |i: usize, e: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    Ok(PodRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        created: row.get(2)?,
        infra_id: row.get(3)?,
        labels: serde_json::from_str(&json(4)?).map_err(|e| bad(4, e))?,
        config: serde_json::from_str(&json(5)?).map_err(|e| bad(5, e))?,
    })
}

/// Inserts a new pod; a taken name is a conflict that says how to reuse it.
pub(crate) fn insert(conn: &Connection, pod: &PodRecord) -> Result<()> {
    let taken: Option<String> = conn
        .query_row("SELECT id FROM pods WHERE name = ?1", [&pod.name], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(other) = taken {
        return Err(Error::Conflict(format!(
            "the pod name {:?} is already in use by pod {other}: remove it (`skiff pod rm -f {}`) \
             or give --replace",
            pod.name, pod.name
        )));
    }
    conn.execute(
        &format!("INSERT INTO pods ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        params![
            pod.id,
            pod.name,
            pod.created,
            pod.infra_id,
            serde_json::to_string(&pod.labels).expect("labels serialize"),
            serde_json::to_string(&pod.config).expect("config serializes"),
        ],
    )?;
    Ok(())
}

/// Records the pod's infra container.
pub(crate) fn set_infra(conn: &Connection, pod_id: &str, infra_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE pods SET infra_id = ?2 WHERE id = ?1",
        params![pod_id, infra_id],
    )?;
    Ok(())
}

/// Deletes the pod's row (its containers must be gone).
pub(crate) fn delete(conn: &Connection, pod_id: &str) -> Result<()> {
    conn.execute("DELETE FROM pods WHERE id = ?1", [pod_id])?;
    Ok(())
}

/// Every pod, newest first.
pub(crate) fn all(conn: &Connection) -> Result<Vec<PodRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM pods ORDER BY created DESC"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The pod with exactly this name (no id prefix: `--replace` and `kube` act on names).
pub(crate) fn by_name(conn: &Connection, name: &str) -> Result<Option<PodRecord>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM pods WHERE name = ?1"))?;
    Ok(stmt.query_row([name], from_row).optional()?)
}

/// Finds a pod by name, full id or unique id prefix.
pub(crate) fn lookup(conn: &Connection, name_or_id: &str) -> Result<PodRecord> {
    if name_or_id.is_empty() {
        return Err(no_such_pod(name_or_id));
    }
    let by_prefix = |bounds: [String; 2]| {
        let sql = format!("SELECT {COLUMNS} FROM pods WHERE id >= ?1 AND id < ?2 LIMIT 2");
        let mut stmt = conn.prepare_cached(&sql)?;
        let found = stmt.query_map(bounds, from_row)?;
        Ok(found.collect::<rusqlite::Result<_>>()?)
    };
    let named = || by_name(conn, name_or_id);
    crate::id::by_name_or_prefix(name_or_id, name_or_id, "pod", named, by_prefix)?
        .ok_or_else(|| no_such_pod(name_or_id))
}

/// The ids of the pod's containers (the infra among them), oldest first.
pub(crate) fn member_ids(conn: &Connection, pod_id: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM containers WHERE pod_id = ?1 ORDER BY created")?;
    let rows = stmt.query_map([pod_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The pod whose infra container is `container_id`, if any.
pub(crate) fn infra_of(conn: &Connection, container_id: &str) -> Result<Option<PodRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM pods WHERE infra_id = ?1"))?;
    Ok(stmt.query_row([container_id], from_row).optional()?)
}
