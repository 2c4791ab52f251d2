//! Answers slirp4netns's IPv6 neighbour solicitations for the members of an `--ipv6` network.
//!
//! The members' IPv6 leaves the network's namespace through slirp4netns's tap device with
//! the members' own source addresses (a subnet of the network's, not slirp's `fd00::/64`).
//! libslirp accepts them, and before it answers one it asks for the member's link-layer
//! address with a neighbour solicitation on the tap. The kernel's proxy NDP answers that, but
//! libslirp 4.7 records the answer under the advertisement's IP *source* address (the tap's
//! own), not under the target it asked for (`ndp_input` in its `ip6_icmp.c`), and so asks
//! again for ever: replies never reach a member. This responder, run by the network's keeper
//! in the network's namespace, answers with an advertisement whose source is the member's
//! address, which libslirp records. IPv4 needs none of this: libslirp records ARP replies by
//! their sender address, which proxy ARP sets to the member's.

use std::io;
use std::net::Ipv6Addr;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use crate::ipam::Subnet6;

/// `ETH_P_IPV6`.
const ETH_P_IPV6: u16 = 0x86dd;
/// ICMPv6 neighbour solicitation and advertisement.
const NS: u8 = 135;
const NA: u8 = 136;
/// `PACKET_OUTGOING` of linux/if_packet.h: a frame this host sent.
const PACKET_OUTGOING: u8 = 4;
/// `SIOCGIFHWADDR`.
const SIOCGIFHWADDR: libc::c_ulong = 0x8927;

/// The ones' complement sum of `data` (RFC 1071), folded.
fn checksum(parts: &[&[u8]]) -> u16 {
    let mut sum: u32 = 0;
    for part in parts {
        let mut chunks = part.chunks_exact(2);
        for c in &mut chunks {
            sum += u32::from(u16::from_be_bytes([c[0], c[1]]));
        }
        if let [last] = chunks.remainder() {
            sum += u32::from(*last) << 8;
        }
    }
    while sum >> 16 != 0 {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// The advertisement answering Ethernet frame `frame` when it is a neighbour solicitation
/// for an address of `subnet`: from that address and `mac`, to the asker.
pub fn advertisement(frame: &[u8], mac: [u8; 6], subnet: &Subnet6) -> Option<Vec<u8>> {
    // Ethernet (14) + IPv6 (40) + solicitation (24 at least).
    if frame.len() < 78 || frame[12..14] != ETH_P_IPV6.to_be_bytes() {
        return None;
    }
    let ip = &frame[14..54];
    if ip[0] >> 4 != 6 || ip[6] != 58 || ip[7] != 255 || frame[54] != NS || frame[55] != 0 {
        return None;
    }
    let target: [u8; 16] = frame[62..78].try_into().ok()?;
    if !subnet.contains(Ipv6Addr::from(target)) {
        return None;
    }
    let asker: [u8; 16] = ip[8..24].try_into().ok()?;
    // An asker without an address yet (duplicate address detection) hears it on all-nodes.
    let dst = if asker == [0; 16] {
        Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 1).octets()
    } else {
        asker
    };
    // Router, solicited (unless to all-nodes), override; the target; its link-layer address.
    let flags: u8 = if asker == [0; 16] { 0xa0 } else { 0xe0 };
    let mut icmp = vec![NA, 0, 0, 0, flags, 0, 0, 0];
    icmp.extend_from_slice(&target);
    icmp.extend_from_slice(&[2, 1]);
    icmp.extend_from_slice(&mac);
    let len = (icmp.len() as u32).to_be_bytes();
    let sum = checksum(&[&target, &dst, &len, &[0, 0, 0, 58], &icmp]);
    icmp[2..4].copy_from_slice(&sum.to_be_bytes());
    let mut out = Vec::with_capacity(14 + 40 + icmp.len());
    out.extend_from_slice(&frame[6..12]);
    out.extend_from_slice(&mac);
    out.extend_from_slice(&ETH_P_IPV6.to_be_bytes());
    out.extend_from_slice(&[0x60, 0, 0, 0]);
    out.extend_from_slice(&(icmp.len() as u16).to_be_bytes());
    out.extend_from_slice(&[58, 255]);
    out.extend_from_slice(&target);
    out.extend_from_slice(&dst);
    out.extend_from_slice(&icmp);
    Some(out)
}

/// A packet socket of the current network namespace that receives neighbour solicitations
/// only (a classic BPF filter drops every other frame in the kernel).
pub fn solicitation_socket() -> io::Result<OwnedFd> {
    // SAFETY: socket(2); the descriptor is owned below.
    let fd = unsafe {
        libc::socket(
            libc::AF_PACKET,
            libc::SOCK_RAW | libc::SOCK_CLOEXEC,
            i32::from(ETH_P_IPV6.to_be()),
        )
    };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a fresh descriptor.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let op = |code: u16, jt: u8, jf: u8, k: u32| libc::sock_filter { code, jt, jf, k };
    // ethertype == IPv6, next header == ICMPv6, type == neighbour solicitation.
    let mut program = [
        op(0x28, 0, 0, 12),
        op(0x15, 0, 5, u32::from(ETH_P_IPV6)),
        op(0x30, 0, 0, 20),
        op(0x15, 0, 3, 58),
        op(0x30, 0, 0, 54),
        op(0x15, 0, 1, u32::from(NS)),
        op(0x06, 0, 0, 0xffff),
        op(0x06, 0, 0, 0),
    ];
    let prog = libc::sock_fprog {
        len: program.len() as u16,
        filter: program.as_mut_ptr(),
    };
    // SAFETY: setsockopt with a valid sock_fprog that outlives the call.
    let r = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_ATTACH_FILTER,
            (&prog as *const libc::sock_fprog).cast(),
            std::mem::size_of::<libc::sock_fprog>() as libc::socklen_t,
        )
    };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(fd)
}

/// The MAC address of interface `index`, asked on socket `fd`.
fn mac_of(fd: &OwnedFd, index: i32) -> Option<[u8; 6]> {
    let mut name = [0 as libc::c_char; libc::IFNAMSIZ];
    // SAFETY: if_indextoname writes at most IFNAMSIZ bytes.
    if unsafe { libc::if_indextoname(index as u32, name.as_mut_ptr()) }.is_null() {
        return None;
    }
    // struct ifreq: the name, then a struct sockaddr whose data holds the address.
    let mut ifr = [0u8; 40];
    for (d, s) in ifr.iter_mut().zip(name.iter()) {
        *d = *s as u8;
    }
    // SAFETY: SIOCGIFHWADDR fills a struct ifreq, which `ifr` is as large as.
    if unsafe { libc::ioctl(fd.as_raw_fd(), SIOCGIFHWADDR, ifr.as_mut_ptr()) } < 0 {
        return None;
    }
    ifr[18..24].try_into().ok()
}

/// The name of interface `index` (empty when it is gone).
fn name_of(index: i32) -> String {
    let mut name = [0 as libc::c_char; libc::IFNAMSIZ];
    // SAFETY: if_indextoname writes at most IFNAMSIZ bytes, NUL-terminated.
    if unsafe { libc::if_indextoname(index as u32, name.as_mut_ptr()) }.is_null() {
        return String::new();
    }
    // SAFETY: NUL-terminated by if_indextoname.
    unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// Answers, for ever, the solicitations for addresses of `subnet` that arrive on interface
/// `iface` (the helper's tap, made again when the helper restarts), on socket `fd` from
/// [`solicitation_socket`]. Returns only when the socket fails.
pub fn answer_solicitations(fd: &OwnedFd, iface: &str, subnet: &Subnet6) -> io::Error {
    let mut buf = [0u8; 1600];
    loop {
        // SAFETY: sockaddr_ll is plain data; recvfrom fills it and the buffer.
        let mut from: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
        let mut from_len = std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
        // SAFETY: valid buffer and address of their lengths.
        let n = unsafe {
            libc::recvfrom(
                fd.as_raw_fd(),
                buf.as_mut_ptr().cast(),
                buf.len(),
                0,
                (&mut from as *mut libc::sockaddr_ll).cast(),
                &mut from_len,
            )
        };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return e;
        }
        if from.sll_pkttype == PACKET_OUTGOING || name_of(from.sll_ifindex) != iface {
            continue;
        }
        let Some(mac) = mac_of(fd, from.sll_ifindex) else {
            continue;
        };
        let Some(answer) = advertisement(&buf[..n as usize], mac, subnet) else {
            continue;
        };
        let mut to = from;
        to.sll_protocol = ETH_P_IPV6.to_be();
        to.sll_halen = 6;
        to.sll_addr[..6].copy_from_slice(&answer[..6]);
        // SAFETY: sending a buffer of its length to a valid sockaddr_ll.
        unsafe {
            libc::sendto(
                fd.as_raw_fd(),
                answer.as_ptr().cast(),
                answer.len(),
                0,
                (&to as *const libc::sockaddr_ll).cast(),
                std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
            )
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A solicitation from slirp4netns (fd00::2, 52:56:00:00:00:02) for `target`.
    fn solicitation(target: Ipv6Addr) -> Vec<u8> {
        let mut f = vec![
            0x33, 0x33, 0xff, 0, 0, 2, 0x52, 0x56, 0, 0, 0, 2, 0x86, 0xdd,
        ];
        f.extend_from_slice(&[0x60, 0, 0, 0, 0, 32, 58, 255]);
        f.extend_from_slice(&"fd00::2".parse::<Ipv6Addr>().unwrap().octets());
        f.extend_from_slice(&"ff02::1:ff00:2".parse::<Ipv6Addr>().unwrap().octets());
        f.extend_from_slice(&[NS, 0, 0, 0, 0, 0, 0, 0]);
        f.extend_from_slice(&target.octets());
        f.extend_from_slice(&[1, 1, 0x52, 0x56, 0, 0, 0, 2]);
        f
    }

    #[test]
    fn answers_for_members_from_their_address() {
        let subnet = Subnet6::parse("fd00:6e:9::/64").unwrap();
        let mac = [2, 0, 0, 0, 0, 9];
        let target: Ipv6Addr = "fd00:6e:9::2".parse().unwrap();
        let na = advertisement(&solicitation(target), mac, &subnet).expect("an answer");
        assert_eq!(&na[..6], &[0x52, 0x56, 0, 0, 0, 2], "to the asker's MAC");
        assert_eq!(&na[6..12], &mac);
        assert_eq!(&na[22..38], &target.octets(), "from the member's address");
        assert_eq!(
            Ipv6Addr::from(<[u8; 16]>::try_from(&na[38..54]).unwrap()),
            "fd00::2".parse::<Ipv6Addr>().unwrap()
        );
        assert_eq!(na[54], NA);
        assert_eq!(&na[62..78], &target.octets());
        assert_eq!(&na[80..86], &mac, "the target link-layer option");
        // The checksum over the pseudo-header and the message sums to zero.
        let len = ((na.len() - 54) as u32).to_be_bytes();
        assert_eq!(
            checksum(&[&na[22..38], &na[38..54], &len, &[0, 0, 0, 58], &na[54..]]),
            0
        );
        // Other addresses, other messages: no answer.
        let outside = solicitation("fd00::100".parse().unwrap());
        assert!(advertisement(&outside, mac, &subnet).is_none());
        let mut echo = solicitation(target);
        echo[54] = 128;
        assert!(advertisement(&echo, mac, &subnet).is_none());
        assert!(advertisement(&solicitation(target)[..60], mac, &subnet).is_none());
    }
}
