//! `generate systemd`: a systemd unit for a container, as text. Pure: the caller gathers the
//! facts ([`ContainerFacts`]) and the user's choices ([`UnitOptions`]); nothing here reads or
//! writes anything. Every value that reaches a command line or an `Environment=` line is quoted
//! for systemd ([`quote_exec`], [`quote_env`]), so spaces, quotes, `%` and `$` arrive as given.
//!
//! Two shapes, as podman 4.3's: `--new` units create the container at each start
//! (`run --cidfile=%t/%n.ctr-id --cgroups=no-conmon --rm --sdnotify=conmon -d --replace`),
//! `Type=notify` with the monitor as the main process; the others start and stop an existing
//! container, `Type=forking` with the monitor's pid file.

use crate::error::{Error, Result};

/// The restart policies systemd's `Restart=` accepts.
pub const RESTART_POLICIES: [&str; 7] = [
    "no",
    "on-success",
    "on-failure",
    "on-abnormal",
    "on-watchdog",
    "on-abort",
    "always",
];

/// What the user asked of the unit (the flags of `generate systemd`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitOptions {
    /// `--new`: create a fresh container at each start, remove it at stop.
    pub new: bool,
    /// `--name`: name the unit and commands after the container's name, not its id.
    pub use_name: bool,
    /// `--restart-policy` (one of [`RESTART_POLICIES`]).
    pub restart_policy: String,
    /// `--restart-sec`.
    pub restart_sec: Option<u32>,
    /// `--time`: stop timeout in seconds (None: the container's).
    pub stop_timeout: Option<u32>,
    /// `--container-prefix` ("container").
    pub container_prefix: String,
    /// `--pod-prefix` ("pod").
    pub pod_prefix: String,
    /// `--start-timeout`: `TimeoutStartSec=` of the service (None: systemd's default).
    pub start_timeout: Option<u32>,
    /// `--separator` ("-").
    pub separator: String,
    /// `--no-header`.
    pub no_header: bool,
    /// `--after`, `--wants`, `--requires`: extra dependencies in `[Unit]`.
    pub after: Vec<String>,
    /// See `after`.
    pub wants: Vec<String>,
    /// See `after`.
    pub requires: Vec<String>,
    /// `--env KEY=VALUE`: `Environment=` of the service.
    pub env: Vec<String>,
    /// For the units of a pod: how this unit relates to the others (see [`PodUnit`]).
    pub pod: Option<PodUnit>,
    /// podman's `--template` (with `new`): a template unit, `NAME@.service`, whose every
    /// instance runs its own container, named `NAME-INSTANCE`.
    pub template: bool,
}

/// A unit's place among a pod's units (podman's shape): the pod's unit starts and stops the
/// pod (its infra container) and `Wants=`/`Before=` every member's unit, so that starting it
/// starts them and one member's failure does not stop the others; a member's unit is
/// `BindsTo=`/`After=` the pod's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodUnit {
    /// The pod's own unit, named `unit` (without `.service`), with the members' unit names.
    Pod {
        /// `pod-NAME` or `pod-ID`.
        unit: String,
        /// The members' unit names, without `.service`.
        members: Vec<String>,
    },
    /// A member's unit, bound to the pod's unit `pod_unit` (without `.service`).
    Member {
        /// The pod's unit name.
        pod_unit: String,
    },
}

/// The name of a pod's unit: `PREFIX SEP NAME-OR-ID`, the prefix podman's `--pod-prefix`
/// (`pod`).
pub fn pod_unit_name(pod_name: &str, pod_id: &str, opts: &UnitOptions) -> String {
    let who = if opts.use_name { pod_name } else { pod_id };
    format!("{}{}{who}", opts.pod_prefix, opts.separator)
}

impl Default for UnitOptions {
    fn default() -> Self {
        Self {
            new: false,
            use_name: false,
            restart_policy: "on-failure".into(),
            restart_sec: None,
            stop_timeout: None,
            container_prefix: "container".into(),
            pod_prefix: "pod".into(),
            start_timeout: None,
            separator: "-".into(),
            no_header: false,
            after: Vec::new(),
            wants: Vec::new(),
            requires: Vec::new(),
            env: Vec::new(),
            pod: None,
            template: false,
        }
    }
}

/// What the unit needs to know about the container and the engine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerFacts {
    /// Full id.
    pub id: String,
    /// Name (without `/`).
    pub name: String,
    /// The absolute path of the skiff binary the unit runs.
    pub executable: String,
    /// The global flags the container was created with (`--root DIR`, `--runroot DIR`), given
    /// to every command of the unit.
    pub global_flags: Vec<String>,
    /// The create command's options, already stripped of argv\[0\], the verb and the global
    /// flags (see [`split_create_command`]).
    pub create_options: Vec<String>,
    /// IMAGE and the command after it, as typed.
    pub image_and_command: Vec<String>,
    /// The container's own stop timeout (seconds).
    pub stop_timeout: u32,
    /// The monitor's pid file (`Type=forking` units).
    pub monitor_pidfile: String,
    /// The runtime directory (`RequiresMountsFor=` of units without `--new`).
    pub runroot: String,
    /// The first comment lines (product and version, the time), unless `--no-header`.
    pub header: Vec<String>,
}

/// The service's name without `.service`: `PREFIX SEP NAME-OR-ID` (just the name or id with an
/// empty prefix).
pub fn unit_name(facts: &ContainerFacts, opts: &UnitOptions) -> String {
    if let Some(PodUnit::Pod { unit, .. }) = &opts.pod {
        return unit.clone();
    }
    let who = if opts.use_name {
        &facts.name
    } else {
        &facts.id
    };
    let at = if opts.template { "@" } else { "" };
    if opts.container_prefix.is_empty() {
        format!("{who}{at}")
    } else {
        format!("{}{}{who}{at}", opts.container_prefix, opts.separator)
    }
}

/// Checks the options: a known restart policy, environment entries `KEY=VALUE`, unit names
/// without line breaks.
pub fn validate(opts: &UnitOptions) -> Result<()> {
    if opts.template && (!opts.new || opts.pod.is_some()) {
        return Err(Error::InvalidArgument(
            "--template makes a container's --new unit: add --new (a pod's units have no template)"
                .into(),
        ));
    }
    if !RESTART_POLICIES.contains(&opts.restart_policy.as_str()) {
        return Err(Error::InvalidArgument(format!(
            "invalid --restart-policy {:?}: use one of {}",
            opts.restart_policy,
            RESTART_POLICIES.join(", ")
        )));
    }
    for e in &opts.env {
        match e.split_once('=') {
            Some((k, _)) if valid_env_name(k) => {}
            _ => {
                return Err(Error::InvalidArgument(format!(
                    "invalid --env {e:?}: give KEY=VALUE with a name of letters, digits and _"
                )))
            }
        }
    }
    for dep in opts.after.iter().chain(&opts.wants).chain(&opts.requires) {
        if dep.is_empty() || dep.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(Error::InvalidArgument(format!(
                "invalid unit name {dep:?} for --after/--wants/--requires: give names such as db.service"
            )));
        }
    }
    // They name the unit and, for a pod, its runtime files (`%t/pod-NAME.pid`): words that
    // need no quoting.
    let bad = |s: &str| {
        s.chars().any(|c| {
            matches!(c, '/' | '%' | '$' | '"' | '\'' | '\\' | ';')
                || c.is_control()
                || c.is_whitespace()
        })
    };
    if bad(&opts.container_prefix) || bad(&opts.separator) {
        return Err(Error::InvalidArgument(
            "--container-prefix and --separator may not contain '/', '%', '$', quotes, \
             backslashes, ';', spaces or control characters"
                .into(),
        ));
    }
    Ok(())
}

fn valid_env_name(k: &str) -> bool {
    !k.is_empty()
        && !k.starts_with(|c: char| c.is_ascii_digit())
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A flag a generated unit sets itself and so drops from a stored command line: its long
/// name and its short letter.
pub type SetFlag = (&'static str, Option<char>);

/// The flags a `--new` container unit sets itself, taken out of the create command.
/// `--restart` goes too: systemd restarts the unit (and `--rm` refuses it).
pub const CONTAINER_SETS: [SetFlag; 9] = [
    ("--restart", None),
    ("--cidfile", None),
    ("--name", None),
    ("--sdnotify", None),
    ("--cgroups", None),
    ("--conmon-pidfile", None),
    ("--detach", Some('d')),
    ("--rm", None),
    ("--replace", None),
];

/// What a `--new` member unit of a pod sets besides [`CONTAINER_SETS`]: the pod it joins,
/// named by the id file the pod's unit writes.
pub const POD_MEMBER_SETS: [SetFlag; 2] = [("--pod", None), ("--pod-id-file", None)];

/// The flags a `--new` pod unit sets itself, taken out of the `pod create` command.
pub const POD_SETS: [SetFlag; 5] = [
    ("--name", Some('n')),
    ("--replace", None),
    ("--pod-id-file", None),
    ("--infra-conmon-pidfile", None),
    ("--exit-policy", None),
];

/// podman's global options (before the command) that skiff accepts and ignores, and whether
/// each takes a value: the CLI's `PodmanGlobals`.
const PODMAN_GLOBALS: [(&str, bool); 12] = [
    ("--cgroup-manager", true),
    ("--events-backend", true),
    ("--storage-driver", true),
    ("--storage-opt", true),
    ("--runtime", true),
    ("--runtime-flag", true),
    ("--network-backend", true),
    ("--tmpdir", true),
    ("--hooks-dir", true),
    ("--volumepath", true),
    ("--conmon", true),
    ("--noout", false),
];

/// Splits a stored create command (`skiff [GLOBAL...] [container] run|create OPTIONS... IMAGE
/// [ARG...]`, or `skiff [GLOBAL...] pod create OPTIONS...`) into (global flags, options), given
/// how many words IMAGE and its arguments are (`trailing`) and which flags take the next word
/// as their value (`takes_value("--name")`, `takes_value("-e")`). The options lose the flags
/// the unit sets itself (`sets`, e.g. [`CONTAINER_SETS`]: `--name`, `--cidfile`, `-d`... also
/// inside short clusters such as `-dit`); `--root` and `--runroot` anywhere become global flags,
/// and podman's ignored ones before the command ([`PODMAN_GLOBALS`]) are dropped.
pub fn split_create_command(
    command: &[String],
    trailing: usize,
    takes_value: &dyn Fn(&str) -> bool,
    sets: &[SetFlag],
) -> (Vec<String>, Vec<String>) {
    let end = command.len().saturating_sub(trailing);
    let words = command.get(1..end).unwrap_or_default();
    let mut globals = Vec::new();
    let mut options = Vec::new();
    let mut verb_seen = false;
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if !w.starts_with('-') || w == "-" {
            // The verb (`run`, `create`, `container`, `pod`) before any option: dropped.
            if !verb_seen && matches!(w.as_str(), "container" | "pod" | "run" | "create") {
                verb_seen = w != "container" && w != "pod";
                i += 1;
                continue;
            }
            options.push(w.clone());
            i += 1;
            continue;
        }
        if w == "--" {
            i += 1;
            continue;
        }
        let (name, inline) = match w.split_once('=') {
            Some((n, _)) if n.starts_with("--") => (n.to_string(), true),
            _ if w.starts_with("--") => (w.clone(), false),
            _ => (w.chars().take(2).collect(), w.len() > 2),
        };
        if !verb_seen {
            // podman's global options that skiff accepts and has no use for: dropped, with
            // their values (`--storage-driver vfs run ...`).
            if let Some((_, takes)) = PODMAN_GLOBALS.iter().find(|(n, _)| *n == name) {
                i += if *takes && !inline { 2 } else { 1 };
                continue;
            }
        }
        let value_next = !inline && takes_value(&name) && i + 1 < words.len();
        let group: Vec<String> = if value_next {
            vec![w.clone(), words[i + 1].clone()]
        } else {
            vec![w.clone()]
        };
        i += group.len();
        if matches!(name.as_str(), "--root" | "--runroot") {
            globals.extend(group);
            continue;
        }
        if !w.starts_with("--") {
            // A short flag or a cluster: drop `d` from it (a value-taking letter ends it).
            if let Some(kept) = strip_short(w, takes_value, sets) {
                options.push(kept);
                options.extend(group.into_iter().skip(1));
            }
            continue;
        }
        if sets.iter().any(|(long, _)| *long == name) {
            continue;
        }
        options.extend(group);
    }
    (globals, options)
}

/// A short flag word without the letters of the `sets` flags (`-dit` -> `-it`); None when
/// nothing is left.
fn strip_short(word: &str, takes_value: &dyn Fn(&str) -> bool, sets: &[SetFlag]) -> Option<String> {
    let body = &word[1..];
    if body.starts_with('=') {
        return Some(word.to_string());
    }
    let mut kept = String::from("-");
    for (at, c) in body.char_indices() {
        if c == '=' {
            // `-d=true`: the value belongs to the letter before.
            if kept.len() == 1 {
                return None;
            }
            kept.push_str(&body[at..]);
            break;
        }
        let dropped = sets.iter().any(|(_, short)| *short == Some(c));
        if dropped {
            if body[at + c.len_utf8()..].starts_with('=') {
                // `-d=false` on its own, or at the end of a cluster.
                break;
            }
            continue;
        }
        kept.push(c);
        if takes_value(&format!("-{c}")) {
            kept.push_str(&body[at + c.len_utf8()..]);
            break;
        }
    }
    (kept.len() > 1).then_some(kept)
}

/// One word of a command line (`ExecStart=`...) as systemd reads it back: `%` doubled
/// (specifiers) and `$` doubled (variable expansion); quoted with C escapes when it has
/// whitespace, quotes, a backslash, a `;` or control characters, or is empty.
pub fn quote_exec(word: &str) -> String {
    skiff_kube::quadlet::words::quote(&word.replace('%', "%%").replace('$', "$$"))
}

/// One `KEY=VALUE` of an `Environment=` line: `%` doubled (there is no `$` expansion there),
/// quoted as [`quote_exec`].
pub fn quote_env(assignment: &str) -> String {
    skiff_kube::quadlet::words::quote(&assignment.replace('%', "%%"))
}

/// A command line for `ExecStart=` and the others: every word quoted, one option per line
/// (continued with a backslash) as podman lays them out.
fn command_line(words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(if w.starts_with('-') { " \\\n\t" } else { " " });
        }
        out.push_str(&quote_exec(w));
    }
    out
}

/// Refuses paths a unit file cannot hold (control characters).
fn check_paths(paths: &[&str]) -> Result<()> {
    for path in paths {
        if path.chars().any(|c| c.is_control()) {
            return Err(Error::InvalidArgument(format!(
                "{path:?} has a control character, which a unit file cannot hold"
            )));
        }
    }
    Ok(())
}

/// The header comment, `[Unit]` (with the pod's dependencies and the user's) and the first
/// lines of `[Service]`, up to `TimeoutStopSec=` for a stop `timeout` of that many seconds.
fn unit_head(
    name: &str,
    header: &[String],
    runroot: &str,
    opts: &UnitOptions,
    timeout: u32,
) -> String {
    let mut out = String::new();
    if !opts.no_header {
        out.push_str(&format!("# {name}.service\n"));
        for line in header {
            out.push_str(&format!("# {}\n", line.replace('\n', " ")));
        }
        out.push('\n');
    }
    out.push_str("[Unit]\n");
    let instance = if opts.template { " for %I" } else { "" };
    out.push_str(&format!("Description=Skiff {name}.service{instance}\n"));
    out.push_str("Documentation=man:skiff-generate-systemd(1)\n");
    out.push_str("Wants=network-online.target\nAfter=network-online.target\n");
    out.push_str(&format!("RequiresMountsFor={}\n", quote_env(runroot)));
    let (mut binds_to, mut before, mut wants, mut after) = (
        Vec::new(),
        Vec::new(),
        opts.wants.clone(),
        opts.after.clone(),
    );
    match &opts.pod {
        Some(PodUnit::Pod { members, .. }) => {
            let units: Vec<String> = members.iter().map(|m| format!("{m}.service")).collect();
            wants.extend(units.iter().cloned());
            before.extend(units);
        }
        Some(PodUnit::Member { pod_unit }) => {
            binds_to.push(format!("{pod_unit}.service"));
            after.push(format!("{pod_unit}.service"));
        }
        None => {}
    }
    for (key, deps) in [
        ("BindsTo", &binds_to),
        ("After", &after),
        ("Wants", &wants),
        ("Requires", &opts.requires),
        ("Before", &before),
    ] {
        for d in deps {
            out.push_str(&format!("{key}={}\n", d.replace('%', "%%")));
        }
    }
    out.push_str("\n[Service]\n");
    out.push_str("Environment=SKIFF_SYSTEMD_UNIT=%n\n");
    for e in &opts.env {
        out.push_str(&format!("Environment={}\n", quote_env(e)));
    }
    out.push_str(&format!("Restart={}\n", opts.restart_policy));
    if let Some(sec) = opts.restart_sec {
        out.push_str(&format!("RestartSec={sec}\n"));
    }
    if let Some(sec) = opts.start_timeout {
        out.push_str(&format!("TimeoutStartSec={sec}\n"));
    }
    out.push_str(&format!("TimeoutStopSec={}\n", 60 + u64::from(timeout)));
    out
}

/// `[Install]`: the unit starts with the user's (or the system's) default target.
const INSTALL: &str = "\n[Install]\nWantedBy=default.target\n";

/// The unit file's text for the container.
pub fn render(facts: &ContainerFacts, opts: &UnitOptions) -> Result<String> {
    validate(opts)?;
    check_paths(&[&facts.executable, &facts.monitor_pidfile, &facts.runroot])?;
    let name = unit_name(facts, opts);
    let target = if opts.use_name {
        facts.name.clone()
    } else {
        facts.id.clone()
    };
    let timeout = opts.stop_timeout.unwrap_or(facts.stop_timeout);
    let exe = |args: &[&str]| -> String {
        let mut words = vec![facts.executable.clone()];
        words.extend(facts.global_flags.iter().cloned());
        words.extend(args.iter().map(|s| s.to_string()));
        command_line(&words)
    };
    let mut out = unit_head(&name, &facts.header, &facts.runroot, opts, timeout);
    let t = timeout.to_string();
    if opts.new {
        const CIDFILE: &str = "%t/%n.ctr-id";
        out.push_str(&format!("ExecStartPre=/bin/rm \\\n\t-f {CIDFILE}\n"));
        let mut run: Vec<String> = vec![facts.executable.clone()];
        run.extend(facts.global_flags.iter().cloned());
        run.push("run".into());
        let mut line = command_line(&run);
        // The cidfile's (and the pod's id file's) specifiers must stay specifiers: added
        // unquoted (the pod's unit name needs no quoting, see `validate`).
        line.push_str(&format!(" \\\n\t--cidfile={CIDFILE}"));
        if let Some(PodUnit::Member { pod_unit }) = &opts.pod {
            line.push_str(&format!(" \\\n\t--pod-id-file %t/{pod_unit}.pod-id"));
        }
        let mut rest: Vec<String> = vec![
            "--cgroups=no-conmon".into(),
            "--rm".into(),
            "--sdnotify=conmon".into(),
            "-d".into(),
            "--replace".into(),
            "--name".into(),
            facts.name.clone(),
        ];
        // A template's instance names its container: `%i` stays a specifier.
        let name_at = rest.len() - 1;
        rest.extend(facts.create_options.iter().cloned());
        rest.extend(facts.image_and_command.iter().cloned());
        for (i, w) in rest.iter().enumerate() {
            let sep = if w.starts_with('-') && i < rest.len() - facts.image_and_command.len() {
                " \\\n\t"
            } else {
                " "
            };
            line.push_str(sep);
            line.push_str(&quote_exec(w));
            if i == name_at && opts.template {
                line.push_str("-%i");
            }
        }
        out.push_str(&format!("ExecStart={line}\n"));
        out.push_str(&format!(
            "ExecStop={} \\\n\t--cidfile={CIDFILE}\n",
            exe(&["stop", "--ignore", "-t", &t])
        ));
        out.push_str(&format!(
            "ExecStopPost={} \\\n\t--cidfile={CIDFILE}\n",
            exe(&["rm", "-f", "--ignore", "-t", &t])
        ));
        out.push_str("Type=notify\nNotifyAccess=all\n");
    } else {
        out.push_str(&format!("ExecStart={}\n", exe(&["start", &target])));
        out.push_str(&format!("ExecStop={}\n", exe(&["stop", "-t", &t, &target])));
        out.push_str(&format!(
            "ExecStopPost={}\n",
            exe(&["stop", "-t", &t, &target])
        ));
        // A path, read as it is: only the specifiers' `%` needs doubling.
        out.push_str(&format!(
            "PIDFile={}\n",
            facts.monitor_pidfile.replace('%', "%%")
        ));
        out.push_str("Type=forking\n");
    }
    out.push_str(INSTALL);
    Ok(out)
}

/// What a `--new` unit of a pod needs to know about the pod and the engine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodFacts {
    /// The pod's name.
    pub name: String,
    /// The absolute path of the skiff binary the unit runs.
    pub executable: String,
    /// The global flags the pod was created with (`--root DIR`, `--runroot DIR`).
    pub global_flags: Vec<String>,
    /// The `pod create` options, stripped of argv\[0\], the verb, the global flags and what
    /// the unit sets itself ([`POD_SETS`]).
    pub create_options: Vec<String>,
    /// The infra container's stop timeout (seconds).
    pub stop_timeout: u32,
    /// The runtime directory (`RequiresMountsFor=`).
    pub runroot: String,
    /// The first comment lines, unless `--no-header`.
    pub header: Vec<String>,
}

/// The `--new` unit of a pod (`opts.pod` is [`PodUnit::Pod`]): `pod create` before the start
/// (with `--exit-policy=stop`, so the pod stops when its last member does), `pod start` as the
/// start (the infra's monitor, in `%t/UNIT.pid`, is the main process), `pod stop` and
/// `pod rm` at the stop; the pod's id travels in `%t/UNIT.pod-id` to the members' units.
pub fn render_pod(facts: &PodFacts, opts: &UnitOptions) -> Result<String> {
    validate(opts)?;
    check_paths(&[&facts.executable, &facts.runroot])?;
    let Some(PodUnit::Pod { unit, .. }) = &opts.pod else {
        return Err(Error::InvalidArgument(
            "a pod's unit needs the pod's unit name and members".into(),
        ));
    };
    let timeout = opts.stop_timeout.unwrap_or(facts.stop_timeout);
    let mut out = unit_head(unit, &facts.header, &facts.runroot, opts, timeout);
    // Specifiers stay unquoted; the unit's name needs no quoting (see `validate`).
    let pid_file = format!("%t/{unit}.pid");
    let id_file = format!("%t/{unit}.pod-id");
    let mut head = vec![facts.executable.clone()];
    head.extend(facts.global_flags.iter().cloned());
    head.push("pod".into());
    let pod = |verb: &[&str], after_id: &[&str]| {
        let mut line = command_line(&[head.as_slice(), &words(verb)].concat());
        line.push_str(&format!(" \\\n\t--pod-id-file {id_file}"));
        if !after_id.is_empty() {
            line.push_str(&format!(" \\\n\t{}", command_line(&words(after_id))));
        }
        line
    };
    out.push_str(&format!(
        "ExecStartPre=/bin/rm \\\n\t-f {pid_file} {id_file}\n"
    ));
    let mut create = command_line(&[head.as_slice(), &words(&["create"])].concat());
    create.push_str(&format!(
        " \\\n\t--infra-conmon-pidfile {pid_file} \\\n\t--pod-id-file {id_file}"
    ));
    let mut rest = words(&["--exit-policy=stop", "--replace", "--name"]);
    rest.push(facts.name.clone());
    rest.extend(facts.create_options.iter().cloned());
    create.push_str(&format!(" \\\n\t{}", command_line(&rest)));
    out.push_str(&format!("ExecStartPre={create}\n"));
    out.push_str(&format!("ExecStart={}\n", pod(&["start"], &[])));
    let t = timeout.to_string();
    out.push_str(&format!(
        "ExecStop={}\n",
        pod(&["stop", "--ignore"], &["-t", &t])
    ));
    out.push_str(&format!(
        "ExecStopPost={}\n",
        pod(&["rm", "--ignore", "-f"], &[])
    ));
    out.push_str(&format!("PIDFile={pid_file}\nType=forking\n"));
    out.push_str(INSTALL);
    Ok(out)
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests;
