//! `skiff attach`, `-a/--attach`, `--sig-proxy` and `--detach-keys`: attaching to containers
//! that already run (with and without a tty, several clients at once), detaching, signals, and
//! which streams a foreground `run` shows. The tty tests drive skiff from a pseudo terminal
//! they open themselves. Run as root and rootless, with `--rootfs` (no registry needed).

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Skiff;

/// How long a step may take before the test gives up.
const STEP: Duration = Duration::from_secs(30);

/// A skiff client whose stdin, stdout and stderr are a pseudo terminal the test holds.
struct PtyClient {
    master: File,
    child: Child,
    seen: Vec<u8>,
}

impl PtyClient {
    fn spawn(mut cmd: Command) -> PtyClient {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty with valid out-pointers and no name, termios or winsize.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: openpty just returned both descriptors.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let io = |fd: &OwnedFd| Stdio::from(fd.try_clone().unwrap());
        let child = cmd
            .stdin(io(&slave))
            .stdout(io(&slave))
            .stderr(io(&slave))
            .spawn()
            .expect("start skiff");
        PtyClient {
            master,
            child,
            seen: Vec::new(),
        }
    }

    fn write(&mut self, data: &[u8]) {
        self.master.write_all(data).unwrap();
    }

    /// Reads until the output holds `needle` (panics with what came after STEP).
    fn expect(&mut self, needle: &str) {
        let start = Instant::now();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&self.seen).contains(needle) {
            assert!(
                start.elapsed() < STEP,
                "no {needle:?} in {:?}",
                String::from_utf8_lossy(&self.seen)
            );
            let mut pfd = libc::pollfd {
                fd: self.master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            if unsafe { libc::poll(&mut pfd, 1, 200) } > 0 {
                match self.master.read(&mut buf) {
                    Ok(n) if n > 0 => self.seen.extend_from_slice(&buf[..n]),
                    _ => std::thread::sleep(Duration::from_millis(50)),
                }
            }
        }
    }

    /// Waits for the client to exit; its exit code.
    fn exit_code(&mut self) -> i32 {
        wait_child(&mut self.child)
    }
}

impl Drop for PtyClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits up to STEP for `child`; its exit code (128 + N when killed by signal N).
fn wait_child(child: &mut Child) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status
                .code()
                .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
        }
        assert!(start.elapsed() < STEP, "skiff did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Reads `child`'s stdout on a thread, line by line, into a shared buffer.
fn collect(child: &mut Child) -> std::sync::Arc<std::sync::Mutex<String>> {
    let out = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let mut pipe = child.stdout.take().unwrap();
    let sink = out.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    out
}

/// Waits until `text` holds `needle`.
fn wait_text(text: &std::sync::Mutex<String>, needle: &str) {
    let start = Instant::now();
    while !text.lock().unwrap().contains(needle) {
        assert!(
            start.elapsed() < STEP,
            "no {needle:?} in {:?}",
            text.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn running(sk: &Skiff, name: &str) -> String {
    sk.ok(&["inspect", "-f", "{{.State.Running}}", name])
        .trim()
        .to_string()
}

/// A container that prints `tick N` every 0.2 s until /tmp/stop exists, then `bye` on stdout
/// and `err-bye` on stderr and exits 7.
const TICKER: &str =
    "i=0; while [ ! -e /tmp/stop ]; do echo tick $i; i=$((i+1)); sleep 0.2; done; \
                      echo bye; echo err-bye >&2; exit 7";

#[test]
fn attach_to_a_detached_container_gets_new_output_and_its_exit_code() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "w", "--rootfs", &rootfs, "sh", "-c", TICKER,
    ]);
    // Let it print a few lines to its log first.
    sk.wait_for("w", "{{.State.Running}}", "true", STEP);
    std::thread::sleep(Duration::from_millis(1200));
    let mut client = sk
        .cmd(&["attach", "w"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = collect(&mut client);
    let mut err_pipe = client.stderr.take().unwrap();
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    wait_text(&out, "tick");
    sk.ok(&["exec", "w", "touch", "/tmp/stop"]);
    assert_eq!(wait_child(&mut client), 7, "{}", out.lock().unwrap());
    let out = out.lock().unwrap().clone();
    // Output from the attach on, not the log from the start.
    let first: u32 = out
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("tick "))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out}"));
    assert!(first >= 3, "attach replayed old output: {out}");
    assert!(out.ends_with("bye\n"), "{out}");
    assert!(!out.contains("err-bye"), "stderr went to stdout: {out}");
    assert!(err.join().unwrap().contains("err-bye"));
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.ExitCode}}", "w"]).trim(),
        "7"
    );
}

#[test]
fn two_clients_at_once_each_get_the_output() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "w", "--rootfs", &rootfs, "sh", "-c", TICKER,
    ]);
    sk.wait_for("w", "{{.State.Running}}", "true", STEP);
    let mut clients: Vec<Child> = (0..2)
        .map(|_| {
            sk.cmd(&["attach", "--no-stdin", "w"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<_> = clients.iter_mut().map(collect).collect();
    for out in &outs {
        wait_text(out, "tick");
    }
    sk.ok(&["exec", "w", "touch", "/tmp/stop"]);
    for (client, out) in clients.iter_mut().zip(&outs) {
        assert_eq!(wait_child(client), 7);
        assert!(out.lock().unwrap().ends_with("bye\n"));
    }
}

#[test]
fn attach_to_a_stopped_container_fails() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    let out = sk.fails(&["attach", "c"], 125);
    assert!(
        out.stderr
            .contains("You cannot attach to a stopped container, start it first"),
        "{}",
        out.stderr
    );
    sk.ok(&["start", "-a", "c"]);
    sk.fails(&["attach", "c"], 125);
    sk.fails(&["attach", "nosuch"], 125);
}

/// A `sh` with a tty, detached: `run -dit`.
fn shell(sk: &Skiff, name: &str) {
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["run", "-dit", "--name", name, "--rootfs", &rootfs, "sh"]);
    sk.wait_for(name, "{{.State.Running}}", "true", STEP);
}

#[test]
fn attach_with_a_tty_takes_input_and_ctrl_p_ctrl_q_detaches() {
    let sk = Skiff::new();
    shell(&sk, "s");
    let mut c = PtyClient::spawn(sk.cmd(&["attach", "s"]));
    // The shell computes it: the input went through and its output came back.
    c.write(b"echo ans$((6*7))\r");
    c.expect("ans42");
    c.write(b"\x10\x11");
    assert_eq!(c.exit_code(), 0);
    assert_eq!(running(&sk, "s"), "true");
    // The shell kept its state: attach again and find what the first session did.
    let mut c = PtyClient::spawn(sk.cmd(&["attach", "s"]));
    c.write(b"echo second$((1+1))\r");
    c.expect("second2");
    c.write(b"exit 4\r");
    assert_eq!(c.exit_code(), 4);
    assert_eq!(running(&sk, "s"), "false");
}

#[test]
fn custom_detach_keys_for_attach_run_start_and_exec() {
    let sk = Skiff::new();
    shell(&sk, "s");
    let mut c = PtyClient::spawn(sk.cmd(&["attach", "--detach-keys", "ctrl-x,x", "s"]));
    // ctrl-p ctrl-q no longer detaches: it reaches the shell, which still answers.
    c.write(b"\x10\x11");
    c.write(b"echo still$((2+3))\r");
    c.expect("still5");
    c.write(b"\x18x");
    assert_eq!(c.exit_code(), 0);
    assert_eq!(running(&sk, "s"), "true");

    let rootfs = sk.busybox_rootfs();
    let mut c = PtyClient::spawn(sk.cmd(&[
        "run",
        "-it",
        "--detach-keys",
        "ctrl-a",
        "--name",
        "r",
        "--rootfs",
        &rootfs,
        "sh",
    ]));
    c.write(b"echo run$((3*3))\r");
    c.expect("run9");
    c.write(b"\x01");
    assert_eq!(c.exit_code(), 0);
    assert_eq!(running(&sk, "r"), "true");

    sk.ok(&["stop", "-t", "0", "r"]);
    let mut c = PtyClient::spawn(sk.cmd(&["start", "-ai", "--detach-keys", "ctrl-b", "r"]));
    c.write(b"echo start$((4*4))\r");
    c.expect("start16");
    c.write(b"\x02");
    assert_eq!(c.exit_code(), 0);
    assert_eq!(running(&sk, "r"), "true");

    let mut c = PtyClient::spawn(sk.cmd(&["exec", "-it", "--detach-keys", "ctrl-e", "s", "sh"]));
    c.write(b"echo exec$((5*5))\r");
    c.expect("exec25");
    c.write(b"\x05");
    assert_eq!(c.exit_code(), 0);
    assert_eq!(running(&sk, "s"), "true");
}

#[test]
fn an_invalid_detach_keys_is_refused() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    shell(&sk, "s");
    for args in [
        vec!["attach", "--detach-keys", "ctrl-xx", "s"],
        vec!["run", "--detach-keys", "foo", "--rootfs", &rootfs, "true"],
        vec!["exec", "--detach-keys", "ctrl-", "s", "true"],
    ] {
        let out = sk.fails(&args, 125);
        assert!(out.stderr.contains("invalid detach keys"), "{}", out.stderr);
    }
    // The refused run created nothing.
    assert_eq!(sk.ok(&["ps", "-aq"]).lines().count(), 1);
}

/// A container that exits 9 on SIGINT and says when it is ready.
const TRAPS_INT: &str = "trap 'exit 9' INT; echo ready; while :; do sleep 0.1; done";

/// Starts `skiff ARGS` attaching to the quiet container `name` and returns once it is
/// attached: output the container's init prints after that reaches the client.
fn attached_client(sk: &Skiff, args: &[&str], name: &str) -> Child {
    let mut client = sk.cmd(args).stdout(Stdio::piped()).spawn().unwrap();
    let out = collect(&mut client);
    let start = Instant::now();
    while !out.lock().unwrap().contains("attached") {
        assert!(start.elapsed() < STEP, "the client never attached");
        sk.ok(&["exec", name, "sh", "-c", "echo attached > /proc/1/fd/1"]);
        std::thread::sleep(Duration::from_millis(200));
    }
    client
}

#[test]
fn sig_proxy_sends_the_clients_sigint_to_the_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "p", "--rootfs", &rootfs, "sh", "-c", TRAPS_INT,
    ]);
    sk.wait_for("p", "{{.State.Running}}", "true", STEP);
    let mut client = attached_client(&sk, &["attach", "p"], "p");
    // SAFETY: kill has no memory-safety preconditions.
    unsafe { libc::kill(client.id() as i32, libc::SIGINT) };
    assert_eq!(wait_child(&mut client), 9);
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.ExitCode}}", "p"]).trim(),
        "9"
    );
}

#[test]
fn sig_proxy_false_leaves_the_container_running() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    // A foreground run...
    let mut client = sk
        .cmd(&[
            "run",
            "--sig-proxy=false",
            "--name",
            "f",
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            TRAPS_INT,
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = collect(&mut client);
    wait_text(&out, "ready");
    // SAFETY: kill has no memory-safety preconditions.
    unsafe { libc::kill(client.id() as i32, libc::SIGINT) };
    assert_eq!(wait_child(&mut client), 128 + libc::SIGINT);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(running(&sk, "f"), "true");
    // ... and attach.
    let mut client = attached_client(&sk, &["attach", "--sig-proxy=false", "f"], "f");
    // SAFETY: as above.
    unsafe { libc::kill(client.id() as i32, libc::SIGINT) };
    assert_eq!(wait_child(&mut client), 128 + libc::SIGINT);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(running(&sk, "f"), "true");
}

#[test]
fn run_attach_picks_the_streams() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let script = "echo out; echo err >&2";
    let run = |streams: &[&str]| {
        let mut args = vec!["run", "--rm"];
        for s in streams {
            args.extend(["-a", s]);
        }
        args.extend(["--rootfs", &rootfs, "sh", "-c", script]);
        let out = sk.run(&args);
        assert_eq!(out.status, 0, "{}", out.stderr);
        (out.stdout, out.stderr)
    };
    assert_eq!(run(&["stdout"]), ("out\n".to_string(), String::new()));
    assert_eq!(run(&["stderr"]), (String::new(), "err\n".to_string()));
    assert_eq!(
        run(&["stdout", "stderr"]),
        ("out\n".to_string(), "err\n".to_string())
    );
    // -a stdin with -i: the input reaches the container, its output is not shown.
    let out = sk.run_with(
        &[
            "run",
            "--rm",
            "-i",
            "-a",
            "stdin",
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            "cat > /dev/null; echo done",
        ],
        Some(b"data\n"),
        STEP,
    );
    assert_eq!((out.status, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    let out = sk.fails(
        &["run", "-d", "-a", "stdout", "--rootfs", &rootfs, "true"],
        125,
    );
    assert!(
        out.stderr
            .contains("cannot specify both --attach and --detach"),
        "{}",
        out.stderr
    );
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    // create -a is kept in the configuration, but docker's start -a shows both streams.
    sk.ok(&[
        "create", "--name", "c", "-a", "STDERR", "--rootfs", &rootfs, "sh", "-c", script,
    ]);
    let out = sk.run(&["start", "-a", "c"]);
    assert_eq!(
        (out.status, out.stdout.as_str(), out.stderr.as_str()),
        (0, "out\n", "err\n")
    );
}

#[test]
fn inspect_shows_the_attached_streams_as_docker() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let streams = |name: &str| {
        let template = "{{.Config.AttachStdin}} {{.Config.AttachStdout}} \
                        {{.Config.AttachStderr}} {{.Config.OpenStdin}} {{.Config.StdinOnce}}";
        sk.ok(&["inspect", "-f", template, name]).trim().to_string()
    };
    // What docker 20.10 records for each (checked against the docker engine).
    sk.ok(&["run", "-d", "--name", "bg", "--rootfs", &rootfs, "true"]);
    sk.ok(&[
        "run", "-d", "-i", "--name", "bgi", "--rootfs", &rootfs, "true",
    ]);
    sk.ok(&["run", "--name", "fg", "--rootfs", &rootfs, "true"]);
    let out = sk.run_with(
        &["run", "-i", "--name", "fgi", "--rootfs", &rootfs, "true"],
        Some(b""),
        STEP,
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    for (name, flags) in [
        ("it", &["-it"][..]),
        ("out", &["-a", "stdout"]),
        ("in", &["-a", "stdin"]),
        ("erri", &["-a", "stderr", "-i"]),
    ] {
        let mut args = vec!["create", "--name", name];
        args.extend(flags);
        args.extend(["--rootfs", &rootfs, "true"]);
        sk.ok(&args);
    }
    for (name, want) in [
        ("bg", "false false false false false"),
        ("bgi", "false false false true false"),
        ("fg", "false true true false false"),
        ("fgi", "true true true true true"),
        ("it", "true true true true true"),
        ("out", "false true false false false"),
        ("in", "true false false false false"),
        ("erri", "true false true true true"),
    ] {
        assert_eq!(streams(name), want, "{name}");
    }
}

#[test]
fn attach_gives_input_to_a_container_without_a_tty() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let script = "while read l; do echo \"got $l\"; [ \"$l\" = end ] && exit 3; done";
    sk.ok(&[
        "run", "-di", "--name", "c", "--rootfs", &rootfs, "sh", "-c", script,
    ]);
    sk.wait_for("c", "{{.State.Running}}", "true", STEP);
    let out = sk.run_with(&["attach", "c"], Some(b"hello\nend\n"), STEP);
    assert_eq!(out.status, 3, "{}", out.stderr);
    assert_eq!(out.stdout, "got hello\ngot end\n");
}
