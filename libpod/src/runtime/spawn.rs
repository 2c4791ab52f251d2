//! `spawn`: clones the container init and waits until it has exec'd the command (or failed).

use std::os::fd::{OwnedFd, RawFd};

use nix::sched::CloneFlags;
use nix::sys::wait::waitpid;
use nix::unistd::Pid;

use super::child::{self, failure_error, ChildStdio, Started};
use super::init::{self, Prepared};
use super::spec::{NamespaceMode, NetworkMode, ProcessSpec, RuntimeSpec, Spawned, Stdio};
use super::sync::{self, Failure, FailureKind, Message};
use super::sys::{Fork, Namespace, Real, Syscalls};
use super::{caps, cgroups, container_userns, seccomp, userns};
use crate::error::{Error, Result};

fn prepare(spec: &RuntimeSpec) -> Result<Prepared> {
    let mut prep = prepare_process(&spec.process, spec.privileged)?;
    if let Some(map) = &spec.userns {
        prep.tty_gid_mapped = maps_tty_group(&map.gids);
    }
    Ok(prep)
}

/// Whether gid 5 (tty, devpts's group) is mapped.
fn maps_tty_group(gids: &[super::spec::IdRange]) -> bool {
    gids.iter()
        .any(|r| r.container <= 5 && 5 - r.container < r.size)
}

/// Validates `process` and computes what its init/exec child applies: capability mask,
/// seccomp programs, whether the tty group is mapped.
pub(crate) fn prepare_process(process: &ProcessSpec, privileged: bool) -> Result<Prepared> {
    if process.args.is_empty() {
        return Err(Error::InvalidArgument(
            "no command specified: give one on the command line or set Cmd/Entrypoint in the image"
                .into(),
        ));
    }
    for r in &process.rlimits {
        super::rlimits::validate(r).map_err(Error::InvalidArgument)?;
    }
    let caps = if privileged {
        caps::all_capabilities()
    } else {
        process.capabilities.clone()
    };
    let map = userns::current_id_map();
    Ok(Prepared {
        caps_mask: caps::cap_mask(&caps)? & caps::bounding_mask(),
        seccomp: seccomp::compile(&process.seccomp, &caps, privileged)?,
        tty_gid_mapped: maps_tty_group(&map.gids),
    })
}

/// Starts the container described by `spec`. The caller becomes the init's parent and must
/// `waitpid` the returned pid. Returns after the command was exec'd; failures before that come
/// back typed: [`Error::CommandNotFound`] (exit 127), [`Error::CommandNotExecutable`] (126),
/// [`Error::Runtime`] otherwise.
///
/// Rootless callers must have called [`userns::enter_userns`] first. The caller should be
/// single-threaded (the monitor is): the child is created with a raw `clone`, which does not run
/// the C library's fork handlers.
#[cfg(feature = "test-runtime")]
pub fn spawn(spec: &RuntimeSpec, stdio: Stdio) -> Result<Spawned> {
    spawn_connected(spec, stdio, &mut |_| Ok(()))
}

/// [`spawn`] for a container whose network the caller connects: with
/// [`NetworkMode::Connected`], `connect` runs with the init's pid while the init sets up its
/// mounts, and the command starts only after it returned Ok. When it fails, the init is killed
/// and its error returned.
pub fn spawn_connected(
    spec: &RuntimeSpec,
    stdio: Stdio,
    connect: &mut dyn FnMut(i32) -> Result<()>,
) -> Result<Spawned> {
    let prep = prepare(spec)?;
    if let Some(cg) = &spec.cgroup {
        cgroups::create(cg)?;
    }
    if let Some(dc) = &spec.device_cgroup {
        if let Err(e) = cgroups::confine_devices(dc, spec.cgroup.as_ref()) {
            remove_cgroups(spec);
            return Err(e);
        }
    }
    let flags = clone_flags(spec);
    let sys = Real;
    let joins = open_joins(&sys, spec)?;
    let mut mnt_ns = None;
    let mut on_pid = |pid: i32, sync_fd: RawFd| {
        if spec.pid != NamespaceMode::Private {
            // Read while the init waits for the go: it cannot have exited yet.
            mnt_ns = std::fs::File::open(format!("/proc/{pid}/ns/mnt"))
                .ok()
                .map(OwnedFd::from);
        }
        release(spec, connect, pid, sync_fd)
    };
    // Two steps, so that a multi-threaded caller is safe: fork() (the C library's fork handlers
    // leave malloc usable in the child), unshare the namespaces there, then a raw
    // clone(CLONE_PARENT) makes the container init: pid 1 of the new pid namespace, and a child
    // of the caller, not of the short-lived intermediate.
    let started = child::start(
        &sys,
        stdio,
        "the container init",
        "waiting for the container to start",
        |stdio, sync_fd| intermediate(&sys, spec, &prep, stdio, sync_fd, flags, joins),
        &mut on_pid,
    );
    match started {
        Ok(Started { pid, pty_master }) => Ok(Spawned {
            pid,
            pty_master,
            mnt_ns,
        }),
        Err(e) => {
            remove_cgroups(spec);
            Err(e)
        }
    }
}

/// Lets the init `pid` of a container that waits for the go execute its command, once
/// `connect` connected its network; when that fails, kills and reaps the init and returns why.
fn release(
    spec: &RuntimeSpec,
    connect: &mut dyn FnMut(i32) -> Result<()>,
    pid: i32,
    sync_fd: RawFd,
) -> Result<()> {
    if !spec.waits_for_go() {
        return Ok(());
    }
    let connected = match spec.network {
        NetworkMode::Connected => connect(pid),
        _ => Ok(()),
    };
    connected
        .and_then(|()| {
            sync::send_go(sync_fd)
                .map_err(|e| Error::Runtime(format!("starting the container: {e}")))
        })
        .map_err(|e| {
            // SAFETY: killing the init we just created, then reaping it.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            let _ = waitpid(Pid::from_raw(pid), None);
            // An init that failed on its own (and so left no namespace to connect) said why
            // first: that is the error to report.
            pending_failure(sync_fd).unwrap_or(e)
        })
}

/// Removes the cgroups made for a container that did not start.
fn remove_cgroups(spec: &RuntimeSpec) {
    cgroups::release(spec.cgroup.as_ref(), spec.device_cgroup.as_ref());
}

/// The failure an init reported before it died, if any (reads the channel to its end).
fn pending_failure(fd: RawFd) -> Option<Error> {
    loop {
        match sync::recv(fd) {
            Ok(Some(Message::Failure(kind, text))) => return Some(failure_error(kind, text)),
            Ok(Some(_)) => continue,
            _ => return None,
        }
    }
}

/// The namespaces the intermediate unshares: mount always; pid, ipc and uts unless shared
/// (`host` or another container's); net for a network of its own.
fn clone_flags(spec: &RuntimeSpec) -> CloneFlags {
    let mut flags = CloneFlags::CLONE_NEWNS;
    for (mode, flag) in [
        (&spec.pid, CloneFlags::CLONE_NEWPID),
        (&spec.ipc, CloneFlags::CLONE_NEWIPC),
        (&spec.uts, CloneFlags::CLONE_NEWUTS),
    ] {
        if *mode == NamespaceMode::Private {
            flags |= flag;
        }
    }
    if matches!(spec.network, NetworkMode::None | NetworkMode::Connected) {
        flags |= CloneFlags::CLONE_NEWNET;
    }
    flags
}

/// Opens the other containers' namespaces `spec` joins (`--network`, `--pid`, `--ipc`, `--uts`
/// `container:NAME`), in the order the intermediate joins them.
fn open_joins<S: Syscalls>(sys: &S, spec: &RuntimeSpec) -> Result<Vec<Namespace<S::Fd>>> {
    let open = |path: &std::path::Path, what: &str| {
        sys.open(path).map_err(|e| {
            Error::Runtime(format!(
                "opening the {what} namespace {}: {e} (is the container that owns it still running?)",
                path.display()
            ))
        })
    };
    let mut joins = Vec::new();
    if let NetworkMode::Join(path) = &spec.network {
        joins.push((open(path, "network")?, CloneFlags::CLONE_NEWNET, "network"));
    }
    if let NamespaceMode::Join(path) = &spec.pid {
        joins.push((open(path, "PID")?, CloneFlags::CLONE_NEWPID, "PID"));
    }
    if let NamespaceMode::Join(path) = &spec.ipc {
        joins.push((open(path, "IPC")?, CloneFlags::CLONE_NEWIPC, "IPC"));
    }
    if let NamespaceMode::Join(path) = &spec.uts {
        joins.push((open(path, "UTS")?, CloneFlags::CLONE_NEWUTS, "UTS"));
    }
    Ok(joins)
}

/// In the intermediate: joins `joins` in order, enters the container's user namespace
/// (`enter_user`), then unshares `flags`; the error names the step that failed.
fn enter_namespaces<S: Syscalls>(
    sys: &S,
    joins: &[Namespace<S::Fd>],
    enter_user: impl FnOnce() -> Result<()>,
    flags: CloneFlags,
) -> std::result::Result<(), String> {
    for (ns, flag, what) in joins {
        sys.setns(ns, *flag).map_err(|e| {
            format!(
                "joining the {what} namespace: {} (rootless, every container named by \
                 --network/--pid/--ipc container: must share one user namespace: name the \
                 same container, or containers that joined it)",
                std::io::Error::from(e)
            )
        })?;
    }
    enter_user().map_err(|e| e.to_string())?;
    sys.unshare(flags).map_err(|e| {
        let hint = if e == nix::errno::Errno::EPERM {
            " (rootless: the user namespace must be entered first)"
        } else {
            ""
        };
        format!(
            "creating the container's namespaces: {}{hint}",
            std::io::Error::from(e)
        )
    })
}

/// The intermediate process: joins the container's device cgroup, unshares the namespaces and
/// clones the init as a sibling (which reports its pid); returns only on a failure.
fn intermediate<S: Fork>(
    sys: &S,
    spec: &RuntimeSpec,
    prep: &Prepared,
    stdio: ChildStdio,
    sync_fd: RawFd,
    flags: CloneFlags,
    joins: Vec<Namespace<S::Fd>>,
) -> Failure {
    let fail = |text: String| (FailureKind::Setup, text);
    // First, while still the caller's user: the init and all it forks inherit the group.
    if let Some(group) = spec
        .device_cgroup
        .as_ref()
        .and_then(|d| d.v1_group.as_ref())
    {
        let procs = group.join("cgroup.procs");
        if let Err(e) = sys.write_file(&procs, b"0") {
            return fail(format!(
                "joining the container's device cgroup: {}: {e}",
                procs.display()
            ));
        }
    }
    let enter_user = || container_userns::enter(sys, spec);
    if let Err(e) = enter_namespaces(sys, &joins, enter_user, flags) {
        return fail(e);
    }
    // The joined namespaces' descriptors stay out of the init.
    drop(joins);
    sys.clone_and_report(sync_fd, "the container init", || {
        init::run(sys, spec, prep, stdio, sync_fd)
    })
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::path::PathBuf;

    use nix::errno::Errno;

    use super::*;
    use crate::runtime::spec::{IdMap, IdRange};
    use crate::runtime::sys::record::{Call, Recorder, FORKED};

    /// Opens what `spec` joins and enters the namespaces as the intermediate does; returns
    /// the error and how many calls were made before the user namespace was entered.
    fn enter(
        sys: &Recorder,
        spec: &RuntimeSpec,
        user: Result<()>,
    ) -> (std::result::Result<(), String>, Option<usize>) {
        let joins = open_joins(sys, spec).unwrap();
        let entered_after = Cell::new(None);
        let enter_user = || {
            entered_after.set(Some(sys.calls().len()));
            user
        };
        let done = enter_namespaces(sys, &joins, enter_user, clone_flags(spec));
        (done, entered_after.get())
    }

    #[test]
    fn the_init_runs_in_its_namespaces_and_cgroup_and_keeps_only_stdio() {
        let mut spec = RuntimeSpec::for_test();
        spec.process.args = vec!["/bin/true".into()];
        spec.cgroup = Some(super::super::spec::CgroupSpec {
            path: PathBuf::from("/cg/skiff-c"),
            limits: Vec::new(),
            stop_timeout: 0,
        });
        let prep = Prepared {
            caps_mask: 0b11,
            seccomp: Vec::new(),
            tty_gid_mapped: true,
        };
        let fds = [0, 1, 2, 6, 10, 11, 12].map(|fd| (fd, false));
        let sys = Recorder::new().fds(&fds).fds(&[(9, true)]);
        let flags = clone_flags(&spec);
        let (_, e) = intermediate(&sys, &spec, &prep, Some([10, 11, 12]), 9, flags, Vec::new());
        assert_eq!(e, r#"exec: "/bin/true": returned"#);
        let at = |m: &dyn Fn(&Call) -> bool| sys.position(m);
        let pdeathsig = |c: &Call| *c == Call::Prctl(libc::PR_SET_PDEATHSIG, 9);
        let restored = sys.calls().iter().rposition(pdeathsig).unwrap();
        let steps = [
            at(&|c| *c == Call::Unshare(flags)),
            at(&|c| *c == Call::Clone("the container init".into())),
            at(&|c| *c == Call::Prctl(libc::PR_SET_DUMPABLE, 0)),
            at(&pdeathsig),
            at(&|c| matches!(c, Call::Dup2(_, 2))),
            at(&|c| matches!(c, Call::Write { path, .. } if path.starts_with("/cg/skiff-c"))),
            at(&|c| *c == Call::Unshare(CloneFlags::CLONE_NEWCGROUP)),
            at(&|c| *c == Call::PivotRoot),
            at(&|c| *c == Call::Sethostname("h".into())),
            at(&|c| *c == Call::Setresuid(0)),
            restored,
            at(&|c| *c == Call::CloexecFrom(3)),
            at(&|c| matches!(c, Call::Execve { .. })),
        ];
        sys.assert_ordered(&steps);
        let Some(Call::Execve { fds, .. }) = sys.calls().pop() else {
            panic!("no execve last");
        };
        assert_eq!(fds, [(0, 10), (1, 11), (2, 12)]);
    }

    #[test]
    fn a_container_of_its_own_unshares_every_namespace() {
        let sys = Recorder::new();
        let (done, user_at) = enter(&sys, &RuntimeSpec::for_test(), Ok(()));
        done.unwrap();
        let all = CloneFlags::CLONE_NEWNS
            | CloneFlags::CLONE_NEWPID
            | CloneFlags::CLONE_NEWIPC
            | CloneFlags::CLONE_NEWUTS
            | CloneFlags::CLONE_NEWNET;
        assert_eq!(sys.calls(), [Call::Unshare(all)]);
        assert_eq!(
            user_at,
            Some(0),
            "the user namespace comes before the unshare"
        );
    }

    #[test]
    fn shared_namespaces_are_joined_then_the_rest_unshared() {
        let mut spec = RuntimeSpec::for_test();
        spec.network = NetworkMode::Join(PathBuf::from("/proc/7/ns/net"));
        spec.ipc = NamespaceMode::Join(PathBuf::from("/proc/8/ns/ipc"));
        spec.pid = NamespaceMode::Join(PathBuf::from("/proc/9/ns/pid"));
        spec.uts = NamespaceMode::Host;
        let sys = Recorder::new();
        let (done, user_at) = enter(&sys, &spec, Ok(()));
        done.unwrap();
        assert_eq!(
            sys.calls(),
            [
                Call::Setns(PathBuf::from("/proc/7/ns/net"), CloneFlags::CLONE_NEWNET),
                Call::Setns(PathBuf::from("/proc/9/ns/pid"), CloneFlags::CLONE_NEWPID),
                Call::Setns(PathBuf::from("/proc/8/ns/ipc"), CloneFlags::CLONE_NEWIPC),
                Call::Unshare(CloneFlags::CLONE_NEWNS),
            ]
        );
        assert_eq!(
            user_at,
            Some(3),
            "joined as the caller's user, then the user namespace"
        );
        spec.network = NetworkMode::Host;
        assert_eq!(clone_flags(&spec), CloneFlags::CLONE_NEWNS);
        spec.network = NetworkMode::Connected;
        assert_eq!(
            clone_flags(&spec),
            CloneFlags::CLONE_NEWNS | CloneFlags::CLONE_NEWNET
        );
    }

    /// A container with a user namespace of its own mapping 0-999 to 1-1000 (gids to 2-1001).
    fn with_userns() -> RuntimeSpec {
        let mut spec = RuntimeSpec::for_test();
        let range = |host| IdRange::new(0, host, 1000);
        spec.userns = Some(IdMap {
            uids: vec![range(1)],
            gids: vec![range(2)],
        });
        spec
    }

    /// Enters the namespaces of `spec` as the intermediate does, its user namespace included.
    fn enter_all(sys: &Recorder, spec: &RuntimeSpec) -> std::result::Result<(), String> {
        let joins = open_joins(sys, spec).unwrap();
        let enter_user = || container_userns::enter(sys, spec);
        enter_namespaces(sys, &joins, enter_user, clone_flags(spec))
    }

    fn write(path: &str, data: &str) -> Call {
        Call::Write {
            path: PathBuf::from(path),
            data: data.into(),
        }
    }

    #[test]
    fn a_user_namespace_of_its_own_is_mapped_by_a_helper_then_the_rest_unshared() {
        let spec = with_userns();
        let sys = Recorder::new();
        enter_all(&sys, &spec).unwrap();
        let map = format!("/proc/{FORKED}/");
        assert_eq!(
            sys.calls(),
            [
                Call::ForkHelper,
                Call::Unshare(CloneFlags::CLONE_NEWUSER),
                write(&(map.clone() + "uid_map"), "0 1 1000\n"),
                write(&(map + "gid_map"), "0 2 1000\n"),
                Call::Setresgid(0),
                Call::Setresuid(0),
                Call::Unshare(clone_flags(&spec)),
            ]
        );
    }

    #[test]
    fn a_user_namespace_by_path_is_joined_after_the_shared_ones() {
        let mut spec = RuntimeSpec::for_test();
        spec.network = NetworkMode::Join(PathBuf::from("/proc/7/ns/net"));
        spec.userns_join = Some(PathBuf::from("/run/ns/user"));
        let sys = Recorder::new();
        enter_all(&sys, &spec).unwrap();
        assert_eq!(
            sys.calls(),
            [
                Call::Setns(PathBuf::from("/proc/7/ns/net"), CloneFlags::CLONE_NEWNET),
                Call::Setns(PathBuf::from("/run/ns/user"), CloneFlags::CLONE_NEWUSER),
                Call::Setresgid(0),
                Call::Setresuid(0),
                Call::Unshare(clone_flags(&spec)),
            ]
        );
    }

    #[test]
    fn a_user_namespace_that_cannot_be_made_or_mapped_stops_the_start() {
        let made = |c: &Call| *c == Call::Unshare(CloneFlags::CLONE_NEWUSER);
        let sys = Recorder::new().fail(made, Errno::EPERM);
        let e = enter_all(&sys, &with_userns()).unwrap_err();
        assert!(
            e.starts_with("creating the container's user namespace: EPERM"),
            "{e}"
        );
        assert_eq!(
            sys.calls(),
            [Call::ForkHelper, Call::Unshare(CloneFlags::CLONE_NEWUSER)]
        );

        let uid_map = |c: &Call| matches!(c, Call::Write { path, .. } if path.ends_with("uid_map"));
        let sys = Recorder::new().fail(uid_map, Errno::EPERM);
        let e = enter_all(&sys, &with_userns()).unwrap_err();
        assert_eq!(
            e,
            "could not write the container's user namespace mapping (uids 0:1:1000 \
             gids 0:2:1000): are those ids mapped in skiff's namespace (/etc/subuid, /etc/subgid)?"
        );
        assert_eq!(
            sys.calls().len(),
            3,
            "no gid_map, no root: {:#?}",
            sys.calls()
        );

        let sys = Recorder::new().fail(|c| matches!(c, Call::Setresuid(_)), Errno::EINVAL);
        let e = enter_all(&sys, &with_userns()).unwrap_err();
        assert!(
            e.contains("becoming root in the user namespace: EINVAL"),
            "{e}"
        );
        assert!(!sys
            .calls()
            .contains(&Call::Unshare(clone_flags(&with_userns()))));

        let sys = Recorder::new().fail(|c| *c == Call::ForkHelper, Errno::EAGAIN);
        let e = enter_all(&sys, &with_userns()).unwrap_err();
        assert!(e.contains("fork: "), "{e}");
        assert_eq!(sys.calls(), [Call::ForkHelper]);
    }

    #[test]
    fn a_failed_step_is_named_and_stops_the_rest() {
        let mut spec = RuntimeSpec::for_test();
        spec.network = NetworkMode::Join(PathBuf::from("/proc/7/ns/net"));
        let sys = Recorder::new().fail(|c| matches!(c, Call::Setns(..)), Errno::EINVAL);
        let (done, user_at) = enter(&sys, &spec, Ok(()));
        let e = done.unwrap_err();
        assert!(
            e.starts_with("joining the network namespace: Invalid argument"),
            "{e}"
        );
        assert_eq!(user_at, None);

        let sys = Recorder::new();
        let refused = Err(Error::Runtime("entering the user namespace: EPERM".into()));
        let (done, _) = enter(&sys, &spec, refused);
        assert_eq!(done.unwrap_err(), "entering the user namespace: EPERM");
        assert!(!sys.calls().iter().any(|c| matches!(c, Call::Unshare(_))));

        let sys = Recorder::new().fail(|c| matches!(c, Call::Unshare(_)), Errno::EPERM);
        let e = enter(&sys, &spec, Ok(())).0.unwrap_err();
        assert!(
            e.starts_with("creating the container's namespaces: Operation not permitted")
                && e.ends_with("(rootless: the user namespace must be entered first)"),
            "{e}"
        );
    }
}
