//! The `--network` value: which network namespace a container gets and who connects it.

use std::fmt;
use std::path::PathBuf;

/// A `--network` value that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid --network {value:?}: {reason}; use bridge (the default), none, host, slirp4netns, pasta, \
     container:NAME|ID or ns:PATH"
)]
pub struct ModeParseError {
    /// The value as given.
    pub value: String,
    /// What is wrong with it.
    pub reason: String,
}

/// The user-mode helper that connects a container's own network namespace to the host's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Helper {
    /// slirp4netns: a tap device whose packets a user-mode TCP/IP stack (libslirp) turns into
    /// host sockets. The container is 10.0.2.100, the gateway 10.0.2.2, the resolver 10.0.2.3.
    Slirp4netns,
    /// pasta (from passt): copies the host's addresses and routes into the namespace and maps
    /// the container's sockets to host sockets; published ports keep the client's address.
    Pasta,
}

impl Helper {
    /// The helper's program name, which is also its `--network` name.
    pub fn name(self) -> &'static str {
        match self {
            Helper::Slirp4netns => "slirp4netns",
            Helper::Pasta => "pasta",
        }
    }
}

/// How a container is networked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkMode {
    /// The default: a network namespace of its own connected by a user-mode helper, chosen
    /// when the container starts (see [`default_helper`]).
    Default,
    /// A network namespace of its own connected by this helper.
    Private(Helper),
    /// A network namespace with only the loopback interface.
    None,
    /// The host's network namespace.
    Host,
    /// Another container's network namespace (`container:NAME|ID`).
    Container(String),
    /// An existing network namespace file (`ns:PATH`).
    Path(PathBuf),
    /// A user-defined network, by name or id (`skiff network create`).
    User(String),
}

impl NetworkMode {
    /// Parses a `--network` value. `bridge`, `default` and `private` name the default network,
    /// as in docker (whose default network is called `bridge`) and podman, and so does
    /// `podman`, the name of podman's default network (Quadlet files and scripts give it).
    pub fn parse(value: &str) -> Result<NetworkMode, ModeParseError> {
        let err = |reason: &str| ModeParseError {
            value: value.to_string(),
            reason: reason.to_string(),
        };
        let (kind, arg) = match value.split_once(':') {
            Some((k, a)) => (k, Some(a)),
            None => (value, None),
        };
        match (kind, arg) {
            ("" | "bridge" | "default" | "private" | "podman", None) => Ok(NetworkMode::Default),
            ("none", None) => Ok(NetworkMode::None),
            ("host", None) => Ok(NetworkMode::Host),
            ("slirp4netns", None) => Ok(NetworkMode::Private(Helper::Slirp4netns)),
            ("pasta", None) => Ok(NetworkMode::Private(Helper::Pasta)),
            ("slirp4netns" | "pasta", Some(_)) => Err(err(
                "helper options are not supported: give the helper's name alone",
            )),
            ("container", Some(c)) if !c.is_empty() => Ok(NetworkMode::Container(c.to_string())),
            ("container", _) => Err(err("container: needs a container name or id")),
            ("ns", Some(p)) if p.starts_with('/') => Ok(NetworkMode::Path(PathBuf::from(p))),
            ("ns", _) => Err(err("ns: needs an absolute path to a network namespace")),
            _ if value.contains(':') => Err(err("unknown network mode")),
            _ if is_valid_name(value) => Ok(NetworkMode::User(value.to_string())),
            _ => Err(err("not a network name (letters, digits, '_', '.', '-')")),
        }
    }

    /// The user-defined network's name, for that mode.
    pub fn user_network(&self) -> Option<&str> {
        match self {
            NetworkMode::User(n) => Some(n),
            _ => None,
        }
    }

    /// True when the container gets a network namespace of its own connected by a helper.
    pub fn uses_helper(&self) -> bool {
        matches!(self, NetworkMode::Default | NetworkMode::Private(_))
    }
}

impl fmt::Display for NetworkMode {
    /// The form stored in the catalog and shown as HostConfig.NetworkMode; [`NetworkMode::parse`]
    /// reads it back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetworkMode::Default => f.write_str("bridge"),
            NetworkMode::Private(h) => f.write_str(h.name()),
            NetworkMode::None => f.write_str("none"),
            NetworkMode::Host => f.write_str("host"),
            NetworkMode::Container(c) => write!(f, "container:{c}"),
            NetworkMode::Path(p) => write!(f, "ns:{}", p.display()),
            NetworkMode::User(n) => f.write_str(n),
        }
    }
}

/// True when `name` may name a user-defined network: docker's rule, a letter or digit then
/// letters, digits, `_`, `.` or `-`.
pub fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && name.len() <= 128
}

/// The helper the default network uses: slirp4netns, which is ready several times sooner than
/// pasta (bench/net-helpers.sh), unless the container publishes ports, where pasta keeps the
/// client's source address (slirp4netns shows every client as 10.0.2.2). `configured` is the
/// user's choice from containers.conf (`default_rootless_network_cmd`), which wins.
pub fn default_helper(publishes_ports: bool, configured: Option<Helper>) -> Helper {
    match configured {
        Some(h) => h,
        None if publishes_ports => Helper::Pasta,
        None => Helper::Slirp4netns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_docker_and_podman_modes() {
        assert_eq!(NetworkMode::parse("bridge").unwrap(), NetworkMode::Default);
        assert_eq!(NetworkMode::parse("podman").unwrap(), NetworkMode::Default);
        assert_eq!(NetworkMode::parse("none").unwrap(), NetworkMode::None);
        assert_eq!(NetworkMode::parse("host").unwrap(), NetworkMode::Host);
        assert_eq!(
            NetworkMode::parse("pasta").unwrap(),
            NetworkMode::Private(Helper::Pasta)
        );
        assert_eq!(
            NetworkMode::parse("container:web").unwrap(),
            NetworkMode::Container("web".into())
        );
        assert_eq!(
            NetworkMode::parse("ns:/run/netns/x").unwrap(),
            NetworkMode::Path("/run/netns/x".into())
        );
        assert!(NetworkMode::parse("ns:rel").is_err());
        assert!(NetworkMode::parse("container:").is_err());
        assert_eq!(
            NetworkMode::parse("mynet").unwrap(),
            NetworkMode::User("mynet".into())
        );
        assert!(NetworkMode::parse("-x").is_err());
        assert!(NetworkMode::parse("bogus:x").is_err());
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "bridge",
            "none",
            "host",
            "slirp4netns",
            "pasta",
            "container:abc",
            "ns:/x",
            "app_net.1",
        ] {
            assert_eq!(NetworkMode::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn default_helper_prefers_the_configured_one() {
        assert_eq!(default_helper(false, None), Helper::Slirp4netns);
        assert_eq!(default_helper(true, None), Helper::Pasta);
        assert_eq!(
            default_helper(true, Some(Helper::Slirp4netns)),
            Helper::Slirp4netns
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,40}") {
            let _ = NetworkMode::parse(&s);
        }
    }
}
