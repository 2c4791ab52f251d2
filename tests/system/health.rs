//! Healthchecks: run by the container's monitor on schedule (no systemd timer, no session), each
//! check executed in the container; the status in `ps` and `inspect`, the `health=` filter,
//! `healthcheck run`, the image's HEALTHCHECK as the default, and `--health-on-failure`. Run as
//! root and rootless; intervals of 1s keep them short.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::Skiff;

/// `run -d --name NAME [flags] --rootfs BUSYBOX sleep 1000`.
fn run_sleeping(sk: &Skiff, name: &str, flags: &[&str]) {
    let rootfs = sk.busybox_rootfs();
    let mut args = vec!["run", "-d", "--name", name];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--rootfs", &rootfs, "sleep", "1000"]);
    sk.ok(&args);
}

/// `inspect -f '{{json TEMPLATE}}' NAME`, parsed.
fn json(sk: &Skiff, name: &str, field: &str) -> Value {
    let out = sk.ok(&["inspect", "-f", &format!("{{{{json {field}}}}}"), name]);
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{field}: {e}: {out}"))
}

/// Polls the container's `.State.Health` until `done` holds (up to 30 s); returns it.
fn health_until(sk: &Skiff, name: &str, done: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let health = json(sk, name, ".State.Health");
        if done(&health) || start.elapsed() > Duration::from_secs(30) {
            return health;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn status_of(sk: &Skiff, name: &str) -> String {
    sk.ok(&[
        "ps",
        "-a",
        "--filter",
        &format!("name=^{name}$"),
        "--format",
        "{{.Status}}",
    ])
    .trim()
    .to_string()
}

fn names_with(sk: &Skiff, filter: &str) -> Vec<String> {
    let out = sk.ok(&["ps", "-a", "--filter", filter, "--format", "{{.Names}}"]);
    let mut names: Vec<String> = out.lines().map(String::from).collect();
    names.sort();
    names
}

#[test]
fn a_passing_check_makes_the_container_healthy() {
    let sk = Skiff::new();
    run_sleeping(
        &sk,
        "web",
        &[
            "-e",
            "GREETING=hello",
            "--health-cmd",
            "echo $GREETING >> /tmp/checks; echo $GREETING",
            "--health-interval",
            "2s",
        ],
    );
    run_sleeping(&sk, "plain", &[]);
    assert_eq!(
        json(&sk, "web", ".Config.Healthcheck"),
        serde_json::json!({"Test": ["CMD-SHELL", "echo $GREETING >> /tmp/checks; echo $GREETING"], "Interval": 2_000_000_000u64})
    );
    // The first check comes an interval after the start.
    assert_eq!(json(&sk, "web", ".State.Health.Status"), "starting");
    let status = status_of(&sk, "web");
    assert!(
        status.starts_with("Up ") && status.ends_with(" (health: starting)"),
        "{status}"
    );
    assert_eq!(names_with(&sk, "health=starting"), ["web"]);

    let health = health_until(&sk, "web", |h| h["Status"] == "healthy");
    assert_eq!(health["Status"], "healthy", "{health}");
    assert_eq!(health["FailingStreak"], 0);
    let entry = &health["Log"][0];
    assert_eq!(entry["ExitCode"], 0, "{health}");
    // It ran in the container, with the container's environment.
    assert_eq!(entry["Output"], "hello\n", "{health}");
    assert!(sk
        .ok(&["exec", "web", "cat", "/tmp/checks"])
        .starts_with("hello\n"));
    let status = status_of(&sk, "web");
    assert!(
        status.starts_with("Up ") && status.ends_with(" (healthy)"),
        "{status}"
    );
    let plain = status_of(&sk, "plain");
    assert!(plain.starts_with("Up ") && !plain.contains('('), "{plain}");
    assert_eq!(names_with(&sk, "health=healthy"), ["web"]);
    assert_eq!(names_with(&sk, "health=none"), ["plain"]);
    assert!(names_with(&sk, "health=unhealthy").is_empty());
    assert_eq!(
        sk.ok(&[
            "inspect",
            "-f",
            "{{.State.Health.Status}} {{.State.Healthcheck.Status}}",
            "web"
        ]),
        "healthy healthy\n",
        "podman 4's .State.Healthcheck is .State.Health"
    );
    // No State.Health without a healthcheck, as docker.
    assert!(json(&sk, "plain", ".State").get("Health").is_none());
    // The change is an event, as docker's.
    let events = sk.ok(&[
        "events",
        "--since",
        "5m",
        "--until",
        "0s",
        "--filter",
        "container=web",
        "--format",
        "{{.Action}}",
    ]);
    assert_eq!(
        events
            .lines()
            .filter(|l| l.starts_with("health_status"))
            .collect::<Vec<_>>(),
        ["health_status: healthy"],
        "{events}"
    );
}

#[test]
fn failures_in_a_row_make_it_unhealthy_with_their_results_logged() {
    let sk = Skiff::new();
    run_sleeping(
        &sk,
        "sick",
        &[
            "--health-cmd",
            "echo out; echo err >&2; exit 3",
            "--health-interval",
            "1s",
            "--health-retries",
            "2",
        ],
    );
    let health = health_until(&sk, "sick", |h| h["Status"] == "unhealthy");
    assert_eq!(health["Status"], "unhealthy", "{health}");
    let log = health["Log"].as_array().unwrap();
    assert!(log.len() >= 2, "{health}");
    assert!(health["FailingStreak"].as_u64().unwrap() >= 2, "{health}");
    for entry in log {
        assert_eq!(entry["ExitCode"], 3, "{health}");
        assert_eq!(entry["Output"], "out\nerr\n", "{health}");
        assert!(entry["Start"].as_str().unwrap() <= entry["End"].as_str().unwrap());
    }
    let status = status_of(&sk, "sick");
    assert!(status.ends_with(" (unhealthy)"), "{status}");
    assert_eq!(names_with(&sk, "health=unhealthy"), ["sick"]);
    // docker keeps the last five results.
    let health = health_until(&sk, "sick", |h| h["FailingStreak"].as_u64() >= Some(6));
    assert_eq!(health["Log"].as_array().unwrap().len(), 5, "{health}");
    // A stopped container shows its last results as unhealthy, as docker; ps adds nothing.
    sk.ok(&["stop", "-t", "0", "sick"]);
    assert_eq!(json(&sk, "sick", ".State.Health.Status"), "unhealthy");
    assert!(status_of(&sk, "sick").starts_with("Exited ("));
}

#[test]
fn a_check_that_outlives_its_timeout_is_killed_and_fails() {
    let sk = Skiff::new();
    run_sleeping(
        &sk,
        "slow",
        &[
            "--health-cmd",
            "exec sleep 77",
            "--health-timeout",
            "1s",
            "--health-interval",
            "1s",
            "--health-retries",
            "1",
        ],
    );
    let health = health_until(&sk, "slow", |h| h["Status"] == "unhealthy");
    assert_eq!(health["Status"], "unhealthy", "{health}");
    let entry = &health["Log"][0];
    assert_eq!(entry["ExitCode"], -1, "{health}");
    assert_eq!(entry["Output"], "Health check exceeded timeout (1s)");
    // Each timed-out check's process is gone, not left running in the container: after three
    // of them, at most the one check running right now remains.
    let health = health_until(&sk, "slow", |h| {
        h["Log"].as_array().is_some_and(|l| l.len() >= 3)
    });
    assert_eq!(health["Log"].as_array().map(Vec::len), Some(3), "{health}");
    let ps = sk.ok(&["exec", "slow", "ps", "-o", "pid,args"]);
    let hanging = ps.lines().filter(|l| l.contains("sleep 77")).count();
    assert!(hanging <= 1, "{ps}");
}

#[test]
fn failures_in_the_start_period_do_not_count_and_use_the_start_interval() {
    let sk = Skiff::new();
    run_sleeping(
        &sk,
        "boot",
        &[
            "--health-cmd",
            "exit 1",
            "--health-interval",
            "1h",
            "--health-start-period",
            "1h",
            "--health-start-interval",
            "1s",
            "--health-retries",
            "1",
        ],
    );
    // Checks every second (the start interval, not the 1h interval) that all fail...
    let health = health_until(&sk, "boot", |h| {
        h["Log"].as_array().is_some_and(|l| l.len() >= 2)
    });
    assert_eq!(health["Log"].as_array().map(Vec::len), Some(2), "{health}");
    assert_eq!(health["Log"][1]["ExitCode"], 1);
    // ...without counting: still starting.
    assert_eq!(health["Status"], "starting", "{health}");
    assert_eq!(health["FailingStreak"], 0, "{health}");
}

#[test]
fn healthcheck_run_checks_now_with_podmans_exit_codes() {
    let sk = Skiff::new();
    run_sleeping(
        &sk,
        "probe",
        &[
            "--health-cmd",
            "test -e /tmp/ok",
            "--health-interval",
            "1h",
            "--health-retries",
            "2",
        ],
    );
    // podman prints the failed check's result, though one failure leaves the container
    // starting.
    let out = sk.fails(&["healthcheck", "run", "probe"], 1);
    assert_eq!(out.stdout, "unhealthy\n");
    assert_eq!(json(&sk, "probe", ".State.Health.Status"), "starting");
    let out = sk.fails(&["healthcheck", "run", "probe"], 1);
    assert_eq!(out.stdout, "unhealthy\n");
    assert_eq!(json(&sk, "probe", ".State.Health.Status"), "unhealthy");
    sk.ok(&["exec", "probe", "touch", "/tmp/ok"]);
    assert_eq!(sk.ok(&["healthcheck", "run", "probe"]), "");
    let health = json(&sk, "probe", ".State.Health");
    assert_eq!(health["Status"], "healthy", "{health}");
    assert_eq!(health["Log"].as_array().unwrap().len(), 3, "{health}");

    run_sleeping(&sk, "plain", &[]);
    let out = sk.fails(&["healthcheck", "run", "plain"], 125);
    assert!(out.stderr.contains("no defined healthcheck"), "{out:?}");
    sk.fails(&["healthcheck", "run", "nosuch"], 125);
    sk.ok(&["stop", "-t", "0", "probe"]);
    let out = sk.fails(&["healthcheck", "run", "probe"], 125);
    assert!(out.stderr.contains("not running"), "{out:?}");
}

#[test]
fn the_images_healthcheck_is_the_default_and_flags_override_it() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = crate::harness::image("busybox:latest");
    // docker's commit keeps the container's healthcheck in the image.
    sk.ok(&[
        "create",
        "-q",
        "--name",
        "base",
        "--health-cmd",
        "echo from-image",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        &img,
    ]);
    sk.ok(&["commit", "base", "localhost/checked:1"]);
    let from_image = serde_json::json!({
        "Test": ["CMD-SHELL", "echo from-image"], "Interval": 1_000_000_000u64, "Retries": 1
    });
    let image_config: Value = serde_json::from_str(
        sk.ok(&[
            "image",
            "inspect",
            "-f",
            "{{json .Config.Healthcheck}}",
            "localhost/checked:1",
        ])
        .trim(),
    )
    .unwrap();
    assert_eq!(image_config, from_image);

    sk.ok(&[
        "run",
        "-d",
        "--name",
        "inherits",
        "localhost/checked:1",
        "sleep",
        "1000",
    ]);
    assert_eq!(json(&sk, "inherits", ".Config.Healthcheck"), from_image);
    let health = health_until(&sk, "inherits", |h| h["Status"] == "healthy");
    assert_eq!(health["Log"][0]["Output"], "from-image\n", "{health}");

    // Field by field: the flags' values, the image's for the rest.
    sk.ok(&[
        "create",
        "--name",
        "tuned",
        "--health-interval",
        "3s",
        "localhost/checked:1",
    ]);
    assert_eq!(
        json(&sk, "tuned", ".Config.Healthcheck"),
        serde_json::json!({"Test": ["CMD-SHELL", "echo from-image"], "Interval": 3_000_000_000u64, "Retries": 1})
    );

    for (name, flags) in [
        ("off", &["--no-healthcheck"][..]),
        ("none", &["--health-cmd", "none"][..]),
    ] {
        let mut args = vec!["run", "-d", "--name", name];
        args.extend_from_slice(flags);
        args.extend_from_slice(&["localhost/checked:1", "sleep", "1000"]);
        sk.ok(&args);
        // As docker: the image's other fields stay.
        assert_eq!(
            json(&sk, name, ".Config.Healthcheck"),
            serde_json::json!({"Test": ["NONE"], "Interval": 1_000_000_000u64, "Retries": 1})
        );
    }
    // Past the image's interval, the disabled ones never ran a check.
    std::thread::sleep(Duration::from_millis(2500));
    for name in ["off", "none"] {
        assert!(json(&sk, name, ".State").get("Health").is_none(), "{name}");
    }
    assert_eq!(
        names_with(&sk, "health=none"),
        ["base", "none", "off", "tuned"]
    );
}

#[test]
fn health_on_failure_kill_ends_the_container_and_restart_starts_it_again() {
    let sk = Skiff::new();
    let failing = [
        "--health-cmd",
        "exit 1",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
    ];
    let mut flags = failing.to_vec();
    flags.extend_from_slice(&["--health-on-failure", "kill"]);
    run_sleeping(&sk, "killed", &flags);
    let state = sk.wait_for(
        "killed",
        "{{.State.Status}} {{.State.ExitCode}}",
        "exited 137",
        Duration::from_secs(30),
    );
    assert_eq!(state, "exited 137");
    assert_eq!(
        sk.ok(&[
            "inspect",
            "-f",
            "{{.Config.HealthcheckOnFailureAction}}",
            "killed"
        ]),
        "kill\n"
    );

    let mut flags = failing.to_vec();
    flags.extend_from_slice(&["--health-on-failure", "restart", "--stop-timeout", "1"]);
    run_sleeping(&sk, "restarted", &flags);
    let first = sk.ok(&["inspect", "-f", "{{.State.StartedAt}}", "restarted"]);
    let start = Instant::now();
    loop {
        let now = sk.ok(&[
            "inspect",
            "-f",
            "{{.State.Status}} {{.State.StartedAt}}",
            "restarted",
        ]);
        if now.starts_with("running ") && !now.ends_with(&first) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "never restarted: {now}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn bad_health_flags_are_refused_before_anything_is_created() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for (flags, says) in [
        (
            &["--health-interval", "soon"][..],
            "invalid --health-interval",
        ),
        (&["--health-timeout", "-1s"][..], "cannot be negative"),
        (&["--health-retries", "-2"][..], "cannot be negative"),
        (
            &["--no-healthcheck", "--health-cmd", "true"][..],
            "conflicts",
        ),
        (
            &["--health-on-failure", "explode"][..],
            "use none, kill, restart or stop",
        ),
        (
            &["--health-on-failure", "restart", "--restart", "always"][..],
            "conflicting options",
        ),
    ] {
        let mut args = vec!["create"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&["--rootfs", &rootfs, "true"]);
        let out = sk.fails(&args, 125);
        assert!(out.stderr.contains(says), "{flags:?}: {out:?}");
    }
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
}
