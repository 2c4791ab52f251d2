//! `skiff update`: change the resource limits (and restart policy) of containers.

use clap::Args;
use skiff_libpod::Engine;

/// Update the configuration of one or more containers
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The limits to change
    #[command(flatten)]
    resources: super::resources::ResourceFlags,
    /// Device limits and swappiness (podman's)
    #[command(flatten)]
    devices: super::resources::DeviceLimitFlags,
    /// Restart policy to apply when a container exits (no, on-failure[:N], always, unless-stopped)
    #[arg(long, value_name = "POLICY")]
    restart: Option<String>,
    /// Containers to update
    #[arg(value_name = "CONTAINER", required = true)]
    containers: Vec<String>,
}

/// `skiff update`: prints each name or id as given, as docker does.
pub fn exec(engine: &mut Engine, args: UpdateArgs) -> anyhow::Result<i32> {
    let opts = args.devices.options(&args.resources)?;
    if args.restart.is_none() && opts == Default::default() {
        anyhow::bail!(
            "you must provide one or more flags when using this command: the limits to change \
             (--memory, --cpus, --pids-limit...) or --restart"
        );
    }
    super::resources::warn_discarded(&opts);
    super::for_each(&args.containers, |name| {
        engine.update_container(name, &opts, args.restart.as_deref())?;
        println!("{name}");
        Ok(())
    })
}
