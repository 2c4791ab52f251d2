//! Container routes that answer at once: list, create, inspect, stop, kill, restart, delete.

use hyper::StatusCode;
use serde_json::{json, Value};
use skiff_libpod::container::inspect::{
    as_docker_default_network, gateways_as_host, host_gateway, PortView,
};
use skiff_libpod::container::list::docker_command;
use skiff_libpod::container::rows::ListedContainer;
use skiff_libpod::container::time::human_duration;
use skiff_libpod::container::State as CtrState;

use crate::body::{self, Resp};
use crate::ctx::{read_json, read_json_or_empty, Ctx};
use crate::error::{ApiError, ApiResult};

/// docker's `Ports` of a container summary (`PublicPort` and `IP` only where published).
pub(crate) fn ports_json(ports: &[PortView]) -> Value {
    let out = ports.iter().map(|p| {
        let mut port = json!({"PrivatePort": p.private_port, "Type": p.proto});
        if p.public_port != 0 {
            port["PublicPort"] = json!(p.public_port);
            port["IP"] = json!(p.ip);
        }
        port
    });
    Value::Array(out.collect())
}

/// A duration in nanoseconds as docker's status writes it ("2 minutes").
pub(crate) fn ago(ns: i64) -> String {
    human_duration(std::time::Duration::from_nanos(ns.max(0) as u64))
}

/// docker's container summary (`GET /containers/json`'s items), with its `Status` column and
/// its ports ([`ports_json`]).
pub(crate) fn summary(rec: &ListedContainer, status: String, ports: Value) -> Value {
    let argv = rec.config.argv();
    let image_id = rec
        .image_id
        .as_deref()
        .map(|i| format!("sha256:{i}"))
        .unwrap_or_default();
    let network = if rec.config.network_mode.is_empty() {
        "default".to_string()
    } else {
        rec.config.network_mode.clone()
    };
    json!({
        "Id": rec.id,
        "Names": [format!("/{}", rec.name)],
        "Image": rec.config.image,
        "ImageID": image_id,
        "Command": docker_command(&argv),
        "Created": rec.created / 1_000_000_000,
        "Ports": ports,
        "Labels": rec.config.labels,
        "State": rec.state.as_str(),
        "Status": status,
        "HostConfig": {"NetworkMode": network},
        "NetworkSettings": {"Networks": {}},
        "Mounts": [],
    })
}

/// `GET /containers/json?all&limit&filters`: running containers (all with `all`, a `status`
/// or `exited` filter, or `limit`), newest first, as docker's summaries.
pub async fn list(ctx: Ctx) -> ApiResult<Resp> {
    let all = ctx.query.flag("all");
    let limit = ctx.query.int("limit")?.filter(|l| *l > 0);
    let size = ctx.query.flag("size");
    let specs = ctx.query.filter_specs()?;
    ctx.engine_json(move |e| {
        let filters = e.container_filters(&specs)?;
        let mut recs = e.list_container_views()?;
        if !(all || limit.is_some() || filters.shows_stopped()) {
            recs.retain(|r| r.state.is_active() || r.state == CtrState::Restarting);
        }
        e.retain_filtered(&mut recs, &filters)?;
        recs.sort_by_key(|r| std::cmp::Reverse(r.created));
        recs.truncate(limit.map_or(usize::MAX, |l| l as usize));
        let mut shown = Vec::with_capacity(recs.len());
        let host = host_gateway();
        for rec in &recs {
            let ports = ports_json(&e.port_views(rec));
            let mut doc = summary(rec, e.ps_status(rec, ago), ports);
            let (networks, mounts) = e.summary_networks_and_mounts(rec)?;
            doc["NetworkSettings"]["Networks"] = networks;
            as_docker_default_network(&mut doc);
            if let Some(host) = &host {
                gateways_as_host(&mut doc, host);
            }
            doc["Mounts"] = mounts;
            if size {
                add_sizes(e, rec, &mut doc);
            }
            shown.push(doc);
        }
        Ok(Value::Array(shown))
    })
    .await
}

/// `GET /containers/{id}/json?size=`: the engine's inspect document, with docker's `SizeRw`
/// and `SizeRootFs` when `size` is set.
pub async fn inspect(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let id = id.to_string();
    let size = ctx.query.flag("size");
    let version = ctx.version;
    ctx.engine_json(move |e| {
        let mut doc = e.inspect_container(&id)?;
        without_podman_keys(&mut doc);
        if version < (1, 45) {
            aliases_before_1_45(&mut doc);
        }
        as_docker_default_network(&mut doc);
        if let Some(host) = host_gateway() {
            gateways_as_host(&mut doc, &host);
        }
        if size {
            let rec = e.lookup_container(&id)?.listed();
            add_sizes(e, &rec, &mut doc);
        }
        Ok(doc)
    })
    .await
}

/// The keys of the engine's inspect document that are podman's (`skiff inspect` shows
/// them, as `podman inspect` does), not in docker's API: some name host paths.
const PODMAN_KEYS: &[&str] = &[
    "BoundingCaps",
    "EffectiveCaps",
    "ConmonPidFile",
    "StaticDir",
    "Dependencies",
    "ImageDigest",
    "ImageName",
    "IsInfra",
    "IsService",
    "Namespace",
    "OCIRuntime",
    "OCIConfigPath",
    "PidFile",
    "Pod",
    "Rootfs",
];

/// [`PODMAN_KEYS`] of `Config`.
const PODMAN_CONFIG_KEYS: &[&str] = &[
    "CreateCommand",
    "SystemdMode",
    "Umask",
    "sdNotifyMode",
    "HealthcheckOnFailureAction",
];

/// `doc` as docker's API has it: without [`PODMAN_KEYS`] and [`PODMAN_CONFIG_KEYS`].
fn without_podman_keys(doc: &mut Value) {
    if let Some(top) = doc.as_object_mut() {
        for key in PODMAN_KEYS {
            top.remove(*key);
        }
    }
    if let Some(config) = doc["Config"].as_object_mut() {
        for key in PODMAN_CONFIG_KEYS {
            config.remove(*key);
        }
    }
}

/// Each user-defined network's `Aliases` as docker's API before 1.45 gives them to a running
/// container: its aliases, then its short id and its host name (1.45 moved those to
/// `DNSNames`, which 1.44 added). docker-compose 1.x looks for the short id there, and
/// without it disconnects and connects every container again at each `up`.
fn aliases_before_1_45(doc: &mut Value) {
    let short: String = doc["Id"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .take(12)
        .collect();
    let hostname = doc["Config"]["Hostname"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let Some(networks) = doc["NetworkSettings"]["Networks"].as_object_mut() else {
        return;
    };
    for entry in networks.values_mut() {
        if entry["DNSNames"].is_null() {
            continue;
        }
        let mut aliases: Vec<Value> = entry["Aliases"].as_array().cloned().unwrap_or_default();
        for name in [&short, &hostname] {
            if !name.is_empty() && !aliases.iter().any(|a| a == name.as_str()) {
                aliases.push(json!(name));
            }
        }
        entry["Aliases"] = json!(aliases);
    }
}

/// docker's `SizeRw` and `SizeRootFs` of `rec` onto its document (`size=1`).
fn add_sizes(e: &mut skiff_libpod::Engine, rec: &ListedContainer, doc: &mut Value) {
    let (rw, root_fs) = e.container_sizes(rec);
    doc["SizeRw"] = json!(rw);
    doc["SizeRootFs"] = json!(root_fs);
}

/// `POST /containers/create?name=`: docker's container JSON onto the engine's create options.
pub async fn create(ctx: Ctx) -> ApiResult<Resp> {
    let name = ctx.query.non_empty("name").map(str::to_string);
    let spec = read_json(ctx.req).await?;
    let mut opts = crate::routes::create::options(&spec)?;
    opts.name = name.map(|n| n.trim_start_matches('/').to_string());
    let rec = ctx
        .state
        .engine(move |e| {
            let image = opts.image.clone().unwrap_or_default();
            let defaults = e.image_defaults(&image).map_err(|err| match err {
                skiff_libpod::Error::NotFound { .. } => {
                    ApiError::not_found(format!("No such image: {image}"))
                }
                other => other.into(),
            })?;
            // Only this create's warnings: the service's engine outlives requests.
            e.take_warnings();
            // Only the image's absence is a 404: the docker CLI takes any 404 of a create for
            // a missing image and pulls it. A missing network or container the body names is
            // the request's fault, docker's 400.
            let rec = e
                .create_container(&opts, Some(&defaults))
                .map_err(|err| match err {
                    skiff_libpod::Error::NotFound { .. } => {
                        ApiError::bad_request(crate::error::docker_message(&err))
                    }
                    other => ApiError::from(other),
                })?;
            Ok((rec, e.take_warnings()))
        })
        .await?;
    let (rec, warnings) = rec;
    Ok(body::json_status(
        StatusCode::CREATED,
        &json!({"Id": rec.id, "Warnings": warnings}),
    ))
}

/// A timeout parameter (`t`, or `timeout` in newer clients) in seconds; a negative one is
/// docker's "wait for ever" (not an immediate kill).
fn timeout(ctx: &Ctx) -> ApiResult<Option<u32>> {
    let t = match ctx.query.int("t")? {
        Some(t) => Some(t),
        None => ctx.query.int("timeout")?,
    };
    Ok(t.map(|t| {
        if t < 0 {
            u32::MAX
        } else {
            t.min(u32::MAX as i64) as u32
        }
    }))
}

/// `POST /containers/{id}/stop?t=&signal=`: 204, or 304 when it was not running.
pub async fn stop(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let t = timeout(&ctx)?;
    let signal = ctx.query.non_empty("signal").map(str::to_string);
    let id = id.to_string();
    let was_running = ctx
        .state
        .engine(move |e| {
            let before = e.lookup_container(&id)?;
            e.stop_container_signal(&id, t, signal.as_deref())?;
            Ok(before.state.is_active())
        })
        .await?;
    Ok(body::empty(if was_running {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_MODIFIED
    }))
}

/// `POST /containers/{id}/kill?signal=`: 204; 409 when it is not running.
pub async fn kill(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let signal = ctx
        .query
        .non_empty("signal")
        .unwrap_or("SIGKILL")
        .to_string();
    let id = id.to_string();
    ctx.state
        .engine(move |e| Ok(e.kill_container(&id, &signal)?))
        .await?;
    Ok(body::empty(StatusCode::NO_CONTENT))
}

/// `POST /containers/{id}/restart?t=`: 204.
pub async fn restart(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let t = timeout(&ctx)?;
    let id = id.to_string();
    let launcher = ctx.state.launcher();
    ctx.state
        .engine(move |e| {
            let rec = e.lookup_container(&id)?;
            if !e.start_needs_launcher(&rec)? {
                return Ok(e.restart_container(&id, t)?);
            }
            let rec = e.stop_container_signal(&id, t, None)?;
            launcher.start(&rec.id, false, None)?;
            e.record_container_event(&rec.id, "restart", &[]);
            Ok(())
        })
        .await?;
    Ok(body::empty(StatusCode::NO_CONTENT))
}

/// `DELETE /containers/{id}?force&v`: 204; 409 for a running one without `force`.
pub async fn remove(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let (force, volumes) = (ctx.query.flag("force"), ctx.query.flag("v"));
    let id = id.to_string();
    ctx.state
        .engine(move |e| Ok(e.remove_container(&id, force, volumes)?))
        .await?;
    Ok(body::empty(StatusCode::NO_CONTENT))
}

/// `POST /containers/{id}/rename?name=`: 204; 409 when the name is taken.
pub async fn rename(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let Some(name) = ctx.query.non_empty("name") else {
        return Err(ApiError::bad_request("rename needs the new name (name=)"));
    };
    let (id, name) = (id.to_string(), name.trim_start_matches('/').to_string());
    ctx.state
        .engine(move |e| Ok(e.rename_container(&id, &name)?))
        .await?;
    Ok(body::empty(StatusCode::NO_CONTENT))
}

/// `POST /containers/{id}/update` with the resource fields of a HostConfig and a
/// `RestartPolicy`: changes the stored limits (and a running container's cgroup) as `skiff
/// update` does; 200 with docker's `{"Warnings": []}`.
pub async fn update(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let body = read_json_or_empty(ctx.req).await?;
    let opts = crate::routes::create::resources_of(&body)?;
    let restart = match body["RestartPolicy"]["Name"]
        .as_str()
        .filter(|n| !n.is_empty())
    {
        Some("on-failure") => match body["RestartPolicy"]["MaximumRetryCount"].as_i64() {
            Some(n) if n > 0 => Some(format!("on-failure:{n}")),
            _ => Some("on-failure".to_string()),
        },
        Some(name) => Some(name.to_string()),
        None => None,
    };
    let id = id.to_string();
    ctx.state
        .engine(move |e| Ok(e.update_container(&id, &opts, restart.as_deref())?))
        .await?;
    Ok(body::json(&json!({"Warnings": []})))
}

/// `POST /containers/{id}/pause` and `/unpause`: 204.
pub async fn pause(ctx: Ctx, id: &str, pause: bool) -> ApiResult<Resp> {
    let id = id.to_string();
    ctx.state
        .engine(move |e| {
            if pause {
                e.pause_container(&id)?;
            } else {
                e.unpause_container(&id)?;
            }
            Ok(())
        })
        .await?;
    Ok(body::empty(StatusCode::NO_CONTENT))
}

/// `GET /containers/{id}/top?ps_args=`: `{"Titles": [...], "Processes": [[...]]}`; `ps_args`
/// (docker's default `-ef`), split at spaces, are ps(1) options or podman's format
/// descriptors (`pid,user,args`), as `skiff top` takes them.
pub async fn top(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let id = id.to_string();
    let args: Vec<String> = ctx
        .query
        .get("ps_args")
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let top = ctx
        .state
        .engine(move |e| Ok(e.top_container(&id, &args)?))
        .await?;
    Ok(body::json(&json!({
        "Titles": top.titles,
        "Processes": top.rows,
    })))
}

/// `POST /containers/prune?filters=` (until, label, label!): removes the stopped containers;
/// `{"ContainersDeleted": [ids], "SpaceReclaimed": bytes}`.
pub async fn prune(ctx: Ctx) -> ApiResult<Resp> {
    let filters = ctx.query.filters()?;
    let removed = ctx
        .prune(filters, move |e, filter| {
            e.prune_containers_filtered(filter)
        })
        .await?;
    let ids: Vec<&String> = removed.iter().map(|(id, _)| id).collect();
    let space: u64 = removed.iter().map(|(_, b)| b).sum();
    Ok(body::json(&json!({
        "ContainersDeleted": if ids.is_empty() { Value::Null } else { json!(ids) },
        "SpaceReclaimed": space,
    })))
}

/// `GET /containers/{id}/changes`: what the container changed in its file system,
/// `[{"Path", "Kind"}]` (0 modified, 1 added, 2 deleted; null when nothing changed).
pub async fn changes(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let id = id.to_string();
    let (_, list) = ctx
        .state
        .engine(move |e| Ok(e.container_changes(&id)?))
        .await?;
    let items: Vec<Value> = list
        .iter()
        .map(|c| json!({"Path": c.path, "Kind": c.kind}))
        .collect();
    Ok(body::json(&if items.is_empty() {
        Value::Null
    } else {
        Value::Array(items)
    }))
}
