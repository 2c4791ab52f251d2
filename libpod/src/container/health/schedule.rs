//! The monitor's side of healthchecks: when the next check is due (docker's schedule: an
//! interval after the previous check ended, the start interval while starting within the start
//! period) and running each check in a forked child, so that a slow check never holds up the
//! container's output, the monitor keeps no catalog connection and stays small, and no systemd
//! timer or user session is needed.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::super::rows::{self, ContainerRecord};
use super::super::time::now_ns;
use super::super::State;
use super::config::HealthConfig;
use super::state::{self, HealthStatus};
use crate::config::Paths;
use crate::engine::{Engine, EngineOptions};

/// How often (ms) the monitor looks whether a running check has ended: checks are short
/// processes, so this costs a few wake-ups per check.
const CHECK_POLL_MS: i32 = 25;

/// The healthcheck schedule of one run of a container, kept by its monitor.
pub(crate) struct Schedule<'a> {
    rec: &'a ContainerRecord,
    config: &'a HealthConfig,
    paths: Paths,
    dir: PathBuf,
    /// Host pid of the container's init.
    pid: i32,
    /// When this run started: wall clock (for results) and monotonic (for the schedule).
    started_ns: i64,
    started: Instant,
    /// When the next check is due.
    next: Instant,
    /// The child running a check.
    running: Option<i32>,
    /// `--sdnotify healthy`: the socket told READY=1 when a check first passes (taken then).
    ready_socket: Option<String>,
}

impl Drop for Schedule<'_> {
    fn drop(&mut self) {
        if let Some(child) = self.running.take() {
            // Not reaped yet, so the pid cannot have been reused.
            // SAFETY: kill on our own unreaped child.
            unsafe { libc::kill(child, libc::SIGKILL) };
            let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(child), None);
        }
    }
}

impl<'a> Schedule<'a> {
    /// The schedule for container `rec` whose init `pid` was just started; None when it has no
    /// healthcheck. Resets its stored health to `starting` (keeping the last results, as
    /// docker): call it before the start is reported, so that nobody reads the last run's.
    pub(crate) fn start(engine: &Engine, rec: &'a ContainerRecord, pid: i32) -> Option<Self> {
        let config = rec.config.healthcheck.as_ref()?;
        config.command()?;
        let dir = engine.container_dir(&rec.id);
        let _ = state::update(&dir, |s| *s = std::mem::take(s).restarted());
        let now = Instant::now();
        let mut schedule = Schedule {
            rec,
            config,
            paths: engine.paths().clone(),
            dir,
            pid,
            started_ns: now_ns(),
            started: now,
            next: now,
            running: None,
            ready_socket: None,
        };
        schedule.next = now + schedule.gap(HealthStatus::Starting);
        Some(schedule)
    }

    /// With `socket` (`--sdnotify healthy`), READY=1 goes to it once a check has passed.
    pub(crate) fn notify_when_healthy(mut self, socket: Option<String>) -> Self {
        self.ready_socket = socket;
        self
    }

    /// docker's time from one check's end to the next.
    fn gap(&self, status: HealthStatus) -> Duration {
        let c = self.config;
        let in_start_period =
            self.started.elapsed() < Duration::from_nanos(c.start_period_ns() as u64);
        let ns = if in_start_period && status == HealthStatus::Starting {
            c.start_interval_ns()
        } else {
            c.interval_ns()
        };
        Duration::from_nanos(ns as u64)
    }

    /// The monitor's poll timeout in milliseconds (`current`: its own, -1 for none), shortened
    /// to when the next check is due, or while one runs to [`CHECK_POLL_MS`], so that its end
    /// is noticed without adding a descriptor to the monitor's poll.
    pub(crate) fn poll_timeout(&self, current: i32) -> i32 {
        let mine = match self.running {
            Some(_) => CHECK_POLL_MS,
            None => {
                let left = self.next.saturating_duration_since(Instant::now());
                // Round up: waking a little early would only poll again.
                left.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
            }
        };
        if current < 0 {
            mine
        } else {
            current.min(mine)
        }
    }

    /// Call after every wake-up of the monitor: notes a check that ended (scheduling the next
    /// one an interval later) and starts one that is due.
    pub(crate) fn tick(&mut self) {
        if let Some(child) = self.running {
            use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
            let pid = nix::unistd::Pid::from_raw(child);
            match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::StillAlive) | Err(nix::errno::Errno::EINTR) => return,
                _ => {}
            }
            self.running = None;
            let status = state::read(&self.dir).unwrap_or_default().status;
            if status == HealthStatus::Healthy {
                if let Some(socket) = self.ready_socket.take() {
                    let _ = super::super::sdnotify::send(&socket, "READY=1\n");
                }
            }
            self.next = Instant::now() + self.gap(status);
        }
        if Instant::now() >= self.next {
            self.spawn_check();
        }
    }

    /// Forks the child that runs one check and records it.
    ///
    /// The monitor drops the schedule when the container's process has ended (before reaping
    /// it), which ends a check still running: nothing is written to the container's directory
    /// after its monitor is gone, when `rm` may be removing it.
    fn spawn_check(&mut self) {
        // SAFETY: the monitor is single-threaded and holds no catalog connection; the child
        // only runs `check_in_child`, which never returns.
        match unsafe { nix::unistd::fork() } {
            Ok(nix::unistd::ForkResult::Child) => self.check_in_child(),
            Ok(nix::unistd::ForkResult::Parent { child }) => self.running = Some(child.as_raw()),
            // Try again an interval later.
            Err(_) => self.next = Instant::now() + self.gap(HealthStatus::Starting),
        }
    }

    /// In the forked child: runs the check, records it, reports a change and acts on failure.
    fn check_in_child(&self) -> ! {
        // Hold none of the monitor's descriptors (the container's output, the control
        // channel, an attached caller's pipes): a check that outlives the container must not
        // keep them open.
        // SAFETY: closing descriptors this process does not use any more.
        unsafe { libc::syscall(libc::SYS_close_range, 3, u32::MAX, 0) };
        let mut engine = Engine::new(EngineOptions {
            root: Some(self.paths.root.clone()),
            runroot: Some(self.paths.runroot.clone()),
            ..Default::default()
        });
        // As docker, no check runs while the container is paused (its exec would hang frozen).
        let paused = engine
            .catalog()
            .ok()
            .and_then(|c| rows::get(c.conn(), &self.rec.id).ok().flatten())
            .is_some_and(|r| r.state == State::Paused);
        drop(engine.take_catalog());
        let code = if paused {
            0
        } else {
            match super::check(&self.dir, self.rec, self.pid, self.started_ns) {
                Ok(checked) if checked.follow_up_due(self.rec) => {
                    // The event and the on-failure action run in a process of their own: the
                    // monitor ends this one with the container's run, and a restart outlives it.
                    // SAFETY: single-threaded, with no catalog connection open.
                    if let Ok(nix::unistd::ForkResult::Child) = unsafe { nix::unistd::fork() } {
                        let _ = nix::unistd::setsid();
                        engine.after_check(self.rec, &checked);
                    }
                    0
                }
                Ok(_) => 0,
                Err(_) => 1,
            }
        };
        // SAFETY: leaving the forked child without running the monitor's destructors.
        unsafe { libc::_exit(code) }
    }
}
