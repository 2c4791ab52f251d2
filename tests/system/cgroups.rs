//! Resource limits and the commands on a container's own cgroup (issues 16 and 18): the
//! resource flags as inspect shows them, their refusals, `update`, `stats`, `pause`/`unpause`.
//! On these hybrid-cgroup hosts the container gets no cgroup of its own, so `pause` and the
//! update of a running container must refuse and say why, and `stats` reads /proc; the cgroup v2
//! effects themselves are proven in tests/vm/check.sh.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::harness::Skiff;

/// Whether the host's /sys/fs/cgroup is cgroup v2 (unified), where containers may get cgroups.
fn unified_cgroups() -> bool {
    Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
}

fn host_config(sk: &Skiff, name: &str) -> Value {
    let text = sk.ok(&["inspect", "-f", "{{json .HostConfig}}", name]);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// No container was left behind by a refused create.
fn assert_no_containers(sk: &Skiff) {
    assert_eq!(
        sk.ok(&["ps", "-a", "-q"]),
        "",
        "a refused create left a container"
    );
}

#[test]
fn resource_flags_are_recorded_as_docker_shows_them() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "create",
        "--name",
        "c",
        "-m",
        "64m",
        "--memory-swap",
        "96m",
        "--memory-reservation",
        "32m",
        "-c",
        "512",
        "--cpu-period",
        "200000",
        "--cpu-quota",
        "50000",
        "--cpuset-cpus",
        "0",
        "--cpuset-mems",
        "0",
        "--blkio-weight",
        "300",
        "--pids-limit",
        "40",
        "--cgroup-parent",
        "ci.slice",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    let h = host_config(&sk, "c");
    let want = [
        ("Memory", Value::from(64 << 20)),
        ("MemorySwap", Value::from(96 << 20)),
        ("MemoryReservation", Value::from(32 << 20)),
        ("CpuShares", Value::from(512)),
        ("CpuPeriod", Value::from(200_000)),
        ("CpuQuota", Value::from(50_000)),
        ("CpusetCpus", Value::from("0")),
        ("CpusetMems", Value::from("0")),
        ("BlkioWeight", Value::from(300)),
        ("PidsLimit", Value::from(40)),
        ("CgroupParent", Value::from("ci.slice")),
        ("NanoCpus", Value::from(0)),
    ];
    for (k, v) in want {
        assert_eq!(h[k], v, "HostConfig.{k} in {h}");
    }
    // docker's default: as much swap as memory, shown as memory+swap = twice --memory.
    sk.ok(&[
        "create", "--name", "d", "-m", "32m", "--rootfs", &rootfs, "true",
    ]);
    assert_eq!(host_config(&sk, "d")["MemorySwap"], Value::from(64 << 20));
}

#[test]
fn impossible_limits_are_refused_and_nothing_is_created() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let cases: [(&[&str], &str); 6] = [
        (&["--cpu-rt-runtime", "950000"], "real-time"),
        (&["--memory-swap", "64m"], "memory limit"),
        (&["-m", "64m", "--memory-swap", "32m"], "memory+swap"),
        (&["--cpus", "1", "--cpu-quota", "50000"], "--cpus"),
        (&["--cpuset-cpus", "3-1"], "--cpuset-cpus"),
        (
            &["--device-read-bps", "/dev/null:1mb"],
            "not a block device",
        ),
    ];
    for (flags, says) in cases {
        let mut args = vec!["run", "--rm", "--rootfs", &rootfs];
        args.splice(2..2, flags.iter().copied());
        args.push("true");
        let out = sk.fails(&args, 125);
        assert!(out.stderr.contains(says), "{flags:?}: {}", out.stderr);
        assert_no_containers(&sk);
    }
}

#[test]
fn limits_cgroup_v2_cannot_honour_are_discarded_with_docker_warnings() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.run(&[
        "run",
        "--rm",
        "--oom-kill-disable",
        "--memory-swappiness",
        "10",
        "--kernel-memory",
        "8m",
        "--rootfs",
        &rootfs,
        "echo",
        "ran",
    ]);
    assert_eq!((out.status, out.stdout.as_str()), (0, "ran\n"), "{out:?}");
    for flag in [
        "--oom-kill-disable",
        "--memory-swappiness",
        "--kernel-memory",
    ] {
        assert!(
            out.stderr
                .lines()
                .any(|l| l.starts_with("WARNING") && l.contains(flag)),
            "no warning for {flag}: {}",
            out.stderr
        );
    }
}

#[test]
fn update_changes_the_stored_limits_and_restart_policy() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "create", "--name", "c", "-m", "32m", "--rootfs", &rootfs, "true",
    ]);
    let out = sk.ok(&[
        "update",
        "--memory",
        "64m",
        "--cpu-shares",
        "512",
        "--pids-limit",
        "50",
        "--restart",
        "on-failure:3",
        "c",
    ]);
    assert_eq!(out, "c\n");
    let h = host_config(&sk, "c");
    assert_eq!(h["Memory"], Value::from(64 << 20), "{h}");
    assert_eq!(h["CpuShares"], Value::from(512), "{h}");
    assert_eq!(h["PidsLimit"], Value::from(50), "{h}");
    assert_eq!(h["RestartPolicy"]["Name"], Value::from("on-failure"), "{h}");
    assert_eq!(
        h["RestartPolicy"]["MaximumRetryCount"],
        Value::from(3),
        "{h}"
    );
    // What update does not name stays.
    sk.ok(&["update", "--cpus", "0.5", "c"]);
    let h = host_config(&sk, "c");
    assert_eq!(
        (h["Memory"].clone(), h["NanoCpus"].clone()),
        (Value::from(64 << 20), Value::from(500_000_000))
    );
    // docker's checks hold for the result of the update too.
    let out = sk.fails(&["update", "--memory-swap", "16m", "c"], 125);
    assert!(out.stderr.contains("memory+swap"), "{}", out.stderr);
    sk.fails(&["update", "--memory", "8m", "nosuch"], 125);
    // Nothing to change is an error, as docker's.
    let out = sk.fails(&["update", "c"], 125);
    assert!(out.stderr.contains("one or more flags"), "{}", out.stderr);
    // podman's device limits: stored (the running container's io.max is proven in the VM).
    if let Some(disk) = block_device() {
        let rate = format!("{disk}:2mb");
        let iops = format!("{disk}:100");
        sk.ok(&[
            "update",
            "--device-write-bps",
            &rate,
            "--device-read-iops",
            &iops,
            "c",
        ]);
        let h = host_config(&sk, "c");
        assert_eq!(
            h["BlkioDeviceWriteBps"][0]["Rate"],
            Value::from(2 << 20),
            "{h}"
        );
        assert_eq!(
            h["BlkioDeviceReadIOps"][0]["Path"],
            Value::from(disk),
            "{h}"
        );
    } else {
        assert!(
            !crate::harness::in_ci(),
            "no block device in /sys/block for the device limits"
        );
    }
    let out = sk.fails(&["update", "--device-read-bps", "/dev/null:1mb", "c"], 125);
    assert!(out.stderr.contains("not a block device"), "{}", out.stderr);
    // A restart policy alone changes no limit: a running container takes it on any host,
    // with a cgroup of its own or without.
    sk.ok(&[
        "run", "-d", "--name", "r", "--rootfs", &rootfs, "sleep", "60",
    ]);
    assert_eq!(sk.ok(&["update", "--restart", "always", "r"]), "r\n");
    let h = host_config(&sk, "r");
    assert_eq!(h["RestartPolicy"]["Name"], Value::from("always"), "{h}");
    // Renaming to the current name is refused, as docker does.
    let same = sk.fails(&["rename", "r", "r"], 125);
    assert!(same.stderr.contains("same name"), "{}", same.stderr);
    sk.ok(&["rm", "-f", "r"]);
}

/// A whole disk of this host (`/dev/vda`, `/dev/sda`...), if /sys/block lists one.
fn block_device() -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir("/sys/block")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.starts_with("loop") && !n.starts_with("zram") && !n.starts_with("ram"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| format!("/dev/{n}"))
        .find(|p| std::path::Path::new(p).exists())
}

/// Starts a detached busybox container holding about 20 MB in a shell variable; returns once
/// the memory is held.
fn start_holding_20mb(sk: &Skiff, rootfs: &str, name: &str) {
    sk.ok(&[
        "run",
        "-d",
        "--name",
        name,
        "--network",
        "none",
        "--rootfs",
        rootfs,
        "sh",
        "-c",
        "x=$(head -c 20000000 /dev/zero | tr '\\0' a); echo ready; sleep 300; echo end",
    ]);
    let start = std::time::Instant::now();
    while !sk.ok(&["logs", name]).contains("ready") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the container never got ready"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// "19.1MiB" -> bytes.
fn parse_binary_size(s: &str) -> f64 {
    let units = [
        ("GiB", 1u64 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
        ("B", 1),
    ];
    for (u, m) in units {
        if let Some(n) = s.strip_suffix(u) {
            return n.parse::<f64>().unwrap_or_else(|_| panic!("size {s:?}")) * m as f64;
        }
    }
    panic!("size {s:?}")
}

#[test]
fn stats_reports_a_running_containers_memory_and_processes() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    start_holding_20mb(&sk, &rootfs, "busy");
    sk.ok(&["create", "--name", "idle", "--rootfs", &rootfs, "true"]);
    let out = sk.ok(&["stats", "--no-stream", "--format", "json", "busy"]);
    let row: Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    let mut keys: Vec<&str> = row
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "BlockIO",
            "CPUPerc",
            "Container",
            "ID",
            "MemPerc",
            "MemUsage",
            "Name",
            "NetIO",
            "PIDs"
        ]
    );
    assert_eq!(row["Name"], "busy");
    assert_eq!(row["Container"], "busy");
    let mem = row["MemUsage"].as_str().unwrap();
    let (used, limit) = mem.split_once(" / ").unwrap();
    assert!(parse_binary_size(used) >= 19e6, "memory in use {mem}");
    assert!(parse_binary_size(limit) > parse_binary_size(used), "{mem}");
    let pids: u64 = row["PIDs"].as_str().unwrap().parse().unwrap();
    assert!(pids >= 2, "sh and sleep: {row}");
    assert_eq!(row["NetIO"], "0B / 0B", "--network none: {row}");
    let cpu = row["CPUPerc"].as_str().unwrap();
    assert!(
        cpu.ends_with('%') && cpu.trim_end_matches('%').parse::<f64>().is_ok(),
        "{cpu}"
    );

    // docker's table: its header, running containers only unless -a.
    let table = sk.ok(&["stats", "--no-stream"]);
    let mut lines = table.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap()
        .split("  ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(
        header,
        [
            "CONTAINER ID",
            "NAME",
            "CPU %",
            "MEM USAGE / LIMIT",
            "MEM %",
            "NET I/O",
            "BLOCK I/O",
            "PIDS"
        ]
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1, "{table}");
    assert!(rows[0].contains("busy"), "{table}");
    let all = sk.ok(&[
        "stats",
        "--no-stream",
        "-a",
        "--format",
        "{{.Name}} {{.MemUsage}} {{.PIDs}}",
    ]);
    assert!(all.lines().any(|l| l == "idle 0B / 0B 0"), "{all}");
    // A memory limit is the limit shown.
    sk.ok(&["rm", "-f", "busy"]);
    sk.ok(&[
        "run", "-d", "--name", "capped", "-m", "100m", "--rootfs", &rootfs, "sleep", "300",
    ]);
    let capped = sk.ok(&[
        "stats",
        "--no-stream",
        "--format",
        "{{.MemUsage}}",
        "capped",
    ]);
    assert!(capped.trim().ends_with(" / 100MiB"), "{capped}");
}

#[test]
fn pause_freezes_or_says_what_the_host_lacks() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "counter",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "i=0; while :; do i=$((i+1)); echo $i; sleep 0.1; done",
    ]);
    let lines = |sk: &Skiff| sk.ok(&["logs", "counter"]).lines().count();
    let out = sk.run(&["pause", "counter"]);
    if out.status == 0 {
        // A host that gives containers cgroups: the counter stops, then goes on.
        assert_eq!(
            sk.ok(&["inspect", "-f", "{{.State.Status}}", "counter"])
                .trim(),
            "paused"
        );
        let a = lines(&sk);
        std::thread::sleep(Duration::from_millis(800));
        assert_eq!(lines(&sk), a, "a paused container kept running");
        sk.ok(&["unpause", "counter"]);
        std::thread::sleep(Duration::from_millis(800));
        assert!(lines(&sk) > a, "an unpaused container stayed frozen");
        return;
    }
    assert!(
        !unified_cgroups(),
        "pause failed on a cgroup v2 host: {out:?}"
    );
    assert_eq!(out.status, 125, "{out:?}");
    assert!(
        out.stderr.contains("cgroup v2"),
        "the refusal says what is missing: {}",
        out.stderr
    );
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.Status}}", "counter"])
            .trim(),
        "running"
    );
    let a = lines(&sk);
    std::thread::sleep(Duration::from_millis(500));
    assert!(lines(&sk) > a, "a refused pause froze the container anyway");
    let out = sk.fails(&["update", "--memory", "64m", "counter"], 125);
    assert!(out.stderr.contains("cgroup v2"), "{}", out.stderr);
    // A refused update changes nothing.
    assert_eq!(host_config(&sk, "counter")["Memory"], Value::from(0));
    let out = sk.fails(&["unpause", "counter"], 125);
    assert!(out.stderr.contains("not paused"), "{}", out.stderr);
}
