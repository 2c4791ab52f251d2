//! The attached side of a foreground `run` / `start -a`: relays the container's output to the
//! caller's stdout and stderr, the caller's keystrokes to the pty (raw mode, window size,
//! ctrl-p ctrl-q to detach), forwards signals, and returns the container's exit code.

use std::io::Write;
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicI32, Ordering};

use super::start::{read_exit, Started};
use crate::error::Result;

/// How an attached session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachEnd {
    /// The container exited with this code (after `--rm` cleanup, when set).
    Exited(i32),
    /// The user pressed ctrl-p ctrl-q; the container keeps running.
    Detached,
    /// The monitor vanished without reporting an exit.
    Lost,
}

static TARGET_PID: AtomicI32 = AtomicI32::new(0);
static PTY_FD: AtomicI32 = AtomicI32::new(-1);

extern "C" fn forward_signal(sig: libc::c_int) {
    let pid = TARGET_PID.load(Ordering::Relaxed);
    if pid > 0 {
        // SAFETY: kill is async-signal-safe.
        unsafe { libc::kill(pid, sig) };
    }
}

extern "C" fn resize(_sig: libc::c_int) {
    copy_window_size(PTY_FD.load(Ordering::Relaxed));
}

fn copy_window_size(pty: RawFd) {
    if pty < 0 {
        return;
    }
    // SAFETY: ioctl with a properly sized winsize; both are async-signal-safe.
    unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        if libc::ioctl(0, libc::TIOCGWINSZ, &mut ws) == 0 {
            libc::ioctl(pty, libc::TIOCSWINSZ, &ws);
        }
    }
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

/// Puts the caller's terminal in raw mode; restores it on drop.
struct RawMode {
    saved: Option<libc::termios>,
}

impl RawMode {
    fn enter() -> RawMode {
        // SAFETY: termios calls on fd 0 with a valid struct.
        unsafe {
            if libc::isatty(0) == 0 {
                return RawMode { saved: None };
            }
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) != 0 {
                return RawMode { saved: None };
            }
            let saved = t;
            libc::cfmakeraw(&mut t);
            libc::tcsetattr(0, libc::TCSANOW, &t);
            RawMode { saved: Some(saved) }
        }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if let Some(t) = self.saved {
            // SAFETY: restoring the attributes read in `enter`.
            unsafe { libc::tcsetattr(0, libc::TCSANOW, &t) };
        }
    }
}

fn read_fd(fd: RawFd, buf: &mut [u8]) -> isize {
    loop {
        // SAFETY: reading into a buffer we own.
        let r = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if r < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        return r;
    }
}

fn write_fd(fd: RawFd, mut data: &[u8]) -> bool {
    while !data.is_empty() {
        // SAFETY: writing from a buffer we own.
        let w = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if w < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return false;
        }
        data = &data[w as usize..];
    }
    true
}

/// Relays an attached container until it exits (or the user detaches from its tty).
/// `stdin` says whether the caller's input goes to the container (`-i`).
pub fn relay(started: Started, tty: bool, stdin: bool) -> Result<AttachEnd> {
    TARGET_PID.store(started.pid, Ordering::Relaxed);
    let _raw = if tty { Some(RawMode::enter()) } else { None };
    if let Some(pty) = &started.pty_master {
        PTY_FD.store(pty.as_raw_fd(), Ordering::Relaxed);
        copy_window_size(pty.as_raw_fd());
        install(libc::SIGWINCH, resize);
    }
    if !tty {
        for sig in [
            libc::SIGINT,
            libc::SIGTERM,
            libc::SIGHUP,
            libc::SIGQUIT,
            libc::SIGUSR1,
            libc::SIGUSR2,
        ] {
            install(sig, forward_signal);
        }
    }
    let mut sources: Vec<(RawFd, RawFd)> = Vec::new();
    if let Some(f) = &started.stdout {
        sources.push((f.as_raw_fd(), 1));
    }
    if let Some(f) = &started.stderr {
        sources.push((f.as_raw_fd(), 2));
    }
    let pty_in = started
        .pty_master
        .as_ref()
        .filter(|_| stdin)
        .map(|f| f.as_raw_fd());
    let mut stdin_open = pty_in.is_some();
    let mut buf = [0u8; 16 * 1024];
    let mut saw_ctrl_p = false;
    while !sources.is_empty() {
        let mut pfds: Vec<libc::pollfd> = sources
            .iter()
            .map(|(fd, _)| libc::pollfd {
                fd: *fd,
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        if stdin_open {
            pfds.push(libc::pollfd {
                fd: 0,
                events: libc::POLLIN,
                revents: 0,
            });
        }
        // SAFETY: pfds is a valid pollfd array.
        let n = unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, -1) };
        if n < 0 {
            continue;
        }
        let mut closed = Vec::new();
        for (i, p) in pfds.iter().enumerate() {
            if p.revents == 0 {
                continue;
            }
            if p.fd == 0 && i >= sources.len() {
                let r = read_fd(0, &mut buf);
                if r <= 0 {
                    stdin_open = false;
                    continue;
                }
                let data = &buf[..r as usize];
                for (j, b) in data.iter().enumerate() {
                    if saw_ctrl_p && *b == 0x11 {
                        // Forward what preceded the sequence, then leave the container running.
                        let _ = write_fd(
                            pty_in.expect("stdin only relays to a pty"),
                            &data[..j.saturating_sub(1)],
                        );
                        return Ok(AttachEnd::Detached);
                    }
                    saw_ctrl_p = *b == 0x10;
                }
                if !write_fd(pty_in.expect("stdin only relays to a pty"), data) {
                    stdin_open = false;
                }
                continue;
            }
            let (fd, out) = sources[i];
            let r = read_fd(fd, &mut buf);
            if r <= 0 {
                closed.push(fd);
                continue;
            }
            let data = &buf[..r as usize];
            if out == 1 {
                let mut so = std::io::stdout().lock();
                let _ = so.write_all(data).and_then(|_| so.flush());
            } else {
                let _ = std::io::stderr().write_all(data);
            }
        }
        sources.retain(|(fd, _)| !closed.contains(fd));
    }
    let end = match read_exit(&started.ctl) {
        Some(code) => AttachEnd::Exited(code),
        None => AttachEnd::Lost,
    };
    TARGET_PID.store(0, Ordering::Relaxed);
    Ok(end)
}
