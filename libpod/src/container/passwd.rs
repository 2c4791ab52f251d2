//! The container's /etc/passwd and /etc/group entries skiff adds when its users have none:
//! podman's `--passwd` (on by default: the numeric `--user`'s), `--passwd-entry`, `--hostuser`
//! and keep-id's. The `--passwd-entry` and `--hostuser` lines are made when the container is
//! created (the host's accounts are read there, by the caller); each start writes copies of
//! the container's files with the lines they lack into its userdata directory and mounts them
//! over the originals, as podman does, so the container's own files stay as they are.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// podman's `--passwd-entry TEMPLATE` for `user` (`--user` as given, `UID[:GID]`) with the
/// working directory `workdir`: the line, its `$USERNAME`, `$UID`, `$GID`, `$NAME` and
/// `$HOME` replaced; none when the user is a name (the image's /etc/passwd has it already).
pub fn passwd_entry_line(template: &str, user: &str, workdir: &str) -> Result<Option<String>> {
    let (uid, gid) = user.split_once(':').unwrap_or((user, "0"));
    if uid.parse::<u32>().is_err() {
        return Ok(None);
    }
    if gid.parse::<u32>().is_err() {
        return Err(Error::InvalidArgument(format!(
            "--passwd-entry with --user {user}: give the group as a number"
        )));
    }
    let home = if workdir.is_empty() { "/" } else { workdir };
    let line = template
        .replace("$USERNAME", uid)
        .replace("$UID", uid)
        .replace("$GID", gid)
        .replace("$NAME", uid)
        .replace("$HOME", home);
    check_line(&line, "--passwd-entry")?;
    Ok(Some(line))
}

/// podman's `--hostuser NAME|UID`: the host's /etc/passwd line of that account, read with
/// the host's name service.
pub fn host_user_line(who: &str) -> Result<String> {
    let found = match who.parse::<u32>() {
        Ok(uid) => nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)),
        Err(_) => nix::unistd::User::from_name(who),
    };
    let user = found.ok().flatten().ok_or_else(|| {
        Error::InvalidArgument(format!(
            "--hostuser {who}: no such user on the host: give a name or uid from the host's /etc/passwd"
        ))
    })?;
    Ok(format!(
        "{}:x:{}:{}:{}:{}:{}",
        user.name,
        user.uid,
        user.gid,
        user.gecos.to_string_lossy(),
        user.dir.display(),
        user.shell.display()
    ))
}

/// Refuses a line that is not one passwd entry of seven fields with numeric ids.
fn check_line(line: &str, flag: &str) -> Result<()> {
    let fields: Vec<&str> = line.split(':').collect();
    let ids_ok = fields.len() == 7
        && fields[2].parse::<u32>().is_ok()
        && fields[3].parse::<u32>().is_ok()
        && !fields[0].is_empty();
    if line.contains('\n') || !ids_ok {
        return Err(Error::InvalidArgument(format!(
            "{flag} {line:?}: give one passwd line, NAME:PASSWORD:UID:GID:GECOS:HOME:SHELL"
        )));
    }
    Ok(())
}

/// `base` (an /etc/passwd) with each of `lines` whose name and uid it has neither of appended;
/// none when nothing is added.
pub fn with_lines(base: &str, lines: &[String]) -> Option<String> {
    let field = |l: &str, i: usize| l.split(':').nth(i).map(str::to_string);
    let mut out = base.to_string();
    let mut added = false;
    for line in lines {
        let (name, uid) = (field(line, 0), field(line, 2));
        let known = out
            .lines()
            .any(|l| field(l, 0) == name || field(l, 2) == uid);
        if known {
            continue;
        }
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        added = true;
    }
    added.then_some(out)
}

/// podman's `--passwd` (on unless `--passwd=false`): for a numeric `user` (`UID[:GROUP]`,
/// the container's user as given or the image's) that the container's `passwd` text lacks, a
/// line `UID:*:UID:GID:container user:HOME:/bin/sh` (HOME the working directory, else `/`);
/// and for a numeric group (the user's part when none is given, as podman does) that `group`
/// lacks, a line `GID:x:GID:` (podman lists the user as a member, but does not give the
/// process that group: with no member, the process's groups are podman's). A group given by
/// name takes its id from `group`.
pub fn default_entries(
    user: &str,
    workdir: &str,
    passwd: &str,
    group: &str,
) -> (Option<String>, Option<String>) {
    let (user_part, group_part) = match user.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (user, None),
    };
    let id_in = |text: &str, id: u32| {
        text.lines()
            .any(|l| l.split(':').nth(2).and_then(|f| f.parse::<u32>().ok()) == Some(id))
    };
    let gid_of_name = |name: &str| {
        group
            .lines()
            .map(|l| l.split(':').collect::<Vec<_>>())
            .find(|f| f.len() >= 3 && f[0] == name)
            .and_then(|f| f[2].parse::<u32>().ok())
    };
    let gid = match group_part {
        None => Some(0),
        Some(g) => g.parse::<u32>().ok().or_else(|| gid_of_name(g)),
    };
    let passwd_line = match (user_part.parse::<u32>(), gid) {
        (Ok(uid), Some(gid)) if !id_in(passwd, uid) => {
            let home = if workdir.is_empty() { "/" } else { workdir };
            Some(format!("{uid}:*:{uid}:{gid}:container user:{home}:/bin/sh"))
        }
        _ => None,
    };
    let group_line = match group_part.unwrap_or(user_part).parse::<u32>() {
        Ok(gid) if !id_in(group, gid) && !user_part.is_empty() => Some(format!("{gid}:x:{gid}:")),
        _ => None,
    };
    (passwd_line, group_line)
}

/// The text of the container's `/etc/NAME` as its start will see it: the upper directory's,
/// else the top-most layer's, else empty. None when the container or its image made it, or
/// /etc, something else than a file or directory (deleted it, or a link): that is left as it
/// is, and nothing is read through a link on the host.
fn container_etc_file(
    layers: &[PathBuf],
    upper: &Path,
    name: &str,
) -> std::io::Result<Option<String>> {
    let etc = upper.join("etc");
    if let Ok(m) = etc.symlink_metadata() {
        if !m.is_dir() {
            return Ok(None);
        }
        match etc.join(name).symlink_metadata() {
            Ok(m) if m.is_file() => return std::fs::read_to_string(etc.join(name)).map(Some),
            Ok(_) => return Ok(None),
            Err(_) => {}
        }
    }
    let rel = format!("etc/{name}");
    if let Some(found) = super::userns_size::top_file(layers, &rel) {
        return std::fs::read_to_string(found).map(Some);
    }
    // Something else than a file there (a link, a whiteout), or an /etc that is no
    // directory: left as it is.
    let something = layers.iter().any(|l| {
        l.join("etc").symlink_metadata().is_ok_and(|m| !m.is_dir())
            || l.join(&rel).symlink_metadata().is_ok()
    });
    Ok((!something).then(String::new))
}

/// What a start adds to the container's /etc/passwd and /etc/group.
pub(crate) struct Accounts<'a> {
    /// `--passwd-entry` and `--hostuser` lines.
    pub passwd_lines: &'a [String],
    /// Group lines added before the default ones (`--userns keep-id`'s).
    pub group_lines: &'a [String],
    /// The container's user and working directory, for [`default_entries`]; none with
    /// `--passwd=false`.
    pub default_user: Option<(&'a str, &'a str)>,
}

/// Whether container `c`'s start looks for lines to add to its /etc/passwd and /etc/group:
/// with `--passwd-entry`, `--hostuser`, `--userns keep-id`, or a numeric user other than root
/// (a name, root or no user has an entry already).
pub(crate) fn accounts_wanted(c: &super::ContainerConfig) -> bool {
    let numeric = |id: &str| id.parse::<u32>().is_ok_and(|id| id != 0);
    let (user, group) = c.user.split_once(':').unwrap_or((&c.user, ""));
    !c.passwd_entries.is_empty()
        || c.userns.mode.starts_with("keep-id")
        || (!c.no_passwd && (numeric(user) || numeric(group)))
}

/// The file in `userdata` a start of container `c` mounts on /etc/`name` (`passwd`,
/// `group`): there when [`write_account_files`] added lines to it.
pub(crate) fn account_file(
    c: &super::ContainerConfig,
    userdata: &Path,
    name: &str,
) -> Option<PathBuf> {
    let path = userdata.join(name);
    (accounts_wanted(c) && path.is_file()).then_some(path)
}

/// Writes `userdata/passwd` and `userdata/group`, the container's files with the lines of
/// `accounts` they lack, for the start to mount over /etc/passwd and /etc/group (as podman
/// does: the container's own files, and so a commit or diff of it, stay as they are); removes
/// an earlier start's where nothing is added now. `layers` and `upper` are the container's
/// file system's (see [`container_etc_file`]); the copies belong to `owner` when given (the
/// container's root, for a container with a mapping of its own), as the originals do.
pub(crate) fn write_account_files(
    layers: &[PathBuf],
    upper: &Path,
    userdata: &Path,
    accounts: &Accounts<'_>,
    owner: Option<(Option<u32>, Option<u32>)>,
) -> std::io::Result<()> {
    let passwd = container_etc_file(layers, upper, "passwd")?;
    let group = container_etc_file(layers, upper, "group")?;
    let mut passwd_lines = accounts.passwd_lines.to_vec();
    let mut group_lines = accounts.group_lines.to_vec();
    if let (Some((user, workdir)), Some(p), Some(g)) = (accounts.default_user, &passwd, &group) {
        let (p_line, g_line) = default_entries(user, workdir, p, g);
        passwd_lines.extend(p_line);
        group_lines.extend(g_line);
    }
    let files = [
        ("passwd", passwd, passwd_lines),
        ("group", group, group_lines),
    ];
    for (name, base, lines) in files {
        let target = userdata.join(name);
        match base.and_then(|b| with_lines(&b, &lines)) {
            Some(text) => {
                std::fs::create_dir_all(userdata)?;
                std::fs::write(&target, text)?;
                std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644))?;
                if let Some((uid, gid)) = owner {
                    std::os::unix::fs::lchown(&target, uid, gid)?;
                }
            }
            None => match std::fs::remove_file(&target) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            },
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_takes_the_user_s_values() {
        let line = passwd_entry_line(
            "$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/sh",
            "1234:55",
            "/srv",
        )
        .unwrap()
        .unwrap();
        assert_eq!(line, "1234:x:1234:55:1234:/srv:/bin/sh");
        let line = passwd_entry_line("me:x:$UID:$GID::$HOME:/bin/bash", "1234", "")
            .unwrap()
            .unwrap();
        assert_eq!(line, "me:x:1234:0::/:/bin/bash");
        assert_eq!(passwd_entry_line("x", "app", "/").unwrap(), None);
        assert!(passwd_entry_line("not a line", "1", "/").is_err());
        assert!(
            passwd_entry_line("a:x:$UID:$GID::/:/bin/sh\nroot::0:0::/:/bin/sh", "1", "/").is_err()
        );
        assert!(passwd_entry_line("a:x:$UID:$GID::/:/bin/sh", "1:grp", "/").is_err());
    }

    #[test]
    fn only_missing_users_are_added() {
        let base = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh";
        let lines = vec![
            "app:x:2000:2000::/:/bin/sh".to_string(),
            "other:x:1000:1000::/:/bin/sh".to_string(),
            "new:x:3000:3000::/:/bin/sh".to_string(),
            "new:x:3000:3000::/:/bin/sh".to_string(),
        ];
        assert_eq!(
            with_lines(base, &lines).unwrap(),
            format!("{base}\nnew:x:3000:3000::/:/bin/sh\n")
        );
        assert_eq!(with_lines(base, &lines[..2]), None);
        assert_eq!(
            with_lines("", &lines[2..3]).unwrap(),
            "new:x:3000:3000::/:/bin/sh\n"
        );
    }

    #[test]
    fn podman_s_default_entries() {
        let passwd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n";
        let group = "root:x:0:\nusers:x:100:\nnogroup:x:65534:\n";
        let entries = |user: &str, workdir: &str| default_entries(user, workdir, passwd, group);
        // The group is the user's number when none is given, as podman's.
        assert_eq!(
            entries("1234", ""),
            (
                Some("1234:*:1234:0:container user:/:/bin/sh".into()),
                Some("1234:x:1234:".into())
            )
        );
        assert_eq!(
            entries("1234:5678", "/srv"),
            (
                Some("1234:*:1234:5678:container user:/srv:/bin/sh".into()),
                Some("5678:x:5678:".into())
            )
        );
        // Known ids get nothing; a group name gives its id.
        assert_eq!(
            entries("1234:users", "/"),
            (
                Some("1234:*:1234:100:container user:/:/bin/sh".into()),
                None
            )
        );
        assert_eq!(entries("0:5678", ""), (None, Some("5678:x:5678:".into())));
        assert_eq!(
            entries("nobody:4321", ""),
            (None, Some("4321:x:4321:".into()))
        );
        assert_eq!(entries("65534", ""), (None, None));
        assert_eq!(entries("app", ""), (None, None));
        // A group name the file lacks: no passwd line made up.
        assert_eq!(entries("1234:nosuch", ""), (None, None));
    }

    #[test]
    fn only_numeric_users_and_the_flags_look_for_entries() {
        let config = |user: &str, no_passwd: bool| crate::container::ContainerConfig {
            user: user.into(),
            no_passwd,
            ..Default::default()
        };
        assert!(accounts_wanted(&config("1000", false)));
        assert!(accounts_wanted(&config("0:1000", false)));
        assert!(!accounts_wanted(&config("1000", true)));
        for user in ["", "0", "0:0", "root", "app:app"] {
            assert!(!accounts_wanted(&config(user, false)), "{user}");
        }
        let mut c = config("", true);
        c.passwd_entries = vec!["a:x:1:1::/:/bin/sh".into()];
        assert!(accounts_wanted(&c));
    }

    fn accounts<'a>(lines: &'a [String], user: Option<&'a str>) -> Accounts<'a> {
        Accounts {
            passwd_lines: lines,
            group_lines: &[],
            default_user: user.map(|u| (u, "/")),
        }
    }

    #[test]
    fn the_copies_take_the_container_s_files_and_leave_them_as_they_are() {
        let t = tempfile::tempdir().unwrap();
        let (layer, upper, userdata) = (
            t.path().join("layer"),
            t.path().join("upper"),
            t.path().join("userdata"),
        );
        std::fs::create_dir_all(layer.join("etc")).unwrap();
        std::fs::write(layer.join("etc/passwd"), "root:x:0:0::/root:/bin/sh\n").unwrap();
        std::fs::write(layer.join("etc/group"), "root:x:0:\n").unwrap();
        std::fs::create_dir_all(&upper).unwrap();
        let layers = std::slice::from_ref(&layer);
        let lines = vec!["u:x:7:7::/:/bin/sh".to_string()];
        let write = || {
            let accounts = accounts(&lines, Some("1234:55"));
            write_account_files(layers, &upper, &userdata, &accounts, None).unwrap()
        };
        write();
        let read = |name: &str| std::fs::read_to_string(userdata.join(name)).unwrap();
        assert_eq!(
            read("passwd"),
            "root:x:0:0::/root:/bin/sh\nu:x:7:7::/:/bin/sh\n\
             1234:*:1234:55:container user:/:/bin/sh\n"
        );
        assert_eq!(read("group"), "root:x:0:\n55:x:55:\n");
        // The image's and the container's own files are untouched.
        assert_eq!(
            std::fs::read_to_string(layer.join("etc/passwd")).unwrap(),
            "root:x:0:0::/root:/bin/sh\n"
        );
        assert!(!upper.join("etc").exists());
        // The container's own /etc/passwd (its own edit) is the base; a group it has now
        // needs no copy, and the earlier copy goes.
        std::fs::create_dir_all(upper.join("etc")).unwrap();
        std::fs::write(upper.join("etc/passwd"), "mine:x:5:5::/:/bin/sh\n").unwrap();
        std::fs::write(upper.join("etc/group"), "g:x:55:\n").unwrap();
        write();
        assert_eq!(
            read("passwd"),
            "mine:x:5:5::/:/bin/sh\nu:x:7:7::/:/bin/sh\n\
             1234:*:1234:55:container user:/:/bin/sh\n"
        );
        assert!(!userdata.join("group").exists());
    }

    #[test]
    fn no_file_the_image_or_container_made_a_link_is_read_or_hidden() {
        let t = tempfile::tempdir().unwrap();
        let (layer, upper, userdata) = (
            t.path().join("layer"),
            t.path().join("upper"),
            t.path().join("userdata"),
        );
        let host = t.path().join("host-etc");
        std::fs::create_dir_all(&host).unwrap();
        std::fs::write(host.join("passwd"), "secret:x:9:9::/:/bin/sh\n").unwrap();
        std::fs::create_dir_all(&layer).unwrap();
        std::fs::create_dir_all(&upper).unwrap();
        let lines = vec!["u:x:7:7::/:/bin/sh".to_string()];
        let write = |layers: &[PathBuf]| {
            write_account_files(layers, &upper, &userdata, &accounts(&lines, None), None).unwrap();
            let copy = std::fs::read_to_string(userdata.join("passwd")).ok();
            assert!(!copy.is_some_and(|c| c.contains("secret")));
        };
        // An image whose /etc is a link to a host directory: nothing read, nothing mounted.
        std::os::unix::fs::symlink(&host, layer.join("etc")).unwrap();
        write(std::slice::from_ref(&layer));
        assert!(!userdata.join("passwd").exists());
        // Nor an /etc/passwd that is a link.
        std::fs::remove_file(layer.join("etc")).unwrap();
        std::fs::create_dir_all(layer.join("etc")).unwrap();
        std::os::unix::fs::symlink(host.join("passwd"), layer.join("etc/passwd")).unwrap();
        write(std::slice::from_ref(&layer));
        assert!(!userdata.join("passwd").exists());
        // The same made by the container in its upper directory.
        std::os::unix::fs::symlink(&host, upper.join("etc")).unwrap();
        write(&[]);
        assert!(!userdata.join("passwd").exists());
        std::fs::remove_file(upper.join("etc")).unwrap();
        std::fs::create_dir_all(upper.join("etc")).unwrap();
        std::os::unix::fs::symlink(host.join("passwd"), upper.join("etc/passwd")).unwrap();
        write(&[]);
        assert!(!userdata.join("passwd").exists());
        // No file anywhere: the lines alone.
        std::fs::remove_dir_all(upper.join("etc")).unwrap();
        write(&[]);
        assert_eq!(
            std::fs::read_to_string(userdata.join("passwd")).unwrap(),
            "u:x:7:7::/:/bin/sh\n"
        );
    }
}
