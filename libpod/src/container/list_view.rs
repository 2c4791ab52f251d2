//! The list view: the few configuration fields that listing containers reads (`ps`, its
//! filters and templates, the API's `GET /containers/json`), stored as a small JSON object in
//! the catalog's `list_view` column beside the full configuration. Listing 10,000 containers
//! then parses ~300 bytes a row instead of the ~1.5 kB configuration, straight into the
//! fields of one boxed configuration ([`ListView::parse`]).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserializer as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::config::{ContainerConfig, MountConfig, RestartPolicy, RootfsSource};
use super::health::config::HealthConfig;

/// The listed fields of a [`ContainerConfig`], under the same JSON names, so that the full
/// configuration also reads as a list view (a row whose `list_view` is NULL falls back to it).
#[derive(Debug, Serialize)]
pub struct ListView {
    image: String,
    image_id: Option<String>,
    rootfs: Option<RootfsSource>,
    entrypoint: Vec<String>,
    cmd: Vec<String>,
    labels: BTreeMap<String, String>,
    mounts: Vec<MountConfig>,
    network_mode: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    connected_networks: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    mac_address: String,
    publish: Vec<String>,
    exposed_ports: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    healthcheck: Option<HealthConfig>,
    /// For the `restart-policy=` filter of `ps` and `start`; the same key and shape as in the
    /// full configuration, which must read as a view too.
    #[serde(default, skip_serializing_if = "no_policy")]
    restart: RestartPolicy,
    /// For `ps --pod` and its `pod=` filter.
    #[serde(skip_serializing_if = "String::is_empty")]
    pod: String,
}

fn no_policy(p: &RestartPolicy) -> bool {
    p.name.is_empty()
}

impl ListView {
    /// The view of `c`, as JSON for the `list_view` column.
    pub fn json_of(c: &ContainerConfig) -> String {
        let view = ListView {
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
        };
        serde_json::to_string(&view).expect("list view serializes")
    }

    /// A configuration holding only the listed fields of `json` (a list view, or a full
    /// configuration whose other fields are skipped); every other field is its default. Each
    /// field is parsed in place into one boxed configuration: a view struct moved into a
    /// configuration and then into its box cost three copies of ~1.4 kB a row, and listing
    /// 10,000 rows spent more time copying than parsing.
    pub fn parse(json: &str) -> serde_json::Result<Box<ContainerConfig>> {
        let mut config = Box::<ContainerConfig>::default();
        let mut de = serde_json::Deserializer::from_str(json);
        (&mut de).deserialize_map(InPlace(&mut config))?;
        de.end()?;
        Ok(config)
    }
}

/// The keys of a [`ListView`] (the full configuration's names for these fields); `Other` is
/// any other key of a full configuration.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    Image,
    ImageId,
    Rootfs,
    Entrypoint,
    Cmd,
    Labels,
    Mounts,
    NetworkMode,
    ConnectedNetworks,
    MacAddress,
    Publish,
    ExposedPorts,
    Healthcheck,
    Restart,
    Pod,
    #[serde(other)]
    Other,
}

/// Reads a list view's fields into the configuration it holds.
struct InPlace<'a>(&'a mut ContainerConfig);

impl<'de> Visitor<'de> for InPlace<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a container's list view (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let c = self.0;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Image => c.image = map.next_value()?,
                Key::ImageId => c.image_id = map.next_value()?,
                Key::Rootfs => c.rootfs = map.next_value()?,
                Key::Entrypoint => c.entrypoint = map.next_value()?,
                Key::Cmd => c.cmd = map.next_value()?,
                Key::Labels => c.labels = map.next_value()?,
                Key::Mounts => c.mounts = map.next_value()?,
                Key::NetworkMode => c.network_mode = map.next_value()?,
                Key::ConnectedNetworks => c.connected_networks = map.next_value()?,
                Key::MacAddress => c.mac_address = map.next_value()?,
                Key::Publish => c.publish = map.next_value()?,
                Key::ExposedPorts => c.exposed_ports = map.next_value()?,
                Key::Healthcheck => c.healthcheck = map.next_value()?,
                Key::Restart => c.restart = map.next_value()?,
                Key::Pod => c.pod = map.next_value()?,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
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
        assert_eq!(ListView::json_of(&back), json);
        assert_eq!(back.image_id, c.image_id);
        assert_eq!(back.healthcheck, c.healthcheck);
        assert_eq!(back.restart, c.restart);
        assert!(back.env.is_empty(), "the view has no environment");
        assert!(json.len() < serde_json::to_string(&c).unwrap().len() / 2);
    }

    #[test]
    fn the_full_configuration_reads_as_its_view() {
        let c = sample();
        let full = serde_json::to_string(&c).unwrap();
        let view = ListView::parse(&full).unwrap();
        assert_eq!(ListView::json_of(&view), ListView::json_of(&c));
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
        old.execute_batch(crate::catalog::schema::UNDO_PODS)
            .unwrap();
        old.execute_batch("ALTER TABLE containers DROP COLUMN list_view")
            .unwrap();
        let version: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        old.pragma_update(None, "user_version", version - 2)
            .unwrap();
        drop(old);
        let cat = Catalog::open(&path).unwrap();
        let stored: String = cat
            .conn()
            .query_row("SELECT list_view FROM containers", [], |r| r.get(0))
            .unwrap();
        let view = ListView::parse(&stored).unwrap();
        assert_eq!(ListView::json_of(&view), ListView::json_of(&c));
        let listed = rows::all_listed(cat.conn()).unwrap();
        assert_eq!(ListView::json_of(&listed[0].config), ListView::json_of(&c));
        // A row without a view is listed from its full configuration.
        cat.conn()
            .execute("UPDATE containers SET list_view = NULL", [])
            .unwrap();
        let listed = rows::all_listed(cat.conn()).unwrap();
        assert_eq!(ListView::json_of(&listed[0].config), ListView::json_of(&c));
    }
}
