//! User-defined networks, against real traffic: members reach each other by name and alias
//! (through /etc/hosts and the network's name server), published ports serve bytes from the host with the client's address, `--internal` has no
//! way out, connect/disconnect change a running container's interfaces, addresses are never
//! given twice under concurrent runs, the network's helper is restarted when killed, and its
//! holder, helper and veths are gone after the last member. Run as root and rootless.

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::harness::Skiff;
use crate::network::{alive, free_port, host_address, serve, tcp_answer, udp_answer};

/// A python client run in a `--rootfs /:O` container: connects to HOST PORT and prints the
/// first line it receives, or `refused`/`unreachable` with the error.
pub(crate) const CLIENT: &str = r#"
import socket, sys
try:
    s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3)
    print(s.makefile().readline().strip())
except OSError as e:
    print('unreachable', e)
"#;

/// Runs skiff, expecting success; returns stdout without the surrounding white space.
fn ok(sk: &Skiff, args: &[&str]) -> String {
    sk.ok(args).trim().to_string()
}

/// What container traffic to HOST:PORT gets, from a new container on `network`.
fn client(sk: &Skiff, network: &str, host: &str, port: &str) -> String {
    run_python(sk, network, CLIENT, &[host, port])
}

/// Runs python `script` with `args` in a new `--rootfs /:O` container on `network`; returns
/// its output, trimmed.
pub(crate) fn run_python(sk: &Skiff, network: &str, script: &str, args: &[&str]) -> String {
    let mut all = vec![
        "run",
        "--rm",
        "--network",
        network,
        "--rootfs",
        "/:O",
        "python3",
        "-c",
        script,
    ];
    all.extend_from_slice(args);
    ok(sk, &all)
}

/// Creates network `network` and serves port 8080 of container `srv` on it, published on a
/// free host port, which it returns.
fn serve_published(sk: &Skiff, network: &str) -> u16 {
    ok(sk, &["network", "create", network]);
    let port = free_port();
    let publish = format!("{port}:8080");
    serve(
        sk,
        "srv",
        &["--network", network, "-p", &publish],
        &["8080/tcp"],
    );
    port
}

/// The holder state files of this instance's networks.
fn holder_files(sk: &Skiff) -> Vec<PathBuf> {
    std::fs::read_dir(sk.runroot().join("networks"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path().join("holder.json"))
                .filter(|p| p.exists())
                .collect()
        })
        .unwrap_or_default()
}

fn holder_field(path: &PathBuf, field: &str) -> i32 {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v[field].as_i64().unwrap_or(0) as i32
}

#[test]
fn members_reach_each_other_by_name_alias_and_link() {
    let sk = Skiff::new();
    let id = ok(&sk, &["network", "create", "app"]);
    assert_eq!(id.len(), 64, "{id}");
    serve(
        &sk,
        "db",
        &["--network", "app", "--network-alias", "database"],
        &["5432/tcp"],
    );
    assert!(client(&sk, "app", "db", "5432").starts_with("hello 5432 10.89."));
    assert!(client(&sk, "app", "database", "5432").starts_with("hello 5432 "));
    // --link NAME:ALIAS names the linked container for this one only.
    let linked = ok(
        &sk,
        &[
            "run",
            "--rm",
            "--network",
            "app",
            "--link",
            "db:pg",
            "--rootfs",
            "/:O",
            "python3",
            "-c",
            CLIENT,
            "pg",
            "5432",
        ],
    );
    assert!(linked.starts_with("hello 5432 "), "{linked}");
    // The address is the network's, shown by inspect and network inspect while it runs.
    let ip = ok(
        &sk,
        &[
            "inspect",
            "-f",
            "{{.NetworkSettings.Networks.app.IPAddress}}",
            "db",
        ],
    );
    assert!(ip.starts_with("10.89."), "{ip}");
    let members = ok(
        &sk,
        &["network", "inspect", "-f", "{{json .Containers}}", "app"],
    );
    assert!(members.contains(&format!("\"{ip}/24\"")), "{members}");
    // A removed member's name is gone from the others' hosts files at once.
    serve(&sk, "other", &["--network", "app"], &["1/tcp"]);
    let veths = || {
        let keeper = holder_field(&holder_files(&sk)[0], "netns_pid");
        let dev = std::fs::read_to_string(format!("/proc/{keeper}/net/dev")).unwrap();
        dev.lines()
            .filter(|l| l.trim_start().starts_with("veth"))
            .count()
    };
    assert_eq!(veths(), 2, "one veth per running member");
    let before = ok(&sk, &["exec", "other", "cat", "/etc/hosts"]);
    assert!(before.contains("\tdb database "), "{before}");
    ok(&sk, &["rm", "-f", "db"]);
    let after = ok(&sk, &["exec", "other", "cat", "/etc/hosts"]);
    assert!(
        !after.contains(" db") && !after.contains("database"),
        "{after}"
    );
    // The kernel deletes a veth with its network namespace, from a work queue: soon after the
    // last process left, not at once (a loaded machine showed 2 right after `rm`).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while veths() != 1 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(veths(), 1, "the removed member's veth is gone");
}

#[test]
fn the_networks_name_server_answers_members_names_and_aliases() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let bb = crate::harness::image("busybox:latest");
    sk.ok(&["pull", "-q", &bb]);
    ok(&sk, &["network", "create", "dnsnet"]);
    let gw_format = "{{range .IPAM.Config}}{{.Gateway}}{{end}}";
    let gateway = ok(&sk, &["network", "inspect", "-f", gw_format, "dnsnet"]);
    let on_net = ["--network", "dnsnet"];
    let run_d = |name: &str, extra: &[&str]| {
        let mut args = vec!["run", "-d", "--name", name];
        args.extend(on_net);
        args.extend(extra);
        args.extend([bb.as_str(), "sleep", "300"]);
        ok(&sk, &args);
        let ip_format = "{{.NetworkSettings.Networks.dnsnet.IPAddress}}";
        ok(&sk, &["inspect", "-f", ip_format, name])
    };
    let first = run_d(
        "first",
        &["--network-alias", "db", "--hostname", "firsthost"],
    );
    // nslookup asks the name server itself, past /etc/hosts; docker's server also answers a
    // member's host name and its name qualified with the network's.
    let script = "cat /etc/resolv.conf; nslookup first; nslookup DB; nslookup nosuch; \
                  nslookup firsthost; nslookup first.dnsnet";
    let mut args = vec!["run", "--rm"];
    args.extend(on_net);
    args.extend([bb.as_str(), "sh", "-c", script]);
    let out = sk.run(&args).stdout;
    // The network's server first, slirp4netns's resolver for when it does not answer.
    let servers = format!("nameserver {gateway}\nnameserver 10.0.2.3\n");
    assert!(out.contains(&servers), "{out}");
    assert!(
        out.contains(&format!("Name:\tfirst\nAddress: {first}\n")),
        "{out}"
    );
    assert!(
        out.contains(&format!("Name:\tDB\nAddress: {first}\n")),
        "{out}"
    );
    assert!(out.contains("can't find nosuch: NXDOMAIN"), "{out}");
    for name in ["firsthost", "first.dnsnet"] {
        assert!(
            out.contains(&format!("Name:\t{name}\nAddress: {first}\n")),
            "{name}: {out}"
        );
    }
    // A member that comes later is known to the first at once, and gone once removed.
    let second = run_d("second", &[]);
    let answer = ok(&sk, &["exec", "first", "nslookup", "second"]);
    assert!(answer.contains(&format!("Address: {second}")), "{answer}");
    ok(&sk, &["rm", "-f", "second"]);
    let gone = sk.run(&["exec", "first", "nslookup", "second"]).stdout;
    assert!(gone.contains("NXDOMAIN"), "{gone}");
}

#[test]
fn published_port_on_a_user_network_serves_the_client_address() {
    let sk = Skiff::new();
    let port = serve_published(&sk, "web");
    assert!(tcp_answer(&format!("127.0.0.1:{port}")).starts_with("hello 8080 "));
    let host = host_address();
    let answer = tcp_answer(&format!("{host}:{port}"));
    assert_eq!(answer.trim(), format!("hello 8080 {host}"));
    // UDP too (from the host's address: Debian 12's slirp4netns loses replies to 127.0.0.1).
    let udp_port = free_port();
    let udp_publish = format!("{udp_port}:53/udp");
    serve(
        &sk,
        "dns",
        &["--network", "web", "-p", &udp_publish],
        &["53/udp"],
    );
    assert_eq!(udp_answer(&format!("{host}:{udp_port}")), "pong ping");
    assert_eq!(
        ok(&sk, &["port", "srv"]),
        format!("8080/tcp -> 0.0.0.0:{port}")
    );
    // The way out: a server on the host, by host.containers.internal.
    let server = TcpListener::bind("0.0.0.0:0").unwrap();
    let host_port = server.local_addr().unwrap().port().to_string();
    std::thread::spawn(move || {
        use std::io::Write;
        for mut c in server.incoming().flatten() {
            let _ = c.write_all(b"from-host\n");
        }
    });
    assert_eq!(
        client(&sk, "web", "host.containers.internal", &host_port),
        "from-host"
    );
    // The port is free again once the container is gone.
    ok(&sk, &["rm", "-f", "srv"]);
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpListener::bind(("0.0.0.0", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "port {port} still taken after rm"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn internal_network_has_no_way_out() {
    let sk = Skiff::new();
    ok(&sk, &["network", "create", "--internal", "closed"]);
    let server = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = server.local_addr().unwrap().port().to_string();
    serve(&sk, "peer", &["--network", "closed"], &["7000/tcp"]);
    assert!(client(&sk, "closed", "peer", "7000").starts_with("hello 7000 "));
    let out = client(&sk, "closed", &host_address(), &port);
    assert!(out.starts_with("unreachable"), "{out}");
    let routes = ok(
        &sk,
        &[
            "run",
            "--rm",
            "--network",
            "closed",
            "--rootfs",
            "/:O",
            "cat",
            "/proc/net/route",
        ],
    );
    let default_route = routes
        .lines()
        .skip(1)
        .any(|l| l.split_whitespace().nth(1) == Some("00000000"));
    assert!(!default_route, "a default route: {routes}");
    // IPv4 only: the member's interface has IPv6 turned off, as docker does on such networks.
    let v6 = ok(
        &sk,
        &[
            "exec",
            "peer",
            "cat",
            "/proc/sys/net/ipv6/conf/eth0/disable_ipv6",
        ],
    );
    assert_eq!(v6, "1");
    assert_eq!(
        ok(
            &sk,
            &["network", "inspect", "-f", "{{.Internal}}", "closed"]
        ),
        "true"
    );
    drop(server);
}

#[test]
fn connect_and_disconnect_change_a_running_container() {
    let sk = Skiff::new();
    ok(&sk, &["network", "create", "front"]);
    ok(&sk, &["network", "create", "back"]);
    serve(&sk, "api", &["--network", "front"], &["9000/tcp"]);
    serve(&sk, "store", &["--network", "back"], &["9100/tcp"]);
    let ifaces = |c: &str| ok(&sk, &["exec", c, "cat", "/proc/net/dev"]);
    assert!(!ifaces("api").contains("eth1:"));
    ok(
        &sk,
        &["network", "connect", "--alias", "gateway", "back", "api"],
    );
    assert!(ifaces("api").contains("eth1:"), "{}", ifaces("api"));
    // Both sides resolve each other on the network they now share.
    assert!(client(&sk, "back", "gateway", "9000").starts_with("hello 9000 "));
    let from_api = ok(
        &sk,
        &["exec", "api", "python3", "-c", CLIENT, "store", "9100"],
    );
    assert!(from_api.starts_with("hello 9100 "), "{from_api}");
    let nets = ok(
        &sk,
        &[
            "inspect",
            "-f",
            "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}",
            "api",
        ],
    );
    assert_eq!(nets.trim(), "back front");
    // ps sees every network of a container, as docker's NETWORKS column and network= filter do.
    assert_eq!(
        ok(
            &sk,
            &["ps", "--filter", "name=api", "--format", "{{.Networks}}"]
        ),
        "back,front"
    );
    let on_back = ok(
        &sk,
        &["ps", "--filter", "network=back", "--format", "{{.Names}}"],
    );
    let mut on_back: Vec<&str> = on_back.lines().collect();
    on_back.sort();
    assert_eq!(on_back, ["api", "store"]);
    ok(&sk, &["network", "disconnect", "back", "api"]);
    assert!(!ifaces("api").contains("eth1:"), "{}", ifaces("api"));
    let out = client(&sk, "back", "gateway", "9000");
    assert!(out.starts_with("unreachable"), "{out}");
    // Errors say what to do.
    let again = sk.fails(&["network", "disconnect", "back", "api"], 125);
    assert!(again.stderr.contains("not connected"), "{}", again.stderr);
    ok(&sk, &["network", "disconnect", "-f", "back", "api"]);
    // Its last network too, as docker allows (docker-compose disconnects and reconnects each
    // network of a new container): only the loopback is left, until a connect gives one back.
    ok(&sk, &["network", "disconnect", "front", "api"]);
    let only_lo = ifaces("api");
    assert!(
        only_lo.contains("lo:") && !only_lo.contains("eth0:"),
        "{only_lo}"
    );
    let nets = ok(
        &sk,
        &["inspect", "-f", "{{len .NetworkSettings.Networks}}", "api"],
    );
    assert_eq!(nets.trim(), "0");
    assert!(client(&sk, "front", "api", "9000").starts_with("unreachable"));
    ok(&sk, &["network", "connect", "front", "api"]);
    // Reachable again. The first try failed once in a loaded root CI run (not reproduced
    // alone or in this module's runs): up to three tries, and a failed one is shown.
    let mut tries = Vec::new();
    while tries.len() < 3 {
        let out = client(&sk, "front", "api", "9000");
        if out.starts_with("hello 9000 ") {
            break;
        }
        eprintln!("client after the reconnect, try {}: {out}", tries.len() + 1);
        tries.push(out);
    }
    assert!(
        tries.len() < 3,
        "never reachable after the reconnect: {tries:?}"
    );
    // docker's repeated --network: one interface per network, reachable on each.
    serve(
        &sk,
        "both",
        &["--network", "front", "--network", "back"],
        &["9200/tcp"],
    );
    assert!(ifaces("both").contains("eth1:"), "{}", ifaces("both"));
    assert!(client(&sk, "front", "both", "9200").starts_with("hello 9200 "));
    assert!(client(&sk, "back", "both", "9200").starts_with("hello 9200 "));
    let mixed = sk.fails(
        &[
            "run",
            "--network",
            "front",
            "--network",
            "host",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert!(
        mixed.stderr.contains("conflicting options"),
        "{}",
        mixed.stderr
    );
}

#[test]
fn concurrent_runs_never_share_an_address() {
    let sk = Skiff::new();
    ok(&sk, &["network", "create", "many"]);
    let children: Vec<_> = (0..20)
        .map(|i| {
            let name = format!("c{i}");
            sk.cmd(&[
                "run",
                "-d",
                "--name",
                &name,
                "--network",
                "many",
                "--rootfs",
                "/:O",
                "sleep",
                "60",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list = ok(
        &sk,
        &[
            "network",
            "inspect",
            "-f",
            "{{range .Containers}}{{.IPv4Address}}\n{{end}}",
            "many",
        ],
    );
    let mut ips: Vec<&str> = list.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(ips.len(), 20, "{list}");
    ips.sort();
    ips.dedup();
    assert_eq!(ips.len(), 20, "an address given twice: {list}");
}

/// `--ip-range` (docker's documented example, and podman's FIRST-LAST form): members that do
/// not ask get addresses from the range, from its first address on (docker gives 172.28.5.0
/// first: a host address of the /16), never the gateway; `--ip` may still pick any address of
/// the subnet; a full range says so; inspect shows the range.
#[test]
fn ip_range_bounds_the_addresses_members_get() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    #[rustfmt::skip]
    ok(&sk, &["network", "create", "--driver=bridge", "--subnet=172.28.0.0/16",
        "--ip-range=172.28.5.0/24", "--gateway=172.28.5.254", "br0"]);
    let ipam = "{{range .IPAM.Config}}{{.Subnet}} {{.IPRange}} {{.Gateway}}{{end}}";
    assert_eq!(
        ok(&sk, &["network", "inspect", "-f", ipam, "br0"]),
        "172.28.0.0/16 172.28.5.0/24 172.28.5.254"
    );
    let inside = |extra: &[&str]| {
        let args = [
            &["run", "--rm", "--network", "br0"][..],
            extra,
            &[
                "--rootfs", &rootfs, "ip", "-4", "-o", "addr", "show", "eth0",
            ],
        ]
        .concat();
        let out = ok(&sk, &args);
        let inet = out.split_whitespace().skip_while(|w| *w != "inet").nth(1);
        inet.unwrap_or_default().to_string()
    };
    assert_eq!(inside(&[]), "172.28.5.0/16");
    assert_eq!(inside(&["--ip", "172.28.9.9"]), "172.28.9.9/16");

    #[rustfmt::skip]
    ok(&sk, &["network", "create", "--subnet", "10.79.0.0/24",
        "--ip-range", "10.79.0.10-10.79.0.11", "small"]);
    for name in ["s1", "s2"] {
        #[rustfmt::skip]
        ok(&sk, &["run", "-d", "--name", name, "--network", "small", "--rootfs", &rootfs,
            "sleep", "60"]);
    }
    let ip_of = |name: &str| {
        let f = "{{.NetworkSettings.Networks.small.IPAddress}}";
        ok(&sk, &["inspect", "-f", f, name])
    };
    assert_eq!(
        (ip_of("s1"), ip_of("s2")),
        ("10.79.0.10".into(), "10.79.0.11".into())
    );
    #[rustfmt::skip]
    let full = sk.fails(&["run", "--rm", "--network", "small", "--rootfs", &rootfs, "true"], 125);
    assert!(
        full.stderr
            .contains("no free address left in 10.79.0.10-10.79.0.11")
            && full.stderr.contains("--ip-range"),
        "{}",
        full.stderr
    );
    #[rustfmt::skip]
    ok(&sk, &["run", "--rm", "--network", "small", "--ip", "10.79.0.50", "--rootfs", &rootfs,
        "true"]);
    ok(&sk, &["rm", "-f", "-t", "0", "s1", "s2"]);

    #[rustfmt::skip]
    let refused = [
        (&["--ip-range", "10.80.0.0/25"][..], "needs --subnet"),
        (&["--subnet", "10.80.0.0/24", "--ip-range", "10.81.0.0/25"], "is not inside the subnet"),
        (&["--subnet", "10.80.0.0/24", "--ip-range", "10.80.0.9-10.80.0.2"], "invalid IP range"),
    ];
    for (flags, says) in refused {
        let out = sk.fails(&[&["network", "create"][..], flags, &["bad"]].concat(), 125);
        assert!(out.stderr.contains(says), "{flags:?}: {}", out.stderr);
    }
}

#[test]
fn aux_addresses_are_never_given_and_ipam_options_are_kept() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    #[rustfmt::skip]
    ok(&sk, &["network", "create", "--subnet", "10.82.0.0/24", "--aux-address", "router=10.82.0.2",
        "--aux-address", "printer=10.82.0.3", "--ipam-opt", "team=infra", "aux"]);
    assert_eq!(
        ok(
            &sk,
            &[
                "network",
                "inspect",
                "-f",
                "{{json .IPAM.Options}} {{range .IPAM.Config}}{{json .AuxiliaryAddresses}}{{end}}",
                "aux"
            ]
        ),
        r#"{"team":"infra"} {"printer":"10.82.0.3","router":"10.82.0.2"}"#
    );
    // The gateway is .1 and .2 and .3 are reserved: the first member gets .4.
    #[rustfmt::skip]
    let out = ok(&sk, &["run", "--rm", "--network", "aux", "--rootfs", &rootfs,
        "ip", "-4", "-o", "addr", "show", "eth0"]);
    assert!(out.contains("inet 10.82.0.4/24"), "{out}");
    #[rustfmt::skip]
    let taken = sk.fails(&["run", "--rm", "--network", "aux", "--ip", "10.82.0.3",
        "--rootfs", &rootfs, "true"], 125);
    assert!(taken.stderr.contains("already in use"), "{}", taken.stderr);
    #[rustfmt::skip]
    let refused = [
        (&["--aux-address", "a=10.83.0.9"][..], "no matching subnet for aux-address 10.83.0.9"),
        (&["--subnet", "10.83.0.0/24", "--aux-address", "a=10.84.0.9"], "no matching subnet"),
        (&["--subnet", "10.83.0.0/24", "--aux-address", "a=nope"], "not an IP address"),
    ];
    for (flags, says) in refused {
        let out = sk.fails(&[&["network", "create"][..], flags, &["bad"]].concat(), 125);
        assert!(out.stderr.contains(says), "{flags:?}: {}", out.stderr);
    }
}

#[test]
fn killed_helper_is_restarted_and_the_holder_leaves_with_the_last_member() {
    let sk = Skiff::new();
    let port = serve_published(&sk, "life");
    let addr = format!("127.0.0.1:{port}");
    assert!(tcp_answer(&addr).starts_with("hello 8080 "));
    let files = holder_files(&sk);
    assert_eq!(files.len(), 1, "{files:?}");
    let (holder, keeper, helper) = (
        holder_field(&files[0], "pid"),
        holder_field(&files[0], "netns_pid"),
        holder_field(&files[0], "helper_pid"),
    );
    assert!(alive(holder) && alive(keeper) && alive(helper));
    // SAFETY: a signal to the network's helper, a process of this test.
    unsafe { libc::kill(helper, libc::SIGKILL) };
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = holder_field(&files[0], "helper_pid");
        if now != helper && now > 0 && alive(now) {
            break;
        }
        assert!(Instant::now() < deadline, "the helper was not restarted");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(holder_field(&files[0], "helper_restarts"), 1);
    assert!(
        tcp_answer(&addr).starts_with("hello 8080 "),
        "ports published again"
    );
    assert_eq!(
        ok(&sk, &["ps", "--format", "{{.Ports}}"]),
        format!("0.0.0.0:{port}->8080/tcp")
    );
    // After the last member, the holder, its keeper (the bridge and veths) and the helper go.
    let helper = holder_field(&files[0], "helper_pid");
    ok(&sk, &["rm", "-f", "srv"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while alive(holder) || alive(keeper) || alive(helper) {
        assert!(
            Instant::now() < deadline,
            "the network's processes outlived its last container"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(holder_files(&sk).is_empty());
    // The next run brings it back.
    serve(&sk, "again", &["--network", "life"], &["1/tcp"]);
    assert_eq!(holder_files(&sk).len(), 1);
}

#[test]
fn network_commands_and_their_errors() {
    let sk = Skiff::new();
    // Host bits are dropped, as docker does; a subnet that is not one is refused.
    ok(&sk, &["network", "create", "--subnet", "10.1.2.3/24", "x"]);
    assert_eq!(
        ok(
            &sk,
            &[
                "network",
                "inspect",
                "-f",
                "{{range .IPAM.Config}}{{.Subnet}}{{end}}",
                "x"
            ]
        ),
        "10.1.2.0/24"
    );
    let bad = sk.fails(&["network", "create", "--subnet", "10.1.2.0/33", "y"], 125);
    assert!(bad.stderr.contains("prefix length"), "{}", bad.stderr);
    sk.fails(
        &[
            "network",
            "create",
            "--subnet",
            "10.9.0.0/24",
            "--gateway",
            "10.8.0.1",
            "x",
        ],
        125,
    );
    let taken = sk.fails(&["network", "create", "bridge"], 125);
    assert!(taken.stderr.contains("already exists"), "{}", taken.stderr);
    // docker's --ipam-driver, --ipv4 and --scope: their defaults are taken, the rest refused
    // with what to give instead.
    ok(
        &sk,
        &[
            "network",
            "create",
            "--ipam-driver",
            "default",
            "--ipv4",
            "--scope",
            "local",
            "dflt",
        ],
    );
    for (flag, value, says) in [
        ("--ipam-driver", "dhcp", "IPAM driver"),
        ("--ipv4", "false", "IPv6-only"),
        ("--scope", "swarm", "swarm"),
    ] {
        let arg = format!("{flag}={value}");
        let out = sk.fails(&["network", "create", &arg, "refused"], 125);
        assert!(out.stderr.contains(says), "{arg}: {}", out.stderr);
    }
    assert_eq!(sk.run(&["network", "exists", "refused"]).status, 1);
    ok(&sk, &["network", "rm", "dflt"]);
    ok(
        &sk,
        &[
            "network",
            "create",
            "--subnet",
            "10.77.0.0/24",
            "--gateway",
            "10.77.0.254",
            "--label",
            "team=a",
            "lab",
        ],
    );
    let dup = sk.fails(&["network", "create", "lab"], 125);
    assert!(dup.stderr.contains("already exists"), "{}", dup.stderr);
    ok(&sk, &["network", "create", "--ignore", "lab"]);
    assert_eq!(
        ok(
            &sk,
            &[
                "network",
                "inspect",
                "-f",
                "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}",
                "lab"
            ]
        ),
        "10.77.0.0/24 10.77.0.254"
    );
    let ls = ok(&sk, &["network", "ls"]);
    let header: Vec<&str> = ls.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["NETWORK", "ID", "NAME", "DRIVER", "SCOPE"]);
    assert_eq!(
        ok(
            &sk,
            &[
                "network",
                "ls",
                "--filter",
                "label=team=a",
                "--format",
                "{{.Name}} {{.Driver}}"
            ]
        ),
        "lab bridge"
    );
    let names = ok(&sk, &["network", "ls", "--format", "{{.Name}}"]);
    assert_eq!(names, "bridge\nhost\nnone\nlab\nx");
    // docker's name filter is a regular expression ("does it exist" scripts anchor it).
    let named = |f: &str| {
        ok(
            &sk,
            &["network", "ls", "--filter", f, "--format", "{{.Name}}"],
        )
    };
    assert_eq!(named("name=^lab$"), "lab");
    assert_eq!(named("name=^bridge$"), "bridge");
    assert_eq!(named("name=la."), "lab");
    // docker's headers for the address families.
    let table = ok(
        &sk,
        &["network", "ls", "--format", "table {{.IPv4}}\t{{.IPv6}}"],
    );
    assert!(table.starts_with("IPV4 "), "{table}");
    ok(&sk, &["network", "exists", "lab"]);
    sk.fails(&["network", "exists", "nosuch"], 1);
    // Bad container flags are refused before anything is created.
    let missing = sk.fails(
        &["run", "--network", "nosuch", "--rootfs", "/:O", "true"],
        125,
    );
    assert!(
        missing.stderr.contains("No such network: nosuch"),
        "{}",
        missing.stderr
    );
    let outside = sk.fails(
        &[
            "run",
            "--network",
            "lab",
            "--ip",
            "10.78.0.5",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert!(outside.stderr.contains("10.78.0.5"), "{}", outside.stderr);
    let default_ip = sk.fails(
        &["run", "--ip", "10.77.0.5", "--rootfs", "/:O", "true"],
        125,
    );
    assert!(
        default_ip.stderr.contains("user defined networks only"),
        "{}",
        default_ip.stderr
    );
    sk.fails(
        &[
            "run",
            "--network",
            "lab",
            "--network-alias",
            "bad alias",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert_eq!(ok(&sk, &["ps", "-aq"]), "");
    // --ip is honoured; the address of a running container is a conflict (a stopped one
    // gives it up: a_fixed_address_passes_from_a_stopped_container).
    ok(
        &sk,
        &[
            "run",
            "-d",
            "--name",
            "fixed",
            "--network",
            "lab",
            "--ip",
            "10.77.0.9",
            "--rootfs",
            "/:O",
            "sleep",
            "60",
        ],
    );
    let twice = sk.fails(
        &[
            "create",
            "--network",
            "lab",
            "--ip",
            "10.77.0.9",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert!(twice.stderr.contains("already in use"), "{}", twice.stderr);
    // In use: rm names the container (status 2, as podman documents; a missing network is
    // 1); -f removes it too.
    let busy = sk.fails(&["network", "rm", "lab"], 2);
    assert!(busy.stderr.contains("fixed"), "{}", busy.stderr);
    assert_eq!(ok(&sk, &["network", "rm", "-f", "lab"]), "lab");
    assert_eq!(ok(&sk, &["ps", "-aq"]), "");
    sk.fails(&["network", "rm", "nosuch"], 1);
    let predefined = sk.fails(&["network", "rm", "host"], 2);
    assert!(
        predefined.stderr.contains("pre-defined"),
        "{}",
        predefined.stderr
    );
    ok(&sk, &["network", "create", "unused"]);
    assert_eq!(
        ok(&sk, &["network", "prune", "-f"]),
        "Deleted Networks:\nunused\nx"
    );
}

#[test]
fn a_container_on_the_default_network_joins_user_networks() {
    let sk = Skiff::new();
    ok(&sk, &["network", "create", "appn"]);
    ok(&sk, &["network", "create", "other"]);
    serve(&sk, "db", &["--network", "appn"], &["9300/tcp"]);
    serve(&sk, "web", &[], &["9400/tcp"]);
    let ifaces = |c: &str| ok(&sk, &["exec", c, "cat", "/proc/net/dev"]);
    // It joins while it runs (rootless through a relay: see the next test).
    ok(&sk, &["network", "connect", "appn", "web"]);
    assert!(ifaces("web").contains("eth1:"), "{}", ifaces("web"));
    // Restarted, it is wired again; the helper's interface (the default network) stays.
    ok(&sk, &["restart", "-t", "0", "web"]);
    let dev = ifaces("web");
    assert!(
        dev.contains("eth1:") && (dev.contains("tap0:") || dev.contains("eth0:")),
        "{dev}"
    );
    // Both sides reach each other by name over the user network.
    let from_web = ok(&sk, &["exec", "web", "python3", "-c", CLIENT, "db", "9300"]);
    assert!(from_web.starts_with("hello 9300 10.89."), "{from_web}");
    // The restarted server may still be starting on a loaded machine: ask until it answers.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let mut answer = client(&sk, "appn", "web", "9400");
    while answer.starts_with("unreachable") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(250));
        answer = client(&sk, "appn", "web", "9400");
    }
    assert!(answer.starts_with("hello 9400 10.89."), "{answer}");
    let nets = ok(
        &sk,
        &[
            "inspect",
            "-f",
            "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}",
            "web",
        ],
    );
    let mut nets: Vec<&str> = nets.split_whitespace().collect();
    nets.sort();
    assert_eq!(nets.len(), 2, "{nets:?}");
    assert_eq!(nets[0], "appn", "{nets:?}");
    // Now in the networks' user namespace, it takes another network while it runs, and
    // gives them back.
    ok(&sk, &["network", "connect", "other", "web"]);
    assert!(ifaces("web").contains("eth2:"), "{}", ifaces("web"));
    ok(&sk, &["network", "disconnect", "other", "web"]);
    ok(&sk, &["network", "disconnect", "appn", "web"]);
    let dev = ifaces("web");
    assert!(!dev.contains("eth1:") && !dev.contains("eth2:"), "{dev}");
    let gone = client(&sk, "appn", "web", "9400");
    assert!(gone.starts_with("unreachable"), "{gone}");
    // A container without a network namespace of its own has nothing to connect.
    ok(
        &sk,
        &[
            "run",
            "-d",
            "--name",
            "lonely",
            "--network",
            "none",
            "--rootfs",
            "/:O",
            "sleep",
            "60",
        ],
    );
    let none = sk.fails(&["network", "connect", "appn", "lonely"], 125);
    assert!(
        none.stderr.contains("no network namespace of its own"),
        "{}",
        none.stderr
    );
}

/// The recorded relays of this instance: (state file, relay pid).
fn relays(sk: &Skiff) -> Vec<(PathBuf, i32)> {
    let mut out = Vec::new();
    for net in std::fs::read_dir(sk.runroot().join("networks"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for f in std::fs::read_dir(net.path().join("relays"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let pid = holder_field(&f.path(), "pid");
            out.push((f.path(), pid));
        }
    }
    out
}

/// The interfaces of the network namespace of process `pid` (empty once it is gone).
fn interfaces(pid: i32) -> Vec<String> {
    std::fs::read_to_string(format!("/proc/{pid}/net/dev"))
        .unwrap_or_default()
        .lines()
        .skip(2)
        .filter_map(|l| Some(l.split(':').next()?.trim().to_string()))
        .collect()
}

/// Waits up to five seconds for `done`.
fn eventually(mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !done() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

/// `network connect` of a container that runs on the default network: rootless, it runs in a
/// user namespace of its own, which no veth can reach, and is joined through a tap relay
/// (a tap `eth1` in the container, a tap `vtap…` on the network's bridge, a process copying
/// frames); as root through a veth. Either way bytes cross both ways by name and alias,
/// inspect shows the address, disconnect takes the interface (and the relay) away, a killed
/// relay is reported (network inspect leaves the container out) and repaired by connecting
/// again, and after `rm` no relay process and no device remain.
#[test]
fn a_running_default_network_container_is_connected_and_disconnected() {
    let sk = Skiff::new();
    let rootless = !crate::harness::is_root();
    ok(
        &sk,
        &[
            "network",
            "create",
            "--subnet",
            "10.78.0.0/24",
            "--ipv6",
            "--subnet",
            "fd00:6e:4::/64",
            "rel",
        ],
    );
    serve(&sk, "db", &["--network", "rel"], &["9300/tcp"]);
    serve(&sk, "web", &[], &["9400/tcp"]);
    ok(
        &sk,
        &["network", "connect", "--alias", "front", "rel", "web"],
    );
    let keeper = holder_field(&holder_files(&sk)[0], "netns_pid");
    let web_pid: i32 = ok(&sk, &["inspect", "-f", "{{.State.Pid}}", "web"])
        .parse()
        .unwrap();
    let addr = ok(
        &sk,
        &[
            "inspect",
            "-f",
            "{{.NetworkSettings.Networks.rel.IPAddress}}",
            "web",
        ],
    );
    assert!(addr.starts_with("10.78.0."), "{addr}");
    let web_ifaces = interfaces(web_pid);
    assert!(web_ifaces.contains(&"eth1".to_string()), "{web_ifaces:?}");
    // The bridge's port for web: its veth as root, the relay's tap rootless.
    let web_id = ok(&sk, &["inspect", "-f", "{{.Id}}", "web"]);
    let port = format!(
        "{}{}",
        if rootless { "vtap" } else { "veth" },
        &web_id[..11]
    );
    let port_name = |ifs: &[String]| ifs.contains(&port);
    assert!(port_name(&interfaces(keeper)), "{:?}", interfaces(keeper));
    if rootless {
        let r = relays(&sk);
        assert_eq!(r.len(), 1, "one relay: {r:?}");
        assert!(alive(r[0].1));
        let comm = std::fs::read_to_string(format!("/proc/{}/comm", r[0].1)).unwrap();
        assert_eq!(comm.trim(), "skiff-relay");
    } else {
        assert!(relays(&sk).is_empty(), "root joins through a veth");
    }
    // Bytes both ways: web reaches db by name from its address on the network, a member
    // reaches web by name and alias and is seen from its own address.
    let reach = |from: &str, host: &str, port: &str| {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let out = ok(&sk, &["exec", from, "python3", "-c", CLIENT, host, port]);
            if !out.starts_with("unreachable") || Instant::now() > deadline {
                return out;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    };
    let db_addr = ok(
        &sk,
        &[
            "inspect",
            "-f",
            "{{.NetworkSettings.Networks.rel.IPAddress}}",
            "db",
        ],
    );
    assert_eq!(reach("web", "db", "9300"), format!("hello 9300 {addr}"));
    for name in ["web", "front"] {
        assert_eq!(reach("db", name, "9400"), format!("hello 9400 {db_addr}"));
    }
    let members = ok(
        &sk,
        &["network", "inspect", "-f", "{{json .Containers}}", "rel"],
    );
    assert!(
        members.contains(&format!(r#""IPv4Address":"{addr}/24""#))
            && members.contains(r#""Name":"web""#),
        "{members}"
    );
    // IPv6 crosses too: web finds db's IPv6 address by name (its hosts file was rewritten)
    // and is seen from its own.
    let web6 = ok(
        &sk,
        &[
            "inspect",
            "-f",
            "{{.NetworkSettings.Networks.rel.GlobalIPv6Address}}",
            "web",
        ],
    );
    assert!(web6.starts_with("fd00:6e:4::"), "{web6}");
    ok(
        &sk,
        &[
            "exec",
            "-d",
            "db",
            "python3",
            "-c",
            crate::network_ipv6::SERVER6,
            "7000",
        ],
    );
    let db6 = ok(
        &sk,
        &[
            "inspect",
            "-f",
            "{{.NetworkSettings.Networks.rel.GlobalIPv6Address}}",
            "db",
        ],
    );
    assert!(
        eventually(|| {
            let out = ok(
                &sk,
                &[
                    "exec",
                    "web",
                    "python3",
                    "-c",
                    crate::network_ipv6::CLIENT6,
                    "db",
                    "7000",
                ],
            );
            out == format!("{db6} hello6 {web6}")
        }),
        "no IPv6 answer from db"
    );
    if rootless {
        // A killed relay takes the interface along; network inspect says so by leaving the
        // container out, and connecting again repairs it.
        let (_, pid) = relays(&sk)[0].clone();
        // SAFETY: a signal to the relay of this test's container.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        assert!(eventually(|| !alive(pid)));
        assert!(!interfaces(web_pid).contains(&"eth1".to_string()));
        let members = ok(
            &sk,
            &["network", "inspect", "-f", "{{json .Containers}}", "rel"],
        );
        assert!(!members.contains(r#""Name":"web""#), "{members}");
        ok(&sk, &["network", "connect", "rel", "web"]);
        assert!(interfaces(web_pid).contains(&"eth1".to_string()));
        assert_eq!(
            reach("db", "front", "9400"),
            format!("hello 9400 {db_addr}")
        );
        let again = sk.fails(&["network", "connect", "rel", "web"], 125);
        assert!(
            again.stderr.contains("already connected"),
            "{}",
            again.stderr
        );
    }
    // Disconnect: the interface, the bridge's port and the relay go; the name stops resolving.
    let before = relays(&sk);
    ok(&sk, &["network", "disconnect", "rel", "web"]);
    assert!(
        !interfaces(web_pid).contains(&"eth1".to_string()),
        "{:?}",
        interfaces(web_pid)
    );
    assert!(
        eventually(|| !port_name(&interfaces(keeper))),
        "{:?}",
        interfaces(keeper)
    );
    assert!(relays(&sk).is_empty());
    for (_, pid) in before {
        assert!(!alive(pid), "relay {pid} still runs");
    }
    let hosts = ok(&sk, &["exec", "db", "cat", "/etc/hosts"]);
    assert!(!hosts.contains("front"), "{hosts}");
    // Connected again, then removed: nothing of it is left.
    ok(&sk, &["network", "connect", "rel", "web"]);
    assert_eq!(
        reach("web", "db", "9300").split_whitespace().next(),
        Some("hello")
    );
    let before = relays(&sk);
    assert_eq!(before.len(), usize::from(rootless));
    ok(&sk, &["rm", "-f", "web"]);
    assert!(relays(&sk).is_empty(), "{:?}", relays(&sk));
    for (_, pid) in before {
        assert!(!alive(pid), "relay {pid} still runs");
    }
    assert!(
        eventually(|| !port_name(&interfaces(keeper))),
        "{:?}",
        interfaces(keeper)
    );
    assert_eq!(
        ok(
            &sk,
            &["network", "inspect", "-f", "{{len .Containers}}", "rel"]
        ),
        "1"
    );
}

/// Tests about rootless behaviour: tests/ci.sh runs them in its rootless pass only (`--skip
/// ::only_rootless::` in the root pass).
mod only_rootless {
    use super::*;

    /// A container on a user-defined network with a user namespace of its own (`--userns
    /// keep-id`) made it inside the networks' one, whose processes therefore reach its network
    /// namespace: `network connect` while it runs gives it a veth (no relay; it used to be
    /// refused as a container of a user namespace of its own), and bytes cross both ways.
    #[test]
    fn a_keep_id_member_is_connected_to_another_network_while_it_runs() {
        require_rootless!();
        let sk = Skiff::new();
        ok(&sk, &["network", "create", "one"]);
        ok(&sk, &["network", "create", "two"]);
        serve(
            &sk,
            "k",
            &["--network", "one", "--userns", "keep-id"],
            &["9500/tcp"],
        );
        serve(&sk, "t", &["--network", "two"], &["9600/tcp"]);
        ok(&sk, &["network", "connect", "two", "k"]);
        assert!(relays(&sk).is_empty(), "joined through a veth");
        let k_two = ok(
            &sk,
            &[
                "inspect",
                "-f",
                "{{.NetworkSettings.Networks.two.IPAddress}}",
                "k",
            ],
        );
        let t_two = ok(
            &sk,
            &[
                "inspect",
                "-f",
                "{{.NetworkSettings.Networks.two.IPAddress}}",
                "t",
            ],
        );
        assert!(eventually(|| {
            ok(&sk, &["exec", "t", "python3", "-c", CLIENT, "k", "9500"])
                == format!("hello 9500 {t_two}")
        }));
        assert_eq!(
            ok(&sk, &["exec", "k", "python3", "-c", CLIENT, "t", "9600"]),
            format!("hello 9600 {k_two}")
        );
        ok(&sk, &["rm", "-f", "k"]);
        assert!(relays(&sk).is_empty());
    }
}

/// A fixed `--ip` is held only while its container runs, as docker's: a new container takes
/// it from a stopped one (docker-compose recreates a service with `ipv4_address` so, the old
/// container kept until the new one starts), which gets another address at its next start;
/// a running holder still refuses it.
#[test]
fn a_fixed_address_passes_from_a_stopped_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    ok(
        &sk,
        &["network", "create", "--subnet", "10.245.4.0/24", "fixed"],
    );
    let show = "ip -4 addr show eth0 | grep -o 'inet [0-9.]*'";
    let run = |extra: &[&str], cmd: &str| {
        let mut args = vec!["run", "--network", "fixed", "--ip", "10.245.4.10"];
        args.extend(extra);
        args.extend(["--rootfs", rootfs.as_str(), "sh", "-c", cmd]);
        sk.run(&args)
    };
    let old = run(&["--name", "old"], show);
    assert_eq!(old.stdout.trim(), "inet 10.245.4.10", "{old:?}");
    let new = run(&["-d", "--name", "new"], "sleep 60");
    assert_eq!(new.status, 0, "{new:?}");
    assert_eq!(
        ok(&sk, &["exec", "new", "sh", "-c", show]),
        "inet 10.245.4.10"
    );
    let moved = ok(&sk, &["start", "-a", "old"]);
    assert!(
        moved.starts_with("inet 10.245.4.") && moved != "inet 10.245.4.10",
        "{moved}"
    );
    let taken = run(&["--rm"], "true");
    assert_eq!(
        taken.status, 125,
        "a running holder keeps its address: {taken:?}"
    );
    ok(&sk, &["rm", "-f", "old", "new"]);
    ok(&sk, &["network", "rm", "fixed"]);
}

/// A member with its own `--dns` on a user-defined network keeps the network's name server
/// first (compose's `dns:` broke service-name lookup), and that server asks the member's own
/// server the names it does not know, as docker's embedded server does. The other name
/// server is a small one in a container of the network (python on the host's files).
#[test]
fn own_dns_servers_answer_through_the_network_s_name_server() {
    let sk = Skiff::new();
    let script = sk.path("dns.py");
    std::fs::write(
        &script,
        "import socket, struct\n\
         s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n\
         s.bind(('0.0.0.0', 53))\n\
         while True:\n\
         \x20   q, peer = s.recvfrom(512)\n\
         \x20   end = 12\n\
         \x20   while q[end] != 0:\n\
         \x20       end += q[end] + 1\n\
         \x20   end += 5\n\
         \x20   a = b'\\xc0\\x0c' + struct.pack('>HHIH', 1, 1, 60, 4) + bytes([10, 1, 2, 3])\n\
         \x20   head = q[:2] + b'\\x81\\x80' + struct.pack('>HHHH', 1, 1, 0, 0)\n\
         \x20   s.sendto(head + q[12:end] + a, peer)\n",
    )
    .unwrap();
    let script_arg = script.display().to_string();
    ok(
        &sk,
        &["network", "create", "--subnet", "10.94.0.0/24", "dnsnet"],
    );
    ok(
        &sk,
        &[
            "run",
            "-d",
            "--name",
            "other-dns",
            "--network",
            "dnsnet",
            "--ip",
            "10.94.0.53",
            "--rootfs",
            "/:O",
            "python3",
            &script_arg,
        ],
    );
    let lookup = "cat /etc/resolv.conf; for i in 1 2 3 4 5 6 7 8 9 10; do \
                  busybox nslookup -type=a far.example 10.94.0.1 >/tmp/far 2>&1 && break; sleep 0.3; done; \
                  cat /tmp/far; busybox nslookup other-dns";
    let out = ok(
        &sk,
        &[
            "run",
            "--rm",
            "--network",
            "dnsnet",
            "--dns",
            "10.94.0.53",
            "--rootfs",
            "/:O",
            "sh",
            "-c",
            lookup,
        ],
    );
    assert!(
        out.starts_with("nameserver 10.94.0.1\nnameserver 10.94.0.53\n"),
        "{out}"
    );
    assert!(
        out.contains("10.1.2.3"),
        "the member's own server was not asked: {out}"
    );
    assert!(
        out.contains("Address: 10.94.0.53"),
        "service names broke: {out}"
    );
    // A member without its own server is not sent there.
    let plain = sk.run(&[
        "run",
        "--rm",
        "--network",
        "dnsnet",
        "--rootfs",
        "/:O",
        "busybox",
        "nslookup",
        "-type=a",
        "far.example",
        "10.94.0.1",
    ]);
    assert!(plain.stdout.contains("Server:"), "{plain:?}");
    assert!(!plain.stdout.contains("10.1.2.3"), "{plain:?}");
    ok(&sk, &["rm", "-f", "-t", "0", "other-dns"]);
    ok(&sk, &["network", "rm", "dnsnet"]);
}
