//! Times cold pulls of one image into fresh stores: `pull_bench REFERENCE [RUNS] [DIR]`.
//! The registry is treated as insecure (plain HTTP for loopback registries). Prints each
//! run's time and the median, e.g. for the ~300 MiB benchmark image:
//! `cargo run --release -p skiff-storage --example pull_bench -- 127.0.0.1:5000/library/big:latest 5`

use std::time::Instant;

use skiff_storage::platform::Platform;
use skiff_storage::pull::{pull, NoProgress, PullOptions};
use skiff_storage::registry::ClientOptions;
use skiff_storage::store::{ExtractOptions, Store};
use skiff_storage::Reference;

fn main() {
    let mut args = std::env::args().skip(1);
    let reference = args
        .next()
        .expect("usage: pull_bench REFERENCE [RUNS] [DIR]");
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let dir = args.next().map_or_else(std::env::temp_dir, Into::into);
    let reference = Reference::parse(&reference).expect("a valid reference");
    let opts = PullOptions {
        platform: Platform::host(),
        client: ClientOptions {
            insecure: true,
            ..ClientOptions::default()
        },
        extract: ExtractOptions::default(),
    };
    let mut times = Vec::new();
    for run in 0..runs {
        let root = tempfile::tempdir_in(&dir).expect("a temp dir");
        let store = Store::open(root.path()).expect("a store");
        // Start each run with no dirty pages left by the previous one.
        // SAFETY: sync(2) has no preconditions.
        unsafe { libc::sync() };
        let start = Instant::now();
        let image = pull(&store, &reference, &opts, &NoProgress).expect("pull");
        let secs = start.elapsed().as_secs_f64();
        println!(
            "run {run}: {secs:.3} s, {} layers, {:.1} MiB",
            image.layers.len(),
            image.size as f64 / (1 << 20) as f64
        );
        times.push(secs);
    }
    times.sort_by(f64::total_cmp);
    println!("median {:.3} s over {runs} runs", times[runs / 2]);
}
