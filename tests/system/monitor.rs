//! The monitor process and restart policies: a container dies with its killed monitor, a monitor
//! outlives SIGTERM, a killed monitor is reported as exited, `--restart` counts and states, and
//! `rm -f`/`stop` win over a container that keeps restarting. Run as root and as an unprivileged
//! user.

use std::time::{Duration, Instant};

use crate::harness::Skiff;

/// `rm -f` and `stop` of a container that keeps restarting, at any moment of its back-off or
/// of a restart in progress: nothing of it is left running afterwards, and a stopped one stays
/// stopped.
#[test]
fn rm_and_stop_win_over_restarts() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let token = format!("restart-race-{}", std::process::id());
    let script = format!("sleep 0.0$((RANDOM % 9)); exit 1 # {token}");
    let running = || {
        std::fs::read_dir("/proc").unwrap().flatten().any(|e| {
            std::fs::read(e.path().join("cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains(&token))
        })
    };
    for round in 0..6 {
        let name = format!("r{round}");
        sk.ok(&[
            "run",
            "-d",
            "--name",
            &name,
            "--restart",
            "always",
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            &script,
        ]);
        std::thread::sleep(Duration::from_millis(40 * round));
        if round % 2 == 0 {
            sk.ok(&["rm", "-f", &name]);
        } else {
            sk.ok(&["stop", "-t", "1", &name]);
            std::thread::sleep(Duration::from_millis(300));
            assert_eq!(
                sk.inspect(&name, "{{.State.Status}}"),
                "exited",
                "round {round}"
            );
            sk.ok(&["rm", &name]);
        }
        let start = Instant::now();
        while running() && start.elapsed() < Duration::from_secs(3) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(
            !running(),
            "round {round}: a restarted container outlived rm/stop"
        );
    }
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

/// `kill` stands a restart policy down as `stop` does (docker and podman ignore the policy of a
/// container their user killed, whatever the signal), and the next `start` brings it back; an
/// exit of the container's own is still restarted.
#[test]
fn kill_stands_the_restart_policy_down_until_the_next_start() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for (name, policy, signal) in [
        ("ka", "always", "KILL"),
        ("kf", "on-failure:3", "KILL"),
        ("kt", "unless-stopped", "TERM"),
    ] {
        sk.ok(&[
            "run",
            "-d",
            "--name",
            name,
            "--restart",
            policy,
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            "trap 'exit 143' TERM; while true; do sleep 0.1; done",
        ]);
        sk.ok(&["kill", "-s", signal, name]);
        // Long enough for the monitor's first back-off (100 ms) and a restart.
        std::thread::sleep(Duration::from_millis(1500));
        assert_eq!(
            sk.inspect(name, "{{.State.Status}} {{.RestartCount}}"),
            "exited 0",
            "{name}: a killed container was restarted"
        );
        sk.ok(&["start", name]);
        assert_eq!(sk.inspect(name, "{{.State.Status}}"), "running", "{name}");
    }
    // After that start the policy stands again: an exit of the container's own restarts it.
    sk.ok(&["exec", "kf", "kill", "-TERM", "1"]);
    let start = Instant::now();
    while sk.inspect("kf", "{{.RestartCount}}") != "1" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the policy was not restored by start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    sk.ok(&["rm", "-f", "ka", "kf", "kt"]);
}

/// A container, of any user, dies with its monitor at once (the kernel's parent-death signal),
/// before any skiff command looks at it.
#[test]
fn a_container_goes_with_its_killed_monitor() {
    let sk = Skiff::new();
    for user in ["0", "65534"] {
        let name = format!("d{user}");
        let (_, monitor) = sleeper(&sk, &name, &["-u", user]);
        let pid: i32 = sk.inspect(&name, "{{.State.Pid}}").parse().unwrap();
        // SAFETY: kill has no memory-safety preconditions.
        assert_eq!(unsafe { libc::kill(monitor, libc::SIGKILL) }, 0);
        assert!(
            gone_within(pid, Duration::from_secs(2)),
            "user {user}: the container outlived its monitor"
        );
    }
}

/// A monitor ignores SIGTERM (a `pkill skiff` or a closing session must not orphan its
/// container); SIGKILL is covered by `a_killed_monitor_is_reported_as_exited`.
#[test]
fn a_monitor_outlives_sigterm() {
    let sk = Skiff::new();
    let (id, monitor) = sleeper(&sk, "t", &[]);
    // SAFETY: kill has no memory-safety preconditions.
    assert_eq!(unsafe { libc::kill(monitor, libc::SIGTERM) }, 0);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(sk.inspect("t", "{{.State.Status}}"), "running");
    assert_eq!(crate::harness::monitor_pid_of(&id), Some(monitor));
    sk.ok(&["rm", "-f", "t"]);
}

/// Runs `sleep 1000` detached as container `name` with the `extra` options; returns its id and
/// its monitor's pid.
fn sleeper(sk: &Skiff, name: &str, extra: &[&str]) -> (String, i32) {
    let rootfs = sk.busybox_rootfs();
    let run = [
        &["run", "-d", "--name", name][..],
        extra,
        &["--rootfs", &rootfs, "sleep", "1000"],
    ];
    let id = sk.ok(&run.concat()).trim().to_string();
    let monitor = crate::harness::monitor_pid_of(&id).expect("the container's monitor process");
    (id, monitor)
}

#[test]
fn restart_policies() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "f",
        "--restart",
        "on-failure:2",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "exit 1",
    ]);
    let count = sk.wait_for(
        "f",
        "{{.RestartCount}} {{.State.Status}}",
        "2 exited",
        Duration::from_secs(10),
    );
    assert_eq!(count, "2 exited");
    // In the foreground, run returns the first exit status (as docker run does) and the
    // monitor goes on restarting the container.
    let fg = sk.run(&[
        "run",
        "--name",
        "fg",
        "--restart",
        "on-failure:2",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo ran; exit 3",
    ]);
    assert_eq!((fg.status, fg.stdout.as_str()), (3, "ran\n"));
    let count = sk.wait_for(
        "fg",
        "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}",
        "2 exited 3",
        Duration::from_secs(10),
    );
    assert_eq!(count, "2 exited 3");
    assert_eq!(sk.ok(&["logs", "fg"]), "ran\nran\nran\n");
    // A start by hand counts the retries from 0 again, as docker's: three more runs.
    sk.ok(&["start", "fg"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while sk.ok(&["logs", "fg"]).lines().count() < 6 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let count = sk.wait_for(
        "fg",
        "{{.RestartCount}} {{.State.Status}}",
        "2 exited",
        Duration::from_secs(10),
    );
    assert_eq!(count, "2 exited");
    assert_eq!(sk.ok(&["logs", "fg"]).lines().count(), 6);
    // During the back-off the container shows as restarting.
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "restarter",
        "--restart",
        "on-failure:3",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "exit 1",
    ]);
    let start = Instant::now();
    let mut seen = String::new();
    while !seen.starts_with("Restarting (1)") && start.elapsed() < Duration::from_secs(5) {
        seen = sk
            .ok(&[
                "ps",
                "--filter",
                "name=restarter",
                "--format",
                "{{.Status}}",
            ])
            .trim()
            .to_string();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(seen.starts_with("Restarting (1)"), "{seen}");
    assert_eq!(
        sk.wait_for(
            "restarter",
            "{{.RestartCount}} {{.State.Status}}",
            "3 exited",
            Duration::from_secs(10)
        ),
        "3 exited"
    );
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(
        sk.inspect("f", "{{.RestartCount}}"),
        "2",
        "on-failure:2 restarts exactly twice"
    );
    // `always` restarts a clean exit; `stop` ends that.
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "a",
        "--restart",
        "always",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "sleep 0.2",
    ]);
    let start = Instant::now();
    while sk.inspect("a", "{{.RestartCount}}") == "0" && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_ne!(sk.inspect("a", "{{.RestartCount}}"), "0");
    sk.ok(&["stop", "-t", "1", "a"]);
    let after = sk.inspect("a", "{{.RestartCount}}");
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        sk.inspect("a", "{{.State.Status}} {{.RestartCount}}"),
        format!("exited {after}")
    );
}

#[test]
fn a_killed_monitor_is_reported_as_exited() {
    let sk = Skiff::new();
    let (_, monitor) = sleeper(&sk, "m", &[]);
    let pid: i32 = sk.inspect("m", "{{.State.Pid}}").parse().unwrap();
    let kib = std::fs::read_to_string(format!("/proc/{monitor}/smaps_rollup"))
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("Private_Dirty:")
                    .map(|v| v.trim().to_string())
            })
        });
    eprintln!("monitor private dirty memory: {kib:?}");
    // SAFETY: kill has no memory-safety preconditions.
    assert_eq!(unsafe { libc::kill(monitor, libc::SIGKILL) }, 0);
    std::thread::sleep(Duration::from_millis(200));
    let ps = sk.ok(&["ps", "-a"]);
    assert!(!ps.contains("Up "), "{ps}");
    assert!(ps.contains("Exited (-1)"), "{ps}");
    assert!(sk.inspect("m", "{{.State.Error}}").contains("monitor"));
    let container_pid: i32 = sk.inspect("m", "{{.State.Pid}}").parse().unwrap();
    assert_eq!(container_pid, 0, "an exited container has no pid");
    assert_eq!(sk.ok(&["ps", "-q"]), "");
    // Its processes do not outlive the monitor unmanaged (a zombie waiting for init is gone).
    assert!(
        gone_within(pid, Duration::from_secs(2)),
        "the orphaned container (pid {pid}) still runs"
    );
}

/// Whether process `pid` is gone (or a zombie) within `limit`.
fn gone_within(pid: i32, limit: Duration) -> bool {
    let alive = || {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        !stat.is_empty() && !stat.contains(") Z ")
    };
    let start = Instant::now();
    while alive() && start.elapsed() < limit {
        std::thread::sleep(Duration::from_millis(20));
    }
    !alive()
}
