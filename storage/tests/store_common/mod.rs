//! Helpers shared by the store tests: a store next to a "victim" directory that hostile
//! layers aim at, and builders for tar streams, including names `tar::Builder` refuses.
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use skiff_storage::store::{ExtractOptions, LayerInfo, Store};
use skiff_storage::{Compression, Digest, Result};

/// A temp dir holding `store/` and an empty `victim/`.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("victim")).unwrap();
        fs::write(dir.path().join("victim/secret"), b"secret").unwrap();
        let store = Store::open(&dir.path().join("store")).unwrap();
        Env { dir, store }
    }

    pub fn victim(&self) -> PathBuf {
        self.dir.path().join("victim")
    }

    /// Asserts nothing was created or changed outside the store: the victim holds only its
    /// untouched secret (one link), and the temp dir only `store` and `victim`.
    pub fn assert_nothing_outside(&self) {
        let mut top: Vec<_> = fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        top.sort();
        assert_eq!(
            top,
            ["store", "victim"],
            "something was created next to the store"
        );
        let victim: Vec<_> = fs::read_dir(self.victim())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            victim,
            ["secret"],
            "something was created in the victim dir"
        );
        assert_eq!(fs::read(self.victim().join("secret")).unwrap(), b"secret");
        use std::os::unix::fs::MetadataExt;
        assert_eq!(
            fs::metadata(self.victim().join("secret")).unwrap().nlink(),
            1,
            "victim file was hardlinked"
        );
        assert!(!Path::new("/tmp/pwned").exists());
    }

    /// Asserts the store kept nothing: no blobs, no layers, empty tmp/.
    pub fn assert_store_empty(&self) {
        for sub in ["blobs/sha256", "layers", "tmp"] {
            let n = fs::read_dir(self.store.root().join(sub)).unwrap().count();
            assert_eq!(n, 0, "store/{sub} is not empty");
        }
    }

    /// Ingests an uncompressed tar.
    pub fn ingest(&self, tar: &[u8], opts: &ExtractOptions) -> Result<LayerInfo> {
        self.store
            .ingest_layer(tar, &Digest::of(tar), Compression::None, None, None, opts)
    }
}

pub fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Says why the calling test skips itself (the caller then returns). In a rig run
/// (tests/ci.sh sets `SKIFF_CI_RUN`), which runs these tests as root with every tool they need,
/// a missing prerequisite is a failure instead: a lost one must not turn into passes.
pub fn skip(reason: &str) {
    if std::env::var_os("SKIFF_CI_RUN").is_some_and(|v| !v.is_empty()) {
        panic!("{reason}, but tests/ci.sh (SKIFF_CI_RUN) provides it: failing, not skipping");
    }
    eprintln!("skipping: {reason}");
}

/// A tar stream under construction.
pub struct Tar {
    pub b: tar::Builder<Vec<u8>>,
}

impl Tar {
    pub fn new() -> Tar {
        Tar {
            b: tar::Builder::new(Vec::new()),
        }
    }

    fn header(kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_size(size);
        h.set_mtime(1_600_000_000);
        h.set_uid(0);
        h.set_gid(0);
        h
    }

    pub fn file(&mut self, name: &str, data: &[u8]) -> &mut Tar {
        self.file_with(name, data, 0o644, 0, 0)
    }

    pub fn file_with(
        &mut self,
        name: &str,
        data: &[u8],
        mode: u32,
        uid: u64,
        gid: u64,
    ) -> &mut Tar {
        let mut h = Tar::header(tar::EntryType::Regular, mode, data.len() as u64);
        h.set_uid(uid);
        h.set_gid(gid);
        self.b.append_data(&mut h, name, data).unwrap();
        self
    }

    pub fn dir(&mut self, name: &str, mode: u32) -> &mut Tar {
        let mut h = Tar::header(tar::EntryType::Directory, mode, 0);
        self.b.append_data(&mut h, name, std::io::empty()).unwrap();
        self
    }

    pub fn symlink(&mut self, name: &str, target: &str) -> &mut Tar {
        self.raw(
            name.as_bytes(),
            tar::EntryType::Symlink,
            target.as_bytes(),
            b"",
        )
    }

    pub fn hardlink(&mut self, name: &str, target: &str) -> &mut Tar {
        self.raw(
            name.as_bytes(),
            tar::EntryType::Link,
            target.as_bytes(),
            b"",
        )
    }

    pub fn node(&mut self, name: &str, kind: tar::EntryType, major: u32, minor: u32) -> &mut Tar {
        let mut h = Tar::header(kind, 0o644, 0);
        h.set_device_major(major).unwrap();
        h.set_device_minor(minor).unwrap();
        self.b.append_data(&mut h, name, std::io::empty()).unwrap();
        self
    }

    pub fn xattr_file(&mut self, name: &str, data: &[u8], attr: &str, value: &[u8]) -> &mut Tar {
        let key = format!("SCHILY.xattr.{attr}");
        self.b
            .append_pax_extensions([(key.as_str(), value)])
            .unwrap();
        self.file(name, data)
    }

    /// An entry with exactly these name and link bytes (no validation at all).
    pub fn raw(&mut self, name: &[u8], kind: tar::EntryType, link: &[u8], data: &[u8]) -> &mut Tar {
        let mut h = Tar::header(kind, 0o777, data.len() as u64);
        let old = h.as_old_mut();
        old.name = [0; 100];
        old.name[..name.len()].copy_from_slice(name);
        old.linkname = [0; 100];
        old.linkname[..link.len()].copy_from_slice(link);
        h.set_cksum();
        self.b.append(&h, data).unwrap();
        self
    }

    pub fn finish(&mut self) -> Vec<u8> {
        self.b.finish().unwrap();
        self.b.get_ref().clone()
    }
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}
