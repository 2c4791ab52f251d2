//! `skiff logout [-a] [REGISTRY]`.

use clap::Args;
use skiff_libpod::Engine;

/// `logout` flags.
#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Remove the credentials of every registry
    #[arg(short = 'a', long)]
    all: bool,
    #[command(flatten)]
    authfile: super::login::AuthFile,
    /// The registry (host[:port]); Docker Hub when omitted
    registry: Option<String>,
}

/// Forgets stored credentials.
pub fn exec(engine: &mut Engine, args: LogoutArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    if args.all {
        engine.logout_all()?;
        println!("Removed login credentials for all registries");
        return Ok(0);
    }
    let registry = args.registry.unwrap_or_else(|| "docker.io".into());
    // Not logged in is no error, as docker's (CI jobs log out in cleanup steps that may run
    // twice); podman's fails here.
    engine.logout(&registry)?;
    println!("Removing login credentials for {registry}");
    Ok(0)
}
