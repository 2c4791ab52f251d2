//! `system df`, `system prune` and `system reset`: what skiff's objects occupy on disk, docker's
//! prune filters, and removing everything skiff created.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use skiff_storage::store::Store;
use skiff_storage::Digest;

use crate::container::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// Bytes used by the files under `path` (unreadable parts count as zero).
pub fn dir_size(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|d| d.flatten().map(|e| dir_size(&e.path())).sum())
        .unwrap_or(0)
}

/// Like [`dir_size`], without crossing into other file systems (`du -x`): a `--rootfs /` must
/// not count `/proc` or other mounts.
pub fn dir_size_one_fs(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fn walk(path: &Path, dev: u64) -> u64 {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return 0;
        };
        if meta.dev() != dev {
            return 0;
        }
        if !meta.is_dir() {
            return meta.len();
        }
        std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| walk(&e.path(), dev)).sum())
            .unwrap_or(0)
    }
    std::fs::metadata(path).map_or(0, |m| walk(path, m.dev()))
}

/// docker's prune filters: `until=TIME` and `label=KEY[=VALUE]` / `label!=KEY[=VALUE]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PruneFilter {
    /// Only objects created before this time (unix nanoseconds).
    pub until: Option<i64>,
    /// `label=`: an object must carry every one (a key alone matches any value).
    pub labels: Vec<(String, Option<String>)>,
    /// `label!=`: an object carrying any of these is kept.
    pub not_labels: Vec<(String, Option<String>)>,
}

impl PruneFilter {
    /// [`PruneFilter::from_filters`] with durations counted back from the current time.
    pub fn from_filters_now(filters: &[(String, String)]) -> crate::Result<PruneFilter> {
        Self::from_filters(filters, crate::container::time::now_ns())
    }

    /// docker's prune `filters` as `(KEY, VALUE)` pairs: `until=TIME` (RFC 3339, unix seconds
    /// or a duration before `now`, unix nanoseconds), `label=KEY[=VALUE]`, `label!=KEY[=VALUE]`.
    /// Any other key, or a time that does not parse, is an error saying what to give.
    pub fn from_filters(filters: &[(String, String)], now: i64) -> crate::Result<PruneFilter> {
        let pair = |v: &str| match v.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (v.to_string(), None),
        };
        let mut f = PruneFilter::default();
        for (key, value) in filters {
            match key.as_str() {
                "until" => {
                    let t =
                        crate::container::time::parse_time_arg(value, now).ok_or_else(|| {
                            crate::Error::InvalidArgument(format!(
                            "invalid until filter {value:?}: give a time (2024-01-02T15:04:05Z), \
                             unix seconds or a duration (10m)"
                        ))
                        })?;
                    f.until = Some(t);
                }
                "label" => f.labels.push(pair(value)),
                "label!" => f.not_labels.push(pair(value)),
                other => {
                    return Err(crate::Error::InvalidArgument(format!(
                        "invalid prune filter {other:?}: use until, label or label!"
                    )))
                }
            }
        }
        Ok(f)
    }

    /// Whether an object created at `created` (unix nanoseconds) with `labels` may be pruned.
    pub fn matches(&self, created: i64, labels: &BTreeMap<String, String>) -> bool {
        self.until.is_none_or(|u| created < u)
            && self.labels.iter().all(|l| has_label(labels, l))
            && !self.not_labels.iter().any(|l| has_label(labels, l))
    }
}

/// `filters` (`(KEY, VALUE)` pairs) grouped by key for [`filters_match`]; a key not in `keys`
/// is an error naming the keys, as is a `dangling=` value other than true/false/1/0.
pub(crate) fn group_filters<'a>(
    filters: &'a [(String, String)],
    keys: &[&str],
) -> crate::Result<BTreeMap<&'a str, Vec<&'a str>>> {
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (key, value) in filters {
        if !keys.contains(&key.as_str()) {
            return Err(Error::InvalidArgument(format!(
                "invalid filter {key:?}: use {}",
                keys.join(", ")
            )));
        }
        if key == "dangling" && !matches!(value.as_str(), "true" | "false" | "1" | "0") {
            return Err(Error::InvalidArgument(format!(
                "invalid filter 'dangling={value}': use dangling=true or dangling=false"
            )));
        }
        by_key.entry(key).or_default().push(value);
    }
    Ok(by_key)
}

/// docker's rule for combining list filters (`filters` grouped by key): every key must match;
/// the values of one key are alternatives, but for `label`, whose values must all match.
/// `test(KEY, VALUE)` tells whether the object at hand matches one.
pub(crate) fn filters_match(
    filters: &BTreeMap<&str, Vec<&str>>,
    mut test: impl FnMut(&str, &str) -> crate::Result<bool>,
) -> crate::Result<bool> {
    for (key, values) in filters {
        let every = *key == "label";
        let mut matched = every;
        for value in values {
            if test(key, value)? != every {
                matched = !every;
                break;
            }
        }
        if !matched {
            return Ok(false);
        }
    }
    Ok(true)
}

/// docker's `name=PATTERN` test of networks and volumes: the name itself, or a regular
/// expression that matches part of it (`^db$`, `web-.`); a pattern that is no regular
/// expression matches only the name itself, as docker's.
pub(crate) fn name_matches(pattern: &str, name: &str) -> bool {
    pattern == name || regex::Regex::new(pattern).is_ok_and(|r| r.is_match(name))
}

/// docker's `label=KEY[=VALUE]` test: `labels` carries KEY (with VALUE, when one is given).
pub(crate) fn has_label(
    labels: &BTreeMap<String, String>,
    (key, value): &(String, Option<String>),
) -> bool {
    match (labels.get(key), value) {
        (Some(_), None) => true,
        (Some(actual), Some(want)) => actual == want,
        (None, _) => false,
    }
}

/// The bytes of the stored layer whose chain id is `chain` (0 when it is not stored).
fn layer_bytes(store: &Store, chain: &str) -> u64 {
    Digest::from_hex(chain)
        .ok()
        .and_then(|d| store.layer_info(&d).ok())
        .map_or(0, |i| i.size)
}

/// One image in `system df`.
#[derive(Debug, Clone)]
pub struct ImageUsage {
    /// The image id (hex).
    pub id: String,
    /// Creation time (unix seconds).
    pub created: i64,
    /// Size in bytes, as `images` shows it.
    pub size: u64,
    /// Bytes of its layers that other images use too.
    pub shared_size: u64,
    /// How many containers use it.
    pub containers: usize,
}

/// One container in `system df`.
#[derive(Debug, Clone)]
pub struct ContainerUsage {
    /// The container.
    pub record: ContainerRecord,
    /// Bytes in its writable layer.
    pub size_rw: u64,
}

/// One volume in `system df`.
#[derive(Debug, Clone)]
pub struct VolumeUsage {
    /// The volume's name.
    pub name: String,
    /// How many containers use it.
    pub links: usize,
    /// Bytes of its data.
    pub size: u64,
}

/// What `system df` reports.
#[derive(Debug, Clone, Default)]
pub struct DiskUsage {
    /// Bytes of every stored layer, each counted once.
    pub layers_size: u64,
    /// Every image, newest first.
    pub images: Vec<ImageUsage>,
    /// Every container, newest first.
    pub containers: Vec<ContainerUsage>,
    /// Every volume, by name.
    pub volumes: Vec<VolumeUsage>,
}

impl Engine {
    /// Bytes in container `id`'s writable layer (`ps -s`, `inspect --size`, `system df`).
    pub fn container_rw_size(&self, id: &str) -> u64 {
        dir_size(&self.container_dir(id).join("upper"))
    }

    /// docker's `SizeRw` and `SizeRootFs` of container `rec` (`inspect --size`, the API's
    /// `size=1`): its writable layer, and every file it sees (its `--rootfs` directory, or its
    /// image's layers, and its own).
    pub fn container_sizes(&mut self, rec: &crate::container::rows::ListedContainer) -> (u64, u64) {
        let rw = self.container_rw_size(&rec.id);
        let base = match (&rec.config.rootfs, &rec.config.image_id) {
            (Some(r), _) => dir_size_one_fs(&r.path),
            (None, Some(image)) => self
                .resolve_image(image)
                .map_or(0, |i| i.size.max(0) as u64),
            (None, None) => 0,
        };
        (rw, rw + base)
    }

    /// `system df`: images (with the bytes their layers share), containers with their writable
    /// layers, and volumes with their users and data.
    pub fn disk_usage(&mut self) -> Result<DiskUsage> {
        let containers = self.list_containers()?;
        let mut per_image: HashMap<String, usize> = HashMap::new();
        for c in &containers {
            if let Some(id) = &c.image_id {
                *per_image.entry(id.clone()).or_default() += 1;
            }
        }
        // docker's count leaves out the intermediate images `images` hides (build steps, old
        // build results), and so do the shared sizes: a layer an image shares only with those
        // is its own.
        let intermediate: HashSet<String> = self
            .list_images()?
            .into_iter()
            .filter(|i| i.intermediate)
            .map(|i| i.id)
            .collect();
        let mut rows: Vec<(String, i64, i64, String)> = self
            .catalog()?
            .conn()
            .prepare("SELECT id, created, size, layers FROM images ORDER BY created DESC, id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut layer_size: HashMap<String, u64> = HashMap::new();
        let store = Store::open(&self.paths().storage())?;
        for (id, _, _, layers) in &rows {
            if !intermediate.contains(id) {
                continue;
            }
            for chain in serde_json::from_str::<Vec<String>>(layers).unwrap_or_default() {
                layer_size
                    .entry(chain.clone())
                    .or_insert_with(|| layer_bytes(&store, &chain));
            }
        }
        rows.retain(|(id, ..)| !intermediate.contains(id));
        let mut layer_users: HashMap<String, usize> = HashMap::new();
        let mut image_layers = Vec::with_capacity(rows.len());
        for (_, _, _, layers) in &rows {
            let chains: Vec<String> = serde_json::from_str(layers).unwrap_or_default();
            for chain in chains.iter().collect::<HashSet<_>>() {
                *layer_users.entry(chain.clone()).or_default() += 1;
                layer_size
                    .entry(chain.clone())
                    .or_insert_with(|| layer_bytes(&store, chain));
            }
            image_layers.push(chains);
        }
        let images = rows
            .into_iter()
            .zip(image_layers)
            .map(|((id, created, size, _), chains)| ImageUsage {
                shared_size: chains
                    .iter()
                    .collect::<HashSet<_>>()
                    .into_iter()
                    .filter(|c| layer_users.get(*c).is_some_and(|n| *n > 1))
                    .map(|c| layer_size[c])
                    .sum(),
                containers: per_image.get(&id).copied().unwrap_or(0),
                id,
                created,
                size: size.max(0) as u64,
            })
            .collect();
        let containers = containers
            .into_iter()
            .map(|record| ContainerUsage {
                size_rw: self.container_rw_size(&record.id),
                record,
            })
            .collect();
        let mut volumes = Vec::new();
        for v in self.volume_list()? {
            volumes.push(VolumeUsage {
                links: self.volume_users(&v.name)?.len(),
                size: dir_size(&v.mountpoint),
                name: v.name,
            });
        }
        Ok(DiskUsage {
            layers_size: layer_size.values().sum(),
            images,
            containers,
            volumes,
        })
    }

    /// `system reset`: removes every container (running ones are killed), network, image and
    /// volume, then skiff's root and runroot directories. Call it before anything enters the
    /// user namespace: the kills must come from the caller.
    pub fn system_reset(&mut self) -> Result<()> {
        // Pods' infra containers go with their pods, after the other containers.
        let pods = self.list_pods()?;
        let infra: std::collections::HashSet<&str> =
            pods.iter().map(|s| s.pod.infra_id.as_str()).collect();
        let ids: Vec<String> = self
            .list_containers()?
            .into_iter()
            .map(|c| c.id)
            .filter(|id| !infra.contains(id.as_str()))
            .collect();
        for result in self.remove_containers(&ids, true, true) {
            match result {
                Ok(_) | Err(Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        for s in &pods {
            match self.remove_pod(&s.pod.id, true, None) {
                Ok(_) | Err(Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        self.network_prune()?;
        self.enter_userns()?;
        self.volume_prune()?;
        self.prune_images(true)?;
        drop(self.take_catalog());
        let paths = self.paths().clone();
        for dir in [&paths.root, &paths.runroot] {
            match std::fs::remove_dir_all(dir) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io(dir.clone(), e))
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_match_as_docker_s_regular_expressions() {
        use super::name_matches;
        assert!(name_matches("web", "my-web-1"));
        assert!(name_matches("^web$", "web") && !name_matches("^web$", "web2"));
        assert!(name_matches("we.", "web"));
        assert!(name_matches("a(", "a(") && !name_matches("a(", "a(b"));
    }

    use std::collections::BTreeMap;

    use super::PruneFilter;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn filters_from_the_api_are_parsed_or_refused() {
        let pairs = |l: &[(&str, &str)]| -> Vec<(String, String)> {
            l.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let f = PruneFilter::from_filters(
            &pairs(&[("label", "a=1"), ("label!", "keep"), ("until", "10")]),
            0,
        )
        .unwrap();
        assert_eq!(f.labels, [("a".to_string(), Some("1".to_string()))]);
        assert_eq!(f.not_labels, [("keep".to_string(), None)]);
        assert_eq!(f.until, Some(10_000_000_000));
        assert!(PruneFilter::from_filters(&pairs(&[("until", "soon")]), 0).is_err());
        assert!(PruneFilter::from_filters(&pairs(&[("dangling", "true")]), 0).is_err());
    }

    #[test]
    fn labels_must_all_match_other_keys_are_alternatives() {
        use super::filters_match;
        let by_key: BTreeMap<&str, Vec<&str>> =
            [("label", vec!["a", "b"]), ("name", vec!["x", "y"])].into();
        let object = |labels: &'static [&'static str], name: &'static str| {
            move |k: &str, v: &str| {
                Ok(match k {
                    "label" => labels.contains(&v),
                    _ => v == name,
                })
            }
        };
        assert!(filters_match(&by_key, object(&["a", "b"], "y")).unwrap());
        assert!(!filters_match(&by_key, object(&["a"], "y")).unwrap());
        assert!(!filters_match(&by_key, object(&["a", "b"], "z")).unwrap());
        assert!(filters_match(&BTreeMap::new(), object(&[], "z")).unwrap());
    }

    #[test]
    fn no_filter_matches_everything() {
        assert!(PruneFilter::default().matches(i64::MAX, &BTreeMap::new()));
    }

    #[test]
    fn until_keeps_newer_objects() {
        let f = PruneFilter {
            until: Some(100),
            ..Default::default()
        };
        assert!(f.matches(99, &BTreeMap::new()));
        assert!(!f.matches(100, &BTreeMap::new()));
    }

    #[test]
    fn labels_must_all_match_and_negated_ones_must_not() {
        let f = PruneFilter {
            labels: vec![("a".into(), Some("1".into())), ("b".into(), None)],
            not_labels: vec![("keep".into(), None)],
            ..Default::default()
        };
        assert!(f.matches(0, &labels(&[("a", "1"), ("b", "x")])));
        assert!(!f.matches(0, &labels(&[("a", "2"), ("b", "x")])));
        assert!(!f.matches(0, &labels(&[("a", "1")])));
        assert!(!f.matches(0, &labels(&[("a", "1"), ("b", ""), ("keep", "")])));
    }
}
