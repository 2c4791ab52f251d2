//! Quadlet files on disk: where they are looked for, their translation into service units
//! (by the pure translator in `skiff_kube::quadlet`), and where the units are written, for the
//! systemd generator and for `skiff quadlet install|list|print|rm`. Running `systemctl` is the
//! caller's job.

mod install;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use install::not_users_own;
pub use install::{install, remove, unit_dir, Installed};
use skiff_kube::quadlet::{self as translator, Context, Kind};
pub use skiff_kube::quadlet::{QuadletError, Service, HEADER};

use crate::error::{Error, Result};

/// One Quadlet file found in a search directory.
#[derive(Debug, Clone)]
pub struct QuadletFile {
    /// The file's name, e.g. `web.container`.
    pub name: String,
    /// Where it was found.
    pub path: PathBuf,
    /// Its contents.
    pub text: String,
}

impl QuadletFile {
    /// The service unit the file becomes (`web.container` -> `web.service`).
    pub fn service_name(&self) -> String {
        translator::service_name(&self.name).unwrap_or_default()
    }
}

/// The directories Quadlet files are read from, first match wins, as podman's: for a user
/// `$XDG_CONFIG_HOME/containers/systemd`, `/etc/containers/systemd/users/UID` and
/// `/etc/containers/systemd/users`; for the system `/etc/containers/systemd` and
/// `/usr/share/containers/systemd`. `$QUADLET_UNIT_DIRS` (colon-separated) replaces them.
pub fn search_dirs(user: bool) -> Vec<PathBuf> {
    if let Some(dirs) = std::env::var_os("QUADLET_UNIT_DIRS").filter(|d| !d.is_empty()) {
        return std::env::split_paths(&dirs).collect();
    }
    if user {
        let uid = nix::unistd::getuid();
        vec![
            crate::config::config_home().join("containers/systemd"),
            PathBuf::from(format!("/etc/containers/systemd/users/{uid}")),
            PathBuf::from("/etc/containers/systemd/users"),
        ]
    } else {
        vec![
            PathBuf::from("/etc/containers/systemd"),
            PathBuf::from("/usr/share/containers/systemd"),
        ]
    }
}

/// The Quadlet files in `dirs` (not their subdirectories), sorted by name; a name found in an
/// earlier directory hides the same name in a later one. A missing directory has none.
pub fn find(dirs: &[PathBuf]) -> Result<Vec<QuadletFile>> {
    let mut found: BTreeMap<String, QuadletFile> = BTreeMap::new();
    for dir in dirs {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(Error::io(dir, source)),
        };
        for entry in entries {
            let path = entry.map_err(|e| Error::io(dir, e))?.path();
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            if Kind::of(&name).is_none() || found.contains_key(&name) || !path.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            found.insert(name.clone(), QuadletFile { name, path, text });
        }
    }
    Ok(found.into_values().collect())
}

/// Translates every file in `files` into its service unit, running `skiff` (an absolute path).
/// A file that fails does not stop the others: its error is returned beside the services.
pub fn generate(
    files: &[QuadletFile],
    skiff: &Path,
    system: bool,
) -> (Vec<Service>, Vec<QuadletError>) {
    let names: BTreeMap<String, String> = files
        .iter()
        .filter_map(|f| Some((f.name.clone(), translator::resource_name(&f.name, &f.text)?)))
        .collect();
    let mut pod_members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in files {
        if let Some(pod) = translator::pod_of(&f.name, &f.text) {
            pod_members.entry(pod).or_default().push(f.service_name());
        }
    }
    let mut services = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        let ctx = Context {
            skiff: skiff.to_string_lossy().into_owned(),
            source_path: f.path.to_string_lossy().into_owned(),
            system,
            names: names.clone(),
            pod_members: pod_members.clone(),
        };
        match translator::translate(&f.name, &f.text, &ctx) {
            Ok(s) => services.push(s),
            Err(e) => errors.push(e),
        }
    }
    (services, errors)
}

/// Writes `services` into `dir` (a generator's output directory or a unit directory) and links
/// each into the `.wants/`/`.requires/` directories of the targets its `[Install]` names, which
/// is what `systemctl enable` would do.
pub fn write_units(dir: &Path, services: &[Service]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for s in services {
        let path = dir.join(&s.name);
        not_users_own(&path)?;
        std::fs::write(&path, &s.text).map_err(|e| Error::io(&path, e))?;
        let links = s
            .wanted_by
            .iter()
            .map(|t| format!("{t}.wants"))
            .chain(s.required_by.iter().map(|t| format!("{t}.requires")));
        for sub in links {
            let link_dir = dir.join(sub);
            std::fs::create_dir_all(&link_dir).map_err(|e| Error::io(&link_dir, e))?;
            let link = link_dir.join(&s.name);
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&path, &link).map_err(|e| Error::io(&link, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
