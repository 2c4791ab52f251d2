//! `skiff quadlet install|list|print|rm|generate`: Quadlet files (`.container`, `.volume`,
//! `.network`, `.image`) turned into systemd units, and the systemd generator entry point.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use skiff_libpod::quadlet;

use crate::container::output;

/// `skiff quadlet` subcommands.
#[derive(Debug, Subcommand)]
pub enum QuadletCmd {
    /// Install Quadlet files or directories of them, and write their systemd units
    Install(InstallArgs),
    /// List the installed Quadlet files
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Print the contents of an installed Quadlet file
    Print(PrintArgs),
    /// Remove installed Quadlet files and their systemd units
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Translate every Quadlet file into a unit in a directory (what the systemd generator does)
    Generate(GenerateArgs),
}

/// `quadlet install` flags.
#[derive(Debug, Args)]
pub struct InstallArgs {
    /// Overwrite Quadlet files that are installed already
    #[arg(long)]
    replace: bool,
    /// Run `systemctl daemon-reload` afterwards
    #[arg(long, default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    reload_systemd: bool,
    /// Quadlet files, or directories holding them
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// `quadlet list` flags.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Format the output with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
}

/// `quadlet print` arguments.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// The Quadlet file's name, e.g. web.container
    name: String,
}

/// `quadlet rm` flags.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Remove every installed Quadlet file of the user
    #[arg(short, long)]
    all: bool,
    /// Stop the units that are running first
    #[arg(short, long)]
    force: bool,
    /// Do not fail when a Quadlet file is not installed
    #[arg(short, long)]
    ignore: bool,
    /// Run `systemctl daemon-reload` afterwards
    #[arg(long, default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    reload_systemd: bool,
    /// The Quadlet files' names, e.g. web.container
    names: Vec<String>,
}

/// `quadlet generate` flags.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Read the user's Quadlet directories rather than the system's
    #[arg(long)]
    user: bool,
    /// Print the units instead of writing them
    #[arg(long)]
    dry_run: bool,
    /// Where to write the units (systemd passes three directories; the first is used)
    #[arg(value_name = "DIR", required_unless_present = "dry_run", num_args = 0..=3)]
    dirs: Vec<PathBuf>,
}

/// Runs a quadlet subcommand.
pub fn dispatch(cmd: QuadletCmd) -> anyhow::Result<i32> {
    let user = skiff_libpod::config::is_rootless();
    match cmd {
        QuadletCmd::Install(a) => {
            let done = quadlet::install(&a.paths, user, a.replace, &skiff_path()?)?;
            for e in &done.broken {
                eprintln!("skiff: warning: {e}: its unit was not written");
            }
            for f in &done.files {
                println!("{}", f.display());
            }
            reload(user, a.reload_systemd);
            Ok(0)
        }
        QuadletCmd::List(a) => {
            let rows: Vec<Value> = installed(user)?
                .iter()
                .map(|f| {
                    let unit = f.service_name();
                    json!({"Name": f.name, "UnitName": unit, "Path": f.path, "Status": status(user, &unit)})
                })
                .collect();
            if a.format.as_deref() == Some("json") {
                println!("{}", crate::format::json_pretty(&Value::Array(rows)));
                return Ok(0);
            }
            output::print_rows(
                a.format.as_deref(),
                "table {{.Name}}\t{{.UnitName}}\t{{.Path}}\t{{.Status}}",
                &[("UnitName", "UNIT NAME"), ("Path", "PATH ON DISK")],
                &rows,
            )?;
            Ok(0)
        }
        QuadletCmd::Print(a) => {
            let f = installed(user)?
                .into_iter()
                .find(|f| f.name == a.name)
                .ok_or_else(|| {
                    anyhow::anyhow!("no such quadlet: {} (see `skiff quadlet list`)", a.name)
                })?;
            output::write_stdout(&f.text)?;
            Ok(0)
        }
        QuadletCmd::Rm(a) => remove(user, a),
        QuadletCmd::Generate(a) => generate(a.user, a.dry_run, a.dirs.first()),
    }
}

/// The Quadlet files the user (or root) has.
fn installed(user: bool) -> anyhow::Result<Vec<quadlet::QuadletFile>> {
    Ok(quadlet::find(&quadlet::search_dirs(user))?)
}

fn remove(user: bool, a: RmArgs) -> anyhow::Result<i32> {
    let have = installed(user)?;
    let names: Vec<String> = if a.all {
        let own = quadlet::search_dirs(user).remove(0);
        have.iter()
            .filter(|f| f.path.parent() == Some(own.as_path()))
            .map(|f| f.name.clone())
            .collect()
    } else if a.names.is_empty() {
        anyhow::bail!("name a Quadlet file to remove, or use --all");
    } else {
        a.names
            .into_iter()
            .filter(|n| !a.ignore || have.iter().any(|f| &f.name == n))
            .collect()
    };
    let own = quadlet::search_dirs(user).remove(0);
    for f in have.iter().filter(|f| names.contains(&f.name)) {
        anyhow::ensure!(
            f.path.parent() == Some(own.as_path()),
            "{} is in {}, not in {}: remove it there",
            f.name,
            f.path.parent().unwrap_or(Path::new("/")).display(),
            own.display()
        );
        let unit = f.service_name();
        if status(user, &unit) == "active" {
            if !a.force {
                anyhow::bail!(
                    "{} is running as {unit}: stop it first (systemctl{} stop {unit}) or use --force",
                    f.name,
                    if user { " --user" } else { "" }
                );
            }
            systemctl(user, &["stop", &unit]).with_context(|| format!("stopping {unit}"))?;
        }
    }
    for unit in quadlet::remove(&names, user, &skiff_path()?)? {
        println!("{unit}");
    }
    reload(user, a.reload_systemd);
    Ok(0)
}

/// Writes (or with `dry_run` prints) the units of every Quadlet file into `dir`; a file that
/// does not translate is reported on stderr and fails the run, but does not stop the others.
fn generate(user: bool, dry_run: bool, dir: Option<&PathBuf>) -> anyhow::Result<i32> {
    let files = installed(user)?;
    let (services, errors) = quadlet::generate(&files, &skiff_path()?, !user);
    for e in &errors {
        eprintln!("skiff-quadlet: {e}");
    }
    match (dry_run, dir) {
        (true, _) => {
            let mut out = String::new();
            for s in &services {
                out.push_str(&format!("---{}---\n{}\n", s.name, s.text));
            }
            output::write_stdout(&out)?;
        }
        (false, Some(dir)) => quadlet::write_units(dir, &services)?,
        (false, None) => {
            anyhow::bail!("name the directory to write the units to, or use --dry-run")
        }
    }
    Ok(if errors.is_empty() { 0 } else { 1 })
}

/// The systemd generator entry point: when skiff runs as `skiff-user-generator` or
/// `skiff-system-generator` (a symlink in systemd's generator directories), it writes the
/// units of the Quadlet files into the first directory systemd passes. `None` for any other
/// program name.
pub fn generator_entry_point() -> Option<i32> {
    let argv0 = std::env::args_os().next()?;
    let name = Path::new(&argv0).file_name()?.to_str()?.to_string();
    let user = match name.as_str() {
        "skiff-user-generator" => true,
        "skiff-system-generator" => false,
        _ => return None,
    };
    let dir = std::env::args_os().nth(1).map(PathBuf::from);
    Some(match generate(user, false, dir.as_ref()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("skiff-quadlet: {e:#}");
            1
        }
    })
}

/// The skiff binary the units run: this one.
fn skiff_path() -> anyhow::Result<PathBuf> {
    std::env::current_exe().context("finding the skiff binary for the units' ExecStart")
}

/// True when systemd runs the machine (its runtime directory exists).
fn systemd_running() -> bool {
    Path::new("/run/systemd/system").is_dir()
}

/// `systemctl [--user] ARGS`, failing with its stderr.
fn systemctl(user: bool, args: &[&str]) -> anyhow::Result<String> {
    let mut cmd = Command::new("systemctl");
    if user {
        cmd.arg("--user");
    }
    let out = cmd.args(args).output().context("running systemctl")?;
    if !out.status.success() && args[0] != "is-active" {
        anyhow::bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The unit's state from `systemctl is-active` (`active`, `inactive`, ...), or `-` without
/// systemd.
fn status(user: bool, unit: &str) -> String {
    if !systemd_running() {
        return "-".to_string();
    }
    systemctl(user, &["is-active", unit]).unwrap_or_else(|_| "-".to_string())
}

/// Tells systemd to read the units again, when asked and systemd runs; a failure is a warning
/// (the files are written either way).
fn reload(user: bool, wanted: bool) {
    if !wanted || !systemd_running() {
        return;
    }
    if let Err(e) = systemctl(user, &["daemon-reload"]) {
        eprintln!(
            "skiff: warning: systemctl daemon-reload: {e:#}; run it yourself to load the units"
        );
    }
}
