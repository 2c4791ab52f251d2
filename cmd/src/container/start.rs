//! `skiff start`: start created or stopped containers.

use clap::Args;
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
    /// Containers to start
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// `skiff start`: prints each name as given (docker), or attaches to a single container.
pub fn exec(engine: &mut Engine, args: StartArgs) -> anyhow::Result<i32> {
    if args.attach || args.interactive {
        if args.containers.len() != 1 {
            anyhow::bail!("you cannot start and attach multiple containers at once");
        }
        let rec = engine.lookup_container(&args.containers[0])?;
        let stdin = args.interactive && rec.config.open_stdin;
        return super::run::start_attached(engine, &rec.id, rec.config.tty, stdin);
    }
    super::for_each(&args.containers, |name| {
        engine.start_container(name, false)?;
        println!("{name}");
        Ok(())
    })
}
