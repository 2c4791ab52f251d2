use super::err;
use crate::parse;

#[test]
fn docker_wording() {
    let cases = [
        ("FOO bar", "unknown instruction: FOO"),
        ("ENV =x", "ENV names can not be blank"),
        ("ENV k", "ENV must have two arguments"),
        ("LABEL k", "LABEL must have two arguments"),
        ("ENV a=1 b", "Syntax error - can't find = in \"b\". Must be of the form: name=value"),
        ("ARG =x", "ARG names can not be blank"),
        ("ARG", "ARG requires at least one argument"),
        ("FROM a b", "FROM requires either one or three arguments"),
        ("FROM a AS 1x", "invalid name for build stage: \"1x\", name can't start with a number or contain symbols"),
        ("HEALTHCHECK FOO x", "Unknown type \"FOO\" in HEALTHCHECK (try CMD)"),
        ("HEALTHCHECK --retries=1 NONE", "HEALTHCHECK NONE takes no arguments"),
        ("HEALTHCHECK --retries=-1 CMD true", "--retries cannot be negative (-1)"),
        ("HEALTHCHECK --interval=1us CMD true", "Interval \"interval\" cannot be less than 1ms"),
        ("HEALTHCHECK --timeout=soon CMD true", "time: invalid duration \"soon\""),
        ("ONBUILD ONBUILD RUN x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
        ("ONBUILD from x", "FROM isn't allowed as an ONBUILD trigger"),
        ("COPY a", "COPY requires at least two arguments, but only one was provided. Destination could not be determined"),
        ("RUN --mount=type=foo,target=/x true", "unsupported mount type \"foo\""),
        ("RUN --mount=type=cache true", "mount target must be specified"),
        ("RUN --mount=type=cache,target=/x,sharing=no true", "unsupported sharing value \"no\""),
        ("RUN --network=bogus true", "unsupported network mode \"bogus\""),
        ("RUN --bogus true", "Unknown flag: bogus"),
        ("COPY --from a b", "missing a value on flag: --from"),
        ("RUN", "RUN requires at least one argument"),
        ("SHELL /bin/sh -c", "SHELL requires the arguments to be in JSON form"),
        ("STOPSIGNAL a b", "STOPSIGNAL requires exactly one argument"),
        ("USER", "USER requires exactly one argument"),
        ("VOLUME [\"\"]", "VOLUME specified can not be an empty string"),
        ("RUN <<EOF\nno end", "unterminated heredoc EOF"),
    ];
    for (body, want) in cases {
        assert_eq!(err(body), want, "{body}");
    }
}

#[test]
fn file_level_errors() {
    let e = parse("\n# only a comment\n").unwrap_err();
    assert_eq!(e.message, "file with no instructions");
    let e = parse("ARG X\n\nRUN true\n").unwrap_err();
    assert_eq!(
        (e.line, e.instruction.as_str(), e.message.as_str()),
        (3, "RUN", "no build stage in current context")
    );
    let e = parse("FROM a AS b\nFROM c AS B\n").unwrap_err();
    assert_eq!(
        (e.line, e.message.as_str()),
        (2, "duplicate stage name \"b\"")
    );
    let e = parse("# escape=x\nFROM a\n").unwrap_err();
    assert_eq!(
        (e.line, e.message.as_str()),
        (1, "invalid escape token 'x' does not validate")
    );
    let e = parse("# escape=`\n# escape=\\\nFROM a\n").unwrap_err();
    assert_eq!(e.message, "only one escape parser directive can be used");
}

#[test]
fn error_display_names_line_and_file() {
    let e = parse("FROM a\n\nfoo x\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "dockerfile parse error line 3: unknown instruction: FOO"
    );
    assert_eq!(e.instruction, "FOO");
    assert_eq!(
        e.in_file("Containerfile"),
        "Containerfile:3: unknown instruction: FOO"
    );
}
