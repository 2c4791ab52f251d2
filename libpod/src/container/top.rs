//! `top`: the processes of a running container, read from the host's /proc (the container's
//! first process and all its descendants), in docker's default `ps -ef` columns.

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

impl Engine {
    /// `top`: one row per process of the running container, columns as [`TOP_HEADER`].
    pub fn top_container(&mut self, name_or_id: &str) -> Result<Vec<Vec<String>>> {
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
        Ok(rows)
    }
}
