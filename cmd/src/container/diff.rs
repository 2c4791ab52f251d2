//! `skiff diff` and `skiff image diff`: the files a container changed (A added, C changed, D
//! deleted), those an image's top layer changed, or (podman's) what differs between two
//! containers or images.

use clap::Args;
use serde_json::{Map, Value};
use skiff_libpod::container::diff::Change;
use skiff_libpod::Engine;

use super::targets::LatestOrOne;

/// Inspect changes to files or directories on a container's or image's filesystem
#[derive(Debug, Args)]
#[command(mut_args(|a| match a.get_id().as_str() {
    "container" => a.value_name("CONTAINER|IMAGE").help(
        "The container or image: a container against its image, an image's top layer against the layers below",
    ),
    _ => a,
}))]
pub struct DiffArgs {
    /// Print the changes as JSON, {"changed": [...], "added": [...], "deleted": [...]}
    /// (podman's; only json)
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    format: Option<String>,
    #[command(flatten)]
    target: LatestOrOne,
    /// A container or image to compare with instead (podman's): what makes its file system
    /// into the first one's
    #[arg(value_name = "CONTAINER|IMAGE", conflicts_with = "latest")]
    other: Option<String>,
}

/// podman's JSON report: the paths of each kind, a kind with none left out.
fn json_report(changes: &[Change]) -> Value {
    let mut doc = Map::new();
    for (kind, key) in [(0, "changed"), (1, "added"), (2, "deleted")] {
        let paths: Vec<Value> = changes
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| Value::String(c.path.clone()))
            .collect();
        if !paths.is_empty() {
            doc.insert(key.to_string(), Value::Array(paths));
        }
    }
    Value::Object(doc)
}

/// `skiff diff`: docker's `C /etc` lines, or podman's JSON (the same for `image diff`).
pub fn exec(engine: &mut Engine, args: DiffArgs) -> anyhow::Result<i32> {
    let latest = args.target.latest;
    let name = args.target.resolve(engine)?;
    let changes = match (latest, &args.other) {
        (true, _) => engine.container_changes(&name)?.1,
        (false, Some(other)) => engine.changes_between(&name, other)?,
        (false, None) => engine.object_changes(&name)?,
    };
    if args.format.is_some() {
        println!("{}", json_report(&changes));
        return Ok(0);
    }
    for c in changes {
        println!("{} {}", c.letter(), c.path);
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_report_groups_paths_by_kind() {
        let c = |path: &str, kind| Change {
            path: path.into(),
            kind,
        };
        let doc = json_report(&[c("/etc", 0), c("/etc/x", 1), c("/tmp/y", 1)]);
        assert_eq!(
            doc.to_string(),
            r#"{"added":["/etc/x","/tmp/y"],"changed":["/etc"]}"#
        );
        assert_eq!(json_report(&[]).to_string(), "{}");
    }
}
