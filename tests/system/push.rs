//! `push`: to a registry of the test's own (Debian's docker-registry with its access log on,
//! so a test can count the uploads it received), pulled back into a clean store, read by
//! skopeo (an independent client), and through the Docker socket with the docker CLI.

use std::process::Command;

use crate::harness::{image, Skiff};
use crate::registry::{start_registry, Registry};

/// A registry of the test's own on a free loopback port, in the test's directory.
fn private_registry(sk: &Skiff) -> Registry {
    start_registry(&sk.path("registry"), "127.0.0.1", "", "")
}

/// `skopeo inspect --raw` of `reference` on a plain-HTTP registry, as JSON.
pub(crate) fn skopeo_raw(reference: &str) -> serde_json::Value {
    let out = Command::new("skopeo")
        .args(["inspect", "--raw", "--tls-verify=false"])
        .arg(format!("docker://{reference}"))
        .output()
        .expect("skopeo runs");
    assert!(
        out.status.success(),
        "skopeo inspect {reference}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("skopeo prints the manifest")
}

/// Pulls busybox from the rig's registry and returns its id and repository digest.
fn pull_busybox(sk: &Skiff) -> (String, String) {
    let id = sk
        .ok(&["pull", "-q", "--tls-verify=false", &image("busybox:latest")])
        .trim()
        .to_string();
    let digest = sk
        .ok(&["image", "inspect", "-f", "{{index .RepoDigests 0}}", &id])
        .trim()
        .rsplit_once('@')
        .map(|(_, d)| d.to_string())
        .expect("a repository digest");
    (id, digest)
}

#[test]
fn push_then_pull_back_keeps_every_digest() {
    require_registry!();
    let sk = Skiff::new();
    let reg = private_registry(&sk);
    let (id, digest) = pull_busybox(&sk);
    let dest = format!("{}/team/bb:1", reg.addr);
    let digestfile = sk.path("digest");
    let out = sk.ok(&[
        "push",
        "--tls-verify=false",
        "--digestfile",
        digestfile.to_str().unwrap(),
        &id,
        &format!("docker://{dest}"),
    ]);
    assert!(
        out.starts_with(&format!(
            "The push refers to repository [{}/team/bb]\n",
            reg.addr
        )),
        "{out}"
    );
    // A pulled image is pushed as the blobs it was pulled as: the manifest digest is the same.
    assert_eq!(std::fs::read_to_string(&digestfile).unwrap(), digest);
    assert!(
        out.contains(&format!("1: digest: {digest} size: ")),
        "{out}"
    );
    assert_eq!(
        reg.requests("PUT", "/v2/team/bb/blobs/uploads/"),
        2,
        "layer and config"
    );
    assert_eq!(reg.requests("PUT", "/v2/team/bb/manifests/1"), 1);

    // docker records the digest the image has in the repository it was pushed to.
    let digests = sk.ok(&["image", "inspect", "-f", "{{json .RepoDigests}}", &id]);
    let repo_digest = format!("{}/team/bb@{digest}", reg.addr);
    assert!(digests.contains(&repo_digest), "{digests}");

    // A clean store pulls back the same image.
    let clean = Skiff::new();
    let back = clean.ok(&["pull", "-q", "--tls-verify=false", &dest]);
    assert_eq!(back.trim(), id);
    let got = clean.ok(&["image", "inspect", "-f", "{{index .RepoDigests 0}}", &dest]);
    assert!(got.trim().ends_with(&digest), "{got}");

    // skopeo reads what was pushed.
    let manifest = skopeo_raw(&dest);
    assert_eq!(manifest["config"]["digest"], id.as_str());

    // An OCI layout directory is a destination too, and a clean store loads it back.
    let layout = sk.path("layout");
    sk.ok(&[
        "push",
        &image("busybox:latest"),
        &format!("oci:{}", layout.display()),
    ]);
    let again = Skiff::new();
    again.ok(&["load", "-i", layout.to_str().unwrap()]);
    assert_eq!(again.ok(&["images", "-q", "--no-trunc"]).trim(), id);
}

#[test]
fn a_second_push_uploads_nothing_and_a_sibling_repository_mounts() {
    require_registry!();
    let sk = Skiff::new();
    let reg = private_registry(&sk);
    let (id, _) = pull_busybox(&sk);
    // An image with a layer of its own, on top of busybox's.
    sk.ok(&[
        "run",
        "--network",
        "none",
        "--name",
        "maker",
        &id,
        "sh",
        "-c",
        "echo pushed > /made-here",
    ]);
    let dest = format!("{}/team/made:1", reg.addr);
    sk.ok(&["commit", "maker", &dest]);
    let first = sk.ok(&["push", "--tls-verify=false", &dest]);
    assert_eq!(first.matches(": Pushed\n").count(), 2, "{first}");
    let uploads = reg.requests("PUT", "/v2/team/made/blobs/uploads/");
    assert_eq!(uploads, 3, "two layers and the config");

    let again = sk.ok(&["push", "--tls-verify=false", &dest]);
    assert_eq!(
        reg.requests("PUT", "/v2/team/made/blobs/uploads/"),
        uploads,
        "a second push uploads no blob"
    );
    assert_eq!(
        again.matches(": Layer already exists\n").count(),
        2,
        "{again}"
    );
    assert_eq!(reg.requests("POST", "/v2/team/made/blobs/uploads/"), 3);

    // The same image under another repository of the registry: its blobs are mounted.
    let sibling = format!("{}/other/made:2", reg.addr);
    sk.ok(&["tag", &dest, &sibling]);
    let mounted = sk.ok(&["push", "--tls-verify=false", &sibling]);
    assert_eq!(reg.requests("PUT", "/v2/other/made/blobs/uploads/"), 0);
    assert_eq!(
        mounted.matches(": Mounted from team/made\n").count(),
        2,
        "{mounted}"
    );

    // The layer the commit made is in the pushed image: a clean store runs it.
    let clean = Skiff::new();
    clean.ok(&["pull", "-q", "--tls-verify=false", &sibling]);
    let made = clean.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        &sibling,
        "cat",
        "/made-here",
    ]);
    assert_eq!(made, "pushed\n");
}

#[test]
fn push_recompresses_and_converts_formats_on_request() {
    require_registry!();
    let sk = Skiff::new();
    let reg = private_registry(&sk);
    let (id, _) = pull_busybox(&sk);
    // The gzip blob is already in the registry: zstd is still pushed (podman 4.3 reused gzip).
    sk.ok(&[
        "push",
        "--tls-verify=false",
        &id,
        &format!("{}/z/bb:gzip", reg.addr),
    ]);
    let zstd = format!("{}/z/bb:zstd", reg.addr);
    sk.ok(&[
        "push",
        "--tls-verify=false",
        "--format",
        "oci",
        "--compression-format",
        "zstd",
        &id,
        &zstd,
    ]);
    let manifest = skopeo_raw(&zstd);
    assert_eq!(
        manifest["mediaType"],
        "application/vnd.oci.image.manifest.v1+json"
    );
    assert_eq!(
        manifest["layers"][0]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar+zstd"
    );
    let clean = Skiff::new();
    assert_eq!(
        clean
            .ok(&["pull", "-q", "--tls-verify=false", &zstd])
            .trim(),
        id,
        "the zstd image has the same config, so the same id"
    );

    let v2s2 = format!("{}/z/bb:v2s2", reg.addr);
    sk.ok(&["push", "--tls-verify=false", "--format", "v2s2", &id, &v2s2]);
    let manifest = skopeo_raw(&v2s2);
    assert_eq!(
        manifest["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(
        manifest["layers"][0]["mediaType"],
        "application/vnd.docker.image.rootfs.diff.tar.gzip"
    );
    // skopeo copies what skiff pushed into an OCI layout.
    let layout = sk.path("layout");
    let out = Command::new("skopeo")
        .args(["copy", "--src-tls-verify=false", "-q"])
        .arg(format!("docker://{v2s2}"))
        .arg(format!("oci:{}:bb", layout.display()))
        .output()
        .expect("skopeo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn push_errors_say_what_to_do() {
    require_registry!();
    let sk = Skiff::new();
    let out = sk.fails(&["push", "127.0.0.1:1/nothing/here:1"], 125);
    assert!(out.stderr.contains("skiff images"), "{}", out.stderr);
    let (id, _) = pull_busybox(&sk);
    let out = sk.fails(
        &["push", "--tls-verify=false", &id, "127.0.0.1:1/x/y:1"],
        125,
    );
    // The cause as the client saw it, and no TLS hint for a refused connection.
    assert!(
        out.stderr.contains("cannot reach the registry")
            && out.stderr.contains("refused")
            && !out.stderr.contains("--tls-verify"),
        "{}",
        out.stderr
    );
    let out = sk.fails(
        &[
            "push",
            "--format",
            "v2s2",
            "--compression-format",
            "zstd",
            &id,
            "127.0.0.1:1/x/y:1",
        ],
        125,
    );
    assert!(out.stderr.contains("--format oci"), "{}", out.stderr);
}

#[test]
fn docker_push_through_the_socket_reports_the_digest() {
    let _ = require_registry!();
    if !crate::api::have_docker() {
        return;
    }
    let sk = Skiff::new();
    let reg = private_registry(&sk);
    let svc = crate::api::Service::start(&sk);
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    let dest = format!("{}/sock/bb:3", reg.addr);
    svc.docker_ok(&["tag", &img, &dest]);
    let out = svc.docker_ok(&["push", &dest]);
    let digest = sk
        .ok(&["image", "inspect", "-f", "{{index .RepoDigests 0}}", &img])
        .trim()
        .rsplit_once('@')
        .map(|(_, d)| d.to_string())
        .unwrap();
    assert!(
        out.contains(&format!("3: digest: {digest} size: ")),
        "{out}"
    );
    assert_eq!(reg.requests("PUT", "/v2/sock/bb/manifests/3"), 1);
    let again = svc.docker_ok(&["push", &dest]);
    assert!(again.contains("Layer already exists"), "{again}");
    let missing = svc.docker(&["push", &format!("{}/sock/none:1", reg.addr)]);
    assert_ne!(missing.status, 0, "{missing:?}");
}

#[test]
fn a_build_cache_pushed_with_cache_to_serves_a_clean_store_with_cache_from() {
    require_registry!();
    let sk = Skiff::new();
    let reg = private_registry(&sk);
    let ctx = sk.path("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(ctx.join("input.txt"), "from the context\n").unwrap();
    std::fs::write(
        ctx.join("Containerfile"),
        format!(
            "FROM {}\nCOPY input.txt /input.txt\nRUN cat /proc/sys/kernel/random/uuid > /ran\n\
             ENV STEP=3\n",
            image("busybox:latest")
        ),
    )
    .unwrap();
    let cache = format!("{}/team/cache", reg.addr);
    let ctx_s = ctx.to_str().unwrap();
    let first = sk.ok(&[
        "build",
        "-q",
        "--tls-verify=false",
        "--cache-to",
        &cache,
        "-t",
        "first:1",
        ctx_s,
    ]);
    let ran = sk.ok(&["run", "--rm", "--network", "none", "first:1", "cat", "/ran"]);
    // Every step's image is in the repository, tagged with its key.
    let tags = Command::new("curl")
        .arg("-fsS")
        .arg(format!("http://{}/v2/team/cache/tags/list", reg.addr))
        .output()
        .unwrap();
    let tags: serde_json::Value = serde_json::from_slice(&tags.stdout).unwrap();
    assert_eq!(tags["tags"].as_array().map(Vec::len), Some(3), "{tags}");

    // A clean store reuses them: COPY and RUN do not run again (RUN's random output is the
    // first build's), and the final config-only image is the first build's too.
    let clean = Skiff::new();
    clean.ok(&[
        "build",
        "--tls-verify=false",
        "--cache-from",
        &format!("type=registry,ref={cache}"),
        "-t",
        "second:1",
        ctx_s,
    ]);
    let second = clean.ok(&["images", "-q", "--no-trunc", "second:1"]);
    assert_eq!(second.trim(), first.trim());
    let again = clean.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "second:1",
        "cat",
        "/ran",
    ]);
    assert_eq!(again, ran);
    // The cache's names are not listed as images.
    assert!(!clean.ok(&["images"]).contains("team/cache"));

    // Without --cache-from a clean store runs the step.
    let other = Skiff::new();
    other.ok(&["build", "-q", "-t", "third:1", ctx_s]);
    let fresh = other.ok(&["run", "--rm", "--network", "none", "third:1", "cat", "/ran"]);
    assert_ne!(fresh, ran);
}

#[test]
fn build_and_commit_format_docker_store_and_push_docker_manifests() {
    require_registry!();
    let sk = Skiff::new();
    let reg = private_registry(&sk);
    let dir = sk.path("ctx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Dockerfile"),
        format!(
            "FROM {}\nHEALTHCHECK CMD true\nRUN echo made > /made\n",
            image("busybox:latest")
        ),
    )
    .unwrap();
    let ctx = dir.display().to_string();
    let manifest_type = |name: &str| sk.inspect(name, "{{.ManifestType}}");
    sk.ok(&["build", "-q", "-t", "asoci", &ctx]);
    assert_eq!(
        manifest_type("asoci"),
        "application/vnd.oci.image.manifest.v1+json"
    );
    sk.ok(&["build", "-q", "--format", "docker", "-t", "asdocker", &ctx]);
    assert_eq!(
        manifest_type("asdocker"),
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    let bad = sk.run(&["build", "-q", "--format", "v2s1", &ctx]);
    assert_eq!(bad.status, 125, "{bad:?}");
    assert!(bad.stderr.contains("--format docker"), "{bad:?}");
    // What is pushed is what is stored: skopeo reads a Docker schema 2 manifest.
    let dest = format!("{}/team/fmt:1", reg.addr);
    sk.ok(&["push", "-q", "--tls-verify=false", "asdocker", &dest]);
    let pushed = skopeo_raw(&dest);
    assert_eq!(
        pushed["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(
        pushed["config"]["mediaType"],
        "application/vnd.docker.container.image.v1+json"
    );
    for layer in pushed["layers"].as_array().unwrap() {
        let t = layer["mediaType"].as_str().unwrap();
        assert!(
            t.starts_with("application/vnd.docker.image.rootfs.diff.tar"),
            "{t}"
        );
    }
    // commit -f docker, and the healthcheck kept either way.
    sk.ok(&["run", "--name", "fmtsrc", "asdocker", "true"]);
    sk.ok(&["commit", "-q", "-f", "docker", "fmtsrc", "committed"]);
    assert_eq!(
        manifest_type("committed"),
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(
        sk.inspect("committed", "{{json .Config.Healthcheck.Test}}"),
        r#"["CMD-SHELL","true"]"#
    );
    sk.ok(&["rm", "fmtsrc"]);
}
