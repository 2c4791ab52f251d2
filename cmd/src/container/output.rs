//! Output helpers for the container commands: docker's human durations and sizes, and
//! `--format` / table printing for simple `{{.Field}}` templates.

use serde_json::Value;

/// docker's `HumanDuration` ("Less than a second", "5 seconds", "About a minute", "3 hours"...)
/// for a duration in nanoseconds.
pub fn human_duration(ns: i64) -> String {
    let secs = (ns.max(0) / 1_000_000_000) as u64;
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    match secs {
        0 => "Less than a second".to_string(),
        1..=59 => plural(secs, "second"),
        60..=119 => "About a minute".to_string(),
        120..=3_599 => plural(secs / 60, "minute"),
        3_600..=7_199 => "About an hour".to_string(),
        7_200..=172_799 => plural(secs / 3_600, "hour"),
        172_800..=1_209_599 => plural(secs / 86_400, "day"),
        1_209_600..=5_183_999 => plural(secs / 604_800, "week"),
        5_184_000..=63_071_999 => plural(secs / 2_592_000, "month"),
        _ => plural(secs / 31_536_000, "year"),
    }
}

/// docker's `HumanSize`: decimal units, three significant digits ("1.23MB", "0B").
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1000.0 && i + 1 < UNITS.len() {
        v /= 1000.0;
        i += 1;
    }
    let s = format!("{v:.3}");
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    let s = format!("{:.*}", digits, s.parse::<f64>().unwrap_or(v));
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{s}{}", UNITS[i])
}

/// Unix seconds as docker's `CreatedAt`: `2026-11-25 07:00:00 +0000 UTC`.
pub fn local_time(secs: i64) -> String {
    let t = skiff_libpod::container::time::rfc3339_nanos(secs * 1_000_000_000);
    format!("{} {} +0000 UTC", &t[..10], &t[11..19])
}

enum Piece {
    Text(String),
    Field(Vec<String>),
    Json(Vec<String>),
}

fn parse(template: &str) -> anyhow::Result<Vec<Piece>> {
    let template = template.replace("\\t", "\t").replace("\\n", "\n");
    let mut out = Vec::new();
    let mut rest = template.as_str();
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            out.push(Piece::Text(rest[..start].to_string()));
        }
        let end = rest[start..]
            .find("}}")
            .ok_or_else(|| anyhow::anyhow!("invalid --format template: unclosed {{{{"))?;
        let action = rest[start + 2..start + end].trim();
        let path = |s: &str| -> Vec<String> {
            s.split('.')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect()
        };
        if let Some(arg) = action.strip_prefix("json ") {
            out.push(Piece::Json(path(arg.trim())));
        } else if action.starts_with('.') {
            out.push(Piece::Field(path(action)));
        } else {
            anyhow::bail!("invalid --format template: unsupported action {{{{{action}}}}}");
        }
        rest = &rest[start + end + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    Ok(out)
}

fn lookup<'a>(v: &'a Value, path: &[String]) -> &'a Value {
    path.iter()
        .fold(v, |v, p| v.get(p.as_str()).unwrap_or(&Value::Null))
}

fn render(pieces: &[Piece], v: &Value) -> String {
    let mut s = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => s.push_str(t),
            Piece::Field(path) => match lookup(v, path) {
                Value::String(x) => s.push_str(x),
                Value::Null => s.push_str("<no value>"),
                other => s.push_str(&go_value(other)),
            },
            Piece::Json(path) => s.push_str(&lookup(v, path).to_string()),
        }
    }
    s
}

/// Go's `fmt` rendering of a JSON value as text/template prints it.
fn go_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_value).collect::<Vec<_>>().join(" ")),
        Value::Object(o) => {
            format!(
                "map[{}]",
                o.iter()
                    .map(|(k, v)| format!("{k}:{}", go_value(v)))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        }
        Value::Null => "<nil>".to_string(),
        other => other.to_string(),
    }
}

/// Prints each value through `template`, one per line; a `table` prefix adds a header.
pub fn print_template(template: &str, values: &[Value]) -> anyhow::Result<()> {
    if let Some(t) = template.strip_prefix("table") {
        return print_table(&format!("table{t}"), values, &[], |v| v.clone());
    }
    let pieces = parse(template)?;
    for v in values {
        println!("{}", render(&pieces, v));
    }
    Ok(())
}

/// Prints a `table {{.A}}\t{{.B}}` template as aligned columns with an upper-case header
/// (`headers` renames fields); `prepare` adjusts each row before rendering.
pub fn print_table(
    template: &str,
    values: &[Value],
    headers: &[(&str, &str)],
    prepare: impl Fn(&Value) -> Value,
) -> anyhow::Result<()> {
    let body = template
        .strip_prefix("table")
        .unwrap_or(template)
        .trim_start();
    let pieces = parse(body)?;
    let header = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::Field(path) | Piece::Json(path) => {
                let name = path.last().cloned().unwrap_or_default();
                headers
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, h)| h.to_string())
                    .unwrap_or_else(|| upper_words(&name))
            }
        })
        .collect::<String>();
    let mut lines = vec![header];
    lines.extend(values.iter().map(|v| render(&pieces, &prepare(v))));
    let cells: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    let cols = cells.iter().map(|c| c.len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            cells
                .iter()
                .filter_map(|c| c.get(i))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in cells {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - cell.chars().count() + 3));
            }
        }
        println!("{}", line.trim_end());
    }
    Ok(())
}

/// `CreatedAt` -> `CREATED AT`, `ID` -> `ID`.
fn upper_words(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && c.is_uppercase() && chars[i - 1].is_lowercase() {
            out.push(' ');
        }
        out.extend(c.to_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes_as_docker() {
        assert_eq!(human_duration(0), "Less than a second");
        assert_eq!(human_duration(5_000_000_000), "5 seconds");
        assert_eq!(human_duration(90_000_000_000), "About a minute");
        assert_eq!(human_duration(600_000_000_000), "10 minutes");
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(1234), "1.23kB");
        assert_eq!(human_size(5_000_000), "5MB");
    }

    #[test]
    fn renders_fields_and_json() {
        let v = serde_json::json!({"Names": "web", "State": {"Running": true}});
        let p = parse("{{.Names}}\\t{{.State.Running}} {{json .State}}").unwrap();
        assert_eq!(render(&p, &v), "web\ttrue {\"Running\":true}");
        assert_eq!(upper_words("CreatedAt"), "CREATED AT");
    }
}
