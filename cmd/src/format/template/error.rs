//! What goes wrong parsing or running a template, with Go's wording and positions.

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
