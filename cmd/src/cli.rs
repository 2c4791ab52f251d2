//! The top-level command: global options and the list of subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use skiff_libpod::{Engine, EngineOptions};

use crate::exit;

/// A daemonless, rootless container engine with docker's command line.
#[derive(Debug, Parser)]
#[command(
    name = "skiff",
    version,
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Options that apply to every command.
    #[command(flatten)]
    pub global: GlobalOpts,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before (or after) any subcommand, as podman's.
#[derive(Debug, clap::Args)]
pub struct GlobalOpts {
    /// Directory for persistent state (images, containers, the catalog)
    #[arg(long, global = true, value_name = "DIR", env = "SKIFF_ROOT")]
    pub root: Option<PathBuf>,
    /// Directory for runtime state (pid files, sockets)
    #[arg(long, global = true, value_name = "DIR", env = "SKIFF_RUNROOT")]
    pub runroot: Option<PathBuf>,
    /// Log level for skiff's own diagnostics (error, warn, info, debug, trace)
    #[arg(long, global = true, value_name = "LEVEL", default_value = "warn")]
    pub log_level: String,
}

/// Every skiff command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the skiff version
    Version,
    // Container and volume commands (container engineer's block).
    /// Container verbs at the top level: run, create, start, stop, ps, logs, inspect...
    #[command(flatten)]
    ContainerVerb(crate::container::ContainerVerb),
    /// Manage containers
    #[command(subcommand)]
    Container(crate::container::ContainerGroup),
    /// Manage volumes
    #[command(subcommand)]
    Volume(crate::volume::VolumeCmd),
    // Image commands (image engineer's block).
    /// Image verbs at the top level: images, tag, save, load
    #[command(flatten)]
    ImageVerb(crate::image::ImageVerb),
    /// Manage images
    #[command(subcommand)]
    Image(crate::image::ImageGroup),
}

/// Parses argv, runs the command and turns its outcome into an exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ENGINE_ERROR
            } else {
                0
            };
            let _ = e.print();
            return code;
        }
    };
    init_logging(&cli.global.log_level);
    let mut engine = Engine::new(EngineOptions {
        root: cli.global.root.clone(),
        runroot: cli.global.runroot.clone(),
    });
    match dispatch(&mut engine, cli.command) {
        Ok(code) => code,
        Err(err) => {
            exit::report(&err);
            exit::code_for(&err)
        }
    }
}

fn init_logging(level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .init();
}

fn dispatch(_engine: &mut Engine, command: Command) -> anyhow::Result<i32> {
    match command {
        Command::Version => {
            println!("skiff version {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        // Container and volume commands (container engineer's block).
        Command::ContainerVerb(v) => crate::container::dispatch(_engine, v),
        Command::Container(g) => crate::container::dispatch_group(_engine, g),
        Command::Volume(v) => crate::volume::dispatch(_engine, v),
        // Image commands (image engineer's block).
        Command::ImageVerb(v) => crate::image::dispatch(_engine, v),
        Command::Image(g) => crate::image::dispatch_group(_engine, g),
    }
}
