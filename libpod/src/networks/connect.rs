//! `network connect` and `network disconnect`: a container joins or leaves a network, at once
//! when it runs (through a tap relay when it runs in a user namespace of its own).

use rusqlite::params;

use super::{add_member, attach, check_aliases, holder, relay, Member, NetworkRecord};
use crate::engine::Engine;
use crate::error::{Error, Result};

/// What `network connect` asks for besides the network and the container.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConnectOptions {
    /// The container's network-scoped aliases (`--alias`).
    pub aliases: Vec<String>,
    /// Its IPv4 address on the network (`--ip`); the lowest free one when `None`.
    pub ip: Option<String>,
    /// Its IPv6 address on an `--ipv6` network (`--ip6`); the lowest free one when `None`.
    pub ip6: Option<String>,
    /// Its interface's MAC address on the network (podman's `--mac-address`); a random one
    /// when `None`.
    #[serde(default)]
    pub mac: Option<String>,
}

impl Engine {
    /// `network connect`: puts container `ctr` on network `net` (with the aliases and
    /// addresses of `opts`); a running container gets its interface at once. A container on the
    /// default network keeps its helper's interface and gets the network's from `eth1` on; it
    /// runs in the networks' shared user namespace from its next start. One running rootless in
    /// a user namespace of its own (started before it was first connected) is joined through a
    /// tap relay until it stops ([`relay`]); connecting it again while its relay is gone
    /// (killed) starts a new one.
    pub fn network_connect(&mut self, net: &str, ctr: &str, opts: &ConnectOptions) -> Result<()> {
        check_aliases(&opts.aliases)?;
        let net = self.network_get(net)?;
        if net.predefined {
            return Err(Error::InvalidArgument(format!(
                "cannot connect to {}: connect works with user-defined networks; create one with `skiff network create`",
                net.name
            )));
        }
        let rec = self.lookup_container(ctr)?;
        let current = self.container_networks(&rec.id)?;
        if let Some((_, m)) = current.iter().find(|(n, _)| n.id == net.id) {
            if self.relay_lost(&net, &rec.id)? {
                return self.plug_relay(&net, m.clone(), &rec.id);
            }
            return Err(Error::Conflict(format!(
                "container {} is already connected to network {}",
                rec.name, net.name
            )));
        }
        let mode = skiff_network::NetworkMode::parse(&rec.config.network_mode);
        let default_network = mode.as_ref().is_ok_and(|m| m.uses_helper());
        // A container created on a user-defined network owns its namespace even when it was
        // taken off every network (docker-compose disconnects and reconnects each one).
        let user_network = matches!(mode, Ok(skiff_network::NetworkMode::User(_)));
        if !default_network && !user_network && current.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "container {} uses network mode {}: it has no network namespace of its own to add an \
                 interface to; recreate it with --network {}",
                rec.name, rec.config.network_mode, net.name
            )));
        }
        let rec = self
            .refreshed_container(&rec.id)?
            .ok_or_else(|| Error::not_found("container", ctr.to_string()))?;
        // Rootless, a container in a user namespace of its own is joined through a relay, and
        // the CLI stays in the initial user namespace to start it.
        let mut relayed = false;
        if rec.state.is_active() {
            let h = holder::ensure(&self.paths().runroot, &net)?;
            relayed = relay::needed(&h, rec.pid);
            if !relayed {
                self.join_user_network(&net)?;
            }
        }
        if default_network && !rec.config.connected_networks {
            let mut config = rec.config.clone();
            config.connected_networks = true;
            self.catalog()?
                .write(|tx| crate::container::rows::set_config(tx, &rec.id, &config))?;
        }
        let member = self.catalog()?.write(|tx| {
            add_member(
                tx,
                &net,
                &rec.id,
                opts.ip.as_deref(),
                opts.ip6.as_deref(),
                opts.mac.as_deref(),
                &opts.aliases,
            )
        })?;
        if relayed {
            return self.plug_relay(&net, member, &rec.id);
        }
        if rec.state.is_active() {
            let plugged = holder::ensure(&self.paths().runroot, &net).and_then(|h| {
                let a = attach::Attachment {
                    net: net.clone(),
                    member: member.clone(),
                };
                attach::plug(
                    &h,
                    &rec.id,
                    rec.pid,
                    &a,
                    &attach::extra_ifname(rec.pid),
                    false,
                )
            });
            if let Err(e) = plugged {
                let _ = self.remove_member(&net.id, &rec.id);
                return Err(e);
            }
        }
        self.record_network_event("connect", &net, &rec.id);
        self.refresh_network_hosts(std::slice::from_ref(&net.id), std::slice::from_ref(&rec.id))
    }

    /// True when running container `container_id` was joined to `net` through a relay that
    /// is gone (killed): it has no interface there.
    pub(super) fn relay_lost(&mut self, net: &NetworkRecord, container_id: &str) -> Result<bool> {
        let Some(r) = relay::state(&self.paths().runroot, &net.id, container_id) else {
            return Ok(false);
        };
        let running = self
            .refreshed_container(container_id)?
            .is_some_and(|c| c.state.is_active() && c.pid == r.container_pid);
        Ok(running && !r.alive())
    }

    /// Joins running container `container_id` to `net` as `member` through a relay (see
    /// [`relay`]), then records and announces it; a failure takes the membership back unless
    /// it was there before (a relay started again).
    fn plug_relay(
        &mut self,
        net: &NetworkRecord,
        member: Member,
        container_id: &str,
    ) -> Result<()> {
        let runroot = self.paths().runroot.clone();
        let rec = self
            .refreshed_container(container_id)?
            .ok_or_else(|| Error::not_found("container", container_id.to_string()))?;
        let again = relay::stop(&runroot, &net.id, &rec.id);
        let plugged = holder::ensure(&runroot, net).and_then(|h| {
            relay::start(
                &runroot,
                &h,
                net,
                &member,
                &rec.id,
                rec.pid,
                &attach::extra_ifname(rec.pid),
            )
        });
        if let Err(e) = plugged {
            if !again {
                let _ = self.remove_member(&net.id, &rec.id);
            }
            return Err(e);
        }
        if !again {
            self.record_network_event("connect", net, &rec.id);
        }
        self.refresh_network_hosts(std::slice::from_ref(&net.id), std::slice::from_ref(&rec.id))
    }

    /// Deletes container `container_id`'s membership of network `network_id`.
    fn remove_member(&mut self, network_id: &str, container_id: &str) -> Result<()> {
        self.catalog()?.write_one(
            "DELETE FROM network_members WHERE network_id = ?1 AND container_id = ?2",
            params![network_id, container_id],
        )
    }

    /// `network disconnect`: takes container `ctr` off network `net` (a running one loses the
    /// interface at once). As in docker, its last network may be taken too: it then has only
    /// its loopback interface until `network connect` gives it one (one on the default network
    /// keeps that). With `force`, a container that is not on the network is not an error.
    pub fn network_disconnect(&mut self, net: &str, ctr: &str, force: bool) -> Result<()> {
        let net = self.network_get(net)?;
        let rec = self.lookup_container(ctr)?;
        let current = self.container_networks(&rec.id)?;
        if !current.iter().any(|(n, _)| n.id == net.id) {
            if force {
                return Ok(());
            }
            return Err(Error::Conflict(format!(
                "container {} is not connected to network {}",
                rec.name, net.name
            )));
        }
        let rec = self
            .refreshed_container(&rec.id)?
            .ok_or_else(|| Error::not_found("container", ctr.to_string()))?;
        // A relay's devices go with it; a veth is deleted from the network's namespace.
        if rec.state.is_active() && !relay::stop(&self.paths().runroot, &net.id, &rec.id) {
            self.join_user_network(&net)?;
            if let Some(h) = holder::read_state_in(&holder::dir(&self.paths().runroot, &net.id)) {
                attach::unplug(&h, &rec.id)?;
            }
        }
        self.remove_member(&net.id, &rec.id)?;
        self.record_network_event("disconnect", &net, &rec.id);
        self.refresh_network_hosts(std::slice::from_ref(&net.id), std::slice::from_ref(&rec.id))
    }
}
