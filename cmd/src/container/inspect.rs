//! `skiff inspect` / `skiff container inspect`: docker's JSON, or a `--format` template.

use clap::Args;
use serde_json::Value;
use skiff_libpod::{Engine, Error};

use crate::objects::inspect_each;

/// Display detailed information on containers (and, with no --type, images)
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output with a Go template
    #[arg(short = 'f', long)]
    format: Option<String>,
    /// Only look for this type: container, image, network, volume or pod (all: any, podman's)
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
    /// Add the container's writable layer size (SizeRw)
    #[arg(short = 's', long)]
    size: bool,
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// Names or ids
    #[arg(
        value_name = "NAME",
        required_unless_present = "latest",
        conflicts_with = "latest"
    )]
    names: Vec<String>,
}

fn volume_json(engine: &mut Engine, name: &str) -> Result<Value, Error> {
    Ok(engine.volume_get(name)?.inspect_json())
}

fn container_json(engine: &mut Engine, name: &str, size: bool) -> Result<Value, Error> {
    let mut v = engine.inspect_container(name)?;
    // docker's `bridge` (`{{.NetworkSettings.Networks.bridge.IPAddress}}`), as `network ls`.
    skiff_libpod::container::inspect::default_network_as_bridge(&mut v);
    if size {
        let rec = engine.lookup_container(name)?.listed();
        let (rw, root_fs) = engine.container_sizes(&rec);
        v["SizeRw"] = serde_json::json!(rw);
        v["SizeRootFs"] = serde_json::json!(root_fs);
    }
    Ok(v)
}

fn find(engine: &mut Engine, name: &str, kind: Option<&str>, size: bool) -> anyhow::Result<Value> {
    match kind {
        Some("container") => Ok(container_json(engine, name, size)?),
        Some("volume") => Ok(volume_json(engine, name)?),
        Some("image") => super::inspect_image(engine, name),
        Some("network") => Ok(engine.network_inspect(name)?),
        Some("pod") => Ok(engine.inspect_pod(name)?),
        Some(other) if other != "all" => {
            anyhow::bail!(
                "invalid --type {other:?}: use container, image, network, volume, pod or all"
            )
        }
        // docker's order, then podman's pods: the first kind that has the name.
        _ => {
            match container_json(engine, name, size) {
                Err(Error::NotFound { .. }) => {}
                found => return Ok(found?),
            }
            if let Ok(v) = super::inspect_image(engine, name) {
                return Ok(v);
            }
            for kind in ["network", "volume", "pod"] {
                match find(engine, name, Some(kind), false) {
                    Ok(v) => return Ok(v),
                    Err(e) if not_found(&e) => {}
                    Err(e) => return Err(e),
                }
            }
            anyhow::bail!("No such object: {name}")
        }
    }
}

/// Whether an error is the engine's "no such object".
fn not_found(e: &anyhow::Error) -> bool {
    matches!(e.downcast_ref::<Error>(), Some(Error::NotFound { .. }))
}

/// `skiff container inspect`: containers only, as docker's and podman's (a name that is only
/// an image's is not found).
pub fn exec_containers(engine: &mut Engine, mut args: InspectArgs) -> anyhow::Result<i32> {
    args.kind = Some("container".to_string());
    exec(engine, args)
}

/// `skiff inspect`: a JSON array of the objects, or one template line per object.
pub fn exec(engine: &mut Engine, args: InspectArgs) -> anyhow::Result<i32> {
    let names = super::targets::latest_or(engine, args.latest, &args.names)?;
    let templated = args.format.is_some();
    inspect_each(&names, args.format.as_deref(), 125, |name| {
        let mut v =
            find(engine, name, args.kind.as_deref(), args.size).map_err(|e| format!("{e:#}"))?;
        if templated {
            with_typed_mount_fields(&mut v);
        }
        Ok::<_, String>(v)
    })
}

/// A container's `Mounts` entries with every field of docker's `MountPoint` for a template:
/// docker's JSON leaves a bind's empty `Name` and `Driver` out, but its templates see the
/// typed struct, so `{{range .Mounts}}{{.Name}}{{end}}` prints nothing for a bind rather
/// than failing.
fn with_typed_mount_fields(v: &mut Value) {
    let Some(mounts) = v.get_mut("Mounts").and_then(Value::as_array_mut) else {
        return;
    };
    for m in mounts.iter_mut().filter_map(Value::as_object_mut) {
        for key in [
            "Type",
            "Name",
            "Source",
            "Destination",
            "Driver",
            "Mode",
            "Propagation",
        ] {
            m.entry(key).or_insert_with(|| Value::String(String::new()));
        }
        m.entry("RW").or_insert(Value::Bool(false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binds_template_view_has_docker_s_empty_name_and_driver() {
        let mut v = serde_json::json!({"Mounts": [
            {"Type": "bind", "Source": "/h", "Destination": "/c", "Mode": "", "RW": true,
             "Propagation": "rprivate"},
            {"Type": "volume", "Name": "v", "Source": "/s", "Destination": "/d", "Driver": "local",
             "Mode": "z", "RW": false, "Propagation": ""}
        ]});
        with_typed_mount_fields(&mut v);
        let names: Vec<_> = v["Mounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["Name"].clone())
            .collect();
        assert_eq!(names, ["", "v"]);
        assert_eq!(v["Mounts"][0]["Driver"], "");
        assert_eq!(v["Mounts"][0]["RW"], true);
        assert_eq!(v["Mounts"][1]["Driver"], "local");
    }
}
