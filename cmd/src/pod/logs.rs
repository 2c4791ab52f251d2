//! `skiff pod logs` (podman's): the logs of a pod's containers, each line prefixed with its
//! container's id (or name), in time order; with `-f`, followed until every container stops.

use std::io::Write;

use clap::Args;
use skiff_libpod::container::logs::{LogLine, LogOptions, Stream};
use skiff_libpod::container::time::rfc3339_nanos;
use skiff_libpod::{Engine, EngineOptions, WarningSink};

use crate::container::logs::{parse_tail, time_arg};

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
    /// Name or id of the pod
    pod: String,
}

/// How each line is introduced: podman's `ID ` (or `NAME `), in a color of its own with
/// `--color`, then the time with `-t`.
#[derive(Debug, Clone)]
struct Prefix {
    label: String,
    timestamps: bool,
}

impl Prefix {
    /// The line `l` as printed.
    fn line(&self, l: &LogLine) -> Vec<u8> {
        let mut out = self.label.clone().into_bytes();
        if self.timestamps {
            out.extend(rfc3339_nanos(l.time).into_bytes());
            out.push(b' ');
        }
        out.extend(&l.text);
        out
    }
}

/// Writes `bytes` to the stream of `l` in one write, so lines of concurrent followers never mix.
fn emit(l: &LogLine, bytes: &[u8]) -> std::io::Result<()> {
    match l.stream {
        Stream::Stdout => {
            let mut o = std::io::stdout().lock();
            o.write_all(bytes)?;
            o.flush()
        }
        Stream::Stderr => std::io::stderr().lock().write_all(bytes),
    }
}

/// `skiff pod logs`.
pub fn exec(engine: &mut Engine, args: LogsArgs) -> anyhow::Result<i32> {
    let opts = LogOptions {
        tail: parse_tail(&args.tail)?,
        since: time_arg("since", &args.since)?,
        until: time_arg("until", &args.until)?,
    };
    let summary = engine.pod_summary(&args.pod)?;
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
            let label = if args.color {
                format!("\x1b[{}m{shown}\x1b[0m ", 31 + i % 6)
            } else {
                format!("{shown} ")
            };
            let prefix = Prefix {
                label,
                timestamps: args.timestamps,
            };
            (c.id.clone(), prefix)
        })
        .collect();
    if args.follow {
        follow_all(engine, &targets, &opts)?;
        return Ok(0);
    }
    // Every container's lines, in time order (a container's own lines keep theirs).
    let mut lines: Vec<(i64, usize, LogLine)> = Vec::new();
    for (n, (id, _)) in targets.iter().enumerate() {
        engine.container_logs(id, &opts, false, &mut |l: &LogLine| {
            lines.push((l.time, n, l.clone()));
            Ok(())
        })?;
    }
    lines.sort_by_key(|(time, n, _)| (*time, *n));
    for (_, n, l) in &lines {
        emit(l, &targets[*n].1.line(l))?;
    }
    Ok(0)
}

/// Follows every container's log at once, one thread (with an engine of its own) each,
/// until all have stopped.
fn follow_all(
    engine: &Engine,
    targets: &[(String, Prefix)],
    opts: &LogOptions,
) -> anyhow::Result<()> {
    let paths = engine.paths();
    std::thread::scope(|scope| {
        let followers: Vec<_> = targets
            .iter()
            .map(|(id, prefix)| {
                let engine_opts = EngineOptions {
                    root: Some(paths.root.clone()),
                    runroot: Some(paths.runroot.clone()),
                    on_warning: WarningSink::new(|w| eprintln!("skiff: warning: {w}")),
                };
                scope.spawn(move || -> anyhow::Result<()> {
                    let mut engine = Engine::new(engine_opts);
                    engine.container_logs(id, opts, true, &mut |l: &LogLine| {
                        emit(l, &prefix.line(l))
                    })?;
                    Ok(())
                })
            })
            .collect();
        for f in followers {
            f.join()
                .map_err(|_| anyhow::anyhow!("a log follower panicked"))??;
        }
        Ok(())
    })
}
