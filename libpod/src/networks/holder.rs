//! The holder of a user-defined network: a small process started by the first container on
//! the network and gone a few seconds after the last one. It keeps
//!
//! - the user namespace every container on a user-defined network runs in (rootless; all
//!   holders share one, so a container can be on several networks),
//! - a child (the keeper) sitting in the network's own network namespace, where the bridge
//!   and the gateway address live,
//! - the network's one slirp4netns (none with `--internal`), attached to that namespace: the
//!   members' way out, and the host ports published into them. It restarts the helper when it
//!   dies and publishes the members' ports again.
//!
//! Its state is `<runroot>/networks/<id12>/holder.json`. Nothing else runs for a network: no
//! daemon, and no process at all while none of its containers runs.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use skiff_network::helper::{self, HelperRequest, RunningHelper};
use skiff_network::{Helper, PortBinding};

use super::NetworkRecord;
use crate::error::{Error, IoContext, Result};
use crate::procfs::process_start_time;

/// How long a holder without members stays, so a restarting container or the next `run` in
/// a script finds it up.
const IDLE_GRACE: Duration = Duration::from_secs(2);
/// How long a start announced in the lease file keeps the holder from leaving.
const LEASE: Duration = Duration::from_secs(5);
/// How often the holder looks at its members and its helper.
const TICK: Duration = Duration::from_millis(200);

/// What a running holder recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolderState {
    /// The holder process (it owns the user namespace members join).
    pub pid: i32,
    /// The keeper, whose network namespace is the network's.
    pub netns_pid: i32,
    /// The inode of that namespace, against pid reuse.
    pub netns_inode: u64,
    /// The keeper's start time (clock ticks since boot), against pid reuse where the
    /// namespace's link cannot be read (0 in a state written before it was recorded).
    #[serde(default)]
    pub netns_start: u64,
    /// The helper's pid (0 on an internal network).
    pub helper_pid: i32,
    /// How often the helper was restarted after it died.
    #[serde(default)]
    pub helper_restarts: u32,
    /// The bridge's name.
    pub bridge: String,
}

impl HolderState {
    /// The network namespace's path, through the keeper.
    pub fn netns_path(&self) -> PathBuf {
        format!("/proc/{}/ns/net", self.netns_pid).into()
    }

    /// True while the keeper (and so the network's namespace) is alive.
    pub fn alive(&self) -> bool {
        match netns_inode(self.netns_pid) {
            Some(inode) => inode == self.netns_inode,
            // A process of another user namespace (rootless, the API service) may not read
            // the keeper's namespace links (EACCES): its start time, which anyone may read,
            // tells the same keeper from a reused pid.
            None => {
                self.netns_start != 0
                    && process_start_time(self.netns_pid) == Some(self.netns_start)
            }
        }
    }
}

/// A port published into one member, recorded so that a restarted helper publishes it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forward {
    /// The binding.
    pub binding: PortBinding,
    /// The member's address.
    pub guest_ip: String,
    /// The helper's id for it.
    pub id: u64,
}

fn netns_inode(pid: i32) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(format!("/proc/{pid}/ns/net"))
        .ok()
        .map(|m| m.ino())
}

/// The directory of network `id`'s runtime files.
pub fn dir(runroot: &Path, network_id: &str) -> PathBuf {
    runroot
        .join("networks")
        .join(&network_id[..network_id.len().min(12)])
}

/// The file of the published ports of container `id` on a network.
pub fn forwards_file(net_dir: &Path, container_id: &str) -> PathBuf {
    net_dir.join("forwards").join(format!(
        "{}.json",
        &container_id[..container_id.len().min(16)]
    ))
}

const STATE: &str = "holder.json";

/// The recorded state of the holder whose runtime directory is `dir`, when it runs.
pub fn read_state_in(dir: &Path) -> Option<HolderState> {
    read_state(dir).filter(HolderState::alive)
}

fn read_state(dir: &Path) -> Option<HolderState> {
    serde_json::from_slice(&std::fs::read(dir.join(STATE)).ok()?).ok()
}

/// An exclusive `flock` on a network's lock file, released when dropped (closed).
struct NetLock {
    _file: File,
}

impl NetLock {
    fn take(dir: &Path) -> Result<NetLock> {
        Ok(NetLock {
            _file: crate::file_lock::lock_file(&dir.join("lock"))?,
        })
    }
}

fn touch_lease(dir: &Path) {
    let _ = std::fs::write(dir.join("lease"), b"");
}

fn lease_fresh(dir: &Path) -> bool {
    std::fs::metadata(dir.join("lease"))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age < LEASE)
}

/// The pid of a running holder of any network: its user namespace is the one every
/// container on a user-defined network shares.
fn any_holder(runroot: &Path) -> Option<i32> {
    std::fs::read_dir(runroot.join("networks"))
        .ok()?
        .flatten()
        .filter_map(|e| read_state(&e.path()))
        .find(HolderState::alive)
        .map(|s| s.pid)
}

/// Makes sure network `net`'s holder runs, starting it when needed, and holds it for the
/// next [`LEASE`] so a container about to start finds it. Call it before entering a user
/// namespace (from the CLI), or from a monitor already in the holders' one.
pub(crate) fn ensure(runroot: &Path, net: &NetworkRecord) -> Result<HolderState> {
    let dir = dir(runroot, &net.id);
    let _lock = NetLock::take(&dir)?;
    touch_lease(&dir);
    if let Some(s) = read_state(&dir).filter(HolderState::alive) {
        return Ok(s);
    }
    cleanup_stale(&dir);
    // One holder starts at a time, so that two starting at once cannot each make a user
    // namespace of their own (a container on both networks needs one).
    let _all = NetLock::take(&runroot.join("networks"))?;
    spawn(runroot, &dir, net)
}

/// Stops network `id`'s holder (`network rm`) and removes its files.
pub(crate) fn stop(runroot: &Path, network_id: &str) {
    let dir = dir(runroot, network_id);
    if !dir.exists() {
        return;
    }
    if let Ok(_lock) = NetLock::take(&dir) {
        cleanup_stale(&dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Ends what a previous holder left: its processes, if any still run, and its state.
fn cleanup_stale(dir: &Path) {
    if let Some(s) = read_state(dir) {
        for pid in [s.pid, s.netns_pid] {
            if pid > 0 && netns_inode(pid).is_some() {
                // SAFETY: a signal to a recorded pid of ours.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
        if helper::is_running(s.helper_pid, Helper::Slirp4netns) {
            helper::stop_pid(s.helper_pid);
        }
    }
    let _ = std::fs::remove_file(dir.join(STATE));
    let _ = std::fs::remove_file(helper::api_socket(dir));
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| Error::Runtime(format!("pipe: {e}")))
}

/// Starts the holder, detached from the caller (a new session, reparented), and waits for
/// its answer: its state, or why it could not start.
fn spawn(runroot: &Path, dir: &Path, net: &NetworkRecord) -> Result<HolderState> {
    let (ready_r, ready_w) = pipe()?;
    // SAFETY: the caller is single-threaded (the CLI before entering a namespace, or a
    // monitor); the child forks once more and runs only the holder.
    match unsafe { nix::unistd::fork() }.map_err(|e| Error::Runtime(format!("fork: {e}")))? {
        nix::unistd::ForkResult::Child => {
            drop(ready_r);
            let _ = nix::unistd::setsid();
            // SAFETY: as above.
            match unsafe { nix::unistd::fork() } {
                Ok(nix::unistd::ForkResult::Child) => holder_main(runroot, dir, net, ready_w),
                // SAFETY: leaving the intermediate child.
                _ => unsafe { libc::_exit(0) },
            }
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(ready_w);
            let _ = nix::sys::wait::waitpid(child, None);
            let mut answer = String::new();
            let _ = File::from(ready_r).read_to_string(&mut answer);
            match answer.strip_prefix("ok ") {
                Some(json) => serde_json::from_str(json.trim()).map_err(|e| {
                    Error::Runtime(format!("the network's holder answered badly: {e}"))
                }),
                None => Err(Error::Runtime(format!(
                    "cannot start network {}: {}",
                    net.name,
                    answer
                        .strip_prefix("error ")
                        .unwrap_or("its holder exited without saying why")
                        .trim()
                ))),
            }
        }
    }
}

/// Keeps only `ready` (moved to descriptor 3, close-on-exec: children the caller starts do
/// not inherit it, so its reader sees the end when the caller closes it) and stdio pointed at
/// /dev/null, for a process that outlives the CLI that forked it: the CLI's catalog
/// connection and locks must not live on in it.
pub(crate) fn keep_only(ready: OwnedFd) -> File {
    // SAFETY: descriptor juggling in a freshly forked, single-threaded process.
    unsafe {
        let fd = libc::dup2(ready.as_raw_fd(), 3);
        libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
        std::mem::forget(ready);
        libc::syscall(libc::SYS_close_range, 4, u32::MAX, 0);
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        for std in 0..3 {
            libc::dup2(null, std);
        }
        if null > 2 && null != fd {
            libc::close(null);
        }
        File::from(OwnedFd::from_raw_fd(fd))
    }
}

/// The holder process. Never returns.
fn holder_main(runroot: &Path, dir: &Path, net: &NetworkRecord, ready: OwnedFd) -> ! {
    let mut ready = keep_only(ready);
    let code = match start(runroot, dir, net) {
        Ok((state, holder)) => {
            let json = serde_json::to_string(&state).expect("state serializes");
            let _ = writeln!(ready, "ok {json}");
            drop(ready);
            holder.supervise(dir, state)
        }
        Err(e) => {
            let _ = writeln!(ready, "error {e}");
            1
        }
    };
    // SAFETY: leaving the holder.
    unsafe { libc::_exit(code) }
}

/// The holder's children.
struct Holder {
    keeper: i32,
    helper: Option<RunningHelper>,
    internal: bool,
    /// The network (the helper is started again with its settings).
    net: NetworkRecord,
}

/// Enters the holders' user namespace, starts the keeper and the helper, records the state.
fn start(runroot: &Path, dir: &Path, net: &NetworkRecord) -> Result<(HolderState, Holder)> {
    use crate::runtime::userns;
    if !userns::in_userns() && !nix::unistd::getuid().is_root() {
        match any_holder(runroot) {
            Some(pid) => drop(userns::join_userns_of(pid)?),
            // The command that needs the network entered the namespace before (and showed
            // its warning); this is only a fallback. A namespace of the holders' own: not the
            // one a default-network container keeps (see runtime::userns_keeper).
            None => drop(userns::enter_userns(None)?),
        }
    }
    // Others open /proc/<pid>/ns/* of the holder and its keeper: keep them readable after
    // the change of credentials above.
    // SAFETY: prctl on this process.
    unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 1, 0, 0, 0) };
    let subnet = net.parsed_subnet()?;
    let gateway = net.gateway_addr()?;
    let bridge = skiff_network::bridge::bridge_name(&net.id);
    // The keeper answers slirp4netns's neighbour solicitations for the members' IPv6
    // addresses (see skiff_network::ndp) when IPv6 leaves the network through the helper.
    let outbound6 = net.parsed_subnet6().filter(|_| !net.internal);
    let dns = KeeperDns {
        names: names_file(dir),
        // slirp4netns's resolver, reached through the helper (none on an internal network).
        upstream: (!net.internal).then(|| {
            let slirp = skiff_network::helper::addresses(skiff_network::Helper::Slirp4netns, &[]);
            let ip = slirp.dns[0]
                .parse()
                .expect("slirp4netns's resolver is an address");
            std::net::SocketAddr::new(ip, 53)
        }),
        clients: subnet,
    };
    let keeper = start_keeper(
        &bridge,
        gateway,
        subnet.prefix_len,
        net.gateway6_addr(),
        outbound6,
        dns,
    )?;
    let mut holder = Holder {
        keeper,
        helper: None,
        internal: net.internal,
        net: net.clone(),
    };
    let mut state = HolderState {
        pid: std::process::id() as i32,
        netns_pid: keeper,
        netns_inode: netns_inode(keeper).unwrap_or(0),
        netns_start: process_start_time(keeper).unwrap_or(0),
        helper_pid: 0,
        helper_restarts: 0,
        bridge,
    };
    if !net.internal {
        match start_helper(dir, &state, net) {
            Ok(h) => {
                state.helper_pid = h.pid;
                holder.helper = Some(h);
            }
            Err(e) => {
                holder.end();
                return Err(e);
            }
        }
    }
    write_state(dir, &state)?;
    Ok((state, holder))
}

fn write_state(dir: &Path, state: &HolderState) -> Result<()> {
    let path = dir.join(STATE);
    let tmp = dir.join("holder.json.tmp");
    std::fs::write(&tmp, serde_json::to_vec(state).expect("state serializes")).at(&tmp)?;
    Ok(std::fs::rename(&tmp, &path).at(&path)?)
}

/// The file of the members' names and addresses (hosts-file lines) that the network's name
/// server answers from; the engine rewrites it with the members' hosts files.
pub(crate) fn names_file(dir: &Path) -> PathBuf {
    dir.join("names")
}

/// What the keeper's name server needs.
struct KeeperDns {
    /// The members' names ([`names_file`]).
    names: PathBuf,
    /// Where other names are asked (None: refused).
    upstream: Option<std::net::SocketAddr>,
    /// The network's IPv4 subnet: only its addresses are answered.
    clients: skiff_network::ipam::Subnet,
}

/// Forks the keeper: it makes the network's namespace, wires the bridge, starts the network's
/// name server on the gateway (see [`skiff_network::dns_server`]), says so, and waits
/// (answering the helper's neighbour solicitations for addresses of `outbound6`, if any).
fn start_keeper(
    bridge: &str,
    gateway: std::net::Ipv4Addr,
    prefix_len: u8,
    gateway6: Option<skiff_network::bridge::Address6>,
    outbound6: Option<skiff_network::ipam::Subnet6>,
    dns: KeeperDns,
) -> Result<i32> {
    let (r, w) = pipe()?;
    // SAFETY: the holder is single-threaded.
    match unsafe { nix::unistd::fork() }.map_err(|e| Error::Runtime(format!("fork: {e}")))? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            // SAFETY: prctl on this process (the keeper ends with the holder), and closing
            // every descriptor but stdio and its answer pipe: it must hold nothing of the
            // holder's (the holder's caller reads its answer until the last copy closes).
            unsafe {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
                let keep = w.as_raw_fd() as u32;
                if keep > 3 {
                    libc::syscall(libc::SYS_close_range, 3, keep - 1, 0);
                }
                libc::syscall(libc::SYS_close_range, keep + 1, u32::MAX, 0);
            }
            let mut w = File::from(w);
            let made = nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNET)
                .map_err(|e| format!("creating the network namespace: {e}"))
                .and_then(|_| {
                    skiff_network::bridge::configure_network_namespace(
                        bridge, gateway, prefix_len, gateway6,
                    )
                    .map_err(|e| e.to_string())
                })
                .and_then(|_| {
                    let at = std::net::SocketAddr::new(gateway.into(), 53);
                    skiff_network::dns_server::bind(at).map_err(|e| {
                        format!(
                            "starting the network's name server on {at}: {e} (is the \
                                 gateway address also the host's, or port 53 in use there?)"
                        )
                    })
                })
                .and_then(|dns_sock| match outbound6 {
                    Some(_) => skiff_network::ndp::solicitation_socket()
                        .map(|s| (dns_sock, Some(s)))
                        .map_err(|e| format!("opening the IPv6 neighbour responder's socket: {e}")),
                    None => Ok((dns_sock, None)),
                });
            let _ = match &made {
                Ok(_) => w.write_all(b"ok"),
                Err(e) => w.write_all(e.as_bytes()),
            };
            drop(w);
            let (dns_sock, responder) = match made {
                Ok(r) => r,
                // SAFETY: leaving the keeper.
                Err(_) => unsafe { libc::_exit(1) },
            };
            let clients = dns.clients;
            let member = move |ip: std::net::IpAddr| match ip {
                std::net::IpAddr::V4(v4) => clients.contains(v4),
                std::net::IpAddr::V6(_) => false,
            };
            // Without a thread (the user's process limit) the network still works: its
            // members then find each other through /etc/hosts only.
            let _ = std::thread::Builder::new().spawn(move || {
                skiff_network::dns_server::serve(dns_sock, &dns.names, dns.upstream, member)
            });
            if let (Some(sock), Some(subnet)) = (responder, outbound6) {
                // Returns only when the socket fails; the keeper then just waits.
                let _ = skiff_network::ndp::answer_solicitations(&sock, HELPER_TAP, &subnet);
            }
            loop {
                nix::unistd::pause();
            }
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(w);
            let mut answer = String::new();
            let _ = File::from(r).read_to_string(&mut answer);
            if answer == "ok" {
                Ok(child.as_raw())
            } else {
                let _ = nix::sys::wait::waitpid(child, None);
                Err(Error::Runtime(format!(
                    "setting up the network's bridge: {}",
                    if answer.is_empty() {
                        "the keeper died"
                    } else {
                        &answer
                    }
                )))
            }
        }
    }
}

/// The name of the helper's tap device in the network's namespace.
const HELPER_TAP: &str = "tap0";

/// The network option that lets members reach the host's loopback through the helper
/// (`network create --opt allow_host_loopback=true`, as podman's slirp4netns option).
pub(crate) const HOST_LOOPBACK_OPTION: &str = "allow_host_loopback";

/// Starts slirp4netns on the network's namespace, with its API socket for the members' ports;
/// on an `--ipv6` network it carries IPv6 too, and the namespace's IPv6 default route goes
/// through it.
fn start_helper(dir: &Path, state: &HolderState, net: &NetworkRecord) -> Result<RunningHelper> {
    let netns = state.netns_path();
    let addresses = helper::addresses(Helper::Slirp4netns, &[]);
    let running = helper::start(&HelperRequest {
        helper: Helper::Slirp4netns,
        netns: &netns,
        run_dir: dir,
        ports: &[],
        addresses: &addresses,
        mac_address: None,
        api_socket: true,
        ipv6: net.ipv6(),
        host_loopback: net
            .options
            .get(HOST_LOOPBACK_OPTION)
            .is_some_and(|v| v == "true"),
    })
    .map_err(|e| Error::Runtime(e.to_string()))?;
    if net.ipv6() {
        let routed = super::netns::in_child(move || {
            super::netns::enter_netns(&netns)?;
            skiff_network::bridge::route_ipv6_through_helper(HELPER_TAP).map_err(|e| e.to_string())
        });
        if let Err(e) = routed {
            running.stop();
            return Err(Error::Runtime(format!(
                "routing the network's IPv6 through slirp4netns: {e}"
            )));
        }
    }
    Ok(running)
}

/// The number of member ports in the network's namespace: a veth per running member, a tap
/// (`vtap…`) per member joined through a relay.
fn veth_count(keeper: i32) -> usize {
    std::fs::read_to_string(format!("/proc/{keeper}/net/dev"))
        .map(|t| {
            t.lines()
                .filter(|l| {
                    let l = l.trim_start();
                    l.starts_with("veth") || l.starts_with(skiff_network::bridge::RELAY_PORT_PREFIX)
                })
                .count()
        })
        .unwrap_or(0)
}

impl Holder {
    /// Watches the keeper, the helper and the members until the network is idle (no member
    /// for [`IDLE_GRACE`] and no fresh lease) or the keeper dies; returns the exit code.
    fn supervise(mut self, dir: &Path, mut state: HolderState) -> i32 {
        let mut idle_since: Option<std::time::Instant> = None;
        let mut term = nix::sys::signal::SigSet::empty();
        term.add(nix::sys::signal::Signal::SIGTERM);
        let _ = term.thread_block();
        loop {
            if wait_for_term(&term, TICK) {
                break;
            }
            if !self.reap(dir, &mut state) {
                break;
            }
            if veth_count(self.keeper) > 0 {
                idle_since = None;
                continue;
            }
            let since = *idle_since.get_or_insert_with(std::time::Instant::now);
            if since.elapsed() < IDLE_GRACE {
                continue;
            }
            let Ok(_lock) = NetLock::take(dir) else {
                continue;
            };
            if lease_fresh(dir) || veth_count(self.keeper) > 0 {
                idle_since = None;
                continue;
            }
            let _ = std::fs::remove_file(dir.join(STATE));
            self.end();
            return 0;
        }
        let _ = std::fs::remove_file(dir.join(STATE));
        self.end();
        0
    }

    /// Reaps dead children: a dead keeper ends the holder (false); a dead helper is started
    /// again and the members' ports published anew.
    fn reap(&mut self, dir: &Path, state: &mut HolderState) -> bool {
        loop {
            let pid =
                match nix::sys::wait::waitpid(None, Some(nix::sys::wait::WaitPidFlag::WNOHANG)) {
                    Ok(s) => match s.pid() {
                        Some(p) => p.as_raw(),
                        None => return true,
                    },
                    Err(_) => return true,
                };
            if pid == self.keeper {
                return false;
            }
            if self.helper.as_ref().is_some_and(|h| h.pid == pid) && !self.internal {
                self.helper = None;
                if let Ok(h) = start_helper(dir, state, &self.net) {
                    state.helper_pid = h.pid;
                    state.helper_restarts += 1;
                    self.helper = Some(h);
                    republish(dir);
                    let _ = write_state(dir, state);
                }
            }
        }
    }

    /// Stops the helper and the keeper.
    fn end(self) {
        if let Some(h) = self.helper {
            h.stop();
        }
        // SAFETY: a signal to our own child, then reaping it.
        unsafe {
            libc::kill(self.keeper, libc::SIGKILL);
            libc::waitpid(self.keeper, std::ptr::null_mut(), 0);
        }
    }
}

/// Waits up to `timeout` for SIGTERM (blocked, so it queues); true when it came.
fn wait_for_term(set: &nix::sys::signal::SigSet, timeout: Duration) -> bool {
    let ts = libc::timespec {
        tv_sec: timeout.as_secs() as libc::time_t,
        tv_nsec: timeout.subsec_nanos() as libc::c_long,
    };
    // SAFETY: sigtimedwait with a valid set and timespec.
    let r = unsafe { libc::sigtimedwait(set.as_ref(), std::ptr::null_mut(), &ts) };
    r == libc::SIGTERM
}

/// Publishes again every member's ports (after the helper was restarted), updating their ids.
fn republish(dir: &Path) {
    let api = helper::api_socket(dir);
    let Ok(entries) = std::fs::read_dir(dir.join("forwards")) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(mut list) = read_forwards(&e.path()) else {
            continue;
        };
        for f in &mut list {
            if let Ok(id) = helper::add_forward(&api, &f.binding, &f.guest_ip) {
                f.id = id;
            }
        }
        let _ = write_forwards(&e.path(), &list);
    }
}

/// Reads a member's forwards file.
pub(crate) fn read_forwards(path: &Path) -> Result<Vec<Forward>> {
    let bytes = std::fs::read(path).at(path)?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Runtime(format!("{}: {e}", path.display())))
}

/// Writes a member's forwards file.
pub(crate) fn write_forwards(path: &Path, list: &[Forward]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).at(parent)?;
    }
    Ok(std::fs::write(path, serde_json::to_vec(list).expect("forwards serialize")).at(path)?)
}
