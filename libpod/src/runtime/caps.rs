//! Capability sets: docker's default set, `--cap-add`/`--cap-drop` arithmetic, and the bit masks
//! the init hands to `capset(2)`.

use crate::error::{Error, Result};

/// Every capability name the kernel knows (index = capability number).
pub const ALL_CAPABILITIES: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
];

/// docker's default capability set (the 14 capabilities a container gets without flags).
pub fn default_capabilities() -> Vec<String> {
    [
        "CAP_CHOWN",
        "CAP_DAC_OVERRIDE",
        "CAP_FSETID",
        "CAP_FOWNER",
        "CAP_MKNOD",
        "CAP_NET_RAW",
        "CAP_SETGID",
        "CAP_SETUID",
        "CAP_SETFCAP",
        "CAP_SETPCAP",
        "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT",
        "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The capabilities this process may still hand on (its bounding set), as a bit mask. A
/// container can hold no capability outside it: root in a restricted environment (a container
/// or VM sandbox that dropped, say, CAP_SYS_RESOURCE) gets `--privileged` minus those, as with
/// runc and podman. Inside a new user namespace the bounding set is full again.
pub fn bounding_mask() -> u64 {
    (0..64u64)
        .map_while(|cap| {
            // SAFETY: PR_CAPBSET_READ only reads; it fails with EINVAL past the last capability.
            let held = unsafe { libc::prctl(libc::PR_CAPBSET_READ, cap as libc::c_ulong, 0, 0, 0) };
            (held >= 0).then_some((cap, held == 1))
        })
        .filter(|&(_, held)| held)
        .fold(0, |mask, (cap, _)| mask | (1 << cap))
}

/// Every known capability, as `--privileged` grants.
pub fn all_capabilities() -> Vec<String> {
    ALL_CAPABILITIES.iter().map(|s| s.to_string()).collect()
}

/// Normalises a user-given capability name: `net_admin`, `NET_ADMIN` and `CAP_NET_ADMIN` all give
/// `CAP_NET_ADMIN`; `all` gives `ALL`. Unknown names are an error.
pub fn canonical_name(name: &str) -> Result<String> {
    let upper = name.trim().to_ascii_uppercase();
    if upper == "ALL" || upper == "CAP_ALL" {
        return Ok("ALL".into());
    }
    let full = if upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    };
    if ALL_CAPABILITIES.contains(&full.as_str()) {
        Ok(full)
    } else {
        Err(Error::InvalidArgument(format!(
            "unknown capability {name:?}: use a name such as NET_ADMIN or CAP_SYS_TIME (see capabilities(7))"
        )))
    }
}

/// Applies `--cap-drop` then `--cap-add` to `base`, as docker does: `ALL` in `drop` empties the
/// set first, `ALL` in `add` grants everything. The result is sorted by capability number.
pub fn apply_cap_changes(base: &[String], add: &[String], drop: &[String]) -> Result<Vec<String>> {
    let add: Vec<String> = add
        .iter()
        .map(|c| canonical_name(c))
        .collect::<Result<_>>()?;
    let drop: Vec<String> = drop
        .iter()
        .map(|c| canonical_name(c))
        .collect::<Result<_>>()?;
    let mut set: Vec<String> = if drop.iter().any(|c| c == "ALL") {
        Vec::new()
    } else {
        base.iter()
            .map(|c| canonical_name(c))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .filter(|c| c != "ALL" && !drop.contains(c))
            .collect()
    };
    if add.iter().any(|c| c == "ALL") {
        // docker: `--cap-add ALL --cap-drop X` is every capability but X.
        set = all_capabilities()
            .into_iter()
            .filter(|c| !drop.contains(c))
            .collect();
    } else {
        set.extend(add.into_iter().filter(|c| c != "ALL"));
    }
    set.sort_by_key(|c| cap_number(c));
    set.dedup();
    Ok(set)
}

/// The capability number of a canonical name (`CAP_CHOWN` -> 0).
pub fn cap_number(name: &str) -> Option<u32> {
    ALL_CAPABILITIES
        .iter()
        .position(|c| *c == name)
        .map(|i| i as u32)
}

/// The 64-bit mask of a capability list; unknown names are an error.
pub fn cap_mask(caps: &[String]) -> Result<u64> {
    caps.iter().try_fold(0u64, |mask, c| {
        let n = cap_number(&canonical_name(c)?)
            .ok_or_else(|| Error::InvalidArgument(format!("capability {c:?} has no number")))?;
        Ok(mask | (1u64 << n))
    })
}

/// Whether `caps` contains the canonical capability `name`.
pub fn has_cap(caps: &[String], name: &str) -> bool {
    caps.iter()
        .any(|c| canonical_name(c).map(|c| c == name).unwrap_or(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounding_mask_is_the_kernels_view() {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let bnd = status
            .lines()
            .find_map(|l| l.strip_prefix("CapBnd:"))
            .unwrap();
        assert_eq!(
            bounding_mask(),
            u64::from_str_radix(bnd.trim(), 16).unwrap()
        );
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn default_set_has_fourteen() {
        assert_eq!(default_capabilities().len(), 14);
        assert!(cap_mask(&default_capabilities()).is_ok());
    }

    #[test]
    fn add_and_drop_accept_any_spelling() {
        let set = apply_cap_changes(
            &default_capabilities(),
            &v(&["net_admin"]),
            &v(&["CAP_CHOWN", "Kill"]),
        )
        .unwrap();
        assert!(set.contains(&"CAP_NET_ADMIN".to_string()));
        assert!(!set.contains(&"CAP_CHOWN".to_string()));
        assert!(!set.contains(&"CAP_KILL".to_string()));
        assert_eq!(set.len(), 13);
    }

    #[test]
    fn all_drop_then_add() {
        let set = apply_cap_changes(
            &default_capabilities(),
            &v(&["NET_BIND_SERVICE"]),
            &v(&["all"]),
        )
        .unwrap();
        assert_eq!(set, v(&["CAP_NET_BIND_SERVICE"]));
        let all = apply_cap_changes(&[], &v(&["ALL"]), &[]).unwrap();
        let most = apply_cap_changes(&[], &v(&["ALL"]), &v(&["MKNOD", "CAP_SYS_ADMIN"])).unwrap();
        assert_eq!(most.len(), all.len() - 2);
        assert!(!most.contains(&"CAP_MKNOD".to_string()));
        assert_eq!(all.len(), ALL_CAPABILITIES.len());
    }

    #[test]
    fn unknown_is_an_error() {
        let err = apply_cap_changes(&[], &v(&["FLY"]), &[]).unwrap_err();
        assert!(err.to_string().contains("unknown capability \"FLY\""));
    }

    #[test]
    fn masks() {
        assert_eq!(
            cap_mask(&v(&["CAP_CHOWN", "CAP_SYS_ADMIN"])).unwrap(),
            1 | (1 << 21)
        );
    }

    #[test]
    fn a_capability_named_twice_stays_in_the_mask() {
        // Two spellings of one capability: the bit must stay set, not toggle off.
        assert_eq!(cap_mask(&v(&["CAP_CHOWN", "chown"])).unwrap(), 1);
        assert_eq!(
            cap_mask(&v(&["CAP_SYS_ADMIN", "SYS_ADMIN", "CAP_SYS_ADMIN"])).unwrap(),
            1 << 21
        );
    }
}
