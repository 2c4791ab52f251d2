//! Work done in a short-lived forked child: the caller stays where it is (its namespaces, its
//! threads) and learns the child's error through a pipe.

use std::io::{Read, Write};

use nix::sys::wait::WaitStatus;

/// Runs `f` in a forked child and waits for it. An error is the message `f` returned, or, when
/// the child wrote none, `ended` given how it ended; a failed pipe or fork is named as such.
/// The caller must be single-threaded (the child runs `f`, writes to the pipe and leaves with
/// `_exit`).
pub(crate) fn in_child(
    f: impl FnOnce() -> Result<(), String>,
    ended: impl FnOnce(nix::Result<WaitStatus>) -> String,
) -> Result<(), String> {
    let (r, w) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| format!("pipe: {e}"))?;
    // SAFETY: the callers are single-threaded; the child only runs `f`, writes to the pipe and
    // leaves with _exit.
    let child = unsafe { libc::fork() };
    if child < 0 {
        return Err(format!("fork: {}", std::io::Error::last_os_error()));
    }
    if child == 0 {
        drop(r);
        let code = match f() {
            Ok(()) => 0,
            Err(e) => {
                let _ = std::fs::File::from(w).write_all(e.as_bytes());
                1
            }
        };
        // SAFETY: leaving the forked child without running the parent's destructors.
        unsafe { libc::_exit(code) }
    }
    drop(w);
    let mut text = String::new();
    let _ = std::fs::File::from(r).read_to_string(&mut text);
    match nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(child), None) {
        Ok(WaitStatus::Exited(_, 0)) if text.is_empty() => Ok(()),
        _ if !text.is_empty() => Err(text),
        other => Err(ended(other)),
    }
}
