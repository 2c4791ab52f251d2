//! Container routes that stream or hold the connection: start (which hands the container's
//! output to an attach client waiting for it), attach, wait, logs.

use std::time::Duration;

use bytes::Bytes;
use hyper::StatusCode;
use serde_json::json;
use skiff_libpod::container::attach::{relay_attached, AttachIo, AttachOptions};
use skiff_libpod::container::detach_keys::DetachKeys;
use skiff_libpod::container::logs::{LogOptions, Stream as LogStream};
use skiff_libpod::container::start::{read_exit, Started};
use skiff_libpod::container::wait::{WaitCondition, WaitEnd};
use skiff_libpod::container::{ContainerRecord, State as CtrState};
use skiff_libpod::events::EventQuery;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::Arc;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::hijack::{self, Stream};
use crate::state::{AttachedStart, State};

/// Reads the monitor's `exited CODE` for a started container on a thread of its own and
/// records it: `wait` needs it after an `--rm` container is gone.
fn watch_exit(state: Arc<State>, started: Started) {
    std::thread::spawn(move || {
        if let Some(code) = read_exit(&started.ctl) {
            state.record_exit(&started.id, code);
        }
    });
}

/// Gives the streams of a container that was just started to the attach clients waiting for
/// it: each gets all the output (read once, copied to each); the one that sends input (or
/// the first) gets the input pipe and pty; the exit is recorded here.
fn hand_over(
    state: Arc<State>,
    started: Started,
    waiting: Vec<crate::state::PendingAttach>,
    stdin: Option<std::fs::File>,
) {
    let Started {
        id,
        ctl,
        stdout,
        stderr,
        pty_master,
        pid,
    } = started;
    let mut senders = Vec::new();
    let mut receivers = Vec::new();
    for _ in &waiting {
        let (tx, rx) = mpsc::channel(64);
        senders.push(tx);
        receivers.push(rx);
    }
    if let Some(f) = stdout {
        hijack::pump_to_all(f, Stream::Stdout, senders.clone());
    }
    if let Some(f) = stderr {
        hijack::pump_to_all(f, Stream::Stderr, senders);
    }
    let inputs = waiting.iter().position(|w| w.stdin).unwrap_or(0);
    let (mut stdin, mut pty_master) = (stdin, pty_master);
    for (i, (w, output)) in waiting.into_iter().zip(receivers).enumerate() {
        let handed = AttachedStart {
            id: id.clone(),
            output,
            ctl: None,
            pty_master: if i == inputs { pty_master.take() } else { None },
            stdin: if i == inputs { stdin.take() } else { None },
        };
        let _ = w.tx.send(handed);
    }
    watch_exit(
        state,
        Started {
            id,
            pid,
            ctl,
            stdout: None,
            stderr: None,
            pty_master: None,
        },
    );
}

/// `POST /containers/{id}/start`: 204; 304 when it already runs. An attach client waiting for
/// this container gets its output streams (and its input pipe).
pub async fn start(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let state = ctx.state.clone();
    let name = id.to_string();
    let rec = state
        .engine(move |e| Ok(e.lookup_container(&name)?))
        .await?;
    let waiting = state.take_waiting(&rec.id);
    let attach = !waiting.is_empty();
    let wants_pipe = waiting.iter().any(|w| w.stdin) && rec.config.open_stdin && !rec.config.tty;
    let (stdin_r, stdin_w) = if wants_pipe {
        let (r, w) = std::io::pipe().map_err(|e| ApiError::internal(format!("pipe: {e}")))?;
        (
            Some(OwnedFd::from(r)),
            Some(std::fs::File::from(OwnedFd::from(w))),
        )
    } else {
        (None, None)
    };
    let id = rec.id.clone();
    let launcher = state.launcher();
    let auto_remove = rec.config.auto_remove;
    let started = state
        .engine(move |e| {
            match State::start_container(&launcher, e, &id, attach, stdin_r) {
                Ok(started) => Ok(started),
                Err(err) => {
                    // As docker: an AutoRemove container whose start failed is removed, or a
                    // client waiting for its removal (`docker run --rm`) would wait for ever.
                    if auto_remove {
                        let _ = e.remove_container(&id, true, true);
                    }
                    Err(err.into())
                }
            }
        })
        .await?;
    let Some(started) = started else {
        return Ok(body::empty(StatusCode::NOT_MODIFIED));
    };
    if waiting.is_empty() {
        watch_exit(state, started);
    } else {
        hand_over(state, started, waiting, stdin_w);
    }
    Ok(body::empty(StatusCode::NO_CONTENT))
}

/// `POST /containers/{id}/attach?stream=1&stdin=1&stdout=1&stderr=1`: hijacks the connection;
/// the container's output follows from its start (which `docker run` sends after attaching),
/// and the client's input goes to its stdin or tty.
pub async fn attach(mut ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let name = id.to_string();
    let rec = ctx
        .state
        .engine(move |e| Ok(e.lookup_container(&name)?))
        .await?;
    if !ctx.query.flag("stream") {
        return Ok(attach_logs_only(ctx, rec));
    }
    if matches!(
        rec.state,
        CtrState::Running | CtrState::Paused | CtrState::Restarting
    ) {
        return attach_running(ctx, rec).await;
    }
    let (out, err) = (ctx.query.flag("stdout"), ctx.query.flag("stderr"));
    let input = ctx.query.flag("stdin") && rec.config.open_stdin;
    let tty = rec.config.tty;
    let for_start = ctx.state.wait_for_start(&rec.id, input);
    Ok(ctx.take_over(tty, move |state, io| async move {
        let Ok(AttachedStart {
            id,
            output,
            ctl,
            pty_master,
            stdin,
        }) = for_start.await
        else {
            return;
        };
        let (read_half, mut write_half) = tokio::io::split(io);
        let pty = pty_master.map(Arc::new);
        state.set_pty(&id, pty.clone());
        let input_file = match (&pty, stdin) {
            (Some(master), _) if input => master.try_clone().ok().map(std::fs::File::from),
            (_, pipe) => pipe,
        };
        let feeder = input_file.map(|f| hijack::Feeder::spawn(read_half, hijack::sink(f)));
        hijack::relay(output, &mut write_half, tty, |s| match s {
            Stream::Stdout => out,
            Stream::Stderr => err,
        })
        .await;
        if let Some(ctl) = ctl {
            let code = tokio::task::spawn_blocking(move || read_exit(&ctl)).await;
            if let Ok(Some(code)) = code {
                state.record_exit(&id, code);
            }
        }
        state.set_pty(&id, None);
        let _ = write_half.shutdown().await;
        if let Some(f) = feeder {
            f.stop();
        }
    }))
}

/// `POST /containers/{id}/resize?h=&w=`: the window size of a tty container this service
/// started for an attached client.
pub async fn resize(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let name = id.to_string();
    let rec = ctx
        .state
        .engine(move |e| Ok(e.lookup_container(&name)?))
        .await?;
    if let Some(master) = ctx.state.pty(&rec.id) {
        crate::routes::exec::resize_pty(&ctx, &master)?;
        return Ok(body::empty(StatusCode::OK));
    }
    if !rec.state.is_active() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("Container {id} is not running"),
        ));
    }
    if rec.config.tty && rec.state == CtrState::Running {
        // Started by someone else: its monitor holds the tty.
        let (h, w) = crate::routes::exec::window_size(&ctx)?;
        let id = rec.id.clone();
        ctx.state
            .engine(move |e| Ok(e.resize_container_tty(&id, h, w)?))
            .await?;
    }
    Ok(body::empty(StatusCode::OK))
}

/// `POST /containers/{id}/wait?condition=`: the headers once the wait is in place (clients
/// start the container then), `{"StatusCode": N}` when it ends.
pub async fn wait(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let cond = WaitCondition::parse(ctx.query.get("condition").unwrap_or(""))?;
    let name = id.to_string();
    let watch = ctx
        .state
        .engine(move |e| Ok(e.watch_container(&name)?))
        .await?;
    let (resp, tx) = body::stream("application/json");
    let state = ctx.state.clone();
    tokio::spawn(async move {
        let id = watch.id.clone();
        // The wait polls on a blocking thread: it ends when the client hangs up (the body's
        // receiver is dropped), or a wait for a container that never runs would hold it.
        let gone = tx.clone();
        let end = state
            .engine(move |e| Ok(e.wait_watched(&watch, cond, &|| gone.is_closed())?))
            .await;
        let doc = match end {
            Ok(None) => return,
            Ok(Some(WaitEnd::Exited(code))) => json!({"StatusCode": code, "Error": null}),
            Ok(Some(WaitEnd::Removed(last))) => {
                // An --rm container's monitor reports its exit after removing it.
                let code = state.exit_code_within(&id, Duration::from_secs(2)).await;
                json!({"StatusCode": code.unwrap_or(last), "Error": null})
            }
            Err(e) => json!({"StatusCode": -1, "Error": {"Message": e.message}}),
        };
        let _ = tx.send(Bytes::from(format!("{doc}\n"))).await;
    });
    Ok(resp)
}

/// `GET /containers/{id}/logs?stdout&stderr&follow&tail&since&until&timestamps&details`.
pub async fn logs(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let q = &ctx.query;
    let (out, err, follow) = (q.flag("stdout"), q.flag("stderr"), q.flag("follow"));
    let prefix = LinePrefix {
        stamps: q.flag("timestamps"),
        details: q.flag("details"),
    };
    if !out && !err {
        return Err(ApiError::bad_request(
            "Bad parameters: you must choose at least one stream",
        ));
    }
    let tail = match q.get("tail") {
        None | Some("all") | Some("") => None,
        Some(t) => Some(t.parse::<usize>().map_err(|_| {
            ApiError::bad_request(format!("invalid tail {t:?}: use a number or all"))
        })?),
    };
    // The docker CLI sends `SECONDS.NANOS`; older clients whole seconds; 0 is "not given".
    let now = skiff_libpod::container::time::now_ns();
    let secs = |k: &str| -> ApiResult<Option<i64>> {
        match q.get(k).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => EventQuery::parse_time(v, now)
                .map(|t| (t > 0).then_some(t))
                .map_err(|e| ApiError::bad_request(format!("invalid {k} {v:?}: {e}"))),
        }
    };
    let opts = LogOptions {
        tail,
        since: secs("since")?,
        until: secs("until")?,
    };
    let name = id.to_string();
    let rec = ctx
        .state
        .engine(move |e| Ok(e.lookup_container(&name)?))
        .await?;
    if rec.config.log_driver == "none" {
        // docker's answer: a client waiting for a line fails rather than hangs.
        return Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "configured logging driver does not support reading",
        ));
    }
    let tty = rec.config.tty;
    let (mut resp, tx) = body::stream(hijack::content_type(tty));
    *resp.status_mut() = StatusCode::OK;
    let state = ctx.state.clone();
    tokio::spawn(async move {
        let id = rec.id.clone();
        let _ = state
            .engine(move |e| {
                let mut sink = log_sink(tx, out, err, prefix, tty);
                Ok(e.container_logs(&id, &opts, follow, &mut sink)?)
            })
            .await;
    });
    Ok(resp)
}

/// What goes before each log line: its time (`timestamps`), then its details (`details`:
/// the log's attributes; skiff records none, so docker's empty list, a space).
#[derive(Debug, Clone, Copy)]
struct LinePrefix {
    stamps: bool,
    details: bool,
}

/// Turns the container's log lines into docker's stream chunks on `tx`: raw with a tty,
/// multiplexed frames without; only the streams asked for (`out`, `err`), each line after its
/// [`LinePrefix`]. Fails once the client went away, which ends a follow.
fn log_sink(
    tx: mpsc::Sender<Bytes>,
    out: bool,
    err: bool,
    prefix: LinePrefix,
    tty: bool,
) -> impl FnMut(&skiff_libpod::container::logs::LogLine) -> std::io::Result<()> {
    move |line| {
        let stream = match line.stream {
            LogStream::Stdout if out => Stream::Stdout,
            LogStream::Stderr if err => Stream::Stderr,
            _ => return Ok(()),
        };
        let mut data = Vec::with_capacity(line.text.len() + 32);
        if prefix.stamps {
            data.extend(skiff_libpod::container::time::rfc3339_nanos(line.time).bytes());
            data.push(b' ');
        }
        if prefix.details {
            data.push(b' ');
        }
        data.extend_from_slice(&line.text);
        let chunk = if tty {
            Bytes::from(data)
        } else {
            hijack::frame(stream, &data)
        };
        tx.blocking_send(chunk)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client went away"))
    }
}

/// Sends the container's whole log (the streams asked for) to `tx` in attach's framing (raw
/// for a tty), and returns when the log has been read.
async fn replay_log(
    state: &Arc<State>,
    id: &str,
    tx: mpsc::Sender<Bytes>,
    out: bool,
    err: bool,
    tty: bool,
) {
    let id = id.to_string();
    let opts = LogOptions {
        tail: None,
        since: None,
        until: None,
    };
    let plain = LinePrefix {
        stamps: false,
        details: false,
    };
    let _ = state
        .engine(move |e| {
            let mut sink = log_sink(tx, out, err, plain, tty);
            Ok(e.container_logs(&id, &opts, false, &mut sink)?)
        })
        .await;
}

/// Writes what `rx` receives to the client until every sender is gone or the client is, then
/// ends the connection.
async fn send_then_close(
    mut rx: mpsc::Receiver<Bytes>,
    mut client: impl tokio::io::AsyncWrite + Unpin,
) {
    while let Some(chunk) = rx.recv().await {
        if client.write_all(&chunk).await.is_err() {
            break;
        }
    }
    let _ = client.shutdown().await;
}

/// `attach` with `stream=0` (docker-py's `container.attach()`): the connection is taken over,
/// the container's log so far is sent when `logs=1`, and the connection ends, as docker's
/// daemon does; nothing is attached to the running container.
fn attach_logs_only(mut ctx: Ctx, rec: ContainerRecord) -> Resp {
    let (out, err) = (ctx.query.flag("stdout"), ctx.query.flag("stderr"));
    let history = ctx.query.flag("logs");
    let tty = rec.config.tty;
    ctx.take_over(tty, move |state, io| async move {
        let (_read_half, write_half) = tokio::io::split(io);
        let (tx, rx) = mpsc::channel::<Bytes>(64);
        let replay = async move {
            if history {
                replay_log(&state, &rec.id, tx, out, err, tty).await;
            }
        };
        let write = send_then_close(rx, write_half);
        tokio::join!(replay, write);
    })
}

/// `attach` to a container that runs already, through its monitor's attach socket: what it
/// wrote before (with `logs=1`, from its log), its output from now on until it stops, and the
/// client's input (`stdin=1`) to its tty or stdin, until the client types the detach keys
/// (`detachKeys`, docker's ctrl-p,ctrl-q by default) or hangs up.
async fn attach_running(mut ctx: Ctx, rec: ContainerRecord) -> ApiResult<Resp> {
    let (out, err) = (ctx.query.flag("stdout"), ctx.query.flag("stderr"));
    let input = ctx.query.flag("stdin");
    let detach_keys = match ctx.query.get("detachKeys").filter(|k| !k.is_empty()) {
        Some(spec) => DetachKeys::parse(spec).map_err(|e| ApiError::bad_request(e.to_string()))?,
        None => DetachKeys::default(),
    };
    let history = ctx.query.flag("logs");
    let tty = rec.config.tty;
    Ok(ctx.take_over(tty, move |state, io| async move {
        let (read_half, write_half) = tokio::io::split(io);
        let (tx, rx) = mpsc::channel::<Bytes>(64);
        let write = send_then_close(rx, write_half);
        let relay = async move {
            if history {
                replay_log(&state, &rec.id, tx.clone(), out, err, tty).await;
            }
            // Connected after the replay of its log, so that the monitor need not hold its
            // output for us meanwhile (a client it cannot send to for 2 s is dropped).
            let id = rec.id.clone();
            let Ok(attached) = state
                .engine(move |e| Ok(e.attach_container_in_place(&id)?))
                .await
            else {
                return; // It stopped meanwhile: the stream ends, as docker's.
            };
            let (stdin, feeder) = match input.then(std::io::pipe) {
                Some(Ok((r, w))) => {
                    let sink = hijack::sink(std::fs::File::from(OwnedFd::from(w)));
                    (Some(r), Some(hijack::Feeder::spawn(read_half, sink)))
                }
                _ => (None, None),
            };
            let opts = AttachOptions {
                detach_keys,
                sig_proxy: false,
            };
            let _ = tokio::task::spawn_blocking(move || {
                let mut stdout = hijack::ChunkWriter::new(tx.clone(), Stream::Stdout, tty);
                let mut stderr = hijack::ChunkWriter::new(tx, Stream::Stderr, tty);
                let io = AttachIo {
                    stdin: stdin.as_ref().map(|r| r.as_fd()),
                    stdout: out.then_some(&mut stdout as &mut dyn std::io::Write),
                    stderr: err.then_some(&mut stderr as &mut dyn std::io::Write),
                    terminal: None,
                };
                relay_attached(attached, io, &opts)
            })
            .await;
            if let Some(f) = feeder {
                f.stop();
            }
        };
        tokio::join!(relay, write);
    }))
}
