//! Starting and stopping the user-mode helper (slirp4netns or pasta) that connects one
//! container's network namespace to the host, and publishing its ports through it.
//!
//! The caller (the container's monitor) bind-mounts the container's network namespace on a file
//! first, so both helpers reach it by path: pasta drops its capabilities before opening the
//! namespace and could not open `/proc/PID/ns/net` of a non-dumpable init, and pasta quits by
//! itself once that file is removed.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::mode::Helper;
use crate::ports::PortBinding;

/// How long a helper may take to connect the namespace before the start fails.
const READY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a helper could not connect a container.
#[derive(Debug, thiserror::Error)]
pub enum HelperError {
    /// The program is not installed.
    #[error("{program} is not installed: install the `{package}` package (apt-get install {package}), or use --network none|host")]
    NotInstalled {
        /// The program.
        program: &'static str,
        /// Debian's package for it.
        package: &'static str,
    },
    /// The helper failed; `output` is what it said.
    #[error("{program} could not connect the container's network: {output}")]
    Failed {
        /// The program.
        program: &'static str,
        /// Its messages (or what went wrong talking to it).
        output: String,
    },
    /// A port could not be published.
    #[error("cannot publish port {port}/{protocol} on {ip}: {reason}; stop what uses it or choose another host port")]
    Port {
        /// Host address.
        ip: String,
        /// Host port.
        port: u16,
        /// Protocol.
        protocol: String,
        /// The helper's answer.
        reason: String,
    },
    /// A system call around the helper failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The error.
        source: std::io::Error,
    },
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> HelperError {
    let what = what.into();
    move |source| HelperError::Io { what, source }
}

/// The addresses a container gets on its helper's network.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Addresses {
    /// The container's IPv4 address.
    pub ip: String,
    /// Its prefix length.
    pub prefix_len: u8,
    /// The default gateway.
    pub gateway: String,
    /// The name servers to write into resolv.conf.
    pub dns: Vec<String>,
    /// The address `host.containers.internal` and `host.docker.internal` resolve to.
    pub host: String,
}

/// slirp4netns's fixed network (its defaults for 10.0.2.0/24).
const SLIRP_IP: &str = "10.0.2.100";
const SLIRP_GATEWAY: &str = "10.0.2.2";
const SLIRP_DNS: &str = "10.0.2.3";

/// The addresses `helper` will give a container, known before it starts (the resolv.conf and
/// hosts files are written first). `host_resolvers` are the host's name servers.
pub fn addresses(helper: Helper, host_resolvers: &[String]) -> Addresses {
    match helper {
        Helper::Slirp4netns => Addresses {
            ip: SLIRP_IP.into(),
            prefix_len: 24,
            gateway: SLIRP_GATEWAY.into(),
            // slirp4netns answers on 10.0.2.3 by asking the host's resolvers, loopback ones
            // (systemd-resolved's 127.0.0.53) included.
            dns: vec![SLIRP_DNS.into()],
            // The host's own address: slirp4netns connects there from the host (its loopback is
            // kept out of reach with --disable-host-loopback, as podman does).
            host: crate::host::primary_address()
                .map(|a| a.to_string())
                .unwrap_or_else(|| SLIRP_GATEWAY.into()),
        },
        Helper::Pasta => {
            let route = crate::host::default_route();
            let ip = crate::host::primary_address();
            let gateway = route
                .map(|r| r.gateway.to_string())
                .unwrap_or_else(|| "169.254.0.1".into());
            let usable: Vec<String> = host_resolvers
                .iter()
                .filter(|r| !is_loopback(r))
                .cloned()
                .collect();
            Addresses {
                ip: ip.map(|a| a.to_string()).unwrap_or_default(),
                prefix_len: prefix_of(ip).unwrap_or(24),
                // With only loopback resolvers on the host, queries to the gateway are
                // forwarded to the host's first resolver (--dns-forward).
                dns: if usable.is_empty() {
                    vec![gateway.clone()]
                } else {
                    usable
                },
                // pasta copies the host's address into the container, so the host is reached
                // through the gateway address, which pasta maps to the host.
                host: gateway.clone(),
                gateway,
            }
        }
    }
}

fn is_loopback(addr: &str) -> bool {
    addr.parse::<std::net::IpAddr>()
        .map(|a| a.is_loopback())
        .unwrap_or(false)
}

fn prefix_of(ip: Option<std::net::Ipv4Addr>) -> Option<u8> {
    let ip = ip?;
    nix::ifaddrs::getifaddrs().ok()?.find_map(|a| {
        let addr = a.address?.as_sockaddr_in()?.ip();
        let mask = a.netmask?.as_sockaddr_in()?.ip();
        (addr == ip).then(|| u32::from(mask).count_ones() as u8)
    })
}

/// What starting a helper needs.
#[derive(Debug, Clone)]
pub struct HelperRequest<'a> {
    /// Which helper.
    pub helper: Helper,
    /// The container's network namespace, bind-mounted on a file.
    pub netns: &'a Path,
    /// A private directory for the helper's socket, pid file and messages.
    pub run_dir: &'a Path,
    /// The ports to publish.
    pub ports: &'a [PortBinding],
    /// The container's addresses (see [`addresses`]).
    pub addresses: &'a Addresses,
    /// `--mac-address` for the container's interface (None: the helper picks one).
    pub mac_address: Option<&'a str>,
    /// Open slirp4netns's API socket even without ports (a user-defined network's helper
    /// publishes its members' ports later, through [`add_forward`]).
    pub api_socket: bool,
    /// slirp4netns: carry IPv6 too (`--enable-ipv6`; its network is `fd00::/64`).
    pub ipv6: bool,
    /// slirp4netns: let the namespace reach the host's loopback through the helper's host
    /// addresses (10.0.2.2, `fd00::2`); kept out of reach otherwise, as podman does.
    pub host_loopback: bool,
}

/// A running helper. Dropping it does not stop it: call [`RunningHelper::stop`].
#[derive(Debug)]
pub struct RunningHelper {
    /// Which helper.
    pub helper: Helper,
    /// Its process id.
    pub pid: i32,
    /// slirp4netns's exit descriptor: it quits when the last copy of this closes, so a
    /// monitor that dies takes its helper along.
    exit_guard: Option<OwnedFd>,
}

impl RunningHelper {
    /// Stops the helper and reaps it if it is the caller's child. slirp4netns quits when its
    /// exit descriptor closes (it keeps running on SIGTERM); pasta on SIGTERM.
    pub fn stop(self) {
        match self.exit_guard {
            Some(guard) => {
                drop(guard);
                wait_gone(self.pid, None);
            }
            None => stop_pid(self.pid),
        }
    }

    /// Tells the helper to quit without waiting for it to be gone: for a helper that holds no
    /// host port, whose exit (the kernel tearing its tap device down takes ~10 ms) nobody needs
    /// to wait for. The caller reaps it later, as any child.
    pub fn stop_without_waiting(self) {
        match self.exit_guard {
            Some(guard) => drop(guard),
            // SAFETY: a signal to the helper's pid.
            None => unsafe {
                libc::kill(self.pid, libc::SIGTERM);
            },
        }
    }
}

/// Stops helper process `pid` (SIGTERM, SIGKILL after a second), reaping it when it is a child.
pub fn stop_pid(pid: i32) {
    wait_gone(pid, Some(libc::SIGTERM));
}

/// Sends `signal` (if any) to `pid` and waits up to a second for it to end, then kills it.
fn wait_gone(pid: i32, signal: Option<i32>) {
    if pid <= 0 {
        return;
    }
    // SAFETY: signals to a process id; waitpid with WNOHANG on it.
    unsafe {
        if let Some(sig) = signal {
            libc::kill(pid, sig);
        }
        let deadline = Instant::now() + Duration::from_secs(1);
        loop {
            let r = libc::waitpid(pid, std::ptr::null_mut(), libc::WNOHANG);
            if r == pid || (r < 0 && libc::kill(pid, 0) != 0) {
                return;
            }
            if Instant::now() >= deadline {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, std::ptr::null_mut(), 0);
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// True when process `pid` is alive and runs `helper` (a recycled pid is not taken for it).
pub fn is_running(pid: i32, helper: Helper) -> bool {
    if pid <= 0 {
        return false;
    }
    let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
        return false;
    };
    let argv0 = cmdline.split(|b| *b == 0).next().unwrap_or(&[]);
    let name = Path::new(std::str::from_utf8(argv0).unwrap_or(""))
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    match helper {
        Helper::Slirp4netns => name == "slirp4netns",
        // pasta runs as passt's binary (pasta, or passt.avx2 where the CPU has AVX2).
        Helper::Pasta => name.starts_with("pasta") || name.starts_with("passt"),
    }
}

/// Starts the helper for one container and waits until the namespace is connected and every
/// port is published.
pub fn start(req: &HelperRequest<'_>) -> Result<RunningHelper, HelperError> {
    std::fs::create_dir_all(req.run_dir)
        .map_err(io(format!("creating {}", req.run_dir.display())))?;
    match req.helper {
        Helper::Slirp4netns => start_slirp(req),
        Helper::Pasta => start_pasta(req),
    }
}

/// Where `helper`'s program is (the one [`start`] runs), when it is installed.
pub fn program_path(helper: Helper) -> Option<PathBuf> {
    find_on_path(helper.name())
}

fn find_program(name: &'static str, package: &'static str) -> Result<PathBuf, HelperError> {
    find_on_path(name).ok_or(HelperError::NotInstalled {
        program: name,
        package,
    })
}

/// Where the program `name` is: on PATH, or in /usr/bin or /usr/sbin (a PATH without them, as
/// in some `sudo -u` and cron environments, still finds the helpers skiff runs).
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .chain(["/usr/bin".into(), "/usr/sbin".into()])
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn pipe() -> Result<(OwnedFd, OwnedFd), HelperError> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| HelperError::Io {
        what: "pipe".into(),
        source: e.into(),
    })
}

/// Makes `fds` survive the exec in a child created by `cmd`.
fn keep_open(cmd: &mut Command, fds: Vec<i32>) {
    // SAFETY: only fcntl on descriptors the parent owns, between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            for fd in &fds {
                if libc::fcntl(*fd, libc::F_SETFD, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
}

fn messages(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains("to syslog"))
        .collect();
    if lines.is_empty() {
        "it exited without saying why".into()
    } else {
        lines.join("; ")
    }
}

fn start_slirp(req: &HelperRequest<'_>) -> Result<RunningHelper, HelperError> {
    let program = find_program("slirp4netns", "slirp4netns")?;
    let api = api_socket(req.run_dir);
    let _ = std::fs::remove_file(&api);
    let log = req.run_dir.join("slirp4netns.log");
    let (ready_r, ready_w) = pipe()?;
    let (exit_r, exit_w) = pipe()?;
    let mut cmd = Command::new(program);
    cmd.arg("--configure")
        .arg("--mtu=65520")
        .arg(format!("--ready-fd={}", ready_w.as_raw_fd()))
        .arg(format!("--exit-fd={}", exit_r.as_raw_fd()))
        .arg("--netns-type=path");
    if !req.host_loopback {
        cmd.arg("--disable-host-loopback");
    }
    if req.ipv6 {
        cmd.arg("--enable-ipv6");
    }
    if let Some(mac) = req.mac_address {
        cmd.arg(format!("--macaddress={mac}"));
    }
    if !req.ports.is_empty() || req.api_socket {
        cmd.arg(format!("--api-socket={}", api.display()));
    }
    cmd.arg(req.netns)
        .arg("tap0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).map_err(io(format!("creating {}", log.display())))?);
    keep_open(&mut cmd, vec![ready_w.as_raw_fd(), exit_r.as_raw_fd()]);
    let child = cmd.spawn().map_err(|e| HelperError::Failed {
        program: "slirp4netns",
        output: e.to_string(),
    })?;
    drop(ready_w);
    drop(exit_r);
    let pid = child.id() as i32;
    let running = RunningHelper {
        helper: Helper::Slirp4netns,
        pid,
        exit_guard: Some(exit_w),
    };
    if let Err(e) = wait_ready(&ready_r) {
        running.stop();
        return Err(HelperError::Failed {
            program: "slirp4netns",
            output: format!("{e}: {}", messages(&log)),
        });
    }
    for p in req.ports {
        if let Err(e) = add_forward(&api, p, &req.addresses.ip) {
            running.stop();
            return Err(e);
        }
    }
    Ok(running)
}

/// Waits for the ready byte (or end of file, when the helper died).
fn wait_ready(fd: &OwnedFd) -> Result<(), String> {
    let deadline = Instant::now() + READY_TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(format!(
                "not ready after {} seconds",
                READY_TIMEOUT.as_secs()
            ));
        }
        let mut pfd = libc::pollfd {
            fd: fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&mut pfd, 1, left.as_millis() as i32) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e.to_string());
        }
        if n == 0 {
            continue;
        }
        let mut b = [0u8; 1];
        // SAFETY: reading one byte into a buffer we own.
        let r = unsafe { libc::read(fd.as_raw_fd(), b.as_mut_ptr().cast(), 1) };
        return if r == 1 {
            Ok(())
        } else {
            Err("it exited before the network was up".into())
        };
    }
}

/// The API socket of a slirp4netns started in `run_dir`.
pub fn api_socket(run_dir: &Path) -> PathBuf {
    run_dir.join("slirp4netns.sock")
}

/// Publishes port `p` through the slirp4netns whose API socket is `api`, to `guest_ip`;
/// returns the forward's id (for [`remove_forward`]).
pub fn add_forward(api: &Path, p: &PortBinding, guest_ip: &str) -> Result<u64, HelperError> {
    let host_addr = if p.host_ip.is_empty() {
        "0.0.0.0"
    } else {
        &p.host_ip
    };
    let request = serde_json::json!({
        "execute": "add_hostfwd",
        "arguments": {
            "proto": p.protocol,
            "host_addr": host_addr,
            "host_port": p.host_port,
            "guest_addr": guest_ip,
            "guest_port": p.container_port,
        }
    });
    let (v, answer) = slirp_api(api, &request)?;
    if let Some(r) = v.get("return") {
        return Ok(r["id"].as_u64().unwrap_or(0));
    }
    let reason = v["error"]["desc"]
        .as_str()
        .map(str::to_string)
        .unwrap_or(answer);
    Err(HelperError::Port {
        ip: p.display_ip().to_string(),
        port: p.host_port,
        protocol: p.protocol.clone(),
        reason,
    })
}

/// Withdraws forward `id` from the slirp4netns whose API socket is `api`.
pub fn remove_forward(api: &Path, id: u64) -> Result<(), HelperError> {
    let request = serde_json::json!({"execute": "remove_hostfwd", "arguments": {"id": id}});
    slirp_api(api, &request).map(|_| ())
}

/// slirp4netns's API: one JSON request per connection, answered with `{"return": ...}` or
/// `{"error": {"desc": ...}}`.
fn slirp_api(
    api: &Path,
    request: &serde_json::Value,
) -> Result<(serde_json::Value, String), HelperError> {
    let talk = || -> std::io::Result<String> {
        let mut s = UnixStream::connect(api)?;
        s.set_read_timeout(Some(READY_TIMEOUT))?;
        s.write_all(request.to_string().as_bytes())?;
        s.shutdown(std::net::Shutdown::Write)?;
        let mut answer = String::new();
        s.read_to_string(&mut answer)?;
        Ok(answer)
    };
    let answer = talk().map_err(|e| HelperError::Failed {
        program: "slirp4netns",
        output: format!("its API socket {}: {e}", api.display()),
    })?;
    Ok((serde_json::from_str(&answer).unwrap_or_default(), answer))
}

/// Checks a `--mac-address` value: six colon-separated hex octets, unicast.
pub fn check_mac_address(mac: &str) -> Result<(), String> {
    let octets: Vec<&str> = mac.split(':').collect();
    let valid = octets.len() == 6
        && octets
            .iter()
            .all(|o| o.len() == 2 && o.chars().all(|c| c.is_ascii_hexdigit()));
    if !valid {
        return Err(format!("invalid MAC address: {mac}"));
    }
    let first = u8::from_str_radix(octets[0], 16).unwrap_or(1);
    if first & 1 == 1 {
        return Err(format!("invalid MAC address: {mac} is a multicast address"));
    }
    Ok(())
}

/// pasta's `-t`/`-u` value for one binding: `[ADDR/]HOST:CONTAINER`.
pub fn pasta_port_spec(p: &PortBinding) -> String {
    let addr = if p.host_ip.is_empty() {
        String::new()
    } else {
        format!("{}/", p.host_ip)
    };
    format!("{addr}{}:{}", p.host_port, p.container_port)
}

fn start_pasta(req: &HelperRequest<'_>) -> Result<RunningHelper, HelperError> {
    let program = find_program("pasta", "passt")?;
    let pid_file = req.run_dir.join("pasta.pid");
    let _ = std::fs::remove_file(&pid_file);
    let log = req.run_dir.join("pasta.log");
    let mut cmd = Command::new(program);
    // --runas 0: pasta otherwise switches to "nobody" when it runs as (namespaced) root, and
    // nobody cannot enter the namespace.
    cmd.args([
        "--config-net",
        "--quiet",
        "--runas",
        "0",
        "-T",
        "none",
        "-U",
        "none",
    ]);
    for (flag, proto) in [("-t", "tcp"), ("-u", "udp")] {
        let specs: Vec<String> = req
            .ports
            .iter()
            .filter(|p| p.protocol == proto)
            .map(pasta_port_spec)
            .collect();
        if specs.is_empty() {
            cmd.args([flag, "none"]);
        }
        for s in specs {
            cmd.args([flag, &s]);
        }
    }
    if let Some(mac) = req.mac_address {
        cmd.args(["--ns-mac-addr", mac]);
    }
    if req.addresses.dns.first() == Some(&req.addresses.gateway) {
        cmd.args(["--dns-forward", &req.addresses.gateway]);
    }
    cmd.arg("--pid")
        .arg(&pid_file)
        .arg("--netns")
        .arg(req.netns)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).map_err(io(format!("creating {}", log.display())))?);
    // pasta goes to the background once the namespace is connected and its ports are bound;
    // the process we started exits then, with pasta's verdict.
    let status = cmd.status().map_err(|e| HelperError::Failed {
        program: "pasta",
        output: e.to_string(),
    })?;
    let pid: i32 = std::fs::read_to_string(&pid_file)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    if !status.success() || pid <= 0 {
        if pid > 0 {
            stop_pid(pid);
        }
        let output = messages(&log);
        if let Some(p) = req
            .ports
            .iter()
            .find(|p| output.contains(&format!("port {}", p.host_port)))
        {
            return Err(HelperError::Port {
                ip: p.display_ip().to_string(),
                port: p.host_port,
                protocol: p.protocol.clone(),
                reason: output,
            });
        }
        return Err(HelperError::Failed {
            program: "pasta",
            output,
        });
    }
    Ok(RunningHelper {
        helper: Helper::Pasta,
        pid,
        exit_guard: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_addresses() {
        assert!(check_mac_address("92:d0:c6:0a:29:33").is_ok());
        assert!(check_mac_address("92:d0:c6:0a:29").is_err());
        assert!(check_mac_address("zz:d0:c6:0a:29:33").is_err());
        assert!(check_mac_address("01:00:5e:00:00:01").is_err());
    }

    proptest::proptest! {
        #[test]
        fn mac_check_never_panics(s in ".{0,20}") {
            let _ = check_mac_address(&s);
        }
    }

    #[test]
    fn pasta_specs() {
        let p = PortBinding {
            host_ip: String::new(),
            host_port: 8080,
            container_port: 80,
            protocol: "tcp".into(),
        };
        assert_eq!(pasta_port_spec(&p), "8080:80");
        let p = PortBinding {
            host_ip: "127.0.0.1".into(),
            ..p
        };
        assert_eq!(pasta_port_spec(&p), "127.0.0.1/8080:80");
    }

    #[test]
    fn slirp_addresses_are_fixed_and_pasta_follows_the_host() {
        let a = addresses(Helper::Slirp4netns, &["127.0.0.53".into()]);
        assert_eq!(
            (a.ip.as_str(), a.gateway.as_str(), a.dns.as_slice()),
            ("10.0.2.100", "10.0.2.2", &["10.0.2.3".to_string()][..])
        );
        let a = addresses(Helper::Pasta, &["127.0.0.53".into()]);
        assert_eq!(
            a.dns,
            vec![a.gateway.clone()],
            "loopback resolvers are forwarded"
        );
        let a = addresses(Helper::Pasta, &["9.9.9.9".into()]);
        assert_eq!(a.dns, ["9.9.9.9"]);
        assert_eq!(a.host, a.gateway);
    }

    #[test]
    fn a_missing_process_is_not_running() {
        assert!(!is_running(0, Helper::Pasta));
        assert!(!is_running(i32::MAX, Helper::Slirp4netns));
        assert!(!is_running(std::process::id() as i32, Helper::Slirp4netns));
    }
}
