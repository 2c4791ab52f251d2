//! More of podman's flags that scripts written for podman use: `network|volume ls
//! --noheading`, `volume inspect --all`, `network|volume rm -f -t`, `events --no-trunc`,
//! `pod inspect|stats|top|logs --latest`, `top` and `pod top` with podman's format descriptors, `secret inspect --pretty`, `diff` of images
//! (`image diff`, two containers or images), `ps --ns`, and `run --requires`, `--personality`,
//! `--passwd` (podman's default entries for a numeric user), `--passwd-entry` and `--hostuser`
//! (never written through a symlink the container made);
//! `init` (podman's `initialized` state); `container clone` and `container cleanup`; `mount`
//! and `unmount`; `image
//! mount`, `image unmount` and `image tree`; `container runlabel`; `exec` and `run
//! --preserve-fds`, and systemd's socket activation of `run`.
//! Run as root and as an unprivileged user.

use std::time::{Duration, Instant};

use crate::harness::{image, Skiff};

#[test]
fn network_and_volume_listings_inspect_and_removal_flags() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["network", "create", "n2net"]);
    sk.ok(&["volume", "create", "v2a"]);
    sk.ok(&["volume", "create", "v2b"]);
    let nets = sk.ok(&["network", "ls", "--noheading"]);
    assert!(
        !nets.contains("NETWORK ID") && nets.contains("n2net"),
        "{nets}"
    );
    assert!(sk.ok(&["network", "ls"]).starts_with("NETWORK ID"));
    let vols = sk.ok(&["volume", "ls", "--noheading"]);
    assert!(
        !vols.contains("VOLUME NAME") && vols.contains("v2a"),
        "{vols}"
    );
    assert!(sk.ok(&["volume", "ls"]).starts_with("DRIVER"));
    assert_eq!(
        sk.ok(&["volume", "inspect", "--all", "--format", "{{.Name}}"]),
        "v2a\nv2b\n"
    );
    let both = sk.run(&["volume", "inspect", "--all", "v2a"]);
    assert_ne!(both.status, 0, "--all with a name is refused: {both:?}");

    // -t: a container that ignores SIGTERM is killed after the grace, not before.
    for (kind, flag) in [("network", "--network=n2net"), ("volume", "-v=v2a:/data")] {
        let name = format!("user-of-{kind}");
        sk.ok(&[
            "run",
            "-d",
            "--name",
            &name,
            flag,
            &img,
            "sh",
            "-c",
            "trap '' TERM; while :; do sleep 0.1; done",
        ]);
        let what = if kind == "network" { "n2net" } else { "v2a" };
        let began = Instant::now();
        let out = sk.ok(&[kind, "rm", "-f", "-t", "2", what]);
        let took = began.elapsed();
        assert_eq!(out, format!("{what}\n"));
        assert!(
            took >= Duration::from_secs(2),
            "{kind} rm -t 2 took {took:?}"
        );
        assert!(
            took < Duration::from_secs(9),
            "{kind} rm -t 2 took {took:?}"
        );
        assert_ne!(sk.run(&["container", "exists", &name]).status, 0);
    }
    assert_ne!(sk.run(&["network", "exists", "n2net"]).status, 0);
    assert_eq!(sk.ok(&["volume", "ls", "-q"]), "v2b\n");
    sk.ok(&["volume", "rm", "v2b"]);
}

#[test]
fn events_no_trunc_false_cuts_ids() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let id = sk.ok(&["create", &img, "true"]).trim().to_string();
    let events = |flags: &[&str]| {
        let mut args = vec!["events", "--since", "1h", "--until", "0s"];
        args.extend(flags);
        sk.ok(&args)
    };
    let whole = events(&[]);
    assert!(whole.contains(&format!("container create {id}")), "{whole}");
    assert_eq!(events(&["--no-trunc"]), whole);
    let cut = events(&["--no-trunc=false"]);
    assert!(
        cut.contains(&format!("container create {} (", &id[..12])),
        "{cut}"
    );
    assert!(!cut.contains(&id), "{cut}");
    sk.ok(&["rm", &id]);
}

#[test]
fn pod_verbs_act_on_the_latest_pod() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["pod", "create", "--name", "older"]);
    std::thread::sleep(Duration::from_millis(1100));
    sk.ok(&["pod", "create", "--name", "newer"]);
    sk.ok(&[
        "run",
        "-d",
        "--pod",
        "newer",
        "--name",
        "talker",
        &img,
        "sh",
        "-c",
        "echo said-it; exec sleep 60",
    ]);
    let name = sk.ok(&["pod", "inspect", "--latest", "--format", "{{.Name}}"]);
    assert_eq!(name, "newer\n");
    assert_ne!(sk.run(&["pod", "inspect", "-l", "older"]).status, 0);
    sk.wait_for(
        "talker",
        "{{.State.Status}}",
        "running",
        Duration::from_secs(10),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let logs = loop {
        let logs = sk.ok(&["pod", "logs", "-l"]);
        if logs.contains("said-it") || Instant::now() > deadline {
            break logs;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(logs.contains("said-it"), "{logs}");
    // podman's columns by default, no container column (as podman's `pod top`).
    let top = sk.ok(&["pod", "top", "-l"]);
    assert!(
        top.starts_with("USER        PID         PPID        %CPU        ELAPSED"),
        "{top}"
    );
    assert!(top.contains("sleep 60") && !top.contains("talker"), "{top}");
    // ps options after -l give ps's own columns, as `top -l` does.
    let pids = sk.ok(&["pod", "top", "-l", "-o", "pid,comm"]);
    assert!(pids.lines().next().unwrap().contains("COMMAND"), "{pids}");
    assert!(pids.contains("sleep"), "{pids}");
    let stats = sk.ok(&[
        "pod",
        "stats",
        "--no-stream",
        "-l",
        "--format",
        "{{.Pod}} {{.Name}}",
    ]);
    assert!(stats.lines().all(|l| !l.is_empty()), "{stats}");
    assert!(stats.contains("talker"), "{stats}");
    sk.ok(&["pod", "rm", "-f", "newer", "older"]);
    let none = sk.run(&["pod", "inspect", "-l"]);
    assert_eq!(none.status, 125, "{none:?}");
}

#[test]
fn secret_inspect_pretty_is_podmans_block() {
    let sk = Skiff::new();
    let out = sk.run_with(
        &[
            "secret",
            "create",
            "--label",
            "tier=back",
            "--label",
            "bare",
            "pw",
            "-",
        ],
        Some(b"hunter2"),
        Duration::from_secs(20),
    );
    assert_eq!(out.status, 0, "{out:?}");
    let id = out.stdout.trim().to_string();
    let pretty = sk.ok(&["secret", "inspect", "--pretty", "pw"]);
    let lines: Vec<&str> = pretty.lines().collect();
    assert_eq!(lines[0], format!("ID:              {id}"));
    assert_eq!(lines[1], "Name:              pw");
    assert_eq!(lines[2..5], ["Labels:", " - bare", " - tier=back"]);
    assert_eq!(lines[5], "Driver:            file");
    assert!(lines[6].starts_with("Created at:        20"), "{pretty}");
    assert!(lines[6].ends_with(" +0000 UTC"), "{pretty}");
    assert!(!pretty.contains("hunter2"));
    let shown = sk.ok(&["secret", "inspect", "--pretty", "--showsecret", "pw"]);
    assert!(shown.contains("hunter2"), "{shown}");
    let refused = sk.run(&["secret", "inspect", "--pretty", "--format", "{{.ID}}", "pw"]);
    assert_ne!(refused.status, 0, "{refused:?}");
    sk.ok(&["secret", "rm", "pw"]);
}

#[test]
fn diff_compares_images_and_containers() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let dir = sk.path("ctx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Dockerfile"),
        format!("FROM {img}\nRUN mkdir /data && echo hi > /data/f && rm /bin/uname\n"),
    )
    .unwrap();
    sk.ok(&["build", "-q", "-t", "diffed", &dir.display().to_string()]);
    // An image: its top layer against the layers below.
    let top = "C /bin\nD /bin/uname\nA /data\nA /data/f\n";
    assert_eq!(sk.ok(&["diff", "diffed"]), top);
    assert_eq!(sk.ok(&["image", "diff", "diffed"]), top);
    // Two images: what makes the second into the first, either way round.
    assert_eq!(sk.ok(&["image", "diff", "diffed", &img]), top);
    assert_eq!(
        sk.ok(&["diff", &img, "diffed"]),
        "C /bin\nA /bin/uname\nD /data\n"
    );
    // A container against its image, and against another image.
    sk.ok(&[
        "run",
        "--name",
        "changer",
        "diffed",
        "sh",
        "-c",
        "echo x > /data/g; rm -r /data/f /var",
    ]);
    assert_eq!(
        sk.ok(&["diff", "changer"]),
        "C /data\nD /data/f\nA /data/g\nD /var\n"
    );
    assert_eq!(
        sk.ok(&["diff", "changer", &img]),
        "C /bin\nD /bin/uname\nA /data\nA /data/g\nD /var\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&sk.ok(&["diff", "--format", "json", "changer", "diffed"])).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"added": ["/data/g"], "changed": ["/data"], "deleted": ["/data/f", "/var"]})
    );
    let missing = sk.run(&["diff", "changer", "no-such-thing"]);
    assert_eq!(missing.status, 125, "{missing:?}");
    assert!(missing.stderr.contains("no-such-thing"), "{missing:?}");
    sk.ok(&["rm", "changer"]);
}

#[test]
fn ps_ns_shows_the_pid_and_the_namespaces_of_running_containers() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["run", "-d", "--name", "nsrun", &img, "sleep", "60"]);
    sk.ok(&["create", "--name", "nsmade", &img, "true"]);
    let table = sk.ok(&["ps", "-a", "--ns"]);
    let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "CONTAINER",
            "ID",
            "NAMES",
            "PID",
            "CGROUPNS",
            "IPC",
            "MNT",
            "NET",
            "PIDNS",
            "USERNS",
            "UTS"
        ]
    );
    let pid = sk.inspect("nsrun", "{{.State.Pid}}");
    let row = |name: &str| {
        let line = table
            .lines()
            .find(|l| l.contains(name))
            .unwrap()
            .to_string();
        line.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let running = row("nsrun");
    assert_eq!(running[2], pid, "{table}");
    // Each value is the inode of the process's namespace, as /proc shows it.
    for (i, kind) in ["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"]
        .iter()
        .enumerate()
    {
        let link = std::fs::read_link(format!("/proc/{pid}/ns/{kind}")).unwrap();
        assert_eq!(
            link.to_string_lossy(),
            format!("{kind}:[{}]", running[3 + i]),
            "{table}"
        );
    }
    // The container's own PID namespace is not ours.
    let ours = std::fs::read_link("/proc/self/ns/pid").unwrap();
    assert_ne!(ours.to_string_lossy(), format!("pid:[{}]", running[7]));
    assert_eq!(row("nsmade")[2..], ["0"], "{table}");
    let fields = sk.ok(&[
        "ps",
        "--ns",
        "--format",
        "{{.Pid}} {{.PIDNS}} {{.Namespaces.PIDNS}}",
    ]);
    assert_eq!(fields, format!("{pid} {0} {0}\n", running[7]));
    // docker's JSON keeps docker's keys only.
    let json = sk.ok(&["ps", "--format", "{{json .}}"]);
    assert!(
        !json.contains("PIDNS") && !json.contains("\"Pid\""),
        "{json}"
    );
    sk.ok(&["rm", "-f", "nsrun", "nsmade"]);
}

/// podman's typed `ps` fields: `IsInfra`, `ExitCode`, `Exited`, `ExitedAt`, `StartedAt`,
/// `AutoRemove`, `ImageID`, `Created`, `CreatedHuman` (booleans test as booleans; a time that
/// never was is Go's zero time, as podman prints it).
#[test]
fn ps_has_podman_s_typed_fields() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.fails(&["run", "--name", "ended", &img, "sh", "-c", "exit 3"], 3);
    sk.ok(&["create", "--name", "made", &img, "true"]);
    sk.ok(&["run", "-d", "--rm", "--name", "up", &img, "sleep", "60"]);
    sk.ok(&["pod", "create", "--name", "pd"]);
    let image_id = sk.inspect(&img, "{{.Id}}");
    let short = &image_id.trim_start_matches("sha256:")[..12];
    let rows = sk.ok(&[
        "ps",
        "-a",
        "--sort",
        "names",
        "--format",
        "{{.Names}} {{.IsInfra}} {{.ExitCode}} {{if .Exited}}exited{{else}}not{{end}} \
         {{.AutoRemove}} {{.ImageID}} {{.CreatedHuman}}",
    ]);
    let rows: Vec<&str> = rows.lines().collect();
    let infra = rows
        .iter()
        .find(|r| r.contains(" true 0 not false"))
        .copied();
    assert!(infra.is_some(), "the pod's infra container: {rows:?}");
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name}: {rows:?}"))
            .to_string()
    };
    assert!(
        row("ended").starts_with(&format!("ended false 3 exited false {short} ")),
        "{rows:?}"
    );
    assert!(
        row("made").starts_with(&format!("made false 0 not false {short} ")),
        "{rows:?}"
    );
    assert!(
        row("up").starts_with(&format!("up false 0 not true {short} ")),
        "{rows:?}"
    );
    assert!(row("up").ends_with(" ago"), "{rows:?}");
    let times = sk.ok(&[
        "ps",
        "-a",
        "--filter",
        "name=made",
        "--format",
        "{{.StartedAt}} {{.ExitedAt}} {{.Created}}",
    ]);
    assert!(times.starts_with("-62135596800 -62135596800 20"), "{times}");
    assert!(times.trim_end().ends_with(" +0000 UTC"), "{times}");
    let ended = sk.ok(&[
        "ps",
        "-a",
        "--filter",
        "name=ended",
        "--format",
        "{{.StartedAt}} {{.ExitedAt}}",
    ]);
    let secs: Vec<i64> = ended
        .split_whitespace()
        .map(|t| t.parse().unwrap())
        .collect();
    assert!(secs[0] > 1_700_000_000 && secs[1] >= secs[0], "{ended}");
    sk.ok(&["rm", "-f", "up", "made", "ended"]);
    sk.ok(&["pod", "rm", "-f", "pd"]);
}

#[test]
fn requires_starts_the_required_containers_first() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["create", "--name", "db", &img, "sleep", "60"]);
    sk.ok(&["create", "--name", "cache", &img, "sleep", "60"]);
    sk.ok(&[
        "create",
        "--name",
        "app",
        "--requires",
        "db,cache",
        &img,
        "sleep",
        "60",
    ]);
    let state = |name: &str| sk.inspect(name, "{{.State.Status}}");
    assert_eq!(state("db"), "created");
    sk.ok(&["start", "app"]);
    assert_eq!(
        (state("db"), state("cache"), state("app")),
        ("running".into(), "running".into(), "running".into())
    );
    // A stopped requirement is started again with the container.
    sk.ok(&["stop", "-t", "0", "app", "db"]);
    sk.ok(&["start", "app"]);
    assert_eq!(state("db"), "running");
    // run takes it too; a missing requirement is refused at create.
    let out = sk.ok(&["run", "--rm", "--requires", "db", &img, "echo", "ran"]);
    assert_eq!(out, "ran\n");
    let missing = sk.run(&["create", "--requires", "nosuch", &img, "true"]);
    assert_eq!(missing.status, 125, "{missing:?}");
    assert!(missing.stderr.contains("--requires nosuch"), "{missing:?}");
    // rm --depend removes what requires the container first.
    let app = sk.inspect("app", "{{.Id}}");
    let removed = sk.ok(&["rm", "-f", "--depend", "cache"]);
    assert_eq!(removed, format!("{app}\ncache\n"));
    assert_ne!(sk.run(&["container", "exists", "app"]).status, 0);
    sk.ok(&["rm", "-f", "db"]);
}

#[test]
fn personality_sets_the_execution_domain() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let host = sk.ok(&["run", "--rm", &img, "uname", "-m"]);
    let linux32 = sk.ok(&[
        "run",
        "--rm",
        "--personality",
        "LINUX32",
        &img,
        "uname",
        "-m",
    ]);
    match host.trim() {
        "x86_64" => assert_eq!(linux32, "i686\n"),
        "aarch64" => assert_eq!(linux32, "armv8l\n"),
        other => assert_ne!(linux32.trim(), other, "LINUX32 changes the machine name"),
    }
    assert_eq!(
        sk.ok(&["run", "--rm", "--personality", "linux", &img, "uname", "-m"]),
        host
    );
    sk.ok(&[
        "create",
        "--name",
        "p32",
        "--personality",
        "LINUX32",
        &img,
        "uname",
        "-m",
    ]);
    sk.ok(&["start", "-a", "p32"]);
    assert_eq!(sk.ok(&["logs", "p32"]), linux32);
    let bad = sk.run(&["run", "--rm", "--personality", "WINDOWS", &img, "true"]);
    assert_eq!(bad.status, 125, "{bad:?}");
    assert!(bad.stderr.contains("LINUX32"), "{bad:?}");
    sk.ok(&["rm", "p32"]);
}

#[test]
fn passwd_passwd_entry_and_hostuser_add_the_accounts_the_image_lacks() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let template = "$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/sh";
    #[rustfmt::skip]
    let out = sk.ok(&["run", "--rm", "--user", "1234:55", "-w", "/tmp", "--passwd-entry", template,
        &img, "sh", "-c", "whoami; grep ^1234: /etc/passwd; ls -ln /etc/passwd"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..2],
        ["1234", "1234:x:1234:55:1234:/tmp:/bin/sh"],
        "{out}"
    );
    // Owned by the container's root, as the image's file.
    assert!(
        lines[2].contains(" 0 ") && lines[2].starts_with("-rw-r--r--"),
        "{out}"
    );
    // Without it, podman's --passwd: an entry for the numeric user and its group (the
    // user's number when none is given), HOME the working directory; the process's groups
    // are the user's own (podman's `id`).
    #[rustfmt::skip]
    let plain = sk.ok(&["run", "--rm", "--user", "1234", &img, "sh", "-c",
        "whoami; grep ^1234: /etc/passwd /etc/group; id; echo $HOME"]);
    assert_eq!(
        plain,
        "1234\n/etc/passwd:1234:*:1234:0:container user:/:/bin/sh\n/etc/group:1234:x:1234:\n\
         uid=1234(1234) gid=0(root) groups=0(root)\n/\n"
    );
    #[rustfmt::skip]
    let grouped = sk.ok(&["run", "--rm", "--read-only", "--user", "1234:5678", "-w", "/tmp", &img,
        "sh", "-c", "id; echo $HOME"]);
    assert_eq!(
        grouped,
        "uid=1234(1234) gid=5678(5678) groups=5678(5678)\n/tmp\n"
    );
    // The container's own files stay as they are: nothing to diff or commit.
    sk.ok(&[
        "run",
        "--name",
        "pwdiff",
        "--user",
        "1234",
        &img,
        "touch",
        "/tmp/made",
    ]);
    assert_eq!(sk.ok(&["diff", "pwdiff"]), "C /tmp\nA /tmp/made\n");
    sk.ok(&["rm", "pwdiff"]);
    // --passwd=false: the image's files as they are, as docker's.
    #[rustfmt::skip]
    let off = sk.run(&["run", "--rm", "--passwd=false", "--user", "1234", &img, "whoami"]);
    assert_ne!(off.status, 0, "{off:?}");
    let users = sk.ok(&[
        "run",
        "--rm",
        "--passwd=false",
        "--user",
        "1234",
        &img,
        "cat",
        "/etc/passwd",
    ]);
    assert_eq!(users, sk.ok(&["run", "--rm", &img, "cat", "/etc/passwd"]));
    // A user the image has keeps its line; the template is not added.
    #[rustfmt::skip]
    let kept = sk.ok(&["run", "--rm", "--user", "65534", "--passwd-entry", template, &img,
        "grep", "-c", ":65534:", "/etc/passwd"]);
    assert_eq!(kept, "1\n");
    // --hostuser: the host's own line for that account.
    // --hostuser: the host's own line for an account the image lacks (the test user, or as
    // root a user account of the host); one it has keeps the image's line.
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    let image_passwd = sk.ok(&["run", "--rm", &img, "cat", "/etc/passwd"]);
    let in_image = |field: usize, value: &str| {
        image_passwd
            .lines()
            .any(|l| l.split(':').nth(field) == Some(value))
    };
    let mine = passwd.lines().find(|l| {
        let f: Vec<&str> = l.split(':').collect();
        let uid: u32 = f.get(2).and_then(|u| u.parse().ok()).unwrap_or(0);
        (1000..65534).contains(&uid) && !in_image(0, f[0]) && !in_image(2, f[2])
    });
    let mine = mine.expect("a user account on the host (the rig makes skifftest)");
    let hostuser = mine.split(':').next().unwrap();
    #[rustfmt::skip]
    let line = sk.ok(&["run", "--rm", "--hostuser", hostuser, &img, "grep",
        &format!("^{hostuser}:"), "/etc/passwd"]);
    assert_eq!(line, format!("{mine}\n"));
    #[rustfmt::skip]
    let root = sk.ok(&["run", "--rm", "--hostuser", "root", &img, "grep", "^root:", "/etc/passwd"]);
    assert_eq!(
        root, "root:x:0:0:root:/root:/bin/sh\n",
        "the image's own line stays"
    );
    // Added at each start of a created container, once.
    #[rustfmt::skip]
    sk.ok(&["create", "--name", "pw", "--user", "4321", "--passwd-entry", template, &img,
        "grep", "-c", "^4321:", "/etc/passwd"]);
    sk.ok(&["start", "-a", "pw"]);
    sk.ok(&["start", "-a", "pw"]);
    assert_eq!(sk.ok(&["logs", "pw"]), "1\n1\n");
    let bad = sk.run(&[
        "run",
        "--rm",
        "--hostuser",
        "no-such-user-here",
        &img,
        "true",
    ]);
    assert_eq!(bad.status, 125, "{bad:?}");
    let bad = sk.run(&[
        "run",
        "--rm",
        "--user",
        "7",
        "--passwd-entry",
        "oneword",
        &img,
        "true",
    ]);
    assert_eq!(bad.status, 125, "{bad:?}");
    sk.ok(&["rm", "pw"]);
}

#[test]
fn passwd_entry_never_writes_through_a_symlink_the_container_made() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    // A host directory the container names in a symlink of its own /etc.
    let victim = sk.path("victim");
    std::fs::create_dir_all(&victim).unwrap();
    // Privileged, it can take skiff's mounts off /etc and replace the directory.
    let script = format!(
        "for f in $(grep ' /etc/' /proc/mounts | cut -d' ' -f2); do umount $f; done; \
         rm -rf /etc && ln -s {} /etc && ls -ld /etc",
        victim.display()
    );
    #[rustfmt::skip]
    sk.ok(&["run", "-d", "--privileged", "--name", "evil", "--user", "1234", "--passwd-entry",
        "x:x:$UID:$GID::/:/bin/sh", &img, "sleep", "60"]);
    assert_eq!(
        sk.ok(&["exec", "evil", "grep", "-c", "^x:x:1234:", "/etc/passwd"]),
        "1\n"
    );
    let link = sk.ok(&["exec", "-u", "0", "evil", "sh", "-c", &script]);
    assert!(
        link.starts_with('l'),
        "the container replaced its /etc: {link}"
    );
    sk.ok(&["stop", "-t", "0", "evil"]);
    // The next start prepares /etc/passwd again: the symlink is the container's choice, and
    // nothing is written through it on the host (the start itself then fails: there is no
    // /etc to put /etc/hosts in).
    let _ = sk.run(&["start", "evil"]);
    assert!(
        std::fs::read_dir(&victim).unwrap().next().is_none(),
        "a file was written through the container's symlink"
    );
    sk.ok(&["rm", "-f", "evil"]);
}

#[test]
fn init_makes_a_container_initialized_and_start_runs_it() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&[
        "create",
        "--name",
        "ini1",
        &img,
        "sh",
        "-c",
        "echo ran > /out; sleep 30",
    ]);
    assert_eq!(sk.ok(&["init", "ini1"]), "ini1\n");
    assert_eq!(sk.inspect("ini1", "{{.State.Status}}"), "initialized");
    let rows = sk.ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}} {{.State}}"]);
    assert_eq!(rows, "ini1 Initialized initialized\n");
    let filtered = sk.ok(&["ps", "-a", "-q", "--filter", "status=initialized"]);
    assert_eq!(filtered.lines().count(), 1, "{filtered}");
    assert!(sk
        .ok(&["ps", "-a", "-q", "--filter", "status=created"])
        .is_empty());
    // Once is enough: a second init is refused, as podman's is.
    let again = sk.fails(&["init", "ini1"], 125);
    assert!(again.stderr.contains("initialized already"), "{again:?}");
    sk.ok(&["start", "ini1"]);
    sk.wait_for(
        "ini1",
        "{{.State.Status}}",
        "running",
        Duration::from_secs(10),
    );
    assert_eq!(sk.ok(&["exec", "ini1", "cat", "/out"]), "ran\n");
    let running = sk.fails(&["init", "ini1"], 125);
    assert!(running.stderr.contains("not running"), "{running:?}");
    // A stopped container can be initialized again; -a passes over the running ones.
    sk.ok(&["stop", "-t", "0", "ini1"]);
    sk.ok(&["run", "-d", "--name", "ini2", &img, "sleep", "30"]);
    let id1 = sk.inspect("ini1", "{{.Id}}");
    assert_eq!(sk.ok(&["container", "init", "--all"]), format!("{id1}\n"));
    assert_eq!(sk.inspect("ini1", "{{.State.Status}}"), "initialized");
    assert_eq!(sk.inspect("ini2", "{{.State.Status}}"), "running");
    let events = sk.ok(&[
        "events",
        "--since",
        "1m",
        "--until",
        "0s",
        "--filter",
        "event=init",
    ]);
    assert_eq!(events.lines().count(), 2, "{events}");
    sk.fails(&["init", "no-such-container"], 125);
    sk.ok(&["rm", "-f", "ini1", "ini2"]);
}

#[test]
fn container_clone_copies_the_command_line_with_new_name_limits_and_image() {
    // Names with a letter past f: `inspect c3` of a removed container found another whose id
    // starts with c3 (an id prefix also names a container).
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&[
        "run", "-d", "--name", "orig", "-m", "64m", "-e", "A=1", "-l", "k=v", &img, "sleep", "300",
    ]);
    let fields = "{{.Config.Env}} {{.Config.Labels}} {{.Config.Cmd}} {{.HostConfig.Memory}}";
    let want = |mem: &str| {
        format!("[A=1 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin] map[k:v] [sleep 300] {mem}")
    };
    // The default name, the original's flags, created and not started.
    let id = sk.ok(&["container", "clone", "orig"]).trim().to_string();
    assert_eq!(sk.inspect("orig-clone", "{{.Id}}"), id);
    assert_eq!(sk.inspect("orig-clone", fields), want("67108864"));
    assert_eq!(sk.inspect("orig-clone", "{{.State.Status}}"), "created");
    // A name, another limit, started.
    sk.ok(&[
        "container",
        "clone",
        "--memory",
        "128m",
        "--run",
        "orig",
        "cx2",
    ]);
    assert_eq!(sk.inspect("cx2", fields), want("134217728"));
    assert_eq!(sk.inspect("cx2", "{{.State.Status}}"), "running");
    assert_eq!(sk.ok(&["exec", "cx2", "sh", "-c", "echo $A"]), "1\n");
    // The clone's own command line is recorded: a clone of the clone keeps its limit.
    sk.ok(&["container", "clone", "cx2", "cx2b"]);
    assert_eq!(sk.inspect("cx2b", "{{.HostConfig.Memory}}"), "134217728");
    // Another image; --destroy removes the original (running: -f).
    let refused = sk.run(&["container", "clone", "--destroy", "orig", "cx3"]);
    assert_ne!(
        refused.status, 0,
        "a running original needs -f: {refused:?}"
    );
    sk.fails(&["inspect", "cx3"], 125);
    sk.ok(&["tag", &img, "localhost/other:1"]);
    sk.ok(&[
        "container",
        "clone",
        "--destroy",
        "-f",
        "orig",
        "cx3",
        "localhost/other:1",
    ]);
    assert_eq!(sk.inspect("cx3", "{{.Config.Image}}"), "localhost/other:1");
    sk.fails(&["inspect", "orig"], 125);
    sk.fails(&["container", "clone", "no-such-container"], 125);
    sk.ok(&["rm", "-f", "orig-clone", "cx2", "cx2b", "cx3"]);
}

#[test]
fn mount_shows_a_stopped_container_s_files_to_the_host_until_unmount() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["create", "--name", "m1", &img, "cat", "/from-host"]);
    if !crate::harness::is_root() {
        // As podman's: a rootless mount needs the namespace `unshare` keeps.
        let out = sk.fails(&["mount", "m1"], 125);
        assert!(out.stderr.contains("skiff unshare"), "{out:?}");
    }
    let skiff = sk.command_line();
    // In one namespace: mount, write through the mount point, list, start refused while
    // mounted, unmount, start (the file is in the container), list again.
    let script = format!(
        "p=$({s} mount m1) && echo written > \"$p/from-host\" && test -d \"$p/bin\" && \
         findmnt -no OPTIONS \"$p\" | grep -q nosuid,nodev && echo safe && \
         {s} mount --format json | grep -c '\"names\"' && \
         ({s} start -a m1 2>&1 | grep -c 'is mounted'); \
         {s} unmount m1 && {s} start -a m1 && {s} mount | wc -l && {s} unmount m1",
        s = skiff
    );
    let out = sk.ok(&["unshare", "sh", "-c", &script]);
    // `safe`: the image's setuid programs and devices do not work through the host's mount.
    assert_eq!(out, "safe\n1\n1\nm1\nwritten\n0\nm1\n", "{out}");
    // A running container's files are its process's root.
    sk.ok(&["run", "-d", "--name", "m2", &img, "sleep", "300"]);
    let pid = sk.inspect("m2", "{{.State.Pid}}");
    let script = format!("{skiff} mount m2");
    assert_eq!(
        sk.ok(&["unshare", "sh", "-c", &script]),
        format!("/proc/{pid}/root\n")
    );
    sk.ok(&["rm", "-f", "m1", "m2"]);
}

#[test]
fn image_mount_shows_an_image_s_files_read_only_until_unmount() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["pull", "-q", &img]);
    let id = sk.inspect(&img, "{{.Id}}");
    let id = id.trim_start_matches("sha256:");
    sk.ok(&["tag", &img, "localhost/mnt:1"]);
    if !crate::harness::is_root() {
        let out = sk.fails(&["image", "mount", &img], 125);
        assert!(out.stderr.contains("skiff image mount IMAGE"), "{out:?}");
    }
    let skiff = sk.command_line();
    // In one namespace: mount (twice: the same place), read, no write, nosuid and nodev,
    // list (text and JSON), rmi refused while mounted and prune keeps it, unmount (twice: the
    // id both times), rmi then works.
    let script = format!(
        "p=$({s} image mount localhost/mnt:1) && test \"$p\" = \"$({s} image mount {img})\" && \
         test -x \"$p/bin/sh\" && echo readable && \
         (touch \"$p/x\" 2>/dev/null || echo read-only) && \
         findmnt -no OPTIONS \"$p\" | grep -q nosuid,nodev && echo safe && \
         {s} image mount | grep -c \"  $p$\" && \
         {s} image mount --format json | grep -c '\"mountpoint\"' && \
         ({s} rmi -f {id} 2>&1 | grep -c 'is mounted'); \
         {s} image prune -a -f >/dev/null && {s} image exists localhost/mnt:1 && echo kept && \
         {s} image unmount localhost/mnt:1 && {s} image umount localhost/mnt:1 && \
         {s} image mount | wc -l && {s} rmi -f {id} >/dev/null && echo removed",
        s = skiff
    );
    let out = sk.ok(&["unshare", "sh", "-c", &script]);
    assert_eq!(
        out,
        format!("readable\nread-only\nsafe\n1\n1\n1\nkept\n{id}\n{id}\n0\nremoved\n"),
        "{out}"
    );
    // Nothing left of the mount in the store.
    let mounts = sk.root().join("storage/image-mounts");
    let left: Vec<_> = std::fs::read_dir(&mounts).into_iter().flatten().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn image_tree_draws_an_image_s_layers_and_what_stacks_on_them() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let dir = sk.path("tree");
    std::fs::create_dir_all(&dir).unwrap();
    let build = |from: &str, run: &str, tag: &str| {
        std::fs::write(dir.join("Dockerfile"), format!("FROM {from}\nRUN {run}\n")).unwrap();
        sk.ok(&["build", "-q", "-t", tag, &dir.display().to_string()]);
    };
    build(&img, "echo a > /a", "localhost/tree1");
    build("localhost/tree1", "echo bb > /b", "localhost/tree2");
    build("localhost/tree1", "echo c > /c", "localhost/tree3");
    build("localhost/tree2", "echo d > /d", "localhost/tree4");
    let id = sk.inspect("localhost/tree4", "{{.Id}}");
    let id = id.trim_start_matches("sha256:");
    // The layers base first, each with the images it is the top layer of.
    let out = sk.ok(&["image", "tree", "localhost/tree4"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], format!("Image ID: {}", &id[..12]), "{out}");
    assert_eq!(lines[1], "Tags:     [localhost/tree4:latest]", "{out}");
    assert!(
        lines[2].starts_with("Size:     ") && lines[2].ends_with("MB"),
        "{out}"
    );
    assert_eq!(lines[3], "Image Layers", "{out}");
    let tops: Vec<&str> = lines[4..8]
        .iter()
        .map(|l| l.split_once("Top Layer of: ").map_or("", |(_, t)| t))
        .collect();
    let busybox = format!("[{img}]");
    #[rustfmt::skip]
    let want = [busybox.as_str(), "[localhost/tree1:latest]", "[localhost/tree2:latest]",
        "[localhost/tree4:latest]"];
    assert_eq!(tops, want, "{out}");
    assert!(
        lines[4].starts_with("├── ID: ") && lines[7].starts_with("└── ID: "),
        "{out}"
    );
    // The RUN steps' layers: 2 and 3 bytes of content.
    assert!(lines[6].contains(" Size:      3B "), "{out}");
    assert_eq!(out.lines().count(), 9, "{out}");
    assert!(out.ends_with("\n\n"), "{out}");
    // --whatrequires tree1: its top layer, then what stacks on it, tree4's under tree2's.
    let out = sk.ok(&["image", "tree", "--whatrequires", "localhost/tree1"]);
    let layers: Vec<String> = out
        .lines()
        .skip(4)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (shape, rest) = l.split_once("ID: ").unwrap();
            let top = rest.split_once("Top Layer of: ").map_or("", |(_, t)| t);
            format!("{shape}{top}")
        })
        .collect();
    assert_eq!(
        layers,
        [
            "├── [localhost/tree1:latest]",
            "├── [localhost/tree2:latest]",
            "│   └── [localhost/tree4:latest]",
            "└── [localhost/tree3:latest]"
        ],
        "{out}"
    );
    let bad = sk.fails(&["image", "tree", "localhost/nosuch"], 125);
    assert!(bad.stderr.contains("No such image"), "{bad:?}");
}

#[test]
fn runlabel_runs_the_command_an_image_label_describes() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let dir = sk.path("labelled");
    std::fs::create_dir_all(&dir).unwrap();
    let df = format!(
        "FROM {img}\n\
         LABEL RUN=\"docker run -d --name NAME IMAGE sleep 60\"\n\
         LABEL INSTALL=\"sh -c 'echo \\\"\\$1 \\$PWD\\\" > \\\"\\$2\\\"; exit 3' sh IMAGE\"\n"
    );
    std::fs::write(dir.join("Dockerfile"), df).unwrap();
    sk.ok(&[
        "build",
        "-q",
        "-t",
        "localhost/labelled",
        &dir.display().to_string(),
    ]);
    // --display: the command with IMAGE and NAME (the repository's last part) put in.
    let shown = sk.ok(&[
        "container",
        "runlabel",
        "--display",
        "run",
        "localhost/labelled",
    ]);
    assert_eq!(
        shown,
        "command: skiff run -d --name labelled localhost/labelled sleep 60\n"
    );
    // A docker command runs this skiff on the same store.
    sk.ok(&["container", "runlabel", "RUN", "localhost/labelled"]);
    let id = sk.inspect("labelled", "{{.Id}}");
    assert_eq!(sk.inspect("labelled", "{{.State.Status}}"), "running");
    // --replace: the container of that name goes first.
    sk.ok(&[
        "container",
        "runlabel",
        "--replace",
        "RUN",
        "localhost/labelled",
    ]);
    assert_ne!(sk.inspect("labelled", "{{.Id}}"), id);
    sk.ok(&["rm", "-f", "labelled"]);
    // Another program runs as it is, with the extra arguments; its exit code is ours.
    let out_file = sk.path("installed");
    let out = sk.run(&[
        "container",
        "runlabel",
        "INSTALL",
        "localhost/labelled",
        &out_file.display().to_string(),
    ]);
    assert_eq!(out.status, 3, "{out:?}");
    let written = std::fs::read_to_string(&out_file).unwrap();
    let pwd = std::env::current_dir().unwrap();
    assert_eq!(written, format!("localhost/labelled {}\n", pwd.display()));
    // A label the image lacks; a missing image is pulled first.
    let bad = sk.fails(
        &["container", "runlabel", "NOPE", "localhost/labelled"],
        125,
    );
    assert!(
        bad.stderr.contains("cannot find the value of label: NOPE"),
        "{bad:?}"
    );
    let bad = sk.fails(&["container", "runlabel", "-q", "RUN", &img], 125);
    assert!(
        bad.stderr.contains("cannot find the value of label"),
        "{bad:?}"
    );
    sk.ok(&["image", "exists", &img]);
}

#[test]
fn build_os_fields_ps_sync_and_push_signature_flags() {
    let reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let dir = sk.path("ctx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Dockerfile"), format!("FROM {img}\nRUN true\n")).unwrap();
    let ctx = dir.display().to_string();
    let os = "{{.OsVersion}} {{.OsFeatures}}";
    sk.ok(&[
        "build",
        "-q",
        "--os-version",
        "10.0.17763",
        "--os-feature",
        "a",
        "--os-feature",
        "b",
        "-t",
        "localhost/osv",
        &ctx,
    ]);
    assert_eq!(sk.inspect("localhost/osv", os), "10.0.17763 [a b]");
    // A build FROM it keeps them (the config's fields survive), and FEATURE- takes one off.
    std::fs::write(dir.join("Dockerfile"), "FROM localhost/osv\nRUN true\n").unwrap();
    sk.ok(&[
        "build",
        "-q",
        "--os-feature",
        "a-",
        "-t",
        "localhost/osv2",
        &ctx,
    ]);
    assert_eq!(sk.inspect("localhost/osv2", os), "10.0.17763 [b]");
    // ps --sync and --external list what ps lists.
    sk.ok(&["create", "--name", "listed", &img, "true"]);
    let plain = sk.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(
        sk.ok(&["ps", "-a", "--sync", "--external", "--format", "{{.Names}}"]),
        plain
    );
    // push: no signature to remove (the push goes through); signing is refused before anything
    // is sent.
    let dest = format!("{reg}/flags2/osv:1");
    sk.ok(&[
        "push",
        "-q",
        "--remove-signatures",
        "--tls-verify=false",
        "localhost/osv",
        &dest,
    ]);
    let refused = sk.fails(
        &[
            "push",
            "--sign-by",
            "me@example.com",
            "localhost/osv",
            "127.0.0.1:9/x",
        ],
        125,
    );
    assert!(refused.stderr.contains("signs no images"), "{refused:?}");
    // manifest push refuses signing too; exists and prune --external do what they always do.
    sk.ok(&["manifest", "create", "localhost/signlist"]);
    let refused = sk.fails(
        &[
            "manifest",
            "push",
            "--sign-by",
            "me@example.com",
            "localhost/signlist",
            "127.0.0.1:9/x",
        ],
        125,
    );
    assert!(refused.stderr.contains("signs no images"), "{refused:?}");
    sk.ok(&["container", "exists", "--external", "listed"]);
    sk.fails(
        &["container", "exists", "--external", "no-such-container"],
        1,
    );
    sk.ok(&["image", "prune", "--external", "-f"]);
    sk.ok(&["rm", "listed"]);
}

#[test]
fn retry_and_retry_delay_set_how_registry_requests_retry() {
    let sk = Skiff::new();
    // Nothing listens on this port: each attempt fails at once, so the count and the waits are
    // what the flags say.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let name = format!("127.0.0.1:{port}/x:1");
    let attempt = |flags: &[&str]| {
        let mut args = vec!["pull", "-q", "--tls-verify=false"];
        args.extend_from_slice(flags);
        args.push(&name);
        let t = Instant::now();
        let out = sk.fails(&args, 125);
        (out.stderr, t.elapsed())
    };
    let (err, _) = attempt(&[]);
    assert!(
        err.contains("after 4 attempts"),
        "the default, 3 retries: {err}"
    );
    let (err, _) = attempt(&["--retry", "0"]);
    assert!(
        err.contains("cannot reach") && !err.contains("attempts"),
        "{err}"
    );
    let (err, took) = attempt(&["--retry", "2", "--retry-delay", "400ms"]);
    assert!(err.contains("after 3 attempts"), "{err}");
    assert!(
        took >= Duration::from_millis(800),
        "two waits of 400 ms: {took:?}"
    );
    let bad = sk.fails(&["pull", "--retry-delay", "soon", &name], 125);
    assert!(bad.stderr.contains("--retry-delay soon"), "{bad:?}");
    // build's FROM pulls retry as told too.
    let dir = sk.path("ctx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Dockerfile"), format!("FROM {name}\n")).unwrap();
    let ctx = dir.display().to_string();
    let out = sk.fails(
        &[
            "build",
            "--retry",
            "1",
            "--retry-delay",
            "10ms",
            "--tls-verify=false",
            &ctx,
        ],
        125,
    );
    assert!(out.stderr.contains("after 2 attempts"), "{out:?}");
}

#[test]
fn systemd_mode_for_an_init_command_or_always() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let script = "for d in /run /run/lock /tmp /var/lib/journal /sys/fs/cgroup; do \
                  grep \" $d \" /proc/mounts | cut -d' ' -f1-2,4 | cut -d, -f1; done; \
                  echo \"uuid=$container_uuid\"";
    let id = sk.ok(&[
        "run",
        "-d",
        "--systemd=always",
        &img,
        "sh",
        "-c",
        &format!("{script}; sleep 300"),
    ]);
    let id = id.trim();
    sk.wait_for(id, "{{.State.Status}}", "running", Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(300));
    let out = sk.ok(&["logs", id]);
    let mut want = String::new();
    for d in ["/run", "/run/lock", "/tmp", "/var/lib/journal"] {
        want.push_str(&format!("tmpfs {d} rw\n"));
    }
    // The cgroup file system, where the host lets the container mount one: writable.
    let cgroup = out.lines().find(|l| l.starts_with("cgroup2 "));
    if let Some(line) = cgroup {
        want.push_str(&format!("{line}\n"));
        assert_eq!(line, "cgroup2 /sys/fs/cgroup rw", "{out}");
    }
    want.push_str(&format!("uuid={}\n", &id[..32]));
    assert_eq!(out, want);
    assert_eq!(
        sk.inspect(id, "{{.Config.StopSignal}} {{.Config.SystemdMode}}"),
        "SIGRTMIN+3 true"
    );
    // By default only an init command: /sbin/init is one, sh is not; --systemd=false never.
    sk.ok(&["create", "--name", "init-cmd", &img, "/sbin/init"]);
    sk.ok(&["create", "--name", "plain", &img, "sh"]);
    sk.ok(&[
        "create",
        "--name",
        "off",
        "--systemd=false",
        &img,
        "/sbin/init",
    ]);
    let mode = "{{.Config.StopSignal}} {{.Config.SystemdMode}} {{len .Mounts}}";
    assert_eq!(sk.inspect("init-cmd", mode), "SIGRTMIN+3 true 4");
    assert_eq!(sk.inspect("plain", mode), "SIGTERM false 0");
    assert_eq!(sk.inspect("off", mode), "SIGTERM false 0");
    // Outside systemd mode the cgroup file system stays read-only.
    let ro = sk.ok(&[
        "run",
        "--rm",
        &img,
        "sh",
        "-c",
        "grep ' /sys/fs/cgroup ' /proc/mounts | cut -d' ' -f4 | cut -d, -f1",
    ]);
    assert!(ro.is_empty() || ro == "ro\n", "{ro}");
    // A root container with limits keeps it read-only even so: writable, it could raise them.
    if crate::harness::is_root() {
        let limited = sk.ok(&[
            "run",
            "--rm",
            "--systemd=always",
            "-m",
            "64m",
            &img,
            "sh",
            "-c",
            "grep ' /sys/fs/cgroup ' /proc/mounts | cut -d' ' -f4 | cut -d, -f1",
        ]);
        assert!(limited.is_empty() || limited == "ro\n", "{limited}");
    }
    sk.fails(&["run", "--rm", "--systemd=sometimes", &img, "true"], 125);
    sk.ok(&["rm", "-f", id, "init-cmd", "plain", "off"]);
}

#[test]
fn uidmap_and_gidmap_give_the_container_its_own_mapping() {
    use std::os::unix::fs::MetadataExt;
    let _reg = require_registry!();
    let sk = Skiff::new();
    // A mapping without the store's owner needs the store opened, as its error says.
    crate::userns::open_to_others(&sk);
    let img = image("busybox:latest");
    let maps = "cat /proc/self/uid_map /proc/self/gid_map | tr -s ' ' | sed 's/^ //'";
    if crate::harness::is_root() {
        let out = sk.ok(&[
            "run",
            "--name",
            "mapped",
            "--uidmap",
            "0:200000:65536",
            "--gidmap",
            "0:300000:65536",
            &img,
            "sh",
            "-c",
            &format!("{maps}; touch /made"),
        ]);
        assert_eq!(out, "0 200000 65536\n0 300000 65536\n");
        let upper = sk.inspect("mapped", "{{.GraphDriver.Data.UpperDir}}");
        let made = std::fs::metadata(std::path::Path::new(&upper).join("made")).unwrap();
        assert_eq!(
            (made.uid(), made.gid()),
            (200000, 300000),
            "the container's root is 200000:300000 on the host"
        );
        sk.ok(&["rm", "mapped"]);
        // --subuidname: the ranges /etc/subuid grants a name, from container id 0 on.
        let subuid = std::fs::read_to_string("/etc/subuid").unwrap();
        let (start, count) = subuid
            .lines()
            .find_map(|l| l.strip_prefix("skifftest:"))
            .and_then(|r| r.split_once(':'))
            .expect("the rig's test user has subordinate ids");
        let out = sk.ok(&[
            "run",
            "--rm",
            "--subuidname",
            "skifftest",
            &img,
            "sh",
            "-c",
            maps,
        ]);
        assert_eq!(out, format!("0 {start} {count}\n").repeat(2));
        let none = sk.fails(
            &[
                "run",
                "--rm",
                "--subuidname",
                "no-such-user-here",
                &img,
                "true",
            ],
            125,
        );
        assert!(
            none.stderr.contains("grants no-such-user-here no ids"),
            "{none:?}"
        );
    } else {
        // Rootless, host ids are skiff's namespace's: 0 is the user, 1.. the subordinate ids.
        let out = sk.ok(&[
            "run", "--rm", "--uidmap", "0:0:1", "--uidmap", "1:2:1000", &img, "sh", "-c", maps,
        ]);
        assert_eq!(
            out, "0 0 1\n1 2 1000\n0 0 1\n1 2 1000\n",
            "--gidmap defaults to --uidmap"
        );
        let out = sk.fails(
            &["run", "--rm", "--uidmap", "0:1:100000000", &img, "true"],
            125,
        );
        assert!(out.stderr.contains("subordinate ids"), "{out:?}");
        let out = sk.fails(
            &["run", "--rm", "--subuidname", "skifftest", &img, "true"],
            125,
        );
        assert!(out.stderr.contains("needs root"), "{out:?}");
    }
    let out = sk.fails(
        &[
            "run", "--rm", "--uidmap", "0:100:10", "--uidmap", "5:300:10", &img, "true",
        ],
        125,
    );
    assert!(out.stderr.contains("overlaps"), "{out:?}");
    sk.fails(
        &[
            "run", "--rm", "--uidmap", "0:1:1", "--userns", "auto", &img, "true",
        ],
        125,
    );
}

#[test]
fn volume_mount_prints_where_a_volume_s_files_are() {
    let sk = Skiff::new();
    sk.ok(&["volume", "create", "vmnt"]);
    let path = sk.ok(&["volume", "mount", "vmnt"]);
    let path = path.trim();
    assert_eq!(
        path,
        sk.ok(&["volume", "inspect", "-f", "{{.Mountpoint}}", "vmnt"])
            .trim()
    );
    std::fs::write(std::path::Path::new(path).join("f"), "from the host").unwrap();
    let rootfs = sk.busybox_rootfs();
    assert_eq!(
        sk.ok(&["run", "--rm", "-v", "vmnt:/d", "--rootfs", &rootfs, "cat", "/d/f"]),
        "from the host"
    );
    assert_eq!(sk.ok(&["volume", "unmount", "vmnt"]), "vmnt\n");
    sk.ok(&[
        "volume",
        "create",
        "-o",
        "type=tmpfs",
        "-o",
        "device=tmpfs",
        "vopts",
    ]);
    let out = sk.fails(&["volume", "mount", "vopts"], 125);
    assert!(out.stderr.contains("inside each container"), "{out:?}");
    sk.fails(&["volume", "mount", "no-such-volume"], 125);
}

#[test]
fn network_connect_mac_address_sets_the_interface_s_address() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["network", "create", "macnet"]);
    sk.ok(&[
        "create",
        "--name",
        "macc",
        &img,
        "sh",
        "-c",
        "ip link show eth1 | grep -o 'ether [0-9a-f:]*'",
    ]);
    sk.ok(&[
        "network",
        "connect",
        "--mac-address",
        "02:42:ac:11:00:99",
        "macnet",
        "macc",
    ]);
    assert_eq!(sk.ok(&["start", "-a", "macc"]), "ether 02:42:ac:11:00:99\n");
    sk.ok(&["rm", "macc"]);
    sk.ok(&["network", "rm", "macnet"]);
}

/// `cmd` with `fd` as its descriptor 3, open across exec, as a shell's `3<FILE` or systemd
/// passes it.
fn with_fd3(mut cmd: std::process::Command, fd: std::os::fd::RawFd) -> std::process::Command {
    use std::os::unix::process::CommandExt;
    // SAFETY: dup2 and fcntl in the forked child before exec; async-signal-safe.
    unsafe {
        cmd.pre_exec(move || {
            // dup2 onto itself would leave close-on-exec set: clear it either way.
            if (fd != 3 && libc::dup2(fd, 3) < 0) || libc::fcntl(3, libc::F_SETFD, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd
}

#[test]
fn exec_preserve_fds_passes_the_caller_s_descriptors_and_no_others() {
    use std::os::fd::AsRawFd;
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["run", "-d", "--name", "pf", &img, "sleep", "300"]);
    let file = sk.path("passed.txt");
    std::fs::write(&file, "through fd 3\n").unwrap();
    let passed = std::fs::File::open(&file).unwrap();
    let run = |args: &[&str]| with_fd3(sk.cmd(args), passed.as_raw_fd()).output().unwrap();
    let out = run(&["exec", "--preserve-fds", "1", "pf", "sh", "-c", "cat <&3"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "through fd 3\n",
        "{out:?}"
    );
    // Without the flag the descriptor stays out of the container.
    let out = run(&["exec", "pf", "sh", "-c", "cat <&3"]);
    assert!(!out.status.success() && out.stdout.is_empty(), "{out:?}");
    // One more than the caller has: refused, nothing of skiff's passed in its place.
    let out = run(&["exec", "--preserve-fds", "2", "pf", "true"]);
    assert_eq!(out.status.code(), Some(125), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("descriptor 4 is not open"),
        "{out:?}"
    );
    sk.ok(&["rm", "-f", "pf"]);
}

#[test]
fn run_preserve_fds_passes_the_caller_s_descriptors_through_the_monitor() {
    use std::os::fd::AsRawFd;
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let file = sk.path("passed.txt");
    std::fs::write(&file, "through fd 3\n").unwrap();
    // A file opened anew for each run: one description would be read to its end by the first.
    let run = |args: &[&str]| {
        let passed = std::fs::File::open(&file).unwrap();
        with_fd3(sk.cmd(args), passed.as_raw_fd()).output().unwrap()
    };
    // The file itself, at 3; nothing at 4 but what `ls` opens for itself (its directory).
    let script = "cat <&3; readlink /proc/self/fd/3; ls /proc/self/fd | tr '\\n' ' '";
    let out = run(&[
        "run",
        "--rm",
        "--preserve-fds",
        "1",
        &img,
        "sh",
        "-c",
        script,
    ]);
    let shown = format!("through fd 3\n{}\n0 1 2 3 4 ", file.display());
    assert_eq!(String::from_utf8_lossy(&out.stdout), shown, "{out:?}");
    // Detached: the monitor keeps it for the container, which reads it after `run` returned.
    let script = "sleep 1; cat <&3 >/seen; sleep 300";
    let out = run(&[
        "run",
        "-d",
        "--name",
        "pfd",
        "--preserve-fds",
        "1",
        &img,
        "sh",
        "-c",
        script,
    ]);
    assert!(out.status.success(), "{out:?}");
    let deadline = Instant::now() + Duration::from_secs(20);
    let seen = loop {
        let seen = sk.run(&["exec", "pfd", "cat", "/seen"]);
        if !seen.stdout.is_empty() || Instant::now() > deadline {
            break seen;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(seen.stdout, "through fd 3\n", "{seen:?}");
    sk.ok(&["rm", "-f", "pfd"]);
    // Without the flag it stays out; one more than the caller has is refused.
    let out = run(&["run", "--rm", &img, "sh", "-c", "cat <&3"]);
    assert!(!out.status.success() && out.stdout.is_empty(), "{out:?}");
    let out = run(&["run", "--rm", "--preserve-fds", "2", &img, "true"]);
    assert_eq!(out.status.code(), Some(125), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("descriptor 4 is not open"),
        "{out:?}"
    );
}

/// systemd's socket activation of `run` (podman's): the socket passed as descriptor 3 with
/// `LISTEN_PID` naming skiff reaches the container's process with `LISTEN_PID=1`, and no other
/// process keeps it: when the container closes it, the client sees the end of the stream
/// while the container, its monitor and its network helper still run.
#[test]
fn socket_activation_gives_the_container_the_socket_and_no_one_else() {
    use std::io::Read;
    use std::os::fd::AsRawFd;
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let (mut client, service) = std::os::unix::net::UnixStream::pair().unwrap();
    let skiff = sk.cmd(&[
        "run",
        "-d",
        "--name",
        "activated",
        &img,
        "sh",
        "-c",
        "echo \"$LISTEN_PID $LISTEN_FDS $LISTEN_FDNAMES\" >&3; exec 3>&-; sleep 300",
    ]);
    let mut activate = std::process::Command::new("sh");
    activate
        .arg("-c")
        .arg("export LISTEN_PID=$$ LISTEN_FDS=1 LISTEN_FDNAMES=web; exec \"$0\" \"$@\"")
        .arg(skiff.get_program())
        .args(skiff.get_args())
        .stdin(std::process::Stdio::null());
    for (name, value) in skiff.get_envs() {
        match value {
            Some(v) => activate.env(name, v),
            None => activate.env_remove(name),
        };
    }
    let out = with_fd3(activate, service.as_raw_fd()).output().unwrap();
    drop(service);
    assert!(out.status.success(), "{out:?}");
    client
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut got = String::new();
    let read = client.read_to_string(&mut got);
    assert!(
        read.is_ok(),
        "the socket stayed open after the container closed it (another process holds it): {read:?}, read {got:?}"
    );
    assert_eq!(got, "1 1 web\n");
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.State.Running}}", "activated"]),
        "true\n"
    );
    sk.ok(&["rm", "-f", "activated"]);
}

/// The paths docker and podman hide from a container (masked: /proc/keys, /sys/firmware...;
/// read-only: /proc/sys...) and the options that change them: docker's `--security-opt
/// systempaths=unconfined` (none), podman's `unmask=` (paths or `DIR/*` left alone) and
/// `mask=` (more paths hidden); inspect shows the lists.
#[test]
fn security_opt_unmask_and_mask_change_the_hidden_paths() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    // The mount points of masked and read-only paths, and what /var holds.
    let seen = |opts: &[&str]| {
        let script = "grep -oE ' (/proc/[a-z_]+|/sys/firmware|/var) ' /proc/self/mounts | \
                      tr -d ' ' | sort | tr '\\n' ' '; echo; ls /var | wc -l";
        let args = [&["run", "--rm"][..], opts, &[&img, "sh", "-c", script]].concat();
        sk.ok(&args)
    };
    let default = seen(&[]);
    assert!(
        default.contains("/proc/keys ")
            && default.contains("/proc/sys ")
            && default.contains("/sys/firmware "),
        "{default}"
    );
    let none = seen(&["--security-opt", "systempaths=unconfined"]);
    let (mounts, var) = none.split_once('\n').unwrap();
    assert_eq!(mounts.trim(), "", "{none}");
    assert_ne!(var.trim(), "0", "the image's /var has files: {none}");
    let proc_only = seen(&["--security-opt", "unmask=/proc/*"]);
    assert!(
        !proc_only.contains("/proc/") && proc_only.contains("/sys/firmware "),
        "{proc_only}"
    );
    let var_too = seen(&["--security-opt", "mask=/var"]);
    assert!(
        var_too.contains("/var ") && var_too.ends_with("\n0\n"),
        "{var_too}"
    );
    // inspect shows the lists the container runs with.
    sk.ok(&[
        "create",
        "--name",
        "um",
        "--security-opt",
        "unmask=ALL",
        &img,
    ]);
    let lists = sk.inspect(
        "um",
        "{{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}",
    );
    assert_eq!(lists, "[] []");
    let bad = sk.run(&["run", "--rm", "--security-opt", "mask=var", &img, "true"]);
    assert!(
        bad.status == 125 && bad.stderr.contains("not an absolute path"),
        "{bad:?}"
    );
}

/// docker's `--mount bind-recursive=`: a read-only bind of the host's /dev (whose /dev/shm is a
/// mount of its own, writable by anyone) makes /dev/shm read-only too by default, as docker 25;
/// `writable` leaves it writable; `readonly` without `readonly` is refused; as root, `disabled`
/// binds /dev alone (no /dev/shm mount under it).
#[test]
fn mount_bind_recursive_decides_what_the_mounts_under_a_bind_are() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let name = format!("skiff-test-rro-{}", std::process::id());
    let host_file = std::path::Path::new("/dev/shm").join(&name);
    let touch = |recursion: &str| {
        let mount = format!("type=bind,src=/dev,dst=/hd,readonly{recursion}");
        let script = format!(
            "touch /hd/shm/{name} && echo wrote; grep -q ' /hd/shm ' /proc/self/mounts && echo shm"
        );
        let out = sk.run(&["run", "--rm", "--mount", &mount, &img, "sh", "-c", &script]);
        let _ = std::fs::remove_file(&host_file);
        out
    };
    let default = touch("");
    assert_eq!(
        default.stdout, "shm\n",
        "/dev/shm read-only under a read-only bind: {default:?}"
    );
    assert_eq!(touch(",bind-recursive=readonly").stdout, "shm\n");
    let writable = touch(",bind-recursive=writable");
    assert_eq!(writable.stdout, "wrote\nshm\n", "{writable:?}");
    let refused = sk.run(&[
        "run",
        "--rm",
        "--mount",
        "type=bind,src=/dev,dst=/hd,bind-recursive=readonly",
        &img,
        "true",
    ]);
    assert!(
        refused.status == 125 && refused.stderr.contains("add readonly"),
        "{refused:?}"
    );
    if crate::harness::is_root() {
        // Rootless, the kernel refuses to bind /dev without the mounts it locked under it.
        let alone = touch(",bind-recursive=disabled");
        assert_eq!(alone.stdout, "", "{alone:?}");
    }
}

/// docker's `--mount type=volume,...,volume-subpath=REL`: that directory of the volume is
/// mounted; a symlink the volume holds is followed inside the volume only (one to `/etc` finds
/// the volume's own `etc`, never the host's); a missing or climbing subpath is refused.
#[test]
fn volume_subpath_mounts_a_directory_of_the_volume_and_stays_inside_it() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["volume", "create", "subv"]);
    let fill = "mkdir -p /v/sub && echo in-sub >/v/sub/f && ln -s /etc /v/esc && \
                ln -s ../../../../../../etc /v/climb";
    sk.ok(&["run", "--rm", "-v", "subv:/v", &img, "sh", "-c", fill]);
    let at = |sub: &str, cmd: &[&str]| {
        let mount = format!("type=volume,src=subv,dst=/w,volume-subpath={sub}");
        let args = [&["run", "--rm", "--mount", &mount, &img][..], cmd].concat();
        sk.run(&args)
    };
    let out = at("sub", &["sh", "-c", "cat /w/f; ls /w"]);
    assert_eq!(out.stdout, "in-sub\nf\n", "{out:?}");
    // The links lead to the volume's /etc, which is not there yet: refused, the host's unseen.
    for link in ["esc", "climb"] {
        let out = at(link, &["ls", "/w"]);
        assert!(
            out.status == 125 && out.stderr.contains("create the directory in the volume"),
            "{link}: {out:?}"
        );
    }
    sk.ok(&[
        "run",
        "--rm",
        "-v",
        "subv:/v",
        &img,
        "sh",
        "-c",
        "mkdir /v/etc && echo mine >/v/etc/m",
    ]);
    for link in ["esc", "climb"] {
        assert_eq!(at(link, &["ls", "/w"]).stdout, "m\n", "{link}");
    }
    let out = at("../x", &["true"]);
    assert!(
        out.status == 125 && out.stderr.contains("cannot climb out"),
        "{out:?}"
    );
    let out = sk.run(&[
        "run",
        "--rm",
        "--mount",
        "type=bind,src=/tmp,dst=/t,volume-subpath=x",
        &img,
        "true",
    ]);
    assert!(
        out.status == 125 && out.stderr.contains("give type=volume"),
        "{out:?}"
    );
}

/// docker's `--mount type=volume,...,volume-opt=KEY=VALUE,volume-label=KEY=VALUE`: the named
/// volume the mount creates is made with them (a tmpfs volume here, a field in quotes holding
/// commas as docker's CSV reads it); a volume that exists keeps its own.
#[test]
fn mount_volume_opt_and_label_make_the_volume_the_mount_creates() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let mount = "type=volume,src=optv,dst=/t,volume-opt=type=tmpfs,volume-opt=device=tmpfs,\
                 \"volume-opt=o=size=2m,mode=0700\",volume-label=made=by-mount";
    let script = "grep ' /t ' /proc/self/mounts | cut -d' ' -f3; stat -c %a /t";
    let seen = sk.ok(&["run", "--rm", "--mount", mount, &img, "sh", "-c", script]);
    assert_eq!(seen, "tmpfs\n700\n");
    let vol = "{{.Labels.made}} {{.Options.type}} {{.Options.o}}";
    assert_eq!(
        sk.ok(&["volume", "inspect", "-f", vol, "optv"]),
        "by-mount tmpfs size=2m,mode=0700\n"
    );
    // An existing volume is used as it is.
    sk.ok(&["volume", "create", "plainv"]);
    let mount = "type=volume,src=plainv,dst=/t,volume-opt=type=tmpfs,volume-opt=device=tmpfs";
    let seen = sk.ok(&["run", "--rm", "--mount", mount, &img, "sh", "-c", script]);
    assert!(!seen.starts_with("tmpfs"), "{seen}");
}

#[test]
fn top_takes_podman_s_format_descriptors_and_each_process_leads_its_session() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let id = sk.ok(&["run", "-d", &img, "sh", "-c", "sleep 100 & exec sleep 200"]);
    let id = id.trim();
    let host_pid = sk.ok(&["inspect", "-f", "{{.State.Pid}}", id]);
    let deadline = Instant::now() + Duration::from_secs(10);
    let top = loop {
        let top = sk.ok(&[
            "top", id, "pid,ppid", "pgid", "hpid", "user", "seccomp", "args",
        ]);
        if top.lines().count() == 3 || Instant::now() > deadline {
            break top;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let rows: Vec<Vec<&str>> = top
        .lines()
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(
        rows[0],
        ["PID", "PPID", "PGID", "HPID", "USER", "SECCOMP", "COMMAND"],
        "{top}"
    );
    // Pids are the container's own; the init leads its process group (as runc's).
    assert!(
        rows.contains(&vec![
            "1",
            "0",
            "1",
            host_pid.trim(),
            "root",
            "filter",
            "sleep 200"
        ]),
        "{top}"
    );
    assert!(
        rows.iter()
            .any(|r| r[1..3] == ["1", "1"] && r[4..] == ["root", "filter", "sleep 100"]),
        "{top}"
    );
    // The container's /etc/passwd and /etc/group are read inside its root: a symlink to a
    // host path resolves in the container (no such file: numeric ids), a FIFO is not read.
    let leak = sk.path("host-passwd");
    std::fs::write(&leak, "HOSTLEAK:x:0:0::/:/bin/sh\n").unwrap();
    let script = format!(
        "ln -sf {} /etc/passwd; rm -f /etc/group; mkfifo /etc/group; echo ready; exec sleep 100",
        leak.display()
    );
    let evil = sk.ok(&["run", "-d", &img, "sh", "-c", &script]);
    let evil = evil.trim();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !sk.ok(&["logs", evil]).contains("ready") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let names = sk.run_with(
        &["top", evil, "user", "group"],
        None,
        Duration::from_secs(20),
    );
    assert_eq!(names.status, 0, "{names:?}");
    assert_eq!(
        names
            .stdout
            .lines()
            .nth(1)
            .map(str::split_whitespace)
            .map(Iterator::collect::<Vec<_>>),
        Some(vec!["0", "0"]),
        "{names:?}"
    );
    sk.ok(&["rm", "-f", "-t", "0", evil]);
    // A word that is no descriptor is a ps(1) option, as docker's.
    let ps = sk.ok(&["top", id, "-o", "pid,comm"]);
    assert!(
        ps.starts_with("PID") && ps.contains(host_pid.trim()),
        "{ps}"
    );
    // An exec'd process leads a session of its own too, as with runc.
    let ids = sk.ok(&[
        "exec",
        id,
        "sh",
        "-c",
        "read -r pid comm state ppid pgid sid rest </proc/$$/stat; echo $pid $pgid $sid",
    ]);
    let ids: Vec<&str> = ids.split_whitespace().collect();
    assert!(
        ids.len() == 3 && ids[0] == ids[1] && ids[1] == ids[2],
        "{ids:?}"
    );
    sk.ok(&["rm", "-f", "-t", "0", id]);
}

/// podman's `container cleanup`: a stopped container is named back (`--rm` removes it), a
/// running one is refused, `-a` passes over the running ones.
#[test]
fn container_cleanup_names_stopped_containers_and_refuses_running_ones() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["run", "--name", "ended", "--rootfs", &rootfs, "true"]);
    sk.ok(&[
        "run", "-d", "--name", "up", "--rootfs", &rootfs, "sleep", "100",
    ]);
    assert_eq!(sk.ok(&["container", "cleanup", "ended"]), "ended\n");
    let out = sk.fails(&["container", "cleanup", "up"], 125);
    assert!(out.stderr.contains("it is running"), "{out:?}");
    let all = sk.ok(&["container", "cleanup", "-a"]);
    assert_eq!(all.lines().count(), 1, "{all}");
    assert_eq!(sk.ok(&["container", "cleanup", "--rm", "ended"]), "ended\n");
    sk.fails(&["container", "exists", "ended"], 1);
    sk.ok(&["rm", "-f", "up"]);
}

/// podman's global options that pick what skiff has one of (`--cgroup-manager`,
/// `--events-backend`, `--storage-driver`, `--runtime`...) are accepted before the command,
/// `--noout` discards its output, and a `--log-level` podman does not know is refused.
#[test]
fn podman_s_global_options_are_accepted() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.ok(&[
        "--cgroup-manager=cgroupfs",
        "--events-backend=file",
        "--storage-driver=vfs",
        "--storage-opt",
        "vfs.imagestore=/x",
        "--runtime",
        "crun",
        "--network-backend=netavark",
        "--log-level=warning",
        "run",
        "--rm",
        "--rootfs",
        &rootfs,
        "echo",
        "ran",
    ]);
    assert_eq!(out, "ran\n");
    let quiet = sk.ok(&["--noout", "run", "--rm", "--rootfs", &rootfs, "echo", "ran"]);
    assert_eq!(quiet, "");
    sk.fails(&["--log-level=bogus", "ps"], 125);
    sk.fails(&["--cgroup-manager=other", "ps"], 125);
}

/// podman's spellings scripts use: `system renumber` (nothing to renumber in skiff),
/// `inspect --type all`, `mount --notruncate`; and docker's refusal of STDIN for both the build
/// context and the Dockerfile.
#[test]
fn renumber_type_all_notruncate_and_one_stdin() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    assert_eq!(sk.ok(&["system", "renumber"]), "");
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    assert_eq!(
        sk.ok(&["inspect", "--type", "all", "-f", "{{.Name}}", "c"]),
        "/c\n"
    );
    let list = format!("{} mount --notruncate", sk.command_line());
    sk.ok(&["unshare", "sh", "-c", &list]);
    sk.ok(&["rm", "c"]);
    let out = sk.run_with(
        &["build", "-f", "-", "-"],
        Some(b"FROM scratch\n"),
        crate::harness::DEFAULT_TIMEOUT,
    );
    assert_eq!(out.status, 125, "{out:?}");
    assert!(out.stderr.contains("STDIN for both"), "{}", out.stderr);
}
