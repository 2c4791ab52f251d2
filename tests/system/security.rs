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
