//! `images`: one summary row per (image, name), read with one query.

use skiff_storage::Reference;

use crate::engine::Engine;
use crate::error::Result;
use crate::image::prune::BUILT_ON;

/// One row of `skiff images`: an image under one of its names (or none: dangling).
#[derive(Debug, Clone)]
pub struct ImageSummary {
    /// The image id (hex, no prefix).
    pub id: String,
    /// Repository as docker shows it (`alpine`, `localhost:5055/library/busybox`), or `<none>`.
    pub repository: String,
    /// The tag, or `<none>`.
    pub tag: String,
    /// The repository digest (`sha256:...`) for this repository, or `<none>`.
    pub digest: String,
    /// Creation time (unix seconds).
    pub created: i64,
    /// Size in bytes.
    pub size: i64,
    /// Whether the image has no name at all.
    pub dangling: bool,
    /// Whether it is a build step's image that no build ended with: `images` shows it only
    /// with `-a` (docker's intermediate images).
    pub intermediate: bool,
}

impl Engine {
    /// podman's NamesHistory of image `id`: every name it was given, each once, the latest
    /// first (names moved to another image or taken off stay).
    pub fn image_names_history(&mut self, id: &str) -> Result<Vec<String>> {
        let conn = self.catalog()?.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT name FROM image_name_history WHERE image_id = ?1
             GROUP BY name ORDER BY MAX(seq) DESC",
        )?;
        let names = stmt
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(names)
    }

    /// Every stored image under each of its names, newest first; an image without names
    /// appears once as `<none>:<none>`. Intermediate: a build step's image that no build
    /// ended with, or one a named image builds on (an old result a rebuild continued from,
    /// docker's parent image).
    pub fn list_images(&mut self) -> Result<Vec<ImageSummary>> {
        let conn = self.catalog()?.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT i.id, i.created, i.size, n.name,
                    EXISTS (SELECT 1 FROM build_cache b WHERE b.image_id = i.id)
                    AND NOT EXISTS (SELECT 1 FROM build_cache b
                                    WHERE b.image_id = i.id AND b.intermediate = 0)
             FROM images i LEFT JOIN image_names n ON n.image_id = i.id
             ORDER BY i.created DESC, i.id, n.name",
        )?;
        // Asked only of the few unnamed images that are no step's alone, prepared when the
        // first comes: inside the listing's query SQLite ran it for every row (`images` took
        // 3x the instructions).
        let mut built_on = None;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        let mut digests = conn.prepare_cached(
            "SELECT image_id, repo, digest FROM image_digests ORDER BY repo, digest",
        )?;
        let all_digests: Vec<(String, String, String)> = digests
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out: Vec<ImageSummary> = Vec::new();
        // The repositories the current image's named rows showed: its digests of other
        // repositories get rows of their own once its last named row is out.
        let mut shown: Vec<String> = Vec::new();
        for row in rows {
            let (id, created, size, name, intermediate) = row?;
            if out.last().is_some_and(|last| last.id != id) {
                digest_rows(&mut out, &all_digests, &mut shown);
            }
            let parsed = name.as_deref().and_then(|n| Reference::parse(n).ok());
            let (repository, tag, digest) = match &parsed {
                Some(r) => {
                    let repo = r.name();
                    let digest = all_digests
                        .iter()
                        .find(|(di, dr, _)| *di == id && *dr == repo)
                        .map_or("<none>".to_string(), |(_, _, d)| d.clone());
                    shown.push(repo);
                    (r.familiar_name(), r.tag_or_latest().to_string(), digest)
                }
                // Without names: the rows of its digests follow, or this one is
                // `<none>:<none>`.
                None => ("<none>".into(), "<none>".into(), "<none>".into()),
            };
            let intermediate = match (name.is_none(), intermediate) {
                (false, _) => false,
                (true, true) => true,
                (true, false) => {
                    let stmt = match &mut built_on {
                        Some(stmt) => stmt,
                        None => built_on.insert(conn.prepare_cached(&format!(
                            "SELECT {BUILT_ON} FROM images i WHERE i.id = ?1"
                        ))?),
                    };
                    stmt.query_row([&id], |r| r.get::<_, bool>(0))?
                }
            };
            out.push(ImageSummary {
                dangling: name.is_none(),
                intermediate,
                id,
                repository,
                tag,
                digest,
                created,
                size,
            });
        }
        digest_rows(&mut out, &all_digests, &mut shown);
        Ok(out)
    }
}

/// docker's rows for the digests of the last image in `out` whose repositories its named rows
/// did not show (`shown`, emptied here): an image pulled by digest lists its repository and
/// digest with no tag, beside its tags of other repositories. An image without names has its
/// `<none>:<none>` row replaced by these when it has digests.
fn digest_rows(
    out: &mut Vec<ImageSummary>,
    all_digests: &[(String, String, String)],
    shown: &mut Vec<String>,
) {
    let Some(last) = out.last() else {
        return;
    };
    let mut extra: Vec<ImageSummary> = all_digests
        .iter()
        .filter(|(di, repo, _)| *di == last.id && !shown.contains(repo))
        .map(|(_, repo, digest)| ImageSummary {
            repository: Reference::parse(repo).map_or(repo.clone(), |r| r.familiar_name()),
            tag: "<none>".into(),
            digest: digest.clone(),
            ..last.clone()
        })
        .collect();
    // One row per repository (its first digest), as the named rows show one.
    extra.dedup_by(|a, b| a.repository == b.repository);
    if !extra.is_empty() && last.repository == "<none>" {
        out.pop();
    }
    out.extend(extra);
    shown.clear();
}

/// docker's `reference=` filter and `images REPOSITORY[:TAG]`: `pattern` matches an image
/// named `repository:tag` (`repository` in familiar form, as [`ImageSummary::repository`])
/// when, as a path glob (`*` and `?` do not cross `/`), it matches the familiar `repo:tag` or
/// the familiar repository alone, so a repository without a tag matches all its tags. A
/// pattern without wildcards is read as a reference first, so `docker.io/library/busybox`
/// matches what is shown as `busybox`. A short name (no registry, no wildcards) also matches
/// it on each of the `search` registries (registries.conf's unqualified-search registries),
/// as podman's does: `busybox` finds `localhost:5055/busybox`, which an unqualified `busybox`
/// pulled from that search registry.
pub fn reference_matches(pattern: &str, repository: &str, tag: &str, search: &[String]) -> bool {
    if matches_as_named(pattern, repository, tag) {
        return true;
    }
    if pattern.contains(['*', '?']) || names_a_registry(pattern) {
        return false;
    }
    search.iter().any(|registry| {
        repository
            .strip_prefix(registry.as_str())
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|short| matches_as_named(pattern, short, tag))
    })
}

/// How closely `pattern` names the image `repository:tag` (see [`reference_matches`]): 0 as
/// named, 1 on some registry (`busybox` for `localhost:5055/busybox`), 2 without that
/// registry's `library/` too; None when it does not. What a pull stored a short name under.
pub(crate) fn reference_match_rank(pattern: &str, repository: &str, tag: &str) -> Option<u8> {
    if matches_as_named(pattern, repository, tag) {
        return Some(0);
    }
    let wildcards = pattern.contains(['*', '?']);
    let short =
        without_registry(repository).filter(|_| !wildcards && !names_a_registry(pattern))?;
    if matches_as_named(pattern, short, tag) {
        return Some(1);
    }
    short
        .strip_prefix("library/")
        .filter(|s| matches_as_named(pattern, s, tag))
        .map(|_| 2)
}

/// Whether the first component of `name` is a registry host (`localhost`, or with a `.` or
/// `:`), as docker reads a reference.
fn names_a_registry(name: &str) -> bool {
    name.split_once('/')
        .is_some_and(|(first, _)| first == "localhost" || first.contains(['.', ':']))
}

/// `repository` without its registry host, when it names one.
fn without_registry(repository: &str) -> Option<&str> {
    names_a_registry(repository)
        .then(|| repository.split_once('/').map(|(_, rest)| rest))
        .flatten()
}

/// [`reference_matches`] against the repository as it is named.
fn matches_as_named(pattern: &str, repository: &str, tag: &str) -> bool {
    let full = format!("{repository}:{tag}");
    if glob(pattern.as_bytes(), full.as_bytes()) || glob(pattern.as_bytes(), repository.as_bytes())
    {
        return true;
    }
    if pattern.contains(['*', '?']) {
        return false;
    }
    let Ok(r) = Reference::parse(pattern) else {
        return false;
    };
    let last = pattern.rsplit('/').next().unwrap_or(pattern);
    let has_tag = last.split('@').next().is_some_and(|t| t.contains(':'));
    r.familiar_name() == repository && (!has_tag || r.tag_or_latest() == tag)
}

/// Go's `path.Match` for `*` and `?`: neither matches a `/`.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match (pattern.first(), text.first()) {
        (None, None) => true,
        (Some(b'*'), _) => {
            glob(&pattern[1..], text)
                || (text.first().is_some_and(|c| *c != b'/') && glob(pattern, &text[1..]))
        }
        (Some(b'?'), Some(c)) if *c != b'/' => glob(&pattern[1..], &text[1..]),
        (Some(p), Some(c)) if p == c => glob(&pattern[1..], &text[1..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::reference_matches;

    fn m(pattern: &str, repository: &str, tag: &str) -> bool {
        reference_matches(pattern, repository, tag, &["localhost:5055".to_string()])
    }

    #[test]
    fn a_repository_matches_all_its_tags() {
        let repo = "localhost:5000/library/busybox";
        assert!(m(repo, repo, "latest"));
        assert!(m(repo, repo, "zstd"));
        assert!(m("localhost:5000/library/busybox:zstd", repo, "zstd"));
        assert!(!m("localhost:5000/library/busybox:zstd", repo, "latest"));
        assert!(!m("localhost:5000/library/busy", repo, "latest"));
    }

    #[test]
    fn familiar_and_full_names_match_alike() {
        assert!(m("busybox", "busybox", "latest"));
        assert!(m("busybox:1", "busybox", "1"));
        assert!(!m("busybox:1", "busybox", "2"));
        assert!(m("docker.io/library/busybox", "busybox", "1"));
        assert!(m("docker.io/library/busybox:1", "busybox", "1"));
        assert!(m("library/busybox", "busybox", "1"));
        assert!(m("user/app", "user/app", "1"));
        assert!(!m("app", "user/app", "1"));
    }

    #[test]
    fn a_short_name_matches_a_search_registry_s_image() {
        let repo = "localhost:5055/busybox";
        assert!(m("busybox", repo, "latest"));
        assert!(m("busybox:latest", repo, "latest"));
        assert!(!m("busybox:1", repo, "latest"));
        assert!(!m("busy*", repo, "latest"));
        assert!(!m("busybox", "127.0.0.1:5055/library/busybox", "latest"));
        assert!(!m("other.io/busybox", repo, "latest"));
        assert!(!m("box", repo, "latest"));
        assert!(!m("busybox", "localhost:50555/busybox", "latest"));
        assert!(!reference_matches("busybox", repo, "latest", &[]));
    }

    #[test]
    fn wildcards_do_not_cross_slashes() {
        assert!(m("busy*", "busybox", "latest"));
        assert!(m("busybox:*", "busybox", "latest"));
        assert!(m("*/library/*", "localhost:5000/library/busybox", "1"));
        assert!(m("*/*/busybox:?", "localhost:5000/library/busybox", "1"));
        assert!(!m("*", "user/app", "1"));
        assert!(!m("busy*", "localhost:5000/library/busybox", "1"));
        assert!(m(
            "localhost:5000/*/busy*",
            "localhost:5000/library/busybox",
            "1"
        ));
    }
}
