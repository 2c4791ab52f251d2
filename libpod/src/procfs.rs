//! When a live process started, read from `/proc`: the start time that tells a process from a
//! later one reusing its pid.

/// The start time (clock ticks since boot, field 22 of /proc/PID/stat) of a live process.
pub(crate) fn process_start_time(pid: i32) -> Option<u64> {
    if pid <= 0 {
        return None;
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let mut fields = after.split(' ');
    let state = fields.next()?;
    if matches!(state, "Z" | "X" | "x") {
        return None;
    }
    // After the state come fields 4..; the start time is field 22, i.e. 19 further on.
    fields.nth(18)?.parse().ok()
}

/// The wall-clock start (unix seconds) of a live process, from its start time since boot.
pub(crate) fn process_started_at(pid: i32) -> Option<i64> {
    let ticks = process_start_time(pid)?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let boot: i64 = stat
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    Some(boot + (ticks / hz) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_start_time_is_readable() {
        let me = std::process::id() as i32;
        assert!(process_start_time(me).is_some());
        assert_eq!(process_start_time(0), None);
    }
}
