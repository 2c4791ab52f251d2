//! The one engine interface that the CLI and the REST API both call.
//!
//! An [`Engine`] lives for one `skiff` invocation. Operations are grouped in `impl Engine`
//! blocks in their own modules (`image/`, `container/`, `volume.rs`...), one job each.

use std::path::PathBuf;

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
}

/// The engine of one invocation: paths, and the catalog opened on first use.
pub struct Engine {
    paths: Paths,
    catalog: Option<Catalog>,
    /// Warnings of the last operations, for the caller to show (the engine never writes to
    /// the process's stderr).
    warnings: Vec<String>,
}

impl Engine {
    /// Prepares an engine; opens nothing yet so that `skiff --help` and friends stay instant.
    pub fn new(opts: EngineOptions) -> Engine {
        Engine {
            paths: Paths::resolve(opts.root, opts.runroot),
            catalog: None,
            warnings: Vec::new(),
        }
    }

    /// Records a warning for the caller (see [`Engine::take_warnings`]).
    pub(crate) fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }

    /// The warnings recorded since the last call (docker's `Warnings` of a create), oldest
    /// first.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The directories this engine works in.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// The catalog, opened (and migrated) on first use.
    pub fn catalog(&mut self) -> Result<&mut Catalog> {
        if self.catalog.is_none() {
            let mut catalog = Catalog::open(&self.paths.catalog())?;
            let storage = self.paths.storage();
            catalog.on_image_change(move |conn| crate::image::refs::sync(conn, &storage));
            self.catalog = Some(catalog);
        }
        Ok(self.catalog.as_mut().expect("catalog was just opened"))
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
