//! systemd's unit-file syntax (systemd.syntax(7)): `[Section]` headers, `Key=Value` lines,
//! `#`/`;` comments and backslash continuations. Every entry keeps its line number so that an
//! error can say `file:line`.

use super::QuadletError;

/// One `Key=Value` line of a section, as written (continuations joined).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key, e.g. `PublishPort`.
    pub key: String,
    /// The value with surrounding whitespace removed.
    pub value: String,
    /// The 1-based line the entry starts on.
    pub line: usize,
}

/// A `[Section]` and its entries in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The name between the brackets.
    pub name: String,
    /// The entries in file order (a key may repeat).
    pub entries: Vec<Entry>,
}

/// A parsed unit file: its sections in file order (a section named twice is merged into the
/// first, as systemd reads it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitFile {
    /// The sections in the order they first appear.
    pub sections: Vec<Section>,
}

impl UnitFile {
    /// Parses unit-file text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<UnitFile, QuadletError> {
        let mut unit = UnitFile::default();
        let mut current: Option<usize> = None;
        let mut lines = text.lines().enumerate();
        while let Some((i, raw)) = lines.next() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[') {
                let name = name.strip_suffix(']').ok_or_else(|| {
                    QuadletError::at(file, i + 1, format!("{line:?} is not a [Section] header"))
                })?;
                current = Some(unit.section_index(name));
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(QuadletError::at(
                    file,
                    i + 1,
                    format!("{line:?} is neither a [Section] nor a Key=Value line"),
                ));
            };
            let Some(section) = current else {
                return Err(QuadletError::at(
                    file,
                    i + 1,
                    format!("{key:?} comes before any [Section] header"),
                ));
            };
            let mut value = value.trim().to_string();
            while value.ends_with('\\') {
                value.pop();
                value.push(' ');
                // Comment lines inside a continuation are skipped, as systemd does.
                match lines.find(|(_, l)| !l.trim_start().starts_with(['#', ';'])) {
                    Some((_, next)) => value.push_str(next.trim()),
                    None => break,
                }
            }
            unit.sections[section].entries.push(Entry {
                key: key.trim().to_string(),
                value: value.trim().to_string(),
                line: i + 1,
            });
        }
        Ok(unit)
    }

    fn section_index(&mut self, name: &str) -> usize {
        if let Some(i) = self.sections.iter().position(|s| s.name == name) {
            return i;
        }
        self.sections.push(Section {
            name: name.to_string(),
            entries: Vec::new(),
        });
        self.sections.len() - 1
    }

    /// The section called `name`, if the file has it.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// Appends an entry to section `name` (created at the end when missing).
    pub fn add(&mut self, section: &str, key: &str, value: impl Into<String>) {
        let i = self.section_index(section);
        self.sections[i].entries.push(Entry {
            key: key.to_string(),
            value: value.into(),
            line: 0,
        });
    }

    /// True when section `name` sets `key`.
    pub fn has(&self, section: &str, key: &str) -> bool {
        self.section(section)
            .is_some_and(|s| s.entries.iter().any(|e| e.key == key))
    }

    /// Removes section `name` and returns it.
    pub fn take(&mut self, name: &str) -> Option<Section> {
        let i = self.sections.iter().position(|s| s.name == name)?;
        Some(self.sections.remove(i))
    }

    /// The unit as text: each section, then its entries, one per line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.sections.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&format!("[{}]\n", s.name));
            for e in &s.entries {
                out.push_str(&format!("{}={}\n", e.key, e.value));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sections_entries_comments_and_continuations() {
        let u = UnitFile::parse(
            "web.container",
            "# top\n[Unit]\nDescription = web  \n\n[Container]\nImage=busybox\n; c\nExec=httpd \\\n# skipped\n  -f -p 80\n[Unit]\nAfter=a.service\n",
        )
        .unwrap();
        assert_eq!(u.sections.len(), 2);
        let unit = u.section("Unit").unwrap();
        assert_eq!(unit.entries[0].value, "web");
        assert_eq!(unit.entries[1].key, "After");
        let c = u.section("Container").unwrap();
        assert_eq!(c.entries[1].value, "httpd  -f -p 80");
        assert_eq!(c.entries[1].line, 8);
        assert!(u.has("Container", "Image"));
        let again = UnitFile::parse("f", &u.text()).unwrap();
        let pairs = |u: &UnitFile| -> Vec<(String, String, String)> {
            u.sections
                .iter()
                .flat_map(|s| {
                    s.entries
                        .iter()
                        .map(|e| (s.name.clone(), e.key.clone(), e.value.clone()))
                })
                .collect()
        };
        assert_eq!(pairs(&again), pairs(&u));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = UnitFile::parse("x.container", "[Container]\nImage\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.container:2: \"Image\" is neither a [Section] nor a Key=Value line"
        );
        let e = UnitFile::parse("x.container", "Image=a\n").unwrap_err();
        assert!(e.to_string().starts_with("x.container:1:"), "{e}");
        let e = UnitFile::parse("x.container", "[Container\n").unwrap_err();
        assert!(e.to_string().contains("header"), "{e}");
    }
}
