//! Hostile layers: nothing may be created or changed outside the layer's own directory.

mod store_common;

use std::fs;

use skiff_storage::store::ExtractOptions;
use skiff_storage::Error;
use store_common::{Env, Tar};

/// Named `store` so that `cargo test -p skiff-storage store` selects these tests.
mod store {
    #[allow(unused_imports)]
    use super::*;

    fn opts() -> ExtractOptions {
        ExtractOptions { rootless: false }
    }

    fn assert_bad_layer(r: skiff_storage::Result<skiff_storage::store::LayerInfo>, needle: &str) {
        match r {
            Err(Error::BadLayer { reason, .. }) => assert!(
                reason.contains(needle),
                "reason {reason:?} lacks {needle:?}"
            ),
            other => panic!("expected BadLayer mentioning {needle:?}, got {other:?}"),
        }
    }

    #[test]
    fn dotdot_names_reject_the_layer() {
        let env = Env::new();
        let victim = env.victim();
        let deep = format!("../../../../../../../../..{}/pwned", victim.display());
        for name in ["../x", "a/../../x", "./../x", deep.as_str()] {
            let tar = Tar::new()
                .file("ok", b"fine")
                .raw(name.as_bytes(), tar::EntryType::Regular, b"", b"evil")
                .finish();
            assert_bad_layer(env.ingest(&tar, &opts()), name);
            env.assert_nothing_outside();
            env.assert_store_empty();
        }
    }

    #[test]
    fn absolute_names_land_inside_the_root() {
        let env = Env::new();
        let abs = format!("{}/pwned", env.victim().display());
        let tar = Tar::new()
            .raw(abs.as_bytes(), tar::EntryType::Regular, b"", b"evil")
            .raw(b"/etc/x", tar::EntryType::Regular, b"", b"x")
            .finish();
        let info = env.ingest(&tar, &opts()).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        assert_eq!(
            fs::read(dir.join(abs.trim_start_matches('/'))).unwrap(),
            b"evil"
        );
        assert_eq!(fs::read(dir.join("etc/x")).unwrap(), b"x");
        env.assert_nothing_outside();
    }

    #[test]
    fn symlink_to_outside_then_write_through_it() {
        let env = Env::new();
        let victim = env.victim().display().to_string();
        let tar = Tar::new()
            .symlink("evil", &victim)
            .raw(b"evil/pwned", tar::EntryType::Regular, b"", b"evil")
            .finish();
        // Either rejected or written inside the root; never into the victim.
        match env.ingest(&tar, &opts()) {
            Ok(info) => {
                let dir = env.store.layer_dir(&info.chain_id);
                assert!(dir
                    .join(victim.trim_start_matches('/'))
                    .join("pwned")
                    .exists());
            }
            Err(Error::BadLayer { .. }) => env.assert_store_empty(),
            Err(e) => panic!("unexpected error {e}"),
        }
        env.assert_nothing_outside();

        // The same with /tmp as the brief's classic example.
        let tar = Tar::new()
            .symlink("evil", "/tmp")
            .raw(b"evil/pwned", tar::EntryType::Regular, b"", b"x")
            .finish();
        let _ = env.ingest(&tar, &opts());
        env.assert_nothing_outside();
    }

    #[test]
    fn symlink_climbing_with_dotdot_is_clamped_to_the_root() {
        let env = Env::new();
        let tar = Tar::new()
            .dir("a", 0o755)
            .symlink("a/d", "../../../../../../..")
            .raw(b"a/d/pwned", tar::EntryType::Regular, b"", b"x")
            .finish();
        let info = env.ingest(&tar, &opts()).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        assert_eq!(
            fs::read(dir.join("pwned")).unwrap(),
            b"x",
            "`..` in the symlink must stop at the layer root"
        );
        assert_eq!(
            fs::read_link(dir.join("a/d")).unwrap().to_str().unwrap(),
            "../../../../../../.."
        );
        env.assert_nothing_outside();
    }

    #[test]
    fn symlink_to_existing_dir_inside_is_followed_inside() {
        let env = Env::new();
        let tar = Tar::new()
            .dir("real", 0o755)
            .symlink("lnk", "/real")
            .file("lnk/f", b"data")
            .finish();
        let info = env.ingest(&tar, &opts()).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        assert_eq!(fs::read(dir.join("real/f")).unwrap(), b"data");
        env.assert_nothing_outside();
    }

    #[test]
    fn replacing_a_symlink_with_a_file_does_not_write_through_it() {
        let env = Env::new();
        let target = format!("{}/secret", env.victim().display());
        let tar = Tar::new()
            .symlink("evil", &target)
            .file("evil", b"overwritten?")
            .finish();
        let info = env.ingest(&tar, &opts()).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        assert_eq!(fs::read(dir.join("evil")).unwrap(), b"overwritten?");
        assert!(!fs::symlink_metadata(dir.join("evil"))
            .unwrap()
            .file_type()
            .is_symlink());
        env.assert_nothing_outside();
    }

    #[test]
    fn hardlinks_out_of_the_layer_are_rejected() {
        let env = Env::new();
        let secret = format!("{}/secret", env.victim().display());
        let up = format!("../../../../../../../..{secret}");
        for target in [
            "/etc/passwd",
            "../../etc/passwd",
            secret.as_str(),
            up.as_str(),
        ] {
            let tar = Tar::new().hardlink("h", target).finish();
            assert_bad_layer(env.ingest(&tar, &opts()), "hardlink");
            env.assert_nothing_outside();
            env.assert_store_empty();
        }
        // Through a symlink planted first.
        let tar = Tar::new()
            .symlink("evil", &env.victim().display().to_string())
            .hardlink("h", "evil/secret")
            .finish();
        assert_bad_layer(env.ingest(&tar, &opts()), "hardlink");
        env.assert_nothing_outside();
        env.assert_store_empty();
    }

    #[test]
    fn hardlink_to_a_file_in_the_layer_works() {
        let env = Env::new();
        let tar = Tar::new()
            .dir("etc", 0o755)
            .file("etc/passwd", b"root:x:0:0")
            .hardlink("h", "/etc/passwd")
            .finish();
        let info = env.ingest(&tar, &opts()).unwrap();
        let dir = env.store.layer_dir(&info.chain_id);
        use std::os::unix::fs::MetadataExt;
        let a = fs::metadata(dir.join("etc/passwd")).unwrap();
        let b = fs::metadata(dir.join("h")).unwrap();
        assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
        env.assert_nothing_outside();
    }
}
