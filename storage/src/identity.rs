//! Who we are on the host, even from inside skiff's user namespace: rootless commands enter a
//! user namespace (where they are uid 0) before they pull, so "euid == 0" does not mean root.

/// True unless we are real root: euid 0 in the initial user namespace.
pub fn rootless() -> bool {
    nix::unistd::geteuid().as_raw() != 0 || !initial_user_namespace()
}

/// Our effective uid as the host sees it (the outside id mapped to our euid).
pub fn host_uid() -> u32 {
    let euid = nix::unistd::geteuid().as_raw();
    std::fs::read_to_string("/proc/self/uid_map")
        .ok()
        .and_then(|map| outside_id(&map, euid))
        .unwrap_or(euid)
}

fn initial_user_namespace() -> bool {
    std::fs::read_to_string("/proc/self/uid_map")
        .map(|map| is_identity_map(&map))
        .unwrap_or(true)
}

/// The initial namespace maps every id to itself: one line `0 0 4294967295`.
fn is_identity_map(map: &str) -> bool {
    let lines: Vec<Vec<&str>> = map
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    lines.len() == 1 && lines[0] == ["0", "0", "4294967295"]
}

/// The outside id of `inside` in a `/proc/PID/uid_map` text.
fn outside_id(map: &str, inside: u32) -> Option<u32> {
    map.lines().find_map(|line| {
        let f: Vec<u64> = line
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        let (start, outside, count) = (*f.first()?, *f.get(1)?, *f.get(2)?);
        let inside = u64::from(inside);
        (inside >= start && inside < start + count).then(|| (outside + inside - start) as u32)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps() {
        assert!(is_identity_map("         0          0 4294967295\n"));
        assert!(!is_identity_map("0 1000 1\n1 100000 65536\n"));
        assert_eq!(outside_id("0 1000 1\n1 100000 65536\n", 0), Some(1000));
        assert_eq!(outside_id("0 1000 1\n1 100000 65536\n", 33), Some(100032));
        assert_eq!(outside_id("0 1000 1\n", 5), None);
    }
}
