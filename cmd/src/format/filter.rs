//! `--filter key=value` parsing with docker's rules: each value is kept under its key (a negated
//! `key!=value` under `key!`), in order; the engine matches them.

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

    /// The values given for `key` (empty when none).
    pub fn get(&self, key: &str) -> &[String] {
        self.map.get(key).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PS: &[&str] = &[
        "id", "name", "label", "label!", "status", "exited", "ancestor",
    ];

    #[test]
    fn parses_into_multimap() {
        let f = Filters::parse(&["status=running", "status=paused", "name=web"], PS).unwrap();
        assert_eq!(f.get("status"), ["running", "paused"]);
        assert_eq!(f.get("name"), ["web"]);
        assert!(f.get("id").is_empty());
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
}
