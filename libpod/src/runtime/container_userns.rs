//! The container's own user namespace (`--userns`), entered by the runtime's forked
//! intermediate before it unshares the other namespaces, so that they belong to it: a new one
//! with the container's id map, or the one at a path (`--userns ns:PATH`). Every call goes
//! through the seam ([`Fork`]).

use std::path::Path;

use nix::sched::CloneFlags;

use super::spec::{IdMap, IdRange, RuntimeSpec};
use super::sys::{Fork, Process};
use crate::error::{Error, Result};

/// Enters the user namespace `spec` asks for, if any, and makes the caller root in it.
pub(super) fn enter<S: Fork>(sys: &S, spec: &RuntimeSpec) -> Result<()> {
    match (&spec.userns_join, &spec.userns) {
        (Some(path), _) => join(sys, path),
        (None, Some(map)) => {
            unshare_mapped(sys, map)?;
            become_root(sys)
        }
        (None, None) => Ok(()),
    }
}

/// Moves the caller into the user namespace at `path` (`--userns ns:PATH`, as root) and makes
/// it root there.
fn join<S: Process>(sys: &S, path: &Path) -> Result<()> {
    let ns = sys.open(path).map_err(|e| {
        Error::Runtime(format!(
            "opening the user namespace {}: {e}",
            path.display()
        ))
    })?;
    sys.setns(&ns, CloneFlags::CLONE_NEWUSER).map_err(|e| {
        Error::Runtime(format!(
            "joining the user namespace {}: {e}",
            path.display()
        ))
    })?;
    become_root(sys)
}

/// The text of a uid_map or gid_map file for `ranges`.
fn map_text(ranges: &[IdRange]) -> String {
    ranges
        .iter()
        .map(|r| format!("{} {} {}\n", r.container, r.host, r.size))
        .collect()
}

/// Moves the caller into a new user namespace with `map` (ids of the caller's namespace). The
/// maps are written by a forked helper: only a process outside the namespace with CAP_SETUID
/// there (root in skiff's namespace, or real root) may map more than its own id.
fn unshare_mapped<S: Fork>(sys: &S, map: &IdMap) -> Result<()> {
    let (uids, gids) = (map_text(&map.uids), map_text(&map.gids));
    let write = |parent: u32, file: &str, text: &str| {
        let path = format!("/proc/{parent}/{file}");
        sys.write_file(Path::new(&path), text.as_bytes()).is_ok()
    };
    let (unshared, written) = sys.with_helper(
        || sys.unshare(CloneFlags::CLONE_NEWUSER),
        |parent| write(parent, "uid_map", &uids) && write(parent, "gid_map", &gids),
    )?;
    unshared
        .map_err(|e| Error::Runtime(format!("creating the container's user namespace: {e}")))?;
    if !written {
        return Err(Error::Runtime(format!(
            "could not write the container's user namespace mapping ({}): are those ids \
             mapped in skiff's namespace (/etc/subuid, /etc/subgid)?",
            map.describe()
        )));
    }
    Ok(())
}

/// `setresgid` then `setresuid` to 0: root in the user namespace just entered.
pub(super) fn become_root<S: Process>(sys: &S) -> Result<()> {
    sys.setresgid(0)
        .and_then(|()| sys.setresuid(0))
        .map_err(|e| Error::Runtime(format!("becoming root in the user namespace: {e}")))
}
