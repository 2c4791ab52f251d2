//! podman's own flags that scripts written for podman use: `run --umask --unsetenv
//! --unsetenv-all --env-host --http-proxy --no-hosts --pidfile --rmi --arch`, `exec|top|stats -l`,
//! `ps|images --noheading`, `ps|images --sort`, `rmi -a|-i`, `kill|restart --cidfile`, `port -a`,
//! `wait --condition`. Run as root and as an unprivileged user.

use crate::harness::{image, Skiff};

#[test]
fn podman_s_run_flags_shape_the_container() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let run = |flags: &[&str], cmd: &str| {
        let mut args = vec!["run", "--rm"];
        args.extend(flags);
        args.extend([img.as_str(), "sh", "-c", cmd]);
        sk.ok(&args)
    };
    assert_eq!(
        run(&["--umask", "027"], "umask; touch /f; stat -c %a /f"),
        "0027\n640\n"
    );
    let bad = sk.run(&["run", "--rm", "--umask", "9", &img, "true"]);
    assert_eq!(bad.status, 125, "{bad:?}");
    // The defaults (the image's PATH, HOSTNAME, HOME, TERM) go; what -e gives stays.
    let env = |flags: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend(flags);
        args.extend([img.as_str(), "/usr/bin/env"]);
        sk.ok(&args)
    };
    assert_eq!(
        env(&[
            "-t",
            "--unsetenv",
            "HOSTNAME",
            "--unsetenv",
            "TERM",
            "--unsetenv",
            "PATH",
            "-e",
            "A=1"
        ]),
        "A=1\r\nHOME=/root\r\n"
    );
    assert_eq!(env(&["--unsetenv-all", "-e", "A=1"]), "A=1\n");
    // --env-host: the caller's variables, under the image's (PATH is the image's, not the
    // caller's).
    let out = sk.run_env(
        &[
            "run",
            "--rm",
            "--env-host",
            &img,
            "sh",
            "-c",
            "echo $SKIFF_FROM_HOST $PATH",
        ],
        &[("SKIFF_FROM_HOST", std::path::Path::new("here"))],
    );
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "here /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
    );
    // --http-proxy (on by default): the caller's proxy variables, under -e; none with
    // --http-proxy=false.
    let proxy = |flags: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend(flags);
        args.extend([img.as_str(), "sh", "-c", "env | grep -i _proxy= | sort"]);
        let caller = std::path::Path::new("http://caller.test:3128");
        let out = sk.run_env(&args, &[("http_proxy", caller), ("NO_PROXY", caller)]);
        assert_eq!(out.status, 0, "{out:?}");
        out.stdout
    };
    assert_eq!(
        proxy(&["-e", "NO_PROXY=mine"]),
        "NO_PROXY=mine\nhttp_proxy=http://caller.test:3128\n"
    );
    assert_eq!(proxy(&["--http-proxy=false", "-e", "A=1"]), "");
    // --no-hosts: the image's own /etc/hosts (busybox has none), and not with --add-host.
    let out = sk.run(&["run", "--rm", "--no-hosts", &img, "cat", "/etc/hosts"]);
    assert_eq!(out.status, 1, "{out:?}");
    let out = sk.run(&[
        "run",
        "--rm",
        "--no-hosts",
        "--add-host",
        "a:10.0.0.1",
        &img,
        "true",
    ]);
    assert_eq!(out.status, 125, "{out:?}");
    // --pidfile: the container's process id, as inspect reports it.
    let pidfile = sk.path("ctr.pid");
    let pidfile_arg = pidfile.display().to_string();
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "p",
        "--pidfile",
        &pidfile_arg,
        &img,
        "sleep",
        "60",
    ]);
    let pid = sk.ok(&["inspect", "-f", "{{.State.Pid}} {{.PidFile}}", "p"]);
    assert_eq!(
        pid.trim(),
        format!(
            "{} {}",
            std::fs::read_to_string(&pidfile).unwrap(),
            pidfile_arg
        )
    );
    sk.ok(&["rm", "-f", "p"]);
}

#[test]
fn podman_s_latest_noheading_cidfile_and_all_flags() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["run", "-d", "--name", "aold", &img, "sleep", "60"]);
    let cidfile = sk.path("cid");
    let cid_arg = cidfile.display().to_string();
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "new",
        "--cidfile",
        &cid_arg,
        "-p",
        "127.0.0.1::80",
        &img,
        "sleep",
        "60",
    ]);
    let new_id = std::fs::read_to_string(&cidfile).unwrap();
    // -l is the most recently created container: its command runs there.
    assert_eq!(
        sk.ok(&["exec", "-l", "hostname"]),
        format!("{}\n", &new_id[..12])
    );
    let top = sk.ok(&["top", "-l", "-o", "pid,comm"]);
    assert!(top.starts_with("PID") && top.contains("sleep"), "{top}");
    assert_eq!(
        sk.ok(&["stats", "-l", "--no-stream", "--format", "{{.Name}}"]),
        "new\n"
    );
    // --noheading drops the table's heading line only.
    let ps = sk.ok(&["ps", "--noheading", "--format", "table {{.Names}}"]);
    assert_eq!(ps, "new\naold\n");
    assert_eq!(sk.ok(&["ps", "--noheading"]).lines().count(), 2);
    // --sort: by name; created puts the newest first, as without it.
    let sorted = |by: &str| sk.ok(&["ps", "--sort", by, "--format", "{{.Names}}"]);
    assert_eq!(
        (sorted("names"), sorted("created")),
        ("aold\nnew\n".into(), "new\naold\n".into())
    );
    assert_eq!(sk.run(&["ps", "--sort", "bogus"]).status, 125);
    assert_eq!(
        sk.ok(&["images", "-n", "--format", "table {{.Repository}}"])
            .lines()
            .count(),
        1
    );
    // port -a: every running container's ports, each line after its short id.
    let ports = sk.ok(&["port", "-a"]);
    assert!(
        ports.starts_with(&format!("{}\t80/tcp -> 127.0.0.1:", &new_id[..12])),
        "{ports}"
    );
    assert_eq!(ports.lines().count(), 1, "{ports}");
    // kill and restart take --cidfile.
    assert_eq!(
        sk.ok(&["restart", "-t", "0", "--cidfile", &cid_arg]),
        format!("{new_id}\n")
    );
    assert_eq!(
        sk.ok(&["kill", "--cidfile", &cid_arg]),
        format!("{new_id}\n")
    );
    assert_eq!(
        sk.ok(&["ps", "--noheading", "--format", "{{.Names}}"]),
        "aold\n"
    );
    sk.ok(&["rm", "-f", "aold", "new"]);
    // rmi -i: a missing image is no error; rmi -a: every image; run --rmi: the image goes with
    // the container.
    sk.ok(&["rmi", "-i", "no-such-image"]);
    sk.ok(&["rmi", "-a"]);
    assert_eq!(sk.ok(&["images", "-q"]), "");
    sk.ok(&["pull", "-q", &img]);
    assert_eq!(sk.ok(&["run", "--rmi", &img, "echo", "once"]), "once\n");
    assert_eq!(sk.ok(&["images", "-q"]), "");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

#[test]
fn arch_os_and_variant_name_the_platform_in_parts() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let multi = image("multiarch:latest");
    sk.ok(&["pull", "-q", "--arch", "arm64", "--variant", "v8", &multi]);
    assert_eq!(
        sk.ok(&[
            "image",
            "inspect",
            "-f",
            "{{.Os}}/{{.Architecture}}",
            &multi
        ]),
        "linux/arm64\n"
    );
    let both = sk.run(&[
        "pull",
        "--arch",
        "arm64",
        "--platform",
        "linux/arm64",
        &multi,
    ]);
    assert_eq!(both.status, 125, "{both:?}");
    // images --sort: by repository (busybox before multiarch), whatever was pulled first.
    let busybox = image("busybox:latest");
    sk.ok(&["pull", "-q", &busybox]);
    let repos = sk.ok(&[
        "images",
        "--sort",
        "repository",
        "--format",
        "{{.Repository}}:{{.Tag}}",
    ]);
    assert_eq!(repos, format!("{busybox}\n{multi}\n"));
    assert_eq!(sk.run(&["images", "--sort", "bogus"]).status, 125);
}

#[test]
fn filter_picks_the_containers_of_stop_restart_and_rm() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    for (name, label) in [("fa", "grp=x"), ("fb", "grp=y")] {
        sk.ok(&[
            "run", "-d", "--name", name, "--label", label, &img, "sleep", "60",
        ]);
    }
    sk.ok(&["create", "--name", "fc", &img, "true"]);
    let states = || {
        sk.ok(&[
            "ps",
            "-a",
            "--sort",
            "names",
            "--format",
            "{{.Names}} {{.State}}",
        ])
    };
    sk.ok(&["stop", "-t", "0", "--filter", "label=grp=x"]);
    assert_eq!(states(), "fa exited\nfb running\nfc created\n");
    // restart -a --running: the running ones only; -a alone, every container.
    sk.ok(&["restart", "-t", "0", "-a", "--running"]);
    assert_eq!(states(), "fa exited\nfb running\nfc created\n");
    sk.ok(&["restart", "-t", "0", "-a"]);
    let restarted = states();
    assert!(
        restarted.starts_with("fa running\nfb running\n"),
        "{restarted}"
    );
    sk.ok(&["rm", "-f", "--filter", "name=f[ab]"]);
    assert_eq!(sk.ok(&["ps", "-a", "--format", "{{.Names}}"]), "fc\n");
    sk.ok(&["rm", "-f", "fc"]);
}

#[test]
fn volume_rm_a_removes_every_volume() {
    let sk = Skiff::new();
    for v in ["va", "vb"] {
        sk.ok(&["volume", "create", v]);
    }
    assert_eq!(sk.ok(&["volume", "rm", "-a"]), "va\nvb\n");
    assert_eq!(sk.ok(&["volume", "ls", "-q"]), "");
    assert_eq!(sk.run(&["volume", "rm", "-a", "va"]).status, 125);
}

#[test]
fn wait_condition_waits_for_a_state_or_health() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let script = "trap 'exit 3' TERM; while :; do sleep 0.1; done";
    sk.ok(&[
        "create",
        "--name",
        "w",
        "--health-cmd",
        "test -e /ready",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        &img,
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(sk.ok(&["wait", "--condition", "created", "w"]), "-1\n");
    // A wait for `running` holds until the container starts, and no longer.
    let mut waiter = sk
        .cmd(&["wait", "--condition", "running", "-i", "50ms", "w"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        waiter.try_wait().unwrap().is_none(),
        "the wait for running ended before the start"
    );
    sk.ok(&["start", "w"]);
    let out = crate::harness::finish_within(waiter, std::time::Duration::from_secs(20))
        .expect("the wait for running ended once the container ran");
    assert_eq!((out.status, out.stdout.as_str()), (0, "-1\n"), "{out:?}");
    // Health: unhealthy until /ready exists, then healthy.
    assert_eq!(sk.ok(&["wait", "--condition", "unhealthy", "w"]), "-1\n");
    sk.ok(&["exec", "w", "touch", "/ready"]);
    assert_eq!(sk.ok(&["wait", "--condition", "healthy", "w"]), "-1\n");
    assert_eq!(
        sk.ok(&["wait", "--condition", "created,stopped,running", "w"]),
        "-1\n"
    );
    sk.ok(&["stop", "w"]);
    // Stopped and exited answer with the exit code, alone or among others.
    assert_eq!(sk.ok(&["wait", "--condition", "stopped", "w"]), "3\n");
    assert_eq!(
        sk.ok(&[
            "wait",
            "--condition",
            "running",
            "--condition",
            "exited",
            "w"
        ]),
        "3\n"
    );
    let bad = sk.run(&["wait", "--condition", "asleep", "w"]);
    assert_eq!(bad.status, 125, "{bad:?}");
    assert!(bad.stderr.contains("invalid condition"), "{bad:?}");
    let bad = sk.run(&["wait", "--condition", "running", "-i", "soon", "w"]);
    assert_eq!(bad.status, 125, "{bad:?}");
}

#[test]
fn logs_of_several_containers_prefix_each_line_with_its_container() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&[
        "run",
        "--name",
        "la",
        &img,
        "sh",
        "-c",
        "echo one; echo err >&2",
    ]);
    sk.ok(&["run", "--name", "lb", &img, "echo", "two"]);
    let id = |n: &str| sk.inspect(n, "{{.Id}}")[..12].to_string();
    let (a, b) = (id("la"), id("lb"));
    let out = sk.run(&["logs", "la", "lb"]);
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(out.stdout, format!("{a} one\n{b} two\n"));
    assert_eq!(out.stderr, format!("{a} err\n"));
    assert_eq!(sk.ok(&["logs", "--names", "la", "lb"]), "la one\nlb two\n");
    let stamped = sk.ok(&["logs", "--names", "-t", "--tail", "1", "la", "lb"]);
    let lines: Vec<&str> = stamped.lines().collect();
    assert_eq!(lines.len(), 1, "{stamped}");
    assert!(
        lines[0].starts_with("lb 20") && lines[0].ends_with(" two"),
        "{stamped}"
    );
    // One container: no prefix, as docker prints it.
    assert_eq!(sk.ok(&["logs", "--names", "lb"]), "two\n");
    let missing = sk.run(&["logs", "la", "nosuch"]);
    assert_ne!(missing.status, 0, "{missing:?}");
}

#[test]
fn env_merge_image_volume_and_read_only_tmpfs() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dir = sk.path("ctx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Dockerfile"),
        format!(
            "FROM {}\nENV GREETING=hello\nRUN mkdir /data && echo image > /data/f\nVOLUME /data\n",
            image("busybox:latest")
        ),
    )
    .unwrap();
    sk.ok(&["build", "-q", "-t", "volimg", &dir.display().to_string()]);
    let run = |flags: &[&str], cmd: &str| {
        let mut args = vec!["run", "--rm"];
        args.extend(flags);
        args.extend(["volimg", "sh", "-c", cmd]);
        sk.run(&args)
    };
    let merged = run(
        &[
            "--env-merge",
            "GREETING=${GREETING} world",
            "--env-merge",
            "P=$PATH:/x",
        ],
        "echo $GREETING; echo $P",
    );
    assert_eq!(merged.status, 0, "{merged:?}");
    let lines: Vec<&str> = merged.stdout.lines().collect();
    assert_eq!(lines[0], "hello world");
    assert!(
        lines[1].starts_with("/usr/") && lines[1].ends_with(":/x"),
        "{merged:?}"
    );
    let over = run(
        &[
            "-e",
            "GREETING=mine",
            "--env-merge",
            "GREETING=${GREETING}!",
        ],
        "echo $GREETING",
    );
    assert_eq!(over.stdout, "mine\n", "{over:?}");
    assert_eq!(run(&["--env-merge", "=x"], "true").status, 125);

    let volumes = || sk.ok(&["volume", "ls", "-q"]).lines().count();
    let before = volumes();
    let mounted =
        "grep ' /data ' /proc/mounts | cut -d' ' -f3; cat /data/f 2>/dev/null || echo empty";
    let ignored = run(&["--image-volume", "ignore"], mounted);
    assert_eq!(ignored.stdout, "image\n", "{ignored:?}");
    let tmpfs = run(&["--image-volume", "tmpfs"], mounted);
    assert_eq!(tmpfs.stdout, "tmpfs\nempty\n", "{tmpfs:?}");
    assert_eq!(volumes(), before, "neither made a volume");
    let anonymous = sk.run(&["run", "--name", "anon", "volimg", "cat", "/data/f"]);
    assert_eq!(anonymous.stdout, "image\n", "{anonymous:?}");
    assert_eq!(volumes(), before + 1);
    assert_eq!(run(&["--image-volume", "nfs"], "true").status, 125);

    let writes = "touch /tmp/a && touch /run/b && touch /var/tmp/c && echo writable; \
                  touch /etc/x 2>/dev/null || echo read-only";
    let tmpfs = run(&["--read-only", "--read-only-tmpfs"], writes);
    assert_eq!(tmpfs.stdout, "writable\nread-only\n", "{tmpfs:?}");
    // podman's: a script written there runs (they are not noexec as `--tmpfs`'s default).
    let script = "printf '#!/bin/sh\\necho ran\\n' > /tmp/s && chmod +x /tmp/s && /tmp/s";
    let exec = run(&["--read-only", "--read-only-tmpfs"], script);
    assert_eq!(exec.stdout, "ran\n", "{exec:?}");
    let docker_s = run(&["--read-only"], writes);
    assert_eq!(docker_s.stdout, "read-only\n", "{docker_s:?}");
}

#[test]
fn timeout_kills_the_container_when_its_time_is_up() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let started = std::time::Instant::now();
    let out = sk.run(&["run", "--rm", "--timeout", "1", &img, "sleep", "60"]);
    assert_eq!(out.status, 137, "{out:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "t",
        "--timeout",
        "1",
        &img,
        "sleep",
        "60",
    ]);
    assert_eq!(sk.ok(&["wait", "t"]), "137\n");
    // A command that ends in time is not touched.
    let quick = sk.run(&["run", "--rm", "--timeout", "30", &img, "sh", "-c", "exit 4"]);
    assert_eq!(quick.status, 4, "{quick:?}");
}

#[test]
fn pod_latest_and_sort_diff_json_and_import_parts() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["pod", "create", "--name", "pb"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    sk.ok(&["pod", "create", "--name", "pa"]);
    let names = |args: &[&str]| {
        let mut a = vec!["pod", "ps", "--format", "{{.Name}}"];
        a.extend(args);
        sk.ok(&a)
    };
    assert_eq!(names(&[]), "pa\npb\n", "newest first");
    assert_eq!(names(&["--sort", "name"]), "pa\npb\n");
    assert_eq!(names(&["--sort", "created"]), "pa\npb\n");
    assert_eq!(names(&["--latest"]), "pa\n");
    assert_ne!(sk.run(&["pod", "ps", "--sort", "size"]).status, 0);
    sk.ok(&["pod", "rm", "--latest"]);
    assert_eq!(names(&[]), "pb\n");
    sk.ok(&["pod", "rm", "-l"]);
    assert_eq!(names(&[]), "");
    assert_ne!(sk.run(&["pod", "rm", "-l"]).status, 0);

    // diff: podman's JSON report, and -l.
    sk.ok(&[
        "run",
        "--name",
        "d",
        &img,
        "sh",
        "-c",
        "echo x > /made; rm /bin/true",
    ]);
    let report: serde_json::Value =
        serde_json::from_str(&sk.ok(&["diff", "--format", "json", "-l"])).unwrap();
    assert_eq!(report["added"], serde_json::json!(["/made"]), "{report}");
    assert_eq!(
        report["deleted"],
        serde_json::json!(["/bin/true"]),
        "{report}"
    );
    assert_eq!(report["changed"], serde_json::json!(["/bin"]), "{report}");

    // import --arch/--os name the imported image's platform.
    let tar = sk.path("fs.tar");
    sk.ok(&["export", "-o", &tar.display().to_string(), "d"]);
    sk.ok(&[
        "import",
        "--os",
        "linux",
        "--arch",
        "arm64",
        "--variant",
        "v8",
        &tar.display().to_string(),
        "imported:arm",
    ]);
    assert_eq!(
        sk.inspect("imported:arm", "{{.Os}}/{{.Architecture}}/{{.Variant}}"),
        "linux/arm64/v8"
    );
    let saved = sk.path("saved.tar");
    sk.ok(&[
        "save",
        "-q",
        "-m",
        "-o",
        &saved.display().to_string(),
        "imported:arm",
    ]);
    assert!(saved.metadata().unwrap().len() > 0);
}

#[test]
fn rm_depend_removes_the_containers_that_share_a_namespace_first() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let run = |name: &str, extra: &[&str]| {
        let mut args = vec!["run", "-d", "--name", name];
        args.extend(extra);
        args.extend([img.as_str(), "sleep", "60"]);
        sk.ok(&args);
    };
    run("owner", &[]);
    run("netjoin", &["--network", "container:owner"]);
    run("pidjoin", &["--pid", "container:netjoin"]);
    run("other", &[]);
    let joined = [
        sk.inspect("netjoin", "{{.Id}}"),
        sk.inspect("pidjoin", "{{.Id}}"),
    ];
    let out = sk.ok(&["rm", "-f", "--depend", "owner"]);
    let lines: Vec<&str> = out.lines().collect();
    // The farthest first, the owner last.
    assert_eq!(
        lines,
        [joined[1].as_str(), joined[0].as_str(), "owner"],
        "{out}"
    );
    assert_eq!(sk.ok(&["ps", "-a", "--format", "{{.Names}}"]), "other\n");
    sk.ok(&["rm", "-f", "other"]);
}

#[test]
fn pause_and_unpause_take_cidfile_and_filter() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let cidfile = sk.path("cid");
    let cid = cidfile.display().to_string();
    sk.ok(&[
        "run",
        "-d",
        "--cidfile",
        &cid,
        "--name",
        "pz",
        "--label",
        "grp=z",
        &img,
        "sleep",
        "60",
    ]);
    sk.ok(&["run", "-d", "--name", "other", &img, "sleep", "60"]);
    let id = sk.inspect("pz", "{{.Id}}");
    for args in [
        vec!["--cidfile", cid.as_str()],
        vec!["--filter", "label=grp=z"],
    ] {
        let mut pause = vec!["pause"];
        pause.extend(&args);
        let out = sk.run(&pause);
        if out.status == 0 {
            // A host with cgroup v2 controllers: the chosen container, and only it, pauses.
            assert_eq!(out.stdout, format!("{id}\n"), "{out:?}");
            assert_eq!(sk.inspect("pz", "{{.State.Status}}"), "paused");
            assert_eq!(sk.inspect("other", "{{.State.Status}}"), "running");
            let mut unpause = vec!["unpause"];
            unpause.extend(&args);
            sk.ok(&unpause);
            assert_eq!(sk.inspect("pz", "{{.State.Status}}"), "running");
        } else {
            // Without them the refusal names the container chosen, and no other.
            assert!(out.stderr.contains("cgroup"), "{out:?}");
            assert!(
                out.stderr.contains(&id[..12]) || out.stderr.contains("pz"),
                "{out:?}"
            );
            assert!(!out.stderr.contains("other"), "{out:?}");
        }
    }
    sk.ok(&["rm", "-f", "pz", "other"]);
}

#[test]
fn ps_watch_lists_again_every_interval() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["run", "-d", "--name", "watched", &img, "sleep", "60"]);
    let mut child = sk
        .cmd(&["ps", "--watch", "1", "--format", "{{.Names}}"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Two listings a second apart need a little over a second; four leave room for a slow start.
    std::thread::sleep(std::time::Duration::from_secs(4));
    assert!(child.try_wait().unwrap().is_none(), "--watch keeps listing");
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let listed = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| *l == "watched")
        .count();
    assert!(listed >= 2, "listed {listed} times: {out:?}");
    sk.ok(&["rm", "-f", "watched"]);
}
