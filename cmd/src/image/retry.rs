//! `--retry N` and `--retry-delay DURATION` (podman's): how a command's registry requests
//! retry a transient failure (a refused connection, a 5xx, a 429).

use anyhow::Context as _;
use clap::Args;
use skiff_libpod::image::retry::{RETRY_DELAY_ENV, RETRY_ENV};

/// The retry flags of `pull`, `push` and `build`.
#[derive(Debug, Clone, Args)]
pub struct RetryFlags {
    /// Retry a failed registry request this many times (default 3)
    #[arg(long, value_name = "N")]
    retry: Option<u64>,
    /// Wait this long between retries, e.g. 2s (default: 0.1s, then 0.4s, then 1.6s)
    #[arg(long = "retry-delay", value_name = "DURATION")]
    retry_delay: Option<String>,
}

impl RetryFlags {
    /// Makes the flags this process's retry policy. Called first in a command, while the
    /// process is single-threaded.
    pub fn apply(&self) -> anyhow::Result<()> {
        if let Some(n) = self.retry {
            std::env::set_var(RETRY_ENV, n.to_string());
        }
        if let Some(d) = &self.retry_delay {
            let ns = skiff_libpod::container::time::parse_go_duration(d)
                .filter(|ns| *ns >= 0)
                .with_context(|| format!("--retry-delay {d}: give a duration like 2s or 500ms"))?;
            std::env::set_var(RETRY_DELAY_ENV, (ns / 1_000_000).to_string());
        }
        Ok(())
    }
}
