//! The OCI distribution (Docker Registry v2) client: authentication challenges, the retry
//! policy, the HTTP client that fetches and uploads manifests and blobs, search and tag
//! listing, and the TLS configuration that skips certificate checks.

pub mod certs;
pub mod challenge;
pub mod client;
pub mod retry;
pub mod search;
pub mod tls;
pub mod upload;

pub use client::{BlobReader, ClientOptions, RegistryClient};
pub use upload::BlobUpload;
