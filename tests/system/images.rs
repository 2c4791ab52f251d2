//! Image commands through the CLI against the rig's registry: pull, images, inspect, history,
//! tag, rmi, prune, save/load, a pull killed halfway, and the names history.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::harness::{image, Skiff};

/// Pulls `name_tag` from the rig's plain-HTTP registry and returns the full id.
fn pull(sk: &Skiff, name_tag: &str) -> String {
    let out = sk.ok(&["pull", "-q", "--tls-verify=false", &image(name_tag)]);
    let id = out.trim().to_string();
    assert!(
        id.starts_with("sha256:") && id.len() == 71,
        "pull -q prints the full id: {out:?}"
    );
    id
}

/// Every layer directory of the store.
fn layer_dirs(sk: &Skiff) -> Vec<std::path::PathBuf> {
    let dir = sk.root().join("storage/layers");
    std::fs::read_dir(&dir).map_or(Vec::new(), |d| {
        d.flatten().map(|e| e.path().join("diff")).collect()
    })
}

#[test]
fn pull_lists_and_inspects_busybox() {
    require_registry!();
    let sk = Skiff::new();
    let id = pull(&sk, "busybox:latest");
    let repo = image("busybox");
    // docker's status line tells an up-to-date image from a new one; the full reference
    // comes last (`$(docker pull X | tail -1)`), the id with -q.
    let again = sk.ok(&["pull", "--tls-verify=false", &repo]);
    assert!(
        again.ends_with(&format!(
            "Status: Image is up to date for {repo}:latest\n{repo}:latest\n"
        )),
        "{again}"
    );
    assert!(id.starts_with("sha256:"), "{id}");
    let tiny = image("config:latest");
    let fresh = sk.ok(&["pull", "--tls-verify=false", &tiny]);
    assert!(
        fresh.contains(&format!("Status: Downloaded newer image for {tiny}\n")),
        "{fresh}"
    );
    sk.ok(&["rmi", &tiny]);
    let table = sk.ok(&["images"]);
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    for col in ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"] {
        assert!(header.contains(col), "{table}");
    }
    let row = lines.next().expect("one image row");
    assert!(
        row.starts_with(&repo) && row.contains(" latest ") && row.contains(&id[7..19]),
        "{table}"
    );
    assert_eq!(sk.ok(&["images", "-q"]).trim(), &id[7..19]);
    // podman's short names find an image another registry's name holds.
    for short in ["busybox", "library/busybox:latest"] {
        assert_eq!(sk.inspect(short, "{{.Id}}"), id, "{short}");
    }
    sk.fails(&["image", "exists", "busybox:nosuchtag"], 1);
    // docker's: images' --format wins over -q.
    assert_eq!(
        sk.ok(&["images", "-q", "--format", "{{.Repository}}"]),
        format!("{repo}\n")
    );
    assert_eq!(sk.ok(&["image", "ls", "-q", "--no-trunc"]).trim(), id);
    assert!(sk.ok(&["images", "--digests"]).contains("sha256:"));
    assert_eq!(
        sk.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
            .trim(),
        format!("{repo}:latest")
    );
    assert_eq!(
        sk.ok(&["images", "--filter", "dangling=true", "-q"]).trim(),
        ""
    );
    assert_eq!(
        sk.ok(&["image", "inspect", "-f", "{{.Id}} {{.Os}}", &repo])
            .trim(),
        format!("{id} linux")
    );
    // docker's templates see its struct fields: `.ID`, and fields the JSON leaves out when
    // empty (busybox exposes no port) print empty, not a missing key's error.
    assert_eq!(
        sk.ok(&[
            "image",
            "inspect",
            "-f",
            "{{.ID}} {{.Config.ExposedPorts}} {{.Config.Shell}}|{{.Variant}}|",
            &repo
        ])
        .trim(),
        format!("{id} map[] []||")
    );
    // podman's and docker's (before API 1.44) VirtualSize: the image's whole size.
    let sizes = sk.ok(&[
        "image",
        "inspect",
        "-f",
        "{{.Size}} {{.VirtualSize}}",
        &repo,
    ]);
    let (size, virt) = sizes.trim().split_once(' ').unwrap();
    assert!(size == virt && size.parse::<u64>().unwrap() > 0, "{sizes}");
    assert_eq!(
        sk.ok(&["inspect", "--type", "image", "-f", "{{.Id}}", &id[7..15]])
            .trim(),
        id
    );
    assert!(sk.ok(&["history", &repo]).starts_with("IMAGE "));
    // docker's times: RFC 3339, and the non-human table's CREATED AT column.
    let at = sk.ok(&["history", "--format", "{{.CreatedAt}}", &repo]);
    let at = at.lines().next().unwrap();
    assert!(
        at.len() == 20 && at.ends_with('Z') && &at[10..11] == "T",
        "{at}"
    );
    let table = sk.ok(&["history", "-H=false", &repo]);
    assert!(table.starts_with("IMAGE          CREATED AT "), "{table}");
    assert!(table.lines().nth(1).unwrap().contains(at), "{table}");
    assert_eq!(sk.run(&["image", "exists", &repo]).status, 0);
    // podman's local names: localhost/NAME is the image tagged NAME, and NAME finds
    // localhost/NAME.
    // podman's tag takes several names.
    sk.ok(&["tag", &repo, "mine:1", "localhost/theirs:2"]);
    for name in ["localhost/mine:1", "theirs:2", "localhost/theirs:2"] {
        assert_eq!(
            sk.ok(&["image", "inspect", "-f", "{{.Id}}", name]).trim(),
            id,
            "{name}"
        );
    }
    assert_eq!(
        sk.run(&["image", "exists", "localhost/nothing-here:1"])
            .status,
        1
    );
    // rmi by the other name untags the stored one.
    sk.ok(&["rmi", "localhost/mine:1", "theirs:2"]);
    let names = sk.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(
        !names.contains("mine") && !names.contains("theirs"),
        "{names}"
    );
    assert_eq!(sk.run(&["image", "exists", "nothing-here:1"]).status, 1);
    // The layer is extracted: busybox is an executable regular file.
    let found = layer_dirs(&sk)
        .into_iter()
        .map(|d| d.join("bin/busybox"))
        .find(|p| p.is_file());
    let busybox = found.expect("bin/busybox in a layer");
    use std::os::unix::fs::PermissionsExt;
    assert_ne!(
        std::fs::metadata(busybox).unwrap().permissions().mode() & 0o111,
        0
    );
}

#[test]
fn tag_and_rmi_follow_docker() {
    require_registry!();
    let sk = Skiff::new();
    let id = pull(&sk, "busybox:latest");
    sk.ok(&["tag", &image("busybox"), "mine/bb:1"]);
    assert!(sk.ok(&["images"]).contains("mine/bb "));
    // Removing by id an image with two names needs -f.
    let out = sk.run(&["rmi", &id[7..19]]);
    assert_ne!(out.status, 0);
    assert!(out.stderr.contains("must be forced"), "{}", out.stderr);
    // Removing one of two names only untags.
    assert_eq!(sk.ok(&["rmi", "mine/bb:1"]).trim(), "Untagged: mine/bb:1");
    sk.ok(&["tag", &id, "mine/bb:2"]);
    let out = sk.ok(&["rmi", "-f", &id]);
    assert!(
        out.contains("Untagged: mine/bb:2") && out.contains(&format!("Deleted: {id}")),
        "{out}"
    );
    // docker also lists the repository digest that went with the deleted image.
    let digest_line = format!("Untagged: {}@sha256:", image("busybox"));
    assert!(out.lines().any(|l| l.starts_with(&digest_line)), "{out}");
    assert_eq!(sk.ok(&["images", "-q"]).trim(), "");
    assert!(
        layer_dirs(&sk).is_empty(),
        "no layer is left once no image uses it"
    );
}

/// docker's digests in rmi: a repository's digest goes with its last name on the image,
/// `rmi REPO@DIGEST` of an image with other references takes only that digest, and even -f
/// does not delete by id an image a running container uses.
#[test]
fn rmi_untags_digests_and_never_deletes_under_a_running_container() {
    require_registry!();
    let sk = Skiff::new();
    let id = pull(&sk, "busybox:latest");
    let repo = image("busybox");
    sk.ok(&["tag", &id, "mine/bb:1"]);
    let digest = sk.ok(&["image", "inspect", "-f", "{{index .RepoDigests 0}}", &id]);
    let digest = digest.trim().to_string();
    assert!(digest.starts_with(&format!("{repo}@sha256:")), "{digest}");
    let out = sk.ok(&["rmi", &image("busybox:latest")]);
    assert_eq!(
        out,
        format!("Untagged: {repo}:latest\nUntagged: {digest}\n")
    );
    let refs = "{{json .RepoTags}} {{json .RepoDigests}}";
    assert_eq!(
        sk.ok(&["image", "inspect", "-f", refs, &id]),
        "[\"mine/bb:1\"] []\n"
    );
    sk.ok(&["pull", "-q", "--tls-verify=false", &digest]);
    // Beside a tag of another repository, the digest has a row of its own (docker's).
    let row = "{{.Repository}} {{.Tag}} {{.Digest}}";
    let (_, hash) = digest.split_once('@').unwrap();
    let rows = sk.ok(&["images", "--digests", "--format", row]);
    assert!(rows.contains(&format!("{repo} <none> {hash}\n")), "{rows}");
    assert!(rows.contains("mine/bb 1 <none>\n"), "{rows}");
    assert_eq!(sk.ok(&["rmi", &digest]), format!("Untagged: {digest}\n"));
    assert_eq!(
        sk.ok(&["image", "inspect", "-f", refs, &id]),
        "[\"mine/bb:1\"] []\n"
    );
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "user",
        "--network",
        "none",
        "mine/bb:1",
        "sleep",
        "100",
    ]);
    let out = sk.run(&["rmi", "-f", &id]);
    assert_ne!(out.status, 0);
    assert!(out.stderr.contains("cannot be forced"), "{}", out.stderr);
    sk.ok(&["image", "exists", &id]);
    sk.ok(&["rm", "-f", "-t", "0", "user"]);
    // Pulled by digest alone: docker's row names the repository and digest, no tag, and a
    // reference filter finds it.
    // The last name deletes the image, though a digest of another repository refers to it
    // (podman's rule: `push IMAGE DEST` leaves such a digest, and `rmi IMAGE` must clean up).
    sk.ok(&["pull", "-q", "--tls-verify=false", &digest]);
    let out = sk.ok(&["rmi", "mine/bb:1"]);
    assert!(out.contains(&format!("Deleted: {id}")), "{out}");
    sk.ok(&["pull", "-q", "--tls-verify=false", &digest]);
    assert_eq!(
        sk.ok(&["images", "--digests", "--format", row]),
        format!("{repo} <none> {hash}\n")
    );
    let found = sk.ok(&[
        "images",
        "-q",
        "--no-trunc",
        "--filter",
        &format!("reference={repo}"),
    ]);
    assert_eq!(found.trim(), id);
}

#[test]
fn untag_takes_names_off_and_keeps_the_image() {
    require_registry!();
    let sk = Skiff::new();
    let id = pull(&sk, "busybox:latest");
    sk.ok(&["tag", &id, "mine/a:1"]);
    sk.ok(&["tag", &id, "mine/b:2"]);
    let names = || sk.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!(sk.ok(&["untag", "mine/a:1", "mine/b:2"]), "");
    let left = names();
    assert!(
        left.contains("mine/a:1") && !left.contains("mine/b"),
        "{left}"
    );
    // The registry repository's digest stays while it has a name on the image.
    assert_eq!(sk.inspect(&id, "{{len .RepoDigests}}"), "1");
    // A name the image does not carry: an error, and nothing taken off.
    let out = sk.fails(&["untag", "mine/a:1", "mine/a:1", "other:9"], 125);
    assert!(
        out.stderr.contains("other:9 is not a name of image"),
        "{out:?}"
    );
    assert!(names().contains("mine/a:1"));
    // No name: every name goes, the image stays.
    sk.ok(&["image", "untag", &id[7..19]]);
    assert_eq!(names(), "<none>:<none>\n");
    assert_eq!(sk.ok(&["images", "-q", "--no-trunc"]).trim(), id);
    sk.fails(&["untag", "mine/a:1"], 125);
}

#[test]
fn save_rmi_load_keeps_the_id() {
    require_registry!();
    let sk = Skiff::new();
    let id = pull(&sk, "busybox:latest");
    let repo = image("busybox");
    for format in ["docker-archive", "oci-archive"] {
        let archive = sk.path(&format!("{format}.tar"));
        sk.ok(&[
            "save",
            "--format",
            format,
            "-o",
            archive.to_str().unwrap(),
            &repo,
        ]);
        sk.ok(&["rmi", &repo]);
        // -q keeps the names, as docker's and podman's.
        let out = sk.ok(&["load", "-q", "-i", archive.to_str().unwrap()]);
        assert_eq!(
            out.trim(),
            format!("Loaded image: {repo}:latest"),
            "{format}"
        );
        assert_eq!(
            sk.ok(&["images", "-q", "--no-trunc"]).trim(),
            id,
            "{format}"
        );
    }
    // docker's `save REPO`: every tag of the repository, one entry per image.
    sk.ok(&["tag", &repo, "app:1"]);
    sk.ok(&["tag", &repo, "app:2"]);
    let archive = sk.path("repo.tar");
    sk.ok(&["save", "-o", archive.to_str().unwrap(), "app"]);
    sk.ok(&["rmi", "app:1", "app:2"]);
    let out = sk.ok(&["load", "-i", archive.to_str().unwrap()]);
    assert_eq!(out, "Loaded image: app:1\nLoaded image: app:2\n");
    let manifest = std::process::Command::new("tar")
        .args(["-xOf", archive.to_str().unwrap(), "manifest.json"])
        .output()
        .unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&manifest.stdout).unwrap();
    assert_eq!(
        manifest[0]["RepoTags"],
        serde_json::json!(["app:1", "app:2"])
    );
    assert_eq!(manifest.as_array().unwrap().len(), 1, "{manifest}");
}

#[test]
fn prune_removes_dangling_images_only() {
    require_registry!();
    let sk = Skiff::new();
    pull(&sk, "busybox:latest");
    let out = sk.ok(&["image", "prune", "-f"]);
    assert_eq!(out, "Total reclaimed space: 0B\n");
    // Without -f it asks on stdout, as docker; anything but yes (here no input) keeps it.
    for input in [&b""[..], b"n\n"] {
        let out = sk.run_with(
            &["image", "prune", "-a"],
            Some(input),
            crate::harness::DEFAULT_TIMEOUT,
        );
        assert_eq!(
            (out.status, out.stdout.as_str()),
            (0, "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] "),
            "{}",
            out.stderr
        );
    }
    assert_eq!(sk.ok(&["images", "-q"]).lines().count(), 1);
    assert_eq!(
        sk.ok(&["images", "--format", "{{.Dangling}} {{.ReadOnly}}"]),
        "false false\n",
        "podman's fields"
    );
    // docker's report: lower-case lines under "Deleted Images:", a blank line, the total
    // (docker's dangling=false filter is -a).
    let out = sk.ok(&["image", "prune", "--filter", "dangling=false", "-f"]);
    let name = image("busybox:latest");
    assert!(
        out.starts_with(&format!(
            "Deleted Images:\nuntagged: {name}\ndeleted: sha256:"
        )),
        "{out}"
    );
    assert!(out.contains("\n\nTotal reclaimed space: "), "{out}");
    assert_eq!(sk.ok(&["images", "-q"]).trim(), "");
}

#[test]
fn killed_pull_leaves_no_partial_blob_and_the_next_pull_works() {
    require_registry!();
    let sk = Skiff::new();
    let big = image("big:latest");
    let mut child = sk
        .cmd(&["pull", "-q", "--tls-verify=false", &big])
        .spawn()
        .expect("start skiff pull");
    // Kill it only once a layer is being downloaded: a blob's temporary file in the store's
    // tmp directory (`PID-blob-*`) has data in it.
    let tmp = sk.root().join("storage/tmp");
    let start = Instant::now();
    let partial = loop {
        let found = std::fs::read_dir(&tmp)
            .into_iter()
            .flatten()
            .flatten()
            .find(|e| {
                e.file_name().to_string_lossy().contains("-blob-")
                    && e.metadata().is_ok_and(|m| m.len() >= 1 << 20)
            });
        if let Some(e) = found {
            break e.path();
        }
        let done = child.try_wait().expect("wait for skiff pull");
        assert!(
            done.is_none() && start.elapsed() < Duration::from_secs(60),
            "the pull of {big} was never seen downloading a layer (exit: {done:?})"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    // SAFETY: kill on the pid of our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    let status = child.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(libc::SIGKILL),
        "the pull was still running when killed ({} had data)",
        partial.display()
    );
    assert_eq!(
        sk.ok(&["images", "-q"]).trim(),
        "",
        "a killed pull records no image"
    );
    let blobs = sk.root().join("storage/blobs/sha256");
    assert_only_digests(&blobs);
    pull(&sk, "big:latest");
    assert_only_digests(&blobs);
    assert!(
        !partial.exists(),
        "the killed pull's partial blob {} is cleaned up",
        partial.display()
    );
}

/// Every entry of `dir` is named by a 64-hex digest: no temporary or partial file is visible.
fn assert_only_digests(dir: &Path) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        assert!(
            name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()),
            "stray blob entry {name}"
        );
    }
}

/// `multi` as the containers see it: owners, modes, hardlinks, symlinks, whiteouts and the
/// opaque directory, in both manifest formats.
#[test]
fn multi_layer_content_is_exact() {
    require_registry!();
    let sk = Skiff::new();
    for tag in ["multi:oci", "multi:v2s2"] {
        pull(&sk, tag);
        let script = "stat -c '%u:%g %a %i' /srv/www/index.html /data/owned-1000 /data/suid /data/hard1 /data/hard2; \
                      readlink /opt/keep-link; cat /data/keep; ls /opt/dir; test -e /data/gone || echo gone-absent";
        let out = sk.ok(&[
            "run",
            "--rm",
            "--entrypoint",
            "",
            &image(tag),
            "sh",
            "-c",
            script,
        ]);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("33:33 644 "), "{tag}: {out}");
        assert!(lines[1].starts_with("1000:1000 640 "), "{tag}: {out}");
        assert!(lines[2].starts_with("0:0 4755 "), "{tag}: {out}");
        let inode = |l: &str| l.rsplit(' ').next().unwrap().to_string();
        assert_eq!(
            inode(lines[3]),
            inode(lines[4]),
            "{tag}: hardlinks share an inode: {out}"
        );
        assert_eq!(
            &lines[5..],
            ["../data/keep", "changed", "c", "gone-absent"],
            "{tag}: {out}"
        );
    }
}

#[test]
fn platform_selects_the_arm64_image() {
    require_registry!();
    let sk = Skiff::new();
    let name = image("multiarch:latest");
    sk.ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--platform",
        "linux/arm64",
        &name,
    ]);
    assert_eq!(
        sk.ok(&["image", "inspect", "-f", "{{.Architecture}}", &name])
            .trim(),
        "arm64"
    );
    let layer = layer_dirs(&sk)
        .into_iter()
        .map(|d| d.join("platform"))
        .find(|p| p.is_file());
    assert_eq!(
        std::fs::read_to_string(layer.expect("platform file")).unwrap(),
        "arm64\n"
    );
}

/// The rig marks its plain-HTTP registry insecure in registries.conf (the user's own file when
/// rootless, `CONTAINERS_REGISTRIES_CONF` as root): a pull needs no `--tls-verify=false`. Rootless,
/// this proves the user's file is still read after pull has entered the user namespace.
#[test]
fn registries_conf_marks_the_registry_insecure() {
    require_registry!();
    let sk = Skiff::new();
    let registry = crate::harness::registry().expect("require_registry checked it");
    let port = registry.rsplit(':').next().expect("host:port");
    let name = format!("localhost:{port}/library/busybox:latest");
    let out = sk.ok(&["pull", "-q", &name]);
    assert!(out.trim().starts_with("sha256:"), "{out}");
    sk.ok(&["image", "exists", &name]);
}

/// docker 28's `--platform` of `image inspect`, `history`, `save` and `push`: the image's own
/// platform goes through, another one is refused (skiff keeps one platform per image) before
/// anything is written or sent.
#[test]
fn platform_flags_accept_the_image_s_own_platform_only() {
    require_registry!();
    let sk = Skiff::new();
    let img = image("busybox:latest");
    sk.ok(&["pull", "-q", &img]);
    let own = sk.ok(&["image", "inspect", "-f", "{{.Os}}/{{.Architecture}}", &img]);
    let own = own.trim();
    let other = if own == "linux/arm64" {
        "linux/amd64"
    } else {
        "linux/arm64"
    };
    let inspected = sk.ok(&["image", "inspect", "--platform", own, "-f", "{{.Id}}", &img]);
    assert!(inspected.starts_with("sha256:"), "{inspected}");
    // The variant a platform implies is the same platform (amd64 is amd64/v1, arm64 arm64/v8).
    let implied = if own == "linux/amd64" { "v1" } else { "v8" };
    sk.ok(&[
        "history",
        "-q",
        "--platform",
        &format!("{own}/{implied}"),
        &img,
    ]);
    sk.ok(&["history", "-q", "--platform", own, &img]);
    let archive = sk.path("own.tar");
    sk.ok(&[
        "save",
        "--platform",
        own,
        "-o",
        archive.to_str().unwrap(),
        &img,
    ]);
    assert!(archive.metadata().unwrap().len() > 0);
    let refused = sk.path("other.tar");
    for args in [
        vec!["image", "inspect", "--platform", other, &img],
        vec!["history", "--platform", other, &img],
        vec![
            "save",
            "--platform",
            other,
            "-o",
            refused.to_str().unwrap(),
            &img,
        ],
        vec!["push", "--platform", other, &img, "127.0.0.1:9/x/y:1"],
    ] {
        let out = sk.fails(&args, 125);
        assert!(
            out.stderr
                .contains("does not provide the specified platform"),
            "{args:?}: {out:?}"
        );
    }
    assert!(
        !refused.exists(),
        "save wrote an archive of another platform"
    );
    // run and build with another platform pull it again and find none: docker's refusal,
    // nothing run or built; the image's own platform runs.
    let dir = sk.path("ctx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Dockerfile"), format!("FROM {img}\nRUN true\n")).unwrap();
    for args in [
        vec![
            "run",
            "--rm",
            "--platform",
            other,
            "--network",
            "none",
            &img,
            "true",
        ],
        vec![
            "build",
            "-q",
            "--platform",
            other,
            "-t",
            "other:1",
            dir.to_str().unwrap(),
        ],
    ] {
        let out = sk.fails(&args, 125);
        assert!(
            out.stderr.contains("does not match the specified platform"),
            "{args:?}: {out:?}"
        );
    }
    sk.fails(&["image", "exists", "other:1"], 1);
    sk.ok(&[
        "run",
        "--rm",
        "--platform",
        own,
        "--network",
        "none",
        &img,
        "true",
    ]);
}

/// podman's name history: every name an image was given, the latest first, kept when a name is
/// taken off or moves to another image; `images --history` shows it in a column of its own.
#[test]
fn names_history_keeps_every_name_an_image_was_given() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = crate::harness::image("busybox:latest");
    let id = sk.ok(&["pull", "-q", &img]).trim().to_string();
    sk.ok(&["tag", &id, "localhost/hist:1"]);
    sk.ok(&["tag", &id, "localhost/hist:2"]);
    sk.ok(&["untag", &id, "localhost/hist:1"]);
    let full = sk.inspect(&id, "{{index .NamesHistory 2}}");
    assert!(full.ends_with("busybox:latest"), "{full}");
    assert_eq!(
        sk.inspect(
            &id,
            "{{len .RepoTags}} {{index .NamesHistory 0}} {{index .NamesHistory 1}}"
        ),
        "2 localhost/hist:2 localhost/hist:1",
        "hist:1 was taken off and stays in the history"
    );
    // A name that moves to another image stays in the first one's history.
    sk.ok(&[
        "run",
        "--name",
        "maker",
        "--network",
        "none",
        &id,
        "touch",
        "/new",
    ]);
    sk.ok(&["commit", "-q", "maker", "localhost/hist:2"]);
    let history = sk.inspect(&id, "{{.NamesHistory}}");
    assert!(
        history.starts_with("[localhost/hist:2 localhost/hist:1 "),
        "{history}"
    );
    let column = sk.ok(&["images", "--history", "--format", "{{.ID}} {{.History}}"]);
    assert!(
        column.lines().any(|l| l
            == format!(
                "{} localhost/hist:2",
                &sk.inspect("localhost/hist:2", "{{.Id}}")[7..19]
            )),
        "{column}"
    );
    let table = sk.ok(&["images", "--history"]);
    assert!(
        table.lines().next().unwrap().ends_with("HISTORY"),
        "{table}"
    );
    sk.ok(&["rm", "maker"]);
}

/// `since=` and `before=` compare creation times to the nanosecond, as docker's: two images
/// built one after the other (often within one second, which the catalog's whole seconds
/// could not tell apart) are after and before each other.
#[test]
fn since_and_before_tell_images_apart_within_a_second() {
    require_registry!();
    let sk = Skiff::new();
    let base = image("busybox:latest");
    pull(&sk, "busybox:latest");
    for (name, word) in [("first", "one"), ("second", "two")] {
        let ctx = sk.path(name);
        std::fs::create_dir_all(&ctx).unwrap();
        let file = format!("FROM {base}\nRUN echo {word} > /word\n");
        std::fs::write(ctx.join("Dockerfile"), file).unwrap();
        let ctx_arg = ctx.display().to_string();
        sk.ok(&["build", "-q", "--network", "none", "-t", name, &ctx_arg]);
    }
    let listed =
        |filter: &str| sk.ok(&["images", "--filter", filter, "--format", "{{.Repository}}"]);
    assert_eq!(listed("since=first"), "second\n");
    let before = listed("before=second");
    assert!(before.lines().any(|l| l == "first"), "{before}");
    assert!(!before.lines().any(|l| l == "second"), "{before}");
}

/// `system df` counts the images `images` shows, as docker's: a build's intermediate step
/// images are not counted (nor do their layers count as shared).
#[test]
fn system_df_counts_the_images_images_shows() {
    require_registry!();
    let sk = Skiff::new();
    let base = image("busybox:latest");
    pull(&sk, "busybox:latest");
    let ctx = sk.path("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    let file = format!("FROM {base}\nRUN echo one > /one\nRUN echo two > /two\n");
    std::fs::write(ctx.join("Dockerfile"), file).unwrap();
    let ctx_arg = ctx.display().to_string();
    sk.ok(&["build", "-q", "--network", "none", "-t", "app", &ctx_arg]);
    let all = sk.ok(&["images", "-a", "-q"]);
    let shown = sk.ok(&["images", "-q"]);
    assert!(all.lines().count() > shown.lines().count(), "{all}");
    let df = sk.ok(&["system", "df", "--format", "{{.Type}} {{.TotalCount}}"]);
    assert!(
        df.contains(&format!("Images {}\n", shown.lines().count())),
        "{df}"
    );
}

/// A short name finds an image stored under one of registries.conf's unqualified-search
/// registries (where `pull` of that short name stores it), as podman's: `images tool` and
/// `reference=tool` list `localhost:5999/tool`; not an image of another registry.
#[test]
fn a_short_name_lists_the_search_registry_s_image() {
    let sk = Skiff::new();
    let dir = sk.path("ctx");
    std::fs::create_dir_all(dir.join("files")).unwrap();
    std::fs::write(dir.join("files/f"), "x").unwrap();
    let tar = dir.join("rootfs.tar");
    let made = std::process::Command::new("tar")
        .arg("-cf")
        .arg(&tar)
        .arg("-C")
        .arg(dir.join("files"))
        .arg("f")
        .status()
        .unwrap();
    assert!(made.success());
    let tar = tar.display().to_string();
    sk.ok(&["import", &tar, "localhost:5999/tool:1"]);
    sk.ok(&["import", &tar, "other.example:5999/tool:1"]);
    let conf = sk.path("registries.conf");
    std::fs::write(
        &conf,
        "unqualified-search-registries = [\"localhost:5999\"]\n",
    )
    .unwrap();
    let env = [("CONTAINERS_REGISTRIES_CONF", conf.as_path())];
    for args in [
        &["images", "--format", "{{.Repository}}", "tool"][..],
        &[
            "images",
            "--format",
            "{{.Repository}}",
            "--filter",
            "reference=tool:1",
        ][..],
    ] {
        let out = sk.run_env(args, &env);
        assert_eq!(out.status, 0, "{out:?}");
        assert_eq!(out.stdout, "localhost:5999/tool\n", "{args:?}");
    }
    let empty = std::path::PathBuf::from("/dev/null");
    let out = sk.run_env(
        &["images", "-q", "tool"],
        &[("CONTAINERS_REGISTRIES_CONF", &empty)],
    );
    assert_eq!(out.stdout, "", "{out:?}");
}
