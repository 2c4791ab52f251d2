//! docker's network filters (`network ls --filter KEY=VALUE`, the API's `GET /networks`
//! `filters`): `name=` (a regular expression, as docker's), `id=` (a prefix), `driver=`, `label=KEY[=VALUE]`,
//! `scope=local`, `type=custom|builtin` and `dangling=true|false`, combined as docker does
//! (see [`filters_match`]).

use super::NetworkRecord;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::system::{filters_match, group_filters, has_label, name_matches};

/// The keys docker's network filters take.
const KEYS: &[&str] = &["name", "id", "driver", "label", "scope", "type", "dangling"];

impl Engine {
    /// The networks (as [`Engine::network_list`] orders them) that every filter key in
    /// `filters` (`(KEY, VALUE)` pairs) matches; an unknown key or a bad value is an error that
    /// names the keys.
    pub fn network_list_filtered(
        &mut self,
        filters: &[(String, String)],
    ) -> Result<Vec<NetworkRecord>> {
        for (key, value) in filters {
            check_value(key, value)?;
        }
        let by_key = group_filters(filters, KEYS)?;
        let mut keep = Vec::new();
        for net in self.network_list()? {
            if filters_match(&by_key, |key, value| self.network_matches(&net, key, value))? {
                keep.push(net);
            }
        }
        Ok(keep)
    }

    /// Whether `net` matches filter `key=value` (a key [`check_value`] accepted).
    fn network_matches(&mut self, net: &NetworkRecord, key: &str, value: &str) -> Result<bool> {
        Ok(match key {
            "name" => name_matches(value, &net.name),
            "id" => net.id.starts_with(value),
            "driver" => net.driver == value,
            "scope" => value == "local",
            "type" => (value == "builtin") == net.predefined,
            "label" => has_label(&net.labels, &label_pair(value)),
            "dangling" => {
                let dangling = !net.predefined && self.network_members(&net.id)?.is_empty();
                dangling == matches!(value, "true" | "1")
            }
            _ => false,
        })
    }
}

/// Refuses the values docker refuses for `key`.
fn check_value(key: &str, value: &str) -> Result<()> {
    let allowed: &[&str] = match key {
        "type" => &["custom", "builtin"],
        _ => return Ok(()),
    };
    if allowed.contains(&value) {
        return Ok(());
    }
    Err(Error::InvalidArgument(format!(
        "invalid filter '{key}={value}': use {key}={}",
        allowed.join(" or ")
    )))
}

/// `KEY[=VALUE]` as the pair [`has_label`] takes.
fn label_pair(value: &str) -> (String, Option<String>) {
    match value.split_once('=') {
        Some((k, v)) => (k.to_string(), Some(v.to_string())),
        None => (value.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_labels_split() {
        assert!(check_value("type", "custom").is_ok());
        assert!(check_value("type", "bridge").is_err());
        assert!(check_value("name", "anything").is_ok());
        assert_eq!(label_pair("a=b=c"), ("a".into(), Some("b=c".into())));
        assert_eq!(label_pair("a"), ("a".into(), None));
    }
}
