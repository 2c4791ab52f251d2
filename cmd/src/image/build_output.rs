//! `build --output`, `--push` and `--load` (docker buildx's): where a build's result goes
//! besides the local store. [`parse_output`] is pure; [`deliver`] does what it says.

use std::path::{Path, PathBuf};

use anyhow::Context;
use skiff_libpod::container::copy::unpack_on_host;
use skiff_libpod::image::archive::{SaveFormat, SaveTo};
use skiff_libpod::image::push::PushRequest;
use skiff_libpod::Engine;

/// Where the built image goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildOutput {
    /// The local store only (`type=docker` or `type=image` without a destination; `--load`).
    Store,
    /// The local store, then every `-t` name pushed (`type=registry`, `type=image,push=true`,
    /// `--push`).
    Push,
    /// An image archive at `dest` (`type=docker,dest=F`: docker's; `type=oci,dest=F`: OCI).
    Archive {
        /// Its format.
        format: SaveFormat,
        /// The file.
        dest: String,
    },
    /// The image's files as a tar stream to `dest` (`type=tar`; `-` is stdout).
    Tar {
        /// The file, or `-`.
        dest: String,
    },
    /// The image's files unpacked into the directory `dest` (`type=local`, or a bare path).
    Local {
        /// The directory.
        dest: String,
    },
}

/// Parses one `--output` value: `type=T[,dest=D][,push=true][,name=N]...`, a bare directory
/// (`type=local`), or `-` (a tar on stdout). An error names the forms it takes.
pub fn parse_output(spec: &str) -> Result<BuildOutput, String> {
    if spec == "-" {
        return Ok(BuildOutput::Tar { dest: "-".into() });
    }
    if !spec.contains('=') {
        return Ok(BuildOutput::Local { dest: spec.into() });
    }
    let mut kind = None;
    let mut dest = None;
    let mut push = false;
    for part in spec.split(',') {
        match part.split_once('=') {
            Some(("type", v)) => kind = Some(v),
            Some(("dest", v)) => dest = Some(v.to_string()).filter(|d| !d.is_empty()),
            Some(("push", v)) => push = matches!(v, "true" | "1"),
            // Attributes of the image's name or compression: the store keeps its own.
            Some((_, _)) => {}
            None => return Err(format!("invalid --output {spec:?}: use KEY=VALUE pairs")),
        }
    }
    let kind = kind.unwrap_or(if dest.is_some() { "local" } else { "" });
    match (kind, dest) {
        ("docker", Some(dest)) => Ok(BuildOutput::Archive {
            format: SaveFormat::DockerArchive,
            dest,
        }),
        ("docker" | "image", None) if !push => Ok(BuildOutput::Store),
        ("docker" | "image" | "registry", None) => Ok(BuildOutput::Push),
        ("image" | "registry", Some(_)) => Err(format!(
            "--output {spec}: type={kind} takes no dest; use type=docker,dest=FILE or \
             type=oci,dest=FILE for an archive"
        )),
        ("oci", Some(dest)) => Ok(BuildOutput::Archive {
            format: SaveFormat::OciArchive,
            dest,
        }),
        ("tar", Some(dest)) => Ok(BuildOutput::Tar { dest }),
        ("local", Some(dest)) => Ok(BuildOutput::Local { dest }),
        ("oci" | "tar" | "local", None) => Err(format!("--output type={kind} needs dest=PATH")),
        (other, _) => Err(format!(
            "invalid --output type {other:?}: use docker, image, registry, oci, tar or local"
        )),
    }
}

/// Sends the built image `id` (named `tags`) where `output` says, after the build. `Push`
/// pushes every name (an error without one, checked before the build by [`check`]) as `req`
/// says.
pub fn deliver(
    engine: &mut Engine,
    output: &BuildOutput,
    id: &str,
    tags: &[String],
    req: &PushRequest,
    quiet: bool,
) -> anyhow::Result<()> {
    match output {
        BuildOutput::Store => {}
        BuildOutput::Push => {
            for tag in tags {
                let progress = crate::progress::pull_progress(quiet);
                let pushed = engine
                    .push(tag, None, req, progress.as_ref())
                    .with_context(|| format!("pushing {tag}"))?;
                drop(progress);
                if !quiet {
                    super::push::report(&pushed, false);
                }
            }
        }
        BuildOutput::Archive { format, dest } => {
            let names = if tags.is_empty() {
                vec![id.to_string()]
            } else {
                tags.to_vec()
            };
            engine
                .save(&names, *format, SaveTo::File(Path::new(dest)))
                .with_context(|| format!("writing the image to {dest}"))?;
        }
        BuildOutput::Tar { dest } => {
            let path = (dest != "-").then(|| Path::new(dest));
            crate::container::output::write_archive(path, |out| {
                Ok(engine.export_image_files(id, out)?)
            })?;
        }
        BuildOutput::Local { dest } => {
            std::fs::create_dir_all(dest).with_context(|| format!("creating {dest}"))?;
            let (mut reader, mut writer) = std::io::pipe().context("making a pipe")?;
            let dir = PathBuf::from(dest);
            let unpacker =
                std::thread::spawn(move || unpack_on_host(&dir, false, true, &mut reader));
            let written = engine.export_image_files(id, &mut writer);
            drop(writer);
            let unpacked = unpacker
                .join()
                .map_err(|_| anyhow::anyhow!("unpacking into {dest} panicked"))?;
            written?;
            unpacked.with_context(|| format!("writing the image's files into {dest}"))?;
        }
    }
    Ok(())
}

/// Refuses, before a build, what its output could not do afterwards: a push without a name.
pub fn check(output: &BuildOutput, tags: &[String]) -> anyhow::Result<()> {
    if *output == BuildOutput::Push && tags.is_empty() {
        anyhow::bail!("pushing needs a name to push to: give -t REGISTRY/REPOSITORY[:TAG]");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_as_buildx_writes_them() {
        use BuildOutput::*;
        assert_eq!(parse_output("type=docker"), Ok(Store));
        assert_eq!(parse_output("type=image,name=x"), Ok(Store));
        assert_eq!(parse_output("type=image,push=true"), Ok(Push));
        assert_eq!(parse_output("type=registry"), Ok(Push));
        assert_eq!(
            parse_output("type=docker,dest=out.tar"),
            Ok(Archive {
                format: SaveFormat::DockerArchive,
                dest: "out.tar".into()
            })
        );
        assert_eq!(
            parse_output("type=oci,dest=o.tar"),
            Ok(Archive {
                format: SaveFormat::OciArchive,
                dest: "o.tar".into()
            })
        );
        assert_eq!(parse_output("-"), Ok(Tar { dest: "-".into() }));
        assert_eq!(
            parse_output("type=tar,dest=f.tar"),
            Ok(Tar {
                dest: "f.tar".into()
            })
        );
        assert_eq!(
            parse_output("./out"),
            Ok(Local {
                dest: "./out".into()
            })
        );
        assert_eq!(
            parse_output("dest=./out"),
            Ok(Local {
                dest: "./out".into()
            })
        );
        assert_eq!(
            parse_output("type=local,dest=d"),
            Ok(Local { dest: "d".into() })
        );
        for bad in [
            "type=local",
            "type=oci",
            "type=tar",
            "type=cacheonly",
            "type=registry,dest=x",
        ] {
            assert!(parse_output(bad).is_err(), "{bad}");
        }
        assert!(parse_output("type=docker,junk").is_err());
    }
}
