//! Running a check once: the test's command executed in the running container the way `exec`
//! runs one (the container's user, environment, working directory and security settings), its
//! stdout and stderr kept together up to docker's 4096 bytes, and killed when it outlives the
//! timeout.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

use super::super::config::ContainerConfig;
use super::super::exec::{exec_process, ExecOptions};
use super::super::time::now_ns;
use super::config::go_duration;
use super::state::CheckResult;
use crate::error::{Error, Result};
use crate::runtime::{exec_in, Stdio};

/// docker keeps this much of a check's output.
const MAX_OUTPUT: usize = 4096;

/// A check's output: the first [`MAX_OUTPUT`] bytes, and whether more came (docker then ends it
/// with `...`).
#[derive(Default)]
struct Output {
    bytes: Vec<u8>,
    truncated: bool,
}

impl Output {
    fn push(&mut self, data: &[u8]) {
        let room = MAX_OUTPUT.saturating_sub(self.bytes.len());
        self.bytes.extend_from_slice(&data[..data.len().min(room)]);
        self.truncated |= data.len() > room;
    }

    fn text(&self) -> String {
        let mut s = String::from_utf8_lossy(&self.bytes).into_owned();
        if self.truncated {
            s.push_str("...");
        }
        s
    }
}

/// Runs `argv` in the container whose init is host pid `pid`, configured as `config`; a run
/// longer than `timeout_ns` is killed and fails with docker's message.
pub(crate) fn run(
    config: &ContainerConfig,
    secret_env: &[String],
    pid: i32,
    argv: Vec<String>,
    timeout_ns: i64,
) -> CheckResult {
    let start = now_ns();
    let (exit_code, output) = match execute(config, secret_env, pid, argv, timeout_ns) {
        Ok(done) => done,
        Err(e) => {
            let code = match e {
                Error::CommandNotFound(_) => 127,
                Error::CommandNotExecutable(_) => 126,
                _ => -1,
            };
            (code, e.to_string())
        }
    };
    CheckResult {
        start,
        end: now_ns(),
        exit_code,
        output,
    }
}

fn execute(
    config: &ContainerConfig,
    secret_env: &[String],
    pid: i32,
    argv: Vec<String>,
    timeout_ns: i64,
) -> Result<(i32, String)> {
    let process = exec_process(
        config,
        &ExecOptions {
            cmd: argv,
            ..ExecOptions::default()
        },
        secret_env,
    )?;
    let (read_end, write_end) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| Error::Runtime(format!("pipe: {e}")))?;
    let null = std::fs::File::open("/dev/null").map_err(|e| Error::io("/dev/null", e))?;
    let stdio = Stdio::Fds {
        stdin: null.into(),
        stdout: write_end.try_clone().map_err(|e| Error::io("pipe", e))?,
        stderr: write_end,
    };
    let child = exec_in(pid, &process, stdio)?.pid;
    let exited = pidfd(child);
    let deadline = Instant::now() + Duration::from_nanos(timeout_ns.max(0) as u64);
    let mut output = Output::default();
    let mut open = true;
    loop {
        if let Some(code) = reap(child) {
            drain(read_end.as_raw_fd(), &mut output);
            return Ok((code, output.text()));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            // SAFETY: kill on the check's own process, which we have not reaped yet.
            unsafe { libc::kill(child, libc::SIGKILL) };
            let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(child), None);
            drain(read_end.as_raw_fd(), &mut output);
            let limit = go_duration(timeout_ns);
            let msg = match output.text() {
                out if out.is_empty() => format!("Health check exceeded timeout ({limit})"),
                out => format!("Health check exceeded timeout ({limit}): {out}"),
            };
            return Ok((-1, msg));
        }
        // Without a pidfd (kernels before 5.3), look again every 50 ms.
        let wait = match &exited {
            Some(_) => left,
            None => left.min(Duration::from_millis(50)),
        };
        let mut fds = Vec::with_capacity(2);
        if open {
            fds.push(read_end.as_raw_fd());
        }
        fds.extend(exited.as_ref().map(|f| f.as_raw_fd()));
        let mut pfds: Vec<libc::pollfd> = fds
            .iter()
            .map(|fd| libc::pollfd {
                fd: *fd,
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        let ms = wait.as_millis().clamp(1, i32::MAX as u128) as i32;
        // SAFETY: pfds is a valid array of pollfd for its length.
        unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, ms) };
        if open && pfds[0].revents != 0 {
            open = read_some(read_end.as_raw_fd(), &mut output);
        }
    }
}

/// Reads once from `fd` into `output`; false at end of file (or an error).
fn read_some(fd: RawFd, output: &mut Output) -> bool {
    let mut buf = [0u8; 4096];
    // SAFETY: reading into a buffer we own.
    let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
    if n > 0 {
        output.push(&buf[..n as usize]);
    }
    n > 0 || (n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted)
}

/// Takes what the check's output pipe still holds, without waiting for its end: a process
/// the check left in the background may keep it open.
fn drain(fd: RawFd, output: &mut Output) {
    // SAFETY: fcntl on a descriptor we own.
    unsafe { libc::fcntl(fd, libc::F_SETFL, libc::O_NONBLOCK) };
    while read_some(fd, output) {}
}

/// The exit code of `pid` once it has ended (reaping it), None while it runs.
fn reap(pid: i32) -> Option<i32> {
    use nix::sys::wait::{waitpid, WaitPidFlag};
    match waitpid(nix::unistd::Pid::from_raw(pid), Some(WaitPidFlag::WNOHANG)) {
        Ok(status) => super::super::started::exit_code(status),
        Err(nix::errno::Errno::EINTR) => None,
        Err(_) => Some(-1),
    }
}

/// A descriptor that becomes readable when process `pid` (our child) ends; None where the
/// kernel has no pidfd_open.
fn pidfd(pid: i32) -> Option<OwnedFd> {
    // SAFETY: pidfd_open with no flags on a pid we started.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    // SAFETY: a fresh descriptor from the kernel.
    (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_keeps_4096_bytes_and_says_it_was_cut() {
        let mut o = Output::default();
        o.push(b"hi\n");
        assert_eq!(o.text(), "hi\n");
        o.push(&[b'x'; 5000]);
        let text = o.text();
        assert_eq!(text.len(), MAX_OUTPUT + 3);
        assert!(text.starts_with("hi\nxxx") && text.ends_with("x..."));
    }
}
