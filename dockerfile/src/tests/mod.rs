//! Unit and property tests of the parser, substitution and ignore matcher.

mod errors;
mod ignore;
mod instructions;
mod props;
mod subst;

use crate::{parse, Instruction};

/// The instructions of the first stage of `FROM busybox` + `body`.
fn steps(body: &str) -> Vec<Instruction> {
    let df = parse(&format!("FROM busybox\n{body}\n")).expect("parses");
    df.stages[0]
        .steps
        .iter()
        .map(|s| s.instruction.clone())
        .collect()
}

/// The single instruction `body` parses to.
fn one(body: &str) -> Instruction {
    let mut s = steps(body);
    assert_eq!(s.len(), 1, "{s:?}");
    s.remove(0)
}

/// The error message of `FROM busybox` + `body`, asserting it is on line 2.
fn err(body: &str) -> String {
    let e = parse(&format!("FROM busybox\n{body}\n")).expect_err("must fail");
    assert_eq!(e.line, 2, "{e:?}");
    e.message
}
