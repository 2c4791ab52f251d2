//! docker's container-create JSON (Config with HostConfig and NetworkingConfig) onto the
//! engine's [`CreateOptions`].

use serde_json::Value;
use skiff_libpod::container::attach::AttachStreams;
use skiff_libpod::container::create::CreateOptions;

use crate::error::{ApiError, ApiResult};

/// A list of strings (null or absent: empty); a string alone is a one-item list.
fn strings(v: &Value) -> ApiResult<Vec<String>> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| ApiError::bad_request(format!("expected a string, got {i}")))
            })
            .collect(),
        other => Err(ApiError::bad_request(format!(
            "expected a list of strings, got {other}"
        ))),
    }
}

/// A non-empty string field.
fn text(v: &Value) -> Option<String> {
    v.as_str().filter(|s| !s.is_empty()).map(str::to_string)
}

/// `KEY=VALUE` items of a JSON object of strings.
fn pairs(v: &Value) -> Vec<String> {
    v.as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
        .collect()
}

/// `-p` items of HostConfig.PortBindings (`{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`).
fn port_bindings(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (port, binds) in v.as_object().into_iter().flatten() {
        let list = binds.as_array().cloned().unwrap_or_default();
        if list.is_empty() {
            out.push(port.clone());
        }
        for b in list {
            let ip = b["HostIp"].as_str().unwrap_or("");
            let host = b["HostPort"].as_str().unwrap_or("");
            out.push(match (ip, host) {
                ("", "") => port.clone(),
                ("", h) => format!("{h}:{port}"),
                (i, h) => format!("{i}:{h}:{port}"),
            });
        }
    }
    out
}

/// The create options of docker's create body `spec`.
pub fn options(spec: &Value) -> ApiResult<CreateOptions> {
    let host = &spec["HostConfig"];
    let image = text(&spec["Image"])
        .ok_or_else(|| ApiError::bad_request("Config.Image is required: name the image to run"))?;
    let entrypoint = strings(&spec["Entrypoint"])?;
    let mut command = strings(&spec["Cmd"])?;
    // The engine takes one entrypoint word; further words go before the command, which
    // gives the same argv (an entrypoint drops the image's Cmd either way).
    let entrypoint = match entrypoint.split_first() {
        Some((first, rest)) => {
            command = rest.iter().cloned().chain(command).collect();
            Some(first.clone())
        }
        None if spec["Entrypoint"].is_array() => Some(String::new()),
        None => None,
    };
    let flag = |v: &Value| v.as_bool().unwrap_or(false);
    let restart = match text(&host["RestartPolicy"]["Name"]) {
        Some(name) if name != "no" => match host["RestartPolicy"]["MaximumRetryCount"].as_i64() {
            Some(n) if n > 0 && name == "on-failure" => Some(format!("{name}:{n}")),
            _ => Some(name),
        },
        _ => None,
    };
    let network = text(&host["NetworkMode"]).filter(|m| m != "default");
    let mut opts = CreateOptions {
        image: Some(image),
        command,
        entrypoint,
        env: strings(&spec["Env"])?,
        user: text(&spec["User"]),
        workdir: text(&spec["WorkingDir"]),
        hostname: text(&spec["Hostname"]),
        domainname: text(&spec["Domainname"]),
        labels: pairs(&spec["Labels"]),
        stop_signal: text(&spec["StopSignal"]),
        stop_timeout: spec["StopTimeout"].as_u64().map(|t| t as u32),
        tty: flag(&spec["Tty"]),
        interactive: flag(&spec["OpenStdin"]),
        attach: AttachStreams {
            stdin: flag(&spec["AttachStdin"]),
            stdout: flag(&spec["AttachStdout"]),
            stderr: flag(&spec["AttachStderr"]),
        },
        expose: spec["ExposedPorts"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default(),
        volumes: strings(&host["Binds"])?,
        rm: flag(&host["AutoRemove"]),
        privileged: flag(&host["Privileged"]),
        read_only: flag(&host["ReadonlyRootfs"]),
        init: flag(&host["Init"]),
        cap_add: strings(&host["CapAdd"])?,
        cap_drop: strings(&host["CapDrop"])?,
        security_opt: strings(&host["SecurityOpt"])?,
        dns: strings(&host["Dns"])?,
        dns_search: strings(&host["DnsSearch"])?,
        dns_options: strings(&host["DnsOptions"])?,
        add_host: strings(&host["ExtraHosts"])?,
        group_add: strings(&host["GroupAdd"])?,
        volumes_from: strings(&host["VolumesFrom"])?,
        publish: port_bindings(&host["PortBindings"]),
        publish_all: flag(&host["PublishAllPorts"]),
        restart,
        network,
        pid: text(&host["PidMode"]),
        ipc: text(&host["IpcMode"]).filter(|m| m != "private"),
        uts: text(&host["UTSMode"]),
        log_driver: text(&host["LogConfig"]["Type"]),
        log_opts: pairs(&host["LogConfig"]["Config"]),
        ..CreateOptions::default()
    };
    opts.tmpfs = host["Tmpfs"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(path, o)| match o.as_str().filter(|o| !o.is_empty()) {
            Some(o) => format!("{path}:{o}"),
            None => path.clone(),
        })
        .collect();
    if let Some(m) = host["Memory"].as_i64().filter(|m| *m > 0) {
        opts.resources.memory = Some(m.to_string());
    }
    if let Some(n) = host["NanoCpus"].as_i64().filter(|n| *n > 0) {
        opts.resources.cpus = Some(format!("{}", n as f64 / 1e9));
    }
    Ok(opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn docker_run_s_body_maps_onto_the_options() {
        let o = options(&json!({
            "Image": "busybox", "Cmd": ["echo", "hi"], "Env": ["A=1"], "Tty": false,
            "AttachStdout": true, "AttachStderr": true, "Labels": {"k": "v"},
            "Entrypoint": ["sh", "-c"],
            "HostConfig": {"AutoRemove": true, "Binds": ["/a:/b:ro"], "NetworkMode": "default",
                "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]},
                "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}}
        }))
        .unwrap();
        assert_eq!(o.image.as_deref(), Some("busybox"));
        assert_eq!(o.entrypoint.as_deref(), Some("sh"));
        assert_eq!(o.command, ["-c", "echo", "hi"]);
        assert!(o.rm && o.attach.stdout && !o.attach.stdin);
        assert_eq!(o.volumes, ["/a:/b:ro"]);
        assert_eq!(o.publish, ["8080:80/tcp"]);
        assert_eq!(o.labels, ["k=v"]);
        assert_eq!(o.restart.as_deref(), Some("on-failure:3"));
        assert_eq!(o.network, None);
        assert!(options(&json!({"Cmd": ["x"]})).is_err());
    }
}
