//! `skiff context ls|show|inspect|use|create|rm`: docker's contexts, for scripts written for
//! the docker CLI. skiff runs containers itself, with no daemon to point at, so there is one
//! context, `default`; its endpoint is the socket `skiff system service` listens on by default,
//! which is what a docker client would be pointed at.

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use crate::container::output;

/// The one context's name.
const DEFAULT: &str = "default";

/// `skiff context ...`.
#[derive(Debug, Subcommand)]
pub enum ContextCmd {
    /// List contexts (skiff has one: default)
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Print the name of the current context
    Show,
    /// Display detailed information on one or more contexts
    Inspect(InspectArgs),
    /// Set the current context (only default exists)
    Use(UseArgs),
    /// Create a context (refused: skiff has only its own engine)
    Create(CreateArgs),
    /// Remove one or more contexts (refused: default cannot be removed)
    #[command(alias = "remove")]
    Rm(RmArgs),
}

/// `context ls` flags.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Format the output: table, json, or a Go template
    #[arg(long)]
    format: Option<String>,
    /// Only show context names
    #[arg(short = 'q', long)]
    quiet: bool,
}

/// `context inspect` arguments.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output using the given Go template
    #[arg(short = 'f', long)]
    format: Option<String>,
    /// Contexts (default: the current one)
    names: Vec<String>,
}

/// `context use` argument.
#[derive(Debug, Args)]
pub struct UseArgs {
    /// The context
    name: String,
}

/// `context create` arguments.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Set the docker endpoint (host=...)
    #[arg(long)]
    docker: Option<String>,
    /// The new context's name
    name: String,
}

/// `context rm` arguments.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// A context that does not exist is no error (its name is printed, as docker does)
    #[arg(short = 'f', long)]
    force: bool,
    /// Contexts
    #[arg(required = true)]
    names: Vec<String>,
}

/// The default context's endpoint: the default socket of `skiff system service`.
fn endpoint() -> String {
    format!(
        "unix://{}",
        skiff_libpod::config::service_socket().display()
    )
}

/// What `context ls` shows of the default context (docker's fields).
fn list_row() -> Value {
    json!({
        "Name": DEFAULT,
        "Current": true,
        "Description": "skiff's own engine (no daemon)",
        "DockerEndpoint": endpoint(),
        "Error": "",
    })
}

/// The order of docker's context fields in `context inspect`.
const INSPECT_ORDER: &[&str] = &["Name", "Metadata", "Endpoints", "TLSMaterial", "Storage"];

/// What `context inspect` shows of the default context, in docker's shape.
fn inspect_value() -> Value {
    json!({
        "Name": DEFAULT,
        "Metadata": {},
        "Endpoints": {"docker": {"Host": endpoint(), "SkipTLSVerify": false}},
        "TLSMaterial": {},
        "Storage": {"MetadataPath": "<IN MEMORY>", "TLSPath": "<IN MEMORY>"},
    })
}

/// docker's error for a context that does not exist, with what skiff offers instead.
fn not_found(name: &str) -> String {
    format!(
        "context {name:?}: context not found: skiff has only the {DEFAULT:?} context, its own \
         engine (it runs containers itself and connects to no other)"
    )
}

/// Runs `skiff context VERB` (no engine: nothing here touches the store).
pub fn dispatch(cmd: ContextCmd) -> anyhow::Result<i32> {
    match cmd {
        ContextCmd::Ls(a) => {
            if a.quiet {
                println!("{DEFAULT}");
                return Ok(0);
            }
            let row = list_row();
            let table = a.format.as_deref().is_none_or(|f| f.trim() == "table");
            if !table {
                output::print_rows(a.format.as_deref(), "", &[], &[row])?;
                return Ok(0);
            }
            // docker's table marks the current context after its name, which no field holds.
            let columns = ["Name", "Description", "DockerEndpoint", "Error"];
            let headers = crate::format::HeaderMap::new(&[("DockerEndpoint", "DOCKER ENDPOINT")]);
            let text = crate::format::render_columns(&columns, &headers, &[row], |r, c| {
                let cell = r[c].as_str().unwrap_or_default().to_string();
                if c == "Name" && r["Current"] == true {
                    cell + " *"
                } else {
                    cell
                }
            });
            output::write_stdout(&text)?;
            Ok(0)
        }
        ContextCmd::Show => {
            println!("{DEFAULT}");
            Ok(0)
        }
        ContextCmd::Inspect(a) => {
            let names = if a.names.is_empty() {
                vec![DEFAULT.to_string()]
            } else {
                a.names
            };
            let mut found = Vec::new();
            let mut code = 0;
            for name in &names {
                if name == DEFAULT {
                    found.push(inspect_value());
                } else {
                    eprintln!("{}", not_found(name));
                    code = 1;
                }
            }
            match a.format.as_deref() {
                Some(f) => output::print_each(f, &found)?,
                None => println!(
                    "{}",
                    crate::format::json_pretty_ordered(&found, &|_| INSPECT_ORDER)
                ),
            }
            Ok(code)
        }
        ContextCmd::Use(a) => {
            if a.name != DEFAULT {
                eprintln!("{}", not_found(&a.name));
                return Ok(1);
            }
            println!("{DEFAULT}");
            eprintln!("Current context is now {DEFAULT:?}");
            Ok(0)
        }
        ContextCmd::Create(a) => {
            let wanted = a.docker.map(|d| format!(" for {d}")).unwrap_or_default();
            eprintln!(
                "cannot create context {:?}{wanted}: skiff runs containers itself and connects \
                 to no other engine; use the {DEFAULT:?} context (to drive skiff from a docker \
                 client, start `skiff system service` and set DOCKER_HOST={})",
                a.name,
                endpoint()
            );
            Ok(1)
        }
        ContextCmd::Rm(a) => {
            let mut code = 0;
            for name in &a.names {
                if name == DEFAULT {
                    eprintln!("context {DEFAULT:?} cannot be removed");
                    code = 1;
                } else if a.force {
                    println!("{name}");
                } else {
                    eprintln!("context {name:?} does not exist");
                    code = 1;
                }
            }
            Ok(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_context_has_docker_s_fields() {
        let row = list_row();
        let keys: Vec<&String> = row.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["Current", "Description", "DockerEndpoint", "Error", "Name"]
        );
        let inspected = inspect_value();
        let host = inspected["Endpoints"]["docker"]["Host"].as_str().unwrap();
        assert!(host.starts_with("unix:///"), "{host}");
        assert!(host.ends_with("skiff.sock"), "{host}");
        assert_eq!(row["DockerEndpoint"].as_str(), Some(host));
    }
}
