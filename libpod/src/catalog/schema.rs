//! Schema migrations. `PRAGMA user_version` holds how many of [`MIGRATIONS`] have run; each
//! runs once, in order, in one transaction. Append new steps; never edit a released one.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

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
    // 2: containers and named volumes.
    r#"
    CREATE TABLE containers (
        id          TEXT PRIMARY KEY,          -- 64 hex, random
        name        TEXT NOT NULL UNIQUE,      -- without the leading "/"
        image_id    TEXT,                      -- NULL for --rootfs containers
        image_name  TEXT NOT NULL,             -- what the user typed ("" for --rootfs)
        rootfs      TEXT,                      -- --rootfs PATH (with ":O" when overlaid)
        created     INTEGER NOT NULL,          -- unix nanoseconds
        state       TEXT NOT NULL,             -- created|running|paused|exited|removing|dead|stopped
        pid         INTEGER NOT NULL DEFAULT 0,
        monitor_pid INTEGER NOT NULL DEFAULT 0,
        monitor_start INTEGER NOT NULL DEFAULT 0, -- /proc/PID/stat starttime, against pid reuse
        exit_code   INTEGER NOT NULL DEFAULT 0,
        error       TEXT NOT NULL DEFAULT '',
        started     INTEGER NOT NULL DEFAULT 0,  -- unix nanoseconds, 0 = never
        finished    INTEGER NOT NULL DEFAULT 0,  -- unix nanoseconds, 0 = never
        restart_count INTEGER NOT NULL DEFAULT 0,
        stopped_by_user INTEGER NOT NULL DEFAULT 0, -- `stop`/`kill` ran: restart policies stand down
        config      TEXT NOT NULL,             -- JSON: the container's full configuration
        labels      TEXT NOT NULL DEFAULT '{}' -- JSON object, for label filters
    );
    CREATE INDEX containers_by_state ON containers(state);
    CREATE INDEX containers_by_created ON containers(created);
    CREATE INDEX containers_by_image ON containers(image_id);
    CREATE TABLE volumes (
        name        TEXT PRIMARY KEY,
        driver      TEXT NOT NULL DEFAULT 'local',
        labels      TEXT NOT NULL DEFAULT '{}',  -- JSON object
        options     TEXT NOT NULL DEFAULT '{}',  -- JSON object
        anonymous   INTEGER NOT NULL DEFAULT 0,
        created     INTEGER NOT NULL             -- unix nanoseconds
    );
    CREATE TABLE container_volumes (
        container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
        volume      TEXT NOT NULL REFERENCES volumes(name),
        PRIMARY KEY (container_id, volume)
    );
    CREATE INDEX container_volumes_by_volume ON container_volumes(volume);
    "#,
    // 3: user-defined networks and the containers on them.
    r#"
    CREATE TABLE networks (
        id          TEXT PRIMARY KEY,          -- 64 hex, random
        name        TEXT NOT NULL UNIQUE,
        driver      TEXT NOT NULL DEFAULT 'bridge',
        subnet      TEXT NOT NULL,             -- "10.89.0.0/24"
        gateway     TEXT NOT NULL,             -- "10.89.0.1"
        internal    INTEGER NOT NULL DEFAULT 0, -- no helper: no way out of the network
        labels      TEXT NOT NULL DEFAULT '{}', -- JSON object
        options     TEXT NOT NULL DEFAULT '{}', -- JSON object
        created     INTEGER NOT NULL             -- unix nanoseconds
    );
    CREATE TABLE network_members (
        network_id  TEXT NOT NULL REFERENCES networks(id),
        container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
        ip          TEXT NOT NULL,             -- the container's address, fixed at create/connect
        mac         TEXT NOT NULL,
        aliases     TEXT NOT NULL DEFAULT '[]', -- JSON array: --network-alias and --link names
        position    INTEGER NOT NULL,          -- order of joining: the first gives the default route
        PRIMARY KEY (network_id, container_id),
        UNIQUE (network_id, ip)
    );
    CREATE INDEX network_members_by_container ON network_members(container_id);
    "#,
    // 4: lifecycle events (`skiff events`), pruned to the newest rows by events::record.
    r#"
    CREATE TABLE events (
        seq         INTEGER PRIMARY KEY,       -- rowid: insertion order, followed by streams
        time        INTEGER NOT NULL,          -- unix nanoseconds
        type        TEXT NOT NULL,             -- container|image|volume|network
        action      TEXT NOT NULL,             -- docker's action: create, start, die, destroy...
        actor       TEXT NOT NULL,             -- id, image reference or volume name
        attributes  TEXT NOT NULL DEFAULT '{}' -- JSON object: name, image, exitCode, labels...
    );
    CREATE INDEX events_by_time ON events(time);
    "#,
    // 4 (or later): the kernel's OOM killer ended the container's last run (docker's
    // State.OOMKilled), read from its cgroup's memory.events by the monitor.
    r#"
    ALTER TABLE containers ADD COLUMN oom_killed INTEGER NOT NULL DEFAULT 0;
    "#,
    // IPv6 on user-defined networks (`network create --ipv6`): the network's v6 subnet and
    // gateway, a member's v6 address ('' on IPv4-only networks), unique per network.
    r#"
    ALTER TABLE networks ADD COLUMN subnet6 TEXT NOT NULL DEFAULT '';
    ALTER TABLE networks ADD COLUMN gateway6 TEXT NOT NULL DEFAULT '';
    ALTER TABLE network_members ADD COLUMN ip6 TEXT NOT NULL DEFAULT '';
    CREATE UNIQUE INDEX network_members_ip6 ON network_members(network_id, ip6) WHERE ip6 != '';
    "#,
    // `build`'s layer cache: the images build steps made, by the step's cache key (its
    // parent, instruction, arguments and input digest; the newest row of a key is used).
    // `intermediate` images are hidden from `images` without -a and kept by a plain
    // `image prune` while a named image builds on them.
    r#"
    CREATE TABLE build_cache (
        key          TEXT NOT NULL,
        image_id     TEXT NOT NULL,
        intermediate INTEGER NOT NULL,
        PRIMARY KEY (key, image_id)
    );
    CREATE INDEX build_cache_by_image ON build_cache(image_id);
    "#,
    // Manifest lists (`skiff manifest`): an OCI index kept under a name, with where each
    // entry's content is (a local image, or the registry repository it was added from).
    r#"
    CREATE TABLE manifest_lists (
        name        TEXT PRIMARY KEY,          -- normalized "registry/repo:tag"
        id          TEXT NOT NULL UNIQUE,      -- 64 hex, random: the list's id (rmi, images)
        manifest    BLOB NOT NULL,             -- the OCI image index JSON
        sources     TEXT NOT NULL DEFAULT '{}', -- JSON object: entry digest -> its source
        created     INTEGER NOT NULL           -- unix seconds
    );
    "#,
    // The list view (container::list_view): the configuration fields `ps` and the API's list
    // read, as a small JSON object, so listing does not parse every full configuration.
    // Existing rows get theirs from their configuration (the same keys; booleans kept as
    // JSON booleans); a row left NULL is listed from its full configuration.
    r#"
    ALTER TABLE containers ADD COLUMN list_view TEXT;
    UPDATE containers SET list_view = (
        SELECT json_group_object(key, CASE type WHEN 'true' THEN json('true')
                                                WHEN 'false' THEN json('false') ELSE value END)
        FROM json_each(containers.config)
        WHERE key IN ('image', 'image_id', 'rootfs', 'entrypoint', 'cmd', 'labels', 'mounts',
                      'network_mode', 'connected_networks', 'mac_address', 'publish',
                      'exposed_ports', 'healthcheck', 'restart'));
    "#,
    // Pods (`skiff pod`): containers that share an infra container's network, IPC and UTS
    // namespaces. `config` is the pod's JSON configuration (pod::PodConfig); a container's
    // `pod_id` names its pod (NULL: none). The infra container is a member too.
    r#"
    CREATE TABLE pods (
        id          TEXT PRIMARY KEY,          -- 64 hex, random
        name        TEXT NOT NULL UNIQUE,
        created     INTEGER NOT NULL,          -- unix nanoseconds
        infra_id    TEXT NOT NULL DEFAULT '',  -- the infra container ('' with --infra=false)
        labels      TEXT NOT NULL DEFAULT '{}', -- JSON object
        config      TEXT NOT NULL              -- JSON: the pod's configuration
    );
    ALTER TABLE containers ADD COLUMN pod_id TEXT REFERENCES pods(id);
    CREATE INDEX containers_by_pod ON containers(pod_id);
    "#,
    // `network create --ip-range`: the part of the IPv4 subnet that members get addresses
    // from when they do not ask for one ('' for the whole subnet), as it was given.
    r#"
    ALTER TABLE networks ADD COLUMN ip_range TEXT NOT NULL DEFAULT '';
    "#,
    // Secrets (`skiff secret`): name, id and labels; the data is a file of its own under
    // ROOT/secrets, named by the id.
    r#"
    CREATE TABLE secrets (
        id          TEXT PRIMARY KEY,          -- 25 hex, random
        name        TEXT NOT NULL UNIQUE,
        driver      TEXT NOT NULL,             -- file
        labels      TEXT NOT NULL DEFAULT '{}', -- JSON object
        created     INTEGER NOT NULL,          -- unix nanoseconds
        updated     INTEGER NOT NULL           -- unix nanoseconds
    );
    "#,
    // docker's `network create --aux-address NAME=IP` (addresses members never get) and
    // `--ipam-opt KEY=VALUE`, JSON objects.
    r#"
    ALTER TABLE networks ADD COLUMN aux_addresses TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE networks ADD COLUMN ipam_options TEXT NOT NULL DEFAULT '{}';
    "#,
    // podman's NamesHistory: every name an image was given, in order (kept when the name
    // moves on or is taken off), written by triggers wherever a name is set.
    r#"
    CREATE TABLE image_name_history (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        image_id    TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        name        TEXT NOT NULL
    );
    CREATE INDEX image_name_history_by_image ON image_name_history(image_id);
    INSERT INTO image_name_history (image_id, name) SELECT image_id, name FROM image_names;
    CREATE TRIGGER image_name_history_on_insert AFTER INSERT ON image_names BEGIN
        INSERT INTO image_name_history (image_id, name) VALUES (NEW.image_id, NEW.name);
    END;
    CREATE TRIGGER image_name_history_on_update AFTER UPDATE OF image_id ON image_names BEGIN
        INSERT INTO image_name_history (image_id, name) VALUES (NEW.image_id, NEW.name);
    END;
    "#,
];

/// For tests of older schemas: undoes the names history migration (the last one).
#[cfg(test)]
pub(crate) const UNDO_NAMES_HISTORY: &str = "DROP TRIGGER image_name_history_on_insert; \
    DROP TRIGGER image_name_history_on_update; DROP TABLE image_name_history;";

/// For tests of older schemas: undoes the auxiliary addresses migration (the one before the
/// last).
#[cfg(test)]
pub(crate) const UNDO_AUX: &str = "ALTER TABLE networks DROP COLUMN aux_addresses; \
    ALTER TABLE networks DROP COLUMN ipam_options;";

/// For tests of older schemas: undoes the secrets migration (the one before the last).
#[cfg(test)]
pub(crate) const UNDO_SECRETS: &str = "DROP TABLE secrets;";

/// For tests of older schemas: undoes the IP range migration (the one before the last).
#[cfg(test)]
pub(crate) const UNDO_IP_RANGE: &str = "ALTER TABLE networks DROP COLUMN ip_range;";

/// For tests of older schemas: undoes the pods migration (the one before the last).
#[cfg(test)]
pub(crate) const UNDO_PODS: &str = "DROP INDEX containers_by_pod; \
    ALTER TABLE containers DROP COLUMN pod_id; DROP TABLE pods;";

/// Runs the migrations the database at `path` has not seen yet, copying it beside itself
/// first (see [`super::backup_path`]) when it already held data of an older schema.
pub(super) fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    let have: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if have > MIGRATIONS.len() {
        return Err(Error::Runtime(format!(
            "the catalog was written by a newer skiff (schema {have}, this one knows {}): \
             use that version, or give this one its own --root",
            MIGRATIONS.len()
        )));
    }
    if have == MIGRATIONS.len() {
        return Ok(());
    }
    if have > 0 {
        let copy = super::backup_path(path, &format!("schema-{have}"));
        super::copy_to(conn, &copy)?;
        tracing::warn!(
            "upgrading the catalog's schema from {have} to {}; the old catalog is copied to {}",
            MIGRATIONS.len(),
            copy.display()
        );
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
