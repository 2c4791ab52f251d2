//! podman's `container runlabel`: the command an image's label describes, as the host runs
//! it. The label's value is split into words as a POSIX shell does (no shell runs it); in the
//! words after the first, `IMAGE` and `NAME` (also `$IMAGE`, `${IMAGE}`, `=IMAGE` at a word's
//! end) become the image and the container name, and `$PWD`/`${PWD}` the working directory.
//! A first word `docker` or `podman` means this program. Pure: no I/O.

/// What a label asks the host to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelCommand {
    /// The first word named docker or podman (or skiff): the caller runs itself.
    pub engine: bool,
    /// The words: the program (left out when `engine`) and its arguments, the caller's
    /// extra arguments last.
    pub words: Vec<String>,
}

/// The values a label's placeholders take.
#[derive(Debug, Clone, Copy)]
pub struct Placeholders<'a> {
    /// `IMAGE`: the image as the user named it.
    pub image: &'a str,
    /// `NAME`: `--name`, else [`default_name`] of the image.
    pub name: &'a str,
    /// `PWD`: the caller's working directory.
    pub pwd: &'a str,
}

/// podman's default `NAME`: the image's repository's last component, without tag or digest
/// (`rl` for `localhost/rl:latest`).
pub fn default_name(image: &str) -> String {
    let no_digest = image.split_once('@').map_or(image, |(n, _)| n);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split_once(':').map_or(last, |(n, _)| n).to_string()
}

/// The command of label value `value` with `values` put in and `extra` appended; None when
/// the value is empty or its quotes do not close.
pub fn label_command(
    value: &str,
    values: Placeholders<'_>,
    extra: &[String],
) -> Option<LabelCommand> {
    let words = shlex::split(value)?;
    let (first, rest) = words.split_first()?;
    let program = first.rsplit('/').next().unwrap_or(first);
    let engine = matches!(program, "docker" | "podman" | "skiff");
    let mut out: Vec<String> = match engine {
        true => Vec::new(),
        false => vec![first.clone()],
    };
    out.extend(rest.iter().map(|w| substitute(w, values)));
    out.extend(extra.iter().cloned());
    Some(LabelCommand { engine, words: out })
}

/// One word with the placeholders put in.
fn substitute(word: &str, v: Placeholders<'_>) -> String {
    match word {
        "IMAGE" => return v.image.to_string(),
        "NAME" => return v.name.to_string(),
        _ => {}
    }
    let mut word = word.to_string();
    for (key, value) in [("IMAGE", v.image), ("NAME", v.name)] {
        if let Some(head) = word.strip_suffix(&format!("={key}")) {
            word = format!("{head}={value}");
        }
    }
    for (key, value) in [("IMAGE", v.image), ("NAME", v.name), ("PWD", v.pwd)] {
        word = word.replace(&format!("${{{key}}}"), value);
        word = replace_variable(&word, key, value);
    }
    word
}

/// `word` with each `$KEY` not followed by a character of a longer variable name replaced.
fn replace_variable(word: &str, key: &str, value: &str) -> String {
    let pattern = format!("${key}");
    let mut out = String::new();
    let mut rest = word;
    while let Some(at) = rest.find(&pattern) {
        let after = &rest[at + pattern.len()..];
        out.push_str(&rest[..at]);
        match after.chars().next() {
            Some(c) if c.is_ascii_alphanumeric() || c == '_' => out.push_str(&pattern),
            _ => out.push_str(value),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const V: Placeholders<'static> = Placeholders {
        image: "localhost/rl:latest",
        name: "rl",
        pwd: "/tmp",
    };

    fn words(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn podman_s_placeholders() {
        let c = label_command("podman run --rm --name NAME IMAGE echo $PWD hi", V, &[]).unwrap();
        assert!(c.engine);
        assert_eq!(
            c.words,
            words(&[
                "run",
                "--rm",
                "--name",
                "rl",
                "localhost/rl:latest",
                "echo",
                "/tmp",
                "hi"
            ])
        );
        let extra = words(&["a", "b"]);
        let c = label_command("/usr/bin/docker run ${IMAGE} echo =IMAGE $NAME", V, &extra).unwrap();
        assert!(c.engine);
        assert_eq!(
            c.words,
            words(&[
                "run",
                "localhost/rl:latest",
                "echo",
                "=localhost/rl:latest",
                "rl",
                "a",
                "b"
            ])
        );
        // Quotes group words; a longer variable name and another program stay as they are.
        let c = label_command("sh -c 'echo $IMAGE_ID ${NAME}-x' IMAGE=IMAGE", V, &[]).unwrap();
        assert!(!c.engine);
        assert_eq!(
            c.words,
            words(&[
                "sh",
                "-c",
                "echo $IMAGE_ID rl-x",
                "IMAGE=localhost/rl:latest"
            ])
        );
        assert_eq!(label_command("", V, &[]), None);
        assert_eq!(label_command("podman run 'open", V, &[]), None);
    }

    #[test]
    fn the_default_name_is_the_repository_s_last_part() {
        assert_eq!(default_name("localhost/rl:latest"), "rl");
        assert_eq!(default_name("127.0.0.1:5055/library/busybox"), "busybox");
        assert_eq!(default_name("busybox@sha256:abcd"), "busybox");
        assert_eq!(default_name("fedora"), "fedora");
    }

    proptest! {
        #[test]
        fn any_label_splits_or_is_refused_and_extra_words_come_last(
            value in ".{0,80}",
            extra in proptest::collection::vec("[a-z]{1,5}", 0..3),
        ) {
            if let Some(c) = label_command(&value, V, &extra) {
                prop_assert!(c.words.ends_with(&extra));
            }
        }
    }
}
