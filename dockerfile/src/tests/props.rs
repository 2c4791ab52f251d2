use std::collections::BTreeMap;

use proptest::prelude::*;

use crate::ignore::Matcher;
use crate::parse;
use crate::subst::expand_word;

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
    fn ignore_never_panics(pattern in "[!a-z*?/.\\[\\]\\\\^-]{0,12}", path in "[a-z/.]{0,16}") {
        if let Ok(m) = Matcher::new([pattern.as_str()]) {
            let _ = m.excludes(&path);
        }
    }
}
