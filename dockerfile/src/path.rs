//! Lexical cleaning of `/`-separated paths docker reads from a Dockerfile, a `.dockerignore`
//! or an API request: Go's `path.Clean` of the path made absolute first, so a leading `..`
//! never survives (Go keeps it on a relative path).

/// `path` without `.`, `..` or empty components, joined by `/` with no leading one: `..`
/// takes the component before it and never climbs above the start (`a/../../b` is `b`).
pub fn clean(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}
