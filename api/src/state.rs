//! What the service shares between requests: how to open an engine, the exit codes it saw
//! on the monitors' control channels, attach clients waiting for a start, open connections.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use std::os::fd::OwnedFd;

use skiff_libpod::container::exec::ExecOptions;
use skiff_libpod::container::launcher::Launcher;
use skiff_libpod::container::start::Started;
use skiff_libpod::{Engine, EngineOptions};
use tokio::sync::{oneshot, Notify};

use crate::error::{ApiError, ApiResult};

/// One exec instance (`POST /containers/{id}/exec`), kept while the service runs.
#[derive(Clone)]
pub struct ExecSession {
    /// The container's full id.
    pub container_id: String,
    /// What to run.
    pub opts: ExecOptions,
    /// AttachStdout.
    pub stdout: bool,
    /// AttachStderr.
    pub stderr: bool,
    /// Started and not yet ended.
    pub running: bool,
    /// The exit code once it ended.
    pub exit_code: Option<i32>,
    /// The process id once started.
    pub pid: i32,
    /// The pty master of a tty exec (for resize).
    pub pty: Option<Arc<OwnedFd>>,
    /// A window size (rows, columns) a resize asked for before the pty existed (the client
    /// resizes as it starts the exec), set once it does.
    pub window: Option<(u16, u16)>,
    /// A start was asked for (at most one may proceed).
    pub claimed: bool,
    /// When it ended: sessions ended [`EXEC_KEPT`] ago are dropped.
    pub ended: Option<Instant>,
}

/// How long an ended exec session stays inspectable (`GET /exec/{id}/json`).
pub const EXEC_KEPT: std::time::Duration = std::time::Duration::from_secs(300);

/// What an attach client gets when the container it waits for starts. Several clients may
/// wait for one start (docker-py attaches stdin, stdout and stderr on connections of their
/// own): each gets all the output, and one of them the rest.
pub struct AttachedStart {
    /// The container's full id.
    pub id: String,
    /// The container's output, chunk by chunk, until it ends.
    pub output: tokio::sync::mpsc::Receiver<(crate::hijack::Stream, bytes::Bytes)>,
    /// The control channel (`exited CODE`), for the client that records the exit.
    pub ctl: Option<std::os::unix::net::UnixStream>,
    /// The pty master, for the client that sends input to a tty container (or the first).
    pub pty_master: Option<std::os::fd::OwnedFd>,
    /// Where the client's input goes (the container's stdin pipe), when it sends input to a
    /// container without a tty.
    pub stdin: Option<std::fs::File>,
}

/// An attach client waiting for a start.
pub struct PendingAttach {
    /// Where the start is handed over.
    pub tx: oneshot::Sender<AttachedStart>,
    /// Whether the client sends input.
    pub stdin: bool,
}

/// The service's shared state.
pub struct State {
    engine_opts: EngineOptions,
    launcher: Arc<Launcher>,
    execs: Mutex<HashMap<String, ExecSession>>,
    exits: Mutex<HashMap<String, i32>>,
    exit_seen: Notify,
    pending: Mutex<HashMap<String, Vec<PendingAttach>>>,
    ptys: Mutex<HashMap<String, Arc<OwnedFd>>>,
    open: AtomicUsize,
    last_close: Mutex<Instant>,
    /// The origin of `--cors`, if given.
    cors: Option<String>,
}

impl State {
    /// The state of a service whose engines use `engine_opts`; `launcher` does what this
    /// threaded process cannot (copies, and rootless starts and execs in other namespaces).
    pub fn new(engine_opts: EngineOptions, launcher: Arc<Launcher>) -> State {
        State {
            engine_opts,
            launcher,
            execs: Mutex::new(HashMap::new()),
            exits: Mutex::new(HashMap::new()),
            exit_seen: Notify::new(),
            pending: Mutex::new(HashMap::new()),
            ptys: Mutex::new(HashMap::new()),
            open: AtomicUsize::new(0),
            last_close: Mutex::new(Instant::now()),
            cors: None,
        }
    }

    /// This state answering cross-origin requests from `origin` (podman's `--cors`).
    pub fn with_cors(mut self, origin: Option<String>) -> State {
        self.cors = origin;
        self
    }

    /// The origin cross-origin requests may come from, if any.
    pub fn cors(&self) -> Option<&str> {
        self.cors.as_deref()
    }

    /// Runs `f` with an engine of its own on a blocking thread: engine calls block (SQLite,
    /// waits, forks) and must not stall the connections served on the runtime's threads.
    pub async fn engine<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Engine) -> ApiResult<T> + Send + 'static,
    {
        let opts = self.engine_opts.clone();
        tokio::task::spawn_blocking(move || f(&mut Engine::new(opts)))
            .await
            .map_err(|e| ApiError::internal(format!("engine task failed: {e}")))?
    }

    /// Starts container `id` (see [`Engine::start_container_with`]) on engine `e`, or through
    /// the launcher when it must run in a user namespace this process cannot join.
    pub fn start_container(
        launcher: &Launcher,
        e: &mut Engine,
        id: &str,
        attach: bool,
        stdin: Option<OwnedFd>,
    ) -> skiff_libpod::Result<Option<Started>> {
        let rec = e.lookup_container(id)?;
        if e.start_needs_launcher(&rec)? {
            return launcher.start(&rec.id, attach, stdin);
        }
        e.start_container_with(id, attach, stdin)
    }

    /// The service's launcher.
    pub fn launcher(&self) -> Arc<Launcher> {
        self.launcher.clone()
    }

    /// The engine options every request's engine gets.
    pub fn engine_options(&self) -> EngineOptions {
        self.engine_opts.clone()
    }

    /// Keeps a new exec session; returns its id.
    pub fn add_exec(&self, session: ExecSession) -> String {
        let id = skiff_libpod::id::new_id();
        let mut execs = self.execs.lock().expect("exec table");
        // Sessions that ended a while ago go, so a long-lived service does not grow.
        execs.retain(|_, s| s.ended.is_none_or(|t| t.elapsed() < EXEC_KEPT));
        execs.insert(id.clone(), session);
        id
    }

    /// Gives back the claim on exec session `id` (its start failed before the process ran).
    pub fn release_exec(&self, id: &str) {
        if let Some(s) = self.execs.lock().expect("exec table").get_mut(id) {
            s.claimed = false;
        }
    }

    /// Claims exec session `id` for a start; false when one was claimed already (docker
    /// answers 409 to a second start).
    pub fn claim_exec(&self, id: &str) -> bool {
        match self.execs.lock().expect("exec table").get_mut(id) {
            Some(s) if !s.claimed => {
                s.claimed = true;
                true
            }
            _ => false,
        }
    }

    /// A copy of exec session `id`.
    pub fn exec(&self, id: &str) -> Option<ExecSession> {
        self.execs.lock().expect("exec table").get(id).cloned()
    }

    /// Marks exec session `id` started as process `pid`; returns the window size asked for
    /// before then (see [`ExecSession::window`]), for the caller to set on `pty`.
    pub fn exec_started(
        &self,
        id: &str,
        pid: i32,
        pty: Option<Arc<OwnedFd>>,
    ) -> Option<(u16, u16)> {
        let mut execs = self.execs.lock().expect("exec table");
        let s = execs.get_mut(id)?;
        s.running = true;
        s.pid = pid;
        s.pty = pty;
        s.window.take()
    }

    /// A resize of exec session `id` to `size` (rows, columns): its pty master when it has
    /// one, for the caller to resize; else the size is kept for [`State::exec_started`]. In
    /// one lock with it, so no resize falls between the two.
    pub fn exec_resize(&self, id: &str, size: (u16, u16)) -> Option<Arc<OwnedFd>> {
        let mut execs = self.execs.lock().expect("exec table");
        let s = execs.get_mut(id)?;
        if s.pty.is_none() {
            s.window = Some(size);
        }
        s.pty.clone()
    }

    /// Marks exec session `id` ended with `code`.
    pub fn exec_exited(&self, id: &str, code: i32) {
        if let Some(s) = self.execs.lock().expect("exec table").get_mut(id) {
            s.running = false;
            s.exit_code = Some(code);
            s.pty = None;
            s.ended = Some(Instant::now());
        }
    }

    /// Records the exit code container `id`'s monitor reported.
    pub fn record_exit(&self, id: &str, code: i32) {
        self.exits
            .lock()
            .expect("exit table")
            .insert(id.to_string(), code);
        self.exit_seen.notify_waiters();
    }

    /// The last exit code the service saw for container `id`.
    pub fn exit_code(&self, id: &str) -> Option<i32> {
        self.exits.lock().expect("exit table").get(id).copied()
    }

    /// Waits (at most `limit`) until the exit code of `id` is known.
    pub async fn exit_code_within(&self, id: &str, limit: std::time::Duration) -> Option<i32> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let seen = self.exit_seen.notified();
            if let Some(code) = self.exit_code(id) {
                return Some(code);
            }
            if tokio::time::timeout_at(deadline, seen).await.is_err() {
                return self.exit_code(id);
            }
        }
    }

    /// Registers an attach client of created container `id`, which gets the container's
    /// streams (and, when it sends input, the writing end of the container's stdin) when a
    /// start comes.
    pub fn wait_for_start(&self, id: &str, stdin: bool) -> oneshot::Receiver<AttachedStart> {
        let (tx, rx) = oneshot::channel();
        self.pending
            .lock()
            .expect("attach table")
            .entry(id.to_string())
            .or_default()
            .push(PendingAttach { tx, stdin });
        rx
    }

    /// The attach clients waiting for container `id`'s start (those still connected).
    pub fn take_waiting(&self, id: &str) -> Vec<PendingAttach> {
        let mut pending = self.pending.lock().expect("attach table");
        for waiters in pending.values_mut() {
            waiters.retain(|p| !p.tx.is_closed());
        }
        pending.retain(|_, w| !w.is_empty());
        pending.remove(id).unwrap_or_default()
    }

    /// Keeps (Some) or forgets (None) the pty master of container `id`, for resize.
    pub fn set_pty(&self, id: &str, master: Option<Arc<OwnedFd>>) {
        let mut ptys = self.ptys.lock().expect("pty table");
        match master {
            Some(m) => ptys.insert(id.to_string(), m),
            None => ptys.remove(id),
        };
    }

    /// The pty master of container `id`, when an attached client of this service started it.
    pub fn pty(&self, id: &str) -> Option<Arc<OwnedFd>> {
        self.ptys.lock().expect("pty table").get(id).cloned()
    }

    /// Counts an open connection (or hijacked stream) until the guard is dropped.
    pub fn busy(self: &Arc<Self>) -> Busy {
        self.open.fetch_add(1, Ordering::SeqCst);
        Busy(self.clone())
    }

    /// How long the service has had no open connection (None while one is open).
    pub fn idle_for(&self) -> Option<std::time::Duration> {
        if self.open.load(Ordering::SeqCst) > 0 {
            return None;
        }
        Some(self.last_close.lock().expect("clock").elapsed())
    }
}

/// An open connection or stream: the service does not end for idleness while one exists.
pub struct Busy(Arc<State>);

impl Drop for Busy {
    fn drop(&mut self) {
        *self.0.last_close.lock().expect("clock") = Instant::now();
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}
