//! docker `run`/`create` flags that skiff accepts only in the forms it can honour, and refuses
//! otherwise, saying why and what to use instead: `--storage-opt`, `--volume-driver`,
//! `--runtime`, `--isolation`, `--disable-content-trust`, `--link-local-ip`,
//! `--gpus`, and `--device-cgroup-rule` rootless (as root it adds rules to the container's device
//! cgroup). A refusal happens before anything is created.

use crate::error::{Error, Result};

/// The values of these flags as given.
#[derive(Debug, Clone, Default)]
pub struct CompatOptions {
    /// `--storage-opt KEY=VALUE`.
    pub storage_opt: Vec<String>,
    /// `--volume-driver`.
    pub volume_driver: Option<String>,
    /// `--runtime`.
    pub runtime: Option<String>,
    /// `--isolation`.
    pub isolation: Option<String>,
    /// `--disable-content-trust` (`None`: not given; docker's default is true).
    pub disable_content_trust: Option<bool>,
    /// `--link-local-ip`.
    pub link_local_ip: Vec<String>,
    /// `--gpus`.
    pub gpus: Option<String>,
    /// `--device-cgroup-rule`.
    pub device_cgroup_rules: Vec<String>,
}

fn refuse(msg: String) -> Error {
    Error::InvalidArgument(msg)
}

/// Checks docker's `--disable-content-trust` (of `create`, `run`, `build`, `pull`, `push`): its
/// default, true, is what skiff does; false (verify Notary signatures) is refused.
pub fn check_content_trust(disable: Option<bool>) -> Result<()> {
    if disable == Some(false) {
        return Err(refuse(
            "--disable-content-trust=false: skiff cannot verify Docker Content Trust (Notary) \
             signatures; pull by digest (IMAGE@sha256:...) to run exactly the image you checked, \
             or drop the flag"
                .into(),
        ));
    }
    Ok(())
}

/// Checks the flags: Ok when every one given is a form skiff honours (each is then the
/// default behaviour), else the refusal of the first that is not.
pub fn check(opts: &CompatOptions) -> Result<()> {
    if let Some(opt) = opts.storage_opt.first() {
        let key = opt.split_once('=').map_or(opt.as_str(), |(k, _)| k);
        return Err(refuse(if key == "size" {
            format!(
                "--storage-opt {opt}: a container size limit needs the overlay driver on an XFS file \
                 system mounted with project quota (pquota), which skiff's storage does not use; \
                 drop --storage-opt (a --tmpfs or a volume on a size-limited file system bounds \
                 what the container writes there)"
            )
        } else {
            format!("--storage-opt {opt}: unknown storage option {key:?}; only size= exists, and it is not supported here")
        }));
    }
    if let Some(driver) = opts.volume_driver.as_deref().filter(|d| *d != "local") {
        return Err(refuse(format!(
            "--volume-driver {driver}: skiff has only the \"local\" volume driver (volume plugins \
             need a daemon); drop the flag or give --volume-driver local"
        )));
    }
    // docker's default runtime's name (and podman's, crun) asks for the default: skiff's own.
    if let Some(runtime) = opts
        .runtime
        .as_deref()
        .filter(|r| !matches!(*r, "skiff" | "runc" | "crun"))
    {
        return Err(refuse(format!(
            "--runtime {runtime}: skiff runs every container with its own built-in runtime and \
             cannot hand one to another OCI runtime such as runsc or nvidia; drop --runtime"
        )));
    }
    if let Some(isolation) = opts
        .isolation
        .as_deref()
        .filter(|i| !i.is_empty() && *i != "default")
    {
        return Err(refuse(format!(
            "invalid isolation {isolation:?}: Linux only supports 'default' (hyperv and process \
             isolation are Windows containers')"
        )));
    }
    check_content_trust(opts.disable_content_trust)?;
    if let Some(ip) = opts.link_local_ip.first() {
        return Err(refuse(format!(
            "--link-local-ip {ip}: link-local addresses are not supported: skiff's user-defined \
             networks give each container one IPv4 address (--ip); drop --link-local-ip"
        )));
    }
    if let Some(gpus) = &opts.gpus {
        return Err(refuse(format!(
            "--gpus {gpus}: skiff has no GPU device requests (docker's come from the NVIDIA \
             container toolkit); give the devices instead, e.g. --device /dev/nvidia0 --device \
             /dev/nvidiactl --device /dev/nvidia-uvm, or a CDI name with --device \
             nvidia.com/gpu=all once CDI specs are supported"
        )));
    }
    for rule in &opts.device_cgroup_rules {
        crate::runtime::cgroups::devices::parse_rule(rule).map_err(|e| {
            refuse(format!(
                "invalid argument {rule:?} for \"--device-cgroup-rule\" flag: {e}"
            ))
        })?;
    }
    if let Some(rule) = opts.device_cgroup_rules.first() {
        if crate::runtime::cgroups::rootless() {
            return Err(refuse(format!(
                "--device-cgroup-rule {rule:?}: device cgroup rules are not supported in \
                 rootless mode or in a user namespace (as in podman): a rootless container has \
                 no device cgroup, and may open only the nodes given with --device HOST_PATH, \
                 which is what to use; or run as root"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> CompatOptions {
        CompatOptions {
            disable_content_trust: Some(true),
            ..Default::default()
        }
    }

    fn message(opts: CompatOptions) -> String {
        check(&opts).unwrap_err().to_string()
    }

    #[test]
    fn the_forms_skiff_honours_pass() {
        check(&CompatOptions::default()).unwrap();
        check(&defaults()).unwrap();
        check(&CompatOptions {
            volume_driver: Some("local".into()),
            runtime: Some("skiff".into()),
            isolation: Some("default".into()),
            ..defaults()
        })
        .unwrap();
        // docker's and podman's default runtimes by name are the default.
        for runtime in ["runc", "crun"] {
            check(&CompatOptions {
                runtime: Some(runtime.into()),
                ..defaults()
            })
            .unwrap();
        }
    }

    #[test]
    fn each_refusal_names_its_flag() {
        let cases = [
            (
                CompatOptions {
                    storage_opt: vec!["size=1G".into()],
                    ..defaults()
                },
                "pquota",
            ),
            (
                CompatOptions {
                    volume_driver: Some("nfs".into()),
                    ..defaults()
                },
                "--volume-driver nfs",
            ),
            (
                CompatOptions {
                    runtime: Some("runsc".into()),
                    ..defaults()
                },
                "--runtime runsc",
            ),
            (
                CompatOptions {
                    isolation: Some("hyperv".into()),
                    ..defaults()
                },
                "Linux only supports 'default'",
            ),
            (
                CompatOptions {
                    disable_content_trust: Some(false),
                    ..defaults()
                },
                "Notary",
            ),
            (
                CompatOptions {
                    link_local_ip: vec!["169.254.1.1".into()],
                    ..defaults()
                },
                "--link-local-ip 169.254.1.1",
            ),
            (
                CompatOptions {
                    gpus: Some("all".into()),
                    ..defaults()
                },
                "--device /dev/nvidia0",
            ),
        ];
        for (opts, want) in cases {
            let got = message(opts);
            assert!(got.contains(want), "{got:?} lacks {want:?}");
        }
    }

    #[test]
    fn device_cgroup_rules() {
        let rules = |r: &[&str]| CompatOptions {
            device_cgroup_rules: r.iter().map(|s| s.to_string()).collect(),
            ..defaults()
        };
        assert_eq!(
            message(rules(&["c 1:3 rwm", "bad"])),
            "invalid argument \"bad\" for \"--device-cgroup-rule\" flag: invalid device cgroup \
             format 'bad': use 'TYPE MAJOR:MINOR PERMS' with TYPE a, b or c, numbers or *, and \
             letters of rwm, e.g. 'c 1:3 rwm'"
        );
        let good = check(&rules(&["c 1:3 rwm", "b *:* m"]));
        if crate::runtime::cgroups::rootless() {
            let e = good.unwrap_err().to_string();
            assert!(e.contains("not supported in rootless mode"), "{e}");
        } else {
            good.unwrap();
        }
    }
}
