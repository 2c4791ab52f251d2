//! Real clients of the Docker API service (issue 19) beyond the docker CLI: a docker-compose
//! project whose services reach each other by name and through a published port, with exec,
//! restart and foreground `up` (rootless, containers on a user-defined network run in its user
//! namespace, which the service reaches through its launcher); docker-py waiting for a log line
//! and reading a mapped port; the docker CLI inside a container with the socket mounted; twenty
//! clients at once; the network routes and filters; the create body's Mounts, Ulimits,
//! Entrypoint and EndpointsConfig; attach to a running container.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::api::{have_client, have_docker, Service};
use crate::harness::{finish_within, image, Output, Skiff};

/// Whether docker-compose is installed (see [`have_client`]).
fn have_compose() -> bool {
    have_client("docker-compose", "version", "docker-compose")
}

/// Runs docker-compose in `dir` (project `p`) against the service.
fn compose(svc: &Service, dir: &std::path::Path, args: &[&str]) -> Output {
    let child = Command::new("docker-compose")
        .args(["-p", "p"])
        .args(args)
        .current_dir(dir)
        .env("DOCKER_HOST", format!("unix://{}", svc.sock.display()))
        .env("DOCKER_CONFIG", &svc.config)
        .env("COMPOSE_INTERACTIVE_NO_CLI", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run docker-compose");
    finish_within(child, Duration::from_secs(180))
        .unwrap_or_else(|| panic!("docker-compose {args:?} did not finish within 180 s"))
}

/// `GET /` from 127.0.0.1:`port` (HTTP/1.0), retried until it answers (or 20 s pass): the
/// whole response.
pub(crate) fn http_get(port: u16) -> String {
    use std::io::{Read, Write};
    eventually("the published port answers", || {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        s.write_all(b"GET / HTTP/1.0\r\n\r\n").ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        out.contains("200 OK").then_some(out)
    })
}

/// Polls `f` for up to 20 s until it returns Some.
fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "{what} within 20 s");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A compose file's head and a `web` service of busybox's httpd serving `page` on 8080,
/// published on 127.0.0.1:`port`.
fn web_service(img: &str, port: u16, page: &str) -> String {
    format!(
        r#"version: "2.4"
services:
  web:
    image: {img}
    command: ["sh", "-c", "mkdir -p /www && echo {page} > /www/index.html && exec httpd -f -p 8080 -h /www"]
    ports: ["127.0.0.1:{port}:8080"]
"#
    )
}

/// The directory `project` of `sk` with `yaml` as its docker-compose.yml.
fn compose_project(sk: &Skiff, yaml: &str) -> std::path::PathBuf {
    let dir = sk.path("project");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("docker-compose.yml"), yaml).unwrap();
    dir
}

#[test]
fn skiff_compose_runs_docker_compose_without_a_daemon() {
    let _ = require_registry!();
    if !have_compose() {
        return;
    }
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["pull", "-q", &img]);
    let port = crate::network::free_port();
    let dir = compose_project(&sk, &web_service(&img, port, "hello-from-compose"));
    let skiff_compose = |args: &[&str]| {
        let mut all = vec!["compose", "-p", "sc"];
        all.extend(args);
        let child = sk
            .cmd(&all)
            .current_dir(&dir)
            .env("COMPOSE_INTERACTIVE_NO_CLI", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run skiff compose");
        finish_within(child, Duration::from_secs(180)).expect("skiff compose finishes")
    };
    let up = skiff_compose(&["up", "-d"]);
    assert_eq!(up.status, 0, "{up:?}");
    assert_eq!(
        sk.ok(&["ps", "--format", "{{.Names}} {{.State}}"]),
        "sc_web_1 running\n"
    );
    let page = http_get(port);
    assert!(page.ends_with("hello-from-compose\n"), "{page}");
    // The service lived only as long as the command: no socket is left.
    let sockets: Vec<_> = std::fs::read_dir(sk.runroot())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("compose-"))
        .collect();
    assert!(sockets.is_empty(), "{sockets:?}");
    // The provider's exit code comes back.
    let bad = skiff_compose(&["-f", "missing.yml", "up", "-d"]);
    assert_eq!(bad.status, 1, "{bad:?}");
    let down = skiff_compose(&["down", "-t", "0"]);
    assert_eq!(down.status, 0, "{down:?}");
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
    assert!(!sk.ok(&["network", "ls"]).contains("sc_default"));
}

#[test]
fn compose_project_services_reach_each_other_exec_restart_and_down() {
    let _ = require_registry!();
    if !have_docker() || !have_compose() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    let port = crate::network::free_port();
    let client = r#"  client:
    image: {img}
    command: ["sh", "-c", "for i in $$(seq 40); do wget -q -O- http://web:8080/ && break; sleep 0.25; done; exec sleep 300"]
    depends_on: [web]
"#;
    let dir = compose_project(
        &sk,
        &format!(
            "{}{}",
            web_service(&img, port, "hello-from-web"),
            client.replace("{img}", &img)
        ),
    );
    let up = compose(&svc, &dir, &["up", "-d"]);
    assert_eq!(up.status, 0, "{up:?}");
    let names = svc.docker_ok(&["ps", "--format", "{{.Names}}"]);
    let mut names: Vec<&str> = names.lines().collect();
    names.sort();
    assert_eq!(names, ["p_client_1", "p_web_1"]);
    // The client found the web service by its name on the project's network.
    eventually("the client's wget reaches web", || {
        let logs = svc.docker(&["logs", "p_client_1"]);
        logs.stdout.contains("hello-from-web").then_some(())
    });
    // The published port serves the web service from the host.
    let page = http_get(port);
    assert!(page.ends_with("hello-from-web\n"), "{page}");
    // exec through the socket, with its exit code, and compose's own exec.
    assert_eq!(
        svc.docker_ok(&["exec", "p_web_1", "cat", "/www/index.html"]),
        "hello-from-web\n"
    );
    let code = svc.docker(&["exec", "p_web_1", "sh", "-c", "exit 3"]);
    assert_eq!(code.status, 3, "{code:?}");
    let fetched = compose(
        &svc,
        &dir,
        &[
            "exec",
            "-T",
            "client",
            "wget",
            "-q",
            "-O-",
            "http://web:8080/",
        ],
    );
    assert_eq!(
        (fetched.status, fetched.stdout.as_str()),
        (0, "hello-from-web\n"),
        "{fetched:?}"
    );
    // A restarted service is reachable again by name.
    let web_answers = |what: &str| {
        eventually(what, || {
            let out = svc.docker(&[
                "exec",
                "p_client_1",
                "wget",
                "-q",
                "-O-",
                "http://web:8080/",
            ]);
            (out.stdout == "hello-from-web\n").then_some(())
        })
    };
    svc.docker_ok(&["restart", "p_web_1"]);
    web_answers("web answers after its restart");
    // A recreate (what an edited file or a rebuilt image brings) replaces the container: compose
    // reads the old one's image config for its volumes first.
    let old = svc.docker_ok(&["inspect", "-f", "{{.Id}}", "p_web_1"]);
    let recreate = compose(
        &svc,
        &dir,
        &["up", "-d", "--force-recreate", "--no-deps", "web"],
    );
    assert_eq!(recreate.status, 0, "{recreate:?}");
    let new = svc.docker_ok(&["inspect", "-f", "{{.Id}}", "p_web_1"]);
    assert_ne!(old, new, "the container was not replaced");
    web_answers("the recreated web answers");
    let down = compose(&svc, &dir, &["down"]);
    assert_eq!(down.status, 0, "{down:?}");
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "", "down left containers");
    let nets = sk.ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert!(!nets.lines().any(|n| n == "p_default"), "{nets}");
}

#[test]
fn network_routes_connect_disconnect_filter_and_prune() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&["network", "create", "--label", "tier=front", "front"]);
    svc.docker_ok(&["network", "create", "back"]);
    // docker's filters: name is a substring, labels must all match.
    let listed = svc.docker_ok(&[
        "network",
        "ls",
        "--filter",
        "label=tier=front",
        "--format",
        "{{.Name}}",
    ]);
    assert_eq!(listed.trim(), "front");
    let listed = svc.docker_ok(&[
        "network",
        "ls",
        "--filter",
        "name=ack",
        "--format",
        "{{.Name}}",
    ]);
    assert_eq!(listed.trim(), "back");
    let (code, body) = svc.curl(&[], "/networks?filters=%7B%22colour%22%3A%5B%22x%22%5D%7D");
    assert_eq!(code, "400", "{body}");

    svc.docker_ok(&["create", "--name", "c", "--network", "front", &img, "true"]);
    svc.docker_ok(&["network", "connect", "--alias", "db", "back", "c"]);
    let aliases = svc.docker_ok(&[
        "inspect",
        "-f",
        "{{json .NetworkSettings.Networks.back.Aliases}}",
        "c",
    ]);
    assert_eq!(aliases.trim(), r#"["db"]"#);
    // As in docker, a container's last network may be taken.
    svc.docker_ok(&["network", "disconnect", "back", "c"]);
    svc.docker_ok(&["network", "disconnect", "front", "c"]);
    let nets = sk.ok(&["inspect", "-f", "{{len .NetworkSettings.Networks}}", "c"]);
    assert_eq!(nets.trim(), "0");
    let again = svc.docker(&["network", "disconnect", "front", "c"]);
    assert_ne!(again.status, 0, "{again:?}");
    svc.docker_ok(&["rm", "c"]);
    // prune takes the label filters: only the matching unused network goes.
    let pruned = svc.docker_ok(&["network", "prune", "-f", "--filter", "label=tier=front"]);
    assert!(pruned.contains("front"), "{pruned}");
    let left = sk.ok(&[
        "network",
        "ls",
        "--filter",
        "type=custom",
        "--format",
        "{{.Name}}",
    ]);
    assert_eq!(left.trim(), "back");
}

#[test]
fn create_maps_mounts_ulimits_aliases_and_healthchecks() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    let out = svc.docker_ok(&[
        "run",
        "--rm",
        "--ulimit",
        "nofile=123:456",
        "--mount",
        "type=volume,source=data,target=/data",
        "--mount",
        "type=tmpfs,target=/scratch",
        &img,
        "sh",
        "-c",
        "ulimit -n; echo kept > /data/f; grep -c ' /scratch tmpfs ' /proc/mounts",
    ]);
    assert_eq!(out, "123\n1\n");
    let kept = svc.docker_ok(&[
        "run",
        "--rm",
        "--mount",
        "type=volume,source=data,target=/data,readonly",
        &img,
        "sh",
        "-c",
        "cat /data/f; touch /data/g 2>/dev/null || echo read-only",
    ]);
    assert_eq!(kept, "kept\nread-only\n");
    svc.docker_ok(&["network", "create", "n"]);
    svc.docker_ok(&[
        "create",
        "--name",
        "h",
        "--network",
        "n",
        "--network-alias",
        "cache",
        "--health-cmd",
        "true",
        "--health-interval",
        "7s",
        &img,
        "sleep",
        "30",
    ]);
    let shown = sk.ok(&[
        "inspect",
        "-f",
        "{{json .NetworkSettings.Networks.n.Aliases}} {{json .Config.Healthcheck.Test}} {{.Config.Healthcheck.Interval}}",
        "h",
    ]);
    assert_eq!(shown.trim(), r#"["cache"] ["CMD-SHELL","true"] 7000000000"#);
    svc.docker_ok(&["rm", "-f", "h"]);
    // A container on a user-defined network shows its published port and address through
    // the service too (rootless, that network's namespace is another user namespace's).
    let port = crate::network::free_port();
    let map = format!("{port}:80");
    svc.docker_ok(&[
        "run",
        "-d",
        "--name",
        "pub",
        "--network",
        "n",
        "-p",
        &map,
        &img,
        "sleep",
        "30",
    ]);
    assert_eq!(
        svc.docker_ok(&["port", "pub", "80"]),
        format!("0.0.0.0:{port}\n")
    );
    let ip = svc.docker_ok(&[
        "inspect",
        "-f",
        "{{.NetworkSettings.Networks.n.IPAddress}}",
        "pub",
    ]);
    assert!(ip.trim().starts_with("10."), "{ip}");
    svc.docker_ok(&["rm", "-f", "pub"]);
    // An Entrypoint of several words (compose's `entrypoint: [...]`) stays whole.
    let body =
        format!(r#"{{"Image": "{img}", "Entrypoint": ["sh", "-c"], "Cmd": ["echo ep-$((1+1))"]}}"#);
    let (code, _) = svc.curl(
        &[
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "-d",
            &body,
        ],
        "/v1.43/containers/create?name=ep",
    );
    assert_eq!(code, "201");
    assert_eq!(svc.docker_ok(&["start", "-a", "ep"]), "ep-2\n");
    let shown = svc.docker_ok(&[
        "inspect",
        "-f",
        "{{json .Config.Entrypoint}} {{json .Config.Cmd}}",
        "ep",
    ]);
    assert_eq!(shown.trim(), r#"["sh","-c"] ["echo ep-$((1+1))"]"#);
    svc.docker_ok(&["rm", "ep"]);
}

/// Rootless, a container the CLI started runs in a user namespace of its own, and a network
/// the CLI used first has its holder in another: the service reaches both through its
/// launcher (attached and detached runs, exec, `container:` networks, restart).
#[test]
fn the_service_joins_what_the_cli_started() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["pull", "-q", &img]);
    sk.ok(&["network", "create", "shared"]);
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "srv",
        "--network",
        "shared",
        &img,
        "sh",
        "-c",
        "mkdir -p /www && echo hello-from-cli > /www/index.html && exec httpd -f -p 8080 -h /www",
    ]);
    let svc = Service::start(&sk);
    let fetch = |net: &str, url: &str| {
        svc.docker(&[
            "run",
            "--rm",
            "--network",
            net,
            &img,
            "sh",
            "-c",
            &format!(
                "for i in $(seq 40); do wget -q -O- {url} && exit 0; sleep 0.25; done; exit 1"
            ),
        ])
    };
    let out = fetch("shared", "http://srv:8080/");
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "hello-from-cli\n"),
        "{out:?}"
    );
    let out = fetch("container:srv", "http://127.0.0.1:8080/");
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "hello-from-cli\n"),
        "{out:?}"
    );
    assert_eq!(
        svc.docker_ok(&["exec", "srv", "cat", "/www/index.html"]),
        "hello-from-cli\n"
    );
    let id = svc.docker_ok(&["run", "-d", "--network", "shared", &img, "sleep", "60"]);
    let on_net = sk.ok(&["inspect", "-f", "{{.State.Running}}", id.trim()]);
    assert_eq!(on_net.trim(), "true");
    svc.docker_ok(&["restart", "-t", "1", "srv"]);
    let out = fetch("shared", "http://srv:8080/");
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "hello-from-cli\n"),
        "{out:?}"
    );
    sk.ok(&["rm", "-f", "srv", id.trim()]);
}

/// `docker attach` to a running container follows its output to its end and exits with its
/// code; `docker-compose up` in the foreground prints its services' output as they run.
#[test]
fn attach_follows_a_running_container_and_compose_up_prints_output() {
    let _ = require_registry!();
    if !have_docker() || !have_compose() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    let id = svc.docker_ok(&[
        "run",
        "-d",
        &img,
        "sh",
        "-c",
        "echo before; sleep 3; echo one; echo two >&2; exit 3",
    ]);
    // What it wrote before the attach is not replayed (docker attach asks for no logs).
    eventually("the container's first line in its log", || {
        let logs = svc.docker(&["logs", id.trim()]);
        (logs.stdout == "before\n").then_some(())
    });
    let out = svc.docker(&["attach", "--no-stdin", id.trim()]);
    assert_eq!(out.status, 3, "{out:?}");
    assert_eq!(out.stdout, "one\n", "{out:?}");
    assert_eq!(out.stderr, "two\n", "{out:?}");
    let dir = sk.path("up");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("docker-compose.yml"),
        format!(
            r#"version: "2.4"
services:
  hello:
    image: {img}
    command: ["sh", "-c", "sleep 1; echo hi-from-up"]
"#
        ),
    )
    .unwrap();
    let up = compose(&svc, &dir, &["up", "--no-color"]);
    assert_eq!(up.status, 0, "{up:?}");
    assert!(up.stdout.contains("hello_1  | hi-from-up"), "{up:?}");
    let down = compose(&svc, &dir, &["down"]);
    assert_eq!(down.status, 0, "{down:?}");
}

/// docker-py (Debian's python3-docker, which docker-compose brings) builds an image (its
/// boolean parameters spelt `False`), reads a registry's manifest and platforms without
/// pulling, finds no plugins and no swarm, runs `auto_remove` containers (their output and
/// exit read, then gone), runs a container with a published port on a random
/// host port, waits for its log line (and reads it again through an attach without a stream)
/// and reads a page through the port, then removes it.
#[test]
fn docker_py_builds_reads_registry_data_and_reads_a_mapped_port() {
    let _ = require_registry!();
    if !have_client("/usr/bin/python3", "--version", "python3-docker")
        || !have_client("docker-compose", "version", "docker-compose")
    {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    let script = r#"
import socket, sys, time
import docker
client = docker.DockerClient(base_url=sys.argv[1])
# run without detach returns the output (read only from json-file or journald containers).
print(client.containers.run(sys.argv[2], ["echo", "run-output"], remove=True).decode().strip())
# auto_remove: the container is gone only after docker-py read its output and its exit code
# (it asks after the start), then it goes by itself.
for _ in range(3):
    print(client.containers.run(sys.argv[2], ["echo", "auto"], auto_remove=True).decode().strip())
gone = client.containers.run(sys.argv[2], ["sh", "-c", "exit 3"], auto_remove=True, detach=True)
print(gone.wait()["StatusCode"])
deadline = time.time() + 10
while any(c["Id"] == gone.id for c in client.api.containers(all=True)):
    assert time.time() < deadline, "the auto_remove container stayed"
    time.sleep(0.1)
try:
    client.images.pull(sys.argv[2].rsplit(":", 1)[0], tag="nosuchtag")
except docker.errors.NotFound:
    print("pull-notfound")
# docker-py always sends pull=False (and the other flags as Python's True/False).
import io
dockerfile = io.BytesIO(("FROM %s\nRUN echo built > /b\nCMD cat /b\n" % sys.argv[2]).encode())
client.images.build(fileobj=dockerfile, tag="py/built:1", rm=True)
print(client.containers.run("py/built:1", remove=True).decode().strip())
# What the registry serves, nothing pulled.
data = client.images.get_registry_data(sys.argv[3])
print(data.id.startswith("sha256:"), data.has_platform("linux/amd64"), data.has_platform("linux/arm64/v8"),
    data.has_platform("linux/s390x"))
print(client.plugins.list(), client.swarm.attrs)
try:
    client.services.list()
except docker.errors.APIError as e:
    print(e.status_code, "not a swarm manager" in str(e))
ctr = client.containers.run(sys.argv[2],
    ["sh", "-c", "mkdir /www; echo py-hello > /www/index.html; echo ready; exec httpd -f -p 8080 -h /www"],
    detach=True, ports={"8080/tcp": ("127.0.0.1", None)})
deadline = time.time() + 30
while b"ready" not in ctr.logs():
    assert time.time() < deadline, "no log line"
    time.sleep(0.2)
# attach without a stream (docker-py's default): the log so far, then the connection ends.
print(ctr.attach(stream=False, logs=True).decode().strip())
ctr.reload()
port = int(ctr.ports["8080/tcp"][0]["HostPort"])
page = b""
while time.time() < deadline:
    try:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            page += chunk
        break
    except OSError:
        time.sleep(0.2)
print(page.decode().split("\r\n\r\n", 1)[1].strip())
ctr.remove(force=True)
print(len(client.containers.list(all=True)))
"#;
    let out = Command::new("/usr/bin/python3")
        .args(["-c", script])
        .arg(format!("unix://{}", svc.sock.display()))
        .arg(&img)
        .arg(image("multiarch:latest"))
        .output()
        .expect("run python3");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        text,
        "run-output\nauto\nauto\nauto\n3\npull-notfound\nbuilt\nTrue True True False\n[] {}\n503 True\nready\npy-hello\n0\n",
        "{out:?}"
    );
}

/// A container with the socket bind-mounted runs the docker CLI and sees its siblings.
#[test]
fn the_socket_inside_a_container_lists_its_siblings() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    svc.docker_ok(&["run", "-d", "--name", "sibling", &img, "sleep", "60"]);
    let mount = format!("{}:/var/run/docker.sock", svc.sock.display());
    let out = sk.ok(&[
        "run",
        "--rm",
        "-v",
        &mount,
        "-e",
        "DOCKER_CONFIG=/tmp/dc",
        "--rootfs",
        "/:O",
        "sh",
        "-c",
        // The engine records a container as running once its command runs: a CLI that asks
        // at once may come before that record on a loaded machine, so it asks again.
        "for i in $(seq 50); do n=$(docker ps --format '{{.Names}}') || exit 1; \
         [ $(echo \"$n\" | wc -l) -ge 2 ] && break; sleep 0.2; done; echo \"$n\"",
    ]);
    // It lists its sibling and itself (the container running the CLI is one of the engine's).
    assert!(out.lines().any(|l| l == "sibling"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
    svc.docker_ok(&["rm", "-f", "sibling"]);
}

/// Twenty clients at once, each running a container to its end and creating, starting and
/// removing another, through one service: every one succeeds and nothing is left.
#[test]
fn twenty_clients_at_once_lose_nothing_and_leave_nothing() {
    let _ = require_registry!();
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    let outputs: Vec<(Output, Output, Output, Output)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let (svc, img) = (&svc, &img);
                scope.spawn(move || {
                    let name = format!("c{i}");
                    let ran = svc.docker(&["run", "--rm", img, "echo", &name]);
                    let created = svc.docker(&["create", "--name", &name, img, "sleep", "30"]);
                    let started = svc.docker(&["start", &name]);
                    let removed = svc.docker(&["rm", "-f", &name]);
                    (ran, created, started, removed)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, (ran, created, started, removed)) in outputs.iter().enumerate() {
        assert_eq!(
            (ran.status, ran.stdout.as_str()),
            (0, format!("c{i}\n").as_str()),
            "{ran:?}"
        );
        assert_eq!(created.status, 0, "{created:?}");
        assert_eq!(started.status, 0, "{started:?}");
        assert_eq!(removed.status, 0, "{removed:?}");
    }
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "", "containers were left");
}

/// testcontainers-python (the rig's venv, `$SKIFF_TEST_TESTCONTAINERS`) starts a container
/// with an exposed port, waits for its log line and reads a page through the mapped port, in
/// both of its connection modes for a local socket: `docker_host` (localhost) and
/// `gateway_ip`, the one it takes on a machine with `/.dockerenv` (it then believes it runs in
/// a container and connects to the container's `Gateway`, which the API must show as an
/// address the host reaches). Its reaper (ryuk) image is on Docker Hub, which CI cannot
/// reach, so it is off.
#[test]
fn testcontainers_python_reads_a_mapped_port() {
    let _ = require_registry!();
    let Some(python) = std::env::var_os("SKIFF_TEST_TESTCONTAINERS").filter(|p| !p.is_empty())
    else {
        assert!(
            !crate::harness::in_ci(),
            "SKIFF_TEST_TESTCONTAINERS is not set in a rig run: tests/ci.sh makes the venv"
        );
        crate::harness::skip("no testcontainers venv (SKIFF_TEST_TESTCONTAINERS)");
        return;
    };
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    let script = r#"
import sys, urllib.request
from testcontainers.core.container import DockerContainer
from testcontainers.core.waiting_utils import wait_for_logs
cmd = ["sh", "-c", "mkdir /www; echo tc-hello > /www/index.html; echo ready; exec httpd -f -p 8080 -h /www"]
with DockerContainer(sys.argv[1]).with_command(cmd).with_exposed_ports(8080) as c:
    wait_for_logs(c, "ready", timeout=30)
    url = f"http://{c.get_container_host_ip()}:{c.get_exposed_port(8080)}/"
    print(urllib.request.urlopen(url, timeout=10).read().decode().strip())
"#;
    for mode in ["docker_host", "gateway_ip"] {
        let out = Command::new(&python)
            .args(["-W", "ignore", "-c", script, &img])
            .env("DOCKER_HOST", format!("unix://{}", svc.sock.display()))
            .env("TESTCONTAINERS_RYUK_DISABLED", "true")
            .env("TESTCONTAINERS_CONNECTION_MODE", mode)
            .output()
            .expect("run testcontainers");
        assert!(out.status.success(), "{mode}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "tc-hello\n",
            "{mode}: {out:?}"
        );
    }
    assert_eq!(
        sk.ok(&["ps", "-a", "-q"]),
        "",
        "testcontainers left its container"
    );
}

#[test]
fn docker_build_and_compose_build_through_the_socket() {
    let _ = require_registry!();
    if !have_docker() || !have_compose() {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    let dir = sk.path("project");
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::write(dir.join("app/hello.txt"), "hello from the context\n").unwrap();
    std::fs::write(
        dir.join("app/Dockerfile"),
        format!("FROM {img}\nARG V=1\nCOPY hello.txt /hello.txt\nRUN echo \"v=$V\" > /v\nRUN echo Successfully built numpy\nCMD cat /hello.txt /v\n"),
    )
    .unwrap();
    // The docker CLI's classic builder (the BuildKit one needs buildx and a gRPC session).
    let build = |args: &[&str]| {
        let child = svc
            .docker_cmd(args)
            .env("DOCKER_BUILDKIT", "0")
            .stdin(Stdio::null())
            .spawn()
            .expect("run docker build");
        finish_within(child, Duration::from_secs(180)).expect("docker build finishes")
    };
    let ctx = dir.join("app").display().to_string();
    let out = build(&["build", "--build-arg", "V=5", "-t", "built:1", &ctx]);
    assert_eq!(out.status, 0, "{out:?}");
    // docker's classic builder's last lines: the id, then the tags.
    let tail: Vec<&str> = out.stdout.lines().rev().take(2).collect();
    assert!(
        tail.len() == 2
            && tail[1].starts_with("Successfully built ")
            && tail[0] == "Successfully tagged built:1",
        "{out:?}"
    );
    // A step's own line of that form is its output, which the stream keeps.
    assert!(
        out.stdout.contains("\nSuccessfully built numpy\n"),
        "{out:?}"
    );
    assert_eq!(
        out.stdout
            .lines()
            .filter(|l| l.starts_with("Successfully built "))
            .count(),
        2,
        "{out:?}"
    );
    assert_eq!(
        svc.docker_ok(&["run", "--rm", "built:1"]),
        "hello from the context\nv=5\n"
    );
    // A Dockerfile outside the context: the CLI adds it to the context it sends, which then
    // ends without the tar's end blocks (docker's daemon takes it).
    let outside = dir.join("outside.Dockerfile");
    std::fs::write(
        &outside,
        format!("FROM {img}\nCOPY hello.txt /o.txt\nCMD cat /o.txt\n"),
    )
    .unwrap();
    let out = build(&[
        "build",
        "-f",
        &outside.display().to_string(),
        "-t",
        "outside:1",
        &ctx,
    ]);
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(
        svc.docker_ok(&["run", "--rm", "outside:1"]),
        "hello from the context\n"
    );
    let quiet = build(&["build", "-q", "--build-arg", "V=5", "-t", "built:1", &ctx]);
    let id = sk.ok(&["images", "-q", "--no-trunc", "built:1"]);
    assert_eq!(quiet.stdout.trim(), id.trim(), "{quiet:?}");
    // docker's flags for the RUN steps' containers reach them.
    std::fs::write(
        dir.join("app/Dockerfile.steps"),
        format!("FROM {img}\n{}\n", crate::build::STEP_CHECKS),
    )
    .unwrap();
    let file = format!("{ctx}/Dockerfile.steps");
    let mut args = vec!["build", "-f", &file, "-t", "steps:1"];
    args.extend(crate::build::STEP_FLAGS);
    args.push(&ctx);
    let steps = build(&args);
    assert_eq!(steps.status, 0, "{steps:?}");
    // A failing step: its output, docker's message, its exit code; no container left.
    std::fs::write(
        dir.join("app/Dockerfile.bad"),
        format!("FROM {img}\nRUN echo failing-now; exit 3\n"),
    )
    .unwrap();
    let bad = build(&["build", "-f", &format!("{ctx}/Dockerfile.bad"), &ctx]);
    assert_eq!(bad.status, 3, "{bad:?}");
    assert!(bad.stdout.contains("failing-now"), "{bad:?}");
    assert!(
        bad.stderr.contains("returned a non-zero code: 3"),
        "{bad:?}"
    );
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
    // A Dockerfile that does not parse fails before any step: docker's 400 with the parser's
    // message (docker-py raises APIError, not BuildError), no stream.
    std::fs::write(
        dir.join("app/Dockerfile.unparsed"),
        format!("FROM {img}\nFOO bar\n"),
    )
    .unwrap();
    let tar = sk.path("unparsed.tar");
    let made = Command::new("tar")
        .arg("-cf")
        .arg(&tar)
        .arg("-C")
        .arg(&ctx)
        .args(["Dockerfile.unparsed", "hello.txt"])
        .status()
        .expect("run tar");
    assert!(made.success());
    let post = |query: &str| {
        svc.curl(
            &[
                "-X",
                "POST",
                "-H",
                "Content-Type: application/x-tar",
                "--data-binary",
                &format!("@{}", tar.display()),
            ],
            &format!("/v1.41/build?{query}"),
        )
    };
    let (code, body) = post("dockerfile=Dockerfile.unparsed&t=unparsed:1");
    assert_eq!(code, "400", "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).expect("a JSON error");
    assert!(
        doc["message"]
            .as_str()
            .is_some_and(|m| m.contains("unknown instruction: FOO")),
        "{body}"
    );
    let (code, body) = post("dockerfile=Dockerfile.nosuch");
    assert!(
        code.starts_with('4') || code.starts_with('5'),
        "{code} {body}"
    );
    assert!(
        body.contains("Cannot locate specified Dockerfile: Dockerfile.nosuch"),
        "{body}"
    );
    // The build cache: the steps' unnamed images. `docker system prune` ends with a build
    // prune, which keeps the steps a named image builds on; `builder prune -a` takes them.
    let unnamed = || {
        sk.ok(&["images", "-a", "--format", "{{.Repository}}"])
            .lines()
            .filter(|l| *l == "<none>")
            .count()
    };
    let steps = unnamed();
    assert!(steps > 0, "the build left no step images");
    let pruned = svc.docker_ok(&["system", "prune", "-f"]);
    assert!(pruned.contains("Total reclaimed space"), "{pruned}");
    assert_eq!(
        unnamed(),
        steps,
        "system prune took steps built:1 builds on"
    );
    // An untagged build's result is the user's image, never cache.
    let result = build(&["build", "-q", "--build-arg", "V=6", &ctx]);
    let result = result.stdout.trim().to_string();
    assert!(result.starts_with("sha256:"), "{result}");
    let cached = unnamed();
    svc.docker_ok(&["builder", "prune", "-a", "-f", "--keep-storage", "1g"]);
    assert_eq!(unnamed(), cached, "the cache fits in 1 GB: nothing goes");
    svc.docker_ok(&["builder", "prune", "-a", "-f"]);
    assert_eq!(unnamed(), 1, "builder prune -a left step images");
    svc.docker_ok(&["image", "inspect", &result]);
    assert_eq!(
        svc.docker_ok(&["run", "--rm", "built:1"]),
        "hello from the context\nv=5\n"
    );
    // docker-compose builds a service's image through the same endpoint, then runs it.
    std::fs::write(
        dir.join("docker-compose.yml"),
        "version: \"2.4\"\nservices:\n  app:\n    build:\n      context: ./app\n      args:\n        V: \"7\"\n",
    )
    .unwrap();
    let out = compose(&svc, &dir, &["build"]);
    assert_eq!(out.status, 0, "{out:?}");
    let out = compose(&svc, &dir, &["up", "--no-color"]);
    assert_eq!(out.status, 0, "{out:?}");
    assert!(
        out.stdout.contains("| hello from the context\n") && out.stdout.contains("| v=7\n"),
        "{out:?}"
    );
    compose(&svc, &dir, &["down"]);
}

/// docker-py (and dockerpty, which `docker-compose run` uses with COMPOSE_INTERACTIVE_NO_CLI)
/// attaches stdin, stdout and stderr on three connections of their own before the start:
/// each gets its stream.
#[test]
fn three_attach_connections_before_a_start_each_get_their_stream() {
    let _ = require_registry!();
    if !have_client("/usr/bin/python3", "--version", "python3-docker") {
        return;
    }
    let sk = Skiff::new();
    let svc = Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    let script = r#"
import sys
import docker
api = docker.APIClient(base_url=sys.argv[1])
cid = api.create_container(sys.argv[2], command=["sh", "-c", "read line; echo out-$line; echo err-$line >&2"],
    stdin_open=True)["Id"]
def attach(key):
    s = api.attach_socket(cid, params={key: 1, "stream": 1, "logs": False})
    return getattr(s, "_sock", s)
s_in, s_out, s_err = attach("stdin"), attach("stdout"), attach("stderr")
api.start(cid)
s_in.sendall(b"x\n")
def read_all(s):
    s.settimeout(30)
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            return data
        data += chunk
# docker's frames: stream type, three zeros, length, payload.
print(read_all(s_out)[8:].decode().strip(), read_all(s_err)[8:].decode().strip())
print(api.wait(cid)["StatusCode"])
"#;
    let out = Command::new("/usr/bin/python3")
        .args(["-c", script])
        .arg(format!("unix://{}", svc.sock.display()))
        .arg(&img)
        .output()
        .expect("run python3");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "out-x err-x\n0\n",
        "{out:?}"
    );
}

/// `docker network connect` and `disconnect` through the socket of running containers the
/// service started itself: one on a user-defined network (rootless, it runs in that network's
/// user namespace, which the service cannot enter) and one on the default network, connected
/// to that network (whose holder the service cannot enter either). The service's launcher does
/// both, as the CLI would: the interfaces come and go, and bytes cross by name meanwhile.
#[test]
fn docker_connects_and_disconnects_containers_the_service_started() {
    let _ = require_registry!();
    let Some((sk, svc, img)) = crate::api::service_with_busybox() else {
        return;
    };
    svc.docker_ok(&["network", "create", "svcnet"]);
    #[rustfmt::skip]
    svc.docker_ok(&["run", "-d", "--name", "on", "--network", "svcnet", &img, "sleep", "300"]);
    svc.docker_ok(&["run", "-d", "--name", "off", &img, "sleep", "300"]);
    let interfaces = |name: &str| {
        let dev = sk.ok(&["exec", name, "cat", "/proc/net/dev"]);
        dev.lines()
            .filter(|l| l.trim_start().starts_with("eth"))
            .count()
    };
    assert_eq!((interfaces("on"), interfaces("off")), (1, 0));
    svc.docker_ok(&["network", "connect", "svcnet", "off"]);
    assert_eq!(interfaces("off"), 1);
    let deadline = Instant::now() + Duration::from_secs(10);
    while sk
        .run(&["exec", "off", "ping", "-c", "1", "-W", "1", "on"])
        .status
        != 0
    {
        assert!(Instant::now() < deadline, "off never reached on by name");
    }
    svc.docker_ok(&["network", "disconnect", "svcnet", "on"]);
    assert_eq!(interfaces("on"), 0);
    svc.docker_ok(&["network", "disconnect", "svcnet", "off"]);
    assert_eq!(interfaces("off"), 0);
    let nets = sk.ok(&["inspect", "-f", "{{len .NetworkSettings.Networks}}", "on"]);
    assert_eq!(nets.trim(), "0");
}

/// `docker network connect` through the socket of a running container the CLI started on the
/// default network. Rootless, it runs in a user namespace the service cannot enter, so the
/// service's launcher (still in the user's own namespace) joins it through a relay; as root
/// a veth does. Either way the interface comes, bytes cross by name, and `docker network
/// disconnect` takes the interface away.
#[test]
fn docker_connects_a_running_container_the_cli_started() {
    if !have_docker() {
        return;
    }
    let sk = Skiff::new();
    sk.ok(&["network", "create", "apin"]);
    crate::network::serve(&sk, "db", &["--network", "apin"], &["9300/tcp"]);
    sk.ok(&[
        "run", "-d", "--name", "web", "--rootfs", "/:O", "sleep", "300",
    ]);
    let svc = Service::start(&sk);
    svc.docker_ok(&["network", "connect", "apin", "web"]);
    let dev = sk.ok(&["exec", "web", "cat", "/proc/net/dev"]);
    assert!(dev.contains("eth1:"), "{dev}");
    let deadline = Instant::now() + Duration::from_secs(10);
    let answer = loop {
        let out = sk.ok(&[
            "exec",
            "web",
            "python3",
            "-c",
            crate::networks::CLIENT,
            "db",
            "9300",
        ]);
        if out.starts_with("hello") || Instant::now() > deadline {
            break out;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(answer.starts_with("hello 9300 10.89."), "{answer}");
    let shown = svc.docker_ok(&[
        "inspect",
        "-f",
        "{{.NetworkSettings.Networks.apin.IPAddress}}",
        "web",
    ]);
    assert!(answer.trim().ends_with(shown.trim()), "{answer} / {shown}");
    svc.docker_ok(&["network", "disconnect", "apin", "web"]);
    let dev = sk.ok(&["exec", "web", "cat", "/proc/net/dev"]);
    assert!(!dev.contains("eth1:"), "{dev}");
}
