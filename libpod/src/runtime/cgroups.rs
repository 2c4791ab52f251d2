//! cgroup v2 for containers: finds a writable delegated subtree, creates `skiff-<id>` under it
//! with the requested limits, and removes it after the container exits. On hosts without one
//! (cgroup v1 or hybrid, like these machines) [`container_cgroup`] returns
//! [`LimitsUnavailable`] so the caller warns once and runs the container without limits.

use std::path::{Path, PathBuf};

use super::spec::CgroupSpec;
use crate::error::{Error, Result};

/// Why the container's limits cannot be applied on this host.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "resource limits unavailable: {0}; the container runs without --memory/--cpus/--pids-limit"
)]
pub struct LimitsUnavailable(pub String);

/// `cpu.max` for `--cpus` (period 100 ms): 1.5 -> `"150000 100000"`.
pub fn cpu_max(cpus: f64) -> String {
    format!("{} 100000", (cpus * 100_000.0).round() as u64)
}

/// `memory.max` for `--memory` in bytes.
pub fn memory_max(bytes: i64) -> String {
    if bytes <= 0 {
        "max".into()
    } else {
        bytes.to_string()
    }
}

/// `pids.max` for `--pids-limit` (0 or negative: unlimited).
pub fn pids_max(limit: i64) -> String {
    if limit <= 0 {
        "max".into()
    } else {
        limit.to_string()
    }
}

/// The cgroup v2 path of this process from /proc/self/cgroup text (`0::/user.slice/...`).
pub fn own_cgroup(proc_cgroup: &str) -> Option<String> {
    proc_cgroup
        .lines()
        .find_map(|l| l.strip_prefix("0::"))
        .map(str::to_string)
}

/// The controllers a cgroup file lists (`cgroup.controllers` / `cgroup.subtree_control`).
fn controllers(dir: &Path, file: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Finds the cgroup under which containers are created: `/sys/fs/cgroup` for root, the
/// caller's own (systemd-delegated) cgroup when rootless. Requires a pure cgroup v2 mount.
pub fn base() -> std::result::Result<PathBuf, LimitsUnavailable> {
    let mnt = Path::new("/sys/fs/cgroup");
    if !mnt.join("cgroup.controllers").exists() {
        return Err(LimitsUnavailable(
            "this host does not use cgroup v2 (cgroups v1 or hybrid)".into(),
        ));
    }
    let rootless = crate::config::is_rootless() || super::userns::in_userns();
    let base = if rootless {
        let own = own_cgroup(&std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default())
            .ok_or_else(|| LimitsUnavailable("no cgroup v2 entry in /proc/self/cgroup".into()))?;
        let p = mnt.join(own.trim_start_matches('/'));
        if !own.contains("user@") {
            return Err(LimitsUnavailable(format!(
                "the cgroup {own} is not delegated to you (use a systemd user session)"
            )));
        }
        p
    } else {
        mnt.to_path_buf()
    };
    let c = controllers(&base, "cgroup.controllers");
    if !["memory", "cpu", "pids"]
        .iter()
        .all(|k| c.iter().any(|x| x == k))
    {
        return Err(LimitsUnavailable(format!(
            "the memory, cpu and pids controllers are not enabled in {}",
            base.display()
        )));
    }
    Ok(base)
}

/// The cgroup for container `id` with the given limits, or why limits cannot be applied.
pub fn container_cgroup(
    id: &str,
    memory: Option<i64>,
    cpus: Option<f64>,
    pids: Option<i64>,
) -> std::result::Result<CgroupSpec, LimitsUnavailable> {
    Ok(CgroupSpec {
        path: base()?.join(format!("skiff-{id}")),
        memory,
        cpus,
        pids,
    })
}

/// Creates the cgroup directory and writes its limits (before the init joins it).
pub fn create(cg: &CgroupSpec) -> Result<()> {
    let io = |p: &Path, e: std::io::Error| Error::Runtime(format!("cgroup {}: {e}", p.display()));
    if let Some(parent) = cg.path.parent() {
        let want: Vec<String> = ["memory", "cpu", "pids"]
            .iter()
            .map(|c| format!("+{c}"))
            .collect();
        let _ = std::fs::write(parent.join("cgroup.subtree_control"), want.join(" "));
    }
    match std::fs::create_dir(&cg.path) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(io(&cg.path, e)),
        _ => {}
    }
    let mut files = Vec::new();
    if let Some(m) = cg.memory {
        files.push(("memory.max", memory_max(m)));
    }
    if let Some(c) = cg.cpus {
        files.push(("cpu.max", cpu_max(c)));
    }
    if let Some(p) = cg.pids {
        files.push(("pids.max", pids_max(p)));
    }
    for (f, v) in files {
        let p = cg.path.join(f);
        std::fs::write(&p, v).map_err(|e| io(&p, e))?;
    }
    Ok(())
}

/// Removes the container's cgroup after its processes exited (missing is fine).
pub fn remove(cg: &CgroupSpec) -> Result<()> {
    match std::fs::remove_dir(&cg.path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Runtime(format!(
            "removing cgroup {}: {e}",
            cg.path.display()
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(cpu_max(1.5), "150000 100000");
        assert_eq!(cpu_max(0.01), "1000 100000");
        assert_eq!(memory_max(512 * 1024 * 1024), "536870912");
        assert_eq!(pids_max(-1), "max");
        assert_eq!(pids_max(100), "100");
    }

    #[test]
    fn own_path() {
        let t =
            "12:memory:/user.slice\n0::/user.slice/user-1000.slice/user@1000.service/app.slice\n";
        assert_eq!(
            own_cgroup(t).as_deref(),
            Some("/user.slice/user-1000.slice/user@1000.service/app.slice")
        );
    }
}
