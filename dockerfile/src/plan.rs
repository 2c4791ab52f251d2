//! The build plan: global ARGs, then stages, each a FROM and its steps.

use crate::error::ParseError;
use crate::instruction::{ArgDecl, From, Instruction};
use crate::{lexer, parse};

/// One instruction with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// 1-based line of its keyword.
    pub line: usize,
    /// The instruction as written: keyword in upper case, then its arguments with
    /// continuation lines joined (what a build shows as it runs the step).
    pub text: String,
    /// The instruction.
    pub instruction: Instruction,
}

/// A build stage: `FROM ... [AS name]` and the steps up to the next FROM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// Line of the FROM.
    pub line: usize,
    /// The FROM (its `name` is the stage name).
    pub from: From,
    /// The instructions after FROM.
    pub steps: Vec<Step>,
}

/// A parsed Dockerfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dockerfile {
    /// The escape character (`\`, or `` ` `` from `# escape=`).
    pub escape: char,
    /// `# syntax=` if given.
    pub syntax: Option<String>,
    /// ARGs before the first FROM: the scope FROM lines are expanded in.
    pub global_args: Vec<ArgDecl>,
    /// The stages in order; never empty.
    pub stages: Vec<Stage>,
}

impl Dockerfile {
    /// The index of the stage `--target` names (case-insensitive), docker's error otherwise.
    pub fn target(&self, name: &str) -> Result<usize, ParseError> {
        let lower = name.to_ascii_lowercase();
        self.stages
            .iter()
            .position(|s| s.from.name.as_deref() == Some(lower.as_str()))
            .ok_or_else(|| {
                ParseError::new(0, "", format!("target stage {name:?} could not be found"))
            })
    }

    /// The stage a `FROM` or `--from=` reference names: a stage name or index before
    /// `before`; None when it is an image.
    pub fn stage_ref(&self, reference: &str, before: usize) -> Option<usize> {
        let lower = reference.to_ascii_lowercase();
        let earlier = &self.stages[..before.min(self.stages.len())];
        earlier
            .iter()
            .position(|s| s.from.name.as_deref() == Some(lower.as_str()))
            .or_else(|| {
                reference
                    .parse::<usize>()
                    .ok()
                    .filter(|i| *i < earlier.len())
            })
    }
}

/// Lexes, parses each instruction, and groups them into stages.
pub fn build(text: &str) -> Result<Dockerfile, ParseError> {
    let (directives, raws) = lexer::lex(text)?;
    let mut global_args = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    for raw in &raws {
        let instruction = parse::instruction(raw, directives.escape)?;
        match (instruction, stages.last_mut()) {
            (Instruction::From(from), _) => {
                if let Some(name) = &from.name {
                    if stages.iter().any(|s| s.from.name.as_ref() == Some(name)) {
                        return Err(ParseError::new(
                            raw.line,
                            "FROM",
                            format!("duplicate stage name {name:?}"),
                        ));
                    }
                }
                stages.push(Stage {
                    line: raw.line,
                    from,
                    steps: Vec::new(),
                });
            }
            (instruction, Some(stage)) => stage.steps.push(Step {
                line: raw.line,
                text: format!("{} {}", raw.keyword.to_ascii_uppercase(), raw.args),
                instruction,
            }),
            (Instruction::Arg(decls), None) => global_args.extend(decls),
            (_, None) => {
                return Err(ParseError::new(
                    raw.line,
                    &raw.keyword,
                    "no build stage in current context",
                ))
            }
        }
    }
    if raws.is_empty() {
        return Err(ParseError::new(0, "", "file with no instructions"));
    }
    if stages.is_empty() {
        return Err(ParseError::new(0, "", "no build stage in current context"));
    }
    Ok(Dockerfile {
        escape: directives.escape,
        syntax: directives.syntax,
        global_args,
        stages,
    })
}
