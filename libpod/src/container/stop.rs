//! `stop`: the stop signal, then SIGKILL after the timeout; restart policies stand down.

use std::time::{Duration, Instant};

use super::options::parse_signal;
use super::rows::{self, ContainerRecord};
use crate::engine::Engine;
use crate::error::{Error, Result};

/// How a process that may not signal a container's process itself has it signalled (see
/// [`relay_signals_through`]).
type SignalRelay = Box<dyn Fn(i32, i32) -> Result<()> + Send + Sync>;

/// The process's [`SignalRelay`], when it has one.
static SIGNAL_RELAY: std::sync::OnceLock<SignalRelay> = std::sync::OnceLock::new();

/// Makes [`signal_pid`] hand a signal this process may not send (EPERM) to `relay(pid, sig)`:
/// the REST service, in a user namespace of its own, has no capability in the sibling
/// namespaces other containers run in, so it may signal their processes only while they run
/// as its own user; its launcher, in the namespace that owns them all, may. Set once.
pub fn relay_signals_through(relay: impl Fn(i32, i32) -> Result<()> + Send + Sync + 'static) {
    let _ = SIGNAL_RELAY.set(Box::new(relay));
}

/// Sends `sig` to a host pid; a process that is already gone is not an error.
pub(crate) fn signal_pid(pid: i32, sig: i32) -> Result<()> {
    if pid <= 0 {
        return Ok(());
    }
    // SAFETY: kill has no memory-safety preconditions.
    if unsafe { libc::kill(pid, sig) } != 0 {
        let err = std::io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::EPERM) {
            if let Some(relay) = SIGNAL_RELAY.get() {
                return relay(pid, sig);
            }
        }
        if err.raw_os_error() != Some(libc::ESRCH) {
            return Err(Error::Runtime(format!(
                "cannot send signal {sig} to the container (pid {pid}): {err}"
            )));
        }
    }
    Ok(())
}

impl Engine {
    /// Polls until the init `rec.pid` of container `rec` no longer runs, up to `limit`: the
    /// container stopped, removed, or running again with another init (a restart policy).
    /// Returns the latest record, or None once removed.
    pub(crate) fn wait_not_running(
        &mut self,
        rec: &ContainerRecord,
        limit: Duration,
    ) -> Result<Option<ContainerRecord>> {
        let deadline = Instant::now() + limit;
        loop {
            let now = self.refreshed_container(&rec.id)?;
            match &now {
                Some(r) if r.state.is_active() && r.pid == rec.pid && Instant::now() < deadline => {
                }
                _ => return Ok(now),
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// `stop`: sends the container's stop signal, waits `timeout` seconds (its `--stop-timeout`
    /// when None), then SIGKILL. Stopping a container that does not run succeeds.
    pub fn stop_container(
        &mut self,
        name_or_id: &str,
        timeout: Option<u32>,
    ) -> Result<ContainerRecord> {
        self.stop_container_signal(name_or_id, timeout, None)
    }

    /// [`Self::stop_container`] with `signal` (`stop --signal`, a name or number) sent instead
    /// of the container's stop signal when given.
    pub fn stop_container_signal(
        &mut self,
        name_or_id: &str,
        timeout: Option<u32>,
        signal: Option<&str>,
    ) -> Result<ContainerRecord> {
        if let Some(s) = signal {
            parse_signal(s)?;
        }
        let rec = {
            let (_lock, rec) = self.lock_container(name_or_id)?;
            self.catalog()?
                .write(|tx| rows::set_stopped_by_user(tx, &rec.id, true))?;
            rec
        };
        if rec.state == super::State::Restarting {
            // The monitor sees the stop when its back-off ends and records the exit.
            let deadline = Instant::now() + Duration::from_secs(5);
            loop {
                match self.refreshed_container(&rec.id)? {
                    Some(r) if r.state == super::State::Restarting && Instant::now() < deadline => {
                    }
                    Some(r) => return Ok(r),
                    None => return Ok(rec),
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        if !rec.state.is_active() {
            return Ok(rec);
        }
        let stopped = self.stop_running(rec, timeout, signal)?;
        self.record_container_event(&stopped.id, "stop", &[]);
        Ok(stopped)
    }

    /// Sends running container `rec` its stop signal, then SIGKILL after `timeout`.
    fn stop_running(
        &mut self,
        rec: ContainerRecord,
        timeout: Option<u32>,
        signal: Option<&str>,
    ) -> Result<ContainerRecord> {
        let sig = parse_signal(signal.unwrap_or(&rec.config.stop_signal))?;
        let wait = Duration::from_secs(timeout.unwrap_or(rec.config.stop_timeout) as u64);
        if !wait.is_zero() {
            self.record_container_event(&rec.id, "kill", &[("signal", &sig.to_string())]);
            signal_pid(rec.pid, sig)?;
            if rec.state == super::State::Paused {
                self.thaw_for_stop(&rec);
            }
            match self.wait_not_running(&rec, wait)? {
                Some(r) if r.state.is_active() => {}
                Some(r) => return Ok(r),
                None => return Ok(rec),
            }
        }
        self.record_container_event(&rec.id, "kill", &[("signal", "9")]);
        signal_pid(rec.pid, libc::SIGKILL)?;
        match self.wait_not_running(&rec, Duration::from_secs(30))? {
            Some(r) if r.state.is_active() => Err(Error::Runtime(format!(
                "container {} did not exit after SIGKILL; its monitor is pid {}",
                r.name, r.monitor_pid
            ))),
            Some(r) => Ok(r),
            None => Ok(rec),
        }
    }
}
