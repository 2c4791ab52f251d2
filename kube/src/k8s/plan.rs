//! The play plan: read documents -> the named volumes, pods and containers to create, with every
//! reference (ConfigMap keys, volume names) resolved, so that the engine executes typed fields
//! and never reads YAML.

use std::collections::BTreeMap;

use super::quantity;
use super::reader::Document;
use super::types::{
    Container, ContainerPort, ObjectMeta, PodSpec, PortRef, Probe, Secret, SecurityContext, Volume,
};

/// What `kube play` creates, in order: volumes first, then each pod with its containers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlayPlan {
    /// Named volumes (PersistentVolumeClaims and the claims pods mount): created when missing,
    /// reused with their data when present.
    pub volumes: Vec<String>,
    /// The names of the file's own PersistentVolumeClaim documents (what `kube down --force`
    /// removes; a claim a pod only mounts is someone else's volume).
    pub claims: Vec<String>,
    /// The pods.
    pub pods: Vec<PodPlan>,
    /// What the play leaves out and the user should hear about (a Deployment's extra
    /// replicas), for `kube play` to print.
    pub warnings: Vec<String>,
}

/// One pod to create.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodPlan {
    /// The pod's name (a Pod's `metadata.name`; `<name>-pod` for a Deployment, a DaemonSet or a
    /// Job, as podman).
    pub name: String,
    /// `spec.hostname`, if given.
    pub hostname: Option<String>,
    /// The pod's labels.
    pub labels: BTreeMap<String, String>,
    /// Every container's published ports (they belong to the pod).
    pub ports: Vec<PortPlan>,
    /// `restartPolicy` as skiff's `--restart` value (`always`, `on-failure`, `no`).
    pub restart: String,
    /// The containers, in file order.
    pub containers: Vec<ContainerPlan>,
    /// `hostNetwork`: the host's network (no ports are published: they are the host's).
    pub host_network: bool,
    /// `hostAliases` as `--add-host` values (`NAME:IP`).
    pub add_hosts: Vec<String>,
    /// `dnsConfig.nameservers`.
    pub dns: Vec<String>,
    /// `dnsConfig.searches`.
    pub dns_search: Vec<String>,
    /// `dnsConfig.options` (`NAME` or `NAME:VALUE`).
    pub dns_options: Vec<String>,
}

/// One published port.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortPlan {
    /// `hostIP` ("" for all addresses).
    pub host_ip: String,
    /// `hostPort`.
    pub host_port: u16,
    /// `containerPort`.
    pub container_port: u16,
    /// `tcp`, `udp` or `sctp`.
    pub protocol: String,
}

/// When to pull a container's image (`imagePullPolicy`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PullPlan {
    /// `IfNotPresent` (and no policy): pull when no stored image has the name.
    #[default]
    Missing,
    /// `Always`.
    Always,
    /// `Never`.
    Never,
}

/// One container to create.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerPlan {
    /// The container's name in the YAML.
    pub short_name: String,
    /// Its skiff name, `<pod>-<container>` as podman.
    pub name: String,
    /// `image`.
    pub image: String,
    /// `imagePullPolicy`.
    pub pull: PullPlan,
    /// `command`: the entrypoint, replacing the image's (and its cmd, unless `args` is given).
    pub entrypoint: Option<Vec<String>>,
    /// `args`: the command.
    pub args: Vec<String>,
    /// `NAME=VALUE`s, ConfigMap references resolved, in the YAML's order (`envFrom` first).
    pub env: Vec<String>,
    /// Mounts.
    pub mounts: Vec<MountPlan>,
    /// `workingDir`.
    pub workdir: Option<String>,
    /// `UID[:GID]` from `runAsUser`/`runAsGroup`.
    pub user: Option<String>,
    /// `privileged`.
    pub privileged: bool,
    /// `capabilities.add`, as `CAP_` names.
    pub cap_add: Vec<String>,
    /// `capabilities.drop`, as `CAP_` names.
    pub cap_drop: Vec<String>,
    /// `readOnlyRootFilesystem`.
    pub read_only: bool,
    /// `limits.memory` in bytes.
    pub memory: Option<i64>,
    /// `requests.memory` in bytes.
    pub memory_reservation: Option<i64>,
    /// `limits.cpu` in billionths of a CPU.
    pub nano_cpus: Option<i64>,
    /// `tty`.
    pub tty: bool,
    /// `stdin`.
    pub stdin: bool,
    /// An `initContainers` entry: how often it runs (podman's init container types).
    pub init: Option<InitKind>,
    /// `livenessProbe` as a healthcheck.
    pub health: Option<HealthPlan>,
}

/// A container's healthcheck, from its `livenessProbe` (as podman turns one into a
/// healthcheck: `httpGet` runs curl, `tcpSocket` nc, in the container).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HealthPlan {
    /// `["CMD", arg...]` or `["CMD-SHELL", command]`.
    pub test: Vec<String>,
    /// Seconds between two checks (`periodSeconds`, 10 by default).
    pub interval: u32,
    /// Seconds a check may take (`timeoutSeconds`, 1 by default).
    pub timeout: u32,
    /// Failures in a row that make the container unhealthy (`failureThreshold`, 3).
    pub retries: u32,
    /// Seconds after the start when failures do not count (`initialDelaySeconds`).
    pub start_period: u32,
}

/// How often an init container runs: podman's `io.podman.annotations.init.container.type`
/// annotation of the pod (`once` by default, as Kubernetes runs them once per pod).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitKind {
    /// At every start of the pod.
    Always,
    /// At the pod's first start; the container is then removed.
    Once,
}

/// The pod annotation naming its init containers' [`InitKind`] (podman's).
pub const INIT_TYPE_ANNOTATION: &str = "io.podman.annotations.init.container.type";

/// One mount of a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountPlan {
    /// What is mounted.
    pub source: MountSource,
    /// `mountPath`.
    pub target: String,
    /// `readOnly`.
    pub read_only: bool,
}

/// What a [`MountPlan`] mounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MountSource {
    /// A host directory or file (`hostPath`); `create_dir` for `DirectoryOrCreate`.
    HostPath {
        /// The host path.
        path: String,
        /// Create the directory when it is missing.
        create_dir: bool,
    },
    /// A named volume (`persistentVolumeClaim`).
    Volume(String),
    /// Files made from a ConfigMap: `(file name, content)`; the engine writes them.
    Files {
        /// The pod volume's name (the engine's directory for the files).
        volume: String,
        /// The files.
        files: Vec<(String, String)>,
    },
    /// A scratch directory (`emptyDir`), by its pod volume's name: empty when the pod is
    /// played, shared by the pod's containers (init containers included), gone with the pod.
    EmptyDir(String),
}

/// Why documents cannot be played; names the pod, container and field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PlanError(pub String);

/// The ConfigMaps and Secrets that references resolve against, by name: their keys and values
/// (a Secret's decoded).
struct Maps<'a> {
    by_name: BTreeMap<&'a str, &'a BTreeMap<String, String>>,
    secrets: BTreeMap<String, BTreeMap<String, String>>,
    /// A reference to a ConfigMap that is not there reads as an optional one (`kube down`).
    missing_ok: bool,
}

/// What a reference names: a ConfigMap or a Secret.
#[derive(Clone, Copy)]
enum Source {
    ConfigMap,
    Secret,
}

impl Source {
    fn kind(self) -> &'static str {
        match self {
            Source::ConfigMap => "ConfigMap",
            Source::Secret => "Secret",
        }
    }
}

/// Secret `s`'s keys with their values: `data` decoded from base64, then `stringData`.
fn secret_data(s: &Secret) -> Result<BTreeMap<String, String>, PlanError> {
    use base64::Engine as _;
    let name = s.metadata.name.as_deref().unwrap_or("");
    let mut out = BTreeMap::new();
    for (k, v) in &s.data {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(v.trim())
            .map_err(|e| PlanError(format!("Secret {name}: data.{k}: not base64: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            PlanError(format!(
                "Secret {name}: data.{k}: not text: skiff passes secrets as text (UTF-8)"
            ))
        })?;
        out.insert(k.clone(), text);
    }
    out.extend(s.string_data.iter().map(|(k, v)| (k.clone(), v.clone())));
    Ok(out)
}

/// Turns documents into a plan. ConfigMaps may come before or after the pods that use them
/// (`kube play --configmap FILE` adds the documents of FILE).
pub fn plan(docs: &[Document]) -> Result<PlayPlan, PlanError> {
    plan_with(docs, false)
}

/// The plan `kube down` works from: as [`plan`], but a ConfigMap the documents do not hold
/// (one that the play took from `--configmap`) is no error, since down only needs the names.
pub fn removal_plan(docs: &[Document]) -> Result<PlayPlan, PlanError> {
    plan_with(docs, true)
}

fn plan_with(docs: &[Document], missing_ok: bool) -> Result<PlayPlan, PlanError> {
    let mut secrets = BTreeMap::new();
    for d in docs {
        if let Document::Secret(s) = d {
            let name = s.metadata.name.clone().unwrap_or_default();
            secrets.insert(name, secret_data(s)?);
        }
    }
    let maps = Maps {
        by_name: docs
            .iter()
            .filter_map(|d| match d {
                Document::ConfigMap(m) => Some((m.metadata.name.as_deref().unwrap_or(""), &m.data)),
                _ => None,
            })
            .collect(),
        secrets,
        missing_ok,
    };
    let mut plan = PlayPlan::default();
    for d in docs {
        match d {
            Document::Claim(c) => {
                let name = name_of(&c.metadata, "PersistentVolumeClaim")?;
                add_volume(&mut plan.claims, name.clone());
                add_volume(&mut plan.volumes, name);
            }
            Document::Pod(p) => {
                let name = name_of(&p.metadata, "Pod")?;
                let pod = pod_plan(&name, &p.metadata, &p.spec, &maps, &mut plan.volumes)?;
                plan.pods.push(pod);
            }
            Document::Deployment(dep) => {
                let base = name_of(&dep.metadata, "Deployment")?;
                let t = &dep.spec.template;
                if let Some(n) = dep.spec.replicas.filter(|n| *n > 1) {
                    plan.warnings.push(format!(
                        "Deployment {base} asks for {n} replicas: skiff runs one pod per \
                         Deployment, so only one replica is played"
                    ));
                }
                let pod = pod_plan(
                    &format!("{base}-pod"),
                    &t.metadata,
                    &t.spec,
                    &maps,
                    &mut plan.volumes,
                )?;
                plan.pods.push(pod);
            }
            // One node: a DaemonSet's one pod, and a Job's pod that runs to its end (never
            // restarted unless its template says OnFailure, as Kubernetes requires it to say).
            Document::DaemonSet(set) => {
                let base = name_of(&set.metadata, "DaemonSet")?;
                let t = &set.spec.template;
                let name = format!("{base}-pod");
                let pod = pod_plan(&name, &t.metadata, &t.spec, &maps, &mut plan.volumes)?;
                plan.pods.push(pod);
            }
            Document::Job(job) => {
                let base = name_of(&job.metadata, "Job")?;
                let t = &job.spec.template;
                let mut spec = t.spec.clone();
                match spec.restart_policy.as_deref() {
                    None => spec.restart_policy = Some("Never".into()),
                    Some("Never" | "OnFailure") => {}
                    Some(other) => {
                        return Err(PlanError(format!(
                            "Job {base}: spec.template.spec.restartPolicy {other:?}: a Job's \
                             pod runs to its end: use Never or OnFailure"
                        )))
                    }
                }
                let name = format!("{base}-pod");
                let pod = pod_plan(&name, &t.metadata, &spec, &maps, &mut plan.volumes)?;
                plan.pods.push(pod);
            }
            Document::ConfigMap(_) | Document::Secret(_) | Document::Service => {}
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for p in &plan.pods {
        if !seen.insert(&p.name) {
            return Err(PlanError(format!(
                "pod {} is defined twice: give each Pod, Deployment, DaemonSet or Job its own name",
                p.name
            )));
        }
    }
    Ok(plan)
}

fn name_of(meta: &ObjectMeta, kind: &str) -> Result<String, PlanError> {
    let name = meta
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| PlanError(format!("a {kind} has no metadata.name: name it")))?;
    dns_name(&format!("{kind} name"), &name, true)?;
    Ok(name)
}

/// Checks a name as Kubernetes does: a DNS-1123 label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at
/// most 63 characters), or with `dots` a subdomain of such labels (at most 253). The names
/// become skiff's pod, container and volume names and directory names under the store, so
/// nothing else (no `/`, no `..`) may pass.
pub fn dns_name(what: &str, name: &str, dots: bool) -> Result<(), PlanError> {
    let label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let ok = if dots {
        name.len() <= 253 && name.split('.').all(label)
    } else {
        label(name)
    };
    if ok {
        return Ok(());
    }
    let rule = if dots {
        "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
    } else {
        "lowercase letters, digits and '-', starting and ending with a letter or digit, at most \
         63 characters"
    };
    Err(PlanError(format!(
        "{what} {name:?} is not a valid Kubernetes name: use {rule}"
    )))
}

fn add_volume(volumes: &mut Vec<String>, name: String) {
    if !volumes.contains(&name) {
        volumes.push(name);
    }
}

fn pod_plan(
    name: &str,
    meta: &ObjectMeta,
    spec: &PodSpec,
    maps: &Maps<'_>,
    volumes: &mut Vec<String>,
) -> Result<PodPlan, PlanError> {
    if spec.containers.is_empty() {
        return Err(PlanError(format!(
            "pod {name}: spec.containers is empty: give at least one container"
        )));
    }
    let restart = match spec.restart_policy.as_deref() {
        None | Some("Always") => "always",
        Some("OnFailure") => "on-failure",
        Some("Never") => "no",
        Some(other) => {
            return Err(PlanError(format!(
                "pod {name}: spec.restartPolicy {other:?}: use Always, OnFailure or Never"
            )))
        }
    };
    let init = match meta
        .annotations
        .get(INIT_TYPE_ANNOTATION)
        .map(String::as_str)
    {
        None | Some("once") => InitKind::Once,
        Some("always") => InitKind::Always,
        Some(other) => {
            return Err(PlanError(format!(
                "pod {name}: annotation {INIT_TYPE_ANNOTATION}: {other:?}: use once or always"
            )))
        }
    };
    let dns = spec.dns_config.clone().unwrap_or_default();
    let mut pod = PodPlan {
        name: name.to_string(),
        hostname: spec.hostname.clone(),
        labels: meta.labels.clone(),
        restart: restart.to_string(),
        host_network: spec.host_network,
        add_hosts: spec
            .host_aliases
            .iter()
            .flat_map(|a| a.hostnames.iter().map(move |h| format!("{h}:{}", a.ip)))
            .collect(),
        dns: dns.nameservers,
        dns_search: dns.searches,
        dns_options: dns
            .options
            .iter()
            .map(|o| match &o.value {
                Some(v) => format!("{}:{v}", o.name),
                None => o.name.clone(),
            })
            .collect(),
        ..PodPlan::default()
    };
    for v in &spec.volumes {
        dns_name(&format!("pod {name}: volume"), &v.name, false)?;
        if let Some(c) = &v.persistent_volume_claim {
            dns_name(&format!("pod {name}: claimName"), &c.claim_name, true)?;
            add_volume(volumes, c.claim_name.clone());
        }
    }
    let inits = spec
        .init_containers
        .iter()
        .map(|c| ("initContainers", c, Some(init)));
    let regular = spec.containers.iter().map(|c| ("containers", c, None));
    let all: Vec<_> = inits.chain(regular).collect();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (list, c, init) in all {
        let i = index.entry(list).or_default();
        let at = format!("pod {name}: spec.{list}[{i}] ({})", c.name);
        *i += 1;
        if c.name.is_empty() {
            return Err(PlanError(format!(
                "{at}: name is empty: name the container"
            )));
        }
        dns_name(&format!("{at}: container name"), &c.name, false)?;
        if pod.containers.iter().any(|o| o.short_name == c.name) {
            return Err(PlanError(format!(
                "{at}: the name is used twice in the pod: give each container its own"
            )));
        }
        let mut ctr = container_plan(name, meta, c, &spec.volumes, maps)
            .map_err(|e| PlanError(format!("{at}: {e}")))?;
        // The pod's user and group, for a container that gives neither.
        if let (None, Some(sc)) = (&ctr.user, &spec.security_context) {
            ctr.user = user_of(sc.run_as_user, sc.run_as_group);
        }
        ctr.init = init;
        // An init container's ports are not the pod's: it ends before the pod serves.
        for p in c.ports.iter().filter(|_| init.is_none()) {
            if let Some(host_port) = p.host_port {
                pod.ports.push(PortPlan {
                    host_ip: p.host_ip.clone().unwrap_or_default(),
                    host_port,
                    container_port: p.container_port,
                    protocol: p.protocol.as_deref().unwrap_or("TCP").to_ascii_lowercase(),
                });
            }
        }
        pod.containers.push(ctr);
    }
    Ok(pod)
}

/// The healthcheck of probe `p` of a container with `ports`.
fn health(p: &Probe, ports: &[ContainerPort]) -> Result<HealthPlan, String> {
    let port = |r: &PortRef| -> Result<u16, String> {
        let by_name = |name: &str| {
            ports
                .iter()
                .find(|p| p.name.as_deref() == Some(name))
                .map(|p| p.container_port)
        };
        match r {
            PortRef::Number(n) if *n > 0 => Some(*n),
            PortRef::Name(s) => s
                .parse::<u16>()
                .ok()
                .filter(|n| *n > 0)
                .or_else(|| by_name(s)),
            PortRef::Number(_) => None,
        }
        .ok_or_else(|| {
            format!("port {r:?}: give a port number or the name of one of the container's ports")
        })
    };
    let test = match (&p.exec, &p.http_get, &p.tcp_socket) {
        (Some(e), _, _) if !e.command.is_empty() => std::iter::once("CMD".to_string())
            .chain(e.command.iter().cloned())
            .collect(),
        (Some(_), _, _) => return Err("exec.command is empty: give the command".into()),
        (None, Some(h), _) => {
            let scheme = match h.scheme.as_deref().unwrap_or("HTTP") {
                "HTTP" => "http",
                "HTTPS" => "https",
                other => return Err(format!("httpGet.scheme {other:?}: use HTTP or HTTPS")),
            };
            let host = h.host.as_deref().unwrap_or("localhost");
            let path = h.path.as_deref().unwrap_or("/");
            let url = format!("{scheme}://{host}:{}{path}", port(&h.port)?);
            vec!["CMD-SHELL".into(), format!("curl -f {url} || exit 1")]
        }
        (None, None, Some(t)) => {
            let host = t.host.as_deref().unwrap_or("localhost");
            vec![
                "CMD-SHELL".into(),
                format!("nc -z -v {host} {} || exit 1", port(&t.port)?),
            ]
        }
        (None, None, None) => return Err("give exec, httpGet or tcpSocket".into()),
    };
    Ok(HealthPlan {
        test,
        interval: p.period_seconds.unwrap_or(10),
        timeout: p.timeout_seconds.unwrap_or(1),
        retries: p.failure_threshold.unwrap_or(3),
        start_period: p.initial_delay_seconds.unwrap_or(0),
    })
}

fn container_plan(
    pod: &str,
    meta: &ObjectMeta,
    c: &Container,
    volumes: &[Volume],
    maps: &Maps<'_>,
) -> Result<ContainerPlan, String> {
    if c.image.is_empty() {
        return Err("image is empty: give the container an image".into());
    }
    let pull = match c.image_pull_policy.as_deref() {
        None | Some("IfNotPresent") => PullPlan::Missing,
        Some("Always") => PullPlan::Always,
        Some("Never") => PullPlan::Never,
        Some(other) => {
            return Err(format!(
                "imagePullPolicy {other:?}: use Always, IfNotPresent or Never"
            ))
        }
    };
    for p in &c.ports {
        if p.container_port == 0 {
            return Err("ports: containerPort 0: give the port the container listens on".into());
        }
        if let Some(proto) = &p.protocol {
            if !["TCP", "UDP", "SCTP"].contains(&proto.to_ascii_uppercase().as_str()) {
                return Err(format!("ports: protocol {proto:?}: use TCP, UDP or SCTP"));
            }
        }
    }
    let mut plan = ContainerPlan {
        short_name: c.name.clone(),
        name: format!("{pod}-{}", c.name),
        image: c.image.clone(),
        pull,
        entrypoint: (!c.command.is_empty()).then(|| c.command.clone()),
        args: c.args.clone(),
        env: env(c, maps, &PodFields { name: pod, meta })?,
        workdir: c.working_dir.clone().filter(|w| !w.is_empty()),
        tty: c.tty,
        stdin: c.stdin,
        ..ContainerPlan::default()
    };
    for m in &c.volume_mounts {
        let v = volumes.iter().find(|v| v.name == m.name).ok_or_else(|| {
            format!(
                "volumeMounts: {:?} is not in the pod's spec.volumes: declare it there",
                m.name
            )
        })?;
        plan.mounts.push(MountPlan {
            source: mount_source(v, maps)?,
            target: m.mount_path.clone(),
            read_only: m.read_only
                || v.persistent_volume_claim
                    .as_ref()
                    .is_some_and(|c| c.read_only),
        });
    }
    if let Some(sc) = &c.security_context {
        security(&mut plan, sc);
    }
    if let Some(p) = &c.liveness_probe {
        plan.health = Some(health(p, &c.ports).map_err(|e| format!("livenessProbe: {e}"))?);
    }
    if let Some(r) = &c.resources {
        let mem = |q: Option<&String>, what: &str| {
            q.map(|q| quantity::bytes(q).map_err(|e| format!("resources.{what}.memory {q:?}: {e}")))
                .transpose()
        };
        plan.memory = mem(r.limits.get("memory"), "limits")?;
        plan.memory_reservation = mem(r.requests.get("memory"), "requests")?;
        plan.nano_cpus = r
            .limits
            .get("cpu")
            .map(|q| quantity::nano_cpus(q).map_err(|e| format!("resources.limits.cpu {q:?}: {e}")))
            .transpose()?;
    }
    Ok(plan)
}

/// `runAsUser` and `runAsGroup` as `--user`.
fn user_of(user: Option<u32>, group: Option<u32>) -> Option<String> {
    match (user, group) {
        (Some(u), Some(g)) => Some(format!("{u}:{g}")),
        (Some(u), None) => Some(u.to_string()),
        // A group alone keeps the image's user, as podman.
        (None, Some(g)) => Some(format!("0:{g}")),
        (None, None) => None,
    }
}

fn security(plan: &mut ContainerPlan, sc: &SecurityContext) {
    plan.user = user_of(sc.run_as_user, sc.run_as_group);
    plan.privileged = sc.privileged.unwrap_or(false);
    plan.read_only = sc.read_only_root_filesystem.unwrap_or(false);
    let cap = |c: &String| {
        let up = c.to_ascii_uppercase();
        if up == "ALL" || up.starts_with("CAP_") {
            up
        } else {
            format!("CAP_{up}")
        }
    };
    if let Some(caps) = &sc.capabilities {
        plan.cap_add = caps.add.iter().map(cap).collect();
        plan.cap_drop = caps.drop.iter().map(cap).collect();
    }
}

/// The keys of ConfigMap or Secret `name`; None when it is missing and may be.
fn lookup<'m>(
    maps: &'m Maps<'_>,
    source: Source,
    name: &str,
    optional: bool,
) -> Result<Option<&'m BTreeMap<String, String>>, String> {
    let found = match source {
        Source::ConfigMap => maps.by_name.get(name).copied(),
        Source::Secret => maps.secrets.get(name),
    };
    let kind = source.kind();
    let elsewhere = match source {
        Source::ConfigMap => ", pass a file that holds it with --configmap FILE",
        Source::Secret => "",
    };
    match found {
        Some(m) => Ok(Some(m)),
        None if optional || maps.missing_ok => Ok(None),
        None => Err(format!(
            "{kind} {name:?} is not in the file: add a kind: {kind} document named {name:?}\
             {elsewhere}, or mark the reference optional"
        )),
    }
}

/// What an env `fieldRef` reads: the pod's name (skiff's, `<name>-pod` for a Deployment) and
/// its metadata.
struct PodFields<'a> {
    name: &'a str,
    meta: &'a ObjectMeta,
}

impl PodFields<'_> {
    /// The value of `fieldPath` `path`, as the Kubernetes downward API gives it for the fields
    /// a pod here has.
    fn get(&self, path: &str) -> Result<String, String> {
        let key = |prefix: &str| {
            path.strip_prefix(prefix)?
                .strip_suffix("']")
                .map(str::to_string)
        };
        if let Some(k) = key("metadata.labels['") {
            return Ok(self.meta.labels.get(&k).cloned().unwrap_or_default());
        }
        if let Some(k) = key("metadata.annotations['") {
            return Ok(self.meta.annotations.get(&k).cloned().unwrap_or_default());
        }
        match path {
            "metadata.name" => Ok(self.name.to_string()),
            "metadata.namespace" => Ok("default".to_string()),
            other => Err(format!(
                "fieldRef.fieldPath {other:?} is not supported: use metadata.name, \
                 metadata.namespace, metadata.labels['KEY'] or metadata.annotations['KEY']"
            )),
        }
    }
}

fn env(c: &Container, maps: &Maps<'_>, pod: &PodFields<'_>) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for (i, from) in c.env_from.iter().enumerate() {
        let refs = [
            (Source::ConfigMap, &from.config_map_ref),
            (Source::Secret, &from.secret_ref),
        ];
        for (source, r) in refs {
            let Some(r) = r else { continue };
            let m = lookup(maps, source, &r.name, r.optional)
                .map_err(|e| format!("envFrom[{i}]: {e}"))?;
            let prefix = from.prefix.as_deref().unwrap_or("");
            for (k, v) in m.iter().flat_map(|d| d.iter()) {
                out.push(format!("{prefix}{k}={v}"));
            }
        }
    }
    for (i, e) in c.env.iter().enumerate() {
        if e.name.is_empty() {
            return Err(format!("env[{i}]: name is empty"));
        }
        let from = e.value_from.as_ref();
        if let Some(f) = from.and_then(|f| f.field_ref.as_ref()) {
            let value = pod
                .get(&f.field_path)
                .map_err(|err| format!("env[{i}] ({}): {err}", e.name))?;
            out.push(format!("{}={value}", e.name));
            continue;
        }
        let reference = match (
            from.and_then(|f| f.config_map_key_ref.as_ref()),
            from.and_then(|f| f.secret_key_ref.as_ref()),
        ) {
            (Some(r), _) => Some((Source::ConfigMap, r)),
            (None, Some(r)) => Some((Source::Secret, r)),
            (None, None) => None,
        };
        let value = match (&e.value, reference) {
            (_, Some((source, r))) => {
                let m = lookup(maps, source, &r.name, r.optional)
                    .map_err(|err| format!("env[{i}] ({}): {err}", e.name))?;
                match m.and_then(|d| d.get(&r.key)) {
                    Some(v) => v.clone(),
                    // Optional, or a ConfigMap `kube down` does not need.
                    None if r.optional || m.is_none() => continue,
                    None => {
                        return Err(format!(
                            "env[{i}] ({}): {} {:?} has no key {:?}: add it to its data",
                            e.name,
                            source.kind(),
                            r.name,
                            r.key
                        ))
                    }
                }
            }
            (Some(v), None) => v.clone(),
            // A valueFrom of another kind (resourceFieldRef...) would give a wrong value.
            (None, None) if from.is_some() => {
                return Err(format!(
                    "env[{i}] ({}): valueFrom: skiff reads configMapKeyRef, secretKeyRef and \
                     fieldRef only: give one of them, or a value",
                    e.name
                ))
            }
            (None, None) => String::new(),
        };
        out.push(format!("{}={value}", e.name));
    }
    Ok(out)
}

fn mount_source(v: &Volume, maps: &Maps<'_>) -> Result<MountSource, String> {
    let at = format!("volume {:?}", v.name);
    if let Some(h) = &v.host_path {
        if !h.path.starts_with('/') {
            return Err(format!("{at}: hostPath.path {:?} is not absolute", h.path));
        }
        let create_dir = match h.kind.as_deref() {
            None | Some("") | Some("Directory") | Some("File") | Some("Socket")
            | Some("CharDevice") | Some("BlockDevice") => false,
            Some("DirectoryOrCreate") => true,
            Some(other) => {
                return Err(format!(
                    "{at}: hostPath.type {other:?} is not supported: use Directory, \
                     DirectoryOrCreate or File"
                ))
            }
        };
        return Ok(MountSource::HostPath {
            path: h.path.clone(),
            create_dir,
        });
    }
    if let Some(c) = &v.persistent_volume_claim {
        return Ok(MountSource::Volume(c.claim_name.clone()));
    }
    let keyed = match (&v.config_map, &v.secret) {
        (Some(c), _) => Some((Source::ConfigMap, &c.name, &c.items, c.optional)),
        (None, Some(s)) => Some((Source::Secret, &s.secret_name, &s.items, s.optional)),
        (None, None) => None,
    };
    if let Some((source, name, items, optional)) = keyed {
        let data = lookup(maps, source, name, optional).map_err(|e| format!("{at}: {e}"))?;
        let files = if items.is_empty() {
            data.into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        } else {
            let mut files = Vec::new();
            for item in items {
                match data.and_then(|d| d.get(&item.key)) {
                    Some(value) => files.push((item.path.clone(), value.clone())),
                    None if optional || data.is_none() => {}
                    None => {
                        return Err(format!(
                            "{at}: {} {name:?} has no key {:?}: add it to its data",
                            source.kind(),
                            item.key
                        ))
                    }
                }
            }
            files
        };
        for (name, _) in &files {
            if name.is_empty() || name.starts_with('/') || name.split('/').any(|p| p == "..") {
                return Err(format!(
                    "{at}: file name {name:?} must be a relative path without '..'"
                ));
            }
        }
        return Ok(MountSource::Files {
            volume: v.name.clone(),
            files,
        });
    }
    if v.empty_dir.is_some() {
        return Ok(MountSource::EmptyDir(v.name.clone()));
    }
    Err(format!(
        "{at}: no source skiff knows: use hostPath, persistentVolumeClaim, configMap, secret or emptyDir"
    ))
}
