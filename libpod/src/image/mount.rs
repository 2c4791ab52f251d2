//! podman's `image mount` and `image unmount`: an image's file system (its layers, as a
//! container of it starts with) mounted read-only on the host, under
//! `storage/image-mounts/ID/merged`, until `image unmount`. As `mount` of a container
//! ([`crate::container::mount`]): rootless, only inside `skiff unshare`, and what is mounted
//! is read from the caller's mount table.

use std::path::PathBuf;

use super::record::ImageRecord;
use crate::container::mount::{harden, is_mounted, mount_table, refuse_outside_userns};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::runtime::spec::Rootfs;

impl Engine {
    /// Where image `id`'s mount goes (its `merged` directory) and the empty upper and work
    /// directories the overlay needs beside it.
    fn image_mount_dir(&self, id: &str) -> PathBuf {
        self.paths().storage().join("image-mounts").join(id)
    }

    /// `image mount`: mounts image `name_or_id`'s file system read-only (when not yet
    /// mounted) and returns where it is.
    pub fn mount_image(&mut self, name_or_id: &str) -> Result<PathBuf> {
        refuse_outside_userns("image mount", "IMAGE")?;
        let image = self.resolve_image(name_or_id)?;
        let dir = self.image_mount_dir(&image.id);
        let merged = dir.join("merged");
        if is_mounted(&merged) {
            return Ok(merged);
        }
        let failed = |e: String| {
            Error::Runtime(format!(
                "mounting image {}'s file system: {e}",
                &image.id[..12]
            ))
        };
        for sub in ["upper", "work", "merged"] {
            std::fs::create_dir_all(dir.join(sub)).map_err(|e| failed(e.to_string()))?;
        }
        let rootfs = Rootfs::Image {
            lower: self.layer_dirs(&image.layers).into_iter().rev().collect(),
            upper: dir.join("upper"),
            work: dir.join("work"),
            merged: merged.clone(),
        };
        crate::runtime::rootfs::mount_rootfs(&rootfs, true).map_err(failed)?;
        // Read-only, as podman's.
        harden(&merged, true)
            .map_err(|e| failed(format!("making it read-only, nosuid and nodev: {e}")))?;
        self.record_image_event("mount", &image.id);
        Ok(merged)
    }

    /// `image unmount`: unmounts image `name_or_id`'s file system when it is mounted; returns
    /// the image's id either way (podman's: not an error).
    pub fn unmount_image(&mut self, name_or_id: &str) -> Result<String> {
        refuse_outside_userns("image unmount", "IMAGE")?;
        let image = self.resolve_image(name_or_id)?;
        let merged = self.image_mount_dir(&image.id).join("merged");
        if is_mounted(&merged) {
            nix::mount::umount2(&merged, nix::mount::MntFlags::empty()).map_err(|e| {
                Error::Runtime(format!(
                    "unmounting image {}'s file system at {}: {e} (is a shell or program still in it?)",
                    &image.id[..12],
                    merged.display()
                ))
            })?;
            self.record_image_event("unmount", &image.id);
        }
        Ok(image.id)
    }

    /// The images whose file system is mounted in this mount namespace, with where.
    pub fn mounted_images(&mut self) -> Result<Vec<(ImageRecord, PathBuf)>> {
        refuse_outside_userns("image mount", "IMAGE")?;
        let mounts = mount_table();
        let dirs = std::fs::read_dir(self.paths().storage().join("image-mounts"));
        let mut ids: Vec<String> = dirs
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        ids.sort();
        let mut out = Vec::new();
        for id in ids {
            let merged = self.image_mount_dir(&id).join("merged");
            if mounts.contains(&merged) {
                out.push((self.resolve_image(&id)?, merged));
            }
        }
        Ok(out)
    }

    /// Whether image `id`'s file system is mounted in this mount namespace.
    pub(crate) fn image_is_mounted(&self, id: &str) -> bool {
        is_mounted(&self.image_mount_dir(id).join("merged"))
    }

    /// Before image `id` is deleted: refuses when its file system is mounted in this
    /// namespace (its layers would go from under the mount), else takes its mount directory
    /// away.
    pub(crate) fn release_image_mount(&self, id: &str) -> Result<()> {
        let dir = self.image_mount_dir(id);
        if self.image_is_mounted(id) {
            return Err(Error::Conflict(format!(
                "image {} is mounted at {} (skiff image mount): unmount it first with `skiff image unmount {}`",
                &id[..12],
                dir.join("merged").display(),
                &id[..12]
            )));
        }
        match std::fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::Runtime(format!("removing {}: {e}", dir.display())))
            }
            _ => Ok(()),
        }
    }
}
