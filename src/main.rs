//! The `skiff` binary: parses argv into a command and dispatches it.

fn main() {
    std::process::exit(skiff_cmd::main());
}
