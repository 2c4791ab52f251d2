//! `skiff kube play [--replace] [--start=false] FILE|-` (also `skiff play kube`).

use std::path::PathBuf;

use clap::Args;
use skiff_libpod::image::pull::{PolicyNote, PullRequest};
use skiff_libpod::kube::play::PlayOptions;
use skiff_libpod::Engine;

/// The flags of `kube play`.
#[derive(Debug, Args)]
pub struct PlayArgs {
    /// First remove what an earlier play of this YAML created
    #[arg(long)]
    replace: bool,
    /// Start the containers (--start=false only creates them)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL",
          num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    start: bool,
    /// Suppress the pull progress
    #[arg(short, long)]
    quiet: bool,
    /// A YAML file of ConfigMaps the pods' env and volumes may refer to (repeatable)
    #[arg(long, value_name = "PATH", value_delimiter = ',')]
    configmap: Vec<PathBuf>,
    /// Require HTTPS and verify certificates when pulling (false allows plain HTTP)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
    #[command(flatten)]
    authfile: crate::image::login::AuthFile,
    #[command(flatten)]
    cert_dir: crate::image::login::CertDirFlag,
    #[command(flatten)]
    creds: crate::image::login::CredsFlag,
    /// The YAML file (`-`: standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Plays the file and prints the volumes, pods and containers it made.
pub fn exec(engine: &mut Engine, args: PlayArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    args.cert_dir.apply()?;
    let plan = super::read_plan(&args.file, &args.configmap)?;
    for w in &plan.warnings {
        eprintln!("Warning: {w}");
    }
    let opts = PlayOptions {
        replace: args.replace,
        start: args.start,
        pull: PullRequest {
            platform: None,
            tls_verify: args.tls_verify,
            credentials: args.creds.given()?,
        },
    };
    let quiet = args.quiet;
    let mut note = |image: &str, n: PolicyNote<'_>| match n {
        PolicyNote::Missing if !quiet => eprintln!("Trying to pull {image}..."),
        PolicyNote::Missing => {}
        PolicyNote::UsingStored(e) => {
            eprintln!("Warning: pulling {image}: {e}; using the stored image")
        }
    };
    let progress = crate::progress::pull_progress(quiet);
    let report = engine.kube_play(&plan, &opts, progress.as_ref(), &mut note)?;
    if !report.volumes.is_empty() {
        println!("Volumes:");
        for (name, _) in &report.volumes {
            println!("{name}");
        }
    }
    for (_, pod_id, ids) in &report.pods {
        println!("Pod:\n{pod_id}\nContainers:");
        for id in ids {
            println!("{id}");
        }
    }
    Ok(0)
}
