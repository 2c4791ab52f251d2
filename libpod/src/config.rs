//! Where skiff keeps its state, and the engine-wide settings read from the environment.

use std::path::PathBuf;

/// The directories of one skiff installation (rootless: per user; root: system-wide).
#[derive(Debug, Clone)]
pub struct Paths {
    /// Persistent state: the catalog, blobs, layers, containers, volumes.
    /// Rootless `~/.local/share/skiff`, root `/var/lib/skiff`; `--root` overrides.
    pub root: PathBuf,
    /// Runtime state that dies with a reboot: pid files, sockets, locks.
    /// Rootless `$XDG_RUNTIME_DIR/skiff`, root `/run/skiff`; `--runroot` overrides.
    pub runroot: PathBuf,
}

impl Paths {
    /// The default directories for the calling user, honouring explicit overrides.
    pub fn resolve(root: Option<PathBuf>, runroot: Option<PathBuf>) -> Paths {
        let rootless = is_rootless();
        let root = root.unwrap_or_else(|| {
            if rootless {
                data_home().join("skiff")
            } else {
                PathBuf::from("/var/lib/skiff")
            }
        });
        let runroot = runroot.unwrap_or_else(|| {
            if rootless {
                runtime_dir().join("skiff")
            } else {
                PathBuf::from("/run/skiff")
            }
        });
        Paths { root, runroot }
    }

    /// The SQLite catalog.
    pub fn catalog(&self) -> PathBuf {
        self.root.join("catalog.db")
    }

    /// Root of image storage (blobs and layers).
    pub fn storage(&self) -> PathBuf {
        self.root.join("storage")
    }

    /// Per-container directories (upper, work, merged, logs, userdata).
    pub fn containers(&self) -> PathBuf {
        self.root.join("storage").join("containers")
    }

    /// Named volumes.
    pub fn volumes(&self) -> PathBuf {
        self.root.join("volumes")
    }
}

/// True when skiff runs as an unprivileged user (real uid not 0 in the initial user namespace).
/// Also true inside skiff's own user namespace, where a rootless command runs as uid 0.
pub fn is_rootless() -> bool {
    skiff_storage::identity::rootless()
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}

fn data_home() -> PathBuf {
    match std::env::var_os("XDG_DATA_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => home().join(".local/share"),
    }
}

/// The default socket of `skiff system service`: $XDG_RUNTIME_DIR/skiff/skiff.sock rootless,
/// /run/skiff/skiff.sock as root.
pub fn service_socket() -> PathBuf {
    if is_rootless() {
        runtime_dir().join("skiff/skiff.sock")
    } else {
        PathBuf::from("/run/skiff/skiff.sock")
    }
}

/// `$XDG_RUNTIME_DIR`, or `/tmp/skiff-run-UID` when it is unset (as in `su` sessions and CI).
pub fn runtime_dir() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => private_tmp_runtime_dir(),
    }
}

/// Why `$XDG_RUNTIME_DIR` cannot hold an ordinary user's runtime state: it belongs to another
/// user (root's /tmp, or a `su` session's leftover), so skiff's directory there would be
/// shared or unwritable (podman refuses it too). None when it is the caller's, unset, or the
/// caller is root or already in skiff's user namespace.
pub fn runtime_dir_problem() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions.
    let euid = unsafe { libc::geteuid() };
    let dir = PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty())?);
    let owner = std::fs::metadata(&dir).ok()?.uid();
    (euid != 0 && owner != euid).then(|| {
        format!(
            "XDG_RUNTIME_DIR {} is not owned by you (its owner is uid {owner}): set it to a \
             directory of yours (usually /run/user/{euid}), unset it to use /tmp/skiff-run-{euid}, \
             or give --runroot",
            dir.display()
        )
    })
}

/// `/tmp/skiff-run-UID`, created mode 0700. Anyone can create names in /tmp, so a directory
/// there that is not ours (or is a symlink) is never used: we fall back to one under the data
/// home, which only we can write.
fn private_tmp_runtime_dir() -> PathBuf {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt};
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    let dir = PathBuf::from(format!("/tmp/skiff-run-{uid}"));
    let _ = std::fs::DirBuilder::new().mode(0o700).create(&dir);
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.is_dir() && m.uid() == uid && m.mode() & 0o077 == 0 => dir,
        _ => {
            let fallback = data_home().join("skiff").join("run");
            tracing::warn!(
                "{} is not a private directory of yours; using {} for runtime state \
                 (set XDG_RUNTIME_DIR to choose)",
                dir.display(),
                fallback.display()
            );
            fallback
        }
    }
}

/// `$XDG_CONFIG_HOME`, or `~/.config` when it is unset.
pub(crate) fn config_home() -> PathBuf {
    match std::env::var_os("XDG_CONFIG_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => home().join(".config"),
    }
}
