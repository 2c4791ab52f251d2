//! Exec sessions: `POST /containers/{id}/exec` creates one, `POST /exec/{id}/start` runs it
//! (hijacking the connection unless detached), `GET /exec/{id}/json` reports it, and
//! `POST /exec/{id}/resize` sets its tty's window size.

use std::fs::File;
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::Arc;

use hyper::StatusCode;
use serde_json::{json, Value};
use skiff_libpod::container::exec::{wait_exec, ExecOptions, ExecProcess, Stdio};
use skiff_libpod::container::launcher::{ExecWaiter, Launcher};
use tokio::io::AsyncWriteExt;
use tokio::sync::{mpsc, oneshot};

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::ctx::{read_body, read_json};
use crate::error::{ApiError, ApiResult};
use crate::hijack::{self, Stream};
use crate::state::{ExecSession, State};

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

/// `POST /containers/{id}/exec`: 201 `{"Id"}`; 409 when the container is not running.
pub async fn create(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let state = ctx.state.clone();
    let spec = read_json(ctx.req).await?;
    let cmd = strings(&spec["Cmd"]);
    if cmd.is_empty() {
        return Err(ApiError::bad_request("No exec command specified"));
    }
    let text = |k: &str| {
        spec[k]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let flag = |k: &str| spec[k].as_bool().unwrap_or(false);
    let opts = ExecOptions {
        cmd,
        env: strings(&spec["Env"]),
        user: text("User"),
        workdir: text("WorkingDir"),
        tty: flag("Tty"),
        interactive: flag("AttachStdin"),
        privileged: flag("Privileged"),
        // docker's: the create's ConsoleSize, unless the start gives one.
        console_size: console_size(&spec),
        ..ExecOptions::default()
    };
    let name = id.to_string();
    let rec = state
        .engine(move |e| Ok(e.lookup_container(&name)?))
        .await?;
    if !rec.state.is_active() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("Container {} is not running", rec.id),
        ));
    }
    let session = ExecSession {
        container_id: rec.id,
        opts,
        stdout: flag("AttachStdout"),
        stderr: flag("AttachStderr"),
        running: false,
        exit_code: None,
        pid: 0,
        pty: None,
        window: None,
        claimed: false,
        ended: None,
    };
    let exec_id = state.add_exec(session);
    Ok(body::json_status(
        StatusCode::CREATED,
        &json!({ "Id": exec_id }),
    ))
}

/// The pipe pair `(read, write)`.
fn pipe() -> ApiResult<(OwnedFd, OwnedFd)> {
    std::io::pipe()
        .map(|(r, w)| (r.into(), w.into()))
        .map_err(|e| ApiError::internal(format!("pipe: {e}")))
}

fn dev_null() -> ApiResult<OwnedFd> {
    File::options()
        .read(true)
        .write(true)
        .open("/dev/null")
        .map(OwnedFd::from)
        .map_err(|e| ApiError::internal(format!("/dev/null: {e}")))
}

/// The client's ends of an exec process's streams.
struct ClientEnds {
    input: Option<File>,
    outputs: Vec<(File, Stream)>,
}

/// The process's stdio for `opts` and the service's ends of it.
fn exec_stdio(opts: &ExecOptions, detach: bool) -> ApiResult<(Stdio, ClientEnds)> {
    let mut ends = ClientEnds {
        input: None,
        outputs: Vec::new(),
    };
    // docker's detached exec with a tty still has one (`tty` works in it); its output is
    // read and dropped (see `start`).
    if detach && opts.tty {
        return Ok((Stdio::Pty, ends));
    }
    if detach {
        let stdio = Stdio::Fds {
            stdin: dev_null()?,
            stdout: dev_null()?,
            stderr: dev_null()?,
        };
        return Ok((stdio, ends));
    }
    if opts.tty {
        return Ok((Stdio::Pty, ends));
    }
    let stdin = if opts.interactive {
        let (r, w) = pipe()?;
        ends.input = Some(File::from(w));
        r
    } else {
        dev_null()?
    };
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    ends.outputs = vec![
        (File::from(out_r), Stream::Stdout),
        (File::from(err_r), Stream::Stderr),
    ];
    let stdio = Stdio::Fds {
        stdin,
        stdout: out_w,
        stderr: err_w,
    };
    Ok((stdio, ends))
}

/// How an exec process is waited for.
enum Waiter {
    /// The service's own child: container id and pid.
    Child(String, i32),
    /// A process of the launcher's (rootless, another user namespace's container).
    Launcher(ExecWaiter),
}

/// Starts the exec on engine `e`, or through the launcher when the container runs in a user
/// namespace this process cannot join; the launcher's waiter comes with it then.
fn spawn(
    launcher: &Launcher,
    e: &mut skiff_libpod::Engine,
    container: &str,
    opts: &ExecOptions,
    stdio: Stdio,
) -> skiff_libpod::Result<(ExecProcess, Option<ExecWaiter>)> {
    let rec = e.lookup_container(container)?;
    if e.exec_needs_launcher(&rec) {
        let (p, w) = launcher.exec(&rec.id, opts, stdio)?;
        return Ok((p, Some(w)));
    }
    Ok((e.spawn_exec(container, opts, stdio)?, None))
}

/// Waits for the exec process on a thread of its own, records its end, and says so on `done`.
fn reap(state: Arc<State>, exec_id: String, waiter: Waiter, done: oneshot::Sender<()>) {
    std::thread::spawn(move || match waiter {
        Waiter::Child(container, pid) => {
            let code = wait_exec(pid);
            state.exec_exited(&exec_id, code);
            let _ = done.send(());
            let opts = state.engine_options();
            let _ = skiff_libpod::Engine::new(opts).exec_ended(&container, code);
        }
        Waiter::Launcher(w) => {
            let code = w.wait();
            state.exec_exited(&exec_id, code);
            let _ = done.send(());
        }
    });
}

/// `POST /exec/{id}/start` with `{"Detach": bool}`.
pub async fn start(mut ctx: Ctx, exec_id: &str) -> ApiResult<Resp> {
    let state = ctx.state.clone();
    let session = state
        .exec(exec_id)
        .ok_or_else(|| ApiError::not_found(format!("No such exec instance: {exec_id}")))?;
    if !state.claim_exec(exec_id) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("exec {exec_id} has already been started"),
        ));
    }
    let mut claim = Claim {
        state: state.clone(),
        id: exec_id.to_string(),
        armed: true,
    };
    let (answer, conn) = hijack::answer(&mut ctx.req, session.opts.tty, false);
    let raw = read_body(ctx.req).await?;
    let start = serde_json::from_slice::<Value>(&raw).unwrap_or(Value::Null);
    let detach = start["Detach"].as_bool().unwrap_or(false);
    // API 1.42's ConsoleSize: the tty has its size before the command runs.
    let session = ExecSession {
        opts: ExecOptions {
            console_size: console_size(&start).or(session.opts.console_size),
            ..session.opts
        },
        ..session
    };
    let (stdio, mut ends) = exec_stdio(&session.opts, detach)?;
    let exec_id = exec_id.to_string();
    if detach {
        let launched = launch(&state, &exec_id, &session, stdio).await?;
        claim.armed = false;
        match launched {
            Err((code, message)) => {
                state.exec_exited(&exec_id, code);
                return Err(ApiError::new(StatusCode::BAD_REQUEST, message));
            }
            // No client reads a detached tty: its output is dropped, so the process never
            // blocks on a full pty; the read ends when its last process closes it.
            Ok((Some(master), _)) => {
                if let Ok(clone) = master.try_clone() {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut File::from(clone), &mut std::io::sink());
                    });
                }
            }
            Ok((None, _)) => {}
        }
        return Ok(body::empty(StatusCode::OK));
    }
    // As docker, the process starts once the connection is upgraded: output sent along with
    // the 101 answer can be swallowed by a client still reading its headers (docker-py reads
    // them through a buffer, then reads the stream from the bare socket). So the container is
    // checked before the answer, and the process started after it.
    let container = session.container_id.clone();
    state
        .engine(move |e| {
            let rec = e.lookup_container(&container)?;
            if rec.state != skiff_libpod::container::State::Running {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    format!("container {} is not running", rec.name),
                ));
            }
            Ok(())
        })
        .await?;
    let tty = session.opts.tty;
    let (out, err) = (session.stdout, session.stderr);
    let busy = state.busy();
    tokio::spawn(async move {
        // The whole guard moves here (a closure would capture only the field it assigns).
        let mut claim = claim;
        let _busy = busy;
        let Some(mut io) = conn.await else {
            return;
        };
        let launched = launch(&state, &exec_id, &session, stdio).await;
        claim.armed = false;
        let (pty, done) = match launched {
            Ok(Ok(started)) => started,
            Ok(Err((code, message))) => {
                state.exec_exited(&exec_id, code);
                write_failure(&mut io, tty, &message).await;
                return;
            }
            Err(e) => {
                state.exec_exited(&exec_id, 126);
                write_failure(&mut io, tty, &e.message).await;
                return;
            }
        };
        if let Some(master) = &pty {
            let dup = |m: &OwnedFd| m.try_clone().map(File::from);
            let Ok(clone) = dup(master) else {
                return;
            };
            ends.outputs.push((clone, Stream::Stdout));
            if session.opts.interactive {
                ends.input = dup(master).ok();
            }
        }
        let (read_half, mut write_half) = tokio::io::split(io);
        let feeder = ends
            .input
            .take()
            .map(|f| hijack::Feeder::spawn(read_half, hijack::sink(f)));
        let (tx, rx) = mpsc::channel(64);
        for (file, stream) in ends.outputs {
            hijack::pump(file, stream, tx.clone());
        }
        drop(tx);
        hijack::relay(rx, &mut write_half, tty, |s| match s {
            Stream::Stdout => out,
            Stream::Stderr => err,
        })
        .await;
        // The client reads the exit code (GET /exec/{id}/json) once the stream ends.
        let _ = done.await;
        let _ = write_half.shutdown().await;
        if let Some(f) = feeder {
            f.stop();
        }
    });
    Ok(answer)
}

/// API 1.42's `ConsoleSize: [rows, columns]` of an exec create or start.
fn console_size(start: &Value) -> Option<(u16, u16)> {
    let a = start["ConsoleSize"].as_array()?;
    let n = |i: usize| {
        a.get(i)?
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| *n > 0)
    };
    Some((n(0)?, n(1)?))
}

/// A claimed exec session, given back when dropped armed: a start that fails before its
/// process runs (a bad body, a stopped container, a client gone before the upgrade) may be
/// retried, as with docker.
struct Claim {
    state: Arc<State>,
    id: String,
    armed: bool,
}

impl Drop for Claim {
    fn drop(&mut self) {
        if self.armed {
            self.state.release_exec(&self.id);
        }
    }
}

/// A started exec: its pty master (with a tty), and `done`, which fires once its exit code
/// is recorded.
type Launched = (Option<Arc<OwnedFd>>, oneshot::Receiver<()>);

/// Starts exec `exec_id` of `session` with `stdio` and has its end recorded. `Ok(Err((code,
/// message)))` when its command could not run (126, 127: the stream says why, as docker).
async fn launch(
    state: &Arc<State>,
    exec_id: &str,
    session: &ExecSession,
    stdio: Stdio,
) -> ApiResult<Result<Launched, (i32, String)>> {
    let (opts, container) = (session.opts.clone(), session.container_id.clone());
    let launcher = state.launcher();
    let spawned = state
        .engine(
            move |e| match spawn(&launcher, e, &container, &opts, stdio) {
                Ok(p) => Ok(Ok(p)),
                Err(skiff_libpod::Error::CommandNotFound(m)) => Ok(Err((127, m))),
                Err(skiff_libpod::Error::CommandNotExecutable(m)) => Ok(Err((126, m))),
                Err(other) => Err(other.into()),
            },
        )
        .await?;
    let (spawned, waiter) = match spawned {
        Ok(p) => p,
        Err(failed) => return Ok(Err(failed)),
    };
    let pty = spawned.pty_master.map(Arc::new);
    if let (Some(size), Some(master)) =
        (state.exec_started(exec_id, spawned.pid, pty.clone()), &pty)
    {
        // Right after the process started: a change from no size sends it SIGWINCH.
        let _ = set_window(master, size);
    }
    let (done_tx, done) = oneshot::channel();
    let waiter = match waiter {
        Some(w) => Waiter::Launcher(w),
        None => Waiter::Child(spawned.container_id, spawned.pid),
    };
    reap(state.clone(), exec_id.to_string(), waiter, done_tx);
    Ok(Ok((pty, done)))
}

/// Writes why an exec's command could not run on its hijacked stream (stderr without a tty),
/// then ends the stream.
async fn write_failure<W: tokio::io::AsyncWrite + Unpin>(io: &mut W, tty: bool, message: &str) {
    let text = format!("{message}\n");
    let chunk = if tty {
        bytes::Bytes::from(text)
    } else {
        hijack::frame(Stream::Stderr, text.as_bytes())
    };
    let _ = io.write_all(&chunk).await;
    let _ = io.shutdown().await;
}

/// `GET /exec/{id}/json`.
pub async fn inspect(ctx: Ctx, exec_id: &str) -> ApiResult<Resp> {
    let s = ctx
        .state
        .exec(exec_id)
        .ok_or_else(|| ApiError::not_found(format!("No such exec instance: {exec_id}")))?;
    let (entrypoint, args) = s.opts.cmd.split_first().expect("exec has a command");
    Ok(body::json(&json!({
        "ID": exec_id,
        "Running": s.running,
        "ExitCode": s.exit_code,
        "ProcessConfig": {
            "tty": s.opts.tty,
            "entrypoint": entrypoint,
            "arguments": args,
            "privileged": s.opts.privileged,
            "user": s.opts.user.clone().unwrap_or_default(),
        },
        "OpenStdin": s.opts.interactive,
        "OpenStdout": s.stdout,
        "OpenStderr": s.stderr,
        "CanRemove": false,
        "ContainerID": s.container_id,
        "DetachKeys": "",
        "Pid": s.pid,
    })))
}

/// Sets the window size of the pty `master` from `h` and `w` query parameters.
pub fn resize_pty(ctx: &Ctx, master: &OwnedFd) -> ApiResult<()> {
    set_window(master, window_size(ctx)?)
}

/// Sets the window size of the pty `master` to `(h, w)` (rows, columns).
fn set_window(master: &OwnedFd, (h, w): (u16, u16)) -> ApiResult<()> {
    let ws = libc::winsize {
        ws_row: h,
        ws_col: w,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ with a valid winsize on a pty master we hold.
    if unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &ws) } != 0 {
        return Err(ApiError::internal(format!(
            "resizing the tty: {}",
            std::io::Error::last_os_error()
        )));
    }
    Ok(())
}

/// The rows and columns a resize asks for (`h`, `w`).
pub fn window_size(ctx: &Ctx) -> ApiResult<(u16, u16)> {
    let h = ctx.query.int("h")?.unwrap_or(0).clamp(0, u16::MAX as i64) as u16;
    let w = ctx.query.int("w")?.unwrap_or(0).clamp(0, u16::MAX as i64) as u16;
    Ok((h, w))
}

/// `POST /exec/{id}/resize?h=&w=`.
pub async fn resize(ctx: Ctx, exec_id: &str) -> ApiResult<Resp> {
    let size = window_size(&ctx)?;
    ctx.state
        .exec(exec_id)
        .ok_or_else(|| ApiError::not_found(format!("No such exec instance: {exec_id}")))?;
    // The docker CLI resizes as it starts the exec: before the pty exists the size is kept.
    if let Some(master) = ctx.state.exec_resize(exec_id, size) {
        set_window(&master, size)?;
    }
    Ok(body::empty(StatusCode::OK))
}
