//! `inspect`: a container as docker's JSON (the keys of `docker container inspect`).

use serde_json::{json, Map, Value};
use std::path::Path;

use super::config::{ContainerConfig, MountConfig, MountKind};
use super::network::{NetworkState, PodNetwork};
use super::rows::{ContainerRecord, ListedContainer};
use super::time::rfc3339_nanos;
use super::State;
use crate::engine::Engine;
use crate::error::Result;
use crate::networks::{Member, NetworkRecord};

/// docker's `ThrottleDevice` list.
fn throttles(list: &[super::resources::ThrottleDevice]) -> Vec<Value> {
    list.iter()
        .map(|d| json!({"Path": d.path, "Rate": d.rate}))
        .collect()
}

/// HostConfig's resource fields beyond Memory, NanoCpus and PidsLimit.
fn resource_fields(r: &super::resources::Resources) -> Value {
    json!({
        "MemoryReservation": r.memory_reservation,
        "MemorySwappiness": Value::Null,
        "CgroupParent": r.cgroup_parent,
        "CpuPeriod": r.cpu_period,
        "CpuQuota": r.cpu_quota,
        "CpuRealtimePeriod": 0,
        "CpuRealtimeRuntime": 0,
        "CpusetCpus": r.cpuset_cpus,
        "CpusetMems": r.cpuset_mems,
        "BlkioWeight": r.blkio_weight,
        "BlkioWeightDevice": r.blkio_weight_device.iter()
            .map(|d| json!({"Path": d.path, "Weight": d.weight})).collect::<Vec<_>>(),
        "BlkioDeviceReadBps": throttles(&r.device_read_bps),
        "BlkioDeviceWriteBps": throttles(&r.device_write_bps),
        "BlkioDeviceReadIOps": throttles(&r.device_read_iops),
        "BlkioDeviceWriteIOps": throttles(&r.device_write_iops),
    })
}

/// A list as docker's JSON has it: null when empty (a nil slice in docker's struct).
fn list_or_null<T: serde::Serialize>(items: &[T]) -> Value {
    if items.is_empty() {
        Value::Null
    } else {
        json!(items)
    }
}

/// `paths` as a list, null for a privileged container (which has none).
fn unless_privileged(c: &ContainerConfig, paths: Vec<String>) -> Value {
    if c.privileged {
        Value::Null
    } else {
        json!(paths)
    }
}

fn env_map(items: impl Iterator<Item = (String, String)>) -> Value {
    Value::Object(
        items
            .map(|(k, v)| (k, Value::String(v)))
            .collect::<Map<_, _>>(),
    )
}

impl Engine {
    /// docker's inspect document for one container.
    pub fn inspect_container(&mut self, name_or_id: &str) -> Result<Value> {
        let rec = self.lookup_container(name_or_id)?;
        let dir = self.container_dir(&rec.id);
        let volumes_dir = self.paths().volumes();
        let layers_dir = self.paths().storage().join("layers");
        let net = self.network_state(&rec);
        let user_networks = self.container_networks(&rec.id)?;
        let mut doc = inspect_json(
            &rec,
            &dir,
            &volumes_dir,
            &layers_dir,
            net.as_ref(),
            &user_networks,
        );
        if rec.config.pod_network_owner().is_some() && rec.state.is_active() {
            let pod_ports = self.ports_state(&rec);
            doc["NetworkSettings"]["Ports"] =
                published_ports(&rec.config.exposed_ports, pod_ports.as_ref());
        }
        // docker shows State.Health only for a container with a healthcheck that ran.
        if let Some(health) = self.container_health(&rec) {
            doc["State"]["Health"] = json!(health);
        }
        self.add_podman_keys(&rec, &dir, &mut doc)?;
        Ok(doc)
    }

    /// podman's keys of a container's inspect, beside docker's: its pod, whether it is the
    /// pod's infra container, the containers it depends on, its capabilities, its image's
    /// manifest digest, its runtime (skiff's own) and its directory of run files.
    fn add_podman_keys(
        &mut self,
        rec: &ContainerRecord,
        dir: &Path,
        doc: &mut Value,
    ) -> Result<()> {
        let c = &rec.config;
        let conn = self.catalog()?.conn();
        let infra_of = crate::pod::rows::infra_of(conn, &rec.id)?;
        let caps = super::spec::process_security(c)
            .map(|(caps, _)| caps)
            .unwrap_or_default();
        // The process runs with them only as root (no ambient capabilities otherwise).
        let root = matches!(c.user.split(':').next().unwrap_or(""), "" | "0" | "root");
        let image_digest = c
            .image_id
            .as_ref()
            .and_then(|id| crate::image::record::stored_manifest(conn, id).ok())
            .map(|m| skiff_storage::Digest::of(&m).to_string())
            .unwrap_or_default();
        let mut dependencies = c.requires.clone();
        if infra_of.is_none() && !c.pod.is_empty() {
            if let Ok(pod) = crate::pod::rows::lookup(conn, &c.pod) {
                dependencies.insert(0, pod.infra_id);
            }
        }
        let extra = json!({
            "Pod": c.pod,
            "IsInfra": infra_of.is_some(),
            "IsService": false,
            "Namespace": "",
            "OCIRuntime": "skiff",
            "Dependencies": dependencies,
            "BoundingCaps": caps,
            "EffectiveCaps": if root { caps.clone() } else { Vec::new() },
            "ImageDigest": image_digest,
            "StaticDir": dir.join("userdata"),
        });
        if let (Some(d), Value::Object(extra)) = (doc.as_object_mut(), extra) {
            d.extend(extra);
        }
        Ok(())
    }

    /// Container `rec`'s ports as `ps` and the API's list show them ([`port_views`]); none
    /// when it does not run, as docker's daemon drops them.
    pub fn port_views(&self, rec: &ListedContainer) -> Vec<PortView> {
        if !rec.state.is_active() {
            return Vec::new();
        }
        port_views(&rec.config.exposed_ports, self.ports_state(rec).as_ref())
    }

    /// The network whose published ports container `rec` shows while it runs: its own, or
    /// for a member of a pod on the pod's network its infra container's (podman shows the
    /// pod's ports on every member).
    pub fn ports_state<C: PodNetwork>(&self, rec: &ContainerRecord<C>) -> Option<NetworkState> {
        match rec.config.pod_network_owner() {
            Some(infra) if rec.state.is_active() => {
                super::network::state(&self.paths().runroot, infra).filter(|s| s.helper_alive())
            }
            _ => self.network_state(rec),
        }
    }

    /// The recorded network of a running container whose helper still runs (a killed helper
    /// means the container has no network now: nothing is reported).
    pub fn network_state<C>(&self, rec: &ContainerRecord<C>) -> Option<NetworkState> {
        if rec.state != State::Running && rec.state != State::Paused {
            return None;
        }
        super::network::state(&self.paths().runroot, &rec.id).filter(|s| s.helper_alive())
    }
}

/// docker's `HostConfig.PortBindings`: the `-p` values by container port, host ports as given
/// (also a pod's `InfraConfig.PortBindings`).
pub(crate) fn port_bindings(publish: &[String]) -> Value {
    let mut out = Map::new();
    for p in publish {
        let Ok(m) = skiff_network::PortMapping::parse(p) else {
            continue;
        };
        for i in 0..m.range {
            let key = format!("{}/{}", m.container_port + i, m.protocol);
            let host_port = if m.host_port == 0 {
                String::new()
            } else if m.host_port_last > m.host_port {
                format!("{}-{}", m.host_port, m.host_port_last)
            } else {
                (m.host_port + i).to_string()
            };
            let entry = json!({"HostIp": m.host_ip, "HostPort": host_port});
            match out.get_mut(&key) {
                Some(Value::Array(list)) => list.push(entry),
                _ => {
                    out.insert(key, json!([entry]));
                }
            }
        }
    }
    Value::Object(out)
}

/// One port of a container as `ps` and the API's container list show it (docker's
/// `types.Port`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortView {
    /// Host address the port is published on; empty when only exposed.
    pub ip: String,
    /// Port inside the container.
    pub private_port: u16,
    /// Port on the host (0 when not published).
    pub public_port: u16,
    /// `tcp`, `udp` or `sctp`.
    pub proto: String,
}

/// A running container's ports as docker lists them: the published ports with the host ports
/// its network helper bound (none without a helper), then the exposed ports that are not
/// published.
pub fn port_views(exposed: &[String], net: Option<&NetworkState>) -> Vec<PortView> {
    let published = net.map(|n| n.ports.as_slice()).unwrap_or(&[]);
    let mut views: Vec<PortView> = published
        .iter()
        .map(|b| PortView {
            ip: b.display_ip().to_string(),
            private_port: b.container_port,
            public_port: b.host_port,
            proto: b.protocol.clone(),
        })
        .collect();
    views.extend(exposed.iter().filter_map(|p| {
        let (port, proto) = p.split_once('/').unwrap_or((p.as_str(), "tcp"));
        let private_port: u16 = port.parse().ok()?;
        let is_published = published
            .iter()
            .any(|b| b.container_port == private_port && b.protocol == proto);
        (!is_published).then(|| PortView {
            ip: String::new(),
            private_port,
            public_port: 0,
            proto: proto.to_string(),
        })
    }));
    views
}

/// docker's `NetworkSettings.Ports`: every exposed port, with its host bindings while the
/// container runs (null for a port that is only exposed).
fn published_ports(exposed: &[String], net: Option<&NetworkState>) -> Value {
    let mut out: Map<String, Value> = exposed.iter().map(|p| (p.clone(), Value::Null)).collect();
    for b in net.map(|n| n.ports.as_slice()).unwrap_or(&[]) {
        let entry = json!({"HostIp": b.display_ip(), "HostPort": b.host_port.to_string()});
        match out.get_mut(&b.container_key()) {
            Some(Value::Array(list)) => list.push(entry),
            _ => {
                out.insert(b.container_key(), json!([entry]));
            }
        }
    }
    Value::Object(out)
}

/// docker's `GraphDriver`: the overlay directories of the container's root. A plain `--rootfs`
/// directory (no `:O`) is no overlay, so it has no data.
fn graph_driver(rec: &ContainerRecord, dir: &Path, layers_dir: &Path) -> Value {
    let c = &rec.config;
    let lower = match &c.rootfs {
        Some(r) if !r.overlay => return json!({"Data": null, "Name": ""}),
        Some(r) => r.path.display().to_string(),
        None => c
            .layers
            .iter()
            .rev()
            .map(|l| layers_dir.join(l).join("diff").display().to_string())
            .collect::<Vec<_>>()
            .join(":"),
    };
    json!({
        "Data": {
            "LowerDir": lower,
            "MergedDir": dir.join("merged"),
            "UpperDir": dir.join("upper"),
            "WorkDir": dir.join("work"),
        },
        "Name": "overlay",
    })
}

/// docker's `NetworkSettings.Networks`: the one network a container is on (`none`, `host`, or
/// its helper's name), with docker's endpoint keys; the addresses while it runs.
fn networks(
    mode: &str,
    mac: &str,
    net: Option<&NetworkState>,
    user: &[(NetworkRecord, Member)],
) -> Value {
    // A container on a user-defined network that was taken off every network has none.
    let user_mode = matches!(
        skiff_network::NetworkMode::parse(mode),
        Ok(skiff_network::NetworkMode::User(_))
    );
    if mode.starts_with("container:") || mode.starts_with("ns:") || (user_mode && user.is_empty()) {
        return json!({});
    }
    if !user.is_empty() {
        // Addresses are shown while the container runs, as docker does.
        let running = net.is_some();
        let shown = |s: &str| {
            if running {
                s.to_string()
            } else {
                String::new()
            }
        };
        let mut out = Map::new();
        for (n, m) in user {
            let mut dns_names = vec![m.container_name.clone()];
            dns_names.extend(m.aliases.iter().cloned());
            dns_names.push(m.container_id[..12].to_string());
            let prefix = n.parsed_subnet().map(|s| s.prefix_len).unwrap_or(0);
            out.insert(
                n.name.clone(),
                json!({
                    "IPAMConfig": null,
                    "Links": null,
                    "Aliases": if m.aliases.is_empty() { Value::Null } else { json!(m.aliases) },
                    "MacAddress": shown(&m.mac),
                    "DriverOpts": null,
                    "GwPriority": 0,
                    "NetworkID": n.id,
                    "EndpointID": "",
                    "Gateway": shown(&n.gateway),
                    "IPAddress": shown(&m.ip),
                    "IPPrefixLen": if running { prefix } else { 0 },
                    "IPv6Gateway": shown(&n.gateway6),
                    "GlobalIPv6Address": shown(&m.ip6),
                    "GlobalIPv6PrefixLen": match n.parsed_subnet6() {
                        Some(s) if running && !m.ip6.is_empty() => s.prefix_len,
                        _ => 0,
                    },
                    "DNSNames": if running { json!(dns_names) } else { Value::Null },
                }),
            );
        }
        if keeps_default(mode) {
            out.insert(mode.to_string(), default_entry(mode, mac, net));
        }
        return Value::Object(out);
    }
    json!({ mode: default_entry(mode, mac, net) })
}

/// docker's view of skiff's default network, for the REST API's documents (an inspect or a
/// list entry): a container on it (through its helper, slirp4netns or pasta) shows it as
/// `bridge` in `NetworkSettings.Networks` (see [`default_network_as_bridge`]) and as
/// `default` in `HostConfig.NetworkMode`, as a docker container on the default bridge does.
pub fn as_docker_default_network(doc: &mut Value) {
    if default_network_as_bridge(doc) {
        doc["HostConfig"]["NetworkMode"] = json!("default");
    }
}

/// The address the REST API shows as a container's network gateway: the host's own main
/// address (see [`gateways_as_host`]); None on a host without one.
pub fn host_gateway() -> Option<String> {
    skiff_network::host::primary_address().map(|a| a.to_string())
}

/// Shows `host` (the host's own address, [`host_gateway`]) as the `Gateway` of each of the
/// document's networks, for the REST API's documents. A docker container's gateway is its
/// bridge's address on the host, so clients on the host reach a container's published ports
/// there: testcontainers, on a machine it takes for a container (one with `/.dockerenv`),
/// connects to `NetworkSettings.Networks.NAME.Gateway`:PORT. skiff's networks have their
/// gateways inside a helper's or a holder's namespace, which the host cannot reach, while
/// the published ports listen on the host's addresses, which the containers reach too. The
/// CLI's inspect keeps the gateways the containers use, as podman's.
pub fn gateways_as_host(doc: &mut Value, host: &str) {
    let settings = &mut doc["NetworkSettings"];
    if settings["Gateway"].as_str().is_some_and(|g| !g.is_empty()) {
        settings["Gateway"] = json!(host);
    }
    if let Some(networks) = settings["Networks"].as_object_mut() {
        for entry in networks.values_mut() {
            if entry["Gateway"].as_str().is_some_and(|g| !g.is_empty()) {
                entry["Gateway"] = json!(host);
            }
        }
    }
}

/// A container on skiff's default network (through its helper) lists it in
/// `NetworkSettings.Networks` as docker's `bridge`, with the predefined `bridge` network's
/// id (`{{.NetworkSettings.Networks.bridge.IPAddress}}` finds its address; `network ls`
/// lists that network). The CLI's inspect keeps podman's `HostConfig.NetworkMode` (the
/// helper's name, also what `--network slirp4netns` asked for). True when it was on it.
pub fn default_network_as_bridge(doc: &mut Value) -> bool {
    let Some(mode) = doc["HostConfig"]["NetworkMode"]
        .as_str()
        .map(str::to_string)
    else {
        return false;
    };
    if !keeps_default(&mode) {
        return false;
    }
    if let Some(networks) = doc["NetworkSettings"]["Networks"].as_object_mut() {
        if let Some(mut entry) = networks.remove(&mode) {
            entry["NetworkID"] = json!(crate::networks::predefined_id("bridge"));
            networks.insert("bridge".to_string(), entry);
        }
    }
    true
}

/// True for a container on the default network (its helper's), which `network connect`
/// may have put on user-defined networks besides.
pub fn keeps_default(mode: &str) -> bool {
    skiff_network::NetworkMode::parse(mode).is_ok_and(|m| m.uses_helper())
}

/// The `NetworkSettings.Networks` entry of network mode `mode` (not a user-defined network).
fn default_entry(mode: &str, mac: &str, net: Option<&NetworkState>) -> Value {
    let a = net.map(|n| &n.addresses);
    json!({
            "IPAMConfig": null,
            "Links": null,
            "Aliases": null,
            "MacAddress": mac,
            "DriverOpts": null,
            "GwPriority": 0,
            "NetworkID": mode,
            "EndpointID": "",
            "Gateway": a.map(|a| a.gateway.as_str()).unwrap_or(""),
            "IPAddress": a.map(|a| a.ip.as_str()).unwrap_or(""),
            "IPPrefixLen": a.map(|a| a.prefix_len).unwrap_or(0),
            "IPv6Gateway": "",
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "DNSNames": null,
    })
}

/// docker's `Mounts` items of a container's `mounts` (named volumes live under `volumes_dir`).
fn mounts_json(mounts: &[MountConfig], volumes_dir: &Path) -> Vec<Value> {
    mounts
        .iter()
        .map(|m| {
            let source = match m.kind {
                MountKind::Volume => volumes_dir
                    .join(&m.source)
                    .join("_data")
                    .display()
                    .to_string(),
                _ => m.source.clone(),
            };
            let mut v = json!({
                "Type": m.kind.as_str(),
                "Source": source,
                "Destination": m.destination,
                "Mode": if m.read_only { "ro" } else { "" },
                "RW": !m.read_only,
                "Propagation": if m.kind == MountKind::Bind { "rprivate" } else { "" },
            });
            if m.kind == MountKind::Volume {
                v["Name"] = json!(m.source);
                v["Driver"] = json!("local");
            }
            v
        })
        .collect()
}

impl Engine {
    /// What docker's container summaries (`GET /containers/json`) show of `rec` beside its
    /// record: `NetworkSettings.Networks` and `Mounts`, as inspect shows them.
    pub fn summary_networks_and_mounts(&mut self, rec: &ListedContainer) -> Result<(Value, Value)> {
        let net = self.network_state(rec);
        // Only a container on (or once connected to) a user-defined network has memberships:
        // the others cost no catalog query (a list of hundreds stays fast).
        let c = &rec.config;
        let user = if super::network::joins_user_network(c.connected_networks, &c.network_mode) {
            self.container_networks(&rec.id)?
        } else {
            Vec::new()
        };
        let networks = networks(&c.network_mode, &c.mac_address, net.as_ref(), &user);
        Ok((
            networks,
            Value::Array(mounts_json(&c.mounts, &self.paths().volumes())),
        ))
    }
}

/// Builds the inspect document from a record (pure, for tests and the REST API); `layers_dir`
/// holds the image layers (`<layers_dir>/<chain id>/diff`).
pub fn inspect_json(
    rec: &ContainerRecord,
    dir: &Path,
    volumes_dir: &Path,
    layers_dir: &Path,
    net: Option<&NetworkState>,
    user_networks: &[(NetworkRecord, Member)],
) -> Value {
    let c = &rec.config;
    // docker leaves the top-level address empty for user-defined networks.
    let top = net.filter(|_| user_networks.is_empty() || keeps_default(&c.network_mode));
    let argv = c.argv();
    let mounts = mounts_json(&c.mounts, volumes_dir);
    let binds: Vec<String> = c
        .mounts
        .iter()
        .filter(|m| m.kind != MountKind::Tmpfs && !m.source.is_empty())
        .map(|m| {
            format!(
                "{}:{}{}",
                m.source,
                m.destination,
                if m.read_only { ":ro" } else { "" }
            )
        })
        .collect();
    let tmpfs = env_map(
        c.mounts
            .iter()
            .filter(|m| m.kind == MountKind::Tmpfs)
            .map(|m| (m.destination.clone(), super::options::tmpfs_flag_options(m))),
    );
    let exposed = Value::Object(
        c.exposed_ports
            .iter()
            .map(|p| (p.clone(), json!({})))
            .collect(),
    );
    // docker's daemon drops the ports of a container that does not run.
    let ports = if rec.state.is_active() {
        published_ports(&c.exposed_ports, net)
    } else {
        json!({})
    };
    let labels = env_map(c.labels.iter().map(|(k, v)| (k.clone(), v.clone())));
    let ulimits: Vec<Value> = c
        .ulimits
        .iter()
        .map(|u| json!({"Name": u.name, "Soft": u.soft, "Hard": u.hard}))
        .collect();
    let mut host_config = json!({
        "Binds": list_or_null(&binds),
        "LogConfig": {"Type": c.log_driver, "Config": c.log_opts},
        "NetworkMode": c.network_mode,
        "PortBindings": port_bindings(&c.publish),
        "RestartPolicy": {"Name": c.restart.name, "MaximumRetryCount": c.restart.max_retries},
        "AutoRemove": c.auto_remove,
        "VolumesFrom": list_or_null(&c.volumes_from),
        "GroupAdd": list_or_null(&c.group_add),
        "CapAdd": list_or_null(&c.cap_add),
        "CapDrop": list_or_null(&c.cap_drop),
        "Dns": c.dns,
        "DnsOptions": c.dns_options,
        "DnsSearch": c.dns_search,
        "ExtraHosts": list_or_null(&c.extra_hosts),
        "IpcMode": if c.ipc_mode.is_empty() { "private" } else { c.ipc_mode.as_str() },
        "PidMode": c.pid_mode,
        "CgroupnsMode": if c.cgroupns_mode.is_empty() { "private" } else { c.cgroupns_mode.as_str() },
        "PublishAllPorts": c.publish_all,
        "UTSMode": c.uts_mode,
        "UsernsMode": c.userns.mode,
        "ShmSize": if c.shm_size > 0 { c.shm_size as u64 } else { crate::runtime::spec::DEFAULT_SHM_SIZE },
        "Sysctls": if c.sysctls.is_empty() { Value::Null } else { json!(c.sysctls) },
        "Privileged": c.privileged,
        "ReadonlyRootfs": c.read_only,
        "SecurityOpt": list_or_null(&c.security_opt),
        "Tmpfs": tmpfs,
        "Init": c.init,
        "CpuShares": c.resources.cpu_shares,
        "Memory": c.memory,
        "MemorySwap": super::resources::memory_swap_shown(c),
        "OomKillDisable": false,
        "OomScoreAdj": c.oom_score_adj,
        "Devices": c.devices.iter().map(|d| json!({
            "PathOnHost": d.path_on_host,
            "PathInContainer": d.path_in_container,
            "CgroupPermissions": d.cgroup_permissions,
        })).collect::<Vec<_>>(),
        "DeviceCgroupRules": list_or_null(&c.device_cgroup_rules),
        "NanoCpus": c.nano_cpus,
        "PidsLimit": c.pids_limit,
        "Ulimits": ulimits,
    });
    let mut config = json!({
        "Hostname": c.hostname,
        "Domainname": c.domainname,
        "User": c.user,
        "AttachStdin": c.attach.stdin,
        "AttachStdout": c.attach.stdout,
        "AttachStderr": c.attach.stderr,
        "ExposedPorts": exposed,
        "Tty": c.tty,
        "OpenStdin": c.open_stdin,
        // docker's CLI rule: an attached `-i` closes the input when that client leaves.
        "StdinOnce": c.open_stdin && c.attach.stdin,
        "Env": c.env,
        "Cmd": c.cmd,
        "Image": c.image_display(),
        "Volumes": if c.volumes.is_empty() {
            Value::Null
        } else {
            Value::Object(c.volumes.iter().map(|v| (v.clone(), json!({}))).collect())
        },
        "WorkingDir": c.working_dir,
        "Entrypoint": if c.entrypoint.is_empty() { Value::Null } else { json!(c.entrypoint) },
        "OnBuild": null,
        "Labels": labels,
        "StopSignal": c.stop_signal,
        // u32::MAX is docker's -1, no limit (`--stop-timeout -1`).
        "StopTimeout": if c.stop_timeout == u32::MAX { -1 } else { i64::from(c.stop_timeout) },
    });
    if let Some(h) = host_config.as_object_mut() {
        h.extend(paths_and_fixed_host_config(c));
    }
    // docker shows HostConfig.Annotations only when set (omitempty); podman shows them in
    // Config.Annotations.
    if let (Some(h), Value::Object(extra)) =
        (host_config.as_object_mut(), resource_fields(&c.resources))
    {
        h.extend(extra);
    }
    if !c.annotations.is_empty() {
        host_config["Annotations"] = json!(c.annotations);
        config["Annotations"] = json!(c.annotations);
    }
    // podman's Config.sdNotifyMode (always), Config.SystemdMode and Config.CreateCommand
    // (when known).
    config["sdNotifyMode"] = json!(c.sdnotify.as_str());
    config["SystemdMode"] = json!(c.systemd);
    if !c.create_command.is_empty() {
        config["CreateCommand"] = json!(c.create_command);
    }
    // podman's Config.Umask, in octal.
    config["Umask"] = json!(format!("{:04o}", c.umask.unwrap_or(0o022)));
    // docker shows Config.Healthcheck when there is one; podman adds its on-failure action.
    if let Some(hc) = &c.healthcheck {
        config["Healthcheck"] = json!(hc);
        config["HealthcheckOnFailureAction"] = json!(c.health_on_failure.as_str());
    }
    let (running, paused) = (rec.state == State::Running, rec.state == State::Paused);
    let mut doc = json!({
        "Id": rec.id,
        "Created": rfc3339_nanos(rec.created),
        "Path": argv.first().cloned().unwrap_or_default(),
        "Args": argv.iter().skip(1).cloned().collect::<Vec<_>>(),
        "State": {
            "Status": rec.state.as_str(),
            "Running": running || paused || rec.state == State::Restarting,
            "Paused": paused,
            "Restarting": rec.state == State::Restarting,
            "OOMKilled": rec.oom_killed,
            "Dead": rec.state == State::Dead,
            "Pid": rec.pid,
            "ExitCode": rec.exit_code,
            "Error": rec.error,
            "StartedAt": rfc3339_nanos(rec.started),
            "FinishedAt": rfc3339_nanos(rec.finished),
        },
        "Image": c.image_id.as_ref().map(|i| format!("sha256:{i}")).unwrap_or_default(),
        "ImageName": c.image,
        "Rootfs": c.rootfs.as_ref().map(|r| {
            let p = r.path.display().to_string();
            if r.overlay { format!("{p}:O") } else { p }
        }).unwrap_or_default(),
        "ResolvConfPath": dir.join("userdata/resolv.conf"),
        "HostnamePath": dir.join("userdata/hostname"),
        "HostsPath": dir.join("userdata/hosts"),
        "LogPath": if c.log_driver == "none" { String::new() } else { dir.join("ctr.log").display().to_string() },
        "Name": format!("/{}", rec.name),
        "RestartCount": rec.restart_count,
        "ConmonPidFile": c.monitor_pidfile.clone().unwrap_or_else(|| {
            super::monitor::pidfile(dir).display().to_string()
        }),
        "PidFile": c.pidfile.clone().unwrap_or_default(),
        "Driver": "overlay",
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "ExecIDs": null,
        "GraphDriver": graph_driver(rec, dir, layers_dir),
        "HostConfig": host_config,
        "Mounts": mounts,
        "Config": config,
        "NetworkSettings": {
            "Bridge": "",
            "SandboxID": "",
            "SandboxKey": net.map(|n| n.netns.as_str()).unwrap_or(""),
            "Ports": ports,
            "Gateway": top.map(|n| n.addresses.gateway.as_str()).unwrap_or(""),
            "IPAddress": top.map(|n| n.addresses.ip.as_str()).unwrap_or(""),
            "IPPrefixLen": top.map(|n| n.addresses.prefix_len).unwrap_or(0),
            "MacAddress": if user_networks.is_empty() { c.mac_address.as_str() } else { "" },
            "Networks": networks(&c.network_mode, &c.mac_address, net, user_networks),
        },
    });
    // docker's keys of its default bridge that skiff's networks have no use for, empty.
    if let Some(settings) = doc["NetworkSettings"].as_object_mut() {
        for (key, empty) in [
            ("EndpointID", json!("")),
            ("HairpinMode", json!(false)),
            ("LinkLocalIPv6Address", json!("")),
            ("LinkLocalIPv6PrefixLen", json!(0)),
            ("SecondaryIPAddresses", Value::Null),
            ("SecondaryIPv6Addresses", Value::Null),
            ("GlobalIPv6Address", json!("")),
            ("GlobalIPv6PrefixLen", json!(0)),
            ("IPv6Gateway", json!("")),
        ] {
            settings.insert(key.to_string(), empty);
        }
    }
    // podman's `Pod`: the id of the container's pod, for a pod's containers only (docker
    // has no pods).
    if !c.pod.is_empty() {
        doc["Pod"] = json!(c.pod);
    }
    doc
}

/// HostConfig's masked and read-only paths and runtime, and docker's keys of features skiff
/// does not have, at docker's zero values.
fn paths_and_fixed_host_config(c: &ContainerConfig) -> Map<String, Value> {
    [
        // As docker: null for a privileged container, [] for systempaths=unconfined.
        (
            "MaskedPaths",
            unless_privileged(c, super::spec::masked_paths(c)),
        ),
        (
            "ReadonlyPaths",
            unless_privileged(c, super::spec::readonly_paths(c)),
        ),
        ("Runtime", json!("skiff")),
        ("Cgroup", json!("")),
        ("ConsoleSize", json!([0, 0])),
        ("ContainerIDFile", json!("")),
        ("CpuCount", json!(0)),
        ("CpuPercent", json!(0)),
        ("DeviceRequests", Value::Null),
        ("IOMaximumBandwidth", json!(0)),
        ("IOMaximumIOps", json!(0)),
        ("Isolation", json!("")),
        ("KernelMemory", json!(0)),
        ("KernelMemoryTCP", json!(0)),
        ("Links", Value::Null),
        ("VolumeDriver", json!("")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::config::{ContainerConfig, RootfsSource};

    fn record(config: ContainerConfig) -> ContainerRecord {
        ContainerRecord {
            name: "web".into(),
            ..ContainerRecord::new_created("c".repeat(64), 0, config)
        }
    }

    fn doc(config: ContainerConfig) -> Value {
        inspect_json(
            &record(config),
            Path::new("/s/containers/c"),
            Path::new("/v"),
            Path::new("/s/layers"),
            None,
            &[],
        )
    }

    #[test]
    fn published_ports_addresses_and_port_bindings() {
        let c = ContainerConfig {
            network_mode: "pasta".into(),
            publish: vec!["8080:80".into(), "127.0.0.1::53/udp".into()],
            exposed_ports: vec!["80/tcp".into(), "53/udp".into(), "443/tcp".into()],
            dns: vec!["9.9.9.9".into()],
            extra_hosts: vec!["db:10.0.0.2".into()],
            ..Default::default()
        };
        let state = NetworkState {
            helper: "pasta".into(),
            helper_pid: 1,
            addresses: skiff_network::helper::Addresses {
                ip: "192.0.2.2".into(),
                prefix_len: 24,
                gateway: "192.0.2.1".into(),
                dns: vec![],
                host: "192.0.2.1".into(),
            },
            ports: vec![
                skiff_network::PortBinding {
                    host_ip: String::new(),
                    host_port: 8080,
                    container_port: 80,
                    protocol: "tcp".into(),
                },
                skiff_network::PortBinding {
                    host_ip: "127.0.0.1".into(),
                    host_port: 40000,
                    container_port: 53,
                    protocol: "udp".into(),
                },
            ],
            netns: "/run/x/netns".into(),
            network_dir: String::new(),
        };
        let mut rec = record(c);
        rec.state = State::Running;
        let v = inspect_json(
            &rec,
            Path::new("/c"),
            Path::new("/v"),
            Path::new("/l"),
            Some(&state),
            &[],
        );
        let n = &v["NetworkSettings"];
        assert_eq!(
            n["Ports"],
            json!({
                "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}],
                "53/udp": [{"HostIp": "127.0.0.1", "HostPort": "40000"}],
                "443/tcp": null,
            })
        );
        assert_eq!(n["IPAddress"], "192.0.2.2");
        assert_eq!(n["Networks"]["pasta"]["Gateway"], "192.0.2.1");
        assert_eq!(n["SandboxKey"], "/run/x/netns");
        let h = &v["HostConfig"];
        assert_eq!(
            h["PortBindings"],
            json!({
                "80/tcp": [{"HostIp": "", "HostPort": "8080"}],
                "53/udp": [{"HostIp": "127.0.0.1", "HostPort": ""}],
            })
        );
        assert_eq!(h["Dns"], json!(["9.9.9.9"]));
        assert_eq!(h["ExtraHosts"], json!(["db:10.0.0.2"]));
        let stopped = inspect_json(
            &record(*rec.config.clone()),
            Path::new("/c"),
            Path::new("/v"),
            Path::new("/l"),
            None,
            &[],
        );
        assert_eq!(
            stopped["NetworkSettings"]["Ports"],
            json!({}),
            "docker: none when stopped"
        );
        assert_eq!(stopped["NetworkSettings"]["IPAddress"], "");
    }

    #[test]
    fn docker_keys_graph_driver_and_networks() {
        let v = doc(ContainerConfig {
            layers: vec!["base".into(), "top".into()],
            network_mode: "none".into(),
            ..Default::default()
        });
        assert_eq!(v["ExecIDs"], Value::Null);
        assert_eq!(v["Config"]["Entrypoint"], Value::Null);
        assert_eq!(v["Config"]["Volumes"], Value::Null);
        assert_eq!(
            v["GraphDriver"],
            json!({"Name": "overlay", "Data": {
                "LowerDir": "/s/layers/top/diff:/s/layers/base/diff",
                "MergedDir": "/s/containers/c/merged",
                "UpperDir": "/s/containers/c/upper",
                "WorkDir": "/s/containers/c/work",
            }})
        );
        // docker's keys that templates may read, present with docker's empty values.
        assert_eq!(v["Config"]["OnBuild"], Value::Null);
        assert!(v["Config"].as_object().unwrap().contains_key("OnBuild"));
        let settings = v["NetworkSettings"].as_object().unwrap();
        for key in [
            "EndpointID",
            "GlobalIPv6Address",
            "IPv6Gateway",
            "SecondaryIPAddresses",
        ] {
            assert!(settings.contains_key(key), "{key}");
        }
        assert_eq!(settings["HairpinMode"], json!(false));
        let none = &v["NetworkSettings"]["Networks"]["none"];
        assert_eq!(none["IPAddress"], "");
        assert_eq!(none["Aliases"], Value::Null);
        let h = &v["HostConfig"];
        for (key, want) in [
            ("Dns", json!([])),
            ("DnsOptions", json!([])),
            ("DnsSearch", json!([])),
            ("ExtraHosts", Value::Null),
            ("PidMode", json!("")),
            ("IpcMode", json!("private")),
            ("UTSMode", json!("")),
            ("CgroupnsMode", json!("private")),
            ("ShmSize", json!(67108864)),
            ("PublishAllPorts", json!(false)),
            ("VolumesFrom", Value::Null),
            ("Devices", json!([])),
            ("OomKillDisable", json!(false)),
            ("CpuShares", json!(0)),
            ("MemorySwap", json!(0)),
            ("Binds", Value::Null),
            ("CapAdd", Value::Null),
            ("CapDrop", Value::Null),
            ("GroupAdd", Value::Null),
            ("SecurityOpt", Value::Null),
            ("Links", Value::Null),
            ("ConsoleSize", json!([0, 0])),
            ("Runtime", json!("skiff")),
        ] {
            assert_eq!(h.get(key), Some(&want), "HostConfig.{key}");
        }
    }

    #[test]
    fn rootfs_graph_driver_and_host_network() {
        let rootfs = |overlay| RootfsSource {
            path: "/r".into(),
            overlay,
        };
        let v = doc(ContainerConfig {
            rootfs: Some(rootfs(true)),
            network_mode: "host".into(),
            ..Default::default()
        });
        assert_eq!(v["GraphDriver"]["Data"]["LowerDir"], "/r");
        let networks = v["NetworkSettings"]["Networks"].as_object().unwrap();
        assert_eq!(networks.keys().collect::<Vec<_>>(), ["host"]);
        let v = doc(ContainerConfig {
            rootfs: Some(rootfs(false)),
            ..Default::default()
        });
        assert_eq!(v["GraphDriver"]["Data"], Value::Null);
    }
}
