//! `attach` through the Docker API service to a container that runs already (issue 19): the
//! client's input reaches the container's stdin or tty, a resize reaches its tty, and the
//! detach keys end the session while the container keeps running.

use std::process::Command;

use crate::api::service_with_busybox;

/// A raw client of the service's attach (python3, which the rig installs): it attaches with
/// stdin, asks for a window size through `/resize`, types `stty size` and a marker line, reads
/// until the marker's answer and then types ctrl-p ctrl-q; it prints what it read and whether
/// the service closed the connection after the detach keys.
const TTY_CLIENT: &str = r#"
import socket, sys, time, http.client
path, ctr = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX)
s.connect(path)
s.sendall(("POST /v1.43/containers/%s/attach?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1\r\n"
           "Host: skiff\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n" % ctr).encode())
head = b""
while b"\r\n\r\n" not in head:
    head += s.recv(1)
assert head.startswith(b"HTTP/1.1 101"), head
class Unix(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
r = Unix("skiff")
r.request("POST", "/v1.43/containers/%s/resize?h=33&w=101" % ctr)
assert r.getresponse().status == 200
s.sendall(b"stty size; echo mark-$((6*7))\n")
s.settimeout(20)
seen = b""
while b"mark-42" not in seen.replace(b"mark-$((6*7))", b""):
    chunk = s.recv(4096)
    if not chunk:
        break
    seen += chunk
s.sendall(b"\x10\x11")
closed = False
deadline = time.time() + 10
while time.time() < deadline:
    try:
        if not s.recv(4096):
            closed = True
            break
    except socket.timeout:
        break
print(repr(seen))
print("closed" if closed else "open")
"#;

/// Input through `docker attach` reaches a running container's stdin; when it ends, the
/// attach follows the container to its exit and returns its code.
#[test]
fn docker_attach_sends_input_to_a_running_container() {
    let _ = require_registry!();
    let Some((_sk, svc, img)) = service_with_busybox() else {
        return;
    };
    let script = r#"while read l; do echo "got $l"; [ "$l" = quit ] && exit 7; done; exit 9"#;
    let id = svc.docker_ok(&["run", "-di", &img, "sh", "-c", script]);
    let out = svc.docker_stdin(&["attach", id.trim()], b"hello\nquit\n");
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (7, "got hello\ngot quit\n"),
        "{out:?}"
    );
    svc.docker_ok(&["rm", id.trim()]);
}

/// A raw attach to a running tty container: a resize through `/resize` reaches its tty, typed
/// input runs in its shell, and ctrl-p ctrl-q detaches (the service closes the connection)
/// while the container keeps running.
#[test]
fn api_attach_to_a_running_tty_takes_input_resize_and_detach_keys() {
    let _ = require_registry!();
    let Some((_sk, svc, img)) = service_with_busybox() else {
        return;
    };
    let id = svc.docker_ok(&["run", "-dit", &img, "sh"]);
    let out = Command::new("python3")
        .args(["-c", TTY_CLIENT])
        .arg(&svc.sock)
        .arg(id.trim())
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("33 101"), "the tty's size: {stdout}");
    assert!(stdout.contains("mark-42"), "the shell's answer: {stdout}");
    assert!(stdout.trim_end().ends_with("closed"), "detached: {stdout}");
    let state = svc.docker_ok(&["inspect", "-f", "{{.State.Running}}", id.trim()]);
    assert_eq!(
        state.trim(),
        "true",
        "the container runs on after the detach"
    );
    svc.docker_ok(&["rm", "-f", id.trim()]);
}

/// `docker exec -it` under a terminal, many times: each returns the command's exit code. The
/// docker CLI writes to the connection after the command ended (its input, the terminal's
/// answers); a service that closed the connection with that input unread made the CLI's last
/// read fail with "connection reset by peer", and exit 1 (one run in ten or so).
#[test]
fn docker_exec_it_returns_the_exit_code_every_time() {
    let _ = require_registry!();
    let Some((_sk, svc, img)) = service_with_busybox() else {
        return;
    };
    let id = svc.docker_ok(&["run", "-d", &img, "sleep", "300"]);
    let id = id.trim();
    let line = format!(
        "docker -H unix://{} exec -it {id} sh -c 'echo ttyout; exit 4'",
        svc.sock.display()
    );
    for round in 0..30 {
        let out = Command::new("timeout")
            .args(["60", "script", "-qec", &line, "/dev/null"])
            .env("DOCKER_CONFIG", &svc.config)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("script(1) from util-linux");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.code() == Some(4) && text.contains("ttyout"),
            "round {round}: {:?} {text}",
            out.status
        );
    }
    svc.docker_ok(&["rm", "-f", id]);
}
