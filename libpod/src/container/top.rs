//! `top`: the processes of a running container (its first process and all its descendants,
//! and the processes `exec` started in its PID namespace).
//! docker's default `ps -ef` columns are read from the host's /proc; podman's format
//! descriptors (`pid user args`, [`super::top_descriptors`]) too; other ps(1) options run the
//! host's `ps` with them and keep the container's rows, as docker does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::top_descriptors::{container_id, parse_descriptors, Descriptor, Names, Process};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::runtime::userns::parse_id_map;

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

/// The fields of /proc/PID/stat: the command's name, and the others by their number in
/// proc(5) (`field(3)` is the state).
struct Stat {
    comm: String,
    rest: Vec<String>,
}

impl Stat {
    fn read(pid: i32) -> Option<Stat> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let open = stat.find('(')?;
        let close = stat.rfind(')')?;
        Some(Stat {
            comm: stat.get(open + 1..close)?.to_string(),
            rest: stat
                .get(close + 2..)?
                .split(' ')
                .map(str::to_string)
                .collect(),
        })
    }

    /// Field `n` (3 or more), "0" when missing.
    fn field(&self, n: usize) -> &str {
        self.rest.get(n - 3).map_or("0", String::as_str)
    }

    /// Field `n` as a number, 0 when missing or not one.
    fn num(&self, n: usize) -> u64 {
        self.field(n).parse().unwrap_or(0)
    }
}

/// The words of process `pid`'s command line (none for a kernel thread).
fn command_line(pid: i32) -> Vec<String> {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .unwrap_or_default()
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect()
}

fn read_proc(pid: i32) -> Option<ProcInfo> {
    let stat = Stat::read(pid)?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|v| v.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let args = command_line(pid);
    let cmd = if args.is_empty() {
        format!("[{}]", stat.comm)
    } else {
        args.join(" ")
    };
    Some(ProcInfo {
        ppid: stat.num(4) as i32,
        uid,
        start_ticks: stat.num(22),
        cpu_ticks: stat.num(14) + stat.num(15),
        tty: stat.num(7) as i32,
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
    /// Whose columns these are, for the table's spacing.
    pub style: TopStyle,
}

/// Whose `top` columns a [`Top`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopStyle {
    /// docker's (`ps -ef`'s or ps(1)'s own).
    Docker,
    /// podman's format descriptors.
    Podman,
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
    Ok(Top {
        titles,
        rows,
        style: TopStyle::Docker,
    })
}

/// Runs the host's `ps` with `args` and keeps the rows of `pids`. As docker's daemon, it asks
/// `ps` for those processes (`-q PID,...`), whoever runs them (`-o pid,comm` alone would list
/// only the caller's); options that `-q` does not go with (BSD's `aux`) are run as given.
fn host_ps(args: &[String], pids: &BTreeSet<i32>) -> Result<Top> {
    let run = |extra: &[String]| {
        std::process::Command::new("ps")
            .args(args)
            .args(extra)
            .output()
            .map_err(|e| {
                Error::Runtime(format!(
                    "running ps for top's options: {e}: install procps, or give no ps options"
                ))
            })
    };
    let listed: Vec<String> = pids.iter().map(|p| p.to_string()).collect();
    let mut out = run(&["-q".to_string(), listed.join(",")])?;
    if !out.status.success() {
        out = run(&[])?;
    }
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
        // The processes `exec` started are no descendants of the first one: they are the
        // container's when they are in its PID namespace (one of its own: a `--pid host`
        // container's is the host's, where only the descendants count).
        let pid_ns = |pid: i32| std::fs::read_link(format!("/proc/{pid}/ns/pid")).ok();
        if let Some(ns) =
            pid_ns(rec.pid).filter(|ns| pid_ns(std::process::id() as i32).as_ref() != Some(ns))
        {
            members.extend(all.keys().filter(|p| pid_ns(**p).as_ref() == Some(&ns)));
        }
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
        if let Some(descriptors) = parse_descriptors(ps_args) {
            return Ok(descriptor_table(rec.pid, &members, &descriptors));
        }
        if !(ps_args.is_empty() || ps_args == ["-ef"]) {
            return host_ps(ps_args, &members);
        }
        let hz = clock_ticks() as u64;
        let boot = (boot_time_ns() / 1_000_000_000) as u64;
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
            style: TopStyle::Docker,
        })
    }
}

/// podman's table of `descriptors` for the container's processes `members` (host pids), whose
/// first process is `init`.
fn descriptor_table(init: i32, members: &BTreeSet<i32>, descriptors: &[Descriptor]) -> Top {
    // The container's PID namespace is the init's innermost; a process of it in a namespace
    // nested deeper shows the container's pid, not its own namespace's.
    let level = ns_pids_of(init).len().saturating_sub(1);
    let ns_pids: BTreeMap<i32, i32> = members
        .iter()
        .filter_map(|&pid| Some((pid, *ns_pids_of(pid).get(level)?)))
        .collect();
    let same_userns = |pid: i32| {
        use std::os::unix::fs::MetadataExt;
        let ino = |p: String| std::fs::metadata(p).map(|m| m.ino()).ok();
        ino("/proc/self/ns/user".into())
            .is_some_and(|me| ino(format!("/proc/{pid}/ns/user")) == Some(me))
    };
    // The container's files, every lookup confined to its root: a symlink in it to a host file
    // resolves inside the container, a FIFO or a device is not read.
    let root = std::fs::File::open(format!("/proc/{init}/root")).ok();
    let text = |path: &str| {
        root.as_ref()
            .and_then(|r| {
                use std::os::fd::AsRawFd;
                crate::runtime::mounts::read_file_in_root(r.as_raw_fd(), Path::new(path), 4 << 20)
            })
            .unwrap_or_default()
    };
    let names = Names::new(&text("/etc/passwd"), &text("/etc/group"));
    let last_cap = std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(40);
    let now = super::time::now_ns();
    let clock = (boot_time_ns(), clock_ticks());
    let rows = members
        .iter()
        .filter_map(|&pid| read_process(pid, &ns_pids, same_userns(pid), clock))
        .map(|p| {
            descriptors
                .iter()
                .map(|d| super::top_descriptors::value(*d, &p, &names, now, last_cap))
                .collect()
        })
        .collect();
    Top {
        titles: descriptors.iter().map(|d| d.title().to_string()).collect(),
        rows,
        style: TopStyle::Podman,
    }
}

/// The pids of host process `pid` in each PID namespace it is in, this process's first
/// (NSpid of /proc/PID/status).
fn ns_pids_of(pid: i32) -> Vec<i32> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            let line = status.lines().find_map(|l| l.strip_prefix("NSpid:"))?;
            Some(
                line.split_whitespace()
                    .filter_map(|p| p.parse().ok())
                    .collect(),
            )
        })
        .unwrap_or_default()
}

/// What podman's descriptors show of host process `pid`; `ns_pids` maps the container's
/// processes to their pids inside it; `same_userns` when the process is in this process's
/// user namespace (its ids are then the container's as they are: the REST service runs in
/// skiff's namespace); `clock` is the boot time (ns since the epoch) and the clock ticks per
/// second.
fn read_process(
    pid: i32,
    ns_pids: &BTreeMap<i32, i32>,
    same_userns: bool,
    (boot_ns, hz): (i64, i64),
) -> Option<Process> {
    let proc = |f: &str| std::fs::read_to_string(format!("/proc/{pid}/{f}"));
    let stat = Stat::read(pid)?;
    let num = |n: usize| stat.num(n);
    let status = proc("status").ok()?;
    let line = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let ids = |key: &str| {
        let v = line(key);
        let at = |i: usize| v.get(i).and_then(|x| x.parse::<u32>().ok()).unwrap_or(0);
        (at(0), at(1))
    };
    let caps = ["CapAmb:", "CapBnd:", "CapEff:", "CapInh:", "CapPrm:"].map(|k| {
        line(k)
            .first()
            .and_then(|h| u64::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    });
    let map = |f: &str| parse_id_map(&proc(f).unwrap_or_default());
    let (uid_map, gid_map) = (map("uid_map"), map("gid_map"));
    let ((ruid, euid), (rgid, egid)) = (ids("Uid:"), ids("Gid:"));
    // In i128: ticks times 10^9 outgrow i64 after ~2.9 years of uptime or of summed CPU time.
    let ticks_ns = |t: u64| (i128::from(t) * 1_000_000_000 / i128::from(hz)) as i64;
    let in_ns = |host: u64| ns_pids.get(&(host as i32)).copied().unwrap_or(0);
    Some(Process {
        host_pid: pid,
        pid: ns_pids.get(&pid).copied().unwrap_or(pid),
        ppid: in_ns(num(4)),
        pgid: in_ns(num(5)),
        comm: proc("comm").unwrap_or_default().trim_end().to_string(),
        args: command_line(pid),
        state: stat.field(3).chars().next().unwrap_or('?'),
        nice: stat.field(19).parse().unwrap_or(0),
        vsz_bytes: num(23),
        start_ns: boot_ns + ticks_ns(num(22)),
        cpu_ns: ticks_ns(num(14) + num(15)),
        tty_nr: num(7),
        uid: match same_userns {
            true => (ruid, euid),
            false => (container_id(&uid_map, ruid), container_id(&uid_map, euid)),
        },
        gid: match same_userns {
            true => (rgid, egid),
            false => (container_id(&gid_map, rgid), container_id(&gid_map, egid)),
        },
        host_ids: (euid, egid),
        caps,
        seccomp: line("Seccomp:")
            .first()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        label: proc("attr/current")
            .ok()
            .map(|l| l.trim_end_matches(['\0', '\n']).to_string())
            .filter(|l| !l.is_empty()),
    })
}

/// The kernel's clock ticks per second (the unit of /proc/PID/stat's times).
fn clock_ticks() -> i64 {
    // SAFETY: sysconf has no preconditions.
    (unsafe { libc::sysconf(libc::_SC_CLK_TCK) }).max(1)
}

/// The host's boot time, nanoseconds since the epoch (`btime` of /proc/stat).
fn boot_time_ns() -> i64 {
    std::fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("btime ")
                    .and_then(|v| v.trim().parse::<i64>().ok())
            })
        })
        .unwrap_or(0)
        * 1_000_000_000
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
