//! `exec_in`: runs a process inside a running container by joining its namespaces.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use nix::sys::wait::waitpid;
use nix::unistd::Pid;

use super::child::{self, clone_and_report, failure_error};
use super::init::{self, ChildStdio, Prepared};
use super::spawn::prepare_process;
use super::spec::{ProcessSpec, Spawned, Stdio};
use super::sync::{self, Message};
use crate::error::{Error, Result};

/// Namespaces joined, in order (user first, so the others are ours to join; mnt last).
const NAMESPACES: [(&str, libc::c_int); 7] = [
    ("user", libc::CLONE_NEWUSER),
    ("ipc", libc::CLONE_NEWIPC),
    ("uts", libc::CLONE_NEWUTS),
    ("net", libc::CLONE_NEWNET),
    ("pid", libc::CLONE_NEWPID),
    ("cgroup", libc::CLONE_NEWCGROUP),
    ("mnt", libc::CLONE_NEWNS),
];

fn open(path: &str) -> Result<OwnedFd> {
    let c = std::ffi::CString::new(path).map_err(|_| Error::Runtime(format!("bad path {path}")))?;
    // SAFETY: valid C string.
    let fd = unsafe { libc::open(c.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
    if fd < 0 {
        let e = std::io::Error::last_os_error();
        return Err(Error::Runtime(format!(
            "{path}: {e} (is the container still running?)"
        )));
    }
    // SAFETY: fresh descriptor.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn same_ns(pid: i32, ns: &str) -> bool {
    let a = std::fs::metadata(format!("/proc/self/ns/{ns}"));
    let b = std::fs::metadata(format!("/proc/{pid}/ns/{ns}"));
    use std::os::unix::fs::MetadataExt;
    matches!((a, b), (Ok(a), Ok(b)) if a.ino() == b.ino() && a.dev() == b.dev())
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
    let mut fds = Vec::new();
    for (name, flag) in NAMESPACES {
        if same_ns(pid, name) {
            continue;
        }
        fds.push((open(&format!("/proc/{pid}/ns/{name}"))?, flag, name));
    }
    let target = Target {
        namespaces: fds,
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
        root: open(&format!("/proc/{pid}/root"))?,
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
        joiner(&target, process, &prep, child_stdio, child_end);
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
    namespaces: Vec<(OwnedFd, libc::c_int, &'static str)>,
    cgroup: Option<(String, OwnedFd)>,
    /// `cgroup.procs` of the container's cgroup v1 devices group (see
    /// [`super::cgroups::devices_v1`]), when not the caller's.
    devices: Option<OwnedFd>,
    root: OwnedFd,
    hostname: String,
}

fn joiner(
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
    for (ns, flag, name) in &target.namespaces {
        // SAFETY: setns on a namespace descriptor.
        if unsafe { libc::setns(ns.as_raw_fd(), *flag) } < 0 {
            fail(format!(
                "joining the container's {name} namespace: {}",
                std::io::Error::last_os_error()
            ));
        }
    }
    // SAFETY: fchdir + chroot(".") into the container's root, then chdir("/").
    let rooted = unsafe {
        libc::fchdir(target.root.as_raw_fd()) == 0
            && libc::chroot(c".".as_ptr()) == 0
            && libc::chdir(c"/".as_ptr()) == 0
    };
    if !rooted {
        fail(format!(
            "entering the container's root: {}",
            std::io::Error::last_os_error()
        ));
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
        init::start_process(
            process,
            &target.hostname,
            prep,
            stdio.is_none(),
            fd,
            init::Launch::Direct,
        )
    })
}
