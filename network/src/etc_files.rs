//! The /etc/hosts and /etc/resolv.conf a container starts with.

/// What goes into a container's /etc/hosts besides the loopback names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostsEntries<'a> {
    /// The container's host name (and `hostname.domainname` when a domain is set).
    pub hostname: &'a str,
    /// `--domainname`.
    pub domainname: &'a str,
    /// The container's name, also resolvable from inside it (as podman writes it).
    pub name: &'a str,
    /// The container's address on its network; None without one (hostname on 127.0.1.1).
    pub ip: Option<&'a str>,
    /// Where `host.containers.internal` and `host.docker.internal` point; None leaves them out.
    pub host_ip: Option<&'a str>,
    /// `--add-host` entries, `(name, address)`, in order.
    pub extra: &'a [(String, String)],
}

/// The container's /etc/hosts: loopback names, `--add-host` entries, the container's own
/// names on its address, and the host's names.
pub fn hosts_file(e: &HostsEntries<'_>) -> String {
    let mut out = String::from(
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n\
         fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n",
    );
    for (host, ip) in e.extra {
        out.push_str(&format!("{ip}\t{host}\n"));
    }
    let mut own: Vec<String> = Vec::new();
    if !e.hostname.is_empty() {
        if !e.domainname.is_empty() {
            own.push(format!("{}.{}", e.hostname, e.domainname));
        }
        own.push(e.hostname.to_string());
        // A dotted host name also answers to its first label, as docker's file has it.
        if let Some((short, _)) = e.hostname.split_once('.') {
            if !short.is_empty() {
                own.push(short.to_string());
            }
        }
    }
    if !e.name.is_empty() && !own.iter().any(|n| n == e.name) {
        own.push(e.name.to_string());
    }
    if !own.is_empty() {
        out.push_str(&format!(
            "{}\t{}\n",
            e.ip.unwrap_or("127.0.1.1"),
            own.join(" ")
        ));
    }
    if let Some(host) = e.host_ip {
        if !e.extra.iter().any(|(h, _)| h == "host.containers.internal") {
            out.push_str(&format!(
                "{host}\thost.containers.internal host.docker.internal\n"
            ));
        }
    }
    out
}

/// The /etc/hosts of a container on the host's network: the host's own file, as docker copies
/// it (names a CI host adds there resolve in the container too), then the `--add-host`
/// entries.
pub fn host_network_hosts_file(host_hosts: &str, extra: &[(String, String)]) -> String {
    let mut out = host_hosts.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for (host, ip) in extra {
        out.push_str(&format!("{ip}\t{host}\n"));
    }
    out
}

/// `--dns`, `--dns-search` and `--dns-option`: each replaces the host's value when given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DnsOverrides<'a> {
    /// `--dns` servers.
    pub servers: &'a [String],
    /// `--dns-search` domains (`.` alone clears the search list).
    pub search: &'a [String],
    /// `--dns-option` options.
    pub options: &'a [String],
}

/// The container's /etc/resolv.conf from the host's. With `host_network` the host's file is
/// kept (but for overrides); otherwise loopback name servers (unreachable from the container)
/// are dropped and, when none remain, `fallback` servers are used (the helper's resolver; pass
/// `&[]` when the container has no network).
pub fn resolv_conf(
    host_resolv: &str,
    host_network: bool,
    fallback: &[String],
    overrides: &DnsOverrides<'_>,
) -> String {
    let mut servers: Vec<String> = Vec::new();
    let mut search: Vec<String> = Vec::new();
    let mut options: Vec<String> = Vec::new();
    let mut other = String::new();
    for line in host_resolv.lines() {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("nameserver") => {
                if let Some(addr) = words.next() {
                    servers.push(addr.to_string());
                }
            }
            Some("search" | "domain") => search = words.map(str::to_string).collect(),
            Some("options") => options.extend(words.map(str::to_string)),
            _ => {
                other.push_str(line);
                other.push('\n');
            }
        }
    }
    if !host_network {
        let loopback = |a: &String| {
            a.parse::<std::net::IpAddr>()
                .map(|ip| ip.is_loopback())
                .unwrap_or(false)
        };
        servers.retain(|s| !loopback(s));
        if servers.is_empty() || !fallback.is_empty() {
            servers = fallback.to_vec();
        }
    }
    if !overrides.servers.is_empty() {
        servers = overrides.servers.to_vec();
    }
    if !overrides.search.is_empty() {
        search = overrides
            .search
            .iter()
            .filter(|s| s.as_str() != ".")
            .cloned()
            .collect();
    }
    if !overrides.options.is_empty() {
        options = overrides.options.to_vec();
    }
    let mut out = other;
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for s in &servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    if !options.is_empty() {
        out.push_str(&format!("options {}\n", options.join(" ")));
    }
    out
}

/// The name servers a resolv.conf text lists, in order.
pub fn nameservers(resolv: &str) -> Vec<String> {
    resolv
        .lines()
        .filter_map(|l| l.trim().strip_prefix("nameserver"))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Parses one `--add-host NAME:ADDRESS` (also `NAME=ADDRESS`, and `[v6]` addresses);
/// `host-gateway` stands for `host_gateway`, the address the host is reached at.
pub fn parse_add_host(spec: &str, host_gateway: &str) -> Result<(String, String), String> {
    let (name, addr) = spec
        .split_once('=')
        .or_else(|| spec.split_once(':'))
        .ok_or_else(|| format!("invalid --add-host {spec:?}: use NAME:ADDRESS"))?;
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(format!(
            "invalid --add-host {spec:?}: the host name is empty or has spaces"
        ));
    }
    let addr = addr.trim_start_matches('[').trim_end_matches(']');
    if addr == "host-gateway" {
        return Ok((name.to_string(), host_gateway.to_string()));
    }
    addr.parse::<std::net::IpAddr>()
        .map_err(|_| format!("invalid IP address in add-host: {addr:?}"))?;
    Ok((name.to_string(), addr.to_string()))
}

/// Checks a `--dns` value: an IP address.
pub fn check_dns_server(addr: &str) -> Result<(), String> {
    addr.parse::<std::net::IpAddr>()
        .map(|_| ())
        .map_err(|_| format!("invalid --dns {addr:?}: give a name server's IP address"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_network_s_hosts_file_is_the_host_s_with_the_added_hosts() {
        let extra = vec![("db".to_string(), "10.1.1.1".to_string())];
        assert_eq!(
            host_network_hosts_file("127.0.0.1 localhost\n10.9.9.9 ci-cache", &extra),
            "127.0.0.1 localhost\n10.9.9.9 ci-cache\n10.1.1.1\tdb\n"
        );
        assert_eq!(host_network_hosts_file("", &[]), "");
    }

    #[test]
    fn hosts_has_localhost_own_names_and_the_host() {
        let extra = [("db".to_string(), "10.0.0.2".to_string())];
        let h = hosts_file(&HostsEntries {
            hostname: "abc",
            name: "web",
            ip: Some("10.0.2.100"),
            host_ip: Some("192.0.2.2"),
            extra: &extra,
            ..Default::default()
        });
        assert!(h.starts_with("127.0.0.1\tlocalhost\n"));
        assert!(h.contains("10.0.0.2\tdb\n"));
        assert!(h.contains("10.0.2.100\tabc web\n"));
        assert!(h.ends_with("192.0.2.2\thost.containers.internal host.docker.internal\n"));
        let h = hosts_file(&HostsEntries {
            hostname: "abc",
            domainname: "example.org",
            ..Default::default()
        });
        assert!(h.ends_with("127.0.1.1\tabc.example.org abc\n"), "{h}");
        let h = hosts_file(&HostsEntries {
            hostname: "my.host.name",
            ip: Some("10.0.2.100"),
            ..Default::default()
        });
        assert!(h.ends_with("10.0.2.100\tmy.host.name my\n"), "{h}");
    }

    #[test]
    fn resolv_drops_loopback_servers_and_applies_overrides() {
        let host = "search lan\nnameserver 127.0.0.53\nnameserver 1.1.1.1\noptions edns0\n";
        let none = DnsOverrides::default();
        assert_eq!(
            resolv_conf(host, false, &[], &none),
            "search lan\nnameserver 1.1.1.1\noptions edns0\n"
        );
        assert_eq!(
            resolv_conf(host, true, &[], &none),
            "search lan\nnameserver 127.0.0.53\nnameserver 1.1.1.1\noptions edns0\n"
        );
        assert_eq!(
            resolv_conf(host, false, &["10.0.2.3".into()], &none),
            "search lan\nnameserver 10.0.2.3\noptions edns0\n"
        );
        let servers = ["9.9.9.9".to_string()];
        let search = ["x.org".to_string()];
        let options = ["ndots:2".to_string()];
        let o = DnsOverrides {
            servers: &servers,
            search: &search,
            options: &options,
        };
        assert_eq!(
            resolv_conf(host, false, &["10.0.2.3".into()], &o),
            "search x.org\nnameserver 9.9.9.9\noptions ndots:2\n"
        );
    }

    #[test]
    fn nameservers_in_order() {
        assert_eq!(
            nameservers("search x\nnameserver 1.1.1.1\n  nameserver ::1 # local\n"),
            ["1.1.1.1", "::1"]
        );
    }

    #[test]
    fn add_host_forms() {
        assert_eq!(
            parse_add_host("db:10.0.0.2", "h").unwrap(),
            ("db".into(), "10.0.0.2".into())
        );
        assert_eq!(
            parse_add_host("db=10.0.0.2", "h").unwrap(),
            ("db".into(), "10.0.0.2".into())
        );
        assert_eq!(
            parse_add_host("gw:host-gateway", "192.0.2.2").unwrap().1,
            "192.0.2.2"
        );
        assert_eq!(parse_add_host("v6:[::1]", "h").unwrap().1, "::1");
        assert_eq!(parse_add_host("v6:fd00::2", "h").unwrap().1, "fd00::2");
        assert!(parse_add_host("nohost", "h").is_err());
        assert!(parse_add_host("db:notanip", "h").is_err());
    }

    proptest::proptest! {
        #[test]
        fn parsers_never_panic(s in ".{0,40}") {
            let _ = parse_add_host(&s, "1.2.3.4");
            let _ = resolv_conf(&s, false, &[], &DnsOverrides::default());
        }
    }
}
