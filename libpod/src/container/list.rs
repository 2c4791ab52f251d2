//! Reading containers back: lookups by name or id, and `ps`'s list, each checked against the
//! truth: a container whose monitor is gone is recorded as exited, never shown running.

use super::rows::{self, ContainerRecord, ListedContainer};
use super::time::now_ns;
use super::State;
use crate::engine::Engine;
use crate::error::Result;
use crate::procfs::{process_start_time, process_started_at};

/// Error text recorded when a container's monitor disappeared.
pub const MONITOR_DIED: &str =
    "the container's monitor process died; its exit status is unknown and its processes were killed";

/// Kills what is left of a container whose monitor died: its first process (the init of its
/// pid namespace, so the whole namespace goes), if the pid still names a process started when
/// the container did (not a reused pid).
fn kill_orphan(rec: &ContainerRecord) {
    let Some(started_at) = process_started_at(rec.pid) else {
        return;
    };
    if (started_at - rec.started / 1_000_000_000).abs() <= 2 {
        let _ = super::stop::signal_pid(rec.pid, libc::SIGKILL);
    }
}

/// True when the monitor recorded for `rec` is still the same live process.
pub fn monitor_alive<C>(rec: &ContainerRecord<C>) -> bool {
    rec.monitor_pid > 0 && process_start_time(rec.monitor_pid) == Some(rec.monitor_start)
}

impl Engine {
    /// Records the exit of active containers whose monitor is gone.
    fn reconcile(&mut self, rec: &mut ContainerRecord) -> Result<()> {
        if !orphaned(rec) {
            return Ok(());
        }
        kill_orphan(rec);
        let _ =
            crate::runtime::cgroups::remove_orphaned(&rec.id, &rec.config.resources.cgroup_parent);
        // The monitor stopped nothing: its network helper would keep the host ports.
        super::network::clean_dir(&super::network::net_dir(&self.paths().runroot, &rec.id));
        let now = now_ns();
        let (id, mpid) = (rec.id.clone(), rec.monitor_pid);
        self.catalog()?.write(|tx| {
            tx.execute(
                "UPDATE containers SET state = 'exited', pid = 0, monitor_pid = 0, monitor_start = 0,
                 exit_code = -1, finished = ?3, error = ?4
                 WHERE id = ?1 AND monitor_pid = ?2 AND state IN ('running', 'paused', 'restarting')",
                rusqlite::params![id, mpid, now, MONITOR_DIED],
            )?;
            Ok(())
        })?;
        if let Some(fresh) = rows::get(self.catalog()?.conn(), &rec.id)? {
            *rec = fresh;
        }
        Ok(())
    }

    /// Finds a container by name, id or unique id prefix, with its state checked.
    pub fn lookup_container(&mut self, name_or_id: &str) -> Result<ContainerRecord> {
        let mut rec = rows::lookup(self.catalog()?.conn(), name_or_id)?;
        self.reconcile(&mut rec)?;
        Ok(rec)
    }

    /// The container with this full id, with its state checked; None once it is removed.
    pub fn refreshed_container(&mut self, id: &str) -> Result<Option<ContainerRecord>> {
        let Some(mut rec) = rows::get(self.catalog()?.conn(), id)? else {
            return Ok(None);
        };
        self.reconcile(&mut rec)?;
        Ok(Some(rec))
    }

    /// The most recently created container (podman's `--latest`), with its state checked;
    /// None when there is no container.
    pub fn latest_container(&mut self) -> Result<Option<ContainerRecord>> {
        let id: Option<String> = {
            use rusqlite::OptionalExtension;
            self.catalog()?
                .conn()
                .query_row(
                    "SELECT id FROM containers ORDER BY created DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?
        };
        match id {
            Some(id) => self.refreshed_container(&id),
            None => Ok(None),
        }
    }

    /// Every container, newest first, with states checked.
    pub fn list_containers(&mut self) -> Result<Vec<ContainerRecord>> {
        let mut all = self.read_all(rows::all)?;
        for rec in all.iter_mut().filter(|r| orphaned(r)) {
            self.reconcile(rec)?;
        }
        Ok(all)
    }

    /// Every container, newest first, with states checked, as listed: with the
    /// [`super::list_view::ListView`] of its configuration (what `ps`, its filters, the API's
    /// list and `pod ps` read), so 10,000 rows list in a fraction of the time of
    /// [`Self::list_containers`].
    pub fn list_container_views(&mut self) -> Result<Vec<ListedContainer>> {
        let mut all = self.read_all(rows::all_listed)?;
        for rec in all.iter_mut().filter(|r| orphaned(r)) {
            if let Some(full) = self.refreshed_container(&rec.id)? {
                *rec = full.listed();
            }
        }
        Ok(all)
    }

    fn read_all<C>(
        &mut self,
        read: fn(&rusqlite::Connection) -> Result<Vec<ContainerRecord<C>>>,
    ) -> Result<Vec<ContainerRecord<C>>> {
        let conn = self.catalog()?.conn();
        // A cold process reading every row page by page pays one pread per page (many more
        // while the WAL is large); mapping the file makes `ps -a` over 1000 containers ~2x faster.
        conn.pragma_update(None, "mmap_size", 256i64 << 20)?;
        read(conn)
    }
}

/// Whether `rec` is recorded active (or restarting) but its monitor is gone.
fn orphaned<C>(rec: &ContainerRecord<C>) -> bool {
    let watched = rec.state.is_active() || rec.state == State::Restarting;
    watched && !monitor_alive(rec)
}

/// docker's COMMAND: the path, then the arguments with those holding a space in single quotes
/// (how the daemon joins them; nothing else is escaped).
pub fn docker_command(argv: &[String]) -> String {
    argv.iter()
        .enumerate()
        .map(|(i, a)| {
            if i > 0 && a.contains(' ') {
                format!("'{a}'")
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl<C> ContainerRecord<C> {
    /// docker's STATUS column: "Up 2 minutes", "Exited (0) 3 seconds ago", "Created".
    /// `ago` renders a duration in nanoseconds the way docker does ("2 minutes").
    pub fn status_text(&self, ago: impl Fn(i64) -> String) -> String {
        let now = now_ns();
        match self.state {
            State::Created => "Created".to_string(),
            State::Initialized => "Initialized".to_string(),
            State::Running => format!("Up {}", ago(now - self.started)),
            State::Paused => format!("Up {} (Paused)", ago(now - self.started)),
            State::Restarting => format!(
                "Restarting ({}) {} ago",
                self.exit_code,
                ago(now - self.finished)
            ),
            State::Exited => format!(
                "Exited ({}) {} ago",
                self.exit_code,
                ago(now - self.finished)
            ),
            State::Removing => "Removal In Progress".to_string(),
            State::Dead => "Dead".to_string(),
        }
    }
}
