//! `skiff system prune [-a] [--volumes] [-f] [--filter ...]`: stopped pods and containers, unused
//! networks, dangling (or all unused) images and, with `--volumes`, unused volumes, with
//! docker's warning and report.

use clap::Args;
use skiff_libpod::container::time::now_ns;
use skiff_libpod::Engine;

use crate::container::prune::{confirm, prune_filter, section, total, LABEL_AND_TIME};
use crate::image::prune::report_line;

/// `system prune` flags.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove all unused images, not just dangling ones (with --volumes: named volumes too)
    #[arg(short = 'a', long)]
    all: bool,
    /// Prune anonymous volumes
    #[arg(long)]
    volumes: bool,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
    /// Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long = "filter", value_name = "FILTER")]
    filter: Vec<String>,
}

/// docker's question before pruning.
fn warning(args: &PruneArgs) -> String {
    let mut text = String::from(
        "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n",
    );
    if args.volumes {
        text.push_str(if args.all {
            "  - all volumes not used by at least one container\n"
        } else {
            "  - all anonymous volumes not used by at least one container\n"
        });
    }
    text.push_str(if args.all {
        "  - all images without at least one container associated to them\n"
    } else {
        "  - all dangling images\n"
    });
    if !args.filter.is_empty() {
        text.push_str("\n  Items to be pruned will be filtered with:\n");
        for f in &args.filter {
            text.push_str(&format!("  - {f}\n"));
        }
    }
    text.push_str("\nAre you sure you want to continue?");
    text
}

/// Runs `skiff system prune`.
pub fn exec(engine: &mut Engine, args: PruneArgs) -> anyhow::Result<i32> {
    let filter = prune_filter(&args.filter, &LABEL_AND_TIME, now_ns())?;
    if args.volumes && filter.until.is_some() {
        anyhow::bail!("the \"until\" filter is not supported with \"--volumes\": drop one of them");
    }
    if !args.force && !confirm(&warning(&args)) {
        return Ok(0);
    }
    // podman's first step: the pods that are stopped (their containers with them); pods have
    // neither labels nor ages the filters read, so a filtered prune leaves them.
    let pods = match args.filter.is_empty() {
        true => engine.prune_pods()?,
        false => Vec::new(),
    };
    let containers = engine.prune_containers_filtered(&filter)?;
    let networks = engine.network_prune_filtered(&filter)?;
    let volumes = if args.volumes {
        engine.volume_prune_filtered(args.all, &filter)?
    } else {
        Vec::new()
    };
    engine.enter_userns()?;
    let images = engine.prune_images_filtered(args.all, &filter)?;
    let reclaimed = containers.iter().map(|(_, s)| s).sum::<u64>()
        + volumes.iter().map(|(_, s)| s).sum::<u64>()
        + images.reclaimed;
    let mut out = String::new();
    section(&mut out, "Pods", pods);
    section(
        &mut out,
        "Containers",
        containers.into_iter().map(|(id, _)| id),
    );
    section(&mut out, "Networks", networks);
    section(&mut out, "Volumes", volumes.into_iter().map(|(n, _)| n));
    section(
        &mut out,
        "Images",
        images.removed.into_iter().map(report_line),
    );
    out.push_str(&total(reclaimed));
    crate::container::output::write_stdout(&out)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::{warning, PruneArgs};

    #[test]
    fn the_warning_names_what_goes() {
        let args = PruneArgs {
            all: true,
            volumes: true,
            force: false,
            filter: vec!["label=a=b".into()],
        };
        let text = warning(&args);
        assert!(text.contains("  - all volumes not used by at least one container\n"));
        assert!(text.contains("  - all images without at least one container"));
        assert!(text.contains("filtered with:\n  - label=a=b\n\nAre you sure"));
    }
}
