//! Resource limits of `run`/`create`/`update` (docker's HostConfig resource fields): the flags as
//! typed, their checks and merging into a container's stored configuration, and the cgroup v2
//! interface files that apply them. Pure functions, unit-tested; `runtime::cgroups` writes the
//! files.

use super::config::ContainerConfig;
pub use super::config::{Resources, ThrottleDevice, WeightDevice};
use super::options::parse_size;
use crate::error::{Error, Result};

fn invalid(msg: impl Into<String>) -> Error {
    Error::InvalidArgument(msg.into())
}

/// The resource flags of `run`, `create` and `update` as typed. `None` (or empty) leaves the
/// stored value alone, which is what `update` needs.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ResourceOptions {
    /// `--memory` in bytes (see [`super::options::parse_size`]).
    pub memory: Option<i64>,
    /// `--memory-swap` in bytes (`-1`: unlimited swap).
    pub memory_swap: Option<i64>,
    /// `--memory-reservation` in bytes.
    pub memory_reservation: Option<i64>,
    /// `--memory-swappiness` (cgroup v2 has none: discarded with a warning, as docker does).
    pub memory_swappiness: Option<i64>,
    /// `--kernel-memory` (cgroup v2 has none: discarded with a warning, as docker does).
    pub kernel_memory: Option<String>,
    /// `--oom-kill-disable` (cgroup v2 has none: discarded with a warning, as docker does).
    pub oom_kill_disable: bool,
    /// `--cpus` in billionths of a CPU (docker's NanoCpus; see
    /// [`super::options::parse_cpus`]).
    pub nano_cpus: Option<i64>,
    /// `--cpu-shares` (relative weight, docker's 1024 = default).
    pub cpu_shares: Option<i64>,
    /// `--cpu-period` in microseconds.
    pub cpu_period: Option<i64>,
    /// `--cpu-quota` in microseconds per period.
    pub cpu_quota: Option<i64>,
    /// `--cpu-rt-period` (refused: cgroup v2 has no real-time CPU controller).
    pub cpu_rt_period: Option<i64>,
    /// `--cpu-rt-runtime` (refused: cgroup v2 has no real-time CPU controller).
    pub cpu_rt_runtime: Option<i64>,
    /// `--cpuset-cpus` (`0-2,4`).
    pub cpuset_cpus: Option<String>,
    /// `--cpuset-mems`.
    pub cpuset_mems: Option<String>,
    /// `--blkio-weight` (10 to 1000; 0 = default).
    pub blkio_weight: Option<u16>,
    /// `--blkio-weight-device PATH:WEIGHT`.
    pub blkio_weight_device: Vec<String>,
    /// `--device-read-bps PATH:RATE`.
    pub device_read_bps: Vec<String>,
    /// `--device-write-bps PATH:RATE`.
    pub device_write_bps: Vec<String>,
    /// `--device-read-iops PATH:RATE`.
    pub device_read_iops: Vec<String>,
    /// `--device-write-iops PATH:RATE`.
    pub device_write_iops: Vec<String>,
    /// `--pids-limit` (`-1`: unlimited).
    pub pids_limit: Option<i64>,
    /// `--cgroup-parent`.
    pub cgroup_parent: Option<String>,
}

/// The warnings for flags cgroup v2 cannot honour, which docker also prints and discards.
pub fn discarded(opts: &ResourceOptions) -> Vec<String> {
    let mut warnings = Vec::new();
    if opts.memory_swappiness.is_some() {
        warnings.push(
            "cgroup v2 has no per-container memory swappiness: --memory-swappiness discarded"
                .to_string(),
        );
    }
    if opts.kernel_memory.is_some() {
        warnings
            .push("cgroup v2 has no kernel memory limit: --kernel-memory discarded".to_string());
    }
    if opts.oom_kill_disable {
        warnings.push(
            "cgroup v2 cannot disable the OOM killer of a container: --oom-kill-disable discarded"
                .to_string(),
        );
    }
    warnings
}

/// Applies the flags that were given to `config` (create: a fresh config; update: the stored
/// one), checking them as docker does.
pub fn apply(opts: &ResourceOptions, config: &mut ContainerConfig) -> Result<()> {
    if opts.cpu_rt_period.is_some() || opts.cpu_rt_runtime.is_some() {
        return Err(invalid(
            "--cpu-rt-period and --cpu-rt-runtime need cgroup v1's real-time CPU controller, \
             which cgroup v2 does not have: use --cpus or --cpu-shares",
        ));
    }
    let bytes = |flag: &str, v: i64| {
        if v < 0 {
            return Err(invalid(format!("invalid {flag} {v}: must not be negative")));
        }
        Ok(v)
    };
    if let Some(m) = opts.memory {
        config.memory = bytes("--memory", m)?;
    }
    let r = &mut config.resources;
    if let Some(s) = opts.memory_swap {
        r.memory_swap = if s == -1 {
            -1
        } else {
            bytes("--memory-swap", s)?
        };
    }
    if let Some(s) = opts.memory_reservation {
        r.memory_reservation = bytes("--memory-reservation", s)?;
    }
    if let Some(s) = opts.memory_swappiness {
        if !(-1..=100).contains(&s) {
            return Err(invalid(format!(
                "invalid value: {s}, valid memory swappiness range is 0-100"
            )));
        }
    }
    if let Some(k) = &opts.kernel_memory {
        parse_size(k)?;
    }
    if let Some(c) = opts.nano_cpus {
        config.nano_cpus = bytes("--cpus", c)?;
    }
    if let Some(s) = opts.cpu_shares {
        if s < 0 {
            return Err(invalid(format!(
                "invalid --cpu-shares {s}: must not be negative"
            )));
        }
        r.cpu_shares = s;
    }
    if let Some(p) = opts.cpu_period {
        if p != 0 && !(1000..=1_000_000).contains(&p) {
            return Err(invalid(
                "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)",
            ));
        }
        r.cpu_period = p;
    }
    if let Some(q) = opts.cpu_quota {
        if q > 0 && q < 1000 {
            return Err(invalid(
                "CPU cfs quota can not be less than 1ms (i.e. 1000)",
            ));
        }
        r.cpu_quota = q;
    }
    if let Some(c) = &opts.cpuset_cpus {
        r.cpuset_cpus = parse_cpuset("--cpuset-cpus", c)?;
    }
    if let Some(m) = &opts.cpuset_mems {
        r.cpuset_mems = parse_cpuset("--cpuset-mems", m)?;
    }
    if let Some(w) = opts.blkio_weight {
        if w != 0 && !(10..=1000).contains(&w) {
            return Err(invalid(format!(
                "invalid --blkio-weight {w}: the range is from 10 to 1000"
            )));
        }
        r.blkio_weight = w;
    }
    if !opts.blkio_weight_device.is_empty() {
        r.blkio_weight_device = opts
            .blkio_weight_device
            .iter()
            .map(|s| parse_weight_device(s))
            .collect::<Result<_>>()?;
    }
    let throttle = |flag: &str, specs: &[String], bytes: bool| -> Result<Vec<ThrottleDevice>> {
        specs
            .iter()
            .map(|s| parse_throttle_device(flag, s, bytes))
            .collect()
    };
    if !opts.device_read_bps.is_empty() {
        r.device_read_bps = throttle("--device-read-bps", &opts.device_read_bps, true)?;
    }
    if !opts.device_write_bps.is_empty() {
        r.device_write_bps = throttle("--device-write-bps", &opts.device_write_bps, true)?;
    }
    if !opts.device_read_iops.is_empty() {
        r.device_read_iops = throttle("--device-read-iops", &opts.device_read_iops, false)?;
    }
    if !opts.device_write_iops.is_empty() {
        r.device_write_iops = throttle("--device-write-iops", &opts.device_write_iops, false)?;
    }
    if let Some(p) = opts.pids_limit {
        config.pids_limit = p;
    }
    if let Some(p) = &opts.cgroup_parent {
        r.cgroup_parent = p.clone();
    }
    check(config)
}

/// docker's consistency rules between the limits, after a create or an update.
fn check(c: &ContainerConfig) -> Result<()> {
    let r = &c.resources;
    if c.nano_cpus > 0 && (r.cpu_period > 0 || r.cpu_quota > 0) {
        return Err(invalid(
            "conflicting options: --cpus and --cpu-period/--cpu-quota cannot both be set",
        ));
    }
    if r.memory_swap > 0 && c.memory <= 0 {
        return Err(invalid(
            "you should always set the memory limit when using a memory+swap limit: add --memory",
        ));
    }
    if r.memory_swap > 0 && r.memory_swap < c.memory {
        return Err(invalid(
            "minimum memory+swap limit should be larger than the memory limit: raise \
             --memory-swap or use -1 for unlimited swap",
        ));
    }
    if c.memory > 0 && r.memory_reservation > c.memory {
        return Err(invalid(
            "minimum memory limit can not be less than the memory reservation limit: lower \
             --memory-reservation",
        ));
    }
    Ok(())
}

/// Checks a cpuset list such as `0-2,4`.
fn parse_cpuset(flag: &str, spec: &str) -> Result<String> {
    let bad = || {
        invalid(format!(
            "invalid {flag} {spec:?}: use a list of numbers and ranges such as 0-2,4"
        ))
    };
    let spec = spec.trim();
    if spec.is_empty() {
        return Ok(String::new());
    }
    for part in spec.split(',') {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let (a, b): (u32, u32) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
        if a > b {
            return Err(bad());
        }
    }
    Ok(spec.to_string())
}

/// `PATH:WEIGHT` of `--blkio-weight-device`.
fn parse_weight_device(spec: &str) -> Result<WeightDevice> {
    let bad = || {
        invalid(format!(
            "invalid --blkio-weight-device {spec:?}: use DEVICE:WEIGHT with a weight from 10 to 1000"
        ))
    };
    let (path, w) = spec.rsplit_once(':').ok_or_else(bad)?;
    let weight: u16 = w.parse().map_err(|_| bad())?;
    if !path.starts_with("/dev/") || !(10..=1000).contains(&weight) {
        return Err(bad());
    }
    Ok(WeightDevice {
        path: path.to_string(),
        weight,
    })
}

/// `PATH:RATE` of `--device-{read,write}-{bps,iops}`: a size with units for bps, a number for iops.
fn parse_throttle_device(flag: &str, spec: &str, bytes: bool) -> Result<ThrottleDevice> {
    let bad = || {
        let what = if bytes {
            "RATE such as 1mb"
        } else {
            "a number of operations"
        };
        invalid(format!("invalid {flag} {spec:?}: use DEVICE:{what}"))
    };
    let (path, rate) = spec.rsplit_once(':').ok_or_else(bad)?;
    if !path.starts_with("/dev/") {
        return Err(bad());
    }
    let rate = if bytes {
        parse_size(rate).map_err(|_| bad())? as u64
    } else {
        rate.parse().map_err(|_| bad())?
    };
    Ok(ThrottleDevice {
        path: path.to_string(),
        rate,
    })
}

/// docker's `HostConfig.MemorySwap`: as given, or twice `--memory` when only that was set (the
/// container may use as much swap as memory), 0 without limits.
pub fn memory_swap_shown(c: &ContainerConfig) -> i64 {
    match c.resources.memory_swap {
        0 if c.memory > 0 => 2 * c.memory,
        s => s,
    }
}

/// cgroup v2 `cpu.weight` for docker's `--cpu-shares` (2..262144 onto 1..10000, the mapping runc
/// and crun use).
pub fn cpu_weight(shares: i64) -> u64 {
    let shares = shares.clamp(2, 262_144) as u64;
    1 + ((shares - 2) * 9999) / 262_142
}

/// cgroup v2 `io.weight` for docker's blkio weight (10..1000 onto 1..10000).
pub fn io_weight(weight: u16) -> u64 {
    let w = u64::from(weight.clamp(10, 1000));
    1 + ((w - 10) * 9999) / 990
}

/// The cgroup v2 interface files and values that apply `c`'s limits, in the order to write
/// them. `device` gives a block device's `major:minor`. With `reset`, limits that are not set
/// are written back to their defaults too (for `update` of a running container); otherwise
/// only what is set appears.
pub fn cgroup_files(
    c: &ContainerConfig,
    reset: bool,
    device: &dyn Fn(&str) -> Option<String>,
) -> Vec<(String, String)> {
    let r = &c.resources;
    let mut files: Vec<(String, String)> = Vec::new();
    let mut put = |file: &str, value: String, set: bool| {
        if set || reset {
            files.push((file.to_string(), value));
        }
    };
    let max_or = |v: i64| if v > 0 { v.to_string() } else { "max".into() };
    put("memory.max", max_or(c.memory), c.memory > 0);
    let swap = match r.memory_swap {
        -1 => "max".to_string(),
        0 if c.memory > 0 => c.memory.to_string(),
        s if s > 0 => (s - c.memory).max(0).to_string(),
        _ => "max".to_string(),
    };
    put("memory.swap.max", swap, c.memory > 0 || r.memory_swap != 0);
    put(
        "memory.low",
        r.memory_reservation.max(0).to_string(),
        r.memory_reservation > 0,
    );
    let cpu_max = if c.nano_cpus > 0 {
        super::super::runtime::cgroups::cpu_max(c.nano_cpus as f64 / 1e9)
    } else {
        let period = if r.cpu_period > 0 {
            r.cpu_period
        } else {
            100_000
        };
        format!("{} {period}", max_or(r.cpu_quota))
    };
    put(
        "cpu.max",
        cpu_max,
        c.nano_cpus > 0 || r.cpu_quota > 0 || r.cpu_period > 0,
    );
    let weight = if r.cpu_shares > 0 {
        cpu_weight(r.cpu_shares)
    } else {
        100
    };
    put("cpu.weight", weight.to_string(), r.cpu_shares > 0);
    if !r.cpuset_cpus.is_empty() {
        put("cpuset.cpus", r.cpuset_cpus.clone(), true);
    }
    if !r.cpuset_mems.is_empty() {
        put("cpuset.mems", r.cpuset_mems.clone(), true);
    }
    if r.blkio_weight > 0 {
        put(
            "io.weight",
            format!("default {}", io_weight(r.blkio_weight)),
            true,
        );
    }
    for d in &r.blkio_weight_device {
        if let Some(dev) = device(&d.path) {
            put("io.weight", format!("{dev} {}", io_weight(d.weight)), true);
        }
    }
    let mut io_max: Vec<(String, Vec<String>)> = Vec::new();
    for (key, list) in [
        ("rbps", &r.device_read_bps),
        ("wbps", &r.device_write_bps),
        ("riops", &r.device_read_iops),
        ("wiops", &r.device_write_iops),
    ] {
        for d in list {
            let Some(dev) = device(&d.path) else { continue };
            let entry = format!("{key}={}", d.rate);
            match io_max.iter_mut().find(|(k, _)| *k == dev) {
                Some((_, v)) => v.push(entry),
                None => io_max.push((dev, vec![entry])),
            }
        }
    }
    for (dev, entries) in io_max {
        put("io.max", format!("{dev} {}", entries.join(" ")), true);
    }
    put("pids.max", max_or(c.pids_limit), c.pids_limit > 0);
    files
}

/// The block devices the throttles name that do not exist or are not block devices, checked at
/// create so the error comes before the container starts.
fn missing_devices(r: &Resources, device: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
    let mut out: Vec<String> = r
        .blkio_weight_device
        .iter()
        .map(|d| d.path.clone())
        .chain(
            [
                &r.device_read_bps,
                &r.device_write_bps,
                &r.device_read_iops,
                &r.device_write_iops,
            ]
            .into_iter()
            .flatten()
            .map(|d| d.path.clone()),
        )
        .filter(|p| device(p).is_none())
        .collect();
    out.dedup();
    out
}

/// An error naming the devices [`missing_devices`] finds, if any (at create and update, so
/// the error comes before a limit reaches a cgroup).
pub fn require_devices(r: &Resources, device: &dyn Fn(&str) -> Option<String>) -> Result<()> {
    let missing = missing_devices(r, device);
    if missing.is_empty() {
        return Ok(());
    }
    Err(invalid(format!(
        "not a block device: {}: I/O limits need a device such as /dev/sda",
        missing.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::cgroups::controllers_of;

    fn config() -> ContainerConfig {
        ContainerConfig::default()
    }

    fn opts() -> ResourceOptions {
        ResourceOptions::default()
    }

    fn dev(p: &str) -> Option<String> {
        (p == "/dev/sda").then(|| "8:0".to_string())
    }

    fn files(c: &ContainerConfig, reset: bool) -> Vec<(String, String)> {
        cgroup_files(c, reset, &dev)
    }

    fn pair(f: &str, v: &str) -> (String, String) {
        (f.to_string(), v.to_string())
    }

    #[test]
    fn docker_weights() {
        assert_eq!(cpu_weight(2), 1);
        assert_eq!(cpu_weight(1024), 39);
        assert_eq!(cpu_weight(262_144), 10_000);
        assert_eq!(cpu_weight(1), 1);
        assert_eq!(io_weight(10), 1);
        assert_eq!(io_weight(1000), 10_000);
        assert_eq!(io_weight(500), 4950);
    }

    #[test]
    fn memory_and_swap() {
        let mut c = config();
        let mut o = opts();
        o.memory = Some(64 << 20);
        apply(&o, &mut c).unwrap();
        assert_eq!(memory_swap_shown(&c), 128 << 20);
        assert_eq!(
            files(&c, false),
            [
                pair("memory.max", "67108864"),
                pair("memory.swap.max", "67108864")
            ]
        );
        o.memory_swap = Some(96 << 20);
        o.memory_reservation = Some(32 << 20);
        apply(&o, &mut c).unwrap();
        assert_eq!(
            files(&c, false),
            [
                pair("memory.max", "67108864"),
                pair("memory.swap.max", "33554432"),
                pair("memory.low", "33554432")
            ]
        );
        o.memory_swap = Some(-1);
        apply(&o, &mut c).unwrap();
        assert_eq!(files(&c, false)[1], pair("memory.swap.max", "max"));
        assert_eq!(memory_swap_shown(&c), -1);
    }

    #[test]
    fn docker_consistency_rules() {
        let mut o = opts();
        o.memory_swap = Some(64 << 20);
        assert!(apply(&o, &mut config()).is_err(), "swap without memory");
        o.memory = Some(128 << 20);
        assert!(apply(&o, &mut config()).is_err(), "swap below memory");
        let mut o = opts();
        o.memory = Some(32 << 20);
        o.memory_reservation = Some(64 << 20);
        assert!(
            apply(&o, &mut config()).is_err(),
            "reservation above memory"
        );
        let mut o = opts();
        o.nano_cpus = Some(1_000_000_000);
        o.cpu_quota = Some(50_000);
        assert!(apply(&o, &mut config()).is_err(), "--cpus with --cpu-quota");
        let mut o = opts();
        o.cpu_rt_runtime = Some(950_000);
        assert!(apply(&o, &mut config()).is_err(), "real-time CPU");
        let mut o = opts();
        o.cpu_period = Some(999);
        assert!(apply(&o, &mut config()).is_err(), "period below 1ms");
        let mut o = opts();
        o.memory_swappiness = Some(101);
        assert!(apply(&o, &mut config()).is_err(), "swappiness above 100");
    }

    #[test]
    fn discarded_flags_warn() {
        let mut o = opts();
        o.memory_swappiness = Some(10);
        o.oom_kill_disable = true;
        o.kernel_memory = Some("10m".into());
        apply(&o, &mut config()).unwrap();
        let w = discarded(&o);
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(discarded(&opts()).is_empty());
    }

    #[test]
    fn cpu_files() {
        let mut c = config();
        let mut o = opts();
        o.cpu_shares = Some(512);
        o.cpu_quota = Some(50_000);
        o.cpu_period = Some(200_000);
        o.cpuset_cpus = Some("0-1,3".into());
        o.cpuset_mems = Some("0".into());
        apply(&o, &mut c).unwrap();
        assert_eq!(
            files(&c, false),
            [
                pair("cpu.max", "50000 200000"),
                pair("cpu.weight", "20"),
                pair("cpuset.cpus", "0-1,3"),
                pair("cpuset.mems", "0"),
            ]
        );
        let mut c = config();
        let mut o = opts();
        o.nano_cpus = Some(1_500_000_000);
        apply(&o, &mut c).unwrap();
        assert_eq!(files(&c, false), [pair("cpu.max", "150000 100000")]);
        for bad in ["a", "3-1", "1,,2", "-1"] {
            let mut o = opts();
            o.cpuset_cpus = Some(bad.into());
            assert!(apply(&o, &mut config()).is_err(), "{bad}");
        }
    }

    #[test]
    fn io_files_group_by_device() {
        let mut c = config();
        let mut o = opts();
        o.blkio_weight = Some(500);
        o.blkio_weight_device = vec!["/dev/sda:1000".into()];
        o.device_read_bps = vec!["/dev/sda:1mb".into()];
        o.device_write_iops = vec!["/dev/sda:100".into(), "/dev/nope:5".into()];
        apply(&o, &mut c).unwrap();
        assert_eq!(
            files(&c, false),
            [
                pair("io.weight", "default 4950"),
                pair("io.weight", "8:0 10000"),
                pair("io.max", "8:0 rbps=1048576 wiops=100"),
            ]
        );
        assert_eq!(missing_devices(&c.resources, &dev), ["/dev/nope"]);
        for bad in ["sda:1", "/dev/sda", "/dev/sda:x"] {
            let mut o = opts();
            o.device_read_iops = vec![bad.into()];
            assert!(apply(&o, &mut config()).is_err(), "{bad}");
        }
        let mut o = opts();
        o.blkio_weight = Some(5);
        assert!(apply(&o, &mut config()).is_err());
    }

    #[test]
    fn reset_writes_defaults_for_an_update() {
        let mut c = config();
        let mut o = opts();
        o.pids_limit = Some(50);
        apply(&o, &mut c).unwrap();
        assert_eq!(files(&c, false), [pair("pids.max", "50")]);
        let all = files(&c, true);
        assert!(all.contains(&pair("memory.max", "max")), "{all:?}");
        assert!(all.contains(&pair("cpu.max", "max 100000")), "{all:?}");
        assert!(all.contains(&pair("cpu.weight", "100")), "{all:?}");
        assert!(all.contains(&pair("pids.max", "50")), "{all:?}");
        assert_eq!(
            controllers_of(&all),
            ["memory", "cpu", "pids"].map(String::from)
        );
    }

    #[test]
    fn update_keeps_what_it_does_not_name() {
        let mut c = config();
        let mut o = opts();
        o.memory = Some(64 << 20);
        o.cpu_shares = Some(512);
        apply(&o, &mut c).unwrap();
        let mut u = opts();
        u.pids_limit = Some(10);
        apply(&u, &mut c).unwrap();
        assert_eq!(
            (c.memory, c.resources.cpu_shares, c.pids_limit),
            (64 << 20, 512, 10)
        );
    }
}
