//! `system df`, `system prune`, `system reset`, `system info` and `system events`: counts and
//! sizes checked against `images`, `ps -a -s` and `volume ls`, what prune removes and keeps,
//! and a reset after which skiff starts from empty. Run as root and rootless.

use crate::harness::{image, Skiff};

/// `system df`'s summary rows, `TYPE|TOTAL|ACTIVE|SIZE|RECLAIMABLE` each.
fn df_rows(sk: &Skiff) -> Vec<String> {
    sk.ok(&[
        "system",
        "df",
        "--format",
        "{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}",
    ])
    .lines()
    .map(String::from)
    .collect()
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.is_empty()).collect()
}

#[test]
fn df_counts_and_sizes_match_images_ps_and_volume_ls() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["pull", "-q", &img]);
    // A stopped container with 100000 bytes in its writable layer, a running one using a
    // volume that holds 5000 bytes, and a volume no container uses.
    sk.ok(&[
        "run",
        "--name",
        "stopped",
        &img,
        "sh",
        "-c",
        "head -c 100000 /dev/zero > /f",
    ]);
    sk.ok(&[
        "run",
        "--rm",
        "-v",
        "data:/d",
        &img,
        "sh",
        "-c",
        "head -c 5000 /dev/zero > /d/x",
    ]);
    sk.ok(&[
        "run", "-d", "--name", "up", "-v", "data:/d", &img, "sleep", "1000",
    ]);
    sk.ok(&["volume", "create", "spare"]);

    let table = sk.ok(&["system", "df"]);
    assert_eq!(
        table.lines().next(),
        Some("TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE"),
        "{table}"
    );
    let rows = df_rows(&sk);
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[0].starts_with("Images|1|1|"), "{rows:?}");
    assert_eq!(rows[1], "Containers|2|1|100kB|100kB (100%)", "{rows:?}");
    assert_eq!(rows[2], "Local Volumes|2|1|5kB|0B (0%)", "{rows:?}");
    assert_eq!(rows[3], "Build Cache|0|0|0B|0B", "{rows:?}");
    // podman's name of the count.
    assert_eq!(
        sk.ok(&["system", "df", "--format", "{{.Type}} {{.Total}}"]),
        "Images 1\nContainers 2\nLocal Volumes 2\nBuild Cache 0\n"
    );
    // The same counts as the listing commands.
    assert_eq!(lines(&sk.ok(&["images", "-q"])).len(), 1);
    assert_eq!(lines(&sk.ok(&["ps", "-a", "-q"])).len(), 2);
    assert_eq!(lines(&sk.ok(&["volume", "ls", "-q"])).len(), 2);

    // -v: per-image, per-container and per-volume rows agree with images, ps -s, volume ls.
    let doc: serde_json::Value =
        serde_json::from_str(&sk.ok(&["system", "df", "-v", "--format", "json"])).unwrap();
    let images = doc["Images"].as_array().unwrap();
    assert_eq!(images.len(), 1, "{doc}");
    assert_eq!(
        images[0]["Size"].as_str().unwrap(),
        sk.ok(&["images", "--format", "{{.Size}}"]).trim()
    );
    assert_eq!(images[0]["Containers"], "2", "{doc}");
    let ps = sk.ok(&["ps", "-a", "-s", "--format", "{{.Names}} {{.Size}}"]);
    for c in doc["Containers"].as_array().unwrap() {
        let name = c["Names"].as_str().unwrap();
        let line = ps
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} not in ps: {ps}"));
        assert!(
            line.starts_with(&format!("{name} {} (virtual", c["Size"].as_str().unwrap())),
            "df says {c}, ps says {line}"
        );
    }
    let mut volumes: Vec<String> = doc["Volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("{} {} {}", v["Name"], v["Links"], v["Size"]))
        .collect();
    volumes.sort();
    assert_eq!(
        volumes,
        ["\"data\" \"1\" \"5kB\"", "\"spare\" \"0\" \"0B\""]
    );
    let text = sk.ok(&["system", "df", "-v"]);
    assert!(
        text.starts_with("Images space usage:\n\nREPOSITORY "),
        "{text}"
    );
    assert!(
        text.contains("\nContainers space usage:\n\nCONTAINER ID "),
        "{text}"
    );
    assert!(
        text.contains("\nLocal Volumes space usage:\n\nVOLUME NAME "),
        "{text}"
    );
}

#[test]
fn prune_removes_stopped_containers_and_unused_objects_only() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let stopped = sk.ok(&["create", "--name", "stopped", "-v", "/anon", &img, "true"]);
    let stopped = stopped.trim();
    sk.ok(&["run", "-d", "--name", "up", &img, "sleep", "1000"]);
    sk.ok(&["network", "create", "unused"]);
    sk.ok(&["volume", "create", "named"]);

    // Without -f it asks; anything but yes keeps everything.
    let out = sk.run_with(
        &["system", "prune", "--volumes"],
        Some(b"n\n"),
        crate::harness::DEFAULT_TIMEOUT,
    );
    assert_eq!(out.status, 0, "{out:?}");
    // The question is on stdout, as docker's.
    assert!(
        out.stdout.contains("  - all stopped containers\n"),
        "{out:?}"
    );
    assert_eq!(lines(&sk.ok(&["ps", "-a", "-q"])).len(), 2);
    // A filter that matches nothing removes nothing.
    sk.ok(&["system", "prune", "-f", "--filter", "label=nobody=here"]);
    assert_eq!(lines(&sk.ok(&["ps", "-a", "-q"])).len(), 2);

    let report = sk.ok(&["system", "prune", "-f", "--volumes"]);
    assert!(
        report.starts_with(&format!(
            "Deleted Containers:\n{stopped}\n\nDeleted Networks:\nunused\n\nDeleted Volumes:\n"
        )),
        "{report}"
    );
    // podman's: a stopped pod goes first, its infra container with it.
    let pod = sk.ok(&["pod", "create", "--name", "idle"]);
    sk.ok(&["pod", "start", "idle"]);
    sk.ok(&["pod", "stop", "idle"]);
    let report = sk.ok(&["system", "prune", "-f"]);
    assert!(
        report.starts_with(&format!("Deleted Pods:\n{}\n", pod.trim())),
        "{report}"
    );
    sk.fails(&["pod", "exists", "idle"], 1);
    assert!(report.contains("Total reclaimed space: "), "{report}");
    let ps = sk.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(
        ps.trim(),
        "up",
        "the stopped container is gone, the running one stays"
    );
    let volumes = sk.ok(&["volume", "ls", "-q"]);
    assert_eq!(
        volumes.trim(),
        "named",
        "only the unused anonymous volume goes"
    );
    assert!(!sk.ok(&["network", "ls"]).contains("unused"));
    // The image a container uses stays, even with -a.
    sk.ok(&["system", "prune", "-a", "-f"]);
    assert_eq!(lines(&sk.ok(&["images", "-q"])).len(), 1);
    // Unused, it goes with -a; named volumes go with -a --volumes.
    sk.ok(&["rm", "-f", "up"]);
    let report = sk.ok(&["system", "prune", "-a", "-f", "--volumes"]);
    assert!(report.contains("Deleted Images:\nuntagged: "), "{report}");
    assert!(report.contains("Deleted Volumes:\nnamed\n"), "{report}");
    assert!(lines(&sk.ok(&["images", "-q"])).is_empty());
    assert!(lines(&sk.ok(&["volume", "ls", "-q"])).is_empty());
}

#[test]
fn prune_filters_pick_what_goes() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&[
        "create",
        "--name",
        "tagged",
        "--label",
        "sweep=yes",
        &img,
        "true",
    ]);
    sk.ok(&["create", "--name", "plain", &img, "true"]);
    // Everything is newer than an hour ago.
    sk.ok(&["system", "prune", "-f", "--filter", "until=1h"]);
    assert_eq!(lines(&sk.ok(&["ps", "-a", "-q"])).len(), 2);
    sk.ok(&["system", "prune", "-f", "--filter", "label=sweep=yes"]);
    let ps = sk.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(ps.trim(), "plain");
    let out = sk.fails(
        &["system", "prune", "-f", "--volumes", "--filter", "until=1h"],
        125,
    );
    assert!(out.stderr.contains("\"until\" filter"), "{out:?}");
}

#[test]
fn each_prune_command_takes_docker_s_filters() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    for (name, label) in [("swept", "sweep=yes"), ("kept", "sweep=no")] {
        sk.ok(&["create", "--name", name, "--label", label, &img, "true"]);
        sk.ok(&["volume", "create", "--label", label, &format!("v-{name}")]);
        sk.ok(&["network", "create", "--label", label, &format!("n-{name}")]);
    }
    let until = sk.ok(&["container", "prune", "-f", "--filter", "until=1h"]);
    assert_eq!(until, "Total reclaimed space: 0B\n", "both are newer");
    sk.ok(&["container", "prune", "-f", "--filter", "label=sweep=yes"]);
    assert_eq!(sk.ok(&["ps", "-a", "--format", "{{.Names}}"]), "kept\n");
    let vols = sk.ok(&["volume", "prune", "-a", "-f", "--filter", "label!=sweep=no"]);
    assert!(vols.starts_with("Deleted Volumes:\nv-swept\n"), "{vols}");
    assert_eq!(sk.ok(&["volume", "ls", "-q"]), "v-kept\n");
    let err = sk.fails(&["volume", "prune", "-f", "--filter", "until=1h"], 125);
    assert!(err.stderr.contains("invalid filter"), "{err:?}");
    let nets = sk.ok(&["network", "prune", "-f", "--filter", "label=sweep=yes"]);
    assert_eq!(nets, "Deleted Networks:\nn-swept\n\n");
    let listed = sk.ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert!(
        listed.contains("n-kept") && !listed.contains("n-swept"),
        "{listed}"
    );
    // busybox carries no label: image prune -a with a label filter keeps it.
    sk.ok(&["rm", "kept"]);
    sk.ok(&["image", "prune", "-a", "-f", "--filter", "label=sweep=yes"]);
    assert_eq!(lines(&sk.ok(&["images", "-q"])).len(), 1);
    sk.ok(&[
        "image",
        "prune",
        "-a",
        "-f",
        "--filter",
        "until=2000-01-01T00:00:00Z",
    ]);
    assert_eq!(
        lines(&sk.ok(&["images", "-q"])).len(),
        1,
        "built before 2000?"
    );
    sk.ok(&["image", "prune", "-a", "-f", "--filter", "until=1s"]);
    assert!(lines(&sk.ok(&["images", "-q"])).is_empty());
}

#[test]
fn reset_removes_everything_and_skiff_starts_again_from_empty() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&[
        "run", "-d", "--name", "up", "-v", "vol:/d", &img, "sleep", "1000",
    ]);
    sk.ok(&["create", "--name", "idle", &img, "true"]);
    sk.ok(&["network", "create", "net"]);
    let pid: i32 = sk
        .ok(&["inspect", "-f", "{{.State.Pid}}", "up"])
        .trim()
        .parse()
        .unwrap();
    assert!(pid > 0 && std::path::Path::new(&format!("/proc/{pid}")).exists());

    let out = sk.run_with(
        &["system", "reset"],
        Some(b"no\n"),
        crate::harness::DEFAULT_TIMEOUT,
    );
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(lines(&sk.ok(&["ps", "-a", "-q"])).len(), 2, "answered no");

    // A pod's infra container goes with its pod.
    sk.ok(&["pod", "create", "--name", "rp"]);
    sk.ok(&["system", "reset", "-f"]);
    let leftover: Vec<_> = std::fs::read_dir(sk.root())
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(leftover.is_empty(), "root dir still holds {leftover:?}");
    assert!(!sk.runroot().exists() || std::fs::read_dir(sk.runroot()).unwrap().next().is_none());
    // The running container's process is gone with it.
    let start = std::time::Instant::now();
    while std::fs::read_to_string(format!("/proc/{pid}/cmdline")).is_ok_and(|c| c.contains("sleep"))
    {
        assert!(start.elapsed().as_secs() < 10, "pid {pid} still runs");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(lines(&sk.ok(&["ps", "-a", "-q"])).is_empty());
    assert!(lines(&sk.ok(&["images", "-q"])).is_empty());
    assert!(lines(&sk.ok(&["volume", "ls", "-q"])).is_empty());
    assert!(!sk.ok(&["network", "ls"]).contains(" net "));
    assert_eq!(
        sk.ok(&["run", "--rm", "-q", &img, "echo", "again"]),
        "again\n"
    );
}

#[test]
fn system_info_and_events_are_the_top_level_commands() {
    let sk = Skiff::new();
    let root = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "c", "--rootfs", &root, "true"]);
    let template = "{{.ServerVersion}} {{.Containers}}";
    assert_eq!(
        sk.ok(&["system", "info", "--format", template]),
        sk.ok(&["info", "--format", template])
    );
    let until = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 1;
    let args = |cmd: &'static [&'static str]| -> Vec<String> {
        cmd.iter()
            .map(|s| s.to_string())
            .chain(
                [
                    "--since",
                    "10m",
                    "--until",
                    &until.to_string(),
                    "--format",
                    "{{.Action}} {{.Actor.Attributes.name}}",
                ]
                .map(String::from),
            )
            .collect()
    };
    let run = |a: Vec<String>| sk.ok(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let events = run(args(&["system", "events"]));
    assert!(events.contains("create c\n"), "{events}");
    assert_eq!(events, run(args(&["events"])));
}

/// `system migrate` (podman's command after /etc/subuid changed) stops every running container,
/// a pod's too and one with a restart policy, and they stay stopped; rootless, the next
/// container starts in a new user namespace instead of the one the running containers kept.
#[test]
fn system_migrate_stops_every_container_and_drops_the_kept_user_namespace() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let userns_of = |name: &str| {
        let pid = sk.inspect(name, "{{.State.Pid}}");
        std::fs::read_link(format!("/proc/{pid}/ns/user")).unwrap()
    };
    #[rustfmt::skip]
    sk.ok(&["run", "-d", "--name", "m1", "--restart", "always", "--stop-timeout", "1", "--rootfs", &rootfs, "sleep", "100"]);
    sk.ok(&["pod", "create", "--name", "mp"]);
    #[rustfmt::skip]
    sk.ok(&["run", "-d", "--name", "m2", "--pod", "mp", "--stop-timeout", "1", "--rootfs", &rootfs, "sleep", "100"]);
    let before = userns_of("m1");
    // While m1 runs, a new container joins the namespace it keeps.
    #[rustfmt::skip]
    sk.ok(&["run", "-d", "--name", "m3", "--stop-timeout", "1", "--rootfs", &rootfs, "sleep", "100"]);
    assert_eq!(userns_of("m3"), before, "the kept namespace is shared");
    sk.ok(&["rm", "-f", "m3"]);

    assert_eq!(sk.ok(&["system", "migrate"]), "");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(
        sk.ok(&[
            "ps",
            "-a",
            "--format",
            "{{.Names}} {{.State}}",
            "--sort",
            "names"
        ]),
        format!(
            "{}-infra exited\nm1 exited\nm2 exited\n",
            &sk.ok(&["pod", "inspect", "mp", "--format", "{{.Id}}"])[..12]
        )
    );
    #[rustfmt::skip]
    sk.ok(&["run", "-d", "--name", "m4", "--stop-timeout", "1", "--rootfs", &rootfs, "sleep", "100"]);
    if !crate::harness::is_root() {
        assert_ne!(
            userns_of("m4"),
            before,
            "a new user namespace after migrate"
        );
    }
    let bad = sk.fails(&["system", "migrate", "--new-runtime", "crun"], 125);
    assert!(bad.stderr.contains("own runtime"), "{bad:?}");
    sk.ok(&["system", "migrate", "--new-runtime", "skiff"]);
    assert_eq!(sk.inspect("m4", "{{.State.Status}}"), "exited");
    sk.ok(&["pod", "rm", "-f", "mp"]);
    sk.ok(&["rm", "-f", "m1", "m4"]);
}
