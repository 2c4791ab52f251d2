//! Named volumes: `<root>/volumes/<name>/_data`, recorded in the catalog's `volumes` table.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rusqlite::{params, Connection, OptionalExtension};

use crate::container::time::now_ns;
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::volume_opts::{volume_source, VolumeSource};

/// The file in a volume's directory that records what its `local` driver options mount
/// ([`VolumeSource`]); absent for a volume without mount options.
const MOUNT_FILE: &str = "mount.json";

/// What containers mount for each volume that `mounts` name: a volume with `local` driver
/// mount options (a tmpfs, a host directory) recorded when it was created; the volume's own
/// directory for the others, which are not listed.
pub fn volume_sources(
    volumes_dir: &std::path::Path,
    mounts: &[crate::container::MountConfig],
) -> BTreeMap<String, VolumeSource> {
    mounts
        .iter()
        .filter(|m| m.kind == crate::container::MountKind::Volume && !m.source.is_empty())
        .filter_map(|m| {
            let file = volumes_dir.join(&m.source).join(MOUNT_FILE);
            let source = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
            Some((m.source.clone(), source))
        })
        .collect()
}

/// One volume as recorded in the catalog.
#[derive(Debug, Clone)]
pub struct VolumeRecord {
    /// The volume's name (64 hex digits for anonymous volumes).
    pub name: String,
    /// Always "local".
    pub driver: String,
    /// `--label` values.
    pub labels: BTreeMap<String, String>,
    /// `--opt` values.
    pub options: BTreeMap<String, String>,
    /// Created for an image VOLUME or `-v /path`; removed with its container by `rm -v`.
    pub anonymous: bool,
    /// Creation time, unix nanoseconds.
    pub created: i64,
    /// The host directory holding its data.
    pub mountpoint: PathBuf,
}

fn valid_name(name: &str) -> bool {
    crate::container::names::is_valid(name)
}

/// The volumes named by query `names_sql` (one column: the name), in its order; a name whose
/// row went in between is left out.
fn read_each(
    conn: &Connection,
    base: &std::path::Path,
    names_sql: &str,
) -> Result<Vec<VolumeRecord>> {
    let names: Vec<String> = conn
        .prepare(names_sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        if let Some(v) = read(conn, &n, base)? {
            out.push(v);
        }
    }
    Ok(out)
}

fn read(conn: &Connection, name: &str, base: &std::path::Path) -> Result<Option<VolumeRecord>> {
    let row = conn
        .query_row(
            "SELECT name, driver, labels, options, anonymous, created FROM volumes WHERE name = ?1",
            [name],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(
        |(name, driver, labels, options, anonymous, created)| VolumeRecord {
            mountpoint: base.join(&name).join("_data"),
            name,
            driver,
            labels: serde_json::from_str(&labels).unwrap_or_default(),
            options: serde_json::from_str(&options).unwrap_or_default(),
            anonymous,
            created,
        },
    ))
}

impl VolumeRecord {
    /// docker's `volume inspect` document (also an item of the API's volume list).
    pub fn inspect_json(&self) -> serde_json::Value {
        // docker's: to the second, and no labels or options is null rather than {}.
        let map_or_null =
            |m: &BTreeMap<String, String>| (!m.is_empty()).then(|| serde_json::json!(m));
        serde_json::json!({
            "CreatedAt": crate::container::time::rfc3339_seconds(self.created),
            "Driver": self.driver,
            "Labels": map_or_null(&self.labels),
            "Mountpoint": self.mountpoint,
            "Name": self.name,
            "Options": map_or_null(&self.options),
            "Scope": "local",
        })
    }
}

/// What `volume rm --force` forgives (see [`Engine::volume_remove`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VolumeRemoveForce {
    /// A volume that does not exist is no error.
    pub missing_ok: bool,
    /// The containers that use the volume are removed first (podman's `-f`), where docker's
    /// refuses a volume in use even with `-f`.
    pub remove_users: bool,
}

impl Engine {
    /// `volume create`: makes the volume's directory and row. An existing name is an error
    /// unless `exist_ok` (used when `-v NAME:/dst` creates a volume on first use).
    pub fn volume_create(
        &mut self,
        name: Option<&str>,
        labels: BTreeMap<String, String>,
        options: BTreeMap<String, String>,
        exist_ok: bool,
    ) -> Result<VolumeRecord> {
        let anonymous = name.is_none();
        let name = match name {
            Some(n) if !valid_name(n) => {
                // docker's hint: `-v dir/sub:/x` reads as a volume name, not a host path.
                let hint = match n.contains('/') {
                    true => "; to mount a host directory, give its absolute path (-v \"$PWD/DIR:/PATH\")",
                    false => "",
                };
                return Err(Error::InvalidArgument(format!(
                    "invalid volume name {n:?}: use letters, digits, '_', '.' and '-', starting with a letter or digit{hint}"
                )));
            }
            Some(n) => n.to_string(),
            None => crate::id::new_id(),
        };
        if let Some(driver) = options.get("driver") {
            if driver != "local" {
                return Err(Error::InvalidArgument(format!(
                    "volume driver {driver:?} is not supported; use local"
                )));
            }
        }
        let source = volume_source(&options).map_err(Error::InvalidArgument)?;
        let base = self.paths().volumes();
        let data = base.join(&name).join("_data");
        let labels_json = serde_json::to_string(&labels).expect("labels serialize");
        let options_json = serde_json::to_string(&options).expect("options serialize");
        let now = now_ns();
        let created = self.catalog()?.write(|tx| {
            if read(tx, &name, &base)?.is_some() {
                return if exist_ok {
                    Ok(false)
                } else {
                    Err(Error::Conflict(format!("volume with name {name} already exists: choose another name or remove it with `skiff volume rm {name}`")))
                };
            }
            tx.execute(
                "INSERT INTO volumes (name, driver, labels, options, anonymous, created) VALUES (?1, 'local', ?2, ?3, ?4, ?5)",
                params![name, labels_json, options_json, anonymous, now],
            )?;
            crate::events::record_volume(tx, "create", &name);
            Ok(true)
        })?;
        if created {
            std::fs::create_dir_all(&data).at(&data)?;
            // Only the owner passes: a volume's data takes its image directory's mode (0777,
            // 1777), which must not open it to the host's other users (podman's is 0700 too).
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&base, std::fs::Permissions::from_mode(0o700)).at(&base)?;
            if source != VolumeSource::Data {
                // Beside the data, where a container's monitor reads it without the catalog.
                let file = base.join(&name).join(MOUNT_FILE);
                let json = serde_json::to_vec(&source).expect("volume source serializes");
                std::fs::write(&file, json).at(&file)?;
            }
        }
        let conn = self.catalog()?.conn();
        read(conn, &name, &base)?.ok_or_else(|| Error::not_found("volume", name))
    }

    /// `volume inspect`: one volume by name.
    pub fn volume_get(&mut self, name: &str) -> Result<VolumeRecord> {
        let base = self.paths().volumes();
        read(self.catalog()?.conn(), name, &base)?.ok_or_else(|| Error::NotFound {
            kind: "volume",
            name: name.to_string(),
            hint: "; see `skiff volume ls`".to_string(),
        })
    }

    /// `volume ls`: every volume, by name.
    pub fn volume_list(&mut self) -> Result<Vec<VolumeRecord>> {
        let base = self.paths().volumes();
        let conn = self.catalog()?.conn();
        read_each(conn, &base, "SELECT name FROM volumes ORDER BY name")
    }

    /// `volume ls --filter` and the API's `GET /volumes?filters=`: the volumes every filter key
    /// in `filters` (`(KEY, VALUE)` pairs) matches: `name=` (a regular expression), `driver=`,
    /// `label=KEY[=VALUE]`, `dangling=true|false`, combined as docker does
    /// (see [`crate::system::filters_match`]).
    pub fn volume_list_filtered(
        &mut self,
        filters: &[(String, String)],
    ) -> Result<Vec<VolumeRecord>> {
        const KEYS: &[&str] = &["name", "driver", "label", "dangling"];
        let by_key = crate::system::group_filters(filters, KEYS)?;
        let mut keep = Vec::new();
        for v in self.volume_list()? {
            let matched = crate::system::filters_match(&by_key, |key, value| {
                Ok(match key {
                    "name" => crate::system::name_matches(value, &v.name),
                    "driver" => v.driver == value,
                    "label" => {
                        let pair = match value.split_once('=') {
                            Some((k, x)) => (k.to_string(), Some(x.to_string())),
                            None => (value.to_string(), None),
                        };
                        crate::system::has_label(&v.labels, &pair)
                    }
                    _ => self.volume_users(&v.name)?.is_empty() == matches!(value, "true" | "1"),
                })
            })?;
            if matched {
                keep.push(v);
            }
        }
        Ok(keep)
    }

    /// The ids of containers using volume `name`.
    pub fn volume_users(&mut self, name: &str) -> Result<Vec<String>> {
        let conn = self.catalog()?.conn();
        let ids = conn
            .prepare("SELECT container_id FROM container_volumes WHERE volume = ?1")?
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// `volume rm`: refuses a volume in use unless `force` says to remove its containers first
    /// (podman's `volume rm -f`). With `force.missing_ok` a volume that does not exist is no
    /// error (docker's `volume rm -f` and `DELETE /volumes/{name}?force=1`, which still refuse
    /// a volume in use).
    pub fn volume_remove(&mut self, name: &str, force: VolumeRemoveForce) -> Result<()> {
        let vol = match self.volume_get(name) {
            Err(Error::NotFound { .. }) if force.missing_ok => return Ok(()),
            found => found?,
        };
        let users = self.volume_users(name)?;
        if !users.is_empty() {
            if !force.remove_users {
                return Err(Error::Conflict(format!(
                    "volume {name} is in use by container(s) {}: remove them first, or use --force",
                    users
                        .iter()
                        .map(|u| &u[..12])
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            for id in users {
                self.remove_container(&id, true, false)?;
            }
        }
        self.enter_userns()?;
        self.catalog()?.write(|tx| {
            tx.execute("DELETE FROM volumes WHERE name = ?1", [name])?;
            crate::events::record_volume(tx, "destroy", name);
            Ok(())
        })?;
        let dir = vol
            .mountpoint
            .parent()
            .map(PathBuf::from)
            .unwrap_or(vol.mountpoint);
        match std::fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(dir, e)),
            _ => Ok(()),
        }
    }

    /// `volume prune`: removes every volume no container uses; returns each removed name with
    /// its data's bytes.
    pub fn volume_prune(&mut self) -> Result<Vec<(String, u64)>> {
        self.volume_prune_filtered(true, &crate::system::PruneFilter::default())
    }

    /// Like [`Engine::volume_prune`], only anonymous volumes unless `all` (docker 23's `volume
    /// prune`), and only those `filter` matches; returns each removed name with its data's bytes.
    pub fn volume_prune_filtered(
        &mut self,
        all: bool,
        filter: &crate::system::PruneFilter,
    ) -> Result<Vec<(String, u64)>> {
        let base = self.paths().volumes();
        let conn = self.catalog()?.conn();
        let unused = read_each(
            conn,
            &base,
            "SELECT name FROM volumes WHERE name NOT IN (SELECT volume FROM container_volumes) ORDER BY name",
        )?;
        let victims: Vec<VolumeRecord> = unused
            .into_iter()
            .filter(|v| (all || v.anonymous) && filter.matches(v.created, &v.labels))
            .collect();
        let mut removed = Vec::new();
        for v in victims {
            let size = crate::system::dir_size(&v.mountpoint);
            self.volume_remove(&v.name, VolumeRemoveForce::default())?;
            removed.push((v.name, size));
        }
        Ok(removed)
    }
}

/// Where each of `roots` (layer directories, top first, or the `--rootfs` directory) holds
/// directory `destination` (a path in the container), for [`fill_volume`]: only where every
/// component of the path is a directory of that root itself. A symlink on the way (`/data ->
/// /root/.ssh` in an image) is not followed: on the host it would lead out of the layer.
pub(crate) fn content_sources(roots: &[PathBuf], destination: &str) -> Vec<PathBuf> {
    use std::path::Component;
    let parts: Vec<&std::ffi::OsStr> = match std::path::Path::new(destination)
        .components()
        .filter(|c| !matches!(c, Component::RootDir | Component::CurDir))
        .map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
    {
        Some(parts) => parts,
        None => return Vec::new(),
    };
    let mut found = Vec::new();
    'roots: for root in roots {
        let mut at = root.clone();
        for part in &parts {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.is_dir() => {}
                // Not in this layer: a lower one may have it.
                Err(_) => continue 'roots,
                // A file, a whiteout or a symlink hides the path in every lower layer.
                Ok(_) => break 'roots,
            }
        }
        found.push(at);
    }
    found
}

/// Fills an empty volume from the image's content at the mount point, as docker does on first
/// use: `sources` are that path in each layer (top first) or in the `--rootfs` directory.
/// Overlay whiteouts in upper layers hide the lower entries; owners, modes and links are kept,
/// the volume's own directory's too (the topmost layer's directory's owner and mode, as
/// docker's: an image that runs as `USER app` with `VOLUME /data` owned by app can write it).
pub(crate) fn fill_volume(sources: &[PathBuf], dest: &std::path::Path) -> Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let empty = std::fs::read_dir(dest).at(dest)?.next().is_none();
    if !empty {
        return Ok(());
    }
    let mut hidden: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for src in sources {
        if src.is_dir() {
            copy_tree(src, dest, std::path::Path::new(""), &mut hidden)?;
        }
    }
    if let Some(top) = sources
        .iter()
        .find_map(|s| std::fs::symlink_metadata(s).ok().filter(|m| m.is_dir()))
    {
        // As for the entries: an owner the user namespace does not map stays the volume's.
        let _ = std::os::unix::fs::lchown(dest, Some(top.uid()), Some(top.gid()));
        std::fs::set_permissions(dest, std::fs::Permissions::from_mode(top.mode() & 0o7777))
            .at(dest)?;
    }
    Ok(())
}

fn is_whiteout(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    meta.file_type().is_char_device() && meta.rdev() == 0
}

fn copy_tree(
    src_root: &std::path::Path,
    dest_root: &std::path::Path,
    rel: &std::path::Path,
    hidden: &mut std::collections::HashSet<PathBuf>,
) -> Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = src_root.join(rel);
    for entry in std::fs::read_dir(&dir).at(&dir)? {
        let entry = entry.at(&dir)?;
        let name = entry.file_name();
        let rel_child = rel.join(&name);
        if let Some(n) = name.to_str().and_then(|n| n.strip_prefix(".wh.")) {
            if n != ".wh..opq" {
                hidden.insert(rel.join(n));
            }
            continue;
        }
        if hidden.contains(&rel_child) {
            continue;
        }
        let src = entry.path();
        let meta = std::fs::symlink_metadata(&src).at(&src)?;
        if is_whiteout(&meta) {
            hidden.insert(rel_child);
            continue;
        }
        let dst = dest_root.join(&rel_child);
        let exists = std::fs::symlink_metadata(&dst).is_ok();
        if meta.is_dir() {
            if !exists {
                std::fs::create_dir(&dst).at(&dst)?;
                std::fs::set_permissions(
                    &dst,
                    std::fs::Permissions::from_mode(meta.mode() & 0o7777),
                )
                .at(&dst)?;
            }
            copy_tree(src_root, dest_root, &rel_child, hidden)?;
        } else if !exists {
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&src).at(&src)?;
                std::os::unix::fs::symlink(target, &dst).at(&dst)?;
            } else if meta.is_file() {
                std::fs::copy(&src, &dst).at(&dst)?;
            } else {
                continue;
            }
        } else {
            continue;
        }
        let _ = std::os::unix::fs::lchown(&dst, Some(meta.uid()), Some(meta.gid()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_sources_never_follow_a_symlink_out_of_a_layer() {
        let t = tempfile::tempdir().unwrap();
        let (top, base, outside) = (
            t.path().join("top"),
            t.path().join("base"),
            t.path().join("out"),
        );
        std::fs::create_dir_all(base.join("data/sub")).unwrap();
        std::fs::create_dir_all(top.join("a")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, top.join("data")).unwrap();
        std::os::unix::fs::symlink(&outside, top.join("a/b")).unwrap();
        let roots = [top.clone(), base.clone()];
        // The top layer's link hides the lower layers' directory, and is not followed.
        assert!(content_sources(&roots, "/data").is_empty());
        assert!(content_sources(&roots, "/data/sub").is_empty());
        assert!(content_sources(&roots, "/a/b").is_empty());
        assert_eq!(
            content_sources(&roots[1..], "/data/sub"),
            [base.join("data/sub")]
        );
        assert!(content_sources(&roots, "/../out").is_empty());
        assert!(content_sources(&roots, "/missing").is_empty());
    }

    #[test]
    fn fills_from_layers_top_first_honouring_whiteouts() {
        let t = tempfile::tempdir().unwrap();
        let (top, base, vol) = (
            t.path().join("top"),
            t.path().join("base"),
            t.path().join("vol"),
        );
        for d in [&top, &base, &vol] {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(base.join("a"), "base").unwrap();
        std::fs::write(base.join("gone"), "x").unwrap();
        std::fs::create_dir(base.join("sub")).unwrap();
        std::fs::write(base.join("sub/f"), "f").unwrap();
        std::fs::write(top.join("a"), "top").unwrap();
        std::fs::write(top.join(".wh.gone"), "").unwrap();
        std::os::unix::fs::symlink("a", top.join("link")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&top, std::fs::Permissions::from_mode(0o750)).unwrap();
        fill_volume(&[top, base.clone()], &vol).unwrap();
        let mode = std::fs::metadata(&vol).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o7777,
            0o750,
            "the volume takes the image directory's mode"
        );
        assert_eq!(std::fs::read_to_string(vol.join("a")).unwrap(), "top");
        assert!(!vol.join("gone").exists());
        assert_eq!(std::fs::read_to_string(vol.join("sub/f")).unwrap(), "f");
        assert_eq!(
            std::fs::read_link(vol.join("link")).unwrap(),
            PathBuf::from("a")
        );
        // A volume with content is left alone.
        std::fs::write(base.join("new"), "n").unwrap();
        fill_volume(&[base], &vol).unwrap();
        assert!(!vol.join("new").exists());
    }
}
