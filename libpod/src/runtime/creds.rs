//! The container process's credentials: the capability bounding set, supplementary groups,
//! uid and gid, and the final capability sets, applied just before exec.

use super::user;

/// `prctl(op, arg)` with integer arguments.
pub(super) fn prctl(op: libc::c_int, arg: libc::c_ulong) -> std::io::Result<()> {
    // SAFETY: prctl with integer arguments.
    if unsafe { libc::prctl(op, arg, 0, 0, 0) } < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// Drops every capability outside `mask` from the bounding set, switches to `who` (groups,
/// gid, uid) keeping capabilities, then sets the final capability sets to `mask` and clears the
/// ambient set.
pub(super) fn drop_privileges(mask: u64, who: &user::ResolvedUser) -> Result<(), String> {
    for cap in 0..64u64 {
        if mask & (1 << cap) == 0 {
            if let Err(e) = prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong) {
                if e.raw_os_error() == Some(libc::EINVAL) {
                    break; // past the kernel's last capability
                }
                return Err(format!(
                    "dropping capability {cap} from the bounding set: {e}"
                ));
            }
        }
    }
    prctl(libc::PR_SET_KEEPCAPS, 1).map_err(|e| format!("PR_SET_KEEPCAPS: {e}"))?;
    let setgroups_allowed = std::fs::read_to_string("/proc/self/setgroups")
        .map(|s| s.trim() != "deny")
        .unwrap_or(true);
    if setgroups_allowed {
        let groups: Vec<nix::unistd::Gid> = who
            .groups
            .iter()
            .map(|g| nix::unistd::Gid::from_raw(*g))
            .collect();
        nix::unistd::setgroups(&groups)
            .map_err(|e| format!("setting supplementary groups {:?}: {e}", who.groups))?;
    }
    let (g, u) = (
        nix::unistd::Gid::from_raw(who.gid),
        nix::unistd::Uid::from_raw(who.uid),
    );
    nix::unistd::setresgid(g, g, g).map_err(|e| unmapped("group", who.gid, e))?;
    nix::unistd::setresuid(u, u, u).map_err(|e| unmapped("user", who.uid, e))?;
    capset(mask).map_err(|e| format!("setting capabilities: {e}"))?;
    // SAFETY: clears the ambient set; no pointers.
    unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_CLEAR_ALL,
            0,
            0,
            0,
        )
    };
    Ok(())
}

fn unmapped(what: &str, id: u32, e: nix::Error) -> String {
    if e == nix::Error::EINVAL {
        format!("{what} id {id} is not mapped in the user namespace: add subordinate ids for your user in /etc/subuid and /etc/subgid")
    } else {
        format!("switching to {what} id {id}: {e}")
    }
}

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

fn capset(mask: u64) -> std::io::Result<()> {
    let header = CapHeader {
        version: 0x2008_0522,
        pid: 0,
    };
    let lo = mask as u32;
    let hi = (mask >> 32) as u32;
    let data = [
        CapData {
            effective: lo,
            permitted: lo,
            inheritable: 0,
        },
        CapData {
            effective: hi,
            permitted: hi,
            inheritable: 0,
        },
    ];
    // SAFETY: version-3 header and two data structs, as capset(2) expects.
    if unsafe { libc::syscall(libc::SYS_capset, &header as *const CapHeader, data.as_ptr()) } < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(())
    }
}
