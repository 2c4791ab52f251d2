//! What the instructions that only describe the image (CMD, ENV, LABEL, USER...) do to the
//! image config a build stage carries, as docker's builder does it. Pure: no I/O.

use serde_json::{json, Value};
use skiff_dockerfile::{Command, Healthcheck, Instruction};
use skiff_storage::config::ContainerConfig;

/// The shell of shell-form instructions when the stage set none.
pub const DEFAULT_SHELL: [&str; 2] = ["/bin/sh", "-c"];

/// The shell a stage runs shell-form commands with: its SHELL, or `/bin/sh -c`.
pub fn shell_of(config: &ContainerConfig) -> Vec<String> {
    if config.shell.is_empty() {
        DEFAULT_SHELL.iter().map(|s| s.to_string()).collect()
    } else {
        config.shell.clone()
    }
}

/// A command as the image stores it: exec form as given, shell form through `shell`.
pub fn argv(command: &Command, shell: &[String]) -> Vec<String> {
    match command {
        Command::Exec(args) => args.clone(),
        Command::Shell(line) => {
            let mut v = shell.to_vec();
            v.push(line.clone());
            v
        }
    }
}

/// Sets `KEY=VALUE` in an environment list, in place when the key is there (docker keeps
/// the variable's position), appended otherwise.
pub fn set_env(env: &mut Vec<String>, key: &str, value: &str) {
    let entry = format!("{key}={value}");
    match env
        .iter_mut()
        .find(|e| e.split_once('=').map_or(e.as_str(), |(k, _)| k) == key)
    {
        Some(e) => *e = entry,
        None => env.push(entry),
    }
}

/// The value of `key` in an environment list.
pub fn get_env<'a>(env: &'a [String], key: &str) -> Option<&'a str> {
    env.iter()
        .filter_map(|e| e.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// A WORKDIR value against the current directory: absolute as given, relative joined on,
/// cleaned of `.` and `..` (never above `/`).
pub fn join_workdir(current: &str, dir: &str) -> String {
    let joined = if dir.starts_with('/') {
        dir.to_string()
    } else {
        format!("{}/{dir}", if current.is_empty() { "/" } else { current })
    };
    format!("/{}", skiff_dockerfile::path::clean(&joined))
}

/// EXPOSE values as ExposedPorts keys: `80` -> `80/tcp`, `53/udp` as written, ranges
/// (`8000-8002`) one key a port. Returns the bad value on error.
pub fn exposed_keys(ports: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for p in ports {
        let (range, proto) = match p.split_once('/') {
            Some((r, proto)) => (r, proto.to_ascii_lowercase()),
            None => (p.as_str(), "tcp".to_string()),
        };
        if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
            return Err(format!("invalid proto: {proto}"));
        }
        let bad = || format!("invalid containerPort: {range}");
        let (lo, hi) = match range.split_once('-') {
            Some((a, b)) => (
                a.parse::<u16>().map_err(|_| bad())?,
                b.parse::<u16>().map_err(|_| bad())?,
            ),
            None => {
                let n = range.parse::<u16>().map_err(|_| bad())?;
                (n, n)
            }
        };
        if lo > hi {
            return Err(bad());
        }
        out.extend((lo..=hi).map(|n| format!("{n}/{proto}")));
    }
    Ok(out)
}

/// Docker's Healthcheck object for a HEALTHCHECK instruction (durations in nanoseconds).
pub fn healthcheck_json(h: &Healthcheck) -> Value {
    match h {
        Healthcheck::None => json!({"Test": ["NONE"]}),
        Healthcheck::Cmd(c) => {
            let test: Vec<String> = match &c.command {
                Command::Exec(args) => std::iter::once("CMD".to_string())
                    .chain(args.iter().cloned())
                    .collect(),
                Command::Shell(line) => vec!["CMD-SHELL".into(), line.clone()],
            };
            let mut v = json!({"Test": test});
            for (key, d) in [
                ("Interval", c.interval),
                ("Timeout", c.timeout),
                ("StartPeriod", c.start_period),
                ("StartInterval", c.start_interval),
            ] {
                if let Some(d) = d {
                    v[key] = json!(d.as_nanos() as u64);
                }
            }
            if let Some(r) = c.retries {
                v["Retries"] = json!(r);
            }
            v
        }
    }
}

/// What one stage has set so far beyond the config itself (docker resets an inherited CMD
/// when the stage sets ENTRYPOINT, but not a CMD the stage set itself).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageFlags {
    /// The stage ran a CMD instruction.
    pub cmd_set: bool,
}

/// Applies a config-only instruction (already expanded) to `config`. Returns false for the
/// instructions it does not handle (FROM, RUN, COPY, ADD, ARG, MAINTAINER), or an error for
/// a bad value.
pub fn apply(
    config: &mut ContainerConfig,
    flags: &mut StageFlags,
    instruction: &Instruction,
) -> Result<bool, String> {
    let shell = shell_of(config);
    match instruction {
        Instruction::Cmd(c) => {
            config.cmd = Some(argv(c, &shell));
            flags.cmd_set = true;
        }
        Instruction::Entrypoint(c) => {
            config.entrypoint = Some(argv(c, &shell));
            if !flags.cmd_set {
                config.cmd = None;
            }
        }
        Instruction::Env(pairs) => {
            for (k, v) in pairs {
                if k.is_empty() {
                    return Err("ENV names can not be blank".into());
                }
                set_env(&mut config.env, k, v);
            }
        }
        Instruction::Label(pairs) => {
            for (k, v) in pairs {
                if k.is_empty() {
                    return Err("LABEL names can not be blank".into());
                }
                config.labels.insert(k.clone(), v.clone());
            }
        }
        Instruction::Expose(ports) => {
            for key in exposed_keys(ports)? {
                config.exposed_ports.insert(key, json!({}));
            }
        }
        Instruction::Volume(vols) => {
            for v in vols {
                if v.trim().is_empty() {
                    return Err("VOLUME specified can not be an empty string".into());
                }
                config.volumes.insert(v.clone(), json!({}));
            }
        }
        Instruction::User(u) => config.user = u.clone(),
        Instruction::Workdir(d) => config.working_dir = join_workdir(&config.working_dir, d),
        Instruction::Shell(s) => {
            if s.is_empty() {
                return Err("SHELL requires at least one argument".into());
            }
            config.shell = s.clone();
        }
        Instruction::Stopsignal(s) => {
            if crate::container::options::parse_signal(s).is_err() {
                return Err(format!("Invalid signal: {s}"));
            }
            config.stop_signal = s.clone();
        }
        Instruction::Healthcheck(h) => config.healthcheck = Some(healthcheck_json(h)),
        Instruction::Onbuild(text, _) => config.on_build.push(text.clone()),
        _ => return Ok(false),
    }
    Ok(true)
}

/// The history `created_by` of a step that made no layer, as buildah writes it.
pub fn nop_created_by(text: &str) -> String {
    format!("/bin/sh -c #(nop) {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str) -> Vec<Instruction> {
        let df = skiff_dockerfile::parse(&format!("FROM scratch\n{text}")).unwrap();
        df.stages[0]
            .steps
            .iter()
            .map(|s| s.instruction.clone())
            .collect()
    }

    fn built(text: &str, base: ContainerConfig) -> ContainerConfig {
        let mut c = base;
        let mut f = StageFlags::default();
        let scope = std::collections::BTreeMap::<String, String>::new();
        for i in plan(text) {
            let i = i.expand(&scope, '\\').unwrap();
            assert!(apply(&mut c, &mut f, &i).unwrap(), "{i:?}");
        }
        c
    }

    #[test]
    fn config_instructions_build_dockers_config() {
        let c = built(
            "ENV A=1 B=2\nENV A=3\nLABEL k=v \"x y\"=z\nEXPOSE 80 53/udp 8000-8001\n\
             VOLUME [\"/data\", \"/logs\"]\nUSER app:app\nWORKDIR /srv\nWORKDIR sub/../x\n\
             SHELL [\"/bin/bash\", \"-c\"]\nCMD echo hi\nENTRYPOINT [\"/e\"]\nSTOPSIGNAL SIGINT\n\
             HEALTHCHECK --interval=5s --retries=2 CMD curl -f localhost\nONBUILD RUN make",
            ContainerConfig::default(),
        );
        assert_eq!(c.env, ["A=3", "B=2"]);
        assert_eq!(c.labels["k"], "v");
        assert_eq!(c.labels["x y"], "z");
        let ports: Vec<&String> = c.exposed_ports.keys().collect();
        assert_eq!(ports, ["53/udp", "80/tcp", "8000/tcp", "8001/tcp"]);
        assert!(c.volumes.contains_key("/data") && c.volumes.contains_key("/logs"));
        assert_eq!(
            (c.user.as_str(), c.working_dir.as_str()),
            ("app:app", "/srv/x")
        );
        assert_eq!(c.shell, ["/bin/bash", "-c"]);
        // CMD was set in this stage, so ENTRYPOINT keeps it.
        assert_eq!(c.cmd.unwrap(), ["/bin/bash", "-c", "echo hi"]);
        assert_eq!(c.entrypoint.unwrap(), ["/e"]);
        assert_eq!(c.stop_signal, "SIGINT");
        let h = c.healthcheck.unwrap();
        assert_eq!(h["Test"], json!(["CMD-SHELL", "curl -f localhost"]));
        assert_eq!(h["Interval"], json!(5_000_000_000u64));
        assert_eq!(h["Retries"], json!(2));
        assert!(h.get("Timeout").is_none());
        assert_eq!(c.on_build, ["RUN make"]);
    }

    #[test]
    fn entrypoint_resets_an_inherited_cmd() {
        let base = ContainerConfig {
            cmd: Some(vec!["sh".into()]),
            ..Default::default()
        };
        let c = built("ENTRYPOINT [\"/e\"]", base);
        assert_eq!(c.cmd, None);
    }

    #[test]
    fn bad_values_are_refused() {
        let mut c = ContainerConfig::default();
        let mut f = StageFlags::default();
        for bad in [
            "EXPOSE 80/xyz",
            "EXPOSE 9-1",
            "EXPOSE http",
            "STOPSIGNAL SIGFOO",
            "STOPSIGNAL 99",
        ] {
            let i = plan(bad).remove(0);
            assert!(apply(&mut c, &mut f, &i).is_err(), "{bad}");
        }
        assert!(!apply(&mut c, &mut f, &plan("RUN true").remove(0)).unwrap());
        assert!(apply(&mut c, &mut f, &plan("STOPSIGNAL 9").remove(0)).unwrap());
    }

    #[test]
    fn workdirs_join_and_clean() {
        assert_eq!(join_workdir("", "app"), "/app");
        assert_eq!(join_workdir("/a/b", "../c"), "/a/c");
        assert_eq!(join_workdir("/a", "/../.."), "/");
    }

    proptest::proptest! {
        #[test]
        fn expose_never_panics(s in ".{0,20}") {
            let _ = exposed_keys(&[s]);
        }
    }
}
