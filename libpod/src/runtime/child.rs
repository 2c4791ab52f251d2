//! The fork/clone/report path shared by [`super::spawn()`] and [`super::exec_in`]: the caller
//! forks an intermediate child, which sets itself up, clones the process that becomes the
//! container's (a sibling of the caller) and reports its pid or its failure over the sync socket;
//! the caller reads that socket until the process exec'd ([`start`]).

use std::os::fd::{AsRawFd, OwnedFd, RawFd};

use super::spec::Stdio;
use super::sync::{self, Failure, FailureKind, Message};
use super::sys::{Fork, Process};
use crate::error::{Error, Result};

/// The container's stdio as raw descriptors in the child (`None`: allocate a pty).
pub(crate) type ChildStdio = Option<[RawFd; 3]>;

fn child_stdio(stdio: &Stdio) -> ChildStdio {
    match stdio {
        Stdio::Fds {
            stdin,
            stdout,
            stderr,
        } => Some([stdin.as_raw_fd(), stdout.as_raw_fd(), stderr.as_raw_fd()]),
        Stdio::Pty => None,
    }
}

/// A process that exec'd: its pid and, when it has a terminal, the pty master.
pub(super) struct Started {
    /// The pid of the cloned process (in the caller's pid namespace).
    pub pid: i32,
    /// The master of the pty the process allocated.
    pub pty_master: Option<OwnedFd>,
}

/// Forks the intermediate child, which runs `intermediate` with its stdio and its end of the
/// sync socket (returning only on a failure before the clone, which it reports), then waits
/// until the process it cloned exec'd. `on_pid` runs with that pid and the caller's end of the
/// socket as soon as the pid arrives; its error ends the wait. `what` names the process in
/// errors ("the container init"), `waiting` names the wait.
pub(super) fn start<S: Fork>(
    sys: &S,
    stdio: Stdio,
    what: &str,
    waiting: &str,
    intermediate: impl FnOnce(ChildStdio, RawFd) -> Failure,
    on_pid: &mut dyn FnMut(i32, RawFd) -> Result<()>,
) -> Result<Started> {
    let (parent_end, child_end) = sys
        .sync_channel()
        .map_err(|e| Error::Runtime(format!("socketpair: {e}")))?;
    let child_stdio = child_stdio(&stdio);
    let (ours, theirs) = (parent_end.as_raw_fd(), child_end.as_raw_fd());
    // What the intermediate took (namespace descriptors) stays out of the caller: the fork
    // drops it there.
    let inter = sys.fork_child(move || {
        sys.close(ours);
        let (_, text) = intermediate(child_stdio, theirs);
        sys.send_failure(theirs, FailureKind::Setup, &text);
    })?;
    drop(child_end);
    drop(stdio);
    sys.reap(inter);
    let mut started = Started {
        pid: 0,
        pty_master: None,
    };
    loop {
        match sys.recv(ours) {
            Ok(None) if started.pid > 0 => return Ok(started),
            Ok(None) => {
                return Err(Error::Runtime(format!(
                    "{what} exited before reporting its pid"
                )))
            }
            Ok(Some(Message::Pid(p))) => {
                started.pid = p;
                on_pid(p, ours)?;
            }
            Ok(Some(Message::PtyMaster(master))) => started.pty_master = Some(master),
            Ok(Some(Message::Failure(kind, text))) => {
                // The cloned process reports its own failure, which may arrive before the
                // intermediate has sent its pid: read on for the pid, so that the process is
                // reaped. Left a zombie of a long-lived caller (the REST service), it would
                // keep the container's init from ever finishing its exit.
                let pid = if started.pid > 0 {
                    started.pid
                } else {
                    pid_after_failure(sys, ours)
                };
                if pid > 0 {
                    sys.reap(pid);
                }
                return Err(failure_error(kind, text));
            }
            Err(e) => return Err(Error::Runtime(format!("{waiting}: {e}"))),
        }
    }
}

/// After a failure report: the pid the intermediate still sends (a clone that failed after
/// it happened), or 0 when the channel ends without one (a failure before the clone).
fn pid_after_failure<S: Fork>(sys: &S, ours: RawFd) -> i32 {
    loop {
        match sys.recv(ours) {
            Ok(Some(Message::Pid(p))) => return p,
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => return 0,
        }
    }
}

/// In the child: makes `fds` its descriptors 0, 1 and 2. All three are first copied above 2
/// (close-on-exec), since one of them may already be 0, 1 or 2 and be overwritten by the
/// others' `dup2`.
pub(super) fn install_stdio<S: Process>(sys: &S, fds: [RawFd; 3]) -> std::io::Result<()> {
    let mut high = [0; 3];
    for (i, fd) in fds.iter().enumerate() {
        high[i] = sys.dup_above_stdio(*fd)?;
    }
    for (i, fd) in high.iter().enumerate() {
        sys.dup2(*fd, i as RawFd)?;
    }
    Ok(())
}

/// In a forked child: reports `text` as a setup failure over `fd` and exits 125.
fn fail(fd: RawFd, text: String) -> ! {
    sync::send_failure(fd, FailureKind::Setup, &text);
    // SAFETY: leaving the forked child without running the caller's destructors.
    unsafe { libc::_exit(125) }
}

/// In a forked child: clones the process that runs `run` (which returns only on failure) and
/// reports its pid over `fd`, or its failure; `what` names it in a failed clone's message.
pub(super) fn clone_and_report(fd: RawFd, what: &str, run: impl FnOnce() -> Failure) -> ! {
    let pid = clone_parent();
    if pid < 0 {
        fail(
            fd,
            format!("creating {what}: {}", std::io::Error::last_os_error()),
        );
    }
    if pid == 0 {
        let (kind, text) = run();
        sync::send_failure(fd, kind, &text);
        // SAFETY: leaving the cloned child without running the caller's destructors.
        unsafe { libc::_exit(exit_code(kind)) };
    }
    sync::send_pid(fd, pid as i32);
    // SAFETY: leaving the forked child without running the caller's destructors.
    unsafe { libc::_exit(0) }
}

/// The error a child's failure report stands for.
pub(super) fn failure_error(kind: FailureKind, text: String) -> Error {
    match kind {
        FailureKind::NotFound => Error::CommandNotFound(text),
        FailureKind::NotExecutable => Error::CommandNotExecutable(text),
        FailureKind::Setup => Error::Runtime(text),
    }
}

/// A fork whose child is a sibling of the caller (CLONE_PARENT), so the process that asked for
/// the container (or exec) is the one that waits for it; after an unshare or setns of the pid
/// namespace, the child is the first process inside it. Returns the child's pid, 0 in the
/// child, or -1.
fn clone_parent() -> libc::c_long {
    // SAFETY: fork-like clone with no new stack, called only from single-threaded forked children.
    unsafe {
        libc::syscall(
            libc::SYS_clone,
            (libc::CLONE_PARENT | libc::SIGCHLD) as libc::c_ulong,
            0usize,
            0usize,
            0usize,
            0usize,
        )
    }
}

/// The init's exit status for a failure kind (docker's codes).
fn exit_code(kind: FailureKind) -> i32 {
    match kind {
        FailureKind::NotFound => 127,
        FailureKind::NotExecutable => 126,
        FailureKind::Setup => 125,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::sys::record::{Call, Recorder, FORKED};

    /// Starts through `rec` an intermediate that fails with the number of its end of the
    /// socket.
    fn start_with(
        rec: &Recorder,
        on_pid: &mut dyn FnMut(i32, RawFd) -> Result<()>,
    ) -> Result<Started> {
        start(
            rec,
            Stdio::Pty,
            "the test process",
            "waiting",
            |stdio, fd| {
                assert_eq!(stdio, None, "a pty: no stdio to install");
                (FailureKind::NotFound, fd.to_string())
            },
            on_pid,
        )
    }

    fn error(done: Result<Started>) -> Error {
        let Err(e) = done else {
            panic!("started");
        };
        e
    }

    #[test]
    fn the_intermediate_runs_in_the_fork_with_the_other_end_closed_and_its_failure_reported() {
        let rec = Recorder::new();
        let e = error(start_with(&rec, &mut |_, _| Ok(())));
        assert_eq!(
            e.to_string(),
            "the test process exited before reporting its pid"
        );
        let calls = rec.calls();
        let [Call::SyncChannel, Call::Fork, Call::Close(ours), Call::SendFailure(kind, theirs), Call::Reap(FORKED), Call::Recv] =
            calls.as_slice()
        else {
            panic!("{calls:#?}");
        };
        assert_eq!(*kind, FailureKind::Setup, "a failure before the clone");
        assert_ne!(
            ours.to_string(),
            *theirs,
            "the child closes the caller's end"
        );
    }

    #[test]
    fn the_pid_is_handed_on_at_once_and_its_error_ends_the_wait() {
        let rec = Recorder::new().replies(vec![Message::Pid(5), Message::Pid(6)]);
        let mut seen = Vec::new();
        let e = error(start_with(&rec, &mut |pid, fd| {
            seen.push((pid, fd));
            Err(Error::Runtime("refused".into()))
        }));
        assert_eq!(e.to_string(), "refused");
        let calls = rec.calls();
        let Some(Call::Close(ours)) = calls.get(2) else {
            panic!("{calls:#?}");
        };
        assert_eq!(seen, [(5, *ours)], "the caller's end of the socket");
        assert_eq!(calls.last(), Some(&Call::Recv));
        assert_eq!(calls.iter().filter(|c| **c == Call::Recv).count(), 1);

        let master = OwnedFd::from(std::fs::File::open("/dev/null").unwrap());
        let replies = vec![Message::PtyMaster(master), Message::Pid(5)];
        let rec = Recorder::new().replies(replies);
        let Ok(started) = start_with(&rec, &mut |_, _| Ok(())) else {
            panic!("{:#?}", rec.calls());
        };
        assert_eq!(started.pid, 5);
        assert!(started.pty_master.is_some());
    }

    #[test]
    fn a_failure_before_the_pid_reaps_only_the_intermediate() {
        let failed = Message::Failure(FailureKind::NotExecutable, "denied".into());
        let rec = Recorder::new().replies(vec![failed]);
        let e = error(start_with(&rec, &mut |_, _| Ok(())));
        assert!(
            matches!(&e, Error::CommandNotExecutable(t) if t == "denied"),
            "{e}"
        );
        let reaped = rec.reaped();
        assert_eq!(reaped, [FORKED], "no wait for a pid 0 (any child)");
    }

    #[test]
    fn a_failure_that_overtakes_its_pid_still_reaps_the_failed_process() {
        // The cloned process sent its failure before the intermediate sent its pid.
        let failed = Message::Failure(FailureKind::NotFound, "nosuch".into());
        let rec = Recorder::new().replies(vec![failed, Message::Pid(7)]);
        let e = error(start_with(&rec, &mut |_, _| Ok(())));
        assert!(
            matches!(&e, Error::CommandNotFound(t) if t == "nosuch"),
            "{e}"
        );
        assert_eq!(rec.reaped(), [FORKED, 7], "the failed process is reaped");
    }

    #[test]
    fn the_child_gets_the_callers_stdio_descriptors_or_none_for_a_pty() {
        let open = || OwnedFd::from(std::fs::File::open("/dev/null").unwrap());
        let (stdin, stdout, stderr) = (open(), open(), open());
        let want = [stdin.as_raw_fd(), stdout.as_raw_fd(), stderr.as_raw_fd()];
        let fds = Stdio::Fds {
            stdin,
            stdout,
            stderr,
        };
        assert_eq!(child_stdio(&fds), Some(want));
        assert_eq!(child_stdio(&Stdio::Pty), None);
    }

    #[test]
    fn stdio_already_among_0_1_2_is_moved_away_before_it_is_overwritten() {
        // The caller's stdout is fd 0 and its stdin fd 1: swapped.
        let rec = Recorder::new().fds(&[(0, false), (1, false), (2, false)]);
        install_stdio(&rec, [1, 0, 2]).unwrap();
        assert_eq!(
            rec.stdio(),
            [1, 0, 2],
            "fd 0 is the caller's fd 1, fd 1 its fd 0: {:#?}",
            rec.calls()
        );
        assert_eq!(
            rec.calls()[3..],
            [Call::Dup2(3, 0), Call::Dup2(4, 1), Call::Dup2(5, 2)]
        );
    }
}
