//! `pod create`: the pod's row, then its infra container (a pause process holding the shared
//! namespaces and the published ports).

use std::collections::BTreeMap;

use super::{infra, rows, PodConfig, PodRecord, SharedNamespace};
use crate::container::create::CreateOptions;
use crate::container::names;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::id::new_id;

/// What `pod create` (or `kube play`, or `run --pod new:NAME`) asks for.
#[derive(Debug, Clone)]
pub struct PodSpec {
    /// `--name` (random when None).
    pub name: Option<String>,
    /// `-p`: the pod's published ports (set on the infra container).
    pub publish: Vec<skiff_network::PortMapping>,
    /// `--label`.
    pub labels: BTreeMap<String, String>,
    /// `--hostname` (the pod's name when None).
    pub hostname: Option<String>,
    /// `--infra` (default true): without an infra container nothing is shared.
    pub infra: bool,
    /// `--share` (see [`super::parse_share`]); [`super::DEFAULT_SHARE`] when None.
    pub share: Option<Vec<SharedNamespace>>,
    /// `--network` of the infra container (the default network when None).
    pub network: Option<String>,
    /// `--add-host`.
    pub add_host: Vec<String>,
    /// `--dns`.
    pub dns: Vec<String>,
    /// `--replace`: remove a pod holding the name first (with its containers).
    pub replace: bool,
    /// `--userns` of the infra container, which its members share.
    pub userns: Option<String>,
    /// `--infra-conmon-pidfile`: where the infra container's monitor writes its pid.
    pub infra_monitor_pidfile: Option<std::path::PathBuf>,
    /// `--exit-policy`: whether the pod stops when its last member exits.
    pub exit_policy: super::ExitPolicy,
    /// The command line as typed (podman's `CreateCommand`).
    pub create_command: Vec<String>,
    /// More of the infra container's options, which the members see through it.
    pub infra_options: InfraOptions,
    /// podman's `--volume`: mounted by the infra container and every member.
    pub volumes: Vec<String>,
    /// podman's `--volumes-from`: mounted by the infra container and every member.
    pub volumes_from: Vec<String>,
    /// podman's `--device`: added to the infra container and every member.
    pub devices: Vec<String>,
    /// podman's `--security-opt`: the infra container's and every member's.
    pub security_opt: Vec<String>,
    /// podman's `--pid`: the PID namespace mode of the infra container (the members' when the
    /// pod shares pid).
    pub pid: Option<String>,
    /// podman's `--uts`: the UTS namespace mode of the infra container (the members' when the
    /// pod shares uts).
    pub uts: Option<String>,
    /// podman's `--uidmap`, `--gidmap`, `--subuidname` and `--subgidname`: the mapping of the
    /// infra container's user namespace, which the members join.
    pub id_maps: PodIdMaps,
}

/// A pod's user namespace mapping given as `run`'s flags of the same names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodIdMaps {
    /// `--uidmap CONTAINER:HOST:SIZE`.
    pub uidmap: Vec<String>,
    /// `--gidmap CONTAINER:HOST:SIZE`.
    pub gidmap: Vec<String>,
    /// `--subuidname NAME`.
    pub subuidname: Option<String>,
    /// `--subgidname NAME`.
    pub subgidname: Option<String>,
}

impl PodIdMaps {
    /// Whether any of the flags was given.
    fn given(&self) -> bool {
        !self.uidmap.is_empty()
            || !self.gidmap.is_empty()
            || self.subuidname.is_some()
            || self.subgidname.is_some()
    }
}

/// podman's `pod create` flags that set the infra container's network and namespaces, as
/// `run`'s flags of the same names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InfraOptions {
    /// `--infra-name` (`ID12-infra` when None).
    pub name: Option<String>,
    /// `--dns-search`.
    pub dns_search: Vec<String>,
    /// `--dns-option`.
    pub dns_options: Vec<String>,
    /// `--network-alias`.
    pub network_aliases: Vec<String>,
    /// `--ip`.
    pub ip: Option<String>,
    /// `--ip6`.
    pub ip6: Option<String>,
    /// `--mac-address`.
    pub mac_address: Option<String>,
    /// `--no-hosts`.
    pub no_hosts: bool,
    /// `--shm-size`.
    pub shm_size: Option<String>,
    /// `--sysctl`.
    pub sysctls: Vec<String>,
    /// `--infra-image`: a stored image the infra container runs instead of skiff's pause
    /// file system.
    pub image: Option<String>,
    /// `--infra-command`: the infra container's entrypoint (skiff's pause process, or the
    /// infra image's entrypoint and command, when None).
    pub command: Option<Vec<String>>,
}

impl Default for PodSpec {
    fn default() -> Self {
        PodSpec {
            name: None,
            publish: Vec::new(),
            labels: BTreeMap::new(),
            hostname: None,
            infra: true,
            share: None,
            network: None,
            add_host: Vec::new(),
            dns: Vec::new(),
            replace: false,
            userns: None,
            infra_monitor_pidfile: None,
            exit_policy: super::ExitPolicy::default(),
            create_command: Vec::new(),
            infra_options: InfraOptions::default(),
            volumes: Vec::new(),
            volumes_from: Vec::new(),
            devices: Vec::new(),
            security_opt: Vec::new(),
            pid: None,
            uts: None,
            id_maps: PodIdMaps::default(),
        }
    }
}

/// `--device` values as the container options hold them.
pub(crate) fn parse_devices(
    given: &[String],
) -> Result<Vec<crate::container::config::DeviceConfig>> {
    given
        .iter()
        .map(|d| crate::container::options::parse_device(d))
        .collect()
}

/// Checks the combinations podman refuses.
fn check(spec: &PodSpec, shared: &[SharedNamespace]) -> Result<()> {
    if let Some(name) = &spec.name {
        if !names::is_valid(name) {
            return Err(Error::InvalidArgument(format!(
                "invalid pod name {name:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )));
        }
    }
    if spec.infra {
        if !shared.contains(&SharedNamespace::Net)
            && (!spec.publish.is_empty() || spec.network.is_some())
        {
            return Err(Error::InvalidArgument(
                "cannot set ports or --network on a pod that does not share its network \
                 namespace: add net to --share"
                    .into(),
            ));
        }
        return Ok(());
    }
    let given = [
        (!shared.is_empty()).then_some("shared namespaces (--share)"),
        (!spec.publish.is_empty()).then_some("published ports (-p)"),
        spec.network.as_ref().map(|_| "--network"),
        spec.hostname.as_ref().map(|_| "--hostname"),
        (!spec.dns.is_empty()).then_some("--dns"),
        (!spec.add_host.is_empty()).then_some("--add-host"),
        spec.userns.as_ref().map(|_| "--userns"),
        spec.id_maps.given().then_some("--uidmap/--gidmap"),
    ];
    match given.into_iter().flatten().next() {
        Some(what) => Err(Error::InvalidArgument(format!(
            "a pod without an infra container cannot have {what}: drop it, or drop --infra=false"
        ))),
        None => Ok(()),
    }
}

impl Engine {
    /// `pod create`: records the pod and creates its infra container (not started: the pod is
    /// `Created` until its first start). Returns the new pod.
    pub fn create_pod(&mut self, spec: &PodSpec) -> Result<PodRecord> {
        let shared = match (&spec.share, spec.infra) {
            (Some(s), _) => s.clone(),
            (None, true) => super::DEFAULT_SHARE.to_vec(),
            (None, false) => Vec::new(),
        };
        check(spec, &shared)?;
        if let (true, Some(name)) = (spec.replace, &spec.name) {
            if let Some(old) = self.pod_named(name)? {
                self.remove_pod(&old.id, true, None)?;
            }
        }
        let id = new_id();
        let mut pod = PodRecord {
            id: id.clone(),
            name: String::new(),
            created: crate::container::time::now_ns(),
            infra_id: String::new(),
            labels: spec.labels.clone(),
            config: PodConfig {
                shared,
                hostname: spec.hostname.clone().unwrap_or_default(),
                publish: spec.publish.iter().map(|m| m.spec()).collect(),
                network: spec.network.clone().unwrap_or_default(),
                add_host: spec.add_host.clone(),
                dns: spec.dns.clone(),
                userns: spec.userns.clone().unwrap_or_default(),
                exit_policy: spec.exit_policy,
                create_command: spec.create_command.clone(),
                volumes: spec.volumes.clone(),
                volumes_from: spec.volumes_from.clone(),
                devices: spec.devices.clone(),
                security_opt: spec.security_opt.clone(),
                pid: spec.pid.clone().unwrap_or_default(),
                uts: spec.uts.clone().unwrap_or_default(),
            },
        };
        let wanted = spec.name.clone();
        self.catalog()?.write(|tx| {
            pod.name = match &wanted {
                Some(n) => n.clone(),
                None => names::random_name(|n| rows::lookup(tx, n).is_ok()),
            };
            rows::insert(tx, &pod)?;
            crate::events::record_pod(tx, &pod.id, &pod.name, "create");
            Ok(())
        })?;
        if !spec.infra {
            return Ok(pod);
        }
        match self.create_infra(&pod, spec) {
            Ok(infra_id) => {
                pod.infra_id = infra_id;
                Ok(pod)
            }
            Err(e) => {
                let _ = self
                    .catalog()
                    .and_then(|c| c.write(|tx| rows::delete(tx, &id)));
                Err(e)
            }
        }
    }

    /// Creates the pod's infra container (`<id[:12]>-infra` unless named, as podman names it) and records
    /// it as the pod's. Returns its id.
    fn create_infra(&mut self, pod: &PodRecord, spec: &PodSpec) -> Result<String> {
        let shares = |ns| pod.config.shared.contains(&ns);
        let extra = &spec.infra_options;
        let (image, rootfs, entrypoint, command) = match &extra.image {
            Some(image) => (Some(image.clone()), None, extra.command.clone(), Vec::new()),
            None => {
                let rootfs = infra::pause_rootfs(&self.paths().root)?;
                let pause = infra::PAUSE_COMMAND.iter().map(|s| s.to_string()).collect();
                let command = extra.command.clone().unwrap_or(pause);
                (None, Some(format!("{}:O", rootfs.display())), None, command)
            }
        };
        let opts = CreateOptions {
            image,
            rootfs,
            entrypoint,
            command,
            name: Some(
                extra
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("{}-infra", &pod.id[..12])),
            ),
            hostname: (shares(SharedNamespace::Uts) && spec.uts.is_none())
                .then(|| spec.hostname.clone().unwrap_or_else(|| pod.name.clone())),
            publish: spec.publish.clone(),
            network: spec.network.clone(),
            add_host: spec.add_host.clone(),
            dns: spec.dns.clone(),
            ipc: shares(SharedNamespace::Ipc).then(|| "shareable".to_string()),
            userns: spec.userns.clone(),
            monitor_pidfile: spec.infra_monitor_pidfile.clone(),
            dns_search: extra.dns_search.clone(),
            dns_options: extra.dns_options.clone(),
            network_aliases: extra.network_aliases.clone(),
            ip: extra.ip.clone(),
            mac_address: extra.mac_address.clone(),
            no_hosts: extra.no_hosts,
            shm_size: extra.shm_size.clone(),
            sysctls: extra.sysctls.clone(),
            volumes: spec.volumes.clone(),
            volumes_from: spec.volumes_from.clone(),
            devices: parse_devices(&spec.devices)?,
            security_opt: spec.security_opt.clone(),
            pid: spec.pid.clone(),
            uts: spec.uts.clone(),
            ip6: extra.ip6.clone(),
            uidmap: spec.id_maps.uidmap.clone(),
            gidmap: spec.id_maps.gidmap.clone(),
            subuidname: spec.id_maps.subuidname.clone(),
            subgidname: spec.id_maps.subgidname.clone(),
            ..CreateOptions::default()
        };
        let rec = self.create_container(&opts, None)?;
        let mut config = (*rec.config).clone();
        config.pod = pod.id.clone();
        let set = self.catalog()?.write(|tx| {
            crate::container::rows::set_config(tx, &rec.id, &config)?;
            crate::container::rows::set_pod(tx, &rec.id, &pod.id)?;
            rows::set_infra(tx, &pod.id, &rec.id)
        });
        if let Err(e) = set {
            let _ = self.remove_container(&rec.id, true, false);
            return Err(e);
        }
        Ok(rec.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_podman_refuses() {
        let no_infra = PodSpec {
            infra: false,
            ..PodSpec::default()
        };
        assert!(check(&no_infra, &[]).is_ok());
        assert!(check(&no_infra, &[SharedNamespace::Net]).is_err());
        let ports = PodSpec {
            publish: vec![skiff_network::PortMapping::parse("8080:80").unwrap()],
            ..no_infra.clone()
        };
        let e = check(&ports, &[]).unwrap_err().to_string();
        assert!(e.contains("published ports"), "{e}");
        let ports = PodSpec {
            infra: true,
            ..ports
        };
        assert!(check(&ports, &super::super::DEFAULT_SHARE).is_ok());
        assert!(check(&ports, &[SharedNamespace::Ipc]).is_err());
        let bad = PodSpec {
            name: Some("-x".into()),
            ..PodSpec::default()
        };
        assert!(check(&bad, &[]).is_err());
    }
}
