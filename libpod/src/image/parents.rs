//! The untagged parents `rmi` deletes with an image, as docker and podman do: a build keeps the
//! image of each step (the layer cache), and those images go with the last image that grew out
//! of them, unless `--no-prune`.
//!
//! The catalog records no parent link; an image's ancestry is read from its contents, as podman
//! does: a parent's layers are a prefix of its child's layers and its history a strict prefix of
//! the child's history (a step that changes only metadata keeps the layers and adds history).

use rusqlite::Connection;
use serde_json::Value;

use crate::error::Result;

/// What ancestry is judged by: an image's layers and its config's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Lineage {
    /// The image id (hex).
    pub id: String,
    /// Layer chain ids, base first.
    pub layers: Vec<String>,
    /// The config's `history` entries, oldest first.
    pub history: Vec<Value>,
}

impl Lineage {
    /// The lineage of an image from its catalog columns (`layers` JSON, config JSON).
    pub fn from_columns(id: String, layers: &str, config: &[u8]) -> Lineage {
        let config: Value = serde_json::from_slice(config).unwrap_or_default();
        Lineage {
            id,
            layers: serde_json::from_str(layers).unwrap_or_default(),
            history: config["history"].as_array().cloned().unwrap_or_default(),
        }
    }

    /// True when this image is an ancestor of `child`.
    pub fn is_ancestor_of(&self, child: &Lineage) -> bool {
        self.id != child.id
            && self.history.len() < child.history.len()
            && child.layers.starts_with(&self.layers)
            && child.history.starts_with(&self.history)
    }
}

/// The ids among `candidates` (untagged step images no container uses) that go with
/// `deleted`: its ancestors that no image in `others` (the images that stay) descends from.
/// Youngest first, the order docker reports them in.
pub fn dangling_parents(
    deleted: &Lineage,
    candidates: &[Lineage],
    others: &[Lineage],
) -> Vec<String> {
    let mut gone: Vec<&Lineage> = candidates
        .iter()
        .filter(|c| c.is_ancestor_of(deleted))
        .filter(|c| !others.iter().any(|o| c.is_ancestor_of(o)))
        .collect();
    gone.sort_by_key(|c| std::cmp::Reverse(c.history.len()));
    gone.into_iter().map(|c| c.id.clone()).collect()
}

/// The untagged images that a build recorded only as steps (never as a build's result) and
/// no container uses: the images `rmi` may take along as parents.
pub(crate) fn step_images(conn: &Connection) -> Result<Vec<Lineage>> {
    let mut stmt = conn.prepare(
        "SELECT i.id, i.layers, i.config FROM images i
         WHERE EXISTS (SELECT 1 FROM build_cache b WHERE b.image_id = i.id)
           AND NOT EXISTS (SELECT 1 FROM build_cache b WHERE b.image_id = i.id AND b.intermediate = 0)
           AND NOT EXISTS (SELECT 1 FROM image_names n WHERE n.image_id = i.id)
           AND NOT EXISTS (SELECT 1 FROM containers c WHERE c.image_id = i.id)",
    )?;
    lineages(&mut stmt)
}

/// Every stored image's lineage.
pub(crate) fn all_images(conn: &Connection) -> Result<Vec<Lineage>> {
    let mut stmt = conn.prepare("SELECT id, layers, config FROM images")?;
    lineages(&mut stmt)
}

fn lineages(stmt: &mut rusqlite::Statement<'_>) -> Result<Vec<Lineage>> {
    let rows = stmt.query_map([], |r| {
        Ok(Lineage::from_columns(
            r.get(0)?,
            &r.get::<_, String>(1)?,
            &r.get::<_, Vec<u8>>(2)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn image(id: &str, layers: &[&str], history: &[&str]) -> Lineage {
        Lineage {
            id: id.into(),
            layers: layers.iter().map(|s| s.to_string()).collect(),
            history: history.iter().map(|h| json!({ "created_by": h })).collect(),
        }
    }

    #[test]
    fn a_builds_steps_go_with_its_result() {
        let base = image("base", &["l0"], &["base"]);
        let run = image("run", &["l0", "l1"], &["base", "RUN"]);
        let env = image("env", &["l0", "l1"], &["base", "RUN", "ENV"]);
        let last = image("last", &["l0", "l1", "l2"], &["base", "RUN", "ENV", "COPY"]);
        // The base image is named (no candidate); the steps go, youngest first.
        let gone = dangling_parents(
            &last,
            &[run.clone(), env.clone()],
            std::slice::from_ref(&base),
        );
        assert_eq!(gone, ["env", "run"]);
    }

    #[test]
    fn a_step_another_image_grew_from_stays() {
        let run = image("run", &["l0", "l1"], &["base", "RUN"]);
        let env = image("env", &["l0", "l1"], &["base", "RUN", "ENV"]);
        let last = image("last", &["l0", "l1"], &["base", "RUN", "ENV", "CMD"]);
        // Another build shares the RUN step, then went its own way.
        let other = image("other", &["l0", "l1", "l9"], &["base", "RUN", "COPY"]);
        let gone = dangling_parents(&last, &[run, env], &[other]);
        assert_eq!(gone, ["env"]);
    }

    #[test]
    fn images_with_the_same_layers_but_other_history_are_not_parents() {
        // A metadata step straight after FROM has the base's layers: the base (and any other
        // image of that base) is not its child.
        let env = image("env", &["l0"], &["base", "ENV"]);
        let last = image("last", &["l0", "l1"], &["base", "ENV", "RUN"]);
        let sibling = image("sib", &["l0"], &["base", "LABEL"]);
        assert_eq!(
            dangling_parents(&last, std::slice::from_ref(&env), &[sibling]),
            ["env"]
        );
        assert!(!env.is_ancestor_of(&image("base", &["l0"], &["base"])));
        assert!(!env.is_ancestor_of(&env));
    }
}
