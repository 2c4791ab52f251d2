//! `login` / `logout`: credentials checked against the registry, kept in auth.json or the
//! credential helper configured for the registry.

use std::path::PathBuf;

use skiff_storage::auth;
/// A user name and password (or token) for a registry.
pub use skiff_storage::auth::{Credentials, GivenCredentials};
use skiff_storage::registries::RegistriesConf;
/// The variable `--cert-dir` sets: the registry certificate directory for the clients made.
pub use skiff_storage::registry::certs::CERT_DIR_ENV;
use skiff_storage::registry::client::{ClientOptions, RegistryClient};

use crate::engine::Engine;
use crate::error::{Error, Result};

/// `registry` as auth files key it: no scheme or path, Docker Hub as `docker.io`.
pub fn normalize_registry(input: &str) -> String {
    let s = input.trim();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let host = s.split('/').next().unwrap_or(s);
    match host {
        "index.docker.io" | "registry-1.docker.io" | "docker.io" => "docker.io".to_string(),
        h => h.to_string(),
    }
}

impl Engine {
    /// Checks `creds` against `registry` (`GET /v2/` with them) and stores them; returns the
    /// file written.
    pub fn login(
        &mut self,
        registry: &str,
        creds: Credentials,
        tls_verify: Option<bool>,
    ) -> Result<PathBuf> {
        let key = self.check_login(registry, &creds, tls_verify)?;
        Ok(auth::store(&key, &creds)?)
    }

    /// Checks `creds` against `registry` (`GET /v2/` with them) without storing them (the
    /// Docker API's `/auth`: the client keeps its credentials). Returns the registry's key
    /// in the auth files (`docker.io`, `host:port`).
    pub fn check_login(
        &mut self,
        registry: &str,
        creds: &Credentials,
        tls_verify: Option<bool>,
    ) -> Result<String> {
        let key = normalize_registry(registry);
        if key.is_empty() {
            return Err(Error::InvalidArgument(
                "no registry given: skiff login REGISTRY".into(),
            ));
        }
        let host = if key == "docker.io" {
            "registry-1.docker.io"
        } else {
            key.as_str()
        };
        let conf = RegistriesConf::load()?;
        let client = RegistryClient::new(
            host,
            ClientOptions {
                insecure: conf.is_insecure(&key),
                tls_verify,
                credentials: Some(creds.clone()),
                user_agent: String::new(),
            },
        )?;
        client.ping()?;
        Ok(key)
    }

    /// The user name stored for `registry`, None when it has no credentials (podman's
    /// `login --get-login`).
    pub fn login_username(&self, registry: &str) -> Result<Option<String>> {
        Ok(auth::lookup(&normalize_registry(registry))?.map(|c| c.username))
    }

    /// Forgets the credentials for `registry`; false when there were none.
    pub fn logout(&mut self, registry: &str) -> Result<bool> {
        Ok(auth::remove(&normalize_registry(registry))?)
    }

    /// Forgets every stored credential.
    pub fn logout_all(&mut self) -> Result<()> {
        Ok(auth::remove_all()?)
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_registry;

    #[test]
    fn registries_are_keyed_like_auth_json() {
        assert_eq!(
            normalize_registry("https://index.docker.io/v1/"),
            "docker.io"
        );
        assert_eq!(normalize_registry("localhost:5055"), "localhost:5055");
        assert_eq!(normalize_registry("http://quay.io/x"), "quay.io");
    }
}
