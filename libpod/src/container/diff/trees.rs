//! podman's `diff A B`: what differs between two file trees, each the merge of a stack of
//! overlay layer directories (an image's layers; a container's, with its upper directory on
//! top).

use std::collections::BTreeMap;
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::{is_mount_point, is_whiteout, Change};

/// The layer directories of one tree, bottom first, and whether the top one is a
/// container's upper directory (whose empty mount points skiff made are not its content).
#[derive(Debug, Clone, Default)]
pub struct Stack {
    /// Layer directories, the bottom one first.
    pub layers: Vec<PathBuf>,
    /// The top layer is a container's upper directory.
    pub upper: bool,
}

/// What decides that a path differs between two trees: its type, permissions and owner, and
/// for anything but a directory its size, modification time, device and link target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    mode: u32,
    uid: u32,
    gid: u32,
    /// Size, modification time, device and link target; none for a directory.
    content: Option<(u64, i64, i64, u64, Option<PathBuf>)>,
}

impl Entry {
    fn of(path: &Path, meta: &std::fs::Metadata) -> Entry {
        let content = (!meta.is_dir()).then(|| {
            let target = meta
                .file_type()
                .is_symlink()
                .then(|| std::fs::read_link(path).ok())
                .flatten();
            (
                meta.len(),
                meta.mtime(),
                meta.mtime_nsec(),
                meta.rdev(),
                target,
            )
        });
        Entry {
            mode: meta.mode(),
            uid: meta.uid(),
            gid: meta.gid(),
            content,
        }
    }

    fn is_dir(&self) -> bool {
        self.mode & libc::S_IFMT == libc::S_IFDIR
    }
}

/// Every path of the merged view of `stack` (as `/a/b`) with its topmost entry's metadata:
/// a whiteout removes the path and all below it, an opaque directory hides what lower
/// layers hold in it, and a file over a directory (or a directory over a file) replaces it.
pub fn merged(stack: &Stack) -> io::Result<BTreeMap<String, Entry>> {
    let mut tree = BTreeMap::new();
    for (i, layer) in stack.layers.iter().enumerate() {
        let upper = stack.upper && i + 1 == stack.layers.len();
        apply(layer, "", upper, &mut tree)?;
    }
    Ok(tree)
}

/// Lays the directory `dir` (at `inside` in the tree, "" for the root) over `tree`.
fn apply(
    dir: &Path,
    inside: &str,
    upper: bool,
    tree: &mut BTreeMap<String, Entry>,
) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let meta = e.metadata()?;
        let path = format!("{inside}/{}", e.file_name().to_string_lossy());
        if upper && is_mount_point(Path::new(&path), meta.is_file() && meta.len() == 0) {
            continue;
        }
        if is_whiteout(&meta) {
            remove_subtree(tree, &path, true);
            continue;
        }
        let entry = Entry::of(&e.path(), &meta);
        let over_dir = tree.get(&path).is_some_and(Entry::is_dir);
        let opaque = meta.is_dir()
            && std::fs::File::open(e.path())
                .is_ok_and(|f| crate::container::copy::archive::is_opaque(f.as_raw_fd()));
        if !meta.is_dir() || !over_dir || opaque {
            remove_subtree(tree, &path, false);
        }
        tree.insert(path.clone(), entry);
        if meta.is_dir() {
            apply(&e.path(), &path, upper, tree)?;
        }
    }
    Ok(())
}

/// Removes everything below `path` in `tree`, and `path` itself when `with_path`.
fn remove_subtree(tree: &mut BTreeMap<String, Entry>, path: &str, with_path: bool) {
    if with_path {
        tree.remove(path);
    }
    // The keys below `path` sort between "path/" and "path0" ('0' follows '/').
    let below: Vec<String> = tree
        .range(format!("{path}/")..format!("{path}0"))
        .map(|(k, _)| k.clone())
        .collect();
    for k in below {
        tree.remove(&k);
    }
}

/// The changes that make tree `from` into tree `to`, as `docker diff` words them: a path only
/// in `to` is added (A), one in both whose [`Entry`] differs is changed (C), one only in
/// `from` is deleted (D, the topmost of a deleted directory only); a directory holding a
/// change is changed too. Sorted by path.
pub fn compare(to: &BTreeMap<String, Entry>, from: &BTreeMap<String, Entry>) -> Vec<Change> {
    let mut kinds: BTreeMap<&str, u8> = BTreeMap::new();
    for (path, entry) in to {
        match from.get(path) {
            None => {
                kinds.insert(path, 1);
            }
            Some(old) if old != entry => {
                kinds.insert(path, 0);
            }
            Some(_) => {}
        }
    }
    for path in from.keys() {
        // Below a directory deleted (or made a file), the directory's own line says it all.
        let parent_gone = parent(path).is_some_and(|p| !to.get(p).is_some_and(Entry::is_dir));
        if !to.contains_key(path) && !parent_gone {
            kinds.insert(path, 2);
        }
    }
    let changed: Vec<&str> = kinds.keys().copied().collect();
    for path in changed {
        let mut at = parent(path);
        while let Some(dir) = at {
            if to.contains_key(dir) && from.contains_key(dir) {
                kinds.entry(dir).or_insert(0);
            }
            at = parent(dir);
        }
    }
    kinds
        .into_iter()
        .map(|(path, kind)| Change {
            path: path.to_string(),
            kind,
        })
        .collect()
}

/// The parent of `/a/b` (`/a`); none for a path at the top (`/a`).
fn parent(path: &str) -> Option<&str> {
    path.rfind('/').filter(|&i| i > 0).map(|i| &path[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn letters(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| format!("{} {}", c.letter(), c.path))
            .collect()
    }

    #[test]
    fn the_merged_view_honours_whiteouts_opaque_directories_and_replacements() {
        let t = tempfile::tempdir().unwrap();
        let (base, top) = (t.path().join("base"), t.path().join("top"));
        for d in ["etc/keep", "var/lib", "opt/old", "srv"] {
            std::fs::create_dir_all(base.join(d)).unwrap();
        }
        std::fs::write(base.join("var/lib/x"), "x").unwrap();
        std::fs::write(base.join("opt/old/y"), "y").unwrap();
        std::fs::write(base.join("srv/file"), "f").unwrap();
        std::fs::write(base.join("bin"), "a file, later a directory").unwrap();
        std::fs::create_dir_all(top.join("opt")).unwrap();
        std::fs::create_dir_all(top.join("srv")).unwrap();
        std::fs::create_dir_all(top.join("bin/sub")).unwrap();
        std::fs::write(top.join("var"), "a file over a directory").unwrap();
        std::fs::write(top.join("srv/new"), "n").unwrap();
        let stack = Stack {
            layers: vec![base.clone(), top.clone()],
            upper: false,
        };
        let keys: Vec<String> = merged(&stack).unwrap().into_keys().collect();
        assert_eq!(
            keys,
            [
                "/bin",
                "/bin/sub",
                "/etc",
                "/etc/keep",
                "/opt",
                "/opt/old",
                "/opt/old/y",
                "/srv",
                "/srv/file",
                "/srv/new",
                "/var"
            ]
        );
        // An opaque directory hides what is below it; rootless overlay reads the user xattr.
        let opq = c"user.overlay.opaque";
        let dir = std::ffi::CString::new(top.join("opt").as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: valid C strings and a one-byte value.
        let set = unsafe { libc::setxattr(dir.as_ptr(), opq.as_ptr(), c"y".as_ptr().cast(), 1, 0) };
        if set == 0 {
            let keys: Vec<String> = merged(&stack).unwrap().into_keys().collect();
            assert!(!keys.iter().any(|k| k.starts_with("/opt/")), "{keys:?}");
            assert!(keys.contains(&"/opt".to_string()));
        }
    }

    #[test]
    fn a_whiteout_removes_a_path_and_all_below_it() {
        let t = tempfile::tempdir().unwrap();
        let mut tree = BTreeMap::new();
        let meta = std::fs::metadata(t.path()).unwrap();
        for k in ["/a", "/a/b", "/a/b/c", "/a-b", "/a0", "/ab"] {
            tree.insert(k.to_string(), Entry::of(t.path(), &meta));
        }
        remove_subtree(&mut tree, "/a", true);
        let keys: Vec<&String> = tree.keys().collect();
        assert_eq!(keys, ["/a-b", "/a0", "/ab"]);
    }

    #[test]
    fn compare_names_additions_changes_and_the_top_of_a_deletion() {
        let t = tempfile::tempdir().unwrap();
        let (a, b) = (t.path().join("a"), t.path().join("b"));
        for root in [&a, &b] {
            std::fs::create_dir_all(root.join("etc")).unwrap();
            std::fs::write(root.join("etc/same"), "s").unwrap();
            std::fs::write(root.join("etc/mode"), "m").unwrap();
            std::fs::create_dir_all(root.join("usr/share")).unwrap();
        }
        // Equal times for equal files: only what the test changes differs.
        let when = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000);
        for f in ["etc/same", "etc/mode"] {
            for root in [&a, &b] {
                let file = std::fs::File::options()
                    .write(true)
                    .open(root.join(f))
                    .unwrap();
                file.set_modified(when).unwrap();
            }
        }
        std::fs::set_permissions(a.join("etc/mode"), std::fs::Permissions::from_mode(0o600))
            .unwrap();
        std::fs::create_dir_all(b.join("gone/deep")).unwrap();
        std::fs::write(b.join("gone/deep/file"), "g").unwrap();
        std::fs::write(a.join("usr/share/new"), "n").unwrap();
        let tree = |root: &PathBuf| {
            merged(&Stack {
                layers: vec![root.clone()],
                upper: false,
            })
            .unwrap()
        };
        let got = letters(&compare(&tree(&a), &tree(&b)));
        assert_eq!(
            got,
            [
                "C /etc",
                "C /etc/mode",
                "D /gone",
                "C /usr",
                "C /usr/share",
                "A /usr/share/new"
            ]
        );
        assert!(compare(&tree(&a), &tree(&a)).is_empty());
    }

    #[test]
    fn a_containers_mount_points_are_not_its_content() {
        let t = tempfile::tempdir().unwrap();
        let (image, upper) = (t.path().join("image"), t.path().join("upper"));
        std::fs::create_dir_all(image.join("etc")).unwrap();
        std::fs::write(image.join("etc/hosts"), "127.0.0.1 localhost\n").unwrap();
        std::fs::create_dir_all(upper.join("etc")).unwrap();
        std::fs::write(upper.join("etc/hosts"), "").unwrap();
        let layers = vec![image.clone(), upper.clone()];
        let container = merged(&Stack {
            layers: layers.clone(),
            upper: true,
        })
        .unwrap();
        assert_eq!(container["/etc/hosts"].content.as_ref().unwrap().0, 20);
        let plain = merged(&Stack {
            layers,
            upper: false,
        })
        .unwrap();
        assert_eq!(plain["/etc/hosts"].content.as_ref().unwrap().0, 0);
    }
}
