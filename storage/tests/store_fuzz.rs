//! Property tests: arbitrary bytes and arbitrary hostile entry sequences never panic the
//! extractor and never write outside the store.

mod store_common;

use proptest::prelude::*;
use skiff_storage::store::ExtractOptions;
use skiff_storage::{Compression, Digest};
use store_common::{Env, Tar};

/// Named `store` so that `cargo test -p skiff-storage store` selects these tests.
mod store {
    #[allow(unused_imports)]
    use super::*;

    /// Name pieces chosen to hit every interesting path: traversal, absolute, whiteouts, links.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("..".to_string()),
            Just(".".to_string()),
            Just("".to_string()),
            Just("a".to_string()),
            Just("b".to_string()),
            Just("evil".to_string()),
            Just(".wh.a".to_string()),
            Just(".wh..wh..opq".to_string()),
            Just("VICTIM".to_string()),
            "[a-c]{1,3}",
        ]
    }

    fn name() -> impl Strategy<Value = String> {
        (any::<bool>(), proptest::collection::vec(piece(), 1..5)).prop_map(|(abs, parts)| {
            let s = parts.join("/");
            if abs {
                format!("/{s}")
            } else {
                s
            }
        })
    }

    #[derive(Debug, Clone)]
    enum Op {
        File(String),
        Dir(String),
        Symlink(String, String),
        Hardlink(String, String),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            name().prop_map(Op::File),
            name().prop_map(Op::Dir),
            (name(), name()).prop_map(|(a, b)| Op::Symlink(a, b)),
            (name(), name()).prop_map(|(a, b)| Op::Hardlink(a, b)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_never_escape(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let env = Env::new();
            let d = Digest::of(&bytes);
            let r = env.store.ingest_layer(&bytes[..], &d, Compression::None, None, None, &ExtractOptions::default());
            env.assert_nothing_outside();
            if r.is_err() {
                env.assert_store_empty();
            }
            let r = env.store.ingest_layer(&bytes[..], &d, Compression::Gzip, None, None, &ExtractOptions::default());
            prop_assert!(r.is_err() || bytes.is_empty() || env.store.has_blob(&d));
            env.assert_nothing_outside();
        }

        #[test]
        fn hostile_entry_sequences_never_escape(ops in proptest::collection::vec(op(), 1..12), rootless in any::<bool>()) {
            let env = Env::new();
            let victim = env.victim().display().to_string();
            let fix = |s: &str| s.replace("VICTIM", victim.trim_start_matches('/'));
            let mut tar = Tar::new();
            for op in &ops {
                match op {
                    Op::File(n) => tar.raw(fix(n).as_bytes(), tar::EntryType::Regular, b"", b"pwned"),
                    Op::Dir(n) => tar.raw(fix(n).as_bytes(), tar::EntryType::Directory, b"", b""),
                    Op::Symlink(n, t) => tar.raw(fix(n).as_bytes(), tar::EntryType::Symlink, fix(t).as_bytes(), b""),
                    Op::Hardlink(n, t) => tar.raw(fix(n).as_bytes(), tar::EntryType::Link, fix(t).as_bytes(), b""),
                };
            }
            let bytes = tar.finish();
            let r = env.ingest(&bytes, &ExtractOptions { rootless });
            env.assert_nothing_outside();
            if r.is_err() {
                env.assert_store_empty();
            }
        }
    }
}
