//! The /etc/hosts and /etc/resolv.conf a container starts with.

/// The container's /etc/hosts: loopback names, `extra` (`--add-host`) entries, and the
/// container's own host name (on 127.0.1.1, as docker does when it has no network address).
pub fn hosts_file(hostname: &str, extra: &[(String, String)]) -> String {
    let mut out = String::from(
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n\
         fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n",
    );
    for (host, ip) in extra {
        out.push_str(&format!("{ip}\t{host}\n"));
    }
    if !hostname.is_empty() {
        out.push_str(&format!("127.0.1.1\t{hostname}\n"));
    }
    out
}

/// The container's /etc/resolv.conf from the host's. With `host_network` the host's file is
/// copied as is; otherwise loopback name servers (unreachable from the container) are dropped,
/// and when none remain `fallback` servers are used (pass `&[]` when the container has no network).
pub fn resolv_conf(host_resolv: &str, host_network: bool, fallback: &[&str]) -> String {
    if host_network {
        return host_resolv.to_string();
    }
    let mut out = String::new();
    let mut servers = 0;
    for line in host_resolv.lines() {
        let mut words = line.split_whitespace();
        if words.next() == Some("nameserver") {
            let addr = words.next().unwrap_or("");
            if addr.starts_with("127.") || addr == "::1" {
                continue;
            }
            servers += 1;
        }
        out.push_str(line);
        out.push('\n');
    }
    if servers == 0 {
        for s in fallback {
            out.push_str(&format!("nameserver {s}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_has_localhost_and_hostname() {
        let h = hosts_file("abc", &[("db".into(), "10.0.0.2".into())]);
        assert!(h.starts_with("127.0.0.1\tlocalhost\n"));
        assert!(h.contains("10.0.0.2\tdb\n"));
        assert!(h.ends_with("127.0.1.1\tabc\n"));
    }

    #[test]
    fn resolv_drops_loopback_servers() {
        let host = "search lan\nnameserver 127.0.0.53\nnameserver 1.1.1.1\n";
        assert_eq!(
            resolv_conf(host, false, &[]),
            "search lan\nnameserver 1.1.1.1\n"
        );
        assert_eq!(resolv_conf(host, true, &[]), host);
        assert_eq!(
            resolv_conf("nameserver 127.0.0.1\n", false, &["8.8.8.8"]),
            "nameserver 8.8.8.8\n"
        );
    }
}
