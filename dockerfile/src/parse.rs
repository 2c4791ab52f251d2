//! Turns one lexed instruction (keyword and argument text) into a typed [`Instruction`].

use std::time::Duration;

use crate::error::ParseError;
use crate::instruction::{
    ArgDecl, Command, CopyArgs, From, Healthcheck, HealthcheckCmd, Heredoc, Instruction, Mount,
    MountKind, Run, Sharing,
};
use crate::lexer::RawInstruction;

type Res<T> = Result<T, String>;

/// Parses one instruction; errors carry its line and keyword.
pub fn instruction(raw: &RawInstruction, escape: char) -> Result<Instruction, ParseError> {
    parse_keyword(&raw.keyword, &raw.args, &raw.heredocs, escape)
        .map_err(|m| ParseError::new(raw.line, &raw.keyword, m))
}

fn parse_keyword(
    keyword: &str,
    args: &str,
    heredocs: &[Heredoc],
    escape: char,
) -> Res<Instruction> {
    let kw = keyword.to_ascii_uppercase();
    let at_least_one = || format!("{kw} requires at least one argument");
    let exactly_one = || format!("{kw} requires exactly one argument");
    let (flags, rest) = flags(args);
    let allowed: &[&str] = match kw.as_str() {
        "FROM" => &["platform"],
        "RUN" => &["mount", "network", "security"],
        "COPY" => &["from", "chown", "chmod", "link", "parents", "exclude"],
        "ADD" => &[
            "chown",
            "chmod",
            "link",
            "exclude",
            "checksum",
            "keep-git-dir",
        ],
        "HEALTHCHECK" => &[
            "interval",
            "timeout",
            "start-period",
            "start-interval",
            "retries",
        ],
        _ => &[],
    };
    let (flags, rest) = if allowed.is_empty() {
        (Vec::new(), args)
    } else {
        (flags, rest)
    };
    if let Some((name, _)) = flags.iter().find(|(n, _)| !allowed.contains(&n.as_str())) {
        return Err(format!("Unknown flag: {name}"));
    }
    let flag = |name: &str| flag_value(&flags, name);
    Ok(match kw.as_str() {
        "FROM" => {
            let words: Vec<&str> = rest.split_whitespace().collect();
            let name = match words.as_slice() {
                [_] => None,
                [_, as_, name] if as_.eq_ignore_ascii_case("as") => Some(stage_name(name)?),
                _ => return Err("FROM requires either one or three arguments".into()),
            };
            Instruction::From(From {
                image: words[0].to_string(),
                platform: flag("platform")?,
                name,
            })
        }
        "RUN" => {
            let mounts = flags
                .iter()
                .filter(|(n, _)| n == "mount")
                .map(|(_, v)| mount(v.as_deref().unwrap_or("")))
                .collect::<Res<Vec<_>>>()?;
            let network = flag("network")?;
            if let Some(n) = network
                .as_deref()
                .filter(|n| !["default", "none", "host"].contains(n))
            {
                return Err(format!("unsupported network mode {n:?}"));
            }
            if rest.is_empty() {
                return Err(at_least_one());
            }
            Instruction::Run(Run {
                command: command(rest),
                mounts,
                network,
                security: flag("security")?,
                heredocs: heredocs.to_vec(),
            })
        }
        "CMD" | "ENTRYPOINT" => {
            if rest.is_empty() {
                return Err(at_least_one());
            }
            match kw.as_str() {
                "CMD" => Instruction::Cmd(command(rest)),
                _ => Instruction::Entrypoint(command(rest)),
            }
        }
        "ENV" | "LABEL" => {
            let pairs = name_values(&kw, rest, escape)?;
            match kw.as_str() {
                "ENV" => Instruction::Env(pairs),
                _ => Instruction::Label(pairs),
            }
        }
        "ARG" => {
            let words = words(rest, escape);
            if words.is_empty() {
                return Err(at_least_one());
            }
            let decls = words
                .into_iter()
                .map(|w| {
                    let (name, default) = match w.split_once('=') {
                        Some((n, d)) => (n.to_string(), Some(d.to_string())),
                        None => (w, None),
                    };
                    if name.is_empty() {
                        return Err("ARG names can not be blank".to_string());
                    }
                    Ok(ArgDecl { name, default })
                })
                .collect::<Res<_>>()?;
            Instruction::Arg(decls)
        }
        "EXPOSE" => {
            let ports: Vec<String> = rest.split_whitespace().map(str::to_string).collect();
            if ports.is_empty() {
                return Err(at_least_one());
            }
            Instruction::Expose(ports)
        }
        "VOLUME" => {
            let vols = match command(rest) {
                Command::Exec(v) => v,
                Command::Shell(s) => s.split_whitespace().map(str::to_string).collect(),
            };
            if vols.is_empty() {
                return Err(at_least_one());
            }
            if vols.iter().any(|v| v.trim().is_empty()) {
                return Err("VOLUME specified can not be an empty string".into());
            }
            Instruction::Volume(vols)
        }
        "USER" | "WORKDIR" | "MAINTAINER" => {
            if rest.is_empty() {
                return Err(exactly_one());
            }
            let v = rest.to_string();
            match kw.as_str() {
                "USER" => Instruction::User(v),
                "WORKDIR" => Instruction::Workdir(v),
                _ => Instruction::Maintainer(v),
            }
        }
        "STOPSIGNAL" => match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
            [s] => Instruction::Stopsignal(s.to_string()),
            _ => return Err(exactly_one()),
        },
        "SHELL" => match command(rest) {
            Command::Exec(v) if !v.is_empty() => Instruction::Shell(v),
            Command::Exec(_) => return Err(at_least_one()),
            Command::Shell(_) => {
                return Err("SHELL requires the arguments to be in JSON form".into())
            }
        },
        "COPY" | "ADD" => {
            let mut words = match command(rest) {
                Command::Exec(v) => v,
                Command::Shell(s) => s.split_whitespace().map(str::to_string).collect(),
            };
            if words.len() < 2 {
                return Err(format!(
                    "{kw} requires at least two arguments, but only one was provided. Destination could not be determined"
                ));
            }
            let dest = words.pop().unwrap_or_default();
            let args = CopyArgs {
                sources: words,
                dest,
                from: flag("from")?,
                chown: flag("chown")?,
                chmod: flag("chmod")?,
                link: bool_flag(&flags, "link")?,
                parents: bool_flag(&flags, "parents")?,
                exclude: flags
                    .iter()
                    .filter(|(n, _)| n == "exclude")
                    .map(|(_, v)| v.clone().unwrap_or_default())
                    .collect(),
                checksum: flag("checksum")?,
                keep_git_dir: bool_flag(&flags, "keep-git-dir")?,
                heredocs: heredocs.to_vec(),
            };
            match kw.as_str() {
                "COPY" => Instruction::Copy(args),
                _ => Instruction::Add(args),
            }
        }
        "HEALTHCHECK" => healthcheck(&flags, rest)?,
        "ONBUILD" => {
            let (inner, inner_args) = match rest.find(char::is_whitespace) {
                Some(at) => (&rest[..at], rest[at..].trim()),
                None => (rest, ""),
            };
            match inner.to_ascii_uppercase().as_str() {
                "" => return Err(at_least_one()),
                "ONBUILD" => {
                    return Err("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into())
                }
                "FROM" | "MAINTAINER" => {
                    return Err(format!(
                        "{} isn't allowed as an ONBUILD trigger",
                        inner.to_ascii_uppercase()
                    ))
                }
                _ => {}
            }
            let parsed = parse_keyword(inner, inner_args, &[], escape)?;
            Instruction::Onbuild(rest.to_string(), Box::new(parsed))
        }
        _ => return Err(format!("unknown instruction: {kw}")),
    })
}

/// Leading `--name[=value]` words; returns them and the text after them.
fn flags(args: &str) -> (Vec<(String, Option<String>)>, &str) {
    let mut out = Vec::new();
    let mut rest = args.trim_start();
    while let Some(after) = rest.strip_prefix("--") {
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        let word = &after[..end];
        rest = after[end..].trim_start();
        if word.is_empty() {
            break;
        }
        match word.split_once('=') {
            Some((n, v)) => out.push((n.to_ascii_lowercase(), Some(v.to_string()))),
            None => out.push((word.to_ascii_lowercase(), None)),
        }
    }
    (out, rest)
}

fn flag_value(flags: &[(String, Option<String>)], name: &str) -> Res<Option<String>> {
    match flags.iter().rev().find(|(n, _)| n == name) {
        None => Ok(None),
        Some((_, Some(v))) => Ok(Some(v.clone())),
        Some((_, None)) => Err(format!("missing a value on flag: --{name}")),
    }
}

fn bool_flag(flags: &[(String, Option<String>)], name: &str) -> Res<bool> {
    match flags.iter().rev().find(|(n, _)| n == name) {
        None => Ok(false),
        Some((_, None)) => Ok(true),
        Some((_, Some(v))) => parse_bool(v)
            .ok_or_else(|| format!("expecting boolean value for flag {name}, not: {v}")),
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "t" | "true" => Some(true),
        "0" | "f" | "false" => Some(false),
        _ => None,
    }
}

/// JSON array form when the text is a JSON array of strings, else shell form.
fn command(rest: &str) -> Command {
    if rest.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Vec<String>>(rest) {
            return Command::Exec(v);
        }
    }
    Command::Shell(rest.to_string())
}

/// Splits on blanks outside quotes, keeping quotes and escapes for substitution to handle.
pub(crate) fn words(text: &str, escape: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c == escape && quote != Some('\'') => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '"' | '\'' if quote.is_none() => {
                quote = Some(c);
                cur.push(c);
            }
            c if Some(c) == quote => {
                quote = None;
                cur.push(c);
            }
            c if c.is_whitespace() && quote.is_none() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// ENV and LABEL: `key value` (one pair) or `key=value ...`.
fn name_values(kw: &str, rest: &str, escape: char) -> Res<Vec<(String, String)>> {
    let words = words(rest, escape);
    let Some(first) = words.first() else {
        return Err(format!("{kw} requires at least one argument"));
    };
    if !first.contains('=') {
        // The first word as `words` sees it (quotes kept whole), the rest verbatim.
        let value = rest[first.len()..].trim();
        if value.is_empty() {
            return Err(format!("{kw} must have two arguments"));
        }
        return Ok(vec![(first.clone(), value.to_string())]);
    }
    words
        .iter()
        .map(|w| {
            let (k, v) = w.split_once('=').ok_or_else(|| {
                format!("Syntax error - can't find = in {w:?}. Must be of the form: name=value")
            })?;
            if k.is_empty() {
                return Err(format!("{kw} names can not be blank"));
            }
            Ok((k.to_string(), v.to_string()))
        })
        .collect()
}

/// A stage name: a letter, then letters, digits, `-`, `_` or `.`; lower-cased.
fn stage_name(name: &str) -> Res<String> {
    let lower = name.to_ascii_lowercase();
    let mut chars = lower.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if !ok {
        return Err(format!(
            "invalid name for build stage: {name:?}, name can't start with a number or contain symbols"
        ));
    }
    Ok(lower)
}

/// One `--mount` value: comma-separated `key=value` (or bare boolean keys).
fn mount(spec: &str) -> Res<Mount> {
    let mut m = Mount {
        kind: MountKind::Bind,
        target: None,
        source: None,
        from: None,
        id: None,
        readonly: None,
        sharing: None,
        mode: None,
        uid: None,
        gid: None,
        required: false,
        size: None,
        env: None,
    };
    let num = |k: &str, v: &str, radix: u32| {
        u32::from_str_radix(v, radix).map_err(|_| format!("invalid value for {k}: {v:?}"))
    };
    for field in spec.split(',').filter(|f| !f.is_empty()) {
        let (key, value) = match field.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_lowercase(), Some(v.trim())),
            None => (field.trim().to_ascii_lowercase(), None),
        };
        let val = || {
            value
                .map(str::to_string)
                .ok_or_else(|| format!("invalid field '{field}' must be a key=value pair"))
        };
        let boolean = || {
            value
                .map_or(Some(true), parse_bool)
                .ok_or_else(|| format!("invalid value for {key}: {field}"))
        };
        match key.as_str() {
            "type" => {
                m.kind = match val()?.as_str() {
                    "bind" => MountKind::Bind,
                    "cache" => MountKind::Cache,
                    "secret" => MountKind::Secret,
                    "tmpfs" => MountKind::Tmpfs,
                    "ssh" => MountKind::Ssh,
                    t => return Err(format!("unsupported mount type {t:?}")),
                }
            }
            "target" | "dst" | "destination" => m.target = Some(val()?),
            "source" | "src" => m.source = Some(val()?),
            "from" => m.from = Some(val()?),
            "id" => m.id = Some(val()?),
            "readonly" | "ro" => m.readonly = Some(boolean()?),
            "rw" | "readwrite" => m.readonly = Some(!boolean()?),
            "required" => m.required = boolean()?,
            "sharing" => {
                m.sharing = Some(match val()?.as_str() {
                    "shared" => Sharing::Shared,
                    "private" => Sharing::Private,
                    "locked" => Sharing::Locked,
                    s => return Err(format!("unsupported sharing value {s:?}")),
                })
            }
            "mode" => m.mode = Some(num(&key, &val()?, 8)?),
            "uid" => m.uid = Some(num(&key, &val()?, 10)?),
            "gid" => m.gid = Some(num(&key, &val()?, 10)?),
            "size" => m.size = Some(val()?),
            "env" => m.env = Some(val()?),
            _ => return Err(format!("unexpected key '{key}' in '{field}'")),
        }
    }
    let needs_target = !matches!(m.kind, MountKind::Secret | MountKind::Ssh);
    if needs_target && m.target.is_none() {
        return Err("mount target must be specified".into());
    }
    Ok(m)
}

fn healthcheck(flags: &[(String, Option<String>)], rest: &str) -> Res<Instruction> {
    let (kind, cmd) = match rest.find(char::is_whitespace) {
        Some(at) => (&rest[..at], rest[at..].trim()),
        None => (rest, ""),
    };
    match kind.to_ascii_uppercase().as_str() {
        "" => Err("HEALTHCHECK requires at least one argument".into()),
        "NONE" if cmd.is_empty() && flags.is_empty() => {
            Ok(Instruction::Healthcheck(Healthcheck::None))
        }
        "NONE" => Err("HEALTHCHECK NONE takes no arguments".into()),
        "CMD" if cmd.is_empty() => Err("Missing command after HEALTHCHECK CMD".into()),
        "CMD" => {
            let dur = |name: &str| -> Res<Option<Duration>> {
                flag_value(flags, name)?
                    .map(|v| interval(name, &v))
                    .transpose()
            };
            let retries = match flag_value(flags, "retries")? {
                None => None,
                Some(v) => {
                    let n: i64 = v
                        .parse()
                        .map_err(|_| format!("strconv.ParseInt: parsing {v:?}: invalid syntax"))?;
                    if n < 0 {
                        return Err(format!("--retries cannot be negative ({n})"));
                    }
                    Some(u32::try_from(n).map_err(|_| format!("--retries out of range ({n})"))?)
                }
            };
            Ok(Instruction::Healthcheck(Healthcheck::Cmd(HealthcheckCmd {
                command: command(cmd),
                interval: dur("interval")?,
                timeout: dur("timeout")?,
                start_period: dur("start-period")?,
                start_interval: dur("start-interval")?,
                retries,
            })))
        }
        _ => Err(format!("Unknown type {kind:?} in HEALTHCHECK (try CMD)")),
    }
}

/// A healthcheck duration: Go's duration syntax, 0 or at least 1ms.
fn interval(name: &str, v: &str) -> Res<Duration> {
    let d = go_duration(v).ok_or_else(|| format!("time: invalid duration {v:?}"))?;
    if !d.is_zero() && d < Duration::from_millis(1) {
        return Err(format!("Interval {name:?} cannot be less than 1ms"));
    }
    Ok(d)
}

/// Go's `time.ParseDuration` for non-negative values (`1h30m`, `1.5s`, `250ms`, `0`), exact
/// to the nanosecond.
pub(crate) fn go_duration(s: &str) -> Option<Duration> {
    if s == "0" {
        return Some(Duration::ZERO);
    }
    let mut rest = s.strip_prefix('+').unwrap_or(s);
    if rest.is_empty() {
        return None;
    }
    let mut nanos: u128 = 0;
    while !rest.is_empty() {
        let int_end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let int = &rest[..int_end];
        rest = &rest[int_end..];
        let frac = match rest.strip_prefix('.') {
            Some(r) => {
                let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
                rest = &r[end..];
                &r[..end]
            }
            None => "",
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit: u128 = match &rest[..unit_end] {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        rest = &rest[unit_end..];
        let int: u128 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let frac_digits = &frac[..frac.len().min(18)];
        let frac_value: u128 = if frac_digits.is_empty() {
            0
        } else {
            frac_digits.parse().ok()?
        };
        let frac_nanos = frac_value * unit / 10u128.pow(frac_digits.len() as u32);
        nanos = nanos.checked_add(int.checked_mul(unit)?.checked_add(frac_nanos)?)?;
    }
    let secs = u64::try_from(nanos / 1_000_000_000).ok()?;
    Some(Duration::new(secs, (nanos % 1_000_000_000) as u32))
}
