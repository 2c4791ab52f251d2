//! The OCI distribution (Docker Registry v2) client: authentication challenges, the retry
//! policy, and the HTTP client that fetches and uploads manifests and blobs.

pub mod challenge;
pub mod client;
pub mod retry;
pub mod upload;

pub use client::{BlobReader, ClientOptions, RegistryClient};
pub use upload::BlobUpload;
