//! `skiff container clone` (podman's): a new container made with the command line the original
//! was made with (its stored `run`/`create` flags), under a new name, optionally with another
//! image, other resource limits or in another pod; `--destroy` removes the original, `--run`
//! starts the clone.

use clap::Args;
use skiff_libpod::generate::systemd::{split_create_command, SetFlag};
use skiff_libpod::Engine;

use crate::generate::Grammar;

/// `container clone` arguments.
#[derive(Debug, Args)]
pub struct CloneArgs {
    /// Remove the original container once the clone is made
    #[arg(long)]
    destroy: bool,
    /// Remove the original even when it runs (with --destroy)
    #[arg(short = 'f', long, requires = "destroy")]
    force: bool,
    /// The clone's name (default: the original's name with -clone)
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Start the clone
    #[arg(long)]
    run: bool,
    /// The pod to make the clone in
    #[arg(long, value_name = "POD")]
    pod: Option<String>,
    #[command(flatten)]
    limits: CloneLimits,
    /// The container to clone
    #[arg(value_name = "CONTAINER")]
    container: String,
    /// The clone's name (as --name)
    #[arg(value_name = "NAME")]
    new_name: Option<String>,
    /// The image the clone runs instead of the original's
    #[arg(value_name = "IMAGE")]
    image: Option<String>,
}

/// The resource limits a clone may set instead of the original's (as `create` takes them).
#[derive(Debug, Args)]
struct CloneLimits {
    /// Block IO weight (10 to 1000)
    #[arg(long = "blkio-weight", value_name = "WEIGHT")]
    blkio_weight: Option<String>,
    /// Block IO weight of a device, DEVICE:WEIGHT
    #[arg(long = "blkio-weight-device", value_name = "DEVICE:WEIGHT")]
    blkio_weight_device: Option<String>,
    /// CPU CFS period, in microseconds
    #[arg(long = "cpu-period", value_name = "MICROSECONDS")]
    cpu_period: Option<String>,
    /// CPU CFS quota, in microseconds per period
    #[arg(
        long = "cpu-quota",
        value_name = "MICROSECONDS",
        allow_hyphen_values = true
    )]
    cpu_quota: Option<String>,
    /// CPU real-time period, in microseconds
    #[arg(long = "cpu-rt-period", value_name = "MICROSECONDS")]
    cpu_rt_period: Option<String>,
    /// CPU real-time runtime, in microseconds
    #[arg(long = "cpu-rt-runtime", value_name = "MICROSECONDS")]
    cpu_rt_runtime: Option<String>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long = "cpu-shares", value_name = "SHARES")]
    cpu_shares: Option<String>,
    /// Number of CPUs
    #[arg(long, value_name = "CPUS")]
    cpus: Option<String>,
    /// CPUs the container may run on (0-3, 0,1)
    #[arg(long = "cpuset-cpus", value_name = "CPUS")]
    cpuset_cpus: Option<String>,
    /// Memory nodes the container may use
    #[arg(long = "cpuset-mems", value_name = "NODES")]
    cpuset_mems: Option<String>,
    /// Read rate limit of a device, DEVICE:RATE
    #[arg(long = "device-read-bps", value_name = "DEVICE:RATE")]
    device_read_bps: Option<String>,
    /// Write rate limit of a device, DEVICE:RATE
    #[arg(long = "device-write-bps", value_name = "DEVICE:RATE")]
    device_write_bps: Option<String>,
    /// Memory limit (e.g. 512m, 1g)
    #[arg(short = 'm', long, value_name = "BYTES")]
    memory: Option<String>,
    /// Memory soft limit
    #[arg(long = "memory-reservation", value_name = "BYTES")]
    memory_reservation: Option<String>,
    /// Memory plus swap limit (-1: unlimited swap)
    #[arg(long = "memory-swap", value_name = "BYTES", allow_hyphen_values = true)]
    memory_swap: Option<String>,
    /// How readily the container's memory is swapped (0 to 100)
    #[arg(
        long = "memory-swappiness",
        value_name = "N",
        allow_hyphen_values = true
    )]
    memory_swappiness: Option<String>,
}

impl CloneLimits {
    /// The limits given, as (flag, short letter, value).
    fn given(&self) -> Vec<(&'static str, Option<char>, &str)> {
        [
            ("--blkio-weight", None, &self.blkio_weight),
            ("--blkio-weight-device", None, &self.blkio_weight_device),
            ("--cpu-period", None, &self.cpu_period),
            ("--cpu-quota", None, &self.cpu_quota),
            ("--cpu-rt-period", None, &self.cpu_rt_period),
            ("--cpu-rt-runtime", None, &self.cpu_rt_runtime),
            ("--cpu-shares", Some('c'), &self.cpu_shares),
            ("--cpus", None, &self.cpus),
            ("--cpuset-cpus", None, &self.cpuset_cpus),
            ("--cpuset-mems", None, &self.cpuset_mems),
            ("--device-read-bps", None, &self.device_read_bps),
            ("--device-write-bps", None, &self.device_write_bps),
            ("--memory", Some('m'), &self.memory),
            ("--memory-reservation", None, &self.memory_reservation),
            ("--memory-swap", None, &self.memory_swap),
            ("--memory-swappiness", None, &self.memory_swappiness),
        ]
        .into_iter()
        .filter_map(|(flag, short, v)| v.as_deref().map(|v| (flag, short, v)))
        .collect()
    }
}

/// The flags of the original's command line a clone sets itself (`--detach` is `run`'s only;
/// a clone's `--cidfile` would find the original's file).
const CLONE_SETS: [SetFlag; 4] = [
    ("--name", None),
    ("--cidfile", None),
    ("--replace", None),
    ("--detach", Some('d')),
];

/// The clone's `create` command line: the original's flags (a `run`'s made into a `create`'s),
/// less those the clone replaces, then the clone's name, pod and limits, image and command.
fn clone_command(
    original: &[String],
    grammar: &Grammar,
    name: &str,
    pod: Option<&str>,
    limits: &[(&'static str, Option<char>, &str)],
    image: Option<&str>,
) -> Option<Vec<String>> {
    let trailing = (grammar.image_and_command_len)(original)?;
    let mut sets: Vec<SetFlag> = CLONE_SETS.to_vec();
    sets.extend(limits.iter().map(|(flag, short, _)| (*flag, *short)));
    if pod.is_some() {
        sets.extend([("--pod", None), ("--pod-id-file", None)]);
    }
    let (globals, options) = split_create_command(original, trailing, &grammar.takes_value, &sets);
    let mut tail = original[original.len() - trailing..].to_vec();
    if let (Some(image), Some(first)) = (image, tail.first_mut()) {
        *first = image.to_string();
    }
    let mut argv = vec![original.first().cloned().unwrap_or_else(|| "skiff".into())];
    argv.extend(globals);
    argv.push("create".into());
    argv.extend(options);
    argv.push(format!("--name={name}"));
    if let Some(pod) = pod {
        argv.push(format!("--pod={pod}"));
    }
    argv.extend(limits.iter().map(|(flag, _, v)| format!("{flag}={v}")));
    argv.push("--".into());
    argv.extend(tail);
    Some(argv)
}

/// `skiff container clone`: prints the clone's id. `create` makes the clone from its command
/// line (`make(engine, argv)`, which parses it as the CLI does and returns the new id).
pub fn exec(
    engine: &mut Engine,
    args: CloneArgs,
    grammar: &Grammar,
    make: &dyn Fn(&mut Engine, Vec<String>) -> anyhow::Result<String>,
) -> anyhow::Result<i32> {
    let original = engine.lookup_container(&args.container)?;
    if args.destroy && !args.force && original.state.is_active() {
        anyhow::bail!(
            "container {} is running: stop it first, or add -f to remove it with --destroy",
            original.name
        );
    }
    let name = args
        .name
        .clone()
        .or_else(|| args.new_name.clone())
        .unwrap_or_else(|| format!("{}-clone", original.name));
    let command = &original.config.create_command;
    let argv = clone_command(
        command,
        grammar,
        &name,
        args.pod.as_deref(),
        &args.limits.given(),
        args.image.as_deref(),
    )
    .ok_or_else(|| {
        anyhow::anyhow!(
            "container {} has no skiff command line to clone (it was made through the API or by an older skiff): create the copy with `skiff create`",
            original.name
        )
    })?;
    let id = make(engine, argv)?;
    if args.destroy {
        engine.remove_container(&original.id, args.force, false)?;
    }
    if args.run {
        engine.start_container(&id, false)?;
    }
    println!("{id}");
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grammar() -> Grammar {
        Grammar {
            // `IMAGE ARG`: two words.
            image_and_command_len: |_| Some(2),
            takes_value: |f| matches!(f, "--name" | "-m" | "--memory" | "--root" | "-e"),
            is_pod_create: |_| false,
            pod_takes_value: |_| false,
        }
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_original_s_flags_with_the_clone_s_name_limits_and_image() {
        let original = words("skiff --root /r run -d --rm --name web -m 1g -e A=1 busybox top");
        let argv = clone_command(&original, &grammar(), "web2", None, &[], None).unwrap();
        assert_eq!(
            argv,
            words("skiff --root /r create --rm -m 1g -e A=1 --name=web2 -- busybox top")
        );
        let limits = [("--memory", Some('m'), "2g"), ("--cpus", None, "1.5")];
        let argv = clone_command(
            &original,
            &grammar(),
            "web3",
            Some("p"),
            &limits,
            Some("alpine"),
        )
        .unwrap();
        assert_eq!(
            argv,
            words("skiff --root /r create --rm -e A=1 --name=web3 --pod=p --memory=2g --cpus=1.5 -- alpine top")
        );
    }

    #[test]
    fn no_command_line_no_clone() {
        let g = Grammar {
            image_and_command_len: |_| None,
            ..grammar()
        };
        assert!(clone_command(&[], &g, "x", None, &[], None).is_none());
    }
}
