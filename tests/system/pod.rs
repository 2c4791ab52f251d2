//! Pod system tests: a pod's published port reaches a member's server, members reach each
//! other on 127.0.0.1 and share the pod's host name, `pod ps` shows podman's columns and
//! status transitions, `pod inspect` podman's keys, stop/start/rm -f leave no container and no
//! process, `--pod new:`, and the refused cases with their exit codes. Run as root and rootless.

use crate::harness::Skiff;
use crate::network::{alive, free_port, serve, tcp_answer};

/// A python client for `--rootfs /:O` containers: prints what 127.0.0.1:PORT answers.
const CLIENT: &str = "import socket,sys; s=socket.create_connection(('127.0.0.1', int(sys.argv[1])), 10); print(s.recv(100).decode().strip())";

/// The `pod ps` row of `pod` formatted with `template`.
fn pod_field(sk: &Skiff, pod: &str, template: &str) -> String {
    sk.ok(&[
        "pod",
        "ps",
        "--filter",
        &format!("name={pod}"),
        "--format",
        template,
    ])
    .trim()
    .to_string()
}

/// The full id of pod `name`.
fn pod_id(sk: &Skiff, name: &str) -> String {
    sk.ok(&["pod", "inspect", "--format", "{{.Id}}", name])
        .trim()
        .to_string()
}

/// The pids of the processes of the containers of `sk` as recorded by inspect.
fn container_pids(sk: &Skiff, names: &[&str]) -> Vec<i32> {
    names
        .iter()
        .map(|n| sk.inspect(n, "{{.State.Pid}}").trim().parse().unwrap())
        .collect()
}

#[test]
fn pod_port_members_localhost_status_and_removal() {
    let sk = Skiff::new();
    let port = free_port();
    let id = sk
        .ok(&[
            "pod",
            "create",
            "--name",
            "p1",
            "-p",
            &format!("{port}:7000"),
            "--label",
            "tier=web",
        ])
        .trim()
        .to_string();
    assert_eq!(id.len(), 64, "pod create prints the full id: {id}");
    let infra = format!("{}-infra", &id[..12]);
    // A new pod: only its infra container, Created.
    assert_eq!(
        pod_field(&sk, "p1", "{{.Status}} {{.NumberOfContainers}}"),
        "Created 1"
    );
    let table = sk.ok(&["pod", "ps"]);
    let header = table.lines().next().unwrap();
    for col in [
        "POD ID",
        "NAME",
        "STATUS",
        "CREATED",
        "INFRA ID",
        "# OF CONTAINERS",
    ] {
        assert!(header.contains(col), "{header}");
    }
    assert!(table.contains(&id[..12]) && table.contains(&sk.inspect(&infra, "{{.Id}}")[..12]));
    // podman's JSON: one array of reports with full ids and the containers as objects.
    let reports: serde_json::Value =
        serde_json::from_str(&sk.ok(&["pod", "ps", "--format", "json"])).unwrap();
    assert_eq!(reports[0]["Id"], id.as_str(), "{reports}");
    assert_eq!(
        reports[0]["Containers"][0]["Names"],
        infra.as_str(),
        "{reports}"
    );
    assert_eq!(
        reports[0]["InfraId"].as_str().unwrap().len(),
        64,
        "{reports}"
    );
    assert_eq!(pod_field(&sk, "p1", "{{.Id}}{{.Namespace}}"), &id[..12]);

    // Member A serves on 7000; the pod's published port reaches it from the host.
    serve(&sk, "a", &["--pod", "p1"], &["7000/tcp"]);
    assert!(tcp_answer(&format!("127.0.0.1:{port}")).starts_with("hello 7000"));
    assert_eq!(pod_field(&sk, "p1", "{{.Status}}"), "Running");
    // The pod's published port shows on its member too, as podman's.
    let published = format!("0.0.0.0:{port}");
    assert_eq!(sk.ok(&["port", "a"]), format!("7000/tcp -> {published}\n"));
    let ps = sk.ok(&["ps", "--filter", "name=^a$", "--format", "{{.Ports}}"]);
    assert!(ps.contains(&format!("{published}->7000/tcp")), "{ps}");
    assert!(
        sk.inspect("a", "{{json .NetworkSettings.Ports}}")
            .contains(&port.to_string()),
        "the member's NetworkSettings.Ports"
    );
    // Member B reaches A on 127.0.0.1 and has the pod's host name.
    let out = sk.ok(&[
        "run", "--rm", "--pod", "p1", "--rootfs", "/:O", "python3", "-c", CLIENT, "7000",
    ]);
    assert!(out.starts_with("hello 7000 127.0.0.1"), "{out}");
    assert_eq!(
        sk.ok(&["run", "--rm", "--pod", "p1", "--rootfs", "/:O", "hostname"])
            .trim(),
        "p1"
    );
    sk.ok(&[
        "create", "--name", "b", "--pod", "p1", "--rootfs", "/:O", "sleep", "1000",
    ]);
    assert_eq!(pod_field(&sk, "p1", "{{.Status}}"), "Degraded");
    assert_eq!(
        pod_field(&sk, "p1", "{{.ContainerNames}} {{.ContainerStatuses}}"),
        format!("{infra},a,b running,running,created")
    );

    // ps --pod, ps --filter pod=, inspect's Pod.
    let ps = sk.ok(&["ps", "-a", "--pod", "--filter", "pod=p1"]);
    assert!(
        ps.lines().next().unwrap().contains("POD ID") && ps.contains("PODNAME"),
        "{ps}"
    );
    assert_eq!(ps.lines().count(), 4, "{ps}");
    assert!(
        ps.lines()
            .skip(1)
            .all(|l| l.contains(&id[..12]) && l.contains("p1")),
        "{ps}"
    );
    assert_eq!(sk.inspect("a", "{{.Pod}}").trim(), id);

    // pod inspect: podman's keys.
    let doc: serde_json::Value = serde_json::from_str(&sk.ok(&["pod", "inspect", "p1"])).unwrap();
    for key in [
        "Id",
        "Name",
        "Created",
        "State",
        "Hostname",
        "Labels",
        "CreateCommand",
        "InfraContainerID",
        "SharedNamespaces",
        "NumContainers",
        "Containers",
        "InfraConfig",
    ] {
        assert!(doc.get(key).is_some(), "pod inspect lacks {key}: {doc}");
    }
    assert_eq!(doc["Id"], id);
    assert_eq!(doc["NumContainers"], 3);
    assert_eq!(doc["Labels"]["tier"], "web");
    assert_eq!(
        doc["SharedNamespaces"],
        serde_json::json!(["ipc", "net", "uts"])
    );
    assert_eq!(
        doc["InfraConfig"]["PortBindings"]["7000/tcp"][0]["HostPort"],
        port.to_string()
    );
    assert_eq!(
        sk.ok(&["pod", "inspect", "--format", "{{.Name}} {{.State}}", "p1"])
            .trim(),
        "p1 Degraded"
    );

    // stop: every process gone, Exited; start: the infra and members come back.
    let pids = container_pids(&sk, &[&infra, "a"]);
    assert_eq!(sk.ok(&["pod", "stop", "-t", "2", "p1"]).trim(), id);
    assert!(
        pids.iter().all(|p| !alive(*p)),
        "processes left after pod stop"
    );
    // b never ran (created): podman calls a pod with some exited containers Stopped.
    assert_eq!(pod_field(&sk, "p1", "{{.Status}}"), "Stopped");
    // Starting a member of a stopped pod starts its infra first.
    sk.ok(&["start", "a"]);
    assert_eq!(sk.inspect(&infra, "{{.State.Status}}").trim(), "running");
    assert!(tcp_answer(&format!("127.0.0.1:{port}")).starts_with("hello 7000"));
    assert_eq!(sk.ok(&["pod", "start", "p1"]).trim(), id);
    assert_eq!(pod_field(&sk, "p1", "{{.Status}}"), "Running");

    // rm without -f refuses a running pod; the infra goes only with its pod.
    let out = sk.fails(&["pod", "rm", "p1"], 2);
    assert!(out.stderr.contains("-f"), "{}", out.stderr);
    let out = sk.run(&["rm", "-f", &infra]);
    assert_ne!(out.status, 0);
    assert!(
        out.stderr.contains("infra container of pod"),
        "{}",
        out.stderr
    );
    // rm -a passes over the infra: the members go, the pod stays with its infra.
    let pids = container_pids(&sk, &[&infra, "a", "b"]);
    let removed = sk.ok(&["rm", "-a", "-f", "-t", "1"]);
    assert!(!removed.contains(&id[..12]), "{removed}");
    assert_eq!(
        sk.ok(&["ps", "-aq", "--no-trunc"]).trim(),
        sk.inspect(&infra, "{{.Id}}").trim()
    );
    // Only the infra runs: podman's `pod rm` stops it, no -f needed.
    assert_eq!(sk.ok(&["pod", "rm", "-t", "1", "p1"]).trim(), id);
    assert!(
        pids.iter().filter(|p| **p > 0).all(|p| !alive(*p)),
        "processes left after pod rm"
    );
    assert_eq!(sk.ok(&["ps", "-aq"]).trim(), "");
    assert_eq!(sk.ok(&["pod", "ps", "-q"]).trim(), "");
    sk.fails(&["pod", "exists", "p1"], 1);
}

#[test]
fn pod_new_refusals_and_exit_codes() {
    let sk = Skiff::new();
    let port = free_port();
    // --pod new: makes the pod; the container's -p moves to it.
    serve(
        &sk,
        "srv",
        &["--pod", "new:p2", "-p", &format!("{port}:7001")],
        &["7001/tcp"],
    );
    assert!(tcp_answer(&format!("127.0.0.1:{port}")).starts_with("hello 7001"));
    sk.ok(&["pod", "exists", "p2"]);
    assert_eq!(
        pod_field(&sk, "p2", "{{.NumberOfContainers}} {{.Status}}"),
        "2 Running"
    );
    // generate systemd POD: the pod's unit and one per member, bound to each other.
    let units = sk.ok(&["generate", "systemd", "--name", "p2"]);
    assert!(units.contains("# container-srv.service"), "{units}");
    assert!(
        units.contains("BindsTo=pod-p2.service\nAfter=pod-p2.service\n"),
        "{units}"
    );
    assert!(units.contains("# pod-p2.service"), "{units}");
    assert!(
        units.contains("Wants=container-srv.service\nBefore=container-srv.service\n"),
        "{units}"
    );
    assert!(
        units.contains(&format!(" start {}-infra\n", &pod_id(&sk, "p2")[..12])),
        "{units}"
    );
    // Pod events.
    let events = sk.ok(&[
        "events",
        "--since",
        "0",
        "--until",
        "0s",
        "--filter",
        "type=pod",
        "--format",
        "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}",
    ]);
    assert!(events.contains("pod create p2"), "{events}");
    // Ports on a member are refused with podman's message.
    let out = sk.fails(
        &[
            "run", "--pod", "p2", "-p", "8080:80", "--rootfs", "/:O", "true",
        ],
        125,
    );
    assert!(
        out.stderr
            .contains("published or exposed ports must be defined when the pod is created"),
        "{}",
        out.stderr
    );
    // A missing pod: 125 for the verbs, 1 for rm (podman's documented status) and exists.
    for (verb, status) in [
        ("start", 125),
        ("stop", 125),
        ("rm", 1),
        ("inspect", 125),
        ("kill", 125),
    ] {
        let out = sk.fails(&["pod", verb, "nosuch"], status);
        assert!(out.stderr.contains("nosuch"), "{verb}: {}", out.stderr);
    }
    sk.fails(&["pod", "exists", "nosuch"], 1);
    sk.fails(&["run", "--pod", "nosuch", "--rootfs", "/:O", "true"], 125);
    // As podman's: `pod rm -f` passes over it silently, `ps --filter pod=` lists nothing.
    let out = sk.run(&["pod", "rm", "-f", "nosuch"]);
    assert!(
        out.status == 0 && out.stdout.is_empty() && out.stderr.is_empty(),
        "{out:?}"
    );
    assert_eq!(
        sk.ok(&["ps", "-a", "-q", "--filter", "pod=nosuch"]),
        "",
        "a missing pod holds no container"
    );
    // network rm -f of a pod's network removes the pod with it.
    sk.ok(&["network", "create", "podnet"]);
    sk.ok(&["pod", "create", "--name", "pn", "--network", "podnet"]);
    // The pod's networks, as podman lists them.
    assert_eq!(
        sk.ok(&[
            "pod",
            "ps",
            "--filter",
            "name=pn",
            "--format",
            "{{.Name}} {{.Networks}}"
        ]),
        "pn podnet\n"
    );
    assert_eq!(
        sk.ok(&["pod", "inspect", "-f", "{{.InfraConfig.Networks}}", "pn"]),
        "[podnet]\n"
    );
    // podman's member and network filters; the same key ORed, different keys ANDed.
    let names = |filters: &[&str]| {
        let mut args = vec!["pod", "ps", "--format", "{{.Name}}", "--sort", "name"];
        for f in filters {
            args.extend(["--filter", f]);
        }
        sk.ok(&args)
    };
    assert_eq!(names(&["network=podnet"]), "pn\n");
    assert_eq!(names(&["network=podnet", "network=nonet"]), "pn\n");
    assert_eq!(names(&["network=podnet", "name=p2"]), "");
    assert_eq!(
        names(&["name=pn", "ctr-names=-infra$", "ctr-number=1"]),
        "pn\n"
    );
    assert_eq!(
        names(&["name=pn", "ctr-names=^nomatch", "ctr-names=-infra$"]),
        "pn\n"
    );
    assert_eq!(names(&["name=pn", "ctr-names=^nomatch"]), "");
    assert_eq!(names(&["name=pn", "ctr-number=2"]), "");
    assert_eq!(names(&["name=pn", "ctr-status=created"]), "pn\n");
    assert_eq!(names(&["name=pn", "ctr-status=running"]), "");
    assert_eq!(names(&["name=pn", "until=1h"]), "");
    assert_eq!(names(&["name=pn", "until=0s"]), "pn\n");
    let infra = sk.ok(&["pod", "inspect", "-f", "{{.InfraContainerID}}", "pn"]);
    assert_eq!(names(&[&format!("ctr-ids={}", &infra[..12])]), "pn\n");
    sk.ok(&["network", "rm", "-f", "podnet"]);
    sk.fails(&["pod", "exists", "pn"], 1);
    // A refused `--pod new:` leaves no pod behind.
    sk.fails(
        &[
            "run",
            "--pod",
            "new:p3",
            "--network",
            "none",
            "--rootfs",
            "/:O",
            "true",
        ],
        125,
    );
    sk.fails(&["pod", "exists", "p3"], 1);
    // A taken name; --replace takes it over.
    sk.fails(&["pod", "create", "--name", "p2"], 125);
    sk.fails(&["pod", "create", "--share", "cgroup"], 125);
    sk.fails(&["pod", "create", "--infra=false", "-p", "9999:80"], 125);
    // Without an infra container podman's InfraContainerID is there, empty.
    sk.ok(&["pod", "create", "--infra=false", "--name", "bare"]);
    let infra = "{{.InfraContainerID}}|{{.CreateInfra}}";
    assert_eq!(sk.ok(&["pod", "inspect", "-f", infra, "bare"]), "|false\n");
    sk.ok(&["pod", "rm", "bare"]);
    let new_id = sk
        .ok(&["pod", "create", "--name", "p2", "--replace"])
        .trim()
        .to_string();
    assert_eq!(sk.ok(&["pod", "ps", "-q", "--no-trunc"]).trim(), new_id);
    assert_eq!(
        sk.ok(&["ps", "-a", "--format", "{{.Names}}"]).trim(),
        format!("{}-infra", &new_id[..12])
    );
    // stats: a row per container of the pod, podman's columns.
    sk.ok(&["pod", "start", "p2"]);
    let infra = format!("{}-infra", &new_id[..12]);
    let stats = sk.ok(&["pod", "stats", "--no-stream", "p2"]);
    assert!(
        stats.starts_with("POD ") && stats.contains("MEM USAGE / LIMIT"),
        "{stats}"
    );
    assert_eq!(
        sk.ok(&[
            "pod",
            "stats",
            "--no-stream",
            "--format",
            "{{.Pod}} {{.Name}}"
        ])
        .trim(),
        format!("{} {infra}", &new_id[..12])
    );
    // kill, then prune removes the stopped pod.
    assert_eq!(sk.ok(&["pod", "kill", "p2"]).trim(), new_id);
    let limit = std::time::Duration::from_secs(10);
    assert_eq!(
        sk.wait_for(&infra, "{{.State.Status}}", "exited", limit),
        "exited"
    );
    assert_eq!(sk.ok(&["pod", "prune", "-f"]).trim(), new_id);
    assert_eq!(sk.ok(&["ps", "-aq"]).trim(), "");
}

/// `pod rm -f p1 p2`: every member of both pods, running as a user other than root, is gone
/// and both pods with them; rootless, all are signalled before either pod's files go (from
/// inside the user namespace another pod's non-root processes could not be signalled).
#[test]
fn pod_rm_f_of_two_pods_stops_every_member() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let mut names = Vec::new();
    for p in ["ra", "rb"] {
        sk.ok(&["pod", "create", "--name", p]);
        for m in ["1", "2"] {
            let name = format!("{p}{m}");
            sk.ok(&[
                "run",
                "-d",
                "--pod",
                p,
                "--name",
                &name,
                "--user",
                "1000:1000",
                "--rootfs",
                &rootfs,
                "sleep",
                "600",
            ]);
            names.push(name);
        }
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let pids = container_pids(&sk, &refs);
    // podman's inspect of two pods: a JSON array (one pod: an object).
    let both: serde_json::Value =
        serde_json::from_str(&sk.ok(&["pod", "inspect", "ra", "rb"])).expect("JSON");
    assert_eq!(both.as_array().map(Vec::len), Some(2), "{both}");
    assert_eq!(both[1]["Name"], "rb");
    let started = std::time::Instant::now();
    let out = sk.run(&["pod", "rm", "-f", "-t", "2", "ra", "rb"]);
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(out.stdout.lines().count(), 2, "{out:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(sk.ok(&["pod", "ps", "-q"]), "");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    for pid in pids {
        assert!(!alive(pid), "process {pid} of a removed pod still runs");
    }
    // One pod named twice (its name and an id prefix) is removed once; the second name finds
    // it gone (it used to wait for ever on the lock the first name held).
    let id = sk.ok(&["pod", "create", "--name", "rc"]);
    let out = sk.run(&["pod", "rm", "rc", &id.trim()[..12]]);
    assert_eq!(out.stdout, id, "{out:?}");
    assert!(out.stderr.contains("No such pod"), "{out:?}");
    assert_eq!(sk.ok(&["pod", "ps", "-q"]), "");
}

/// A container joining a pod whose lock `pod rm` holds (here `flock` holds it as `pod rm`
/// does) waits until it is released, then joins the pod that is still there; and a `run --pod`
/// racing `pod rm -f` either joins before the removal (and goes with the pod) or fails, never
/// with a database error, and leaves nothing behind.
#[test]
fn joining_a_pod_waits_while_it_is_being_removed() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["pod", "create", "--name", "held"]);
    let id = pod_id(&sk, "held");
    let lock = sk.runroot().join("locks").join(format!("pod-{id}.lock"));
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    // Someone (as `pod rm` does) holds the pod's lock for a while; the mark is written just
    // before the lock is released.
    let mark = sk.root().join("released");
    let holder = std::process::Command::new("flock")
        .arg("-x")
        .arg(&lock)
        .args(["sh", "-c", "sleep 1; touch \"$0\""])
        .arg(&mark)
        .spawn()
        .unwrap();
    let held = (0..200).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(10));
        let probe = std::process::Command::new("flock")
            .args(["-n", "-s"])
            .arg(&lock)
            .arg("true")
            .status()
            .unwrap();
        !probe.success()
    });
    assert!(held, "the holder never took the pod's lock");
    let joined = sk.run(&[
        "create", "--name", "joiner", "--pod", "held", "--rootfs", &rootfs, "true",
    ]);
    assert_eq!(joined.status, 0, "{joined:?}");
    assert!(
        joined.stderr.contains("pod held is being removed: waiting"),
        "the wait went unsaid: {joined:?}"
    );
    assert!(
        mark.exists(),
        "the member was created while the pod's lock was held by another"
    );
    let mut holder = holder;
    assert!(holder.wait().unwrap().success());
    let pod = sk.ok(&["inspect", "--format", "{{.Pod}}", "joiner"]);
    assert_eq!(pod.trim(), id);
    sk.ok(&["pod", "rm", "-f", "held"]);
    for round in 0..3 {
        let name = format!("race{round}");
        sk.ok(&["pod", "create", "--name", &name]);
        let joiners: Vec<_> = (0..3)
            .map(|_| {
                sk.cmd(&[
                    "run", "-d", "--pod", &name, "--rootfs", &rootfs, "sleep", "60",
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
            })
            .collect();
        let rm = sk.run(&["pod", "rm", "-f", "-t", "0", &name]);
        for j in joiners {
            let out = j.wait_with_output().unwrap();
            let e = String::from_utf8_lossy(&out.stderr);
            // A joiner may lose the race in several ways (refused, or its container removed
            // before it started); never through the database.
            assert!(
                !e.to_lowercase().contains("foreign key"),
                "round {round}: {e}"
            );
        }
        assert!(rm.status == 0, "{rm:?}");
        sk.fails(&["pod", "exists", &name], 1);
    }
    assert_eq!(sk.ok(&["ps", "-aq"]), "", "a joiner outlived its pod");
}

#[test]
fn pod_logs_prefix_each_container_s_lines() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["pod", "create", "--name", "lp"]);
    for (name, script) in [
        ("lp1", "echo one; echo err1 >&2; sleep 0.4; echo three"),
        ("lp2", "sleep 0.2; echo two; sleep 0.8; echo four"),
    ] {
        sk.ok(&[
            "run", "-d", "--pod", "lp", "--name", name, "--rootfs", &rootfs, "sh", "-c", script,
        ]);
    }
    let of = |text: &str, prefix: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix(prefix))
            .map(|l| l.rsplit(' ').next().unwrap().to_string())
            .collect()
    };
    // -f: every container's lines as they come, until all have stopped; stderr to stderr.
    let followed = sk.run(&["pod", "logs", "-f", "-n", "lp"]);
    assert_eq!(followed.status, 0, "{followed:?}");
    assert_eq!(followed.stdout.lines().count(), 4, "{followed:?}");
    assert_eq!(of(&followed.stdout, "lp1 "), ["one", "three"]);
    assert_eq!(of(&followed.stdout, "lp2 "), ["two", "four"]);
    assert_eq!(followed.stderr, "lp1 err1\n");
    // Without -f: ids, in time order across containers (the infra container has none).
    let ids: Vec<String> = ["lp1", "lp2"]
        .iter()
        .map(|n| sk.inspect(n, "{{.Id}}").trim()[..12].to_string())
        .collect();
    let stamped = sk.ok(&["pod", "logs", "-t", "lp"]);
    assert_eq!(of(&stamped, &format!("{} ", ids[0])), ["one", "three"]);
    assert_eq!(of(&stamped, &format!("{} ", ids[1])), ["two", "four"]);
    let times: Vec<&str> = stamped
        .lines()
        .map(|l| l.split(' ').nth(1).unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "{stamped}");
    // -c picks one container, whose lines are as `logs` prints them (podman's); --tail
    // counts its lines; --names labels them with its name.
    assert_eq!(
        sk.ok(&["pod", "logs", "-c", "lp2", "--tail", "1", "lp"]),
        "four\n"
    );
    assert_eq!(
        sk.ok(&["pod", "logs", "-c", "lp2", "--names", "--tail", "1", "lp"]),
        "lp2 four\n"
    );
    let out = sk.fails(&["pod", "logs", "-c", "lp9", "lp"], 125);
    assert!(out.stderr.contains("is not in pod lp"), "{out:?}");
}

#[test]
fn pod_create_s_infra_flags_reach_every_member() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "pod",
        "create",
        "--name",
        "pp",
        "--infra-name",
        "pp-infra",
        "--dns-search",
        "example.com",
        "--dns-option",
        "ndots:3",
        "--shm-size",
        "32m",
        "--sysctl",
        "kernel.msgmax=4096",
    ]);
    assert_eq!(
        sk.ok(&[
            "ps",
            "-a",
            "--pod",
            "--filter",
            "pod=pp",
            "--format",
            "{{.Names}}"
        ]),
        "pp-infra\n"
    );
    // The members share the infra's network (its resolver settings), IPC (its /dev/shm) and
    // so its IPC sysctls.
    let seen = sk.ok(&[
        "run", "--rm", "--pod", "pp", "--rootfs", &rootfs, "sh", "-c",
        "grep -E '^(search|options)' /etc/resolv.conf; df -k /dev/shm | tail -1 | awk '{print $2}'; \
         cat /proc/sys/kernel/msgmax",
    ]);
    assert_eq!(seen, "search example.com\noptions ndots:3\n32768\n4096\n");
    sk.ok(&["pod", "rm", "-f", "pp"]);
}

#[test]
fn infra_image_and_command_make_the_pod_s_infra_container() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = crate::harness::image("busybox:latest");
    // A missing infra image is pulled; --infra-command is its entrypoint.
    #[rustfmt::skip]
    sk.ok(&["pod", "create", "--name", "pi", "--infra-name", "pi-infra", "--infra-image", &img,
        "--infra-command", "sleep 1000"]);
    let row = sk.ok(&[
        "ps",
        "-a",
        "--pod",
        "--format",
        "{{.Names}} {{.Image}} {{.Command}}",
    ]);
    assert_eq!(row, format!("pi-infra {img} \"sleep 1000\"\n"));
    sk.ok(&["pod", "start", "pi"]);
    assert_eq!(sk.inspect("pi-infra", "{{.State.Status}}"), "running");
    // Its members share its network: they see its host name, the pod's.
    let seen = sk.ok(&["run", "--rm", "--pod", "pi", &img, "hostname"]);
    assert_eq!(seen, "pi\n");
    sk.ok(&["pod", "rm", "-f", "-t", "0", "pi"]);
    // A JSON array; with skiff's pause file system it names the pause process.
    #[rustfmt::skip]
    sk.ok(&["pod", "create", "--name", "pj", "--infra-name", "pj-infra", "--infra-command",
        r#"["/pause", "--pause"]"#]);
    sk.ok(&["pod", "start", "pj"]);
    assert_eq!(
        sk.inspect("pj-infra", "{{.State.Status}} {{json .Config.Cmd}}"),
        r#"running ["/pause","--pause"]"#
    );
    sk.ok(&["pod", "rm", "-f", "pj"]);
    let bad = sk.fails(&["pod", "create", "--infra-command", "[1"], 125);
    assert!(bad.stderr.contains("JSON array"), "{bad:?}");
    assert_eq!(sk.ok(&["pod", "ps", "-q"]), "");
}

#[test]
fn init_containers_run_before_the_other_members_at_each_pod_start() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let share = sk.path("share");
    std::fs::create_dir_all(&share).unwrap();
    let vol = format!("{}:/share", share.display());
    sk.ok(&["pod", "create", "--name", "ip"]);
    #[rustfmt::skip]
    let create = |name: &str, init: Option<&str>, script: &str| {
        let mut args = vec!["create", "--pod", "ip", "--name", name, "-v", &vol];
        if let Some(kind) = init {
            args.extend(["--init-ctr", kind]);
        }
        args.extend(["--rootfs", &rootfs, "sh", "-c", script]);
        sk.ok(&args);
    };
    create("ip-once", Some("once"), "echo once >> /share/log");
    create("ip-always", Some("always"), "echo always >> /share/log");
    create("ip-main", None, "echo main >> /share/log; sleep 300");
    sk.ok(&["pod", "start", "ip"]);
    let log = || std::fs::read_to_string(share.join("log")).unwrap_or_default();
    // The log once the main member wrote to it.
    let logged = || {
        let start = std::time::Instant::now();
        while !log().contains("main") && start.elapsed() < std::time::Duration::from_secs(10) {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        log()
    };
    assert_eq!(logged(), "once\nalways\nmain\n");
    // The `once` one is gone, the `always` one exited; the pod counts as running.
    let rows = sk.ok(&[
        "ps",
        "-a",
        "--filter",
        "pod=ip",
        "--format",
        "{{.Names}} {{.State}}",
    ]);
    let mut rows: Vec<&str> = rows.lines().filter(|r| !r.contains("-infra")).collect();
    rows.sort();
    assert_eq!(rows, ["ip-always exited", "ip-main running"]);
    assert_eq!(pod_field(&sk, "ip", "{{.Status}}"), "Running");
    // Refused: in a running pod, outside a pod, with a restart policy.
    #[rustfmt::skip]
    let out = sk.fails(&["create", "--pod", "ip", "--init-ctr", "once", "--rootfs", &rootfs, "true"], 125);
    assert!(out.stderr.contains("pod ip is running"), "{out:?}");
    let out = sk.fails(
        &["create", "--init-ctr", "once", "--rootfs", &rootfs, "true"],
        125,
    );
    assert!(out.stderr.contains("--init-ctr needs --pod"), "{out:?}");
    #[rustfmt::skip]
    let out = sk.fails(&["create", "--pod", "ip", "--init-ctr", "always", "--rm", "--rootfs",
        &rootfs, "true"], 125);
    assert!(out.stderr.contains("use --init-ctr once"), "{out:?}");
    // The next start runs the `always` one again, first.
    sk.ok(&["pod", "stop", "-t", "0", "ip"]);
    std::fs::write(share.join("log"), "").unwrap();
    #[rustfmt::skip]
    let out = sk.fails(&["create", "--pod", "ip", "--init-ctr", "always", "--restart", "always",
        "--rootfs", &rootfs, "true"], 125);
    assert!(out.stderr.contains("leave --restart out"), "{out:?}");
    sk.ok(&["pod", "start", "ip"]);
    assert_eq!(logged(), "always\nmain\n");
    // A failing init container stops the pod's start: the main one does not run.
    sk.ok(&["pod", "stop", "-t", "0", "ip"]);
    create("ip-fails", Some("always"), "exit 3");
    let out = sk.fails(&["pod", "start", "ip"], 125);
    assert!(
        out.stderr
            .contains("init container ip-fails exited with code 3"),
        "{out:?}"
    );
    assert_eq!(sk.inspect("ip-main", "{{.State.Status}}"), "exited");
    sk.ok(&["pod", "rm", "-f", "-t", "0", "ip"]);
}

#[test]
fn pod_volumes_and_label_files_reach_every_member() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = crate::harness::image("busybox:latest");
    let host = sk.path("shared");
    std::fs::create_dir_all(&host).unwrap();
    std::fs::write(host.join("f"), "from the host\n").unwrap();
    let labels = sk.path("labels");
    std::fs::write(&labels, "a=1\nb=2\n").unwrap();
    let bind = format!("{}:/shared:ro", host.display());
    #[rustfmt::skip]
    sk.ok(&["pod", "create", "--name", "vols", "-v", &bind, "-v", "podvol:/data",
        "--label-file", labels.to_str().unwrap(), "--label", "b=3"]);
    assert_eq!(
        sk.ok(&["pod", "inspect", "vols", "--format", "{{.Labels}}"]),
        "map[a:1 b:3]\n"
    );
    let first = sk.ok(&[
        "run",
        "--rm",
        "--pod",
        "vols",
        &img,
        "sh",
        "-c",
        "cat /shared/f; echo kept > /data/k; touch /shared/no 2>/dev/null || echo ro",
    ]);
    assert_eq!(first, "from the host\nro\n");
    // Another member sees the same named volume.
    let second = sk.ok(&["run", "--rm", "--pod", "vols", &img, "cat", "/data/k"]);
    assert_eq!(second, "kept\n");
    sk.ok(&["pod", "rm", "-f", "vols"]);
    sk.ok(&["volume", "rm", "podvol"]);
}

/// podman's pod-wide `--device`, `--security-opt`, `--uts` and `--pid`: every member gets the
/// pod's devices and security options, and the host's UTS and PID namespaces when the pod is
/// on them; `pod inspect` shows them; a member's own options still apply.
#[test]
fn pod_devices_security_options_and_host_namespaces_reach_every_member() {
    use std::os::unix::process::CommandExt;
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    #[rustfmt::skip]
    sk.ok(&["pod", "create", "--name", "hp", "--uts", "host", "--pid", "host", "--share", "+pid",
        "--device", "/dev/null:/dev/podnull", "--security-opt", "seccomp=unconfined"]);
    let host_name = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let token = format!("pod-host-pid-{}", std::process::id());
    let mut outside = std::process::Command::new("sleep")
        .arg0(&token)
        .arg("30")
        .spawn()
        .unwrap();
    #[rustfmt::skip]
    let seen = sk.ok(&["run", "--rm", "--pod", "hp", "--rootfs", &rootfs, "sh", "-c",
        &format!("hostname; test -c /dev/podnull && echo dev; grep Seccomp: /proc/self/status; \
                  ps -o args | grep -c '[{}]{}'", &token[..1], &token[1..])]);
    outside.kill().unwrap();
    outside.wait().unwrap();
    assert_eq!(
        seen,
        format!("{}dev\nSeccomp:\t0\n1\n", host_name),
        "a member of the pod"
    );
    let inspect = sk.ok(&[
        "pod",
        "inspect",
        "hp",
        "--format",
        "{{.InfraConfig.pid_ns}} {{.InfraConfig.uts_ns}} {{range .devices}}{{.PathInContainer}}{{end}} {{.security_opt}}",
    ]);
    assert_eq!(inspect, "host host /dev/podnull [seccomp=unconfined]\n");
    // A member's own security options apply beside the pod's.
    #[rustfmt::skip]
    let own = sk.ok(&["run", "--rm", "--pod", "hp", "--security-opt", "no-new-privileges",
        "--rootfs", &rootfs, "grep", "-E", "^(NoNewPrivs|Seccomp):", "/proc/self/status"]);
    assert_eq!(own, "NoNewPrivs:\t1\nSeccomp:\t0\n");
    // A device that does not exist is refused when the pod is created, naming it.
    let bad = sk.fails(
        &[
            "pod",
            "create",
            "--name",
            "no-pod",
            "--device",
            "/dev/no-such-dev",
        ],
        125,
    );
    assert!(bad.stderr.contains("/dev/no-such-dev"), "{bad:?}");
    assert_eq!(sk.run(&["pod", "exists", "no-pod"]).status, 1);
    sk.ok(&["pod", "rm", "-f", "hp"]);
}

/// Rootless, a pod created with `--userns keep-id` runs its members in its infra container's
/// user namespace, as the caller (podman's default user for keep-id), with the image's files
/// owned as in the image; a member can be created while the pod is stopped and started again
/// and again, and `pod rm -f` removes it all. As root, keep-id is refused.
#[test]
fn a_keep_id_pod_s_members_share_its_user_namespace() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = crate::harness::image("busybox:latest");
    if crate::harness::is_root() {
        let out = sk.fails(
            &["pod", "create", "--name", "kp", "--userns", "keep-id"],
            125,
        );
        assert!(out.stderr.contains("keep-id"), "{out:?}");
        return;
    }
    // SAFETY: getuid cannot fail.
    let uid = unsafe { libc::getuid() };
    sk.ok(&["pod", "create", "--name", "kp", "--userns", "keep-id"]);
    let script = "id -u; stat -c %u /bin/busybox; readlink /proc/self/ns/user";
    #[rustfmt::skip]
    sk.ok(&["create", "--name", "m", "--pod", "kp", &img, "sh", "-c", script]);
    let first = sk.ok(&["start", "-a", "m"]);
    let again = sk.ok(&["start", "-a", "m"]);
    assert_eq!(first, again);
    let infra = sk.ok(&["pod", "inspect", "kp", "--format", "{{.InfraContainerID}}"]);
    let infra_pid = sk.inspect(infra.trim(), "{{.State.Pid}}");
    let infra_ns = std::fs::read_link(format!("/proc/{infra_pid}/ns/user")).unwrap();
    assert_eq!(
        first,
        format!("{uid}\n0\n{}\n", infra_ns.display()),
        "a member of the keep-id pod"
    );
    let run = sk.ok(&["run", "--rm", "--pod", "kp", &img, "sh", "-c", script]);
    assert_eq!(run, first);
    sk.ok(&["pod", "rm", "-f", "kp"]);
    assert_eq!(sk.ok(&["pod", "ps", "-q"]), "");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

/// podman's `pod create --uidmap/--gidmap`: the infra container gets a user namespace with that
/// mapping and every member joins it, seeing the image's files with their owners.
#[test]
fn a_pod_s_id_mapping_is_every_member_s() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    crate::userns::open_to_others(&sk);
    let img = crate::harness::image("busybox:latest");
    // Rootless, host ids are skiff's namespace's (1.. the subordinate ids); as root, the host's.
    let host = if crate::harness::is_root() {
        "400000"
    } else {
        "1"
    };
    let map = format!("0:{host}:5000");
    #[rustfmt::skip]
    sk.ok(&["pod", "create", "--name", "mp", "--uidmap", &map, "--gidmap", &map]);
    let script = "stat -c %u:%g /bin/busybox; readlink /proc/self/ns/user";
    let seen = sk.ok(&["run", "--rm", "--pod", "mp", &img, "sh", "-c", script]);
    let infra = sk.ok(&["pod", "inspect", "mp", "--format", "{{.InfraContainerID}}"]);
    let infra_pid = sk.inspect(infra.trim(), "{{.State.Pid}}");
    let infra_map = std::fs::read_to_string(format!("/proc/{infra_pid}/uid_map")).unwrap();
    let infra_ns = std::fs::read_link(format!("/proc/{infra_pid}/ns/user")).unwrap();
    assert_eq!(
        seen,
        format!("0:0\n{}\n", infra_ns.display()),
        "a member of the pod"
    );
    assert!(
        infra_map.split_whitespace().nth(2) == Some("5000"),
        "{infra_map}"
    );
    let refused = sk.fails(
        &[
            "pod",
            "create",
            "--infra=false",
            "--uidmap",
            &map,
            "--name",
            "no",
        ],
        125,
    );
    assert!(refused.stderr.contains("--uidmap"), "{refused:?}");
    sk.ok(&["pod", "rm", "-f", "mp"]);
}
