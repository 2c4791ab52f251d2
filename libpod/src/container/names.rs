//! Random container names in docker's `adjective_surname` style.

use rand::seq::SliceRandom;

const ADJECTIVES: &[&str] = &[
    "agile", "amber", "bold", "brave", "bright", "calm", "clever", "cosmic", "crisp", "curious",
    "daring", "eager", "earnest", "fancy", "fervent", "gentle", "glad", "happy", "hardy", "humble",
    "jolly", "keen", "kind", "lively", "loyal", "lucid", "merry", "mighty", "modest", "nimble",
    "noble", "patient", "plucky", "proud", "quick", "quiet", "rapid", "serene", "sharp", "sleepy",
    "smart", "snappy", "steady", "stoic", "sunny", "swift", "tender", "tidy", "upbeat", "vivid",
    "warm", "wise", "witty", "zealous",
];

const SURNAMES: &[&str] = &[
    "agnesi",
    "babbage",
    "bardeen",
    "bohr",
    "boole",
    "cannon",
    "carson",
    "cori",
    "curie",
    "darwin",
    "dijkstra",
    "einstein",
    "euler",
    "faraday",
    "fermi",
    "feynman",
    "franklin",
    "gauss",
    "goodall",
    "hamilton",
    "hawking",
    "hopper",
    "hypatia",
    "johnson",
    "kepler",
    "knuth",
    "lamarr",
    "liskov",
    "lovelace",
    "maxwell",
    "meitner",
    "mendel",
    "newton",
    "noether",
    "pascal",
    "pasteur",
    "planck",
    "ritchie",
    "sagan",
    "shannon",
    "somerville",
    "thompson",
    "tesla",
    "torvalds",
    "turing",
    "volta",
    "wozniak",
    "wright",
    "yonath",
];

/// A fresh `adjective_surname` name; `taken` says whether a candidate is in use.
pub fn random_name(mut taken: impl FnMut(&str) -> bool) -> String {
    let mut rng = rand::thread_rng();
    for attempt in 0.. {
        let adj = ADJECTIVES.choose(&mut rng).expect("non-empty list");
        let sur = SURNAMES.choose(&mut rng).expect("non-empty list");
        let name = if attempt < 10 {
            format!("{adj}_{sur}")
        } else {
            format!("{adj}_{sur}{}", attempt)
        };
        if !taken(&name) {
            return name;
        }
    }
    unreachable!("the loop only ends by returning")
}

/// True when `name` is a valid container name: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, as docker.
pub fn is_valid(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_have_docker_shape_and_avoid_taken_ones() {
        let first = random_name(|_| false);
        assert!(first.contains('_') && is_valid(&first));
        let mut calls = 0;
        let second = random_name(|_| {
            calls += 1;
            calls < 15
        });
        assert!(is_valid(&second));
    }

    #[test]
    fn validates_names() {
        assert!(is_valid("web-1.a_b"));
        assert!(!is_valid("-web"));
        assert!(!is_valid(""));
        assert!(!is_valid("a/b"));
    }
}
