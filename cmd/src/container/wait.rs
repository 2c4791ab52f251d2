//! `skiff wait`: block until containers stop (or, with podman's `--condition`, reach a state
//! or health), print their exit codes.

use std::time::Duration;

use anyhow::Context;
use clap::Args;
use skiff_libpod::container::wait::StateCondition;
use skiff_libpod::Engine;

use super::targets::LatestOrNamed;
use crate::objects::reword;

/// Block until one or more containers stop, then print their exit codes
#[derive(Debug, Args)]
#[command(mut_args(reword("containers", "Containers to wait for")))]
pub struct WaitArgs {
    #[command(flatten)]
    targets: LatestOrNamed,
    /// Wait for this state or health instead (podman's; repeatable or comma-separated, the
    /// first to hold ends the wait): configured, created, exited, healthy, initialized,
    /// paused, removing, running, stopped, stopping, unhealthy. -1 is printed for all but
    /// stopped and exited
    #[arg(long, value_name = "CONDITION", value_delimiter = ',')]
    condition: Vec<String>,
    /// How often to look at the container with --condition (podman's; a duration such as
    /// 250ms or 1s, milliseconds without a unit)
    #[arg(short = 'i', long, value_name = "DURATION", default_value = "250ms")]
    interval: String,
}

/// `skiff wait`.
pub fn exec(engine: &mut Engine, args: WaitArgs) -> anyhow::Result<i32> {
    let conds = args
        .condition
        .iter()
        .map(|c| StateCondition::parse(c))
        .collect::<Result<Vec<_>, _>>()?;
    let interval = parse_interval(&args.interval)?;
    let names = args.targets.resolve(engine)?;
    super::for_each(&names, |name| {
        let code = if conds.iter().all(|c| *c == StateCondition::Stopped) {
            engine.wait_container(name)?
        } else {
            engine.wait_for_states(name, &conds, interval)?
        };
        println!("{code}");
        Ok(())
    })
}

/// `--interval`: a Go duration, or a number of milliseconds (podman's older form).
fn parse_interval(text: &str) -> anyhow::Result<Duration> {
    let ns = match text.parse::<u64>() {
        Ok(ms) => ms.saturating_mul(1_000_000),
        Err(_) => skiff_libpod::container::time::parse_go_duration(text)
            .and_then(|ns| u64::try_from(ns).ok())
            .with_context(|| {
                format!("invalid --interval {text:?}: give a duration such as 250ms or 2s")
            })?,
    };
    Ok(Duration::from_nanos(ns.max(1_000_000)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_take_durations_or_milliseconds() {
        assert_eq!(parse_interval("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_interval("2s").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_interval("100").unwrap(), Duration::from_millis(100));
        assert_eq!(parse_interval("0").unwrap(), Duration::from_millis(1));
        assert!(parse_interval("-1s").is_err());
        assert!(parse_interval("soon").is_err());
    }
}
