//! The storage error type.

use std::path::PathBuf;

/// What can go wrong while resolving, fetching, verifying or unpacking images.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A malformed image reference; the message says which part is wrong.
    #[error("invalid reference {reference:?}: {reason}")]
    InvalidReference {
        /// The text the user gave.
        reference: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A configuration file (registries.conf, auth.json, ...) could not be parsed.
    #[error("{path}: {reason}")]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A registry answered with an error, or could not be reached.
    #[error("{registry}: {reason}")]
    Registry {
        /// The registry host.
        registry: String,
        /// What happened, with advice where there is some.
        reason: String,
    },
    /// A streamed upload broke (the connection, or a server error): its session is gone, and
    /// the upload may be started again.
    #[error("{registry}: {reason}")]
    UploadBroken {
        /// The registry host.
        registry: String,
        /// What happened.
        reason: String,
    },
    /// The registry or the store has no such manifest or blob.
    #[error("{0} not found")]
    NotFound(String),
    /// A manifest or config could not be understood.
    #[error("invalid manifest: {0}")]
    InvalidManifest(String),
    /// No manifest in an index matches the wanted platform.
    #[error("no image for platform {wanted} in {reference} (available: {available})")]
    NoMatchingPlatform {
        /// The platform asked for, as os/arch[/variant].
        wanted: String,
        /// The image reference.
        reference: String,
        /// The platforms the index offers.
        available: String,
    },
    /// Content did not hash to its digest; nothing of it was kept.
    #[error(
        "digest mismatch for {what}: expected {expected}, got {actual}; the blob was discarded"
    )]
    DigestMismatch {
        /// Which blob (layer, config, manifest) and from where.
        what: String,
        /// The digest it should have.
        expected: String,
        /// The digest it had.
        actual: String,
    },
    /// A layer tried something unsafe or is not a valid tar stream.
    #[error("bad layer {layer}: {reason}")]
    BadLayer {
        /// The layer's digest.
        layer: String,
        /// What it tried to do.
        reason: String,
    },
    /// An image archive (docker-archive, oci-archive) is malformed.
    #[error("bad archive {path}: {reason}")]
    BadArchive {
        /// The archive file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Reading content from its source (a registry response, an archive) failed midway.
    #[error("reading {what}: {source}")]
    Fetch {
        /// What was being read (which blob, from where).
        what: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file could not be downloaded from a URL (a Dockerfile's ADD).
    #[error("{url}: {reason}")]
    Download {
        /// The URL.
        url: String,
        /// What happened.
        reason: String,
    },
    /// A file system operation failed on a path.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Result with the storage [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Adds a path to `std::io::Result`s.
pub trait IoContext<T> {
    /// Turns an I/O error into [`Error::Io`] naming `path`.
    fn at(self, path: impl Into<PathBuf>) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T> {
        self.map_err(|e| Error::io(path, e))
    }
}
