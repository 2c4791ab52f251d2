//! `skiff container runlabel LABEL IMAGE [ARG...]` (podman's): runs on the host the command
//! an image's label describes (see [`skiff_libpod::container::runlabel`]); a `docker` or
//! `podman` command runs this skiff, on the same store. For trusted images only, as podman
//! warns: the label runs as the caller.

use std::process::Command;

use anyhow::Context;
use clap::Args;
use skiff_libpod::container::runlabel::{default_name, label_command, Placeholders};
use skiff_libpod::Engine;

/// `container runlabel` arguments.
#[derive(Debug, Args)]
pub struct RunlabelArgs {
    /// Print the command the label would run, and run nothing
    #[arg(long)]
    display: bool,
    /// The container name NAME stands for (default: the image's repository's last part)
    #[arg(short = 'n', long, value_name = "NAME")]
    name: Option<String>,
    /// Pull a missing image without progress output
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Remove (force) a container already named NAME first
    #[arg(long)]
    replace: bool,
    #[command(flatten)]
    registry: crate::image::login::RegistryFlags,
    /// The label whose value is the command (RUN, INSTALL, ...)
    #[arg(value_name = "LABEL")]
    label: String,
    /// The image (pulled when missing)
    #[arg(value_name = "IMAGE")]
    image: String,
    /// Arguments appended to the command
    #[arg(
        value_name = "ARG",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
}

/// Runs the label's command; returns its exit code.
pub fn exec(engine: &mut Engine, args: RunlabelArgs) -> anyhow::Result<i32> {
    args.registry.apply()?;
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| default_name(&args.image));
    // Before a pull enters the user namespace: the kill must come from the caller.
    if args.replace && !args.display {
        engine.remove_named(&name)?;
    }
    crate::image::pull::pull_if_missing(engine, &args.image, args.quiet, || {
        args.registry.pull_request()
    })?;
    let value = engine.image_label(&args.image, &args.label)?.with_context(|| {
        format!(
            "cannot find the value of label: {} in image: {} (see its labels with `skiff image inspect --format '{{{{json .Labels}}}}' {}`)",
            args.label, args.image, args.image
        )
    })?;
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| default_name(&args.image));
    let pwd = std::env::current_dir().context("reading the working directory")?;
    let values = Placeholders {
        image: &args.image,
        name: &name,
        pwd: &pwd.to_string_lossy(),
    };
    let command = label_command(&value, values, &args.args).with_context(|| {
        format!(
            "label {} of image {}: {value:?} is no command (empty, or a quote left open)",
            args.label, args.image
        )
    })?;
    if args.display {
        let program = command.engine.then_some("skiff");
        let words: Vec<&str> = program
            .into_iter()
            .chain(command.words.iter().map(String::as_str))
            .collect();
        println!("command: {}", words.join(" "));
        return Ok(0);
    }
    let mut process = match command.engine {
        true => {
            let exe = std::env::current_exe().context("finding skiff's own executable")?;
            let paths = engine.paths();
            let mut c = Command::new(exe);
            c.arg("--root").arg(&paths.root);
            c.arg("--runroot").arg(&paths.runroot);
            c.args(&command.words);
            c
        }
        false => {
            let mut c = Command::new(&command.words[0]);
            c.args(&command.words[1..]);
            c
        }
    };
    let status = match process.status() {
        Ok(status) => status,
        Err(e) => {
            let code = match e.kind() {
                std::io::ErrorKind::NotFound => 127,
                std::io::ErrorKind::PermissionDenied => 126,
                _ => 125,
            };
            eprintln!(
                "Error: running the command of label {}: {}: {e}",
                args.label, command.words[0]
            );
            return Ok(code);
        }
    };
    use std::os::unix::process::ExitStatusExt;
    Ok(status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0)))
}
