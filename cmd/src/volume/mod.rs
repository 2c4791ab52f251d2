//! `skiff volume create|ls|inspect|rm|prune`: named volumes.

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use skiff_libpod::volume::VolumeRecord;
use skiff_libpod::Engine;

use crate::container::{output, prune};

/// Volume subcommands.
#[derive(Debug, Subcommand)]
pub enum VolumeCmd {
    /// Create a volume
    Create(CreateArgs),
    /// List volumes
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display detailed information on volumes
    Inspect(InspectArgs),
    /// Remove one or more volumes
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Remove all unused volumes
    Prune(PruneArgs),
}

/// `volume create` flags.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Volume driver (only "local")
    #[arg(short = 'd', long, default_value = "local")]
    driver: String,
    /// Set metadata (KEY=VALUE)
    #[arg(short = 'l', long = "label")]
    label: Vec<String>,
    /// Driver options (KEY=VALUE)
    #[arg(short = 'o', long = "opt")]
    opt: Vec<String>,
    /// Do not fail when the volume exists: print its name (podman)
    #[arg(long)]
    ignore: bool,
    /// The volume's name (random when omitted)
    name: Option<String>,
}

/// `volume ls` flags.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only display volume names
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Filter output (name=, label=, dangling=true|false, driver=)
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Format output with a Go template
    #[arg(long)]
    format: Option<String>,
}

/// `volume inspect` flags.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output with a Go template
    #[arg(short = 'f', long)]
    format: Option<String>,
    /// Volumes
    #[arg(required = true)]
    names: Vec<String>,
}

/// `volume rm` flags.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Also remove the containers using the volume
    #[arg(short = 'f', long)]
    force: bool,
    /// Volumes
    #[arg(required = true)]
    names: Vec<String>,
}

/// `volume prune` flags.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

/// `KEY=VALUE` flag values (`--label`, `--opt`) as a map; `KEY` alone has an empty value.
/// Shared with `network create`.
pub(crate) fn pairs(items: &[String], what: &str) -> anyhow::Result<BTreeMap<String, String>> {
    items
        .iter()
        .map(|i| {
            let (k, v) = i.split_once('=').unwrap_or((i.as_str(), ""));
            if k.is_empty() {
                anyhow::bail!("invalid {what} {i:?}: use KEY=VALUE");
            }
            Ok((k.to_string(), v.to_string()))
        })
        .collect()
}

/// The fields of a `volume ls` row, which `--format` may read (docker's `volumeContext`).
const VOLUME_FIELDS: &[&str] = &[
    "Driver",
    "Label",
    "Labels",
    "Links",
    "Mountpoint",
    "Name",
    "Scope",
    "Size",
];

/// docker's `volume ls` row (the fields `--format` sees): labels as `k=v,k2=v2`, and with
/// `label_method` the map behind `{{.Label "key"}}`.
fn volume_row(v: &VolumeRecord, label_method: bool) -> Value {
    let labels: Vec<String> = v.labels.iter().map(|(k, l)| format!("{k}={l}")).collect();
    let mut row = json!({
        "Driver": v.driver,
        "Labels": labels.join(","),
        "Links": "N/A",
        "Mountpoint": v.mountpoint,
        "Name": v.name,
        "Scope": "local",
        "Size": "N/A",
    });
    if label_method {
        row["Label"] = json!(v.labels);
    }
    row
}

/// Runs a volume subcommand.
pub fn dispatch(engine: &mut Engine, cmd: VolumeCmd) -> anyhow::Result<i32> {
    match cmd {
        VolumeCmd::Create(a) => {
            if let (true, Some(name)) = (a.ignore, &a.name) {
                if engine.volume_get(name).is_ok() {
                    println!("{name}");
                    return Ok(0);
                }
            }
            let mut opts = pairs(&a.opt, "--opt")?;
            if a.driver != "local" {
                opts.insert("driver".into(), a.driver.clone());
            }
            let v = engine.volume_create(
                a.name.as_deref(),
                pairs(&a.label, "--label")?,
                opts,
                false,
            )?;
            println!("{}", v.name);
            Ok(0)
        }
        VolumeCmd::Ls(a) => {
            const TABLE: &str = "table {{.Driver}}\t{{.Name}}";
            let spec = crate::format::FormatSpec::parse(a.format.as_deref())?;
            spec.check_fields(VOLUME_FIELDS, "*formatter.volumeContext")?;
            let mut filters = Vec::with_capacity(a.filter.len());
            for f in &a.filter {
                let (k, val) = f
                    .split_once('=')
                    .ok_or_else(|| anyhow::anyhow!("invalid filter {f:?}: use KEY=VALUE"))?;
                filters.push((k.to_string(), val.to_string()));
            }
            let vols = engine.volume_list_filtered(&filters)?;
            if a.quiet {
                for v in &vols {
                    println!("{}", v.name);
                }
                return Ok(0);
            }
            let label_method = spec
                .root_fields(TABLE)
                .is_some_and(|f| f.iter().any(|f| f == "Label"));
            let rows: Vec<Value> = vols.iter().map(|v| volume_row(v, label_method)).collect();
            output::print_rows(
                a.format.as_deref(),
                TABLE,
                &[("Name", "VOLUME NAME")],
                &rows,
            )?;
            Ok(0)
        }
        VolumeCmd::Inspect(a) => {
            let mut found = Vec::new();
            let mut code = 0;
            for n in &a.names {
                match engine.volume_get(n) {
                    Ok(v) => found.push(v.inspect_json()),
                    Err(e) => {
                        eprintln!("Error: {e}");
                        code = 125;
                    }
                }
            }
            match &a.format {
                Some(f) => output::print_each(f, &found)?,
                None => println!("{}", crate::container::output::inspect_json(&found)),
            }
            Ok(code)
        }
        VolumeCmd::Rm(a) => crate::container::for_each(&a.names, |n| {
            engine.volume_remove(n, a.force)?;
            println!("{n}");
            Ok(())
        }),
        VolumeCmd::Prune(a) => {
            if !a.force && !prune::confirm("WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?") {
                return Ok(0);
            }
            let removed = engine.volume_prune()?;
            let reclaimed = removed.iter().map(|(_, size)| size).sum();
            let mut out = String::new();
            prune::section(&mut out, "Volumes", removed.into_iter().map(|(n, _)| n));
            out.push_str(&prune::total(reclaimed));
            output::write_stdout(&out)?;
            Ok(0)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn volume_fields_name_the_row_keys() {
        let v = skiff_libpod::volume::VolumeRecord {
            name: "v".into(),
            driver: "local".into(),
            labels: Default::default(),
            options: Default::default(),
            anonymous: false,
            created: 0,
            mountpoint: "/v/_data".into(),
        };
        let row = super::volume_row(&v, true);
        crate::format::assert_row_has_exactly(&row, super::VOLUME_FIELDS);
    }
}
