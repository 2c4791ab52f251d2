//! `exec`: runs another process in a running container by joining its namespaces
//! (see [`crate::runtime::exec_in`]). The new process is the caller's child: the caller
//! relays its pty (with `-t`) or hands it its own stdio, and returns its exit status.

use std::fs::File;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;

use nix::sys::wait::waitpid;
use nix::unistd::Pid;

use super::attach::{relay, AttachEnd, AttachIo, AttachOptions};
use super::detach_keys::DetachKeys;
use super::list::monitor_alive;
use super::options::merge_env;
use super::spec::{process_rlimits, process_security};
use super::started::{exit_code, Started};
use super::{ContainerConfig, ContainerRecord, State};
use crate::engine::Engine;
use crate::error::{Error, Result};
pub use crate::runtime::Stdio;
use crate::runtime::{exec_in, ProcessSpec};

/// What `skiff exec` asked for.
#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    /// The command and its arguments.
    pub cmd: Vec<String>,
    /// `-e`: added to (and overriding) the container's environment.
    pub env: Vec<String>,
    /// `-u`: the user to run as instead of the container's.
    pub user: Option<String>,
    /// `-w`: the working directory instead of the container's.
    pub workdir: Option<String>,
    /// `-t`: give the process a pseudo terminal.
    pub tty: bool,
    /// `-i`: keep stdin open and connected.
    pub interactive: bool,
    /// `-d`: start it and return at once.
    pub detach: bool,
    /// `--privileged`: all capabilities, no seccomp filter.
    pub privileged: bool,
    /// `--detach-keys`: the keys that detach from the command's tty.
    pub detach_keys: DetachKeys,
    /// podman's `--preserve-fds N`: the caller's open descriptors 3 to 2+N go to the process.
    pub preserve_fds: u32,
    /// The tty's window size (rows, columns) from the start, with `tty` (the API's
    /// `ConsoleSize`; `skiff exec -it` takes the caller's terminal's).
    pub console_size: Option<(u16, u16)>,
}

impl Engine {
    /// Call first in `skiff exec`, before reading any input: the fork that joins the container
    /// must not run from a writable binary (CVE-2019-5736), so this re-executes the process
    /// from a read-only view of it: the container monitor's, when that is the same file, else a
    /// new one. Returns at once when already protected.
    pub fn protect_exec(&mut self, name_or_id: &str) -> Result<()> {
        if !crate::runtime::exe::container_could_write_exe()
            || crate::runtime::exe::exe_is_read_only()
        {
            return Ok(());
        }
        if let Ok(rec) = self.lookup_container(name_or_id) {
            if monitor_alive(&rec) {
                if let Some(fd) = crate::runtime::exe::read_only_exe_of(rec.monitor_pid) {
                    drop(self.take_catalog());
                    return Err(crate::runtime::exe::reexec_from(&fd));
                }
            }
        }
        drop(self.take_catalog());
        crate::runtime::exe::reexec_read_only()
    }

    /// Starts a process in the running container `name_or_id` with `stdio` (the caller's
    /// streams: pipes, sockets, or a new pty whose master comes back). The process is the
    /// caller's child: wait for it with [`wait_exec`], then report it with
    /// [`Engine::exec_ended`]. The caller must run from a read-only view of skiff's binary
    /// (see [`Engine::protect_exec`] and [`Engine::protect_service`]).
    pub fn spawn_exec(
        &mut self,
        name_or_id: &str,
        opts: &ExecOptions,
        stdio: Stdio,
    ) -> Result<ExecProcess> {
        let rec = self.exec_target(name_or_id, opts)?;
        if crate::runtime::exe::container_could_write_exe()
            && !crate::runtime::exe::exe_is_read_only()
        {
            return Err(Error::Runtime(
                "exec from a writable skiff binary: the container could replace it; \
                 re-execute from a read-only view first (Engine::protect_service)"
                    .into(),
            ));
        }
        let secrets = super::secrets::secret_env(&self.container_dir(&rec.id), &rec.config)?;
        let process = exec_process(&rec.config, opts, &secrets)?;
        self.record_exec_start(&rec.id, &opts.cmd);
        let spawned = exec_in(rec.pid, &process, stdio)?;
        Ok(ExecProcess {
            container_id: rec.id,
            pid: spawned.pid,
            pty_master: spawned.pty_master,
        })
    }

    /// Records that an exec process in container `container_id` ended with `code` (docker's
    /// `exec_die`); returns `code`.
    pub fn exec_ended(&mut self, container_id: &str, code: i32) -> i32 {
        self.record_exec_die(container_id, code)
    }

    /// For a long-lived process that runs exec (the REST service): re-executes it from a
    /// read-only view of skiff's binary when a container could write the binary, so no exec's
    /// fork can be used to replace it (CVE-2019-5736). Call it first, while single-threaded.
    pub fn protect_service(&self) -> Result<()> {
        if crate::runtime::exe::container_could_write_exe() {
            crate::runtime::exe::reexec_read_only()?;
        }
        Ok(())
    }

    /// The running container an exec of `opts` may run in.
    fn exec_target(&mut self, name_or_id: &str, opts: &ExecOptions) -> Result<ContainerRecord> {
        let rec = self.lookup_container(name_or_id)?;
        if rec.state == State::Paused {
            return Err(Error::Conflict(format!(
                "container {name_or_id} is paused, unpause the container before exec"
            )));
        }
        if rec.state != State::Running || rec.pid <= 0 || !monitor_alive(&rec) {
            return Err(Error::Conflict(format!(
                "container {name_or_id} is not running: start it with `skiff start {name_or_id}` first"
            )));
        }
        if opts.cmd.is_empty() {
            return Err(Error::InvalidArgument(
                "exec needs a command to run in the container".into(),
            ));
        }
        Ok(rec)
    }

    /// Runs a process in the running container `name_or_id` with the caller's streams `io`.
    /// Returns its exit status (0 at once with `detach`); 126/127 come back as typed errors
    /// like for `run`.
    pub fn exec_container(
        &mut self,
        name_or_id: &str,
        opts: &ExecOptions,
        io: ExecStdio<'_>,
    ) -> Result<i32> {
        let rec = self.exec_target(name_or_id, opts)?;
        self.protect_exec(name_or_id)?;
        let secrets = super::secrets::secret_env(&self.container_dir(&rec.id), &rec.config)?;
        let mut process = exec_process(&rec.config, opts, &secrets)?;
        if opts.tty && process.console_size.is_none() {
            process.console_size = io.terminal.and_then(window_size);
        }
        let null = || {
            File::options()
                .read(true)
                .write(true)
                .open("/dev/null")
                .map(OwnedFd::from)
                .map_err(|e| Error::io("/dev/null", e))
        };
        let mut pipes = None;
        let stdio = if opts.tty {
            Stdio::Pty
        } else if opts.detach {
            Stdio::Fds {
                stdin: null()?,
                stdout: null()?,
                stderr: null()?,
            }
        } else {
            // Pipes the CLI copies, never the caller's own descriptors (see exec_pipes).
            let ((stdin, stdout, stderr), ours) = super::exec_pipes::ExecPipes::open(
                opts.interactive.then_some(io.stdin),
                io.stdout,
                io.stderr,
            )?;
            pipes = Some(ours);
            Stdio::Fds {
                stdin,
                stdout,
                stderr,
            }
        };
        self.record_exec_start(&rec.id, &opts.cmd);
        let spawned = exec_in(rec.pid, &process, stdio)?;
        // The copies start once the process is (the fork wants one thread).
        let copies = pipes.map(super::exec_pipes::ExecPipes::run);
        if opts.detach {
            // docker's `exec -dt`: a terminal whose output is read and dropped.
            if let Some(pty) = spawned.pty_master {
                crate::runtime::pty_drain::drain_in_background(pty)?;
            }
            return Ok(0);
        }
        let Some(pty) = spawned.pty_master else {
            let code = wait_status(spawned.pid);
            if let Some(copies) = copies {
                copies.finish();
            }
            return Ok(self.record_exec_die(&rec.id, code));
        };
        // With a tty, reuse the attach relay: the pty is both output and input, and a thread
        // reports the exit on a control socket the way a container's monitor does.
        let (ctl, report) =
            UnixStream::pair().map_err(|e| Error::Runtime(format!("socketpair: {e}")))?;
        let output = File::from(
            pty.try_clone()
                .map_err(|e| Error::Runtime(format!("dup pty: {e}")))?,
        );
        let pid = spawned.pid;
        std::thread::spawn(move || {
            use std::io::Write;
            let code = wait_status(pid);
            let _ = writeln!(&report, "exited {code}");
        });
        let started = Started {
            id: rec.id.clone(),
            pid,
            ctl,
            stdout: Some(output),
            stderr: None,
            pty_master: Some(pty),
        };
        let mut output = File::from(
            io.stdout
                .try_clone_to_owned()
                .map_err(|e| Error::io("stdout", e))?,
        );
        let io = AttachIo {
            stdin: opts.interactive.then_some(io.stdin),
            stdout: Some(&mut output),
            stderr: None,
            terminal: io.terminal,
        };
        let attach = AttachOptions {
            detach_keys: opts.detach_keys.clone(),
            sig_proxy: false,
        };
        match relay(started, io, &attach)? {
            AttachEnd::Exited(code) => Ok(self.record_exec_die(&rec.id, code)),
            AttachEnd::Detached | AttachEnd::Hangup => Ok(0),
            AttachEnd::Lost => Err(Error::Runtime("lost track of the exec process".to_string())),
        }
    }
}

/// The process `exec` runs for `opts` in a container configured as `c`: the container's
/// environment, working directory, user, security settings and ulimits, with `opts` over them (a
/// healthcheck's command runs the same way).
/// `secret_env` holds the container's `type=env` secrets ([`super::secrets::secret_env`]).
pub(crate) fn exec_process(
    c: &ContainerConfig,
    opts: &ExecOptions,
    secret_env: &[String],
) -> Result<ProcessSpec> {
    let (capabilities, seccomp) = if opts.privileged {
        (
            crate::runtime::caps::all_capabilities(),
            crate::runtime::SeccompMode::Unconfined,
        )
    } else {
        process_security(c)?
    };
    Ok(ProcessSpec {
        args: opts.cmd.clone(),
        env: merge_env(&merge_env(&c.env, secret_env), &opts.env),
        cwd: match opts.workdir.as_deref().unwrap_or(&c.working_dir) {
            "" => "/".to_string(),
            dir => dir.to_string(),
        },
        user: opts.user.clone().unwrap_or_else(|| c.user.clone()),
        additional_groups: c.group_add.clone(),
        terminal: opts.tty,
        capabilities,
        no_new_privileges: c.no_new_privileges,
        seccomp,
        rlimits: process_rlimits(c),
        umask: c.umask,
        // Like podman's: the execution domain is the container's first process's.
        personality: None,
        unset_env: c.unsetenv.clone(),
        preserve_fds: opts.preserve_fds,
        console_size: opts.console_size,
    })
}

/// The caller's streams for [`Engine::exec_container`] (the engine never uses the process's
/// own): the command reads `stdin` (with `-i`) and writes `stdout` and `stderr`; with a tty it
/// runs on a pty relayed to them, and `terminal` is put in raw mode and lends its window size.
pub struct ExecStdio<'a> {
    /// Where the command's input comes from.
    pub stdin: BorrowedFd<'a>,
    /// Where its output goes.
    pub stdout: BorrowedFd<'a>,
    /// Where its errors go (without a tty).
    pub stderr: BorrowedFd<'a>,
    /// The caller's terminal, if any.
    pub terminal: Option<BorrowedFd<'a>>,
}

/// An exec process started by [`Engine::spawn_exec`].
#[derive(Debug)]
pub struct ExecProcess {
    /// The container's full id.
    pub container_id: String,
    /// The process (the caller's child) to wait for.
    pub pid: i32,
    /// The pty master, when a pty was asked for: output and input, and the window size.
    pub pty_master: Option<OwnedFd>,
}

/// Waits for exec process `pid` (the caller's child) and returns its exit code, or 128 + the
/// signal that killed it.
pub fn wait_exec(pid: i32) -> i32 {
    wait_status(pid)
}

/// Waits for `pid` and returns its exit code, or 128 + the signal that killed it.
fn wait_status(pid: i32) -> i32 {
    loop {
        match waitpid(Pid::from_raw(pid), None) {
            Ok(status) => {
                if let Some(code) = exit_code(status) {
                    return code;
                }
            }
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return 255,
        }
    }
}

/// The window size (rows, columns) of terminal `fd`; None when it is no terminal or has none.
fn window_size(fd: BorrowedFd<'_>) -> Option<(u16, u16)> {
    // SAFETY: winsize is plain integers, for which all zeroes is a valid value.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one winsize into the valid, writable `ws`.
    if unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCGWINSZ, &mut ws) } != 0 {
        return None;
    }
    (ws.ws_row > 0 && ws.ws_col > 0).then_some((ws.ws_row, ws.ws_col))
}
