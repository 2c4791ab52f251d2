//! `kube generate`: stored containers -> the typed pod model the YAML generator writes.

use std::collections::BTreeMap;

use skiff_kube::k8s::{
    ContainerPlan, HealthPlan, InitKind, MountPlan, MountSource, PodPlan, PortPlan, PullPlan,
};

use crate::container::config::{ContainerConfig, MountKind};
use crate::container::create::ImageDefaults;
use crate::container::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::pod::init_ctr::InitCtr;

impl Engine {
    /// The pods `kube generate` writes for `names`: each pod named as itself (its members,
    /// without the infra container, oldest first); or, when the names are containers, podman's
    /// shape for them: one pod named `<first container>-pod` holding them all. Every pod is
    /// labelled `app: <pod>`.
    pub fn kube_pods(&mut self, names: &[String]) -> Result<Vec<PodPlan>> {
        let first = names.first().ok_or_else(|| {
            Error::InvalidArgument("kube generate: name a container or a pod".into())
        })?;
        if self.lookup_container(first).is_ok() {
            let mut members = Vec::new();
            for n in names {
                members.push(self.lookup_container(n).map_err(|e| match e {
                    Error::NotFound { .. } => Error::InvalidArgument(format!(
                        "{n} is not a container: give containers or pods, not both"
                    )),
                    e => e,
                })?);
            }
            let pod = format!("{}-pod", members[0].name);
            return self
                .kube_pod(pod, BTreeMap::new(), None, &[], &members)
                .map(|p| vec![p]);
        }
        let mut pods = Vec::new();
        for n in names {
            let pod = self.lookup_pod(n)?;
            let mut members: Vec<ContainerRecord> = self
                .list_containers()?
                .into_iter()
                .filter(|c| c.config.pod == pod.id && c.id != pod.infra_id)
                .collect();
            members.sort_by_key(|c| c.created);
            if members.is_empty() {
                return Err(Error::InvalidArgument(format!(
                    "pod {} has no containers besides its infra: add one with `skiff run --pod {}`",
                    pod.name, pod.name
                )));
            }
            let hostname = (!pod.config.hostname.is_empty()).then(|| pod.config.hostname.clone());
            pods.push(self.kube_pod(
                pod.name,
                pod.labels,
                hostname,
                &pod.config.publish,
                &members,
            )?);
        }
        Ok(pods)
    }

    /// The typed pod `name` of `members`, with the pod's own ports and host name (when it is
    /// a pod) or the members' (when they are plain containers).
    fn kube_pod(
        &mut self,
        name: String,
        mut labels: BTreeMap<String, String>,
        hostname: Option<String>,
        publish: &[String],
        members: &[ContainerRecord],
    ) -> Result<PodPlan> {
        labels
            .entry("app".to_string())
            .or_insert_with(|| name.clone());
        let first = &members[0];
        let mut plan = PodPlan {
            restart: match first.config.restart.name.as_str() {
                "" => "no".to_string(),
                other => other.to_string(),
            },
            hostname: hostname.or_else(|| {
                let h = &first.config.hostname;
                (first.config.pod.is_empty() && !h.is_empty() && !first.id.starts_with(h.as_str()))
                    .then(|| h.clone())
            }),
            ports: ports(&name, publish)?,
            labels,
            name,
            containers: Vec::new(),
            host_network: first.config.network_mode == "host",
            add_hosts: first.config.extra_hosts.clone(),
            dns: first.config.dns.clone(),
            dns_search: first.config.dns_search.clone(),
            dns_options: first.config.dns_options.clone(),
        };
        // As podman's: a `once` init container is gone after the pod's first start, so it is
        // not written; an `always` one is an `initContainers` entry.
        let empty_dirs = self.kube_empty_dirs(&plan.name);
        for rec in members
            .iter()
            .filter(|r| r.config.init_ctr != Some(InitCtr::Once))
        {
            let image = match &rec.image_id {
                Some(id) => self.image_defaults(id).unwrap_or_default(),
                None => ImageDefaults::default(),
            };
            plan.ports.extend(ports(&rec.name, &rec.config.publish)?);
            // A played pod's `<pod>-<container>` names back as `<container>`.
            let short = match rec.name.strip_prefix(&format!("{}-", plan.name)) {
                Some(short) if !rec.config.pod.is_empty() && !short.is_empty() => short,
                _ => &rec.name,
            };
            plan.containers.push(container(
                &plan.name,
                short,
                &rec.config,
                &image,
                &empty_dirs,
            ));
        }
        Ok(plan)
    }
}

/// The fixed host ports of `publish` (`-p` specs of container or pod `name`).
fn ports(name: &str, publish: &[String]) -> Result<Vec<PortPlan>> {
    let mut out = Vec::new();
    for spec in publish {
        let m = skiff_network::PortMapping::parse(spec)
            .map_err(|e| Error::InvalidArgument(format!("{name}: published port {spec:?}: {e}")))?;
        // A random host port (`-p 80`) has no fixed hostPort to write.
        if m.host_port == 0 {
            continue;
        }
        for k in 0..m.range.max(1) {
            out.push(PortPlan {
                host_ip: m.host_ip.clone(),
                host_port: m.host_port + k,
                container_port: m.container_port + k,
                protocol: m.protocol.clone(),
            });
        }
    }
    Ok(out)
}

/// Container `name` of pod `pod` as the YAML gives it; a bind mount of a directory in
/// `empty_dirs` (a played pod's) is that `emptyDir` again.
fn container(
    pod: &str,
    name: &str,
    c: &ContainerConfig,
    image: &ImageDefaults,
    empty_dirs: &std::path::Path,
) -> ContainerPlan {
    let (entrypoint, args) = if c.entrypoint == image.entrypoint && c.cmd == image.cmd {
        (None, Vec::new())
    } else if c.entrypoint == image.entrypoint {
        (None, c.cmd.clone())
    } else if c.entrypoint.is_empty() {
        (Some(c.cmd.clone()), Vec::new())
    } else {
        (Some(c.entrypoint.clone()), c.cmd.clone())
    };
    let env = c
        .env
        .iter()
        .filter(|e| {
            // The image's own, and what skiff adds itself, are not the workload's.
            let added = image.env.contains(e)
                || ["PATH=", "HOSTNAME=", "container="]
                    .iter()
                    .any(|p| e.starts_with(p))
                || (c.tty && e.as_str() == "TERM=xterm");
            !added
        })
        .cloned()
        .collect();
    let mounts = c
        .mounts
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let played = std::path::Path::new(&m.source)
                .strip_prefix(empty_dirs)
                .ok()
                .filter(|rest| rest.components().count() == 1);
            let source = match (m.kind, played) {
                (MountKind::Bind, Some(volume)) => {
                    MountSource::EmptyDir(volume.display().to_string())
                }
                (MountKind::Bind, None) => MountSource::HostPath {
                    path: m.source.clone(),
                    create_dir: false,
                },
                // Anonymous volumes (the image's VOLUMEs, `-v /path`) are the container's own.
                (MountKind::Volume, _)
                    if c.volumes.contains(&m.destination) || m.source.is_empty() =>
                {
                    return None
                }
                (MountKind::Volume, _) => MountSource::Volume(m.source.clone()),
                (MountKind::Tmpfs, _) => MountSource::EmptyDir(format!("{name}-tmp-{i}")),
            };
            Some(MountPlan {
                source,
                target: m.destination.clone(),
                read_only: m.read_only,
            })
        })
        .collect();
    let differs =
        |mine: &str, image: &str| (!mine.is_empty() && mine != image).then(|| mine.to_string());
    ContainerPlan {
        short_name: name.to_string(),
        name: format!("{pod}-{name}"),
        image: c.image.clone(),
        pull: PullPlan::Missing,
        entrypoint,
        args,
        env,
        mounts,
        workdir: differs(&c.working_dir, &image.working_dir),
        user: differs(&c.user, &image.user),
        privileged: c.privileged,
        cap_add: c.cap_add.clone(),
        cap_drop: c.cap_drop.clone(),
        read_only: c.read_only,
        memory: (c.memory > 0).then_some(c.memory),
        memory_reservation: (c.resources.memory_reservation > 0)
            .then_some(c.resources.memory_reservation),
        nano_cpus: (c.nano_cpus > 0).then_some(c.nano_cpus),
        tty: c.tty,
        stdin: c.open_stdin,
        init: c.init_ctr.map(|_| InitKind::Always),
        // The container's own healthcheck (the image's comes with the image).
        health: c
            .healthcheck
            .as_ref()
            .filter(|h| h.command().is_some() && Some(*h) != image.healthcheck.as_ref())
            .map(|h| {
                let secs = |ns: i64, default: u32| match ns {
                    0 => default,
                    ns => u32::try_from(ns / 1_000_000_000).unwrap_or(u32::MAX),
                };
                HealthPlan {
                    test: h.test.clone(),
                    interval: secs(h.interval, 30),
                    timeout: secs(h.timeout, 30),
                    retries: u32::try_from(h.retries)
                        .ok()
                        .filter(|r| *r > 0)
                        .unwrap_or(3),
                    start_period: secs(h.start_period, 0),
                }
            }),
    }
}
