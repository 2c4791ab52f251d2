//! What `--security-opt` asks of the paths a container sees masked or read-only: docker's
//! `systempaths=unconfined` (none of either) and podman's `unmask=ALL|PATH[:PATH...]` (those
//! paths of either list left alone; `PATH/*` takes every path under PATH) and
//! `mask=PATH[:PATH...]` (more paths masked). Pure: the lists are made at create and stored.

use crate::error::{Error, Result};
pub use crate::runtime::{default_masked_paths, default_readonly_paths};

/// The path options of one container's `--security-opt` values.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PathMasks {
    unmask: Vec<String>,
    mask: Vec<String>,
}

/// The masked and read-only paths a container asked for, when not the defaults.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PathLists {
    /// The paths masked (None: the defaults).
    pub masked: Option<Vec<String>>,
    /// The paths read-only (None: the defaults).
    pub readonly: Option<Vec<String>>,
}

impl PathMasks {
    /// Takes `--security-opt KEY=VALUE` when it is one of the path options: true when taken,
    /// false for another key; an error for a bad value.
    pub fn take(&mut self, key: &str, value: &str) -> Result<bool> {
        let paths = |what: &str| -> Result<Vec<String>> {
            let list: Vec<String> = value
                .split(':')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            if list.is_empty() {
                return Err(Error::InvalidArgument(format!(
                    "--security-opt {what}= needs paths: give absolute paths separated by ':'"
                )));
            }
            if let Some(bad) = list.iter().find(|p| *p != "ALL" && !p.starts_with('/')) {
                return Err(Error::InvalidArgument(format!(
                    "--security-opt {what}={value}: {bad:?} is not an absolute path: give paths inside the container, from /"
                )));
            }
            Ok(list)
        };
        match (key, value) {
            ("systempaths", "unconfined") => self.unmask.push("ALL".into()),
            ("systempaths", other) => {
                return Err(Error::InvalidArgument(format!(
                    "--security-opt systempaths={other}: the only value is unconfined"
                )))
            }
            ("unmask", _) => self.unmask.extend(paths("unmask")?),
            ("mask", _) => {
                let list = paths("mask")?;
                if list.iter().any(|p| p == "ALL") {
                    return Err(Error::InvalidArgument(
                        "--security-opt mask=ALL: name the paths to mask".into(),
                    ));
                }
                self.mask.extend(list);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The lists the options make: each default path an `unmask` pattern matches left out of
    /// both, `mask` paths added to the masked ones.
    pub fn lists(&self) -> PathLists {
        if self.unmask.is_empty() && self.mask.is_empty() {
            return PathLists::default();
        }
        let kept = |paths: Vec<String>| -> Vec<String> {
            paths
                .into_iter()
                .filter(|p| !self.unmask.iter().any(|u| matches(u, p)))
                .collect()
        };
        let mut masked = kept(default_masked_paths());
        for p in &self.mask {
            if !masked.contains(p) {
                masked.push(p.clone());
            }
        }
        PathLists {
            masked: Some(masked),
            readonly: Some(kept(default_readonly_paths())),
        }
    }
}

/// Whether unmask pattern `pattern` (`ALL`, a path, or `DIR/*`) takes `path`.
fn matches(pattern: &str, path: &str) -> bool {
    if pattern == "ALL" || pattern == path {
        return true;
    }
    pattern.strip_suffix("/*").is_some_and(|dir| {
        path.strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(opts: &[(&str, &str)]) -> Result<PathLists> {
        let mut m = PathMasks::default();
        for (k, v) in opts {
            assert!(m.take(k, v)?, "{k} not taken");
        }
        Ok(m.lists())
    }

    #[test]
    fn no_option_keeps_the_defaults_and_other_keys_are_left() {
        assert_eq!(lists(&[]).unwrap(), PathLists::default());
        assert!(!PathMasks::default().take("seccomp", "unconfined").unwrap());
    }

    #[test]
    fn unconfined_and_unmask_all_leave_nothing_masked_or_read_only() {
        let none = PathLists {
            masked: Some(vec![]),
            readonly: Some(vec![]),
        };
        assert_eq!(lists(&[("systempaths", "unconfined")]).unwrap(), none);
        assert_eq!(lists(&[("unmask", "ALL")]).unwrap(), none);
    }

    #[test]
    fn unmask_takes_paths_and_globs_from_either_list_and_mask_adds() {
        let got = lists(&[("unmask", "/proc/kcore:/sys/*"), ("mask", "/etc/shadow")]).unwrap();
        let masked = got.masked.unwrap();
        assert!(!masked
            .iter()
            .any(|p| p == "/proc/kcore" || p.starts_with("/sys/")));
        assert!(masked.iter().any(|p| p == "/proc/keys"));
        assert_eq!(masked.last().map(String::as_str), Some("/etc/shadow"));
        assert_eq!(got.readonly.unwrap(), default_readonly_paths());
        let got = lists(&[("unmask", "/proc/sys")]).unwrap();
        assert!(!got.readonly.unwrap().iter().any(|p| p == "/proc/sys"));
        assert_eq!(got.masked.unwrap(), default_masked_paths());
        // `/proc/*` does not take /proc itself or /procfoo.
        assert!(!matches("/proc/*", "/proc"));
        assert!(!matches("/proc/*", "/procfoo/x"));
        assert!(matches("/proc/*", "/proc/a/b"));
    }

    #[test]
    fn bad_values_are_errors_that_say_what_to_give() {
        for (k, v, want) in [
            ("unmask", "", "needs paths"),
            ("mask", "proc/x", "not an absolute path"),
            ("mask", "ALL", "name the paths"),
            ("systempaths", "confined", "only value is unconfined"),
        ] {
            let err = PathMasks::default().take(k, v).unwrap_err().to_string();
            assert!(err.contains(want), "{k}={v}: {err}");
        }
    }
}
