//! Images as the user sees them: the catalog rows that name stored images, and the engine
//! operations on them (`images`, `tag`).

pub mod archive;
pub mod defaults;
pub(crate) mod derive;
mod files;
pub mod filter;
pub mod history;
pub mod import;
pub mod inspect;
pub mod list;
pub mod login;
pub mod manifest;
pub mod manifest_type;
mod mount;
pub mod parents;
pub mod prune;
pub mod pull;
pub mod push;
pub mod record;
mod recorded;
pub(crate) mod refs;
pub mod remote;
pub mod remove;
pub mod tree;
/// The variables that set how registry requests retry (`--retry`, `--retry-delay`).
pub mod retry {
    pub use skiff_storage::registry::retry::{RETRY_DELAY_ENV, RETRY_ENV};
}
pub mod search;
pub mod tag;

pub use list::ImageSummary;
pub use record::ImageRecord;

/// How this process extracts layers: rootless when not root, or when already inside a user
/// namespace (after [`crate::Engine::enter_userns`] the process is uid 0 there but still
/// cannot set `trusted.*` xattrs or create devices).
pub(crate) fn extract_options() -> skiff_storage::store::ExtractOptions {
    let map = std::fs::read_to_string("/proc/self/uid_map").unwrap_or_default();
    let initial = map.split_whitespace().collect::<Vec<_>>() == ["0", "0", "4294967295"];
    skiff_storage::store::ExtractOptions {
        rootless: crate::config::is_rootless() || !initial,
    }
}
