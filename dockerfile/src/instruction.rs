//! The typed instructions of a Dockerfile, values as written (before variable substitution).

use std::time::Duration;

/// A command in exec form (`["a","b"]`) or shell form (`a b`, run by the stage's SHELL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// JSON array form: arguments given exactly.
    Exec(Vec<String>),
    /// Shell form: one string for the shell.
    Shell(String),
}

/// A heredoc body opened by `<<NAME` in RUN, COPY or ADD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word.
    pub name: String,
    /// The body, each line ending in a newline (leading tabs gone for `<<-`).
    pub content: String,
    /// False when the delimiter was quoted: no variable expansion of the body.
    pub expand: bool,
    /// True for `<<-NAME`.
    pub strip_tabs: bool,
}

/// `FROM [--platform=P] IMAGE [AS NAME]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct From {
    /// Image reference, or an earlier stage's name.
    pub image: String,
    /// `--platform`, if given.
    pub platform: Option<String>,
    /// Stage name after `AS`, lower-cased.
    pub name: Option<String>,
}

/// The kind of a `RUN --mount`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MountKind {
    /// A directory from the context or another stage/image (the default).
    Bind,
    /// A persistent cache directory.
    Cache,
    /// A build secret file (or env variable); never stored in a layer.
    Secret,
    /// An empty tmpfs.
    Tmpfs,
    /// The SSH agent socket.
    Ssh,
}

/// How concurrent builds share a cache mount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// Everyone writes the same directory (the default).
    Shared,
    /// Each concurrent user gets its own copy.
    Private,
    /// One user at a time.
    Locked,
}

/// One `RUN --mount=type=...,target=...` option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// `type=`.
    pub kind: MountKind,
    /// `target=` / `dst=` / `destination=`.
    pub target: Option<String>,
    /// `source=` / `src=`.
    pub source: Option<String>,
    /// `from=`: stage or image for bind and cache mounts.
    pub from: Option<String>,
    /// `id=`: cache or secret id.
    pub id: Option<String>,
    /// `readonly` / `ro` (true) or `rw` (false); None when not given.
    pub readonly: Option<bool>,
    /// `sharing=` for cache mounts.
    pub sharing: Option<Sharing>,
    /// `mode=` in octal.
    pub mode: Option<u32>,
    /// `uid=`.
    pub uid: Option<u32>,
    /// `gid=`.
    pub gid: Option<u32>,
    /// `required` for secret and ssh mounts.
    pub required: bool,
    /// `size=` for tmpfs, as written.
    pub size: Option<String>,
    /// `env=`: expose a secret as this variable.
    pub env: Option<String>,
}

/// `RUN [--mount=...] [--network=...] [--security=...] command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The command.
    pub command: Command,
    /// `--mount` options in order.
    pub mounts: Vec<Mount>,
    /// `--network=default|none|host`.
    pub network: Option<String>,
    /// `--security=sandbox|insecure`.
    pub security: Option<String>,
    /// Heredoc bodies named in the command.
    pub heredocs: Vec<Heredoc>,
}

/// The arguments of COPY and ADD.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CopyArgs {
    /// Sources; a heredoc source is its marker word (`<<EOF`), its body in `heredocs`.
    pub sources: Vec<String>,
    /// Destination.
    pub dest: String,
    /// `--from=stage|image`.
    pub from: Option<String>,
    /// `--chown=user[:group]`.
    pub chown: Option<String>,
    /// `--chmod=mode`.
    pub chmod: Option<String>,
    /// `--link`.
    pub link: bool,
    /// `--parents`.
    pub parents: bool,
    /// `--exclude=pattern`, repeatable.
    pub exclude: Vec<String>,
    /// ADD `--checksum=`.
    pub checksum: Option<String>,
    /// ADD `--keep-git-dir`.
    pub keep_git_dir: bool,
    /// Heredoc bodies the instruction opens (a source names one by its marker).
    pub heredocs: Vec<Heredoc>,
}

/// `ARG name[=default]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgDecl {
    /// The name.
    pub name: String,
    /// The default, if given.
    pub default: Option<String>,
}

/// The check of `HEALTHCHECK [options] CMD command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthcheckCmd {
    /// The test command.
    pub command: Command,
    /// `--interval`.
    pub interval: Option<Duration>,
    /// `--timeout`.
    pub timeout: Option<Duration>,
    /// `--start-period`.
    pub start_period: Option<Duration>,
    /// `--start-interval`.
    pub start_interval: Option<Duration>,
    /// `--retries`.
    pub retries: Option<u32>,
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [options] CMD command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Healthcheck {
    /// Disable the base image's check.
    None,
    /// Run this check.
    Cmd(HealthcheckCmd),
}

/// One Dockerfile instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instruction {
    /// FROM.
    From(From),
    /// RUN.
    Run(Run),
    /// CMD.
    Cmd(Command),
    /// ENTRYPOINT.
    Entrypoint(Command),
    /// ENV, pairs in order.
    Env(Vec<(String, String)>),
    /// ARG.
    Arg(Vec<ArgDecl>),
    /// LABEL, pairs in order.
    Label(Vec<(String, String)>),
    /// EXPOSE, ports as written (`80`, `53/udp`).
    Expose(Vec<String>),
    /// VOLUME.
    Volume(Vec<String>),
    /// USER.
    User(String),
    /// WORKDIR.
    Workdir(String),
    /// COPY.
    Copy(CopyArgs),
    /// ADD.
    Add(CopyArgs),
    /// SHELL.
    Shell(Vec<String>),
    /// STOPSIGNAL.
    Stopsignal(String),
    /// HEALTHCHECK.
    Healthcheck(Healthcheck),
    /// ONBUILD: the trigger as written, and parsed.
    Onbuild(String, Box<Instruction>),
    /// MAINTAINER (deprecated; becomes the image author).
    Maintainer(String),
}

impl Instruction {
    /// The keyword in upper case, as docker names it in messages and history.
    pub fn keyword(&self) -> &'static str {
        match self {
            Instruction::From(_) => "FROM",
            Instruction::Run(_) => "RUN",
            Instruction::Cmd(_) => "CMD",
            Instruction::Entrypoint(_) => "ENTRYPOINT",
            Instruction::Env(_) => "ENV",
            Instruction::Arg(_) => "ARG",
            Instruction::Label(_) => "LABEL",
            Instruction::Expose(_) => "EXPOSE",
            Instruction::Volume(_) => "VOLUME",
            Instruction::User(_) => "USER",
            Instruction::Workdir(_) => "WORKDIR",
            Instruction::Copy(_) => "COPY",
            Instruction::Add(_) => "ADD",
            Instruction::Shell(_) => "SHELL",
            Instruction::Stopsignal(_) => "STOPSIGNAL",
            Instruction::Healthcheck(_) => "HEALTHCHECK",
            Instruction::Onbuild(..) => "ONBUILD",
            Instruction::Maintainer(_) => "MAINTAINER",
        }
    }
}
