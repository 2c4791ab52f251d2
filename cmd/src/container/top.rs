//! `skiff top`: the processes of a running container.

use clap::Args;
use skiff_libpod::Engine;

/// Display the running processes of a container
#[derive(Debug, Args)]
pub struct TopArgs {
    /// Show the most recently created container's processes (podman's); the arguments are then
    /// ps options
    #[arg(short = 'l', long)]
    latest: bool,
    /// The container
    #[arg(allow_hyphen_values = true)]
    container: Option<String>,
    /// ps(1) options, as docker's (default: docker's `-ef` columns)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    ps_args: Vec<String>,
}

/// `skiff top`: docker's `UID PID PPID C STIME TTY TIME CMD` table, or with ps options the
/// columns the host's `ps` prints for them.
pub fn exec(engine: &mut Engine, mut args: TopArgs) -> anyhow::Result<i32> {
    let container = match (args.latest, args.container) {
        (true, first) => {
            args.ps_args.splice(0..0, first);
            super::targets::one(engine, true, None)?
        }
        (false, Some(name)) => name,
        (false, None) => anyhow::bail!("top needs a container (or -l for the latest one)"),
    };
    let top = engine.top_container(&container, &args.ps_args)?;
    let mut all = vec![top.titles];
    all.extend(top.rows);
    let columns = all[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|i| all.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for r in all {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i] - cell.chars().count() + 4));
            }
        }
        println!("{line}");
    }
    Ok(0)
}
