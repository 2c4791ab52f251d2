//! `--privileged`: every device node of the host's /dev, as docker's and podman's privileged
//! containers have them (fuse, loop devices, tun, a GPU); bound into the container's /dev like
//! `--device`.

use std::path::{Path, PathBuf};

use std::os::unix::fs::FileTypeExt;

/// Directories of /dev whose nodes a container has its own of, or that hold none.
const SKIPPED: &[&str] = &[
    "pts", "shm", "mqueue", "fd", ".udev", ".lxc", "console", "ptmx",
];

/// How deep under /dev nodes are looked for (`/dev/net/tun`, `/dev/dri/by-path/...`).
const MAX_DEPTH: usize = 4;

/// The character and block device nodes under `dev` (the host's /dev), by path, but those in
/// [`SKIPPED`] and `except` (the ones every container has, or given with `--device`).
pub fn host_devices(dev: &Path, except: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dev, 0, except, &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, depth: usize, except: &[PathBuf], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if depth == 0 && SKIPPED.iter().any(|s| name == *s) {
            continue;
        }
        // file_type() does not follow symlinks: links (`/dev/stdin`, `/dev/disk/by-id/*`)
        // are left out, the nodes they lead to are listed themselves.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() && depth + 1 < MAX_DEPTH {
            walk(&path, depth + 1, except, out);
        } else if (kind.is_char_device() || kind.is_block_device()) && !except.contains(&path) {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_nodes_but_the_skipped_and_given_ones() {
        let dev = Path::new("/dev");
        let all = host_devices(dev, &[PathBuf::from("/dev/null")]);
        assert!(all.contains(&PathBuf::from("/dev/zero")), "{all:?}");
        assert!(!all.contains(&PathBuf::from("/dev/null")));
        assert!(!all.iter().any(|p| p.starts_with("/dev/pts")));
        assert!(!all.contains(&PathBuf::from("/dev/ptmx")));
        assert!(!all.contains(&PathBuf::from("/dev/stdin")), "a symlink");
        let empty = tempfile::tempdir().unwrap();
        assert!(host_devices(empty.path(), &[]).is_empty());
    }
}
