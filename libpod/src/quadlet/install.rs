//! `skiff quadlet install` and `rm` for a user without root: systemd reads user generators
//! only from system directories, so the units are generated here, once, into the user's own
//! unit directory, and regenerated whenever a Quadlet file is installed or removed.

use std::path::{Path, PathBuf};

use super::{find, generate, search_dirs, write_units, QuadletError, QuadletFile, HEADER};
use crate::error::{Error, Result};

/// What `install` did.
#[derive(Debug, Default)]
pub struct Installed {
    /// The Quadlet files copied into the Quadlet directory.
    pub files: Vec<PathBuf>,
    /// The units written, by name.
    pub units: Vec<String>,
    /// Other Quadlet files already installed that do not translate (their units are not
    /// written); the new files all translated.
    pub broken: Vec<QuadletError>,
}

/// Where the generated units go: `$XDG_CONFIG_HOME/systemd/user` for a user,
/// `/etc/systemd/system` for root.
pub fn unit_dir(user: bool) -> PathBuf {
    if user {
        crate::config::config_home().join("systemd/user")
    } else {
        PathBuf::from("/etc/systemd/system")
    }
}

/// Copies the Quadlet files in `sources` (files, or directories of them) into the first
/// Quadlet directory and regenerates the units. Nothing is copied when one of them does not
/// translate, or when one is installed already and `replace` is false.
pub fn install(sources: &[PathBuf], user: bool, replace: bool, skiff: &Path) -> Result<Installed> {
    let dirs = search_dirs(user);
    let target = dirs[0].clone();
    let mut new = Vec::new();
    for src in sources {
        if src.is_dir() {
            let found = find(std::slice::from_ref(src))?;
            if found.is_empty() {
                return Err(Error::InvalidArgument(format!(
                    "{}: no .container, .volume, .network or .image file in this directory",
                    src.display()
                )));
            }
            new.extend(found);
        } else {
            let name = src
                .file_name()
                .and_then(|n| n.to_str())
                .filter(|n| skiff_kube::quadlet::Kind::of(n).is_some())
                .ok_or_else(|| {
                    Error::InvalidArgument(format!(
                        "{}: not a Quadlet file: use a .container, .volume, .network or .image file",
                        src.display()
                    ))
                })?;
            let text = std::fs::read_to_string(src).map_err(|e| Error::io(src, e))?;
            new.push(QuadletFile {
                name: name.to_string(),
                path: target.join(name),
                text,
            });
        }
    }
    for f in &mut new {
        f.path = target.join(&f.name);
        if f.path.exists() && !replace {
            return Err(Error::Conflict(format!(
                "{} is installed already ({}): use --replace to overwrite it",
                f.name,
                f.path.display()
            )));
        }
    }
    // Translate the new files among the installed ones (they may name each other) before
    // anything is written.
    let mut all: Vec<QuadletFile> = find(&dirs)?
        .into_iter()
        .filter(|f| !new.iter().any(|n| n.name == f.name))
        .collect();
    all.extend(new.iter().cloned());
    let (_, errors) = generate(&all, skiff, !user);
    let (mine, broken): (Vec<_>, Vec<_>) = errors
        .into_iter()
        .partition(|e| new.iter().any(|n| n.name == e.file));
    if let Some(e) = mine.into_iter().next() {
        return Err(Error::InvalidArgument(e.to_string()));
    }
    let units = unit_dir(user);
    for f in &new {
        not_users_own(&units.join(f.service_name()))?;
    }
    std::fs::create_dir_all(&target).map_err(|e| Error::io(&target, e))?;
    for f in &new {
        std::fs::write(&f.path, &f.text).map_err(|e| Error::io(&f.path, e))?;
    }
    let units = regenerate(user, skiff)?;
    Ok(Installed {
        files: new.into_iter().map(|f| f.path).collect(),
        units,
        broken,
    })
}

/// Removes installed Quadlet files by name (`web.container`) from the user's Quadlet directory
/// and regenerates the units; returns the units that are gone. Files in system directories are
/// not the user's to remove.
pub fn remove(names: &[String], user: bool, skiff: &Path) -> Result<Vec<String>> {
    let dirs = search_dirs(user);
    let installed = find(&dirs)?;
    let mut gone = Vec::new();
    for name in names {
        let f = installed
            .iter()
            .find(|f| &f.name == name)
            .ok_or_else(|| Error::not_found("quadlet", name.clone()))?;
        if f.path.parent() != Some(dirs[0].as_path()) {
            return Err(Error::InvalidArgument(format!(
                "{name} is in {}, not in {}: remove it there",
                f.path.parent().unwrap_or(Path::new("/")).display(),
                dirs[0].display()
            )));
        }
        gone.push((f.path.clone(), f.service_name()));
    }
    for (path, _) in &gone {
        std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
    }
    regenerate(user, skiff)?;
    Ok(gone.into_iter().map(|(_, unit)| unit).collect())
}

/// Writes the units of every translatable Quadlet file into the unit directory and removes the
/// units skiff generated earlier whose Quadlet file is gone; returns the units written.
fn regenerate(user: bool, skiff: &Path) -> Result<Vec<String>> {
    let dir = unit_dir(user);
    let files = find(&search_dirs(user))?;
    let (services, _) = generate(&files, skiff, !user);
    for stale in generated_units(&dir)? {
        if !services.iter().any(|s| s.name == stale) {
            remove_unit(&dir, &stale)?;
        }
    }
    write_units(&dir, &services)?;
    Ok(services.into_iter().map(|s| s.name).collect())
}

/// The units in `dir` that skiff generated (their first line is [`HEADER`]).
fn generated_units(dir: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let ours = path.extension().is_some_and(|e| e == "service")
            && std::fs::read_to_string(&path).is_ok_and(|t| t.starts_with(HEADER));
        if let (true, Some(name)) = (ours, path.file_name().and_then(|n| n.to_str())) {
            out.push(name.to_string());
        }
    }
    Ok(out)
}

/// Removes unit `name` from `dir` and its links in the `.wants/`/`.requires/` directories.
pub(super) fn remove_unit(dir: &Path, name: &str) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries.flatten() {
        let sub = entry.path();
        let links = sub
            .extension()
            .is_some_and(|e| e == "wants" || e == "requires");
        let linked = sub.join(name);
        if links && linked.symlink_metadata().is_ok_and(|m| m.is_symlink()) {
            std::fs::remove_file(&linked).map_err(|e| Error::io(&linked, e))?;
        }
    }
    let path = dir.join(name);
    std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))
}

/// Fails when `unit` exists and skiff did not write it: a unit of the user's own is never
/// replaced (nor later removed) by a Quadlet file's.
pub(super) fn not_users_own(unit: &Path) -> Result<()> {
    match std::fs::read_to_string(unit) {
        Ok(text) if !text.starts_with(HEADER) => Err(Error::Conflict(format!(
            "{} exists and skiff did not write it: rename the Quadlet file or move that unit away",
            unit.display()
        ))),
        _ => Ok(()),
    }
}
