//! `[Kube]` of a `.kube` file: a service that plays Kubernetes YAML at its start (`kube play
//! --replace`) and takes it down at its stop (`kube down`), as podman-kube.unit(5) describes.
//! Unlike podman's, the service is a one-shot that stays active: skiff has no service
//! container for systemd to watch, so a container of the YAML that dies is not restarted by
//! systemd (use the YAML's restartPolicy).

use super::container::service_defaults;
use super::section::Keys;
use super::unit_file::UnitFile;
use super::{words, Context, QuadletError};

/// podman's `[Kube]` keys that `skiff kube play` has no flag for.
const UNSUPPORTED: &[&str] = &[
    "AutoUpdate",
    "ContainersConfModule",
    "ExitCodePropagation",
    "KubeDownForce",
    "LogDriver",
    "LogOpt",
    "Network",
    "PublishPort",
    "SetWorkingDirectory",
    "UserNS",
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
    play.extend(keys.words("PodmanArgs")?);
    play.push(yaml.clone());
    keys.finish(UNSUPPORTED)?;
    let mut down = global;
    down.extend(["kube".to_string(), "down".to_string(), yaml]);
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
