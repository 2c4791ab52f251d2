//! `skiff port`: list a container's published ports.

use clap::Args;
use skiff_libpod::Engine;

/// List port mappings of a container
#[derive(Debug, Args)]
pub struct PortArgs {
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// List the ports of every running container, each line after its short id (podman's)
    #[arg(short = 'a', long, conflicts_with_all = ["latest", "container"])]
    all: bool,
    /// The container (with -l, the first argument is PRIVATE_PORT)
    #[arg(required_unless_present_any = ["latest", "all"])]
    container: Option<String>,
    /// Only this container port (PORT[/PROTO])
    private_port: Option<String>,
}

/// `skiff port`: one `80/tcp -> 0.0.0.0:8080` line per published port of a running
/// container (nothing for a stopped one, as docker).
pub fn exec(engine: &mut Engine, args: PortArgs) -> anyhow::Result<i32> {
    if args.all {
        let running: Vec<_> = engine
            .list_containers()?
            .into_iter()
            .filter(|c| c.state.is_active())
            .collect();
        for rec in running {
            for (key, host) in published(engine, &rec) {
                println!("{}\t{key} -> {host}", &rec.id[..12]);
            }
        }
        return Ok(0);
    }
    let (container, private_port) = if args.latest {
        // podman's `port -l 80/tcp`: the only argument is the port.
        if args.private_port.is_some() {
            anyhow::bail!(
                "--latest and a container name cannot be used together: give one of them"
            );
        }
        (None, args.container)
    } else {
        (args.container, args.private_port)
    };
    let name = super::targets::one(engine, args.latest, container)?;
    let rec = engine.lookup_container(&name)?;
    let want = private_port.as_deref().map(|p| {
        let (port, proto) = p.split_once('/').unwrap_or((p, "tcp"));
        format!("{port}/{proto}")
    });
    let mut printed = false;
    for (key, host) in published(engine, &rec) {
        match &want {
            Some(w) if *w != key => continue,
            Some(_) => println!("{host}"),
            None => println!("{key} -> {host}"),
        }
        printed = true;
    }
    if let (Some(given), false) = (&private_port, printed) {
        // docker's wording (the port as given) and status (1, not 125: the command worked,
        // the port is not there).
        eprintln!("Error: No public port '{given}' published for {name}");
        return Ok(1);
    }
    Ok(0)
}

/// The container's published ports, by container port and protocol: the container side
/// (`80/tcp`) and the host address (`0.0.0.0:8080`) of each.
fn published(
    engine: &mut Engine,
    rec: &skiff_libpod::container::rows::ContainerRecord,
) -> Vec<(String, String)> {
    let mut ports = engine.ports_state(rec).map(|n| n.ports).unwrap_or_default();
    ports.sort_by_key(|b| (b.container_port, b.protocol.clone()));
    ports
        .iter()
        .map(|b| {
            let host = format!("{}:{}", b.display_ip(), b.host_port);
            (b.container_key(), host)
        })
        .collect()
}
