//! `skiff build`: an image from a Containerfile/Dockerfile and a context directory.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{bail, Context as _};
use clap::Args;
use skiff_libpod::build::context::{is_archive, UnpackedContext};
use skiff_libpod::build::{BuildOptions, Squash};
use skiff_libpod::image::login::GivenCredentials;
use skiff_libpod::image::manifest_type::ManifestType;
use skiff_libpod::image::pull::{NoProgress, PullPolicy};
use skiff_libpod::image::push::PushRequest;
use skiff_libpod::Engine;

use super::build_output::BuildOutput;

/// Build an image from a Containerfile or Dockerfile
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    authfile: super::login::AuthFile,
    #[command(flatten)]
    retry: super::retry::RetryFlags,
    #[command(flatten)]
    cert_dir: super::login::CertDirFlag,
    #[command(flatten)]
    creds: super::login::CredsFlag,
    /// Name and optionally a tag for the image (NAME[:TAG]); repeatable
    #[arg(short = 't', long = "tag", value_name = "NAME")]
    tags: Vec<String>,
    /// The Containerfile/Dockerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile); - reads it from STDIN
    #[arg(short = 'f', long = "file", value_name = "PATH")]
    file: Option<String>,
    /// Build the stage of this name (default: the last)
    #[arg(long, value_name = "STAGE")]
    target: Option<String>,
    /// Set a build-time variable (NAME=VALUE, or NAME to take it from the environment)
    #[arg(long = "build-arg", value_name = "NAME[=VALUE]")]
    build_args: Vec<String>,
    /// Set a label on the image (KEY=VALUE)
    #[arg(long = "label", value_name = "KEY=VALUE")]
    labels: Vec<String>,
    /// Do not use the cache: run every step
    #[arg(long = "no-cache")]
    no_cache: bool,
    /// Pull FROM images: always (bare --pull), missing (the default), newer or never
    #[arg(long, value_name = "POLICY", num_args = 0..=1, require_equals = true, default_value = "missing", default_missing_value = "always")]
    pull: String,
    /// Print only the image id (sha256:...)
    #[arg(short = 'q', long)]
    quiet: bool,
    /// A secret for RUN --mount=type=secret: id=ID,src=FILE (or env=VAR)
    #[arg(long = "secret", value_name = "id=ID,src=PATH")]
    secrets: Vec<String>,
    /// An SSH agent for RUN --mount=type=ssh: default (your $SSH_AUTH_SOCK), or ID=SOCKET
    #[arg(long, value_name = "default|ID[=SOCKET]")]
    ssh: Vec<String>,
    /// Network for RUN steps (default: the default network; none, host)
    #[arg(long, value_name = "MODE")]
    network: Option<String>,
    /// Write the image id (sha256:...) to this file
    #[arg(long, value_name = "FILE")]
    iidfile: Option<PathBuf>,
    /// Platform of FROM images without one (os/arch[/variant])
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// The builder instance to build with (docker's; skiff has one: default)
    #[arg(long, value_name = "NAME")]
    builder: Option<String>,
    /// Require HTTPS and verify certificates when pulling
    #[arg(long = "tls-verify", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    tls_verify: Option<bool>,
    /// Output style: auto, plain, tty or quiet (quiet is -q)
    #[arg(long, value_name = "TYPE")]
    progress: Option<String>,
    /// Remove intermediate containers after a build (always done; accepted for docker)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    rm: Option<bool>,
    /// Remove intermediate containers even after a failed build (always done; accepted for docker)
    #[arg(long = "force-rm", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    force_rm: Option<bool>,
    /// Keep a cached image for each step (always done; accepted for podman)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    layers: Option<bool>,
    /// A registry repository whose REPO:KEY images serve steps missing from the local cache
    /// (also buildx's type=registry,ref=REPO)
    #[arg(long = "cache-from", value_name = "REPO", value_parser = cache_repository)]
    cache_from: Vec<String>,
    /// A registry repository to push every step's image to as REPO:KEY (also buildx's
    /// type=registry,ref=REPO)
    #[arg(long = "cache-to", value_name = "REPO", value_parser = cache_repository)]
    cache_to: Vec<String>,
    /// Where the result goes besides the local store (buildx's): type=docker|image|registry|oci|tar|local[,dest=PATH][,push=true], a directory, or - for a tar of its files on STDOUT
    #[arg(short = 'o', long, value_name = "SPEC", value_parser = super::build_output::parse_output)]
    output: Option<BuildOutput>,
    /// Push every -t name after the build (buildx's; --output type=registry)
    #[arg(long, conflicts_with = "output")]
    push: bool,
    /// Keep the result in the local store (buildx's; always done)
    #[arg(long)]
    load: bool,
    /// Provenance attestation (buildx's): skiff's builds make none; a value other than false is ignored with a warning
    #[arg(long, value_name = "BOOL|SPEC", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    provenance: Option<String>,
    /// SBOM attestation (buildx's): skiff's builds make none; a value other than false is ignored with a warning
    #[arg(long, value_name = "BOOL|SPEC", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    sbom: Option<String>,
    /// How RUN steps' containers are set up
    #[command(flatten)]
    steps: super::build_steps::StepFlags,
    #[command(flatten)]
    platform_parts: super::pull::PlatformParts,
    /// Use this image for the first FROM instead of the one it names (podman's)
    #[arg(long, value_name = "IMAGE")]
    from: Option<String>,
    /// Leave the history out of the image (podman's)
    #[arg(long = "omit-history")]
    omit_history: bool,
    /// Squash the layers the build makes into one, over the base image's (podman's; docker's
    /// experimental one)
    #[arg(long, conflicts_with = "squash_all")]
    squash: bool,
    /// Squash all the image's layers, the base image's too, into one (podman's)
    #[arg(long = "squash-all")]
    squash_all: bool,
    /// The result's required OS version (os.version), instead of the base image's (podman's)
    #[arg(long = "os-version", value_name = "VERSION")]
    os_version: Option<String>,
    /// A required OS feature (os.features) added to the base image's; FEATURE- takes one off (podman's)
    #[arg(long = "os-feature", value_name = "FEATURE")]
    os_feature: Vec<String>,
    /// Add the image to this manifest list, made first when there is none (podman's)
    #[arg(long, value_name = "LIST")]
    manifest: Option<String>,
    /// An additional build context, NAME=DIRECTORY or NAME=docker-image://IMAGE, that FROM NAME,
    /// COPY --from=NAME and RUN --mount=from=NAME use instead of a stage or image of that name
    #[arg(long = "build-context", value_name = "NAME=VALUE")]
    build_context: Vec<String>,
    /// Read this ignore file instead of the context's .containerignore or .dockerignore
    /// (podman's; docker reads DOCKERFILE.dockerignore beside a -f DOCKERFILE)
    #[arg(long, value_name = "FILE")]
    ignorefile: Option<PathBuf>,
    /// Build only the stages the target needs (podman's; false builds every stage before it)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_value = "true", default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set)]
    skip_unused_stages: bool,
    /// Add an annotation to the image's manifest, KEY=VALUE (podman's)
    #[arg(long, value_name = "KEY=VALUE")]
    annotation: Vec<String>,
    /// Set the image's creation time and every file's modification time in its layers to
    /// this, in seconds since the epoch, for reproducible builds (podman's)
    #[arg(long, value_name = "SECONDS")]
    timestamp: Option<i64>,
    /// Reuse only cached steps made within this duration, e.g. 1h30m (podman's)
    #[arg(long, value_name = "DURATION")]
    cache_ttl: Option<String>,
    /// Do not compress layers (podman's; skiff stores layers uncompressed and compresses them
    /// when it pushes)
    #[arg(short = 'D', long)]
    disable_compression: bool,
    /// The image's manifest type: oci (the default) or docker (podman's)
    #[arg(long, value_name = "FORMAT", env = "BUILDAH_FORMAT")]
    format: Option<String>,
    /// Give every stage this variable from its FROM on, and the image (podman's; NAME alone
    /// takes it from the environment)
    #[arg(long, value_name = "NAME[=VALUE]")]
    env: Vec<String>,
    /// Leave this variable out of the image (podman's)
    #[arg(long, value_name = "NAME")]
    unsetenv: Vec<String>,
    /// Write the build's output to this file instead of stdout (podman's)
    #[arg(long, value_name = "FILE")]
    logfile: Option<PathBuf>,
    /// How many stages to build at once (podman's; skiff builds them one after the other,
    /// which every value allows)
    #[arg(long, value_name = "N")]
    jobs: Option<u32>,
    /// Add buildah's io.buildah.version label (podman's): skiff never adds it, so every image
    /// is as with false
    #[arg(long = "identity-label", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    identity_label: Option<bool>,
    /// The build context: a directory, or - to read a Dockerfile or a tar context from STDIN
    context: String,
}

/// The repository of `--cache-from`/`--cache-to`: `REPO`, or buildx's
/// `type=registry,ref=REPO[,...]`.
fn cache_repository(s: &str) -> Result<String, String> {
    if !s.contains('=') {
        return Ok(s.to_string());
    }
    let mut repo = None;
    for part in s.split(',') {
        match part.split_once('=') {
            Some(("type", "registry")) => {}
            Some(("type", other)) => {
                return Err(format!(
                    "cache type {other:?} is not supported: use a registry repository (type=registry,ref=REPO)"
                ))
            }
            Some(("ref", r)) => repo = Some(r.to_string()),
            _ => {}
        }
    }
    repo.ok_or_else(|| format!("{s:?} names no repository: give REPO or type=registry,ref=REPO"))
}

/// `--build-arg`s as a map; `NAME` alone takes the value from the environment (and is left
/// out when the environment has none), as docker does.
fn build_args(given: &[String]) -> BTreeMap<String, String> {
    given
        .iter()
        .filter_map(|a| match a.split_once('=') {
            Some((k, v)) => Some((k.to_string(), v.to_string())),
            None => std::env::var(a).ok().map(|v| (a.clone(), v)),
        })
        .collect()
}

/// `--label`s as a map.
fn labels(given: &[String]) -> BTreeMap<String, String> {
    given
        .iter()
        .map(|l| match l.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (l.clone(), String::new()),
        })
        .collect()
}

/// The files `--secret id=ID,env=VAR` wrote a variable's value to: removed when dropped, so
/// no secret stays on disk after the build, however it ends.
struct SecretFiles(Vec<PathBuf>);

impl Drop for SecretFiles {
    fn drop(&mut self) {
        for f in &self.0 {
            let _ = std::fs::remove_file(f);
        }
    }
}

/// `--secret id=ID,src=PATH` (also `source=`, `type=file`, `env=VAR`) as id -> file, with
/// the files written for `env=` ones.
/// `--ssh ID[=SOCKET]`: the agent sockets by id (`ID` alone: the caller's `$SSH_AUTH_SOCK`).
fn ssh_agents(given: &[String]) -> anyhow::Result<BTreeMap<String, PathBuf>> {
    use std::os::unix::fs::FileTypeExt;
    let mut out = BTreeMap::new();
    for s in given {
        let (id, path) = match s.split_once('=') {
            Some((id, path)) => (id, PathBuf::from(path)),
            None => {
                let sock = std::env::var_os("SSH_AUTH_SOCK").with_context(|| {
                    format!("--ssh {s}: SSH_AUTH_SOCK is not set: start an ssh-agent, or give {s}=SOCKET")
                })?;
                (s.as_str(), PathBuf::from(sock))
            }
        };
        if id.is_empty() || id.contains(',') {
            bail!("invalid --ssh {s:?}: use default, ID or ID=SOCKET");
        }
        let meta =
            std::fs::metadata(&path).with_context(|| format!("--ssh {s}: {}", path.display()))?;
        if !meta.file_type().is_socket() {
            bail!(
                "--ssh {s}: {} is not an agent's socket: load the key into an ssh-agent (ssh-add KEY) and give its socket",
                path.display()
            );
        }
        out.insert(id.to_string(), path);
    }
    Ok(out)
}

fn secrets(given: &[String]) -> anyhow::Result<(BTreeMap<String, PathBuf>, SecretFiles)> {
    let mut out = BTreeMap::new();
    let mut written = SecretFiles(Vec::new());
    for s in given {
        let mut id = None;
        let mut src = None;
        for part in s.split(',') {
            match part.split_once('=') {
                Some(("id", v)) => id = Some(v.to_string()),
                Some(("src" | "source", v)) => src = Some(PathBuf::from(v)),
                Some(("type", "file")) => {}
                Some(("env", v)) => {
                    let value = std::env::var(v)
                        .with_context(|| format!("--secret {s}: no environment variable {v}"))?;
                    let file = std::env::temp_dir()
                        .join(format!("skiff-secret-{}-{v}", std::process::id()));
                    written.0.push(file.clone());
                    write_private(&file, value.as_bytes())?;
                    src = Some(file);
                }
                _ => bail!("invalid --secret {s:?}: use id=ID,src=FILE"),
            }
        }
        let id = id.with_context(|| format!("invalid --secret {s:?}: it needs id=ID"))?;
        let src = src.with_context(|| format!("invalid --secret {s:?}: it needs src=FILE"))?;
        if !src.is_file() {
            bail!("--secret {s}: {} is not a readable file", src.display());
        }
        out.insert(id, src);
    }
    Ok((out, written))
}

fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    f.write_all(bytes)?;
    Ok(())
}

/// The context directory and Dockerfile text the arguments name. A temporary context
/// unpacked from STDIN is returned too, to be removed after the build.
fn sources(
    args: &BuildArgs,
) -> anyhow::Result<(Option<PathBuf>, String, String, Option<UnpackedContext>)> {
    if args.context.starts_with("http://")
        || args.context.starts_with("https://")
        || args.context.starts_with("git@")
    {
        bail!("building from a URL is not supported: clone or download it, then `skiff build DIR`");
    }
    let read_stdin = || -> anyhow::Result<Vec<u8>> {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading STDIN")?;
        Ok(buf)
    };
    if args.context == "-" && args.file.as_deref() == Some("-") {
        bail!(
            "can't use STDIN for both the build context and the Dockerfile: give the context as \
             a directory, or put the Dockerfile in the context archive"
        );
    }
    let mut unpacked = None;
    let (context, stdin_text) = if args.context == "-" {
        let input = read_stdin()?;
        if is_archive(&input) {
            let dir =
                UnpackedContext::unpack(&input).context("unpacking the context from STDIN")?;
            let path = dir.dir().to_path_buf();
            unpacked = Some(dir);
            (Some(path), None)
        } else {
            (
                None,
                Some(String::from_utf8(input).context("the Dockerfile on STDIN is not UTF-8")?),
            )
        }
    } else {
        let dir = PathBuf::from(&args.context);
        if !dir.is_dir() {
            bail!("the build context {} is not a directory", dir.display());
        }
        (Some(dir), None)
    };
    let (name, text) = match (&args.file, stdin_text) {
        (_, Some(text)) => ("Dockerfile".to_string(), text),
        (Some(f), None) if f == "-" => {
            let input = read_stdin()?;
            (
                "Dockerfile".to_string(),
                String::from_utf8(input).context("the Dockerfile on STDIN is not UTF-8")?,
            )
        }
        (Some(f), None) => {
            let mut path = PathBuf::from(f);
            if !path.exists() {
                if let Some(ctx) = &context {
                    path = ctx.join(f);
                }
            }
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading the Dockerfile {f}"))?;
            (f.clone(), text)
        }
        (None, None) => {
            let ctx = context.as_ref().expect("a context without STDIN");
            // podman's names, then docker's lower-case fallback.
            let found = ["Containerfile", "Dockerfile", "dockerfile"]
                .iter()
                .map(|n| ctx.join(n))
                .find(|p| p.is_file());
            let Some(path) = found else {
                bail!(
                    "no Containerfile or Dockerfile in {}: write one, or name it with -f",
                    ctx.display()
                );
            };
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            (
                path.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                text,
            )
        }
    };
    Ok((context, name, text, unpacked))
}

/// The ignore file the build reads instead of the context's: `--ignorefile`, or docker's
/// `DOCKERFILE.dockerignore` beside the `-f DOCKERFILE` given (looked for where the
/// Dockerfile was found: as given, else in the context).
fn ignorefile(args: &BuildArgs, context: Option<&std::path::Path>) -> Option<PathBuf> {
    if let Some(file) = &args.ignorefile {
        return Some(file.clone());
    }
    let f = args.file.as_deref().filter(|f| *f != "-")?;
    let given = PathBuf::from(f);
    let path = match (given.exists(), context) {
        (false, Some(ctx)) => ctx.join(f),
        _ => given,
    };
    let mut name = path.into_os_string();
    name.push(".dockerignore");
    Some(PathBuf::from(name)).filter(|p| p.is_file())
}

/// Set by SIGINT or SIGTERM during a build: the running step stops and the build ends.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Catches SIGINT and SIGTERM for the build, so an interrupted build removes its step's
/// container instead of leaving it running.
fn catch_interrupts() -> anyhow::Result<()> {
    use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};
    let action = SigAction::new(
        SigHandler::Handler(on_interrupt),
        SaFlags::empty(),
        SigSet::empty(),
    );
    for sig in [Signal::SIGINT, Signal::SIGTERM] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe { sigaction(sig, &action) }.context("installing the build's signal handler")?;
    }
    Ok(())
}

/// `skiff build`.
pub fn exec(engine: &mut Engine, args: BuildArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    args.retry.apply()?;
    args.cert_dir.apply()?;
    let policy: PullPolicy = args.pull.parse().map_err(anyhow::Error::msg)?;
    let quiet = args.quiet || args.progress.as_deref() == Some("quiet");
    // Accepted for podman's scripts: skiff's layers are stored uncompressed either way.
    let _ = (
        args.rm,
        args.force_rm,
        args.layers,
        args.disable_compression,
    );
    crate::buildx::check_builder(args.builder.as_deref())?;
    if args.cache_to.len() > 1 {
        anyhow::bail!("give --cache-to once: one repository keeps the build cache");
    }
    let steps = args.steps.settings()?;
    let output = match (&args.output, args.push) {
        (Some(o), _) => o.clone(),
        (None, true) => BuildOutput::Push,
        (None, false) => BuildOutput::Store,
    };
    super::build_output::check(&output, &args.tags)?;
    let _ = args.load;
    for (flag, value) in [("provenance", &args.provenance), ("sbom", &args.sbom)] {
        if value
            .as_deref()
            .is_some_and(|v| !matches!(v, "false" | "0"))
        {
            eprintln!("WARNING: skiff's builds make no attestations: --{flag} is ignored");
        }
    }
    // A tar of the files on STDOUT leaves STDOUT to it: the build reports on STDERR.
    let stdout_taken = output == (BuildOutput::Tar { dest: "-".into() });
    let (context, dockerfile_name, dockerfile, _unpacked) = sources(&args)?;
    let ignore_file = ignorefile(&args, context.as_deref());
    let (secrets, _secret_files) = secrets(&args.secrets)?;
    let credentials = args.creds.credentials()?;
    let opts = BuildOptions {
        context,
        dockerfile,
        dockerfile_name,
        tags: args.tags.clone(),
        target: args.target.clone(),
        build_args: build_args(&args.build_args),
        labels: labels(&args.labels),
        no_cache: args.no_cache,
        pull: policy,
        network: args.network.clone(),
        platform: args.platform_parts.or(args.platform.clone()),
        tls_verify: args.tls_verify,
        loopback_plain_http: false,
        credentials: GivenCredentials {
            any: credentials.clone(),
            by_registry: Vec::new(),
        },
        secrets,
        ssh: ssh_agents(&args.ssh)?,
        cache_from: args.cache_from.clone(),
        cache_to: args.cache_to.first().cloned(),
        steps,
        from: args.from.clone(),
        omit_history: args.omit_history,
        squash: match (args.squash, args.squash_all) {
            (_, true) => Squash::All,
            (true, _) => Squash::NewLayers,
            _ => Squash::None,
        },
        env: args
            .env
            .iter()
            .filter_map(|e| skiff_libpod::container::options::expand_env(e))
            .collect(),
        unsetenv: args.unsetenv.clone(),
        os_version: args.os_version.clone(),
        os_features: args.os_feature.clone(),
        build_contexts: args
            .build_context
            .iter()
            .map(|spec| skiff_libpod::build::named::parse(spec))
            .collect::<Result<_, _>>()?,
        ignorefile: ignore_file,
        build_unused_stages: !args.skip_unused_stages,
        timestamp: args.timestamp,
        annotations: crate::objects::pairs(&args.annotation, "--annotation")?,
        cache_ttl_secs: match &args.cache_ttl {
            None => None,
            Some(d) => Some(
                skiff_libpod::container::time::parse_go_duration(d)
                    .filter(|ns| *ns >= 0)
                    .map(|ns| (ns / 1_000_000_000) as u64)
                    .with_context(|| format!("--cache-ttl {d}: give a duration like 30m or 2h"))?,
            ),
        },
        manifest_type: args
            .format
            .as_deref()
            .map(ManifestType::parse)
            .transpose()?,
    };
    // Before the progress bars and anything else that may start a thread.
    engine.enter_userns()?;
    catch_interrupts()?;
    let interrupted = || INTERRUPTED.load(Ordering::SeqCst);
    let progress = crate::progress::pull_progress(quiet);
    let _ = (args.jobs, args.identity_label);
    // -q keeps the output, to show it when the build fails (docker's CLI does).
    let mut kept = Vec::new();
    let built = if quiet {
        engine.build(&opts, &NoProgress, &interrupted, &mut kept)
    } else if let Some(path) = &args.logfile {
        let mut file = std::fs::File::create(path)
            .with_context(|| format!("creating --logfile {}", path.display()))?;
        engine.build(&opts, &NoProgress, &interrupted, &mut file)
    } else if stdout_taken {
        let stderr = std::io::stderr();
        let mut out = stderr.lock();
        engine.build(&opts, progress.as_ref(), &interrupted, &mut out)
    } else {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        engine.build(&opts, progress.as_ref(), &interrupted, &mut out)
    };
    if interrupted() && built.is_err() {
        // As a shell reports a command ended by SIGINT; the step's container is gone.
        eprintln!("Error: the build was interrupted");
        return Ok(130);
    }
    if built.is_err() && !kept.is_empty() {
        use std::io::Write;
        let _ = std::io::stderr().write_all(&kept);
    }
    let built = built?;
    if let Some(path) = &args.iidfile {
        std::fs::write(path, format!("sha256:{}", built.id))
            .with_context(|| format!("writing --iidfile {}", path.display()))?;
    }
    super::build_output::deliver(
        engine,
        &output,
        &built.id,
        &args.tags,
        &PushRequest {
            tls_verify: args.tls_verify,
            credentials,
            ..PushRequest::default()
        },
        quiet,
    )?;
    if let Some(list) = &args.manifest {
        engine
            .manifest_create(
                list,
                std::slice::from_ref(&built.id),
                true,
                &Default::default(),
            )
            .with_context(|| format!("adding the image to the manifest list {list}"))?;
    }
    if stdout_taken {
        eprintln!("{}", built.id);
    } else if quiet {
        println!("sha256:{}", built.id);
    } else {
        println!("{}", built.id);
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_repositories_plain_or_in_buildx_form() {
        assert_eq!(
            cache_repository("r.io/app-cache").unwrap(),
            "r.io/app-cache"
        );
        assert_eq!(
            cache_repository("type=registry,ref=r.io/c,mode=max").unwrap(),
            "r.io/c"
        );
        assert!(cache_repository("type=local,dest=/x").is_err());
        assert!(cache_repository("type=registry").is_err());
    }
}
