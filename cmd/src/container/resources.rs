//! The resource-limit flags: those `update` shares with `run`/`create`, and those only
//! `run`/`create` take.

use clap::Args;
use skiff_libpod::container::options;
use skiff_libpod::container::resources::ResourceOptions;

/// Limits that `run`, `create` and `update` all take (docker's `update` flags).
#[derive(Debug, Clone, Args)]
pub struct ResourceFlags {
    /// Memory limit (e.g. 512m, 1g)
    #[arg(short = 'm', long, value_name = "BYTES")]
    pub memory: Option<String>,
    /// Memory plus swap limit: -1 for unlimited swap (default: twice --memory)
    #[arg(long = "memory-swap", value_name = "BYTES", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Memory soft limit (cgroup v2 memory.low)
    #[arg(long = "memory-reservation", value_name = "BYTES")]
    pub memory_reservation: Option<String>,
    /// Kernel memory limit (cgroup v2 has none: discarded with a warning)
    #[arg(long = "kernel-memory", value_name = "BYTES")]
    pub kernel_memory: Option<String>,
    /// Number of CPUs
    #[arg(long, value_name = "CPUS")]
    pub cpus: Option<String>,
    /// CPU shares (relative weight; 1024 is the default)
    #[arg(short = 'c', long = "cpu-shares", value_name = "SHARES")]
    pub cpu_shares: Option<i64>,
    /// Limit the CPU CFS (Completely Fair Scheduler) period, in microseconds
    #[arg(long = "cpu-period", value_name = "MICROSECONDS")]
    pub cpu_period: Option<i64>,
    /// Limit the CPU CFS (Completely Fair Scheduler) quota, in microseconds per period
    #[arg(
        long = "cpu-quota",
        value_name = "MICROSECONDS",
        allow_hyphen_values = true
    )]
    pub cpu_quota: Option<i64>,
    /// Limit the CPU real-time period (refused: cgroup v2 has no real-time controller)
    #[arg(long = "cpu-rt-period", value_name = "MICROSECONDS")]
    pub cpu_rt_period: Option<i64>,
    /// Limit the CPU real-time runtime (refused: cgroup v2 has no real-time controller)
    #[arg(long = "cpu-rt-runtime", value_name = "MICROSECONDS")]
    pub cpu_rt_runtime: Option<i64>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-cpus", value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-mems", value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// Block IO relative weight, between 10 and 1000, or 0 to disable
    #[arg(long = "blkio-weight", value_name = "WEIGHT")]
    pub blkio_weight: Option<u16>,
    /// Maximum number of processes (-1 for unlimited)
    #[arg(long = "pids-limit", value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<i64>,
}

/// Limits that `run`, `create` and podman's `update` take (docker's `update` has none of them).
#[derive(Debug, Clone, Args)]
pub struct DeviceLimitFlags {
    /// Tune the container's memory swappiness (cgroup v2 has none: discarded with a warning)
    #[arg(
        long = "memory-swappiness",
        value_name = "0-100",
        allow_hyphen_values = true
    )]
    pub memory_swappiness: Option<i64>,
    /// Block IO weight of a device (DEVICE:WEIGHT)
    #[arg(long = "blkio-weight-device", value_name = "DEVICE:WEIGHT")]
    pub blkio_weight_device: Vec<String>,
    /// Limit read rate from a device (DEVICE:RATE, e.g. /dev/sda:1mb)
    #[arg(long = "device-read-bps", value_name = "DEVICE:RATE")]
    pub device_read_bps: Vec<String>,
    /// Limit write rate to a device (DEVICE:RATE)
    #[arg(long = "device-write-bps", value_name = "DEVICE:RATE")]
    pub device_write_bps: Vec<String>,
    /// Limit read operations per second from a device (DEVICE:RATE)
    #[arg(long = "device-read-iops", value_name = "DEVICE:RATE")]
    pub device_read_iops: Vec<String>,
    /// Limit write operations per second to a device (DEVICE:RATE)
    #[arg(long = "device-write-iops", value_name = "DEVICE:RATE")]
    pub device_write_iops: Vec<String>,
}

/// Limits only `run` and `create` take.
#[derive(Debug, Clone, Args)]
pub struct CreateResourceFlags {
    /// The limits `update` can change too.
    #[command(flatten)]
    pub common: ResourceFlags,
    /// The device limits and swappiness podman's `update` can change too.
    #[command(flatten)]
    pub devices: DeviceLimitFlags,
    /// Disable the OOM killer (cgroup v2 cannot: discarded with a warning)
    #[arg(long = "oom-kill-disable")]
    pub oom_kill_disable: bool,
    /// Cgroup to put the container in: a path below the cgroup root as root, a systemd slice
    /// (my.slice) rootless
    #[arg(long = "cgroup-parent", value_name = "CGROUP")]
    pub cgroup_parent: Option<String>,
}

impl ResourceFlags {
    /// libpod's options for the flags given, their sizes and CPU counts parsed.
    pub fn options(&self) -> skiff_libpod::Result<ResourceOptions> {
        let size = |v: &Option<String>| v.as_deref().map(options::parse_size).transpose();
        Ok(ResourceOptions {
            memory: size(&self.memory)?,
            memory_swap: match self.memory_swap.as_deref().map(str::trim) {
                Some("-1") => Some(-1),
                other => other.map(options::parse_size).transpose()?,
            },
            memory_reservation: size(&self.memory_reservation)?,
            kernel_memory: self.kernel_memory.clone(),
            nano_cpus: self.cpus.as_deref().map(options::parse_cpus).transpose()?,
            cpu_shares: self.cpu_shares,
            cpu_period: self.cpu_period,
            cpu_quota: self.cpu_quota,
            cpu_rt_period: self.cpu_rt_period,
            cpu_rt_runtime: self.cpu_rt_runtime,
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            blkio_weight: self.blkio_weight,
            pids_limit: self.pids_limit,
            ..ResourceOptions::default()
        })
    }
}

impl DeviceLimitFlags {
    /// `common`'s options with these flags' added.
    pub fn options(&self, common: &ResourceFlags) -> skiff_libpod::Result<ResourceOptions> {
        Ok(ResourceOptions {
            memory_swappiness: self.memory_swappiness,
            blkio_weight_device: self.blkio_weight_device.clone(),
            device_read_bps: self.device_read_bps.clone(),
            device_write_bps: self.device_write_bps.clone(),
            device_read_iops: self.device_read_iops.clone(),
            device_write_iops: self.device_write_iops.clone(),
            ..common.options()?
        })
    }
}

impl CreateResourceFlags {
    /// libpod's options for the flags given.
    pub fn options(&self) -> skiff_libpod::Result<ResourceOptions> {
        Ok(ResourceOptions {
            oom_kill_disable: self.oom_kill_disable,
            cgroup_parent: self.cgroup_parent.clone(),
            ..self.devices.options(&self.common)?
        })
    }
}

/// Prints docker's warnings for the limits cgroup v2 cannot honour.
pub fn warn_discarded(opts: &ResourceOptions) {
    for w in skiff_libpod::container::resources::discarded(opts) {
        eprintln!("WARNING: {w}");
    }
}
