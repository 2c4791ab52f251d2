//! The `manifest_lists` rows: a list's name, id, index and the sources of its entries.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use skiff_storage::manifest::ImageIndex;
use skiff_storage::manifest_list::parse_index;
use skiff_storage::{Digest, Reference};

use crate::error::{Error, Result};
use crate::image::record::full_name;

/// Where the content an index entry points to is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntrySource {
    /// A stored image (hex id): its manifest, config and layers are pushed with the list.
    Image(String),
    /// A registry repository (`registry/repo`) that has the manifest and its blobs.
    Repository(String),
}

/// A stored manifest list.
#[derive(Debug, Clone)]
pub struct ManifestList {
    /// Its full name (`localhost/list:latest`).
    pub name: String,
    /// Its id (64 hex).
    pub id: String,
    /// The index.
    pub index: ImageIndex,
    /// Each entry's source, by digest (`sha256:...`).
    pub sources: BTreeMap<String, EntrySource>,
}

impl ManifestList {
    /// The source of the entry with `digest`.
    pub fn source(&self, digest: &Digest) -> Option<&EntrySource> {
        self.sources.get(&digest.to_string())
    }
}

/// The full name a list is stored under, from what the user typed.
pub(crate) fn list_name(input: &str) -> Result<String> {
    Ok(full_name(&Reference::parse(input)?))
}

/// The list `input` names (by name or full id), if any.
pub(crate) fn find(conn: &Connection, input: &str) -> Result<Option<ManifestList>> {
    let name = list_name(input).ok();
    let id = input.strip_prefix("sha256:").unwrap_or(input);
    let row = conn
        .query_row(
            "SELECT name, id, manifest, sources FROM manifest_lists WHERE name = ?1 OR id = ?2",
            params![name, id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )
        .optional()?;
    let Some((name, id, manifest, sources)) = row else {
        return Ok(None);
    };
    Ok(Some(ManifestList {
        index: parse_index(&manifest)?,
        sources: serde_json::from_str(&sources).map_err(|e| {
            Error::Runtime(format!(
                "manifest list {name}: its stored sources are damaged ({e}); remove it with skiff manifest rm {name}"
            ))
        })?,
        name,
        id,
    }))
}

/// The list `input` names, or an error saying how to make one.
pub(crate) fn get(conn: &Connection, input: &str) -> Result<ManifestList> {
    find(conn, input)?.ok_or_else(|| Error::NotFound {
        kind: "manifest list",
        name: input.to_string(),
        hint: "; create it with skiff manifest create".to_string(),
    })
}

/// Writes `list` (inserting or replacing its row), dropping sources of entries it no longer has.
pub(crate) fn save(tx: &rusqlite::Transaction<'_>, list: &ManifestList) -> Result<()> {
    let sources: BTreeMap<&String, &EntrySource> = list
        .sources
        .iter()
        .filter(|(d, _)| {
            list.index
                .manifests
                .iter()
                .any(|m| m.digest.to_string() == **d)
        })
        .collect();
    tx.execute(
        "INSERT INTO manifest_lists (name, id, manifest, sources, created)
         VALUES (?1, ?2, ?3, ?4, strftime('%s','now'))
         ON CONFLICT(name) DO UPDATE SET manifest = excluded.manifest, sources = excluded.sources",
        params![
            list.name,
            list.id,
            list.index.to_json(),
            serde_json::to_string(&sources).expect("JSON serialises")
        ],
    )?;
    Ok(())
}

/// Deletes the list named `name` (full name).
pub(crate) fn delete(tx: &rusqlite::Transaction<'_>, name: &str) -> Result<()> {
    tx.execute("DELETE FROM manifest_lists WHERE name = ?1", [name])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use skiff_storage::manifest::Descriptor;
    use skiff_storage::manifest_list::{add_entry, empty_index};

    #[test]
    fn save_find_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let mut cat = Catalog::open(&dir.path().join("c.db")).unwrap();
        let mut index = empty_index();
        let d = Digest::of(b"m");
        add_entry(
            &mut index,
            Descriptor::new(
                skiff_storage::manifest::MEDIA_TYPE_OCI_MANIFEST,
                d.clone(),
                1,
            ),
        );
        let mut sources = BTreeMap::new();
        sources.insert(d.to_string(), EntrySource::Image("ab".repeat(32)));
        sources.insert(
            Digest::of(b"gone").to_string(),
            EntrySource::Repository("r/x".into()),
        );
        let list = ManifestList {
            name: list_name("localhost/l").unwrap(),
            id: "cd".repeat(32),
            index,
            sources,
        };
        cat.write(|tx| save(tx, &list)).unwrap();
        let got = get(cat.conn(), "localhost/l:latest").unwrap();
        assert_eq!(got.index, list.index);
        assert_eq!(got.sources.len(), 1);
        assert_eq!(got.source(&d), Some(&EntrySource::Image("ab".repeat(32))));
        assert!(find(cat.conn(), &"cd".repeat(32)).unwrap().is_some());
        assert!(find(cat.conn(), "other").unwrap().is_none());
        cat.write(|tx| delete(tx, &list.name)).unwrap();
        assert!(matches!(
            get(cat.conn(), "localhost/l"),
            Err(Error::NotFound { .. })
        ));
    }
}
