//! The Docker API service (`skiff system service`, issue 19), driven by the real docker CLI
//! and by curl: each test starts a service on a socket in its own directory.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{finish_within, image, in_ci, is_root, skip, Output, Skiff};

/// A running `skiff system service --time 0 unix://DIR/api.sock`, killed on drop.
pub(crate) struct Service {
    child: Child,
    pub(crate) sock: PathBuf,
    pub(crate) config: PathBuf,
}

impl Service {
    /// Starts the service of `sk` and waits until its socket answers.
    pub(crate) fn start(sk: &Skiff) -> Service {
        Service::start_with(sk, &[])
    }

    /// [`Service::start`] with more `system service` flags.
    pub(crate) fn start_with(sk: &Skiff, flags: &[&str]) -> Service {
        let sock = sk.path("api.sock");
        let config = sk.path("docker-config");
        std::fs::create_dir_all(&config).unwrap();
        let uri = format!("unix://{}", sock.display());
        let mut args = vec!["system", "service", "--time", "0"];
        args.extend(flags);
        args.push(&uri);
        let mut child = sk
            .cmd(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start skiff system service");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::os::unix::net::UnixStream::connect(&sock).is_err() {
            if let Some(status) = child.try_wait().unwrap() {
                let mut err = String::new();
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("the service exited ({status}) before listening: {err}");
            }
            assert!(
                Instant::now() < deadline,
                "the service did not listen within 20 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Service {
            child,
            sock,
            config,
        }
    }

    /// The docker CLI against the service (with a private client configuration), its output
    /// piped.
    pub(crate) fn docker_cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("docker");
        c.arg("-H")
            .arg(format!("unix://{}", self.sock.display()))
            .args(args)
            .env("DOCKER_CONFIG", &self.config)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    /// Runs the docker CLI against the service.
    pub(crate) fn docker(&self, args: &[&str]) -> Output {
        let child = self
            .docker_cmd(args)
            .stdin(Stdio::null())
            .spawn()
            .expect("run docker");
        finish_within(child, Duration::from_secs(120))
            .unwrap_or_else(|| panic!("docker {args:?} did not finish within 120 s"))
    }

    /// Runs the docker CLI with `input` on its stdin.
    pub(crate) fn docker_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        let mut child = self
            .docker_cmd(args)
            .stdin(Stdio::piped())
            .spawn()
            .expect("run docker");
        let mut pipe = child.stdin.take().expect("stdin pipe");
        let data = input.to_vec();
        std::thread::spawn(move || {
            use std::io::Write;
            let _ = pipe.write_all(&data);
        });
        finish_within(child, Duration::from_secs(120))
            .unwrap_or_else(|| panic!("docker {args:?} did not finish within 120 s"))
    }

    /// Runs docker and returns its stdout, failing the test unless it exits 0.
    pub(crate) fn docker_ok(&self, args: &[&str]) -> String {
        let out = self.docker(args);
        assert_eq!(out.status, 0, "docker {args:?}: {out:?}");
        out.stdout
    }

    /// `curl --unix-socket` of `path` with `curl_args`: (status code, body).
    pub(crate) fn curl(&self, curl_args: &[&str], path: &str) -> (String, String) {
        let out = Command::new("curl")
            .args(["-s", "-o", "-", "-w", "\n%{http_code}", "--unix-socket"])
            .arg(&self.sock)
            .args(curl_args)
            .arg(format!("http://skiff{path}"))
            .output()
            .expect("run curl");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let (body, code) = text.rsplit_once('\n').unwrap_or(("", &text));
        (code.to_string(), body.to_string())
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether client `program` answers `probe` (its version); a rig run must have it
/// (tests/ci.sh installs it from Debian's `package`), elsewhere the calling test skips.
pub(crate) fn have_client(program: &str, probe: &str, package: &str) -> bool {
    let found = Command::new(program)
        .arg(probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            !in_ci(),
            "{program} is missing in a rig run: tests/ci.sh installs it"
        );
        skip(&format!("no {program} (apt-get install {package})"));
    }
    found
}

/// Whether the docker CLI is installed (see [`have_client`]).
pub(crate) fn have_docker() -> bool {
    have_client("docker", "--version", "docker.io")
}

#[test]
fn cors_answers_a_browser_s_preflight_and_marks_every_response() {
    let sk = Skiff::new();
    let svc = Service::start_with(&sk, &["--cors", "http://ui.example"]);
    let headers = |args: &[&str]| {
        let out = Command::new("curl")
            .args(["-s", "-D", "-", "-o", "/dev/null", "--unix-socket"])
            .arg(&svc.sock)
            .args(args)
            .arg("http://skiff/v1.41/version")
            .output()
            .expect("run curl");
        String::from_utf8_lossy(&out.stdout).to_lowercase()
    };
    let get = headers(&["-H", "Origin: http://ui.example"]);
    assert!(get.starts_with("http/1.1 200"), "{get}");
    assert!(
        get.contains("access-control-allow-origin: http://ui.example"),
        "{get}"
    );
    let preflight = headers(&["-X", "OPTIONS", "-H", "Access-Control-Request-Method: POST"]);
    assert!(preflight.starts_with("http/1.1 200"), "{preflight}");
    assert!(
        preflight.contains("access-control-allow-methods:"),
        "{preflight}"
    );
    drop(svc);
    // Without --cors no such header.
    let sk = Skiff::new();
    let plain = Service::start(&sk);
    let (code, _) = plain.curl(&[], "/version");
    assert_eq!(code, "200");
    let out = Command::new("curl")
        .args(["-s", "-D", "-", "-o", "/dev/null", "--unix-socket"])
        .arg(&plain.sock)
        .arg("http://skiff/version")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout)
        .to_lowercase()
        .contains("access-control"));
}

#[test]
fn ping_and_unknown_routes_answer_as_docker() {
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let mode = std::fs::metadata(&svc.sock).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the socket is open to others");
    assert_eq!(svc.curl(&[], "/_ping"), ("200".into(), "OK".into()));
    assert_eq!(svc.curl(&[], "/v1.41/_ping").1, "OK");
    // A HEAD says its empty length outright: `curl -X HEAD` (which waits for a body) ends.
    let (code, headers) = svc.curl(&["-I"], "/_ping");
    assert_eq!(code, "200");
    assert!(
        headers
            .to_ascii_lowercase()
            .contains("content-length: 0\r\n"),
        "{headers}"
    );
    // Resizing a container that does not run is docker's 409.
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "idle", "--rootfs", &rootfs, "true"]);
    let (code, _) = svc.curl(&["-X", "POST"], "/containers/idle/resize?h=30&w=100");
    assert_eq!(code, "409");
    sk.ok(&["rm", "idle"]);
    let (code, body) = svc.curl(&[], "/v1.44/no/such/route");
    assert_eq!(code, "404");
    let v: serde_json::Value = serde_json::from_str(&body).expect("a JSON error body");
    assert!(
        v["message"].as_str().unwrap().contains("/no/such/route"),
        "{body}"
    );
    // docker's words for missing objects, without the CLI's hints naming skiff commands.
    for (path, says) in [
        ("/containers/nothere/json", "No such container: nothere"),
        ("/volumes/nothere", "get nothere: no such volume"),
        ("/networks/nothere", "network nothere not found"),
    ] {
        let (code, body) = svc.curl(&[], path);
        assert_eq!(code, "404", "{path}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("a JSON error body");
        assert_eq!(v["message"], says, "{path}");
    }
    let (code, _) = svc.curl(&[], "/v1.12/_ping");
    assert_eq!(code, "400", "an API version below the minimum is refused");
}

/// A service of a store of its own with the fixture busybox pulled through it, and the
/// image's name; None without the docker CLI.
pub(crate) fn service_with_busybox() -> Option<(Skiff, Service, String)> {
    if !have_docker() {
        return None;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    Some((sk, svc, img))
}

#[test]
fn use_api_socket_lets_a_container_drive_the_service() {
    let _ = require_registry!();
    let Some((sk, svc, img)) = service_with_busybox() else {
        return;
    };
    // The host's docker CLI, run inside with the host's libraries, lists the containers
    // through the mounted socket: the container itself among them.
    let docker = Command::new("sh")
        .args(["-c", "command -v docker"])
        .output()
        .unwrap();
    let docker = String::from_utf8(docker.stdout).unwrap().trim().to_string();
    let mount = format!("{docker}:/usr/local/bin/docker:ro");
    let host = format!("unix://{}", svc.sock.display());
    let out = sk
        .cmd(&[
            "run",
            "--rm",
            "--name",
            "inner",
            "--use-api-socket",
            "-v",
            "/usr:/usr:ro",
            "-v",
            "/lib:/lib:ro",
            "-v",
            "/lib64:/lib64:ro",
            "-v",
            &mount,
            &img,
            "/usr/local/bin/docker",
            "ps",
            "--format",
            "{{.Names}}",
        ])
        .env("DOCKER_HOST", &host)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "inner\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without a socket: what to start, and nothing created.
    let out = sk
        .cmd(&["run", "--use-api-socket", &img, "true"])
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`skiff system service`"), "{err}");
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
}

/// A client that does not ask for an upgrade (dockerode's default, curl) gets attach's and
/// exec's stream as a 200 answer's body, as docker's daemon sends it; the exec runs.
#[test]
fn attach_and_exec_without_an_upgrade_answer_200_with_the_stream() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let svc = Service::start(&sk);
    let script = "echo out; echo err >&2; exec sleep 30";
    sk.ok(&[
        "run", "-d", "--name", "plain", "--rootfs", &rootfs, "sh", "-c", script,
    ]);
    // Its output is in its log first, so the attach replays it (logs=1) whatever the timing;
    // the stream goes on until the client stops reading: cut it after 3 seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while sk.run(&["logs", "plain"]).stderr != "err\n" {
        assert!(std::time::Instant::now() < deadline, "no output in the log");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let (code, body) = svc.curl(
        &["-X", "POST", "--max-time", "3"],
        "/containers/plain/attach?logs=1&stream=1&stdout=1&stderr=1",
    );
    assert_eq!(code, "200", "{body:?}");
    // One frame per stream (their order is the order the monitor read two pipes in).
    let (stdout, stderr) = ("\u{1}\0\0\0\0\0\0\u{4}out\n", "\u{2}\0\0\0\0\0\0\u{4}err\n");
    assert!(
        body.len() == 24 && body.contains(stdout) && body.contains(stderr),
        "{body:?}"
    );
    let post = |body: &str, path: &str| {
        let args = [
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "-d",
            body,
        ];
        svc.curl(&args, path)
    };
    let create = r#"{"Cmd":["sh","-c","echo hi; exit 3"],"AttachStdout":true,"AttachStderr":true}"#;
    let (code, body) = post(create, "/containers/plain/exec");
    assert_eq!(code, "201", "{body}");
    let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, body) = post(r#"{"Detach":false}"#, &format!("/exec/{id}/start"));
    assert_eq!(
        (code.as_str(), body.as_str()),
        ("200", "\u{1}\0\0\0\0\0\0\u{3}hi\n")
    );
    let (_, body) = svc.curl(&[], &format!("/exec/{id}/json"));
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (v["ExitCode"].as_i64(), v["Running"].as_bool()),
        (Some(3), Some(false)),
        "{v}"
    );
    sk.ok(&["rm", "-f", "plain"]);
    // A container that logs nothing: docker's 501, not an empty stream a client waits on.
    sk.ok(&[
        "create",
        "--name",
        "mute",
        "--log-driver",
        "none",
        "--rootfs",
        &rootfs,
        "true",
    ]);
    let (code, body) = svc.curl(&[], "/containers/mute/logs?stdout=1");
    assert_eq!(code, "501", "{body}");
    assert!(body.contains("does not support reading"), "{body}");
}

/// What docker-compose 1.x needs beyond the CLI's own calls: `-v /data` (Config.Volumes) is an
/// anonymous volume, image inspect has docker's ContainerConfig at every version (compose reads its
/// Volumes when it recreates a container), and `volume rm -f` never takes a volume in use
/// (docker's force forgives a missing volume only).
#[test]
fn config_volumes_container_config_and_a_forced_volume_rm_in_use() {
    let _ = require_registry!();
    let Some((sk, svc, img)) = service_with_busybox() else {
        return;
    };
    svc.docker_ok(&[
        "create", "--name", "anon", "-v", "/data", "-v", "used:/u", &img, "true",
    ]);
    let mounts = sk.inspect(
        "anon",
        "{{range .Mounts}}{{.Type}} {{.Destination}};{{end}}",
    );
    assert!(mounts.contains("volume /data;"), "{mounts}");
    assert_eq!(
        sk.ok(&["volume", "ls", "-q"]).lines().count(),
        2,
        "an anonymous volume and `used`"
    );
    // A key is a path in the container, never a bind of a host path.
    let sneaky = format!(r#"{{"Image":"{img}","Volumes":{{"/:/host":{{}}}}}}"#);
    let (code, body) = svc.curl(
        &[
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "-d",
            &sneaky,
        ],
        "/containers/create",
    );
    assert_eq!(code, "400", "{body}");
    let (code, body) = svc.curl(&[], &format!("/v1.38/images/{img}/json"));
    assert_eq!(code, "200", "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(doc["ContainerConfig"].is_object(), "{doc}");
    assert_eq!(doc["ContainerConfig"]["Cmd"], doc["Config"]["Cmd"]);
    // Also at the service's own version, which docker-compose 1.29's docker-py asks with.
    let (_, body) = svc.curl(&[], &format!("/images/{img}/json"));
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["ContainerConfig"]["Cmd"], doc["Config"]["Cmd"], "{doc}");
    let out = svc.docker(&["volume", "rm", "-f", "used"]);
    assert_eq!(out.status, 1, "{out:?}");
    assert_eq!(
        sk.inspect("anon", "{{.Name}}"),
        "/anon",
        "the user was removed"
    );
    assert!(sk.ok(&["volume", "ls", "-q"]).contains("used"));
    // Prune takes named volumes before API 1.42 (docker 20.10's clients), anonymous ones
    // only from 1.42 on.
    sk.ok(&["volume", "create", "loose"]);
    let (code, body) = svc.curl(&["-X", "POST"], "/v1.44/volumes/prune");
    assert_eq!(code, "200", "{body}");
    assert!(!body.contains("loose"), "{body}");
    let (code, body) = svc.curl(&["-X", "POST"], "/v1.41/volumes/prune");
    assert_eq!(code, "200", "{body}");
    assert!(body.contains("\"loose\""), "{body}");
    assert!(!body.contains("used"), "a volume in use was pruned: {body}");
}

#[test]
fn docker_cli_runs_logs_stops_and_removes_through_the_socket() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    let version = svc.docker_ok(&["version", "--format", "{{.Server.APIVersion}}"]);
    assert_eq!(version.trim(), "1.50");
    assert_eq!(svc.docker_ok(&["ps", "-a", "-q"]), "");

    let pulled = svc.docker_ok(&["pull", &img]);
    assert!(pulled.contains("Downloaded newer image"), "{pulled}");
    // docker's order: the repository path once the manifest is resolved, the layers, then
    // the digest and the status.
    let at = |what: &str| {
        pulled
            .find(what)
            .unwrap_or_else(|| panic!("no {what}: {pulled}"))
    };
    assert!(at("latest: Pulling from library/busybox") < at("Pull complete"));
    assert!(at("Download complete") < at("Pull complete"));
    assert!(at("Pull complete") < at("Digest: sha256:"));
    assert!(at("Digest: sha256:") < at("Status: Downloaded newer image"));
    let again = svc.docker_ok(&["pull", &img]);
    assert!(again.contains("Status: Image is up to date for"), "{again}");
    // A missing tag is the response's own 404, before any stream (docker's daemon).
    let missing = svc.docker(&["pull", &image("busybox:nosuchtag")]);
    assert_eq!(missing.status, 1, "{missing:?}");
    assert!(
        missing
            .stderr
            .contains("Error response from daemon: manifest for")
            && !missing.stdout.contains("Pulling from"),
        "{missing:?}"
    );
    let (code, body) = svc.curl(
        &["-X", "POST"],
        &format!(
            "/images/create?fromImage={}&tag=nosuchtag",
            image("busybox")
        ),
    );
    assert_eq!(code, "404", "{body}");
    // A created container lists no ports (docker's daemon: only a running one has them).
    svc.docker_ok(&["create", "--name", "pc", "-p", "18999:80", &img]);
    let ports = svc.docker_ok(&[
        "ps",
        "-a",
        "--filter",
        "name=pc",
        "--format",
        "[{{.Ports}}]",
    ]);
    assert_eq!(ports, "[]\n");
    svc.docker_ok(&["rm", "pc"]);
    let images = svc.docker_ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(images.lines().any(|l| l == img), "{images}");
    assert!(
        sk.ok(&["images", "-q"]).trim().len() == 12,
        "skiff does not see the pull"
    );

    let out = svc.docker(&["run", "--rm", &img, "echo", "hi"]);
    assert_eq!((out.status, out.stdout.as_str()), (0, "hi\n"), "{out:?}");
    let out = svc.docker(&["run", "--rm", &img, "sh", "-c", "echo oops >&2; exit 3"]);
    assert_eq!(out.status, 3, "docker run --rm lost the exit code: {out:?}");
    assert_eq!(out.stderr, "oops\n");
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "", "--rm left a container");
    // docker's /etc/passwd is the image's: a numeric user gets no name (podman's --passwd is
    // skiff's command line's only).
    let out = svc.docker(&["run", "--rm", "--user", "1234", &img, "id"]);
    assert_eq!(
        out.stdout, "uid=1234 gid=0(root) groups=0(root)\n",
        "{out:?}"
    );
    let out = svc.docker_stdin(
        &["run", "--rm", "-i", &img, "sh", "-c", "cat; echo end"],
        b"typed\n",
    );
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "typed\nend\n"),
        "{out:?}"
    );

    let id = svc.docker_ok(&[
        "run",
        "-d",
        "--name",
        "bg",
        "--label",
        "role=bg",
        &img,
        "sh",
        "-c",
        "echo out; echo err >&2; sleep 300",
    ]);
    let id = id.trim();
    assert_eq!(id.len(), 64, "{id}");
    assert!(
        sk.ok(&["ps", "-q", "--no-trunc"]).contains(id),
        "skiff ps does not show it running"
    );
    sk.wait_for("bg", "{{.State.Running}}", "true", Duration::from_secs(10));
    let deadline = Instant::now() + Duration::from_secs(10);
    let logs = loop {
        let logs = svc.docker(&["logs", "bg"]);
        if logs.stderr.contains("err") || Instant::now() > deadline {
            break logs;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(
        (logs.stdout.as_str(), logs.stderr.as_str()),
        ("out\n", "err\n"),
        "{logs:?}"
    );
    // --details: docker's empty attribute list, a space, before each line.
    let details = svc.docker(&["logs", "--details", "bg"]);
    assert_eq!(details.stdout, " out\n", "{details:?}");
    let listed = svc.docker_ok(&["ps", "--format", "{{.Names}} {{.Status}}"]);
    assert!(listed.starts_with("bg Up"), "{listed}");
    // The default network is docker's `bridge` to docker's clients: its NetworkMode
    // `default`, its address where scripts look for it.
    let bridge = "{{.HostConfig.NetworkMode}} {{.NetworkSettings.Networks.bridge.IPAddress}}";
    let seen = svc.docker_ok(&["inspect", "-f", bridge, "bg"]);
    let (mode, ip) = seen.trim().split_once(' ').unwrap_or((seen.trim(), ""));
    assert_eq!(mode, "default", "{seen}");
    assert!(ip.parse::<std::net::Ipv4Addr>().is_ok(), "{seen}");
    let networks = svc.docker_ok(&["ps", "--filter", "name=bg", "--format", "{{.Networks}}"]);
    assert_eq!(networks, "bridge\n");
    // `network inspect bridge` lists it with that address (docker's list leaves it out).
    let members = svc.docker_ok(&["network", "inspect", "-f", "{{json .Containers}}", "bridge"]);
    let members: serde_json::Value = serde_json::from_str(&members).unwrap();
    assert_eq!(members[id]["Name"], "bg", "{members}");
    let prefix = "{{.NetworkSettings.Networks.bridge.IPPrefixLen}}";
    let prefix = svc.docker_ok(&["inspect", "-f", prefix, "bg"]);
    let address = format!("{ip}/{}", prefix.trim());
    assert_eq!(members[id]["IPv4Address"], address, "{members}");
    let listed = svc.docker_ok(&[
        "network",
        "ls",
        "-f",
        "name=bridge",
        "--format",
        "{{.Name}}",
    ]);
    assert_eq!(listed, "bridge\n");
    // The docker CLI sends --security-opt systempaths=unconfined as empty MaskedPaths and
    // ReadonlyPaths: nothing is hidden then. A GPU request or another runtime is refused.
    let script = "grep -c ' /proc/keys ' /proc/self/mounts || true";
    let hidden = |opts: &[&str]| {
        let args = [&["run", "--rm"][..], opts, &[&img, "sh", "-c", script]].concat();
        svc.docker_ok(&args)
    };
    assert_eq!(hidden(&[]), "1\n");
    assert_eq!(hidden(&["--security-opt", "systempaths=unconfined"]), "0\n");
    // A read-only bind's submounts: read-only too, or writable with bind-recursive=writable
    // (BindOptions.ReadOnlyNonRecursive).
    let name = format!("skiff-api-rro-{}", std::process::id());
    let shm = |recursion: &str| {
        let mount = format!("type=bind,src=/dev,dst=/hd,readonly{recursion}");
        let script = format!("touch /hd/shm/{name} 2>/dev/null && echo wrote; true");
        let out = svc.docker_ok(&["run", "--rm", "--mount", &mount, &img, "sh", "-c", &script]);
        let _ = std::fs::remove_file(std::path::Path::new("/dev/shm").join(&name));
        out
    };
    assert_eq!(shm(""), "");
    assert_eq!(shm(",bind-recursive=writable"), "wrote\n");
    // volume-subpath arrives as VolumeOptions.Subpath.
    svc.docker_ok(&[
        "run",
        "--rm",
        "-v",
        "apisub:/v",
        &img,
        "sh",
        "-c",
        "mkdir -p /v/s && echo api-sub >/v/s/f",
    ]);
    let subpath = "type=volume,src=apisub,dst=/w,volume-subpath=s";
    let seen = svc.docker_ok(&["run", "--rm", "--mount", subpath, &img, "cat", "/w/f"]);
    assert_eq!(seen, "api-sub\n");
    // volume-opt and volume-label arrive as VolumeOptions.DriverConfig and Labels.
    let made = "type=volume,src=apitmp,dst=/t,volume-opt=type=tmpfs,volume-opt=device=tmpfs,volume-label=k=v";
    let script = "grep ' /t ' /proc/self/mounts | cut -d' ' -f3";
    let seen = svc.docker_ok(&["run", "--rm", "--mount", made, &img, "sh", "-c", script]);
    assert_eq!(seen, "tmpfs\n");
    let labels = svc.docker_ok(&["volume", "inspect", "-f", "{{.Labels.k}}", "apitmp"]);
    assert_eq!(labels, "v\n");
    for (flag, value) in [("--gpus", "all"), ("--runtime", "runsc")] {
        let refused = svc.docker(&["run", "--rm", flag, value, &img, "true"]);
        let named = format!("{flag} {value}");
        assert!(
            refused.status == 125 && refused.stderr.contains(&named),
            "{refused:?}"
        );
    }
    // Filters are the engine's (the same as skiff ps --filter).
    let by_label = svc.docker_ok(&["ps", "-q", "--filter", "label=role=bg"]);
    assert_eq!(by_label.trim(), &id[..12]);
    assert_eq!(
        svc.docker_ok(&["ps", "-aq", "--filter", "label=role=other"]),
        ""
    );
    assert_eq!(
        svc.docker_ok(&["ps", "-q", "--filter", "status=exited"]),
        ""
    );
    let bad = svc.docker(&["ps", "--filter", "bogus=1"]);
    assert!(
        bad.status != 0 && bad.stderr.contains("invalid filter"),
        "{bad:?}"
    );

    // top lists the container's processes; rename is the engine's.
    let top = svc.docker_ok(&["top", "bg"]);
    assert!(top.starts_with("UID") && top.contains("sleep 300"), "{top}");
    let top = svc.docker_ok(&["top", "bg", "-o", "pid,comm"]);
    assert!(top.starts_with("PID") && top.contains("sleep"), "{top}");
    svc.docker_ok(&["rename", "bg", "bg2"]);
    assert_eq!(sk.ok(&["inspect", "-f", "{{.Name}}", "bg2"]).trim(), "/bg2");
    svc.docker_ok(&["rename", "bg2", "bg"]);
    // pause freezes it where the host gives it a cgroup, else says what the host lacks.
    let paused = svc.docker(&["pause", "bg"]);
    if paused.status == 0 {
        let state = sk.ok(&["inspect", "-f", "{{.State.Status}}", "bg"]);
        assert_eq!(state.trim(), "paused");
        svc.docker_ok(&["unpause", "bg"]);
    } else {
        assert!(paused.stderr.contains("cgroup"), "{paused:?}");
    }
    let state = sk.ok(&["inspect", "-f", "{{.State.Status}}", "bg"]);
    assert_eq!(state.trim(), "running");

    // exec: output, exit code, input, a missing command, detached.
    assert_eq!(svc.docker_ok(&["exec", "bg", "echo", "inside"]), "inside\n");
    let out = svc.docker(&["exec", "bg", "sh", "-c", "echo e >&2; exit 5"]);
    assert_eq!((out.status, out.stderr.as_str()), (5, "e\n"), "{out:?}");
    let out = svc.docker(&["exec", "bg", "nosuch"]);
    assert_eq!(out.status, 127, "{out:?}");
    // A run whose command is missing: 127, the container stays created, and a wait on it
    // returns its code at once, as docker's daemon.
    let image = sk.ok(&["inspect", "-f", "{{.Config.Image}}", "bg"]);
    let out = svc.docker(&["run", "--name", "nocmd", image.trim(), "nosuch"]);
    assert_eq!(out.status, 127, "{out:?}");
    let state = sk.ok(&[
        "inspect",
        "-f",
        "{{.State.Status}} {{.State.ExitCode}}",
        "nocmd",
    ]);
    assert_eq!(state.trim(), "created 127");
    assert_eq!(svc.docker_ok(&["wait", "nocmd"]).trim(), "127");
    // The start itself is refused as docker refuses it: 400 (docker-py's APIError status).
    let (code, body) = svc.curl(&["-X", "POST"], "/containers/nocmd/start");
    assert_eq!(code, "400", "{body}");
    svc.docker_ok(&["rm", "nocmd"]);
    svc.docker_ok(&["exec", "-d", "bg", "sh", "-c", "echo made > /tmp/mark"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while sk.run(&["exec", "bg", "test", "-e", "/tmp/mark"]).status != 0 {
        assert!(Instant::now() < deadline, "exec -d did not run");
        std::thread::sleep(Duration::from_millis(50));
    }

    assert_eq!(svc.docker_ok(&["stop", "-t", "1", "bg"]).trim(), "bg");
    let state = sk.ok(&[
        "inspect",
        "-f",
        "{{.State.Status}} {{.State.ExitCode}}",
        "bg",
    ]);
    assert_eq!(state.trim(), "exited 137");
    assert_eq!(svc.docker_ok(&["start", "bg"]).trim(), "bg");
    sk.wait_for("bg", "{{.State.Running}}", "true", Duration::from_secs(10));
    let busy = svc.docker(&["rm", "bg"]);
    assert_eq!(
        busy.status, 1,
        "a running container was removed without -f: {busy:?}"
    );
    assert_eq!(svc.docker_ok(&["rm", "-f", "bg"]).trim(), "bg");
    assert_eq!(
        sk.ok(&["ps", "-a", "-q"]),
        "",
        "docker rm left the container"
    );
    let gone = svc.docker(&["inspect", "bg"]);
    assert_eq!(gone.status, 1, "{gone:?}");
    // The engine's events, as docker's stream: a bounded window returns.
    let until = (std::time::SystemTime::now() + Duration::from_secs(1))
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let events = svc.docker_ok(&[
        "events",
        "--since",
        "0",
        "--until",
        &until,
        "--filter",
        "container=bg",
        "--format",
        "{{.Action}}",
    ]);
    let actions: Vec<&str> = events.lines().collect();
    assert_eq!(actions.first(), Some(&"create"), "{events}");
    assert_eq!(actions.last(), Some(&"destroy"), "{events}");
    assert!(
        actions.contains(&"start") && actions.contains(&"die"),
        "{events}"
    );
}

/// The swarm and plugin commands of the docker CLI get docker's answers for a node that is
/// not a swarm manager and has no plugins (they used to meet a route that does not exist);
/// `GET /distribution/NAME/json` tells a registry's manifest and platforms as docker's does.
#[test]
fn swarm_plugin_and_distribution_requests_answer_as_docker_s() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    assert_eq!(svc.docker_ok(&["plugin", "ls", "-q"]), "");
    assert_eq!(
        svc.docker_ok(&[
            "info",
            "--format",
            "{{.Swarm.LocalNodeState}} {{.LoggingDriver}} {{.IndexServerAddress}}"
        ]),
        "inactive json-file https://index.docker.io/v1/\n"
    );
    for args in [&["node", "ls"][..], &["service", "ls"], &["secret", "ls"]] {
        let out = svc.docker(args);
        assert_eq!(out.status, 1, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("This node is not a swarm manager"),
            "{args:?}: {out:?}"
        );
    }
    let out = svc.docker(&["plugin", "inspect", "nosuch"]);
    assert!(
        out.status != 0 && out.stderr.contains("not found"),
        "{out:?}"
    );
    let multiarch = image("multiarch:latest");
    let (code, body) = svc.curl(&[], &format!("/v1.41/distribution/{multiarch}/json"));
    assert_eq!(code, "200", "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    let inspected = sk.ok(&["manifest", "inspect", &format!("docker://{multiarch}")]);
    let index: serde_json::Value = serde_json::from_str(&inspected).unwrap();
    // The registry's own digest and length of the index.
    let (reg, rest) = multiarch.split_once('/').unwrap();
    let (repo, tag) = rest.rsplit_once(':').unwrap();
    let head = Command::new("curl")
        .args([
            "-sfI",
            "-H",
            "Accept: application/vnd.oci.image.index.v1+json",
        ])
        .arg(format!("http://{reg}/v2/{repo}/manifests/{tag}"))
        .output()
        .expect("run curl");
    let head = String::from_utf8_lossy(&head.stdout).to_ascii_lowercase();
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("no {name} in {head}"))
    };
    assert_eq!(
        (
            doc["Descriptor"]["mediaType"].as_str(),
            doc["Descriptor"]["digest"].as_str().map(str::to_string),
            doc["Descriptor"]["size"].to_string()
        ),
        (
            Some("application/vnd.oci.image.index.v1+json"),
            Some(header("docker-content-digest:")),
            header("content-length:")
        ),
        "{body}"
    );
    let platforms: Vec<String> = doc["Platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}/{}",
                p["os"].as_str().unwrap(),
                p["architecture"].as_str().unwrap()
            )
        })
        .collect();
    let listed: Vec<String> = index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{}/{}",
                m["platform"]["os"].as_str().unwrap(),
                m["platform"]["architecture"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(platforms, listed, "{body}");
    // A single-platform image names its config's platform; nothing was pulled.
    let (code, body) = svc.curl(
        &[],
        &format!("/v1.41/distribution/{}/json", image("busybox:latest")),
    );
    assert_eq!(code, "200", "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        doc["Platforms"],
        serde_json::json!([{"architecture": "amd64", "os": "linux"}]),
        "{body}"
    );
    assert_eq!(sk.ok(&["images", "-q"]), "");
    let (code, body) = svc.curl(
        &[],
        &format!("/v1.41/distribution/{}/json", image("busybox:nosuchtag")),
    );
    assert_eq!(code, "404", "{body}");
}

#[test]
fn docker_cli_manages_volumes_and_networks_through_the_socket() {
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    assert_eq!(
        svc.docker_ok(&["volume", "create", "--label", "k=v", "vol1"])
            .trim(),
        "vol1"
    );
    // docker returns the existing volume for a name taken.
    assert_eq!(svc.docker_ok(&["volume", "create", "vol1"]).trim(), "vol1");
    assert_eq!(sk.ok(&["volume", "ls", "-q"]).trim(), "vol1");
    let shown = svc.docker_ok(&[
        "volume",
        "inspect",
        "-f",
        "{{.Name}} {{.Labels.k}} {{.Mountpoint}}",
        "vol1",
    ]);
    let mountpoint = sk.ok(&["volume", "inspect", "-f", "{{.Mountpoint}}", "vol1"]);
    assert_eq!(shown.trim(), format!("vol1 v {}", mountpoint.trim()));
    assert_eq!(svc.docker_ok(&["volume", "ls", "-q"]).trim(), "vol1");
    // docker's JSON for a volume without labels or options: both null (the driver is not an
    // option), its creation time to the second.
    svc.docker_ok(&["volume", "create", "plain"]);
    let plain = svc.docker_ok(&["volume", "inspect", "plain"]);
    let plain: serde_json::Value = serde_json::from_str(&plain).unwrap();
    let plain = &plain[0];
    assert!(
        plain["Labels"].is_null() && plain["Options"].is_null(),
        "{plain}"
    );
    let created = plain["CreatedAt"].as_str().unwrap();
    assert!(created.len() == 20 && created.ends_with('Z'), "{created}");
    svc.docker_ok(&["volume", "rm", "plain"]);
    assert_eq!(svc.docker_ok(&["volume", "rm", "vol1"]).trim(), "vol1");
    assert_eq!(
        sk.ok(&["volume", "ls", "-q"]),
        "",
        "docker volume rm left it"
    );
    let missing = svc.docker(&["volume", "inspect", "vol1"]);
    assert_eq!(missing.status, 1, "{missing:?}");
    // docker's force: a missing volume is no error (DELETE ?force=1 answers 204).
    assert_eq!(
        svc.docker_ok(&["volume", "rm", "-f", "vol1"]).trim(),
        "vol1"
    );

    // The IPAM of the request: docker's --subnet and --gateway (compose's ipam.config).
    let create = [
        "create",
        "--subnet",
        "10.77.0.0/24",
        "--gateway",
        "10.77.0.254",
    ];
    let id = svc.docker_ok(&[&["network"][..], &create, &["apinet"]].concat());
    assert_eq!(id.trim().len(), 64, "{id}");
    let ipam_format = "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}";
    let ipam = sk.ok(&["network", "inspect", "-f", ipam_format, "apinet"]);
    assert_eq!(ipam.trim(), "10.77.0.0/24 10.77.0.254");
    let range = [
        "network",
        "create",
        "--subnet",
        "10.78.0.0/24",
        "--ip-range",
    ];
    svc.docker_ok(&[&range[..], &["10.78.0.128/25", "ranged"]].concat());
    let ipam_format = "{{range .IPAM.Config}}{{.Subnet}} {{.IPRange}}{{end}}";
    let ipam = svc.docker_ok(&["network", "inspect", "-f", ipam_format, "ranged"]);
    assert_eq!(ipam.trim(), "10.78.0.0/24 10.78.0.128/25");
    // docker's --aux-address and --ipam-opt reach the network.
    #[rustfmt::skip]
    svc.docker_ok(&["network", "create", "--subnet", "10.76.0.0/24", "--aux-address",
        "gw2=10.76.0.2", "--ipam-opt", "k=v", "auxed"]);
    let aux_format =
        "{{json .IPAM.Options}}{{range .IPAM.Config}} {{json .AuxiliaryAddresses}}{{end}}";
    let aux = svc.docker_ok(&["network", "inspect", "-f", aux_format, "auxed"]);
    assert_eq!(aux.trim(), r#"{"k":"v"} {"gw2":"10.76.0.2"}"#);
    // The docker CLI checks this one itself; the service answers it too.
    let stray = r#"{"Name":"stray","IPAM":{"Config":[{"Subnet":"10.79.0.0/24","IPRange":"10.80.0.0/25"}]}}"#;
    #[rustfmt::skip]
    let (code, body) = svc.curl(&["-X", "POST", "-H", "Content-Type: application/json", "-d", stray],
        "/networks/create");
    assert!(
        code == "400" && body.contains("not inside the subnet"),
        "{code} {body}"
    );
    // Another IPAM driver, IPv4 off, a swarm scope: 400 with what to give instead.
    for (body, says) in [
        (r#"{"Name":"x1","IPAM":{"Driver":"dhcp"}}"#, "IPAM driver"),
        (r#"{"Name":"x2","EnableIPv4":false}"#, "IPv6-only"),
        (r#"{"Name":"x3","Scope":"swarm"}"#, "swarm"),
    ] {
        #[rustfmt::skip]
        let (code, answer) = svc.curl(&["-X", "POST", "-H", "Content-Type: application/json", "-d", body],
            "/networks/create");
        assert!(
            code == "400" && answer.contains(says),
            "{body}: {code} {answer}"
        );
    }
    let listed = sk.ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert!(listed.lines().any(|l| l == "apinet"), "{listed}");
    let names = svc.docker_ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert!(names.lines().any(|l| l == "apinet"), "{names}");
    let driver = svc.docker_ok(&["network", "inspect", "-f", "{{.Driver}}", "apinet"]);
    assert_eq!(driver.trim(), "bridge");
    assert_eq!(svc.docker_ok(&["network", "rm", "apinet"]).trim(), "apinet");
    let listed = sk.ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert!(!listed.lines().any(|l| l == "apinet"), "{listed}");
}

#[test]
fn time_ends_an_idle_service_but_never_an_open_connection() {
    let sk = Skiff::new();
    let sock = sk.path("idle.sock");
    let uri = format!("unix://{}", sock.display());
    let mut child = sk
        .cmd(&["system", "service", "--time", "1", &uri])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start skiff system service");
    let deadline = Instant::now() + Duration::from_secs(20);
    let conn = loop {
        if let Ok(c) = std::os::unix::net::UnixStream::connect(&sock) {
            break c;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the service exited before listening"
        );
        assert!(
            Instant::now() < deadline,
            "the service did not listen within 20 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    // A client that keeps its connection open (between two calls of one session) is not cut.
    std::thread::sleep(Duration::from_millis(2500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the service ended while a connection was open"
    );
    drop(conn);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the service did not end within 10 s of its last connection");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(!sock.exists(), "the idle service left its socket behind");
}

#[test]
fn socket_activation_serves_on_the_passed_socket() {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    let sk = Skiff::new();
    let sock = sk.path("activated.sock");
    let listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let fd = listener.as_raw_fd();
    // As systemd: the socket as fd 3, LISTEN_FDS=1 and LISTEN_PID the service's own pid.
    let skiff_cmd = sk.cmd(&[
        "system",
        "service",
        "--time",
        "0",
        "unix:///nonexistent/not-used.sock",
    ]);
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("export LISTEN_PID=$$ LISTEN_FDS=1; exec \"$0\" \"$@\"")
        .arg(skiff_cmd.get_program())
        .args(skiff_cmd.get_args())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: dup2 is async-signal-safe; the child only execs after it.
    unsafe {
        cmd.pre_exec(move || {
            // dup2 onto itself keeps close-on-exec: clear it either way.
            if libc::dup2(fd, 3) < 0 || libc::fcntl(3, libc::F_SETFD, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().expect("start the activated service");
    drop(listener);
    let svc = Service {
        child,
        sock: sock.clone(),
        config: sk.path("docker-config"),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (code, body) = svc.curl(&["-m", "5"], "/_ping");
        if code == "200" {
            assert_eq!(body, "OK");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no answer on the activation socket: {code} {body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let (code, body) = svc.curl(&[], "/containers/json?all=1");
    assert_eq!((code.as_str(), body.trim()), ("200", "[]"));
    assert!(!Path::new("/nonexistent/not-used.sock").exists());
}

#[test]
fn sigterm_ends_the_service_and_removes_its_socket() {
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    assert_eq!(svc.curl(&[], "/_ping").1, "OK");
    // A client following a running container's log holds an engine call on a blocking thread
    // that would never end: the service must not wait for it.
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run", "-d", "--name", "quiet", "--rootfs", &rootfs, "sleep", "60",
    ]);
    let mut follower = svc
        .docker_cmd(&["logs", "-f", "quiet"])
        .stdin(Stdio::null())
        .spawn()
        .expect("docker logs -f");
    std::thread::sleep(Duration::from_millis(500));
    let pid = svc.child.id() as i32;
    // SAFETY: signalling the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let mut svc = svc;
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = svc.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the service ignored SIGTERM for 10 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(!svc.sock.exists(), "SIGTERM left the socket behind");
    let _ = follower.kill();
    let _ = follower.wait();
    sk.ok(&["rm", "-f", "quiet"]);
}

/// A service path that names a file other than a socket is refused (exit 125) and the file is
/// kept: only a stale socket is replaced.
#[test]
fn a_path_that_is_not_a_socket_is_kept_and_refused() {
    let sk = Skiff::new();
    let file = sk.path("precious");
    std::fs::write(&file, "keep me").unwrap();
    let out = sk.fails(
        &[
            "system",
            "service",
            "--time",
            "0",
            &format!("unix://{}", file.display()),
        ],
        125,
    );
    assert!(out.stderr.contains("is not a socket"), "{out:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn image_and_container_routes_tag_history_labels_diff_and_prune() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("config:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    // One API version for the CLI and the service.
    let ours = sk.ok(&["version", "--format", "{{.Server.APIVersion}}"]);
    let served = svc.docker_ok(&["version", "--format", "{{.Server.APIVersion}}"]);
    assert_eq!(ours.trim(), served.trim());
    svc.docker_ok(&["tag", &img, "local/renamed:v1"]);
    let names = sk.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(names.lines().any(|l| l == "local/renamed:v1"), "{names}");
    let history = svc.docker_ok(&["history", "--format", "{{.CreatedBy}}", "local/renamed:v1"]);
    let ours = sk.ok(&["history", "--format", "{{.CreatedBy}}", "local/renamed:v1"]);
    assert_eq!(history, ours);
    assert!(!history.trim().is_empty());
    // A name escaped in the path (docker-py sends `@` as %40) is decoded, as docker's router.
    let pinned = sk.ok(&["inspect", "-f", "{{index .RepoDigests 0}}", &img]);
    let escaped = pinned.trim().replace('@', "%40");
    let (code, body) = svc.curl(&[], &format!("/v1.41/images/{escaped}/json"));
    assert_eq!(code, "200", "{escaped}: {body}");
    // The summaries carry the image's labels (the fixture has tier=test).
    let (code, body) = svc.curl(&[], "/images/json");
    assert_eq!(code, "200", "{body}");
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|i| i["Labels"]["tier"] == "test"),
        "{body}"
    );
    let busybox = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &busybox]);
    svc.docker_ok(&["run", "--name", "c", &busybox, "touch", "/newfile"]);
    let diff = svc.docker_ok(&["diff", "c"]);
    // Exactly docker's answer: the files skiff binds (/etc/hosts...) and their directories are
    // not the container's changes.
    assert_eq!(diff, "A /newfile\n");
    // import (fromSrc=-): the exported file system comes back as a one-layer image that runs.
    let tar = sk.path("c.tar").display().to_string();
    svc.docker_ok(&["export", "-o", &tar, "c"]);
    let cmd = "CMD [\"ls\", \"/newfile\"]";
    let id = svc.docker_ok(&["import", "-m", "via api", "-c", cmd, &tar, "local/imp:1"]);
    assert!(id.starts_with("sha256:"), "{id}");
    let shown = sk.ok(&[
        "inspect",
        "-f",
        "{{.Comment}} {{len .RootFS.Layers}}",
        "local/imp:1",
    ]);
    assert_eq!(shown.trim(), "via api 1");
    assert_eq!(svc.docker_ok(&["run", "--rm", "local/imp:1"]), "/newfile\n");
    // A change import refuses: the client reads docker's error, not a broken pipe (the
    // service reads the whole upload before it answers).
    let big = sk.path("big.tar");
    std::fs::write(&big, vec![0u8; 32 << 20]).unwrap();
    let big = big.display().to_string();
    let bad = svc.docker(&["import", "-c", "RUN echo", &big, "local/imp:bad"]);
    assert_ne!(bad.status, 0);
    assert!(bad.stderr.contains("RUN cannot be changed"), "{bad:?}");
    // The query's platform names the imported image's (docker's `import --platform`).
    #[rustfmt::skip]
    let (code, _) = svc.curl(&["-X", "POST", "--data-binary", &format!("@{tar}")],
        "/images/create?fromSrc=-&repo=local/imp&tag=arm&platform=linux/arm64");
    assert_eq!(code, "200");
    let platform = sk.ok(&[
        "inspect",
        "-f",
        "{{.Os}}/{{.Architecture}}",
        "local/imp:arm",
    ]);
    assert_eq!(platform.trim(), "linux/arm64");
    sk.ok(&["rmi", "local/imp:arm"]);
    let pruned = svc.docker_ok(&["container", "prune", "-f"]);
    assert!(pruned.contains("Deleted Containers"), "{pruned}");
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
    svc.docker_ok(&["rmi", "local/renamed:v1"]);
    let pruned = svc.docker_ok(&["image", "prune", "-a", "-f"]);
    assert!(pruned.contains("Total reclaimed space"), "{pruned}");
    assert_eq!(sk.ok(&["images", "-q"]), "", "prune -a left images");
}

/// `docker commit` (POST /commit) with changes, a message and an author makes an image the
/// CLI runs; `docker inspect -s` and `docker ps -s` show sizes, and `docker ps` a running
/// container's health, as docker does.
#[test]
fn docker_commit_sizes_and_ps_health_through_the_socket() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let busybox = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &busybox]);
    svc.docker_ok(&["run", "--name", "c", &busybox, "sh", "-c", "echo kept > /f"]);
    let id = svc.docker_ok(&[
        "commit",
        "-a",
        "me",
        "-m",
        "a message",
        "-c",
        "ENV X=1",
        "-c",
        r#"CMD ["cat", "/f"]"#,
        "c",
        "local/committed:v1",
    ]);
    assert!(id.trim().starts_with("sha256:"), "{id}");
    assert_eq!(
        svc.docker_ok(&["run", "--rm", "local/committed:v1"]),
        "kept\n"
    );
    let meta = svc.docker_ok(&[
        "image",
        "inspect",
        "-f",
        "{{.Author}}|{{.Comment}}|{{.Config.Env}}",
        "local/committed:v1",
    ]);
    assert!(meta.starts_with("me|a message|["), "{meta}");
    assert!(meta.contains("X=1"), "{meta}");
    // Sizes on request (size=1): the writable layer, and everything the container sees.
    let sizes = svc.docker_ok(&["inspect", "-s", "-f", "{{.SizeRw}} {{.SizeRootFs}}", "c"]);
    let sizes: Vec<u64> = sizes
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(sizes[0] > 0 && sizes[1] > sizes[0], "{sizes:?}");
    let listed = svc.docker_ok(&[
        "ps",
        "-a",
        "-s",
        "--filter",
        "name=c",
        "--format",
        "{{.Size}}",
    ]);
    assert!(listed.contains("(virtual "), "{listed}");
    let missing = svc.docker(&["commit", "nosuch", "local/x"]);
    assert_eq!(missing.status, 1, "{missing:?}");
    svc.docker_ok(&[
        "run",
        "-d",
        "--name",
        "h",
        "--health-cmd",
        "true",
        "--health-interval",
        "1s",
        &busybox,
        "sleep",
        "60",
    ]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let status = svc.docker_ok(&["ps", "--filter", "name=h", "--format", "{{.Status}}"]);
        if status.trim().ends_with("(healthy)") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never healthy in ps: {status}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    svc.docker_ok(&["rm", "-f", "h", "c"]);
}

#[test]
fn docker_cp_keeps_the_archive_s_owners_and_with_a_gives_the_container_s_user() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&["run", "-d", "--name", "own", &img, "sleep", "60"]);
    svc.docker_ok(&[
        "run", "-d", "--name", "usr", "--user", "7:8", &img, "sleep", "60",
    ]);
    let dir = sk.path("owners");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("f.txt"), "owned\n").unwrap();
    let tar_as = |owner: &str| {
        let out = std::process::Command::new("tar")
            .args(["--owner", owner, "--group", owner, "--numeric-owner", "-C"])
            .arg(&dir)
            .args(["-cf", "-", "f.txt"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out.stdout
    };
    let owner =
        |ctr: &str| svc.docker_ok(&["exec", "-u", "0", ctr, "stat", "-c", "%u %g", "/tmp/f.txt"]);
    // As docker's daemon: an archive's owners are kept (the docker CLI sends the local files'),
    // and `cp -a` (copyUIDGID) gives the files the container's user.
    let put = |args: &[&str], owner: &str| {
        let out = svc.docker_stdin(args, &tar_as(owner));
        assert_eq!(out.status, 0, "{out:?}");
    };
    put(&["cp", "-", "own:/tmp"], "5");
    assert_eq!(owner("own"), "5 5\n");
    put(&["cp", "-a", "-", "own:/tmp"], "5");
    assert_eq!(
        owner("own"),
        "5 5\n",
        "a container without a user keeps the archive's"
    );
    put(&["cp", "-a", "-", "usr:/tmp"], "5");
    assert_eq!(owner("usr"), "7 8\n");
    put(&["cp", "-", "usr:/tmp"], "5");
    assert_eq!(owner("usr"), "5 5\n");
    // An owner the container's user namespace lacks: rootless, the container's root instead.
    put(&["cp", "-", "own:/tmp"], "4000000");
    let want = if is_root() {
        "4000000 4000000\n"
    } else {
        "0 0\n"
    };
    assert_eq!(owner("own"), want);
    svc.docker_ok(&["rm", "-f", "own", "usr"]);
}

#[test]
fn docker_cp_copies_both_ways_running_and_stopped() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&["run", "-d", "--name", "c", &img, "sleep", "60"]);
    let dir = sk.path("cp");
    std::fs::create_dir_all(dir.join("tree/sub")).unwrap();
    std::fs::write(dir.join("hello.txt"), "hi\n").unwrap();
    std::fs::write(dir.join("tree/sub/deep.txt"), "deep\n").unwrap();
    let host = |rel: &str| dir.join(rel).display().to_string();
    svc.docker_ok(&["cp", &host("hello.txt"), "c:/tmp/"]);
    svc.docker_ok(&["cp", &host("tree"), "c:/tmp/copied"]);
    assert_eq!(
        svc.docker_ok(&["exec", "c", "cat", "/tmp/hello.txt"]),
        "hi\n"
    );
    assert_eq!(
        svc.docker_ok(&["exec", "c", "cat", "/tmp/copied/sub/deep.txt"]),
        "deep\n"
    );
    // The API takes the archive compressed as well (docker's: gzip, bzip2, xz).
    for (flag, name) in [("-czf", "gz.txt"), ("-cJf", "xz.txt")] {
        std::fs::write(dir.join(name), name).unwrap();
        let packed = host(&format!("{name}.tar"));
        let made = Command::new("tar")
            .args([flag, &packed, "-C", &host(""), name])
            .status()
            .unwrap();
        assert!(made.success());
        let (code, body) = svc.curl(
            &["-X", "PUT", "--data-binary", &format!("@{packed}")],
            "/containers/c/archive?path=/tmp",
        );
        assert_eq!(code, "200", "{body}");
        let copied = svc.docker_ok(&["exec", "c", "cat", &format!("/tmp/{name}")]);
        assert_eq!(copied, name);
    }
    svc.docker_ok(&["exec", "c", "sh", "-c", "echo made-inside > /tmp/out.txt"]);
    svc.docker_ok(&["cp", "c:/tmp/out.txt", &host("out.txt")]);
    assert_eq!(
        std::fs::read_to_string(dir.join("out.txt")).unwrap(),
        "made-inside\n"
    );
    svc.docker_ok(&["cp", "c:/tmp/copied", &host("back")]);
    assert_eq!(
        std::fs::read_to_string(dir.join("back/sub/deep.txt")).unwrap(),
        "deep\n"
    );
    // A directory's contents (`SRC/.`) to a new host directory: docker names them `./NAME`,
    // which the CLI renames to the destination (they landed beside it before).
    svc.docker_ok(&["cp", "c:/tmp/copied/.", &host("contents")]);
    assert_eq!(
        std::fs::read_to_string(dir.join("contents/sub/deep.txt")).unwrap(),
        "deep\n"
    );
    assert!(!dir.join("sub").exists(), "the contents landed beside it");
    // The CLI sends noOverwriteDirNonDir: a directory does not replace the file.
    std::fs::create_dir_all(dir.join("clash/hello.txt")).unwrap();
    let clash = svc.docker(&["cp", &format!("{}/.", host("clash")), "c:/tmp/"]);
    assert_ne!(clash.status, 0, "{clash:?}");
    assert!(clash.stderr.contains("cannot overwrite"), "{clash:?}");
    assert_eq!(
        svc.docker_ok(&["exec", "c", "cat", "/tmp/hello.txt"]),
        "hi\n"
    );
    // `FILE/` names a directory: a file there is not one, either way (it was overwritten).
    let slash = svc.docker(&["cp", &host("out.txt"), "c:/tmp/hello.txt/"]);
    assert!(
        slash.status == 1 && slash.stderr.contains("no such directory"),
        "{slash:?}"
    );
    let slash = svc.docker(&["cp", "c:/tmp/hello.txt/", &host("nodir")]);
    assert!(
        slash.status == 1 && slash.stderr.contains("not a directory"),
        "{slash:?}"
    );
    assert_eq!(
        svc.docker_ok(&["exec", "c", "cat", "/tmp/hello.txt"]),
        "hi\n"
    );
    // A stopped container's files are copied too, and a missing path says so.
    svc.docker_ok(&["stop", "-t", "0", "c"]);
    svc.docker_ok(&["cp", "c:/tmp/hello.txt", &host("again.txt")]);
    assert_eq!(
        std::fs::read_to_string(dir.join("again.txt")).unwrap(),
        "hi\n"
    );
    let missing = svc.docker(&["cp", "c:/no/such/file", &host("x")]);
    assert_ne!(missing.status, 0, "{missing:?}");
    assert!(
        missing.stderr.contains("Could not find the file"),
        "{missing:?}"
    );
    // `docker export`: the container's own files, its writes included, not its mounts.
    let tar = host("c.tar");
    svc.docker_ok(&["export", "-o", &tar, "c"]);
    let listing = std::process::Command::new("tar")
        .args(["-tf", &tar])
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    for want in ["bin/busybox", "tmp/out.txt", "tmp/copied/sub/deep.txt"] {
        assert!(
            listing.lines().any(|l| l.trim_start_matches("./") == want),
            "{want}: {listing}"
        );
    }
    assert!(
        !listing.lines().any(|l| l.contains("proc/self")),
        "{listing}"
    );
    svc.docker_ok(&["rm", "c"]);
}

#[test]
fn docker_stats_and_system_df_read_the_engine_s_numbers() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&[
        "run",
        "-d",
        "--name",
        "busy",
        &img,
        "sh",
        "-c",
        "while :; do :; done",
    ]);
    let out = svc.docker_ok(&[
        "stats",
        "--no-stream",
        "--format",
        "{{.Name}} {{.CPUPerc}} {{.PIDs}}",
        "busy",
    ]);
    let fields: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(fields.len(), 3, "{out}");
    assert_eq!(fields[0], "busy");
    let cpu: f64 = fields[1].trim_end_matches('%').parse().unwrap();
    assert!(cpu > 5.0, "a busy loop uses CPU: {out}");
    assert_eq!(fields[2], "1", "{out}");
    let (code, body) = svc.curl(&[], "/containers/busy/stats?stream=false&one-shot=true");
    assert_eq!(code, "200", "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["name"], "/busy");
    assert!(doc["memory_stats"]["usage"].as_u64().unwrap() > 0, "{body}");
    // system df counts the image, the container and a volume as skiff's own does.
    svc.docker_ok(&["volume", "create", "dfvol"]);
    let table = |out: &str| -> Vec<String> {
        out.lines()
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .collect()
    };
    let theirs = svc.docker_ok(&[
        "system",
        "df",
        "--format",
        "{{.Type}} {{.TotalCount}} {{.Active}}",
    ]);
    let ours = sk.ok(&[
        "system",
        "df",
        "--format",
        "{{.Type}} {{.TotalCount}} {{.Active}}",
    ]);
    assert_eq!(table(&theirs), table(&ours));
    assert!(theirs.contains("Images 1 1"), "{theirs}");
    assert!(theirs.contains("Containers 1 1"), "{theirs}");
    assert!(theirs.contains("Local Volumes 1 0"), "{theirs}");
    svc.docker_ok(&["rm", "-f", "busy"]);
}

#[test]
fn docker_save_and_load_round_trip_an_image() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    let id = sk.ok(&["images", "-q", "--no-trunc", &img]);
    let archive = sk.path("busybox.tar").display().to_string();
    svc.docker_ok(&["save", "-o", &archive, &img]);
    svc.docker_ok(&["rmi", &img]);
    assert_eq!(sk.ok(&["images", "-q"]), "");
    let loaded = svc.docker_ok(&["load", "-i", &archive]);
    assert!(loaded.contains(&format!("Loaded image: {img}")), "{loaded}");
    assert_eq!(sk.ok(&["images", "-q", "--no-trunc", &img]), id);
    let missing = svc.docker(&["save", "-o", &archive, "no/such:image"]);
    assert_ne!(missing.status, 0, "{missing:?}");
}

#[test]
fn an_exec_start_that_fails_early_can_be_retried_and_a_second_start_is_refused() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&["run", "-d", "--name", "c", &img, "sleep", "60"]);
    let json = ["-X", "POST", "-H", "Content-Type: application/json", "-d"];
    let post = |path: &str, body: &str| {
        let mut args: Vec<&str> = json.to_vec();
        args.push(body);
        svc.curl(&args, path)
    };
    let (code, body) = post("/containers/c/exec", r#"{"Cmd": ["true"]}"#);
    assert_eq!(code, "201", "{body}");
    let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    svc.docker_ok(&["stop", "-t", "0", "c"]);
    let start = format!("/exec/{id}/start");
    let (code, body) = post(&start, r#"{"Detach": true}"#);
    assert_eq!(code, "409", "a stopped container: {body}");
    svc.docker_ok(&["start", "c"]);
    let (code, body) = post(&start, r#"{"Detach": true}"#);
    assert_eq!(code, "200", "the retry after the container started: {body}");
    let (code, body) = post(&start, r#"{"Detach": true}"#);
    assert_eq!(code, "409", "a second start: {body}");
    svc.docker_ok(&["rm", "-f", "c"]);
}

/// `docker exec -it` in a terminal of 40x120: the exec's tty has that size from its start
/// (the CLI's `ConsoleSize` and its first resize arrive before the pty exists); it was 0x0.
#[test]
fn docker_exec_it_gets_the_terminal_s_size() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&["run", "-d", "--name", "c", &img, "sleep", "60"]);
    let inner = format!(
        "stty rows 40 cols 120; docker -H unix://{} exec -it c stty size",
        svc.sock.display()
    );
    let out = Command::new("script")
        .args(["-qec", &inner, "/dev/null"])
        .env("DOCKER_CONFIG", &svc.config)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("40 120"), "{out:?}");
    // Detached with a tty: it has one, and output no one reads does not stop it.
    let script = "tty > /tmp/t; yes | head -c 300000; echo done >> /tmp/t";
    svc.docker_ok(&["exec", "-dt", "c", "sh", "-c", script]);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let t = svc.docker_ok(&["exec", "c", "cat", "/tmp/t"]);
        if t.ends_with("done\n") {
            assert!(t.starts_with("/dev/pts/"), "{t}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the detached exec stalled: {t}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    svc.docker_ok(&["rm", "-f", "c"]);
}

#[test]
fn a_failed_start_of_an_rm_container_removes_it_and_docker_run_returns() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&["create", "--name", "x", &img, "sleep", "60"]);
    // x does not run, so the start fails; docker run --rm waits for the container's removal.
    let out = svc.docker(&["run", "--rm", "--network", "container:x", &img, "true"]);
    assert_ne!(out.status, 0, "{out:?}");
    assert_eq!(
        sk.ok(&["ps", "-a", "--format", "{{.Names}}"]).trim(),
        "x",
        "the failed --rm container was left"
    );
    svc.docker_ok(&["rm", "x"]);
}

#[test]
fn docker_update_changes_the_stored_limits_and_restart_policy() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&["create", "--name", "u", &img, "true"]);
    let out = svc.docker_ok(&[
        "update",
        "--cpus",
        "1.5",
        "--cpu-shares",
        "512",
        "--restart",
        "on-failure:3",
        "u",
    ]);
    assert_eq!(out, "u\n");
    let got = sk.ok(&[
        "inspect",
        "-f",
        "{{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}",
        "u",
    ]);
    assert_eq!(got.trim(), "1500000000 512 on-failure 3");
    let missing = svc.docker(&["update", "--cpus", "1", "no-such-container"]);
    assert_ne!(missing.status, 0, "{missing:?}");
}

/// A create body naming a network or container that does not exist is docker's 400: the
/// docker CLI takes a create's 404 for a missing image, and pulled it before showing an
/// unrelated registry error.
#[test]
fn a_missing_network_or_container_in_a_create_is_no_missing_image() {
    let _ = require_registry!();
    let Some((_sk, svc, img)) = service_with_busybox() else {
        return;
    };
    for (flags, says) in [
        (&["--network", "nosuchnet"][..], "nosuchnet"),
        (&["--volumes-from", "nosuchctr"], "nosuchctr"),
        (&["--network", "container:nosuchctr"], "nosuchctr"),
    ] {
        let args = [&["run", "--rm"][..], flags, &[&img, "true"]].concat();
        let out = svc.docker(&args);
        assert_eq!(out.status, 125, "{flags:?}: {out:?}");
        assert!(
            out.stderr.contains(says) && !out.stderr.contains("Unable to find image"),
            "{flags:?}: {out:?}"
        );
    }
}

/// A container whose process runs as a user other than root, on a user-defined network (as
/// every compose service is) or started by the CLI, stops, is killed and is removed through
/// the socket: rootless, the service runs in a user namespace of its own, which may not
/// signal another's non-root processes, so `docker-compose down` failed for an image that
/// drops root (postgres, redis).
#[test]
fn a_container_running_as_another_user_stops_and_is_removed_through_the_socket() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&["network", "create", "dropnet"]);
    let as_nobody = "exec su -s /bin/sh nobody -c 'exec sleep 100'";
    let running = |name: &str| {
        sk.ok(&["inspect", "-f", "{{.State.Running}}", name])
            .trim()
            .to_string()
    };
    svc.docker_ok(&[
        "run",
        "-d",
        "--name",
        "netted",
        "--network",
        "dropnet",
        &img,
        "sh",
        "-c",
        as_nobody,
    ]);
    sk.ok(&[
        "run", "-d", "--name", "fromcli", &img, "sh", "-c", as_nobody,
    ]);
    for name in ["netted", "fromcli"] {
        let user = sk.ok(&["exec", name, "sh", "-c", "ps -o user,comm | grep sleep"]);
        assert!(user.contains("nobody"), "{name}: {user}");
        svc.docker_ok(&["stop", "-t", "1", name]);
        assert_eq!(
            running(name),
            "false",
            "{name} still runs after docker stop"
        );
        svc.docker_ok(&["start", name]);
        svc.docker_ok(&["kill", name]);
        assert_eq!(
            running(name),
            "false",
            "{name} still runs after docker kill"
        );
        svc.docker_ok(&["start", name]);
        svc.docker_ok(&["rm", "-f", name]);
    }
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "", "containers were left");
    svc.docker_ok(&["network", "rm", "dropnet"]);
}

/// `POST /images/create?fromImage=REPO` without a tag pulls every tag of the repository (the
/// API reference's rule; docker-py's `pull(repo, all_tags=True)` sends it so).
#[test]
fn a_pull_without_a_tag_takes_every_tag() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let repo = image("busybox");
    let (code, body) = svc.curl(&["-X", "POST"], &format!("/images/create?fromImage={repo}"));
    assert_eq!(code, "200", "{body}");
    let tags = sk.ok(&["images", "--format", "{{.Tag}}", &repo]);
    let mut tags: Vec<&str> = tags.lines().collect();
    tags.sort();
    assert_eq!(tags, ["latest", "zstd"], "{body}");
}

/// docker's API inspect document has docker's keys: not podman's (`skiff inspect` keeps
/// them, as podman's), some of which name host paths.
#[test]
fn api_inspect_has_docker_s_keys_only() {
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    let (code, body) = svc.curl(&[], "/containers/c/json");
    assert_eq!(code, "200", "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["Name"], "/c");
    for key in [
        "StaticDir",
        "ConmonPidFile",
        "OCIRuntime",
        "IsInfra",
        "Namespace",
    ] {
        assert!(doc.get(key).is_none(), "{key} in {body}");
    }
    assert!(doc["Config"].get("CreateCommand").is_none(), "{body}");
    let cli = sk.inspect("c", "{{.StaticDir}}");
    assert!(!cli.is_empty());
    sk.ok(&["rm", "c"]);
}

/// Before API 1.45 a running container's `Aliases` on a user-defined network hold its short
/// id and host name after its own aliases, as docker's (docker-compose 1.x looks for the
/// short id there); 1.45 and later keep them in `DNSNames` only.
#[test]
fn aliases_hold_the_short_id_before_api_1_45() {
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    sk.ok(&["network", "create", "aliasnet"]);
    let id = sk.ok(&[
        "run",
        "-d",
        "--name",
        "a",
        "--network",
        "aliasnet",
        "--network-alias",
        "web",
        "--hostname",
        "hh",
        "--rootfs",
        "/:O",
        "sleep",
        "300",
    ]);
    let short = &id.trim()[..12];
    let aliases = |version: &str| {
        let (code, body) = svc.curl(&[], &format!("/{version}containers/a/json"));
        assert_eq!(code, "200", "{body}");
        let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
        doc["NetworkSettings"]["Networks"]["aliasnet"]["Aliases"].clone()
    };
    assert_eq!(aliases("v1.41/"), serde_json::json!(["web", short, "hh"]));
    assert_eq!(aliases(""), serde_json::json!(["web"]));
    sk.ok(&["rm", "-f", "-t", "0", "a"]);
    sk.ok(&["network", "rm", "aliasnet"]);
}
