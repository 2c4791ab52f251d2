//! `skiff top`: the processes of a running container.

use clap::Args;
use skiff_libpod::container::top::{Top, TopStyle};
use skiff_libpod::Engine;

fn prepend(first: &str, rest: Vec<String>) -> Vec<String> {
    std::iter::once(first.to_string()).chain(rest).collect()
}

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
    /// ps(1) options, as docker's (default: docker's `-ef` columns), or podman's format
    /// descriptors (`pid user args`, `hpid`, `capeff`, ...)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    ps_args: Vec<String>,
}

/// `skiff top`: docker's `UID PID PPID C STIME TTY TIME CMD` table, with ps options the
/// columns the host's `ps` prints for them, with podman's descriptors podman's columns.
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
    print_top(top, None)
}

/// Prints a `top` table: docker's columns four spaces apart (in docker's table with a
/// container column), podman's (its format descriptors) in podman's table; with `container`,
/// a first column of each row's container name (the header names its title, the rows' names
/// follow).
pub fn print_top(top: Top, container: Option<(&str, Vec<String>)>) -> anyhow::Result<i32> {
    // `pod top`'s docker-style table is the docker tabwriter's, `top`'s its own.
    let tabwriter = match (top.style, container.is_some()) {
        (TopStyle::Podman, _) => Some(crate::format::table::PODMAN),
        (TopStyle::Docker, true) => Some(crate::format::table::DOCKER),
        (TopStyle::Docker, false) => None,
    };
    let mut all = Vec::with_capacity(top.rows.len() + 1);
    match container {
        Some((title, names)) => {
            all.push(prepend(title, top.titles));
            all.extend(names.iter().zip(top.rows).map(|(n, r)| prepend(n, r)));
        }
        None => {
            all.push(top.titles);
            all.extend(top.rows);
        }
    }
    if let Some(tabwriter) = tabwriter {
        let text: String = all.iter().map(|r| r.join("\t") + "\n").collect();
        crate::container::output::write_stdout(&tabwriter.align(&text))?;
        return Ok(0);
    }
    let columns = all[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|i| all.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in all {
        for (i, cell) in r.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < r.len() {
                out.push_str(&" ".repeat(widths[i] - cell.chars().count() + 4));
            }
        }
        out.push('\n');
    }
    crate::container::output::write_stdout(&out)?;
    Ok(0)
}
