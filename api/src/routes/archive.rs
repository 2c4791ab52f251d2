//! The archive routes (`docker cp`): `HEAD` (a path's stat), `GET` (a path as a tar stream)
//! and `PUT` (a tar stream extracted into a directory) of `/containers/{id}/archive?path=`.
//! The copies themselves run in the launcher's processes: they mount the container's file
//! system or join its namespaces, which no threaded process may.

use std::os::fd::OwnedFd;

use base64::Engine as _;
use hyper::StatusCode;
use serde_json::json;
use skiff_libpod::container::copy::{clean_container_path, PathStat};
use skiff_libpod::container::launcher::Launcher;

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};

/// The `path` parameter made absolute and lexically clean (`.` dropped, `..` taking the
/// component before it, never above `/`), or a 400: `x/..` then names `/`, not `x`.
fn path_of(ctx: &Ctx) -> ApiResult<String> {
    let raw = ctx
        .query
        .non_empty("path")
        .ok_or_else(|| ApiError::bad_request("give the path in the container (path=)"))?;
    Ok(clean_container_path(raw))
}

/// The `path` parameter as the client wrote it (a trailing `/` kept).
fn as_written(ctx: &Ctx) -> String {
    ctx.query.non_empty("path").unwrap_or_default().to_string()
}

/// Whether the `path` parameter ends in `/.` (or is `.`): docker then names the path `.` in
/// its stat and archive (the directory's contents, which the client puts under a new name).
fn names_contents(ctx: &Ctx) -> bool {
    ctx.query
        .non_empty("path")
        .is_some_and(|p| p == "." || p.ends_with("/."))
}

/// Go's `os.FileMode` bits of `st_mode`, as docker puts them in a stat.
fn go_mode(mode: u32) -> u32 {
    let mut m = mode & 0o777;
    let kind = mode & libc::S_IFMT;
    m |= match kind {
        libc::S_IFDIR => 1 << 31,
        libc::S_IFLNK => 1 << 27,
        libc::S_IFBLK => 1 << 26,
        libc::S_IFCHR => (1 << 26) | (1 << 21),
        libc::S_IFIFO => 1 << 25,
        libc::S_IFSOCK => 1 << 24,
        _ => 0,
    };
    if mode & libc::S_ISUID != 0 {
        m |= 1 << 23;
    }
    if mode & libc::S_ISGID != 0 {
        m |= 1 << 22;
    }
    if mode & libc::S_ISVTX != 0 {
        m |= 1 << 20;
    }
    m
}

/// docker's `X-Docker-Container-Path-Stat` header: the stat as base64 JSON.
fn stat_header(s: &PathStat) -> String {
    let doc = json!({
        "name": s.name,
        "size": s.size,
        "mode": go_mode(s.mode),
        "mtime": skiff_libpod::container::time::rfc3339_nanos(s.mtime),
        "linkTarget": s.link_target,
    });
    base64::engine::general_purpose::STANDARD.encode(doc.to_string())
}

/// Adds the stat header to `resp`.
fn with_stat(mut resp: Resp, stat: &PathStat) -> Resp {
    resp.headers_mut().insert(
        "X-Docker-Container-Path-Stat",
        stat_header(stat).parse().expect("base64 is a valid header"),
    );
    resp
}

/// docker's 404 for a path missing from container `given` (as the client named it); other
/// engine errors as they are.
fn not_found_as_docker(e: skiff_libpod::Error, given: &str) -> ApiError {
    match e {
        skiff_libpod::Error::NotFound {
            kind: "file", name, ..
        } => ApiError::not_found(format!(
            "Could not find the file {name} in container {given}"
        )),
        other => other.into(),
    }
}

/// The container's full id, or a 404.
async fn container_id(ctx: &Ctx, id: &str) -> ApiResult<String> {
    let name = id.to_string();
    let rec = ctx
        .state
        .engine(move |e| Ok(e.lookup_container(&name)?))
        .await?;
    Ok(rec.id)
}

/// Runs `f` with the service's launcher on a blocking thread; a missing path is docker's 404
/// for container `given`.
async fn with_launcher<T, F>(ctx: &Ctx, given: &str, f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Launcher) -> skiff_libpod::Result<T> + Send + 'static,
{
    let launcher = ctx.state.launcher();
    tokio::task::spawn_blocking(move || f(&launcher))
        .await
        .map_err(|e| ApiError::internal(format!("copy task: {e}")))?
        .map_err(|e| not_found_as_docker(e, given))
}

/// `HEAD /containers/{id}/archive?path=`: 200 with the path's stat; 404 when it is missing.
pub async fn head(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let path = path_of(&ctx)?;
    let full = container_id(&ctx, id).await?;
    let asked = as_written(&ctx);
    let contents = names_contents(&ctx);
    match with_launcher(&ctx, id, move |l| l.stat(&full, &path, contents)).await? {
        Some(s) if names_a_directory(&asked, &s) => Ok(with_stat(body::empty(StatusCode::OK), &s)),
        Some(_) => Err(not_a_directory(&asked, id)),
        None => Err(ApiError::not_found(format!(
            "Could not find the file {asked} in container {id}"
        ))),
    }
}

/// Whether `path`'s stat `s` fits how it was written: `DIR/` must be a directory (or a link,
/// which the copy follows), as the kernel's lstat of `FILE/` fails. The docker CLI stats its
/// destination first: `docker cp F ctr:/d/file/` must fail, not overwrite /d/file.
fn names_a_directory(path: &str, s: &PathStat) -> bool {
    let kind = s.mode & libc::S_IFMT;
    path.len() <= 1 || !path.ends_with('/') || kind == libc::S_IFDIR || kind == libc::S_IFLNK
}

/// docker's answer to `FILE/`: no such directory.
fn not_a_directory(path: &str, id: &str) -> ApiError {
    ApiError::not_found(format!(
        "Could not find the file {path} in container {id}: not a directory"
    ))
}

/// `GET /containers/{id}/archive?path=`: the path as a tar stream, with its stat.
pub async fn get(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let path = path_of(&ctx)?;
    let full = container_id(&ctx, id).await?;
    let contents = names_contents(&ctx);
    let asked = as_written(&ctx);
    let (stat, tar) =
        with_launcher(&ctx, id, move |l| l.archive_get(&full, &path, contents)).await?;
    if !names_a_directory(&asked, &stat) {
        return Err(not_a_directory(&asked, id));
    }
    let resp = body::from_reader("application/x-tar", tar);
    Ok(with_stat(resp, &stat))
}

/// `GET /containers/{id}/export`: the container's own files (not its mounts) as a tar stream.
pub async fn export(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let full = container_id(&ctx, id).await?;
    let tar = with_launcher(&ctx, id, move |l| l.export(&full)).await?;
    Ok(body::from_reader("application/x-tar", tar))
}

/// `PUT /containers/{id}/archive?path=DIR&copyUIDGID=&noOverwriteDirNonDir=`: extracts the
/// body (a tar stream) into directory DIR; 200. As docker's daemon: the files keep the
/// archive's owners (those the container has), and with copyUIDGID belong to the container's
/// user when it has one; with noOverwriteDirNonDir (the docker CLI sends it) a directory and a
/// non-directory do not replace each other.
pub async fn put(ctx: Ctx, id: &str) -> ApiResult<Resp> {
    let path = path_of(&ctx)?;
    let copy_uid_gid = ctx.query.flag("copyUIDGID");
    let overwrite = !ctx.query.flag("noOverwriteDirNonDir");
    let full = container_id(&ctx, id).await?;
    let (r, w) = std::io::pipe().map_err(|e| ApiError::internal(format!("pipe: {e}")))?;
    let launcher = ctx.state.launcher();
    let copy = tokio::task::spawn_blocking(move || {
        launcher.archive_put(&full, &path, copy_uid_gid, overwrite, OwnedFd::from(r))
    });
    body::into_pipe(ctx.req.into_body(), w).await?;
    copy.await
        .map_err(|e| ApiError::internal(format!("copy task: {e}")))?
        .map_err(|e| not_found_as_docker(e, id))?;
    Ok(body::empty(StatusCode::OK))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_cleaned_and_stay_under_the_root() {
        assert_eq!(clean_container_path("x/.."), "/");
        assert_eq!(clean_container_path("/a/./b//c/../d"), "/a/b/d");
        assert_eq!(clean_container_path("../../etc"), "/etc");
        assert_eq!(clean_container_path("/"), "/");
    }

    #[test]
    fn file_modes_as_go_writes_them() {
        assert_eq!(go_mode(libc::S_IFDIR | 0o755), (1 << 31) | 0o755);
        assert_eq!(go_mode(libc::S_IFREG | 0o644), 0o644);
        assert_eq!(go_mode(libc::S_IFLNK | 0o777), (1 << 27) | 0o777);
        assert_eq!(
            go_mode(libc::S_IFREG | libc::S_ISUID | 0o755),
            (1 << 23) | 0o755
        );
        assert_eq!(
            go_mode(libc::S_IFCHR | 0o666),
            (1 << 26) | (1 << 21) | 0o666
        );
    }
}
