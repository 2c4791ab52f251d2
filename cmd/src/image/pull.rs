//! `skiff pull [-q] [-a] [--platform os/arch[/variant]] [--tls-verify=false] NAME`.

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
    /// Pull every tagged image of the repository
    #[arg(short = 'a', long)]
    all_tags: bool,
    /// Pull the image for this platform (os/arch[/variant]) instead of the host's
    #[arg(long)]
    platform: Option<String>,
    /// Require HTTPS and verify certificates (false allows plain HTTP and unverified certificates)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
    /// Skip image verification: the default, as skiff verifies no signatures (false is refused)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    disable_content_trust: Option<bool>,
    #[command(flatten)]
    platform_parts: PlatformParts,
    #[command(flatten)]
    authfile: super::login::AuthFile,
    #[command(flatten)]
    retry: super::retry::RetryFlags,
    #[command(flatten)]
    cert_dir: super::login::CertDirFlag,
    #[command(flatten)]
    creds: super::login::CredsFlag,
    /// The image: NAME[:TAG|@DIGEST]; short names are resolved through registries.conf
    name: String,
}

/// podman's `--arch`, `--os` and `--variant`: the platform given in parts, the host's for the
/// parts left out.
#[derive(Debug, Clone, Args)]
pub struct PlatformParts {
    /// Use this architecture instead of the host's (podman's; --platform in parts)
    #[arg(long, value_name = "ARCH", conflicts_with = "platform")]
    pub arch: Option<String>,
    /// Use this operating system instead of the host's (podman's)
    #[arg(long, value_name = "OS", conflicts_with = "platform")]
    pub os: Option<String>,
    /// Use this architecture variant (podman's)
    #[arg(long, value_name = "VARIANT", conflicts_with = "platform")]
    pub variant: Option<String>,
}

impl PlatformParts {
    /// The platform the parts name, or `platform` when none is given.
    pub fn or(&self, platform: Option<String>) -> Option<String> {
        if self.arch.is_none() && self.os.is_none() && self.variant.is_none() {
            return platform;
        }
        let host = skiff_libpod::image::manifest::Platform::host();
        let os = self.os.clone().unwrap_or(host.os);
        let arch = self.arch.clone().unwrap_or(host.architecture);
        Some(match &self.variant {
            Some(v) => format!("{os}/{arch}/{v}"),
            None => format!("{os}/{arch}"),
        })
    }
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
    engine.enter_userns()?;
    let progress = pull_progress(quiet);
    engine
        .pull(name, req, progress.as_ref())
        .with_context(|| format!("pulling {name}"))
}

/// Pulls `name` (as [`pull_with_progress`], with the request `req` makes) only when no stored
/// image has that name; shared by `pod create --infra-image` and `container runlabel`.
pub fn pull_if_missing(
    engine: &mut Engine,
    name: &str,
    quiet: bool,
    req: impl FnOnce() -> anyhow::Result<PullRequest>,
) -> anyhow::Result<()> {
    match engine.resolve_image(name) {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => {
            pull_with_progress(engine, name, quiet, &req()?)?;
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// Pulls the image; prints docker's status lines and its full reference, or with `-q` its id.
pub fn exec(engine: &mut Engine, args: PullArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    args.retry.apply()?;
    args.cert_dir.apply()?;
    skiff_libpod::container::compat_flags::check_content_trust(args.disable_content_trust)?;
    let req = PullRequest {
        platform: args.platform_parts.or(args.platform.clone()),
        tls_verify: args.tls_verify,
        credentials: args.creds.given()?,
    };
    if args.all_tags {
        return pull_all_tags(engine, &args, &req);
    }
    // What the name stood for before: docker's status tells a pull that changed it from one
    // that found it up to date (scripts decide on that whether to redeploy).
    let before = engine.resolve_image(&args.name).ok();
    let image = pull_with_progress(engine, &args.name, args.quiet, &req)?;
    if args.quiet {
        println!("sha256:{}", image.id);
        return Ok(0);
    }
    print_digest(&image);
    // The name as docker's status shows it (`busybox:latest`).
    let name = skiff_libpod::image::inspect::familiar(&args.name);
    match image.unchanged_since(before.as_ref()) {
        true => println!("Status: Image is up to date for {name}"),
        false => println!("Status: Downloaded newer image for {name}"),
    }
    // docker's last line: the full reference (`$(docker pull X | tail -1)`).
    match image.pulled_reference(&args.name) {
        Some(reference) => println!("{reference}"),
        None => println!("sha256:{}", image.id),
    }
    Ok(0)
}

/// `Digest: sha256:...` of the image's first repository digest.
fn print_digest(image: &ImageRecord) {
    if let Some(d) = image.digests.first() {
        let digest = d.rsplit_once('@').map_or(d.as_str(), |(_, d)| d);
        println!("Digest: {digest}");
    }
}

/// `pull -a`: every tag the registry lists, one after the other, as docker reports it (the
/// ids only with `-q`).
fn pull_all_tags(engine: &mut Engine, args: &PullArgs, req: &PullRequest) -> anyhow::Result<i32> {
    engine.enter_userns()?;
    let remote = engine
        .remote_tags(&args.name, req.tls_verify, &req.credentials)
        .with_context(|| format!("listing the tags of {}", args.name))?;
    if remote.tags.is_empty() {
        anyhow::bail!("{} has no tags to pull", remote.repository);
    }
    for tag in &remote.tags {
        let name = format!("{}:{tag}", remote.repository);
        if !args.quiet {
            println!("{tag}: Pulling from {}", remote.repository);
        }
        let image = pull_with_progress(engine, &name, args.quiet, req)?;
        if args.quiet {
            println!("sha256:{}", image.id);
        } else {
            print_digest(&image);
        }
    }
    if !args.quiet {
        println!("Status: Downloaded images for {}", remote.repository);
        println!("{}", remote.repository);
    }
    Ok(0)
}
