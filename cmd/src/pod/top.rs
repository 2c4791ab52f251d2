//! `skiff pod top`: the processes of the pod's running containers, in one table.

use clap::Args;
use skiff_libpod::container::top::{Top, TopStyle};
use skiff_libpod::container::top_descriptors::POD_TOP_DEFAULT;
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
    /// podman's format descriptors (default: `user pid ppid pcpu etime tty time args`), or
    /// ps(1) options, as `top`'s
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    ps_args: Vec<String>,
}

/// `skiff pod top`: the processes of the pod's running containers in one table: podman's
/// columns (`USER PID PPID %CPU ELAPSED TTY TIME COMMAND`) by default or for its format
/// descriptors, as podman; with ps options, `ps`'s columns with a CONTAINER column first.
pub fn exec(engine: &mut Engine, mut args: TopArgs) -> anyhow::Result<i32> {
    let pod = match (args.latest, args.pod) {
        (true, first) => {
            args.ps_args.splice(0..0, first);
            super::latest_pod(engine)?
        }
        (false, Some(name)) => name,
        (false, None) => anyhow::bail!("pod top needs a pod (or -l for the latest one)"),
    };
    if args.ps_args.is_empty() {
        args.ps_args = POD_TOP_DEFAULT.map(String::from).to_vec();
    }
    let summary = engine.pod_summary(&pod)?;
    let mut table: Option<Top> = None;
    let mut names = Vec::new();
    for c in summary.containers.iter().filter(|c| c.state.is_active()) {
        let top = engine.top_container(&c.id, &args.ps_args)?;
        names.extend(std::iter::repeat_n(c.name.clone(), top.rows.len()));
        match &mut table {
            Some(t) => t.rows.extend(top.rows),
            None => table = Some(top),
        }
    }
    let Some(table) = table else {
        anyhow::bail!(
            "pod {} has no running container: start it with `skiff pod start {}`",
            summary.pod.name,
            summary.pod.name
        );
    };
    let column = (table.style == TopStyle::Docker).then_some(("CONTAINER", names));
    crate::container::top::print_top(table, column)
}
