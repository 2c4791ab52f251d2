//! Events: every lifecycle change of a container, image, volume or network, recorded in the
//! catalog's `events` table by whichever process causes it, and read back by `skiff events`.
//!
//! # Recording an event
//! - Inside a catalog transaction that makes the state change (preferred: one commit, no extra
//!   write): `events::record_container(tx, &id, "start", &[])` for a container (its name, image
//!   and labels are added from its row, so call it before deleting the row), or
//!   `events::record(tx, EventType::Volume, "create", &name, &[("driver", "local")])`.
//! - With no transaction of your own: [`Engine::record_container_event`] or
//!   [`Engine::record_event`], e.g. `engine.record_container_event(&id, "pause", &[])` or
//!   `engine.record_container_event(&id, "health_status: healthy", &[])`.
//!
//! Recording never fails the caller's operation: an error is logged with `tracing` and dropped.
//! Actions and attributes follow docker's (`destroy` for `rm`, `die` with `exitCode`, `kill`
//! with `signal`).

mod filter;
mod follow;
pub mod message;

pub use filter::EventFilter;
pub use follow::{EventQuery, EventSink};

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::container::time::now_ns;
use crate::engine::Engine;
use crate::error::Result;
use crate::networks::record::NetworkRecord;

/// How many events the catalog keeps: the newest [`KEEP`] rows survive each prune. A row is
/// about 200 bytes, so this bounds the table near 10 MB, yet holds weeks of ordinary use (a
/// `run --rm` records four events) and a bounded query over all of it still takes milliseconds.
/// docker keeps only its last 256 events in memory; podman's event file rotates at 1 MB.
const KEEP: i64 = 50_000;

/// Pruning runs when the new row's sequence number is a multiple of this, so an insert almost
/// always costs one row (and the table holds at most `KEEP + PRUNE_EVERY` rows).
const PRUNE_EVERY: i64 = 1_000;

/// What kind of object an event is about (docker's `Type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    /// A container.
    Container,
    /// An image.
    Image,
    /// A named volume.
    Volume,
    /// A user-defined network.
    Network,
    /// A pod (podman's `type=pod` events).
    Pod,
}

impl EventType {
    /// docker's lower-case name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Container => "container",
            EventType::Image => "image",
            EventType::Volume => "volume",
            EventType::Network => "network",
            EventType::Pod => "pod",
        }
    }

    /// Parses docker's name of a type.
    pub fn parse(s: &str) -> Option<EventType> {
        match s {
            "container" => Some(EventType::Container),
            "image" => Some(EventType::Image),
            "volume" => Some(EventType::Volume),
            "network" => Some(EventType::Network),
            "pod" => Some(EventType::Pod),
            _ => None,
        }
    }
}

/// One recorded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Position in the catalog: later events have larger numbers.
    pub seq: i64,
    /// When it happened, unix nanoseconds.
    pub time_nano: i64,
    /// What kind of object it is about.
    pub kind: EventType,
    /// docker's action: `create`, `start`, `die`, `destroy`, `pull`, `tag`...
    pub action: String,
    /// The object: a container's or network's id, an image's id or reference, a volume's name.
    pub actor: String,
    /// docker's `Actor.Attributes`: `name`, `image`, `exitCode`, labels...
    pub attributes: BTreeMap<String, String>,
}

/// Records an event on `conn`, normally inside the transaction that makes the change. Never
/// fails: an error is logged and dropped.
pub(crate) fn record(
    conn: &Connection,
    kind: EventType,
    action: &str,
    actor: &str,
    attributes: &[(&str, &str)],
) {
    let attrs: BTreeMap<&str, &str> = attributes.iter().copied().collect();
    if let Err(e) = insert(conn, kind, action, actor, &attrs) {
        tracing::warn!(
            "recording the {} {action} event of {actor}: {e}",
            kind.as_str()
        );
    }
}

/// Records an event about container `id` on `conn`, with its name, image and labels as docker's
/// attributes plus `extra` (such as `("exitCode", "0")`). Call it while the container's row
/// exists (before deleting it). Never fails: an error is logged and dropped.
pub(crate) fn record_container(conn: &Connection, id: &str, action: &str, extra: &[(&str, &str)]) {
    if let Err(e) = insert_container(conn, id, action, extra) {
        tracing::warn!("recording the container {action} event of {id}: {e}");
    }
}

/// The exit code of container `id`'s last `die` event recorded at `since` (unix nanoseconds)
/// or later, for a waiter that finds the row gone (a `--rm` container's row goes in the step
/// that records its exit). None without one.
pub(crate) fn exit_code_since(conn: &Connection, id: &str, since: i64) -> Result<Option<i32>> {
    // Newest first by rowid: the event is among the last rows, so the scan stops early.
    let attributes: Option<String> = conn
        .query_row(
            "SELECT attributes FROM events WHERE type = 'container' AND action = 'die'
             AND actor = ?1 AND time >= ?2 ORDER BY seq DESC LIMIT 1",
            params![id, since],
            |r| r.get(0),
        )
        .optional()?;
    Ok(attributes
        .and_then(|a| serde_json::from_str::<BTreeMap<String, String>>(&a).ok())
        .and_then(|a| a.get("exitCode")?.parse().ok()))
}

/// Records podman's pod event `action` (`create`, `start`, `stop`, `kill`, `pause`, `unpause`,
/// `remove`) about pod `id` called `name`. Never fails: an error is logged.
pub(crate) fn record_pod(conn: &Connection, id: &str, name: &str, action: &str) {
    record(conn, EventType::Pod, action, id, &[("name", name)]);
}

/// Records docker's image event `action` (`load`, `save`, `import`, `untag`, `delete`) about
/// image `id` (hex), named by its id as docker does. Never fails: an error is logged.
pub(crate) fn record_image(conn: &Connection, action: &str, id: &str) {
    let actor = format!("sha256:{id}");
    record(conn, EventType::Image, action, &actor, &[("name", &actor)]);
}

/// Records docker's image event `action` about `actor` (a reference for `pull`, `sha256:ID`
/// for `tag`) with the `name` attribute docker gives it. Never fails: an error is logged.
pub(crate) fn record_image_named(conn: &Connection, action: &str, actor: &str, name: &str) {
    record(conn, EventType::Image, action, actor, &[("name", name)]);
}

/// Records docker's volume event `action` (`create`, `destroy`) about volume `name`.
pub(crate) fn record_volume(conn: &Connection, action: &str, name: &str) {
    record(
        conn,
        EventType::Volume,
        action,
        name,
        &[("driver", "local")],
    );
}

/// Records docker's network event `action` about the (bridge) network `id` called `name`:
/// `create` and `destroy`, or with the `container` it concerns, `connect` and `disconnect`.
pub(crate) fn record_network(
    conn: &Connection,
    action: &str,
    id: &str,
    name: &str,
    container: Option<&str>,
) {
    let mut attrs = vec![("name", name), ("type", "bridge")];
    attrs.extend(container.map(|c| ("container", c)));
    record(conn, EventType::Network, action, id, &attrs);
}

/// Records docker's `untag` for each name image `id` (hex) has; call it before deleting them.
pub(crate) fn record_untags(conn: &Connection, id: &str) {
    let names = conn
        .query_row(
            "SELECT count(*) FROM image_names WHERE image_id = ?1",
            [id],
            |r| r.get::<_, i64>(0),
        )
        .unwrap_or(0);
    for _ in 0..names {
        record_image(conn, "untag", id);
    }
}

/// Records what docker's `commit` of container `container` into image `image_id` (hex) emits:
/// the image's `tag` when it is named `image_ref` (familiar form, e.g. `app:v1`), then the
/// container's `commit` with `comment` (`-m`), `imageID` and `imageRef` ("" without a name).
pub(crate) fn record_commit(
    conn: &Connection,
    container: &str,
    image_id: &str,
    image_ref: Option<&str>,
    comment: &str,
) {
    let actor = format!("sha256:{image_id}");
    if let Some(name) = image_ref {
        record_image_named(conn, "tag", &actor, name);
    }
    record_container(
        conn,
        container,
        "commit",
        &[
            ("comment", comment),
            ("imageID", &actor),
            ("imageRef", image_ref.unwrap_or("")),
        ],
    );
}

fn insert_container(
    conn: &Connection,
    id: &str,
    action: &str,
    extra: &[(&str, &str)],
) -> Result<()> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT name, image_name, labels FROM containers WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (name, image, labels) = row.unwrap_or_default();
    let labels: BTreeMap<String, String> = serde_json::from_str(&labels).unwrap_or_default();
    let mut attrs: BTreeMap<&str, &str> = labels
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    attrs.insert("image", &image);
    attrs.insert("name", &name);
    attrs.extend(extra.iter().copied());
    insert(conn, EventType::Container, action, id, &attrs)
}

fn insert(
    conn: &Connection,
    kind: EventType,
    action: &str,
    actor: &str,
    attributes: &BTreeMap<&str, &str>,
) -> Result<()> {
    let attributes = serde_json::to_string(attributes).expect("string pairs serialize");
    conn.prepare_cached(
        "INSERT INTO events (time, type, action, actor, attributes) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![now_ns(), kind.as_str(), action, actor, attributes])?;
    let seq = conn.last_insert_rowid();
    if seq % PRUNE_EVERY == 0 {
        conn.execute("DELETE FROM events WHERE seq <= ?1", [seq - KEEP])?;
    }
    Ok(())
}

impl Engine {
    /// Records an event in a short transaction of its own, for an operation that writes nothing
    /// else to the catalog (inside a transaction, call `events::record` instead). `attributes`
    /// are docker's `Actor.Attributes`. Never fails: an error is logged and dropped.
    pub fn record_event(
        &mut self,
        kind: EventType,
        action: &str,
        actor: &str,
        attributes: &[(&str, &str)],
    ) {
        self.record_alone(|tx| record(tx, kind, action, actor, attributes));
    }

    /// Records an event about container `id` (its name, image and labels are added from its
    /// catalog row, plus `extra`) in a short transaction of its own, e.g.
    /// `engine.record_container_event(&id, "pause", &[])`. Never fails: an error is logged.
    pub fn record_container_event(&mut self, id: &str, action: &str, extra: &[(&str, &str)]) {
        self.record_alone(|tx| record_container(tx, id, action, extra));
    }

    /// Records podman's pod event `action` about pod `id` called `name` in a short
    /// transaction of its own.
    pub(crate) fn record_pod_event(&mut self, id: &str, name: &str, action: &str) {
        self.record_alone(|tx| record_pod(tx, id, name, action));
    }

    /// Records docker's image event `action` (`save`, `import`...) about image `id` (hex) in a
    /// short transaction of its own.
    pub(crate) fn record_image_event(&mut self, action: &str, id: &str) {
        self.record_alone(|tx| record_image(tx, action, id));
    }

    /// Records docker's network `connect` or `disconnect` of `container` on `net` in a short
    /// transaction of its own.
    pub(crate) fn record_network_event(
        &mut self,
        action: &str,
        net: &NetworkRecord,
        container: &str,
    ) {
        self.record_alone(|tx| record_network(tx, action, &net.id, &net.name, Some(container)));
    }

    /// Records docker's `exec_create: CMD` and `exec_start: CMD` for a process `exec` is about
    /// to start in container `id`.
    pub(crate) fn record_exec_start(&mut self, id: &str, cmd: &[String]) {
        let cmd = cmd.join(" ");
        self.record_alone(|tx| {
            record_container(tx, id, &format!("exec_create: {cmd}"), &[]);
            record_container(tx, id, &format!("exec_start: {cmd}"), &[]);
        });
    }

    /// Records docker's `exec_die` with the exit code of an `exec` process in container `id`;
    /// returns `code`.
    pub(crate) fn record_exec_die(&mut self, id: &str, code: i32) -> i32 {
        self.record_container_event(id, "exec_die", &[("exitCode", &code.to_string())]);
        code
    }

    /// Runs `f` (which records and logs its own failures) in a write transaction of its own;
    /// a catalog that cannot be opened or locked is logged too.
    fn record_alone(&mut self, f: impl FnOnce(&Connection)) {
        let result = self.catalog().and_then(|c| {
            c.write(|tx| {
                f(tx);
                Ok(())
            })
        });
        if let Err(e) = result {
            tracing::warn!("recording an event: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn rows(c: &Catalog) -> Vec<(i64, String, String, String)> {
        c.conn()
            .prepare("SELECT seq, action, actor, attributes FROM events ORDER BY seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn a_container_event_carries_its_name_image_and_labels() {
        let dir = tempfile::tempdir().unwrap();
        let c = Catalog::open(&dir.path().join("catalog.db")).unwrap();
        c.conn()
            .execute(
                "INSERT INTO containers (id, name, image_name, created, state, config, labels)
                 VALUES ('abc', 'web', 'busybox', 0, 'created', '{}', '{\"tier\":\"front\"}')",
                [],
            )
            .unwrap();
        record_container(c.conn(), "abc", "die", &[("exitCode", "3")]);
        record_volume(c.conn(), "create", "data");
        let got = rows(&c);
        assert_eq!(got[0].1, "die");
        assert_eq!(
            got[0].3,
            r#"{"exitCode":"3","image":"busybox","name":"web","tier":"front"}"#
        );
        assert_eq!((got[1].1.as_str(), got[1].2.as_str()), ("create", "data"));
        assert_eq!(got[1].3, r#"{"driver":"local"}"#);
    }

    #[test]
    fn the_exit_code_is_the_newest_die_event_of_that_container_since_the_time_given() {
        let dir = tempfile::tempdir().unwrap();
        let c = Catalog::open(&dir.path().join("catalog.db")).unwrap();
        for id in ["abc", "abd"] {
            c.conn()
                .execute(
                    "INSERT INTO containers (id, name, image_name, created, state, config)
                     VALUES (?1, ?1, 'busybox', 0, 'created', '{}')",
                    [id],
                )
                .unwrap();
        }
        assert_eq!(exit_code_since(c.conn(), "abc", 0).unwrap(), None);
        record_container(c.conn(), "abc", "die", &[("exitCode", "3")]);
        let between = now_ns();
        assert_eq!(exit_code_since(c.conn(), "abc", between).unwrap(), None);
        record_container(c.conn(), "abc", "die", &[("exitCode", "42")]);
        record_container(c.conn(), "abd", "die", &[("exitCode", "7")]);
        record_container(c.conn(), "abc", "destroy", &[]);
        c.conn().execute("DELETE FROM containers", []).unwrap();
        assert_eq!(exit_code_since(c.conn(), "abc", between).unwrap(), Some(42));
        assert_eq!(exit_code_since(c.conn(), "abc", 0).unwrap(), Some(42));
        assert_eq!(exit_code_since(c.conn(), "abd", 0).unwrap(), Some(7));
        assert_eq!(exit_code_since(c.conn(), "ab", 0).unwrap(), None);
    }

    #[test]
    fn pruning_keeps_the_newest_rows() {
        let dir = tempfile::tempdir().unwrap();
        let c = Catalog::open(&dir.path().join("catalog.db")).unwrap();
        let insert = |seq: i64| {
            c.conn()
                .execute(
                    "INSERT INTO events (seq, time, type, action, actor) VALUES (?1, 0, 'volume', 'create', 'v')",
                    [seq],
                )
                .unwrap();
        };
        for seq in [1, PRUNE_EVERY, PRUNE_EVERY + 1, KEEP + PRUNE_EVERY - 1] {
            insert(seq);
        }
        // The next row is a multiple of PRUNE_EVERY: everything KEEP rows older goes.
        record_volume(c.conn(), "destroy", "v");
        let seqs: Vec<i64> = rows(&c).iter().map(|r| r.0).collect();
        assert_eq!(
            seqs,
            [PRUNE_EVERY + 1, KEEP + PRUNE_EVERY - 1, KEEP + PRUNE_EVERY]
        );
    }
}
