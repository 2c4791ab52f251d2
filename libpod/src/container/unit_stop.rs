//! systemd's stop for a monitor it supervises. Outside systemd the monitor ignores SIGTERM, so
//! that `pkill skiff` or a closing session never orphans a container. Under a `Type=notify`
//! unit (`NOTIFY_SOCKET` set: `generate systemd --new`, Quadlet) SIGTERM is how systemd stops
//! the service when it skips `ExecStop=` (a stop while the unit still waits for READY=1), so
//! there the monitor stops its container as `skiff stop` would: the stop signal, SIGKILL after
//! the stop timeout, the exit recorded as asked for, and the unit ends `inactive`, not `failed`
//! after `TimeoutStopSec=`.

use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, Ordering};

use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};

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
        })
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
        // SAFETY: reading into a buffer we own, for its length, from our non-blocking pipe.
        while unsafe { libc::read(self.read.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) } > 0 {
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
        let mut engine = Engine::new(EngineOptions {
            root: Some(self.root.clone()),
            runroot: Some(self.runroot.clone()),
            ..Default::default()
        });
        let code = i32::from(engine.stop_container(&self.id, None).is_err());
        // SAFETY: leaving the forked child without running the parent's destructors.
        unsafe { libc::_exit(code) }
    }
}
