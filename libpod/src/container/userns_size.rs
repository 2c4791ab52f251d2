//! How many ids an `--userns auto` namespace without `size=` gets, as podman sizes it: one more
//! than the largest uid or gid that owns a file of the image's layers or that the image's
//! /etc/passwd and /etc/group name (but `nobody` and `nogroup`, which would make nearly every
//! namespace 65536 ids), at least [`AUTO_MIN_SIZE`] and at most [`AUTO_MAX_SIZE`] (podman's
//! `auto-userns-min-size` and `auto-userns-max-size`). So a file the image gives to 65534
//! keeps its owner, where a 1024-id namespace would show it as the overflow id.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The smallest `auto` namespace (podman's `auto-userns-min-size`).
pub const AUTO_MIN_SIZE: u32 = 1024;

/// The largest `auto` namespace sized from an image (podman's `auto-userns-max-size`).
pub const AUTO_MAX_SIZE: u32 = 65536;

/// The id podman leaves out of passwd and group entries: `nobody`'s and `nogroup`'s.
const NOBODY: u32 = 65534;

/// The size an `auto` namespace needs for the image whose layer directories are `layers`
/// (base first), read in the engine's namespace (rootless, skiff's: where the stored owners
/// are the image's own ids). Fails, naming `size=`, when it needs more than [`AUTO_MAX_SIZE`].
pub fn needed(layers: &[PathBuf]) -> Result<u32> {
    let mut top = 0u32;
    for layer in layers {
        top = top.max(largest_owner(layer).map_err(|e| {
            Error::Runtime(format!(
                "reading the owners of layer {}: {e}",
                layer.display()
            ))
        })?);
    }
    for (file, id_fields) in [("etc/passwd", &[2, 3][..]), ("etc/group", &[2])] {
        if let Some(text) = top_file(layers, file).and_then(|p| std::fs::read_to_string(p).ok()) {
            top = top.max(largest_named(&text, id_fields));
        }
    }
    let size = top.saturating_add(1).max(AUTO_MIN_SIZE);
    if size > AUTO_MAX_SIZE {
        return Err(Error::InvalidArgument(format!(
            "--userns auto: the image uses ids up to {top}, more than the {AUTO_MAX_SIZE} an \
             automatic namespace may have: give its size with --userns auto:size=N"
        )));
    }
    Ok(size)
}

/// The largest uid or gid owning anything under `dir` (symbolic links are not followed).
fn largest_owner(dir: &Path) -> std::io::Result<u32> {
    let mut top = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let meta = entry.path().symlink_metadata()?;
            top = top.max(meta.uid()).max(meta.gid());
            if meta.is_dir() {
                pending.push(entry.path());
            }
        }
    }
    Ok(top)
}

/// The image's file `rel` as the container sees it: in the top-most of `layers` that has
/// something there, if that is a regular file (a whiteout or a link hides it). Every directory
/// on the way must be a real one in that layer: image content may make one a symlink, which
/// on the host would lead out of the layer (and hides what lower layers have there).
pub fn top_file(layers: &[PathBuf], rel: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    let (name, dirs) = parts.split_last()?;
    'layers: for layer in layers.iter().rev() {
        let mut path = layer.clone();
        for dir in dirs {
            path.push(dir);
            match path.symlink_metadata() {
                Ok(m) if m.is_dir() => {}
                Ok(_) => return None,
                Err(_) => continue 'layers,
            }
        }
        path.push(name);
        match path.symlink_metadata() {
            Ok(m) if m.is_file() => return Some(path),
            Ok(_) => return None,
            Err(_) => continue,
        }
    }
    None
}

/// The largest id in the colon-separated `fields` of passwd or group `text`, leaving out
/// `nobody`, `nogroup` and their id.
fn largest_named(text: &str, fields: &[usize]) -> u32 {
    text.lines()
        .filter(|l| !matches!(l.split(':').next(), Some("nobody" | "nogroup")))
        .flat_map(|l| {
            let parts: Vec<&str> = l.split(':').collect();
            fields
                .iter()
                .filter_map(|&i| parts.get(i)?.parse::<u32>().ok())
                .collect::<Vec<_>>()
        })
        .filter(|&id| id != NOBODY)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_file_follows_no_symlink_out_of_a_layer() {
        let t = tempfile::tempdir().unwrap();
        let outside = t.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("passwd"), "secret:x:1:1::/:/bin/sh\n").unwrap();
        let (low, high) = (t.path().join("low"), t.path().join("high"));
        std::fs::create_dir_all(low.join("etc")).unwrap();
        std::fs::write(low.join("etc/passwd"), "root:x:0:0::/:/bin/sh\n").unwrap();
        std::fs::create_dir_all(&high).unwrap();
        let layers = vec![low.clone(), high.clone()];
        assert_eq!(
            top_file(&layers, "etc/passwd"),
            Some(low.join("etc/passwd"))
        );
        // Image content making /etc a symlink to a host directory: never read through it.
        std::os::unix::fs::symlink(&outside, high.join("etc")).unwrap();
        assert_eq!(top_file(&layers, "etc/passwd"), None);
        std::fs::remove_file(high.join("etc")).unwrap();
        std::os::unix::fs::symlink(outside.join("passwd"), low.join("etc/group")).unwrap();
        assert_eq!(top_file(&layers, "etc/group"), None);
        assert_eq!(top_file(&layers, ""), None);
    }

    #[test]
    fn passwd_and_group_count_but_nobody() {
        let passwd = "root:x:0:0::/root:/bin/sh\nuser:x:1000:1001::/home:/bin/sh\n\
                      nobody:x:65534:65534::/:/bin/false\nodd:x:70000:0::/:/x\n";
        assert_eq!(largest_named(passwd, &[2, 3]), 70_000);
        let group = "root:x:0:\nstaff:x:2000:\nnogroup:x:65534:\nother:x:65534:\n";
        assert_eq!(largest_named(group, &[2]), 2000);
        assert_eq!(largest_named("garbage\n::\n", &[2, 3]), 0);
    }

    #[test]
    fn owners_size_the_namespace() {
        if !nix::unistd::getuid().is_root() {
            return; // giving files other owners needs root
        }
        let base = tempfile::tempdir().unwrap();
        let top = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(base.path().join("etc/deep")).unwrap();
        std::fs::write(
            base.path().join("etc/passwd"),
            "root:x:0:0::/:/bin/sh\nsvc:x:1500:1500::/:/bin/sh\nnobody:x:65534:65534::/:/x\n",
        )
        .unwrap();
        let layers = vec![base.path().to_path_buf(), top.path().to_path_buf()];
        assert_eq!(
            needed(&layers).unwrap(),
            1501,
            "the passwd entry, nobody left out"
        );
        let owned = base.path().join("etc/deep/f");
        std::fs::write(&owned, "x").unwrap();
        std::os::unix::fs::lchown(&owned, Some(65534), Some(0)).unwrap();
        assert_eq!(needed(&layers).unwrap(), 65535, "a file nobody owns counts");
        std::os::unix::fs::lchown(&owned, Some(0), Some(100_000)).unwrap();
        assert!(needed(&layers)
            .unwrap_err()
            .to_string()
            .contains("auto:size=N"));
        std::fs::remove_file(&owned).unwrap();
        // A passwd of the upper layer hides the lower one's.
        std::fs::create_dir(top.path().join("etc")).unwrap();
        std::fs::write(top.path().join("etc/passwd"), "root:x:0:0::/:/bin/sh\n").unwrap();
        assert_eq!(needed(&layers).unwrap(), AUTO_MIN_SIZE);
    }
}
