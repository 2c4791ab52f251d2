//! Volumes and containers the catalog lost: volumes are recorded again from their
//! directories (their data stays); containers are listed with their directories, their
//! still-running processes (found by their monitor's command line) are stopped, and with
//! `--force` their directories are removed.

use std::path::PathBuf;

use super::catalog::CatalogState;
use super::CheckReport;
use crate::container::stats::process_tree;
use crate::engine::Engine;
use crate::error::{IoContext, Result};

/// A container directory without a catalog row.
#[derive(Debug)]
pub(super) struct LostContainer {
    /// The container id (the directory's name).
    pub id: String,
    /// Its directory under the store.
    pub dir: PathBuf,
    /// Its monitor and every process below it.
    pub pids: Vec<i32>,
}

/// The entries of `dir` whose names pass `keep`, sorted.
fn names_in(dir: &std::path::Path, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| keep(n))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The monitor of container `id` under `root` (`skiff __monitor ROOT RUNROOT ID FDS`), and
/// every process below it (see [`process_tree`]).
fn container_processes(root: &std::path::Path, id: &str) -> Vec<i32> {
    let root = root.to_string_lossy();
    let monitor = names_in(std::path::Path::new("/proc"), |n| n.parse::<i32>().is_ok())
        .into_iter()
        .find(|pid| {
            let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
                return false;
            };
            let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
            args.len() >= 5
                && args[1] == crate::container::monitor::MONITOR_ARG.as_bytes()
                && args[2] == root.as_bytes()
                && args[4] == id.as_bytes()
        });
    match monitor.and_then(|pid| pid.parse().ok()) {
        Some(pid) => process_tree(pid),
        None => Vec::new(),
    }
}

/// How long a lost container's processes get to end after SIGTERM before SIGKILL.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// Stops the processes of lost container `id`, found again now rather than trusted from when
/// the check began (a pid that ended meanwhile may belong to another process by now): SIGTERM
/// to each but the monitor, [`STOP_GRACE`] for them to end, then SIGKILL to what is left.
fn stop_processes(root: &std::path::Path, id: &str) {
    let signal = |pids: &[i32], sig: libc::c_int| {
        for pid in pids.iter().rev() {
            // SAFETY: kill has no memory preconditions; a pid that is gone is fine.
            unsafe { libc::kill(*pid, sig) };
        }
    };
    let pids = container_processes(root, id);
    signal(pids.get(1..).unwrap_or_default(), libc::SIGTERM);
    let deadline = std::time::Instant::now() + STOP_GRACE;
    while container_processes(root, id).len() > 1 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    signal(&container_processes(root, id), libc::SIGKILL);
}

impl Engine {
    /// Container directories without a catalog row, and their processes.
    pub(super) fn find_lost_containers(
        &self,
        catalog: &CatalogState,
        report: &mut CheckReport,
    ) -> Vec<LostContainer> {
        let base = self.paths().containers();
        let ids = names_in(&base, |n| {
            n.len() == 64
                && n.bytes().all(|b| b.is_ascii_hexdigit())
                && !catalog.containers.contains(n)
        });
        let mut lost = Vec::new();
        for id in ids {
            let dir = base.join(&id);
            let pids = container_processes(&self.paths().root, &id);
            report.found(format!(
                "container {id}: missing from the catalog; its directory is {}",
                dir.display()
            ));
            if !pids.is_empty() {
                report.found(format!("container {id}: still running without a record"));
            }
            lost.push(LostContainer { id, dir, pids });
        }
        lost
    }

    /// Stops the processes of lost containers, and with `force` removes their directories.
    pub(super) fn settle_lost_containers(
        &mut self,
        lost: &[LostContainer],
        force: bool,
        report: &mut CheckReport,
    ) -> Result<()> {
        for c in lost {
            // A create or a build step under way makes its directory before its row: one
            // that has a row by now is not lost.
            let recorded = self.catalog().ok().and_then(|cat| {
                crate::container::rows::get(cat.conn(), &c.id)
                    .ok()
                    .flatten()
            });
            if recorded.is_some() {
                report.note(format!(
                    "container {}: recorded meanwhile, left alone",
                    c.id
                ));
                continue;
            }
            if !c.pids.is_empty() {
                stop_processes(&self.paths().root, &c.id);
                report.repaired(format!("container {}: stopped its processes", c.id));
            }
            if !force {
                report.note(format!(
                    "container {}: directory kept; `skiff system check --repair --force` removes it",
                    c.id
                ));
                continue;
            }
            if let Ok(merged) =
                std::ffi::CString::new(c.dir.join("merged").as_os_str().as_encoded_bytes())
            {
                // SAFETY: umount2 with a valid C string; failure (not mounted) is fine.
                unsafe { libc::umount2(merged.as_ptr(), libc::MNT_DETACH) };
            }
            std::fs::remove_dir_all(&c.dir).at(&c.dir)?;
            report.repaired(format!("container {}: removed its directory", c.id));
        }
        Ok(())
    }

    /// Volume directories without a catalog row.
    pub(super) fn find_lost_volumes(
        &self,
        catalog: &CatalogState,
        report: &mut CheckReport,
    ) -> Vec<String> {
        let base = self.paths().volumes();
        let names = names_in(&base, |n| {
            !catalog.volumes.contains(n) && base.join(n).join("_data").is_dir()
        });
        for name in &names {
            report.found(format!("volume {name}: missing from the catalog"));
        }
        names
    }

    /// Records lost volumes again; their data stays where it is.
    pub(super) fn restore_volumes(
        &mut self,
        names: &[String],
        report: &mut CheckReport,
    ) -> Result<()> {
        let base = self.paths().volumes();
        for name in names {
            let created = std::fs::metadata(base.join(name))
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i64);
            self.catalog()?.write(|tx| {
                tx.execute(
                    "INSERT INTO volumes (name, created) VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING",
                    rusqlite::params![name, created],
                )?;
                Ok(())
            })?;
            report.repaired(format!("volume {name}: restored with its data"));
        }
        Ok(())
    }
}
