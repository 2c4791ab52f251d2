//! Finding repositories and tags on a registry: the search API (`GET /v1/search`, which Docker
//! Hub and quay.io offer), the catalog (`GET /v2/_catalog`, which most private registries
//! offer) and tag lists (`GET /v2/NAME/tags/list`), the last two paged with `Link` headers.

use serde::Deserialize;

use super::client::{read_capped, RegistryClient};
use crate::error::{Error, Result};

/// Largest search, catalog or tag-list page accepted.
const MAX_PAGE: u64 = 4 << 20;
/// Entries asked for per catalog or tag-list page.
const PAGE_SIZE: usize = 1000;
/// Pages followed at most, so a registry whose `Link` headers loop cannot hold us forever.
const MAX_PAGES: usize = 1000;

/// One repository a registry's search found, in the shape of docker's search results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct SearchResult {
    /// The repository name as the registry gives it (`library/busybox`, `user/app`).
    pub name: String,
    /// Its description.
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    /// Its stars.
    #[serde(default, deserialize_with = "null_as_default")]
    pub star_count: u64,
    /// Whether it is an official image.
    #[serde(default, deserialize_with = "null_as_default")]
    pub is_official: bool,
    /// Whether it is an automated build.
    #[serde(default, deserialize_with = "null_as_default")]
    pub is_automated: bool,
}

/// `null` is read as the type's default (Docker Hub sends `"description": null`).
fn null_as_default<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The body of `GET /v1/search`.
#[derive(Debug, Deserialize)]
struct SearchPage {
    #[serde(default)]
    results: Vec<SearchResult>,
}

/// The body of `GET /v2/_catalog`.
#[derive(Debug, Deserialize)]
struct CatalogPage {
    #[serde(default, deserialize_with = "null_as_default")]
    repositories: Vec<String>,
}

/// The body of `GET /v2/NAME/tags/list`.
#[derive(Debug, Deserialize)]
struct TagsPage {
    #[serde(default, deserialize_with = "null_as_default")]
    tags: Vec<String>,
}

/// Parses a search API answer.
pub fn parse_search(body: &[u8]) -> Result<Vec<SearchResult>> {
    serde_json::from_slice::<SearchPage>(body)
        .map(|p| p.results)
        .map_err(|e| Error::InvalidManifest(format!("unreadable search results: {e}")))
}

/// Parses one catalog page.
pub fn parse_catalog(body: &[u8]) -> Result<Vec<String>> {
    serde_json::from_slice::<CatalogPage>(body)
        .map(|p| p.repositories)
        .map_err(|e| Error::InvalidManifest(format!("unreadable catalog: {e}")))
}

/// Parses one tag-list page.
pub fn parse_tags(body: &[u8]) -> Result<Vec<String>> {
    serde_json::from_slice::<TagsPage>(body)
        .map(|p| p.tags)
        .map_err(|e| Error::InvalidManifest(format!("unreadable tag list: {e}")))
}

/// The path of the next page from a `Link` header (`</v2/_catalog?last=x&n=100>; rel="next"`):
/// a relative target as it is, an absolute URL cut to its path and query. None without a
/// `rel="next"` link.
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|link| {
        let (target, params) = link.trim().strip_prefix('<')?.split_once('>')?;
        let is_next = params.split(';').any(|p| {
            p.trim()
                .strip_prefix("rel=")
                .is_some_and(|v| v.trim_matches('"').split_whitespace().any(|r| r == "next"))
        });
        if !is_next {
            return None;
        }
        let path = match target.split_once("://") {
            Some((_, rest)) => &rest[rest.find('/')?..],
            None => target,
        };
        path.starts_with('/').then(|| path.to_string())
    })
}

impl RegistryClient {
    /// Searches for `term`: the search API when the registry has one (at most `limit` results),
    /// else the catalog's repositories whose name contains `term` (no descriptions or stars).
    /// An error when the registry offers neither.
    pub fn search(&self, term: &str, limit: usize) -> Result<Vec<SearchResult>> {
        let path = format!("/v1/search?q={}&n={limit}", query_escape(term));
        match self.get_page(&path, None, "the search API (/v1/search)") {
            Ok(Some((body, _))) => return parse_search(&body),
            Ok(None) => {}
            Err(e) => tracing::debug!("{}: search API: {e}; trying the catalog", self.host()),
        }
        let repos = self.catalog().map_err(|e| {
            let why = match e {
                Error::Registry { reason, .. } => reason,
                other => other.to_string(),
            };
            Error::Registry {
                registry: self.host().to_string(),
                reason: format!(
                    "cannot search: the registry has no search API and its catalog cannot be \
                     listed ({why}); search another registry, or name the image and use \
                     `skiff search --list-tags REGISTRY/NAME`"
                ),
            }
        })?;
        let hits = repos
            .into_iter()
            .filter(|r| r.contains(term))
            .map(|name| SearchResult {
                name,
                ..SearchResult::default()
            })
            .collect();
        Ok(hits)
    }

    /// Every repository in the registry's catalog, following its pages.
    pub fn catalog(&self) -> Result<Vec<String>> {
        let first = format!("/v2/_catalog?n={PAGE_SIZE}");
        self.paged(first, None, "the catalog (/v2/_catalog)", parse_catalog)
    }

    /// Every tag of `repo`, following the pages of its tag list.
    pub fn list_tags(&self, repo: &str) -> Result<Vec<String>> {
        let first = format!("/v2/{repo}/tags/list?n={PAGE_SIZE}");
        let what = format!("the tags of {}/{repo}", self.host());
        self.paged(first, Some(repo), &what, parse_tags)
    }

    /// Collects a paged list, following `Link: <...>; rel="next"` headers.
    fn paged(
        &self,
        first: String,
        repo: Option<&str>,
        what: &str,
        parse: fn(&[u8]) -> Result<Vec<String>>,
    ) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut next = Some(first);
        let mut pages = 0;
        while let Some(path) = next.take() {
            pages += 1;
            if pages > MAX_PAGES {
                return Err(Error::Registry {
                    registry: self.host().to_string(),
                    reason: format!("{what} has more than {MAX_PAGES} pages"),
                });
            }
            let (body, link) = self
                .get_page(&path, repo, what)?
                .ok_or_else(|| Error::NotFound(format!("{what} on {}", self.host())))?;
            out.extend(parse(&body)?);
            next = link.as_deref().and_then(next_link);
        }
        Ok(out)
    }

    /// GETs a small JSON document; returns its body and `Link` header, None on 404.
    fn get_page(
        &self,
        path: &str,
        repo: Option<&str>,
        what: &str,
    ) -> Result<Option<(Vec<u8>, Option<String>)>> {
        let headers = [("Accept", "application/json".to_string())];
        let Some(resp) = self.send(path, &headers, repo, what)? else {
            return Ok(None);
        };
        let link = resp.header("Link").map(str::to_string);
        let Some(body) = read_capped(resp.into_reader(), MAX_PAGE, what)? else {
            return Err(Error::Registry {
                registry: self.host().to_string(),
                reason: format!("{what} is larger than {MAX_PAGE} bytes"),
            });
        };
        Ok(Some((body, link)))
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_results_docker_hub_shape() {
        let body = br#"{"num_pages":1,"num_results":2,"page_size":25,"query":"busybox","results":[
            {"name":"busybox","description":"Busybox base image.","star_count":3000,"is_official":true,"is_automated":false},
            {"name":"user/bb","description":null,"star_count":null,"is_trusted":true}]}"#;
        let r = parse_search(body).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].name, "busybox");
        assert!(r[0].is_official && !r[0].is_automated);
        assert_eq!(r[0].star_count, 3000);
        assert_eq!(r[1].description, "");
        assert_eq!(r[1].star_count, 0);
        assert!(parse_search(b"{}").unwrap().is_empty());
        assert!(parse_search(b"[").is_err());
        assert!(parse_search(br#"{"results":[{"description":"no name"}]}"#).is_err());
    }

    #[test]
    fn catalog_and_tags() {
        assert_eq!(
            parse_catalog(br#"{"repositories":["a","b/c"]}"#).unwrap(),
            ["a", "b/c"]
        );
        assert!(parse_catalog(br#"{"repositories":null}"#)
            .unwrap()
            .is_empty());
        assert_eq!(
            parse_tags(br#"{"name":"x","tags":["1","latest"]}"#).unwrap(),
            ["1", "latest"]
        );
        assert!(parse_tags(br#"{"name":"x","tags":null}"#)
            .unwrap()
            .is_empty());
        assert!(parse_tags(br#"{"tags":[1]}"#).is_err());
    }

    #[test]
    fn link_headers() {
        assert_eq!(
            next_link(r#"</v2/_catalog?last=b&n=2>; rel="next""#).as_deref(),
            Some("/v2/_catalog?last=b&n=2")
        );
        assert_eq!(
            next_link(r#"<https://reg.io:5000/v2/x/tags/list?last=9>; rel=next"#).as_deref(),
            Some("/v2/x/tags/list?last=9")
        );
        assert_eq!(
            next_link(r#"</a>; rel="prev", </b>; rel="next""#).as_deref(),
            Some("/b")
        );
        assert_eq!(next_link(r#"</a>; rel="prev""#), None);
        assert_eq!(next_link("garbage"), None);
        assert_eq!(next_link(r#"<https://host>; rel="next""#), None);
        assert_eq!(next_link(r#"<relative>; rel="next""#), None);
    }

    #[test]
    fn query_values_are_escaped() {
        assert_eq!(query_escape("a b&c/d"), "a%20b%26c%2Fd");
        assert_eq!(query_escape("busy-box_1.2~"), "busy-box_1.2~");
    }

    proptest::proptest! {
        #[test]
        fn parsers_never_panic(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let _ = parse_search(&body);
            let _ = parse_catalog(&body);
            let _ = parse_tags(&body);
        }

        #[test]
        fn next_link_is_a_path(header in "\\PC{0,80}") {
            if let Some(p) = next_link(&header) {
                proptest::prop_assert!(p.starts_with('/'));
            }
        }
    }
}
