//! The one error of the Quadlet translator.

/// A Quadlet file that cannot be translated, with the place and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {reason}", line_suffix(*.line))]
pub struct QuadletError {
    /// The file's name.
    pub file: String,
    /// The 1-based line, or 0 when the error concerns the whole file.
    pub line: usize,
    /// What is wrong and what to do.
    pub reason: String,
}

fn line_suffix(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(":{line}")
    }
}

impl QuadletError {
    /// An error at `file:line`.
    pub fn at(file: &str, line: usize, reason: String) -> QuadletError {
        QuadletError {
            file: file.to_string(),
            line,
            reason,
        }
    }
}
