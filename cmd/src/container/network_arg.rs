//! `--network`'s per-network options: docker's `name=NET,ip=ADDR,alias=A` and podman's
//! `NET:ip=ADDR,alias=A` give each network of a container its own address and aliases.

use skiff_libpod::networks::ConnectOptions;

/// One `--network` value: the mode or network, and its own options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkArg {
    /// The mode or network as [`skiff_libpod`] takes it (`none`, `container:X`, `mynet`).
    pub mode: String,
    /// The container's aliases and addresses on that network.
    pub connect: ConnectOptions,
}

/// The keys of docker's form (`name=` names the network).
const DOCKER_KEYS: &[&str] = &[
    "name",
    "alias",
    "ip",
    "ip6",
    "mac-address",
    "driver-opt",
    "gw-priority",
    "link-local-ip",
];

/// The modes whose `KIND:VALUE` is no network with options.
const MODE_PREFIXES: &[&str] = &["container", "ns", "slirp4netns", "pasta"];

/// Parses one `--network` value: a plain mode or network name, docker's comma-separated
/// `name=NET,KEY=VALUE` form, or podman's `NET:KEY=VALUE,...` form.
pub fn parse(value: &str) -> Result<NetworkArg, String> {
    let first_key = value.split(',').next().and_then(|f| f.split_once('='));
    if first_key.is_some_and(|(k, _)| DOCKER_KEYS.contains(&k)) {
        return docker_form(value);
    }
    if let Some((net, opts)) = value.split_once(':') {
        if !MODE_PREFIXES.contains(&net) && opts.contains('=') {
            return podman_form(value, net, opts);
        }
    }
    Ok(NetworkArg {
        mode: value.to_string(),
        ..Default::default()
    })
}

fn docker_form(value: &str) -> Result<NetworkArg, String> {
    let out = with_options(value, NetworkArg::default(), value, true)?;
    if out.mode.is_empty() {
        return Err(format!(
            "invalid --network {value:?}: name= is missing (name=NETWORK,ip=ADDRESS,...)"
        ));
    }
    Ok(out)
}

fn podman_form(value: &str, net: &str, opts: &str) -> Result<NetworkArg, String> {
    let named = NetworkArg {
        mode: net.to_string(),
        ..Default::default()
    };
    with_options(value, named, opts, false)
}

/// `out` with the comma-separated `KEY=VALUE` options of `opts` (of `--network value`) set:
/// `alias`, `ip`, `ip6`, the MAC address (docker's `mac-address`, podman's `mac`), and in
/// docker's form the network's `name`.
fn with_options(
    value: &str,
    mut out: NetworkArg,
    opts: &str,
    docker: bool,
) -> Result<NetworkArg, String> {
    let mac_key = if docker { "mac-address" } else { "mac" };
    for field in opts.split(',') {
        let (key, v) = field
            .split_once('=')
            .ok_or_else(|| format!("invalid --network {value:?}: {field:?} is not KEY=VALUE"))?;
        match key {
            "name" if docker => out.mode = v.to_string(),
            "alias" => out.connect.aliases.push(v.to_string()),
            "ip" => out.connect.ip = Some(v.to_string()),
            "ip6" => out.connect.ip6 = Some(v.to_string()),
            k if k == mac_key => out.connect.mac = Some(v.to_string()),
            _ => return Err(unsupported(value, key)),
        }
    }
    Ok(out)
}

fn unsupported(value: &str, key: &str) -> String {
    format!(
        "invalid --network {value:?}: option {key:?} is not supported; a network takes alias, \
         ip, ip6 and mac-address (podman's form: mac)"
    )
}

/// The value of a per-network option of the first network beside its flag (`--ip`): one of
/// them, or the flag's when both give the same.
pub fn one_of(
    flag: &str,
    given: Option<String>,
    per_network: Option<String>,
) -> Result<Option<String>, String> {
    match (given, per_network) {
        (Some(a), Some(b)) if a != b => Err(format!(
            "conflicting options: {flag} {a} and the network's own {b}: give it once"
        )),
        (a, b) => Ok(a.or(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_modes_and_names_pass_through() {
        for v in [
            "none",
            "host",
            "mynet",
            "container:db",
            "ns:/run/netns/x",
            "slirp4netns",
        ] {
            assert_eq!(parse(v).unwrap().mode, v);
            assert_eq!(parse(v).unwrap().connect, ConnectOptions::default());
        }
    }

    #[test]
    fn docker_and_podman_forms() {
        let d =
            parse("name=n1,ip=192.0.2.42,alias=a,alias=b,mac-address=02:42:ac:11:00:02").unwrap();
        assert_eq!(d.mode, "n1");
        assert_eq!(d.connect.ip.as_deref(), Some("192.0.2.42"));
        assert_eq!(d.connect.aliases, ["a", "b"]);
        assert_eq!(d.connect.mac.as_deref(), Some("02:42:ac:11:00:02"));
        let p = parse("n2:ip=10.0.0.5,alias=web").unwrap();
        assert_eq!(p.mode, "n2");
        assert_eq!(p.connect.ip.as_deref(), Some("10.0.0.5"));
        assert_eq!(p.connect.aliases, ["web"]);
        assert!(parse("ip=1.2.3.4")
            .unwrap_err()
            .contains("name= is missing"));
        assert!(parse("name=n,driver-opt=x=y")
            .unwrap_err()
            .contains("not supported"));
        assert!(parse("n:bogus=1").unwrap_err().contains("not supported"));
    }

    #[test]
    fn a_flag_and_the_network_s_option_agree() {
        assert_eq!(
            one_of("--ip", None, Some("a".into())).unwrap().as_deref(),
            Some("a")
        );
        assert_eq!(
            one_of("--ip", Some("a".into()), Some("a".into()))
                .unwrap()
                .as_deref(),
            Some("a")
        );
        assert!(one_of("--ip", Some("a".into()), Some("b".into())).is_err());
    }
}
