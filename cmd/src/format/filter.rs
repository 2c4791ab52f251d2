//! `--filter key=value` parsing and matching with docker's rules: values of one key are OR-ed,
//! different keys are AND-ed, every `label` filter must match (`label=key` or `label=key=value`)
//! and no `label!=` filter may match.

use std::collections::BTreeMap;

/// A `--filter` value that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// The value has no `=`.
    #[error("bad format of filter {0:?} (expected name=value)")]
    BadFormat(String),
    /// The key is not one this command understands.
    #[error("invalid filter {key:?}: the filters this command accepts are: {allowed}")]
    InvalidKey {
        /// The key the user gave.
        key: String,
        /// The accepted keys, comma separated.
        allowed: String,
    },
}

/// Parsed filters: key to the values given for it, in order. A negated filter `key!=value` is
/// stored under `key!`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    map: BTreeMap<String, Vec<String>>,
}

impl Filters {
    /// Parses `key=value` arguments, accepting only keys in `allowed` (and `key!=value` for
    /// keys whose negated form `key!` is listed in `allowed`).
    pub fn parse<S: AsRef<str>>(args: &[S], allowed: &[&str]) -> Result<Filters, FilterError> {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for arg in args {
            let arg = arg.as_ref();
            let Some((key, value)) = arg.split_once('=') else {
                return Err(FilterError::BadFormat(arg.to_string()));
            };
            let key = key.trim().to_lowercase();
            if !allowed.contains(&key.as_str()) {
                let shown = key
                    .strip_suffix('!')
                    .map_or(key.clone(), |k| format!("{k}!"));
                return Err(FilterError::InvalidKey {
                    key: shown,
                    allowed: allowed.join(", "),
                });
            }
            map.entry(key).or_default().push(value.to_string());
        }
        Ok(Filters { map })
    }

    /// True when no filter was given.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The values given for `key` (empty when none).
    pub fn get(&self, key: &str) -> &[String] {
        self.map.get(key).map_or(&[], Vec::as_slice)
    }

    /// True when `key` was given at least once.
    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Docker's rule for one key: true when `key` was not given, or when `pred` holds for at
    /// least one of its values.
    pub fn any(&self, key: &str, pred: impl Fn(&str) -> bool) -> bool {
        match self.map.get(key) {
            None => true,
            Some(values) => values.iter().any(|v| pred(v)),
        }
    }

    /// Label filters: every `label` value (`key` or `key=value`) must match and no `label!`
    /// value may match. `lookup` returns the object's value for a label key.
    pub fn match_labels<'a>(&self, lookup: impl Fn(&str) -> Option<&'a str>) -> bool {
        let matches = |f: &str| match f.split_once('=') {
            Some((k, v)) => lookup(k) == Some(v),
            None => lookup(f).is_some(),
        };
        self.get("label").iter().all(|f| matches(f))
            && !self.get("label!").iter().any(|f| matches(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const PS: &[&str] = &[
        "id", "name", "label", "label!", "status", "exited", "ancestor",
    ];

    #[test]
    fn parses_into_multimap() {
        let f = Filters::parse(&["status=running", "status=paused", "name=web"], PS).unwrap();
        assert_eq!(f.get("status"), ["running", "paused"]);
        assert_eq!(f.get("name"), ["web"]);
        assert!(f.get("id").is_empty());
        assert!(f.any("status", |v| v == "paused"));
        assert!(!f.any("name", |v| v == "db"));
        assert!(f.any("id", |_| false), "an absent key matches everything");
    }

    #[test]
    fn value_may_contain_equals() {
        let f = Filters::parse(&["label=com.example.vendor=ACME"], PS).unwrap();
        assert_eq!(f.get("label"), ["com.example.vendor=ACME"]);
    }

    #[test]
    fn rejects_unknown_keys_and_missing_equals() {
        let e = Filters::parse(&["foo=bar"], PS).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid filter \"foo\": the filters this command accepts are: id, name, label, label!, status, exited, ancestor"
        );
        assert_eq!(
            Filters::parse(&["status"], PS).unwrap_err(),
            FilterError::BadFormat("status".into())
        );
        assert!(Filters::parse(&["name!=x"], PS).is_err());
    }

    #[test]
    fn label_matching() {
        let labels: HashMap<String, String> = [
            ("a".to_string(), "1".to_string()),
            ("b".to_string(), "2".to_string()),
        ]
        .into_iter()
        .collect();
        let look = |k: &str| labels.get(k).map(String::as_str);
        let m = |args: &[&str]| Filters::parse(args, PS).unwrap().match_labels(look);
        assert!(m(&[]));
        assert!(m(&["label=a"]));
        assert!(m(&["label=a=1", "label=b"]));
        assert!(!m(&["label=a=2"]));
        assert!(!m(&["label=a", "label=c"]));
        assert!(m(&["label!=c"]));
        assert!(!m(&["label!=a=1"]));
        assert!(m(&["label!=a=9"]));
    }
}
