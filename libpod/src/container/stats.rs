//! `stats`: a running container's resource use, read from its own cgroup v2 (CPU time, memory,
//! block I/O, pids) and its network namespace (`/proc/PID/net/dev`). Where the host gives the
//! container no cgroup (cgroup v1 or hybrid hosts, no delegated session), the figures come from
//! `/proc` of the container's processes (its first process and every descendant) instead.

use std::path::Path;

use super::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::Result;

/// One reading of a container's resource use. Counters are totals since the container started;
/// `cpu_percent` needs two readings (or the start time) to turn into a rate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatsSample {
    /// Full container id.
    pub id: String,
    /// Container name.
    pub name: String,
    /// Whether it runs (a stopped container reads as all zeros).
    pub running: bool,
    /// CPU time used by its processes, nanoseconds.
    pub cpu_ns: u64,
    /// When the container's current run started, unix nanoseconds.
    pub started_ns: i64,
    /// When this reading was taken, unix nanoseconds.
    pub read_ns: i64,
    /// Memory in use, bytes (docker's: without the inactive file cache).
    pub memory_usage: u64,
    /// The memory limit, bytes (the host's memory when unlimited).
    pub memory_limit: u64,
    /// Bytes received on the container's interfaces (not loopback).
    pub net_rx: u64,
    /// Bytes sent on the container's interfaces (not loopback).
    pub net_tx: u64,
    /// Bytes read from block devices.
    pub block_read: u64,
    /// Bytes written to block devices.
    pub block_write: u64,
    /// Processes (and threads) in the container.
    pub pids: u64,
}

impl StatsSample {
    /// docker's CPU %: the CPU time used between `prev` and this reading per wall-clock time
    /// (100% = one CPU busy). Without `prev`, averaged over the run so far (podman's
    /// `--no-stream`).
    pub fn cpu_percent(&self, prev: Option<&StatsSample>) -> f64 {
        let (cpu, since) = match prev {
            Some(p) if p.running && p.started_ns == self.started_ns => (p.cpu_ns, p.read_ns),
            _ => (0, self.started_ns),
        };
        let wall = self.read_ns.saturating_sub(since);
        if !self.running || wall <= 0 {
            return 0.0;
        }
        self.cpu_ns.saturating_sub(cpu) as f64 / wall as f64 * 100.0
    }

    /// docker's MEM %: usage over limit.
    pub fn memory_percent(&self) -> f64 {
        if self.memory_limit == 0 {
            return 0.0;
        }
        self.memory_usage as f64 / self.memory_limit as f64 * 100.0
    }
}

/// A `key value` line's value in a cgroup file such as `cpu.stat` or `memory.stat`.
fn keyed(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| v.trim().parse().ok())?
    })
}

/// Sums `rbytes=` and `wbytes=` over the devices of an `io.stat` file.
fn io_bytes(io_stat: &str) -> (u64, u64) {
    let mut total = (0, 0);
    for field in io_stat.split_whitespace() {
        if let Some(v) = field.strip_prefix("rbytes=") {
            total.0 += v.parse::<u64>().unwrap_or(0);
        } else if let Some(v) = field.strip_prefix("wbytes=") {
            total.1 += v.parse::<u64>().unwrap_or(0);
        }
    }
    total
}

/// Sums received and sent bytes of every interface but loopback in `/proc/net/dev` text.
fn net_bytes(net_dev: &str) -> (u64, u64) {
    let mut total = (0, 0);
    for line in net_dev.lines().skip(2) {
        let Some((name, rest)) = line.split_once(':') else {
            continue;
        };
        if name.trim() == "lo" {
            continue;
        }
        let f: Vec<u64> = rest
            .split_whitespace()
            .map(|v| v.parse().unwrap_or(0))
            .collect();
        total.0 += f.first().copied().unwrap_or(0);
        total.1 += f.get(8).copied().unwrap_or(0);
    }
    total
}

/// Fills `s` from the container's cgroup at `path`.
fn from_cgroup(s: &mut StatsSample, path: &Path) {
    let read = |f: &str| std::fs::read_to_string(path.join(f)).unwrap_or_default();
    s.cpu_ns = keyed(&read("cpu.stat"), "usage_usec").unwrap_or(0) * 1000;
    let current: u64 = read("memory.current").trim().parse().unwrap_or(0);
    let inactive = keyed(&read("memory.stat"), "inactive_file").unwrap_or(0);
    s.memory_usage = current.saturating_sub(inactive);
    s.memory_limit = read("memory.max")
        .trim()
        .parse()
        .unwrap_or_else(|_| crate::info::mem_total());
    (s.block_read, s.block_write) = io_bytes(&read("io.stat"));
    s.pids = read("pids.current").trim().parse().unwrap_or(0);
}

/// Process `init` and its descendants (a container's, a monitor's), from
/// `/proc/PID/task/TID/children`.
pub(crate) fn process_tree(init: i32) -> Vec<i32> {
    let mut out = vec![init];
    let mut i = 0;
    while i < out.len() {
        let pid = out[i];
        i += 1;
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            continue;
        };
        for t in tasks.flatten() {
            let children = std::fs::read_to_string(t.path().join("children")).unwrap_or_default();
            out.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<i32>().ok()),
            );
        }
    }
    out
}

/// Fills `s` from `/proc` of the container's processes (no cgroup of its own).
fn from_processes(s: &mut StatsSample, init: i32) {
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    // SAFETY: as above.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(1) as u64;
    for pid in process_tree(init) {
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let Some(close) = stat.rfind(')') else {
            continue;
        };
        // Fields after the command: [0] is field 3 (state), so field N is [N - 3].
        let f: Vec<u64> = stat[close + 2..]
            .split(' ')
            .map(|v| v.parse().unwrap_or(0))
            .collect();
        let field = |n: usize| f.get(n - 3).copied().unwrap_or(0);
        // utime + stime, plus what reaped children used (cutime + cstime).
        let ticks = field(14) + field(15) + field(16) + field(17);
        s.cpu_ns += ticks * 1_000_000_000 / hz;
        s.pids += field(20);
        s.memory_usage += field(24) * page;
        if let Ok(io) = std::fs::read_to_string(format!("/proc/{pid}/io")) {
            s.block_read += io
                .lines()
                .find_map(|l| l.strip_prefix("read_bytes: "))
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(0);
            s.block_write += io
                .lines()
                .find_map(|l| l.strip_prefix("write_bytes: "))
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    s.memory_limit = crate::info::mem_total();
}

/// One reading of `rec` (all zeros when it does not run).
pub fn sample(rec: &ContainerRecord) -> StatsSample {
    let mut s = StatsSample {
        id: rec.id.clone(),
        name: rec.name.clone(),
        running: rec.state.is_active() && rec.pid > 0,
        started_ns: rec.started,
        read_ns: super::time::now_ns(),
        ..StatsSample::default()
    };
    if !s.running {
        return s;
    }
    match crate::runtime::cgroups::of_container(&rec.id, rec.pid) {
        Some(path) => {
            from_cgroup(&mut s, &path);
            if rec.config.memory > 0 && s.memory_limit == 0 {
                s.memory_limit = rec.config.memory as u64;
            }
        }
        None => {
            from_processes(&mut s, rec.pid);
            if rec.config.memory > 0 {
                s.memory_limit = rec.config.memory as u64;
            }
        }
    }
    let net = std::fs::read_to_string(format!("/proc/{}/net/dev", rec.pid)).unwrap_or_default();
    (s.net_rx, s.net_tx) = net_bytes(&net);
    s
}

impl Engine {
    /// `stats`: one reading of each container named (or of every running container, with
    /// `all` every container, when none is named).
    pub fn container_stats(&mut self, names: &[String], all: bool) -> Result<Vec<StatsSample>> {
        let recs = if names.is_empty() {
            self.list_containers()?
                .into_iter()
                .filter(|r| all || r.state.is_active())
                .collect::<Vec<_>>()
        } else {
            names
                .iter()
                .map(|n| self.lookup_container(n))
                .collect::<Result<Vec<_>>>()?
        };
        Ok(recs.iter().map(sample).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cgroup_files() {
        assert_eq!(
            keyed("usage_usec 1500\nuser_usec 1000\n", "usage_usec"),
            Some(1500)
        );
        assert_eq!(
            keyed("anon 1\ninactive_file 4096\n", "inactive_file"),
            Some(4096)
        );
        assert_eq!(keyed("usage_usec x\n", "usage_usec"), None);
        assert_eq!(
            io_bytes("8:0 rbytes=100 wbytes=200 rios=1 wios=2\n253:0 rbytes=1 wbytes=2 rios=0\n"),
            (101, 202)
        );
    }

    #[test]
    fn network_without_loopback() {
        let dev = "Inter-|   Receive                                                |  Transmit\n \
                   face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n    \
                   lo:     500       5    0    0    0     0          0         0      500       5    0    0    0     0       0          0\n  \
                   eth0:    1000      10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0\n";
        assert_eq!(net_bytes(dev), (1000, 2000));
    }

    #[test]
    fn percentages() {
        let s = StatsSample {
            running: true,
            cpu_ns: 3_000_000_000,
            started_ns: 0,
            read_ns: 2_000_000_000,
            memory_usage: 25,
            memory_limit: 100,
            ..StatsSample::default()
        };
        assert_eq!(s.cpu_percent(None), 150.0);
        let prev = StatsSample {
            cpu_ns: 2_500_000_000,
            read_ns: 1_000_000_000,
            ..s.clone()
        };
        assert_eq!(s.cpu_percent(Some(&prev)), 50.0);
        assert_eq!(s.memory_percent(), 25.0);
        let stopped = StatsSample::default();
        assert_eq!(stopped.cpu_percent(None), 0.0);
        assert_eq!(stopped.memory_percent(), 0.0);
    }
}
