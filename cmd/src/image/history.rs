//! `skiff history [--no-trunc] [-q] [--format] IMAGE`.

use clap::Args;
use serde_json::{json, Value};
use skiff_libpod::Engine;

use crate::container::output::print_rows;
use crate::format::units;

/// `history` flags.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Don't truncate output
    #[arg(long)]
    no_trunc: bool,
    /// Only show image IDs
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Print sizes and dates in human readable format
    #[arg(short = 'H', long, default_value_t = true, action = clap::ArgAction::Set)]
    human: bool,
    /// Format output with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
    /// Only this platform (os/arch[/variant]): an image of another is an error (docker's; skiff
    /// keeps one platform per image)
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// The image (name or id)
    image: String,
}

/// Prints the image's history.
pub fn exec(engine: &mut Engine, args: HistoryArgs) -> anyhow::Result<i32> {
    let fields = [
        "ID",
        "CreatedSince",
        "CreatedAt",
        "CreatedBy",
        "Size",
        "Comment",
    ];
    crate::format::FormatSpec::parse(args.format.as_deref())?
        .check_fields(&fields, "*formatter.historyContext")?;
    if let Some(p) = &args.platform {
        engine.check_image_platform(&args.image, p)?;
    }
    let entries = engine.history(&args.image)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let id = |id: &str| match (id, args.no_trunc) {
        ("<missing>", _) => id.to_string(),
        (_, true) => format!("sha256:{id}"),
        (_, false) => id[..12.min(id.len())].to_string(),
    };
    if args.quiet {
        let text: String = entries.iter().map(|e| id(&e.id) + "\n").collect();
        print!("{text}");
        return Ok(0);
    }
    let rows: Vec<Value> = entries
        .iter()
        .map(|e| {
            let by = if args.no_trunc || e.created_by.chars().count() <= 45 {
                e.created_by.clone()
            } else {
                e.created_by.chars().take(44).collect::<String>() + "…"
            };
            // docker's: RFC 3339 times, and CreatedSince is that time without --human.
            let at = skiff_libpod::container::time::rfc3339_seconds(
                e.created.saturating_mul(1_000_000_000),
            );
            json!({
                "ID": id(&e.id),
                "CreatedSince": if args.human { units::time_ago(e.created, now) } else { at.clone() },
                "CreatedAt": at,
                "CreatedBy": by,
                "Size": if args.human { units::human_size(e.size) } else { e.size.to_string() },
                "Comment": e.comment,
            })
        })
        .collect();
    let headers = [
        ("ID", "IMAGE"),
        ("CreatedSince", "CREATED"),
        ("CreatedAt", "CREATED AT"),
        ("CreatedBy", "CREATED BY"),
        ("Size", "SIZE"),
        ("Comment", "COMMENT"),
    ];
    let table = match args.human {
        true => "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
        false => "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
    };
    print_rows(args.format.as_deref(), table, &headers, &rows)?;
    Ok(0)
}
