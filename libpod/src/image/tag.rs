//! `tag`: gives a stored image another name, moving the name off any image that had it;
//! `untag`: takes names off an image and keeps it.

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

    /// Takes `names` off image `image` (a name or id), or with no names every name it has, as
    /// podman's `untag`. The image stays, dangling when no name is left. A name the image does
    /// not carry is an error, and then no name is taken off.
    pub fn untag(&mut self, image: &str, names: &[String]) -> Result<()> {
        let wanted = names
            .iter()
            .map(|n| {
                Reference::parse(n)
                    .map(|r| full_name(&r))
                    .map_err(|e| Error::InvalidArgument(format!("invalid name {n:?}: {e}")))
            })
            .collect::<Result<Vec<_>>>()?;
        self.catalog()?.write(|tx| {
            let id = lookup_id(tx, image)?;
            let carried = super::remove::names_of(tx, &id)?;
            let victims = if wanted.is_empty() { carried.clone() } else { wanted };
            if let Some(missing) = victims.iter().find(|v| !carried.contains(v)) {
                return Err(Error::InvalidArgument(format!(
                    "{} is not a name of image {image}: `skiff images` lists the names of each image",
                    super::remove::familiar(missing)
                )));
            }
            for name in &victims {
                tx.execute("DELETE FROM image_names WHERE name = ?1", [name])?;
                crate::events::record_image(tx, "untag", &id);
            }
            // An untagged repository's digests go with its last name on the image, as rmi's.
            super::remove::drop_unnamed_digests(tx, &id, &victims)?;
            Ok(())
        })
    }
}
