//! Joining a running container to a user-defined network when no veth can reach it: the tap
//! relay.
//!
//! Rootless, every holder shares one user namespace, and a container started on a user-defined
//! network runs in it, so one process (the CLI, or the monitor, joined to that namespace)
//! holds CAP_NET_ADMIN over both network namespaces and moves a veth's peer across. A
//! container started on the default network runs in a user namespace of its own: a sibling,
//! not a child, of the holders'. Nothing inside either namespace can reach the other's, and a
//! veth cannot be moved across. The invoking user owns both, though, so a process in the
//! initial user namespace may enter either, one at a time:
//!
//! - a forked child enters the container's user and network namespaces and makes a tap
//!   device there, named as the container's next `ethN`, with the member's MAC address,
//!   addresses (and its network's routes, none by default);
//! - another enters the network's and makes a tap device `vtap<id>` on its bridge;
//! - both send their descriptors (SCM_RIGHTS) to the relay, a small process forked from the
//!   CLI that copies Ethernet frames between them (poll, both ways).
//!
//! The taps are not persistent: they go when the relay's descriptors close, so its exit
//! leaves no device behind. It exits when the container's init exits (a pidfd), when the
//! network's keeper exits (its namespace goes), when a device fails, and on SIGTERM from
//! `network disconnect`. Its state is `<runroot>/networks/<id12>/relays/<container16>.json`,
//! written by the relay and removed by it or by whoever stops it; the holder counts its
//! `vtap` port as a member, so the network stays up while it runs. A relay that was killed
//! leaves its state behind and the container without the interface: `network inspect`
//! then leaves the container out, and `network connect` again (or a restart, after which the
//! container runs in the networks' namespace and gets a veth) repairs it.
//!
//! Why not the alternatives: a veth needs both namespaces under one capability (above); the
//! network's slirp4netns could connect the container as a second guest only through another
//! helper of its own, with addresses outside the network's subnet; running the container's
//! namespace under the holders' user namespace needs a restart, which docker's `network
//! connect` of a running container does not ask for. The relay is off the start path: it
//! exists only for containers connected while they run.

use std::io::{IoSlice, IoSliceMut, Read, Write};
use std::net::Ipv4Addr;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use skiff_network::bridge;

use super::holder::{self, HolderState};
use super::{Member, NetworkRecord};
use crate::error::{Error, IoContext, Result};
use crate::procfs::process_start_time;

/// What a running relay recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayState {
    /// The relay process.
    pub pid: i32,
    /// Its start time (clock ticks after boot, /proc/PID/stat), against pid reuse.
    pub start_time: u64,
    /// The container's init, whose namespace holds the relay's container side.
    pub container_pid: i32,
    /// The container's interface the relay feeds (`ethN`).
    pub ifname: String,
}

impl RelayState {
    /// True while the recorded relay process runs.
    pub fn alive(&self) -> bool {
        process_start_time(self.pid) == Some(self.start_time)
    }
}

/// The state file of container `container_id`'s relay on network `network_id`.
fn state_file(runroot: &Path, network_id: &str, container_id: &str) -> PathBuf {
    holder::dir(runroot, network_id)
        .join("relays")
        .join(format!(
            "{}.json",
            &container_id[..container_id.len().min(16)]
        ))
}

/// The recorded relay of container `container_id` on network `network_id`, alive or not.
pub(crate) fn state(runroot: &Path, network_id: &str, container_id: &str) -> Option<RelayState> {
    state_at(&state_file(runroot, network_id, container_id))
}

/// `NS_GET_USERNS` of ioctl_ns(2): the user namespace owning a namespace.
const NS_GET_USERNS: libc::c_ulong = 0xb701;

/// `NS_GET_PARENT` of ioctl_ns(2): the parent of a user namespace.
const NS_GET_PARENT: libc::c_ulong = 0xb702;

fn ns_id(f: &std::fs::File) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    f.metadata().ok().map(|m| (m.dev(), m.ino()))
}

/// True when the user namespace owning the network namespace of `pid` is `userns` or was
/// made inside it (a container's `--userns keep-id` namespace inside the networks' one):
/// then a process in `userns` holds CAP_NET_ADMIN over that network namespace.
fn netns_owned_within(pid: i32, userns: (u64, u64)) -> bool {
    let Ok(ns) = std::fs::File::open(format!("/proc/{pid}/ns/net")) else {
        return false;
    };
    // SAFETY: a valid descriptor; the ioctl returns a new descriptor or -1.
    let mut fd = unsafe { libc::ioctl(ns.as_raw_fd(), NS_GET_USERNS) };
    while fd >= 0 {
        // SAFETY: a fresh descriptor from the kernel, owned here.
        let owner = unsafe { std::fs::File::from_raw_fd(fd) };
        if ns_id(&owner) == Some(userns) {
            return true;
        }
        // SAFETY: as above; -1 at the top (or outside the caller's namespace).
        fd = unsafe { libc::ioctl(owner.as_raw_fd(), NS_GET_PARENT) };
    }
    false
}

/// True when a veth cannot join the container of init `container_pid` to the network of
/// `holder`: rootless, with the container's network namespace outside the holders' user
/// namespace (a container started on the default network has one of its own, a sibling).
/// Root reaches every namespace.
pub(crate) fn needed(holder: &HolderState, container_pid: i32) -> bool {
    if nix::unistd::getuid().is_root() && !crate::runtime::userns::in_userns() {
        return false;
    }
    let theirs = std::fs::File::open(format!("/proc/{}/ns/user", holder.pid))
        .ok()
        .and_then(|f| ns_id(&f));
    theirs.is_none_or(|t| !netns_owned_within(container_pid, t))
}

/// Enters the user namespace owning network namespace `netns` (unless it is the caller's),
/// then `netns`. For a forked child: a process in the initial user namespace owned by the
/// same user may enter any of that user's namespaces.
fn enter(netns: &Path) -> std::result::Result<(), String> {
    let ns = std::fs::File::open(netns).map_err(|e| format!("opening {}: {e}", netns.display()))?;
    // SAFETY: a valid descriptor; the ioctl returns a new descriptor or -1.
    let owner = unsafe { libc::ioctl(ns.as_raw_fd(), NS_GET_USERNS) };
    if owner < 0 {
        return Err(format!(
            "finding the owner of {}: {}",
            netns.display(),
            std::io::Error::last_os_error()
        ));
    }
    // SAFETY: a fresh descriptor from the kernel.
    let owner = unsafe { std::fs::File::from_raw_fd(owner) };
    let same = {
        use std::os::unix::fs::MetadataExt;
        let mine = std::fs::metadata("/proc/self/ns/user").map(|m| (m.dev(), m.ino()));
        let theirs = owner.metadata().map(|m| (m.dev(), m.ino()));
        matches!((mine, theirs), (Ok(a), Ok(b)) if a == b)
    };
    if !same {
        nix::sched::setns(&owner, nix::sched::CloneFlags::CLONE_NEWUSER)
            .map_err(|e| format!("entering the user namespace of {}: {e}", netns.display()))?;
    }
    nix::sched::setns(&ns, nix::sched::CloneFlags::CLONE_NEWNET)
        .map_err(|e| format!("entering network namespace {}: {e}", netns.display()))
}

/// Runs `make` in a forked child (it enters other namespaces) and receives the descriptor it
/// makes, or its error.
fn fd_from_child(
    make: impl FnOnce() -> std::result::Result<OwnedFd, String>,
) -> std::result::Result<OwnedFd, String> {
    let (mine, theirs) = UnixStream::pair().map_err(|e| format!("socketpair: {e}"))?;
    // SAFETY: the relay is single-threaded; the child makes one device and exits.
    match unsafe { nix::unistd::fork() }.map_err(|e| format!("fork: {e}"))? {
        nix::unistd::ForkResult::Child => {
            drop(mine);
            let code = match make() {
                Ok(fd) => {
                    let fds = [fd.as_raw_fd()];
                    let cmsg = [nix::sys::socket::ControlMessage::ScmRights(&fds)];
                    let sent = nix::sys::socket::sendmsg::<()>(
                        theirs.as_raw_fd(),
                        &[IoSlice::new(b"k")],
                        &cmsg,
                        nix::sys::socket::MsgFlags::empty(),
                        None,
                    );
                    i32::from(sent.is_err())
                }
                Err(e) => {
                    let _ = (&theirs).write_all(format!("e{e}").as_bytes());
                    1
                }
            };
            // SAFETY: leaving the child.
            unsafe { libc::_exit(code) }
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(theirs);
            let mut buf = [0u8; 1024];
            let mut space = nix::cmsg_space!([RawFd; 1]);
            let received = {
                let mut iov = [IoSliceMut::new(&mut buf)];
                nix::sys::socket::recvmsg::<()>(
                    mine.as_raw_fd(),
                    &mut iov,
                    Some(&mut space),
                    nix::sys::socket::MsgFlags::MSG_CMSG_CLOEXEC,
                )
                .map(|m| {
                    let fd = m.cmsgs().ok().and_then(|mut c| {
                        c.find_map(|c| match c {
                            nix::sys::socket::ControlMessageOwned::ScmRights(fds) => {
                                fds.first().copied()
                            }
                            _ => None,
                        })
                    });
                    (fd, m.bytes)
                })
            };
            let mut rest = String::new();
            let _ = (&mine).read_to_string(&mut rest);
            let _ = nix::sys::wait::waitpid(child, None);
            match received {
                // SAFETY: a descriptor just received, owned here.
                Ok((Some(fd), _)) => Ok(unsafe { OwnedFd::from_raw_fd(fd) }),
                Ok((None, n)) => {
                    let msg = format!("{}{rest}", String::from_utf8_lossy(&buf[..n]));
                    Err(msg
                        .strip_prefix('e')
                        .map(str::to_string)
                        .unwrap_or_else(|| "the device's maker exited without saying why".into()))
                }
                Err(e) => Err(format!("receiving the device: {e}")),
            }
        }
    }
}

/// What the relay needs to make its two devices.
struct Plan {
    runroot: PathBuf,
    network_id: String,
    network_name: String,
    container_id: String,
    container_pid: i32,
    keeper_pid: i32,
    bridge: String,
    ifname: String,
    mac: [u8; 6],
    ip: Ipv4Addr,
    prefix_len: u8,
    ip6: Option<bridge::Address6>,
}

/// Starts the relay joining running container `container_id` (init `container_pid`) to
/// network `net` (held by `holder`) as interface `ifname`, and waits until it runs.
pub(crate) fn start(
    runroot: &Path,
    holder: &HolderState,
    net: &NetworkRecord,
    member: &Member,
    container_id: &str,
    container_pid: i32,
    ifname: &str,
) -> Result<()> {
    let plan = Plan {
        runroot: runroot.to_path_buf(),
        network_id: net.id.clone(),
        network_name: net.name.clone(),
        container_id: container_id.to_string(),
        container_pid,
        keeper_pid: holder.netns_pid,
        bridge: holder.bridge.clone(),
        ifname: ifname.to_string(),
        mac: skiff_network::netlink::parse_mac(&member.mac)
            .ok_or_else(|| Error::Runtime(format!("bad MAC address {}", member.mac)))?,
        ip: member
            .ip
            .parse()
            .map_err(|_| Error::Runtime(format!("bad address {}", member.ip)))?,
        prefix_len: net.parsed_subnet()?.prefix_len,
        ip6: match (net.parsed_subnet6(), member.ip6.parse()) {
            (Some(s), Ok(ip)) => Some(bridge::Address6 {
                ip,
                prefix_len: s.prefix_len,
            }),
            _ => None,
        },
    };
    let dir = state_file(runroot, &net.id, container_id);
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent).at(parent)?;
    }
    let (ready_r, ready_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| Error::Runtime(format!("pipe: {e}")))?;
    // SAFETY: the caller (the CLI) is single-threaded; the child forks once more and runs
    // only the relay.
    match unsafe { nix::unistd::fork() }.map_err(|e| Error::Runtime(format!("fork: {e}")))? {
        nix::unistd::ForkResult::Child => {
            drop(ready_r);
            let _ = nix::unistd::setsid();
            // SAFETY: as above.
            match unsafe { nix::unistd::fork() } {
                Ok(nix::unistd::ForkResult::Child) => relay_main(&plan, ready_w),
                // SAFETY: leaving the intermediate child.
                _ => unsafe { libc::_exit(0) },
            }
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(ready_w);
            let _ = nix::sys::wait::waitpid(child, None);
            let mut answer = String::new();
            let _ = std::fs::File::from(ready_r).read_to_string(&mut answer);
            if answer == "ok" {
                return Ok(());
            }
            Err(Error::Runtime(format!(
                "connecting the running container to network {} through a relay: {}; connect it \
                 from the skiff CLI of the user who started it, or stop it, connect it, and start \
                 it again",
                net.name,
                if answer.is_empty() {
                    "the relay exited without saying why"
                } else {
                    answer.as_str()
                }
            )))
        }
    }
}

/// `pidfd_open(2)`.
fn pidfd(pid: i32) -> std::result::Result<OwnedFd, String> {
    // SAFETY: pidfd_open returns a new descriptor or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if fd < 0 {
        return Err(format!(
            "watching process {pid}: {}",
            std::io::Error::last_os_error()
        ));
    }
    // SAFETY: a fresh descriptor.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

/// The relay process. Never returns.
fn relay_main(plan: &Plan, ready: OwnedFd) -> ! {
    let mut ready = holder::keep_only(ready);
    // SAFETY: prctl on this process: `ps` and `top` show it as what it is.
    unsafe { libc::prctl(libc::PR_SET_NAME, c"skiff-relay".as_ptr(), 0, 0, 0) };
    let started = make_devices(plan);
    let (container_tap, network_tap, watch) = match started {
        Ok(v) => v,
        Err(e) => {
            let _ = ready.write_all(e.as_bytes());
            // SAFETY: leaving the relay.
            unsafe { libc::_exit(1) }
        }
    };
    let me = std::process::id() as i32;
    let state = RelayState {
        pid: me,
        start_time: process_start_time(me).unwrap_or(0),
        container_pid: plan.container_pid,
        ifname: plan.ifname.clone(),
    };
    let file = state_file(&plan.runroot, &plan.network_id, &plan.container_id);
    let written = write_state(&file, &state);
    if let Err(e) = written {
        let _ = ready.write_all(e.to_string().as_bytes());
        // SAFETY: leaving the relay (its devices go with its descriptors).
        unsafe { libc::_exit(1) }
    }
    let _ = ready.write_all(b"ok");
    drop(ready);
    let watched: Vec<_> = watch.iter().map(|w| w.as_fd()).collect();
    let end = skiff_network::tap::relay(&container_tap, &network_tap, &watched);
    // Closing the taps deletes them (it returns once they are unregistered): only then is
    // the state removed, so that whoever finds it gone finds the devices gone too. When the
    // container still runs (the network's keeper or a device went), the state stays: the
    // container lost the network, which `network inspect` shows and `connect` repairs.
    drop(watched);
    drop((container_tap, network_tap, watch));
    let container_gone = end == skiff_network::tap::RelayEnd::Watched(0);
    if container_gone && state_at(&file).is_some_and(|s| s.pid == me) {
        let _ = std::fs::remove_file(&file);
    }
    // SAFETY: leaving the relay.
    unsafe { libc::_exit(0) }
}

type Devices = (OwnedFd, OwnedFd, Vec<OwnedFd>);

/// Makes the relay's two taps (and the pidfds it watches), or says why it cannot.
fn make_devices(plan: &Plan) -> std::result::Result<Devices, String> {
    let watch = vec![pidfd(plan.container_pid)?, pidfd(plan.keeper_pid)?];
    let (bridge_name, port) = (
        plan.bridge.clone(),
        bridge::relay_port_name(&plan.container_id),
    );
    let network_ns = PathBuf::from(format!("/proc/{}/ns/net", plan.keeper_pid));
    let network_tap = fd_from_child(move || {
        enter(&network_ns)?;
        bridge::tap_port(&bridge_name, &port).map_err(|e| e.to_string())
    })
    .map_err(|e| format!("network {}'s side: {e}", plan.network_name))?;
    let container_ns = PathBuf::from(format!("/proc/{}/ns/net", plan.container_pid));
    let container_tap = fd_from_child(|| {
        enter(&container_ns)?;
        let fd = bridge::tap_interface(&plan.ifname, plan.mac).map_err(|e| e.to_string())?;
        bridge::configure_container_interface(
            &plan.ifname,
            plan.ip,
            plan.prefix_len,
            plan.ip6,
            None,
            None,
        )
        .map_err(|e| e.to_string())?;
        Ok(fd)
    })
    .map_err(|e| format!("the container's side: {e}"))?;
    Ok((container_tap, network_tap, watch))
}

fn state_at(path: &Path) -> Option<RelayState> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

fn write_state(path: &Path, state: &RelayState) -> Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec(state).expect("state serializes")).at(&tmp)?;
    Ok(std::fs::rename(&tmp, path).at(path)?)
}

/// Stops container `container_id`'s relay on network `network_id` (`network disconnect`)
/// and waits until it is gone, with its devices; returns whether one was recorded.
pub(crate) fn stop(runroot: &Path, network_id: &str, container_id: &str) -> bool {
    let file = state_file(runroot, network_id, container_id);
    let Some(s) = state_at(&file) else {
        return false;
    };
    end(&s);
    let _ = std::fs::remove_file(&file);
    true
}

/// Ends relay `s` if it still runs: SIGTERM, SIGKILL after a second, until it is gone.
fn end(s: &RelayState) {
    if !s.alive() {
        return;
    }
    let Ok(fd) = pidfd(s.pid) else {
        return;
    };
    if !s.alive() {
        return;
    }
    // SAFETY: a signal through a pidfd of the recorded (and just checked) relay.
    unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            fd.as_raw_fd(),
            libc::SIGTERM,
            0,
            0,
        )
    };
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut killed = false;
    loop {
        let mut p = libc::pollfd {
            fd: fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        if unsafe { libc::poll(&mut p, 1, 50) } > 0 {
            return;
        }
        if !killed && Instant::now() >= deadline {
            // SAFETY: as above.
            unsafe {
                libc::syscall(
                    libc::SYS_pidfd_send_signal,
                    fd.as_raw_fd(),
                    libc::SIGKILL,
                    0,
                    0,
                )
            };
            killed = true;
        }
        if Instant::now() >= deadline + Duration::from_secs(5) {
            return;
        }
    }
}

/// Ends every relay of container `container_id` (it stopped or is removed) and removes their
/// state: each exits by itself when the container's init does, and this waits for it.
pub(crate) fn end_all_for(runroot: &Path, container_id: &str) {
    let Ok(networks) = std::fs::read_dir(runroot.join("networks")) else {
        return;
    };
    let name = format!("{}.json", &container_id[..container_id.len().min(16)]);
    for n in networks.flatten() {
        let file = n.path().join("relays").join(&name);
        if let Some(s) = state_at(&file) {
            end(&s);
            let _ = std::fs::remove_file(&file);
        }
    }
}
