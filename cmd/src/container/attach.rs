//! `skiff attach`, and the attached side of `run` and `start -a`: which of the caller's streams
//! go to and from the container, `--detach-keys` and `--sig-proxy`.

use std::io::IsTerminal;
use std::os::fd::AsFd;

use clap::Args;
use skiff_libpod::container::attach::{
    relay, relay_attached, AttachEnd, AttachIo, AttachOptions, AttachStreams,
};
use skiff_libpod::container::detach_keys::DetachKeys;
use skiff_libpod::Engine;

use super::targets::LatestOrOne;

/// Attach local standard input, output, and error streams to a running container
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// Override the key sequence for detaching a container (docker's notation, e.g. ctrl-p,ctrl-q; "" disables it)
    #[arg(long = "detach-keys", value_name = "KEYS")]
    detach_keys: Option<String>,
    /// Do not attach STDIN
    #[arg(long = "no-stdin")]
    no_stdin: bool,
    /// Proxy all received signals to the process (without a tty)
    #[arg(long = "sig-proxy", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    sig_proxy: bool,
    #[command(flatten)]
    target: LatestOrOne,
}

/// What an attached client takes from and gives to the caller, and how it behaves.
#[derive(Debug, Clone)]
pub struct Attach {
    /// Which of the caller's streams are connected.
    pub streams: AttachStreams,
    /// Detach keys and signal proxying.
    pub options: AttachOptions,
}

impl Attach {
    /// Docker's default streams (stdout and stderr), the detach keys of `--detach-keys`
    /// (ctrl-p,ctrl-q when not given) and `--sig-proxy`.
    pub fn new(detach_keys: Option<&str>, sig_proxy: bool) -> anyhow::Result<Attach> {
        let detach_keys = match detach_keys {
            Some(spec) => DetachKeys::parse(spec)?,
            None => DetachKeys::default(),
        };
        Ok(Attach {
            streams: AttachStreams::default(),
            options: AttachOptions {
                detach_keys,
                sig_proxy,
            },
        })
    }

    /// The same, connecting `streams`.
    pub fn streams(self, streams: AttachStreams) -> Attach {
        Attach { streams, ..self }
    }

    /// Runs `f` with this process's stdio as the session's streams.
    fn with_io<T>(&self, f: impl FnOnce(AttachIo<'_>) -> T) -> T {
        let input = std::io::stdin();
        let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
        let io = AttachIo {
            stdin: self.streams.stdin.then(|| input.as_fd()),
            stdout: self
                .streams
                .stdout
                .then_some(&mut out as &mut dyn std::io::Write),
            stderr: self
                .streams
                .stderr
                .then_some(&mut err as &mut dyn std::io::Write),
            terminal: self.streams.stdin.then(|| input.as_fd()),
        };
        f(io)
    }
}

/// The exit code for how a session ended: the container's, 0 on detach.
fn end_code(engine: &mut Engine, id: &str, end: AttachEnd) -> anyhow::Result<i32> {
    match end {
        AttachEnd::Exited(code) => Ok(code),
        AttachEnd::Detached => Ok(0),
        // The output went away (a closed pipe): leave the container running, as a detach.
        AttachEnd::Hangup => Ok(0),
        AttachEnd::Lost => match engine.refreshed_container(id)? {
            Some(rec) if !rec.state.is_active() => Ok(rec.exit_code),
            Some(_) => Ok(0),
            None => {
                anyhow::bail!("the container's monitor exited without reporting the exit status")
            }
        },
    }
}

/// Starts `id` attached and returns the exit code to leave with; attaches to it instead when
/// it already runs (as docker's `start -a`).
pub fn start_attached(engine: &mut Engine, id: &str, attach: &Attach) -> anyhow::Result<i32> {
    let Some(started) = engine.start_container(id, true)? else {
        return attach_running(engine, id, attach);
    };
    let id = started.id.clone();
    let end = attach.with_io(|io| relay(started, io, &attach.options))?;
    end_code(engine, &id, end)
}

/// docker's answer to `-it` when the standard input is no terminal (a pipe, a file): the
/// command fails at once with status 1 instead of waiting for input that never ends.
pub const NOT_A_TTY: &str = "the input device is not a TTY";

/// Whether the standard input is no terminal (see [`NOT_A_TTY`]).
pub fn no_terminal() -> bool {
    !std::io::stdin().is_terminal()
}

/// Attaches to running container `name`.
fn attach_running(engine: &mut Engine, name: &str, attach: &Attach) -> anyhow::Result<i32> {
    let attached = engine.attach_container(name)?;
    if attached.tty && attach.streams.stdin && no_terminal() {
        anyhow::bail!(
            "the input device is not a TTY: attach from a terminal, or give --no-stdin to see the output only"
        );
    }
    let id = attached.id.clone();
    let end = attach.with_io(|io| relay_attached(attached, io, &attach.options))?;
    if end == AttachEnd::Detached {
        eprintln!("read escape sequence");
    }
    end_code(engine, &id, end)
}

/// `skiff attach`: exits with the container's code, or 0 when the user detaches.
pub fn exec(engine: &mut Engine, args: AttachArgs) -> anyhow::Result<i32> {
    let attach = Attach::new(args.detach_keys.as_deref(), args.sig_proxy)?.streams(AttachStreams {
        stdin: !args.no_stdin,
        ..AttachStreams::default()
    });
    let name = args.target.resolve(engine)?;
    attach_running(engine, &name, &attach)
}
