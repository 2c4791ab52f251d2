//! `image prune`: deletes dangling images (with `all`, every image no container uses).

use crate::engine::Engine;
use crate::error::Result;
use crate::image::remove::Removed;
use crate::system::PruneFilter;

/// What `image prune` did.
#[derive(Debug, Clone, Default)]
pub struct PruneReport {
    /// Untagged names and deleted ids, in order.
    pub removed: Vec<Removed>,
    /// Sum of the deleted images' sizes, in bytes.
    pub reclaimed: u64,
}

/// SQL: image `i` has no name.
const UNNAMED: &str = "NOT EXISTS (SELECT 1 FROM image_names n WHERE n.image_id = i.id)";

/// SQL: image `i` is a build step's image that another, named image builds on (its layers
/// begin that image's layers).
pub(crate) const BUILT_ON: &str = "EXISTS (SELECT 1 FROM build_cache b WHERE b.image_id = i.id)
    AND EXISTS (SELECT 1 FROM images j JOIN image_names m ON m.image_id = j.id
                WHERE j.id != i.id
                  AND substr(j.layers, 1, length(i.layers) - 1)
                      = substr(i.layers, 1, length(i.layers) - 1))";

impl Engine {
    /// Deletes every image without a name (with `all`: every image) that no container uses.
    /// Call [`Engine::enter_userns`] first.
    pub fn prune_images(&mut self, all: bool) -> Result<PruneReport> {
        self.prune_images_filtered(all, &PruneFilter::default())
    }

    /// Like [`Engine::prune_images`], only the images `filter` matches (their creation time
    /// and their config's labels).
    pub fn prune_images_filtered(
        &mut self,
        all: bool,
        filter: &PruneFilter,
    ) -> Result<PruneReport> {
        // Without `all`: images with no name, less a build's intermediate images that a
        // named image still builds on (their layers begin its layers), as docker keeps them.
        let named = if all {
            "1".to_string()
        } else {
            format!("{UNNAMED} AND NOT ({BUILT_ON})")
        };
        self.prune_where(&named, filter, 0)
    }

    /// `POST /build/prune` (`docker builder prune`, and `docker system prune`'s last step):
    /// deletes the unnamed intermediate images of build steps (the build cache; never a
    /// build's result) that no container uses;
    /// without `all`, not those a named image still builds on, which `image prune` keeps too.
    /// Only the images `filter` matches; with `keep` bytes (not 0), the newest of them stay as
    /// long as they hold no more than that (docker's `--keep-storage`).
    pub fn prune_build_cache(
        &mut self,
        all: bool,
        filter: &PruneFilter,
        keep: u64,
    ) -> Result<PruneReport> {
        // A step's image that is not also some build's result (an untagged `build .` output
        // or an image whose tag moved to a rebuild is the user's, as `images -a` shows it).
        let step = "EXISTS (SELECT 1 FROM build_cache b WHERE b.image_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM build_cache b
                            WHERE b.image_id = i.id AND b.intermediate = 0)";
        let mut condition = format!("{UNNAMED} AND {step}");
        if !all {
            condition = format!("{condition} AND NOT ({BUILT_ON})");
        }
        self.prune_where(&condition, filter, keep)
    }

    /// Deletes the images that match SQL `condition` (on `images i`) and `filter` and that no
    /// container uses, oldest first, until those left hold no more than `keep` bytes (0: no
    /// limit, all of them go).
    fn prune_where(
        &mut self,
        condition: &str,
        filter: &PruneFilter,
        keep: u64,
    ) -> Result<PruneReport> {
        let conn = self.catalog()?.conn();
        let has_containers: bool = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'containers'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)?;
        let unused = if has_containers {
            "NOT EXISTS (SELECT 1 FROM containers c WHERE c.image_id = i.id)"
        } else {
            "1"
        };
        let sql = format!(
            "SELECT i.id, i.size, i.created, i.config FROM images i WHERE {unused} AND {condition} ORDER BY i.created"
        );
        let mut stmt = conn.prepare(&sql)?;
        let victims: Vec<(String, i64)> = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Vec<u8>>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, _, created, config)| {
                filter.matches(
                    created.saturating_mul(1_000_000_000),
                    &super::filter::config_labels(config),
                )
            })
            .map(|(id, size, _, _)| (id, size))
            .collect();
        drop(stmt);
        let mut left: u64 = victims
            .iter()
            .map(|(_, size)| size.max(&0).unsigned_abs())
            .sum();
        let mut report = PruneReport::default();
        for (id, size) in victims {
            if keep > 0 && left <= keep {
                break;
            }
            // An image `image mount` holds is in use, as podman's prune keeps it.
            if self.image_is_mounted(&id) {
                continue;
            }
            left -= size.max(0).unsigned_abs();
            let names: Vec<String> = {
                let conn = self.catalog()?.conn();
                let mut s = conn.prepare_cached(
                    "SELECT name FROM image_names WHERE image_id = ?1 ORDER BY name",
                )?;
                let rows = s.query_map([&id], |r| r.get::<_, String>(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            self.delete_image(&id)?;
            report.removed.extend(
                names
                    .into_iter()
                    .map(|n| Removed::Untagged(crate::image::remove::familiar(&n))),
            );
            report.removed.push(Removed::Deleted(id));
            report.reclaimed += size.max(0) as u64;
        }
        Ok(report)
    }
}
