//! `skiff logs`: print a container's log.

use std::io::Write;

use clap::Args;
use skiff_libpod::container::logs::{LogLine, LogOptions, Stream};
use skiff_libpod::container::time::{now_ns, parse_time_arg, rfc3339_nanos};
use skiff_libpod::Engine;

/// Fetch the logs of a container
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Follow log output until the container stops
    #[arg(short = 'f', long)]
    follow: bool,
    /// Number of lines to show from the end of the logs ("all" for everything)
    #[arg(short = 'n', long, value_name = "N", default_value = "all")]
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
    /// The container
    container: String,
}

fn time_arg(flag: &str, value: &Option<String>) -> anyhow::Result<Option<i64>> {
    value
        .as_deref()
        .map(|v| {
            parse_time_arg(v, now_ns()).ok_or_else(|| {
                anyhow::anyhow!("invalid --{flag} {v:?}: use an RFC 3339 time, unix seconds, or a duration such as 10m")
            })
        })
        .transpose()
}

/// `skiff logs`: stdout records go to stdout, stderr records to stderr.
pub fn exec(engine: &mut Engine, args: LogsArgs) -> anyhow::Result<i32> {
    let tail = match args.tail.as_str() {
        "all" | "-1" => None,
        n => Some(
            n.parse()
                .map_err(|_| anyhow::anyhow!("invalid --tail {n:?}: use a number or \"all\""))?,
        ),
    };
    let opts = LogOptions {
        tail,
        since: time_arg("since", &args.since)?,
        until: time_arg("until", &args.until)?,
    };
    let stamps = args.timestamps;
    let mut sink = |l: &LogLine| -> std::io::Result<()> {
        let prefix = if stamps {
            format!("{} ", rfc3339_nanos(l.time))
        } else {
            String::new()
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
    engine.container_logs(&args.container, &opts, args.follow, &mut sink)?;
    Ok(0)
}
