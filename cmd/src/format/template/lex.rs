//! The lexer: template text into text segments and the tokens of each `{{ }}` action.

use serde_json::Number;

use super::error::TemplateError;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Dot,
    Field(String),
    Var(String),
    Ident(String),
    Str(String),
    Num(Number),
    Bool(bool),
    Nil,
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) pos: usize,
    pub(super) space_before: bool,
}

#[derive(Debug)]
pub(super) enum Seg {
    Text(String),
    Action { pos: usize, toks: Vec<Token> },
}

pub(super) fn pos_error(src: &str, pos: usize, msg: String) -> TemplateError {
    let (line, col) = line_col(src, pos);
    TemplateError::Parse { line, col, msg }
}

pub(super) fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let before = &src[..pos.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

pub(super) fn lex(src: &str) -> Result<Vec<Seg>, TemplateError> {
    let b = src.as_bytes();
    let mut segs = Vec::new();
    let mut i = 0;
    let mut trim_next = false;
    while i < src.len() {
        let open = src[i..].find("{{").map(|o| i + o);
        let text_end = open.unwrap_or(src.len());
        let mut text = &src[i..text_end];
        if trim_next {
            text = text.trim_start_matches(is_space);
        }
        let Some(open) = open else {
            push_text(&mut segs, text);
            break;
        };
        let mut j = open + 2;
        if b.get(j) == Some(&b'-') && b.get(j + 1).is_some_and(|c| is_space(*c as char)) {
            text = text.trim_end_matches(is_space);
            j += 1;
        }
        push_text(&mut segs, text);
        let (toks, end, trim) = lex_action(src, j)?;
        if !toks.is_empty() {
            segs.push(Seg::Action { pos: open, toks });
        }
        trim_next = trim;
        i = end;
    }
    Ok(segs)
}

fn push_text(segs: &mut Vec<Seg>, text: &str) {
    if !text.is_empty() {
        segs.push(Seg::Text(text.to_string()));
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Lexes one action starting after `{{` (and its trim marker); returns the tokens, the byte
/// offset after `}}` and whether the following text is trimmed.
fn lex_action(src: &str, start: usize) -> Result<(Vec<Token>, usize, bool), TemplateError> {
    let b = src.as_bytes();
    let mut i = start;
    let mut toks = Vec::new();
    // Comments: {{/* ... */}}
    let after_ws = i + src[i..].len() - src[i..].trim_start_matches(is_space).len();
    if src[after_ws..].starts_with("/*") {
        let Some(close) = src[after_ws + 2..].find("*/") else {
            return Err(pos_error(src, start, "unclosed comment".into()));
        };
        let mut k = after_ws + 2 + close + 2;
        let rest = &src[k..];
        let trimmed = rest.trim_start_matches(is_space);
        if let Some(r) = trimmed.strip_prefix("-}}") {
            if trimmed.len() < rest.len() {
                return Ok((toks, src.len() - r.len(), true));
            }
        }
        if rest.starts_with("}}") {
            k += 2;
            return Ok((toks, k, false));
        }
        return Err(pos_error(
            src,
            k,
            "comment ends before closing delimiter".into(),
        ));
    }
    loop {
        let ws_start = i;
        while i < b.len() && is_space(b[i] as char) {
            i += 1;
        }
        let space_before = i > ws_start;
        if i >= b.len() {
            return Err(pos_error(src, start, "unclosed action".into()));
        }
        let close = if space_before && src[i..].starts_with("-}}") {
            Some((i + 3, true))
        } else if src[i..].starts_with("}}") {
            Some((i + 2, false))
        } else {
            None
        };
        if let Some((end, trim)) = close {
            if toks.is_empty() {
                return Err(pos_error(src, start, "missing value for command".into()));
            }
            return Ok((toks, end, trim));
        }
        let (tok, end) = lex_token(src, i)?;
        toks.push(Token {
            tok,
            pos: i,
            space_before,
        });
        i = end;
    }
}

/// The token at byte `i` of an action in `src` (past any space, not the closing delimiter),
/// and where it ends.
fn lex_token(src: &str, i: usize) -> Result<(Tok, usize), TemplateError> {
    let b = src.as_bytes();
    let c = src[i..].chars().next().unwrap_or(' ');
    let number = matches!(c, '-' | '+' | '0'..='9')
        || (c == '.' && b.get(i + 1).is_some_and(u8::is_ascii_digit));
    Ok(match c {
        '|' => (Tok::Pipe, i + 1),
        '(' => (Tok::LParen, i + 1),
        ')' => (Tok::RParen, i + 1),
        ',' => (Tok::Comma, i + 1),
        '=' => (Tok::Assign, i + 1),
        ':' if b.get(i + 1) == Some(&b'=') => (Tok::Declare, i + 2),
        ':' => return Err(pos_error(src, i, "expected :=".into())),
        '"' => {
            let (s, end) = lex_quoted(src, i)?;
            (Tok::Str(s), end)
        }
        '`' => {
            let Some(close) = src[i + 1..].find('`') else {
                return Err(pos_error(src, i, "unterminated raw quoted string".into()));
            };
            let end = i + 1 + close;
            (Tok::Str(src[i + 1..end].to_string()), end + 1)
        }
        _ if number => {
            let (n, end) = lex_number(src, i)?;
            (Tok::Num(n), end)
        }
        '.' => {
            let end = ident_end(src, i + 1);
            match &src[i + 1..end] {
                "" => (Tok::Dot, end),
                name => (Tok::Field(name.to_string()), end),
            }
        }
        '$' => {
            let end = ident_end(src, i + 1);
            (Tok::Var(src[i..end].to_string()), end)
        }
        c if c.is_alphabetic() || c == '_' => {
            let end = ident_end(src, i);
            let tok = match &src[i..end] {
                "true" => Tok::Bool(true),
                "false" => Tok::Bool(false),
                "nil" => Tok::Nil,
                w => Tok::Ident(w.to_string()),
            };
            (tok, end)
        }
        c => return Err(pos_error(src, i, format!("unexpected {c:?} in command"))),
    })
}

fn ident_end(src: &str, start: usize) -> usize {
    src[start..]
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(src.len(), |(k, _)| start + k)
}

fn lex_number(src: &str, start: usize) -> Result<(Number, usize), TemplateError> {
    let end = src[start..]
        .char_indices()
        .find(|&(k, c)| {
            !(c.is_ascii_alphanumeric()
                || c == '.'
                || c == '_'
                || (k == 0 && (c == '-' || c == '+')))
                && !((c == '-' || c == '+') && src[..start + k].ends_with(['e', 'E']))
        })
        .map_or(src.len(), |(k, _)| start + k);
    let text = &src[start..end];
    let bad = || pos_error(src, start, format!("bad number syntax: {text:?}"));
    let clean = text.replace('_', "");
    let (neg, digits) = match clean.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, clean.strip_prefix('+').unwrap_or(&clean)),
    };
    let radix = [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ]
    .iter()
    .find_map(|(p, r)| digits.strip_prefix(p).map(|d| (d, *r)));
    let n = if let Some((d, r)) = radix {
        let v = i64::from_str_radix(d, r).map_err(|_| bad())?;
        Number::from(if neg { -v } else { v })
    } else if let Ok(v) = digits.parse::<i64>() {
        Number::from(if neg { -v } else { v })
    } else {
        let v: f64 = digits.parse().map_err(|_| bad())?;
        Number::from_f64(if neg { -v } else { v }).ok_or_else(bad)?
    };
    Ok((n, end))
}

fn lex_quoted(src: &str, start: usize) -> Result<(String, usize), TemplateError> {
    let mut out = String::new();
    let mut chars = src[start + 1..].char_indices();
    let err = |m: &str| pos_error(src, start, m.to_string());
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return Ok((out, start + 1 + k + 1)),
            '\n' => return Err(err("unterminated quoted string")),
            '\\' => {
                let Some((_, e)) = chars.next() else { break };
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    'a' => out.push('\x07'),
                    'b' => out.push('\x08'),
                    'f' => out.push('\x0c'),
                    'v' => out.push('\x0b'),
                    '\\' | '"' | '\'' => out.push(e),
                    'x' | 'u' | 'U' => {
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let hex: String = (0..n)
                            .filter_map(|_| chars.next().map(|(_, h)| h))
                            .collect();
                        let code = u32::from_str_radix(&hex, 16)
                            .map_err(|_| err("invalid escape in quoted string"))?;
                        out.push(
                            char::from_u32(code)
                                .ok_or_else(|| err("invalid escape in quoted string"))?,
                        );
                    }
                    _ => return Err(err("invalid escape in quoted string")),
                }
            }
            c => out.push(c),
        }
    }
    Err(err("unterminated quoted string"))
}
