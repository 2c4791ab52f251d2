//! `skiff volume create|ls|inspect|rm|exists|prune|export|import`: named volumes.

mod archive;

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use skiff_libpod::volume::{VolumeRecord, VolumeRemoveForce};
use skiff_libpod::Engine;

use crate::container::{output, prune};
use crate::objects::{
    filter_pairs, inspect_each, pairs, reword, ExistsArgs, InspectArgs, ListArgs, PruneArgs, RmArgs,
};

/// Volume subcommands.
/// For clap's `mut_args`: the volume names are required unless `-a` is given, and not with it.
fn names_or_all(a: clap::Arg) -> clap::Arg {
    match a.get_id().as_str() {
        "names" => a
            .required(false)
            .required_unless_present("all")
            .conflicts_with("all"),
        _ => a,
    }
}

/// `volume inspect` flags: `inspect`'s, and podman's `-a`.
#[derive(Debug, clap::Args)]
#[command(mut_args(names_or_all))]
pub struct VolumeInspectArgs {
    #[command(flatten)]
    inspect: InspectArgs,
    /// Inspect every volume (podman's)
    #[arg(short = 'a', long)]
    all: bool,
}

/// `volume rm` flags: `rm`'s, and podman's `-a`.
#[derive(Debug, clap::Args)]
#[command(mut_args(names_or_all))]
pub struct VolumeRmArgs {
    #[command(flatten)]
    rm: RmArgs,
    /// Remove every volume (podman's; -f also removes the containers using them)
    #[arg(short = 'a', long)]
    all: bool,
}

#[derive(Debug, Subcommand)]
pub enum VolumeCmd {
    /// Create a volume
    Create(CreateArgs),
    /// List volumes
    #[command(
        alias = "list",
        mut_args(reword("quiet", "Only display volume names")),
        mut_args(reword(
            "filter",
            "Filter output (name=, label=, dangling=true|false, driver=)"
        ))
    )]
    Ls(ListArgs),
    /// Display detailed information on volumes
    #[command(mut_args(reword("names", "Volumes")))]
    Inspect(VolumeInspectArgs),
    /// Remove one or more volumes
    #[command(
        alias = "remove",
        mut_args(reword("force", "Also remove the containers using the volume")),
        mut_args(reword("names", "Volumes"))
    )]
    Rm(VolumeRmArgs),
    /// Check whether a volume exists (exit 0 if it does, 1 if not)
    #[command(mut_args(reword("name", "The volume")))]
    Exists(ExistsArgs),
    /// Remove unused volumes: the anonymous ones, every one with -a (docker's)
    #[command(mut_args(reword(
        "filter",
        "Provide filter values: label=KEY[=VALUE], label!=KEY[=VALUE], all=true (as -a)"
    )))]
    Prune(VolumePruneArgs),
    /// Export a volume's contents to a tar archive (podman)
    Export(archive::ExportArgs),
    /// Import a tar archive into a volume (podman)
    Import(archive::ImportArgs),
    /// Print where a volume's files are on the host (podman's `volume mount`)
    Mount(ExistsArgs),
    /// Release a volume `volume mount` showed (podman's; a local volume stays where it is)
    Unmount(ExistsArgs),
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
    /// Do not fail when the volume exists: print its name (podman's; the default, as
    /// docker's)
    #[arg(long)]
    ignore: bool,
    /// The volume's name (random when omitted)
    name: Option<String>,
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

/// podman's `volume ls` fields, in a row only when a template names them (`{{json .}}` keeps
/// docker's keys): `Options` (the `--opt` map), `Anonymous`, `CreatedAt` (Go's time text, as
/// podman's `time.Time` prints).
const PODMAN_VOLUME_FIELDS: &[&str] = &["Options", "Anonymous", "CreatedAt"];

/// docker's `volume ls` row (the fields `--format` sees): labels as `k=v,k2=v2`, and with
/// `label_method` the map behind `{{.Label "key"}}`; podman's fields when `podman` names them.
fn volume_row(v: &VolumeRecord, label_method: bool, podman: &[&str]) -> Value {
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
    for &field in podman {
        row[field] = match field {
            "Options" => json!(v.options),
            "Anonymous" => json!(v.anonymous),
            "CreatedAt" => json!(skiff_libpod::container::time::go_time_string_nanos(
                v.created
            )),
            _ => unreachable!("{field} is not one of podman's volume fields"),
        };
    }
    row
}

/// Runs a volume subcommand.
pub fn dispatch(engine: &mut Engine, cmd: VolumeCmd) -> anyhow::Result<i32> {
    match cmd {
        VolumeCmd::Create(a) => {
            let mut opts = pairs(&a.opt, "--opt")?;
            if a.driver != "local" {
                opts.insert("driver".into(), a.driver.clone());
            }
            // A volume of that name is no error (docker's; podman's with --ignore): its name
            // is printed and it stays as it is (checked in the create's own transaction).
            let exist_ok = a.ignore || a.driver == "local";
            let v = engine.volume_create(
                a.name.as_deref(),
                pairs(&a.label, "--label")?,
                opts,
                exist_ok,
            )?;
            println!("{}", v.name);
            Ok(0)
        }
        VolumeCmd::Ls(a) => {
            const TABLE: &str = "table {{.Driver}}\t{{.Name}}";
            let spec = crate::format::FormatSpec::parse(a.format.as_deref())?;
            spec.check_fields(
                &[VOLUME_FIELDS, PODMAN_VOLUME_FIELDS].concat(),
                "*formatter.volumeContext",
            )?;
            let vols = engine.volume_list_filtered(&filter_pairs(&a.filter)?)?;
            if a.quiet {
                for v in &vols {
                    println!("{}", v.name);
                }
                return Ok(0);
            }
            let label_method = spec.names(TABLE, "Label");
            let podman: Vec<&str> = PODMAN_VOLUME_FIELDS
                .iter()
                .copied()
                .filter(|f| spec.names(TABLE, f))
                .collect();
            let rows: Vec<Value> = vols
                .iter()
                .map(|v| volume_row(v, label_method, &podman))
                .collect();
            output::print_rows_noheading(
                a.format.as_deref(),
                TABLE,
                &[("Name", "VOLUME NAME")],
                &rows,
                a.noheading,
            )?;
            Ok(0)
        }
        VolumeCmd::Inspect(a) => {
            let names = match a.all {
                true => engine.volume_list()?.into_iter().map(|v| v.name).collect(),
                false => a.inspect.names,
            };
            inspect_each(&names, a.inspect.format.as_deref(), 125, |n| {
                engine.volume_get(n).map(|v| v.inspect_json())
            })
        }
        VolumeCmd::Rm(a) => {
            let names = match a.all {
                true => engine.volume_list()?.into_iter().map(|v| v.name).collect(),
                false => a.rm.names,
            };
            Ok(crate::exit::remove_each(&names, |n| {
                if let (true, Some(time)) = (a.rm.force, a.rm.time) {
                    if let Ok(users) = engine.volume_users(n) {
                        crate::objects::stop_users(engine, &users, time);
                    }
                }
                engine
                    .volume_remove(
                        n,
                        VolumeRemoveForce {
                            missing_ok: a.rm.force,
                            remove_users: a.rm.force,
                        },
                    )
                    .map(|()| Some(n.to_string()))
            }))
        }
        VolumeCmd::Export(a) => archive::export(engine, a),
        VolumeCmd::Import(a) => archive::import(engine, a),
        VolumeCmd::Exists(a) => crate::objects::exists_code(engine.volume_get(&a.name)),
        VolumeCmd::Mount(a) => {
            let v = engine.volume_get(&a.name)?;
            // A volume with mount options (a tmpfs, an NFS export...) is mounted in each
            // container that uses it, never on the host.
            if !v.options.is_empty() {
                anyhow::bail!(
                    "volume {} is mounted with its options ({}) inside each container that uses it, not on the host: read it through a container (skiff run -v {}:/data ...)",
                    v.name,
                    v.options.keys().cloned().collect::<Vec<_>>().join(", "),
                    v.name
                );
            }
            println!("{}", v.mountpoint.display());
            Ok(0)
        }
        VolumeCmd::Unmount(a) => {
            engine.volume_get(&a.name)?;
            println!("{}", a.name);
            Ok(0)
        }
        VolumeCmd::Prune(a) => {
            // docker's -a is the filter all=true, which its CLI also takes as written.
            let (all_filters, rest): (Vec<String>, Vec<String>) = a
                .prune
                .filter
                .into_iter()
                .partition(|f| f.starts_with("all="));
            let all = a.all || all_filters.iter().any(|f| matches!(&f[4..], "true" | "1"));
            // docker takes no until filter for volumes.
            let filter = prune::prune_filter(
                &rest,
                &["label", "label!"],
                skiff_libpod::container::time::now_ns(),
            )?;
            let which = if all { "all" } else { "anonymous" };
            let question = format!("WARNING! This will remove {which} local volumes not used by at least one container.\nAre you sure you want to continue?");
            if !a.prune.force && !prune::confirm(&question) {
                return Ok(0);
            }
            let removed = engine.volume_prune_filtered(all, &filter)?;
            let reclaimed = removed.iter().map(|(_, size)| size).sum();
            prune::print_report("Volumes", removed.into_iter().map(|(n, _)| n), reclaimed)
        }
    }
}

/// `volume prune` flags: docker's (since 23.0, only anonymous volumes without `-a`).
#[derive(Debug, Args)]
pub struct VolumePruneArgs {
    /// Remove all unused volumes, not just anonymous ones
    #[arg(short = 'a', long)]
    all: bool,
    #[command(flatten)]
    prune: PruneArgs,
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
        let row = super::volume_row(&v, true, &[]);
        crate::format::assert_row_has_exactly(&row, super::VOLUME_FIELDS);
        let row = super::volume_row(&v, true, super::PODMAN_VOLUME_FIELDS);
        crate::format::assert_row_has_exactly(
            &row,
            &[super::VOLUME_FIELDS, super::PODMAN_VOLUME_FIELDS].concat(),
        );
    }
}
