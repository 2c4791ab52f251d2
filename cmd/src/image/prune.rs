//! `skiff image prune [-a] [-f]`.

use clap::Args;
use skiff_libpod::container::time::now_ns;
use skiff_libpod::image::remove::Removed;
use skiff_libpod::Engine;

use crate::container::prune::{confirm, print_report, prune_filter, LABEL_AND_TIME};

/// `image prune` flags.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove all unused images, not just dangling ones
    #[arg(short = 'a', long)]
    all: bool,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
    /// Also remove images other tools' containers use (podman's: buildah's): skiff's store holds
    /// only skiff's containers, so this changes nothing
    #[arg(long)]
    external: bool,
    /// Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE],
    /// dangling=false (every unused image, as -a)
    #[arg(long = "filter", value_name = "FILTER")]
    filter: Vec<String>,
}

/// docker's `dangling` filter of `image prune`: `false` prunes every unused image (as `-a`),
/// `true` the dangling ones (the default). Returns whether it asks for all, and the other
/// filters.
fn dangling_filter(specs: &[String]) -> anyhow::Result<(bool, Vec<String>)> {
    let mut all = false;
    let mut rest = Vec::new();
    for spec in specs {
        match spec.split_once('=') {
            Some(("dangling", "false" | "0")) => all = true,
            Some(("dangling", "true" | "1")) => {}
            Some(("dangling", other)) => {
                anyhow::bail!(
                    "invalid filter 'dangling={other}': use dangling=true or dangling=false"
                )
            }
            _ => rest.push(spec.clone()),
        }
    }
    Ok((all, rest))
}

/// A removed image as a prune report lists it: docker's lower-case `untagged: NAME` and
/// `deleted: sha256:ID` (`rmi` capitalises them).
pub fn report_line(removed: Removed) -> String {
    match removed {
        Removed::Untagged(name) => format!("untagged: {name}"),
        Removed::Deleted(id) => format!("deleted: sha256:{id}"),
    }
}

/// Prunes images, after docker's question unless `-f`, and prints docker's report.
pub fn exec(engine: &mut Engine, args: PruneArgs) -> anyhow::Result<i32> {
    // What skiff always does (see its help).
    let _ = args.external;
    let (dangling_false, filters) = dangling_filter(&args.filter)?;
    let all = args.all || dangling_false;
    let filter = prune_filter(&filters, &LABEL_AND_TIME, now_ns())?;
    let what = if all {
        "all images without at least one container associated to them"
    } else {
        "all dangling images"
    };
    if !args.force
        && !confirm(&format!(
            "WARNING! This will remove {what}.\nAre you sure you want to continue?"
        ))
    {
        return Ok(0);
    }
    engine.enter_userns()?;
    let report = engine.prune_images_filtered(all, &filter)?;
    let lines = report.removed.into_iter().map(report_line);
    print_report("Images", lines, report.reclaimed)
}

#[cfg(test)]
mod tests {
    use super::dangling_filter;

    #[test]
    fn dangling_false_prunes_every_unused_image() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            dangling_filter(&v(&["dangling=false", "label=a"])).unwrap(),
            (true, v(&["label=a"]))
        );
        assert_eq!(
            dangling_filter(&v(&["dangling=true"])).unwrap(),
            (false, v(&[]))
        );
        assert!(dangling_filter(&v(&["dangling=maybe"])).is_err());
    }
}
