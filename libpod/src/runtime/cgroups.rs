//! cgroup v2 for containers: each container gets its own cgroup, with its limits, removed after
//! it exits, so it can be frozen, measured and updated. Root creates `skiff-<id>` in the cgroup
//! v2 root (or below `--cgroup-parent`) directly. Rootless,
//! the user's systemd starts a transient `skiff-<id>.scope` (see [`scope`]) holding the
//! container's monitor, delegated to the user; skiff moves the monitor to its `monitor` leaf and
//! the container into a `container` leaf with the limits (cgroup v2 allows processes only in
//! leaves). The scope vanishes with the monitor. Hosts without cgroup v2 or without a delegated
//! systemd user session (cgroup v1 or hybrid, like these machines) get [`LimitsUnavailable`]:
//! the container runs in its caller's cgroup, and when it asked for limits the caller warns once
//! that they are not applied.
//!
//! A root container is also kept to its devices ([`devices`]): by a program on its cgroup v2
//! ([`device_bpf`]) or, on v1 and hybrid hosts, by a group of the v1 devices hierarchy
//! ([`devices_v1`]).

mod device_bpf;
pub mod devices;
pub mod devices_v1;
mod scope;

use std::path::{Path, PathBuf};

use super::spec::{CgroupSpec, DeviceCgroupSpec};
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

/// Whether containers are rootless: skiff runs as a user, or in a user namespace.
pub fn rootless() -> bool {
    crate::config::is_rootless() || super::userns::in_userns()
}

/// Finds where container cgroups are created: the cgroup v2 root for root; the user's systemd
/// manager's slice when rootless (its session bus must be there to start scopes). Cheap: reads
/// a few files, no D-Bus.
pub fn base(needed: &[String]) -> std::result::Result<PathBuf, LimitsUnavailable> {
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
        .filter(|k| !available.contains(k))
        .map(String::as_str)
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

/// The controllers containers' cgroups can use here: those of [`base`]'s cgroup, none when
/// containers get no cgroup of their own (no cgroup v2, no systemd user session).
pub fn delegated_controllers() -> Vec<String> {
    base(&[]).map_or_else(|_| Vec::new(), |b| controllers(&b, "cgroup.controllers"))
}

/// The cgroup directory of a slice name as systemd lays it out: `a-b.slice` lives in
/// `a.slice/a-b.slice`.
pub fn slice_path(slice: &str) -> PathBuf {
    let name = slice.strip_suffix(".slice").unwrap_or(slice);
    let mut path = PathBuf::new();
    let mut prefix = String::new();
    for part in name.split('-') {
        if !prefix.is_empty() {
            prefix.push('-');
        }
        prefix.push_str(part);
        path.push(format!("{prefix}.slice"));
    }
    path
}

/// The systemd slice a rootless container's scope goes in: `--cgroup-parent` when it names a
/// slice, else `app.slice`.
pub fn slice_of(parent: &str) -> std::result::Result<String, LimitsUnavailable> {
    match parent {
        "" => Ok(scope::SLICE.to_string()),
        p if p.ends_with(".slice") && !p.contains('/') => Ok(p.to_string()),
        p => Err(LimitsUnavailable(format!(
            "rootless, --cgroup-parent must name a systemd slice such as my.slice, not {p:?}"
        ))),
    }
}

/// The container's cgroup below `base` (see [`base`]): `[PARENT/]skiff-<id>` for root,
/// `SLICE/skiff-<id>.scope/container` in the user's manager when rootless.
pub fn container_path(base: &Path, id: &str, parent: &str, rootless: bool) -> PathBuf {
    if rootless {
        let slice = slice_of(parent).unwrap_or_else(|_| scope::SLICE.to_string());
        base.join(slice_path(&slice))
            .join(scope::unit_name(id))
            .join("container")
    } else {
        base.join(parent.trim_start_matches('/'))
            .join(format!("skiff-{id}"))
    }
}

/// The cgroup for container `id` below `--cgroup-parent` `parent` (empty: the default), with
/// the interface files that set its limits and its stop timeout (seconds, for a rootless
/// container's scope); or why the host cannot give it one.
pub fn container_cgroup(
    id: &str,
    parent: &str,
    limits: Vec<(String, String)>,
    stop_timeout: u32,
) -> std::result::Result<CgroupSpec, LimitsUnavailable> {
    let rootless = rootless();
    if rootless {
        slice_of(parent)?;
    }
    let needed = controllers_of(&limits);
    Ok(CgroupSpec {
        path: container_path(&base(&needed)?, id, parent, rootless),
        limits,
        stop_timeout,
    })
}

/// The `major:minor` of a block device node, for the io controller's files.
pub fn block_device(path: &str) -> Option<String> {
    use std::os::unix::fs::FileTypeExt;
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.file_type().is_block_device() {
        return None;
    }
    let rdev = meta.rdev();
    Some(format!("{}:{}", libc::major(rdev), libc::minor(rdev)))
}

/// The cgroup of running container `id` whose init is `pid`, when it has one of its own (a
/// container on a host without usable cgroup v2 shares its caller's, which is not its own).
pub fn of_container(id: &str, pid: i32) -> Option<PathBuf> {
    let rel = process_cgroup(&pid.to_string())?;
    let path = Path::new(CGROUP_ROOT).join(rel.trim_start_matches('/'));
    let ours = path.file_name()?.to_str()? == format!("skiff-{id}") || scope_id(&path) == Some(id);
    ours.then_some(path)
}

/// The container id of a rootless container cgroup (`.../skiff-<id>.scope/container`).
fn scope_id(path: &Path) -> Option<&str> {
    path.parent()?
        .file_name()?
        .to_str()?
        .strip_prefix("skiff-")?
        .strip_suffix(".scope")
}

/// The cgroup v2 path of process `pid` ("self" for this one), as /proc/PID/cgroup names it
/// (`/user.slice/...`).
pub fn process_cgroup(pid: &str) -> Option<String> {
    own_cgroup(&std::fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?)
}

/// The cgroup path of this process, in /proc/self/cgroup's form (`/user.slice/...`).
fn own_path() -> String {
    process_cgroup("self").unwrap_or_default()
}

/// Rootless: puts this process (the monitor) into container `id`'s scope, in its `monitor`
/// leaf. A restarted container's monitor is already there.
fn enter_scope(scope_dir: &Path, id: &str, stop_timeout: u32) -> Result<()> {
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
    let slice = scope_dir
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or(scope::SLICE)
        .to_string();
    let unit = scope::Scope {
        id,
        pid: monitor,
        slice: &slice,
        stop_timeout,
    };
    scope::in_child(|| scope::start(&address, uid, &unit)).map_err(|e| {
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

/// Moves this process back into `cgroup` (a path as /proc/self/cgroup shows it), the one it
/// started in: `--cgroups no-conmon`, where the monitor stays in its systemd unit's cgroup once
/// the container's scope exists (both are in the user's delegated subtree, so it may).
pub fn return_to(cgroup: &str) -> Result<()> {
    if own_path() == cgroup {
        return Ok(());
    }
    let procs = Path::new(CGROUP_ROOT)
        .join(cgroup.trim_start_matches('/'))
        .join("cgroup.procs");
    std::fs::write(&procs, "0").map_err(|e| cgroup_io(&procs, e))
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

/// The controllers container cgroups may use: enabled for each container (where the host
/// delegates them) so that `update` and `stats` work on a container started without limits.
const CONTROLLERS: [&str; 5] = ["cpu", "cpuset", "io", "memory", "pids"];

/// Enables in `dir`'s children the [`CONTROLLERS`] that `dir` has.
fn enable_controllers(dir: &Path) {
    let available = controllers(dir, "cgroup.controllers");
    let enabled = controllers(dir, "cgroup.subtree_control");
    let want: Vec<String> = CONTROLLERS
        .iter()
        .filter(|c| available.iter().any(|a| a == *c) && !enabled.iter().any(|e| e == *c))
        .map(|c| format!("+{c}"))
        .collect();
    // One by one: a controller the kernel refuses here must not keep the others off.
    for w in want {
        let _ = std::fs::write(dir.join("cgroup.subtree_control"), w);
    }
}

fn cgroup_io(p: &Path, e: std::io::Error) -> Error {
    Error::Runtime(format!("cgroup {}: {e}", p.display()))
}

/// Creates the cgroup and writes its limits (before the init joins it). Rootless, this first
/// moves the calling monitor into the container's systemd scope.
pub fn create(cg: &CgroupSpec) -> Result<()> {
    if let (Some(id), Some(scope_dir)) = (scope_id(&cg.path), cg.path.parent()) {
        enter_scope(scope_dir, id, cg.stop_timeout)?;
        enable_controllers(scope_dir);
    } else if let Some(parent) = cg.path.parent() {
        // Root: every level from the cgroup root down to --cgroup-parent passes the
        // controllers on.
        let root = Path::new(CGROUP_ROOT);
        let mut dir = root.to_path_buf();
        enable_controllers(&dir);
        for part in parent.strip_prefix(root).unwrap_or(Path::new("")).iter() {
            dir.push(part);
            match std::fs::create_dir(&dir) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(cgroup_io(&dir, e))
                }
                _ => {}
            }
            enable_controllers(&dir);
        }
    }
    match std::fs::create_dir(&cg.path) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            return Err(cgroup_io(&cg.path, e))
        }
        _ => {}
    }
    set(&cg.path, &cg.limits)
}

/// Writes interface files of the cgroup at `path` (limits at create, or `update` of a running
/// container). A missing `memory.swap.max` (no swap accounting) is skipped, as docker does.
pub fn set(path: &Path, files: &[(String, String)]) -> Result<()> {
    for (f, v) in files {
        let p = path.join(f);
        match std::fs::write(&p, v) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && f == "memory.swap.max" => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let controller = f.split('.').next().unwrap_or_default();
                return Err(Error::Runtime(format!(
                    "cgroup {}: no {f}: the {controller} controller is not enabled for the \
                     container (delegate it to the user: `systemctl edit user@.service`, \
                     Delegate=cpu cpuset io memory pids)",
                    path.display()
                )));
            }
            Err(e) => return Err(Error::Runtime(format!("cgroup {}: {v}: {e}", p.display()))),
            Ok(()) => {}
        }
    }
    Ok(())
}

/// Keeps a container to its devices before it starts: attaches the program for `dc`'s rules
/// to its cgroup v2 `cgroup`, or creates its cgroup v1 devices group (which its intermediate
/// process joins).
pub fn confine_devices(dc: &DeviceCgroupSpec, cgroup: Option<&CgroupSpec>) -> Result<()> {
    let failed = |e: std::io::Error| {
        Error::Runtime(format!(
            "the container's device cgroup: {e} (docker and podman do not start a container \
             they cannot keep to its devices either; --privileged runs it without one)"
        ))
    };
    match (&dc.v1_group, cgroup) {
        (Some(group), _) => devices_v1::create(group, &dc.allow).map_err(failed),
        (None, Some(cg)) => device_bpf::attach(&cg.path, &dc.allow).map_err(failed),
        (None, None) => Err(failed(std::io::Error::other(
            "no cgroup v2 of its own to attach the device program to",
        ))),
    }
}

/// Removes what [`confine_devices`] made that outlives the container (a v1 group; a program
/// goes with its cgroup).
pub fn release_devices(dc: &DeviceCgroupSpec) -> Result<()> {
    match &dc.v1_group {
        Some(group) => remove_group(group),
        None => Ok(()),
    }
}

/// Removes what a container's cgroups leave once it has exited or did not start: its cgroup
/// ([`remove`]) and its device group ([`release_devices`]). Errors are passed over: the
/// container is gone and `system check` finds what could not be removed.
pub fn release(cgroup: Option<&CgroupSpec>, devices: Option<&DeviceCgroupSpec>) {
    if let Some(cg) = cgroup {
        let _ = remove(cg);
    }
    if let Some(dc) = devices {
        let _ = release_devices(dc);
    }
}

/// Freezes (`true`) or thaws the cgroup at `path` with cgroup v2's freezer, and waits until the
/// kernel reports it done.
pub fn freeze(path: &Path, frozen: bool) -> Result<()> {
    let p = path.join("cgroup.freeze");
    std::fs::write(&p, if frozen { "1" } else { "0" }).map_err(|e| cgroup_io(&p, e))?;
    let want = if frozen { "frozen 1" } else { "frozen 0" };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let events = std::fs::read_to_string(path.join("cgroup.events")).unwrap_or_default();
        if events.lines().any(|l| l == want) {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(Error::Runtime(format!(
                "cgroup {}: the freezer did not report {want:?} within 10s",
                path.display()
            )));
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// How many times the kernel's OOM killer killed a process of the cgroup at `path`
/// (`memory.events` `oom_kill`; 0 without the memory controller).
pub fn oom_kills(path: &Path) -> u64 {
    std::fs::read_to_string(path.join("memory.events"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("oom_kill "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// Removes the cgroup a root container left when its monitor died (`skiff-<id>` below the
/// cgroup v2 root or `parent`, killing what is left in it). A rootless scope needs nothing:
/// systemd removes it once it is empty.
pub fn remove_orphaned(id: &str, parent: &str) -> Result<()> {
    if rootless() {
        return Ok(());
    }
    let devices = devices_v1::group_path(id, parent);
    if devices.is_dir() {
        remove_group(&devices)?;
    }
    let path = container_path(Path::new(CGROUP_ROOT), id, parent, false);
    if !path.is_dir() {
        return Ok(());
    }
    remove(&CgroupSpec {
        path,
        limits: Vec::new(),
        stop_timeout: 0,
    })
}

/// Removes the container's cgroup after its init exited (missing is fine). Processes of the
/// container still dying keep it busy for a moment: they are killed and waited for briefly. A
/// rootless scope itself goes away with the monitor, its last process.
pub fn remove(cg: &CgroupSpec) -> Result<()> {
    remove_group(&cg.path)
}

/// Removes the cgroup directory at `path` (v2, or a v1 group), waiting briefly for the
/// processes still leaving it.
fn remove_group(path: &Path) -> Result<()> {
    for attempt in 0..100 {
        match std::fs::remove_dir(path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) if e.raw_os_error() == Some(libc::EBUSY) && attempt < 99 => {
                if attempt == 0 {
                    let _ = std::fs::write(path.join("cgroup.kill"), "1");
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) => {
                return Err(Error::Runtime(format!(
                    "removing cgroup {}: {e}",
                    path.display()
                )))
            }
        }
    }
    Ok(())
}

/// The controllers the files need (`memory.max` -> `memory`).
pub fn controllers_of(files: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (f, _) in files {
        let c = f.split('.').next().unwrap_or_default().to_string();
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(cpu_max(1.5), "150000 100000");
        assert_eq!(cpu_max(0.01), "1000 100000");
    }

    #[test]
    fn slices() {
        assert_eq!(slice_path("app.slice"), Path::new("app.slice"));
        assert_eq!(slice_path("a-b.slice"), Path::new("a.slice/a-b.slice"));
        assert_eq!(slice_of("").unwrap(), "app.slice");
        assert_eq!(slice_of("my.slice").unwrap(), "my.slice");
        assert!(slice_of("/my/group").is_err());
    }

    #[test]
    fn container_paths() {
        let m = user_manager(1000);
        assert_eq!(
            m,
            Path::new("/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service")
        );
        let p = container_path(&m, "abc", "", true);
        assert_eq!(p, m.join("app.slice/skiff-abc.scope/container"));
        assert_eq!(scope_id(&p), Some("abc"));
        let p = container_path(&m, "abc", "ci-jobs.slice", true);
        assert_eq!(
            p,
            m.join("ci.slice/ci-jobs.slice/skiff-abc.scope/container")
        );
        assert_eq!(scope_id(&p), Some("abc"));
        let root = container_path(Path::new("/sys/fs/cgroup"), "abc", "", false);
        assert_eq!(root, Path::new("/sys/fs/cgroup/skiff-abc"));
        assert_eq!(scope_id(&root), None);
        let nested = container_path(Path::new("/sys/fs/cgroup"), "abc", "/ci/jobs", false);
        assert_eq!(nested, Path::new("/sys/fs/cgroup/ci/jobs/skiff-abc"));
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

    #[test]
    fn release_removes_the_cgroup_and_the_device_group() {
        let dir = tempfile::tempdir().unwrap();
        let [cg, dev, other] = ["cg", "dev", "v2"].map(|d| dir.path().join(d));
        for d in [&cg, &dev, &other] {
            std::fs::create_dir(d).unwrap();
        }
        let cgroup = CgroupSpec {
            path: cg.clone(),
            limits: Vec::new(),
            stop_timeout: 0,
        };
        let v1 = DeviceCgroupSpec {
            allow: Vec::new(),
            v1_group: Some(dev.clone()),
        };
        release(Some(&cgroup), Some(&v1));
        assert!(!cg.exists() && !dev.exists());
        // A program on cgroup v2 (no v1 group) leaves nothing; a missing cgroup is no error.
        let v2 = DeviceCgroupSpec {
            allow: Vec::new(),
            v1_group: None,
        };
        release(Some(&cgroup), Some(&v2));
        release(None, None);
        assert!(other.exists());
    }
}
