//! The device cgroup a container gets when it starts: none rootless (the user namespace already
//! keeps it from opening nodes it makes, and it may not have one) or with `--privileged`;
//! as root, docker's default list, each `--device` with its permissions and each
//! `--device-cgroup-rule`, enforced on its cgroup v2 or a cgroup v1 devices group.

use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use super::config::ContainerConfig;
use crate::error::{Error, Result};
use crate::runtime::cgroups::{self, devices, devices_v1};
use crate::runtime::{CgroupSpec, DeviceCgroupSpec};

/// The device cgroup of container `id`, whose cgroup v2 (when it has one) is `cgroup`.
/// Fails when a root container would have none: the host has neither cgroup v2 nor a v1
/// devices hierarchy.
pub(crate) fn device_cgroup(
    id: &str,
    c: &ContainerConfig,
    cgroup: Option<&CgroupSpec>,
) -> Result<Option<DeviceCgroupSpec>> {
    if c.privileged || cgroups::rootless() {
        return Ok(None);
    }
    let mut allow = devices::default_rules();
    for d in &c.devices {
        let access = devices::parse_access(&d.cgroup_permissions).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "invalid device permissions {:?} for {}: use a combination of r, w and m",
                d.cgroup_permissions, d.path_on_host
            ))
        })?;
        nodes(Path::new(&d.path_on_host), access, &mut allow, true);
    }
    for rule in &c.device_cgroup_rules {
        allow.push(devices::parse_rule(rule).map_err(Error::InvalidArgument)?);
    }
    let v1_group = match cgroup {
        Some(_) => None,
        None if devices_v1::available() => {
            Some(devices_v1::group_path(id, &c.resources.cgroup_parent))
        }
        None => {
            return Err(Error::Runtime(format!(
                "this host gives the container no device cgroup (no cgroup v2 of its own and no \
                 cgroup v1 devices hierarchy at {}), so as root it could open any host device \
                 it makes a node for: mount the devices controller there or use cgroup v2 \
                 (docker refuses such a host too), or run with --privileged to accept that",
                devices_v1::MOUNT
            )))
        }
    };
    Ok(Some(DeviceCgroupSpec { allow, v1_group }))
}

/// Adds a rule for the device node at `path`, or for each node below it when it is a
/// directory (`--device /dev/dri`), as the host has them now. The path given (`top`) may be a
/// symlink; below it, links are not followed (as docker's walk), so `--device /dev` neither
/// loops through /dev/fd nor allows nodes reached through a link.
fn nodes(path: &Path, access: u8, rules: &mut Vec<devices::DeviceRule>, top: bool) {
    let meta = if top {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    };
    let Ok(meta) = meta else {
        return;
    };
    let t = meta.file_type();
    if t.is_block_device() || t.is_char_device() {
        rules.push(devices::node_rule(t.is_block_device(), meta.rdev(), access));
    } else if t.is_dir() {
        for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
            nodes(&entry.path(), access, rules, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::config::DeviceConfig;

    #[test]
    fn a_directory_walk_does_not_follow_links() {
        let dir = tempfile::tempdir().unwrap();
        // A link back up (as /dev/fd and friends can be) and a link to a real node.
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        std::os::unix::fs::symlink("/dev/null", dir.path().join("null")).unwrap();
        let mut rules = Vec::new();
        nodes(dir.path(), devices::ALL_ACCESS, &mut rules, true);
        assert!(rules.is_empty(), "{rules:?}");
        // The path given itself may be a link.
        nodes(
            &dir.path().join("null"),
            devices::ALL_ACCESS,
            &mut rules,
            true,
        );
        assert_eq!(rules.len(), 1);
    }

    #[test]
    fn privileged_has_none() {
        let c = ContainerConfig {
            privileged: true,
            ..Default::default()
        };
        assert_eq!(device_cgroup("x", &c, None).unwrap(), None);
    }

    #[test]
    fn root_gets_dockers_list_plus_devices_and_rules() {
        if cgroups::rootless() {
            return;
        }
        let c = ContainerConfig {
            devices: vec![DeviceConfig {
                path_on_host: "/dev/null".into(),
                path_in_container: "/dev/n".into(),
                cgroup_permissions: "r".into(),
            }],
            device_cgroup_rules: vec!["b 7:* rw".into()],
            ..Default::default()
        };
        let v2 = CgroupSpec {
            path: "/sys/fs/cgroup/skiff-x".into(),
            limits: Vec::new(),
            stop_timeout: 0,
        };
        let dc = device_cgroup("x", &c, Some(&v2)).unwrap().unwrap();
        assert_eq!(dc.v1_group, None);
        let n = devices::default_rules().len();
        let extra: Vec<String> = dc.allow[n..].iter().map(|r| r.to_string()).collect();
        assert_eq!(extra, ["c 1:3 r", "b 7:* rw"]);
    }
}
