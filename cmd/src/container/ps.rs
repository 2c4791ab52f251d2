//! `skiff ps`: list containers with docker's columns, filters and `--format`.

use std::collections::HashMap;

use clap::Args;
use serde_json::Value;
use skiff_libpod::container::{ContainerRecord, State};
use skiff_libpod::Engine;

use super::output;
use crate::format::ports::{display_ports, PortView};
use crate::format::FormatSpec;

/// List containers
#[derive(Debug, Args)]
pub struct PsArgs {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    all: bool,
    /// Only display container ids
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Show the N last created containers (includes all states)
    #[arg(short = 'n', long = "last", value_name = "N")]
    last: Option<usize>,
    /// Show the latest created container (includes all states)
    #[arg(short = 'l', long)]
    latest: bool,
    /// Don't truncate output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
    /// Display total file sizes
    #[arg(short = 's', long)]
    size: bool,
    /// Filter output (status=, name=, label=, ancestor=, id=, exited=)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    filter: Vec<String>,
    /// Format output with a Go template ('table ...', '{{json .}}')
    #[arg(long)]
    format: Option<String>,
}

/// One `--filter KEY=VALUE`.
struct Filter {
    key: String,
    value: String,
}

fn parse_filters(specs: &[String]) -> anyhow::Result<Vec<Filter>> {
    specs
        .iter()
        .map(|s| {
            let (k, v) = s
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("invalid filter {s:?}: use KEY=VALUE"))?;
            match k {
                "status" | "name" | "label" | "ancestor" | "id" | "exited" => {}
                _ => anyhow::bail!(
                    "invalid filter {k:?}: supported filters are status, name, label, ancestor, id and exited"
                ),
            }
            if k == "status"
                && !matches!(v, "created" | "restarting" | "running" | "removing" | "paused" | "exited" | "dead")
            {
                anyhow::bail!("invalid filter status={v}: use created, restarting, running, removing, paused, exited or dead");
            }
            Ok(Filter { key: k.to_string(), value: v.to_string() })
        })
        .collect()
}

fn matches_one(rec: &ContainerRecord, f: &Filter) -> bool {
    let c = &rec.config;
    match f.key.as_str() {
        "status" => rec.state.as_str() == f.value,
        "name" => rec.name.contains(f.value.trim_start_matches('/')),
        "id" => rec.id.starts_with(&f.value),
        "exited" => {
            rec.state == State::Exited && f.value.parse::<i32>().ok() == Some(rec.exit_code)
        }
        "label" => match f.value.split_once('=') {
            Some((k, v)) => c.labels.get(k).map(|x| x == v).unwrap_or(false),
            None => c.labels.contains_key(&f.value),
        },
        "ancestor" => {
            let want = f.value.as_str();
            let typed = c.image.as_str();
            typed == want
                || typed.rsplit_once(':').map(|(repo, _)| repo) == Some(want)
                || c.image_id
                    .as_deref()
                    .map(|id| id.starts_with(want.trim_start_matches("sha256:")))
                    .unwrap_or(false)
                || c.rootfs
                    .as_ref()
                    .map(|r| r.path.display().to_string() == want)
                    .unwrap_or(false)
        }
        _ => false,
    }
}

/// Filters with the same key are ORed, different keys ANDed (docker's rule).
fn matches(rec: &ContainerRecord, filters: &[Filter]) -> bool {
    let mut keys: Vec<&str> = filters.iter().map(|f| f.key.as_str()).collect();
    keys.dedup();
    keys.iter().all(|k| {
        filters
            .iter()
            .filter(|f| f.key == *k)
            .any(|f| matches_one(rec, f))
    })
}

/// Joins argv as a shell would read it back: words with spaces or quotes are single-quoted.
fn quote_command(argv: &[String]) -> String {
    argv.iter()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Bytes used by the files under `path` (unreadable parts count as zero).
pub fn dir_size(path: &std::path::Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|d| d.flatten().map(|e| dir_size(&e.path())).sum())
        .unwrap_or(0)
}

/// Like [`dir_size`], without crossing into other file systems (`du -x`): a `--rootfs /` must
/// not count `/proc` or other mounts.
pub fn dir_size_one_fs(path: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fn walk(path: &std::path::Path, dev: u64) -> u64 {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return 0;
        };
        if meta.dev() != dev {
            return 0;
        }
        if !meta.is_dir() {
            return meta.len();
        }
        std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| walk(&e.path(), dev)).sum())
            .unwrap_or(0)
    }
    std::fs::metadata(path).map_or(0, |m| walk(path, m.dev()))
}

/// Which of a `ps` row's fields to compute: those the format reads, or all.
struct Wanted(Option<Vec<String>>);

impl Wanted {
    fn has(&self, field: &str) -> bool {
        self.0.as_ref().is_none_or(|w| w.iter().any(|f| f == field))
    }
}

/// docker's `ps` row as a JSON object (the fields `--format` templates see), with only the
/// `wanted` fields filled in: building every field of 1,000 rows costs more than reading them.
fn row(
    engine: &Engine,
    rec: &ContainerRecord,
    no_trunc: bool,
    wanted: &Wanted,
    sizes: Option<&HashMap<String, i64>>,
) -> Value {
    let c = &rec.config;
    let mut m = serde_json::Map::new();
    let mut put = |field: &str, value: &dyn Fn() -> Value| {
        debug_assert!(PS_FIELDS.contains(&field), "{field} missing from PS_FIELDS");
        if wanted.has(field) {
            m.insert(field.to_string(), value());
        }
    };
    put("ID", &|| {
        Value::from(if no_trunc { &rec.id[..] } else { &rec.id[..12] })
    });
    put("Image", &|| Value::from(c.image_display()));
    put("Command", &|| {
        let mut command = quote_command(&c.argv());
        if !no_trunc && command.chars().count() > 20 {
            command = command.chars().take(19).collect::<String>() + "…";
        }
        Value::from(format!("\"{command}\""))
    });
    put("CreatedAt", &|| {
        Value::from(crate::format::units::go_time_string(
            rec.created / 1_000_000_000,
        ))
    });
    put("RunningFor", &|| {
        let age = skiff_libpod::container::time::now_ns() - rec.created;
        Value::from(format!("{} ago", output::human_duration(age)))
    });
    put("Status", &|| {
        Value::from(rec.status_text(output::human_duration))
    });
    put("State", &|| Value::from(rec.state.as_str()));
    put("Ports", &|| Value::from(exposed_ports(&c.exposed_ports)));
    put("Names", &|| Value::from(rec.name.as_str()));
    put("Labels", &|| {
        let labels: Vec<String> = c.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
        Value::from(labels.join(","))
    });
    // Docker's `{{.Label "key"}}` method: a map the template engine indexes by its argument.
    // Only built when the format names it, so `{{json .}}` shows docker's fields alone.
    if wanted
        .0
        .as_ref()
        .is_some_and(|w| w.iter().any(|f| f == "Label"))
    {
        put("Label", &|| {
            Value::Object(
                c.labels
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                    .collect(),
            )
        });
    }
    put("Mounts", &|| {
        let mounts: Vec<&str> = c.mounts.iter().map(|m| m.destination.as_str()).collect();
        Value::from(mounts.join(","))
    });
    put("Networks", &|| {
        Value::from(if c.network_mode == "host" { "host" } else { "" })
    });
    put("LocalVolumes", &|| {
        let volumes = c
            .mounts
            .iter()
            .filter(|m| m.kind == skiff_libpod::container::MountKind::Volume)
            .count();
        Value::from(volumes.to_string())
    });
    put("Size", &|| {
        let Some(image_sizes) = sizes else {
            return Value::from("");
        };
        // docker's "2B (virtual 7.8MB)": the writable layer, then with the image's size.
        let upper = dir_size(&engine.container_dir(&rec.id).join("upper"));
        let image = c
            .image_id
            .as_ref()
            .and_then(|id| image_sizes.get(id))
            .copied()
            .unwrap_or(0)
            .max(0) as u64;
        let human = crate::format::units::human_size;
        Value::from(format!(
            "{} (virtual {})",
            human(upper),
            human(upper + image)
        ))
    });
    Value::Object(m)
}

/// The PORTS column: nothing is published yet (no container networks), so only the image's
/// exposed ports show, as docker shows them (`80/tcp`).
fn exposed_ports(exposed: &[String]) -> String {
    let views: Vec<PortView> = exposed
        .iter()
        .filter_map(|p| {
            let (port, proto) = p.split_once('/').unwrap_or((p.as_str(), "tcp"));
            Some(PortView {
                ip: String::new(),
                private_port: port.parse().ok()?,
                public_port: 0,
                proto: proto.to_string(),
            })
        })
        .collect();
    display_ports(&views)
}

/// The fields of a `ps` row, which `--format` may read (docker's `ContainerContext`).
const PS_FIELDS: &[&str] = &[
    "ID",
    "Image",
    "Command",
    "CreatedAt",
    "RunningFor",
    "Status",
    "State",
    "Ports",
    "Names",
    "Labels",
    "Label",
    "Mounts",
    "Networks",
    "LocalVolumes",
    "Size",
];

const DEFAULT_TABLE: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
const DEFAULT_TABLE_SIZE: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}";

/// `skiff ps`.
pub fn exec(engine: &mut Engine, args: PsArgs) -> anyhow::Result<i32> {
    let filters = parse_filters(&args.filter)?;
    let spec = FormatSpec::parse(args.format.as_deref())?;
    spec.check_fields(PS_FIELDS, "*formatter.ContainerContext")?;
    let mut list = engine.list_containers()?;
    let show_all = args.all
        || args.last.is_some()
        || args.latest
        || filters
            .iter()
            .any(|f| f.key == "status" || f.key == "exited");
    if !show_all {
        list.retain(|r| r.state.is_active() || r.state == State::Restarting);
    }
    list.retain(|r| matches(r, &filters));
    if let Some(n) = args.last {
        list.truncate(n);
    }
    if args.latest {
        list.truncate(1);
    }
    if args.quiet {
        let mut ids = String::with_capacity(list.len() * 65);
        for rec in &list {
            ids.push_str(if args.no_trunc {
                &rec.id
            } else {
                &rec.id[..12]
            });
            ids.push('\n');
        }
        output::write_stdout(&ids)?;
        return Ok(0);
    }
    let table = if args.size {
        DEFAULT_TABLE_SIZE
    } else {
        DEFAULT_TABLE
    };
    let wanted = Wanted(spec.root_fields(table));
    // Sizes walk each container's files: only with -s or a format naming .Size (as docker).
    let size = args.size
        || wanted
            .0
            .as_ref()
            .is_some_and(|w| w.iter().any(|f| f == "Size"));
    let image_sizes: Option<HashMap<String, i64>> = if size {
        Some(
            engine
                .list_images()?
                .into_iter()
                .map(|i| (i.id, i.size))
                .collect(),
        )
    } else {
        None
    };
    let rows: Vec<Value> = list
        .iter()
        .map(|r| row(engine, r, args.no_trunc, &wanted, image_sizes.as_ref()))
        .collect();
    output::print_rows(
        args.format.as_deref(),
        table,
        &[
            ("ID", "CONTAINER ID"),
            ("RunningFor", "CREATED"),
            ("CreatedAt", "CREATED AT"),
        ],
        &rows,
    )?;
    Ok(0)
}
