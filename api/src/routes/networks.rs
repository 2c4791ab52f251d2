//! Network routes: list, inspect, create, delete (user-defined networks, through the engine).

use hyper::StatusCode;
use serde_json::{json, Value};
use skiff_libpod::networks::NetworkSpec;

use crate::body::{self, Resp};
use crate::error::{ApiError, ApiResult};
use crate::router::Ctx;
use crate::routes::streams::read_body;

/// `GET /networks`: every network's inspect document.
pub async fn list(ctx: Ctx) -> ApiResult<Resp> {
    let filters = ctx.query.filters()?;
    if let Some((key, _)) = filters.first() {
        return Err(ApiError::bad_request(format!(
            "the {key} filter of networks is not supported by skiff yet"
        )));
    }
    let docs = ctx
        .state
        .engine(|e| {
            let nets = e.network_list()?;
            let mut docs = Vec::with_capacity(nets.len());
            for n in nets {
                docs.push(e.network_inspect(&n.name)?);
            }
            Ok(docs)
        })
        .await?;
    Ok(body::json(&Value::Array(docs)))
}

/// `GET /networks/{id}`.
pub async fn inspect(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let id = id.to_string();
    let doc = ctx
        .state
        .engine(move |e| Ok(e.network_inspect(&id)?))
        .await?;
    Ok(body::json(&doc))
}

/// `POST /networks/create` with `{"Name", "Driver", "Internal", "Labels", "Options"}`: 201
/// `{"Id", "Warning"}`; 409 when the name is taken.
pub async fn create(ctx: Ctx) -> ApiResult<Resp> {
    let raw = read_body(ctx.req).await?;
    let v: Value = serde_json::from_slice(&raw)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))?;
    let name = v["Name"]
        .as_str()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ApiError::bad_request("network create needs a Name"))?
        .to_string();
    let map = |x: &Value| {
        x.as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
            .collect()
    };
    let spec = NetworkSpec {
        name,
        driver: v["Driver"]
            .as_str()
            .filter(|d| !d.is_empty())
            .map(str::to_string),
        internal: v["Internal"].as_bool().unwrap_or(false),
        labels: map(&v["Labels"]),
        options: map(&v["Options"]),
        ..NetworkSpec::default()
    };
    let net = ctx
        .state
        .engine(move |e| Ok(e.network_create(&spec)?))
        .await?;
    Ok(body::json_status(
        StatusCode::CREATED,
        &json!({"Id": net.id, "Warning": ""}),
    ))
}

/// `DELETE /networks/{id}`: 204.
pub async fn remove(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let id = id.to_string();
    ctx.state
        .engine(move |e| Ok(e.network_remove(&id, false)?))
        .await?;
    Ok(body::empty(StatusCode::NO_CONTENT))
}
