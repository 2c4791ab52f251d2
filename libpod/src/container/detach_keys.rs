//! Docker's `--detach-keys`: the key sequence that detaches an attached client from a container
//! (ctrl-p ctrl-q unless given), parsed from docker's notation and spotted in the caller's input.

use crate::error::{Error, Result};

/// Docker's default detach sequence.
pub const DEFAULT_DETACH_KEYS: &str = "ctrl-p,ctrl-q";

/// A parsed detach sequence; empty when detaching is disabled (`--detach-keys ""`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetachKeys {
    keys: Vec<u8>,
}

impl Default for DetachKeys {
    fn default() -> Self {
        DetachKeys {
            keys: vec![0x10, 0x11],
        }
    }
}

/// The byte for one key of docker's notation: a single character, or `ctrl-` and one of
/// `a`-`z`, `@`, `[`, `\`, `]`, `^`, `_`.
fn key_byte(key: &str) -> Option<u8> {
    if let [b] = key.as_bytes() {
        return Some(*b);
    }
    let c = key.strip_prefix("ctrl-")?;
    match c.as_bytes() {
        [b @ b'a'..=b'z'] => Some(b - b'a' + 1),
        [b'@'] => Some(0),
        [b @ (b'[' | b'\\' | b']' | b'^' | b'_')] => Some(b - b'[' + 27),
        _ => None,
    }
}

impl DetachKeys {
    /// Parses docker's comma-separated notation (`ctrl-p,ctrl-q`, `ctrl-x,x`, `ctrl-a`); an
    /// empty string disables detaching.
    pub fn parse(spec: &str) -> Result<DetachKeys> {
        if spec.is_empty() {
            return Ok(DetachKeys { keys: Vec::new() });
        }
        let keys = spec
            .split(',')
            .map(|k| {
                key_byte(k).ok_or_else(|| {
                    Error::InvalidArgument(format!(
                        "invalid detach keys {spec:?}: {k:?} is not a key; give keys separated by \
                         commas, each a single character or ctrl-<a-z, @, [, \\, ], ^ or _> \
                         (the default is {DEFAULT_DETACH_KEYS:?}; \"\" disables detaching)"
                    ))
                })
            })
            .collect::<Result<Vec<u8>>>()?;
        Ok(DetachKeys { keys })
    }

    /// The sequence's bytes (empty: detaching disabled).
    pub fn bytes(&self) -> &[u8] {
        &self.keys
    }

    /// A matcher that watches a stream of input for this sequence.
    pub fn matcher(&self) -> DetachMatcher<'_> {
        DetachMatcher {
            keys: &self.keys,
            held: 0,
        }
    }
}

/// Watches the caller's input for the detach sequence. Bytes that may start the sequence are
/// held back until it is complete (detach) or broken (they are passed on), as docker does.
#[derive(Debug)]
pub struct DetachMatcher<'a> {
    keys: &'a [u8],
    held: usize,
}

impl DetachMatcher<'_> {
    /// Feeds `data`; appends to `out` what goes on to the container and returns true when the
    /// sequence completed (what followed it in `data` is dropped).
    pub fn feed(&mut self, data: &[u8], out: &mut Vec<u8>) -> bool {
        for &b in data {
            if self.keys.is_empty() {
                out.push(b);
                continue;
            }
            if b == self.keys[self.held] {
                self.held += 1;
                if self.held == self.keys.len() {
                    self.held = 0;
                    return true;
                }
                continue;
            }
            out.extend_from_slice(&self.keys[..self.held]);
            self.held = 0;
            if b == self.keys[0] {
                self.held = 1;
                if self.keys.len() == 1 {
                    self.held = 0;
                    return true;
                }
            } else {
                out.push(b);
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(spec: &str, input: &[u8]) -> (Vec<u8>, bool) {
        let keys = DetachKeys::parse(spec).unwrap();
        let mut m = keys.matcher();
        let mut out = Vec::new();
        let done = m.feed(input, &mut out);
        (out, done)
    }

    #[test]
    fn parses_docker_notation() {
        assert_eq!(
            DetachKeys::parse("ctrl-p,ctrl-q").unwrap().bytes(),
            [16, 17]
        );
        assert_eq!(DetachKeys::default().bytes(), [16, 17]);
        assert_eq!(DetachKeys::parse("ctrl-x,x").unwrap().bytes(), [24, b'x']);
        assert_eq!(DetachKeys::parse("ctrl-a").unwrap().bytes(), [1]);
        assert_eq!(DetachKeys::parse("ctrl-z").unwrap().bytes(), [26]);
        assert_eq!(
            DetachKeys::parse("ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_")
                .unwrap()
                .bytes(),
            [0, 27, 28, 29, 30, 31]
        );
        assert_eq!(DetachKeys::parse("a,b,c").unwrap().bytes(), b"abc");
        assert!(DetachKeys::parse("").unwrap().bytes().is_empty());
    }

    #[test]
    fn refuses_what_is_not_a_key() {
        for bad in [
            "ctrl-xx", "foo", "ctrl-", "ctrl-P", "ctrl-1", "a,,b", ",", "ctrl-p,",
        ] {
            let err = DetachKeys::parse(bad).unwrap_err().to_string();
            assert!(err.contains("invalid detach keys"), "{bad}: {err}");
            assert!(matches!(
                DetachKeys::parse(bad),
                Err(Error::InvalidArgument(_))
            ));
        }
    }

    #[test]
    fn detaches_on_the_whole_sequence_only() {
        assert_eq!(
            run("ctrl-p,ctrl-q", b"ls\r\x10\x11rest"),
            (b"ls\r".to_vec(), true)
        );
        assert_eq!(run("ctrl-p,ctrl-q", b"a\x10b"), (b"a\x10b".to_vec(), false));
        assert_eq!(
            run("ctrl-p,ctrl-q", b"\x10\x10\x11"),
            (b"\x10".to_vec(), true)
        );
        assert_eq!(run("ctrl-a", b"xy\x01z"), (b"xy".to_vec(), true));
        assert_eq!(run("", b"\x10\x11"), (b"\x10\x11".to_vec(), false));
        assert_eq!(run("ctrl-x,x", b"x\x18x"), (b"x".to_vec(), true));
    }

    #[test]
    fn a_sequence_split_across_reads_still_detaches() {
        let keys = DetachKeys::default();
        let mut m = keys.matcher();
        let mut out = Vec::new();
        assert!(!m.feed(b"ab\x10", &mut out));
        assert_eq!(out, b"ab");
        assert!(m.feed(b"\x11", &mut out));
        assert_eq!(out, b"ab");
        // A held ctrl-p that the next read breaks is passed on.
        let mut m = keys.matcher();
        let mut out = Vec::new();
        assert!(!m.feed(b"\x10", &mut out));
        assert!(!m.feed(b"c", &mut out));
        assert_eq!(out, b"\x10c");
    }
}
