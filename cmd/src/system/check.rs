//! `skiff system check [--repair] [--force] [--quick]`: reports what is damaged in the
//! catalog and the store, and repairs it when asked (podman 5's `system check`).

use clap::Args;
use skiff_libpod::check::{CheckOptions, CheckReport};
use skiff_libpod::Engine;

/// `system check` flags.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Repair what is damaged: rebuild the catalog's images and volumes from the store, remove damaged blobs and layers (the next pull fetches them again), stop the processes of containers the catalog lost
    #[arg(short = 'r', long)]
    repair: bool,
    /// With --repair, also remove the directories of containers the catalog lost, and damaged layers that containers use
    #[arg(short = 'f', long)]
    force: bool,
    /// Skip the slow checks (blob digests, layer contents)
    #[arg(short = 'q', long)]
    quick: bool,
}

/// Runs the check, prints one line per damaged object, then one per repair, then a summary.
/// Exits 0 when nothing is (left) damaged, 1 otherwise.
pub fn exec(engine: &mut Engine, args: CheckArgs) -> anyhow::Result<i32> {
    let report = engine.system_check(CheckOptions {
        repair: args.repair,
        force: args.force,
        quick: args.quick,
    })?;
    print!("{}", render(&report, args.repair));
    Ok(if report.remaining == 0 { 0 } else { 1 })
}

/// The report's text.
fn render(report: &CheckReport, repair: bool) -> String {
    let mut out = String::new();
    for line in report.damage.iter().chain(&report.repairs) {
        out.push_str(line);
        out.push('\n');
    }
    let found = report.damage.len();
    out.push_str(&match (found, repair) {
        (0, _) => "No damage found\n".to_string(),
        (n, false) => format!("{n} damaged: run `skiff system check --repair` to repair\n"),
        (n, true) if report.remaining == 0 => format!("{n} damaged, all repaired\n"),
        (n, true) => format!(
            "{n} damaged, {} left as it was (see above)\n",
            report.remaining
        ),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_damage_then_repairs_then_a_summary() {
        let mut report = CheckReport::default();
        assert_eq!(render(&report, false), "No damage found\n");
        report.damage = vec!["volume v: missing from the catalog".into()];
        report.remaining = 1;
        assert_eq!(
            render(&report, false),
            "volume v: missing from the catalog\n1 damaged: run `skiff system check --repair` to repair\n"
        );
        report.repairs = vec!["volume v: restored with its data".into()];
        report.remaining = 0;
        assert_eq!(
            render(&report, true),
            "volume v: missing from the catalog\nvolume v: restored with its data\n1 damaged, all repaired\n"
        );
    }
}
