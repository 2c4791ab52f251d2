//! A process killed in the middle of an ingest leaves nothing that looks complete, and the
//! next open of the store removes its temporaries.

mod store_common;

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use skiff_storage::store::{ExtractOptions, Store};
use skiff_storage::{Compression, Digest};
use store_common::Tar;

/// Named `store` so that `cargo test -p skiff-storage store` selects these tests.
mod store {
    use super::*;

    /// Yields the first part of a layer, then hangs as a stalled download would.
    struct Stalling {
        data: Vec<u8>,
        pos: usize,
    }

    impl Read for Stalling {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.pos >= self.data.len() / 2 {
                std::thread::sleep(Duration::from_secs(3600));
            }
            let n = buf.len().min(self.data.len() / 2 - self.pos);
            buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }

    fn layer() -> Vec<u8> {
        let mut tar = Tar::new();
        for i in 0..8 {
            tar.file(&format!("f{i}"), &vec![i as u8; 1 << 20]);
        }
        tar.finish()
    }

    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
    }

    #[test]
    fn killed_ingest_leaves_nothing_complete() {
        if let Some(root) = std::env::var_os("SKIFF_STORE_TEST_KILL_ROOT") {
            // The child: ingest from a source that stalls halfway, until killed.
            let store = Store::open(Path::new(&root)).unwrap();
            let data = layer();
            let digest = Digest::of(&data);
            let src = Stalling { data, pos: 0 };
            let _ = store.ingest_layer(
                src,
                &digest,
                Compression::None,
                None,
                None,
                &ExtractOptions::default(),
            );
            unreachable!("the source never ends");
        }
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("store");
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "store::killed_ingest_leaves_nothing_complete",
                "--nocapture",
            ])
            .env("SKIFF_STORE_TEST_KILL_ROOT", &root)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the child is midway: a temp blob and a temp layer exist.
        let start = Instant::now();
        while count(&root.join("tmp")) < 2 {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the child never started ingesting"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(200));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(
            count(&root.join("blobs/sha256")),
            0,
            "a partial blob became visible"
        );
        assert_eq!(
            count(&root.join("layers")),
            0,
            "a partial layer became visible"
        );
        assert!(count(&root.join("tmp")) >= 2);

        let store = Store::open(&root).unwrap();
        assert_eq!(
            count(&root.join("tmp")),
            0,
            "stale temporaries were not removed"
        );
        // And the same layer ingests fine afterwards.
        let data = layer();
        let digest = Digest::of(&data);
        let info = store
            .ingest_layer(
                &data[..],
                &digest,
                Compression::None,
                None,
                None,
                &ExtractOptions::default(),
            )
            .unwrap();
        assert!(store.has_layer(&info.chain_id) && store.has_blob(&digest));
    }
}
