//! Throughput check for one-pass ingest (run explicitly:
//! `cargo test --release -p skiff-storage --test store_perf -- --ignored --nocapture`).

mod store_common;

use std::time::Instant;

use skiff_storage::store::ExtractOptions;
use skiff_storage::{Compression, Digest};
use store_common::{Env, Tar};

/// Named `store` so that `cargo test -p skiff-storage store` selects these tests.
mod store {
    #[allow(unused_imports)]
    use super::*;

    #[test]
    #[ignore = "measures throughput; run explicitly in release mode"]
    fn ingest_300_mib_of_incompressible_layer() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut noise = |n: usize| -> Vec<u8> {
            (0..n / 8)
                .flat_map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state.to_le_bytes()
                })
                .collect()
        };
        let mut tar = Tar::new();
        tar.dir("data", 0o755);
        for i in 0..30 {
            tar.file(&format!("data/f{i}"), &noise(10 << 20));
        }
        for i in 0..2000 {
            tar.file(&format!("data/small{i}"), &noise(4096));
        }
        let tar = tar.finish();
        // Real compressors store incompressible data in stored deflate blocks.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::none());
        std::io::Write::write_all(&mut enc, &tar).unwrap();
        let gz = enc.finish().unwrap();
        let digest = Digest::of(&gz);
        let env = Env::new();
        let start = Instant::now();
        let info = env
            .store
            .ingest_layer(
                &gz[..],
                &digest,
                Compression::Gzip,
                None,
                Some(&Digest::of(&tar)),
                &ExtractOptions::default(),
            )
            .unwrap();
        let took = start.elapsed();
        eprintln!(
            "ingested {} MiB ({} MiB compressed) in {:?}: {:.0} MiB/s",
            info.size >> 20,
            gz.len() >> 20,
            took,
            (gz.len() >> 20) as f64 / took.as_secs_f64()
        );
    }

    #[test]
    #[ignore = "measures throughput; run explicitly in release mode"]
    fn ingest_20k_small_files() {
        let mut tar = Tar::new();
        for d in 0..200 {
            tar.dir(&format!("usr/share/d{d}"), 0o755);
            for f in 0..100 {
                tar.file_with(&format!("usr/share/d{d}/f{f}"), &[b'x'; 1024], 0o644, 0, 0);
            }
        }
        let tar = tar.finish();
        let gz = store_common::gzip(&tar);
        let digest = Digest::of(&gz);
        let env = Env::new();
        let start = Instant::now();
        let info = env
            .store
            .ingest_layer(
                &gz[..],
                &digest,
                Compression::Gzip,
                None,
                None,
                &ExtractOptions::default(),
            )
            .unwrap();
        eprintln!(
            "ingested 20k small files ({} KiB) in {:?}",
            info.size >> 10,
            start.elapsed()
        );
    }
}
