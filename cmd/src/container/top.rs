//! `skiff top`: the processes of a running container.

use clap::Args;
use skiff_libpod::container::top::TOP_HEADER;
use skiff_libpod::Engine;

/// Display the running processes of a container
#[derive(Debug, Args)]
pub struct TopArgs {
    /// The container
    container: String,
    /// ps options (only docker's default columns are supported)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    ps_args: Vec<String>,
}

/// `skiff top`: docker's `UID PID PPID C STIME TTY TIME CMD` table.
pub fn exec(engine: &mut Engine, args: TopArgs) -> anyhow::Result<i32> {
    if !args.ps_args.is_empty() && args.ps_args != ["-ef"] {
        anyhow::bail!(
            "custom ps options are not supported by `skiff top`: use `skiff exec CONTAINER ps ...`"
        );
    }
    let rows = engine.top_container(&args.container)?;
    let mut all = vec![TOP_HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    all.extend(rows);
    let widths: Vec<usize> = (0..TOP_HEADER.len())
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
