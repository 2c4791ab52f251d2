//! podman's `kube play --publish [IP:]HOSTPORT:CONTAINERPORT[/PROTOCOL]` (and a `.kube`
//! Quadlet file's `PublishPort=`): a port that overrides the YAML's publication of that
//! container port in each pod, or is added to each pod that has none. Unlike podman's, the
//! host port must be given (skiff's plan has no port chosen at random).

use super::plan::{PlanError, PlayPlan, PortPlan};

/// Applies each of `specs` to every pod of `plan` that has its own network (a `hostNetwork`
/// pod publishes nothing).
pub fn apply_publish(plan: &mut PlayPlan, specs: &[String]) -> Result<(), PlanError> {
    let ports = specs
        .iter()
        .map(|s| parse_publish(s))
        .collect::<Result<Vec<_>, _>>()?;
    for pod in plan.pods.iter_mut().filter(|p| !p.host_network) {
        for port in &ports {
            let same = |p: &PortPlan| {
                p.container_port == port.container_port && p.protocol == port.protocol
            };
            match pod.ports.iter_mut().find(|p| same(p)) {
                Some(p) => *p = port.clone(),
                None => pod.ports.push(port.clone()),
            }
        }
    }
    Ok(())
}

/// One `--publish` value: `HOSTPORT:CONTAINERPORT`, with an optional `IP:` (`[IPv6]:`) before
/// and `/tcp`, `/udp` or `/sctp` after (tcp by default).
pub fn parse_publish(spec: &str) -> Result<PortPlan, PlanError> {
    let bad = |why: &str| {
        PlanError(format!(
            "--publish {spec:?}: {why}; use [IP:]HOSTPORT:CONTAINERPORT[/PROTOCOL], e.g. 8080:80"
        ))
    };
    let (ports, protocol) = match spec.rsplit_once('/') {
        Some((p, proto)) => (p, proto.to_ascii_lowercase()),
        None => (spec, "tcp".to_string()),
    };
    if !matches!(protocol.as_str(), "tcp" | "udp" | "sctp") {
        return Err(bad("the protocol is not tcp, udp or sctp"));
    }
    let (rest, container) = ports
        .rsplit_once(':')
        .ok_or_else(|| bad("no host port (a bare container port is not published)"))?;
    let (host_ip, host) = match rest.rsplit_once(':') {
        Some((ip, host)) => (ip.trim_start_matches('[').trim_end_matches(']'), host),
        None => ("", rest),
    };
    let number = |s: &str, what: &str| -> Result<u16, PlanError> {
        s.parse::<u16>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| bad(&format!("{what} {s:?} is not a port from 1 to 65535")))
    };
    if !host_ip.is_empty() && host_ip.parse::<std::net::IpAddr>().is_err() {
        return Err(bad(&format!("{host_ip:?} is not an IP address")));
    }
    Ok(PortPlan {
        host_ip: host_ip.to_string(),
        host_port: number(host, "the host port")?,
        container_port: number(container, "the container port")?,
        protocol,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn port(ip: &str, host: u16, ctr: u16, proto: &str) -> PortPlan {
        PortPlan {
            host_ip: ip.into(),
            host_port: host,
            container_port: ctr,
            protocol: proto.into(),
        }
    }

    #[test]
    fn publish_values_in_podman_s_forms() {
        assert_eq!(parse_publish("8080:80").unwrap(), port("", 8080, 80, "tcp"));
        assert_eq!(
            parse_publish("127.0.0.1:53:53/UDP").unwrap(),
            port("127.0.0.1", 53, 53, "udp")
        );
        assert_eq!(
            parse_publish("[::1]:8443:443").unwrap(),
            port("::1", 8443, 443, "tcp")
        );
        for bad in [
            "80",
            "0:80",
            "x:80",
            "8080:80/icmp",
            "nothost:1:2",
            "70000:1",
            "",
        ] {
            assert!(parse_publish(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_publish_overrides_the_yaml_s_port_or_is_added() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  \
                    - name: a\n    image: b\n    ports:\n    - {containerPort: 80, hostPort: 8080}\n";
        let docs = crate::k8s::read_documents(yaml).unwrap();
        let mut plan = crate::k8s::plan(&docs).unwrap();
        apply_publish(&mut plan, &["9090:80".into(), "9443:443".into()]).unwrap();
        assert_eq!(
            plan.pods[0].ports,
            [port("", 9090, 80, "tcp"), port("", 9443, 443, "tcp")]
        );
    }

    proptest! {
        #[test]
        fn parsing_never_panics(s in "\\PC{0,24}") {
            let _ = parse_publish(&s);
        }
    }
}
