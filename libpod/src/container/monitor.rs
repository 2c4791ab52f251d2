//! The monitor: one `skiff` process per running container. It is the container's parent and
//! subreaper; it relays the container's output into the log (and to an attached caller), records
//! the exit in the catalog, and applies `--rm` and the restart policy.
//!
//! `start` forks, detaches (setsid and a second fork) and re-executes the `skiff` binary itself
//! (`/proc/self/exe __monitor ...`; no other program is run), then hands it the container's
//! record over the control channel ([`super::handoff`]): the monitor opens the catalog only to
//! record the exit. The fresh image matters: SQLite must not be used across a fork, and it keeps
//! the monitor small: no threads, no catalog connection while the container runs, fixed
//! buffers, and one `poll` loop.

use std::fs::File;
use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use super::attach_socket::AttachServer;
use super::logs::{LogWriter, Stream};
use super::relay_loop;
use super::remove::{delete_row, Leftovers};
use super::rows::{self, ContainerRecord};
use super::spawn::{self, ContainerStdio};
use super::started::exit_code;
use super::time::now_ns;
use super::unit_stop::UnitStop;
use crate::engine::Engine;
use crate::error::Error;

fn send(ctl: &OwnedFd, msg: &str, fd: Option<RawFd>) {
    use nix::sys::socket::{sendmsg, ControlMessage, MsgFlags};
    let iov = [std::io::IoSlice::new(msg.as_bytes())];
    let fds;
    let cmsgs: Vec<ControlMessage<'_>> = match fd {
        Some(f) => {
            fds = [f];
            vec![ControlMessage::ScmRights(&fds)]
        }
        None => Vec::new(),
    };
    let _ = sendmsg::<()>(ctl.as_raw_fd(), &iov, &cmsgs, MsgFlags::MSG_NOSIGNAL, None);
}

/// Waits for `pid`, reaping any orphan the subreaper inherited on the way; a SIGTERM from
/// systemd on the way starts the container's stop (`term`).
fn wait_for(pid: i32, term: Option<&UnitStop>) -> i32 {
    if let Some(t) = term {
        t.until_exit(pid);
    }
    loop {
        match nix::sys::wait::waitpid(None, None) {
            Ok(status) => {
                if status.pid().map(|p| p.as_raw()) == Some(pid) {
                    if let Some(code) = exit_code(status) {
                        return code;
                    }
                }
            }
            Err(nix::errno::Errno::EINTR) => {
                if let Some(t) = term {
                    t.serve();
                }
            }
            Err(_) => return 255,
        }
    }
}

/// Copies everything from the container's output descriptors to the log and the attached
/// caller until they all reach end of file; watches for systemd's SIGTERM (`term`) meanwhile.
fn relay(
    sources: &[(RawFd, Stream)],
    log: &mut LogWriter,
    attach: &mut [Option<File>; 2],
    mut shared: Option<&mut SharedPid>,
    clients: &mut AttachServer,
    mut health: Option<&mut super::health::Schedule<'_>>,
    term: Option<&UnitStop>,
) {
    let mut open: Vec<(RawFd, Stream)> = sources.to_vec();
    let mut buf = [0u8; 16 * 1024];
    let mut pfds = Vec::new();
    while !open.is_empty() {
        if let Some(s) = shared.as_deref_mut() {
            s.check();
        }
        if let Some(h) = health.as_deref_mut() {
            h.tick(); // healthcheck: runs a check that is due
        }
        let timeout = if shared.as_ref().is_some_and(|s| !s.done) {
            200
        } else {
            -1
        };
        let timeout = health.as_ref().map_or(timeout, |h| h.poll_timeout(timeout)); // healthcheck
        relay_loop::set_pollin(&mut pfds, open.iter().map(|(fd, _)| *fd));
        // The attach socket's descriptors follow the container's.
        let base = pfds.len();
        clients.add_pollfds(&mut pfds);
        let term_at = pfds.len();
        pfds.extend(term.map(|t| relay_loop::pollin(t.fd())));
        if let Err(e) = relay_loop::poll(&mut pfds, timeout) {
            // SIGTERM's byte stays in `term`'s pipe: the next poll sees it.
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        if let (Some(t), Some(p)) = (term, pfds.get(term_at)) {
            if p.revents != 0 {
                t.serve();
            }
        }
        clients.serve(&pfds[base..term_at]); // attach socket
        let mut closed = Vec::new();
        for (i, p) in pfds[..base].iter().enumerate() {
            if p.revents == 0 {
                continue;
            }
            let (fd, stream) = open[i];
            let Some(data) = relay_loop::read_chunk(fd, &mut buf) else {
                closed.push(fd);
                continue;
            };
            log.write(stream, data);
            clients.broadcast(stream, data); // attach socket
            let slot = match stream {
                Stream::Stdout => 0,
                Stream::Stderr => 1,
            };
            let target = if attach[slot].is_some() { slot } else { 0 };
            if let Some(f) = attach[target].as_mut() {
                if f.write_all(data).is_err() {
                    // The caller detached or exited: keep logging only.
                    attach[0] = None;
                    attach[1] = None;
                }
            }
        }
        open.retain(|(fd, _)| !closed.contains(fd));
    }
}

/// A container without a PID namespace of its own (`--pid host` or `container:`): when its
/// init exits, the kernel does not end its other processes (it does for a namespace's pid 1),
/// so the monitor kills them, as docker's runtime does: every process left in the
/// container's mount namespace.
struct SharedPid {
    init: i32,
    /// Held open so that no other namespace can get its inode number.
    _ns: OwnedFd,
    /// Its (device, inode).
    id: (u64, u64),
    done: bool,
}

impl SharedPid {
    /// Watches container init `init` when it shares a PID namespace (`mnt_ns`: its mount
    /// namespace, opened by the runtime before the command started).
    fn of(init: i32, mnt_ns: Option<OwnedFd>) -> Option<SharedPid> {
        use std::os::unix::fs::MetadataExt;
        let ns = mnt_ns?;
        let meta = File::from(ns.try_clone().ok()?).metadata().ok()?;
        Some(SharedPid {
            init,
            _ns: ns,
            id: (meta.dev(), meta.ino()),
            done: false,
        })
    }

    /// Once the init has exited (not reaped yet), kills the container's other processes.
    fn check(&mut self) {
        use nix::sys::wait::{waitid, Id, WaitPidFlag, WaitStatus};
        if self.done {
            return;
        }
        let flags = WaitPidFlag::WEXITED | WaitPidFlag::WNOWAIT | WaitPidFlag::WNOHANG;
        match waitid(Id::Pid(nix::unistd::Pid::from_raw(self.init)), flags) {
            Ok(WaitStatus::StillAlive) => {}
            _ => self.kill_rest(),
        }
    }

    /// Kills every process still in the container's mount namespace (exec'd ones too).
    fn kill_rest(&mut self) {
        use std::os::unix::fs::MetadataExt;
        self.done = true;
        let me = std::process::id() as i32;
        for _ in 0..100 {
            let mut found = false;
            let Ok(dir) = std::fs::read_dir("/proc") else {
                return;
            };
            for pid in dir
                .flatten()
                .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
            {
                if pid == me || pid == self.init {
                    continue;
                }
                let ns = std::fs::metadata(format!("/proc/{pid}/ns/mnt"));
                if ns.is_ok_and(|m| (m.dev(), m.ino()) == self.id) {
                    // SAFETY: kill on a pid just seen in the container's namespace.
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    found = true;
                }
            }
            if !found {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

fn restart_wanted(rec: &ContainerRecord, code: i32) -> bool {
    if rec.stopped_by_user {
        return false;
    }
    let policy = &rec.config.restart;
    match policy.name.as_str() {
        "always" | "unless-stopped" => true,
        "on-failure" => {
            code != 0 && (policy.max_retries == 0 || rec.restart_count < policy.max_retries as i64)
        }
        _ => false,
    }
}

fn report_code(e: &Error) -> i32 {
    match e {
        Error::CommandNotFound(_) => 127,
        Error::CommandNotExecutable(_) => 126,
        _ => 125,
    }
}

/// The `State.ExitCode` a start that failed before its command ran records, from the code
/// reported for it: 127 and 126 (the command) as they are, 128 for any other failure, as
/// docker's daemon records it (the CLI still exits 125 for those).
pub(crate) fn failed_start_code(reported: i32) -> i32 {
    if reported == 125 {
        128
    } else {
        reported
    }
}

/// The file every monitor writes its pid to, in the container's directory (podman's
/// `userdata/conmon.pid`): `generate systemd` points a forking unit's `PIDFile=` at it.
pub fn pidfile(container_dir: &std::path::Path) -> std::path::PathBuf {
    container_dir.join("userdata").join("conmon.pid")
}

/// What the monitor does for systemd (see [`super::sdnotify`]): the socket it notifies, the
/// relay process of `--sdnotify container`, and the cgroup it returns to with `--cgroups
/// no-conmon`.
struct Systemd {
    /// `NOTIFY_SOCKET` as the monitor received it (None with `--sdnotify ignore`).
    socket: Option<String>,
    /// The relay's pid, once started.
    relay: Option<i32>,
    /// The monitor's cgroup when it started (`/user.slice/...`).
    home_cgroup: Option<String>,
}

impl Systemd {
    /// The container as the runtime starts it: with `--sdnotify container` and a socket to
    /// notify, the relay socket is bound into it and named by its `NOTIFY_SOCKET`, and the relay
    /// runs (from the first start on).
    fn prepare(
        &mut self,
        engine: &Engine,
        rec: &ContainerRecord,
    ) -> crate::Result<ContainerRecord> {
        let mut rec = rec.clone();
        let Some(target) = self
            .socket
            .as_deref()
            .filter(|_| rec.config.sdnotify == super::sdnotify::SdNotifyMode::Container)
        else {
            return Ok(rec);
        };
        let path = super::sdnotify::relay_path(&engine.paths().runroot, &rec.id);
        if self.relay.is_none() {
            let sock = super::sdnotify::bind_relay(&path)?;
            self.relay = Some(super::sdnotify::spawn_relay(
                sock,
                target,
                std::process::id(),
            )?);
        }
        rec.config.mounts.push(super::MountConfig {
            kind: super::MountKind::Bind,
            source: path.display().to_string(),
            destination: super::sdnotify::CONTAINER_SOCKET.to_string(),
            read_only: false,
            options: Vec::new(),
            create_source: false,
        });
        rec.config
            .env
            .retain(|e| !e.starts_with(&format!("{}=", super::sdnotify::NOTIFY_SOCKET)));
        rec.config.env.push(format!(
            "{}={}",
            super::sdnotify::NOTIFY_SOCKET,
            super::sdnotify::CONTAINER_SOCKET
        ));
        Ok(rec)
    }

    /// After the first start: the pid files, the way back to the caller's cgroup, and the
    /// notification that names the monitor as the main process (ready too with `conmon`).
    fn started(&self, dir: &std::path::Path, rec: &ContainerRecord) {
        let pid = std::process::id();
        let _ = std::fs::write(pidfile(dir), pid.to_string());
        if let Some(file) = &rec.config.monitor_pidfile {
            let _ = std::fs::write(file, pid.to_string());
        }
        // A generated unit's `skiff start` (it sets SKIFF_SYSTEMD_UNIT) keeps the monitor in the
        // unit's cgroup too: systemd accepts a PIDFile= process of its own cgroup only.
        if rec.config.monitor_in_caller_cgroup || std::env::var_os("SKIFF_SYSTEMD_UNIT").is_some() {
            if let Some(home) = &self.home_cgroup {
                let _ = crate::runtime::cgroups::return_to(home);
            }
        }
        let Some(socket) = &self.socket else { return };
        let message = match rec.config.sdnotify {
            super::sdnotify::SdNotifyMode::Conmon => format!("MAINPID={pid}\nREADY=1\n"),
            _ => format!("MAINPID={pid}\n"),
        };
        let _ = super::sdnotify::send(socket, &message);
    }
}

impl Systemd {
    /// The socket to send READY=1 to when the healthcheck first passes (`--sdnotify healthy`).
    fn healthy_socket(&self, rec: &ContainerRecord) -> Option<String> {
        self.socket
            .clone()
            .filter(|_| rec.config.sdnotify == super::sdnotify::SdNotifyMode::Healthy)
    }
}

impl Drop for Systemd {
    fn drop(&mut self) {
        if let Some(pid) = self.relay.take() {
            // SAFETY: kill and reap our own relay child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, std::ptr::null_mut(), 0);
            }
        }
    }
}

fn monitor_loop(
    engine: &mut Engine,
    mut rec: ContainerRecord,
    fds: MonitorFds,
    notify_socket: Option<String>,
    term: Option<UnitStop>,
) -> i32 {
    let MonitorFds {
        ctl,
        stdout,
        stderr,
        mut stdin,
        mut preserved,
    } = fds;
    let mut systemd = Systemd {
        socket: notify_socket
            .filter(|_| rec.config.sdnotify != super::sdnotify::SdNotifyMode::Ignore),
        relay: None,
        home_cgroup: crate::runtime::cgroups::process_cgroup("self"),
    };
    let mut attach: [Option<File>; 2] = [stdout.map(File::from), stderr.map(File::from)];
    trim_heap();
    let dir = engine.container_dir(&rec.id);
    let my_pid = std::process::id() as i32;
    let my_start = crate::procfs::process_start_time(my_pid).unwrap_or(0);
    let mut first = true;
    let mut clients = AttachServer::bind(&engine.paths().runroot, &rec.id); // attach socket
    loop {
        let mut log = match LogWriter::open(&dir.join("ctr.log"), &rec.config.log_driver) {
            Ok(l) => l.rotating(&rec.config.log_opts),
            Err(e) => {
                send(
                    &ctl,
                    &format!("error 125 cannot open the container log: {e}\n"),
                    None,
                );
                return 1;
            }
        };
        let stdio = ContainerStdio {
            stdin: stdin.take(),
            tty: rec.config.tty,
            preserved_fds: preserved,
        };
        let spawned = systemd
            .prepare(engine, &rec)
            .and_then(|effective| spawn::spawn(engine, &effective, stdio));
        let spawned = match spawned {
            // The start time is the monitor's, taken before it can see the exit: the starter
            // records it (not its own later clock), so StartedAt never follows FinishedAt.
            Ok(s) => (s, now_ns()),
            Err(e) => {
                let msg = e.to_string().replace('\n', " ");
                if first {
                    send(&ctl, &format!("error {} {msg}\n", report_code(&e)), None);
                } else {
                    record_exit(engine, &rec, failed_start_code(report_code(&e)), &msg);
                }
                return 1;
            }
        };
        let (mut spawned, started_at) = spawned;
        // The passed descriptors are the container's now. Only a restart policy needs them
        // again (the sockets of a socket-activated service); otherwise they close here, so
        // that a connection the container closes is closed (as conmon's are).
        if preserved > 0 && matches!(rec.config.restart.name.as_str(), "" | "no") {
            // SAFETY: these are the passed descriptors (see `entry_point`), used by no one else
            // in this process.
            unsafe {
                libc::syscall(
                    libc::SYS_close_range,
                    FD_BASE,
                    FD_BASE + preserved as RawFd - 1,
                    0,
                )
            };
            preserved = 0;
        }
        if let Some(file) = &rec.config.pidfile {
            let _ = std::fs::write(file, spawned.pid.to_string());
        }
        super::run_timeout::arm(spawned.pid, rec.config.timeout);
        if let Some(t) = &term {
            t.watch(spawned.pid);
        }
        // healthcheck: resets the health to starting before the start is reported.
        let mut health = super::health::Schedule::start(engine, &rec, spawned.pid)
            .map(|h| h.notify_when_healthy(systemd.healthy_socket(&rec)));
        if first {
            systemd.started(&dir, &rec);
            let pty = spawned
                .pty_master
                .as_ref()
                .filter(|_| attach[0].is_some())
                .map(|f| f.as_raw_fd());
            send(
                &ctl,
                &format!("started {} {my_pid} {my_start} {started_at}\n", spawned.pid),
                pty,
            );
        } else {
            let recorded = with_retries(engine, |engine| {
                record_restart(engine, &rec, spawned.pid, my_pid, my_start)
            });
            match recorded {
                Some(true) => {}
                // `rm -f` or `stop` came while the restart was being made: undo it.
                Some(false) | None => {
                    // SAFETY: kill on the pid of the init we just started.
                    unsafe { libc::kill(spawned.pid, libc::SIGKILL) };
                    let code = wait_for(spawned.pid, None);
                    spawned.release();
                    let _ = record_exit(engine, &rec, code, "");
                    return 0;
                }
            }
        }
        first = false;
        let sources: Vec<(RawFd, Stream)> = match &spawned.pty_master {
            Some(m) => vec![(m.as_raw_fd(), Stream::Stdout)],
            None => {
                let mut v = Vec::new();
                v.extend(
                    spawned
                        .stdout
                        .as_ref()
                        .map(|f| (f.as_raw_fd(), Stream::Stdout)),
                );
                v.extend(
                    spawned
                        .stderr
                        .as_ref()
                        .map(|f| (f.as_raw_fd(), Stream::Stderr)),
                );
                v
            }
        };
        let mut shared = SharedPid::of(spawned.pid, spawned.mnt_ns.take());
        let input = spawned.pty_master.as_ref().or(spawned.stdin.as_ref());
        // attach socket
        clients.set_input(input.map(|f| f.as_raw_fd()));
        // The start's transient allocations (spec, mount plan, id maps) are freed by now.
        trim_heap();
        relay(
            &sources,
            &mut log,
            &mut attach,
            shared.as_mut(),
            &mut clients,
            health.as_mut(),
            term.as_ref(),
        );
        drop(health); // healthcheck: ends a check still running, before the exit is reaped
        drop(spawned.pty_master.take());
        let code = wait_for(spawned.pid, term.as_ref());
        super::run_timeout::disarm();
        if let Some(mut s) = shared {
            // Processes that closed their output outlive the relay.
            s.kill_rest();
        }
        drop(log);
        if let Some(cg) = &spawned.cgroup {
            if crate::runtime::cgroups::oom_kills(&cg.path) > 0 {
                with_retries(engine, |engine| engine.record_oom_kill(&rec.id));
            }
        }
        spawned.release();
        let recorded = record_exit(engine, &rec, code, "");
        clients.finish(code); // attach socket
        let latest = match recorded {
            Recorded::Kept(latest) => latest,
            Recorded::Removed(left, stopped_by_user) => {
                finish_removal(engine, &ctl, &dir, &left, code);
                let _ = engine.pod_member_exited(&rec);
                return if stopped_by_user { 0 } else { code };
            }
            Recorded::Nothing => {
                send(&ctl, &format!("exited {code}\n"), None);
                let _ = engine.pod_member_exited(&rec);
                // Nothing was recorded because `rm` is removing the container: it ended as
                // asked, so a systemd unit whose ExecStop is `rm -f` (Quadlet's) stops cleanly.
                return 0;
            }
        };
        rec = latest;
        if restart_wanted(&rec, code) {
            attach = [None, None];
            if mark_restarting(engine, &rec, code, (my_pid, my_start)).is_err() {
                return 0;
            }
            send(&ctl, &format!("exited {code}\n"), None);
            let backoff = 100u64 << rec.restart_count.clamp(0, 4);
            std::thread::sleep(std::time::Duration::from_millis(backoff));
            match engine.refreshed_container(&rec.id) {
                Ok(Some(r)) if !r.stopped_by_user && r.state == super::State::Restarting => rec = r,
                Ok(Some(r)) if r.state == super::State::Restarting => {
                    // `stop` during the back-off: the container stays exited.
                    let _ = record_exit(engine, &r, code, "");
                    return 0;
                }
                _ => return 0,
            }
            std::mem::drop(engine.take_catalog());
            continue;
        }
        send(&ctl, &format!("exited {code}\n"), None);
        // After the exit is told: `stop` of this member need not wait for the pod's infra.
        let _ = engine.pod_member_exited(&rec);
        if rec.config.auto_remove && rec.config.remove_after_ms > 0 {
            // The attached clients' streams end now, not after the wait.
            drop(attach);
            drop(clients);
            remove_later(engine, &rec);
        }
        // The container's status is the monitor's, so that a systemd unit tracking the monitor
        // (`--sdnotify`) sees the container fail; one stopped by `stop` ended as asked.
        return if rec.stopped_by_user { 0 } else { code };
    }
}

/// The removal of an exited `AutoRemove` container of docker's API, once its clients had
/// the time to read its logs and state. Not when it runs again (`start` meanwhile: that
/// run's exit removes it) or is gone (a wait for its removal removed it).
fn remove_later(engine: &mut Engine, rec: &ContainerRecord) {
    drop(engine.take_catalog());
    trim_heap();
    std::thread::sleep(std::time::Duration::from_millis(u64::from(
        rec.config.remove_after_ms,
    )));
    match engine.refreshed_container(&rec.id) {
        Ok(Some(r)) if !r.state.is_active() && r.started == rec.started => {
            let _ = engine.remove_container(&rec.id, false, true);
        }
        _ => {}
    }
}

/// What recording an exit did.
enum Recorded {
    /// The exit is recorded: the updated row.
    Kept(ContainerRecord),
    /// A `--rm` container: its row went in the same step; what is left of it is to delete, and
    /// whether `stop` ended it.
    Removed(Leftovers, bool),
    /// Nothing: `rm` is removing the container (or the catalog stayed busy for two minutes).
    Nothing,
}

/// Records an exit under the container's lock. A busy lock or catalog is retried for up to two
/// minutes: a lost exit would skip `--rm` and the restart policy and show the container as killed.
fn record_exit(engine: &mut Engine, rec: &ContainerRecord, code: i32, error: &str) -> Recorded {
    let now = now_ns();
    with_retries(engine, |engine| {
        try_record_exit(engine, rec, code, now, error)
    })
    .unwrap_or(Recorded::Nothing)
}

/// The rest of a `--rm` container's removal, its row already gone: its anonymous volumes, its
/// directory and other files go before the starter hears of the exit, so nothing of it is left
/// when `run --rm` returns (as with docker). A directory that cannot be deleted stays as a
/// container the catalog lost, which `skiff system check` lists and removes.
fn finish_removal(
    engine: &mut Engine,
    ctl: &OwnedFd,
    dir: &std::path::Path,
    left: &Leftovers,
    code: i32,
) {
    if !left.anonymous.is_empty() {
        let _ = engine.delete_anonymous_volumes(left);
    }
    let _ = super::remove::delete_dir(dir);
    let _ = engine.delete_leftovers(left);
    send(ctl, &format!("exited {code}\n"), None);
}

/// Runs `f` until it succeeds, retrying a busy lock or catalog with a growing pause for up to
/// two minutes; None when it never did.
fn with_retries<T>(
    engine: &mut Engine,
    mut f: impl FnMut(&mut Engine) -> crate::Result<T>,
) -> Option<T> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let mut pause = std::time::Duration::from_millis(50);
    loop {
        match f(engine) {
            Ok(v) => return Some(v),
            Err(_) if std::time::Instant::now() < deadline => {
                drop(engine.take_catalog());
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_secs(2));
            }
            Err(_) => return None,
        }
    }
}

fn try_record_exit(
    engine: &mut Engine,
    rec: &ContainerRecord,
    code: i32,
    now: i64,
    error: &str,
) -> crate::Result<Recorded> {
    let runroot = engine.paths().runroot.clone();
    let _lock = super::lock::ContainerLock::acquire(&runroot, &rec.id)?;
    let catalog = engine.catalog()?;
    let Some(current) = rows::get(catalog.conn(), &rec.id)? else {
        return Ok(Recorded::Nothing);
    };
    if current.state == super::State::Removing {
        // `rm -f` is removing it: only docker's `die` event is left to record.
        catalog.write(|tx| {
            let code = code.to_string();
            crate::events::record_container(tx, &rec.id, "die", &[("exitCode", &code)]);
            Ok(())
        })?;
        return Ok(Recorded::Nothing);
    }
    // `--rm` (never with a restart policy): the exit and the row's deletion are one step under
    // the lock, so the name is free and `ps -a` shows nothing once the starter hears of the
    // exit. A pod's infra container is not removed this way (`rm` refuses it too).
    let remove = rec.config.auto_remove
        && rec.config.remove_after_ms == 0
        && crate::pod::rows::infra_of(catalog.conn(), &rec.id)?.is_none();
    let left = catalog.write(|tx| {
        crate::events::record_container(tx, &rec.id, "die", &[("exitCode", &code.to_string())]);
        if remove {
            return delete_row(tx, &rec.id).map(Some);
        }
        rows::set_exited(tx, &rec.id, code, now, error)?;
        Ok(None)
    })?;
    Ok(match left {
        Some(left) => Recorded::Removed(left, current.stopped_by_user),
        None => rows::get(catalog.conn(), &rec.id)?.map_or(Recorded::Nothing, Recorded::Kept),
    })
}

/// Counts a restart and shows the container as restarting during the back-off.
fn mark_restarting(
    engine: &mut Engine,
    rec: &ContainerRecord,
    code: i32,
    monitor: (i32, u64),
) -> crate::Result<()> {
    let runroot = engine.paths().runroot.clone();
    let _lock = super::lock::ContainerLock::acquire(&runroot, &rec.id)?;
    let now = now_ns();
    let catalog = engine.catalog()?;
    catalog.write(|tx| {
        rows::bump_restart_count(tx, &rec.id)?;
        rows::set_restarting(tx, &rec.id, code, now, monitor.0, monitor.1)
    })?;
    drop(engine.take_catalog());
    trim_heap();
    Ok(())
}

/// Records a restarted init as running; false (nothing recorded) when the container was
/// stopped or is being removed meanwhile.
fn record_restart(
    engine: &mut Engine,
    rec: &ContainerRecord,
    pid: i32,
    mpid: i32,
    mstart: u64,
) -> crate::Result<bool> {
    let runroot = engine.paths().runroot.clone();
    let _lock = super::lock::ContainerLock::acquire(&runroot, &rec.id)?;
    let now = now_ns();
    let catalog = engine.catalog()?;
    let wanted = rows::get(catalog.conn(), &rec.id)?
        .is_some_and(|r| r.state == super::State::Restarting && !r.stopped_by_user);
    if wanted {
        catalog.write(|tx| {
            crate::events::record_container(tx, &rec.id, "start", &[]);
            rows::set_running(tx, &rec.id, pid, mpid, mstart, now)
        })?;
    }
    drop(engine.take_catalog());
    trim_heap();
    Ok(wanted)
}

/// The descriptors a monitor gets from the `skiff` process that started it.
pub(crate) struct MonitorFds {
    /// The control channel back to the starter.
    pub ctl: OwnedFd,
    /// Attached caller's output pipe.
    pub stdout: Option<OwnedFd>,
    /// Attached caller's error pipe (no tty).
    pub stderr: Option<OwnedFd>,
    /// The caller's stdin, given to the container (attached with -i, no tty).
    pub stdin: Option<OwnedFd>,
    /// `run --preserve-fds N` (or systemd's socket activation): the starter's descriptors 3 to
    /// 2+N, which the monitor keeps at those numbers for the container's process.
    pub preserved: u32,
}

/// The hidden first argument that makes `skiff` a monitor.
pub const MONITOR_ARG: &str = "__monitor";
/// Where the monitor finds its descriptors (control, stdout, stderr, stdin) when it passes
/// none on to the container; `N` passed descriptors sit at 3 to 2+N, and these above them.
const FD_BASE: RawFd = 3;

/// In the detached grandchild of `start`: moves the descriptors to 3..=6 (above the passed
/// ones), points 0-2 at /dev/null, closes everything else and re-executes skiff as the
/// monitor. Never returns.
pub(crate) fn exec_monitor(engine: &Engine, id: &str, fds: MonitorFds) -> ! {
    let base = FD_BASE + fds.preserved as RawFd;
    let slots = [Some(fds.ctl), fds.stdout, fds.stderr, fds.stdin];
    let present: String = slots
        .iter()
        .map(|s| if s.is_some() { '1' } else { '0' })
        .collect();
    let args: Vec<std::ffi::CString> = [
        "skiff".to_string(),
        MONITOR_ARG.to_string(),
        engine.paths().root.display().to_string(),
        engine.paths().runroot.display().to_string(),
        id.to_string(),
        present,
        fds.preserved.to_string(),
    ]
    .into_iter()
    .map(|a| std::ffi::CString::new(a).unwrap_or_default())
    .collect();
    // The monitor's clones become container inits: they must not run from a writable binary.
    let exe = match crate::runtime::exe::read_only_exe() {
        Ok(fd) => fd,
        Err(e) => {
            if let Some(ctl) = &slots[0] {
                let msg =
                    format!("error 125 cannot protect the skiff binary from the container: {e}\n");
                send(ctl, &msg, None);
            }
            // SAFETY: leaving the forked child.
            unsafe { libc::_exit(125) }
        }
    };
    let env = crate::runtime::exe::current_env();
    // SAFETY: descriptor plumbing and exec in a single-threaded child; every pointer is valid.
    unsafe {
        // Out of the way of the slots' targets (base..base+4) first.
        let park = base + 100;
        let exe_parked = libc::fcntl(exe.as_raw_fd(), libc::F_DUPFD_CLOEXEC, park);
        drop(exe);
        // Park the descriptors above the target range first so dup2 never clobbers one.
        let parked: Vec<RawFd> = slots
            .iter()
            .map(|s| {
                s.as_ref()
                    .map(|f| libc::fcntl(f.as_raw_fd(), libc::F_DUPFD_CLOEXEC, park))
                    .unwrap_or(-1)
            })
            .collect();
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC);
        for fd in 0..3 {
            libc::dup2(null, fd);
        }
        for (i, p) in parked.iter().enumerate() {
            if *p >= 0 {
                libc::dup2(*p, base + i as RawFd);
            }
        }
        // The binary's descriptor sits just above the monitor's (close-on-exec).
        let exe_slot = base + slots.len() as RawFd;
        libc::dup3(exe_parked, exe_slot, libc::O_CLOEXEC);
        let exe = OwnedFd::from_raw_fd(exe_slot);
        libc::syscall(libc::SYS_close_range, exe_slot + 1, u32::MAX, 0);
        for (i, p) in parked.iter().enumerate() {
            if *p < 0 {
                libc::close(base + i as RawFd);
            }
        }
        // The passed descriptors stay open across the exec, at their numbers.
        for fd in FD_BASE..base {
            libc::fcntl(fd, libc::F_SETFD, 0);
        }
        crate::runtime::exe::execveat(&exe, &args, &env);
        libc::_exit(125)
    }
}

/// The monitor's entry point: `Some(exit code)` when this process was started as a monitor
/// (`skiff __monitor ROOT RUNROOT ID FDS`), None for every ordinary command.
pub fn entry_point() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != MONITOR_ARG {
        return None;
    }
    let rest: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let [root, runroot, id, present, preserved] = rest.as_slice() else {
        return Some(125);
    };
    let Ok(preserved) = preserved.parse::<u32>() else {
        return Some(125);
    };
    let base = FD_BASE + preserved as RawFd;
    // The passed descriptors are the container's: closed at exec in every other process the
    // monitor runs (network helpers, hooks); the container's init clears the flag.
    for fd in FD_BASE..base {
        // SAFETY: fcntl only flags a descriptor `exec_monitor` left open here.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: prctl and signal dispositions in a single-threaded process.
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
        libc::signal(libc::SIGHUP, libc::SIG_IGN);
        libc::signal(libc::SIGINT, libc::SIG_IGN);
        // `pkill skiff` or a closing session must not orphan the container: the monitor
        // lives until its container exits (SIGKILL still ends both). Under systemd, SIGTERM
        // stops the container instead (below).
        libc::signal(libc::SIGTERM, libc::SIG_IGN);
    }
    let take = |i: usize| -> Option<OwnedFd> {
        // SAFETY: `exec_monitor` placed an open descriptor here when the flag says so.
        (present.as_bytes().get(i) == Some(&b'1'))
            .then(|| unsafe { OwnedFd::from_raw_fd(base + i as RawFd) })
    };
    let ctl = std::os::unix::net::UnixStream::from(take(0)?);
    // What `start` read under the container's lock, sent first on the channel.
    let rec = super::handoff::receive(&ctl).and_then(|rec| {
        if rec.id == *id {
            Ok(rec)
        } else {
            Err(Error::Runtime(format!(
                "skiff start sent container {} for {id}",
                rec.id
            )))
        }
    });
    let ctl = OwnedFd::from(ctl);
    let rec = match rec {
        Ok(rec) => rec,
        Err(e) => {
            let msg = format!("error 125 {}\n", e.to_string().replace('\n', " "));
            send(&ctl, &msg, None);
            return Some(125);
        }
    };
    let fds = MonitorFds {
        ctl,
        stdout: take(1),
        stderr: take(2),
        stdin: take(3),
        preserved,
    };
    // Only the monitor speaks to systemd: nothing it starts inherits the socket.
    let notify_socket = std::env::var(super::sdnotify::NOTIFY_SOCKET).ok();
    std::env::remove_var(super::sdnotify::NOTIFY_SOCKET);
    // Under a systemd unit, SIGTERM is systemd's stop (see [`super::unit_stop`]).
    let term = notify_socket
        .as_ref()
        .and_then(|_| UnitStop::install(root.into(), runroot.into(), id.clone()));
    let mut engine = Engine::new(crate::EngineOptions {
        root: Some(root.into()),
        runroot: Some(runroot.into()),
        ..Default::default()
    });
    Some(monitor_loop(&mut engine, rec, fds, notify_socket, term))
}

/// Gives freed heap pages back to the kernel, keeping the long-lived monitor small.
fn trim_heap() {
    extern "C" {
        fn malloc_trim(pad: libc::size_t) -> libc::c_int;
    }
    // SAFETY: glibc's malloc_trim has no preconditions.
    unsafe { malloc_trim(0) };
}

#[cfg(test)]
mod tests {
    use super::{failed_start_code, report_code};
    use crate::Error;

    #[test]
    fn a_failed_start_records_docker_s_codes_first_start_or_respawn() {
        let missing = Error::CommandNotFound("x".into());
        let not_exec = Error::CommandNotExecutable("x".into());
        let other = Error::Runtime("port taken".into());
        assert_eq!(failed_start_code(report_code(&missing)), 127);
        assert_eq!(failed_start_code(report_code(&not_exec)), 126);
        assert_eq!(report_code(&other), 125, "the CLI's exit code");
        assert_eq!(
            failed_start_code(report_code(&other)),
            128,
            "State.ExitCode"
        );
    }
}
