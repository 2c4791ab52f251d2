//! Name resolution between containers on a user-defined network: each member's /etc/hosts
//! ends with a section naming every other container on its networks (name, network-scoped
//! aliases, short id, host name, `name.network`), at its IPv4 address and, on `--ipv6`
//! networks, its IPv6 one. The section
//! is rewritten in place (the file is bind-mounted into the container, so its inode must stay)
//! whenever a member is created, removed, connected or disconnected. The same names go to each
//! network's names file, which the network's name server (on its gateway, the members'
//! resolv.conf server) answers from, for programs that ask DNS itself (nslookup, dig, resolvers
//! of their own).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{IoContext, Result};

/// The line that starts the section skiff maintains.
const MARKER: &str = "# skiff: containers on the same networks";

/// A member as name resolution sees it: its addresses and the names it answers to.
struct Named {
    ip: String,
    /// Empty when the network has no IPv6.
    ip6: String,
    /// The names it answers to, space-separated: see [`member_names`].
    names: String,
}

/// What a member answers to on a network, as docker's name server: its name, its
/// network-scoped aliases, its short id, its host name, and its name qualified with the
/// network's (`db.backend`).
fn member_names(
    name: &str,
    aliases: Vec<String>,
    id: &str,
    hostname: &str,
    network: &str,
) -> String {
    let mut names = vec![name.to_string()];
    names.extend(aliases);
    let short = &id[..12.min(id.len())];
    names.push(short.to_string());
    // Only a plain host name: a hostname given through the API is not checked, and one with
    // spaces or line breaks would name other containers' addresses in these files.
    let plain = hostname
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
    if plain && !hostname.is_empty() && !names.iter().any(|n| n == hostname) {
        names.push(hostname.to_string());
    }
    if !network.is_empty() {
        names.push(format!("{name}.{network}"));
    }
    names.join(" ")
}

impl Named {
    /// Its hosts-file lines: the names at each address (on an `--ipv6` network the names
    /// resolve to both, A and AAAA).
    fn lines(&self) -> impl Iterator<Item = String> + '_ {
        [&self.ip6, &self.ip]
            .into_iter()
            .filter(|a| !a.is_empty())
            .map(|a| format!("{a}\t{}\n", self.names))
    }
}

/// The members `sql` selects (columns: ip, name, aliases, id, ip6, the container's host name,
/// the network's name; one parameter, `arg`).
fn named(conn: &Connection, sql: &str, arg: &str) -> Result<Vec<Named>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([arg], |r| {
        let aliases: Vec<String> =
            serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or_default();
        let names = member_names(
            &r.get::<_, String>(1)?,
            aliases,
            &r.get::<_, String>(3)?,
            &r.get::<_, String>(5)?,
            &r.get::<_, String>(6)?,
        );
        Ok(Named {
            ip: r.get(0)?,
            ip6: r.get(4)?,
            names,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The section's lines for container `id`: one per other member of its networks.
fn section(conn: &Connection, id: &str) -> Result<String> {
    let others = named(
        conn,
        "SELECT m2.ip, c2.name, m2.aliases, c2.id, m2.ip6, \
         COALESCE(json_extract(c2.config, '$.hostname'), ''), n.name \
         FROM network_members m1 \
         JOIN network_members m2 ON m2.network_id = m1.network_id \
         JOIN containers c2 ON c2.id = m2.container_id \
         JOIN networks n ON n.id = m2.network_id \
         WHERE m1.container_id = ?1 AND m2.container_id != ?1",
        id,
    )?;
    let lines: BTreeSet<String> = others.iter().flat_map(Named::lines).collect();
    Ok(lines.into_iter().collect())
}

/// Writes network `network_id`'s names file (see [`super::holder::names_file`]): every
/// member's name, network-scoped aliases and short id at its addresses. Replaced by a rename,
/// so the name server never reads half a file.
pub(crate) fn write_names(conn: &Connection, runroot: &Path, network_id: &str) -> Result<()> {
    let members = named(
        conn,
        "SELECT m.ip, c.name, m.aliases, c.id, m.ip6, \
         COALESCE(json_extract(c.config, '$.hostname'), ''), n.name \
         FROM network_members m \
         JOIN containers c ON c.id = m.container_id \
         JOIN networks n ON n.id = m.network_id WHERE m.network_id = ?1",
        network_id,
    )?;
    let mut out: String = members.iter().flat_map(Named::lines).collect();
    out.push_str(&own_upstreams(conn, network_id)?);
    let dir = super::holder::dir(runroot, network_id);
    std::fs::create_dir_all(&dir).at(&dir)?;
    let path = super::holder::names_file(&dir);
    // Unique per writer: the REST service writes from several threads of one process.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp{}-{n}", std::process::id()));
    std::fs::write(&tmp, out).at(&tmp)?;
    std::fs::rename(&tmp, &path).at(&path)?;
    Ok(())
}

/// The names file's lines naming the name server of each member of network `network_id` that
/// has its own `--dns` (the first one given): the network's name server answers the members'
/// names and asks that server the rest, as docker's embedded server does.
fn own_upstreams(conn: &Connection, network_id: &str) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.ip, m.ip6, json_extract(c.config, '$.dns') FROM network_members m \
         JOIN containers c ON c.id = m.container_id \
         WHERE m.network_id = ?1 AND json_array_length(c.config, '$.dns') > 0",
    )?;
    let rows = stmt.query_map([network_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = String::new();
    for row in rows {
        let (ip, ip6, dns) = row?;
        let servers: Vec<String> = serde_json::from_str(&dns).unwrap_or_default();
        // A loopback server is the member's own (the network's server cannot reach it);
        // the member asks it itself, after the network's.
        let Some(server) = servers.iter().find(|s| {
            s.parse::<std::net::IpAddr>()
                .is_ok_and(|ip| !ip.is_loopback())
        }) else {
            continue;
        };
        for member in [ip, ip6].iter().filter(|a| !a.is_empty()) {
            let directive = skiff_network::dns::UPSTREAM_DIRECTIVE;
            out.push_str(&format!("{directive} {member} {server}\n"));
        }
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

/// The lock that orders the writers of the hosts sections and names files, so the last
/// writer writes the latest membership.
pub(crate) fn lock(runroot: &Path) -> Result<std::fs::File> {
    crate::file_lock::lock_file(&runroot.join("networks").join("hosts.lock"))
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
    let lock = lock(runroot)?;
    let mut ids: BTreeSet<String> = also.iter().cloned().collect();
    for n in networks {
        ids.extend(super::members(conn, n)?.into_iter().map(|m| m.container_id));
        write_names(conn, runroot, n)?;
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
    fn a_member_answers_to_docker_s_names() {
        let id = "0123456789abcdef0123";
        assert_eq!(
            member_names("db", vec!["data".into()], id, "dbhost", "back"),
            "db data 0123456789ab dbhost db.back"
        );
        // A host name that is no plain name is left out.
        assert_eq!(
            member_names("db", vec![], id, "x web\n10.0.0.9 db", "back"),
            "db 0123456789ab db.back"
        );
        // The default host name is the short id: named once.
        assert_eq!(
            member_names("db", vec![], id, "0123456789ab", "back"),
            "db 0123456789ab db.back"
        );
    }

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
