//! `--userns`: which user namespace a container runs in, and the mapping of one of its own.
//!
//! Ids here are those of the *engine's* namespace: rootless, skiff's user namespace (the
//! caller's uid at 0, its subordinate ids from 1 on, see [`crate::runtime::userns`]); as root,
//! the host's. A layer file of image uid `x` is stored as engine id `x`, so a container with a
//! mapping of its own gets copies of its layers whose owners go through that mapping (see
//! [`crate::runtime::idshift`]).
//!
//! - `""`/`host`: no namespace of its own (rootless: skiff's namespace, the caller as root).
//! - `keep-id[:uid=U,gid=G]` (rootless): the caller's ids are U:G inside (default: the same
//!   as outside), the subordinate ids fill the rest; the process runs as U:G.
//! - `nomap` (rootless): the subordinate ids only; the caller's ids are not mapped.
//! - `auto[:size=N]`, `private`: a range of N ids (default: what the image needs, as podman
//!   sizes it, see [`super::userns_size`]) that no other container has, from the caller's
//!   subordinate ids (rootless) or /etc/subuid's `containers` entry (root).
//! - `ns:PATH` (as root): the existing user namespace at PATH (e.g. another container's
//!   /proc/PID/ns/user); its mapping, read at create, gives the container's files their owners.
//!   Rootless it is refused: skiff runs in a namespace of its own, and a namespace it did not
//!   make cannot be entered from there.

use std::path::{Path, PathBuf};

pub use super::config::UsernsConfig;
use super::userns_size::AUTO_MIN_SIZE;
use crate::error::{Error, Result};
use crate::runtime::userns::{build_map, parse_subid, SubIdRange};
use crate::runtime::{idshift, IdMap, IdRange};

/// A parsed `--userns` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsernsMode {
    /// `""` or `host`.
    Host,
    /// `keep-id` with its `uid=`/`gid=` options.
    KeepId {
        /// The caller's uid inside (default: its own).
        uid: Option<u32>,
        /// The caller's gid inside (default: its own).
        gid: Option<u32>,
    },
    /// `nomap`.
    NoMap,
    /// `ns:PATH`: the user namespace at this path.
    Path(String),
    /// `container:ID` (as root): the user namespace of another container (one of its own,
    /// `auto` or a mapping), joined at each start; a pod with `--userns` gives it its members.
    Container(String),
    /// `auto[:size=N]` and `private`: a range of ids for this container alone.
    Auto {
        /// How many ids (`None`: as many as the image needs).
        size: Option<u32>,
    },
}

fn invalid(msg: String) -> Error {
    Error::InvalidArgument(msg)
}

/// Parses a `--userns` value.
pub fn parse(value: &str) -> Result<UsernsMode> {
    let (name, rest) = value.split_once(':').unwrap_or((value, ""));
    let options = || rest.split(',').filter(|o| !o.is_empty());
    let number = |key: &str, v: &str| {
        v.parse::<u32>().map_err(|_| {
            invalid(format!(
                "--userns {value}: {key}={v:?} is not a number: give e.g. {key}=1000"
            ))
        })
    };
    let unknown = |o: &str| {
        invalid(format!(
            "--userns {value}: unknown option {o:?} for {name} (keep-id takes uid= and gid=, auto takes size=)"
        ))
    };
    match name {
        "" | "host" if options().next().is_none() => Ok(UsernsMode::Host),
        "keep-id" => {
            let (mut uid, mut gid) = (None, None);
            for o in options() {
                match o.split_once('=') {
                    Some(("uid", v)) => uid = Some(number("uid", v)?),
                    Some(("gid", v)) => gid = Some(number("gid", v)?),
                    _ => return Err(unknown(o)),
                }
            }
            Ok(UsernsMode::KeepId { uid, gid })
        }
        "nomap" if options().next().is_none() => Ok(UsernsMode::NoMap),
        "private" if options().next().is_none() => Ok(UsernsMode::Auto { size: None }),
        "auto" => {
            let mut size = None;
            for o in options() {
                match o.split_once('=') {
                    Some(("size", v)) => size = Some(number("size", v)?),
                    _ => return Err(unknown(o)),
                }
            }
            if size == Some(0) {
                return Err(invalid(format!("--userns {value}: size must be above 0")));
            }
            Ok(UsernsMode::Auto { size })
        }
        "ns" if rest.starts_with('/') => Ok(UsernsMode::Path(rest.to_string())),
        "ns" => Err(invalid(format!(
            "--userns {value}: give the namespace's absolute path, e.g. ns:/proc/PID/ns/user"
        ))),
        "container" if !rest.is_empty() => Ok(UsernsMode::Container(rest.to_string())),
        _ => Err(invalid(format!(
            "invalid --userns {value:?}: use host, keep-id[:uid=UID,gid=GID], nomap, \
             auto[:size=N], private, ns:PATH or container:ID"
        ))),
    }
}

/// The engine's own ids, as (uid ranges, gid ranges) of engine ids starting at 0: rootless,
/// the caller's id and its subordinate ranges (what skiff's namespace maps); `None` as root.
fn engine_ids() -> Result<Option<(u32, u32)>> {
    if nix::unistd::getuid().is_root() && !crate::runtime::userns::in_userns() {
        return Ok(None);
    }
    let (uids, gids) = caller_subids();
    let size = |r: &[SubIdRange]| {
        build_map(0, r)
            .iter()
            .map(|x| x.container.saturating_add(x.size))
            .max()
            .unwrap_or(1)
    };
    if uids.is_empty() || gids.is_empty() {
        return Err(invalid(format!(
            "--userns needs subordinate ids for {} in /etc/subuid and /etc/subgid: add a range \
             with `{}`",
            caller_name(),
            crate::runtime::userns::add_subids_command(&caller_name())
        )));
    }
    Ok(Some((size(&uids), size(&gids))))
}

fn caller_name() -> String {
    let uid = caller_ids().0;
    nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| uid.to_string())
}

/// The caller's real uid and gid on the host (outside skiff's namespace, when inside it).
pub fn caller_ids() -> (u32, u32) {
    let own = (
        nix::unistd::getuid().as_raw(),
        nix::unistd::getgid().as_raw(),
    );
    if !crate::runtime::userns::in_userns() {
        return own;
    }
    let map = crate::runtime::userns::current_id_map();
    let host =
        |m: &[IdRange], own: u32| m.iter().find(|r| r.container == 0).map_or(own, |r| r.host);
    (host(&map.uids, own.0), host(&map.gids, own.1))
}

fn caller_subids() -> (Vec<SubIdRange>, Vec<SubIdRange>) {
    let (uid, _) = caller_ids();
    let name = caller_name();
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    (
        parse_subid(&read("/etc/subuid"), &name, uid),
        parse_subid(&read("/etc/subgid"), &name, uid),
    )
}

/// The keep-id mapping of an engine namespace of `total` ids (0 = the caller): inside ids
/// below `inside` come from engine ids 1.., `inside` is the caller (engine id 0), and the ids
/// above `inside` map to the same engine ids, as podman maps them.
pub fn keep_id_map(inside: u32, total: u32) -> Vec<IdRange> {
    let below = inside.min(total.saturating_sub(1));
    let mut map = Vec::new();
    if below > 0 {
        map.push(IdRange::new(0, 1, below));
    }
    map.push(IdRange::new(inside, 0, 1));
    let above = inside.saturating_add(1);
    if above < total {
        map.push(IdRange::new(above, above, total - above));
    }
    map
}

/// The nomap mapping: inside ids 0.. from engine ids 1.. (the caller is not mapped).
pub fn nomap_map(total: u32) -> Vec<IdRange> {
    vec![IdRange::new(0, 1, total.saturating_sub(1))]
}

/// What a container's `--userns` becomes in its configuration, with `user` its `--user`
/// (`None`: not given). `keep-id` and `nomap` get their mapping here, and keep-id sets the
/// user; `auto` gets its range at [`allocate`], in the transaction that records it.
pub fn configure(value: Option<&str>, user: &mut Option<String>) -> Result<UsernsConfig> {
    let Some(value) = value else {
        return Ok(UsernsConfig::default());
    };
    let mode = parse(value)?;
    let root_refusal = |what: &str| {
        invalid(format!(
            "--userns {what} is for rootless containers (it maps the calling user's own id): \
             as root use --userns auto, or run skiff as the user"
        ))
    };
    let map = match &mode {
        UsernsMode::Host | UsernsMode::Auto { .. } => None,
        // The other container's mapping, filled in when it is looked up at create.
        UsernsMode::Container(_) => None,
        UsernsMode::Path(path) => {
            if engine_ids()?.is_some() {
                return Err(invalid(format!(
                    "--userns {value} needs root: rootless, skiff runs in a user namespace of \
                     its own, from which one it did not make cannot be joined; use --userns \
                     auto, keep-id or nomap"
                )));
            }
            Some(crate::runtime::userns::map_of_namespace(Path::new(path))?)
        }
        UsernsMode::KeepId { uid, gid } => {
            let Some((uids, gids)) = engine_ids()? else {
                return Err(root_refusal("keep-id"));
            };
            let (own_uid, own_gid) = caller_ids();
            let (u, g) = (uid.unwrap_or(own_uid), gid.unwrap_or(own_gid));
            if user.is_none() {
                *user = Some(format!("{u}:{g}"));
            }
            Some(IdMap {
                uids: keep_id_map(u, uids),
                gids: keep_id_map(g, gids),
            })
        }
        UsernsMode::NoMap => {
            let Some((uids, gids)) = engine_ids()? else {
                return Err(root_refusal("nomap"));
            };
            Some(IdMap {
                uids: nomap_map(uids),
                gids: nomap_map(gids),
            })
        }
    };
    Ok(UsernsConfig {
        mode: value.to_string(),
        map,
    })
}

/// The ids `auto` allocates from, in engine ids: rootless, skiff's namespace without the
/// caller (1..); as root, /etc/subuid's and /etc/subgid's `containers` ranges.
fn auto_pool() -> Result<(Vec<SubIdRange>, Vec<SubIdRange>)> {
    match engine_ids()? {
        Some((uids, gids)) => {
            let pool = |n: u32| {
                vec![SubIdRange {
                    start: 1,
                    count: n - 1,
                }]
            };
            Ok((pool(uids), pool(gids)))
        }
        None => {
            let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
            let uids = parse_subid(&read("/etc/subuid"), "containers", u32::MAX);
            let gids = parse_subid(&read("/etc/subgid"), "containers", u32::MAX);
            if uids.is_empty() || gids.is_empty() {
                return Err(invalid(
                    "--userns auto as root takes its ranges from the user \"containers\" in \
                     /etc/subuid and /etc/subgid, which has none: add one with \
                     `usermod --add-subuids 2147483647-2147549183 --add-subgids \
                     2147483647-2147549183 containers` (the user must exist: `useradd -r \
                     containers`)"
                        .into(),
                ));
            }
            Ok((uids, gids))
        }
    }
}

/// The first `size` ids of `pool` that overlap no range of `used`, as one range.
pub fn first_free(pool: &[SubIdRange], used: &[IdRange], size: u32) -> Option<u32> {
    for r in pool {
        let end = r.start as u64 + r.count as u64;
        let mut start = r.start as u64;
        loop {
            if start + size as u64 > end {
                break;
            }
            let clash = used.iter().find(|u| {
                let (a, b) = (u.host as u64, u.host as u64 + u.size as u64);
                a < start + size as u64 && start < b
            });
            match clash {
                Some(u) => start = u.host as u64 + u.size as u64,
                None => return Some(start as u32),
            }
        }
    }
    None
}

/// podman's `--subuidname NAME` / `--subgidname NAME` (`flag`): the ranges `file`
/// (/etc/subuid, /etc/subgid) grants NAME, one after the other from container id 0, as
/// `--uidmap` values. Root only: rootless, host ids are skiff's namespace's, use `--uidmap`.
pub fn named_ranges(flag: &str, file: &Path, name: &str) -> Result<Vec<String>> {
    if engine_ids()?.is_some() {
        return Err(invalid(format!(
            "{flag} needs root: rootless, give the mapping in skiff's namespace's ids with --uidmap/--gidmap"
        )));
    }
    let content = std::fs::read_to_string(file)
        .map_err(|e| invalid(format!("{flag} {name}: reading {}: {e}", file.display())))?;
    let ranges = crate::runtime::userns::parse_subid(&content, name, u32::MAX);
    if ranges.is_empty() {
        return Err(invalid(format!(
            "{flag} {name}: {} grants {name} no ids: add a line NAME:START:COUNT",
            file.display()
        )));
    }
    let mut inside = 0u32;
    let mut out = Vec::new();
    for r in ranges {
        out.push(format!("{inside}:{}:{}", r.start, r.count));
        inside = inside.saturating_add(r.count);
    }
    Ok(out)
}

/// podman's `--uidmap` and `--gidmap` (each `CONTAINER:HOST:SIZE`, repeatable; either alone
/// stands for both): the container's own mapping, in engine ids (rootless: 0 is the caller,
/// 1.. its subordinate ids), checked to fit them and not to overlap.
pub fn explicit_map(uidmap: &[String], gidmap: &[String]) -> Result<IdMap> {
    let parse = |flag: &str, specs: &[String]| -> Result<Vec<IdRange>> {
        let mut out: Vec<IdRange> = Vec::new();
        for spec in specs {
            let bad = |why: &str| {
                invalid(format!(
                    "invalid {flag} {spec:?}: {why}: give CONTAINER_ID:HOST_ID:SIZE, e.g. 0:1:65536"
                ))
            };
            let parts: Vec<&str> = spec.split(':').collect();
            let [c, h, n] = parts.as_slice() else {
                return Err(bad("three numbers are needed"));
            };
            let num = |v: &str| v.parse::<u32>().map_err(|_| bad("not a number"));
            let range = IdRange::new(num(c)?, num(h)?, num(n)?);
            if range.size == 0
                || range.container.checked_add(range.size).is_none()
                || range.host.checked_add(range.size).is_none()
            {
                return Err(bad(
                    "the size must be at least 1 and the range fit in 32 bits",
                ));
            }
            let overlaps =
                |a: u32, b: u32, size_a: u32, size_b: u32| a < b + size_b && b < a + size_a;
            if out.iter().any(|r| {
                overlaps(r.container, range.container, r.size, range.size)
                    || overlaps(r.host, range.host, r.size, range.size)
            }) {
                return Err(bad("it overlaps another range"));
            }
            out.push(range);
        }
        Ok(out)
    };
    let uids = parse("--uidmap", uidmap)?;
    let gids = parse("--gidmap", gidmap)?;
    let (uids, gids) = match (uids.is_empty(), gids.is_empty()) {
        (false, true) => (uids.clone(), uids),
        (true, false) => (gids.clone(), gids),
        _ => (uids, gids),
    };
    if let Some((uid_count, gid_count)) = engine_ids()? {
        for (what, ranges, count) in [
            ("--uidmap", &uids, uid_count),
            ("--gidmap", &gids, gid_count),
        ] {
            if let Some(r) = ranges.iter().find(|r| r.host + r.size > count) {
                return Err(invalid(format!(
                    "{what} {}:{}:{}: rootless, host ids are those of skiff's user namespace, 0 to {} \
                     (0 is you, the rest your subordinate ids): keep the range within them",
                    r.container,
                    r.host,
                    r.size,
                    count - 1
                )));
            }
        }
    }
    Ok(IdMap { uids, gids })
}

impl crate::engine::Engine {
    /// What an `auto` container without `size=` (`config`) needs for its image ([`needed`](super::userns_size::needed),
    /// read in the engine's user namespace); None for any other `--userns`.
    pub(crate) fn auto_userns_needs(
        &mut self,
        config: &super::ContainerConfig,
    ) -> Result<Option<u32>> {
        if parse(&config.userns.mode)? != (UsernsMode::Auto { size: None }) {
            return Ok(None);
        }
        self.enter_userns()?;
        super::userns_size::needed(&self.layer_dirs(&config.layers)).map(Some)
    }
}

/// Gives an `auto` container (`config`) its range: the first ids of the pool that no other
/// container in the catalog has, as many as `size=` asks, or else as `image_needs` (see
/// [`crate::engine::Engine::auto_userns_needs`]) but no more than the pool's largest range
/// holds. Runs inside the transaction that inserts the container, so two creates never get
/// the same range.
pub(crate) fn allocate(
    tx: &rusqlite::Transaction<'_>,
    config: &mut super::ContainerConfig,
    image_needs: Option<u32>,
) -> Result<()> {
    if config.userns.mode.is_empty() {
        return Ok(());
    }
    let UsernsMode::Auto { size } = parse(&config.userns.mode)? else {
        return Ok(());
    };
    let (uid_pool, gid_pool) = auto_pool()?;
    let size = size.unwrap_or_else(|| {
        let largest = |pool: &[SubIdRange]| pool.iter().map(|r| r.count).max().unwrap_or(0);
        let room = largest(&uid_pool)
            .min(largest(&gid_pool))
            .max(AUTO_MIN_SIZE);
        image_needs.unwrap_or(AUTO_MIN_SIZE).min(room)
    });
    let mut used = IdMap::default();
    for rec in super::rows::all(tx)? {
        if let (Some(map), Ok(UsernsMode::Auto { .. })) =
            (&rec.config.userns.map, parse(&rec.config.userns.mode))
        {
            used.uids.extend(map.uids.iter().copied());
            used.gids.extend(map.gids.iter().copied());
        }
    }
    let pick = |pool: &[SubIdRange], used: &[IdRange], what: &str| {
        first_free(pool, used, size).ok_or_else(|| {
            Error::Conflict(format!(
                "--userns auto: no free range of {size} {what}s left (other containers hold \
                 {} ranges): remove some, or ask for fewer with --userns auto:size=N",
                used.len()
            ))
        })
    };
    let uid = pick(&uid_pool, &used.uids, "uid")?;
    let gid = pick(&gid_pool, &used.gids, "gid")?;
    let range = |host| vec![IdRange::new(0, host, size)];
    config.userns.map = Some(IdMap {
        uids: range(uid),
        gids: range(gid),
    });
    Ok(())
}

/// Fails, saying what to change, when a directory above `dir` (the container's) cannot be
/// entered from a namespace with mapping `map`: one that leaves out its owner (`nomap`, `auto`
/// leave out the caller) must let its group and others read and search it (the namespace keeps the caller's groups), or the overlay mount is refused.
fn check_reachable(dir: &Path, map: &IdMap, mode: &str) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let mapped = |id: u32| {
        map.uids
            .iter()
            .any(|r| id >= r.host && id - r.host < r.size)
    };
    for ancestor in dir.ancestors().skip(1) {
        let Ok(meta) = std::fs::metadata(ancestor) else {
            continue;
        };
        if meta.mode() & 0o055 != 0o055 && !mapped(meta.uid()) {
            let flag = match mode {
                "" => "--uidmap/--gidmap".to_string(),
                mode => format!("--userns {mode}"),
            };
            return Err(Error::InvalidArgument(format!(
                "{flag}: the container's user namespace leaves out the owner of {}, \
                 which others may not read and enter (mode {:o}): open it \
                 (chmod go+rx {}) or give skiff a --root outside it",
                ancestor.display(),
                meta.mode() & 0o777,
                ancestor.display()
            )));
        }
    }
    Ok(())
}

/// The layer directories container `rec` (in `dir`) mounts: the image's, or for a container
/// with a mapping of its own their copies with shifted owners (made at its first start); its
/// upper and work directories then belong to its root. Call it inside skiff's user namespace
/// (rootless).
pub(crate) fn layer_dirs(
    engine: &crate::engine::Engine,
    rec: &super::ContainerRecord,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    let layers = engine.layer_dirs(&rec.config.layers);
    let Some(map) = &rec.config.userns.map else {
        return Ok(layers);
    };
    check_reachable(dir, map, &rec.config.userns.mode)?;
    let failed = |e: std::io::Error| {
        Error::Runtime(format!(
            "preparing the container's files for its user namespace: {e}"
        ))
    };
    let shift = idshift::Shift {
        uids: &map.uids,
        gids: &map.gids,
    };
    let copies =
        idshift::shifted_layers(&layers, &dir.join("userns-layers"), &shift).map_err(failed)?;
    let root = root_owner(map);
    for sub in ["upper", "work"] {
        let p = dir.join(sub);
        if p.is_dir() {
            std::os::unix::fs::lchown(&p, root.0, root.1).map_err(failed)?;
        }
    }
    Ok(copies)
}

/// The host uid and gid of the container's root under mapping `map`: the owner of the files
/// skiff makes for a container with a mapping of its own.
pub(crate) fn root_owner(map: &IdMap) -> (Option<u32>, Option<u32>) {
    (idshift::map_id(&map.uids, 0), idshift::map_id(&map.gids, 0))
}

/// A keep-id container's /etc/passwd and /etc/group lines for the caller under its inside uid
/// and gid (each added when the container's file has neither that id nor the name, as podman
/// adds them: `peer:*:1004:1004:peer:/home/peer:/bin/sh` and `peer:x:1004:peer`); also for a
/// container in a keep-id container's namespace (a member of a keep-id pod).
pub(crate) fn keep_id_account_lines(rec: &super::ContainerRecord) -> Option<(String, String)> {
    let map = rec.config.userns.map.as_ref()?;
    if !matches!(
        parse(&rec.config.userns.mode),
        Ok(UsernsMode::KeepId { .. } | UsernsMode::Container(_))
    ) {
        return None;
    }
    let inside = |m: &[IdRange]| m.iter().find(|r| r.host == 0).map(|r| r.container);
    let (uid, gid) = (inside(&map.uids)?, inside(&map.gids)?);
    let (host_uid, host_gid) = caller_ids();
    let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(host_uid))
        .ok()
        .flatten();
    let name = user
        .as_ref()
        .map_or_else(|| host_uid.to_string(), |u| u.name.clone());
    let home = user.map_or_else(|| "/".into(), |u| u.dir.display().to_string());
    let group = nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(host_gid))
        .ok()
        .flatten()
        .map_or_else(|| host_gid.to_string(), |g| g.name);
    Some((
        format!("{name}:*:{uid}:{gid}:{name}:{home}:/bin/sh"),
        format!("{group}:x:{gid}:{name}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_maps_each_standing_for_both_checked() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        if engine_ids().ok().flatten().is_some() {
            return; // rootless: the bounds depend on this user's subordinate ids
        }
        let m = explicit_map(&v(&["0:100000:1000", "1000:5000:1"]), &[]).unwrap();
        assert_eq!(
            m.uids,
            [IdRange::new(0, 100000, 1000), IdRange::new(1000, 5000, 1)]
        );
        assert_eq!(m.gids, m.uids);
        let m = explicit_map(&v(&["0:1:10"]), &v(&["0:2:10"])).unwrap();
        assert_eq!((m.uids[0].host, m.gids[0].host), (1, 2));
        for bad in ["0:1", "0:1:0", "a:1:2", "0:1:2:3", "4294967295:1:2"] {
            let e = explicit_map(&v(&[bad]), &[]).unwrap_err().to_string();
            assert!(e.contains("CONTAINER_ID:HOST_ID:SIZE"), "{bad}: {e}");
        }
        let e = explicit_map(&v(&["0:100:10", "5:200:10"]), &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("overlaps"), "{e}");
    }

    #[test]
    fn parses_every_mode() {
        assert_eq!(parse("host").unwrap(), UsernsMode::Host);
        assert_eq!(
            parse("keep-id").unwrap(),
            UsernsMode::KeepId {
                uid: None,
                gid: None
            }
        );
        assert_eq!(
            parse("keep-id:uid=200,gid=210").unwrap(),
            UsernsMode::KeepId {
                uid: Some(200),
                gid: Some(210)
            }
        );
        assert_eq!(parse("auto").unwrap(), UsernsMode::Auto { size: None });
        assert_eq!(
            parse("auto:size=500").unwrap(),
            UsernsMode::Auto { size: Some(500) }
        );
        assert_eq!(parse("private").unwrap(), UsernsMode::Auto { size: None });
        assert_eq!(parse("nomap").unwrap(), UsernsMode::NoMap);
        assert_eq!(
            parse("ns:/proc/1/ns/user").unwrap(),
            UsernsMode::Path("/proc/1/ns/user".into())
        );
        assert!(parse("ns:relative").is_err());
        assert_eq!(
            parse("container:web").unwrap(),
            UsernsMode::Container("web".into())
        );
        for bad in [
            "container:",
            "bogus",
            "keep-id:uid=x",
            "keep-id:size=3",
            "auto:size=0",
            "host:x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keep_id_maps_like_podman() {
        // podman run --userns=keep-id:uid=11 ... cat /proc/self/uid_map
        assert_eq!(
            keep_id_map(11, 65537),
            vec![
                IdRange::new(0, 1, 11),
                IdRange::new(11, 0, 1),
                IdRange::new(12, 12, 65525)
            ]
        );
        assert_eq!(
            keep_id_map(0, 65537),
            vec![IdRange::new(0, 0, 1), IdRange::new(1, 1, 65536)]
        );
        // A uid beyond the subordinate ids: only the ids there are.
        assert_eq!(
            keep_id_map(100_000, 65537),
            vec![IdRange::new(0, 1, 65536), IdRange::new(100_000, 0, 1)]
        );
    }

    #[test]
    fn nomap_leaves_the_caller_out() {
        assert_eq!(nomap_map(65537), vec![IdRange::new(0, 1, 65536)]);
    }

    #[test]
    fn first_free_skips_used_ranges() {
        let pool = [SubIdRange {
            start: 1,
            count: 4096,
        }];
        assert_eq!(first_free(&pool, &[], 1024), Some(1));
        assert_eq!(
            first_free(&pool, &[IdRange::new(0, 1, 1024)], 1024),
            Some(1025)
        );
        assert_eq!(
            first_free(
                &pool,
                &[IdRange::new(0, 1025, 1024), IdRange::new(0, 1, 1024)],
                1024
            ),
            Some(2049)
        );
        assert_eq!(
            first_free(&pool, &[IdRange::new(0, 500, 10)], 1024),
            Some(510)
        );
        assert_eq!(first_free(&pool, &[IdRange::new(0, 1, 4000)], 1024), None);
    }
}
