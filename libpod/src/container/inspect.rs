//! `inspect`: a container as docker's JSON (the keys of `docker container inspect`).

use serde_json::{json, Map, Value};

use super::config::MountKind;
use super::rows::ContainerRecord;
use super::time::rfc3339_nanos;
use super::State;
use crate::engine::Engine;
use crate::error::Result;

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
        Ok(inspect_json(&rec, &dir, &volumes_dir))
    }
}

/// Builds the inspect document from a record (pure, for tests and the REST API).
pub fn inspect_json(
    rec: &ContainerRecord,
    dir: &std::path::Path,
    volumes_dir: &std::path::Path,
) -> Value {
    let c = &rec.config;
    let argv = c.argv();
    let mounts: Vec<Value> = c
        .mounts
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
        .collect();
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
            .map(|m| (m.destination.clone(), m.options.join(","))),
    );
    let exposed = Value::Object(
        c.exposed_ports
            .iter()
            .map(|p| (p.clone(), json!({})))
            .collect(),
    );
    let ports = Value::Object(
        c.exposed_ports
            .iter()
            .map(|p| (p.clone(), Value::Null))
            .collect(),
    );
    let labels = env_map(c.labels.iter().map(|(k, v)| (k.clone(), v.clone())));
    let ulimits: Vec<Value> = c
        .ulimits
        .iter()
        .map(|u| json!({"Name": u.name, "Soft": u.soft, "Hard": u.hard}))
        .collect();
    let (running, paused) = (rec.state == State::Running, rec.state == State::Paused);
    json!({
        "Id": rec.id,
        "Created": rfc3339_nanos(rec.created),
        "Path": argv.first().cloned().unwrap_or_default(),
        "Args": argv.iter().skip(1).cloned().collect::<Vec<_>>(),
        "State": {
            "Status": rec.state.as_str(),
            "Running": running || paused || rec.state == State::Restarting,
            "Paused": paused,
            "Restarting": rec.state == State::Restarting,
            "OOMKilled": false,
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
        "Driver": "overlay",
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "HostConfig": {
            "Binds": binds,
            "LogConfig": {"Type": c.log_driver, "Config": {}},
            "NetworkMode": c.network_mode,
            "PortBindings": {},
            "RestartPolicy": {"Name": c.restart.name, "MaximumRetryCount": c.restart.max_retries},
            "AutoRemove": c.auto_remove,
            "GroupAdd": c.group_add,
            "CapAdd": c.cap_add,
            "CapDrop": c.cap_drop,
            "Privileged": c.privileged,
            "ReadonlyRootfs": c.read_only,
            "SecurityOpt": c.security_opt,
            "Tmpfs": tmpfs,
            "Init": c.init,
            "Memory": c.memory,
            "NanoCpus": c.nano_cpus,
            "PidsLimit": c.pids_limit,
            "Ulimits": ulimits,
        },
        "Mounts": mounts,
        "Config": {
            "Hostname": c.hostname,
            "Domainname": "",
            "User": c.user,
            "AttachStdin": false,
            "AttachStdout": false,
            "AttachStderr": false,
            "ExposedPorts": exposed,
            "Tty": c.tty,
            "OpenStdin": c.open_stdin,
            "StdinOnce": false,
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
            "Labels": labels,
            "StopSignal": c.stop_signal,
            "StopTimeout": c.stop_timeout,
        },
        "NetworkSettings": {
            "Ports": ports,
            "IPAddress": "",
            "Networks": {},
        },
    })
}
