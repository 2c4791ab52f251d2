//! Image archives: docker-archive (`docker save` / `docker load`), oci-archive (an OCI
//! image layout in a tar) and OCI layout directories, read in place and written atomically.

mod members;
mod read;
mod transport;
mod write;

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

pub use members::Section;
pub use read::{
    read_archive, read_archive_dir, read_archive_from, Archive, ArchiveFormat, ArchiveImage,
    ArchiveLayer,
};
pub use transport::{LocalLocation, Transport};
pub use write::{
    write_docker_archive, write_docker_archive_to, write_oci_archive, write_oci_archive_to,
    write_oci_dir, ArchiveEntry, LayerSource, WrittenImage,
};

use crate::error::{Error, Result};

/// A read-write file in `dir` that is already unlinked, so nothing is left behind however
/// the process ends.
pub(crate) fn unnamed_temp_file(dir: &Path) -> Result<File> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = dir.join(format!(".skiff-spool-{}-{n}-{nanos}", std::process::id()));
        match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(f) => {
                std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
                return Ok(f);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Err(Error::io(
        dir,
        std::io::Error::other("cannot create a temporary file"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compression::Compression;
    use crate::config::ImageConfig;
    use crate::digest::Digest;
    use std::io::{Read, Write};

    /// A one-file tar layer.
    fn layer(name: &str, body: &[u8]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(body.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, name, body).unwrap();
        b.into_inner().unwrap()
    }

    fn config(diff_ids: &[Digest]) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({
            "architecture": "amd64", "os": "linux", "config": {"Cmd": ["/bin/sh"]},
            "rootfs": {"type": "layers", "diff_ids": diff_ids}
        }))
        .unwrap()
    }

    fn entries<'a>(l1: &'a [u8], l2: &'a [u8]) -> Vec<ArchiveEntry<'a>> {
        let (d1, d2) = (Digest::of(l1), Digest::of(l2));
        vec![
            ArchiveEntry {
                repo_tags: vec!["a:1".into(), "localhost/a:2".into()],
                config: config(&[d1.clone(), d2.clone()]),
                layers: vec![
                    LayerSource::from_reader(d1.clone(), Compression::None, l1),
                    LayerSource::from_fn(d2, move |w| {
                        w.write_all(l2).map_err(|e| Error::io("test", e))?;
                        Ok(())
                    }),
                ],
            },
            ArchiveEntry {
                repo_tags: vec![],
                config: config(std::slice::from_ref(&d1)),
                layers: vec![LayerSource::from_reader(d1, Compression::None, l1)],
            },
        ]
    }

    fn layer_bytes(l: &ArchiveLayer) -> Vec<u8> {
        let mut out = Vec::new();
        l.open().read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn docker_and_oci_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let l1 = layer("etc/one", b"one");
        let l2 = layer("etc/two", b"two");
        for (file, format) in [
            ("d.tar", ArchiveFormat::Docker),
            ("o.tar", ArchiveFormat::Oci),
        ] {
            let out = dir.path().join(file);
            let written = match format {
                ArchiveFormat::Docker => write_docker_archive(&out, entries(&l1, &l2)).unwrap(),
                ArchiveFormat::Oci => write_oci_archive(&out, entries(&l1, &l2)).unwrap(),
            };
            assert_eq!(written[0].diff_ids, vec![Digest::of(&l1), Digest::of(&l2)]);
            let a = read_archive(&out).unwrap();
            assert_eq!(a.format, format);
            assert_eq!(a.images.len(), 2);
            let img = &a.images[0];
            assert_eq!(img.repo_tags, ["a:1", "localhost/a:2"]);
            assert_eq!(img.config_digest, Digest::of(&img.config));
            assert_eq!(img.config_digest, written[0].config_digest);
            assert_eq!(
                ImageConfig::parse(&img.config).unwrap().config.cmd.unwrap(),
                ["/bin/sh"]
            );
            assert_eq!(img.layers.len(), 2);
            assert_eq!(layer_bytes(&img.layers[0]), l1);
            assert_eq!(layer_bytes(&img.layers[1]), l2);
            assert_eq!(img.layers[1].diff_id, Digest::of(&l2));
            assert!(a.images[1].repo_tags.is_empty());
            assert_eq!(layer_bytes(&a.images[1].layers[0]), l1);
            let leftovers: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert!(
                leftovers
                    .iter()
                    .all(|n| !n.to_string_lossy().starts_with('.')),
                "{leftovers:?}"
            );
        }
    }

    #[test]
    fn oci_dir_round_trip_and_merge() {
        let dir = tempfile::tempdir().unwrap();
        let layout = dir.path().join("layout");
        let l1 = layer("etc/one", b"one");
        let l2 = layer("etc/two", b"two");
        write_oci_dir(&layout, entries(&l1, &l2)).unwrap();
        assert!(layout.join("oci-layout").is_file());
        let a = read_archive_dir(&layout).unwrap();
        assert_eq!(a.format, ArchiveFormat::Oci);
        assert_eq!(a.images.len(), 2);
        assert_eq!(a.images[0].repo_tags, ["a:1", "localhost/a:2"]);
        assert_eq!(layer_bytes(&a.images[0].layers[1]), l2);
        // A second save adds to the layout and replaces only the names it writes again.
        let d1 = Digest::of(&l1);
        let again = vec![ArchiveEntry {
            repo_tags: vec!["b:1".into(), "a:1".into()],
            config: config(std::slice::from_ref(&d1)),
            layers: vec![LayerSource::from_reader(d1, Compression::None, &l1[..])],
        }];
        write_oci_dir(&layout, again).unwrap();
        let a = read_archive_dir(&layout).unwrap();
        let names: Vec<&str> = a
            .images
            .iter()
            .flat_map(|i| i.repo_tags.iter().map(String::as_str))
            .collect();
        assert_eq!(names, ["localhost/a:2", "b:1", "a:1"]);
        let leftovers: Vec<_> = std::fs::read_dir(&layout)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        let loc = LocalLocation::parse(&format!("oci:{}:b:1", layout.display()))
            .unwrap()
            .unwrap();
        let chosen = loc.select(read_archive_dir(&loc.path).unwrap()).unwrap();
        assert_eq!(chosen.len(), 1);
        let missing = LocalLocation::parse(&format!("oci:{}:nope", layout.display()))
            .unwrap()
            .unwrap();
        let err = missing
            .select(read_archive_dir(&layout).unwrap())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("b:1"), "{err}");
        // A blob that is a symlink is refused rather than followed.
        let blob = &a.images[1].config_digest;
        let path = layout.join("blobs/sha256").join(blob.hex());
        std::fs::rename(&path, dir.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), &path).unwrap();
        assert!(read_archive_dir(&layout).is_err());
        assert!(read_archive_dir(&dir.path().join("none")).is_err());
        // A symlinked directory on the way cannot lead out of the layout: `blobs` pointing
        // at a copy outside is resolved inside the layout, where the blobs are not.
        std::fs::remove_file(&path).unwrap();
        std::fs::rename(dir.path().join("elsewhere"), &path).unwrap();
        assert!(read_archive_dir(&layout).is_ok());
        let outside = dir.path().join("outside");
        std::fs::rename(layout.join("blobs"), &outside).unwrap();
        std::os::unix::fs::symlink(&outside, layout.join("blobs")).unwrap();
        assert!(read_archive_dir(&layout).is_err());
        // A FIFO in place of a blob is refused, not waited on.
        std::fs::remove_file(layout.join("blobs")).unwrap();
        std::fs::rename(&outside, layout.join("blobs")).unwrap();
        std::fs::remove_file(&path).unwrap();
        let fifo = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        assert!(read_archive_dir(&layout).is_err());
    }

    #[test]
    fn docker_archive_has_legacy_repositories() {
        let dir = tempfile::tempdir().unwrap();
        let l1 = layer("etc/one", b"one");
        let l2 = layer("etc/two", b"two");
        let out = dir.path().join("d.tar");
        write_docker_archive(&out, entries(&l1, &l2)).unwrap();
        let mut ar = tar::Archive::new(std::fs::File::open(&out).unwrap());
        let mut repositories = None;
        for e in ar.entries().unwrap() {
            let mut e = e.unwrap();
            if e.path().unwrap().to_str() == Some("repositories") {
                let mut s = String::new();
                e.read_to_string(&mut s).unwrap();
                repositories = Some(s);
            }
        }
        let top = Digest::of(&l2).hex().to_string();
        let want = serde_json::json!({"a": {"1": top}, "localhost/a": {"2": top}});
        let got: serde_json::Value = serde_json::from_str(&repositories.unwrap()).unwrap();
        assert_eq!(got, want);
    }

    #[test]
    fn mismatched_diff_ids_are_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let real = layer("x", b"x");
        let claimed = Digest::of(b"something else");
        let entry = ArchiveEntry {
            repo_tags: vec!["x:1".into()],
            config: config(std::slice::from_ref(&claimed)),
            layers: vec![LayerSource::from_reader(
                claimed,
                Compression::None,
                &real[..],
            )],
        };
        let out = dir.path().join("x.tar");
        let written = write_docker_archive(&out, vec![entry]).unwrap();
        assert_eq!(written[0].diff_ids, vec![Digest::of(&real)]);
        let a = read_archive(&out).unwrap();
        assert_eq!(a.images[0].layers[0].diff_id, Digest::of(&real));
        assert_eq!(a.images[0].config_digest, written[0].config_digest);
    }

    #[test]
    fn compressed_archives_and_layers() {
        let dir = tempfile::tempdir().unwrap();
        let l1 = layer("a", b"a");
        let d1 = Digest::of(&l1);
        // A docker save with a gzip layer, a legacy symlinked duplicate, then gzipped whole.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&l1).unwrap();
        let gz_layer = gz.finish().unwrap();
        let cfg = config(&[d1.clone(), d1.clone()]);
        let manifest = serde_json::json!([{"Config": "cfg.json", "RepoTags": null,
            "Layers": ["l1/layer.tar", "l2/layer.tar"]}]);
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in [
            ("cfg.json", cfg.clone()),
            ("l1/layer.tar", gz_layer),
            ("manifest.json", serde_json::to_vec(&manifest).unwrap()),
        ] {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_cksum();
            b.append_data(&mut h, name, &data[..]).unwrap();
        }
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        b.append_link(&mut h, "l2/layer.tar", "../l1/layer.tar")
            .unwrap();
        let plain = b.into_inner().unwrap();
        let path = dir.path().join("save.tar.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&plain).unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let a = read_archive(&path).unwrap();
        let img = &a.images[0];
        assert!(img.repo_tags.is_empty());
        assert_eq!(img.layers[0].compression, Compression::Gzip);
        assert_eq!(layer_bytes(&img.layers[0]), l1);
        assert_eq!(layer_bytes(&img.layers[1]), l1);
        let from_stream = read_archive_from(&plain[..], dir.path()).unwrap();
        assert_eq!(from_stream.images[0].config, cfg);
    }

    #[test]
    fn oci_zstd_layers_and_nested_index() {
        let dir = tempfile::tempdir().unwrap();
        let l1 = layer("z", b"zstd");
        let zl = zstd::encode_all(&l1[..], 1).unwrap();
        let cfg = config(&[Digest::of(&l1)]);
        let manifest = serde_json::to_vec(&serde_json::json!({"schemaVersion": 2,
            "mediaType": crate::manifest::MEDIA_TYPE_OCI_MANIFEST,
            "config": {"mediaType": crate::manifest::MEDIA_TYPE_OCI_CONFIG, "digest": Digest::of(&cfg), "size": cfg.len()},
            "layers": [{"mediaType": crate::manifest::MEDIA_TYPE_OCI_LAYER_ZSTD, "digest": Digest::of(&zl), "size": zl.len()}]}))
        .unwrap();
        let host = crate::platform::Platform::host();
        let inner = serde_json::to_vec(&serde_json::json!({"schemaVersion": 2,
            "mediaType": crate::manifest::MEDIA_TYPE_OCI_INDEX,
            "manifests": [{"mediaType": crate::manifest::MEDIA_TYPE_OCI_MANIFEST, "digest": Digest::of(&manifest),
                           "size": manifest.len(), "platform": {"os": host.os, "architecture": host.architecture}}]}))
        .unwrap();
        let index = serde_json::to_vec(&serde_json::json!({"schemaVersion": 2,
            "manifests": [{"mediaType": crate::manifest::MEDIA_TYPE_OCI_INDEX, "digest": Digest::of(&inner),
                           "size": inner.len(), "annotations": {"io.containerd.image.name": "docker.io/library/z:1",
                           "org.opencontainers.image.ref.name": "1"}},
                          // An attestation whose blob is absent: skipped, never read.
                          {"mediaType": crate::manifest::MEDIA_TYPE_OCI_MANIFEST, "digest": Digest::of(b"att"),
                           "size": 3, "platform": {"os": "unknown", "architecture": "unknown"}}]}))
        .unwrap();
        let mut b = tar::Builder::new(Vec::new());
        for data in [&cfg, &zl, &manifest, &inner] {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_cksum();
            b.append_data(
                &mut h,
                format!("./blobs/sha256/{}", Digest::of(data).hex()),
                &data[..],
            )
            .unwrap();
        }
        let mut h = tar::Header::new_gnu();
        h.set_size(index.len() as u64);
        h.set_cksum();
        b.append_data(&mut h, "index.json", &index[..]).unwrap();
        let path = dir.path().join("oci.tar");
        std::fs::write(&path, b.into_inner().unwrap()).unwrap();
        let a = read_archive(&path).unwrap();
        assert_eq!(a.images.len(), 1);
        let img = &a.images[0];
        assert_eq!(img.repo_tags, ["docker.io/library/z:1"]);
        assert_eq!(img.manifest_digest, Some(Digest::of(&manifest)));
        assert_eq!(img.layers[0].compression, Compression::Zstd);
        assert_eq!(img.layers[0].blob_digest, Some(Digest::of(&zl)));
        assert_eq!(layer_bytes(&img.layers[0]), l1);
    }

    #[test]
    fn hostile_and_broken_archives() {
        let dir = tempfile::tempdir().unwrap();
        let write_tar = |name: &str, entries: &[(&str, &[u8])]| {
            let mut data = Vec::new();
            for (n, body) in entries {
                // Raw headers: the tar crate refuses to build '..' names itself.
                let mut h = tar::Header::new_old();
                h.as_old_mut().name[..n.len()].copy_from_slice(n.as_bytes());
                h.set_size(body.len() as u64);
                h.set_mode(0o644);
                h.set_cksum();
                data.extend_from_slice(h.as_bytes());
                data.extend_from_slice(body);
                data.resize(data.len().div_ceil(512) * 512, 0);
            }
            data.extend_from_slice(&[0; 1024]);
            let p = dir.path().join(name);
            std::fs::write(&p, data).unwrap();
            p
        };
        let err = |p: &Path| read_archive(p).err().expect("must fail").to_string();
        assert!(err(&write_tar("dotdot.tar", &[("../evil", b"x")])).contains(".."));
        assert!(err(&write_tar("abs.tar", &[("/etc/evil", b"x")])).contains("absolute"));
        assert!(err(&write_tar("empty.tar", &[("x", b"x")])).contains("neither"));
        let m = br#"[{"Config":"../c.json","RepoTags":[],"Layers":[]}]"#;
        assert!(err(&write_tar("ref.tar", &[("manifest.json", m)])).contains(".."));
        let m = br#"[{"Config":"c.json","RepoTags":[],"Layers":["l.tar"]}]"#;
        assert!(err(&write_tar(
            "missing.tar",
            &[("manifest.json", m), ("c.json", b"{}")]
        ))
        .contains("diff ids"));
        let m = br#"[{"Config":"c.json","RepoTags":[],"Layers":[]}]"#;
        assert!(
            err(&write_tar("missing2.tar", &[("manifest.json", m)])).contains("not in the archive")
        );
        assert!(read_archive(&dir.path().join("nope.tar")).is_err());
    }

    proptest::proptest! {
        #[test]
        fn reading_never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
            let _ = read_archive_from(&bytes[..], &std::env::temp_dir());
        }

        #[test]
        fn reading_mutated_archives_never_panics(pos in 0usize..100_000, byte in proptest::prelude::any::<u8>()) {
            let l1 = layer("a", b"a");
            let l2 = layer("b", b"b");
            let mut out = Vec::new();
            let spool = std::env::temp_dir();
            write_oci_archive_to(&mut out, entries(&l1, &l2), &spool).unwrap();
            let i = pos % out.len();
            out[i] = byte;
            if let Ok(a) = read_archive_from(&out[..], &spool) {
                for img in &a.images {
                    for l in &img.layers {
                        let _ = l.open().read_to_end(&mut Vec::new());
                        let _ = l.stored_digest();
                    }
                }
            }
        }
    }
}
