//! Writing to a registry: blob existence checks, cross-repository mounts, monolithic blob
//! uploads and manifest uploads (the push half of the distribution API).

pub use super::client::Opener;

use super::client::{Access, Body, RegistryClient};
use crate::digest::Digest;
use crate::error::{Error, Result};

/// How a blob came to be in the destination repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobUpload {
    /// It was there already; nothing was sent.
    Exists,
    /// The registry linked it from another of its repositories; nothing was sent.
    Mounted,
    /// Its bytes were uploaded.
    Uploaded,
}

impl RegistryClient {
    /// Whether `repo` has blob `digest` (`HEAD /v2/REPO/blobs/DIGEST`).
    pub fn blob_exists(&self, repo: &str, digest: &Digest) -> Result<bool> {
        let what = format!("blob {digest} in {}/{repo}", self.host());
        let path = format!("/v2/{repo}/blobs/{digest}");
        let access = Access::push(repo);
        Ok(self
            .request("HEAD", &path, &[], Some(&access), Body::Empty, &what)?
            .is_some())
    }

    /// Puts blob `digest` of `size` bytes into `repo` unless it is there: mounted from
    /// `mount_from` (another repository of this registry) when the registry allows, else
    /// uploaded in one request from what `open` returns (opened again for a retry).
    // Clippy's elided form does not compile: the opener's two lifetimes must be one.
    #[allow(clippy::needless_lifetimes)]
    pub fn upload_blob<'o>(
        &self,
        repo: &str,
        digest: &Digest,
        size: u64,
        mount_from: Option<&str>,
        open: &'o Opener<'o>,
    ) -> Result<BlobUpload> {
        if self.blob_exists(repo, digest)? {
            return Ok(BlobUpload::Exists);
        }
        let what = format!("uploading blob {digest} to {}/{repo}", self.host());
        let mut access = Access::push(repo);
        let start = match mount_from.filter(|from| *from != repo) {
            Some(from) => {
                access.mount_from = Some(from.to_string());
                format!("/v2/{repo}/blobs/uploads/?mount={digest}&from={from}")
            }
            None => format!("/v2/{repo}/blobs/uploads/"),
        };
        let resp = self
            .request("POST", &start, &[], Some(&access), Body::Empty, &what)?
            .ok_or_else(|| self.not_found(repo, &what))?;
        if resp.status() == 201 {
            return Ok(BlobUpload::Mounted);
        }
        let location = self.upload_location(&resp, &what)?;
        let sep = if location.contains('?') { '&' } else { '?' };
        let target = format!("{location}{sep}digest={digest}");
        let headers = [("Content-Type", "application/octet-stream".to_string())];
        let body = Body::Stream { len: size, open };
        self.request("PUT", &target, &headers, Some(&access), body, &what)?
            .ok_or_else(|| self.not_found(repo, &what))?;
        Ok(BlobUpload::Uploaded)
    }

    /// Uploads manifest `bytes` of type `media_type` to `repo` under `reference` (a tag or
    /// its digest) and returns its digest.
    pub fn put_manifest(
        &self,
        repo: &str,
        reference: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> Result<Digest> {
        let what = format!("uploading manifest {}/{repo}:{reference}", self.host());
        let path = format!("/v2/{repo}/manifests/{reference}");
        let headers = [("Content-Type", media_type.to_string())];
        let access = Access::push(repo);
        let resp = self
            .request(
                "PUT",
                &path,
                &headers,
                Some(&access),
                Body::Bytes(bytes),
                &what,
            )?
            .ok_or_else(|| self.not_found(repo, &what))?;
        let digest = Digest::of(bytes);
        if let Some(told) = resp.header("Docker-Content-Digest") {
            if told.parse::<Digest>().ok().as_ref() != Some(&digest) {
                return Err(Error::DigestMismatch {
                    what,
                    expected: digest.to_string(),
                    actual: told.to_string(),
                });
            }
        }
        Ok(digest)
    }

    /// The absolute URL of an upload session from its `Location` header (which may be a
    /// path on this registry).
    fn upload_location(&self, resp: &ureq::Response, what: &str) -> Result<String> {
        let location = resp
            .header("Location")
            .filter(|l| !l.is_empty())
            .ok_or_else(|| self.err(&format!("{what}: the registry gave no upload location")))?;
        if location.starts_with("http://") || location.starts_with("https://") {
            return Ok(location.to_string());
        }
        let base = resp.get_url();
        let origin_end = base
            .find("://")
            .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
            .unwrap_or(base.len());
        Ok(format!("{}{location}", &base[..origin_end]))
    }

    fn not_found(&self, repo: &str, what: &str) -> Error {
        self.err(&format!(
            "{what}: the registry answered 404 (is {repo} a valid repository name there?)"
        ))
    }
}
