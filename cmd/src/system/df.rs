//! `skiff system df [-v] [--format ...]`: docker's disk usage summary (TYPE, TOTAL, ACTIVE,
//! SIZE, RECLAIMABLE) and, with `-v`, its per-image, per-container and per-volume tables.

use std::collections::HashMap;

use anyhow::bail;
use clap::Args;
use serde_json::{json, Value};
use skiff_libpod::container::time::now_ns;
use skiff_libpod::container::{MountKind, State};
use skiff_libpod::system::{ContainerUsage, DiskUsage, ImageUsage, VolumeUsage};
use skiff_libpod::Engine;

use crate::container::output::{human_duration, print_rows, write_stdout};
use crate::format::{go_quote, render_rows, units, FormatSpec, HeaderMap, Template};

/// `system df` flags.
#[derive(Debug, Args)]
pub struct DfArgs {
    /// Show detailed information on space usage
    #[arg(short, long)]
    verbose: bool,
    /// Format the output: `table`, `table TEMPLATE`, `json` or a Go template (fields .Type,
    /// .TotalCount (podman's .Total), .Active, .Size, .Reclaimable; with -v one document of
    /// Images, Containers, Volumes and BuildCache)
    #[arg(long)]
    format: Option<String>,
}

/// The summary rows' fields.
const SUMMARY_FIELDS: &[&str] = &["Type", "TotalCount", "Active", "Size", "Reclaimable"];

/// podman's name of the count (a number), in a row only when a template names it: `{{json .}}`
/// keeps docker's keys.
const PODMAN_TOTAL: &str = "Total";
const SUMMARY_TABLE: &str =
    "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
const SUMMARY_HEADERS: &[(&str, &str)] = &[
    ("Type", "TYPE"),
    ("TotalCount", "TOTAL"),
    (PODMAN_TOTAL, "TOTAL"),
    ("Active", "ACTIVE"),
    ("Size", "SIZE"),
    ("Reclaimable", "RECLAIMABLE"),
];
const IMAGES_TABLE: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
const CONTAINERS_TABLE: &str = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";
const VOLUMES_TABLE: &str = "table {{.Name}}\t{{.Links}}\t{{.Size}}";
const CACHE_TABLE: &str = "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";
const VERBOSE_HEADERS: &[(&str, &str)] = &[
    ("Repository", "REPOSITORY"),
    ("Tag", "TAG"),
    ("CreatedSince", "CREATED"),
    ("Size", "SIZE"),
    ("SharedSize", "SHARED SIZE"),
    ("UniqueSize", "UNIQUE SIZE"),
    ("Containers", "CONTAINERS"),
    ("Image", "IMAGE"),
    ("Command", "COMMAND"),
    ("LocalVolumes", "LOCAL VOLUMES"),
    ("RunningFor", "CREATED"),
    ("Status", "STATUS"),
    ("Names", "NAMES"),
    ("Name", "VOLUME NAME"),
    ("Links", "LINKS"),
    ("CacheType", "CACHE TYPE"),
    ("LastUsedSince", "LAST USED"),
    ("UsageCount", "USAGE"),
    ("Shared", "SHARED"),
];

/// docker's `units.HumanSize`: 4 significant digits (`1.986MB`).
pub(super) fn human4(bytes: u64) -> String {
    units::human_size_precision(bytes as f64, 4)
}

/// docker's RECLAIMABLE: the bytes, with their share of the total when there is one.
fn reclaimable(bytes: u64, total: u64) -> String {
    match (bytes * 100).checked_div(total) {
        Some(percent) => format!("{} ({percent}%)", human4(bytes)),
        None => human4(bytes),
    }
}

fn summary_row(kind: &str, total: usize, active: usize, size: u64, reclaim: String) -> Value {
    json!({
        "Type": kind,
        "TotalCount": total.to_string(),
        "Active": active.to_string(),
        "Size": human4(size),
        "Reclaimable": reclaim,
    })
}

fn is_active(c: &ContainerUsage) -> bool {
    c.record.state.is_active() || c.record.state == State::Restarting
}

/// The four summary rows, as docker computes them: an image is active when a container uses
/// it, and what the active images hold alone is not reclaimable. With `podman_total` each row
/// also has podman's `Total`, the count as a number.
fn summary(du: &DiskUsage, podman_total: bool) -> Vec<Value> {
    let row = |kind: &str, total: usize, active: usize, size: u64, reclaim: String| {
        let mut row = summary_row(kind, total, active, size, reclaim);
        if podman_total {
            row[PODMAN_TOTAL] = json!(total);
        }
        row
    };
    let active_images: Vec<&ImageUsage> = du.images.iter().filter(|i| i.containers > 0).collect();
    let used: u64 = active_images
        .iter()
        .map(|i| i.size.saturating_sub(i.shared_size))
        .sum();
    let images = row(
        "Images",
        du.images.len(),
        active_images.len(),
        du.layers_size,
        reclaimable(du.layers_size.saturating_sub(used), du.layers_size),
    );
    let rw_total: u64 = du.containers.iter().map(|c| c.size_rw).sum();
    let rw_idle: u64 = du
        .containers
        .iter()
        .filter(|c| !is_active(c))
        .map(|c| c.size_rw)
        .sum();
    let containers = row(
        "Containers",
        du.containers.len(),
        du.containers.iter().filter(|c| is_active(c)).count(),
        rw_total,
        reclaimable(rw_idle, rw_total),
    );
    let vol_total: u64 = du.volumes.iter().map(|v| v.size).sum();
    let vol_idle: u64 = du
        .volumes
        .iter()
        .filter(|v| v.links == 0)
        .map(|v| v.size)
        .sum();
    let volumes = row(
        "Local Volumes",
        du.volumes.len(),
        du.volumes.iter().filter(|v| v.links > 0).count(),
        vol_total,
        reclaimable(vol_idle, vol_total),
    );
    let cache = row("Build Cache", 0, 0, 0, human4(0));
    vec![images, containers, volumes, cache]
}

/// One image row of `-v`: under its first name, as docker shows it.
fn image_row(i: &ImageUsage, names: &HashMap<String, (String, String)>, trunc: bool) -> Value {
    let none = ("<none>".to_string(), "<none>".to_string());
    let (repo, tag) = names.get(&i.id).unwrap_or(&none);
    let now = now_ns() / 1_000_000_000;
    json!({
        "Containers": i.containers.to_string(),
        "CreatedAt": units::go_time_string(i.created),
        "CreatedSince": units::time_ago(i.created, now),
        "Digest": "",
        "ID": if trunc { i.id[..12.min(i.id.len())].to_string() } else { format!("sha256:{}", i.id) },
        "Repository": repo,
        "SharedSize": human4(i.shared_size),
        "Size": units::human_size(i.size),
        "Tag": tag,
        "UniqueSize": human4(i.size.saturating_sub(i.shared_size)),
        "VirtualSize": human4(i.size),
    })
}

/// One container row of `-v`.
fn container_row(c: &ContainerUsage, trunc: bool) -> Value {
    let rec = &c.record;
    let cfg = &rec.config;
    let command = crate::format::docker_command(&cfg.argv());
    let command = if trunc {
        crate::format::ellipsis(&command, 20)
    } else {
        command
    };
    let volumes: Vec<&str> = cfg
        .mounts
        .iter()
        .filter(|m| m.kind == MountKind::Volume)
        .map(|m| m.source.as_str())
        .collect();
    let labels: Vec<String> = cfg.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    json!({
        "Command": go_quote(&command),
        "CreatedAt": units::go_time_string(rec.created / 1_000_000_000),
        "ID": if trunc { &rec.id[..12] } else { &rec.id[..] },
        "Image": cfg.image_display(),
        "Labels": labels.join(","),
        "LocalVolumes": volumes.len().to_string(),
        "Mounts": volumes.join(","),
        "Names": rec.name,
        "RunningFor": format!("{} ago", human_duration(now_ns() - rec.created)),
        "Size": units::human_size(c.size_rw),
        "State": rec.state.as_str(),
        "Status": rec.status_text(human_duration),
    })
}

/// One volume row of `-v`.
fn volume_row(v: &VolumeUsage) -> Value {
    json!({
        "Driver": "local",
        "Links": v.links.to_string(),
        "Name": v.name,
        "Scope": "local",
        "Size": human4(v.size),
    })
}

/// The `-v` document: docker's `Images`, `Containers`, `Volumes` and `BuildCache` rows.
fn verbose_doc(engine: &mut Engine, du: &DiskUsage, trunc: bool) -> anyhow::Result<Value> {
    let mut names: HashMap<String, (String, String)> = HashMap::new();
    for i in engine.list_images()? {
        if !i.dangling {
            names.entry(i.id).or_insert((i.repository, i.tag));
        }
    }
    Ok(json!({
        "Images": du.images.iter().map(|i| image_row(i, &names, trunc)).collect::<Vec<_>>(),
        "Containers": du.containers.iter().map(|c| container_row(c, trunc)).collect::<Vec<_>>(),
        "Volumes": du.volumes.iter().map(volume_row).collect::<Vec<_>>(),
        "BuildCache": [],
    }))
}

/// Renders one `-v` table with docker's headers (`id` names its ID column).
fn table(default: &str, id: &str, rows: &Value) -> anyhow::Result<String> {
    let rows = rows.as_array().map_or(&[][..], Vec::as_slice);
    let mut out = Vec::new();
    render_rows(
        &FormatSpec::Default,
        default,
        &HeaderMap::new(&[VERBOSE_HEADERS, &[("ID", id)]].concat()),
        rows,
        &mut out,
    )?;
    Ok(String::from_utf8(out)?)
}

/// docker's `-v` text: the three tables and the (always empty) build cache.
fn verbose_text(doc: &Value) -> anyhow::Result<String> {
    Ok(format!(
        "Images space usage:\n\n{}\nContainers space usage:\n\n{}\nLocal Volumes space usage:\n\n{}\nBuild cache usage: 0B\n\n{}",
        table(IMAGES_TABLE, "IMAGE ID", &doc["Images"])?,
        table(CONTAINERS_TABLE, "CONTAINER ID", &doc["Containers"])?,
        table(VOLUMES_TABLE, "", &doc["Volumes"])?,
        table(CACHE_TABLE, "CACHE ID", &doc["BuildCache"])?,
    ))
}

/// Runs `skiff system df`.
pub fn exec(engine: &mut Engine, args: DfArgs) -> anyhow::Result<i32> {
    let spec = FormatSpec::parse(args.format.as_deref())?;
    if !args.verbose {
        spec.check_fields(
            &[SUMMARY_FIELDS, &[PODMAN_TOTAL]].concat(),
            "*formatter.diskUsageContext",
        )?;
        let du = engine.disk_usage()?;
        let rows = summary(&du, spec.names(SUMMARY_TABLE, PODMAN_TOTAL));
        print_rows(
            args.format.as_deref(),
            SUMMARY_TABLE,
            SUMMARY_HEADERS,
            &rows,
        )?;
        return Ok(0);
    }
    let du = engine.disk_usage()?;
    let text = match &spec {
        FormatSpec::Default => verbose_text(&verbose_doc(engine, &du, true)?)?,
        FormatSpec::Json => format!(
            "{}\n",
            crate::format::json_compact(&verbose_doc(engine, &du, false)?)
        ),
        FormatSpec::Template(t) => format!(
            "{}\n",
            Template::render(t, &verbose_doc(engine, &du, false)?)?
        ),
        FormatSpec::Table(_) => bail!(
            "--verbose prints its own tables: use --format json or a template without `table`"
        ),
    };
    write_stdout(&text)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::reclaimable;

    #[test]
    fn reclaimable_shows_a_share_only_of_something() {
        assert_eq!(reclaimable(0, 0), "0B");
        assert_eq!(reclaimable(0, 1_986_000), "0B (0%)");
        assert_eq!(reclaimable(1_500, 2_000), "1.5kB (75%)");
    }
}
