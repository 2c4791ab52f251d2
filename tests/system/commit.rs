//! `diff`, `export` and `commit`: a container's changes read back, archived, and turned into an
//! image that runs. Run as root and rootless.

use crate::harness::Skiff;

#[test]
fn diff_lists_added_changed_and_deleted_files() {
    let sk = Skiff::new();
    let root = format!("{}:O", sk.busybox_rootfs());
    sk.ok(&[
        "run",
        "--name",
        "d",
        "--rootfs",
        &root,
        "sh",
        "-c",
        "echo new > /newfile; echo x >> /etc/passwd; rm /bin/ls; mkdir -p /data/sub",
    ]);
    let diff = sk.ok(&["diff", "d"]);
    assert_eq!(
        diff,
        "C /bin\nD /bin/ls\nA /data\nA /data/sub\nC /etc\nC /etc/passwd\nA /newfile\n"
    );
    // The file system as a tar archive: the container's files, not /proc or its mounts.
    let out = sk.path("fs.tar");
    sk.ok(&["export", "-o", &out.display().to_string(), "d"]);
    let mut archive = tar::Archive::new(std::fs::File::open(&out).unwrap());
    let names: Vec<String> = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().display().to_string())
        .collect();
    assert!(names.iter().any(|n| n == "newfile"), "{names:?}");
    assert!(names.iter().any(|n| n == "bin/busybox"), "{names:?}");
    assert!(
        !names.iter().any(|n| n == "bin/ls"),
        "a deleted file was exported"
    );
    assert!(
        !names.iter().any(|n| n.starts_with("proc/") && n != "proc/"),
        "/proc was exported"
    );
}

#[test]
fn commit_makes_an_image_that_keeps_the_changes() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = crate::harness::image("busybox:latest");
    sk.ok(&[
        "run",
        "-q",
        "--name",
        "c",
        &img,
        "sh",
        "-c",
        "echo committed > /newfile; rm /bin/ls; mkdir -p /opq; touch /opq/x",
    ]);
    let iidfile = sk.path("iid").display().to_string();
    let id = sk.ok(&[
        "commit",
        "--iidfile",
        &iidfile,
        "-a",
        "tester",
        "-m",
        "a message",
        "-c",
        r#"CMD ["cat", "/newfile"]"#,
        "-c",
        "ENV STAGE=2",
        "c",
        "localhost/committed:v1",
    ]);
    assert!(id.starts_with("sha256:") && id.trim().len() == 71, "{id}");
    assert_eq!(std::fs::read_to_string(&iidfile).unwrap(), id.trim());
    assert_eq!(
        sk.ok(&["run", "--rm", "localhost/committed:v1"]),
        "committed\n"
    );
    // docker's ancestor= matches the images built on the one named too.
    sk.ok(&["create", "--name", "child", "localhost/committed:v1"]);
    let listed = sk.ok(&[
        "ps",
        "-a",
        "--filter",
        &format!("ancestor={img}"),
        "--format",
        "{{.Names}}",
    ]);
    assert_eq!(listed, "child\nc\n");
    let listed = sk.ok(&[
        "ps",
        "-a",
        "--filter",
        "ancestor=localhost/committed:v1",
        "--format",
        "{{.Names}}",
    ]);
    assert_eq!(listed, "child\n");
    sk.ok(&["rm", "child"]);
    let gone = sk.run(&["run", "--rm", "localhost/committed:v1", "ls", "/"]);
    assert_eq!(gone.status, 127, "a deleted file came back: {gone:?}");
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "localhost/committed:v1",
            "sh",
            "-c",
            "echo $STAGE; ls /opq"
        ]),
        "2\nx\n"
    );
    assert_eq!(
        sk.ok(&[
            "image",
            "inspect",
            "-f",
            "{{.Author}}|{{.Comment}}|{{len .RootFS.Layers}}",
            "localhost/committed:v1"
        ])
        .trim(),
        "tester|a message|2"
    );
    // As docker's history: the committed container's command, the author and the message.
    assert_eq!(
        sk.ok(&[
            "history",
            "--no-trunc",
            "--format",
            "{{.CreatedBy}}|{{.Comment}}",
            "localhost/committed:v1"
        ])
        .lines()
        .next(),
        Some("sh -c echo committed > /newfile; rm /bin/ls; mkdir -p /opq; touch /opq/x|a message")
    );
    let bad = sk.run(&["commit", "-c", "RUN rm -rf /", "c", "localhost/bad"]);
    assert_eq!(bad.status, 125, "{bad:?}");
    // podman's INSTRUCTION=VALUE form (podman-commit(1)'s example).
    sk.ok(&[
        "commit",
        "--change",
        "CMD=/bin/pwd",
        "--change",
        "WORKDIR=/opq",
        "c",
        "localhost/eq",
    ]);
    assert_eq!(sk.ok(&["run", "--rm", "localhost/eq"]), "/opq\n");
    sk.ok(&["rmi", "localhost/eq"]);
    // Changes read as a Dockerfile's lines: $VAR from the image's environment, quotes and
    // escapes, a relative WORKDIR under the current one.
    sk.ok(&[
        "commit",
        "-c",
        "ENV PATH=/opt/bin:$PATH",
        "-c",
        r#"ENV A="x y" B=z\ w"#,
        "-c",
        "WORKDIR /srv",
        "-c",
        "WORKDIR app",
        "c",
        "localhost/committed:v2",
    ]);
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "localhost/committed:v2",
            "sh",
            "-c",
            "echo $PATH; echo $A; echo $B; pwd; ls /newfile"
        ]),
        "/opt/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nx y\nz w\n/srv/app\n/newfile\n"
    );
}

#[test]
fn export_then_import_gives_a_runnable_image() {
    let sk = Skiff::new();
    let root = format!("{}:O", sk.busybox_rootfs());
    sk.ok(&[
        "run",
        "--name",
        "e",
        "--rootfs",
        &root,
        "sh",
        "-c",
        "echo kept > /kept",
    ]);
    let out = sk.path("fs.tar");
    sk.ok(&["export", "-o", &out.display().to_string(), "e"]);
    let f = out.display().to_string();
    let id = sk.ok(&[
        "import",
        "-m",
        "from export",
        "-c",
        "CMD [\"cat\", \"/kept\"]",
        &f,
        "localhost/imported:1",
    ]);
    assert!(id.starts_with("sha256:"), "{id}");
    assert_eq!(sk.ok(&["run", "--rm", "localhost/imported:1"]), "kept\n");
    let comment = sk.ok(&["inspect", "-f", "{{.Comment}}", "localhost/imported:1"]);
    assert_eq!(comment, "from export\n");
    // From standard input, gzip-compressed.
    let gz = std::process::Command::new("gzip")
        .args(["-c", &f])
        .output()
        .unwrap();
    let piped = sk.run_with(
        &["import", "-", "localhost/imported:gz"],
        Some(&gz.stdout),
        crate::harness::DEFAULT_TIMEOUT,
    );
    assert_eq!(piped.status, 0, "{piped:?}");
    assert_eq!(
        sk.ok(&["run", "--rm", "localhost/imported:gz", "cat", "/kept"]),
        "kept\n"
    );
    let url = sk.run(&["import", "https://example.com/x.tar"]);
    assert_eq!(url.status, 125, "{url:?}");
    // docker's --platform names the image's platform (what `--platform` pulls and checks).
    sk.ok(&[
        "import",
        "--platform",
        "linux/arm64",
        &f,
        "localhost/imported:arm",
    ]);
    let platform = "{{.Os}}/{{.Architecture}}";
    assert_eq!(
        sk.ok(&["image", "inspect", "-f", platform, "localhost/imported:arm"]),
        "linux/arm64\n"
    );
    sk.ok(&[
        "image",
        "inspect",
        "--platform",
        "linux/arm64",
        "localhost/imported:arm",
    ]);
    sk.fails(
        &[
            "import",
            "--platform",
            "a/b/c/d",
            &f,
            "localhost/imported:bad",
        ],
        125,
    );
}

#[test]
fn commit_squash_makes_the_image_one_layer_and_leaves_no_step_behind() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = crate::harness::image("busybox:latest");
    sk.ok(&[
        "run",
        "--name",
        "sq",
        &img,
        "sh",
        "-c",
        "echo made > /made; rm /bin/uname",
    ]);
    let images = || sk.ok(&["images", "-a", "-q", "--no-trunc"]).lines().count();
    let before = images();
    let id = sk.ok(&["commit", "--squash", "sq", "squashed:1"]);
    assert_eq!(images(), before + 1, "only the squashed image is new");
    assert_eq!(sk.inspect("squashed:1", "{{len .RootFS.Layers}}"), "1");
    assert_eq!(format!("{}\n", sk.inspect("squashed:1", "{{.Id}}")), id);
    let view = "cat /made; ls /bin/uname 2>/dev/null || echo no-uname; ls /bin/sh";
    assert_eq!(
        sk.ok(&["run", "--rm", "squashed:1", "sh", "-c", view]),
        "made\nno-uname\n/bin/sh\n"
    );
    let events = sk.ok(&[
        "events",
        "--since",
        "5m",
        "--until",
        "0s",
        "--filter",
        "event=commit",
        "--format",
        "json",
    ]);
    assert!(
        events.contains(id.trim().trim_start_matches("sha256:")),
        "{events}"
    );
}

#[test]
fn commit_include_volumes_makes_the_container_s_volumes_the_image_s() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let img = crate::harness::image("busybox:latest");
    let host = sk.path("bound");
    std::fs::create_dir_all(&host).unwrap();
    let bind = format!("{}:/srv/bound", host.display());
    #[rustfmt::skip]
    sk.ok(&["create", "--name", "withvols", "-v", "named:/data", "-v", "/cache", "-v", &bind,
        "--tmpfs", "/scratch", &img, "true"]);
    sk.ok(&["commit", "-q", "withvols", "plainvols"]);
    assert_eq!(sk.inspect("plainvols", "{{json .Config.Volumes}}"), "null");
    sk.ok(&[
        "commit",
        "-q",
        "--include-volumes",
        "withvols",
        "withvolsimg",
    ]);
    assert_eq!(
        sk.inspect("withvolsimg", "{{json .Config.Volumes}}"),
        r#"{"/cache":{},"/data":{},"/srv/bound":{}}"#
    );
    sk.ok(&["rm", "-v", "withvols"]);
}

/// A file's extended attributes (a file capability, say) survive `cp` into a container and
/// `commit`: docker's archive sets an entry's xattrs, and podman's layers carry them.
#[test]
fn cp_in_and_commit_keep_a_file_s_xattrs() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    sk.ok(&[
        "create",
        "--name",
        "x",
        &crate::harness::image("busybox:latest"),
        "true",
    ]);
    let mut b = tar::Builder::new(Vec::new());
    b.append_pax_extensions([("SCHILY.xattr.user.skiff.cp", &b"yes"[..])])
        .unwrap();
    let mut h = tar::Header::new_gnu();
    h.set_size(2);
    h.set_mode(0o755);
    b.append_data(&mut h, "tool", &b"#!"[..]).unwrap();
    let bytes = b.into_inner().unwrap();
    let out = sk.run_with(
        &["cp", "-", "x:/"],
        Some(&bytes),
        crate::harness::DEFAULT_TIMEOUT,
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    sk.ok(&["commit", "-q", "x", "withx:1"]);
    let archive = sk.path("withx.tar");
    sk.ok(&["save", "-o", archive.to_str().unwrap(), "withx:1"]);
    let saved = std::fs::read(&archive).unwrap();
    let record = b"SCHILY.xattr.user.skiff.cp=yes";
    assert!(
        saved.windows(record.len()).any(|w| w == record),
        "the committed layer lost /tool's xattr"
    );
}
