//! A container's health: docker's `State.Health` (status, failing streak, the last results), the
//! state machine that a check result moves, and its file `health.json` in the container's
//! directory, replaced atomically so that `ps` and `inspect` read it without a lock.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::super::time::rfc3339_nanos;
use crate::error::{IoContext, Result};

/// docker keeps this many results in `State.Health.Log`.
const KEEP_RESULTS: usize = 5;

/// docker's health status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HealthStatus {
    /// No check has passed since the start.
    #[default]
    Starting,
    /// The last check passed.
    Healthy,
    /// `retries` checks in a row failed (or the container stopped).
    Unhealthy,
}

impl HealthStatus {
    /// docker's name: `starting`, `healthy`, `unhealthy`.
    pub fn as_str(self) -> &'static str {
        match self {
            HealthStatus::Starting => "starting",
            HealthStatus::Healthy => "healthy",
            HealthStatus::Unhealthy => "unhealthy",
        }
    }

    /// What `ps` appends to "Up 5 minutes": `(health: starting)`, `(healthy)`, `(unhealthy)`.
    pub fn ps_suffix(self) -> &'static str {
        match self {
            HealthStatus::Starting => "(health: starting)",
            HealthStatus::Healthy => "(healthy)",
            HealthStatus::Unhealthy => "(unhealthy)",
        }
    }
}

/// One check's result, as docker's `State.Health.Log[]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthLogEntry {
    /// When the check started (RFC 3339).
    pub start: String,
    /// When it ended.
    pub end: String,
    /// Its exit code: 0 passed; -1 when it timed out or could not run.
    pub exit_code: i32,
    /// Its output (stdout and stderr), at most 4096 bytes.
    pub output: String,
}

/// docker's `State.Health`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthState {
    /// The status.
    pub status: HealthStatus,
    /// Consecutive failed checks that counted (not in the start period).
    pub failing_streak: u32,
    /// The last results, oldest first.
    pub log: Vec<HealthLogEntry>,
}

/// The outcome of running a check once (nanosecond times).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    /// Start, unix ns.
    pub start: i64,
    /// End, unix ns.
    pub end: i64,
    /// The exit code (-1: timed out or could not run).
    pub exit_code: i32,
    /// The output, already truncated.
    pub output: String,
}

impl HealthState {
    /// The state at a (re)start, as docker resets it: starting, no streak, the results kept.
    pub fn restarted(mut self) -> HealthState {
        self.status = HealthStatus::Starting;
        self.failing_streak = 0;
        self
    }

    /// docker's rule for one result: a pass makes the container healthy; a failure adds to the
    /// streak (unless it came in the start period before any pass) and `retries` of them make
    /// it unhealthy. `in_start_period`: the check started within the start period.
    pub fn record(&mut self, result: &CheckResult, in_start_period: bool, retries: u32) {
        self.log.push(HealthLogEntry {
            start: rfc3339_nanos(result.start),
            end: rfc3339_nanos(result.end),
            exit_code: result.exit_code,
            output: result.output.clone(),
        });
        if self.log.len() > KEEP_RESULTS {
            self.log.drain(..self.log.len() - KEEP_RESULTS);
        }
        if result.exit_code == 0 {
            self.failing_streak = 0;
            self.status = HealthStatus::Healthy;
            return;
        }
        if self.status == HealthStatus::Starting && in_start_period {
            return;
        }
        self.failing_streak += 1;
        if self.failing_streak >= retries {
            self.status = HealthStatus::Unhealthy;
        }
    }

    /// As shown for a container that no longer runs: docker reports it unhealthy.
    pub fn stopped(mut self) -> HealthState {
        self.status = HealthStatus::Unhealthy;
        self
    }
}

/// The health file of the container whose directory is `dir`.
pub(crate) fn path(dir: &Path) -> PathBuf {
    dir.join("health.json")
}

/// Reads the health file; None when there is none (never started with a check) or it is
/// unreadable.
pub(crate) fn read(dir: &Path) -> Option<HealthState> {
    let text = std::fs::read(path(dir)).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Replaces the health file atomically (a temporary file renamed over it); call it under the
/// lock [`update`] takes.
fn write(dir: &Path, state: &HealthState) -> Result<()> {
    let target = path(dir);
    // One name: writers hold the lock (see `update`).
    let tmp = dir.join(".health.json.tmp");
    let text = serde_json::to_vec(state).expect("health state serializes");
    std::fs::write(&tmp, text).at(&tmp)?;
    Ok(std::fs::rename(&tmp, &target).at(&target)?)
}

/// Runs `change` on the stored state (the default when there is none) and stores the result,
/// under a lock so that a scheduled check and `healthcheck run` never lose each other's result.
/// Returns the state before and after.
pub(crate) fn update(
    dir: &Path,
    change: impl FnOnce(&mut HealthState),
) -> Result<(HealthState, HealthState)> {
    let _lock = crate::file_lock::lock_file(&dir.join("health.lock"))?;
    let before = read(dir).unwrap_or_default();
    let mut after = before.clone();
    change(&mut after);
    write(dir, &after)?;
    Ok((before, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(exit_code: i32) -> CheckResult {
        CheckResult {
            start: 1_000_000_000,
            end: 2_000_000_000,
            exit_code,
            output: format!("code {exit_code}\n"),
        }
    }

    #[test]
    fn one_pass_makes_healthy_and_retries_failures_unhealthy() {
        let mut s = HealthState::default();
        assert_eq!(s.status, HealthStatus::Starting);
        s.record(&result(1), false, 2);
        assert_eq!((s.status, s.failing_streak), (HealthStatus::Starting, 1));
        s.record(&result(0), false, 2);
        assert_eq!((s.status, s.failing_streak), (HealthStatus::Healthy, 0));
        s.record(&result(1), false, 2);
        assert_eq!((s.status, s.failing_streak), (HealthStatus::Healthy, 1));
        s.record(&result(-1), false, 2);
        assert_eq!((s.status, s.failing_streak), (HealthStatus::Unhealthy, 2));
        s.record(&result(1), false, 2);
        assert_eq!((s.status, s.failing_streak), (HealthStatus::Unhealthy, 3));
        s.record(&result(0), false, 2);
        assert_eq!((s.status, s.failing_streak), (HealthStatus::Healthy, 0));
    }

    #[test]
    fn failures_in_the_start_period_do_not_count_until_a_pass() {
        let mut s = HealthState::default();
        for _ in 0..5 {
            s.record(&result(1), true, 1);
        }
        assert_eq!((s.status, s.failing_streak), (HealthStatus::Starting, 0));
        s.record(&result(0), true, 1);
        // Once healthy, a failure counts even within the start period.
        s.record(&result(1), true, 1);
        assert_eq!((s.status, s.failing_streak), (HealthStatus::Unhealthy, 1));
    }

    #[test]
    fn keeps_the_last_five_results_and_a_restart_keeps_them() {
        let mut s = HealthState::default();
        for code in 0..7 {
            s.record(&result(code), false, 3);
        }
        let codes: Vec<i32> = s.log.iter().map(|e| e.exit_code).collect();
        assert_eq!(codes, [2, 3, 4, 5, 6]);
        assert_eq!(s.log[0].output, "code 2\n");
        assert_eq!(s.log[0].start, "1970-01-01T00:00:01.000000000Z");
        let r = s.clone().restarted();
        assert_eq!((r.status, r.failing_streak), (HealthStatus::Starting, 0));
        assert_eq!(r.log, s.log);
        assert_eq!(s.stopped().status, HealthStatus::Unhealthy);
    }

    #[test]
    fn file_round_trip_and_update() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()), None);
        let (before, after) = update(dir.path(), |s| s.record(&result(0), false, 3)).unwrap();
        assert_eq!(before, HealthState::default());
        assert_eq!(after.status, HealthStatus::Healthy);
        assert_eq!(read(dir.path()), Some(after));
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path(dir.path())).unwrap()).unwrap();
        assert_eq!(json["Status"], "healthy");
        assert_eq!(json["FailingStreak"], 0);
        assert_eq!(json["Log"][0]["ExitCode"], 0);
        assert_eq!(json["Log"][0]["Output"], "code 0\n");
    }
}
