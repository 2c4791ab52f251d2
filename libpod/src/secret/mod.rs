//! Secrets (podman's `secret`): small blobs a container needs at run time but that belong in no
//! image and no container configuration. The catalog keeps each secret's name, id and labels;
//! its data is a file of its own under `ROOT/secrets` (mode 0600, the `file` driver's way: not
//! encrypted). `run --secret` copies the data into the container's directory when the
//! container is created, as podman does: removing or replacing the secret later leaves the
//! container's copy alone.

pub mod options;

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;

use rusqlite::{params, OptionalExtension};

use crate::container::time::now_ns;
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};

/// The largest secret taken, in bytes (podman's limit).
pub const MAX_SECRET_BYTES: usize = 512_000;

/// One secret as the catalog records it (its data is not here: see [`Engine::secret_data`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretRecord {
    /// 25 hex digits, as podman's.
    pub id: String,
    /// The name `run --secret` uses.
    pub name: String,
    /// The driver: always `file`.
    pub driver: String,
    /// `--label` values.
    pub labels: BTreeMap<String, String>,
    /// Creation time, unix nanoseconds.
    pub created: i64,
    /// Last `--replace`, unix nanoseconds (the creation time until then).
    pub updated: i64,
}

const COLUMNS: &str = "id, name, driver, labels, created, updated";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SecretRecord> {
    Ok(SecretRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        driver: r.get(2)?,
        labels: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
        created: r.get(4)?,
        updated: r.get(5)?,
    })
}

fn not_found(name_or_id: &str) -> Error {
    Error::NotFound {
        kind: "secret",
        name: name_or_id.to_string(),
        hint: ": `skiff secret ls` lists the secrets; `skiff secret create NAME FILE` makes one"
            .into(),
    }
}

/// The error of a create whose name another secret has.
fn name_in_use(name: &str) -> Error {
    Error::Conflict(format!(
        "{name}: secret name in use: choose another name, or replace it with `skiff secret create --replace`"
    ))
}

impl Engine {
    /// The directory of the secrets' data files.
    fn secrets_dir(&self) -> PathBuf {
        self.paths().root.join("secrets")
    }

    /// `secret create`: keeps `data` under `name`. With `replace` an existing secret of that
    /// name gets the new data and labels (and keeps its id); without, the name must be free.
    pub fn secret_create(
        &mut self,
        name: &str,
        data: &[u8],
        labels: BTreeMap<String, String>,
        replace: bool,
    ) -> Result<SecretRecord> {
        if !crate::container::names::is_valid(name) || name.len() > 253 {
            return Err(Error::InvalidArgument(format!(
                "invalid secret name {name:?}: use up to 253 letters, digits, '_', '.' and '-', starting with a letter or digit"
            )));
        }
        if data.is_empty() || data.len() > MAX_SECRET_BYTES {
            return Err(Error::InvalidArgument(format!(
                "secret data must be larger than 0 and at most {MAX_SECRET_BYTES} bytes ({} given)",
                data.len()
            )));
        }
        let existing = self.secret_lookup(name)?.filter(|s| s.name == name);
        let id = match &existing {
            Some(_) if !replace => return Err(name_in_use(name)),
            Some(s) => s.id.clone(),
            None => crate::id::new_id()[..25].to_string(),
        };
        self.write_secret_data(&id, data)?;
        let labels = serde_json::to_string(&labels).expect("labels serialize");
        let now = now_ns();
        let written = self.catalog()?.write(|tx| {
            let taken = tx
                .query_row("SELECT id FROM secrets WHERE name = ?1", [name], |r| {
                    r.get::<_, String>(0)
                })
                .optional()?;
            match taken {
                Some(other) if other != id || !replace => Err(name_in_use(name)),
                Some(_) => {
                    tx.execute(
                        "UPDATE secrets SET labels = ?2, updated = ?3 WHERE id = ?1",
                        params![id, labels, now],
                    )?;
                    Ok(())
                }
                None => {
                    tx.execute(
                        "INSERT INTO secrets (id, name, driver, labels, created, updated) \
                         VALUES (?1, ?2, 'file', ?3, ?4, ?4)",
                        params![id, name, labels, now],
                    )?;
                    Ok(())
                }
            }
        });
        if let Err(e) = written {
            if existing.is_none() {
                let _ = std::fs::remove_file(self.secrets_dir().join(&id));
            }
            return Err(e);
        }
        self.secret_get(&id)
    }

    /// Writes a secret's data file: a fresh file (mode 0600) renamed over the old one, so a
    /// reader sees the old data or the new, never a part.
    fn write_secret_data(&self, id: &str, data: &[u8]) -> Result<()> {
        let dir = self.secrets_dir();
        std::fs::create_dir_all(&dir).at(&dir)?;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).at(&dir)?;
        let tmp = dir.join(format!(".{id}.{}", std::process::id()));
        // One a killed process of the same pid left behind.
        let _ = std::fs::remove_file(&tmp);
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .and_then(|mut f| f.write_all(data).and_then(|()| f.sync_all()))
            .and_then(|()| std::fs::rename(&tmp, dir.join(id)));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        Ok(written.at(&dir)?)
    }

    /// The secret called `name_or_id`, or whose id starts with it (an ambiguous prefix is an
    /// error); None when there is none.
    fn secret_lookup(&mut self, name_or_id: &str) -> Result<Option<SecretRecord>> {
        let conn = self.catalog()?.conn();
        let by_name = conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM secrets WHERE name = ?1"),
                [name_or_id],
                from_row,
            )
            .optional()?;
        if by_name.is_some() || name_or_id.is_empty() {
            return Ok(by_name);
        }
        let mut found: Vec<SecretRecord> = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM secrets WHERE substr(id, 1, length(?1)) = ?1"
            ))?
            .query_map([name_or_id], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        match found.len() {
            0 | 1 => Ok(found.pop()),
            n => Err(Error::Conflict(format!(
                "{n} secrets have ids starting with {name_or_id}: give more of the id, or the name"
            ))),
        }
    }

    /// `secret inspect`: the secret called `name_or_id` (or with that id or id prefix).
    pub fn secret_get(&mut self, name_or_id: &str) -> Result<SecretRecord> {
        self.secret_lookup(name_or_id)?
            .ok_or_else(|| not_found(name_or_id))
    }

    /// `secret ls`: every secret, by name.
    pub fn secret_list(&mut self) -> Result<Vec<SecretRecord>> {
        let conn = self.catalog()?.conn();
        let rows = conn
            .prepare(&format!("SELECT {COLUMNS} FROM secrets ORDER BY name"))?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// `secret rm`: deletes a secret and its data. Containers created with it keep their copy.
    pub fn secret_remove(&mut self, name_or_id: &str) -> Result<SecretRecord> {
        let rec = self.secret_get(name_or_id)?;
        self.catalog()?
            .write_one("DELETE FROM secrets WHERE id = ?1", [&rec.id])?;
        let file = self.secrets_dir().join(&rec.id);
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(skiff_storage::Error::io(&file, e).into())
            }
            _ => Ok(rec),
        }
    }

    /// The data of secret `rec`.
    pub fn secret_data(&self, rec: &SecretRecord) -> Result<Vec<u8>> {
        let file = self.secrets_dir().join(&rec.id);
        Ok(std::fs::read(&file).at(&file)?)
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::EngineOptions;

    fn engine(dir: &std::path::Path) -> Engine {
        Engine::new(EngineOptions {
            root: Some(dir.join("root")),
            runroot: Some(dir.join("run")),
            ..Default::default()
        })
    }

    #[test]
    fn create_replace_find_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        let mut e = engine(dir.path());
        let s = e
            .secret_create("db", b"pw1", BTreeMap::new(), false)
            .unwrap();
        assert_eq!((s.id.len(), s.driver.as_str()), (25, "file"));
        assert!(s.id.bytes().all(|b| b.is_ascii_hexdigit()));
        let file = dir.path().join("root/secrets").join(&s.id);
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!((mode(&file), mode(file.parent().unwrap())), (0o600, 0o700));
        assert_eq!(e.secret_data(&s).unwrap(), b"pw1");
        match e.secret_create("db", b"pw2", BTreeMap::new(), false) {
            Err(Error::Conflict(m)) => assert!(m.starts_with("db: secret name in use"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            e.secret_data(&s).unwrap(),
            b"pw1",
            "a refused create keeps the data"
        );
        let labels = BTreeMap::from([("k".to_string(), "v".to_string())]);
        let r = e.secret_create("db", b"pw2", labels.clone(), true).unwrap();
        assert_eq!((r.id.as_str(), &r.labels), (s.id.as_str(), &labels));
        assert_eq!(e.secret_data(&r).unwrap(), b"pw2");
        assert_eq!(e.secret_get(&s.id[..6]).unwrap().name, "db");
        assert_eq!(e.secret_list().unwrap().len(), 1);
        assert_eq!(e.secret_remove("db").unwrap().id, s.id);
        assert!(!file.exists());
        assert!(e.secret_get("db").unwrap_err().is_not_found());
        assert!(e.secret_remove("db").unwrap_err().is_not_found());
    }

    #[test]
    fn names_and_sizes_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let mut e = engine(dir.path());
        for bad in ["", "-x", "a/b", "a b"] {
            assert!(
                matches!(
                    e.secret_create(bad, b"x", BTreeMap::new(), false),
                    Err(Error::InvalidArgument(_))
                ),
                "{bad:?}"
            );
        }
        for data in [Vec::new(), vec![b'x'; MAX_SECRET_BYTES + 1]] {
            assert!(matches!(
                e.secret_create("s", &data, BTreeMap::new(), false),
                Err(Error::InvalidArgument(_))
            ));
        }
        e.secret_create("s", &vec![b'x'; MAX_SECRET_BYTES], BTreeMap::new(), false)
            .unwrap();
        assert!(e.secret_list().unwrap().len() == 1);
    }
}
