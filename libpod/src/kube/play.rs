//! `kube play`: executes a play plan through the engine's typed entry points: named volumes
//! (created, or reused with their data), then each pod ([`PodSpec`]: its ports, labels and host
//! name) and its containers, created from [`CreateOptions`] with `pod` set, and started.

use std::path::Path;

use skiff_kube::k8s::{
    ContainerPlan, InitKind, MountSource, PlayPlan, PodPlan, PortPlan, PullPlan,
};

use crate::container::config::{MountConfig, MountKind, RestartPolicy};
use crate::container::create::{CreateOptions, ImageDefaults};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::pull::{PolicyNote, PullPolicy, PullProgress, PullRequest};
use crate::pod::init_ctr::InitCtr;
use crate::pod::PodSpec;

/// How `kube play` runs.
#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    /// `--replace`: first remove what an earlier play of the same YAML created.
    pub replace: bool,
    /// `--start` (the default): start the containers; false only creates them.
    pub start: bool,
    /// How images are pulled (`--tls-verify`, `--creds`).
    pub pull: PullRequest,
    /// podman's `--network`: the network (or mode) of every pod.
    pub network: Option<String>,
    /// podman's `--ip`: the address of each pod on its network, in the YAML's order.
    pub ips: Vec<String>,
    /// podman's `--mac-address`: the MAC address of each pod, in the YAML's order.
    pub macs: Vec<String>,
    /// podman's `--no-hosts`: the containers keep the image's /etc/hosts.
    pub no_hosts: bool,
    /// podman's `--userns`: the pods' user namespace mode.
    pub userns: Option<String>,
    /// podman's `--log-driver` and `--log-opt` for every container.
    pub log_driver: Option<String>,
    /// `--log-opt KEY=VALUE`.
    pub log_opts: Vec<String>,
    /// podman's `--annotation KEY=VALUE` on every container.
    pub annotations: Vec<String>,
}

/// What `kube play` made.
#[derive(Debug, Clone, Default)]
pub struct PlayReport {
    /// Each volume by name, and whether this play created it (false: reused with its data).
    pub volumes: Vec<(String, bool)>,
    /// Each pod: its name, its id and its containers' ids.
    pub pods: Vec<(String, String, Vec<String>)>,
}

impl Engine {
    /// Runs `plan`. Images are resolved (pulled per each container's `imagePullPolicy`)
    /// before anything is created; `note` hears of each image that is pulled. On an error the
    /// pods (and containers) this call created are removed again.
    pub fn kube_play(
        &mut self,
        plan: &PlayPlan,
        opts: &PlayOptions,
        progress: &dyn PullProgress,
        note: &mut dyn FnMut(&str, PolicyNote<'_>),
    ) -> Result<PlayReport> {
        if opts.replace {
            // Before a pull enters the user namespace: the kill must come from the caller.
            self.kube_down(plan)?;
        } else {
            for pod in &plan.pods {
                if self.pod_named(&pod.name)?.is_some() {
                    return Err(Error::Conflict(format!(
                        "pod {} already exists: run `skiff kube down FILE` first, or play with \
                         --replace",
                        pod.name
                    )));
                }
            }
            for ctr in plan.pods.iter().flat_map(|p| &p.containers) {
                if self.lookup_container(&ctr.name).is_ok() {
                    return Err(Error::Conflict(format!(
                        "container {} already exists: run `skiff kube down FILE` first, or play \
                         with --replace",
                        ctr.name
                    )));
                }
            }
        }
        let mut images = Vec::new();
        for pod in &plan.pods {
            for ctr in &pod.containers {
                images.push(self.kube_image(pod, ctr, &opts.pull, progress, note)?);
            }
        }
        let mut report = PlayReport::default();
        for name in &plan.volumes {
            let existed = self.volume_get(name).is_ok();
            self.volume_create(Some(name), Default::default(), Default::default(), true)?;
            report.volumes.push((name.clone(), !existed));
        }
        let mut created: Vec<String> = Vec::new();
        let mut images = images.into_iter();
        let result = (|| {
            for (i, pod) in plan.pods.iter().enumerate() {
                // hostNetwork: the host's network, whose ports need no publishing.
                let host = pod.host_network && opts.network.is_none();
                let mut spec = PodSpec {
                    name: Some(pod.name.clone()),
                    publish: match host {
                        true => Vec::new(),
                        false => pod.ports.iter().map(port_mapping).collect(),
                    },
                    labels: pod.labels.clone(),
                    hostname: pod.hostname.clone(),
                    network: match host {
                        true => Some("host".to_string()),
                        false => opts.network.clone(),
                    },
                    userns: opts.userns.clone(),
                    add_host: pod.add_hosts.clone(),
                    dns: pod.dns.clone(),
                    ..PodSpec::default()
                };
                spec.infra_options.dns_search = pod.dns_search.clone();
                spec.infra_options.dns_options = pod.dns_options.clone();
                spec.infra_options.ip = opts.ips.get(i).cloned();
                spec.infra_options.mac_address = opts.macs.get(i).cloned();
                spec.infra_options.no_hosts = opts.no_hosts;
                let rec = self.create_pod(&spec)?;
                created.push(rec.id.clone());
                let mut ids = Vec::new();
                for ctr in &pod.containers {
                    let image = images.next().expect("one image per container");
                    let mut create = self.kube_create_options(&rec.id, pod, ctr)?;
                    create.log_driver = opts.log_driver.clone();
                    create.log_opts = opts.log_opts.clone();
                    create.annotations = opts.annotations.clone();
                    create.no_hosts = opts.no_hosts;
                    let ctr = self.create_container(&create, Some(&image))?;
                    ids.push(ctr.id);
                }
                if opts.start {
                    // The infra, the init containers to their end, then the others.
                    self.start_pod(&rec.id)?;
                }
                report.pods.push((pod.name.clone(), rec.id, ids));
            }
            Ok(())
        })();
        if let Err(e) = result {
            for pod in &created {
                let _ = self.remove_pod(pod, true, Some(0));
            }
            return Err(e);
        }
        Ok(report)
    }

    /// The image of `ctr`, pulled per its `imagePullPolicy`; the error says "image" and names it.
    fn kube_image(
        &mut self,
        pod: &PodPlan,
        ctr: &ContainerPlan,
        req: &PullRequest,
        progress: &dyn PullProgress,
        note: &mut dyn FnMut(&str, PolicyNote<'_>),
    ) -> Result<ImageDefaults> {
        let policy = match ctr.pull {
            PullPlan::Missing => PullPolicy::Missing,
            PullPlan::Always => PullPolicy::Always,
            PullPlan::Never => PullPolicy::Never,
        };
        let name = &ctr.image;
        let found = self
            .image_by_policy(name, policy, req, progress, &mut |n| note(name, n))
            .and_then(|image| self.image_defaults(&image.id));
        found.map_err(|e| {
            Error::InvalidArgument(format!(
                "image {name} of container {} in pod {}: {e}: pull or build the image, or fix \
                 its name in the YAML",
                ctr.short_name, pod.name
            ))
        })
    }

    /// The typed create options of container `ctr` of `pod` (created as `pod_id`), which
    /// joins the pod's shared namespaces: its network, ports and host name are the pod's.
    fn kube_create_options(
        &mut self,
        pod_id: &str,
        pod: &PodPlan,
        ctr: &ContainerPlan,
    ) -> Result<CreateOptions> {
        let mut opts = CreateOptions {
            image: Some(ctr.image.clone()),
            name: Some(ctr.name.clone()),
            entrypoint: ctr.entrypoint.clone(),
            command: ctr.args.clone(),
            env: ctr.env.clone(),
            user: ctr.user.clone(),
            workdir: ctr.workdir.clone(),
            privileged: ctr.privileged,
            cap_add: ctr.cap_add.clone(),
            cap_drop: ctr.cap_drop.clone(),
            read_only: ctr.read_only,
            tty: ctr.tty,
            interactive: ctr.stdin,
            attach: crate::container::attach::AttachStreams::NONE,
            // An init container runs once per start of the pod, whatever the pod's policy.
            restart: ctr.init.is_none().then(|| RestartPolicy {
                name: pod.restart.clone(),
                max_retries: 0,
            }),
            init_ctr: ctr.init.map(|kind| match kind {
                InitKind::Always => InitCtr::Always,
                InitKind::Once => InitCtr::Once,
            }),
            labels: pod.labels.iter().map(|(k, v)| format!("{k}={v}")).collect(),
            pod: Some(pod_id.to_string()),
            ..CreateOptions::default()
        };
        if let Some(h) = &ctr.health {
            let secs = |s: u32| Some(i64::from(s) * 1_000_000_000);
            opts.health = crate::container::health::HealthOptions {
                test: Some(h.test.clone()),
                interval: secs(h.interval),
                timeout: secs(h.timeout),
                start_period: secs(h.start_period),
                retries: Some(i64::from(h.retries)),
                ..Default::default()
            };
        }
        opts.resources.memory = ctr.memory;
        opts.resources.memory_reservation = ctr.memory_reservation;
        opts.resources.nano_cpus = ctr.nano_cpus;
        if ctr.mounts.iter().any(|m| {
            matches!(
                m.source,
                MountSource::Files { .. } | MountSource::EmptyDir(_)
            )
        }) {
            self.make_kube_files_dir(&pod.name)?;
        }
        for m in &ctr.mounts {
            let (kind, source) = match &m.source {
                MountSource::HostPath { path, create_dir } => {
                    if *create_dir {
                        std::fs::create_dir_all(path).map_err(|e| {
                            Error::InvalidArgument(format!("hostPath {path}: creating it: {e}"))
                        })?;
                    }
                    (MountKind::Bind, path.clone())
                }
                MountSource::Volume(name) => (MountKind::Volume, name.clone()),
                MountSource::Files { volume, files } => {
                    let dir = self.kube_files_dir(&pod.name).join(volume);
                    write_files(&dir, files)?;
                    (MountKind::Bind, dir.display().to_string())
                }
                MountSource::EmptyDir(name) => {
                    let dir = self.kube_empty_dir(&pod.name, name);
                    // Writable by any user of the pod's containers, as Kubernetes makes it
                    // (the pod's directory around it is its owner's only).
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::create_dir_all(&dir)
                        .and_then(|_| {
                            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777))
                        })
                        .map_err(|e| {
                            Error::Runtime(format!(
                                "emptyDir {name}: creating {}: {e}",
                                dir.display()
                            ))
                        })?;
                    (MountKind::Bind, dir.display().to_string())
                }
            };
            opts.mounts.push(MountConfig {
                kind,
                source,
                destination: m.target.clone(),
                read_only: m.read_only,
                options: Vec::new(),
                create_source: false,
            });
        }
        Ok(opts)
    }
}

/// A pod's published port as the network crate types it.
fn port_mapping(p: &PortPlan) -> skiff_network::PortMapping {
    skiff_network::PortMapping {
        host_ip: p.host_ip.clone(),
        host_port: p.host_port,
        host_port_last: 0,
        container_port: p.container_port,
        range: 1,
        protocol: p.protocol.clone(),
    }
}

/// Writes a ConfigMap volume's files into `dir`, over what is there: each container of a pod
/// that mounts the volume writes the same files, and the directory itself must stay, as an
/// earlier container of the pod has it mounted already (`kube down` removes it).
fn write_files(dir: &Path, files: &[(String, String)]) -> Result<()> {
    let fail = |e: std::io::Error| Error::Runtime(format!("writing {}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(fail)?;
    for (name, content) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        std::fs::write(&path, content).map_err(fail)?;
    }
    Ok(())
}
