//! The container init: runs in the cloned child (new mount, pid, ipc, uts and, unless
//! `--network host`, net namespaces), builds the container's world and execs the command.
//! Every failure before exec travels back to `spawn` over the sync socket as a typed message.

use std::os::fd::RawFd;
use std::path::Path;

use super::child::{install_stdio, ChildStdio};
use super::creds::drop_privileges;
use super::lookup::Launch;
use super::mounts::plan;
use super::seccomp::BpfProgram;
use super::spec::{NamespaceMode, NetworkMode, ProcessSpec, RuntimeSpec, DEFAULT_PATH};
use super::sync::{Failure, FailureKind};
use super::sys::{Process, Syscalls};
use super::{lookup, rlimits, user};

/// What the parent computes before the clone, so the child only applies it.
pub(crate) struct Prepared {
    /// Capability mask of the final set.
    pub caps_mask: u64,
    /// Seccomp programs to load (empty: unconfined).
    pub seccomp: Vec<BpfProgram>,
    /// gid 5 (tty) exists in our user namespace (devpts `gid=5`).
    pub tty_gid_mapped: bool,
}

fn setup<E: std::fmt::Display>(what: impl Into<String>) -> impl FnOnce(E) -> Failure {
    let what = what.into();
    move |e| (FailureKind::Setup, format!("{what}: {e}"))
}

/// Runs the init; returns only on failure (the caller reports it and exits).
pub(crate) fn run<S: Process>(
    sys: &S,
    spec: &RuntimeSpec,
    prep: &Prepared,
    stdio: ChildStdio,
    sync_fd: RawFd,
) -> Failure {
    match build_and_exec(sys, spec, prep, stdio, sync_fd) {
        Ok(never) => match never {},
        Err(f) => f,
    }
}

fn build_and_exec<S: Process>(
    sys: &S,
    spec: &RuntimeSpec,
    prep: &Prepared,
    stdio: ChildStdio,
    sync_fd: RawFd,
) -> Result<std::convert::Infallible, Failure> {
    // Exec resets dumpability; the death signal stays, so a container whose monitor is killed
    // goes with it instead of running unmanaged.
    let _ = sys.prctl(libc::PR_SET_DUMPABLE, 0);
    let _ = sys.prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
    if let Some(fds) = stdio {
        install_stdio(sys, fds).map_err(setup("connecting stdio"))?;
    }
    if let Some(cg) = &spec.cgroup {
        sys.write_file(&cg.path.join("cgroup.procs"), b"0")
            .map_err(setup(format!("joining cgroup {}", cg.path.display())))?;
    }
    if spec.cgroupns == NamespaceMode::Private {
        sys.unshare(nix::sched::CloneFlags::CLONE_NEWCGROUP)
            .map_err(setup("creating the cgroup namespace"))?;
    }
    plan::build_root(sys, spec, prep.tty_gid_mapped).map_err(|e| (FailureKind::Setup, e))?;
    configure(sys, spec)?;
    // The caller connects the namespace (a helper), or opens the mount namespace of a
    // container sharing a PID namespace, meanwhile; the command must not start before.
    if spec.waits_for_go() && !sys.wait_go(sync_fd) {
        let what = if spec.network == NetworkMode::Connected {
            "the container's network could not be connected"
        } else {
            "the container's monitor did not let it start"
        };
        return Err((FailureKind::Setup, what.into()));
    }
    give_mounts_to_user(sys, spec)?;
    // docker makes a missing working directory for the container's command (not for an
    // exec, which fails on it), also with --read-only: before the root turns read-only.
    // Nothing is created under /proc: `-w /proc/self/fd/N/new` would create it wherever a
    // descriptor inherited from the caller points.
    let cwd = working_dir(&spec.process);
    if !Path::new(cwd).starts_with("/proc") {
        sys.mkdir(Path::new(cwd), true)
            .map_err(|e| match e.kind() {
                // A file is there: docker's "is not a directory".
                std::io::ErrorKind::AlreadyExists => (
                    FailureKind::Setup,
                    format!("the working directory {cwd} is not a directory: give -w a directory"),
                ),
                std::io::ErrorKind::NotADirectory => (
                    FailureKind::Setup,
                    format!(
                        "the working directory {cwd} cannot be made: a part of its path is not a \
                     directory"
                    ),
                ),
                _ => setup(format!("creating the working directory {cwd}"))(e),
            })?;
    }
    if spec.read_only {
        plan::read_only_root(sys).map_err(|e| (FailureKind::Setup, e))?;
    }
    let launch = match spec.init {
        Some(_) => Launch::UnderInit,
        None => Launch::Direct,
    };
    start_process(
        sys,
        &spec.process,
        &spec.hostname,
        prep,
        stdio.is_none(),
        sync_fd,
        launch,
    )
}

/// Podman's `:U` volume option: inside the built root, before the command starts, the files
/// of each such mount, recursively and without following symlinks, are given to the
/// container's user (resolved in its /etc/passwd and /etc/group).
fn give_mounts_to_user<S: Syscalls>(sys: &S, spec: &RuntimeSpec) -> Result<(), Failure> {
    let mut wanted = spec
        .mounts
        .iter()
        .filter(|m| m.options.iter().any(|o| o == "U"))
        .peekable();
    if wanted.peek().is_none() {
        return Ok(());
    }
    let process = &spec.process;
    let passwd = sys.read_file(Path::new("/etc/passwd")).unwrap_or_default();
    let group = sys.read_file(Path::new("/etc/group")).unwrap_or_default();
    let who = user::resolve(&process.user, &process.additional_groups, &passwd, &group)
        .map_err(|e| (FailureKind::Setup, e))?;
    for m in wanted {
        sys.chown_tree(Path::new(&m.destination), who.uid, who.gid)
            .map_err(setup(format!(
                "giving {} to the container's user (the volume's U option)",
                m.destination
            )))?;
    }
    Ok(())
}

/// Inside the built root: sets the sysctls and the OOM score, masks the paths, names the host
/// and brings the loopback interface up, as `spec` asks. The error names the step that failed.
fn configure<S: Syscalls>(sys: &S, spec: &RuntimeSpec) -> Result<(), Failure> {
    for (key, value) in &spec.sysctls {
        let what = || format!("setting sysctl {key}={value}");
        if !own_sysctl(spec, key) {
            return Err((
                FailureKind::Setup,
                format!(
                    "{}: it is not a sysctl of the container's own namespaces",
                    what()
                ),
            ));
        }
        let path = format!("/proc/sys/{}", key.replace('.', "/"));
        sys.write_file(Path::new(&path), value.as_bytes())
            .map_err(setup(what()))?;
    }
    if let Some(adj) = spec.oom_score_adj {
        let path = Path::new("/proc/self/oom_score_adj");
        sys.write_file(path, adj.to_string().as_bytes())
            .map_err(|e| {
                let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
                    " (lowering it needs CAP_SYS_RESOURCE on the host, which rootless never has)"
                } else {
                    ""
                };
                (
                    FailureKind::Setup,
                    format!("setting --oom-score-adj {adj}: {e}{hint}"),
                )
            })?;
    }
    if !spec.privileged {
        plan::mask_paths(sys, spec).map_err(|e| (FailureKind::Setup, e))?;
    }
    if spec.uts == NamespaceMode::Private {
        sys.sethostname(&spec.hostname)
            .map_err(setup("setting the host name"))?;
        if !spec.domainname.is_empty() {
            sys.setdomainname(&spec.domainname)
                .map_err(setup("setting the domain name"))?;
        }
    }
    if matches!(spec.network, NetworkMode::None | NetworkMode::Connected) {
        sys.loopback_up()
            .map_err(setup("bringing up the loopback interface"))?;
    }
    Ok(())
}

/// Whether the sysctl `key` belongs to a namespace the container has of its own (its own
/// network, its own IPC), so writing it cannot change the host or another container. `create`
/// refuses the others already; the init checks again before it writes under /proc/sys.
fn own_sysctl(spec: &RuntimeSpec, key: &str) -> bool {
    let plain = !key.is_empty() && !key.contains('/') && !key.split('.').any(str::is_empty);
    plain
        && match super::spec::namespaced_sysctl(key) {
            Some("net") => matches!(spec.network, NetworkMode::None | NetworkMode::Connected),
            Some("ipc") => spec.ipc == NamespaceMode::Private,
            _ => false,
        }
}

/// The process's working directory: `/` when the spec leaves it empty.
fn working_dir(process: &ProcessSpec) -> &str {
    if process.cwd.is_empty() {
        "/"
    } else {
        &process.cwd
    }
}

/// Gives the command default signal dispositions and an empty signal mask, as docker does:
/// exec keeps signals ignored (skiff ignores SIGPIPE, the monitor SIGHUP and SIGINT), and a
/// command that starts with SIGINT ignored cannot be interrupted from its terminal. Every
/// signal is reset, the C library's reserved ones (32, 33) too.
fn reset_signals<S: Process>(sys: &S) {
    for sig in 1..=libc::SIGRTMAX() {
        if sig != libc::SIGKILL && sig != libc::SIGSTOP {
            sys.default_signal(sig);
        }
    }
    sys.unblock_signals();
}

/// The part shared with `exec_in`: resolves the user inside the (already entered) container
/// root, sets up the terminal, working directory, environment, limits, seccomp, capabilities
/// and user, then execs. Returns only on failure.
pub(crate) fn start_process<S: Process>(
    sys: &S,
    process: &ProcessSpec,
    hostname: &str,
    prep: &Prepared,
    pty: bool,
    sync_fd: RawFd,
    launch: Launch,
) -> Result<std::convert::Infallible, Failure> {
    let passwd = sys.read_file(Path::new("/etc/passwd")).unwrap_or_default();
    let group = sys.read_file(Path::new("/etc/group")).unwrap_or_default();
    let who = user::resolve(&process.user, &process.additional_groups, &passwd, &group)
        .map_err(|e| (FailureKind::Setup, e))?;
    if pty {
        let master = sys
            .open_pty(who.uid, process.console_size)
            .map_err(setup("allocating the terminal"))?;
        sys.send_pty(sync_fd, &master)
            .map_err(setup("allocating the terminal"))?;
    } else {
        // As runc: the process leads a session and process group of its own (with a terminal,
        // open_pty made it one), so `kill 0` and job control stay inside the container.
        sys.setsid();
    }
    let cwd = working_dir(process);
    // docker's exit code for an exec in a missing directory: the command cannot be invoked.
    sys.chdir(Path::new(cwd)).map_err(|e| {
        let msg = format!("entering the working directory {cwd}: {e}");
        (FailureKind::NotExecutable, msg)
    })?;
    // A path through an inherited descriptor (`-w /proc/self/fd/N`, CVE-2024-21626) could land
    // outside the root; getcwd then fails or reports "(unreachable)".
    if !sys.getcwd().is_ok_and(|p| p.is_absolute()) {
        return Err((
            FailureKind::Setup,
            format!("the working directory {cwd} is outside the container: use a path inside it"),
        ));
    }
    let env = environment(process, hostname, &who.home);
    rlimits::apply(sys, &process.rlimits).map_err(|e| (FailureKind::Setup, e))?;
    sys.umask(process.umask.unwrap_or(0o022) as libc::mode_t);
    // Before the seccomp filter, which allows personality(2) with few values.
    if let Some(persona) = process.personality {
        sys.personality(persona)
            .map_err(setup("setting the personality"))?;
    }
    if process.no_new_privileges {
        sys.prctl(libc::PR_SET_NO_NEW_PRIVS, 1)
            .map_err(setup("setting no_new_privs"))?;
    }
    sys.load_seccomp(&prep.seccomp)
        .map_err(setup("loading the seccomp filter"))?;
    let death_signal = sys.death_signal();
    drop_privileges(sys, prep.caps_mask, &who).map_err(|e| (FailureKind::Setup, e))?;
    if death_signal != 0 {
        // Changing uid or gid cleared it; a container of any user goes with its monitor.
        let _ = sys.prctl(libc::PR_SET_PDEATHSIG, death_signal as libc::c_ulong);
    }
    reset_signals(sys);
    // Nothing of ours may reach the container: every descriptor above 2 closes at exec, but
    // those the caller asked to pass on (`--preserve-fds`, its own open descriptors from 3,
    // which a monitor holds close-on-exec so that no helper of its inherits them).
    let first_closed = 3 + process.preserve_fds;
    for fd in 3..first_closed as RawFd {
        sys.clear_cloexec(fd).map_err(|e| {
            let msg = format!("passing on descriptor {fd} (--preserve-fds): {e}");
            (FailureKind::Setup, msg)
        })?;
    }
    if sys.cloexec_from(first_closed).is_err() {
        cloexec_all_by_listing(sys, first_closed as RawFd)
            .map_err(setup("closing skiff's descriptors"))?;
    }
    Err(lookup::exec(sys, &process.args, &env, launch))
}

/// Where close_range(CLOSE_RANGE_CLOEXEC) is missing (kernels before 5.11) or filtered: flags
/// every descriptor from `first` on listed in /proc/self/fd.
fn cloexec_all_by_listing<S: Process>(sys: &S, first: RawFd) -> std::io::Result<()> {
    let fds: Vec<RawFd> = sys
        .list_dir(Path::new("/proc/self/fd"))?
        .into_iter()
        .filter_map(|(name, _)| name.to_str()?.parse().ok())
        .filter(|fd| *fd >= first)
        .collect();
    for fd in fds {
        sys.set_cloexec(fd);
    }
    Ok(())
}

/// The process's environment in docker's order: `PATH` (the default) and `HOSTNAME`, then
/// `TERM=xterm` with a terminal, each replaced in place by the container's own value; then the
/// container's other variables in their order; `HOME` last when the container sets none.
fn environment(process: &ProcessSpec, hostname: &str, home: &str) -> Vec<String> {
    let name = |e: &str| e.split_once('=').map_or(e, |(n, _)| n).to_string();
    let wanted = |var: &str| {
        !process
            .unset_env
            .iter()
            .any(|u| u == "*" || u.as_str() == var)
    };
    let mut env = Vec::new();
    if wanted("PATH") {
        env.push(format!("PATH={DEFAULT_PATH}"));
    }
    if wanted("HOSTNAME") {
        env.push(format!("HOSTNAME={hostname}"));
    }
    if process.terminal && wanted("TERM") {
        env.push("TERM=xterm".into());
    }
    for e in &process.env {
        match env.iter_mut().find(|x| name(x) == name(e)) {
            Some(slot) => slot.clone_from(e),
            None => env.push(e.clone()),
        }
    }
    if wanted("HOME") && !env.iter().any(|e| name(e) == "HOME") {
        env.push(format!("HOME={home}"));
    }
    env
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use nix::errno::Errno;

    use super::*;
    use crate::runtime::mounts::Kind;
    use crate::runtime::sys::record::{Call, Recorder};

    /// A container that is not confined (no masks to record), with `change` applied.
    fn spec(change: impl FnOnce(&mut RuntimeSpec)) -> RuntimeSpec {
        let mut s = RuntimeSpec::for_test();
        s.privileged = true;
        change(&mut s);
        s
    }

    fn write(path: &str, data: &str) -> Call {
        Call::Write {
            path: PathBuf::from(path),
            data: data.into(),
        }
    }

    #[test]
    fn the_default_variables_go_where_podman_s_unsetenv_names_them() {
        let mut process = ProcessSpec {
            env: vec!["A=1".into(), "PATH=/mine".into()],
            terminal: true,
            ..ProcessSpec::default()
        };
        let env = |p: &ProcessSpec| environment(p, "box", "/root");
        assert_eq!(
            env(&process),
            [
                "PATH=/mine",
                "HOSTNAME=box",
                "TERM=xterm",
                "A=1",
                "HOME=/root"
            ]
        );
        process.unset_env = vec!["HOSTNAME".into(), "TERM".into()];
        assert_eq!(env(&process), ["PATH=/mine", "A=1", "HOME=/root"]);
        process.env.pop();
        process.unset_env = vec!["*".into()];
        assert_eq!(env(&process), ["A=1"]);
    }

    #[test]
    fn writes_sysctls_and_the_oom_score_then_names_the_host_and_brings_lo_up() {
        let s = spec(|s| {
            s.sysctls = vec![
                ("net.ipv4.ip_forward".into(), "1".into()),
                ("kernel.shmmax".into(), "65536".into()),
            ];
            s.oom_score_adj = Some(-500);
        });
        let sys = Recorder::new();
        configure(&sys, &s).unwrap();
        assert_eq!(
            sys.calls(),
            [
                write("/proc/sys/net/ipv4/ip_forward", "1"),
                write("/proc/sys/kernel/shmmax", "65536"),
                write("/proc/self/oom_score_adj", "-500"),
                Call::Sethostname("h".into()),
                Call::LoopbackUp,
            ]
        );
    }

    #[test]
    fn shared_namespaces_are_left_alone() {
        let s = spec(|s| {
            s.network = NetworkMode::Host;
            s.uts = NamespaceMode::Host;
        });
        let sys = Recorder::new();
        configure(&sys, &s).unwrap();
        assert_eq!(sys.calls(), []);
        let s = spec(|s| s.network = NetworkMode::Connected);
        let sys = Recorder::new();
        configure(&sys, &s).unwrap();
        assert_eq!(sys.calls().last(), Some(&Call::LoopbackUp));
    }

    #[test]
    fn sysctls_outside_the_container_s_namespaces_are_refused() {
        for (key, change) in [
            ("net.ipv4.ip_forward", NetworkMode::Host),
            (
                "net.core.somaxconn",
                NetworkMode::Join(PathBuf::from("/proc/9/ns/net")),
            ),
        ] {
            let s = spec(|s| {
                s.network = change;
                s.sysctls = vec![(key.into(), "1".into())];
            });
            let sys = Recorder::new();
            let (_, e) = configure(&sys, &s).unwrap_err();
            assert!(
                e.contains("not a sysctl of the container's own namespaces"),
                "{e}"
            );
            assert_eq!(sys.calls(), [], "{key}");
        }
        for key in [
            "kernel.hostname",
            "vm.overcommit_memory",
            "net..x",
            "net.ipv4/../../../x",
            "fs.mqueue.",
        ] {
            let s = spec(|s| s.sysctls = vec![(key.into(), "1".into())]);
            let sys = Recorder::new();
            assert!(configure(&sys, &s).is_err(), "{key}");
            assert_eq!(sys.calls(), [], "{key}");
        }
        let s = spec(|s| {
            s.ipc = NamespaceMode::Host;
            s.sysctls = vec![("kernel.msgmax".into(), "1".into())];
        });
        assert!(configure(&Recorder::new(), &s).is_err());
    }

    #[test]
    fn a_failed_step_is_named() {
        let s = spec(|s| {
            s.sysctls = vec![("net.ipv4.ip_forward".into(), "1".into())];
            s.oom_score_adj = Some(-500);
        });
        let fails = |path: &'static str, errno| {
            let sys = Recorder::new().fail(
                move |c| matches!(c, Call::Write { path: p, .. } if p == Path::new(path)),
                errno,
            );
            configure(&sys, &s).unwrap_err().1
        };
        let e = fails("/proc/sys/net/ipv4/ip_forward", Errno::EROFS);
        assert!(
            e.starts_with("setting sysctl net.ipv4.ip_forward=1: "),
            "{e}"
        );
        let e = fails("/proc/self/oom_score_adj", Errno::EACCES);
        assert!(
            e.starts_with("setting --oom-score-adj -500: ") && e.contains("CAP_SYS_RESOURCE"),
            "{e}"
        );
        let sys = Recorder::new().fail(|c| matches!(c, Call::Sethostname(_)), Errno::EPERM);
        let e = configure(&sys, &s).unwrap_err().1;
        assert!(e.starts_with("setting the host name: "), "{e}");
        let sys = Recorder::new().fail(|c| *c == Call::LoopbackUp, Errno::EPERM);
        let e = configure(&sys, &s).unwrap_err().1;
        assert!(e.starts_with("bringing up the loopback interface: "), "{e}");
    }

    #[test]
    fn confined_containers_get_their_paths_masked_before_the_host_name() {
        let s = spec(|s| s.privileged = false);
        let sys = Recorder::new()
            .host("/proc/kcore", Kind::File)
            .host("/proc/sys", Kind::Dir);
        configure(&sys, &s).unwrap();
        let calls = sys.calls();
        let named = calls
            .iter()
            .position(|c| matches!(c, Call::Sethostname(_)))
            .unwrap();
        assert_eq!(named, 3, "masks first: {calls:?}");
        assert!(calls[..named]
            .iter()
            .all(|c| matches!(c, Call::Mount { .. } | Call::SetAttrs { .. })));
    }
}
