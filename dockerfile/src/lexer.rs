//! Splits Dockerfile text into logical instructions: parser directives at the top, comments,
//! line continuations with the escape character, empty continuation lines and heredoc bodies.

use crate::error::ParseError;
use crate::instruction::Heredoc;

/// The parser directives found at the top of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directives {
    /// The escape character, `\` unless `# escape=` says `` ` ``.
    pub escape: char,
    /// The `# syntax=` frontend image, if any.
    pub syntax: Option<String>,
}

/// One instruction as written: its first line, keyword, argument text and heredoc bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawInstruction {
    /// 1-based line of the keyword.
    pub line: usize,
    /// The keyword as written (any case).
    pub keyword: String,
    /// Everything after the keyword, continuation lines joined, trimmed.
    pub args: String,
    /// Heredoc bodies the arguments open, in order.
    pub heredocs: Vec<Heredoc>,
}

/// Reads the parser directives, then the instructions.
pub fn lex(text: &str) -> Result<(Directives, Vec<RawInstruction>), ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let (directives, mut i) = directives(&lines)?;
    let escape = directives.escape;
    let mut out = Vec::new();
    while i < lines.len() {
        let start = i + 1;
        let first = lines[i].trim_start();
        i += 1;
        if first.is_empty() || first.starts_with('#') {
            continue;
        }
        let (part, mut more) = strip_continuation(first, escape);
        let mut joined = part.to_string();
        while more && i < lines.len() {
            let next = lines[i];
            i += 1;
            let trimmed = next.trim_start();
            if trimmed.starts_with('#') || trimmed.is_empty() {
                continue;
            }
            let (part, cont) = strip_continuation(next, escape);
            joined.push_str(part);
            more = cont;
        }
        let joined = joined.trim();
        let (keyword, args) = match joined.find(char::is_whitespace) {
            Some(at) => (&joined[..at], joined[at..].trim()),
            None => (joined, ""),
        };
        let mut heredocs = Vec::new();
        if takes_heredocs(keyword, args) {
            for (name, strip_tabs, expand) in heredoc_markers(args) {
                let (content, next) =
                    heredoc_body(&lines, i, &name, strip_tabs).ok_or_else(|| {
                        ParseError::new(start, keyword, format!("unterminated heredoc {name}"))
                    })?;
                i = next;
                heredocs.push(Heredoc {
                    name,
                    content,
                    expand,
                    strip_tabs,
                });
            }
        }
        out.push(RawInstruction {
            line: start,
            keyword: keyword.to_string(),
            args: args.to_string(),
            heredocs,
        });
    }
    Ok((directives, out))
}

/// Parses `# name=value` lines at the very top; the first other line ends them.
fn directives(lines: &[&str]) -> Result<(Directives, usize), ParseError> {
    let mut d = Directives {
        escape: '\\',
        syntax: None,
    };
    let mut seen: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((name, value)) = directive(lines[i]) else {
            break;
        };
        if !matches!(name.as_str(), "escape" | "syntax" | "check") {
            break;
        }
        if seen.contains(&name) {
            return Err(ParseError::new(
                i + 1,
                "",
                format!("only one {name} parser directive can be used"),
            ));
        }
        match name.as_str() {
            "escape" => {
                d.escape = match value.as_str() {
                    "\\" => '\\',
                    "`" => '`',
                    _ => {
                        return Err(ParseError::new(
                            i + 1,
                            "",
                            format!("invalid escape token '{value}' does not validate"),
                        ))
                    }
                }
            }
            "syntax" => d.syntax = Some(value),
            _ => {}
        }
        seen.push(name);
        i += 1;
    }
    Ok((d, i))
}

/// `# name = value` with a letter-led name, lower-cased.
fn directive(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix('#')?;
    let (name, value) = rest.split_once('=')?;
    let name = name.trim();
    let ok = name.chars().next()?.is_ascii_alphabetic()
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then(|| (name.to_ascii_lowercase(), value.trim().to_string()))
}

/// Removes a trailing escape character (and blanks after it): the line continues.
fn strip_continuation(line: &str, escape: char) -> (&str, bool) {
    let t = line.trim_end_matches([' ', '\t']);
    match t.strip_suffix(escape) {
        Some(rest) => (rest, true),
        None => (line, false),
    }
}

/// Heredocs belong to RUN, COPY and ADD in shell form.
fn takes_heredocs(keyword: &str, args: &str) -> bool {
    ["run", "copy", "add"]
        .iter()
        .any(|k| keyword.eq_ignore_ascii_case(k))
        && !args.trim_start().starts_with('[')
}

/// The `<<NAME`, `<<-NAME`, `<<"NAME"` words of an argument text: (name, strip tabs, expand).
pub fn heredoc_markers(args: &str) -> Vec<(String, bool, bool)> {
    args.split_whitespace().filter_map(heredoc_marker).collect()
}

/// One heredoc marker word, if it is one.
pub fn heredoc_marker(word: &str) -> Option<(String, bool, bool)> {
    let rest = word.strip_prefix("<<")?;
    let (strip, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (name, quoted) = match rest.chars().next()? {
        q @ ('"' | '\'') => (rest.strip_prefix(q)?.strip_suffix(q)?, true),
        _ => (rest, false),
    };
    let ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then(|| (name.to_string(), strip, !quoted))
}

/// The body lines from `from` up to the terminator line; returns the body and the next line.
fn heredoc_body(
    lines: &[&str],
    from: usize,
    name: &str,
    strip_tabs: bool,
) -> Option<(String, usize)> {
    let mut body = String::new();
    for (i, line) in lines.iter().enumerate().skip(from) {
        let line = if strip_tabs {
            line.trim_start_matches('\t')
        } else {
            line
        };
        if line == name {
            return Some((body, i + 1));
        }
        body.push_str(line);
        body.push('\n');
    }
    None
}
