//! `skiff search [--limit N] [--filter KEY=VALUE] [--format T] [--no-trunc] [--list-tags]
//! [--tls-verify=false] [REGISTRY/]TERM`: docker's table (NAME, DESCRIPTION, STARS, OFFICIAL),
//! or with `--list-tags` podman's (NAME, TAG).

use clap::Args;
use serde_json::{json, Value};
use skiff_libpod::image::search::{SearchFilter, SearchHit, SearchRequest, DEFAULT_LIMIT};
use skiff_libpod::Engine;

use crate::container::output::print_rows;

/// Characters of a description shown unless `--no-trunc` (docker's).
const DESCRIPTION_WIDTH: usize = 45;

/// `search` flags.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Filter output (stars=N, is-official=true|false, is-automated=true|false)
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Format output with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
    /// Most results per registry (1-100)
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    limit: usize,
    /// Don't truncate output
    #[arg(long)]
    no_trunc: bool,
    /// Also show the AUTOMATED column (podman's docker-compatible columns)
    #[arg(long)]
    compatible: bool,
    /// List the tags of the named repository instead of searching
    #[arg(long)]
    list_tags: bool,
    /// Require HTTPS and verify certificates (false allows plain HTTP and unverified certificates)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
    #[command(flatten)]
    authfile: super::login::AuthFile,
    /// What to search for: [REGISTRY/]TERM (without a registry, every unqualified-search registry)
    term: String,
}

/// The fields of a search row, which `--format` may read.
const SEARCH_FIELDS: &[&str] = &[
    "Index",
    "Name",
    "Description",
    "StarCount",
    "IsOfficial",
    "IsAutomated",
];

/// The fields of a `--list-tags` row.
const TAG_FIELDS: &[&str] = &["Name", "Tag"];

/// docker's mark for a true flag column.
fn mark(b: bool) -> &'static str {
    if b {
        "[OK]"
    } else {
        ""
    }
}

/// A description on one line, cut to [`DESCRIPTION_WIDTH`] characters (ending in `…`) unless
/// `no_trunc`.
fn description(text: &str, no_trunc: bool) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    if no_trunc || one_line.chars().count() <= DESCRIPTION_WIDTH {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(DESCRIPTION_WIDTH - 1).collect();
    cut.push('…');
    cut
}

fn row(hit: &SearchHit, no_trunc: bool) -> Value {
    json!({
        "Index": hit.index,
        "Name": hit.name,
        "Description": description(&hit.description, no_trunc),
        "StarCount": hit.star_count.to_string(),
        "IsOfficial": mark(hit.is_official),
        "IsAutomated": mark(hit.is_automated),
    })
}

/// Searches, or lists tags, and prints the rows.
pub fn exec(engine: &mut Engine, args: SearchArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    let spec = crate::format::FormatSpec::parse(args.format.as_deref())?;
    if args.limit == 0 {
        anyhow::bail!("--limit 0 is outside the range of [1, 100]");
    }
    if args.list_tags {
        if !args.filter.is_empty() {
            anyhow::bail!("--filter cannot be used with --list-tags");
        }
        spec.check_fields(TAG_FIELDS, "*entities.ListTagsReport")?;
        let remote = engine.remote_tags(&args.term, args.tls_verify, &Default::default())?;
        let rows: Vec<Value> = remote
            .tags
            .iter()
            .take(args.limit)
            .map(|t| json!({"Name": remote.repository, "Tag": t}))
            .collect();
        let headers = [("Name", "NAME"), ("Tag", "TAG")];
        print_rows(
            args.format.as_deref(),
            "table {{.Name}}\t{{.Tag}}",
            &headers,
            &rows,
        )?;
        return Ok(0);
    }
    spec.check_fields(SEARCH_FIELDS, "*formatter.searchContext")?;
    let req = SearchRequest {
        term: args.term.clone(),
        limit: args.limit,
        filter: SearchFilter::parse(&args.filter)?,
        tls_verify: args.tls_verify,
    };
    let hits = engine.search(&req)?;
    let rows: Vec<Value> = hits.iter().map(|h| row(h, args.no_trunc)).collect();
    let headers = [
        ("Index", "INDEX"),
        ("Name", "NAME"),
        ("Description", "DESCRIPTION"),
        ("StarCount", "STARS"),
        ("IsOfficial", "OFFICIAL"),
        ("IsAutomated", "AUTOMATED"),
    ];
    let table = match args.compatible {
        true => {
            "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}\t{{.IsAutomated}}"
        }
        false => "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}",
    };
    print_rows(args.format.as_deref(), table, &headers, &rows)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_descriptions() {
        let hit = SearchHit {
            index: "docker.io".into(),
            name: "busybox".into(),
            description: "a\nb".into(),
            star_count: 7,
            is_official: true,
            is_automated: false,
        };
        let r = row(&hit, false);
        crate::format::assert_row_has_exactly(&r, SEARCH_FIELDS);
        assert_eq!(r["Description"], "a b");
        assert_eq!(r["IsOfficial"], "[OK]");
        assert_eq!(r["IsAutomated"], "");
        let long = "x".repeat(60);
        let cut = description(&long, false);
        assert_eq!(cut.chars().count(), DESCRIPTION_WIDTH);
        assert!(cut.ends_with('…'));
        assert_eq!(description(&long, true), long);
    }
}
