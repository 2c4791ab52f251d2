//! The owners and modes of a RUN step's secret and cache mounts (`uid=`, `gid=`, `mode=`),
//! as BuildKit gives them: a secret is a private copy, root's and 0400 unless asked
//! otherwise; a cache directory takes the owner and mode it is asked for.

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use skiff_dockerfile::Mount;

use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};

/// Copies of one step's secrets, each with the owner and mode its mount asks for, in a
/// private directory of the run directory (a tmpfs, never the store); the directory goes
/// when this is dropped, after the step.
#[derive(Default)]
pub(super) struct SecretCopies {
    dir: Option<PathBuf>,
    count: usize,
}

impl SecretCopies {
    /// A copy of secret file `src` for mount `m`: `uid=`/`gid=` (0) and `mode=` (0400).
    pub(super) fn place(&mut self, engine: &Engine, src: &Path, m: &Mount) -> Result<PathBuf> {
        let dir = match &self.dir {
            Some(dir) => dir.clone(),
            None => {
                let base = engine.paths().runroot.join("build-secrets");
                std::fs::create_dir_all(&base).at(&base)?;
                let dir = base.join(crate::id::new_id());
                std::fs::DirBuilder::new()
                    .mode(0o700)
                    .create(&dir)
                    .at(&dir)?;
                self.dir = Some(dir.clone());
                dir
            }
        };
        self.count += 1;
        let path = dir.join(self.count.to_string());
        let body = std::fs::read(src).at(src)?;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .at(&path)?;
        file.write_all(&body).at(&path)?;
        drop(file);
        own(engine, &path, m, 0o400)?;
        Ok(path)
    }
}

impl Drop for SecretCopies {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Gives a cache mount's directory `dir` the owner and mode mount `m` asks for; one that asks
/// for none keeps them.
pub(super) fn own_cache_dir(engine: &Engine, dir: &Path, m: &Mount) -> Result<()> {
    if m.uid.is_none() && m.gid.is_none() && m.mode.is_none() {
        return Ok(());
    }
    own(engine, dir, m, 0o755)
}

/// Chowns `path` to mount `m`'s `uid=`/`gid=` (root's by default) and sets its `mode=`
/// (`default_mode` when not given), in skiff's user namespace (rootless, the container's ids
/// are mapped there).
fn own(engine: &Engine, path: &Path, m: &Mount, default_mode: u32) -> Result<()> {
    engine.enter_userns()?;
    let (uid, gid) = (m.uid.unwrap_or(0), m.gid.unwrap_or(0));
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).map_err(|e| {
        Error::InvalidArgument(format!(
            "RUN --mount uid={uid},gid={gid}: {e}; rootless, an id must be inside the \
             subordinate range of /etc/subuid and /etc/subgid"
        ))
    })?;
    let mode = m.mode.unwrap_or(default_mode) & 0o7777;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).at(path)?;
    Ok(())
}
