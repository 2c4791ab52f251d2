//! IPv6 on user-defined networks (`network create --ipv6`), against real traffic: members
//! get an address of the network's IPv6 subnet (the one given, or a unique local /64), find
//! each other's by name (AAAA through their hosts files) and exchange bytes over IPv6 across
//! the bridge; inspect and network inspect show the addresses; a bad `--ip6` is refused before
//! anything is created. Run as root and rootless.

use crate::harness::Skiff;
use crate::networks::run_python;

/// A python server for `--rootfs /:O` containers: on IPv6 port ARGV[1] it answers every
/// connection with `hello6 PEER_ADDRESS`.
pub(crate) const SERVER6: &str = r#"
import socket, sys
s = socket.socket(socket.AF_INET6); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('::', int(sys.argv[1]))); s.listen(16)
while True:
    c, a = s.accept(); c.sendall(('hello6 %s\n' % a[0]).encode()); c.close()
"#;

/// A python client: resolves NAME to IPv6 addresses only (AAAA), connects to the first on
/// PORT and prints `ADDRESS ANSWER`, or `unreachable` with the error.
pub(crate) const CLIENT6: &str = r#"
import socket, sys
try:
    addr = socket.getaddrinfo(sys.argv[1], int(sys.argv[2]), socket.AF_INET6, socket.SOCK_STREAM)[0][4]
    s = socket.create_connection(addr[:2], timeout=3)
    print(addr[0], s.makefile().readline().strip())
except OSError as e:
    print('unreachable', e)
"#;

fn ok(sk: &Skiff, args: &[&str]) -> String {
    sk.ok(args).trim().to_string()
}

/// Starts the IPv6 server in a detached container `name` with `flags`.
fn serve6(sk: &Skiff, name: &str, flags: &[&str]) {
    let mut args = vec!["run", "-d", "--name", name];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--rootfs", "/:O", "python3", "-c", SERVER6, "7000"]);
    sk.ok(&args);
}

/// What a new container on `network` gets from HOST port 7000 over IPv6.
fn client6(sk: &Skiff, network: &str, host: &str) -> String {
    run_python(sk, network, CLIENT6, &[host, "7000"])
}

/// `inspect -f TEMPLATE TARGET` (`network` first for a network).
fn inspect(sk: &Skiff, what: &[&str], template: &str, target: &str) -> String {
    let mut args = what.to_vec();
    args.extend_from_slice(&["inspect", "-f", template, target]);
    ok(sk, &args)
}

/// Answers `client6` until the server listens (it starts in the background).
fn client6_until_served(sk: &Skiff, network: &str, host: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let out = client6(sk, network, host);
        if !out.starts_with("unreachable") || std::time::Instant::now() > deadline {
            return out;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

#[test]
fn ipv6_network_members_talk_over_ipv6_by_name() {
    let sk = Skiff::new();
    ok(
        &sk,
        &[
            "network",
            "create",
            "--ipv6",
            "--subnet",
            "fd00:6e:1::/64",
            "six",
        ],
    );
    let ipam = inspect(
        &sk,
        &["network"],
        "{{.EnableIPv6}} {{json .IPAM.Config}}",
        "six",
    );
    assert!(ipam.starts_with("true "), "{ipam}");
    assert!(ipam.contains(r#""Subnet":"10.89."#), "dual stack: {ipam}");
    assert!(
        ipam.contains(r#""Gateway":"fd00:6e:1::1","Subnet":"fd00:6e:1::/64""#),
        "{ipam}"
    );
    serve6(&sk, "srv", &["--network", "six", "--ip6", "fd00:6e:1::99"]);
    let v6 = inspect(&sk, &[], "{{with .NetworkSettings.Networks.six}}{{.GlobalIPv6Address}}/{{.GlobalIPv6PrefixLen}} {{.IPv6Gateway}}{{end}}", "srv");
    assert_eq!(v6, "fd00:6e:1::99/64 fd00:6e:1::1");
    // By name, over IPv6, across the bridge: the server sees the client's IPv6 address.
    let out = client6_until_served(&sk, "six", "srv");
    let words: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(words.len(), 3, "{out}");
    assert_eq!(words[0], "fd00:6e:1::99", "{out}");
    assert_eq!(words[1], "hello6", "{out}");
    assert!(words[2].starts_with("fd00:6e:1::"), "{out}");
    let members = inspect(&sk, &["network"], "{{json .Containers}}", "six");
    assert!(
        members.contains(r#""IPv6Address":"fd00:6e:1::99/64""#),
        "{members}"
    );
    assert_eq!(
        ok(
            &sk,
            &[
                "network",
                "ls",
                "--filter",
                "name=six",
                "--format",
                "{{.IPv6}}"
            ]
        ),
        "true"
    );
    // --ip6 of an address taken, outside the subnet, malformed, or on an IPv4-only network:
    // refused with 125 and nothing created.
    ok(&sk, &["network", "create", "four"]);
    let before = ok(&sk, &["ps", "-aq"]);
    for (flags, says) in [
        (
            ["--network", "six", "--ip6", "fd00:6e:1::99"],
            "already in use",
        ),
        (
            ["--network", "six", "--ip6", "fd00:99::5"],
            "not a usable address",
        ),
        (
            ["--network", "six", "--ip6", "zz::1::2"],
            "invalid IPv6 address",
        ),
        (
            ["--network", "four", "--ip6", "fd00:6e:1::5"],
            "no IPv6 subnet",
        ),
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(&flags);
        args.extend_from_slice(&["--rootfs", "/:O", "true"]);
        let out = sk.fails(&args, 125);
        assert!(out.stderr.contains(says), "{flags:?}: {}", out.stderr);
    }
    assert_eq!(ok(&sk, &["ps", "-aq"]), before);
}

#[test]
fn ipv6_alone_allocates_a_unique_local_subnet() {
    let sk = Skiff::new();
    ok(&sk, &["network", "create", "--ipv6", "ula"]);
    let subnet = inspect(
        &sk,
        &["network"],
        "{{(index .IPAM.Config 1).Subnet}}",
        "ula",
    );
    assert!(
        subnet.starts_with("fd") && subnet.ends_with("::/64"),
        "{subnet}"
    );
    serve6(&sk, "srv", &["--network", "ula", "--network-alias", "api"]);
    let ip6 = inspect(
        &sk,
        &[],
        "{{.NetworkSettings.Networks.ula.GlobalIPv6Address}}",
        "srv",
    );
    assert!(
        ip6.ends_with("::2"),
        "the first address after the gateway: {ip6}"
    );
    // The alias resolves to the IPv6 address too, and bytes flow.
    let out = client6_until_served(&sk, "ula", "api");
    assert!(out.starts_with(&format!("{ip6} hello6 ")), "{out}");
    // An IPv4-only network keeps IPv6 off: its members have no IPv6 address to resolve.
    ok(&sk, &["network", "create", "plain"]);
    serve6(&sk, "v4only", &["--network", "plain"]);
    let hosts = ok(
        &sk,
        &[
            "run",
            "--rm",
            "--network",
            "plain",
            "--rootfs",
            "/:O",
            "cat",
            "/etc/hosts",
        ],
    );
    let line = hosts.lines().find(|l| l.contains("v4only")).unwrap_or("");
    assert!(line.starts_with("10.89."), "{hosts}");
    assert_eq!(
        hosts.lines().filter(|l| l.contains("v4only")).count(),
        1,
        "one address, no IPv6 line: {hosts}"
    );
}

/// The gateway of the IPv6 default route in `/proc/net/ipv6_route` text, if there is one.
fn ipv6_default_gateway(table: &str) -> Option<std::net::Ipv6Addr> {
    table.lines().find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        let default = f.len() > 4 && f[0].chars().all(|c| c == '0') && f[1] == "00";
        let gw = u128::from_str_radix(f.get(4)?, 16).ok()?;
        (default && gw != 0).then(|| std::net::Ipv6Addr::from(gw))
    })
}

/// A python client: connects to port ARGV[1] of the IPv6 default route's gateway and
/// prints what it sends, or `no-ipv6-route`.
const GATEWAY6_CLIENT: &str = r#"
import socket, sys
gw = [l.split()[4] for l in open('/proc/net/ipv6_route') if l.split()[0] == '0' * 32 and l.split()[1] == '00' and int(l.split()[4], 16)]
if not gw:
    print('no-ipv6-route'); sys.exit()
addr = ':'.join(gw[0][i:i + 4] for i in range(0, 32, 4))
s = socket.create_connection((addr, int(sys.argv[1])), timeout=3)
print(s.makefile().readline().strip())
"#;

#[test]
fn pasta_gives_the_hosts_ipv6_and_publishes_on_ipv6_loopback() {
    use std::io::Write;
    let sk = Skiff::new();
    let host_has_v6 =
        ipv6_default_gateway(&std::fs::read_to_string("/proc/net/ipv6_route").unwrap()).is_some();
    // pasta copies the host's IPv6 address and default route, and maps the gateway to the
    // host's loopback: a server on the host's [::1] answers the container over IPv6.
    let server = std::net::TcpListener::bind("[::1]:0").unwrap();
    let port = server.local_addr().unwrap().port().to_string();
    std::thread::spawn(move || {
        for mut c in server.incoming().flatten() {
            let _ = c.write_all(b"from-host6\n");
        }
    });
    let out = run_python(&sk, "pasta", GATEWAY6_CLIENT, &[&port]);
    if host_has_v6 {
        assert_eq!(out, "from-host6");
    } else {
        assert_eq!(out, "no-ipv6-route", "pasta copies what the host has");
    }
    // Published ports answer on the host's IPv6 loopback, with an address or without.
    let (p1, p2) = (crate::network::free_port(), crate::network::free_port());
    for (name, publish) in [
        ("lo6", format!("[::1]:{p1}:7000")),
        ("any", format!("{p2}:7000")),
    ] {
        serve6(&sk, name, &["-p", &publish]);
    }
    for p in [p1, p2] {
        let got = crate::network::tcp_answer(&format!("[::1]:{p}"));
        assert_eq!(got.trim(), "hello6 ::1", "port {p}");
    }
}

/// A python client: connects to IPv6 address ARGV[1] port ARGV[2] and prints its own
/// (source) address and the first line it receives, or `unreachable` with the error.
const OUT6_CLIENT: &str = r#"
import socket, sys
try:
    s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3)
    print(s.getsockname()[0], s.makefile().readline().strip())
except OSError as e:
    print('unreachable', e)
"#;

/// Members of an `--ipv6` network reach IPv6 destinations outside through the network's
/// helper, from their own addresses: an IPv6 default route through the network's gateway,
/// forwarding in the network's namespace, slirp4netns with IPv6, and the keeper answering
/// slirp's neighbour solicitations for the members. The one outside IPv6 destination this
/// machine has is the host itself (its own address, fd00::2/64, lies in slirp4netns's fixed
/// fd00::/64, which slirp takes for its own aliases), so the test serves on the host's [::1]
/// and the network lets members reach the host's loopback (`allow_host_loopback=true`, off
/// by default: then fd00::2 stays out of reach).
#[test]
fn ipv6_network_members_reach_the_host_over_ipv6_through_the_helper() {
    use std::io::Write;
    let sk = Skiff::new();
    let server = std::net::TcpListener::bind("[::1]:0").unwrap();
    let port = server.local_addr().unwrap().port().to_string();
    std::thread::spawn(move || {
        for mut c in server.incoming().flatten() {
            let _ = c.write_all(b"from-host6\n");
        }
    });
    ok(
        &sk,
        &[
            "network",
            "create",
            "--ipv6",
            "--subnet",
            "fd00:6e:2::/64",
            "--opt",
            "allow_host_loopback=true",
            "out6",
        ],
    );
    // A member that stays, and one after another: each is answered at its own address.
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "stay",
        "--network",
        "out6",
        "--ip6",
        "fd00:6e:2::7",
        "--rootfs",
        "/:O",
        "sleep",
        "300",
    ]);
    let route = ok(&sk, &["exec", "stay", "cat", "/proc/net/ipv6_route"]);
    assert_eq!(
        ipv6_default_gateway(&route),
        Some("fd00:6e:2::1".parse().unwrap()),
        "{route}"
    );
    let from_stay = ok(
        &sk,
        &[
            "exec",
            "stay",
            "python3",
            "-c",
            OUT6_CLIENT,
            "fd00::2",
            &port,
        ],
    );
    assert_eq!(from_stay, "fd00:6e:2::7 from-host6");
    // A killed helper is started again with IPv6, and the network's IPv6 route through it.
    let holder = std::fs::read_dir(sk.runroot().join("networks"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("holder.json"))
        .find(|p| p.exists())
        .expect("the network's holder");
    let field = |name: &str| -> i64 {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&holder).unwrap()).unwrap();
        v[name].as_i64().unwrap_or(0)
    };
    let helper = field("helper_pid") as i32;
    // SAFETY: a signal to this test's network helper.
    unsafe { libc::kill(helper, libc::SIGKILL) };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while field("helper_restarts") < 1 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(field("helper_restarts"), 1);
    let again = ok(
        &sk,
        &[
            "exec",
            "stay",
            "python3",
            "-c",
            OUT6_CLIENT,
            "fd00::2",
            &port,
        ],
    );
    assert_eq!(again, "fd00:6e:2::7 from-host6");
    for _ in 0..2 {
        let out = run_python(&sk, "out6", OUT6_CLIENT, &["fd00::2", &port]);
        let words: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(words.len(), 2, "{out}");
        assert!(
            words[0].starts_with("fd00:6e:2::") && words[0] != "fd00:6e:2::7",
            "{out}"
        );
        assert_eq!(words[1], "from-host6", "{out}");
    }
    // Without the option the host's loopback stays out of reach, over IPv6 as over IPv4.
    ok(&sk, &["network", "create", "--ipv6", "closed6"]);
    let out = run_python(&sk, "closed6", OUT6_CLIENT, &["fd00::2", &port]);
    assert!(out.starts_with("unreachable"), "{out}");
    // slirp4netns's own IPv6 network cannot be a network's, and the option takes a boolean.
    let clash = sk.run(&[
        "network",
        "create",
        "--ipv6",
        "--subnet",
        "fd00::/64",
        "clash",
    ]);
    assert_ne!(clash.status, 0);
    assert!(
        clash.stderr.contains("helper uses for IPv6"),
        "{}",
        clash.stderr
    );
    let bad = sk.run(&[
        "network",
        "create",
        "--opt",
        "allow_host_loopback=yes",
        "bad",
    ]);
    assert_ne!(bad.status, 0);
    assert!(bad.stderr.contains("use true or false"), "{}", bad.stderr);
}
