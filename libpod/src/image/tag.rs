//! `tag`: gives a stored image another name, moving the name off any image that had it.

use rusqlite::params;
use skiff_storage::Reference;

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::record::{full_name, lookup_id};

impl Engine {
    /// Names image `source` (a name or id) `target` (`repo[:tag]`). An image that carried
    /// `target` before loses it (and is dangling if it had no other name).
    pub fn tag(&mut self, source: &str, target: &str) -> Result<()> {
        let reference = Reference::parse(target)
            .map_err(|e| Error::InvalidArgument(format!("invalid target name {target:?}: {e}")))?;
        if reference.digest().is_some() {
            return Err(Error::InvalidArgument(format!(
                "cannot tag with a digest ({target}): give a name with an optional :tag"
            )));
        }
        let name = full_name(&reference);
        self.catalog()?.write(|tx| {
            let id = lookup_id(tx, source)?;
            tx.execute(
                "INSERT INTO image_names (name, image_id) VALUES (?1, ?2)
                 ON CONFLICT(name) DO UPDATE SET image_id = excluded.image_id",
                params![name, id],
            )?;
            let tag = super::remove::familiar(&name);
            crate::events::record_image_named(tx, "tag", &format!("sha256:{id}"), &tag);
            Ok(())
        })
    }
}
