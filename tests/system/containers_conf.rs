//! containers.conf: the keys skiff honours (`[containers] log_driver`, `pids_limit`,
//! `seccomp_profile`, `default_ulimits`, `env`, `tz`, `[network] default_network`, `[engine]
//! cgroup_manager`) set the defaults of `run`/`create`, and an explicit flag still wins. The
//! tests name their file with `$CONTAINERS_CONF` (root and rootless), add one with
//! `$CONTAINERS_CONF_OVERRIDE` or, rootless, put them in `$XDG_CONFIG_HOME/containers` and its
//! `containers.conf.d`. Busybox `--rootfs`, no registry needed.

use std::path::{Path, PathBuf};

use crate::harness::{Output, Skiff};

/// Writes `text` as this test's containers.conf; returns its path.
fn conf(sk: &Skiff, text: &str) -> PathBuf {
    let path = sk.path("containers.conf");
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs skiff with `$CONTAINERS_CONF` naming `conf`.
fn with_conf(sk: &Skiff, conf: &Path, args: &[&str]) -> Output {
    sk.run_env(args, &[("CONTAINERS_CONF", conf)])
}

/// Like [`with_conf`], and panics unless skiff exits 0; returns stdout.
fn ok_with_conf(sk: &Skiff, conf: &Path, args: &[&str]) -> String {
    let out = with_conf(sk, conf, args);
    assert_eq!(out.status, 0, "skiff {args:?}: {out:?}");
    out.stdout
}

#[test]
fn log_driver_from_the_file_acts_as_the_flag() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let file = conf(&sk, "[containers]\nlog_driver = \"none\"\n");
    let run = |name: &str, flags: &[&str]| {
        let args = [
            &["run", "--name", name][..],
            flags,
            &["--rootfs", &rootfs, "echo", "hi"],
        ];
        ok_with_conf(&sk, &file, &args.concat())
    };
    assert_eq!(run("fromfile", &[]), "hi\n", "attached output still flows");
    run("fromflag", &["--log-driver", "none"]);
    run("explicit", &["--log-driver", "k8s-file"]);
    let from_file = sk.run(&["logs", "fromfile"]);
    let from_flag = sk.run(&["logs", "fromflag"]);
    assert_eq!(
        (
            from_file.status,
            &from_file.stdout,
            from_file.stderr.replace("fromfile", "X")
        ),
        (
            from_flag.status,
            &from_flag.stdout,
            from_flag.stderr.replace("fromflag", "X")
        ),
    );
    assert_eq!(
        sk.inspect("fromfile", "{{.HostConfig.LogConfig.Type}}"),
        "none"
    );
    assert_eq!(sk.ok(&["logs", "explicit"]), "hi\n", "the flag wins");
    assert_eq!(
        sk.inspect("explicit", "{{.HostConfig.LogConfig.Type}}"),
        "k8s-file"
    );
}

#[test]
fn pids_limit_from_the_file_unless_a_flag_says_otherwise() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let file = conf(&sk, "[containers]\npids_limit = 42\n");
    ok_with_conf(
        &sk,
        &file,
        &["create", "--name", "a", "--rootfs", &rootfs, "true"],
    );
    let flag = [
        "create",
        "--name",
        "b",
        "--pids-limit",
        "7",
        "--rootfs",
        &rootfs,
        "true",
    ];
    let out = with_conf(&sk, &file, &flag);
    assert_eq!(out.status, 0, "{out:?}");
    // Rootless, podman (and skiff) apply the file's limit only where a pids cgroup can be
    // made; where it cannot, an explicit --pids-limit is kept and warned about.
    let applies = crate::harness::is_root() || !out.stderr.contains("resource limits unavailable");
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    let from_file = if applies { "42" } else { "0" };
    for (name, want) in [("a", from_file), ("b", "7"), ("c", "0")] {
        assert_eq!(
            sk.inspect(name, "{{.HostConfig.PidsLimit}}"),
            want,
            "{name}"
        );
    }
}

#[test]
fn seccomp_profile_from_the_file_is_loaded() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let profile = sk.path("profile.json");
    std::fs::write(
        &profile,
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO"}]}"#,
    )
    .unwrap();
    let file = conf(
        &sk,
        &format!(
            "[containers]\nseccomp_profile = \"{}\"\n",
            profile.display()
        ),
    );
    let mkdir = |flags: &[&str]| {
        let args = [
            &["run", "--rm"][..],
            flags,
            &["--rootfs", &rootfs, "mkdir", "/tmp/d"],
        ];
        with_conf(&sk, &file, &args.concat())
    };
    let blocked = mkdir(&[]);
    assert_ne!(blocked.status, 0, "{blocked:?}");
    assert!(blocked.stderr.contains("not permitted"), "{blocked:?}");
    let unconfined = mkdir(&["--security-opt", "seccomp=unconfined"]);
    assert_eq!(unconfined.status, 0, "the flag wins: {unconfined:?}");
}

#[test]
fn default_ulimits_apply_unless_a_flag_names_the_limit() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let file = conf(
        &sk,
        "[containers]\ndefault_ulimits = [\"nofile=100:200\"]\n",
    );
    let nofile = |flags: &[&str]| {
        let args = [
            &["run", "--rm"][..],
            flags,
            &["--rootfs", &rootfs, "sh", "-c", "ulimit -n"],
        ];
        ok_with_conf(&sk, &file, &args.concat())
    };
    assert_eq!(nofile(&[]), "100\n");
    assert_eq!(
        nofile(&["--ulimit", "nofile=150:200"]),
        "150\n",
        "the flag wins"
    );
}

/// The variables of `env` in the container, as `KEY=VALUE` lines, sorted.
fn env_of(out: &str, keys: &[&str]) -> Vec<String> {
    let mut lines: Vec<String> = out
        .lines()
        .filter(|l| keys.iter().any(|k| l.starts_with(&format!("{k}="))))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn env_from_the_file_sits_under_env_files_and_flags() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let file = conf(
        &sk,
        "[containers]\nenv = [\"A=conf\", \"B=conf\", \"C=conf\"]\n",
    );
    let env_file = sk.path("vars.env");
    std::fs::write(&env_file, "B=file\nC=file\n").unwrap();
    let env_file = env_file.display().to_string();
    let args = [
        "run",
        "--rm",
        "--env-file",
        &env_file,
        "-e",
        "C=flag",
        "--rootfs",
        &rootfs,
        "env",
    ];
    let out = ok_with_conf(&sk, &file, &args);
    // podman 4.3 gives the same three with this file, --env-file and -e.
    assert_eq!(
        env_of(&out, &["A", "B", "C"]),
        ["A=conf", "B=file", "C=flag"]
    );
    let out = sk.ok(&["run", "--rm", "--rootfs", &rootfs, "env"]);
    assert_eq!(env_of(&out, &["A"]), Vec::<String>::new(), "no file, no A");
}

#[test]
fn the_override_file_is_read_last_and_must_exist() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let file = conf(&sk, "[containers]\nenv = [\"A=base\"]\npids_limit = 0\n");
    let over = sk.path("override.conf");
    std::fs::write(&over, "[containers]\nenv = [\"A=override\"]\n").unwrap();
    let run = ["run", "--rm", "--rootfs", &rootfs, "env"];
    let vars = [
        ("CONTAINERS_CONF", file.as_path()),
        ("CONTAINERS_CONF_OVERRIDE", over.as_path()),
    ];
    let out = sk.run_env(&run, &vars);
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(env_of(&out.stdout, &["A"]), ["A=override"]);
    let missing = sk.path("missing.conf");
    let vars = [
        ("CONTAINERS_CONF", file.as_path()),
        ("CONTAINERS_CONF_OVERRIDE", missing.as_path()),
    ];
    let out = sk.run_env(&run, &vars);
    assert_eq!(
        out.status, 125,
        "$CONTAINERS_CONF_OVERRIDE must exist: {out:?}"
    );
    assert!(out.stderr.contains("missing.conf"), "{out:?}");
}

/// skiff has one cgroup manager in each mode (root: cgroupfs, rootless: systemd, as `info`
/// says): the file may name it, the other one costs a warning, anything else is refused.
#[test]
fn cgroup_manager_is_skiffs_or_passed_over_with_a_warning() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let used = sk.ok(&["info", "--format", "{{.CgroupDriver}}"]);
    let used = used.trim();
    let other = if used == "systemd" {
        "cgroupfs"
    } else {
        "systemd"
    };
    let create = |name: &str, manager: &str| {
        let file = conf(&sk, &format!("[engine]\ncgroup_manager = \"{manager}\"\n"));
        with_conf(
            &sk,
            &file,
            &["create", "--name", name, "--rootfs", &rootfs, "true"],
        )
    };
    let same = create("same", used);
    assert_eq!((same.status, same.stderr.as_str()), (0, ""), "{same:?}");
    let out = create("other", other);
    assert_eq!(out.status, 0, "{out:?}");
    let want = format!("containers.conf cgroup_manager \"{other}\" is not supported by skiff");
    assert!(out.stderr.contains(&want), "{out:?}");
    assert!(out.stderr.contains(&format!("using {used}")), "{out:?}");
    let out = create("bad", "lxc");
    assert_eq!(out.status, 125, "{out:?}");
    assert!(out.stderr.contains("\"lxc\" is not valid"), "{out:?}");
    assert_eq!(
        sk.ok(&["ps", "-a", "--format", "{{.Names}}"])
            .lines()
            .count(),
        2
    );
}

/// As root `default_network` names the network of a container given no `--network` (podman
/// 4.3 root puts it on that network too); `podman` and `bridge` mean the default bridge.
/// Rootless the default stays the helper's network, as podman's slirp4netns.
#[test]
fn default_network_is_the_network_of_a_container_without_one() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let root = crate::harness::is_root();
    if root {
        sk.ok(&["network", "create", "confnet"]);
    }
    let networks = "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}";
    let create = |name: &str, conf_net: &str, flags: &[&str]| {
        let file = conf(
            &sk,
            &format!("[network]\ndefault_network = \"{conf_net}\"\n"),
        );
        let args = [
            &["create", "--name", name][..],
            flags,
            &["--rootfs", &rootfs, "true"],
        ];
        ok_with_conf(&sk, &file, &args.concat());
        sk.inspect(name, networks)
    };
    sk.ok(&["create", "--name", "none", "--rootfs", &rootfs, "true"]);
    let default = sk.inspect("none", networks);
    let plain = create("plain", "podman", &[]);
    assert_eq!(plain, default, "podman's default name is skiff's default");
    let want = if root { "confnet" } else { default.as_str() };
    assert_eq!(create("fromfile", "confnet", &[]), want);
    let flag = create("flag", "confnet", &["--network", "none"]);
    assert_eq!(flag, "none", "the flag wins");
}

/// `tz` is the default of `--tz`: the container's `/etc/localtime` is the host's zone file, so
/// its clock reads that zone; the flag wins, and an unknown zone is refused.
#[test]
fn tz_from_the_file_or_the_flag_sets_the_containers_localtime() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let file = conf(&sk, "[containers]\ntz = \"Asia/Tokyo\"\n");
    let zone = |flags: &[&str]| {
        let args = [
            &["run", "--rm"][..],
            flags,
            &["--rootfs", &rootfs, "date", "+%Z"],
        ];
        ok_with_conf(&sk, &file, &args.concat())
    };
    assert_eq!(zone(&[]), "JST\n", "the file's zone");
    let new_york = zone(&["--tz", "America/New_York"]);
    assert!(
        matches!(new_york.as_str(), "EST\n" | "EDT\n"),
        "the flag wins: {new_york:?}"
    );
    let host = std::fs::read("/etc/localtime").unwrap();
    let args = [
        "run",
        "--rm",
        "--tz",
        "local",
        "--rootfs",
        &rootfs,
        "cat",
        "/etc/localtime",
    ];
    let local = sk.cmd(&args).output().unwrap();
    assert_eq!(
        local.stdout, host,
        "--tz local is the host's /etc/localtime"
    );
    let out = sk.run(&[
        "run",
        "--rm",
        "--tz",
        "Nowhere/Atlantis",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    assert_eq!(out.status, 125, "{out:?}");
    assert!(
        out.stderr.contains("invalid --tz \"Nowhere/Atlantis\""),
        "{out:?}"
    );
    let plain = sk.ok(&["run", "--rm", "--rootfs", &rootfs, "date", "+%Z"]);
    assert_eq!(plain, "UTC\n", "no file, no flag: busybox's UTC");
}

#[test]
fn a_malformed_file_is_an_error_naming_it_and_the_line() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let file = conf(&sk, "[containers]\n\npids_limit = \"many\"\n");
    let out = with_conf(&sk, &file, &["create", "--rootfs", &rootfs, "true"]);
    assert_eq!(out.status, 125, "{out:?}");
    let want = format!("containers.conf {}, line 3: ", file.display());
    assert!(out.stderr.contains(&want), "{out:?}");
    let missing = sk.path("missing.conf");
    let out = with_conf(&sk, &missing, &["create", "--rootfs", &rootfs, "true"]);
    assert_eq!(out.status, 125, "$CONTAINERS_CONF must exist: {out:?}");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

mod only_rootless {
    use crate::harness::Skiff;

    /// The user's `$XDG_CONFIG_HOME/containers/containers.conf` is read.
    #[test]
    fn the_users_file_sets_defaults() {
        require_rootless!();
        let sk = Skiff::new();
        let rootfs = sk.busybox_rootfs();
        let home = sk.path("config");
        std::fs::create_dir_all(home.join("containers")).unwrap();
        std::fs::write(
            home.join("containers/containers.conf"),
            "[containers]\nlog_driver = \"json-file\"\n",
        )
        .unwrap();
        let create = ["create", "--name", "a", "--rootfs", &rootfs, "true"];
        let out = sk.run_env(&create, &[("XDG_CONFIG_HOME", &home)]);
        assert_eq!(out.status, 0, "{out:?}");
        assert_eq!(
            sk.inspect("a", "{{.HostConfig.LogConfig.Type}}"),
            "json-file"
        );
        sk.ok(&["create", "--name", "b", "--rootfs", &rootfs, "true"]);
        assert_eq!(
            sk.inspect("b", "{{.HostConfig.LogConfig.Type}}"),
            "k8s-file"
        );
    }

    /// The `*.conf` files of `containers.conf.d` follow the user's file, in lexical order;
    /// other names there are not read.
    #[test]
    fn the_users_drop_ins_follow_the_file_in_order() {
        require_rootless!();
        let sk = Skiff::new();
        let rootfs = sk.busybox_rootfs();
        let home = sk.path("config");
        let d = home.join("containers/containers.conf.d");
        std::fs::create_dir_all(&d).unwrap();
        let env = |v: &str| format!("[containers]\nenv = [\"A={v}\"]\n");
        std::fs::write(home.join("containers/containers.conf"), env("file")).unwrap();
        std::fs::write(d.join("20-b.conf"), env("20")).unwrap();
        std::fs::write(d.join("10-a.conf"), env("10")).unwrap();
        std::fs::write(d.join("30-c.txt"), env("txt")).unwrap();
        let run = ["run", "--rm", "--rootfs", &rootfs, "sh", "-c", "echo $A"];
        let out = sk.run_env(&run, &[("XDG_CONFIG_HOME", &home)]);
        assert_eq!((out.status, out.stdout.as_str()), (0, "20\n"), "{out:?}");
    }
}
