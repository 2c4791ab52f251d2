//! podman's `--systemd=true|false|always`: a container whose command is systemd (or an init at
//! one of the usual paths), or any with `always`, runs in systemd mode: tmpfs on the
//! directories systemd expects to be its own, SIGRTMIN+3 as the default stop signal (systemd's
//! halt), `container_uuid` in its environment, and its cgroup file system writable (in its own
//! cgroup namespace).

use std::path::Path;

use crate::error::{Error, Result};

/// The directories a tmpfs covers in systemd mode (unless the container mounts something there).
pub const TMPFS_DIRS: [&str; 4] = ["/run", "/run/lock", "/tmp", "/var/lib/journal"];
/// The stop signal in systemd mode, unless the user or the image names one.
pub const STOP_SIGNAL: &str = "SIGRTMIN+3";

/// When a container runs in systemd mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SystemdMode {
    /// When its command is systemd or an init (podman's default).
    #[default]
    True,
    /// Never.
    False,
    /// Always.
    Always,
}

impl SystemdMode {
    /// Parses `true`, `false` or `always`.
    pub fn parse(s: &str) -> Result<SystemdMode> {
        match s {
            "true" => Ok(SystemdMode::True),
            "false" => Ok(SystemdMode::False),
            "always" => Ok(SystemdMode::Always),
            other => Err(Error::InvalidArgument(format!(
                "invalid --systemd {other:?}: use true, false or always"
            ))),
        }
    }

    /// Whether a container running `argv` (entrypoint and command) is in systemd mode.
    pub fn applies_to(self, argv: &[String]) -> bool {
        match self {
            SystemdMode::False => false,
            SystemdMode::Always => true,
            SystemdMode::True => argv.first().is_some_and(|cmd| {
                matches!(
                    cmd.as_str(),
                    "/usr/sbin/init" | "/sbin/init" | "/usr/local/sbin/init"
                ) || Path::new(cmd).file_name().is_some_and(|n| n == "systemd")
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn systemd_or_an_init_command_by_default() {
        for cmd in [
            "/sbin/init",
            "/usr/sbin/init",
            "/usr/local/sbin/init",
            "/lib/systemd/systemd",
            "systemd --log-level=debug",
        ] {
            assert!(SystemdMode::True.applies_to(&argv(cmd)), "{cmd}");
            assert!(!SystemdMode::False.applies_to(&argv(cmd)), "{cmd}");
        }
        for cmd in [
            "sh -c init",
            "/bin/init",
            "systemctl",
            "/opt/systemd-helper",
            "",
        ] {
            assert!(!SystemdMode::True.applies_to(&argv(cmd)), "{cmd:?}");
            assert!(SystemdMode::Always.applies_to(&argv(cmd)), "{cmd:?}");
        }
    }

    #[test]
    fn parses_podman_s_three_values() {
        assert_eq!(SystemdMode::parse("always").unwrap(), SystemdMode::Always);
        assert_eq!(SystemdMode::parse("false").unwrap(), SystemdMode::False);
        assert!(SystemdMode::parse("yes")
            .unwrap_err()
            .to_string()
            .contains("true, false or always"));
    }
}
