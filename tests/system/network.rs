//! Networking system tests, against real traffic: the default network reaches the host,
//! published ports (every `-p` form, UDP, `-P`) serve bytes from a container, the helpers are
//! gone after `rm`, a killed helper is reported and repaired by a restart, `container:` shares a
//! namespace, bad input is refused before anything is created. Run as root and rootless.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::harness::Skiff;

/// A python3 server run inside `--rootfs /:O` containers: for each `PORT/tcp` argument it answers
/// every connection with `hello PORT PEER_ADDRESS`, for each `PORT/udp` it echoes `pong DATA`.
pub(crate) const SERVER: &str = r#"
import socket, sys, threading
def tcp(port):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('0.0.0.0', port)); s.listen(16)
    while True:
        c, a = s.accept(); c.sendall(('hello %d %s\n' % (port, a[0])).encode()); c.close()
def udp(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('0.0.0.0', port))
    while True:
        d, a = s.recvfrom(100); s.sendto(b'pong ' + d, a)
for spec in sys.argv[1:]:
    port, proto = spec.split('/')
    threading.Thread(target=tcp if proto == 'tcp' else udp, args=(int(port),)).start()
"#;

/// A port that was free a moment ago on both loopbacks (the kernel picked it).
pub(crate) fn free_port() -> u16 {
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("bind a free port");
        // Free on the IPv6 loopback too: a test's own server on [::1] may hold the number
        // (a host without IPv6 refuses the bind otherwise than with "in use").
        match TcpListener::bind(("::1", port)) {
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            _ => return port,
        }
    }
}

/// Connects to `addr` until it answers (or 10 s pass) and returns what it sent.
pub(crate) fn tcp_answer(addr: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got = TcpStream::connect(addr).and_then(|mut s| {
            s.set_read_timeout(Some(Duration::from_secs(2)))?;
            let mut text = String::new();
            s.read_to_string(&mut text)?;
            Ok(text)
        });
        match got {
            Ok(text) if !text.is_empty() => return text,
            _ if Instant::now() > deadline => panic!("{addr} never answered: {got:?}"),
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// The host's main address: the source of its default route (a UDP connect sends nothing).
pub(crate) fn host_address() -> String {
    let s = UdpSocket::bind("0.0.0.0:0").unwrap();
    s.connect("203.0.113.1:9").expect("a default route");
    s.local_addr().unwrap().ip().to_string()
}

/// Sends a datagram to `addr` until an answer comes back (or 10 s pass).
pub(crate) fn udp_answer(addr: &str) -> String {
    let s = UdpSocket::bind("0.0.0.0:0").unwrap();
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = [0u8; 200];
    loop {
        let _ = s.send_to(b"ping", addr);
        if let Ok((n, _)) = s.recv_from(&mut buf) {
            return String::from_utf8_lossy(&buf[..n]).into_owned();
        }
        assert!(Instant::now() < deadline, "{addr} never answered over UDP");
    }
}

/// The helper processes recorded under the instance's runroot (pid per running container).
fn helper_pids(sk: &Skiff) -> Vec<i32> {
    let Ok(dirs) = std::fs::read_dir(sk.runroot().join("net")) else {
        return Vec::new();
    };
    dirs.flatten()
        .filter_map(|d| std::fs::read(d.path().join("state.json")).ok())
        .filter_map(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .filter_map(|v| v["helper_pid"].as_i64())
        .map(|p| p as i32)
        .collect()
}

pub(crate) fn alive(pid: i32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ")
}

fn net_dirs(sk: &Skiff) -> Vec<PathBuf> {
    std::fs::read_dir(sk.runroot().join("net"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Starts the python server in a detached `--rootfs /:O` container with `flags`.
pub(crate) fn serve(sk: &Skiff, name: &str, flags: &[&str], ports: &[&str]) {
    let mut args = vec!["run", "-d", "--name", name];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--rootfs", "/:O", "python3", "-c", SERVER]);
    args.extend_from_slice(ports);
    sk.ok(&args);
}

/// A server on every address of the host, on a free port, that answers each HTTP request
/// with `body`; its port.
pub(crate) fn http_server(body: &'static str) -> u16 {
    let server = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = server.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut c in server.incoming().flatten() {
            let mut buf = [0u8; 1024];
            let _ = c.read(&mut buf);
            let head = format!("HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
            let _ = c.write_all(head.as_bytes());
            let _ = c.write_all(body.as_bytes());
        }
    });
    port
}

#[test]
fn default_network_reaches_a_server_on_the_host() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let port = http_server("from-host-1");
    for name in ["host.containers.internal", "host.docker.internal"] {
        let url = format!("http://{name}:{port}/");
        let out = sk.ok(&["run", "--rm", "--rootfs", &rootfs, "wget", "-qO-", &url]);
        assert_eq!(out, "from-host-1", "{name}");
    }
    // podman's name of its default network (Quadlet files give it) is the default one too.
    let url = format!("http://host.containers.internal:{port}/");
    let args = [
        "run",
        "--rm",
        "--network",
        "podman",
        "--rootfs",
        &rootfs,
        "wget",
        "-qO-",
        &url,
    ];
    assert_eq!(sk.ok(&args), "from-host-1");
    let files = sk.ok(&[
        "run",
        "--rm",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "cat /etc/resolv.conf; ls /sys/class/net",
    ]);
    assert!(files.contains("nameserver 10.0.2.3\n"), "{files}");
    assert!(files.contains("tap0\n"), "{files}");
    // The same over pasta.
    let url = format!("http://host.containers.internal:{port}/");
    let out = sk.ok(&[
        "run",
        "--rm",
        "--network",
        "pasta",
        "--rootfs",
        &rootfs,
        "wget",
        "-qO-",
        &url,
    ]);
    assert_eq!(out, "from-host-1");
    assert!(net_dirs(&sk).is_empty(), "{:?}", net_dirs(&sk));
}

#[test]
fn every_publish_form_serves_bytes() {
    let sk = Skiff::new();
    let (a, b, c) = (free_port(), free_port(), free_port());
    let range_start = loop {
        let p = free_port();
        if p < 65000 && TcpListener::bind(("127.0.0.1", p + 1)).is_ok() {
            break p;
        }
    };
    let (p_a, p_b, p_range, p_udp) = (
        format!("{a}:80"),
        format!("127.0.0.1:{b}:81"),
        format!("{range_start}-{}:9000-9001", range_start + 1),
        format!("{c}:53/udp"),
    );
    serve(
        &sk,
        "web",
        &[
            "-p",
            &p_a,
            "-p",
            &p_b,
            "-p",
            "127.0.0.1::82",
            "-p",
            &p_range,
            "-p",
            &p_udp,
        ],
        &[
            "80/tcp", "81/tcp", "82/tcp", "9000/tcp", "9001/tcp", "53/udp",
        ],
    );
    assert!(tcp_answer(&format!("127.0.0.1:{a}")).starts_with("hello 80 "));
    assert!(tcp_answer(&format!("127.0.0.1:{b}")).starts_with("hello 81 "));
    assert!(tcp_answer(&format!("127.0.0.1:{range_start}")).starts_with("hello 9000 "));
    assert!(tcp_answer(&format!("127.0.0.1:{}", range_start + 1)).starts_with("hello 9001 "));
    // UDP replies to clients on the host's loopback are lost by both helpers (Debian 12's
    // slirp4netns 1.2 and passt 2023-03), so the client uses the host's own address.
    assert_eq!(udp_answer(&format!("{}:{c}", host_address())), "pong ping");
    // ip::port got a random host port, which `port` shows and which serves.
    let random = sk.ok(&["port", "web", "82"]);
    let random = random.trim();
    assert!(random.starts_with("127.0.0.1:"), "{random}");
    assert!(tcp_answer(random).starts_with("hello 82 "));
    let listing = sk.ok(&["port", "web"]);
    assert!(
        listing.contains(&format!("80/tcp -> 0.0.0.0:{a}\n")),
        "{listing}"
    );
    assert!(
        listing.contains(&format!("53/udp -> 0.0.0.0:{c}\n")),
        "{listing}"
    );
    let ps = sk.ok(&["ps", "--format", "{{.Ports}}"]);
    assert!(ps.contains(&format!("0.0.0.0:{a}->80/tcp")), "{ps}");
    assert!(ps.contains(&format!("0.0.0.0:{c}->53/udp")), "{ps}");
    // docker folds a range only where host and container ports are equal.
    assert!(
        ps.contains(&format!("0.0.0.0:{range_start}->9000/tcp")),
        "{ps}"
    );
    // docker's `publish=` filter names host ports (also the random one, and ranges);
    // `expose=` container ports.
    let filtered = |filter: &str| sk.ok(&["ps", "-q", "--filter", filter]).lines().count();
    let random_port = random.rsplit(':').next().unwrap();
    for filter in [
        format!("publish={a}"),
        format!("publish={c}/udp"),
        format!("publish={random_port}"),
        format!("publish={}-{}", range_start + 1, range_start + 5),
        "expose=80".to_string(),
        "expose=9000-9001".to_string(),
    ] {
        assert_eq!(filtered(&filter), 1, "{filter}");
    }
    for filter in [
        "publish=80".to_string(),
        format!("publish={a}/udp"),
        "expose=83-90".to_string(),
    ] {
        assert_eq!(filtered(&filter), 0, "{filter}");
    }
    let inspect = sk.ok(&[
        "inspect",
        "-f",
        "{{json .NetworkSettings.Ports}} {{json .HostConfig.PortBindings}}",
        "web",
    ]);
    assert!(
        inspect.contains(&format!(
            r#""80/tcp":[{{"HostIp":"0.0.0.0","HostPort":"{a}"}}]"#
        )),
        "{inspect}"
    );
    assert!(
        inspect.contains(r#""82/tcp":[{"HostIp":"127.0.0.1","HostPort":""}]"#),
        "{inspect}"
    );
    // Removing the container frees the ports, stops the helper and leaves no files.
    let helpers = helper_pids(&sk);
    assert_eq!(helpers.len(), 1);
    sk.ok(&["rm", "-f", "web"]);
    assert!(!alive(helpers[0]), "helper {} outlived rm", helpers[0]);
    assert!(net_dirs(&sk).is_empty(), "{:?}", net_dirs(&sk));
    TcpListener::bind(("0.0.0.0", a)).expect("the host port is free again after rm");
}

#[test]
fn publish_all_and_slirp4netns_ports() {
    let sk = Skiff::new();
    serve(&sk, "all", &["-P", "--expose", "7000"], &["7000/tcp"]);
    let addr = sk.ok(&["port", "all", "7000"]);
    let addr = addr.trim().replace("0.0.0.0", "127.0.0.1");
    assert!(tcp_answer(&addr).starts_with("hello 7000 "));
    // The same published through slirp4netns.
    let p = free_port();
    let map = format!("{p}:7001");
    serve(
        &sk,
        "slirp",
        &["--network", "slirp4netns", "-p", &map],
        &["7001/tcp"],
    );
    assert!(tcp_answer(&format!("127.0.0.1:{p}")).starts_with("hello 7001 "));
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.HostConfig.NetworkMode}}", "slirp"])
            .trim(),
        "slirp4netns"
    );
    let helpers = helper_pids(&sk);
    assert_eq!(helpers.len(), 2);
    sk.ok(&["rm", "-f", "all", "slirp"]);
    for h in helpers {
        assert!(!alive(h), "helper {h} outlived rm");
    }
}

#[test]
fn a_taken_port_fails_the_start_and_leaves_nothing() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let map = format!("127.0.0.1:{port}:80");
    let out = sk.run(&[
        "run", "-d", "--name", "t", "-p", &map, "--rootfs", &rootfs, "sleep", "100",
    ]);
    assert_eq!(out.status, 125, "{out:?}");
    assert!(
        out.stderr
            .contains(&format!("port {port}/tcp on 127.0.0.1")),
        "{}",
        out.stderr
    );
    // docker's record of a failed start: still created, ExitCode 128, the error kept.
    let state = sk.ok(&[
        "inspect",
        "-f",
        "{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}",
        "t",
    ]);
    assert!(
        state.starts_with(&format!("created 128 cannot publish port {port}/tcp")),
        "{state}"
    );
    assert!(helper_pids(&sk).is_empty());
    assert!(net_dirs(&sk).is_empty(), "{:?}", net_dirs(&sk));
}

#[test]
fn a_killed_helper_is_reported_and_a_restart_repairs_it() {
    let sk = Skiff::new();
    let p = free_port();
    let map = format!("{p}:80");
    serve(&sk, "k", &["-p", &map], &["80/tcp"]);
    assert!(tcp_answer(&format!("127.0.0.1:{p}")).starts_with("hello 80 "));
    let helper = helper_pids(&sk)[0];
    // SAFETY: killing the helper process the container's state names.
    unsafe { libc::kill(helper, libc::SIGKILL) };
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(helper) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    // The container runs but has no published port any more: ps and inspect say so.
    assert_eq!(
        sk.ok(&["ps", "--format", "{{.Names}} {{.Ports}}"]),
        "k 80/tcp\n"
    );
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{json .NetworkSettings.Ports}}", "k"])
            .trim(),
        r#"{"80/tcp":null}"#
    );
    assert!(TcpStream::connect(("127.0.0.1", p)).is_err());
    sk.ok(&["restart", "-t", "0", "k"]);
    assert!(tcp_answer(&format!("127.0.0.1:{p}")).starts_with("hello 80 "));
    // A container that does not run has no ports, as docker's daemon shows it: none in ps,
    // `{}` in inspect (the bindings stay in HostConfig).
    sk.ok(&["stop", "-t", "0", "k"]);
    let created = format!("{}:80", free_port());
    sk.ok(&[
        "create", "--name", "c", "-p", &created, "--expose", "443", "--rootfs", "/:O", "true",
    ]);
    assert_eq!(
        sk.ok(&["ps", "-a", "--format", "{{.Names}}={{.Ports}}"]),
        "c=\nk=\n"
    );
    for name in ["k", "c"] {
        let f = "{{json .NetworkSettings.Ports}} {{json .HostConfig.PortBindings}}";
        let ports = sk.ok(&["inspect", "-f", f, name]);
        assert!(
            ports.starts_with(r#"{} {"80/tcp":[{"HostIp":"","HostPort":""#),
            "{ports}"
        );
    }
    sk.ok(&["rm", "-f", "k", "c"]);
}

#[test]
fn container_network_mode_shares_the_namespace() {
    let sk = Skiff::new();
    serve(&sk, "owner", &[], &["7100/tcp"]);
    let rootfs = sk.busybox_rootfs();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let out = sk.run(&[
            "run",
            "--rm",
            "--network",
            "container:owner",
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            // nc fails while the server is not listening yet: retried below.
            "ls /sys/class/net; nc 127.0.0.1 7100 </dev/null || true",
        ]);
        assert_eq!(out.status, 0, "{out:?}");
        if out.stdout.contains("hello 7100 127.0.0.1") {
            assert!(out.stdout.contains("tap0\n"), "{}", out.stdout);
            break;
        }
        assert!(Instant::now() < deadline, "{out:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let stopped = sk.run(&["create", "--name", "idle", "--rootfs", &rootfs, "true"]);
    assert_eq!(stopped.status, 0);
    let out = sk.run(&[
        "run",
        "--rm",
        "--network",
        "container:idle",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(out.status, 125, "{out:?}");
    assert!(out.stderr.contains("not running"), "{}", out.stderr);
    sk.ok(&["rm", "-f", "owner"]);
}

#[test]
fn dns_and_host_flags_reach_the_files() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.ok(&[
        "run",
        "--rm",
        "--dns",
        "9.9.9.9",
        "--dns-search",
        "example.org",
        "--dns-option",
        "ndots:2",
        "--add-host",
        "db:10.1.2.3",
        "--add-host",
        "gw:host-gateway",
        "--hostname",
        "box",
        "--domainname",
        "example.org",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "cat /etc/resolv.conf /etc/hosts; cat /proc/sys/kernel/domainname; hostname",
    ]);
    assert!(
        out.contains("search example.org\nnameserver 9.9.9.9\noptions ndots:2\n"),
        "{out}"
    );
    assert!(out.contains("10.1.2.3\tdb\n"), "{out}");
    assert!(out.contains("10.0.2.100\tbox.example.org box\n"), "{out}");
    let host_line = out
        .lines()
        .find(|l| l.ends_with("host.containers.internal host.docker.internal"))
        .expect("host.containers.internal in /etc/hosts");
    let host_ip = host_line.split('\t').next().unwrap();
    assert!(out.contains(&format!("{host_ip}\tgw\n")), "{out}");
    // The UTS namespace's domain name is set too, as docker's.
    assert!(out.ends_with("example.org\nbox\n"), "{out}");
    // On the host's network, /etc/hosts is the host's (with the added hosts), as docker's.
    let out = sk.ok(&[
        "run",
        "--rm",
        "--network",
        "host",
        "--add-host",
        "db:10.1.2.3",
        "--rootfs",
        &rootfs,
        "cat",
        "/etc/hosts",
    ]);
    let host = std::fs::read_to_string("/etc/hosts").unwrap();
    assert!(out.starts_with(host.trim_end()), "{out}");
    assert!(out.ends_with("10.1.2.3\tdb\n"), "{out}");
}

#[test]
fn bad_network_input_is_refused_before_anything_exists() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for bad in [
        vec!["-p", "1:2:3:4"],
        vec!["-p", "70000:80"],
        vec!["-p", "80/icmp"],
        vec!["-p", "notanip:80:80"],
        vec!["--network", "nosuchnet"],
        vec!["--network", "container:"],
        vec!["--dns", "nine"],
        vec!["--add-host", "db"],
        vec!["--add-host", "db:notanip"],
        vec!["--expose", "8080:80"],
        vec!["--network-alias", "api"],
        vec!["--network", "container:x", "-p", "80:80"],
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(&bad);
        args.extend_from_slice(&["--rootfs", &rootfs, "true"]);
        let out = sk.run(&args);
        assert_eq!(out.status, 125, "{bad:?}: {out:?}");
        assert!(!out.stderr.is_empty(), "{bad:?}");
    }
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
}

/// Runs `f` when dropped (also when the test panics).
fn scopeguard<F: FnMut()>(f: F) -> impl Drop {
    struct Guard<F: FnMut()>(F);
    impl<F: FnMut()> Drop for Guard<F> {
        fn drop(&mut self) {
            (self.0)()
        }
    }
    Guard(f)
}

#[test]
fn a_killed_monitor_takes_its_helper_and_ports_along() {
    let sk = Skiff::new();
    let (p, q) = (free_port(), free_port());
    let (pasta, slirp) = (format!("{p}:80"), format!("{q}:80"));
    serve(&sk, "pasta", &["-p", &pasta], &["80/tcp"]);
    serve(
        &sk,
        "slirp",
        &["--network", "slirp4netns", "-p", &slirp],
        &["80/tcp"],
    );
    tcp_answer(&format!("127.0.0.1:{p}"));
    tcp_answer(&format!("127.0.0.1:{q}"));
    let helpers = helper_pids(&sk);
    assert_eq!(helpers.len(), 2);
    for name in ["pasta", "slirp"] {
        let id = sk.ok(&["inspect", "-f", "{{.Id}}", name]);
        let monitor = crate::harness::monitor_pid_of(id.trim()).expect("a monitor");
        // SAFETY: killing the container's monitor process.
        unsafe { libc::kill(monitor, libc::SIGKILL) };
    }
    std::thread::sleep(Duration::from_millis(300));
    // `ps` finds the monitors gone and takes down what they left.
    let ps = sk.ok(&["ps", "-a", "--format", "{{.Names}} {{.State}}"]);
    assert!(!ps.contains("running"), "{ps}");
    for h in helpers {
        let deadline = Instant::now() + Duration::from_secs(3);
        while alive(h) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(!alive(h), "helper {h} outlived its monitor");
    }
    TcpListener::bind(("0.0.0.0", p)).expect("pasta's host port is free again");
    TcpListener::bind(("0.0.0.0", q)).expect("slirp4netns's host port is free again");
    assert!(net_dirs(&sk).is_empty(), "{:?}", net_dirs(&sk));
}

#[test]
fn mac_address_port_errors_and_user_network_flags() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for (net, iface) in [("slirp4netns", "tap0"), ("pasta", "")] {
        let script = if iface.is_empty() {
            // pasta names the interface after the host's; the one that is not lo.
            "for i in /sys/class/net/*; do [ ${i##*/} = lo ] || cat $i/address; done".to_string()
        } else {
            format!("cat /sys/class/net/{iface}/address")
        };
        let out = sk.ok(&[
            "run",
            "--rm",
            "--network",
            net,
            "--mac-address",
            "92:d0:c6:0a:29:33",
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            &script,
        ]);
        assert_eq!(out, "92:d0:c6:0a:29:33\n", "{net}");
    }
    let bad = sk.run(&[
        "run",
        "--rm",
        "--mac-address",
        "01:00:5e:00:00:01",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(bad.status, 125, "{bad:?}");
    for flag in [["--ip", "10.0.2.5"], ["--ip6", "fd00::5"], ["--link", "db"]] {
        let out = sk.run(&["run", "--rm", flag[0], flag[1], "--rootfs", &rootfs, "true"]);
        assert_eq!(out.status, 125, "{out:?}");
        assert!(
            out.stderr.contains("user defined networks only"),
            "{}",
            out.stderr
        );
    }
    // `port` of a port that is not published: docker's message and status 1.
    let p = free_port();
    let map = format!("{p}:80");
    sk.ok(&[
        "run", "-d", "--name", "one", "-p", &map, "--rootfs", &rootfs, "sleep", "100",
    ]);
    let out = sk.run(&["port", "one", "81"]);
    assert_eq!(out.status, 1, "{out:?}");
    assert!(
        out.stderr.contains("No public port '81' published for one"),
        "{}",
        out.stderr
    );
    // -p with the host's network is discarded with docker's warning.
    let out = sk.run(&[
        "run",
        "--rm",
        "--network",
        "host",
        "-p",
        "80:80",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(out.status, 0, "{out:?}");
    assert!(
        out.stderr.contains("Published ports are discarded"),
        "{}",
        out.stderr
    );
    sk.ok(&["rm", "-f", "one"]);
}

/// `run --network container:X IMAGE` pulls the image and still joins X's network (rootless, the
/// pull must not enter a user namespace of its own first).
#[test]
fn container_network_with_a_pull() {
    let reg = require_registry!();
    let _ = reg;
    let sk = Skiff::new();
    serve(&sk, "owner", &[], &["7200/tcp"]);
    let img = crate::harness::image("busybox:latest");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let out = sk.run(&[
            "run",
            "--rm",
            "-q",
            "--network",
            "container:owner",
            &img,
            "sh",
            "-c",
            "nc 127.0.0.1 7200 </dev/null",
        ]);
        assert_eq!(out.status, 0, "{out:?}");
        if out.stdout.contains("hello 7200 127.0.0.1") {
            break;
        }
        assert!(Instant::now() < deadline, "{out:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    // The joiner takes the owner's host name, as docker's.
    let owner = sk.inspect("owner", "{{.Config.Hostname}}");
    let name = sk.ok(&[
        "run",
        "--rm",
        "--network",
        "container:owner",
        &img,
        "hostname",
    ]);
    assert_eq!(name.trim(), owner);
    sk.ok(&["rm", "-f", "owner"]);
}

/// Tests that need root: tests/ci.sh runs them in its root pass only (`--skip ::only_root::` in the
/// rootless pass), so neither pass skips a test.
mod only_root {
    use super::*;

    /// The client's own address reaches the container unchanged on a published port: a client in
    /// another network namespace (a second host on a veth) is seen as itself, not as a gateway.
    #[test]
    fn the_client_address_reaches_the_container() {
        require_root!();
        let sk = Skiff::new();
        let ns = format!("skiffc{}", std::process::id());
        let ip = |args: &[&str]| {
            let out = std::process::Command::new("ip")
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "ip {args:?}: {out:?}");
        };
        ip(&["netns", "add", &ns]);
        let host_if = format!("sk{}", std::process::id() % 100000);
        let cleanup = scopeguard(|| {
            // Deleting the namespace deletes the veth pair too; the second call is for a half setup.
            let _ = std::process::Command::new("ip")
                .args(["netns", "del", &ns])
                .output();
            let _ = std::process::Command::new("ip")
                .args(["link", "del", &host_if])
                .output();
        });
        ip(&[
            "link", "add", &host_if, "type", "veth", "peer", "name", "eth0", "netns", &ns,
        ]);
        ip(&["addr", "add", "10.198.77.1/24", "dev", &host_if]);
        ip(&["link", "set", &host_if, "up"]);
        ip(&["-n", &ns, "addr", "add", "10.198.77.2/24", "dev", "eth0"]);
        ip(&["-n", &ns, "link", "set", "eth0", "up"]);
        ip(&["-n", &ns, "link", "set", "lo", "up"]);
        let p = free_port();
        let map = format!("{p}:80");
        serve(&sk, "src", &["-p", &map], &["80/tcp"]);
        tcp_answer(&format!("127.0.0.1:{p}"));
        let out = std::process::Command::new("ip")
            .args([
                "netns",
                "exec",
                &ns,
                "/bin/busybox",
                "nc",
                "10.198.77.1",
                &p.to_string(),
            ])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(text.trim(), "hello 80 10.198.77.2", "{out:?}");
        sk.ok(&["rm", "-f", "src"]);
        drop(cleanup);
    }
}

/// docker's `-p FIRST-LAST:PORT`: each container takes a host port of the span that is free
/// when it starts (the first such: see the network crate's unit test), and inspect keeps the
/// span as given.
#[test]
fn a_host_port_span_gives_each_container_a_free_port_of_it() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let first = free_port();
    let span = format!("127.0.0.1:{first}-{}:80", first + 4);
    let mut taken = Vec::new();
    for name in ["span1", "span2"] {
        sk.ok(&[
            "run", "-d", "--name", name, "-p", &span, "--rootfs", &rootfs, "sleep", "60",
        ]);
        let line = sk.ok(&["port", name, "80"]);
        let port: u16 = line.trim().rsplit(':').next().unwrap().parse().unwrap();
        assert!((first..=first + 4).contains(&port), "{line}");
        taken.push(port);
    }
    assert_ne!(taken[0], taken[1], "each container its own port");
    assert_eq!(
        sk.inspect("span1", "{{json .HostConfig.PortBindings}}"),
        format!(
            r#"{{"80/tcp":[{{"HostIp":"127.0.0.1","HostPort":"{first}-{}"}}]}}"#,
            first + 4
        )
    );
    sk.ok(&["rm", "-f", "span1", "span2"]);
}
