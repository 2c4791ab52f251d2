//! Hostile layers through the CLI: each one fails with an error naming the layer, or lands
//! inside its layer directory; nothing is ever written outside the store.

use crate::harness::{image, Skiff};

#[test]
fn hostile_layers_never_escape() {
    require_registry!();
    let sk = Skiff::new();
    for kind in ["dotdot", "abs", "symlink", "hardlink", "symlinkdir"] {
        let name = image(&format!("hostile:{kind}"));
        let out = sk.run(&["pull", "-q", "--tls-verify=false", &name]);
        if out.status != 0 {
            assert_eq!(out.status, 125, "{kind}: {}", out.stderr);
            assert!(
                out.stderr.contains("bad layer"),
                "{kind}: the error names the layer: {}",
                out.stderr
            );
        }
        for escaped in ["dotdot", "abs", "symlink", "rel"] {
            let p = format!("/tmp/skiff-escape-{escaped}");
            assert!(
                !std::path::Path::new(&p).exists(),
                "{kind}: {p} was written outside the store"
            );
        }
    }
    // The absolute path landed inside its layer, as docker does.
    let abs = sk.root().join("storage/layers");
    let inside = std::fs::read_dir(abs)
        .unwrap()
        .flatten()
        .any(|e| e.path().join("diff/tmp/skiff-escape-abs").is_file());
    assert!(
        inside,
        "hostile:abs extracts tmp/skiff-escape-abs inside the layer"
    );
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
