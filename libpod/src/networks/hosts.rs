//! Name resolution between containers on a user-defined network, without a DNS server: each
//! member's /etc/hosts ends with a section naming every other container on its networks (name,
//! network-scoped aliases, short id), at its IPv4 address and, on `--ipv6` networks, its IPv6 one. The section is rewritten in place (the file is bind-mounted
//! into the container, so its inode must stay) whenever a member is created, removed,
//! connected or disconnected.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{IoContext, Result};

/// The line that starts the section skiff maintains.
const MARKER: &str = "# skiff: containers on the same networks";

/// The section's lines for container `id`: one per other member of its networks.
fn section(conn: &Connection, id: &str) -> Result<String> {
    let mut lines: BTreeSet<(String, String)> = BTreeSet::new();
    let mut stmt = conn.prepare(
        "SELECT m2.ip, c2.name, m2.aliases, c2.id, m2.ip6 FROM network_members m1 \
         JOIN network_members m2 ON m2.network_id = m1.network_id \
         JOIN containers c2 ON c2.id = m2.container_id \
         WHERE m1.container_id = ?1 AND m2.container_id != ?1",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (ip, name, aliases, cid, ip6) = row?;
        let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
        let mut names = vec![name];
        names.extend(aliases);
        names.push(cid[..12].to_string());
        let names = names.join(" ");
        // On an `--ipv6` network the names resolve to both addresses (A and AAAA).
        if !ip6.is_empty() {
            lines.insert((ip6, names.clone()));
        }
        lines.insert((ip, names));
    }
    let mut out = String::new();
    for (ip, names) in lines {
        out.push_str(&format!("{ip}\t{names}\n"));
    }
    Ok(out)
}

/// `content` with skiff's section replaced by `section`.
pub(crate) fn with_section(content: &str, section: &str) -> String {
    let base = match content.find(MARKER) {
        Some(i) => &content[..i],
        None => content,
    };
    let mut out = base.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !section.is_empty() {
        out.push_str(MARKER);
        out.push('\n');
        out.push_str(section);
    }
    out
}

/// Rewrites the hosts files of the members of `networks` and of the containers `also`.
/// `dir_of` gives a container's directory. Serialised by a lock, and each writer reads the
/// catalog after taking it, so the last writer always writes the latest membership.
pub(crate) fn refresh(
    conn: &Connection,
    runroot: &Path,
    dir_of: impl Fn(&str) -> PathBuf,
    networks: &[String],
    also: &[String],
) -> Result<()> {
    let lock = crate::file_lock::lock_file(&runroot.join("networks").join("hosts.lock"))?;
    let mut ids: BTreeSet<String> = also.iter().cloned().collect();
    for n in networks {
        ids.extend(super::members(conn, n)?.into_iter().map(|m| m.container_id));
    }
    for id in ids {
        let path = dir_of(&id).join("userdata").join("hosts");
        let Ok(current) = std::fs::read_to_string(&path) else {
            continue;
        };
        let next = with_section(&current, &section(conn, &id)?);
        if next != current {
            // Truncate and write the same file: the container sees it through a bind mount.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&path)
                .at(&path)?;
            f.write_all(next.as_bytes()).at(&path)?;
        }
    }
    drop(lock);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_is_replaced_not_appended() {
        let base = "127.0.0.1\tlocalhost\n10.89.0.2\tweb\n";
        let once = with_section(base, "10.89.0.3\tdb abc\n");
        assert!(once.starts_with(base));
        assert!(once.contains("10.89.0.3\tdb abc\n"));
        let twice = with_section(&once, "10.89.0.4\tcache\n");
        assert!(!twice.contains("db abc"));
        assert_eq!(twice.matches(MARKER).count(), 1);
        assert_eq!(with_section(&twice, ""), base);
    }
}
