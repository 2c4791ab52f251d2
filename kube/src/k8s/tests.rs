use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

const APP: &str = r#"
apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
data:
  GREETING: hello
  COUNT: 3
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  restartPolicy: OnFailure
  containers:
  - name: srv
    image: busybox
    command: ["httpd", "-f"]
    args: ["-p", "80"]
    env:
    - name: FROM_MAP
      valueFrom:
        configMapKeyRef: {name: conf, key: GREETING}
    - name: PLAIN
      value: 7
    envFrom:
    - configMapRef: {name: conf}
      prefix: C_
    ports:
    - containerPort: 80
      hostPort: 8080
    - containerPort: 53
      hostPort: 5353
      protocol: UDP
    volumeMounts:
    - {name: d, mountPath: /data}
    - {name: h, mountPath: /host, readOnly: true}
    - {name: files, mountPath: /etc/conf}
    resources:
      limits: {cpu: 500m, memory: 64Mi}
      requests: {memory: 32Mi}
    securityContext:
      runAsUser: 1000
      runAsGroup: 100
      capabilities: {add: [NET_ADMIN], drop: [ALL]}
      readOnlyRootFilesystem: true
  - name: side
    image: busybox
    workingDir: /tmp
  volumes:
  - name: d
    persistentVolumeClaim: {claimName: data}
  - name: h
    hostPath: {path: /srv, type: DirectoryOrCreate}
  - name: files
    configMap:
      name: conf
      items: [{key: GREETING, path: greeting.txt}]
"#;

#[test]
fn plays_a_pod_with_config_map_and_claim() {
    let plan = plan(&read_documents(APP).unwrap()).unwrap();
    assert_eq!(plan.volumes, vec!["data".to_string()]);
    let pod = &plan.pods[0];
    assert_eq!(pod.name, "web");
    assert_eq!(pod.restart, "on-failure");
    assert_eq!(pod.ports.len(), 2);
    assert_eq!(pod.ports[1].protocol, "udp");
    let srv = &pod.containers[0];
    assert_eq!(srv.name, "web-srv");
    assert_eq!(
        srv.entrypoint.as_deref(),
        Some(&["httpd".to_string(), "-f".into()][..])
    );
    assert_eq!(
        srv.env,
        vec!["C_COUNT=3", "C_GREETING=hello", "FROM_MAP=hello", "PLAIN=7"]
    );
    assert_eq!(srv.user.as_deref(), Some("1000:100"));
    assert_eq!(srv.cap_add, vec!["CAP_NET_ADMIN"]);
    assert_eq!(srv.cap_drop, vec!["ALL"]);
    assert!(srv.read_only);
    assert_eq!(srv.memory, Some(64 << 20));
    assert_eq!(srv.memory_reservation, Some(32 << 20));
    assert_eq!(srv.nano_cpus, Some(500_000_000));
    assert_eq!(srv.mounts[0].source, MountSource::Volume("data".into()));
    assert_eq!(
        srv.mounts[1].source,
        MountSource::HostPath {
            path: "/srv".into(),
            create_dir: true
        }
    );
    assert!(srv.mounts[1].read_only);
    assert_eq!(
        srv.mounts[2].source,
        MountSource::Files {
            volume: "files".into(),
            files: vec![("greeting.txt".into(), "hello".into())]
        }
    );
    assert_eq!(pod.containers[1].workdir.as_deref(), Some("/tmp"));
}

#[test]
fn a_deployment_plays_as_name_pod() {
    let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  \
                template:\n    spec:\n      containers: [{name: c, image: busybox}]\n";
    let plan = plan(&read_documents(yaml).unwrap()).unwrap();
    assert_eq!(plan.pods[0].name, "app-pod");
    assert_eq!(plan.pods[0].containers[0].name, "app-pod-c");
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn a_daemon_set_and_a_job_play_as_name_pod_the_job_s_run_to_their_end() {
    let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  \
                selector: {matchLabels: {app: agent}}\n  updateStrategy: {type: RollingUpdate}\n  \
                template:\n    metadata: {labels: {app: agent}}\n    \
                spec:\n      containers: [{name: c, image: busybox}]\n---\n\
                apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec:\n  \
                backoffLimit: 2\n  template:\n    \
                spec:\n      containers: [{name: c, image: busybox}]\n---\n\
                apiVersion: batch/v1\nkind: Job\nmetadata: {name: retry}\nspec:\n  \
                template:\n    spec:\n      restartPolicy: OnFailure\n      \
                containers: [{name: c, image: busybox}]\n";
    let plan = plan(&read_documents(yaml).unwrap()).unwrap();
    let pods: Vec<(&str, &str)> = plan
        .pods
        .iter()
        .map(|p| (p.name.as_str(), p.restart.as_str()))
        .collect();
    assert_eq!(
        pods,
        [
            ("agent-pod", "always"),
            ("once-pod", "no"),
            ("retry-pod", "on-failure")
        ]
    );
    assert_eq!(plan.pods[1].containers[0].name, "once-pod-c");
    let always = "kind: Job\nmetadata: {name: j}\nspec: {template: {spec: \
                  {restartPolicy: Always, containers: [{name: a, image: b}]}}}\n";
    let err = plan_error(always);
    assert!(
        err.contains("Job j") && err.contains("Never or OnFailure"),
        "{err}"
    );
}

/// The message of the plan error `yaml` gives.
fn plan_error(yaml: &str) -> String {
    plan(&read_documents(yaml).unwrap())
        .unwrap_err()
        .to_string()
}

#[test]
fn init_containers_play_first_once_by_default_and_generate_back_as_always() {
    let yaml = "kind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - {name: prep, \
                image: busybox, ports: [{containerPort: 1, hostPort: 8001}]}\n  containers:\n  \
                - {name: web, image: busybox, ports: [{containerPort: 80, hostPort: 8080}]}\n";
    let played = plan(&read_documents(yaml).unwrap()).unwrap();
    let pod = &played.pods[0];
    let kinds: Vec<_> = pod
        .containers
        .iter()
        .map(|c| (c.short_name.as_str(), c.init))
        .collect();
    assert_eq!(kinds, [("prep", Some(InitKind::Once)), ("web", None)]);
    // Only the regular container's ports are the pod's.
    assert_eq!(pod.ports.len(), 1);
    assert_eq!(pod.ports[0].host_port, 8080);
    // podman's annotation makes them `always`; another value is refused.
    let always = yaml.replace(
        "metadata: {name: p}",
        &format!("metadata: {{name: p, annotations: {{{INIT_TYPE_ANNOTATION}: always}}}}"),
    );
    let played = plan(&read_documents(&always).unwrap()).unwrap();
    assert_eq!(played.pods[0].containers[0].init, Some(InitKind::Always));
    let bad = yaml.replace(
        "metadata: {name: p}",
        &format!("metadata: {{name: p, annotations: {{{INIT_TYPE_ANNOTATION}: twice}}}}"),
    );
    let err = plan(&read_documents(&bad).unwrap()).unwrap_err();
    assert!(err.to_string().contains("use once or always"), "{err}");
    // Generated: an initContainers entry with the annotation, so it plays back the same.
    let yaml = generate_yaml(&played.pods, GenerateKind::Pod, false, "test").unwrap();
    assert!(yaml.contains("initContainers:"), "{yaml}");
    let back = plan(&read_documents(&yaml).unwrap()).unwrap();
    let kinds: Vec<_> = back.pods[0].containers.iter().map(|c| c.init).collect();
    assert_eq!(kinds, [Some(InitKind::Always), None]);
}

#[test]
fn secrets_reach_env_env_from_and_files_decoded() {
    let yaml =
        "kind: Secret\nmetadata: {name: creds}\ndata: {password: aHVudGVyMg==, user: eA==}\n\
                stringData: {user: admin}\n---\nkind: Pod\nmetadata: {name: p}\nspec:\n  \
                containers:\n  - name: c\n    image: b\n    envFrom: [{secretRef: {name: creds}, \
                prefix: S_}]\n    env:\n    - name: PASS\n      valueFrom: {secretKeyRef: \
                {name: creds, key: password}}\n    volumeMounts: [{name: v, mountPath: /s}]\n  \
                volumes:\n  - name: v\n    secret: {secretName: creds, items: [{key: user, \
                path: u}]}\n";
    let played = plan(&read_documents(yaml).unwrap()).unwrap();
    let c = &played.pods[0].containers[0];
    assert_eq!(
        c.env,
        ["S_password=hunter2", "S_user=admin", "PASS=hunter2"]
    );
    assert_eq!(
        c.mounts[0].source,
        MountSource::Files {
            volume: "v".into(),
            files: vec![("u".into(), "admin".into())]
        }
    );
    // A missing Secret, a missing key, bad base64: errors that say so.
    let missing = yaml.replace("name: creds, key", "name: nope, key");
    let err = plan(&read_documents(&missing).unwrap()).unwrap_err();
    assert!(
        err.to_string()
            .contains("Secret \"nope\" is not in the file"),
        "{err}"
    );
    let no_key = yaml.replace("key: password", "key: nokey");
    let err = plan(&read_documents(&no_key).unwrap()).unwrap_err();
    assert!(
        err.to_string()
            .contains("Secret \"creds\" has no key \"nokey\""),
        "{err}"
    );
    let bad = yaml.replace("aHVudGVyMg==", "'%%'");
    let err = plan(&read_documents(&bad).unwrap()).unwrap_err();
    assert!(
        err.to_string().contains("data.password: not base64"),
        "{err}"
    );
}

#[test]
fn liveness_probes_become_healthchecks_as_podman_makes_them() {
    let pod = |probe: &str| {
        format!(
            "kind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - name: c\n    image: b\n    \
             ports: [{{name: web, containerPort: 8080}}]\n    livenessProbe: {probe}\n"
        )
    };
    let health = |probe: &str| {
        plan(&read_documents(&pod(probe)).unwrap()).map(|p| p.pods[0].containers[0].health.clone())
    };
    let h = health("{exec: {command: [test, -f, /ok]}, periodSeconds: 5, initialDelaySeconds: 7}")
        .unwrap()
        .unwrap();
    assert_eq!(h.test, ["CMD", "test", "-f", "/ok"]);
    assert_eq!(
        (h.interval, h.timeout, h.retries, h.start_period),
        (5, 1, 3, 7)
    );
    let h = health("{httpGet: {path: /healthz, port: web}, failureThreshold: 2}")
        .unwrap()
        .unwrap();
    assert_eq!(
        h.test,
        [
            "CMD-SHELL",
            "curl -f http://localhost:8080/healthz || exit 1"
        ]
    );
    assert_eq!(h.retries, 2);
    let h = health("{tcpSocket: {port: 5432}}").unwrap().unwrap();
    assert_eq!(h.test, ["CMD-SHELL", "nc -z -v localhost 5432 || exit 1"]);
    let err = health("{httpGet: {port: nosuch}}").unwrap_err();
    assert!(err.to_string().contains("livenessProbe: port"), "{err}");
    let err = health("{periodSeconds: 3}").unwrap_err();
    assert!(
        err.to_string().contains("give exec, httpGet or tcpSocket"),
        "{err}"
    );
    // Generated back as an exec probe that plays the same check.
    let played = plan(&read_documents(&pod("{tcpSocket: {port: 5432}}")).unwrap()).unwrap();
    let yaml = generate_yaml(&played.pods, GenerateKind::Pod, false, "test").unwrap();
    let back = plan(&read_documents(&yaml).unwrap()).unwrap();
    let h = back.pods[0].containers[0].health.clone().unwrap();
    assert_eq!(
        h.test,
        ["CMD", "/bin/sh", "-c", "nc -z -v localhost 5432 || exit 1"]
    );
}

#[test]
fn field_refs_give_the_pod_s_name_namespace_labels_and_annotations() {
    let yaml =
        "kind: Pod\nmetadata: {name: p, labels: {tier: web}, annotations: {a: b}}\nspec:\n  \
                containers:\n  - name: c\n    image: b\n    env:\n    - {name: N, valueFrom: \
                {fieldRef: {fieldPath: metadata.name}}}\n    - {name: NS, valueFrom: {fieldRef: \
                {fieldPath: metadata.namespace}}}\n    - {name: T, valueFrom: {fieldRef: \
                {fieldPath: \"metadata.labels['tier']\"}}}\n    - {name: A, valueFrom: {fieldRef: \
                {fieldPath: \"metadata.annotations['a']\"}}}\n";
    let played = plan(&read_documents(yaml).unwrap()).unwrap();
    assert_eq!(
        played.pods[0].containers[0].env,
        ["N=p", "NS=default", "T=web", "A=b"]
    );
    let bad = yaml.replace("metadata.namespace", "status.podIP");
    let err = plan(&read_documents(&bad).unwrap()).unwrap_err();
    assert!(
        err.to_string()
            .contains("fieldPath \"status.podIP\" is not supported"),
        "{err}"
    );
    let other = yaml.replace(
        "{fieldRef: {fieldPath: metadata.name}}",
        "{resourceFieldRef: {resource: limits.cpu}}",
    );
    let err = plan(&read_documents(&other).unwrap()).unwrap_err();
    assert!(err.to_string().contains("env[0] (N): valueFrom"), "{err}");
}

#[test]
fn host_network_aliases_dns_and_the_pod_s_user_reach_the_plan_and_back() {
    let yaml = "kind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  hostAliases:\n  \
                - {ip: 10.0.0.5, hostnames: [db, db.local]}\n  dnsConfig:\n    nameservers: \
                [192.0.2.53]\n    searches: [corp.example]\n    options: [{name: ndots, value: \
                '2'}, {name: edns0}]\n  securityContext: {runAsUser: 1000, runAsGroup: 100}\n  \
                containers:\n  - {name: a, image: b}\n  - {name: c, image: b, securityContext: \
                {runAsUser: 7}}\n";
    let played = plan(&read_documents(yaml).unwrap()).unwrap();
    let p = &played.pods[0];
    assert!(p.host_network);
    assert_eq!(p.add_hosts, ["db:10.0.0.5", "db.local:10.0.0.5"]);
    assert_eq!(
        (&p.dns[..], &p.dns_search[..], &p.dns_options[..]),
        (
            &["192.0.2.53".to_string()][..],
            &["corp.example".to_string()][..],
            &["ndots:2".to_string(), "edns0".to_string()][..]
        )
    );
    // The pod's user for a container that gives none; a container's own wins.
    let users: Vec<_> = p.containers.iter().map(|c| c.user.clone()).collect();
    assert_eq!(users, [Some("1000:100".to_string()), Some("7".to_string())]);
    let yaml = generate_yaml(&played.pods, GenerateKind::Pod, false, "test").unwrap();
    let back = plan(&read_documents(&yaml).unwrap()).unwrap();
    let b = &back.pods[0];
    assert_eq!(
        (
            b.host_network,
            &b.add_hosts,
            &b.dns,
            &b.dns_search,
            &b.dns_options
        ),
        (true, &p.add_hosts, &p.dns, &p.dns_search, &p.dns_options)
    );
}

#[test]
fn a_deployment_with_replicas_plays_one_and_warns() {
    let yaml = "kind: Deployment\nmetadata: {name: app}\nspec:\n  replicas: 3\n  \
                template:\n    spec:\n      containers: [{name: c, image: busybox}]\n";
    let plan = plan(&read_documents(yaml).unwrap()).unwrap();
    assert_eq!(plan.pods.len(), 1);
    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    assert!(
        plan.warnings[0].contains("3 replicas"),
        "{:?}",
        plan.warnings
    );
}

#[test]
fn errors_name_document_and_field() {
    let bad = "kind: ConfigMap\nmetadata: {name: x}\n---\nkind: Pod\nmetadata: {name: p}\n\
               spec:\n  containers:\n  - name: a\n    image: busybox\n    ports:\n    - \
               containerPort: http\n";
    let e = read_documents(bad).unwrap_err().to_string();
    assert!(
        e.starts_with("document 2 (Pod p): field spec.containers[0].ports[0].containerPort"),
        "{e}"
    );
    let e = read_documents("kind: StatefulSet\nmetadata: {name: s}\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("document 1 (StatefulSet s): field kind") && e.contains("not supported"),
        "{e}"
    );
    let e = read_documents("a: [\n").unwrap_err().to_string();
    assert!(e.starts_with("document 1: not YAML"), "{e}");
    let e = read_documents("- 1\n").unwrap_err().to_string();
    assert!(e.contains("not a Kubernetes object"), "{e}");
}

#[test]
fn plan_errors_name_pod_container_and_reference() {
    let docs = read_documents(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: b\n    \
         env: [{name: X, valueFrom: {configMapKeyRef: {name: nope, key: k}}}]\n",
    )
    .unwrap();
    let e = plan(&docs).unwrap_err().to_string();
    assert!(
        e.contains("pod p: spec.containers[0] (a): env[0] (X): ConfigMap \"nope\""),
        "{e}"
    );
    let docs = read_documents(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: b\n    \
         volumeMounts: [{name: v, mountPath: /v}]\n",
    )
    .unwrap();
    assert!(plan(&docs)
        .unwrap_err()
        .to_string()
        .contains("\"v\" is not in the pod's spec.volumes"));
}

/// A ConfigMap may come from another file (`kube play --configmap`): the YAML alone does not
/// play and says how to pass it; `kube down` plans it all the same (it needs only the names).
#[test]
fn a_config_map_from_elsewhere_fails_play_but_not_down() {
    let docs = read_documents(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: b\n    \
         env: [{name: X, valueFrom: {configMapKeyRef: {name: conf, key: k}}}]\n    \
         envFrom: [{configMapRef: {name: conf}}]\n    volumeMounts: [{name: v, mountPath: /v}]\n  \
         volumes: [{name: v, configMap: {name: conf, items: [{key: k, path: f}]}}]\n",
    )
    .unwrap();
    let e = plan(&docs).unwrap_err().to_string();
    assert!(e.contains("--configmap FILE"), "{e}");
    let down = removal_plan(&docs).unwrap();
    assert_eq!(down.pods[0].name, "p");
    assert_eq!(down.pods[0].containers[0].name, "p-a");
    let mut with_map =
        read_documents("kind: ConfigMap\nmetadata: {name: conf}\ndata: {k: v1}\n").unwrap();
    with_map.extend(docs);
    let played = plan(&with_map).unwrap();
    assert!(played.pods[0].containers[0]
        .env
        .contains(&"X=v1".to_string()));
}

/// Names become directories and skiff names: `..`, `/` and other non-DNS names are refused in
/// every place a name comes from (pod, Deployment, claim, volume, container).
#[test]
fn names_that_are_not_kubernetes_names_are_refused() {
    let pod = |meta: &str, volume: &str, container: &str| {
        format!(
            "kind: Pod\nmetadata: {{name: {meta}}}\nspec:\n  volumes: [{{name: {volume}, emptyDir: {{}}}}]\n  \
             containers:\n  - name: {container}\n    image: b\n"
        )
    };
    assert!(plan(&read_documents(&pod("web.v1", "data", "app")).unwrap()).is_ok());
    for (meta, volume, container) in [
        ("'..'", "data", "app"),
        ("/home/u", "data", "app"),
        ("a..b", "data", "app"),
        ("Web", "data", "app"),
        ("web", "../../.ssh", "app"),
        ("web", "/etc", "app"),
        ("web", "a.b", "app"),
        ("web", "data", "x/y"),
        ("web", "data", "-a"),
    ] {
        let docs = read_documents(&pod(meta, volume, container)).unwrap();
        let e = plan(&docs).unwrap_err().to_string();
        assert!(
            e.contains("is not a valid Kubernetes name"),
            "{meta} {volume} {container}: {e}"
        );
    }
    let claim = "kind: PersistentVolumeClaim\nmetadata: {name: '../x'}\n";
    assert!(plan(&read_documents(claim).unwrap()).is_err());
    let dep = "kind: Deployment\nmetadata: {name: '..'}\nspec: {template: {spec: {containers: [{name: a, image: b}]}}}\n";
    assert!(plan(&read_documents(dep).unwrap()).is_err());
}

fn name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,8}"
}

fn container(pod: String) -> impl Strategy<Value = ContainerPlan> {
    (
        name(),
        "[a-z]{1,6}(:[a-z0-9]{1,4})?",
        prop::option::of(prop::collection::vec(".{0,6}", 1..3)),
        prop::collection::vec(".{0,6}", 0..3),
        prop::collection::vec(("[A-Z_]{1,5}", "[^\u{0}]{0,8}"), 0..3),
        prop::collection::vec(
            (
                prop_oneof![
                    "/[a-z]{1,5}".prop_map(|p| MountSource::HostPath {
                        path: p,
                        create_dir: false
                    }),
                    "/[a-z]{1,5}".prop_map(|p| MountSource::HostPath {
                        path: p,
                        create_dir: true
                    }),
                    name().prop_map(MountSource::Volume),
                ],
                "/[a-z]{1,6}",
                any::<bool>(),
            ),
            0..3,
        ),
        (
            prop::option::of((0u32..70000, prop::option::of(0u32..70000))),
            any::<bool>(),
            prop::collection::vec("CAP_[A-Z]{2,6}", 0..2),
            any::<bool>(),
            prop::option::of(1i64..1 << 40),
            prop::option::of(1i64..64_000),
            any::<(bool, bool)>(),
            prop::option::of("/[a-z]{1,5}"),
        ),
    )
        .prop_map(move |(short, image, entrypoint, args, env, mounts, more)| {
            let (user, privileged, cap_add, read_only, memory, millis, (tty, stdin), workdir) =
                more;
            ContainerPlan {
                name: format!("{pod}-{short}"),
                short_name: short,
                image,
                pull: PullPlan::Missing,
                entrypoint,
                args,
                env: env.into_iter().map(|(k, v)| format!("{k}={v}")).collect(),
                mounts: mounts
                    .into_iter()
                    .map(|(source, target, read_only)| MountPlan {
                        source,
                        target,
                        read_only,
                    })
                    .collect(),
                workdir,
                user: user.map(|(u, g)| match g {
                    Some(g) => format!("{u}:{g}"),
                    None => u.to_string(),
                }),
                privileged,
                cap_add,
                cap_drop: Vec::new(),
                read_only,
                memory,
                memory_reservation: None,
                nano_cpus: millis.map(|m| m * 1_000_000),
                init: None,
                health: None,
                tty,
                stdin,
            }
        })
}

fn pod() -> impl Strategy<Value = PodPlan> {
    name().prop_flat_map(|pod| {
        (
            prop::collection::vec(container(pod.clone()), 1..3),
            prop_oneof![Just("always"), Just("on-failure"), Just("no")],
            prop::collection::vec(
                (1u16.., 1u16.., prop_oneof![Just("tcp"), Just("udp")]),
                0..3,
            ),
            prop::option::of(name()),
        )
            .prop_map(move |(mut containers, restart, ports, hostname)| {
                // Container names are unique in a pod.
                for (i, c) in containers.iter_mut().enumerate() {
                    c.short_name = format!("{}{i}", c.short_name);
                    c.name = format!("{pod}-{}", c.short_name);
                }
                PodPlan {
                    name: pod.clone(),
                    hostname,
                    labels: BTreeMap::from([("app".to_string(), pod.clone())]),
                    ports: ports
                        .into_iter()
                        .map(|(h, c, p)| PortPlan {
                            host_ip: String::new(),
                            host_port: h,
                            container_port: c,
                            protocol: p.to_string(),
                        })
                        .collect(),
                    restart: restart.to_string(),
                    containers,
                    ..PodPlan::default()
                }
            })
    })
}

proptest! {
    #[test]
    fn reader_never_panics(text in "\\PC{0,200}") {
        if let Ok(docs) = read_documents(&text) {
            let _ = plan(&docs);
        }
    }

    #[test]
    fn reader_never_panics_on_pod_shapes(
        keys in prop::collection::vec(prop_oneof![
            Just("containers"), Just("image"), Just("ports"), Just("env"), Just("volumes"),
            Just("hostPath"), Just("configMap"), Just("name"), Just("- "), Just("{"), Just(":"),
        ], 0..20),
    ) {
        let text = format!("kind: Pod\nmetadata: {{name: p}}\nspec:\n  {}", keys.join(" "));
        if let Ok(docs) = read_documents(&text) {
            let _ = plan(&docs);
        }
    }

    #[test]
    fn generate_then_play_keeps_the_pod(pods in prop::collection::vec(pod(), 1..3)) {
        let mut pods = pods;
        for (i, p) in pods.iter_mut().enumerate() {
            // Pod names are unique in a file.
            let renamed = format!("{}{i}", p.name);
            for c in &mut p.containers {
                c.name = format!("{renamed}-{}", c.short_name);
            }
            p.labels.insert("app".into(), renamed.clone());
            p.name = renamed;
        }
        let yaml = generate_yaml(&pods, GenerateKind::Pod, true, "test").unwrap();
        let mut back = plan(&read_documents(&yaml).unwrap()).unwrap();
        let mut want_volumes: Vec<String> = Vec::new();
        for c in pods.iter().flat_map(|p| &p.containers) {
            for m in &c.mounts {
                if let MountSource::Volume(v) = &m.source {
                    if !want_volumes.contains(v) {
                        want_volumes.push(v.clone());
                    }
                }
            }
        }
        want_volumes.sort();
        back.volumes.sort();
        prop_assert_eq!(back.volumes, want_volumes);
        prop_assert_eq!(back.pods, pods);
    }
}
