//! Output helpers shared by the container and volume commands, on top of [`crate::format`]:
//! `--format` / table rendering of JSON rows, and docker's human durations.

use std::io::Write;
use std::time::Duration;

use serde_json::Value;

use crate::format::{
    json_pretty, render_each, render_rows, units, FormatSpec, HeaderMap, Template,
};

/// docker's `HumanDuration` for a duration in nanoseconds ("5 seconds", "About a minute").
pub fn human_duration(ns: i64) -> String {
    units::human_duration(Duration::from_nanos(ns.max(0) as u64))
}

/// Prints `rows` per `--format` (None: the `default_table`), with docker's `headers`.
pub fn print_rows(
    format: Option<&str>,
    default_table: &str,
    headers: &[(&str, &str)],
    rows: &[Value],
) -> anyhow::Result<()> {
    let spec = FormatSpec::parse(format)?;
    let mut out = std::io::stdout().lock();
    render_rows(
        &spec,
        default_table,
        &HeaderMap::new(headers),
        rows,
        &mut out,
    )?;
    Ok(())
}

/// Writes `text` to stdout in one call (`println!` per line costs a write(2) per line).
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// `inspect -f`: renders `template` once per object, one line each. As in docker the template
/// is taken literally (`\t` stays a backslash and a `t`), and `json` or an empty format prints
/// the objects as `inspect` does without `-f`. Objects the template fails on are reported in one
/// error after the others' output.
pub fn print_each(template: &str, values: &[Value]) -> anyhow::Result<()> {
    write_each(template, values, &mut std::io::stdout().lock())
}

fn write_each(template: &str, values: &[Value], out: &mut impl Write) -> anyhow::Result<()> {
    if template.is_empty() || template == "json" {
        writeln!(out, "{}", json_pretty(&Value::Array(values.to_vec())))?;
        return Ok(());
    }
    let t = Template::parse(template)?;
    let errors = render_each(&t, values, out)?;
    if errors.is_empty() {
        return Ok(());
    }
    let msgs: Vec<String> = errors
        .iter()
        .map(|e| format!("template parsing error: {e}"))
        .collect();
    anyhow::bail!("{}", msgs.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn each(template: &str, values: &[Value]) -> String {
        let mut out = Vec::new();
        write_each(template, values, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn inspect_format_json_and_literal_escapes() {
        let v = [json!({"Id": "a", "Name": "/x"})];
        let pretty = format!("{}\n", json_pretty(&Value::Array(v.to_vec())));
        assert_eq!(each("json", &v), pretty);
        assert_eq!(each("", &v), pretty);
        assert_eq!(each("{{.Id}}\\t{{.Name}}\\n", &v), "a\\t/x\\n\n");
        assert_eq!(each("{{json .Id}}", &v), "\"a\"\n");
    }

    #[test]
    fn inspect_format_failing_on_one_object_keeps_the_others() {
        let v = [
            json!({"Id": "a"}),
            json!({"Id": "b", "State": 1}),
            json!({"Id": "c"}),
        ];
        let mut out = Vec::new();
        let err = write_each("{{.Id}} {{.State}}", &v, &mut out).unwrap_err();
        assert_eq!(String::from_utf8(out).unwrap(), "b 1\n");
        let msg = err.to_string();
        assert_eq!(msg.lines().count(), 2, "{msg}");
        assert!(
            msg.starts_with("template parsing error: template: "),
            "{msg}"
        );
        assert!(msg.contains("map has no entry for key \"State\""), "{msg}");
    }
}
