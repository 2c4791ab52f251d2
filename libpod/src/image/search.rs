//! `search`: repositories matching a term on the named registry, or on every
//! unqualified-search registry of registries.conf, filtered as docker's `--filter`.

use skiff_storage::reference::{split_registry, DOCKER_HUB};
use skiff_storage::registries::RegistriesConf;
use skiff_storage::registry::client::RegistryClient;
use skiff_storage::registry::search::SearchResult;

use super::remote::client_options;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// Where Docker Hub answers its search API.
const DOCKER_HUB_INDEX: &str = "index.docker.io";
/// Results per registry when the caller gives no limit (docker's).
pub const DEFAULT_LIMIT: usize = 25;
/// The largest limit (docker's).
const MAX_LIMIT: usize = 100;

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// `[REGISTRY/]TERM`.
    pub term: String,
    /// The most results per registry, 1 to 100; 0 means [`DEFAULT_LIMIT`].
    pub limit: usize,
    /// Filters (`stars=N`, `is-official=BOOL`, `is-automated=BOOL`).
    pub filter: SearchFilter,
    /// `--tls-verify`: `Some(false)` allows plain HTTP and unverified certificates.
    pub tls_verify: Option<bool>,
}

/// One repository found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The registry that found it.
    pub index: String,
    /// Its name: as Docker Hub gives it, otherwise prefixed with the registry.
    pub name: String,
    /// Its description (empty when the registry has none, as from a catalog).
    pub description: String,
    /// Its stars.
    pub star_count: u64,
    /// Whether it is an official image.
    pub is_official: bool,
    /// Whether it is an automated build.
    pub is_automated: bool,
}

/// docker's search filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    /// `stars=N`: at least N stars.
    pub stars: u64,
    /// `is-official=BOOL`.
    pub official: Option<bool>,
    /// `is-automated=BOOL`.
    pub automated: Option<bool>,
}

impl SearchFilter {
    /// Parses `KEY=VALUE` filters; an unknown key or a bad value is an error saying what is
    /// accepted.
    pub fn parse<S: AsRef<str>>(specs: &[S]) -> Result<SearchFilter> {
        let mut f = SearchFilter::default();
        for spec in specs {
            let spec = spec.as_ref();
            let (key, value) = spec.split_once('=').ok_or_else(|| {
                Error::InvalidArgument(format!(
                    "bad filter {spec:?}: use KEY=VALUE (stars=N, is-official=BOOL, is-automated=BOOL)"
                ))
            })?;
            let boolean = || match value {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(Error::InvalidArgument(format!(
                    "invalid filter '{key}={value}': {value:?} is not true or false"
                ))),
            };
            match key {
                "stars" => {
                    f.stars = value.parse().map_err(|_| {
                        Error::InvalidArgument(format!(
                            "invalid filter 'stars={value}': the value must be a whole number"
                        ))
                    })?
                }
                "is-official" => f.official = Some(boolean()?),
                "is-automated" => f.automated = Some(boolean()?),
                other => {
                    return Err(Error::InvalidArgument(format!(
                        "invalid filter {other:?}: search filters are stars, is-official and is-automated"
                    )))
                }
            }
        }
        Ok(f)
    }

    /// Whether `hit` passes every filter.
    pub fn admits(&self, hit: &SearchHit) -> bool {
        hit.star_count >= self.stars
            && self.official.is_none_or(|o| o == hit.is_official)
            && self.automated.is_none_or(|a| a == hit.is_automated)
    }
}

/// The registries to search and the term: the registry named before the first `/`, else
/// `search_registries` (Docker Hub when empty).
pub fn registries_for<'a>(
    term: &'a str,
    search_registries: &'a [String],
) -> (Vec<&'a str>, &'a str) {
    match split_registry(term) {
        (Some(registry), rest) => (vec![registry], rest),
        (None, _) if search_registries.is_empty() => (vec![DOCKER_HUB], term),
        (None, _) => (search_registries.iter().map(String::as_str).collect(), term),
    }
}

/// A search result as a hit of `registry`.
fn hit(registry: &str, r: SearchResult) -> SearchHit {
    let name = if registry == DOCKER_HUB {
        r.name
    } else {
        format!("{registry}/{}", r.name)
    };
    SearchHit {
        index: registry.to_string(),
        name,
        description: r.description,
        star_count: r.star_count,
        is_official: r.is_official,
        is_automated: r.is_automated,
    }
}

impl Engine {
    /// Searches each registry for the term, keeping up to `limit` hits per registry that pass
    /// the filter. Registries that fail are skipped while another answers; when none does,
    /// the error names each failure.
    pub fn search(&mut self, req: &SearchRequest) -> Result<Vec<SearchHit>> {
        let limit = match req.limit {
            0 => DEFAULT_LIMIT,
            1..=MAX_LIMIT => req.limit,
            n => {
                return Err(Error::InvalidArgument(format!(
                    "limit {n} is outside the range of [1, {MAX_LIMIT}]"
                )))
            }
        };
        let conf = RegistriesConf::load()?;
        let (registries, term) = registries_for(&req.term, &conf.unqualified_search);
        if term.is_empty() {
            return Err(Error::InvalidArgument(
                "nothing to search for: give a term, as REGISTRY/TERM or TERM".into(),
            ));
        }
        let mut hits = Vec::new();
        let mut failures = Vec::new();
        for registry in &registries {
            let host = if *registry == DOCKER_HUB {
                DOCKER_HUB_INDEX
            } else {
                registry
            };
            let found = client_options(
                registry,
                conf.is_insecure(registry),
                req.tls_verify,
                &Default::default(),
            )
            .and_then(|opts| Ok(RegistryClient::new(host, opts)?.search(term, limit)?));
            match found {
                Ok(results) => hits.extend(
                    results
                        .into_iter()
                        .map(|r| hit(registry, r))
                        .filter(|h| req.filter.admits(h))
                        .take(limit),
                ),
                Err(e) => failures.push(e),
            }
        }
        if failures.len() == registries.len() {
            if failures.len() == 1 {
                return Err(failures.remove(0));
            }
            let all: Vec<String> = failures.iter().map(ToString::to_string).collect();
            return Err(Error::Storage(skiff_storage::Error::Registry {
                registry: registries.join(", "),
                reason: format!("searching for {term:?} failed: {}", all.join("; ")),
            }));
        }
        for e in failures {
            tracing::warn!("{e}");
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters() {
        let f = SearchFilter::parse(&["stars=3", "is-official=true"]).unwrap();
        let mut h = hit(
            "docker.io",
            SearchResult {
                name: "busybox".into(),
                star_count: 3,
                is_official: true,
                ..SearchResult::default()
            },
        );
        assert_eq!(h.name, "busybox");
        assert!(f.admits(&h));
        h.star_count = 2;
        assert!(!f.admits(&h));
        h.star_count = 9;
        h.is_official = false;
        assert!(!f.admits(&h));
        assert!(SearchFilter::parse(&["is-automated=0"]).unwrap().admits(&h));
        for bad in ["stars", "stars=-1", "is-official=yes", "color=red"] {
            assert!(SearchFilter::parse(&[bad]).is_err(), "{bad}");
        }
    }

    #[test]
    fn where_terms_are_searched() {
        let search = vec!["quay.io".to_string(), "localhost:5055".to_string()];
        assert_eq!(
            registries_for("localhost:5000/busy", &search),
            (vec!["localhost:5000"], "busy")
        );
        assert_eq!(
            registries_for("busy", &search),
            (vec!["quay.io", "localhost:5055"], "busy")
        );
        assert_eq!(registries_for("user/x", &[]), (vec!["docker.io"], "user/x"));
        let h = hit(
            "quay.io",
            SearchResult {
                name: "ns/app".into(),
                ..SearchResult::default()
            },
        );
        assert_eq!(h.name, "quay.io/ns/app");
    }

    proptest::proptest! {
        #[test]
        fn filter_parse_never_panics(spec in "\\PC{0,30}") {
            let _ = SearchFilter::parse(&[spec]);
        }
    }
}
