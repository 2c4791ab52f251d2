//! What `run`'s options do inside the container: `--rootfs` forms (a directory, an overlay of it or
//! of the host), environment, working directory, user, read-only, tmpfs, entrypoint, ulimits,
//! cidfile, capabilities, seccomp, `--privileged`, `--stop-signal` and `--network none|host`. Run
//! as root and as an unprivileged user.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::harness::Skiff;

#[test]
fn flags_reach_the_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
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
    // A dotted host name answers to its first label too, as in docker's /etc/hosts.
    let hosts = sk.ok(&[
        "run",
        "--rm",
        "-h",
        "my.box.example",
        "--rootfs",
        &rootfs,
        "grep",
        "my.box",
        "/etc/hosts",
    ]);
    assert!(hosts.trim_end().ends_with("\tmy.box.example my"), "{hosts}");
    // docker's env file rules: a name holding a blank is an error that names it.
    let bad = sk.path("bad-env");
    std::fs::write(&bad, "A=1\nexport F=1\n").unwrap();
    let out = sk.fails(
        &[
            "run",
            "--rm",
            "--env-file",
            bad.to_str().unwrap(),
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(
        out.stderr
            .contains("variable 'export F' contains whitespaces"),
        "{}",
        out.stderr
    );
    // A working directory that is a file: skiff's own failure (125), saying so.
    let file = sk.fails(
        &[
            "run",
            "--rm",
            "-w",
            "/etc/passwd",
            "--rootfs",
            &format!("{rootfs}:O"),
            "true",
        ],
        125,
    );
    assert!(
        file.stderr.contains("/etc/passwd is not a directory"),
        "{}",
        file.stderr
    );
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
    assert_ne!(ro.status, 0);
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
    // exec and the container's later processes run under its limits too, as docker's exec.
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "limited",
        "--ulimit",
        "nofile=100:200",
        "--ulimit",
        "nproc=300:400",
        "--rootfs",
        &rootfs,
        "sleep",
        "300",
    ]);
    assert_eq!(
        sk.ok(&[
            "exec",
            "limited",
            "sh",
            "-c",
            "echo $(ulimit -n) $(ulimit -Hn) $(ulimit -u)"
        ]),
        "100 200 300\n"
    );
    sk.ok(&["rm", "-f", "limited"]);
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
    assert_eq!(publish.status, 125);
    assert!(
        publish.stderr.contains("invalid port mapping"),
        "{}",
        publish.stderr
    );
}

#[test]
fn security_flags_reach_the_process() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
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
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
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
    assert_eq!(bad.status, 125);
}

/// `/:O`: the host's files as the lower layer of a throw-away overlay. The probe directory is in
/// `$HOME`, which the test's user may write on the host (rootless too: the container's root is
/// that user) and which the overlay covers (`/var`, holding the test's own directory and the
/// store, is mounted read-only and `/tmp` is a fresh tmpfs), so only the overlay keeps the writes
/// away from the host.
#[test]
fn rootfs_overlay_of_the_host_leaves_it_untouched() {
    let sk = Skiff::new();
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
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
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
