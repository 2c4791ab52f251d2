//! `skiff port`: list a container's published ports.

use clap::Args;
use skiff_libpod::Engine;

/// List port mappings of a container
#[derive(Debug, Args)]
pub struct PortArgs {
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// The container (with -l, the first argument is PRIVATE_PORT)
    #[arg(required_unless_present = "latest")]
    container: Option<String>,
    /// Only this container port (PORT[/PROTO])
    private_port: Option<String>,
}

/// `skiff port`: one `80/tcp -> 0.0.0.0:8080` line per published port of a running
/// container (nothing for a stopped one, as docker).
pub fn exec(engine: &mut Engine, args: PortArgs) -> anyhow::Result<i32> {
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
    let mut ports = engine
        .network_state(&rec)
        .map(|n| n.ports)
        .unwrap_or_default();
    ports.sort_by_key(|b| (b.container_port, b.protocol.clone()));
    let mut printed = false;
    for b in &ports {
        let host = format!("{}:{}", b.display_ip(), b.host_port);
        match &want {
            Some(w) if *w != b.container_key() => continue,
            Some(_) => println!("{host}"),
            None => println!("{} -> {host}", b.container_key()),
        }
        printed = true;
    }
    if let (Some(w), false) = (&want, printed) {
        // docker's wording and status (1, not 125: the command worked, the port is not there).
        eprintln!("Error: No public port '{w}' published for {name}");
        return Ok(1);
    }
    Ok(0)
}
