//! `--init` and the signal state container processes start with: skiff-init runs as PID 1 with
//! the command as its child, forwards signals, reaps orphans and passes the exit status on.

use std::time::{Duration, Instant};

use crate::harness::Skiff;

/// Waits (up to 5 s) for `inspect -f template name` to render `want`; returns the last.
fn wait_for(sk: &Skiff, name: &str, template: &str, want: &str) -> String {
    sk.wait_for(name, template, want, Duration::from_secs(5))
}

#[test]
fn init_is_pid_1_and_the_command_its_child() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let ps = sk.ok(&[
        "run",
        "--rm",
        "--init",
        "--rootfs",
        &rootfs,
        "ps",
        "-o",
        "pid,ppid,args",
    ]);
    let rows: Vec<Vec<&str>> = ps
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0][0], "1", "{ps}");
    assert_eq!(rows[0][2..4], ["/run/skiff-init", "--"], "{ps}");
    let me = rows.iter().find(|r| r[2] == "ps").expect("ps itself");
    assert_eq!(me[1], "1", "the command is the init's child: {ps}");
    // The init file is read-only for the container and is not skiff.
    let out = sk.run(&[
        "run",
        "--rm",
        "--init",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo x > /run/skiff-init || echo refused; cmp /proc/1/exe /run/skiff-init && echo same",
    ]);
    assert_eq!(out.stdout, "refused\nsame\n", "{out:?}");
    assert_eq!(
        sk.ok(&["create", "--init", "--name", "c", "--rootfs", &rootfs, "true"])
            .len(),
        65
    );
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.HostConfig.Init}}", "c"]),
        "true\n"
    );
}

#[test]
fn init_passes_exit_statuses_on() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let run = |cmd: &[&str]| {
        let args = [&["run", "--rm", "--init", "--rootfs", &rootfs][..], cmd].concat();
        sk.run(&args)
    };
    assert_eq!(run(&["sh", "-c", "exit 3"]).status, 3);
    assert_eq!(run(&["sh", "-c", "kill -9 $$"]).status, 137);
    let missing = run(&["no-such-command"]);
    assert_eq!(missing.status, 127, "{missing:?}");
    assert!(
        missing.stderr.contains("executable file not found"),
        "{missing:?}"
    );
    assert_eq!(run(&["/etc/passwd"]).status, 126);
    // Streams still reach the caller through the init.
    let out = run(&["sh", "-c", "echo out; echo err >&2"]);
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str()),
        ("out\n", "err\n")
    );
}

#[test]
fn init_forwards_stop_signals_to_the_command() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    // `sleep` as PID 1 ignores SIGTERM, so stop has to kill it after the timeout...
    sk.ok(&[
        "run", "-d", "--name", "bare", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    wait_for(&sk, "bare", "{{.State.Running}}", "true");
    sk.ok(&["stop", "-t", "1", "bare"]);
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.ExitCode}}", "bare"]),
        "137\n"
    );
    // ...under the init it gets the SIGTERM and ends at once.
    sk.ok(&[
        "run", "-d", "--init", "--name", "i", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    wait_for(&sk, "i", "{{.State.Running}}", "true");
    let start = Instant::now();
    sk.ok(&["stop", "-t", "20", "i"]);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "stop took {:?}",
        start.elapsed()
    );
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.ExitCode}}", "i"]),
        "143\n"
    );
    // kill -s forwards any signal.
    sk.ok(&[
        "run",
        "-d",
        "--init",
        "--name",
        "u",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "trap 'exit 42' USR1; while true; do sleep 0.1; done",
    ]);
    wait_for(&sk, "u", "{{.State.Running}}", "true");
    std::thread::sleep(Duration::from_millis(300));
    sk.ok(&["kill", "-s", "USR1", "u"]);
    assert_eq!(wait_for(&sk, "u", "{{.State.ExitCode}}", "42"), "42");
}

#[test]
fn init_reaps_orphans_also_of_exec() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--init", "--name", "z", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    wait_for(&sk, "z", "{{.State.Running}}", "true");
    // Each exec leaves an orphan that exits soon after; PID 1 must reap it.
    for _ in 0..3 {
        sk.ok(&["exec", "z", "sh", "-c", "sleep 0.1 &"]);
    }
    std::thread::sleep(Duration::from_millis(600));
    let stats = sk.ok(&["exec", "z", "ps", "-o", "stat,args"]);
    assert!(
        !stats.lines().any(|l| l.trim_start().starts_with('Z')),
        "zombies left: {stats}"
    );
    assert!(stats.contains("sleep 1000"), "{stats}");
}

#[test]
fn init_path_uses_the_given_executable() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let bad = sk.fails(
        &[
            "run",
            "--rm",
            "--init-path",
            "/no/such/init",
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(bad.stderr.contains("--init-path /no/such/init"), "{bad:?}");
    // skiff's own init, copied elsewhere, works as an --init-path.
    sk.ok(&["run", "--rm", "--init", "--rootfs", &rootfs, "true"]);
    let copy = sk.path("my-init");
    std::fs::copy(sk.root().join("libexec/skiff-init"), &copy).unwrap();
    let ps = sk.ok(&[
        "run",
        "--rm",
        "--init-path",
        copy.to_str().unwrap(),
        "--rootfs",
        &rootfs,
        "ps",
        "-o",
        "pid,args",
    ]);
    assert!(ps.contains("1 /run/skiff-init -- ps"), "{ps}");
}

#[test]
fn commands_start_with_default_signal_dispositions() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for init in [&[][..], &["--init"][..]] {
        let args = [
            &["run", "--rm"][..],
            init,
            &[
                "--rootfs",
                &rootfs,
                "grep",
                "-E",
                "^Sig(Blk|Ign)",
                "/proc/self/status",
            ][..],
        ]
        .concat();
        let out = sk.ok(&args);
        assert_eq!(
            out, "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n",
            "nothing blocked or ignored ({init:?})"
        );
    }
    // Hence a pipeline's writer ends quietly on SIGPIPE.
    let out = sk.run(&[
        "run",
        "--rm",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "yes | head -1",
    ]);
    assert_eq!(
        (out.status, out.stdout.as_str(), out.stderr.as_str()),
        (0, "y\n", "")
    );
}
