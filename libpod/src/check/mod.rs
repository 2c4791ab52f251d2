//! `system check [--repair] [--force] [--quick]`: finds what is damaged (the catalog, blobs,
//! layers, images the catalog lost, volumes and containers whose rows are gone) and, when
//! asked, repairs it: the catalog is copied first, damaged store content is removed (the next
//! pull fetches it again), images come back from the store's image-refs file and volumes from
//! their directories.

mod catalog;
mod lost;
mod store;

use crate::engine::Engine;
use crate::error::Result;

/// What `system check` is asked to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Repair what can be repaired (podman's `--repair`).
    pub repair: bool,
    /// Also remove the directories of containers the catalog lost, and damaged layers that
    /// containers use (podman's `--force`).
    pub force: bool,
    /// Skip the slow checks: blob digests and layer contents.
    pub quick: bool,
}

/// What `system check` found and did, one line per item, in the order found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// `<object>: <what is wrong>`, one line per damaged object.
    pub damage: Vec<String>,
    /// `<object>: <what was done>`, one line per repair (empty without `--repair`).
    pub repairs: Vec<String>,
    /// Damage left as it was (always all of it without `--repair`).
    pub remaining: usize,
}

impl CheckReport {
    fn found(&mut self, line: String) {
        self.damage.push(line);
        self.remaining += 1;
    }

    fn repaired(&mut self, line: String) {
        self.repairs.push(line);
        self.remaining = self.remaining.saturating_sub(1);
    }

    fn note(&mut self, line: String) {
        self.repairs.push(line);
    }
}

impl Engine {
    /// Checks the catalog and the store, and repairs them when `opts.repair`. Rootless, it
    /// enters the user namespace (to read and remove layers), so call it single-threaded.
    pub fn system_check(&mut self, opts: CheckOptions) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        self.set_checking();
        let catalog = self.check_catalog(&mut report)?;
        let lost_containers = self.find_lost_containers(&catalog, &mut report);
        self.enter_userns()?;
        let store = skiff_storage::store::Store::open(&self.paths().storage())?;
        let damaged = store::check_store(&store, opts.quick, &mut report)?;
        let images = self.find_lost_images(&store, &catalog, &mut report)?;
        let volumes = self.find_lost_volumes(&catalog, &mut report);
        if !opts.repair {
            return Ok(report);
        }
        self.repair_catalog(&catalog, &mut report)?;
        self.restore_images(&store, &images, &mut report)?;
        self.restore_volumes(&volumes, &mut report)?;
        store::remove_damaged(self, &store, &damaged, opts.force, &mut report)?;
        self.settle_lost_containers(&lost_containers, opts.force, &mut report)?;
        self.rewrite_refs(&store, &images, &mut report)?;
        Ok(report)
    }
}
