//! `skiff exec`: run a command in a running container.

use std::os::fd::AsFd;
use std::path::PathBuf;

use clap::Args;
use skiff_libpod::container::detach_keys::DetachKeys;
use skiff_libpod::container::exec::{ExecOptions, ExecStdio};
use skiff_libpod::container::options::{check_env, expand_env, read_env_files};
use skiff_libpod::Engine;

/// Execute a command in a running container
#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Run the command in the background
    #[arg(short = 'd', long)]
    detach: bool,
    /// Set environment variables (KEY=VALUE, or KEY to copy it from this environment)
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long = "env-file", value_name = "FILE")]
    env_file: Vec<PathBuf>,
    /// Keep STDIN open and connected to the command
    #[arg(short = 'i', long)]
    interactive: bool,
    /// Give the command all capabilities and no seccomp filter
    #[arg(long)]
    privileged: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    tty: bool,
    /// Override the key sequence for detaching from the command's tty (docker's notation, e.g. ctrl-p,ctrl-q)
    #[arg(long = "detach-keys", value_name = "KEYS")]
    detach_keys: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short = 'u', long, value_name = "USER")]
    user: Option<String>,
    /// Working directory inside the container
    #[arg(short = 'w', long, value_name = "DIR")]
    workdir: Option<String>,
    /// Run in the most recently created container (podman's); the arguments are then the command
    #[arg(short = 'l', long)]
    latest: bool,
    /// Pass this many more of your descriptors, 3 to 2+N, to the process (podman's)
    #[arg(long = "preserve-fds", value_name = "N", default_value_t = 0)]
    preserve_fds: u32,
    /// The container
    #[arg(value_name = "CONTAINER")]
    container: String,
    /// The command and its arguments
    #[arg(value_name = "COMMAND", trailing_var_arg = true, allow_hyphen_values = true, required_unless_present = "latest", num_args = 1..)]
    cmd: Vec<String>,
}

/// `skiff exec`: exits with the command's status (126/127 when it cannot run, 125 on errors).
pub fn exec(engine: &mut Engine, mut args: ExecArgs) -> anyhow::Result<i32> {
    // First, before skiff opens anything of its own.
    super::passed_fds::check_preserved_fds(args.preserve_fds)?;
    if args.latest {
        let latest = super::targets::one(engine, true, None)?;
        let first = std::mem::replace(&mut args.container, latest);
        args.cmd.insert(0, first);
    }
    if !args.detach && args.tty && args.interactive && super::attach::no_terminal() {
        eprintln!("{}", super::attach::NOT_A_TTY);
        return Ok(1);
    }
    // It may re-execute this process: before any input (an --env-file pipe) is read.
    engine.protect_exec(&args.container)?;
    let detach_keys = match &args.detach_keys {
        Some(spec) => DetachKeys::parse(spec)?,
        None => DetachKeys::default(),
    };
    let mut env = read_env_files(&args.env_file)?;
    for e in &args.env {
        check_env(e)?;
    }
    // Docker copies a bare KEY from the caller's environment, and drops it when unset.
    env.extend(args.env.iter().filter_map(|e| expand_env(e)));
    let opts = ExecOptions {
        cmd: args.cmd,
        env,
        user: args.user,
        workdir: args.workdir,
        tty: args.tty,
        interactive: args.interactive,
        detach: args.detach,
        privileged: args.privileged,
        detach_keys,
        preserve_fds: args.preserve_fds,
        console_size: None,
    };
    let (stdin, stdout, stderr) = (std::io::stdin(), std::io::stdout(), std::io::stderr());
    let io = ExecStdio {
        stdin: stdin.as_fd(),
        stdout: stdout.as_fd(),
        stderr: stderr.as_fd(),
        terminal: Some(stdin.as_fd()),
    };
    Ok(engine.exec_container(&args.container, &opts, io)?)
}
