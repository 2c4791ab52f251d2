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
    /// Filter output (name=, id=, label=, status=)
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
    "ContainerIds",
    "ContainerNames",
    "ContainerStatuses",
    "Created",
    "ID",
    "InfraID",
    "Labels",
    "Name",
    "Networks",
    "NumberOfContainers",
    "Status",
];

/// Whether pod `s` passes filter `key=value` (podman's: name is a substring, id a prefix,
/// label `K` or `K=V`, status the lower-case status).
fn matches(s: &PodSummary, key: &str, value: &str) -> anyhow::Result<bool> {
    Ok(match key {
        "name" => s.pod.name.contains(value),
        "id" => s.pod.id.starts_with(value),
        "label" => match value.split_once('=') {
            Some((k, v)) => s.pod.labels.get(k).is_some_and(|l| l == v),
            None => s.pod.labels.contains_key(value),
        },
        "status" => s.status.as_str().eq_ignore_ascii_case(value),
        other => anyhow::bail!(
            "invalid filter {other:?}: pod ps filters on name=, id=, label= and status="
        ),
    })
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
        "Name": s.pod.name,
        "Status": s.status.as_str(),
        "Created": format!("{} ago", output::human_duration(age)),
        "InfraID": short(&s.pod.infra_id, no_trunc),
        "NumberOfContainers": s.containers.len(),
        "ContainerIds": list(&|c| short(&c.id, no_trunc)),
        "ContainerNames": list(&|c| c.name.clone()),
        "ContainerStatuses": list(&|c| c.state.as_str().to_string()),
        "Labels": s.pod.labels,
        "Networks": networks.join(","),
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
    let filters = crate::objects::filter_pairs(&args.filter)?;
    let mut pods = Vec::new();
    for s in engine.list_pods()? {
        let mut keep = true;
        for (k, v) in &filters {
            keep &= matches(&s, k, v)?;
        }
        if keep {
            pods.push(s);
        }
    }
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
    let networks = engine.network_names_by_container()?;
    let rows: Vec<Value> = pods
        .iter()
        .map(|s| {
            let nets = networks.get(&s.pod.infra_id).map_or(&[][..], |n| &n[..]);
            row(s, args.no_trunc, nets)
        })
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
