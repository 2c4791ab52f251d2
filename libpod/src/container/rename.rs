//! `rename`: gives a container a new (unused) name.

use super::lock::ContainerLock;
use super::{names, rows};
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// Renames a container; the new name must be valid and free.
    pub fn rename_container(&mut self, name_or_id: &str, new_name: &str) -> Result<()> {
        let new_name = new_name.strip_prefix('/').unwrap_or(new_name);
        if !names::is_valid(new_name) {
            return Err(Error::InvalidArgument(format!(
                "invalid container name {new_name:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )));
        }
        let rec = self.lookup_container(name_or_id)?;
        if rec.name == new_name {
            return Err(Error::InvalidArgument(format!(
                "renaming a container with the same name as its current name: {new_name} is already called so"
            )));
        }
        let _lock = ContainerLock::acquire(&self.paths().runroot, &rec.id)?;
        self.catalog()?.write(|tx| {
            rows::rename(tx, &rec.id, new_name)?;
            // docker's attribute keeps the name's `/`.
            let old_name = format!("/{}", rec.name);
            crate::events::record_container(tx, &rec.id, "rename", &[("oldName", &old_name)]);
            Ok(())
        })
    }
}
