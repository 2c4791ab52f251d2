//! Docker's command line, flag for flag (issue 16): where flags end and the command begins,
//! unknown flags, `rm -f`/`rmi -f` of missing objects, `images REPOSITORY[:TAG]`, and podman's
//! `-a/--all`, `-l/--latest`, `-i/--ignore` and `rm -t`. Container parts use `--rootfs`; the
//! image parts need the rig's registry.

use std::time::Duration;

use crate::harness::{image, Skiff};

/// The ids of every container, newest first.
fn all_ids(sk: &Skiff) -> Vec<String> {
    sk.ok(&["ps", "-a", "-q", "--no-trunc"])
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A flag given twice takes its last value, as docker's (wrappers that append flags rely on
/// it); repeatable ones (`-e`) keep every value.
#[test]
fn a_repeated_flag_takes_its_last_value() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.ok(&[
        "run",
        "--rm",
        "--rm",
        "-i",
        "-i",
        "--name",
        "first",
        "--name",
        "last",
        "-w",
        "/a",
        "-w",
        "/tmp",
        "-e",
        "A=1",
        "-e",
        "B=2",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "pwd; echo $A$B",
    ]);
    assert_eq!(out, "/tmp\n12\n");
    sk.ok(&[
        "create", "--name", "x", "--name", "kept", "--rootfs", &rootfs, "true",
    ]);
    assert_eq!(
        sk.ok(&[
            "ps",
            "-a",
            "-a",
            "--format",
            "{{.ID}}",
            "--format",
            "{{.Names}}"
        ]),
        "kept\n"
    );
}

#[test]
fn an_unknown_flag_before_the_image_is_an_error_and_creates_nothing() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for (args, flag) in [
        (
            &["run", "--rm", "--memory-swapx", "32m", "img", "true"][..],
            "unknown flag: --memory-swapx",
        ),
        (
            &["run", "--rm", "--memory-swapx=32m", "img", "true"][..],
            "unknown flag: --memory-swapx",
        ),
        (
            &["create", "-x", "--rootfs", &rootfs, "true"][..],
            "unknown shorthand flag: 'x'",
        ),
    ] {
        let out = sk.fails(args, 125);
        assert!(out.stderr.contains(flag), "{out:?}");
        let verb = args[0];
        assert!(
            out.stderr.contains("See '") && out.stderr.contains(&format!(" {verb} --help'.")),
            "no hint where to look: {out:?}"
        );
        assert!(
            !out.stderr.contains("Unable to find image"),
            "the flag was taken as the image: {out:?}"
        );
    }
    assert!(all_ids(&sk).is_empty(), "a container was created");
    // A near miss names the flag that exists.
    let out = sk.fails(&["run", "--memry", "1m", "img"], 125);
    assert!(out.stderr.contains("'--memory'"), "{}", out.stderr);
}

#[test]
fn everything_after_the_image_is_the_command() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let r = rootfs.as_str();
    let out = sk.ok(&[
        "run",
        "--rm",
        "--rootfs",
        r,
        "echo",
        "--some-arg",
        "-x",
        "--",
        "--rm",
    ]);
    assert_eq!(out, "--some-arg -x -- --rm\n");
    let out = sk.ok(&["run", "--rm", "--rootfs", r, "sh", "-c", "echo x --y"]);
    assert_eq!(out, "x --y\n");
    // `--` ends the flags; `--flag=value` and `-f=value` forms.
    let root_eq = format!("--rootfs={r}");
    let out = sk.ok(&[
        "run",
        "--rm",
        "-e=A=1",
        "--env=B=2",
        "-eC=3",
        &root_eq,
        "--",
        "sh",
        "-c",
        "echo $A$B$C",
    ]);
    assert_eq!(out, "123\n");
    // Boolean flags take docker's `=true`/`=false`.
    let out = sk.ok(&[
        "run",
        "--rm=true",
        "-d=false",
        "--tty=false",
        "--rootfs",
        r,
        "echo",
        "hi",
    ]);
    assert_eq!(out, "hi\n");
    assert!(all_ids(&sk).is_empty(), "--rm=true removed it");
    // Combined short flags, either order.
    for flags in ["-dit", "-itd"] {
        let name = format!("c{flags}");
        let id = sk.ok(&["run", flags, "--name", &name, "--rootfs", r, "sh"]);
        assert_eq!(id.trim().len(), 64, "{flags} prints the id: {id}");
        assert_eq!(
            sk.ok(&[
                "inspect",
                "-f",
                "{{.Config.Tty}} {{.Config.OpenStdin}} {{.State.Running}}",
                &name
            ])
            .trim(),
            "true true true",
            "{flags}"
        );
    }
    if let Some(_reg) = crate::harness::registry() {
        let bb = image("busybox:latest");
        let out = sk.ok(&[
            "run",
            "--rm",
            "-q",
            "--tls-verify=false",
            &bb,
            "echo",
            "--rm",
            "-it",
        ]);
        assert_eq!(out, "--rm -it\n");
    }
}

#[test]
fn rm_and_rmi_of_missing_objects_follow_docker() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    // Without -f: exit 1, docker's text and what to do.
    let out = sk.fails(&["rm", "nosuch"], 1);
    assert!(
        out.stderr.contains("No such container: nosuch") && out.stderr.contains("skiff ps -a"),
        "{}",
        out.stderr
    );
    // With -f: reported (as docker), but no failure; the others are still removed.
    sk.ok(&["create", "--name", "real", "--rootfs", &rootfs, "true"]);
    let out = sk.run(&["rm", "-f", "nosuch", "real"]);
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(out.stdout, "real\n");
    assert!(
        out.stderr.contains("No such container: nosuch"),
        "{}",
        out.stderr
    );
    assert!(all_ids(&sk).is_empty());
    // With -i: not even reported (podman).
    let out = sk.run(&["rm", "-i", "nosuch"]);
    assert_eq!((out.status, out.stderr.as_str()), (0, ""));
    // rmi: 1 without -f, 0 with it.
    let out = sk.fails(&["rmi", "nosuch:1"], 1);
    assert!(out.stderr.contains("nosuch"), "{}", out.stderr);
    let out = sk.run(&["rmi", "-f", "nosuch:1"]);
    assert_eq!(out.status, 0, "{out:?}");
    // stop and kill: -i makes a missing container no error.
    sk.fails(&["stop", "nosuch"], 125);
    assert_eq!(sk.ok(&["stop", "-i", "nosuch"]), "");
    sk.fails(&["kill", "nosuch"], 125);
    assert_eq!(sk.ok(&["kill", "--ignore", "nosuch"]), "");
}

#[test]
fn all_and_latest_pick_containers_like_podman() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let r = rootfs.as_str();
    // Nothing to act on: -a is fine, -l says what to do.
    assert_eq!(sk.ok(&["rm", "-a"]), "");
    assert_eq!(sk.ok(&["stop", "-a"]), "");
    let out = sk.fails(&["start", "-l"], 125);
    assert!(out.stderr.contains("--latest"), "{}", out.stderr);
    // Names and -a/-l do not mix.
    sk.fails(&["rm", "-a", "x"], 125);
    sk.fails(&["stop", "-l", "x"], 125);
    sk.fails(&["rm", "-a", "-l"], 125);

    let first = sk.ok(&[
        "create", "--name", "first", "--rootfs", r, "sh", "-c", "echo one",
    ]);
    let first = first.trim();
    std::thread::sleep(Duration::from_millis(20));
    let last = sk.ok(&[
        "create",
        "--name",
        "last",
        "--rootfs",
        r,
        "sh",
        "-c",
        "echo two; exec sleep 1000",
    ]);
    let last = last.trim();
    assert_eq!(sk.ok(&["inspect", "-l", "-f", "{{.Name}}"]).trim(), "/last");
    assert_eq!(sk.ok(&["start", "-l"]).trim(), last);
    sk.wait_for(
        "last",
        "{{.State.Running}}",
        "true",
        Duration::from_secs(10),
    );
    let logs = |sk: &Skiff| sk.ok(&["logs", "-l"]);
    let start = std::time::Instant::now();
    while logs(&sk) != "two\n" && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(logs(&sk), "two\n");
    // port -l: no published ports, nothing printed.
    assert_eq!(sk.ok(&["port", "-l"]), "");
    // kill -a signals only the running one (first was never started).
    assert_eq!(sk.ok(&["kill", "-a"]).trim(), last);
    assert_eq!(sk.ok(&["wait", "-l"]).trim(), "137");
    // restart -l, then stop -a with a short timeout.
    assert_eq!(sk.ok(&["restart", "-l", "-t", "0"]).trim(), last);
    sk.wait_for(
        "last",
        "{{.State.Running}}",
        "true",
        Duration::from_secs(10),
    );
    assert_eq!(sk.ok(&["stop", "-a", "-t", "0"]).trim(), last);
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.Running}}", "last"])
            .trim(),
        "false"
    );
    // rm -l takes the newest; rm -a without -f refuses a running one (exit 2) but removes
    // the rest; -f -t 0 takes it too.
    assert_eq!(sk.ok(&["rm", "-l"]).trim(), last);
    assert_eq!(all_ids(&sk), [first]);
    let running = sk.ok(&["run", "-d", "--rootfs", r, "sleep", "1000"]);
    let running = running.trim();
    let out = sk.fails(&["rm", "-a"], 2);
    assert_eq!(out.stdout.trim(), first, "{out:?}");
    assert_eq!(all_ids(&sk), [running]);
    assert_eq!(sk.ok(&["rm", "-a", "-f", "-t", "0"]).trim(), running);
    assert!(all_ids(&sk).is_empty());
}

#[test]
fn rm_f_time_gives_a_running_container_its_stop_signal_first() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let marker = sk.path("marker");
    std::fs::create_dir_all(&marker).unwrap();
    let bind = format!("{}:/m", marker.display());
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "-v",
        &bind,
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "trap 'echo term > /m/got; exit 0' TERM; echo up > /m/up; while :; do sleep 0.1; done",
    ]);
    let start = std::time::Instant::now();
    while !marker.join("up").exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(sk.ok(&["rm", "-f", "-t", "10", "c"]).trim(), "c");
    assert_eq!(
        std::fs::read_to_string(marker.join("got")).unwrap_or_default(),
        "term\n",
        "rm -f -t sends the stop signal before killing"
    );
    assert!(all_ids(&sk).is_empty());
}

#[test]
fn images_repository_tag_filters_like_docker() {
    require_registry!();
    let sk = Skiff::new();
    for tag in ["busybox:latest", "busybox:zstd"] {
        sk.ok(&["pull", "-q", "--tls-verify=false", &image(tag)]);
    }
    let repo = image("busybox");
    let list = |args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = sk
            .ok(&[
                &["images", "--format", "{{.Repository}}:{{.Tag}}"][..],
                args,
            ]
            .concat())
            .lines()
            .map(str::to_string)
            .collect();
        v.sort();
        v
    };
    let both = [format!("{repo}:latest"), format!("{repo}:zstd")];
    assert_eq!(list(&[&repo]), both, "a repository lists all its tags");
    assert_eq!(list(&[&format!("{repo}:zstd")]), [format!("{repo}:zstd")]);
    assert!(list(&[&format!("{repo}:nope")]).is_empty());
    assert!(
        list(&["busybox"]).is_empty(),
        "busybox is docker.io/library/busybox"
    );
    // Familiar and full docker.io names are the same repository.
    sk.ok(&["tag", &image("busybox:latest"), "busybox:mine"]);
    for name in ["busybox", "docker.io/library/busybox", "library/busybox"] {
        assert_eq!(list(&[name]), ["busybox:mine"], "{name}");
    }
    // Patterns: * does not cross '/', several reference filters are alternatives.
    assert_eq!(list(&["--filter", "reference=busy*"]), ["busybox:mine"]);
    assert_eq!(list(&["--filter", "reference=*/library/busybox"]), both);
    assert_eq!(
        list(&["--filter", "reference=*/*/busybox:z*"]),
        [format!("{repo}:zstd")]
    );
    let mut all = both.to_vec();
    all.insert(0, "busybox:mine".to_string());
    all.sort();
    assert_eq!(
        list(&[
            "--filter",
            "reference=busybox",
            "--filter",
            &format!("reference={repo}")
        ]),
        all
    );
    assert_eq!(list(&["-f", "reference=busybox", &repo]), all);
}

/// `images --filter label=|before=|since=|until=` as docker: labels from the image config, the
/// times strictly before or after the named image's creation, and docker's errors for a missing
/// image or an unknown key (exit 125, nothing listed).
#[test]
fn images_label_before_and_since_filters_like_docker() {
    require_registry!();
    let sk = Skiff::new();
    // config:latest carries the label tier=test; busybox none; both are years old.
    for tag in ["busybox:latest", "config:latest"] {
        sk.ok(&["pull", "-q", "--tls-verify=false", &image(tag)]);
    }
    let tar = sk.path("empty.tar");
    let empty = sk.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let status = std::process::Command::new("tar")
        .args(["-cf", &tar.display().to_string(), "-C"])
        .arg(&empty)
        .arg(".")
        .status()
        .unwrap();
    assert!(status.success());
    let tar = tar.display().to_string();
    sk.ok(&["import", &tar, "localhost/older:1"]);
    // Creation times are whole seconds: make the second import a second younger.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    sk.ok(&["import", &tar, "localhost/newer:1"]);
    let list = |filters: &[&str]| -> Vec<String> {
        let mut args = vec!["images", "--format", "{{.Repository}}:{{.Tag}}"];
        for f in filters {
            args.extend(["--filter", f]);
        }
        let mut v: Vec<String> = sk.ok(&args).lines().map(str::to_string).collect();
        v.sort();
        v
    };
    let (busybox, config) = (image("busybox:latest"), image("config:latest"));
    for f in ["label=tier", "label=tier=test"] {
        assert_eq!(list(&[f]), std::slice::from_ref(&config), "{f}");
    }
    assert!(list(&["label=tier=prod"]).is_empty());
    assert_eq!(list(&["since=localhost/older:1"]), ["localhost/newer:1"]);
    let mut before_newer = vec![busybox.clone(), config.clone(), "localhost/older:1".into()];
    before_newer.sort();
    assert_eq!(list(&["before=localhost/newer:1"]), before_newer);
    let mut old = vec![busybox, config.clone()];
    old.sort();
    assert_eq!(list(&["before=localhost/older:1"]), old);
    // Different keys must all hold.
    assert_eq!(list(&["before=localhost/older:1", "label=tier"]), [config]);
    assert_eq!(list(&["until=2000-01-01T00:00:00Z"]), Vec::<String>::new());
    let out = sk.fails(&["images", "--filter", "before=localhost/nosuch:1"], 125);
    assert!(out.stderr.contains("No such image"), "{out:?}");
    assert_eq!(out.stdout, "");
    let out = sk.fails(&["images", "--filter", "color=red"], 125);
    assert!(out.stderr.contains("Invalid filter 'color'"), "{out:?}");
}

/// buildx's builder-instance commands: skiff has one builder, `default`, building for the
/// host's platform; `--builder default` builds, another builder's name is an error, and
/// `create` and `rm` are refused with exit 1 as buildx's errors are.
#[test]
fn buildx_builder_commands_show_the_one_default_builder() {
    let sk = Skiff::new();
    let ls = sk.ok(&["buildx", "ls"]);
    let lines: Vec<&str> = ls.lines().collect();
    assert_eq!(lines.len(), 3, "{ls}");
    assert!(
        lines[0].starts_with("NAME/NODE ") && lines[1].starts_with("default* "),
        "{ls}"
    );
    let arch = crate::harness::host_arch();
    assert!(
        lines[2].ends_with(&format!("running              linux/{arch}")),
        "{ls}"
    );
    assert_eq!(
        sk.ok(&[
            "buildx",
            "ls",
            "--format",
            "{{.Name}} {{.DriverEndpoint}} {{.Status}}"
        ]),
        "default docker running\n"
    );
    let inspected = sk.ok(&["buildx", "inspect", "--bootstrap"]);
    assert!(
        inspected.starts_with("Name:          default\nDriver:        docker\n"),
        "{inspected}"
    );
    assert_eq!(sk.run(&["buildx", "use", "default"]).status, 0);
    for args in [
        &["buildx", "use", "other"][..],
        &["buildx", "inspect", "other"],
        &[
            "buildx",
            "create",
            "--name",
            "b1",
            "--driver",
            "docker-container",
            "--use",
        ],
        &["buildx", "rm", "default"],
    ] {
        let out = sk.run(args);
        assert_eq!(out.status, 1, "{args:?}: {out:?}");
        assert!(out.stderr.starts_with("ERROR: "), "{args:?}: {out:?}");
    }
    assert!(sk.ok(&["buildx", "version"]).starts_with("skiff buildx v"));
    // The one builder builds; another builder's name is refused before anything is built.
    let ctx = sk.path("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(ctx.join("f"), "x").unwrap();
    std::fs::write(ctx.join("Dockerfile"), "FROM scratch\nCOPY f /f\n").unwrap();
    let ctx = ctx.to_str().unwrap();
    sk.ok(&["buildx", "build", "--builder", "default", "-t", "bx:1", ctx]);
    let refused = sk.run(&["build", "--builder", "b1", "-t", "bx:2", ctx]);
    assert_eq!(refused.status, 125, "{refused:?}");
    assert!(
        refused.stderr.contains("no builder \"b1\" found"),
        "{refused:?}"
    );
    assert_eq!(
        sk.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
            .trim(),
        "bx:1"
    );
}

/// docker's `context` commands: skiff has one context, `default`, its own engine, whose docker
/// endpoint is the socket `skiff system service` listens on; the others are docker's errors.
#[test]
fn context_commands_show_the_one_default_context_as_docker_does() {
    let sk = Skiff::new();
    let table = sk.ok(&["context", "ls"]);
    let lines: Vec<&str> = table.lines().collect();
    let columns: Vec<&str> = lines[0].split("  ").filter(|c| !c.is_empty()).collect();
    let columns: Vec<&str> = columns.iter().map(|c| c.trim()).collect();
    assert_eq!(
        columns,
        ["NAME", "DESCRIPTION", "DOCKER ENDPOINT", "ERROR"],
        "{table}"
    );
    assert_eq!(lines.len(), 2, "{table}");
    assert!(lines[1].starts_with("default * "), "{table}");
    assert_eq!(sk.ok(&["context", "ls", "-q"]), "default\n");
    assert_eq!(sk.ok(&["context", "show"]), "default\n");
    let row: serde_json::Value =
        serde_json::from_str(&sk.ok(&["context", "ls", "--format", "{{json .}}"])).unwrap();
    let keys: Vec<&String> = row.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["Current", "Description", "DockerEndpoint", "Error", "Name"]
    );
    let host = row["DockerEndpoint"].as_str().unwrap();
    assert!(
        host.starts_with("unix:///") && host.ends_with("/skiff.sock"),
        "{host}"
    );
    let inspected: serde_json::Value =
        serde_json::from_str(&sk.ok(&["context", "inspect"])).unwrap();
    assert_eq!(inspected[0]["Name"], "default");
    assert_eq!(inspected[0]["Endpoints"]["docker"]["Host"], host);
    assert_eq!(
        sk.ok(&["context", "inspect", "-f", "{{.Name}}", "default"]),
        "default\n"
    );
    let use_default = sk.run(&["context", "use", "default"]);
    assert_eq!(use_default.status, 0, "{use_default:?}");
    assert_eq!(use_default.stdout, "default\n");
    for (args, code) in [
        (&["context", "use", "remote"][..], 1),
        (&["context", "inspect", "remote"][..], 1),
        (&["context", "rm", "default"][..], 1),
        (&["context", "rm", "remote"][..], 1),
        (
            &["context", "create", "remote", "--docker", "host=ssh://h"][..],
            1,
        ),
    ] {
        let out = sk.fails(args, code);
        assert!(out.stderr.contains("context"), "{args:?}: {out:?}");
    }
    assert_eq!(sk.ok(&["context", "rm", "-f", "remote"]), "remote\n");
}

/// `-it` with a standard input that is no terminal (a pipe) fails at once with docker's
/// message and status 1, for `run` (creating nothing) and `exec`, instead of waiting forever
/// for an end of input that never reaches the container's tty; `-i` alone still reads the
/// pipe.
#[test]
fn dash_it_without_a_terminal_is_docker_s_error() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let limit = Duration::from_secs(30);
    let out = sk.run_with(
        &["run", "--rm", "-it", "--rootfs", &rootfs, "cat"],
        Some(b"x\n"),
        limit,
    );
    assert_eq!(out.status, 1, "{out:?}");
    assert_eq!(out.stderr, "the input device is not a TTY\n");
    assert!(all_ids(&sk).is_empty(), "a container was made");
    let out = sk.run_with(
        &["run", "--rm", "-i", "--rootfs", &rootfs, "cat"],
        Some(b"x\n"),
        limit,
    );
    assert_eq!((out.status, out.stdout.as_str()), (0, "x\n"), "{out:?}");
    // Without stdin attached (`-a stdout`) there is nothing to check, as docker's.
    let args = [
        "run", "--rm", "-it", "-a", "stdout", "--rootfs", &rootfs, "echo", "hi",
    ];
    let out = sk.run_with(&args, Some(b""), limit);
    assert_eq!(out.status, 0, "{out:?}");
    sk.ok(&[
        "run", "-d", "--name", "s", "--rootfs", &rootfs, "sleep", "60",
    ]);
    let out = sk.run_with(&["exec", "-it", "s", "cat"], Some(b"x\n"), limit);
    assert_eq!(out.status, 1, "{out:?}");
    assert_eq!(out.stderr, "the input device is not a TTY\n");
    sk.ok(&["rm", "-f", "s"]);
}

/// `--name /NAME` (the name as inspect shows it) names the container NAME, as docker's.
#[test]
fn a_name_given_with_docker_s_leading_slash() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "/slashed", "--rootfs", &rootfs, "true"]);
    assert_eq!(sk.ok(&["ps", "-a", "--format", "{{.Names}}"]), "slashed\n");
    sk.ok(&["rm", "slashed"]);
}
