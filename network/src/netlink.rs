//! The few rtnetlink requests user-defined networks need (a bridge, veth pairs, addresses, a
//! default route), sent on a NETLINK_ROUTE socket of the calling thread's network namespace.
//! Messages are built with netlink-packet-route; the request/acknowledge loop is ours, since
//! the crates that wrap it (rtnetlink) need an async runtime.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlink_packet_core::{
    NetlinkHeader, NetlinkMessage, NetlinkPayload, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL,
    NLM_F_REQUEST,
};
use netlink_packet_route::address::{AddressAttribute, AddressFlags, AddressMessage};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVeth, LinkAttribute, LinkFlags, LinkInfo, LinkMessage,
};
use netlink_packet_route::route::{
    RouteAddress, RouteAttribute, RouteHeader, RouteMessage, RouteProtocol, RouteScope, RouteType,
};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};
use netlink_sys::{protocols::NETLINK_ROUTE, Socket, SocketAddr};

/// A netlink request the kernel refused, or a socket error.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {source}")]
pub struct NetlinkError {
    /// The request.
    pub what: String,
    /// Why it failed.
    pub source: std::io::Error,
}

/// A NETLINK_ROUTE socket bound in the network namespace of the thread that opened it.
pub struct Netlink {
    socket: Socket,
    sequence: u32,
}

impl Netlink {
    /// Opens a socket in the current network namespace.
    pub fn open() -> Result<Netlink, NetlinkError> {
        let err = |source| NetlinkError {
            what: "opening a netlink socket".into(),
            source,
        };
        let mut socket = Socket::new(NETLINK_ROUTE).map_err(err)?;
        socket.bind_auto().map_err(err)?;
        socket.connect(&SocketAddr::new(0, 0)).map_err(err)?;
        Ok(Netlink {
            socket,
            sequence: 0,
        })
    }

    /// [`Self::request`] for a message whose answer is only the acknowledgement.
    fn command(
        &mut self,
        what: &str,
        message: RouteNetlinkMessage,
        flags: u16,
    ) -> Result<(), NetlinkError> {
        self.request(what, message, flags).map(|_| ())
    }

    /// Sends one request and waits for the kernel's acknowledgement; the first reply message
    /// of the request is returned (for GET requests), None when there was none.
    fn request(
        &mut self,
        what: &str,
        message: RouteNetlinkMessage,
        flags: u16,
    ) -> Result<Option<RouteNetlinkMessage>, NetlinkError> {
        let err = |source| NetlinkError {
            what: what.to_string(),
            source,
        };
        self.sequence += 1;
        let mut header = NetlinkHeader::default();
        header.flags = NLM_F_REQUEST | NLM_F_ACK | flags;
        header.sequence_number = self.sequence;
        let mut packet = NetlinkMessage::new(header, NetlinkPayload::from(message));
        packet.finalize();
        let mut buf = vec![0u8; packet.buffer_len()];
        packet.serialize(&mut buf);
        self.socket.send(&buf, 0).map_err(err)?;
        let mut answer = None;
        loop {
            let (data, _) = self.socket.recv_from_full().map_err(err)?;
            let mut offset = 0;
            while offset < data.len() {
                let reply = NetlinkMessage::<RouteNetlinkMessage>::deserialize(&data[offset..])
                    .map_err(|e| err(std::io::Error::other(e.to_string())))?;
                let len = reply.header.length as usize;
                if reply.header.sequence_number == self.sequence {
                    match reply.payload {
                        NetlinkPayload::Error(e) => {
                            return match e.code {
                                None => Ok(answer),
                                Some(code) => {
                                    Err(err(std::io::Error::from_raw_os_error(-code.get())))
                                }
                            };
                        }
                        NetlinkPayload::InnerMessage(m) if answer.is_none() => answer = Some(m),
                        NetlinkPayload::Done(_) => return Ok(answer),
                        _ => {}
                    }
                }
                if len == 0 {
                    break;
                }
                offset += len;
            }
        }
    }

    /// The index of interface `name`.
    pub fn link_index(&mut self, name: &str) -> Result<u32, NetlinkError> {
        let mut msg = LinkMessage::default();
        msg.attributes.push(LinkAttribute::IfName(name.into()));
        match self.request(
            &format!("looking up interface {name}"),
            RouteNetlinkMessage::GetLink(msg),
            0,
        )? {
            Some(RouteNetlinkMessage::NewLink(l)) => Ok(l.header.index),
            _ => Err(NetlinkError {
                what: format!("looking up interface {name}"),
                source: std::io::Error::from_raw_os_error(libc::ENODEV),
            }),
        }
    }

    /// Brings interface `index` up.
    pub fn set_up(&mut self, index: u32) -> Result<(), NetlinkError> {
        let mut msg = LinkMessage::default();
        msg.header.index = index;
        msg.header.flags = LinkFlags::Up;
        msg.header.change_mask = LinkFlags::Up;
        self.command(
            &format!("bringing interface {index} up"),
            RouteNetlinkMessage::SetLink(msg),
            0,
        )
    }

    /// Creates bridge `name` (down) and returns its index.
    pub fn create_bridge(&mut self, name: &str) -> Result<u32, NetlinkError> {
        let mut msg = LinkMessage::default();
        msg.attributes.push(LinkAttribute::IfName(name.into()));
        msg.attributes
            .push(LinkAttribute::LinkInfo(vec![LinkInfo::Kind(
                InfoKind::Bridge,
            )]));
        self.request(
            &format!("creating bridge {name}"),
            RouteNetlinkMessage::NewLink(msg),
            NLM_F_CREATE | NLM_F_EXCL,
        )?;
        self.link_index(name)
    }

    /// Creates the veth pair `name` (here, attached to bridge `master`, up) and `peer_name`,
    /// whose end goes to the network namespace of process `peer_pid` with MAC `peer_mac`.
    pub fn create_veth(
        &mut self,
        name: &str,
        master: u32,
        peer_name: &str,
        peer_pid: i32,
        peer_mac: [u8; 6],
    ) -> Result<(), NetlinkError> {
        let mut peer = LinkMessage::default();
        peer.attributes
            .push(LinkAttribute::IfName(peer_name.into()));
        peer.attributes
            .push(LinkAttribute::Address(peer_mac.to_vec()));
        peer.attributes
            .push(LinkAttribute::NetNsPid(peer_pid as u32));
        peer.attributes.push(LinkAttribute::Mtu(65520));
        let mut msg = LinkMessage::default();
        msg.header.flags = LinkFlags::Up;
        msg.header.change_mask = LinkFlags::Up;
        msg.attributes.push(LinkAttribute::IfName(name.into()));
        msg.attributes.push(LinkAttribute::Controller(master));
        msg.attributes.push(LinkAttribute::Mtu(65520));
        msg.attributes.push(LinkAttribute::LinkInfo(vec![
            LinkInfo::Kind(InfoKind::Veth),
            LinkInfo::Data(InfoData::Veth(InfoVeth::Peer(peer))),
        ]));
        self.command(
            &format!("creating the veth pair {name}"),
            RouteNetlinkMessage::NewLink(msg),
            NLM_F_CREATE | NLM_F_EXCL,
        )
    }

    /// Deletes interface `index` (a veth's peer goes with it).
    pub fn delete_link(&mut self, index: u32) -> Result<(), NetlinkError> {
        let mut msg = LinkMessage::default();
        msg.header.index = index;
        self.command(
            &format!("deleting interface {index}"),
            RouteNetlinkMessage::DelLink(msg),
            0,
        )
    }

    /// Adds `ip/prefix_len` to interface `index`. An IPv6 address skips duplicate address
    /// detection (the network's addresses are allocated, not guessed), so it is usable at once.
    pub fn add_address(
        &mut self,
        index: u32,
        ip: IpAddr,
        prefix_len: u8,
    ) -> Result<(), NetlinkError> {
        let mut msg = AddressMessage::default();
        msg.header.prefix_len = prefix_len;
        msg.header.index = index;
        msg.attributes.push(AddressAttribute::Local(ip));
        msg.attributes.push(AddressAttribute::Address(ip));
        match ip {
            IpAddr::V4(v4) => {
                msg.header.family = AddressFamily::Inet;
                let broadcast = u32::from(v4) | (u32::MAX >> prefix_len);
                msg.attributes
                    .push(AddressAttribute::Broadcast(Ipv4Addr::from(broadcast)));
            }
            IpAddr::V6(_) => {
                msg.header.family = AddressFamily::Inet6;
                msg.attributes
                    .push(AddressAttribute::Flags(AddressFlags::Nodad));
            }
        }
        self.command(
            &format!("adding address {ip}/{prefix_len}"),
            RouteNetlinkMessage::NewAddress(msg),
            NLM_F_CREATE | NLM_F_EXCL,
        )
    }

    /// Sets interface `index`'s MAC address, MTU and bridge (`master`), each when given.
    pub fn configure_link(
        &mut self,
        index: u32,
        mac: Option<[u8; 6]>,
        mtu: Option<u32>,
        master: Option<u32>,
    ) -> Result<(), NetlinkError> {
        let mut msg = LinkMessage::default();
        msg.header.index = index;
        if let Some(mac) = mac {
            msg.attributes.push(LinkAttribute::Address(mac.to_vec()));
        }
        if let Some(mtu) = mtu {
            msg.attributes.push(LinkAttribute::Mtu(mtu));
        }
        if let Some(master) = master {
            msg.attributes.push(LinkAttribute::Controller(master));
        }
        self.command(
            &format!("configuring interface {index}"),
            RouteNetlinkMessage::SetLink(msg),
            0,
        )
    }

    /// Adds the IPv6 default route through `gateway`; a link-local gateway needs the interface
    /// `oif` it is on.
    pub fn add_default_route6(
        &mut self,
        gateway: Ipv6Addr,
        oif: Option<u32>,
    ) -> Result<(), NetlinkError> {
        self.add_default_route_via(IpAddr::V6(gateway), oif)
    }

    /// Adds the default route through `gateway`.
    pub fn add_default_route(&mut self, gateway: Ipv4Addr) -> Result<(), NetlinkError> {
        self.add_default_route_via(IpAddr::V4(gateway), None)
    }

    /// Adds the default route of `gateway`'s family through it (on interface `oif`, if given).
    fn add_default_route_via(
        &mut self,
        gateway: IpAddr,
        oif: Option<u32>,
    ) -> Result<(), NetlinkError> {
        let mut msg = RouteMessage::default();
        msg.header.address_family = match gateway {
            IpAddr::V4(_) => AddressFamily::Inet,
            IpAddr::V6(_) => AddressFamily::Inet6,
        };
        msg.header.table = RouteHeader::RT_TABLE_MAIN;
        msg.header.protocol = RouteProtocol::Static;
        msg.header.scope = RouteScope::Universe;
        msg.header.kind = RouteType::Unicast;
        msg.attributes
            .push(RouteAttribute::Gateway(RouteAddress::from(gateway)));
        if let Some(oif) = oif {
            msg.attributes.push(RouteAttribute::Oif(oif));
        }
        self.command(
            &format!("adding the default route via {gateway}"),
            RouteNetlinkMessage::NewRoute(msg),
            NLM_F_CREATE | NLM_F_EXCL,
        )
    }
}

/// Parses `aa:bb:cc:dd:ee:ff`.
pub fn parse_mac(mac: &str) -> Option<[u8; 6]> {
    let mut out = [0u8; 6];
    let mut parts = mac.split(':');
    for b in &mut out {
        *b = u8::from_str_radix(parts.next()?, 16).ok()?;
    }
    parts.next().is_none().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_macs() {
        assert_eq!(
            parse_mac("02:42:0a:59:00:02"),
            Some([2, 0x42, 10, 0x59, 0, 2])
        );
        assert_eq!(parse_mac("02:42:0a:59:00"), None);
        assert_eq!(parse_mac("02:42:0a:59:00:02:03"), None);
        assert_eq!(parse_mac("zz:42:0a:59:00:02"), None);
    }
}
