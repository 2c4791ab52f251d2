//! Image routes: list, pull (`images/create` with docker's JSON progress stream) and import, push,
//! inspect, history, tag, delete, prune, save (`get`) and load.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use hyper::{Method, StatusCode};
use serde_json::{json, Value};
use skiff_libpod::image::archive::{SaveFormat, SaveTo};
use skiff_libpod::image::import::ImportOptions;
use skiff_libpod::image::login::{Credentials, GivenCredentials};
use skiff_libpod::image::pull::{repository_path, Digest, PullProgress, PullRequest};
use skiff_libpod::image::push::PushRequest;
use skiff_libpod::image::remote::{docker_registry_of, docker_tls_verify};
use skiff_libpod::image::remove::{RemoveOptions, Removed};
use tokio::sync::{mpsc, oneshot};

use crate::body::{self, Resp};
use crate::ctx::{read_json, Ctx};
use crate::error::{ApiError, ApiResult};

/// `GET /images/json?filters&filter`: one summary per image with all its names, filtered as
/// `images --filter` (the old `filter` parameter is a reference pattern).
pub async fn list(ctx: Ctx) -> ApiResult<Resp> {
    let specs = ctx.query.filter_specs()?;
    let all = ctx.query.flag("all");
    let reference = ctx.query.non_empty("filter").map(str::to_string);
    let rows = ctx
        .state
        .engine(move |e| {
            let mut filters = e.image_filters(&specs)?;
            if let Some(r) = &reference {
                filters = filters.with_reference(r);
            }
            let mut rows = e.list_images()?;
            if !all {
                rows.retain(|r| !r.intermediate);
            }
            e.retain_images(&mut rows, &filters)?;
            let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            ids.dedup();
            let labels = e.image_labels(&ids)?;
            Ok((rows, labels))
        })
        .await?;
    let (rows, labels) = rows;
    let mut by_id: BTreeMap<String, (Value, Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut order = Vec::new();
    for r in rows {
        let entry = by_id.entry(r.id.clone()).or_insert_with(|| {
            order.push(r.id.clone());
            let doc = json!({
                "Id": format!("sha256:{}", r.id),
                "ParentId": "",
                "Created": r.created,
                "Size": r.size,
                "SharedSize": -1,
                "VirtualSize": r.size,
                "Labels": labels.get(&r.id).cloned().unwrap_or_default(),
                "Containers": -1,
            });
            (doc, Vec::new(), Vec::new())
        });
        if !r.dangling {
            entry.1.push(format!("{}:{}", r.repository, r.tag));
        }
        // An image pulled by digest only has its digest and no tag.
        if r.digest != "<none>" {
            let d = format!("{}@{}", r.repository, r.digest);
            if !entry.2.contains(&d) {
                entry.2.push(d);
            }
        }
    }
    let out: Vec<Value> = order
        .iter()
        .filter_map(|id| by_id.remove(id))
        .map(|(mut doc, tags, digests)| {
            doc["RepoTags"] = json!(tags);
            doc["RepoDigests"] = json!(digests);
            doc
        })
        .collect();
    Ok(body::json(&Value::Array(out)))
}

/// docker's short id of a layer digest.
fn short(d: &Digest) -> String {
    let hex = d.to_string();
    let hex = hex.rsplit(':').next().unwrap_or("").to_string();
    hex.chars().take(12).collect()
}

/// docker's words for a layer's progress in one direction.
struct Words {
    /// A layer starts (`Pulling fs layer`, `Preparing`).
    start: &'static str,
    /// Bytes move (`Downloading`, `Pushing`).
    moving: &'static str,
    /// A layer is done, in docker's steps (`Verifying Checksum`, `Download complete`, `Pull
    /// complete`; `Pushed`).
    done: &'static [&'static str],
    /// A layer was there already (`Already exists`, `Layer already exists`).
    exists: &'static str,
}

const PULL_WORDS: Words = Words {
    start: "Pulling fs layer",
    moving: "Downloading",
    done: &["Verifying Checksum", "Download complete", "Pull complete"],
    exists: "Already exists",
};

const PUSH_WORDS: Words = Words {
    start: "Preparing",
    moving: "Pushing",
    done: &["Pushed"],
    exists: "Layer already exists",
};

/// Pull or push progress as docker's JSON messages, one per line, sent down the response.
struct JsonProgress {
    tx: mpsc::Sender<Bytes>,
    sizes: Mutex<HashMap<String, (u64, u64, u64)>>,
    words: &'static Words,
    /// A pull's tag and repository path, for the `TAG: Pulling from REPOSITORY` line that
    /// docker sends once the manifest is resolved (None for a push).
    pulling: Option<(String, String)>,
    /// A pull's resolved manifest digest, reported at the end as docker does.
    digest: Mutex<Option<Digest>>,
    /// Whether any message went out: an error before the first is the HTTP response itself.
    sent: AtomicBool,
}

impl JsonProgress {
    fn new(tx: mpsc::Sender<Bytes>, words: &'static Words) -> JsonProgress {
        JsonProgress {
            tx,
            sizes: Mutex::new(HashMap::new()),
            words,
            pulling: None,
            digest: Mutex::new(None),
            sent: AtomicBool::new(false),
        }
    }

    fn send(&self, v: Value) {
        self.sent.store(true, Ordering::Relaxed);
        let _ = self.tx.blocking_send(Bytes::from(format!("{v}\r\n")));
    }

    /// A pull's last messages: the manifest's digest and docker's status line for `shown`.
    fn pulled(&self, shown: &str, up_to_date: bool) {
        if let Some(d) = self.digest.lock().expect("digest").take() {
            self.send(json!({"status": format!("Digest: {d}")}));
        }
        let status = if up_to_date {
            format!("Status: Image is up to date for {shown}")
        } else {
            format!("Status: Downloaded newer image for {shown}")
        };
        self.send(json!({ "status": status }));
    }
}

impl PullProgress for JsonProgress {
    fn resolved(&self, manifest: &Digest, _layers: usize) {
        if let Some((tag, repository)) = &self.pulling {
            self.send(json!({"status": format!("Pulling from {repository}"), "id": tag}));
            *self.digest.lock().expect("digest") = Some(manifest.clone());
        }
    }
    fn layer_start(&self, digest: &Digest, size: u64) {
        let id = short(digest);
        self.sizes
            .lock()
            .expect("sizes")
            .insert(id.clone(), (0, size, 0));
        self.send(json!({"status": self.words.start, "progressDetail": {}, "id": id}));
    }
    fn layer_bytes(&self, digest: &Digest, n: u64) {
        let id = short(digest);
        let report = {
            let mut sizes = self.sizes.lock().expect("sizes");
            let e = sizes.entry(id.clone()).or_insert((0, 0, 0));
            e.0 += n;
            // One message per 512 KiB (and the last), not one per read.
            if e.0 - e.2 >= 512 * 1024 || e.0 == e.1 {
                e.2 = e.0;
                Some((e.0, e.1))
            } else {
                None
            }
        };
        if let Some((current, total)) = report {
            self.send(json!({"status": self.words.moving,
                "progressDetail": {"current": current, "total": total}, "id": id}));
        }
    }
    fn layer_done(&self, digest: &Digest) {
        for step in self.words.done {
            self.send(json!({"status": step, "progressDetail": {}, "id": short(digest)}));
        }
    }
    fn layer_exists(&self, digest: &Digest) {
        self.send(json!({"status": self.words.exists, "progressDetail": {}, "id": short(digest)}));
    }
}

/// `POST /images/create?fromImage=NAME&tag=TAG`: pulls, streaming docker's progress messages.
/// A failure before the manifest is resolved (no such tag, no registry) is the response's own
/// status, as docker's (404 for a missing tag); a later one is the stream's last message
/// (`error` and `errorDetail`).
pub async fn pull(ctx: Ctx) -> ApiResult<Resp> {
    let Some(from) = ctx
        .query
        .get("fromImage")
        .filter(|f| !f.is_empty())
        .map(str::to_string)
    else {
        return import(ctx).await;
    };
    let tag = ctx.query.non_empty("tag").map(str::to_string);
    // `pull -a` may send the name with a trailing `:` (docker's daemon drops it).
    let from = from.strip_suffix(':').unwrap_or(&from).to_string();
    let last = from.rsplit('/').next().unwrap_or(&from);
    let all_tags = tag.is_none() && !last.contains([':', '@']);
    let name = match tag.as_deref() {
        Some(t) if t.starts_with("sha256:") => format!("{from}@{t}"),
        Some(t) => format!("{from}:{t}"),
        None => from.to_string(),
    };
    let platform = ctx.query.non_empty("platform").map(str::to_string);
    // The client's credentials are for the registry of the name it asked for, not a mirror.
    let credentials = GivenCredentials {
        any: None,
        by_registry: crate::registry_auth::auth_header(&ctx)?
            .map(|c| (docker_registry_of(&name).to_string(), c))
            .into_iter()
            .collect(),
    };
    let (tx, chunks) = mpsc::channel(64);
    let (fail, failed) = oneshot::channel();
    let mut progress = JsonProgress::new(tx, &PULL_WORDS);
    progress.pulling = Some((
        tag.unwrap_or_else(|| "latest".to_string()),
        repository_path(&name),
    ));
    let progress = Arc::new(progress);
    let state = ctx.state.clone();
    tokio::spawn(async move {
        let reporter = progress.clone();
        let result = state
            .engine(move |e| {
                let req = PullRequest {
                    platform,
                    tls_verify: docker_tls_verify(&name),
                    credentials,
                };
                // docker's daemon: a repository without a tag is every tag of it (`docker
                // pull -a`, docker-py's `pull(repo, all_tags=True)`).
                let names = match all_tags {
                    true => {
                        let remote = e.remote_tags(&name, req.tls_verify, &req.credentials)?;
                        let repo = remote.repository;
                        remote.tags.iter().map(|t| format!("{repo}:{t}")).collect()
                    }
                    false => vec![name],
                };
                for name in names {
                    let before = e.resolve_image(&name).ok();
                    let image = e.pull(&name, &req, reporter.as_ref())?;
                    reporter.pulled(&name, image.unchanged_since(before.as_ref()));
                }
                Ok(())
            })
            .await;
        if let Err(e) = result {
            if progress.sent.load(Ordering::Relaxed) {
                let last = json!({"errorDetail": {"message": e.message}, "error": e.message});
                let _ = progress.tx.send(Bytes::from(format!("{last}\r\n"))).await;
            } else {
                let _ = fail.send(e);
            }
        }
    });
    body::stream_once_started("application/json", chunks, failed).await
}

/// `POST /images/{name}/push?tag=TAG`: pushes NAME:TAG (every tag of NAME when TAG is
/// empty) with the credentials of the `X-Registry-Auth` header or the stored login,
/// streaming docker's messages: the repository, one status per layer, the digest line and
/// the `aux` record the docker CLI reads the digest from.
async fn push(ctx: Ctx, name: String) -> ApiResult<Resp> {
    let tag = ctx.query.non_empty("tag").map(str::to_string);
    let credentials = crate::registry_auth::auth_header(&ctx)?;
    let (resp, tx) = body::stream("application/json");
    let state = ctx.state.clone();
    tokio::spawn(async move {
        let progress = JsonProgress::new(tx.clone(), &PUSH_WORDS);
        let repo = name.clone();
        let result = state
            .engine(move |e| {
                progress.send(json!({"status": format!("The push refers to repository [{repo}]")}));
                let sources = match &tag {
                    Some(t) => vec![format!("{repo}:{t}")],
                    None => e
                        .list_images()?
                        .into_iter()
                        .filter(|i| i.repository == repo && i.tag != "<none>")
                        .map(|i| format!("{}:{}", i.repository, i.tag))
                        .collect(),
                };
                if sources.is_empty() {
                    return Err(skiff_libpod::Error::NotFound {
                        kind: "image",
                        name: repo.clone(),
                        hint: " with a tag: tag it first (docker tag)".to_string(),
                    }
                    .into());
                }
                let req = PushRequest {
                    credentials,
                    tls_verify: docker_tls_verify(&repo),
                    ..PushRequest::default()
                };
                for source in sources {
                    let p = e.push(&source, None, &req, &progress)?;
                    let tag = p.destination.tag_or_latest().to_string();
                    progress.send(
                        json!({"status": format!("{tag}: digest: {} size: {}", p.digest, p.size)}),
                    );
                    progress.send(json!({"progressDetail": {}, "aux": {"Tag": tag,
                        "Digest": p.digest.to_string(), "Size": p.size}}));
                }
                Ok(())
            })
            .await;
        if let Err(e) = result {
            let last = json!({"errorDetail": {"message": e.message}, "error": e.message});
            let _ = tx.send(Bytes::from(format!("{last}\r\n"))).await;
        }
    });
    Ok(resp)
}

/// `POST /auth` with `{"username", "password", "serveraddress"}`: checks the credentials with
/// the registry (Docker Hub when no address is given) and answers docker's `Login Succeeded`;
/// nothing is stored, the client keeps its credentials and sends them with each push or pull.
pub async fn auth(ctx: Ctx) -> ApiResult<Resp> {
    let doc = read_json(ctx.req).await?;
    let field = |k: &str| doc[k].as_str().unwrap_or("").to_string();
    let server = match field("serveraddress") {
        s if s.is_empty() => "docker.io".to_string(),
        s => s,
    };
    let creds = Credentials {
        username: field("username"),
        password: field("password"),
    };
    if creds.username.is_empty() {
        return Err(ApiError::bad_request("a username is required"));
    }
    let tls_verify = docker_tls_verify(&format!("{server}/x"));
    ctx.state
        .engine(move |e| Ok(e.check_login(&server, &creds, tls_verify)?))
        .await
        .map_err(|e| ApiError::new(StatusCode::UNAUTHORIZED, e.message))?;
    Ok(body::json(
        &json!({"Status": "Login Succeeded", "IdentityToken": ""}),
    ))
}

/// `/images/{name}/json` (GET) and `/images/{name}` (DELETE): names hold slashes, so the
/// route is read from the end of the path.
pub async fn by_name(ctx: Ctx, path: &str) -> ApiResult<Resp> {
    let rest = path.trim_start_matches('/').trim_start_matches("images/");
    let method = ctx.req.method().clone();
    if method == Method::GET {
        if let Some(name) = rest.strip_suffix("/get") {
            return save(&ctx, vec![name.to_string()]).await;
        }
        if let Some(name) = rest.strip_suffix("/history") {
            return history(ctx, name.to_string()).await;
        }
        if let Some(name) = rest.strip_suffix("/json") {
            let name = name.to_string();
            return ctx
                .engine_json(move |e| {
                    let mut doc = e.inspect_image(&name)?;
                    // Docker's keys before API 1.45, kept at every version: docker-compose
                    // 1.x reads the image's ContainerConfig.Volumes when it recreates a
                    // container (a KeyError without it), and its docker-py asks with the
                    // server's own version. skiff keeps no build container's config: the
                    // image's.
                    doc["Container"] = json!("");
                    doc["ContainerConfig"] = doc["Config"].clone();
                    Ok(doc)
                })
                .await;
        }
    }
    if method == Method::POST {
        if let Some(name) = rest.strip_suffix("/tag") {
            return tag(ctx, name.to_string()).await;
        }
        if let Some(name) = rest.strip_suffix("/push") {
            return push(ctx, name.to_string()).await;
        }
    }
    if method == Method::DELETE {
        let opts = RemoveOptions {
            force: ctx.query.flag("force"),
            no_prune: ctx.query.flag("noprune"),
        };
        let name = rest.to_string();
        let done = ctx
            .state
            .engine(move |e| Ok(e.remove_image(&name, opts)?))
            .await?;
        let items: Vec<Value> = done.iter().map(removed_json).collect();
        return Ok(body::json(&Value::Array(items)));
    }
    Err(ApiError::new(
        StatusCode::NOT_FOUND,
        format!("page not found: {method} {path}"),
    ))
}

/// docker's item for one untagged name or deleted image.
fn removed_json(r: &Removed) -> Value {
    match r {
        Removed::Untagged(n) => json!({"Untagged": n}),
        Removed::Deleted(id) => json!({"Deleted": format!("sha256:{id}")}),
    }
}

/// `GET /images/{name}/history`: the image's steps, newest first.
async fn history(ctx: Ctx, name: String) -> ApiResult<Resp> {
    let (steps, names) = ctx
        .state
        .engine(move |e| {
            let steps = e.history(&name)?;
            let names = e.inspect_image(&name)?["RepoTags"].clone();
            Ok((steps, names))
        })
        .await?;
    let items: Vec<Value> = steps
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let id = if h.id == "<missing>" {
                h.id.clone()
            } else {
                format!("sha256:{}", h.id)
            };
            json!({
                "Id": id,
                "Created": h.created,
                "CreatedBy": h.created_by,
                // docker names the image's tags on its newest step only.
                "Tags": if i == 0 { names.clone() } else { Value::Null },
                "Size": h.size,
                "Comment": h.comment,
            })
        })
        .collect();
    Ok(body::json(&Value::Array(items)))
}

/// `POST /images/{name}/tag?repo=&tag=`: 201.
async fn tag(ctx: Ctx, name: String) -> ApiResult<Resp> {
    let repo = ctx
        .query
        .non_empty("repo")
        .ok_or_else(|| ApiError::bad_request("tag needs the new repository (repo=)"))?;
    let target = match ctx.query.non_empty("tag") {
        Some(t) => format!("{repo}:{t}"),
        None => repo.to_string(),
    };
    ctx.state
        .engine(move |e| Ok(e.tag(&name, &target)?))
        .await?;
    Ok(body::empty(StatusCode::CREATED))
}

/// `POST /images/prune?filters=` (dangling=false for every unused image; until, label,
/// label!): `{"ImagesDeleted": [...], "SpaceReclaimed": bytes}`.
pub async fn prune(ctx: Ctx) -> ApiResult<Resp> {
    let (all, rest) = ctx.query.filters_but("dangling", &["false", "0"])?;
    let report = ctx
        .prune(rest, move |e, filter| e.prune_images_filtered(all, filter))
        .await?;
    let items: Vec<Value> = report.removed.iter().map(removed_json).collect();
    Ok(body::json(&json!({
        "ImagesDeleted": if items.is_empty() { Value::Null } else { Value::Array(items) },
        "SpaceReclaimed": report.reclaimed,
    })))
}

/// `GET /images/get?names=A&names=B`: the images as one docker archive.
pub async fn save_many(ctx: Ctx) -> ApiResult<Resp> {
    let names: Vec<String> = ctx
        .query
        .all("names")
        .into_iter()
        .map(str::to_string)
        .collect();
    if names.is_empty() {
        return Err(ApiError::bad_request("name the images to save (names=)"));
    }
    save(&ctx, names).await
}

/// `names` as a docker archive, streamed as it is written. The names are resolved first, so
/// a missing image is a 404 rather than a cut stream.
async fn save(ctx: &Ctx, names: Vec<String>) -> ApiResult<Resp> {
    let check = names.clone();
    ctx.state
        .engine(move |e| {
            for n in &check {
                e.resolve_image(n)?;
            }
            Ok(())
        })
        .await?;
    let (r, w) = std::io::pipe().map_err(|e| ApiError::internal(format!("pipe: {e}")))?;
    let opts = ctx.state.engine_options();
    std::thread::spawn(move || {
        let mut w = std::io::BufWriter::new(w);
        let mut engine = skiff_libpod::Engine::new(opts);
        if let Err(e) = engine.save(&names, SaveFormat::DockerArchive, SaveTo::Writer(&mut w)) {
            tracing::warn!("saving {}: {e}", names.join(" "));
        }
    });
    Ok(body::from_reader("application/x-tar", r))
}

/// `POST /images/create?fromSrc=-&repo=NAME&tag=TAG&message=M&changes=C...` with a root file
/// system tarball as the body (`docker import`): a one-layer image; docker's answer is one
/// message with the new image's id.
async fn import(ctx: Ctx) -> ApiResult<Resp> {
    match ctx.query.non_empty("fromSrc") {
        Some("-") => {}
        Some(url) => {
            return Err(ApiError::bad_request(format!(
                "importing from {url} is not supported: download the tarball and send it as the \
                 request body (fromSrc=-; docker import FILE does that)"
            )))
        }
        None => {
            return Err(ApiError::bad_request(
                "give fromImage (pull) or fromSrc (import)",
            ))
        }
    }
    let reference = ctx
        .query
        .non_empty("repo")
        .map(|repo| match ctx.query.non_empty("tag") {
            Some(tag) => format!("{repo}:{tag}"),
            None => repo.to_string(),
        });
    let opts = ImportOptions {
        message: ctx.query.get("message").unwrap_or_default().to_string(),
        changes: ctx
            .query
            .all("changes")
            .into_iter()
            .map(str::to_string)
            .collect(),
        platform: ctx.query.non_empty("platform").map(str::to_string),
    };
    let (r, w) = std::io::pipe().map_err(|e| ApiError::internal(format!("pipe: {e}")))?;
    let importing = ctx
        .state
        .engine(move |e| Ok(e.import_image(r, reference.as_deref(), &opts)?));
    let (fed, imported) = tokio::join!(body::into_pipe(ctx.req.into_body(), w), importing);
    let id = imported?;
    fed?;
    let out = format!("{}\r\n", json!({"status": format!("sha256:{id}")}));
    Ok(body::full(StatusCode::OK, "application/json", out))
}

/// `POST /images/load?quiet=` with a docker or OCI archive as the body: docker's JSON
/// message stream, one `Loaded image: NAME` per name (`Loaded image ID:` for an image without).
pub async fn load(ctx: Ctx) -> ApiResult<Resp> {
    let (r, w) = std::io::pipe().map_err(|e| ApiError::internal(format!("pipe: {e}")))?;
    let loading = ctx.state.engine(move |e| Ok(e.load(None, r)?));
    let (fed, loaded) = tokio::join!(body::into_pipe(ctx.req.into_body(), w), loading);
    let loaded = loaded?;
    fed?;
    let mut out = String::new();
    for image in &loaded {
        if image.names.is_empty() {
            out.push_str(
                &json!({"stream": format!("Loaded image ID: sha256:{}\n", image.id)}).to_string(),
            );
            out.push('\n');
        }
        for name in &image.names {
            out.push_str(&json!({"stream": format!("Loaded image: {name}\n")}).to_string());
            out.push('\n');
        }
    }
    Ok(body::full(StatusCode::OK, "application/json", out))
}
