//! `diff`: what a container changed in its root file system, read from its overlay's upper
//! directory against the image's layers (docker's A/C/D); what an image's top layer changed;
//! and podman's comparison of two containers or images.

pub mod trees;

use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use super::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// One change, as `docker diff` prints it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The path inside the container.
    pub path: String,
    /// docker's kind: 0 modified (C), 1 added (A), 2 deleted (D).
    pub kind: u8,
}

impl Change {
    /// docker's letter for the kind.
    pub fn letter(&self) -> char {
        match self.kind {
            0 => 'C',
            1 => 'A',
            _ => 'D',
        }
    }
}

/// True for an overlay whiteout: a character device 0:0.
pub(crate) fn is_whiteout(meta: &std::fs::Metadata) -> bool {
    meta.file_type().is_char_device() && meta.rdev() == 0
}

/// The files skiff creates in the upper directory as mount points for what the runtime binds
/// there, and docker's `/.dockerenv` marker (docker keeps them in an "init" layer): not the
/// container's changes.
const MOUNT_POINTS: &[&str] = &[
    "/.dockerenv",
    "/etc/hosts",
    "/etc/hostname",
    "/etc/resolv.conf",
    "/run/skiff-init",
];

/// True for an empty mount point skiff made (see [`MOUNT_POINTS`]) at `path` inside, where
/// `empty_file` says the entry there is an empty regular file.
pub(crate) fn is_mount_point(path: &Path, empty_file: bool) -> bool {
    empty_file && MOUNT_POINTS.iter().any(|m| Path::new(m) == path)
}

/// The changes recorded in `upper` against the lower directories `lowers` (any order): a
/// whiteout is a deletion, an entry that exists below is a modification, anything else an
/// addition. Sorted by path, as docker prints them.
pub fn changes(upper: &Path, lowers: &[PathBuf]) -> std::io::Result<Vec<Change>> {
    let mut out = Vec::new();
    walk(upper, Path::new("/"), lowers, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(
    dir: &Path,
    inside: &Path,
    lowers: &[PathBuf],
    out: &mut Vec<Change>,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let meta = e.metadata()?;
        let path = inside.join(e.file_name());
        let rel = path.strip_prefix("/").unwrap_or(&path).to_path_buf();
        if is_mount_point(&path, meta.is_file() && meta.len() == 0) {
            continue;
        }
        let below = lowers
            .iter()
            .any(|l| std::fs::symlink_metadata(l.join(&rel)).is_ok());
        if below && meta.is_dir() && holds_only_mount_points(&e.path(), &path)? {
            continue; // made in the upper directory only to hold skiff's mount points
        }
        let kind = if is_whiteout(&meta) {
            if !below {
                continue; // a whiteout over nothing: an entry added and removed again
            }
            2
        } else if below {
            0
        } else {
            1
        };
        out.push(Change {
            path: path.display().to_string(),
            kind,
        });
        if meta.is_dir() && kind != 2 {
            walk(&e.path(), &path, lowers, out)?;
        }
    }
    Ok(())
}

/// True when the upper directory `dir` (at `inside` in the container) holds nothing but
/// skiff's mount points: the overlay made it for them, not the container.
fn holds_only_mount_points(dir: &Path, inside: &Path) -> std::io::Result<bool> {
    let entries = std::fs::read_dir(dir)?.map(|e| {
        let e = e?;
        let meta = e.metadata()?;
        Ok((e.file_name(), meta.is_file() && meta.len() == 0))
    });
    only_mount_points(inside, entries)
}

/// True when a directory at `inside` in the container whose `entries` are (name, whether an
/// empty regular file) holds something and nothing but skiff's mount points (see
/// [`is_mount_point`]); shared by `diff` and the layer archiver.
pub(crate) fn only_mount_points<N: AsRef<std::ffi::OsStr>>(
    inside: &Path,
    entries: impl IntoIterator<Item = std::io::Result<(N, bool)>>,
) -> std::io::Result<bool> {
    let mut any = false;
    for entry in entries {
        let (name, empty_file) = entry?;
        if !is_mount_point(&inside.join(name.as_ref()), empty_file) {
            return Ok(false);
        }
        any = true;
    }
    Ok(any)
}

/// A lookup's "no such image" after the container was not found either: say both.
fn neither(e: Error, name: &str) -> Error {
    match e {
        Error::NotFound { .. } => Error::not_found("container or image", name),
        e => e,
    }
}

impl Engine {
    /// `docker diff`: the container's changes to its image (or `--rootfs:O` directory).
    pub fn container_changes(
        &mut self,
        name_or_id: &str,
    ) -> Result<(ContainerRecord, Vec<Change>)> {
        let rec = self.lookup_container(name_or_id)?;
        let lowers: Vec<PathBuf> = match &rec.config.rootfs {
            Some(r) if !r.overlay => {
                return Err(Error::InvalidArgument(format!(
                    "container {} writes straight into its --rootfs directory: there is no layer to compare",
                    rec.name
                )))
            }
            Some(r) => vec![r.path.clone()],
            None => self.layer_dirs(&rec.config.layers),
        };
        // The upper directory holds files of the container's users: read it in the user
        // namespace.
        self.enter_userns()?;
        let upper = self.container_dir(&rec.id).join("upper");
        let changes = changes(&upper, &lowers)
            .map_err(|e| Error::Runtime(format!("reading {}: {e}", upper.display())))?;
        Ok((rec, changes))
    }

    /// podman's `diff NAME`: a container's changes to its image, or when no container has
    /// that name, what the image's top layer changed in the layers below it.
    pub fn object_changes(&mut self, name_or_id: &str) -> Result<Vec<Change>> {
        match self.container_changes(name_or_id) {
            Err(Error::NotFound { .. }) => {}
            found => return found.map(|(_, changes)| changes),
        }
        let image = self
            .resolve_image(name_or_id)
            .map_err(|e| neither(e, name_or_id))?;
        let mut layers = self.layer_dirs(&image.layers);
        let Some(top) = layers.pop() else {
            return Ok(Vec::new());
        };
        self.enter_userns()?;
        changes(&top, &layers)
            .map_err(|e| Error::Runtime(format!("reading {}: {e}", top.display())))
    }

    /// podman's `diff A B`: what makes the tree of container or image `from` into that of
    /// `to`.
    pub fn changes_between(&mut self, to: &str, from: &str) -> Result<Vec<Change>> {
        let (to, from) = (self.stack_of(to)?, self.stack_of(from)?);
        self.enter_userns()?;
        let tree = |s: &trees::Stack| {
            trees::merged(s).map_err(|e| Error::Runtime(format!("reading the layers: {e}")))
        };
        Ok(trees::compare(&tree(&to)?, &tree(&from)?))
    }

    /// The layer directories of container (first) or image `name_or_id`.
    fn stack_of(&mut self, name_or_id: &str) -> Result<trees::Stack> {
        match self.lookup_container(name_or_id) {
            Ok(rec) => {
                let mut layers = match &rec.config.rootfs {
                    Some(r) => vec![r.path.clone()],
                    None => self.layer_dirs(&rec.config.layers),
                };
                let overlay = rec.config.rootfs.as_ref().is_none_or(|r| r.overlay);
                if overlay {
                    layers.push(self.container_dir(&rec.id).join("upper"));
                }
                Ok(trees::Stack {
                    layers,
                    upper: overlay,
                })
            }
            Err(Error::NotFound { .. }) => {
                let image = self
                    .resolve_image(name_or_id)
                    .map_err(|e| neither(e, name_or_id))?;
                Ok(trees::Stack {
                    layers: self.layer_dirs(&image.layers),
                    upper: false,
                })
            }
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_changed_and_deleted() {
        let t = tempfile::tempdir().unwrap();
        let (lower, upper) = (t.path().join("lower"), t.path().join("upper"));
        std::fs::create_dir_all(lower.join("etc")).unwrap();
        std::fs::write(lower.join("etc/old"), "x").unwrap();
        std::fs::write(lower.join("etc/keep"), "x").unwrap();
        std::fs::create_dir_all(upper.join("etc")).unwrap();
        std::fs::write(upper.join("etc/keep"), "y").unwrap();
        std::fs::write(upper.join("etc/new"), "y").unwrap();
        std::fs::create_dir_all(upper.join("data/sub")).unwrap();
        // Directories the runtime made only for its mount points are no change.
        std::fs::create_dir_all(lower.join("run")).unwrap();
        std::fs::create_dir_all(upper.join("run")).unwrap();
        std::fs::write(upper.join("run/skiff-init"), "").unwrap();
        std::fs::write(upper.join("etc/hosts"), "").unwrap();
        let got: Vec<String> = changes(&upper, &[lower])
            .unwrap()
            .iter()
            .map(|c| format!("{} {}", c.letter(), c.path))
            .collect();
        assert_eq!(
            got,
            [
                "A /data",
                "A /data/sub",
                "C /etc",
                "C /etc/keep",
                "A /etc/new"
            ]
        );
    }
}
