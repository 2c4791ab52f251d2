//! `skiff images` / `skiff image ls`: docker's table, `-q`, `--digests`, `--no-trunc`,
//! `--format` and `--filter dangling=|reference=`.

use anyhow::bail;
use clap::Args;
use serde_json::{json, Value};
use skiff_libpod::image::ImageSummary;
use skiff_libpod::Engine;

use crate::container::output::print_rows;
use crate::format::units;

/// `images` flags.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Show all images (intermediate images included; skiff stores none)
    #[arg(short = 'a', long)]
    all: bool,
    /// Only show image IDs
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Show digests
    #[arg(long)]
    digests: bool,
    /// Don't truncate output
    #[arg(long)]
    no_trunc: bool,
    /// Filter output (dangling=true|false, reference=PATTERN)
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Format output with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
    /// Show images of this repository[:tag] only
    reference: Option<String>,
}

/// One filter of `--filter`.
enum Filter {
    Dangling(bool),
    Reference(String),
}

fn parse_filters(args: &ListArgs) -> anyhow::Result<Vec<Filter>> {
    let mut out = Vec::new();
    for f in &args.filter {
        let Some((key, value)) = f.split_once('=') else {
            bail!("bad filter {f:?}: use KEY=VALUE (dangling=true, reference=alpine*)");
        };
        out.push(match key {
            "dangling" => match value {
                "true" | "1" => Filter::Dangling(true),
                "false" | "0" => Filter::Dangling(false),
                _ => bail!("invalid filter 'dangling={value}': use true or false"),
            },
            "reference" => Filter::Reference(value.to_string()),
            _ => bail!("invalid filter {key:?}: images supports dangling= and reference="),
        });
    }
    if let Some(r) = &args.reference {
        out.push(Filter::Reference(r.clone()));
    }
    Ok(out)
}

/// Shell-style `*` and `?` matching (docker's reference filter patterns).
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match (pattern.first(), text.first()) {
        (None, None) => true,
        (Some(b'*'), _) => {
            glob(&pattern[1..], text) || (!text.is_empty() && glob(pattern, &text[1..]))
        }
        (Some(b'?'), Some(c)) if *c != b'/' => glob(&pattern[1..], &text[1..]),
        (Some(p), Some(c)) if p == c => glob(&pattern[1..], &text[1..]),
        _ => false,
    }
}

fn keep(image: &ImageSummary, filters: &[Filter]) -> bool {
    filters.iter().all(|f| match f {
        Filter::Dangling(d) => image.dangling == *d,
        Filter::Reference(p) if image.dangling => p.is_empty(),
        Filter::Reference(p) => {
            let full = format!("{}:{}", image.repository, image.tag);
            let pattern = if p.contains(':') {
                p.clone()
            } else {
                format!("{p}:*")
            };
            glob(pattern.as_bytes(), full.as_bytes())
        }
    })
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
    let _ = args.all;
    let filters = parse_filters(&args)?;
    crate::format::FormatSpec::parse(args.format.as_deref())?
        .check_fields(IMAGE_FIELDS, "*formatter.ImageContext")?;
    let images: Vec<ImageSummary> = engine
        .list_images()?
        .into_iter()
        .filter(|i| keep(i, &filters))
        .collect();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    if args.quiet {
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
    let rows: Vec<Value> = images.iter().map(|i| row(i, args.no_trunc, now)).collect();
    let table = if args.digests {
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    } else {
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
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
    print_rows(args.format.as_deref(), table, &headers, &rows)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::glob;

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
        };
        let row = super::row(&image, false, 0);
        crate::format::assert_row_has_exactly(&row, super::IMAGE_FIELDS);
    }

    #[test]
    fn reference_patterns() {
        assert!(glob(b"alp*:*", b"alpine:latest"));
        assert!(glob(b"alpine:3.?", b"alpine:3.9"));
        assert!(!glob(b"busy*:*", b"alpine:latest"));
        assert!(!glob(b"a?c:*", b"a/c:x"));
    }
}
