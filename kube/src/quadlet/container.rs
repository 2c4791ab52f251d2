//! `[Container]` of a `.container` file: the `skiff run` command line of the service, and the
//! service settings that make systemd track the container (podman-systemd.unit(5)).

use super::section::Keys;
use super::unit_file::{Entry, UnitFile};
use super::{words, Context, QuadletError};

/// Keys that name one `run` flag each time they appear, with the flag.
const EACH: &[(&str, &str)] = &[
    ("AddDevice", "--device"),
    ("AddHost", "--add-host"),
    ("DNS", "--dns"),
    ("DNSOption", "--dns-option"),
    ("DNSSearch", "--dns-search"),
    ("ExposeHostPort", "--expose"),
    ("GroupAdd", "--group-add"),
    ("GIDMap", "--gidmap"),
    ("LogOpt", "--log-opt"),
    ("Mask", "--security-opt=mask"),
    ("NetworkAlias", "--network-alias"),
    ("PublishPort", "--publish"),
    ("Secret", "--secret"),
    ("Tmpfs", "--tmpfs"),
    ("UIDMap", "--uidmap"),
    ("Ulimit", "--ulimit"),
    ("Unmask", "--security-opt=unmask"),
];

/// Keys whose value is a list of words, one flag per word.
const WORDS: &[(&str, &str)] = &[
    ("AddCapability", "--cap-add"),
    ("Annotation", "--annotation"),
    ("DropCapability", "--cap-drop"),
    ("Environment", "--env"),
    ("Label", "--label"),
    ("Sysctl", "--sysctl"),
];

/// Keys that set one flag once (the last line wins).
const ONCE: &[(&str, &str)] = &[
    ("Entrypoint", "--entrypoint"),
    ("HealthCmd", "--health-cmd"),
    ("HealthInterval", "--health-interval"),
    ("HealthOnFailure", "--health-on-failure"),
    ("HealthRetries", "--health-retries"),
    ("HealthStartPeriod", "--health-start-period"),
    ("HealthTimeout", "--health-timeout"),
    ("HostName", "--hostname"),
    ("IP", "--ip"),
    ("IP6", "--ip6"),
    ("LogDriver", "--log-driver"),
    ("Memory", "--memory"),
    ("PidsLimit", "--pids-limit"),
    ("Pull", "--pull"),
    ("ShmSize", "--shm-size"),
    ("StopSignal", "--stop-signal"),
    ("StopTimeout", "--stop-timeout"),
    ("SubGIDMap", "--subgidname"),
    ("SubUIDMap", "--subuidname"),
    ("Timezone", "--tz"),
    ("UserNS", "--userns"),
    ("WorkingDir", "--workdir"),
];

/// Boolean keys and the flag each adds when true.
const SWITCHES: &[(&str, &str)] = &[
    ("NoNewPrivileges", "--security-opt=no-new-privileges"),
    ("EnvironmentHost", "--env-host"),
    ("ReadOnly", "--read-only"),
    ("RunInit", "--init"),
    ("SecurityLabelDisable", "--security-opt=label=disable"),
    // SELinux's: skiff accepts and ignores label options, as on a host without SELinux.
    ("SecurityLabelNested", "--security-opt=label=nested"),
];

/// Boolean keys that set a `--FLAG=true|false` flag either way.
const BOOL_FLAGS: &[(&str, &str)] = &[
    ("HttpProxy", "--http-proxy"),
    ("ReadOnlyTmpfs", "--read-only-tmpfs"),
];

/// SELinux label keys and the `label=` option each sets (accepted and ignored, as above).
const LABELS: &[(&str, &str)] = &[
    ("SecurityLabelFileType", "filetype"),
    ("SecurityLabelLevel", "level"),
    ("SecurityLabelType", "type"),
];

/// podman's `[Container]` keys that skiff cannot honour yet.
const UNSUPPORTED: &[&str] = &[
    "ContainersConfModule",
    "HealthStartupCmd",
    "HealthStartupInterval",
    "HealthStartupRetries",
    "HealthStartupSuccess",
    "HealthStartupTimeout",
    "StartWithPod",
];

/// Fills `unit` with the container's service from its `[Container]` keys.
pub fn translate(mut keys: Keys, unit: &mut UnitFile, ctx: &Context) -> Result<(), QuadletError> {
    let mut deps = Vec::new();
    let global = keys.words("GlobalArgs")?;
    let mut run = global.clone();
    let name = keys
        .value("ContainerName")
        .unwrap_or_else(|| "systemd-%N".to_string());
    // Notify=healthy (podman 5): ready once the healthcheck passes; else a boolean.
    let notify = match keys.last("Notify") {
        Some(e) if e.value == "healthy" => "healthy",
        Some(_) if keys.bool("Notify")? == Some(true) => "container",
        _ => "conmon",
    };
    run.extend([
        "run".to_string(),
        format!("--name={name}"),
        "--cidfile=%t/%N.cid".to_string(),
        "--replace".to_string(),
        "--rm".to_string(),
        "--cgroups=no-conmon".to_string(),
        format!("--sdnotify={notify}"),
        "-d".to_string(),
    ]);
    for e in keys.all("Volume") {
        let v = resolve_volume(&keys, &e, ctx, &mut deps)?;
        run.push(format!("--volume={v}"));
    }
    for e in keys.all("Mount") {
        let m = resolve_mount(&keys, &e, ctx, &mut deps)?;
        run.push(format!("--mount={m}"));
    }
    for e in keys.all("Network") {
        let n = resolve(&keys, &e, &e.value, ".network", ctx, &mut deps)?;
        run.push(format!("--network={n}"));
    }
    // Pod=NAME.pod: the member reads the pod's id from the file the pod's service writes,
    // and is bound to that service (stopped with it).
    let mut pod_service = None;
    if let Some(e) = keys.last("Pod") {
        if !e.value.ends_with(".pod") {
            return Err(keys.error(&e, format!("Pod={} must name a .pod file", e.value)));
        }
        let mut found = Vec::new();
        resolve(&keys, &e, &e.value, ".pod", ctx, &mut found)?;
        let service = found.pop().unwrap_or_default();
        run.push(format!("--pod-id-file={}", super::pod_id_file(&service)));
        pod_service = Some(service);
    }
    // A relative EnvironmentFile= is read from the Quadlet file's directory, as podman does.
    for e in keys.all("EnvironmentFile") {
        let path = if e.value.starts_with('/') {
            e.value.clone()
        } else {
            ctx.relative_to_source(&e.value)
        };
        run.push(format!("--env-file={path}"));
    }
    keys.push_flags(EACH, WORDS, ONCE, &mut run)?;
    for (key, flag) in SWITCHES {
        if keys.bool(key)? == Some(true) {
            run.push(flag.to_string());
        }
    }
    for (key, flag) in BOOL_FLAGS {
        if let Some(b) = keys.bool(key)? {
            run.push(format!("{flag}={b}"));
        }
    }
    for (key, option) in LABELS {
        if let Some(v) = keys.value(key) {
            run.push(format!("--security-opt=label={option}:{v}"));
        }
    }
    if let Some(e) = keys.last("CgroupsMode") {
        let mode = match e.value.as_str() {
            // podman's split (its monitor in the service's cgroup, the container below it) is
            // what skiff's no-conmon does under a unit.
            "split" | "no-conmon" => "no-conmon",
            "enabled" => "enabled",
            other => {
                return Err(keys.error(
                    &e,
                    format!(
                        "CgroupsMode={other} is not supported: use split, no-conmon or enabled"
                    ),
                ))
            }
        };
        let default = run.iter().position(|a| a == "--cgroups=no-conmon");
        if let Some(i) = default {
            run[i] = format!("--cgroups={mode}");
        }
    }
    let reload = reload_command(&mut keys, &name)?;
    if let Some(p) = keys.value("SeccompProfile") {
        run.push(format!("--security-opt=seccomp={p}"));
    }
    if let Some(a) = keys.value("AutoUpdate") {
        run.push(format!("--label=io.containers.autoupdate={a}"));
    }
    match (keys.value("User"), keys.last("Group")) {
        (Some(u), None) => run.push(format!("--user={u}")),
        (Some(u), Some(g)) => run.push(format!("--user={u}:{}", g.value)),
        (None, Some(g)) => {
            return Err(keys.error(&g, "Group= needs User= as well".to_string()));
        }
        (None, None) => {}
    }
    run.extend(keys.words("PodmanArgs")?);
    let image = keys.last("Image");
    let rootfs = keys.value("Rootfs");
    match (image, rootfs) {
        (Some(i), None) => {
            let ext = if i.value.ends_with(".build") {
                ".build"
            } else {
                ".image"
            };
            let image = resolve(&keys, &i, &i.value, ext, ctx, &mut deps)?;
            run.push(image);
        }
        (None, Some(r)) => run.push(format!("--rootfs={r}")),
        (Some(i), Some(_)) => {
            return Err(keys.error(&i, "set Image= or Rootfs=, not both".to_string()));
        }
        (None, None) => {
            return Err(QuadletError::at(
                &ctx.file_name(),
                0,
                "[Container] needs Image= (or Rootfs=)".to_string(),
            ));
        }
    }
    run.extend(keys.words("Exec")?);
    keys.finish(UNSUPPORTED)?;
    if ctx.system {
        unit.add("Unit", "Wants", "network-online.target");
        unit.add("Unit", "After", "network-online.target");
    }
    add_dependencies(unit, deps);
    if let Some(service) = pod_service {
        unit.add("Unit", "BindsTo", service.clone());
        unit.add("Unit", "After", service);
    }
    let skiff = words::quote(&ctx.skiff);
    let global_for_reload = global.clone();
    let mut rm = global;
    rm.extend(["rm", "-v", "-f", "-i", "--cidfile=%t/%N.cid"].map(String::from));
    let rm = format!("{skiff} {}", words::join(&rm));
    service_defaults(
        unit,
        &[
            ("Environment", "SKIFF_SYSTEMD_UNIT=%n"),
            ("KillMode", "mixed"),
            ("Delegate", "yes"),
            ("Type", "notify"),
            ("NotifyAccess", "all"),
            ("SyslogIdentifier", "%N"),
        ],
    );
    unit.add(
        "Service",
        "ExecStart",
        format!("{skiff} {}", words::join(&run)),
    );
    if let Some(reload) = reload {
        let mut words = global_for_reload;
        words.extend(reload);
        unit.add(
            "Service",
            "ExecReload",
            format!("{skiff} {}", words::join(&words)),
        );
    }
    unit.add("Service", "ExecStop", rm.clone());
    unit.add("Service", "ExecStopPost", format!("-{rm}"));
    Ok(())
}

/// `ReloadCmd=` (run in the container, `skiff exec`) or `ReloadSignal=` (sent to it, `skiff
/// kill`): the arguments of the service's `ExecReload=`; podman refuses both together.
fn reload_command(keys: &mut Keys, name: &str) -> Result<Option<Vec<String>>, QuadletError> {
    let signal = keys.last("ReloadSignal");
    let command = keys.last("ReloadCmd");
    match (command, signal) {
        (Some(c), Some(_)) => Err(keys.error(
            &c,
            "ReloadCmd= and ReloadSignal= cannot both be set: choose one".to_string(),
        )),
        (Some(c), None) => {
            let words = keys.split(&c)?;
            let mut out = vec!["exec".to_string(), name.to_string()];
            out.extend(words);
            Ok(Some(out))
        }
        (None, Some(s)) => Ok(Some(vec![
            "kill".to_string(),
            format!("--signal={}", s.value),
            name.to_string(),
        ])),
        (None, None) => Ok(None),
    }
}

/// Adds `Requires=` and `After=` on each service in `deps` to the unit's `[Unit]`.
pub(super) fn add_dependencies(unit: &mut UnitFile, deps: Vec<String>) {
    for d in deps {
        unit.add("Unit", "Requires", d.clone());
        unit.add("Unit", "After", d);
    }
}

/// Adds each `(key, value)` to `[Service]` unless the file sets that key itself.
pub fn service_defaults(unit: &mut UnitFile, defaults: &[(&str, &str)]) {
    for (key, value) in defaults {
        if !unit.has("Service", key) {
            unit.add("Service", key, *value);
        }
    }
}

/// `value` itself, or when it names another Quadlet file with extension `ext` (`data.volume`),
/// that file's resource name, recording its service as a dependency.
pub(super) fn resolve(
    keys: &Keys,
    e: &Entry,
    value: &str,
    ext: &str,
    ctx: &Context,
    deps: &mut Vec<String>,
) -> Result<String, QuadletError> {
    if !value.ends_with(ext) {
        return Ok(value.to_string());
    }
    let name = ctx.names.get(value).ok_or_else(|| {
        keys.error(
            e,
            format!(
                "{}={value}: there is no Quadlet file {value} beside this one",
                e.key
            ),
        )
    })?;
    if let Some(service) = super::service_name(value) {
        if !deps.contains(&service) {
            deps.push(service);
        }
    }
    Ok(name.clone())
}

/// A `Volume=SRC:DST[:OPTS]` with a `.volume` source resolved and a relative host path made
/// absolute against the Quadlet file's directory, as podman does.
pub(super) fn resolve_volume(
    keys: &Keys,
    e: &Entry,
    ctx: &Context,
    deps: &mut Vec<String>,
) -> Result<String, QuadletError> {
    let Some((source, rest)) = e.value.split_once(':') else {
        return Ok(e.value.clone());
    };
    let source = if is_relative_path(source) {
        ctx.relative_to_source(source)
    } else {
        resolve(keys, e, source, ".volume", ctx, deps)?
    };
    Ok(format!("{source}:{rest}"))
}

/// True for a host path written relative to the Quadlet file (`./data`, `../x`): a bare name is
/// a named volume.
fn is_relative_path(source: &str) -> bool {
    source.starts_with("./") || source.starts_with("../")
}

/// A `Mount=` value with a `.volume` `source=` resolved and a relative host path made absolute
/// against the Quadlet file's directory.
fn resolve_mount(
    keys: &Keys,
    e: &Entry,
    ctx: &Context,
    deps: &mut Vec<String>,
) -> Result<String, QuadletError> {
    let mut fields = Vec::new();
    for field in e.value.split(',') {
        match field.split_once('=') {
            Some((k @ ("source" | "src"), v)) if is_relative_path(v) => {
                fields.push(format!("{k}={}", ctx.relative_to_source(v)))
            }
            Some((k @ ("source" | "src"), v)) => fields.push(format!(
                "{k}={}",
                resolve(keys, e, v, ".volume", ctx, deps)?
            )),
            _ => fields.push(field.to_string()),
        }
    }
    Ok(fields.join(","))
}
