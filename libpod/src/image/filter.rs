//! docker's image filters (`images --filter KEY=VALUE`, the API's `images/json` `filters`):
//! `dangling=`, `reference=`, `label=KEY[=VALUE]`, `before=IMAGE`, `since=IMAGE` and
//! `until=TIME`, parsed once with the images they name resolved, then matched against
//! [`ImageSummary`] rows.

use std::collections::{BTreeMap, HashMap};

use rusqlite::OptionalExtension;

use super::list::{reference_matches, ImageSummary};
use crate::container::time::{now_ns, parse_time_arg};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::system::has_label;

/// Parsed image filters; empty matches every image.
#[derive(Debug, Default)]
pub struct ImageFilters {
    dangling: Option<bool>,
    /// `reference=` patterns (and `images REPOSITORY[:TAG]`): an image must match one.
    references: Vec<String>,
    /// `label=`: an image must carry every one (a key alone matches any value).
    labels: Vec<(String, Option<String>)>,
    /// Created strictly before this time (unix seconds): `before=IMAGE`, `until=TIME`.
    created_before: Option<i64>,
    /// Created strictly after this time (unix seconds): `since=IMAGE`.
    created_after: Option<i64>,
}

impl ImageFilters {
    /// Adds `images REPOSITORY[:TAG]`'s positional pattern, an alternative to `reference=`.
    pub fn with_reference(mut self, pattern: &str) -> ImageFilters {
        self.references.push(pattern.to_string());
        self
    }

    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.dangling.is_none()
            && self.references.is_empty()
            && self.labels.is_empty()
            && self.created_before.is_none()
            && self.created_after.is_none()
    }

    /// Whether a row passes every filter but `label=` (which needs the image's config).
    fn keeps(&self, image: &ImageSummary) -> bool {
        // As docker: several reference patterns are alternatives; a dangling image has no
        // reference to match, unless it was pulled by digest (its repository is known).
        let reference_ok = self.references.is_empty()
            || (image.repository != "<none>"
                && self
                    .references
                    .iter()
                    .any(|p| reference_matches(p, &image.repository, &image.tag)));
        reference_ok
            && self.dangling.is_none_or(|d| image.dangling == d)
            && self.created_before.is_none_or(|t| image.created < t)
            && self.created_after.is_none_or(|t| image.created > t)
    }

    /// Whether an image with these config labels passes `label=`.
    fn labels_match(&self, labels: &BTreeMap<String, String>) -> bool {
        self.labels.iter().all(|l| has_label(labels, l))
    }
}

impl Engine {
    /// Parses `KEY=VALUE` image filters, resolving the images `before=` and `since=` name
    /// (docker's "No such image" when one is not stored).
    pub fn image_filters(&mut self, specs: &[String]) -> Result<ImageFilters> {
        let mut f = ImageFilters::default();
        for spec in specs {
            let (key, value) = spec.split_once('=').ok_or_else(|| {
                invalid(format!(
                    "bad format of filter {spec:?} (expected name=value)"
                ))
            })?;
            match key {
                "dangling" => {
                    f.dangling = Some(match value {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        _ => {
                            return Err(invalid(format!(
                                "Invalid filter 'dangling=[{value}]': use true or false"
                            )))
                        }
                    })
                }
                "reference" => f.references.push(value.to_string()),
                "label" => f.labels.push(match value.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (value.to_string(), None),
                }),
                "before" => {
                    let t = self.resolve_image(value)?.created;
                    f.created_before = Some(f.created_before.map_or(t, |b| b.min(t)));
                }
                "since" => {
                    let t = self.resolve_image(value)?.created;
                    f.created_after = Some(f.created_after.map_or(t, |a| a.max(t)));
                }
                "until" => {
                    let t = parse_time_arg(value, now_ns()).ok_or_else(|| {
                        invalid(format!(
                            "invalid filter 'until={value}': use a time (RFC 3339 or unix seconds) or a duration (10m, 1h30m)"
                        ))
                    })?;
                    let secs = t.div_euclid(1_000_000_000);
                    f.created_before = Some(f.created_before.map_or(secs, |b| b.min(secs)));
                }
                _ => {
                    return Err(invalid(format!(
                        "Invalid filter '{key}': images takes dangling, label, before, since, until and reference"
                    )))
                }
            }
        }
        Ok(f)
    }

    /// The config labels of each image in `ids` (hex ids), by id: what the API's image
    /// summaries show as `Labels`.
    pub fn image_labels(
        &mut self,
        ids: &[&str],
    ) -> Result<HashMap<String, BTreeMap<String, String>>> {
        let conn = self.catalog()?.conn();
        let mut stmt = conn.prepare_cached("SELECT config FROM images WHERE id = ?1")?;
        let mut out = HashMap::with_capacity(ids.len());
        for id in ids {
            // An image removed since it was listed has no labels to show.
            let config: Option<Vec<u8>> = stmt.query_row([id], |row| row.get(0)).optional()?;
            if let Some(config) = config {
                out.insert(id.to_string(), config_labels(&config));
            }
        }
        Ok(out)
    }

    /// Keeps the rows of `rows` (from [`Engine::list_images`]) that `filters` match. The
    /// images' configs are read only when a `label=` filter asks for them.
    pub fn retain_images(
        &mut self,
        rows: &mut Vec<ImageSummary>,
        filters: &ImageFilters,
    ) -> Result<()> {
        rows.retain(|r| filters.keeps(r));
        if filters.labels.is_empty() {
            return Ok(());
        }
        let conn = self.catalog()?.conn();
        let mut stmt = conn.prepare_cached("SELECT config FROM images WHERE id = ?1")?;
        let mut labels: HashMap<String, bool> = HashMap::new();
        for r in rows.iter() {
            if labels.contains_key(&r.id) {
                continue;
            }
            let config: Vec<u8> = stmt.query_row([&r.id], |row| row.get(0))?;
            labels.insert(r.id.clone(), filters.labels_match(&config_labels(&config)));
        }
        rows.retain(|r| labels.get(&r.id).copied().unwrap_or(false));
        Ok(())
    }
}

/// The `config.Labels` of an image config JSON (none when it has none or does not parse).
pub(crate) fn config_labels(config: &[u8]) -> BTreeMap<String, String> {
    serde_json::from_slice::<serde_json::Value>(config)
        .ok()
        .and_then(|v| serde_json::from_value(v["config"]["Labels"].clone()).ok())
        .unwrap_or_default()
}

fn invalid(message: String) -> Error {
    Error::InvalidArgument(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(repo: &str, tag: &str, created: i64) -> ImageSummary {
        ImageSummary {
            id: format!("{repo}{tag}"),
            repository: repo.into(),
            tag: tag.into(),
            digest: "<none>".into(),
            created,
            size: 0,
            dangling: repo == "<none>",
            intermediate: false,
        }
    }

    #[test]
    fn references_are_alternatives_and_skip_dangling_images() {
        let f = ImageFilters::default()
            .with_reference("busybox")
            .with_reference("alp*");
        assert!(f.keeps(&row("busybox", "latest", 1)));
        assert!(f.keeps(&row("alpine", "3", 1)));
        assert!(!f.keeps(&row("debian", "12", 1)));
        assert!(!f.keeps(&row("<none>", "<none>", 1)));
    }

    #[test]
    fn before_and_since_are_strict() {
        let f = ImageFilters {
            created_before: Some(10),
            created_after: Some(5),
            ..Default::default()
        };
        assert!(f.keeps(&row("a", "1", 7)));
        assert!(!f.keeps(&row("a", "1", 10)));
        assert!(!f.keeps(&row("a", "1", 5)));
    }

    #[test]
    fn labels_need_every_key_and_value() {
        let f = ImageFilters {
            labels: vec![("a".into(), None), ("b".into(), Some("2".into()))],
            ..Default::default()
        };
        let l = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>()
        };
        assert!(f.labels_match(&l(&[("a", "x"), ("b", "2")])));
        assert!(!f.labels_match(&l(&[("a", "x"), ("b", "3")])));
        assert!(!f.labels_match(&l(&[("b", "2")])));
        assert_eq!(
            config_labels(br#"{"config":{"Labels":{"k":"v"}}}"#),
            l(&[("k", "v")])
        );
        assert!(config_labels(b"not json").is_empty());
    }
}
