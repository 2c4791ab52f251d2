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
    /// First container port.
    pub container_port: u16,
    /// How many consecutive ports.
    pub range: u16,
    /// "tcp", "udp" or "sctp".
    pub protocol: String,
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
        if !matches!(protocol.as_str(), "tcp" | "udp" | "sctp") {
            return Err(err("the protocol must be tcp, udp or sctp"));
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
        if !host_ip.is_empty() && host_ip.parse::<std::net::IpAddr>().is_err() {
            return Err(err("the host address is not an IP address"));
        }
        let (c_start, c_end) = parse_range(container).ok_or_else(|| err("bad container port"))?;
        if c_start == 0 {
            return Err(err("the container port must not be 0"));
        }
        let (h_start, h_end) = if host.is_empty() {
            (0, 0)
        } else {
            parse_range(host).ok_or_else(|| err("bad host port"))?
        };
        let range = c_end - c_start + 1;
        if host_port_range_mismatch(h_start, h_end, range) {
            return Err(err("the host and container port ranges differ in size"));
        }
        Ok(PortMapping {
            host_ip,
            host_port: h_start,
            container_port: c_start,
            range,
            protocol,
        })
    }
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
        assert!(PortMapping::parse("70-71:80").is_err());
        assert!(PortMapping::parse("80/icmp").is_err());
        assert_eq!(PortMapping::parse("[::1]:80:80").unwrap().host_ip, "::1");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,30}") {
            let _ = PortMapping::parse(&s);
        }
    }
}
