//! Starts containers for a rootless process that cannot change its user namespace any more:
//! the REST service enters skiff's user namespace once, then runs threads, and the kernel lets
//! only a single-threaded process join another one. A container on a user-defined network
//! runs in the networks' shared namespace, and one with `--network container:X` (or a PID or
//! IPC namespace of X's) in X's; the CLI joins those before it starts the container. The
//! service forks a [`Launcher`] while it is still single-threaded and in the caller's own
//! namespace; each such start then runs in a process the launcher forks, which joins the
//! right namespace, starts the container as `skiff start` would, and hands the control
//! channel and the attached streams back as descriptors (`SCM_RIGHTS`). Likewise an exec in a
//! container whose user namespace the service cannot join: the launcher's process runs it
//! (as `skiff exec` would), hands back its pid and pty, waits for it and sends its exit code.
//! And every copy into or out of a container (the API's archive routes, `docker cp`), which
//! mounts or joins namespaces as `skiff cp` does: no threaded process may.
//!
//! Written by hand: no crate forks a helper before a process's threads start and passes it
//! requests with descriptors; the protocol is two JSON messages on a `SOCK_SEQPACKET` pair.

use std::io::IoSlice;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::Mutex;

use nix::sys::socket::{
    sendmsg, socketpair, AddressFamily, ControlMessage, MsgFlags, SockFlag, SockType,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::copy::{CopyOwners, PathStat};
use super::exec::{ExecOptions, ExecProcess, Stdio};
use super::rows::ContainerRecord;
use super::start::Started;
use crate::engine::{Engine, EngineOptions};
use crate::error::{Error, Result};
use crate::networks::ConnectOptions;

/// The most descriptors one message carries: a request's reply socket and stdin, a reply's
/// control channel, stdout, stderr and pty master.
const MAX_FDS: usize = 4;

/// The service's handle on its launcher process (see the module documentation).
pub struct Launcher {
    /// The service's end of the request channel; one request at a time.
    control: Mutex<OwnedFd>,
}

impl Launcher {
    /// Forks the launcher. Call it while the process is single-threaded and still in the
    /// namespace it was started in (before [`Engine::enter_userns`]); `opts` are the
    /// engine options each start uses. The launcher ends with the process that forked it.
    pub fn spawn(opts: EngineOptions) -> Result<Launcher> {
        let (ours, theirs) = seqpacket_pair()?;
        // SAFETY: the caller is single-threaded (documented above); the child only serves
        // requests and exits.
        match unsafe { nix::unistd::fork() }.map_err(|e| Error::Runtime(format!("fork: {e}")))? {
            nix::unistd::ForkResult::Child => {
                drop(ours);
                // SAFETY: prctl with PR_SET_PDEATHSIG and a signal number has no preconditions.
                unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
                serve(&theirs, &opts);
                // SAFETY: _exit ends the forked child without running the parent's destructors.
                unsafe { libc::_exit(0) }
            }
            nix::unistd::ForkResult::Parent { .. } => Ok(Launcher {
                control: Mutex::new(ours),
            }),
        }
    }

    /// Sends `request` with descriptors `fds` to the launcher; returns the channel its process
    /// answers on.
    fn ask(&self, request: &Value, fds: &[RawFd]) -> Result<OwnedFd> {
        let (reply, reply_theirs) = seqpacket_pair()?;
        let mut all = vec![reply_theirs.as_raw_fd()];
        all.extend_from_slice(fds);
        let control = self.control.lock().expect("launcher channel");
        send(control.as_raw_fd(), request.to_string().as_bytes(), &all)
            .map_err(|e| Error::Runtime(format!("asking the launcher: {e}")))?;
        Ok(reply)
    }

    /// Runs `opts` in running container `id` from a process the launcher forks, as
    /// [`Engine::spawn_exec`] would here; that process waits for it: [`ExecWaiter::wait`].
    pub fn exec(
        &self,
        id: &str,
        opts: &ExecOptions,
        stdio: Stdio,
    ) -> Result<(ExecProcess, ExecWaiter)> {
        let request = json!({
            "exec": id, "cmd": opts.cmd, "env": opts.env, "user": opts.user,
            "workdir": opts.workdir, "tty": opts.tty, "interactive": opts.interactive,
            "privileged": opts.privileged, "console_size": opts.console_size,
        });
        let reply = match &stdio {
            Stdio::Pty => self.ask(&request, &[])?,
            Stdio::Fds {
                stdin,
                stdout,
                stderr,
            } => self.ask(
                &request,
                &[stdin.as_raw_fd(), stdout.as_raw_fd(), stderr.as_raw_fd()],
            )?,
        };
        drop(stdio);
        let (answer, fds) = answer_of(&reply, id)?;
        let process = ExecProcess {
            container_id: answer["id"].as_str().unwrap_or(id).to_string(),
            pid: answer["pid"].as_i64().unwrap_or(0) as i32,
            pty_master: if answer["pty"] == true {
                fds.into_iter().next()
            } else {
                None
            },
        };
        Ok((process, ExecWaiter { channel: reply }))
    }

    /// docker's stat of `path` in container `id` (with `contents`, of the directory `path/.`
    /// names, see [`ContainerRoot::stat`]); None when it does not exist.
    ///
    /// [`ContainerRoot::stat`]: crate::container::copy::ContainerRoot::stat
    pub fn stat(&self, id: &str, path: &str, contents: bool) -> Result<Option<PathStat>> {
        let reply = self.ask(
            &json!({"stat": id, "path": path, "contents": contents}),
            &[],
        )?;
        let (answer, _) = answer_of(&reply, id)?;
        Ok(stat_from_json(&answer["stat"]))
    }

    /// `path` in container `id` as a tar stream (its top entry named after it, or `.` with
    /// `contents`, as docker's for a path ending in `/.`), with its stat: read the tar from the
    /// returned pipe. A path that does not exist is a not-found error.
    pub fn archive_get(
        &self,
        id: &str,
        path: &str,
        contents: bool,
    ) -> Result<(PathStat, std::fs::File)> {
        let (r, w) = std::io::pipe().map_err(|e| Error::Runtime(format!("pipe: {e}")))?;
        let request = json!({"archive_get": id, "path": path, "contents": contents});
        let reply = self.ask(&request, &[w.as_raw_fd()])?;
        drop(w);
        let (answer, _) = answer_of(&reply, id)?;
        let stat = stat_from_json(&answer["stat"])
            .ok_or_else(|| Error::Runtime("the launcher sent no stat".into()))?;
        Ok((stat, std::fs::File::from(OwnedFd::from(r))))
    }

    /// Container `id`'s own files (not its mounts) as a tar stream, as `export` writes it:
    /// read it from the returned pipe.
    pub fn export(&self, id: &str) -> Result<std::fs::File> {
        let (r, w) = std::io::pipe().map_err(|e| Error::Runtime(format!("pipe: {e}")))?;
        let request = json!({"archive_get": id, "path": "/", "export": true});
        let reply = self.ask(&request, &[w.as_raw_fd()])?;
        drop(w);
        answer_of(&reply, id)?;
        Ok(std::fs::File::from(OwnedFd::from(r)))
    }

    /// Extracts the tar stream `input` into directory `path` of container `id` (owned as
    /// docker's archive API has it, see [`CopyOwners::for_api`]; a directory and a
    /// non-directory replacing each other when `overwrite`); returns once it is all written.
    pub fn archive_put(
        &self,
        id: &str,
        path: &str,
        copy_uid_gid: bool,
        overwrite: bool,
        input: OwnedFd,
    ) -> Result<()> {
        let request = json!({"archive_put": id, "path": path, "copy_uid_gid": copy_uid_gid,
                             "overwrite": overwrite});
        let reply = self.ask(&request, &[input.as_raw_fd()])?;
        drop(input);
        answer_of(&reply, id).map(drop)
    }

    /// Builds `opts` from a process the launcher forks (a build mounts and enters namespaces
    /// as `skiff build` does): the context is the tar stream read from `context` (plain, gzip
    /// or zstd; its Dockerfile at `dockerfile`, or Dockerfile/Containerfile), the progress
    /// and RUN output go to `output`. Returns the image id once the build ends.
    pub fn build(
        &self,
        opts: &crate::build::BuildOptions,
        dockerfile: Option<&str>,
        context: OwnedFd,
        output: OwnedFd,
    ) -> Result<String> {
        let request = json!({"build": opts, "dockerfile": dockerfile});
        let reply = self.ask(&request, &[output.as_raw_fd(), context.as_raw_fd()])?;
        drop(output);
        drop(context);
        let (answer, _) = answer_of(&reply, "the build")?;
        answer["id"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| Error::Runtime("the launcher sent no image id".into()))
    }

    /// `network connect` of running container `ctr` to network `net` from a process the
    /// launcher forks, in the user namespace the service was started in, as `skiff network
    /// connect` would: only from there can a relay reach a container the service's namespace
    /// cannot (see [`crate::networks::relay`]).
    pub fn network_connect(&self, net: &str, ctr: &str, opts: &ConnectOptions) -> Result<()> {
        let request = json!({"network_connect": ctr, "network": net, "options": opts});
        let reply = self.ask(&request, &[])?;
        answer_of(&reply, ctr).map(drop)
    }

    /// `network disconnect` of container `ctr` from network `net` from a process the launcher
    /// forks, as `skiff network disconnect` would (see [`Self::network_connect`]).
    pub fn network_disconnect(&self, net: &str, ctr: &str, force: bool) -> Result<()> {
        let request = json!({"network_disconnect": ctr, "network": net, "force": force});
        let reply = self.ask(&request, &[])?;
        answer_of(&reply, ctr).map(drop)
    }

    /// Sends signal `sig` to host pid `pid` from a process the launcher forks, in the user
    /// namespace the service was started in (see [`super::stop::relay_signals_through`]); a
    /// process already gone is not an error.
    pub fn kill(&self, pid: i32, sig: i32) -> Result<()> {
        let reply = self.ask(&json!({"kill": pid, "signal": sig}), &[])?;
        answer_of(&reply, &format!("pid {pid}")).map(drop)
    }

    /// Starts container `id` from a process the launcher forks, as
    /// [`Engine::start_container_with`] would in this one; `Ok(None)` when it already runs.
    pub fn start(&self, id: &str, attach: bool, stdin: Option<OwnedFd>) -> Result<Option<Started>> {
        let request = json!({"start": id, "attach": attach});
        let fds: Vec<RawFd> = stdin.iter().map(|f| f.as_raw_fd()).collect();
        let reply = self.ask(&request, &fds)?;
        drop(stdin);
        let (answer, fds) = answer_of(&reply, id)?;
        if answer["started"] != true {
            return Ok(None);
        }
        let mut fds = fds.into_iter();
        let mut take = |present: bool| if present { fds.next() } else { None };
        let ctl =
            take(true).ok_or_else(|| Error::Runtime("the launcher sent no channel".into()))?;
        let has = |key: &str| answer[key] == true;
        let stdout = take(has("stdout")).map(std::fs::File::from);
        let stderr = take(has("stderr")).map(std::fs::File::from);
        let pty_master = take(has("pty"));
        Ok(Some(Started {
            id: answer["id"].as_str().unwrap_or(id).to_string(),
            pid: answer["pid"].as_i64().unwrap_or(0) as i32,
            ctl: UnixStream::from(ctl),
            stdout,
            stderr,
            pty_master,
        }))
    }
}

/// The process an exec through the launcher runs in: its exit code arrives on this channel.
pub struct ExecWaiter {
    channel: OwnedFd,
}

impl ExecWaiter {
    /// Waits until the exec process ends; its exit code (128 + a signal that killed it), or
    /// 255 when the launcher's process went away without one. The process recorded the exec's
    /// end (docker's `exec_die`) already.
    pub fn wait(self) -> i32 {
        match recv(self.channel.as_raw_fd()) {
            Ok((data, _)) => serde_json::from_slice::<Value>(&data)
                .ok()
                .and_then(|v| v["exit"].as_i64())
                .map_or(255, |c| c as i32),
            Err(_) => 255,
        }
    }
}

/// The first answer on `reply` for container `id`: the launcher's error as the engine's, or
/// the message and its descriptors.
fn answer_of(reply: &OwnedFd, id: &str) -> Result<(Value, Vec<OwnedFd>)> {
    let (data, fds) = recv(reply.as_raw_fd())
        .map_err(|e| Error::Runtime(format!("the launcher's answer for {id}: {e}")))?;
    let answer: Value = serde_json::from_slice(&data).map_err(|_| {
        Error::Runtime(format!(
            "the launcher ended without an answer for {id}: see the service's log"
        ))
    })?;
    if let Some(err) = answer.get("error") {
        return Err(error_from_json(err));
    }
    Ok((answer, fds))
}

impl Engine {
    /// Rootless, in a process that entered skiff's user namespace already (the REST service):
    /// whether an exec in running container `rec` must come from a [`Launcher`], because the
    /// container runs in a user namespace that is neither this one nor one made in it (it was
    /// started by the CLI, or on a user-defined network). Always false as root.
    pub fn exec_needs_launcher(&mut self, rec: &ContainerRecord) -> bool {
        if !crate::runtime::userns::in_userns() || rec.pid <= 0 {
            return false;
        }
        !crate::networks::attach::shares_userns(rec.pid)
            && !crate::runtime::userns::parent_userns_is_ours(rec.pid)
    }

    /// Rootless, in a process that entered skiff's user namespace already (the REST service):
    /// whether `network connect` or `disconnect` of container `ctr` and network `net` must
    /// come from a [`Launcher`]: the container runs, and it runs in a user namespace this
    /// process cannot enter (the CLI started it on the default network), or the network's
    /// holder does (the launcher or the CLI started it); a relay, or the holder's namespace,
    /// is reached only from the initial one. Always false as root.
    pub fn network_change_needs_launcher(&mut self, net: &str, ctr: &str) -> Result<bool> {
        let rec = self.lookup_container(ctr)?;
        let Some(running) = self
            .refreshed_container(&rec.id)?
            .filter(|r| r.state.is_active())
        else {
            return Ok(false);
        };
        if self.exec_needs_launcher(&running) {
            return Ok(true);
        }
        let net = self.network_get(net)?;
        let holder = crate::networks::holder::read_state_in(&crate::networks::holder::dir(
            &self.paths().runroot,
            &net.id,
        ));
        Ok(holder.is_some_and(|h| !crate::networks::attach::shares_userns(h.pid)))
    }

    /// Rootless, in a process that entered skiff's user namespace already (the REST service):
    /// whether starting `rec` must join another user namespace (a user-defined network's,
    /// another container's), which only a [`Launcher`] can do. Always false as root.
    pub fn start_needs_launcher(&mut self, rec: &ContainerRecord) -> Result<bool> {
        if !crate::runtime::userns::in_userns() {
            return Ok(false);
        }
        let other = |mode: &str| mode.strip_prefix("container:").map(str::to_string);
        for target in [
            other(&rec.config.network_mode),
            other(&rec.config.pid_mode),
            other(&rec.config.ipc_mode),
        ]
        .into_iter()
        .flatten()
        {
            // A container that is not running fails the start either way, with its own error.
            if let Ok(pid) = self.joined_container_pid(&target, "network") {
                return Ok(!crate::networks::attach::shares_userns(pid));
            }
        }
        if !super::network::on_user_network(&rec.config) {
            return Ok(false);
        }
        let list = crate::networks::attach::attachments(self.catalog()?.conn(), &rec.id)?;
        let Some(first) = list.first() else {
            return Ok(false);
        };
        let holder = crate::networks::holder::read_state_in(&crate::networks::holder::dir(
            &self.paths().runroot,
            &first.net.id,
        ));
        Ok(!holder.is_some_and(|h| crate::networks::attach::shares_userns(h.pid)))
    }
}

/// The launcher's loop: one request at a time until the service closes its end. Each runs
/// in a grandchild (the child exits at once, so the launcher never waits on a start or an
/// exec), which answers on the request's own channel.
fn serve(control: &OwnedFd, opts: &EngineOptions) {
    loop {
        let Ok((data, fds)) = recv(control.as_raw_fd()) else {
            return;
        };
        if data.is_empty() {
            return;
        }
        let Ok(request) = serde_json::from_slice::<Value>(&data) else {
            continue;
        };
        let mut fds = fds.into_iter();
        let Some(reply) = fds.next() else {
            continue;
        };
        let rest: Vec<OwnedFd> = fds.collect();
        // SAFETY: the launcher is single-threaded; the child forks once more and exits.
        match unsafe { nix::unistd::fork() } {
            Ok(nix::unistd::ForkResult::Child) => {
                // SAFETY: as above, and the grandchild runs one request and exits.
                if let Ok(nix::unistd::ForkResult::Child) = unsafe { nix::unistd::fork() } {
                    // The request channel is the launcher's alone: a grandchild that outlives
                    // it (an exec) must not keep it open, or requests to a dead launcher would
                    // wait for ever instead of failing. SAFETY: this process owns a copy of the
                    // descriptor and never uses it again.
                    unsafe { libc::close(control.as_raw_fd()) };
                    handle(&request, &reply, rest, opts);
                }
                // SAFETY: _exit ends a forked child without running the parent's destructors.
                unsafe { libc::_exit(0) }
            }
            Ok(nix::unistd::ForkResult::Parent { child }) => {
                drop(reply);
                drop(rest);
                let _ = nix::sys::wait::waitpid(child, None);
            }
            Err(e) => {
                let _ = reply_error(&reply, &Error::Runtime(format!("fork: {e}")));
            }
        }
    }
}

/// Runs one request in the launcher's grandchild and answers on `reply`.
fn handle(request: &Value, reply: &OwnedFd, fds: Vec<OwnedFd>, opts: &EngineOptions) {
    let mut engine = Engine::new(opts.clone());
    if let Some(id) = request["start"].as_str() {
        let attach = request["attach"] == true;
        let answer = engine.start_container_with(id, attach, fds.into_iter().next());
        let _ = reply_with(reply, answer);
        return;
    }
    if let (Some(pid), Some(sig)) = (request["kill"].as_i64(), request["signal"].as_i64()) {
        let answer = match (i32::try_from(pid), i32::try_from(sig)) {
            (Ok(pid), Ok(sig)) => super::stop::signal_pid(pid, sig),
            _ => Err(Error::InvalidArgument(format!(
                "no such pid {pid} or signal {sig}"
            ))),
        };
        reply_done(reply, answer);
        return;
    }
    if let Some(ctr) = request["network_connect"].as_str() {
        let opts = ConnectOptions::deserialize(&request["options"]).unwrap_or_default();
        let answer =
            engine.network_connect(request["network"].as_str().unwrap_or_default(), ctr, &opts);
        reply_done(reply, answer);
        return;
    }
    if let Some(ctr) = request["network_disconnect"].as_str() {
        let net = request["network"].as_str().unwrap_or_default();
        let answer = engine.network_disconnect(net, ctr, request["force"] == true);
        reply_done(reply, answer);
        return;
    }
    if let Some(id) = request["stat"].as_str() {
        let path = request["path"].as_str().unwrap_or("/");
        let contents = request["contents"] == true;
        let answer = engine
            .open_container_root(id)
            .and_then(|root| root.stat(std::path::Path::new(path), contents));
        let _ = match answer {
            Ok(stat) => send_json(reply, &json!({"stat": stat.as_ref().map(stat_to_json)})),
            Err(e) => reply_error(reply, &e),
        };
        return;
    }
    if let Some(id) = request["archive_get"].as_str() {
        let path = request["path"].as_str().unwrap_or("/");
        let export = request["export"] == true;
        let contents = request["contents"] == true;
        archive_get(&mut engine, id, path, export, contents, reply, fds);
        return;
    }
    if let Some(build) = request.get("build") {
        let answer = run_build(&mut engine, build, request["dockerfile"].as_str(), fds);
        let _ = match answer {
            Ok(id) => send_json(reply, &json!({"id": id})),
            Err(e) => reply_error(reply, &e),
        };
        return;
    }
    if let Some(id) = request["archive_put"].as_str() {
        let path = std::path::Path::new(request["path"].as_str().unwrap_or("/"));
        let copy_uid_gid = request["copy_uid_gid"] == true;
        let overwrite = request["overwrite"] == true;
        let answer = fds
            .into_iter()
            .next()
            .ok_or_else(|| Error::Runtime("no archive to copy in".into()))
            .and_then(|input| {
                let user = engine.lookup_container(id)?.config.user;
                let owners = CopyOwners::for_api(copy_uid_gid, &user);
                let mut root = engine.open_container_root(id)?;
                if root.stat(path, false)?.is_none() {
                    return Err(missing(path, id));
                }
                // docker's daemon takes the archive plain or compressed.
                let mut tar = crate::packed::decompressed(std::fs::File::from(input))
                    .map_err(|e| Error::io("the archive", e))?;
                root.copy_in(path, &owners, overwrite, &mut tar)
            });
        reply_done(reply, answer);
        return;
    }
    let Some(id) = request["exec"].as_str() else {
        return;
    };
    let strings = |key: &str| -> Vec<String> {
        request[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let text = |key: &str| request[key].as_str().map(str::to_string);
    let exec = ExecOptions {
        cmd: strings("cmd"),
        env: strings("env"),
        user: text("user"),
        workdir: text("workdir"),
        tty: request["tty"] == true,
        interactive: request["interactive"] == true,
        privileged: request["privileged"] == true,
        console_size: serde_json::from_value(request["console_size"].clone()).unwrap_or(None),
        ..ExecOptions::default()
    };
    let mut fds = fds.into_iter();
    let stdio = match (fds.next(), fds.next(), fds.next()) {
        (Some(stdin), Some(stdout), Some(stderr)) => Stdio::Fds {
            stdin,
            stdout,
            stderr,
        },
        _ => Stdio::Pty,
    };
    match engine.spawn_exec(id, &exec, stdio) {
        Err(e) => {
            let _ = reply_error(reply, &e);
        }
        Ok(p) => {
            let message =
                json!({"id": p.container_id, "pid": p.pid, "pty": p.pty_master.is_some()});
            let fds: Vec<RawFd> = p.pty_master.iter().map(|f| f.as_raw_fd()).collect();
            let _ = send(reply.as_raw_fd(), message.to_string().as_bytes(), &fds);
            drop(p.pty_master);
            let code = super::exec::wait_exec(p.pid);
            engine.exec_ended(&p.container_id, code);
            let _ = send(
                reply.as_raw_fd(),
                json!({"exit": code}).to_string().as_bytes(),
                &[],
            );
        }
    }
}

/// The archive GET in the launcher's grandchild: the stat on `reply`, then the tar on the
/// pipe in `fds` (a copy that fails half-way ends the stream early). With `export`, the tar
/// is the container's own files, as `export` writes them.
fn archive_get(
    engine: &mut Engine,
    id: &str,
    path: &str,
    export: bool,
    contents: bool,
    reply: &OwnedFd,
    fds: Vec<OwnedFd>,
) {
    let Some(out) = fds.into_iter().next() else {
        return;
    };
    let path = std::path::Path::new(path);
    let opened = engine.open_container_root(id).and_then(|root| {
        let stat = root
            .stat(path, contents)?
            .ok_or_else(|| missing(path, id))?;
        Ok((root, stat))
    });
    let (root, stat) = match opened {
        Ok(v) => v,
        Err(e) => {
            let _ = reply_error(reply, &e);
            return;
        }
    };
    if send_json(reply, &json!({"stat": stat_to_json(&stat)})).is_err() {
        return;
    }
    let top = if stat.name == "/" { "." } else { &stat.name };
    let mut out = std::io::BufWriter::new(std::fs::File::from(out));
    let _ = if export {
        root.export(&mut out)
    } else {
        // `PATH/.` follows a final symlink to its directory, as docker's.
        root.copy_out(path, contents, top, &mut out)
    };
    let _ = std::io::Write::flush(&mut out);
}

/// docker's error for a path that is not in container `id`.
fn missing(path: &std::path::Path, id: &str) -> Error {
    Error::NotFound {
        kind: "file",
        name: path.display().to_string(),
        hint: format!(" in container {}", &id[..id.len().min(12)]),
    }
}

fn stat_to_json(s: &PathStat) -> Value {
    json!({"name": s.name, "size": s.size, "mode": s.mode, "mtime": s.mtime,
           "link_target": s.link_target})
}

fn stat_from_json(v: &Value) -> Option<PathStat> {
    Some(PathStat {
        name: v["name"].as_str()?.to_string(),
        size: v["size"].as_i64()?,
        mode: v["mode"].as_u64()? as u32,
        mtime: v["mtime"].as_i64()?,
        link_target: v["link_target"].as_str()?.to_string(),
    })
}

/// Sends `v` on `reply`, without descriptors.
fn send_json(reply: &OwnedFd, v: &Value) -> nix::Result<()> {
    send(reply.as_raw_fd(), v.to_string().as_bytes(), &[])
}

/// A build request in the launcher's process: unpacks the context from the second
/// descriptor, reads its Dockerfile, builds writing to the first; the image id.
fn run_build(
    engine: &mut Engine,
    build: &Value,
    dockerfile: Option<&str>,
    fds: Vec<OwnedFd>,
) -> Result<String> {
    let mut opts: crate::build::BuildOptions = serde_json::from_value(build.clone())
        .map_err(|e| Error::InvalidArgument(format!("the build request: {e}")))?;
    let mut fds = fds.into_iter();
    let (Some(output), Some(context)) = (fds.next(), fds.next()) else {
        return Err(Error::Runtime(
            "the build request came without its streams".into(),
        ));
    };
    let unpacked =
        crate::build::context::UnpackedContext::unpack_from(std::fs::File::from(context))?;
    let (name, text) = unpacked.dockerfile(dockerfile)?;
    opts.context = Some(unpacked.dir().to_path_buf());
    opts.dockerfile = text;
    opts.dockerfile_name = name;
    engine.enter_userns()?;
    let mut out = std::fs::File::from(output);
    engine
        .build(&opts, &crate::image::pull::NoProgress, &|| false, &mut out)
        .map(|b| b.id)
}

/// Sends engine error `e` on `reply`.
/// Answers a request that returns nothing: `{"done": true}`, or its error.
fn reply_done(reply: &OwnedFd, answer: Result<()>) {
    let _ = match answer {
        Ok(()) => send_json(reply, &json!({"done": true})),
        Err(e) => reply_error(reply, &e),
    };
}

fn reply_error(reply: &OwnedFd, e: &Error) -> nix::Result<()> {
    let message = json!({"error": error_to_json(e)});
    send(reply.as_raw_fd(), message.to_string().as_bytes(), &[])
}

/// Sends a start's outcome on `reply`: the error, or the started container with its
/// descriptors (control channel first, then stdout, stderr and the pty master as present).
fn reply_with(reply: &OwnedFd, answer: Result<Option<Started>>) -> nix::Result<()> {
    let (message, fds): (Value, Vec<RawFd>) = match &answer {
        Err(e) => return reply_error(reply, e),
        Ok(None) => (json!({"started": false}), Vec::new()),
        Ok(Some(s)) => {
            let mut fds = vec![s.ctl.as_raw_fd()];
            fds.extend(s.stdout.as_ref().map(|f| f.as_raw_fd()));
            fds.extend(s.stderr.as_ref().map(|f| f.as_raw_fd()));
            fds.extend(s.pty_master.as_ref().map(|f| f.as_raw_fd()));
            (
                json!({"started": true, "id": s.id, "pid": s.pid,
                       "stdout": s.stdout.is_some(), "stderr": s.stderr.is_some(),
                       "pty": s.pty_master.is_some()}),
                fds,
            )
        }
    };
    send(reply.as_raw_fd(), message.to_string().as_bytes(), &fds)
}

/// The engine error `e` as the launcher sends it: its kind and what it says.
fn error_to_json(e: &Error) -> Value {
    match e {
        Error::NotFound { kind, name, hint } => {
            json!({"kind": "not_found", "what": kind, "name": name, "hint": hint})
        }
        Error::Conflict(m) => json!({"kind": "conflict", "message": m}),
        Error::InvalidArgument(m) => json!({"kind": "invalid", "message": m}),
        Error::Ambiguous { .. } => json!({"kind": "invalid", "message": e.to_string()}),
        Error::CommandNotFound(m) => json!({"kind": "command_not_found", "message": m}),
        Error::CommandNotExecutable(m) => json!({"kind": "command_not_executable", "message": m}),
        Error::StepFailed { message, code } => {
            json!({"kind": "step_failed", "message": message, "code": code})
        }
        _ => json!({"kind": "runtime", "message": e.to_string()}),
    }
}

/// The error [`error_to_json`] sent, of the same kind.
fn error_from_json(v: &Value) -> Error {
    let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    match v["kind"].as_str().unwrap_or_default() {
        "not_found" => Error::NotFound {
            kind: match v["what"].as_str().unwrap_or_default() {
                "container" => "container",
                "file" => "file",
                "image" => "image",
                "network" => "network",
                "volume" => "volume",
                _ => "object",
            },
            name: text("name"),
            hint: text("hint"),
        },
        "conflict" => Error::Conflict(text("message")),
        "invalid" => Error::InvalidArgument(text("message")),
        "command_not_found" => Error::CommandNotFound(text("message")),
        "command_not_executable" => Error::CommandNotExecutable(text("message")),
        "step_failed" => Error::StepFailed {
            message: text("message"),
            code: v["code"].as_i64().unwrap_or(1) as i32,
        },
        _ => Error::Runtime(text("message")),
    }
}

/// A close-on-exec `SOCK_SEQPACKET` pair: each message arrives whole, with its descriptors.
fn seqpacket_pair() -> Result<(OwnedFd, OwnedFd)> {
    socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .map_err(|e| Error::Runtime(format!("socketpair: {e}")))
}

/// Sends `data` with descriptors `fds` as one message.
fn send(sock: RawFd, data: &[u8], fds: &[RawFd]) -> nix::Result<()> {
    let rights = [ControlMessage::ScmRights(fds)];
    let cmsgs: &[ControlMessage] = if fds.is_empty() { &[] } else { &rights };
    sendmsg::<()>(sock, &[IoSlice::new(data)], cmsgs, MsgFlags::empty(), None).map(|_| ())
}

/// Receives one message and its descriptors (close-on-exec); empty data at end-of-file.
fn recv(sock: RawFd) -> nix::Result<(Vec<u8>, Vec<OwnedFd>)> {
    let mut buf = vec![0u8; 64 * 1024];
    let (n, fds) = crate::runtime::sync::recv_with_fds::<MAX_FDS>(sock, &mut buf)?;
    buf.truncate(n);
    Ok((buf, fds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_their_kind_across_the_channel() {
        let cases = [
            Error::not_found("container", "web"),
            Error::Conflict("busy".into()),
            Error::InvalidArgument("bad".into()),
            Error::CommandNotFound("nope".into()),
            Error::CommandNotExecutable("noexec".into()),
            Error::Runtime("broke".into()),
        ];
        for e in cases {
            let back = error_from_json(&error_to_json(&e));
            assert_eq!(back.to_string(), e.to_string());
            assert_eq!(
                std::mem::discriminant(&back),
                std::mem::discriminant(&e),
                "{e}"
            );
        }
    }

    #[test]
    fn a_message_carries_its_descriptors() {
        let (a, b) = seqpacket_pair().unwrap();
        let (r, _w) = std::io::pipe().unwrap();
        send(a.as_raw_fd(), b"hello", &[r.as_raw_fd()]).unwrap();
        let (data, fds) = recv(b.as_raw_fd()).unwrap();
        assert_eq!(data, b"hello");
        assert_eq!(fds.len(), 1);
        drop(a);
        let (data, fds) = recv(b.as_raw_fd()).unwrap();
        assert!(data.is_empty() && fds.is_empty());
    }
}
