//! `skiff kube generate [--type pod|deployment] [-f FILE] [--service] CONTAINER...|POD...`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use skiff_libpod::kube::{generate_yaml, GenerateKind};
use skiff_libpod::Engine;

/// What `--type` asks for.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    /// A Pod
    Pod,
    /// A Deployment of one replica
    Deployment,
}

/// The flags of `kube generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The kind of object to write
    #[arg(long = "type", value_enum, default_value = "pod", value_name = "TYPE")]
    kind: KindArg,
    /// Write the YAML to FILE instead of standard output
    #[arg(short = 'f', long = "filename", value_name = "FILE")]
    file: Option<PathBuf>,
    /// Also write a Service for the published ports
    #[arg(short = 's', long)]
    service: bool,
    /// The containers (names or ids), which become one pod; or pods, each written as itself
    #[arg(value_name = "CONTAINER|POD", required = true)]
    containers: Vec<String>,
}

/// Prints (or writes) the YAML.
pub fn exec(engine: &mut Engine, args: GenerateArgs) -> anyhow::Result<i32> {
    let pods = engine.kube_pods(&args.containers)?;
    let kind = match args.kind {
        KindArg::Pod => GenerateKind::Pod,
        KindArg::Deployment => GenerateKind::Deployment,
    };
    let generator = format!("skiff {}", env!("CARGO_PKG_VERSION"));
    let yaml = generate_yaml(&pods, kind, args.service, &generator).map_err(anyhow::Error::msg)?;
    match &args.file {
        Some(path) => {
            std::fs::write(path, yaml).with_context(|| format!("writing {}", path.display()))?
        }
        None => print!("{yaml}"),
    }
    Ok(0)
}
