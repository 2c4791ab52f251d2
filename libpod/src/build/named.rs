//! `--build-context NAME=VALUE` (buildx's and podman's named contexts): a name that `FROM NAME`,
//! `COPY --from=NAME` and `RUN --mount=...,from=NAME` use instead of a stage or an image of that
//! name. The value is a local directory (its files, as the main context's are) or an image
//! (`docker-image://REF`, podman's `container-image://REF`).

use std::path::PathBuf;

use crate::error::{Error, Result};

/// What a named context stands for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NamedContext {
    /// A local directory: its files, read as the main context's are.
    Dir(PathBuf),
    /// An image reference, pulled as FROM images are (`scratch` is the empty image).
    Image(String),
}

/// Parses one `--build-context NAME=VALUE`, returning the name (lower-cased: stage names are
/// matched without case) and what it stands for. Directories are checked by the build.
pub fn parse(spec: &str) -> Result<(String, NamedContext)> {
    let bad = |why: &str| {
        Error::InvalidArgument(format!(
            "--build-context {spec:?}: {why}; give NAME=DIRECTORY or NAME=docker-image://IMAGE"
        ))
    };
    let (name, value) = spec.split_once('=').ok_or_else(|| bad("no '='"))?;
    let name = name.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-/:".contains(c))
    {
        return Err(bad("the name must be letters, digits and . _ - / :"));
    }
    if value.is_empty() {
        return Err(bad("no value"));
    }
    let image = value
        .strip_prefix("docker-image://")
        .or_else(|| value.strip_prefix("container-image://"));
    let context = match image {
        Some("") => return Err(bad("no image after the scheme")),
        Some(reference) => NamedContext::Image(reference.to_string()),
        None if value.starts_with("oci-layout://") => {
            return Err(bad("an OCI layout is not supported as a named context yet: load it with `skiff load` and name the image"))
        }
        None if value.contains("://") || value.starts_with("git@") => {
            return Err(bad("a URL is not supported as a named context yet: fetch it to a directory first"))
        }
        None => NamedContext::Dir(PathBuf::from(value)),
    };
    Ok((name.to_ascii_lowercase(), context))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_images_and_directories() {
        assert_eq!(
            parse("Base=docker-image://alpine:3.19").unwrap(),
            ("base".into(), NamedContext::Image("alpine:3.19".into()))
        );
        assert_eq!(
            parse("base=container-image://localhost/x@sha256:abc").unwrap(),
            (
                "base".into(),
                NamedContext::Image("localhost/x@sha256:abc".into())
            )
        );
        assert_eq!(
            parse("src=../code=x").unwrap(),
            ("src".into(), NamedContext::Dir("../code=x".into()))
        );
    }

    #[test]
    fn refuses_what_it_cannot_use_and_says_what_to_give() {
        for spec in [
            "nothing",
            "=dir",
            "a b=dir",
            "x=",
            "x=docker-image://",
            "x=https://example.com/a.tar",
            "x=git@github.com:a/b.git",
            "x=oci-layout:///tmp/l",
        ] {
            let e = parse(spec).unwrap_err().to_string();
            assert!(e.contains("NAME=DIRECTORY"), "{spec}: {e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,40}") {
            let _ = parse(&s);
        }
    }
}
