//! A running container's network: the monitor connects the container's new network namespace
//! with its helper (slirp4netns or pasta) and publishes its ports, records what it did in
//! `<runroot>/net/<id>/state.json` for `ps`, `port` and `inspect`, and takes it all down when
//! the container exits.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use skiff_network::helper::{self, Addresses, HelperRequest, RunningHelper};
/// A `-p` mapping as parsed (docker's forms), for callers that show a container's ports.
pub use skiff_network::PortMapping;
use skiff_network::{Helper, NetworkMode, PortBinding};

use super::config::ContainerConfig;
use crate::error::{Error, Result};
use crate::networks::attach::{self, Attachment};
use crate::networks::holder;

/// What a running container's network looks like (the state file's contents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkState {
    /// The helper's name (`slirp4netns` or `pasta`).
    pub helper: String,
    /// The helper's process id.
    pub helper_pid: i32,
    /// The container's addresses.
    pub addresses: Addresses,
    /// The published ports, host ports resolved.
    pub ports: Vec<PortBinding>,
    /// The file the container's network namespace is bound on (docker's SandboxKey).
    #[serde(default)]
    pub netns: String,
    /// On a user-defined network: the runtime directory of the network whose helper serves
    /// the container (the helper's pid there is current after a restart).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub network_dir: String,
}

/// What says whether a container is a pod member on its pod's network: the full config and
/// the list view both carry it.
pub trait PodNetwork {
    /// The pod's infra container id, when this container is in a pod and on its network.
    fn pod_network_owner(&self) -> Option<&str>;
}

/// The infra id of a pod member on the pod's network (`container:INFRA`).
fn pod_network_owner<'a>(pod: &str, network_mode: &'a str) -> Option<&'a str> {
    network_mode
        .strip_prefix("container:")
        .filter(|_| !pod.is_empty())
}

impl PodNetwork for ContainerConfig {
    fn pod_network_owner(&self) -> Option<&str> {
        pod_network_owner(&self.pod, &self.network_mode)
    }
}

impl PodNetwork for super::list_view::ListView {
    fn pod_network_owner(&self) -> Option<&str> {
        pod_network_owner(&self.pod, &self.network_mode)
    }
}

impl NetworkState {
    /// True while the helper process still runs; a killed helper leaves the container
    /// without a network until it is started again.
    pub fn helper_alive(&self) -> bool {
        if !self.network_dir.is_empty() {
            return holder::read_state_in(Path::new(&self.network_dir)).is_some_and(|h| {
                self.helper.is_empty() || helper::is_running(h.helper_pid, Helper::Slirp4netns)
            });
        }
        let helper = match self.helper.as_str() {
            "pasta" => Helper::Pasta,
            _ => Helper::Slirp4netns,
        };
        helper::is_running(self.helper_pid, helper)
    }
}

/// The directory of container `id`'s network files under `runroot`, named by the id's first
/// 16 digits: slirp4netns's API socket lives there, and a socket path must stay under 108 bytes.
pub fn net_dir(runroot: &Path, id: &str) -> PathBuf {
    runroot.join("net").join(&id[..id.len().min(16)])
}

/// The file in a network directory that records its [`NetworkState`].
const STATE_FILE: &str = "state.json";

/// The recorded network of container `id`, while it runs (None without one).
pub fn state(runroot: &Path, id: &str) -> Option<NetworkState> {
    read_state(&net_dir(runroot, id))
}

fn read_state(dir: &Path) -> Option<NetworkState> {
    serde_json::from_slice(&std::fs::read(dir.join(STATE_FILE)).ok()?).ok()
}

/// The helper a container's stored network mode asks for, if any.
pub fn helper_of(c: &ContainerConfig) -> Option<Helper> {
    match NetworkMode::parse(&c.network_mode) {
        Ok(NetworkMode::Private(h)) => Some(h),
        _ => None,
    }
}

/// True when the container was created on a user-defined network, or `network connect` put
/// it (on the default network) on one, so its memberships need reading.
pub fn on_user_network(c: &ContainerConfig) -> bool {
    joins_user_network(c.connected_networks, &c.network_mode)
}

/// [`on_user_network`] of a configuration with these `connected_networks` and `network_mode`.
pub fn joins_user_network(connected: bool, mode: &str) -> bool {
    connected || matches!(NetworkMode::parse(mode), Ok(NetworkMode::User(_)))
}

/// The ports the container publishes, host ports chosen and checked (a taken port is an error
/// naming it, before the container starts).
pub fn port_bindings(c: &ContainerConfig) -> Result<Vec<PortBinding>> {
    let mappings = c
        .publish
        .iter()
        .map(|p| PortMapping::parse(p).map_err(|e| Error::InvalidArgument(e.to_string())))
        .collect::<Result<Vec<_>>>()?;
    skiff_network::resolve_bindings(&mappings, &c.exposed_ports, c.publish_all)
        .map_err(|e| Error::Conflict(e.to_string()))
}

/// A connected container network; [`Connection::close`] takes it down.
#[derive(Debug)]
pub(crate) struct Connection {
    helper: Option<RunningHelper>,
    dir: PathBuf,
    /// Whether the helper publishes host ports (then closing waits until they are free).
    publishes: bool,
    /// On a user-defined network: the file of the ports its helper publishes to us.
    forwards: Option<PathBuf>,
}

impl Connection {
    /// A fresh network directory for container `id` (what an earlier run left is cleaned
    /// first), with nothing connected yet.
    fn open(runroot: &Path, id: &str, publishes: bool) -> Result<Connection> {
        let dir = net_dir(runroot, id);
        clean_dir(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
        Ok(Connection {
            helper: None,
            dir,
            publishes,
            forwards: None,
        })
    }

    /// Stops the helper and removes the namespace file and the state. A helper with published
    /// ports is waited for, so the ports are free once the container is reported gone.
    pub fn close(self) {
        let _ = std::fs::remove_file(self.dir.join(STATE_FILE));
        if let Some(f) = &self.forwards {
            attach::unpublish(f);
        }
        match self.helper {
            Some(h) if self.publishes => h.stop(),
            Some(h) => h.stop_without_waiting(),
            None => {}
        }
        clean_dir(&self.dir);
    }
}

/// Removes a network directory: unmounts the namespace file and deletes everything (also
/// what a killed monitor left), stopping a helper that is still recorded as running.
pub(crate) fn clean_dir(dir: &Path) {
    match read_state(dir) {
        // A user-defined network's helper serves the other members: only withdraw our ports.
        Some(s) if !s.network_dir.is_empty() => {
            if let Some(name) = dir.file_name().and_then(|n| n.to_str()) {
                attach::unpublish(&holder::forwards_file(Path::new(&s.network_dir), name));
            }
        }
        Some(s) if s.helper_alive() => helper::stop_pid(s.helper_pid),
        _ => {}
    }
    // The relays joining the container to networks it was connected to while it ran end
    // with its init; wait for them, so that no relay or device outlives it.
    if let (Some(id16), Some(runroot)) = (
        dir.file_name().and_then(|n| n.to_str()),
        dir.parent().and_then(Path::parent),
    ) {
        crate::networks::relay::end_all_for(runroot, id16);
    }
    let netns = dir.join("netns");
    let _ = nix::mount::umount2(&netns, nix::mount::MntFlags::MNT_DETACH);
    let _ = std::fs::remove_dir_all(dir);
}

/// Connects the network namespace of the container init `pid`: binds it on a file, starts
/// the helper with the ports, and records the state.
pub(crate) fn connect(
    runroot: &Path,
    id: &str,
    helper: Helper,
    pid: i32,
    ports: &[PortBinding],
    mac_address: Option<&str>,
) -> Result<Connection> {
    let mut conn = Connection::open(runroot, id, !ports.is_empty())?;
    let netns = conn.dir.join("netns");
    let bound = std::fs::File::create(&netns)
        .map_err(|e| Error::io(netns.display().to_string(), e))
        .and_then(|_| {
            nix::mount::mount(
                Some(Path::new(&format!("/proc/{pid}/ns/net"))),
                &netns,
                None::<&str>,
                nix::mount::MsFlags::MS_BIND,
                None::<&str>,
            )
            .map_err(|e| Error::Runtime(format!("binding the container's network namespace: {e}")))
        });
    if let Err(e) = bound {
        conn.close();
        return Err(e);
    }
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let addresses = helper::addresses(helper, &skiff_network::nameservers(&host_resolv));
    let started = helper::start(&HelperRequest {
        helper,
        netns: &netns,
        run_dir: &conn.dir,
        ports,
        addresses: &addresses,
        mac_address,
        api_socket: false,
        ipv6: false,
        host_loopback: false,
    });
    let running = match started {
        Ok(r) => r,
        Err(e) => {
            conn.close();
            return Err(match e {
                skiff_network::helper::HelperError::Port { .. } => Error::Conflict(e.to_string()),
                _ => Error::Runtime(e.to_string()),
            });
        }
    };
    let state = NetworkState {
        helper: helper.name().to_string(),
        helper_pid: running.pid,
        addresses,
        ports: ports.to_vec(),
        netns: netns.display().to_string(),
        network_dir: String::new(),
    };
    conn.helper = Some(running);
    finish(conn, &state)
}

/// Wires a default-network container (init `pid`, its helper connected) into the
/// user-defined networks `network connect` gave it (`list`): a veth into each network's
/// bridge, named from `eth1` on, without a default route (the helper keeps it).
pub(crate) fn connect_extra(runroot: &Path, id: &str, pid: i32, list: &[Attachment]) -> Result<()> {
    for a in list {
        let h = holder::ensure(runroot, &a.net)?;
        attach::plug(&h, id, pid, a, &attach::extra_ifname(pid), false)?;
    }
    Ok(())
}

/// Records `state` for a connection just made (closing it when that fails).
fn finish(conn: Connection, state: &NetworkState) -> Result<Connection> {
    let path = conn.dir.join(STATE_FILE);
    let written = serde_json::to_vec(state)
        .map_err(|e| Error::Runtime(e.to_string()))
        .and_then(|b| {
            std::fs::write(&path, b).map_err(|e| Error::io(path.display().to_string(), e))
        });
    if let Err(e) = written {
        conn.close();
        return Err(e);
    }
    Ok(conn)
}

/// Connects the network namespace of the container init `pid` to its user-defined networks
/// (`list`, first joined first): a veth into each network's bridge, the default route
/// through the first that is not internal, whose helper publishes `ports`.
pub(crate) fn connect_user(
    runroot: &Path,
    id: &str,
    pid: i32,
    list: &[Attachment],
    ports: &[PortBinding],
) -> Result<Connection> {
    let mut conn = Connection::open(runroot, id, false)?;
    let routed = attach::routed(list);
    let mut serving = None;
    for (i, a) in list.iter().enumerate() {
        let default_route = routed.is_some_and(|r| r.net.id == a.net.id);
        let plugged = holder::ensure(runroot, &a.net).and_then(|h| {
            attach::plug(&h, id, pid, a, &attach::ifname(i), default_route)?;
            Ok(h)
        });
        match plugged {
            Ok(h) if default_route => serving = Some(h),
            Ok(_) => {}
            Err(e) => {
                conn.close();
                return Err(e);
            }
        }
    }
    let Some(first) = routed.or(list.first()) else {
        conn.close();
        return Err(Error::Runtime("the container is on no network".into()));
    };
    if routed.is_some() && !ports.is_empty() {
        match attach::publish(runroot, first, id, ports) {
            Ok(f) => conn.forwards = Some(f),
            Err(e) => {
                conn.close();
                return Err(e);
            }
        }
    }
    let state = NetworkState {
        helper: if routed.is_some() {
            "slirp4netns".into()
        } else {
            String::new()
        },
        helper_pid: serving.as_ref().map(|h| h.helper_pid).unwrap_or(0),
        addresses: attach::addresses(&first.net, &first.member),
        ports: if routed.is_some() {
            ports.to_vec()
        } else {
            Vec::new()
        },
        netns: format!("/proc/{pid}/ns/net"),
        network_dir: holder::dir(runroot, &first.net.id).display().to_string(),
    };
    finish(conn, &state)
}
