//! `skiff stats`: containers' CPU, memory, network, block I/O and pids, docker's columns.

use std::collections::HashMap;
use std::io::IsTerminal;

use clap::Args;
use serde_json::{json, Value};
use skiff_libpod::container::stats::StatsSample;
use skiff_libpod::Engine;

use super::output;
use crate::format::units::{bytes_size, human_size_precision};

/// The flags `stats` and `pod stats` share (each words `all` itself).
#[derive(Debug, Args)]
pub struct StatsFlags {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Disable streaming stats and only pull the first result
    #[arg(long = "no-stream")]
    pub no_stream: bool,
    /// Do not truncate output
    #[arg(long = "no-trunc")]
    pub no_trunc: bool,
    /// Do not clear the screen between refreshes (podman's)
    #[arg(long = "no-reset")]
    pub no_reset: bool,
    /// Format output with a Go template ('table ...', 'json', '{{json .}}')
    #[arg(long)]
    pub format: Option<String>,
    /// Seconds between refreshes when streaming
    #[arg(
        short = 'i',
        long,
        value_name = "SECONDS",
        default_value_t = 1,
        hide_default_value = true
    )]
    pub interval: u64,
}

impl StatsFlags {
    /// Whether each refresh starts on a cleared screen: a live view on a terminal, unless
    /// `--no-reset`.
    fn clears_screen(&self, tty: bool) -> bool {
        tty && !self.no_stream && !self.no_reset
    }

    /// Prints the rows `sample` makes (given the previous round's samples by id) as a table
    /// of `table`'s columns: once with `--no-stream`, else every interval until interrupted.
    pub fn stream(
        &self,
        table: &str,
        headers: &[(&str, &str)],
        mut sample: impl FnMut(
            &HashMap<String, StatsSample>,
        ) -> anyhow::Result<(Vec<Value>, Vec<StatsSample>)>,
    ) -> anyhow::Result<i32> {
        let tty = std::io::stdout().is_terminal();
        let mut prev: HashMap<String, StatsSample> = HashMap::new();
        loop {
            let (rows, samples) = sample(&prev)?;
            if self.clears_screen(tty) {
                // Clear the screen and go home, as docker's live view does.
                print!("\x1b[2J\x1b[H");
            }
            output::print_rows(self.format.as_deref(), table, headers, &rows)?;
            if self.no_stream {
                return Ok(0);
            }
            prev = samples.into_iter().map(|s| (s.id.clone(), s)).collect();
            std::thread::sleep(std::time::Duration::from_secs(self.interval.max(1)));
        }
    }
}

/// Display a live stream of container resource usage statistics
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    flags: StatsFlags,
    /// Containers (default: all running)
    #[arg(value_name = "CONTAINER", conflicts_with = "latest")]
    containers: Vec<String>,
    /// Show the most recently created container (podman's)
    #[arg(short = 'l', long)]
    latest: bool,
}

const DEFAULT_TABLE: &str =
    "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

const HEADERS: &[(&str, &str)] = &[
    ("Container", "CONTAINER"),
    ("ID", "CONTAINER ID"),
    ("Name", "NAME"),
    ("CPUPerc", "CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("MemPerc", "MEM %"),
    ("NetIO", "NET I/O"),
    ("BlockIO", "BLOCK I/O"),
    ("PIDs", "PIDS"),
];

/// One row with docker's `--format` fields. `container` is the name or id as the user gave it
/// (docker's `.Container`).
pub(crate) fn row(
    s: &StatsSample,
    prev: Option<&StatsSample>,
    container: &str,
    no_trunc: bool,
) -> Value {
    let id = if no_trunc {
        &s.id[..]
    } else {
        &s.id[..12.min(s.id.len())]
    };
    let io = |a: u64, b: u64| {
        format!(
            "{} / {}",
            human_size_precision(a as f64, 3),
            human_size_precision(b as f64, 3)
        )
    };
    json!({
        "Container": container,
        "ID": id,
        "Name": s.name,
        "CPUPerc": format!("{:.2}%", s.cpu_percent(prev)),
        "MemUsage": format!("{} / {}", bytes_size(s.memory_usage), bytes_size(s.memory_limit)),
        "MemPerc": format!("{:.2}%", s.memory_percent()),
        "NetIO": io(s.net_rx, s.net_tx),
        "BlockIO": io(s.block_read, s.block_write),
        "PIDs": s.pids.to_string(),
    })
}

/// `skiff stats`: one table with `--no-stream`, else a table per interval until interrupted.
pub fn exec(engine: &mut Engine, mut args: StatsArgs) -> anyhow::Result<i32> {
    if args.latest {
        args.containers = vec![super::targets::one(engine, true, None)?];
    }
    let no_trunc = args.flags.no_trunc;
    // docker's fields only: a misspelt one fails before anything is sampled.
    let fields: Vec<&str> = HEADERS.iter().map(|(f, _)| *f).collect();
    crate::format::FormatSpec::parse(args.flags.format.as_deref())?
        .check_fields(&fields, "*container.statsContext")?;
    args.flags.stream(DEFAULT_TABLE, HEADERS, |prev| {
        let samples = engine.container_stats(&args.containers, args.flags.all)?;
        let rows: Vec<Value> = samples
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let given = args.containers.get(i).map_or(&s.id[..], |n| &n[..]);
                let shown = if args.containers.is_empty() {
                    &s.id[..12.min(s.id.len())]
                } else {
                    given
                };
                row(s, prev.get(&s.id), shown, no_trunc)
            })
            .collect();
        Ok((rows, samples))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        flags: StatsFlags,
    }

    #[test]
    fn only_a_live_view_on_a_terminal_clears_the_screen() {
        let flags = |args: &[&str]| {
            let mut all = vec!["stats"];
            all.extend(args);
            Cli::try_parse_from(all).unwrap().flags
        };
        assert!(flags(&[]).clears_screen(true));
        assert!(!flags(&[]).clears_screen(false));
        assert!(!flags(&["--no-reset"]).clears_screen(true));
        assert!(!flags(&["--no-stream"]).clears_screen(true));
    }
}
