//! Docker's `PORTS` column (`ps`): published ports as `0.0.0.0:8080->80/tcp`, exposed ports as
//! `80/tcp`, and runs of consecutive ports folded into ranges (`8000-8002/tcp`).

use std::collections::HashMap;

pub use skiff_libpod::container::inspect::PortView;

/// Formats ports as docker's `PORTS` column does, comma separated.
pub fn display_ports(ports: &[PortView]) -> String {
    let mut ports: Vec<&PortView> = ports.iter().collect();
    ports.sort_by(|a, b| {
        (a.private_port, &a.ip, a.public_port, &a.proto).cmp(&(
            b.private_port,
            &b.ip,
            b.public_port,
            &b.proto,
        ))
    });
    let mut groups: HashMap<String, (u16, u16)> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut result = Vec::new();
    let mut host_mappings = Vec::new();
    for p in ports {
        let current = p.private_port;
        let key = if p.ip.is_empty() {
            p.proto.clone()
        } else {
            if p.public_port != current {
                host_mappings.push(format!(
                    "{}->{}/{}",
                    join_host_port(&p.ip, p.public_port),
                    current,
                    p.proto
                ));
                continue;
            }
            format!("{}/{}", p.ip, p.proto)
        };
        match groups.get_mut(&key) {
            None => {
                groups.insert(key.clone(), (current, current));
                order.push(key);
            }
            Some(g) if u32::from(current) == u32::from(g.1) + 1 => g.1 = current,
            Some(g) => {
                result.push(form_group(&key, g.0, g.1));
                *g = (current, current);
            }
        }
    }
    for key in &order {
        let (first, last) = groups[key];
        result.push(form_group(key, first, last));
    }
    result.extend(host_mappings);
    result.join(", ")
}

fn form_group(key: &str, first: u16, last: u16) -> String {
    let (ip, proto) = key.rsplit_once('/').unwrap_or(("", key));
    let mut group = first.to_string();
    if first != last {
        group = format!("{group}-{last}");
    }
    if ip.is_empty() {
        format!("{group}/{proto}")
    } else {
        // Docker writes the address without brackets here, even for IPv6.
        format!("{ip}:{group}->{group}/{proto}")
    }
}

/// Go's `net.JoinHostPort`: IPv6 addresses in brackets.
fn join_host_port(ip: &str, port: u16) -> String {
    if ip.contains(':') {
        format!("[{ip}]:{port}")
    } else {
        format!("{ip}:{port}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(ip: &str, private_port: u16, public_port: u16, proto: &str) -> PortView {
        PortView {
            ip: ip.into(),
            private_port,
            public_port,
            proto: proto.into(),
        }
    }

    #[test]
    fn published_and_exposed() {
        assert_eq!(display_ports(&[]), "");
        assert_eq!(display_ports(&[p("", 80, 0, "tcp")]), "80/tcp");
        assert_eq!(
            display_ports(&[p("0.0.0.0", 80, 8080, "tcp")]),
            "0.0.0.0:8080->80/tcp"
        );
        assert_eq!(
            display_ports(&[p("0.0.0.0", 80, 8080, "tcp"), p("::", 80, 8080, "tcp")]),
            "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp"
        );
        assert_eq!(
            display_ports(&[p("127.0.0.1", 53, 53, "udp")]),
            "127.0.0.1:53->53/udp"
        );
    }

    #[test]
    fn consecutive_ports_fold_into_ranges() {
        let ports = [
            p("", 8002, 0, "tcp"),
            p("", 8000, 0, "tcp"),
            p("", 8001, 0, "tcp"),
            p("", 9000, 0, "tcp"),
        ];
        assert_eq!(display_ports(&ports), "8000-8002/tcp, 9000/tcp");
        let same = [
            p("0.0.0.0", 80, 80, "tcp"),
            p("0.0.0.0", 81, 81, "tcp"),
            p("", 443, 0, "udp"),
        ];
        assert_eq!(display_ports(&same), "0.0.0.0:80-81->80-81/tcp, 443/udp");
        let v6 = [p("::", 80, 80, "tcp")];
        assert_eq!(display_ports(&v6), ":::80->80/tcp");
    }

    #[test]
    fn max_port_does_not_overflow() {
        assert_eq!(
            display_ports(&[p("", 65535, 0, "tcp"), p("", 65535, 0, "udp")]),
            "65535/tcp, 65535/udp"
        );
    }
}
