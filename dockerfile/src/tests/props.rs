use std::collections::BTreeMap;

use proptest::prelude::*;

use crate::ignore::Matcher;
use crate::parse;
use crate::subst::{expand_heredoc, expand_word};

/// Text built from Dockerfile-ish pieces, so random input reaches deep into the parser.
fn dockerfile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("FROM ".to_string()),
        Just("RUN ".to_string()),
        Just("COPY ".to_string()),
        Just("ENV ".to_string()),
        Just("ARG ".to_string()),
        Just("HEALTHCHECK ".to_string()),
        Just("ONBUILD ".to_string()),
        Just("--mount=".to_string()),
        Just("<<EOF".to_string()),
        Just("<<-'X'".to_string()),
        Just("EOF".to_string()),
        Just("# escape=`".to_string()),
        Just("\\\n".to_string()),
        Just("\n".to_string()),
        Just("[\"a\"]".to_string()),
        "[ -~\t]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn parse_never_panics(text in dockerfile_text()) {
        let _ = parse(&text);
    }

    #[test]
    fn parse_never_panics_on_any_string(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn expansion_never_panics(word in "[a-z${}:+?\\-'\"\\\\`_ ]{0,30}") {
        let scope: BTreeMap<String, String> = [("a".to_string(), "x y".to_string())].into();
        let _ = expand_word(&word, &scope, '\\');
        let _ = expand_word(&word, &scope, '`');
        if let Ok(df) = parse(&format!("FROM x\nENV {word}\nCOPY {word} /d\nEXPOSE {word}\n")) {
            for step in &df.stages[0].steps {
                let _ = step.instruction.expand(&scope, '\\');
            }
        }
    }

    #[test]
    fn plain_words_expand_to_themselves(word in "[^$'\"\\\\]{0,40}") {
        let scope = BTreeMap::new();
        let once = expand_word(&word, &scope, '\\').unwrap();
        prop_assert_eq!(&once, &word);
        prop_assert_eq!(expand_word(&once, &scope, '\\').unwrap(), once);
    }

    #[test]
    fn heredoc_bodies_without_dollar_or_backslash_are_kept(body in "[^$\\\\]{0,60}") {
        let scope = BTreeMap::new();
        prop_assert_eq!(expand_heredoc(&body, &scope).unwrap(), body);
    }

    #[test]
    fn heredoc_expansion_never_panics(body in "[a-z${}:+?\\-'\"\\\\\n_ ]{0,40}") {
        let scope: BTreeMap<String, String> = [("a".to_string(), "x y".to_string())].into();
        let _ = expand_heredoc(&body, &scope);
    }

    #[test]
    fn ignore_never_panics(pattern in "[!a-z*?/.\\[\\]\\\\^-]{0,12}", path in "[a-z/.]{0,16}") {
        if let Ok(m) = Matcher::new([pattern.as_str()]) {
            let _ = m.excludes(&path);
        }
    }
}

/// A plan with line numbers and step texts dropped, to compare a file with its printed form.
fn lineless(df: &crate::Dockerfile) -> crate::Dockerfile {
    let mut df = df.clone();
    for stage in &mut df.stages {
        stage.line = 0;
        for step in &mut stage.steps {
            step.line = 0;
            step.text.clear();
        }
    }
    df
}

/// Files of plausible instruction lines with random arguments (no carriage returns: a lone
/// `\r` ending a line does not survive `str::lines`), so most of them parse.
fn printable_dockerfile_text() -> impl Strategy<Value = String> {
    let keyword = prop::sample::select(vec![
        "FROM",
        "run",
        "CMD",
        "ENTRYPOINT",
        "ENV",
        "ARG",
        "LABEL",
        "EXPOSE",
        "VOLUME",
        "USER",
        "WORKDIR",
        "COPY",
        "ADD",
        "SHELL",
        "STOPSIGNAL",
        "HEALTHCHECK",
        "ONBUILD",
        "MAINTAINER",
    ]);
    let arg = prop::sample::select(vec![
        "a",
        "b=c",
        "\"x y\"",
        "'q'",
        "$V",
        "${V:-d}",
        "\\",
        "\\\n",
        "\n",
        "<<EOF\nbody\nEOF\n",
        "<<-'T'\n\tt\n\tT\n",
        "--mount=type=cache,target=/c",
        "--mount=type=secret,id=s",
        "--network=none",
        "--from=x",
        "--link",
        "--chmod=644",
        "--interval=2s",
        "--timeout=1m30.25s",
        "--start-period=250ms",
        "--retries=3",
        "CMD",
        "NONE",
        "AS",
        "[\"j\", \"k\"]",
        "[",
        "]",
        "=",
        "-- ",
        "# c",
        "\t",
        "/d",
    ]);
    let line = (keyword, prop::collection::vec(arg, 0..4), "[ -~]{0,4}")
        .prop_map(|(k, args, tail)| format!("{k} {} {tail}", args.join(" ")));
    prop::collection::vec(line, 0..5).prop_map(|lines| format!("FROM base\n{}\n", lines.join("\n")))
}

proptest! {
    // About 40% of these files parse; 2000 cases print and reparse several hundred plans.
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn printed_plan_reparses_to_the_same_plan(text in printable_dockerfile_text()) {
        if let Ok(df) = parse(&text) {
            let printed = df.to_string();
            // A line left ending in the escape character (`RUN a \\` at the end of the file)
            // cannot be written back without continuing onto the next line, in docker too.
            prop_assume!(!printed
                .lines()
                .any(|l| l.trim_end_matches([' ', '\t']).ends_with(df.escape)));
            let again = parse(&printed).map_err(|e| TestCaseError::fail(format!("{e}\n{printed}")))?;
            prop_assert_eq!(lineless(&again), lineless(&df), "printed:\n{}", printed);
        }
    }
}

/// Durations print as Go's `time.Duration` does, as docker's and buildah's history shows them.
#[test]
fn durations_print_as_go_does() {
    use std::time::Duration;
    let cases = [
        (Duration::ZERO, "0s"),
        (Duration::from_nanos(7), "7ns"),
        (Duration::from_nanos(1_500), "1.5\u{b5}s"),
        (Duration::from_millis(250), "250ms"),
        (Duration::from_micros(1_250), "1.25ms"),
        (Duration::from_secs(5), "5s"),
        (Duration::from_millis(1_500), "1.5s"),
        (Duration::from_secs(90), "1m30s"),
        (Duration::from_secs(120), "2m0s"),
        (Duration::from_secs(3_600), "1h0m0s"),
        (Duration::from_nanos(3_723_000_000_001), "1h2m3.000000001s"),
    ];
    for (d, text) in cases {
        assert_eq!(crate::display::go_duration_text(d), text);
    }
}

proptest! {
    #[test]
    fn printed_durations_parse_back_exactly(nanos in 0u64..400_000_000_000_000) {
        let d = std::time::Duration::from_nanos(nanos);
        let text = crate::display::go_duration_text(d);
        prop_assert_eq!(crate::parse::go_duration(&text), Some(d), "{}", text);
    }
}

/// proptest found it: an ENV whose open quote swallows the rest of the line prints back as
/// `key=value`, which reads back the same.
#[test]
fn an_env_key_with_an_open_quote_prints_back_the_same() {
    let text = "FROM base\nENV  '\\\nFROM --mount=type=cache,target=/c A\n";
    let df = parse(text).unwrap();
    let again = parse(&df.to_string()).unwrap();
    assert_eq!(lineless(&again), lineless(&df), "{df}");
}
