//! `run`/`create` flags, one real effect each, with a busybox `--rootfs` (no registry needed):
//! -i, -d --rm, random names, -e VAR, -v :ro, --mount bind/tmpfs, --tmpfs defaults, --cap-add,
//! seccomp=FILE, --stop-timeout, --cidfile, unless-stopped, --log-driver none, restart, port.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::Skiff;

/// `skiff run --rm ARGS... --rootfs ROOTFS CMD...`: the output.
pub(crate) fn run_in(
    sk: &Skiff,
    rootfs: &str,
    flags: &[&str],
    cmd: &[&str],
) -> crate::harness::Output {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--rootfs", rootfs]);
    args.extend_from_slice(cmd);
    sk.run(&args)
}

#[test]
fn stdin_only_with_i() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let with = sk.run_with(
        &["run", "--rm", "-i", "--rootfs", &rootfs, "cat"],
        Some(b"hello\n"),
        Duration::from_secs(30),
    );
    assert_eq!(
        (with.status, with.stdout.as_str()),
        (0, "hello\n"),
        "{with:?}"
    );
    let without = sk.run_with(
        &["run", "--rm", "--rootfs", &rootfs, "cat"],
        Some(b"hello\n"),
        Duration::from_secs(30),
    );
    assert_eq!(
        (without.status, without.stdout.as_str()),
        (0, ""),
        "{without:?}"
    );
}

#[test]
fn detached_rm_removes_the_container_when_it_exits() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let id = sk.ok(&["run", "-d", "--rm", "--rootfs", &rootfs, "sleep", "0.3"]);
    assert_eq!(id.trim().len(), 64);
    let start = Instant::now();
    while !sk.ok(&["ps", "-aq"]).is_empty() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    sk.fails(&["inspect", id.trim()], 125);
}

#[test]
fn names_are_random_docker_style_unless_given() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let mut seen = Vec::new();
    for _ in 0..3 {
        let id = sk.ok(&["create", "--rootfs", &rootfs, "true"]);
        let name = sk
            .ok(&["inspect", "-f", "{{.Name}}", id.trim()])
            .trim()
            .to_string();
        let bare = name
            .strip_prefix('/')
            .expect("inspect's Name starts with /");
        let (adj, surname) = bare.split_once('_').expect("adjective_surname");
        assert!(
            !adj.is_empty()
                && !surname.is_empty()
                && bare
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()),
            "{name}"
        );
        assert!(!seen.contains(&name), "{name} twice");
        seen.push(name);
    }
    assert_eq!(
        sk.ok(&["ps", "-a", "--format", "{{.Names}}"])
            .lines()
            .count(),
        3
    );
}

#[test]
fn env_without_value_copies_the_callers() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk
        .cmd(&[
            "run",
            "--rm",
            "-e",
            "SKIFF_T_FROM_HOST",
            "-e",
            "SKIFF_T_UNSET",
            "--rootfs",
            &rootfs,
            "env",
        ])
        .env("SKIFF_T_FROM_HOST", "host value")
        .env_remove("SKIFF_T_UNSET")
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    let env = String::from_utf8_lossy(&out.stdout);
    assert!(
        env.lines().any(|l| l == "SKIFF_T_FROM_HOST=host value"),
        "{env}"
    );
    assert!(!env.contains("SKIFF_T_UNSET"), "{env}");
}

#[test]
fn bind_mounts_tmpfs_and_their_options() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let host = sk.path("share");
    std::fs::create_dir_all(&host).unwrap();
    std::fs::write(host.join("f"), "host file\n").unwrap();
    let h = host.display().to_string();
    // -v SRC:DST:ro and --mount type=bind,readonly: readable, not writable.
    for flag in [
        vec!["-v".to_string(), format!("{h}:/m:ro")],
        vec![
            "--mount".to_string(),
            format!("type=bind,source={h},target=/m,readonly"),
        ],
    ] {
        let flags: Vec<&str> = flag.iter().map(String::as_str).collect();
        let out = run_in(
            &sk,
            &rootfs,
            &flags,
            &["sh", "-c", "cat /m/f; touch /m/new"],
        );
        assert_eq!(out.stdout, "host file\n", "{flags:?}: {out:?}");
        assert_ne!(out.status, 0, "{flags:?}: a read-only mount took a write");
        assert!(!host.join("new").exists());
    }
    let rw = run_in(
        &sk,
        &rootfs,
        &["--mount", &format!("type=bind,src={h},dst=/m")],
        &["touch", "/m/new"],
    );
    assert_eq!(rw.status, 0, "{rw:?}");
    assert!(host.join("new").exists());
    // --mount type=tmpfs: a tmpfs; --tmpfs: noexec,nosuid,nodev unless told otherwise.
    let t = run_in(
        &sk,
        &rootfs,
        &["--mount", "type=tmpfs,dst=/t,tmpfs-size=1m"],
        &["sh", "-c", "grep ' /t ' /proc/mounts"],
    );
    assert!(t.stdout.starts_with("tmpfs /t tmpfs"), "{t:?}");
    let opts = run_in(
        &sk,
        &rootfs,
        &["--tmpfs", "/t"],
        &["sh", "-c", "grep ' /t ' /proc/mounts"],
    );
    for o in ["nosuid", "nodev", "noexec"] {
        assert!(opts.stdout.contains(o), "--tmpfs lacks {o}: {opts:?}");
    }
    let copy_and_run = "cp /bin/busybox /t/true && /t/true";
    let noexec = run_in(
        &sk,
        &rootfs,
        &["--tmpfs", "/t"],
        &["sh", "-c", copy_and_run],
    );
    assert_ne!(noexec.status, 0, "{noexec:?}");
    let exec = run_in(
        &sk,
        &rootfs,
        &["--tmpfs", "/t:exec"],
        &["sh", "-c", copy_and_run],
    );
    assert_eq!(exec.status, 0, "{exec:?}");
    // Nothing may be mounted over / or inside /proc.
    for bad in [format!("{h}:/"), format!("{h}:/proc/sys")] {
        let out = run_in(&sk, &rootfs, &["-v", &bad], &["true"]);
        assert_eq!(out.status, 125, "{bad}: {out:?}");
    }
}

#[test]
fn capabilities_and_seccomp_profiles() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let capeff = |flags: &[&str]| {
        let out = run_in(
            &sk,
            &rootfs,
            flags,
            &["grep", "CapEff", "/proc/self/status"],
        );
        assert_eq!(out.status, 0, "{out:?}");
        out.stdout
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        capeff(&["--cap-drop", "ALL", "--cap-add", "NET_BIND_SERVICE"]),
        "0000000000000400"
    );
    assert_eq!(
        capeff(&["--cap-drop", "ALL", "--cap-add", "cap_kill"]),
        "0000000000000020"
    );
    // An unknown capability fails at create, before anything exists.
    let bad = sk.fails(
        &["create", "--cap-add", "FLY", "--rootfs", &rootfs, "true"],
        125,
    );
    assert!(bad.stderr.contains("FLY"), "{bad:?}");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    // --security-opt seccomp=FILE in docker's format.
    let profile = sk.path("profile.json");
    std::fs::write(
        &profile,
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO"}]}"#,
    )
    .unwrap();
    let opt = format!("seccomp={}", profile.display());
    let out = run_in(
        &sk,
        &rootfs,
        &["--security-opt", &opt],
        &["sh", "-c", "touch /tmp/f && mkdir /tmp/d"],
    );
    assert_ne!(out.status, 0, "{out:?}");
    assert!(out.stderr.contains("not permitted"), "{out:?}");
    let missing = run_in(
        &sk,
        &rootfs,
        &["--security-opt", "seccomp=/nonexistent.json"],
        &["true"],
    );
    assert_eq!(missing.status, 125, "{missing:?}");
}

#[test]
fn stop_timeout_then_kill() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    // PID 1 ignores SIGTERM (no handler): only the kill after the timeout ends it.
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "slow",
        "--stop-timeout",
        "1",
        "--rootfs",
        &rootfs,
        "sleep",
        "100",
    ]);
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.Config.StopTimeout}}", "slow"])
            .trim(),
        "1"
    );
    let start = Instant::now();
    sk.ok(&["stop", "slow"]);
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(8),
        "{took:?}"
    );
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.ExitCode}}", "slow"])
            .trim(),
        "137"
    );
}

#[test]
fn cidfile_is_never_overwritten() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let cid = sk.path("cid");
    std::fs::write(&cid, "keep").unwrap();
    let c = cid.display().to_string();
    let out = sk.fails(
        &["create", "--cidfile", &c, "--rootfs", &rootfs, "true"],
        125,
    );
    assert!(out.stderr.contains("already exists"), "{out:?}");
    assert_eq!(std::fs::read_to_string(&cid).unwrap(), "keep");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

#[test]
fn unless_stopped_restarts_until_stopped() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "u",
        "--restart",
        "unless-stopped",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "sleep 0.2; exit 1",
    ]);
    let start = Instant::now();
    while sk.ok(&["inspect", "-f", "{{.RestartCount}}", "u"]).trim() == "0"
        && start.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_ne!(
        sk.ok(&["inspect", "-f", "{{.RestartCount}}", "u"]).trim(),
        "0"
    );
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", "u"])
            .trim(),
        "unless-stopped"
    );
    sk.ok(&["stop", "u"]);
    let count = sk.ok(&["inspect", "-f", "{{.RestartCount}}", "u"]);
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.Status}}", "u"]).trim(),
        "exited"
    );
    assert_eq!(sk.ok(&["inspect", "-f", "{{.RestartCount}}", "u"]), count);
}

#[test]
fn log_driver_none_keeps_no_log() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.run(&[
        "run",
        "--name",
        "quiet",
        "--log-driver",
        "none",
        "--rootfs",
        &rootfs,
        "echo",
        "hi",
    ]);
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "hi\n"),
        "attached output still flows"
    );
    assert_eq!(
        sk.ok(&[
            "inspect",
            "-f",
            "{{.LogPath}}|{{.HostConfig.LogConfig.Type}}",
            "quiet"
        ])
        .trim(),
        "|none"
    );
    let logs = sk.fails(&["logs", "quiet"], 125);
    assert!(logs.stderr.contains("none"), "{logs:?}");
    let json = sk.ok(&[
        "run",
        "--name",
        "j",
        "--log-driver",
        "json-file",
        "--rootfs",
        &rootfs,
        "echo",
        "hi",
    ]);
    assert_eq!(json, "hi\n");
    assert_eq!(sk.ok(&["logs", "j"]), "hi\n");
}

#[test]
fn restart_and_port() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "r", "--rootfs", &rootfs, "sleep", "100",
    ]);
    let before = sk.ok(&["inspect", "-f", "{{.State.Pid}} {{.State.StartedAt}}", "r"]);
    assert_eq!(sk.ok(&["restart", "-t", "1", "r"]), "r\n");
    let after = sk.ok(&[
        "inspect",
        "-f",
        "{{.State.Pid}} {{.State.StartedAt}} {{.State.Running}}",
        "r",
    ]);
    assert!(after.trim().ends_with("true"), "{after}");
    assert_ne!(
        before.split(' ').next(),
        after.split(' ').next(),
        "a new process after restart"
    );
    // No published ports: nothing to print, and asking for one says so.
    assert_eq!(sk.ok(&["port", "r"]), "");
    let one = sk.fails(&["port", "r", "80/tcp"], 1);
    assert!(one.stderr.contains("80/tcp"), "{one:?}");
    sk.ok(&["rm", "-f", "r"]);
}

#[test]
fn ps_columns_read_like_dockers() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let host = sk.path("src");
    std::fs::create_dir_all(&host).unwrap();
    sk.ok(&[
        "create",
        "--name",
        "cols",
        "-v",
        "myvolume:/v",
        "-v",
        &format!("{}:/b", host.display()),
        "--tmpfs",
        "/t",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo \"hi\"; sleep 1",
    ]);
    let f = |t: &str| sk.ok(&["ps", "-a", "--format", t]).trim_end().to_string();
    assert_eq!(f("{{.Command}}"), r#""sh -c 'echo \"hi\"; s…""#);
    assert_eq!(
        sk.ok(&["ps", "-a", "--no-trunc", "--format", "{{.Command}}"])
            .trim_end(),
        r#""sh -c 'echo \"hi\"; sleep 1'""#
    );
    assert_eq!(f("{{.Networks}}"), "bridge");
    let mounts = f("{{.Mounts}}");
    assert!(mounts.starts_with("myvolume,"), "{mounts}");
    assert_eq!(
        mounts.split(',').count(),
        2,
        "tmpfs mounts are not listed: {mounts}"
    );
    assert!(
        mounts.ends_with('…') && mounts.chars().count() == "myvolume,".len() + 15,
        "{mounts}"
    );
    let json = f("{{json .}}");
    assert!(
        json.contains(r#""Size":"0B (virtual"#),
        "{{json .}} has the size: {json}"
    );
}

#[test]
fn no_mount_lands_in_proc_through_a_symlink() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    std::os::unix::fs::symlink("/proc", format!("{rootfs}/procs")).unwrap();
    let host = sk.path("h");
    std::fs::create_dir_all(&host).unwrap();
    let out = run_in(
        &sk,
        &rootfs,
        &["-v", &format!("{}:/procs/sys", host.display())],
        &["true"],
    );
    assert_eq!(out.status, 125, "{out:?}");
    assert!(out.stderr.contains("inside /proc"), "{out:?}");
    let tmpfs = run_in(&sk, &rootfs, &["--tmpfs", "/procs/sys"], &["true"]);
    assert_eq!(tmpfs.status, 125, "{tmpfs:?}");
}

#[test]
fn label_files_and_group_add_reach_the_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let file = sk.path("labels");
    std::fs::write(&file, "# team labels\ntier=web\nowner=a\nowner=b\n\n").unwrap();
    let f = file.display().to_string();
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "g",
        "--label-file",
        &f,
        "--label",
        "tier=db",
        "--group-add",
        "4242",
        "--rootfs",
        &rootfs,
        "sleep",
        "100",
    ]);
    let labels = sk.ok(&[
        "inspect",
        "-f",
        "{{index .Config.Labels \"tier\"}} {{index .Config.Labels \"owner\"}}",
        "g",
    ]);
    assert_eq!(
        labels.trim(),
        "db b",
        "--label wins over the file; the file's last value wins"
    );
    assert_eq!(
        sk.ok(&["exec", "g", "id", "-G"]).trim(),
        "0 4242",
        "exec keeps --group-add"
    );
    assert_eq!(
        sk.ok(&["ps", "-q", "--filter", "label=owner=b"])
            .trim()
            .len(),
        12
    );
    sk.ok(&["rm", "-f", "g"]);
}

#[test]
fn shm_size_and_namespaced_sysctls_reach_the_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.ok(&[
        "run", "--rm", "--shm-size", "128m", "--sysctl", "net.ipv4.ip_unprivileged_port_start=80",
        "--sysctl", "kernel.shmmax=1234567", "--rootfs", &rootfs, "sh", "-c",
        "df -k /dev/shm | tail -1; cat /proc/sys/net/ipv4/ip_unprivileged_port_start /proc/sys/kernel/shmmax",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0].split_whitespace().nth(1), Some("131072"), "{out}");
    // Its source is named `shm`, as docker's and podman's.
    assert_eq!(lines[0].split_whitespace().next(), Some("shm"), "{out}");
    assert_eq!(&lines[1..], ["80", "1234567"], "{out}");
    // The host's values are untouched.
    assert_ne!(
        std::fs::read_to_string("/proc/sys/kernel/shmmax")
            .unwrap()
            .trim(),
        "1234567"
    );
    for bad in [
        vec!["--sysctl", "vm.swappiness=1"],
        vec!["--sysctl", "kernel.domainname=x"],
        vec!["--sysctl", "nokey"],
        vec!["--network", "host", "--sysctl", "net.ipv4.ip_forward=1"],
        vec!["--shm-size", "0"],
        vec!["--shm-size", "lots"],
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(&bad);
        args.extend_from_slice(&["--rootfs", &rootfs, "true"]);
        let out = sk.run(&args);
        assert_eq!(out.status, 125, "{bad:?}: {out:?}");
    }
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
}
