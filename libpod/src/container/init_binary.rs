//! The `--init` binary: skiff-init (libpod/init/skiff-init.rs, built statically by build.rs) is
//! embedded in skiff and written once to `<root>/libexec/skiff-init`, from where the runtime
//! bind-mounts it read-only into containers that asked for `--init`. A separate file, so the
//! container never maps or reaches the skiff binary itself.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{IoContext, Result};

/// The static init executable.
const SKIFF_INIT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/skiff-init"));

/// The host path of skiff-init under `root`, written (or rewritten, when it differs from the
/// embedded one) first.
pub(crate) fn install(root: &Path) -> Result<PathBuf> {
    install_at(&root.join("libexec"), "skiff-init")
}

/// Writes skiff-init as `dir/name` (or rewrites it when it differs from the embedded one) and
/// returns its path: a pod's pause root file system holds a copy (see `pod::infra`).
pub(crate) fn install_at(dir: &Path, name: &str) -> Result<PathBuf> {
    let path = dir.join(name);
    if std::fs::read(&path).is_ok_and(|b| b == SKIFF_INIT) {
        return Ok(path);
    }
    std::fs::create_dir_all(dir).at(dir)?;
    let tmp = dir.join(format!(".{name}.{}", std::process::id()));
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o755)
        .open(&tmp)
        .at(&tmp)?;
    f.write_all(SKIFF_INIT).at(&tmp)?;
    f.sync_all().at(&tmp)?;
    drop(f);
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o555)).at(&tmp)?;
    std::fs::rename(&tmp, &path).at(&path)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installs_once_and_repairs_a_changed_copy() {
        let d = tempfile::tempdir().unwrap();
        let p = install(d.path()).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), SKIFF_INIT);
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o555
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(&p, b"not the init").unwrap();
        assert_eq!(install(d.path()).unwrap(), p);
        assert_eq!(std::fs::read(&p).unwrap(), SKIFF_INIT);
    }

    #[test]
    fn the_embedded_init_is_a_static_executable() {
        let b = SKIFF_INIT;
        assert_eq!(&b[..5], b"\x7fELF\x02", "a 64-bit ELF executable");
        let u16_at = |o: usize| u16::from_le_bytes([b[o], b[o + 1]]) as usize;
        let phoff = u64::from_le_bytes(b[0x20..0x28].try_into().unwrap()) as usize;
        let (phentsize, phnum) = (u16_at(0x36), u16_at(0x38));
        // A static executable has no PT_INTERP (program interpreter) segment.
        const PT_INTERP: u32 = 3;
        for i in 0..phnum {
            let o = phoff + i * phentsize;
            let p_type = u32::from_le_bytes(b[o..o + 4].try_into().unwrap());
            assert_ne!(p_type, PT_INTERP, "skiff-init is dynamically linked");
        }
    }
}
