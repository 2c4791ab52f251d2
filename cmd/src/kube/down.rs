//! `skiff kube down FILE|-`.

use std::path::PathBuf;

use clap::Args;
use skiff_libpod::Engine;

/// The flags of `kube down`.
#[derive(Debug, Args)]
pub struct DownArgs {
    /// Also remove the volumes of the file's PersistentVolumeClaims (podman's)
    #[arg(long)]
    force: bool,
    /// The YAML file that was played (`-`: standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Removes the file's pods' containers and prints podman's report: the pods stopped and
/// removed (their ids), the secrets (skiff's kube play makes none) and, with `--force`, the
/// volumes removed.
pub fn exec(engine: &mut Engine, args: DownArgs) -> anyhow::Result<i32> {
    take_down(engine, &args.file, args.force)
}

/// [`exec`] of `file` (also `kube play --down FILE`, podman 4's spelling).
pub(crate) fn take_down(
    engine: &mut Engine,
    file: &std::path::Path,
    force: bool,
) -> anyhow::Result<i32> {
    let plan = super::read_removal_plan(file)?;
    let pods = engine.kube_down(&plan)?;
    let volumes = match force {
        true => engine.kube_down_volumes(&plan)?,
        false => Vec::new(),
    };
    let mut report = String::new();
    for (title, items) in [
        ("Pods stopped:", &pods),
        ("Pods removed:", &pods),
        ("Secrets removed:", &Vec::new()),
        ("Volumes removed:", &volumes),
    ] {
        report.push_str(title);
        report.push('\n');
        for item in items {
            report.push_str(item);
            report.push('\n');
        }
    }
    print!("{report}");
    Ok(0)
}
