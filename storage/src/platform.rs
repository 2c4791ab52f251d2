//! Platforms (`linux/arm64/v8`): the host's, parsing `--platform`, and comparing them
//! (choosing an index's manifest by platform is in `manifest_select`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An OS and CPU architecture, with Go's names (`amd64`, `arm64`, ...) as registries use them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Platform {
    /// Operating system, e.g. `linux`.
    pub os: String,
    /// CPU architecture, e.g. `amd64`.
    pub architecture: String,
    /// CPU variant, e.g. `v8` for arm64 or `v7` for arm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// OS version (Windows images only).
    #[serde(
        rename = "os.version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub os_version: Option<String>,
    /// Required OS features (Windows images only).
    #[serde(rename = "os.features", default, skip_serializing_if = "Vec::is_empty")]
    pub os_features: Vec<String>,
}

impl Platform {
    /// A platform from its parts.
    pub fn new(os: &str, architecture: &str, variant: Option<&str>) -> Platform {
        Platform {
            os: os.to_string(),
            architecture: architecture.to_string(),
            variant: variant.map(str::to_string),
            os_version: None,
            os_features: Vec::new(),
        }
    }

    /// The platform this binary runs on (always `linux`), with the architecture named as Go
    /// names it.
    pub fn host() -> Platform {
        let (arch, variant) = go_arch(std::env::consts::ARCH);
        Platform::new("linux", arch, variant)
    }

    /// Parses `os/arch[/variant]` (`linux/arm64/v8`), or a lone `arch` (taken as linux) or a
    /// lone `os` (taken with the host's architecture). Common aliases are accepted
    /// (`x86_64`, `aarch64`, `armhf`).
    pub fn parse(s: &str) -> Result<Platform> {
        let bad = |why: &str| Error::InvalidReference {
            reference: s.to_string(),
            reason: format!("invalid platform: {why} (want os/arch[/variant], e.g. linux/arm64)"),
        };
        let lower = s.trim().to_ascii_lowercase();
        let parts: Vec<&str> = lower.split('/').collect();
        if parts.iter().any(|p| {
            p.is_empty()
                || !p
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        }) {
            return Err(bad("empty or malformed component"));
        }
        let (os, arch, variant) = match parts.as_slice() {
            [one] if KNOWN_OSES.contains(one) => {
                (one.to_string(), Platform::host().architecture, None)
            }
            [one] if KNOWN_ARCHES.contains(&normalise_arch(one).0) => {
                ("linux".to_string(), one.to_string(), None)
            }
            [_] => return Err(bad("unknown operating system or architecture")),
            [os, arch] => (os.to_string(), arch.to_string(), None),
            [os, arch, variant] => (os.to_string(), arch.to_string(), Some(variant.to_string())),
            _ => return Err(bad("too many components")),
        };
        let (arch, alias_variant) = normalise_arch(&arch);
        Ok(Platform::new(
            &os,
            arch,
            variant.as_deref().or(alias_variant),
        ))
    }

    /// This platform with the variant a missing one stands for made explicit (arm64 is v8,
    /// arm is v7) and amd64's `v1` dropped, so equal platforms compare equal.
    pub(crate) fn normalised(&self) -> (String, String, Option<String>) {
        let lower = self.architecture.to_ascii_lowercase();
        let (arch, alias_variant) = normalise_arch(&lower);
        let variant = self.variant.clone().or(alias_variant.map(str::to_string));
        let variant = match (arch, variant.as_deref()) {
            ("arm64", None) => Some("v8".to_string()),
            ("arm", None) => Some("v7".to_string()),
            ("amd64", Some("v1")) => None,
            _ => variant,
        };
        (self.os.to_ascii_lowercase(), arch.to_string(), variant)
    }

    /// Whether this platform serves as `wanted`: the same os/architecture/variant (a missing
    /// arm64 variant counting as v8, arm as v7, amd64's v1 as none), or, when `wanted` names no
    /// variant, the same os and architecture.
    pub fn satisfies(&self, wanted: &Platform) -> bool {
        let (have, want) = (self.normalised(), wanted.normalised());
        have == want || (wanted.variant.is_none() && have.0 == want.0 && have.1 == want.1)
    }

    /// True for the placeholder platform BuildKit gives attestation manifests.
    pub(crate) fn is_unknown(&self) -> bool {
        self.os == "unknown" || self.architecture == "unknown"
    }
}

impl fmt::Display for Platform {
    /// `os/arch` or `os/arch/variant`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

/// Operating systems a lone `--platform` word is taken as.
const KNOWN_OSES: &[&str] = &["linux", "windows", "darwin", "freebsd"];

/// Architectures (Go's names) a lone `--platform` word is taken as, with linux; docker refuses
/// any other lone word.
const KNOWN_ARCHES: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// Go's name (and implied variant) for a Rust `target_arch`.
fn go_arch(rust_arch: &str) -> (&'static str, Option<&'static str>) {
    match rust_arch {
        "x86_64" => ("amd64", None),
        "aarch64" => ("arm64", None),
        "arm" => ("arm", Some("v7")),
        "x86" => ("386", None),
        "powerpc64" => ("ppc64le", None),
        "s390x" => ("s390x", None),
        "riscv64" => ("riscv64", None),
        "loongarch64" => ("loong64", None),
        "mips64" => ("mips64le", None),
        _ => ("unknown", None),
    }
}

/// Maps architecture aliases to Go's names, with the variant an alias implies.
fn normalise_arch(arch: &str) -> (&str, Option<&'static str>) {
    match arch {
        "x86_64" | "x86-64" => ("amd64", None),
        "aarch64" => ("arm64", None),
        "armhf" => ("arm", Some("v7")),
        "armel" => ("arm", Some("v6")),
        "i386" | "i686" => ("386", None),
        other => (other, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display() {
        assert_eq!(
            Platform::parse("linux/arm64/v8").unwrap().to_string(),
            "linux/arm64/v8"
        );
        assert_eq!(
            Platform::parse("linux/amd64").unwrap().to_string(),
            "linux/amd64"
        );
        assert_eq!(
            Platform::parse("Linux/X86_64").unwrap().to_string(),
            "linux/amd64"
        );
        assert_eq!(Platform::parse("arm64").unwrap().to_string(), "linux/arm64");
        assert_eq!(
            Platform::parse("linux/armhf").unwrap().to_string(),
            "linux/arm/v7"
        );
        assert_eq!(Platform::parse("linux").unwrap().os, "linux");
        assert!(Platform::parse("").is_err());
        assert!(Platform::parse("linux//v7").is_err());
        assert!(Platform::parse("a/b/c/d").is_err());
        assert!(Platform::parse("bogus").is_err());
        assert_eq!(Platform::parse("i386").unwrap().to_string(), "linux/386");
        assert_eq!(Platform::host().os, "linux");
        assert_ne!(Platform::host().architecture, "unknown");
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics_and_round_trips(s in "\\PC{0,30}") {
            if let Ok(p) = Platform::parse(&s) {
                proptest::prop_assert_eq!(Platform::parse(&p.to_string()).unwrap(), p);
            }
        }
    }
}
