//! Volume routes: list, create, inspect, delete, prune.

use std::collections::BTreeMap;

use hyper::StatusCode;
use serde_json::{json, Value};
use skiff_libpod::volume::VolumeRemoveForce;

use crate::body::{self, Resp};
use crate::ctx::{read_json_or_empty, Ctx};
use crate::error::ApiResult;

/// A JSON object of strings as a map (absent or null: empty).
fn string_map(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

/// `GET /volumes?filters=` (name, driver, label, dangling): `{"Volumes": [...], "Warnings": []}`.
pub async fn list(ctx: Ctx) -> ApiResult<Resp> {
    let filters = ctx.query.filters()?;
    let vols = ctx
        .state
        .engine(move |e| Ok(e.volume_list_filtered(&filters)?))
        .await?;
    let items: Vec<Value> = vols.iter().map(|v| v.inspect_json()).collect();
    Ok(body::json(&json!({"Volumes": items, "Warnings": []})))
}

/// `POST /volumes/create` with `{"Name", "Driver", "DriverOpts", "Labels"}`: 201 and the
/// volume; an existing name returns that volume, as docker does.
pub async fn create(ctx: Ctx) -> ApiResult<Resp> {
    let spec = read_json_or_empty(ctx.req).await?;
    let name = spec["Name"]
        .as_str()
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let labels = string_map(&spec["Labels"]);
    let mut options = string_map(&spec["DriverOpts"]);
    // "local" is the only driver, and not one of the volume's options (docker lists none).
    if let Some(driver) = spec["Driver"]
        .as_str()
        .filter(|d| !d.is_empty() && *d != "local")
    {
        options.insert("driver".into(), driver.to_string());
    }
    let vol = ctx
        .state
        .engine(move |e| Ok(e.volume_create(name.as_deref(), labels, options, true)?))
        .await?;
    Ok(body::json_status(StatusCode::CREATED, &vol.inspect_json()))
}

/// `GET /volumes/{name}`.
pub async fn inspect(ctx: Ctx, name: &str) -> ApiResult<Resp> {
    let name = name.to_string();
    let vol = ctx.state.engine(move |e| Ok(e.volume_get(&name)?)).await?;
    Ok(body::json(&vol.inspect_json()))
}

/// `DELETE /volumes/{name}?force`: 204; 409 while a container uses it.
pub async fn remove(ctx: Ctx, name: &str) -> ApiResult<Resp> {
    let force = ctx.query.flag("force");
    let name = name.to_string();
    ctx.state
        .engine(move |e| {
            // docker's force forgives a missing volume only: one in use is still a 409.
            let force = VolumeRemoveForce {
                missing_ok: force,
                remove_users: false,
            };
            Ok(e.volume_remove(&name, force)?)
        })
        .await?;
    Ok(body::empty(StatusCode::NO_CONTENT))
}

/// `POST /volumes/prune`: removes the unused volumes (docker 23's default: the anonymous ones,
/// every one with the `all=true` filter; before API 1.42 every one, as docker's daemon).
pub async fn prune(ctx: Ctx) -> ApiResult<Resp> {
    let (all, rest) = ctx.query.filters_but("all", &["1", "true"])?;
    let all = all || ctx.version < (1, 42);
    let removed = ctx
        .prune(rest, move |e, filter| e.volume_prune_filtered(all, filter))
        .await?;
    let names: Vec<&String> = removed.iter().map(|(n, _)| n).collect();
    let space: u64 = removed.iter().map(|(_, b)| b).sum();
    Ok(body::json(
        &json!({"VolumesDeleted": names, "SpaceReclaimed": space}),
    ))
}
