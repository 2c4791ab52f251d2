//! write_layer_tar: extract -> tar -> extract gives the same tree, whiteouts back as `.wh.`.

mod store_common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use skiff_storage::store::ExtractOptions;
use skiff_storage::Digest;
use store_common::{is_root, skip, Env, Tar};

/// Named `store` so that `cargo test -p skiff-storage store` selects these tests.
mod store {
    #[allow(unused_imports)]
    use super::*;

    fn getxattr(path: &Path, name: &str) -> Option<Vec<u8>> {
        use std::os::unix::ffi::OsStrExt;
        let p = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        let n = std::ffi::CString::new(name).unwrap();
        let mut buf = vec![0u8; 256];
        // SAFETY: valid strings and buffer.
        let len =
            unsafe { libc::lgetxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        (len >= 0).then(|| buf[..len as usize].to_vec())
    }

    /// A comparable description of every entry under `root`.
    fn snapshot(root: &Path) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        walk(root, root, &mut out);
        out
    }

    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let md = fs::symlink_metadata(&p).unwrap();
            let rel = p.strip_prefix(root).unwrap().display().to_string();
            let ft = md.file_type();
            let what = if ft.is_dir() {
                walk(root, &p, out);
                "dir".to_string()
            } else if ft.is_symlink() {
                format!("link {}", fs::read_link(&p).unwrap().display())
            } else if ft.is_char_device() {
                format!("chr {}", md.rdev())
            } else {
                format!("file {:?} nlink {}", fs::read(&p).unwrap(), md.nlink())
            };
            let mtime = if ft.is_symlink() { 0 } else { md.mtime() };
            out.insert(
                rel,
                format!(
                    "{what} mode {:o} {}:{} mtime {mtime}",
                    md.mode() & 0o7777,
                    md.uid(),
                    md.gid()
                ),
            );
        }
    }

    #[test]
    fn round_trip_preserves_the_tree() {
        if !is_root() {
            skip("needs root (whiteout devices, ownership)");
            return;
        }
        let env = Env::new();
        let tar = Tar::new()
            .dir("etc", 0o755)
            .file_with("etc/passwd", b"root:x:0:0", 0o644, 0, 0)
            .hardlink("etc/passwd-", "etc/passwd")
            .dir("home", 0o755)
            .dir("home/www", 0o750)
            .file_with("home/www/index", b"<html>", 0o640, 33, 33)
            .file_with("suid", b"#!", 0o4755, 1000, 1000)
            .symlink("lnk", "/etc/passwd")
            .file(".wh.deleted", b"")
            .dir("opq", 0o755)
            .file("opq/.wh..wh..opq", b"")
            .file("opq/x", b"x")
            .xattr_file("attr", b"a", "user.skiff", b"v")
            .finish();
        let first = env.ingest(&tar, &ExtractOptions::default()).unwrap();

        let mut out = Vec::new();
        let digest = env
            .store
            .write_layer_tar(&first.chain_id, &mut out)
            .unwrap();
        assert_eq!(digest, Digest::of(&out));
        let mut again = Vec::new();
        assert_eq!(
            env.store
                .write_layer_tar(&first.chain_id, &mut again)
                .unwrap(),
            digest,
            "output must be deterministic"
        );

        let mut names = Vec::new();
        for e in tar::Archive::new(&out[..]).entries().unwrap() {
            names.push(e.unwrap().path().unwrap().display().to_string());
        }
        assert!(names.contains(&".wh.deleted".to_string()), "{names:?}");
        assert!(names.contains(&"opq/.wh..wh..opq".to_string()), "{names:?}");

        // Cross a second boundary, so a time taken from the clock instead of the tar shows.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let env2 = Env::new();
        let second = env2.ingest(&out, &ExtractOptions::default()).unwrap();
        assert_eq!(second.diff_id, digest);
        assert_eq!(
            snapshot(&env.store.layer_dir(&first.chain_id)),
            snapshot(&env2.store.layer_dir(&second.chain_id))
        );
        let copy = env2.store.layer_dir(&second.chain_id);
        assert_eq!(
            getxattr(&copy.join("attr"), "user.skiff").as_deref(),
            Some(&b"v"[..])
        );
        assert_eq!(
            getxattr(&copy.join("opq"), "user.overlay.opaque").as_deref(),
            Some(&b"y"[..])
        );
        // And the re-export of the copy is byte-identical.
        let mut third = Vec::new();
        assert_eq!(
            env2.store
                .write_layer_tar(&second.chain_id, &mut third)
                .unwrap(),
            digest
        );
    }
}
