//! `[Build]` of a `.build` file: a one-shot service that runs `skiff build`, whose image
//! (`ImageTag=`) `.container` files name as `Image=NAME.build` (podman-build.unit(5)).

use super::container::{add_dependencies, resolve};
use super::resources::one_shot;
use super::section::Keys;
use super::unit_file::UnitFile;
use super::{Context, QuadletError};

/// Keys that set one `build` flag each time they appear.
const EACH: &[(&str, &str)] = &[("ImageTag", "--tag"), ("Secret", "--secret")];

/// Keys whose value is a list of words, one flag per word.
const WORDS: &[(&str, &str)] = &[("BuildArg", "--build-arg"), ("Label", "--label")];

/// Keys that set one flag once (the last line wins).
const ONCE: &[(&str, &str)] = &[("Pull", "--pull"), ("Target", "--target")];

/// podman's `[Build]` keys that `skiff build` has no flag for.
const UNSUPPORTED: &[&str] = &[
    "Annotation",
    "AuthFile",
    "ContainersConfModule",
    "DNS",
    "DNSOption",
    "DNSSearch",
    "Environment",
    "GroupAdd",
    "IgnoreFile",
    "Retry",
    "RetryDelay",
    "Volume",
];

/// Fills `unit` with the one-shot service that builds the file's image.
pub fn translate(mut keys: Keys, unit: &mut UnitFile, ctx: &Context) -> Result<(), QuadletError> {
    let mut deps = Vec::new();
    let mut args = keys.words("GlobalArgs")?;
    args.push("build".to_string());
    let tags = keys.all("ImageTag");
    if tags.is_empty() {
        return Err(QuadletError::at(
            &ctx.file_name(),
            0,
            "[Build] needs ImageTag=, the name of the image it builds".to_string(),
        ));
    }
    keys.push_flags(EACH, WORDS, ONCE, &mut args)?;
    for (key, flag) in [("TLSVerify", "--tls-verify"), ("ForceRM", "--force-rm")] {
        if let Some(b) = keys.bool(key)? {
            args.push(format!("{flag}={b}"));
        }
    }
    if let Some(e) = keys.last("Network") {
        let n = resolve(&keys, &e, &e.value, ".network", ctx, &mut deps)?;
        args.push(format!("--network={n}"));
    }
    match (keys.value("Arch"), keys.value("Variant")) {
        (None, None) => {}
        (arch, variant) => {
            let arch = arch.as_deref().unwrap_or("amd64");
            args.push(match variant {
                Some(v) => format!("--platform=linux/{arch}/{v}"),
                None => format!("--platform=linux/{arch}"),
            });
        }
    }
    let file = keys.last("File");
    let set_dir = keys.last("SetWorkingDirectory");
    args.extend(keys.words("PodmanArgs")?);

    // A relative File= is read from the Quadlet file's directory; the context is the
    // directory SetWorkingDirectory= names (`file`: File='s, `unit`: the Quadlet file's),
    // else File='s own directory, as `podman build -f FILE` takes it.
    let file_path = match &file {
        Some(e) if e.value.contains("://") => {
            return Err(keys.error(
                e,
                "File= must be a local file: skiff build does not fetch Containerfiles by URL"
                    .to_string(),
            ))
        }
        Some(e) if e.value.starts_with('/') => Some(e.value.clone()),
        Some(e) => Some(ctx.relative_to_source(&e.value)),
        None => None,
    };
    let file_dir = file_path.as_deref().map(|f| match f.rsplit_once('/') {
        Some((d, _)) if !d.is_empty() => d.to_string(),
        _ => "/".to_string(),
    });
    let (context, working_dir) = match set_dir.as_ref().map(|e| (e, e.value.as_str())) {
        Some((_, "unit")) => (ctx.source_dir().to_string(), true),
        Some((e, "file")) => match file_dir {
            Some(d) => (d, true),
            None => {
                return Err(keys.error(
                    e,
                    "SetWorkingDirectory=file needs File= to name the Containerfile".to_string(),
                ))
            }
        },
        Some((e, url)) if url.contains("://") => {
            return Err(keys.error(
                e,
                "SetWorkingDirectory= must be a directory: skiff build does not fetch contexts by \
                 URL"
                .to_string(),
            ))
        }
        Some((_, dir)) if dir.starts_with('/') => (dir.to_string(), false),
        Some((_, dir)) => (ctx.relative_to_source(dir), false),
        None => match file_dir {
            Some(d) => (d, false),
            None => {
                return Err(QuadletError::at(
                    &ctx.file_name(),
                    0,
                    "[Build] needs File= or SetWorkingDirectory= to find the Containerfile"
                        .to_string(),
                ))
            }
        },
    };
    keys.finish(UNSUPPORTED)?;
    if let Some(f) = file_path {
        args.push(format!("--file={f}"));
    }
    args.push(context.clone());
    if working_dir && !unit.has("Service", "WorkingDirectory") {
        unit.add("Service", "WorkingDirectory", context);
    }
    add_dependencies(unit, deps);
    one_shot(unit, ctx, &args);
    Ok(())
}
