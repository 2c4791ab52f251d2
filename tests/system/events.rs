//! `skiff events`: lifecycle events recorded by whichever process causes them (the monitor
//! records `die`), read back in order within `--since`/`--until`, filtered, formatted, and
//! followed as they happen. Run as root and rootless.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::harness::{image, Skiff};

/// Now as unix seconds with nanoseconds, as `--since`/`--until` accept it.
fn now_arg() -> String {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    format!("{}.{:09}", d.as_secs(), d.subsec_nanos())
}

/// The bounded events since `since` (until now, or the `--until` in `extra`) rendered with
/// `format`, one per line.
fn events(sk: &Skiff, since: &str, extra: &[&str], format: &str) -> Vec<String> {
    let mut args = vec!["events", "--since", since, "--format", format];
    if !extra.contains(&"--until") {
        args.extend(["--until", "0s"]);
    }
    args.extend_from_slice(extra);
    let out = sk.run_with(&args, None, Duration::from_secs(20));
    assert_eq!(out.status, 0, "events {args:?}: {}", out.stderr);
    out.stdout.lines().map(str::to_string).collect()
}

/// `rm -f` of a running container records docker's kill (SIGKILL) and die (137) before the
/// destroy; docker-compose and testcontainers wait on `die`.
#[test]
fn a_forced_rm_of_a_running_container_records_kill_and_die() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let since = now_arg();
    sk.ok(&[
        "run", "-d", "--name", "doomed", "--rootfs", &rootfs, "sleep", "100",
    ]);
    sk.ok(&["rm", "-f", "doomed"]);
    let f = "{{.Action}} {{.Actor.Attributes.signal}}{{.Actor.Attributes.exitCode}}";
    let lines = events(&sk, &since, &["--filter", "container=doomed"], f);
    let lines: Vec<String> = lines.iter().map(|l| l.replace("<no value>", "")).collect();
    assert_eq!(
        lines,
        ["create ", "start ", "kill 9", "die 137", "destroy "]
    );
}

#[test]
fn a_containers_lifecycle_is_recorded_in_order_with_name_image_labels_and_exit_code() {
    require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["pull", "-q", &img]);
    let since = now_arg();
    sk.fails(
        &[
            "run",
            "--name",
            "web",
            "--label",
            "tier=front",
            &img,
            "sh",
            "-c",
            "exit 3",
        ],
        3,
    );
    let id = sk
        .ok(&["inspect", "-f", "{{.Id}}", "web"])
        .trim()
        .to_string();
    sk.ok(&["rm", "web"]);
    let lines = events(
        &sk,
        &since,
        &[],
        "{{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes.name}} {{.Actor.Attributes.image}} \
         {{.Actor.Attributes.tier}} {{.Actor.Attributes.exitCode}}",
    );
    // An attached run is an attach before the start, as docker records it.
    let want: Vec<String> = ["create", "attach", "start", "die", "destroy"]
        .iter()
        .map(|a| {
            let code = if *a == "die" { "3" } else { "<no value>" };
            format!("container {a} {id} web {img} front {code}")
        })
        .collect();
    assert_eq!(lines, want);
    // docker's default line: time, type, action, actor, sorted attributes.
    let out = sk.ok(&[
        "events",
        "--since",
        &since,
        "--until",
        "0s",
        "--filter",
        "event=die",
    ]);
    let line = out.trim();
    let (time, rest) = line.split_once(' ').unwrap();
    assert!(
        time.len() == 30 && time.ends_with('Z') && time.as_bytes()[10] == b'T',
        "{line}"
    );
    assert_eq!(
        rest,
        format!("container die {id} (exitCode=3, image={img}, name=web, tier=front)")
    );
}

#[test]
fn json_has_dockers_fields() {
    let sk = Skiff::new();
    let since = now_arg();
    sk.ok(&["volume", "create", "--label", "k=v", "data"]);
    let out = sk.ok(&[
        "events", "--since", &since, "--until", "0s", "--format", "json",
    ]);
    let ev: Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(ev["Type"], "volume");
    assert_eq!(ev["Action"], "create");
    assert_eq!(ev["Actor"]["ID"], "data");
    assert_eq!(ev["Actor"]["Attributes"]["driver"], "local");
    assert_eq!(ev["scope"], "local");
    let nano = ev["timeNano"].as_i64().unwrap();
    assert_eq!(ev["time"].as_i64().unwrap(), nano / 1_000_000_000);
    let since_ns = (since.parse::<f64>().unwrap() * 1e9) as i64;
    assert!(nano >= since_ns - 1_000_000 && nano < since_ns + 60_000_000_000);
    // Containers also carry docker's legacy status, id and from.
    let root = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "c", "--rootfs", &root, "true"]);
    let out = sk.ok(&[
        "events",
        "--since",
        &since,
        "--until",
        "0s",
        "--format",
        "json",
        "--filter",
        "type=container",
    ]);
    let ev: Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(ev["status"], "create");
    assert_eq!(ev["id"], ev["Actor"]["ID"]);
    assert_eq!(ev["Actor"]["Attributes"]["name"], "c");
}

#[test]
fn since_and_until_bound_the_window_and_a_bounded_query_returns() {
    let sk = Skiff::new();
    let t0 = now_arg();
    sk.ok(&["volume", "create", "one"]);
    std::thread::sleep(Duration::from_millis(1100));
    let t1 = now_arg();
    sk.ok(&["volume", "create", "two"]);
    let f = "{{.Actor.ID}}";
    assert_eq!(events(&sk, &t0, &["--until", &t1], f), ["one"]);
    assert_eq!(events(&sk, &t1, &[], f), ["two"]);
    assert_eq!(events(&sk, &t0, &[], f), ["one", "two"]);
    // RFC 3339 and durations as docker takes them.
    assert_eq!(events(&sk, "1m", &[], f), ["one", "two"]);
    assert!(events(
        &sk,
        "2001-01-01T00:00:00Z",
        &["--until", "2001-01-02T00:00:00Z"],
        f
    )
    .is_empty());
    // An --until a second ahead follows new events until then, then returns.
    let ahead = {
        let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap() + Duration::from_millis(1500);
        format!("{}.{:09}", d.as_secs(), d.subsec_nanos())
    };
    let start = std::time::Instant::now();
    let out = sk.run_with(
        &["events", "--since", &t0, "--until", &ahead, "--format", f],
        None,
        Duration::from_secs(20),
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "one\ntwo\n");
    assert!(
        start.elapsed() >= Duration::from_millis(1000),
        "returned before --until"
    );
    // podman's --stream=false: the stored events, then return (no --until given).
    let out = sk.run_with(
        &["events", "--since", &t0, "--stream=false", "--format", f],
        None,
        Duration::from_secs(20),
    );
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "one\ntwo\n"),
        "{}",
        out.stderr
    );
    // Bad times say what works.
    let bad = sk.fails(&["events", "--since", "yesterday", "--until", "0s"], 125);
    assert!(bad.stderr.contains("RFC 3339"), "{}", bad.stderr);
}

#[test]
fn filters_or_values_of_a_key_and_and_keys() {
    let sk = Skiff::new();
    // Names that cannot be the start of a hex id: `container=` also matches id prefixes,
    // as docker's, so a one-letter name like "a" matched another container one run in 16.
    let since = now_arg();
    let root = sk.busybox_rootfs();
    sk.ok(&["volume", "create", "v1"]);
    sk.ok(&["volume", "create", "v2"]);
    sk.ok(&["volume", "rm", "v1"]);
    sk.ok(&[
        "create", "--name", "ra", "--label", "team=red", "--rootfs", &root, "true",
    ]);
    sk.ok(&["create", "--name", "rb", "--rootfs", &root, "true"]);
    sk.ok(&["rm", "ra"]);
    // The name attribute of containers, the id (name) of volumes.
    let f =
        "{{.Type}} {{.Action}} {{with .Actor.Attributes.name}}{{.}}{{else}}{{.Actor.ID}}{{end}}";
    let got = |filters: &[&str]| {
        let mut extra = Vec::new();
        for x in filters {
            extra.extend(["--filter", x]);
        }
        events(&sk, &since, &extra, f)
    };
    assert_eq!(
        got(&["type=volume"]),
        ["volume create v1", "volume create v2", "volume destroy v1"]
    );
    assert_eq!(
        got(&["type=volume", "event=destroy"]),
        ["volume destroy v1"]
    );
    assert_eq!(
        got(&["volume=v1", "volume=v2", "event=create"]),
        ["volume create v1", "volume create v2"]
    );
    assert_eq!(
        got(&["container=ra"]),
        ["container create ra", "container destroy ra"]
    );
    assert_eq!(
        got(&["label=team=red", "event=create"]),
        ["container create ra"]
    );
    assert_eq!(
        got(&["container=ra", "container=rb", "event=create"]),
        ["container create ra", "container create rb"]
    );
    assert!(got(&["type=network"]).is_empty());
    let bad = sk.fails(&["events", "--until", "0s", "--filter", "colour=red"], 125);
    assert!(
        bad.stderr.contains("type, event, container"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_stream_shows_events_that_happen_after_it_started() {
    let sk = Skiff::new();
    // An event before --since, which the stream must never show.
    sk.ok(&["volume", "create", "old"]);
    std::thread::sleep(Duration::from_millis(20));
    let since = now_arg();
    let mut child = sk
        .cmd(&[
            "events",
            "--since",
            &since,
            "--format",
            "{{.Type}} {{.Action}} {{.Actor.ID}}",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    sk.ok(&["volume", "create", "first"]);
    let first = rx.recv_timeout(Duration::from_secs(20));
    // The stream printed `first`, so it is running: `second` happens after it started.
    sk.ok(&["volume", "create", "second"]);
    let second = rx.recv_timeout(Duration::from_secs(20));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(first.as_deref(), Ok("volume create first"));
    assert_eq!(second.as_deref(), Ok("volume create second"));
    assert!(rx.try_recv().is_err(), "nothing else happened");
}

#[test]
fn exec_kill_rename_stop_and_restart_are_recorded() {
    let sk = Skiff::new();
    let root = format!("{}:O", sk.busybox_rootfs());
    sk.ok(&[
        "run", "-d", "--name", "k", "--rootfs", &root, "sleep", "1000",
    ]);
    let since = now_arg();
    sk.ok(&["exec", "k", "true"]);
    sk.ok(&["rename", "k", "k2"]);
    sk.ok(&["stop", "-t", "0", "k2"]);
    sk.ok(&["restart", "-t", "0", "k2"]);
    sk.ok(&["kill", "k2"]);
    sk.wait_for("k2", "{{.State.Status}}", "exited", Duration::from_secs(20));
    let lines = events(
        &sk,
        &since,
        &[],
        "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}{{.Actor.Attributes.signal}}{{.Actor.Attributes.oldName}}",
    );
    let lines: Vec<String> = lines.iter().map(|l| l.replace("<no value>", "")).collect();
    assert_eq!(
        lines,
        [
            "exec_create: true k ",
            "exec_start: true k ",
            "exec_die k 0",
            "rename k2 /k",
            "kill k2 9",
            "die k2 137",
            "stop k2 ",
            "start k2 ",
            "restart k2 ",
            "kill k2 9",
            "die k2 137",
        ]
    );
}

#[test]
fn attach_and_commit_are_recorded_as_docker() {
    require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["pull", "-q", &img]);
    sk.ok(&["create", "--name", "once", &img, "true"]);
    sk.ok(&[
        "run", "-d", "--name", "up", "--label", "k=v", &img, "sleep", "1000",
    ]);
    let since = now_arg();
    sk.ok(&["start", "-a", "once"]);
    sk.ok(&["start", "once"]);
    sk.wait_for(
        "once",
        "{{.State.Status}}",
        "exited",
        Duration::from_secs(20),
    );
    // `attach` to a running container; it ends when the container does.
    let mut attached = sk
        .cmd(&["attach", "--no-stdin", "up"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let attach_seen = || {
        events(&sk, &since, &["--filter", "container=up"], "{{.Action}}")
            .contains(&"attach".to_string())
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !attach_seen() {
        assert!(std::time::Instant::now() < deadline, "no attach event");
        std::thread::sleep(Duration::from_millis(100));
    }
    let new_id = sk.ok(&["commit", "-m", "first cut", "up", "snap:v1"]);
    let new_id = new_id.trim();
    let unnamed = sk.ok(&["commit", "up"]);
    sk.ok(&["rm", "-f", "up"]);
    attached.wait().unwrap();
    let lines = events(
        &sk,
        &since,
        &[],
        "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.k}} \
         {{.Actor.Attributes.comment}}|{{.Actor.Attributes.imageID}}|{{.Actor.Attributes.imageRef}}",
    );
    let lines: Vec<String> = lines.iter().map(|l| l.replace("<no value>", "-")).collect();
    let id = |s: &str| {
        let hex = s.trim().trim_start_matches("sha256:").to_string();
        format!("sha256:{hex}")
    };
    assert_eq!(
        lines[..7],
        [
            "container attach once - -|-|-".to_string(),
            "container start once - -|-|-".to_string(),
            "container die once - -|-|-".to_string(),
            "container start once - -|-|-".to_string(),
            "container die once - -|-|-".to_string(),
            "container attach up v -|-|-".to_string(),
            // docker: the new name's tag, then the container's commit.
            "image tag snap:v1 - -|-|-".to_string(),
        ]
    );
    assert_eq!(
        lines[7..9],
        [
            format!("container commit up v first cut|{}|snap:v1", id(new_id)),
            format!("container commit up v |{}|", id(&unnamed)),
        ]
    );
}

#[test]
fn image_events_pull_tag_untag_delete() {
    require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let since = now_arg();
    sk.ok(&["pull", "-q", &img]);
    let id = sk
        .ok(&["image", "inspect", "-f", "{{.Id}}", &img])
        .trim()
        .to_string();
    sk.ok(&["tag", &img, "evt:1"]);
    sk.ok(&["rmi", "evt:1"]);
    sk.ok(&["rmi", &img]);
    let lines = events(
        &sk,
        &since,
        &["--filter", "type=image"],
        "{{.Action}} {{.Actor.ID}} {{.Actor.Attributes.name}}",
    );
    let repo = img.rsplit_once(':').unwrap().0;
    assert_eq!(
        lines,
        [
            format!("pull {img} {repo}"),
            format!("tag {id} evt:1"),
            format!("untag {id} {id}"),
            format!("untag {id} {id}"),
            format!("delete {id} {id}"),
        ]
    );
    // The image filter matches by repository, with or without the tag.
    let pulls = events(
        &sk,
        &since,
        &["--filter", &format!("image={repo}")],
        "{{.Action}}",
    );
    assert_eq!(pulls, ["pull"]);
}

/// `kill` then `rm` of an `--rm` container (the docker script's way): the monitor removes it,
/// and `rm` waits for that instead of deleting it a second time beside the monitor: one
/// `destroy`, nothing left, and `rm` says it is gone.
#[test]
fn rm_of_an_rm_container_its_monitor_removes_deletes_it_once() {
    let sk = Skiff::new();
    // An overlay on the rootfs with files for the monitor to delete, so its removal takes
    // long enough for `rm` to come.
    let root = format!("{}:O", sk.busybox_rootfs());
    let script = "mkdir /d && cd /d && seq 4000 | xargs touch && touch /ready && sleep 100";
    for round in 0..3 {
        let name = format!("auto{round}");
        sk.ok(&[
            "run", "-d", "--rm", "--name", &name, "--rootfs", &root, "sh", "-c", script,
        ]);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while sk.run(&["exec", &name, "test", "-e", "/ready"]).status != 0 {
            assert!(
                std::time::Instant::now() < deadline,
                "round {round}: never ready"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let since = now_arg();
        sk.ok(&["kill", &name]);
        let rm = sk.run(&["rm", &name]);
        assert!(
            rm.status == 0 || rm.stderr.contains("No such container"),
            "round {round}: {rm:?}"
        );
        assert_eq!(sk.ok(&["ps", "-aq"]), "", "round {round}");
        let destroyed = events(
            &sk,
            &since,
            &["--filter", "event=destroy"],
            "{{.Action}} {{.Actor.Attributes.name}}",
        );
        assert_eq!(destroyed, [format!("destroy {name}")], "round {round}");
    }
}
