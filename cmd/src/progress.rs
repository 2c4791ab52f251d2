//! Pull progress on the terminal: one bar per layer on stderr, like docker and podman
//! ("Copying blob 1a2b3c4d5e6f [=====>     ] 12.0MiB / 60.0MiB"); silent with `-q` or when
//! stderr is not a terminal.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use skiff_libpod::image::pull::{Digest, NoProgress, PullProgress};

/// The progress reporter for a pull: bars on a terminal, nothing otherwise or when `quiet`.
pub fn pull_progress(quiet: bool) -> Box<dyn PullProgress> {
    if quiet || !std::io::stderr().is_terminal() {
        Box::new(NoProgress)
    } else {
        Box::new(Bars::new())
    }
}

/// Per-layer bars drawn on stderr.
struct Bars {
    multi: MultiProgress,
    bars: Mutex<HashMap<Digest, ProgressBar>>,
    /// How many one-line entries ("already exists") were drawn.
    lines: Mutex<usize>,
}

impl Bars {
    fn new() -> Bars {
        Bars {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
            bars: Mutex::new(HashMap::new()),
            lines: Mutex::new(0),
        }
    }

    fn bar(&self, digest: &Digest) -> Option<ProgressBar> {
        self.bars
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(digest)
            .cloned()
    }

    fn line(&self, digest: &Digest, text: &str) {
        let bar = self.multi.add(ProgressBar::new_spinner());
        bar.set_style(ProgressStyle::with_template("{msg}").expect("valid template"));
        bar.finish_with_message(format!("Copying blob {} {text}", digest.short()));
        *self.lines.lock().unwrap_or_else(|e| e.into_inner()) += 1;
    }
}

impl Drop for Bars {
    /// The finished bars leave the cursor at the end of the last one: end that line so the
    /// next output starts on its own.
    fn drop(&mut self) {
        let bars = !self
            .bars
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .is_empty();
        let lines = *self.lines.get_mut().unwrap_or_else(|e| e.into_inner()) > 0;
        let drew = bars || lines;
        if drew {
            eprintln!();
        }
    }
}

impl PullProgress for Bars {
    fn resolved(&self, _manifest_digest: &Digest, _layers: usize) {}

    fn layer_start(&self, digest: &Digest, size: u64) {
        let bar = self.multi.add(ProgressBar::new(size));
        bar.set_style(
            ProgressStyle::with_template(
                "Copying blob {prefix} [{bar:30.=>-}] {binary_bytes} / {binary_total_bytes}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        bar.set_prefix(digest.short().to_string());
        self.bars
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(digest.clone(), bar);
    }

    fn layer_bytes(&self, digest: &Digest, n: u64) {
        if let Some(bar) = self.bar(digest) {
            bar.inc(n);
        }
    }

    fn layer_done(&self, digest: &Digest) {
        if let Some(bar) = self.bar(digest) {
            bar.set_style(ProgressStyle::with_template("{msg}").expect("valid template"));
            bar.finish_with_message(format!("Copying blob {} done", digest.short()));
        }
    }

    fn layer_exists(&self, digest: &Digest) {
        self.line(digest, "skipped: already exists");
    }
}
