//! The command line itself: version, help and how bad usage is reported.

use crate::harness::Skiff;

#[test]
fn version_exits_zero_and_names_skiff() {
    let sk = Skiff::new();
    let out = sk.ok(&["version"]);
    assert!(out.contains("skiff"), "unexpected version output: {out}");
    let out = sk.ok(&["--version"]);
    assert!(out.contains("skiff"), "unexpected --version output: {out}");
}

#[test]
fn help_exits_zero() {
    let sk = Skiff::new();
    let out = sk.ok(&["--help"]);
    assert!(out.contains("Usage"), "help without a usage line: {out}");
}

#[test]
fn unknown_flag_exits_125_with_an_error() {
    let sk = Skiff::new();
    let out = sk.fails(&["--no-such-flag"], 125);
    assert!(
        out.stderr.to_lowercase().contains("error"),
        "no error message: {out:?}"
    );
    assert!(
        out.stderr.contains("--no-such-flag"),
        "the error does not name the flag: {out:?}"
    );
}

#[test]
fn unknown_command_exits_125() {
    let sk = Skiff::new();
    let out = sk.fails(&["no-such-command"], 125);
    assert!(
        out.stderr.contains("no-such-command"),
        "the error does not name it: {out:?}"
    );
}
