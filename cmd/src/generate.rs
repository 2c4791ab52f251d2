//! `skiff generate systemd` (and `generate kube`, which is `kube generate`): a systemd unit that starts and stops a container (podman's
//! command). The unit text comes from the engine's pure renderer; this module resolves the
//! flags, splits the stored create command with the CLI's own flag definitions, and prints or
//! writes the units.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use skiff_libpod::generate::systemd::{self, UnitOptions};
use skiff_libpod::Engine;

/// `skiff generate` subcommands.
#[derive(Debug, Subcommand)]
pub enum GenerateCmd {
    /// Generate a systemd unit file for a container or pod
    Systemd(Box<SystemdArgs>),
    /// Generate Kubernetes YAML from containers (as `kube generate`)
    Kube(crate::kube::GenerateArgs),
}

/// The flags of `generate systemd`.
#[derive(Debug, Args)]
pub struct SystemdArgs {
    /// Create a new container at each start and remove it at stop, instead of starting and stopping an existing one
    #[arg(long)]
    new: bool,
    /// Use the container's name instead of its id in the unit's name and commands
    #[arg(short = 'n', long)]
    name: bool,
    /// Make a template unit (NAME@.service, with --new): each instance runs a container of its own, NAME-INSTANCE (podman's)
    #[arg(long)]
    template: bool,
    /// Write the unit to CONTAINER-PREFIX-NAME.service in the current directory and print its path
    #[arg(short = 'f', long)]
    files: bool,
    /// systemd restart policy: no, on-success, on-failure, on-abnormal, on-watchdog, on-abort or always
    #[arg(
        long = "restart-policy",
        value_name = "POLICY",
        default_value = "on-failure"
    )]
    restart_policy: String,
    /// Seconds systemd waits before restarting the service (RestartSec=)
    #[arg(long = "restart-sec", value_name = "SECONDS")]
    restart_sec: Option<u32>,
    /// Stop timeout in seconds (the container's own by default)
    #[arg(
        short = 't',
        long = "time",
        visible_alias = "stop-timeout",
        value_name = "SECONDS"
    )]
    time: Option<u32>,
    /// Prefix of the unit's name
    #[arg(
        long = "container-prefix",
        value_name = "PREFIX",
        default_value = "container"
    )]
    container_prefix: String,
    /// Prefix of a pod's unit name
    #[arg(long = "pod-prefix", value_name = "PREFIX", default_value = "pod")]
    pod_prefix: String,
    /// Seconds systemd waits for the service to start (TimeoutStartSec=)
    #[arg(long = "start-timeout", value_name = "SECONDS")]
    start_timeout: Option<u32>,
    /// Separator between the prefix and the name
    #[arg(long, value_name = "SEP", default_value = "-")]
    separator: String,
    /// Leave out the header comment (name, version, time)
    #[arg(long = "no-header")]
    no_header: bool,
    /// Add an After= dependency to the unit (repeat for several)
    #[arg(long, value_name = "UNIT")]
    after: Vec<String>,
    /// Add a Wants= dependency to the unit (repeat for several)
    #[arg(long, value_name = "UNIT")]
    wants: Vec<String>,
    /// Add a Requires= dependency to the unit (repeat for several)
    #[arg(long, value_name = "UNIT")]
    requires: Vec<String>,
    /// Set an environment variable of the service (KEY=VALUE, or KEY to copy the caller's)
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    env: Vec<String>,
    /// Output format: json (a map of unit names to their text, or the written paths)
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    /// The container or pod (name or id); a pod gets a unit of its own and one per container
    #[arg(value_name = "CONTAINER|POD")]
    container: String,
}

/// How the CLI reads its own command lines back: lent by the top level, which alone knows the
/// whole grammar, so that a stored create command splits into its parts.
pub struct Grammar {
    /// How many words IMAGE and its command are at the end of a stored `run`/`create` command
    /// line; None when it does not parse.
    pub image_and_command_len: fn(&[String]) -> Option<usize>,
    /// Whether a flag of `run` (`--name`, `-e`) or a global option takes the next word as its
    /// value.
    pub takes_value: fn(&str) -> bool,
    /// Whether a stored command line is a `pod create`.
    pub is_pod_create: fn(&[String]) -> bool,
    /// [`Self::takes_value`] for the flags of `pod create`.
    pub pod_takes_value: fn(&str) -> bool,
}

/// Runs one `skiff generate` subcommand, reading stored command lines with `grammar`.
pub fn dispatch(engine: &mut Engine, cmd: GenerateCmd, grammar: &Grammar) -> anyhow::Result<i32> {
    match cmd {
        GenerateCmd::Systemd(a) => generate_systemd(engine, *a, grammar),
        GenerateCmd::Kube(a) => crate::kube::generate(engine, a),
    }
}

fn generate_systemd(
    engine: &mut Engine,
    args: SystemdArgs,
    grammar: &Grammar,
) -> anyhow::Result<i32> {
    let json = match args.format.as_deref() {
        None => false,
        Some("json") => true,
        Some(f) => anyhow::bail!("unsupported --format {f:?}: use json"),
    };
    let opts = UnitOptions {
        new: args.new,
        use_name: args.name,
        restart_policy: args.restart_policy.clone(),
        restart_sec: args.restart_sec,
        stop_timeout: args.time,
        container_prefix: args.container_prefix.clone(),
        pod_prefix: args.pod_prefix.clone(),
        start_timeout: args.start_timeout,
        separator: args.separator.clone(),
        no_header: args.no_header,
        after: args.after.clone(),
        wants: args.wants.clone(),
        requires: args.requires.clone(),
        env: args
            .env
            .iter()
            .map(|e| resolve_env(e))
            .collect::<anyhow::Result<_>>()?,
        pod: None,
        template: args.template,
    };
    let is_pod =
        engine.lookup_container(&args.container).is_err() && engine.pod_exists(&args.container)?;
    let units = if is_pod {
        pod_units(engine, &args.container, &opts, grammar)?
    } else {
        vec![container_unit(
            engine,
            &args.container,
            &opts,
            grammar,
            None,
        )?]
    };
    emit(&units, args.files, json)
}

/// The units of pod `name_or_id` (podman's shape, see [`systemd::PodUnit`]): one per member,
/// then the pod's own: with `--new` one that creates the pod (`pod create` again), without
/// the infra container's.
fn pod_units(
    engine: &mut Engine,
    name_or_id: &str,
    opts: &UnitOptions,
    grammar: &Grammar,
) -> anyhow::Result<Vec<(String, String)>> {
    let summary = engine.pod_summary(name_or_id)?;
    let pod = &summary.pod;
    if pod.infra_id.is_empty() {
        anyhow::bail!(
            "pod {} has no infra container, so it has no unit of its own: generate units for \
             its containers one by one",
            pod.name
        );
    }
    let pod_unit = systemd::pod_unit_name(&pod.name, &pod.id, opts);
    let member_opts = UnitOptions {
        pod: Some(systemd::PodUnit::Member {
            pod_unit: pod_unit.clone(),
        }),
        ..opts.clone()
    };
    let mut units = Vec::new();
    for c in summary.containers.iter().filter(|c| c.id != pod.infra_id) {
        units.push(container_unit(engine, &c.id, &member_opts, grammar, None)?);
    }
    let pod_opts = UnitOptions {
        pod: Some(systemd::PodUnit::Pod {
            unit: pod_unit.clone(),
            members: units.iter().map(|(name, _)| name.clone()).collect(),
        }),
        ..opts.clone()
    };
    if opts.new {
        let text = new_pod_unit(engine, pod, &pod_opts, grammar)?;
        units.push((pod_unit, text));
    } else {
        // The infra container has no create command of its own: the pod's carries the store.
        let (pod_globals, _) = systemd::split_create_command(
            &pod.config.create_command,
            0,
            &grammar.pod_takes_value,
            &systemd::POD_SETS,
        );
        units.push(container_unit(
            engine,
            &pod.infra_id,
            &pod_opts,
            grammar,
            Some(pod_globals),
        )?);
    }
    Ok(units)
}

/// The `--new` unit of `pod`: its `pod create` command again, without what the unit sets.
fn new_pod_unit(
    engine: &mut Engine,
    pod: &skiff_libpod::pod::PodRecord,
    opts: &UnitOptions,
    grammar: &Grammar,
) -> anyhow::Result<String> {
    let command = &pod.config.create_command;
    if !(grammar.is_pod_create)(command) {
        anyhow::bail!(
            "pod {} was not made by `skiff pod create` (but by kube play, `run --pod new:`, \
             the REST API or an older skiff), so there is no command to create it again: \
             generate without --new, or create the pod with `skiff pod create`",
            pod.name
        );
    }
    let (global_flags, create_options) =
        systemd::split_create_command(command, 0, &grammar.pod_takes_value, &systemd::POD_SETS);
    let facts = systemd::PodFacts {
        name: pod.name.clone(),
        executable: executable()?,
        global_flags,
        create_options,
        stop_timeout: engine.lookup_container(&pod.infra_id)?.config.stop_timeout,
        runroot: engine.paths().runroot.display().to_string(),
        header: header(opts),
    };
    Ok(systemd::render_pod(&facts, opts)?)
}

/// The absolute path of this skiff binary, which the units run.
fn executable() -> anyhow::Result<String> {
    Ok(std::env::current_exe()
        .context("finding the skiff binary the unit should run")?
        .display()
        .to_string())
}

/// The header comment's lines (product and version, the time); none with `--no-header`.
fn header(opts: &UnitOptions) -> Vec<String> {
    if opts.no_header {
        return Vec::new();
    }
    vec![
        format!("autogenerated by skiff {}", env!("CARGO_PKG_VERSION")),
        skiff_libpod::container::time::rfc3339_nanos(skiff_libpod::container::time::now_ns()),
    ]
}

/// Prints the units (or with `files` writes each to NAME.service here and prints the paths);
/// `json`: as a map of names to texts (or a list of paths).
fn emit(units: &[(String, String)], files: bool, json: bool) -> anyhow::Result<i32> {
    if files {
        let dir = std::env::current_dir().context("the current directory")?;
        let mut paths = Vec::new();
        for (name, text) in units {
            let path: PathBuf = dir.join(format!("{name}.service"));
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            paths.push(path.display().to_string());
        }
        if json {
            println!("{}", serde_json::to_string_pretty(&paths)?);
        } else {
            for p in paths {
                println!("{p}");
            }
        }
    } else if json {
        let map: serde_json::Map<String, serde_json::Value> = units
            .iter()
            .map(|(n, t)| (n.clone(), serde_json::Value::from(t.as_str())))
            .collect();
        println!("{}", serde_json::to_string_pretty(&map)?);
    } else {
        for (i, (_, text)) in units.iter().enumerate() {
            if i > 0 {
                println!();
            }
            print!("{text}");
        }
    }
    Ok(0)
}

/// The unit of container `name_or_id` (name and text) with `opts`; without `--new`, its
/// commands take `globals` (`--root`, `--runroot`), or else those of its create command.
fn container_unit(
    engine: &mut Engine,
    name_or_id: &str,
    opts: &UnitOptions,
    grammar: &Grammar,
    globals: Option<Vec<String>>,
) -> anyhow::Result<(String, String)> {
    let (mut facts, create_command) = engine.systemd_facts(name_or_id, &executable()?)?;
    facts.header = header(opts);
    if opts.new {
        let trailing = (grammar.image_and_command_len)(&create_command).with_context(|| {
            format!(
                "container {} has no create command skiff can run again (created through the \
                 REST API or by an older skiff): generate without --new, or recreate it with \
                 `skiff create`",
                name_or_id
            )
        })?;
        let mut sets = systemd::CONTAINER_SETS.to_vec();
        if matches!(opts.pod, Some(systemd::PodUnit::Member { .. })) {
            sets.extend(systemd::POD_MEMBER_SETS);
        }
        let (globals, options) =
            systemd::split_create_command(&create_command, trailing, &grammar.takes_value, &sets);
        facts.global_flags = globals;
        facts.create_options = options;
        facts.image_and_command = create_command[create_command.len() - trailing..].to_vec();
    } else {
        facts.global_flags = globals.unwrap_or_else(|| global_flags(&create_command, grammar));
    }
    let name = systemd::unit_name(&facts, opts);
    let text = systemd::render(&facts, opts)?;
    Ok((name, text))
}

/// `KEY=VALUE` as given; `KEY` alone takes the caller's value (an error when unset).
fn resolve_env(e: &str) -> anyhow::Result<String> {
    if e.contains('=') {
        return Ok(e.to_string());
    }
    match std::env::var(e) {
        Ok(v) => Ok(format!("{e}={v}")),
        Err(_) => anyhow::bail!("--env {e}: no such variable in this environment; give {e}=VALUE"),
    }
}

/// `--root DIR` and `--runroot DIR` of a stored command line, for the unit's other commands.
pub(crate) fn global_flags(command: &[String], grammar: &Grammar) -> Vec<String> {
    let trailing = (grammar.image_and_command_len)(command).unwrap_or(0);
    systemd::split_create_command(
        command,
        trailing,
        &grammar.takes_value,
        &systemd::CONTAINER_SETS,
    )
    .0
}
