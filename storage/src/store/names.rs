//! Turning a tar entry name into components beneath the layer root. Pure, so it is tested
//! exhaustively on its own.

/// Splits an entry name into components relative to the layer root: a leading `/` is dropped
/// (absolute names are taken relative to the root), empty and `.` components are skipped, and
/// `..` removes the previous component. A `..` that would climb above the root, or a NUL byte,
/// is an error describing the problem.
pub(crate) fn components(name: &[u8]) -> Result<Vec<&[u8]>, &'static str> {
    if name.contains(&0) {
        return Err("contains a NUL byte");
    }
    let mut out: Vec<&[u8]> = Vec::new();
    for comp in name.split(|&b| b == b'/') {
        match comp {
            b"" | b"." => {}
            b".." => {
                if out.pop().is_none() {
                    return Err("climbs above the layer root with `..`");
                }
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Whether `name` is one plain name inside a directory: not empty, `.` or `..`, and without
/// `/` or NUL. What [`components`] returns always is; the extractor checks it again at its
/// destructive calls, so one broken splitter cannot reach outside the layer.
pub(crate) fn is_plain(name: &[u8]) -> bool {
    !name.is_empty() && name != b"." && name != b".." && !name.contains(&b'/') && !name.contains(&0)
}

/// Joins components with `/`.
pub(crate) fn join(comps: &[&[u8]]) -> Vec<u8> {
    comps.join(&b'/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_names() {
        for good in [&b"a"[..], b".wh.x", b"...", b"a b"] {
            assert!(is_plain(good), "{good:?}");
        }
        for bad in [&b""[..], b".", b"..", b"/", b"a/b", b"/etc", b"a\0"] {
            assert!(!is_plain(bad), "{bad:?}");
        }
    }

    #[test]
    fn normalises() {
        let ok: [(&[u8], &[&[u8]]); 7] = [
            (b"a/b", &[b"a", b"b"]),
            (b"./a//b/", &[b"a", b"b"]),
            (b"/etc/passwd", &[b"etc", b"passwd"]),
            (b"a/../b", &[b"b"]),
            (b"./", &[]),
            (b"/", &[]),
            (b"a/./b/..", &[b"a"]),
        ];
        for (name, want) in ok {
            assert_eq!(
                components(name).unwrap(),
                want.to_vec(),
                "{:?}",
                String::from_utf8_lossy(name)
            );
        }
        for bad in [&b"../x"[..], b"/../x", b"a/../../x", b"./..", b"a/\0b"] {
            assert!(
                components(bad).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    proptest! {
        #[test]
        fn never_yields_escaping_components(name in proptest::collection::vec(
            prop_oneof![Just(b'/'), Just(b'.'), Just(b'a'), Just(0u8), any::<u8>()], 0..64)) {
            if let Ok(comps) = components(&name) {
                for c in comps {
                    prop_assert!(!c.is_empty());
                    prop_assert!(c != b"." && c != b"..");
                    prop_assert!(!c.contains(&b'/') && !c.contains(&0));
                }
            }
        }
    }
}
