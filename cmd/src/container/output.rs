//! Output helpers shared by the container and volume commands, on top of [`crate::format`]:
//! `--format` / table rendering of JSON rows, and docker's human durations.

use std::time::Duration;

use serde_json::Value;

use crate::format::{render_each, render_rows, unescape, units, FormatSpec, HeaderMap, Template};

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
    use std::io::Write;
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// `inspect -f`: renders `template` once per object, one line each.
pub fn print_each(template: &str, values: &[Value]) -> anyhow::Result<()> {
    let t = Template::parse(&unescape(template))?;
    render_each(&t, values, &mut std::io::stdout().lock())?;
    Ok(())
}
