//! Splitting a value into words and quoting words back, with the rules systemd applies to
//! `ExecStart=` and `Environment=` (systemd.syntax(7), "Quoting"): whitespace separates words,
//! single or double quotes group them, and a backslash escapes the next character (`\n`, `\t`
//! and `\\` as in C, `\xNN` for a byte). Hand-written because no maintained crate implements
//! systemd's variant; shell-word crates differ on escapes inside single quotes and on `\n`.
//! skiff's `generate systemd` quotes with [`quote`] too.

/// Splits `value` into words; `None` when a quote is left open or an escape is malformed.
pub fn split(value: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Some(words);
        }
        // Bytes, since `\xNN` escapes may spell one character over several.
        let mut word = Vec::new();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            let c = match c {
                '\\' => match chars.next()? {
                    'x' => {
                        let hex: String = [chars.next()?, chars.next()?].iter().collect();
                        word.push(u8::from_str_radix(&hex, 16).ok()?);
                        continue;
                    }
                    e => unescape(e),
                },
                '"' | '\'' if quote == Some(c) => {
                    quote = None;
                    continue;
                }
                '"' | '\'' if quote.is_none() => {
                    quote = Some(c);
                    continue;
                }
                c if c.is_whitespace() && quote.is_none() => break,
                c => c,
            };
            word.extend_from_slice(c.encode_utf8(&mut [0u8; 4]).as_bytes());
        }
        if quote.is_some() {
            return None;
        }
        words.push(String::from_utf8(word).ok()?);
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

/// Quotes `word` so that [`split`] (and systemd) reads it back as one word: in double quotes
/// with C escapes when it has whitespace, quotes, a backslash, a `;` or control characters, or
/// is empty. `%` specifiers and `$VAR` references are kept for systemd to expand, as in a
/// hand-written unit (callers that want them literal double them first).
pub fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && !word
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '\\' | ';'));
    if plain {
        return word.to_string();
    }
    let mut out = String::from("\"");
    for c in word.chars() {
        let letter = match c {
            '"' | '\\' => Some(c),
            '\n' => Some('n'),
            '\t' => Some('t'),
            _ => None,
        };
        if let Some(l) = letter {
            out.extend(['\\', l]);
        } else if c.is_control() {
            for b in c.encode_utf8(&mut [0u8; 4]).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            out.push(c);
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
        assert_eq!(quote("a\rb\u{85}"), r#""a\x0db\xc2\x85""#);
        assert_eq!(split(r#""a\x0db\xc2\x85""#).unwrap(), ["a\rb\u{85}"]);
        assert_eq!(split(r"\xz1"), None);
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
