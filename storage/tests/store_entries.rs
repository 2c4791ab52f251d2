//! What extraction makes of each kind of tar entry. Most of these need root (devices,
//! ownership); they skip with a message otherwise. CI runs them as root.

mod store_common;

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use skiff_storage::store::ExtractOptions;
use store_common::{is_root, skip, Env, Tar};

/// Named `store` so that `cargo test -p skiff-storage store` selects these tests.
mod store {
    #[allow(unused_imports)]
    use super::*;

    fn getxattr(path: &Path, name: &str) -> Option<Vec<u8>> {
        let p = CString::new(path.as_os_str().as_bytes()).unwrap();
        let n = CString::new(name).unwrap();
        let mut buf = vec![0u8; 256];
        // SAFETY: valid strings and buffer.
        let len =
            unsafe { libc::lgetxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        (len >= 0).then(|| buf[..len as usize].to_vec())
    }

    macro_rules! require_root {
        () => {
            if !is_root() {
                skip("needs root (mknod, chown)");
                return;
            }
        };
    }

    fn opts(rootless: bool) -> ExtractOptions {
        ExtractOptions { rootless }
    }

    #[test]
    fn whiteouts_and_opaque_dirs_take_overlay_form() {
        require_root!();
        let env = Env::new();
        let tar = Tar::new()
            .dir("a", 0o755)
            .file(".wh.gone", b"")
            .file("a/.wh.old", b"")
            .dir("opq", 0o755)
            .file("opq/.wh..wh..opq", b"")
            .file("opq/new", b"n")
            .dir(".wh..wh.plnk", 0o700)
            .file(".wh..wh.plnk/123.456", b"aufs")
            .finish();
        let info = env.ingest(&tar, &opts(false)).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        for wh in ["gone", "a/old"] {
            let md = fs::symlink_metadata(dir.join(wh)).unwrap();
            assert!(md.file_type().is_char_device(), "{wh} is not a char device");
            assert_eq!(md.rdev(), 0, "{wh} is not 0:0");
        }
        assert!(!dir.join(".wh.gone").exists() && !dir.join("a/.wh.old").exists());
        assert_eq!(
            getxattr(&dir.join("opq"), "user.overlay.opaque").as_deref(),
            Some(&b"y"[..])
        );
        assert_eq!(
            getxattr(&dir.join("opq"), "trusted.overlay.opaque").as_deref(),
            Some(&b"y"[..])
        );
        assert!(!dir.join("opq/.wh..wh..opq").exists());
        assert_eq!(fs::read(dir.join("opq/new")).unwrap(), b"n");
        assert!(
            !dir.join(".wh..wh.plnk").exists(),
            "aufs metadata must be ignored"
        );
        env.assert_nothing_outside();
    }

    #[test]
    fn owners_modes_setuid_xattrs_and_mtimes_survive() {
        require_root!();
        let env = Env::new();
        let tar = Tar::new()
            .dir("bin", 0o755)
            .file_with("bin/su", b"#!", 0o4755, 1000, 1000)
            .file_with("bin/sg", b"#!", 0o2711, 33, 33)
            .dir("ro", 0o555)
            .file_with("ro/f", b"x", 0o444, 33, 33)
            .xattr_file("x", b"data", "user.skiff", b"value")
            .symlink("lnk", "bin/su")
            .finish();
        let info = env.ingest(&tar, &opts(false)).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        let su = fs::metadata(dir.join("bin/su")).unwrap();
        assert_eq!(
            (su.mode() & 0o7777, su.uid(), su.gid()),
            (0o4755, 1000, 1000),
            "setuid must survive chown"
        );
        let sg = fs::metadata(dir.join("bin/sg")).unwrap();
        assert_eq!((sg.mode() & 0o7777, sg.uid(), sg.gid()), (0o2711, 33, 33));
        let ro = fs::metadata(dir.join("ro")).unwrap();
        assert_eq!(ro.mode() & 0o7777, 0o555);
        assert_eq!(fs::read(dir.join("ro/f")).unwrap(), b"x");
        assert_eq!(
            getxattr(&dir.join("x"), "user.skiff").as_deref(),
            Some(&b"value"[..])
        );
        for p in ["bin/su", "bin", "ro", "ro/f", "x", "lnk"] {
            assert_eq!(
                fs::symlink_metadata(dir.join(p)).unwrap().mtime(),
                1_600_000_000,
                "mtime of {p}"
            );
        }
        assert_eq!(fs::read_link(dir.join("lnk")).unwrap(), Path::new("bin/su"));
        env.assert_nothing_outside();
    }

    #[test]
    fn repeated_paths_replace_except_dir_over_dir() {
        let env = Env::new();
        let tar = Tar::new()
            .file("x", b"first")
            .file("x", b"second")
            .dir("d", 0o755)
            .file("d/keep", b"k")
            .dir("d", 0o700)
            .file("f2d", b"file")
            .dir("f2d", 0o755)
            .dir("d2f", 0o755)
            .file("d2f/inner", b"i")
            .file("d2f", b"now a file")
            .finish();
        let info = env.ingest(&tar, &opts(false)).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        assert_eq!(fs::read(dir.join("x")).unwrap(), b"second");
        assert_eq!(fs::read(dir.join("d/keep")).unwrap(), b"k");
        assert_eq!(
            fs::metadata(dir.join("d")).unwrap().mode() & 0o7777,
            0o700,
            "the last entry's mode wins"
        );
        assert!(fs::metadata(dir.join("f2d")).unwrap().is_dir());
        assert_eq!(fs::read(dir.join("d2f")).unwrap(), b"now a file");
    }

    #[test]
    fn devices_and_fifos() {
        require_root!();
        let env = Env::new();
        let tar = Tar::new()
            .dir("dev", 0o755)
            .node("dev/null", tar::EntryType::Char, 1, 3)
            .node("dev/loop0", tar::EntryType::Block, 7, 0)
            .node("fifo", tar::EntryType::Fifo, 0, 0)
            .finish();
        let info = env.ingest(&tar, &opts(false)).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        let null = fs::symlink_metadata(dir.join("dev/null")).unwrap();
        assert!(null.file_type().is_char_device());
        assert_eq!(null.rdev(), libc::makedev(1, 3));
        assert!(fs::symlink_metadata(dir.join("dev/loop0"))
            .unwrap()
            .file_type()
            .is_block_device());
        assert!(fs::symlink_metadata(dir.join("fifo"))
            .unwrap()
            .file_type()
            .is_fifo());

        // Rootless: devices are skipped, fifos kept.
        let env = Env::new();
        let info = env.ingest(&tar, &opts(true)).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        assert!(!dir.join("dev/null").exists() && !dir.join("dev/loop0").exists());
        assert!(fs::symlink_metadata(dir.join("fifo"))
            .unwrap()
            .file_type()
            .is_fifo());
    }

    /// Inside a user namespace that maps only root: unmapped owners fall back to the extracting
    /// user, devices are skipped, whiteouts still work. Runs itself again under `unshare -r`.
    #[test]
    fn rootless_in_a_user_namespace() {
        if std::env::var_os("SKIFF_STORE_TEST_IN_USERNS").is_some() {
            let env = Env::new();
            let tar = Tar::new()
                .file_with("owned", b"o", 0o4755, 1000, 1000)
                .node("null", tar::EntryType::Char, 1, 3)
                .file(".wh.gone", b"")
                .dir("opq", 0o755)
                .file("opq/.wh..wh..opq", b"")
                .finish();
            let info = env.ingest(&tar, &opts(true)).unwrap();
            let dir = env.store.layer_dir(&info.chain_id);
            let md = fs::metadata(dir.join("owned")).unwrap();
            assert_eq!((md.uid(), md.mode() & 0o7777), (0, 0o4755));
            assert!(!dir.join("null").exists());
            assert!(fs::symlink_metadata(dir.join("gone"))
                .unwrap()
                .file_type()
                .is_char_device());
            assert_eq!(
                getxattr(&dir.join("opq"), "user.overlay.opaque").as_deref(),
                Some(&b"y"[..])
            );
            return;
        }
        require_root!();
        let exe = std::env::current_exe().unwrap();
        let out = std::process::Command::new("unshare")
            .args(["--user", "--map-root-user", "--"])
            .arg(exe)
            .args([
                "--exact",
                "store::rootless_in_a_user_namespace",
                "--nocapture",
            ])
            .env("SKIFF_STORE_TEST_IN_USERNS", "1")
            .output();
        match out {
            Ok(out) => {
                let stdout = String::from_utf8_lossy(&out.stdout);
                assert!(
                    out.status.success() && stdout.contains("1 passed"),
                    "the test failed inside the user namespace:\n{stdout}\n{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            Err(e) => skip(&format!("cannot run unshare: {e}")),
        }
    }
}
