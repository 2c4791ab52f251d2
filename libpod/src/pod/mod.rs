//! Pods: groups of containers that share an infra container's network, IPC and UTS
//! namespaces (podman's pods). The infra container is an ordinary container of the catalog
//! whose process is skiff-init's pause mode (see [`infra`]); members join its namespaces
//! through the same `container:ID` modes as `--network container:X`, so pods add no second
//! way of sharing a namespace. Published ports belong to the pod: they are the infra's.
//!
//! One operation per file: [`create`], [`start`], [`stop`], [`remove`], [`list`],
//! [`inspect`], [`exit_policy`] (a member's exit), [`lock`]; [`rows`] is the `pods` table, [`status`] the pure status computation.

pub mod create;
pub mod exit_policy;
pub mod infra;
pub mod init_ctr;
pub mod inspect;
pub mod list;
pub(crate) mod lock;
pub(crate) mod member;
pub mod remove;
pub(crate) mod rows;
pub mod start;
pub mod status;
pub mod stop;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use create::{InfraOptions, PodIdMaps, PodSpec};
pub use exit_policy::ExitPolicy;
pub use status::PodStatus;

/// A namespace the members of a pod share with its infra container (`--share`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SharedNamespace {
    /// The IPC namespace (and the infra's /dev/shm).
    Ipc,
    /// The network namespace: one address, one loopback, the pod's published ports.
    Net,
    /// The PID namespace (the pause process is its PID 1).
    Pid,
    /// The UTS namespace: the pod's host name.
    Uts,
}

impl SharedNamespace {
    /// podman's name (`--share` and `SharedNamespaces` of `pod inspect`).
    pub fn as_str(self) -> &'static str {
        match self {
            SharedNamespace::Ipc => "ipc",
            SharedNamespace::Net => "net",
            SharedNamespace::Pid => "pid",
            SharedNamespace::Uts => "uts",
        }
    }
}

/// The namespaces a pod shares when `--share` is not given (podman's default).
pub const DEFAULT_SHARE: [SharedNamespace; 3] = [
    SharedNamespace::Ipc,
    SharedNamespace::Net,
    SharedNamespace::Uts,
];

/// Parses `--share`: a comma list of `ipc`, `net`, `pid`, `uts` (or `none`), replacing the
/// default; with a leading `+` the list is added to the default (podman's `--share +pid`).
/// Sorted, without duplicates.
pub fn parse_share(value: &str) -> Result<Vec<SharedNamespace>> {
    let (mut out, list) = match value.strip_prefix('+') {
        Some(rest) => (DEFAULT_SHARE.to_vec(), rest),
        None => (Vec::new(), value),
    };
    for word in list.split(',').map(str::trim) {
        let ns =
            match word {
                "ipc" => SharedNamespace::Ipc,
                "net" => SharedNamespace::Net,
                "pid" => SharedNamespace::Pid,
                "uts" => SharedNamespace::Uts,
                "none" | "" if list.trim() == word => continue,
                "cgroup" => return Err(Error::InvalidArgument(
                    "--share cgroup is not supported: every skiff container has a cgroup of its \
                     own; share ipc, net, pid or uts"
                        .into(),
                )),
                other => {
                    return Err(Error::InvalidArgument(format!(
                    "invalid --share {value:?}: {other:?} is not a namespace; give a comma list \
                     of ipc, net, pid, uts (or none)"
                )))
                }
            };
        if !out.contains(&ns) {
            out.push(ns);
        }
    }
    out.sort();
    Ok(out)
}

/// A pod's configuration, stored as JSON in its catalog row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PodConfig {
    /// The namespaces members share with the infra container.
    pub shared: Vec<SharedNamespace>,
    /// `--hostname` as given ("" when not).
    pub hostname: String,
    /// `-p` as given, in docker's `HOST:CONTAINER/PROTO` form (the infra's ports).
    pub publish: Vec<String>,
    /// `--network` as given ("" for the default).
    pub network: String,
    /// `--add-host`.
    pub add_host: Vec<String>,
    /// `--dns`.
    pub dns: Vec<String>,
    /// `--userns` as given ("" for none).
    pub userns: String,
    /// `--exit-policy`: what happens to the pod when its last member exits.
    pub exit_policy: ExitPolicy,
    /// The command line that created the pod (podman's `CreateCommand`).
    pub create_command: Vec<String>,
    /// `--volume` as given: the infra container's, which every member mounts too.
    pub volumes: Vec<String>,
    /// `--volumes-from` as given: the infra container's, which every member mounts too.
    pub volumes_from: Vec<String>,
    /// `--device` as given: the infra container's and every member's (before its own).
    pub devices: Vec<String>,
    /// `--security-opt` as given: the infra container's and every member's (before its own,
    /// which win).
    pub security_opt: Vec<String>,
    /// `--pid` as given ("" for a private namespace): the infra's PID namespace mode, which
    /// the members get when the pod shares pid.
    pub pid: String,
    /// `--uts` as given ("" for a private namespace): the infra's UTS namespace mode, which
    /// the members get when the pod shares uts.
    pub uts: String,
}

/// One pod as recorded in the catalog.
#[derive(Debug, Clone)]
pub struct PodRecord {
    /// 64 hex digits.
    pub id: String,
    /// Unique name.
    pub name: String,
    /// Creation time, unix nanoseconds.
    pub created: i64,
    /// The infra container's full id ("" for a pod created with `--infra=false`).
    pub infra_id: String,
    /// `--label`.
    pub labels: BTreeMap<String, String>,
    /// The rest of its configuration.
    pub config: PodConfig,
}

impl PodRecord {
    /// Whether members join the infra's namespace `ns`.
    pub fn shares(&self, ns: SharedNamespace) -> bool {
        !self.infra_id.is_empty() && self.config.shared.contains(&ns)
    }
}

/// podman's error for a pod that does not exist (`pod` commands exit 125 with it).
pub fn no_such_pod(name: &str) -> Error {
    Error::NotFound {
        kind: "pod",
        name: name.to_string(),
        hint: "; see `skiff pod ps` for the pods that exist".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SharedNamespace::*;

    #[test]
    fn share_replaces_or_adds_to_the_default() {
        assert_eq!(parse_share("net").unwrap(), [Net]);
        assert_eq!(parse_share("uts,net,net").unwrap(), [Net, Uts]);
        assert_eq!(parse_share("+pid").unwrap(), [Ipc, Net, Pid, Uts]);
        assert_eq!(parse_share("none").unwrap(), []);
        assert_eq!(parse_share("").unwrap(), []);
        for bad in ["cgroup", "net,user", "mnt", "net,,ipc"] {
            assert!(parse_share(bad).is_err(), "{bad}");
        }
    }
}
