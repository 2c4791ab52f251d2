//! Links the `skiff` binary as a position-dependent executable (`-no-pie`).
//!
//! Every container has a monitor: a long-lived process running this binary. As a PIE, the
//! dynamic loader patches ~29,000 absolute addresses in the binary's read-only data (vtables,
//! string tables) at each start, which turns ~500 kB of it into private memory in every monitor
//! (measured with bench/monitor-mem.sh: Private_Dirty 884 kB, 500 kB of it that region). Linked
//! at a fixed address, the region needs no patching and stays shared page cache, and each start
//! skips the relocation pass. What is given up is the randomized base of the binary's own image;
//! the stack, heap, libraries and mappings stay randomized (the same trade as Go-built container
//! tools such as runc's release binaries).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    // glibc targets only: a static (musl, crt-static) build links as static-pie instead.
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
