//! Hostile layers through the CLI: each one fails with an error naming the layer, or lands
//! inside its layer directory; nothing is ever written outside the store.
//!
//! The fixtures (tests/rig/fixtures.py, pushed as `hostile:{dotdot,abs,symlink,hardlink,
//! symlinkdir}`) climb with more `..` than any store is deep, and the kernel stops `..` at `/`,
//! so an extractor that follows one of them writes at a fixed host path wherever the store is:
//! `/tmp/skiff-escape-*`, or a hard link to the host's `/etc/passwd`. Each test looks there and
//! in the test's own directory, and requires the refusal docker gives, so each fails on a binary
//! with the bug it names.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::harness::{image, Output, Skiff};

/// Pulls `hostile:KIND` into a fresh instance, after making sure `escape` (the host file the
/// layer aims at, if it writes one) is not there from an earlier run; checks that nothing named
/// `skiff-escape-*` was written outside a layer's `diff` directory, neither at `escape` nor in
/// the test's own directory.
fn pull_hostile(kind: &str, escape: Option<&str>) -> (Skiff, Output) {
    let escape = escape.map(Path::new);
    if let Some(p) = escape.filter(|p| p.symlink_metadata().is_ok()) {
        // A broken binary's leftover (the check below removes what it finds, so only a run that
        // was killed leaves one): the result must come from this run.
        std::fs::remove_file(p).unwrap_or_else(|e| {
            panic!(
                "{} is left from an earlier run and cannot be removed ({e}): remove it as root",
                p.display()
            )
        });
    }
    let sk = Skiff::new();
    let out = sk.run(&[
        "pull",
        "-q",
        "--tls-verify=false",
        &image(&format!("hostile:{kind}")),
    ]);
    if let Some(p) = escape.filter(|p| p.symlink_metadata().is_ok()) {
        let _ = std::fs::remove_file(p);
        panic!(
            "hostile:{kind} wrote {} on the host (removed now); pull: {out:?}",
            p.display()
        );
    }
    let outside: Vec<PathBuf> = files(sk.dir())
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("skiff-escape-"))
                && !in_layer(&sk, p)
        })
        .collect();
    assert!(
        outside.is_empty(),
        "hostile:{kind} wrote outside its layer directory: {outside:?}; pull: {out:?}"
    );
    (sk, out)
}

/// Whether `p` lies in an extracted layer: `ROOT/storage/layers/<chain-id>/diff/...`.
fn in_layer(sk: &Skiff, p: &Path) -> bool {
    let Ok(rel) = p.strip_prefix(sk.root().join("storage/layers")) else {
        return false;
    };
    rel.components()
        .nth(1)
        .is_some_and(|c| c.as_os_str() == "diff")
}

/// Every path below `dir` (symlinks not followed; unreadable directories skipped).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                todo.push(p.clone());
            }
            out.push(p);
        }
    }
    out
}

/// The pull failed as docker's does: exit 125, the error names the bad layer and `why`.
fn refused(kind: &str, out: &Output, why: &str) {
    assert_eq!(out.status, 125, "hostile:{kind} must be refused: {out:?}");
    assert!(
        out.stderr.contains("bad layer") && out.stderr.contains(why),
        "hostile:{kind}: the error names the layer and says {why:?}: {}",
        out.stderr
    );
}

/// Either refused naming the layer, or extracted with `rel` inside a layer (as docker, which
/// extracts in a chroot, does).
fn refused_or_inside(kind: &str, sk: &Skiff, out: &Output, rel: &str) {
    if out.status != 0 {
        refused(kind, out, "");
        return;
    }
    assert!(
        layer_has(sk, rel),
        "hostile:{kind} was pulled, so {rel} is inside its layer"
    );
}

/// Whether some extracted layer holds the regular file `rel`.
fn layer_has(sk: &Skiff, rel: &str) -> bool {
    std::fs::read_dir(sk.root().join("storage/layers"))
        .unwrap()
        .flatten()
        .any(|e| e.path().join("diff").join(rel).is_file())
}

/// `../../…/tmp/skiff-escape-dotdot`: refused (docker: "invalid path"), written nowhere.
#[test]
fn hostile_dotdot_is_refused() {
    require_registry!();
    let (_sk, out) = pull_hostile("dotdot", Some("/tmp/skiff-escape-dotdot"));
    refused("dotdot", &out, "climbs above the layer root");
}

/// `/tmp/skiff-escape-abs`: the leading `/` is dropped, as docker does: it lands inside.
#[test]
fn hostile_absolute_path_lands_inside_the_layer() {
    require_registry!();
    let (sk, out) = pull_hostile("abs", Some("/tmp/skiff-escape-abs"));
    assert_eq!(out.status, 0, "{out:?}");
    assert!(
        layer_has(&sk, "tmp/skiff-escape-abs"),
        "hostile:abs extracts tmp/skiff-escape-abs inside the layer"
    );
}

/// `evil -> /tmp`, then `evil/skiff-escape-symlink`: never through the host's /tmp.
#[test]
fn hostile_symlink_is_not_followed_out() {
    require_registry!();
    let (sk, out) = pull_hostile("symlink", Some("/tmp/skiff-escape-symlink"));
    refused_or_inside("symlink", &sk, &out, "tmp/skiff-escape-symlink");
}

/// `d -> ../../…`, then `d/tmp/skiff-escape-rel`: resolved inside the layer.
#[test]
fn hostile_symlinked_directory_is_not_followed_out() {
    require_registry!();
    let (sk, out) = pull_hostile("symlinkdir", Some("/tmp/skiff-escape-rel"));
    refused_or_inside("symlinkdir", &sk, &out, "tmp/skiff-escape-rel");
}

/// `passwd` hard-linked to `../../…/etc/passwd`: refused (docker: "invalid hardlink"), and no
/// file of the store is the host's /etc/passwd.
#[test]
fn hostile_hardlink_is_refused() {
    require_registry!();
    let (sk, out) = pull_hostile("hardlink", None);
    let host = std::fs::metadata("/etc/passwd").unwrap();
    let linked: Vec<PathBuf> = files(sk.dir())
        .into_iter()
        .filter(|p| {
            p.symlink_metadata()
                .is_ok_and(|m| (m.dev(), m.ino()) == (host.dev(), host.ino()))
        })
        .collect();
    assert!(
        linked.is_empty(),
        "hostile:hardlink linked the host's /etc/passwd into the store: {linked:?}"
    );
    refused("hardlink", &out, "hardlink");
}

/// The rig overwrites tampered:latest's layer in the registry: the pull fails naming the
/// blob, and every blob left in the store hashes to its name.
#[test]
fn tampered_blob_is_rejected_and_not_kept() {
    require_registry!();
    let sk = Skiff::new();
    let out = sk.run(&["pull", "--tls-verify=false", &image("tampered:latest")]);
    assert_eq!(
        out.status, 125,
        "a tampered layer must fail the pull: {}",
        out.stdout
    );
    assert!(out.stderr.contains("digest mismatch"), "{}", out.stderr);
    let blobs = sk.root().join("storage/blobs/sha256");
    for e in std::fs::read_dir(blobs).into_iter().flatten().flatten() {
        let sum = std::process::Command::new("sha256sum")
            .arg(e.path())
            .output()
            .expect("sha256sum");
        let sum = String::from_utf8_lossy(&sum.stdout);
        let name = e.file_name().to_string_lossy().to_string();
        assert!(
            sum.starts_with(&name),
            "blob {name} does not hash to its name: {sum}"
        );
    }
    assert_eq!(sk.ok(&["images", "-q"]).trim(), "", "nothing is recorded");
}

/// An image whose VOLUME path is a symlink out of the image (`/data -> HOST_DIR`): the new
/// volume is filled from the image's own files only, never from the host directory the link
/// names (rootless, that was the user's own files, for the container to read).
#[test]
fn a_volume_path_that_is_a_symlink_copies_nothing_from_the_host() {
    let sk = Skiff::new();
    let secret_dir = sk.path("host-secrets");
    std::fs::create_dir_all(&secret_dir).unwrap();
    std::fs::write(secret_dir.join("id_rsa"), "TOP-SECRET\n").unwrap();
    let tree = sk.path("tree");
    std::fs::create_dir_all(tree.join("bin")).unwrap();
    std::os::unix::fs::symlink(&secret_dir, tree.join("data")).unwrap();
    std::os::unix::fs::symlink(&secret_dir, tree.join("nested")).unwrap();
    let tar = sk.path("linked.tar");
    let out = std::process::Command::new("tar")
        .args([
            "-cf",
            &tar.display().to_string(),
            "-C",
            &tree.display().to_string(),
            ".",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let tar = tar.display().to_string();
    sk.ok(&[
        "import",
        "-c",
        "VOLUME /data /nested/deeper",
        &tar,
        "localhost/linked:1",
    ]);
    for (vol, path) in [("v1", "/data"), ("v2", "/nested/deeper")] {
        sk.ok(&[
            "create",
            "--name",
            "c",
            "-v",
            &format!("{vol}:{path}"),
            "localhost/linked:1",
            "true",
        ]);
        let mountpoint = sk.ok(&["volume", "inspect", "-f", "{{.Mountpoint}}", vol]);
        let copied: Vec<_> = std::fs::read_dir(mountpoint.trim())
            .unwrap()
            .flatten()
            .collect();
        assert!(
            copied.is_empty(),
            "{path}: host files reached the volume: {copied:?}"
        );
        sk.ok(&["rm", "c"]);
        sk.ok(&["volume", "rm", vol]);
    }
}

/// A container process never gets the caller's own descriptors as its stdio: `exec` without a
/// terminal, `exec -i`, `run -i` and `start -ai` give it pipes the CLI copies, as docker's and
/// podman's. With the caller's descriptor it could reopen a file given as input through
/// /proc/self/fd and overwrite it (or read what the user types after skiff returned).
#[test]
fn the_callers_stdio_never_reaches_the_container() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let victim = sk.path("victim");
    let overwrite = "echo OVERWRITTEN > /proc/self/fd/0; echo X > /proc/self/fd/1";
    let with_input = |args: &[&str]| {
        std::fs::write(&victim, "original\n").unwrap();
        let out = sk
            .cmd(args)
            .stdin(std::fs::File::open(&victim).unwrap())
            .output()
            .unwrap();
        let kept = std::fs::read_to_string(&victim).unwrap();
        assert_eq!(kept, "original\n", "{args:?}: {out:?}");
    };
    sk.ok(&[
        "run", "-d", "--name", "c", "--rootfs", &rootfs, "sleep", "300",
    ]);
    with_input(&["exec", "-i", "c", "sh", "-c", overwrite]);
    with_input(&["exec", "c", "sh", "-c", overwrite]);
    with_input(&[
        "run", "--rm", "-i", "--rootfs", &rootfs, "sh", "-c", overwrite,
    ]);
    sk.ok(&[
        "create", "-i", "--name", "s", "--rootfs", &rootfs, "sh", "-c", overwrite,
    ]);
    with_input(&["start", "-ai", "s"]);
    // What the process has: pipes, whatever the caller's are.
    let fds = sk.ok(&[
        "exec",
        "c",
        "sh",
        "-c",
        "readlink /proc/self/fd/1; readlink /proc/self/fd/2",
    ]);
    assert!(fds.lines().all(|l| l.starts_with("pipe:")), "{fds}");
    // The streams still carry the data, in and out, and the exit code.
    let out = sk.run_with(
        &["exec", "-i", "c", "sh", "-c", "cat; echo err >&2; exit 3"],
        Some(b"through\n"),
        crate::harness::DEFAULT_TIMEOUT,
    );
    assert_eq!(out.status, 3, "{out:?}");
    assert_eq!(out.stdout, "through\n");
    assert_eq!(out.stderr, "err\n");
    sk.ok(&["rm", "-f", "-t", "0", "c", "s"]);
}

/// A new store's root directory is its owner's alone (docker's CVE-2021-41091): a
/// container can make setuid files and device nodes in its layer and its volumes, which
/// another user of the host must not reach through the store's paths.
#[test]
fn the_store_is_private_to_its_owner() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["run", "--rm", "--rootfs", &rootfs, "true"]);
    let mode = std::fs::metadata(sk.root()).unwrap().mode();
    assert_eq!(mode & 0o077, 0, "the store's root is {mode:o}");
}
