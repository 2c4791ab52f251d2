//! The kept rootless user namespace: while a container runs, its monitor lives in skiff's user
//! namespace, and a file in the run directory names that monitor, so that later commands of the
//! same user join its namespace instead of making one (newuidmap and newgidmap are two setuid
//! programs, ~2 ms on the path of every `run` and `start`). Podman joins its pause process, or
//! a running container's conmon, the same way; skiff keeps no process for it: when no
//! container runs, the next command makes a namespace again, and its container's monitor is
//! named next.
//!
//! The file is only a hint: a process is joined only when it still runs (its start time is the
//! one recorded, read after its namespace is open, so a reused pid is never joined) and its
//! namespace is a child of the caller's with exactly the mapping the caller would make.

use std::path::{Path, PathBuf};

use super::spec::IdMap;
use crate::procfs::process_start_time;

/// The file in the run directory that names the process whose user namespace is kept.
fn file(runroot: &Path) -> PathBuf {
    runroot.join("userns-keeper")
}

/// The recorded keeper: `PID START` (START: field 22 of /proc/PID/stat).
fn parse(text: &str) -> Option<(i32, u64)> {
    let mut fields = text.split_whitespace();
    let pid = fields.next()?.parse::<i32>().ok().filter(|p| *p > 0)?;
    let start = fields.next()?.parse().ok()?;
    fields.next().is_none().then_some((pid, start))
}

/// The user namespace of the recorded keeper, open, when it runs and its namespace is what this
/// caller (in the initial user namespace) would make with mapping `want`; None otherwise (no
/// file, a process that ended, a reused pid, another mapping, a namespace nested deeper).
pub(crate) fn open(runroot: &Path, want: &IdMap) -> Option<std::fs::File> {
    let (pid, start) = parse(&std::fs::read_to_string(file(runroot)).ok()?)?;
    let ns = std::fs::File::open(format!("/proc/{pid}/ns/user")).ok()?;
    if !super::userns::made_in_ours(&ns) {
        return None;
    }
    let read = |name: &str| {
        std::fs::read_to_string(format!("/proc/{pid}/{name}"))
            .ok()
            .map(|t| super::userns::parse_id_map(&t))
    };
    if read("uid_map")? != want.uids || read("gid_map")? != want.gids {
        return None;
    }
    // Read last: the namespace and the maps above were those of the recorded process only if
    // it still runs now (a pid is not reused while its process lives).
    (process_start_time(pid) == Some(start)).then_some(ns)
}

/// Names `pid` (a container's monitor that just started in skiff's user namespace, started at
/// `start`) as the keeper, unless the one named still runs. Best effort: a run directory that
/// cannot be written only costs later commands the namespace they would have joined.
pub(crate) fn offer(runroot: &Path, pid: i32, start: u64) {
    let path = file(runroot);
    let current = std::fs::read_to_string(&path).ok();
    if let Some((old, old_start)) = current.as_deref().and_then(parse) {
        if process_start_time(old) == Some(old_start) {
            return;
        }
    }
    // Written whole and renamed over: a reader sees the old record or the new one.
    let tmp = runroot.join(format!("userns-keeper.{}", std::process::id()));
    if std::fs::write(&tmp, format!("{pid} {start}\n")).is_err()
        || std::fs::rename(&tmp, &path).is_err()
    {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_a_pid_and_a_start_time() {
        assert_eq!(parse("123 456\n"), Some((123, 456)));
        assert_eq!(parse("123"), None);
        assert_eq!(parse("0 456"), None);
        assert_eq!(parse("-1 456"), None);
        assert_eq!(parse("123 456 789"), None);
        assert_eq!(parse("x 456"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn a_process_in_the_initial_namespace_is_never_joined() {
        let dir = tempfile::tempdir().unwrap();
        let me = std::process::id() as i32;
        offer(dir.path(), me, process_start_time(me).unwrap());
        let want = super::super::userns::current_id_map();
        // Our own process, with our own mapping: its namespace is ours, not one made in it.
        assert!(open(dir.path(), &want).is_none());
    }

    /// A process in a user namespace made in ours (`unshare --user --map-root-user`, which maps
    /// only the caller's own id) is joined with its record and its mapping, and refused with
    /// another start time, another uid map or another gid map.
    #[test]
    fn a_recorded_process_is_joined_only_with_its_start_time_and_mapping() {
        let mut child = std::process::Command::new("unshare")
            .args(["--user", "--map-root-user", "sleep", "60"])
            .spawn()
            .expect("run unshare (util-linux)");
        let pid = child.id() as i32;
        // unshare writes the maps before it executes sleep.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default() != "sleep\n"
        {
            assert!(
                std::time::Instant::now() < deadline,
                "unshare never ran sleep"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let map = |name: &str| {
            super::super::userns::parse_id_map(
                &std::fs::read_to_string(format!("/proc/{pid}/{name}")).unwrap(),
            )
        };
        let want = IdMap {
            uids: map("uid_map"),
            gids: map("gid_map"),
        };
        let start = process_start_time(pid).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let record = |start: u64| std::fs::write(file(dir.path()), format!("{pid} {start}\n"));
        record(start).unwrap();
        let joined = open(dir.path(), &want).is_some();
        let mut other_uids = want.clone();
        other_uids.uids[0].host += 1;
        let mut other_gids = want.clone();
        other_gids.gids[0].size += 1;
        let refused = [
            open(dir.path(), &other_uids).is_none(),
            open(dir.path(), &other_gids).is_none(),
            record(start + 1).is_ok() && open(dir.path(), &want).is_none(),
        ];
        let _ = child.kill();
        let _ = child.wait();
        assert!(joined, "the recorded process's namespace was not joined");
        assert_eq!(refused, [true; 3], "uid map, gid map, start time");
    }

    #[test]
    fn a_live_keeper_is_not_replaced_and_a_dead_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let me = std::process::id() as i32;
        let start = process_start_time(me).unwrap();
        offer(dir.path(), me, start);
        offer(dir.path(), 1, 1);
        let text = std::fs::read_to_string(file(dir.path())).unwrap();
        assert_eq!(parse(&text), Some((me, start)));
        std::fs::write(file(dir.path()), format!("{me} {}\n", start + 1)).unwrap();
        offer(dir.path(), me, start);
        let text = std::fs::read_to_string(file(dir.path())).unwrap();
        assert_eq!(parse(&text), Some((me, start)));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
