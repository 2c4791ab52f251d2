//! A started container as its starter holds it, and how the end of a process is read: the
//! monitor's `exited CODE` line on the control channel, or a wait status.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;

/// A started container, from the point of view of the process that started it.
pub struct Started {
    /// The container's full id.
    pub id: String,
    /// Host pid of the container's first process.
    pub pid: i32,
    /// Control channel to the monitor: `exited CODE` arrives here.
    pub ctl: UnixStream,
    /// The container's output (all of it with a tty), when attached.
    pub stdout: Option<File>,
    /// The container's stderr, when attached without a tty.
    pub stderr: Option<File>,
    /// The pty master, when attached with a tty: write input to it, set its window size.
    pub pty_master: Option<OwnedFd>,
}

/// Reads `exited CODE` from the control channel; None if the monitor vanished.
pub fn read_exit(ctl: &UnixStream) -> Option<i32> {
    let mut line = String::new();
    let mut reader = BufReader::new(ctl);
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => return None,
            Ok(_) => {
                if let Some(code) = line.trim_end().strip_prefix("exited ") {
                    return code.parse().ok();
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        }
    }
}

/// A finished process's exit code as docker reports it (128 + signal when killed); None for
/// statuses that are not an end (stopped, continued).
pub(crate) fn exit_code(status: nix::sys::wait::WaitStatus) -> Option<i32> {
    use nix::sys::wait::WaitStatus;
    match status {
        WaitStatus::Exited(_, c) => Some(c),
        WaitStatus::Signaled(_, sig, _) => Some(128 + sig as i32),
        _ => None,
    }
}
