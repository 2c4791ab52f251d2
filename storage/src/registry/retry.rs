//! When a failed registry request is worth repeating, and how long to wait first.

use std::time::Duration;

/// Waits before the 1st, 2nd and 3rd retry; a request is tried at most four times.
pub const BACKOFF: [Duration; 3] = [
    Duration::from_millis(100),
    Duration::from_millis(400),
    Duration::from_millis(1600),
];

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The connection could not be made, or broke before a response arrived.
    Transport,
    /// The server answered with this HTTP status.
    Status(u16),
}

/// Whether a failure is transient: connection problems, server errors (5xx) and rate limits
/// (429). Other statuses (400, 403, 404, ...) are final; 401 is handled by authentication.
pub fn is_transient(f: Failure) -> bool {
    match f {
        Failure::Transport => true,
        Failure::Status(code) => code == 429 || (500..=599).contains(&code),
    }
}

/// The wait before retry number `retries_done + 1`, or `None` when the retries are used up
/// or the failure is final.
pub fn next_delay(f: Failure, retries_done: usize) -> Option<Duration> {
    if is_transient(f) {
        BACKOFF.get(retries_done).copied()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_failures_are_retried_three_times_with_growing_waits() {
        for f in [
            Failure::Transport,
            Failure::Status(500),
            Failure::Status(503),
            Failure::Status(429),
        ] {
            assert_eq!(next_delay(f, 0), Some(Duration::from_millis(100)));
            assert_eq!(next_delay(f, 1), Some(Duration::from_millis(400)));
            assert_eq!(next_delay(f, 2), Some(Duration::from_millis(1600)));
            assert_eq!(next_delay(f, 3), None);
        }
    }

    #[test]
    fn client_errors_are_final() {
        for code in [400, 401, 403, 404, 405, 416] {
            assert_eq!(next_delay(Failure::Status(code), 0), None, "{code}");
        }
    }
}
