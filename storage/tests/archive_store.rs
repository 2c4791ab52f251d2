//! save/load through the store: layers ingested, written to a docker-archive and an
//! oci-archive from the unpacked layer directories, read back and ingested into a fresh store.

use std::fs;
use std::io::Read;

use skiff_storage::archive::{self, ArchiveEntry, LayerSource};
use skiff_storage::config::ImageConfig;
use skiff_storage::store::{ExtractOptions, Store};
use skiff_storage::{Compression, Digest};

/// A tar with one directory and one file.
fn layer(file: &str, body: &[u8]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Directory);
    h.set_size(0);
    h.set_mode(0o755);
    h.set_mtime(1_700_000_000);
    h.set_uid(0);
    h.set_gid(0);
    b.append_data(&mut h, "etc/", &[][..]).unwrap();
    let mut h = tar::Header::new_gnu();
    h.set_size(body.len() as u64);
    h.set_mode(0o644);
    h.set_mtime(1_700_000_000);
    h.set_uid(0);
    h.set_gid(0);
    b.append_data(&mut h, file, body).unwrap();
    b.into_inner().unwrap()
}

fn opts() -> ExtractOptions {
    ExtractOptions {
        rootless: !nix::unistd::geteuid().is_root(),
    }
}

#[test]
fn save_and_load_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a")).unwrap();
    let tars = [layer("etc/one", b"first"), layer("etc/two", b"second")];
    let mut parent: Option<Digest> = None;
    let mut chains = Vec::new();
    for t in &tars {
        let d = Digest::of(t);
        let info = store
            .ingest_layer(
                &t[..],
                &d,
                Compression::None,
                parent.as_ref(),
                Some(&d),
                &opts(),
            )
            .unwrap();
        parent = Some(info.chain_id.clone());
        chains.push(info.chain_id);
    }
    let diff_ids: Vec<Digest> = tars.iter().map(|t| Digest::of(t)).collect();
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64", "os": "linux", "config": {"Cmd": ["/bin/sh"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids}
    }))
    .unwrap();
    let entry = || ArchiveEntry {
        repo_tags: vec!["localhost/two:1".to_string()],
        config: config.clone(),
        layers: chains
            .iter()
            .zip(&diff_ids)
            .map(|(chain, diff)| {
                let store = &store;
                LayerSource::from_fn(diff.clone(), move |w| {
                    store.write_layer_tar(chain, w).map(drop)
                })
            })
            .collect(),
    };
    let docker = dir.path().join("docker.tar");
    let oci = dir.path().join("oci.tar");
    let written = archive::write_docker_archive(&docker, vec![entry()]).unwrap();
    archive::write_oci_archive(&oci, vec![entry()]).unwrap();

    for path in [&docker, &oci] {
        let a = archive::read_archive(path).unwrap();
        let img = &a.images[0];
        assert_eq!(img.repo_tags, ["localhost/two:1"]);
        assert_eq!(img.config_digest, written[0].config_digest);
        let cfg = ImageConfig::parse(&img.config).unwrap();
        assert_eq!(cfg.rootfs.diff_ids, written[0].diff_ids);
        let fresh = Store::open(
            &dir.path()
                .join(format!("b-{}", path.file_name().unwrap().to_string_lossy())),
        )
        .unwrap();
        let mut parent: Option<Digest> = None;
        for l in &img.layers {
            let blob = l.stored_digest().unwrap();
            let info = fresh
                .ingest_layer(
                    l.raw(),
                    &blob,
                    l.compression,
                    parent.as_ref(),
                    Some(&l.diff_id),
                    &opts(),
                )
                .unwrap();
            parent = Some(info.chain_id);
        }
        let top = fresh.layer_dir(parent.as_ref().unwrap());
        let mut found = String::new();
        for entry in walk(&top) {
            if entry.ends_with("etc/two") {
                fs::File::open(&entry)
                    .unwrap()
                    .read_to_string(&mut found)
                    .unwrap();
            }
        }
        assert_eq!(
            found,
            "second",
            "layer content survives save and load ({})",
            path.display()
        );
    }
}

/// Every file path under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() && !p.is_symlink() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
