//! docker's image filters (`images --filter KEY=VALUE`, the API's `images/json` `filters`):
//! `dangling=`, `reference=`, `label=KEY[=VALUE]`, `before=IMAGE`, `since=IMAGE` and
//! `until=TIME`, parsed once with the images they name resolved, then matched against
//! [`ImageSummary`] rows.

use std::collections::{BTreeMap, HashMap};

use rusqlite::OptionalExtension;

use super::list::{reference_matches, ImageSummary};
use crate::container::time::{now_ns, parse_rfc3339, parse_time_arg};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::system::has_label;

/// Parsed image filters; empty matches every image.
#[derive(Debug, Default)]
pub struct ImageFilters {
    dangling: Option<bool>,
    /// `reference=` patterns (and `images REPOSITORY[:TAG]`): an image must match one.
    references: Vec<String>,
    /// registries.conf's unqualified-search registries, on which a short pattern matches too
    /// ([`ImageFilters::searching_short_names`]).
    search: Vec<String>,
    /// `label=`: an image must carry every one (a key alone matches any value).
    labels: Vec<(String, Option<String>)>,
    /// Created strictly before this time (unix ns): `before=IMAGE`, `until=TIME`.
    created_before: Option<i64>,
    /// Created strictly after this time (unix ns): `since=IMAGE`.
    created_after: Option<i64>,
}

impl ImageFilters {
    /// Lets a short reference pattern match on registries.conf's unqualified-search
    /// registries too (podman's CLI; docker's API keeps docker's rule). A registries.conf that
    /// cannot be read gives none.
    pub fn searching_short_names(mut self) -> ImageFilters {
        if !self.references.is_empty() {
            self.search = skiff_storage::registries::RegistriesConf::load()
                .map(|c| c.unqualified_search)
                .unwrap_or_default();
        }
        self
    }

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

    /// Whether a row passes every filter but `label=` (which needs the image's config); None
    /// when that turns on the image's creation time within the second a row holds
    /// ([`Self::keeps_created`] decides).
    fn keeps(&self, image: &ImageSummary) -> Option<bool> {
        // As docker: several reference patterns are alternatives; a dangling image has no
        // reference to match, unless it was pulled by digest (its repository is known).
        let reference_ok = self.references.is_empty()
            || (image.repository != "<none>"
                && self
                    .references
                    .iter()
                    .any(|p| reference_matches(p, &image.repository, &image.tag, &self.search)));
        if !reference_ok || self.dangling.is_some_and(|d| image.dangling != d) {
            return Some(false);
        }
        let (first, last) = second_span(image.created);
        let before = self.created_before.map(|t| (last < t, first >= t));
        let after = self.created_after.map(|t| (first > t, last <= t));
        match (before, after) {
            (Some((_, true)), _) | (_, Some((_, true))) => Some(false),
            (Some((false, _)), _) | (_, Some((false, _))) => None,
            _ => Some(true),
        }
    }

    /// Whether an image created at `created` (unix ns) is within the time bounds.
    fn keeps_created(&self, created: i64) -> bool {
        self.created_before.is_none_or(|t| created < t)
            && self.created_after.is_none_or(|t| created > t)
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
                    let t = self.image_created_ns(value)?;
                    f.created_before = Some(f.created_before.map_or(t, |b| b.min(t)));
                }
                "since" => {
                    let t = self.image_created_ns(value)?;
                    f.created_after = Some(f.created_after.map_or(t, |a| a.max(t)));
                }
                "until" => {
                    let t = parse_time_arg(value, now_ns()).ok_or_else(|| {
                        invalid(format!(
                            "invalid filter 'until={value}': use a time (RFC 3339 or unix seconds) or a duration (10m, 1h30m)"
                        ))
                    })?;
                    f.created_before = Some(f.created_before.map_or(t, |b| b.min(t)));
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
        let mut tied: HashMap<String, bool> = HashMap::new();
        for r in rows.iter() {
            if filters.keeps(r).is_none() && !tied.contains_key(&r.id) {
                let created = self.image_created_ns(&r.id)?;
                tied.insert(r.id.clone(), filters.keeps_created(created));
            }
        }
        rows.retain(|r| filters.keeps(r).unwrap_or_else(|| tied[&r.id]));
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

/// The first and last unix nanosecond of unix second `secs`.
fn second_span(secs: i64) -> (i64, i64) {
    let first = secs.saturating_mul(1_000_000_000);
    (first, first.saturating_add(999_999_999))
}

impl Engine {
    /// When image `name_or_id` was created, in unix ns: its config's `created`, to the
    /// nanosecond (the catalog keeps whole seconds; images built one after the other often
    /// share one), or the catalog's second.
    fn image_created_ns(&mut self, name_or_id: &str) -> Result<i64> {
        let rec = self.resolve_image(name_or_id)?;
        let conn = self.catalog()?.conn();
        let config: Option<Vec<u8>> = conn
            .prepare_cached("SELECT config FROM images WHERE id = ?1")?
            .query_row([&rec.id], |row| row.get(0))
            .optional()?;
        let exact = config
            .and_then(|c| serde_json::from_slice::<serde_json::Value>(&c).ok())
            .and_then(|v| v["created"].as_str().and_then(parse_rfc3339));
        Ok(exact.unwrap_or_else(|| second_span(rec.created).0))
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
        assert_eq!(f.keeps(&row("busybox", "latest", 1)), Some(true));
        assert_eq!(f.keeps(&row("alpine", "3", 1)), Some(true));
        assert_eq!(f.keeps(&row("debian", "12", 1)), Some(false));
        assert_eq!(f.keeps(&row("<none>", "<none>", 1)), Some(false));
    }

    #[test]
    fn before_and_since_are_strict_to_the_nanosecond() {
        const S: i64 = 1_000_000_000;
        let f = ImageFilters {
            created_before: Some(10 * S + 500),
            created_after: Some(5 * S + 500),
            ..Default::default()
        };
        assert_eq!(f.keeps(&row("a", "1", 7)), Some(true));
        assert_eq!(f.keeps(&row("a", "1", 11)), Some(false));
        assert_eq!(f.keeps(&row("a", "1", 4)), Some(false));
        // Within the bounds' own seconds the exact time decides.
        assert_eq!(f.keeps(&row("a", "1", 10)), None);
        assert_eq!(f.keeps(&row("a", "1", 5)), None);
        assert!(f.keeps_created(10 * S + 499));
        assert!(!f.keeps_created(10 * S + 500));
        assert!(f.keeps_created(5 * S + 501));
        assert!(!f.keeps_created(5 * S + 500));
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
