//! `skiff pull [-q] [--platform os/arch[/variant]] [--tls-verify=false] NAME`.

use anyhow::Context;
use clap::Args;
use skiff_libpod::image::pull::PullRequest;
use skiff_libpod::image::record::ImageRecord;
use skiff_libpod::Engine;

use crate::progress::pull_progress;

/// `pull` flags.
#[derive(Debug, Args)]
pub struct PullArgs {
    /// Print only the image id
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Pull the image for this platform (os/arch[/variant]) instead of the host's
    #[arg(long)]
    platform: Option<String>,
    /// Require HTTPS and verify certificates (false allows plain HTTP)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
    /// The image: NAME[:TAG|@DIGEST]; short names are resolved through registries.conf
    name: String,
}

/// Pulls `name` with progress bars on stderr (none when `quiet`); shared by `pull`, `run` and
/// `create`.
pub fn pull_with_progress(
    engine: &mut Engine,
    name: &str,
    quiet: bool,
    req: &PullRequest,
) -> anyhow::Result<ImageRecord> {
    // Before the progress bars, which may start a drawing thread: entering the user
    // namespace needs a single-threaded process.
    engine.enter_image_userns()?;
    let progress = pull_progress(quiet);
    engine
        .pull(name, req, progress.as_ref())
        .with_context(|| format!("pulling {name}"))
}

/// Pulls the image and prints its id (with a docker-style status line unless `-q`).
pub fn exec(engine: &mut Engine, args: PullArgs) -> anyhow::Result<i32> {
    let req = PullRequest {
        platform: args.platform.clone(),
        tls_verify: args.tls_verify,
    };
    let image = pull_with_progress(engine, &args.name, args.quiet, &req)?;
    if !args.quiet {
        if let Some(d) = image.digests.first() {
            let digest = d.rsplit_once('@').map_or(d.as_str(), |(_, d)| d);
            println!("Digest: {digest}");
        }
    }
    println!("sha256:{}", image.id);
    Ok(0)
}
