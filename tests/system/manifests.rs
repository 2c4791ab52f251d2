//! Manifest lists (`skiff manifest`) and OCI layout directories (`save --format oci-dir`,
//! `load -i DIR`, `pull oci:DIR:REF`), against the rig's registry.

use std::io::Read;

use serde_json::Value;

use crate::harness::{image, Skiff};

/// Pulls `name_tag` from the rig's registry and returns its full id.
fn pull(sk: &Skiff, name_tag: &str) -> String {
    sk.ok(&["pull", "-q", "--tls-verify=false", &image(name_tag)])
        .trim()
        .to_string()
}

/// `manifest inspect NAME` as JSON.
fn inspect(sk: &Skiff, name: &str) -> Value {
    let out = sk.ok(&["manifest", "inspect", "--tls-verify=false", name]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// The `(digest, platform)` of each entry of an index.
fn entries(index: &Value) -> Vec<(String, String)> {
    index["manifests"]
        .as_array()
        .expect("manifests")
        .iter()
        .map(|m| {
            let p = &m["platform"];
            let mut plat = format!(
                "{}/{}",
                p["os"].as_str().unwrap_or(""),
                p["architecture"].as_str().unwrap_or("")
            );
            if let Some(v) = p["variant"].as_str() {
                plat = format!("{plat}/{v}");
            }
            (m["digest"].as_str().unwrap().to_string(), plat)
        })
        .collect()
}

#[test]
fn manifest_list_create_add_annotate_remove_rm() {
    require_registry!();
    let sk = Skiff::new();
    pull(&sk, "busybox:latest");
    let busybox = image("busybox:latest");
    let list = "localhost/mani-list:1";
    assert_eq!(sk.run(&["manifest", "exists", list]).status, 1);
    let id = sk.ok(&["manifest", "create", list]).trim().to_string();
    assert_eq!(id.len(), 64, "create prints the list id: {id}");
    assert_eq!(sk.run(&["manifest", "exists", list]).status, 0);
    let index = inspect(&sk, list);
    assert_eq!(index["schemaVersion"], 2);
    assert_eq!(
        index["mediaType"],
        "application/vnd.oci.image.index.v1+json"
    );
    assert_eq!(index["manifests"].as_array().unwrap().len(), 0);

    // A local image: its stored manifest's digest, which is the registry's.
    assert_eq!(sk.ok(&["manifest", "add", list, &busybox]).trim(), id);
    let repo_digest = sk.ok(&[
        "image",
        "inspect",
        "-f",
        "{{index .RepoDigests 0}}",
        &busybox,
    ]);
    let local_digest = repo_digest.trim().rsplit_once('@').unwrap().1.to_string();
    let host = format!(
        "linux/{}",
        if cfg!(target_arch = "x86_64") {
            "amd64"
        } else {
            "arm64"
        }
    );
    assert_eq!(
        entries(&inspect(&sk, list)),
        [(local_digest.clone(), host.clone())]
    );

    // A remote index with --all: both platforms by digest, nothing pulled.
    let multiarch = format!("docker://{}", image("multiarch:latest"));
    sk.ok(&[
        "manifest",
        "add",
        "--all",
        "--tls-verify=false",
        list,
        &multiarch,
    ]);
    let remote = inspect(&sk, &multiarch);
    let remote_entries = entries(&remote);
    assert_eq!(remote_entries.len(), 2);
    let got = entries(&inspect(&sk, list));
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(&got[1..], &remote_entries[..]);
    let arm = remote_entries
        .iter()
        .find(|(_, p)| p == "linux/arm64/v8")
        .expect("an arm64 entry")
        .0
        .clone();

    // annotate by digest.
    sk.ok(&[
        "manifest",
        "annotate",
        "--annotation",
        "org.example.k=v",
        "--os-version",
        "1.0",
        "--variant",
        "v8",
        list,
        &arm,
    ]);
    let index = inspect(&sk, list);
    let entry = index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["digest"] == arm.as_str())
        .unwrap()
        .clone();
    assert_eq!(entry["annotations"]["org.example.k"], "v");
    assert_eq!(entry["platform"]["os.version"], "1.0");
    // annotate by the local image's name.
    sk.ok(&["manifest", "annotate", "--arch", "riscv64", list, &busybox]);
    assert_eq!(entries(&inspect(&sk, list))[0].1, "linux/riscv64");

    // remove one entry; a digest the list lacks is an error naming what it has.
    sk.ok(&["manifest", "remove", list, &arm]);
    assert_eq!(entries(&inspect(&sk, list)).len(), 2);
    let out = sk.fails(&["manifest", "remove", list, &arm], 125);
    assert!(out.stderr.contains(&local_digest), "{}", out.stderr);

    // create again refuses, --amend adds; the list survives across invocations.
    sk.fails(&["manifest", "create", list], 125);
    let again = sk.ok(&["manifest", "create", "--amend", list, &busybox]);
    assert_eq!(again.trim(), id);
    assert_eq!(entries(&inspect(&sk, list)).len(), 2);

    // rm of an image is refused; rmi of the list removes the list and not the image.
    let out = sk.fails(&["manifest", "rm", &busybox], 1);
    assert!(out.stderr.contains("skiff rmi"), "{}", out.stderr);
    let out = sk.ok(&["rmi", list]);
    assert!(out.contains(&id), "{out}");
    assert_eq!(sk.run(&["manifest", "exists", list]).status, 1);
    assert_eq!(sk.run(&["image", "exists", &busybox]).status, 0);
    sk.fails(&["manifest", "inspect", list], 125);

    // manifest rm of several lists.
    sk.ok(&["manifest", "create", "localhost/mani-a"]);
    sk.ok(&["manifest", "create", "localhost/mani-b"]);
    let out = sk.ok(&["manifest", "rm", "localhost/mani-a", "localhost/mani-b"]);
    assert_eq!(out.matches("Deleted: ").count(), 2, "{out}");
    let out = sk.fails(&["manifest", "rm", "localhost/mani-a"], 1);
    assert!(out.stderr.contains("manifest create"), "{}", out.stderr);
}

#[test]
fn oci_dir_save_load_and_pull() {
    require_registry!();
    let sk = Skiff::new();
    let id = pull(&sk, "busybox:latest");
    let repo = image("busybox");
    let dir = sk.path("layout");
    let dir_s = dir.to_str().unwrap();
    sk.ok(&["save", "--format", "oci-dir", "-o", dir_s, &repo]);
    assert!(dir.join("oci-layout").is_file());
    let index: Value =
        serde_json::from_slice(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
    assert_eq!(
        index["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"],
        format!("{repo}:latest")
    );
    // load -i DIR gives back the same image id.
    sk.ok(&["rmi", &repo]);
    let out = sk.ok(&["load", "-i", dir_s]);
    assert_eq!(out.trim(), format!("Loaded image: {repo}:latest"));
    assert_eq!(sk.ok(&["images", "-q", "--no-trunc"]).trim(), id);
    // pull oci:DIR:REF picks that image.
    sk.ok(&["rmi", &repo]);
    let out = sk.ok(&["pull", "-q", &format!("oci:{dir_s}:{repo}:latest")]);
    assert_eq!(out.trim(), id);
    sk.fails(&["pull", "-q", &format!("oci:{dir_s}:nope")], 125);
    // -o oci:DIR is the same format.
    let dir2 = sk.path("layout2");
    sk.ok(&["save", "-o", &format!("oci:{}", dir2.display()), &repo]);
    assert!(dir2.join("blobs/sha256").is_dir() && dir2.join("index.json").is_file());
}

#[test]
fn docker_archive_has_the_legacy_repositories_file() {
    require_registry!();
    let sk = Skiff::new();
    pull(&sk, "busybox:latest");
    let repo = image("busybox");
    let archive = sk.path("d.tar");
    sk.ok(&["save", "-o", archive.to_str().unwrap(), &repo]);
    let mut ar = tar::Archive::new(std::fs::File::open(&archive).unwrap());
    let mut files = std::collections::BTreeMap::new();
    for e in ar.entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        let mut body = Vec::new();
        e.read_to_end(&mut body).unwrap();
        files.insert(name, body);
    }
    let manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let top = manifest[0]["Layers"].as_array().unwrap().last().unwrap();
    let top_id = top.as_str().unwrap().trim_end_matches("/layer.tar");
    // As docker 20.10 writes it: {"REPO":{"TAG":"<top layer id>"}}.
    let repositories: Value = serde_json::from_slice(&files["repositories"]).unwrap();
    assert_eq!(
        repositories,
        serde_json::json!({ repo: {"latest": top_id} })
    );
}

#[test]
fn manifest_push_two_platforms_and_pull_each_back() {
    require_registry!();
    let sk = Skiff::new();
    pull(&sk, "busybox:latest");
    let busybox = image("busybox:latest");
    let multiarch = format!("docker://{}", image("multiarch:latest"));
    // The host's platform from a local image, arm64 from the registry's index (by digest).
    let list = "localhost/mani-push";
    sk.ok(&["manifest", "create", list, &busybox]);
    sk.ok(&[
        "manifest",
        "add",
        "--all",
        "--tls-verify=false",
        list,
        &multiarch,
    ]);
    let remote = entries(&inspect(&sk, &multiarch));
    let (amd, _) = remote.iter().find(|(_, p)| p == "linux/amd64").unwrap();
    let (arm, _) = remote.iter().find(|(_, p)| p == "linux/arm64/v8").unwrap();
    sk.ok(&["manifest", "remove", list, amd]);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let dest = format!(
        "{}/skiff-test/mani-{}-{nanos}:v1",
        crate::harness::registry().unwrap(),
        std::process::id()
    );
    let digestfile = sk.path("digest");
    let out = sk.ok(&[
        "manifest",
        "push",
        "-q",
        "--insecure",
        "--digestfile",
        digestfile.to_str().unwrap(),
        "--purge",
        list,
        &format!("docker://{dest}"),
    ]);
    let digest = out.trim().to_string();
    assert!(digest.starts_with("sha256:"), "{out}");
    assert_eq!(std::fs::read_to_string(&digestfile).unwrap(), digest);
    assert_eq!(sk.run(&["manifest", "exists", list]).status, 1, "--purge");
    // What the registry has, seen by skopeo.
    let pushed = crate::push::skopeo_raw(&dest);
    assert_eq!(
        pushed["mediaType"],
        "application/vnd.oci.image.index.v1+json"
    );
    let got = entries(&pushed);
    assert_eq!(got.len(), 2, "{pushed}");
    assert_eq!(&got[1], remote.iter().find(|(d, _)| d == arm).unwrap());
    let repo = dest.rsplit_once(':').unwrap().0;
    for (d, _) in &got {
        let m = crate::push::skopeo_raw(&format!("{repo}@{d}"));
        assert!(m["config"]["digest"].is_string(), "{m}");
    }
    // Pulled back from a clean store per platform: the images that went in.
    let busybox_id = sk.ok(&["image", "inspect", "-f", "{{.Id}}", &busybox]);
    let platform = sk.ok(&[
        "image",
        "inspect",
        "-f",
        "{{.Os}}/{{.Architecture}}",
        &busybox,
    ]);
    let clean = Skiff::new();
    let id = clean.ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--platform",
        platform.trim(),
        &dest,
    ]);
    assert_eq!(id.trim(), busybox_id.trim());
    let id = clean.ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--platform",
        "linux/arm64",
        &dest,
    ]);
    let want = clean.ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--platform",
        "linux/arm64",
        &image("multiarch:latest"),
    ]);
    assert_eq!(id.trim(), want.trim());
}

#[test]
fn a_list_of_a_committed_image_can_be_pushed_twice() {
    require_registry!();
    let sk = Skiff::new();
    pull(&sk, "busybox:latest");
    sk.ok(&[
        "run",
        "--network",
        "none",
        "--name",
        "maker",
        &image("busybox:latest"),
        "sh",
        "-c",
        "echo made > /made",
    ]);
    sk.ok(&["commit", "maker", "localhost/mani-made:1"]);
    let list = "localhost/mani-twice";
    sk.ok(&["manifest", "create", list, "localhost/mani-made:1"]);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let dest = format!(
        "{}/skiff-test/twice-{}-{nanos}:v1",
        crate::harness::registry().unwrap(),
        std::process::id()
    );
    // The committed layer is gzipped on the way, so the entry's digest changes: the second
    // push still knows where the entry's content is.
    let first = sk.ok(&["manifest", "push", "-q", "--tls-verify=false", list, &dest]);
    let second = sk.ok(&["manifest", "push", "-q", "--tls-verify=false", list, &dest]);
    assert_eq!(first, second);
    let pushed = crate::push::skopeo_raw(&dest);
    let entry = pushed["manifests"][0]["digest"]
        .as_str()
        .unwrap()
        .to_string();
    let repo = dest.rsplit_once(':').unwrap().0;
    let m = crate::push::skopeo_raw(&format!("{repo}@{entry}"));
    assert_eq!(
        m["layers"][1]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar+gzip"
    );
    let clean = Skiff::new();
    clean.ok(&["pull", "-q", "--tls-verify=false", &dest]);
    let made = clean.ok(&["run", "--rm", "--network", "none", &dest, "cat", "/made"]);
    assert_eq!(made, "made\n");
}
