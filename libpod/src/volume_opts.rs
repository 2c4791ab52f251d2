//! The `local` driver's options of a volume (`volume create -o type=tmpfs -o o=size=64m`,
//! compose's `driver_opts`): what a container mounts for it. Pure: the caller reads and
//! records the options.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What a container mounts for a volume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum VolumeSource {
    /// The volume's own directory (a volume without mount options).
    Data,
    /// A fresh tmpfs for each container that mounts it (`type=tmpfs`), with the `o` options.
    Tmpfs(Vec<String>),
    /// A host directory (`type=none`, `o=bind`, `device=PATH`), with the other `o` options.
    Bind {
        /// The host path (`device`).
        device: String,
        /// The `o` options besides `bind`/`rbind` (`ro`...).
        options: Vec<String>,
    },
}

/// The mount that the options `type`, `device` and `o` of a `local` volume ask for (other keys
/// are not mount options and do not change it); an error that says what skiff can mount when
/// it cannot (a device or a network file system needs a real mount skiff does not make).
pub fn volume_source(options: &BTreeMap<String, String>) -> Result<VolumeSource, String> {
    let get = |k: &str| options.get(k).map(String::as_str).unwrap_or("");
    let (kind, device, o) = (get("type"), get("device"), get("o"));
    if kind.is_empty() && device.is_empty() && o.is_empty() {
        return Ok(VolumeSource::Data);
    }
    let items: Vec<String> = o
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if kind == "tmpfs" {
        return Ok(VolumeSource::Tmpfs(items));
    }
    let is_bind = |s: &String| s == "bind" || s == "rbind";
    if matches!(kind, "" | "none") && items.iter().any(is_bind) {
        if !device.starts_with('/') {
            return Err(format!(
                "volume option device={device:?}: a bind volume needs the absolute path of a host directory"
            ));
        }
        return Ok(VolumeSource::Bind {
            device: device.to_string(),
            options: items.into_iter().filter(|s| !is_bind(s)).collect(),
        });
    }
    Err(format!(
        "volume options type={kind:?} device={device:?} o={o:?} are not supported by skiff: it \
         mounts type=tmpfs (with o=size=...), or type=none with o=bind and device=/host/path"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn opts(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn docker_s_local_driver_options() {
        assert_eq!(volume_source(&opts(&[])), Ok(VolumeSource::Data));
        assert_eq!(
            volume_source(&opts(&[("label", "x")])),
            Ok(VolumeSource::Data),
            "not a mount option"
        );
        assert_eq!(
            volume_source(&opts(&[
                ("type", "tmpfs"),
                ("device", "tmpfs"),
                ("o", "size=1m,uid=1000")
            ])),
            Ok(VolumeSource::Tmpfs(vec![
                "size=1m".into(),
                "uid=1000".into()
            ]))
        );
        assert_eq!(
            volume_source(&opts(&[
                ("type", "none"),
                ("o", "bind,ro"),
                ("device", "/srv/data")
            ])),
            Ok(VolumeSource::Bind {
                device: "/srv/data".into(),
                options: vec!["ro".into()]
            })
        );
        let relative = volume_source(&opts(&[("o", "bind"), ("device", "data")]));
        assert!(relative.unwrap_err().contains("absolute path"));
        let nfs = volume_source(&opts(&[
            ("type", "nfs"),
            ("o", "addr=10.0.0.1"),
            ("device", ":/export"),
        ]));
        assert!(nfs.unwrap_err().contains("not supported by skiff"));
        let device = volume_source(&opts(&[("type", "ext4"), ("device", "/dev/sdb1")]));
        assert!(device.is_err());
    }

    proptest! {
        /// Any options give a source or an error, never a panic; a bind is always absolute and
        /// never keeps `bind` among its options.
        #[test]
        fn any_options_are_answered(kind in ".{0,8}", device in ".{0,12}", o in "[a-z=,0-9 ]{0,20}") {
            let o = opts(&[("type", &kind), ("device", &device), ("o", &o)]);
            if let Ok(VolumeSource::Bind { device, options }) = volume_source(&o) {
                prop_assert!(device.starts_with('/'));
                prop_assert!(!options.iter().any(|s| s == "bind" || s == "rbind"));
            }
        }
    }
}
