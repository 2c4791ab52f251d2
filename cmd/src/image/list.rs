//! `skiff images` / `skiff image ls`: docker's table, `-q`, `--digests`, `--no-trunc`,
//! `--format` and `--filter dangling=|reference=`.

use anyhow::bail;
use clap::Args;
use serde_json::{json, Value};
use skiff_libpod::image::list::reference_matches;
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

fn keep(image: &ImageSummary, filters: &[Filter]) -> bool {
    let mut references = filters
        .iter()
        .filter_map(|f| match f {
            Filter::Reference(p) => Some(p),
            Filter::Dangling(_) => None,
        })
        .peekable();
    // As docker: several reference patterns (the positional one included) are alternatives.
    let reference_ok = references.peek().is_none()
        || (!image.dangling
            && references.any(|p| reference_matches(p, &image.repository, &image.tag)));
    reference_ok
        && filters.iter().all(|f| match f {
            Filter::Dangling(d) => image.dangling == *d,
            Filter::Reference(_) => true,
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
    use super::{keep, Filter};
    use skiff_libpod::image::ImageSummary;

    fn image(repository: &str, tag: &str) -> ImageSummary {
        ImageSummary {
            id: "a".repeat(64),
            repository: repository.into(),
            tag: tag.into(),
            digest: "<none>".into(),
            created: 0,
            size: 1,
            dangling: repository == "<none>",
        }
    }

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
    fn reference_patterns_are_alternatives_and_skip_dangling_images() {
        let reference = |p: &str| Filter::Reference(p.to_string());
        assert!(keep(&image("alpine", "latest"), &[reference("alp*:*")]));
        assert!(keep(&image("alpine", "3.9"), &[reference("alpine:3.?")]));
        assert!(!keep(&image("alpine", "latest"), &[reference("busy*")]));
        assert!(keep(
            &image("alpine", "latest"),
            &[reference("busy*"), reference("alpine")]
        ));
        assert!(!keep(&image("<none>", "<none>"), &[reference("*")]));
        assert!(!keep(
            &image("alpine", "latest"),
            &[reference("alpine"), Filter::Dangling(true)]
        ));
        assert!(keep(&image("<none>", "<none>"), &[Filter::Dangling(true)]));
    }
}
