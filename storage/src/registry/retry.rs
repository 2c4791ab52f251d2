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

/// The variable that sets how many times this process retries a registry request (podman's
/// `--retry N`; the CLI sets it from the flag).
pub const RETRY_ENV: &str = "SKIFF_REGISTRY_RETRY";
/// The variable that sets the wait between retries, in milliseconds (podman's `--retry-delay`;
/// [`BACKOFF`]'s growing waits when unset).
pub const RETRY_DELAY_ENV: &str = "SKIFF_REGISTRY_RETRY_DELAY_MS";

/// How many times, and after what waits, a transient failure is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: usize,
    /// The wait before each retry; [`BACKOFF`]'s when None.
    pub delay: Option<Duration>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: BACKOFF.len(),
            delay: None,
        }
    }
}

impl RetryPolicy {
    /// The policy [`RETRY_ENV`] and [`RETRY_DELAY_ENV`] set, the default for what they leave
    /// out (or give unreadably).
    pub fn from_env() -> RetryPolicy {
        let number = |k: &str| {
            std::env::var(k)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let default = RetryPolicy::default();
        RetryPolicy {
            retries: number(RETRY_ENV).map_or(default.retries, |n| n as usize),
            delay: number(RETRY_DELAY_ENV).map(Duration::from_millis),
        }
    }

    /// The wait before retry number `retries_done + 1`, or `None` when the retries are used
    /// up or the failure is final.
    pub fn next_delay(&self, f: Failure, retries_done: usize) -> Option<Duration> {
        if !is_transient(f) || retries_done >= self.retries {
            return None;
        }
        Some(self.delay.unwrap_or_else(|| {
            BACKOFF
                .get(retries_done)
                .copied()
                .unwrap_or(BACKOFF[BACKOFF.len() - 1])
        }))
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
            assert_eq!(
                RetryPolicy::default().next_delay(f, 0),
                Some(Duration::from_millis(100))
            );
            assert_eq!(
                RetryPolicy::default().next_delay(f, 1),
                Some(Duration::from_millis(400))
            );
            assert_eq!(
                RetryPolicy::default().next_delay(f, 2),
                Some(Duration::from_millis(1600))
            );
            assert_eq!(RetryPolicy::default().next_delay(f, 3), None);
        }
    }

    #[test]
    fn a_policy_sets_the_count_and_the_wait() {
        let p = RetryPolicy {
            retries: 5,
            delay: Some(Duration::from_millis(20)),
        };
        assert_eq!(
            p.next_delay(Failure::Transport, 4),
            Some(Duration::from_millis(20))
        );
        assert_eq!(p.next_delay(Failure::Transport, 5), None);
        assert_eq!(p.next_delay(Failure::Status(404), 0), None);
        let none = RetryPolicy {
            retries: 0,
            delay: None,
        };
        assert_eq!(none.next_delay(Failure::Transport, 0), None);
        // More retries than the back-off has waits: the last wait again.
        let long = RetryPolicy {
            retries: 6,
            delay: None,
        };
        assert_eq!(long.next_delay(Failure::Transport, 5), Some(BACKOFF[2]));
    }

    #[test]
    fn client_errors_are_final() {
        for code in [400, 401, 403, 404, 405, 416] {
            assert_eq!(
                RetryPolicy::default().next_delay(Failure::Status(code), 0),
                None,
                "{code}"
            );
        }
    }
}
