//! Parsers for the values of `run`/`create` flags: `-v`, `--mount`, `--tmpfs`, `--ulimit`,
//! `--restart`, `--memory`, `--cpus`, `--env-file`, signals. Pure functions, unit-tested.

use super::config::{MountConfig, MountKind, RestartPolicy, Ulimit};
use crate::error::{Error, Result};

fn invalid(msg: String) -> Error {
    Error::InvalidArgument(msg)
}

/// Parses `-v SRC:DST[:OPTS]`, `-v DST` (anonymous volume) or `-v NAME:DST`.
/// A source starting with `/` or `.` is a bind mount, anything else a named volume.
pub fn parse_volume_flag(spec: &str) -> Result<MountConfig> {
    let parts: Vec<&str> = spec.split(':').collect();
    if parts.len() > 1 && parts.iter().any(|p| p.is_empty()) {
        return Err(invalid(format!(
            "invalid volume specification {spec:?}: empty section between colons"
        )));
    }
    let (source, dest, opts) = match parts.as_slice() {
        [d] => ("", *d, ""),
        [s, d] => (*s, *d, ""),
        [s, d, o] => (*s, *d, *o),
        _ => {
            return Err(invalid(format!(
                "invalid volume specification {spec:?}: use SOURCE:DEST[:OPTIONS]"
            )))
        }
    };
    if !dest.starts_with('/') {
        return Err(invalid(format!(
            "invalid volume specification {spec:?}: the container path {dest:?} must be absolute"
        )));
    }
    let mut read_only = false;
    let mut options = Vec::new();
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" => read_only = true,
            "rw" => read_only = false,
            "z" | "Z" | "O" | "U" | "rprivate" | "private" | "rshared" | "shared" | "rslave"
            | "slave" | "nocopy" | "copy" | "bind" | "rbind" => options.push(o.to_string()),
            other => {
                return Err(invalid(format!(
                    "invalid volume specification {spec:?}: unknown option {other:?}"
                )))
            }
        }
    }
    let kind = if source.starts_with('/') || source.starts_with('.') {
        MountKind::Bind
    } else {
        MountKind::Volume
    };
    let source = if kind == MountKind::Bind {
        absolutize(source)?
    } else {
        source.to_string()
    };
    Ok(MountConfig {
        kind,
        source,
        destination: clean_dest(dest)?,
        read_only,
        options,
        create_source: kind == MountKind::Bind,
    })
}

/// The fields of a `--mount` value: comma-separated, a field in double quotes may hold commas
/// (`"volume-opt=o=size=1m,uid=1000"`), and `""` inside one is a quote, as docker reads it
/// (CSV). Written here: one function, where a CSV crate would bring a reader for files.
fn csv_fields(spec: &str) -> Result<Vec<String>> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if quoted {
        return Err(invalid(format!(
            "invalid mount {spec:?}: a quote is not closed"
        )));
    }
    fields.push(field);
    Ok(fields)
}

/// The create-time settings a volume mount carries for the named volume it makes
/// (`volume-opt=KEY=VALUE` and `volume-label=KEY=VALUE` options), taken out of `options`.
pub fn take_volume_settings(
    options: &mut Vec<String>,
) -> (
    std::collections::BTreeMap<String, String>,
    std::collections::BTreeMap<String, String>,
) {
    let mut opts = std::collections::BTreeMap::new();
    let mut labels = std::collections::BTreeMap::new();
    options.retain(|o| {
        let (map, kv) = if let Some(kv) = o.strip_prefix(VOLUME_OPT) {
            (&mut opts, kv)
        } else if let Some(kv) = o.strip_prefix(VOLUME_LABEL) {
            (&mut labels, kv)
        } else {
            return true;
        };
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        map.insert(k.to_string(), v.to_string());
        false
    });
    (opts, labels)
}

pub use crate::runtime::mounts::{RO_TOP_ONLY, SUBPATH};

/// The option prefixes of a volume mount's settings for the volume it creates
/// (`volume-opt=KEY=VALUE`, `volume-label=KEY=VALUE`; see [`take_volume_settings`]).
pub const VOLUME_OPT: &str = "volume-opt=";
/// See [`VOLUME_OPT`].
pub const VOLUME_LABEL: &str = "volume-label=";

/// Refuses a mount's volume driver other than `local` (docker's `volume-driver`, the API's
/// `VolumeOptions.DriverConfig.Name`): volume plugins need a daemon. The error is the reason
/// alone, for the caller to say which mount and driver it was.
pub fn check_volume_driver(driver: &str) -> std::result::Result<(), &'static str> {
    if matches!(driver, "" | "local") {
        return Ok(());
    }
    Err("skiff has only the \"local\" volume driver (volume plugins need a daemon)")
}

/// The `subpath=` option of a volume's directory `rel` (docker's `volume-subpath`, the API's
/// `VolumeOptions.Subpath`): relative, without `..`. The error is the reason alone.
pub fn subpath_option(rel: &str) -> std::result::Result<String, String> {
    use std::path::Component;
    let path = std::path::Path::new(rel);
    if rel.is_empty() || path.is_absolute() {
        return Err("give a path inside the volume, relative to its root".into());
    }
    if path.components().any(|c| c == Component::ParentDir) {
        return Err("a subpath cannot climb out with \"..\"".into());
    }
    Ok(format!("{SUBPATH}{rel}"))
}

/// Parses `--mount type=bind|volume|tmpfs,source=..,target=..[,readonly][,tmpfs-size=..]`.
pub fn parse_mount_flag(spec: &str) -> Result<MountConfig> {
    let mut kind = None;
    let mut source = String::new();
    let mut dest = String::new();
    let mut read_only = false;
    let mut options = Vec::new();
    let mut recursion = None;
    for field in csv_fields(spec)? {
        let (k, v) = field.split_once('=').unwrap_or((&field, ""));
        match k {
            "type" => {
                kind = Some(match v {
                    "bind" => MountKind::Bind,
                    "volume" => MountKind::Volume,
                    "tmpfs" => MountKind::Tmpfs,
                    other => {
                        return Err(invalid(format!(
                            "invalid mount {spec:?}: type {other:?} is not supported; use bind, volume or tmpfs"
                        )))
                    }
                })
            }
            "source" | "src" => source = v.to_string(),
            "target" | "destination" | "dst" => dest = v.to_string(),
            "readonly" | "ro" => read_only = v.is_empty() || v == "true" || v == "1",
            "tmpfs-size" => options.push(format!("size={v}")),
            "tmpfs-mode" => options.push(format!("mode={v}")),
            // docker's: a directory of the volume, not its root.
            "volume-subpath" => options.push(subpath_option(v).map_err(|reason| {
                invalid(format!("invalid mount {spec:?}: volume-subpath {v:?}: {reason}"))
            })?),
            // docker's: how a named volume the mount creates is made (a volume that exists
            // keeps its own).
            "volume-opt" | "volume-label" => {
                if !v.contains('=') {
                    return Err(invalid(format!(
                        "invalid mount {spec:?}: {k} {v:?}: give KEY=VALUE"
                    )));
                }
                options.push(format!("{k}={v}"));
            }
            "volume-driver" => check_volume_driver(v).map_err(|reason| {
                invalid(format!("invalid mount {spec:?}: volume-driver {v}: {reason}"))
            })?,
            "volume-nocopy" => {
                if matches!(v, "" | "true" | "1") {
                    options.push("nocopy".to_string());
                }
            }
            "bind-propagation" => match v {
                "private" | "rprivate" | "shared" | "rshared" | "slave" | "rslave" => {
                    options.push(v.to_string())
                }
                other => {
                    return Err(invalid(format!(
                        "invalid mount {spec:?}: bind-propagation {other:?}: use private, rprivate, shared, rshared, slave or rslave"
                    )))
                }
            },
            // podman's: the mount's files are given to the container's user at start.
            "U" | "chown" => {
                if matches!(v, "" | "true" | "1") {
                    options.push("U".to_string());
                }
            }
            // docker's: how a bind treats the mounts under its source.
            "bind-recursive" => match v {
                "enabled" | "disabled" | "writable" | "readonly" => recursion = Some(v.to_string()),
                other => {
                    return Err(invalid(format!(
                        "invalid mount {spec:?}: bind-recursive {other:?}: use enabled, disabled, writable or readonly"
                    )))
                }
            },
            "bind-nonrecursive" => {
                if matches!(v, "" | "true" | "1") {
                    recursion = Some("disabled".to_string());
                }
            }
            "consistency" => {}
            _ => return Err(invalid(format!("invalid mount {spec:?}: unknown field {k:?}"))),
        }
    }
    let not_volume = kind.is_some_and(|k| k != MountKind::Volume);
    let volume_only = [SUBPATH, VOLUME_OPT, VOLUME_LABEL];
    if not_volume
        && options
            .iter()
            .any(|o| volume_only.iter().any(|p| o.starts_with(p)))
    {
        return Err(invalid(format!(
            "invalid mount {spec:?}: volume-subpath, volume-opt and volume-label are for volume mounts: give type=volume"
        )));
    }
    match recursion.as_deref() {
        // Not the mounts under the source, only the source itself.
        Some("disabled") => options.push("bind".to_string()),
        // The mounts under it as they are: `readonly` makes only the top read-only.
        Some("writable") => options.push(RO_TOP_ONLY.to_string()),
        Some("readonly") if !read_only => {
            return Err(invalid(format!(
                "invalid mount {spec:?}: bind-recursive=readonly makes a read-only mount's submounts read-only too: add readonly"
            )))
        }
        // enabled, readonly: every mount under it is bound, and read-only with the mount.
        _ => {}
    }
    check_mount(MountConfig {
        kind: kind.unwrap_or(MountKind::Volume),
        source,
        destination: dest,
        read_only,
        options,
        create_source: false,
    })
    .map_err(|reason| invalid(format!("invalid mount {spec:?}: {reason}")))
}

/// Checks a mount given by its parts (a parsed `--mount`, or an item of the API's
/// HostConfig.Mounts) and completes it: the destination cleaned, a bind's source made
/// absolute, a tmpfs given docker's `noexec,nosuid,nodev` first. The error is the reason alone,
/// for the caller to say which mount it was.
pub fn check_mount(mut m: MountConfig) -> std::result::Result<MountConfig, String> {
    if m.kind == MountKind::Tmpfs {
        // docker's defaults for every tmpfs mount.
        let defaults = ["noexec", "nosuid", "nodev"].map(String::from);
        m.options.splice(0..0, defaults);
    }
    if !m.destination.starts_with('/') {
        return Err("target must be an absolute path".to_string());
    }
    if m.kind == MountKind::Bind {
        if m.source.is_empty() {
            return Err("a bind mount needs source=HOST_PATH".to_string());
        }
        m.source = absolutize(&m.source).map_err(|e| e.to_string())?;
    }
    if m.kind == MountKind::Tmpfs && !m.source.is_empty() {
        return Err("a tmpfs mount has no source".to_string());
    }
    m.destination = clean_dest(&m.destination).map_err(|e| e.to_string())?;
    Ok(m)
}

/// Parses `--tmpfs DST[:OPTS]`.
pub fn parse_tmpfs_flag(spec: &str) -> Result<MountConfig> {
    let (dest, opts) = spec.split_once(':').unwrap_or((spec, ""));
    tmpfs_mount(dest, opts).map_err(|reason| invalid(format!("invalid --tmpfs {spec:?}: {reason}")))
}

/// The options of tmpfs mount `m` as `--tmpfs` gives them (docker's HostConfig.Tmpfs shows what
/// was given): the defaults [`tmpfs_mount`] adds left out, a lifted one as its word (`exec`),
/// `ro` when read-only. [`tmpfs_mount`] of them makes `m` again.
pub fn tmpfs_flag_options(m: &MountConfig) -> String {
    let mut out: Vec<String> = Vec::new();
    if m.read_only {
        out.push("ro".to_string());
    }
    for default in TMPFS_DEFAULTS {
        if !m.options.iter().any(|o| o == default) {
            out.push(default[2..].to_string());
        }
    }
    out.extend(
        m.options
            .iter()
            .filter(|o| !TMPFS_DEFAULTS.contains(&o.as_str()))
            .cloned(),
    );
    out.join(",")
}

/// docker's and podman's defaults for `--tmpfs`; `exec`, `suid` and `dev` lift them.
const TMPFS_DEFAULTS: [&str; 3] = ["noexec", "nosuid", "nodev"];

/// A tmpfs at `dest` with mount options `opts` (comma-separated, as `--tmpfs` and the API's
/// HostConfig.Tmpfs give them). The error is the reason alone.
pub fn tmpfs_mount(dest: &str, opts: &str) -> std::result::Result<MountConfig, String> {
    if !dest.starts_with('/') {
        return Err("the path must be absolute".to_string());
    }
    let mut read_only = false;
    let mut options: Vec<String> = TMPFS_DEFAULTS.map(String::from).to_vec();
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" => read_only = true,
            "rw" => {}
            "exec" | "suid" | "dev" => options.retain(|d| d[2..] != *o),
            _ => options.push(o.to_string()),
        }
    }
    Ok(MountConfig {
        kind: MountKind::Tmpfs,
        source: String::new(),
        destination: clean_dest(dest).map_err(|e| e.to_string())?,
        read_only,
        options,
        create_source: false,
    })
}

fn absolutize(path: &str) -> Result<String> {
    let p = std::path::Path::new(path);
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(".", e))?
            .join(p)
    };
    Ok(abs.display().to_string())
}

/// A mount destination, normalized (`.` and `..` resolved, no trailing slash); `/` and anything
/// in `/proc` are refused
/// (a mount there would cover the root or the masked and read-only proc files).
pub(crate) fn clean_dest(dest: &str) -> Result<String> {
    let trimmed = dest.trim_end_matches('/');
    // Lexically, as the kernel would walk it from the container's root: `..` never goes above /.
    let mut normal = std::path::PathBuf::from("/");
    for c in std::path::Path::new(trimmed).components() {
        match c {
            std::path::Component::Normal(n) => normal.push(n),
            std::path::Component::ParentDir => {
                normal.pop();
            }
            _ => {}
        }
    }
    if trimmed.is_empty() || normal == std::path::Path::new("/") {
        return Err(invalid(format!(
            "invalid mount destination {dest:?}: it cannot be \"/\""
        )));
    }
    if normal.starts_with("/proc") {
        return Err(invalid(format!(
            "invalid mount destination {dest:?}: nothing can be mounted inside /proc"
        )));
    }
    Ok(normal.display().to_string())
}

/// Parses `--ulimit NAME=SOFT[:HARD]` (-1 or "unlimited" for no limit).
pub fn parse_ulimit(spec: &str) -> Result<Ulimit> {
    let bad = || {
        invalid(format!(
            "invalid --ulimit {spec:?}: use NAME=SOFT[:HARD], e.g. nofile=1024:2048"
        ))
    };
    let (name, values) = spec.split_once('=').ok_or_else(bad)?;
    let num = |v: &str| -> Result<i64> {
        if v == "unlimited" {
            Ok(-1)
        } else {
            v.parse::<i64>().map_err(|_| bad())
        }
    };
    let (soft, hard) = match values.split_once(':') {
        Some((s, h)) => (num(s)?, num(h)?),
        None => {
            let v = num(values)?;
            (v, v)
        }
    };
    check_ulimit(Ulimit {
        name: name.to_string(),
        soft,
        hard,
    })
    .map_err(|reason| invalid(format!("invalid --ulimit {spec:?}: {reason}")))
}

/// Checks a ulimit given by its parts (a parsed `--ulimit`, or an item of the API's
/// HostConfig.Ulimits): a known name, and a soft limit within the hard one. The error is the
/// reason alone.
pub fn check_ulimit(u: Ulimit) -> std::result::Result<Ulimit, String> {
    const NAMES: &[&str] = &[
        "core",
        "cpu",
        "data",
        "fsize",
        "locks",
        "memlock",
        "msgqueue",
        "nice",
        "nofile",
        "nproc",
        "rss",
        "rtprio",
        "rttime",
        "sigpending",
        "stack",
        "as",
    ];
    if !NAMES.contains(&u.name.as_str()) {
        return Err(format!("unknown limit {:?}", u.name));
    }
    if u.hard >= 0 && (u.soft < 0 || u.soft > u.hard) {
        return Err("the soft limit exceeds the hard limit".to_string());
    }
    Ok(u)
}

/// Parses `--restart no|on-failure[:N]|always|unless-stopped`.
pub fn parse_restart(spec: &str) -> Result<RestartPolicy> {
    let (name, max) = spec.split_once(':').unwrap_or((spec, ""));
    let bad = |reason: &str| invalid(format!("invalid --restart {spec:?}: {reason}"));
    let max_retries = match (name, max) {
        (_, "") => 0,
        ("on-failure", n) => n
            .parse()
            .map_err(|_| bad("the retry count must be a number"))?,
        _ => return Err(bad(RESTART_NAMES)),
    };
    restart_policy(name, max_retries).map_err(|reason| bad(&reason))
}

const RESTART_NAMES: &str = "use no, on-failure[:N], always or unless-stopped";

/// The restart policy of a name ("" is "no") and a retry count (on-failure's only; the API's
/// HostConfig.RestartPolicy, or a parsed `--restart`). The error is the reason alone.
pub fn restart_policy(name: &str, max_retries: u32) -> std::result::Result<RestartPolicy, String> {
    let name = if name.is_empty() { "no" } else { name };
    match name {
        "no" | "always" | "unless-stopped" | "on-failure" => Ok(RestartPolicy {
            name: name.to_string(),
            max_retries: if name == "on-failure" { max_retries } else { 0 },
        }),
        _ => Err(RESTART_NAMES.to_string()),
    }
}

/// Parses a size such as `512m`, `1g`, `1024` (bytes) into bytes.
pub fn parse_size(spec: &str) -> Result<i64> {
    let s = spec.trim().to_ascii_lowercase();
    let s = s.strip_suffix('b').unwrap_or(&s);
    let (num, mult) = match s.chars().last() {
        Some('k') => (&s[..s.len() - 1], 1i64 << 10),
        Some('m') => (&s[..s.len() - 1], 1 << 20),
        Some('g') => (&s[..s.len() - 1], 1 << 30),
        Some('t') => (&s[..s.len() - 1], 1 << 40),
        _ => (s, 1),
    };
    let v: f64 = num.parse().map_err(|_| {
        invalid(format!(
            "invalid size {spec:?}: use a number with an optional unit (b, k, m, g)"
        ))
    })?;
    if v < 0.0 {
        return Err(invalid(format!(
            "invalid size {spec:?}: must not be negative"
        )));
    }
    Ok((v * mult as f64) as i64)
}

/// Parses `--cpus 1.5` into billionths of a CPU.
pub fn parse_cpus(spec: &str) -> Result<i64> {
    let v: f64 = spec.parse().map_err(|_| {
        invalid(format!(
            "invalid --cpus {spec:?}: use a number such as 0.5 or 2"
        ))
    })?;
    if v.is_nan() || v < 0.0 {
        return Err(invalid(format!(
            "invalid --cpus {spec:?}: must not be negative"
        )));
    }
    Ok((v * 1e9) as i64)
}

/// Reads an `--env-file`: `KEY=VALUE` lines, `KEY` alone takes the caller's value (dropped when
/// unset), `#` comments and blank lines skipped, leading blanks ignored, as docker's. A name
/// with a space or a tab in it (`export A=1`), or a line without a name (`=x`), is an error, as
/// docker's.
pub fn parse_env_file(content: &str) -> std::result::Result<Vec<String>, BadKeyValue> {
    key_value_lines(content, expand_env)
}

/// The labels of a `--label-file`: `KEY=VALUE` lines (a line without `=` is skipped, as
/// docker's), otherwise as [`parse_env_file`].
pub fn parse_label_file(content: &str) -> std::result::Result<Vec<String>, BadKeyValue> {
    key_value_lines(content, |_| None)
}

/// Why a line of a key-value file was refused (see [`bad_key_value_file`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadKeyValue {
    /// The name holds a space or a tab (`export A=1`).
    Blank(String),
    /// The line has no name (`=x`).
    NoName(String),
}

/// docker's key-value files: each line without its leading blanks; blank and `#` lines skipped;
/// `KEY=VALUE` kept as it is, `KEY` alone replaced by `alone(KEY)` (`KEY=VALUE`) or dropped.
fn key_value_lines(
    content: &str,
    alone: impl Fn(&str) -> Option<String>,
) -> std::result::Result<Vec<String>, BadKeyValue> {
    let mut lines = Vec::new();
    // docker's: a UTF-8 byte order mark (a file saved by a Windows editor) is no part of the
    // first name.
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    for line in content.lines().map(str::trim_start) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let name = line.split_once('=').map_or(line, |(name, _)| name);
        if name.is_empty() {
            return Err(BadKeyValue::NoName(line.to_string()));
        }
        if name.contains([' ', '\t']) {
            return Err(BadKeyValue::Blank(name.to_string()));
        }
        match line.contains('=') {
            true => lines.push(line.to_string()),
            false => lines.extend(alone(name)),
        }
    }
    Ok(lines)
}

/// The lines of the `--env-file`s `paths`, in order (see [`parse_env_file`]); an error names
/// the file.
pub fn read_env_files(paths: &[std::path::PathBuf]) -> Result<Vec<String>> {
    read_key_value_files("--env-file", paths, parse_env_file)
}

/// The lines of the `--label-file`s `paths`, in order (see [`parse_label_file`]); an error
/// names the file.
pub fn read_label_files(paths: &[std::path::PathBuf]) -> Result<Vec<String>> {
    read_key_value_files("--label-file", paths, parse_label_file)
}

/// Reads each of `paths` (given with `flag`) and parses it with `parse`.
fn read_key_value_files(
    flag: &str,
    paths: &[std::path::PathBuf],
    parse: fn(&str) -> std::result::Result<Vec<String>, BadKeyValue>,
) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    for path in paths {
        let content = std::fs::read_to_string(path)
            .map_err(|e| Error::InvalidArgument(format!("{flag} {}: {e}", path.display())))?;
        let parsed = parse(&content)
            .map_err(|bad| Error::InvalidArgument(bad_key_value_file(path, &bad)))?;
        lines.extend(parsed);
    }
    Ok(lines)
}

/// docker's message for a key-value file `path` with a bad line (see [`parse_env_file`]).
fn bad_key_value_file(path: &std::path::Path, bad: &BadKeyValue) -> String {
    match bad {
        BadKeyValue::Blank(name) => format!(
            "invalid env file ({}): variable '{name}' contains whitespaces",
            path.display()
        ),
        BadKeyValue::NoName(line) => format!(
            "invalid env file ({}): no variable name on line '{line}'",
            path.display()
        ),
    }
}

/// Refuses an `-e` entry without a name (`=x`), as docker does.
pub fn check_env(entry: &str) -> Result<()> {
    if entry.is_empty() || entry.starts_with('=') {
        return Err(invalid(format!(
            "invalid environment variable {entry:?}: give it as NAME=VALUE or NAME"
        )));
    }
    Ok(())
}

/// `-e KEY=VALUE` stays as is; `-e KEY` takes the caller's value or is dropped when unset.
pub fn expand_env(entry: &str) -> Option<String> {
    if entry.contains('=') {
        Some(entry.to_string())
    } else {
        std::env::var(entry).ok().map(|v| format!("{entry}={v}"))
    }
}

/// Overlays `overrides` on `base` by key, keeping base order (an exec's `-e` on the container's
/// environment, as docker's).
pub fn merge_env(base: &[String], overrides: &[String]) -> Vec<String> {
    let mut out: Vec<String> = base.to_vec();
    for o in overrides {
        let k = env_name(o);
        match out.iter_mut().find(|e| env_name(e) == k) {
            Some(slot) => *slot = o.clone(),
            None => out.push(o.clone()),
        }
    }
    out
}

/// The variable an environment entry sets: `NAME` of `NAME=VALUE` (the whole entry without `=`).
pub(crate) fn env_name(entry: &str) -> &str {
    entry.split_once('=').map_or(entry, |(name, _)| name)
}

/// docker's merge of an image's environment with the user's (`-e`, `--env-file`): the user's
/// variables first, in their order (one given twice keeps its first place and its last value),
/// then each of the image's the user did not set.
pub fn user_first_env(image: &[String], user: &[String]) -> Vec<String> {
    let mut out = merge_env(&[], user);
    for e in image {
        if !out.iter().any(|o| env_name(o) == env_name(e)) {
            out.push(e.clone());
        }
    }
    out
}

/// podman's proxy variables, which `--http-proxy` (on by default) passes from the caller's
/// environment to the container's, under every variable set another way.
pub const PROXY_VARIABLES: [&str; 8] = [
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "ftp_proxy",
    "FTP_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// Resolves a signal given as a name (`TERM`, `SIGTERM`, `sigkill`) or number.
pub fn parse_signal(spec: &str) -> Result<i32> {
    if let Ok(n) = spec.parse::<i32>() {
        if (1..=64).contains(&n) {
            return Ok(n);
        }
    }
    let upper = spec.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    let n = match name {
        "HUP" => libc::SIGHUP,
        "INT" => libc::SIGINT,
        "QUIT" => libc::SIGQUIT,
        "ILL" => libc::SIGILL,
        "TRAP" => libc::SIGTRAP,
        "ABRT" | "IOT" => libc::SIGABRT,
        "BUS" => libc::SIGBUS,
        "FPE" => libc::SIGFPE,
        "KILL" => libc::SIGKILL,
        "USR1" => libc::SIGUSR1,
        "SEGV" => libc::SIGSEGV,
        "USR2" => libc::SIGUSR2,
        "PIPE" => libc::SIGPIPE,
        "ALRM" => libc::SIGALRM,
        "TERM" => libc::SIGTERM,
        "STKFLT" => libc::SIGSTKFLT,
        "CHLD" => libc::SIGCHLD,
        "CONT" => libc::SIGCONT,
        "STOP" => libc::SIGSTOP,
        "TSTP" => libc::SIGTSTP,
        "TTIN" => libc::SIGTTIN,
        "TTOU" => libc::SIGTTOU,
        "URG" => libc::SIGURG,
        "XCPU" => libc::SIGXCPU,
        "XFSZ" => libc::SIGXFSZ,
        "VTALRM" => libc::SIGVTALRM,
        "PROF" => libc::SIGPROF,
        "WINCH" => libc::SIGWINCH,
        "IO" | "POLL" => libc::SIGIO,
        "PWR" => libc::SIGPWR,
        "SYS" => libc::SIGSYS,
        _ => match realtime_signal(name) {
            Some(n) => n,
            None => {
                return Err(invalid(format!(
                    "invalid signal {spec:?}: use a name such as SIGTERM or a number"
                )))
            }
        },
    };
    Ok(n)
}

/// docker's real-time signal names: RTMIN (34), RTMIN+1 to RTMIN+15, RTMAX-14 to RTMAX-1 and
/// RTMAX (64), as Linux numbers them with the C library's first two reserved.
fn realtime_signal(name: &str) -> Option<i32> {
    const RTMIN: i32 = 34;
    const RTMAX: i32 = 64;
    let offset = |s: &str, max: i32| s.parse::<i32>().ok().filter(|n| (1..=max).contains(n));
    match name {
        "RTMIN" => Some(RTMIN),
        "RTMAX" => Some(RTMAX),
        _ => match (name.strip_prefix("RTMIN+"), name.strip_prefix("RTMAX-")) {
            (Some(n), _) => offset(n, 15).map(|n| RTMIN + n),
            (_, Some(n)) => offset(n, 14).map(|n| RTMAX - n),
            _ => None,
        },
    }
}

/// Parses a namespace flag (`--pid`, `--ipc`, `--uts`, `--cgroupns`) against the modes it
/// takes (`container:` stands for `container:NAME`); returns the value, trimmed.
pub fn parse_namespace_mode(flag: &str, spec: &str, modes: &[&str]) -> Result<String> {
    let ok = match spec.split_once(':') {
        Some(("container", name)) => modes.contains(&"container:") && !name.is_empty(),
        _ => modes.contains(&spec) && spec != "container:",
    };
    if !ok {
        let list = modes
            .iter()
            .map(|m| {
                if *m == "container:" {
                    "container:NAME"
                } else {
                    m
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        return Err(invalid(format!("invalid --{flag} {spec:?}: use {list}")));
    }
    Ok(spec.to_string())
}

/// Parses `--device HOST[:CONTAINER[:PERMS]]` (PERMS: docker's `rwm` letters).
pub fn parse_device(spec: &str) -> Result<super::config::DeviceConfig> {
    let parts: Vec<&str> = spec.split(':').collect();
    let perms_ok = |p: &str| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| "rwm".contains(c));
    let (host, container, perms) = match parts.as_slice() {
        [h] => (*h, *h, "rwm"),
        [h, p] if perms_ok(p) => (*h, *h, *p),
        [h, c] => (*h, *c, "rwm"),
        [h, c, p] => (*h, *c, *p),
        _ => {
            return Err(invalid(format!(
                "invalid --device {spec:?}: use HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]]"
            )))
        }
    };
    check_device(host, container, perms)
        .map_err(|reason| invalid(format!("invalid --device {spec:?}: {reason}")))
}

/// Checks a device given by its parts (a parsed `--device`, or an item of the API's
/// HostConfig.Devices): absolute paths and permissions of `rwm` (all of them rootless, where
/// nothing can restrict a device). The error is the reason alone.
pub fn check_device(
    host: &str,
    container: &str,
    perms: &str,
) -> std::result::Result<super::config::DeviceConfig, String> {
    if !host.starts_with('/') || !container.starts_with('/') {
        return Err("the paths must be absolute, e.g. /dev/fuse".to_string());
    }
    if perms.is_empty() || perms.len() > 3 || !perms.chars().all(|c| "rwm".contains(c)) {
        return Err(format!("permissions {perms:?} must be letters of rwm"));
    }
    // As root the container's device cgroup holds it to the permissions; rootless it has none.
    if !(perms.contains('r') && perms.contains('w')) && crate::runtime::cgroups::rootless() {
        return Err(
            "rootless, skiff cannot restrict access to a device (a rootless container has no \
             device cgroup; the node is bind-mounted as it is on the host): give rwm or leave \
             the permissions out, and change the node's mode on the host to restrict it"
                .to_string(),
        );
    }
    Ok(super::config::DeviceConfig {
        path_on_host: host.to_string(),
        path_in_container: clean_dest(container).map_err(|e| e.to_string())?,
        cgroup_permissions: perms.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_time_signals_by_docker_s_names() {
        assert_eq!(parse_signal("SIGRTMIN+3").unwrap(), 37);
        assert_eq!(parse_signal("rtmin").unwrap(), 34);
        assert_eq!(parse_signal("SIGRTMAX-1").unwrap(), 63);
        assert_eq!(parse_signal("RTMAX").unwrap(), 64);
        for bad in ["SIGRTMIN+16", "RTMAX-15", "RTMIN+", "RTMIN+x", "RTMIN-1"] {
            assert!(parse_signal(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_environment_entry_needs_a_name() {
        for bad in ["=x", "=", ""] {
            assert!(check_env(bad).is_err(), "{bad:?}");
        }
        for good in ["A=1", "A", "A=", "A==b"] {
            assert!(check_env(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn volume_flags() {
        let m = parse_volume_flag("/tmp/a:/x:ro").unwrap();
        assert_eq!(
            (
                m.kind,
                m.source.as_str(),
                m.destination.as_str(),
                m.read_only
            ),
            (MountKind::Bind, "/tmp/a", "/x", true)
        );
        let m = parse_volume_flag("data:/data").unwrap();
        assert_eq!((m.kind, m.source.as_str()), (MountKind::Volume, "data"));
        let m = parse_volume_flag("/anon").unwrap();
        assert_eq!((m.kind, m.source.as_str()), (MountKind::Volume, ""));
        assert!(parse_volume_flag("a:b").is_err());
        assert!(parse_volume_flag("/tmp:/").is_err());
        assert!(parse_volume_flag("/tmp:/proc/sys").is_err());
        assert!(parse_volume_flag("/tmp:/proc/./../proc").is_err());
        assert!(parse_volume_flag("/tmp:/x/../proc").is_err());
        assert!(parse_volume_flag("/tmp:/x/..").is_err());
        assert!(parse_mount_flag("type=tmpfs,dst=/proc").is_err());
        assert!(parse_tmpfs_flag("/proc/sysrq-trigger").is_err());
        assert!(parse_volume_flag("/tmp:/processes").is_ok());
        assert!(parse_volume_flag("/a:/b:bogus").is_err());
    }

    #[test]
    fn mount_flags() {
        let m = parse_mount_flag("type=tmpfs,target=/t,tmpfs-size=1m").unwrap();
        assert_eq!(m.kind, MountKind::Tmpfs);
        assert_eq!(m.options, vec!["noexec", "nosuid", "nodev", "size=1m"]);
        let m = parse_mount_flag("type=bind,src=/h,dst=/c,readonly").unwrap();
        assert!(m.read_only);
        assert!(parse_mount_flag("type=nfs,target=/x").is_err());
        assert!(parse_mount_flag("type=bind,target=/x").is_err());
        let m = parse_mount_flag("type=volume,src=v,dst=/v,volume-nocopy").unwrap();
        assert_eq!(m.options, vec!["nocopy"]);
        let m = parse_mount_flag("type=volume,src=v,dst=/v,volume-nocopy=false").unwrap();
        assert!(m.options.is_empty());
        let m = parse_mount_flag("type=bind,src=/h,dst=/c,bind-propagation=rslave").unwrap();
        assert_eq!(m.options, vec!["rslave"]);
        assert!(parse_mount_flag("type=bind,src=/h,dst=/c,bind-propagation=up").is_err());
    }

    #[test]
    fn mount_fields_are_csv_and_volume_settings_come_out_for_the_volume() {
        let spec = r#"type=volume,src=v,dst=/w,"volume-opt=o=size=1m,uid=1000",volume-opt=type=tmpfs,volume-label=a=b,volume-driver=local"#;
        let mut m = parse_mount_flag(spec).unwrap();
        let (opts, labels) = take_volume_settings(&mut m.options);
        assert!(m.options.is_empty(), "{:?}", m.options);
        assert_eq!(opts.get("o").map(String::as_str), Some("size=1m,uid=1000"));
        assert_eq!(opts.get("type").map(String::as_str), Some("tmpfs"));
        assert_eq!(labels.get("a").map(String::as_str), Some("b"));
        assert_eq!(
            csv_fields(r#"a,"b ""q"" c",d"#).unwrap(),
            ["a", r#"b "q" c"#, "d"]
        );
        assert!(parse_mount_flag(r#"type=volume,"dst=/w"#).is_err());
        assert!(parse_mount_flag("type=volume,dst=/w,volume-driver=nfs").is_err());
        assert!(parse_mount_flag("type=volume,dst=/w,volume-opt=novalue").is_err());
        assert!(parse_mount_flag("type=bind,src=/h,dst=/w,volume-label=a=b").is_err());
    }

    #[test]
    fn volume_subpath_is_relative_and_does_not_climb() {
        let m = parse_mount_flag("type=volume,src=v,dst=/w,volume-subpath=a/b").unwrap();
        assert_eq!(m.options, ["subpath=a/b"]);
        for bad in ["", "/abs", "../x", "a/../../x"] {
            assert!(subpath_option(bad).is_err(), "{bad:?}");
        }
        assert!(parse_mount_flag("type=tmpfs,dst=/w,volume-subpath=a").is_err());
    }

    #[test]
    fn bind_recursive_picks_how_submounts_are_bound() {
        let opts = |extra: &str| {
            parse_mount_flag(&format!("type=bind,src=/h,dst=/c,readonly{extra}")).map(|m| m.options)
        };
        assert_eq!(opts("").unwrap(), Vec::<String>::new());
        assert_eq!(
            opts(",bind-recursive=enabled").unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(
            opts(",bind-recursive=readonly").unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(opts(",bind-recursive=disabled").unwrap(), ["bind"]);
        assert_eq!(opts(",bind-nonrecursive").unwrap(), ["bind"]);
        assert_eq!(opts(",bind-recursive=writable").unwrap(), [RO_TOP_ONLY]);
        assert!(opts(",bind-recursive=sometimes").is_err());
        let rw = parse_mount_flag("type=bind,src=/h,dst=/c,bind-recursive=readonly");
        assert!(rw.unwrap_err().to_string().contains("add readonly"));
    }

    #[test]
    fn tmpfs_defaults_are_noexec_nosuid_nodev() {
        let m = parse_tmpfs_flag("/t").unwrap();
        assert_eq!(m.options, vec!["noexec", "nosuid", "nodev"]);
        let m = parse_tmpfs_flag("/t:exec,size=1m,ro").unwrap();
        assert_eq!(m.options, vec!["nosuid", "nodev", "size=1m"]);
        assert!(m.read_only);
        assert!(parse_tmpfs_flag("t").is_err());
    }

    #[test]
    fn label_files_skip_comments_and_blank_lines() {
        assert_eq!(
            parse_label_file("# c\n a=1 \n\nb=two words\nalone\n").unwrap(),
            vec!["a=1 ", "b=two words"]
        );
        assert_eq!(
            parse_label_file("k v=1\n").unwrap_err(),
            BadKeyValue::Blank("k v".into())
        );
        assert_eq!(
            parse_env_file("export F=1\n").unwrap_err(),
            BadKeyValue::Blank("export F".into())
        );
        assert_eq!(
            parse_env_file("=x\n").unwrap_err(),
            BadKeyValue::NoName("=x".into())
        );
        assert_eq!(
            parse_env_file("  E=lead\nSKIFF_SURELY_UNSET_VAR\nPATH\n").unwrap()[..1],
            ["E=lead"]
        );
        assert!(parse_env_file("PATH\n").unwrap()[0].starts_with("PATH=/"));
        assert_eq!(
            parse_env_file("\u{feff}BOM=1\nB=\u{feff}\n").unwrap(),
            ["BOM=1", "B=\u{feff}"]
        );
        assert_eq!(parse_label_file("\u{feff}l=1\n").unwrap(), ["l=1"]);
    }

    #[test]
    fn tmpfs_options_show_as_given() {
        for given in ["", "size=1m", "exec,size=1m,mode=1777", "ro,suid,dev", "ro"] {
            let m = tmpfs_mount("/run", given).unwrap();
            let shown = tmpfs_flag_options(&m);
            assert_eq!(shown, given);
            assert_eq!(tmpfs_mount("/run", &shown).unwrap(), m);
        }
    }

    #[test]
    fn ulimits_restart_sizes_signals() {
        assert_eq!(parse_ulimit("nofile=10:20").unwrap().hard, 20);
        assert!(parse_ulimit("nofile=30:20").is_err());
        assert!(parse_ulimit("bogus=1").is_err());
        assert_eq!(parse_restart("on-failure:3").unwrap().max_retries, 3);
        assert!(parse_restart("sometimes").is_err());
        assert_eq!(parse_size("512m").unwrap(), 512 << 20);
        assert_eq!(parse_cpus("1.5").unwrap(), 1_500_000_000);
        assert_eq!(parse_signal("SIGTERM").unwrap(), libc::SIGTERM);
        assert_eq!(parse_signal("kill").unwrap(), 9);
        assert!(parse_signal("NOPE").is_err());
    }

    #[test]
    fn env_merge_overrides_by_key() {
        let base = vec!["PATH=/bin".to_string(), "A=1".to_string()];
        let merged = merge_env(&base, &["A=2".to_string(), "B=3".to_string()]);
        assert_eq!(merged, vec!["PATH=/bin", "A=2", "B=3"]);
        // docker's create: the user's first, then the image's the user left alone.
        let user = ["B=3".to_string(), "A=2".to_string(), "B=4".to_string()];
        let created = user_first_env(&base, &user);
        assert_eq!(created, vec!["B=4", "A=2", "PATH=/bin"]);
        assert_eq!(parse_env_file("# c\nX=1\n\n").unwrap(), vec!["X=1"]);
    }

    proptest::proptest! {
        #[test]
        fn volume_parser_never_panics(s in ".{0,40}") {
            let _ = parse_volume_flag(&s);
            let _ = parse_mount_flag(&s);
            let _ = parse_ulimit(&s);
        }
    }
}

#[cfg(test)]
mod ns_device_tests {
    use super::*;

    #[test]
    fn namespace_modes() {
        let pid = ["host", "container:"];
        assert_eq!(parse_namespace_mode("pid", "host", &pid).unwrap(), "host");
        assert_eq!(
            parse_namespace_mode("pid", "container:web", &pid).unwrap(),
            "container:web"
        );
        for bad in ["container:", "private", "", "hostx"] {
            let e = parse_namespace_mode("pid", bad, &pid)
                .unwrap_err()
                .to_string();
            assert!(e.contains("use host, container:NAME"), "{e}");
        }
        assert!(parse_namespace_mode("uts", "container:x", &["host"]).is_err());
    }

    #[test]
    fn devices() {
        let d = parse_device("/dev/fuse").unwrap();
        assert_eq!(
            (
                d.path_on_host.as_str(),
                d.path_in_container.as_str(),
                d.cgroup_permissions.as_str()
            ),
            ("/dev/fuse", "/dev/fuse", "rwm")
        );
        let d = parse_device("/dev/net/tun:/dev/tun0").unwrap();
        assert_eq!(d.path_in_container, "/dev/tun0");
        let d = parse_device("/dev/fuse:rw").unwrap();
        assert_eq!(
            (d.path_in_container.as_str(), d.cgroup_permissions.as_str()),
            ("/dev/fuse", "rw")
        );
        let d = parse_device("/dev/fuse:/dev/f:wrm").unwrap();
        assert_eq!(d.cgroup_permissions, "wrm");
        let narrow = parse_device("/dev/fuse:/dev/f:r");
        if crate::runtime::cgroups::rootless() {
            assert!(narrow.unwrap_err().to_string().contains("give rwm"));
        } else {
            assert_eq!(narrow.unwrap().cgroup_permissions, "r");
        }
        assert!(parse_device("/dev/fuse:/dev/f:x").is_err());
        assert!(parse_device("fuse").is_err());
        assert!(parse_device("/a:/b:rw:x").is_err());
    }
}
