//! `skiff logs`: print a container's log; with several containers (podman's), every one's,
//! each line prefixed with its container's id or name. `pod logs` prints a pod's so too.

use std::io::Write;

use clap::Args;
use skiff_libpod::container::logs::{LogLine, LogOptions, Stream};
use skiff_libpod::container::time::{now_ns, parse_time_arg, rfc3339_nanos};
use skiff_libpod::{Engine, EngineOptions, WarningSink};

use super::targets::LatestOrNamed;

/// Fetch the logs of one or more containers
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Follow log output until the container stops
    #[arg(short = 'f', long)]
    follow: bool,
    /// Number of lines to show from the end of the logs ("all" for everything)
    #[arg(
        short = 'n',
        long,
        value_name = "N",
        default_value = "all",
        allow_negative_numbers = true
    )]
    tail: String,
    /// Show logs since a timestamp (RFC 3339, unix seconds) or a relative time (e.g. 42m)
    #[arg(long, value_name = "TIME")]
    since: Option<String>,
    /// Show logs before a timestamp or relative time
    #[arg(long, value_name = "TIME")]
    until: Option<String>,
    /// Show timestamps
    #[arg(short = 't', long)]
    timestamps: bool,
    /// Show extra details: the log attributes before each line (skiff records none, so, as
    /// docker without --log-opt labels/env, an empty set and its separating space)
    #[arg(long)]
    details: bool,
    /// With several containers, prefix lines with the container's name instead of its id
    /// (podman's)
    #[arg(long)]
    names: bool,
    /// With several containers, show each one's prefix in a color of its own (podman's)
    #[arg(long)]
    color: bool,
    #[command(flatten)]
    targets: LatestOrNamed,
}

/// A `--since`/`--until` value as unix nanoseconds (None when not given or empty).
pub(crate) fn time_arg(flag: &str, value: &Option<String>) -> anyhow::Result<Option<i64>> {
    // docker takes an empty value as none.
    value
        .as_deref()
        .filter(|v| !v.is_empty())
        .map(|v| {
            parse_time_arg(v, now_ns()).ok_or_else(|| {
                anyhow::anyhow!("invalid --{flag} {v:?}: use an RFC 3339 time, unix seconds, or a duration such as 10m")
            })
        })
        .transpose()
}

/// `--tail`: None for all lines: "all", a negative number or anything that is not a number
/// (docker's documented rule).
pub(crate) fn parse_tail(value: &str) -> Option<usize> {
    match value.parse::<i64>() {
        Ok(n) if n >= 0 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
        _ => None,
    }
}

/// How each line is introduced: with several containers podman's `ID ` (or `NAME `), in a
/// color of its own with `--color`; then the time with `-t`, then the `--details` space.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prefix {
    label: String,
    timestamps: bool,
    details: bool,
}

impl Prefix {
    /// The prefix of the `n`th of several containers, `shown` by id or name.
    pub(crate) fn labelled(shown: &str, n: usize, color: bool, timestamps: bool) -> Prefix {
        let label = if color {
            format!("\x1b[{}m{shown}\x1b[0m ", 31 + n % 6)
        } else {
            format!("{shown} ")
        };
        Prefix {
            label,
            timestamps,
            details: false,
        }
    }

    /// No label: a container's lines as `logs` prints them (the time with `-t`).
    pub(crate) fn plain(timestamps: bool) -> Prefix {
        Prefix {
            label: String::new(),
            timestamps,
            details: false,
        }
    }

    /// The line `l` as printed.
    fn line(&self, l: &LogLine) -> Vec<u8> {
        let mut out = self.label.clone().into_bytes();
        if self.timestamps {
            out.extend(rfc3339_nanos(l.time).into_bytes());
            out.push(b' ');
        }
        if self.details {
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

/// Prints the logs of `targets` (container id, prefix): every container's lines in time
/// order (a container's own keep theirs), or with `follow` each followed at once until all
/// have stopped.
pub(crate) fn print_several(
    engine: &mut Engine,
    targets: &[(String, Prefix)],
    opts: &LogOptions,
    follow: bool,
) -> anyhow::Result<()> {
    if follow {
        return follow_all(engine, targets, opts);
    }
    let mut lines: Vec<(i64, usize, LogLine)> = Vec::new();
    for (n, (id, _)) in targets.iter().enumerate() {
        engine.container_logs(id, opts, false, &mut |l: &LogLine| {
            lines.push((l.time, n, l.clone()));
            Ok(())
        })?;
    }
    lines.sort_by_key(|(time, n, _)| (*time, *n));
    for (_, n, l) in &lines {
        emit(l, &targets[*n].1.line(l))?;
    }
    Ok(())
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

/// `skiff logs`: stdout records go to stdout, stderr records to stderr.
pub fn exec(engine: &mut Engine, args: LogsArgs) -> anyhow::Result<i32> {
    let tail = parse_tail(&args.tail);
    let opts = LogOptions {
        tail,
        since: time_arg("since", &args.since)?,
        until: time_arg("until", &args.until)?,
    };
    let names = args.targets.resolve(engine)?;
    if let [name] = names.as_slice() {
        let prefix = Prefix {
            label: String::new(),
            timestamps: args.timestamps,
            details: args.details,
        };
        engine.container_logs(name, &opts, args.follow, &mut |l: &LogLine| {
            emit(l, &prefix.line(l))
        })?;
        return Ok(0);
    }
    let mut targets = Vec::new();
    for (n, name) in names.iter().enumerate() {
        let rec = engine.lookup_container(name)?;
        let shown = if args.names { &rec.name } else { &rec.id[..12] };
        let mut prefix = Prefix::labelled(shown, n, args.color, args.timestamps);
        prefix.details = args.details;
        targets.push((rec.id.clone(), prefix));
    }
    print_several(engine, &targets, &opts, args.follow)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_all_or_negative_means_everything() {
        assert_eq!(parse_tail("all"), None);
        assert_eq!(parse_tail("-1"), None);
        assert_eq!(parse_tail("-20"), None);
        assert_eq!(parse_tail("0"), Some(0));
        assert_eq!(parse_tail("3"), Some(3));
        assert_eq!(parse_tail("x"), None);
    }

    #[test]
    fn tail_takes_a_negative_number_as_its_value() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            logs: LogsArgs,
        }
        let cli = Cli::try_parse_from(["logs", "--tail", "-1", "c"]).unwrap();
        assert_eq!(cli.logs.targets.containers, ["c"]);
        assert_eq!(cli.logs.tail, "-1");
        let cli = Cli::try_parse_from(["logs", "-n", "-5", "c"]).unwrap();
        assert_eq!(cli.logs.tail, "-5");
    }
}
