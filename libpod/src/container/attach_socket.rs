//! The attach socket: how a client attaches to a container that already runs. The monitor
//! listens on a unix socket named by the container's id in `RUNROOT/attach/`; every client that
//! connects gets the container's output from then on, and may send input (to the pty) and its
//! window size. When the container exits, each client gets its exit code.
//!
//! The socket is SOCK_SEQPACKET, so each message keeps its bounds: its first byte is a tag
//! ([`tag`]), the rest its payload. The monitor never blocks on a client for long: a client
//! that takes more than [`SEND_TIMEOUT`] to take a message is dropped.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};

use nix::sys::socket::{self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, UnixAddr};

use super::logs::Stream;

/// The first byte of each message on the attach socket.
pub(crate) mod tag {
    /// Client to monitor: input for the container.
    pub const INPUT: u8 = 0;
    /// Monitor to client: the container's output (all of it with a tty).
    pub const STDOUT: u8 = 1;
    /// Monitor to client: the container's stderr (no tty).
    pub const STDERR: u8 = 2;
    /// Monitor to client: the container exited; payload its exit code (i32, little-endian).
    pub const EXIT: u8 = 3;
    /// Client to monitor: the client's window size; payload rows and columns (u16 each, LE).
    pub const RESIZE: u8 = 4;
}

/// How long the monitor waits for one client to take one message before dropping it.
const SEND_TIMEOUT: libc::timeval = libc::timeval {
    tv_sec: 2,
    tv_usec: 0,
};

/// The directory of the attach sockets.
fn socket_dir(runroot: &Path) -> PathBuf {
    runroot.join("attach")
}

/// Runs `f` with the address of socket `id` in `dir`. The address goes through the directory's
/// descriptor in /proc/self/fd, so that a long runroot still fits in a socket address.
fn with_addr<T>(
    dir: &Path,
    id: &str,
    f: impl FnOnce(&UnixAddr) -> nix::Result<T>,
) -> nix::Result<T> {
    use nix::fcntl::{open, OFlag};
    let fd = open(
        dir,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        nix::sys::stat::Mode::empty(),
    )?;
    // SAFETY: open just returned this descriptor.
    let dir_fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let addr = UnixAddr::new(format!("/proc/self/fd/{}/{id}", dir_fd.as_raw_fd()).as_str())?;
    f(&addr)
}

fn seqpacket(flags: SockFlag) -> nix::Result<OwnedFd> {
    socket::socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        flags | SockFlag::SOCK_CLOEXEC,
        None,
    )
}

/// Connects to the attach socket of container `id`.
pub(crate) fn connect(runroot: &Path, id: &str) -> nix::Result<OwnedFd> {
    let sock = seqpacket(SockFlag::empty())?;
    with_addr(&socket_dir(runroot), id, |addr| {
        socket::connect(sock.as_raw_fd(), addr)
    })?;
    Ok(sock)
}

/// Sends one message: `tag` then `data`.
pub(crate) fn send_msg(fd: RawFd, tag: u8, data: &[u8]) -> nix::Result<()> {
    let tag = [tag];
    let iov = [std::io::IoSlice::new(&tag), std::io::IoSlice::new(data)];
    loop {
        match socket::sendmsg::<()>(fd, &iov, &[], MsgFlags::MSG_NOSIGNAL, None) {
            Err(nix::errno::Errno::EINTR) => continue,
            r => return r.map(|_| ()),
        }
    }
}

/// The monitor's side: the listening socket and the attached clients.
pub(crate) struct AttachServer {
    /// None when the socket could not be made: the container then runs without it.
    listener: Option<OwnedFd>,
    path: PathBuf,
    clients: Vec<OwnedFd>,
    /// Where clients' input goes: the container's pty master, or its stdin pipe.
    input: Option<RawFd>,
}

impl AttachServer {
    /// Listens on the attach socket of container `id` (replacing a stale one).
    pub(crate) fn bind(runroot: &Path, id: &str) -> AttachServer {
        let dir = socket_dir(runroot);
        let path = dir.join(id);
        let listener = Self::listen(&dir, &path, id).ok();
        AttachServer {
            listener,
            path,
            clients: Vec::new(),
            input: None,
        }
    }

    fn listen(dir: &Path, path: &Path, id: &str) -> nix::Result<OwnedFd> {
        use std::os::unix::fs::DirBuilderExt;
        let _ = std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir);
        let _ = std::fs::remove_file(path);
        let sock = seqpacket(SockFlag::SOCK_NONBLOCK)?;
        with_addr(dir, id, |addr| socket::bind(sock.as_raw_fd(), addr))?;
        socket::listen(&sock, Backlog::new(16)?)?;
        Ok(sock)
    }

    /// Sets where clients' input goes: the pty master of the current run, or the write end
    /// of its stdin pipe (non-blocking); None when it takes no input.
    pub(crate) fn set_input(&mut self, pty: Option<RawFd>) {
        self.input = pty;
    }

    /// Appends the descriptors to watch for readability.
    pub(crate) fn add_pollfds(&self, pfds: &mut Vec<libc::pollfd>) {
        let fds = self.listener.iter().chain(&self.clients);
        pfds.extend(fds.map(|f| super::relay_loop::pollin(f.as_raw_fd())));
    }

    /// Handles what `poll` reported on the descriptors from [`Self::add_pollfds`]: new
    /// clients, their input and resizes, and their leaving.
    pub(crate) fn serve(&mut self, ready: &[libc::pollfd]) {
        let mut gone = Vec::new();
        // Room for the largest message a client sends: its tag and one read of its input
        // (16 KiB and the detach keys it held back); a shorter buffer would cut it.
        let mut buf = [0u8; 32 * 1024];
        for p in ready.iter().filter(|p| p.revents != 0) {
            if self.listener.as_ref().map(|l| l.as_raw_fd()) == Some(p.fd) {
                self.accept();
                continue;
            }
            if !self.receive(p.fd, &mut buf) {
                gone.push(p.fd);
            }
        }
        self.clients.retain(|c| !gone.contains(&c.as_raw_fd()));
    }

    fn accept(&mut self) {
        let Some(listener) = &self.listener else {
            return;
        };
        while let Ok(fd) = socket::accept4(listener.as_raw_fd(), SockFlag::SOCK_CLOEXEC) {
            // SAFETY: accept4 just returned this descriptor.
            let client = unsafe { OwnedFd::from_raw_fd(fd) };
            // SAFETY: setsockopt with a properly sized timeval.
            unsafe {
                libc::setsockopt(
                    fd,
                    libc::SOL_SOCKET,
                    libc::SO_SNDTIMEO,
                    (&SEND_TIMEOUT as *const libc::timeval).cast(),
                    std::mem::size_of::<libc::timeval>() as libc::socklen_t,
                );
            }
            self.clients.push(client);
        }
    }

    /// Reads one message from client `fd`; false when the client left.
    fn receive(&mut self, fd: RawFd, buf: &mut [u8]) -> bool {
        let n = loop {
            match socket::recv(fd, buf, MsgFlags::MSG_DONTWAIT) {
                Err(nix::errno::Errno::EINTR) => continue,
                Err(nix::errno::Errno::EAGAIN) => return true,
                Err(_) | Ok(0) => return false,
                Ok(n) => break n,
            }
        };
        let (Some(input), [t, payload @ ..]) = (self.input, &buf[..n]) else {
            return true;
        };
        match *t {
            tag::INPUT => write_all(input, payload),
            tag::RESIZE if payload.len() == 4 => {
                // SAFETY: winsize is four integers, for which all zero bytes is a valid value.
                let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
                ws.ws_row = u16::from_le_bytes([payload[0], payload[1]]);
                ws.ws_col = u16::from_le_bytes([payload[2], payload[3]]);
                // SAFETY: TIOCSWINSZ with a valid winsize on the pty master.
                unsafe { libc::ioctl(input, libc::TIOCSWINSZ, &ws) };
            }
            _ => {}
        }
        true
    }

    /// Passes a chunk of the container's output to every client (dropping those that fail).
    pub(crate) fn broadcast(&mut self, stream: Stream, data: &[u8]) {
        let t = match stream {
            Stream::Stdout => tag::STDOUT,
            Stream::Stderr => tag::STDERR,
        };
        self.clients
            .retain(|c| send_msg(c.as_raw_fd(), t, data).is_ok());
    }

    /// Tells every client the container exited with `code` and lets them go.
    pub(crate) fn finish(&mut self, code: i32) {
        for c in self.clients.drain(..) {
            let _ = send_msg(c.as_raw_fd(), tag::EXIT, &code.to_le_bytes());
        }
        self.input = None;
    }
}

impl Drop for AttachServer {
    fn drop(&mut self) {
        if self.listener.is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes all of `data` to `fd` (the pty master or the stdin pipe), giving up on an error or
/// when a container that does not read its stdin leaves the pipe full for SEND_TIMEOUT.
fn write_all(fd: RawFd, mut data: &[u8]) {
    while !data.is_empty() {
        // SAFETY: writing from a buffer we own.
        let w = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if w < 0 {
            match std::io::Error::last_os_error().kind() {
                std::io::ErrorKind::Interrupted => continue,
                std::io::ErrorKind::WouldBlock => {
                    let mut p = libc::pollfd {
                        fd,
                        events: libc::POLLOUT,
                        revents: 0,
                    };
                    let ms = SEND_TIMEOUT.tv_sec as libc::c_int * 1000;
                    // SAFETY: one valid pollfd.
                    if unsafe { libc::poll(&mut p, 1, ms) } > 0 {
                        continue;
                    }
                    return;
                }
                _ => return,
            }
        }
        data = &data[w as usize..];
    }
}
