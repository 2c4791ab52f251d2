//! `inspect` as docker prints it: `-f json`, escapes, a template failing on one of several
//! objects, GraphDriver/networks/sizes, nil slices and maps, key order, and podman's keys beside
//! docker's. Run as root and as an unprivileged user.

use crate::harness::Skiff;

#[test]
fn inspect_format_json_and_escapes_like_docker() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    assert_eq!(
        sk.ok(&["inspect", "-f", "json", "c"]),
        sk.ok(&["inspect", "c"])
    );
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.Name}}\\t{{.State.Status}}", "c"]),
        "/c\\tcreated\n"
    );
    assert_eq!(
        sk.ok(&["ps", "-a", "--format", "{{.Names}}\\t{{.State}}"]),
        "c\tcreated\n"
    );
}

/// `inspect` finds any kind of object (docker's order: container, image, network, volume; then
/// podman's pods); `container inspect` only containers.
#[test]
fn inspect_finds_each_kind_and_container_inspect_only_containers() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    let tar = sk.path("rootfs.tar");
    let made = std::process::Command::new("tar")
        .args(["-C", &rootfs, "-cf"])
        .arg(&tar)
        .arg("bin")
        .status()
        .unwrap();
    assert!(made.success());
    sk.ok(&["import", "-q", tar.to_str().unwrap(), "local/snap:1"]);
    sk.ok(&["network", "create", "net1"]);
    sk.ok(&["volume", "create", "vol1"]);
    assert_eq!(sk.ok(&["inspect", "-f", "{{.Name}}", "c"]), "/c\n");
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{index .RepoTags 0}}", "local/snap:1"]),
        "local/snap:1\n"
    );
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.Name}} {{.Driver}}", "net1"]),
        "net1 bridge\n"
    );
    let vol = sk.ok(&["inspect", "-f", "{{.Name}} {{.Mountpoint}}", "vol1"]);
    assert!(vol.starts_with("vol1 /"), "{vol}");
    assert_eq!(
        sk.ok(&["inspect", "--type", "network", "-f", "{{.Name}}", "net1"]),
        "net1\n"
    );
    let out = sk.fails(&["inspect", "nosuch"], 125);
    assert!(
        out.stderr.contains("No such object: nosuch"),
        "{}",
        out.stderr
    );
    // An image's name is no container's.
    let out = sk.fails(&["container", "inspect", "local/snap:1"], 125);
    assert!(
        out.stderr.contains("No such container: local/snap:1"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "[]\n");
    assert_eq!(
        sk.ok(&["container", "inspect", "-f", "{{.Name}}", "c"]),
        "/c\n"
    );
    sk.ok(&["network", "rm", "net1"]);
}

#[test]
fn inspect_format_failing_on_one_object_prints_the_others() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "a", "--rootfs", &rootfs, "true"]);
    let label = ["--label", "k=v"];
    sk.ok(&[
        &["create", "--name", "b"][..],
        &label,
        &["--rootfs", &rootfs, "true"],
    ]
    .concat());
    let out = sk.run(&[
        "inspect",
        "-f",
        "{{.Name}} {{.Config.Labels.k.X}}",
        "a",
        "b",
        "a",
    ]);
    assert_eq!(out.status, 125, "{}", out.stderr);
    assert_eq!(out.stdout, "/a <no value>\n/a <no value>\n");
    assert!(
        out.stderr.contains("can't evaluate field X in type string"),
        "{}",
        out.stderr
    );
}

#[test]
fn inspect_has_docker_graph_driver_networks_and_sizes() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let overlay = format!("{rootfs}:O");
    sk.ok(&[
        "run",
        "--name",
        "w",
        "--rootfs",
        &overlay,
        "sh",
        "-c",
        "head -c 8192 /dev/zero > /f",
    ]);
    let id = sk.inspect("w", "{{.Id}}");
    let dir = sk.root().join("storage/containers").join(&id);
    assert_eq!(
        sk.inspect(
            "w",
            "{{.GraphDriver.Name}} {{.GraphDriver.Data.LowerDir}} {{.GraphDriver.Data.UpperDir}}"
        ),
        format!("overlay {rootfs} {}", dir.join("upper").display())
    );
    assert_eq!(
        sk.inspect(
            "w",
            "{{.ExecIDs}} {{.HostConfig.ShmSize}} {{.HostConfig.IpcMode}} {{json .HostConfig.Dns}}"
        ),
        "[] 67108864 private []"
    );
    assert_eq!(
        sk.inspect(
            "w",
            "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}};{{end}}"
        ),
        "bridge=;"
    );
    let sizes = sk.ok(&["inspect", "-s", "-f", "{{.SizeRw}} {{.SizeRootFs}}", "w"]);
    let sizes: Vec<u64> = sizes
        .split_whitespace()
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(sizes[0] >= 8192, "{sizes:?}");
    assert!(sizes[1] > sizes[0], "{sizes:?}");
    assert_eq!(sk.inspect("w", "{{.SizeRootFs}}"), "<nil>");
}

#[test]
fn inspect_prints_nil_slices_and_maps_like_docker() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "n", "--rootfs", &rootfs, "true"]);
    assert_eq!(
        sk.inspect(
            "n",
            "{{.Config.Entrypoint}} {{.Config.Volumes}} {{.HostConfig.Binds}} {{.HostConfig.CapAdd}}"
        ),
        "[] map[] [] []"
    );
    assert_eq!(
        sk.inspect(
            "n",
            "{{json .Config.Entrypoint}} {{json .Config.Volumes}} {{json .HostConfig.Binds}}"
        ),
        "null null null"
    );
}

#[test]
fn inspect_prints_keys_in_docker_order() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "o", "--rootfs", &rootfs, "true"]);
    let text = sk.ok(&["inspect", "o"]);
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("        \"") && l.contains("\":"))
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        keys[..5],
        ["Id", "Created", "Path", "Args", "State"],
        "{keys:?}"
    );
    let pos = |k: &str| keys.iter().position(|x| *x == k).unwrap();
    assert!(pos("HostConfig") < pos("GraphDriver") && pos("Mounts") < pos("Config"));
    assert!(pos("Config") < pos("NetworkSettings"), "{keys:?}");
}

/// podman's keys beside docker's, for scripts that read them: a container's pod, infra flag,
/// dependencies, capabilities, image digest, runtime and run-file directory; an image's
/// digest, labels, user, history and names.
#[test]
fn inspect_has_podman_s_keys_too() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = crate::harness::image("busybox:latest");
    sk.ok(&["pull", "-q", &img]);
    let pod = sk.ok(&["pod", "create", "--name", "pk"]).trim().to_string();
    sk.ok(&[
        "create",
        "--pod",
        "pk",
        "--name",
        "member",
        "--cap-drop",
        "ALL",
        "--cap-add",
        "CHOWN",
        &img,
        "true",
    ]);
    sk.ok(&["create", "--name", "plain", "--user", "1000", &img, "true"]);
    let infra = sk.ok(&["pod", "inspect", "-f", "{{.InfraContainerID}}", "pk"]);
    let infra = infra.trim();
    let digest = sk.inspect(&img, "{{.Digest}}");
    assert!(
        digest.starts_with("sha256:") && digest.len() == 71,
        "{digest}"
    );
    assert_eq!(
        sk.inspect("member", "{{.Pod}} {{.IsInfra}} {{.IsService}} {{.OCIRuntime}} {{.Dependencies}} {{.BoundingCaps}} {{.EffectiveCaps}} {{.ImageDigest}}"),
        format!("{pod} false false skiff [{infra}] [CAP_CHOWN] [CAP_CHOWN] {digest}")
    );
    assert_eq!(
        sk.inspect(infra, "{{.IsInfra}} {{.Dependencies}}"),
        "true []"
    );
    assert_eq!(sk.inspect("plain", "{{.Pod}}|{{.EffectiveCaps}}"), "|[]");
    let static_dir = sk.inspect("plain", "{{.StaticDir}}");
    assert!(
        std::path::Path::new(&static_dir).join("hosts").is_file(),
        "{static_dir}"
    );
    let names = sk.inspect(
        &img,
        "{{.NamesHistory}} {{len .History}} {{.User}}|{{.Version}}",
    );
    assert!(
        names.starts_with('[') && names.contains("busybox:latest]"),
        "{names}"
    );
    sk.ok(&["pod", "rm", "-f", "pk"]);
}
