//! Device rules on cgroup v1 and hybrid hosts: a group `[PARENT/]skiff-<id>` of the `devices`
//! hierarchy, everything denied (`a` in `devices.deny`) then the allow list written to
//! `devices.allow`. The container's processes join it before the command starts (its
//! intermediate process, so the init and all it forks inherit it; `exec` joins it too); the
//! monitor removes it after the container exited.

use std::path::{Path, PathBuf};

use super::devices::{v1_allow_lines, DeviceRule};

/// Where the cgroup v1 devices hierarchy is mounted.
pub const MOUNT: &str = "/sys/fs/cgroup/devices";

/// Whether this host has a cgroup v1 devices hierarchy (at [`MOUNT`]).
pub fn available() -> bool {
    Path::new(MOUNT).join("devices.allow").exists()
}

/// The devices group of container `id` below `--cgroup-parent` `parent`.
pub fn group_path(id: &str, parent: &str) -> PathBuf {
    Path::new(MOUNT)
        .join(parent.trim_start_matches('/'))
        .join(format!("skiff-{id}"))
}

fn io(p: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", p.display()))
}

/// Creates the group at `path` (and its parents) allowing only `rules`.
pub fn create(path: &Path, rules: &[DeviceRule]) -> std::io::Result<()> {
    std::fs::create_dir_all(path).map_err(|e| io(path, e))?;
    let write = |file: &str, line: &str| {
        let p = path.join(file);
        std::fs::write(&p, line).map_err(|e| io(&p, e))
    };
    write("devices.deny", "a")?;
    for line in v1_allow_lines(rules) {
        write("devices.allow", &line)?;
    }
    Ok(())
}

/// The devices group of process `pid` from /proc/PID/cgroup text (`5:devices:/skiff-x`).
pub fn group_in(proc_cgroup: &str) -> Option<&str> {
    proc_cgroup.lines().find_map(|l| {
        let (_, rest) = l.split_once(':')?;
        let (controllers, path) = rest.split_once(':')?;
        controllers
            .split(',')
            .any(|c| c == "devices")
            .then_some(path)
    })
}

/// The `cgroup.procs` of the devices group process `pid` is in, when that is not the caller's
/// (`exec` joins its container's).
pub fn procs_of(pid: i32) -> Option<PathBuf> {
    let theirs = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?;
    let ours = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let group = group_in(&theirs)?;
    (Some(group) != group_in(&ours)).then(|| {
        Path::new(MOUNT)
            .join(group.trim_start_matches('/'))
            .join("cgroup.procs")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            group_path("abc", ""),
            Path::new("/sys/fs/cgroup/devices/skiff-abc")
        );
        assert_eq!(
            group_path("abc", "/ci/jobs"),
            Path::new("/sys/fs/cgroup/devices/ci/jobs/skiff-abc")
        );
    }

    #[test]
    fn group_of_a_process() {
        let t = "6:freezer:/\n5:devices:/skiff-abc\n4:memory:/x\n0::/\n";
        assert_eq!(group_in(t), Some("/skiff-abc"));
        assert_eq!(group_in("3:cpu,devices:/a/b\n"), Some("/a/b"));
        assert_eq!(group_in("0::/user.slice\n"), None);
    }
}
