//! `skiff start`: start created or stopped containers.

use clap::Args;
use skiff_libpod::container::attach::AttachStreams;
use skiff_libpod::Engine;

/// Start one or more stopped containers
#[derive(Debug, Args)]
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
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// Containers to start
    #[arg(
        value_name = "CONTAINER",
        required_unless_present = "latest",
        conflicts_with = "latest"
    )]
    containers: Vec<String>,
}

/// `skiff start`: prints each name as given (docker), or attaches to a single container.
pub fn exec(engine: &mut Engine, args: StartArgs) -> anyhow::Result<i32> {
    let select = super::Select::from_flags(false, args.latest, false);
    let containers = super::targets(engine, &args.containers, select)?;
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
    super::for_each(&containers, |name| {
        engine.start_container(name, false)?;
        println!("{name}");
        Ok(())
    })
}
