//! docker's `-p` grammar: `[IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTO]`.

use std::fmt;

/// A `-p` value that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid port mapping {spec:?}: {reason}; use [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]")]
pub struct PortParseError {
    /// The value as given.
    pub spec: String,
    /// What is wrong with it.
    pub reason: String,
}

/// One published port range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortMapping {
    /// Host address to bind ("" = all).
    pub host_ip: String,
    /// First host port (0 = any free port).
    pub host_port: u16,
    /// docker's `8000-8010:80`: the last host port the one container port may take (the first
    /// free one of `host_port..=host_port_last` is taken); 0 when the ports go one for one.
    pub host_port_last: u16,
    /// First container port.
    pub container_port: u16,
    /// How many consecutive ports.
    pub range: u16,
    /// "tcp", "udp" or "sctp".
    pub protocol: String,
}

const BAD_PROTOCOL: &str = "the protocol must be tcp, udp or sctp";
const BAD_HOST_IP: &str = "the host address is not an IP address";
const ZERO_CONTAINER_PORT: &str = "the container port must not be 0";

/// Whether `protocol` (lower case) is one a port can be published for.
fn protocol_ok(protocol: &str) -> bool {
    matches!(protocol, "tcp" | "udp" | "sctp")
}

/// Whether `ip` is empty (every address) or an IP address.
fn host_ip_ok(ip: &str) -> bool {
    ip.is_empty() || ip.parse::<std::net::IpAddr>().is_ok()
}

impl PortMapping {
    /// Parses one `-p` value.
    pub fn parse(spec: &str) -> Result<PortMapping, PortParseError> {
        let err = |reason: &str| PortParseError {
            spec: spec.to_string(),
            reason: reason.to_string(),
        };
        let (rest, protocol) = match spec.rsplit_once('/') {
            Some((r, p)) => (r, p.to_ascii_lowercase()),
            None => (spec, "tcp".to_string()),
        };
        if !protocol_ok(&protocol) {
            return Err(err(BAD_PROTOCOL));
        }
        let (host_ip, host, container) = if let Some(stripped) = rest.strip_prefix('[') {
            let (ip, after) = stripped
                .split_once("]:")
                .ok_or_else(|| err("unterminated IPv6 address"))?;
            let (h, c) = after
                .split_once(':')
                .ok_or_else(|| err("missing the container port"))?;
            (ip.to_string(), h, c)
        } else {
            let parts: Vec<&str> = rest.split(':').collect();
            match parts.as_slice() {
                [c] => (String::new(), "", *c),
                [h, c] => (String::new(), *h, *c),
                [ip, h, c] => (ip.to_string(), *h, *c),
                _ => return Err(err("too many colons")),
            }
        };
        if !host_ip_ok(&host_ip) {
            return Err(err(BAD_HOST_IP));
        }
        let (c_start, c_end) = parse_range(container).ok_or_else(|| err("bad container port"))?;
        if c_start == 0 {
            return Err(err(ZERO_CONTAINER_PORT));
        }
        let (h_start, h_end) = if host.is_empty() {
            (0, 0)
        } else {
            parse_range(host).ok_or_else(|| err("bad host port"))?
        };
        let range = c_end - c_start + 1;
        let span = range == 1 && h_end > h_start;
        if span && h_start == 0 {
            return Err(err("bad host port"));
        }
        if !span && host_port_range_mismatch(h_start, h_end, range) {
            return Err(err("the host and container port ranges differ in size"));
        }
        Ok(PortMapping {
            host_ip,
            host_port: h_start,
            host_port_last: if span { h_end } else { 0 },
            container_port: c_start,
            range,
            protocol,
        })
    }
}

impl PortMapping {
    /// One port given by its parts, as the API's HostConfig.PortBindings item gives it
    /// (`host_port` 0: any free port). The error is the reason alone.
    pub fn single(
        host_ip: &str,
        host_port: u16,
        container_port: u16,
        protocol: &str,
    ) -> Result<PortMapping, String> {
        let protocol = protocol.to_ascii_lowercase();
        if !protocol_ok(&protocol) {
            return Err(BAD_PROTOCOL.to_string());
        }
        if !host_ip_ok(host_ip) {
            return Err(format!("{BAD_HOST_IP}: {host_ip:?}"));
        }
        if container_port == 0 {
            return Err(ZERO_CONTAINER_PORT.to_string());
        }
        Ok(PortMapping {
            host_ip: host_ip.to_string(),
            host_port,
            host_port_last: 0,
            container_port,
            range: 1,
            protocol,
        })
    }

    /// The `-p` value that [`PortMapping::parse`] reads back as this mapping (how a container's
    /// configuration keeps it): `[IP:][HOST:]CONTAINER/PROTO`, ranges as `A-B`, an IPv6
    /// address in brackets.
    pub fn spec(&self) -> String {
        let ports = |first: u16| match self.range {
            0 | 1 => first.to_string(),
            n => format!("{first}-{}", first + (n - 1)),
        };
        let host = if self.host_port == 0 {
            String::new()
        } else if self.host_port_last > self.host_port {
            format!("{}-{}", self.host_port, self.host_port_last)
        } else {
            ports(self.host_port)
        };
        let container = format!("{}/{}", ports(self.container_port), self.protocol);
        match (self.host_ip.as_str(), host.as_str()) {
            ("", "") => container,
            ("", h) => format!("{h}:{container}"),
            (ip, h) if ip.contains(':') => format!("[{ip}]:{h}:{container}"),
            (ip, h) => format!("{ip}:{h}:{container}"),
        }
    }
}

/// One published port, resolved: the host port is known (a random one was picked for `0`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PortBinding {
    /// Host address the port listens on ("" = every address).
    pub host_ip: String,
    /// Port on the host.
    pub host_port: u16,
    /// Port inside the container.
    pub container_port: u16,
    /// "tcp", "udp" or "sctp".
    pub protocol: String,
}

impl PortBinding {
    /// docker's key for the container side, `80/tcp`.
    pub fn container_key(&self) -> String {
        format!("{}/{}", self.container_port, self.protocol)
    }

    /// Whether `other` listens on the same host address, port and protocol.
    fn same_host_port(&self, other: &PortBinding) -> bool {
        (
            self.host_ip.as_str(),
            self.host_port,
            self.protocol.as_str(),
        ) == (
            other.host_ip.as_str(),
            other.host_port,
            other.protocol.as_str(),
        )
    }

    /// The host address as docker prints it (`0.0.0.0` for every address).
    pub fn display_ip(&self) -> &str {
        if self.host_ip.is_empty() {
            "0.0.0.0"
        } else {
            &self.host_ip
        }
    }
}

/// A problem choosing host ports.
#[derive(Debug, thiserror::Error)]
pub enum PortError {
    /// The same host port is published twice.
    #[error(
        "port {port}/{protocol} on {ip} is published twice: give each mapping its own host port"
    )]
    Duplicate {
        /// The host address.
        ip: String,
        /// The host port.
        port: u16,
        /// The protocol.
        protocol: String,
    },
    /// The host port is taken by another program (or container).
    #[error("cannot publish port {port}/{protocol} on {ip}: {source}; stop what uses it or choose another host port")]
    InUse {
        /// The host address.
        ip: String,
        /// The host port.
        port: u16,
        /// The protocol.
        protocol: String,
        /// What binding it said.
        source: std::io::Error,
    },
    /// A port below the kernel's `ip_unprivileged_port_start`, which an ordinary user may not
    /// bind.
    #[error(
        "cannot publish privileged port {port} as an ordinary user (the kernel lets users bind \
         ports from {lowest} on): choose a host port of {lowest} or more, or let \
         users bind it with `sudo sysctl net.ipv4.ip_unprivileged_port_start={port}` (and the \
         same line in /etc/sysctl.d/ to keep it)"
    )]
    Privileged {
        /// The host port.
        port: u16,
        /// The lowest port users may bind.
        lowest: u16,
    },
    /// `sctp` has no user-mode forwarder.
    #[error("cannot publish {port}/sctp: the user-mode network helpers forward only tcp and udp")]
    Sctp {
        /// The container port.
        port: u16,
    },
}

/// Expands `-p` mappings and, with `-P`, the exposed ports (`80/tcp`) into one binding per
/// port; host port 0 becomes a free port of the host, as docker picks one when the container
/// starts. Every host port is checked to be free (by binding it for a moment), so a taken port
/// is an error naming it before anything starts.
pub fn resolve_bindings(
    mappings: &[PortMapping],
    exposed: &[String],
    publish_all: bool,
) -> Result<Vec<PortBinding>, PortError> {
    let mut out: Vec<PortBinding> = Vec::new();
    for m in mappings {
        if m.protocol == "sctp" {
            return Err(PortError::Sctp {
                port: m.container_port,
            });
        }
        if m.host_port_last > m.host_port {
            let b = first_free_in_span(m, &out)?;
            out.push(b);
            continue;
        }
        for i in 0..m.range {
            out.push(PortBinding {
                host_ip: m.host_ip.clone(),
                host_port: if m.host_port == 0 { 0 } else { m.host_port + i },
                container_port: m.container_port + i,
                protocol: m.protocol.clone(),
            });
        }
    }
    if publish_all {
        for e in exposed {
            let Ok(m) = PortMapping::parse(e) else {
                continue;
            };
            for i in 0..m.range {
                let port = m.container_port + i;
                let taken = out
                    .iter()
                    .any(|b| b.container_port == port && b.protocol == m.protocol);
                if !taken && m.protocol != "sctp" {
                    out.push(PortBinding {
                        host_ip: String::new(),
                        host_port: 0,
                        container_port: port,
                        protocol: m.protocol.clone(),
                    });
                }
            }
        }
    }
    for i in 0..out.len() {
        let b = &out[i];
        if b.host_port != 0 && out[..i].iter().any(|o| o.same_host_port(b)) {
            return Err(PortError::Duplicate {
                ip: b.display_ip().to_string(),
                port: b.host_port,
                protocol: b.protocol.clone(),
            });
        }
    }
    for b in out.iter_mut() {
        b.host_port = probe(b)?;
    }
    Ok(out)
}

/// The binding of a `8000-8010:80` mapping: its container port on the first host port of the
/// span that is free now and not one of the container's `chosen` bindings, as docker picks one.
fn first_free_in_span(m: &PortMapping, chosen: &[PortBinding]) -> Result<PortBinding, PortError> {
    let mut last = None;
    for port in m.host_port..=m.host_port_last {
        let b = PortBinding {
            host_ip: m.host_ip.clone(),
            host_port: port,
            container_port: m.container_port,
            protocol: m.protocol.clone(),
        };
        if chosen.iter().any(|o| o.same_host_port(&b)) {
            continue;
        }
        match probe(&b) {
            Ok(_) => return Ok(b),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| PortError::Duplicate {
        ip: if m.host_ip.is_empty() {
            "0.0.0.0".into()
        } else {
            m.host_ip.clone()
        },
        port: m.host_port,
        protocol: m.protocol.clone(),
    }))
}

/// Binds the binding's host port for a moment (port 0: lets the kernel pick a free one) and
/// returns the port.
fn probe(b: &PortBinding) -> Result<u16, PortError> {
    let ip: std::net::IpAddr = if b.host_ip.is_empty() {
        std::net::Ipv4Addr::UNSPECIFIED.into()
    } else {
        b.host_ip
            .parse()
            .unwrap_or(std::net::Ipv4Addr::UNSPECIFIED.into())
    };
    let addr = std::net::SocketAddr::new(ip, b.host_port);
    let bound = if b.protocol == "udp" {
        std::net::UdpSocket::bind(addr).and_then(|s| s.local_addr())
    } else {
        std::net::TcpListener::bind(addr).and_then(|s| s.local_addr())
    };
    bound.map(|a| a.port()).map_err(|source| {
        let lowest = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
            .ok()
            .and_then(|v| v.trim().parse::<u16>().ok());
        match lowest {
            Some(lowest)
                if source.kind() == std::io::ErrorKind::PermissionDenied
                    && b.host_port < lowest =>
            {
                PortError::Privileged {
                    port: b.host_port,
                    lowest,
                }
            }
            _ => PortError::InUse {
                ip: b.display_ip().to_string(),
                port: b.host_port,
                protocol: b.protocol.clone(),
                source,
            },
        }
    })
}

/// Parses an `--expose` value (`80`, `80/udp`, `7000-7002`) into docker's ExposedPorts keys.
pub fn parse_expose(spec: &str) -> Result<Vec<String>, PortParseError> {
    let err = |reason: &str| PortParseError {
        spec: spec.to_string(),
        reason: reason.to_string(),
    };
    if spec.contains(':') {
        return Err(err("--expose takes a port or range, not a mapping"));
    }
    let m = PortMapping::parse(spec)?;
    Ok((0..m.range)
        .map(|i| format!("{}/{}", m.container_port + i, m.protocol))
        .collect())
}

fn host_port_range_mismatch(h_start: u16, h_end: u16, range: u16) -> bool {
    h_start != 0 && h_end - h_start + 1 != range
}

fn parse_range(s: &str) -> Option<(u16, u16)> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let (a, b): (u16, u16) = (a.parse().ok()?, b.parse().ok()?);
    (a <= b).then_some((a, b))
}

impl fmt::Display for PortMapping {
    /// `port`'s line format: `80/tcp -> 0.0.0.0:8080` for each port of the range.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ip = if self.host_ip.is_empty() {
            "0.0.0.0"
        } else {
            &self.host_ip
        };
        for i in 0..self.range {
            if i > 0 {
                writeln!(f)?;
            }
            write!(
                f,
                "{}/{} -> {}:{}",
                self.container_port + i,
                self.protocol,
                ip,
                self.host_port + i
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_docker_forms() {
        let p = PortMapping::parse("8080:80").unwrap();
        assert_eq!(
            (p.host_port, p.container_port, p.protocol.as_str()),
            (8080, 80, "tcp")
        );
        let p = PortMapping::parse("127.0.0.1:53:53/udp").unwrap();
        assert_eq!(
            (p.host_ip.as_str(), p.protocol.as_str()),
            ("127.0.0.1", "udp")
        );
        let p = PortMapping::parse("7000-7002:8000-8002").unwrap();
        assert_eq!(p.range, 3);
        assert_eq!(PortMapping::parse("80").unwrap().host_port, 0);
        assert!(PortMapping::parse("1:2:3:4").is_err());
        assert_eq!(PortMapping::parse("70-71:80").unwrap().host_port_last, 71);
        assert!(PortMapping::parse("80/icmp").is_err());
        assert_eq!(PortMapping::parse("[::1]:80:80").unwrap().host_ip, "::1");
        let p = PortMapping::parse("127.0.0.1::80").unwrap();
        assert_eq!((p.host_ip.as_str(), p.host_port), ("127.0.0.1", 0));
    }

    #[test]
    fn bindings_expand_ranges_and_pick_free_ports() {
        let maps = [
            PortMapping::parse("127.0.0.1::7000-7001").unwrap(),
            PortMapping::parse("127.0.0.1:0:53/udp").unwrap(),
        ];
        let b = resolve_bindings(&maps, &["80/tcp".into(), "7000/tcp".into()], true).unwrap();
        assert_eq!(b.len(), 4);
        assert!(b.iter().all(|x| x.host_port != 0));
        assert_eq!(
            b.iter().map(|x| x.container_port).collect::<Vec<_>>(),
            [7000, 7001, 53, 80]
        );
        assert_eq!(b[3].host_ip, "");
    }

    #[test]
    fn a_host_span_for_one_container_port_takes_its_first_free_port() {
        let m = PortMapping::parse("127.0.0.1:18093-18095:80").unwrap();
        assert_eq!((m.host_port, m.host_port_last, m.range), (18093, 18095, 1));
        assert_eq!(PortMapping::parse(&m.spec()).unwrap(), m);
        // A taken port is passed over: hold the first of two free ports in a row.
        let (taken, port) = loop {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let port = l.local_addr().unwrap().port();
            if port < u16::MAX && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
                break (l, port);
            }
        };
        let span = PortMapping::parse(&format!("127.0.0.1:{port}-{}:80", port + 1)).unwrap();
        let b = resolve_bindings(std::slice::from_ref(&span), &[], false).unwrap();
        assert_eq!((b[0].host_port, b[0].container_port), (port + 1, 80));
        // Two mappings of one span get two ports; a third finds none left.
        drop(taken);
        let other = PortMapping::parse(&format!("127.0.0.1:{port}-{}:81", port + 1)).unwrap();
        let b = resolve_bindings(&[span.clone(), other.clone()], &[], false).unwrap();
        assert_eq!((b[0].host_port, b[1].host_port), (port, port + 1));
        assert!(resolve_bindings(&[span, other.clone(), other], &[], false).is_err());
        assert!(
            PortMapping::parse("8000-8001:80-82").is_err(),
            "ranges of other sizes"
        );
        assert!(
            PortMapping::parse("0-100:80").is_err(),
            "a span from port 0"
        );
    }

    #[test]
    fn a_taken_or_doubled_port_is_an_error_naming_it() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let m = PortMapping::parse(&format!("127.0.0.1:{port}:80")).unwrap();
        let e = resolve_bindings(std::slice::from_ref(&m), &[], false).unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("port {port}/tcp on 127.0.0.1")),
            "{e}"
        );
        drop(l);
        let e = resolve_bindings(&[m.clone(), m], &[], false).unwrap_err();
        assert!(matches!(e, PortError::Duplicate { .. }), "{e}");
        let sctp = PortMapping::parse("80/sctp").unwrap();
        assert!(resolve_bindings(&[sctp], &[], false).is_err());
    }

    #[test]
    fn expose_values() {
        assert_eq!(parse_expose("80").unwrap(), ["80/tcp"]);
        assert_eq!(parse_expose("53/udp").unwrap(), ["53/udp"]);
        assert_eq!(parse_expose("7000-7001").unwrap(), ["7000/tcp", "7001/tcp"]);
        assert!(parse_expose("8080:80").is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,30}") {
            let _ = PortMapping::parse(&s);
        }

        #[test]
        fn a_mapping_s_spec_parses_back_to_it(
            ip in proptest::sample::select(vec!["", "127.0.0.1", "::1", "fe80::2", "0.0.0.0"]),
            host in proptest::option::of(1u16..60000),
            container in 1u16..60000,
            range in 1u16..100,
            proto in proptest::sample::select(vec!["tcp", "udp", "sctp"]),
        ) {
            let m = PortMapping {
                host_ip: ip.to_string(),
                host_port: host.unwrap_or(0),
                host_port_last: 0,
                container_port: container,
                range,
                protocol: proto.to_string(),
            };
            proptest::prop_assert_eq!(PortMapping::parse(&m.spec()).unwrap(), m);
        }
    }

    #[test]
    fn a_single_port_is_checked_like_a_flag() {
        let m = PortMapping::single("::1", 8080, 80, "TCP").unwrap();
        assert_eq!(m.spec(), "[::1]:8080:80/tcp");
        assert_eq!(
            PortMapping::single("", 0, 53, "udp").unwrap().spec(),
            "53/udp"
        );
        assert!(PortMapping::single("localhost", 1, 80, "tcp").is_err());
        assert!(PortMapping::single("", 1, 0, "tcp").is_err());
        assert!(PortMapping::single("", 1, 80, "icmp").is_err());
    }
}
