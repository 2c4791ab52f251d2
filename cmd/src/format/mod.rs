//! Docker-compatible output: `--format` Go templates ([`Template`]), `table` output aligned like
//! Go's tabwriter ([`render_rows`]), human-readable sizes, durations and statuses ([`units`]),
//! the `PORTS` column ([`ports`]) and `--filter` parsing ([`filter`]).
//!
//! A list command calls [`FormatSpec::parse`] on its `--format` value, then [`render_rows`] with
//! its default table template, a [`HeaderMap`] and one JSON object per row. `inspect -f` parses a
//! [`Template`] and renders each object, printing a newline after each.

pub mod filter;
mod funcs;
mod gofmt;
pub mod ports;
#[cfg(test)]
mod proptests;
pub mod table;
pub mod template;
pub mod units;

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::Write;

pub use filter::{FilterError, Filters};
pub use gofmt::go_quote;
pub use template::{Template, TemplateError};

/// An error while writing formatted output.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The `--format` template is invalid or failed on a row.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// Writing to the output failed.
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
}

/// What the user asked for with `--format`.
#[derive(Debug, Clone)]
pub enum FormatSpec {
    /// No `--format`: the command's default table.
    Default,
    /// `table` (the default columns) or `table TEMPLATE`: a header row and aligned columns.
    Table(Option<Template>),
    /// `json`: one compact JSON object per line.
    Json,
    /// Any other template: rendered once per row, one line each, no header, no alignment.
    Template(Template),
}

impl FormatSpec {
    /// Parses a `--format` value the way docker does: a `table` prefix selects table output,
    /// surrounding spaces are dropped and the two-character sequences `\t` and `\n` (as typed in
    /// a shell's single quotes) become a tab and a newline.
    pub fn parse(format: Option<&str>) -> Result<FormatSpec, TemplateError> {
        let Some(format) = format else {
            return Ok(FormatSpec::Default);
        };
        if format.trim() == "json" {
            return Ok(FormatSpec::Json);
        }
        if format.trim().is_empty() {
            return Ok(FormatSpec::Default);
        }
        match format.strip_prefix("table") {
            Some(rest) => {
                let rest = unescape(rest.trim_matches(' '));
                if rest.trim().is_empty() {
                    Ok(FormatSpec::Table(None))
                } else {
                    Ok(FormatSpec::Table(Some(Template::parse(&rest)?)))
                }
            }
            None => Ok(FormatSpec::Template(Template::parse(&unescape(
                format.trim_matches(' '),
            ))?)),
        }
    }

    /// The top-level row fields this format reads (`default_table` when none was given), or
    /// None when it may read every field (`json`, `{{json .}}`, variables, `range`...).
    pub fn root_fields(&self, default_table: &str) -> Option<Vec<String>> {
        match self {
            FormatSpec::Json => None,
            FormatSpec::Table(Some(t)) | FormatSpec::Template(t) => t.root_fields(),
            FormatSpec::Default | FormatSpec::Table(None) => {
                let src = default_table.strip_prefix("table").unwrap_or(default_table);
                Template::parse(&unescape(src.trim_matches(' ')))
                    .ok()?
                    .root_fields()
            }
        }
    }

    /// Whether the template (or the default table) reads the top-level `field` by name: a
    /// field shown only when asked for (podman's beside docker's); never for `json`.
    pub fn names(&self, default_table: &str, field: &str) -> bool {
        self.root_fields(default_table)
            .is_some_and(|f| f.iter().any(|f| f == field))
    }

    /// Fails, as Go does on a row struct, when the template reads a top-level field outside
    /// `known` (see [`Template::check_fields`]); the default table and `json` always pass.
    pub fn check_fields(&self, known: &[&str], type_name: &str) -> Result<(), TemplateError> {
        match self {
            FormatSpec::Table(Some(t)) | FormatSpec::Template(t) => {
                t.check_fields(known, type_name)
            }
            FormatSpec::Default | FormatSpec::Table(None) | FormatSpec::Json => Ok(()),
        }
    }
}

/// Docker's replacement of the literal sequences `\t` and `\n` in `--format` values.
pub fn unescape(format: &str) -> String {
    format.replace("\\t", "\t").replace("\\n", "\n")
}

/// Column headers of a command's table: field name (`ID`, `Names`) to header (`CONTAINER ID`,
/// `NAMES`). Fields without an entry get their name split at case changes and upper-cased
/// (`CreatedAt` gives `CREATED AT`), as docker's headers read.
#[derive(Debug, Clone, Default)]
pub struct HeaderMap {
    map: BTreeMap<String, String>,
}

impl HeaderMap {
    /// Builds a map from `(field, header)` pairs.
    pub fn new(pairs: &[(&str, &str)]) -> HeaderMap {
        HeaderMap {
            map: pairs
                .iter()
                .map(|(f, h)| (f.to_string(), h.to_string()))
                .collect(),
        }
    }

    /// The header for `field`.
    pub fn get(&self, field: &str) -> String {
        if let Some(h) = self.map.get(field) {
            return h.clone();
        }
        let mut out = String::new();
        let chars: Vec<char> = field.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let boundary = i > 0
                && c.is_uppercase()
                && (chars[i - 1].is_lowercase()
                    || chars.get(i + 1).is_some_and(|n| n.is_lowercase())
                        && chars[i - 1].is_uppercase());
            if boundary {
                out.push(' ');
            }
            out.extend(c.to_uppercase());
        }
        out
    }

    /// The value the header row is rendered from: every field path the template reads maps to
    /// its header (nested paths become nested objects).
    fn header_row(&self, template: &Template) -> Value {
        let mut root = Map::new();
        for path in template.fields() {
            insert_header(&mut root, &path, self);
        }
        Value::Object(root)
    }
}

fn insert_header(obj: &mut Map<String, Value>, path: &[String], headers: &HeaderMap) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        obj.entry(first.clone())
            .or_insert_with(|| Value::String(headers.get(first)));
        return;
    }
    let slot = obj
        .entry(first.clone())
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    if let Value::Object(inner) = slot {
        insert_header(inner, rest, headers);
    }
}

/// Writes `rows` as `format` asks: tables get a header line (from `headers`) and aligned
/// columns; `default_table` is the command's default template, with or without the leading
/// `table` (e.g. `"table {{.ID}}\t{{.Image}}\t{{.Names}}"`).
pub fn render_rows(
    format: &FormatSpec,
    default_table: &str,
    headers: &HeaderMap,
    rows: &[Value],
    out: &mut impl Write,
) -> Result<(), FormatError> {
    let default;
    let table = match format {
        FormatSpec::Json => {
            for row in rows {
                writeln!(out, "{}", gofmt::json_string(row))?;
            }
            return Ok(());
        }
        FormatSpec::Template(t) => {
            let mut buf = String::new();
            for row in rows {
                buf.push_str(&t.render(row)?);
                buf.push('\n');
            }
            out.write_all(buf.as_bytes())?;
            return Ok(());
        }
        FormatSpec::Table(Some(t)) => t,
        FormatSpec::Default | FormatSpec::Table(None) => {
            let src = default_table.strip_prefix("table").unwrap_or(default_table);
            default = Template::parse(&unescape(src.trim_matches(' ')))?;
            &default
        }
    };
    let mut text = table.render_header(&headers.header_row(table))?;
    text.push('\n');
    for row in rows {
        text.push_str(&table.render(row)?);
        text.push('\n');
    }
    out.write_all(table::DOCKER.align(&text).as_bytes())?;
    Ok(())
}

/// A table of plain columns straight from each row's cells, aligned as [`render_rows`] aligns
/// the table template `{{.A}}\t{{.B}}...` of the same `columns` (the same text, without a JSON
/// value or a template evaluation per row): `cell(row, field)` is a row's text for a column.
pub fn render_columns<R>(
    columns: &[&str],
    headers: &HeaderMap,
    rows: &[R],
    cell: impl Fn(&R, &str) -> String,
) -> String {
    let mut text = String::with_capacity((rows.len() + 1) * 128);
    let header: Vec<String> = columns.iter().map(|c| headers.get(c)).collect();
    text.push_str(&header.join("\t"));
    text.push('\n');
    for row in rows {
        for (i, column) in columns.iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            text.push_str(&cell(row, column));
        }
        text.push('\n');
    }
    table::DOCKER.align(&text)
}

/// Renders `template` once per value, each followed by a newline (`inspect -f`, with
/// [`Template::render_inspect`]'s `missingkey=error`). As in docker, a value the template fails
/// on prints nothing and does not stop the others: their output is written, and the failures
/// are returned in order.
pub fn render_each(
    template: &Template,
    values: &[Value],
    out: &mut impl Write,
) -> std::io::Result<Vec<TemplateError>> {
    let mut buf = String::new();
    let mut errors = Vec::new();
    for v in values {
        match template.render_inspect(v) {
            Ok(text) => {
                buf.push_str(&text);
                buf.push('\n');
            }
            Err(e) => errors.push(e),
        }
    }
    out.write_all(buf.as_bytes())?;
    Ok(errors)
}

/// JSON as `inspect` prints it without `-f`: indented by 4 spaces, `<`, `>` and `&` escaped as
/// Go's encoder does.
pub fn json_pretty(value: &Value) -> String {
    pretty(value)
}

/// [`json_pretty`] of a list of documents whose top-level keys come in the order `first` gives
/// for each (those it names, in its order, then the others sorted), as docker prints its
/// structs' fields in declaration order.
pub fn json_pretty_ordered(
    docs: &[Value],
    first: &dyn Fn(&Map<String, Value>) -> &'static [&'static str],
) -> String {
    pretty(&OrderedDocs { docs, first })
}

fn pretty(value: &impl serde::Serialize) -> String {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut buf,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    if value.serialize(&mut ser).is_err() {
        return "null".into();
    }
    gofmt::go_escape_json(String::from_utf8_lossy(&buf).into_owned())
}

struct OrderedDocs<'a> {
    docs: &'a [Value],
    first: &'a dyn Fn(&Map<String, Value>) -> &'static [&'static str],
}

impl serde::Serialize for OrderedDocs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct Ordered<'a>(&'a Map<String, Value>, &'static [&'static str]);
        impl serde::Serialize for Ordered<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let Ordered(map, first) = *self;
                let mut m = s.serialize_map(Some(map.len()))?;
                for k in first {
                    if let Some(v) = map.get(*k) {
                        m.serialize_entry(k, v)?;
                    }
                }
                for (k, v) in map.iter().filter(|(k, _)| !first.contains(&k.as_str())) {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        let mut seq = s.serialize_seq(Some(self.docs.len()))?;
        for d in self.docs {
            match d {
                Value::Object(m) => seq.serialize_element(&Ordered(m, (self.first)(m)))?,
                other => seq.serialize_element(other)?,
            }
        }
        seq.end()
    }
}

/// Compact JSON as docker's `json` template function and `--format json` write it (no HTML
/// escaping, unlike [`json_pretty`]).
pub fn json_compact(value: &Value) -> String {
    gofmt::json_string(value)
}

pub use skiff_libpod::container::list::docker_command;

/// Docker's `Ellipsis`: `s` cut to `max` characters, the last one replaced by `…` when cut
/// (docker's `COMMAND` column is `ellipsis(command, 20)` then quoted: `"docker-entrypoint.s…"`).
pub fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// Test helper: a list row's JSON object has exactly the fields its `check_fields` list names.
#[cfg(test)]
pub fn assert_row_has_exactly(row: &Value, fields: &[&str]) {
    let keys: Vec<&str> = row
        .as_object()
        .expect("a row is a JSON object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut fields = fields.to_vec();
    fields.sort_unstable();
    assert_eq!(keys, fields);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(format: Option<&str>, rows: &[Value]) -> String {
        let spec = FormatSpec::parse(format).unwrap();
        let headers = HeaderMap::new(&[
            ("ID", "CONTAINER ID"),
            ("Names", "NAMES"),
            ("Image", "IMAGE"),
        ]);
        let mut out = Vec::new();
        render_rows(
            &spec,
            "table {{.ID}}\\t{{.Image}}\\t{{.Names}}",
            &headers,
            rows,
            &mut out,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_pretty_ordered_puts_the_named_keys_first() {
        let docs = [json!({"b": 1, "Id": "x", "a": {"z": 1, "y": 2}}), json!(3)];
        let text = json_pretty_ordered(&docs, &|_| &["Id", "b", "missing"]);
        assert_eq!(
            text,
            "[\n    {\n        \"Id\": \"x\",\n        \"b\": 1,\n        \"a\": {\n            \
             \"y\": 2,\n            \"z\": 1\n        }\n    },\n    3\n]"
        );
        assert_eq!(
            json_pretty_ordered(&docs[..1], &|_| &[]),
            json_pretty(&Value::Array(docs[..1].to_vec()))
        );
    }

    fn rows() -> Vec<Value> {
        vec![
            json!({"ID": "4c01db0b339c", "Image": "ubuntu:22.04", "Names": "web", "State": {"Running": true}}),
            json!({"ID": "d7886598dbe2", "Image": "alpine", "Names": "db", "State": {"Running": false}}),
        ]
    }

    #[test]
    fn default_table() {
        let want = "CONTAINER ID   IMAGE          NAMES\n\
                    4c01db0b339c   ubuntu:22.04   web\n\
                    d7886598dbe2   alpine         db\n";
        assert_eq!(render(None, &rows()), want);
        assert_eq!(render(Some("table"), &rows()), want);
    }

    #[test]
    fn custom_table_with_literal_backslash_t() {
        let out = render(
            Some("table {{.Names}}\\t{{.State.Running}}\\t{{.CreatedAt}}"),
            &rows(),
        );
        assert_eq!(
            out,
            "NAMES     RUNNING   CREATED AT\nweb       true      <no value>\ndb        false     <no value>\n"
        );
    }

    #[test]
    fn plain_template_one_line_per_row() {
        assert_eq!(
            render(Some("{{.Names}}: {{.Image}}"), &rows()),
            "web: ubuntu:22.04\ndb: alpine\n"
        );
    }

    #[test]
    fn json_formats() {
        let one = vec![json!({"b": 1, "a": "<x>"})];
        assert_eq!(render(Some("json"), &one), "{\"a\":\"<x>\",\"b\":1}\n");
        assert_eq!(
            render(Some("{{json .}}"), &one),
            "{\"a\":\"<x>\",\"b\":1}\n"
        );
    }

    #[test]
    fn empty_list_table_prints_header_only() {
        assert_eq!(render(None, &[]), "CONTAINER ID   IMAGE     NAMES\n");
    }

    #[test]
    fn header_names_default_from_field_names() {
        let h = HeaderMap::new(&[]);
        assert_eq!(h.get("CreatedAt"), "CREATED AT");
        assert_eq!(h.get("ID"), "ID");
        assert_eq!(h.get("LocalVolumes"), "LOCAL VOLUMES");
        assert_eq!(h.get("IPAddress"), "IP ADDRESS");
    }

    #[test]
    fn inspect_helpers() {
        let t = Template::parse("{{.Name}}").unwrap();
        let mut out = Vec::new();
        render_each(&t, &[json!({"Name": "a"}), json!({"Name": "b"})], &mut out).unwrap();
        assert_eq!(out, b"a\nb\n");
        assert_eq!(
            json_pretty(&json!([{"Id": "x", "L": {"a": "<b>"}, "E": []}])),
            "[\n    {\n        \"E\": [],\n        \"Id\": \"x\",\n        \"L\": {\n            \"a\": \"\\u003cb\\u003e\"\n        }\n    }\n]"
        );
        assert_eq!(json_compact(&json!({"a": "&"})), r#"{"a":"&"}"#);
    }

    #[test]
    fn ellipsis_like_docker() {
        assert_eq!(
            ellipsis("docker-entrypoint.sh mysqld", 20),
            "docker-entrypoint.s…"
        );
        assert_eq!(ellipsis("\"bash\"", 20), "\"bash\"");
        assert_eq!(ellipsis("abc", 0), "");
    }

    #[test]
    fn bad_template_is_an_error_before_output() {
        assert!(FormatSpec::parse(Some("{{.Names")).is_err());
        assert!(FormatSpec::parse(Some("table {{nosuchfunc .X}}")).is_err());
    }
}
