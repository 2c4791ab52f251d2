//! `[Volume]`, `[Network]` and `[Image]`: one-shot services that create a named volume or a
//! network, or pull an image, before the containers that name them start.

use super::container::service_defaults;
use super::section::Keys;
use super::unit_file::UnitFile;
use super::{words, Context, QuadletError};

/// podman's `[Volume]` keys that skiff refuses: its local driver keeps `--opt` values but
/// mounts no device, so the keys that would need one are refused rather than ignored.
const VOLUME_UNSUPPORTED: &[&str] = &[
    "ContainersConfModule",
    "Copy",
    "Device",
    "GlobalArgs",
    "Group",
    "Image",
    "Options",
    "Type",
    "User",
];

/// podman's `[Network]` keys that skiff refuses.
const NETWORK_UNSUPPORTED: &[&str] = &[
    "ContainersConfModule",
    "DisableDNS",
    "DNS",
    "GlobalArgs",
    "IPAMDriver",
    "IPRange",
];

/// Fills `unit` with the one-shot service that creates the volume (`noun` "volume") or the
/// network ("network") of file `stem`, named by its `VolumeName=`/`NetworkName=` or
/// podman's `systemd-STEM`.
pub fn create(
    noun: &str,
    stem: &str,
    mut keys: Keys,
    unit: &mut UnitFile,
    ctx: &Context,
) -> Result<(), QuadletError> {
    let mut args = vec![
        noun.to_string(),
        "create".to_string(),
        "--ignore".to_string(),
    ];
    let (name_key, unsupported) = if noun == "volume" {
        if let Some(d) = keys.value("Driver") {
            args.push(format!("--driver={d}"));
        }
        ("VolumeName", VOLUME_UNSUPPORTED)
    } else {
        network_flags(&mut keys, &mut args)?;
        ("NetworkName", NETWORK_UNSUPPORTED)
    };
    for l in keys.words("Label")? {
        args.push(format!("--label={l}"));
    }
    let name = keys
        .value(name_key)
        .unwrap_or_else(|| format!("systemd-{stem}"));
    args.extend(keys.words("PodmanArgs")?);
    args.push(name);
    keys.finish(unsupported)?;
    one_shot(unit, ctx, &args);
    Ok(())
}

/// The `network create` flags of a `[Network]` section.
fn network_flags(keys: &mut Keys, args: &mut Vec<String>) -> Result<(), QuadletError> {
    for (key, flag) in [
        ("Driver", "--driver"),
        ("Gateway", "--gateway"),
        ("Subnet", "--subnet"),
    ] {
        for e in keys.all(key) {
            args.push(format!("{flag}={}", e.value));
        }
    }
    for (key, flag) in [("Internal", "--internal"), ("IPv6", "--ipv6")] {
        if keys.bool(key)? == Some(true) {
            args.push(flag.to_string());
        }
    }
    for e in keys.all("Options") {
        args.push(format!("--opt={}", e.value));
    }
    Ok(())
}

/// Fills `unit` with the one-shot service that pulls the file's image.
pub fn image(mut keys: Keys, unit: &mut UnitFile, ctx: &Context) -> Result<(), QuadletError> {
    let mut args = vec!["image".to_string(), "pull".to_string()];
    for (key, flag) in [("TLSVerify", "--tls-verify")] {
        if let Some(b) = keys.bool(key)? {
            args.push(format!("{flag}={b}"));
        }
    }
    match (keys.value("OS"), keys.value("Arch"), keys.value("Variant")) {
        (None, None, None) => {}
        (os, arch, variant) => {
            let mut platform = format!(
                "{}/{}",
                os.as_deref().unwrap_or("linux"),
                arch.as_deref().unwrap_or("amd64")
            );
            if let Some(v) = variant {
                platform = format!("{platform}/{v}");
            }
            args.push(format!("--platform={platform}"));
        }
    }
    if keys.bool("AllTags")? == Some(true) {
        args.push("--all-tags".to_string());
    }
    args.extend(keys.words("PodmanArgs")?);
    let image = keys
        .value("Image")
        .ok_or_else(|| QuadletError::at(&ctx.file_name(), 0, "[Image] needs Image=".to_string()))?;
    args.push(image);
    keys.finish(&[
        "AuthFile",
        "CertDir",
        "ContainersConfModule",
        "Creds",
        "DecryptionKey",
        "GlobalArgs",
        "ImageTag",
    ])?;
    one_shot(unit, ctx, &args);
    Ok(())
}

/// The `[Service]` of a one-shot unit that runs `skiff ARGS` once and stays active after.
pub(super) fn one_shot(unit: &mut UnitFile, ctx: &Context, args: &[String]) {
    service_defaults(
        unit,
        &[
            ("Type", "oneshot"),
            ("RemainAfterExit", "yes"),
            ("SyslogIdentifier", "%N"),
        ],
    );
    unit.add(
        "Service",
        "ExecStart",
        format!("{} {}", words::quote(&ctx.skiff), words::join(args)),
    );
}
