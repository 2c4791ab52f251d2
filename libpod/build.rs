//! Builds `init/skiff-init.rs`, the PID 1 that `skiff run --init` mounts into containers, as a
//! static executable in `OUT_DIR`; the engine embeds it (see `container::init_binary`).
//!
//! It is compiled with rustc directly rather than as a workspace binary because it must be
//! linked statically (it runs in any image, with or without a C library) while skiff itself is
//! not, and Cargo has no per-binary `crt-static`.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let source = "init/skiff-init.rs";
    println!("cargo:rerun-if-changed={source}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    let status = Command::new(rustc)
        .args([
            "--edition=2021",
            "--crate-type=bin",
            "--crate-name=skiff_init",
        ])
        .args(["--target", &target])
        .args([
            "-C",
            "opt-level=s",
            "-C",
            "panic=abort",
            "-C",
            "codegen-units=1",
        ])
        .args(["-C", "lto=fat", "-C", "strip=symbols"])
        .args(["-C", "target-feature=+crt-static"])
        .arg(source)
        .arg("-o")
        .arg(out.join("skiff-init"))
        .status()
        .expect("running rustc for skiff-init");
    assert!(
        status.success(),
        "building skiff-init failed: it links the C library statically, so the static C \
         library must be installed (Debian: libc6-dev; musl targets ship their own)"
    );
}
