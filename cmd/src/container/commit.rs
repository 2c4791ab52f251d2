//! `skiff commit`: a new image from a container's changes.

use anyhow::Context;
use clap::Args;
use skiff_libpod::container::commit::CommitOptions;
use skiff_libpod::image::manifest_type::ManifestType;
use skiff_libpod::Engine;

/// Create a new image from a container's changes
#[derive(Debug, Args)]
pub struct CommitArgs {
    /// Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")
    #[arg(short = 'a', long)]
    author: Option<String>,
    /// Apply Dockerfile instruction to the created image (CMD, ENTRYPOINT, ENV, EXPOSE,
    /// HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR), read as a Dockerfile line
    #[arg(short = 'c', long = "change", value_name = "INSTRUCTION")]
    change: Vec<String>,
    /// Commit message
    #[arg(short = 'm', long)]
    message: Option<String>,
    /// Pause the container while its changes are read (where it has a cgroup of its own)
    #[arg(short = 'p', long, num_args = 0..=1, default_value = "true", default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set)]
    pause: bool,
    /// Suppress output
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Write the new image's id to this file (podman's)
    #[arg(long, value_name = "FILE")]
    iidfile: Option<std::path::PathBuf>,
    /// Squash all the image's layers, the base image's too, into one (podman's)
    #[arg(short = 's', long)]
    squash: bool,
    /// Make the container's volumes (-v, --mount; not tmpfs) the image's volumes (podman's)
    #[arg(long)]
    include_volumes: bool,
    /// The image's manifest type: oci (the default) or docker (podman's)
    #[arg(short = 'f', long, value_name = "FORMAT")]
    format: Option<String>,
    /// The container
    container: String,
    /// The new image's name, REPOSITORY[:TAG]
    reference: Option<String>,
}

/// `skiff commit`: prints the new image's id as docker does (`sha256:...`).
pub fn exec(engine: &mut Engine, args: CommitArgs) -> anyhow::Result<i32> {
    let opts = CommitOptions {
        author: args.author.unwrap_or_default(),
        message: args.message.unwrap_or_default(),
        changes: args.change,
        pause: args.pause,
        squash: args.squash,
        include_volumes: args.include_volumes,
        manifest_type: args
            .format
            .as_deref()
            .map(ManifestType::parse)
            .transpose()?,
    };
    let id = engine.commit_container(&args.container, args.reference.as_deref(), &opts)?;
    // podman's -q hides progress, of which skiff prints none: the id is printed either way.
    let _ = args.quiet;
    if let Some(file) = &args.iidfile {
        std::fs::write(file, format!("sha256:{id}"))
            .with_context(|| format!("writing --iidfile {}", file.display()))?;
    }
    println!("sha256:{id}");
    Ok(0)
}
