//! `[Kube]` of a `.kube` file: a service that plays Kubernetes YAML at its start (`kube play
//! --replace`) and takes it down at its stop (`kube down`), as podman-kube.unit(5) describes.
//! Unlike podman's, the service is a one-shot that stays active: skiff has no service
//! container for systemd to watch, so a container of the YAML that dies is not restarted by
//! systemd (use the YAML's restartPolicy).

use super::container::{resolve, service_defaults};
use super::section::Keys;
use super::unit_file::UnitFile;
use super::{words, Context, QuadletError};

/// podman's `[Kube]` keys that `skiff kube play` has no flag for.
const UNSUPPORTED: &[&str] = &[
    "AutoUpdate",
    "ContainersConfModule",
    "ExitCodePropagation",
    "SetWorkingDirectory",
];

/// Fills `unit` with the service that plays the file's `Yaml=` (relative to the Quadlet file).
pub fn translate(mut keys: Keys, unit: &mut UnitFile, ctx: &Context) -> Result<(), QuadletError> {
    let global = keys.words("GlobalArgs")?;
    let yaml = keys.value("Yaml").ok_or_else(|| {
        QuadletError::at(
            &ctx.file_name(),
            0,
            "[Kube] needs Yaml=, the Kubernetes YAML file to play".to_string(),
        )
    })?;
    let path = |p: String| {
        if p.starts_with('/') {
            p
        } else {
            ctx.relative_to_source(&p)
        }
    };
    let yaml = path(yaml);
    let mut play = global.clone();
    play.extend(["kube", "play", "--replace"].map(String::from));
    // `ConfigMap=` (repeatable): a file of ConfigMaps, relative to the Quadlet file.
    for e in keys.all("ConfigMap") {
        play.push(format!("--configmap={}", path(e.value)));
    }
    // podman-kube.unit(5)'s keys that are `kube play` flags; a `.network` file names the
    // network its service makes, and the service waits for it.
    let mut deps = Vec::new();
    let networks = keys.all("Network");
    if let Some(second) = networks.get(1) {
        return Err(keys.error(
            second,
            "a second Network= in [Kube]: skiff's kube play takes one network; keep one line"
                .to_string(),
        ));
    }
    for e in networks {
        let n = resolve(&keys, &e, &e.value, ".network", ctx, &mut deps)?;
        play.push(format!("--network={n}"));
    }
    for e in keys.all("PublishPort") {
        play.push(format!("--publish={}", e.value));
    }
    if let Some(mode) = keys.value("UserNS") {
        play.push(format!("--userns={mode}"));
    }
    if let Some(driver) = keys.value("LogDriver") {
        play.push(format!("--log-driver={driver}"));
    }
    for e in keys.all("LogOpt") {
        play.push(format!("--log-opt={}", e.value));
    }
    let force = keys.bool("KubeDownForce")?.unwrap_or(false);
    play.extend(keys.words("PodmanArgs")?);
    play.push(yaml.clone());
    keys.finish(UNSUPPORTED)?;
    super::container::add_dependencies(unit, deps);
    let mut down = global;
    down.extend(["kube".to_string(), "down".to_string()]);
    if force {
        down.push("--force".to_string());
    }
    down.push(yaml);
    if ctx.system {
        unit.add("Unit", "Wants", "network-online.target");
        unit.add("Unit", "After", "network-online.target");
    }
    service_defaults(
        unit,
        &[
            ("Environment", "SKIFF_SYSTEMD_UNIT=%n"),
            ("Type", "oneshot"),
            ("RemainAfterExit", "yes"),
            ("SyslogIdentifier", "%N"),
        ],
    );
    let skiff = words::quote(&ctx.skiff);
    unit.add(
        "Service",
        "ExecStart",
        format!("{skiff} {}", words::join(&play)),
    );
    unit.add(
        "Service",
        "ExecStop",
        format!("{skiff} {}", words::join(&down)),
    );
    Ok(())
}
