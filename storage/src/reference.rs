//! Image references (`[registry/]repository[:tag][@digest]`), parsed and normalised the way
//! docker does: `alpine` is `docker.io/library/alpine:latest`.
//!
//! The grammar follows the distribution reference spec: a registry is recognised only when
//! the first `/`-separated component contains a `.` or a `:` or is `localhost`; repository
//! components are lowercase alphanumerics joined by `.`, `_`, `__` or runs of `-`; tags are
//! `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`; digests are `sha256:<64 hex>`.

use std::fmt;
use std::str::FromStr;

use crate::digest::Digest;
use crate::error::{Error, Result};

/// Docker Hub's canonical registry name.
pub const DOCKER_HUB: &str = "docker.io";
/// The host Docker Hub's registry API is served from.
pub const DOCKER_HUB_HOST: &str = "registry-1.docker.io";
/// The namespace of Docker Hub's official images.
const OFFICIAL_NAMESPACE: &str = "library";
/// Longest allowed `registry/repository`.
const MAX_NAME_LEN: usize = 255;
/// Longest allowed tag.
const MAX_TAG_LEN: usize = 128;
/// The tag used when a reference names neither a tag nor a digest.
pub const DEFAULT_TAG: &str = "latest";

/// A fully qualified image reference: registry, repository, and a tag and/or a digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    registry: String,
    repository: String,
    tag: Option<String>,
    digest: Option<Digest>,
}

/// A reference split into its textual parts, before any defaulting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawParts<'a> {
    /// Everything before the tag and digest (`[registry/]repository`).
    pub name: &'a str,
    /// The tag as written, if any.
    pub tag: Option<&'a str>,
    /// The digest as written, if any.
    pub digest: Option<Digest>,
}

impl Reference {
    /// Parses and normalises a reference, qualified (`quay.io/x/y:1`) or Docker Hub style
    /// (`alpine`, `user/img@sha256:...`). Short names are taken as Docker Hub names; use
    /// [`crate::registries::RegistriesConf::resolve`] to honour registries.conf instead.
    pub fn parse(s: &str) -> Result<Reference> {
        let parts = split(s)?;
        let (registry, remainder) = split_registry(parts.name);
        let registry = match registry {
            Some(r) => {
                check_domain(s, r)?;
                normalise_registry(r)
            }
            None => DOCKER_HUB.to_string(),
        };
        if remainder.is_empty() {
            return Err(invalid(s, "repository name is empty"));
        }
        if remainder.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(invalid(s, "repository name must be lowercase"));
        }
        check_path(s, remainder)?;
        let repository = if registry == DOCKER_HUB && !remainder.contains('/') {
            if is_hex64(remainder) {
                return Err(invalid(
                    s,
                    "a 64-character hexadecimal string is an image id, not a repository name",
                ));
            }
            format!("{OFFICIAL_NAMESPACE}/{remainder}")
        } else {
            remainder.to_string()
        };
        if registry.len() + 1 + repository.len() > MAX_NAME_LEN {
            return Err(invalid(
                s,
                &format!("repository name is longer than {MAX_NAME_LEN} characters"),
            ));
        }
        let tag = match parts.tag {
            Some(t) => Some(t.to_string()),
            None if parts.digest.is_none() => Some(DEFAULT_TAG.to_string()),
            None => None,
        };
        Ok(Reference {
            registry,
            repository,
            tag,
            digest: parts.digest,
        })
    }

    /// The registry as written in references (`docker.io`, `localhost:5000`, `quay.io`).
    pub fn registry(&self) -> &str {
        &self.registry
    }

    /// The host (and port) to talk HTTP to: Docker Hub's API lives at `registry-1.docker.io`.
    pub fn registry_host(&self) -> &str {
        if self.registry == DOCKER_HUB {
            DOCKER_HUB_HOST
        } else {
            &self.registry
        }
    }

    /// The repository path inside the registry (`library/alpine`).
    pub fn repository(&self) -> &str {
        &self.repository
    }

    /// The tag, if the reference has one (it always does unless it was given a digest only).
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// The digest, if the reference pins one.
    pub fn digest(&self) -> Option<&Digest> {
        self.digest.as_ref()
    }

    /// `registry/repository`, e.g. `docker.io/library/alpine`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// The tag, or `latest` when there is none.
    pub fn tag_or_latest(&self) -> &str {
        self.tag.as_deref().unwrap_or(DEFAULT_TAG)
    }

    /// The name as docker shows it: `docker.io/` and `library/` dropped (`alpine`,
    /// `user/img`); names on other registries stay whole.
    pub fn familiar_name(&self) -> String {
        if self.registry != DOCKER_HUB {
            return self.name();
        }
        match self.repository.strip_prefix("library/") {
            Some(rest) if !rest.contains('/') => rest.to_string(),
            _ => self.repository.clone(),
        }
    }

    /// The whole reference as docker shows it (`alpine:latest`, `user/img@sha256:...`).
    pub fn familiar(&self) -> String {
        let mut s = self.familiar_name();
        self.push_suffix(&mut s);
        s
    }

    /// The same repository with `tag` (keeping any digest). `tag` must be a valid tag.
    pub fn with_tag(&self, tag: &str) -> Result<Reference> {
        check_tag(tag, tag)?;
        Ok(Reference {
            tag: Some(tag.to_string()),
            ..self.clone()
        })
    }

    /// The same repository pinned to `digest` (keeping any tag).
    pub fn with_digest(&self, digest: Digest) -> Reference {
        Reference {
            digest: Some(digest),
            ..self.clone()
        }
    }

    /// The same reference without its tag (for references pinned by digest).
    pub fn without_tag(&self) -> Reference {
        Reference {
            tag: None,
            ..self.clone()
        }
    }

    /// What the registry API calls the reference: the digest if there is one, else the tag.
    pub fn api_reference(&self) -> String {
        match &self.digest {
            Some(d) => d.to_string(),
            None => self.tag_or_latest().to_string(),
        }
    }

    fn push_suffix(&self, s: &mut String) {
        if let Some(t) = &self.tag {
            s.push(':');
            s.push_str(t);
        }
        if let Some(d) = &self.digest {
            s.push('@');
            s.push_str(&d.to_string());
        }
    }
}

impl fmt::Display for Reference {
    /// The full form: `docker.io/library/alpine:latest`, `name@sha256:...`, `name:tag@sha256:...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = self.name();
        self.push_suffix(&mut s);
        f.write_str(&s)
    }
}

impl FromStr for Reference {
    type Err = Error;

    fn from_str(s: &str) -> Result<Reference> {
        Reference::parse(s)
    }
}

/// True when `s` does not start with a registry, so registries.conf should decide where it
/// comes from (`alpine`, `user/img`, `busybox:1`); false for `quay.io/x`, `localhost/x`.
pub fn is_short_name(s: &str) -> bool {
    let name = s.split('@').next().unwrap_or(s);
    split_registry(name).0.is_none()
}

/// Splits `s` into name, tag and digest, validating the tag and digest but not the name.
pub(crate) fn split(s: &str) -> Result<RawParts<'_>> {
    if s.is_empty() {
        return Err(invalid(s, "reference is empty"));
    }
    let (rest, digest) = match s.split_once('@') {
        Some((rest, d)) => {
            let digest = d.parse::<Digest>().map_err(|_| {
                invalid(
                    s,
                    &format!("invalid digest {d:?} (want sha256:<64 lowercase hex>)"),
                )
            })?;
            (rest, Some(digest))
        }
        None => (s, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => {
            let i = last_slash + i;
            (&rest[..i], Some(&rest[i + 1..]))
        }
        None => (rest, None),
    };
    if let Some(t) = tag {
        check_tag(s, t)?;
    }
    if name.is_empty() {
        return Err(invalid(s, "repository name is empty"));
    }
    Ok(RawParts { name, tag, digest })
}

/// Splits off the registry when the first component is one (has `.` or `:`, or is `localhost`).
pub fn split_registry(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest)) if first.contains(['.', ':']) || first == "localhost" => {
            (Some(first), rest)
        }
        _ => (None, name),
    }
}

/// Maps Docker Hub's other names to `docker.io`.
fn normalise_registry(r: &str) -> String {
    match r {
        "index.docker.io" | "registry-1.docker.io" => DOCKER_HUB.to_string(),
        other => other.to_string(),
    }
}

fn invalid(reference: &str, reason: &str) -> Error {
    Error::InvalidReference {
        reference: reference.to_string(),
        reason: reason.to_string(),
    }
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
fn check_tag(reference: &str, tag: &str) -> Result<()> {
    let ok = !tag.is_empty()
        && tag.len() <= MAX_TAG_LEN
        && tag.bytes().enumerate().all(|(i, b)| {
            b.is_ascii_alphanumeric() || b == b'_' || (i > 0 && (b == b'.' || b == b'-'))
        });
    if ok {
        Ok(())
    } else {
        Err(invalid(
            reference,
            &format!(
                "invalid tag {tag:?}: a tag is 1 to {MAX_TAG_LEN} letters, digits, '_', '.' or '-', not starting with '.' or '-'"
            ),
        ))
    }
}

/// Host names (`a.b-c.d`), IPv4, bracketed IPv6, each with an optional `:port`.
fn check_domain(reference: &str, domain: &str) -> Result<()> {
    let bad = |why: &str| invalid(reference, &format!("invalid registry {domain:?}: {why}"));
    let (host, port) = if let Some(rest) = domain.strip_prefix('[') {
        let (v6, after) = rest
            .split_once(']')
            .ok_or_else(|| bad("unclosed '[' in IPv6 address"))?;
        if v6.is_empty()
            || !v6
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(bad("malformed IPv6 address"));
        }
        match after {
            "" => return Ok(()),
            p => match p.strip_prefix(':') {
                Some(port) => (None, Some(port)),
                None => return Err(bad("unexpected text after the IPv6 address")),
            },
        }
    } else {
        match domain.split_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(domain), None),
        }
    };
    if let Some(host) = host {
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        if !host.split('.').all(label_ok) {
            return Err(bad(
                "host names are letters, digits and '-', in '.'-separated labels",
            ));
        }
    }
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("the port must be a number"));
        }
    }
    Ok(())
}

/// Path components: `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`, separated by `/`.
fn check_path(reference: &str, path: &str) -> Result<()> {
    for component in path.split('/') {
        if !component_ok(component) {
            return Err(invalid(
                reference,
                &format!(
                    "invalid repository path component {component:?}: use lowercase letters and digits, \
                     separated by '.', '_', '__' or '-'"
                ),
            ));
        }
    }
    Ok(())
}

fn component_ok(c: &str) -> bool {
    let b = c.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let ch = b[i];
        if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
            i += 1;
            continue;
        }
        // A separator: '.', '_', '__', or '-'+; it must be followed by an alphanumeric.
        let start = i;
        match ch {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if b.get(i) == Some(&b'_') {
                    i += 1;
                }
            }
            b'-' => {
                while b.get(i) == Some(&b'-') {
                    i += 1;
                }
            }
            _ => return false,
        }
        if i == start
            || !b
                .get(i)
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const D: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn full(s: &str) -> String {
        Reference::parse(s).unwrap().to_string()
    }

    #[test]
    fn docker_normalisation() {
        for (given, want) in [
            ("alpine", "docker.io/library/alpine:latest"),
            ("alpine:3.19", "docker.io/library/alpine:3.19"),
            ("user/img", "docker.io/user/img:latest"),
            ("docker.io/alpine", "docker.io/library/alpine:latest"),
            (
                "index.docker.io/library/alpine",
                "docker.io/library/alpine:latest",
            ),
            ("registry-1.docker.io/x/y:1", "docker.io/x/y:1"),
            ("localhost/x", "localhost/x:latest"),
            ("localhost:5000/x/y:z", "localhost:5000/x/y:z"),
            ("quay.io/podman/stable", "quay.io/podman/stable:latest"),
            ("myhost:5000/a", "myhost:5000/a:latest"),
            ("127.0.0.1:5000/a", "127.0.0.1:5000/a:latest"),
            ("[::1]:5000/a", "[::1]:5000/a:latest"),
            ("Host.Example.com/a", "Host.Example.com/a:latest"),
            (
                "docker.io/a__b.c-d---e/f_g",
                "docker.io/a__b.c-d---e/f_g:latest",
            ),
        ] {
            assert_eq!(full(given), want, "{given}");
        }
    }

    #[test]
    fn digests() {
        let r = Reference::parse(&format!("alpine@{D}")).unwrap();
        assert_eq!(r.tag(), None);
        assert_eq!(r.to_string(), format!("docker.io/library/alpine@{D}"));
        assert_eq!(r.api_reference(), D);
        assert_eq!(r.tag_or_latest(), "latest");
        let r = Reference::parse(&format!("localhost:5000/x:1@{D}")).unwrap();
        assert_eq!(r.tag(), Some("1"));
        assert_eq!(r.digest().unwrap().to_string(), D);
        assert_eq!(r.to_string(), format!("localhost:5000/x:1@{D}"));
        assert!(Reference::parse("alpine@sha256:abc").is_err());
        assert!(Reference::parse("alpine@md5:abc").is_err());
    }

    #[test]
    fn familiar_forms() {
        let r = Reference::parse("alpine").unwrap();
        assert_eq!(r.familiar(), "alpine:latest");
        assert_eq!(r.familiar_name(), "alpine");
        assert_eq!(r.name(), "docker.io/library/alpine");
        assert_eq!(r.registry_host(), "registry-1.docker.io");
        assert_eq!(
            Reference::parse("user/img:1").unwrap().familiar(),
            "user/img:1"
        );
        assert_eq!(
            Reference::parse("library/a/b").unwrap().familiar(),
            "library/a/b:latest"
        );
        let l = Reference::parse("localhost:5055/library/busybox").unwrap();
        assert_eq!(l.familiar(), "localhost:5055/library/busybox:latest");
        assert_eq!(l.registry_host(), "localhost:5055");
    }

    #[test]
    fn with_tag_and_digest() {
        let r = Reference::parse("alpine").unwrap();
        assert_eq!(
            r.with_tag("edge").unwrap().to_string(),
            "docker.io/library/alpine:edge"
        );
        assert!(r.with_tag("-bad").is_err());
        let d: Digest = D.parse().unwrap();
        assert_eq!(
            r.with_digest(d.clone()).to_string(),
            format!("docker.io/library/alpine:latest@{D}")
        );
        assert_eq!(
            r.with_digest(d).without_tag().to_string(),
            format!("docker.io/library/alpine@{D}")
        );
    }

    #[test]
    fn errors() {
        let reason = |s: &str| match Reference::parse(s) {
            Err(Error::InvalidReference { reason, .. }) => reason,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(reason("Alpine"), "repository name must be lowercase");
        assert!(reason("alpine:-x").starts_with("invalid tag"));
        assert!(reason(&format!("alpine:{}", "a".repeat(129))).starts_with("invalid tag"));
        assert!(reason("").contains("empty"));
        assert!(reason("a//b").contains("component"));
        assert!(reason("a/b/").contains("component"));
        assert!(reason("a-/b").contains("component"));
        assert!(reason("a..b").contains("component"));
        assert!(reason("a___b").contains("component"));
        assert!(reason("host:port/x").contains("port"));
        assert!(reason("-host.com/x").contains("registry"));
        assert!(reason(&"0".repeat(64)).contains("image id"));
        assert!(reason(&format!("a/{}", "b".repeat(260))).contains("longer"));
        assert!(reason(":tag").contains("empty"));
        assert!(reason("quay.io/").contains("empty"));
        assert!(Reference::parse("quay.io/a:1").is_ok());
    }

    #[test]
    fn short_names() {
        assert!(is_short_name("alpine"));
        assert!(is_short_name("alpine:3"));
        assert!(is_short_name("user/img"));
        assert!(is_short_name(&format!("alpine@{D}")));
        assert!(!is_short_name("localhost/x"));
        assert!(!is_short_name("localhost:5055/x"));
        assert!(!is_short_name("docker.io/alpine"));
        assert!(!is_short_name("host:5/x"));
    }

    fn component() -> impl Strategy<Value = String> {
        "[a-z0-9]{1,5}((\\.|_|__|-{1,3})[a-z0-9]{1,5}){0,2}"
    }

    /// A first component that cannot be mistaken for a registry (no '.').
    fn first_component() -> impl Strategy<Value = String> {
        "[a-z0-9]{1,5}((_|__|-{1,3})[a-z0-9]{1,5}){0,2}"
    }

    fn reference() -> impl Strategy<Value = String> {
        let registry = prop_oneof![
            Just(String::new()),
            Just("docker.io/".to_string()),
            Just("localhost/".to_string()),
            "[a-z]{1,8}\\.[a-z]{2,3}(:[0-9]{1,5})?/",
            "localhost:[0-9]{1,5}/",
        ];
        let tag = prop_oneof![Just(String::new()), ":[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}"];
        let digest = prop_oneof![Just(String::new()), "@sha256:[0-9a-f]{64}"];
        let path = (
            first_component(),
            proptest::collection::vec(component(), 0..3),
        )
            .prop_map(|(first, rest)| {
                std::iter::once(first)
                    .chain(rest)
                    .collect::<Vec<_>>()
                    .join("/")
            });
        (registry, path, tag, digest).prop_map(|(r, p, t, d)| format!("{r}{p}{t}{d}"))
    }

    proptest! {
        #[test]
        fn display_round_trips(s in reference()) {
            // Hex-64 single components are rejected by design; skip those rare cases.
            if let Ok(r) = Reference::parse(&s) {
                let again = Reference::parse(&r.to_string()).unwrap();
                prop_assert_eq!(&again, &r);
                let familiar = Reference::parse(&r.familiar()).unwrap();
                prop_assert_eq!(familiar, r);
            } else {
                prop_assert!(is_hex64(s.rsplit('/').next().unwrap()) || s.len() > 200);
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = Reference::parse(&s);
            let _ = is_short_name(&s);
        }

        #[test]
        fn never_panics_on_reference_alphabet(s in "[a-zA-Z0-9:/@._\\-\\[\\]]{0,60}") {
            if let Ok(r) = Reference::parse(&s) {
                prop_assert_eq!(Reference::parse(&r.to_string()).unwrap(), r);
            }
        }
    }
}
