//! Output helpers shared by the container and volume commands, on top of [`crate::format`]:
//! `--format` / table rendering of JSON rows, and docker's human durations.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::format::{
    json_pretty_ordered, render_each, render_rows, units, FormatSpec, HeaderMap, Template,
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

/// [`print_rows`], without the heading line when `noheading` and the output is a table
/// (podman's `--noheading`).
pub fn print_rows_noheading(
    format: Option<&str>,
    default_table: &str,
    headers: &[(&str, &str)],
    rows: &[Value],
    noheading: bool,
) -> anyhow::Result<()> {
    if !noheading {
        return print_rows(format, default_table, headers, rows);
    }
    let spec = FormatSpec::parse(format)?;
    let mut table = Vec::new();
    render_rows(
        &spec,
        default_table,
        &HeaderMap::new(headers),
        rows,
        &mut table,
    )?;
    let table = String::from_utf8_lossy(&table);
    write_stdout(without_heading(&table, format))
}

/// `text` without its first line when `format` makes a table (none given, or `table ...`).
pub fn without_heading<'a>(text: &'a str, format: Option<&str>) -> &'a str {
    let is_table = format.is_none_or(|f| f.trim_start().starts_with("table"));
    match text.split_once('\n') {
        Some((_, rest)) if is_table => rest,
        _ => text,
    }
}

/// Writes the archive `write` makes to the file `output`, whole or not at all (under a
/// temporary name, renamed once complete, removed on an error), or to stdout when None, which must not be a terminal (docker's
/// refusal).
pub fn write_archive(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    match output {
        Some(path) => {
            let tmp = path.with_extension("skiff-tmp");
            let mut file = std::io::BufWriter::new(
                std::fs::File::create(&tmp)
                    .with_context(|| format!("creating {}", tmp.display()))?,
            );
            let written = write(&mut file).and_then(|()| Ok(file.flush()?));
            if let Err(e) = written {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
            std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            if std::io::stdout().is_terminal() {
                anyhow::bail!(
                    "cowardly refusing to save to a terminal. Use the -o flag or redirect"
                );
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// Writes `text` to stdout in one call (`println!` per line costs a write(2) per line).
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// docker's container inspect keys, in its struct's order.
const CONTAINER_KEYS: &[&str] = &[
    "Id",
    "Created",
    "Path",
    "Args",
    "State",
    "Image",
    "ResolvConfPath",
    "HostnamePath",
    "HostsPath",
    "LogPath",
    "Name",
    "RestartCount",
    "Driver",
    "Platform",
    "MountLabel",
    "ProcessLabel",
    "AppArmorProfile",
    "ExecIDs",
    "HostConfig",
    "GraphDriver",
    "SizeRw",
    "SizeRootFs",
    "Mounts",
    "Config",
    "NetworkSettings",
];

/// docker's image inspect keys, in its struct's order.
const IMAGE_KEYS: &[&str] = &[
    "Id",
    "RepoTags",
    "RepoDigests",
    "Parent",
    "Comment",
    "Created",
    "DockerVersion",
    "Author",
    "Config",
    "Architecture",
    "Variant",
    "Os",
    "OsVersion",
    "Size",
    "GraphDriver",
    "RootFS",
    "Metadata",
];

/// The documents as `inspect` prints them without `-f`: an indented JSON array, the top-level
/// keys of containers and images in docker's order (volumes' are alphabetical in docker too).
pub fn inspect_json(docs: &[Value]) -> String {
    json_pretty_ordered(docs, &|m| {
        if m.contains_key("State") {
            CONTAINER_KEYS
        } else if m.contains_key("RepoTags") {
            IMAGE_KEYS
        } else {
            &[]
        }
    })
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
        writeln!(out, "{}", inspect_json(values))?;
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
    fn inspect_json_orders_keys_like_docker() {
        let text = inspect_json(&[
            json!({"Name": "/x", "State": {}, "Id": "a", "Config": {}, "ImageName": "i"}),
            json!({"Size": 1, "RepoTags": [], "Id": "b"}),
        ]);
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("        \""))
            .map(|l| l.trim().split('"').nth(1).unwrap())
            .collect();
        assert_eq!(
            keys,
            [
                "Id",
                "State",
                "Name",
                "Config",
                "ImageName",
                "Id",
                "RepoTags",
                "Size"
            ]
        );
    }

    #[test]
    fn inspect_format_json_and_literal_escapes() {
        let v = [json!({"Id": "a", "Name": "/x"})];
        let pretty = format!("{}\n", inspect_json(&v));
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
