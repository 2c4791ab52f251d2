//! An HTTP client for one registry: scheme selection, token and basic authentication,
//! retries of transient failures, verified manifests and streamed, resumable blobs.
//!
//! Scheme: HTTPS with the system's roots. Plain HTTP and unverified certificates are allowed
//! only when the registry is marked insecure (registries.conf) or `--tls-verify=false` was
//! given; then HTTPS is tried
//! first and HTTP used when HTTPS cannot connect, except for loopback registries
//! (`localhost`, `127.*`, `[::1]`), which go straight to HTTP: a local registry almost never
//! speaks TLS, and the failed handshake would only add latency to every pull.

use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::Mutex;
use std::thread::sleep;
use std::time::Duration;

use base64::Engine as _;

use super::challenge::{self, Challenge};
use super::retry::{is_transient, Failure, RetryPolicy};
use crate::credentials::Credentials;
use crate::digest::Digest;
use crate::error::{Error, Result};

/// Largest manifest accepted.
const MAX_MANIFEST: u64 = 8 << 20;

/// How to talk to a registry.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// The registry is marked insecure: plain HTTP and unverified certificates are allowed
    /// (unless `tls_verify` is `Some(true)`).
    pub insecure: bool,
    /// `--tls-verify`: `Some(false)` allows plain HTTP and unverified certificates like
    /// `insecure`; `Some(true)` requires verified HTTPS even for an insecure registry.
    pub tls_verify: Option<bool>,
    /// Credentials for basic auth and token requests.
    pub credentials: Option<Credentials>,
    /// The User-Agent header; empty means `skiff/<version>`.
    pub user_agent: String,
}

/// How requests are authorised once a challenge was answered.
#[derive(Debug, Clone)]
enum Auth {
    Bearer(String),
    Basic,
}

/// The repository access a request needs, which is the scope of the token asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Access {
    /// The repository (`library/alpine`).
    pub repo: String,
    /// Push access as well as pull.
    pub push: bool,
    /// Another repository of the registry read from (a cross-repository blob mount).
    pub mount_from: Option<String>,
}

impl Access {
    /// Pull access to `repo`.
    pub fn pull(repo: &str) -> Access {
        Access {
            repo: repo.to_string(),
            push: false,
            mount_from: None,
        }
    }

    /// Pull and push access to `repo`.
    pub fn push(repo: &str) -> Access {
        Access {
            push: true,
            ..Access::pull(repo)
        }
    }

    /// The token scopes (`repository:NAME:pull,push`).
    fn scopes(&self) -> Vec<String> {
        let actions = if self.push { "pull,push" } else { "pull" };
        let mut scopes = vec![format!("repository:{}:{actions}", self.repo)];
        if let Some(from) = &self.mount_from {
            scopes.push(format!("repository:{from}:pull"));
        }
        scopes
    }

    /// The key under which the answer to a challenge is kept.
    fn key(&self) -> String {
        self.scopes().join(" ")
    }
}

/// Opens a blob's content from its start (again for each attempt of an upload).
pub type Opener<'a> = dyn Fn() -> io::Result<Box<dyn Read + Send + 'a>> + 'a;

/// A request's body.
pub(super) enum Body<'a> {
    /// None.
    Empty,
    /// These bytes.
    Bytes(&'a [u8]),
    /// `len` bytes read from what `open` returns; opened again for each attempt.
    Stream {
        /// The length sent as Content-Length.
        len: u64,
        /// Opens the content from its start.
        open: &'a Opener<'a>,
    },
}

/// A client for one registry host; shareable between threads.
pub struct RegistryClient {
    host: String,
    agent: ureq::Agent,
    opts: ClientOptions,
    /// The scheme in use, decided by the first request.
    scheme: Mutex<Option<&'static str>>,
    /// Authorisation per scope (`repository:NAME:pull`), for the client's life.
    auth: Mutex<HashMap<String, Auth>>,
    /// How transient failures are retried (the process's `--retry`, see [`RetryPolicy`]).
    retry: RetryPolicy,
}

impl std::fmt::Debug for RegistryClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegistryClient")
            .field("host", &self.host)
            .finish()
    }
}

/// The certificate directory of `registry_host`, read, when it has one (`--cert-dir`, or
/// `certs.d`; see [`super::certs`]).
fn registry_certs(registry_host: &str) -> Result<Option<super::certs::CertDir>> {
    let given = std::env::var_os(super::certs::CERT_DIR_ENV).map(std::path::PathBuf::from);
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    super::certs::dir_for(registry_host, given.as_deref(), home.as_deref())
        .map(|d| super::certs::load(&d))
        .transpose()
}

impl RegistryClient {
    /// How this client retries a transient failure (the process's `--retry`): also how a
    /// caller starts a broken upload again.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// A client for `registry_host` (host[:port] as used in URLs, e.g. `registry-1.docker.io`).
    pub fn new(registry_host: &str, opts: ClientOptions) -> Result<RegistryClient> {
        let user_agent = if opts.user_agent.is_empty() {
            format!("skiff/{}", env!("CARGO_PKG_VERSION"))
        } else {
            opts.user_agent.clone()
        };
        // An explicit --tls-verify (true) wins over registries.conf's insecure, as in podman.
        let http_ok =
            opts.tls_verify != Some(true) && (opts.insecure || opts.tls_verify == Some(false));
        let mut builder = ureq::AgentBuilder::new()
            .user_agent(&user_agent)
            .timeout_connect(Duration::from_secs(15))
            .timeout_read(Duration::from_secs(60))
            .redirects(5);
        let certs = registry_certs(registry_host)?;
        if http_ok {
            // Insecure also means an unverified certificate is accepted on HTTPS.
            let none = super::certs::CertDir::default();
            let certs = certs.as_ref().unwrap_or(&none);
            builder = builder.tls_config(super::tls::unverified_config(certs)?);
        } else if let Some(certs) = &certs {
            builder = builder.tls_config(super::certs::verified_config(certs)?);
        }
        let agent = builder.build();
        let scheme = if http_ok && is_loopback(registry_host) {
            Some("http")
        } else if http_ok {
            None
        } else {
            Some("https")
        };
        Ok(RegistryClient {
            host: registry_host.to_string(),
            agent,
            opts,
            scheme: Mutex::new(scheme),
            auth: Mutex::new(HashMap::new()),
            retry: RetryPolicy::from_env(),
        })
    }

    /// The registry host this client talks to.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Checks that the registry answers the v2 API (`GET /v2/`), authenticating if asked.
    pub fn ping(&self) -> Result<()> {
        match self.send("/v2/", &[], None, "the registry API (/v2/)")? {
            Some(_) => Ok(()),
            None => Err(self.err("no registry API at /v2/ (is this a registry?)")),
        }
    }

    /// Fetches a manifest by tag or digest. Returns its bytes, Content-Type and digest; the
    /// digest is checked against `reference` when that is a digest and against the
    /// `Docker-Content-Digest` header when present.
    pub fn get_manifest(
        &self,
        repo: &str,
        reference: &str,
        accept: &[&str],
    ) -> Result<(Vec<u8>, Option<String>, Digest)> {
        let path = format!("/v2/{repo}/manifests/{reference}");
        let what = format!("manifest {}/{repo}:{reference}", self.host);
        let headers = [("Accept", accept.join(", "))];
        let resp = match self.send(&path, &headers, Some(repo), &what)? {
            Some(r) => r,
            None => {
                return Err(Error::NotFound(format!(
                    "manifest for {}/{repo}:{reference} (the tag does not exist, or the image \
                     is private and you need to log in: skiff login {})",
                    self.host, self.host
                )))
            }
        };
        let content_type = resp.header("Content-Type").map(str::to_string);
        let header_digest = resp.header("Docker-Content-Digest").map(str::to_string);
        let Some(bytes) = read_capped(resp.into_reader(), MAX_MANIFEST, &what)? else {
            return Err(Error::InvalidManifest(format!(
                "{what} is larger than {MAX_MANIFEST} bytes"
            )));
        };
        let actual = Digest::of(&bytes);
        let expected = reference
            .parse::<Digest>()
            .ok()
            .or_else(|| header_digest.and_then(|h| h.parse().ok()));
        if let Some(expected) = expected {
            if expected != actual {
                return Err(Error::DigestMismatch {
                    what,
                    expected: expected.to_string(),
                    actual: actual.to_string(),
                });
            }
        }
        Ok((bytes, content_type, actual))
    }

    /// Opens a blob as a stream. Redirects are followed, and a connection that breaks midway
    /// is resumed (with a Range request) up to three times. The caller verifies the digest.
    pub fn get_blob<'a>(&'a self, repo: &str, digest: &Digest) -> Result<BlobReader<'a>> {
        let inner = self.open_blob(repo, digest, 0)?;
        Ok(BlobReader {
            client: self,
            repo: repo.to_string(),
            digest: digest.clone(),
            inner,
            offset: 0,
            resumes: 0,
        })
    }

    /// Fetches a small blob (a config) into memory, at most `limit` bytes, and verifies it.
    pub fn get_blob_bytes(&self, repo: &str, digest: &Digest, limit: u64) -> Result<Vec<u8>> {
        let what = format!("blob {digest} from {}/{repo}", self.host);
        let Some(bytes) = read_capped(self.get_blob(repo, digest)?, limit, &what)? else {
            return Err(self.err(&format!("{what} is larger than {limit} bytes")));
        };
        let actual = Digest::of(&bytes);
        if actual != *digest {
            return Err(Error::DigestMismatch {
                what,
                expected: digest.to_string(),
                actual: actual.to_string(),
            });
        }
        Ok(bytes)
    }

    fn open_blob(
        &self,
        repo: &str,
        digest: &Digest,
        offset: u64,
    ) -> Result<Box<dyn Read + Send + Sync>> {
        let path = format!("/v2/{repo}/blobs/{digest}");
        let what = format!("blob {digest} from {}/{repo}", self.host);
        let headers: Vec<(&str, String)> = if offset > 0 {
            vec![("Range", format!("bytes={offset}-"))]
        } else {
            Vec::new()
        };
        let resp = match self.send(&path, &headers, Some(repo), &what)? {
            Some(r) => r,
            None => return Err(Error::NotFound(what)),
        };
        let partial = resp.status() == 206;
        let mut reader = resp.into_reader();
        if offset > 0 && !partial {
            // The server ignored the Range header: skip what was already read.
            let skipped =
                io::copy(&mut (&mut reader).take(offset), &mut io::sink()).map_err(|source| {
                    Error::Fetch {
                        what: what.clone(),
                        source,
                    }
                })?;
            if skipped != offset {
                return Err(Error::Fetch {
                    what,
                    source: io::Error::new(io::ErrorKind::UnexpectedEof, "blob got shorter"),
                });
            }
        }
        Ok(reader)
    }

    pub(super) fn err(&self, reason: &str) -> Error {
        Error::Registry {
            registry: self.host.clone(),
            reason: reason.to_string(),
        }
    }

    /// GETs `path` (`None` for 404) with pull access to `repo`, answering one
    /// authentication challenge and retrying transient failures.
    pub(crate) fn send(
        &self,
        path: &str,
        headers: &[(&str, String)],
        repo: Option<&str>,
        what: &str,
    ) -> Result<Option<ureq::Response>> {
        let access = repo.map(Access::pull);
        self.request("GET", path, headers, access.as_ref(), Body::Empty, what)
    }

    /// Sends `method` to `target` (a path on the registry, or an absolute URL such as an
    /// upload location) with `body`. Answers one authentication challenge for `access` and
    /// retries transient failures; `None` for 404.
    pub(super) fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, String)],
        access: Option<&Access>,
        body: Body<'_>,
        what: &str,
    ) -> Result<Option<ureq::Response>> {
        let scope_key = access.map(Access::key).unwrap_or_default();
        // A streamed body is not sent twice to one URL: an upload session that broke is
        // gone, so the caller starts the upload again.
        let retryable = !matches!(body, Body::Stream { .. });
        let mut retries = 0;
        let mut authenticated = false;
        let mut last_transport: Option<String> = None;
        loop {
            let scheme = self.scheme()?;
            let url = if target.starts_with("http://") || target.starts_with("https://") {
                target.to_string()
            } else {
                format!("{scheme}://{}{target}", self.host)
            };
            if scheme == "https" && url.starts_with("http://") {
                return Err(self.err(&format!(
                    "{what}: the registry sent a plain-HTTP location ({url}) for an HTTPS \
                     session; refusing to send the content and credentials without TLS"
                )));
            }
            let mut req = self.agent.request(method, &url);
            for (k, v) in headers {
                req = req.set(k, v);
            }
            // Credentials go to this registry only, not to another host a location names.
            if authority(&url) == Some(self.host.as_str()) {
                if let Some(value) = self.authorization(&scope_key) {
                    req = req.set("Authorization", &value);
                }
            }
            let sent = match &body {
                Body::Empty => req.call(),
                Body::Bytes(b) => req.send_bytes(b),
                Body::Stream { len, open } => match open() {
                    Ok(reader) => req.set("Content-Length", &len.to_string()).send(reader),
                    Err(source) => {
                        return Err(Error::Fetch {
                            what: what.to_string(),
                            source,
                        })
                    }
                },
            };
            let failure = match sent {
                Ok(resp) => return Ok(Some(resp)),
                Err(ureq::Error::Status(401, resp)) if !authenticated => {
                    authenticated = true;
                    let header = resp.header("WWW-Authenticate").unwrap_or("").to_string();
                    self.authenticate(&header, access, &scope_key)?;
                    continue;
                }
                Err(ureq::Error::Status(401, _)) => {
                    return Err(self.err(&format!(
                        "authentication required for {what}: run `skiff login {}`",
                        self.host
                    )))
                }
                Err(ureq::Error::Status(404, _)) => return Ok(None),
                Err(ureq::Error::Status(code, resp)) => (Failure::Status(code), Some(resp)),
                Err(ureq::Error::Transport(t)) => {
                    tracing::debug!("{url}: {t}");
                    last_transport = Some(t.to_string());
                    (Failure::Transport, None)
                }
            };
            if !retryable && is_transient(failure.0) {
                return Err(Error::UploadBroken {
                    registry: self.host.clone(),
                    reason: format!("{what}: {:?}", failure.0),
                });
            }
            match self.retry.next_delay(failure.0, retries) {
                Some(delay) => {
                    tracing::debug!("{what}: {:?}, retrying in {delay:?}", failure.0);
                    retries += 1;
                    sleep(delay);
                }
                None => {
                    let cause = last_transport.as_deref();
                    return Err(self.final_error(failure, access, what, retries, cause));
                }
            }
        }
    }

    fn final_error(
        &self,
        failure: (Failure, Option<ureq::Response>),
        access: Option<&Access>,
        what: &str,
        retries: usize,
        transport: Option<&str>,
    ) -> Error {
        let may = if access.is_some_and(|a| a.push) {
            "write"
        } else {
            "read"
        };
        let tries = if retries > 0 {
            format!(" (after {} attempts)", retries + 1)
        } else {
            String::new()
        };
        match failure {
            (Failure::Status(403), _) => self.err(&format!(
                "access to {what} denied (403): check the name, or log in with an account that \
                 may {may} it: skiff login {}",
                self.host
            )),
            (Failure::Status(code), resp) => {
                let body = resp
                    .and_then(|r| {
                        let mut s = String::new();
                        r.into_reader()
                            .take(512)
                            .read_to_string(&mut s)
                            .ok()
                            .map(|_| s)
                    })
                    .unwrap_or_default();
                self.err(&format!("{what}: HTTP {code}{tries} {}", body.trim()))
            }
            (Failure::Transport, _) => {
                // The cause as the client saw it (a refused connection, a name that does
                // not resolve, a TLS failure), and the TLS hint only for the last.
                let cause = transport.unwrap_or("no answer");
                let lower = cause.to_ascii_lowercase();
                let hint = if [
                    "tls",
                    "ssl",
                    "certificate",
                    "corrupt message",
                    "invalidcontenttype",
                ]
                .iter()
                .any(|w| lower.contains(w))
                {
                    " (for a plain-HTTP registry, mark it insecure in registries.conf or pass \
                     --tls-verify=false)"
                } else {
                    ""
                };
                self.err(&format!(
                    "cannot reach the registry for {what}{tries}: {cause}: check the network \
                     and the registry name{hint}"
                ))
            }
        }
    }

    /// The scheme to use; for insecure non-loopback registries, probes HTTPS once.
    fn scheme(&self) -> Result<&'static str> {
        let mut scheme = self.scheme.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = *scheme {
            return Ok(s);
        }
        let url = format!("https://{}/v2/", self.host);
        let chosen = match self.agent.get(&url).call() {
            Err(ureq::Error::Transport(t)) => {
                tracing::debug!("{url}: {t}; falling back to plain HTTP (insecure registry)");
                "http"
            }
            _ => "https",
        };
        *scheme = Some(chosen);
        Ok(chosen)
    }

    fn authorization(&self, scope_key: &str) -> Option<String> {
        let auth = self.auth.lock().unwrap_or_else(|e| e.into_inner());
        match auth.get(scope_key)? {
            Auth::Bearer(token) => Some(format!("Bearer {token}")),
            Auth::Basic => self.basic_header(),
        }
    }

    fn basic_header(&self) -> Option<String> {
        let c = self.opts.credentials.as_ref()?;
        let raw = format!("{}:{}", c.username, c.password);
        Some(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        ))
    }

    /// Answers a challenge: fetches a token for `scope`, or switches to basic auth.
    fn authenticate(&self, header: &str, access: Option<&Access>, scope_key: &str) -> Result<()> {
        let challenges = challenge::parse(header);
        let chosen = challenges
            .iter()
            .find(|c| matches!(c, Challenge::Bearer { .. }))
            .or_else(|| challenges.first())
            .ok_or_else(|| {
                self.err(&format!(
                    "authentication required, but the registry's challenge {header:?} is not \
                     understood"
                ))
            })?;
        let auth = match chosen {
            Challenge::Basic => {
                if self.opts.credentials.is_none() {
                    return Err(self.err(&format!(
                        "authentication required: run `skiff login {}`",
                        self.host
                    )));
                }
                Auth::Basic
            }
            Challenge::Bearer {
                realm,
                service,
                scope: offered,
            } => {
                let scopes = match access {
                    Some(a) => a.scopes(),
                    None => offered.iter().cloned().collect(),
                };
                Auth::Bearer(self.fetch_token(realm, service.as_deref(), &scopes)?)
            }
        };
        self.auth
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(scope_key.to_string(), auth);
        Ok(())
    }

    fn fetch_token(&self, realm: &str, service: Option<&str>, scopes: &[String]) -> Result<String> {
        let mut retries = 0;
        loop {
            let mut req = self.agent.get(realm);
            if let Some(s) = service {
                req = req.query("service", s);
            }
            for s in scopes {
                req = req.query("scope", s);
            }
            if let Some(b) = self.basic_header() {
                req = req.set("Authorization", &b);
            }
            let failure = match req.call() {
                Ok(resp) => {
                    let body: serde_json::Value = resp.into_json().map_err(|e| {
                        self.err(&format!(
                            "the token service {realm} sent an unreadable answer: {e}"
                        ))
                    })?;
                    return body
                        .get("token")
                        .or_else(|| body.get("access_token"))
                        .and_then(|t| t.as_str())
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                        .ok_or_else(|| {
                            self.err(&format!("the token service {realm} sent no token"))
                        });
                }
                Err(ureq::Error::Status(401 | 403, _)) => {
                    return Err(self.err(&format!(
                        "the token service {realm} refused the credentials: run `skiff login {}`",
                        self.host
                    )))
                }
                Err(ureq::Error::Status(code, _)) => Failure::Status(code),
                Err(ureq::Error::Transport(_)) => Failure::Transport,
            };
            match self.retry.next_delay(failure, retries) {
                Some(d) => {
                    retries += 1;
                    sleep(d);
                }
                None => {
                    return Err(self.err(&format!("cannot get a token from {realm}: {failure:?}")))
                }
            }
        }
    }
}

/// Reads `r` to its end if that is at most `limit` bytes (`None` when there is more); `what`
/// names the response in a read error.
pub(crate) fn read_capped(r: impl Read, limit: u64, what: &str) -> Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    r.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Fetch {
            what: what.to_string(),
            source,
        })?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// The `host[:port]` of an absolute URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// Whether `host` (host[:port]) is a loopback name.
pub fn is_loopback(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    name == "localhost" || name == "::1" || name.starts_with("127.")
}

/// A blob being streamed from a registry; resumes after a broken connection.
pub struct BlobReader<'a> {
    client: &'a RegistryClient,
    repo: String,
    digest: Digest,
    inner: Box<dyn Read + Send + Sync>,
    offset: u64,
    resumes: usize,
}

impl Read for BlobReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.inner.read(buf) {
                Ok(n) => {
                    self.offset += n as u64;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let Some(delay) = self
                        .client
                        .retry
                        .next_delay(Failure::Transport, self.resumes)
                    else {
                        return Err(e);
                    };
                    tracing::debug!(
                        "blob {} broke at {}: {e}; resuming",
                        self.digest,
                        self.offset
                    );
                    self.resumes += 1;
                    sleep(delay);
                    self.inner = self
                        .client
                        .open_blob(&self.repo, &self.digest, self.offset)
                        .map_err(io::Error::other)?;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for h in [
            "localhost",
            "localhost:5000",
            "127.0.0.1:5000",
            "127.1.2.3",
            "[::1]:5000",
        ] {
            assert!(is_loopback(h), "{h}");
        }
        assert_eq!(
            authority("http://127.0.0.1:5000/v2/x?y"),
            Some("127.0.0.1:5000")
        );
        assert_eq!(authority("https://h.example"), Some("h.example"));
        assert_eq!(authority("/v2/x"), None);
        for h in [
            "registry-1.docker.io",
            "quay.io:443",
            "10.0.0.1:5000",
            "[fe80::1]:5000",
        ] {
            assert!(!is_loopback(h), "{h}");
        }
    }
}
