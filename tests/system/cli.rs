//! The command line itself: version, help and how bad usage is reported.

use crate::harness::Skiff;

#[test]
fn version_exits_zero_and_names_skiff() {
    let sk = Skiff::new();
    let out = sk.ok(&["version"]);
    assert!(out.contains("skiff"), "unexpected version output: {out}");
    // podman's line (`podman version 4.3.1`); docker's `-v` too; not a subcommand's flag,
    // as with docker (`run -v` is a volume).
    let out = sk.ok(&["--version"]);
    assert!(
        out.starts_with("skiff version "),
        "unexpected --version output: {out}"
    );
    assert_eq!(sk.ok(&["-v"]), out);
    assert_eq!(sk.ok(&["-V"]), out);
    let sub = sk.fails(&["ps", "--version"], 125);
    assert!(sub.stderr.contains("unknown flag: --version"), "{sub:?}");
}

#[test]
fn help_exits_zero() {
    let sk = Skiff::new();
    let out = sk.ok(&["--help"]);
    assert!(out.contains("Usage"), "help without a usage line: {out}");
}

/// `skiff help [COMMAND...]` prints the same help as `--help`, as `docker help run` does.
#[test]
fn help_command_shows_a_commands_help() {
    let sk = Skiff::new();
    assert!(sk.ok(&["help"]).contains("Usage:"));
    let out = sk.ok(&["help", "run"]);
    assert!(out.contains(" run [OPTIONS]"), "{out}");
    let out = sk.ok(&["help", "container", "ls"]);
    assert!(out.contains(" container ls [OPTIONS]"), "{out}");
    sk.fails(&["help", "no-such-command"], 125);
}

#[test]
fn unknown_flag_exits_125_with_an_error() {
    let sk = Skiff::new();
    let out = sk.fails(&["--no-such-flag"], 125);
    assert!(
        out.stderr.to_lowercase().contains("error"),
        "no error message: {out:?}"
    );
    assert!(
        out.stderr.contains("--no-such-flag"),
        "the error does not name the flag: {out:?}"
    );
}

#[test]
fn unknown_command_exits_125() {
    let sk = Skiff::new();
    let out = sk.fails(&["no-such-command"], 125);
    assert!(
        out.stderr.contains("no-such-command"),
        "the error does not name it: {out:?}"
    );
}

#[test]
fn info_and_version_answer_dockers_format_fields() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "i", "--rootfs", &rootfs, "sleep", "100",
    ]);
    sk.ok(&["create", "--name", "j", "--rootfs", &rootfs, "true"]);
    let f = "{{.Containers}} {{.ContainersRunning}} {{.ContainersStopped}} {{.Driver}} {{.Rootless}} {{.OSType}}";
    let rootless = !crate::harness::is_root();
    assert_eq!(
        sk.ok(&["info", "--format", f]).trim(),
        format!("2 1 1 overlay {rootless} linux")
    );
    let json: serde_json::Value = serde_json::from_str(&sk.ok(&["info", "-f", "json"])).unwrap();
    assert!(
        json["NetworkHelper"]
            .as_str()
            .unwrap()
            .contains("slirp4netns"),
        "{json}"
    );
    assert!(sk.ok(&["info"]).contains("Server Version: "));
    // docker's keys that scripts read: no swarm, Docker Hub's index, the log drivers.
    assert_eq!(
        sk.ok(&[
            "info",
            "--format",
            "{{.Swarm.LocalNodeState}} {{.IndexServerAddress}} {{.Plugins.Log}}"
        ])
        .trim(),
        "inactive https://index.docker.io/v1/ [json-file k8s-file none]"
    );
    // Memory limits are reported as this host enforces them, with docker's warning if not.
    let info = sk.run(&["info"]);
    let limited = sk.ok(&["info", "--format", "{{.MemoryLimit}}"]);
    assert_eq!(
        limited.trim() == "true",
        !info.stderr.contains("WARNING: No memory limit support"),
        "{info:?}"
    );
    if !std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists() {
        assert_eq!(limited.trim(), "false");
    }
    // docker's info names the kernel's machine (x86_64), its version the Go one (amd64).
    let machine = std::process::Command::new("uname")
        .arg("-m")
        .output()
        .unwrap();
    assert_eq!(
        sk.ok(&["info", "--format", "{{.Architecture}}"]).trim(),
        String::from_utf8_lossy(&machine.stdout).trim()
    );
    let v = sk.ok(&[
        "version",
        "--format",
        "{{.Client.Version}} {{.Server.ApiVersion}}",
    ]);
    let (client, api) = v.trim().split_once(' ').unwrap();
    assert!(!client.is_empty() && api.starts_with("1."), "{v}");
    // Every key of docker's document is there (skiff records no commit or Go version).
    let keys = "{{.Server.GitCommit}}|{{.Client.GoVersion}}|{{.Client.Context}}|\
                {{(index .Server.Components 0).Details.Experimental}}";
    assert_eq!(sk.ok(&["version", "--format", keys]), "||default|false\n");
    sk.ok(&["rm", "-f", "i", "j"]);
}

/// podman's `info` template names answer too: scripts written for podman read the host's
/// architecture, the store's directories and counts, rootlessness and the id mappings.
#[test]
fn info_answers_podmans_template_fields() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "p", "--rootfs", &rootfs, "true"]);
    let rootless = !crate::harness::is_root();
    let f = "{{.Host.Arch}} {{.Host.OS}} {{.Host.Security.Rootless}} {{.Store.GraphDriverName}} \
             {{.Store.ContainerStore.Number}} {{.Store.ContainerStore.Stopped}} {{.Store.GraphRoot}}";
    assert_eq!(
        sk.ok(&["info", "--format", f]).trim(),
        format!(
            "{} linux {rootless} overlay 1 1 {}",
            sk.ok(&["version", "--format", "{{.Server.Arch}}"]).trim(),
            sk.root().display()
        )
    );
    // podman's socket path is a bare path (`DOCKER_HOST=unix://$(podman info --format ...)`).
    let socket = sk.ok(&["info", "--format", "{{.Host.RemoteSocket.Path}}"]);
    assert!(
        socket.starts_with('/') && socket.trim().ends_with(".sock"),
        "{socket}"
    );
    // Rootless: the caller's own id at 0, then its /etc/subuid range from 1 (podman's
    // IDMappings); root has none.
    let maps = sk.ok(&[
        "info",
        "--format",
        "{{range .Host.IDMappings.UIDMap}}{{.container_id}}:{{.size}} {{end}}",
    ]);
    if rootless {
        assert!(maps.starts_with("0:1 1:"), "{maps}");
    } else {
        assert_eq!(maps.trim(), "", "root has no id mappings: {maps}");
    }
    assert_eq!(
        sk.ok(&["info", "--format", "{{.Version.APIVersion}}"])
            .trim(),
        sk.ok(&["version", "--format", "{{.Server.APIVersion}}"])
            .trim()
    );
    // `--format json` stays docker's document.
    let json: serde_json::Value = serde_json::from_str(&sk.ok(&["info", "-f", "json"])).unwrap();
    assert!(
        json.get("Host").is_none() && json.get("ServerVersion").is_some(),
        "{json}"
    );
}
