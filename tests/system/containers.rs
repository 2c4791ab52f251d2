//! Container lifecycle system tests with `--rootfs` (no registry needed): run/create/start/stop/
//! kill/rm/wait/rename/ps/logs/inspect/top/prune/exists, the monitor, restart policies, volumes
//! and concurrency. Run as root and as an unprivileged user (with a subordinate id range).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The harness's isolated skiff instance, with the helpers these tests share.
struct Sk {
    h: crate::harness::Skiff,
}

impl Sk {
    fn new() -> Sk {
        Sk {
            h: crate::harness::Skiff::new(),
        }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        self.h.cmd(args)
    }

    /// Runs skiff through the harness, which kills it and fails the test after
    /// [`crate::harness::DEFAULT_TIMEOUT`]; the output as `std::process` gives it.
    fn run(&self, args: &[&str]) -> Output {
        use std::os::unix::process::ExitStatusExt;
        let out = self.h.run(args);
        // The harness reports death by signal N as 128 + N, as a shell does; so does this.
        Output {
            status: std::process::ExitStatus::from_raw((out.status & 0xff) << 8),
            stdout: out.stdout.into_bytes(),
            stderr: out.stderr.into_bytes(),
        }
    }

    /// Runs and asserts success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "skiff {args:?} failed ({:?}):\nstdout: {}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn path(&self, p: &str) -> PathBuf {
        self.h.path(p)
    }

    /// A busybox root file system (see [`crate::harness::Skiff::busybox_rootfs`]).
    fn rootfs(&self) -> String {
        self.h.busybox_rootfs()
    }

    fn inspect(&self, name: &str, template: &str) -> String {
        self.ok(&["inspect", "-f", template, name])
            .trim()
            .to_string()
    }

    /// Polls `inspect` until `template` renders `want`.
    fn wait_for(&self, name: &str, template: &str, want: &str, limit: Duration) -> String {
        self.h.wait_for(name, template, want, limit)
    }
}

/// The harness's time limit for one skiff invocation, in seconds, for timeout(1) around the
/// script(1) and sh pipelines that run skiff under a terminal.
fn limit() -> String {
    crate::harness::DEFAULT_TIMEOUT.as_secs().to_string()
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn run_rm_writes_through_a_bind_mount_and_leaves_nothing() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let data = sk.path("data");
    std::fs::create_dir(&data).unwrap();
    let bind = format!("{}:/x", data.display());
    sk.ok(&[
        "run",
        "--rm",
        "-v",
        &bind,
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo hi > /x/f",
    ]);
    assert_eq!(std::fs::read_to_string(data.join("f")).unwrap(), "hi\n");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    let containers = sk.h.root().join("storage/containers");
    let left = std::fs::read_dir(&containers)
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(
        left,
        0,
        "--rm left a container directory in {}",
        containers.display()
    );
}

#[test]
fn exit_codes_follow_docker() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    assert_eq!(
        code(&sk.run(&["run", "--rm", "--rootfs", &rootfs, "sh", "-c", "exit 3"])),
        3
    );
    let missing = sk.run(&["run", "--rm", "--rootfs", &rootfs, "no-such-command"]);
    assert_eq!(code(&missing), 127, "{}", stderr(&missing));
    assert_eq!(
        sk.ok(&["ps", "-aq"]),
        "",
        "--rm must remove a container whose command was not found"
    );
    let notexec = sk.run(&["run", "--rm", "--rootfs", &rootfs, "/etc/passwd"]);
    assert_eq!(code(&notexec), 126, "{}", stderr(&notexec));
    let nodir = sk.run(&["run", "--rm", "--rootfs", "/no/such/dir", "true"]);
    assert_eq!(code(&nodir), 125);
    assert!(
        stderr(&nodir).contains("/no/such/dir"),
        "{}",
        stderr(&nodir)
    );
    let badflag = sk.run(&[
        "run",
        "--rm",
        "--restart",
        "sometimes",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(code(&badflag), 125);
    sk.ok(&["create", "--name", "dup", "--rootfs", &rootfs, "true"]);
    let dup = sk.run(&["create", "--name", "dup", "--rootfs", &rootfs, "true"]);
    assert_eq!(code(&dup), 125);
    assert!(
        stderr(&dup).contains("the container name \"/dup\" is already in use by container"),
        "{}",
        stderr(&dup)
    );
    assert!(
        stderr(&dup).contains("You have to remove (or rename) that container"),
        "{}",
        stderr(&dup)
    );
}

#[test]
fn streams_stay_separate_and_are_logged() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
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
    assert_eq!(code(&out), 0);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "out\ntwo\n");
    assert_eq!(stderr(&out), "err\n");
    let logs = sk.run(&["logs", "s"]);
    assert_eq!(String::from_utf8_lossy(&logs.stdout), "out\ntwo\n");
    assert_eq!(stderr(&logs), "err\n");
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
    let raw = std::fs::read_to_string(sk.h.root().join(format!("storage/containers/{id}/ctr.log")))
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
}

#[test]
fn logs_keep_a_last_line_without_newline() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
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
        assert_eq!(String::from_utf8_lossy(&logs.stdout), "adone", "{driver}");
        assert_eq!(stderr(&logs), "b\n", "{driver}");
        assert_eq!(sk.ok(&["logs", "-f", &name]), "adone", "{driver}");
    }
}

#[test]
fn detached_container_lifecycle() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let id = sk.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--label",
        "tier=front",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo ready; exec sleep 1000",
    ]);
    let id = id.trim();
    assert_eq!(id.len(), 64, "run -d prints the full id: {id}");
    let ps = sk.ok(&["ps"]);
    let header = ps.lines().next().unwrap();
    for col in [
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ] {
        assert!(header.contains(col), "{header}");
    }
    let row = ps.lines().nth(1).expect("a row for web");
    assert!(
        row.starts_with(&id[..12]) && row.contains("Up ") && row.ends_with("web"),
        "{row}"
    );
    assert!(
        row.contains("\"sh -c 'echo ready; …\""),
        "COMMAND is quoted and truncated: {row}"
    );
    assert_eq!(
        sk.inspect(
            "web",
            "{{.State.Running}} {{.Name}} {{.Config.Labels.tier}}"
        ),
        "true /web front"
    );
    assert_eq!(
        sk.ok(&[
            "ps",
            "--filter",
            "label=tier=front",
            "--format",
            "{{.Names}}"
        ]),
        "web\n"
    );
    assert_eq!(sk.ok(&["ps", "--filter", "name=nomatch", "-q"]), "");
    assert_eq!(sk.ok(&["ps", "-q", "--no-trunc"]).trim(), id);
    let top = sk.ok(&["top", "web"]);
    assert!(
        top.starts_with("UID") && top.contains("sleep 1000"),
        "{top}"
    );
    assert_eq!(
        sk.wait_for("web", "{{.State.Running}}", "true", Duration::from_secs(1)),
        "true"
    );
    assert_eq!(sk.ok(&["logs", "web"]), "ready\n");
    let start = Instant::now();
    assert_eq!(sk.ok(&["stop", "-t", "1", "web"]), "web\n");
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "stop -t 1 took {took:?}"
    );
    assert_eq!(
        sk.inspect("web", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 137"
    );
    assert!(sk.ok(&["ps", "-a"]).contains("Exited (137)"));
    assert_eq!(sk.ok(&["ps", "-q"]), "");
    assert_eq!(
        sk.ok(&["ps", "-aq", "--filter", "status=exited"]).trim(),
        &id[..12]
    );
    assert_eq!(
        sk.ok(&["ps", "-aq", "--filter", "exited=137"]).trim(),
        &id[..12]
    );
    // Start it again, then rm needs -f while it runs.
    assert_eq!(sk.ok(&["start", "web"]), "web\n");
    let rm = sk.run(&["rm", "web"]);
    assert_eq!(code(&rm), 2, "podman's status for a running container");
    assert!(
        stderr(&rm)
            .contains("container is running: stop the container before removing or force remove"),
        "{}",
        stderr(&rm)
    );
    // A missing container: 1 (docker and podman), the others are still removed.
    sk.ok(&["create", "--name", "other", "--rootfs", &rootfs, "true"]);
    let rm = sk.run(&["rm", "nosuch", "other"]);
    assert_eq!(code(&rm), 1, "{}", stderr(&rm));
    assert_eq!(String::from_utf8_lossy(&rm.stdout), "other\n");
    assert!(
        stderr(&rm).contains("No such container: nosuch"),
        "{}",
        stderr(&rm)
    );
    assert_eq!(sk.ok(&["rm", "-f", "web"]), "web\n");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    assert_eq!(code(&sk.run(&["container", "exists", "web"])), 1);
}

#[test]
fn ps_filters_like_docker() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    for name in ["web", "web2", "db"] {
        sk.ok(&["create", "--name", name, "--rootfs", &rootfs, "true"]);
    }
    let names = |filter: &str| sk.ok(&["ps", "-a", "--filter", filter, "--format", "{{.Names}}"]);
    assert_eq!(names("name=web"), "web2\nweb\n");
    assert_eq!(names("name=^web$"), "web\n");
    assert_eq!(names("name=^/web$"), "web\n");
    assert_eq!(names("since=web"), "db\nweb2\n");
    assert_eq!(names("before=web2"), "web\n");
    assert_eq!(names("before=db"), "web2\nweb\n");
    assert_eq!(names(&format!("ancestor={rootfs}")), "db\nweb2\nweb\n");
    for (bad, says) in [
        ("name=web(", "not a regular expression"),
        ("exited=abc", "exited=abc"),
        ("since=nosuch", "No such container: nosuch"),
    ] {
        let out = sk.run(&["ps", "-a", "--filter", bad]);
        assert_eq!(code(&out), 125, "{bad}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{bad}: {}", stderr(&out));
    }
}

#[test]
fn stop_signal_and_kill() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    // A process that handles SIGTERM stops at once with its own status.
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "t",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "trap 'exit 7' TERM; while true; do sleep 0.1; done",
    ]);
    sk.wait_for("t", "{{.State.Running}}", "true", Duration::from_secs(2));
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    sk.ok(&["stop", "t"]);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "stop took {:?}",
        start.elapsed()
    );
    assert_eq!(sk.inspect("t", "{{.State.ExitCode}}"), "7");
    sk.ok(&[
        "run", "-d", "--name", "k", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    assert_eq!(sk.ok(&["kill", "k"]), "k\n");
    assert_eq!(
        sk.wait_for("k", "{{.State.Status}}", "exited", Duration::from_secs(5)),
        "exited"
    );
    assert_eq!(sk.inspect("k", "{{.State.ExitCode}}"), "137");
    assert_eq!(
        code(&sk.run(&["kill", "k"])),
        125,
        "kill of a stopped container fails"
    );
    assert_eq!(sk.ok(&["wait", "k"]), "137\n");
}

/// `rm -f` and `stop` of a container that keeps restarting, at any moment of its back-off or
/// of a restart in progress: nothing of it is left running afterwards, and a stopped one stays
/// stopped.
#[test]
fn rm_and_stop_win_over_restarts() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
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

/// A container, of any user, dies with its monitor at once (the kernel's parent-death signal),
/// before any skiff command looks at it.
#[test]
fn a_container_goes_with_its_killed_monitor() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    for user in ["0", "65534"] {
        let name = format!("d{user}");
        let id = sk.ok(&[
            "run", "-d", "--name", &name, "-u", user, "--rootfs", &rootfs, "sleep", "1000",
        ]);
        let monitor = monitor_pid_of(id.trim()).expect("the container's monitor process");
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
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let id = sk.ok(&[
        "run", "-d", "--name", "t", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let monitor = monitor_pid_of(id.trim()).expect("the container's monitor process");
    // SAFETY: kill has no memory-safety preconditions.
    assert_eq!(unsafe { libc::kill(monitor, libc::SIGTERM) }, 0);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(sk.inspect("t", "{{.State.Status}}"), "running");
    assert_eq!(monitor_pid_of(id.trim()), Some(monitor));
    sk.ok(&["rm", "-f", "t"]);
}

#[test]
fn restart_policies() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
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
    assert_eq!(
        (code(&fg), String::from_utf8_lossy(&fg.stdout).as_ref()),
        (3, "ran\n")
    );
    let count = sk.wait_for(
        "fg",
        "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}",
        "2 exited 3",
        Duration::from_secs(10),
    );
    assert_eq!(count, "2 exited 3");
    assert_eq!(sk.ok(&["logs", "fg"]), "ran\nran\nran\n");
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

pub(crate) fn monitor_pid_of(id: &str) -> Option<i32> {
    for e in std::fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else {
            continue;
        };
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        if args.get(1) == Some(&&b"__monitor"[..]) && args.get(4) == Some(&id.as_bytes()) {
            return Some(pid);
        }
    }
    None
}

#[test]
fn a_killed_monitor_is_reported_as_exited() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let id = sk.ok(&[
        "run", "-d", "--name", "m", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let monitor = monitor_pid_of(id.trim()).expect("the container's monitor process");
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

/// `/:O`: the host's files as the lower layer of a throw-away overlay. The probe directory is in
/// `$HOME`, which the test's user may write on the host (rootless too: the container's root is
/// that user) and which the overlay covers (`/var`, holding the test's own directory and the
/// store, is mounted read-only and `/tmp` is a fresh tmpfs), so only the overlay keeps the writes
/// away from the host.
#[test]
fn rootfs_overlay_of_the_host_leaves_it_untouched() {
    let sk = Sk::new();
    let home = PathBuf::from(std::env::var_os("HOME").expect("HOME is set"));
    let dir = home.join(format!(".skiff-probe-{}", std::process::id()));
    struct Remove(PathBuf);
    impl Drop for Remove {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    std::fs::create_dir(&dir).expect("a probe directory in $HOME");
    let _remove = Remove(dir.clone());
    std::fs::write(dir.join("old"), "host\n").unwrap();
    let d = dir.display();
    let out = sk.ok(&[
        "run",
        "--rm",
        "--rootfs",
        "/:O",
        "sh",
        "-c",
        &format!(
            "cat {d}/old && echo x > {d}/old && echo y > {d}/new && cat {d}/old {d}/new && rm {d}/old"
        ),
    ]);
    assert_eq!(
        out, "host\nx\ny\n",
        "the container sees the host's file and its own writes"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("old")).ok().as_deref(),
        Some("host\n"),
        "the overlay changed or removed {d}/old on the host"
    );
    assert!(
        !dir.join("new").exists(),
        "the overlay wrote {d}/new on the host"
    );
    assert!(sk
        .ok(&["run", "--rm", "--rootfs", "/:O", "id"])
        .starts_with("uid=0(root)"));
    sk.ok(&["create", "--name", "r", "--rootfs", "/:O", "true"]);
    assert_eq!(sk.inspect("r", "{{.Rootfs}} {{.Config.Image}}"), "/:O /");
}

#[test]
fn rootfs_directory_persists_writes() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    sk.ok(&[
        "run",
        "--rm",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo kept > /tmp/f",
    ]);
    assert_eq!(
        std::fs::read_to_string(Path::new(&rootfs).join("tmp/f")).unwrap(),
        "kept\n"
    );
    sk.ok(&[
        "run",
        "--rm",
        "--rootfs",
        &format!("{rootfs}:O"),
        "sh",
        "-c",
        "echo gone > /tmp/g",
    ]);
    assert!(!Path::new(&rootfs).join("tmp/g").exists());
}

#[test]
fn flags_reach_the_container() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let envfile = sk.path("env");
    std::fs::write(&envfile, "# comment\nFROMFILE=1\nB=file\n").unwrap();
    let out = sk.ok(&[
        "run",
        "--rm",
        "-e",
        "A=1",
        "-e",
        "B=flag",
        "--env-file",
        envfile.to_str().unwrap(),
        "-w",
        "/tmp",
        "-h",
        "box",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo $A $B $FROMFILE; pwd; hostname",
    ]);
    assert_eq!(out, "1 flag 1\n/tmp\nbox\n");
    assert_eq!(
        sk.ok(&["run", "--rm", "-u", "65534", "--rootfs", &rootfs, "id", "-u"]),
        "65534\n"
    );
    let ro = sk.run(&[
        "run",
        "--rm",
        "--read-only",
        "--rootfs",
        &format!("{rootfs}:O"),
        "touch",
        "/x",
    ]);
    assert_ne!(code(&ro), 0);
    let tmpfs = sk.ok(&[
        "run",
        "--rm",
        "--read-only",
        "--tmpfs",
        "/tmp",
        "--rootfs",
        &format!("{rootfs}:O"),
        "sh",
        "-c",
        "touch /tmp/x && echo ok",
    ]);
    assert_eq!(tmpfs, "ok\n");
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "--entrypoint",
            "echo",
            "--rootfs",
            &rootfs,
            "via",
            "entrypoint"
        ]),
        "via entrypoint\n"
    );
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "--ulimit",
            "nofile=100:200",
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            "ulimit -n"
        ]),
        "100\n"
    );
    let cid = sk.path("cid");
    sk.ok(&[
        "create",
        "--cidfile",
        cid.to_str().unwrap(),
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(std::fs::read_to_string(&cid).unwrap().len(), 64);
    let publish = sk.run(&["run", "--rm", "-p", "1:2:3:4", "--rootfs", &rootfs, "true"]);
    assert_eq!(code(&publish), 125);
    assert!(
        stderr(&publish).contains("invalid port mapping"),
        "{}",
        stderr(&publish)
    );
}

#[test]
fn create_start_attach_wait_rename_prune() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let id = sk.ok(&[
        "create",
        "--name",
        "c1",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo attached; exit 4",
    ]);
    assert_eq!(sk.inspect("c1", "{{.State.Status}}"), "created");
    assert!(sk.ok(&["ps", "-a"]).contains("Created"));
    let out = sk.run(&["start", "-a", "c1"]);
    assert_eq!(code(&out), 4);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "attached\n");
    assert_eq!(sk.ok(&["wait", "c1"]), "4\n");
    sk.ok(&["rename", "c1", "c2"]);
    assert_eq!(sk.inspect(&id.trim()[..12], "{{.Name}}"), "/c2");
    assert_eq!(code(&sk.run(&["container", "exists", "c2"])), 0);
    assert_eq!(code(&sk.run(&["container", "exists", "c1"])), 1);
    sk.ok(&[
        "run", "-d", "--name", "live", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    // docker's report: the removed ids under their heading, then the space they held.
    let pruned = sk.ok(&["container", "prune", "-f"]);
    let report = format!(
        "Deleted Containers:\n{}\n\nTotal reclaimed space: ",
        id.trim()
    );
    assert!(pruned.starts_with(&report), "{pruned}");
    assert_eq!(sk.ok(&["ps", "-a", "--format", "{{.Names}}"]), "live\n");
    let replaced = sk.ok(&[
        "run",
        "-d",
        "--replace",
        "--name",
        "live",
        "--rootfs",
        &rootfs,
        "sleep",
        "1000",
    ]);
    assert_eq!(sk.ok(&["ps", "-aq", "--no-trunc"]).trim(), replaced.trim());
}

#[test]
fn named_volumes() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    sk.ok(&[
        "run",
        "--rm",
        "-v",
        "vol1:/data",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo saved > /data/f",
    ]);
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "-v",
            "vol1:/data:ro",
            "--rootfs",
            &rootfs,
            "cat",
            "/data/f"
        ]),
        "saved\n"
    );
    let ls = sk.ok(&["volume", "ls"]);
    assert!(
        ls.starts_with("DRIVER") && ls.contains("local") && ls.contains("vol1"),
        "{ls}"
    );
    let mp = sk.ok(&["volume", "inspect", "-f", "{{.Mountpoint}}", "vol1"]);
    assert_eq!(
        std::fs::read_to_string(Path::new(mp.trim()).join("f")).unwrap(),
        "saved\n"
    );
    sk.ok(&["volume", "create", "--label", "k=v", "vol2"]);
    assert_eq!(
        sk.ok(&["volume", "ls", "-q", "--filter", "label=k=v"]),
        "vol2\n"
    );
    assert_eq!(
        sk.ok(&[
            "volume",
            "ls",
            "--filter",
            "label=k",
            "--format",
            r#"{{.Name}} {{.Driver}} {{.Labels}} {{.Label "k"}}"#
        ]),
        "vol2 local k=v v\n"
    );
    sk.ok(&[
        "create", "--name", "user", "-v", "vol2:/x", "--rootfs", &rootfs, "true",
    ]);
    assert_eq!(
        code(&sk.run(&["volume", "rm", "vol2"])),
        125,
        "a volume in use is kept"
    );
    sk.ok(&["rm", "user"]);
    let pruned = sk.ok(&["volume", "prune", "-f"]);
    let lines: Vec<&str> = pruned.lines().collect();
    assert_eq!(
        (lines.len(), lines[0], lines[3]),
        (5, "Deleted Volumes:", ""),
        "two volumes in docker's report: {pruned}"
    );
    assert!(lines[4].starts_with("Total reclaimed space: "), "{pruned}");
    assert_eq!(sk.ok(&["volume", "ls", "-q"]), "");
    let mount = sk.ok(&[
        "run",
        "--rm",
        "--mount",
        "type=volume,source=vol3,target=/v",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo m > /v/m && cat /v/m",
    ]);
    assert_eq!(mount, "m\n");
}

#[test]
fn fifty_concurrent_commands_keep_the_catalog_consistent() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let mut children = Vec::new();
    for i in 0..50 {
        let args: Vec<String> = match i % 3 {
            0 => vec!["ps".into(), "-a".into()],
            1 => vec![
                "run".into(),
                "-d".into(),
                "--name".into(),
                format!("c{i}"),
                "--rootfs".into(),
                rootfs.clone(),
                "sleep".into(),
                "1000".into(),
            ],
            _ => vec!["rm".into(), "-f".into(), format!("c{}", i - 1)],
        };
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        children.push((
            args.clone(),
            sk.cmd(&argv)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        ));
    }
    for (args, child) in children {
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("locked"), "skiff {args:?}: {err}");
        // The only acceptable failures are the races between a `run -d` and the `rm -f` of the
        // same name: rm before the container exists, or rm while run is about to start it.
        if !out.status.success() {
            let race = (args[0] == "rm" && err.contains("No such container"))
                || (args[0] == "run"
                    && (err.contains("is removing") || err.contains("No such container")));
            assert!(race, "skiff {args:?} failed: {err}");
        }
    }
    // Every container listed is consistent: running ones have a live monitor, and every
    // remaining directory belongs to a listed container.
    let ids: Vec<String> = sk
        .ok(&["ps", "-aq", "--no-trunc"])
        .lines()
        .map(String::from)
        .collect();
    for id in &ids {
        assert_eq!(sk.inspect(id, "{{.State.Status}}"), "running");
    }
    let dirs: Vec<String> = std::fs::read_dir(sk.h.root().join("storage/containers"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for d in &dirs {
        assert!(ids.contains(d), "directory {d} has no container");
    }
    assert_eq!(dirs.len(), ids.len());
}

#[test]
fn foreground_run_forwards_signals() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let script = "trap 'echo got-term; exit 5' TERM; echo ready; while true; do sleep 0.1; done";
    let mut child = sk
        .cmd(&["run", "--rm", "--rootfs", &rootfs, "sh", "-c", script])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 6];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    assert_eq!(&first, b"ready\n");
    // SAFETY: kill has no memory-safety preconditions.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(rest, "got-term\n");
    assert_eq!(status.code(), Some(5));
    assert_eq!(
        sk.ok(&["ps", "-aq"]),
        "",
        "--rm removed it before the CLI returned"
    );
}

#[test]
fn tty_gets_a_real_pty() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let line = format!(
        "{} --root {} --runroot {} run --rm -t --rootfs {rootfs} sh -c 'tty; exit 3'",
        crate::harness::binary().display(),
        sk.h.root().display(),
        sk.h.runroot().display()
    );
    let out = Command::new("timeout")
        .arg(limit())
        .args(["script", "-qec", &line, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("script(1) from util-linux");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("/dev/pts/"), "{text}");
    assert_eq!(out.status.code(), Some(3), "{text}");
}

#[test]
fn a_new_volume_is_filled_from_the_root_file_system() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "-v",
            "etcvol:/etc",
            "--rootfs",
            &rootfs,
            "head",
            "-1",
            "/etc/passwd"
        ]),
        "root:x:0:0:root:/root:/bin/sh\n"
    );
    let mp = sk.ok(&["volume", "inspect", "-f", "{{.Mountpoint}}", "etcvol"]);
    assert!(Path::new(mp.trim()).join("group").exists());
    let empty = sk.ok(&[
        "run",
        "--rm",
        "-v",
        "emptyvol:/etc:nocopy",
        "--rootfs",
        &rootfs,
        "ls",
        "/etc",
    ]);
    assert_eq!(empty, "");
}

#[test]
fn logs_follow_until_the_container_exits() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
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

#[test]
fn interactive_tty_reads_input_and_detaches_with_ctrl_p_ctrl_q() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let base = format!(
        "{} --root {} --runroot {}",
        crate::harness::binary().display(),
        sk.h.root().display(),
        sk.h.runroot().display()
    );
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
fn security_flags_reach_the_process() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let status = |extra: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--rootfs", &rootfs, "cat", "/proc/self/status"]);
        sk.ok(&args)
    };
    let field = |text: &str, name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let dropped = status(&["--cap-drop", "ALL", "--security-opt", "no-new-privileges"]);
    assert_eq!(field(&dropped, "CapEff:"), "0000000000000000");
    assert_eq!(field(&dropped, "NoNewPrivs:"), "1");
    let default = status(&[]);
    assert_ne!(field(&default, "CapEff:"), "0000000000000000");
    assert_eq!(field(&default, "NoNewPrivs:"), "0");
    assert_eq!(
        field(&default, "Seccomp:"),
        "2",
        "the default seccomp filter is loaded"
    );
    let unconfined = status(&["--security-opt", "seccomp=unconfined"]);
    assert_eq!(field(&unconfined, "Seccomp:"), "0");
    // --privileged: every capability skiff itself may hand on, unconfined.
    let privileged = status(&["--privileged"]);
    assert_eq!(field(&privileged, "CapEff:"), field(&privileged, "CapBnd:"));
    assert_eq!(field(&privileged, "Seccomp:"), "0");
    if crate::harness::is_root() {
        let host = std::fs::read_to_string("/proc/self/status").unwrap();
        assert_eq!(field(&privileged, "CapBnd:"), field(&host, "CapBnd:"));
    }
    // --stop-signal is what `stop` sends.
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "sig",
        "--stop-signal",
        "USR1",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "trap 'exit 9' USR1; while true; do sleep 0.1; done",
    ]);
    sk.wait_for("sig", "{{.State.Running}}", "true", Duration::from_secs(2));
    std::thread::sleep(Duration::from_millis(200));
    sk.ok(&["stop", "sig"]);
    assert_eq!(
        sk.inspect("sig", "{{.State.ExitCode}} {{.Config.StopSignal}}"),
        "9 USR1"
    );
}

#[test]
fn network_none_has_only_lo_and_host_on_request() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let none = sk.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--rootfs",
        &rootfs,
        "cat",
        "/proc/net/dev",
    ]);
    let ifaces: Vec<&str> = none
        .lines()
        .skip(2)
        .filter_map(|l| l.split(':').next())
        .map(str::trim)
        .collect();
    assert_eq!(ifaces, vec!["lo"], "{none}");
    let host_name = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "--network",
            "host",
            "--rootfs",
            &rootfs,
            "hostname"
        ]),
        host_name
    );
    let bad = sk.run(&[
        "run",
        "--rm",
        "--network",
        "nosuchnet",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(code(&bad), 125);
}

#[test]
fn anonymous_volumes_go_with_rm_v() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    sk.ok(&[
        "create", "--name", "a", "-v", "/anon", "--rootfs", &rootfs, "true",
    ]);
    let vols = sk.ok(&["volume", "ls", "-q"]);
    assert_eq!(vols.lines().count(), 1);
    assert_eq!(
        vols.trim().len(),
        64,
        "an anonymous volume has a random 64-hex name"
    );
    assert_eq!(
        sk.inspect(
            "a",
            "{{(index .Mounts 0).Type}} {{(index .Mounts 0).Destination}}"
        ),
        "volume /anon"
    );
    sk.ok(&["rm", "-v", "a"]);
    assert_eq!(sk.ok(&["volume", "ls", "-q"]), "");
    sk.ok(&[
        "create", "--name", "b", "-v", "named:/n", "--rootfs", &rootfs, "true",
    ]);
    sk.ok(&["rm", "-v", "b"]);
    assert_eq!(
        sk.ok(&["volume", "ls", "-q"]),
        "named\n",
        "rm -v keeps named volumes"
    );
    sk.ok(&[
        "create", "--name", "c", "-v", "named:/n", "--rootfs", &rootfs, "true",
    ]);
    sk.ok(&["volume", "rm", "-f", "named"]);
    assert_eq!(
        sk.ok(&["ps", "-aq"]),
        "",
        "volume rm -f removes the containers using it"
    );
}

#[test]
fn exec_runs_in_the_running_container() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
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
    assert_eq!(
        sk.ok(&["exec", "-u", "1000:1000", "x", "id", "-u"]),
        "1000\n"
    );
    // stdin only with -i.
    let out = sk.h.run_with(
        &["exec", "-i", "x", "cat"],
        Some(b"piped\n"),
        Duration::from_secs(20),
    );
    assert_eq!(out.stdout, "piped\n", "stderr: {}", out.stderr);
    // Exit codes: the command's own, 127 not found, 126 not executable, 125 not running.
    assert_eq!(code(&sk.run(&["exec", "x", "sh", "-c", "exit 7"])), 7);
    assert_eq!(code(&sk.run(&["exec", "x", "no-such-command"])), 127);
    assert_eq!(code(&sk.run(&["exec", "x", "/etc"])), 126);
    sk.ok(&["stop", "-t", "0", "x"]);
    let out = sk.run(&["exec", "x", "true"]);
    assert_eq!(code(&out), 125);
    assert!(stderr(&out).contains("is not running"), "{}", stderr(&out));
    sk.ok(&["rm", "x"]);
}

#[test]
fn exec_with_a_tty_gets_a_real_pty() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    sk.ok(&[
        "run", "-d", "--name", "t", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let line = format!(
        "{} --root {} --runroot {} exec -t t sh -c 'tty; exit 4'",
        crate::harness::binary().display(),
        sk.h.root().display(),
        sk.h.runroot().display()
    );
    let out = Command::new("timeout")
        .arg(limit())
        .args(["script", "-qec", &line, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("script(1) from util-linux");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("/dev/pts/"), "{text}");
    assert_eq!(out.status.code(), Some(4), "{text}");
    sk.ok(&["rm", "-f", "t"]);
}

#[test]
fn format_unknown_fields_fail_like_docker() {
    let sk = Sk::new();
    for args in [
        &["ps", "-a", "--format", "{{.Nmes}}"][..],
        &["images", "--format", "table {{.Repo}}"],
        &["volume", "ls", "--format", "{{.Nme}}"],
    ] {
        let out = sk.run(args);
        assert_eq!(code(&out), 125, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("can't evaluate field"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let rootfs = sk.rootfs();
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    let out = sk.run(&["inspect", "-f", "{{.Foo}}", "c"]);
    assert_eq!(code(&out), 125);
    assert!(
        stderr(&out).contains("map has no entry for key \"Foo\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        sk.inspect("c", "{{.Config.Labels.nope}} {{.Name}}"),
        "<no value> /c"
    );
    assert_eq!(sk.ok(&["ps", "-a", "--format", "{{.Names}}"]), "c\n");
}

#[test]
fn inspect_format_json_and_escapes_like_docker() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    assert_eq!(
        sk.ok(&["inspect", "-f", "json", "c"]),
        sk.ok(&["inspect", "c"])
    );
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.Name}}\\t{{.State.Status}}", "c"]),
        "/c\\tcreated\n"
    );
    assert_eq!(
        sk.ok(&["ps", "-a", "--format", "{{.Names}}\\t{{.State}}"]),
        "c\tcreated\n"
    );
}

#[test]
fn inspect_format_failing_on_one_object_prints_the_others() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    sk.ok(&["create", "--name", "a", "--rootfs", &rootfs, "true"]);
    let label = ["--label", "k=v"];
    sk.ok(&[
        &["create", "--name", "b"][..],
        &label,
        &["--rootfs", &rootfs, "true"],
    ]
    .concat());
    let out = sk.run(&[
        "inspect",
        "-f",
        "{{.Name}} {{.Config.Labels.k.X}}",
        "a",
        "b",
        "a",
    ]);
    assert_eq!(code(&out), 125, "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "/a <no value>\n/a <no value>\n"
    );
    assert!(
        stderr(&out).contains("can't evaluate field X in type string"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn inspect_has_docker_graph_driver_networks_and_sizes() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    let overlay = format!("{rootfs}:O");
    sk.ok(&[
        "run",
        "--name",
        "w",
        "--rootfs",
        &overlay,
        "sh",
        "-c",
        "head -c 8192 /dev/zero > /f",
    ]);
    let id = sk.inspect("w", "{{.Id}}");
    let dir = sk.h.root().join("storage/containers").join(&id);
    assert_eq!(
        sk.inspect(
            "w",
            "{{.GraphDriver.Name}} {{.GraphDriver.Data.LowerDir}} {{.GraphDriver.Data.UpperDir}}"
        ),
        format!("overlay {rootfs} {}", dir.join("upper").display())
    );
    assert_eq!(
        sk.inspect(
            "w",
            "{{.ExecIDs}} {{.HostConfig.ShmSize}} {{.HostConfig.IpcMode}} {{json .HostConfig.Dns}}"
        ),
        "[] 67108864 private []"
    );
    assert_eq!(
        sk.inspect(
            "w",
            "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}};{{end}}"
        ),
        "slirp4netns=;"
    );
    let sizes = sk.ok(&["inspect", "-s", "-f", "{{.SizeRw}} {{.SizeRootFs}}", "w"]);
    let sizes: Vec<u64> = sizes
        .split_whitespace()
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(sizes[0] >= 8192, "{sizes:?}");
    assert!(sizes[1] > sizes[0], "{sizes:?}");
    assert_eq!(sk.inspect("w", "{{.SizeRootFs}}"), "<nil>");
}

#[test]
fn inspect_prints_nil_slices_and_maps_like_docker() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    sk.ok(&["create", "--name", "n", "--rootfs", &rootfs, "true"]);
    assert_eq!(
        sk.inspect(
            "n",
            "{{.Config.Entrypoint}} {{.Config.Volumes}} {{.HostConfig.Binds}} {{.HostConfig.CapAdd}}"
        ),
        "[] map[] [] []"
    );
    assert_eq!(
        sk.inspect(
            "n",
            "{{json .Config.Entrypoint}} {{json .Config.Volumes}} {{json .HostConfig.Binds}}"
        ),
        "null null null"
    );
}

#[test]
fn inspect_prints_keys_in_docker_order() {
    let sk = Sk::new();
    let rootfs = sk.rootfs();
    sk.ok(&["create", "--name", "o", "--rootfs", &rootfs, "true"]);
    let text = sk.ok(&["inspect", "o"]);
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("        \"") && l.contains("\":"))
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        keys[..5],
        ["Id", "Created", "Path", "Args", "State"],
        "{keys:?}"
    );
    let pos = |k: &str| keys.iter().position(|x| *x == k).unwrap();
    assert!(pos("HostConfig") < pos("GraphDriver") && pos("Mounts") < pos("Config"));
    assert!(pos("Config") < pos("NetworkSettings"), "{keys:?}");
}
