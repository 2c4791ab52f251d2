//! `[Pod]` of a `.pod` file: a service whose start creates and starts a pod, and which the
//! containers naming it in `Pod=NAME.pod` are bound to (podman-pod.unit(5)). The pod's id
//! travels in a file under the unit's runtime directory (`%t/%N.pod-id`), which the members
//! pass to `run --pod-id-file`.

use super::container::{resolve, resolve_volume, service_defaults};
use super::section::Keys;
use super::unit_file::UnitFile;
use super::{words, Context, QuadletError};

/// Keys that set one `pod create` flag each time they appear.
const EACH: &[(&str, &str)] = &[
    ("AddHost", "--add-host"),
    ("DNS", "--dns"),
    ("DNSOption", "--dns-option"),
    ("DNSSearch", "--dns-search"),
    ("GIDMap", "--gidmap"),
    ("NetworkAlias", "--network-alias"),
    ("PublishPort", "--publish"),
    ("UIDMap", "--uidmap"),
];

/// Keys whose value is a list of words, one flag per word.
const WORDS: &[(&str, &str)] = &[("Label", "--label")];

/// Keys that set one flag once (the last line wins).
const ONCE: &[(&str, &str)] = &[
    ("ExitPolicy", "--exit-policy"),
    ("HostName", "--hostname"),
    ("IP", "--ip"),
    ("IP6", "--ip6"),
    ("ShmSize", "--shm-size"),
    ("SubGIDMap", "--subgidname"),
    ("SubUIDMap", "--subuidname"),
    ("UserNS", "--userns"),
];

/// podman's `[Pod]` keys that `skiff pod create` has no flag for.
const UNSUPPORTED: &[&str] = &["ContainersConfModule", "ServiceName"];

/// Fills `unit` with the pod's service: `pod create` before the start, `pod start` as the
/// start (the infra's monitor is the main process), `pod stop` and `pod rm` at the stop, and a
/// `Wants=`/`Before=` on each member container's service so that starting the pod starts them.
pub fn translate(
    stem: &str,
    mut keys: Keys,
    unit: &mut UnitFile,
    ctx: &Context,
) -> Result<(), QuadletError> {
    let mut deps = Vec::new();
    let global = keys.words("GlobalArgs")?;
    let name = keys
        .value("PodName")
        .unwrap_or_else(|| format!("systemd-{stem}"));
    let id_file = "%t/%N.pod-id";
    let mut create = global.clone();
    create.extend([
        "pod".to_string(),
        "create".to_string(),
        "--infra-conmon-pidfile=%t/%N.pid".to_string(),
        format!("--pod-id-file={id_file}"),
        "--replace".to_string(),
    ]);
    for e in keys.all("Network") {
        let n = resolve(&keys, &e, &e.value, ".network", ctx, &mut deps)?;
        create.push(format!("--network={n}"));
    }
    // The pod's volumes are every member's (a `.volume` source waits for its service).
    for e in keys.all("Volume") {
        let v = resolve_volume(&keys, &e, ctx, &mut deps)?;
        create.push(format!("--volume={v}"));
    }
    keys.push_flags(EACH, WORDS, ONCE, &mut create)?;
    let stop_timeout = keys
        .value("StopTimeout")
        .unwrap_or_else(|| "10".to_string());
    create.extend(keys.words("PodmanArgs")?);
    create.push(format!("--name={name}"));
    keys.finish(UNSUPPORTED)?;
    if ctx.system {
        unit.add("Unit", "Wants", "network-online.target");
        unit.add("Unit", "After", "network-online.target");
    }
    super::container::add_dependencies(unit, deps);
    let file = ctx.file_name();
    for member in ctx.pod_members.get(&file).into_iter().flatten() {
        unit.add("Unit", "Wants", member.clone());
        unit.add("Unit", "Before", member.clone());
    }
    let skiff = words::quote(&ctx.skiff);
    let line = |verb: &[&str]| {
        let mut w = global.clone();
        w.push("pod".to_string());
        w.extend(verb.iter().map(|s| s.to_string()));
        w.push(format!("--pod-id-file={id_file}"));
        format!("{skiff} {}", words::join(&w))
    };
    service_defaults(
        unit,
        &[
            ("Environment", "SKIFF_SYSTEMD_UNIT=%n"),
            ("Type", "forking"),
            ("Restart", "on-failure"),
            ("PIDFile", "%t/%N.pid"),
            ("SyslogIdentifier", "%N"),
        ],
    );
    unit.add(
        "Service",
        "ExecStartPre",
        format!("{skiff} {}", words::join(&create)),
    );
    unit.add("Service", "ExecStart", line(&["start"]));
    unit.add(
        "Service",
        "ExecStop",
        line(&["stop", "--ignore", &format!("--time={stop_timeout}")]),
    );
    unit.add(
        "Service",
        "ExecStopPost",
        format!("-{}", line(&["rm", "--ignore", "--force"])),
    );
    Ok(())
}
