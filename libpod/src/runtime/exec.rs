//! `exec_in`: runs a process inside a running container by joining its namespaces.

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;

use nix::sched::CloneFlags;
use nix::sys::wait::waitpid;
use nix::unistd::Pid;

use super::child::ChildStdio;
use super::child::{self, clone_and_report, failure_error};
use super::init::{self, Prepared};
use super::lookup::Launch;
use super::spawn::prepare_process;
use super::spec::{ProcessSpec, Spawned, Stdio};
use super::sync::{self, Message};
use super::sys::{Namespace, Real, Syscalls};
use crate::error::{Error, Result};

/// Namespaces joined, in order: user first (a rootless caller may join the others only as
/// the container's root), mnt last (the others are opened through our /proc).
const NAMESPACES: [(&str, CloneFlags); 7] = [
    ("user", CloneFlags::CLONE_NEWUSER),
    ("ipc", CloneFlags::CLONE_NEWIPC),
    ("uts", CloneFlags::CLONE_NEWUTS),
    ("net", CloneFlags::CLONE_NEWNET),
    ("pid", CloneFlags::CLONE_NEWPID),
    ("cgroup", CloneFlags::CLONE_NEWCGROUP),
    ("mnt", CloneFlags::CLONE_NEWNS),
];

/// Opens `path` for the exec, naming it in the error.
fn open<S: Syscalls>(sys: &S, path: &str) -> Result<S::Fd> {
    sys.open(Path::new(path))
        .map_err(|e| Error::Runtime(format!("{path}: {e} (is the container still running?)")))
}

/// Opens the namespaces of process `pid` that differ from ours, in [`NAMESPACES`]' order.
fn open_namespaces<S: Syscalls>(sys: &S, pid: i32) -> Result<Vec<Namespace<S::Fd>>> {
    let mut out = Vec::new();
    for (name, flag) in NAMESPACES {
        let theirs = format!("/proc/{pid}/ns/{name}");
        if sys.same_file(
            Path::new(&format!("/proc/self/ns/{name}")),
            Path::new(&theirs),
        ) {
            continue;
        }
        out.push((open(sys, &theirs)?, flag, name));
    }
    Ok(out)
}

/// In the joiner: joins `namespaces` in order, then enters the container's `root`; the error
/// names the step that failed.
fn enter_container<S: Syscalls>(
    sys: &S,
    namespaces: &[Namespace<S::Fd>],
    root: &S::Fd,
) -> std::result::Result<(), String> {
    for (ns, flag, name) in namespaces {
        sys.setns(ns, *flag).map_err(|e| {
            format!(
                "joining the container's {name} namespace: {}",
                std::io::Error::from(e)
            )
        })?;
    }
    sys.enter_root(root)
        .map_err(|e| format!("entering the container's root: {e}"))
}

/// The cgroup v2 group that process `pid` is in (as /proc/PID/cgroup names it) and its
/// `cgroup.procs` file opened for writing, when that is not the caller's own group (None on
/// cgroup v1 or hybrid hosts).
fn cgroup_of(pid: i32) -> Option<(String, OwnedFd)> {
    let mount = std::path::Path::new("/sys/fs/cgroup");
    if !mount.join("cgroup.controllers").exists() {
        return None;
    }
    let theirs = super::cgroups::process_cgroup(&pid.to_string())?;
    if super::cgroups::process_cgroup("self").as_ref() == Some(&theirs) {
        return None;
    }
    let procs = mount
        .join(theirs.trim_start_matches('/'))
        .join("cgroup.procs");
    let file = std::fs::OpenOptions::new().write(true).open(procs).ok()?;
    Some((theirs, file.into()))
}

/// Runs `process` in the container whose init is `pid`: joins its user (when different),
/// ipc, uts, net, pid, cgroup and mount namespaces and its root, then forks so the new process
/// is inside the pid namespace. Same error typing as [`super::spawn()`]; the caller waits on the
/// returned pid. Until exec the joining process is not dumpable, so the container cannot reach
/// the skiff binary through /proc/PID/exe (CVE-2019-5736).
pub fn exec_in(pid: i32, process: &ProcessSpec, stdio: Stdio) -> Result<Spawned> {
    let prep = prepare_process(process, false)?;
    let sys = Real;
    let target = Target {
        namespaces: open_namespaces(&sys, pid)?,
        cgroup: cgroup_of(pid),
        devices: match super::cgroups::devices_v1::procs_of(pid) {
            Some(procs) if !super::cgroups::rootless() => Some(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&procs)
                    .map(OwnedFd::from)
                    .map_err(|e| {
                        Error::Runtime(format!(
                            "{}: {e} (the container's device cgroup)",
                            procs.display()
                        ))
                    })?,
            ),
            _ => None,
        },
        root: open(&sys, &format!("/proc/{pid}/root"))?,
        hostname: std::fs::read_to_string(format!("/proc/{pid}/root/etc/hostname"))
            .unwrap_or_default()
            .trim()
            .to_string(),
    };
    let (parent_end, child_end) =
        sync::channel().map_err(|e| Error::Runtime(format!("socketpair: {e}")))?;
    let child_stdio = child::child_stdio(&stdio);
    let inter = child::fork()?;
    if inter == 0 {
        drop(parent_end);
        joiner(&sys, &target, process, &prep, child_stdio, child_end);
    }
    drop(child_end);
    drop(stdio);
    let _ = waitpid(Pid::from_raw(inter), None);
    let mut child = 0;
    let mut pty_master = None;
    loop {
        match sync::recv(parent_end.as_raw_fd()) {
            Ok(None) if child > 0 => {
                return Ok(Spawned {
                    pid: child,
                    pty_master,
                    mnt_ns: None,
                })
            }
            Ok(None) => {
                return Err(Error::Runtime(
                    "the exec process exited before reporting its pid".into(),
                ))
            }
            Ok(Some(Message::Pid(p))) => child = p,
            Ok(Some(Message::PtyMaster(fd))) => pty_master = Some(fd),
            Ok(Some(Message::Failure(kind, text))) => {
                if child > 0 {
                    let _ = waitpid(Pid::from_raw(child), None);
                }
                return Err(failure_error(kind, text));
            }
            Err(e) => return Err(Error::Runtime(format!("waiting for the exec process: {e}"))),
        }
    }
}

/// What the exec process joins: the container's namespaces (those that differ from ours), its
/// cgroup, its root directory, and its host name.
struct Target {
    namespaces: Vec<Namespace<OwnedFd>>,
    cgroup: Option<(String, OwnedFd)>,
    /// `cgroup.procs` of the container's cgroup v1 devices group (see
    /// [`super::cgroups::devices_v1`]), when not the caller's.
    devices: Option<OwnedFd>,
    root: OwnedFd,
    hostname: String,
}

fn joiner(
    sys: &Real,
    target: &Target,
    process: &ProcessSpec,
    prep: &Prepared,
    stdio: ChildStdio,
    sync_fd: OwnedFd,
) -> ! {
    let fd = sync_fd.as_raw_fd();
    let fail = |text: String| -> ! { child::fail(fd, text) };
    // SAFETY: plain prctl; exec resets dumpability.
    unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) };
    // Into the container's cgroup (and under its limits), as docker's exec. A rootless caller
    // outside the user's delegated subtree may not move itself there (cgroup v2 checks the
    // common ancestor): the user's systemd moves it into the container's scope instead.
    if let Some((path, procs)) = &target.cgroup {
        // SAFETY: writing one byte from a static string to an open descriptor.
        if unsafe { libc::write(procs.as_raw_fd(), c"0".as_ptr().cast(), 1) } < 0 {
            if let Err(e) = super::cgroups::attach_to_scope(path, std::process::id()) {
                fail(format!("joining the container's cgroup: {e}"));
            }
        }
    }
    if let Some(procs) = &target.devices {
        // SAFETY: as above.
        if unsafe { libc::write(procs.as_raw_fd(), c"0".as_ptr().cast(), 1) } < 0 {
            fail(format!(
                "joining the container's device cgroup: {}",
                std::io::Error::last_os_error()
            ));
        }
    }
    if let Err(e) = enter_container(sys, &target.namespaces, &target.root) {
        fail(e);
    }
    if let Some(fds) = stdio {
        for (i, f) in fds.iter().enumerate() {
            // SAFETY: duplicate onto the standard descriptors (fds were moved above 2 by the caller's ownership).
            let high = unsafe { libc::fcntl(*f, libc::F_DUPFD_CLOEXEC, 3) };
            // SAFETY: dup2 of a descriptor we just made onto 0, 1 or 2, which this process
            // (about to exec) owns; nothing else in it uses them.
            if high < 0 || unsafe { libc::dup2(high, i as libc::c_int) } < 0 {
                fail(format!(
                    "connecting stdio: {}",
                    std::io::Error::last_os_error()
                ));
            }
        }
    }
    clone_and_report(fd, "the exec process", || {
        let Err(failure) = init::start_process(
            process,
            &target.hostname,
            prep,
            stdio.is_none(),
            fd,
            Launch::Direct,
        );
        failure
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use nix::errno::Errno;

    use super::*;
    use crate::runtime::sys::record::{Call, Recorder};

    fn setns(path: &str, flag: CloneFlags) -> Call {
        Call::Setns(PathBuf::from(path), flag)
    }

    /// Opens and joins what a container at pid 42 has of its own, then enters its root.
    fn join(rec: &Recorder) -> std::result::Result<(), String> {
        let namespaces = open_namespaces(rec, 42).map_err(|e| e.to_string())?;
        let root = open(rec, "/proc/42/root").map_err(|e| e.to_string())?;
        enter_container(rec, &namespaces, &root)
    }

    /// The calls that join the namespaces `names` of pid 42, in this order, and its root.
    fn joined(names: &[&str]) -> Vec<Call> {
        let flag = |name: &str| NAMESPACES.iter().find(|(n, _)| *n == name).unwrap().1;
        names
            .iter()
            .map(|name| setns(&format!("/proc/42/ns/{name}"), flag(name)))
            .chain([Call::EnterRoot(PathBuf::from("/proc/42/root"))])
            .collect()
    }

    #[test]
    fn joins_user_first_mnt_last_then_the_root() {
        // Rootless: the container has a user namespace of its own.
        let rec = Recorder::new().same("/proc/self/ns/cgroup");
        join(&rec).unwrap();
        assert_eq!(
            rec.calls(),
            joined(&["user", "ipc", "uts", "net", "pid", "mnt"])
        );
    }

    #[test]
    fn skips_the_namespaces_already_ours() {
        // As root, with --network host and --uts host: user, net and uts are the caller's.
        let rec = Recorder::new()
            .same("/proc/self/ns/user")
            .same("/proc/self/ns/net")
            .same("/proc/self/ns/uts");
        join(&rec).unwrap();
        assert_eq!(rec.calls(), joined(&["ipc", "pid", "cgroup", "mnt"]));
    }

    #[test]
    fn a_failed_step_is_named_and_stops_the_join() {
        let rec = Recorder::new().fail(
            |c| matches!(c, Call::Setns(_, f) if *f == CloneFlags::CLONE_NEWNET),
            Errno::EPERM,
        );
        let e = join(&rec).unwrap_err();
        assert!(
            e.starts_with("joining the container's net namespace: Operation not permitted"),
            "{e}"
        );
        assert_eq!(
            rec.calls().last(),
            Some(&setns("/proc/42/ns/net", CloneFlags::CLONE_NEWNET))
        );
        let rec = Recorder::new().fail(|c| matches!(c, Call::EnterRoot(_)), Errno::ENOENT);
        let e = join(&rec).unwrap_err();
        assert!(e.starts_with("entering the container's root: "), "{e}");
    }
}
