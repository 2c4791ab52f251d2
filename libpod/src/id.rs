//! Object ids: new random ones (for containers, pods, networks, volumes and scratch
//! directories) and finding an object by name or unique id prefix.

use rand::RngCore;

use crate::error::{Error, Result};

/// A new random id: 64 lower-case hex digits.
pub fn new_id() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The range of ids (lowercase hex) that start with `prefix`: `prefix <= id < prefix + "g"`, a
/// range the primary key's index answers (a `LIKE 'prefix%'` scans the table: `rm` of
/// thousands of short ids was quadratic).
pub(crate) fn prefix_bounds(prefix: &str) -> [String; 2] {
    let low = prefix.to_ascii_lowercase();
    let high = format!("{low}g");
    [low, high]
}

/// The one object `name` names by docker's rules: the one called `name` (`by_name`), else,
/// when `name` is hex, the one whose id starts with it (`by_prefix` answers for the
/// [`prefix_bounds`] of `name`). `None` when nothing matches; more than one match is
/// [`Error::Ambiguous`] for `kind`, naming `asked` (what the user typed).
pub(crate) fn by_name_or_prefix<T>(
    name: &str,
    asked: &str,
    kind: &'static str,
    by_name: impl FnOnce() -> Result<Option<T>>,
    by_prefix: impl FnOnce([String; 2]) -> Result<Vec<T>>,
) -> Result<Option<T>> {
    if let Some(found) = by_name()? {
        return Ok(Some(found));
    }
    if !name.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let mut found = by_prefix(prefix_bounds(name))?;
    match found.len() {
        0 | 1 => Ok(found.pop()),
        count => Err(Error::Ambiguous {
            kind,
            name: asked.to_string(),
            count,
        }),
    }
}
