//! `skiff ps`: list containers with docker's columns, filters and `--format`.

use std::collections::{HashMap, HashSet};

use clap::Args;
use serde_json::Value;
use skiff_libpod::container::rows::ListedContainer;
use skiff_libpod::container::State;
use skiff_libpod::Engine;

use super::output;
use crate::format::ports::display_ports;
use crate::format::{ellipsis, FormatSpec, HeaderMap};

/// List containers
#[derive(Debug, Args)]
pub struct PsArgs {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    all: bool,
    /// Only display container ids
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Show the N last created containers (includes all states; 0 or less: no limit)
    #[arg(
        short = 'n',
        long = "last",
        value_name = "N",
        allow_negative_numbers = true
    )]
    last: Option<i64>,
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
    /// before=CONTAINER, volume=, network=, expose=, publish=, health=, is-task=, pod=)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    filter: Vec<String>,
    /// Format output with a Go template ('table ...', '{{json .}}')
    #[arg(long)]
    format: Option<String>,
    /// Show the pod of each container (POD ID and PODNAME columns)
    #[arg(long)]
    pod: bool,
    /// Do not print the table's heading line (podman's)
    #[arg(long)]
    noheading: bool,
    /// Sort by command, created, id, image, names, runningfor or status (podman's; created and
    /// runningfor put the newest first, as without it)
    #[arg(long, value_name = "FIELD")]
    sort: Option<String>,
    /// Print the list again every SECONDS, on a cleared screen on a terminal, until
    /// interrupted (podman's)
    #[arg(short = 'w', long, value_name = "SECONDS")]
    watch: Option<u64>,
    /// Sync each container's state with its runtime first (podman's): skiff always reads the
    /// state from the container's monitor and process, so this changes nothing
    #[arg(long)]
    sync: bool,
    /// Also show containers of other tools in the storage (podman's: buildah's): skiff's store
    /// holds only skiff's, so this changes nothing
    #[arg(long)]
    external: bool,
    /// Show each running container's PID and namespaces (podman's: CGROUPNS IPC MNT NET PIDNS
    /// USERNS UTS, the namespaces' inode numbers)
    #[arg(long = "ns")]
    namespaces: bool,
}

/// Container id -> the user-defined networks it is on (by name).
type NetworkNames = HashMap<String, Vec<String>>;

/// Which of a `ps` row's fields to compute: those the format reads, or all.
struct Wanted(Option<Vec<String>>);

impl Wanted {
    /// The field is read, or every field may be.
    fn has(&self, field: &str) -> bool {
        self.0.as_ref().is_none_or(|w| w.iter().any(|f| f == field))
    }

    /// The format names the field (podman's fields and docker's `Label` method, which `{{json
    /// .}}` leaves out).
    fn named(&self, field: &str) -> bool {
        self.0
            .as_ref()
            .is_some_and(|w| w.iter().any(|f| f == field))
    }
}

/// One container's `ps` fields, each computed only when a column, template or filter reads it.
struct RowFields<'a> {
    engine: &'a Engine,
    rec: &'a ListedContainer,
    no_trunc: bool,
    sizes: Option<&'a HashMap<String, i64>>,
    networks: &'a NetworkNames,
    /// Pod names by id (filled only when a pod field is wanted).
    pods: &'a HashMap<String, String>,
    /// The pods' infra containers' ids (filled only when `IsInfra` is wanted).
    infra: &'a HashSet<String>,
}

impl RowFields<'_> {
    /// The text of `field` (any of [`PS_FIELDS`] but `Label`, or of [`NAMED_ONLY`] or
    /// [`PODMAN_TYPED`] but `Namespaces`) as docker's (or podman's) column shows it.
    fn text(&self, field: &str) -> String {
        let (rec, c, no_trunc) = (self.rec, &self.rec.config, self.no_trunc);
        match field {
            "ID" => (if no_trunc { &rec.id[..] } else { &rec.id[..12] }).to_string(),
            "Image" => c.image_display(),
            "Command" => {
                let command = crate::format::docker_command(&c.argv());
                let command = if no_trunc {
                    command
                } else {
                    ellipsis(&command, 20)
                };
                crate::format::go_quote(&command)
            }
            "CreatedAt" => crate::format::units::go_time_string(rec.created / 1_000_000_000),
            "RunningFor" => {
                let age = skiff_libpod::container::time::now_ns() - rec.created;
                format!("{} ago", output::human_duration(age))
            }
            "Status" => self.engine.ps_status(rec, output::human_duration),
            "State" => rec.state.as_str().to_string(),
            "Ports" => display_ports(&self.engine.port_views(rec)),
            "Names" => rec.name.clone(),
            "Labels" => {
                let labels: Vec<String> =
                    c.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
                labels.join(",")
            }
            // docker's MOUNTS: each volume's name or bind's source (tmpfs mounts are not listed).
            "Mounts" => {
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
                mounts.join(",")
            }
            "Networks" => {
                // The default network is docker's `bridge`, as `network ls` lists it.
                let mode = match skiff_libpod::container::inspect::keeps_default(&c.network_mode) {
                    true => "bridge",
                    false => c.network_mode.as_str(),
                };
                match self.networks.get(&rec.id) {
                    Some(names) if mode == "bridge" => std::iter::once("bridge")
                        .chain(names.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join(","),
                    Some(names) => names.join(","),
                    None => mode.to_string(),
                }
            }
            "LocalVolumes" => {
                let volumes = c
                    .mounts
                    .iter()
                    .filter(|m| m.kind == skiff_libpod::container::MountKind::Volume)
                    .count();
                volumes.to_string()
            }
            "Size" => self.size(),
            // podman's POD ID (12 digits unless --no-trunc) and PODNAME; "" outside a pod.
            "Pod" => {
                let id = &c.pod;
                (if no_trunc || id.len() < 12 {
                    &id[..]
                } else {
                    &id[..12]
                })
                .to_string()
            }
            "PodName" => self.pods.get(&c.pod).cloned().unwrap_or_default(),
            "Pid" => match rec.state.is_active() {
                true => rec.pid.to_string(),
                false => "0".to_string(),
            },
            f if PODMAN_TYPED.contains(&f) => match self.podman(f) {
                Value::String(text) => text,
                other => other.to_string(),
            },
            ns => match NAMESPACES.iter().find(|(f, _)| *f == ns) {
                Some((_, kind)) => namespace_of(rec, kind),
                None => unreachable!("{field} is not a text field of ps"),
            },
        }
    }

    /// podman's typed fields ([`PODMAN_TYPED`]) as its `ps` JSON has them: booleans, numbers,
    /// unix seconds (Go's zero time, -62135596800, for a time that never was, as podman's).
    fn podman(&self, field: &str) -> Value {
        let rec = self.rec;
        let unix = |ns: i64| match ns {
            0 => GO_ZERO_TIME,
            ns => ns.div_euclid(1_000_000_000),
        };
        match field {
            "IsInfra" => self.infra.contains(&rec.id).into(),
            "ExitCode" => rec.exit_code.into(),
            "Exited" => (rec.state == State::Exited).into(),
            "ExitedAt" => unix(rec.finished).into(),
            "StartedAt" => unix(rec.started).into(),
            "AutoRemove" => rec.config.auto_remove.into(),
            "ImageID" => {
                let id = rec.config.image_id.as_deref().unwrap_or_default();
                (if self.no_trunc || id.len() < 12 {
                    id
                } else {
                    &id[..12]
                })
                .into()
            }
            "Created" => skiff_libpod::container::time::go_time_string_nanos(rec.created).into(),
            "CreatedHuman" => self.text("RunningFor").into(),
            _ => unreachable!("{field} is not a typed field of ps"),
        }
    }

    /// podman's `Namespaces` object: each namespace field by its name.
    fn namespaces(&self) -> Value {
        NAMESPACES
            .iter()
            .map(|(field, kind)| (field.to_string(), Value::from(namespace_of(self.rec, kind))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}

/// podman's namespace fields of a `ps` row and the `/proc/PID/ns` entry each reads.
const NAMESPACES: &[(&str, &str)] = &[
    ("Cgroup", "cgroup"),
    ("IPC", "ipc"),
    ("MNT", "mnt"),
    ("NET", "net"),
    ("PIDNS", "pid"),
    ("User", "user"),
    ("UTS", "uts"),
];

/// The inode number of namespace `kind` of a running container's process (`4026531836` of
/// `pid:[4026531836]`); empty when it is not running or cannot be read.
fn namespace_of(rec: &ListedContainer, kind: &str) -> String {
    if !rec.state.is_active() || rec.pid <= 0 {
        return String::new();
    }
    std::fs::read_link(format!("/proc/{}/ns/{kind}", rec.pid))
        .ok()
        .and_then(|t| {
            let t = t.to_string_lossy().into_owned();
            let inside = t.split_once('[')?.1.strip_suffix(']')?.to_string();
            Some(inside)
        })
        .unwrap_or_default()
}

impl RowFields<'_> {
    /// docker's SIZE, "2B (virtual 7.8MB)": the writable layer, then with the image's size
    /// ("" unless sizes were asked for).
    fn size(&self) -> String {
        let Some(image_sizes) = self.sizes else {
            return String::new();
        };
        let upper = self.engine.container_rw_size(&self.rec.id);
        let image = self
            .rec
            .config
            .image_id
            .as_ref()
            .and_then(|id| image_sizes.get(id))
            .copied()
            .unwrap_or(0)
            .max(0) as u64;
        let human = crate::format::units::human_size;
        format!("{} (virtual {})", human(upper), human(upper + image))
    }

    /// docker's `ps` row as a JSON object (the fields `--format` templates see), with only the
    /// `wanted` fields filled in: building every field of 1,000 rows costs more than reading them.
    fn json(&self, wanted: &Wanted) -> Value {
        let mut m = serde_json::Map::new();
        for &field in PS_FIELDS {
            // Docker's `{{.Label "key"}}` method: a map the template engine indexes by its
            // argument. Only built when the format names it, so `{{json .}}` shows docker's
            // fields alone.
            if field == "Label" {
                if wanted.named("Label") {
                    let labels = self.rec.config.labels.iter();
                    m.insert(
                        field.to_string(),
                        labels
                            .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                            .collect(),
                    );
                }
            } else if wanted.has(field) {
                m.insert(field.to_string(), Value::from(self.text(field)));
            }
        }
        for &field in NAMED_ONLY.iter().chain(PODMAN_TYPED) {
            // podman's fields: only when the format names them, as Label.
            if !wanted.named(field) {
                continue;
            }
            let value = match field {
                "Namespaces" => self.namespaces(),
                f if PODMAN_TYPED.contains(&f) => self.podman(f),
                _ => Value::from(self.text(field)),
            };
            m.insert(field.to_string(), value);
        }
        Value::Object(m)
    }
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
    "Pod",
    "PodName",
];

/// podman's fields (the process id, and with `--ns` the namespaces, also one by one), in a
/// row only when the format names them, as [`PODMAN_TYPED`]: `{{json .}}` shows docker's.
const NAMED_ONLY: &[&str] = &[
    "Pid",
    "Namespaces",
    "Cgroup",
    "IPC",
    "MNT",
    "NET",
    "PIDNS",
    "User",
    "UTS",
];

/// podman's fields whose values are typed, also only when named (see [`RowFields::podman`]):
/// `{{if .Exited}}` tests a boolean, not the text "false".
const PODMAN_TYPED: &[&str] = &[
    "IsInfra",
    "ExitCode",
    "Exited",
    "ExitedAt",
    "StartedAt",
    "AutoRemove",
    "ImageID",
    "Created",
    "CreatedHuman",
];

/// Go's zero `time.Time` as unix seconds: podman's `StartedAt`/`ExitedAt` of a container that
/// never started or exited.
const GO_ZERO_TIME: i64 = -62_135_596_800;

/// podman's `--ns` table's columns.
const NAMESPACE_COLUMNS: &[&str] = &[
    "ID", "Names", "Pid", "Cgroup", "IPC", "MNT", "NET", "PIDNS", "User", "UTS",
];

/// The default table's columns (fields), in order; `-s` adds `Size`, `--pod` podman's POD ID
/// and PODNAME after NAMES.
const DEFAULT_COLUMNS: &[&str] = &[
    "ID",
    "Image",
    "Command",
    "RunningFor",
    "Status",
    "Ports",
    "Names",
];

/// Headers that differ from the field's name split at case changes.
const HEADERS: &[(&str, &str)] = &[
    ("Pod", "POD ID"),
    ("PodName", "PODNAME"),
    ("ID", "CONTAINER ID"),
    ("RunningFor", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Cgroup", "CGROUPNS"),
    ("User", "USERNS"),
];

/// The name of every pod by its id, for the `Pod`/`PodName` fields; empty unless `wanted`.
fn pod_names(engine: &mut Engine, wanted: bool) -> anyhow::Result<HashMap<String, String>> {
    if !wanted {
        return Ok(HashMap::new());
    }
    Ok(engine
        .list_pods()?
        .into_iter()
        .map(|s| (s.pod.id, s.pod.name))
        .collect())
}

/// `skiff ps`.
pub fn exec(engine: &mut Engine, args: PsArgs) -> anyhow::Result<i32> {
    // Both are what skiff always does (see their help).
    let _ = (args.sync, args.external);
    let Some(seconds) = args.watch.filter(|s| *s > 0) else {
        return list_once(engine, &args);
    };
    let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    loop {
        if tty {
            // Clear the screen and go home, as podman's watch does.
            print!("\x1b[2J\x1b[H");
        }
        list_once(engine, &args)?;
        std::thread::sleep(std::time::Duration::from_secs(seconds));
    }
}

/// One listing of `ps`.
fn list_once(engine: &mut Engine, args: &PsArgs) -> anyhow::Result<i32> {
    let spec = FormatSpec::parse(args.format.as_deref())?;
    spec.check_fields(
        &[PS_FIELDS, NAMED_ONLY, PODMAN_TYPED].concat(),
        "*formatter.ContainerContext",
    )?;
    let filters = engine.container_filters(&args.filter)?;
    let mut list = engine.list_container_views()?;
    // docker's `-n`: its default -1 (and 0) set no limit and show no stopped container.
    let last = args
        .last
        .and_then(|n| usize::try_from(n).ok())
        .filter(|&n| n > 0);
    let show_all = args.all || last.is_some() || args.latest || filters.shows_stopped();
    if !show_all {
        list.retain(|r| r.state.is_active() || r.state == State::Restarting);
    }
    engine.retain_filtered(&mut list, &filters)?;
    let networks = engine.network_names_by_container()?;
    if let Some(n) = last {
        list.truncate(n);
    }
    if args.latest {
        list.truncate(1);
    }
    if let Some(field) = &args.sort {
        sort_rows(&mut list, field)?;
    }
    if args.quiet {
        if args.format.as_deref().is_some_and(|f| f != "table") {
            eprintln!(
                "WARNING: Ignoring custom format, because both --format and --quiet are set."
            );
        }
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
    let mut columns = match args.namespaces {
        true => NAMESPACE_COLUMNS.to_vec(),
        false => DEFAULT_COLUMNS.to_vec(),
    };
    if args.pod && !args.namespaces {
        columns.extend(["Pod", "PodName"]);
    }
    if args.size && !args.namespaces {
        columns.push("Size");
    }
    let table = table_template(&columns);
    let wanted = Wanted(spec.root_fields(&table));
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
    let pods = pod_names(engine, wanted.has("Pod") || wanted.has("PodName"))?;
    let infra: HashSet<String> = match wanted.named("IsInfra") {
        true => engine
            .list_pods()?
            .into_iter()
            .map(|s| s.pod.infra_id)
            .collect(),
        false => HashSet::new(),
    };
    let rows: Vec<RowFields> = list
        .iter()
        .map(|rec| RowFields {
            engine,
            rec,
            no_trunc: args.no_trunc,
            sizes: image_sizes.as_ref(),
            networks: &networks,
            pods: &pods,
            infra: &infra,
        })
        .collect();
    if matches!(spec, FormatSpec::Default | FormatSpec::Table(None)) {
        // The default table: each cell straight from the record, no JSON value or template
        // evaluation per row (10,000 rows).
        let text =
            crate::format::render_columns(&columns, &HeaderMap::new(HEADERS), &rows, |r, f| {
                r.text(f)
            });
        output::write_stdout(if args.noheading {
            output::without_heading(&text, None)
        } else {
            &text
        })?;
        return Ok(0);
    }
    let rows: Vec<Value> = rows.iter().map(|r| r.json(&wanted)).collect();
    output::print_rows_noheading(
        args.format.as_deref(),
        &table,
        HEADERS,
        &rows,
        args.noheading,
    )?;
    Ok(0)
}

/// podman's `ps --sort FIELD`.
fn sort_rows(
    list: &mut [skiff_libpod::container::rows::ListedContainer],
    field: &str,
) -> anyhow::Result<()> {
    let command = |r: &skiff_libpod::container::rows::ListedContainer| {
        [&r.config.entrypoint[..], &r.config.cmd[..]]
            .concat()
            .join(" ")
    };
    match field {
        "created" | "runningfor" => list.sort_by_key(|r| std::cmp::Reverse(r.created)),
        "id" => list.sort_by(|a, b| a.id.cmp(&b.id)),
        "image" => list.sort_by(|a, b| a.config.image.cmp(&b.config.image)),
        "names" => list.sort_by(|a, b| a.name.cmp(&b.name)),
        "status" => list.sort_by_key(|r| r.state.as_str()),
        "command" => list.sort_by_cached_key(command),
        other => anyhow::bail!(
            "invalid --sort {other:?}: sort by command, created, id, image, names, runningfor or status"
        ),
    }
    Ok(())
}

/// The `table` template of `columns` (`table {{.ID}}\t{{.Image}}...`).
fn table_template(columns: &[&str]) -> String {
    let cells: Vec<String> = columns.iter().map(|c| format!("{{{{.{c}}}}}")).collect();
    format!("table {}", cells.join("\t"))
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
}
