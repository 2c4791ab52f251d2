//! `skiff pod ps`: podman's pod table (POD ID, NAME, STATUS, CREATED, INFRA ID, # OF
//! CONTAINERS), its filters and `--format` fields.

use clap::Args;
use serde_json::{json, Value};
use skiff_libpod::pod::list::PodSummary;
use skiff_libpod::Engine;

use crate::container::output;

/// List pods
#[derive(Debug, Args)]
pub struct PsArgs {
    /// Print only the pod ids
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Do not truncate the ids
    #[arg(long = "no-trunc")]
    no_trunc: bool,
    /// Pretty-print pods with a Go template (or json)
    #[arg(long)]
    format: Option<String>,
    /// Filter output (name=, id=, label=, status=, ctr-names=, ctr-ids=, ctr-status=,
    /// ctr-number=, network=, until=)
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Show the names of the containers in each pod
    #[arg(long = "ctr-names")]
    ctr_names: bool,
    /// Show the ids of the containers in each pod
    #[arg(long = "ctr-ids")]
    ctr_ids: bool,
    /// Show the status of the containers in each pod
    #[arg(long = "ctr-status")]
    ctr_status: bool,
    /// Do not print the table's heading line
    #[arg(long)]
    noheading: bool,
    /// Show only the most recently created pod (podman's)
    #[arg(short = 'l', long)]
    latest: bool,
    /// Sort by created (the default, newest first), id, name, number (of containers) or
    /// status (podman's)
    #[arg(long, value_name = "FIELD", default_value = "created", value_parser = ["created", "id", "name", "number", "status"])]
    sort: String,
}

/// The fields of a `pod ps` row, which `--format` may read (podman's `ListPodReporter`).
const POD_FIELDS: &[&str] = &[
    "Cgroup",
    "ContainerIds",
    "ContainerNames",
    "ContainerStatuses",
    "Created",
    "ID",
    "Id",
    "InfraID",
    "InfraId",
    "Labels",
    "Name",
    "Namespace",
    "Networks",
    "NumberOfContainers",
    "Status",
];

/// One `pod ps --filter KEY=VALUE`, parsed (podman's keys).
enum PodFilter {
    /// A substring of the pod's name.
    Name(String),
    /// A prefix of the pod's id.
    Id(String),
    /// A label `K` or `K=V`.
    Label(String),
    /// The pod's status, in any case.
    Status(String),
    /// A regular expression found in a member's name (the infra's too), as podman's.
    CtrNames(regex::Regex),
    /// A regular expression found in a member's id.
    CtrIds(regex::Regex),
    /// A member's state (`running`, `exited`, ...).
    CtrStatus(String),
    /// The number of containers, the infra among them.
    CtrNumber(usize),
    /// A network the pod's infra container is on (by name; an id is resolved to its name).
    Network(String),
    /// Created before this time (unix ns).
    Until(i64),
}

/// Parses `key=value` as a pod filter, or says which keys there are.
fn parse_filter(engine: &mut Engine, key: &str, value: &str) -> anyhow::Result<PodFilter> {
    let regex = |v: &str| {
        regex::Regex::new(v)
            .map_err(|e| anyhow::anyhow!("invalid filter {key}={v}: not a regular expression: {e}"))
    };
    Ok(match key {
        "name" => PodFilter::Name(value.to_string()),
        "id" => PodFilter::Id(value.to_string()),
        "label" => PodFilter::Label(value.to_string()),
        "status" => PodFilter::Status(value.to_string()),
        "ctr-names" => PodFilter::CtrNames(regex(value)?),
        "ctr-ids" => PodFilter::CtrIds(regex(value)?),
        "ctr-status" => PodFilter::CtrStatus(value.to_string()),
        "ctr-number" => PodFilter::CtrNumber(value.parse().map_err(|_| {
            anyhow::anyhow!("invalid filter ctr-number={value}: use a number of containers")
        })?),
        "network" => PodFilter::Network(match engine.network_get(value) {
            Ok(net) => net.name,
            Err(_) => value.to_string(),
        }),
        "until" => {
            let now = skiff_libpod::container::time::now_ns();
            PodFilter::Until(
                skiff_libpod::container::time::parse_time_arg(value, now).ok_or_else(|| {
                    anyhow::anyhow!(
                        "invalid filter until={value}: use a duration (10m, 1h30m), unix \
                         seconds or an RFC 3339 time"
                    )
                })?,
            )
        }
        other => anyhow::bail!(
            "invalid filter {other:?}: pod ps filters on name=, id=, label=, status=, \
             ctr-names=, ctr-ids=, ctr-status=, ctr-number=, network= and until="
        ),
    })
}

/// Whether pod `s`, whose infra container is on the user-defined `networks`, passes `f`
/// (podman's rules: name a substring, id a prefix, label `K` or `K=V`).
fn matches(s: &PodSummary, networks: &[String], f: &PodFilter) -> bool {
    match f {
        PodFilter::Name(v) => s.pod.name.contains(v.as_str()),
        PodFilter::Id(v) => s.pod.id.starts_with(v.as_str()),
        PodFilter::Label(v) => match v.split_once('=') {
            Some((k, v)) => s.pod.labels.get(k).is_some_and(|l| l == v),
            None => s.pod.labels.contains_key(v),
        },
        PodFilter::Status(v) => s.status.as_str().eq_ignore_ascii_case(v),
        PodFilter::CtrNames(re) => s.containers.iter().any(|c| re.is_match(&c.name)),
        PodFilter::CtrIds(re) => s.containers.iter().any(|c| re.is_match(&c.id)),
        PodFilter::CtrStatus(v) => s
            .containers
            .iter()
            .any(|c| c.state.as_str().eq_ignore_ascii_case(v)),
        PodFilter::CtrNumber(n) => s.containers.len() == *n,
        PodFilter::Network(v) => networks.iter().any(|n| n == v),
        PodFilter::Until(t) => s.pod.created < *t,
    }
}

/// Orders `pods` as `--sort` says: newest first for `created`, else ascending.
fn sort_pods(pods: &mut [PodSummary], by: &str) {
    match by {
        "id" => pods.sort_by(|a, b| a.pod.id.cmp(&b.pod.id)),
        "name" => pods.sort_by(|a, b| a.pod.name.cmp(&b.pod.name)),
        "number" => pods.sort_by_key(|s| s.containers.len()),
        "status" => pods.sort_by(|a, b| a.status.as_str().cmp(b.status.as_str())),
        _ => pods.sort_by_key(|s| std::cmp::Reverse(s.pod.created)),
    }
}

/// The ids as shown: 12 digits unless `--no-trunc`.
fn short(id: &str, no_trunc: bool) -> String {
    match no_trunc {
        true => id.to_string(),
        false => id[..id.len().min(12)].to_string(),
    }
}

/// podman's row of `s`, whose infra container is on the user-defined `networks`.
fn row(s: &PodSummary, no_trunc: bool, networks: &[String]) -> Value {
    let age = skiff_libpod::container::time::now_ns() - s.pod.created;
    let list = |f: &dyn Fn(&skiff_libpod::container::rows::ListedContainer) -> String| {
        s.containers.iter().map(f).collect::<Vec<_>>().join(",")
    };
    json!({
        "ID": short(&s.pod.id, no_trunc),
        "Id": short(&s.pod.id, no_trunc),
        "Name": s.pod.name,
        "Namespace": "",
        "Cgroup": "",
        "Status": s.status.as_str(),
        "Created": format!("{} ago", output::human_duration(age)),
        "InfraID": short(&s.pod.infra_id, no_trunc),
        "InfraId": short(&s.pod.infra_id, no_trunc),
        "NumberOfContainers": s.containers.len(),
        "ContainerIds": list(&|c| short(&c.id, no_trunc)),
        "ContainerNames": list(&|c| c.name.clone()),
        "ContainerStatuses": list(&|c| c.state.as_str().to_string()),
        "Labels": s.pod.labels,
        "Networks": networks.join(","),
    })
}

/// podman's `pod ps --format json` entry of `s` (its `ListPodsReport`): full ids, the
/// containers as objects, the creation time in RFC 3339, the networks as a list.
fn report(s: &PodSummary, networks: &[String]) -> Value {
    let containers: Vec<Value> = s
        .containers
        .iter()
        .map(|c| json!({"Id": c.id, "Names": c.name, "Status": c.state.as_str()}))
        .collect();
    json!({
        "Cgroup": "",
        "Containers": containers,
        "Created": skiff_libpod::container::time::rfc3339_nanos(s.pod.created),
        "Id": s.pod.id,
        "InfraId": s.pod.infra_id,
        "Name": s.pod.name,
        "Namespace": "",
        "Networks": networks,
        "Status": s.status.as_str(),
        "Labels": s.pod.labels,
    })
}

/// podman's default table: the container columns replace `# OF CONTAINERS` when asked for.
fn table(args: &PsArgs) -> String {
    let mut t = "table {{.ID}}\t{{.Name}}\t{{.Status}}\t{{.Created}}\t{{.InfraID}}".to_string();
    if args.ctr_ids {
        t.push_str("\t{{.ContainerIds}}");
    }
    if args.ctr_names {
        t.push_str("\t{{.ContainerNames}}");
    }
    if args.ctr_status {
        t.push_str("\t{{.ContainerStatuses}}");
    }
    if !(args.ctr_ids || args.ctr_names || args.ctr_status) {
        t.push_str("\t{{.NumberOfContainers}}");
    }
    t
}

/// `skiff pod ps`.
pub fn exec(engine: &mut Engine, args: PsArgs) -> anyhow::Result<i32> {
    let spec = crate::format::FormatSpec::parse(args.format.as_deref())?;
    spec.check_fields(POD_FIELDS, "entities.ListPodReporter")?;
    let mut filters: Vec<(String, PodFilter)> = Vec::new();
    for (k, v) in crate::objects::filter_pairs(&args.filter)? {
        let f = parse_filter(engine, &k, &v)?;
        filters.push((k, f));
    }
    let networks = engine.network_names_by_container()?;
    let nets_of = |s: &PodSummary| networks.get(&s.pod.infra_id).map_or(&[][..], |n| &n[..]);
    // The same key ORed, different keys ANDed, as podman's.
    let mut pods: Vec<PodSummary> = engine
        .list_pods()?
        .into_iter()
        .filter(|s| {
            filters.iter().all(|(key, _)| {
                filters
                    .iter()
                    .filter(|(k, _)| k == key)
                    .any(|(_, f)| matches(s, nets_of(s), f))
            })
        })
        .collect();
    sort_pods(&mut pods, &args.sort);
    if args.latest {
        pods.sort_by_key(|s| std::cmp::Reverse(s.pod.created));
        pods.truncate(1);
    }
    if args.quiet {
        for s in &pods {
            println!("{}", short(&s.pod.id, args.no_trunc));
        }
        return Ok(0);
    }
    // podman's JSON is one indented array of its reports (`json` and `{{json .}}` alike).
    if matches!(
        args.format.as_deref().map(str::trim),
        Some("json" | "{{json .}}" | "{{ json . }}")
    ) {
        let reports: Vec<Value> = pods.iter().map(|s| report(s, nets_of(s))).collect();
        println!("{}", serde_json::to_string_pretty(&reports)?);
        return Ok(0);
    }
    let rows: Vec<Value> = pods
        .iter()
        .map(|s| row(s, args.no_trunc, nets_of(s)))
        .collect();
    output::print_rows_noheading(
        args.format.as_deref(),
        &table(&args),
        &[
            ("ID", "POD ID"),
            ("InfraID", "INFRA ID"),
            ("NumberOfContainers", "# OF CONTAINERS"),
            ("ContainerIds", "IDS"),
            ("ContainerNames", "NAMES"),
            ("ContainerStatuses", "STATUS"),
        ],
        &rows,
        args.noheading,
    )?;
    Ok(0)
}
