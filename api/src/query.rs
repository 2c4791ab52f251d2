//! A request's query string: decoded `key=value` pairs and docker's boolean and JSON values.

use serde_json::Value;

use crate::error::{ApiError, ApiResult};

/// The decoded query parameters of one request (the first value of a repeated key wins).
#[derive(Debug, Default)]
pub struct Query(Vec<(String, String)>);

/// Decodes `%XX` escapes and `+` (a space) of a URL query component.
pub fn decode(s: &str) -> String {
    unescape(s, true)
}

/// Decodes the `%XX` escapes of a URL path, as Go's net/url does for docker's router: clients
/// escape what a path segment may not hold (docker-py sends `busybox@sha256:...` as
/// `busybox%40sha256:...`). A `+` stays a `+` in a path.
pub fn decode_path(s: &str) -> String {
    unescape(s, false)
}

fn unescape(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Query {
    /// Parses the raw query string (without the `?`).
    pub fn parse(raw: Option<&str>) -> Query {
        let pairs = raw
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k), decode(v))
            })
            .collect();
        Query(pairs)
    }

    /// The value of `key` (the first one when it is repeated, as Go's `FormValue` in docker's
    /// daemon: docker-py sends a Dockerfile outside the context as `dockerfile=NAME` and then
    /// again with its content), if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `key` when it is given and not empty (docker treats `key=` as not given).
    pub fn non_empty(&self, key: &str) -> Option<&str> {
        self.get(key).filter(|v| !v.is_empty())
    }

    /// Every value of `key`, in order (`names=a&names=b`).
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// docker's boolean parameters: absent, empty, `0`, `no`, `false` and `none` (in any
    /// case) are false, any other value true (docker-py sends Python's `True` and `False`).
    pub fn flag(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| !is_false(v))
    }

    /// An integer parameter; a value that is not a number is a 400.
    pub fn int(&self, key: &str) -> ApiResult<Option<i64>> {
        match self.get(key).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| {
                ApiError::bad_request(format!("invalid {key} value {v:?}: not an integer"))
            }),
        }
    }

    /// docker's `filters` as the engine's `KEY=VALUE` filter arguments.
    pub fn filter_specs(&self) -> ApiResult<Vec<String>> {
        Ok(self
            .filters()?
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect())
    }

    /// The `filters` without filter `key`, and whether one of `key`'s values is in `any_of`
    /// (a prune's own switch among its filters: `dangling=false` of images, `all=true` of
    /// volumes).
    pub fn filters_but(
        &self,
        key: &str,
        any_of: &[&str],
    ) -> ApiResult<(bool, Vec<(String, String)>)> {
        let (own, rest): (Vec<_>, Vec<_>) =
            self.filters()?.into_iter().partition(|(k, _)| k == key);
        let hit = own.iter().any(|(_, v)| any_of.contains(&v.as_str()));
        Ok((hit, rest))
    }

    /// docker's `filters` parameter: `{"key": ["v1", "v2"]}` (or the old `{"key": {"v1": true}}`)
    /// as `key=value` pairs.
    pub fn filters(&self) -> ApiResult<Vec<(String, String)>> {
        let Some(raw) = self.non_empty("filters") else {
            return Ok(Vec::new());
        };
        let v: Value = serde_json::from_str(raw)
            .map_err(|e| ApiError::bad_request(format!("invalid filters {raw:?}: {e}")))?;
        let mut out = Vec::new();
        for (key, values) in v.as_object().into_iter().flatten() {
            match values {
                Value::Array(list) => out.extend(
                    list.iter()
                        .filter_map(Value::as_str)
                        .map(|s| (key.clone(), s.to_string())),
                ),
                Value::Object(map) => out.extend(map.keys().map(|s| (key.clone(), s.clone()))),
                _ => return Err(ApiError::bad_request(format!("invalid filter {key:?}"))),
            }
        }
        Ok(out)
    }
}

/// Whether a boolean parameter's value is one of docker's spellings of false.
pub fn is_false(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "" | "0" | "no" | "false" | "none"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_are_read_as_docker_reads_them() {
        let q = Query::parse(Some("a=True&b=False&c=yes&d=NO&e=&f=none&g=2"));
        let read: Vec<bool> = ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .map(|k| q.flag(k))
            .collect();
        assert_eq!(read, [true, false, true, false, false, false, true, false]);
    }

    #[test]
    fn a_repeated_key_gives_its_first_value_as_go_s_form_value() {
        let q = Query::parse(Some("dockerfile=.dockerfile.1a&dockerfile=FROM+x&t=a&t=b"));
        assert_eq!(q.get("dockerfile"), Some(".dockerfile.1a"));
        assert_eq!(q.all("t"), ["a", "b"]);
    }

    #[test]
    fn decodes_escapes_and_filters() {
        let q = Query::parse(Some(
            "all=1&filters=%7B%22status%22%3A%5B%22exited%22%5D%2C%22label%22%3A%7B%22a%3Db%22%3Atrue%7D%7D&name=x+y",
        ));
        assert!(q.flag("all"));
        assert!(!q.flag("size"));
        assert_eq!(q.get("name"), Some("x y"));
        let mut f = q.filters().unwrap();
        f.sort();
        assert_eq!(
            f,
            [
                ("label".to_string(), "a=b".to_string()),
                ("status".into(), "exited".into())
            ]
        );
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(
            decode_path("/images/busybox%40sha256:ab/json"),
            "/images/busybox@sha256:ab/json"
        );
        assert_eq!(decode_path("/images/a+b%2Fc"), "/images/a+b/c");
    }

    #[test]
    fn filters_but_takes_out_the_switch() {
        let q = Query::parse(Some(
            "filters=%7B%22dangling%22%3A%5B%22false%22%5D%2C%22label%22%3A%5B%22a%22%5D%7D",
        ));
        let (hit, rest) = q.filters_but("dangling", &["false", "0"]).unwrap();
        assert!(hit);
        assert_eq!(rest, [("label".to_string(), "a".to_string())]);
        let (hit, rest) = q.filters_but("all", &["1", "true"]).unwrap();
        assert!(!hit);
        assert_eq!(rest.len(), 2);
    }
}
