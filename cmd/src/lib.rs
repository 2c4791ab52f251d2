//! skiff's command line: clap definitions, one module per noun/verb, docker-compatible output
//! (tables, `--format` Go templates, JSON) and docker's exit codes.

mod auto_update;
mod builder;
mod buildx;
mod cli;
mod compose;
mod container;
mod context;
mod events;
mod exit;
pub mod format;
#[cfg(test)]
mod gen;
mod generate;
mod image;
mod info;
mod kube;
mod lazy;
mod manifest;
mod named;
mod network;
mod objects;
mod pod;
pub mod progress;
pub mod quadlet;
mod secret;
mod system;
mod unshare;
mod volume;

pub use cli::Cli;

/// Parses `argv`, runs the command and returns the process exit code (docker's conventions:
/// 125 for skiff's own errors, 126/127 when the container's command cannot run or is missing,
/// otherwise the container's own status).
pub fn main() -> i32 {
    // Like other Unix tools (and docker), end quietly when the reader of our output goes away
    // (`skiff inspect x | head`): Rust ignores SIGPIPE by default, which turns it into a panic.
    // SAFETY: restoring the default disposition before any thread exists.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    cli::run()
}
