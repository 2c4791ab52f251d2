//! What the service shares between requests: how to open an engine, the exit codes it saw
//! on the monitors' control channels, attach clients waiting for a start, open connections.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use skiff_libpod::container::start::Started;
use skiff_libpod::{Engine, EngineOptions};
use tokio::sync::{oneshot, Notify};

use crate::error::{ApiError, ApiResult};

/// The service's shared state.
pub struct State {
    engine_opts: EngineOptions,
    exits: Mutex<HashMap<String, i32>>,
    exit_seen: Notify,
    pending: Mutex<HashMap<String, oneshot::Sender<Started>>>,
    open: AtomicUsize,
    last_close: Mutex<Instant>,
}

impl State {
    /// The state of a service whose engines use `engine_opts`.
    pub fn new(engine_opts: EngineOptions) -> State {
        State {
            engine_opts,
            exits: Mutex::new(HashMap::new()),
            exit_seen: Notify::new(),
            pending: Mutex::new(HashMap::new()),
            open: AtomicUsize::new(0),
            last_close: Mutex::new(Instant::now()),
        }
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
    /// streams when a start comes.
    pub fn wait_for_start(&self, id: &str) -> oneshot::Receiver<Started> {
        let (tx, rx) = oneshot::channel();
        self.pending
            .lock()
            .expect("attach table")
            .insert(id.to_string(), tx);
        rx
    }

    /// The attach client waiting for container `id`'s start, if any.
    pub fn take_waiting(&self, id: &str) -> Option<oneshot::Sender<Started>> {
        let mut pending = self.pending.lock().expect("attach table");
        pending.retain(|_, tx| !tx.is_closed());
        pending.remove(id)
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
