//! The top-level command: global options and the list of subcommands.

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};
use skiff_libpod::{Engine, EngineOptions, WarningSink};

use crate::exit;
use crate::lazy::Lazy;
use crate::named::Named;

/// A daemonless, rootless container engine with docker's command line.
#[derive(Debug, Parser)]
#[command(name = "skiff", version = VERSION_TEXT, disable_version_flag = true, args_override_self = true)]
pub struct Cli {
    /// Print version information and quit (`skiff version X`, as `podman --version`; docker's
    /// `-v` too)
    #[arg(short = 'v', short_alias = 'V', long = "version", action = clap::ArgAction::Version)]
    pub version: Option<bool>,
    /// Options that apply to every command.
    #[command(flatten)]
    pub global: GlobalOpts,
    /// The command to run.
    #[command(subcommand)]
    pub command: Named<Command>,
}

/// The `--log-level` values podman takes (`warning`, `fatal` and `panic` as their neighbours).
const LOG_LEVELS: [&str; 8] = [
    "trace", "debug", "info", "warn", "warning", "error", "fatal", "panic",
];

/// What `skiff --version` prints after the name.
const VERSION_TEXT: &str = concat!("version ", env!("CARGO_PKG_VERSION"));

/// Options accepted before (or after) any subcommand, as podman's.
#[derive(Debug, clap::Args)]
pub struct GlobalOpts {
    /// Directory for persistent state (images, containers, the catalog)
    #[arg(long, global = true, value_name = "DIR", env = "SKIFF_ROOT")]
    pub root: Option<PathBuf>,
    /// Directory for runtime state (pid files, sockets)
    #[arg(long, global = true, value_name = "DIR", env = "SKIFF_RUNROOT")]
    pub runroot: Option<PathBuf>,
    /// Log level for skiff's own diagnostics (error, warn, info, debug, trace; podman's warning, fatal and panic too)
    #[arg(long, global = true, value_name = "LEVEL", default_value = "warn", value_parser = LOG_LEVELS, hide_possible_values = true)]
    pub log_level: String,
    /// The directory of docker's client configuration (docker's `--config`, as
    /// DOCKER_CONFIG): `login` writes and `logout` clears its config.json, which pulls and
    /// pushes read
    #[arg(long, global = true, value_name = "DIR")]
    pub config: Option<PathBuf>,
    /// podman's global options (before the command) that choose what skiff has one of:
    /// accepted, so that scripts written for podman run (`podman --cgroup-manager=cgroupfs
    /// --events-backend=file --storage-driver=vfs run ...`); skiff keeps its own storage,
    /// runtime, events log and networks.
    #[command(flatten)]
    pub podman: PodmanGlobals,
}

/// podman's global options skiff accepts and has no use for (see [`GlobalOpts::podman`]).
#[derive(Debug, clap::Args)]
pub struct PodmanGlobals {
    #[arg(long, hide = true, value_name = "MANAGER", value_parser = ["cgroupfs", "systemd"])]
    cgroup_manager: Option<String>,
    #[arg(long, hide = true, value_name = "BACKEND", value_parser = ["file", "journald", "none"])]
    events_backend: Option<String>,
    #[arg(long, hide = true, value_name = "DRIVER")]
    storage_driver: Option<String>,
    #[arg(long, hide = true, value_name = "OPTION")]
    storage_opt: Vec<String>,
    #[arg(long, hide = true, value_name = "RUNTIME")]
    runtime: Option<String>,
    #[arg(long, hide = true, value_name = "FLAG")]
    runtime_flag: Vec<String>,
    #[arg(long, hide = true, value_name = "BACKEND", value_parser = ["netavark", "cni"])]
    network_backend: Option<String>,
    #[arg(long, hide = true, value_name = "DIR")]
    tmpdir: Option<PathBuf>,
    #[arg(long, hide = true, value_name = "DIR")]
    hooks_dir: Vec<PathBuf>,
    #[arg(long, hide = true, value_name = "DIR")]
    volumepath: Option<PathBuf>,
    #[arg(long, hide = true, value_name = "PATH")]
    conmon: Option<PathBuf>,
    /// podman's `--noout`: the command's standard output is discarded.
    #[arg(long, hide = true)]
    pub noout: bool,
}

/// Every skiff command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the skiff version information
    Version(Lazy<crate::info::VersionArgs>),
    /// Display system-wide information
    Info(Lazy<crate::info::InfoArgs>),
    /// Show lifecycle events of containers, images, volumes and networks
    Events(Lazy<crate::events::EventsArgs>),
    // Container and volume commands (container engineer's block).
    /// Container verbs at the top level: run, create, start, stop, ps, logs, inspect...
    #[command(flatten)]
    ContainerVerb(crate::container::ContainerVerb),
    /// Manage containers
    #[command(subcommand)]
    Container(Lazy<crate::container::ContainerGroup>),
    /// Manage volumes
    #[command(subcommand)]
    Volume(Lazy<crate::volume::VolumeCmd>),
    /// Manage networks
    #[command(subcommand)]
    Network(Lazy<crate::network::NetworkCmd>),
    /// Manage pods: containers that share network, IPC and UTS namespaces
    #[command(subcommand)]
    Pod(Lazy<crate::pod::PodCmd>),
    /// Manage secrets: data given to containers with run --secret
    #[command(subcommand)]
    Secret(Lazy<crate::secret::SecretCmd>),
    // Image commands (image engineer's block).
    /// Image verbs at the top level: images, tag, save, load
    #[command(flatten)]
    ImageVerb(crate::image::ImageVerb),
    /// Manage images
    #[command(subcommand)]
    Image(Lazy<crate::image::ImageGroup>),
    /// Run compose workloads with an external provider (docker-compose) through skiff's API
    Compose(Lazy<crate::compose::ComposeArgs>),
    /// Manage builds: build images, remove the build cache
    #[command(subcommand, alias = "buildx")]
    Builder(Lazy<crate::builder::BuilderCmd>),
    /// Manage manifest lists (multi-platform image indexes)
    #[command(subcommand)]
    Manifest(Lazy<crate::manifest::ManifestCmd>),
    /// Manage skiff: disk usage, prune, reset, info, events
    #[command(subcommand)]
    System(Lazy<crate::system::SystemCmd>),
    /// Manage contexts (docker's; skiff has one, its own engine)
    #[command(subcommand)]
    Context(Lazy<crate::context::ContextCmd>),
    /// Auto update containers according to their auto-update policy (podman's)
    AutoUpdate(Lazy<crate::auto_update::AutoUpdateArgs>),
    /// Run a command as root in skiff's storage user namespace
    Unshare(Lazy<crate::unshare::UnshareArgs>),
    /// Manage Quadlet files: containers, volumes, networks and images as systemd units
    #[command(subcommand)]
    Quadlet(Lazy<crate::quadlet::QuadletCmd>),
    /// Generate structured data from containers: systemd units, Kubernetes YAML
    #[command(subcommand)]
    Generate(Lazy<crate::generate::GenerateCmd>),
    /// Kubernetes YAML: generate it from containers, play it, take it down
    #[command(subcommand)]
    Kube(Lazy<crate::kube::KubeCmd>),
    /// Play Kubernetes YAML (podman's spelling of `kube play`)
    #[command(subcommand)]
    Play(Lazy<crate::kube::PlayCmd>),
}

/// Parses argv, runs the command and turns its outcome into an exit code.
pub fn run() -> i32 {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    crate::named::name_from_argv(&argv);
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ENGINE_ERROR
            } else {
                0
            };
            match unknown_flag_message(&e) {
                Some(text) => eprint!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            return code;
        }
    };
    if cli.global.podman.noout {
        discard_stdout();
    }
    init_logging(&cli.global.log_level);
    if let Some(dir) = &cli.global.config {
        // Still one thread here: no other thread reads the environment meanwhile.
        std::env::set_var("DOCKER_CONFIG", dir);
        std::env::set_var("REGISTRY_AUTH_FILE", dir.join("config.json"));
    }
    if cli.global.runroot.is_none() {
        if let Some(problem) = skiff_libpod::config::runtime_dir_problem() {
            eprintln!("Error: {problem}");
            return 125;
        }
    }
    let mut engine = Engine::new(EngineOptions {
        root: cli.global.root.clone(),
        runroot: cli.global.runroot.clone(),
        on_warning: WarningSink::new(|w| eprintln!("skiff: warning: {w}")),
    });
    match dispatch(&mut engine, cli.command.0) {
        Ok(code) => code,
        Err(err) => {
            let err = exit::name_catalog(err, &engine.paths().catalog());
            exit::report(&err);
            exit::code_for(&err)
        }
    }
}

/// podman's `--noout`: the standard output goes to /dev/null from here on.
fn discard_stdout() {
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        // SAFETY: dup2 onto descriptor 1 with a valid descriptor; still one thread.
        unsafe { libc::dup2(std::os::fd::AsRawFd::as_raw_fd(&null), libc::STDOUT_FILENO) };
    }
}

/// docker's report of an unknown flag (`unknown flag: --x`, or `unknown shorthand flag: 'x' in
/// -x`), with clap's suggestion and where to read about the flags; None for every other error.
pub fn unknown_flag_message(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    if !arg.starts_with('-') || arg == "-" {
        return None;
    }
    let flag = arg.split('=').next().unwrap_or(arg);
    let mut out = match flag.strip_prefix('-').filter(|s| !s.starts_with('-')) {
        Some(short) => format!("Error: unknown shorthand flag: '{short}' in {flag}\n"),
        None => format!("Error: unknown flag: {flag}\n"),
    };
    if let Some(ContextValue::String(similar)) = e.get(ContextKind::SuggestedArg) {
        out.push_str(&format!("  tip: a similar flag exists: '{similar}'\n"));
    }
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => u.to_string(),
        _ => String::new(),
    };
    out.push_str(&format!("See '{} --help'.\n", command_path(&usage)));
    Some(out)
}

/// `skiff run` from clap's `Usage: skiff run [OPTIONS] <IMAGE>...`.
fn command_path(usage: &str) -> String {
    let words: Vec<&str> = usage
        .trim()
        .trim_start_matches("Usage:")
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    if words.is_empty() {
        "skiff".to_string()
    } else {
        words.join(" ")
    }
}

fn init_logging(level: &str) {
    let level = match level {
        "warning" => "warn",
        "fatal" | "panic" => "error",
        other => other,
    };
    let filter = tracing_subscriber::EnvFilter::try_new(level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time();
    // A user's warnings read as skiff's others do; --log-level info or debug adds where they
    // come from.
    match level {
        "warn" | "error" => logs.event_format(PlainWarning).init(),
        _ => logs.init(),
    }
}

/// The log line of a warning or error at the default level: `skiff: warning: MESSAGE`, as the
/// CLI's own warnings, without tracing's level column and module path.
struct PlainWarning;

impl<S, N> tracing_subscriber::fmt::FormatEvent<S, N> for PlainWarning
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    N: for<'a> tracing_subscriber::fmt::FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &tracing_subscriber::fmt::FmtContext<'_, S, N>,
        mut writer: tracing_subscriber::fmt::format::Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        let level = match *event.metadata().level() {
            tracing::Level::ERROR => "error",
            tracing::Level::WARN => "warning",
            _ => "info",
        };
        write!(writer, "skiff: {level}: ")?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

fn dispatch(_engine: &mut Engine, command: Command) -> anyhow::Result<i32> {
    match command {
        Command::Version(a) => crate::info::version(a.into_inner()),
        Command::Info(a) => crate::info::info(_engine, a.into_inner()),
        Command::Events(a) => crate::events::exec(_engine, a.into_inner()),
        // Container and volume commands (container engineer's block).
        Command::ContainerVerb(v) => crate::container::dispatch(_engine, v),
        Command::Container(g) => match g.into_inner() {
            crate::container::ContainerGroup::Clone(a) => {
                crate::container::clone::exec(_engine, *a, &GRAMMAR, &create_from)
            }
            group => crate::container::dispatch_group(_engine, group),
        },
        Command::Volume(v) => crate::volume::dispatch(_engine, v.into_inner()),
        Command::Network(n) => crate::network::dispatch(_engine, n.into_inner()),
        Command::Pod(p) => crate::pod::dispatch(_engine, p.into_inner()),
        Command::Secret(s) => crate::secret::dispatch(_engine, s.into_inner()),
        // Image commands (image engineer's block).
        Command::ImageVerb(v) => crate::image::dispatch(_engine, v),
        Command::Image(g) => crate::image::dispatch_group(_engine, g.into_inner()),
        Command::Compose(a) => crate::compose::exec(_engine, a.into_inner()),
        Command::Builder(b) => crate::builder::dispatch(_engine, b.into_inner()),
        Command::Manifest(m) => crate::manifest::dispatch(_engine, m.into_inner()),
        Command::System(s) => crate::system::dispatch(_engine, s.into_inner()),
        Command::Context(c) => crate::context::dispatch(c.into_inner()),
        Command::Unshare(a) => crate::unshare::exec(_engine, a.into_inner()),
        Command::AutoUpdate(a) => crate::auto_update::exec(_engine, a.into_inner()),
        Command::Quadlet(q) => crate::quadlet::dispatch(q.into_inner()),
        Command::Generate(g) => crate::generate::dispatch(_engine, g.into_inner(), &GRAMMAR),
        Command::Kube(k) => crate::kube::dispatch(_engine, k.into_inner()),
        Command::Play(p) => crate::kube::dispatch_play(_engine, p.into_inner()),
    }
}

/// Creates a container from a `create` command line (`container clone`'s), recording that line
/// as its command; returns the new id.
fn create_from(engine: &mut skiff_libpod::Engine, argv: Vec<String>) -> anyhow::Result<String> {
    let cli = Cli::try_parse_from(&argv)
        .map_err(|e| anyhow::anyhow!("the clone's command line does not parse: {e}"))?;
    let Command::ContainerVerb(crate::container::ContainerVerb::Create(a)) = cli.command.0 else {
        anyhow::bail!(
            "the clone's command line is not a create: {}",
            argv.join(" ")
        );
    };
    let mut flags = a.into_inner().into_flags();
    flags.command_line = Some(argv);
    Ok(crate::container::create::create(engine, &flags, false, None)?.id)
}

/// The grammar `generate systemd` reads stored command lines with.
const GRAMMAR: crate::generate::Grammar = crate::generate::Grammar {
    image_and_command_len,
    takes_value,
    is_pod_create,
    pod_takes_value,
};

/// Whether a stored command line is a `pod create` (not `run --pod new:NAME` or kube play).
fn is_pod_create(command: &[String]) -> bool {
    matches!(
        Cli::try_parse_from(command).map(|c| c.command.0),
        Ok(Command::Pod(p)) if matches!(*p, crate::pod::PodCmd::Create(_))
    )
}

/// How many words IMAGE and its command are at the end of a stored `run`/`create` command
/// line, by parsing it again with the CLI's definitions; None when it does not parse.
fn image_and_command_len(command: &[String]) -> Option<usize> {
    let cli = Cli::try_parse_from(command).ok()?;
    let flags = match &cli.command.0 {
        Command::ContainerVerb(v) => v.create_flags(),
        Command::Container(g) => match &**g {
            crate::container::ContainerGroup::Verb(v) => v.create_flags(),
            _ => None,
        },
        _ => None,
    }?;
    Some(flags.args.len())
}

/// Whether `flag` (`--name`, `-e`) of `run` or a global option takes the next word as its
/// value: clap's definitions say, where the value is not required to follow `=`.
fn takes_value(flag: &str) -> bool {
    takes_value_in(&["run"], flag)
}

/// [`takes_value`] for the flags of `pod create`.
fn pod_takes_value(flag: &str) -> bool {
    takes_value_in(&["pod", "create"], flag)
}

/// Whether `flag` of the subcommand at `path` or a global option takes the next word.
fn takes_value_in(path: &[&str], flag: &str) -> bool {
    let mut cli = Cli::command();
    cli.build();
    let mut sub = &cli;
    for name in path {
        match sub.find_subcommand(name) {
            Some(s) => sub = s,
            None => return false,
        }
    }
    let found = sub.get_arguments().chain(cli.get_arguments()).any(|a| {
        let named = match flag.strip_prefix("--") {
            Some(long) => {
                a.get_long_and_visible_aliases()
                    .is_some_and(|l| l.contains(&long))
                    || a.get_all_aliases().is_some_and(|l| l.contains(&long))
            }
            None => flag
                .strip_prefix('-')
                .and_then(|s| s.chars().next())
                .is_some_and(|c| a.get_short() == Some(c)),
        };
        named && a.get_action().takes_values() && !a.is_require_equals_set()
    });
    found
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::{image_and_command_len, takes_value, unknown_flag_message, Cli, Command, GRAMMAR};
    use crate::container::ContainerVerb;

    fn run_args(argv: &[&str]) -> Result<Vec<String>, clap::Error> {
        let cli = Cli::try_parse_from([&["skiff", "run"][..], argv].concat())?;
        match cli.command.0 {
            Command::ContainerVerb(ContainerVerb::Run(r)) => Ok(r.image_and_command().to_vec()),
            other => panic!("not run: {other:?}"),
        }
    }

    #[test]
    fn an_unknown_flag_before_the_image_is_an_error() {
        let e = run_args(&["--rm", "--memory-swapx", "32m", "img", "true"]).unwrap_err();
        let text = unknown_flag_message(&e).expect("docker's message");
        assert!(
            text.starts_with("Error: unknown flag: --memory-swapx\n"),
            "{text}"
        );
        assert!(text.ends_with("See 'skiff run --help'.\n"), "{text}");
        let e = run_args(&["--memory-swapx=32m", "img"]).unwrap_err();
        assert!(unknown_flag_message(&e)
            .unwrap()
            .starts_with("Error: unknown flag: --memory-swapx\n"));
        let e = run_args(&["-itx", "img"]).unwrap_err();
        assert!(unknown_flag_message(&e)
            .unwrap()
            .starts_with("Error: unknown shorthand flag: 'x' in -x\n"));
    }

    #[test]
    fn everything_after_the_image_is_the_command() {
        assert_eq!(
            run_args(&["--rm", "img", "--some-arg", "-x", "--", "--rm"]).unwrap(),
            ["img", "--some-arg", "-x", "--", "--rm"]
        );
        assert_eq!(
            run_args(&["img", "sh", "-c", "x --y"]).unwrap(),
            ["img", "sh", "-c", "x --y"]
        );
        assert_eq!(run_args(&["--", "img", "-x"]).unwrap(), ["img", "-x"]);
        assert_eq!(run_args(&["-itd", "img"]).unwrap(), ["img"]);
        assert_eq!(
            run_args(&["-dit", "--name=a", "-e=A=B", "img"]).unwrap(),
            ["img"]
        );
    }

    #[test]
    fn boolean_flags_take_docker_s_equals_value() {
        let parse = |argv: &[&str]| {
            let cli = Cli::try_parse_from([&["skiff", "run"][..], argv].concat()).unwrap();
            match cli.command.0 {
                Command::ContainerVerb(ContainerVerb::Run(r)) => format!("{r:?}"),
                other => panic!("not run: {other:?}"),
            }
        };
        let plain = parse(&["img"]);
        assert!(plain.contains("detach: false") && plain.contains("rm: false"));
        let set = parse(&["-d", "--rm", "-it", "img"]);
        assert!(
            set.contains("detach: true") && set.contains("rm: true") && set.contains("tty: true")
        );
        let eq = parse(&["-d=false", "--rm=false", "--tty=true", "-i=1", "img"]);
        assert!(
            eq.contains("detach: false")
                && eq.contains("rm: false")
                && eq.contains("tty: true")
                && eq.contains("interactive: true"),
            "{eq}"
        );
        // Without `=` the next word is not the flag's value.
        assert_eq!(run_args(&["--rm", "false"]).unwrap(), ["false"]);
    }

    #[test]
    fn every_boolean_switch_takes_docker_s_equals_value() {
        let parsed = |argv: &[&str]| {
            let cli = Cli::try_parse_from([&["skiff"][..], argv].concat());
            format!("{:?}", cli.map(|c| c.command).expect("parses"))
        };
        let on = parsed(&["build", "--no-cache=true", "-q=1", "--squash=false", "."]);
        assert!(
            on.contains("no_cache: true")
                && on.contains("quiet: true")
                && on.contains("squash: false"),
            "{on}"
        );
        let off = parsed(&["build", "--no-cache=false", "."]);
        assert!(off.contains("no_cache: false"), "{off}");
        assert!(parsed(&["build", "--no-cache", "."]).contains("no_cache: true"));
        let ps = parsed(&["ps", "-a=false", "--no-trunc=true"]);
        assert!(
            ps.contains("all: false") && ps.contains("no_trunc: true"),
            "{ps}"
        );
        assert!(parsed(&["ps", "-aq"]).contains("all: true"));
        assert!(parsed(&["container", "rm", "-f=true", "x"]).contains("force: true"));
        assert!(Cli::try_parse_from(["skiff", "ps", "-a=maybe"]).is_err());
    }

    #[test]
    fn other_usage_errors_keep_clap_s_text() {
        let e = Cli::try_parse_from(["skiff", "port", "a", "b", "c"]).unwrap_err();
        assert!(unknown_flag_message(&e).is_none());
    }

    #[test]
    fn clap_says_which_flags_take_a_value() {
        for f in [
            "--name",
            "-e",
            "--env",
            "-p",
            "--root",
            "--runroot",
            "--cidfile",
            "--net",
        ] {
            assert!(takes_value(f), "{f}");
        }
        for f in [
            "-d",
            "--rm",
            "--replace",
            "-i",
            "-t",
            "--detach",
            "--privileged",
        ] {
            assert!(!takes_value(f), "{f}");
        }
    }

    #[test]
    fn stored_commands_give_the_image_s_place() {
        let argv = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            image_and_command_len(&argv(&[
                "skiff", "run", "-d", "--name", "a", "img", "sh", "-c", "x"
            ])),
            Some(4)
        );
        assert_eq!(
            image_and_command_len(&argv(&[
                "skiff",
                "--root",
                "/r",
                "container",
                "create",
                "img"
            ])),
            Some(1)
        );
        assert_eq!(image_and_command_len(&argv(&["skiff", "ps"])), None);
        assert_eq!(
            crate::generate::global_flags(
                &argv(&["skiff", "--root", "/r", "run", "--runroot=/x", "img"]),
                &GRAMMAR
            ),
            argv(&["--root", "/r", "--runroot=/x"])
        );
    }
}
