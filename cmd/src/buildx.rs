//! `skiff buildx ls|inspect|use|version|create|rm`: docker buildx's builder-instance commands,
//! for scripts written for the docker CLI. skiff builds with its own builder, so there is one
//! instance, `default` (buildx's name for the engine's own builder), building for this host's
//! platform; creating another one (a BuildKit container, a remote BuildKit) is refused with
//! what to do instead.

use clap::Args;
use serde_json::{json, Value};
use skiff_libpod::image::manifest::Platform;

use crate::container::output;

/// The one builder's name.
const DEFAULT: &str = "default";

/// `buildx ls` flags.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Format the output: table, json, or a Go template (.Name, .DriverEndpoint, .Status,
    /// .Buildkit, .Platforms, .LastActivity, .Error)
    #[arg(long)]
    format: Option<String>,
    /// Do not truncate the output (nothing is truncated here)
    #[arg(long)]
    no_trunc: bool,
}

/// `buildx inspect` arguments.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Ensure the builder has booted (skiff's needs no booting)
    #[arg(long)]
    bootstrap: bool,
    /// The builder (default: the current one)
    #[arg(long = "builder", value_name = "NAME")]
    builder: Option<String>,
    /// The builder (default: the current one)
    name: Option<String>,
}

/// `buildx use` arguments.
#[derive(Debug, Args)]
pub struct UseArgs {
    /// Set the builder as the default for the current context (it is the only one)
    #[arg(long)]
    default: bool,
    /// Keep this builder even when the docker context changes (it is the only one)
    #[arg(long)]
    global: bool,
    /// The builder
    name: String,
}

/// `buildx create` arguments (refused: skiff has no other builder to create).
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The driver of the new builder (docker-container, kubernetes, remote)
    #[arg(long)]
    driver: Option<String>,
    /// The new builder's name
    #[arg(long)]
    name: Option<String>,
    /// Set the new builder as the current one
    #[arg(long = "use")]
    use_it: bool,
    /// A docker context or endpoint for the new builder
    endpoint: Option<String>,
}

/// `buildx rm` arguments.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Builders to remove
    names: Vec<String>,
}

/// The host's platform as buildx lists a node's platforms.
fn platform() -> String {
    Platform::host().to_string()
}

/// The builder as `buildx ls --format json` gives one.
fn builder_json() -> Value {
    json!({
        "Name": DEFAULT,
        "Driver": "docker",
        "LastActivity": null,
        "Dynamic": false,
        "Nodes": [{
            "Name": DEFAULT,
            "Endpoint": DEFAULT,
            "Status": "running",
            "Version": skiff_libpod::info::VERSION,
            "Platforms": [platform()],
        }],
    })
}

/// The builder's row for a `buildx ls` template.
fn builder_row() -> Value {
    json!({
        "Name": DEFAULT,
        "DriverEndpoint": "docker",
        "LastActivity": "",
        "Status": "running",
        "Buildkit": "",
        "Platforms": platform(),
        "Error": "",
        "Builder": builder_json(),
    })
}

/// buildx's error for a builder that does not exist, with what skiff offers instead.
fn not_found(name: &str) -> String {
    format!(
        "no builder {name:?} found: skiff builds with its own builder only, {DEFAULT:?} \
         (drop --builder, or give --builder {DEFAULT})"
    )
}

/// Prints `message` as buildx prints its errors; the exit status buildx gives them.
fn refuse(message: &str) -> i32 {
    eprintln!("ERROR: {message}");
    1
}

/// Checks a build's `--builder`: only the default builder exists.
pub fn check_builder(name: Option<&str>) -> anyhow::Result<()> {
    match name.filter(|n| *n != DEFAULT) {
        Some(other) => anyhow::bail!("{}", not_found(other)),
        None => Ok(()),
    }
}

/// `buildx ls`: the one builder and its node, in buildx's table or per `--format`.
pub fn ls(args: LsArgs) -> anyhow::Result<i32> {
    let _ = args.no_trunc;
    match args.format.as_deref().map(str::trim) {
        None | Some("table") => {
            // The builder's line, then its node's, aligned as docker's tables (buildx's lines
            // end without padding).
            let text = format!(
                "NAME/NODE\tDRIVER/ENDPOINT\tSTATUS\tBUILDKIT\tPLATFORMS\n\
                 default*\tdocker\t\t\t\n \\_ default\t \\_ default\trunning\t\t{}\n",
                platform()
            );
            let aligned = crate::format::table::DOCKER.align(&text);
            let lines: String = aligned
                .lines()
                .map(|l| l.trim_end().to_string() + "\n")
                .collect();
            output::write_stdout(&lines)?;
        }
        Some("json") => println!("{}", builder_json()),
        Some(_) => output::print_rows(args.format.as_deref(), "", &[], &[builder_row()])?,
    }
    Ok(0)
}

/// `buildx inspect [NAME]`: buildx's description of the builder and its node.
pub fn inspect(args: InspectArgs) -> anyhow::Result<i32> {
    let _ = args.bootstrap;
    if let Some(name) = args.name.or(args.builder).filter(|n| n != DEFAULT) {
        return Ok(refuse(&not_found(&name)));
    }
    println!(
        "Name:          {DEFAULT}\nDriver:        docker\nLast Activity: \n\nNodes:\n\
         Name:             {DEFAULT}\nEndpoint:         {DEFAULT}\nStatus:           running\n\
         BuildKit version: \nPlatforms:        {}",
        platform()
    );
    Ok(0)
}

/// `buildx use NAME`: only the default builder can be current.
pub fn use_builder(args: UseArgs) -> anyhow::Result<i32> {
    let _ = (args.default, args.global);
    if args.name != DEFAULT {
        return Ok(refuse(&not_found(&args.name)));
    }
    Ok(0)
}

/// `buildx version`: skiff's builder and its version.
pub fn version() -> anyhow::Result<i32> {
    println!("skiff buildx v{}", skiff_libpod::info::VERSION);
    Ok(0)
}

/// `buildx create`: refused, with what to do instead.
pub fn create(args: CreateArgs) -> anyhow::Result<i32> {
    let what = match (&args.name, &args.driver) {
        (Some(n), Some(d)) => format!(" {n:?} ({d} driver)"),
        (Some(n), None) => format!(" {n:?}"),
        (None, Some(d)) => format!(" with the {d} driver"),
        (None, None) => String::new(),
    };
    let _ = (args.use_it, args.endpoint);
    Ok(refuse(&format!(
        "cannot create a builder{what}: skiff builds with its own builder only, {DEFAULT:?}, \
         which needs no BuildKit container: build with `skiff buildx build` (or `skiff build`) \
         directly"
    )))
}

/// `buildx rm`: the default builder cannot be removed, and no other exists.
pub fn rm(args: RmArgs) -> anyhow::Result<i32> {
    let names = if args.names.is_empty() {
        vec![DEFAULT.to_string()]
    } else {
        args.names
    };
    for name in &names {
        if name == DEFAULT {
            refuse("default is a reserved name and cannot be removed");
        } else {
            refuse(&not_found(name));
        }
    }
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_has_buildx_s_template_fields() {
        let row = builder_row();
        for key in [
            "Name",
            "DriverEndpoint",
            "LastActivity",
            "Status",
            "Buildkit",
            "Platforms",
            "Error",
            "Builder",
        ] {
            assert!(row.get(key).is_some(), "{key}");
        }
        assert_eq!(row["Platforms"], platform());
        assert_eq!(builder_json()["Nodes"][0]["Status"], "running");
    }
}
