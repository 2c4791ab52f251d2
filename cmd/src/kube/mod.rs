//! `skiff kube generate|play|down` (and podman's `play kube`): one file per verb. The YAML is
//! read and planned by the engine's pure Kubernetes module; these files take flags and print.

mod down;
mod generate;
mod play;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Subcommand;
use skiff_libpod::kube::{plan, read_documents, removal_plan, Document, PlayPlan};
use skiff_libpod::Engine;

pub use generate::GenerateArgs;
pub use play::PlayArgs;

/// `skiff kube` subcommands.
#[derive(Debug, Subcommand)]
pub enum KubeCmd {
    /// Generate Kubernetes YAML (a Pod or Deployment) from containers or pods
    Generate(GenerateArgs),
    /// Create and start the pods, containers and volumes of Kubernetes YAML
    Play(Box<PlayArgs>),
    /// Remove the containers that `kube play` of the same YAML created (volumes stay)
    Down(down::DownArgs),
}

/// `skiff play` subcommands (podman's older spelling of `kube play`).
#[derive(Debug, Subcommand)]
pub enum PlayCmd {
    /// Create and start the pods, containers and volumes of Kubernetes YAML (as `kube play`)
    Kube(PlayArgs),
}

/// Runs a `kube` subcommand.
pub fn dispatch(engine: &mut Engine, cmd: KubeCmd) -> anyhow::Result<i32> {
    match cmd {
        KubeCmd::Generate(a) => generate::exec(engine, a),
        KubeCmd::Play(a) => play::exec(engine, *a),
        KubeCmd::Down(a) => down::exec(engine, a),
    }
}

/// `kube generate` (also reached as `generate kube`).
pub fn generate(engine: &mut Engine, args: GenerateArgs) -> anyhow::Result<i32> {
    generate::exec(engine, args)
}

/// Runs a `play` subcommand.
pub fn dispatch_play(engine: &mut Engine, cmd: PlayCmd) -> anyhow::Result<i32> {
    match cmd {
        PlayCmd::Kube(a) => play::exec(engine, a),
    }
}

/// The play plan of `file` (`-`: standard input) with the ConfigMaps of each of `configmaps`
/// (`--configmap`); errors name the file, document and field.
fn read_plan(file: &Path, configmaps: &[PathBuf]) -> anyhow::Result<PlayPlan> {
    let (mut docs, shown) = read_file(file)?;
    for path in configmaps {
        let (maps, shown) = read_file(path)?;
        if maps.iter().any(|d| !matches!(d, Document::ConfigMap(_))) {
            anyhow::bail!("{shown}: --configmap takes a file of kind: ConfigMap documents only");
        }
        docs.extend(maps);
    }
    plan(&docs).with_context(|| format!("{shown}: not playable"))
}

/// The plan `kube down` removes by: `file`'s, where ConfigMaps the play took from
/// `--configmap` need not be given again.
fn read_removal_plan(file: &Path) -> anyhow::Result<PlayPlan> {
    let (docs, shown) = read_file(file)?;
    removal_plan(&docs).with_context(|| format!("{shown}: not playable"))
}

/// The documents of `file` (`-`: standard input) and the name to show for it.
fn read_file(file: &Path) -> anyhow::Result<(Vec<Document>, String)> {
    let (text, shown) = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the YAML from standard input")?;
        (text, "standard input".to_string())
    } else {
        let text =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        (text, file.display().to_string())
    };
    let docs = read_documents(&text).with_context(|| format!("{shown}: not playable YAML"))?;
    Ok((docs, shown))
}
