//! `skiff pod logs` (podman's): the logs of a pod's containers, each line prefixed with its
//! container's id (or name), in time order; with `-f`, followed until every container stops.

use clap::Args;
use skiff_libpod::container::logs::LogOptions;
use skiff_libpod::Engine;

use crate::container::logs::{parse_tail, print_several, time_arg, Prefix};

/// Fetch logs for pod with one or more containers
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Filter logs by container name or id which belongs to pod
    #[arg(short = 'c', long, value_name = "CONTAINER")]
    container: Option<String>,
    /// Follow log output until every container stops
    #[arg(short = 'f', long)]
    follow: bool,
    /// Output container names instead of container IDs in the log
    #[arg(short = 'n', long)]
    names: bool,
    /// Output the containers within a pod with different colors in the log
    #[arg(long)]
    color: bool,
    /// Show logs since a timestamp (RFC 3339, unix seconds) or a relative time (e.g. 42m)
    #[arg(long, value_name = "TIME")]
    since: Option<String>,
    /// Show logs before a timestamp or relative time
    #[arg(long, value_name = "TIME")]
    until: Option<String>,
    /// Number of lines to show from the end of each container's log ("all" for everything)
    #[arg(
        long,
        value_name = "N",
        default_value = "all",
        allow_negative_numbers = true
    )]
    tail: String,
    /// Output the timestamps in the log
    #[arg(short = 't', long)]
    timestamps: bool,
    /// Show the logs of the most recently created pod (podman's)
    #[arg(short = 'l', long, conflicts_with = "pod")]
    latest: bool,
    /// Name or id of the pod
    #[arg(required_unless_present = "latest")]
    pod: Option<String>,
}

/// `skiff pod logs`.
pub fn exec(engine: &mut Engine, args: LogsArgs) -> anyhow::Result<i32> {
    let opts = LogOptions {
        tail: parse_tail(&args.tail),
        since: time_arg("since", &args.since)?,
        until: time_arg("until", &args.until)?,
    };
    let pod = match &args.pod {
        Some(name) => name.clone(),
        None => super::latest_pod(engine)?,
    };
    let summary = engine.pod_summary(&pod)?;
    let mut members: Vec<_> = summary
        .containers
        .iter()
        .filter(|c| c.id != summary.pod.infra_id)
        .collect();
    if let Some(wanted) = &args.container {
        members.retain(|c| &c.name == wanted || (wanted.len() >= 3 && c.id.starts_with(wanted)));
        if members.is_empty() {
            anyhow::bail!(
                "container {wanted} is not in pod {}: `skiff pod inspect {}` lists its containers",
                summary.pod.name,
                summary.pod.name
            );
        }
    }
    let targets: Vec<(String, Prefix)> = members
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let shown = if args.names { &c.name } else { &c.id[..12] };
            // One container named with -c: its lines as `logs` prints them (podman's), unless
            // --names asks for its name.
            let prefix = match args.container.is_some() && !args.names {
                true => Prefix::plain(args.timestamps),
                false => Prefix::labelled(shown, i, args.color, args.timestamps),
            };
            (c.id.clone(), prefix)
        })
        .collect();
    print_several(engine, &targets, &opts, args.follow)?;
    Ok(0)
}
