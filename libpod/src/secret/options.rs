//! `--secret` of `run` and `create` (podman's): `NAME[,type=mount|env][,target=T][,uid=N]
//! [,gid=N][,mode=OCTAL]`, or `source=NAME,...`. Pure parsing, no I/O.

use serde::{Deserialize, Serialize};

/// How a secret reaches the container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SecretKind {
    /// A read-only file, `/run/secrets/NAME` unless `target` says otherwise.
    #[default]
    Mount,
    /// An environment variable, named `target` (the secret's name without one).
    Env,
}

/// One `--secret` as parsed: which secret, and how the container gets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretOption {
    /// The secret's name or id.
    pub source: String,
    /// `type=`.
    pub kind: SecretKind,
    /// `target=`: the file's path (relative: under /run/secrets) or the variable's name.
    pub target: Option<String>,
    /// `uid=` of the file (mount only; 0 without).
    pub uid: u32,
    /// `gid=` of the file (mount only; 0 without).
    pub gid: u32,
    /// `mode=` of the file (mount only; 0444 without).
    pub mode: u32,
}

/// The directory a mounted secret goes to when its target is not an absolute path.
pub const SECRETS_DIR: &str = "/run/secrets";

impl SecretOption {
    /// Parses one `--secret` value.
    pub fn parse(value: &str) -> Result<SecretOption, String> {
        let bad = |why: String| format!("invalid --secret {value:?}: {why}");
        let mut parts = value.split(',');
        let first = parts.next().unwrap_or_default();
        let mut opt = SecretOption {
            source: String::new(),
            kind: SecretKind::Mount,
            target: None,
            uid: 0,
            gid: 0,
            mode: 0o444,
        };
        let mut ownership = false;
        let rest = if first.contains('=') {
            std::iter::once(first).chain(parts)
        } else {
            opt.source = first.to_string();
            std::iter::once("").chain(parts)
        };
        for part in rest.filter(|p| !p.is_empty()) {
            let (key, val) = part
                .split_once('=')
                .ok_or_else(|| bad(format!("{part:?} is not KEY=VALUE")))?;
            let id = |what: &str| {
                val.parse::<u32>()
                    .map_err(|_| bad(format!("{what} {val:?} is not a number")))
            };
            match key {
                "source" | "src" => opt.source = val.to_string(),
                "type" => {
                    opt.kind = match val {
                        "mount" => SecretKind::Mount,
                        "env" => SecretKind::Env,
                        _ => return Err(bad(format!("type {val:?}: use mount or env"))),
                    }
                }
                "target" | "dst" | "destination" => opt.target = Some(val.to_string()),
                "uid" => (opt.uid, ownership) = (id("uid")?, true),
                "gid" => (opt.gid, ownership) = (id("gid")?, true),
                "mode" => {
                    opt.mode = u32::from_str_radix(val, 8)
                        .ok()
                        .filter(|m| *m <= 0o777)
                        .ok_or_else(|| bad(format!("mode {val:?} is not an octal mode")))?;
                    ownership = true;
                }
                _ => {
                    return Err(bad(format!(
                        "unknown option {key:?}: use type, target, uid, gid or mode"
                    )))
                }
            }
        }
        if opt.source.is_empty() {
            return Err(bad("no secret named: give its name first".into()));
        }
        if opt.kind == SecretKind::Env && ownership {
            return Err(bad("uid, gid and mode apply to type=mount only".into()));
        }
        if let Some(t) = &opt.target {
            let wrong = match opt.kind {
                SecretKind::Env => t.is_empty() || t.contains('='),
                SecretKind::Mount => t.is_empty() || t.split('/').any(|c| c == ".."),
            };
            if wrong {
                return Err(bad(format!("target {t:?} cannot be used")));
            }
        }
        Ok(opt)
    }

    /// Where a mounted secret goes in the container: `target` when absolute, else under
    /// [`SECRETS_DIR`] (the secret's own name without a target).
    pub fn mount_path(&self, name: &str) -> String {
        match &self.target {
            Some(t) if t.starts_with('/') => t.clone(),
            Some(t) => format!("{SECRETS_DIR}/{t}"),
            None => format!("{SECRETS_DIR}/{name}"),
        }
    }

    /// The variable an env secret sets: `target`, else the secret's name.
    pub fn env_name(&self, name: &str) -> String {
        self.target.clone().unwrap_or_else(|| name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podman_s_forms() {
        let o = SecretOption::parse("db").unwrap();
        assert_eq!(
            (o.source.as_str(), o.kind, o.mode),
            ("db", SecretKind::Mount, 0o444)
        );
        assert_eq!(o.mount_path("db"), "/run/secrets/db");
        let o = SecretOption::parse("db,type=env,target=TOKEN").unwrap();
        assert_eq!(
            (o.kind, o.env_name("db")),
            (SecretKind::Env, "TOKEN".into())
        );
        assert_eq!(
            SecretOption::parse("db,type=env").unwrap().env_name("db"),
            "db"
        );
        let o = SecretOption::parse("db,type=mount,target=/etc/x").unwrap();
        assert_eq!(
            (o.kind, o.mount_path("db")),
            (SecretKind::Mount, "/etc/x".into())
        );
        let o = SecretOption::parse("source=db,target=/etc/x,uid=5,gid=6,mode=0440").unwrap();
        assert_eq!((o.uid, o.gid, o.mode), (5, 6, 0o440));
        assert_eq!(o.mount_path("db"), "/etc/x");
        assert_eq!(
            SecretOption::parse("db,target=app/key")
                .unwrap()
                .mount_path("db"),
            "/run/secrets/app/key"
        );
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        for (value, says) in [
            ("", "no secret named"),
            ("type=env", "no secret named"),
            ("db,type=file", "use mount or env"),
            ("db,uid=x", "uid \"x\" is not a number"),
            ("db,mode=999", "not an octal mode"),
            ("db,mode=1777", "not an octal mode"),
            ("db,colour=red", "unknown option"),
            ("db,type=env,uid=1", "type=mount only"),
            ("db,target=../../etc/passwd", "cannot be used"),
            ("db,type=env,target=A=B", "cannot be used"),
            ("db,junk", "is not KEY=VALUE"),
        ] {
            let e = SecretOption::parse(value).unwrap_err();
            assert!(e.contains(says), "{value}: {e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics_and_a_mount_path_never_climbs(s in ".{0,60}") {
            if let Ok(o) = SecretOption::parse(&s) {
                let path = o.mount_path("n");
                proptest::prop_assert!(path.starts_with('/'));
                proptest::prop_assert!(!path.split('/').any(|c| c == ".."));
            }
        }
    }
}
