//! `skiff cp`: copy files between a container and the host, with docker's path rules.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Args;
use skiff_libpod::container::copy::{self, ContainerRoot, CopyOwners, PathKind};
use skiff_libpod::Engine;

/// Copy files/folders between a container and the local filesystem
#[derive(Debug, Args)]
#[command(after_help = "Use '-' as the host path to stream a tar archive from stdin or to stdout.")]
pub struct CpArgs {
    /// Archive mode (copy all uid/gid information)
    #[arg(short = 'a', long)]
    archive: bool,
    /// Always follow symbol link in SRC_PATH
    #[arg(short = 'L', long = "follow-link")]
    follow_link: bool,
    /// Suppress progress output (skiff prints none)
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Let a directory replace a non-directory and the other way round (podman's; without it
    /// that is an error, as with docker)
    #[arg(long)]
    overwrite: bool,
    /// CONTAINER:SRC_PATH or SRC_PATH|-
    src: String,
    /// DEST_PATH|- or CONTAINER:DEST_PATH
    dest: String,
}

/// One side of a copy: a path in a container, or on the host.
#[derive(Debug, PartialEq, Eq)]
enum Side<'a> {
    Container(&'a str, &'a str),
    Host(&'a str),
}

/// docker's split: `NAME:PATH` is in a container unless the part before the colon contains a
/// `/` (a host path such as `./a:b`); an absolute host path never names a container.
fn side(arg: &str) -> Side<'_> {
    match arg.split_once(':') {
        Some((name, path)) if !name.is_empty() && !name.contains('/') && !arg.starts_with('/') => {
            Side::Container(name, path)
        }
        _ => Side::Host(arg),
    }
}

/// The name of the last component of `path`, as the top entry of the copy (`.` when the path
/// ends in `/.`, meaning "the directory's contents").
fn top_name(path: &str) -> String {
    if path.ends_with("/.") || path == "." {
        return ".".into();
    }
    Path::new(path.trim_end_matches('/'))
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".".into())
}

/// `skiff cp`.
pub fn exec(engine: &mut Engine, args: CpArgs) -> anyhow::Result<i32> {
    let _ = args.quiet;
    match (side(&args.src), side(&args.dest)) {
        (Side::Container(c, src), Side::Host(dest)) => copy_out(engine, c, src, dest, &args),
        (Side::Host(src), Side::Container(c, dest)) => copy_in(engine, src, c, dest, &args),
        (Side::Container(..), Side::Container(..)) => {
            bail!("copying between containers is not supported: copy to the host first")
        }
        (Side::Host(_), Side::Host(_)) => bail!(
            "must specify at least one container source: use CONTAINER:PATH for the source or the destination"
        ),
    }
}

/// Whose the files copied into a container are: the archive's with `-a`, else the container's
/// root (as the docker CLI documents it).
fn owners(args: &CpArgs) -> CopyOwners {
    if args.archive {
        CopyOwners::Archive
    } else {
        CopyOwners::Root
    }
}

fn open(engine: &mut Engine, container: &str) -> anyhow::Result<ContainerRoot> {
    Ok(engine.open_container_root(container)?)
}

fn copy_out(
    engine: &mut Engine,
    container: &str,
    src: &str,
    dest: &str,
    args: &CpArgs,
) -> anyhow::Result<i32> {
    let root = open(engine, container)?;
    let src_path = Path::new(if src.is_empty() { "/" } else { src });
    // `SRC/.` names a directory's contents and `SRC/` a directory: a final symlink is
    // followed to it, as docker's.
    let contents_only = top_name(src) == ".";
    let follow = args.follow_link || contents_only || src.ends_with('/');
    let Some(kind) = root.kind(src_path, follow)? else {
        bail!("Could not find the file {src} in container {container}");
    };
    if contents_only && kind != PathKind::Dir {
        bail!(
            "{src}: {} is not a directory in container {container}",
            src_path.display()
        );
    }
    if dest == "-" {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        root.copy_out(src_path, follow, &top_name(src), &mut out)?;
        out.flush()?;
        return Ok(0);
    }
    let dest_path = PathBuf::from(dest);
    // Where the archive is unpacked and the name of its top entry.
    let (dir, name) = match std::fs::metadata(&dest_path) {
        Ok(m) if m.is_dir() => {
            if contents_only {
                (dest_path.clone(), ".".to_string())
            } else {
                (dest_path.clone(), top_name(src))
            }
        }
        Ok(_) if kind == PathKind::Dir && !args.overwrite => {
            bail!("cannot copy a directory to a file: {dest} is not a directory")
        }
        Ok(_) => parent_and_name(&dest_path)?,
        Err(_) if dest.ends_with('/') && kind != PathKind::Dir => {
            bail!("the destination directory {dest} does not exist")
        }
        Err(_) if contents_only => {
            std::fs::create_dir(&dest_path)
                .with_context(|| format!("creating {}", dest_path.display()))?;
            (dest_path.clone(), ".".to_string())
        }
        Err(_) => parent_and_name(&dest_path)?,
    };
    if !dir.is_dir() {
        bail!("the destination directory {} does not exist", dir.display());
    }
    // The container side writes a tar stream; unpack it into `dir` on the host.
    let mut tar_bytes = Vec::new();
    root.copy_out(src_path, follow, &name, &mut tar_bytes)?;
    copy::unpack_on_host(&dir, args.archive, args.overwrite, &mut &tar_bytes[..])?;
    Ok(0)
}

fn parent_and_name(path: &Path) -> anyhow::Result<(PathBuf, String)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .context("the destination needs a file name")?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

fn copy_in(
    engine: &mut Engine,
    src: &str,
    container: &str,
    dest: &str,
    args: &CpArgs,
) -> anyhow::Result<i32> {
    let mut root = open(engine, container)?;
    let dest = if dest.is_empty() { "/" } else { dest };
    // A destination that is a symlink is written through, as docker's: where it leads.
    let through_link = match root.stat(Path::new(dest), false)? {
        Some(st) if !st.link_target.is_empty() && dest.ends_with('/') => {
            Some(format!("{}/", st.link_target))
        }
        Some(st) if !st.link_target.is_empty() => Some(st.link_target),
        _ => None,
    };
    let dest = through_link.as_deref().unwrap_or(dest);
    let dest_path = Path::new(dest);
    if src == "-" {
        if root.kind(dest_path, true)? != Some(PathKind::Dir) {
            bail!("the destination {dest} must be a directory in container {container} to receive a tar stream");
        }
        let stdin = std::io::stdin();
        root.copy_in(dest_path, &owners(args), args.overwrite, &mut stdin.lock())?;
        return Ok(0);
    }
    let src_meta = if args.follow_link {
        std::fs::metadata(src)
    } else {
        std::fs::symlink_metadata(src)
    }
    .with_context(|| format!("no such file or directory on the host: {src}"))?;
    let contents_only = top_name(src) == "." && src_meta.is_dir();
    let (dir, name) = match root.kind(dest_path, true)? {
        Some(PathKind::Dir) if contents_only => (dest_path.to_path_buf(), ".".to_string()),
        Some(PathKind::Dir) => (dest_path.to_path_buf(), top_name(src)),
        Some(PathKind::Other) if src_meta.is_dir() && !args.overwrite => {
            bail!("cannot copy a directory to a file: {dest} in container {container} is not a directory")
        }
        // A missing DEST/ is an error for a file; a directory becomes it, as docker's.
        _ if dest.ends_with('/') && !src_meta.is_dir() => {
            bail!("the destination directory {dest} does not exist in container {container}")
        }
        _ => {
            let (parent, name) = parent_and_name(dest_path)?;
            let parent = if parent == Path::new(".") {
                PathBuf::from("/")
            } else {
                parent
            };
            if root.kind(&parent, true)? != Some(PathKind::Dir) {
                bail!(
                    "the destination directory {} does not exist in container {container}",
                    parent.display()
                );
            }
            (parent, name)
        }
    };
    // The host side is the caller's own: archive it as the container side archives its files,
    // and let the engine extract it into the container, confined to `dir`.
    let mut bytes = Vec::new();
    copy::archive_host_path(Path::new(src), args.follow_link, &name, &mut bytes)?;
    root.copy_in(&dir, &owners(args), args.overwrite, &mut &bytes[..])?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_follow_dockers_rule() {
        assert_eq!(side("web:/etc"), Side::Container("web", "/etc"));
        assert_eq!(side("./a:b"), Side::Host("./a:b"));
        assert_eq!(side("/abs:x"), Side::Host("/abs:x"));
        assert_eq!(side("-"), Side::Host("-"));
        assert_eq!(side("web:"), Side::Container("web", ""));
    }

    #[test]
    fn top_names() {
        assert_eq!(top_name("/etc/hosts"), "hosts");
        assert_eq!(top_name("/etc/"), "etc");
        assert_eq!(top_name("/etc/."), ".");
        assert_eq!(top_name("/"), ".");
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(s in ".{0,30}") {
            let _ = side(&s);
            let _ = top_name(&s);
        }
    }
}
