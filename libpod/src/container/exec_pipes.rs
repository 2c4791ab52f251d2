//! The streams of an `exec` without a terminal: pipes the CLI copies to and from its own, as
//! docker's and podman's give, never the caller's descriptors themselves. A container process
//! holding the caller's terminal could read what the user types after `exec` returned, and
//! one holding a file given as input (`< file`, `2>> log`) could reopen it through
//! /proc/self/fd and write or read it whole.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{BorrowedFd, OwnedFd};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long the output is still copied after the process ended while it keeps coming (a
/// background process of the command may hold the pipes open for ever: docker's `exec`
/// returns at the command's end too).
const QUIET_AFTER_EXIT: Duration = Duration::from_millis(200);

/// The copies of an exec's output running in the caller.
pub(crate) struct ExecPipes {
    copies: Vec<(std::thread::JoinHandle<()>, Arc<AtomicU64>)>,
}

/// What the process gets as fd 0, 1 and 2.
pub(crate) type ChildEnds = (OwnedFd, OwnedFd, OwnedFd);

/// A pipe: (read end, write end).
fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| Error::Runtime(format!("pipe: {e}")))
}

/// A copy of `fd` the caller owns.
fn owned(fd: BorrowedFd<'_>, what: &str) -> Result<File> {
    fd.try_clone_to_owned()
        .map(File::from)
        .map_err(|e| Error::io(what, e))
}

/// Copies `from` to `to` until `from` ends (or `to` fails), counting the bytes in `moved`.
fn copy(mut from: File, mut to: File, moved: Arc<AtomicU64>) {
    let mut buf = [0u8; 16384];
    loop {
        match from.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    return;
                }
                moved.fetch_add(n as u64, Ordering::Relaxed);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

impl ExecPipes {
    /// Pipes for the process's output, copied to `stdout` and `stderr`, and for its input,
    /// copied from `stdin` when given (`-i`), else /dev/null: the process's ends, and the
    /// copies.
    pub(crate) fn start(
        stdin: Option<BorrowedFd<'_>>,
        stdout: BorrowedFd<'_>,
        stderr: BorrowedFd<'_>,
    ) -> Result<(ChildEnds, ExecPipes)> {
        let (out_r, out_w) = pipe()?;
        let (err_r, err_w) = pipe()?;
        let mut copies = Vec::new();
        for (from, to, what) in [(out_r, stdout, "stdout"), (err_r, stderr, "stderr")] {
            let (to, moved) = (owned(to, what)?, Arc::new(AtomicU64::new(0)));
            let counter = moved.clone();
            let from = File::from(from);
            copies.push((std::thread::spawn(move || copy(from, to, counter)), moved));
        }
        let child_in: OwnedFd = match stdin {
            Some(input) => {
                let (in_r, in_w) = pipe()?;
                let input = owned(input, "stdin")?;
                // Not waited for: a read of the caller's terminal may block past the end.
                std::thread::spawn(move || copy(input, File::from(in_w), Arc::default()));
                in_r
            }
            None => File::open("/dev/null")
                .map_err(|e| Error::io("/dev/null", e))?
                .into(),
        };
        Ok(((child_in, out_w, err_w), ExecPipes { copies }))
    }

    /// After the process ended: lets the copies finish what it wrote, until the pipes end or
    /// nothing more came for [`QUIET_AFTER_EXIT`].
    pub(crate) fn finish(self) {
        let total = |c: &[(std::thread::JoinHandle<()>, Arc<AtomicU64>)]| -> u64 {
            c.iter().map(|(_, m)| m.load(Ordering::Relaxed)).sum()
        };
        let mut seen = total(&self.copies);
        let mut quiet_since = Instant::now();
        while !self.copies.iter().all(|(t, _)| t.is_finished()) {
            std::thread::sleep(Duration::from_millis(5));
            let now = total(&self.copies);
            if now != seen {
                seen = now;
                quiet_since = Instant::now();
            } else if quiet_since.elapsed() >= QUIET_AFTER_EXIT {
                return;
            }
        }
        for (t, _) in self.copies {
            let _ = t.join();
        }
    }
}
