//! `skiff pod top`: the processes of the pod's running containers, in one table.

use clap::Args;
use skiff_libpod::container::top::TOP_HEADER;
use skiff_libpod::Engine;

/// Display the running processes of containers in a pod
#[derive(Debug, Args)]
pub struct TopArgs {
    /// Name or id of the pod
    pod: String,
}

/// `skiff pod top`: `ps`'s columns for each running container, with a CONTAINER column first.
pub fn exec(engine: &mut Engine, args: TopArgs) -> anyhow::Result<i32> {
    let summary = engine.pod_summary(&args.pod)?;
    let mut table: Vec<Vec<String>> = Vec::new();
    for c in summary.containers.iter().filter(|c| c.state.is_active()) {
        if table.is_empty() {
            let header = TOP_HEADER.iter().map(|s| s.to_string());
            table.push(
                std::iter::once("CONTAINER".to_string())
                    .chain(header)
                    .collect(),
            );
        }
        for row in engine.top_container(&c.id, &[])?.rows {
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
