//! `run|create --pod P`: a container joins a pod through the same `container:ID` namespace
//! modes as `--network container:X`, pointed at the pod's infra container.

use super::lock::PodLock;
use super::{PodRecord, SharedNamespace};
use crate::container::create::CreateOptions;
use crate::container::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// podman's refusal of ports (or a network) on a container that shares its pod's network.
const PORTS_ON_MEMBER: &str = "invalid config provided: published or exposed ports must be \
    defined when the pod is created: network cannot be configured when it is shared with a pod";

/// `opts` of a member of `pod`: the infra's shared namespaces as `container:ID` modes. The
/// flags that would set up a namespace the pod shares are refused, as podman does.
pub(crate) fn member_options(opts: &CreateOptions, pod: &PodRecord) -> Result<CreateOptions> {
    let mut out = opts.clone();
    let infra = format!("container:{}", pod.infra_id);
    if pod.shares(SharedNamespace::Net) {
        if !opts.publish.is_empty() || opts.publish_all {
            return Err(Error::InvalidArgument(PORTS_ON_MEMBER.into()));
        }
        if opts.network.is_some() || !opts.extra_networks.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "--network cannot be set for a container of pod {}: it shares the pod's network; \
                 set --network on `skiff pod create`",
                pod.name
            )));
        }
        // A pod on the host's network: its members are on it too (rootless, the host's
        // namespace cannot be joined through the infra's, which skiff's user namespace does not
        // own; it is the same namespace either way).
        out.network = Some(match pod.config.network.as_str() {
            "host" => "host".to_string(),
            _ => infra.clone(),
        });
    }
    let join = |shared: SharedNamespace, flag: &str, value: &mut Option<String>| {
        if !pod.shares(shared) {
            return Ok(());
        }
        if value.is_some() {
            return Err(Error::InvalidArgument(format!(
                "--{flag} cannot be set for a container of pod {}: it shares the pod's {flag} \
                 namespace; create the pod with --share without {}",
                pod.name,
                shared.as_str()
            )));
        }
        *value = Some(infra.clone());
        Ok(())
    };
    join(SharedNamespace::Ipc, "ipc", &mut out.ipc)?;
    join(SharedNamespace::Uts, "uts", &mut out.uts)?;
    join(SharedNamespace::Pid, "pid", &mut out.pid)?;
    // A pod on the host's PID or UTS namespace (`pod create --pid|--uts host`): its members
    // are on it too, directly (rootless, the host's namespaces cannot be joined through the
    // infra's, which skiff's user namespace does not own).
    for (shared, mode, value) in [
        (SharedNamespace::Pid, &pod.config.pid, &mut out.pid),
        (SharedNamespace::Uts, &pod.config.uts, &mut out.uts),
    ] {
        if pod.shares(shared) && mode == "host" {
            *value = Some("host".into());
        }
    }
    // podman's pod-wide `--device` and `--security-opt`: every member's, before its own.
    if !pod.config.devices.is_empty() {
        let mut devices = super::create::parse_devices(&pod.config.devices)?;
        devices.extend(opts.devices.iter().cloned());
        out.devices = devices;
    }
    if !pod.config.security_opt.is_empty() {
        out.security_opt = pod.config.security_opt.clone();
        out.security_opt.extend(opts.security_opt.iter().cloned());
    }
    if pod.shares(SharedNamespace::Uts) && opts.hostname.is_some() {
        return Err(Error::InvalidArgument(format!(
            "--hostname cannot be set for a container of pod {}: it shares the pod's host name; \
             set --hostname on `skiff pod create`",
            pod.name
        )));
    }
    if opts.userns.is_some() && !pod.infra_id.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "--userns cannot be set for a container of pod {}: the pod's containers share one \
             user namespace; set --userns on `skiff pod create`",
            pod.name
        )));
    }
    // podman's pod volumes: the infra's mounts, which every member mounts too.
    let pod_volumes = !pod.config.volumes.is_empty() || !pod.config.volumes_from.is_empty();
    if pod_volumes && !pod.infra_id.is_empty() && !out.volumes_from.contains(&pod.infra_id) {
        out.volumes_from.push(pod.infra_id.clone());
    }
    out.pod = Some(pod.id.clone());
    Ok(out)
}

impl Engine {
    /// The pod `name_or_id`, `opts` rewritten to join it (see [`member_options`]) and the
    /// pod's lock shared, to hold until the member's row is written. A join that comes while
    /// `pod rm` removes the pod waits for it, then fails with "no such pod" when the pod went.
    pub(crate) fn in_pod(
        &mut self,
        opts: &CreateOptions,
        name_or_id: &str,
    ) -> Result<(PodRecord, CreateOptions, PodLock)> {
        let found = self.lookup_pod(name_or_id)?;
        let lock = PodLock::join(&self.paths().runroot, &found.id, || {
            self.warn(format!(
                "pod {} is being removed: waiting for `pod rm` to finish",
                found.name
            ))
        })?;
        // Read again under the lock: a `pod rm` that ended meanwhile took the row with it.
        let pod = super::rows::lookup(self.catalog()?.conn(), &found.id)
            .map_err(|_| super::no_such_pod(name_or_id))?;
        let mut joined = member_options(opts, &pod)?;
        // A pod with `--userns` (or `--uidmap`) has its infra in a user namespace of its own,
        // which its members join, as the user keep-id names unless they name one.
        if let Some(infra) = self.infra_with_own_userns(&pod)? {
            joined.userns = Some(format!("container:{}", infra.id));
            if joined.user.is_none() && pod.config.userns.starts_with("keep-id") {
                joined.user = Some(infra.config.user.clone()).filter(|u| !u.is_empty());
            }
        }
        Ok((pod, joined, lock))
    }

    /// The infra container of `pod` when it has a user namespace of its own.
    fn infra_with_own_userns(&mut self, pod: &PodRecord) -> Result<Option<ContainerRecord>> {
        if pod.infra_id.is_empty() {
            return Ok(None);
        }
        let infra = self.lookup_container(&pod.infra_id)?;
        Ok(infra.config.userns.map.is_some().then_some(infra))
    }

    /// Rootless, before a member of pod `name_or_id` is created (and before a pull enters a
    /// user namespace): joins the user namespace of the pod's infra container when it runs, or
    /// for an infra with a namespace of its own (`--userns`, `--uidmap`) the one that namespace
    /// was made in (the member joins the infra's when it starts). A stopped pod's infra runs in
    /// skiff's own namespace, which the pull enters.
    pub(crate) fn enter_pod_userns(&mut self, name_or_id: &str) -> Result<()> {
        let pod = self.lookup_pod(name_or_id)?;
        if pod.infra_id.is_empty() {
            return Ok(());
        }
        let infra = self.lookup_container(&pod.infra_id)?;
        let running = infra.state == crate::container::State::Running && infra.pid > 0;
        // A pod with `--userns` (or `--uidmap`): its members join the infra's namespace when
        // they start, from the one it was made in.
        if infra.config.userns.map.is_some() {
            return match running {
                true => crate::runtime::userns::join_parent_userns_of(infra.pid).map(drop),
                false => self.enter_userns(),
            };
        }
        if running {
            crate::runtime::userns::join_userns_of(infra.pid)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(shared: &[SharedNamespace]) -> PodRecord {
        PodRecord {
            id: "a".repeat(64),
            name: "p".into(),
            created: 0,
            infra_id: "b".repeat(64),
            labels: Default::default(),
            config: super::super::PodConfig {
                shared: shared.to_vec(),
                ..Default::default()
            },
        }
    }

    #[test]
    fn members_join_the_infra_namespaces_the_pod_shares() {
        let o = member_options(
            &CreateOptions::default(),
            &pod(&super::super::DEFAULT_SHARE),
        )
        .unwrap();
        let infra = format!("container:{}", "b".repeat(64));
        assert_eq!(o.network.as_deref(), Some(infra.as_str()));
        assert_eq!(o.ipc.as_deref(), Some(infra.as_str()));
        assert_eq!(o.uts.as_deref(), Some(infra.as_str()));
        assert_eq!(o.pid, None);
        // A pod on the host's network: the members are on it themselves.
        let mut host = pod(&super::super::DEFAULT_SHARE);
        host.config.network = "host".into();
        let o = member_options(&CreateOptions::default(), &host).unwrap();
        assert_eq!(o.network.as_deref(), Some("host"));
        assert_eq!(o.uts.as_deref(), Some(infra.as_str()));
        assert_eq!(o.pod.as_deref(), Some("a".repeat(64).as_str()));
        let o = member_options(&CreateOptions::default(), &pod(&[SharedNamespace::Ipc])).unwrap();
        assert_eq!(o.network, None);
    }

    #[test]
    fn ports_on_a_member_are_refused_with_podman_s_message() {
        let opts = CreateOptions {
            publish: vec![skiff_network::PortMapping::parse("8080:80").unwrap()],
            ..Default::default()
        };
        let e = member_options(&opts, &pod(&super::super::DEFAULT_SHARE)).unwrap_err();
        assert!(
            e.to_string()
                .contains("published or exposed ports must be defined when the pod is created"),
            "{e}"
        );
        let opts = CreateOptions {
            hostname: Some("h".into()),
            ..Default::default()
        };
        assert!(member_options(&opts, &pod(&super::super::DEFAULT_SHARE)).is_err());
    }

    #[test]
    fn pod_wide_options_come_before_the_member_s_own() {
        let mut p = pod(&[SharedNamespace::Uts, SharedNamespace::Pid]);
        p.config.uts = "host".into();
        p.config.pid = "host".into();
        p.config.devices = vec!["/dev/null:/dev/a".into()];
        p.config.security_opt = vec!["seccomp=unconfined".into()];
        let own = CreateOptions {
            security_opt: vec!["no-new-privileges".into()],
            devices: vec![crate::container::options::parse_device("/dev/zero").unwrap()],
            ..Default::default()
        };
        let o = member_options(&own, &p).unwrap();
        assert_eq!(o.uts.as_deref(), Some("host"));
        assert_eq!(o.pid.as_deref(), Some("host"));
        assert_eq!(o.security_opt, ["seccomp=unconfined", "no-new-privileges"]);
        let paths: Vec<&str> = o
            .devices
            .iter()
            .map(|d| d.path_in_container.as_str())
            .collect();
        assert_eq!(paths, ["/dev/a", "/dev/zero"]);
        // Host modes only reach members of a pod that shares the namespace.
        p.config.shared = vec![SharedNamespace::Uts];
        let o = member_options(&CreateOptions::default(), &p).unwrap();
        assert_eq!(o.pid, None);
    }
}
