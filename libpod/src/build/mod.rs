//! `build`: runs the plan `dockerfile/` parsed from a Dockerfile/Containerfile. Each stage
//! starts from its FROM image (pulled as `--pull` says, an earlier stage, or `scratch`);
//! instructions that only describe the image change the config it carries; RUN runs the
//! command in a container of the stage's image (default network, the stage's USER, WORKDIR
//! and build args) and COPY/ADD extract the context's files into one; each of those stores a
//! layer made from the container's upper directory, as `commit` does. Every step has a cache
//! key ([`cache`]): a step whose key made an image before reuses it without running.
//!
//! Progress goes to the writer the caller gives (`podman build`'s `STEP n/m:` lines, the RUN
//! output, `--> ID`), never to the process's own streams.

pub mod cache;
pub mod config;
pub mod context;
mod mount_owners;
pub mod named;
mod squash;
pub(crate) mod steps;

pub use squash::Squash;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;

use skiff_dockerfile::{Dockerfile, Instruction};
use skiff_storage::auth::GivenCredentials;
use skiff_storage::config::{History, ImageConfig};
use skiff_storage::platform::Platform;
use skiff_storage::store::Store;
use skiff_storage::Reference;

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::pull::{PolicyNote, PullPolicy, PullProgress, PullRequest};
use crate::image::record::ImageRecord;
use crate::image::remote::docker_tls_verify;
use cache::StepCache;
use context::Context;
use named::NamedContext;

/// What to build and how: `build`'s flags (sent whole to the launcher's process by the REST
/// service).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct BuildOptions {
    /// The context directory (COPY/ADD sources); None when the Dockerfile came alone on
    /// stdin with no context (`build - < Dockerfile`).
    pub context: Option<PathBuf>,
    /// The Dockerfile's text.
    pub dockerfile: String,
    /// Its name as the user knows it, for messages (`Dockerfile`, `Containerfile.dev`).
    pub dockerfile_name: String,
    /// `-t`: names for the result.
    pub tags: Vec<String>,
    /// `--target`: the stage to build (the last one when None).
    pub target: Option<String>,
    /// `--build-arg NAME=VALUE`.
    pub build_args: BTreeMap<String, String>,
    /// `--label`: labels added to the result.
    pub labels: BTreeMap<String, String>,
    /// `--no-cache`: run every step.
    pub no_cache: bool,
    /// `--pull`: when FROM images are pulled.
    pub pull: PullPolicy,
    /// `--network` for RUN steps (the default network when None).
    pub network: Option<String>,
    /// `--platform` for FROM images without one of their own.
    pub platform: Option<String>,
    /// `--tls-verify` for pulls.
    pub tls_verify: Option<bool>,
    /// The Docker Engine's rule when `tls_verify` is None: FROM images on loopback registries
    /// may come over plain HTTP (the REST service's builds).
    #[serde(default)]
    pub loopback_plain_http: bool,
    /// Credentials given for the registries of FROM images and the cache (`--creds`, the
    /// API's `X-Registry-Config`), over the stored logins.
    #[serde(default)]
    pub credentials: GivenCredentials,
    /// `--secret id=ID,src=FILE`: files RUN --mount=type=secret mounts (never stored).
    pub secrets: BTreeMap<String, PathBuf>,
    /// `--ssh ID[=SOCKET]`: SSH agent sockets RUN --mount=type=ssh mounts, by id.
    #[serde(default)]
    pub ssh: BTreeMap<String, PathBuf>,
    /// `--cache-from REPO`: registry repositories holding steps' images as `REPO:KEY`.
    pub cache_from: Vec<String>,
    /// `--cache-to REPO`: the repository every step's image is pushed to as `REPO:KEY`.
    pub cache_to: Option<String>,
    /// How the containers of RUN steps are set up (docker's `--add-host`, `--shm-size`,
    /// `--ulimit`, `--security-opt` and resource limits).
    #[serde(default)]
    pub steps: StepSettings,
    /// podman's `--from IMAGE`: the image of the first FROM instead of the one it names.
    #[serde(default)]
    pub from: Option<String>,
    /// podman's `--omit-history`: the result has no history entries.
    #[serde(default)]
    pub omit_history: bool,
    /// `--squash` / `--squash-all`: the result's layers squashed into one.
    #[serde(default)]
    pub squash: Squash,
    /// podman's `--ignorefile` (or docker's `DOCKERFILE.dockerignore`): the ignore file to
    /// read instead of the context's.
    #[serde(default)]
    pub ignorefile: Option<PathBuf>,
    /// podman's `--skip-unused-stages=false`: every stage up to the target is built, not only
    /// those it needs.
    #[serde(default)]
    pub build_unused_stages: bool,
    /// podman's `--annotation KEY=VALUE`: annotations of the result's manifest.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// podman's `--timestamp`: the result's creation time and every layer file's
    /// modification time, unix seconds (a build that repeats gives the same image id).
    #[serde(default)]
    pub timestamp: Option<i64>,
    /// podman's `--cache-ttl`: cached steps older than this many seconds are not reused.
    #[serde(default)]
    pub cache_ttl_secs: Option<u64>,
    /// podman's `--format`: the result's manifest type (none: OCI's).
    #[serde(default)]
    pub manifest_type: Option<crate::image::manifest_type::ManifestType>,
    /// podman's `--env NAME=VALUE`: variables every stage has from its FROM on (RUN steps see
    /// them, the result keeps them).
    #[serde(default)]
    pub env: Vec<String>,
    /// `--build-context NAME=VALUE`: what FROM, COPY --from and RUN --mount from= take for
    /// NAME, over a stage or image of that name.
    #[serde(default)]
    pub build_contexts: BTreeMap<String, named::NamedContext>,
    /// podman's `--unsetenv NAME`: variables the result does not keep.
    #[serde(default)]
    pub unsetenv: Vec<String>,
    /// podman's `--os-version`: the result's `os.version`, instead of the base image's.
    #[serde(default)]
    pub os_version: Option<String>,
    /// podman's `--os-feature F` (`F-` takes one off): the result's `os.features`, added to the
    /// base image's.
    #[serde(default)]
    pub os_features: Vec<String>,
}

/// docker's and podman's build flags for the containers RUN steps run in; each as `run`'s flag
/// of the same name. None of them reaches the image.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct StepSettings {
    /// `--add-host HOST:IP`: lines of the steps' /etc/hosts.
    pub add_host: Vec<String>,
    /// `--shm-size`: the size of the steps' /dev/shm.
    pub shm_size: Option<String>,
    /// `--ulimit NAME=SOFT[:HARD]`.
    pub ulimits: Vec<crate::container::config::Ulimit>,
    /// `--security-opt` (seccomp, apparmor, label, no-new-privileges).
    pub security_opt: Vec<String>,
    /// `--memory`, `--cpu-shares`, `--cgroup-parent` and the other limits.
    pub resources: crate::container::resources::ResourceOptions,
    /// podman's `--cap-add`.
    pub cap_add: Vec<String>,
    /// podman's `--cap-drop`.
    pub cap_drop: Vec<String>,
    /// podman's `--dns`.
    pub dns: Vec<String>,
    /// podman's `--dns-search`.
    pub dns_search: Vec<String>,
    /// podman's `--dns-option`.
    pub dns_options: Vec<String>,
    /// podman's `--no-hosts`: the steps' /etc/hosts is the image's.
    pub no_hosts: bool,
    /// podman's `-v SRC:DST[:OPTS]`: bind mounts of the steps (never in a layer).
    pub volumes: Vec<String>,
    /// podman's `--device HOST[:CONTAINER[:PERMS]]`.
    pub devices: Vec<crate::container::config::DeviceConfig>,
    /// podman's `--http-proxy` (on by default): the caller's proxy variables
    /// ([`crate::container::options::PROXY_VARIABLES`]) in the steps' environment (never in the image,
    /// its history or the cache key).
    pub proxy_env: Vec<String>,
    /// podman's `--pid`, `--ipc`, `--uts` and `--cgroupns`: the namespaces of RUN steps
    /// (see [`step_namespace`]; None for new ones of their own).
    #[serde(default)]
    pub pid: Option<String>,
    /// podman's `--ipc` (see `pid`).
    #[serde(default)]
    pub ipc: Option<String>,
    /// podman's `--uts` (see `pid`).
    #[serde(default)]
    pub uts: Option<String>,
    /// podman's `--cgroupns` (see `pid`).
    #[serde(default)]
    pub cgroupns: Option<String>,
}

/// A namespace flag of podman's `build` (`--pid`, `--ipc`, `--uts`, `--cgroupns`) as the RUN
/// steps' container option: `host` shares the host's namespace; `private` (and podman's
/// `container`) gives each step its own, the default.
pub fn step_namespace(flag: &str, value: &str) -> Result<Option<String>, crate::error::Error> {
    match value {
        "host" => Ok(Some("host".into())),
        "private" | "container" | "" => Ok(None),
        other => Err(crate::error::Error::InvalidArgument(format!(
            "invalid --{flag} {other:?} for build: use host (the host's namespace) or private \
             (one of each step's own, the default)"
        ))),
    }
}

/// docker's predefined build args: given with `--build-arg` and declared by no ARG, they are
/// in RUN steps' environment, and in neither the history nor the cache key.
pub const PREDEFINED_ARGS: [&str; 10] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// A finished build.
#[derive(Debug, Clone)]
pub struct Built {
    /// The image id (hex).
    pub id: String,
}

/// Where a stage stands: the last image it stored, the config it carries since, and the
/// cache key of the steps so far.
#[derive(Debug, Clone)]
struct StageState {
    /// The stage's FROM image (None: scratch).
    base: Option<ImageRecord>,
    /// The last stored image of the stage (None: scratch, nothing stored yet).
    image: Option<ImageRecord>,
    /// The config as the steps so far made it.
    config: ImageConfig,
    /// True when `config` has changed since `image` was stored.
    dirty: bool,
    /// The cache key of the steps so far.
    key: String,
    /// ARG values in scope.
    args: BTreeMap<String, String>,
    /// What the stage set itself.
    flags: config::StageFlags,
}

/// The image config of `FROM scratch`: the host's platform and docker's default PATH (so
/// `ENV PATH=$PATH:/opt/bin` extends it, and the image finds commands by name).
fn scratch_config() -> ImageConfig {
    let host = Platform::host();
    let mut config = ImageConfig {
        architecture: host.architecture,
        os: host.os,
        variant: host.variant,
        ..Default::default()
    };
    config.config.env = vec![format!("PATH={}", crate::runtime::spec::DEFAULT_PATH)];
    config
}

/// BuildKit's automatic platform ARGs (also buildah's): in the global scope, so FROM lines
/// can use them, and in a stage that declares them without a value.
fn platform_args(target: &Platform, build: &Platform) -> BTreeMap<String, String> {
    let mut args = BTreeMap::new();
    for (prefix, p) in [("TARGET", target), ("BUILD", build)] {
        let parts = [
            ("PLATFORM", p.to_string()),
            ("OS", p.os.clone()),
            ("ARCH", p.architecture.clone()),
            ("VARIANT", p.variant.clone().unwrap_or_default()),
        ];
        for (name, value) in parts {
            args.insert(format!("{prefix}{name}"), value);
        }
    }
    args
}

/// Opens the `--build-context` directories, each read as the main context is (its own
/// .dockerignore applies).
fn named_dirs(named: &BTreeMap<String, NamedContext>) -> Result<BTreeMap<String, Context>> {
    let mut dirs = BTreeMap::new();
    for (name, context) in named {
        if let NamedContext::Dir(dir) = context {
            if !dir.is_dir() {
                return Err(Error::InvalidArgument(format!(
                    "--build-context {name}={}: no such directory",
                    dir.display()
                )));
            }
            dirs.insert(name.clone(), Context::open(dir, None)?);
        }
    }
    Ok(dirs)
}

/// An image's creation time: `timestamp` (podman's `--timestamp`, unix seconds) when given,
/// else now.
fn stamp(timestamp: Option<i64>) -> String {
    match timestamp {
        // The epoch itself, not the zero time that formatting gives 0 (docker's "never").
        Some(secs) if secs <= 0 => "1970-01-01T00:00:00Z".to_string(),
        Some(secs) => crate::container::time::rfc3339_seconds(secs.saturating_mul(1_000_000_000)),
        None => crate::container::time::rfc3339_nanos(crate::container::time::now_ns()),
    }
}

/// The image `stage`'s FROM names with the global ARGs expanded (as written when it does not
/// expand), for planning which stages a build needs.
fn from_image(
    df: &Dockerfile,
    stage: &skiff_dockerfile::Stage,
    global: &BTreeMap<String, String>,
) -> String {
    skiff_dockerfile::subst::expand_word(&stage.from.image, global, df.escape)
        .unwrap_or_else(|_| stage.from.image.clone())
}

/// The stages the target needs, by index: itself, the stages it builds FROM and those its
/// COPY --from and RUN --mount from= name (unless a named context has the name), transitively.
fn needed_stages(
    df: &Dockerfile,
    target: usize,
    global: &BTreeMap<String, String>,
    named: &BTreeMap<String, NamedContext>,
) -> BTreeSet<usize> {
    let mut needed = BTreeSet::new();
    let mut todo = vec![target];
    while let Some(i) = todo.pop() {
        if !needed.insert(i) {
            continue;
        }
        let stage = &df.stages[i];
        let mut refs = vec![from_image(df, stage, global)];
        for step in &stage.steps {
            match &step.instruction {
                Instruction::Copy(c) | Instruction::Add(c) => refs.extend(c.from.clone()),
                Instruction::Run(r) => refs.extend(r.mounts.iter().filter_map(|m| m.from.clone())),
                _ => {}
            }
        }
        // A named context stands in for a stage of its name.
        todo.extend(
            refs.iter()
                .filter(|r| !named.contains_key(&r.to_ascii_lowercase()))
                .filter_map(|r| df.stage_ref(r, i)),
        );
    }
    needed
}

impl Engine {
    /// Builds the image `opts` describes, writing progress and RUN output to `out`;
    /// `progress` draws FROM pulls. A RUN step stops (its container removed) and the build
    /// fails once `interrupted` says so (the CLI's SIGINT). Call
    /// [`Engine::enter_userns`] first (rootless), while the process is single-threaded.
    pub fn build(
        &mut self,
        opts: &BuildOptions,
        progress: &dyn PullProgress,
        interrupted: &dyn Fn() -> bool,
        out: &mut dyn Write,
    ) -> Result<Built> {
        let mut df = skiff_dockerfile::parse(&opts.dockerfile)
            .map_err(|e| Error::InvalidArgument(e.in_file(&opts.dockerfile_name)))?;
        if let (Some(image), Some(first)) = (&opts.from, df.stages.first_mut()) {
            first.from.image = image.clone();
        }
        let tags = opts
            .tags
            .iter()
            .map(|t| {
                Reference::parse(t)
                    .map_err(|e| Error::InvalidArgument(format!("invalid tag {t:?}: {e}")))
            })
            .collect::<Result<Vec<_>>>()?;
        let target = match &opts.target {
            Some(t) => df
                .target(t)
                .map_err(|e| Error::InvalidArgument(e.message))?,
            None => df.stages.len() - 1,
        };
        let context = opts
            .context
            .as_deref()
            .map(|dir| Context::open(dir, opts.ignorefile.as_deref()))
            .transpose()?;
        let named_dirs = named_dirs(&opts.build_contexts)?;
        // The global scope: BuildKit's automatic platform ARGs, then the ARGs before the
        // first FROM, overridden by --build-arg.
        let target_platform = match &opts.platform {
            Some(p) => Platform::parse(p).map_err(|e| Error::InvalidArgument(e.to_string()))?,
            None => Platform::host(),
        };
        let mut global = platform_args(&target_platform, &Platform::host());
        for a in &df.global_args {
            let value = match opts.build_args.get(&a.name) {
                Some(v) => Some(v.clone()),
                None => a
                    .default
                    .as_deref()
                    .map(|d| skiff_dockerfile::subst::expand_word(d, &global, df.escape))
                    .transpose()
                    .map_err(|e| {
                        Error::InvalidArgument(format!(
                            "{}: ARG {}: {e}",
                            opts.dockerfile_name, a.name
                        ))
                    })?,
            };
            if let Some(v) = value {
                global.insert(a.name.clone(), v);
            }
        }
        let needed = match opts.build_unused_stages {
            true => (0..=target).collect(),
            false => needed_stages(&df, target, &global, &opts.build_contexts),
        };
        // Each stage's FROM and steps, and the COPY a FROM of a named directory implies.
        let total: usize = needed
            .iter()
            .map(|i| {
                let stage = &df.stages[*i];
                let from = from_image(&df, stage, &global);
                let named = opts.build_contexts.get(&from.to_ascii_lowercase());
                stage.steps.len() + 1 + usize::from(matches!(named, Some(NamedContext::Dir(_))))
            })
            .sum();
        let mut run = BuildRun {
            opts,
            df: &df,
            context: context.as_ref(),
            named_dirs: &named_dirs,
            global,
            progress,
            interrupted,
            step_no: 0,
            total,
            results: vec![None; df.stages.len()],
            consumed: BTreeSet::new(),
            cache: StepCache::new(
                opts.no_cache,
                opts.cache_ttl_secs,
                opts.cache_from.clone(),
                opts.cache_to.clone(),
                opts.tls_verify,
                opts.credentials.clone(),
            ),
        };
        for &i in needed.iter() {
            let state = run.stage(self, i, out)?;
            run.results[i] = Some(state);
        }
        let state = run.results[target].take().expect("the target stage ran");
        let unused: Vec<&String> = opts
            .build_args
            .keys()
            .filter(|k| !run.consumed.contains(*k) && !df.global_args.iter().any(|a| &a.name == *k))
            .filter(|k| !PREDEFINED_ARGS.contains(&k.as_str()))
            .collect();
        if !unused.is_empty() {
            let names: Vec<&str> = unused.iter().map(|s| s.as_str()).collect();
            let _ = writeln!(
                out,
                "[Warning] one or more build args were not consumed: [{}]",
                names.join(" ")
            );
        }
        let id = self.finish_build(state, opts, &run.cache, &tags, out)?;
        run.cache.export(self, out)?;
        Ok(Built { id })
    }

    /// Stores the target stage's result with `--label`s, names it, and records its key as
    /// a final image.
    fn finish_build(
        &mut self,
        mut state: StageState,
        opts: &BuildOptions,
        cache: &StepCache,
        tags: &[Reference],
        out: &mut dyn Write,
    ) -> Result<String> {
        if !opts.labels.is_empty() {
            let text: Vec<String> = opts
                .labels
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            for (k, v) in &opts.labels {
                state.config.config.labels.insert(k.clone(), v.clone());
            }
            let text = format!("LABEL {}", text.join(" "));
            state.key = cache::step_key(&state.key, &[&text]);
            state.config.history.push(History {
                created: Some(stamp(opts.timestamp)),
                created_by: Some(config::nop_created_by(&text)),
                empty_layer: true,
                ..Default::default()
            });
            state.dirty = true;
        }
        if opts.os_version.is_some() || !opts.os_features.is_empty() {
            let c = &mut state.config;
            if let Some(v) = &opts.os_version {
                c.os_version = Some(v.clone());
            }
            for f in &opts.os_features {
                match f.strip_suffix('-') {
                    Some(gone) => c.os_features.retain(|x| x != gone),
                    None if !c.os_features.contains(f) => c.os_features.push(f.clone()),
                    None => {}
                }
            }
            let text = format!("OS {:?} {}", opts.os_version, opts.os_features.join(" "));
            state.key = cache::step_key(&state.key, &[&text]);
            state.dirty = true;
        }
        if !opts.unsetenv.is_empty() {
            let env = &mut state.config.config.env;
            env.retain(|e| {
                !opts
                    .unsetenv
                    .iter()
                    .any(|u| u == crate::container::options::env_name(e))
            });
            let text = format!("UNSETENV {}", opts.unsetenv.join(" "));
            state.key = cache::step_key(&state.key, &[&text]);
            state.dirty = true;
        }
        if opts.omit_history {
            state.config.history.clear();
            state.key = cache::step_key(&state.key, &["OMIT HISTORY"]);
            state.dirty = true;
        }
        let familiar: Vec<String> = tags
            .iter()
            .map(|t| crate::image::remove::familiar(&crate::image::record::full_name(t)))
            .collect();
        let commit = match familiar.first() {
            Some(name) => format!("COMMIT {name}"),
            None => "COMMIT".to_string(),
        };
        let _ = writeln!(out, "{commit}");
        let image = self.store_stage(&mut state, false, cache, opts.timestamp, out)?;
        // Squashed, the image of the last step is an intermediate one: the cache keeps it
        // for the next build, the result is the squashed image.
        let squashed = opts.squash != Squash::None;
        cache.record(self, &state.key, &image.id, squashed)?;
        let image = match opts.squash {
            Squash::None => image,
            Squash::NewLayers => {
                let id = self.squash_image(&image, state.base.as_ref(), opts.timestamp)?;
                self.resolve_image(&id)?
            }
            Squash::All => {
                let id = self.squash_image(&image, None, opts.timestamp)?;
                self.resolve_image(&id)?
            }
        };
        self.finish_manifest(&image.id, opts.manifest_type, &opts.annotations)?;
        for tag in tags {
            self.tag(&image.id, &tag.to_string())?;
        }
        let _ = writeln!(out, "--> {}", steps::short_id(&image.id));
        // docker's classic builder's line, which scripts read the id from (`awk '/Successfully
        // built/{print $3}'`), before podman's tag lines.
        let _ = writeln!(out, "Successfully built {}", steps::short_id(&image.id));
        for name in &familiar {
            let _ = writeln!(out, "Successfully tagged {name}");
        }
        Ok(image.id)
    }

    /// The image of `state`: its last stored one, or, when the config changed since (or
    /// nothing was stored), a new image without a new layer (reused from the cache when one
    /// has the key).
    fn store_stage(
        &mut self,
        state: &mut StageState,
        intermediate: bool,
        cache: &StepCache,
        timestamp: Option<i64>,
        out: &mut dyn Write,
    ) -> Result<ImageRecord> {
        if let (false, Some(image)) = (state.dirty, &state.image) {
            return Ok(image.clone());
        }
        if let Some(image) = cache.lookup(self, &state.key, out)? {
            state.image = Some(image.clone());
            state.dirty = false;
            return Ok(image);
        }
        let mut config = state.config.clone();
        config.created = Some(stamp(timestamp));
        let value = serde_json::to_value(&config).expect("configs serialise");
        self.enter_userns()?;
        let store = Store::open(&self.paths().storage())?;
        let id =
            self.record_derived_image(&store, state.image.as_ref(), None, &value, None, |_, _| {})?;
        cache.record(self, &state.key, &id, intermediate)?;
        let image = self.resolve_image(&id)?;
        state.image = Some(image.clone());
        state.dirty = false;
        Ok(image)
    }
}

/// One build in progress.
struct BuildRun<'a> {
    opts: &'a BuildOptions,
    df: &'a Dockerfile,
    context: Option<&'a Context>,
    /// The `--build-context` directories, by lower-cased name.
    named_dirs: &'a BTreeMap<String, Context>,
    /// The global ARG scope.
    global: BTreeMap<String, String>,
    progress: &'a dyn PullProgress,
    /// Whether the caller asked the build to stop.
    interrupted: &'a dyn Fn() -> bool,
    /// Steps printed so far.
    step_no: usize,
    /// Steps in all needed stages.
    total: usize,
    /// Each stage's final state once it ran.
    results: Vec<Option<StageState>>,
    /// The --build-arg names some ARG declared.
    consumed: BTreeSet<String>,
    /// Where steps' images are found and kept.
    cache: StepCache,
}

impl<'a> BuildRun<'a> {
    fn announce(&mut self, out: &mut dyn Write, text: &str) {
        self.step_no += 1;
        let _ = writeln!(out, "STEP {}/{}: {text}", self.step_no, self.total);
    }

    /// The `--build-context` directory named `name`, if it is one.
    fn named_dir(&self, name: &str) -> Option<&'a Context> {
        self.named_dirs.get(&name.to_ascii_lowercase())
    }

    fn bad(&self, line: usize, msg: impl std::fmt::Display) -> Error {
        Error::InvalidArgument(format!("{}:{line}: {msg}", self.opts.dockerfile_name))
    }

    /// The stored image an earlier stage or an image reference names (pulled as --pull says).
    fn image_for(
        &mut self,
        engine: &mut Engine,
        name: &str,
        before: usize,
        platform: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<ImageRecord> {
        match self.opts.build_contexts.get(&name.to_ascii_lowercase()) {
            Some(NamedContext::Image(reference)) => {
                return self.pull_for(engine, reference, platform, out)
            }
            Some(NamedContext::Dir(dir)) => {
                return Err(Error::InvalidArgument(format!(
                    "build context {name} is a directory ({}), not an image: FROM {name}, COPY --from={name} and RUN --mount=type=bind,from={name} read it",
                    dir.display()
                )))
            }
            None => {}
        }
        if let Some(j) = self.df.stage_ref(name, before) {
            let mut state = self.results[j]
                .clone()
                .ok_or_else(|| Error::Runtime(format!("stage {name} was not built")))?;
            let image =
                engine.store_stage(&mut state, true, &self.cache, self.opts.timestamp, out)?;
            self.results[j] = Some(state);
            return Ok(image);
        }
        self.pull_for(engine, name, platform, out)
    }

    /// The stored image `name` (pulled as `--pull` says), for a FROM or a --from.
    fn pull_for(
        &mut self,
        engine: &mut Engine,
        name: &str,
        platform: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<ImageRecord> {
        let req = PullRequest {
            platform: platform
                .map(str::to_string)
                .or_else(|| self.opts.platform.clone()),
            tls_verify: self.opts.tls_verify.or_else(|| {
                self.opts
                    .loopback_plain_http
                    .then(|| docker_tls_verify(name))
                    .flatten()
            }),
            credentials: self.opts.credentials.clone(),
        };
        let mut note = |n: PolicyNote<'_>| match n {
            PolicyNote::Missing => {
                let _ = writeln!(out, "Resolving and pulling {name}");
            }
            PolicyNote::UsingStored(e) => {
                let _ = writeln!(out, "Warning: pulling {name}: {e}; using the stored image");
            }
        };
        engine
            .image_by_policy(name, self.opts.pull, &req, self.progress, &mut note)
            .map_err(|e| match e {
                Error::NotFound { .. } => Error::InvalidArgument(format!(
                    "{name}: no such image here, and --pull=never: pull it first or allow the pull"
                )),
                e => e,
            })
    }

    /// Runs stage `i`, returning its final state.
    fn stage(&mut self, engine: &mut Engine, i: usize, out: &mut dyn Write) -> Result<StageState> {
        let df = self.df;
        let stage = &df.stages[i];
        let from = Instruction::From(stage.from.clone())
            .expand(&self.global, df.escape)
            .map_err(|e| self.bad(stage.line, e))?;
        let Instruction::From(from) = from else {
            unreachable!("FROM expands to FROM")
        };
        self.announce(
            out,
            &skiff_dockerfile::text(&Instruction::From(stage.from.clone()), df.escape),
        );
        let named = self
            .opts
            .build_contexts
            .get(&from.image.to_ascii_lowercase());
        let from_dir = matches!(named, Some(NamedContext::Dir(_)));
        let scratch = match named {
            Some(NamedContext::Image(reference)) => reference.eq_ignore_ascii_case("scratch"),
            Some(NamedContext::Dir(_)) => true,
            None => from.image.eq_ignore_ascii_case("scratch"),
        };
        let mut state = if scratch {
            StageState {
                base: None,
                image: None,
                config: scratch_config(),
                dirty: true,
                key: cache::step_key("scratch", &[]),
                args: BTreeMap::new(),
                flags: Default::default(),
            }
        } else {
            let image = self.image_for(engine, &from.image, i, from.platform.as_deref(), out)?;
            let config = ImageConfig::parse(&image.config)
                .map_err(|e| Error::Runtime(format!("{}: its stored config: {e}", from.image)))?;
            StageState {
                key: cache::step_key(&format!("image:{}", image.id), &[]),
                base: Some(image.clone()),
                image: Some(image),
                config,
                dirty: false,
                args: BTreeMap::new(),
                flags: Default::default(),
            }
        };
        if !self.opts.env.is_empty() {
            let env = &mut state.config.config.env;
            *env = crate::container::options::merge_env(env, &self.opts.env);
            let text = format!("ENV {}", self.opts.env.join(" "));
            state.key = cache::step_key(&state.key, &[&text]);
            state.dirty = true;
        }
        // The base image's ONBUILD triggers run first, and are not inherited.
        let triggers = std::mem::take(&mut state.config.config.on_build);
        if !triggers.is_empty() {
            state.dirty = true;
        }
        // Steps run before the stage's own: FROM a named directory starts as its files, copied
        // into scratch; then the base image's ONBUILD triggers.
        let mut implied: Vec<(String, String)> = Vec::new();
        if from_dir {
            let copy = format!("COPY --from={} . /", from.image);
            implied.push((copy, format!("FROM {}", from.image)));
        }
        implied.extend(
            triggers
                .iter()
                .map(|t| (t.clone(), format!("ONBUILD trigger {t:?}"))),
        );
        let mut steps: Vec<skiff_dockerfile::Step> = Vec::new();
        for (text, what) in &implied {
            let parsed = skiff_dockerfile::parse(&format!("FROM scratch\n{text}"))
                .map_err(|e| self.bad(stage.line, format!("{what}: {e}")))?;
            steps.extend(
                parsed.stages[0]
                    .steps
                    .iter()
                    .map(|s| skiff_dockerfile::Step {
                        line: stage.line,
                        ..s.clone()
                    }),
            );
        }
        self.total += triggers.len();
        steps.extend(stage.steps.iter().cloned());
        for step in &steps {
            self.step(engine, i, &mut state, step, out)?;
        }
        Ok(state)
    }

    /// The variables a step's words expand with: the stage's ARGs, then its ENV over them.
    fn scope(state: &StageState) -> BTreeMap<String, String> {
        let mut scope = state.args.clone();
        for e in &state.config.config.env {
            if let Some((k, v)) = e.split_once('=') {
                scope.insert(k.to_string(), v.to_string());
            }
        }
        scope
    }

    fn step(
        &mut self,
        engine: &mut Engine,
        stage: usize,
        state: &mut StageState,
        step: &skiff_dockerfile::Step,
        out: &mut dyn Write,
    ) -> Result<()> {
        if (self.interrupted)() {
            return Err(Error::Runtime("the build was interrupted".into()));
        }
        let escape = self.df.escape;
        self.announce(out, &step.text);
        let scope = Self::scope(state);
        let expanded = step
            .instruction
            .expand(&scope, escape)
            .map_err(|e| self.bad(step.line, e))?;
        let text = skiff_dockerfile::text(&expanded, escape);
        match &expanded {
            Instruction::Arg(decls) => {
                for d in decls {
                    self.consumed.insert(d.name.clone());
                    let value = self
                        .opts
                        .build_args
                        .get(&d.name)
                        .cloned()
                        .or_else(|| d.default.clone())
                        .or_else(|| self.global.get(&d.name).cloned());
                    match value {
                        Some(v) => {
                            state.key = cache::step_key(&state.key, &["ARG", &d.name, &v]);
                            state.args.insert(d.name.clone(), v);
                        }
                        None => {
                            state.key = cache::step_key(&state.key, &["ARG", &d.name]);
                        }
                    }
                }
                Ok(())
            }
            Instruction::Maintainer(who) => {
                state.config.author = Some(who.clone());
                self.nop(state, &text);
                Ok(())
            }
            Instruction::Run(run) => steps::run(self, engine, stage, state, run, &text, out)
                .map_err(|e| self.at(step, e)),
            Instruction::Copy(c) => steps::copy(self, engine, stage, state, c, false, &text, out)
                .map_err(|e| self.at(step, e)),
            Instruction::Add(c) => steps::copy(self, engine, stage, state, c, true, &text, out)
                .map_err(|e| self.at(step, e)),
            Instruction::From(_) => Err(self.bad(step.line, "FROM inside a stage")),
            Instruction::Workdir(_) => {
                config::apply(&mut state.config.config, &mut state.flags, &expanded)
                    .map_err(|e| self.bad(step.line, e))?;
                steps::workdir(self, engine, state, &text, out).map_err(|e| self.at(step, e))
            }
            other => {
                config::apply(&mut state.config.config, &mut state.flags, other)
                    .map_err(|e| self.bad(step.line, format!("{}: {e}", other.keyword())))?;
                self.nop(state, &text);
                Ok(())
            }
        }
    }

    /// A step's error with where it was written (a failed RUN keeps its kind and code).
    fn at(&self, step: &skiff_dockerfile::Step, e: Error) -> Error {
        let whence = format!("{}:{}", self.opts.dockerfile_name, step.line);
        match e {
            Error::StepFailed { message, code } => Error::StepFailed {
                message: format!("{whence}: {message}"),
                code,
            },
            Error::InvalidArgument(m) => Error::InvalidArgument(format!("{whence}: {m}")),
            Error::Runtime(m) => Error::Runtime(format!("{whence}: {m}")),
            other => other,
        }
    }

    /// Records a step that made no layer: history, key, and the config to store.
    fn nop(&self, state: &mut StageState, text: &str) {
        state.key = cache::step_key(&state.key, &[text]);
        state.config.history.push(History {
            created: Some(stamp(self.opts.timestamp)),
            created_by: Some(config::nop_created_by(text)),
            empty_layer: true,
            ..Default::default()
        });
        state.dirty = true;
    }
}

#[cfg(test)]
mod tests {
    use super::step_namespace;

    #[test]
    fn step_namespaces_are_the_host_s_or_each_step_s_own() {
        assert_eq!(
            step_namespace("pid", "host").unwrap().as_deref(),
            Some("host")
        );
        for own in ["private", "container", ""] {
            assert_eq!(step_namespace("ipc", own).unwrap(), None, "{own}");
        }
        let e = step_namespace("uts", "ns:/proc/1/ns/uts")
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid --uts") && e.contains("host"), "{e}");
    }
}
