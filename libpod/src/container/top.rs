//! `top`: the processes of a running container (its first process and all its descendants).
//! docker's default `ps -ef` columns are read from the host's /proc; other ps(1) options run the
//! host's `ps` with them and keep the container's rows, as docker does.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::Engine;
use crate::error::{Error, Result};

/// docker's default `top` header.
pub const TOP_HEADER: [&str; 8] = ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"];

struct ProcInfo {
    ppid: i32,
    uid: u32,
    start_ticks: u64,
    cpu_ticks: u64,
    tty: i32,
    cmd: String,
}

fn read_proc(pid: i32) -> Option<ProcInfo> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let comm = stat[open + 1..close].to_string();
    let f: Vec<&str> = stat[close + 2..].split(' ').collect();
    // f[0] is field 3 (state): field N is f[N - 3].
    let num = |n: usize| {
        f.get(n - 3)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|v| v.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let cmd = if cmdline.is_empty() {
        format!("[{comm}]")
    } else {
        cmdline
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    Some(ProcInfo {
        ppid: num(4) as i32,
        uid,
        start_ticks: num(22),
        cpu_ticks: num(14) + num(15),
        tty: num(7) as i32,
        cmd,
    })
}

fn user_names() -> BTreeMap<u32, String> {
    std::fs::read_to_string("/etc/passwd")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut it = l.split(':');
            let name = it.next()?;
            let uid = it.nth(1)?.parse().ok()?;
            Some((uid, name.to_string()))
        })
        .collect()
}

fn hms(secs: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// A `top` table: column titles and one row per process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Top {
    /// The columns' titles.
    pub titles: Vec<String>,
    /// One row per process, a cell per title.
    pub rows: Vec<Vec<String>>,
}

/// Keeps the rows of `ps` output whose PID column names one of `pids`. As docker: the titles
/// are the header's words (one must be `PID`), and a row's cells past the last title's start
/// are joined with spaces into the last cell (a command with arguments).
pub fn ps_rows(output: &str, pids: &BTreeSet<i32>) -> Result<Top> {
    let mut lines = output.lines();
    let titles: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let Some(pid_at) = titles.iter().position(|t| t == "PID") else {
        return Err(Error::InvalidArgument(
            "ps printed no PID column: give ps options that keep it (e.g. -o pid,comm)".into(),
        ));
    };
    let last = titles.len() - 1;
    let mut rows = Vec::new();
    for line in lines {
        let cells: Vec<&str> = line.split_whitespace().collect();
        let Some(pid) = cells.get(pid_at).and_then(|p| p.parse::<i32>().ok()) else {
            continue;
        };
        if !pids.contains(&pid) || cells.len() < titles.len() {
            continue;
        }
        let mut row: Vec<String> = cells[..last].iter().map(|c| c.to_string()).collect();
        row.push(cells[last..].join(" "));
        rows.push(row);
    }
    Ok(Top { titles, rows })
}

/// Runs the host's `ps` with `args` and keeps the rows of `pids`.
fn host_ps(args: &[String], pids: &BTreeSet<i32>) -> Result<Top> {
    let out = std::process::Command::new("ps")
        .args(args)
        .output()
        .map_err(|e| {
            Error::Runtime(format!(
                "running ps for top's options: {e}: install procps, or give no ps options"
            ))
        })?;
    if !out.status.success() {
        return Err(Error::InvalidArgument(format!(
            "ps {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    ps_rows(&String::from_utf8_lossy(&out.stdout), pids)
}

impl Engine {
    /// `top`: the running container's processes. No `ps_args` (or docker's default `-ef`) gives
    /// [`TOP_HEADER`]'s columns from /proc; other ps(1) options, the host `ps`'s own columns.
    pub fn top_container(&mut self, name_or_id: &str, ps_args: &[String]) -> Result<Top> {
        let rec = self.lookup_container(name_or_id)?;
        if !rec.state.is_active() {
            return Err(Error::Conflict(format!(
                "container {} is not running: start it to see its processes",
                rec.name
            )));
        }
        let mut all: BTreeMap<i32, ProcInfo> = BTreeMap::new();
        if let Ok(dir) = std::fs::read_dir("/proc") {
            for e in dir.flatten() {
                if let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) {
                    if let Some(p) = read_proc(pid) {
                        all.insert(pid, p);
                    }
                }
            }
        }
        let mut members = BTreeSet::from([rec.pid]);
        loop {
            let before = members.len();
            for (pid, p) in &all {
                if members.contains(&p.ppid) {
                    members.insert(*pid);
                }
            }
            if members.len() == before {
                break;
            }
        }
        if !(ps_args.is_empty() || ps_args == ["-ef"]) {
            return host_ps(ps_args, &members);
        }
        // SAFETY: sysconf has no preconditions.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
        let boot = std::fs::read_to_string("/proc/stat")
            .ok()
            .and_then(|s| {
                s.lines().find_map(|l| {
                    l.strip_prefix("btime ")
                        .and_then(|v| v.trim().parse::<u64>().ok())
                })
            })
            .unwrap_or(0);
        let now = super::time::now_ns() as u64 / 1_000_000_000;
        let users = user_names();
        let mut rows = Vec::new();
        for pid in members {
            let Some(p) = all.get(&pid) else { continue };
            let started = boot + p.start_ticks / hz;
            let elapsed = now.saturating_sub(started).max(1);
            let stime = {
                let secs_of_day = started % 86_400;
                format!("{:02}:{:02}", secs_of_day / 3600, secs_of_day % 3600 / 60)
            };
            rows.push(vec![
                users
                    .get(&p.uid)
                    .cloned()
                    .unwrap_or_else(|| p.uid.to_string()),
                pid.to_string(),
                p.ppid.to_string(),
                (p.cpu_ticks / hz * 100 / elapsed).to_string(),
                stime,
                if p.tty == 0 {
                    "?".to_string()
                } else {
                    format!("pts/{}", p.tty & 0xff)
                },
                hms(p.cpu_ticks / hz),
                p.cmd.clone(),
            ]);
        }
        Ok(Top {
            titles: TOP_HEADER.iter().map(|t| t.to_string()).collect(),
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ps_rows_keep_the_containers_processes_and_join_the_command() {
        let out = "  PID USER     COMMAND\n    1 root     init\n   42 user     sleep 100 --x\n   43 user     sh\n";
        let top = ps_rows(out, &BTreeSet::from([42, 43])).unwrap();
        assert_eq!(top.titles, ["PID", "USER", "COMMAND"]);
        assert_eq!(
            top.rows,
            [
                vec!["42", "user", "sleep 100 --x"],
                vec!["43", "user", "sh"]
            ]
        );
    }

    #[test]
    fn ps_rows_need_a_pid_column() {
        let err = ps_rows("COMMAND\nsleep\n", &BTreeSet::from([1])).unwrap_err();
        assert!(err.to_string().contains("no PID column"), "{err}");
    }
}
