//! `skiff system service`: serves the Docker Engine API on a unix socket (or TCP when asked)
//! so docker clients drive skiff unchanged.

use std::os::fd::FromRawFd;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use skiff_libpod::{Engine, EngineOptions};

/// Serve the Docker-compatible REST API (export DOCKER_HOST=unix://PATH to use it)
#[derive(Debug, Args)]
pub struct ServiceArgs {
    /// Seconds without a connection before the service exits (0: never)
    #[arg(
        short = 't',
        long = "time",
        value_name = "SECONDS",
        default_value_t = 5
    )]
    time: u64,
    /// Answer browsers' cross-origin requests from this origin (`*` for any): the CORS
    /// headers on every response, and preflight OPTIONS requests (podman's)
    #[arg(long, value_name = "ORIGIN")]
    cors: Option<String>,
    /// Where to listen: unix:///path/to/socket or tcp://HOST:PORT (default: skiff's socket
    /// in the runtime directory, /run/skiff/skiff.sock as root)
    #[arg(value_name = "URI")]
    uri: Option<String>,
}

/// Where the service listens.
#[derive(Debug, PartialEq, Eq)]
enum Endpoint {
    Unix(PathBuf),
    Tcp(String),
}

fn parse_endpoint(uri: Option<&str>) -> anyhow::Result<Endpoint> {
    let Some(uri) = uri else {
        return Ok(Endpoint::Unix(skiff_libpod::config::service_socket()));
    };
    if let Some(path) = uri.strip_prefix("unix://") {
        if !path.starts_with('/') {
            anyhow::bail!(
                "invalid socket {uri:?}: give an absolute path, as unix:///run/skiff.sock"
            );
        }
        return Ok(Endpoint::Unix(PathBuf::from(path)));
    }
    if let Some(addr) = uri.strip_prefix("tcp://") {
        if !addr.contains(':') {
            anyhow::bail!("invalid address {uri:?}: give HOST:PORT, as tcp://127.0.0.1:2375");
        }
        return Ok(Endpoint::Tcp(addr.trim_end_matches('/').to_string()));
    }
    anyhow::bail!("invalid listen address {uri:?}: use unix:///path or tcp://HOST:PORT")
}

/// Binds the unix socket at `path` (mode 0600, its directory created 0700), replacing a
/// stale socket left by a service that was killed.
fn bind_unix(path: &Path) -> anyhow::Result<std::os::unix::net::UnixListener> {
    if let Some(dir) = path.parent() {
        if !dir.exists() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("setting the mode of {}", dir.display()))?;
        }
    }
    if std::os::unix::net::UnixStream::connect(path).is_ok() {
        anyhow::bail!(
            "another service already listens on {}: stop it, or give another socket path",
            path.display()
        );
    }
    // Only a stale socket is removed: a path naming any other file is the user's mistake, not
    // something to delete (as root, `unix:///etc/passwd` must not remove /etc/passwd).
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_socket() => std::fs::remove_file(path)
            .with_context(|| format!("removing stale {}", path.display()))?,
        Ok(_) => anyhow::bail!(
            "{} exists and is not a socket: give the service another path",
            path.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    }
    // The socket is made 0600 by the umask at bind: a chmod after it would leave a moment in
    // which another user could connect. SAFETY: umask is process-wide, and no thread exists yet.
    let old = unsafe { libc::umask(0o177) };
    let bound = std::os::unix::net::UnixListener::bind(path);
    // SAFETY: as above.
    unsafe { libc::umask(old) };
    bound.with_context(|| format!("listening on {}", path.display()))
}

/// systemd's socket activation: the listening socket passed as fd 3 when `LISTEN_PID` is this
/// process and `LISTEN_FDS` is at least 1 (the variables are removed, so children do not see
/// them). None when not activated.
fn activation_listener() -> anyhow::Result<Option<skiff_api::Listener>> {
    let for_us = std::env::var("LISTEN_PID")
        .ok()
        .and_then(|p| p.parse::<u32>().ok())
        == Some(std::process::id());
    let count: u32 = std::env::var("LISTEN_FDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    for var in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] {
        // SAFETY: no other thread exists yet.
        unsafe { std::env::remove_var(var) };
    }
    if !for_us || count == 0 {
        return Ok(None);
    }
    if count > 1 {
        anyhow::bail!(
            "socket activation passed {count} sockets: give skiff.socket one ListenStream"
        );
    }
    // SAFETY: fd 3 is the socket systemd passed us (LISTEN_FDS_START); we own it from here on.
    let fd = unsafe { std::os::fd::OwnedFd::from_raw_fd(3) };
    // systemd passes it inheritable: no monitor, launcher or container may get the socket.
    nix::fcntl::fcntl(
        std::os::fd::AsRawFd::as_raw_fd(&fd),
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    )
    .context("marking the activation socket close-on-exec")?;
    let listening = nix::sys::socket::getsockopt(&fd, nix::sys::socket::sockopt::AcceptConn)
        .context("the activation socket (fd 3) is not a socket")?;
    if !listening {
        anyhow::bail!(
            "the activation socket (fd 3) is not listening: use ListenStream in skiff.socket"
        );
    }
    Ok(Some(skiff_api::Listener::Activated(fd)))
}

/// `skiff system service`.
pub fn exec(engine: &mut Engine, args: ServiceArgs) -> anyhow::Result<i32> {
    let endpoint = parse_endpoint(args.uri.as_deref())?;
    // exec forks from the service: it must run from a read-only view of the binary.
    engine.protect_service()?;
    // First, while single-threaded: the activation socket becomes close-on-exec and the
    // LISTEN_* variables go, so nothing forked below inherits them.
    let activated = activation_listener()?;
    let engine_opts = EngineOptions {
        root: Some(engine.paths().root.clone()),
        runroot: Some(engine.paths().runroot.clone()),
        ..Default::default()
    };
    // A launcher forked now, single-threaded and still in our user namespace, does what a
    // threaded process cannot: copies into and out of containers (they mount and join
    // namespaces) and, rootless, starts and execs in containers of other user namespaces.
    let launcher = std::sync::Arc::new(skiff_libpod::container::launcher::Launcher::spawn(
        engine_opts.clone(),
    )?);
    // Rootless, a container the CLI started, or one on a user-defined network, runs in a user
    // namespace this process (in its own, below) holds no capability in: a stop, kill or
    // `rm -f` of one whose process runs as a user other than root there is signalled from the
    // launcher, in the namespace that owns them all.
    let relay = launcher.clone();
    skiff_libpod::container::stop::relay_signals_through(move |pid, sig| relay.kill(pid, sig));
    // Before any thread exists: the user namespace cannot be entered by a threaded process.
    engine.enter_userns()?;
    // A client that goes away must end its stream, not the service.
    // SAFETY: setting a signal disposition before any thread starts.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    let listener = match (&endpoint, activated) {
        (_, Some(l)) => l,
        (Endpoint::Unix(path), None) => skiff_api::Listener::Unix(bind_unix(path)?),
        (Endpoint::Tcp(addr), None) => {
            eprintln!(
                "WARNING: serving the API on tcp://{addr} without TLS: anyone who can reach it \
                 controls your containers"
            );
            skiff_api::Listener::Tcp(
                std::net::TcpListener::bind(addr)
                    .with_context(|| format!("listening on {addr}"))?,
            )
        }
    };
    let opts = skiff_api::ServeOptions {
        engine: engine_opts,
        idle: (args.time > 0).then(|| Duration::from_secs(args.time)),
        launcher,
        cors: args.cors.clone(),
    };
    let ours = !matches!(listener, skiff_api::Listener::Activated(_));
    let served = skiff_api::serve(listener, opts).context("serving the API");
    if let (true, Endpoint::Unix(path)) = (ours, &endpoint) {
        let _ = std::fs::remove_file(path);
    }
    served?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(
            parse_endpoint(Some("unix:///tmp/x.sock")).unwrap(),
            Endpoint::Unix("/tmp/x.sock".into())
        );
        assert_eq!(
            parse_endpoint(Some("tcp://127.0.0.1:2375")).unwrap(),
            Endpoint::Tcp("127.0.0.1:2375".into())
        );
        assert!(parse_endpoint(Some("unix://rel.sock")).is_err());
        assert!(parse_endpoint(Some("http://x")).is_err());
        assert!(parse_endpoint(Some("tcp://nohost")).is_err());
        assert!(
            matches!(parse_endpoint(None).unwrap(), Endpoint::Unix(p) if p.ends_with("skiff/skiff.sock"))
        );
    }
}
