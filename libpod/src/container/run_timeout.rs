//! podman's `run --timeout SECONDS`: the monitor kills the container's process with SIGKILL
//! once it has run that long (as conmon's `--timeout` does), so it exits 137. The monitor
//! has one container process and waits for it in a blocking `waitpid`/`poll`, so the timer is
//! `alarm(2)`: its SIGALRM interrupts either, and the handler only calls `kill(2)`, which a
//! signal handler may.

use std::sync::atomic::{AtomicI32, Ordering};

/// The process the alarm kills (0: none).
static TARGET: AtomicI32 = AtomicI32::new(0);

extern "C" fn expire(_: libc::c_int) {
    let pid = TARGET.load(Ordering::SeqCst);
    if pid > 0 {
        // SAFETY: kill is async-signal-safe; the pid is the monitor's unreaped child.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
}

/// Kills `pid` with SIGKILL in `seconds` unless [`disarm`] comes first; 0 arms nothing.
pub(crate) fn arm(pid: i32, seconds: u32) {
    if seconds == 0 {
        return;
    }
    TARGET.store(pid, Ordering::SeqCst);
    let action = nix::sys::signal::SigAction::new(
        nix::sys::signal::SigHandler::Handler(expire),
        // No SA_RESTART: the monitor's waits return EINTR and look again.
        nix::sys::signal::SaFlags::empty(),
        nix::sys::signal::SigSet::empty(),
    );
    // SAFETY: the handler only reads an atomic and calls kill.
    unsafe {
        let _ = nix::sys::signal::sigaction(nix::sys::signal::Signal::SIGALRM, &action);
        libc::alarm(seconds);
    }
}

/// Cancels the timer, once the process is reaped (before its pid can be reused).
pub(crate) fn disarm() {
    // SAFETY: alarm has no preconditions.
    unsafe { libc::alarm(0) };
    TARGET.store(0, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alarm_kills_its_target_and_disarm_stops_it() {
        let child = |secs: &str| {
            std::process::Command::new("sleep")
                .arg(secs)
                .spawn()
                .unwrap()
        };
        let mut slow = child("30");
        let started = std::time::Instant::now();
        arm(slow.id() as i32, 1);
        let status = slow.wait().unwrap();
        disarm();
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(libc::SIGKILL));
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        let mut quick = child("2");
        arm(quick.id() as i32, 1);
        disarm();
        assert!(
            quick.wait().unwrap().success(),
            "a disarmed alarm kills nothing"
        );
    }
}
