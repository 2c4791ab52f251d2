//! `run`/`create` with registry images: the image is pulled as `--pull` says, and its config
//! (Entrypoint, Cmd, Env, User, WorkingDir, Volumes, ExposedPorts, StopSignal, Labels) merges with
//! the flags exactly as docker merges them. Uses the rig's `config:latest` fixture
//! (tests/rig/fixtures.py, CONFIG_CONFIG).

use crate::harness::{image, Skiff};

/// `skiff run --rm --tls-verify=false ARGS...` (the rig's registry is plain HTTP); asserts
/// success and returns stdout.
fn run(sk: &Skiff, args: &[&str]) -> String {
    let mut all = vec!["run", "--rm", "--tls-verify=false"];
    all.extend_from_slice(args);
    sk.ok(&all)
}

#[test]
fn run_pulls_a_missing_image_and_then_uses_the_stored_one() {
    require_registry!();
    let sk = Skiff::new();
    let busybox = image("busybox:latest");
    // Named without a tag: docker's note names the default tag.
    let untagged = image("busybox");
    let first = sk.run(&["run", "--rm", "--tls-verify=false", &untagged, "echo", "hi"]);
    assert!(first.status == 0, "{}", first.stderr);
    assert_eq!(first.stdout, "hi\n");
    assert!(
        first
            .stderr
            .contains(&format!("Unable to find image '{busybox}' locally")),
        "{}",
        first.stderr
    );
    assert_eq!(
        sk.ok(&["images", "--format", "{{.Repository}}"]).trim(),
        image("busybox")
    );
    // Stored now: no pull, nothing on stderr.
    let second = sk.run(&["run", "--rm", &busybox, "echo", "again"]);
    assert!(second.status == 0, "{}", second.stderr);
    assert_eq!(second.stdout, "again\n");
    assert_eq!(second.stderr, "");
    // `create` pulls as well; -q keeps it quiet and stdout holds only the id.
    let multi = image("multi:oci");
    let id = sk.ok(&["create", "-q", "--tls-verify=false", &multi]);
    assert_eq!(id.trim().len(), 64, "{id}");
    sk.ok(&["image", "exists", &multi]);
}

#[test]
fn pull_policies() {
    require_registry!();
    let sk = Skiff::new();
    let busybox = image("busybox:latest");
    // never: a missing image is an error that says how to get it, and nothing is pulled.
    let never = sk.fails(&["run", "--rm", "--pull", "never", &busybox, "true"], 125);
    assert!(never.stderr.contains("No such image"), "{}", never.stderr);
    assert!(
        !never.stderr.contains("pulling"),
        "nothing was pulled: {}",
        never.stderr
    );
    assert_eq!(sk.ok(&["images", "-q"]), "");
    // always: pulls even though the image is stored afterwards.
    run(&sk, &["--pull", "always", &busybox, "true"]);
    let again = sk.run(&[
        "run",
        "--rm",
        "--tls-verify=false",
        "--pull=always",
        &busybox,
        "true",
    ]);
    assert!(again.status == 0, "{}", again.stderr);
    // newer: an unreachable registry falls back to the stored image with a warning.
    let offline = "127.0.0.1:9/library/busybox:latest";
    sk.ok(&["tag", &busybox, offline]);
    let newer = sk.run(&["run", "--rm", "--pull", "newer", offline, "echo", "stored"]);
    assert_eq!(newer.stdout, "stored\n", "{}", newer.stderr);
    assert!(
        newer.stderr.contains("using the stored image"),
        "{}",
        newer.stderr
    );
    // A bad policy and an image no registry has.
    sk.fails(
        &["run", "--rm", "--pull", "sometimes", &busybox, "true"],
        125,
    );
    let missing = sk.fails(
        &[
            "run",
            "--rm",
            "--tls-verify=false",
            &image("nosuch:latest"),
            "true",
        ],
        125,
    );
    assert!(missing.stderr.contains("nosuch"), "{}", missing.stderr);
}

#[test]
fn image_config_merges_like_docker() {
    require_registry!();
    let sk = Skiff::new();
    let img = image("config:latest");
    // Entrypoint + Cmd; arguments replace Cmd only.
    assert_eq!(run(&sk, &[&img]), "entry default-cmd\n");
    assert_eq!(run(&sk, &[&img, "mine"]), "entry mine\n");
    // --entrypoint replaces the entrypoint and drops the image's Cmd; "" clears it.
    assert_eq!(run(&sk, &["--entrypoint", "/bin/pwd", &img]), "/var/www\n");
    // An empty -w (a script's unset variable) keeps the image's working directory.
    assert_eq!(
        run(&sk, &["-w", "", "--entrypoint", "/bin/pwd", &img]),
        "/var/www\n"
    );
    assert_eq!(
        run(&sk, &["--entrypoint", "", &img, "id", "-un"]),
        "www-data\n"
    );
    // User: the image's, with its supplementary groups from /etc/group; -u and --group-add.
    let groups = run(&sk, &["--entrypoint", "id", &img]);
    assert_eq!(
        groups.trim(),
        "uid=33(www-data) gid=33(www-data) groups=33(www-data),100(users)"
    );
    assert_eq!(
        run(&sk, &["--entrypoint", "id", "-u", "0", &img, "-u"]),
        "0\n"
    );
    assert_eq!(
        run(&sk, &["--entrypoint", "id", "-u", "1000:33", &img]).trim(),
        "uid=1000(user) gid=33(www-data) groups=33(www-data)"
    );
    assert_eq!(
        run(
            &sk,
            &[
                "--entrypoint",
                "id",
                "--group-add",
                "nogroup",
                "--group-add",
                "1000",
                &img,
                "-G"
            ]
        )
        .trim(),
        "33 100 1000 65534"
    );
    let bad = sk.fails(&["run", "--rm", "-u", "nosuchuser", &img], 125);
    assert!(
        bad.stderr.contains("unable to find user nosuchuser"),
        "{}",
        bad.stderr
    );
    // Env: the image's, overridden by -e key by key.
    let env = run(
        &sk,
        &[
            "--entrypoint",
            "env",
            "-e",
            "FROM_IMAGE=2",
            "-e",
            "NEW=3",
            &img,
        ],
    );
    assert!(env.lines().any(|l| l == "FROM_IMAGE=2"), "{env}");
    assert!(env.lines().any(|l| l == "NEW=3"), "{env}");
    // In docker's order: PATH and HOSTNAME, the container's variables, HOME last.
    let keys: Vec<&str> = env.lines().filter_map(|l| l.split('=').next()).collect();
    assert_eq!(
        (&keys[..2], keys.last()),
        (&["PATH", "HOSTNAME"][..], Some(&"HOME")),
        "{env}"
    );
    let position = |k: &str| keys.iter().position(|x| *x == k).unwrap();
    assert!(position("FROM_IMAGE") < position("NEW"), "{env}");
    // Config.Env as docker's: the user's variables first, in their order, then the image's.
    sk.ok(&[
        "create",
        "--tls-verify=false",
        "--name",
        "envs",
        "-e",
        "NEW=3",
        "-e",
        "FROM_IMAGE=2",
        &img,
    ]);
    let config_env = sk.ok(&["inspect", "-f", "{{json .Config.Env}}", "envs"]);
    let config_env: Vec<String> = serde_json::from_str(&config_env).unwrap();
    assert_eq!(
        &config_env[..2],
        ["NEW=3", "FROM_IMAGE=2"],
        "{config_env:?}"
    );
    assert!(
        config_env[2..].iter().any(|e| e.starts_with("PATH=")),
        "{config_env:?}"
    );
    sk.ok(&["rm", "-v", "envs"]);
    // -w overrides WorkingDir.
    assert_eq!(
        run(&sk, &["--entrypoint", "/bin/pwd", "-w", "/tmp", &img]),
        "/tmp\n"
    );
    // The image's VOLUME becomes an anonymous volume filled from the image.
    assert_eq!(
        run(
            &sk,
            &["--entrypoint", "stat", &img, "-c", "%u %n", "/cache/seed"]
        ),
        "33 /cache/seed\n"
    );
    // The volume's own directory is the image's, so the image's user (www-data) writes it.
    assert_eq!(
        run(
            &sk,
            &[
                "--entrypoint",
                "sh",
                &img,
                "-c",
                "stat -c '%u %g %a' /cache && touch /cache/new"
            ]
        ),
        "33 33 755\n"
    );
    // inspect shows the merged config with docker's keys.
    sk.ok(&["create", "--name", "c", "--label", "mine=1", &img]);
    let f = |t: &str| sk.ok(&["inspect", "-f", t, "c"]).trim().to_string();
    assert_eq!(
        f("{{json .Config.Entrypoint}} {{json .Config.Cmd}}"),
        r#"["/bin/echo","entry"] ["default-cmd"]"#
    );
    assert_eq!(
        f("{{.Config.User}} {{.Config.WorkingDir}}"),
        "www-data /var/www"
    );
    assert_eq!(f("{{json .Config.Volumes}}"), r#"{"/cache":{}}"#);
    assert_eq!(f("{{json .Config.ExposedPorts}}"), r#"{"8080/tcp":{}}"#);
    assert_eq!(f("{{.Config.StopSignal}}"), "SIGUSR1");
    assert_eq!(
        f("{{index .Config.Labels \"tier\"}} {{index .Config.Labels \"mine\"}}"),
        "test 1"
    );
    assert_eq!(
        f("{{range .Mounts}}{{.Type}} {{.Destination}}{{end}}"),
        "volume /cache"
    );
    assert!(f("{{.Image}}").starts_with("sha256:"));
    assert_eq!(f("{{.Config.Image}}"), img);
    sk.ok(&["rm", "-v", "c"]);
    assert_eq!(sk.ok(&["volume", "ls", "-q"]), "");
}

/// `--replace` removes a running container that holds the name even when the new image must be
/// pulled first (the pull enters the user namespace; the old container's processes, not root,
/// must still be killed from outside it).
#[test]
fn replace_works_across_a_pull() {
    require_registry!();
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "r", "-u", "65534", "--rootfs", &rootfs, "sleep", "1000",
    ]);
    let old = sk.ok(&["inspect", "-f", "{{.Id}}", "r"]);
    let new = sk.ok(&[
        "run",
        "-d",
        "--replace",
        "--name",
        "r",
        "--tls-verify=false",
        &image("busybox:latest"),
        "sleep",
        "1000",
    ]);
    assert_ne!(old, new);
    assert_eq!(sk.ok(&["ps", "-aq", "--no-trunc"]).trim(), new.trim());
    sk.ok(&["rm", "-f", "r"]);
}
