//! `images`: one summary row per (image, name), read with one query.

use skiff_storage::Reference;

use crate::engine::Engine;
use crate::error::Result;

/// One row of `skiff images`: an image under one of its names (or none: dangling).
#[derive(Debug, Clone)]
pub struct ImageSummary {
    /// The image id (hex, no prefix).
    pub id: String,
    /// Repository as docker shows it (`alpine`, `localhost:5055/library/busybox`), or `<none>`.
    pub repository: String,
    /// The tag, or `<none>`.
    pub tag: String,
    /// The repository digest (`sha256:...`) for this repository, or `<none>`.
    pub digest: String,
    /// Creation time (unix seconds).
    pub created: i64,
    /// Size in bytes.
    pub size: i64,
    /// Whether the image has no name at all.
    pub dangling: bool,
}

impl Engine {
    /// Every stored image under each of its names, newest first; an image without names
    /// appears once as `<none>:<none>`.
    pub fn list_images(&mut self) -> Result<Vec<ImageSummary>> {
        let conn = self.catalog()?.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT i.id, i.created, i.size, n.name
             FROM images i LEFT JOIN image_names n ON n.image_id = i.id
             ORDER BY i.created DESC, i.id, n.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut digests = conn.prepare_cached(
            "SELECT image_id, repo, digest FROM image_digests ORDER BY repo, digest",
        )?;
        let all_digests: Vec<(String, String, String)> = digests
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for row in rows {
            let (id, created, size, name) = row?;
            let parsed = name.as_deref().and_then(|n| Reference::parse(n).ok());
            let (repository, tag, digest) = match &parsed {
                Some(r) => {
                    let repo = r.name();
                    let digest = all_digests
                        .iter()
                        .find(|(di, dr, _)| *di == id && *dr == repo)
                        .map_or("<none>".to_string(), |(_, _, d)| d.clone());
                    (r.familiar_name(), r.tag_or_latest().to_string(), digest)
                }
                None => ("<none>".into(), "<none>".into(), "<none>".into()),
            };
            out.push(ImageSummary {
                dangling: name.is_none(),
                id,
                repository,
                tag,
                digest,
                created,
                size,
            });
        }
        Ok(out)
    }
}
