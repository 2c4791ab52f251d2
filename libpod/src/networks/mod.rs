//! User-defined networks (`skiff network create`): their catalog rows, the containers on them
//! and the addresses those hold. Each network is a bridge in a network namespace of its own,
//! kept by a small holder process while containers on it run ([`holder`]); members are wired
//! to it with a veth pair ([`attach`]) and find each other by name through their /etc/hosts
//! files, rewritten whenever a member comes or goes ([`hosts`]).

mod address;
pub(crate) mod attach;
mod connect;
mod filter;
pub(crate) mod holder;
pub(crate) mod hosts;
mod netns;
pub mod record;
pub(crate) mod relay;
mod remove;

pub use connect::ConnectOptions;
pub use record::NetworkRecord;

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use skiff_network::ipam::{self, IpRange, Subnet, Subnet6};

use crate::container::time::now_ns;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// The networks every engine has without creating them, as docker lists them: the default
/// network (a helper per container), the host's, and none.
pub const PREDEFINED: [(&str, &str); 3] =
    [("bridge", "bridge"), ("host", "host"), ("none", "null")];

/// Names that select a network mode and so cannot name a network (`podman` is podman's name
/// of its default network).
const RESERVED: [&str; 8] = [
    "bridge",
    "host",
    "none",
    "default",
    "private",
    "slirp4netns",
    "pasta",
    "podman",
];

/// A container on a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The network's id.
    pub network_id: String,
    /// The container's id.
    pub container_id: String,
    /// The container's name.
    pub container_name: String,
    /// Its address on the network.
    pub ip: String,
    /// Its IPv6 address on an `--ipv6` network (empty otherwise).
    pub ip6: String,
    /// Its interface's MAC address.
    pub mac: String,
    /// Its network-scoped aliases.
    pub aliases: Vec<String>,
    /// Order of joining among the container's networks (0 first: its default route).
    pub position: i64,
}

/// What `network create` asks for.
#[derive(Debug, Clone, Default)]
pub struct NetworkSpec {
    /// The name.
    pub name: String,
    /// `--driver` (only `bridge`).
    pub driver: Option<String>,
    /// `--subnet` (IPv4).
    pub subnet: Option<String>,
    /// `--gateway` (IPv4).
    pub gateway: Option<String>,
    /// `--ip-range` (IPv4): where members get addresses from when they do not ask for one.
    pub ip_range: Option<String>,
    /// `--subnet` (IPv6: the network carries IPv6 even without `--ipv6`, as podman's).
    pub subnet6: Option<String>,
    /// `--gateway` (IPv6).
    pub gateway6: Option<String>,
    /// `--internal`.
    pub internal: bool,
    /// `--label`.
    pub labels: BTreeMap<String, String>,
    /// `--opt`.
    pub options: BTreeMap<String, String>,
    /// docker's `--aux-address NAME=IP`: addresses of the subnets no member gets.
    pub aux_addresses: BTreeMap<String, String>,
    /// docker's `--ipam-opt KEY=VALUE` (`IPAM.Options`), recorded.
    pub ipam_options: BTreeMap<String, String>,
    /// `--ipv6`: a unique local /64 when no IPv6 subnet is given.
    pub ipv6: bool,
    /// `--ipv4` (docker's; only true: every network carries IPv4).
    pub ipv4: Option<bool>,
    /// `--ipam-driver` (docker's `IPAM.Driver`; only `default`).
    pub ipam_driver: Option<String>,
    /// `--scope` (docker's; only `local`).
    pub scope: Option<String>,
}

/// `value` unless it is missing, empty or `default`: what a setting that takes only its
/// default was given instead.
fn other_than<'a>(value: Option<&'a str>, default: &str) -> Option<&'a str> {
    value.filter(|v| !v.is_empty() && *v != default)
}

/// The id of predefined network `name` (`bridge`, `host`, `none`).
pub fn predefined_id(name: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(format!("skiff-network:{name}")))
}

fn predefined(name: &str, driver: &str) -> NetworkRecord {
    let id = predefined_id(name);
    let (subnet, gateway) = if name == "bridge" {
        ("10.0.2.0/24", "10.0.2.2")
    } else {
        ("", "")
    };
    NetworkRecord {
        id,
        name: name.into(),
        driver: driver.into(),
        subnet: subnet.into(),
        gateway: gateway.into(),
        ip_range: String::new(),
        subnet6: String::new(),
        gateway6: String::new(),
        internal: false,
        labels: BTreeMap::new(),
        options: BTreeMap::new(),
        aux_addresses: BTreeMap::new(),
        ipam_options: BTreeMap::new(),
        created: 0,
        predefined: true,
    }
}

const COLUMNS: &str = "id, name, driver, subnet, gateway, internal, labels, options, created, \
     subnet6, gateway6, ip_range, aux_addresses, ipam_options";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NetworkRecord> {
    Ok(NetworkRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        driver: r.get(2)?,
        subnet: r.get(3)?,
        gateway: r.get(4)?,
        internal: r.get(5)?,
        labels: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
        options: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
        created: r.get(8)?,
        subnet6: r.get(9)?,
        gateway6: r.get(10)?,
        ip_range: r.get(11)?,
        aux_addresses: serde_json::from_str(&r.get::<_, String>(12)?).unwrap_or_default(),
        ipam_options: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_default(),
        predefined: false,
    })
}

/// The user-defined network called `name_or_id` (name, full id or unique id prefix).
pub(crate) fn find(conn: &Connection, name_or_id: &str) -> Result<Option<NetworkRecord>> {
    let by_name = || {
        let sql = format!("SELECT {COLUMNS} FROM networks WHERE name = ?1");
        Ok(conn.query_row(&sql, [name_or_id], from_row).optional()?)
    };
    let by_prefix = |bounds: [String; 2]| {
        let sql = format!("SELECT {COLUMNS} FROM networks WHERE id >= ?1 AND id < ?2");
        let mut stmt = conn.prepare(&sql)?;
        let found = stmt.query_map(bounds, from_row)?;
        Ok(found.collect::<rusqlite::Result<_>>()?)
    };
    crate::id::by_name_or_prefix(name_or_id, name_or_id, "network", by_name, by_prefix)
}

fn not_found(name: &str) -> Error {
    Error::NotFound {
        kind: "network",
        name: name.to_string(),
        hint: "; see `skiff network ls`, or create it with `skiff network create`".into(),
    }
}

/// The members of network `id`, by order of joining.
pub(crate) fn members(conn: &Connection, network_id: &str) -> Result<Vec<Member>> {
    member_query(conn, "m.network_id = ?1", network_id)
}

/// The networks container `id` is on, first joined first.
pub(crate) fn memberships(conn: &Connection, container_id: &str) -> Result<Vec<Member>> {
    member_query(conn, "m.container_id = ?1", container_id)
}

fn member_query(conn: &Connection, filter: &str, arg: &str) -> Result<Vec<Member>> {
    let rows = conn
        .prepare(&format!(
            "SELECT m.network_id, m.container_id, c.name, m.ip, m.mac, m.aliases, m.position, m.ip6 \
             FROM network_members m JOIN containers c ON c.id = m.container_id \
             WHERE {filter} ORDER BY m.position, c.created"
        ))?
        .query_map([arg], |r| {
            Ok(Member {
                network_id: r.get(0)?,
                container_id: r.get(1)?,
                container_name: r.get(2)?,
                ip: r.get(3)?,
                mac: r.get(4)?,
                aliases: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
                position: r.get(6)?,
                ip6: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Puts container `container_id` on `net` inside the caller's write transaction: the address
/// (`ip`, or the lowest free one; `ip6` likewise on an `--ipv6` network) is unique on the
/// network because the UNIQUE constraints and the catalog's write lock hold every concurrent
/// `run` to one allocation at a time.
pub(crate) fn add_member(
    tx: &Transaction<'_>,
    net: &NetworkRecord,
    container_id: &str,
    ip: Option<&str>,
    ip6: Option<&str>,
    mac: Option<&str>,
    aliases: &[String],
) -> Result<Member> {
    let addr6 = pick_ip6(tx, net, ip6)?;
    let subnet = net.parsed_subnet()?;
    let range = net.parsed_ip_range(&subnet)?;
    let gateway = net.gateway_addr()?;
    if let Some(wanted) = ip {
        release_from_stopped(tx, net, wanted, range.as_ref(), gateway)?;
    }
    let used = taken_ipv4(tx, net)?;
    let addr = address::pick(
        &net.name,
        ip,
        "--ip",
        |ip| subnet.check_host(ip, "IP address"),
        |a| *a == gateway || used.contains(a),
        || ipam::next_free(&subnet, range.as_ref(), gateway, &used),
        || {
            let (what, larger) = match range {
                Some(_) => (&net.ip_range, "--ip-range"),
                None => (&net.subnet, "--subnet"),
            };
            format!(
                "network {} has no free address left in {what}: remove unused containers from it, or use a larger {larger}",
                net.name
            )
        },
    )?;
    let mac = mac
        .map(str::to_string)
        .unwrap_or_else(|| ipam::mac_for(addr));
    let position: i64 = tx.query_row(
        "SELECT COUNT(*) FROM network_members WHERE container_id = ?1",
        [container_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO network_members (network_id, container_id, ip, mac, aliases, position, ip6) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            net.id,
            container_id,
            addr.to_string(),
            mac,
            serde_json::to_string(aliases).expect("aliases serialize"),
            position,
            addr6
        ],
    )?;
    Ok(Member {
        network_id: net.id.clone(),
        container_id: container_id.into(),
        container_name: String::new(),
        ip: addr.to_string(),
        ip6: addr6,
        mac,
        aliases: aliases.to_vec(),
        position,
    })
}

/// docker holds a fixed address only while its container runs: a container that does not
/// run (a compose service's old container, kept until its new one starts with the same
/// `ipv4_address`) gives up `wanted` for the lowest free address, which it has from its next
/// start on.
fn release_from_stopped(
    tx: &Transaction<'_>,
    net: &NetworkRecord,
    wanted: &str,
    range: Option<&ipam::IpRange>,
    gateway: Ipv4Addr,
) -> Result<()> {
    let holder: Option<String> = tx
        .query_row(
            "SELECT m.container_id FROM network_members m JOIN containers c \
             ON c.id = m.container_id WHERE m.network_id = ?1 AND m.ip = ?2 \
             AND c.state IN ('created', 'initialized', 'exited', 'stopped')",
            params![net.id, wanted],
            |r| r.get(0),
        )
        .optional()?;
    let Some(holder) = holder else {
        return Ok(());
    };
    let subnet = net.parsed_subnet()?;
    let used = taken_ipv4(tx, net)?;
    let Some(other) = ipam::next_free(&subnet, range, gateway, &used) else {
        return Ok(());
    };
    // A MAC address made from the old address follows it; one the user gave stays.
    let old_mac = wanted
        .parse::<Ipv4Addr>()
        .map(ipam::mac_for)
        .unwrap_or_default();
    tx.execute(
        "UPDATE network_members SET ip = ?3, \
         mac = CASE WHEN mac = ?5 THEN ?4 ELSE mac END \
         WHERE network_id = ?1 AND container_id = ?2",
        params![
            net.id,
            holder,
            other.to_string(),
            ipam::mac_for(other),
            old_mac
        ],
    )?;
    Ok(())
}

/// The IPv4 addresses of `net` that no new member may get: its members' and its auxiliary
/// ones (`--aux-address`).
fn taken_ipv4(tx: &Transaction<'_>, net: &NetworkRecord) -> Result<Vec<Ipv4Addr>> {
    let mut used: Vec<Ipv4Addr> = used_addresses(
        tx,
        "SELECT ip FROM network_members WHERE network_id = ?1",
        &net.id,
    )?;
    used.extend(
        net.aux_addresses
            .values()
            .filter_map(|a| a.parse::<Ipv4Addr>().ok()),
    );
    Ok(used)
}

/// The addresses in column 0 of query `sql` (bound to `network_id`) that parse; a bad value
/// in the catalog is left out rather than failing the allocation.
fn used_addresses<A: std::str::FromStr>(
    tx: &Transaction<'_>,
    sql: &str,
    network_id: &str,
) -> Result<Vec<A>> {
    Ok(tx
        .prepare(sql)?
        .query_map([network_id], |r| r.get::<_, String>(0))?
        .filter_map(|r| r.ok()?.parse().ok())
        .collect())
}

/// A new member's IPv6 address on `net`: `wanted` (`--ip6`) when free, else the lowest free
/// one; empty on a network without IPv6, where `--ip6` is an error.
fn pick_ip6(tx: &Transaction<'_>, net: &NetworkRecord, wanted: Option<&str>) -> Result<String> {
    let (Some(subnet), Some(gateway)) = (net.parsed_subnet6(), net.gateway6_addr()) else {
        return match wanted {
            Some(ip) => Err(Error::InvalidArgument(format!(
                "--ip6 {ip}: network {} has no IPv6 subnet; create one with `skiff network create --ipv6`",
                net.name
            ))),
            None => Ok(String::new()),
        };
    };
    let mut used: Vec<Ipv6Addr> = used_addresses(
        tx,
        "SELECT ip6 FROM network_members WHERE network_id = ?1 AND ip6 != ''",
        &net.id,
    )?;
    used.extend(
        net.aux_addresses
            .values()
            .filter_map(|a| a.parse::<Ipv6Addr>().ok()),
    );
    let addr = address::pick(
        &net.name,
        wanted,
        "--ip6",
        |ip| subnet.check_host(ip, "IPv6 address"),
        |a| *a == gateway.ip || used.contains(a),
        || ipam::next_free6(&subnet, gateway.ip, &used),
        || {
            format!(
                "network {} has no free IPv6 address left in {}",
                net.name, net.subnet6
            )
        },
    )?;
    Ok(addr.to_string())
}

/// The IPv6 subnet of a new network: `given` when no other network overlaps it, a unique
/// local /64 drawn from the network's `id` with `--ipv6` alone, none without either.
fn choose_subnet6(
    tx: &Transaction<'_>,
    id: &str,
    ipv6: bool,
    given: Option<Subnet6>,
) -> Result<Option<Subnet6>> {
    if given.is_none() && !ipv6 {
        return Ok(None);
    }
    let mut taken: Vec<Subnet6> = tx
        .prepare("SELECT subnet6 FROM networks WHERE subnet6 != ''")?
        .query_map([], |r| r.get::<_, String>(0))?
        .filter_map(|s| Subnet6::parse(&s.ok()?).ok())
        .collect();
    // The helper's own IPv6 network.
    taken.push(Subnet6::parse(skiff_network::bridge::SLIRP_PREFIX6).expect("constant"));
    match given {
        Some(s) => match taken.iter().find(|t| t.overlaps(&s)) {
            Some(t) => Err(Error::Conflict(format!(
                "subnet {s} overlaps {t}, which another network uses: choose another subnet"
            ))),
            None => Ok(Some(s)),
        },
        None => ipam::ula_subnet(id, &taken)
            .map(Some)
            .map_err(|e| Error::Conflict(e.0)),
    }
}

/// Checks `--network-alias` values: host names (letters, digits, `-`, `_`, `.`).
pub(crate) fn check_aliases(aliases: &[String]) -> Result<()> {
    for a in aliases {
        let ok = !a.is_empty()
            && a.len() <= 253
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !ok {
            return Err(Error::InvalidArgument(format!(
                "invalid network alias {a:?}: use letters, digits, '-', '_' and '.'"
            )));
        }
    }
    Ok(())
}

impl Engine {
    /// `network create`: records a network with its subnet (given, or the first free
    /// 10.89.N.0/24 that no other network and no host route uses) and gateway.
    pub fn network_create(&mut self, spec: &NetworkSpec) -> Result<NetworkRecord> {
        let invalid = |m: String| Error::InvalidArgument(m);
        if !skiff_network::is_valid_name(&spec.name) {
            return Err(invalid(format!(
                "invalid network name {:?}: use letters, digits, '_', '.' and '-', starting with a letter or digit",
                spec.name
            )));
        }
        if RESERVED.contains(&spec.name.as_str()) {
            return Err(Error::Conflict(format!(
                "network with name {} already exists: it is predefined (a network mode); choose another name",
                spec.name
            )));
        }
        match spec.driver.as_deref() {
            None | Some("bridge") => {}
            Some(d) => {
                return Err(invalid(format!(
                    "network driver {d:?} is not supported: use bridge (the default)"
                )))
            }
        }
        if let Some(d) = other_than(spec.ipam_driver.as_deref(), "default") {
            return Err(invalid(format!(
                "IPAM driver {d} is not supported: skiff assigns addresses itself (leave it out, or \"default\")"
            )));
        }
        if spec.ipv4 == Some(false) {
            return Err(invalid(
                "IPv6-only networks are not supported: every skiff network carries IPv4 (leave --ipv4 out; add --ipv6 for both)"
                    .into(),
            ));
        }
        if let Some(s) = other_than(spec.scope.as_deref(), "local") {
            return Err(invalid(format!(
                "network scope {s:?} is for swarm: skiff's networks are local (leave --scope out, or \"local\")"
            )));
        }
        let given6 = spec
            .subnet6
            .as_deref()
            .map(Subnet6::parse)
            .transpose()
            .map_err(|e| invalid(e.to_string()))?;
        if let Some(s) = &given6 {
            let helper6 = Subnet6::parse(skiff_network::bridge::SLIRP_PREFIX6).expect("constant");
            if s.overlaps(&helper6) {
                return Err(invalid(format!(
                    "subnet {s} overlaps {helper6}, which the network's helper uses for IPv6: choose another"
                )));
            }
        }
        if let Some(v) = spec.options.get(holder::HOST_LOOPBACK_OPTION) {
            if v != "true" && v != "false" {
                return Err(invalid(format!(
                    "invalid value {v:?} for option {}: use true or false",
                    holder::HOST_LOOPBACK_OPTION
                )));
            }
        }
        if spec.gateway6.is_some() && given6.is_none() {
            return Err(invalid(
                "an IPv6 --gateway needs an IPv6 --subnet: give the subnet the gateway belongs to"
                    .into(),
            ));
        }
        let gateway6 = match (&given6, &spec.gateway6) {
            (Some(s), Some(g)) => Some(s.check_host(g, "gateway").map_err(|e| invalid(e.0))?),
            _ => None,
        };
        // slirp4netns's own network, which the holder's helper uses inside the namespace.
        let helper_net = Subnet::parse("10.0.2.0/24").expect("constant subnet");
        let given = spec
            .subnet
            .as_deref()
            .map(Subnet::parse)
            .transpose()
            .map_err(|e| invalid(e.to_string()))?;
        if let Some(s) = given {
            if s.overlaps(&helper_net) {
                return Err(invalid(format!(
                    "subnet {s} overlaps 10.0.2.0/24, which the network's helper uses: choose another"
                )));
            }
        }
        if spec.gateway.is_some() && given.is_none() {
            return Err(invalid(
                "--gateway needs --subnet: give the subnet the gateway belongs to".into(),
            ));
        }
        let ip_range = match (&spec.ip_range, &given) {
            (None, _) => String::new(),
            (Some(r), _) if r.contains(':') => {
                return Err(invalid(format!(
                    "--ip-range {r}: IPv6 ranges are not supported: give an IPv4 range, or leave it out"
                )))
            }
            (Some(r), None) => {
                return Err(invalid(format!(
                    "--ip-range {r} needs --subnet: give the subnet the range belongs to"
                )))
            }
            (Some(r), Some(s)) => {
                IpRange::parse(r, s).map_err(|e| invalid(e.0))?;
                r.clone()
            }
        };
        // docker's rule: each auxiliary address belongs to a subnet given.
        for (name, ip) in &spec.aux_addresses {
            let fits = match (ip.parse::<std::net::IpAddr>(), &given, &given6) {
                (Ok(std::net::IpAddr::V4(a)), Some(s), _) => s.contains(a),
                (Ok(std::net::IpAddr::V6(a)), _, Some(s)) => s.contains(a),
                (Ok(_), _, _) => false,
                (Err(_), _, _) => {
                    return Err(invalid(format!(
                        "--aux-address {name}={ip}: not an IP address"
                    )))
                }
            };
            if !fits {
                return Err(invalid(format!(
                    "no matching subnet for aux-address {ip}: give the --subnet it belongs to"
                )));
            }
        }
        let aux = serde_json::to_string(&spec.aux_addresses).expect("addresses serialize");
        let ipam_options = serde_json::to_string(&spec.ipam_options).expect("options serialize");
        let host_routes = ipam::parse_route_table(
            &std::fs::read_to_string("/proc/net/route").unwrap_or_default(),
        );
        let id = crate::id::new_id();
        let now = now_ns();
        let labels = serde_json::to_string(&spec.labels).expect("labels serialize");
        let options = serde_json::to_string(&spec.options).expect("options serialize");
        self.catalog()?.write(|tx| {
            if find(tx, &spec.name)?.filter(|n| n.name == spec.name).is_some() {
                return Err(Error::Conflict(format!(
                    "network with name {} already exists: choose another name or remove it with `skiff network rm {}`",
                    spec.name, spec.name
                )));
            }
            let taken: Vec<Subnet> = tx
                .prepare("SELECT subnet FROM networks")?
                .query_map([], |r| r.get::<_, String>(0))?
                .filter_map(|s| Subnet::parse(&s.ok()?).ok())
                .collect();
            let subnet = match given {
                Some(s) => {
                    if let Some(t) = taken.iter().find(|t| t.overlaps(&s)) {
                        return Err(Error::Conflict(format!(
                            "subnet {s} overlaps {t}, which another network uses: choose another subnet"
                        )));
                    }
                    s
                }
                None => {
                    let mut avoid = host_routes.clone();
                    avoid.push(helper_net);
                    ipam::default_subnet(&taken, &avoid).map_err(|e| Error::Conflict(e.0))?
                }
            };
            let gateway = match &spec.gateway {
                Some(g) => subnet
                    .check_host(g, "gateway")
                    .map_err(|e| Error::InvalidArgument(e.0))?,
                None => subnet.first_host(),
            };
            let (subnet6, gateway6) = match choose_subnet6(tx, &id, spec.ipv6, given6)? {
                Some(s6) => (s6.to_string(), gateway6.unwrap_or_else(|| s6.first_host()).to_string()),
                None => (String::new(), String::new()),
            };
            tx.execute(
                "INSERT INTO networks (id, name, driver, subnet, gateway, internal, labels, options, created, \
                 subnet6, gateway6, ip_range, aux_addresses, ipam_options) \
                 VALUES (?1, ?2, 'bridge', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![id, spec.name, subnet.to_string(), gateway.to_string(), spec.internal, labels, options, now,
                    subnet6, gateway6, ip_range, aux, ipam_options],
            )?;
            crate::events::record_network(tx, "create", &id, &spec.name, None);
            Ok(())
        })?;
        self.network_get(&id)
    }

    /// `network inspect`: one network by name or id, the predefined ones included.
    pub fn network_get(&mut self, name_or_id: &str) -> Result<NetworkRecord> {
        if let Some((n, d)) = PREDEFINED.iter().find(|(n, _)| *n == name_or_id) {
            return Ok(predefined(n, d));
        }
        if let Some(found) = find(self.catalog()?.conn(), name_or_id)? {
            return Ok(found);
        }
        PREDEFINED
            .iter()
            .map(|(n, d)| predefined(n, d))
            .find(|p| name_or_id.len() >= 3 && p.id.starts_with(name_or_id))
            .ok_or_else(|| not_found(name_or_id))
    }

    /// `network ls`: the predefined networks, then every user-defined one by name.
    pub fn network_list(&mut self) -> Result<Vec<NetworkRecord>> {
        let mut out: Vec<NetworkRecord> =
            PREDEFINED.iter().map(|(n, d)| predefined(n, d)).collect();
        let conn = self.catalog()?.conn();
        let rows: Vec<NetworkRecord> = conn
            .prepare(&format!("SELECT {COLUMNS} FROM networks ORDER BY name"))?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        out.extend(rows);
        Ok(out)
    }

    /// The containers on network `id`.
    pub fn network_members(&mut self, network_id: &str) -> Result<Vec<Member>> {
        members(self.catalog()?.conn(), network_id)
    }

    /// The user-defined networks of every container that is on one: container id -> network
    /// names, sorted (one query, for `ps`).
    pub fn network_names_by_container(
        &mut self,
    ) -> Result<std::collections::HashMap<String, Vec<String>>> {
        let mut out: std::collections::HashMap<String, Vec<String>> = Default::default();
        let conn = self.catalog()?.conn();
        let mut stmt = conn.prepare(
            "SELECT m.container_id, n.name FROM network_members m \
             JOIN networks n ON n.id = m.network_id ORDER BY n.name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, name) = row?;
            out.entry(id).or_default().push(name);
        }
        Ok(out)
    }

    /// The names of the user-defined networks container `id` is on, sorted.
    pub fn user_network_names(&mut self, container_id: &str) -> Result<Vec<String>> {
        let mut names: Vec<String> = self
            .container_networks(container_id)?
            .into_iter()
            .map(|(n, _)| n.name)
            .collect();
        names.sort();
        Ok(names)
    }

    /// The networks container `id` is on.
    pub fn container_networks(
        &mut self,
        container_id: &str,
    ) -> Result<Vec<(NetworkRecord, Member)>> {
        let conn = self.catalog()?.conn();
        let mut out = Vec::new();
        for m in memberships(conn, container_id)? {
            if let Some(n) = find(conn, &m.network_id)? {
                out.push((n, m));
            }
        }
        Ok(out)
    }
}

impl Engine {
    /// The `Containers` of predefined network `name`'s inspect document, as docker lists them:
    /// the running containers of that network mode (`bridge`: the default network, through its
    /// helper, with the helper's address; `host` and `none`: with no address).
    fn predefined_members(
        &mut self,
        name: &str,
    ) -> Result<serde_json::Map<String, serde_json::Value>> {
        let on_it = |mode: &str| match name {
            "bridge" => crate::container::inspect::keeps_default(mode),
            _ => mode == name,
        };
        let mut out = serde_json::Map::new();
        for rec in self.list_container_views()? {
            if !rec.state.is_active() || !on_it(&rec.config.network_mode) {
                continue;
            }
            let (ip, mac) = match self.network_state(&rec) {
                Some(s) if name == "bridge" => (
                    format!("{}/{}", s.addresses.ip, s.addresses.prefix_len),
                    rec.config.mac_address.clone(),
                ),
                _ => (String::new(), String::new()),
            };
            out.insert(
                rec.id.clone(),
                serde_json::json!({
                    "Name": rec.name,
                    "EndpointID": "",
                    "MacAddress": mac,
                    "IPv4Address": ip,
                    "IPv6Address": "",
                }),
            );
        }
        Ok(out)
    }

    /// docker's `network inspect` document; `Containers` lists the members that run.
    pub fn network_inspect(&mut self, name_or_id: &str) -> Result<serde_json::Value> {
        let net = self.network_get(name_or_id)?;
        let containers = self.running_members(&net)?;
        Ok(network_document(&net, containers))
    }

    /// The document of docker's network list (`GET /networks`): the inspect document with
    /// `Containers` left empty, as docker's list leaves it (only inspect fills it).
    pub fn network_summary(&mut self, name_or_id: &str) -> Result<serde_json::Value> {
        let net = self.network_get(name_or_id)?;
        Ok(network_document(&net, serde_json::Map::new()))
    }

    /// The running containers on `net`, by id, as `network inspect` lists them.
    fn running_members(
        &mut self,
        net: &NetworkRecord,
    ) -> Result<serde_json::Map<String, serde_json::Value>> {
        use serde_json::json;
        if net.predefined {
            return self.predefined_members(&net.name);
        }
        let mut containers = serde_json::Map::new();
        let prefix = net.parsed_subnet().map(|s| s.prefix_len).unwrap_or(0);
        let prefix6 = net.parsed_subnet6().map(|s| s.prefix_len).unwrap_or(0);
        for m in self.network_members(&net.id)? {
            let running = self
                .refreshed_container(&m.container_id)?
                .is_some_and(|c| c.state.is_active());
            // A member joined through a relay that was killed has no interface here.
            if running && !self.relay_lost(net, &m.container_id)? {
                containers.insert(
                    m.container_id.clone(),
                    json!({
                        "Name": m.container_name,
                        "EndpointID": "",
                        "MacAddress": m.mac,
                        "IPv4Address": format!("{}/{prefix}", m.ip),
                        "IPv6Address": if m.ip6.is_empty() {
                            String::new()
                        } else {
                            format!("{}/{prefix6}", m.ip6)
                        },
                    }),
                );
            }
        }
        Ok(containers)
    }
}

/// docker's inspect document of network `net` with members `containers`.
fn network_document(
    net: &NetworkRecord,
    containers: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Value {
    use serde_json::json;
    let mut config = Vec::new();
    // docker's AuxiliaryAddresses, in the entry of each address's family.
    let aux = |v6: bool| -> BTreeMap<&String, &String> {
        net.aux_addresses
            .iter()
            .filter(|(_, a)| a.contains(':') == v6)
            .collect()
    };
    if !net.subnet.is_empty() {
        let mut v4 = json!({"Subnet": net.subnet, "Gateway": net.gateway});
        if !net.ip_range.is_empty() {
            v4["IPRange"] = json!(net.ip_range);
        }
        if !aux(false).is_empty() {
            v4["AuxiliaryAddresses"] = json!(aux(false));
        }
        config.push(v4);
    }
    if net.ipv6() {
        let mut v6 = json!({"Subnet": net.subnet6, "Gateway": net.gateway6});
        if !aux(true).is_empty() {
            v6["AuxiliaryAddresses"] = json!(aux(true));
        }
        config.push(v6);
    }
    json!({
        "Name": net.name,
        "Id": net.id,
        "Created": crate::container::time::rfc3339_nanos(net.created),
        "Scope": "local",
        "Driver": net.driver,
        "EnableIPv4": true,
        "EnableIPv6": net.ipv6(),
        "IPAM": {"Driver": "default", "Options": net.ipam_options, "Config": config},
        "Internal": net.internal,
        "Attachable": false,
        "Ingress": false,
        "ConfigFrom": {"Network": ""},
        "ConfigOnly": false,
        "Containers": containers,
        "Options": net.options,
        "Labels": net.labels,
    })
}
