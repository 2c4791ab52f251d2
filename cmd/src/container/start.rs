//! `skiff start`: start created or stopped containers.

use clap::Args;
use skiff_libpod::container::attach::AttachStreams;
use skiff_libpod::Engine;

use super::targets::LatestOrNamed;
use crate::objects::reword;

/// Start one or more stopped containers
#[derive(Debug, Args)]
#[command(
    mut_args(reword("containers", "Containers to start")),
    mut_args(|a| match a.get_id() == "containers" {
        true => a.required_unless_present("all").conflicts_with("all"),
        false => a,
    })
)]
pub struct StartArgs {
    /// Attach to the container's output and wait for it to exit
    #[arg(short = 'a', long)]
    attach: bool,
    /// Attach the container's STDIN
    #[arg(short = 'i', long)]
    interactive: bool,
    /// Override the key sequence for detaching a container (docker's notation, e.g. ctrl-p,ctrl-q)
    #[arg(long = "detach-keys", value_name = "KEYS")]
    detach_keys: Option<String>,
    /// Proxy received signals to the process (attached, without a tty)
    #[arg(long = "sig-proxy", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    sig_proxy: bool,
    /// Start every container that is not running (podman)
    #[arg(long, conflicts_with_all = ["latest", "attach", "interactive"])]
    all: bool,
    /// Start only the containers that match (ps's filters, e.g. restart-policy=always)
    #[arg(short = 'f', long, value_name = "FILTER")]
    filter: Vec<String>,
    #[command(flatten)]
    targets: LatestOrNamed,
}

/// `skiff start`: prints each name as given (docker), or attaches to a single container.
pub fn exec(engine: &mut Engine, args: StartArgs) -> anyhow::Result<i32> {
    let containers = if args.all {
        stopped_matching(engine, &args.filter)?
    } else if args.filter.is_empty() {
        args.targets.resolve(engine)?
    } else {
        let matching = stopped_matching(engine, &args.filter)?;
        args.targets
            .resolve(engine)?
            .into_iter()
            .filter(|n| {
                engine
                    .lookup_container(n)
                    .is_ok_and(|c| matching.contains(&c.id))
            })
            .collect()
    };
    if args.attach || args.interactive {
        if containers.len() != 1 {
            anyhow::bail!("you cannot start and attach multiple containers at once");
        }
        let rec = engine.lookup_container(&containers[0])?;
        let attach = super::attach::Attach::new(args.detach_keys.as_deref(), args.sig_proxy)?;
        // docker's `start -a` shows stdout and stderr whatever `create -a` chose; `-i` gives
        // the input to a container created with -i.
        let streams = AttachStreams {
            stdin: args.interactive && rec.config.open_stdin,
            ..AttachStreams::default()
        };
        return super::attach::start_attached(engine, &rec.id, &attach.streams(streams));
    }
    super::for_each_echo(&containers, false, |name| {
        engine.start_container(name, false)
    })
}

/// The full ids of the containers that are not running and match `filters`, oldest first, as
/// `start --all` starts them (what skiff-restart.service runs at boot). podman's rule: the
/// filters also narrow the containers named on the command line.
fn stopped_matching(engine: &mut Engine, filters: &[String]) -> anyhow::Result<Vec<String>> {
    let filters = engine.container_filters(filters)?;
    let mut list = engine.list_container_views()?;
    engine.retain_filtered(&mut list, &filters)?;
    Ok(list
        .into_iter()
        .rev()
        .filter(|c| !c.state.is_active())
        .map(|c| c.id)
        .collect())
}
