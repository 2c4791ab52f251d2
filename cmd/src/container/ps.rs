//! `skiff ps`: list containers with docker's columns, filters and `--format`.

use std::collections::HashMap;

use clap::Args;
use serde_json::Value;
use skiff_libpod::container::network::NetworkState;
use skiff_libpod::container::{ContainerRecord, State};
use skiff_libpod::Engine;

use super::output;
use crate::format::ports::{display_ports, PortView};
use crate::format::FormatSpec;

/// List containers
#[derive(Debug, Args)]
pub struct PsArgs {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    all: bool,
    /// Only display container ids
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Show the N last created containers (includes all states)
    #[arg(short = 'n', long = "last", value_name = "N")]
    last: Option<usize>,
    /// Show the latest created container (includes all states)
    #[arg(short = 'l', long)]
    latest: bool,
    /// Don't truncate output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
    /// Display total file sizes
    #[arg(short = 's', long)]
    size: bool,
    /// Filter output (status=, name=REGEX, label=, ancestor=IMAGE, id=, exited=, since=CONTAINER,
    /// before=CONTAINER, volume=, network=, expose=, publish=, health=, is-task=)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    filter: Vec<String>,
    /// Format output with a Go template ('table ...', '{{json .}}')
    #[arg(long)]
    format: Option<String>,
}

/// What one `--filter KEY=VALUE` tests, with its value parsed and resolved.
enum Test {
    Status(String),
    /// docker's rule: a regular expression searched in the name, with or without its `/`.
    Name(regex::Regex),
    Label(String),
    /// The value as typed, and the image id it resolves to (None: compare names only).
    Ancestor(String, Option<String>),
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
    /// An exposed port, `PORT[/PROTO]` (tcp when no protocol is given).
    Expose(String),
    /// A published container port, `PORT[/PROTO]` (tcp when no protocol is given).
    Publish(String),
    /// docker's `health=`: none, starting, healthy or unhealthy. Matched by [`health_matches`],
    /// which reads the containers' health through the engine.
    Health(String),
    /// docker's `is-task=` (swarm tasks): no container is one.
    IsTask(bool),
}

/// One `--filter KEY=VALUE`.
struct Filter {
    key: String,
    test: Test,
}

/// How `--filter` values that name objects resolve.
struct Resolve<'a> {
    /// An image name or id to the image id; None when no stored image is named so.
    image: &'a mut dyn FnMut(&str) -> anyhow::Result<Option<String>>,
    /// A container name or id to its creation time (unix ns).
    container_created: &'a mut dyn FnMut(&str) -> anyhow::Result<i64>,
}

fn parse_filters(specs: &[String], resolve: Resolve<'_>) -> anyhow::Result<Vec<Filter>> {
    specs
        .iter()
        .map(|s| {
            let (k, v) = s
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("invalid filter {s:?}: use KEY=VALUE"))?;
            let test = match k {
                "status" => {
                    if !matches!(v, "created" | "restarting" | "running" | "removing" | "paused" | "exited" | "dead") {
                        anyhow::bail!("invalid filter status={v}: use created, restarting, running, removing, paused, exited or dead");
                    }
                    Test::Status(v.to_string())
                }
                "name" => Test::Name(regex::Regex::new(v).map_err(|e| {
                    anyhow::anyhow!("invalid filter name={v}: not a regular expression: {e}")
                })?),
                "label" => Test::Label(v.to_string()),
                "ancestor" => Test::Ancestor(v.to_string(), (resolve.image)(v)?),
                "id" => Test::Id(v.to_string()),
                "exited" => Test::Exited(v.parse().map_err(|_| {
                    anyhow::anyhow!("invalid filter exited={v}: use an exit code (a number)")
                })?),
                "since" => Test::Since((resolve.container_created)(v)?),
                "before" => Test::Before((resolve.container_created)(v)?),
                "volume" => Test::Volume(match v.trim_end_matches('/') {
                    "" => "/".to_string(),
                    trimmed => trimmed.to_string(),
                }),
                "network" => Test::Network(v.to_string()),
                "expose" => Test::Expose(with_proto(v)),
                "publish" => Test::Publish(with_proto(v)),
                "health" => match v {
                    "none" | "starting" | "healthy" | "unhealthy" => Test::Health(v.to_string()),
                    _ => anyhow::bail!("invalid filter health={v}: use starting, healthy, unhealthy or none"),
                },
                "is-task" => Test::IsTask(v.parse().map_err(|_| {
                    anyhow::anyhow!("invalid filter is-task={v}: use true or false")
                })?),
                _ => anyhow::bail!(
                    "invalid filter {k:?}: supported filters are status, name, label, ancestor, id, exited, since, before, volume, network, expose, publish, health and is-task"
                ),
            };
            Ok(Filter { key: k.to_string(), test })
        })
        .collect()
}

/// The filters of `specs`, resolving images and containers in `engine`.
fn engine_filters(engine: &mut Engine, specs: &[String]) -> anyhow::Result<Vec<Filter>> {
    let engine = std::cell::RefCell::new(engine);
    parse_filters(
        specs,
        Resolve {
            image: &mut |v| match engine.borrow_mut().resolve_image(v) {
                Ok(image) => Ok(Some(image.id)),
                Err(skiff_libpod::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(e.into()),
            },
            container_created: &mut |v| Ok(engine.borrow_mut().lookup_container(v)?.created),
        },
    )
}

/// Container id -> the user-defined networks it is on (by name).
type NetworkNames = HashMap<String, Vec<String>>;

fn matches_one(rec: &ContainerRecord, f: &Filter, networks: &NetworkNames) -> bool {
    let c = &rec.config;
    match &f.test {
        Test::Status(s) => rec.state.as_str() == s,
        Test::Name(re) => re.is_match(&rec.name) || re.is_match(&format!("/{}", rec.name)),
        Test::Id(prefix) => rec.id.starts_with(prefix.as_str()),
        Test::Exited(code) => rec.state == State::Exited && rec.exit_code == *code,
        Test::Label(want) => match want.split_once('=') {
            Some((k, v)) => c.labels.get(k).map(|x| x == v).unwrap_or(false),
            None => c.labels.contains_key(want),
        },
        Test::Ancestor(_, Some(id)) => c.image_id.as_deref() == Some(id.as_str()),
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
        Test::Expose(p) => c.exposed_ports.iter().any(|e| with_proto(e) == *p),
        Test::Publish(p) => c
            .publish
            .iter()
            .filter_map(|spec| skiff_libpod::network::PortMapping::parse(spec).ok())
            .any(|m| {
                (0..m.range).any(|i| format!("{}/{}", m.container_port + i, m.protocol) == *p)
            }),
        Test::Health(_) => true,
        Test::IsTask(task) => !*task,
    }
}

/// docker's `health=` filters (ORed, and ANDed with the others): the container's health status,
/// or `none` without a healthcheck.
fn health_matches(engine: &Engine, rec: &ContainerRecord, filters: &[Filter]) -> bool {
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

/// `80` as docker writes it in port filters: `80/tcp`.
fn with_proto(port: &str) -> String {
    if port.contains('/') {
        port.to_string()
    } else {
        format!("{port}/tcp")
    }
}

/// Filters with the same key are ORed, different keys ANDed (docker's rule).
fn matches(rec: &ContainerRecord, filters: &[Filter], networks: &NetworkNames) -> bool {
    let mut keys: Vec<&str> = filters.iter().map(|f| f.key.as_str()).collect();
    keys.dedup();
    keys.iter().all(|k| {
        filters
            .iter()
            .filter(|f| f.key == *k)
            .any(|f| matches_one(rec, f, networks))
    })
}

/// docker's `Ellipsis`: at most `max` characters, the last one `…` when cut.
fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        s.chars().take(max - 1).collect::<String>() + "…"
    } else {
        s.to_string()
    }
}

/// Which of a `ps` row's fields to compute: those the format reads, or all.
struct Wanted(Option<Vec<String>>);

impl Wanted {
    fn has(&self, field: &str) -> bool {
        self.0.as_ref().is_none_or(|w| w.iter().any(|f| f == field))
    }
}

/// docker's `ps` row as a JSON object (the fields `--format` templates see), with only the
/// `wanted` fields filled in: building every field of 1,000 rows costs more than reading them.
fn row(
    engine: &Engine,
    rec: &ContainerRecord,
    no_trunc: bool,
    wanted: &Wanted,
    sizes: Option<&HashMap<String, i64>>,
    networks: &NetworkNames,
) -> Value {
    let c = &rec.config;
    let mut m = serde_json::Map::new();
    let mut put = |field: &str, value: &dyn Fn() -> Value| {
        debug_assert!(PS_FIELDS.contains(&field), "{field} missing from PS_FIELDS");
        if wanted.has(field) {
            m.insert(field.to_string(), value());
        }
    };
    put("ID", &|| {
        Value::from(if no_trunc { &rec.id[..] } else { &rec.id[..12] })
    });
    put("Image", &|| Value::from(c.image_display()));
    put("Command", &|| {
        let command = crate::format::docker_command(&c.argv());
        let command = if no_trunc {
            command
        } else {
            ellipsis(&command, 20)
        };
        Value::from(crate::format::go_quote(&command))
    });
    put("CreatedAt", &|| {
        Value::from(crate::format::units::go_time_string(
            rec.created / 1_000_000_000,
        ))
    });
    put("RunningFor", &|| {
        let age = skiff_libpod::container::time::now_ns() - rec.created;
        Value::from(format!("{} ago", output::human_duration(age)))
    });
    put("Status", &|| {
        let status = rec.status_text(output::human_duration);
        // docker's "Up 2 minutes (healthy)".
        let health = engine.health_status(rec);
        match health.filter(|_| rec.state == State::Running) {
            Some(h) => Value::from(format!("{status} {}", h.ps_suffix())),
            None => Value::from(status),
        }
    });
    put("State", &|| Value::from(rec.state.as_str()));
    put("Ports", &|| {
        let net = engine.network_state(rec);
        Value::from(ports_column(&c.exposed_ports, net.as_ref()))
    });
    put("Names", &|| Value::from(rec.name.as_str()));
    put("Labels", &|| {
        let labels: Vec<String> = c.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
        Value::from(labels.join(","))
    });
    // Docker's `{{.Label "key"}}` method: a map the template engine indexes by its argument.
    // Only built when the format names it, so `{{json .}}` shows docker's fields alone.
    if wanted
        .0
        .as_ref()
        .is_some_and(|w| w.iter().any(|f| f == "Label"))
    {
        put("Label", &|| {
            Value::Object(
                c.labels
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                    .collect(),
            )
        });
    }
    // docker's MOUNTS: each volume's name or bind's source (tmpfs mounts are not listed).
    put("Mounts", &|| {
        let mounts: Vec<String> = c
            .mounts
            .iter()
            .filter(|m| m.kind != skiff_libpod::container::MountKind::Tmpfs)
            .map(|m| {
                if no_trunc {
                    m.source.clone()
                } else {
                    ellipsis(&m.source, 15)
                }
            })
            .collect();
        Value::from(mounts.join(","))
    });
    put("Networks", &|| match networks.get(&rec.id) {
        Some(names) => Value::from(names.join(",")),
        None => Value::from(c.network_mode.as_str()),
    });
    put("LocalVolumes", &|| {
        let volumes = c
            .mounts
            .iter()
            .filter(|m| m.kind == skiff_libpod::container::MountKind::Volume)
            .count();
        Value::from(volumes.to_string())
    });
    put("Size", &|| {
        let Some(image_sizes) = sizes else {
            return Value::from("");
        };
        // docker's "2B (virtual 7.8MB)": the writable layer, then with the image's size.
        let upper = engine.container_rw_size(&rec.id);
        let image = c
            .image_id
            .as_ref()
            .and_then(|id| image_sizes.get(id))
            .copied()
            .unwrap_or(0)
            .max(0) as u64;
        let human = crate::format::units::human_size;
        Value::from(format!(
            "{} (virtual {})",
            human(upper),
            human(upper + image)
        ))
    });
    Value::Object(m)
}

/// The PORTS column: the published ports while the container runs (`0.0.0.0:8080->80/tcp`),
/// and the exposed ports that are not published (`443/tcp`), as docker shows them.
fn ports_column(exposed: &[String], net: Option<&NetworkState>) -> String {
    let published = net.map(|n| n.ports.as_slice()).unwrap_or(&[]);
    let mut views: Vec<PortView> = published
        .iter()
        .map(|b| PortView {
            ip: b.display_ip().to_string(),
            private_port: b.container_port,
            public_port: b.host_port,
            proto: b.protocol.clone(),
        })
        .collect();
    views.extend(exposed.iter().filter_map(|p| {
        let (port, proto) = p.split_once('/').unwrap_or((p.as_str(), "tcp"));
        let private_port: u16 = port.parse().ok()?;
        let is_published = published
            .iter()
            .any(|b| b.container_port == private_port && b.protocol == proto);
        (!is_published).then(|| PortView {
            ip: String::new(),
            private_port,
            public_port: 0,
            proto: proto.to_string(),
        })
    }));
    display_ports(&views)
}

/// The fields of a `ps` row, which `--format` may read (docker's `ContainerContext`).
const PS_FIELDS: &[&str] = &[
    "ID",
    "Image",
    "Command",
    "CreatedAt",
    "RunningFor",
    "Status",
    "State",
    "Ports",
    "Names",
    "Labels",
    "Label",
    "Mounts",
    "Networks",
    "LocalVolumes",
    "Size",
];

const DEFAULT_TABLE: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
const DEFAULT_TABLE_SIZE: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}";

/// `skiff ps`.
pub fn exec(engine: &mut Engine, args: PsArgs) -> anyhow::Result<i32> {
    let spec = FormatSpec::parse(args.format.as_deref())?;
    spec.check_fields(PS_FIELDS, "*formatter.ContainerContext")?;
    let filters = engine_filters(engine, &args.filter)?;
    let mut list = engine.list_containers()?;
    let show_all = args.all
        || args.last.is_some()
        || args.latest
        || filters
            .iter()
            .any(|f| matches!(f.test, Test::Status(_) | Test::Exited(_)));
    if !show_all {
        list.retain(|r| r.state.is_active() || r.state == State::Restarting);
    }
    let networks = engine.network_names_by_container()?;
    list.retain(|r| matches(r, &filters, &networks) && health_matches(engine, r, &filters));
    if let Some(n) = args.last {
        list.truncate(n);
    }
    if args.latest {
        list.truncate(1);
    }
    if args.quiet {
        let mut ids = String::with_capacity(list.len() * 65);
        for rec in &list {
            ids.push_str(if args.no_trunc {
                &rec.id
            } else {
                &rec.id[..12]
            });
            ids.push('\n');
        }
        output::write_stdout(&ids)?;
        return Ok(0);
    }
    let table = if args.size {
        DEFAULT_TABLE_SIZE
    } else {
        DEFAULT_TABLE
    };
    let wanted = Wanted(spec.root_fields(table));
    // Sizes walk each container's files: only with -s or a format naming .Size (as docker).
    let size = args.size
        || wanted
            .0
            .as_ref()
            .is_none_or(|w| w.iter().any(|f| f == "Size"));
    let image_sizes: Option<HashMap<String, i64>> = if size {
        Some(
            engine
                .list_images()?
                .into_iter()
                .map(|i| (i.id, i.size))
                .collect(),
        )
    } else {
        None
    };
    let rows: Vec<Value> = list
        .iter()
        .map(|r| {
            row(
                engine,
                r,
                args.no_trunc,
                &wanted,
                image_sizes.as_ref(),
                &networks,
            )
        })
        .collect();
    output::print_rows(
        args.format.as_deref(),
        table,
        &[
            ("ID", "CONTAINER ID"),
            ("RunningFor", "CREATED"),
            ("CreatedAt", "CREATED AT"),
        ],
        &rows,
    )?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::docker_command;

    #[test]
    fn command_column_is_dockers() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(docker_command(&v(&["sleep", "100"])), "sleep 100");
        assert_eq!(
            docker_command(&v(&["sh", "-c", "echo a; x"])),
            "sh -c 'echo a; x'"
        );
        assert_eq!(docker_command(&v(&["/my prog", "\"q\""])), "/my prog \"q\"");
        assert_eq!(
            ellipsis("sh -c 'while true; do sleep 1; done'", 20),
            "sh -c 'while true; …"
        );
        assert_eq!(ellipsis("short", 20), "short");
        let quoted =
            crate::format::go_quote(&ellipsis(&docker_command(&v(&["echo", "\"hi\""])), 20));
        assert_eq!(quoted, r#""echo \"hi\"""#);
    }

    const BUSYBOX_ID: &str = "a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824";

    fn rec(name: &str, image: &str, image_id: Option<&str>, created: i64) -> ContainerRecord {
        let config = skiff_libpod::container::ContainerConfig {
            image: image.to_string(),
            image_id: image_id.map(str::to_string),
            ..Default::default()
        };
        ContainerRecord {
            name: name.to_string(),
            state: State::Exited,
            exit_code: 3,
            ..ContainerRecord::new_created(format!("{created:064}"), created, config)
        }
    }

    /// `busybox` and any prefix of its id resolve; container `mid` was created at 20.
    fn parse(specs: &[&str]) -> anyhow::Result<Vec<Filter>> {
        let specs: Vec<String> = specs.iter().map(|s| s.to_string()).collect();
        parse_filters(
            &specs,
            Resolve {
                image: &mut |v| {
                    Ok(
                        (v == "busybox" || v == "busybox:latest" || BUSYBOX_ID.starts_with(v))
                            .then(|| BUSYBOX_ID.to_string()),
                    )
                },
                container_created: &mut |v| {
                    if v == "mid" {
                        Ok(20)
                    } else {
                        anyhow::bail!("No such container: {v}")
                    }
                },
            },
        )
    }

    fn names(specs: &[&str], recs: &[ContainerRecord]) -> Vec<String> {
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
        ];
        for value in ["busybox", "busybox:latest", &BUSYBOX_ID[..5], BUSYBOX_ID] {
            assert_eq!(
                names(&[&format!("ancestor={value}")], &recs),
                ["tagged", "by-id"],
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
    fn exited_needs_a_number() {
        let recs = [rec("x", "", None, 1)];
        assert_eq!(names(&["exited=3"], &recs), ["x"]);
        let err = parse(&["exited=abc"]).err().unwrap().to_string();
        assert!(err.contains("exited=abc"), "{err}");
        assert!(parse(&["nosuch=1"]).is_err());
    }

    #[test]
    fn volume_network_expose_and_the_filters_nothing_matches() {
        use skiff_libpod::container::{MountConfig, MountKind};
        let mut web = rec("web", "", None, 1);
        web.config.network_mode = "host".into();
        web.config.exposed_ports = vec!["80/tcp".into()];
        web.config.mounts = vec![MountConfig {
            kind: MountKind::Volume,
            source: "data".into(),
            destination: "/srv".into(),
            read_only: false,
            options: Vec::new(),
        }];
        let mut db = rec("db", "", None, 2);
        db.config.network_mode = "none".into();
        let recs = [web, db];
        assert_eq!(names(&["volume=data"], &recs), ["web"]);
        assert_eq!(names(&["volume=/srv/"], &recs), ["web"]);
        assert_eq!(names(&["network=none"], &recs), ["db"]);
        assert_eq!(names(&["expose=80"], &recs), ["web"]);
        assert_eq!(names(&["expose=80/udp"], &recs), Vec::<String>::new());
        assert!(names(&["publish=80"], &recs).is_empty());
        let engine = Engine::new(skiff_libpod::EngineOptions {
            root: Some("/nonexistent".into()),
            runroot: Some("/nonexistent".into()),
        });
        let health = |spec: &str| -> Vec<String> {
            let filters = parse(&[spec]).unwrap();
            recs.iter()
                .filter(|r| health_matches(&engine, r, &filters))
                .map(|r| r.name.clone())
                .collect()
        };
        assert_eq!(health("health=none"), ["web", "db"]);
        assert!(health("health=healthy").is_empty());
        assert_eq!(names(&["is-task=false"], &recs), ["web", "db"]);
        assert!(parse(&["health=sick"]).is_err());
    }
}
