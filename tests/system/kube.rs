//! `kube play|down|generate`, against real effects: a played Pod of two containers serves a
//! page on its hostPort built from ConfigMap env and a hostPath file, its containers share the
//! PVC volume and the network; `kube down` removes the containers and keeps the volume, whose
//! data the next play sees; generated YAML passes the Kubernetes OpenAPI schema (the
//! kubernetes-validate venv of the rig, `$SKIFF_TEST_KUBE_VALIDATE`) and plays back as the same
//! workload; init containers run first, in order, and share the pod's emptyDir with the
//! others; Secrets reach env and files; a livenessProbe is the container's healthcheck;
//! hostAliases, dnsConfig, a pod's securityContext and hostNetwork reach the
//! containers; a DaemonSet runs its pod and a Job's pod runs to its end; a missing image and bad YAML are errors that name what is wrong. Root and rootless.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::api_compose::http_get;
use crate::harness::{image, Skiff};
use crate::network::free_port;

/// Runs the rig's `kubernetes-validate --strict` on `file`; a missing validator fails under CI.
fn validate(file: &Path) -> bool {
    let Some(tool) = std::env::var_os("SKIFF_TEST_KUBE_VALIDATE").filter(|p| !p.is_empty()) else {
        assert!(
            !crate::harness::in_ci(),
            "SKIFF_TEST_KUBE_VALIDATE is not set in a rig run: tests/ci.sh makes the venv"
        );
        crate::harness::skip("no kubernetes-validate (SKIFF_TEST_KUBE_VALIDATE)");
        return false;
    };
    let out = Command::new(&tool)
        .args(["--strict", "--kubernetes-version", "1.30.0"])
        .arg(file)
        .output()
        .expect("run kubernetes-validate");
    assert!(
        out.status.success(),
        "kubernetes-validate rejected {}:\n{}\n{}\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(file).unwrap_or_default()
    );
    true
}

/// The body of an HTTP response.
fn body(response: &str) -> &str {
    response.split("\r\n\r\n").nth(1).unwrap_or("").trim()
}

/// Container `name`'s logs once they hold `lines` lines (or after 5 s, as they are then).
fn logs_with_lines(sk: &Skiff, name: &str, lines: usize) -> String {
    let mut seen = String::new();
    for _ in 0..50 {
        seen = sk.ok(&["logs", name]);
        if seen.lines().count() >= lines {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    seen
}

/// A ConfigMap, a PVC and a Pod of two containers: `srv` serves a page made of ConfigMap env,
/// a hostPath file and how many times it started on the PVC; `side` idles beside it. Both end
/// at SIGTERM (a PID 1 ignores it by default), so `kube down` does not wait out the timeout.
fn app_yaml(img: &str, port: u16, host_dir: &Path) -> String {
    format!(
        r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: app-conf
data:
  GREETING: hello-from-configmap
  MODE: test
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: app-data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: srv
    image: {img}
    command: ["sh", "-c"]
    args:
    - mkdir -p /www; echo run >> /data/runs; echo "$GREETING $(cat /host/in.txt) runs=$(wc -l < /data/runs)" > /www/index.html; echo out > /host/out.txt; httpd -p 8080 -h /www; trap 'exit 0' TERM; while :; do sleep 1; done
    env:
    - name: GREETING
      valueFrom:
        configMapKeyRef:
          name: app-conf
          key: GREETING
    envFrom:
    - configMapRef:
        name: app-conf
      prefix: CFG_
    ports:
    - containerPort: 8080
      hostPort: {port}
    volumeMounts:
    - name: data
      mountPath: /data
    - name: host
      mountPath: /host
  - name: side
    image: {img}
    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: app-data
  - name: host
    hostPath:
      path: {host}
      type: Directory
"#,
        host = host_dir.display()
    )
}

#[test]
fn play_down_play_keeps_the_volume_and_its_data() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let host_dir = sk.path("hostdir");
    std::fs::create_dir_all(&host_dir).unwrap();
    std::fs::write(host_dir.join("in.txt"), "from-host").unwrap();
    let port = free_port();
    let file = sk.path("app.yaml");
    std::fs::write(&file, app_yaml(&img, port, &host_dir)).unwrap();
    let file = file.to_str().unwrap();

    let out = sk.ok(&["kube", "play", file]);
    assert!(out.contains("app-data") && out.contains("Pod:"), "{out}");
    // podman's report: the pod's id, its containers' ids, a blank line.
    let pod_id = sk.ok(&["pod", "inspect", "-f", "{{.Id}}", "web"]);
    let pod_id = pod_id.trim();
    assert!(
        out.contains(&format!("Pod:\n{pod_id}\nContainers:\n")) && out.ends_with("\n\n"),
        "{out}"
    );
    sk.ok(&["pod", "exists", "web"]);
    assert_eq!(
        body(&http_get(port)),
        "hello-from-configmap from-host runs=1"
    );
    let names = sk.ok(&["ps", "--format", "{{.Names}}"]);
    let mut names: Vec<&str> = names.lines().filter(|n| !n.ends_with("-infra")).collect();
    names.sort();
    assert_eq!(names, ["web-side", "web-srv"]);
    assert_eq!(sk.ok(&["exec", "web-side", "hostname"]), "web\n");
    assert_eq!(
        sk.ok(&["exec", "web-srv", "sh", "-c", "echo $CFG_MODE"]),
        "test\n"
    );
    // The PVC volume and the network are shared by the pod's containers.
    assert_eq!(sk.ok(&["exec", "web-side", "cat", "/data/runs"]), "run\n");
    let page = sk.ok(&["exec", "web-side", "wget", "-qO-", "http://127.0.0.1:8080/"]);
    assert!(page.starts_with("hello-from-configmap"), "{page}");
    assert_eq!(
        std::fs::read_to_string(host_dir.join("out.txt")).unwrap(),
        "out\n"
    );

    let out = sk.ok(&["kube", "down", file]);
    assert_eq!(
        out,
        format!(
            "Pods stopped:\n{pod_id}\nPods removed:\n{pod_id}\nSecrets removed:\nVolumes removed:\n"
        )
    );
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
    sk.fails(&["pod", "exists", "web"], 1);
    assert!(sk
        .ok(&["volume", "ls", "-q"])
        .lines()
        .any(|v| v == "app-data"));

    // The kept volume comes back with its data (podman 4.3 refuses the existing volume).
    let yaml = std::fs::read(file).unwrap();
    let out = sk.run_with(
        &["play", "kube", "-"],
        Some(&yaml),
        crate::harness::DEFAULT_TIMEOUT,
    );
    assert_eq!(out.status, 0, "play kube -: {}", out.stderr);
    assert_eq!(
        body(&http_get(port)),
        "hello-from-configmap from-host runs=2"
    );
    // A second play of the same file refuses; --replace makes it anew.
    let out = sk.fails(&["kube", "play", file], 125);
    assert!(
        out.stderr.contains("pod web already exists") && out.stderr.contains("kube down"),
        "{}",
        out.stderr
    );
    // podman's --publish moves the YAML's port 8080 to another host port.
    let moved = free_port();
    let publish = format!("127.0.0.1:{moved}:8080");
    sk.ok(&["kube", "play", "--replace", "--publish", &publish, file]);
    assert_eq!(
        body(&http_get(moved)),
        "hello-from-configmap from-host runs=3"
    );
    // The ConfigMap from a file of its own (`--configmap`); down needs only the pod's YAML.
    let text = String::from_utf8(yaml).unwrap();
    let (map, rest) = text.split_once("---\n").unwrap();
    let (maps, pod) = (sk.path("maps.yaml"), sk.path("pod.yaml"));
    std::fs::write(
        &maps,
        map.replace("hello-from-configmap", "hello-from-file"),
    )
    .unwrap();
    std::fs::write(&pod, rest).unwrap();
    let (maps, pod) = (maps.to_str().unwrap(), pod.to_str().unwrap());
    let out = sk.fails(&["kube", "play", "--replace", pod], 125);
    assert!(out.stderr.contains("--configmap FILE"), "{}", out.stderr);
    sk.fails(&["kube", "play", "--replace", "--configmap", pod, pod], 125);
    sk.ok(&["kube", "play", "--replace", "--configmap", maps, pod]);
    assert_eq!(body(&http_get(port)), "hello-from-file from-host runs=4");
    // --force takes the volumes of the file's PersistentVolumeClaims, not one its pod only
    // mounts.
    let pod_only = sk.path("pod-only.yaml");
    std::fs::write(&pod_only, rest.split_once("---\n").unwrap().1).unwrap();
    let out = sk.ok(&["kube", "down", "--force", pod_only.to_str().unwrap()]);
    assert!(out.ends_with("Volumes removed:\n"), "{out}");
    assert!(sk
        .ok(&["volume", "ls", "-q"])
        .lines()
        .any(|v| v == "app-data"));
    // podman 4's spelling of down: `kube play --down`.
    let out = sk.ok(&["kube", "play", "--down", "--force", pod]);
    assert!(out.ends_with("Volumes removed:\napp-data\n"), "{out}");
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
    assert!(!sk
        .ok(&["volume", "ls", "-q"])
        .lines()
        .any(|v| v == "app-data"));
}

#[test]
fn generate_validates_and_plays_back_the_same_workload() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let host_dir = sk.path("site");
    std::fs::create_dir_all(&host_dir).unwrap();
    std::fs::write(host_dir.join("index.html"), "round-trip\n").unwrap();
    let port = free_port();
    let publish = format!("{port}:8080");
    let bind = format!("{}:/www:ro", host_dir.display());
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "gen",
        "-p",
        &publish,
        "-v",
        &bind,
        "-v",
        "gen-vol:/data",
        "-e",
        "WHO=skiff",
        "--memory",
        "64m",
        "--cap-add",
        "NET_ADMIN",
        "--restart",
        "always",
        &img,
        "httpd",
        "-f",
        "-p",
        "8080",
        "-h",
        "/www",
    ]);
    assert_eq!(body(&http_get(port)), "round-trip");

    let yaml = sk.ok(&["kube", "generate", "gen"]);
    for want in [
        "apiVersion: v1",
        "kind: Pod",
        "name: gen-pod",
        "app: gen-pod",
        "name: gen\n",
        "claimName: gen-vol",
        "hostPort",
        "memory: 64Mi",
        "NET_ADMIN",
        "restartPolicy: Always",
    ] {
        assert!(yaml.contains(want), "no {want:?} in\n{yaml}");
    }
    let file = sk.path("gen.yaml");
    std::fs::write(&file, &yaml).unwrap();
    validate(&file);
    for extra in [&["--type", "deployment"][..], &["--service"]] {
        let other = sk.path("other.yaml");
        let mut args = vec!["kube", "generate", "-f", other.to_str().unwrap()];
        args.extend_from_slice(extra);
        args.push("gen");
        sk.ok(&args);
        validate(&other);
    }

    sk.ok(&["rm", "-f", "gen"]);
    sk.ok(&["kube", "play", file.to_str().unwrap()]);
    assert_eq!(body(&http_get(port)), "round-trip");
    assert_eq!(
        sk.inspect(
            "gen-pod-gen",
            "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}}"
        ),
        "always 67108864"
    );
    assert_eq!(
        sk.ok(&["exec", "gen-pod-gen", "sh", "-c", "echo $WHO"]),
        "skiff\n"
    );
    sk.ok(&["exec", "gen-pod-gen", "touch", "/data/kept"]);
    sk.ok(&["kube", "down", file.to_str().unwrap()]);
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
    assert!(sk
        .ok(&["volume", "ls", "-q"])
        .lines()
        .any(|v| v == "gen-vol"));
}

#[test]
fn generate_from_a_pod_validates_and_plays_back() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let site = sk.path("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("index.html"), "from-a-pod\n").unwrap();
    let port = free_port();
    let publish = format!("{port}:8080");
    let bind = format!("{}:/www:ro", site.display());
    sk.ok(&["pod", "create", "--name", "pp", "-p", &publish]);
    sk.ok(&[
        "run", "-d", "--pod", "pp", "--name", "pp-srv", "-v", &bind, &img, "httpd", "-f", "-p",
        "8080", "-h", "/www",
    ]);
    sk.ok(&[
        "run", "-d", "--pod", "pp", "--name", "helper", &img, "sleep", "1000",
    ]);
    assert_eq!(body(&http_get(port)), "from-a-pod");
    let yaml = sk.ok(&["kube", "generate", "pp"]);
    for want in [
        "name: pp\n",
        "app: pp",
        "- name: srv\n",
        "- name: helper\n",
        "hostPort",
    ] {
        assert!(yaml.contains(want), "no {want:?} in\n{yaml}");
    }
    assert!(!yaml.contains("infra"), "{yaml}");
    let file = sk.path("pp.yaml");
    std::fs::write(&file, &yaml).unwrap();
    validate(&file);

    sk.ok(&["pod", "rm", "-f", "pp"]);
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
    sk.ok(&["kube", "play", file.to_str().unwrap()]);
    assert_eq!(body(&http_get(port)), "from-a-pod");
    let page = sk.ok(&[
        "exec",
        "pp-helper",
        "wget",
        "-qO-",
        "http://127.0.0.1:8080/",
    ]);
    assert_eq!(page, "from-a-pod\n");
    sk.ok(&["kube", "down", file.to_str().unwrap()]);
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn a_missing_image_is_an_error_naming_it() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let missing = image("no-such-image:1");
    let file = sk.path("missing.yaml");
    std::fs::write(
        &file,
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: m\nspec:\n  containers:\n  - name: a\n    \
             image: {}\n  - name: b\n    image: {missing}\n",
            image("busybox:latest")
        ),
    )
    .unwrap();
    let out = sk.fails(&["kube", "play", file.to_str().unwrap()], 125);
    assert!(
        out.stderr.contains("image") && out.stderr.contains(&missing),
        "{}",
        out.stderr
    );
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn bad_yaml_names_the_document_and_field() {
    let sk = Skiff::new();
    let file = sk.path("bad.yaml");
    std::fs::write(
        &file,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Pod\n\
         metadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: busybox\n    ports:\n    \
         - containerPort: http\n",
    )
    .unwrap();
    let out = sk.fails(&["kube", "play", file.to_str().unwrap()], 125);
    assert!(
        out.stderr.contains("document 2 (Pod p)")
            && out
                .stderr
                .contains("spec.containers[0].ports[0].containerPort"),
        "{}",
        out.stderr
    );
    std::fs::write(&file, "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: busybox\n    volumeMounts: [{name: v, mountPath: /v}]\n").unwrap();
    let out = sk.fails(&["kube", "down", file.to_str().unwrap()], 125);
    assert!(
        out.stderr
            .contains("\"v\" is not in the pod's spec.volumes"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_deployment_with_replicas_plays_one_pod_and_warns() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let file = sk.path("replicas.yaml");
    std::fs::write(
        &file,
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: rep}}\nspec:\n  replicas: 3\n  \
             selector: {{matchLabels: {{app: rep}}}}\n  template:\n    metadata: {{labels: {{app: rep}}}}\n    \
             spec:\n      containers:\n      - name: a\n        image: {}\n        command: [sleep, '60']\n",
            image("busybox:latest")
        ),
    )
    .unwrap();
    let out = sk.run(&["kube", "play", "--start=false", file.to_str().unwrap()]);
    assert_eq!(out.status, 0, "kube play: {}", out.stderr);
    assert!(
        out.stderr
            .contains("Warning: Deployment rep asks for 3 replicas")
            && out.stderr.contains("only one replica"),
        "{}",
        out.stderr
    );
    assert_eq!(sk.ok(&["pod", "ps", "-q"]).lines().count(), 1);
    assert_eq!(
        sk.ok(&["ps", "-a", "--format", "{{.Names}}"])
            .lines()
            .filter(|l| !l.ends_with("-infra"))
            .count(),
        1
    );
    sk.ok(&["kube", "down", file.to_str().unwrap()]);
}

#[test]
fn play_s_pod_flags_reach_the_pods_and_their_containers() {
    let _ = require_registry!();
    let sk = Skiff::new();
    sk.ok(&["network", "create", "--subnet", "10.86.0.0/24", "kubenet"]);
    let file = sk.path("flags.yaml");
    std::fs::write(
        &file,
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: flagged}}\nspec:\n  containers:\n  \
             - name: web\n    image: {}\n    command: [sleep, '60']\n",
            image("busybox:latest")
        ),
    )
    .unwrap();
    #[rustfmt::skip]
    sk.ok(&["kube", "play", "--network", "kubenet", "--ip", "10.86.0.77", "--mac-address",
        "92:d0:c6:0a:29:33", "--log-driver", "k8s-file", "--annotation", "team=infra",
        file.to_str().unwrap()]);
    let ctr = "flagged-web";
    let inside = sk.ok(&["exec", ctr, "ip", "-o", "addr", "show", "eth0"]);
    assert!(inside.contains("inet 10.86.0.77/24"), "{inside}");
    let link = sk.ok(&["exec", ctr, "cat", "/sys/class/net/eth0/address"]);
    assert_eq!(link.trim(), "92:d0:c6:0a:29:33");
    assert_eq!(
        sk.inspect(ctr, "{{.HostConfig.LogConfig.Type}}"),
        "k8s-file"
    );
    assert_eq!(
        sk.inspect(ctr, "{{index .Config.Annotations \"team\"}}"),
        "infra"
    );
    sk.ok(&["kube", "down", file.to_str().unwrap()]);
    sk.ok(&["network", "rm", "kubenet"]);
}

/// podman's `kube play --build`: an image named after a directory beside the YAML file (or in
/// `--context-dir`) holding a Containerfile is built when it is not stored, always with
/// `--build`, never with `--build=false`.
#[test]
fn play_build_makes_an_image_from_the_directory_named_after_it() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let base = image("busybox:latest");
    let dir = sk.path("kb");
    std::fs::create_dir_all(dir.join("app")).unwrap();
    let containerfile = |word: &str| {
        // Ends at the stop's SIGTERM, so each `kube down` is quick.
        format!(
            "FROM {base}\nRUN echo {word} > /built\nCMD [\"sh\", \"-c\", \"cat /built; trap 'exit 0' TERM; while :; do sleep 0.1; done\"]\n"
        )
    };
    std::fs::write(dir.join("app/Containerfile"), containerfile("first")).unwrap();
    let yaml = dir.join("pod.yaml");
    std::fs::write(
        &yaml,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kb\nspec:\n  containers:\n  - name: web\n    image: localhost/app:latest\n",
    )
    .unwrap();
    let file = yaml.display().to_string();
    let logs = |sk: &Skiff| {
        sk.wait_for(
            "kb-web",
            "{{.State.Status}}",
            "running",
            std::time::Duration::from_secs(10),
        );
        for _ in 0..50 {
            let out = sk.ok(&["logs", "kb-web"]);
            if !out.is_empty() {
                return out;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        String::new()
    };
    // --build=false: nothing is built, and the image is in no registry.
    sk.fails(&["kube", "play", "-q", "--build=false", &file], 125);
    sk.ok(&["kube", "down", &file]);
    sk.ok(&["kube", "play", "-q", &file]);
    assert_eq!(logs(&sk), "first\n");
    sk.ok(&["kube", "down", &file]);
    // Stored now: not built again by default; --build rebuilds it.
    std::fs::write(dir.join("app/Containerfile"), containerfile("second")).unwrap();
    sk.ok(&["kube", "play", "-q", &file]);
    assert_eq!(logs(&sk), "first\n");
    sk.ok(&["kube", "down", &file]);
    sk.ok(&["kube", "play", "-q", "--build", &file]);
    assert_eq!(logs(&sk), "second\n");
    sk.ok(&["kube", "down", &file]);
    // --context-dir: the directories are there, not beside the YAML file.
    let other = sk.path("ctxdir");
    std::fs::create_dir_all(other.join("app")).unwrap();
    std::fs::write(other.join("app/Dockerfile"), containerfile("third")).unwrap();
    let ctx = other.display().to_string();
    sk.ok(&[
        "kube",
        "play",
        "-q",
        "--build",
        "--context-dir",
        &ctx,
        &file,
    ]);
    assert_eq!(logs(&sk), "third\n");
    sk.ok(&["kube", "down", &file]);
}

#[test]
fn init_containers_run_first_and_share_the_pod_s_empty_dir() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: site\nspec:\n  initContainers:\n  \
         - name: prep\n    image: {img}\n    command: [sh, -c, 'echo prepared > /work/index.html']\n    \
         volumeMounts: [{{name: work, mountPath: /work}}]\n  - name: second\n    image: {img}\n    \
         command: [sh, -c, 'echo second >> /work/index.html']\n    \
         volumeMounts: [{{name: work, mountPath: /work}}]\n  containers:\n  - name: web\n    \
         image: {img}\n    command: [sh, -c, 'cat /work/index.html; sleep 300']\n    \
         volumeMounts: [{{name: work, mountPath: /work}}]\n  - name: side\n    image: {img}\n    \
         command: [sleep, '300']\n    securityContext: {{runAsUser: 1000}}\n    volumeMounts: [{{name: work, mountPath: /w}}]\n  \
         volumes:\n  - name: work\n    emptyDir: {{}}\n"
    );
    let file = sk.path("site.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let file = file.to_str().unwrap();
    sk.ok(&["kube", "play", file]);
    // The init containers ran in order before the others (and, `once`, are gone); the
    // emptyDir is the pod's: what they wrote, every container sees.
    let names = sk.ok(&["ps", "-a", "--format", "{{.Names}}", "--filter", "pod=site"]);
    let mut names: Vec<&str> = names.lines().filter(|n| !n.ends_with("-infra")).collect();
    names.sort();
    assert_eq!(names, ["site-side", "site-web"]);
    let logs = sk.wait_for(
        "site-web",
        "{{.State.Status}}",
        "running",
        Duration::from_secs(10),
    );
    assert_eq!(logs, "running");
    assert_eq!(logs_with_lines(&sk, "site-web", 2), "prepared\nsecond\n");
    assert_eq!(
        sk.ok(&["exec", "site-side", "cat", "/w/index.html"]),
        "prepared\nsecond\n"
    );
    // Any user of the pod may write in it, as in Kubernetes.
    sk.ok(&["exec", "site-side", "sh", "-c", "id -u; touch /w/by-1000"]);
    let owner = sk.ok(&["exec", "site-web", "stat", "-c", "%u", "/work/by-1000"]);
    assert_eq!(owner, "1000\n");
    let state = sk.ok(&["pod", "inspect", "--format", "{{.State}}", "site"]);
    assert_eq!(state, "Running\n");
    // Generated back: the emptyDir again, no host path; the init containers ran once.
    let back = sk.ok(&["kube", "generate", "site"]);
    assert!(back.contains("emptyDir: {}"), "{back}");
    assert!(!back.contains("hostPath"), "{back}");
    assert!(!back.contains("initContainers"), "{back}");
    sk.ok(&["kube", "down", file]);
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
    // A failing init container: the pod's other containers do not start, the play fails.
    let failing = yaml.replace("echo second >> /work/index.html", "exit 7");
    std::fs::write(sk.path("fail.yaml"), failing).unwrap();
    let out = sk.fails(
        &["kube", "play", sk.path("fail.yaml").to_str().unwrap()],
        125,
    );
    assert!(
        out.stderr
            .contains("init container site-second exited with code 7"),
        "{out:?}"
    );
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn secrets_reach_env_and_files_and_stay_the_owner_s() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let yaml = format!(
        "apiVersion: v1\nkind: Secret\nmetadata: {{name: creds}}\ndata: {{password: aHVudGVyMg==}}\n\
         stringData: {{user: admin}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: sp}}\n\
         spec:\n  containers:\n  - name: c\n    image: {img}\n    \
         command: [sh, -c, 'echo $PASS; cat /etc/creds/user; sleep 300']\n    env:\n    \
         - name: PASS\n      valueFrom: {{secretKeyRef: {{name: creds, key: password}}}}\n    \
         volumeMounts: [{{name: cv, mountPath: /etc/creds}}]\n  volumes:\n  - name: cv\n    \
         secret: {{secretName: creds}}\n"
    );
    let file = sk.path("sp.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let file = file.to_str().unwrap();
    sk.ok(&["kube", "play", file]);
    assert_eq!(logs_with_lines(&sk, "sp-c", 2), "hunter2\nadmin");
    // On the host, the pod's files are in a directory only their owner enters.
    use std::os::unix::fs::PermissionsExt;
    let dir = sk.root().join("kube/sp");
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{}", dir.display());
    sk.ok(&["kube", "down", file]);
    assert!(!dir.exists());
}

#[test]
fn a_liveness_probe_is_the_container_s_healthcheck() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: hp}}\nspec:\n  containers:\n  - name: ok\n    \
         image: {img}\n    command: [sleep, '300']\n    livenessProbe:\n      \
         exec: {{command: [test, -d, /]}}\n      periodSeconds: 1\n  - name: bad\n    \
         image: {img}\n    command: [sleep, '300']\n    livenessProbe:\n      \
         tcpSocket: {{port: 9}}\n      periodSeconds: 1\n      failureThreshold: 1\n"
    );
    let file = sk.path("hp.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let file = file.to_str().unwrap();
    sk.ok(&["kube", "play", file]);
    let status = "{{.State.Health.Status}}";
    let limit = Duration::from_secs(20);
    assert_eq!(sk.wait_for("hp-ok", status, "healthy", limit), "healthy");
    // Nothing listens on port 9: busybox's nc fails, the container is unhealthy.
    assert_eq!(
        sk.wait_for("hp-bad", status, "unhealthy", limit),
        "unhealthy"
    );
    assert_eq!(
        sk.inspect("hp-bad", "{{json .Config.Healthcheck.Test}}"),
        r#"["CMD-SHELL","nc -z -v localhost 9 || exit 1"]"#
    );
    sk.ok(&["kube", "down", file]);
}

#[test]
fn host_aliases_dns_config_and_the_pod_s_user_reach_the_containers() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: pa}}\nspec:\n  hostAliases:\n  \
         - {{ip: 10.9.8.7, hostnames: [db, db.local]}}\n  dnsConfig:\n    \
         searches: [corp.example]\n    options: [{{name: ndots, value: '2'}}]\n  \
         securityContext: {{runAsUser: 1000, runAsGroup: 100}}\n  containers:\n  - name: c\n    \
         image: {img}\n    command: [sh, -c, 'id -u; id -g; grep 10.9.8.7 /etc/hosts; \
         grep -E \"^(search|options)\" /etc/resolv.conf; sleep 300']\n"
    );
    let file = sk.path("pa.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let file = file.to_str().unwrap();
    sk.ok(&["kube", "play", file]);
    assert_eq!(
        logs_with_lines(&sk, "pa-c", 6),
        "1000\n100\n10.9.8.7\tdb\n10.9.8.7\tdb.local\nsearch corp.example\noptions ndots:2\n"
    );
    sk.ok(&["kube", "down", file]);
}

/// A DaemonSet plays as one running pod, a Job as a pod whose container runs to its end once
/// (its restartPolicy Never by default); `kube down` removes both.
#[test]
fn a_daemon_set_runs_and_a_job_runs_to_its_end() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let yaml = format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: agent}}\nspec:\n  \
         selector: {{matchLabels: {{app: agent}}}}\n  template:\n    \
         metadata: {{labels: {{app: agent}}}}\n    spec:\n      containers:\n      \
         - {{name: c, image: {img}, command: [sleep, '300']}}\n---\n\
         apiVersion: batch/v1\nkind: Job\nmetadata: {{name: once}}\nspec:\n  template:\n    \
         spec:\n      containers:\n      - {{name: c, image: {img}, command: [echo, job-done]}}\n"
    );
    let file = sk.path("jobs.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let file = file.to_str().unwrap();
    sk.ok(&["kube", "play", file]);
    let done = "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}";
    let seen = sk.wait_for("once-pod-c", done, "exited 0 0", Duration::from_secs(30));
    assert_eq!(seen, "exited 0 0");
    assert_eq!(logs_with_lines(&sk, "once-pod-c", 1), "job-done\n");
    let agent = sk.inspect("agent-pod-c", "{{.State.Status}}");
    assert_eq!(agent, "running");
    sk.ok(&["kube", "down", file]);
    assert_eq!(sk.ok(&["pod", "ps", "-q"]), "");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

/// A pod on the host's network: its containers see the host's interfaces (root and rootless).
#[test]
fn host_network_gives_the_pod_the_host_s_interfaces() {
    let _ = require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: ph}}\nspec:\n  hostNetwork: true\n  \
         containers:\n  - name: c\n    image: {img}\n    \
         command: [sh, -c, 'ls /sys/class/net; sleep 300']\n"
    );
    let file = sk.path("ph.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let file = file.to_str().unwrap();
    sk.ok(&["kube", "play", file]);
    let mut host: Vec<String> = std::fs::read_dir("/sys/class/net")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    host.sort();
    let seen = logs_with_lines(&sk, "ph-c", host.len());
    let mut seen: Vec<&str> = seen.lines().collect();
    seen.sort();
    assert_eq!(seen, host);
    sk.ok(&["kube", "down", file]);
}
