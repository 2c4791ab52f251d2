//! `_ping`, `version`, `info` and `system/df`.

use hyper::{Method, StatusCode};
use serde_json::{json, Value};

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::ApiResult;
use crate::version::{MAX_API_VERSION, MIN_API_VERSION};

/// `GET|HEAD /_ping`: `OK` (no body for HEAD), with the version headers every response has.
pub fn ping(method: &Method) -> Resp {
    let text = if method == Method::HEAD { "" } else { "OK" };
    let mut r = body::full(StatusCode::OK, "text/plain; charset=utf-8", text);
    r.headers_mut().insert(
        "Cache-Control",
        "no-cache, no-store, must-revalidate"
            .parse()
            .expect("header"),
    );
    r.headers_mut()
        .insert("Pragma", "no-cache".parse().expect("header"));
    // The classic builder (`POST /build`) is what this service builds with: docker CLIs that
    // ask the daemon (20.10) use it instead of BuildKit, which needs a gRPC session.
    r.headers_mut()
        .insert("Builder-Version", "1".parse().expect("header"));
    r.headers_mut()
        .insert("OSType", "linux".parse().expect("header"));
    if method == Method::HEAD {
        // Said outright: a client that reads a HEAD answer's body (`curl -X HEAD`) stops here.
        r.headers_mut()
            .insert("Content-Length", "0".parse().expect("header"));
    }
    r
}

/// `GET /version`: the engine's version document, with the API range served here.
pub fn version() -> Resp {
    body::json(&skiff_libpod::info::server_version(
        MAX_API_VERSION,
        MIN_API_VERSION,
    ))
}

/// `GET /info`.
pub async fn info(ctx: Ctx) -> ApiResult<Resp> {
    let mut v = ctx.state.engine(|e| Ok(e.info()?)).await?;
    // Containers created through the socket log to json-file unless the request names a
    // driver (docker's default), so that is the service's logging driver.
    v["LoggingDriver"] = "json-file".into();
    Ok(body::json(&v))
}

/// `GET /system/df`: docker's disk usage document (layers, images with their containers,
/// containers with their writable layers, volumes with their users and data; no build cache).
pub async fn df(ctx: Ctx) -> ApiResult<Resp> {
    let (usage, names, vols, containers) = ctx
        .state
        .engine(|e| {
            let usage = e.disk_usage()?;
            // Container summaries here: their ports need the engine (the network state).
            let containers: Vec<Value> = usage
                .containers
                .iter()
                .map(|c| {
                    let listed = c.record.clone().listed();
                    let status = c.record.status_text(super::containers::ago);
                    let ports = super::containers::ports_json(&e.port_views(&listed));
                    let mut doc = super::containers::summary(&listed, status, ports);
                    doc["SizeRw"] = json!(c.size_rw);
                    doc
                })
                .collect();
            let names = e.list_images()?;
            let vols: Vec<Value> = e.volume_list()?.iter().map(|v| v.inspect_json()).collect();
            Ok((usage, names, vols, containers))
        })
        .await?;
    let images: Vec<Value> = usage
        .images
        .iter()
        .map(|i| {
            let tags: Vec<String> = names
                .iter()
                .filter(|n| n.id == i.id && !n.dangling)
                .map(|n| format!("{}:{}", n.repository, n.tag))
                .collect();
            json!({
                "Id": format!("sha256:{}", i.id),
                "ParentId": "",
                "RepoTags": tags,
                "RepoDigests": [],
                "Created": i.created,
                "Size": i.size,
                "SharedSize": i.shared_size,
                "VirtualSize": i.size,
                "Labels": {},
                "Containers": i.containers,
            })
        })
        .collect();
    let volumes: Vec<Value> = usage
        .volumes
        .iter()
        .map(|v| {
            let mut doc = vols
                .iter()
                .find(|d| d["Name"] == v.name.as_str())
                .cloned()
                .unwrap_or_else(|| json!({"Name": v.name, "Driver": "local", "Scope": "local"}));
            doc["UsageData"] = json!({"Size": v.size, "RefCount": v.links});
            doc
        })
        .collect();
    Ok(body::json(&json!({
        "LayersSize": usage.layers_size,
        "Images": images,
        "Containers": containers,
        "Volumes": volumes,
        "BuildCache": [],
        "BuilderSize": 0,
    })))
}
