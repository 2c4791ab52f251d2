//! podman's `--passwd-entry` and `--hostuser`: lines added to the container's /etc/passwd
//! when its users have none. The lines are made when the container is created (the host's
//! accounts are read there, by the caller); each start writes the ones the container's
//! /etc/passwd lacks into its upper directory.

use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
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

/// Writes `upper/etc/passwd` with the `lines` the container's /etc/passwd (the upper
/// directory's, else the top-most of `layers` that has one) lacks, owned by `owner` when
/// given (the container's root for a container with a mapping of its own). Call it in the
/// user namespace that owns the upper directory.
pub(crate) fn add_lines(
    layers: &[PathBuf],
    upper: &Path,
    lines: &[String],
    owner: Option<(Option<u32>, Option<u32>)>,
) -> std::io::Result<()> {
    if lines.is_empty() || !upper.is_dir() {
        return Ok(());
    }
    // The container's own /etc, if it made one, must be a directory: a symlink there would
    // lead the write out of the upper directory on the host.
    let etc = upper.join("etc");
    match etc.symlink_metadata() {
        Ok(m) if !m.is_dir() => return Ok(()),
        Ok(_) => {}
        // Made below, unless the image's /etc is no directory (a directory made over it would
        // hide what it is).
        Err(_) => {
            let image_etc = layers
                .iter()
                .rev()
                .find_map(|l| l.join("etc").symlink_metadata().ok());
            if image_etc.is_some_and(|m| !m.is_dir()) {
                return Ok(());
            }
        }
    }
    let target = upper.join("etc/passwd");
    let base = match target.symlink_metadata() {
        Ok(m) if m.is_file() => std::fs::read_to_string(&target)?,
        // Deleted (a whiteout) or replaced by something else: the container's choice.
        Ok(_) => return Ok(()),
        Err(_) => match super::userns_size::top_file(layers, "etc/passwd") {
            Some(path) => std::fs::read_to_string(path)?,
            None => String::new(),
        },
    };
    let Some(text) = with_lines(&base, lines) else {
        return Ok(());
    };
    if etc.symlink_metadata().is_err() {
        std::fs::create_dir(&etc)?;
        std::fs::set_permissions(&etc, std::fs::Permissions::from_mode(0o755))?;
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::lchown(&etc, uid, gid)?;
        }
    }
    // No symlink followed at the last step either (checked above; O_NOFOLLOW holds it).
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_NOFOLLOW)
        .mode(0o644)
        .open(&target)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
    match owner {
        Some((uid, gid)) => std::os::unix::fs::lchown(&target, uid, gid),
        None => Ok(()),
    }
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
    fn the_container_s_own_file_gets_the_lines_and_a_missing_upper_nothing() {
        let t = tempfile::tempdir().unwrap();
        let upper = t.path().join("upper");
        let lines = vec!["u:x:7:7::/:/bin/sh".to_string()];
        // No upper directory (a --rootfs container without overlay): nothing is made.
        add_lines(&[], &upper, &lines, None).unwrap();
        assert!(!upper.exists());
        // The container's own /etc/passwd (an earlier start's, or its own edit) is the base.
        std::fs::create_dir_all(upper.join("etc")).unwrap();
        std::fs::write(upper.join("etc/passwd"), "mine:x:5:5::/:/bin/sh\n").unwrap();
        add_lines(&[], &upper, &lines, None).unwrap();
        assert_eq!(
            std::fs::read_to_string(upper.join("etc/passwd")).unwrap(),
            "mine:x:5:5::/:/bin/sh\nu:x:7:7::/:/bin/sh\n"
        );
    }

    #[test]
    fn the_upper_directory_gets_the_image_s_file_and_the_lines() {
        let t = tempfile::tempdir().unwrap();
        let (layer, upper) = (t.path().join("layer"), t.path().join("upper"));
        std::fs::create_dir_all(layer.join("etc")).unwrap();
        std::fs::write(layer.join("etc/passwd"), "root:x:0:0::/root:/bin/sh\n").unwrap();
        std::fs::create_dir_all(&upper).unwrap();
        let lines = vec!["u:x:7:7::/:/bin/sh".to_string()];
        add_lines(std::slice::from_ref(&layer), &upper, &lines, None).unwrap();
        let written = std::fs::read_to_string(upper.join("etc/passwd")).unwrap();
        assert_eq!(written, "root:x:0:0::/root:/bin/sh\nu:x:7:7::/:/bin/sh\n");
        // Again: the upper file has the line; nothing changes.
        add_lines(std::slice::from_ref(&layer), &upper, &lines, None).unwrap();
        assert_eq!(
            std::fs::read_to_string(upper.join("etc/passwd")).unwrap(),
            written
        );
        // An /etc the container made a symlink to a host directory is left alone, and
        // nothing is written there.
        let host = t.path().join("host-etc");
        std::fs::create_dir_all(&host).unwrap();
        std::fs::remove_dir_all(upper.join("etc")).unwrap();
        std::os::unix::fs::symlink(&host, upper.join("etc")).unwrap();
        add_lines(std::slice::from_ref(&layer), &upper, &lines, None).unwrap();
        assert!(!host.join("passwd").exists());
        // Nor a passwd that is a symlink.
        std::fs::remove_file(upper.join("etc")).unwrap();
        std::fs::create_dir_all(upper.join("etc")).unwrap();
        std::os::unix::fs::symlink(host.join("passwd"), upper.join("etc/passwd")).unwrap();
        add_lines(&[layer], &upper, &lines, None).unwrap();
        assert!(!host.join("passwd").exists());
    }
}
