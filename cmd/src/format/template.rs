//! A Go `text/template` engine over `serde_json::Value`, compatible with the `--format` usage of
//! docker and podman.
//!
//! Why our own engine instead of the `gtmpl` crate (0.7.1, evaluated): gtmpl converts data into its
//! own `Value` whose maps are `HashMap`s, so `range` over a map visits keys in random order (Go
//! sorts them) and `{{.}}` of a map does not print Go's `map[k:v]` form; it has no `json`, `join`,
//! `split`, `title`, `upper`, `lower`, `truncate` or `pad` and every call would first copy the
//! whole document into its value type. The subset docker users rely on is small, so a lexer,
//! parser and evaluator of our own keep the output byte-for-byte predictable.
//!
//! Supported: text with `{{ }}` actions and the `{{-` / `-}}` trim markers, comments, fields
//! (`.A.B`), `$` and variables (`$x := …`, `$x = …`), parenthesised pipelines with field access
//! (`(index .A 0).B`), pipelines (`.A | upper`), `if`/`else if`/`else`/`end`, `range` (with
//! `$i, $v :=`, `else`, `break`, `continue`), `with`/`else with`, and the functions listed in
//! [`FUNCS`]. Missing map keys print `<no value>` and JSON null prints `<nil>`, as in Go (but
//! `[]` or `map[]` under keys docker types as slices or maps, such as `Entrypoint`, `Volumes`);
//! integral numbers print as integers (Go would print `1e+06` for a decoded float64).
//! Docker's method-style accessors work on maps: `{{.Label "com.example"}}` indexes the map
//! field `Label`. Not supported: `define`, `template`, `block`, and character literals.
//! Output of the functions and `printf` was compared with docker 28's client.

use serde_json::{Number, Value};
use std::cell::Cell;

use super::gofmt::{go_print, go_sprint, go_type, is_true, NilKind, Val};

/// An error while parsing or executing a template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// The template text is not valid.
    #[error("template parsing error: template: :{line}:{col}: {msg}")]
    Parse {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        col: usize,
        /// What is wrong.
        msg: String,
    },
    /// The template is valid but could not be applied to the data.
    #[error("template: :{line}:{col}: executing \"\" at <{at}>: {msg}")]
    Exec {
        /// 1-based line of the failing action.
        line: usize,
        /// 1-based column of the failing action.
        col: usize,
        /// The failing expression, as written.
        at: String,
        /// What went wrong.
        msg: String,
    },
}

/// Functions templates may call (docker's set plus Go's builtins).
pub const FUNCS: &[&str] = &[
    "and", "or", "not", "len", "index", "print", "printf", "println", "eq", "ne", "lt", "le", "gt",
    "ge", "json", "join", "split", "upper", "lower", "title", "truncate", "pad", "slice",
];

/// A parsed template, ready to render any number of values.
#[derive(Debug, Clone)]
pub struct Template {
    nodes: Vec<Node>,
    src: String,
}

impl Template {
    /// Parses Go template text.
    pub fn parse(src: &str) -> Result<Template, TemplateError> {
        let segments = lex(src)?;
        let mut parser = Parser {
            segs: segments,
            i: 0,
            src,
            depth: Cell::new(0),
            ranges: 0,
        };
        let (nodes, end) = parser.list()?;
        if let Some(end) = end {
            return Err(parser.error(end.pos(), format!("unexpected {{{{{}}}}}", end.word())));
        }
        Ok(Template {
            nodes,
            src: src.to_string(),
        })
    }

    /// Renders the template with `data` as dot (and `$`).
    pub fn render(&self, data: &Value) -> Result<String, TemplateError> {
        self.execute(data, false, false)
    }

    /// Renders as `inspect -f` does. Docker runs the template on its typed struct, then on
    /// the raw JSON with `missingkey=error`, so a field missing from an object that stands
    /// for a struct (not under a map-typed key such as `Labels`, not empty, only exported Go
    /// identifiers as keys) fails with `map has no entry for key "Foo"`, while missing map
    /// entries (`{{.Config.Labels.x}}`) and lookups through a null map print `<no value>`.
    pub fn render_inspect(&self, data: &Value) -> Result<String, TemplateError> {
        self.execute(data, false, true)
    }

    /// Checks that every field read from the top-level dot (or `$`) is in `known`, as Go does
    /// when dot is a struct (a list command's row): `{{.Nmes}}` fails with "can't evaluate field
    /// Nmes in type `type_name`" before anything is rendered, even with no rows at all.
    pub fn check_fields(&self, known: &[&str], type_name: &str) -> Result<(), TemplateError> {
        let mut bad: Option<(usize, String)> = None;
        visit_root_fields(&self.nodes, true, &mut |p, name| {
            if bad.is_none() && !known.contains(&name) {
                bad = Some((p.pos, name.to_string()));
            }
        });
        let Some((pos, name)) = bad else {
            return Ok(());
        };
        let (line, col) = line_col(&self.src, pos);
        Err(TemplateError::Exec {
            line,
            col,
            at: action_text(&self.src, pos),
            msg: format!("can't evaluate field {name} in type {type_name}"),
        })
    }

    /// Renders a table's header row: `headers` maps the fields to their titles and, as in
    /// docker, the formatting functions (`json`, `upper`, `join`, `truncate`, …) pass the title
    /// through unchanged.
    pub(super) fn render_header(&self, headers: &Value) -> Result<String, TemplateError> {
        self.execute(headers, true, false)
    }

    fn execute(&self, data: &Value, header: bool, strict: bool) -> Result<String, TemplateError> {
        let mut ex = Exec {
            vars: Vec::new(),
            root: data,
            out: String::new(),
            src: &self.src,
            header,
            strict,
        };
        ex.list(Some(data), &self.nodes)?;
        Ok(ex.out)
    }

    /// The field paths read from the top-level dot (`.Names`, `.State.Running` gives
    /// `["State", "Running"]`), in order of first use; used to build table headers.
    pub fn fields(&self) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        collect_fields(&self.nodes, &mut out);
        out
    }

    /// The top-level fields the template can read (`.State.Running` gives `State`), or None
    /// when it may read the whole value; lets callers skip computing the others.
    pub fn root_fields(&self) -> Option<Vec<String>> {
        let mut out = Vec::new();
        collect_root_fields(&self.nodes, &mut out).then_some(out)
    }
}

/// Adds the first segments of the fields `nodes` read to `out`; false when they may read the
/// whole value (they use `.` or a variable, or change the dot with `range`/`with`).
fn collect_root_fields(nodes: &[Node], out: &mut Vec<String>) -> bool {
    nodes.iter().all(|n| match n {
        Node::Text(_) | Node::Break | Node::Continue => true,
        Node::Action(p) => pipe_root_fields(p, out),
        Node::If(p, a, b) => {
            pipe_root_fields(p, out) && collect_root_fields(a, out) && collect_root_fields(b, out)
        }
        Node::Range(..) | Node::With(..) => false,
    })
}

fn pipe_root_fields(p: &Pipe, out: &mut Vec<String>) -> bool {
    p.cmds.iter().all(|c| {
        c.args.iter().all(|a| match a {
            Arg::Dot | Arg::Var(..) => false,
            Arg::Field(f) => {
                if let Some(first) = f.first() {
                    if !out.contains(first) {
                        out.push(first.clone());
                    }
                }
                true
            }
            Arg::Sub(p, _) => pipe_root_fields(p, out),
            Arg::Func(_) | Arg::Lit(_) => true,
        })
    })
}

/// Calls `f` with the first segment of every field read from the top-level dot (`root_dot`:
/// `nodes` run with it) or from `$`, and the pipeline reading it.
fn visit_root_fields(nodes: &[Node], root_dot: bool, f: &mut dyn FnMut(&Pipe, &str)) {
    for n in nodes {
        match n {
            Node::Text(_) | Node::Break | Node::Continue => {}
            Node::Action(p) => visit_pipe_root_fields(p, root_dot, f),
            Node::If(p, a, b) => {
                visit_pipe_root_fields(p, root_dot, f);
                visit_root_fields(a, root_dot, f);
                visit_root_fields(b, root_dot, f);
            }
            Node::Range(p, body, else_nodes) | Node::With(p, body, else_nodes) => {
                visit_pipe_root_fields(p, root_dot, f);
                visit_root_fields(body, false, f);
                visit_root_fields(else_nodes, root_dot, f);
            }
        }
    }
}

fn visit_pipe_root_fields(p: &Pipe, root_dot: bool, f: &mut dyn FnMut(&Pipe, &str)) {
    for c in &p.cmds {
        for a in &c.args {
            match a {
                Arg::Field(chain) if root_dot => f(p, &chain[0]),
                Arg::Var(name, chain) if name == "$" && !chain.is_empty() => f(p, &chain[0]),
                Arg::Sub(inner, _) => visit_pipe_root_fields(inner, root_dot, f),
                _ => {}
            }
        }
    }
}

fn collect_fields(nodes: &[Node], out: &mut Vec<Vec<String>>) {
    for n in nodes {
        match n {
            Node::Text(_) | Node::Break | Node::Continue => {}
            Node::Action(p) => pipe_fields(p, out),
            Node::If(p, a, b) => {
                pipe_fields(p, out);
                collect_fields(a, out);
                collect_fields(b, out);
            }
            Node::Range(p, _, b) | Node::With(p, _, b) => {
                pipe_fields(p, out);
                collect_fields(b, out);
            }
        }
    }
}

fn pipe_fields(p: &Pipe, out: &mut Vec<Vec<String>>) {
    for c in &p.cmds {
        for a in &c.args {
            match a {
                Arg::Field(f) if !out.contains(f) => out.push(f.clone()),
                Arg::Sub(p, _) => pipe_fields(p, out),
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
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
struct Token {
    tok: Tok,
    pos: usize,
    space_before: bool,
}

#[derive(Debug)]
enum Seg {
    Text(String),
    Action { pos: usize, toks: Vec<Token> },
}

fn pos_error(src: &str, pos: usize, msg: String) -> TemplateError {
    let (line, col) = line_col(src, pos);
    TemplateError::Parse { line, col, msg }
}

fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let before = &src[..pos.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn lex(src: &str) -> Result<Vec<Seg>, TemplateError> {
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
        let c = src[i..].chars().next().unwrap_or(' ');
        let pos = i;
        let tok = match c {
            '|' => {
                i += 1;
                Tok::Pipe
            }
            '(' => {
                i += 1;
                Tok::LParen
            }
            ')' => {
                i += 1;
                Tok::RParen
            }
            ',' => {
                i += 1;
                Tok::Comma
            }
            '=' => {
                i += 1;
                Tok::Assign
            }
            ':' => {
                if b.get(i + 1) != Some(&b'=') {
                    return Err(pos_error(src, i, "expected :=".into()));
                }
                i += 2;
                Tok::Declare
            }
            '"' => {
                let (s, end) = lex_quoted(src, i)?;
                i = end;
                Tok::Str(s)
            }
            '`' => {
                let Some(close) = src[i + 1..].find('`') else {
                    return Err(pos_error(src, i, "unterminated raw quoted string".into()));
                };
                let s = src[i + 1..i + 1 + close].to_string();
                i = i + 1 + close + 1;
                Tok::Str(s)
            }
            '.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let (n, end) = lex_number(src, i)?;
                i = end;
                Tok::Num(n)
            }
            '.' => {
                let end = ident_end(src, i + 1);
                let name = &src[i + 1..end];
                i = end;
                if name.is_empty() {
                    Tok::Dot
                } else {
                    Tok::Field(name.to_string())
                }
            }
            '$' => {
                let end = ident_end(src, i + 1);
                let name = src[i..end].to_string();
                i = end;
                Tok::Var(name)
            }
            '-' | '+' | '0'..='9' => {
                let (n, end) = lex_number(src, i)?;
                i = end;
                Tok::Num(n)
            }
            c if c.is_alphabetic() || c == '_' => {
                let end = ident_end(src, i);
                let word = &src[i..end];
                i = end;
                match word {
                    "true" => Tok::Bool(true),
                    "false" => Tok::Bool(false),
                    "nil" => Tok::Nil,
                    w => Tok::Ident(w.to_string()),
                }
            }
            c => return Err(pos_error(src, i, format!("unexpected {c:?} in command"))),
        };
        toks.push(Token {
            tok,
            pos,
            space_before,
        });
    }
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

// ---------------------------------------------------------------------------------------------
// Parser

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Action(Pipe),
    If(Pipe, Vec<Node>, Vec<Node>),
    Range(Pipe, Vec<Node>, Vec<Node>),
    With(Pipe, Vec<Node>, Vec<Node>),
    Break,
    Continue,
}

#[derive(Debug, Clone)]
struct Pipe {
    pos: usize,
    decl: Vec<String>,
    assign: bool,
    cmds: Vec<Cmd>,
}

#[derive(Debug, Clone)]
struct Cmd {
    args: Vec<Arg>,
}

#[derive(Debug, Clone)]
enum Arg {
    Dot,
    Field(Vec<String>),
    Var(String, Vec<String>),
    Func(String),
    Lit(Value),
    Sub(Box<Pipe>, Vec<String>),
}

/// How a list of nodes ended.
enum End {
    End(usize),
    Else(usize, Option<(String, Pipe)>),
}

impl End {
    fn pos(&self) -> usize {
        match self {
            End::End(p) | End::Else(p, _) => *p,
        }
    }
    fn word(&self) -> &'static str {
        match self {
            End::End(_) => "end",
            End::Else(..) => "else",
        }
    }
}

struct Parser<'s> {
    segs: Vec<Seg>,
    i: usize,
    src: &'s str,
    /// Nesting of control structures and parentheses, bounded by [`MAX_DEPTH`].
    depth: Cell<usize>,
    /// How many `range` bodies enclose the current position (for `break`/`continue`).
    ranges: usize,
}

/// The deepest nesting of actions and parentheses a template may use.
const MAX_DEPTH: usize = 100;

impl Parser<'_> {
    fn error(&self, pos: usize, msg: String) -> TemplateError {
        pos_error(self.src, pos, msg)
    }

    /// Parses nodes until `{{end}}`, `{{else}}` or the end of input.
    fn list(&mut self) -> Result<(Vec<Node>, Option<End>), TemplateError> {
        let mut nodes = Vec::new();
        while self.i < self.segs.len() {
            let seg = std::mem::replace(&mut self.segs[self.i], Seg::Text(String::new()));
            self.i += 1;
            let (pos, toks) = match seg {
                Seg::Text(t) => {
                    nodes.push(Node::Text(t));
                    continue;
                }
                Seg::Action { pos, toks } => (pos, toks),
            };
            let keyword = match &toks[0].tok {
                Tok::Ident(w) => w.as_str(),
                _ => "",
            };
            match keyword {
                "end" => {
                    self.no_more(&toks, 1, "end")?;
                    return Ok((nodes, Some(End::End(pos))));
                }
                "else" => {
                    if toks.len() == 1 {
                        return Ok((nodes, Some(End::Else(pos, None))));
                    }
                    let kw = match &toks[1].tok {
                        Tok::Ident(w) if w == "if" || w == "with" => w.clone(),
                        _ => {
                            return Err(
                                self.error(toks[1].pos, "unexpected token after else".into())
                            )
                        }
                    };
                    let pipe = self.pipe(pos, &toks[2..], false)?;
                    return Ok((nodes, Some(End::Else(pos, Some((kw, pipe))))));
                }
                "if" | "range" | "with" => {
                    let pipe = self.pipe(pos, &toks[1..], keyword == "range")?;
                    nodes.push(self.control(keyword, pipe, pos)?);
                }
                "break" | "continue" => {
                    if self.ranges == 0 {
                        return Err(
                            self.error(pos, format!("{{{{{keyword}}}}} outside {{{{range}}}}"))
                        );
                    }
                    self.no_more(&toks, 1, keyword)?;
                    nodes.push(if keyword == "break" {
                        Node::Break
                    } else {
                        Node::Continue
                    });
                }
                "define" | "template" | "block" => {
                    return Err(self.error(pos, format!("{{{{{keyword}}}}} is not supported")))
                }
                _ => nodes.push(Node::Action(self.pipe(pos, &toks, false)?)),
            }
        }
        Ok((nodes, None))
    }

    fn no_more(&self, toks: &[Token], n: usize, what: &str) -> Result<(), TemplateError> {
        match toks.get(n) {
            Some(t) => Err(self.error(t.pos, format!("unexpected token in {{{{{what}}}}}"))),
            None => Ok(()),
        }
    }

    /// Parses the body of an if/range/with whose pipeline is already parsed.
    fn control(&mut self, kw: &str, pipe: Pipe, pos: usize) -> Result<Node, TemplateError> {
        if self.depth.get() >= MAX_DEPTH {
            return Err(self.error(
                pos,
                format!("template nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.depth.set(self.depth.get() + 1);
        let node = self.control_body(kw, pipe, pos);
        self.depth.set(self.depth.get() - 1);
        node
    }

    fn control_body(&mut self, kw: &str, pipe: Pipe, pos: usize) -> Result<Node, TemplateError> {
        let in_range = usize::from(kw == "range");
        self.ranges += in_range;
        let body = self.list();
        self.ranges -= in_range;
        let (body, end) = body?;
        let else_nodes = match end {
            None => {
                return Err(self.error(
                    pos,
                    format!("unexpected EOF: missing {{{{end}}}} for {{{{{kw}}}}}"),
                ))
            }
            Some(End::End(_)) => Vec::new(),
            Some(End::Else(_, None)) => {
                let (nodes, end) = self.list()?;
                match end {
                    Some(End::End(_)) => nodes,
                    Some(e) => {
                        return Err(self.error(e.pos(), "expected {{end}} after {{else}}".into()))
                    }
                    None => {
                        return Err(self.error(
                            pos,
                            format!("unexpected EOF: missing {{{{end}}}} for {{{{{kw}}}}}"),
                        ))
                    }
                }
            }
            Some(End::Else(p, Some((inner_kw, inner_pipe)))) => {
                if kw == "range" {
                    return Err(self.error(
                        p,
                        "{{else if}} and {{else with}} are not allowed in range".into(),
                    ));
                }
                // `else if` shares the `end` of the outer action.
                vec![self.control(&inner_kw, inner_pipe, p)?]
            }
        };
        Ok(match kw {
            "if" => Node::If(pipe, body, else_nodes),
            "range" => Node::Range(pipe, body, else_nodes),
            _ => Node::With(pipe, body, else_nodes),
        })
    }

    fn pipe(&self, pos: usize, toks: &[Token], range: bool) -> Result<Pipe, TemplateError> {
        let mut k = 0;
        let mut decl = Vec::new();
        let mut assign = false;
        // Declarations: $x := / $x = / (range only) $i, $v :=
        let is_var = |k: usize| matches!(toks.get(k).map(|t| &t.tok), Some(Tok::Var(_)));
        if is_var(0) {
            match toks.get(1).map(|t| &t.tok) {
                Some(Tok::Declare) | Some(Tok::Assign) => {
                    assign = toks[1].tok == Tok::Assign;
                    decl.push(var_name(&toks[0]));
                    k = 2;
                }
                Some(Tok::Comma) if range && is_var(2) => {
                    match toks.get(3).map(|t| &t.tok) {
                        Some(Tok::Declare) | Some(Tok::Assign) => {
                            assign = toks[3].tok == Tok::Assign
                        }
                        _ => {
                            return Err(
                                self.error(toks[1].pos, "expected := after range variables".into())
                            )
                        }
                    }
                    decl.push(var_name(&toks[0]));
                    decl.push(var_name(&toks[2]));
                    k = 4;
                }
                _ => {}
            }
        }
        let (cmds, used) = self.commands(pos, &toks[k..], false)?;
        if k + used != toks.len() {
            return Err(self.error(toks[k + used].pos, "unexpected \")\" in command".into()));
        }
        Ok(Pipe {
            pos,
            decl,
            assign,
            cmds,
        })
    }

    /// Parses `cmd | cmd | ...` until the end of `toks` or, inside parentheses, a `)`.
    fn commands(
        &self,
        pos: usize,
        toks: &[Token],
        in_paren: bool,
    ) -> Result<(Vec<Cmd>, usize), TemplateError> {
        let mut cmds = Vec::new();
        let mut args = Vec::new();
        let mut k = 0;
        loop {
            match toks.get(k).map(|t| &t.tok) {
                None | Some(Tok::RParen) => {
                    if toks.get(k).is_some() && !in_paren {
                        return Err(self.error(toks[k].pos, "unexpected \")\" in command".into()));
                    }
                    if args.is_empty() {
                        let p = toks.get(k).map_or(pos, |t| t.pos);
                        return Err(self.error(p, "missing value for command".into()));
                    }
                    cmds.push(Cmd { args });
                    return Ok((cmds, k));
                }
                Some(Tok::Pipe) => {
                    if args.is_empty() {
                        return Err(self.error(toks[k].pos, "missing value for command".into()));
                    }
                    cmds.push(Cmd {
                        args: std::mem::take(&mut args),
                    });
                    k += 1;
                }
                Some(_) => {
                    let (arg, used) = self.operand(&toks[k..])?;
                    if let (Some(Arg::Lit(Value::Null)), true) = (args.first(), args.is_empty()) {
                        return Err(self.error(toks[k].pos, "nil is not a command".into()));
                    }
                    args.push(arg);
                    k += used;
                }
            }
        }
    }

    fn operand(&self, toks: &[Token]) -> Result<(Arg, usize), TemplateError> {
        let t = &toks[0];
        let mut k = 1;
        let arg = match &t.tok {
            Tok::Dot => Arg::Dot,
            Tok::Field(f) => {
                let mut chain = vec![f.clone()];
                k += self.chain(&toks[1..], &mut chain);
                return Ok((Arg::Field(chain), k));
            }
            Tok::Var(v) => {
                let mut chain = Vec::new();
                k += self.chain(&toks[1..], &mut chain);
                return Ok((Arg::Var(v.clone(), chain), k));
            }
            Tok::Ident(name) => {
                if !FUNCS.contains(&name.as_str()) {
                    return Err(self.error(t.pos, format!("function {name:?} not defined")));
                }
                Arg::Func(name.clone())
            }
            Tok::Str(s) => Arg::Lit(Value::String(s.clone())),
            Tok::Num(n) => Arg::Lit(Value::Number(n.clone())),
            Tok::Bool(b) => Arg::Lit(Value::Bool(*b)),
            Tok::Nil => Arg::Lit(Value::Null),
            Tok::LParen => {
                if self.depth.get() >= MAX_DEPTH {
                    return Err(self.error(
                        t.pos,
                        format!("template nests deeper than {MAX_DEPTH} levels"),
                    ));
                }
                self.depth.set(self.depth.get() + 1);
                let inner = self.commands(t.pos, &toks[1..], true);
                self.depth.set(self.depth.get() - 1);
                let (cmds, used) = inner?;
                k += used;
                if toks.get(k).map(|t| &t.tok) != Some(&Tok::RParen) {
                    return Err(self.error(t.pos, "unclosed left paren".into()));
                }
                k += 1;
                let mut chain = Vec::new();
                k += self.chain(&toks[k..], &mut chain);
                let pipe = Pipe {
                    pos: t.pos,
                    decl: Vec::new(),
                    assign: false,
                    cmds,
                };
                return Ok((Arg::Sub(Box::new(pipe), chain), k));
            }
            other => {
                return Err(self.error(t.pos, format!("unexpected {} in operand", tok_name(other))))
            }
        };
        Ok((arg, k))
    }

    /// Appends `.Field` tokens that directly follow (no space) to `chain`; returns how many.
    fn chain(&self, toks: &[Token], chain: &mut Vec<String>) -> usize {
        let mut n = 0;
        while let Some(Token {
            tok: Tok::Field(f),
            space_before: false,
            ..
        }) = toks.get(n)
        {
            chain.push(f.clone());
            n += 1;
        }
        n
    }
}

fn var_name(t: &Token) -> String {
    match &t.tok {
        Tok::Var(v) => v.clone(),
        _ => String::new(),
    }
}

fn tok_name(t: &Tok) -> &'static str {
    match t {
        Tok::Pipe => "\"|\"",
        Tok::RParen => "\")\"",
        Tok::Comma => "\",\"",
        Tok::Declare => "\":=\"",
        Tok::Assign => "\"=\"",
        _ => "token",
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluator

/// Dot during execution, borrowed so that reading fields copies only what is printed;
/// `None` is a missing key.
type Dot<'a> = Option<&'a Value>;

fn as_dot(v: &Val) -> Dot<'_> {
    match v {
        Val::Missing => None,
        Val::Nil(_) => Some(&NULL),
        Val::J(j) => Some(j),
    }
}

enum Flow {
    Normal,
    Break,
    Continue,
}

struct Exec<'s> {
    /// Variables in scope, innermost last; `$` is `root` unless redeclared.
    vars: Vec<(String, Val)>,
    root: &'s Value,
    out: String,
    src: &'s str,
    /// Rendering a table header: formatting functions return their first argument.
    header: bool,
    /// `inspect`'s `missingkey=error` ([`Template::render_inspect`]).
    strict: bool,
}

/// Keys docker types as maps (`map[string]…`): their missing entries are `<no value>` and a
/// null one is an empty map, also under `missingkey=error`.
const MAP_FIELDS: &[&str] = &[
    "PortBindings",
    "Labels",
    "Options",
    "Data",
    "Networks",
    "Ports",
    "ExposedPorts",
    "Volumes",
    "DriverOpts",
    "Sysctls",
    "StorageOpt",
    "Tmpfs",
    "Annotations",
    "Status",
];

/// Keys docker types as slices: JSON null there is a nil slice, which Go prints as `[]`.
const NIL_SLICE_FIELDS: &[&str] = &[
    "Entrypoint",
    "Cmd",
    "Env",
    "Shell",
    "OnBuild",
    "Args",
    "Binds",
    "Links",
    "ExtraHosts",
    "VolumesFrom",
    "CapAdd",
    "CapDrop",
    "GroupAdd",
    "SecurityOpt",
    "Dns",
    "DnsOptions",
    "DnsSearch",
    "Devices",
    "DeviceCgroupRules",
    "DeviceRequests",
    "Ulimits",
    "Mounts",
    "ExecIDs",
    "Aliases",
    "DNSNames",
    "RepoTags",
    "RepoDigests",
    "Layers",
];

/// Pointer fields of docker's inspect structs that its JSON omits when nil (`omitempty`): the
/// typed template sees them, so `{{.SizeRw}}` without `-s` prints `<nil>`, not an error.
const OMITTED_FIELDS: &[&str] = &["SizeRw", "SizeRootFs", "Health", "Node"];

static NULL: Value = Value::Null;

/// Whether `m`, reached through the key `via`, stands for one of docker's structs: not under a
/// [`MAP_FIELDS`] key, not empty, and every key an exported Go identifier (`Running`, not
/// `com.example` or `bridge`).
fn is_struct_like(m: &serde_json::Map<String, Value>, via: Option<&str>) -> bool {
    !via.is_some_and(|k| MAP_FIELDS.contains(&k))
        && !m.is_empty()
        && m.keys()
            .all(|k| k.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}

/// The source text of the action starting at `pos`, for error messages.
fn action_text(src: &str, pos: usize) -> String {
    let rest = &src[pos.min(src.len())..];
    let end = rest.find("}}").map_or(rest.len(), |e| e + 2);
    rest[..end]
        .trim_start_matches("{{")
        .trim_end_matches("}}")
        .trim_matches(['-', ' '])
        .to_string()
}

/// Functions that leave a header title unchanged (docker's `HeaderFunctions`).
const HEADER_PASSTHROUGH: &[&str] = &[
    "json", "join", "split", "upper", "lower", "title", "truncate", "pad",
];

type R<T> = Result<T, TemplateError>;

impl Exec<'_> {
    fn error(&self, pos: usize, at: &str, msg: String) -> TemplateError {
        let (line, col) = line_col(self.src, pos);
        TemplateError::Exec {
            line,
            col,
            at: at.to_string(),
            msg,
        }
    }

    fn list(&mut self, dot: Dot<'_>, nodes: &[Node]) -> R<Flow> {
        for n in nodes {
            match n {
                Node::Text(t) => self.out.push_str(t),
                Node::Action(p) => {
                    let v = self.pipe(dot, p)?;
                    if p.decl.is_empty() {
                        go_print(&mut self.out, &v);
                    }
                }
                Node::If(p, a, b) | Node::With(p, a, b) => {
                    let mark = self.vars.len();
                    let v = self.pipe(dot, p)?;
                    let flow = if is_true(&v) {
                        if matches!(n, Node::With(..)) {
                            self.list(as_dot(&v), a)?
                        } else {
                            self.list(dot, a)?
                        }
                    } else {
                        self.list(dot, b)?
                    };
                    self.vars.truncate(mark);
                    if !matches!(flow, Flow::Normal) {
                        return Ok(flow);
                    }
                }
                Node::Range(p, body, else_nodes) => {
                    let mark = self.vars.len();
                    let flow = self.range(dot, p, body, else_nodes)?;
                    self.vars.truncate(mark);
                    if !matches!(flow, Flow::Normal) {
                        return Ok(flow);
                    }
                }
                Node::Break => return Ok(Flow::Break),
                Node::Continue => return Ok(Flow::Continue),
            }
        }
        Ok(Flow::Normal)
    }

    fn range(&mut self, dot: Dot<'_>, p: &Pipe, body: &[Node], else_nodes: &[Node]) -> R<Flow> {
        let decl = Pipe {
            decl: Vec::new(),
            ..p.clone()
        };
        let v = self.pipe(dot, &decl)?;
        let items: Vec<(Value, Value)> = match v {
            Val::Missing | Val::J(Value::Null) | Val::Nil(_) => Vec::new(),
            Val::J(Value::Array(a)) => a
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::from(i), v))
                .collect(),
            Val::J(Value::Object(m)) => {
                let mut items: Vec<(Value, Value)> =
                    m.into_iter().map(|(k, v)| (Value::String(k), v)).collect();
                items.sort_by(|a, b| a.0.as_str().cmp(&b.0.as_str()));
                items
            }
            Val::J(other) => {
                return Err(self.error(
                    p.pos,
                    &self.at(p),
                    format!("range can't iterate over {}", go_sprint(&[Val::J(other)])),
                ))
            }
        };
        if items.is_empty() {
            return self.list(dot, else_nodes);
        }
        for (key, val) in items {
            let mark = self.vars.len();
            match p.decl.as_slice() {
                [v] => self.set_var(v, Val::J(val.clone()), p.assign),
                [k, v] => {
                    self.set_var(k, Val::J(key), p.assign);
                    self.set_var(v, Val::J(val.clone()), p.assign);
                }
                _ => {}
            }
            let flow = self.list(Some(&val), body)?;
            self.vars.truncate(mark);
            if matches!(flow, Flow::Break) {
                break;
            }
        }
        Ok(Flow::Normal)
    }

    fn set_var(&mut self, name: &str, v: Val, assign: bool) {
        if assign {
            if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                slot.1 = v;
                return;
            }
        }
        self.vars.push((name.to_string(), v));
    }

    /// The source text of an action, for error messages.
    fn at(&self, p: &Pipe) -> String {
        action_text(self.src, p.pos)
    }

    fn pipe(&mut self, dot: Dot<'_>, p: &Pipe) -> R<Val> {
        let mut v: Option<Val> = None;
        for c in &p.cmds {
            v = Some(self.cmd(dot, c, v, p)?);
        }
        let v = v.unwrap_or(Val::Missing);
        if p.assign {
            for name in &p.decl {
                if !self.vars.iter().any(|(n, _)| n == name) {
                    return Err(self.error(
                        p.pos,
                        &self.at(p),
                        format!("undefined variable: {name}"),
                    ));
                }
            }
        }
        for name in &p.decl {
            self.set_var(name, v.clone(), p.assign);
        }
        Ok(v)
    }

    fn cmd(&mut self, dot: Dot<'_>, c: &Cmd, fin: Option<Val>, p: &Pipe) -> R<Val> {
        let Arg::Func(name) = &c.args[0] else {
            if let (Arg::Field(_) | Arg::Var(..), true) =
                (&c.args[0], c.args.len() + usize::from(fin.is_some()) == 2)
            {
                // Docker's method-style accessors, `{{.Label "com.example"}}`: a map field
                // given one argument is indexed by it.
                let map = self.arg(dot, &c.args[0], p)?;
                if let Val::J(Value::Object(_)) = map {
                    let key = match (c.args.get(1), fin) {
                        (Some(a), _) => self.arg(dot, a, p)?,
                        (_, f) => f.unwrap_or(Val::Missing),
                    };
                    // Such methods return strings: a missing key gives "", not <no value>.
                    return match super::funcs::call("index", &[map, key]) {
                        Ok(Val::Missing) => Ok(Val::J(Value::from(""))),
                        other => other.map_err(|m| self.error(p.pos, &self.at(p), m)),
                    };
                }
                if self.header {
                    // A table header holds the accessor's title in place of the map.
                    return Ok(map);
                }
                return Err(self.error(
                    p.pos,
                    &self.at(p),
                    "can't give argument to non-function".into(),
                ));
            }
            if c.args.len() > 1 || fin.is_some() {
                return Err(self.error(
                    p.pos,
                    &self.at(p),
                    "can't give argument to non-function".into(),
                ));
            }
            return self.arg(dot, &c.args[0], p);
        };
        let rest = &c.args[1..];
        // and/or evaluate lazily, like Go.
        if name == "and" || name == "or" {
            let n = rest.len() + usize::from(fin.is_some());
            if n == 0 {
                return Err(self.error(
                    p.pos,
                    &self.at(p),
                    format!("wrong number of args for {name}: want at least 1 got 0"),
                ));
            }
            let mut last = Val::Missing;
            for a in rest {
                last = self.arg(dot, a, p)?;
                if is_true(&last) == (name == "or") {
                    return Ok(last);
                }
            }
            return Ok(fin.unwrap_or(last));
        }
        let mut args = Vec::with_capacity(rest.len() + 1);
        for a in rest {
            args.push(self.arg(dot, a, p)?);
        }
        args.extend(fin);
        let args: Vec<Val> = args.into_iter().map(|a| a.for_func(name)).collect();
        if self.header && HEADER_PASSTHROUGH.contains(&name.as_str()) {
            return Ok(args.into_iter().next().unwrap_or(Val::Missing));
        }
        super::funcs::call(name, &args)
            .map_err(|m| self.error(p.pos, &self.at(p), format!("error calling {name}: {m}")))
    }

    fn arg(&mut self, dot: Dot<'_>, a: &Arg, p: &Pipe) -> R<Val> {
        match a {
            Arg::Dot => Ok(dot.map_or(Val::Missing, |v| Val::J(v.clone()))),
            Arg::Field(chain) => self.chain(dot, chain, p),
            Arg::Var(name, chain) => {
                let var = self
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v);
                let start = match var {
                    Some(v) if chain.is_empty() => return Ok(v.clone()),
                    Some(v) => as_dot(v),
                    None if name == "$" => Some(self.root),
                    None => {
                        return Err(self.error(
                            p.pos,
                            &self.at(p),
                            format!("undefined variable: {name}"),
                        ))
                    }
                };
                self.chain(start, chain, p)
            }
            Arg::Func(name) => super::funcs::call(name, &[])
                .map_err(|m| self.error(p.pos, &self.at(p), format!("error calling {name}: {m}"))),
            Arg::Lit(v) => Ok(Val::J(v.clone())),
            Arg::Sub(inner, chain) => {
                let v = self.pipe(dot, inner)?;
                self.chain(as_dot(&v), chain, p)
            }
        }
    }

    /// Follows `.A.B…` from `start`, cloning only the value reached.
    fn chain(&self, start: Dot<'_>, chain: &[String], p: &Pipe) -> R<Val> {
        let Some((last, init)) = chain.split_last() else {
            return Ok(start.map_or(Val::Missing, |v| Val::J(v.clone())));
        };
        let mut cur = start;
        let mut via: Option<&str> = None;
        for (i, name) in init.iter().chain(std::iter::once(last)).enumerate() {
            cur = match cur {
                Some(Value::Object(m)) => match m.get(name) {
                    None if self.strict && OMITTED_FIELDS.contains(&name.as_str()) => Some(&NULL),
                    None if self.strict && is_struct_like(m, via) => {
                        return Err(self.error(
                            p.pos,
                            &self.at(p),
                            format!("map has no entry for key {name:?}"),
                        ))
                    }
                    v => v,
                },
                // Go: a field of a missing key is again "no value"…
                None => return Ok(Val::Missing),
                // …and so is an entry of a nil map…
                Some(Value::Null) if via.is_some_and(|k| MAP_FIELDS.contains(&k)) => {
                    return Ok(Val::Missing)
                }
                // …but a field of nil is an error.
                Some(Value::Null) => {
                    let mut path: String = chain[..i].iter().map(|f| format!(".{f}")).collect();
                    if path.is_empty() {
                        path.push_str("dot");
                    }
                    return Err(self.error(
                        p.pos,
                        &self.at(p),
                        format!("nil pointer evaluating interface {{}}.{name} ({path} is null)"),
                    ));
                }
                Some(other) => {
                    let ty = go_type(&Val::J(other.clone()));
                    return Err(self.error(
                        p.pos,
                        &self.at(p),
                        format!("can't evaluate field {name} in type {ty}"),
                    ));
                }
            };
            via = Some(name);
        }
        Ok(match cur {
            None => Val::Missing,
            Some(Value::Null) if NIL_SLICE_FIELDS.contains(&last.as_str()) => {
                Val::Nil(NilKind::Slice)
            }
            Some(Value::Null) if MAP_FIELDS.contains(&last.as_str()) => Val::Nil(NilKind::Map),
            Some(v) => Val::J(v.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn root_fields_name_what_a_template_reads_or_nothing_when_it_may_read_all() {
        let f = |src: &str| Template::parse(src).unwrap().root_fields();
        assert_eq!(
            f("{{.ID}}\t{{.State.Running}} {{if .Labels}}{{upper .Names}}{{end}} {{printf \"%s\" (lower .ID)}}"),
            Some(vec!["ID".into(), "State".into(), "Labels".into(), "Names".into()])
        );
        assert_eq!(f("plain text"), Some(vec![]));
        for all in [
            "{{json .}}",
            "{{.}}",
            "{{$.Names}}",
            "{{range .Mounts}}{{.}}{{end}}",
            "{{with .State}}{{.Pid}}{{end}}",
        ] {
            assert_eq!(f(all), None, "{all}");
        }
    }

    fn r(src: &str, data: &Value) -> String {
        Template::parse(src)
            .unwrap_or_else(|e| panic!("parse {src:?}: {e}"))
            .render(data)
            .unwrap_or_else(|e| panic!("render {src:?}: {e}"))
    }

    fn inspect() -> Value {
        json!({
            "Id": "4c01db0b339c",
            "Name": "/web",
            "State": {"Running": true, "Status": "running", "ExitCode": 0, "Pid": 1234},
            "Config": {"Image": "alpine:3.19", "Labels": {"a.b": "1", "z": "2"}, "Env": ["A=1", "B=2"], "Cmd": null},
            "Mounts": [{"Source": "/src1", "Destination": "/d1"}, {"Source": "/src2", "Destination": "/d2"}],
            "NetworkSettings": {"Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}},
            "Size": 1000000,
            "Ratio": 0.5,
            "Empty": "",
            "Names": "web"
        })
    }

    #[test]
    fn fields_and_missing_keys() {
        let d = inspect();
        assert_eq!(
            r("{{.State.Running}} {{.Config.Image}}", &d),
            "true alpine:3.19"
        );
        assert_eq!(r("{{.Nope}}", &d), "<no value>");
        assert_eq!(r("{{.Nope.Deeper.Still}}", &d), "<no value>");
        assert_eq!(r("{{.State.Nope.X}}", &d), "<no value>");
        assert_eq!(
            r("{{.Config.Cmd}}", &d),
            "[]",
            "Go prints a nil slice as []"
        );
        assert_eq!(r("{{.Size}} {{.Ratio}}", &d), "1000000 0.5");
        assert_eq!(r("plain text", &d), "plain text");
        assert_eq!(r("", &d), "");
    }

    #[test]
    fn nil_slices_and_maps_print_like_go() {
        let d = json!({"Config": {"Entrypoint": null, "Volumes": null, "Healthcheck": null}});
        for (src, want) in [
            ("{{.Config.Entrypoint}} {{.Config.Volumes}}", "[] map[]"),
            (
                "{{json .Config.Entrypoint}} {{json .Config.Volumes}}",
                "null null",
            ),
            ("{{.Config.Healthcheck}}", "<nil>"),
            ("{{len .Config.Entrypoint}} {{len .Config.Volumes}}", "0 0"),
            ("{{printf \"%v\" .Config.Entrypoint}}", "[]"),
            ("{{join .Config.Entrypoint \",\"}}|", "|"),
            ("{{if .Config.Entrypoint}}y{{else}}n{{end}}", "n"),
            ("{{range .Config.Volumes}}x{{else}}none{{end}}", "none"),
            ("{{$e := .Config.Entrypoint}}{{$e}}", "[]"),
            ("{{.Config.Volumes.x}}", "<no value>"),
        ] {
            assert_eq!(r(src, &d), want, "{src}");
        }
    }

    #[test]
    fn go_value_printing() {
        let d = inspect();
        assert_eq!(r("{{.Config.Labels}}", &d), "map[a.b:1 z:2]");
        assert_eq!(r("{{.Config.Env}}", &d), "[A=1 B=2]");
        assert_eq!(
            r("{{.Mounts}}", &d),
            "[map[Destination:/d1 Source:/src1] map[Destination:/d2 Source:/src2]]"
        );
        assert_eq!(
            r("{{.}}", &json!({"b": null, "a": [1, true]})),
            "map[a:[1 true] b:<nil>]"
        );
    }

    #[test]
    fn json_function() {
        let d = inspect();
        assert_eq!(r("{{json .Config.Labels}}", &d), r#"{"a.b":"1","z":"2"}"#);
        assert_eq!(r("{{json .Nope}}", &d), "null");
        assert_eq!(r("{{json .Empty}}", &d), r#""""#);
        assert_eq!(
            r("{{.Mounts | json}}", &d),
            r#"[{"Destination":"/d1","Source":"/src1"},{"Destination":"/d2","Source":"/src2"}]"#
        );
    }

    #[test]
    fn range_forms() {
        let d = inspect();
        assert_eq!(
            r("{{range .Mounts}}{{.Source}} {{end}}", &d),
            "/src1 /src2 "
        );
        assert_eq!(
            r(
                "{{range $i, $m := .Mounts}}{{$i}}={{$m.Destination}};{{end}}",
                &d
            ),
            "0=/d1;1=/d2;"
        );
        assert_eq!(
            r(
                "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}},{{end}}",
                &d
            ),
            "a.b=1,z=2,"
        );
        assert_eq!(r("{{range .Config.Cmd}}x{{else}}none{{end}}", &d), "none");
        assert_eq!(r("{{range .Nope}}x{{else}}none{{end}}", &d), "none");
        assert_eq!(
            r(
                "{{range .Config.Env}}{{if eq . \"B=2\"}}{{break}}{{end}}{{.}} {{end}}",
                &d
            ),
            "A=1 "
        );
        assert_eq!(
            r(
                "{{range .Config.Env}}{{if eq . \"A=1\"}}{{continue}}{{end}}{{.}}{{end}}",
                &d
            ),
            "B=2"
        );
        assert_eq!(r("{{range $p, $conf := .NetworkSettings.Ports}}{{$p}} -> {{(index $conf 0).HostPort}}{{end}}", &d), "80/tcp -> 8080");
        assert_eq!(r("{{range .Mounts}}{{$.Name}}{{end}}", &d), "/web/web");
    }

    #[test]
    fn if_else_with() {
        let d = inspect();
        assert_eq!(r("{{if .State.Running}}up{{else}}down{{end}}", &d), "up");
        assert_eq!(
            r("{{if .Empty}}a{{else if .Nope}}b{{else}}c{{end}}", &d),
            "c"
        );
        assert_eq!(
            r("{{if .Empty}}a{{else if .Size}}b{{else}}c{{end}}", &d),
            "b"
        );
        assert_eq!(r("{{with .State}}{{.Status}}{{end}}", &d), "running");
        assert_eq!(r("{{with .Nope}}{{.X}}{{else}}no{{end}}", &d), "no");
        assert_eq!(
            r("{{with .Nope}}x{{else with .State}}{{.Pid}}{{end}}", &d),
            "1234"
        );
        for falsy in [
            json!(""),
            json!(0),
            json!(false),
            json!(null),
            json!({}),
            json!([]),
            json!(0.0),
        ] {
            assert_eq!(r("{{if .}}t{{else}}f{{end}}", &falsy), "f", "{falsy}");
        }
        for truthy in [
            json!("x"),
            json!(1),
            json!(true),
            json!({"a": 1}),
            json!([0]),
            json!(-0.5),
        ] {
            assert_eq!(r("{{if .}}t{{else}}f{{end}}", &truthy), "t", "{truthy}");
        }
    }

    #[test]
    fn variables() {
        let d = inspect();
        assert_eq!(r("{{$x := .State.Pid}}{{$x}}", &d), "1234");
        assert_eq!(r("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", &d), "2");
        assert_eq!(r("{{$.Names}}", &d), "web");
        assert!(Template::parse("{{$y}}").unwrap().render(&d).is_err());
    }

    #[test]
    fn index_len_slice() {
        let d = inspect();
        assert_eq!(r(r#"{{index .Config.Labels "a.b"}}"#, &d), "1");
        assert_eq!(r(r#"{{index .Config.Labels "missing"}}"#, &d), "<no value>");
        assert_eq!(r("{{index .Config.Env 1}}", &d), "B=2");
        assert_eq!(
            r(
                r#"{{index .NetworkSettings.Ports "80/tcp" 0 "HostPort"}}"#,
                &d
            ),
            "8080"
        );
        assert_eq!(
            r(
                r#"{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}"#,
                &d
            ),
            "8080"
        );
        assert_eq!(
            r("{{len .Mounts}} {{len .Config.Labels}} {{len .Names}}", &d),
            "2 2 3"
        );
        assert_eq!(r("{{slice .Id 0 4}}", &d), "4c01");
        let e = Template::parse("{{index .Config.Env 5}}")
            .unwrap()
            .render(&d)
            .unwrap_err();
        assert!(e.to_string().contains("index out of range: 5"), "{e}");
    }

    #[test]
    fn printf_and_print() {
        let d = inspect();
        assert_eq!(r(r#"{{printf "%s-%d" .Names .State.Pid}}"#, &d), "web-1234");
        assert_eq!(r(r#"{{printf "%-6s|" .Names}}"#, &d), "web   |");
        assert_eq!(r(r#"{{printf "%6s|" .Names}}"#, &d), "   web|");
        assert_eq!(r(r#"{{printf "%q" .Names}}"#, &d), "\"web\"");
        assert_eq!(
            r(
                r#"{{printf "%v %v %v" .State.Running .Config.Cmd .Nope}}"#,
                &d
            ),
            "true [] <nil>"
        );
        assert_eq!(
            r(r#"{{printf "%05d|%x|%.2f|%t|%%" 42 255 3.14159 true}}"#, &d),
            "00042|ff|3.14|true|%"
        );
        assert_eq!(r(r#"{{printf "%d" "x"}}"#, &d), "%!d(string=x)");
        assert_eq!(r(r#"{{printf "%s"}}"#, &d), "%!s(MISSING)");
        assert_eq!(r(r#"{{printf "%s" "a" "b"}}"#, &d), "a%!(EXTRA string=b)");
        assert_eq!(r(r#"{{print "a" 1 2 "b"}}"#, &d), "a1 2b");
        assert_eq!(r(r#"{{println .Names 1}}"#, &d), "web 1\n");
        assert_eq!(
            r(r#"{{printf "%.3g|%g|%e" 1234.5 0.5 1234.5}}"#, &d),
            "1.23e+03|0.5|1.234500e+03"
        );
    }

    #[test]
    fn docker_string_functions() {
        let d = inspect();
        assert_eq!(r("{{.Names | upper}}", &d), "WEB");
        assert_eq!(r("{{upper .Names | lower}}", &d), "web");
        assert_eq!(r(r#"{{title "hello wide-world"}}"#, &d), "Hello Wide-World");
        assert_eq!(r(r#"{{join .Config.Env ","}}"#, &d), "A=1,B=2");
        assert_eq!(r(r#"{{split "a:b:c" ":"}}"#, &d), "[a b c]");
        assert_eq!(r(r#"{{index (split "a:b:c" ":") 1}}"#, &d), "b");
        assert_eq!(r("{{truncate .Id 4}}", &d), "4c01");
        assert_eq!(r("{{truncate .Names 10}}", &d), "web");
        assert_eq!(r("{{pad .Names 1 2}}|", &d), " web  |");
    }

    #[test]
    fn comparisons_and_logic() {
        let d = inspect();
        assert_eq!(r(r#"{{eq .State.Status "running"}}"#, &d), "true");
        assert_eq!(r(r#"{{eq .State.Status "exited" "running"}}"#, &d), "true");
        assert_eq!(r(r#"{{ne .State.ExitCode 0}}"#, &d), "false");
        assert_eq!(
            r("{{lt 1 2}} {{le 2 2}} {{gt 1.5 2}} {{ge 3 2}}", &d),
            "true true false true"
        );
        assert_eq!(r(r#"{{lt "a" "b"}}"#, &d), "true");
        assert_eq!(
            r("{{and .State.Running .Names}} {{and .Empty .Names}}", &d),
            "web "
        );
        assert_eq!(r("{{or .Empty .Names}} {{or .Empty 0}}", &d), "web 0");
        assert_eq!(r("{{not .Empty}} {{not .Names}}", &d), "true false");
        assert_eq!(
            r(
                "{{if and .State.Running (eq .State.ExitCode 0)}}ok{{end}}",
                &d
            ),
            "ok"
        );
        assert_eq!(r("{{eq .Nope nil}}", &d), "true");
        let e = Template::parse(r#"{{eq .Size "x"}}"#)
            .unwrap()
            .render(&d)
            .unwrap_err();
        assert!(
            e.to_string().contains("incompatible types for comparison"),
            "{e}"
        );
    }

    #[test]
    fn trim_markers_and_comments() {
        let d = inspect();
        assert_eq!(r("a  {{- .Names -}}  \n b", &d), "awebb");
        assert_eq!(
            r("{{range .Config.Env}}\n  {{- .}}\n{{end}}", &d),
            "A=1\nB=2\n"
        );
        assert_eq!(r("x {{/* a comment */}} y", &d), "x  y");
        assert_eq!(r("x {{- /* trimmed */ -}} y", &d), "xy");
        assert_eq!(r("{{-3}}", &d), "-3");
    }

    #[test]
    fn string_literals() {
        let d = inspect();
        assert_eq!(r(r#"{{"a\tb\n\"q\" \u00e9"}}"#, &d), "a\tb\n\"q\" é");
        assert_eq!(r("{{`raw\\t`}}", &d), "raw\\t");
        assert_eq!(r(r#"{{"}}"}}"#, &d), "}}");
    }

    #[test]
    fn parse_errors() {
        for (src, msg) in [
            ("{{.Names", "unclosed action"),
            ("{{nosuch .X}}", "function \"nosuch\" not defined"),
            ("{{if .X}}a", "missing {{end}}"),
            ("{{end}}", "unexpected {{end}}"),
            ("{{else}}", "unexpected {{else}}"),
            ("{{(.X}}", "unclosed left paren"),
            ("{{.X)}}", "unexpected \")\""),
            ("{{\"abc}}", "unterminated quoted string"),
            ("{{|}}", "missing value for command"),
            ("{{define \"x\"}}{{end}}", "not supported"),
            ("{{.X | }}", "missing value for command"),
            ("a\n{{.X ^}}", ":2:"),
        ] {
            let e = Template::parse(src).expect_err(src).to_string();
            assert!(e.contains(msg), "{src:?}: {e}");
        }
    }

    #[test]
    fn exec_errors() {
        let d = inspect();
        for (src, msg) in [
            (
                "{{.Names.First}}",
                "can't evaluate field First in type string",
            ),
            (
                "{{.Config.Cmd.X}}",
                "nil pointer evaluating interface {}.X (.Config.Cmd is null)",
            ),
            ("{{.Names | .Id}}", "can't give argument to non-function"),
            ("{{len .State.Running}}", "len of type bool"),
            ("{{range .Names}}{{end}}", "range can't iterate over web"),
            ("{{upper}}", "wrong number of args for upper"),
        ] {
            let e = Template::parse(src)
                .unwrap()
                .render(&d)
                .expect_err(src)
                .to_string();
            assert!(e.contains(msg), "{src:?}: {e}");
            assert!(e.starts_with("template: :1:"), "{e}");
        }
    }

    fn ri(src: &str, data: &Value) -> Result<String, String> {
        Template::parse(src)
            .unwrap()
            .render_inspect(data)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn inspect_missing_keys_are_errors_in_structs_only() {
        let mut d = inspect();
        d["Config"]["Volumes"] = Value::Null;
        for src in [
            "{{.Foo}}",
            "{{.State.Nope}}",
            "{{with .State}}{{.Nope}}{{end}}",
            "{{range .Mounts}}{{.Nope}}{{end}}",
            "{{$.Nope}}",
        ] {
            let e = ri(src, &d).expect_err(src);
            assert!(
                e.contains("map has no entry for key \"Nope\"") || e.contains("\"Foo\""),
                "{src}: {e}"
            );
        }
        assert_eq!(
            ri("{{.Foo}}", &d).unwrap_err(),
            "template: :1:1: executing \"\" at <.Foo>: map has no entry for key \"Foo\""
        );
        for (src, want) in [
            ("{{.Config.Labels.nope}}", "<no value>"),
            ("{{.Config.Labels.nope.x}}", "<no value>"),
            ("{{.Config.Volumes.x}}", "<no value>"),
            ("{{with .Config.Labels}}{{.nope}}{{end}}", "<no value>"),
            ("{{.NetworkSettings.Ports.x}}", "<no value>"),
            ("{{.State.Status}} {{json .State.Pid}}", "running 1234"),
            ("{{index .Config.Labels \"a.b\"}}", "1"),
        ] {
            assert_eq!(ri(src, &d).as_deref(), Ok(want), "{src}");
        }
        assert!(ri("{{.Config.Cmd.X}}", &d)
            .unwrap_err()
            .contains("nil pointer"));
        assert_eq!(
            ri("{{.SizeRw}} {{.State.Health}}", &d).as_deref(),
            Ok("<nil> <nil>")
        );
        assert!(ri("{{.State.Health.Status}}", &d)
            .unwrap_err()
            .contains("nil pointer"));
        assert_eq!(r("{{.Foo}}", &d), "<no value>", "render keeps Go's default");
    }

    #[test]
    fn check_fields_rejects_unknown_root_fields() {
        let known = ["Names", "Label", "Mounts"];
        let check = |src: &str| {
            Template::parse(src)
                .unwrap()
                .check_fields(&known, "*formatter.ContainerContext")
                .map_err(|e| e.to_string())
        };
        assert_eq!(
            check("{{.Nmes}}").unwrap_err(),
            "template: :1:1: executing \"\" at <.Nmes>: can't evaluate field Nmes in type \
             *formatter.ContainerContext"
        );
        for bad in [
            "{{if .Nope}}x{{end}}",
            "{{$.Nope}}",
            "{{upper (.Nope)}}",
            "{{range .Nope}}{{end}}",
        ] {
            assert!(check(bad).unwrap_err().contains("field Nope"), "{bad}");
        }
        for good in [
            "{{.Names}}",
            "{{.Label \"com.example\"}}",
            "{{json .}}",
            "{{range .Mounts}}{{.Anything}}{{end}}",
            "{{with .Names}}{{.X}}{{else}}{{.Names}}{{end}}",
            "plain",
        ] {
            assert_eq!(check(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn docker_method_style_label() {
        let d = json!({"Label": {"com.example": "x"}, "Names": "web"});
        assert_eq!(r(r#"{{.Label "com.example"}}"#, &d), "x");
        assert_eq!(r(r#"{{"com.example" | .Label}}"#, &d), "x");
        assert_eq!(
            r(r#"{{.Label "other"}}"#, &d),
            "",
            "docker's Label methods return strings"
        );
        assert!(Template::parse(r#"{{.Names "x"}}"#)
            .unwrap()
            .render(&d)
            .is_err());
    }

    #[test]
    fn header_mode_passes_titles_through_functions() {
        let t = Template::parse(
            r#"{{.Names | upper}}\t{{json .Labels}}\t{{truncate .ID 3}}\t{{join .Ports ","}}"#,
        )
        .unwrap();
        let h =
            json!({"Names": "NAMES", "Labels": "LABELS", "ID": "CONTAINER ID", "Ports": "PORTS"});
        assert_eq!(
            t.render_header(&h).unwrap(),
            "NAMES\\tLABELS\\tCONTAINER ID\\tPORTS"
        );
    }

    #[test]
    fn structural_limits() {
        assert!(Template::parse("{{break}}")
            .unwrap_err()
            .to_string()
            .contains("outside {{range}}"));
        assert!(Template::parse("{{if 1}}{{continue}}{{end}}").is_err());
        assert!(Template::parse("{{}}")
            .unwrap_err()
            .to_string()
            .contains("missing value"));
        let deep = format!("{{{{{}1{}}}}}", "(".repeat(200), ")".repeat(200));
        assert!(Template::parse(&deep)
            .unwrap_err()
            .to_string()
            .contains("nests deeper"));
        let deep_if = format!("{}x{}", "{{if 1}}".repeat(200), "{{end}}".repeat(200));
        assert!(Template::parse(&deep_if)
            .unwrap_err()
            .to_string()
            .contains("nests deeper"));
        let ok = format!("{}x{}", "{{if 1}}".repeat(50), "{{end}}".repeat(50));
        assert_eq!(r(&ok, &json!(null)), "x");
        let e = Template::parse("{{range 3}}{{end}}")
            .unwrap()
            .render(&json!(null))
            .unwrap_err();
        assert!(e.to_string().contains("range can't iterate over 3"), "{e}");
    }

    #[test]
    fn fields_for_headers() {
        let t = Template::parse(
            "{{.ID}}\t{{.State.Running}}{{range .Mounts}}{{.Source}}{{end}}{{.ID}}",
        )
        .unwrap();
        assert_eq!(
            t.fields(),
            vec![
                vec!["ID".to_string()],
                vec!["State".into(), "Running".into()],
                vec!["Mounts".into()]
            ]
        );
    }
}
