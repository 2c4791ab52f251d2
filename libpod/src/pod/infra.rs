//! The infra container's root file system: skiff's own "pause image", made without an image.
//!
//! A pod's infra container only holds namespaces, so it needs one process that sleeps and
//! exits cleanly on SIGTERM. skiff-init (the static `--init` binary embedded in skiff) has a
//! pause mode for that (`skiff-init --pause`). This module writes a directory holding that
//! binary as `/pause` and the empty mount points the runtime needs (`/proc`, `/dev`, `/sys`,
//! `/etc`...), under `<root>/libexec/pause-rootfs`; every infra container runs it as
//! `--rootfs DIR:O` (an overlay, so no container writes to the shared directory). No registry,
//! network or image store is involved, and the directory is rewritten whenever the embedded
//! binary changes.

use std::path::{Path, PathBuf};

use crate::error::{IoContext, Result};

/// The infra container's command: skiff-init's pause mode.
pub const PAUSE_COMMAND: [&str; 2] = ["/pause", "--pause"];

/// Prepares (once) and returns the pause root file system under `root`.
pub(crate) fn pause_rootfs(root: &Path) -> Result<PathBuf> {
    let dir = root.join("libexec").join("pause-rootfs");
    for sub in ["proc", "dev", "sys", "etc", "tmp", "run"] {
        let p = dir.join(sub);
        std::fs::create_dir_all(&p).at(&p)?;
    }
    for file in [
        "etc/hosts",
        "etc/hostname",
        "etc/resolv.conf",
        "etc/passwd",
        "etc/group",
    ] {
        let p = dir.join(file);
        if !p.exists() {
            let content = match file {
                "etc/passwd" => "root:x:0:0:root:/:/pause\n",
                "etc/group" => "root:x:0:\n",
                _ => "",
            };
            std::fs::write(&p, content).at(&p)?;
        }
    }
    crate::container::init_binary::install_at(&dir, "pause")?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_rootfs_holds_the_init_binary_and_mount_points() {
        let d = tempfile::tempdir().unwrap();
        let dir = pause_rootfs(d.path()).unwrap();
        assert!(dir.join("pause").is_file());
        for sub in ["proc", "dev", "sys", "etc"] {
            assert!(dir.join(sub).is_dir(), "{sub}");
        }
        assert_eq!(pause_rootfs(d.path()).unwrap(), dir);
    }
}
