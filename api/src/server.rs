//! The accept loop: serves HTTP/1.1 (with connection upgrade for attach and exec) on a unix
//! or TCP listener until the service has been idle for its `--time`.

use std::sync::Arc;
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use skiff_libpod::EngineOptions;
use tokio::io::{AsyncRead, AsyncWrite};

use crate::state::State;

/// Where the service listens (already bound, before the runtime started).
pub enum Listener {
    /// A unix socket.
    Unix(std::os::unix::net::UnixListener),
    /// A TCP socket.
    Tcp(std::net::TcpListener),
    /// A listening socket handed over by systemd's socket activation (unix or TCP).
    Activated(std::os::fd::OwnedFd),
}

/// How the service runs.
pub struct ServeOptions {
    /// The engine options (`--root`, `--runroot`) every request's engine gets.
    pub engine: EngineOptions,
    /// End after this long without an open connection; None serves until killed.
    pub idle: Option<Duration>,
    /// The launcher forked before the service's threads started and before it entered its
    /// user namespace (see [`skiff_libpod::container::launcher`]).
    pub launcher: Arc<skiff_libpod::container::launcher::Launcher>,
    /// podman's `--cors ORIGIN`: the origin browsers may call the API from.
    pub cors: Option<String>,
}

/// Serves the Docker API on `listener` until idle for `opts.idle`, or until SIGTERM or SIGINT. Call it from a thread that
/// may block; it runs its own multi-threaded runtime.
pub fn serve(listener: Listener, opts: ServeOptions) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let served = rt.block_on(accept_loop(listener, opts));
    // Engine calls on blocking threads (a log follow, a wait for a container that keeps
    // running) may never end on their own: dropping the runtime would wait for them, and a
    // stopped service would linger. Its caller removes the socket and exits.
    rt.shutdown_background();
    served
}

async fn accept_loop(listener: Listener, opts: ServeOptions) -> std::io::Result<()> {
    let state = Arc::new(State::new(opts.engine, opts.launcher).with_cors(opts.cors));
    let listener = match listener {
        Listener::Activated(fd) => activated(fd)?,
        Listener::Unix(l) => {
            l.set_nonblocking(true)?;
            Accept::Unix(tokio::net::UnixListener::from_std(l)?)
        }
        Listener::Tcp(l) => {
            l.set_nonblocking(true)?;
            Accept::Tcp(tokio::net::TcpListener::from_std(l)?)
        }
    };
    let tick = Duration::from_millis(250);
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(Conn::Unix(s)) => {
                    let fd = std::os::fd::AsRawFd::as_raw_fd(&s);
                    spawn_conn(state.clone(), s, Some(crate::hijack::UnixConn(fd)))
                }
                Ok(Conn::Tcp(s)) => spawn_conn(state.clone(), s, None),
                Err(e) => tracing::warn!("accepting a connection: {e}"),
            },
            // SIGTERM (systemctl stop, kill) and SIGINT end the service cleanly: its caller
            // removes the socket.
            _ = term.recv() => return Ok(()),
            _ = int.recv() => return Ok(()),
            _ = tokio::time::sleep(tick) => {}
        }
        if let (Some(limit), Some(idle)) = (opts.idle, state.idle_for()) {
            if idle >= limit {
                return Ok(());
            }
        }
    }
}

/// The accepting side of an activation socket, by its address family.
fn activated(fd: std::os::fd::OwnedFd) -> std::io::Result<Accept> {
    use std::os::fd::AsRawFd;
    let addr: nix::sys::socket::SockaddrStorage =
        nix::sys::socket::getsockname(fd.as_raw_fd()).map_err(std::io::Error::from)?;
    if addr.as_unix_addr().is_some() {
        let l = std::os::unix::net::UnixListener::from(fd);
        l.set_nonblocking(true)?;
        Ok(Accept::Unix(tokio::net::UnixListener::from_std(l)?))
    } else {
        let l = std::net::TcpListener::from(fd);
        l.set_nonblocking(true)?;
        Ok(Accept::Tcp(tokio::net::TcpListener::from_std(l)?))
    }
}

enum Accept {
    Unix(tokio::net::UnixListener),
    Tcp(tokio::net::TcpListener),
}

enum Conn {
    Unix(tokio::net::UnixStream),
    Tcp(tokio::net::TcpStream),
}

impl Accept {
    async fn accept(&self) -> std::io::Result<Conn> {
        match self {
            Accept::Unix(l) => l.accept().await.map(|(s, _)| Conn::Unix(s)),
            Accept::Tcp(l) => l.accept().await.map(|(s, _)| Conn::Tcp(s)),
        }
    }
}

/// Serves one connection; `unix` names its socket when it is a unix one (a hijacked
/// connection waits on it for the client to read the answer, see [`crate::hijack::UnixConn`]).
fn spawn_conn<S>(state: Arc<State>, stream: S, unix: Option<crate::hijack::UnixConn>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let busy = state.busy();
    tokio::spawn(async move {
        let service = service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            let state = state.clone();
            if let Some(conn) = unix {
                req.extensions_mut().insert(conn);
            }
            async move { Ok::<_, std::convert::Infallible>(crate::router::handle(state, req).await) }
        });
        let conn = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades();
        if let Err(e) = conn.await {
            tracing::debug!("connection ended: {e}");
        }
        drop(busy);
    });
}
