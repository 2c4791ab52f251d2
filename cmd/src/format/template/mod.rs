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
//!
//! `lex` cuts the text into segments and tokens, `parse` builds the tree, `exec` runs it;
//! `inspect` holds what docker's inspect structs say about keys (maps, nil slices, omitted
//! pointers), which decides what `inspect -f` prints for a missing or null key.

use serde_json::Value;
use std::cell::Cell;

pub use error::TemplateError;
pub use parse::FUNCS;

use exec::{action_text, Exec};
use lex::{lex, line_col};
use parse::{Arg, Node, Parser, Pipe};

mod error;
mod exec;
mod inspect;
mod lex;
mod parse;
#[cfg(test)]
mod tests;

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
