//! The rootless user namespace: skiff maps the caller to root and its subordinate ids (from
//! /etc/subuid and /etc/subgid) to 1..N, using the setuid helpers newuidmap/newgidmap.
//!
//! [`enter_userns`] must run while the process is still single-threaded (it forks a helper and
//! calls `unshare(CLONE_NEWUSER)`, which the kernel refuses in a multi-threaded process).

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::Path;
use std::process::Command;

use nix::mount::{mount, MsFlags};
use nix::sched::{unshare, CloneFlags};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, getgid, getuid, ForkResult, Pid, Uid, User};

use super::spec::{IdMap, IdRange};
use crate::error::{Error, Result};

/// One subordinate id range from /etc/subuid or /etc/subgid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubIdRange {
    /// First subordinate id.
    pub start: u32,
    /// Number of ids.
    pub count: u32,
}

/// The ranges `/etc/subuid`-style `content` grants to the user called `name` or with id `id`.
/// Comments, blank and malformed lines are skipped, as shadow-utils does.
pub fn parse_subid(content: &str, name: &str, id: u32) -> Vec<SubIdRange> {
    let id = id.to_string();
    subid_lines(content)
        .filter(|(who, range)| (*who == name || *who == id) && range.count > 0)
        .map(|(_, range)| range)
        .collect()
}

/// Every well-formed `WHO:START:COUNT` line of `/etc/subuid`-style `content`, comments and
/// blank lines skipped.
fn subid_lines(content: &str) -> impl Iterator<Item = (&str, SubIdRange)> {
    content
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split(':');
            let (who, start, count) = (f.next()?, f.next()?, f.next()?);
            let start = start.trim().parse().ok()?;
            let count = count.trim().parse().ok()?;
            Some((who, SubIdRange { start, count }))
        })
}

/// The first block of 65536 ids from 100000 on that no line of the `/etc/subuid`- and
/// `/etc/subgid`-style `contents` grants anybody: what to suggest to a user who has none (a
/// range another user has would let each one's containers reach the other's files).
pub fn free_subid_block(contents: &[&str]) -> u32 {
    const BLOCK: u64 = 65536;
    let mut start: u64 = 100_000;
    let taken: Vec<(u64, u64)> = contents
        .iter()
        .flat_map(|c| subid_lines(c))
        .map(|(_, r)| (u64::from(r.start), u64::from(r.start) + u64::from(r.count)))
        .collect();
    // Past every range that overlaps the candidate, until none does.
    while let Some(end) = taken
        .iter()
        .filter(|(first, end)| *first < start + BLOCK && *end > start)
        .map(|(_, end)| *end)
        .max()
    {
        start = end;
    }
    u32::try_from(start).unwrap_or(u32::MAX - BLOCK as u32)
}

/// The command that gives user `name` subordinate ids: a block nobody has
/// ([`free_subid_block`] of the system's files).
pub fn add_subids_command(name: &str) -> String {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let (uids, gids) = (read("/etc/subuid"), read("/etc/subgid"));
    let start = free_subid_block(&[&uids, &gids]);
    let end = u64::from(start) + 65535;
    format!("sudo usermod --add-subuids {start}-{end} --add-subgids {start}-{end} {name}")
}

/// The mapping newuidmap is asked for: the caller's id at 0, then every range from 1 on.
pub fn build_map(own: u32, ranges: &[SubIdRange]) -> Vec<IdRange> {
    let mut map = vec![IdRange::new(0, own, 1)];
    let mut next = 1u32;
    for r in ranges {
        map.push(IdRange::new(next, r.start, r.count));
        next = next.saturating_add(r.count);
    }
    map
}

/// Parses the text of /proc/PID/uid_map (or gid_map).
pub fn parse_id_map(content: &str) -> Vec<IdRange> {
    content
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace().map(|x| x.parse::<u32>());
            Some(IdRange::new(
                f.next()?.ok()?,
                f.next()?.ok()?,
                f.next()?.ok()?,
            ))
        })
        .collect()
}

/// The current process's user namespace mapping (cheap: two small /proc reads).
pub fn current_id_map() -> IdMap {
    let read = |p: &str| {
        std::fs::read_to_string(p)
            .map(|s| parse_id_map(&s))
            .unwrap_or_default()
    };
    IdMap {
        uids: read("/proc/self/uid_map"),
        gids: read("/proc/self/gid_map"),
    }
}

/// True when this process runs in a user namespace other than the initial one.
pub fn in_userns() -> bool {
    !is_initial(&current_id_map().uids)
}

fn is_initial(uids: &[IdRange]) -> bool {
    uids.len() == 1 && uids[0] == IdRange::new(0, 0, u32::MAX)
}

/// What [`enter_userns`] did (the mapping is [`current_id_map`]'s).
pub struct Entered {
    /// Set when this call entered the namespace without subordinate ids: what the user
    /// should do.
    pub warning: Option<String>,
}

/// Enters skiff's rootless user namespace (and a private mount namespace) and becomes root in
/// it: the one [`prepare_userns`] found or made, else the one a running container's monitor
/// keeps (see [`super::userns_keeper`]; `runroot` is the run directory that names it, None to
/// leave it aside), else a new one. Does nothing when already root in the initial namespace or
/// already inside a user namespace. Without subordinate ids it maps only the caller's own id,
/// and the result holds a warning saying how to add a range (for the caller to show; the
/// engine never prints).
pub fn enter_userns(runroot: Option<&Path>) -> Result<Entered> {
    let current = current_id_map();
    if !is_initial(&current.uids) || getuid().is_root() {
        return Ok(Entered { warning: None });
    }
    let prepared = PREPARED.lock().map(|mut p| p.take()).unwrap_or(None);
    let mut ids = None;
    let ahead = prepared.or_else(|| {
        let found = subordinate_ids();
        let kept = runroot.and_then(|r| kept_namespace(r, &found));
        ids = Some(found);
        kept.map(Ahead::Kept)
    });
    // Found or made ahead: join it. When it cannot be, the usual way below says why.
    if let Some(ahead) = ahead {
        if ahead.join()? {
            become_root()?;
            make_mounts_private()?;
            return Ok(Entered { warning: None });
        }
    }
    let (uid, gid) = (getuid().as_raw(), getgid().as_raw());
    let (subuids, subgids, name) = ids.unwrap_or_else(subordinate_ids);
    let warning = if subuids.is_empty() || subgids.is_empty() {
        let warning = format!(
            "no subordinate ids for {name} in /etc/subuid and /etc/subgid; running with a \
             single uid (images whose files belong to other users may fail, and images pulled \
             now keep that: pull them again afterwards): add a range with `{}`",
            add_subids_command(&name)
        );
        single_id_map(uid, gid)?;
        Some(warning)
    } else {
        enter_with_helpers(IdMap {
            uids: build_map(uid, &subuids),
            gids: build_map(gid, &subgids),
        })?;
        None
    };
    become_root()?;
    make_mounts_private()?;
    Ok(Entered { warning })
}

/// The calling user's subordinate uid and gid ranges, and the user's name.
fn subordinate_ids() -> (Vec<SubIdRange>, Vec<SubIdRange>, String) {
    let uid = getuid().as_raw();
    let name = User::from_uid(Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_default();
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let subuids = parse_subid(&read("/etc/subuid"), &name, uid);
    let subgids = parse_subid(&read("/etc/subgid"), &name, uid);
    (subuids, subgids, name)
}

/// The mapping a rootless namespace of the caller has: its own id at 0, then its subordinate
/// ids (what podman's `info` shows as `IDMappings`).
pub fn planned_id_map() -> IdMap {
    let (subuids, subgids, _) = subordinate_ids();
    IdMap {
        uids: build_map(getuid().as_raw(), &subuids),
        gids: build_map(getgid().as_raw(), &subgids),
    }
}

/// The user namespace a running container's monitor keeps, when it is what `ids` (the caller's
/// subordinate ids) would make; None without subordinate ids.
fn kept_namespace(
    runroot: &Path,
    (subuids, subgids, _): &(Vec<SubIdRange>, Vec<SubIdRange>, String),
) -> Option<std::fs::File> {
    if subuids.is_empty() || subgids.is_empty() {
        return None;
    }
    let want = IdMap {
        uids: build_map(getuid().as_raw(), subuids),
        gids: build_map(getgid().as_raw(), subgids),
    };
    super::userns_keeper::open(runroot, &want)
}

/// skiff's rootless user namespace, found or made ahead of need by [`prepare_userns`].
enum Ahead {
    /// A running container's monitor keeps it: its namespace, open.
    Kept(std::fs::File),
    /// Being made in the background.
    Making(Prepared),
}

/// skiff's rootless user namespace, being made ahead of need by [`prepare_userns`].
struct Prepared {
    /// The process that made the namespace and holds it until `release` closes.
    holder: Pid,
    /// The helper that maps it: runs newuidmap and newgidmap on the holder, exits 0 when both
    /// succeeded.
    mapper: Pid,
    /// Closing it ends the holder.
    release: std::io::PipeWriter,
}

/// The namespace [`prepare_userns`] found or is making, until [`enter_userns`] joins it.
static PREPARED: std::sync::Mutex<Option<Ahead>> = std::sync::Mutex::new(None);

impl Ahead {
    /// Joins the namespace and a new mount namespace (the caller then becomes root, as after
    /// `unshare`). Ok(false) when it was not made or mapped, or cannot be joined: the caller
    /// makes one the usual way. An error once joined: the caller must not make another
    /// inside it.
    fn join(self) -> Result<bool> {
        match self {
            Ahead::Making(p) => p.join(),
            Ahead::Kept(ns) => {
                if nix::sched::setns(&ns, CloneFlags::CLONE_NEWUSER).is_err() {
                    return Ok(false);
                }
                unshare(CloneFlags::CLONE_NEWNS)
                    .map_err(|e| Error::Runtime(format!("creating a mount namespace: {e}")))?;
                Ok(true)
            }
        }
    }
}

impl Prepared {
    /// Waits for the mapping, then joins the holder's user namespace and a new mount namespace
    /// (the caller then becomes root, as after `unshare`). Ok(false) when the namespace was not
    /// made or mapped, or cannot be joined: the caller makes one the usual way. An error once
    /// joined: the caller must not make another inside it. The holder is released either way.
    fn join(self) -> Result<bool> {
        let mapped = matches!(waitpid(self.mapper, None), Ok(WaitStatus::Exited(_, 0)));
        let joined = mapped
            && userns_of(self.holder.as_raw())
                .is_ok_and(|ns| nix::sched::setns(&ns, CloneFlags::CLONE_NEWUSER).is_ok());
        drop(self.release);
        let _ = waitpid(self.holder, None);
        if joined {
            unshare(CloneFlags::CLONE_NEWNS)
                .map_err(|e| Error::Runtime(format!("creating a mount namespace: {e}")))?;
        }
        Ok(joined)
    }
}

/// Finds the user namespace a running container's monitor keeps (`runroot` names it), or
/// else starts making skiff's rootless user namespace in the background, so that newuidmap and
/// newgidmap (two setuid programs, each ~1 ms to start) run while the caller does other work;
/// the next [`enter_userns`] joins it instead of making one. For a command that will enter it
/// (`run`); one that ends without entering leaves two short-lived processes behind, which end
/// with it. Does nothing as root, inside a user namespace, without subordinate ids (the usual
/// way warns), or when one is being made already. Best effort: on any failure the usual way
/// runs later. The caller must be single-threaded (it forks).
pub fn prepare_userns(runroot: &Path) {
    if !is_initial(&current_id_map().uids) || getuid().is_root() {
        return;
    }
    let Ok(mut slot) = PREPARED.lock() else {
        return;
    };
    if slot.is_some() {
        return;
    }
    let ids = subordinate_ids();
    if let Some(kept) = kept_namespace(runroot, &ids) {
        *slot = Some(Ahead::Kept(kept));
        return;
    }
    let (subuids, subgids, _) = ids;
    if subuids.is_empty() || subgids.is_empty() {
        return;
    }
    // Missing helpers: the usual way says what to install.
    let (Ok(uidmap), Ok(gidmap)) = (map_helper("newuidmap"), map_helper("newgidmap")) else {
        return;
    };
    let helpers = (uidmap, gidmap);
    let map = IdMap {
        uids: build_map(getuid().as_raw(), &subuids),
        gids: build_map(getgid().as_raw(), &subgids),
    };
    let (Ok((mut unshared_rx, unshared_tx)), Ok((mut release_rx, release_tx))) =
        (std::io::pipe(), std::io::pipe())
    else {
        return;
    };
    // SAFETY: the caller is single-threaded (documented); the child only makes the namespace,
    // writes a byte, reads a pipe and exits.
    let holder = match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            drop(release_tx);
            drop(unshared_rx);
            hold_namespace(unshared_tx, &mut release_rx)
        }
        Ok(ForkResult::Parent { child }) => child,
        Err(_) => return,
    };
    drop(unshared_tx);
    drop(release_rx);
    let (uid_args, gid_args) = (
        map_helper_args(holder.as_raw(), &map.uids),
        map_helper_args(holder.as_raw(), &map.gids),
    );
    // SAFETY: as above; the child reads a pipe, runs two commands and exits.
    let mapper = match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            drop(release_tx);
            let mut b = [0u8; 1];
            let code = match unshared_rx.read(&mut b) {
                Ok(1) if b[0] == b'1' => run_map_helpers(&helpers, &uid_args, &gid_args),
                _ => 1,
            };
            // SAFETY: leaving the forked helper without running the parent's destructors.
            unsafe { libc::_exit(code) }
        }
        Ok(ForkResult::Parent { child }) => child,
        Err(_) => {
            drop(release_tx);
            let _ = waitpid(holder, None);
            return;
        }
    };
    *slot = Some(Ahead::Making(Prepared {
        holder,
        mapper,
        release: release_tx,
    }));
}

/// The holder of a prepared namespace (a forked child): makes it, says so on `unshared`
/// (`1`, or `0` when it could not), then waits until `release` closes (the parent joined the
/// namespace, or ended) and exits. Never returns.
fn hold_namespace(mut unshared: std::io::PipeWriter, release: &mut std::io::PipeReader) -> ! {
    // SAFETY: prctl with constant arguments: the holder ends with the process that made it.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) };
    let made = unshare(CloneFlags::CLONE_NEWUSER).is_ok();
    let _ = unshared.write_all(if made { b"1" } else { b"0" });
    drop(unshared);
    let mut sink = [0u8; 1];
    while matches!(release.read(&mut sink), Ok(n) if n > 0) {}
    // SAFETY: leaving the forked child without running the parent's destructors.
    unsafe { libc::_exit(0) }
}

/// newuidmap's (or newgidmap's) arguments: the target `pid`, then each range of `map`.
fn map_helper_args(pid: i32, map: &[IdRange]) -> Vec<String> {
    let mut a = vec![pid.to_string()];
    for r in map {
        a.extend([
            r.container.to_string(),
            r.host.to_string(),
            r.size.to_string(),
        ]);
    }
    a
}

/// Makes every mount of this process's (new) mount namespace private, so nothing mounted in it
/// propagates back to the namespace it came from.
fn make_mounts_private() -> Result<()> {
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
    .map_err(|e| Error::Runtime(format!("making the mount namespace private: {e}")))
}

/// Moves this process into a mount namespace of its own whose mounts do not propagate back:
/// what real root mounts there (a stopped container's root for `cp`) stays out of the host's
/// mount table.
pub fn private_mount_namespace() -> Result<()> {
    unshare(CloneFlags::CLONE_NEWNS)
        .map_err(|e| Error::Runtime(format!("creating a mount namespace: {e}")))?;
    make_mounts_private()
}

/// Forks a helper that waits until we have unshared, then runs newuidmap and newgidmap (setuid
/// helpers) on our pid.
fn enter_with_helpers(map: IdMap) -> Result<IdMap> {
    let helpers = (map_helper("newuidmap")?, map_helper("newgidmap")?);
    {
        let (mut rx, mut tx) = std::io::pipe().map_err(|e| Error::Runtime(format!("pipe: {e}")))?;
        let parent = std::process::id() as i32;
        let (uid_args, gid_args) = (
            map_helper_args(parent, &map.uids),
            map_helper_args(parent, &map.gids),
        );
        // SAFETY: the caller is single-threaded (documented); the child only reads a pipe, runs
        // two commands and exits.
        match unsafe { fork() }.map_err(|e| Error::Runtime(format!("fork: {e}")))? {
            ForkResult::Child => {
                drop(tx);
                let mut b = [0u8; 1];
                let code = match rx.read(&mut b) {
                    Ok(1) => run_map_helpers(&helpers, &uid_args, &gid_args),
                    _ => 1,
                };
                // SAFETY: leaving the forked helper without running the parent's destructors.
                unsafe { libc::_exit(code) }
            }
            ForkResult::Parent { child } => {
                drop(rx);
                let unshared = unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNS);
                let _ = tx.write_all(if unshared.is_ok() { b"1" } else { b"0" });
                drop(tx);
                let status = waitpid(child, None);
                unshared.map_err(|e| {
                    Error::Runtime(format!(
                        "cannot create a user namespace: {e}; check that unprivileged user namespaces \
                         are enabled (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0)"
                    ))
                })?;
                match status {
                    Ok(WaitStatus::Exited(_, 0)) => Ok(map),
                    _ => Err(Error::Runtime(format!(
                        "newuidmap/newgidmap failed to map the subordinate ids ({}); check /etc/subuid and \
                         /etc/subgid, and install the `uidmap` package",
                        map.describe()
                    ))),
                }
            }
        }
    }
}

/// Where the setuid helper `name` (newuidmap, newgidmap) is (found as the network helpers
/// are, [`skiff_network::helper::find_on_path`]); an error saying what to install when it is
/// nowhere.
fn map_helper(name: &str) -> Result<std::path::PathBuf> {
    skiff_network::helper::find_on_path(name).ok_or_else(|| {
        Error::Runtime(format!(
            "{name} is not installed (rootless skiff maps your subordinate ids with \
                 newuidmap and newgidmap): install the `uidmap` package, e.g. `sudo apt-get \
                 install uidmap`"
        ))
    })
}

/// Runs newuidmap and newgidmap (`helpers`) concurrently; 0 when both succeed.
fn run_map_helpers(
    helpers: &(std::path::PathBuf, std::path::PathBuf),
    uid_args: &[String],
    gid_args: &[String],
) -> i32 {
    let u = Command::new(&helpers.0).args(uid_args).spawn();
    let g = Command::new(&helpers.1).args(gid_args).spawn();
    let ok = |c: std::io::Result<std::process::Child>| {
        c.and_then(|mut c| c.wait())
            .map(|s| s.success())
            .unwrap_or(false)
    };
    let (ou, og) = (ok(u), ok(g));
    if ou && og {
        0
    } else {
        1
    }
}

/// Enters a new user and mount namespace mapping only `uid`/`gid` (to 0), as an unprivileged
/// process may without helpers.
pub(crate) fn single_id_map(uid: u32, gid: u32) -> Result<IdMap> {
    unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNS)
        .map_err(|e| Error::Runtime(format!("cannot create a user namespace: {e}")))?;
    let write = |p: &str, s: String| {
        std::fs::write(p, s).map_err(|e| Error::Runtime(format!("writing {p}: {e}")))
    };
    write("/proc/self/uid_map", format!("0 {uid} 1\n"))?;
    write("/proc/self/setgroups", "deny\n".into())?;
    write("/proc/self/gid_map", format!("0 {gid} 1\n"))?;
    Ok(IdMap {
        uids: vec![IdRange::new(0, uid, 1)],
        gids: vec![IdRange::new(0, gid, 1)],
    })
}

/// Opens the user namespace of process `pid`.
fn userns_of(pid: i32) -> Result<std::fs::File> {
    let target = format!("/proc/{pid}/ns/user");
    std::fs::File::open(&target).map_err(|e| Error::Runtime(format!("opening {target}: {e}")))
}

/// Enters the user namespace of process `pid` (another container's) instead of a new one, with
/// a private mount namespace, and becomes root in it: a rootless container can join another's
/// network namespace only from the user namespace that owns it. Does nothing as real root.
/// Fails when this process already entered a different user namespace.
pub fn join_userns_of(pid: i32) -> Result<IdMap> {
    if getuid().is_root() && !in_userns() {
        return Ok(current_id_map());
    }
    let ns = userns_of(pid)?;
    join_userns(ns, pid)
}

/// Joins the parent of the user namespace of process `pid`: for a container with a namespace
/// of its own (`--userns`), the engine's namespace it was made in, where ids are engine ids
/// and the caller is root (as real root, nothing changes). Same conditions as [`join_userns_of`].
pub fn join_parent_userns_of(pid: i32) -> Result<IdMap> {
    if getuid().is_root() && !in_userns() {
        return Ok(current_id_map());
    }
    let ns = userns_of(pid)?;
    /// `NS_GET_PARENT` of ioctl_ns(2).
    const NS_GET_PARENT: libc::c_ulong = 0xb702;
    // SAFETY: a valid descriptor; the ioctl returns a new descriptor or -1.
    let parent = unsafe { libc::ioctl(ns.as_raw_fd(), NS_GET_PARENT) };
    if parent < 0 {
        return Err(Error::Runtime(format!(
            "finding the parent of the user namespace of process {pid}: {}",
            std::io::Error::last_os_error()
        )));
    }
    // SAFETY: a fresh descriptor from the kernel.
    join_userns(unsafe { std::fs::File::from_raw_fd(parent) }, pid)
}

/// Whether the user namespace of process `pid` was made in the caller's (a container with a
/// `--userns` namespace of its own, started by this process); false when it cannot be told.
pub fn parent_userns_is_ours(pid: i32) -> bool {
    std::fs::File::open(format!("/proc/{pid}/ns/user")).is_ok_and(|ns| made_in_ours(&ns))
}

/// Whether the user namespace open as `ns` was made in the caller's own; false when it cannot
/// be told.
pub(crate) fn made_in_ours(ns: &std::fs::File) -> bool {
    use std::os::unix::fs::MetadataExt;
    /// `NS_GET_PARENT` of ioctl_ns(2).
    const NS_GET_PARENT: libc::c_ulong = 0xb702;
    // SAFETY: a valid descriptor; the ioctl returns a new descriptor or -1.
    let parent = unsafe { libc::ioctl(ns.as_raw_fd(), NS_GET_PARENT) };
    if parent < 0 {
        return false;
    }
    // SAFETY: a fresh descriptor from the kernel, owned here.
    let parent = unsafe { std::fs::File::from_raw_fd(parent) };
    match (parent.metadata(), std::fs::metadata("/proc/self/ns/user")) {
        (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
        _ => false,
    }
}

/// Moves a process in the engine's namespace (after [`join_parent_userns_of`], or real root)
/// on into the user namespace of process `pid`, as root there: files it then makes belong to
/// an id the container's file system maps.
pub fn join_child_userns_of(pid: i32) -> Result<()> {
    let ns = userns_of(pid)?;
    nix::sched::setns(&ns, CloneFlags::CLONE_NEWUSER)
        .map_err(|e| Error::Runtime(format!("joining the user namespace of process {pid}: {e}")))?;
    become_root()
}

/// Joins the user namespace open as `ns` (that of process `pid` or its parent) unless this
/// process is in it already, in a private mount namespace, as root there.
fn join_userns(ns: std::fs::File, pid: i32) -> Result<IdMap> {
    let same = |a: &std::fs::File| {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata("/proc/self/ns/user"), a.metadata()) {
            (Ok(x), Ok(y)) => x.ino() == y.ino() && x.dev() == y.dev(),
            _ => false,
        }
    };
    if same(&ns) {
        return Ok(current_id_map());
    }
    if in_userns() {
        return Err(Error::Runtime(
            "cannot join the other container's user namespace from this skiff process (it entered its own \
             already, e.g. to pull or fill a volume): create the container first, then `skiff start` it"
                .into(),
        ));
    }
    nix::sched::setns(&ns, CloneFlags::CLONE_NEWUSER)
        .map_err(|e| Error::Runtime(format!("joining the user namespace of process {pid}: {e}")))?;
    private_mount_namespace()?;
    become_root()?;
    Ok(current_id_map())
}

/// The mapping of the user namespace at `path` (ids of the caller's namespace), as a forked
/// child that joins it reads its own uid_map and gid_map. The caller must be single-threaded.
pub fn map_of_namespace(path: &std::path::Path) -> Result<IdMap> {
    let failed = |e: String| {
        Error::InvalidArgument(format!(
            "--userns ns:{}: cannot read the mapping of that user namespace: {e}",
            path.display()
        ))
    };
    let (mut read_end, mut write_end) =
        std::os::unix::net::UnixStream::pair().map_err(|e| failed(e.to_string()))?;
    // SAFETY: the child only opens, setns, reads two files, writes and exits.
    match unsafe { fork() }.map_err(|e| failed(e.to_string()))? {
        ForkResult::Child => {
            drop(read_end);
            let text = std::fs::File::open(path)
                .map_err(|e| e.to_string())
                .and_then(|ns| {
                    nix::sched::setns(&ns, CloneFlags::CLONE_NEWUSER).map_err(|e| e.to_string())
                })
                .map(|()| serde_json::to_string(&current_id_map()).expect("a map serializes"))
                .unwrap_or_else(|e| format!("!{e}"));
            let _ = write_end.write_all(text.as_bytes());
            // SAFETY: leaving the forked child without running the parent's destructors.
            unsafe { libc::_exit(0) }
        }
        ForkResult::Parent { child } => {
            drop(write_end);
            let mut text = String::new();
            let read = read_end.read_to_string(&mut text);
            let _ = waitpid(child, None);
            read.map_err(|e| failed(e.to_string()))?;
            match text.strip_prefix('!') {
                Some(e) => Err(failed(e.to_string())),
                None => serde_json::from_str(&text).map_err(|e| failed(e.to_string())),
            }
        }
    }
}

fn become_root() -> Result<()> {
    super::container_userns::become_root(&super::sys::Real)
}

#[cfg(test)]
mod free_block_tests {
    use super::free_subid_block;

    #[test]
    fn a_free_block_overlaps_nobody_s_range() {
        assert_eq!(free_subid_block(&[""]), 100_000);
        assert_eq!(free_subid_block(&["a:100000:65536\n"]), 165_536);
        let taken = "a:100000:65536\nb:165536:65536\n# c:999:1\nd:1000000:65536\n";
        assert_eq!(free_subid_block(&[taken, "e:231072:10\n"]), 231_082);
        // A gap large enough before a later range is taken.
        assert_eq!(free_subid_block(&["x:500000:65536\n"]), 100_000);
        assert_eq!(free_subid_block(&["x:150000:10\n"]), 150_010);
        assert_eq!(
            free_subid_block(&["1000:231072:65536\nbad line\n"]),
            100_000
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBUID: &str = "# comment\nalice:100000:65536\n1001:300000:10\nbob:200000:65536\nbad line\nalice:500000:0\n";

    #[test]
    fn subid_by_name_and_uid() {
        assert_eq!(
            parse_subid(SUBUID, "alice", 1000),
            vec![SubIdRange {
                start: 100000,
                count: 65536
            }]
        );
        assert_eq!(
            parse_subid(SUBUID, "carol", 1001),
            vec![SubIdRange {
                start: 300000,
                count: 10
            }]
        );
        assert!(parse_subid(SUBUID, "dave", 1002).is_empty());
    }

    #[test]
    fn map_puts_own_id_at_zero() {
        let m = build_map(
            1000,
            &[
                SubIdRange {
                    start: 100000,
                    count: 65536,
                },
                SubIdRange {
                    start: 300000,
                    count: 10,
                },
            ],
        );
        assert_eq!(
            m,
            vec![
                IdRange::new(0, 1000, 1),
                IdRange::new(1, 100000, 65536),
                IdRange::new(65537, 300000, 10),
            ]
        );
    }

    #[test]
    fn id_map_text() {
        let m = parse_id_map("         0          0 4294967295\n");
        assert!(is_initial(&m));
        assert!(!is_initial(&parse_id_map("0 1000 1\n1 100000 65536\n")));
    }
}
