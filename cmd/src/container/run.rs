//! `skiff run`: create and start a container; attached unless `-d`.

use clap::Args;
use skiff_libpod::container::attach::{relay, AttachEnd};
use skiff_libpod::Engine;

use super::create::{create, CreateFlags};

/// Create and run a new container from an image (or a --rootfs directory)
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Run the container in the background and print its id
    #[arg(short = 'd', long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    detach: bool,
    #[command(flatten)]
    flags: CreateFlags,
}

impl RunArgs {
    /// IMAGE and the command after it, as parsed (COMMAND alone with --rootfs).
    pub fn image_and_command(&self) -> &[String] {
        &self.flags.args
    }
}

/// Starts `id` attached (or detached) and returns the exit code to leave with.
pub fn start_attached(
    engine: &mut Engine,
    id: &str,
    tty: bool,
    stdin: bool,
) -> anyhow::Result<i32> {
    let Some(started) = engine.start_container(id, true)? else {
        anyhow::bail!("container {id} is already running");
    };
    let id = started.id.clone();
    match relay(started, tty, stdin)? {
        AttachEnd::Exited(code) => Ok(code),
        AttachEnd::Detached => Ok(0),
        AttachEnd::Lost => match engine.refreshed_container(&id)? {
            Some(rec) => Ok(rec.exit_code),
            None => {
                anyhow::bail!("the container's monitor exited without reporting the exit status")
            }
        },
    }
}

/// `skiff run`.
pub fn exec(engine: &mut Engine, args: RunArgs) -> anyhow::Result<i32> {
    let rec = create(engine, &args.flags)?;
    if args.detach {
        engine.start_container(&rec.id, false)?;
        println!("{}", rec.id);
        return Ok(0);
    }
    start_attached(engine, &rec.id, args.flags.tty, args.flags.interactive)
}
