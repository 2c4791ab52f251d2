//! `skiff pod stats`: the resource use of the containers of pods, podman's columns (POD, CID,
//! NAME, CPU %, MEM USAGE / LIMIT, MEM %, NET IO, BLOCK IO, PIDS).

use clap::Args;
use serde_json::Value;
use skiff_libpod::Engine;

use crate::container::stats::StatsFlags;

/// Display a live stream of resource usage statistics for the containers in one or more pods
#[derive(Debug, Args)]
#[command(mut_args(crate::objects::reword(
    "all",
    "Show the stats of every pod (default: the running ones, or those named)"
)))]
pub struct StatsArgs {
    #[command(flatten)]
    flags: StatsFlags,
    /// Show the stats of the most recently created pod (podman's)
    #[arg(short = 'l', long, conflicts_with_all = ["pods", "all"])]
    latest: bool,
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
    if args.latest {
        return Ok(vec![super::latest_pod(engine)?]);
    }
    Ok(engine
        .list_pods()?
        .into_iter()
        .filter(|s| args.flags.all || s.containers.iter().any(|c| c.state.is_active()))
        .map(|s| s.pod.id)
        .collect())
}

/// `skiff pod stats`: one table with `--no-stream`, else a table per interval until interrupted.
pub fn exec(engine: &mut Engine, args: StatsArgs) -> anyhow::Result<i32> {
    let no_trunc = args.flags.no_trunc;
    args.flags.stream(DEFAULT_TABLE, HEADERS, |prev| {
        let mut rows: Vec<Value> = Vec::new();
        let mut samples = Vec::new();
        for pod in pods(engine, &args)? {
            let summary = engine.pod_summary(&pod)?;
            let ids: Vec<String> = summary.containers.iter().map(|c| c.id.clone()).collect();
            if ids.is_empty() {
                continue;
            }
            let id = &summary.pod.id;
            let pod_id = if no_trunc {
                &id[..]
            } else {
                &id[..12.min(id.len())]
            };
            for s in engine.container_stats(&ids, true)? {
                let mut row = crate::container::stats::row(&s, prev.get(&s.id), &s.id, no_trunc);
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
        Ok((rows, samples))
    })
}
