//! Docker's flag list against skiff's: every long flag that `docker CMD --help` lists must be in
//! `skiff CMD --help`, for `run`, `create` and the container and image commands scripts use most.
//!
//! Docker's lists are fixtures (`fixtures/docker-28-CMD.txt`, compiled in, since CI has no
//! docker); on a machine with docker's CLI on PATH the fixtures are also checked against it.
//! Flags that skiff refuses on some hosts are still listed by its `--help`; their refusals are
//! tested where the flags are (`userns.rs` and below).

use std::collections::BTreeSet;
use std::process::Command;

use crate::harness::Skiff;

/// docker 28's long flags of each command, as the fixtures hold them.
const FIXTURES: &[(&str, &str)] = &[
    ("run", include_str!("fixtures/docker-28-run.txt")),
    ("create", include_str!("fixtures/docker-28-create.txt")),
    ("rm", include_str!("fixtures/docker-28-rm.txt")),
    ("stop", include_str!("fixtures/docker-28-stop.txt")),
    ("kill", include_str!("fixtures/docker-28-kill.txt")),
    ("start", include_str!("fixtures/docker-28-start.txt")),
    ("restart", include_str!("fixtures/docker-28-restart.txt")),
    ("ps", include_str!("fixtures/docker-28-ps.txt")),
    ("logs", include_str!("fixtures/docker-28-logs.txt")),
    ("inspect", include_str!("fixtures/docker-28-inspect.txt")),
    ("images", include_str!("fixtures/docker-28-images.txt")),
    ("rmi", include_str!("fixtures/docker-28-rmi.txt")),
];

/// The flags of a fixture: its lines that are not comments.
fn fixture_flags(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The long flags a `--help` text lists in its options: `--name` at the start of a line (after
/// an optional `-x, ` short form), as both docker's and skiff's help print them.
fn help_flags(help: &str) -> BTreeSet<String> {
    help.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = match l.as_bytes() {
                [b'-', c, b',', b' ', ..] if *c != b'-' => &l[4..],
                _ => l,
            };
            let name = l.strip_prefix("--")?;
            let end = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(name.len());
            (end > 0).then(|| format!("--{}", &name[..end]))
        })
        .collect()
}

#[test]
fn skiff_has_every_flag_of_dockers_commands() {
    let sk = Skiff::new();
    let mut missing = Vec::new();
    for (cmd, fixture) in FIXTURES {
        let out = sk.ok(&[cmd, "--help"]);
        let have = help_flags(&out);
        assert!(
            have.contains("--help"),
            "could not read the flags of `skiff {cmd} --help`:\n{out}"
        );
        let lacks: Vec<String> = fixture_flags(fixture).difference(&have).cloned().collect();
        if !lacks.is_empty() {
            missing.push(format!(
                "skiff {cmd} lacks {}: {}",
                lacks.len(),
                lacks.join(" ")
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "flags docker 28 has and skiff's --help does not list:\n{}",
        missing.join("\n")
    );
}

/// The flags a fixture's `# excluded (...): --a --b` header line leaves out of docker's list.
fn excluded_flags(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# excluded ("))
        .filter_map(|l| l.split_once("):"))
        .flat_map(|(_, flags)| flags.split_whitespace().map(String::from))
        .collect()
}

#[test]
fn fixtures_match_the_docker_cli_on_path() {
    let Ok(version) = Command::new("docker")
        .args(["version", "--format", "{{.Client.Version}}"])
        .env("DOCKER_HOST", "unix:///nonexistent")
        .output()
    else {
        // CI has no docker: the fixtures are what it checks against.
        return;
    };
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    let mut stale = Vec::new();
    for (cmd, fixture) in FIXTURES {
        // Without a daemon the CLI lists every flag it has, whatever engine is installed.
        let out = Command::new("docker")
            .args([cmd, "--help"])
            .env("DOCKER_HOST", "unix:///nonexistent")
            .output()
            .unwrap();
        let docker = help_flags(&String::from_utf8_lossy(&out.stdout));
        assert!(
            !docker.is_empty(),
            "`docker {cmd} --help` listed no flags: {out:?}"
        );
        let wanted: BTreeSet<String> = docker
            .difference(&excluded_flags(fixture))
            .cloned()
            .collect();
        if wanted != fixture_flags(fixture) {
            stale.push(format!("fixtures/docker-28-{cmd}.txt"));
        }
    }
    assert!(
        stale.is_empty(),
        "docker {version} on PATH lists other flags than the fixtures {}: regenerate them with the \
         command in their header (and name the version there)",
        stale.join(", ")
    );
}

#[test]
fn help_flags_reads_both_layouts() {
    let docker = "Options:\n      --add-host list     Add a custom host-to-IP mapping\n  -a, --attach list   Attach\n  -d, --detach        Run\n";
    let skiff = "Options:\n  -i, --interactive[=<BOOL>]\n          Keep STDIN open\n      --name <NAME>\n  -h, --help\n";
    assert_eq!(
        help_flags(docker).into_iter().collect::<Vec<_>>(),
        ["--add-host", "--attach", "--detach"]
    );
    assert_eq!(
        help_flags(skiff).into_iter().collect::<Vec<_>>(),
        ["--help", "--interactive", "--name"]
    );
    let fixture = "# excluded (Windows only): --cpu-count --io-maxiops\n--cpus\n";
    assert_eq!(
        excluded_flags(fixture).into_iter().collect::<Vec<_>>(),
        ["--cpu-count", "--io-maxiops"]
    );
    assert_eq!(
        fixture_flags(fixture).into_iter().collect::<Vec<_>>(),
        ["--cpus"]
    );
}

#[test]
fn refused_flags_say_why_and_create_nothing() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for (flag, want) in [
        ("--storage-opt=size=1G", "project quota (pquota)"),
        ("--volume-driver=nfs", "only the \"local\" volume driver"),
        ("--runtime=runsc", "its own built-in runtime"),
        ("--isolation=hyperv", "Linux only supports 'default'"),
        ("--disable-content-trust=false", "Notary"),
        (
            "--link-local-ip=169.254.1.1",
            "link-local addresses are not supported",
        ),
        ("--gpus=all", "--device /dev/nvidia0"),
        (
            "--device-cgroup-rule=bad",
            "invalid device cgroup format 'bad'",
        ),
    ] {
        for verb in ["run", "create"] {
            let out = sk.fails(&[verb, flag, "--rootfs", &rootfs, "true"], 125);
            assert!(out.stderr.contains(want), "{verb} {flag}: {out:?}");
        }
    }
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "", "nothing was created");
    // The forms skiff honours are its defaults: they run.
    let out = sk.ok(&[
        "run",
        "--rm",
        "--runtime",
        "skiff",
        "--isolation",
        "default",
        "--volume-driver",
        "local",
        "--disable-content-trust",
        "--rootfs",
        &rootfs,
        "echo",
        "ran",
    ]);
    assert_eq!(out, "ran\n");
    // docker's and podman's default runtimes by name ask for the default too.
    for runtime in ["runc", "crun"] {
        let out = sk.ok(&[
            "run",
            "--rm",
            "--runtime",
            runtime,
            "--rootfs",
            &rootfs,
            "echo",
            runtime,
        ]);
        assert_eq!(out, format!("{runtime}\n"));
    }
}

/// A container that does not exist: every verb says docker's "No such container: NAME" (inspect
/// docker's "No such object" after an empty list) and exits 125 as podman does, `rm` 1 as
/// docker and podman do, and `rm -f` and `-i` succeed.
#[test]
fn a_missing_container_is_no_such_container_everywhere() {
    let sk = Skiff::new();
    let verbs: &[&[&str]] = &[
        &["stop", "nosuch"],
        &["kill", "nosuch"],
        &["start", "nosuch"],
        &["restart", "nosuch"],
        &["logs", "nosuch"],
        &["port", "nosuch"],
        &["wait", "nosuch"],
        &["pause", "nosuch"],
        &["unpause", "nosuch"],
        &["top", "nosuch"],
        &["exec", "nosuch", "true"],
    ];
    for args in verbs {
        let out = sk.fails(args, 125);
        assert_eq!(
            out.stderr.lines().next().unwrap_or_default(),
            "Error: No such container: nosuch; see `skiff ps -a` for the containers that exist",
            "{args:?}: {out:?}"
        );
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {out:?}");
    }
    let out = sk.fails(&["inspect", "nosuch"], 125);
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str()),
        ("[]\n", "Error: No such object: nosuch\n")
    );
    // `container remove` is docker's alias of `container rm`.
    for rm in [&["rm"][..], &["container", "rm"], &["container", "remove"]] {
        let out = sk.fails(&[rm, &["nosuch"]].concat(), 1);
        assert!(out.stderr.contains("No such container: nosuch"), "{out:?}");
    }
    sk.ok(&["rm", "-f", "nosuch"]);
    for verb in ["stop", "kill", "rm"] {
        sk.ok(&[verb, "-i", "nosuch"]);
    }
}

/// `stop --signal` and `restart --signal` send that signal instead of the stop signal (SIGTERM).
#[test]
fn stop_and_restart_send_the_signal_given() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let script = "trap 'echo got-usr1; exit 3' USR1; trap 'echo got-term; exit 4' TERM; \
                  echo up; while :; do sleep 0.1; done";
    sk.ok(&[
        "run", "-d", "--name", "s", "--rootfs", &rootfs, "sh", "-c", script,
    ]);
    // The shell prints `up` once its traps are set: a signal before that would kill it.
    let traps_set = |ups: usize| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while sk.ok(&["logs", "s"]).matches("up\n").count() < ups {
            assert!(std::time::Instant::now() < deadline, "never printed up");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    };
    traps_set(1);
    sk.ok(&["stop", "--signal", "USR1", "--timeout", "20", "s"]);
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.ExitCode}}", "s"]).trim(),
        "3"
    );
    assert_eq!(sk.ok(&["logs", "s"]), "up\ngot-usr1\n");
    sk.ok(&["restart", "-s", "10", "-t", "20", "s"]);
    traps_set(2);
    sk.ok(&["stop", "s"]);
    assert_eq!(
        sk.ok(&["logs", "s"]),
        "up\ngot-usr1\nup\ngot-term\n",
        "restart -s 10 (USR1) then a plain stop (TERM)"
    );
    let out = sk.fails(&["stop", "--signal", "NOPE", "s"], 125);
    assert!(out.stderr.contains("NOPE"), "{out:?}");
}
