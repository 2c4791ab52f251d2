//! More `run`/`create` flags (issue 16), one real effect each, root and rootless, with a busybox
//! `--rootfs` or the host's own files (`--rootfs /:O`): --pid, --ipc, --uts, --cgroupns,
//! --volumes-from, --device, and their refusals.

use crate::harness::Skiff;
use crate::run_flags::run_in;

/// The test process's own namespace of kind `ns` ("pid:[4026531836]").
fn own_ns(ns: &str) -> String {
    std::fs::read_link(format!("/proc/self/ns/{ns}"))
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn pid_host_sees_the_hosts_processes() {
    let sk = Skiff::new();
    let out = run_in(
        &sk,
        "/:O",
        &["--pid", "host"],
        &[
            "sh",
            "-c",
            "cat /proc/1/cmdline; echo; readlink /proc/self/ns/pid",
        ],
    );
    assert_eq!(out.status, 0, "{out:?}");
    let host_init = String::from_utf8_lossy(&std::fs::read("/proc/1/cmdline").unwrap()).to_string();
    assert_eq!(
        out.stdout,
        format!("{host_init}\n{}\n", own_ns("pid")),
        "{out:?}"
    );
    // Without it, pid 1 is the container's own command.
    let out = run_in(&sk, "/:O", &[], &["cat", "/proc/1/cmdline"]);
    assert_eq!(out.stdout, "cat\0/proc/1/cmdline\0", "{out:?}");
    sk.ok(&[
        "create", "--name", "c", "--pid", "host", "--rootfs", "/:O", "true",
    ]);
    assert_eq!(sk.inspect("c", "{{.HostConfig.PidMode}}"), "host");
}

/// Host pids of processes whose command line is exactly `args`.
fn pids_running(args: &str) -> Vec<String> {
    let want = args.replace(' ', "\0") + "\0";
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        .filter(|e| std::fs::read(e.path().join("cmdline")).is_ok_and(|c| c == want.as_bytes()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// Polls `f` for up to 5 s until it holds; returns its last answer.
fn within_5s(f: impl Fn() -> bool) -> bool {
    let start = std::time::Instant::now();
    while !f() {
        if start.elapsed() > std::time::Duration::from_secs(5) {
            return f();
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    true
}

#[test]
fn a_shared_pid_namespace_ends_with_the_container() {
    // With its own PID namespace, the kernel ends every process when the init exits; with
    // --pid host or container:, skiff does.
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "donor", "--rootfs", &rootfs, "sleep", "300",
    ]);
    for (mode, marker) in [("host", "4711"), ("container:donor", "4712")] {
        let script = format!("sleep {marker} >/dev/null 2>&1 & sleep {marker}1 & echo started");
        let out = run_in(&sk, &rootfs, &["--pid", mode], &["sh", "-c", &script]);
        assert_eq!(
            (out.status, out.stdout.as_str()),
            (0, "started\n"),
            "{mode}: {out:?}"
        );
        let gone = within_5s(|| {
            pids_running(&format!("sleep {marker}")).is_empty()
                && pids_running(&format!("sleep {marker}1")).is_empty()
        });
        assert!(gone, "{mode}: the container's processes are still running");
    }
    // stop ends them too.
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "h",
        "--pid",
        "host",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "sleep 4713 & exec sleep 300",
    ]);
    assert!(within_5s(|| pids_running("sleep 4713").len() == 1));
    sk.ok(&["stop", "-t", "1", "h"]);
    assert!(within_5s(|| pids_running("sleep 4713").is_empty()));
}

#[test]
fn pid_and_ipc_of_another_container_are_shared() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "donor",
        "--ipc",
        "shareable",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo from-donor > /dev/shm/x; exec sleep 300",
    ]);
    let donor_ipc = sk.ok(&["exec", "donor", "readlink", "/proc/self/ns/ipc"]);
    let donor_pid = sk.ok(&["exec", "donor", "readlink", "/proc/self/ns/pid"]);
    let out = run_in(
        &sk,
        &rootfs,
        &["--pid", "container:donor", "--ipc", "container:donor"],
        &[
            "sh",
            "-c",
            "readlink /proc/self/ns/ipc; readlink /proc/self/ns/pid; cat /dev/shm/x; cat /proc/1/cmdline",
        ],
    );
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        format!("{donor_ipc}{donor_pid}from-donor\nsleep\0300\0"),
        "{out:?}"
    );
    assert_eq!(sk.inspect("donor", "{{.HostConfig.IpcMode}}"), "shareable");

    // A donor with a private IPC namespace (docker's default) is refused, saying what to do.
    sk.ok(&[
        "run", "-d", "--name", "private", "--rootfs", &rootfs, "sleep", "300",
    ]);
    let out = sk.fails(
        &[
            "create",
            "--ipc",
            "container:private",
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(out.stderr.contains("--ipc shareable"), "{out:?}");
    // A donor that is not running.
    sk.ok(&["create", "--name", "stopped", "--rootfs", &rootfs, "true"]);
    let out = sk.fails(
        &[
            "run",
            "--rm",
            "--pid",
            "container:stopped",
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(
        out.stderr.contains("not running; start it first"),
        "{out:?}"
    );
}

#[test]
fn ipc_host_and_none() {
    let sk = Skiff::new();
    let out = run_in(
        &sk,
        "/:O",
        &["--ipc", "host"],
        &["readlink", "/proc/self/ns/ipc"],
    );
    assert_eq!(out.stdout.trim(), own_ns("ipc"), "{out:?}");
    let out = run_in(&sk, "/:O", &[], &["readlink", "/proc/self/ns/ipc"]);
    assert_ne!(out.stdout.trim(), own_ns("ipc"), "{out:?}");
    // none: a namespace of its own and no /dev/shm.
    let out = run_in(
        &sk,
        "/:O",
        &["--ipc", "none"],
        &[
            "sh",
            "-c",
            "readlink /proc/self/ns/ipc; test -e /dev/shm || echo no-shm",
        ],
    );
    assert_eq!(out.status, 0, "{out:?}");
    assert!(out.stdout.ends_with("no-shm\n"), "{out:?}");
    assert!(!out.stdout.contains(&own_ns("ipc")), "{out:?}");
}

#[test]
fn uts_host_has_the_hosts_name() {
    let sk = Skiff::new();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let out = run_in(
        &sk,
        "/:O",
        &["--uts", "host"],
        &["cat", "/proc/sys/kernel/hostname"],
    );
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, host.as_str()),
        "{out:?}"
    );
    let out = run_in(&sk, "/:O", &[], &["cat", "/proc/sys/kernel/hostname"]);
    assert_ne!(out.stdout, host, "{out:?}");
    let out = sk.fails(
        &[
            "run", "--rm", "--uts", "host", "-h", "x", "--rootfs", "/:O", "true",
        ],
        125,
    );
    assert!(out.stderr.contains("--uts host"), "{out:?}");
    sk.ok(&[
        "create", "--name", "c", "--uts", "host", "--rootfs", "/:O", "true",
    ]);
    assert_eq!(sk.inspect("c", "{{.HostConfig.UTSMode}}"), "host");
}

#[test]
fn cgroupns_host_or_private() {
    let sk = Skiff::new();
    let out = run_in(
        &sk,
        "/:O",
        &["--cgroupns", "host"],
        &["readlink", "/proc/self/ns/cgroup"],
    );
    assert_eq!(out.stdout.trim(), own_ns("cgroup"), "{out:?}");
    let out = run_in(
        &sk,
        "/:O",
        &["--cgroupns", "private"],
        &["readlink", "/proc/self/ns/cgroup"],
    );
    assert_eq!(out.status, 0, "{out:?}");
    assert_ne!(out.stdout.trim(), own_ns("cgroup"), "{out:?}");
    sk.ok(&["create", "--name", "c", "--rootfs", "/:O", "true"]);
    assert_eq!(sk.inspect("c", "{{.HostConfig.CgroupnsMode}}"), "private");
}

#[test]
fn namespace_modes_are_checked() {
    let sk = Skiff::new();
    for (flag, value, hint) in [
        ("--pid", "private", "use host, container:NAME"),
        (
            "--ipc",
            "container:",
            "use private, shareable, none, host, container:NAME",
        ),
        ("--uts", "bogus", "use host, container:NAME"),
        ("--cgroupns", "hostx", "use private, host"),
    ] {
        let out = sk.fails(&["create", flag, value, "--rootfs", "/:O", "true"], 125);
        assert!(out.stderr.contains(hint), "{flag} {value}: {out:?}");
    }
    let out = sk.fails(
        &[
            "create",
            "--pid",
            "container:nothere",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert!(out.stderr.contains("nothere"), "{out:?}");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

#[test]
fn volumes_from_copies_volumes_and_binds() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let dir = sk.path("bind");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("f"), "from-bind\n").unwrap();
    let bind = format!("{}:/b:ro", dir.display());
    sk.ok(&[
        "run",
        "--name",
        "src",
        "-v",
        "vol:/data",
        "-v",
        &bind,
        "--tmpfs",
        "/t",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo from-volume > /data/f",
    ]);
    let out = run_in(
        &sk,
        &rootfs,
        &["--volumes-from", "src"],
        &[
            "sh",
            "-c",
            "cat /data/f /b/f; echo more >> /data/f && echo data-rw; touch /b/x || echo b-ro; grep -q ' /t ' /proc/mounts || echo no-tmpfs",
        ],
    );
    assert_eq!(
        out.stdout, "from-volume\nfrom-bind\ndata-rw\nb-ro\nno-tmpfs\n",
        "{out:?}"
    );
    // :ro makes every mount read-only.
    let out = run_in(
        &sk,
        &rootfs,
        &["--volumes-from", "src:ro"],
        &["sh", "-c", "cat /data/f; touch /data/y || echo data-ro"],
    );
    assert_eq!(out.stdout, "from-volume\nmore\ndata-ro\n", "{out:?}");
    sk.ok(&[
        "create",
        "--name",
        "c",
        "--volumes-from",
        "src",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(
        sk.inspect("c", "{{json .HostConfig.VolumesFrom}}"),
        "[\"src\"]"
    );
    let out = sk.fails(
        &[
            "create",
            "--volumes-from",
            "nothere",
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(out.stderr.contains("nothere"), "{out:?}");
    let out = sk.fails(
        &[
            "create",
            "--volumes-from",
            "src:rx",
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(out.stderr.contains("CONTAINER[:ro|rw]"), "{out:?}");
}

#[test]
fn device_node_opens_in_the_container() {
    let sk = Skiff::new();
    if !std::path::Path::new("/dev/net/tun").exists() {
        crate::harness::skip("no /dev/net/tun on this host");
        return;
    }
    // /dev/net/tun is mode 0666: an ordinary user may open it too.
    let out = run_in(
        &sk,
        "/:O",
        &[
            "--device",
            "/dev/net/tun",
            "--device",
            "/dev/net/tun:/dev/tun0:rwm",
        ],
        &[
            "sh",
            "-c",
            "exec 3<>/dev/net/tun && echo opened && exec 4<>/dev/tun0 && echo renamed",
        ],
    );
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "opened\nrenamed\n"),
        "{out:?}"
    );
    // Without the flag there is no such node.
    let out = run_in(&sk, "/:O", &[], &["test", "-e", "/dev/net/tun"]);
    assert_eq!(out.status, 1, "{out:?}");
    sk.ok(&[
        "create",
        "--name",
        "c",
        "--device",
        "/dev/net/tun",
        "--rootfs",
        "/:O",
        "true",
    ]);
    assert_eq!(
        sk.inspect("c", "{{json .HostConfig.Devices}}"),
        r#"[{"CgroupPermissions":"rwm","PathInContainer":"/dev/net/tun","PathOnHost":"/dev/net/tun"}]"#
    );
}

#[test]
fn device_refusals() {
    let sk = Skiff::new();
    let out = sk.fails(
        &[
            "run",
            "--rm",
            "--device",
            "/dev/no-such-dev",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert!(
        out.stderr
            .contains("/dev/no-such-dev: no such device on the host"),
        "{out:?}"
    );
    // Rootless there is no device cgroup to hold a container to narrower permissions (as root
    // there is: tests/system/devices.rs).
    if !crate::harness::is_root() {
        let out = sk.fails(
            &[
                "create",
                "--device",
                "/dev/null:/dev/n:r",
                "--rootfs",
                "/:O",
                "true",
            ],
            125,
        );
        assert!(out.stderr.contains("give rwm"), "{out:?}");
    }
    let out = sk.fails(
        &[
            "create",
            "--device",
            "/etc/hostname",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert!(out.stderr.contains("not a device node"), "{out:?}");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

#[test]
fn oom_score_adj_is_set_before_the_command() {
    let sk = Skiff::new();
    let out = run_in(
        &sk,
        "/:O",
        &["--oom-score-adj", "500"],
        &["cat", "/proc/self/oom_score_adj"],
    );
    assert_eq!((out.status, out.stdout.as_str()), (0, "500\n"), "{out:?}");
    sk.ok(&[
        "create",
        "--name",
        "c",
        "--oom-score-adj",
        "300",
        "--rootfs",
        "/:O",
        "true",
    ]);
    assert_eq!(sk.inspect("c", "{{.HostConfig.OomScoreAdj}}"), "300");
    // Lowering it needs CAP_SYS_RESOURCE on the host: never rootless (nor in a root without it).
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let caps = status
        .lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .map(|v| u64::from_str_radix(v.trim(), 16).unwrap())
        .unwrap();
    let out = run_in(
        &sk,
        "/:O",
        &["--oom-score-adj=-500"],
        &["cat", "/proc/self/oom_score_adj"],
    );
    if crate::harness::is_root() && caps & (1 << 24) != 0 {
        assert_eq!((out.status, out.stdout.as_str()), (0, "-500\n"), "{out:?}");
    } else {
        assert_eq!(out.status, 125, "{out:?}");
        assert!(out.stderr.contains("needs CAP_SYS_RESOURCE"), "{out:?}");
    }
    let out = sk.fails(
        &[
            "create",
            "--oom-score-adj",
            "1001",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert!(out.stderr.contains("-1000 to 1000"), "{out:?}");
}

#[test]
fn annotations_show_in_inspect() {
    let sk = Skiff::new();
    sk.ok(&[
        "create",
        "--name",
        "c",
        "--annotation",
        "org.example/k=v=w",
        "--annotation",
        "empty=",
        "--rootfs",
        "/:O",
        "true",
    ]);
    let want = r#"{"empty":"","org.example/k":"v=w"}"#;
    assert_eq!(sk.inspect("c", "{{json .HostConfig.Annotations}}"), want);
    assert_eq!(sk.inspect("c", "{{json .Config.Annotations}}"), want);
    let out = sk.fails(
        &[
            "create",
            "--annotation",
            "novalue",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert!(out.stderr.contains("use KEY=VALUE"), "{out:?}");
}

#[test]
fn log_opt_rotates_the_log() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for driver in ["json-file", "k8s-file"] {
        let name = format!("log-{driver}");
        sk.ok(&[
            "run",
            "--name",
            &name,
            "--log-driver",
            driver,
            "--log-opt",
            "max-size=1k",
            "--log-opt",
            "max-file=2",
            "--log-opt",
            "tag=web",
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            "i=1; while [ $i -le 200 ]; do echo line-$i; i=$((i+1)); done",
        ]);
        let path = sk.inspect(&name, "{{.LogPath}}");
        let size = |p: &str| std::fs::metadata(p).map(|m| m.len());
        let rotated = format!("{path}.1");
        assert!(size(&rotated).unwrap() < 1200, "{driver}: {rotated}");
        assert!(size(&path).unwrap() < 1200, "{driver}: {path}");
        assert!(
            size(&format!("{path}.2")).is_err(),
            "{driver}: only 2 files"
        );
        // logs reads the rotated file, then the current one: the last lines, in order.
        let logs = sk.ok(&["logs", &name]);
        let lines: Vec<&str> = logs.lines().collect();
        assert_eq!(lines.last(), Some(&"line-200"), "{driver}: {logs}");
        assert!(!lines.contains(&"line-1"), "{driver}: {logs}");
        let first: usize = lines[0].strip_prefix("line-").unwrap().parse().unwrap();
        let want: Vec<String> = (first..=200).map(|i| format!("line-{i}")).collect();
        assert_eq!(lines, want, "{driver}");
        assert_eq!(
            sk.inspect(&name, "{{json .HostConfig.LogConfig.Config}}"),
            r#"{"max-file":"2","max-size":"1k","tag":"web"}"#
        );
    }
    for (opts, hint) in [
        (
            &["--log-opt", "compress=true"][..],
            "use max-size, max-file or tag",
        ),
        (&["--log-opt", "max-file=2"][..], "needs max-size"),
        (&["--log-opt", "max-size=0"][..], "above zero"),
        (
            &["--log-driver", "none", "--log-opt", "max-size=1m"][..],
            "--log-driver none",
        ),
    ] {
        let mut args = vec!["create"];
        args.extend_from_slice(opts);
        args.extend_from_slice(&["--rootfs", &rootfs, "true"]);
        let out = sk.fails(&args, 125);
        assert!(out.stderr.contains(hint), "{opts:?}: {out:?}");
    }
}

#[test]
fn joining_a_donor_on_the_hosts_namespaces_gets_the_hosts() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "onhost", "--pid", "host", "--ipc", "host", "--rootfs", &rootfs,
        "sleep", "300",
    ]);
    let out = run_in(
        &sk,
        &rootfs,
        &["--pid", "container:onhost", "--ipc", "container:onhost"],
        &[
            "sh",
            "-c",
            "readlink /proc/self/ns/pid; readlink /proc/self/ns/ipc",
        ],
    );
    assert_eq!(
        (out.status, out.stdout),
        (0, format!("{}\n{}\n", own_ns("pid"), own_ns("ipc"))),
        "{}",
        out.stderr
    );
}

/// The container's /etc/hosts, /etc/hostname and /etc/resolv.conf are mounted after the
/// user's mounts, as docker's: a volume on /etc keeps them (they were hidden), a bind of the
/// file itself replaces it; with `--read-only` they are read-only too.
#[test]
fn etc_files_survive_a_volume_on_etc_and_follow_read_only() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.ok(&[
        "run",
        "--rm",
        "--hostname",
        "etcbox",
        "--dns",
        "10.9.9.9",
        "-v",
        "etcvol:/etc",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "cat /etc/hostname; grep -c 'nameserver 10.9.9.9' /etc/resolv.conf; grep -c etcbox /etc/hosts",
    ]);
    assert_eq!(out, "etcbox\n1\n1\n");
    let mine = sk.path("myhosts");
    std::fs::write(&mine, "10.9.8.7 mine\n").unwrap();
    let bind = format!("{}:/etc/hosts", mine.display());
    let out = sk.ok(&[
        "run",
        "--rm",
        "-v",
        &bind,
        "--rootfs",
        &rootfs,
        "cat",
        "/etc/hosts",
    ]);
    assert_eq!(out, "10.9.8.7 mine\n");
    let write = "echo >> /etc/hosts || echo refused; echo >> /etc/resolv.conf || echo refused";
    let out = sk.run(&[
        "run",
        "--rm",
        "--read-only",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        write,
    ]);
    assert_eq!(out.stdout, "refused\nrefused\n", "{out:?}");
    let out = sk.ok(&["run", "--rm", "--rootfs", &rootfs, "sh", "-c", write]);
    assert_eq!(out, "", "writable without --read-only, as docker's");
    // A missing working directory is still made, before the root turns read-only.
    let out = sk.ok(&[
        "run",
        "--rm",
        "--read-only",
        "-w",
        "/newwd",
        "--rootfs",
        &rootfs,
        "pwd",
    ]);
    assert_eq!(out, "/newwd\n");
    sk.ok(&["volume", "rm", "etcvol"]);
}
