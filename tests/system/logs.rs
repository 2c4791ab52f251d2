//! `logs` with `--rootfs` containers: separate streams, `--tail`, `-t`, `--since`/`--until`,
//! `-f`, a last line without newline, and the k8s-file and json-file drivers. Run as root and as
//! an unprivileged user.

use std::time::{Duration, Instant};

use crate::harness::Skiff;

#[test]
fn streams_stay_separate_and_are_logged() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.run(&[
        "run",
        "--name",
        "s",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo out; echo err >&2; sleep 0.2; echo two",
    ]);
    assert_eq!(out.status, 0);
    assert_eq!(out.stdout, "out\ntwo\n");
    assert_eq!(out.stderr, "err\n");
    let logs = sk.run(&["logs", "s"]);
    assert_eq!(logs.stdout, "out\ntwo\n");
    assert_eq!(logs.stderr, "err\n");
    assert_eq!(sk.ok(&["logs", "--tail", "1", "s"]), "two\n");
    assert_eq!(sk.ok(&["logs", "--tail", "-1", "s"]), "out\ntwo\n");
    assert_eq!(sk.ok(&["logs", "--tail=-5", "s"]), "out\ntwo\n");
    let stamped = sk.ok(&["logs", "-t", "s"]);
    let first = stamped.lines().next().unwrap();
    assert!(
        first.ends_with("Z out") && first.starts_with("20"),
        "{first}"
    );
    assert_eq!(sk.ok(&["logs", "--since", "1h", "s"]), "out\ntwo\n");
    assert_eq!(sk.ok(&["logs", "--until", "1h", "s"]), "");
    // The k8s-file record format on disk.
    let id = sk.inspect("s", "{{.Id}}");
    let raw = std::fs::read_to_string(sk.root().join(format!("storage/containers/{id}/ctr.log")))
        .unwrap();
    assert!(raw.lines().any(|l| l.ends_with(" stderr F err")), "{raw}");
    // json-file round-trips too.
    sk.ok(&[
        "run",
        "--name",
        "j",
        "--log-driver",
        "json-file",
        "--rootfs",
        &rootfs,
        "echo",
        "json",
    ]);
    assert_eq!(sk.ok(&["logs", "j"]), "json\n");
    // docker's `local` driver: a file `logs` reads.
    sk.ok(&[
        "run",
        "--name",
        "l",
        "--log-driver",
        "local",
        "--rootfs",
        &rootfs,
        "echo",
        "local",
    ]);
    assert_eq!(sk.ok(&["logs", "l"]), "local\n");
}

#[test]
fn logs_keep_a_last_line_without_newline() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for driver in ["k8s-file", "json-file"] {
        let name = format!("p-{driver}");
        sk.ok(&[
            "run",
            "--name",
            &name,
            "--log-driver",
            driver,
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            "printf a; echo b >&2; printf done",
        ]);
        let logs = sk.run(&["logs", &name]);
        assert_eq!(logs.stdout, "adone", "{driver}");
        assert_eq!(logs.stderr, "b\n", "{driver}");
        assert_eq!(sk.ok(&["logs", "-f", &name]), "adone", "{driver}");
    }
}

#[test]
fn logs_follow_until_the_container_exits() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "f",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo a; sleep 0.6; echo b",
    ]);
    let start = Instant::now();
    assert_eq!(sk.ok(&["logs", "-f", "f"]), "a\nb\n");
    assert!(
        start.elapsed() >= Duration::from_millis(300),
        "logs -f returned before the container ended"
    );
    sk.ok(&[
        "create", "--name", "later", "-l", "tier=web", "--rootfs", &rootfs, "true",
    ]);
    assert_eq!(sk.ok(&["ps", "-l", "--format", "{{.Names}}"]), "later\n");
    // docker's `.Label` method; a missing label is empty.
    assert_eq!(
        sk.ok(&[
            "ps",
            "-l",
            "--format",
            r#"{{.Label "tier"}}/{{.Label "none"}}/{{.Size}}"#
        ]),
        "web//0B (virtual 0B)\n"
    );
    assert_eq!(
        sk.ok(&["ps", "-n", "2", "--format", "{{.Names}}"]),
        "later\nf\n"
    );
}
