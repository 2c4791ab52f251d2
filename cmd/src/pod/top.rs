//! `skiff pod top`: the processes of the pod's running containers, in one table.

use clap::Args;
use skiff_libpod::Engine;

/// Display the running processes of containers in a pod
#[derive(Debug, Args)]
pub struct TopArgs {
    /// Show the processes of the most recently created pod (podman's); the arguments are then
    /// ps options
    #[arg(short = 'l', long)]
    latest: bool,
    /// Name or id of the pod
    #[arg(allow_hyphen_values = true)]
    pod: Option<String>,
    /// ps(1) options, as `top`'s (default: docker's `-ef` columns)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    ps_args: Vec<String>,
}

/// `skiff pod top`: `ps`'s columns for each running container, with a CONTAINER column first.
pub fn exec(engine: &mut Engine, mut args: TopArgs) -> anyhow::Result<i32> {
    let pod = match (args.latest, args.pod) {
        (true, first) => {
            args.ps_args.splice(0..0, first);
            super::latest_pod(engine)?
        }
        (false, Some(name)) => name,
        (false, None) => anyhow::bail!("pod top needs a pod (or -l for the latest one)"),
    };
    let summary = engine.pod_summary(&pod)?;
    let mut table: Vec<Vec<String>> = Vec::new();
    for c in summary.containers.iter().filter(|c| c.state.is_active()) {
        let top = engine.top_container(&c.id, &args.ps_args)?;
        if table.is_empty() {
            let titles = top.titles.into_iter();
            table.push(
                std::iter::once("CONTAINER".to_string())
                    .chain(titles)
                    .collect(),
            );
        }
        for row in top.rows {
            table.push(std::iter::once(c.name.clone()).chain(row).collect());
        }
    }
    if table.is_empty() {
        anyhow::bail!(
            "pod {} has no running container: start it with `skiff pod start {}`",
            summary.pod.name,
            summary.pod.name
        );
    }
    let text: String = table.iter().map(|r| r.join("\t") + "\n").collect();
    crate::container::output::write_stdout(&crate::format::table::DOCKER.align(&text))?;
    Ok(0)
}
