//! docker's container-create JSON (Config with HostConfig and NetworkingConfig) onto the
//! engine's [`CreateOptions`].

use std::time::Duration;

use serde_json::Value;
use skiff_libpod::container::attach::AttachStreams;
use skiff_libpod::container::compat_flags::CompatOptions;
use skiff_libpod::container::config::{
    DeviceConfig, MountConfig, MountKind, RestartPolicy, Ulimit,
};
use skiff_libpod::container::create::{CreateOptions, ExtraNetwork};
use skiff_libpod::container::health::HealthOptions;
use skiff_libpod::container::network::PortMapping;
use skiff_libpod::container::options;
use skiff_libpod::container::path_masks;
use skiff_libpod::container::resources::ResourceOptions;
use skiff_libpod::networks::ConnectOptions;

use crate::error::{ApiError, ApiResult};

/// HostConfig.SecurityOpt, with what explicit `MaskedPaths` and `ReadonlyPaths` lists ask
/// for as skiff's options: the docker CLI sends its `--security-opt systempaths=unconfined` as
/// two empty lists; a default path missing from a list is unmasked, an extra masked path masked.
fn security_opts(host: &Value) -> ApiResult<Vec<String>> {
    let mut opts = strings(&host["SecurityOpt"])?;
    let listed = |key: &str| -> ApiResult<Option<Vec<String>>> {
        host[key]
            .is_array()
            .then(|| strings(&host[key]))
            .transpose()
    };
    if let Some(masked) = listed("MaskedPaths")? {
        let defaults = path_masks::default_masked_paths();
        for d in defaults.iter().filter(|d| !masked.contains(d)) {
            opts.push(format!("unmask={d}"));
        }
        for m in masked.iter().filter(|m| !defaults.contains(m)) {
            opts.push(format!("mask={m}"));
        }
    }
    if let Some(readonly) = listed("ReadonlyPaths")? {
        let defaults = path_masks::default_readonly_paths();
        for d in defaults.iter().filter(|d| !readonly.contains(d)) {
            opts.push(format!("unmask={d}"));
        }
    }
    Ok(opts)
}

/// The HostConfig settings skiff honours only in their default form (see
/// [`skiff_libpod::container::compat_flags`]): a client asking for more is refused, not
/// silently given less (a GPU, an isolating runtime such as runsc or kata).
fn compat_options(host: &Value) -> ApiResult<CompatOptions> {
    let gpus = host["DeviceRequests"]
        .as_array()
        .filter(|r| !r.is_empty())
        .map(|r| {
            // As the docker CLI's --gpus value: all, a count, or device=IDS.
            let each = |d: &Value| match (d["Count"].as_i64(), d["DeviceIDs"].as_array()) {
                (Some(-1), _) => "all".to_string(),
                (_, Some(ids)) if !ids.is_empty() => {
                    let ids: Vec<&str> = ids.iter().filter_map(Value::as_str).collect();
                    format!("device={}", ids.join(","))
                }
                (Some(n), _) => n.to_string(),
                _ => "a device request".to_string(),
            };
            r.iter().map(each).collect::<Vec<_>>().join(" ")
        });
    Ok(CompatOptions {
        storage_opt: pairs(&host["StorageOpt"]),
        volume_driver: text(&host["VolumeDriver"]),
        // docker's default runtime, by its name.
        runtime: text(&host["Runtime"]).filter(|r| r != "runc"),
        isolation: text(&host["Isolation"]),
        gpus,
        device_cgroup_rules: strings(&host["DeviceCgroupRules"])?,
        ..CompatOptions::default()
    })
}

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

/// HostConfig.PortBindings (`{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`; an empty
/// HostPort or list: any free port).
fn port_bindings(v: &Value) -> ApiResult<Vec<PortMapping>> {
    let mut out = Vec::new();
    for (key, binds) in v.as_object().into_iter().flatten() {
        let bad = |reason: String| ApiError::bad_request(format!("PortBindings {key}: {reason}"));
        let (port, proto) = key.split_once('/').unwrap_or((key, "tcp"));
        let port: u16 = port
            .parse()
            .map_err(|_| bad("the container port must be a number".to_string()))?;
        let list = binds.as_array().cloned().unwrap_or_default();
        let wanted: Vec<(&str, &str)> = if list.is_empty() {
            vec![("", "")]
        } else {
            list.iter()
                .map(|b| {
                    let field = |k: &str| b[k].as_str().unwrap_or("");
                    (field("HostIp"), field("HostPort"))
                })
                .collect()
        };
        for (ip, host) in wanted {
            let number = |h: &str| {
                h.parse::<u16>().map_err(|_| {
                    bad(format!(
                        "HostPort {host:?} must be a port number or FIRST-LAST"
                    ))
                })
            };
            // docker's `-p 8000-8010:80` sends HostPort "8000-8010": any free one of them.
            let (first, last) = match host.split_once('-') {
                _ if host.is_empty() => (0, 0),
                Some((a, b)) => (number(a)?, number(b)?),
                None => (number(host)?, 0),
            };
            if host.contains('-') && (first == 0 || last <= first) {
                return Err(bad(format!(
                    "HostPort {host:?}: give FIRST-LAST, FIRST below LAST"
                )));
            }
            let mut mapping = PortMapping::single(ip, first, port, proto).map_err(bad)?;
            mapping.host_port_last = last;
            out.push(mapping);
        }
    }
    Ok(out)
}

/// Where the container's networks come from: `HostConfig.NetworkMode` and
/// `NetworkingConfig.EndpointsConfig`.
struct Endpoints {
    network: Option<String>,
    extra: Vec<ExtraNetwork>,
    aliases: Vec<String>,
    ip: Option<String>,
    ip6: Option<String>,
    /// The first network's `MacAddress` (API 1.44 moved it there from Config).
    mac: Option<String>,
}

/// The primary network (NetworkMode, or the one endpoint when NetworkMode is empty) with its
/// endpoint's aliases and addresses, and the further endpoints, with theirs, as extra
/// networks (docker 1.44 takes several).
fn endpoints(spec: &Value, mode: Option<String>) -> ApiResult<Endpoints> {
    let all = spec["NetworkingConfig"]["EndpointsConfig"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let network = mode.or_else(|| {
        (all.len() == 1)
            .then(|| all.keys().next().cloned())
            .flatten()
    });
    let mut out = Endpoints {
        network: network.clone(),
        extra: Vec::new(),
        aliases: Vec::new(),
        ip: None,
        ip6: None,
        mac: None,
    };
    for (name, ep) in &all {
        let address = |key: &str| text(&ep["IPAMConfig"][key]);
        if Some(name) == network.as_ref() {
            out.aliases = strings(&ep["Aliases"])?;
            out.ip = address("IPv4Address");
            out.ip6 = address("IPv6Address");
            out.mac = text(&ep["MacAddress"]);
            continue;
        }
        out.extra.push(ExtraNetwork {
            name: name.clone(),
            connect: ConnectOptions {
                aliases: strings(&ep["Aliases"])?,
                ip: address("IPv4Address"),
                ip6: address("IPv6Address"),
                mac: text(&ep["MacAddress"]),
            },
        });
    }
    Ok(out)
}

/// HostConfig.Mounts (`[{"Type", "Source", "Target", "ReadOnly", "BindOptions",
/// "VolumeOptions", "TmpfsOptions"}]`).
fn mounts(v: &Value) -> ApiResult<Vec<MountConfig>> {
    let mut out = Vec::new();
    for m in v.as_array().into_iter().flatten() {
        let target = text(&m["Target"])
            .ok_or_else(|| ApiError::bad_request("a mount in HostConfig.Mounts needs a Target"))?;
        let bad = |reason: String| {
            ApiError::bad_request(format!(
                "HostConfig.Mounts: the mount at {target}: {reason}"
            ))
        };
        let kind = match text(&m["Type"]).as_deref().unwrap_or("volume") {
            "bind" => MountKind::Bind,
            "volume" => MountKind::Volume,
            "tmpfs" => MountKind::Tmpfs,
            other => {
                return Err(bad(format!(
                    "type {other:?} is not supported; use bind, volume or tmpfs"
                )))
            }
        };
        let mut options = Vec::new();
        if let Some(p) = text(&m["BindOptions"]["Propagation"]) {
            if ![
                "private", "rprivate", "shared", "rshared", "slave", "rslave",
            ]
            .contains(&p.as_str())
            {
                return Err(bad(format!(
                    "propagation {p:?}: use private, rprivate, shared, rshared, slave or rslave"
                )));
            }
            options.push(p);
        }
        // docker's `bind-recursive=disabled` and `=writable`.
        let bind = &m["BindOptions"];
        if bind["NonRecursive"].as_bool() == Some(true) {
            options.push("bind".to_string());
        } else if bind["ReadOnlyNonRecursive"].as_bool() == Some(true) {
            options.push(options::RO_TOP_ONLY.to_string());
        }
        // How a named volume the mount creates is made.
        let driver = &m["VolumeOptions"]["DriverConfig"];
        if let Some(name) = text(&driver["Name"]) {
            options::check_volume_driver(&name)
                .map_err(|reason| bad(format!("volume driver {name}: {reason}")))?;
        }
        for kv in pairs(&driver["Options"]) {
            options.push(format!("{}{kv}", options::VOLUME_OPT));
        }
        for kv in pairs(&m["VolumeOptions"]["Labels"]) {
            options.push(format!("{}{kv}", options::VOLUME_LABEL));
        }
        if let Some(rel) = text(&m["VolumeOptions"]["Subpath"]) {
            options.push(
                options::subpath_option(&rel).map_err(|r| bad(format!("Subpath {rel:?}: {r}")))?,
            );
        }
        if m["VolumeOptions"]["NoCopy"].as_bool() == Some(true) {
            options.push("nocopy".to_string());
        }
        if let Some(size) = m["TmpfsOptions"]["SizeBytes"].as_i64().filter(|s| *s > 0) {
            options.push(format!("size={size}"));
        }
        if let Some(mode) = m["TmpfsOptions"]["Mode"].as_u64().filter(|m| *m > 0) {
            options.push(format!("mode={mode:o}"));
        }
        let source = text(&m["Source"]).unwrap_or_default();
        if kind == MountKind::Bind && !source.is_empty() && !source.starts_with('/') {
            // The service's working directory means nothing to a client: docker refuses too.
            return Err(ApiError::bad_request(format!(
                "invalid mount config for type \"bind\": invalid mount path: '{source}' mount path must be absolute"
            )));
        }
        let mount = options::check_mount(MountConfig {
            kind,
            source,
            destination: target.clone(),
            read_only: m["ReadOnly"].as_bool() == Some(true),
            options,
            create_source: false,
        })
        .map_err(bad)?;
        out.push(mount);
    }
    Ok(out)
}

/// HostConfig.Binds (`["SRC:DST[:OPTS]"]`). A relative host path is refused as docker's daemon
/// does: it would resolve against the service's working directory, not the client's.
fn binds(v: &Value) -> ApiResult<Vec<String>> {
    let binds = strings(v)?;
    for b in &binds {
        let source = b.split(':').next().unwrap_or_default();
        if b.contains(':') && source.starts_with('.') {
            return Err(ApiError::bad_request(format!(
                "create {source}: \"{source}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"
            )));
        }
    }
    Ok(binds)
}

/// HostConfig.Tmpfs (`{"/run": "rw,size=64m"}`).
fn tmpfs(v: &Value) -> ApiResult<Vec<MountConfig>> {
    v.as_object()
        .into_iter()
        .flatten()
        .map(|(path, o)| {
            options::tmpfs_mount(path, o.as_str().unwrap_or_default())
                .map_err(|r| ApiError::bad_request(format!("HostConfig.Tmpfs {path}: {r}")))
        })
        .collect()
}

/// The objects of the JSON array `v` that `read` takes, checked: `read` gives None for an
/// entry without what it needs (skipped, as docker does), else what to call the entry in an
/// error and the check's outcome; a refused entry is a 400 that names it.
fn checked_entries<T>(
    v: &Value,
    read: impl FnMut(&Value) -> Option<(String, Result<T, String>)>,
) -> ApiResult<Vec<T>> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(read)
        .map(|(what, checked)| checked.map_err(|r| ApiError::bad_request(format!("{what}: {r}"))))
        .collect()
}

/// HostConfig.Devices (`[{"PathOnHost", "PathInContainer", "CgroupPermissions"}]`).
fn devices(v: &Value) -> ApiResult<Vec<DeviceConfig>> {
    checked_entries(v, |d| {
        let host = text(&d["PathOnHost"])?;
        let inside = text(&d["PathInContainer"]).unwrap_or_else(|| host.clone());
        let perms = text(&d["CgroupPermissions"]).unwrap_or_else(|| "rwm".into());
        let checked = options::check_device(&host, &inside, &perms);
        Some((format!("HostConfig.Devices {host}"), checked))
    })
}

/// HostConfig.Ulimits (`[{"Name", "Soft", "Hard"}]`).
pub(crate) fn ulimits(v: &Value) -> ApiResult<Vec<Ulimit>> {
    checked_entries(v, |u| {
        let name = text(&u["Name"])?;
        let soft = u["Soft"].as_i64()?;
        let hard = u["Hard"].as_i64().unwrap_or(soft);
        let checked = options::check_ulimit(Ulimit { name, soft, hard });
        Some(("HostConfig.Ulimits".into(), checked))
    })
}

/// HostConfig.RestartPolicy (`{"Name", "MaximumRetryCount"}`); None for docker's "no".
fn restart(v: &Value) -> ApiResult<Option<RestartPolicy>> {
    let Some(name) = text(&v["Name"]) else {
        return Ok(None);
    };
    let max = v["MaximumRetryCount"].as_u64().unwrap_or(0);
    let max = u32::try_from(max).map_err(|_| {
        ApiError::bad_request(format!(
            "RestartPolicy.MaximumRetryCount {max} is too large"
        ))
    })?;
    options::restart_policy(&name, max)
        .map(Some)
        .map_err(|r| ApiError::bad_request(format!("RestartPolicy {name:?}: {r}")))
}

/// The health options of Config.Healthcheck (`{"Test": ["CMD-SHELL", "..."], "Interval": ns,
/// ...}`; `["NONE"]` turns the image's check off).
fn health(v: &Value) -> ApiResult<HealthOptions> {
    let mut h = HealthOptions::default();
    let test = strings(&v["Test"])?;
    match test.first().map(String::as_str) {
        None => {}
        Some("NONE") => h.disable = true,
        Some("CMD" | "CMD-SHELL") => h.test = Some(test),
        // As `--health-cmd '["curl", ...]'`: a list without its kind is a CMD.
        Some(_) => h.test = Some(std::iter::once("CMD".to_string()).chain(test).collect()),
    }
    let duration = |key: &str| v[key].as_i64().filter(|n| *n > 0);
    h.interval = duration("Interval");
    h.timeout = duration("Timeout");
    h.start_period = duration("StartPeriod");
    h.start_interval = duration("StartInterval");
    h.retries = v["Retries"].as_i64().filter(|r| *r > 0);
    Ok(h)
}

/// The create options of docker's create body `spec`.
pub fn options(spec: &Value) -> ApiResult<CreateOptions> {
    let host = &spec["HostConfig"];
    let image = text(&spec["Image"])
        .ok_or_else(|| ApiError::bad_request("Config.Image is required: name the image to run"))?;
    let command = strings(&spec["Cmd"])?;
    // An empty list (or docker CLI's `[""]` for `--entrypoint ""`) clears the image's
    // entrypoint; null keeps it.
    let entrypoint = match &spec["Entrypoint"] {
        Value::Null => None,
        v => Some(strings(v)?).map(|e| if e == [""] { Vec::new() } else { e }),
    };
    let flag = |v: &Value| v.as_bool().unwrap_or(false);
    let endpoints = endpoints(spec, text(&host["NetworkMode"]).filter(|m| m != "default"))?;
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
        // docker's negative StopTimeout is no limit (u32::MAX seconds).
        stop_timeout: spec["StopTimeout"]
            .as_i64()
            .map(|t| u32::try_from(t).unwrap_or(u32::MAX)),
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
        volumes: binds(&host["Binds"])?,
        rm: flag(&host["AutoRemove"]),
        // docker-py's `containers.run` reads an AutoRemove container's logs and exit after
        // it ended; docker's daemon removes it a moment later, not in the same instant.
        rm_after: Duration::from_secs(1),
        privileged: flag(&host["Privileged"]),
        read_only: flag(&host["ReadonlyRootfs"]),
        init: flag(&host["Init"]),
        cap_add: strings(&host["CapAdd"])?,
        cap_drop: strings(&host["CapDrop"])?,
        security_opt: security_opts(host)?,
        dns: strings(&host["Dns"])?,
        dns_search: strings(&host["DnsSearch"])?,
        dns_options: strings(&host["DnsOptions"])?,
        add_host: strings(&host["ExtraHosts"])?,
        group_add: strings(&host["GroupAdd"])?,
        volumes_from: strings(&host["VolumesFrom"])?,
        publish: port_bindings(&host["PortBindings"])?,
        publish_all: flag(&host["PublishAllPorts"]),
        restart: restart(&host["RestartPolicy"])?,
        network: endpoints.network,
        extra_networks: endpoints.extra,
        network_aliases: endpoints.aliases,
        ip: endpoints.ip,
        ip6: endpoints.ip6,
        mounts: mounts(&host["Mounts"])?,
        devices: devices(&host["Devices"])?,
        ulimits: ulimits(&host["Ulimits"])?,
        tmpfs: tmpfs(&host["Tmpfs"])?,
        sysctls: pairs(&host["Sysctls"]),
        links: strings(&host["Links"])?,
        shm_size: host["ShmSize"]
            .as_i64()
            .filter(|s| *s > 0)
            .map(|s| s.to_string()),
        oom_score_adj: host["OomScoreAdj"]
            .as_i64()
            .filter(|s| *s != 0)
            .map(|s| s as i32),
        userns: text(&host["UsernsMode"]),
        cgroupns: text(&host["CgroupnsMode"]),
        annotations: pairs(&host["Annotations"]),
        mac_address: endpoints.mac.or_else(|| text(&spec["MacAddress"])),
        pid: text(&host["PidMode"]),
        ipc: text(&host["IpcMode"]).filter(|m| m != "private"),
        uts: text(&host["UTSMode"]),
        // docker's default driver: clients read the logs only of json-file (or journald)
        // containers (docker-py's `containers.run` returns no output otherwise).
        log_driver: text(&host["LogConfig"]["Type"]).or_else(|| Some("json-file".to_string())),
        log_opts: pairs(&host["LogConfig"]["Config"]),
        // docker's /etc/passwd is the image's: no entries for a numeric user (podman's
        // --passwd is the command line's).
        no_passwd: true,
        ..CreateOptions::default()
    };
    opts.compat = compat_options(host)?;
    opts.health = health(&spec["Healthcheck"])?;
    opts.resources = resources_of(host)?;
    let anonymous = anonymous_volumes(&spec["Volumes"], &opts)?;
    opts.volumes.extend(anonymous);
    Ok(opts)
}

/// Config.Volumes (`{"/data": {}}`, what `docker run -v /data` and compose's `- /data` send):
/// an anonymous volume at each path that no bind, mount or tmpfs of `opts` covers, as docker's
/// daemon makes them.
fn anonymous_volumes(v: &Value, opts: &CreateOptions) -> ApiResult<Vec<String>> {
    let taken: Vec<String> = opts
        .volumes
        .iter()
        .filter_map(|b| options::parse_volume_flag(b).ok())
        .chain(opts.mounts.iter().cloned())
        .chain(opts.tmpfs.iter().cloned())
        .map(|m| m.destination)
        .collect();
    let mut out = Vec::new();
    for path in v.as_object().into_iter().flatten().map(|(p, _)| p) {
        // A key is a path in the container, never a `SRC:DST` spec (that would bind a host
        // path past whatever polices HostConfig.Binds).
        if !path.starts_with('/') || path.contains(':') {
            return Err(ApiError::bad_request(format!(
                "Config.Volumes {path:?}: give an absolute path in the container; host \
                 directories and named volumes go in HostConfig.Binds"
            )));
        }
        let m = options::parse_volume_flag(path)
            .map_err(|e| ApiError::bad_request(format!("Config.Volumes {path:?}: {e}")))?;
        if !taken.contains(&m.destination) {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// The resource limits of a HostConfig (create) or of an update body, as the CLI's flags
/// would give them.
pub(crate) fn resources_of(host: &Value) -> ApiResult<ResourceOptions> {
    let mut r = ResourceOptions::default();
    let positive = |key: &str| host[key].as_i64().filter(|v| *v > 0);
    r.memory = positive("Memory");
    // -1 is docker's "unlimited swap".
    r.memory_swap = host["MemorySwap"].as_i64().filter(|v| *v != 0);
    r.memory_reservation = positive("MemoryReservation");
    r.cpu_shares = positive("CpuShares");
    r.cpu_period = positive("CpuPeriod");
    r.cpu_quota = positive("CpuQuota");
    r.cpuset_cpus = text(&host["CpusetCpus"]);
    r.cpuset_mems = text(&host["CpusetMems"]);
    // Absent or null: the default (containers.conf's); 0 or -1: unlimited, as the client asked.
    r.pids_limit = host["PidsLimit"].as_i64();
    r.blkio_weight = positive("BlkioWeight")
        .map(|w| {
            u16::try_from(w).map_err(|_| {
                ApiError::bad_request(format!("BlkioWeight {w} is out of range: give 10 to 1000"))
            })
        })
        .transpose()?;
    r.cgroup_parent = text(&host["CgroupParent"]);
    r.oom_kill_disable = host["OomKillDisable"].as_bool().unwrap_or(false);
    r.nano_cpus = positive("NanoCpus");
    Ok(r)
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
        assert_eq!(o.entrypoint, Some(vec!["sh".to_string(), "-c".to_string()]));
        assert_eq!(o.command, ["echo", "hi"]);
        assert!(o.rm && o.attach.stdout && !o.attach.stdin);
        assert_eq!(o.volumes, ["/a:/b:ro"]);
        assert_eq!(o.publish[0].spec(), "8080:80/tcp");
        assert_eq!(o.labels, ["k=v"]);
        let restart = o.restart.as_ref().unwrap();
        assert_eq!(
            (restart.name.as_str(), restart.max_retries),
            ("on-failure", 3)
        );
        assert_eq!(o.network, None);
        assert!(options(&json!({"Cmd": ["x"]})).is_err());
        let cleared = options(&json!({"Image": "busybox", "Entrypoint": [""]})).unwrap();
        assert_eq!(cleared.entrypoint, Some(Vec::new()));
        let kept = options(&json!({"Image": "busybox", "Entrypoint": null})).unwrap();
        assert_eq!(kept.entrypoint, None);
    }

    #[test]
    fn structured_host_config_maps_onto_typed_values_through_the_cli_s_checks() {
        let body = |host: serde_json::Value| json!({"Image": "busybox", "HostConfig": host});
        let o = options(&body(json!({
            "Mounts": [{"Type": "tmpfs", "Target": "/scratch/", "TmpfsOptions": {"SizeBytes": 4096}}],
            "Tmpfs": {"/run": "rw,exec"},
            "Ulimits": [{"Name": "nofile", "Soft": 10, "Hard": 20}],
            "RestartPolicy": {"Name": "always", "MaximumRetryCount": 0}
        })))
        .unwrap();
        assert_eq!(o.mounts[0].kind, MountKind::Tmpfs);
        assert_eq!(o.mounts[0].destination, "/scratch");
        assert_eq!(
            o.mounts[0].options,
            ["noexec", "nosuid", "nodev", "size=4096"]
        );
        assert_eq!(o.tmpfs[0].destination, "/run");
        assert_eq!(o.tmpfs[0].options, ["nosuid", "nodev"]);
        assert_eq!((o.ulimits[0].soft, o.ulimits[0].hard), (10, 20));
        assert_eq!(o.restart.unwrap().name, "always");
        let refused = |host: serde_json::Value, says: &str| {
            let e = options(&body(host)).unwrap_err();
            assert!(format!("{e:?}").contains(says), "{e:?} should say {says:?}");
        };
        refused(
            json!({"Mounts": [{"Type": "bind", "Target": "/x"}]}),
            "needs source",
        );
        refused(
            json!({"Mounts": [{"Type": "npipe", "Target": "/x"}]}),
            "not supported",
        );
        refused(
            json!({"Mounts": [{"Type": "volume", "Target": "/proc/x"}]}),
            "/proc",
        );
        refused(
            json!({"Ulimits": [{"Name": "nofiles", "Soft": 1}]}),
            "unknown limit",
        );
        refused(
            json!({"Ulimits": [{"Name": "nofile", "Soft": 9, "Hard": 2}]}),
            "exceeds",
        );
        refused(
            json!({"RestartPolicy": {"Name": "sometimes"}}),
            "on-failure",
        );
        refused(json!({"Tmpfs": {"run": ""}}), "absolute");
        refused(
            json!({"Mounts": [{"Type": "bind", "Source": "rel/dir", "Target": "/x"}]}),
            "'rel/dir' mount path must be absolute",
        );
        refused(json!({"Binds": ["./data:/x"]}), "use absolute path");
        let named = options(&body(json!({"Binds": ["data:/x", "/abs:/y", "/anon"]}))).unwrap();
        assert_eq!(named.volumes, ["data:/x", "/abs:/y", "/anon"]);
        refused(json!({"Devices": [{"PathOnHost": "dev/null"}]}), "absolute");
    }

    #[test]
    fn device_and_ulimit_entries_skip_incomplete_ones_and_name_refused_ones() {
        let body = |host: serde_json::Value| json!({"Image": "busybox", "HostConfig": host});
        let o = options(&body(json!({
            "Devices": [{"PathInContainer": "/x"}, {"PathOnHost": "/dev/null"}],
            "Ulimits": [{"Soft": 1}, {"Name": "nofile"}, {"Name": "nproc", "Soft": 5}]
        })))
        .unwrap();
        assert_eq!(o.devices.len(), 1);
        assert_eq!(o.ulimits.len(), 1);
        assert_eq!((o.ulimits[0].soft, o.ulimits[0].hard), (5, 5));
        let says = |host: serde_json::Value| format!("{:?}", options(&body(host)).unwrap_err());
        let e = says(json!({"Devices": [{"PathOnHost": "dev/null"}]}));
        assert!(e.contains("HostConfig.Devices dev/null: "), "{e}");
        let e = says(json!({"Ulimits": [{"Name": "nofiles", "Soft": 1}]}));
        assert!(e.contains("HostConfig.Ulimits: "), "{e}");
    }
}
