//! The keys of a Quadlet file's own section (`[Container]`, `[Volume]`, ...), taken one by one
//! by the translator; whatever it does not take is an error naming its line.

use super::unit_file::{Entry, Section};
use super::words;
use super::QuadletError;

/// The entries of one section, each marked once the translator has used it.
pub struct Keys {
    file: String,
    section: String,
    entries: Vec<Entry>,
    used: Vec<bool>,
}

impl Keys {
    /// Wraps the section `section` of file `file`.
    pub fn new(file: &str, section: Section) -> Keys {
        Keys {
            file: file.to_string(),
            used: vec![false; section.entries.len()],
            section: section.name,
            entries: section.entries,
        }
    }

    /// Every entry of `key`, in file order; an empty value clears those before it, as in
    /// systemd's list settings.
    pub fn all(&mut self, key: &str) -> Vec<Entry> {
        let mut out = Vec::new();
        for (e, used) in self.entries.iter().zip(self.used.iter_mut()) {
            if e.key == key {
                *used = true;
                if e.value.is_empty() {
                    out.clear();
                } else {
                    out.push(e.clone());
                }
            }
        }
        out
    }

    /// The last value of `key` (a later line overrides an earlier one).
    pub fn last(&mut self, key: &str) -> Option<Entry> {
        self.all(key).pop()
    }

    /// The last value of `key` as a string.
    pub fn value(&mut self, key: &str) -> Option<String> {
        self.last(key).map(|e| e.value)
    }

    /// The last value of `key` read as a systemd boolean.
    pub fn bool(&mut self, key: &str) -> Result<Option<bool>, QuadletError> {
        let Some(e) = self.last(key) else {
            return Ok(None);
        };
        match e.value.to_ascii_lowercase().as_str() {
            "1" | "yes" | "true" | "on" => Ok(Some(true)),
            "0" | "no" | "false" | "off" => Ok(Some(false)),
            _ => Err(self.error(
                &e,
                format!("{key}={} is not a boolean: use true or false", e.value),
            )),
        }
    }

    /// Every value of `key` split into words with systemd's quoting.
    pub fn words(&mut self, key: &str) -> Result<Vec<String>, QuadletError> {
        let mut out = Vec::new();
        for e in self.all(key) {
            out.extend(self.split(&e)?);
        }
        Ok(out)
    }

    /// The words of one entry's value.
    pub fn split(&self, e: &Entry) -> Result<Vec<String>, QuadletError> {
        words::split(&e.value)
            .ok_or_else(|| self.error(e, format!("{}= has an unclosed quote", e.key)))
    }

    /// Appends `FLAG=VALUE` for the keys of three `(key, flag)` tables: `each` a flag per
    /// line, `words` a flag per word of every line, `once` a flag for the last line.
    pub fn push_flags(
        &mut self,
        each: &[(&str, &str)],
        words: &[(&str, &str)],
        once: &[(&str, &str)],
        out: &mut Vec<String>,
    ) -> Result<(), QuadletError> {
        for (key, flag) in each {
            for e in self.all(key) {
                out.push(format!("{flag}={}", e.value));
            }
        }
        for (key, flag) in words {
            for w in self.words(key)? {
                out.push(format!("{flag}={w}"));
            }
        }
        for (key, flag) in once {
            if let Some(v) = self.value(key) {
                out.push(format!("{flag}={v}"));
            }
        }
        Ok(())
    }

    /// An error at the line of `e`.
    pub fn error(&self, e: &Entry, reason: String) -> QuadletError {
        QuadletError::at(&self.file, e.line, reason)
    }

    /// Fails on the first key no caller took: `unsupported` lists podman's keys that skiff
    /// cannot honour (a different message), any other key is unknown.
    pub fn finish(self, unsupported: &[&str]) -> Result<(), QuadletError> {
        let Some(i) = self.used.iter().position(|u| !u) else {
            return Ok(());
        };
        let e = &self.entries[i];
        let reason = if unsupported.contains(&e.key.as_str()) {
            format!(
                "{}= in [{}] is a podman Quadlet key that skiff does not support yet; remove it",
                e.key, self.section
            )
        } else {
            format!(
                "unknown key {}= in [{}]; see the Quadlet section of skiff's README for the keys",
                e.key, self.section
            )
        };
        Err(QuadletError::at(&self.file, e.line, reason))
    }
}
