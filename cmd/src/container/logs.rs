//! `skiff logs`: print a container's log.

use std::io::Write;

use clap::Args;
use skiff_libpod::container::logs::{LogLine, LogOptions, Stream};
use skiff_libpod::container::time::{now_ns, parse_time_arg, rfc3339_nanos};
use skiff_libpod::Engine;

use super::targets::LatestOrOne;

/// Fetch the logs of a container
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
    #[command(flatten)]
    target: LatestOrOne,
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

/// `--tail`: None for all lines ("all" or a negative number, as docker).
pub(crate) fn parse_tail(value: &str) -> anyhow::Result<Option<usize>> {
    if value.eq_ignore_ascii_case("all") {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(n) if n < 0 => Ok(None),
        Ok(n) => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
        Err(_) => anyhow::bail!("invalid --tail {value:?}: use a number or \"all\""),
    }
}

/// `skiff logs`: stdout records go to stdout, stderr records to stderr.
pub fn exec(engine: &mut Engine, args: LogsArgs) -> anyhow::Result<i32> {
    let tail = parse_tail(&args.tail)?;
    let opts = LogOptions {
        tail,
        since: time_arg("since", &args.since)?,
        until: time_arg("until", &args.until)?,
    };
    let stamps = args.timestamps;
    let details = if args.details { " " } else { "" };
    let mut sink = |l: &LogLine| -> std::io::Result<()> {
        let prefix = if stamps {
            format!("{} {details}", rfc3339_nanos(l.time))
        } else {
            details.to_string()
        };
        match l.stream {
            Stream::Stdout => {
                let mut o = std::io::stdout().lock();
                o.write_all(prefix.as_bytes())?;
                o.write_all(&l.text)?;
                o.flush()
            }
            Stream::Stderr => {
                let mut e = std::io::stderr().lock();
                e.write_all(prefix.as_bytes())?;
                e.write_all(&l.text)
            }
        }
    };
    let name = args.target.resolve(engine)?;
    engine.container_logs(&name, &opts, args.follow, &mut sink)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_all_or_negative_means_everything() {
        assert_eq!(parse_tail("all").unwrap(), None);
        assert_eq!(parse_tail("-1").unwrap(), None);
        assert_eq!(parse_tail("-20").unwrap(), None);
        assert_eq!(parse_tail("0").unwrap(), Some(0));
        assert_eq!(parse_tail("3").unwrap(), Some(3));
        assert!(parse_tail("x").is_err());
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
        assert_eq!(cli.logs.tail, "-1");
        let cli = Cli::try_parse_from(["logs", "-n", "-5", "c"]).unwrap();
        assert_eq!(cli.logs.tail, "-5");
    }
}
