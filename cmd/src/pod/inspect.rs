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

/// `skiff pod inspect`: podman 4 prints one JSON object per pod (not an array).
pub fn exec(engine: &mut Engine, mut args: InspectArgs) -> anyhow::Result<i32> {
    if args.latest {
        args.pods = vec![super::latest_pod(engine)?];
    }
    crate::container::for_each(&args.pods, |name| {
        let doc = engine.inspect_pod(name)?;
        match args.format.as_deref() {
            Some(f) if !f.is_empty() && f != "json" => {
                crate::container::output::print_each(f, std::slice::from_ref(&doc))?
            }
            _ => println!("{}", serde_json::to_string_pretty(&doc)?),
        }
        Ok(())
    })
}
