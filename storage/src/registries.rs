//! registries.conf (containers-registries.conf(5), version 2, plus the version 1 tables):
//! where short names are searched, short-name aliases, insecure or blocked registries, location
//! rewrites and the mirrors pulls try first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, IoContext, Result};
use crate::reference::{self, Reference, DOCKER_HUB};

/// The system-wide configuration file.
const SYSTEM_CONF: &str = "/etc/containers/registries.conf";
/// The system-wide drop-in directory.
const SYSTEM_CONF_D: &str = "/etc/containers/registries.conf.d";

/// Settings for one registry (or one namespace in it, when its prefix has a path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryConfig {
    /// What references it applies to: `host[:port][/path]` or `*.domain`.
    pub prefix: String,
    /// Where its content really is (the same as the prefix unless rewritten).
    pub location: String,
    /// Plain HTTP or unverified TLS is allowed.
    pub insecure: bool,
    /// Pulling from it is refused.
    pub blocked: bool,
    /// Mirrors tried, in order, before `location` when pulling.
    pub mirrors: Vec<Mirror>,
}

/// A `[[registry.mirror]]`: another place holding the same content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    /// Where the mirror is: `host[:port][/path]`, replacing the registry's prefix.
    pub location: String,
    /// Plain HTTP or unverified TLS is allowed for the mirror.
    pub insecure: bool,
    /// Which pulls use the mirror.
    pub pull_from: MirrorPolicy,
}

/// `pull-from-mirror`: which references a mirror serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MirrorPolicy {
    /// Every pull (the default).
    All,
    /// Only pulls by digest (`name@sha256:...`).
    DigestOnly,
    /// Only pulls by tag.
    TagOnly,
}

impl MirrorPolicy {
    /// Whether a pull of `r` may use a mirror with this policy.
    fn serves(self, r: &Reference) -> bool {
        match self {
            MirrorPolicy::All => true,
            MirrorPolicy::DigestOnly => r.digest().is_some(),
            MirrorPolicy::TagOnly => r.digest().is_none(),
        }
    }
}

/// One place to pull a reference from, in the order to try them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullSource {
    /// The reference at that place.
    pub reference: Reference,
    /// Plain HTTP or unverified TLS is allowed there.
    pub insecure: bool,
    /// It is a mirror (not the registry's own location).
    pub mirror: bool,
}

/// The merged registries configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistriesConf {
    /// Registries tried, in order, for short names.
    pub unqualified_search: Vec<String>,
    /// Per-registry settings.
    pub registries: Vec<RegistryConfig>,
    /// Short name -> fully qualified name.
    pub aliases: BTreeMap<String, String>,
}

/// One file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct File {
    unqualified_search_registries: Option<Vec<String>>,
    #[serde(default)]
    registry: Vec<Entry>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    /// Version 1 tables (`[registries.search]` and friends).
    registries: Option<V1>,
}

/// A `[[registry]]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Entry {
    #[serde(default)]
    location: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    /// Older files' way of making every mirror digest-only.
    #[serde(default)]
    mirror_by_digest_only: bool,
    #[serde(default)]
    mirror: Vec<MirrorEntry>,
}

/// A `[[registry.mirror]]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct MirrorEntry {
    #[serde(default)]
    location: String,
    #[serde(default)]
    insecure: bool,
    pull_from_mirror: Option<String>,
}

/// Version 1's `[registries.search]`, `[registries.insecure]`, `[registries.block]`.
#[derive(Debug, Default, Deserialize)]
struct V1 {
    search: Option<V1List>,
    insecure: Option<V1List>,
    block: Option<V1List>,
}

#[derive(Debug, Default, Deserialize)]
struct V1List {
    #[serde(default)]
    registries: Vec<String>,
}

impl RegistriesConf {
    /// Loads the configuration as containers-common does: the file named by
    /// `$CONTAINERS_REGISTRIES_CONF` alone when set; otherwise (rootless)
    /// `$XDG_CONFIG_HOME/containers/registries.conf` if it exists, else
    /// `/etc/containers/registries.conf`, then the `*.conf` drop-ins of
    /// `/etc/containers/registries.conf.d` and (rootless) the user's `registries.conf.d`, in
    /// name order, later files overriding earlier ones. Missing files are not an error.
    pub fn load() -> Result<RegistriesConf> {
        if let Some(path) = std::env::var_os("CONTAINERS_REGISTRIES_CONF").filter(|p| !p.is_empty())
        {
            let path = PathBuf::from(path);
            let text = std::fs::read_to_string(&path).map_err(|e| Error::Config {
                path: path.clone(),
                reason: format!("cannot read the file CONTAINERS_REGISTRIES_CONF names: {e}"),
            })?;
            return RegistriesConf::from_toml_at(&text, &path);
        }
        let user_dir = crate::identity::rootless().then(user_config_dir).flatten();
        let user_conf = user_dir
            .as_ref()
            .map(|d| d.join("registries.conf"))
            .filter(|p| p.exists());
        let main = user_conf.unwrap_or_else(|| PathBuf::from(SYSTEM_CONF));
        let mut dirs = vec![PathBuf::from(SYSTEM_CONF_D)];
        dirs.extend(user_dir.map(|d| d.join("registries.conf.d")));
        RegistriesConf::load_files(Some(&main), &dirs)
    }

    /// Loads `main` (if it exists) and then every `*.conf` in `dropin_dirs` (in order, files
    /// sorted by name), later files overriding earlier ones.
    pub fn load_files(main: Option<&Path>, dropin_dirs: &[PathBuf]) -> Result<RegistriesConf> {
        let mut conf = RegistriesConf::default();
        let mut files: Vec<PathBuf> = main
            .filter(|p| p.exists())
            .map(Path::to_path_buf)
            .into_iter()
            .collect();
        for dir in dropin_dirs {
            let entries = match std::fs::read_dir(dir) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::io(dir, e)),
            };
            let mut confs: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "conf") && p.is_file())
                .collect();
            confs.sort();
            files.extend(confs);
        }
        for path in files {
            let text = std::fs::read_to_string(&path).at(&path)?;
            conf.merge(parse_file(&text, &path)?, &path)?;
        }
        Ok(conf)
    }

    /// Parses one registries.conf text (no drop-ins), as the tests write them.
    #[cfg(test)]
    fn from_toml(text: &str) -> Result<RegistriesConf> {
        RegistriesConf::from_toml_at(text, Path::new("registries.conf"))
    }

    fn from_toml_at(text: &str, path: &Path) -> Result<RegistriesConf> {
        let mut conf = RegistriesConf::default();
        conf.merge(parse_file(text, path)?, path)?;
        Ok(conf)
    }

    /// Applies a later file on top of this configuration.
    fn merge(&mut self, file: File, path: &Path) -> Result<()> {
        let bad = |reason: String| Error::Config {
            path: path.to_path_buf(),
            reason,
        };
        if let Some(search) = file.unqualified_search_registries {
            self.unqualified_search = search;
        }
        for entry in file.registry {
            let prefix = if entry.prefix.is_empty() {
                entry.location.clone()
            } else {
                entry.prefix
            };
            if prefix.is_empty() {
                return Err(bad(
                    "a [[registry]] table needs a location or a prefix".to_string()
                ));
            }
            let location = if entry.location.is_empty() {
                prefix.clone()
            } else {
                entry.location
            };
            let mirrors = entry
                .mirror
                .into_iter()
                .map(|m| mirror(m, entry.mirror_by_digest_only, &prefix))
                .collect::<std::result::Result<_, _>>()
                .map_err(bad)?;
            self.set(RegistryConfig {
                prefix,
                location,
                insecure: entry.insecure,
                blocked: entry.blocked,
                mirrors,
            });
        }
        for (name, target) in file.aliases {
            if target.is_empty() {
                self.aliases.remove(&name);
                continue;
            }
            if reference::is_short_name(&target) {
                return Err(bad(format!(
                    "alias {name:?} = {target:?}: the target must name its registry"
                )));
            }
            Reference::parse(&target).map_err(|e| bad(format!("alias {name:?}: {e}")))?;
            self.aliases.insert(name, target);
        }
        if let Some(v1) = file.registries {
            if !self.registries.is_empty() && (v1.insecure.is_some() || v1.block.is_some()) {
                return Err(bad(
                    "mixes version 1 [registries.*] tables with version 2 [[registry]] tables; use one format".to_string(),
                ));
            }
            if let Some(search) = v1.search {
                self.unqualified_search = search.registries;
            }
            for host in v1.insecure.map(|l| l.registries).unwrap_or_default() {
                self.entry_for(&host).insecure = true;
            }
            for host in v1.block.map(|l| l.registries).unwrap_or_default() {
                self.entry_for(&host).blocked = true;
            }
        }
        Ok(())
    }

    /// Replaces the entry with the same prefix, or adds one.
    fn set(&mut self, cfg: RegistryConfig) {
        match self.registries.iter_mut().find(|r| r.prefix == cfg.prefix) {
            Some(existing) => *existing = cfg,
            None => self.registries.push(cfg),
        }
    }

    /// The entry whose prefix is exactly `host`, created when missing.
    fn entry_for(&mut self, host: &str) -> &mut RegistryConfig {
        if let Some(i) = self.registries.iter().position(|r| r.prefix == host) {
            return &mut self.registries[i];
        }
        self.registries.push(RegistryConfig {
            prefix: host.to_string(),
            location: host.to_string(),
            insecure: false,
            blocked: false,
            mirrors: Vec::new(),
        });
        self.registries.last_mut().expect("just pushed")
    }

    /// The references to try, in order, for what the user typed: a qualified reference is
    /// itself; an alias is its target (with the input's tag or digest when it has one); any
    /// other short name is tried on each unqualified-search registry (`library/` added for
    /// docker.io), or on docker.io when none are configured. Blocked registries are not
    /// filtered here; check [`RegistriesConf::is_blocked`] before pulling.
    pub fn resolve(&self, input: &str) -> Result<Vec<Reference>> {
        if !reference::is_short_name(input) {
            return Ok(vec![Reference::parse(input)?]);
        }
        let parts = reference::split(input)?;
        if let Some(target) = self.aliases.get(parts.name) {
            let mut r = Reference::parse(target)?;
            if parts.tag.is_some() || parts.digest.is_some() {
                r = Reference::parse(&r.name())?.without_tag();
                if let Some(tag) = parts.tag {
                    r = r.with_tag(tag)?;
                }
                if let Some(d) = parts.digest {
                    r = r.with_digest(d);
                }
            }
            return Ok(vec![r]);
        }
        if self.unqualified_search.is_empty() {
            return Ok(vec![Reference::parse(input)?]);
        }
        // Validate the name itself first, so the error is about what the user typed.
        Reference::parse(input)?;
        self.unqualified_search
            .iter()
            .map(|registry| {
                Reference::parse(&format!("{registry}/{input}")).map_err(|e| Error::InvalidReference {
                    reference: input.to_string(),
                    reason: format!("unqualified-search registry {registry:?} does not make a valid reference: {e}"),
                })
            })
            .collect()
    }

    /// The most specific entry applying to a registry host (`host[:port]`): an exact prefix
    /// match, else the longest matching `*.domain` wildcard.
    fn lookup(&self, registry: &str) -> Option<&RegistryConfig> {
        let host = normalise_host(registry);
        let exact = self
            .registries
            .iter()
            .find(|r| normalise_host(&r.prefix) == host);
        exact.or_else(|| {
            self.registries
                .iter()
                .filter(|r| {
                    r.prefix.strip_prefix("*.").is_some_and(|domain| {
                        host.split(':')
                            .next()
                            .unwrap_or("")
                            .ends_with(&format!(".{domain}"))
                    })
                })
                .max_by_key(|r| r.prefix.len())
        })
    }

    /// Where to actually pull `r` from: when a `[[registry]]` prefix covers its name
    /// (`quay.io` or `quay.io/ns`, longest first) and names a different `location`, that part
    /// of the name is replaced (`prefix = "docker.io"`, `location = "mirror.lan/hub"` turns
    /// `docker.io/library/alpine` into `mirror.lan/hub/library/alpine`). Otherwise `r` itself.
    pub fn rewrite_location(&self, r: &Reference) -> Result<Reference> {
        match self.covering(r) {
            Some(entry) if entry.location != entry.prefix => {
                replace_prefix(r, &entry.prefix, &entry.location)
            }
            _ => Ok(r.clone()),
        }
    }

    /// Where to try pulling `r`, in order: the mirrors of the `[[registry]]` covering its name
    /// whose `pull-from-mirror` admits it, then its (rewritten) location.
    /// The location is insecure when the covering entry or the location's registry says so.
    pub fn pull_sources(&self, r: &Reference) -> Result<Vec<PullSource>> {
        let mut out = Vec::new();
        let entry = self.covering(r);
        if let Some(entry) = entry {
            for m in entry.mirrors.iter().filter(|m| m.pull_from.serves(r)) {
                out.push(PullSource {
                    reference: replace_prefix(r, &entry.prefix, &m.location)?,
                    insecure: m.insecure,
                    mirror: true,
                });
            }
        }
        let primary = self.rewrite_location(r)?;
        out.push(PullSource {
            insecure: entry.is_some_and(|e| e.insecure) || self.is_insecure(primary.registry()),
            reference: primary,
            mirror: false,
        });
        Ok(out)
    }

    /// The `[[registry]]` whose prefix (`quay.io` or `quay.io/ns`, not a wildcard) covers the
    /// name of `r`, the longest when several do.
    fn covering(&self, r: &Reference) -> Option<&RegistryConfig> {
        let name = r.name();
        self.registries
            .iter()
            .filter(|e| !e.prefix.starts_with("*.") && prefix_covers(&e.prefix, &name))
            .max_by_key(|e| e.prefix.len())
    }

    /// True when the registry at `registry_host_port` may be used over plain HTTP or without
    /// verifying its certificate.
    pub fn is_insecure(&self, registry_host_port: &str) -> bool {
        self.lookup(registry_host_port).is_some_and(|r| r.insecure)
    }

    /// True when pulling from `registry_host_port` is refused by configuration.
    pub fn is_blocked(&self, registry_host_port: &str) -> bool {
        self.lookup(registry_host_port).is_some_and(|r| r.blocked)
    }
}

/// Docker Hub's API host and index name both mean `docker.io`.
fn normalise_host(host: &str) -> &str {
    match host {
        "registry-1.docker.io" | "index.docker.io" => DOCKER_HUB,
        h => h,
    }
}

/// Whether `prefix` covers the repository `name` (equal, or a parent path of it).
fn prefix_covers(prefix: &str, name: &str) -> bool {
    let p = normalise_prefix(prefix);
    name == p
        || name
            .strip_prefix(&p)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// `r` with the `prefix` part of its name replaced by `location`, keeping its tag and digest.
fn replace_prefix(r: &Reference, prefix: &str, location: &str) -> Result<Reference> {
    let name = r.name();
    let rest = &name[normalise_prefix(prefix).len()..];
    let mut out = Reference::parse(&format!("{location}{rest}"))?.without_tag();
    if let Some(tag) = r.tag() {
        out = out.with_tag(tag)?;
    }
    if let Some(d) = r.digest() {
        out = out.with_digest(d.clone());
    }
    Ok(out)
}

/// A `[[registry.mirror]]` table of the registry `prefix` as a [`Mirror`].
fn mirror(m: MirrorEntry, digest_only: bool, prefix: &str) -> std::result::Result<Mirror, String> {
    if m.location.is_empty() {
        return Err(format!(
            "a [[registry.mirror]] of {prefix:?} has no location"
        ));
    }
    let pull_from = match m.pull_from_mirror.as_deref() {
        None | Some("") if digest_only => MirrorPolicy::DigestOnly,
        None | Some("") | Some("all") => MirrorPolicy::All,
        Some("digest-only") => MirrorPolicy::DigestOnly,
        Some("tag-only") => MirrorPolicy::TagOnly,
        Some(other) => {
            return Err(format!(
                "mirror {:?} of {prefix:?}: pull-from-mirror = {other:?} is not one of all, \
                 digest-only, tag-only",
                m.location
            ))
        }
    };
    Ok(Mirror {
        location: m.location,
        insecure: m.insecure,
        pull_from,
    })
}

/// A prefix with Docker Hub's other names mapped to `docker.io`.
fn normalise_prefix(prefix: &str) -> String {
    match prefix.split_once('/') {
        Some((host, rest)) => format!("{}/{rest}", normalise_host(host)),
        None => normalise_host(prefix).to_string(),
    }
}

fn parse_file(text: &str, path: &Path) -> Result<File> {
    toml::from_str(text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

/// `$XDG_CONFIG_HOME/containers`, or `~/.config/containers`.
fn user_config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("containers"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONF: &str = r#"
unqualified-search-registries = ["localhost:5055", "docker.io"]
short-name-mode = "enforcing"

[[registry]]
location = "localhost:5055"
insecure = true

[[registry]]
prefix = "evil.example.com"
location = "evil.example.com"
blocked = true

[[registry]]
location = "*.internal.lan"
insecure = true

[aliases]
"fedora" = "registry.fedoraproject.org/fedora"
"pinned" = "quay.io/x/pinned:3"
"#;

    fn strings(v: Vec<Reference>) -> Vec<String> {
        v.into_iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn resolves_short_names_and_aliases() {
        let c = RegistriesConf::from_toml(CONF).unwrap();
        for (short, want) in [
            (
                "busybox",
                &[
                    "localhost:5055/busybox:latest",
                    "docker.io/library/busybox:latest",
                ][..],
            ),
            (
                "user/img:2",
                &["localhost:5055/user/img:2", "docker.io/user/img:2"],
            ),
            ("quay.io/a/b", &["quay.io/a/b:latest"]),
            ("fedora", &["registry.fedoraproject.org/fedora:latest"]),
            ("fedora:39", &["registry.fedoraproject.org/fedora:39"]),
            ("pinned", &["quay.io/x/pinned:3"]),
            ("pinned:4", &["quay.io/x/pinned:4"]),
        ] {
            assert_eq!(strings(c.resolve(short).unwrap()), want, "{short}");
        }
        let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            strings(c.resolve(&format!("pinned@{d}")).unwrap()),
            [format!("quay.io/x/pinned@{d}")]
        );
        assert!(c
            .resolve("BusyBox")
            .unwrap_err()
            .to_string()
            .contains("lowercase"));
    }

    #[test]
    fn no_search_registries_means_docker_hub() {
        let c = RegistriesConf::from_toml("").unwrap();
        assert_eq!(
            strings(c.resolve("alpine").unwrap()),
            ["docker.io/library/alpine:latest"]
        );
    }

    #[test]
    fn insecure_and_blocked() {
        let c = RegistriesConf::from_toml(CONF).unwrap();
        assert!(c.is_insecure("localhost:5055"));
        assert!(!c.is_insecure("localhost:5056"));
        assert!(c.is_insecure("reg.internal.lan:5000"));
        assert!(!c.is_insecure("internal.lan"));
        assert!(c.is_blocked("evil.example.com"));
        assert!(!c.is_blocked("localhost:5055"));
    }

    #[test]
    fn locations_are_rewritten() {
        let c = RegistriesConf::from_toml(
            "[[registry]]\nprefix = 'docker.io'\nlocation = 'mirror.lan:5000/hub'\n\
             [[registry]]\nprefix = 'quay.io/team'\nlocation = 'localhost:5055/team-copy'\n\
             [[registry]]\nlocation = 'quay.io'\ninsecure = true\n",
        )
        .unwrap();
        let rw = |s: &str| {
            c.rewrite_location(&Reference::parse(s).unwrap())
                .unwrap()
                .to_string()
        };
        for (given, want) in [
            ("alpine:3", "mirror.lan:5000/hub/library/alpine:3"),
            ("quay.io/team/app", "localhost:5055/team-copy/app:latest"),
            ("quay.io/teamster/app", "quay.io/teamster/app:latest"),
            ("quay.io/other", "quay.io/other:latest"),
        ] {
            assert_eq!(rw(given), want, "{given}");
        }
        let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            rw(&format!("busybox@{d}")),
            format!("mirror.lan:5000/hub/library/busybox@{d}")
        );
    }

    #[test]
    fn mirrors_come_first_as_their_policy_admits() {
        let c = RegistriesConf::from_toml(
            "[[registry]]\nprefix = 'docker.io'\nlocation = 'hub.lan/dh'\n\
             [[registry.mirror]]\nlocation = 'm1.lan:5000/hub'\ninsecure = true\n\
             [[registry.mirror]]\nlocation = 'm2.lan'\npull-from-mirror = 'digest-only'\n\
             [[registry.mirror]]\nlocation = 'm3.lan'\npull-from-mirror = 'tag-only'\n\
             [[registry]]\nprefix = 'ghcr.io/team'\nlocation = 'ghcr.lan/team'\ninsecure = true\n\
             [[registry]]\nlocation = 'quay.io'\nmirror-by-digest-only = true\n\
             [[registry.mirror]]\nlocation = 'qm.lan'\n",
        )
        .unwrap();
        let sources = |s: &str| {
            c.pull_sources(&Reference::parse(s).unwrap())
                .unwrap()
                .into_iter()
                .map(|p| format!("{} {} {}", p.reference, p.insecure, p.mirror))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            sources("alpine:3"),
            [
                "m1.lan:5000/hub/library/alpine:3 true true",
                "m3.lan/library/alpine:3 false true",
                "hub.lan/dh/library/alpine:3 false false"
            ]
        );
        let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            sources(&format!("alpine@{d}")),
            [
                format!("m1.lan:5000/hub/library/alpine@{d} true true"),
                format!("m2.lan/library/alpine@{d} false true"),
                format!("hub.lan/dh/library/alpine@{d} false false")
            ]
        );
        assert_eq!(sources("quay.io/a/b"), ["quay.io/a/b:latest false false"]);
        assert_eq!(
            sources(&format!("quay.io/a/b@{d}"))[0],
            format!("qm.lan/a/b@{d} false true")
        );
        assert_eq!(sources("ghcr.io/x"), ["ghcr.io/x:latest false false"]);
        assert_eq!(
            sources("ghcr.io/team/app"),
            ["ghcr.lan/team/app:latest true false"]
        );
    }

    #[test]
    fn bad_mirrors_are_errors() {
        let e = RegistriesConf::from_toml(
            "[[registry]]\nlocation = 'a.io'\n[[registry.mirror]]\ninsecure = true\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("has no location"), "{e}");
        let e = RegistriesConf::from_toml(
            "[[registry]]\nlocation = 'a.io'\n[[registry.mirror]]\nlocation = 'b.io'\npull-from-mirror = 'sometimes'\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("not one of all"), "{e}");
    }

    #[test]
    fn version1_tables() {
        let c = RegistriesConf::from_toml(
            "[registries.search]\nregistries = ['quay.io']\n[registries.insecure]\nregistries = ['localhost:5000']\n\
             [registries.block]\nregistries = ['docker.io']\n",
        )
        .unwrap();
        assert_eq!(c.unqualified_search, ["quay.io"]);
        assert!(c.is_insecure("localhost:5000"));
        assert!(c.is_blocked("registry-1.docker.io"));
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(RegistriesConf::from_toml("unqualified-search-registries = 'x'").is_err());
        assert!(RegistriesConf::from_toml("[[registry]]\ninsecure = true").is_err());
        let e = RegistriesConf::from_toml("[aliases]\nx = 'y'")
            .unwrap_err()
            .to_string();
        assert!(e.contains("must name its registry"), "{e}");
        let c = RegistriesConf::from_toml("unqualified-search-registries = ['Bad_Host!']").unwrap();
        assert!(c.resolve("alpine").is_err());
    }

    #[test]
    fn drop_ins_override_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("registries.conf");
        std::fs::write(&main, CONF).unwrap();
        let d1 = dir.path().join("sys.d");
        let d2 = dir.path().join("user.d");
        std::fs::create_dir_all(&d1).unwrap();
        std::fs::create_dir_all(&d2).unwrap();
        std::fs::write(
            d1.join("10-a.conf"),
            "unqualified-search-registries = ['quay.io']",
        )
        .unwrap();
        std::fs::write(
            d1.join("20-b.conf"),
            "[aliases]\nfedora = ''\nbb = 'localhost:5055/library/busybox'",
        )
        .unwrap();
        std::fs::write(d1.join("ignored.txt"), "not toml at all [").unwrap();
        std::fs::write(
            d2.join("00.conf"),
            "[[registry]]\nlocation = 'localhost:5055'\ninsecure = false",
        )
        .unwrap();
        let c =
            RegistriesConf::load_files(Some(&main), &[d1, d2, dir.path().join("missing")]).unwrap();
        assert_eq!(c.unqualified_search, ["quay.io"]);
        assert!(!c.aliases.contains_key("fedora"));
        assert_eq!(
            strings(c.resolve("bb").unwrap()),
            ["localhost:5055/library/busybox:latest"]
        );
        assert!(!c.is_insecure("localhost:5055"));
        let none = RegistriesConf::load_files(Some(&dir.path().join("nope")), &[]).unwrap();
        assert_eq!(none, RegistriesConf::default());
    }

    proptest::proptest! {
        #[test]
        fn resolve_never_panics(input in "\\PC{0,60}") {
            let c = RegistriesConf::from_toml(CONF).unwrap();
            if let Ok(refs) = c.resolve(&input) {
                proptest::prop_assert!(!refs.is_empty());
            }
        }

        #[test]
        fn from_toml_never_panics(text in "\\PC{0,200}") {
            let _ = RegistriesConf::from_toml(&text);
        }
    }
}
