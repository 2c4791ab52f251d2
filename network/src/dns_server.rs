//! A user-defined network's name server: answers the members' names on the gateway's port 53
//! from a file the engine keeps (hosts-file lines), and passes other queries to the upstream
//! name server (a member's own `--dns` server when the file names one for it). Run by the network's keeper, in the network's namespace. UDP only: a client
//! that wants TCP (a truncated answer, `use-vc`) falls back to its next name server.

use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::dns::{reply, Names, Reply};

/// How long a forwarded query waits for the upstream's answer.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(4);
/// Forwarded queries in flight at most; more are dropped (the client asks again).
const MAX_IN_FLIGHT: usize = 64;

/// Binds the name server's socket on `addr` (the gateway, port 53).
pub fn bind(addr: SocketAddr) -> std::io::Result<UdpSocket> {
    UdpSocket::bind(addr)
}

/// The names file, read again whenever it changes (the engine replaces it by a rename: the
/// inode, size and modification time together tell a change).
struct NamesFile {
    path: PathBuf,
    seen: Option<(u64, u64, SystemTime)>,
    names: Names,
}

impl NamesFile {
    fn current(&mut self) -> &Names {
        let now = std::fs::metadata(&self.path)
            .and_then(|m| Ok((m.ino(), m.len(), m.modified()?)))
            .ok();
        if now != self.seen || now.is_none() {
            self.seen = now;
            self.names = Names::parse(&std::fs::read_to_string(&self.path).unwrap_or_default());
        }
        &self.names
    }
}

/// Serves queries on `sock` until it fails: members' names from `names_file`, the rest through
/// `upstream` (refused when there is none: an `--internal` network). Only clients `client_ok`
/// accepts (the network's own addresses) are answered: nobody else can make the server send an
/// upstream's answer to a forged source.
pub fn serve(
    sock: UdpSocket,
    names_file: &Path,
    upstream: Option<SocketAddr>,
    client_ok: impl Fn(IpAddr) -> bool,
) -> std::io::Error {
    let mut names = NamesFile {
        path: names_file.to_path_buf(),
        seen: None,
        names: Names::default(),
    };
    let in_flight = Arc::new(AtomicUsize::new(0));
    let mut buf = [0u8; 4096];
    loop {
        let (n, client) = match sock.recv_from(&mut buf) {
            Ok(got) => got,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return e,
        };
        if !client_ok(client.ip()) {
            continue;
        }
        let msg = &buf[..n];
        let table = names.current();
        match reply(msg, table, upstream.is_some()) {
            Reply::Answer(answer) => {
                let _ = sock.send_to(&answer, client);
            }
            Reply::Forward => {
                // A member with its own `--dns` has its other queries asked there.
                let own = table
                    .upstream_of(client.ip())
                    .map(|server| SocketAddr::new(server, 53));
                let (Some(up), Ok(back)) = (own.or(upstream), sock.try_clone()) else {
                    continue;
                };
                if in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_IN_FLIGHT {
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    continue;
                }
                let (query, count) = (msg.to_vec(), in_flight.clone());
                let worker = std::thread::Builder::new().spawn(move || {
                    if let Some(answer) = ask(up, &query) {
                        let _ = back.send_to(&answer, client);
                    }
                    count.fetch_sub(1, Ordering::SeqCst);
                });
                // No thread to be had (the user's process limit): drop the query, the
                // client asks again; the server itself goes on.
                if worker.is_err() {
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                }
            }
            Reply::Drop => {}
        }
    }
}

/// The upstream's answer to `query`, if one comes in time (one deadline for the whole wait:
/// other datagrams arriving do not extend it).
fn ask(upstream: SocketAddr, query: &[u8]) -> Option<Vec<u8>> {
    let any: SocketAddr = if upstream.is_ipv4() {
        ([0, 0, 0, 0], 0).into()
    } else {
        ([0u16; 8], 0).into()
    };
    let sock = UdpSocket::bind(any).ok()?;
    sock.connect(upstream).ok()?;
    sock.send(query).ok()?;
    let deadline = Instant::now() + UPSTREAM_TIMEOUT;
    let mut buf = vec![0u8; 4096];
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        sock.set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .ok()?;
        let n = sock.recv(&mut buf).ok()?;
        // Only the answer to this query (same id).
        if n >= 2 && buf[..2] == query[..2] {
            buf.truncate(n);
            return Some(buf);
        }
    }
}
