//! `skiff container prune`: remove all stopped containers; and what every prune command shares
//! with docker's: the question on stdout before pruning and the report after.

use std::io::{BufRead, Write};

use clap::Args;
use skiff_libpod::container::time::now_ns;
use skiff_libpod::system::PruneFilter;
use skiff_libpod::Engine;

use crate::format::{units, Filters};

/// Remove all stopped containers
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
    /// Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long = "filter", value_name = "FILTER")]
    filter: Vec<String>,
}

/// The filter keys of docker's container, image, network and system prune.
pub const LABEL_AND_TIME: [&str; 3] = ["until", "label", "label!"];

/// docker's prune filters (`--filter KEY=VALUE`, each key one of `keys`) as the engine takes
/// them, durations counted back from `now` (unix nanoseconds).
pub fn prune_filter(specs: &[String], keys: &[&str], now: i64) -> anyhow::Result<PruneFilter> {
    let filters = Filters::parse(specs, keys)?;
    if filters.get("until").len() > 1 {
        anyhow::bail!("give the until filter once");
    }
    let pairs: Vec<(String, String)> = keys
        .iter()
        .flat_map(|key| {
            filters
                .get(key)
                .iter()
                .map(|v| (key.to_string(), v.clone()))
        })
        .collect();
    Ok(PruneFilter::from_filters(&pairs, now)?)
}

/// Asks `question` on stdout, as docker does, and reads the answer from stdin; true on
/// "y"/"yes" (no answer, as from /dev/null, is no).
pub fn confirm(question: &str) -> bool {
    let mut out = std::io::stdout();
    let _ = write!(out, "{question} [y/N] ");
    let _ = out.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

/// Appends docker's `Deleted TITLE:` section of a prune report (its lines, then a blank
/// line) to `out`; nothing when there are no lines.
pub fn section(out: &mut String, title: &str, lines: impl IntoIterator<Item = String>) {
    let mut lines = lines.into_iter().peekable();
    if lines.peek().is_none() {
        return;
    }
    out.push_str(&format!("Deleted {title}:\n"));
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out.push('\n');
}

/// docker's last line of a prune report (sizes with 4 significant digits, as go-units'
/// HumanSize).
pub fn total(reclaimed: u64) -> String {
    format!(
        "Total reclaimed space: {}\n",
        units::human_size_precision(reclaimed as f64, 4)
    )
}

/// Prints docker's report of a prune of one kind of object: the `Deleted TITLE:` section of
/// `lines` and the total of `reclaimed` bytes; exit code 0.
pub fn print_report(
    title: &str,
    lines: impl IntoIterator<Item = String>,
    reclaimed: u64,
) -> anyhow::Result<i32> {
    let mut out = String::new();
    section(&mut out, title, lines);
    out.push_str(&total(reclaimed));
    super::output::write_stdout(&out)?;
    Ok(0)
}

/// `skiff container prune`: docker's report of the removed ids and the space they held.
pub fn exec(engine: &mut Engine, args: PruneArgs) -> anyhow::Result<i32> {
    let filter = prune_filter(&args.filter, &LABEL_AND_TIME, now_ns())?;
    if !args.force
        && !confirm(
            "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?",
        )
    {
        return Ok(0);
    }
    let removed = engine.prune_containers_filtered(&filter)?;
    let reclaimed = removed.iter().map(|(_, size)| size).sum();
    print_report(
        "Containers",
        removed.into_iter().map(|(id, _)| id),
        reclaimed,
    )
}

#[cfg(test)]
mod tests {
    use super::{prune_filter, section, total, LABEL_AND_TIME};

    #[test]
    fn filters_become_the_engine_s() {
        let f = prune_filter(
            &["until=1h".into(), "label=a=b".into(), "label!=keep".into()],
            &LABEL_AND_TIME,
            10_000_000_000_000,
        )
        .unwrap();
        assert_eq!(f.until, Some(10_000_000_000_000 - 3_600_000_000_000));
        assert_eq!(f.labels, [("a".to_string(), Some("b".to_string()))]);
        assert_eq!(f.not_labels, [("keep".to_string(), None)]);
        assert!(prune_filter(&["dangling=true".into()], &LABEL_AND_TIME, 0).is_err());
        assert!(prune_filter(&["until=1h".into()], &["label", "label!"], 0).is_err());
        assert!(prune_filter(&["until=1h".into(), "until=2h".into()], &LABEL_AND_TIME, 0).is_err());
    }

    #[test]
    fn a_report_is_docker_s() {
        let mut out = String::new();
        section(&mut out, "Volumes", Vec::new());
        assert_eq!(out, "");
        section(&mut out, "Volumes", ["a".to_string(), "b".to_string()]);
        out.push_str(&total(1_986_000));
        assert_eq!(
            out,
            "Deleted Volumes:\na\nb\n\nTotal reclaimed space: 1.986MB\n"
        );
        assert_eq!(total(0), "Total reclaimed space: 0B\n");
    }
}
