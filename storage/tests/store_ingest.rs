//! Ingesting layers and blobs: verification, atomicity, compression, races, stale temps.

mod store_common;

use std::fs;
use std::io::Write;
use std::sync::Arc;

use skiff_storage::store::{chain_id, ExtractOptions, Store};
use skiff_storage::{Compression, Digest, Error};
use store_common::{gzip, Env, Tar};

/// Named `store` so that `cargo test -p skiff-storage store` selects these tests.
mod store {
    #[allow(unused_imports)]
    use super::*;

    fn opts() -> ExtractOptions {
        ExtractOptions::default()
    }

    fn sample() -> Vec<u8> {
        Tar::new()
            .dir("d", 0o755)
            .file("d/f", &vec![7u8; 300_000])
            .file("g", b"hello")
            .finish()
    }

    /// A layer's size is what docker's counts: the bytes of its regular files, once per
    /// hardlinked file, and the length of each symlink's target (`docker images`' SIZE).
    #[test]
    fn a_layers_size_counts_file_bytes_once_and_symlink_targets() {
        let env = Env::new();
        let tar = Tar::new()
            .dir("bin", 0o755)
            .file("bin/busybox", &[1u8; 1000])
            .hardlink("bin/sh", "bin/busybox")
            .symlink("bin/ls", "busybox")
            .symlink("bin/cat", "/bin/busybox")
            .finish();
        let info = env.ingest(&tar, &opts()).unwrap();
        assert_eq!(info.size, 1000 + 7 + 12);
    }

    #[test]
    fn gzip_zstd_and_plain_layers_are_stored_and_verified() {
        let env = Env::new();
        let tar = sample();
        let diff_id = Digest::of(&tar);
        let zst = zstd::encode_all(&tar[..], 3).unwrap();
        for (blob, comp) in [
            (gzip(&tar), Compression::Gzip),
            (zst, Compression::Zstd),
            (tar.clone(), Compression::None),
        ] {
            let digest = Digest::of(&blob);
            let info = env
                .store
                .ingest_layer(&blob[..], &digest, comp, None, Some(&diff_id), &opts())
                .unwrap();
            assert_eq!(info.diff_id, diff_id);
            assert_eq!(info.chain_id, diff_id);
            assert_eq!(info.blob_digest, digest);
            assert_eq!(info.size, 300_005);
            assert_eq!(env.store.read_blob(&digest).unwrap(), blob);
            assert_eq!(env.store.layer_size(&info.chain_id).unwrap(), 300_005);
            assert_eq!(
                fs::read(env.store.layer_dir(&info.chain_id).join("g")).unwrap(),
                b"hello"
            );
        }
        assert_eq!(
            fs::read_dir(env.store.root().join("tmp")).unwrap().count(),
            0
        );
    }

    #[test]
    fn parent_gives_the_chain_id() {
        let env = Env::new();
        let tar = sample();
        let parent = Digest::of(b"parent");
        let info = env
            .store
            .ingest_layer(
                &tar[..],
                &Digest::of(&tar),
                Compression::None,
                Some(&parent),
                None,
                &opts(),
            )
            .unwrap();
        assert_eq!(info.chain_id, chain_id(Some(&parent), &Digest::of(&tar)));
        assert!(env.store.has_layer(&info.chain_id));
        assert!(!env.store.has_layer(&Digest::of(&tar)));
    }

    fn expect_mismatch(r: skiff_storage::Result<skiff_storage::store::LayerInfo>, names: &Digest) {
        match r {
            Err(e @ Error::DigestMismatch { .. }) => {
                assert!(
                    e.to_string().contains(&names.to_string()),
                    "{e} does not name {names}"
                )
            }
            other => panic!("expected a digest mismatch, got {other:?}"),
        }
    }

    #[test]
    fn wrong_blob_digest_keeps_nothing() {
        let env = Env::new();
        let gz = gzip(&sample());
        let claimed = Digest::of(b"something else");
        expect_mismatch(
            env.store
                .ingest_layer(&gz[..], &claimed, Compression::Gzip, None, None, &opts()),
            &claimed,
        );
        env.assert_store_empty();
    }

    #[test]
    fn tampered_compressed_stream_keeps_nothing() {
        let env = Env::new();
        let gz = gzip(&sample());
        let digest = Digest::of(&gz);
        for pos in [20, gz.len() / 2, gz.len() - 3] {
            let mut bad = gz.clone();
            bad[pos] ^= 0x55;
            expect_mismatch(
                env.store
                    .ingest_layer(&bad[..], &digest, Compression::Gzip, None, None, &opts()),
                &digest,
            );
            env.assert_store_empty();
        }
        // Trailing garbage after a valid stream is part of the blob too.
        let mut tar = sample();
        let digest = Digest::of(&tar);
        tar.extend_from_slice(b"trailing");
        expect_mismatch(
            env.store
                .ingest_layer(&tar[..], &digest, Compression::None, None, None, &opts()),
            &digest,
        );
        env.assert_store_empty();
    }

    #[test]
    fn wrong_diff_id_keeps_nothing() {
        let env = Env::new();
        let gz = gzip(&sample());
        let digest = Digest::of(&gz);
        let wrong = Digest::of(b"not the diff id");
        let r = env.store.ingest_layer(
            &gz[..],
            &digest,
            Compression::Gzip,
            None,
            Some(&wrong),
            &opts(),
        );
        expect_mismatch(r, &digest);
        env.assert_store_empty();
    }

    #[test]
    fn source_errors_are_reported_and_nothing_kept() {
        struct Failing(usize);
        impl std::io::Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0 == 0 {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::ConnectionReset,
                        "connection reset",
                    ));
                }
                let n = buf.len().min(self.0).min(512);
                buf[..n].fill(0);
                self.0 -= n;
                Ok(n)
            }
        }
        let env = Env::new();
        let d = Digest::of(b"x");
        let r = env
            .store
            .ingest_layer(Failing(100), &d, Compression::None, None, None, &opts());
        assert!(matches!(r, Err(Error::Fetch { .. })), "{r:?}");
        env.assert_store_empty();
    }

    #[test]
    fn concurrent_ingests_of_one_layer_both_succeed() {
        let env = Env::new();
        let gz = Arc::new(gzip(&sample()));
        let digest = Digest::of(&gz);
        let root = env.store.root().to_path_buf();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (gz, digest, root) = (gz.clone(), digest.clone(), root.clone());
                std::thread::spawn(move || {
                    let store = Store::open(&root).unwrap();
                    store
                        .ingest_layer(
                            &gz[..],
                            &digest,
                            Compression::Gzip,
                            None,
                            None,
                            &ExtractOptions::default(),
                        )
                        .unwrap()
                })
            })
            .collect();
        let infos: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        assert!(infos.windows(2).all(|w| w[0] == w[1]));
        assert_eq!(fs::read_dir(root.join("layers")).unwrap().count(), 1);
        assert_eq!(fs::read_dir(root.join("blobs/sha256")).unwrap().count(), 1);
        assert_eq!(fs::read_dir(root.join("tmp")).unwrap().count(), 0);
        assert_eq!(
            fs::read(env.store.layer_dir(&infos[0].chain_id).join("g")).unwrap(),
            b"hello"
        );
    }

    #[test]
    fn blobs_put_read_and_writer_semantics() {
        let env = Env::new();
        let data = b"config json";
        let d = Digest::of(data);
        env.store.put_blob(&d, data).unwrap();
        assert!(env.store.has_blob(&d));
        assert_eq!(env.store.read_blob(&d).unwrap(), data);
        env.store.put_blob(&d, data).unwrap();

        let other = Digest::of(b"other");
        let e = env.store.put_blob(&other, data).unwrap_err();
        assert!(e.to_string().contains(&other.to_string()), "{e}");
        assert!(!env.store.has_blob(&other));

        // Dropping an uncommitted writer leaves nothing.
        let mut w = env.store.blob_writer(&other).unwrap();
        w.write_all(b"oth").unwrap();
        drop(w);
        assert_eq!(
            fs::read_dir(env.store.root().join("tmp")).unwrap().count(),
            0
        );
        let mut w = env.store.blob_writer(&other).unwrap();
        w.write_all(b"oth").unwrap();
        w.write_all(b"er").unwrap();
        assert_eq!(w.commit().unwrap(), 5);
        assert_eq!(env.store.read_blob(&other).unwrap(), b"other");

        // A corrupted stored blob is detected and removed.
        fs::write(env.store.blob_path(&other), b"rotten").unwrap();
        assert!(matches!(
            env.store.read_blob(&other),
            Err(Error::DigestMismatch { .. })
        ));
        assert!(!env.store.has_blob(&other));
        env.store.remove_blob(&d).unwrap();
        env.store.remove_blob(&d).unwrap();
        assert!(matches!(env.store.open_blob(&d), Err(Error::NotFound(_))));
    }

    #[test]
    fn remove_layer_removes_read_only_trees() {
        let env = Env::new();
        let tar = Tar::new()
            .dir("ro", 0o555)
            .file_with("ro/f", b"x", 0o444, 0, 0)
            .finish();
        let gz = gzip(&tar);
        let digest = Digest::of(&gz);
        let info = env
            .store
            .ingest_layer(
                &gz[..],
                &digest,
                Compression::Gzip,
                None,
                Some(&Digest::of(&tar)),
                &opts(),
            )
            .unwrap();
        assert!(env.store.has_layer(&info.chain_id));
        env.store.remove_layer(&info.chain_id).unwrap();
        assert!(!env.store.has_layer(&info.chain_id));
        assert_eq!(
            fs::read_dir(env.store.root().join("layers"))
                .unwrap()
                .count(),
            0
        );
        assert_eq!(
            fs::read_dir(env.store.root().join("tmp")).unwrap().count(),
            0
        );
        env.store.remove_layer(&info.chain_id).unwrap();
    }

    #[test]
    fn open_removes_stale_temps_but_not_live_ones() {
        let env = Env::new();
        let tmp = env.store.root().join("tmp");
        // pid above pid_max: certainly dead.
        fs::write(tmp.join("99999999-blob-1"), b"partial").unwrap();
        fs::create_dir_all(tmp.join("99999999-layer-2/diff/ro/sub")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(
            tmp.join("99999999-layer-2/diff/ro"),
            fs::Permissions::from_mode(0o555),
        )
        .unwrap();
        fs::write(tmp.join("garbage"), b"no pid").unwrap();
        // A live writer of this process keeps its temp file.
        let mut live = env.store.blob_writer(&Digest::of(b"live")).unwrap();
        live.write_all(b"li").unwrap();
        // Not locked but created by a live pid recently: kept too.
        fs::write(
            tmp.join(format!("{}-blob-unlocked", std::process::id())),
            b"x",
        )
        .unwrap();

        Store::open(env.store.root()).unwrap();
        let mut left: Vec<String> = fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left.len(), 2, "{left:?}");
        assert!(
            left.iter()
                .all(|n| n.starts_with(&format!("{}-blob-", std::process::id()))),
            "{left:?}"
        );
        live.write_all(b"ve").unwrap();
        live.commit().unwrap();
    }
}
