//! `.dockerignore` / `.containerignore` matching with docker's rules: Go `filepath.Match`
//! patterns plus `**`, patterns cleaned (a leading `/` or `./` means the context root), `!`
//! exceptions, the last matching pattern wins, and a path is excluded when it or one of its
//! parent directories matches.

use regex::Regex;
use thiserror::Error;

use crate::path::clean;

/// A pattern that does not compile.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("illegal exclusion pattern: {0:?}")]
pub struct PatternError(pub String);

#[derive(Debug, Clone)]
struct Pattern {
    regex: Regex,
    exception: bool,
}

/// The compiled patterns of one ignore file.
#[derive(Debug, Clone)]
pub struct Matcher {
    patterns: Vec<Pattern>,
}

impl Matcher {
    /// Compiles the text of an ignore file: one pattern a line, `#` comments, blanks skipped.
    pub fn from_file_text(text: &str) -> Result<Matcher, PatternError> {
        Matcher::new(text.lines())
    }

    /// Compiles patterns in order.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<Matcher, PatternError> {
        let mut out = Vec::new();
        for line in patterns {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (exception, pat) = match line.strip_prefix('!') {
                Some(p) => (true, p.trim()),
                None => (false, line),
            };
            let cleaned = clean(pat);
            if cleaned.is_empty() {
                continue;
            }
            let regex = Regex::new(&to_regex(&cleaned).ok_or_else(|| PatternError(line.into()))?)
                .map_err(|_| PatternError(line.into()))?;
            out.push(Pattern { regex, exception });
        }
        Ok(Matcher { patterns: out })
    }

    /// Whether `path` (relative to the context, `/`-separated) is excluded from the context.
    pub fn excludes(&self, path: &str) -> bool {
        let path = clean(path);
        let prefixes: Vec<&str> = path
            .match_indices('/')
            .map(|(i, _)| &path[..i])
            .chain(std::iter::once(path.as_str()))
            .collect();
        let mut excluded = false;
        for p in &self.patterns {
            if prefixes.iter().any(|pre| p.regex.is_match(pre)) {
                excluded = !p.exception;
            }
        }
        excluded
    }

    /// True when some pattern is an exception, so an excluded directory must still be walked.
    pub fn has_exceptions(&self) -> bool {
        self.patterns.iter().any(|p| p.exception)
    }
}

/// One COPY/ADD source pattern (Go's `filepath.Match` plus `**`), matched against whole
/// context paths (relative, `/`-separated).
#[derive(Debug, Clone)]
pub struct Glob {
    regex: Regex,
    depth: usize,
}

impl Glob {
    /// Compiles `pattern` (cleaned, relative to the context root).
    pub fn new(pattern: &str) -> Result<Glob, PatternError> {
        let cleaned = clean(pattern);
        let regex = to_regex(&cleaned)
            .and_then(|r| Regex::new(&r).ok())
            .ok_or_else(|| PatternError(pattern.into()))?;
        let depth = if cleaned.contains("**") {
            usize::MAX
        } else {
            cleaned.split('/').count()
        };
        Ok(Glob { regex, depth })
    }

    /// True when the path matches the whole pattern.
    pub fn matches(&self, path: &str) -> bool {
        self.regex.is_match(&clean(path))
    }

    /// How many path components a match can have (`usize::MAX` with `**`): a walk looking
    /// for matches goes no deeper.
    pub fn depth(&self) -> usize {
        self.depth
    }
}

/// True when `s` holds a wildcard character of [`Glob`]'s syntax.
pub fn is_pattern(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// The anchored regex of one cleaned pattern; None for a malformed character class.
fn to_regex(pat: &str) -> Option<String> {
    let chars: Vec<char> = pat.chars().collect();
    let mut re = String::from("^");
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                    re.push_str("(.*/)?");
                } else {
                    re.push_str(".*");
                }
                continue;
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '\\' => {
                i += 1;
                re.push_str(&regex::escape(&chars.get(i)?.to_string()));
            }
            '[' => {
                let mut class = String::from("[");
                i += 1;
                if matches!(chars.get(i), Some('^' | '!')) {
                    class.push('^');
                    i += 1;
                }
                let start = i;
                while chars.get(i)? != &']' || i == start {
                    match chars[i] {
                        '\\' => {
                            i += 1;
                            class.push('\\');
                            class.push(*chars.get(i)?);
                        }
                        '-' if i != start => class.push('-'),
                        c => class.push_str(&regex::escape(&c.to_string())),
                    }
                    i += 1;
                }
                class.push(']');
                re.push_str(&class);
            }
            c => re.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    re.push('$');
    Some(re)
}
