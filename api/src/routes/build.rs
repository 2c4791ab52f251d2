//! `POST /build`: docker's classic build endpoint (what `docker build` without BuildKit,
//! docker-compose and docker-py send). The body is the context as a tar stream (plain, gzip
//! or zstd); the build runs in a process of the launcher, as `skiff build` would, and its
//! output comes back as docker's JSON messages: `{"stream": LINE}` as it goes, then
//! `{"aux": {"ID": "sha256:..."}}`, or `{"errorDetail": ..., "error": ...}`.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::os::fd::OwnedFd;

use bytes::Bytes;
use serde_json::{json, Value};
use skiff_libpod::build::{BuildOptions, Squash, StepSettings};
use skiff_libpod::image::login::GivenCredentials;
use skiff_libpod::image::pull::PullPolicy;
use tokio::sync::mpsc;

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};

/// A JSON object parameter (`buildargs`, `labels`): string values, `null` ones left out.
fn string_map(ctx: &Ctx, key: &str) -> ApiResult<BTreeMap<String, String>> {
    let Some(raw) = ctx.query.get(key).filter(|v| !v.is_empty()) else {
        return Ok(BTreeMap::new());
    };
    let map: BTreeMap<String, Option<String>> = serde_json::from_str(raw)
        .map_err(|e| ApiError::bad_request(format!("invalid {key}: {e}")))?;
    Ok(map
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect())
}

/// docker's `pull` parameter: a boolean in docker's spellings (docker-py sends `False` and
/// `True`; true is `always`), or podman's policy names.
fn pull_policy(raw: Option<&str>) -> ApiResult<PullPolicy> {
    let raw = raw.unwrap_or("");
    if crate::query::is_false(raw) {
        return Ok(PullPolicy::Missing);
    }
    match raw.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" => Ok(PullPolicy::Always),
        other => other.parse().map_err(ApiError::bad_request),
    }
}

/// How RUN steps' containers are set up, from docker's `extrahosts` (repeated, or podman's
/// JSON list), `shmsize`, `ulimits` (JSON), `memory`, `memswap`, `cpushares`, `cpuperiod`,
/// `cpuquota`, `cpusetcpus`, `cpusetmems` and `cgroupparent`.
fn step_settings(ctx: &Ctx) -> ApiResult<StepSettings> {
    let q = &ctx.query;
    let mut add_host = Vec::new();
    for v in q.all("extrahosts").into_iter().filter(|v| !v.is_empty()) {
        if v.starts_with('[') {
            let list: Vec<String> = serde_json::from_str(v)
                .map_err(|e| ApiError::bad_request(format!("invalid extrahosts: {e}")))?;
            add_host.extend(list);
        } else {
            add_host.push(v.to_string());
        }
    }
    let ulimits = match q.non_empty("ulimits") {
        Some(raw) => super::create::ulimits(
            &serde_json::from_str(raw)
                .map_err(|e| ApiError::bad_request(format!("invalid ulimits: {e}")))?,
        )?,
        None => Vec::new(),
    };
    // The same limits as a container's HostConfig, read the same way.
    let host = json!({
        "Memory": q.int("memory")?,
        "MemorySwap": q.int("memswap")?,
        "CpuShares": q.int("cpushares")?,
        "CpuPeriod": q.int("cpuperiod")?,
        "CpuQuota": q.int("cpuquota")?,
        "CpusetCpus": q.non_empty("cpusetcpus"),
        "CpusetMems": q.non_empty("cpusetmems"),
    });
    let mut resources = super::create::resources_of(&host)?;
    resources.cgroup_parent = q.non_empty("cgroupparent").map(str::to_string);
    Ok(StepSettings {
        add_host,
        shm_size: q.int("shmsize")?.filter(|n| *n > 0).map(|n| n.to_string()),
        ulimits,
        security_opt: Vec::new(),
        resources,
        ..StepSettings::default()
    })
}

/// Where a build stands once its output has begun or ended.
enum Build {
    /// It ended with this image id, before any output.
    Built(String),
    /// It runs (or has ended with output): its result comes from this task.
    Running(tokio::task::JoinHandle<skiff_libpod::Result<String>>),
}

/// `POST /build?t=&dockerfile=&buildargs=&labels=&target=&nocache=&pull=&q=&networkmode=&platform=&squash=`
/// and the step settings of [`step_settings`].
pub async fn build(ctx: Ctx) -> ApiResult<Resp> {
    if ctx.query.get("remote").is_some_and(|r| !r.is_empty()) {
        return Err(ApiError::bad_request(
            "building from a remote context is not supported: send the context as the body",
        ));
    }
    let tags: Vec<String> = ctx.query.all("t").iter().map(|t| t.to_string()).collect();
    let quiet = ctx.query.flag("q");
    let dockerfile = ctx.query.non_empty("dockerfile").map(str::to_string);
    let network = ctx
        .query
        .get("networkmode")
        .filter(|n| !n.is_empty() && *n != "default")
        .map(str::to_string);
    let opts = BuildOptions {
        context: None,
        dockerfile: String::new(),
        dockerfile_name: String::new(),
        tags: tags.clone(),
        target: ctx.query.non_empty("target").map(str::to_string),
        build_args: string_map(&ctx, "buildargs")?,
        labels: string_map(&ctx, "labels")?,
        no_cache: ctx.query.flag("nocache"),
        pull: pull_policy(ctx.query.get("pull"))?,
        network,
        platform: ctx.query.non_empty("platform").map(str::to_string),
        tls_verify: None,
        loopback_plain_http: true,
        credentials: GivenCredentials {
            any: None,
            by_registry: crate::registry_auth::config_header(&ctx)?,
        },
        secrets: BTreeMap::new(),
        ssh: BTreeMap::new(),
        // docker's `cachefrom` names images whose history seeds the cache, not podman's
        // cache repositories: the local cache serves the API's builds.
        cache_from: Vec::new(),
        cache_to: None,
        steps: step_settings(&ctx)?,
        from: None,
        omit_history: false,
        // docker's `squash` (an experimental daemon's): the build's layers as one.
        squash: match ctx.query.flag("squash") {
            true => Squash::NewLayers,
            false => Squash::None,
        },
        env: Vec::new(),
        unsetenv: Vec::new(),
        os_version: None,
        os_features: Vec::new(),
        build_contexts: Default::default(),
        manifest_type: None,
        ignorefile: None,
        build_unused_stages: false,
        annotations: Default::default(),
        cache_ttl_secs: None,
        timestamp: None,
    };
    let (context_r, context_w) =
        std::io::pipe().map_err(|e| ApiError::internal(format!("pipe: {e}")))?;
    let (out_r, out_w) = std::io::pipe().map_err(|e| ApiError::internal(format!("pipe: {e}")))?;
    let launcher = ctx.state.launcher();
    let job = tokio::task::spawn_blocking(move || {
        launcher.build(
            &opts,
            dockerfile.as_deref(),
            OwnedFd::from(context_r),
            OwnedFd::from(out_w),
        )
    });
    body::into_pipe(ctx.req.into_body(), context_w).await?;
    // The build's output, line by line; the pipe ends when the build has ended. Bounded: a
    // client that stops reading holds the build back, not the service's memory.
    let (line_tx, mut lines) = mpsc::channel::<Vec<u8>>(64);
    tokio::task::spawn_blocking(move || {
        let mut r = std::io::BufReader::new(std::fs::File::from(OwnedFd::from(out_r)));
        loop {
            let mut line = Vec::new();
            match r.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if line_tx.blocking_send(line).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let first = lines.recv().await;
    let ended = |job: tokio::task::JoinHandle<skiff_libpod::Result<String>>| async move {
        job.await
            .unwrap_or_else(|e| Err(skiff_libpod::Error::Runtime(format!("build task: {e}"))))
    };
    // A build that fails before its first output (a Dockerfile that does not parse or is not
    // in the context, a bad argument) is an error status, as docker's daemon answers it
    // (docker-py raises APIError, the docker CLI prints "Error response from daemon").
    let build = match first {
        None => Build::Built(ended(job).await.map_err(ApiError::from)?),
        Some(_) => Build::Running(job),
    };
    let (resp, tx) = body::stream("application/json");
    tokio::spawn(async move {
        let send = |v: Value| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(Bytes::from(format!("{v}\r\n"))).await;
            }
        };
        // The build's last lines, its tags, are held back: docker's classic builder reports
        // them after "Successfully built ID", which is sent once the build has ended. A line
        // of that form that more output follows (a RUN step's) goes out in its place.
        // The engine's own "Successfully built" line is held back too, and dropped when only
        // tags follow it: the stream sends docker's once the build has ended. One that more
        // output follows (pip's "Successfully built numpy" in a RUN step) goes out.
        let mut tagged: Vec<String> = Vec::new();
        let mut next = first;
        while let Some(line) = next {
            let text = String::from_utf8_lossy(&line).into_owned();
            if quiet {
            } else if text.starts_with("Successfully built ") {
                for held in tagged.drain(..) {
                    send(json!({"stream": held})).await;
                }
                tagged.push(text);
            } else if text.starts_with("Successfully tagged ") {
                tagged.push(text);
            } else {
                for held in tagged.drain(..) {
                    send(json!({"stream": held})).await;
                }
                send(json!({"stream": text})).await;
            }
            next = lines.recv().await;
        }
        // Docker's own line replaces the engine's, which is the first held one.
        if tagged
            .first()
            .is_some_and(|l| l.starts_with("Successfully built "))
        {
            tagged.remove(0);
        }
        let result = match build {
            Build::Built(id) => Ok(id),
            Build::Running(job) => ended(job).await,
        };
        match result {
            Ok(id) => {
                send(json!({"aux": {"ID": format!("sha256:{id}")}})).await;
                if quiet {
                    send(json!({"stream": format!("sha256:{id}\n")})).await;
                } else {
                    // docker-py reads the id from this line when a daemon sends no aux.
                    send(json!({"stream": format!("Successfully built {}\n", &id[..12])})).await;
                }
                for line in tagged {
                    send(json!({"stream": line})).await;
                }
            }
            Err(e) => {
                for line in tagged {
                    send(json!({"stream": line})).await;
                }
                let message = e.to_string();
                let code = match &e {
                    skiff_libpod::Error::StepFailed { code, .. } => *code,
                    _ => 1,
                };
                send(json!({"errorDetail": {"code": code, "message": message}, "error": message}))
                    .await;
            }
        }
    });
    Ok(resp)
}

/// `POST /build/prune?all=&filters=&keep-storage=` (`docker builder prune`, the last step of
/// `docker system prune`): deletes the build cache, the unnamed images of build steps no
/// container uses (with `all`, also those a named image builds on; the newest kept within
/// `keep-storage`, or API 1.48's `reserved-space`, bytes); docker's `{"CachesDeleted": [...],
/// "SpaceReclaimed": bytes}`.
pub async fn prune(ctx: Ctx) -> ApiResult<Resp> {
    let all = ctx.query.flag("all");
    let keep = match ctx.query.int("keep-storage")? {
        Some(n) => Some(n),
        None => ctx.query.int("reserved-space")?,
    };
    let keep = keep.unwrap_or(0).max(0).unsigned_abs();
    let filters = ctx.query.filters()?;
    let report = ctx
        .prune(filters, move |e, filter| {
            e.prune_build_cache(all, filter, keep)
        })
        .await?;
    let deleted: Vec<&str> = report
        .removed
        .iter()
        .filter_map(|r| match r {
            skiff_libpod::image::remove::Removed::Deleted(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    Ok(body::json(&json!({
        "CachesDeleted": deleted,
        "SpaceReclaimed": report.reclaimed,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_takes_docker_booleans_and_podman_policies() {
        assert_eq!(pull_policy(None).unwrap(), PullPolicy::Missing);
        assert_eq!(pull_policy(Some("1")).unwrap(), PullPolicy::Always);
        assert_eq!(pull_policy(Some("True")).unwrap(), PullPolicy::Always);
        assert_eq!(pull_policy(Some("False")).unwrap(), PullPolicy::Missing);
        assert_eq!(pull_policy(Some("never")).unwrap(), PullPolicy::Never);
        assert!(pull_policy(Some("sometimes")).is_err());
    }
}
