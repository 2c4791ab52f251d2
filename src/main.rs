//! The `skiff` binary: parses argv into a command and dispatches it.

fn main() {
    // Hidden re-exec entry point: the per-container monitor (`skiff __monitor ...`).
    if let Some(code) = skiff_libpod::container::monitor::entry_point() {
        std::process::exit(code);
    }
    // The systemd generator, when skiff is linked as skiff-user-generator/-system-generator.
    if let Some(code) = skiff_cmd::quadlet::generator_entry_point() {
        std::process::exit(code);
    }
    std::process::exit(skiff_cmd::main());
}
