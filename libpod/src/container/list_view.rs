//! The list view: the few configuration fields that listing containers reads (`ps`, its
//! filters and templates, the API's `GET /containers/json`, `pod ps`), stored as a small JSON
//! object in the catalog's `list_view` column beside the full configuration. A listed
//! container ([`super::rows::ListedContainer`]) carries this view instead of the ~1.5 kB
//! configuration: listing 10,000 containers parses and allocates ~300 bytes a row.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::config::{ContainerConfig, MountConfig, RestartPolicy, RootfsSource};
use super::health::config::HealthConfig;

/// The listed fields of a [`ContainerConfig`], under the same names (in Rust and in JSON), so
/// that code reading them reads either, and a full configuration also parses as a view (a
/// row whose `list_view` is NULL falls back to it; its other keys are skipped).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListView {
    /// The image as the user typed it ("" for `--rootfs`).
    pub image: String,
    /// The image id (hex), when from an image.
    pub image_id: Option<String>,
    /// `--rootfs`.
    pub rootfs: Option<RootfsSource>,
    /// The entrypoint.
    pub entrypoint: Vec<String>,
    /// The command (the entrypoint's arguments).
    pub cmd: Vec<String>,
    /// The container's labels.
    pub labels: BTreeMap<String, String>,
    /// Volumes, binds and tmpfs mounts.
    pub mounts: Vec<MountConfig>,
    /// The network mode as configured.
    pub network_mode: String,
    /// `network connect` put it on a user-defined network.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub connected_networks: bool,
    /// `--mac-address`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub mac_address: String,
    /// `-p` values as given.
    pub publish: Vec<String>,
    /// Exposed ports ("80/tcp").
    pub exposed_ports: Vec<String>,
    /// The healthcheck, for `ps`'s health status and its `health=` filter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<HealthConfig>,
    /// For the `restart-policy=` filter of `ps`; the same key and shape as in the full
    /// configuration, which must read as a view too.
    #[serde(skip_serializing_if = "no_policy")]
    pub restart: RestartPolicy,
    /// The pod's id ("" outside a pod), for `ps --pod`, its `pod=` filter and `pod ps`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pod: String,
    /// `--rm`, for podman's `{{.AutoRemove}}` of `ps`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub auto_remove: bool,
    /// `--init-ctr`: an init container does not count in its pod's status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub init_ctr: Option<crate::pod::init_ctr::InitCtr>,
}

fn no_policy(p: &RestartPolicy) -> bool {
    p.name.is_empty()
}

impl ListView {
    /// The view of `c`.
    pub fn of(c: &ContainerConfig) -> ListView {
        ListView {
            image: c.image.clone(),
            image_id: c.image_id.clone(),
            rootfs: c.rootfs.clone(),
            entrypoint: c.entrypoint.clone(),
            cmd: c.cmd.clone(),
            labels: c.labels.clone(),
            mounts: c.mounts.clone(),
            network_mode: c.network_mode.clone(),
            connected_networks: c.connected_networks,
            mac_address: c.mac_address.clone(),
            publish: c.publish.clone(),
            exposed_ports: c.exposed_ports.clone(),
            healthcheck: c.healthcheck.clone(),
            restart: c.restart.clone(),
            pod: c.pod.clone(),
            auto_remove: c.auto_remove,
            init_ctr: c.init_ctr,
        }
    }

    /// The view of `c`, as JSON for the `list_view` column.
    pub fn json_of(c: &ContainerConfig) -> String {
        serde_json::to_string(&ListView::of(c)).expect("list view serializes")
    }

    /// The view in `json`: a list view, or a full configuration whose other keys are skipped.
    pub fn parse(json: &str) -> serde_json::Result<ListView> {
        serde_json::from_str(json)
    }

    /// The process to run: entrypoint followed by cmd (as [`ContainerConfig::argv`]).
    pub fn argv(&self) -> Vec<String> {
        super::config::argv(&self.entrypoint, &self.cmd)
    }

    /// The IMAGE column of `ps` (as [`ContainerConfig::image_display`]).
    pub fn image_display(&self) -> String {
        super::config::image_display(&self.image, self.rootfs.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::config::MountKind;

    fn sample() -> ContainerConfig {
        ContainerConfig {
            image: "busybox".into(),
            image_id: Some("ab".repeat(32)),
            entrypoint: vec!["/bin/sh".into()],
            cmd: vec!["-c".into(), "sleep 1".into()],
            env: vec!["PATH=/bin".into(); 20],
            labels: [("tier".to_string(), "front".to_string())].into(),
            mounts: vec![MountConfig {
                kind: MountKind::Volume,
                source: "data".into(),
                destination: "/data".into(),
                read_only: true,
                options: vec![],
                create_source: false,
            }],
            network_mode: "slirp4netns".into(),
            connected_networks: true,
            mac_address: "02:42:ac:11:00:02".into(),
            publish: vec!["8080:80".into()],
            exposed_ports: vec!["80/tcp".into()],
            healthcheck: Some(HealthConfig {
                test: vec!["CMD".into(), "true".into()],
                ..HealthConfig::default()
            }),
            restart: RestartPolicy {
                name: "on-failure".into(),
                max_retries: 3,
            },
            ..ContainerConfig::default()
        }
    }

    #[test]
    fn the_view_keeps_every_listed_field_and_drops_the_rest() {
        let mut c = sample();
        c.pod = "cd".repeat(32);
        let json = ListView::json_of(&c);
        let back = ListView::parse(&json).unwrap();
        assert_eq!(back, ListView::of(&c));
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        assert_eq!(back.image_id, c.image_id);
        assert_eq!(back.healthcheck, c.healthcheck);
        assert_eq!(back.restart, c.restart);
        assert_eq!(back.argv(), c.argv());
        assert_eq!(back.image_display(), c.image_display());
        assert!(json.len() < serde_json::to_string(&c).unwrap().len() / 2);
    }

    #[test]
    fn the_full_configuration_reads_as_its_view() {
        let c = sample();
        let full = serde_json::to_string(&c).unwrap();
        assert_eq!(ListView::parse(&full).unwrap(), ListView::of(&c));
        // An old record without the optional keys reads too.
        let old = serde_json::to_string(&ContainerConfig::default()).unwrap();
        ListView::parse(&old).unwrap();
    }

    #[test]
    fn the_migration_gives_existing_rows_their_view() {
        use crate::catalog::Catalog;
        use crate::container::rows::{self, ContainerRecord};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.db");
        let c = sample();
        {
            let cat = Catalog::open(&path).unwrap();
            let mut rec = ContainerRecord::new_created("ab".repeat(32), 1, c.clone());
            rec.name = "web".into();
            rows::insert(cat.conn(), &rec).unwrap();
        }
        // The catalog as the schema before the view left it.
        let old = rusqlite::Connection::open(&path).unwrap();
        old.execute_batch(crate::catalog::schema::UNDO_NAMES_HISTORY)
            .unwrap();
        old.execute_batch(crate::catalog::schema::UNDO_AUX).unwrap();
        old.execute_batch(crate::catalog::schema::UNDO_SECRETS)
            .unwrap();
        old.execute_batch(crate::catalog::schema::UNDO_IP_RANGE)
            .unwrap();
        old.execute_batch(crate::catalog::schema::UNDO_PODS)
            .unwrap();
        old.execute_batch("ALTER TABLE containers DROP COLUMN list_view")
            .unwrap();
        let version: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        old.pragma_update(None, "user_version", version - 6)
            .unwrap();
        drop(old);
        let cat = Catalog::open(&path).unwrap();
        let stored: String = cat
            .conn()
            .query_row("SELECT list_view FROM containers", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ListView::parse(&stored).unwrap(), ListView::of(&c));
        let listed = rows::all_listed(cat.conn()).unwrap();
        assert_eq!(*listed[0].config, ListView::of(&c));
        // A row without a view is listed from its full configuration.
        cat.conn()
            .execute("UPDATE containers SET list_view = NULL", [])
            .unwrap();
        let listed = rows::all_listed(cat.conn()).unwrap();
        assert_eq!(*listed[0].config, ListView::of(&c));
    }
}
