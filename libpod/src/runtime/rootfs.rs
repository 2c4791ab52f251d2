//! Mounts a container's root file system (inside the init's private mount namespace) and
//! returns the directory that becomes `/`.
//!
//! `--rootfs /:O` cannot be one overlay with `lowerdir=/`: inside a user namespace the kernel
//! refuses an overlay lower layer that has locked submounts, as `/` does. So the root is
//! assembled on a tmpfs, one entry per top-level name of the host `/`:
//! - a directory with no mounts below it gets its own overlay (lower = the host directory,
//!   upper/work under the container's upper/work), so writes land in the container only;
//! - a directory that has mounts below it (for example `/home` holding other file systems) is
//!   bind-mounted recursively and read-only: its files are visible but not writable;
//! - `proc`, `sys`, `dev`, `run` and `tmp` become empty directories that the init fills (fresh
//!   /proc, /sys, /dev; tmpfs on /run and /tmp);
//! - symlinks (`lib -> usr/lib`) are re-created as symlinks, other files are bind-mounted
//!   read-only.

use std::path::{Path, PathBuf};

use nix::mount::MsFlags;

use super::mounts::{overlay_data, ATTR_RDONLY};
use super::spec::Rootfs;
use super::sys::{EntryKind, MountArgs, Real, Syscalls};

/// Page-size limit of a mount(2) data string.
const MAX_MOUNT_DATA: usize = 4000;

/// Mounts `rootfs` and returns the directory that becomes the container's `/`.
/// `userxattr` selects overlay's user-namespace mode (whiteouts in `user.overlay.*` xattrs).
pub fn mount_rootfs(rootfs: &Rootfs, userxattr: bool) -> Result<PathBuf, String> {
    mount_rootfs_with(&Real, rootfs, userxattr)
}

/// [`mount_rootfs`] through `sys`.
pub(crate) fn mount_rootfs_with<S: Syscalls>(
    sys: &S,
    rootfs: &Rootfs,
    userxattr: bool,
) -> Result<PathBuf, String> {
    match rootfs {
        Rootfs::Image {
            lower,
            upper,
            work,
            merged,
        } => {
            mount_overlay(sys, lower, upper, work, merged, userxattr)?;
            Ok(merged.clone())
        }
        Rootfs::Dir { path } => {
            sys.bind_at(path, path, true, &format!("the rootfs {}", path.display()))?;
            Ok(path.clone())
        }
        Rootfs::DirOverlay {
            path,
            upper,
            work,
            merged,
        } if path == Path::new("/") => {
            host_root_overlay(sys, upper, work, merged, userxattr)?;
            Ok(merged.clone())
        }
        Rootfs::DirOverlay {
            path,
            upper,
            work,
            merged,
        } => {
            mount_overlay(
                sys,
                std::slice::from_ref(path),
                upper,
                work,
                merged,
                userxattr,
            )?;
            Ok(merged.clone())
        }
    }
}

fn mount_overlay<S: Syscalls>(
    sys: &S,
    lower: &[PathBuf],
    upper: &Path,
    work: &Path,
    merged: &Path,
    userxattr: bool,
) -> Result<(), String> {
    let mut data = overlay_data(lower, upper, work, userxattr);
    if data.len() > MAX_MOUNT_DATA {
        // Shorten with paths relative to the layers' common parent (our cwd during the mount).
        let parent =
            common_parent(lower).ok_or("the overlay layer list is too long for one mount")?;
        sys.chdir(&parent)
            .map_err(|e| format!("chdir {}: {e}", parent.display()))?;
        let rel: Vec<PathBuf> = lower
            .iter()
            .map(|l| {
                l.strip_prefix(&parent)
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|_| l.clone())
            })
            .collect();
        data = overlay_data(&rel, upper, work, userxattr);
        if data.len() > MAX_MOUNT_DATA {
            return Err(format!(
                "the image has too many layers ({}) for one overlay mount",
                lower.len()
            ));
        }
    }
    sys.mount_at(
        &MountArgs::fs("overlay", merged, MsFlags::empty(), Some(&data)),
        "the overlay root file system",
    )
    .map_err(|e| {
        format!("{e} (the kernel needs overlay support in user namespaces, Linux 5.11 or later)")
    })
}

fn common_parent(paths: &[PathBuf]) -> Option<PathBuf> {
    let mut parent = paths.first()?.parent()?.to_path_buf();
    while !paths.iter().all(|p| p.starts_with(&parent)) {
        parent = parent.parent()?.to_path_buf();
    }
    Some(parent)
}

/// Mount points of the current mount namespace (field 5 of /proc/self/mountinfo, unescaped).
pub fn mount_points(mountinfo: &str) -> Vec<PathBuf> {
    mountinfo
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .map(|p| {
            PathBuf::from(
                p.replace("\\040", " ")
                    .replace("\\011", "\t")
                    .replace("\\012", "\n")
                    .replace("\\134", "\\"),
            )
        })
        .collect()
}

/// How a top-level entry of the host `/` is placed in a `/:O` root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopLevel {
    /// A writable overlay over the host directory.
    Overlay,
    /// A recursive read-only bind (the directory has mounts below it).
    ReadOnlyBind,
    /// An empty directory the init fills (proc, sys, dev, run, tmp).
    Fresh,
}

/// Decides how the host directory `/NAME` is placed, given the mount points below `/`.
pub fn classify(name: &str, mounts: &[PathBuf]) -> TopLevel {
    if matches!(name, "proc" | "sys" | "dev" | "run" | "tmp") {
        return TopLevel::Fresh;
    }
    let dir = Path::new("/").join(name);
    if mounts.iter().any(|m| m != &dir && m.starts_with(&dir)) {
        TopLevel::ReadOnlyBind
    } else {
        TopLevel::Overlay
    }
}

fn host_root_overlay<S: Syscalls>(
    sys: &S,
    upper: &Path,
    work: &Path,
    merged: &Path,
    userxattr: bool,
) -> Result<(), String> {
    sys.mount_at(
        &MountArgs::fs("tmpfs", merged, MsFlags::empty(), Some("mode=755")),
        "the root tmpfs",
    )?;
    let mountinfo = sys
        .read_file(Path::new("/proc/self/mountinfo"))
        .map_err(|e| format!("reading mountinfo: {e}"))?;
    let mounts = mount_points(&mountinfo);
    let entries = sys
        .list_dir(Path::new("/"))
        .map_err(|e| format!("listing /: {e}"))?;
    for (name, kind) in entries {
        let name_s = name.to_string_lossy().into_owned();
        let host = Path::new("/").join(&name);
        let target = merged.join(&name);
        let io = |e: std::io::Error| format!("{}: {e}", target.display());
        match kind {
            EntryKind::Symlink => {
                let to = sys.read_link(&host).map_err(io)?;
                sys.symlink(&to, &target).map_err(io)?;
            }
            EntryKind::Dir => {
                sys.mkdir(&target, false).map_err(io)?;
                top_level_dir(
                    sys,
                    &name_s,
                    &mounts,
                    [upper, work],
                    &host,
                    &target,
                    userxattr,
                )?;
            }
            EntryKind::File => {
                sys.write_file(&target, b"").map_err(io)?;
                sys.bind_at(&host, &target, false, &host.display().to_string())?;
                sys.set_attrs(&target, ATTR_RDONLY, 0, false)
                    .map_err(|e| format!("making {} read-only: {e}", host.display()))?;
            }
            EntryKind::Other => {}
        }
    }
    Ok(())
}

/// Puts the host's top-level directory `host` (called `name`) on `target` as [`classify`]
/// says: nothing or a tmpfs, an overlay with its upper and work directories under
/// `[upper, work]`, or a recursive read-only bind.
fn top_level_dir<S: Syscalls>(
    sys: &S,
    name: &str,
    mounts: &[PathBuf],
    [upper, work]: [&Path; 2],
    host: &Path,
    target: &Path,
    userxattr: bool,
) -> Result<(), String> {
    match classify(name, mounts) {
        TopLevel::Fresh => {
            let mode = match name {
                "tmp" => "mode=1777",
                "run" => "mode=755",
                _ => return Ok(()),
            };
            let flags = MsFlags::MS_NOSUID | MsFlags::MS_NODEV;
            sys.mount_at(
                &MountArgs::fs("tmpfs", target, flags, Some(mode)),
                &format!("/{name}"),
            )
        }
        TopLevel::Overlay => {
            let (u, w) = (upper.join(name), work.join(name));
            for d in [&u, &w] {
                sys.mkdir(d, true)
                    .map_err(|e| format!("{}: {e}", d.display()))?;
            }
            mount_overlay(sys, &[host.to_path_buf()], &u, &w, target, userxattr)
        }
        TopLevel::ReadOnlyBind => {
            sys.bind_at(host, target, true, &host.display().to_string())?;
            sys.set_attrs(target, ATTR_RDONLY, 0, true)
                .map_err(|e| format!("making {} read-only: {e}", host.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use nix::errno::Errno;

    use super::*;
    use crate::runtime::sys::record::{Call, Recorder};

    #[test]
    fn classify_top_level() {
        let info = "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n23 22 0:5 / /home/a\\040b rw - tmpfs t rw\n24 22 0:6 / /usr rw - ext4 x rw\n";
        let m = mount_points(info);
        assert_eq!(m[1], PathBuf::from("/home/a b"));
        assert_eq!(classify("home", &m), TopLevel::ReadOnlyBind);
        assert_eq!(classify("usr", &m), TopLevel::Overlay);
        assert_eq!(classify("etc", &m), TopLevel::Overlay);
        assert_eq!(classify("proc", &m), TopLevel::Fresh);
        assert_eq!(classify("homework", &m), TopLevel::Overlay);
    }

    /// `--rootfs /:O` against the recording double: a host `/` with one entry of each kind.
    fn host_root(sys: &Recorder) -> Result<PathBuf, String> {
        let rootfs = Rootfs::DirOverlay {
            path: PathBuf::from("/"),
            upper: PathBuf::from("/c/upper"),
            work: PathBuf::from("/c/work"),
            merged: PathBuf::from("/c/merged"),
        };
        mount_rootfs_with(sys, &rootfs, true)
    }

    fn host() -> Recorder {
        use EntryKind::*;
        Recorder::new()
            .file(
                "/proc/self/mountinfo",
                "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n23 22 0:5 / /home/a rw - tmpfs t rw\n",
            )
            .dir(
                "/",
                &[
                    ("lib", Symlink, "usr/lib"),
                    ("usr", Dir, ""),
                    ("home", Dir, ""),
                    ("proc", Dir, ""),
                    ("tmp", Dir, ""),
                    ("swapfile", File, ""),
                    ("socket", Other, ""),
                ],
            )
    }

    #[test]
    fn host_root_is_assembled_entry_by_entry() {
        let sys = host();
        assert_eq!(host_root(&sys).unwrap(), PathBuf::from("/c/merged"));
        let p = |s: &str| PathBuf::from(s);
        let mkdir = |path: &str, parents| Call::Mkdir {
            path: p(path),
            parents,
        };
        let mount =
            |source: &str, target: &str, fstype: Option<&str>, flags, data: Option<&str>| {
                Call::Mount {
                    source: Some(p(source)),
                    target: p(target),
                    fstype: fstype.map(str::to_string),
                    flags,
                    data: data.map(str::to_string),
                }
            };
        let rdonly = |path: &str, recursive| Call::SetAttrs {
            path: p(path),
            set: ATTR_RDONLY,
            clear: 0,
            recursive,
        };
        let fresh = MsFlags::MS_NOSUID | MsFlags::MS_NODEV;
        assert_eq!(
            sys.calls(),
            [
                mount(
                    "tmpfs",
                    "/c/merged",
                    Some("tmpfs"),
                    MsFlags::empty(),
                    Some("mode=755")
                ),
                Call::Symlink {
                    target: "usr/lib".into(),
                    link: p("/c/merged/lib"),
                },
                mkdir("/c/merged/usr", false),
                mkdir("/c/upper/usr", true),
                mkdir("/c/work/usr", true),
                mount(
                    "overlay",
                    "/c/merged/usr",
                    Some("overlay"),
                    MsFlags::empty(),
                    Some("lowerdir=/usr,upperdir=/c/upper/usr,workdir=/c/work/usr,userxattr")
                ),
                mkdir("/c/merged/home", false),
                mount(
                    "/home",
                    "/c/merged/home",
                    None,
                    MsFlags::MS_BIND | MsFlags::MS_REC,
                    None
                ),
                rdonly("/c/merged/home", true),
                mkdir("/c/merged/proc", false),
                mkdir("/c/merged/tmp", false),
                mount(
                    "tmpfs",
                    "/c/merged/tmp",
                    Some("tmpfs"),
                    fresh,
                    Some("mode=1777")
                ),
                Call::Write {
                    path: p("/c/merged/swapfile"),
                    data: String::new(),
                },
                mount(
                    "/swapfile",
                    "/c/merged/swapfile",
                    None,
                    MsFlags::MS_BIND,
                    None
                ),
                rdonly("/c/merged/swapfile", false),
            ]
        );
    }

    #[test]
    fn a_failed_host_root_step_is_named() {
        let fails = |matches: fn(&Call) -> bool| {
            host_root(&host().fail(matches, Errno::EACCES)).unwrap_err()
        };
        let e = fails(|c| matches!(c, Call::Symlink { .. }));
        assert!(e.starts_with("/c/merged/lib: "), "{e}");
        let e = fails(|c| matches!(c, Call::Mkdir { parents: true, .. }));
        assert!(e.starts_with("/c/upper/usr: "), "{e}");
        let e = fails(|c| matches!(c, Call::Mount { fstype: Some(t), .. } if t == "overlay"));
        assert!(
            e.starts_with("mounting the overlay root file system: "),
            "{e}"
        );
        let e = fails(|c| {
            matches!(
                c,
                Call::SetAttrs {
                    recursive: true,
                    ..
                }
            )
        });
        assert!(e.starts_with("making /home read-only: "), "{e}");
        let e = fails(|c| matches!(c, Call::Write { .. }));
        assert!(e.starts_with("/c/merged/swapfile: "), "{e}");
        let e = host_root(&Recorder::new()).unwrap_err();
        assert!(e.starts_with("reading mountinfo: "), "{e}");
    }

    #[test]
    fn common_parent_of_layers() {
        let l = vec![
            PathBuf::from("/s/layers/a/diff"),
            PathBuf::from("/s/layers/b/diff"),
        ];
        assert_eq!(common_parent(&l), Some(PathBuf::from("/s/layers")));
    }

    /// The content of `p` (or the error), as this thread's mount namespace sees it.
    fn read(p: &Path) -> String {
        fs::read_to_string(p).unwrap_or_else(|e| format!("{}: {e}", p.display()))
    }

    fn mounted_on(p: &Path) -> bool {
        let info = fs::read_to_string("/proc/thread-self/mountinfo").unwrap();
        mount_points(&info).iter().any(|m| m == p)
    }

    #[test]
    fn image_layers_are_mounted_top_first_even_past_a_page_of_options() {
        if !crate::runtime::mounts::private_mount_namespace_for_test() {
            return;
        }
        let t = tempfile::tempdir().unwrap();
        let layers = |n: usize| -> Vec<PathBuf> {
            (0..n)
                .map(|i| t.path().join(format!("layers-{n}/{i:0>30}")))
                .collect()
        };
        // 100 layers: absolute paths make the options longer than a page (the kernel's limit),
        // paths relative to their common parent do not.
        let lower = layers(100);
        for (i, l) in lower.iter().enumerate() {
            fs::create_dir_all(l).unwrap();
            fs::write(l.join("same"), i.to_string()).unwrap();
            fs::write(l.join(format!("f{i}")), "").unwrap();
        }
        assert!(overlay_data(&lower, t.path(), t.path(), false).len() > 4096);
        let (upper, work, merged) = (t.path().join("u"), t.path().join("w"), t.path().join("m"));
        for d in [&upper, &work, &merged] {
            fs::create_dir(d).unwrap();
        }
        let rootfs = Rootfs::Image {
            lower: lower.clone(),
            upper: upper.clone(),
            work: work.clone(),
            merged: merged.clone(),
        };
        assert_eq!(mount_rootfs(&rootfs, false).unwrap(), merged);
        assert_eq!(
            read(&merged.join("same")),
            "0",
            "the first layer is the top one"
        );
        assert!(merged.join("f0").exists() && merged.join("f99").exists());
        fs::write(merged.join("new"), "x").unwrap();
        assert_eq!(read(&upper.join("new")), "x");
        nix::mount::umount2(&merged, nix::mount::MntFlags::MNT_DETACH).unwrap();
        // 150 layers are too long even relative: refused before mounting, saying why.
        let lower = layers(150);
        for l in &lower {
            fs::create_dir_all(l).unwrap();
        }
        let rootfs = Rootfs::Image {
            lower,
            upper,
            work,
            merged: merged.clone(),
        };
        let e = mount_rootfs(&rootfs, false).unwrap_err();
        assert!(e.contains("too many layers (150)"), "{e}");
        assert!(!mounted_on(&merged));
    }

    #[test]
    fn directory_roots_are_bound_or_overlaid() {
        if !crate::runtime::mounts::private_mount_namespace_for_test() {
            return;
        }
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("dir");
        fs::create_dir_all(dir.join("etc")).unwrap();
        fs::write(dir.join("etc/f"), "lower").unwrap();
        // --rootfs DIR: DIR itself, as a recursive bind onto itself.
        let rootfs = Rootfs::Dir { path: dir.clone() };
        assert_eq!(mount_rootfs(&rootfs, false).unwrap(), dir);
        assert!(mounted_on(&dir));
        nix::mount::umount2(&dir, nix::mount::MntFlags::MNT_DETACH).unwrap();
        // --rootfs DIR:O: an overlay on DIR; writes reach the upper directory only.
        let (upper, work, merged) = (t.path().join("u"), t.path().join("w"), t.path().join("m"));
        for d in [&upper, &work, &merged] {
            fs::create_dir(d).unwrap();
        }
        let rootfs = Rootfs::DirOverlay {
            path: dir.clone(),
            upper: upper.clone(),
            work,
            merged: merged.clone(),
        };
        assert_eq!(mount_rootfs(&rootfs, false).unwrap(), merged);
        assert_eq!(read(&merged.join("etc/f")), "lower");
        fs::write(merged.join("etc/f"), "changed").unwrap();
        assert_eq!(read(&dir.join("etc/f")), "lower");
        assert_eq!(read(&upper.join("etc/f")), "changed");
        nix::mount::umount2(&merged, nix::mount::MntFlags::MNT_DETACH).unwrap();
    }
}
