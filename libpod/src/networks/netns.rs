//! Working in another network namespace: a forked child that enters it (the caller stays
//! where it is) and reports its error back through a pipe.

use std::path::Path;

use crate::error::{Error, Result};

/// Runs `f` in a forked child (it may enter other network namespaces without moving the
/// caller), returning its error message.
pub(crate) fn in_child(f: impl FnOnce() -> std::result::Result<(), String>) -> Result<()> {
    crate::runtime::forked::in_child(f, |_| "wiring the container's network failed".into())
        .map_err(Error::Runtime)
}

/// Moves the calling process into the network namespace at `path`.
pub(crate) fn enter_netns(path: &Path) -> std::result::Result<(), String> {
    let f = std::fs::File::open(path).map_err(|e| format!("opening {}: {e}", path.display()))?;
    nix::sched::setns(&f, nix::sched::CloneFlags::CLONE_NEWNET)
        .map_err(|e| format!("entering network namespace {}: {e}", path.display()))
}
