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
        // A template also sees podman's sections (`{{.Host.Arch}}`, `{{.Store.GraphRoot}}`);
        // `json` stays docker's document.
        let mut v = v;
        if f.trim() != "json" {
            let podman = engine.podman_info(&v);
            if let (Value::Object(all), Value::Object(podman)) = (&mut v, podman) {
                all.extend(podman);
            }
        }
        print_formatted(f, &v)?;
        return Ok(0);
    }
    // Each field as ` LABEL: VALUE`, the label indented as given.
    let fields = |fields: &[(&str, &str)]| {
        for (label, key) in fields {
            println!("{label}: {}", text(&v, key));
        }
    };
    println!(
        "Client:\n Version:    {}\n Context:    default\n",
        skiff_libpod::info::VERSION
    );
    println!("Server:");
    fields(&[
        (" Containers", "Containers"),
        ("  Running", "ContainersRunning"),
        ("  Paused", "ContainersPaused"),
        ("  Stopped", "ContainersStopped"),
        (" Images", "Images"),
        (" Server Version", "ServerVersion"),
        (" Storage Driver", "Driver"),
        (" Logging Driver", "LoggingDriver"),
        (" Cgroup Driver", "CgroupDriver"),
        (" Cgroup Version", "CgroupVersion"),
        (" Network Helper", "NetworkHelper"),
        (" Rootless", "Rootless"),
    ]);
    println!(" Plugins:");
    for (label, key) in [("Volume", "Volume"), ("Network", "Network"), ("Log", "Log")] {
        let names: Vec<&str> = v["Plugins"][key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        println!("  {label}: {}", names.join(" "));
    }
    println!(" Swarm: {}", text(&v["Swarm"], "LocalNodeState"));
    println!(" Security Options:");
    for o in v["SecurityOptions"].as_array().into_iter().flatten() {
        println!("  {}", o.as_str().unwrap_or(""));
    }
    fields(&[
        (" Kernel Version", "KernelVersion"),
        (" Operating System", "OperatingSystem"),
        (" OSType", "OSType"),
        (" Architecture", "Architecture"),
        (" CPUs", "NCPU"),
    ]);
    println!(
        " Total Memory: {}",
        crate::format::units::bytes_size(v["MemTotal"].as_u64().unwrap_or(0))
    );
    fields(&[
        (" Name", "Name"),
        (" Docker Root Dir", "DockerRootDir"),
        (" Run Root", "RunRoot"),
        (" Live Restore Enabled", "LiveRestoreEnabled"),
    ]);
    // docker's warnings (limits this host does not enforce) go to stderr after the report.
    for w in v["Warnings"].as_array().into_iter().flatten() {
        eprintln!("{}", w.as_str().unwrap_or(""));
    }
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
