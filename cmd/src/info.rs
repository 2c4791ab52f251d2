//! `skiff info` and `skiff version`: docker's text, or a Go template with `--format`.

use clap::Args;
use serde_json::Value;
use skiff_libpod::Engine;

/// Display system-wide information
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Format the output using the given Go template, or json
    #[arg(short = 'f', long)]
    format: Option<String>,
}

/// Show the skiff version information
#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Format the output using the given Go template, or json
    #[arg(short = 'f', long)]
    format: Option<String>,
}

/// Prints `v` through `--format`: `json` is the object on one line (docker's `{{json .}}`),
/// anything else a Go template.
fn print_formatted(format: &str, v: &Value) -> anyhow::Result<()> {
    if format.trim() == "json" {
        println!("{}", crate::format::json_compact(v));
        return Ok(());
    }
    crate::container::output::print_each(format, std::slice::from_ref(v))
}

fn text(v: &Value, key: &str) -> String {
    match &v[key] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `skiff info`.
pub fn info(engine: &mut Engine, args: InfoArgs) -> anyhow::Result<i32> {
    let v = engine.info()?;
    if let Some(f) = &args.format {
        print_formatted(f, &v)?;
        return Ok(0);
    }
    let t = |k: &str| text(&v, k);
    println!(
        "Client:\n Version:    {}\n Context:    default\n",
        skiff_libpod::info::VERSION
    );
    println!("Server:");
    println!(" Containers: {}", t("Containers"));
    println!("  Running: {}", t("ContainersRunning"));
    println!("  Paused: {}", t("ContainersPaused"));
    println!("  Stopped: {}", t("ContainersStopped"));
    println!(" Images: {}", t("Images"));
    println!(" Server Version: {}", t("ServerVersion"));
    println!(" Storage Driver: {}", t("Driver"));
    println!(" Logging Driver: {}", t("LoggingDriver"));
    println!(" Cgroup Driver: {}", t("CgroupDriver"));
    println!(" Cgroup Version: {}", t("CgroupVersion"));
    println!(" Network Helper: {}", t("NetworkHelper"));
    println!(" Rootless: {}", t("Rootless"));
    println!(" Security Options:");
    for o in v["SecurityOptions"].as_array().into_iter().flatten() {
        println!("  {}", o.as_str().unwrap_or(""));
    }
    println!(" Kernel Version: {}", t("KernelVersion"));
    println!(" Operating System: {}", t("OperatingSystem"));
    println!(" OSType: {}", t("OSType"));
    println!(" Architecture: {}", t("Architecture"));
    println!(" CPUs: {}", t("NCPU"));
    println!(
        " Total Memory: {}",
        crate::format::units::bytes_size(v["MemTotal"].as_u64().unwrap_or(0))
    );
    println!(" Name: {}", t("Name"));
    println!(" Docker Root Dir: {}", t("DockerRootDir"));
    println!(" Run Root: {}", t("RunRoot"));
    Ok(0)
}

/// `skiff version`.
pub fn version(args: VersionArgs) -> anyhow::Result<i32> {
    let v = skiff_libpod::info::version();
    if let Some(f) = &args.format {
        // docker's template sees its Go struct, whose field is APIVersion (JSON "ApiVersion"):
        // scripts write `{{.Server.APIVersion}}`, so templates get that name too.
        let mut v = v;
        if f.trim() != "json" {
            for side in ["Client", "Server"] {
                if let Some(api) = v[side].get("ApiVersion").cloned() {
                    v[side]["APIVersion"] = api;
                }
            }
        }
        print_formatted(f, &v)?;
        return Ok(0);
    }
    let c = &v["Client"];
    let s = &v["Server"];
    let g = |o: &Value, k: &str| o[k].as_str().unwrap_or("").to_string();
    println!("Client:");
    println!(" Version:           {}", g(c, "Version"));
    println!(" API version:       {}", g(c, "ApiVersion"));
    println!(" OS/Arch:           {}", g(c, "OsArch"));
    println!();
    println!("Server: skiff (daemonless: the engine runs in this process)");
    println!(" Engine:");
    println!("  Version:          {}", g(s, "Version"));
    println!(
        "  API version:      {} (minimum version {})",
        g(s, "ApiVersion"),
        g(s, "MinAPIVersion")
    );
    println!("  OS/Arch:          linux/{}", g(s, "Arch"));
    println!("  Kernel Version:   {}", g(s, "KernelVersion"));
    Ok(0)
}
