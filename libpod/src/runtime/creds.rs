//! The container process's credentials: the capability bounding set, supplementary groups,
//! uid and gid, and the final capability sets, applied just before exec.

use std::path::Path;

use super::sys::Process;
use super::user;

/// Drops every capability outside `mask` from the bounding set, switches to `who` (groups,
/// gid, uid) keeping capabilities, then sets the final capability sets to `mask` and clears the
/// ambient set.
pub(super) fn drop_privileges<S: Process>(
    sys: &S,
    mask: u64,
    who: &user::ResolvedUser,
) -> Result<(), String> {
    for cap in 0..64u64 {
        if mask & (1 << cap) == 0 {
            if let Err(e) = sys.prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong) {
                if e.raw_os_error() == Some(libc::EINVAL) {
                    break; // past the kernel's last capability
                }
                return Err(format!(
                    "dropping capability {cap} from the bounding set: {e}"
                ));
            }
        }
    }
    sys.prctl(libc::PR_SET_KEEPCAPS, 1)
        .map_err(|e| format!("PR_SET_KEEPCAPS: {e}"))?;
    let setgroups_allowed = sys
        .read_file(Path::new("/proc/self/setgroups"))
        .map(|s| s.trim() != "deny")
        .unwrap_or(true);
    if setgroups_allowed {
        sys.setgroups(&who.groups).map_err(|e| match e {
            nix::Error::EINVAL => format!(
                "a supplementary group of {:?} is not mapped in the user namespace: {FIX}",
                who.groups
            ),
            _ => format!("setting supplementary groups {:?}: {e}", who.groups),
        })?;
    }
    sys.setresgid(who.gid)
        .map_err(|e| unmapped("group", who.gid, e))?;
    sys.setresuid(who.uid)
        .map_err(|e| unmapped("user", who.uid, e))?;
    sys.capset(mask)
        .map_err(|e| format!("setting capabilities: {e}"))?;
    let _ = sys.prctl(
        libc::PR_CAP_AMBIENT,
        libc::PR_CAP_AMBIENT_CLEAR_ALL as libc::c_ulong,
    );
    Ok(())
}

/// What a user whose subordinate ids do not cover an id the container uses can do.
const FIX: &str = "give your user subordinate ids that cover it in /etc/subuid and \
                   /etc/subgid (a range of 65536 covers every usual id; without one, or with a \
                   smaller one, only ids inside it work), then run `skiff system migrate`";

fn unmapped(what: &str, id: u32, e: nix::Error) -> String {
    if e == nix::Error::EINVAL {
        format!("{what} id {id} is not mapped in the user namespace: {FIX}")
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

/// `capset(2)`: effective and permitted sets to `mask`, inheritable empty.
pub(super) fn capset(mask: u64) -> std::io::Result<()> {
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
