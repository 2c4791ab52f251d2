//! The one engine interface that the CLI and the REST API both call.
//!
//! An [`Engine`] lives for one `skiff` invocation. Operations are grouped in `impl Engine`
//! blocks in their own modules (`image/`, `container/`, `volume.rs`...), one job each.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::catalog::Catalog;
use crate::config::Paths;
use crate::error::Result;

/// Options given on the command line that shape the whole engine.
#[derive(Debug, Default, Clone)]
pub struct EngineOptions {
    /// `--root`: overrides the persistent state directory.
    pub root: Option<PathBuf>,
    /// `--runroot`: overrides the runtime state directory.
    pub runroot: Option<PathBuf>,
    /// Where warnings go as they happen (the CLI prints them to its stderr); without it they
    /// wait for [`Engine::take_warnings`] (the API answers them in `Warnings`).
    pub on_warning: WarningSink,
}

/// A caller's handler for the engine's warnings (see [`EngineOptions::on_warning`]).
#[derive(Clone, Default)]
pub struct WarningSink(Option<Arc<WarningFn>>);

/// What a [`WarningSink`] calls with each warning.
type WarningFn = dyn Fn(&str) + Send + Sync;

impl WarningSink {
    /// A sink that hands each warning to `f`.
    pub fn new(f: impl Fn(&str) + Send + Sync + 'static) -> WarningSink {
        WarningSink(Some(Arc::new(f)))
    }
}

impl std::fmt::Debug for WarningSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "WarningSink(set)"
        } else {
            "WarningSink(none)"
        })
    }
}

/// The engine of one invocation: paths, and the catalog opened on first use.
pub struct Engine {
    paths: Paths,
    catalog: Option<Catalog>,
    /// Warnings of the last operations, for the caller to show (the engine never writes to
    /// the process's stderr), when no sink takes them at once.
    warnings: Mutex<Vec<String>>,
    on_warning: WarningSink,
    /// Set by `system check`, which reports a lost catalog itself.
    checking: bool,
    /// `run --preserve-fds`: the container whose next start passes on the caller's
    /// descriptors from 3, and how many (see [`Engine::pass_fds_at_start`]).
    pub(crate) fds_for_start: Option<(String, u32)>,
}

impl Engine {
    /// Prepares an engine; opens nothing yet so that `skiff --help` and friends stay instant.
    pub fn new(opts: EngineOptions) -> Engine {
        Engine {
            paths: Paths::resolve(opts.root, opts.runroot),
            catalog: None,
            warnings: Mutex::new(Vec::new()),
            on_warning: opts.on_warning,
            checking: false,
            fds_for_start: None,
        }
    }

    /// podman's `run --preserve-fds N` (and systemd's socket activation): the next start of
    /// container `id` by this process gives its process this process's descriptors 3 to 2+N,
    /// at those numbers. The caller checks that they are its own, open across exec; other
    /// containers started on the way (a pod's infra, `--requires`) get none.
    pub fn pass_fds_at_start(&mut self, id: &str, n: u32) {
        self.fds_for_start = (n > 0).then(|| (id.to_string(), n));
    }

    /// Hands a warning to the caller's sink, or records it for [`Engine::take_warnings`].
    pub(crate) fn warn(&self, message: String) {
        match &self.on_warning.0 {
            Some(sink) => sink(&message),
            None => self
                .warnings
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(message),
        }
    }

    /// The warnings recorded since the last call (docker's `Warnings` of a create), oldest
    /// first.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// The directories this engine works in.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// The catalog, opened (and migrated) on first use.
    pub fn catalog(&mut self) -> Result<&mut Catalog> {
        if self.catalog.is_none() {
            let path = self.paths.catalog();
            let mut catalog = Catalog::open(&path)?;
            let storage = self.paths.storage();
            // A catalog without images beside a refs file with some was lost or replaced:
            // keep the file for `system check --repair` rather than empty it at the next
            // image change.
            if !crate::image::refs::catalog_lost(&storage, catalog.has_images()?) {
                catalog.on_image_change(move |conn| crate::image::refs::sync(conn, &storage));
            } else if !self.checking {
                self.warn(format!(
                    "the catalog {} lists no images, but the store's image-refs file does: the \
                     catalog was lost or replaced; run `skiff system check --repair` to bring \
                     the images back (until then, image names are not recorded beside the store)",
                    path.display()
                ));
            }
            self.catalog = Some(catalog);
        }
        Ok(self.catalog.as_mut().expect("catalog was just opened"))
    }

    /// Marks this engine as `system check`'s, which reports a lost catalog itself.
    pub(crate) fn set_checking(&mut self) {
        self.checking = true;
    }

    /// Forgets the open catalog (closing it), so that the next [`Engine::catalog`] opens the
    /// file again: `system check --repair` replaces a damaged one.
    pub(crate) fn close_catalog(&mut self) {
        self.catalog = None;
    }

    /// Takes the open catalog connection, if any: a forked child must not use (or close) the
    /// connection of its parent, so the container monitor forgets it and opens its own.
    pub(crate) fn take_catalog(&mut self) -> Option<Catalog> {
        self.catalog.take()
    }
}
