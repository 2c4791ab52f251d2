//! What the object groups share (`network`, `volume`, and in part `image` and `container`): the
//! `ls`, `inspect`, `rm` and `prune` flags, `ls` filters, how `inspect` prints, rewording a shared
//! flag's help for one command, `KEY=VALUE` flag values and reading a `--pod-id-file`.

use std::collections::BTreeMap;

use clap::{Arg, Args};
use serde_json::Value;

use crate::container::output;

/// `network inspect` and `volume inspect` flags (each group words the help of `names`).
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output with a Go template
    #[arg(short = 'f', long)]
    pub format: Option<String>,
    /// Names
    #[arg(required = true)]
    pub names: Vec<String>,
}

/// `network ls` and `volume ls` flags (each group words the help of `quiet` and `filter`).
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only display names
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Filter output (KEY=VALUE)
    #[arg(short = 'f', long = "filter")]
    pub filter: Vec<String>,
    /// Format output with a Go template
    #[arg(long)]
    pub format: Option<String>,
    /// Do not print the heading line (podman's)
    #[arg(long)]
    pub noheading: bool,
}

/// `network rm` and `volume rm` flags (each group words the help of `force` and `names`).
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Force the removal
    #[arg(short = 'f', long)]
    pub force: bool,
    /// With -f: seconds to wait for a running container using it to stop before it is killed
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Names
    #[arg(required = true)]
    pub names: Vec<String>,
}

/// podman's `network rm -f -t N` and `volume rm -f -t N`: each of the running containers
/// `ids` gets its stop signal and `time` seconds of grace before the removal kills it.
pub fn stop_users(engine: &mut skiff_libpod::Engine, ids: &[String], time: u32) {
    for id in ids {
        if engine
            .lookup_container(id)
            .is_ok_and(|c| c.state.is_active())
        {
            // A container that cannot be stopped is killed by the removal that follows.
            let _ = engine.stop_container(id, Some(time));
        }
    }
}

/// `network prune` and `volume prune` flags.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Provide filter values
    #[arg(long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
}

/// `network exists` and `volume exists` argument.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The name to look for
    pub name: String,
}

/// For clap's `mut_args`: `help` as the help of argument `id` (a shared flag worded for one
/// command; `mut_args` keeps the arguments' order, `mut_arg` would move it last).
pub fn reword(id: &'static str, help: &'static str) -> impl FnMut(Arg) -> Arg {
    move |a| match a.get_id() == id {
        true => a.help(help),
        false => a,
    }
}

/// `ls --filter KEY=VALUE` values as pairs.
pub fn filter_pairs(filters: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    filters
        .iter()
        .map(|f| {
            let (k, v) = f
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("invalid filter {f:?}: use KEY=VALUE"))?;
            Ok((k.to_string(), v.to_string()))
        })
        .collect()
}

/// `inspect`: prints the documents `get` finds for `names` as a JSON array, or with `format`
/// one template line each. A name it fails for is reported, and the exit code is then
/// `failed` (docker's differs by object).
pub fn inspect_each<E: std::fmt::Display>(
    names: &[String],
    format: Option<&str>,
    failed: i32,
    mut get: impl FnMut(&str) -> Result<Value, E>,
) -> anyhow::Result<i32> {
    let mut found = Vec::new();
    let mut code = 0;
    for name in names {
        match get(name) {
            Ok(v) => found.push(v),
            Err(e) => {
                eprintln!("Error: {e}");
                code = failed;
            }
        }
    }
    match format {
        Some(f) => output::print_each(f, &found)?,
        None => println!("{}", output::inspect_json(&found)),
    }
    Ok(code)
}

/// `KEY=VALUE` flag values (`--label`, `--opt`) as a map; `KEY` alone has an empty value.
/// Shared by `volume create`, `network create` and `pod create`.
pub(crate) fn pairs(items: &[String], what: &str) -> anyhow::Result<BTreeMap<String, String>> {
    items
        .iter()
        .map(|i| {
            let (k, v) = i.split_once('=').unwrap_or((i.as_str(), ""));
            if k.is_empty() {
                anyhow::bail!("invalid {what} {i:?}: use KEY=VALUE");
            }
            Ok((k.to_string(), v.to_string()))
        })
        .collect()
}

/// The exit code of an `exists` verb for `lookup`'s outcome: 0 when the object was found, 1
/// when there is no such object, and any other failure as an error.
pub(crate) fn exists_code<T>(lookup: skiff_libpod::Result<T>) -> anyhow::Result<i32> {
    match lookup {
        Ok(_) => Ok(0),
        Err(skiff_libpod::Error::NotFound { .. }) => Ok(1),
        Err(e) => Err(e.into()),
    }
}

/// The pod id in a `--pod-id-file` (what `pod create --pod-id-file` wrote).
pub(crate) fn read_id_file(path: &std::path::Path) -> anyhow::Result<String> {
    use anyhow::Context;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the pod id file {}", path.display()))?;
    let id = text.trim();
    if id.is_empty() {
        anyhow::bail!("the pod id file {} is empty", path.display());
    }
    Ok(id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exists_code_is_0_when_found_1_when_missing_and_errs_otherwise() {
        assert_eq!(exists_code(Ok(())).unwrap(), 0);
        let missing = skiff_libpod::Error::not_found("container", "x");
        assert_eq!(exists_code::<()>(Err(missing)).unwrap(), 1);
        let broken = skiff_libpod::Error::Runtime("the store is damaged".into());
        assert!(exists_code::<()>(Err(broken)).is_err());
    }
}
