//! Attached clients of a container: a foreground `run` / `start -a` (connected from creation
//! through the monitor's pipes or the pty, see [`relay`]) and `attach` to a container that
//! already runs (through the monitor's attach socket, see [`Engine::attach_container`] and
//! [`relay_attached`]). Either way the container's output goes to the caller's streams, the
//! caller's input to the container's pty (window size, detach keys), the caller's signals to
//! the container (`--sig-proxy`), and the result says how the session ended.
//!
//! The engine never uses the process's own stdio or terminal: the caller hands them over in
//! an [`AttachIo`].

use std::io::Write;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use super::attach_socket::{self, tag};
pub use super::config::AttachStreams;
use super::detach_keys::DetachKeys;
use super::list::monitor_alive;
use super::relay_loop;
use super::started::{read_exit, Started};
use super::State;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// How an attached session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachEnd {
    /// The container exited with this code (after `--rm` cleanup, when set).
    Exited(i32),
    /// The user typed the detach keys; the container keeps running.
    Detached,
    /// The monitor vanished without reporting an exit.
    Lost,
    /// The caller stopped taking the output of a container it attached to later (a client
    /// of the API that hung up); the container keeps running.
    Hangup,
}

/// The caller's side of an attached session.
#[derive(Default)]
pub struct AttachIo<'a> {
    /// Input for the container's pty; None when no input is attached.
    pub stdin: Option<BorrowedFd<'a>>,
    /// Where the container's stdout (all of its output with a tty) goes; None drops it.
    pub stdout: Option<&'a mut dyn Write>,
    /// Where the container's stderr goes; None drops it.
    pub stderr: Option<&'a mut dyn Write>,
    /// The caller's terminal: in raw mode while attached to a container's tty, whose window
    /// size follows it.
    pub terminal: Option<BorrowedFd<'a>>,
}

/// How an attached session behaves.
#[derive(Debug, Clone)]
pub struct AttachOptions {
    /// The keys that detach from a tty (`--detach-keys`).
    pub detach_keys: DetachKeys,
    /// `--sig-proxy`: the signals the caller gets (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
    /// SIGUSR2) go to the container's process; only without a tty, where ctrl-c is a signal.
    pub sig_proxy: bool,
}

impl Default for AttachOptions {
    fn default() -> Self {
        AttachOptions {
            detach_keys: DetachKeys::default(),
            sig_proxy: true,
        }
    }
}

/// A client connected to a running container's attach socket.
pub struct Attached {
    /// The container's full id.
    pub id: String,
    /// Host pid of the container's first process (the target of `--sig-proxy`).
    pub pid: i32,
    /// Whether the container has a tty.
    pub tty: bool,
    sock: OwnedFd,
}

impl Engine {
    /// Connects to running container `name_or_id`: its output from now on, input to its tty.
    pub fn attach_container(&mut self, name_or_id: &str) -> Result<Attached> {
        let found = self.lookup_container(name_or_id)?;
        self.enter_userns_for(&found)?;
        let (rec, sock) = self.connect_attach_socket(name_or_id, &found.id)?;
        self.record_container_event(&rec.id, "attach", &[]);
        drop(self.take_catalog());
        Ok(Attached {
            id: rec.id,
            pid: rec.pid,
            tty: rec.config.tty,
            sock,
        })
    }

    /// [`Self::attach_container`] for a process that stays in its own user namespace (the
    /// API service, which has threads and cannot enter another): the socket needs none.
    pub fn attach_container_in_place(&mut self, name_or_id: &str) -> Result<Attached> {
        let found = self.lookup_container(name_or_id)?;
        let (rec, sock) = self.connect_attach_socket(name_or_id, &found.id)?;
        self.record_container_event(&rec.id, "attach", &[]);
        Ok(Attached {
            id: rec.id,
            pid: rec.pid,
            tty: rec.config.tty,
            sock,
        })
    }

    /// Sets the window size of running container `name_or_id`'s tty (docker's
    /// `POST /containers/{id}/resize`), through its monitor's attach socket.
    pub fn resize_container_tty(&mut self, name_or_id: &str, rows: u16, cols: u16) -> Result<()> {
        let found = self.lookup_container(name_or_id)?;
        let (_, sock) = self.connect_attach_socket(name_or_id, &found.id)?;
        let mut size = rows.to_le_bytes().to_vec();
        size.extend(cols.to_le_bytes());
        attach_socket::send_msg(sock.as_raw_fd(), tag::RESIZE, &size)
            .map_err(|e| Error::Runtime(format!("resizing the tty of {name_or_id}: {e}")))
    }

    /// The record of running container `id` and a connection to its monitor's attach socket.
    fn connect_attach_socket(
        &mut self,
        name_or_id: &str,
        id: &str,
    ) -> Result<(super::ContainerRecord, OwnedFd)> {
        let rec = self
            .refreshed_container(id)?
            .ok_or_else(|| super::rows::no_such(name_or_id))?;
        let running = matches!(rec.state, State::Running | State::Paused);
        if !running || !monitor_alive(&rec) {
            return Err(Error::Conflict(
                "You cannot attach to a stopped container, start it first".into(),
            ));
        }
        let sock = attach_socket::connect(&self.paths().runroot, &rec.id).map_err(|e| {
            Error::Runtime(format!(
                "cannot attach to container {}: its monitor does not answer on its attach \
                 socket ({e}); restart it (`skiff restart {}`) to attach",
                rec.name, rec.name
            ))
        })?;
        Ok((rec, sock))
    }
}

static TARGET_PID: AtomicI32 = AtomicI32::new(0);
static RESIZED: AtomicBool = AtomicBool::new(false);

extern "C" fn forward_signal(sig: libc::c_int) {
    let pid = TARGET_PID.load(Ordering::Relaxed);
    if pid > 0 {
        // SAFETY: kill is async-signal-safe.
        unsafe { libc::kill(pid, sig) };
    }
}

extern "C" fn note_resize(_sig: libc::c_int) {
    RESIZED.store(true, Ordering::Relaxed);
}

fn install(sig: libc::c_int, handler: extern "C" fn(libc::c_int)) {
    // SAFETY: installing a handler that only calls async-signal-safe functions.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = handler as usize;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigaction(sig, &sa, std::ptr::null_mut());
    }
}

/// The signals `--sig-proxy` forwards.
const PROXIED: [libc::c_int; 6] = [
    libc::SIGINT,
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
];

/// Puts a terminal in raw mode; restores it on drop.
struct RawMode {
    fd: RawFd,
    saved: Option<libc::termios>,
}

impl RawMode {
    fn enter(fd: RawFd) -> RawMode {
        // SAFETY: termios calls on a descriptor the caller lent us, with a valid struct.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::isatty(fd) == 0 || libc::tcgetattr(fd, &mut t) != 0 {
                return RawMode { fd, saved: None };
            }
            let saved = t;
            libc::cfmakeraw(&mut t);
            libc::tcsetattr(fd, libc::TCSANOW, &t);
            RawMode {
                fd,
                saved: Some(saved),
            }
        }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if let Some(t) = self.saved {
            // SAFETY: restoring the attributes read in `enter`.
            unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &t) };
        }
    }
}

/// Writes `data` to the caller's stream (if it takes this one); false when that failed.
fn emit(out: &mut Option<&mut dyn Write>, data: &[u8]) -> bool {
    match out.as_mut() {
        Some(w) => w.write_all(data).and_then(|_| w.flush()).is_ok(),
        None => true,
    }
}

/// The container end of a session.
enum Link {
    /// From creation: the monitor's pipes (`1` stdout, `2` stderr) and the pty master.
    Direct {
        sources: Vec<(RawFd, u8)>,
        pty: Option<RawFd>,
    },
    /// Later: the monitor's attach socket.
    Socket(RawFd),
}

impl Link {
    fn send_input(&self, data: &[u8]) -> bool {
        match self {
            Link::Direct { pty: Some(p), .. } => relay_loop::write_all(*p, data),
            Link::Direct { pty: None, .. } => false,
            Link::Socket(s) => attach_socket::send_msg(*s, tag::INPUT, data).is_ok(),
        }
    }

    fn copy_window_size(&self, terminal: RawFd) {
        // SAFETY: winsize is plain integers, for which all zeroes is a valid value.
        let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
        // SAFETY: TIOCGWINSZ writes one winsize into the valid, writable `ws`.
        if unsafe { libc::ioctl(terminal, libc::TIOCGWINSZ, &mut ws) } != 0 {
            return;
        }
        match self {
            // SAFETY: TIOCSWINSZ with a valid winsize on the pty master.
            Link::Direct { pty: Some(p), .. } => unsafe {
                libc::ioctl(*p, libc::TIOCSWINSZ, &ws);
            },
            Link::Direct { pty: None, .. } => {}
            Link::Socket(s) => {
                let mut size = ws.ws_row.to_le_bytes().to_vec();
                size.extend(ws.ws_col.to_le_bytes());
                let _ = attach_socket::send_msg(*s, tag::RESIZE, &size);
            }
        }
    }
}

/// Runs a session until the container's output ends (None), it exits (socket), or the user
/// detaches.
fn session(
    link: &mut Link,
    io: &mut AttachIo<'_>,
    opts: &AttachOptions,
    tty: bool,
    pid: i32,
) -> Option<AttachEnd> {
    TARGET_PID.store(pid, Ordering::Relaxed);
    let terminal = io.terminal.filter(|_| tty).map(|t| t.as_raw_fd());
    let _raw = terminal.map(RawMode::enter);
    if let Some(t) = terminal {
        link.copy_window_size(t);
        install(libc::SIGWINCH, note_resize);
    }
    if opts.sig_proxy && !tty {
        for sig in PROXIED {
            install(sig, forward_signal);
        }
    }
    let mut stdin = io.stdin.map(|f| f.as_raw_fd());
    if matches!(link, Link::Direct { pty: None, .. }) {
        // Without a tty the container reads the caller's stdin itself.
        stdin = None;
    }
    let mut matcher = opts.detach_keys.matcher();
    let mut buf = vec![0u8; 16 * 1024 + 16];
    let mut pass = Vec::with_capacity(buf.len());
    let mut pfds = Vec::new();
    loop {
        match link {
            Link::Direct { sources, .. } if sources.is_empty() => return None,
            Link::Direct { sources, .. } => {
                relay_loop::set_pollin(&mut pfds, sources.iter().map(|(fd, _)| *fd).chain(stdin))
            }
            Link::Socket(s) => relay_loop::set_pollin(&mut pfds, [*s].into_iter().chain(stdin)),
        }
        let n = relay_loop::poll(&mut pfds, -1);
        if let (true, Some(t)) = (RESIZED.swap(false, Ordering::Relaxed), terminal) {
            link.copy_window_size(t);
        }
        if !matches!(n, Ok(1..)) {
            continue;
        }
        let mut closed = Vec::new();
        for p in pfds.iter().filter(|p| p.revents != 0) {
            if Some(p.fd) == stdin {
                let Some(data) = relay_loop::read_chunk(p.fd, &mut buf) else {
                    stdin = None;
                    continue;
                };
                pass.clear();
                let detach = matcher.feed(data, &mut pass);
                if !pass.is_empty() && !link.send_input(&pass) {
                    stdin = None;
                }
                if detach {
                    return Some(AttachEnd::Detached);
                }
                continue;
            }
            match link {
                Link::Direct { sources, .. } => {
                    let Some(data) = relay_loop::read_chunk(p.fd, &mut buf) else {
                        closed.push(p.fd);
                        continue;
                    };
                    let out = sources.iter().find(|(fd, _)| *fd == p.fd).map(|s| s.1);
                    // A caller that stops reading must not stall the monitor's pipes: the
                    // output is drained until the container exits, as before.
                    let _ = match out {
                        Some(1) => emit(&mut io.stdout, data),
                        _ => emit(&mut io.stderr, data),
                    };
                }
                Link::Socket(s) => {
                    let Some(msg) = relay_loop::recv_chunk(*s, &mut buf) else {
                        return Some(AttachEnd::Lost);
                    };
                    // A later client that stops taking the output leaves: the monitor goes
                    // on without it.
                    let taken = match msg {
                        [tag::STDOUT, data @ ..] => emit(&mut io.stdout, data),
                        [tag::STDERR, data @ ..] => emit(&mut io.stderr, data),
                        [tag::EXIT, a, b, c, d] => {
                            return Some(AttachEnd::Exited(i32::from_le_bytes([*a, *b, *c, *d])))
                        }
                        _ => true,
                    };
                    if !taken {
                        return Some(AttachEnd::Hangup);
                    }
                }
            }
        }
        if let Link::Direct { sources, .. } = link {
            sources.retain(|(fd, _)| !closed.contains(fd));
        }
    }
}

/// Relays a container attached from creation (foreground `run`, `start -a`, `exec -t`) until
/// it exits or the user detaches from its tty.
pub fn relay(started: Started, mut io: AttachIo<'_>, opts: &AttachOptions) -> Result<AttachEnd> {
    let mut sources = Vec::new();
    sources.extend(started.stdout.as_ref().map(|f| (f.as_raw_fd(), 1)));
    sources.extend(started.stderr.as_ref().map(|f| (f.as_raw_fd(), 2)));
    let pty = started.pty_master.as_ref().map(|f| f.as_raw_fd());
    let mut link = Link::Direct { sources, pty };
    let end = session(&mut link, &mut io, opts, pty.is_some(), started.pid);
    TARGET_PID.store(0, Ordering::Relaxed);
    Ok(match end {
        Some(end) => end,
        None => match read_exit(&started.ctl) {
            Some(code) => AttachEnd::Exited(code),
            None => AttachEnd::Lost,
        },
    })
}

/// Relays a container attached through its attach socket until it exits or the user
/// detaches (`Lost` when the monitor went away without an exit: read the catalog then).
pub fn relay_attached(
    attached: Attached,
    mut io: AttachIo<'_>,
    opts: &AttachOptions,
) -> Result<AttachEnd> {
    let mut link = Link::Socket(attached.sock.as_raw_fd());
    let end = session(&mut link, &mut io, opts, attached.tty, attached.pid);
    TARGET_PID.store(0, Ordering::Relaxed);
    Ok(end.unwrap_or(AttachEnd::Lost))
}
