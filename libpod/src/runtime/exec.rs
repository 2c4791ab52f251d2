//! `exec_in`: runs a process inside a running container by joining its namespaces.

use std::os::fd::RawFd;
use std::path::Path;

use nix::sched::CloneFlags;

use super::child::{self, install_stdio, ChildStdio};
use super::init::{self, Prepared};
use super::lookup::Launch;
use super::spawn::prepare_process;
use super::spec::{ProcessSpec, Spawned, Stdio};
use super::sync::{Failure, FailureKind};
use super::sys::{Fork, Namespace, Process, Real, Syscalls};
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
fn cgroup_of<S: Syscalls>(sys: &S, pid: i32) -> Option<(String, S::Fd)> {
    let mount = Path::new("/sys/fs/cgroup");
    sys.stat(&mount.join("cgroup.controllers"))?;
    let group = |who: &str| {
        let text = sys.read_file(Path::new(&format!("/proc/{who}/cgroup")));
        super::cgroups::own_cgroup(&text.ok()?)
    };
    let theirs = group(&pid.to_string())?;
    if group("self").as_ref() == Some(&theirs) {
        return None;
    }
    let procs = mount
        .join(theirs.trim_start_matches('/'))
        .join("cgroup.procs");
    let file = sys.open_write(&procs).ok()?;
    Some((theirs, file))
}

/// Runs `process` in the container whose init is `pid`: joins its user (when different),
/// ipc, uts, net, pid, cgroup and mount namespaces and its root, then forks so the new process
/// is inside the pid namespace. Same error typing as [`super::spawn()`]; the caller waits on the
/// returned pid. Until exec the joining process is not dumpable, so the container cannot reach
/// the skiff binary through /proc/PID/exe (CVE-2019-5736).
pub fn exec_in(pid: i32, process: &ProcessSpec, stdio: Stdio) -> Result<Spawned> {
    exec_with(&Real, pid, process, stdio)
}

/// [`exec_in`] through the seam `sys`.
fn exec_with<S: Fork>(sys: &S, pid: i32, process: &ProcessSpec, stdio: Stdio) -> Result<Spawned> {
    let prep = prepare_process(process, false)?;
    let target = Target {
        namespaces: open_namespaces(sys, pid)?,
        cgroup: cgroup_of(sys, pid),
        devices: match super::cgroups::devices_v1::procs_of(pid) {
            Some(procs) if !super::cgroups::rootless() => {
                Some(sys.open_write(&procs).map_err(|e| {
                    Error::Runtime(format!(
                        "{}: {e} (the container's device cgroup)",
                        procs.display()
                    ))
                })?)
            }
            _ => None,
        },
        root: open(sys, &format!("/proc/{pid}/root"))?,
    };
    let started = child::start(
        sys,
        stdio,
        "the exec process",
        "waiting for the exec process",
        |stdio, sync_fd| joiner(sys, &target, process, &prep, stdio, sync_fd),
        &mut |_, _| Ok(()),
    )
    .map_err(start_failure)?;
    Ok(Spawned {
        pid: started.pid,
        pty_master: started.pty_master,
        mnt_ns: None,
    })
}

/// An exec process that was forked but could not start, as docker reports it: exit code 126
/// for a failure of its set-up (a missing user, a working directory it cannot enter), 127 for a
/// command that does not exist. Failures before the fork (the container gone) stay as they are.
fn start_failure(e: Error) -> Error {
    match e {
        Error::Runtime(text) => Error::CommandNotExecutable(text),
        other => other,
    }
}

/// What the exec process joins: the container's namespaces (those that differ from ours), its
/// cgroup, its root directory, and its host name.
struct Target<Fd> {
    namespaces: Vec<Namespace<Fd>>,
    /// The container's cgroup v2 group and its `cgroup.procs` open for writing, when not the
    /// caller's.
    cgroup: Option<(String, Fd)>,
    /// `cgroup.procs` of the container's cgroup v1 devices group (see
    /// [`super::cgroups::devices_v1`]), when not the caller's.
    devices: Option<Fd>,
    root: Fd,
}

/// The intermediate process: joins the container's cgroups, namespaces and root, installs the
/// stdio, then clones the exec process (which reports its pid); returns only on a failure.
/// Until exec it is not dumpable, so the container cannot reach it through /proc.
fn joiner<S: Process>(
    sys: &S,
    target: &Target<S::Fd>,
    process: &ProcessSpec,
    prep: &Prepared,
    stdio: ChildStdio,
    sync_fd: RawFd,
) -> Failure {
    let fail = |text: String| (FailureKind::Setup, text);
    // Exec resets dumpability.
    let _ = sys.prctl(libc::PR_SET_DUMPABLE, 0);
    // Into the container's cgroup (and under its limits), as docker's exec. A rootless caller
    // outside the user's delegated subtree may not move itself there (cgroup v2 checks the
    // common ancestor): the user's systemd moves it into the container's scope instead.
    if let Some((path, procs)) = &target.cgroup {
        if sys.write_fd(procs, b"0").is_err() {
            if let Err(e) = sys.attach_to_scope(path, std::process::id()) {
                return fail(format!("joining the container's cgroup: {e}"));
            }
        }
    }
    if let Some(procs) = &target.devices {
        if let Err(e) = sys.write_fd(procs, b"0") {
            return fail(format!("joining the container's device cgroup: {e}"));
        }
    }
    if let Err(e) = enter_container(sys, &target.namespaces, &target.root) {
        return fail(e);
    }
    // `HOSTNAME` of the exec'd process: the container's UTS namespace's name, asked of the
    // kernel once inside it. Never a file of the container read from the host side (through
    // /proc/PID/root its symlinks would resolve against the caller's root).
    let hostname = sys.gethostname().unwrap_or_default();
    if let Some(fds) = stdio {
        if let Err(e) = install_stdio(sys, fds) {
            return fail(format!("connecting stdio: {e}"));
        }
    }
    sys.clone_and_report(sync_fd, "the exec process", || {
        let Err(failure) = init::start_process(
            sys,
            process,
            &hostname,
            prep,
            stdio.is_none(),
            sync_fd,
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
    use crate::runtime::mounts::Kind;
    use crate::runtime::sync::Message;
    use crate::runtime::sys::record::{Call, Recorder, FORKED};

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

    /// The exec's joiner with a caller's descriptors: the stdio to hand over at 10, 11 and 12,
    /// the sync socket at 9 (close-on-exec), one leaked at 5; the container at pid 42 in a
    /// cgroup of its own, running as `app` (uid 1000, gid 1001).
    fn caller() -> Recorder {
        let fds = [0, 1, 2, 5, 10, 11, 12].map(|fd| (fd, false));
        Recorder::new()
            .same("/proc/self/ns/cgroup")
            .fds(&fds)
            .fds(&[(9, true)])
            .file("/etc/passwd", "app:x:1000:1001::/home/app:/bin/sh\n")
    }

    /// Runs the joiner (and, in place, the exec process it clones) against `rec`.
    fn run_joiner(rec: &Recorder) -> Failure {
        run_joiner_with(rec, |_| {})
    }

    /// [`run_joiner`] with the process changed by `change`.
    fn run_joiner_with(rec: &Recorder, change: impl FnOnce(&mut ProcessSpec)) -> Failure {
        let target = Target {
            namespaces: open_namespaces(rec, 42).unwrap(),
            cgroup: Some(("/skiff/c".into(), PathBuf::from("/cg/skiff/c/cgroup.procs"))),
            devices: None,
            root: PathBuf::from("/proc/42/root"),
        };
        let mut process = ProcessSpec {
            args: vec!["/bin/sh".into()],
            user: "app".into(),
            no_new_privileges: true,
            ..ProcessSpec::default()
        };
        change(&mut process);
        let prep = Prepared {
            caps_mask: 0b101,
            seccomp: Vec::new(),
            tty_gid_mapped: true,
        };
        joiner(rec, &target, &process, &prep, Some([10, 11, 12]), 9)
    }

    #[test]
    fn exec_joins_the_container_before_it_drops_its_credentials() {
        let rec = caller();
        let (kind, text) = run_joiner(&rec);
        assert_eq!(kind, FailureKind::Setup);
        assert_eq!(
            text, r#"exec: "/bin/sh": returned"#,
            "the double's execve returns"
        );
        let at = |m: &dyn Fn(&Call) -> bool| rec.position(m);
        let steps = [
            at(&|c| *c == Call::Prctl(libc::PR_SET_DUMPABLE, 0)),
            at(
                &|c| matches!(c, Call::Write { path, data } if path.ends_with("c/cgroup.procs") && data == "0"),
            ),
            at(&|c| *c == setns("/proc/42/ns/user", CloneFlags::CLONE_NEWUSER)),
            at(&|c| *c == setns("/proc/42/ns/mnt", CloneFlags::CLONE_NEWNS)),
            at(&|c| *c == Call::EnterRoot(PathBuf::from("/proc/42/root"))),
            at(&|c| matches!(c, Call::Dup2(_, 0))),
            at(&|c| *c == Call::Clone("the exec process".into())),
            at(&|c| *c == Call::Setsid),
            at(&|c| *c == Call::Chdir(PathBuf::from("/"))),
            at(&|c| *c == Call::Prctl(libc::PR_SET_NO_NEW_PRIVS, 1)),
            at(&|c| *c == Call::LoadSeccomp(0)),
            at(&|c| *c == Call::Setgroups(vec![1001])),
            at(&|c| *c == Call::Setresgid(1001)),
            at(&|c| *c == Call::Setresuid(1000)),
            at(&|c| *c == Call::Capset(0b101)),
            at(&|c| *c == Call::UnblockSignals),
            at(&|c| *c == Call::CloexecFrom(3)),
            at(&|c| matches!(c, Call::Execve { .. })),
        ];
        rec.assert_ordered(&steps);
    }

    #[test]
    fn a_personality_is_set_before_the_seccomp_filter_and_only_when_given() {
        let rec = caller();
        run_joiner_with(&rec, |p| p.personality = Some(0x0008));
        let at = |m: &dyn Fn(&Call) -> bool| rec.position(m);
        rec.assert_ordered(&[
            at(&|c| *c == Call::Personality(0x0008)),
            at(&|c| *c == Call::LoadSeccomp(0)),
        ]);
        let rec = caller();
        run_joiner(&rec);
        assert!(!rec
            .calls()
            .iter()
            .any(|c| matches!(c, Call::Personality(_))));
    }

    #[test]
    fn exec_keeps_only_the_given_stdio_with_default_signals() {
        let rec = caller();
        run_joiner(&rec);
        let calls = rec.calls();
        let Some(Call::Execve { path, argv, fds }) = calls.last() else {
            panic!("no execve last: {calls:#?}");
        };
        assert_eq!(
            (path.as_str(), argv.as_slice()),
            ("/bin/sh", &["/bin/sh".to_string()][..])
        );
        assert_eq!(
            fds,
            &[(0, 10), (1, 11), (2, 12)],
            "stdio only, the caller's"
        );
        let reset: Vec<_> = calls
            .iter()
            .filter_map(|c| match c {
                Call::DefaultSignal(sig) => Some(*sig),
                _ => None,
            })
            .collect();
        let all = 1..=libc::SIGRTMAX();
        let want: Vec<_> = all
            .filter(|s| ![libc::SIGKILL, libc::SIGSTOP].contains(s))
            .collect();
        assert_eq!(reset, want);
        let dropped = rec.position(|c| matches!(c, Call::Setresuid(_)));
        assert!(rec.position(|c| matches!(c, Call::DefaultSignal(_))) > dropped);
    }

    #[test]
    fn preserved_descriptors_pass_even_when_held_close_on_exec_and_no_others() {
        // Descriptor 3 as a monitor holds it (close-on-exec), 4 one of skiff's own.
        let rec = caller().fds(&[(3, true), (4, false)]);
        run_joiner_with(&rec, |p| p.preserve_fds = 1);
        let calls = rec.calls();
        assert!(calls.contains(&Call::ClearCloexec(3)), "{calls:#?}");
        assert!(calls.contains(&Call::CloexecFrom(4)), "{calls:#?}");
        let Some(Call::Execve { fds, .. }) = calls.last() else {
            panic!("no execve last: {calls:#?}");
        };
        assert_eq!(fds, &[(0, 10), (1, 11), (2, 12), (3, 3)]);
    }

    #[test]
    fn without_close_range_each_descriptor_above_stdio_is_flagged() {
        let rec = caller().fail(|c| matches!(c, Call::CloexecFrom(_)), Errno::ENOSYS);
        run_joiner(&rec);
        let calls = rec.calls();
        assert!(calls.contains(&Call::SetCloexec(5)), "{calls:#?}");
        assert!(!calls.iter().any(|c| matches!(c, Call::SetCloexec(0..=2))));
        let Some(Call::Execve { fds, .. }) = calls.last() else {
            panic!("no execve last: {calls:#?}");
        };
        assert_eq!(fds, &[(0, 10), (1, 11), (2, 12)]);
    }

    #[test]
    fn a_cgroup_refused_is_joined_through_systemd_or_the_exec_fails() {
        let refused =
            |c: &Call| matches!(c, Call::Write { path, .. } if path.ends_with("cgroup.procs"));
        let rec = caller().fail(refused, Errno::EACCES);
        run_joiner(&rec);
        let pid = std::process::id();
        let scoped = rec.position(|c| *c == Call::AttachToScope("/skiff/c".into(), pid));
        assert!(scoped < rec.position(|c| matches!(c, Call::Setns(..))));

        let rec = caller()
            .fail(refused, Errno::EACCES)
            .fail(|c| matches!(c, Call::AttachToScope(..)), Errno::EPERM);
        let (_, e) = run_joiner(&rec);
        assert!(e.starts_with("joining the container's cgroup: "), "{e}");
        assert!(!rec
            .calls()
            .iter()
            .any(|c| matches!(c, Call::Setns(..) | Call::Clone(_))));
    }

    /// A caller of `exec_in` on a cgroup v2 host, for a container at pid 42 in a cgroup of its
    /// own.
    fn exec_caller() -> Recorder {
        Recorder::new()
            .same("/proc/self/ns/cgroup")
            .host("/sys/fs/cgroup/cgroup.controllers", Kind::File)
            .file("/proc/42/cgroup", "0::/skiff/c\n")
            .file("/proc/self/cgroup", "0::/user.slice/u\n")
    }

    /// Runs `true` in the container at pid 42 through `rec`: the caller's side, and in place
    /// the joiner and the exec process.
    fn exec(rec: &Recorder) -> Result<Spawned> {
        let process = ProcessSpec {
            args: vec!["/bin/true".into()],
            ..ProcessSpec::default()
        };
        exec_with(rec, 42, &process, Stdio::Pty)
    }

    fn error(done: Result<Spawned>) -> Error {
        let Err(e) = done else {
            panic!("the exec started");
        };
        e
    }

    #[test]
    fn exec_opens_the_container_then_forks_the_joiner_and_reads_its_report() {
        let rec = exec_caller().replies(vec![Message::Pid(77)]);
        let Ok(spawned) = exec(&rec) else {
            panic!("the exec failed: {:#?}", rec.calls());
        };
        assert_eq!(spawned.pid, 77);
        let procs = PathBuf::from("/sys/fs/cgroup/skiff/c/cgroup.procs");
        let at = |m: &dyn Fn(&Call) -> bool| rec.position(m);
        let steps = [
            at(&|c| *c == Call::OpenWrite(procs.clone())),
            at(&|c| *c == Call::SyncChannel),
            at(&|c| *c == Call::Fork),
            at(&|c| matches!(c, Call::Close(_))),
            at(&|c| matches!(c, Call::Write { path, .. } if *path == procs)),
            at(&|c| *c == Call::EnterRoot(PathBuf::from("/proc/42/root"))),
            at(&|c| *c == Call::Clone("the exec process".into())),
            at(&|c| matches!(c, Call::Execve { .. })),
            at(&|c| matches!(c, Call::SendFailure(FailureKind::Setup, _))),
            at(&|c| *c == Call::Reap(FORKED)),
            at(&|c| *c == Call::Recv),
        ];
        rec.assert_ordered(&steps);
        let calls = rec.calls();
        assert_eq!(calls.iter().filter(|c| **c == Call::Recv).count(), 2);
        assert_eq!(calls.last(), Some(&Call::Recv), "the pid, then the end");
    }

    #[test]
    fn a_failure_of_the_exec_reaps_what_started_and_says_why() {
        let failed = Message::Failure(FailureKind::NotFound, "no such command".into());
        let rec = exec_caller().replies(vec![Message::Pid(77), failed]);
        let e = error(exec(&rec));
        assert!(
            matches!(&e, Error::CommandNotFound(t) if t == "no such command"),
            "{e}"
        );
        let reaped = rec.reaped();
        assert_eq!(reaped, [FORKED, 77]);

        let e = error(exec(&exec_caller()));
        assert_eq!(
            e.to_string(),
            "the exec process exited before reporting its pid"
        );

        let rec = exec_caller().fail(|c| *c == Call::Recv, Errno::ECONNRESET);
        let e = error(exec(&rec)).to_string();
        assert!(
            e.starts_with("waiting for the exec process: ECONNRESET"),
            "{e}"
        );

        let rec = exec_caller().fail(|c| *c == Call::Fork, Errno::EAGAIN);
        let e = error(exec(&rec)).to_string();
        assert!(e.starts_with("fork: "), "{e}");
        assert!(!rec.calls().contains(&Call::Recv));

        let rec = exec_caller().fail(|c| *c == Call::SyncChannel, Errno::EMFILE);
        let e = error(exec(&rec)).to_string();
        assert!(e.starts_with("socketpair: EMFILE"), "{e}");
        assert_eq!(rec.calls().last(), Some(&Call::SyncChannel));
    }

    #[test]
    fn a_container_in_the_callers_cgroup_or_without_cgroup_v2_keeps_the_exec_in_place() {
        let joined = |rec: &Recorder| {
            rec.calls()
                .iter()
                .any(|c| matches!(c, Call::OpenWrite(_) | Call::Write { .. }))
        };
        let rec = exec_caller()
            .file("/proc/self/cgroup", "0::/skiff/c\n")
            .replies(vec![Message::Pid(77)]);
        assert!(exec(&rec).is_ok());
        assert!(!joined(&rec), "{:#?}", rec.calls());
        let rec = Recorder::new()
            .same("/proc/self/ns/cgroup")
            .file("/proc/42/cgroup", "0::/skiff/c\n")
            .replies(vec![Message::Pid(77)]);
        assert!(exec(&rec).is_ok());
        assert!(!joined(&rec), "{:#?}", rec.calls());
        let rec = exec_caller().replies(vec![Message::Pid(77)]);
        assert!(exec(&rec).is_ok());
        assert!(joined(&rec));
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
