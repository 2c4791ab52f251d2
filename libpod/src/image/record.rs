//! Catalog rows of images (`images`, `image_names`, `image_digests`) and name resolution.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};
use skiff_storage::{Digest, Reference};

use crate::error::{Error, Result};

/// One stored image as the catalog records it.
#[derive(Debug, Clone)]
pub struct ImageRecord {
    /// The image id: hex sha256 of the config blob (no `sha256:` prefix).
    pub id: String,
    /// The manifest digest as stored (`sha256:...`), when known.
    pub manifest_digest: Option<String>,
    /// The image config JSON.
    pub config: Vec<u8>,
    /// Layer chain ids (hex), base first.
    pub layers: Vec<String>,
    /// Sum of uncompressed layer sizes, in bytes.
    pub size: i64,
    /// Creation time from the config (unix seconds).
    pub created: i64,
    /// Normalised names (`docker.io/library/alpine:latest`), sorted.
    pub names: Vec<String>,
    /// Repository digests (`docker.io/library/alpine@sha256:...`), sorted.
    pub digests: Vec<String>,
}

impl ImageRecord {
    /// Whether a pull that gave this image changed nothing: `before` (what the name found
    /// before the pull) is the same image, and none of this one's names is new (a short name
    /// may have found another registry's image, which the pull stored under a new name).
    /// docker's "Image is up to date" against "Downloaded newer image".
    pub fn unchanged_since(&self, before: Option<&ImageRecord>) -> bool {
        before.is_some_and(|b| b.id == self.id && self.names.iter().all(|n| b.names.contains(n)))
    }

    /// The full reference under which a pull of `asked` stored this image, as docker's pull
    /// prints it last (`docker.io/library/busybox:latest`, `REPO@DIGEST` for a pull by
    /// digest): the name or digest `asked` matches (a short name matches the registry it was
    /// found on). None when none does.
    pub fn pulled_reference(&self, asked: &str) -> Option<String> {
        let (asked_name, digest) = match asked.split_once('@') {
            Some((name, digest)) => (name, Some(digest)),
            None => (asked, None),
        };
        let listed = |stored: &String| {
            let parsed = Reference::parse(stored).ok()?;
            Some((parsed.familiar_name(), parsed.tag_or_latest().to_string()))
        };
        let rank = super::list::reference_match_rank;
        // The closest match: a name as asked before one found without its registry.
        let (stored, pattern): (&[String], String) = match digest {
            Some(_) => (&self.digests, asked_name.to_string()),
            None => {
                // A name without a tag is its `latest`.
                let last = asked_name.rsplit('/').next().unwrap_or(asked_name);
                match last.contains(':') {
                    true => (&self.names, asked_name.to_string()),
                    false => (&self.names, format!("{asked_name}:latest")),
                }
            }
        };
        stored
            .iter()
            .filter(|s| digest.is_none_or(|d| s.ends_with(&format!("@{d}"))))
            .filter_map(|s| {
                let (repo, tag) = listed(s)?;
                let tag = if digest.is_some() { String::new() } else { tag };
                Some((rank(&pattern, &repo, &tag)?, s))
            })
            .min_by_key(|(r, _)| *r)
            .map(|(_, s)| s.clone())
    }
}

#[cfg(test)]
mod pulled_tests {
    use super::ImageRecord;

    #[test]
    fn the_reference_a_pull_stored() {
        let rec = ImageRecord {
            id: "a".repeat(64),
            manifest_digest: None,
            config: Vec::new(),
            layers: Vec::new(),
            size: 0,
            created: 0,
            names: vec![
                "docker.io/library/busybox:1".into(),
                "docker.io/library/busybox:latest".into(),
                "localhost:5055/busybox:latest".into(),
                "127.0.0.1:5055/library/busybox:latest".into(),
            ],
            digests: vec![format!("localhost:5055/busybox@sha256:{}", "b".repeat(64))],
        };
        let digest = format!("localhost:5055/busybox@sha256:{}", "b".repeat(64));
        let got = |asked: &str| rec.pulled_reference(asked);
        assert_eq!(
            got("busybox").as_deref(),
            Some("docker.io/library/busybox:latest")
        );
        assert_eq!(
            got("busybox:1").as_deref(),
            Some("docker.io/library/busybox:1")
        );
        assert_eq!(
            got("localhost:5055/busybox").as_deref(),
            Some("localhost:5055/busybox:latest")
        );
        assert_eq!(got(&digest), Some(digest.clone()));
        assert_eq!(got("busybox:2"), None);
    }
}

/// Reads image `id` (full hex) with its names and digests.
pub(crate) fn read(conn: &Connection, id: &str) -> Result<Option<ImageRecord>> {
    let row = conn
        .query_row(
            "SELECT id, manifest_digest, config, layers, size, created FROM images WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((id, manifest_digest, config, layers, size, created)) = row else {
        return Ok(None);
    };
    let names = column(
        conn,
        "SELECT name FROM image_names WHERE image_id = ?1 ORDER BY name",
        &id,
    )?;
    let digests = column(
        conn,
        "SELECT repo || '@' || digest FROM image_digests WHERE image_id = ?1 ORDER BY repo, digest",
        &id,
    )?;
    Ok(Some(ImageRecord {
        manifest_digest,
        config,
        layers: serde_json::from_str(&layers).unwrap_or_default(),
        size,
        created,
        names,
        digests,
        id,
    }))
}

fn column(conn: &Connection, sql: &str, id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The image id a user's input names: a full or familiar name (`alpine`, `alpine:3`), a
/// `name@digest`, a full id (with or without `sha256:`) or a unique id prefix.
pub(crate) fn lookup_id(conn: &Connection, input: &str) -> Result<String> {
    let hexpart = input.strip_prefix("sha256:").unwrap_or(input);
    let is_hex = !hexpart.is_empty()
        && hexpart
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    if let Ok(reference) = Reference::parse(input) {
        let found = match reference.digest() {
            Some(d) => conn
                .query_row(
                    "SELECT image_id FROM image_digests WHERE repo = ?1 AND digest = ?2",
                    params![reference.name(), d.to_string()],
                    |r| r.get::<_, String>(0),
                )
                .optional()?,
            None => by_name_or_alias(conn, input, &reference)?.map(|(_, id)| id),
        };
        if let Some(id) = found {
            return Ok(id);
        }
    }
    if is_hex {
        let mut stmt =
            conn.prepare_cached("SELECT id FROM images WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 2")?;
        let ids: Vec<String> = stmt
            .query_map([hexpart], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.len() {
            1 => return Ok(ids.into_iter().next().expect("one id")),
            0 => {}
            n => {
                return Err(Error::Ambiguous {
                    kind: "image",
                    name: input.into(),
                    count: n,
                })
            }
        }
    }
    Err(Error::NotFound {
        kind: "image",
        name: input.into(),
        hint: "; see `skiff images` for what is stored, or `skiff pull` it".into(),
    })
}

/// An OCI image manifest for the config blob `config_digest` of `config_len` bytes and the layer
/// descriptors `layers`, as skiff records images it made or loaded.
/// The manifest stored for image `id` (hex), as it was pulled or made.
pub(crate) fn stored_manifest(conn: &Connection, id: &str) -> Result<Vec<u8>> {
    Ok(
        conn.query_row("SELECT manifest FROM images WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

pub(crate) fn oci_manifest(
    config_digest: &Digest,
    config_len: usize,
    layers: Vec<Value>,
) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "digest": config_digest.to_string(),
            "size": config_len,
        },
        "layers": layers,
    }))
    .expect("JSON serialises")
}

/// An image skiff made itself (`commit`, `import`): its config JSON, the manifest's layer
/// descriptors, the layers' chain ids (hex, base first) and their size.
pub(crate) struct LocalImage<'a> {
    /// The config JSON.
    pub config: &'a [u8],
    /// The manifest's layer descriptors.
    pub descriptors: Vec<Value>,
    /// Chain ids (hex), base first.
    pub layers: Vec<String>,
    /// Sum of layer sizes.
    pub size: i64,
}

/// podman's local names, for a name by tag not stored as written: `localhost/NAME` is the
/// image a build or tag named `NAME` (podman names its builds so, and its YAML, Quadlet files
/// and scripts carry the prefix), and a short `NAME` finds `localhost/NAME`; only a name never
/// pulled is found this way (see [`local_id_by_name`]).
fn local_alias(input: &str) -> Option<Reference> {
    let alias = match input.strip_prefix("localhost/") {
        Some(rest) => rest.to_string(),
        None if skiff_storage::reference::is_short_name(input) => format!("localhost/{input}"),
        None => return None,
    };
    Reference::parse(&alias).ok()
}

/// The stored `name:tag` that `input` names by tag: as written, or its podman alias (see
/// [`local_alias`]); None when neither is stored (or `input` is no such name).
pub(crate) fn stored_name(conn: &Connection, input: &str) -> Result<Option<String>> {
    let Ok(reference) = Reference::parse(input) else {
        return Ok(None);
    };
    if reference.digest().is_some() {
        return Ok(None);
    }
    Ok(by_name_or_alias(conn, input, &reference)?.map(|(stored, _)| full_name(&stored)))
}

/// The stored name that `input` (parsed: `reference`, a name by tag) names, and its image id:
/// the name as written, else its podman alias ([`local_alias`]), else podman's short-name
/// match ([`by_short_name`]).
fn by_name_or_alias(
    conn: &Connection,
    input: &str,
    reference: &Reference,
) -> Result<Option<(Reference, String)>> {
    if let Some(id) = id_by_name(conn, reference)? {
        return Ok(Some((reference.clone(), id)));
    }
    if let Some(alias) = local_alias(input) {
        if let Some(id) = local_id_by_name(conn, &alias)? {
            return Ok(Some((alias, id)));
        }
    }
    by_short_name(conn, input)
}

/// podman's last resort for a short name (`busybox`, `library/busybox`, `app:1`) that names
/// no image as docker normalizes it: the stored name of another registry whose repository is
/// that path (or `library/` and it), at the same tag (`busybox` finds a pulled
/// `127.0.0.1:5055/library/busybox:latest` or `quay.io/busybox:latest`, never
/// `quay.io/someone/busybox`), when exactly one image has such a name; several are no match
/// (a pull then decides).
fn by_short_name(conn: &Connection, input: &str) -> Result<Option<(Reference, String)>> {
    if !skiff_storage::reference::is_short_name(input) || input.contains('@') {
        return Ok(None);
    }
    let last = input.rsplit('/').next().unwrap_or(input);
    let path = match last.contains(':') {
        true => input.to_string(),
        false => format!("{input}:latest"),
    };
    // The registry is the part before the first `/`, so the repository must be the whole
    // rest: `REGISTRY/PATH`, or `REGISTRY/library/PATH` for a one-component path.
    let mut stmt = conn.prepare_cached(
        "SELECT name, image_id FROM image_names \
         WHERE substr(name, instr(name, '/') + 1) IN (?1, 'library/' || ?1) ORDER BY name",
    )?;
    let found: Vec<(String, String)> = stmt
        .query_map([&path], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let Some((name, id)) = found.first() else {
        return Ok(None);
    };
    if found.iter().any(|(_, other)| other != id) {
        return Ok(None);
    }
    Ok(Reference::parse(name).ok().map(|r| (r, id.clone())))
}

/// [`id_by_name`] for a name that was never pulled: no registry manifest is recorded for its
/// repository (a build, a tag, an import), so an alias never reaches a pulled image.
fn local_id_by_name(conn: &Connection, reference: &Reference) -> Result<Option<String>> {
    let pulled = conn
        .query_row(
            "SELECT 1 FROM image_digests WHERE repo = ?1 LIMIT 1",
            [reference.name()],
            |_| Ok(()),
        )
        .optional()?;
    match pulled {
        Some(()) => Ok(None),
        None => id_by_name(conn, reference),
    }
}

/// The ids of the stored images other than `id` whose layers start with `layers` and add
/// more: the images built on it (docker's child images).
pub(crate) fn children(conn: &Connection, id: &str, layers: &[String]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT id, layers FROM images WHERE id != ?1")?;
    let rows = stmt.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (other, theirs) = row?;
        let theirs: Vec<String> = serde_json::from_str(&theirs).unwrap_or_default();
        if theirs.len() > layers.len() && theirs.starts_with(layers) {
            out.push(other);
        }
    }
    Ok(out)
}

/// Every stored `name:tag` of repository `repo` (`docker.io/library/app`) with its image id,
/// by name.
pub(crate) fn tags_of_repo(conn: &Connection, repo: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT name, image_id FROM image_names \
         WHERE substr(name, 1, length(?1) + 1) = ?1 || ':' ORDER BY name",
    )?;
    let rows = stmt
        .query_map([repo], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The id of the image stored under `reference`'s `name:tag`.
fn id_by_name(conn: &Connection, reference: &Reference) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT image_id FROM image_names WHERE name = ?1",
            [full_name(reference)],
            |r| r.get::<_, String>(0),
        )
        .optional()?)
}

/// The name an image is recorded under: `registry/repository:tag` (`latest` when untagged).
pub(crate) fn full_name(reference: &Reference) -> String {
    format!("{}:{}", reference.name(), reference.tag_or_latest())
}

/// What is recorded for a newly stored image.
pub(crate) struct NewImage<'a> {
    /// Hex id (sha256 of the config).
    pub id: &'a str,
    /// `sha256:...` of `manifest`, when it came from a registry or an OCI archive.
    pub manifest_digest: Option<String>,
    /// The manifest JSON.
    pub manifest: &'a [u8],
    /// The config JSON.
    pub config: &'a [u8],
    /// Chain ids (hex), base first.
    pub layers: Vec<String>,
    /// Sum of layer sizes.
    pub size: i64,
    /// Creation time from the config (unix seconds).
    pub created: i64,
}

/// Records `image` (keeping an existing row) and gives it `names` (full form), moving each
/// name off any other image.
pub(crate) fn insert(
    tx: &rusqlite::Transaction<'_>,
    image: &NewImage<'_>,
    names: &[String],
) -> Result<()> {
    let layers = serde_json::to_string(&image.layers).expect("strings serialise");
    tx.execute(
        "INSERT INTO images (id, manifest_digest, manifest, config, layers, size, created, stored)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%s','now'))
         ON CONFLICT(id) DO NOTHING",
        params![
            image.id,
            image.manifest_digest,
            image.manifest,
            image.config,
            layers,
            image.size,
            image.created
        ],
    )?;
    for name in names {
        tx.execute(
            "INSERT INTO image_names (name, image_id) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET image_id = excluded.image_id",
            params![name, image.id],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn image(tx: &rusqlite::Transaction<'_>, id: &str, names: &[&str]) {
        let new = NewImage {
            id,
            manifest_digest: None,
            manifest: b"{}",
            config: b"{}",
            layers: vec![],
            size: 1,
            created: 0,
        };
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        insert(tx, &new, &names).unwrap();
    }

    #[test]
    fn children_add_layers_to_all_of_the_parent_s() {
        let dir = tempfile::tempdir().unwrap();
        let mut cat = Catalog::open(&dir.path().join("c.db")).unwrap();
        let layered = |tx: &rusqlite::Transaction<'_>, id: &str, layers: &[&str]| {
            let new = NewImage {
                id,
                manifest_digest: None,
                manifest: b"{}",
                config: b"{}",
                layers: layers.iter().map(|l| l.to_string()).collect(),
                size: 1,
                created: 0,
            };
            insert(tx, &new, &[]).unwrap();
        };
        cat.write(|tx| {
            layered(tx, "base", &["l1"]);
            layered(tx, "child", &["l1", "l2"]);
            layered(tx, "grandchild", &["l1", "l2", "l3"]);
            layered(tx, "sibling", &["l1"]);
            layered(tx, "other", &["l9", "l1"]);
            Ok(())
        })
        .unwrap();
        let base = vec!["l1".to_string()];
        let mut found = children(cat.conn(), "base", &base).unwrap();
        found.sort();
        assert_eq!(found, ["child", "grandchild"]);
    }

    #[test]
    fn lookup_by_name_id_prefix_and_digest() {
        let dir = tempfile::tempdir().unwrap();
        let mut cat = Catalog::open(&dir.path().join("c.db")).unwrap();
        let (a, b) = ("abc1".repeat(16), "abc2".repeat(16));
        cat.write(|tx| {
            image(tx, &a, &["docker.io/library/alpine:latest"]);
            image(tx, &b, &["localhost:5055/x/y:1"]);
            tx.execute(
                "INSERT INTO image_digests VALUES ('docker.io/library/alpine', ?1, ?2)",
                params![format!("sha256:{}", "d".repeat(64)), a],
            )?;
            Ok(())
        })
        .unwrap();
        let conn = cat.conn();
        assert_eq!(lookup_id(conn, "alpine").unwrap(), a);
        assert_eq!(
            lookup_id(conn, "docker.io/library/alpine:latest").unwrap(),
            a
        );
        // podman's localhost/ alias reaches local names only, never a pulled image.
        assert!(matches!(
            lookup_id(conn, "localhost/alpine"),
            Err(Error::NotFound { .. })
        ));
        assert_eq!(stored_name(conn, "localhost/alpine").unwrap(), None);
        assert_eq!(lookup_id(conn, "localhost:5055/x/y:1").unwrap(), b);
        assert_eq!(lookup_id(conn, &format!("sha256:{b}")).unwrap(), b);
        assert_eq!(lookup_id(conn, "abc2").unwrap(), b);
        let pinned = format!("alpine@sha256:{}", "d".repeat(64));
        assert_eq!(lookup_id(conn, &pinned).unwrap(), a);
        assert!(matches!(
            lookup_id(conn, "abc"),
            Err(Error::Ambiguous { count: 2, .. })
        ));
        assert!(matches!(
            lookup_id(conn, "alpine:3"),
            Err(Error::NotFound { .. })
        ));
        let c = "abc3".repeat(16);
        cat.write(|tx| {
            image(
                tx,
                &c,
                &["docker.io/library/app:1", "localhost/mine:latest"],
            );
            Ok(())
        })
        .unwrap();
        let conn = cat.conn();
        assert_eq!(lookup_id(conn, "localhost/app:1").unwrap(), c);
        assert_eq!(lookup_id(conn, "mine").unwrap(), c);
        assert_eq!(
            stored_name(conn, "localhost/app:1").unwrap().as_deref(),
            Some("docker.io/library/app:1")
        );
        assert!(lookup_id(conn, "localhost/app:2").is_err());
        // podman's short-name match: another registry's repository of that path (or
        // library/ and it), at the same tag, when one image has it; never another user's
        // repository of that name.
        assert_eq!(lookup_id(conn, "x/y:1").unwrap(), b);
        assert_eq!(
            stored_name(conn, "x/y:1").unwrap().as_deref(),
            Some("localhost:5055/x/y:1")
        );
        assert!(lookup_id(conn, "y:1").is_err(), "x/y is another user's y");
        assert!(lookup_id(conn, "x/y").is_err(), "another tag");
        assert!(lookup_id(conn, "z/y:1").is_err());
        let (d, e) = ("abc4".repeat(16), "abc5".repeat(16));
        cat.write(|tx| {
            image(tx, &d, &["127.0.0.1:5055/library/bb:latest"]);
            image(tx, &e, &["quay.io/other/x/y:1"]);
            Ok(())
        })
        .unwrap();
        let conn = cat.conn();
        assert_eq!(lookup_id(conn, "bb").unwrap(), d);
        assert_eq!(lookup_id(conn, "library/bb").unwrap(), d);
        assert!(lookup_id(conn, "other/bb").is_err());
        assert!(
            lookup_id(conn, "x/y:1").is_ok(),
            "quay.io/other/x/y is not x/y"
        );
        cat.write(|tx| {
            image(tx, &e, &["quay.io/x/y:1"]);
            Ok(())
        })
        .unwrap();
        assert!(
            lookup_id(cat.conn(), "x/y:1").is_err(),
            "two images: no match"
        );
        // Re-tagging moves a name: the previous image keeps its other names only.
        cat.write(|tx| {
            image(tx, &b, &["docker.io/library/alpine:latest"]);
            Ok(())
        })
        .unwrap();
        assert_eq!(lookup_id(cat.conn(), "alpine").unwrap(), b);
        assert!(read(cat.conn(), &a).unwrap().unwrap().names.is_empty());
    }
}
