//! Hijacked connections (attach, exec): the `101 UPGRADED` answer (or, for a client that does
//! not upgrade, a `200` whose body is the stream), docker's stream framing, and relaying a
//! container's output pipes onto the connection.

use std::future::Future;
use std::io::Read;
use std::pin::Pin;

use bytes::{BufMut, Bytes, BytesMut};
use hyper::body::Incoming;
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::body::{self, Resp};

/// Which stream a frame carries (docker's stream type byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// The container's stdout.
    Stdout = 1,
    /// The container's stderr.
    Stderr = 2,
}

/// The descriptor of a client's unix socket connection, kept in its requests' extensions.
#[derive(Debug, Clone, Copy)]
pub struct UnixConn(pub std::os::fd::RawFd);

impl UnixConn {
    /// Waits (at most a second) until the client has read everything sent on the connection,
    /// the `101` answer of a hijack. Clients that take the raw socket from their HTTP library
    /// after reading the answer (docker-py) lose stream bytes that arrive with the answer in
    /// one read (the library's buffer keeps them); docker's daemon writes its answer and the
    /// stream separately too, but nothing keeps a busy client from reading both at once.
    pub async fn answer_read(self) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
        loop {
            let mut queued: libc::c_int = 0;
            // SAFETY: TIOCOUTQ (SIOCOUTQ) on the connection's descriptor, which the upgraded
            // connection keeps open, writes one int: the bytes the peer has not read yet.
            let rc = unsafe { libc::ioctl(self.0, libc::TIOCOUTQ, &mut queued) };
            if rc < 0 || queued == 0 || std::time::Instant::now() > deadline {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
    }
}

/// docker's multiplexed frame: stream type, three zero bytes, the length (big endian), data.
pub fn frame(stream: Stream, data: &[u8]) -> Bytes {
    let mut b = BytesMut::with_capacity(8 + data.len());
    b.put_u8(stream as u8);
    b.put_slice(&[0, 0, 0]);
    b.put_u32(data.len() as u32);
    b.put_slice(data);
    b.freeze()
}

/// The content type of a container's output: raw with a tty, multiplexed frames without.
pub fn content_type(tty: bool) -> &'static str {
    if tty {
        "application/vnd.docker.raw-stream"
    } else {
        "application/vnd.docker.multiplexed-stream"
    }
}

/// Both directions of the connection a hijacked stream runs on.
pub trait Duplex: AsyncRead + AsyncWrite + Send + Unpin {}

impl<T: AsyncRead + AsyncWrite + Send + Unpin> Duplex for T {}

/// The connection of a hijacked stream: the client's own, or a pipe to an answer's body.
pub type Conn = Box<dyn Duplex>;

/// The connection, once there is one (None: the client went before the upgrade).
pub type PendingConn = Pin<Box<dyn Future<Output = Option<Conn>> + Send>>;

/// The answer to an attach or exec start and the connection its stream goes on. A client that
/// asks for an upgrade (docker's CLI, docker-py) gets `101` and the connection itself, once
/// upgraded (after the client has read the answer with `wait_answer_read`, see
/// [`UnixConn::answer_read`]). One that does not (dockerode's default, curl) gets `200` and the
/// stream as the answer's body, as docker's daemon answers it; it sends no input.
pub fn answer(
    req: &mut Request<Incoming>,
    tty: bool,
    wait_answer_read: bool,
) -> (Resp, PendingConn) {
    if req.headers().contains_key(hyper::header::UPGRADE) {
        let upgrade = hyper::upgrade::on(&mut *req);
        let unix = req.extensions().get::<UnixConn>().copied();
        let conn = async move {
            let upgraded = upgrade.await.ok()?;
            if let (true, Some(conn)) = (wait_answer_read, unix) {
                conn.answer_read().await;
            }
            Some(Box::new(TokioIo::new(upgraded)) as Conn)
        };
        return (upgraded(tty), Box::pin(conn));
    }
    let (ours, theirs) = tokio::io::duplex(64 * 1024);
    let (resp, tx) = body::stream(content_type(tty));
    tokio::spawn(async move {
        // The pipe's other direction stays open (and empty) while the client is there: the
        // session sees no input and no hang-up. When the client goes (the answer's body is
        // dropped), the pipe goes too, silent session or not, and the session ends.
        let (mut from_session, _no_input) = tokio::io::split(theirs);
        let gone = tx.clone();
        tokio::select! {
            _ = feed(&mut from_session, tx) => {}
            _ = gone.closed() => {}
        }
    });
    (resp, Box::pin(async move { Some(Box::new(ours) as Conn) }))
}

/// The `101 Switching Protocols` answer that hands the connection to the stream.
fn upgraded(tty: bool) -> Resp {
    let mut r = body::empty(StatusCode::SWITCHING_PROTOCOLS);
    let h = r.headers_mut();
    h.insert("Connection", "Upgrade".parse().expect("header"));
    h.insert("Upgrade", "tcp".parse().expect("header"));
    h.insert("Content-Type", content_type(tty).parse().expect("header"));
    r
}

/// Reads `file` on a thread of its own until its end, sending each chunk tagged `stream`.
pub fn pump(file: std::fs::File, stream: Stream, tx: mpsc::Sender<(Stream, Bytes)>) {
    pump_to_all(file, stream, vec![tx]);
}

/// [`pump`] to several receivers: each chunk of `file` goes to every one still listening;
/// the thread ends with the file or when nobody listens.
pub fn pump_to_all(file: std::fs::File, stream: Stream, txs: Vec<mpsc::Sender<(Stream, Bytes)>>) {
    std::thread::spawn(move || {
        let mut file = file;
        let mut txs = txs;
        let mut buf = vec![0u8; 32 * 1024];
        while !txs.is_empty() {
            match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let chunk = Bytes::copy_from_slice(&buf[..n]);
                    txs.retain(|tx| tx.blocking_send((stream, chunk.clone())).is_ok());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
    });
}

/// A thread that writes every chunk it is sent to `file` (a process's stdin or a pty master)
/// and closes it when the sender is dropped (the client ended its input).
pub fn sink(file: std::fs::File) -> mpsc::Sender<Bytes> {
    let (tx, mut rx) = mpsc::channel::<Bytes>(16);
    std::thread::spawn(move || {
        use std::io::Write;
        let mut file = file;
        while let Some(data) = rx.blocking_recv() {
            if file.write_all(&data).is_err() {
                break;
            }
        }
    });
    tx
}

/// Sends what the client writes on its side of the connection to `tx` until the client
/// closes its input.
pub async fn feed<R: AsyncRead + Unpin>(input: &mut R, tx: mpsc::Sender<Bytes>) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match input.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                if tx.send(Bytes::copy_from_slice(&buf[..n])).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// The client's input on a hijacked connection, passed on to a session until it ends.
pub struct Feeder {
    stop: tokio::sync::oneshot::Sender<()>,
}

impl Feeder {
    /// Passes what the client writes on `input` to `tx` (see [`feed`]) until the client
    /// closes its side or [`Feeder::stop`] is called.
    pub fn spawn<R>(input: R, tx: mpsc::Sender<Bytes>) -> Feeder
    where
        R: AsyncRead + Unpin + Send + 'static,
    {
        let (stop, stopped) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let mut input = input;
            tokio::select! {
                _ = feed(&mut input, tx) => return,
                _ = stopped => {}
            }
            drain(input).await;
        });
        Feeder { stop }
    }

    /// The session ended: its input is closed, and what the client still sends is read and
    /// dropped until it closes its side (5 s at most). The connection must not close with
    /// input unread: a unix socket closed so makes the client's next read fail with
    /// ECONNRESET (the docker CLI then reports "connection reset by peer", not the exit code).
    pub fn stop(self) {
        let _ = self.stop.send(());
    }
}

/// Reads and drops what `input` gives until it ends, for 5 s at most.
async fn drain<R: AsyncRead + Unpin>(mut input: R) {
    let mut buf = vec![0u8; 4096];
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        while let Ok(n) = input.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
}

/// A blocking writer for the engine's relays: each write becomes one chunk on `tx`, a frame of
/// `stream` unless `tty`; writes fail once the client went away (the receiver was dropped).
pub struct ChunkWriter {
    tx: mpsc::Sender<Bytes>,
    stream: Stream,
    tty: bool,
}

impl ChunkWriter {
    /// A writer of `stream`'s chunks to `tx`.
    pub fn new(tx: mpsc::Sender<Bytes>, stream: Stream, tty: bool) -> ChunkWriter {
        ChunkWriter { tx, stream, tty }
    }
}

impl std::io::Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let chunk = if self.tty {
            Bytes::copy_from_slice(data)
        } else {
            frame(self.stream, data)
        };
        self.tx
            .blocking_send(chunk)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client went away"))?;
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes what the pumps send to `out` (framed unless `tty`), keeping only the `wanted`
/// streams, until every pump ended or the client went away.
pub async fn relay<W: AsyncWrite + Unpin>(
    mut rx: mpsc::Receiver<(Stream, Bytes)>,
    out: &mut W,
    tty: bool,
    wanted: impl Fn(Stream) -> bool,
) {
    while let Some((stream, data)) = rx.recv().await {
        if !wanted(stream) {
            continue;
        }
        let chunk = if tty { data } else { frame(stream, &data) };
        if out.write_all(&chunk).await.is_err() || out.flush().await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_carry_stream_and_big_endian_length() {
        let f = frame(Stream::Stderr, b"hi\n");
        assert_eq!(&f[..], &[2, 0, 0, 0, 0, 0, 0, 3, b'h', b'i', b'\n']);
    }
}
