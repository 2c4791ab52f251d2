//! The device policy of a root container: which device nodes it may create (`m`), read (`r`)
//! and write (`w`). Docker's: everything is denied but its default list (the nodes every
//! container has, and `mknod` of any node), each `--device` with its permissions and each
//! `--device-cgroup-rule`; `--privileged` is not confined at all. Pure: the rules, their text
//! form and the decision; [`super::devices_v1`] and [`super::device_bpf`] enforce them.

use serde::{Deserialize, Serialize};

/// Access bits, the values of the kernel's `BPF_DEVCG_ACC_*`.
pub const MKNOD: u8 = 1;
/// Open for reading.
pub const READ: u8 = 2;
/// Open for writing.
pub const WRITE: u8 = 4;
/// All three.
pub const ALL_ACCESS: u8 = MKNOD | READ | WRITE;

/// The largest device numbers Linux has (12 bits of major, 20 of minor).
const MAX_MAJOR: u32 = (1 << 12) - 1;
const MAX_MINOR: u32 = (1 << 20) - 1;

/// Which nodes a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeviceKind {
    /// Block and character devices (`a`).
    All,
    /// Block devices (`b`).
    Block,
    /// Character devices (`c`).
    Char,
}

impl DeviceKind {
    fn letter(self) -> char {
        match self {
            DeviceKind::All => 'a',
            DeviceKind::Block => 'b',
            DeviceKind::Char => 'c',
        }
    }
}

/// One allow rule: `c 1:3 rwm`; `None` numbers are `*` (any).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRule {
    /// Block, character or both.
    pub kind: DeviceKind,
    /// The major number, or any.
    pub major: Option<u32>,
    /// The minor number, or any.
    pub minor: Option<u32>,
    /// The allowed access: bits of [`MKNOD`], [`READ`], [`WRITE`].
    pub access: u8,
}

impl std::fmt::Display for DeviceRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let num = |n: Option<u32>| n.map_or("*".to_string(), |n| n.to_string());
        write!(
            f,
            "{} {}:{} {}",
            self.kind.letter(),
            num(self.major),
            num(self.minor),
            access_letters(self.access)
        )
    }
}

/// `rwm` letters of access bits, in docker's order.
pub fn access_letters(access: u8) -> String {
    [(READ, 'r'), (WRITE, 'w'), (MKNOD, 'm')]
        .iter()
        .filter(|(bit, _)| access & bit != 0)
        .map(|(_, c)| *c)
        .collect()
}

/// Access bits of `rwm` letters (`None` when another letter is there).
pub fn parse_access(letters: &str) -> Option<u8> {
    letters.chars().try_fold(0, |acc, c| match c {
        'r' => Some(acc | READ),
        'w' => Some(acc | WRITE),
        'm' => Some(acc | MKNOD),
        _ => None,
    })
}

/// Parses a `--device-cgroup-rule` as docker does: exactly `TYPE MAJOR:MINOR PERMS`, one space
/// apart, TYPE `a`, `b` or `c`, numbers or `*`, one to three of `rwm`. The error is docker's
/// wording with what to write instead.
pub fn parse_rule(text: &str) -> Result<DeviceRule, String> {
    let bad = || {
        format!(
            "invalid device cgroup format '{text}': use 'TYPE MAJOR:MINOR PERMS' with TYPE a, b \
             or c, numbers or *, and letters of rwm, e.g. 'c 1:3 rwm'"
        )
    };
    let fields: Vec<&str> = text.split(' ').collect();
    let [kind, numbers, perms] = fields.as_slice() else {
        return Err(bad());
    };
    let kind = match *kind {
        "a" => DeviceKind::All,
        "b" => DeviceKind::Block,
        "c" => DeviceKind::Char,
        _ => return Err(bad()),
    };
    let (major, minor) = numbers.split_once(':').ok_or_else(bad)?;
    let number = |n: &str, max: u32, what: &str| -> Result<Option<u32>, String> {
        if n == "*" {
            return Ok(None);
        }
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        match n.parse::<u32>() {
            Ok(v) if v <= max => Ok(Some(v)),
            _ => Err(format!(
                "invalid device cgroup rule '{text}': no device has {what} number {n} (the \
                 largest is {max}); see /proc/devices for the numbers in use"
            )),
        }
    };
    let major = number(major, MAX_MAJOR, "major")?;
    let minor = number(minor, MAX_MINOR, "minor")?;
    if perms.is_empty() || perms.len() > 3 {
        return Err(bad());
    }
    let access = parse_access(perms).ok_or_else(bad)?;
    Ok(DeviceRule {
        kind,
        major,
        minor,
        access,
    })
}

/// Docker's (runc's) default allow list: `mknod` of any node, and the nodes every container's
/// /dev has: null, zero, full, random, urandom, tty, console, ptmx and the pty slaves of its
/// own devpts.
pub fn default_rules() -> Vec<DeviceRule> {
    let char_dev = |major, minor| DeviceRule {
        kind: DeviceKind::Char,
        major: Some(major),
        minor,
        access: ALL_ACCESS,
    };
    let any_mknod = |kind| DeviceRule {
        kind,
        major: None,
        minor: None,
        access: MKNOD,
    };
    vec![
        any_mknod(DeviceKind::Char),
        any_mknod(DeviceKind::Block),
        char_dev(1, Some(3)), // null
        char_dev(1, Some(5)), // zero
        char_dev(1, Some(7)), // full
        char_dev(1, Some(8)), // random
        char_dev(1, Some(9)), // urandom
        char_dev(5, Some(0)), // tty
        char_dev(5, Some(1)), // console
        char_dev(5, Some(2)), // ptmx
        char_dev(136, None),  // pts/*
    ]
}

/// The rule of one host device node given with `--device` (its type and numbers as they are
/// on the host) and its permissions.
pub fn node_rule(block: bool, rdev: u64, access: u8) -> DeviceRule {
    DeviceRule {
        kind: if block {
            DeviceKind::Block
        } else {
            DeviceKind::Char
        },
        major: Some(libc::major(rdev)),
        minor: Some(libc::minor(rdev)),
        access,
    }
}

/// Whether `rules` let a container do `access` (bits) on the node `kind` `major:minor` (`kind`
/// is [`DeviceKind::Block`] or [`DeviceKind::Char`]). One rule must allow the whole access, as
/// the kernel decides. The model the BPF program's tests check it against.
#[cfg(test)]
pub fn allows(rules: &[DeviceRule], kind: DeviceKind, major: u32, minor: u32, access: u8) -> bool {
    rules.iter().any(|r| {
        (r.kind == DeviceKind::All || r.kind == kind)
            && r.major.is_none_or(|m| m == major)
            && r.minor.is_none_or(|m| m == minor)
            && access & !r.access == 0
    })
}

/// The lines written to a cgroup v1 `devices.allow` after `a` went to `devices.deny`. An `a`
/// rule becomes a `b` and a `c` line: v1 reads any `a` line as "allow everything".
pub fn v1_allow_lines(rules: &[DeviceRule]) -> Vec<String> {
    let mut lines = Vec::new();
    for r in rules {
        match r.kind {
            DeviceKind::All => {
                for kind in [DeviceKind::Block, DeviceKind::Char] {
                    lines.push(DeviceRule { kind, ..*r }.to_string());
                }
            }
            _ => lines.push(r.to_string()),
        }
    }
    lines
}

/// Any rule over a few device numbers (property tests of this module and the program's).
#[cfg(test)]
pub(super) fn arb_rule() -> impl proptest::strategy::Strategy<Value = DeviceRule> {
    use proptest::prelude::*;
    (
        prop_oneof![
            Just(DeviceKind::All),
            Just(DeviceKind::Block),
            Just(DeviceKind::Char)
        ],
        proptest::option::of(0u32..4),
        proptest::option::of(0u32..4),
        1u8..8,
    )
        .prop_map(|(kind, major, minor, access)| DeviceRule {
            kind,
            major,
            minor,
            access,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn docker_rule_syntax() {
        let r = parse_rule("c 1:3 rwm").unwrap();
        assert_eq!(r.to_string(), "c 1:3 rwm");
        assert_eq!(parse_rule("a *:* r").unwrap().to_string(), "a *:* r");
        assert_eq!(parse_rule("b 8:* mw").unwrap().to_string(), "b 8:* wm");
        for bad in [
            "a",
            "bad",
            "c 1:3",
            "c  1:3 rwm",
            "c 1:3 rwmr",
            "c 1:3 ",
            "x 1:3 r",
            "c 1-3 r",
            "c 1:3 rx",
            "c :3 r",
            " c 1:3 r",
        ] {
            let e = parse_rule(bad).unwrap_err();
            assert!(
                e.starts_with(&format!("invalid device cgroup format '{bad}'")),
                "{bad}: {e}"
            );
        }
        assert!(parse_rule("c 4096:0 r")
            .unwrap_err()
            .contains("major number 4096"));
        assert!(parse_rule("c 1:1048576 r")
            .unwrap_err()
            .contains("minor number 1048576"));
    }

    #[test]
    fn the_default_list_is_dockers() {
        let d = default_rules();
        let c = DeviceKind::Char;
        for (major, minor) in [
            (1, 3),
            (1, 5),
            (1, 7),
            (1, 8),
            (1, 9),
            (5, 0),
            (5, 1),
            (5, 2),
        ] {
            assert!(allows(&d, c, major, minor, READ | WRITE), "{major}:{minor}");
        }
        assert!(allows(&d, c, 136, 4, READ | WRITE));
        // Any node may be made, none other opened: a host disk, the console memory, /dev/mem.
        assert!(allows(&d, DeviceKind::Block, 8, 0, MKNOD));
        assert!(!allows(&d, DeviceKind::Block, 8, 0, READ));
        assert!(!allows(&d, DeviceKind::Block, 254, 0, WRITE));
        assert!(!allows(&d, c, 7, 0, READ));
        assert!(!allows(&d, c, 1, 1, READ));
        // tun is not in the list any more (runc 1.2): give --device /dev/net/tun.
        assert!(!allows(&d, c, 10, 200, READ));
    }

    #[test]
    fn one_rule_must_allow_all_of_an_access() {
        let rules = [
            parse_rule("c 1:3 r").unwrap(),
            parse_rule("c 1:3 w").unwrap(),
        ];
        assert!(allows(&rules, DeviceKind::Char, 1, 3, READ));
        assert!(!allows(&rules, DeviceKind::Char, 1, 3, READ | WRITE));
        let all = [parse_rule("a 7:* r").unwrap()];
        assert!(allows(&all, DeviceKind::Block, 7, 0, READ));
        assert!(allows(&all, DeviceKind::Char, 7, 9, READ));
        assert!(!allows(&all, DeviceKind::Char, 7, 9, WRITE));
    }

    #[test]
    fn v1_lines_expand_a() {
        let rules = [
            parse_rule("a 7:* rm").unwrap(),
            parse_rule("c 1:3 rwm").unwrap(),
        ];
        assert_eq!(
            v1_allow_lines(&rules),
            ["b 7:* rm", "c 7:* rm", "c 1:3 rwm"]
        );
    }

    #[test]
    fn node_rules() {
        let r = node_rule(true, libc::makedev(8, 16), READ);
        assert_eq!(r.to_string(), "b 8:16 r");
        let r = node_rule(false, libc::makedev(10, 229), ALL_ACCESS);
        assert_eq!(r.to_string(), "c 10:229 rwm");
    }

    proptest! {
        #[test]
        fn text_round_trips(rule in arb_rule()) {
            prop_assert_eq!(parse_rule(&rule.to_string()), Ok(rule));
        }

        #[test]
        fn v1_lines_allow_the_same(rules in proptest::collection::vec(arb_rule(), 0..5),
                                   block: bool, major in 0u32..5, minor in 0u32..5,
                                   access in 1u8..8) {
            let kind = if block { DeviceKind::Block } else { DeviceKind::Char };
            let v1: Vec<DeviceRule> = v1_allow_lines(&rules)
                .iter()
                .map(|l| parse_rule(l).unwrap())
                .collect();
            prop_assert!(v1.iter().all(|r| r.kind != DeviceKind::All));
            prop_assert_eq!(
                allows(&v1, kind, major, minor, access),
                allows(&rules, kind, major, minor, access)
            );
        }
    }
}
