//! `skiff images` / `skiff image ls`: docker's table, `-q`, `--digests`, `--no-trunc`,
//! `--format` and docker's `--filter` keys (the engine's image filters).

use clap::Args;
use serde_json::{json, Value};
use skiff_libpod::image::ImageSummary;
use skiff_libpod::Engine;

use crate::container::output::print_rows_noheading;
use crate::format::units;

/// `images` flags.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Show all images (the intermediate images of builds included)
    #[arg(short = 'a', long)]
    all: bool,
    /// Only show image IDs
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Show each image's name history: every name it was given, the latest first (podman's)
    #[arg(long)]
    history: bool,
    /// Show digests
    #[arg(long)]
    digests: bool,
    /// Don't truncate output
    #[arg(long)]
    no_trunc: bool,
    /// Filter output (dangling=true|false, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE, until=TIME)
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Format output with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
    /// Do not print the table's heading line (podman's)
    #[arg(short = 'n', long)]
    noheading: bool,
    /// Sort by created (the newest first, as without it), id, repository, size or tag (podman's)
    #[arg(long, value_name = "FIELD")]
    sort: Option<String>,
    /// Show images of this repository[:tag] only
    reference: Option<String>,
}

/// The fields of an `images` row, which `--format` may read (docker's `ImageContext`).
const IMAGE_FIELDS: &[&str] = &[
    "ID",
    "Repository",
    "Tag",
    "Digest",
    "CreatedSince",
    "CreatedAt",
    "Size",
    "VirtualSize",
    "SharedSize",
    "UniqueSize",
    "Containers",
];

/// podman's field, filled only when asked for (`--history`, or a template naming it), so
/// docker's `{{json .}}` keeps docker's keys.
const HISTORY_FIELD: &str = "History";

/// podman's boolean fields, likewise only when a template names them: `ReadOnly` (skiff has
/// no read-only additional stores: false) and `Dangling` (no name).
const PODMAN_FLAGS: &[&str] = &["ReadOnly", "Dangling"];

fn row(image: &ImageSummary, no_trunc: bool, now: i64) -> Value {
    let id = if no_trunc {
        format!("sha256:{}", image.id)
    } else {
        image.id[..12.min(image.id.len())].to_string()
    };
    json!({
        "ID": id,
        "Repository": image.repository,
        "Tag": image.tag,
        "Digest": image.digest,
        "CreatedSince": units::time_ago(image.created, now),
        "CreatedAt": units::go_time_string(image.created),
        "Size": units::human_size(image.size.max(0) as u64),
        "VirtualSize": units::human_size(image.size.max(0) as u64),
        "SharedSize": "N/A",
        "UniqueSize": "N/A",
        "Containers": "N/A",
    })
}

/// Lists images.
pub fn exec(engine: &mut Engine, args: ListArgs) -> anyhow::Result<i32> {
    let mut filters = engine.image_filters(&args.filter)?;
    if let Some(r) = &args.reference {
        filters = filters.with_reference(r);
    }
    let filters = filters.searching_short_names();
    let spec = crate::format::FormatSpec::parse(args.format.as_deref())?;
    spec.check_fields(
        &[IMAGE_FIELDS, &[HISTORY_FIELD], PODMAN_FLAGS].concat(),
        "*formatter.ImageContext",
    )?;
    let history = args.history
        || args
            .format
            .as_deref()
            .is_some_and(|f| f.contains(&format!(".{HISTORY_FIELD}")));
    let mut images: Vec<ImageSummary> = engine.list_images()?;
    if !args.all {
        images.retain(|i| !i.intermediate);
    }
    engine.retain_images(&mut images, &filters)?;
    match args.sort.as_deref() {
        None | Some("created") => {}
        Some("id") => images.sort_by(|a, b| a.id.cmp(&b.id)),
        Some("repository") => images.sort_by(|a, b| a.repository.cmp(&b.repository)),
        Some("size") => images.sort_by_key(|i| i.size),
        Some("tag") => images.sort_by(|a, b| a.tag.cmp(&b.tag)),
        Some(other) => {
            anyhow::bail!("invalid --sort {other:?}: sort by created, id, repository, size or tag")
        }
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    // docker's: a --format that is not the plain table wins over -q.
    let custom_format = args.format.as_deref().is_some_and(|f| f != "table");
    if args.quiet && !custom_format {
        let mut seen = std::collections::HashSet::new();
        let mut text = String::new();
        for i in &images {
            if seen.insert(&i.id) {
                let id = if args.no_trunc {
                    format!("sha256:{}", i.id)
                } else {
                    i.id[..12.min(i.id.len())].to_string()
                };
                text.push_str(&id);
                text.push('\n');
            }
        }
        print!("{text}");
        return Ok(0);
    }
    let mut rows: Vec<Value> = images.iter().map(|i| row(i, args.no_trunc, now)).collect();
    if history {
        for (row, image) in rows.iter_mut().zip(&images) {
            row[HISTORY_FIELD] = json!(engine.image_names_history(&image.id)?.join(", "));
        }
    }
    // The default tables name neither.
    let (read_only, dangling) = (spec.names("", "ReadOnly"), spec.names("", "Dangling"));
    for (row, image) in rows.iter_mut().zip(&images) {
        if read_only {
            row["ReadOnly"] = json!(false);
        }
        if dangling {
            row["Dangling"] = json!(image.dangling);
        }
    }
    let table = match (args.digests, args.history) {
        (true, false) => {
            "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
        }
        (false, false) => "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}",
        (true, true) => "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.History}}",
        (false, true) => {
            "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.History}}"
        }
    };
    let headers = [
        ("Repository", "REPOSITORY"),
        ("Tag", "TAG"),
        ("Digest", "DIGEST"),
        ("ID", "IMAGE ID"),
        ("CreatedSince", "CREATED"),
        ("CreatedAt", "CREATED AT"),
        ("Size", "SIZE"),
        ("VirtualSize", "SIZE"),
        ("SharedSize", "SHARED SIZE"),
        ("UniqueSize", "UNIQUE SIZE"),
        ("Containers", "CONTAINERS"),
    ];
    print_rows_noheading(
        args.format.as_deref(),
        table,
        &headers,
        &rows,
        args.noheading,
    )?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn image_fields_name_the_row_keys() {
        let image = skiff_libpod::image::ImageSummary {
            id: "a".repeat(64),
            repository: "alpine".into(),
            tag: "latest".into(),
            digest: "<none>".into(),
            created: 0,
            size: 1,
            dangling: false,
            intermediate: false,
        };
        let row = super::row(&image, false, 0);
        crate::format::assert_row_has_exactly(&row, super::IMAGE_FIELDS);
    }
}
