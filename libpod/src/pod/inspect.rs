//! `pod inspect`: podman's JSON document of a pod.

use serde_json::{json, Value};

use super::list::PodSummary;
use crate::container::time::rfc3339_nanos;
use crate::engine::Engine;
use crate::error::Result;

/// podman's `pod inspect` document of `s`.
pub fn inspect_json(s: &PodSummary) -> Value {
    let pod = &s.pod;
    let containers: Vec<Value> = s
        .containers
        .iter()
        .map(|c| json!({"Id": c.id, "Name": c.name, "State": c.state.as_str()}))
        .collect();
    let infra_config = s.infra().map(|infra| {
        let bindings = crate::container::inspect::port_bindings(&pod.config.publish);
        json!({
            "PortBindings": bindings,
            "HostNetwork": infra.config.network_mode == "host",
            "StaticIP": "",
            "StaticMAC": "",
            "NoManageResolvConf": false,
            "DNSServer": pod.config.dns,
            "NoManageHosts": false,
            "HostAdd": pod.config.add_host,
            "Networks": [],
            "NetworkOptions": null,
            "pid_ns": if pod.config.shared.contains(&super::SharedNamespace::Pid) { "container" } else { "private" },
            "userns": if pod.config.userns.is_empty() { "host" } else { pod.config.userns.as_str() },
            "uts_ns": if pod.config.shared.contains(&super::SharedNamespace::Uts) { "container" } else { "private" },
        })
    });
    let shared: Vec<&str> = pod.config.shared.iter().map(|n| n.as_str()).collect();
    let mut doc = json!({
        "Id": pod.id,
        "Name": pod.name,
        "Created": rfc3339_nanos(pod.created),
        "CreateCommand": pod.config.create_command,
        "ExitPolicy": pod.config.exit_policy.as_str(),
        "State": s.status.as_str(),
        "Hostname": pod.config.hostname,
        "Labels": pod.labels,
        "CreateCgroup": false,
        "CreateInfra": !pod.infra_id.is_empty(),
        "SharedNamespaces": shared,
        "NumContainers": s.containers.len(),
        "Containers": containers,
    });
    if !pod.infra_id.is_empty() {
        doc["InfraContainerID"] = json!(pod.infra_id);
    }
    if let Some(cfg) = infra_config {
        doc["InfraConfig"] = cfg;
    }
    doc
}

impl Engine {
    /// `pod inspect`: podman's document of the pod.
    pub fn inspect_pod(&mut self, name_or_id: &str) -> Result<Value> {
        Ok(inspect_json(&self.pod_summary(name_or_id)?))
    }
}
