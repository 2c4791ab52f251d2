//! `skiff port`: list a container's published ports.

use clap::Args;
use skiff_libpod::network::PortMapping;
use skiff_libpod::Engine;

/// List port mappings of a container
#[derive(Debug, Args)]
pub struct PortArgs {
    /// The container
    container: String,
    /// Only this container port (PORT[/PROTO])
    private_port: Option<String>,
}

/// `skiff port`: one `80/tcp -> 0.0.0.0:8080` line per published port.
pub fn exec(engine: &mut Engine, args: PortArgs) -> anyhow::Result<i32> {
    let rec = engine.lookup_container(&args.container)?;
    let want = args.private_port.as_deref().map(|p| {
        let (port, proto) = p.split_once('/').unwrap_or((p, "tcp"));
        (port.to_string(), proto.to_string())
    });
    let mut printed = false;
    for spec in &rec.config.publish {
        let m = PortMapping::parse(spec)?;
        for line in m.to_string().lines() {
            let key = line.split(' ').next().unwrap_or("");
            if let Some((port, proto)) = &want {
                if key != format!("{port}/{proto}") {
                    continue;
                }
                println!("{}", line.split(" -> ").nth(1).unwrap_or(""));
            } else {
                println!("{line}");
            }
            printed = true;
        }
    }
    if let (Some((port, proto)), false) = (&want, printed) {
        anyhow::bail!(
            "no public port '{port}/{proto}' published for {}",
            args.container
        );
    }
    Ok(0)
}
