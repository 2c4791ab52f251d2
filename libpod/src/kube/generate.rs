//! `kube generate`: stored containers -> the typed pod model the YAML generator writes.

use std::collections::BTreeMap;

use skiff_kube::k8s::{ContainerPlan, MountPlan, MountSource, PodPlan, PortPlan, PullPlan};

use crate::container::config::{ContainerConfig, MountKind};
use crate::container::create::ImageDefaults;
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// The pod `kube generate` writes for `containers` (names or ids): podman's shape, one pod
    /// named `<first container>-pod` holding them all, labelled `app: <pod>`.
    pub fn kube_pod_of_containers(&mut self, containers: &[String]) -> Result<PodPlan> {
        let first = containers
            .first()
            .ok_or_else(|| Error::InvalidArgument("kube generate: name a container".into()))?;
        let first_name = self.lookup_container(first)?.name;
        let pod = format!("{first_name}-pod");
        let mut plan = PodPlan {
            name: pod.clone(),
            labels: BTreeMap::from([("app".to_string(), pod.clone())]),
            ..PodPlan::default()
        };
        for (i, c) in containers.iter().enumerate() {
            let rec = self.lookup_container(c)?;
            let image = match &rec.image_id {
                Some(id) => self.image_defaults(id).unwrap_or_default(),
                None => ImageDefaults::default(),
            };
            let config = &rec.config;
            if i == 0 {
                plan.restart = match config.restart.name.as_str() {
                    "" => "no".to_string(),
                    other => other.to_string(),
                };
                plan.hostname = (!rec.id.starts_with(&config.hostname)
                    && !config.hostname.is_empty())
                .then(|| config.hostname.clone());
            }
            plan.ports.extend(ports(&rec.name, config)?);
            plan.containers
                .push(container(&pod, &rec.name, config, &image));
        }
        Ok(plan)
    }
}

fn ports(name: &str, config: &ContainerConfig) -> Result<Vec<PortPlan>> {
    let mut out = Vec::new();
    for spec in &config.publish {
        let m = skiff_network::PortMapping::parse(spec).map_err(|e| {
            Error::InvalidArgument(format!("container {name}: published port {spec:?}: {e}"))
        })?;
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

fn container(pod: &str, name: &str, c: &ContainerConfig, image: &ImageDefaults) -> ContainerPlan {
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
            !image.env.contains(e)
                && !e.starts_with("PATH=")
                && !(c.tty && e.as_str() == "TERM=xterm")
                && !e.starts_with("HOSTNAME=")
                && !e.starts_with("container=")
        })
        .cloned()
        .collect();
    let mounts = c
        .mounts
        .iter()
        .filter_map(|m| {
            let source = match m.kind {
                MountKind::Bind => MountSource::HostPath {
                    path: m.source.clone(),
                    create_dir: false,
                },
                // Anonymous volumes (the image's VOLUMEs, `-v /path`) are the container's own.
                MountKind::Volume if c.volumes.contains(&m.destination) || m.source.is_empty() => {
                    return None
                }
                MountKind::Volume => MountSource::Volume(m.source.clone()),
                MountKind::Tmpfs => MountSource::EmptyDir,
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
    }
}
