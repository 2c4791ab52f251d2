//! Volumes used by containers: named, anonymous (`rm -v`), filled from the root file system or
//! not (`nocopy`), `--mount type=volume`, and `volume ls`/`inspect`/`rm`/`prune`. Run as root and
//! as an unprivileged user.

use std::path::Path;

use crate::harness::Skiff;

#[test]
fn named_volumes() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.fails(&["volume", "exists", "vol1"], 1);
    sk.ok(&[
        "run",
        "--rm",
        "-v",
        "vol1:/data",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo saved > /data/f",
    ]);
    sk.ok(&["volume", "exists", "vol1"]);
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "-v",
            "vol1:/data:ro",
            "--rootfs",
            &rootfs,
            "cat",
            "/data/f"
        ]),
        "saved\n"
    );
    let ls = sk.ok(&["volume", "ls"]);
    assert!(
        ls.starts_with("DRIVER") && ls.contains("local") && ls.contains("vol1"),
        "{ls}"
    );
    let mp = sk.ok(&["volume", "inspect", "-f", "{{.Mountpoint}}", "vol1"]);
    assert_eq!(
        std::fs::read_to_string(Path::new(mp.trim()).join("f")).unwrap(),
        "saved\n"
    );
    sk.ok(&["volume", "create", "--label", "k=v", "vol2"]);
    // Creating it again prints its name and changes nothing, as docker's.
    assert_eq!(
        sk.ok(&["volume", "create", "--label", "k=w", "vol2"]),
        "vol2\n"
    );
    assert_eq!(
        sk.ok(&["volume", "inspect", "-f", "{{.Labels}}", "vol2"]),
        "map[k:v]\n"
    );
    assert_eq!(
        sk.ok(&["volume", "ls", "-q", "--filter", "label=k=v"]),
        "vol2\n"
    );
    // docker's name filter is a regular expression.
    assert_eq!(
        sk.ok(&["volume", "ls", "-q", "--filter", "name=^vol2$"]),
        "vol2\n"
    );
    assert_eq!(
        sk.ok(&[
            "volume",
            "ls",
            "--filter",
            "label=k",
            "--format",
            r#"{{.Name}} {{.Driver}} {{.Labels}} {{.Label "k"}}"#
        ]),
        "vol2 local k=v v\n"
    );
    // podman's fields, named in a template; docker's JSON keeps docker's keys.
    assert_eq!(
        sk.ok(&[
            "volume",
            "ls",
            "--filter",
            "label=k",
            "--format",
            "{{.Options}} {{.Anonymous}}",
        ]),
        "map[] false\n"
    );
    // podman's CreatedAt is a Go time: `2026-12-07 09:13:56.73 +0000 UTC`.
    let created = sk.ok(&[
        "volume",
        "ls",
        "--filter",
        "label=k",
        "--format",
        "{{.CreatedAt}}",
    ]);
    assert!(
        created.starts_with("20") && created.ends_with(" +0000 UTC\n"),
        "{created}"
    );
    let json = sk.ok(&[
        "volume",
        "ls",
        "--filter",
        "label=k",
        "--format",
        "{{json .}}",
    ]);
    assert!(!json.contains("Anonymous"), "{json}");
    sk.ok(&[
        "create", "--name", "user", "-v", "vol2:/x", "--rootfs", &rootfs, "true",
    ]);
    // podman's statuses: 2 in use, 1 missing.
    assert_eq!(
        sk.run(&["volume", "rm", "vol2"]).status,
        2,
        "a volume in use is kept"
    );
    assert_eq!(sk.run(&["volume", "rm", "nosuch"]).status, 1);
    // docker's -f: a missing volume is no error, its name is printed as if removed.
    assert_eq!(sk.ok(&["volume", "rm", "-f", "nosuch"]), "nosuch\n");
    sk.ok(&["rm", "user"]);
    // docker 23's default: only anonymous volumes go; named ones need -a.
    assert_eq!(
        sk.ok(&["volume", "prune", "-f"]),
        "Total reclaimed space: 0B\n",
        "a named volume was pruned without -a"
    );
    let pruned = sk.ok(&["volume", "prune", "--filter", "all=true", "-f"]);
    let lines: Vec<&str> = pruned.lines().collect();
    assert_eq!(
        (lines.len(), lines[0], lines[3]),
        (5, "Deleted Volumes:", ""),
        "two volumes in docker's report: {pruned}"
    );
    assert!(lines[4].starts_with("Total reclaimed space: "), "{pruned}");
    assert_eq!(sk.ok(&["volume", "ls", "-q"]), "");
    let mount = sk.ok(&[
        "run",
        "--rm",
        "--mount",
        "type=volume,source=vol3,target=/v",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo m > /v/m && cat /v/m",
    ]);
    assert_eq!(mount, "m\n");
}

#[test]
fn a_new_volume_is_filled_from_the_root_file_system() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "-v",
            "etcvol:/etc",
            "--rootfs",
            &rootfs,
            "head",
            "-1",
            "/etc/passwd"
        ]),
        "root:x:0:0:root:/root:/bin/sh\n"
    );
    let mp = sk.ok(&["volume", "inspect", "-f", "{{.Mountpoint}}", "etcvol"]);
    assert!(Path::new(mp.trim()).join("group").exists());
    // nocopy: none of the image's files, only the container's own three, which are mounted
    // over the user's mounts, as docker's.
    let empty = sk.ok(&[
        "run",
        "--rm",
        "-v",
        "emptyvol:/etc:nocopy",
        "--rootfs",
        &rootfs,
        "ls",
        "/etc",
    ]);
    assert_eq!(empty, "hostname\nhosts\nresolv.conf\n");
}

#[test]
fn anonymous_volumes_go_with_rm_v() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "create", "--name", "a", "-v", "/anon", "--rootfs", &rootfs, "true",
    ]);
    let vols = sk.ok(&["volume", "ls", "-q"]);
    assert_eq!(vols.lines().count(), 1);
    assert_eq!(
        vols.trim().len(),
        64,
        "an anonymous volume has a random 64-hex name"
    );
    assert_eq!(
        sk.inspect(
            "a",
            "{{(index .Mounts 0).Type}} {{(index .Mounts 0).Destination}}"
        ),
        "volume /anon"
    );
    sk.ok(&["rm", "-v", "a"]);
    assert_eq!(sk.ok(&["volume", "ls", "-q"]), "");
    sk.ok(&[
        "create", "--name", "b", "-v", "named:/n", "--rootfs", &rootfs, "true",
    ]);
    sk.ok(&["rm", "-v", "b"]);
    assert_eq!(
        sk.ok(&["volume", "ls", "-q"]),
        "named\n",
        "rm -v keeps named volumes"
    );
    sk.ok(&[
        "create", "--name", "c", "-v", "named:/n", "--rootfs", &rootfs, "true",
    ]);
    sk.ok(&["volume", "rm", "-f", "named"]);
    assert_eq!(
        sk.ok(&["ps", "-aq"]),
        "",
        "volume rm -f removes the containers using it"
    );
}

/// docker's `local` driver options (compose's `driver_opts`): a tmpfs volume is a fresh tmpfs
/// in each container, a `type=none,o=bind` volume is its host directory, and options skiff
/// cannot mount are refused when the volume is created.
#[test]
fn volumes_with_driver_options_mount_a_tmpfs_or_a_host_directory() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "volume",
        "create",
        "-o",
        "type=tmpfs",
        "-o",
        "device=tmpfs",
        "-o",
        "o=size=2m",
        "tv",
    ]);
    let run = |volume: &str, script: &str| {
        sk.ok(&[
            "run", "--rm", "-v", volume, "--rootfs", &rootfs, "sh", "-c", script,
        ])
    };
    let mounted = run("tv:/t", "grep ' /t ' /proc/mounts; echo x > /t/f; cat /t/f");
    assert!(
        mounted.starts_with("tmpfs /t tmpfs ") && mounted.contains("size=2048k"),
        "{mounted}"
    );
    assert_eq!(run("tv:/t", "ls -A /t"), "", "a tmpfs volume keeps nothing");
    let host = sk.path("bound");
    std::fs::create_dir(&host).unwrap();
    let device = format!("device={}", host.display());
    sk.ok(&[
        "volume",
        "create",
        "-o",
        "type=none",
        "-o",
        "o=bind",
        "-o",
        &device,
        "bv",
    ]);
    run("bv:/b", "echo from-container > /b/f");
    assert_eq!(
        std::fs::read_to_string(host.join("f")).unwrap(),
        "from-container\n"
    );
    // cp into a stopped container reaches the bound directory too.
    sk.ok(&[
        "create", "--name", "held", "-v", "bv:/b", "--rootfs", &rootfs, "true",
    ]);
    let copied = sk.path("copied");
    std::fs::write(&copied, "by-cp\n").unwrap();
    sk.ok(&["cp", copied.to_str().unwrap(), "held:/b/copied"]);
    assert_eq!(
        std::fs::read_to_string(host.join("copied")).unwrap(),
        "by-cp\n"
    );
    sk.ok(&["rm", "held"]);
    let nfs = sk.fails(
        &[
            "volume",
            "create",
            "-o",
            "type=nfs",
            "-o",
            "device=:/export",
            "nv",
        ],
        125,
    );
    assert!(
        nfs.stderr.contains("not supported by skiff"),
        "{}",
        nfs.stderr
    );
    assert!(!sk.ok(&["volume", "ls", "-q"]).contains("nv"));
    sk.ok(&["volume", "rm", "tv", "bv"]);
}

#[test]
fn export_and_import_carry_a_volume_s_files_and_stay_inside_it() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    sk.ok(&[
        "run",
        "--rm",
        "-v",
        "src:/d",
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo hi > /d/f && mkdir /d/sub && echo x > /d/sub/g && chown 1000:1000 /d/sub/g && chmod 600 /d/sub/g",
    ]);
    let tar = sk.path("src.tar").display().to_string();
    sk.ok(&["volume", "export", "-o", &tar, "src"]);
    sk.ok(&["volume", "create", "dst"]);
    sk.ok(&["volume", "import", "dst", &tar]);
    let check = "cat /d/f; stat -c '%u:%g %a' /d/sub/g";
    let seen = |vol: &str| {
        sk.ok(&[
            "run",
            "--rm",
            "-v",
            &format!("{vol}:/d"),
            "--rootfs",
            &rootfs,
            "sh",
            "-c",
            check,
        ])
    };
    assert_eq!(seen("dst"), "hi\n1000:1000 600\n");
    // From STDIN, into a volume that has files: they are replaced.
    let bytes = std::fs::read(&tar).unwrap();
    sk.ok(&["volume", "create", "again"]);
    let out = sk.run_with(
        &["volume", "import", "again", "-"],
        Some(&bytes),
        crate::harness::DEFAULT_TIMEOUT,
    );
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(seen("again"), "hi\n1000:1000 600\n");
    // A hostile archive: an entry that climbs out is refused; one through a link to `..`
    // resolves inside the volume (its top is the root), never above it.
    let volume_dir = sk.root().join("volumes/dst");
    for (link, name, refused) in [
        (None, "../escaped", true),
        (Some(".."), "up/escaped", false),
    ] {
        let mut b = tar::Builder::new(Vec::new());
        if let Some(target) = link {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_size(0);
            h.set_mode(0o777);
            b.append_link(&mut h, "up", target).unwrap();
        }
        let mut h = tar::Header::new_gnu();
        h.set_size(3);
        h.set_mode(0o644);
        // `append_data` refuses `..` names; write the name into the header by hand.
        h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
        h.set_cksum();
        b.append(&h, &b"no\n"[..]).unwrap();
        let out = sk.run_with(
            &["volume", "import", "dst", "-"],
            Some(&b.into_inner().unwrap()),
            crate::harness::DEFAULT_TIMEOUT,
        );
        assert_eq!(out.status, if refused { 125 } else { 0 }, "{name}: {out:?}");
        assert!(
            !volume_dir.join("escaped").exists(),
            "{name} landed outside"
        );
        assert_eq!(
            volume_dir.join("_data/escaped").exists(),
            !refused,
            "{name}"
        );
    }
    // A tmpfs volume holds nothing to export.
    sk.ok(&[
        "volume",
        "create",
        "-o",
        "type=tmpfs",
        "-o",
        "device=tmpfs",
        "mem",
    ]);
    let out = sk.fails(&["volume", "export", "-o", &tar, "mem"], 125);
    assert!(out.stderr.contains("is a tmpfs"), "{out:?}");
    assert!(
        std::fs::read(&tar).is_ok_and(|b| b == bytes),
        "the old archive stays whole"
    );
}

/// docker's `-v` makes a missing host directory (the API's `Binds` too, the same path), owned by
/// the one who runs skiff; `--mount type=bind` wants it to exist, as docker's.
#[test]
fn a_volume_flag_makes_a_missing_host_directory_and_mount_does_not() {
    use std::os::unix::fs::MetadataExt;
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let dir = sk.path("made/by/run");
    let out = sk.ok(&[
        "run",
        "--rm",
        "-v",
        &format!("{}:/data", dir.display()),
        "--rootfs",
        &rootfs,
        "sh",
        "-c",
        "echo kept > /data/f && stat -c %F /data",
    ]);
    assert_eq!(out, "directory\n");
    assert_eq!(std::fs::read_to_string(dir.join("f")).unwrap(), "kept\n");
    let meta = std::fs::metadata(&dir).unwrap();
    let me = std::fs::metadata(sk.dir()).unwrap().uid();
    assert_eq!(meta.uid(), me, "the directory is the caller's");
    let missing = sk.path("never/made");
    let err = sk.fails(
        &[
            "run",
            "--rm",
            "--mount",
            &format!("type=bind,src={},dst=/data", missing.display()),
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(
        err.stderr.contains("bind source path does not exist"),
        "{err:?}"
    );
    assert!(!missing.exists() && !missing.parent().unwrap().exists());
    // As docker's daemon: not at create, at each start (a directory removed between two
    // starts is made again).
    let later = sk.path("made/at/start");
    let volume = format!("{}:/data", later.display());
    sk.ok(&[
        "create", "--name", "vstart", "-v", &volume, "--rootfs", &rootfs, "true",
    ]);
    assert!(!later.exists(), "create made the directory");
    sk.ok(&["start", "-a", "vstart"]);
    assert!(later.is_dir(), "start did not make the directory");
    std::fs::remove_dir(&later).unwrap();
    sk.ok(&["start", "-a", "vstart"]);
    assert!(
        later.is_dir(),
        "the second start did not make the directory again"
    );
}

#[test]
fn the_u_option_gives_a_mount_s_files_to_the_container_s_user() {
    use std::os::unix::fs::MetadataExt;
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let dir = sk.path("shared");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/f"), "x").unwrap();
    // A link out of the mount, to a file of the container's root (here a host directory, so
    // a change there shows on the host).
    let outside = Path::new(&rootfs).join("etc/passwd");
    std::os::unix::fs::symlink("/etc/passwd", dir.join("link")).unwrap();
    let owner = |p: &Path| {
        let m = std::fs::symlink_metadata(p).unwrap();
        (m.uid(), m.gid())
    };
    let before = owner(&outside);
    let stat = |user: &str, mount: &str| {
        sk.ok(&[
            "run",
            "--rm",
            "-u",
            user,
            mount.split_once(' ').unwrap().0,
            mount.split_once(' ').unwrap().1,
            "--rootfs",
            &rootfs,
            "stat",
            "-c",
            "%n %u:%g",
            "/data",
            "/data/sub",
            "/data/sub/f",
            "/data/link",
        ])
    };
    // Without U nothing changes hands; with it, everything under the mount, the link itself
    // and not what it points to.
    let plain = owner(&dir.join("sub/f"));
    stat("1000:1001", &format!("-v {}:/data", dir.display()));
    assert_eq!(owner(&dir.join("sub/f")), plain);
    assert_eq!(
        stat("1000:1001", &format!("-v {}:/data:U", dir.display())),
        "/data 1000:1001\n/data/sub 1000:1001\n/data/sub/f 1000:1001\n/data/link 1000:1001\n"
    );
    assert_eq!(
        owner(&outside),
        before,
        "U followed the symlink out of the mount"
    );
    // podman's --mount spelling, back to the container's root (the test's own user rootless,
    // so the test can remove its files).
    assert_eq!(
        stat(
            "0:0",
            &format!("--mount type=bind,src={},dst=/data,U=true", dir.display())
        ),
        "/data 0:0\n/data/sub 0:0\n/data/sub/f 0:0\n/data/link 0:0\n"
    );
    assert_eq!(owner(&dir.join("sub/f")), plain);
}

#[test]
fn the_o_option_mounts_an_overlay_whose_writes_never_reach_the_host() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let dir = sk.path("lower");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("f"), "orig\n").unwrap();
    std::fs::write(dir.join("gone"), "").unwrap();
    let volume = format!("{}:/data:O", dir.display());
    let script = "cat /data/f; echo changed > /data/f; echo new > /data/n; rm /data/gone; \
                  cat /data/f /data/n; ls /data";
    let written = "orig\nchanged\nnew\nf\nn\n";
    let args = [
        "run", "--name", "ov", "-v", &volume, "--rootfs", &rootfs, "sh", "-c", script,
    ];
    assert_eq!(sk.ok(&args), written);
    let host = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    assert_eq!(
        host("f").as_deref(),
        Some("orig\n"),
        "a write reached the host"
    );
    assert_eq!((host("n"), host("gone").is_some()), (None, true));
    // Each start begins from the host directory again.
    assert_eq!(sk.ok(&["start", "-a", "ov"]), written);
    let ro = format!("{volume},ro");
    let out = sk.run(&[
        "run", "--rm", "-v", &ro, "--rootfs", &rootfs, "touch", "/data/x",
    ]);
    assert_eq!(out.status, 1, "{out:?}");
    sk.ok(&["rm", "ov"]);
    assert_eq!(host("f").as_deref(), Some("orig\n"));
}
