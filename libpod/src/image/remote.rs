//! Reaching a registry on the user's behalf: the client options (insecure per registries.conf
//! or the caller's `--tls-verify`, and the stored credentials) and the tag list of a repository
//! (`search --list-tags`, `pull --all-tags`).

use skiff_storage::auth::GivenCredentials;
use skiff_storage::registries::RegistriesConf;
use skiff_storage::registry::client::{ClientOptions, RegistryClient};
use skiff_storage::Reference;

use crate::engine::Engine;
use crate::error::{Error, Result};

/// How to reach `registry`: `insecure` as configured, `tls_verify` as the caller asked, and
/// the credentials the caller gave for it, else those stored for it (from auth files or a
/// credential helper).
pub(crate) fn client_options(
    registry: &str,
    insecure: bool,
    tls_verify: Option<bool>,
    given: &GivenCredentials,
) -> Result<ClientOptions> {
    Ok(ClientOptions {
        insecure,
        tls_verify,
        credentials: given.lookup(registry)?,
        user_agent: String::new(),
    })
}

/// A client for the registry of `r`, with the credentials given for it or stored.
pub(crate) fn client_for(
    conf: &RegistriesConf,
    r: &Reference,
    tls_verify: Option<bool>,
    given: &GivenCredentials,
) -> Result<RegistryClient> {
    let opts = client_options(
        r.registry(),
        conf.is_insecure(r.registry()),
        tls_verify,
        given,
    )?;
    Ok(RegistryClient::new(r.registry_host(), opts)?)
}

/// The Docker Engine's TLS rule for a registry (what the REST service's pulls, pushes and
/// builds follow): those on loopback addresses (`localhost`, `127.0.0.0/8`, `::1`) may be
/// plain HTTP without any configuration; others follow registries.conf.
pub fn docker_tls_verify(name: &str) -> Option<bool> {
    let registry = docker_registry_of(name);
    (registry != skiff_storage::reference::DOCKER_HUB
        && skiff_storage::registry::client::is_loopback(registry))
    .then_some(false)
}

/// The registry of image `name` as docker reads it: its first component when that names a
/// host (a `.` or `:` in it, or `localhost`), else Docker Hub. The credentials a docker client
/// sends with a pull are for it alone.
pub fn docker_registry_of(name: &str) -> &str {
    match name.split_once('/') {
        Some((first, _)) if first.contains('.') || first.contains(':') || first == "localhost" => {
            first
        }
        _ => skiff_storage::reference::DOCKER_HUB,
    }
}

/// A repository's tags on its registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteTags {
    /// The repository, fully qualified (`registry/path/name`).
    pub repository: String,
    /// Its tags, as the registry lists them.
    pub tags: Vec<String>,
}

impl Engine {
    /// The tags of repository `name` (a short name is tried on each registry registries.conf
    /// gives, the first that lists it wins). `name` must not carry a tag or digest.
    pub fn remote_tags(
        &mut self,
        name: &str,
        tls_verify: Option<bool>,
        given: &GivenCredentials,
    ) -> Result<RemoteTags> {
        let last = name.rsplit('/').next().unwrap_or(name);
        if last.contains([':', '@']) {
            return Err(Error::InvalidArgument(format!(
                "{name}: give a repository without a tag or digest to list its tags"
            )));
        }
        let conf = RegistriesConf::load()?;
        let mut failures = Vec::new();
        for candidate in conf.resolve(name)? {
            let at = conf.rewrite_location(&candidate)?;
            let listed = client_for(&conf, &at, tls_verify, given)
                .and_then(|c| Ok(c.list_tags(at.repository())?));
            match listed {
                Ok(tags) => {
                    return Ok(RemoteTags {
                        repository: candidate.name(),
                        tags,
                    })
                }
                Err(e) => failures.push(format!("{}: {e}", candidate.name())),
            }
        }
        Err(Error::NotFound {
            kind: "repository",
            name: name.to_string(),
            hint: format!("; tried: {}", failures.join("; ")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_registries_may_be_plain_http_as_in_docker() {
        assert_eq!(docker_tls_verify("127.0.0.1:5000/a/b"), Some(false));
        assert_eq!(docker_tls_verify("localhost/a"), Some(false));
        assert_eq!(docker_tls_verify("[::1]:5000/a"), Some(false));
        assert_eq!(docker_tls_verify("quay.io/a/b"), None);
        assert_eq!(docker_tls_verify("localhost"), None, "a docker hub name");
        assert_eq!(docker_tls_verify("library/busybox"), None);
        assert_eq!(docker_registry_of("127.0.0.1:5000/a/b"), "127.0.0.1:5000");
        assert_eq!(docker_registry_of("localhost/a"), "localhost");
        assert_eq!(docker_registry_of("busybox"), "docker.io");
        assert_eq!(docker_registry_of("library/busybox:1"), "docker.io");
    }
}
