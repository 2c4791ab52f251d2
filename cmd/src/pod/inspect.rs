//! `skiff pod inspect`: podman's JSON document of each pod.

use clap::Args;
use skiff_libpod::Engine;

/// Display a pod's configuration
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output with a Go template
    #[arg(short = 'f', long)]
    format: Option<String>,
    /// Pods (names or ids)
    #[arg(required = true)]
    pods: Vec<String>,
}

/// `skiff pod inspect`: podman 4 prints one JSON object per pod (not an array).
pub fn exec(engine: &mut Engine, args: InspectArgs) -> anyhow::Result<i32> {
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
