//! The parse error: a line number, the instruction it is about, and docker's wording.

use thiserror::Error;

/// A Dockerfile that cannot be parsed; `message` uses docker's wording where docker has one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("dockerfile parse error line {line}: {message}")]
pub struct ParseError {
    /// 1-based line where the offending instruction (or directive) starts; 0 for the whole file.
    pub line: usize,
    /// The instruction keyword in upper case (`"FROM"`), empty when the error is not about one.
    pub instruction: String,
    /// What is wrong, e.g. `unknown instruction: FOO`.
    pub message: String,
}

impl ParseError {
    /// A new error at `line` about `instruction`.
    pub fn new(line: usize, instruction: &str, message: impl Into<String>) -> Self {
        ParseError {
            line,
            instruction: instruction.to_ascii_uppercase(),
            message: message.into(),
        }
    }

    /// The error located in a named file, `Containerfile:3: unknown instruction: FOO`, for the
    /// caller that read the file.
    pub fn in_file(&self, file: &str) -> String {
        format!("{file}:{}: {}", self.line, self.message)
    }
}
