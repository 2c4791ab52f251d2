//! `skiff auto-update` (podman's): updates containers that carry an `io.containers.autoupdate`
//! policy by restarting the systemd units that run them on their newer image, and prints
//! podman's report (UNIT, CONTAINER, IMAGE, POLICY, UPDATED).

use anyhow::Context as _;
use clap::Args;
use skiff_libpod::auto_update::AutoUpdateOptions;
use skiff_libpod::Engine;

use crate::format::{render_rows, FormatSpec, HeaderMap};

/// `auto-update` arguments.
#[derive(Debug, Args)]
pub struct AutoUpdateArgs {
    #[command(flatten)]
    authfile: crate::image::login::AuthFile,
    /// Only report the updates that are pending; pull and restart nothing
    #[arg(long = "dry-run")]
    dry_run: bool,
    /// Change the output format to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    /// Roll back to the previous image when the unit fails to restart on the new one
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_value = "true", default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set)]
    rollback: bool,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long = "tls-verify", value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
}

/// The report's default table.
const TABLE: &str = "table {{.Unit}}\t{{.Container}}\t{{.Image}}\t{{.Policy}}\t{{.Updated}}";

/// `skiff auto-update`: the report, then the errors of the containers that could not be
/// checked or updated (exit 125 when there were any).
pub fn exec(engine: &mut Engine, args: AutoUpdateArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    let spec = FormatSpec::parse(args.format.as_deref()).context("--format")?;
    let opts = AutoUpdateOptions {
        dry_run: args.dry_run,
        rollback: args.rollback,
        tls_verify: args.tls_verify,
    };
    let (reports, errors) = engine.auto_update(&opts)?;
    let rows: Vec<serde_json::Value> = reports
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if matches!(spec, FormatSpec::Json) {
        println!(
            "{}",
            crate::format::json_pretty(&serde_json::Value::Array(rows))
        );
    } else if !rows.is_empty() {
        render_rows(&spec, TABLE, &HeaderMap::new(&[]), &rows, &mut out)?;
    }
    let mut code = 0;
    for e in errors {
        let e = anyhow::Error::from(e);
        crate::exit::report(&e);
        code = crate::exit::code_for(&e);
    }
    Ok(code)
}
