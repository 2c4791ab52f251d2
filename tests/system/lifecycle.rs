//! Container lifecycle with `--rootfs` (no registry needed): run/create/start/stop/kill/rm/wait/
//! rename/prune/exists, exit codes, signals of a foreground run, and fifty concurrent commands on
//! one catalog. Run as root and as an unprivileged user (with a subordinate id range).

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::Skiff;

#[test]
fn run_rm_writes_through_a_bind_mount_and_leaves_nothing() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
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
    let containers = sk.root().join("storage/containers");
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

/// `wait` on a `--rm` container prints its exit code, as docker's does, although the row goes
/// in the step that records the exit; `die` comes before `destroy`, and nothing is left.
#[test]
fn wait_on_an_rm_container_prints_its_exit_code() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run",
        "-d",
        "--rm",
        "--name",
        "gone",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "sleep 1; exit 3",
    ]);
    let out = sk.run(&["wait", "gone"]);
    assert_eq!((out.status, out.stdout.trim()), (0, "3"), "{out:?}");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    // A container never started is not running: its wait answers at once, as docker's and
    // podman's.
    sk.ok(&["create", "--name", "unstarted", "--rootfs", &rootfs, "true"]);
    let out = sk.run_with(&["wait", "unstarted"], None, Duration::from_secs(10));
    assert_eq!((out.status, out.stdout.as_str()), (0, "0\n"), "{out:?}");
    sk.ok(&["rm", "unstarted"]);
    let actions = sk.ok(&[
        "events",
        "--since",
        "60s",
        "--until",
        "0s",
        "--filter",
        "container=gone",
        "--format",
        "{{.Action}}",
    ]);
    let actions: Vec<&str> = actions.lines().collect();
    let (die, destroy) = (
        actions.iter().position(|a| *a == "die"),
        actions.iter().position(|a| *a == "destroy"),
    );
    assert!(
        matches!((die, destroy), (Some(d), Some(x)) if d < x),
        "{actions:?}"
    );
}

/// As docker: a start that fails before the command runs leaves the container `created`, with
/// the failure's exit code and error (`ps -a` says "Created", `wait` returns the code at once);
/// the `exited=` filter leaves it out, as it never ran.
#[test]
fn a_failed_start_leaves_the_container_created_with_its_exit_code() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.run(&[
        "run",
        "--name",
        "missing",
        "--rootfs",
        &rootfs,
        "no-such-command",
    ]);
    assert_eq!(out.status, 127, "{out:?}");
    sk.ok(&["create", "--name", "fresh", "--rootfs", &rootfs, "true"]);
    let state = sk.ok(&[
        "inspect",
        "-f",
        "{{.State.Status}} {{.State.ExitCode}} {{.State.Running}} {{.State.Error}}",
        "missing",
    ]);
    assert!(
        state.starts_with("created 127 false ") && state.contains("no-such-command"),
        "{state}"
    );
    let ps = sk.ok(&[
        "ps",
        "-a",
        "--filter",
        "name=missing",
        "--format",
        "{{.Status}}",
    ]);
    assert_eq!(ps.trim(), "Created");
    let exited = |code: &str| {
        sk.ok(&[
            "ps",
            "-a",
            "--filter",
            &format!("exited={code}"),
            "--format",
            "{{.Names}}",
        ])
    };
    // As docker: the exited filter takes only containers that ran.
    assert_eq!(exited("127").trim(), "");
    assert_eq!(exited("0").trim(), "");
    // wait returns its code at once, as docker's (it used to wait for a run that never came).
    let wait = sk.run_with(&["wait", "missing"], None, Duration::from_secs(20));
    assert_eq!(wait.stdout.trim(), "127", "{wait:?}");
    // Started again, it fails again the same way.
    assert_eq!(sk.run(&["start", "missing"]).status, 127);
}

#[test]
fn exit_codes_follow_docker() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    assert_eq!(
        sk.run(&["run", "--rm", "--rootfs", &rootfs, "sh", "-c", "exit 3"])
            .status,
        3
    );
    let missing = sk.run(&["run", "--rm", "--rootfs", &rootfs, "no-such-command"]);
    assert_eq!(missing.status, 127, "{}", missing.stderr);
    assert_eq!(
        sk.ok(&["ps", "-aq"]),
        "",
        "--rm must remove a container whose command was not found"
    );
    let notexec = sk.run(&["run", "--rm", "--rootfs", &rootfs, "/etc/passwd"]);
    assert_eq!(notexec.status, 126, "{}", notexec.stderr);
    // An empty command name is not found (docker: 127), not a directory on the PATH (126).
    let empty = sk.run(&["run", "--rm", "--rootfs", &rootfs, ""]);
    assert_eq!(empty.status, 127, "{}", empty.stderr);
    // An environment entry without a name is refused, as docker's CLI does.
    let noname = sk.run(&["run", "--rm", "-e", "=x", "--rootfs", &rootfs, "true"]);
    assert_eq!(noname.status, 125, "{}", noname.stderr);
    assert!(
        noname.stderr.contains("invalid environment variable"),
        "{}",
        noname.stderr
    );
    let nodir = sk.run(&["run", "--rm", "--rootfs", "/no/such/dir", "true"]);
    assert_eq!(nodir.status, 125);
    assert!(nodir.stderr.contains("/no/such/dir"), "{}", nodir.stderr);
    let badflag = sk.run(&[
        "run",
        "--rm",
        "--restart",
        "sometimes",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(badflag.status, 125);
    sk.ok(&["create", "--name", "dup", "--rootfs", &rootfs, "true"]);
    let dup = sk.run(&["create", "--name", "dup", "--rootfs", &rootfs, "true"]);
    assert_eq!(dup.status, 125);
    assert!(
        dup.stderr
            .contains("Conflict. The container name \"/dup\" is already in use by container"),
        "{}",
        dup.stderr
    );
    assert!(
        dup.stderr
            .contains("You have to remove (or rename) that container"),
        "{}",
        dup.stderr
    );
}

#[test]
fn detached_container_lifecycle() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
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
    // ps(1) options, as docker's: the host's ps columns, the container's rows only.
    let pid = sk.ok(&["inspect", "-f", "{{.State.Pid}}", "web"]);
    let top = sk.ok(&["top", "web", "-o", "pid,args"]);
    let rows: Vec<&str> = top.lines().collect();
    assert!(
        rows[0].starts_with("PID") && rows[0].contains("COMMAND"),
        "{top}"
    );
    assert!(
        rows[1..]
            .iter()
            .any(|r| r.starts_with(pid.trim()) && r.ends_with("sleep 1000")),
        "{top}"
    );
    assert!(!top.contains("skiff"), "a host process is listed: {top}");
    // A process `exec` started (as another user) is the container's too, as docker's.
    sk.ok(&["exec", "-d", "-u", "65534", "web", "sleep", "999"]);
    let listed = |top: &str| top.lines().any(|r| r.ends_with("sleep 999"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !listed(&sk.ok(&["top", "web"])) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        listed(&sk.ok(&["top", "web"])),
        "{}",
        sk.ok(&["top", "web"])
    );
    let top = sk.ok(&["top", "web", "-o", "pid,args"]);
    assert!(listed(&top), "{top}");
    sk.fails(&["top", "web", "-o", "comm"], 125);
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
    assert_eq!(rm.status, 2, "podman's status for a running container");
    assert!(
        rm.stderr
            .contains("cannot remove container \"/web\": container is running: stop the container before removing or force remove"),
        "{}",
        rm.stderr
    );
    // A missing container: 1 (docker and podman), the others are still removed.
    sk.ok(&["create", "--name", "other", "--rootfs", &rootfs, "true"]);
    let rm = sk.run(&["rm", "nosuch", "other"]);
    assert_eq!(rm.status, 1, "{}", rm.stderr);
    assert_eq!(rm.stdout, "other\n");
    assert!(
        rm.stderr.contains("No such container: nosuch"),
        "{}",
        rm.stderr
    );
    assert_eq!(sk.ok(&["rm", "-f", "web"]), "web\n");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    assert_eq!(sk.run(&["container", "exists", "web"]).status, 1);
}

#[test]
fn stop_signal_and_kill() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
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
    // As docker and podman, kill with SIGKILL returns once the container has exited: a
    // script's `rm` right after it must not find it running.
    assert_eq!(sk.inspect("k", "{{.State.Status}}"), "exited");
    assert_eq!(sk.inspect("k", "{{.State.ExitCode}}"), "137");
    assert_eq!(
        sk.run(&["kill", "k"]).status,
        125,
        "kill of a stopped container fails"
    );
    assert_eq!(sk.ok(&["wait", "k"]), "137\n");
}

#[test]
fn create_start_attach_wait_rename_prune() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let id = sk.ok(&[
        "create",
        "--name",
        "job1",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo attached; exit 4",
    ]);
    assert_eq!(sk.inspect("job1", "{{.State.Status}}"), "created");
    assert!(sk.ok(&["ps", "-a"]).contains("Created"));
    let out = sk.run(&["start", "-a", "job1"]);
    assert_eq!(out.status, 4);
    assert_eq!(out.stdout, "attached\n");
    assert_eq!(sk.ok(&["wait", "job1"]), "4\n");
    sk.ok(&["rename", "job1", "job2"]);
    assert_eq!(sk.inspect(&id.trim()[..12], "{{.Name}}"), "/job2");
    assert_eq!(sk.run(&["container", "exists", "job2"]).status, 0);
    assert_eq!(sk.run(&["container", "exists", "job1"]).status, 1);
    // `sleep` as pid 1 ignores SIGTERM: no stop timeout for `--replace` below to wait out.
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "live",
        "--stop-timeout",
        "0",
        "--rootfs",
        &rootfs,
        "sleep",
        "1000",
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

/// `--replace` (podman's) stops the old container as `stop` does, with its stop signal and
/// its time to shut down, before removing it.
#[test]
fn replace_stops_the_old_container_with_its_stop_signal() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let marks = sk.path("marks");
    std::fs::create_dir(&marks).unwrap();
    let volume = format!("{}:/marks", marks.display());
    let script = "trap 'echo got-term > /marks/term; exit 0' TERM; touch /marks/ready; \
                  while true; do sleep 0.1; done";
    sk.ok(&[
        "run", "-d", "--name", "svc", "-v", &volume, "--rootfs", &rootfs, "sh", "-c", script,
    ]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !marks.join("ready").exists() {
        assert!(
            Instant::now() < deadline,
            "the first container did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    sk.ok(&[
        "run",
        "-d",
        "--replace",
        "--name",
        "svc",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    let term = std::fs::read_to_string(marks.join("term")).unwrap_or_default();
    assert_eq!(term, "got-term\n", "the replaced container got no SIGTERM");
    assert_eq!(sk.ok(&["ps", "-a", "--format", "{{.Names}}"]), "svc\n");
    sk.ok(&["rm", "-f", "svc"]);
}

#[test]
fn foreground_run_forwards_signals() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
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

/// An RFC 3339 time as docker prints it (fraction of 0-9 digits) as (seconds part, nanoseconds),
/// which compare in time order.
fn rfc3339_key(t: &str) -> (String, u32) {
    let t = t.trim_end_matches('Z');
    let (secs, frac) = t.split_once('.').unwrap_or((t, ""));
    (secs.to_string(), format!("{frac:0<9}").parse().unwrap())
}

/// StartedAt is when the monitor started the command, not when the CLI got round to recording
/// it: with the CLI slowed down reading the monitor's report (strace delays each of its
/// recvmsg calls by 20 ms), a command that ends at once still shows FinishedAt after StartedAt.
#[test]
fn started_at_never_follows_finished_at() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let run = sk.cmd(&["run", "-d", "--name", "quick", "--rootfs", &rootfs, "true"]);
    let out = std::process::Command::new("strace")
        .args(["-o", "/dev/null", "-e", "trace=recvmsg"])
        .args(["-e", "inject=recvmsg:delay_exit=20000"])
        .arg(run.get_program())
        .args(run.get_args())
        .stdin(Stdio::null())
        .output()
        .expect("this test needs strace (apt-get install strace)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sk.ok(&["wait", "quick"]);
    let times = sk.inspect("quick", "{{.State.StartedAt}} {{.State.FinishedAt}}");
    let (started, finished) = times.split_once(' ').unwrap();
    assert!(
        rfc3339_key(started) <= rfc3339_key(finished),
        "StartedAt after FinishedAt: {times}"
    );
}

#[test]
fn fifty_concurrent_commands_keep_the_catalog_consistent() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
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
        let out = crate::harness::finish_within(child, crate::harness::DEFAULT_TIMEOUT)
            .unwrap_or_else(|| panic!("skiff {args:?} did not finish in time; killed"));
        let err = &out.stderr;
        assert!(!err.contains("locked"), "skiff {args:?}: {err}");
        // The only acceptable failures are the races between a `run -d` and the `rm -f` of the
        // same name: rm before the container exists, or rm while run is about to start it.
        if out.status != 0 {
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
    let dirs: Vec<String> = std::fs::read_dir(sk.root().join("storage/containers"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for d in &dirs {
        assert!(ids.contains(d), "directory {d} has no container");
    }
    assert_eq!(dirs.len(), ids.len());
}

/// `start --all --filter restart-policy=always` (what contrib's skiff-restart.service runs at
/// boot) starts the stopped containers with that policy and no other; `ps` filters the same way.
#[test]
fn start_all_with_a_filter_starts_only_the_matching_stopped_containers() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let always = sk.ok(&[
        "create",
        "--restart",
        "always",
        "--rootfs",
        &rootfs,
        "sleep",
        "300",
    ]);
    let plain = sk.ok(&["create", "--rootfs", &rootfs, "sleep", "300"]);
    let (always, plain) = (always.trim(), plain.trim());
    assert_eq!(
        sk.ok(&[
            "ps",
            "-aq",
            "--no-trunc",
            "--filter",
            "restart-policy=always"
        ])
        .trim(),
        always
    );
    assert_eq!(
        sk.ok(&["ps", "-aq", "--no-trunc", "--filter", "restart-policy=no"])
            .trim(),
        plain
    );
    // podman's until=: created before a time.
    assert_eq!(sk.ok(&["ps", "-aq", "--filter", "until=1h"]), "");
    assert_eq!(
        sk.ok(&["ps", "-aq", "--no-trunc", "--filter", "until=0s"])
            .lines()
            .count(),
        2
    );
    let out = sk.ok(&["start", "--all", "--filter", "restart-policy=always"]);
    assert_eq!(out.trim(), always);
    assert_eq!(sk.inspect(always, "{{.State.Status}}"), "running");
    assert_eq!(sk.inspect(plain, "{{.State.Status}}"), "created");
    // A second run has nothing left to start; without a filter every stopped one starts.
    assert_eq!(
        sk.ok(&["start", "--all", "--filter", "restart-policy=always"]),
        ""
    );
    assert_eq!(sk.ok(&["start", "--all"]).trim(), plain);
    assert_eq!(sk.inspect(plain, "{{.State.Status}}"), "running");
    sk.fails(
        &["start", "--all", "--filter", "restart-policy=sometimes"],
        125,
    );
    // Filters narrow named containers too (podman): the plain one is not started again.
    sk.ok(&["stop", "-t", "0", plain]);
    assert_eq!(
        sk.ok(&["start", "--filter", "restart-policy=always", plain]),
        ""
    );
    assert_eq!(sk.inspect(plain, "{{.State.Status}}"), "exited");
}
