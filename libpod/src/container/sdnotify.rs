//! systemd's readiness protocol (`sd_notify`) for containers started by a `Type=notify` unit,
//! podman's `--sdnotify` modes. The monitor is what systemd tracks as the unit's main process:
//! with `conmon` it sends `MAINPID=<monitor>` and `READY=1` once the container runs; with
//! `healthy` it sends `MAINPID` at once and `READY=1` when the healthcheck first passes; with
//! `container` it sends `MAINPID` and relays the container's own messages from a socket bound
//! into the container (`/run/notify/notify.sock`); with `ignore` nothing is sent. In every mode
//! `NOTIFY_SOCKET` is taken out of the monitor's environment, so that no helper it starts
//! (pasta, slirp4netns, healthchecks) and no container sees systemd's socket by accident.

use std::os::unix::net::{SocketAddr, UnixDatagram};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The environment variable systemd passes a notify-type service.
pub const NOTIFY_SOCKET: &str = "NOTIFY_SOCKET";
/// Where the container sees the relay socket in `container` mode (podman's path).
pub const CONTAINER_SOCKET: &str = "/run/notify/notify.sock";

/// `--sdnotify`: who tells systemd that the container is ready.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SdNotifyMode {
    /// The container sends READY=1 itself through the socket passed into it (podman's default).
    #[default]
    Container,
    /// The monitor sends READY=1 as soon as the container's command runs.
    Conmon,
    /// The monitor sends READY=1 once the container's healthcheck first passes.
    Healthy,
    /// Nothing is sent and the socket is passed on to nobody.
    Ignore,
}

impl SdNotifyMode {
    /// Parses a `--sdnotify` value.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "container" => Ok(Self::Container),
            "conmon" => Ok(Self::Conmon),
            "ignore" => Ok(Self::Ignore),
            "healthy" => Ok(Self::Healthy),
            other => Err(Error::InvalidArgument(format!(
                "invalid --sdnotify {other:?}: use conmon, container, healthy or ignore"
            ))),
        }
    }

    /// The name as given and as `inspect` shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Container => "container",
            Self::Conmon => "conmon",
            Self::Healthy => "healthy",
            Self::Ignore => "ignore",
        }
    }
}

/// The address of a `NOTIFY_SOCKET` value as `sd_notify` reads it: an absolute path, or `@name`
/// for a socket in the abstract namespace. Anything else (a relative path, an empty value) is
/// not a socket systemd hands out, and like `sd_notify` the caller then sends nothing.
pub fn socket_addr(value: &str) -> Option<SocketAddr> {
    if let Some(name) = value.strip_prefix('@') {
        use std::os::linux::net::SocketAddrExt;
        return SocketAddr::from_abstract_name(name.as_bytes()).ok();
    }
    if value.starts_with('/') {
        return SocketAddr::from_pathname(value).ok();
    }
    None
}

/// Sends one notification (`KEY=VALUE` lines) to the socket `value` names.
pub fn send(value: &str, message: &str) -> std::io::Result<()> {
    let addr = socket_addr(value).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("NOTIFY_SOCKET {value:?} is neither an absolute path nor @abstract"),
        )
    })?;
    let sock = UnixDatagram::unbound()?;
    sock.send_to_addr(message.as_bytes(), &addr)?;
    Ok(())
}

/// A message from the container rewritten for systemd: its own `MAINPID=` (a pid of the
/// container's namespace, meaningless to systemd) is dropped, and the monitor's is added when
/// the message reports readiness, so that systemd tracks the monitor (podman's rule).
pub fn relayed(message: &str, monitor_pid: u32) -> String {
    let mut out: String = message
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("MAINPID="))
        .map(|l| format!("{l}\n"))
        .collect();
    if out.lines().any(|l| l == "READY=1") {
        out.push_str(&format!("MAINPID={monitor_pid}\n"));
    }
    out
}

/// The relay socket of container `id` on the host, below the runtime directory (short: a
/// socket path must fit in 108 bytes).
pub fn relay_path(runroot: &Path, id: &str) -> PathBuf {
    runroot.join("notify").join(&id[..id.len().min(12)])
}

/// Binds the relay socket for a container at `path` (replacing a stale one), writable by every
/// user of the container, and returns it.
pub fn bind_relay(path: &Path) -> Result<UnixDatagram> {
    let io = |e: std::io::Error| Error::Runtime(format!("notify socket {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let _ = std::fs::remove_file(path);
    let sock = UnixDatagram::bind(path).map_err(io)?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o777)).map_err(io)?;
    Ok(sock)
}

/// Forks a process that relays every message arriving on `relay` to systemd's socket `target`
/// (see [`relayed`]) until it is killed; returns its pid. The monitor is single-threaded, so
/// the child may run Rust code.
pub fn spawn_relay(relay: UnixDatagram, target: &str, monitor_pid: u32) -> Result<i32> {
    // SAFETY: fork in the single-threaded monitor; the child only loops and exits.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(Error::Runtime(format!(
            "fork of the notify relay: {}",
            std::io::Error::last_os_error()
        )));
    }
    if pid > 0 {
        return Ok(pid);
    }
    // SAFETY: the relay must not outlive the monitor.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0) };
    let mut buf = vec![0u8; 4096];
    loop {
        match relay.recv(&mut buf) {
            Ok(n) => {
                let msg = relayed(&String::from_utf8_lossy(&buf[..n]), monitor_pid);
                if !msg.is_empty() {
                    let _ = send(target, &msg);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // SAFETY: leaving the forked child without running the parent's destructors.
            Err(_) => unsafe { libc::_exit(0) },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_and_print() {
        for m in ["container", "conmon", "healthy", "ignore"] {
            assert_eq!(SdNotifyMode::parse(m).unwrap().as_str(), m);
        }
        assert!(SdNotifyMode::parse("x").is_err());
        assert_eq!(SdNotifyMode::default(), SdNotifyMode::Container);
    }

    #[test]
    fn only_absolute_and_abstract_sockets() {
        assert!(socket_addr("/run/user/1000/systemd/notify").is_some());
        assert!(socket_addr("@/org/freedesktop/systemd1/notify/123").is_some());
        assert!(socket_addr("relative/notify").is_none());
        assert!(socket_addr("").is_none());
        assert!(send("relative", "READY=1").is_err());
    }

    #[test]
    fn relayed_messages_name_the_monitor() {
        assert_eq!(relayed("READY=1\nMAINPID=1", 42), "READY=1\nMAINPID=42\n");
        assert_eq!(relayed("STATUS=warming up", 42), "STATUS=warming up\n");
        assert_eq!(relayed("MAINPID=7", 42), "");
    }

    #[test]
    fn send_reaches_a_path_and_an_abstract_socket() {
        let dir = std::env::temp_dir().join(format!("skiff-notify-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("n.sock");
        let server = bind_relay(&path).unwrap();
        send(path.to_str().unwrap(), "READY=1\n").unwrap();
        let mut buf = [0u8; 64];
        let n = server.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"READY=1\n");
        std::fs::remove_dir_all(&dir).unwrap();

        use std::os::linux::net::SocketAddrExt;
        let name = format!("skiff-test-notify-{}", std::process::id());
        let server =
            UnixDatagram::bind_addr(&SocketAddr::from_abstract_name(name.as_bytes()).unwrap())
                .unwrap();
        send(&format!("@{name}"), "READY=1\n").unwrap();
        let n = server.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"READY=1\n");
    }
}
