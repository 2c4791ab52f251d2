//! Resolves `--user` (`name`, `uid`, `uid:gid`, `name:group`) against the container's own
//! /etc/passwd and /etc/group, as docker does. Pure functions over file contents.

/// The ids and home directory the container process runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedUser {
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Supplementary groups: the primary group, memberships in /etc/group, then `--group-add`.
    pub groups: Vec<u32>,
    /// Home directory from passwd (`/` when unknown).
    pub home: String,
}

struct PasswdEntry<'a> {
    name: &'a str,
    uid: u32,
    gid: u32,
    home: &'a str,
}

struct GroupEntry<'a> {
    name: &'a str,
    gid: u32,
    members: Vec<&'a str>,
}

/// The colon-separated fields of each line of an /etc/passwd or /etc/group text that has at
/// least `min_fields` of them, comments left out.
fn records(text: &str, min_fields: usize) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(':').collect::<Vec<_>>())
        .filter(move |f| f.len() >= min_fields)
}

fn passwd_entries(passwd: &str) -> impl Iterator<Item = PasswdEntry<'_>> {
    records(passwd, 4).filter_map(|f| {
        Some(PasswdEntry {
            name: f[0],
            uid: f[2].parse().ok()?,
            gid: f[3].parse().ok()?,
            home: f.get(5).copied().unwrap_or(""),
        })
    })
}

fn group_entries(group: &str) -> impl Iterator<Item = GroupEntry<'_>> {
    records(group, 3).filter_map(|f| {
        Some(GroupEntry {
            name: f[0],
            gid: f[2].parse().ok()?,
            members: f
                .get(3)
                .map(|m| m.split(',').filter(|x| !x.is_empty()).collect())
                .unwrap_or_default(),
        })
    })
}

/// The users of an /etc/passwd text by uid, the first name of a uid winning (as getpwuid).
pub fn user_names(passwd: &str) -> std::collections::BTreeMap<u32, String> {
    let mut out = std::collections::BTreeMap::new();
    for e in passwd_entries(passwd) {
        out.entry(e.uid).or_insert_with(|| e.name.to_string());
    }
    out
}

/// The groups of an /etc/group text by gid, the first name of a gid winning (as getgrgid).
pub fn group_names(group: &str) -> std::collections::BTreeMap<u32, String> {
    let mut out = std::collections::BTreeMap::new();
    for e in group_entries(group) {
        out.entry(e.gid).or_insert_with(|| e.name.to_string());
    }
    out
}

fn find_group(group: &str, spec: &str) -> Result<u32, String> {
    if let Ok(gid) = spec.parse::<u32>() {
        return Ok(gid);
    }
    group_entries(group)
        .find(|g| g.name == spec)
        .map(|g| g.gid)
        .ok_or_else(|| format!("unable to find group {spec}: no matching entries in group file"))
}

/// Resolves `user` (as given to `--user`; empty means root) and `additional` groups against
/// the contents of the container's /etc/passwd and /etc/group (empty strings when missing).
/// The error text is docker's.
pub fn resolve(
    user: &str,
    additional: &[String],
    passwd: &str,
    group: &str,
) -> Result<ResolvedUser, String> {
    let (user_part, group_part) = match user.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (user, None),
    };
    let user_part = if user_part.is_empty() { "0" } else { user_part };
    let entry = match user_part.parse::<u32>() {
        Ok(uid) => passwd_entries(passwd).find(|e| e.uid == uid),
        Err(_) => Some(
            passwd_entries(passwd)
                .find(|e| e.name == user_part)
                .ok_or_else(|| {
                    format!("unable to find user {user_part}: no matching entries in passwd file")
                })?,
        ),
    };
    let uid = match &entry {
        Some(e) => e.uid,
        None => user_part.parse().expect("numeric uid checked above"),
    };
    let gid = match group_part {
        Some(g) if !g.is_empty() => find_group(group, g)?,
        _ => entry.as_ref().map(|e| e.gid).unwrap_or(0),
    };
    // The primary group comes first (docker since the fix for CVE-2023-25173, and podman);
    // /etc/group memberships only when `--user` names no group, as docker does.
    let mut groups = vec![gid];
    if let (Some(e), None) = (&entry, group_part.filter(|g| !g.is_empty())) {
        for g in group_entries(group) {
            if g.members.contains(&e.name) && !groups.contains(&g.gid) {
                groups.push(g.gid);
            }
        }
    }
    for a in additional {
        let g = find_group(group, a)?;
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    let home = entry
        .as_ref()
        .map(|e| e.home)
        .filter(|h| !h.is_empty())
        .unwrap_or("/")
        .to_string();
    Ok(ResolvedUser {
        uid,
        gid,
        groups,
        home,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/sh\n";
    const GROUP: &str =
        "root:x:0:\nwheel:x:10:alice,bob\naudio:x:29:alice\nalice:x:1000:\nnogroup:x:65534:\n";

    #[test]
    fn empty_is_root() {
        let u = resolve("", &[], PASSWD, GROUP).unwrap();
        assert_eq!((u.uid, u.gid, u.home.as_str()), (0, 0, "/root"));
    }

    #[test]
    fn by_name_with_supplementary_groups() {
        let u = resolve("alice", &["nogroup".into(), "42".into()], PASSWD, GROUP).unwrap();
        assert_eq!((u.uid, u.gid), (1000, 1000));
        assert_eq!(u.groups, vec![1000, 10, 29, 65534, 42]);
        assert_eq!(u.home, "/home/alice");
    }

    #[test]
    fn numeric_forms() {
        let u = resolve("1234", &[], PASSWD, GROUP).unwrap();
        assert_eq!((u.uid, u.gid, u.home.as_str()), (1234, 0, "/"));
        let u = resolve("1000:29", &[], PASSWD, GROUP).unwrap();
        assert_eq!((u.uid, u.gid), (1000, 29));
        assert_eq!(u.groups, vec![29], "a named group replaces the memberships");
        let u = resolve("alice:", &[], PASSWD, GROUP).unwrap();
        assert_eq!(u.groups, vec![1000, 10, 29], "an empty group is no group");
        let u = resolve("nobody:wheel", &[], PASSWD, GROUP).unwrap();
        assert_eq!((u.uid, u.gid), (65534, 10));
    }

    #[test]
    fn docker_errors() {
        assert_eq!(
            resolve("ghost", &[], PASSWD, GROUP).unwrap_err(),
            "unable to find user ghost: no matching entries in passwd file"
        );
        assert_eq!(
            resolve("alice:ghosts", &[], PASSWD, GROUP).unwrap_err(),
            "unable to find group ghosts: no matching entries in group file"
        );
        assert!(resolve("root", &[], "", "").is_err());
        assert_eq!(resolve("0", &[], "", "").unwrap().uid, 0);
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    proptest! {
        /// The image's passwd and group files are untrusted: any content resolves or errors,
        /// never panics.
        #[test]
        fn never_panics(user in ".{0,20}", passwd in "(.{0,30}\n){0,5}", group in "(.{0,30}\n){0,5}") {
            let _ = super::resolve(&user, &["wheel".to_string()], &passwd, &group);
        }
    }
}
