//! The parser: an action's tokens into the tree of nodes, pipelines and commands.

use serde_json::Value;
use std::cell::Cell;

use super::error::TemplateError;
use super::lex::{pos_error, Seg, Tok, Token};

/// Functions templates may call (docker's set plus Go's builtins).
pub const FUNCS: &[&str] = &[
    "and", "or", "not", "len", "index", "print", "printf", "println", "eq", "ne", "lt", "le", "gt",
    "ge", "json", "join", "split", "upper", "lower", "title", "truncate", "pad", "slice",
];

#[derive(Debug, Clone)]
pub(super) enum Node {
    Text(String),
    Action(Pipe),
    If(Pipe, Vec<Node>, Vec<Node>),
    Range(Pipe, Vec<Node>, Vec<Node>),
    With(Pipe, Vec<Node>, Vec<Node>),
    Break,
    Continue,
}

#[derive(Debug, Clone)]
pub(super) struct Pipe {
    pub(super) pos: usize,
    pub(super) decl: Vec<String>,
    pub(super) assign: bool,
    pub(super) cmds: Vec<Cmd>,
}

#[derive(Debug, Clone)]
pub(super) struct Cmd {
    pub(super) args: Vec<Arg>,
}

#[derive(Debug, Clone)]
pub(super) enum Arg {
    Dot,
    Field(Vec<String>),
    Var(String, Vec<String>),
    Func(String),
    Lit(Value),
    Sub(Box<Pipe>, Vec<String>),
}

/// How a list of nodes ended.
pub(super) enum End {
    End(usize),
    Else(usize, Option<(String, Pipe)>),
}

impl End {
    pub(super) fn pos(&self) -> usize {
        match self {
            End::End(p) | End::Else(p, _) => *p,
        }
    }
    pub(super) fn word(&self) -> &'static str {
        match self {
            End::End(_) => "end",
            End::Else(..) => "else",
        }
    }
}

pub(super) struct Parser<'s> {
    pub(super) segs: Vec<Seg>,
    pub(super) i: usize,
    pub(super) src: &'s str,
    /// Nesting of control structures and parentheses, bounded by [`MAX_DEPTH`].
    pub(super) depth: Cell<usize>,
    /// How many `range` bodies enclose the current position (for `break`/`continue`).
    pub(super) ranges: usize,
}

/// The deepest nesting of actions and parentheses a template may use.
const MAX_DEPTH: usize = 100;

impl Parser<'_> {
    pub(super) fn error(&self, pos: usize, msg: String) -> TemplateError {
        pos_error(self.src, pos, msg)
    }

    /// Parses nodes until `{{end}}`, `{{else}}` or the end of input.
    pub(super) fn list(&mut self) -> Result<(Vec<Node>, Option<End>), TemplateError> {
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
