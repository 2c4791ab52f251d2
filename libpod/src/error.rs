//! The engine's error type: one variant per kind of failure a caller reacts to differently.

use std::path::PathBuf;

pub use skiff_storage::error::IoContext;

/// Everything the engine can fail with. The CLI maps all of these to exit code 125 unless a
/// container's own command failed (see [`Error::CommandNotFound`] and [`Error::CommandNotExecutable`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No container, image, volume... by that name or id.
    #[error("No such {kind}: {name}{hint}")]
    NotFound {
        /// "image", "container", "volume", ...
        kind: &'static str,
        /// What the user asked for.
        name: String,
        /// Extra advice, starting with "; " or empty.
        hint: String,
    },
    /// A name or id prefix matches more than one object.
    #[error(
        "{kind} {name:?} is ambiguous: it matches {count} objects; use more characters of the id"
    )]
    Ambiguous {
        /// "image", "container", ...
        kind: &'static str,
        /// What the user asked for.
        name: String,
        /// How many matched.
        count: usize,
    },
    /// The operation conflicts with the current state (name in use, container running...).
    #[error("{0}")]
    Conflict(String),
    /// Bad input from the user: a flag value, a reference, a mount spec...
    #[error("{0}")]
    InvalidArgument(String),
    /// The container's command does not exist (exit code 127).
    #[error("{0}")]
    CommandNotFound(String),
    /// The container's command exists but cannot be executed (exit code 126).
    #[error("{0}")]
    CommandNotExecutable(String),
    /// A containers.conf file cannot be read or parsed.
    #[error(transparent)]
    ContainersConf(#[from] crate::containers_conf::ConfError),
    /// Image storage failed (registry, blobs, layers).
    #[error(transparent)]
    Storage(#[from] skiff_storage::Error),
    /// The catalog database failed.
    #[error("catalog database: {0}")]
    Catalog(#[from] rusqlite::Error),
    /// The catalog file cannot be read as a database (damaged, truncated, overwritten).
    #[error(
        "the catalog {} is damaged ({reason}): run `skiff system check` to see what is damaged \
         and `skiff system check --repair` to rebuild it from the store",
        path.display()
    )]
    CatalogDamaged {
        /// The catalog file.
        path: PathBuf,
        /// What SQLite said.
        reason: String,
    },
    /// The file system holding the catalog is full: the write was rolled back.
    #[error(
        "no space left for the catalog {}: nothing was changed; free some space on its file \
         system (`skiff system prune` removes what nothing uses) and try again",
        path.display()
    )]
    CatalogFull {
        /// The catalog file.
        path: PathBuf,
    },
    /// Setting up or running a container failed.
    #[error("{0}")]
    Runtime(String),
    /// A build step's command ran and failed: the CLI exits with its code, as podman does.
    #[error("{message}")]
    StepFailed {
        /// What failed, with where it was written.
        message: String,
        /// The command's exit code.
        code: i32,
    },
}

/// Result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Whether the error says that something does not exist: an object of the catalog, or a
    /// registry's manifest or blob (docker answers both 404).
    pub fn is_not_found(&self) -> bool {
        matches!(
            self,
            Error::NotFound { .. } | Error::Storage(skiff_storage::Error::NotFound(_))
        )
    }

    /// A [`Error::NotFound`] with no hint.
    pub fn not_found(kind: &'static str, name: impl Into<String>) -> Self {
        Error::NotFound {
            kind,
            name: name.into(),
            hint: String::new(),
        }
    }

    /// Names the catalog file `path` in the SQLite errors that call for the user: a damaged
    /// file becomes [`Error::CatalogDamaged`], a full disk [`Error::CatalogFull`]; other
    /// errors pass unchanged.
    pub fn naming_catalog(self, path: &std::path::Path) -> Error {
        match self {
            Error::Catalog(ref sqlite) if is_damage(sqlite) => Error::CatalogDamaged {
                path: path.to_path_buf(),
                reason: sqlite.to_string(),
            },
            Error::Catalog(ref sqlite)
                if sqlite.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) =>
            {
                Error::CatalogFull {
                    path: path.to_path_buf(),
                }
            }
            e => e,
        }
    }

    /// Whether this is SQLite finding the catalog file damaged (not a database, malformed),
    /// whatever the path: errors of a query deep in a damaged file arrive as [`Error::Catalog`].
    pub fn is_catalog_damage(&self) -> bool {
        match self {
            Error::CatalogDamaged { .. } => true,
            Error::Catalog(e) => is_damage(e),
            _ => false,
        }
    }

    /// Wraps an I/O error with the path it happened on (storage's [`skiff_storage::Error::Io`],
    /// which the engine shares).
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Storage(skiff_storage::Error::io(path, source))
    }
}

/// Whether SQLite's error says the database file is damaged (not a database, malformed).
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}
