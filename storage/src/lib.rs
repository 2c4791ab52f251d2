//! skiff's image storage: image references, the registry client, the content-addressed blob
//! store, layer extraction, and image archives. It knows nothing of containers or the catalog:
//! `libpod` records what this crate stores.

pub mod archive;
pub mod auth;
pub mod compression;
pub mod config;
pub mod credentials;
pub mod credhelper;
pub mod digest;
pub mod error;
pub mod identity;
pub mod list_push;
pub mod manifest;
pub mod manifest_list;
pub mod manifest_select;
pub mod platform;
pub mod pull;
pub mod push;
pub mod reference;
pub mod registries;
pub mod registry;
pub mod remote_file;
pub mod store;
pub mod time;

pub use compression::Compression;
pub use digest::Digest;
pub use error::{Error, Result};
pub use reference::Reference;
