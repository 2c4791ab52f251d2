//! Terminals and `exec`: `run -t` and `run -it` under a real pty (script(1)), detaching with
//! ctrl-p ctrl-q, and `exec` into a running container with its environment, stdin, tty and exit
//! codes. No registry needed; run as root and as an unprivileged user.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::harness::Skiff;

/// The harness's time limit for one skiff invocation, in seconds, for timeout(1) around the
/// script(1) and sh pipelines that run skiff under a terminal.
fn limit() -> String {
    crate::harness::DEFAULT_TIMEOUT.as_secs().to_string()
}

/// Runs `skiff ARGS` (shell words) under script(1), so its stdin and stdout are a terminal.
fn in_a_terminal(sk: &Skiff, args: &str) -> Output {
    let line = format!("{} {args}", sk.command_line());
    Command::new("timeout")
        .arg(limit())
        .args(["script", "-qec", &line, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("script(1) from util-linux")
}

#[test]
fn tty_gets_a_real_pty() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = in_a_terminal(
        &sk,
        &format!("run --rm -t --rootfs {rootfs} sh -c 'tty; exit 3'"),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("/dev/pts/"), "{text}");
    assert_eq!(out.status.code(), Some(3), "{text}");
}

#[test]
fn interactive_tty_reads_input_and_detaches_with_ctrl_p_ctrl_q() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let base = sk.command_line();
    let typed = format!(
        "(sleep 0.5; printf 'echo typed-$((6*7))\\n'; sleep 0.3; printf 'exit 7\\n'; sleep 0.5) | script -qec \"{base} run -it --rm --rootfs {rootfs} sh\" /dev/null"
    );
    let out = Command::new("timeout")
        .arg(limit())
        .args(["sh", "-c", &typed])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("typed-42"), "{text}");
    assert_eq!(out.status.code(), Some(7), "{text}");
    let detach = format!(
        "(sleep 0.5; printf '\\020\\021'; sleep 0.5) | script -qec \"{base} run -it --name det --rootfs {rootfs} sh\" /dev/null"
    );
    let out = Command::new("timeout")
        .arg(limit())
        .args(["sh", "-c", &detach])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        sk.inspect("det", "{{.State.Running}}"),
        "true",
        "detached, the container keeps running"
    );
}

#[test]
fn exec_runs_in_the_running_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let rootfs_o = format!("{rootfs}:O");
    sk.ok(&[
        "run", "-d", "--name", "x", "-e", "BASE=1", "-w", "/tmp", "--rootfs", &rootfs_o, "sleep",
        "1000",
    ]);
    // The same pid namespace and root: pid 1 is the container's sleep, and a file made by
    // exec is seen by a second exec and not in the read-only lower directory.
    assert_eq!(
        sk.ok(&["exec", "x", "cat", "/proc/1/cmdline"]),
        "sleep\u{0}1000\u{0}"
    );
    sk.ok(&["exec", "x", "sh", "-c", "echo made > /tmp/f"]);
    assert_eq!(sk.ok(&["exec", "x", "cat", "/tmp/f"]), "made\n");
    assert!(
        !Path::new(&rootfs).join("tmp/f").exists(),
        "exec wrote through the :O overlay"
    );
    // Environment and working directory: the container's, with -e and -w on top.
    assert_eq!(
        sk.ok(&[
            "exec",
            "-e",
            "EXTRA=2",
            "x",
            "sh",
            "-c",
            "echo $BASE $EXTRA $(pwd)"
        ]),
        "1 2 /tmp\n"
    );
    assert_eq!(sk.ok(&["exec", "-w", "/etc", "x", "pwd"]), "/etc\n");
    // docker: an exec does not make a missing working directory (a run does): 126.
    let missing = sk.fails(&["exec", "-w", "/nonexist", "x", "pwd"], 126);
    assert!(missing.stderr.contains("/nonexist"), "{}", missing.stderr);
    sk.fails(&["exec", "x", "test", "-e", "/nonexist"], 1);
    assert_eq!(
        sk.ok(&["exec", "-u", "1000:1000", "x", "id", "-u"]),
        "1000\n"
    );
    // stdin only with -i.
    let out = sk.run_with(
        &["exec", "-i", "x", "cat"],
        Some(b"piped\n"),
        Duration::from_secs(20),
    );
    assert_eq!(out.stdout, "piped\n", "stderr: {}", out.stderr);
    // Exit codes: the command's own, 127 not found, 126 not executable, 125 not running.
    assert_eq!(sk.run(&["exec", "x", "sh", "-c", "exit 7"]).status, 7);
    assert_eq!(sk.run(&["exec", "x", "no-such-command"]).status, 127);
    assert_eq!(sk.run(&["exec", "x", "/etc"]).status, 126);
    // As docker's: any failure to start the exec'd process is 126, a missing user too.
    let nouser = sk.fails(&["exec", "-u", "nosuchuser", "x", "true"], 126);
    assert!(
        nouser.stderr.contains("unable to find user nosuchuser"),
        "{}",
        nouser.stderr
    );
    sk.ok(&["stop", "-t", "0", "x"]);
    let out = sk.run(&["exec", "x", "true"]);
    assert_eq!(out.status, 125);
    assert!(out.stderr.contains("is not running"), "{}", out.stderr);
    sk.ok(&["rm", "x"]);
}

#[test]
fn exec_with_a_tty_gets_a_real_pty() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "t", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let out = in_a_terminal(&sk, "exec -t t sh -c 'tty; exit 4'");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("/dev/pts/"), "{text}");
    assert_eq!(out.status.code(), Some(4), "{text}");
    sk.ok(&["rm", "-f", "t"]);
}

/// `exec -dt` (docker's): the command has a terminal whose output is read and dropped (more
/// than a terminal's buffer here, which fails or blocks without a reader), and the CLI returns
/// at once without anything of its own holding the caller's stdout open behind it.
#[test]
fn exec_detached_with_a_tty_has_a_terminal_that_is_read() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "t", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let script = "test -t 0 && test -t 1 && seq 1 50000 && tty > /tmp/done";
    sk.ok(&["exec", "-dt", "t", "sh", "-c", script]);
    let done = (0..200)
        .map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            sk.run(&["exec", "t", "cat", "/tmp/done"])
        })
        .find(|out| out.status == 0);
    let done = done.expect("the detached command with a tty did not finish writing");
    assert!(done.stdout.contains("/dev/pts/"), "{}", done.stdout);

    // A long-running detached command: the CLI's stdout reaches its end when the CLI exits
    // (a shell's `$(skiff exec -dt ...)` returns), though the terminal's reader stays.
    let mut child = sk
        .cmd(&["exec", "-dt", "t", "sleep", "1000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("skiff");
    let mut stdout = child.stdout.take().expect("stdout pipe");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut sink);
        let _ = tx.send(());
    });
    let ended = rx.recv_timeout(Duration::from_secs(20));
    let _ = child.kill();
    let _ = child.wait();
    assert!(ended.is_ok(), "exec -dt left its stdout open");
    let sleeps = sk.ok(&["exec", "t", "pidof", "sleep"]);
    assert_eq!(sleeps.split_whitespace().count(), 2, "{sleeps}");
    sk.ok(&["rm", "-f", "t"]);
}

/// A process that stops reading its input early (`head -1`) ends `exec -i` and `run -i` with
/// its own status: the copy of the caller's input into the pipe meets a closed pipe, which
/// must not take skiff down (SIGPIPE).
#[test]
fn input_the_process_stops_reading_ends_cleanly() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "r", "--rootfs", &rootfs, "sleep", "300",
    ]);
    let input: Vec<u8> = b"first line\n".repeat(100_000);
    for args in [
        &["exec", "-i", "r", "head", "-1"][..],
        &["run", "--rm", "-i", "--rootfs", &rootfs, "head", "-1"][..],
    ] {
        let out = sk.run_with(args, Some(&input), crate::harness::DEFAULT_TIMEOUT);
        assert_eq!(out.status, 0, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "first line\n", "{args:?}");
    }
    sk.ok(&["rm", "-f", "-t", "0", "r"]);
}
