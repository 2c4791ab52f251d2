//! Routing: strips the `/v1.NN` prefix, matches the method and path to a route, and adds the
//! headers docker puts on every response.

use std::sync::Arc;

use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::query::Query;
use crate::routes::{
    archive, build, commit, containers, distribution, events, exec, images, networks, search,
    stats, streams, swarm, system, volumes,
};
use crate::state::State;
use crate::version::{self, MAX_API_VERSION};

/// Answers one request.
pub async fn handle(state: Arc<State>, req: Request<Incoming>) -> Resp {
    let path = req.uri().path().to_string();
    let cors = state.cors().map(str::to_string);
    let preflight = cors.is_some() && req.method() == Method::OPTIONS;
    let mut resp = match version::split_path(&path) {
        // A browser's preflight of a cross-origin request: the headers below answer it.
        _ if preflight => body::empty(StatusCode::OK),
        Err(msg) => body::error(&ApiError::bad_request(msg)),
        Ok((version, rest)) => {
            let rest = crate::query::decode_path(rest);
            let ctx = Ctx {
                state,
                query: Query::parse(req.uri().query()),
                req,
                version,
            };
            match route(ctx, &rest).await {
                Ok(r) => r,
                Err(e) => body::error(&e),
            }
        }
    };
    let headers = resp.headers_mut();
    headers.insert("Api-Version", MAX_API_VERSION.parse().expect("header"));
    headers.insert("Docker-Experimental", "false".parse().expect("header"));
    headers.insert("Ostype", "linux".parse().expect("header"));
    let server = format!("skiff/{} (linux)", skiff_libpod::info::VERSION);
    headers.insert("Server", server.parse().expect("header"));
    if let Some(origin) = cors.and_then(|o| o.parse().ok()) {
        headers.insert("Access-Control-Allow-Origin", origin);
        headers.insert(
            "Access-Control-Allow-Headers",
            "Authorization, Content-Type, X-Registry-Auth, X-Registry-Config"
                .parse()
                .expect("header"),
        );
        headers.insert(
            "Access-Control-Allow-Methods",
            "HEAD, GET, POST, PUT, DELETE, OPTIONS"
                .parse()
                .expect("header"),
        );
    }
    resp
}

async fn route(ctx: Ctx, path: &str) -> ApiResult<Resp> {
    let method = ctx.req.method().clone();
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let m = &method;
    match (segs.as_slice(), m) {
        (["_ping"], &Method::GET | &Method::HEAD) => Ok(system::ping(m)),
        (["version"], &Method::GET) => Ok(system::version()),
        (["info"], &Method::GET) => system::info(ctx).await,
        (["auth"], &Method::POST) => images::auth(ctx).await,
        (["system", "df"], &Method::GET) => system::df(ctx).await,
        (["events"], &Method::GET) => events::events(ctx).await,
        (["containers", "json"], &Method::GET) => containers::list(ctx).await,
        (["containers", "create"], &Method::POST) => containers::create(ctx).await,
        (["containers", "prune"], &Method::POST) => containers::prune(ctx).await,
        (["containers", id, "changes"], &Method::GET) => containers::changes(ctx, id).await,
        (["containers", id, "stats"], &Method::GET) => stats::stats(ctx, id).await,
        (["containers", id, "archive"], &Method::HEAD) => archive::head(ctx, id).await,
        (["containers", id, "archive"], &Method::GET) => archive::get(ctx, id).await,
        (["containers", id, "archive"], &Method::PUT) => archive::put(ctx, id).await,
        (["containers", id, "export"], &Method::GET) => archive::export(ctx, id).await,
        (["containers", id, "json"], &Method::GET) => containers::inspect(ctx, id).await,
        (["containers", id, "start"], &Method::POST) => streams::start(ctx, id).await,
        (["containers", id, "stop"], &Method::POST) => containers::stop(ctx, id).await,
        (["containers", id, "kill"], &Method::POST) => containers::kill(ctx, id).await,
        (["containers", id, "restart"], &Method::POST) => containers::restart(ctx, id).await,
        (["containers", id, "wait"], &Method::POST) => streams::wait(ctx, id).await,
        (["containers", id, "logs"], &Method::GET) => streams::logs(ctx, id).await,
        (["containers", id, "attach"], &Method::POST) => streams::attach(ctx, id).await,
        (["containers", id, "resize"], &Method::POST) => streams::resize(ctx, id).await,
        (["containers", id], &Method::DELETE) => containers::remove(ctx, id).await,
        (["containers", id, "rename"], &Method::POST) => containers::rename(ctx, id).await,
        (["containers", id, "update"], &Method::POST) => containers::update(ctx, id).await,
        (["containers", id, "pause"], &Method::POST) => containers::pause(ctx, id, true).await,
        (["containers", id, "unpause"], &Method::POST) => containers::pause(ctx, id, false).await,
        (["containers", id, "top"], &Method::GET) => containers::top(ctx, id).await,
        (["containers", id, "exec"], &Method::POST) => exec::create(ctx, id).await,
        (["exec", id, "start"], &Method::POST) => exec::start(ctx, id).await,
        (["exec", id, "json"], &Method::GET) => exec::inspect(ctx, id).await,
        (["exec", id, "resize"], &Method::POST) => exec::resize(ctx, id).await,
        (["volumes"], &Method::GET) => volumes::list(ctx).await,
        (["volumes", "create"], &Method::POST) => volumes::create(ctx).await,
        (["volumes", "prune"], &Method::POST) => volumes::prune(ctx).await,
        (["volumes", name], &Method::GET) => volumes::inspect(ctx, name).await,
        (["volumes", name], &Method::DELETE) => volumes::remove(ctx, name).await,
        (["networks"], &Method::GET) => networks::list(ctx).await,
        (["networks", "create"], &Method::POST) => networks::create(ctx).await,
        (["networks", "prune"], &Method::POST) => networks::prune(ctx).await,
        (["networks", id, "connect"], &Method::POST) => networks::connect(ctx, id).await,
        (["networks", id, "disconnect"], &Method::POST) => networks::disconnect(ctx, id).await,
        (["networks", id], &Method::GET) => networks::inspect(ctx, id).await,
        (["networks", id], &Method::DELETE) => networks::remove(ctx, id).await,
        (["build"], &Method::POST) => build::build(ctx).await,
        (["build", "prune"], &Method::POST) => build::prune(ctx).await,
        (["commit"], &Method::POST) => commit::commit(ctx).await,
        (["images", "json"], &Method::GET) => images::list(ctx).await,
        (["images", "create"], &Method::POST) => images::pull(ctx).await,
        (["images", "prune"], &Method::POST) => images::prune(ctx).await,
        (["images", "get"], &Method::GET) => images::save_many(ctx).await,
        (["images", "load"], &Method::POST) => images::load(ctx).await,
        (["images", "search"], &Method::GET) => search::search(ctx).await,
        (["images", ..], _) => images::by_name(ctx, path).await,
        (["distribution", name @ .., "json"], &Method::GET) if !name.is_empty() => {
            distribution::inspect(ctx, name.join("/")).await
        }
        (["plugins"], &Method::GET) => Ok(swarm::plugins()),
        (["plugins", name @ .., _], _) if !name.is_empty() => {
            swarm::no_such_plugin(&name.join("/"))
        }
        ([first, ..], _) if swarm::SWARM_OBJECTS.contains(first) => {
            Err(swarm::not_a_manager(&segs))
        }
        _ => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("page not found: {method} {path}"),
        )),
    }
}
