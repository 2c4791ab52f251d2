//! Docker's variable substitution: `$V`, `${V}`, `${V:-word}`, `${V-word}`, `${V:+word}`,
//! `${V+word}`, `${V:?message}`, `${V?message}`, quotes and the escape character.
//!
//! Docker applies it to ENV, ADD, COPY, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR
//! and ARG defaults, and to the bodies of COPY and ADD heredocs whose delimiter is not quoted
//! (quotes kept there), never to RUN, CMD or ENTRYPOINT (the shell does that at run time);
//! [`Instruction::expand`] knows which fields. ONBUILD triggers are expanded when they run in
//! the child build, as docker does.

use std::collections::{BTreeMap, HashMap};

use thiserror::Error;

use crate::instruction::{CopyArgs, From, Instruction};

/// Where variable values come from: the step's build args and environment.
pub trait Scope {
    /// The value of `name`, None when it is not set.
    fn lookup(&self, name: &str) -> Option<&str>;
}

impl Scope for BTreeMap<String, String> {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

impl Scope for HashMap<String, String> {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

/// A word that cannot be expanded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SubstError {
    /// A quote opened and never closed.
    #[error("unexpected end of statement while looking for matching {0}")]
    Unterminated(&'static str),
    /// `${...}` that is not one of the supported forms.
    #[error("bad substitution: {0}")]
    Bad(String),
    /// `${V:?message}` or `${V?message}` with V unset (or empty).
    #[error("{name}: {message}")]
    Required {
        /// The variable.
        name: String,
        /// The message after `?`, or docker's default.
        message: String,
    },
}

/// Expands one word: variables replaced, quotes removed, escaped characters taken literally.
pub fn expand_word(word: &str, scope: &dyn Scope, escape: char) -> Result<String, SubstError> {
    let mut lx = Lexer {
        chars: word.chars().collect(),
        pos: 0,
        scope,
        escape,
        quotes: true,
    };
    lx.process(false)
}

/// Expands the body of a COPY or ADD heredoc whose delimiter is not quoted, as BuildKit does:
/// variables are replaced and a backslash takes the next character literally (so `\$HOME`
/// stays `$HOME`), but quotes are ordinary characters and stay in the file. The escape is
/// always the backslash, whatever the Dockerfile's `# escape=` directive says.
pub fn expand_heredoc(body: &str, scope: &dyn Scope) -> Result<String, SubstError> {
    let mut lx = Lexer {
        chars: body.chars().collect(),
        pos: 0,
        scope,
        escape: '\\',
        quotes: false,
    };
    lx.process(false)
}

/// The shell's special parameters, which docker reads as one-character names.
const SPECIAL: &str = "@*#?-$!0";

struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    scope: &'a dyn Scope,
    escape: char,
    /// Whether quotes group and are removed (words) or are plain characters (heredoc bodies).
    quotes: bool,
}

impl Lexer<'_> {
    fn next(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        self.pos += usize::from(c.is_some());
        c
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// Up to the end (or, inside `${...}`, up to the closing brace, left unread).
    fn process(&mut self, in_brace: bool) -> Result<String, SubstError> {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if in_brace && c == '}' {
                return Ok(out);
            }
            self.pos += 1;
            match c {
                c if c == self.escape => match self.next() {
                    Some(n) => out.push(n),
                    None => out.push(c),
                },
                '\'' | '"' if !self.quotes => out.push(c),
                '\'' => loop {
                    match self.next() {
                        None => return Err(SubstError::Unterminated("single-quote")),
                        Some('\'') => break,
                        Some(x) => out.push(x),
                    }
                },
                '"' => self.double_quoted(&mut out)?,
                '$' => out.push_str(&self.dollar()?),
                c => out.push(c),
            }
        }
        if in_brace {
            return Err(SubstError::Bad("missing '}'".into()));
        }
        Ok(out)
    }

    fn double_quoted(&mut self, out: &mut String) -> Result<(), SubstError> {
        loop {
            match self.next() {
                None => return Err(SubstError::Unterminated("double-quote")),
                Some('"') => return Ok(()),
                Some('$') => out.push_str(&self.dollar()?),
                Some(c) if c == self.escape => match self.peek() {
                    Some(n) if n == '"' || n == '$' || n == self.escape => {
                        self.pos += 1;
                        out.push(n);
                    }
                    _ => out.push(c),
                },
                Some(c) => out.push(c),
            }
        }
    }

    /// A variable name: letters, digits and `_`; or only digits (`$1`); or one special
    /// parameter (`$$`, `$?`, ...). Docker looks these up like any name: unset, they are empty.
    fn name(&mut self) -> String {
        let mut name = String::new();
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    name.push(d);
                    self.pos += 1;
                }
            }
            Some(c) if SPECIAL.contains(c) => {
                name.push(c);
                self.pos += 1;
            }
            _ => {
                while let Some(c) = self
                    .peek()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                {
                    name.push(c);
                    self.pos += 1;
                }
            }
        }
        name
    }

    /// After a `$`.
    fn dollar(&mut self) -> Result<String, SubstError> {
        match self.peek() {
            Some('{') => self.pos += 1,
            Some(c) if c.is_ascii_alphanumeric() || c == '_' || SPECIAL.contains(c) => {
                let name = self.name();
                return Ok(self.scope.lookup(&name).unwrap_or("").to_string());
            }
            _ => return Ok("$".into()),
        }
        let name = self.name();
        if name.is_empty() {
            return Err(SubstError::Bad("empty variable name in ${}".into()));
        }
        let value = self.scope.lookup(&name).map(str::to_string);
        let colon = self.peek() == Some(':');
        self.pos += usize::from(colon);
        let op = self.next();
        if op == Some('}') && !colon {
            return Ok(value.unwrap_or_default());
        }
        let Some(op @ ('-' | '+' | '?')) = op else {
            return Err(SubstError::Bad(format!(
                "unsupported modifier in ${{{name}...}}"
            )));
        };
        let word = self.process(true)?;
        self.pos += 1; // the closing brace
        let set = if colon {
            value.as_deref().is_some_and(|v| !v.is_empty())
        } else {
            value.is_some()
        };
        match (op, set) {
            ('-', true) | ('?', true) => Ok(value.unwrap_or_default()),
            ('-', false) => Ok(word),
            ('+', true) => Ok(word),
            ('+', false) => Ok(String::new()),
            _ => Err(SubstError::Required {
                message: if word.is_empty() {
                    let what = if colon { "unset or empty" } else { "unset" };
                    format!("is not allowed to be {what}")
                } else {
                    word
                },
                name,
            }),
        }
    }
}

impl Instruction {
    /// This instruction with docker's variable substitution applied to the fields docker
    /// expands, using `scope` (the step's ARG and ENV values); other fields are unchanged.
    pub fn expand(&self, scope: &dyn Scope, escape: char) -> Result<Instruction, SubstError> {
        let w = |s: &str| expand_word(s, scope, escape);
        let opt = |s: &Option<String>| s.as_deref().map(w).transpose();
        let pairs = |p: &[(String, String)]| -> Result<Vec<(String, String)>, SubstError> {
            p.iter().map(|(k, v)| Ok((w(k)?, w(v)?))).collect()
        };
        let all = |v: &[String]| v.iter().map(|s| w(s)).collect::<Result<Vec<_>, _>>();
        let copy = |c: &CopyArgs| -> Result<CopyArgs, SubstError> {
            let heredocs = c
                .heredocs
                .iter()
                .map(|h| {
                    let mut h = h.clone();
                    if h.expand {
                        h.content = expand_heredoc(&h.content, scope)?;
                    }
                    Ok(h)
                })
                .collect::<Result<_, SubstError>>()?;
            Ok(CopyArgs {
                sources: all(&c.sources)?,
                dest: w(&c.dest)?,
                from: opt(&c.from)?,
                chown: opt(&c.chown)?,
                chmod: opt(&c.chmod)?,
                heredocs,
                ..c.clone()
            })
        };
        Ok(match self {
            Instruction::From(f) => Instruction::From(From {
                image: w(&f.image)?,
                platform: opt(&f.platform)?,
                name: f.name.clone(),
            }),
            Instruction::Env(p) => Instruction::Env(pairs(p)?),
            Instruction::Label(p) => Instruction::Label(pairs(p)?),
            Instruction::Arg(decls) => Instruction::Arg(
                decls
                    .iter()
                    .map(|d| {
                        let mut d = d.clone();
                        d.default = opt(&d.default)?;
                        Ok(d)
                    })
                    .collect::<Result<_, SubstError>>()?,
            ),
            Instruction::Expose(ports) => {
                let mut out = Vec::new();
                for p in ports {
                    out.extend(w(p)?.split_whitespace().map(str::to_string));
                }
                Instruction::Expose(out)
            }
            Instruction::Volume(v) => Instruction::Volume(all(v)?),
            Instruction::User(u) => Instruction::User(w(u)?),
            Instruction::Workdir(d) => Instruction::Workdir(w(d)?),
            Instruction::Stopsignal(s) => Instruction::Stopsignal(w(s)?),
            Instruction::Copy(c) => Instruction::Copy(copy(c)?),
            Instruction::Add(c) => Instruction::Add(copy(c)?),
            other => other.clone(),
        })
    }
}
