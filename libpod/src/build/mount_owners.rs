//! The files a RUN step mounts that are no one's but the step's (secrets' copies, heredoc
//! scripts, the writable copy of a context file), and the owners and modes of
//! its secret and cache mounts (`uid=`, `gid=`, `mode=`), as BuildKit gives them: a secret is
//! a private copy, root's and 0400 unless asked otherwise; a heredoc that starts with `#!` is
//! a script file the step runs; a cache directory takes the owner and mode it is asked for.

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use skiff_dockerfile::Mount;

use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};

/// One step's private files (its secrets' copies, its heredoc scripts), in a private
/// directory of the run directory (`$XDG_RUNTIME_DIR`, a tmpfs, where there is one; never the
/// store); the directory goes when this is dropped, after the step, and one a killed build
/// left behind goes at the next build's first step file (see [`sweep`]).
#[derive(Default)]
pub(super) struct StepFiles {
    dir: Option<PathBuf>,
    count: usize,
}

impl StepFiles {
    /// A copy of secret file `src` for mount `m`: `uid=`/`gid=` (0) and `mode=` (0400; 0444
    /// for an `env=` secret, which the step's own user reads into its variable).
    pub(super) fn secret(&mut self, engine: &Engine, src: &Path, m: &Mount) -> Result<PathBuf> {
        let body = std::fs::read(src).at(src)?;
        let path = self.write(engine, &body)?;
        let mode = match &m.env {
            Some(_) => 0o444,
            None => 0o400,
        };
        own(engine, &path, owner(m), m.mode.unwrap_or(mode))?;
        Ok(path)
    }

    /// A copy of the context's file `src` for a `bind,rw` mount: the step writes to the copy,
    /// dropped after it (root's, with the file's mode).
    pub(super) fn writable_copy(&mut self, engine: &Engine, src: &Path) -> Result<PathBuf> {
        let meta = std::fs::metadata(src).at(src)?;
        if !meta.is_file() {
            return Err(Error::InvalidArgument(format!(
                "RUN --mount=type=bind,rw of {}: a bind mount takes a directory or a regular file",
                src.display()
            )));
        }
        let path = self.write(engine, b"")?;
        std::fs::copy(src, &path).at(src)?;
        own(engine, &path, (0, 0), meta.permissions().mode())?;
        Ok(path)
    }

    /// A heredoc's `body` as a script file the step runs (root's, 0755), BuildKit's
    /// `RUN <<EOF` whose body starts with `#!`.
    pub(super) fn script(&mut self, engine: &Engine, body: &str) -> Result<PathBuf> {
        let path = self.write(engine, body.as_bytes())?;
        own(engine, &path, (0, 0), 0o755)?;
        Ok(path)
    }

    /// A new file of the step's directory holding `body`, the caller's own and 0600.
    fn write(&mut self, engine: &Engine, body: &[u8]) -> Result<PathBuf> {
        let dir = match &self.dir {
            Some(dir) => dir.clone(),
            None => {
                let base = engine.paths().runroot.join("build-secrets");
                std::fs::create_dir_all(&base).at(&base)?;
                sweep(&base);
                let dir = base.join(format!("{}-{}", std::process::id(), crate::id::new_id()));
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
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .at(&path)?;
        file.write_all(body).at(&path)?;
        Ok(path)
    }
}

impl Drop for StepFiles {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Removes the directories of `base` whose build process (named first, `PID-ID`) is gone: a
/// killed build leaves no secret's copy behind for longer than until the next build.
fn sweep(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<i32>().ok());
        // A name without a pid is another build's (an older skiff's): left alone.
        let gone = pid.is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists());
        if gone {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Gives a cache mount's directory `dir` the owner and mode mount `m` asks for; one that asks
/// for none keeps them.
pub(super) fn own_cache_dir(engine: &Engine, dir: &Path, m: &Mount) -> Result<()> {
    if m.uid.is_none() && m.gid.is_none() && m.mode.is_none() {
        return Ok(());
    }
    own(engine, dir, owner(m), m.mode.unwrap_or(0o755))
}

/// Mount `m`'s `uid=` and `gid=`, root's when not given.
fn owner(m: &Mount) -> (u32, u32) {
    (m.uid.unwrap_or(0), m.gid.unwrap_or(0))
}

/// Chowns `path` to `(uid, gid)` and sets its `mode`, in skiff's user namespace (rootless,
/// the container's ids are mapped there).
fn own(engine: &Engine, path: &Path, (uid, gid): (u32, u32), mode: u32) -> Result<()> {
    engine.enter_userns()?;
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).map_err(|e| {
        Error::InvalidArgument(format!(
            "RUN --mount uid={uid},gid={gid}: {e}; rootless, an id must be inside the \
             subordinate range of /etc/subuid and /etc/subgid"
        ))
    })?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o7777)).at(path)?;
    Ok(())
}
