//! `skiff kube down FILE|-`.

use std::path::PathBuf;

use clap::Args;
use skiff_libpod::Engine;

/// The flags of `kube down`.
#[derive(Debug, Args)]
pub struct DownArgs {
    /// The YAML file that was played (`-`: standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Removes the file's pods' containers and prints the pods.
pub fn exec(engine: &mut Engine, args: DownArgs) -> anyhow::Result<i32> {
    let plan = super::read_removal_plan(&args.file)?;
    let pods = engine.kube_down(&plan)?;
    if !pods.is_empty() {
        println!("Pods removed:");
        for pod in pods {
            println!("{pod}");
        }
    }
    Ok(0)
}
