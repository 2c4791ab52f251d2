//! `skiff cp`: both ways, on running and stopped containers, tar streams, docker's path rules,
//! and confinement: symlinks the container plants, or swaps in while `cp` runs, never reach a
//! host file (CVE-2018-15664). Run as root and rootless.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::harness::Skiff;

fn overlay(sk: &Skiff) -> String {
    format!("{}:O", sk.busybox_rootfs())
}

fn exec_out(sk: &Skiff, name: &str, script: &str) -> String {
    sk.ok(&["exec", name, "sh", "-c", script])
}

/// A test instance with container `name` running `sleep` on an overlay of busybox.
fn sleeping(name: &str) -> Skiff {
    let sk = Skiff::new();
    let root = overlay(&sk);
    sk.ok(&[
        "run", "-d", "--name", name, "--rootfs", &root, "sleep", "1000",
    ]);
    sk
}

/// `cp SRC -`: the tar stream written on stdout.
fn stream_out(sk: &Skiff, src: &str) -> Vec<u8> {
    let tar = sk.cmd(&["cp", src, "-"]).output().unwrap();
    assert!(tar.status.success(), "{tar:?}");
    tar.stdout
}

/// `cp [-a] - DEST` with `bytes` on stdin.
fn stream_in(sk: &Skiff, args: &[&str], bytes: &[u8]) -> crate::harness::Output {
    sk.run_with(args, Some(bytes), crate::harness::DEFAULT_TIMEOUT)
}

#[test]
fn cp_both_ways_on_running_and_stopped_containers() {
    let sk = sleeping("c");
    let src = sk.path("src");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    std::fs::write(src.join("a"), "alpha\n").unwrap();
    std::fs::write(src.join("sub/b"), "beta\n").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", src.join("link")).unwrap();
    let s = src.display().to_string();
    // A directory into an existing directory, then its contents under a new name.
    sk.ok(&["cp", &s, "c:/tmp/"]);
    sk.ok(&["cp", &format!("{s}/."), "c:/copy"]);
    assert_eq!(
        exec_out(
            &sk,
            "c",
            "cat /tmp/src/a /tmp/src/sub/b /copy/a; readlink /copy/link; stat -c %u /copy/a"
        ),
        "alpha\nbeta\nalpha\n/etc/passwd\n0\n"
    );
    // A missing DEST/ becomes the directory (its contents with SRC/.); for a file it is an
    // error, and so is a missing parent, as docker's.
    sk.ok(&["cp", &s, "c:/new1/"]);
    sk.ok(&["cp", &format!("{s}/."), "c:/new2/"]);
    assert_eq!(
        exec_out(&sk, "c", "cat /new1/a /new2/sub/b"),
        "alpha\nbeta\n"
    );
    let file_to_dir = sk.fails(&["cp", &format!("{s}/a"), "c:/new3/"], 125);
    assert!(
        file_to_dir.stderr.contains("/new3/ does not exist"),
        "{file_to_dir:?}"
    );
    sk.fails(&["cp", &s, "c:/no/parent/"], 125);
    // Out, SRC/. follows a final symlink to its directory; a file's /. is an error.
    exec_out(&sk, "c", "ln -s /new1 /linked");
    let linked = sk.path("linked-out");
    sk.ok(&["cp", "c:/linked/.", &linked.display().to_string()]);
    assert_eq!(
        std::fs::read_to_string(linked.join("sub/b")).unwrap(),
        "beta\n"
    );
    let not_dir = sk.fails(&["cp", "c:/new1/a/.", &linked.display().to_string()], 125);
    assert!(not_dir.stderr.contains("not a directory"), "{not_dir:?}");
    // Out: a file to a new name, a directory into an existing directory.
    let out = sk.path("out");
    std::fs::create_dir(&out).unwrap();
    sk.ok(&["cp", "c:/tmp/src/a", &out.join("f").display().to_string()]);
    sk.ok(&["cp", "c:/tmp/src", &out.display().to_string()]);
    assert_eq!(std::fs::read_to_string(out.join("f")).unwrap(), "alpha\n");
    assert_eq!(
        std::fs::read_to_string(out.join("src/sub/b")).unwrap(),
        "beta\n"
    );
    assert_eq!(
        std::fs::read_link(out.join("src/link")).unwrap(),
        Path::new("/etc/passwd")
    );
    // A stopped container: its file system is mounted for the copy.
    sk.ok(&["stop", "-t", "0", "c"]);
    sk.ok(&[
        "cp",
        &src.join("a").display().to_string(),
        "c:/while-stopped",
    ]);
    sk.ok(&["cp", "c:/copy/sub/b", &out.join("g").display().to_string()]);
    assert_eq!(std::fs::read_to_string(out.join("g")).unwrap(), "beta\n");
    sk.ok(&["start", "c"]);
    assert_eq!(exec_out(&sk, "c", "cat /while-stopped"), "alpha\n");
    // Errors: a missing source, a directory onto a file.
    let missing = sk.run(&["cp", "c:/nope", &out.display().to_string()]);
    assert_eq!(missing.status, 125, "{missing:?}");
    assert!(
        missing
            .stderr
            .contains("Could not find the file /nope in container c"),
        "{}",
        missing.stderr
    );
    let onto_file = sk.run(&["cp", &s, "c:/tmp/src/a"]);
    assert_eq!(onto_file.status, 125, "{onto_file:?}");
    sk.ok(&["rm", "-f", "c"]);
}

#[test]
fn cp_streams_tar_archives() {
    let sk = sleeping("t");
    let tar = stream_out(&sk, "t:/etc/passwd");
    let mut archive = tar::Archive::new(&tar[..]);
    let names: Vec<String> = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().display().to_string())
        .collect();
    assert_eq!(names, ["passwd"]);
    // And back in, from stdin, into a directory.
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(6);
    h.set_mode(0o640);
    b.append_data(&mut h, "in/streamed", &b"piped\n"[..])
        .unwrap();
    let bytes = b.into_inner().unwrap();
    let out = stream_in(&sk, &["cp", "-", "t:/tmp"], &bytes);
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(
        exec_out(
            &sk,
            "t",
            "cat /tmp/in/streamed; stat -c %a /tmp/in/streamed"
        ),
        "piped\n640\n"
    );
    // An entry that climbs out is refused and writes nothing.
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(3);
    h.set_mode(0o644);
    // `append_data` refuses `..` names; write the name into the header by hand.
    h.as_gnu_mut().unwrap().name[..13].copy_from_slice(b"../../escaped");
    h.set_cksum();
    b.append(&h, &b"no\n"[..]).unwrap();
    let bytes = b.into_inner().unwrap();
    let out = stream_in(&sk, &["cp", "-", "t:/tmp/in"], &bytes);
    assert_eq!(out.status, 125, "{out:?}");
    assert_eq!(
        exec_out(
            &sk,
            "t",
            "ls /escaped /tmp/escaped 2>&1 | grep -c 'No such'"
        ),
        "2\n"
    );
    sk.ok(&["rm", "-f", "t"]);
}

/// Symlinks in the container resolve inside it: `/evil -> /` makes `c:/evil/tmp/x` the
/// container's `/tmp/x`, never the host's.
#[test]
fn cp_never_follows_a_container_symlink_to_the_host() {
    let sk = Skiff::new();
    let root = overlay(&sk);
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "s",
        "--rootfs",
        &root,
        "sh",
        "-c",
        "ln -s / /evil; ln -s /tmp/../../.. /up; sleep 1000",
    ]);
    let marker = format!("skiff-cp-{}", std::process::id());
    let host_target = Path::new("/tmp").join(&marker);
    let _ = std::fs::remove_file(&host_target);
    let file = sk.path("payload");
    std::fs::write(&file, "payload\n").unwrap();
    let f = file.display().to_string();
    let deadline = Instant::now() + Duration::from_secs(5);
    while sk.run(&["exec", "s", "test", "-L", "/up"]).status != 0 {
        assert!(
            Instant::now() < deadline,
            "the container never made its symlinks"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    for via in ["/evil/tmp", "/up/tmp"] {
        sk.ok(&["cp", &f, &format!("s:{via}/{marker}")]);
        assert!(
            !host_target.exists(),
            "cp through {via} wrote the host's {}",
            host_target.display()
        );
    }
    assert_eq!(
        exec_out(&sk, "s", &format!("cat /tmp/{marker}")),
        "payload\n"
    );
    // Reading: the host's file is never what comes out.
    std::fs::write(&host_target, "host secret\n").unwrap();
    let out = sk.path("read");
    let r = sk.run(&[
        "cp",
        &format!("s:/evil/tmp/{marker}"),
        &out.display().to_string(),
    ]);
    assert_eq!(r.status, 0, "{r:?}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "payload\n");
    let _ = std::fs::remove_file(&host_target);
    sk.ok(&["rm", "-f", "s"]);
}

/// A container swapping a directory for a symlink to `/` while `cp` runs (CVE-2018-15664):
/// no copy ever lands in, or reads from, the host's /tmp.
#[test]
fn cp_survives_a_symlink_swap_race() {
    let sk = Skiff::new();
    let root = overlay(&sk);
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "race",
        "--rootfs",
        &root,
        "sh",
        "-c",
        "while :; do rm -rf /swap; mkdir -p /swap/tmp; rm -rf /swap; ln -s / /swap; done",
    ]);
    let marker = format!("skiff-race-{}", std::process::id());
    let host_target = Path::new("/tmp").join(&marker);
    let _ = std::fs::remove_file(&host_target);
    let file = sk.path("payload");
    std::fs::write(&file, "race\n").unwrap();
    let f = file.display().to_string();
    let dest = format!("race:/swap/tmp/{marker}");
    let mut landed = 0;
    for _ in 0..40 {
        if sk.run(&["cp", &f, &dest]).status == 0 {
            landed += 1;
        }
        assert!(
            !host_target.exists(),
            "cp wrote the host's {}",
            host_target.display()
        );
    }
    assert!(
        landed > 0,
        "no copy succeeded at all: the race test tested nothing"
    );
    std::fs::write(&host_target, "host secret\n").unwrap();
    let out = sk.path("read");
    for _ in 0..40 {
        let _ = std::fs::remove_file(&out);
        let src = format!("race:/swap/tmp/{marker}");
        if sk.run(&["cp", &src, &out.display().to_string()]).status == 0 {
            assert_ne!(std::fs::read_to_string(&out).unwrap(), "host secret\n");
        }
    }
    let _ = std::fs::remove_file(&host_target);
    sk.ok(&["rm", "-f", "race"]);
}

/// The names, kinds and link targets of a tar stream's entries.
fn tar_entries(bytes: &[u8]) -> Vec<(String, tar::EntryType, String)> {
    let mut archive = tar::Archive::new(bytes);
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let link = e.link_name().unwrap().map(|l| l.display().to_string());
            (
                e.path().unwrap().display().to_string(),
                e.header().entry_type(),
                link.unwrap_or_default(),
            )
        })
        .collect()
}

/// docker's archive carries a file's further names as tar hardlink entries: a directory keeps
/// its hard links copied out of a container, into one (running or stopped), and as a stream.
#[test]
fn cp_keeps_hard_links_both_ways() {
    use std::os::unix::fs::MetadataExt;
    let sk = sleeping("h");
    exec_out(&sk, "h", "mkdir /hl; echo one > /hl/a; ln /hl/a /hl/b");
    // Out, as a stream: the second name is a hardlink entry naming the first.
    assert_eq!(
        tar_entries(&stream_out(&sk, "h:/hl")),
        [
            ("hl/".to_string(), tar::EntryType::Directory, String::new()),
            ("hl/a".into(), tar::EntryType::Regular, String::new()),
            ("hl/b".into(), tar::EntryType::Link, "hl/a".into()),
        ]
    );
    // Out, to the host: one inode, two names.
    let out = sk.path("out");
    std::fs::create_dir(&out).unwrap();
    sk.ok(&["cp", "h:/hl", &out.display().to_string()]);
    let (a, b) = (
        std::fs::metadata(out.join("hl/a")).unwrap(),
        std::fs::metadata(out.join("hl/b")).unwrap(),
    );
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
    assert_eq!(std::fs::read_to_string(out.join("hl/b")).unwrap(), "one\n");
    // In, from the host, to a running and then a stopped container.
    let src = sk.path("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("x"), "two\n").unwrap();
    std::fs::hard_link(src.join("x"), src.join("y")).unwrap();
    let s = src.display().to_string();
    sk.ok(&["cp", &s, "h:/in-running"]);
    sk.ok(&["stop", "-t", "0", "h"]);
    sk.ok(&["cp", &s, "h:/in-stopped"]);
    sk.ok(&["start", "h"]);
    let check = "stat -c '%h %i' /in-running/x /in-running/y /in-stopped/x /in-stopped/y";
    let lines: Vec<String> = exec_out(&sk, "h", check)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines[0], lines[1], "linked in a running container");
    assert_eq!(lines[2], lines[3], "linked in a stopped container");
    assert!(lines.iter().all(|l| l.starts_with("2 ")), "{lines:?}");
}

/// A tar entry of type hardlink, written by hand (the tar crate refuses `..` in names).
fn hard_link_entry(b: &mut tar::Builder<Vec<u8>>, name: &str, target: &str) {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Link);
    h.set_size(0);
    h.set_mode(0o644);
    h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
    h.as_gnu_mut().unwrap().linkname[..target.len()].copy_from_slice(target.as_bytes());
    h.set_cksum();
    b.append(&h, std::io::empty()).unwrap();
}

/// A streamed-in archive is untrusted: a hardlink entry naming a file outside the destination
/// (by `..`, or through a symlink the archive itself plants) is refused and links nothing.
#[test]
fn cp_refuses_a_hard_link_out_of_the_destination() {
    let sk = sleeping("e");
    exec_out(&sk, "e", "echo secret > /tmp/secret; mkdir /tmp/in");
    let attempts: [&[(&str, Option<&str>, &str)]; 3] = [
        &[("evil", None, "../secret")],
        &[("evil", None, "/../../tmp/secret")],
        // A symlink to / in the archive, then a hard link through it.
        &[("up", Some("/"), ""), ("evil", None, "up/tmp/secret")],
    ];
    for entries in attempts {
        let mut b = tar::Builder::new(Vec::new());
        for (name, symlink_to, link_target) in entries {
            match symlink_to {
                Some(to) => {
                    let mut h = tar::Header::new_gnu();
                    h.set_entry_type(tar::EntryType::Symlink);
                    h.set_size(0);
                    b.append_link(&mut h, name, to).unwrap();
                }
                None => hard_link_entry(&mut b, name, link_target),
            }
        }
        let bytes = b.into_inner().unwrap();
        let out = stream_in(&sk, &["cp", "-", "e:/tmp/in"], &bytes);
        assert_eq!(out.status, 125, "{entries:?}: {out:?}");
        assert_eq!(
            exec_out(
                &sk,
                "e",
                "stat -c %h /tmp/secret; test -e /tmp/in/evil || echo absent"
            ),
            "1\nabsent\n",
            "{entries:?} linked a file outside the destination"
        );
    }
}

/// Device nodes travel as tar char/block entries and fifos as fifos, as docker copies them; a
/// socket is left out. Where skiff runs in a user namespace (rootless), device nodes cannot be
/// made and are skipped, as docker and podman skip them there.
#[test]
fn cp_copies_device_nodes_and_fifos() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let sk = sleeping("n");
    // Out: the container's /dev/null (a char device, also rootless) and a fifo.
    exec_out(&sk, "n", "mkdir /sp; mkfifo /sp/pipe");
    for (src, name, kind) in [
        ("n:/dev/null", "null", tar::EntryType::Char),
        ("n:/sp/pipe", "pipe", tar::EntryType::Fifo),
    ] {
        let tar = stream_out(&sk, src);
        let mut archive = tar::Archive::new(&tar[..]);
        let e = archive.entries().unwrap().next().unwrap().unwrap();
        assert_eq!(
            (
                e.path().unwrap().display().to_string(),
                e.header().entry_type()
            ),
            (name.to_string(), kind)
        );
        if kind == tar::EntryType::Char {
            let h = e.header();
            assert_eq!(
                (h.device_major().unwrap(), h.device_minor().unwrap()),
                (Some(1), Some(3))
            );
        }
    }
    let out = sk.path("out");
    std::fs::create_dir(&out).unwrap();
    let o = out.display().to_string();
    sk.ok(&["cp", "n:/sp/pipe", &o]);
    assert!(std::fs::symlink_metadata(out.join("pipe"))
        .unwrap()
        .file_type()
        .is_fifo());
    sk.ok(&["cp", "n:/dev/null", &o]);
    match std::fs::symlink_metadata(out.join("null")) {
        Ok(m) => {
            assert!(crate::harness::is_root(), "rootless made a device node");
            assert!(m.file_type().is_char_device());
            assert_eq!(m.rdev(), libc::makedev(1, 3));
        }
        Err(_) => assert!(!crate::harness::is_root(), "root did not copy the node"),
    }
    // In: a device node, a fifo and a socket from the host.
    let src = sk.path("src");
    std::fs::create_dir(&src).unwrap();
    let fifo = std::ffi::CString::new(src.join("fifo").display().to_string()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o640) }, 0);
    std::fs::set_permissions(
        src.join("fifo"),
        std::os::unix::fs::PermissionsExt::from_mode(0o640),
    )
    .unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(src.join("sock")).unwrap();
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Char);
    h.set_size(0);
    h.set_mode(0o666);
    h.set_device_major(1).unwrap();
    h.set_device_minor(5).unwrap();
    b.append_data(&mut h, "zero", std::io::empty()).unwrap();
    let bytes = b.into_inner().unwrap();
    exec_out(&sk, "n", "mkdir /dev-in");
    let r = stream_in(&sk, &["cp", "-", "n:/dev-in"], &bytes);
    assert_eq!(r.status, 0, "{r:?}");
    sk.ok(&["cp", &src.display().to_string(), "n:/"]);
    let want_zero = if crate::harness::is_root() {
        "1,5 character special file 666\n"
    } else {
        "absent\n"
    };
    assert_eq!(
        exec_out(
            &sk,
            "n",
            "if [ -e /dev-in/zero ]; then stat -c '%t,%T %F %a' /dev-in/zero; else echo absent; fi"
        ),
        want_zero
    );
    assert_eq!(
        exec_out(
            &sk,
            "n",
            "stat -c '%F %a' /src/fifo; test -e /src/sock || echo no-socket"
        ),
        "fifo 640\nno-socket\n"
    );
}

/// docker's `cp` sees a stopped container's mounts: a named volume and a bind mount receive
/// what is copied to their paths and give back what they hold; a read-only volume refuses.
#[test]
fn cp_reaches_a_stopped_containers_volumes_and_binds() {
    let sk = Skiff::new();
    let root = overlay(&sk);
    let host = sk.path("bound");
    std::fs::create_dir(&host).unwrap();
    std::fs::write(host.join("from-host"), "bound\n").unwrap();
    let bind = format!("{}:/bind", host.display());
    sk.ok(&[
        "run",
        "--name",
        "v",
        "-v",
        "vol:/data",
        "-v",
        "rovol:/ro:ro",
        "-v",
        &bind,
        "--rootfs",
        &root,
        "sh",
        "-c",
        "echo inside > /data/made",
    ]);
    let file = sk.path("f");
    std::fs::write(&file, "copied\n").unwrap();
    let f = file.display().to_string();
    sk.ok(&["cp", &f, "v:/data/"]);
    sk.ok(&["cp", &f, "v:/bind/"]);
    assert_eq!(std::fs::read_to_string(host.join("f")).unwrap(), "copied\n");
    let refused = sk.run(&["cp", &f, "v:/ro/"]);
    assert_ne!(refused.status, 0, "{refused:?}");
    let out = sk.path("out");
    std::fs::create_dir(&out).unwrap();
    let o = out.display().to_string();
    sk.ok(&["cp", "v:/data/made", &o]);
    sk.ok(&["cp", "v:/bind/from-host", &o]);
    assert_eq!(
        std::fs::read_to_string(out.join("made")).unwrap(),
        "inside\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("from-host")).unwrap(),
        "bound\n"
    );
    // The copy is in the volume itself, not in the container's own directory under it.
    let other = sk.ok(&[
        "run",
        "--rm",
        "-v",
        "vol:/v",
        "-v",
        "rovol:/r",
        "--rootfs",
        &root,
        "sh",
        "-c",
        "cat /v/f; ls /r | wc -l",
    ]);
    assert_eq!(other, "copied\n0\n");
}

/// The owner and group of each entry of a tar stream, by name.
fn tar_owners(bytes: &[u8]) -> Vec<(String, u64, u64)> {
    let mut archive = tar::Archive::new(bytes);
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let h = e.header();
            (
                e.path().unwrap().display().to_string(),
                h.uid().unwrap(),
                h.gid().unwrap(),
            )
        })
        .collect()
}

/// A container with a user namespace of its own (`--userns keep-id`, `nomap`, `auto`) is
/// copied from and committed with the owners it sees, running or stopped: a file it chowns to
/// 1000 is 1000 in the stream and in the committed layer (which keeps its hard links), files
/// copied in belong to its root (or, with `-a`, to the archive's owners inside), and what lands
/// on the host belongs to the caller. Root has only `auto` (keep-id and nomap are rootless modes).
#[test]
fn cp_and_commit_keep_the_owners_a_userns_container_sees() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    crate::userns::open_to_others(&sk);
    let modes: &[&str] = if crate::harness::is_root() {
        &["auto"]
    } else {
        &["keep-id", "nomap", "auto"]
    };
    for mode in modes {
        userns_owners(&sk, mode);
    }
}

fn userns_owners(sk: &Skiff, mode: &str) {
    use std::os::unix::fs::MetadataExt;
    let img = crate::harness::image("busybox:latest");
    let k = format!("k-{mode}");
    sk.ok(&[
        "run", "-d", "--name", &k, "--userns", mode, "--user", "0", &img, "sleep", "1000",
    ]);
    exec_out(
        sk,
        &k,
        "mkdir /own; echo x > /own/f; chown 1000:1000 /own/f; touch /own/r; ln /own/f /own/l",
    );
    let want = [
        ("own/".to_string(), 0, 0),
        ("own/f".to_string(), 1000, 1000),
        ("own/l".to_string(), 1000, 1000),
        ("own/r".to_string(), 0, 0),
    ];
    let src = format!("{k}:/own");
    assert_eq!(tar_owners(&stream_out(sk, &src)), want, "{mode}, running");
    // On the host, without -a: the caller's.
    let out = sk.path(&format!("out-{mode}"));
    std::fs::create_dir(&out).unwrap();
    sk.ok(&["cp", &format!("{k}:/own/f"), &out.display().to_string()]);
    // SAFETY: getuid cannot fail.
    let me = unsafe { libc::getuid() };
    assert_eq!(
        std::fs::metadata(out.join("f")).unwrap().uid(),
        me,
        "{mode}"
    );
    // In: the container's root; with -a, the archive's owner as the container sees it.
    let file = sk.path("payload");
    std::fs::write(&file, "p\n").unwrap();
    let f = file.display().to_string();
    sk.ok(&["cp", &f, &format!("{k}:/tmp/running")]);
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(2);
    h.set_mode(0o644);
    h.set_uid(1000);
    h.set_gid(1000);
    b.append_data(&mut h, "kept", &b"k\n"[..]).unwrap();
    let bytes = b.into_inner().unwrap();
    let r = stream_in(sk, &["cp", "-a", "-", &format!("{k}:/tmp")], &bytes);
    assert_eq!(r.status, 0, "{mode}: {r:?}");
    // The committed layer holds the owners the container saw.
    let committed = format!("owners:{mode}");
    sk.ok(&["commit", &k, &committed]);
    let script = "stat -c %u:%g /own/f /own/r /tmp/running /tmp/kept; stat -c %i /own/f /own/l | uniq | wc -l";
    assert_eq!(
        sk.ok(&["run", "--rm", &committed, "sh", "-c", script]),
        "1000:1000\n0:0\n0:0\n1000:1000\n1\n",
        "{mode}"
    );
    // Stopped: the same owners out, the container's root in.
    sk.ok(&["stop", "-t", "0", &k]);
    assert_eq!(tar_owners(&stream_out(sk, &src)), want, "{mode}, stopped");
    sk.ok(&["cp", &f, &format!("{k}:/tmp/stopped")]);
    sk.ok(&["start", &k]);
    assert_eq!(
        exec_out(sk, &k, "stat -c %u:%g /tmp/stopped /own/f"),
        "0:0\n1000:1000\n",
        "{mode}"
    );
    sk.ok(&["rm", "-f", &k]);
}

/// A stopped (or never started) container's /etc/hosts, /etc/hostname and /etc/resolv.conf
/// are the files its start binds there, as docker's `cp` shows them: they read back as the
/// container sees them, and a directory cannot take their place (it did, and the container
/// then failed to start).
#[test]
fn cp_sees_a_stopped_containers_etc_files() {
    let sk = Skiff::new();
    let root = overlay(&sk);
    sk.ok(&[
        "create",
        "--name",
        "e",
        "--hostname",
        "etc-files",
        "--add-host",
        "extra.test:10.1.1.1",
        "--rootfs",
        &root,
        "cat",
        "/etc/hostname",
    ]);
    let out = sk.path("out");
    std::fs::create_dir(&out).unwrap();
    let o = out.display().to_string();
    sk.ok(&["cp", "e:/etc/hostname", &o]);
    sk.ok(&["cp", "e:/etc/hosts", &o]);
    assert_eq!(
        std::fs::read_to_string(out.join("hostname")).unwrap(),
        "etc-files\n"
    );
    let hosts = std::fs::read_to_string(out.join("hosts")).unwrap();
    assert!(hosts.contains("extra.test"), "{hosts}");
    let dir = sk.path("adir");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("f"), "x").unwrap();
    let refused = sk.run(&["cp", &dir.display().to_string(), "e:/etc/hostname"]);
    assert_ne!(refused.status, 0, "{refused:?}");
    assert!(refused.stderr.contains("not a directory"), "{refused:?}");
    // The container still starts, with its own host name.
    assert_eq!(sk.ok(&["start", "-a", "e"]), "etc-files\n");
}

/// A directory and a non-directory do not replace each other, either way and in either
/// direction (docker's `cp`), unless podman's `--overwrite` says so.
#[test]
fn cp_replaces_a_directory_with_a_file_only_with_overwrite() {
    let sk = Skiff::new();
    let root = overlay(&sk);
    sk.ok(&[
        "run",
        "-d",
        "--name",
        "o",
        "--rootfs",
        &root,
        "sh",
        "-c",
        "mkdir -p /w/d && echo x > /w/d/y && echo file > /w/thing && sleep 300",
    ]);
    sk.wait_for(
        "o",
        "{{.State.Status}}",
        "running",
        std::time::Duration::from_secs(10),
    );
    let ls = |p: &str| sk.ok(&["exec", "o", "sh", "-c", &format!("ls -ld {p} | cut -c1")]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while ls("/w/thing") != "-\n" {
        assert!(Instant::now() < deadline, "the container made no /w/thing");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Host side: `thing` a directory, `d` a file.
    let src = sk.path("src");
    std::fs::create_dir_all(src.join("thing")).unwrap();
    std::fs::write(src.join("thing/in"), "in\n").unwrap();
    std::fs::write(src.join("d"), "now a file\n").unwrap();
    let contents = format!("{}/.", src.display());
    let refused = sk.run(&["cp", &contents, "o:/w/"]);
    assert_ne!(refused.status, 0, "{refused:?}");
    assert!(refused.stderr.contains("cannot overwrite"), "{refused:?}");
    assert_eq!(ls("/w/thing"), "-\n");
    assert_eq!(ls("/w/d"), "d\n");
    sk.ok(&["cp", "--overwrite", &contents, "o:/w/"]);
    assert_eq!(ls("/w/thing"), "d\n");
    assert_eq!(ls("/w/d"), "-\n");
    assert_eq!(
        sk.ok(&["exec", "o", "cat", "/w/thing/in", "/w/d"]),
        "in\nnow a file\n"
    );
    // Out of the container, onto the host's opposite kinds.
    let out = sk.path("out");
    std::fs::create_dir_all(out.join("d")).unwrap();
    std::fs::write(out.join("thing"), "host file\n").unwrap();
    let o = out.display().to_string();
    let refused = sk.run(&["cp", "o:/w/.", &o]);
    assert_ne!(refused.status, 0, "{refused:?}");
    assert!(out.join("thing").is_file());
    sk.ok(&["cp", "--overwrite", "o:/w/.", &o]);
    assert_eq!(
        std::fs::read_to_string(out.join("thing/in")).unwrap(),
        "in\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("d")).unwrap(),
        "now a file\n"
    );
    sk.ok(&["rm", "-f", "o"]);
}

/// docker's symlink rules: a destination that is a symlink is written through (the link
/// stays, its target changes), confined to the container (a link to `../../tmp/X` lands in
/// the container's /tmp, never the host's); a dangling one fails; `SRC/` of a link to a
/// directory copies the directory.
#[test]
fn cp_writes_through_a_destination_symlink_inside_the_container() {
    let sk = Skiff::new();
    let root = overlay(&sk);
    let marker = format!("skiff-cp-link-{}", std::process::id());
    let script = format!(
        "echo orig > /target; ln -s /target /lnk; ln -s /nowhere/x /dang; \
         mkdir /data; echo hi > /data/f; ln -s /data /dirlink; \
         ln -s ../../../../tmp/{marker} /up; mkdir /app; ln -s new /app/cur; touch /ready; \
         sleep 1000"
    );
    sk.ok(&[
        "run", "-d", "--name", "l", "--rootfs", &root, "sh", "-c", &script,
    ]);
    let deadline = Instant::now() + Duration::from_secs(5);
    while sk.run(&["exec", "l", "test", "-e", "/ready"]).status != 0 {
        assert!(
            Instant::now() < deadline,
            "the container never made its links"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let file = sk.path("new");
    std::fs::write(&file, "new\n").unwrap();
    let f = file.display().to_string();
    sk.ok(&["cp", &f, "l:/lnk"]);
    assert_eq!(
        exec_out(&sk, "l", "readlink /lnk; cat /target"),
        "/target\nnew\n"
    );
    sk.fails(&["cp", &f, "l:/dang"], 125);
    assert_eq!(exec_out(&sk, "l", "readlink /dang"), "/nowhere/x\n");
    // A dangling relative link: its target is made beside it.
    sk.ok(&["cp", &f, "l:/app/cur"]);
    assert_eq!(
        exec_out(&sk, "l", "readlink /app/cur; cat /app/new"),
        "new\nnew\n"
    );
    let host_target = Path::new("/tmp").join(&marker);
    let _ = std::fs::remove_file(&host_target);
    sk.ok(&["cp", &f, "l:/up"]);
    assert!(
        !host_target.exists(),
        "cp through /up wrote the host's file"
    );
    assert_eq!(exec_out(&sk, "l", &format!("cat /tmp/{marker}")), "new\n");
    let out = sk.path("dir");
    sk.ok(&["cp", "l:/dirlink/", &out.display().to_string()]);
    assert_eq!(std::fs::read_to_string(out.join("f")).unwrap(), "hi\n");
    sk.ok(&["rm", "-f", "l"]);
}
