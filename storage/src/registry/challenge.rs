//! Parsing of `WWW-Authenticate` headers (RFC 7235): a scheme followed by comma-separated
//! `key=value` or `key="quoted value"` parameters; several challenges may share one header.

use std::collections::BTreeMap;

/// One authentication challenge offered by a registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    /// Fetch a token from `realm` (with `service` and a scope) and send it as a bearer token.
    Bearer {
        /// The token endpoint.
        realm: String,
        /// The service name to ask the token for, if given.
        service: Option<String>,
        /// The scope the registry suggests, if given.
        scope: Option<String>,
    },
    /// Send the user name and password with HTTP basic authentication.
    Basic,
}

/// Parses a `WWW-Authenticate` header into the challenges skiff understands; unknown schemes
/// and Bearer challenges without a realm are skipped.
pub fn parse(header: &str) -> Vec<Challenge> {
    let mut out = Vec::new();
    for (scheme, params) in parse_raw(header) {
        if scheme.eq_ignore_ascii_case("bearer") {
            if let Some(realm) = params.get("realm").filter(|r| !r.is_empty()) {
                out.push(Challenge::Bearer {
                    realm: realm.clone(),
                    service: params.get("service").cloned(),
                    scope: params.get("scope").cloned(),
                });
            }
        } else if scheme.eq_ignore_ascii_case("basic") {
            out.push(Challenge::Basic);
        }
    }
    out
}

/// Splits a header into (scheme, lower-cased parameter names -> values).
fn parse_raw(header: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut cur = Cursor {
        s: header.as_bytes(),
        pos: 0,
    };
    let mut out = Vec::new();
    loop {
        cur.skip(|c| c == b' ' || c == b'\t' || c == b',');
        let scheme = cur.token();
        if scheme.is_empty() {
            if cur.at_end() {
                break;
            }
            // Not a token character: skip it and try to resync on the next challenge.
            cur.pos += 1;
            continue;
        }
        let mut params = BTreeMap::new();
        loop {
            cur.skip(|c| c == b' ' || c == b'\t' || c == b',');
            let start = cur.pos;
            let key = cur.token();
            cur.skip(|c| c == b' ' || c == b'\t');
            if key.is_empty() || cur.peek() != Some(b'=') {
                cur.pos = start;
                break;
            }
            cur.pos += 1;
            cur.skip(|c| c == b' ' || c == b'\t');
            let value = if cur.peek() == Some(b'"') {
                cur.quoted()
            } else {
                cur.token()
            };
            params.insert(key.to_ascii_lowercase(), value);
        }
        if params.is_empty() {
            cur.token68();
        }
        out.push((scheme, params));
    }
    out
}

struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn skip(&mut self, f: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&f) {
            self.pos += 1;
        }
    }

    /// An RFC 7230 token (plus `/`, which some registries leave unquoted in values).
    fn token(&mut self) -> String {
        let start = self.pos;
        self.skip(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~/:".contains(&c));
        String::from_utf8_lossy(&self.s[start..self.pos]).into_owned()
    }

    /// Skips a token68 credential (as in `Basic abc==`) when one stands alone before a comma
    /// or the end; otherwise leaves the position unchanged.
    fn token68(&mut self) {
        let start = self.pos;
        self.skip(|c| c.is_ascii_alphanumeric() || b"-._~+/".contains(&c));
        self.skip(|c| c == b'=');
        self.skip(|c| c == b' ' || c == b'\t');
        if self.pos == start || !(self.at_end() || self.peek() == Some(b',')) {
            self.pos = start;
        }
    }

    /// A quoted string starting at `"`, with `\` escapes; an unterminated one ends the header.
    fn quoted(&mut self) -> String {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    if let Some(n) = self.peek() {
                        out.push(n);
                        self.pos += 1;
                    }
                }
                _ => out.push(c),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn docker_hub_bearer() {
        let h = r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#;
        assert_eq!(
            parse(h),
            vec![Challenge::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into()),
                scope: Some("repository:library/alpine:pull".into()),
            }]
        );
    }

    #[test]
    fn spaces_escapes_and_commas_in_quotes() {
        let h = r#"bearer  Realm = "http://a/t?x=1,2" , service=reg, scope="repository:a/b:pull,push" , error="say \"hi\"""#;
        assert_eq!(
            parse(h),
            vec![Challenge::Bearer {
                realm: "http://a/t?x=1,2".into(),
                service: Some("reg".into()),
                scope: Some("repository:a/b:pull,push".into()),
            }]
        );
        let raw = parse_raw(h);
        assert_eq!(raw[0].1["error"], r#"say "hi""#);
    }

    #[test]
    fn basic_and_several_challenges() {
        assert_eq!(
            parse(r#"Basic realm="Registry Realm""#),
            vec![Challenge::Basic]
        );
        let both = parse(r#"Basic realm="x", Bearer realm="https://t/token",service="s""#);
        assert_eq!(both.len(), 2);
        assert_eq!(both[0], Challenge::Basic);
        assert!(matches!(&both[1], Challenge::Bearer { realm, .. } if realm == "https://t/token"));
    }

    #[test]
    fn unusable_headers() {
        assert!(parse("").is_empty());
        assert!(parse("Bearer").is_empty());
        assert!(parse(r#"Bearer service="x""#).is_empty());
        assert!(parse(r#"Negotiate abc=="#).is_empty());
        assert!(parse(r#"Bearer realm="unterminated"#).len() == 1);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = parse(&s);
        }

        #[test]
        fn quoted_values_round_trip(v in "[ -~]{0,40}") {
            let q = v.replace('\\', "\\\\").replace('"', "\\\"");
            let h = format!("Bearer realm=\"{q}x\",service=\"{q}\"");
            match &parse(&h)[..] {
                [Challenge::Bearer { realm, service, .. }] => {
                    prop_assert_eq!(realm, &format!("{v}x"));
                    prop_assert_eq!(service.as_deref(), Some(v.as_str()));
                }
                other => prop_assert!(false, "parsed {:?}", other),
            }
        }
    }
}
