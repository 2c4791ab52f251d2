//! `pod inspect`: podman's JSON document of a pod.

use serde_json::{json, Value};

use super::list::PodSummary;
use crate::container::time::rfc3339_nanos;
use crate::engine::Engine;
use crate::error::Result;

/// podman's `pod inspect` document of `s`, whose infra container is on the user-defined
/// `networks`.
pub fn inspect_json(s: &PodSummary, networks: &[String]) -> Value {
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
            "Networks": networks,
            "NetworkOptions": null,
            "pid_ns": ns_mode(pod, super::SharedNamespace::Pid, &pod.config.pid),
            "userns": if pod.config.userns.is_empty() { "host" } else { pod.config.userns.as_str() },
            "uts_ns": ns_mode(pod, super::SharedNamespace::Uts, &pod.config.uts),
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
    // podman's key is there without an infra container too, empty.
    doc["InfraContainerID"] = json!(pod.infra_id);
    if let Some(cfg) = infra_config {
        doc["InfraConfig"] = cfg;
    }
    // podman leaves these out when empty.
    let devices: Vec<Value> = super::create::parse_devices(&pod.config.devices)
        .unwrap_or_default()
        .iter()
        .map(|d| {
            json!({
                "PathOnHost": d.path_on_host,
                "PathInContainer": d.path_in_container,
                "CgroupPermissions": d.cgroup_permissions,
            })
        })
        .collect();
    if !devices.is_empty() {
        doc["devices"] = json!(devices);
    }
    if !pod.config.security_opt.is_empty() {
        doc["security_opt"] = json!(pod.config.security_opt);
    }
    doc
}

/// podman's `pid_ns`/`uts_ns` of a pod: the mode given with `--pid`/`--uts`, else whether
/// the members share the infra's namespace.
fn ns_mode<'a>(pod: &super::PodRecord, ns: super::SharedNamespace, given: &'a str) -> &'a str {
    match (given, pod.config.shared.contains(&ns)) {
        ("", true) => "container",
        ("", false) => "private",
        (mode, _) => mode,
    }
}

impl Engine {
    /// `pod inspect`: podman's document of the pod.
    pub fn inspect_pod(&mut self, name_or_id: &str) -> Result<Value> {
        let s = self.pod_summary(name_or_id)?;
        let networks = self.user_network_names(&s.pod.infra_id)?;
        Ok(inspect_json(&s, &networks))
    }
}
