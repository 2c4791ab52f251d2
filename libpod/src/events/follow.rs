//! Reading events: a bounded window of stored events, or a stream that follows new ones.
//!
//! A stream sleeps on inotify on the catalog's directory (a commit writes the database's WAL
//! there), so it wakes only when some process wrote to the catalog and then reads the rows
//! after the last one it saw: no polling of the database.

use std::ffi::CString;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::poll::{PollFd, PollFlags, PollTimeout};
use rusqlite::Connection;

use super::{Event, EventFilter, EventType};
use crate::container::time::{now_ns, parse_time_arg};
use crate::engine::Engine;
use crate::error::{Error, Result};

/// Reads after a wake-up, in milliseconds: a writer's WAL frames (which wake the stream) land
/// just before its commit becomes visible in the shared-memory index (which inotify cannot
/// see), so the rows are read again a little later, three times at most, then the stream
/// sleeps until the next write.
const SETTLE_MS: [i32; 3] = [10, 100, 1000];

/// What `events` asks for: a time window and filters.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Stored events from this time (unix nanoseconds) are shown first; None shows only new ones.
    pub since: Option<i64>,
    /// Stop at this time (unix nanoseconds): in the past, the query returns once the stored
    /// events are shown; in the future, new events are followed until then. None follows forever.
    pub until: Option<i64>,
    /// Which events to show.
    pub filter: EventFilter,
}

impl EventQuery {
    /// Parses docker's `--since`/`--until` values relative to `now` (unix nanoseconds) as
    /// [`parse_time_arg`] does, with an error saying what to give.
    pub fn parse_time(value: &str, now: i64) -> Result<i64> {
        parse_time_arg(value, now).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "invalid time {value:?}: give an RFC 3339 time (2026-12-03T09:00:00Z), unix \
                     seconds (1796288400.5) or a duration before now (10m, 1h30m)"
            ))
        })
    }
}

/// Where [`Engine::events`] delivers events.
pub trait EventSink {
    /// Takes one event; false stops the query (its reader went away).
    fn event(&mut self, event: &Event) -> bool;

    /// Every event recorded so far has been delivered: a stream now waits for new ones, a
    /// bounded query returns. Flush buffered output here; false stops the query.
    fn caught_up(&mut self) -> bool {
        true
    }
}

impl Engine {
    /// Gives `sink` every stored event of `query`'s window that passes its filter, oldest
    /// first, then, unless `until` has passed, each new one as it is recorded until `until`
    /// (forever when None). Returns early when `sink` asks to stop (its reader went away).
    pub fn events(&mut self, query: &EventQuery, sink: &mut dyn EventSink) -> Result<()> {
        let catalog_path = self.paths().catalog();
        let conn = self.catalog()?.conn();
        let follows = query.until.is_none_or(|u| u > now_ns());
        // Watch before the first read, so nothing committed in between is missed.
        let watch = match (follows, catalog_path.parent()) {
            (true, Some(dir)) => Some(Watch::new(dir)?),
            _ => None,
        };
        let since = query.since.unwrap_or(i64::MIN);
        let until = query.until.unwrap_or(i64::MAX);
        // Stored events are those up to `last`; a stream reads the ones after it.
        let mut last: i64 =
            conn.query_row("SELECT coalesce(max(seq), 0) FROM events", [], |r| r.get(0))?;
        if query.since.is_some() {
            let stored = "seq <= ?1 AND time >= ?2 AND time <= ?3";
            if read(conn, stored, [last, since, until], &query.filter, sink)?.is_none() {
                return Ok(());
            }
        }
        if !sink.caught_up() {
            return Ok(());
        }
        let Some(watch) = watch else { return Ok(()) };
        // Which of SETTLE_MS the next read after a wake-up is (None: wait for a change).
        let mut settling: Option<usize> = None;
        loop {
            let now = now_ns();
            if now > until {
                return Ok(());
            }
            let left_ms = i32::try_from(((until - now) / 1_000_000).saturating_add(1)).ok();
            let timeout = match settling.map(|i| SETTLE_MS[i]) {
                Some(settle) => Some(left_ms.map_or(settle, |l| l.min(settle))),
                None => left_ms,
            };
            settling = if watch.wait(timeout)? {
                Some(0)
            } else {
                settling.map(|i| i + 1).filter(|&i| i < SETTLE_MS.len())
            };
            let new = "seq > ?1 AND time >= ?2 AND time <= ?3";
            match read(conn, new, [last, since, until], &query.filter, sink)? {
                Some(seen) if sink.caught_up() => last = last.max(seen),
                _ => return Ok(()),
            }
        }
    }
}

/// Gives the sink the rows matching `cond` (over `params` ?1 to ?3) in order; returns the
/// largest sequence number read (0 when none), or None when the sink asked to stop.
fn read(
    conn: &Connection,
    cond: &str,
    params: [i64; 3],
    filter: &EventFilter,
    sink: &mut dyn EventSink,
) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT seq, time, type, action, actor, attributes FROM events WHERE {cond} ORDER BY seq"
    ))?;
    let mut rows = stmt.query(params)?;
    let mut seen = 0;
    while let Some(row) = rows.next()? {
        seen = row.get(0)?;
        let Some(kind) = EventType::parse(&row.get::<_, String>(2)?) else {
            continue;
        };
        let attributes: String = row.get(5)?;
        let event = Event {
            seq: seen,
            time_nano: row.get(1)?,
            kind,
            action: row.get(3)?,
            actor: row.get(4)?,
            attributes: serde_json::from_str(&attributes).unwrap_or_default(),
        };
        if filter.matches(&event) && !sink.event(&event) {
            return Ok(None);
        }
    }
    Ok(Some(seen))
}

/// An inotify watch on a directory: wakes when a file in it is written, created or renamed in.
struct Watch(OwnedFd);

impl Watch {
    fn new(dir: &Path) -> Result<Watch> {
        // SAFETY: plain syscall; the descriptor is checked and owned right after.
        let fd = unsafe { libc::inotify_init1(libc::IN_CLOEXEC | libc::IN_NONBLOCK) };
        if fd < 0 {
            return Err(Error::io(dir, std::io::Error::last_os_error()));
        }
        // SAFETY: `fd` is a new descriptor that nothing else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let path = CString::new(dir.as_os_str().as_bytes())
            .map_err(|_| Error::InvalidArgument(format!("{} has a NUL byte", dir.display())))?;
        let mask = libc::IN_MODIFY | libc::IN_CREATE | libc::IN_MOVED_TO;
        // SAFETY: `path` is a valid C string and `fd` an inotify descriptor.
        if unsafe { libc::inotify_add_watch(fd.as_raw_fd(), path.as_ptr(), mask) } < 0 {
            return Err(Error::io(dir, std::io::Error::last_os_error()));
        }
        Ok(Watch(fd))
    }

    /// Sleeps until the directory changes or `timeout_ms` passes (None: no limit), then
    /// drains the queued notifications; true when something changed.
    fn wait(&self, timeout_ms: Option<i32>) -> Result<bool> {
        let timeout = timeout_ms.map_or(PollTimeout::NONE, |ms| {
            PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX)
        });
        let mut fds = [PollFd::new(self.0.as_fd(), PollFlags::POLLIN)];
        let changed = match nix::poll::poll(&mut fds, timeout) {
            Ok(n) => n > 0,
            Err(nix::errno::Errno::EINTR) => false,
            Err(e) => return Err(Error::Runtime(format!("waiting for new events: {e}"))),
        };
        let mut buf = [0u8; 4096];
        // SAFETY: reads into a local buffer of the given length; the descriptor is non-blocking.
        while unsafe { libc::read(self.0.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_288_400_000_000_000; // 2026-12-03T09:00:00Z

    fn t(v: &str) -> i64 {
        EventQuery::parse_time(v, NOW).unwrap()
    }

    #[test]
    fn parses_rfc3339_with_and_without_zone_and_dates() {
        assert_eq!(t("2026-12-03T09:00:00Z"), NOW);
        assert_eq!(t("2026-12-03T09:00:00"), NOW);
        assert_eq!(t("2026-12-03T10:00:00+01:00"), NOW);
        assert_eq!(t("2026-12-03T09:00:00.25Z"), NOW + 250_000_000);
        assert_eq!(t("2026-12-03T09:00"), NOW);
        assert_eq!(t("2026-12-03"), NOW - 9 * 3600 * 1_000_000_000);
    }

    #[test]
    fn parses_unix_seconds_exactly() {
        assert_eq!(t("1796288400"), NOW);
        assert_eq!(t("1796288400.000000001"), NOW + 1);
        assert_eq!(t("1796288400.5"), NOW + 500_000_000);
    }

    #[test]
    fn parses_durations_before_now() {
        assert_eq!(t("0s"), NOW);
        assert_eq!(t("10m"), NOW - 600_000_000_000);
        assert_eq!(t("1h30m"), NOW - 5_400_000_000_000);
        assert_eq!(t("250ms"), NOW - 250_000_000);
    }

    #[test]
    fn refuses_garbage_saying_what_works() {
        for bad in ["", "yesterday", "10x", "12.3.4"] {
            let e = EventQuery::parse_time(bad, NOW).unwrap_err().to_string();
            assert!(e.contains("RFC 3339"), "{bad}: {e}");
        }
    }
}
