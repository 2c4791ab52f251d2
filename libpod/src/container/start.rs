//! `start`: forks the container's monitor (detached with setsid and a double fork), waits for it
//! to report that the container's process runs, and records that in the catalog.
//!
//! The monitor and the starting `skiff` talk over a socketpair (the control channel): the starter
//! first hands the monitor the container's record ([`super::handoff`]); the monitor
//! sends `started PID MONITOR_PID MONITOR_START` (with the pty master attached as SCM_RIGHTS when
//! the container has a terminal), or `error CODE MESSAGE`; later `exited CODE` once the container
//! ended and its exit (and `--rm`) was recorded.

use std::fs::File;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::net::UnixStream;

pub use super::started::{read_exit, Started};

use super::rows;
use super::{monitor, State};
use crate::engine::Engine;
use crate::error::{Error, Result};

/// What the monitor reported on the control channel.
pub(crate) enum Report {
    Started {
        pid: i32,
        monitor_pid: i32,
        monitor_start: u64,
        /// When the monitor saw the command started (unix ns): StartedAt.
        started_at: i64,
        pty: Option<OwnedFd>,
    },
    Failed {
        code: i32,
        message: String,
    },
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| Error::Runtime(format!("pipe: {e}")))
}

/// Copies the caller's stdin into `to` until it ends (then `to` closes: the container sees
/// the end) or the container stops reading (SIGPIPE blocked: that ends the copy, not skiff).
/// Not waited for: a read of the caller's terminal may block past the container's end, and
/// the process exits without it.
fn feed_from_caller(to: OwnedFd) {
    let Ok(from) = std::io::stdin().as_fd().try_clone_to_owned() else {
        return;
    };
    std::thread::spawn(move || {
        super::exec_pipes::copy_stream(File::from(from), File::from(to), &Default::default())
    });
}

/// Reads the first report from the monitor.
fn read_report(ctl: &UnixStream) -> Result<Report> {
    let (line_bytes, fd) = read_line_with_fd(ctl)
        .map_err(|e| Error::Runtime(format!("reading from the container monitor: {e}")))?;
    let line = String::from_utf8_lossy(&line_bytes).into_owned();
    let line = line.as_str();
    let mut words = line.splitn(2, ' ');
    match (words.next(), words.next()) {
        (Some("started"), Some(rest)) => {
            let nums: Vec<u64> = rest.split(' ').filter_map(|w| w.parse().ok()).collect();
            if nums.len() != 4 {
                return Err(Error::Runtime(format!("container monitor sent a malformed report: {line:?}")));
            }
            Ok(Report::Started { pid: nums[0] as i32, monitor_pid: nums[1] as i32, monitor_start: nums[2], started_at: nums[3] as i64, pty: fd })
        }
        (Some("error"), Some(rest)) => {
            let (code, message) = rest.split_once(' ').unwrap_or((rest, ""));
            Ok(Report::Failed { code: code.parse().unwrap_or(125), message: message.to_string() })
        }
        _ => Err(Error::Runtime(
            "the container monitor exited before starting the container; run with --log-level debug for details".into(),
        )),
    }
}

/// Reads one line (without its newline; what came before the end of the stream) and the
/// descriptor sent with it. The monitor may already have queued its next message (`exited N`),
/// which belongs to whoever reads the exit later: each read first peeks at what has arrived
/// (a peek without room for a descriptor installs none) and then takes no more than the line.
fn read_line_with_fd(ctl: &UnixStream) -> nix::Result<(Vec<u8>, Option<OwnedFd>)> {
    use nix::sys::socket::{recv, MsgFlags};
    let mut line = Vec::with_capacity(64);
    let mut fd = None;
    let mut peeked = [0u8; 256];
    loop {
        let n = match recv(ctl.as_raw_fd(), &mut peeked, MsgFlags::MSG_PEEK) {
            Ok(0) => return Ok((line, fd)),
            Ok(n) => n,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e),
        };
        let end = peeked[..n].iter().position(|b| *b == b'\n');
        let take = end.map_or(n, |i| i + 1);
        let mut buf = vec![0u8; take];
        let (got, fds) = crate::runtime::sync::recv_with_fds::<1>(ctl.as_raw_fd(), &mut buf)?;
        if let Some(sent) = fds.into_iter().next() {
            fd = Some(sent);
        }
        line.extend_from_slice(&buf[..got]);
        if line.last() == Some(&b'\n') {
            line.pop();
            return Ok((line, fd));
        }
    }
}

impl Engine {
    /// Starts a created or exited container. With `attach`, the caller gets the container's
    /// output streams (and stdin is the caller's own, or the pty). Returns None when it already runs.
    pub fn start_container(&mut self, name_or_id: &str, attach: bool) -> Result<Option<Started>> {
        self.start_fed(name_or_id, attach, None, attach)
    }

    /// podman's `--requires`: starts each container `rec` requires that is not running.
    fn start_required(&mut self, rec: &super::rows::ContainerRecord) -> Result<()> {
        for id in &rec.config.requires {
            let required = self.lookup_container(id).map_err(|e| match e {
                Error::NotFound { .. } => Error::Conflict(format!(
                    "container {} requires container {}, which no longer exists: create it \
                     again, or recreate {} without --requires",
                    rec.name,
                    &id[..12.min(id.len())],
                    rec.name
                )),
                e => e,
            })?;
            if !required.state.is_active() {
                self.start_container(id, false)?;
            }
        }
        Ok(())
    }

    /// [`Self::start_container`] with the container's input from `stdin` (what an attached
    /// client types, for a container created with `-i` and no tty; ignored otherwise) instead
    /// of the caller's own stdin.
    pub fn start_container_with(
        &mut self,
        name_or_id: &str,
        attach: bool,
        stdin: Option<OwnedFd>,
    ) -> Result<Option<Started>> {
        self.start_fed(name_or_id, attach, stdin, false)
    }

    /// [`Self::start_container_with`]; with `from_caller` and no `stdin`, the input of a
    /// container created with `-i` is copied from the caller's own stdin through a pipe, never
    /// that descriptor itself: a container process holding the caller's terminal could read
    /// what the user types after `run` returned, and one holding a file given as input
    /// (`< file`) could reopen it through /proc/self/fd and write it.
    fn start_fed(
        &mut self,
        name_or_id: &str,
        attach: bool,
        stdin: Option<OwnedFd>,
        from_caller: bool,
    ) -> Result<Option<Started>> {
        let given_stdin = stdin;
        let found = self.lookup_container(name_or_id)?;
        self.start_pod_infra_for(&found)?;
        self.start_required(&found)?;
        self.enter_userns_for(&found)?;
        let (lock, mut rec) = self.relock_container(name_or_id, &found)?;
        match rec.state {
            State::Running | State::Paused | State::Restarting => return Ok(None),
            State::Removing | State::Dead => {
                return Err(Error::Conflict(format!(
                    "container {} is {}: it cannot be started; remove it with `skiff rm -f {}`",
                    rec.name, rec.state, rec.name
                )))
            }
            State::Created | State::Initialized | State::Exited => {}
        }
        self.refuse_mounted(&rec)?;
        let preserved = self
            .fds_for_start
            .take_if(|(id, _)| *id == rec.id)
            .map_or(0, |(_, n)| n);
        // docker records an attached client before the start; a container last stopped by
        // the user is no longer (its restart policy applies again), and a start by hand
        // counts its restart policy's retries from 0 again (`RestartCount`). Nothing else to
        // write: no transaction.
        if attach || rec.stopped_by_user || rec.restart_count > 0 {
            self.catalog()?.write(|tx| {
                if attach {
                    crate::events::record_container(tx, &rec.id, "attach", &[]);
                }
                if rec.restart_count > 0 {
                    rows::reset_restart_count(tx, &rec.id)?;
                }
                rows::set_stopped_by_user(tx, &rec.id, false)
            })?;
            rec.stopped_by_user = false;
            rec.restart_count = 0;
        }
        // The monitor takes the row from us (we hold its lock until the report).
        let record = super::handoff::encode(&rec)?;
        let (ctl, monitor_ctl) =
            UnixStream::pair().map_err(|e| Error::Runtime(format!("socketpair: {e}")))?;
        let mut out = None;
        let mut err = None;
        let mut stdin = None;
        let mut feed = None;
        if attach {
            out = Some(pipe()?);
            if !rec.config.tty {
                err = Some(pipe()?);
                if rec.config.open_stdin {
                    stdin = match given_stdin {
                        None if from_caller => {
                            let (r, w) = pipe()?;
                            feed = Some(w);
                            Some(r)
                        }
                        given => given,
                    };
                }
            }
        }
        let fds = monitor::MonitorFds {
            ctl: monitor_ctl.into(),
            stdout: out
                .as_ref()
                .map(|(_, w)| w.try_clone())
                .transpose()
                .map_err(|e| Error::io("pipe", e))?,
            stderr: err
                .as_ref()
                .map(|(_, w)| w.try_clone())
                .transpose()
                .map_err(|e| Error::io("pipe", e))?,
            stdin,
            preserved,
        };
        // SAFETY: the engine is single-threaded; the child only forks again and runs the monitor.
        match unsafe { nix::unistd::fork() }.map_err(|e| Error::Runtime(format!("fork: {e}")))? {
            nix::unistd::ForkResult::Child => {
                let _ = nix::unistd::setsid();
                // SAFETY: as above.
                match unsafe { nix::unistd::fork() } {
                    Ok(nix::unistd::ForkResult::Child) => monitor::exec_monitor(self, &rec.id, fds),
                    // SAFETY: _exit ends this intermediate child at once, running no destructor
                    // or atexit handler that belongs to the parent's state.
                    _ => unsafe { libc::_exit(0) },
                }
            }
            nix::unistd::ForkResult::Parent { child } => {
                drop(fds);
                let _ = nix::sys::wait::waitpid(child, None);
                // After the fork (which wants one thread): the copy of the caller's input.
                if let Some(feed) = feed {
                    feed_from_caller(feed);
                }
            }
        }
        // A monitor that could not take it has reported why: the report is read next.
        let _ = super::handoff::send(&ctl, &record);
        let report = read_report(&ctl)?;
        match report {
            Report::Started {
                pid,
                monitor_pid,
                monitor_start,
                started_at,
                pty,
            } => {
                self.catalog()?.write(|tx| {
                    crate::events::record_container(tx, &rec.id, "start", &[]);
                    rows::set_running(tx, &rec.id, pid, monitor_pid, monitor_start, started_at)
                })?;
                if crate::config::is_rootless() && super::userns_entry::in_own_userns(&rec.config) {
                    crate::runtime::userns_keeper::offer(
                        &self.paths().runroot,
                        monitor_pid,
                        monitor_start,
                    );
                }
                Ok(Some(Started {
                    id: rec.id,
                    pid,
                    ctl,
                    stdout: out.map(|(r, _)| File::from(r)),
                    stderr: err.map(|(r, _)| File::from(r)),
                    pty_master: pty,
                }))
            }
            Report::Failed { code, message } => {
                let recorded = super::monitor::failed_start_code(code);
                self.catalog()?
                    .write(|tx| rows::set_start_failed(tx, &rec.id, recorded, &message))?;
                drop(lock);
                if rec.config.auto_remove {
                    // --rm takes the anonymous volumes too, as when the command exits.
                    self.remove_container(&rec.id, true, true)?;
                }
                Err(match code {
                    127 => Error::CommandNotFound(message),
                    126 => Error::CommandNotExecutable(message),
                    _ => Error::Runtime(message),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::RawFd;

    fn send(sock: &UnixStream, data: &[u8], fd: Option<RawFd>) {
        use nix::sys::socket::{sendmsg, ControlMessage, MsgFlags};
        let iov = [std::io::IoSlice::new(data)];
        let fds: Vec<RawFd> = fd.into_iter().collect();
        let cmsgs: Vec<ControlMessage<'_>> = match fd {
            Some(_) => vec![ControlMessage::ScmRights(&fds)],
            None => Vec::new(),
        };
        sendmsg::<()>(sock.as_raw_fd(), &iov, &cmsgs, MsgFlags::empty(), None).unwrap();
    }

    #[test]
    fn a_report_takes_its_descriptor_and_leaves_the_exit_queued_behind_it() {
        let (ours, monitor) = UnixStream::pair().unwrap();
        let null = File::open("/dev/null").unwrap();
        send(&monitor, b"started 10 11 12 13\n", Some(null.as_raw_fd()));
        send(&monitor, b"exited 7\n", None);
        let (line, fd) = read_line_with_fd(&ours).unwrap();
        assert_eq!(line, b"started 10 11 12 13");
        assert!(fd.is_some(), "the pty's descriptor comes with the report");
        assert_eq!(read_exit(&ours), Some(7));
    }

    #[test]
    fn a_report_without_descriptor_leaves_the_exit_queued_behind_it() {
        let (ours, monitor) = UnixStream::pair().unwrap();
        send(&monitor, b"started 10 11 12 13\n", None);
        send(&monitor, b"exited 7\n", None);
        let (line, fd) = read_line_with_fd(&ours).unwrap();
        assert_eq!(line, b"started 10 11 12 13");
        assert!(fd.is_none());
        assert_eq!(read_exit(&ours), Some(7));
    }

    #[test]
    fn a_long_line_is_read_whole_and_the_end_of_the_stream_ends_it() {
        let (ours, monitor) = UnixStream::pair().unwrap();
        let long = format!("error 125 {}\nexited 1\n", "x".repeat(1000));
        send(&monitor, long.as_bytes(), None);
        let (line, _) = read_line_with_fd(&ours).unwrap();
        assert_eq!(line.len(), 1010);
        assert_eq!(read_exit(&ours), Some(1));
        send(&monitor, b"partial", None);
        drop(monitor);
        assert_eq!(read_line_with_fd(&ours).unwrap().0, b"partial");
    }
}
