//! The evaluator: runs the parsed tree over a JSON value, writing Go's text for each action.

use serde_json::Value;

use super::super::gofmt::{go_print, go_sprint, go_type, is_true, NilKind, Val};
use super::error::TemplateError;
use super::inspect::{
    is_struct_like, MAP_FIELDS, NIL_SLICE_FIELDS, OMITTED_BOOLS, OMITTED_FIELDS, OMITTED_STRINGS,
};
use super::lex::line_col;
use super::parse::{Arg, Cmd, Node, Pipe};

/// Dot during execution, borrowed so that reading fields copies only what is printed;
/// `None` is a missing key.
pub(super) type Dot<'a> = Option<&'a Value>;

fn as_dot(v: &Val) -> Dot<'_> {
    match v {
        Val::Missing => None,
        Val::Nil(_) => Some(&NULL),
        Val::J(j) => Some(j),
    }
}

pub(super) enum Flow {
    Normal,
    Break,
    Continue,
}

pub(super) struct Exec<'s> {
    /// Variables in scope, innermost last; `$` is `root` unless redeclared.
    pub(super) vars: Vec<(String, Val)>,
    pub(super) root: &'s Value,
    pub(super) out: String,
    pub(super) src: &'s str,
    /// Rendering a table header: formatting functions return their first argument.
    pub(super) header: bool,
    /// `inspect`'s `missingkey=error` ([`super::Template::render_inspect`]).
    pub(super) strict: bool,
}

static NULL: Value = Value::Null;
/// What an omitted string field of docker's structs holds.
static EMPTY: Value = Value::String(String::new());
/// What an omitted boolean field of docker's structs holds.
static FALSE: Value = Value::Bool(false);

/// The source text of the action starting at `pos`, for error messages.
pub(super) fn action_text(src: &str, pos: usize) -> String {
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

    pub(super) fn list(&mut self, dot: Dot<'_>, nodes: &[Node]) -> R<Flow> {
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
                    return match super::super::funcs::call("index", &[map, key]) {
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
        super::super::funcs::call(name, &args)
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
            Arg::Func(name) => super::super::funcs::call(name, &[])
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
                    // podman 4's template name of a container's `State.Health`.
                    None if self.strict && name == "Healthcheck" && m.contains_key("Health") => {
                        m.get("Health")
                    }
                    None if self.strict && OMITTED_FIELDS.contains(&name.as_str()) => Some(&NULL),
                    // The fields of docker's structs (not of maps such as labels): the Go field
                    // of the JSON key `Id`, and the fields its JSON left out (`omitempty`).
                    None if self.strict && is_struct_like(m, via) => match name.as_str() {
                        "ID" if m.contains_key("Id") => m.get("Id"),
                        n if MAP_FIELDS.contains(&n) || NIL_SLICE_FIELDS.contains(&n) => {
                            Some(&NULL)
                        }
                        n if OMITTED_STRINGS.contains(&n) => Some(&EMPTY),
                        n if OMITTED_BOOLS.contains(&n) => Some(&FALSE),
                        _ => {
                            return Err(self.error(
                                p.pos,
                                &self.at(p),
                                format!("map has no entry for key {name:?}"),
                            ))
                        }
                    },
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
