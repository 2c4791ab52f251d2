use crate::ignore::{Matcher, PatternError};

fn m(text: &str) -> Matcher {
    Matcher::from_file_text(text).unwrap()
}

#[test]
fn globs_and_cleaning() {
    let ig = m("# comment\n\n*.log\n/build\n./tmp/\nsrc/*/gen\ndoc?.md\n[a-c]x\n");
    for p in [
        "a.log",
        "build",
        "build/out/x",
        "tmp/a",
        "src/x/gen",
        "src/x/gen/f",
        "doc1.md",
        "bx",
    ] {
        assert!(ig.excludes(p), "{p}");
    }
    for p in ["d/a.log", "buildx", "src/x/y/gen", "doc12.md", "dx", "log"] {
        assert!(!ig.excludes(p), "{p}");
    }
}

#[test]
fn double_star() {
    let ig = m("**/*.go\nvendor/**\na/**/z\n");
    for p in [
        "x.go",
        "a/b/c.go",
        "vendor/q",
        "vendor/q/r",
        "a/z",
        "a/b/c/z",
    ] {
        assert!(ig.excludes(p), "{p}");
    }
    assert!(!ig.excludes("x.rs"));
    assert!(
        !ig.excludes("vendor"),
        "vendor/** needs something under vendor"
    );
}

#[test]
fn exceptions_last_match_wins() {
    let ig = m("*.md\n!README.md\nREADME*\n");
    assert!(
        ig.excludes("README.md"),
        "a later pattern excludes it again"
    );
    let ig = m("docs\n!docs/keep.txt\n");
    assert!(ig.excludes("docs/x"));
    assert!(!ig.excludes("docs/keep.txt"));
    assert!(ig.has_exceptions());
    assert!(!m("a").has_exceptions());
}

#[test]
fn bad_pattern() {
    assert_eq!(
        Matcher::new(["[abc"]).unwrap_err(),
        PatternError("[abc".into())
    );
    assert_eq!(
        Matcher::new(["a\\"]).unwrap_err().to_string(),
        "illegal exclusion pattern: \"a\\\\\""
    );
}
