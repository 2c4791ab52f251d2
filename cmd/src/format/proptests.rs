//! Property tests: parsing and rendering untrusted `--format` strings never panics, and table
//! alignment keeps every cell.

use super::filter::Filters;
use super::table::DOCKER;
use super::template::Template;
use super::units;
use super::{render_columns, render_rows, FormatSpec, HeaderMap};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Small JSON documents with the keys the template fragments below refer to.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z \\t<&]{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec!["A", "B", "Names", "x.y", ""]),
                    inner
                ),
                0..4
            )
            .prop_map(|kv| Value::Object(
                kv.into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect::<Map<_, _>>()
            )),
        ]
    })
}

/// Template-looking text: fragments of the grammar glued together at random.
fn template_text() -> impl Strategy<Value = String> {
    let frag = prop::sample::select(vec![
        "{{",
        "}}",
        "{{- ",
        " -}}",
        ".",
        ".A",
        ".B",
        ".Names",
        ".A.B",
        "$",
        "$x",
        "$x := ",
        "$i, $v := ",
        " = ",
        "range ",
        "if ",
        "else",
        "else if ",
        "with ",
        "end",
        "break",
        "continue",
        "|",
        "(",
        ")",
        " ",
        "index ",
        "len ",
        "slice ",
        "printf ",
        "print ",
        "println ",
        "json ",
        "join ",
        "split ",
        "upper ",
        "lower ",
        "title ",
        "truncate ",
        "pad ",
        "eq ",
        "ne ",
        "lt ",
        "and ",
        "or ",
        "not ",
        "\"%s\" ",
        "\"%-5d|%q%v%x%.2f%*d\" ",
        "\",\" ",
        "\"x.y\" ",
        "0 ",
        "1 ",
        "-1 ",
        "2.5 ",
        "nil ",
        "true ",
        "`raw` ",
        "/* c */",
        "text",
        "\\t",
        "é",
        "\n",
    ]);
    prop::collection::vec(frag, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_never_panics_on_arbitrary_text(src in any::<String>()) {
        let _ = Template::parse(&src);
    }

    #[test]
    fn parse_and_render_never_panic(src in template_text(), data in json_value()) {
        if let Ok(t) = Template::parse(&src) {
            let _ = t.render(&data);
            let _ = t.fields();
        }
    }

    #[test]
    fn render_rows_never_panics(src in template_text(), rows in prop::collection::vec(json_value(), 0..4)) {
        for format in [src.clone(), format!("table {src}")] {
            if let Ok(spec) = FormatSpec::parse(Some(&format)) {
                let mut out = Vec::new();
                let _ = render_rows(&spec, "table {{.A}}", &HeaderMap::new(&[("A", "AAA")]), &rows, &mut out);
            }
        }
    }

    #[test]
    fn columns_render_as_their_table_template(rows in prop::collection::vec(prop::collection::vec("[a-zé ]{0,12}", 3), 0..6)) {
        let columns = ["ID", "Names", "RunningFor"];
        let headers = HeaderMap::new(&[("ID", "CONTAINER ID")]);
        let values: Vec<Value> = rows
            .iter()
            .map(|cells| columns.iter().zip(cells).map(|(c, v)| (c.to_string(), Value::from(v.as_str()))).collect())
            .collect();
        let mut out = Vec::new();
        render_rows(&FormatSpec::Default, "table {{.ID}}\t{{.Names}}\t{{.RunningFor}}", &headers, &values, &mut out).unwrap();
        let direct = render_columns(&columns, &headers, &rows, |r, f| {
            r[columns.iter().position(|c| *c == f).unwrap()].clone()
        });
        prop_assert_eq!(String::from_utf8(out).unwrap(), direct);
    }

    #[test]
    fn tabwriter_keeps_every_cell(lines in prop::collection::vec(prop::collection::vec("[a-zé]([a-zé ]{0,10}[a-zé])?", 1..5), 0..8)) {
        let text: String = lines.iter().map(|cells| cells.join("\t") + "\n").collect();
        let out = DOCKER.align(&text);
        let out_lines: Vec<&str> = out.lines().collect();
        prop_assert_eq!(out_lines.len(), lines.len());
        for (cells, line) in lines.iter().zip(out_lines) {
            let mut rest = line;
            for (j, cell) in cells.iter().enumerate() {
                prop_assert!(rest.starts_with(cell.as_str()), "{:?} in {:?}", cell, line);
                rest = &rest[cell.len()..];
                if j + 1 < cells.len() {
                    let pad = rest.len() - rest.trim_start_matches(' ').len();
                    prop_assert!(cell.chars().count() + pad >= 10, "column narrower than 10 in {:?}", line);
                    rest = &rest[pad..];
                } else {
                    prop_assert_eq!(rest, "", "trailing text after the last cell");
                }
            }
        }
    }

    #[test]
    fn units_never_panic(bytes in any::<u64>(), secs in any::<i64>(), now in any::<i64>()) {
        let _ = units::human_size(bytes);
        let _ = units::bytes_size(bytes);
        let _ = units::time_ago(secs, now);
        let _ = units::go_time_string(secs);
    }

    #[test]
    fn filter_parse_never_panics(args in prop::collection::vec(any::<String>(), 0..4)) {
        if let Ok(f) = Filters::parse(&args, &["label", "label!", "name"]) {
            let _ = f.get("label");
        }
    }
}
