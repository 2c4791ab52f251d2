//! Kubernetes resource quantities (`500m`, `2`, `64Mi`, `1G`) to and from skiff's numbers.

/// A memory quantity in bytes: a whole number with an optional suffix (`Ki Mi Gi Ti Pi Ei`,
/// `k M G T P E`).
pub fn bytes(q: &str) -> Result<i64, String> {
    let q = q.trim();
    let split = q.find(|c: char| !c.is_ascii_digit()).unwrap_or(q.len());
    let (num, unit) = q.split_at(split);
    let n: i64 = num
        .parse()
        .map_err(|_| "not a whole number of bytes with an optional unit (64Mi, 1G)".to_string())?;
    let mult: i64 = match unit {
        "" => 1,
        "k" => 1000,
        "M" => 1000_i64.pow(2),
        "G" => 1000_i64.pow(3),
        "T" => 1000_i64.pow(4),
        "P" => 1000_i64.pow(5),
        "E" => 1000_i64.pow(6),
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        "Ti" => 1 << 40,
        "Pi" => 1 << 50,
        "Ei" => 1 << 60,
        other => return Err(format!("unit {other:?}: use Ki, Mi, Gi, Ti or k, M, G, T")),
    };
    n.checked_mul(mult).ok_or_else(|| "too large".to_string())
}

/// A CPU quantity in billionths of a CPU: `2`, `0.5` or `500m`.
pub fn nano_cpus(q: &str) -> Result<i64, String> {
    let q = q.trim();
    let bad = || "not a CPU count (2, 0.5 or 500m)".to_string();
    if let Some(milli) = q.strip_suffix('m') {
        let m: i64 = milli.parse().map_err(|_| bad())?;
        return m.checked_mul(1_000_000).filter(|n| *n >= 0).ok_or_else(bad);
    }
    let (whole, frac) = q.split_once('.').unwrap_or((q, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 9 {
        return Err(bad());
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let f: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<9}").parse().map_err(|_| bad())?
    };
    w.checked_mul(1_000_000_000)
        .and_then(|n| n.checked_add(f))
        .filter(|n| *n >= 0)
        .ok_or_else(bad)
}

/// Bytes as a quantity: the largest binary unit that divides it exactly (`64Mi`), else plain.
pub fn format_bytes(n: i64) -> String {
    for (unit, shift) in [
        ("Ei", 60),
        ("Pi", 50),
        ("Ti", 40),
        ("Gi", 30),
        ("Mi", 20),
        ("Ki", 10),
    ] {
        if n != 0 && n % (1_i64 << shift) == 0 {
            return format!("{}{unit}", n >> shift);
        }
    }
    n.to_string()
}

/// Billionths of a CPU as a quantity: whole CPUs when exact (`2`), else millicores (`500m`),
/// rounded up to one.
pub fn format_nano_cpus(n: i64) -> String {
    if n % 1_000_000_000 == 0 {
        (n / 1_000_000_000).to_string()
    } else {
        format!("{}m", (n + 999_999) / 1_000_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_and_cpu() {
        assert_eq!(bytes("64Mi"), Ok(64 << 20));
        assert_eq!(bytes("1G"), Ok(1_000_000_000));
        assert_eq!(bytes("512"), Ok(512));
        assert!(bytes("1.5Gi").is_err());
        assert!(bytes("9999999Ei").is_err());
        assert_eq!(nano_cpus("500m"), Ok(500_000_000));
        assert_eq!(nano_cpus("2"), Ok(2_000_000_000));
        assert_eq!(nano_cpus("0.25"), Ok(250_000_000));
        assert!(nano_cpus("x").is_err());
        assert!(nano_cpus(".").is_err());
        assert_eq!(format_bytes(64 << 20), "64Mi");
        assert_eq!(format_bytes(1000), "1000");
        assert_eq!(format_nano_cpus(1_500_000_000), "1500m");
        assert_eq!(format_nano_cpus(2_000_000_000), "2");
    }
}
