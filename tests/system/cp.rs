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

#[test]
fn cp_both_ways_on_running_and_stopped_containers() {
    let sk = Skiff::new();
    let root = overlay(&sk);
    sk.ok(&[
        "run", "-d", "--name", "c", "--rootfs", &root, "sleep", "1000",
    ]);
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
    let sk = Skiff::new();
    let root = overlay(&sk);
    sk.ok(&[
        "run", "-d", "--name", "t", "--rootfs", &root, "sleep", "1000",
    ]);
    let tar = sk.cmd(&["cp", "t:/etc/passwd", "-"]).output().unwrap();
    assert!(tar.status.success());
    let mut archive = tar::Archive::new(&tar.stdout[..]);
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
    let out = sk.run_with(
        &["cp", "-", "t:/tmp"],
        Some(&bytes),
        crate::harness::DEFAULT_TIMEOUT,
    );
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
    let out = sk.run_with(
        &["cp", "-", "t:/tmp/in"],
        Some(&bytes),
        crate::harness::DEFAULT_TIMEOUT,
    );
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
