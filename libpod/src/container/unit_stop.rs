//! systemd's stop for a monitor it supervises. Outside systemd the monitor ignores SIGTERM, so
//! that `pkill skiff` or a closing session never orphans a container. Under a `Type=notify`
//! unit (`NOTIFY_SOCKET` set: `generate systemd --new`, Quadlet) SIGTERM is how systemd stops
//! the service when it skips `ExecStop=` (a stop while the unit still waits for READY=1), so
//! there the monitor stops its container as `skiff stop` would: the stop signal, SIGKILL after
//! the stop timeout, the exit recorded as asked for, and the unit ends `inactive`, not `failed`
//! after `TimeoutStopSec=`.

use std::cell::Cell;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};

use super::relay_loop;
use crate::engine::{Engine, EngineOptions};

/// The write end of the pipe the SIGTERM handler writes to (-1: none).
static TERM_PIPE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_term(_: libc::c_int) {
    let fd = TERM_PIPE.load(Ordering::Relaxed);
    if fd >= 0 {
        // SAFETY: write(2) is async-signal-safe; one byte from a static buffer. A full pipe
        // already holds a request, so a failed write loses nothing.
        unsafe { libc::write(fd, b"t".as_ptr().cast(), 1) };
    }
}

/// A monitor's watch for systemd's SIGTERM: the read end of the handler's pipe (polled with
/// the container's output) and what a stop needs.
pub(super) struct UnitStop {
    read: OwnedFd,
    root: PathBuf,
    runroot: PathBuf,
    id: String,
    /// The container's init (host pid) once started; 0 before.
    init: Cell<i32>,
}

impl UnitStop {
    /// Catches SIGTERM for the monitor of container `id` in the store `root`/`runroot`. None
    /// when the pipe cannot be made: SIGTERM then stays ignored.
    pub(super) fn install(root: PathBuf, runroot: PathBuf, id: String) -> Option<UnitStop> {
        use nix::fcntl::OFlag;
        let (read, write) = nix::unistd::pipe2(OFlag::O_CLOEXEC | OFlag::O_NONBLOCK).ok()?;
        // The write end lives as long as the monitor: the handler may fire at any time.
        TERM_PIPE.store(
            std::os::fd::IntoRawFd::into_raw_fd(write),
            Ordering::Relaxed,
        );
        // No SA_RESTART: a wait or poll returns EINTR, and the monitor looks at the pipe.
        let action = SigAction::new(
            SigHandler::Handler(on_term),
            SaFlags::empty(),
            SigSet::empty(),
        );
        // SAFETY: the handler only loads an atomic and calls write(2).
        unsafe { sigaction(Signal::SIGTERM, &action) }.ok()?;
        Some(UnitStop {
            read,
            root,
            runroot,
            id,
            init: Cell::new(0),
        })
    }

    /// Notes the container's init, which a stop signals even when its start was not
    /// recorded yet (systemd's SIGTERM also ends the `run` that would record it).
    pub(super) fn watch(&self, init: i32) {
        self.init.set(init);
    }

    /// Serves SIGTERMs until child `pid` has exited (it is not reaped), so that none that
    /// comes while the monitor waits for its container is lost.
    pub(super) fn until_exit(&self, pid: i32) {
        // SAFETY: pidfd_open takes a pid and flags; it returns a new descriptor (close-on-exec)
        // or -1.
        let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
        if fd < 0 {
            self.serve();
            return;
        }
        // SAFETY: a descriptor just opened, owned by nobody else.
        let pidfd = unsafe { OwnedFd::from_raw_fd(fd as RawFd) };
        loop {
            self.serve();
            let mut pfds = [
                relay_loop::pollin(self.fd()),
                relay_loop::pollin(pidfd.as_raw_fd()),
            ];
            match relay_loop::poll(&mut pfds, -1) {
                Ok(_) if pfds[1].revents != 0 => return,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    }

    /// The descriptor that becomes readable when SIGTERM came.
    pub(super) fn fd(&self) -> RawFd {
        self.read.as_raw_fd()
    }

    /// Called when [`Self::fd`] is readable or a wait was interrupted: if SIGTERM came, starts
    /// the container's stop in a child process (the monitor goes on relaying output and
    /// records the exit the stop waits for; its wait reaps the child).
    pub(super) fn serve(&self) {
        let mut buf = [0u8; 16];
        let mut requested = false;
        // The pipe does not block: an empty one ends the loop.
        while relay_loop::read_chunk(self.fd(), &mut buf).is_some() {
            requested = true;
        }
        if !requested {
            return;
        }
        // SAFETY: the monitor is single-threaded; the child only stops the container and
        // leaves with _exit, without the parent's destructors.
        if unsafe { libc::fork() } != 0 {
            return;
        }
        // The child holds none of the monitor's descriptors (the container's stdin, the attach
        // clients, the log): they close when the monitor closes them, not when the stop ends.
        // SAFETY: close_range on descriptors this process does not use again.
        unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32) };
        let mut engine = Engine::new(EngineOptions {
            root: Some(self.root.clone()),
            runroot: Some(self.runroot.clone()),
            ..Default::default()
        });
        let code = match engine.stop_container(&self.id, None) {
            // Not recorded as running: its start was cut short, the stop signalled nothing.
            Ok(rec) if !rec.state.is_active() && self.init.get() > 0 => {
                stop_init(self.init.get(), &rec)
            }
            Ok(_) => 0,
            Err(_) => 1,
        };
        // SAFETY: leaving the forked child without running the parent's destructors.
        unsafe { libc::_exit(code) }
    }
}

/// Stops init `pid` as `skiff stop` would: its stop signal, SIGKILL after its stop timeout.
/// (The monitor reaps it; until then it lingers as a zombie, which counts as ended.)
fn stop_init(pid: i32, rec: &super::rows::ContainerRecord) -> i32 {
    let running = || crate::procfs::process_start_time(pid).is_some();
    let sig = super::options::parse_signal(&rec.config.stop_signal).unwrap_or(libc::SIGTERM);
    let _ = super::stop::signal_pid(pid, sig);
    let deadline = Instant::now() + Duration::from_secs(u64::from(rec.config.stop_timeout));
    while running() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    if running() {
        let _ = super::stop::signal_pid(pid, libc::SIGKILL);
    }
    0
}
