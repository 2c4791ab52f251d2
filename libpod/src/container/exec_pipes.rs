//! The streams of an `exec` without a terminal: pipes the CLI copies to and from its own, as
//! docker's and podman's give, never the caller's descriptors themselves. A container process
//! holding the caller's terminal could read what the user types after `exec` returned, and
//! one holding a file given as input (`< file`, `2>> log`) could reopen it through
//! /proc/self/fd and write or read it whole.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long the output is still copied after the process ended while nothing more comes (a
/// background process of the command may hold the pipes open for ever: docker's `exec`
/// returns at the command's end too).
const QUIET_AFTER_EXIT: Duration = Duration::from_millis(200);

/// A copy's state, for [`ExecPipes::finish`]: waiting for input, writing it out, or done.
const READING: u8 = 0;
const WRITING: u8 = 1;
const DONE: u8 = 2;

/// What one copy reports: bytes read so far and its state.
#[derive(Default)]
pub(crate) struct Progress {
    read: AtomicU64,
    state: AtomicU8,
}

/// What the process gets as fd 0, 1 and 2.
pub(crate) type ChildEnds = (OwnedFd, OwnedFd, OwnedFd);

/// The caller's ends of an exec's pipes, until [`ExecPipes::run`] starts copying them.
pub(crate) struct ExecPipes {
    outputs: Vec<(File, File)>,
    input: Option<(File, File)>,
}

/// The copies of an exec's output running in the caller.
pub(crate) struct Copies {
    outputs: Vec<(std::thread::JoinHandle<()>, Arc<Progress>)>,
}

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

/// Waits until `fd` is ready for `events` (a caller's descriptor left non-blocking).
fn wait_ready(fd: BorrowedFd<'_>, events: libc::c_short) {
    let mut p = libc::pollfd {
        fd: fd.as_raw_fd(),
        events,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut p, 1, -1) };
}

/// Copies `from` to `to` until `from` ends or `to` fails, reporting in `progress`. SIGPIPE is
/// blocked in this thread: a reader that went away (the container's process, the caller's
/// pipe) ends the copy, not skiff (whose SIGPIPE is the default, as a CLI's).
pub(crate) fn copy_stream(mut from: File, mut to: File, progress: &Progress) {
    let mut pipe_signal = nix::sys::signal::SigSet::empty();
    pipe_signal.add(nix::sys::signal::Signal::SIGPIPE);
    let _ = pipe_signal.thread_block();
    let mut buf = [0u8; 16384];
    loop {
        progress.state.store(READING, Ordering::Relaxed);
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                wait_ready(from.as_fd(), libc::POLLIN);
                continue;
            }
            Err(_) => break,
        };
        progress.read.fetch_add(n as u64, Ordering::Relaxed);
        progress.state.store(WRITING, Ordering::Relaxed);
        let mut left = &buf[..n];
        while !left.is_empty() {
            match to.write(left) {
                Ok(0) => break,
                Ok(w) => left = &left[w..],
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    wait_ready(to.as_fd(), libc::POLLOUT)
                }
                Err(_) => {
                    progress.state.store(DONE, Ordering::Relaxed);
                    return;
                }
            }
        }
    }
    progress.state.store(DONE, Ordering::Relaxed);
}

impl ExecPipes {
    /// Pipes for the process's output, to be copied to `stdout` and `stderr`, and for its
    /// input, copied from `stdin` when given (`-i`), else /dev/null: the process's ends, and
    /// the caller's, which [`ExecPipes::run`] copies once the process is started (so no
    /// thread runs while the exec forks, and no input is read for a command that could not
    /// start).
    pub(crate) fn open(
        stdin: Option<BorrowedFd<'_>>,
        stdout: BorrowedFd<'_>,
        stderr: BorrowedFd<'_>,
    ) -> Result<(ChildEnds, ExecPipes)> {
        let (out_r, out_w) = pipe()?;
        let (err_r, err_w) = pipe()?;
        let outputs = vec![
            (File::from(out_r), owned(stdout, "stdout")?),
            (File::from(err_r), owned(stderr, "stderr")?),
        ];
        let (child_in, input) = match stdin {
            Some(caller) => {
                let (in_r, in_w) = pipe()?;
                (in_r, Some((owned(caller, "stdin")?, File::from(in_w))))
            }
            None => (
                File::open("/dev/null")
                    .map_err(|e| Error::io("/dev/null", e))?
                    .into(),
                None,
            ),
        };
        Ok(((child_in, out_w, err_w), ExecPipes { outputs, input }))
    }

    /// Starts the copies. The input's is not waited for: a read of the caller's terminal may
    /// block past the command's end.
    pub(crate) fn run(self) -> Copies {
        if let Some((from, to)) = self.input {
            std::thread::spawn(move || copy_stream(from, to, &Progress::default()));
        }
        let outputs = self
            .outputs
            .into_iter()
            .map(|(from, to)| {
                let progress = Arc::new(Progress::default());
                let mine = progress.clone();
                (
                    std::thread::spawn(move || copy_stream(from, to, &mine)),
                    progress,
                )
            })
            .collect();
        Copies { outputs }
    }
}

impl Copies {
    /// After the process ended: lets the copies finish, until the pipes end, or every copy
    /// has waited for more input for [`QUIET_AFTER_EXIT`] with nothing read (a copy writing to
    /// a slow reader, `| less`, is never cut short).
    pub(crate) fn finish(self) {
        let state = |p: &Progress| p.state.load(Ordering::Relaxed);
        let read = |c: &[(std::thread::JoinHandle<()>, Arc<Progress>)]| -> u64 {
            c.iter().map(|(_, p)| p.read.load(Ordering::Relaxed)).sum()
        };
        let mut seen = read(&self.outputs);
        let mut quiet_since = Instant::now();
        // Short naps first: the copies usually reach the pipes' end microseconds after the
        // process (a fixed 5 ms nap added up to 5 ms to a quick `exec`).
        let mut nap = Duration::from_micros(20);
        while !self.outputs.iter().all(|(_, p)| state(p) == DONE) {
            std::thread::sleep(nap);
            nap = (nap * 2).min(Duration::from_millis(5));
            let now = read(&self.outputs);
            let waiting = self.outputs.iter().all(|(_, p)| state(p) != WRITING);
            if now != seen || !waiting {
                seen = now;
                quiet_since = Instant::now();
            } else if quiet_since.elapsed() >= QUIET_AFTER_EXIT {
                return;
            }
        }
        for (t, _) in self.outputs {
            let _ = t.join();
        }
    }
}
