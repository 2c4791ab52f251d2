//! docker's container filters (`ps --filter KEY=VALUE`, the API's `filters`): parsed once,
//! with the images and containers they name resolved, then matched against catalog rows.

use std::collections::HashMap;

use super::rows::ListedContainer;
use super::State;
use crate::engine::Engine;
use crate::error::{Error, Result};

fn invalid(message: String) -> Error {
    Error::InvalidArgument(message)
}

/// Parsed container filters; empty matches every container.
pub struct ContainerFilters(Vec<Filter>);

impl ContainerFilters {
    /// Whether a filter asks for stopped containers (`status=`, `exited=`): docker's `ps`
    /// then lists every container, not only the running ones.
    pub fn shows_stopped(&self) -> bool {
        self.0
            .iter()
            .any(|f| matches!(f.test, Test::Status(_) | Test::Exited(_)))
    }
}

impl Engine {
    /// Parses `KEY=VALUE` filters, resolving the images (`ancestor=`) and containers
    /// (`since=`, `before=`) they name.
    pub fn container_filters(&mut self, specs: &[String]) -> Result<ContainerFilters> {
        let engine = std::cell::RefCell::new(self);
        parse_filters(
            specs,
            Resolve {
                image: &mut |v| match engine.borrow_mut().image_and_descendants(v) {
                    Ok(ids) => Ok(Some(ids)),
                    Err(Error::NotFound { .. }) => Ok(None),
                    Err(e) => Err(e),
                },
                container_created: &mut |v| Ok(engine.borrow_mut().lookup_container(v)?.created),
                pod: &mut |v| match engine.borrow_mut().lookup_pod(v) {
                    Ok(pod) => Ok(Some(pod.id)),
                    Err(Error::NotFound { .. }) => Ok(None),
                    Err(e) => Err(e),
                },
                network: &mut |v| match engine.borrow_mut().network_get(v) {
                    Ok(net) => Ok(Some(net.name)),
                    Err(Error::NotFound { .. }) => Ok(None),
                    Err(e) => Err(e),
                },
            },
        )
        .map(ContainerFilters)
    }

    /// Keeps the containers of `list` that `filters` match (same keys ORed, different keys
    /// ANDed, as docker).
    pub fn retain_filtered(
        &mut self,
        list: &mut Vec<ListedContainer>,
        filters: &ContainerFilters,
    ) -> Result<()> {
        if filters.0.is_empty() {
            return Ok(());
        }
        let networks = self.network_names_by_container()?;
        list.retain(|r| {
            matches(r, &filters.0, &networks)
                && health_matches(self, r, &filters.0)
                && publish_matches(self, r, &filters.0)
        });
        Ok(())
    }
}

/// What one `--filter KEY=VALUE` tests, with its value parsed and resolved.
enum Test {
    Status(String),
    /// docker's rule: a regular expression searched in the name, with or without its `/`.
    Name(regex::Regex),
    Label(String),
    /// The value as typed, and the ids of the image it resolves to and of the images built
    /// on it, docker's rule (None: compare names only).
    Ancestor(String, Option<Vec<String>>),
    Id(String),
    Exited(i32),
    /// Created after the container created at this time (unix ns).
    Since(i64),
    /// Created before the container created at this time (unix ns).
    Before(i64),
    /// A mount whose volume name, bind source or destination is this.
    Volume(String),
    /// The network (mode) the container is on.
    Network(String),
    /// An exposed (container) port in this range.
    Expose(PortRange),
    /// A published host port in this range, as docker's daemon matches `publish=`; matched
    /// by [`publish_matches`], which reads the ports a running container's helper bound.
    Publish(PortRange),
    /// docker's `health=`: none, starting, healthy or unhealthy. Matched by [`health_matches`],
    /// which reads the containers' health through the engine.
    Health(String),
    /// docker's `is-task=` (swarm tasks): no container is one.
    IsTask(bool),
    /// podman's `restart-policy=`: no, always, on-failure or unless-stopped.
    RestartPolicy(String),
    /// podman's `pod=`: the full id of the pod the container belongs to (None: a pod that
    /// does not exist, which no container is in, as podman lists none).
    Pod(Option<String>),
    /// podman's `until=`: created before this time (unix ns).
    Until(i64),
}

/// One `--filter KEY=VALUE`.
struct Filter {
    key: String,
    test: Test,
}

/// How `--filter` values that name objects resolve.
struct Resolve<'a> {
    /// An image name or id to the image's id and its descendants' ids; None when no stored
    /// image is named so.
    image: &'a mut dyn FnMut(&str) -> Result<Option<Vec<String>>>,
    /// A container name or id to its creation time (unix ns).
    container_created: &'a mut dyn FnMut(&str) -> Result<i64>,
    /// A pod name or id to its full id; None when no pod is named so.
    pod: &'a mut dyn FnMut(&str) -> Result<Option<String>>,
    /// A network name or id (or a prefix of it) to its name; None when no network is named
    /// so.
    network: &'a mut dyn FnMut(&str) -> Result<Option<String>>,
}

fn parse_filters(specs: &[String], resolve: Resolve<'_>) -> Result<Vec<Filter>> {
    specs
        .iter()
        .map(|s| {
            let (k, v) = s
                .split_once('=')
                .ok_or_else(|| invalid(format!("invalid filter {s:?}: use KEY=VALUE")))?;
            let test = match k {
                "status" => {
                    if !matches!(v, "created" | "initialized" | "restarting" | "running" | "removing" | "paused" | "exited" | "dead") {
                        return Err(invalid(format!("invalid filter status={v}: use created, initialized, restarting, running, removing, paused, exited or dead")));
                    }
                    Test::Status(v.to_string())
                }
                "name" => Test::Name(regex::Regex::new(v).map_err(|e| {
                    invalid(format!("invalid filter name={v}: not a regular expression: {e}"))
                })?),
                "label" => Test::Label(v.to_string()),
                "ancestor" => Test::Ancestor(v.to_string(), (resolve.image)(v)?),
                "id" => Test::Id(v.to_string()),
                "exited" => Test::Exited(v.parse().map_err(|_| {
                    invalid(format!("invalid filter exited={v}: use an exit code (a number)"))
                })?),
                "since" => Test::Since((resolve.container_created)(v)?),
                "before" => Test::Before((resolve.container_created)(v)?),
                "volume" => Test::Volume(match v.trim_end_matches('/') {
                    "" => "/".to_string(),
                    trimmed => trimmed.to_string(),
                }),
                // docker's: the network's name, or its id or a prefix of it.
                "network" => Test::Network((resolve.network)(v)?.unwrap_or_else(|| v.to_string())),
                "pod" => Test::Pod((resolve.pod)(v)?),
                "until" => Test::Until(super::time::parse_time_arg(v, super::time::now_ns()).ok_or_else(|| {
                    invalid(format!("invalid filter until={v}: use a duration (10m, 1h30m), unix seconds or an RFC 3339 time"))
                })?),
                "expose" => Test::Expose(PortRange::parse(k, v)?),
                "publish" => Test::Publish(PortRange::parse(k, v)?),
                "health" => match v {
                    "none" | "starting" | "healthy" | "unhealthy" => Test::Health(v.to_string()),
                    _ => return Err(invalid(format!("invalid filter health={v}: use starting, healthy, unhealthy or none"))),
                },
                "is-task" => Test::IsTask(v.parse().map_err(|_| {
                    invalid(format!("invalid filter is-task={v}: use true or false"))
                })?),
                "restart-policy" => match v {
                    "no" | "always" | "on-failure" | "unless-stopped" => Test::RestartPolicy(v.to_string()),
                    _ => return Err(invalid(format!("invalid filter restart-policy={v}: use no, always, on-failure or unless-stopped"))),
                },
                _ => return Err(invalid(format!(
                    "invalid filter {k:?}: supported filters are status, name, label, ancestor, id, exited, since, before, volume, network, expose, publish, health, is-task, restart-policy, pod and until"
                ))),
            };
            Ok(Filter { key: k.to_string(), test })
        })
        .collect()
}

/// Container id -> the user-defined networks it is on (by name).
type NetworkNames = HashMap<String, Vec<String>>;

fn matches_one(rec: &ListedContainer, f: &Filter, networks: &NetworkNames) -> bool {
    let c = &rec.config;
    match &f.test {
        Test::Status(s) => rec.state.as_str() == s,
        Test::Name(re) => re.is_match(&rec.name) || re.is_match(&format!("/{}", rec.name)),
        Test::Id(prefix) => rec.id.starts_with(prefix.as_str()),
        // As docker: only a container that ran (a created one whose start failed has a code
        // but never started).
        Test::Exited(code) => rec.state == State::Exited && rec.exit_code == *code,
        Test::Label(want) => match want.split_once('=') {
            Some((k, v)) => c.labels.get(k).map(|x| x == v).unwrap_or(false),
            None => c.labels.contains_key(want),
        },
        Test::Ancestor(_, Some(ids)) => c.image_id.as_ref().is_some_and(|id| ids.contains(id)),
        Test::Ancestor(want, None) => {
            let typed = c.image.as_str();
            typed == want
                || typed.rsplit_once(':').map(|(repo, _)| repo) == Some(want.as_str())
                || c.image_id
                    .as_deref()
                    .map(|id| id.starts_with(want.trim_start_matches("sha256:")))
                    .unwrap_or(false)
                || c.rootfs
                    .as_ref()
                    .map(|r| r.path.display().to_string() == *want)
                    .unwrap_or(false)
        }
        Test::Since(t) => rec.created > *t,
        Test::Before(t) => rec.created < *t,
        Test::Volume(v) => c
            .mounts
            .iter()
            .any(|m| (!m.source.is_empty() && m.source == *v) || m.destination == *v),
        Test::Network(n) => {
            c.network_mode == *n
                || (n == "bridge" && matches!(c.network_mode.as_str(), "slirp4netns" | "pasta"))
                || networks.get(&rec.id).is_some_and(|names| names.contains(n))
        }
        Test::Expose(r) => c.exposed_ports.iter().any(|e| {
            let (port, proto) = e.split_once('/').unwrap_or((e, "tcp"));
            port.parse().is_ok_and(|port| r.holds(port, proto))
        }),
        Test::Health(_) | Test::Publish(_) => true,
        Test::IsTask(task) => !*task,
        Test::RestartPolicy(p) => c.restart.name == *p || (p == "no" && c.restart.name.is_empty()),
        Test::Pod(id) => id.as_deref() == Some(c.pod.as_str()),
        Test::Until(t) => rec.created < *t,
    }
}

/// docker's `health=` filters (ORed, and ANDed with the others): the container's health status,
/// or `none` without a healthcheck.
fn health_matches(engine: &Engine, rec: &ListedContainer, filters: &[Filter]) -> bool {
    let mut wanted = filters
        .iter()
        .filter_map(|f| match &f.test {
            Test::Health(h) => Some(h.as_str()),
            _ => None,
        })
        .peekable();
    if wanted.peek().is_none() {
        return true;
    }
    let status = engine.health_status(rec).map_or("none", |h| h.as_str());
    wanted.any(|w| w == status)
}

/// docker's `publish=` filters (ORed, and ANDed with the others): a host port the running
/// container's ports were published on (a stopped one has none, as docker's daemon drops
/// them).
fn publish_matches(engine: &Engine, rec: &ListedContainer, filters: &[Filter]) -> bool {
    let mut wanted = filters
        .iter()
        .filter_map(|f| match &f.test {
            Test::Publish(r) => Some(r),
            _ => None,
        })
        .peekable();
    if wanted.peek().is_none() {
        return true;
    }
    let views = engine.port_views(rec);
    wanted.any(|r| {
        views
            .iter()
            .any(|v| v.public_port != 0 && r.holds(v.public_port, &v.proto))
    })
}

/// A port filter's value, docker's `PORT[/PROTO]` or `FIRST-LAST[/PROTO]` (tcp when no
/// protocol is given).
#[derive(Debug, Clone, PartialEq, Eq)]
struct PortRange {
    first: u16,
    last: u16,
    proto: String,
}

impl PortRange {
    fn parse(key: &str, v: &str) -> Result<PortRange> {
        let bad = || {
            Error::InvalidArgument(format!(
                "invalid filter {key}={v}: use PORT[/PROTO] or FIRST-LAST[/PROTO]"
            ))
        };
        let (ports, proto) = v.split_once('/').unwrap_or((v, "tcp"));
        let (first, last) = ports.split_once('-').unwrap_or((ports, ports));
        let first: u16 = first.parse().map_err(|_| bad())?;
        let last: u16 = last.parse().map_err(|_| bad())?;
        if last < first || proto.is_empty() {
            return Err(bad());
        }
        Ok(PortRange {
            first,
            last,
            proto: proto.to_ascii_lowercase(),
        })
    }

    fn holds(&self, port: u16, proto: &str) -> bool {
        (self.first..=self.last).contains(&port) && self.proto == proto
    }
}

/// Filters with the same key are ORed, different keys ANDed (docker's rule), but for
/// `label`: a container must carry every label given (docker-compose selects a project's
/// service with two).
fn matches(rec: &ListedContainer, filters: &[Filter], networks: &NetworkNames) -> bool {
    let mut keys: Vec<&str> = filters.iter().map(|f| f.key.as_str()).collect();
    keys.dedup();
    keys.iter().all(|k| {
        let mut same = filters.iter().filter(|f| f.key == *k);
        if *k == "label" {
            same.all(|f| matches_one(rec, f, networks))
        } else {
            same.any(|f| matches_one(rec, f, networks))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUSYBOX_ID: &str = "a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824";
    /// An image built on busybox: `ancestor=busybox` matches its containers too.
    const CHILD_ID: &str = "d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1";

    fn rec(name: &str, image: &str, image_id: Option<&str>, created: i64) -> ListedContainer {
        let config = crate::container::ContainerConfig {
            image: image.to_string(),
            image_id: image_id.map(str::to_string),
            ..Default::default()
        };
        crate::container::ContainerRecord {
            name: name.to_string(),
            state: State::Exited,
            exit_code: 3,
            ..crate::container::ContainerRecord::new_created(
                format!("{created:064}"),
                created,
                config,
            )
        }
        .listed()
    }

    /// `busybox` and any prefix of its id resolve; container `mid` was created at 20.
    fn parse(specs: &[&str]) -> Result<Vec<Filter>> {
        let specs: Vec<String> = specs.iter().map(|s| s.to_string()).collect();
        parse_filters(
            &specs,
            Resolve {
                image: &mut |v| {
                    Ok(
                        (v == "busybox" || v == "busybox:latest" || BUSYBOX_ID.starts_with(v))
                            .then(|| vec![BUSYBOX_ID.to_string(), CHILD_ID.to_string()]),
                    )
                },
                container_created: &mut |v| {
                    if v == "mid" {
                        Ok(20)
                    } else {
                        Err(Error::not_found("container", v))
                    }
                },
                pod: &mut |v| Err(crate::pod::no_such_pod(v)),
                network: &mut |v| Ok((v == "f00d").then(|| "net1".to_string())),
            },
        )
    }

    fn names(specs: &[&str], recs: &[ListedContainer]) -> Vec<String> {
        let filters = parse(specs).unwrap();
        recs.iter()
            .filter(|r| matches(r, &filters, &NetworkNames::new()))
            .map(|r| r.name.clone())
            .collect()
    }

    #[test]
    fn name_is_a_regular_expression() {
        let recs = [
            rec("web", "", None, 1),
            rec("web2", "", None, 2),
            rec("db", "", None, 3),
        ];
        assert_eq!(names(&["name=web"], &recs), ["web", "web2"]);
        assert_eq!(names(&["name=^web$"], &recs), ["web"]);
        assert_eq!(names(&["name=^/web$"], &recs), ["web"]);
        assert_eq!(names(&["name=^d"], &recs), ["db"]);
        let err = parse(&["name=web("]).err().unwrap().to_string();
        assert!(err.contains("not a regular expression"), "{err}");
    }

    #[test]
    fn ancestor_resolves_the_image() {
        let recs = [
            rec("tagged", "busybox:latest", Some(BUSYBOX_ID), 1),
            rec("by-id", &BUSYBOX_ID[..12], Some(BUSYBOX_ID), 2),
            rec("other", "alpine", Some(&"b".repeat(64)), 3),
            rec("gone", "old:1", Some(&"c".repeat(64)), 4),
            rec("child", "app:1", Some(CHILD_ID), 5),
        ];
        for value in ["busybox", "busybox:latest", &BUSYBOX_ID[..5], BUSYBOX_ID] {
            assert_eq!(
                names(&[&format!("ancestor={value}")], &recs),
                ["tagged", "by-id", "child"],
                "{value}"
            );
        }
        assert_eq!(names(&["ancestor=old"], &recs), ["gone"]);
        assert_eq!(names(&["ancestor=old:1"], &recs), ["gone"]);
        assert!(names(&["ancestor=nosuch"], &recs).is_empty());
    }

    #[test]
    fn since_and_before_a_container() {
        let recs = [
            rec("new", "", None, 30),
            rec("mid", "", None, 20),
            rec("old", "", None, 10),
        ];
        assert_eq!(names(&["since=mid"], &recs), ["new"]);
        assert_eq!(names(&["before=mid"], &recs), ["old"]);
        assert!(parse(&["since=nosuch"]).is_err());
    }

    #[test]
    fn restart_policy_matches_the_policy_name() {
        let mut always = rec("always", "", None, 1);
        always.config.restart.name = "always".into();
        let mut failing = rec("failing", "", None, 2);
        failing.config.restart.name = "on-failure".into();
        let plain = rec("plain", "", None, 3);
        let recs = [always, failing, plain];
        assert_eq!(names(&["restart-policy=always"], &recs), ["always"]);
        assert_eq!(names(&["restart-policy=on-failure"], &recs), ["failing"]);
        assert_eq!(names(&["restart-policy=no"], &recs), ["plain"]);
        let err = parse(&["restart-policy=sometimes"])
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("use no, always"), "{err}");
    }

    #[test]
    fn exited_needs_a_number() {
        let recs = [rec("x", "", None, 1)];
        assert_eq!(names(&["exited=3"], &recs), ["x"]);
        let err = parse(&["exited=abc"]).err().unwrap().to_string();
        assert!(err.contains("exited=abc"), "{err}");
        assert!(parse(&["nosuch=1"]).is_err());
    }

    #[test]
    fn volume_network_expose_and_the_filters_nothing_matches() {
        use crate::container::{MountConfig, MountKind};
        let mut web = rec("web", "", None, 1);
        web.config.network_mode = "host".into();
        web.config.exposed_ports = vec!["80/tcp".into()];
        web.config.mounts = vec![MountConfig {
            kind: MountKind::Volume,
            source: "data".into(),
            destination: "/srv".into(),
            read_only: false,
            options: Vec::new(),
            create_source: false,
        }];
        let mut db = rec("db", "", None, 2);
        db.config.network_mode = "none".into();
        let recs = [web, db];
        assert_eq!(names(&["volume=data"], &recs), ["web"]);
        assert_eq!(names(&["volume=/srv/"], &recs), ["web"]);
        assert_eq!(names(&["network=none"], &recs), ["db"]);
        // A user-defined network by its id (or a prefix), as by its name.
        let on: NetworkNames = [(recs[0].id.clone(), vec!["net1".to_string()])].into();
        for spec in ["network=f00d", "network=net1"] {
            let filters = parse(&[spec]).unwrap();
            assert!(matches(&recs[0], &filters, &on), "{spec}");
            assert!(!matches(&recs[1], &filters, &on), "{spec}");
        }
        assert_eq!(names(&["expose=80"], &recs), ["web"]);
        assert_eq!(names(&["expose=80/udp"], &recs), Vec::<String>::new());
        assert_eq!(names(&["expose=79-81"], &recs), ["web"]);
        assert_eq!(names(&["expose=81-90/tcp"], &recs), Vec::<String>::new());
        assert!(parse(&["expose=90-80"]).is_err());
        assert!(parse(&["publish=http"]).is_err());
        let engine = Engine::new(crate::EngineOptions {
            root: Some("/nonexistent".into()),
            runroot: Some("/nonexistent".into()),
            ..Default::default()
        });
        let health = |spec: &str| -> Vec<String> {
            let filters = parse(&[spec]).unwrap();
            recs.iter()
                .filter(|r| health_matches(&engine, r, &filters))
                .map(|r| r.name.clone())
                .collect()
        };
        assert_eq!(health("health=none"), ["web", "db"]);
        // A stopped container publishes nothing (docker's daemon drops its ports).
        let filters = parse(&["publish=80"]).unwrap();
        assert!(!recs.iter().any(|r| publish_matches(&engine, r, &filters)));
        assert!(health("health=healthy").is_empty());
        assert_eq!(names(&["is-task=false"], &recs), ["web", "db"]);
        assert!(parse(&["health=sick"]).is_err());
    }
}
