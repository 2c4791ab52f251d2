//! `skiff kube play [--replace] [--start=false] FILE|-` (also `skiff play kube`).

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use clap::Args;
use skiff_libpod::image::pull::PolicyNote;
use skiff_libpod::kube::play::PlayOptions;
use skiff_libpod::Engine;

/// The flags of `kube play`.
#[derive(Debug, Args)]
pub struct PlayArgs {
    /// First remove what an earlier play of this YAML created
    #[arg(long)]
    replace: bool,
    /// Only remove what an earlier play of this YAML created, as `kube down` (podman 4's)
    #[arg(long, conflicts_with = "replace")]
    down: bool,
    /// With --down: also remove the volumes of the file's PersistentVolumeClaims
    #[arg(long, requires = "down")]
    force: bool,
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
    #[command(flatten)]
    registry: crate::image::login::RegistryFlags,
    /// Connect the pods to this network (or network mode) (podman's)
    #[arg(long, value_name = "NETWORK")]
    network: Option<String>,
    /// Static IP address of each pod, in the YAML's order (podman's; repeatable)
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    ip: Vec<String>,
    /// Static MAC address of each pod, in the YAML's order (podman's; repeatable)
    #[arg(long, value_name = "MAC", value_delimiter = ',')]
    mac_address: Vec<String>,
    /// Do not create /etc/hosts in the pods' containers: the image's stays (podman's)
    #[arg(long)]
    no_hosts: bool,
    /// The pods' user namespace mode (podman's; as pod create --userns)
    #[arg(long, value_name = "MODE")]
    userns: Option<String>,
    /// Logging driver of the containers (podman's)
    #[arg(long, value_name = "DRIVER")]
    log_driver: Option<String>,
    /// Logging driver options, KEY=VALUE (podman's)
    #[arg(long, value_name = "KEY=VALUE")]
    log_opt: Vec<String>,
    /// Add an annotation to the containers, KEY=VALUE (podman's)
    #[arg(long, value_name = "KEY=VALUE")]
    annotation: Vec<String>,
    /// Publish a port, [IP:]HOSTPORT:CONTAINERPORT[/PROTOCOL], over the YAML's publication
    /// of that container port, or beside it (podman's; repeatable)
    #[arg(long, value_name = "PORT")]
    publish: Vec<String>,
    /// Build each container's image from a directory named after it (NAME/Containerfile or
    /// NAME/Dockerfile beside the YAML file, or in --context-dir): when it is not stored (by
    /// default), always (true), or never (false) (podman's)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    build: Option<bool>,
    /// Where the directories of --build are (default: the YAML file's directory) (podman's)
    #[arg(long = "context-dir", value_name = "DIR")]
    context_dir: Option<PathBuf>,
    /// The YAML file (`-`: standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Plays the file and prints the volumes, pods and containers it made.
pub fn exec(engine: &mut Engine, args: PlayArgs) -> anyhow::Result<i32> {
    if args.down {
        return super::down::take_down(engine, &args.file, args.force);
    }
    args.registry.apply()?;
    let mut plan = super::read_plan(&args.file, &args.configmap)?;
    skiff_libpod::kube::apply_publish(&mut plan, &args.publish)?;
    for w in &plan.warnings {
        eprintln!("Warning: {w}");
    }
    if args.build != Some(false) {
        let dir = match &args.context_dir {
            Some(d) => d.clone(),
            None => match args.file.parent() {
                Some(p) if args.file != Path::new("-") && !p.as_os_str().is_empty() => {
                    p.to_path_buf()
                }
                _ => PathBuf::from("."),
            },
        };
        build_images(
            engine,
            &mut plan,
            &dir,
            args.build == Some(true),
            args.quiet,
        )?;
    }
    let opts = PlayOptions {
        replace: args.replace,
        start: args.start,
        pull: args.registry.pull_request()?,
        network: args.network.clone(),
        ips: args.ip.clone(),
        macs: args.mac_address.clone(),
        no_hosts: args.no_hosts,
        userns: args.userns.clone(),
        log_driver: args.log_driver.clone(),
        log_opts: args.log_opt.clone(),
        annotations: args.annotation.clone(),
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
    // podman's report: each pod's id, then "Container:" or "Containers:", their ids and a
    // blank line (a pod without containers has its id alone).
    for (_, pod_id, ids) in &report.pods {
        println!("Pod:\n{pod_id}");
        match ids.len() {
            0 => continue,
            1 => println!("Container:"),
            _ => println!("Containers:"),
        }
        for id in ids {
            println!("{id}");
        }
        println!();
    }
    Ok(0)
}

/// The build directory of an image name: `dir/NAME` (the repository's last component) when it
/// holds a Containerfile or a Dockerfile, with that file.
fn build_dir(dir: &Path, image: &str) -> Option<(PathBuf, PathBuf)> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last = without_digest.rsplit('/').next().unwrap_or(without_digest);
    let name = last.split(':').next().unwrap_or(last);
    if name.is_empty() || name == "." || name == ".." {
        return None;
    }
    let context = dir.join(name);
    ["Containerfile", "Dockerfile"]
        .iter()
        .map(|f| context.join(f))
        .find(|f| f.is_file())
        .map(|f| (context, f))
}

/// podman's `kube play --build`: each image with a build directory (see [`build_dir`]) is
/// built and tagged with its name, when it is not stored or `always`; its containers then use
/// the stored image rather than pulling it.
fn build_images(
    engine: &mut Engine,
    plan: &mut skiff_libpod::kube::PlayPlan,
    dir: &Path,
    always: bool,
    quiet: bool,
) -> anyhow::Result<()> {
    let mut built = std::collections::BTreeSet::new();
    for c in plan.pods.iter_mut().flat_map(|p| p.containers.iter_mut()) {
        let Some((context, file)) = build_dir(dir, &c.image) else {
            continue;
        };
        if !built.contains(&c.image) && (always || engine.resolve_image(&c.image).is_err()) {
            engine.enter_userns()?;
            let opts = skiff_libpod::build::BuildOptions {
                dockerfile: std::fs::read_to_string(&file)
                    .with_context(|| format!("reading {}", file.display()))?,
                dockerfile_name: file.display().to_string(),
                context: Some(context),
                tags: vec![c.image.clone()],
                ..Default::default()
            };
            let progress = crate::progress::pull_progress(quiet);
            let never = || false;
            if quiet {
                engine.build(&opts, progress.as_ref(), &never, &mut std::io::sink())?;
            } else {
                engine.build(&opts, progress.as_ref(), &never, &mut std::io::stderr())?;
            }
            built.insert(c.image.clone());
        }
        if built.contains(&c.image) {
            c.pull = skiff_libpod::kube::PullPlan::Missing;
        }
    }
    Ok(())
}
