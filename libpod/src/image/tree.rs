//! podman's `image tree`: an image's layers, base first, each with the images it is the top
//! layer of; or with `--whatrequires`, the layers stacked on the image's top layer by other
//! images, as a tree.

use std::collections::BTreeMap;

use skiff_storage::store::Store;
use skiff_storage::Digest;

use crate::engine::Engine;
use crate::error::Result;

/// One layer of an [`ImageTree`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeLayer {
    /// The layer's chain id (hex), its id in the store.
    pub id: String,
    /// Bytes of file content in the layer.
    pub size: u64,
    /// The names of the images whose top layer this is.
    pub top_of: Vec<String>,
    /// `--whatrequires`: the layers other images stack on this one.
    pub children: Vec<TreeLayer>,
}

/// What `image tree` shows of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageTree {
    /// The image id (hex).
    pub id: String,
    /// Its names.
    pub names: Vec<String>,
    /// Its size in bytes.
    pub size: u64,
    /// Its layers base first; with `--whatrequires`, its top layer and, after it, the layers
    /// stacked on it, each with its own children.
    pub layers: Vec<TreeLayer>,
}

/// A stored image as the tree needs it.
#[derive(Debug, Clone)]
pub struct TreeImage {
    /// The image id.
    pub id: String,
    /// Its names.
    pub names: Vec<String>,
    /// Its layers' chain ids, base first.
    pub layers: Vec<String>,
    /// Its place in the store's order (the catalog's row order: images stored earlier come
    /// first), which orders siblings; a creation time has only seconds, and two builds of
    /// one second would tie.
    pub order: i64,
}

/// The tree of image `target` among `images`, with layer sizes from `size_of`: its layers, or
/// (`what_requires`) its top layer followed by every layer other images stack on it.
pub fn build_tree(
    target: &TreeImage,
    size: u64,
    images: &[TreeImage],
    what_requires: bool,
    size_of: &dyn Fn(&str) -> u64,
) -> ImageTree {
    let mut top_of: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut in_store_order: Vec<&TreeImage> = images.iter().collect();
    in_store_order.sort_by_key(|i| i.order);
    for image in &in_store_order {
        if let Some(top) = image.layers.last() {
            top_of
                .entry(top)
                .or_default()
                .extend(image.names.iter().cloned());
        }
    }
    let layer = |id: &str| TreeLayer {
        id: id.to_string(),
        size: size_of(id),
        top_of: top_of.get(id).cloned().unwrap_or_default(),
        children: Vec::new(),
    };
    let layers = match (what_requires, target.layers.last()) {
        (false, _) | (true, None) => target.layers.iter().map(|l| layer(l)).collect(),
        (true, Some(top)) => {
            // Each layer's children, in the order the images that have them were stored.
            let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for image in &in_store_order {
                for pair in image.layers.windows(2) {
                    let list = children.entry(&pair[0]).or_default();
                    if !list.contains(&pair[1].as_str()) {
                        list.push(&pair[1]);
                    }
                }
            }
            fn grow(
                id: &str,
                children: &BTreeMap<&str, Vec<&str>>,
                layer: &dyn Fn(&str) -> TreeLayer,
            ) -> TreeLayer {
                let mut node = layer(id);
                node.children = children
                    .get(id)
                    .into_iter()
                    .flatten()
                    .map(|c| grow(c, children, layer))
                    .collect();
                node
            }
            let root = grow(top, &children, &layer);
            let mut list = vec![TreeLayer {
                children: Vec::new(),
                ..root.clone()
            }];
            list.extend(root.children);
            list
        }
    };
    ImageTree {
        id: target.id.clone(),
        names: target.names.clone(),
        size,
        layers,
    }
}

impl Engine {
    /// `image tree IMAGE [--whatrequires]`: see [`build_tree`].
    pub fn image_tree(&mut self, name_or_id: &str, what_requires: bool) -> Result<ImageTree> {
        let target = self.resolve_image(name_or_id)?;
        let conn = self.catalog()?.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT i.id, i.layers, i.rowid, n.name FROM images i
             LEFT JOIN image_names n ON n.image_id = i.id ORDER BY i.id, n.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut images: Vec<TreeImage> = Vec::new();
        for row in rows {
            let (id, layers, order, name) = row?;
            if images.last().is_none_or(|i| i.id != id) {
                images.push(TreeImage {
                    id,
                    names: Vec::new(),
                    layers: serde_json::from_str(&layers).unwrap_or_default(),
                    order,
                });
            }
            let last = images.last_mut().expect("pushed above");
            last.names.extend(name);
        }
        drop(stmt);
        let store = Store::open(&self.paths().storage())?;
        let size_of = |chain: &str| {
            Digest::from_hex(chain)
                .ok()
                .and_then(|d| store.layer_info(&d).ok())
                .map_or(0, |i| i.size)
        };
        let this = images
            .iter()
            .find(|i| i.id == target.id)
            .cloned()
            .unwrap_or(TreeImage {
                id: target.id.clone(),
                names: target.names.clone(),
                layers: target.layers.clone(),
                order: i64::MAX,
            });
        let size = target.size.max(0).unsigned_abs();
        Ok(build_tree(&this, size, &images, what_requires, &size_of))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, names: &[&str], layers: &[&str], order: i64) -> TreeImage {
        TreeImage {
            id: id.into(),
            names: names.iter().map(|s| s.to_string()).collect(),
            layers: layers.iter().map(|s| s.to_string()).collect(),
            order,
        }
    }

    fn flat(tree: &ImageTree) -> Vec<(String, Vec<String>, usize)> {
        tree.layers
            .iter()
            .map(|l| (l.id.clone(), l.top_of.clone(), l.children.len()))
            .collect()
    }

    #[test]
    fn layers_base_first_with_the_images_they_top_and_what_stacks_on_them() {
        let images = vec![
            image("base", &["busybox:latest"], &["a"], 1),
            image("t1", &["tree1:latest"], &["a", "b", "c"], 2),
            image("t3", &["tree3:latest"], &["a", "b", "c", "e"], 4),
            image("t2", &["tree2:latest"], &["a", "b", "c", "d"], 3),
            image("t4", &["tree4:latest"], &["a", "b", "c", "d", "f"], 5),
            image("none", &[], &["a", "b", "c", "g"], 6),
        ];
        let size = |id: &str| id.len() as u64;
        let tree = build_tree(&images[4], 9, &images, false, &size);
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            flat(&tree),
            vec![
                ("a".into(), s(&["busybox:latest"]), 0),
                ("b".into(), s(&[]), 0),
                ("c".into(), s(&["tree1:latest"]), 0),
                ("d".into(), s(&["tree2:latest"]), 0),
                ("f".into(), s(&["tree4:latest"]), 0),
            ]
        );
        assert_eq!((tree.id.as_str(), tree.size), ("t4", 9));
        // --whatrequires tree1: its top layer, then what stacks on it (images stored earlier first),
        // each with its own children.
        let tree = build_tree(&images[1], 9, &images, true, &size);
        assert_eq!(
            flat(&tree),
            vec![
                ("c".into(), s(&["tree1:latest"]), 0),
                ("d".into(), s(&["tree2:latest"]), 1),
                ("e".into(), s(&["tree3:latest"]), 0),
                ("g".into(), s(&[]), 0),
            ]
        );
        assert_eq!(tree.layers[1].children[0].id, "f");
        // An image nothing stacks on: its top layer alone.
        let tree = build_tree(&images[4], 9, &images, true, &size);
        assert_eq!(flat(&tree), vec![("f".into(), s(&["tree4:latest"]), 0)]);
    }
}
