//! `skiff secret create|ls|inspect|rm|exists`: podman's secrets, given to containers with
//! `run --secret` (see `skiff_libpod::secret`).

use std::io::Read;

use anyhow::Context;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use skiff_libpod::secret::SecretRecord;
use skiff_libpod::Engine;

use crate::container::output;
use crate::objects::{inspect_each, pairs};

/// Secret subcommands.
#[derive(Debug, Subcommand)]
pub enum SecretCmd {
    /// Create a secret from a file, or from standard input with -
    Create(CreateArgs),
    /// List secrets
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display detailed information on secrets
    Inspect(InspectArgs),
    /// Remove one or more secrets
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Check whether a secret exists (exit 0 if it does, 1 if not)
    Exists(ExistsArgs),
}

/// `secret create` flags.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Secret driver (only "file")
    #[arg(short = 'd', long, default_value = "file")]
    driver: String,
    /// Read the secret's data from the environment variable named by the second argument
    #[arg(long)]
    env: bool,
    /// Set metadata (KEY=VALUE)
    #[arg(short = 'l', long = "label")]
    label: Vec<String>,
    /// Replace the data and labels of a secret of the same name
    #[arg(long)]
    replace: bool,
    /// The secret's name
    name: String,
    /// A file holding the data, - for standard input (with --env: a variable's name)
    source: String,
}

/// `secret ls` flags.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only display secret IDs
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Filter output (name=, id=)
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Format output with a Go template
    #[arg(long)]
    format: Option<String>,
    /// Do not print headers
    #[arg(short = 'n', long)]
    noheading: bool,
}

/// `secret inspect` flags.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output with a Go template
    #[arg(short = 'f', long)]
    format: Option<String>,
    /// Also show the secret's data (SecretData)
    #[arg(long)]
    showsecret: bool,
    /// Print each secret in podman's human-readable form
    #[arg(long, conflicts_with = "format")]
    pretty: bool,
    /// Secrets (names or ids)
    #[arg(required = true)]
    names: Vec<String>,
}

/// `secret rm` flags.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Remove every secret
    #[arg(short = 'a', long)]
    all: bool,
    /// Do not fail for a secret that does not exist
    #[arg(short = 'i', long)]
    ignore: bool,
    /// Secrets (names or ids)
    #[arg(required_unless_present = "all")]
    names: Vec<String>,
}

/// `secret exists` arguments.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// Name or id of the secret
    name: String,
}

/// The fields of a `secret ls` row, which `--format` may read.
const SECRET_FIELDS: &[&str] = &["CreatedAt", "Driver", "ID", "Labels", "Name", "UpdatedAt"];

/// A `secret ls` row: times as "N ago", as podman prints them.
fn secret_row(s: &SecretRecord, now: i64) -> Value {
    let ago = |ns: i64| crate::format::units::time_ago(ns / 1_000_000_000, now);
    let labels: Vec<String> = s.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    json!({
        "ID": s.id,
        "Name": s.name,
        "Driver": s.driver,
        "CreatedAt": ago(s.created),
        "UpdatedAt": ago(s.updated),
        "Labels": labels.join(","),
    })
}

/// podman's `secret inspect` document; `data` adds `SecretData`.
fn inspect_json(
    engine: &Engine,
    s: &SecretRecord,
    root: &str,
    data: bool,
) -> anyhow::Result<Value> {
    let time = skiff_libpod::container::time::rfc3339_nanos;
    let mut doc = json!({
        "ID": s.id,
        "CreatedAt": time(s.created),
        "UpdatedAt": time(s.updated),
        "Spec": {
            "Name": s.name,
            "Driver": {"Name": s.driver, "Options": {"path": format!("{root}/secrets")}},
            "Labels": s.labels,
        },
    });
    if data {
        let bytes = engine.secret_data(s)?;
        doc["SecretData"] = json!(String::from_utf8_lossy(&bytes));
    }
    Ok(doc)
}

/// podman's `secret inspect --pretty` block for `s` (and its `data` with `--showsecret`).
fn pretty(s: &SecretRecord, data: Option<&[u8]>) -> String {
    use skiff_libpod::container::time::go_time_string_nanos as time;
    let mut out = format!("ID:              {}\nName:              {}\n", s.id, s.name);
    if !s.labels.is_empty() {
        out.push_str("Labels:\n");
        for (k, v) in &s.labels {
            match v.is_empty() {
                true => out.push_str(&format!(" - {k}\n")),
                false => out.push_str(&format!(" - {k}={v}\n")),
            }
        }
    }
    out.push_str(&format!(
        "Driver:            {}\nCreated at:        {}\nUpdated at:        {}\n",
        s.driver,
        time(s.created),
        time(s.updated)
    ));
    if let Some(data) = data {
        out.push_str(&format!(
            "Data:              {}\n",
            String::from_utf8_lossy(data)
        ));
    }
    out
}

/// The secret's data as `create` was given it.
fn read_source(a: &CreateArgs) -> anyhow::Result<Vec<u8>> {
    if a.env {
        let value = std::env::var_os(&a.source)
            .with_context(|| format!("--env: the environment variable {} is not set", a.source))?;
        return Ok(value.into_encoded_bytes());
    }
    if a.source == "-" {
        let mut data = Vec::new();
        std::io::stdin()
            .read_to_end(&mut data)
            .context("reading the secret from standard input")?;
        return Ok(data);
    }
    std::fs::read(&a.source).with_context(|| format!("reading the secret from {}", a.source))
}

/// Runs a secret subcommand.
pub fn dispatch(engine: &mut Engine, cmd: SecretCmd) -> anyhow::Result<i32> {
    match cmd {
        SecretCmd::Create(a) => {
            if a.driver != "file" {
                anyhow::bail!(
                    "secret driver {:?} is not supported: use file (the default)",
                    a.driver
                );
            }
            let data = read_source(&a)?;
            let s = engine.secret_create(&a.name, &data, pairs(&a.label, "--label")?, a.replace)?;
            println!("{}", s.id);
            Ok(0)
        }
        SecretCmd::Ls(a) => {
            const TABLE: &str =
                "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}";
            let spec = crate::format::FormatSpec::parse(a.format.as_deref())?;
            spec.check_fields(SECRET_FIELDS, "secret")?;
            let filters = crate::objects::filter_pairs(&a.filter)?;
            let mut secrets = engine.secret_list()?;
            for (key, value) in &filters {
                match key.as_str() {
                    "name" => secrets.retain(|s| s.name.contains(value.as_str())),
                    "id" => secrets.retain(|s| s.id.starts_with(value.as_str())),
                    _ => anyhow::bail!("invalid filter {key:?}: use name= or id="),
                }
            }
            if a.quiet {
                for s in &secrets {
                    println!("{}", s.id);
                }
                return Ok(0);
            }
            let now = skiff_libpod::container::time::now_ns() / 1_000_000_000;
            let rows: Vec<Value> = secrets.iter().map(|s| secret_row(s, now)).collect();
            let headers = [("CreatedAt", "CREATED"), ("UpdatedAt", "UPDATED")];
            output::print_rows_noheading(a.format.as_deref(), TABLE, &headers, &rows, a.noheading)?;
            Ok(0)
        }
        SecretCmd::Inspect(a) if a.pretty => {
            let mut out = String::new();
            let code = crate::container::for_each(&a.names, |n| {
                let s = engine.secret_get(n)?;
                let data = match a.showsecret {
                    true => Some(engine.secret_data(&s)?),
                    false => None,
                };
                out.push_str(&pretty(&s, data.as_deref()));
                Ok(())
            })?;
            crate::container::output::write_stdout(&out)?;
            Ok(code)
        }
        SecretCmd::Inspect(a) => {
            let root = engine.paths().root.display().to_string();
            inspect_each(&a.names, a.format.as_deref(), 125, |n| {
                let s = engine.secret_get(n).map_err(anyhow::Error::from)?;
                inspect_json(engine, &s, &root, a.showsecret)
            })
        }
        SecretCmd::Rm(a) => {
            let names: Vec<String> = if a.all {
                engine.secret_list()?.into_iter().map(|s| s.name).collect()
            } else {
                a.names.clone()
            };
            let code = crate::exit::remove_each(&names, |n| match engine.secret_remove(n) {
                Ok(s) => Ok(Some(s.id)),
                Err(e) if a.ignore && e.is_not_found() => Ok(None),
                Err(e) => Err(e),
            });
            // podman's `secret rm` of a missing secret is status 125, not `rm`'s 1.
            Ok(if code == 1 { 125 } else { code })
        }
        SecretCmd::Exists(a) => crate::objects::exists_code(engine.secret_get(&a.name)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn secret_fields_name_the_row_keys() {
        let s = skiff_libpod::secret::SecretRecord {
            id: "0".repeat(25),
            name: "s".into(),
            driver: "file".into(),
            labels: Default::default(),
            created: 0,
            updated: 0,
        };
        let row = super::secret_row(&s, 0);
        crate::format::assert_row_has_exactly(&row, super::SECRET_FIELDS);
    }
}
