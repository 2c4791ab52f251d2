//! Prints a build plan back as Dockerfile text that parses to the same plan (property-tested),
//! for showing a normalized file and for history entries.

use std::fmt::{self, Display, Formatter, Write};

use crate::instruction::{
    ArgDecl, Command, CopyArgs, Healthcheck, Heredoc, Instruction, Mount, MountKind, Sharing,
};
use crate::parse::words;
use crate::plan::Dockerfile;

impl Display for Dockerfile {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(syntax) = &self.syntax {
            writeln!(f, "# syntax={syntax}")?;
        }
        if self.escape != '\\' {
            writeln!(f, "# escape={}", self.escape)?;
        }
        if !self.global_args.is_empty() {
            writeln!(f, "ARG {}", args(&self.global_args))?;
        }
        for stage in &self.stages {
            writeln!(
                f,
                "{}",
                text(&Instruction::From(stage.from.clone()), self.escape)
            )?;
            for step in &stage.steps {
                writeln!(f, "{}", text(&step.instruction, self.escape))?;
            }
        }
        Ok(())
    }
}

/// One instruction as Dockerfile text (heredoc bodies on the following lines), in a file whose
/// escape character is `escape`.
pub fn text(ins: &Instruction, escape: char) -> String {
    let mut s = String::from(ins.keyword());
    let mut heredocs: &[Heredoc] = &[];
    match ins {
        Instruction::From(from) => {
            flag(&mut s, "platform", &from.platform);
            after_flags(&mut s, &from.image);
            if let Some(name) = &from.name {
                let _ = write!(s, " AS {name}");
            }
        }
        Instruction::Run(run) => {
            for m in &run.mounts {
                let _ = write!(s, " --mount={}", mount(m));
            }
            flag(&mut s, "network", &run.network);
            flag(&mut s, "security", &run.security);
            after_flags(&mut s, &command(&run.command));
            heredocs = &run.heredocs;
        }
        Instruction::Cmd(c) | Instruction::Entrypoint(c) => {
            s.push(' ');
            s.push_str(&command(c));
        }
        Instruction::Env(p) | Instruction::Label(p) => s.push_str(&pairs(p, escape)),
        Instruction::Arg(a) => {
            s.push(' ');
            s.push_str(&args(a));
        }
        Instruction::Expose(v) => {
            s.push(' ');
            s.push_str(&v.join(" "));
        }
        Instruction::Volume(v) | Instruction::Shell(v) => {
            s.push(' ');
            s.push_str(&json(v));
        }
        Instruction::User(v)
        | Instruction::Workdir(v)
        | Instruction::Stopsignal(v)
        | Instruction::Maintainer(v) => {
            s.push(' ');
            s.push_str(v);
        }
        Instruction::Copy(c) | Instruction::Add(c) => {
            copy(&mut s, c);
            heredocs = &c.heredocs;
        }
        Instruction::Healthcheck(Healthcheck::None) => s.push_str(" NONE"),
        Instruction::Healthcheck(Healthcheck::Cmd(h)) => {
            let durations = [
                ("interval", h.interval),
                ("timeout", h.timeout),
                ("start-period", h.start_period),
                ("start-interval", h.start_interval),
            ];
            for (name, d) in durations {
                if let Some(d) = d {
                    let _ = write!(s, " --{name}={}", go_duration_text(d));
                }
            }
            if let Some(r) = h.retries {
                let _ = write!(s, " --retries={r}");
            }
            let _ = write!(s, " CMD {}", command(&h.command));
        }
        Instruction::Onbuild(raw, _) => {
            s.push(' ');
            s.push_str(raw);
        }
    }
    for h in heredocs {
        s.push('\n');
        s.push_str(&h.content);
        s.push_str(&h.name);
    }
    s
}

/// A duration as Go's `time.Duration` prints it (`5s`, `1m30s`, `1.5s`, `250ms`, `1h0m0s`),
/// exact to the nanosecond: what docker and buildah show for a HEALTHCHECK's flags.
pub(crate) fn go_duration_text(d: std::time::Duration) -> String {
    let nanos = d.as_nanos();
    // The whole part and the fraction's digits (trailing zeros dropped) of `n / 10^digits`.
    let decimal = |n: u128, digits: u32| {
        let unit = 10u128.pow(digits);
        let frac = format!("{:0width$}", n % unit, width = digits as usize);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            format!("{}", n / unit)
        } else {
            format!("{}.{frac}", n / unit)
        }
    };
    match nanos {
        0 => "0s".to_string(),
        n if n < 1_000 => format!("{n}ns"),
        n if n < 1_000_000 => format!("{}\u{b5}s", decimal(n, 3)),
        n if n < 1_000_000_000 => format!("{}ms", decimal(n, 6)),
        n => {
            let secs = decimal(n % 60_000_000_000, 9);
            let minutes = n / 60_000_000_000;
            match (minutes / 60, minutes % 60) {
                (0, 0) => format!("{secs}s"),
                (0, m) => format!("{m}m{secs}s"),
                (h, m) => format!("{h}h{m}m{secs}s"),
            }
        }
    }
}

fn flag(s: &mut String, name: &str, value: &Option<String>) {
    if let Some(v) = value {
        let _ = write!(s, " --{name}={v}");
    }
}

/// The text after an instruction's flags, behind `--` when it would read as a flag.
fn after_flags(s: &mut String, text: &str) {
    s.push_str(if text.starts_with("--") { " -- " } else { " " });
    s.push_str(text);
}

fn json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn command(c: &Command) -> String {
    match c {
        Command::Exec(v) => json(v),
        Command::Shell(s) => s.clone(),
    }
}

fn args(a: &[ArgDecl]) -> String {
    let each = a.iter().map(|d| match &d.default {
        Some(v) => format!("{}={v}", d.name),
        None => d.name.clone(),
    });
    each.collect::<Vec<_>>().join(" ")
}

/// `k=v ...`, or the one-pair `k value` form when the value is not a single word.
fn pairs(p: &[(String, String)], escape: char) -> String {
    // The `key value` form for a value of several words, when the key reads back as one plain
    // word; a key with an open quote (which swallowed the rest of its line) reads back only as
    // `key=value`, one word split at its first `=`.
    let plain = |k: &str| {
        words(k, escape) == [k.to_string()] && words(&format!("{k} x"), escape).len() == 2
    };
    match p {
        [(k, v)] if !v.is_empty() && words(v, escape) != [v.clone()] && plain(k) => {
            format!(" {k} {v}")
        }
        _ => p.iter().map(|(k, v)| format!(" {k}={v}")).collect(),
    }
}

fn copy(s: &mut String, c: &CopyArgs) {
    flag(s, "from", &c.from);
    flag(s, "chown", &c.chown);
    flag(s, "chmod", &c.chmod);
    flag(s, "checksum", &c.checksum);
    for (on, name) in [
        (c.link, "link"),
        (c.parents, "parents"),
        (c.keep_git_dir, "keep-git-dir"),
    ] {
        if on {
            let _ = write!(s, " --{name}");
        }
    }
    for e in &c.exclude {
        let _ = write!(s, " --exclude={e}");
    }
    let mut all = c.sources.clone();
    all.push(c.dest.clone());
    // Heredocs exist only in the word form; otherwise JSON keeps blanks and markers literal.
    if c.heredocs.is_empty() {
        let _ = write!(s, " {}", json(&all));
    } else {
        after_flags(s, &all.join(" "));
    }
}

fn mount(m: &Mount) -> String {
    let kind = match m.kind {
        MountKind::Bind => "bind",
        MountKind::Cache => "cache",
        MountKind::Secret => "secret",
        MountKind::Tmpfs => "tmpfs",
        MountKind::Ssh => "ssh",
    };
    let mut out = vec![format!("type={kind}")];
    let strings = [
        ("target", &m.target),
        ("source", &m.source),
        ("from", &m.from),
        ("id", &m.id),
        ("size", &m.size),
        ("env", &m.env),
    ];
    out.extend(
        strings
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}"))),
    );
    if let Some(ro) = m.readonly {
        out.push(format!("readonly={ro}"));
    }
    if let Some(sharing) = m.sharing {
        let name = match sharing {
            Sharing::Shared => "shared",
            Sharing::Private => "private",
            Sharing::Locked => "locked",
        };
        out.push(format!("sharing={name}"));
    }
    if let Some(mode) = m.mode {
        out.push(format!("mode={mode:o}"));
    }
    out.extend(m.uid.map(|u| format!("uid={u}")));
    out.extend(m.gid.map(|g| format!("gid={g}")));
    if m.required {
        out.push("required=true".into());
    }
    out.join(",")
}
