//! `skiff port`: list a container's published ports.

use clap::Args;
use skiff_libpod::Engine;

/// List port mappings of a container
#[derive(Debug, Args)]
pub struct PortArgs {
    /// The container
    container: String,
    /// Only this container port (PORT[/PROTO])
    private_port: Option<String>,
}

/// `skiff port`: one `80/tcp -> 0.0.0.0:8080` line per published port of a running
/// container (nothing for a stopped one, as docker).
pub fn exec(engine: &mut Engine, args: PortArgs) -> anyhow::Result<i32> {
    let rec = engine.lookup_container(&args.container)?;
    let want = args.private_port.as_deref().map(|p| {
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
        anyhow::bail!("No public port '{w}' published for {}", args.container);
    }
    Ok(0)
}
