//! containers.conf(5): the keys skiff honours, read once per command in podman's order.
//!
//! Files, later ones overriding earlier ones key by key: `/usr/share/containers/containers.conf`,
//! `/etc/containers/containers.conf` and the `*.conf` files of `/etc/containers/containers.conf.d`
//! in lexical order, then, rootless, `$XDG_CONFIG_HOME/containers/containers.conf` (`~/.config/...`)
//! and its `containers.conf.d` likewise. `$CONTAINERS_CONF` names the only file to read instead;
//! `$CONTAINERS_CONF_OVERRIDE` a file read last, over all of them. A missing file or drop-in
//! directory is skipped (one failed open each); an unreadable or malformed file is an error
//! naming it, and so is a missing `$CONTAINERS_CONF` or `$CONTAINERS_CONF_OVERRIDE`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

/// A containers.conf that cannot be used: which file, where in it, and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("containers.conf {}{}: {message}", path.display(), line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct ConfError {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line of a syntax or type error, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// The settings of the containers.conf files; `None` where no file sets the key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ContainersConf {
    /// The `[containers]` table.
    pub containers: ContainersTable,
    /// The `[network]` table.
    pub network: NetworkTable,
    /// The `[engine]` table.
    pub engine: EngineTable,
}

/// The `[containers]` keys skiff honours: defaults of `run` and `create`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ContainersTable {
    /// `log_driver`: the default of `--log-driver`.
    pub log_driver: Option<String>,
    /// `pids_limit`: the default of `--pids-limit` (0: unlimited).
    pub pids_limit: Option<i64>,
    /// `seccomp_profile`: the default of `--security-opt seccomp=`: a profile file or
    /// `unconfined`.
    pub seccomp_profile: Option<String>,
    /// `default_ulimits`: `NAME=SOFT[:HARD]` limits a `--ulimit` of the same name replaces.
    pub default_ulimits: Option<Vec<String>>,
    /// `tz`: the default of `--tz` (`local` or `Area/City`).
    pub tz: Option<String>,
    /// `env`: `KEY=VALUE` variables of every container, over the image's and under
    /// `--env-file` and `-e` (podman's order).
    pub env: Option<Vec<String>>,
}

/// The `[network]` keys skiff honours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct NetworkTable {
    /// `default_rootless_network_cmd`: `slirp4netns` or `pasta`.
    pub default_rootless_network_cmd: Option<String>,
    /// `default_network`: as root, the network a container joins when no `--network` is given
    /// (podman's default bridge is `podman`, skiff's `bridge`: both mean skiff's default).
    /// Rootless the default stays the helper's private network, as podman's slirp4netns.
    pub default_network: Option<String>,
}

/// The `[engine]` keys skiff honours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct EngineTable {
    /// `cgroup_manager`: `cgroupfs` or `systemd`. skiff has one for each mode (see
    /// [`cgroup_manager`]): the other is passed over with a warning, anything else refused.
    pub cgroup_manager: Option<String>,
}

/// The cgroup manager skiff uses: root writes its cgroups itself (`cgroupfs`), rootless asks
/// the user's systemd for a scope (`systemd`).
pub fn cgroup_manager(rootless: bool) -> &'static str {
    if rootless {
        "systemd"
    } else {
        "cgroupfs"
    }
}

impl ContainersConf {
    /// Parses one file's text; `path` only names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<ContainersConf, ConfError> {
        let text = &*without_comment_lines(text);
        toml::from_str(text).map_err(|e| ConfError {
            path: path.to_path_buf(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
            message: e.message().to_string(),
        })
    }

    /// Reads `files` in order, each key of a later file overriding the earlier ones'. A missing
    /// file is skipped unless it is marked required.
    pub fn load(files: &[(PathBuf, bool)]) -> Result<ContainersConf, ConfError> {
        let mut conf = ContainersConf::default();
        for (path, required) in files {
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => continue,
                Err(e) => {
                    return Err(ConfError {
                        path: path.clone(),
                        line: None,
                        message: e.to_string(),
                    })
                }
            };
            conf = ContainersConf::parse(path, &text)?.over(conf);
        }
        Ok(conf)
    }

    /// This file's keys, with `earlier`'s where this one does not set them.
    fn over(self, earlier: ContainersConf) -> ContainersConf {
        let (c, e) = (self.containers, earlier.containers);
        ContainersConf {
            containers: ContainersTable {
                log_driver: c.log_driver.or(e.log_driver),
                pids_limit: c.pids_limit.or(e.pids_limit),
                seccomp_profile: c.seccomp_profile.or(e.seccomp_profile),
                default_ulimits: c.default_ulimits.or(e.default_ulimits),
                env: c.env.or(e.env),
                tz: c.tz.or(e.tz),
            },
            network: NetworkTable {
                default_rootless_network_cmd: self
                    .network
                    .default_rootless_network_cmd
                    .or(earlier.network.default_rootless_network_cmd),
                default_network: self
                    .network
                    .default_network
                    .or(earlier.network.default_network),
            },
            engine: EngineTable {
                cgroup_manager: self.engine.cgroup_manager.or(earlier.engine.cgroup_manager),
            },
        }
    }

    /// The user-defined network `default_network` names; None when unset or when it names the
    /// default bridge (podman's `podman`, skiff's `bridge`).
    pub fn default_network(&self) -> Option<&str> {
        match self.network.default_network.as_deref().map(str::trim) {
            None | Some("" | "podman" | "bridge") => None,
            Some(name) => Some(name),
        }
    }

    /// The helper `default_rootless_network_cmd` names; None when unset or unknown.
    pub fn network_helper(&self) -> Option<skiff_network::Helper> {
        match self.network.default_rootless_network_cmd.as_deref()? {
            "slirp4netns" => Some(skiff_network::Helper::Slirp4netns),
            "pasta" => Some(skiff_network::Helper::Pasta),
            _ => None,
        }
    }
}

/// `text` with each line that holds only a comment emptied (its line break kept, so errors
/// name the same lines): the distribution's file is ~700 lines of comments around a dozen
/// keys, and the TOML parser costs ~17 instructions a byte where this scan costs ~6. Left
/// whole when a line outside comments opens a multi-line string (where `#` may start a line
/// of the string), and when the text has a control character or a carriage return anywhere
/// (the parser refuses those in comments, and still sees them).
fn without_comment_lines(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    // One pass without early exit (~2.5 instructions a byte, measured).
    let odd = bytes.iter().fold(false, |odd, &b| {
        odd | (b < b' ' && b != b'\t' && b != b'\n') | (b == 0x7f)
    });
    if odd {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n + 1);
        let line = &text[start..end];
        if line.trim_start_matches([' ', '\t']).starts_with('#') {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else if line.contains("\"\"\"") || line.contains("'''") {
            return text.into();
        } else {
            out.push_str(line);
        }
        start = end;
    }
    out.into()
}

/// The files to read, in order, each with whether it must exist (only `$CONTAINERS_CONF` and
/// `$CONTAINERS_CONF_OVERRIDE` must).
pub fn files() -> Vec<(PathBuf, bool)> {
    let var = |name| std::env::var_os(name).filter(|f| !f.is_empty());
    let mut files = Vec::new();
    if let Some(f) = var("CONTAINERS_CONF") {
        files.push((PathBuf::from(f), true));
    } else {
        files.push((
            PathBuf::from("/usr/share/containers/containers.conf"),
            false,
        ));
        with_drop_ins(Path::new("/etc/containers/containers.conf"), &mut files);
        if crate::config::is_rootless() {
            let user = crate::config::config_home().join("containers/containers.conf");
            with_drop_ins(&user, &mut files);
        }
    }
    if let Some(f) = var("CONTAINERS_CONF_OVERRIDE") {
        files.push((PathBuf::from(f), true));
    }
    files
}

/// Adds `file`, then the `*.conf` files of `file.d` in lexical order (podman's drop-ins).
fn with_drop_ins(file: &Path, files: &mut Vec<(PathBuf, bool)>) {
    files.push((file.to_path_buf(), false));
    let mut dir = file.as_os_str().to_owned();
    dir.push(".d");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut drop_ins: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conf"))
        .collect();
    drop_ins.sort();
    files.extend(drop_ins.into_iter().map(|p| (p, false)));
}

/// This command's configuration: the files are read until they read well, then kept (so a
/// long-running API service sees a file fixed after an error).
pub fn get() -> Result<&'static ContainersConf, ConfError> {
    static CONF: OnceLock<ContainersConf> = OnceLock::new();
    if let Some(conf) = CONF.get() {
        return Ok(conf);
    }
    let conf = ContainersConf::load(&files())?;
    Ok(CONF.get_or_init(|| conf))
}

/// The helper containers.conf chooses for the default network (`[network]
/// default_rootless_network_cmd = "slirp4netns" | "pasta"`, see [`ContainersConf::network_helper`]);
/// None when no file sets it (then [`skiff_network::default_helper`] decides) or the
/// configuration cannot be read (`create` reports that).
pub fn default_network_helper() -> Option<skiff_network::Helper> {
    get().ok()?.network_helper()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ContainersConf {
        ContainersConf::parse(Path::new("t.conf"), text).unwrap()
    }

    #[test]
    fn reads_the_keys_and_ignores_the_others() {
        let c = parse(
            "[containers]\nlog_driver = \"none\"\npids_limit = 100\n\
             seccomp_profile = \"/p.json\"\ndefault_capabilities = [\"CHOWN\"]\n\
             default_ulimits = [\"nofile=5:6\"]\nenv = [\"A=1\", \"B=2\"]\ntz = \"local\"\n\
             [network]\ndefault_rootless_network_cmd = \"pasta\"\n[engine]\ncgroup_manager = \"cgroupfs\"\nnum_locks = 2048\n",
        );
        assert_eq!(c.containers.log_driver.as_deref(), Some("none"));
        assert_eq!(c.containers.pids_limit, Some(100));
        assert_eq!(c.containers.seccomp_profile.as_deref(), Some("/p.json"));
        assert_eq!(
            c.containers.default_ulimits,
            Some(vec!["nofile=5:6".to_string()])
        );
        assert_eq!(
            c.containers.env,
            Some(vec!["A=1".to_string(), "B=2".to_string()])
        );
        assert_eq!(c.network_helper(), Some(skiff_network::Helper::Pasta));
        assert_eq!(c.engine.cgroup_manager.as_deref(), Some("cgroupfs"));
        assert_eq!(c.containers.tz.as_deref(), Some("local"));
        let net = |n: &str| parse(&format!("[network]\ndefault_network = \"{n}\"\n"));
        assert_eq!(net("app").default_network(), Some("app"));
        for default in ["podman", "bridge", ""] {
            assert_eq!(net(default).default_network(), None, "{default:?}");
        }
        assert_eq!(parse(""), ContainersConf::default());
        assert_eq!(
            parse("[network]\ndefault_rootless_network_cmd = \"x\"\n").network_helper(),
            None
        );
    }

    #[test]
    fn comment_lines_are_emptied_outside_multi_line_strings() {
        let text = "# a\n  # b\n[containers]\ntz = \"x\" # c\n#\tx\n# d";
        assert_eq!(
            without_comment_lines(text),
            "\n\n[containers]\ntz = \"x\" # c\n\n"
        );
        for odd in ["# a\r\n", "# \x01\n", "# \x7f\n"] {
            assert_eq!(without_comment_lines(odd), odd);
        }
        let multi = "[containers]\nenv = [\"\"\"\n# kept\"\"\"]\n";
        assert_eq!(without_comment_lines(multi), multi);
        assert_eq!(
            parse(multi).containers.env,
            Some(vec!["# kept".to_string()])
        );
        // The same settings as the parser reading the text whole; the same refusals.
        let conf = "# top\n[containers]\n# pids_limit = 1\npids_limit = 7\nenv = [\n  # \"A=0\",\n  \"A=1\",\n]\n\
                    #[network]\n[network]\n  # x = 1\ndefault_rootless_network_cmd = \"pasta\"\n";
        let whole: ContainersConf = toml::from_str(conf).unwrap();
        assert_eq!(parse(conf), whole);
        assert_eq!(whole.containers.pids_limit, Some(7));
        assert!(ContainersConf::parse(Path::new("c"), "#\x01\n").is_err());
    }

    #[test]
    fn a_malformed_file_names_the_file_and_line() {
        let e = ContainersConf::parse(
            Path::new("/x/c.conf"),
            "[containers]\n\npids_limit = \"a\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(
            e.to_string()
                .starts_with("containers.conf /x/c.conf, line 3: "),
            "{e}"
        );
        let e = ContainersConf::parse(Path::new("c.conf"), "[containers\n").unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
    }

    #[test]
    fn later_files_override_earlier_keys_and_missing_ones_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(
            &a,
            "[containers]\nlog_driver = \"json-file\"\npids_limit = 5\n",
        )
        .unwrap();
        std::fs::write(&b, "[containers]\npids_limit = 9\n").unwrap();
        let missing = dir.path().join("missing");
        let c = ContainersConf::load(&[(a, false), (missing.clone(), false), (b, false)]).unwrap();
        assert_eq!(c.containers.log_driver.as_deref(), Some("json-file"));
        assert_eq!(c.containers.pids_limit, Some(9));
        let e = ContainersConf::load(&[(missing.clone(), true)]).unwrap_err();
        assert_eq!(e.path, missing);
    }

    #[test]
    fn drop_ins_follow_their_file_in_lexical_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("containers.conf");
        let mut files = Vec::new();
        with_drop_ins(&file, &mut files);
        assert_eq!(
            files,
            [(file.clone(), false)],
            "no .d directory: the file alone"
        );
        let d = dir.path().join("containers.conf.d");
        std::fs::create_dir(&d).unwrap();
        for name in ["b.conf", "a.conf", "c.txt", "10.conf"] {
            std::fs::write(d.join(name), "[containers]\n").unwrap();
        }
        files.clear();
        with_drop_ins(&file, &mut files);
        let names: Vec<_> = files.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(
            names,
            [file, d.join("10.conf"), d.join("a.conf"), d.join("b.conf")]
        );
        assert!(files.iter().all(|(_, required)| !required));
    }
}
