//! Splitting a value into words and quoting words back, with the rules systemd applies to
//! `ExecStart=` and `Environment=` (systemd.syntax(7), "Quoting"): whitespace separates words,
//! single or double quotes group them, and a backslash escapes the next character (`\n`, `\t`
//! and `\\` as in C). Hand-written because no maintained crate implements systemd's variant;
//! shell-word crates differ on escapes inside single quotes and on `\n`.

/// Splits `value` into words; `None` when a quote is left open.
pub fn split(value: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Some(words);
        }
        let mut word = String::new();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            match c {
                '\\' => word.push(unescape(chars.next()?)),
                '"' | '\'' if quote == Some(c) => quote = None,
                '"' | '\'' if quote.is_none() => quote = Some(c),
                c if c.is_whitespace() && quote.is_none() => break,
                c => word.push(c),
            }
        }
        if quote.is_some() {
            return None;
        }
        words.push(word);
    }
}

fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        other => other,
    }
}

/// Quotes `word` so that [`split`] (and systemd) reads it back as one word. `%` specifiers and
/// `$VAR` references are kept for systemd to expand, as in a hand-written unit.
pub fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && !word
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | ';'));
    if plain {
        return word.to_string();
    }
    let mut out = String::from("\"");
    for c in word.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The words quoted and joined by spaces: a command line systemd splits back into `words`.
pub fn join<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| quote(w.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_systemd() {
        assert_eq!(
            split(r#"sh -c "echo 'a b'" 'x"y' a\ b \n"#).unwrap(),
            ["sh", "-c", "echo 'a b'", "x\"y", "a b", "\n"]
        );
        assert_eq!(split("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split("\"\"").unwrap(), [""]);
        assert_eq!(split("\"open"), None);
        assert_eq!(split("trailing\\"), None);
    }

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(quote("--name=web"), "--name=web");
        assert_eq!(quote("%h/data:/data"), "%h/data:/data");
        assert_eq!(quote("a b"), "\"a b\"");
        assert_eq!(quote(""), "\"\"");
        assert_eq!(quote("say \"hi\"\n"), r#""say \"hi\"\n""#);
    }

    proptest::proptest! {
        /// Any list of words survives quoting and splitting.
        #[test]
        fn join_then_split_round_trips(words in proptest::collection::vec("\\PC{0,12}", 0..6)) {
            proptest::prop_assert_eq!(split(&join(&words)), Some(words));
        }

        /// No value makes the splitter panic.
        #[test]
        fn split_never_panics(s in "\\PC{0,40}") {
            let _ = split(&s);
        }
    }
}
