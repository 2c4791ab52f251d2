//! cgroup v2 for containers: each container that asks for limits gets its own cgroup with them,
//! removed after it exits. Root creates `skiff-<id>` in the cgroup v2 root directly. Rootless,
//! the user's systemd starts a transient `skiff-<id>.scope` (see [`scope`]) holding the
//! container's monitor, delegated to the user; skiff moves the monitor to its `monitor` leaf and
//! the container into a `container` leaf with the limits (cgroup v2 allows processes only in
//! leaves). The scope vanishes with the monitor. Hosts without cgroup v2 or without a delegated
//! systemd user session (cgroup v1 or hybrid, like these machines) get [`LimitsUnavailable`]:
//! the caller warns once and runs the container without limits. Containers without limits never
//! reach this module.

mod scope;

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

const CGROUP_ROOT: &str = "/sys/fs/cgroup";

/// The cgroup of user `uid`'s systemd manager (`user@UID.service`), where its scopes live.
pub fn user_manager(uid: u32) -> PathBuf {
    Path::new(CGROUP_ROOT).join(format!("user.slice/user-{uid}.slice/user@{uid}.service"))
}

fn rootless() -> bool {
    crate::config::is_rootless() || super::userns::in_userns()
}

/// Finds where container cgroups are created: the cgroup v2 root for root; the user's systemd
/// manager's slice when rootless (its session bus must be there to start scopes). Cheap: reads
/// a few files, no D-Bus.
pub fn base(needed: &[&str]) -> std::result::Result<PathBuf, LimitsUnavailable> {
    let mnt = Path::new(CGROUP_ROOT);
    if !mnt.join("cgroup.controllers").exists() {
        return Err(LimitsUnavailable(
            "this host does not use cgroup v2 (cgroups v1 or hybrid)".into(),
        ));
    }
    let base = if rootless() {
        let uid = skiff_storage::identity::host_uid();
        let manager = user_manager(uid);
        if !manager.is_dir() {
            return Err(LimitsUnavailable(format!(
                "no systemd user session for uid {uid} ({} does not exist): log in through \
                 systemd-logind or run `loginctl enable-linger`",
                manager.display()
            )));
        }
        let bus = scope::bus_path(
            std::env::var("DBUS_SESSION_BUS_ADDRESS").ok().as_deref(),
            uid,
        );
        if !bus.exists() {
            return Err(LimitsUnavailable(format!(
                "no D-Bus session bus at {} to ask systemd for a cgroup (install dbus-user-session)",
                bus.display()
            )));
        }
        manager
    } else {
        mnt.to_path_buf()
    };
    let available = controllers(&base, "cgroup.controllers");
    let missing: Vec<&str> = needed
        .iter()
        .copied()
        .filter(|k| !available.iter().any(|a| a == k))
        .collect();
    if !missing.is_empty() {
        return Err(LimitsUnavailable(format!(
            "the {} controller(s) are not delegated to {} (as root: `systemctl edit user@.service` \
             and add Delegate=cpu memory pids under [Service])",
            missing.join(", "),
            base.display()
        )));
    }
    Ok(base)
}

/// The cgroup controllers the given limits need: memory for `--memory`, cpu for `--cpus`,
/// pids for `--pids-limit`. Only these must be delegated, as with podman.
pub fn needed_controllers(
    memory: Option<i64>,
    cpus: Option<f64>,
    pids: Option<i64>,
) -> Vec<&'static str> {
    [
        ("memory", memory.is_some()),
        ("cpu", cpus.is_some()),
        ("pids", pids.is_some()),
    ]
    .into_iter()
    .filter_map(|(c, wanted)| wanted.then_some(c))
    .collect()
}

/// The container's cgroup below `base` (see [`base`]): `skiff-<id>` for root,
/// `app.slice/skiff-<id>.scope/container` in the user's manager when rootless.
pub fn container_path(base: &Path, id: &str, rootless: bool) -> PathBuf {
    if rootless {
        base.join(scope::SLICE)
            .join(scope::unit_name(id))
            .join("container")
    } else {
        base.join(format!("skiff-{id}"))
    }
}

/// The cgroup for container `id` with the given limits, or why limits cannot be applied.
pub fn container_cgroup(
    id: &str,
    memory: Option<i64>,
    cpus: Option<f64>,
    pids: Option<i64>,
) -> std::result::Result<CgroupSpec, LimitsUnavailable> {
    Ok(CgroupSpec {
        path: container_path(
            &base(&needed_controllers(memory, cpus, pids))?,
            id,
            rootless(),
        ),
        memory,
        cpus,
        pids,
    })
}

/// The container id of a rootless container cgroup (`.../skiff-<id>.scope/container`).
fn scope_id(path: &Path) -> Option<&str> {
    path.parent()?
        .file_name()?
        .to_str()?
        .strip_prefix("skiff-")?
        .strip_suffix(".scope")
}

/// The cgroup path of this process, in /proc/self/cgroup's form (`/user.slice/...`).
fn own_path() -> String {
    own_cgroup(&std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default())
        .unwrap_or_default()
}

/// Rootless: puts this process (the monitor) into container `id`'s scope, in its `monitor`
/// leaf. A restarted container's monitor is already there.
fn enter_scope(scope_dir: &Path, id: &str) -> Result<()> {
    let rel = format!(
        "/{}",
        scope_dir
            .strip_prefix(CGROUP_ROOT)
            .unwrap_or(scope_dir)
            .display()
    );
    let leaf = scope_dir.join("monitor");
    if own_path() == format!("{rel}/monitor") {
        return Ok(());
    }
    let uid = skiff_storage::identity::host_uid();
    let address = scope::bus_address(
        std::env::var("DBUS_SESSION_BUS_ADDRESS").ok().as_deref(),
        uid,
    );
    let monitor = std::process::id();
    scope::in_child(|| scope::start(&address, uid, id, monitor)).map_err(|e| {
        Error::Runtime(format!(
            "cgroup for the container's limits: {e} (check `systemctl --user status`)"
        ))
    })?;
    // The manager moves us when it runs the job: wait for that, not just for its reply.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while own_path() != rel {
        if std::time::Instant::now() > deadline {
            return Err(Error::Runtime(format!(
                "systemd did not move skiff into {} within 10s (see `journalctl --user -u {}`)",
                scope::unit_name(id),
                scope::unit_name(id)
            )));
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let io = |p: &Path, e: std::io::Error| Error::Runtime(format!("cgroup {}: {e}", p.display()));
    match std::fs::create_dir(&leaf) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(io(&leaf, e)),
        _ => {}
    }
    let procs = leaf.join("cgroup.procs");
    std::fs::write(&procs, "0").map_err(|e| io(&procs, e))
}

/// Rootless `exec`: asks the user's systemd to move process `pid` into the container leaf of
/// the skiff scope at `cgroup` (a path as /proc/PID/cgroup shows it), which the process may not
/// enter itself from outside the user's delegated subtree. Does nothing for other cgroups.
pub fn attach_to_scope(cgroup: &str, pid: u32) -> Result<()> {
    let path = Path::new(cgroup);
    let (Some(id), Some(leaf)) = (scope_id(path), path.file_name().and_then(|l| l.to_str())) else {
        return Ok(());
    };
    let uid = skiff_storage::identity::host_uid();
    let address = scope::bus_address(
        std::env::var("DBUS_SESSION_BUS_ADDRESS").ok().as_deref(),
        uid,
    );
    let subcgroup = format!("/{leaf}");
    scope::in_child(|| scope::attach(&address, uid, id, &subcgroup, pid)).map_err(Error::Runtime)
}

/// Creates the cgroup and writes its limits (before the init joins it). Rootless, this first
/// moves the calling monitor into the container's systemd scope.
pub fn create(cg: &CgroupSpec) -> Result<()> {
    let io = |p: &Path, e: std::io::Error| Error::Runtime(format!("cgroup {}: {e}", p.display()));
    if let (Some(id), Some(scope_dir)) = (scope_id(&cg.path), cg.path.parent()) {
        enter_scope(scope_dir, id)?;
    }
    if let Some(parent) = cg.path.parent() {
        let want: Vec<String> = needed_controllers(cg.memory, cg.cpus, cg.pids)
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

/// Removes the cgroup a root container left when its monitor died (`skiff-<id>` in the cgroup v2
/// root, killing what is left in it). A rootless scope needs nothing: systemd removes it once
/// it is empty.
pub fn remove_orphaned(id: &str) -> Result<()> {
    if rootless() {
        return Ok(());
    }
    let path = container_path(Path::new(CGROUP_ROOT), id, false);
    if !path.is_dir() {
        return Ok(());
    }
    remove(&CgroupSpec {
        path,
        memory: None,
        cpus: None,
        pids: None,
    })
}

/// Removes the container's cgroup after its init exited (missing is fine). Processes of the
/// container still dying keep it busy for a moment: they are killed and waited for briefly. A
/// rootless scope itself goes away with the monitor, its last process.
pub fn remove(cg: &CgroupSpec) -> Result<()> {
    for attempt in 0..100 {
        match std::fs::remove_dir(&cg.path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) if e.raw_os_error() == Some(libc::EBUSY) && attempt < 99 => {
                if attempt == 0 {
                    let _ = std::fs::write(cg.path.join("cgroup.kill"), "1");
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) => {
                return Err(Error::Runtime(format!(
                    "removing cgroup {}: {e}",
                    cg.path.display()
                )))
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_controllers_a_limit_needs() {
        assert_eq!(needed_controllers(Some(1), None, None), ["memory"]);
        assert_eq!(
            needed_controllers(None, Some(0.5), Some(9)),
            ["cpu", "pids"]
        );
        assert!(needed_controllers(None, None, None).is_empty());
    }

    #[test]
    fn values() {
        assert_eq!(cpu_max(1.5), "150000 100000");
        assert_eq!(cpu_max(0.01), "1000 100000");
        assert_eq!(memory_max(512 * 1024 * 1024), "536870912");
        assert_eq!(pids_max(-1), "max");
        assert_eq!(pids_max(100), "100");
    }

    #[test]
    fn container_paths() {
        let m = user_manager(1000);
        assert_eq!(
            m,
            Path::new("/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service")
        );
        let p = container_path(&m, "abc", true);
        assert_eq!(p, m.join("app.slice/skiff-abc.scope/container"));
        assert_eq!(scope_id(&p), Some("abc"));
        let root = container_path(Path::new("/sys/fs/cgroup"), "abc", false);
        assert_eq!(root, Path::new("/sys/fs/cgroup/skiff-abc"));
        assert_eq!(scope_id(&root), None);
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
