//! The image config (docker's `application/vnd.docker.container.image.v1+json`, OCI's
//! `application/vnd.oci.image.config.v1+json`): how to run the image and what its layers are.
//!
//! Field names are exactly as docker writes them. `null` and a missing field read the same.
//! A pulled config is stored as the bytes we received (its digest is the image id), so these
//! types are for reading and for writing new configs, not for re-serialising pulled ones.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::digest::Digest;
use crate::error::{Error, Result};
use crate::manifest::nullable;

/// The image config document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageConfig {
    /// CPU architecture (Go name, e.g. `amd64`).
    #[serde(default, deserialize_with = "nullable")]
    pub architecture: String,
    /// Operating system, e.g. `linux`.
    #[serde(default, deserialize_with = "nullable")]
    pub os: String,
    /// CPU variant, e.g. `v8`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The operating system version the image needs (`os.version`, e.g. a Windows build).
    #[serde(
        rename = "os.version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub os_version: Option<String>,
    /// Operating system features the image needs (`os.features`).
    #[serde(
        rename = "os.features",
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "nullable"
    )]
    pub os_features: Vec<String>,
    /// Creation time, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// Author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// A comment (`docker commit -m`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The docker version that built the image, when docker built it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_version: Option<String>,
    /// How containers of this image run.
    #[serde(default, deserialize_with = "nullable")]
    pub config: ContainerConfig,
    /// The layers' uncompressed digests.
    #[serde(default, deserialize_with = "nullable")]
    pub rootfs: RootFs,
    /// How each layer was made.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "nullable"
    )]
    pub history: Vec<History>,
}

/// The `config` object: the defaults for containers of the image.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerConfig {
    /// `user[:group]` to run as.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "nullable"
    )]
    pub user: String,
    /// `KEY=value` environment.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "nullable"
    )]
    pub env: Vec<String>,
    /// Entrypoint; `None` when unset (distinct from an empty list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<Vec<String>>,
    /// Default command; `None` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmd: Option<Vec<String>>,
    /// Working directory.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "nullable"
    )]
    pub working_dir: String,
    /// Exposed ports, `"80/tcp": {}`.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "nullable"
    )]
    pub exposed_ports: BTreeMap<String, serde_json::Value>,
    /// Volumes, `"/data": {}`.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "nullable"
    )]
    pub volumes: BTreeMap<String, serde_json::Value>,
    /// Labels.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "nullable"
    )]
    pub labels: BTreeMap<String, String>,
    /// Signal that stops the container, e.g. `SIGTERM`.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "nullable"
    )]
    pub stop_signal: String,
    /// The health check, as docker wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<serde_json::Value>,
    /// ONBUILD instructions.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "nullable"
    )]
    pub on_build: Vec<String>,
    /// The shell for shell-form instructions.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "nullable"
    )]
    pub shell: Vec<String>,
    /// Windows-only: whether Cmd is already escaped.
    #[serde(
        default,
        skip_serializing_if = "std::ops::Not::not",
        deserialize_with = "nullable"
    )]
    pub args_escaped: bool,
}

/// The `rootfs` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootFs {
    /// Always `layers`.
    #[serde(rename = "type", default, deserialize_with = "nullable")]
    pub kind: String,
    /// Digest of each layer's uncompressed tar, base first.
    #[serde(default, deserialize_with = "nullable")]
    pub diff_ids: Vec<Digest>,
}

impl Default for RootFs {
    fn default() -> RootFs {
        RootFs {
            kind: "layers".to_string(),
            diff_ids: Vec::new(),
        }
    }
}

/// One `history` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// When, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The instruction that made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Who.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// A comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// True when the step made no layer.
    #[serde(
        default,
        skip_serializing_if = "std::ops::Not::not",
        deserialize_with = "nullable"
    )]
    pub empty_layer: bool,
}

impl ImageConfig {
    /// Parses a config blob.
    pub fn parse(bytes: &[u8]) -> Result<ImageConfig> {
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(Error::InvalidManifest(
                "invalid image config: not a JSON object".to_string(),
            ));
        }
        serde_json::from_slice(bytes)
            .map_err(|e| Error::InvalidManifest(format!("invalid image config: {e}")))
    }

    /// The config as compact JSON.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("config serialisation cannot fail")
    }

    /// `created` as seconds since the Unix epoch, if present and valid RFC 3339.
    pub fn created_unix(&self) -> Option<i64> {
        self.created.as_deref().and_then(parse_rfc3339)
    }

    /// The chain id of every layer (OCI image spec): ChainID(L0) = DiffID(L0),
    /// ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)).
    pub fn chain_ids(&self) -> Vec<Digest> {
        chain_ids(&self.rootfs.diff_ids)
    }
}

/// Chain ids for a list of diff ids; see [`ImageConfig::chain_ids`].
pub fn chain_ids(diff_ids: &[Digest]) -> Vec<Digest> {
    let mut out: Vec<Digest> = Vec::with_capacity(diff_ids.len());
    for diff in diff_ids {
        let next = match out.last() {
            None => diff.clone(),
            Some(prev) => Digest::of(format!("{prev} {diff}").as_bytes()),
        };
        out.push(next);
    }
    out
}

/// Parses RFC 3339 (`2024-01-02T03:04:05.123456789Z`, `...+02:00`) to Unix seconds, dropping
/// fractions. An image's times are whole: the zone is required, and a point needs digits.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let t = crate::time::read_rfc3339(s, crate::time::Form::Full)?;
    (t.offset.is_some() && t.fraction != Some("")).then(|| t.unix_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_version_and_features_survive_a_round_trip() {
        let text = br#"{"architecture":"amd64","os":"windows","os.version":"10.0.17763","os.features":["win32k"],"rootfs":{"type":"layers","diff_ids":[]}}"#;
        let c = ImageConfig::parse(text).unwrap();
        assert_eq!(c.os_version.as_deref(), Some("10.0.17763"));
        assert_eq!(c.os_features, ["win32k"]);
        let back: serde_json::Value = serde_json::to_value(&c).unwrap();
        assert_eq!(back["os.version"], "10.0.17763");
        assert_eq!(back["os.features"][0], "win32k");
        let plain = ImageConfig::parse(br#"{"os":"linux","os.features":null}"#).unwrap();
        let back = serde_json::to_value(&plain).unwrap();
        assert!(back.get("os.version").is_none() && back.get("os.features").is_none());
    }
    use proptest::prelude::*;

    const DOCKER_CONFIG: &str = r#"{"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,
      "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["/bin/sh"],"Image":"sha256:abc",
      "Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null,"ExposedPorts":{"80/tcp":{}}},
      "container":"6f2b","created":"2023-08-07T19:20:20.894140623Z","docker_version":"20.10.23","history":[
      {"created":"2023-08-07T19:20:20.71894984Z","created_by":"/bin/sh -c #(nop) ADD file:32ff in / "},
      {"created":"2023-08-07T19:20:20.894140623Z","created_by":"/bin/sh -c #(nop)  CMD [\"/bin/sh\"]","empty_layer":true}],
      "os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:4693057ce2364720d39e57e85a5b8e0bd9ac3573716237736d6470ec5b7b7230"]}}"#;

    #[test]
    fn docker_config() {
        let c = ImageConfig::parse(DOCKER_CONFIG.as_bytes()).unwrap();
        assert_eq!(c.architecture, "amd64");
        assert_eq!(c.config.cmd.as_deref(), Some(&["/bin/sh".to_string()][..]));
        assert_eq!(c.config.entrypoint, None);
        assert!(c.config.volumes.is_empty() && c.config.labels.is_empty());
        assert_eq!(
            c.config.exposed_ports.keys().collect::<Vec<_>>(),
            ["80/tcp"]
        );
        assert_eq!(c.history.len(), 2);
        assert_eq!(c.docker_version.as_deref(), Some("20.10.23"));
        assert!(c.history[1].empty_layer);
        assert_eq!(c.created_unix(), Some(1_691_436_020));
        assert_eq!(c.chain_ids(), c.rootfs.diff_ids);
        // Written back without nulls, and read back the same.
        let again = ImageConfig::parse(&c.to_json()).unwrap();
        assert_eq!(again, c);
        assert!(!String::from_utf8(c.to_json()).unwrap().contains("null"));
    }

    #[test]
    fn minimal_and_null_configs() {
        let c = ImageConfig::parse(
            br#"{"architecture":"arm64","os":"linux","config":null,"rootfs":null,"history":null}"#,
        )
        .unwrap();
        assert!(c.rootfs.diff_ids.is_empty() && c.history.is_empty() && c.created_unix().is_none());
        let c = ImageConfig::parse(br#"{}"#).unwrap();
        assert_eq!(c.rootfs.kind, "layers");
        assert!(ImageConfig::parse(br#"{"rootfs":{"diff_ids":["md5:x"]}}"#).is_err());
        assert!(ImageConfig::parse(b"[]").is_err());
    }

    #[test]
    fn chain_ids_follow_the_spec() {
        let a = Digest::of(b"a");
        let b = Digest::of(b"b");
        let c = Digest::of(b"c");
        let ids = chain_ids(&[a.clone(), b.clone(), c.clone()]);
        let ab = Digest::of(format!("{a} {b}").as_bytes());
        assert_eq!(
            ids,
            vec![a, ab.clone(), Digest::of(format!("{ab} {c}").as_bytes())]
        );
        assert!(chain_ids(&[]).is_empty());
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2024-02-29T12:00:00.5Z"), Some(1_709_208_000));
        assert_eq!(
            parse_rfc3339("2024-02-29T14:00:00+02:00"),
            Some(1_709_208_000)
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T07:30:00-04:30"),
            Some(1_709_208_000)
        );
        assert_eq!(parse_rfc3339("0001-01-01T00:00:00Z"), Some(-62_135_596_800));
        for bad in [
            "",
            "2024-02-29",
            "2024-13-01T00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00+0200",
            "2024-01-01T00:00:00Zjunk",
            "２０２４-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(b in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = ImageConfig::parse(&b);
        }

        #[test]
        fn rfc3339_never_panics(s in "\\PC{0,40}") {
            let _ = parse_rfc3339(&s);
        }

        #[test]
        fn rfc3339_matches_generated(y in 1970i64..2200, mo in 1i64..13, d in 1i64..29, h in 0i64..24, mi in 0i64..60, s in 0i64..60) {
            let t = parse_rfc3339(&format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.123Z")).unwrap();
            prop_assert_eq!(t.rem_euclid(86400), h * 3600 + mi * 60 + s);
            prop_assert_eq!(t.div_euclid(86400), crate::time::days_from_civil(y, mo, d));
        }
    }
}
