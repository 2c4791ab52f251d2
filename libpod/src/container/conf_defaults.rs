//! containers.conf's defaults of `create`: what the `[containers]` and `[engine]` keys fill in
//! where no flag chose, and what skiff passes over with a warning.

use super::create::CreateOptions;
use super::options::parse_ulimit;
use crate::config::is_rootless;
use crate::containers_conf::{self, ContainersConf};
use crate::error::{Error, Result};
use crate::runtime::cgroups;

impl ContainersConf {
    /// `opts` with this configuration's defaults where no flag chose: an explicit flag wins.
    /// A log driver skiff does not have (podman's `journald`, `passthrough`) is passed over
    /// with a warning to `warn`; rootless, a `pids_limit` applies only where a pids cgroup can
    /// be made (podman too drops it there), so hosts without delegated cgroups get no warning on
    /// every create. Fails on a `default_ulimits` entry that is not a limit and on a
    /// `seccomp_profile` that cannot be read, naming containers.conf.
    pub fn create_defaults(
        &self,
        opts: &CreateOptions,
        warn: impl Fn(String),
    ) -> Result<CreateOptions> {
        self.check_cgroup_manager(is_rootless(), &warn)?;
        let mut o = opts.clone();
        let c = &self.containers;
        match c.log_driver.as_deref().map(str::trim) {
            None | Some("") => {}
            Some(d @ ("k8s-file" | "json-file" | "none")) => {
                o.log_driver.get_or_insert_with(|| d.to_string());
            }
            Some(other) if o.log_driver.is_none() => warn(format!(
                "containers.conf log_driver {other:?} is not supported by skiff: using k8s-file"
            )),
            Some(_) => {}
        }
        if o.resources.pids_limit.is_none() {
            if let Some(n) = c.pids_limit.filter(|n| *n != 0) {
                if pids_cgroup_possible() {
                    o.resources.pids_limit = Some(n);
                }
            }
        }
        let chose_seccomp = o.security_opt.iter().any(|s| s.starts_with("seccomp"));
        if let Some(profile) = c.seccomp_profile.as_deref().filter(|p| !p.is_empty()) {
            if !chose_seccomp && !o.privileged {
                std::fs::metadata(profile).map_err(|e| {
                    Error::InvalidArgument(format!(
                        "containers.conf seccomp_profile {profile}: cannot read the profile: {e}"
                    ))
                })?;
                o.security_opt.push(format!("seccomp={profile}"));
            }
        }
        if o.tz.is_none() {
            o.tz = c.tz.clone().filter(|t| !t.trim().is_empty());
        }
        if o.network.is_none() && !is_rootless() {
            o.network = self.default_network().map(str::to_string);
        }
        for spec in c.default_ulimits.iter().flatten() {
            let limit = parse_ulimit(spec).map_err(|e| {
                Error::InvalidArgument(format!("containers.conf default_ulimits: {e}"))
            })?;
            if !opts.ulimits.iter().any(|u| u.name == limit.name) {
                o.ulimits.push(limit);
            }
        }
        Ok(o)
    }

    /// Checks `cgroup_manager` against the one skiff uses in this mode: the other one (a file
    /// shared with podman may choose it) is passed over with a warning, as podman warns when it
    /// falls back to cgroupfs; a value that is neither is refused.
    fn check_cgroup_manager(&self, rootless: bool, warn: &impl Fn(String)) -> Result<()> {
        let used = containers_conf::cgroup_manager(rootless);
        match self.engine.cgroup_manager.as_deref().map(str::trim) {
            None | Some("") => Ok(()),
            Some(m) if m == used => Ok(()),
            Some(m @ ("cgroupfs" | "systemd")) => {
                let mode = if rootless { "rootless" } else { "as root" };
                warn(format!(
                    "containers.conf cgroup_manager {m:?} is not supported by skiff {mode}: using {used}"
                ));
                Ok(())
            }
            Some(other) => Err(Error::InvalidArgument(format!(
                "containers.conf cgroup_manager {other:?} is not valid: use \"cgroupfs\" or \"systemd\" (skiff uses {used} here)"
            ))),
        }
    }
}

/// Whether a container's pids limit can be enforced: always for root (as podman), rootless
/// only where a pids cgroup can be made.
fn pids_cgroup_possible() -> bool {
    !is_rootless() || cgroups::base(&["pids".to_string()]).is_ok()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn parse(text: &str) -> ContainersConf {
        ContainersConf::parse(Path::new("t.conf"), text).unwrap()
    }

    fn no_warning(w: String) {
        panic!("unexpected warning: {w}");
    }

    /// The error that the containers.conf `text` gives a `create` without flags.
    fn plain_create_error(text: &str) -> String {
        parse(text)
            .create_defaults(&CreateOptions::default(), no_warning)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn cgroup_manager_is_skiffs_or_the_other_with_a_warning() {
        let conf = |m: &str| parse(&format!("[engine]\ncgroup_manager = \"{m}\"\n"));
        for rootless in [false, true] {
            let used = containers_conf::cgroup_manager(rootless);
            conf(used)
                .check_cgroup_manager(rootless, &no_warning)
                .unwrap();
            parse("")
                .check_cgroup_manager(rootless, &no_warning)
                .unwrap();
            let other = if rootless { "cgroupfs" } else { "systemd" };
            let warned = std::cell::RefCell::new(Vec::new());
            let warn = |w: String| warned.borrow_mut().push(w);
            conf(other).check_cgroup_manager(rootless, &warn).unwrap();
            let warned = warned.into_inner();
            assert_eq!(warned.len(), 1, "{warned:?}");
            assert!(warned[0].contains(&format!("using {used}")), "{warned:?}");
            let e = conf("lxc")
                .check_cgroup_manager(rootless, &no_warning)
                .unwrap_err();
            assert!(e.to_string().contains("\"lxc\" is not valid"), "{e}");
        }
    }

    #[test]
    fn an_explicit_flag_wins_over_the_file() {
        let c = parse(
            "[containers]\nlog_driver = \"none\"\npids_limit = 7\nseccomp_profile = \"/\"\n\
             default_ulimits = [\"nofile=5:6\", \"nproc=9\"]\n",
        );
        let filled = c
            .create_defaults(&CreateOptions::default(), no_warning)
            .unwrap();
        let limits = |o: &CreateOptions| {
            o.ulimits
                .iter()
                .map(|u| format!("{}={}:{}", u.name, u.soft, u.hard))
                .collect::<Vec<_>>()
        };
        assert_eq!(limits(&filled), ["nofile=5:6", "nproc=9:9"]);
        assert_eq!(filled.log_driver.as_deref(), Some("none"));
        let pids = pids_cgroup_possible().then_some(7);
        assert_eq!(filled.resources.pids_limit, pids);
        assert_eq!(filled.security_opt, ["seccomp=/"]);
        let mut flags = CreateOptions {
            log_driver: Some("json-file".into()),
            security_opt: vec!["seccomp=unconfined".into()],
            ulimits: vec![parse_ulimit("nofile=1:2").unwrap()],
            ..CreateOptions::default()
        };
        flags.resources.pids_limit = Some(0);
        let kept = c.create_defaults(&flags, no_warning).unwrap();
        assert_eq!(limits(&kept), ["nofile=1:2", "nproc=9:9"]);
        assert_eq!(kept.log_driver.as_deref(), Some("json-file"));
        assert_eq!(kept.resources.pids_limit, Some(0));
        assert_eq!(kept.security_opt, ["seccomp=unconfined"]);
        let privileged = CreateOptions {
            privileged: true,
            ..CreateOptions::default()
        };
        assert!(c
            .create_defaults(&privileged, no_warning)
            .unwrap()
            .security_opt
            .is_empty());
        let e = plain_create_error("[containers]\ndefault_ulimits = [\"nofile\"]\n");
        assert!(e.starts_with("containers.conf default_ulimits: "), "{e}");
    }

    #[test]
    fn values_skiff_cannot_use_are_passed_over_or_name_the_file() {
        let warned = std::cell::RefCell::new(Vec::new());
        let c = parse("[containers]\nlog_driver = \"journald\"\n");
        let o = c
            .create_defaults(&CreateOptions::default(), |w| warned.borrow_mut().push(w))
            .unwrap();
        assert_eq!(o.log_driver, None);
        assert_eq!(
            *warned.borrow(),
            ["containers.conf log_driver \"journald\" is not supported by skiff: using k8s-file"]
        );
        let empty = parse("[containers]\nlog_driver = \"\"\npids_limit = 0\n");
        let o = empty
            .create_defaults(&CreateOptions::default(), no_warning)
            .unwrap();
        assert_eq!((o.log_driver, o.resources.pids_limit), (None, None));
        let e = plain_create_error("[containers]\nseccomp_profile = \"/nonexistent/p.json\"\n");
        assert!(
            e.contains("containers.conf seccomp_profile /nonexistent/p.json"),
            "{e}"
        );
    }
}
