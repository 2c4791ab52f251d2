//! `skiff pod inspect`: podman's JSON document of each pod.

use clap::Args;
use skiff_libpod::Engine;

/// Display a pod's configuration
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output with a Go template
    #[arg(short = 'f', long)]
    format: Option<String>,
    /// Inspect the most recently created pod (podman's)
    #[arg(short = 'l', long, conflicts_with = "pods")]
    latest: bool,
    /// Pods (names or ids)
    #[arg(required_unless_present = "latest")]
    pods: Vec<String>,
}

/// `skiff pod inspect`: podman 4 prints one pod's document as a JSON object, several as an
/// array; a template prints one line per pod.
pub fn exec(engine: &mut Engine, mut args: InspectArgs) -> anyhow::Result<i32> {
    if args.latest {
        args.pods = vec![super::latest_pod(engine)?];
    }
    let mut docs = Vec::new();
    let code = crate::container::for_each(&args.pods, |name| {
        docs.push(engine.inspect_pod(name)?);
        Ok(())
    })?;
    match args.format.as_deref() {
        Some(f) if !f.is_empty() && f != "json" => crate::container::output::print_each(f, &docs)?,
        _ if docs.len() == 1 => println!("{}", serde_json::to_string_pretty(&docs[0])?),
        _ if docs.is_empty() => {}
        _ => println!("{}", serde_json::to_string_pretty(&docs)?),
    }
    Ok(code)
}
