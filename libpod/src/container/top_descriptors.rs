//! podman's `top` format descriptors (`podman top CTR pid user args`, podman-top(1)): which
//! words are descriptors, each one's column title, and its value for a process as podman
//! prints it. The values come from a [`Process`], which `top` reads from the host's /proc;
//! what a descriptor prints from it is pure.

use std::collections::BTreeMap;

use super::health::config::go_duration;
use super::time::go_time_string;
use crate::runtime::caps::ALL_CAPABILITIES;
use crate::runtime::user::{group_names, user_names};
use crate::runtime::IdRange;

/// One of podman's format descriptors: a column of `top`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Descriptor {
    /// The command with its arguments.
    Args,
    /// Ambient capabilities.
    CapAmb,
    /// Bounding capabilities.
    CapBnd,
    /// Effective capabilities.
    CapEff,
    /// Inheritable capabilities.
    CapInh,
    /// Permitted capabilities.
    CapPrm,
    /// The command's name.
    Comm,
    /// Time since the process started.
    Etime,
    /// Effective group, by the container's /etc/group.
    Group,
    /// Effective group on the host.
    HGroup,
    /// Process id on the host.
    HPid,
    /// Effective user on the host.
    HUser,
    /// The security label.
    Label,
    /// Nice value.
    Nice,
    /// CPU use, percent of the time since it started.
    Pcpu,
    /// Process group id, in the container.
    Pgid,
    /// Process id, in the container.
    Pid,
    /// Parent's process id, in the container.
    Ppid,
    /// Real group, by the container's /etc/group.
    RGroup,
    /// Real user, by the container's /etc/passwd.
    RUser,
    /// Seccomp mode.
    Seccomp,
    /// Process state.
    State,
    /// Start time.
    Stime,
    /// CPU time used.
    Time,
    /// Controlling terminal.
    Tty,
    /// Effective user, by the container's /etc/passwd.
    User,
    /// Virtual memory size, KiB.
    Vsz,
}

/// podman's default columns for `pod top` (and for its `top` without arguments).
pub const POD_TOP_DEFAULT: [&str; 8] = [
    "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
];

impl Descriptor {
    /// The descriptor a word names: podman's names and the AIX `%X` forms of ps(1).
    pub fn parse(word: &str) -> Option<Descriptor> {
        use Descriptor::*;
        Some(match word {
            "args" | "%a" => Args,
            "capamb" => CapAmb,
            "capbnd" => CapBnd,
            "capeff" => CapEff,
            "capinh" => CapInh,
            "capprm" => CapPrm,
            "comm" | "%c" => Comm,
            "etime" | "%t" => Etime,
            "group" | "%G" => Group,
            "hgroup" => HGroup,
            "hpid" => HPid,
            "huser" => HUser,
            "label" => Label,
            "nice" | "%n" => Nice,
            "pcpu" | "%C" => Pcpu,
            "pgid" | "%r" => Pgid,
            "pid" | "%p" => Pid,
            "ppid" | "%P" => Ppid,
            "rgroup" | "%g" => RGroup,
            "ruser" | "%u" => RUser,
            "seccomp" => Seccomp,
            "state" => State,
            "stime" => Stime,
            "time" | "%x" => Time,
            "tty" | "%y" => Tty,
            "user" | "%U" => User,
            "vsz" | "%z" => Vsz,
            _ => return None,
        })
    }

    /// The column's title, as podman prints it.
    pub fn title(self) -> &'static str {
        use Descriptor::*;
        match self {
            Args | Comm => "COMMAND",
            CapAmb => "AMBIENT CAPS",
            CapBnd => "BOUNDING CAPS",
            CapEff => "EFFECTIVE CAPS",
            CapInh => "INHERITED CAPS",
            CapPrm => "PERMITTED CAPS",
            Etime => "ELAPSED",
            Group => "GROUP",
            HGroup => "HGROUP",
            HPid => "HPID",
            HUser => "HUSER",
            Label => "LABEL",
            Nice => "NI",
            Pcpu => "%CPU",
            Pgid => "PGID",
            Pid => "PID",
            Ppid => "PPID",
            RGroup => "RGROUP",
            RUser => "RUSER",
            Seccomp => "SECCOMP",
            State => "STATE",
            Stime => "STIME",
            Time => "TIME",
            Tty => "TTY",
            User => "USER",
            Vsz => "VSZ",
        }
    }
}

/// The descriptors `args` name, each word alone or comma-separated (`pid,user args`); None when
/// there are none or a word is no descriptor (then they are ps(1) options).
pub fn parse_descriptors(args: &[String]) -> Option<Vec<Descriptor>> {
    let words: Vec<&str> = args
        .iter()
        .flat_map(|a| a.split(','))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    words.into_iter().map(Descriptor::parse).collect()
}

/// What the descriptors read of one process of the container.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Process {
    /// Its pid on the host.
    pub host_pid: i32,
    /// Its pid in the container's PID namespace.
    pub pid: i32,
    /// Its parent's pid in the container (0: the parent is outside).
    pub ppid: i32,
    /// Its process group in the container (0: outside).
    pub pgid: i32,
    /// /proc/PID/comm.
    pub comm: String,
    /// The command line's words.
    pub args: Vec<String>,
    /// The state letter (`S`, `R`, ...).
    pub state: char,
    /// Nice value.
    pub nice: i64,
    /// Virtual memory size in bytes.
    pub vsz_bytes: u64,
    /// Start, nanoseconds since the epoch.
    pub start_ns: i64,
    /// CPU time used (user and system), nanoseconds.
    pub cpu_ns: i64,
    /// The `tty_nr` of /proc/PID/stat (0: none).
    pub tty_nr: u64,
    /// Real and effective user ids in the container.
    pub uid: (u32, u32),
    /// Real and effective group ids in the container.
    pub gid: (u32, u32),
    /// Effective user and group ids on the host (as this process sees them).
    pub host_ids: (u32, u32),
    /// Ambient, bounding, effective, inheritable and permitted capability sets.
    pub caps: [u64; 5],
    /// The Seccomp line of /proc/PID/status (0 disabled, 1 strict, 2 filter).
    pub seccomp: u8,
    /// The security label (/proc/PID/attr/current), if the host has one.
    pub label: Option<String>,
}

/// Names of ids: the container's /etc/passwd and /etc/group, and the host's.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// The container's users by uid.
    pub users: BTreeMap<u32, String>,
    /// The container's groups by gid.
    pub groups: BTreeMap<u32, String>,
    /// The host's users by uid.
    pub host_users: BTreeMap<u32, String>,
    /// The host's groups by gid.
    pub host_groups: BTreeMap<u32, String>,
}

impl Names {
    /// The names of the container's /etc/passwd and /etc/group texts and of the host's.
    pub fn new(passwd: &str, group: &str) -> Names {
        let host = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
        Names {
            users: user_names(passwd),
            groups: group_names(group),
            host_users: user_names(&host("/etc/passwd")),
            host_groups: group_names(&host("/etc/group")),
        }
    }
}

fn name_of(names: &BTreeMap<u32, String>, id: u32) -> String {
    names.get(&id).cloned().unwrap_or_else(|| id.to_string())
}

/// A capability set as podman prints it: `none`, `full` (every capability up to
/// `last_cap`), or the names without `CAP_`, sorted, comma-separated.
pub fn caps_text(mask: u64, last_cap: u32) -> String {
    let full = if last_cap >= 63 {
        u64::MAX
    } else {
        (1u64 << (last_cap + 1)) - 1
    };
    if mask == 0 {
        return "none".into();
    }
    if mask & full == full {
        return "full".into();
    }
    let mut names: Vec<&str> = (0..64)
        .filter(|bit| mask & (1 << bit) != 0)
        .filter_map(|bit| ALL_CAPABILITIES.get(bit as usize))
        .map(|n| n.trim_start_matches("CAP_"))
        .collect();
    names.sort_unstable();
    names.join(",")
}

/// A `tty_nr` as a terminal name: `?` for none, `pts/N` for a pseudo-terminal, `ttyN` for a
/// virtual console, else the device numbers.
pub fn tty_text(tty_nr: u64) -> String {
    if tty_nr == 0 {
        return "?".into();
    }
    let major = (tty_nr >> 8) & 0xfff;
    let minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);
    match major {
        136..=143 => format!("pts/{}", (major - 136) * 256 + minor),
        4 if minor < 64 => format!("tty{minor}"),
        _ => format!("{major}:{minor}"),
    }
}

/// The cell of descriptor `d` for process `p`, `now_ns` being the time of the listing.
pub fn value(d: Descriptor, p: &Process, names: &Names, now_ns: i64, last_cap: u32) -> String {
    use Descriptor::*;
    let elapsed = now_ns.saturating_sub(p.start_ns).max(0);
    match d {
        Args if p.args.is_empty() => format!("[{}]", p.comm),
        Args => p.args.join(" "),
        CapAmb => caps_text(p.caps[0], last_cap),
        CapBnd => caps_text(p.caps[1], last_cap),
        CapEff => caps_text(p.caps[2], last_cap),
        CapInh => caps_text(p.caps[3], last_cap),
        CapPrm => caps_text(p.caps[4], last_cap),
        Comm => p.comm.clone(),
        Etime => go_duration(elapsed),
        Group => name_of(&names.groups, p.gid.1),
        HGroup => name_of(&names.host_groups, p.host_ids.1),
        HPid => p.host_pid.to_string(),
        HUser => name_of(&names.host_users, p.host_ids.0),
        Label => p.label.clone().unwrap_or_else(|| "?".into()),
        Nice => p.nice.to_string(),
        Pcpu => {
            let share = if elapsed > 0 {
                p.cpu_ns as f64 / elapsed as f64 * 100.0
            } else {
                0.0
            };
            format!("{share:.3}")
        }
        Pgid => p.pgid.to_string(),
        Pid => p.pid.to_string(),
        Ppid => p.ppid.to_string(),
        RGroup => name_of(&names.groups, p.gid.0),
        RUser => name_of(&names.users, p.uid.0),
        Seccomp => match p.seccomp {
            0 => "disabled",
            1 => "strict",
            _ => "filter",
        }
        .into(),
        State => p.state.to_string(),
        Stime => go_time_string(p.start_ns.div_euclid(1_000_000_000)),
        Time => go_duration(p.cpu_ns),
        Tty => tty_text(p.tty_nr),
        User => name_of(&names.users, p.uid.1),
        Vsz => (p.vsz_bytes / 1024).to_string(),
    }
}

/// The id in a user namespace of `host_id` (as this process names it) by the namespace's
/// `map`; 65534, the overflow id, when the map does not reach it.
pub fn container_id(map: &[IdRange], host_id: u32) -> u32 {
    crate::runtime::idshift::inside_id(map, host_id).unwrap_or(65_534)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn descriptors_are_podman_s_words_alone_or_with_commas() {
        assert_eq!(
            parse_descriptors(&words("pid,user args")),
            Some(vec![Descriptor::Pid, Descriptor::User, Descriptor::Args])
        );
        assert_eq!(
            parse_descriptors(&words("%p %U hpid")),
            Some(vec![Descriptor::Pid, Descriptor::User, Descriptor::HPid])
        );
        // ps(1) options are not descriptors: they go to ps.
        assert_eq!(parse_descriptors(&words("-o pid,comm")), None);
        assert_eq!(parse_descriptors(&words("aux")), None);
        assert_eq!(parse_descriptors(&words("pid nosuch")), None);
        assert_eq!(parse_descriptors(&[]), None);
        let defaults = POD_TOP_DEFAULT.map(String::from);
        assert_eq!(parse_descriptors(&defaults).map(|d| d.len()), Some(8));
        assert_eq!(Descriptor::CapBnd.title(), "BOUNDING CAPS");
        assert_eq!(Descriptor::Pcpu.title(), "%CPU");
    }

    #[test]
    fn values_print_as_podman_s() {
        let p = Process {
            host_pid: 4242,
            pid: 1,
            comm: "sleep".into(),
            args: words("sleep 100"),
            state: 'S',
            vsz_bytes: 2268 * 1024,
            start_ns: 1_000_000_000_000,
            cpu_ns: 500_000_000,
            uid: (1000, 1000),
            gid: (1000, 0),
            host_ids: (100_999, 100_999),
            caps: [0, 1 | 1 << 5 | 1 << 29, 0, 0, u64::MAX],
            seccomp: 2,
            ..Process::default()
        };
        let names = Names {
            users: BTreeMap::from([(1000, "user".to_string())]),
            groups: BTreeMap::from([(0, "root".to_string())]),
            ..Names::default()
        };
        let now = 1_002_261_467_908;
        let v = |d| value(d, &p, &names, now, 40);
        assert_eq!(v(Descriptor::Etime), "2.261467908s");
        assert_eq!(v(Descriptor::Pcpu), "22.110");
        assert_eq!(v(Descriptor::Time), "500ms");
        assert_eq!(v(Descriptor::User), "user");
        assert_eq!(v(Descriptor::Group), "root");
        assert_eq!(v(Descriptor::RGroup), "1000", "no name: the number");
        assert_eq!(v(Descriptor::HUser), "100999");
        assert_eq!(v(Descriptor::HPid), "4242");
        assert_eq!(v(Descriptor::CapEff), "none");
        assert_eq!(v(Descriptor::CapBnd), "AUDIT_WRITE,CHOWN,KILL", "sorted");
        assert_eq!(v(Descriptor::CapPrm), "full");
        assert_eq!(v(Descriptor::Seccomp), "filter");
        assert_eq!(v(Descriptor::Label), "?");
        assert_eq!(v(Descriptor::Tty), "?");
        assert_eq!(v(Descriptor::Vsz), "2268");
        assert_eq!(v(Descriptor::Args), "sleep 100");
        assert_eq!(v(Descriptor::Stime), "1970-01-01 00:16:40 +0000 UTC");
    }

    #[test]
    fn ids_terminals_and_names() {
        let map = crate::runtime::userns::parse_id_map(
            "         0       1003          1\n         1     231072      65536\n",
        );
        assert_eq!(container_id(&map, 1003), 0);
        assert_eq!(container_id(&map, 231072 + 999), 1000);
        assert_eq!(container_id(&map, 5), 65_534);
        assert_eq!(tty_text(0), "?");
        assert_eq!(tty_text((136 << 8) | 3), "pts/3");
        assert_eq!(tty_text((4 << 8) | 1), "tty1");
        let names = user_names("root:x:0:0:root:/root:/bin/sh\nbad\nuser:x:1000:1000::/:/bin/sh\n");
        assert_eq!(names.get(&1000).map(String::as_str), Some("user"));
        assert_eq!(names.len(), 2);
    }
}
