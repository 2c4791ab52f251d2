//! `skiff container prune`: remove all stopped containers; and what every prune command shares
//! with docker's: the question on stdout before pruning and the report after.

use std::io::{BufRead, Write};

use clap::Args;
use skiff_libpod::Engine;

use crate::format::units;

/// Remove all stopped containers
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
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

/// `skiff container prune`: docker's report of the removed ids and the space they held.
pub fn exec(engine: &mut Engine, args: PruneArgs) -> anyhow::Result<i32> {
    if !args.force
        && !confirm(
            "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?",
        )
    {
        return Ok(0);
    }
    let removed = engine.prune_containers()?;
    let reclaimed = removed.iter().map(|(_, size)| size).sum();
    let mut out = String::new();
    section(
        &mut out,
        "Containers",
        removed.into_iter().map(|(id, _)| id),
    );
    out.push_str(&total(reclaimed));
    super::output::write_stdout(&out)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::{section, total};

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
