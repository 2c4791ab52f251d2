//! `system check [--repair] [--force]`: a catalog with a garbage header, cut short or deleted,
//! a blob with flipped bytes and a layer with a missing file, each reported line by line and
//! repaired: images come back by name and digest, volumes with their data, lost containers'
//! processes stop, and `run` works again. Run as root and rootless; as root, a disk that fills
//! up leaves the catalog readable.

use std::path::{Path, PathBuf};

use crate::harness::{image, Skiff};

/// What a test set up before damaging the store.
struct Setup {
    /// The pulled fixture image.
    img: String,
    /// Its names as the report lists them (sorted, full form).
    names: String,
    /// `images` lines (`REPO:TAG DIGEST`) before the damage.
    images: String,
}

/// Pulls busybox, tags it `mybox:1` and leaves "kept" in volume `data`.
fn populate(sk: &Skiff) -> Setup {
    let img = image("busybox:latest");
    sk.ok(&["pull", "-q", &img]);
    sk.ok(&["tag", &img, "mybox:1"]);
    sk.ok(&[
        "run",
        "--rm",
        "-v",
        "data:/data",
        &img,
        "sh",
        "-c",
        "echo kept > /data/f",
    ]);
    let mut names = [img.clone(), "docker.io/library/mybox:1".to_string()];
    names.sort();
    Setup {
        names: names.join(", "),
        images: image_lines(sk),
        img,
    }
}

/// `images` as `REPO:TAG DIGEST` lines.
fn image_lines(sk: &Skiff) -> String {
    sk.ok(&[
        "images",
        "--digests",
        "--format",
        "{{.Repository}}:{{.Tag}} {{.Digest}}",
    ])
}

fn catalog(sk: &Skiff) -> PathBuf {
    sk.root().join("catalog.db")
}

/// Copies the WAL into the catalog file (as SQLite's checkpoint does), so that what is
/// written to the file next is what SQLite reads.
fn checkpoint(sk: &Skiff) {
    let conn = rusqlite::Connection::open(catalog(sk)).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

/// `system check` with `args`: its exit status and stdout lines.
fn check(sk: &Skiff, args: &[&str]) -> (i32, Vec<String>) {
    let out = sk.run(&[&["system", "check"][..], args].concat());
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    (out.status, out.stdout.lines().map(String::from).collect())
}

/// What comes back after a repair of the catalog: the same images (names and digests),
/// the volume with its data, and `run`.
fn assert_restored(sk: &Skiff, setup: &Setup) {
    assert_eq!(image_lines(sk), setup.images);
    // Listed before anything uses it (`run -v data:` would make it anew).
    assert_eq!(sk.ok(&["volume", "ls", "-q"]), "data\n");
    let data = sk.ok(&[
        "run",
        "--rm",
        "-v",
        "data:/data",
        "mybox:1",
        "cat",
        "/data/f",
    ]);
    assert_eq!(data, "kept\n");
    assert_eq!(check(sk, &[]), (0, vec!["No damage found".to_string()]));
}

/// The repair line that names where the damaged catalog was kept; checks that file exists.
fn kept_line(sk: &Skiff, lines: &[String]) -> String {
    let prefix = format!(
        "catalog {}: the damaged file is kept as ",
        catalog(sk).display()
    );
    let line = lines
        .iter()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {prefix:?} in {lines:#?}"));
    let kept = line[prefix.len()..]
        .strip_suffix("; a new catalog was started")
        .unwrap();
    assert!(Path::new(kept).is_file(), "{kept}");
    assert!(kept.starts_with(&format!("{}.damaged-", catalog(sk).display())));
    line.clone()
}

#[test]
fn garbage_header_is_named_by_every_command_and_repaired() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let setup = populate(&sk);
    let id = sk
        .ok(&["run", "-d", &setup.img, "sleep", "1000"])
        .trim()
        .to_string();
    let pid: i32 = sk
        .ok(&["inspect", "-f", "{{.State.Pid}}", &id])
        .trim()
        .parse()
        .unwrap();
    checkpoint(&sk);
    let mut data = std::fs::read(catalog(&sk)).unwrap();
    data[..100].fill(b'#');
    std::fs::write(catalog(&sk), data).unwrap();

    let db = catalog(&sk).display().to_string();
    // Said once, naming the file and what to run (`run` says it while resolving its image).
    let message = format!(
        "the catalog {db} is damaged (file is not a database): run `skiff system check` to see \
         what is damaged and `skiff system check --repair` to rebuild it from the store\n"
    );
    for args in [&["images"][..], &["run", "--rm", &setup.img, "true"]] {
        let out = sk.fails(args, 125);
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.starts_with("Error: ") && out.stderr.ends_with(&message),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert_eq!(sk.fails(&["ps"], 125).stderr, format!("Error: {message}"));
    // What does not need the catalog still works.
    assert!(sk.ok(&["--version"]).starts_with("skiff "));
    assert!(sk.ok(&["--help"]).contains("system"));

    let dir = sk.root().join("storage/containers").join(&id);
    let damage = vec![
        format!("catalog {db}: damaged: file is not a database"),
        format!(
            "container {id}: missing from the catalog; its directory is {}",
            dir.display()
        ),
        format!("container {id}: still running without a record"),
        format!("image {}: missing from the catalog", setup.names),
        "volume data: missing from the catalog".to_string(),
    ];
    let mut want = damage.clone();
    want.push("5 damaged: run `skiff system check --repair` to repair".into());
    assert_eq!(check(&sk, &[]), (1, want));

    let (status, lines) = check(&sk, &["--repair", "--force"]);
    let mut want = damage;
    want.extend([
        kept_line(&sk, &lines),
        format!("image {}: restored", setup.names),
        "volume data: restored with its data".to_string(),
        format!("container {id}: stopped its processes"),
        format!("container {id}: removed its directory"),
        "5 damaged, all repaired".to_string(),
    ]);
    assert_eq!((status, lines), (0, want));
    // The lost container's process is gone, and so is its directory.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "pid {pid} still runs"
    );
    assert!(!dir.exists());
    assert_restored(&sk, &setup);
}

#[test]
fn truncated_catalog_is_moved_aside_and_rebuilt() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let setup = populate(&sk);
    checkpoint(&sk);
    let len = std::fs::metadata(catalog(&sk)).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(catalog(&sk))
        .unwrap()
        .set_len(len / 3)
        .unwrap();
    let (status, lines) = check(&sk, &[]);
    assert_eq!(status, 1);
    let prefix = format!("catalog {}: damaged: ", catalog(&sk).display());
    assert!(lines[0].starts_with(&prefix), "{lines:#?}");
    assert_eq!(
        lines[1..],
        [
            format!("image {}: missing from the catalog", setup.names),
            "volume data: missing from the catalog".to_string(),
            "3 damaged: run `skiff system check --repair` to repair".to_string(),
        ]
    );
    let (status, lines) = check(&sk, &["--repair"]);
    assert_eq!(
        (status, lines[3..].to_vec()),
        (
            0,
            vec![
                kept_line(&sk, &lines),
                format!("image {}: restored", setup.names),
                "volume data: restored with its data".to_string(),
                "3 damaged, all repaired".to_string(),
            ]
        )
    );
    assert_restored(&sk, &setup);
}

#[test]
fn deleted_catalog_is_rebuilt_from_the_store() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let setup = populate(&sk);
    // Only the file: its log (`catalog.db-wal`) stays behind, as after a careless `rm`.
    std::fs::remove_file(catalog(&sk)).unwrap();
    // Without the repair the catalog is empty, not an error.
    assert_eq!(image_lines(&sk), "");
    let damage = vec![
        format!("image {}: missing from the catalog", setup.names),
        "volume data: missing from the catalog".to_string(),
    ];
    let mut want = damage.clone();
    want.push("2 damaged: run `skiff system check --repair` to repair".into());
    assert_eq!(check(&sk, &[]), (1, want));

    let (status, lines) = check(&sk, &["--repair"]);
    let copied = lines
        .iter()
        .find(|l| l.ends_with(" before repairing"))
        .cloned()
        .unwrap_or_default();
    let copy = copied
        .strip_prefix(&format!("catalog {}: copied to ", catalog(&sk).display()))
        .and_then(|r| r.strip_suffix(" before repairing"))
        .unwrap_or_else(|| panic!("no copy line in {lines:#?}"));
    // The copy is a database SQLite reads.
    let conn = rusqlite::Connection::open(copy).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM images", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    let mut want = damage;
    want.extend([
        copied.clone(),
        format!("image {}: restored", setup.names),
        "volume data: restored with its data".to_string(),
        "2 damaged, all repaired".to_string(),
    ]);
    assert_eq!((status, lines), (0, want));
    assert_restored(&sk, &setup);
}

/// The chain id (hex) and blob digest of the fixture's only layer.
fn the_layer(sk: &Skiff) -> (String, String) {
    let layers = sk.root().join("storage/layers");
    let entry = std::fs::read_dir(&layers).unwrap().next().unwrap().unwrap();
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(entry.path().join("meta.json")).unwrap()).unwrap();
    (
        entry.file_name().into_string().unwrap(),
        meta["blob_digest"].as_str().unwrap().to_string(),
    )
}

/// One damaged object in the store: `system check` reports `damage` alone and exits 1;
/// `--repair` copies the catalog, reports `damage` again, then `repair`, and exits 0.
fn assert_one_store_repair(sk: &Skiff, damage: &str, repair: &str) {
    assert_eq!(
        check(sk, &[]),
        (
            1,
            vec![
                damage.to_string(),
                "1 damaged: run `skiff system check --repair` to repair".to_string()
            ]
        )
    );
    let (status, lines) = check(sk, &["--repair"]);
    assert!(lines[1].ends_with(" before repairing"), "{lines:#?}");
    assert_eq!(
        (status, lines[0].as_str(), lines[2..].to_vec()),
        (
            0,
            damage,
            vec![repair.to_string(), "1 damaged, all repaired".to_string()]
        )
    );
}

#[test]
fn blob_with_flipped_bytes_is_found_and_removed() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let setup = populate(&sk);
    let (_, blob) = the_layer(&sk);
    let path = sk
        .root()
        .join("storage/blobs/sha256")
        .join(blob.strip_prefix("sha256:").unwrap());
    let mut data = std::fs::read(&path).unwrap();
    let mid = data.len() / 2;
    data[mid] ^= 0xff;
    data[mid + 1] ^= 0xff;
    std::fs::write(&path, data).unwrap();

    // The quick check does not read blobs.
    assert_eq!(check(&sk, &["--quick"]).0, 0);
    assert_one_store_repair(
        &sk,
        &format!("blob {blob}: content does not match its digest"),
        &format!("blob {blob}: removed; the next pull fetches it again"),
    );
    assert!(!path.exists());
    assert_eq!(image_lines(&sk), setup.images);
    assert_eq!(sk.ok(&["run", "--rm", "mybox:1", "echo", "ok"]), "ok\n");
    assert_eq!(check(&sk, &[]).0, 0);
}

#[test]
fn layer_with_a_missing_file_is_removed_and_pulled_again() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let setup = populate(&sk);
    let (chain, busybox) = damage_the_layer(&sk);

    assert_one_store_repair(
        &sk,
        &format!("layer sha256:{chain}: bin/busybox is missing"),
        &format!(
            "layer sha256:{chain}: removed; pull {} again to fetch it",
            setup.names
        ),
    );
    assert!(!busybox.exists());
    sk.ok(&["pull", "-q", &setup.img]);
    assert!(busybox.is_file());
    assert_eq!(image_lines(&sk), setup.images);
    assert_eq!(sk.ok(&["run", "--rm", "mybox:1", "echo", "ok"]), "ok\n");
    assert_eq!(check(&sk, &[]).0, 0);
}

/// Removes `bin/busybox` from the fixture's only layer; returns the layer's chain id (hex)
/// and the removed file's path.
fn damage_the_layer(sk: &Skiff) -> (String, PathBuf) {
    let (chain, _) = the_layer(sk);
    let busybox = sk
        .root()
        .join("storage/layers")
        .join(&chain)
        .join("diff/bin/busybox");
    sk.ok(&["unshare", "rm", busybox.to_str().unwrap()]);
    (chain, busybox)
}

#[test]
fn layer_that_containers_use_is_kept_without_force() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let setup = populate(&sk);
    sk.ok(&["create", "--name", "user1", "mybox:1", "echo", "from user1"]);
    let (chain, busybox) = damage_the_layer(&sk);
    let damage = format!("layer sha256:{chain}: bin/busybox is missing");
    let (status, lines) = check(&sk, &["--repair"]);
    assert_eq!(
        (status, lines[0].as_str(), &lines[2..]),
        (
            1,
            damage.as_str(),
            &[
                format!(
                    "layer sha256:{chain}: kept, containers use it (user1); \
                     `skiff system check --repair --force` removes it"
                ),
                "1 damaged, 1 left as it was (see above)".to_string()
            ][..]
        )
    );
    assert!(sk.root().join("storage/layers").join(&chain).is_dir());
    let (status, lines) = check(&sk, &["--repair", "--force"]);
    assert_eq!(
        (status, &lines[2..]),
        (
            0,
            &[
                format!(
                    "layer sha256:{chain}: removed; pull {} again to fetch it",
                    setup.names
                ),
                "1 damaged, all repaired".to_string()
            ][..]
        )
    );
    // Pulling puts the layer back under the container.
    sk.ok(&["pull", "-q", &setup.img]);
    assert!(busybox.is_file());
    assert_eq!(sk.ok(&["start", "-a", "user1"]), "from user1\n");
}

/// The `image ...` lines of the store's image-refs file (empty when there is none).
fn refs_lines(sk: &Skiff) -> Vec<String> {
    std::fs::read_to_string(sk.root().join("storage/image-refs"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("image "))
        .map(String::from)
        .collect()
}

#[test]
fn image_refs_follow_tag_and_rmi_and_are_rewritten_when_lost() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let setup = populate(&sk);
    let names = |sk: &Skiff| -> Vec<String> {
        refs_lines(sk)
            .iter()
            .map(|l| {
                let field = l.split(' ').find(|w| w.starts_with("names=")).unwrap();
                field["names=".len()..].to_string()
            })
            .collect()
    };
    assert_eq!(names(&sk), [setup.names.replace(", ", ",")]);
    sk.ok(&["rmi", "mybox:1"]);
    assert_eq!(names(&sk), vec![setup.img.clone()]);
    sk.ok(&["rmi", &setup.img]);
    assert_eq!(names(&sk), Vec::<String>::new());

    // A store from before the file existed (or one whose file was lost) is reported, and
    // the repair writes the file from the catalog.
    sk.ok(&["pull", "-q", &setup.img]);
    let short = sk.ok(&["images", "-q"]).trim().to_string();
    std::fs::remove_file(sk.root().join("storage/image-refs")).unwrap();
    let path = sk.root().join("storage/image-refs");
    let damage = format!(
        "image-refs {}: does not record image sha256:{short}",
        path.display()
    );
    assert_eq!(
        check(&sk, &[]),
        (
            1,
            vec![
                damage.clone(),
                "1 damaged: run `skiff system check --repair` to repair".to_string()
            ]
        )
    );
    let (status, lines) = check(&sk, &["--repair"]);
    assert_eq!(
        (status, lines[0].as_str(), &lines[2..]),
        (
            0,
            damage.as_str(),
            &[
                format!("image-refs {}: rewritten from the catalog", path.display()),
                "1 damaged, all repaired".to_string()
            ][..]
        )
    );
    assert_eq!(names(&sk), vec![setup.img.clone()]);
}

/// After the catalog is lost, a pull (an image change) must not empty the refs file before
/// `--repair` reads it: every command warns instead, and the repair brings back the names.
#[test]
fn a_lost_catalog_keeps_the_refs_file_through_later_pulls() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let setup = populate(&sk);
    std::fs::remove_file(catalog(&sk)).unwrap();
    let pulled = sk.run(&["pull", "-q", &setup.img]);
    assert_eq!(pulled.status, 0, "{pulled:?}");
    assert!(
        pulled.stderr.contains("system check --repair"),
        "the pull says what to run: {pulled:?}"
    );
    // A second change, now that the catalog has an image again, keeps the file too.
    sk.ok(&["tag", &setup.img, "other:2"]);
    let refs = std::fs::read_to_string(sk.root().join("storage/image-refs")).unwrap();
    assert!(
        refs.contains("mybox:1"),
        "the refs file keeps the lost names: {refs}"
    );
    let (status, lines) = check(&sk, &["--repair"]);
    assert_eq!(status, 0, "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("names restored: docker.io/library/mybox:1")),
        "{lines:#?}"
    );
    let names = sk.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(
        names.contains("mybox:1") && names.contains("other:2"),
        "{names}"
    );
    // Repaired: commands no longer warn, and the file follows image changes again.
    let tagged = sk.run(&["tag", &setup.img, "third:3"]);
    assert_eq!(
        (tagged.status, tagged.stderr.as_str()),
        (0, ""),
        "{tagged:?}"
    );
    let refs = std::fs::read_to_string(sk.root().join("storage/image-refs")).unwrap();
    assert!(
        refs.contains("third:3") && refs.contains("mybox:1"),
        "{refs}"
    );
}

mod only_root {
    use std::io::Write;
    use std::process::Command;

    use crate::harness::{image, Skiff};

    /// Unmounts the small file system of a test when it ends, however it ends.
    struct Mounted(std::path::PathBuf);

    impl Drop for Mounted {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }

    /// A disk that fills up while containers are created (the store on a 32 MiB tmpfs, which
    /// needs root): the create that finds no space fails with docker's 125, `ps` still reads
    /// every container made before it, and once space is freed the catalog takes writes
    /// again and `system check` finds it sound.
    #[test]
    fn a_full_disk_leaves_the_catalog_readable() {
        let _reg = require_registry!();
        let sk = Skiff::new();
        let root = sk.root();
        std::fs::create_dir_all(&root).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=32m", "tmpfs"])
            .arg(&root)
            .status()
            .unwrap();
        assert!(mounted.success(), "mount a tmpfs on {}", root.display());
        let _umount = Mounted(root.clone());
        let img = image("busybox:latest");
        sk.ok(&["pull", "-q", &img]);
        // Fill the disk, then give back a little room for a few creates.
        let filler = root.join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 64 << 10];
        while f.write_all(&chunk).is_ok() {}
        let len = f.metadata().unwrap().len();
        f.set_len(len.saturating_sub(256 << 10)).unwrap();
        drop(f);
        let label = format!("filler={}", "x".repeat(8000));
        let mut created = Vec::new();
        let mut failed = None;
        for i in 0..500 {
            let name = format!("c{i}");
            let out = sk.run(&["create", "--name", &name, "--label", &label, &img, "true"]);
            if out.status != 0 {
                failed = Some(out);
                break;
            }
            created.push(name);
        }
        let failed = failed.expect("the disk never filled up");
        assert_eq!(failed.status, 125, "{failed:?}");
        // Whichever write found the disk full (the catalog's, as a rule, or a file's) says so.
        assert!(
            failed.stderr.contains("no space left for the catalog")
                || failed.stderr.contains("No space left on device"),
            "{failed:?}"
        );
        assert!(!created.is_empty(), "no create fitted in the room left");
        // On the full disk, the catalog still reads.
        let mut listed: Vec<String> = sk
            .ok(&["ps", "-a", "--format", "{{.Names}}"])
            .lines()
            .map(String::from)
            .collect();
        listed.sort();
        created.sort();
        assert_eq!(
            listed, created,
            "the containers created before the disk filled"
        );
        std::fs::remove_file(&filler).unwrap();
        sk.ok(&["create", "--name", "after", &img, "true"]);
        let out = sk.run(&["system", "check"]);
        assert!(
            !out.stdout.lines().any(|l| l.starts_with("catalog")),
            "the catalog is sound: {out:?}"
        );
        sk.ok(&["rm", "-f", "after"]);
    }
}
