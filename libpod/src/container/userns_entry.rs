//! Entering the user namespace an operation must run in: skiff's own (rootless), or the one a
//! container shares with what it joins (another container's network, PID or IPC namespace, a
//! user-defined network's holder, a running pod).

use super::create::CreateOptions;
use super::network::on_user_network;
use super::rows::ContainerRecord;
use super::State;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::networks::NetworkRecord;

impl Engine {
    /// Rootless: enters skiff's user namespace, where the subordinate ids are mapped (as root
    /// nothing changes). Call it while the process is single-threaded (the kernel lets only such
    /// a process change its user namespace) and before anything that writes or removes layers
    /// (so layer files get their image owners), starts a container or removes its files; a
    /// long-lived multi-threaded process (the REST service) calls it before any thread starts.
    /// Idempotent: every later entry is a no-op. Signals are sent before entering it: only the
    /// namespace's owner can signal every process of a container. Without subordinate ids the
    /// caller gets a warning saying how to add a range.
    pub fn enter_userns(&self) -> Result<()> {
        let entered = crate::runtime::userns::enter_userns(Some(&self.paths().runroot))?;
        if let Some(w) = entered.warning {
            self.warn(w);
        }
        Ok(())
    }

    /// Rootless: starts making skiff's user namespace in the background, for a command that
    /// will enter it, so the setuid mapping helpers run while it does other work (see
    /// [`crate::runtime::userns::prepare_userns`]); the next [`Self::enter_userns`] joins it.
    /// Nothing as root. Call it while the process is single-threaded.
    pub fn prepare_userns(&self) {
        crate::runtime::userns::prepare_userns(&self.paths().runroot);
    }

    /// Enters the user namespace container `rec` must run in: a new one, or with
    /// `--network container:X` the one of X, which owns the network namespace it joins.
    pub(crate) fn enter_userns_for(&mut self, rec: &ContainerRecord) -> Result<()> {
        // `--userns container:X` (a member of a pod with `--userns`): the runtime joins X's
        // namespace itself, from the one X's was made in, where the files are prepared.
        if let Some(other) = rec.config.userns.mode.strip_prefix("container:") {
            let pid = self.joined_container_pid(other, "user")?;
            return crate::runtime::userns::join_parent_userns_of(pid).map(|_| ());
        }
        if let Some(other) = rec.config.network_mode.strip_prefix("container:") {
            return self.join_network_owner(other);
        }
        if let Some((what, other)) = namespace_target(&rec.config.pid_mode, &rec.config.ipc_mode) {
            let pid = self.joined_container_pid(other, what)?;
            return crate::runtime::userns::join_userns_of(pid).map(|_| ());
        }
        if !on_user_network(&rec.config) {
            return self.enter_userns();
        }
        let list = crate::networks::attach::attachments(self.catalog()?.conn(), &rec.id)?;
        match list.first() {
            Some(a) => {
                let net = a.net.clone();
                self.join_user_network(&net)
            }
            None => self.enter_userns(),
        }
    }

    /// Enters the user namespace a container with `--network network` must run in, before
    /// anything else enters one (a pull does): another container's for `container:NAME`, the
    /// user-defined networks' shared one (starting the network's holder) for a network name,
    /// and nothing yet for the other modes.
    pub fn enter_network_userns(&mut self, network: &str) -> Result<()> {
        if let Some(other) = network.strip_prefix("container:") {
            return self.join_network_owner(other);
        }
        if let Ok(skiff_network::NetworkMode::User(name)) =
            skiff_network::NetworkMode::parse(network)
        {
            let net = self.network_get(&name)?;
            return self.join_user_network(&net);
        }
        Ok(())
    }

    /// Starts user-defined network `net`'s holder when needed and enters its user namespace
    /// (rootless; as root only the holder is started).
    pub(crate) fn join_user_network(&mut self, net: &NetworkRecord) -> Result<()> {
        let runroot = self.paths().runroot.clone();
        // The names file lives in the run directory: after a reboot (or from a version that
        // kept none) the first start writes it again.
        let dir = crate::networks::holder::dir(&runroot, &net.id);
        if !crate::networks::holder::names_file(&dir).exists() {
            let _lock = crate::networks::hosts::lock(&runroot)?;
            crate::networks::hosts::write_names(self.catalog()?.conn(), &runroot, &net.id)?;
        }
        let state = crate::networks::holder::ensure(&runroot, net)?;
        crate::runtime::userns::join_userns_of(state.pid).map(|_| ())
    }

    /// `--network container:OTHER`: enters the user namespace of running container `OTHER`
    /// (rootless; nothing as root), which a container joining its network must run in. Call it
    /// before anything else enters a user namespace (a pull does).
    pub fn join_network_owner(&mut self, other: &str) -> Result<()> {
        let pid = self.network_owner_pid(other)?;
        crate::runtime::userns::join_userns_of(pid).map(|_| ())
    }

    /// The pid of running container `other` (name or id), whose network a `container:` mode
    /// joins; a container that is not running (or gone) is an error saying so.
    pub(crate) fn network_owner_pid(&mut self, other: &str) -> Result<i32> {
        self.joined_container_pid(other, "network")
    }

    /// The pid of running container `other` (name or id), whose `what` namespace ("network",
    /// "PID", "IPC") a `container:` mode joins; an error saying so when it is not running.
    pub(crate) fn joined_container_pid(&mut self, other: &str, what: &str) -> Result<i32> {
        match self.lookup_container(other).ok() {
            Some(t) if t.state == State::Running && t.pid > 0 => Ok(t.pid),
            _ => Err(Error::Conflict(format!(
                "cannot join the {what} namespace of container {}: it is not running; start it first",
                &other[..other.len().min(12)]
            ))),
        }
    }

    /// Enters the user namespace a new container must be created in (before a pull enters a
    /// new one): the one of the container whose network, PID or IPC namespace it joins, or
    /// the user-defined network's (see [`Self::enter_network_userns`]), or a running pod's.
    pub fn enter_create_userns(&mut self, opts: &CreateOptions) -> Result<()> {
        if let Some(pod) = opts.pod.as_deref() {
            return self.enter_pod_userns(pod);
        }
        if let Some(network) = opts.network.as_deref() {
            if network.starts_with("container:") {
                return self.enter_network_userns(network);
            }
        }
        let (pid, ipc) = (
            opts.pid.as_deref().unwrap_or(""),
            opts.ipc.as_deref().unwrap_or(""),
        );
        if let Some((what, other)) = namespace_target(pid, ipc) {
            let pid = self.joined_container_pid(other, what)?;
            return crate::runtime::userns::join_userns_of(pid).map(|_| ());
        }
        match opts.network.as_deref() {
            Some(network) => self.enter_network_userns(network),
            None => Ok(()),
        }
    }
}

/// Whether a container made with these `run` flags runs in skiff's own rootless user namespace
/// rather than one it joins: the choice [`Engine::enter_create_userns`] and
/// [`Engine::enter_userns_for`] make, read from the flags before the container exists. Not in
/// a pod (`in_pod`), no `--userns` mode, no PID or IPC namespace of another container, and
/// every `--network` one of skiff's own modes (not `container:NAME`, not a network's name).
pub fn runs_in_own_userns(
    networks: &[String],
    pid: Option<&str>,
    ipc: Option<&str>,
    in_pod: bool,
    userns: Option<&str>,
) -> bool {
    use skiff_network::NetworkMode;
    let own_network = |n: &String| {
        NetworkMode::parse(n)
            .is_ok_and(|m| !matches!(m, NetworkMode::Container(_) | NetworkMode::User(_)))
    };
    !in_pod
        && userns.is_none()
        && namespace_target(pid.unwrap_or_default(), ipc.unwrap_or_default()).is_none()
        && networks.iter().all(own_network)
}

/// Whether container configuration `c` runs in skiff's own rootless user namespace (the one
/// [`Engine::enter_userns_for`] enters when it joins nothing of another's): not on a
/// user-defined network (those share their holders' namespace), not in a pod, no namespace of
/// another container. Its monitor may keep that namespace for later commands.
pub(crate) fn in_own_userns(c: &super::config::ContainerConfig) -> bool {
    c.pod.is_empty()
        && !c.network_mode.starts_with("container:")
        && namespace_target(&c.pid_mode, &c.ipc_mode).is_none()
        && !on_user_network(c)
}

/// The first container whose PID or IPC namespace a container joins: `("PID", NAME)`.
fn namespace_target<'a>(pid_mode: &'a str, ipc_mode: &'a str) -> Option<(&'static str, &'a str)> {
    let named = |mode: &'a str| mode.strip_prefix("container:").filter(|o| !o.is_empty());
    if let Some(other) = named(pid_mode) {
        return Some(("PID", other));
    }
    named(ipc_mode).map(|o| ("IPC", o))
}
