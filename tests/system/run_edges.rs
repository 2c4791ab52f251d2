//! Edges of `run`/`create` and neighbours that scripts written for docker hit, each with its
//! real effect: the `--cidfile` made before the container, `--stop-timeout -1`, an env file
//! with a byte order mark, label names with blanks, `logs --tail` of a word, docker's
//! `/.dockerenv`, `--network name=NET,ip=ADDR` for each network and `ps --filter network=ID`.
//! Root and rootless, with a busybox `--rootfs` or the host's own files (`--rootfs /:O`).

use crate::harness::Skiff;

/// docker makes the `--cidfile` before the container: one that cannot be written leaves no
/// container behind (a retrying script piled them up), and a create that fails takes the
/// file away again.
#[test]
fn cidfile_is_made_before_the_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let missing = sk.path("no-such-dir/cid").display().to_string();
    let out = sk.fails(
        &[
            "run",
            "--rm",
            "--cidfile",
            &missing,
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(out.stderr.contains("container id file"), "{}", out.stderr);
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    let cid = sk.path("cid");
    let cid_arg = cid.display().to_string();
    sk.fails(
        &[
            "create",
            "--cidfile",
            &cid_arg,
            "-w",
            "relative",
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(!cid.exists(), "a failed create left its --cidfile");
    let id = sk.ok(&["create", "--cidfile", &cid_arg, "--rootfs", &rootfs, "true"]);
    assert_eq!(std::fs::read_to_string(&cid).unwrap(), id.trim());
    sk.ok(&["rm", id.trim()]);
}

/// docker's `-1`: no time limit after the stop signal, for `--stop-timeout` and `stop -t`.
#[test]
fn a_negative_stop_timeout_waits_for_ever() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let script = "trap 'exit 7' TERM; touch /tmp/ready; while true; do sleep 0.1; done";
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "--stop-timeout",
        "-1",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(sk.inspect("c", "{{.Config.StopTimeout}}"), "-1");
    // The trap first: a SIGTERM before it is ignored by sh as pid 1, and -1 waits for ever.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while sk.run(&["exec", "c", "test", "-e", "/tmp/ready"]).status != 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the trap was never set"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    sk.ok(&["stop", "-t", "-1", "c"]);
    assert_eq!(sk.inspect("c", "{{.State.ExitCode}}"), "7");
    sk.ok(&["rm", "c"]);
}

/// An env file saved with a UTF-8 byte order mark (Windows editors) names its first variable
/// without it, as docker reads it; a label name with a blank is refused, as docker does.
#[test]
fn env_file_bom_and_label_names() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let env = sk.path("env");
    std::fs::write(&env, b"\xef\xbb\xbfFIRST=1\nSECOND=2\n").unwrap();
    let env_arg = env.display().to_string();
    let out = sk.ok(&[
        "run",
        "--rm",
        "--env-file",
        &env_arg,
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo $FIRST$SECOND",
    ]);
    assert_eq!(out, "12\n");
    let out = sk.fails(
        &["create", "--label", "sp ace=1", "--rootfs", &rootfs, "true"],
        125,
    );
    assert!(out.stderr.contains("whitespace"), "{}", out.stderr);
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

/// docker's `logs --tail`: a word that is no number shows every line, as a negative does.
#[test]
fn logs_tail_of_a_word_is_every_line() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run",
        "--name",
        "l",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo one; echo two",
    ]);
    assert_eq!(sk.ok(&["logs", "--tail", "abc", "l"]), "one\ntwo\n");
    assert_eq!(sk.ok(&["logs", "--tail", "1", "l"]), "two\n");
    sk.ok(&["rm", "l"]);
}

/// docker's `/.dockerenv` (what scripts and test libraries look for to know they run in a
/// container) is there in a container on an image's layers, and like docker's init layer it
/// is no change of the container's: not in `diff`, not in a `commit`.
#[test]
fn dockerenv_marks_a_container_and_is_no_change() {
    let sk = Skiff::new();
    let layered = format!("{}:O", sk.busybox_rootfs());
    sk.ok(&[
        "run",
        "--name",
        "m",
        "--rootfs",
        &layered,
        "sh",
        "-c",
        "test -f /.dockerenv && test ! -s /.dockerenv && echo made > /tmp/skiff-edge-mark",
    ]);
    assert_eq!(sk.inspect("m", "{{.State.ExitCode}}"), "0");
    let diff = sk.ok(&["diff", "m"]);
    assert!(!diff.contains("dockerenv"), "{diff}");
    assert!(diff.contains("/tmp/skiff-edge-mark"), "{diff}");
    sk.ok(&["rm", "m"]);
}

/// docker's `--network name=NET,ip=ADDR,alias=A` and podman's `NET:ip=ADDR,alias=A` give each
/// of a container's networks its own address and aliases, and `ps --filter network=` finds it
/// by a network's id as by its name.
#[test]
fn each_network_takes_its_own_address_and_aliases() {
    let sk = Skiff::new();
    sk.ok(&["network", "create", "--subnet", "10.91.0.0/24", "edge1"]);
    sk.ok(&["network", "create", "--subnet", "10.92.0.0/24", "edge2"]);
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "two",
        "--network",
        "name=edge1,ip=10.91.0.42,alias=first",
        "--network",
        "edge2:ip=10.92.0.42,alias=second",
        "--rootfs",
        "/:O",
        "sleep",
        "600",
    ]);
    let template = "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}}\
                    {{range $v.Aliases}},{{.}}{{end}} {{end}}";
    assert_eq!(
        sk.inspect("two", template),
        "edge1=10.91.0.42,first edge2=10.92.0.42,second"
    );
    let addrs = sk.ok(&["exec", "two", "ip", "-4", "-o", "addr"]);
    assert!(
        addrs.contains("10.91.0.42/24") && addrs.contains("10.92.0.42/24"),
        "{addrs}"
    );
    let id = sk.ok(&["network", "inspect", "-f", "{{.Id}}", "edge2"]);
    for value in [id.trim(), &id.trim()[..12], "edge2"] {
        let found = sk.ok(&[
            "ps",
            "--filter",
            &format!("network={value}"),
            "--format",
            "{{.Names}}",
        ]);
        assert_eq!(found, "two\n", "network={value}");
    }
    let bad = sk.fails(
        &[
            "create",
            "--network",
            "name=edge1,driver-opt=x=y",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    assert!(bad.stderr.contains("not supported"), "{}", bad.stderr);
    sk.ok(&["rm", "-f", "-t", "0", "two"]);
    sk.ok(&["network", "rm", "edge1", "edge2"]);
}

/// `inspect` shows each `--tmpfs`'s options as given (docker's HostConfig.Tmpfs), not with the
/// defaults skiff mounts it with; the container still gets them.
#[test]
fn tmpfs_options_show_as_given() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "create",
        "--name",
        "t",
        "--tmpfs",
        "/run:size=1m",
        "--tmpfs",
        "/cache:exec,ro",
        "--tmpfs",
        "/scratch",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(
        sk.inspect("t", "{{json .HostConfig.Tmpfs}}"),
        r#"{"/cache":"ro,exec","/run":"size=1m","/scratch":""}"#
    );
    sk.ok(&["rm", "t"]);
    let mounts = sk.ok(&[
        "run",
        "--rm",
        "--tmpfs",
        "/scratch",
        "--rootfs",
        &rootfs,
        "grep",
        " /scratch ",
        "/proc/mounts",
    ]);
    assert!(mounts.contains("noexec"), "{mounts}");
}

/// `--privileged` has the host's device nodes, as docker's and podman's (fuse, tun and loop
/// devices for tools that need them); a container without it has none of them.
#[test]
fn privileged_has_the_host_s_devices() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let nodes: Vec<&str> = ["/dev/net/tun", "/dev/fuse", "/dev/loop-control"]
        .into_iter()
        .filter(|n| std::path::Path::new(n).exists())
        .collect();
    assert!(
        !nodes.is_empty(),
        "the host has none of the devices looked for"
    );
    let mut args = vec![
        "run",
        "--rm",
        "--privileged",
        "--rootfs",
        &rootfs,
        "ls",
        "-l",
    ];
    args.extend(&nodes);
    let listed = sk.ok(&args);
    assert_eq!(listed.lines().count(), nodes.len(), "{listed}");
    let plain = sk.run(&["run", "--rm", "--rootfs", &rootfs, "ls", nodes[0]]);
    assert_ne!(plain.status, 0, "{plain:?}");
}

/// `--dns-search` and `--dns-option` take one word each, as docker's: a line break in one
/// would add a line of its own (another name server) to the container's resolv.conf.
#[test]
fn dns_search_and_options_are_single_words() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for flag in ["--dns-search", "--dns-option"] {
        let out = sk.fails(
            &[
                "create",
                flag,
                "x\nnameserver 9.9.9.9",
                "--rootfs",
                &rootfs,
                "true",
            ],
            125,
        );
        assert!(out.stderr.contains("one word"), "{}", out.stderr);
    }
    let resolv = sk.ok(&[
        "run",
        "--rm",
        "--dns-search",
        "example.org",
        "--dns-option",
        "ndots:2",
        "--rootfs",
        &rootfs,
        "cat",
        "/etc/resolv.conf",
    ]);
    assert!(resolv.contains("search example.org"), "{resolv}");
    assert!(resolv.contains("options ndots:2"), "{resolv}");
}
