//! TAP devices and the frame relay between two of them. A rootless container that runs in a
//! user namespace of its own (started on the default network) cannot be given a veth of a
//! user-defined network: no process holds CAP_NET_ADMIN over both its network namespace and
//! the network's. A tap device needs that capability only where it is made, and its
//! descriptor then works anywhere: one tap in the container's namespace, one on the network's
//! bridge, and a small process copying Ethernet frames between the two descriptors joins the
//! container to the bridge. A tap that is not persistent goes when its last descriptor closes,
//! so the relay's exit removes both devices.

use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};

/// `TUNSETIFF` of linux/if_tun.h (`_IOW('T', 202, int)`).
const TUNSETIFF: libc::c_ulong = 0x4004_54ca;
/// `IFF_TAP`: Ethernet frames.
const IFF_TAP: libc::c_short = 0x0002;
/// `IFF_NO_PI`: no packet information header before each frame.
const IFF_NO_PI: libc::c_short = 0x1000;

/// Creates tap device `name` in the caller's network namespace (the caller needs
/// CAP_NET_ADMIN there) and returns its descriptor, non-blocking and close-on-exec. The device
/// lives as long as the descriptor.
pub fn open_tap(name: &str) -> io::Result<OwnedFd> {
    if name.is_empty() || name.len() >= libc::IFNAMSIZ {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("bad interface name {name:?}"),
        ));
    }
    // SAFETY: open(2) with a constant path; the descriptor is owned below.
    let fd = unsafe {
        libc::open(
            c"/dev/net/tun".as_ptr(),
            libc::O_RDWR | libc::O_CLOEXEC | libc::O_NONBLOCK,
        )
    };
    if fd < 0 {
        let e = io::Error::last_os_error();
        return Err(io::Error::new(
            e.kind(),
            format!("opening /dev/net/tun: {e}"),
        ));
    }
    // SAFETY: a fresh descriptor from open(2).
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    // struct ifreq: the name, then the flags (a short) in the union; 40 bytes in all.
    let mut ifr = [0u8; 40];
    ifr[..name.len()].copy_from_slice(name.as_bytes());
    ifr[16..18].copy_from_slice(&(IFF_TAP | IFF_NO_PI).to_ne_bytes());
    // SAFETY: TUNSETIFF reads and writes a struct ifreq, which `ifr` is as large as.
    if unsafe { libc::ioctl(fd.as_raw_fd(), TUNSETIFF, ifr.as_mut_ptr()) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(fd)
}

/// Why [`relay`] returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelayEnd {
    /// One of the watched descriptors (a process's pidfd, a pipe) became readable or closed.
    Watched(usize),
    /// A tap device went (its namespace or device was deleted) or failed; the message says
    /// which and why.
    Device(String),
}

/// The largest frame a tap of MTU 65520 carries, with its Ethernet header, and room to spare.
const FRAME: usize = 65_600;
/// Frames moved from one side before the other is served.
const BATCH: usize = 64;

/// Copies Ethernet frames between taps `a` and `b` (both ways) until either device goes or
/// one of `watched` becomes readable (a pidfd does when its process exits).
pub fn relay(a: &OwnedFd, b: &OwnedFd, watched: &[BorrowedFd<'_>]) -> RelayEnd {
    let mut buf = vec![0u8; FRAME];
    let mut fds: Vec<libc::pollfd> = [a.as_raw_fd(), b.as_raw_fd()]
        .into_iter()
        .chain(watched.iter().map(|w| w.as_raw_fd()))
        .map(|fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        })
        .collect();
    loop {
        // SAFETY: a valid array of pollfd.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return RelayEnd::Device(format!("poll: {e}"));
        }
        for (i, p) in fds.iter().enumerate().skip(2) {
            if p.revents != 0 {
                return RelayEnd::Watched(i - 2);
            }
        }
        for (from, to, side) in [(0, 1, "container"), (1, 0, "network")] {
            let revents = fds[from].revents;
            if revents & (libc::POLLERR | libc::POLLHUP | libc::POLLNVAL) != 0 {
                return RelayEnd::Device(format!("the {side} side's tap device went"));
            }
            if revents & libc::POLLIN != 0 {
                if let Err(e) = copy_frames(fds[from].fd, fds[to].fd, &mut buf) {
                    return RelayEnd::Device(format!("the {side} side's tap device: {e}"));
                }
            }
        }
    }
}

/// Moves up to [`BATCH`] frames from `from` to `to`. A frame the other side refuses is
/// dropped, as a cable would lose it; a failing read ends the relay.
fn copy_frames(from: i32, to: i32, buf: &mut [u8]) -> io::Result<()> {
    for _ in 0..BATCH {
        // SAFETY: reading into a buffer of its length.
        let n = unsafe { libc::read(from, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            let e = io::Error::last_os_error();
            return match e.kind() {
                io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted => Ok(()),
                _ => Err(e),
            };
        }
        if n == 0 {
            return Ok(());
        }
        // SAFETY: writing the bytes just read.
        let w = unsafe { libc::write(to, buf.as_ptr().cast(), n as usize) };
        if w < 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EBADFD) {
                return Err(e);
            }
        }
    }
    Ok(())
}
