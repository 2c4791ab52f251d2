//! `generate systemd` and `--sdnotify`, without systemd: the unit's shape, `--files`, errors;
//! the generated `ExecStart`/`ExecStop`/`ExecStopPost` lines, read the way systemd reads them
//! and run as they are, create a working container and remove it; the monitor's notifications
//! in each `--sdnotify` mode, received on a socket the test binds as `NOTIFY_SOCKET`. (The units
//! under a real systemd are proven in the guest: tests/vm/check.sh.) Root and rootless.

use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::{monitor_pid_of, Skiff};

/// The value of `key=` in `unit`, continuation lines joined as systemd joins them.
fn value(unit: &str, key: &str) -> String {
    unit.replace("\\\n", " ")
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")).map(str::to_string))
        .unwrap_or_else(|| panic!("no {key}= in\n{unit}"))
}

/// A command line as systemd reads it: words, quotes with C escapes, `%t` and `%n` given,
/// `%%` and `$$` undoubled.
fn systemd_words(line: &str, runtime_dir: &Path, unit: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut w = String::new();
        if first == '"' {
            chars.next();
            loop {
                match chars.next().expect("unterminated quote") {
                    '"' => break,
                    '\\' => match chars.next().unwrap() {
                        'n' => w.push('\n'),
                        't' => w.push('\t'),
                        c => w.push(c),
                    },
                    c => w.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek().filter(|c| !c.is_whitespace()) {
                w.push(c);
                chars.next();
            }
        }
        let w = w
            .replace("%%", "\u{0}")
            .replace("%t", &runtime_dir.display().to_string())
            .replace("%n", unit)
            .replace('\u{0}', "%")
            .replace("$$", "$");
        out.push(w);
    }
    out
}

/// Runs one generated command line (its first word is the skiff binary) with `env`.
fn run_line(words: &[String], env: &[(&str, &str)]) -> std::process::Output {
    Command::new(&words[0])
        .args(&words[1..])
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run the generated command")
}

fn receiver(sk: &Skiff) -> (UnixDatagram, String) {
    let path = sk.path("notify.sock");
    let sock = UnixDatagram::bind(&path).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    (sock, path.display().to_string())
}

fn recv(sock: &UnixDatagram) -> Option<String> {
    let mut buf = [0u8; 512];
    let n = sock.recv(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf[..n]).into_owned())
}

/// A `--new` unit's ExecStart, run as it is with a NOTIFY_SOCKET, makes the container the
/// create command described (quoted values intact), the monitor reports itself as the main
/// process and ready, the container does not see the socket; ExecStop and ExecStopPost with the
/// cidfile stop and remove it, and run again once it is gone they succeed (`--ignore`).
#[test]
fn new_unit_commands_run_a_container_and_remove_it() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "create",
        "--name",
        "web",
        "-e",
        "A=b c",
        "-e",
        "P=100%",
        "-e",
        "D=$HOME",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo \"$A|$P|$D\"; sleep 300",
    ]);
    let unit = sk.ok(&["generate", "systemd", "--new", "--name", "web"]);
    for line in ["Type=notify", "NotifyAccess=all", "Restart=on-failure"] {
        assert!(unit.lines().any(|l| l == line), "{line} in\n{unit}");
    }
    assert!(unit.starts_with("# container-web.service\n"), "{unit}");
    sk.ok(&["rm", "web"]);

    let rundir = sk.path("xdg");
    std::fs::create_dir(&rundir).unwrap();
    let name = "container-web.service";
    let (sock, sock_path) = receiver(&sk);
    let start = systemd_words(&value(&unit, "ExecStart"), &rundir, name);
    let out = run_line(&start, &[("NOTIFY_SOCKET", &sock_path)]);
    assert!(out.status.success(), "{start:?}: {out:?}");
    let id = std::fs::read_to_string(rundir.join(format!("{name}.ctr-id"))).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), id);
    let monitor = monitor_pid_of(&id).expect("the container's monitor");
    assert_eq!(
        recv(&sock).as_deref(),
        Some(format!("MAINPID={monitor}\nREADY=1\n").as_str())
    );
    assert_eq!(sk.inspect("web", "{{.State.Status}}"), "running");
    assert_eq!(sk.inspect("web", "{{.Config.sdNotifyMode}}"), "conmon");
    let logs = sk.wait_for(
        "web",
        "{{.State.Status}}",
        "running",
        Duration::from_secs(1),
    );
    assert_eq!(logs, "running");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(sk.ok(&["logs", "web"]), "b c|100%|$HOME\n");
    let env = sk.ok(&["exec", "web", "env"]);
    assert!(!env.contains("NOTIFY_SOCKET"), "{env}");

    let stop = systemd_words(&value(&unit, "ExecStop"), &rundir, name);
    let post = systemd_words(&value(&unit, "ExecStopPost"), &rundir, name);
    for line in [&stop, &post, &stop, &post] {
        let out = run_line(line, &[]);
        assert!(out.status.success(), "{line:?}: {out:?}");
    }
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    // rm --cidfile deleted the file once its container was gone (podman), so the next start
    // can write it; stop and rm with --ignore still succeed without it.
    assert!(!rundir.join(format!("{name}.ctr-id")).exists());
    assert!(run_line(&stop, &[]).status.success());
    assert!(run_line(&post, &[]).status.success());
}

/// `--template` (podman's): `NAME@.service`, each instance's commands run a container of its
/// own named after the instance; refused without `--new`; `--files` writes the template's file.
#[test]
fn template_unit_instances_run_containers_of_their_own() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    // Ends at the stop's SIGTERM (a plain sleep as PID 1 would wait out the unit's -t 10).
    let run = [
        "sh",
        "-c",
        "trap 'exit 0' TERM; while :; do sleep 0.1; done",
    ];
    let create = |sk: &Skiff| {
        let mut args = vec!["create", "--name", "web", "--rootfs", &rootfs];
        args.extend_from_slice(&run);
        sk.ok(&args);
    };
    create(&sk);
    let unit = sk.ok(&[
        "generate",
        "systemd",
        "--new",
        "--template",
        "--name",
        "web",
    ]);
    assert!(unit.starts_with("# container-web@.service\n"), "{unit}");
    assert_eq!(
        value(&unit, "Description"),
        "Skiff container-web@.service for %I"
    );
    let refused = sk.fails(&["generate", "systemd", "--template", "--name", "web"], 125);
    assert!(refused.stderr.contains("--new"), "{refused:?}");
    sk.ok(&["rm", "web"]);
    let rundir = sk.path("xdg");
    std::fs::create_dir(&rundir).unwrap();
    let line = |key: &str, instance: &str| {
        let name = format!("container-web@{instance}.service");
        systemd_words(&value(&unit, key).replace("%i", instance), &rundir, &name)
    };
    for instance in ["a", "b"] {
        let out = run_line(&line("ExecStart", instance), &[]);
        assert!(out.status.success(), "{out:?}");
    }
    assert_eq!(
        sk.ok(&["ps", "--format", "{{.Names}}", "--sort", "names"]),
        "web-a\nweb-b\n"
    );
    for instance in ["a", "b"] {
        for key in ["ExecStop", "ExecStopPost"] {
            let out = run_line(&line(key, instance), &[]);
            assert!(out.status.success(), "{key} {instance}: {out:?}");
        }
    }
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    // --files: the template's own file name.
    create(&sk);
    let files = sk
        .cmd(&[
            "generate",
            "systemd",
            "--new",
            "--template",
            "--name",
            "--files",
            "web",
        ])
        .current_dir(sk.dir())
        .output()
        .unwrap();
    let path = String::from_utf8_lossy(&files.stdout).trim().to_string();
    assert!(path.ends_with("/container-web@.service"), "{files:?}");
    assert!(Path::new(&path).is_file());
}

/// A unit without `--new` starts and stops the existing container; its `PIDFile=` is the
/// monitor's pid file, holding the monitor's pid after `start`. `--files` writes the unit to
/// the current directory and prints its path; `--format json` maps the unit name to the text.
#[test]
fn existing_container_unit_files_and_json() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let id = sk.ok(&[
        "create", "--name", "app", "--rootfs", &rootfs, "sleep", "300",
    ]);
    let id = id.trim();
    let cwd = sk.path("units");
    std::fs::create_dir(&cwd).unwrap();
    let out = sk
        .cmd(&[
            "generate",
            "systemd",
            "--files",
            "--name",
            "-t",
            "3",
            "--restart-policy",
            "always",
            "--restart-sec",
            "4",
            "--after",
            "db.service",
            "-e",
            "X=1 2",
            "app",
        ])
        .current_dir(&cwd)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let path = cwd.join("container-app.service");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        path.display().to_string()
    );
    let unit = std::fs::read_to_string(&path).unwrap();
    for line in [
        "Type=forking",
        "Restart=always",
        "RestartSec=4",
        "TimeoutStopSec=63",
        "After=db.service",
        "Environment=\"X=1 2\"",
    ] {
        assert!(unit.lines().any(|l| l == line), "{line} in\n{unit}");
    }
    let rundir = sk.path("xdg");
    let start = systemd_words(&value(&unit, "ExecStart"), &rundir, "u");
    assert_eq!(
        start[start.len() - 2..],
        ["start".to_string(), "app".to_string()]
    );
    assert!(run_line(&start, &[]).status.success());
    let pidfile = value(&unit, "PIDFile");
    let pid: i32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(Some(pid), monitor_pid_of(id));
    assert_eq!(sk.inspect("app", "{{.ConmonPidFile}}"), pidfile);
    let stop = systemd_words(&value(&unit, "ExecStop"), &rundir, "u");
    assert!(run_line(&stop, &[]).status.success());
    assert_eq!(sk.inspect("app", "{{.State.Status}}"), "exited");

    let json = sk.ok(&[
        "generate",
        "systemd",
        "--format",
        "json",
        "--no-header",
        "app",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text = v[format!("container-{id}")].as_str().unwrap();
    assert!(text.starts_with("[Unit]\n"), "{text}");
}

/// What is refused, with a message that says why.
#[test]
fn generate_errors() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.fails(&["generate", "systemd", "nosuch"], 125);
    assert!(out.stderr.contains("container or pod"), "{}", out.stderr);
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    let out = sk.fails(
        &["generate", "systemd", "--restart-policy", "sometimes", "c"],
        125,
    );
    assert!(out.stderr.contains("on-failure"), "{}", out.stderr);
    let out = sk.fails(&["generate", "systemd", "--format", "yaml", "c"], 125);
    assert!(out.stderr.contains("json"), "{}", out.stderr);
    let out = sk.fails(
        &["generate", "systemd", "-e", "SKIFF_SURELY_UNSET_X", "c"],
        125,
    );
    assert!(
        out.stderr.contains("SKIFF_SURELY_UNSET_X"),
        "{}",
        out.stderr
    );
    let out = sk.fails(
        &[
            "run",
            "--sdnotify",
            "sometimes",
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(out.stderr.contains("conmon"), "{}", out.stderr);
    let out = sk.fails(
        &["run", "--cgroups", "disabled", "--rootfs", &rootfs, "true"],
        125,
    );
    assert!(out.stderr.contains("no-conmon"), "{}", out.stderr);
}

/// `--sdnotify` modes with a NOTIFY_SOCKET: `ignore` sends nothing; `container` (the default)
/// names the monitor as the main process, binds the socket into the container, and relays the
/// container's READY=1 with the monitor's pid; no mode leaks the host's socket path.
#[test]
fn sdnotify_modes() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let (sock, sock_path) = receiver(&sk);
    let env = [("NOTIFY_SOCKET", Path::new(&sock_path))];
    let out = sk.run_env(
        &[
            "run",
            "-d",
            "--name",
            "ig",
            "--sdnotify=ignore",
            "--rootfs",
            &rootfs,
            "sleep",
            "300",
        ],
        &env,
    );
    assert_eq!(out.status, 0, "{out:?}");
    sock.set_read_timeout(Some(Duration::from_millis(800)))
        .unwrap();
    assert_eq!(recv(&sock), None);
    assert!(!sk.ok(&["exec", "ig", "env"]).contains("NOTIFY_SOCKET"));
    assert_eq!(sk.inspect("ig", "{{.Config.sdNotifyMode}}"), "ignore");
    sk.ok(&["rm", "-f", "ig"]);

    // Python from the host in the busybox root: it sends READY=1 as a service would.
    for l in ["lib", "lib64"] {
        std::os::unix::fs::symlink(format!("usr/{l}"), Path::new(&rootfs).join(l)).unwrap();
    }
    let script = "import os,socket,time; p=os.environ['NOTIFY_SOCKET']; print(p, flush=True); \
                  time.sleep(0.5); s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); \
                  s.sendto(b'STATUS=warm\\nREADY=1\\nMAINPID=1', p); time.sleep(300)";
    let out = sk.run_env(
        &[
            "run",
            "-d",
            "--name",
            "ct",
            "-v",
            "/usr:/usr:ro",
            "--rootfs",
            &rootfs,
            "/usr/bin/python3",
            "-c",
            script,
        ],
        &env,
    );
    assert_eq!(out.status, 0, "{out:?}");
    let id = out.stdout.trim().to_string();
    let monitor = monitor_pid_of(&id).expect("the container's monitor");
    sock.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    assert_eq!(recv(&sock), Some(format!("MAINPID={monitor}\n")));
    assert_eq!(
        recv(&sock),
        Some(format!("STATUS=warm\nREADY=1\nMAINPID={monitor}\n"))
    );
    assert_eq!(sk.ok(&["logs", "ct"]), "/run/notify/notify.sock\n");
    assert_eq!(sk.inspect("ct", "{{.Config.sdNotifyMode}}"), "container");
    sk.ok(&["rm", "-f", "ct"]);
}

/// Under systemd (a NOTIFY_SOCKET), SIGTERM to the monitor is systemd's stop, as when a unit
/// is stopped before READY=1 and ExecStop= is skipped: the container gets its stop signal,
/// SIGKILL after the stop timeout (`sleep` as PID 1 ignores SIGTERM), and `--rm` removes it;
/// the monitor leaves. (Without a NOTIFY_SOCKET the monitor ignores SIGTERM: monitor.rs.)
#[test]
fn sigterm_to_a_monitor_under_systemd_stops_its_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let (sock, sock_path) = receiver(&sk);
    let out = sk.run_env(
        &[
            "run",
            "-d",
            "--rm",
            "--name",
            "unit",
            "--stop-timeout",
            "1",
            "--rootfs",
            &rootfs,
            "sleep",
            "300",
        ],
        &[("NOTIFY_SOCKET", Path::new(&sock_path))],
    );
    assert_eq!(out.status, 0, "{out:?}");
    let id = out.stdout.trim().to_string();
    let monitor = monitor_pid_of(&id).expect("the container's monitor");
    assert_eq!(recv(&sock), Some(format!("MAINPID={monitor}\n")));
    let pid: i32 = sk.inspect("unit", "{{.State.Pid}}").parse().unwrap();
    // SAFETY: a signal to the monitor this test started.
    assert_eq!(unsafe { libc::kill(monitor, libc::SIGTERM) }, 0);
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while !sk.ok(&["ps", "-aq"]).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(sk.ok(&["ps", "-aq"]), "", "the container outlived SIGTERM");
    for p in [pid, monitor] {
        let gone = (0..50).any(|_| {
            std::thread::sleep(Duration::from_millis(100));
            !Path::new(&format!("/proc/{p}")).exists()
        });
        assert!(gone, "process {p} is still there");
    }
}

/// Both unit shapes, with values that need quoting, pass `systemd-analyze verify` (as a user
/// unit, as the guest runs them) without a word of complaint; a broken unit does not, so the
/// check can fail.
#[test]
fn units_pass_systemd_analyze_verify() {
    let analyze = Path::new("/usr/bin/systemd-analyze");
    if !analyze.exists() {
        crate::harness::skip("no systemd-analyze (apt-get install systemd)");
        return;
    }
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "create",
        "--name",
        "q",
        "-e",
        "A=\"x\" 'y' $z 100%",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo \\\\; sleep 1",
    ]);
    let xdg = sk.path("xdg");
    std::fs::create_dir(&xdg).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&xdg, std::fs::Permissions::from_mode(0o700)).unwrap();
    let verify = |file: &Path| {
        Command::new(analyze)
            .args(["--user", "verify", "--man=no"])
            .arg(file)
            .env("XDG_RUNTIME_DIR", &xdg)
            .output()
            .unwrap()
    };
    for (i, flags) in [
        &["--new", "--name", "-e", "K=a b%"][..],
        &["--restart-policy", "on-abnormal", "--wants", "x.service"][..],
    ]
    .iter()
    .enumerate()
    {
        let mut args = vec!["generate", "systemd"];
        args.extend_from_slice(flags);
        args.push("q");
        let file = sk.path(&format!("u{i}.service"));
        std::fs::write(&file, sk.ok(&args)).unwrap();
        let out = verify(&file);
        assert!(
            out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(),
            "{flags:?}: {out:?}\n{}",
            std::fs::read_to_string(&file).unwrap()
        );
    }
    let broken = sk.path("broken.service");
    std::fs::write(&broken, "[Service]\nExecStart=/bin/true \"open\n").unwrap();
    let out = verify(&broken);
    assert!(!out.status.success() || !out.stderr.is_empty(), "{out:?}");
}

/// `--sdnotify healthy`: the monitor names itself the main process at once and says READY=1
/// only once the healthcheck passes; without a healthcheck the flag is refused.
#[test]
fn sdnotify_healthy_waits_for_the_healthcheck() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let (sock, sock_path) = receiver(&sk);
    let env = [("NOTIFY_SOCKET", Path::new(&sock_path))];
    let refused = sk.run_env(
        &["create", "--sdnotify=healthy", "--rootfs", &rootfs, "true"],
        &env,
    );
    assert_eq!(refused.status, 125, "{refused:?}");
    assert!(
        refused.stderr.contains("needs a healthcheck"),
        "{refused:?}"
    );
    let out = sk.run_env(
        &[
            "run",
            "-d",
            "--name",
            "hc",
            "--sdnotify=healthy",
            "--health-cmd",
            "test -f /ready",
            "--health-interval",
            "300ms",
            "--rootfs",
            &rootfs,
            "sleep",
            "300",
        ],
        &env,
    );
    assert_eq!(out.status, 0, "{out:?}");
    let monitor = monitor_pid_of(out.stdout.trim()).expect("the container's monitor");
    assert_eq!(recv(&sock), Some(format!("MAINPID={monitor}\n")));
    sock.set_read_timeout(Some(Duration::from_millis(1500)))
        .unwrap();
    assert_eq!(recv(&sock), None, "ready before the healthcheck passed");
    sk.ok(&["exec", "hc", "touch", "/ready"]);
    sock.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    assert_eq!(recv(&sock), Some("READY=1\n".to_string()));
    assert_eq!(sk.inspect("hc", "{{.State.Health.Status}}"), "healthy");
    assert_eq!(sk.inspect("hc", "{{.Config.sdNotifyMode}}"), "healthy");
    sk.ok(&["rm", "-f", "hc"]);
}

/// Every value of `key=` in `unit` (a unit may have several `ExecStartPre=`).
fn values(unit: &str, key: &str) -> Vec<String> {
    unit.replace("\\\n", " ")
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{key}=")).map(str::to_string))
        .collect()
}

/// The byte a member of the pod serves on `port` (retried while it starts).
fn byte_on(port: u16) -> String {
    use std::io::Read;
    for _ in 0..100 {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let mut got = String::new();
            if s.read_to_string(&mut got).is_ok() && !got.is_empty() {
                return got;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    String::new()
}

/// `generate systemd --new POD`: a unit per member and one for the pod (podman's shape), which
/// `systemd-analyze verify` accepts; their commands, run in systemd's order as they are, create
/// the pod again (its options kept, `--exit-policy=stop`), start it (the infra's monitor in the
/// unit's PIDFile), run the member in it through the pod's id file (it serves a byte on the
/// pod's published port), and at the stop leave no pod and no container. The member's stop
/// alone stops the pod (exit policy stop).
#[test]
fn new_pod_units_create_the_pod_and_its_member_and_remove_them() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let port = crate::network::free_port();
    let publish = format!("{port}:8080");
    sk.ok(&[
        "pod", "create", "--name", "pp", "-p", &publish, "--label", "k=v",
    ]);
    sk.ok(&[
        "create",
        "--pod",
        "pp",
        "--name",
        "web",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "trap 'exit 0' TERM; while :; do echo -n x | nc -l -p 8080; done",
    ]);
    let json = sk.ok(&[
        "generate",
        "systemd",
        "--new",
        "--name",
        "--time",
        "3",
        "--restart-policy",
        "always",
        "--format",
        "json",
        "pp",
    ]);
    let units: serde_json::Value = serde_json::from_str(&json).unwrap();
    let pod = units["pod-pp"]
        .as_str()
        .expect("pod-pp in the JSON")
        .to_string();
    let member = units["container-web"]
        .as_str()
        .expect("container-web")
        .to_string();
    for line in [
        "Wants=container-web.service",
        "Before=container-web.service",
        "PIDFile=%t/pod-pp.pid",
        "Type=forking",
        "Restart=always",
        "TimeoutStopSec=63",
    ] {
        assert!(pod.lines().any(|l| l == line), "{line} in\n{pod}");
    }
    for line in [
        "BindsTo=pod-pp.service",
        "After=pod-pp.service",
        "Type=notify",
    ] {
        assert!(member.lines().any(|l| l == line), "{line} in\n{member}");
    }
    sk.ok(&["pod", "rm", "-f", "pp"]);

    if Path::new("/usr/bin/systemd-analyze").exists() {
        let dir = sk.path("units");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("pod-pp.service"), &pod).unwrap();
        std::fs::write(dir.join("container-web.service"), &member).unwrap();
        let out = Command::new("/usr/bin/systemd-analyze")
            .args(["verify", "--man=no"])
            .arg(dir.join("pod-pp.service"))
            .arg(dir.join("container-web.service"))
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{out:?}\n{pod}\n{member}"
        );
    }

    let rundir = sk.path("xdg");
    std::fs::create_dir(&rundir).unwrap();
    let words = |unit: &str, key: &str, name: &str| -> Vec<Vec<String>> {
        values(unit, key)
            .iter()
            .map(|l| systemd_words(l, &rundir, name))
            .collect()
    };
    let run = |lines: Vec<Vec<String>>| {
        for line in lines {
            let out = run_line(&line, &[]);
            assert!(out.status.success(), "{line:?}: {out:?}");
        }
    };
    let (pn, mn) = ("pod-pp.service", "container-web.service");
    let create = &words(&pod, "ExecStartPre", pn)[1];
    for w in ["--exit-policy=stop", "--replace", &publish, "k=v"] {
        assert!(create.iter().any(|x| x == w), "{w} in {create:?}");
    }
    assert_eq!(
        create.iter().filter(|w| *w == "--name").count(),
        1,
        "{create:?}"
    );
    run(words(&pod, "ExecStartPre", pn));
    run(words(&pod, "ExecStart", pn));
    let pid = std::fs::read_to_string(rundir.join("pod-pp.pid")).unwrap();
    let infra = sk.ok(&["pod", "inspect", "-f", "{{.InfraContainerID}}", "pp"]);
    let infra = infra.trim();
    assert_eq!(Some(pid.trim().parse().unwrap()), monitor_pid_of(infra));
    let start = &words(&member, "ExecStart", mn)[0];
    assert!(!start.iter().any(|w| w == "--pod"), "{start:?}");
    run(words(&member, "ExecStartPre", mn));
    run(words(&member, "ExecStart", mn));
    assert_eq!(sk.inspect("web", "{{.Pod}}").len(), 64);
    assert_eq!(byte_on(port), "x");
    // The member's stop alone ends the pod: --exit-policy=stop.
    run(words(&member, "ExecStop", mn));
    assert_eq!(
        sk.wait_for(
            infra,
            "{{.State.Status}}",
            "exited",
            Duration::from_secs(10)
        ),
        "exited"
    );
    run(words(&member, "ExecStopPost", mn));
    run(words(&pod, "ExecStop", pn));
    run(words(&pod, "ExecStopPost", pn));
    assert_eq!(sk.ok(&["pod", "ps", "-q"]), "");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

/// Without `--new`, a pod's own unit (its infra container's) runs against the pod's store, as
/// its members' units do: the infra has no create command, so the flags come from the pod's.
#[test]
fn existing_pod_unit_starts_and_stops_the_pod_in_its_store() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["pod", "create", "--name", "ep"]);
    sk.ok(&[
        "create", "--pod", "ep", "--name", "epw", "--rootfs", &rootfs, "sleep", "300",
    ]);
    let json = sk.ok(&["generate", "systemd", "--name", "--format", "json", "ep"]);
    let units: serde_json::Value = serde_json::from_str(&json).unwrap();
    let pod = units["pod-ep"].as_str().expect("pod-ep in the JSON");
    let rundir = sk.path("xdg");
    std::fs::create_dir(&rundir).unwrap();
    let start = systemd_words(&value(pod, "ExecStart"), &rundir, "pod-ep");
    let out = run_line(&start, &[]);
    assert!(out.status.success(), "{start:?}: {out:?}");
    let infra = sk.ok(&["pod", "inspect", "--format", "{{.InfraContainerID}}", "ep"]);
    assert_eq!(sk.inspect(infra.trim(), "{{.State.Status}}"), "running");
    let stop = systemd_words(&value(pod, "ExecStop"), &rundir, "pod-ep");
    let out = run_line(&stop, &[]);
    assert!(out.status.success(), "{stop:?}: {out:?}");
    assert_eq!(sk.inspect(infra.trim(), "{{.State.Status}}"), "exited");
    sk.ok(&["pod", "rm", "-f", "ep"]);
}
