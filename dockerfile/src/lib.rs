//! Dockerfile/Containerfile parsing for skiff: text in, typed build plan out; no I/O.
//!
//! [`parse`] turns the text into a [`Dockerfile`]: its parser directives, the global `ARG`s
//! declared before the first `FROM`, and the build stages with their typed instructions. Values
//! are kept as written; the executor applies docker's variable substitution step by step with
//! [`Instruction::expand`] (or [`subst`] directly) as it learns the `ARG`/`ENV` scope.
//! A [`Dockerfile`] prints back (`Display`) as text that parses to the same plan.
//! [`ignore`] matches paths against `.dockerignore`/`.containerignore` patterns; [`path`] cleans
//! `/` paths lexically.

mod display;
mod error;
pub mod ignore;
mod instruction;
mod lexer;
mod parse;
pub mod path;
mod plan;
pub mod subst;

pub use display::text;
pub use error::ParseError;
pub use instruction::{
    ArgDecl, Command, CopyArgs, From, Healthcheck, HealthcheckCmd, Heredoc, Instruction, Mount,
    MountKind, Run, Sharing,
};
pub use plan::{Dockerfile, Stage, Step};

/// Parses Dockerfile text into a build plan, or the first error with its line number.
///
/// Never panics, whatever the input (property-tested), so it is a fit fuzzing entry point.
pub fn parse(text: &str) -> Result<Dockerfile, ParseError> {
    plan::build(text)
}

#[cfg(test)]
mod tests;
