//! `skiff pod stats`: the resource use of the containers of pods, podman's columns (POD, CID,
//! NAME, CPU %, MEM USAGE / LIMIT, MEM %, NET IO, BLOCK IO, PIDS).

use std::collections::HashMap;
use std::io::IsTerminal;

use clap::Args;
use serde_json::Value;
use skiff_libpod::container::stats::StatsSample;
use skiff_libpod::Engine;

use crate::container::output;

/// Display a live stream of resource usage statistics for the containers in one or more pods
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Show the stats of every pod (default: the running ones, or those named)
    #[arg(short = 'a', long)]
    all: bool,
    /// Disable streaming stats and only pull the first result
    #[arg(long = "no-stream")]
    no_stream: bool,
    /// Do not truncate output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
    /// Format output with a Go template ('table ...', 'json', '{{json .}}')
    #[arg(long)]
    format: Option<String>,
    /// Seconds between refreshes when streaming
    #[arg(
        short = 'i',
        long,
        value_name = "SECONDS",
        default_value_t = 1,
        hide_default_value = true
    )]
    interval: u64,
    /// Pods (names or ids)
    #[arg(value_name = "POD")]
    pods: Vec<String>,
}

const DEFAULT_TABLE: &str = "table {{.Pod}}\t{{.CID}}\t{{.Name}}\t{{.CPU}}\t{{.MemUsage}}\t{{.Mem}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}";

const HEADERS: &[(&str, &str)] = &[
    ("Pod", "POD"),
    ("CID", "CID"),
    ("Name", "NAME"),
    ("CPU", "CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("Mem", "MEM %"),
    ("NetIO", "NET IO"),
    ("BlockIO", "BLOCK IO"),
    ("PIDS", "PIDS"),
];

/// The pods to show: those named, else every pod (`-a`) or every pod with a running container.
fn pods(engine: &mut Engine, args: &StatsArgs) -> anyhow::Result<Vec<String>> {
    if !args.pods.is_empty() {
        return Ok(args.pods.clone());
    }
    Ok(engine
        .list_pods()?
        .into_iter()
        .filter(|s| args.all || s.containers.iter().any(|c| c.state.is_active()))
        .map(|s| s.pod.id)
        .collect())
}

/// `skiff pod stats`: one table with `--no-stream`, else a table per interval until interrupted.
pub fn exec(engine: &mut Engine, args: StatsArgs) -> anyhow::Result<i32> {
    let tty = std::io::stdout().is_terminal();
    let mut prev: HashMap<String, StatsSample> = HashMap::new();
    loop {
        let mut rows: Vec<Value> = Vec::new();
        let mut samples = Vec::new();
        for pod in pods(engine, &args)? {
            let summary = engine.pod_summary(&pod)?;
            let ids: Vec<String> = summary.containers.iter().map(|c| c.id.clone()).collect();
            if ids.is_empty() {
                continue;
            }
            let id = &summary.pod.id;
            let pod_id = if args.no_trunc {
                &id[..]
            } else {
                &id[..12.min(id.len())]
            };
            for s in engine.container_stats(&ids, true)? {
                let mut row =
                    crate::container::stats::row(&s, prev.get(&s.id), &s.id, args.no_trunc);
                // podman's field names beside docker's.
                for (podman, docker) in [
                    ("CID", "ID"),
                    ("CPU", "CPUPerc"),
                    ("Mem", "MemPerc"),
                    ("PIDS", "PIDs"),
                ] {
                    row[podman] = row[docker].clone();
                }
                row["Pod"] = Value::from(pod_id);
                rows.push(row);
                samples.push(s);
            }
        }
        if !args.no_stream && tty {
            // Clear the screen and go home, as podman's live view does.
            print!("\x1b[2J\x1b[H");
        }
        output::print_rows(args.format.as_deref(), DEFAULT_TABLE, HEADERS, &rows)?;
        if args.no_stream {
            return Ok(0);
        }
        prev = samples.into_iter().map(|s| (s.id.clone(), s)).collect();
        std::thread::sleep(std::time::Duration::from_secs(args.interval.max(1)));
    }
}
