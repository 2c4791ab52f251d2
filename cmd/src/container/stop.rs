//! `skiff stop`: stop running containers.

use clap::Args;
use skiff_libpod::Engine;

use super::targets::CidfileTargets;
use crate::objects::reword;

/// Stop one or more running containers
#[derive(Debug, Args)]
#[command(
    mut_args(reword("all", "Stop all running containers")),
    mut_args(reword("containers", "Containers to stop"))
)]
pub struct StopArgs {
    #[command(flatten)]
    grace: Grace,
    #[command(flatten)]
    targets: CidfileTargets,
}

/// How a container is stopped: `-t` and `-s` of `stop` and `restart`.
#[derive(Debug, Args)]
pub struct Grace {
    /// Seconds to wait before killing the container (-1: wait for ever)
    #[arg(
        short = 't',
        long = "timeout",
        visible_alias = "time",
        value_name = "SECONDS",
        allow_negative_numbers = true,
        value_parser = seconds_or_forever
    )]
    pub time: Option<u32>,
    /// Signal to send instead of the container's stop signal (name or number)
    #[arg(short = 's', long, value_name = "SIGNAL")]
    pub signal: Option<String>,
}

/// `skiff stop`: prints each name or id as given (full ids for `-a` and `-l`).
pub fn exec(engine: &mut Engine, args: StopArgs) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine, true)?;
    let Grace { time, signal } = args.grace;
    super::for_each_echo(&names, args.targets.ignore, |name| {
        engine.stop_container_signal(name, time, signal.as_deref())
    })
}

/// A stop timeout in seconds, where docker's negative value (`-1`) means no limit: kept as
/// `u32::MAX` seconds, which `inspect` shows as -1.
pub fn seconds_or_forever(text: &str) -> Result<u32, String> {
    let n: i64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    match n {
        ..0 => Ok(u32::MAX),
        _ => u32::try_from(n).map_err(|_| format!("{n} seconds is too long")),
    }
}

#[cfg(test)]
mod tests {
    use super::seconds_or_forever;

    #[test]
    fn negative_seconds_mean_for_ever() {
        assert_eq!(seconds_or_forever("-1"), Ok(u32::MAX));
        assert_eq!(seconds_or_forever("0"), Ok(0));
        assert_eq!(seconds_or_forever("30"), Ok(30));
        assert!(seconds_or_forever("abc").is_err());
        assert!(seconds_or_forever("99999999999").is_err());
    }
}
