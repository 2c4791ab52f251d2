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

/// The same patterns and tree given to docker 20.10's `docker build` (`COPY . /ctx`, then
/// `find`): exactly these paths reached the build.
#[test]
fn matches_docker_on_a_context() {
    let ig = m("vendor/**\ndocs\n!docs/keep.txt\n*.md\n!README.md\nREADME*\n**/*.go\n/build\n./tmp/\n*.log\nsrc/*/gen\n[a-c]x\n");
    let tree = [
        "vendor",
        "vendor/q",
        "vendor/q/r",
        "docs",
        "docs/x",
        "docs/keep.txt",
        "README.md",
        "x.md",
        "a",
        "a/b",
        "a/b/c.go",
        "x.go",
        "build",
        "build/out",
        "build/out/x",
        "tmp",
        "tmp/a",
        "src",
        "src/x",
        "src/x/gen",
        "src/x/gen/f",
        "d",
        "d/a.log",
        "a.log",
        "doc1.md",
        "doc12.md",
        "bx",
        "dx",
        "Dockerfile",
    ];
    let kept: Vec<&str> = tree.iter().copied().filter(|p| !ig.excludes(p)).collect();
    // docker also keeps the `docs` directory itself, for the exception inside it; the walker
    // does that through `has_exceptions`, the matcher answers for the path alone.
    let docker = [
        "vendor",
        "docs/keep.txt",
        "a",
        "a/b",
        "src",
        "src/x",
        "d",
        "d/a.log",
        "dx",
        "Dockerfile",
    ];
    assert_eq!(kept, docker);
}

#[test]
fn copy_source_globs_match_whole_paths() {
    use crate::ignore::{is_pattern, Glob};
    let g = Glob::new("src/*.txt").unwrap();
    assert!(g.matches("src/a.txt") && g.matches("./src/b.txt"));
    assert!(!g.matches("src/a.txt/x") && !g.matches("src/sub/a.txt") && !g.matches("a.txt"));
    assert_eq!(g.depth(), 2);
    let all = Glob::new("**/*.rs").unwrap();
    assert!(all.matches("a/b/c.rs") && all.matches("c.rs"));
    assert_eq!(all.depth(), usize::MAX);
    assert!(Glob::new("[").is_err());
    assert!(is_pattern("a*") && is_pattern("f?le") && !is_pattern("plain/path"));
}
