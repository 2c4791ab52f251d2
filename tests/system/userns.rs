//! `--userns`: host, keep-id (with uid=/gid=), nomap, auto and their refusals, root and
//! rootless. Mappings are read from /proc/PID/uid_map of the container's process as the host
//! sees it; ownership from files a container creates in a bind mount, and from the `multi`
//! image's files owned by 0, 33 and 1000, which must look the same in a namespace of its own.

use crate::harness::{image, is_root, monitor_pid_of, Skiff};

/// The test process's uid and gid.
fn own_ids() -> (u32, u32) {
    // SAFETY: getuid and getgid cannot fail.
    unsafe { (libc::getuid(), libc::getgid()) }
}

/// The `uid_map` of container `name`'s first process, from the host: (inside, outside, size).
fn uid_map_of(sk: &Skiff, name: &str) -> Vec<(u32, u32, u32)> {
    let pid = sk.ok(&["inspect", "-f", "{{.State.Pid}}", name]);
    let text = std::fs::read_to_string(format!("/proc/{}/uid_map", pid.trim())).unwrap();
    text.lines()
        .map(|l| {
            let f: Vec<u32> = l.split_whitespace().map(|x| x.parse().unwrap()).collect();
            (f[0], f[1], f[2])
        })
        .collect()
}

/// The first /etc/subuid range of `who` (a name or uid): (start, count).
fn subuids_of(who: &[String]) -> Option<(u32, u32)> {
    let subuid = std::fs::read_to_string("/etc/subuid").unwrap();
    subuid.lines().find_map(|l| {
        let f: Vec<&str> = l.trim().split(':').collect();
        (f.len() == 3 && who.iter().any(|w| w == f[0]))
            .then(|| Some((f[1].parse().ok()?, f[2].parse().ok()?)))
            .flatten()
    })
}

/// The ids `--userns auto` takes ranges from: the test user's subordinate uids (rootless), or
/// the "containers" entry (root; None when the machine has none).
fn auto_pool() -> Option<(u32, u32)> {
    if is_root() {
        return subuids_of(&["containers".into()]);
    }
    let who = [
        std::env::var("USER").unwrap_or_default(),
        own_ids().0.to_string(),
    ];
    Some(subuids_of(&who).expect("the rig user has a range in /etc/subuid"))
}

/// `run -d --name NAME --userns MODE IMG sleep 60`.
fn run_sleeping(sk: &Skiff, name: &str, mode: &str, img: &str) {
    sk.ok(&[
        "run",
        "-d",
        "--name",
        name,
        "--userns",
        mode,
        "--entrypoint",
        "",
        img,
        "sleep",
        "60",
    ]);
}

/// The owners, modes, links and whiteouts of the `multi` image, as images.rs checks them in
/// the default namespace; the expected lines.
const MULTI_SCRIPT: &str =
    "stat -c '%u:%g %a' /srv/www/index.html /data/owned-1000 /data/suid /etc/passwd; \
     stat -c %i /data/hard1 /data/hard2 | uniq | wc -l; readlink /opt/keep-link; cat /data/keep; \
     ls /opt/dir; test -e /data/gone || echo gone-absent";
const MULTI_WANT: &str =
    "33:33 644\n1000:1000 640\n0:0 4755\n0:0 644\n1\n../data/keep\nchanged\nc\ngone-absent\n";

#[test]
fn keep_id_runs_as_the_caller_and_files_are_theirs_inside_and_out() {
    let reg = require_registry!();
    let _ = reg;
    let sk = Skiff::new();
    let img = image("multi:oci");
    if is_root() {
        let out = sk.fails(&["run", "--rm", "--userns", "keep-id", &img, "true"], 125);
        assert!(
            out.stderr
                .contains("--userns keep-id is for rootless containers"),
            "{out:?}"
        );
        assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
        return;
    }
    let (uid, gid) = own_ids();
    let share = sk.path("share");
    std::fs::create_dir(&share).unwrap();
    let mount = format!("{}:/share", share.display());
    let out = sk.ok(&[
        "run",
        "--rm",
        "--userns",
        "keep-id",
        "-v",
        &mount,
        "--entrypoint",
        "",
        &img,
        "sh",
        "-c",
        "id -u; id -g; whoami; id -gn; touch /share/made; stat -c %u /share/made",
    ]);
    let user = std::env::var("USER").unwrap();
    // The group has the caller's group's name too, as podman's.
    let group = std::process::Command::new("id")
        .arg("-gn")
        .output()
        .unwrap();
    let group = String::from_utf8(group.stdout).unwrap();
    assert_eq!(out, format!("{uid}\n{gid}\n{user}\n{group}{uid}\n"));
    let made = std::fs::metadata(share.join("made")).unwrap();
    use std::os::unix::fs::MetadataExt;
    assert_eq!(
        (made.uid(), made.gid()),
        (uid, gid),
        "owned by the user on the host"
    );
    // The image's own files keep their owners (their copies were shifted).
    let out = sk.ok(&[
        "run",
        "--rm",
        "--userns",
        "keep-id",
        "--user",
        "0",
        "--entrypoint",
        "",
        &img,
        "sh",
        "-c",
        MULTI_SCRIPT,
    ]);
    assert_eq!(out, MULTI_WANT);
    // uid=/gid= put the user elsewhere inside; outside it is still the user.
    sk.ok(&[
        "run",
        "--name",
        "k",
        "--userns",
        "keep-id:uid=200,gid=210",
        "-v",
        &mount,
        "--entrypoint",
        "",
        &img,
        "sh",
        "-c",
        "id -u > /share/ids; id -g >> /share/ids; touch /share/made2",
    ]);
    assert_eq!(
        std::fs::read_to_string(share.join("ids")).unwrap(),
        "200\n210\n"
    );
    let made = std::fs::metadata(share.join("made2")).unwrap();
    assert_eq!((made.uid(), made.gid()), (uid, gid));
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.HostConfig.UsernsMode}}", "k"])
            .trim(),
        "keep-id:uid=200,gid=210"
    );
}

/// A namespace that leaves out the caller (`auto`, `nomap`) can only reach the container's
/// files through directories others may search: opens the test's directory and its parent
/// (CI makes `$SKIFF_TEST_TMP` 0700) with go+rx, as a user's storage would need.
pub(crate) fn open_to_others(sk: &Skiff) {
    use std::os::unix::fs::PermissionsExt;
    // The store skiff makes is private: made first, then opened as its error says to.
    sk.ok(&["ps", "-aq"]);
    for d in [&sk.root(), sk.dir(), sk.dir().parent().unwrap()] {
        let mode = std::fs::metadata(d).unwrap().permissions().mode();
        let _ = std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o055));
    }
}

#[test]
fn auto_gives_each_container_a_range_of_its_own() {
    require_registry!();
    let sk = Skiff::new();
    open_to_others(&sk);
    let img = image("multi:oci");
    let Some((start, count)) = auto_pool() else {
        // Root takes auto's ranges from /etc/subuid's "containers" entry; this machine has none.
        let out = sk.fails(&["run", "--rm", "--userns", "auto", &img, "true"], 125);
        assert!(
            out.stderr
                .contains("\"containers\" in /etc/subuid and /etc/subgid"),
            "{out:?}"
        );
        assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
        return;
    };
    run_sleeping(&sk, "a1", "auto", &img);
    run_sleeping(&sk, "a2", "auto", &img);
    let (m1, m2) = (uid_map_of(&sk, "a1"), uid_map_of(&sk, "a2"));
    let (uid, _) = own_ids();
    for m in [&m1, &m2] {
        assert_eq!(m.len(), 1, "{m:?}");
        let (inside, outside, size) = m[0];
        assert_eq!((inside, size), (0, 1024), "{m:?}");
        assert!(
            outside >= start && outside + size <= start + count,
            "{m:?} within the ids auto takes from, {start}+{count}"
        );
        assert_ne!(outside, uid);
    }
    let (o1, o2) = (m1[0].1, m2[0].1);
    assert!(
        o1 + 1024 <= o2 || o2 + 1024 <= o1,
        "overlapping ranges {m1:?} {m2:?}"
    );
    // The files look as the image made them; the process is root inside.
    let out = sk.ok(&["exec", "a1", "sh", "-c", &format!("id -u; {MULTI_SCRIPT}")]);
    assert_eq!(out, format!("0\n{MULTI_WANT}"));
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.HostConfig.UsernsMode}}", "a1"])
            .trim(),
        "auto"
    );
    // A removed container's range is free again; a third container does not take a live one.
    sk.ok(&["rm", "-f", "a1"]);
    run_sleeping(&sk, "a3", "auto:size=2048", &img);
    let m3 = uid_map_of(&sk, "a3");
    assert_eq!(m3[0].2, 2048);
    assert!(
        m3[0].1 + 2048 <= o2 || o2 + 1024 <= m3[0].1,
        "{m3:?} {m2:?}"
    );
}

/// An image made of the busybox root file system plus `/owned`, a file only 65534 (nobody)
/// may read, imported as `nob:1`.
fn import_image_with_a_file_of_nobody(sk: &Skiff) {
    let rootfs = sk.busybox_rootfs();
    let extra = sk.path("extra");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(extra.join("owned"), "nobody's\n").unwrap();
    let tar = sk.path("nob.tar");
    let tar = tar.to_str().unwrap();
    let sh = |script: &str| {
        let st = std::process::Command::new("sh")
            .args(["-c", script])
            .status()
            .unwrap();
        assert!(st.success(), "{script}");
    };
    sh(&format!("tar --owner=0 --group=0 -C {rootfs} -cf {tar} ."));
    sh(&format!(
        "chmod 600 {e}/owned && tar --owner=65534 --group=65534 -C {e} -rf {tar} owned",
        e = extra.display()
    ));
    sk.ok(&["import", tar, "nob:1"]);
}

#[test]
fn auto_sizes_the_namespace_from_the_image_as_podman() {
    if auto_pool().is_none() {
        // Root's auto takes its ranges from /etc/subuid's "containers" entry (the rig adds one).
        require_rootless!();
    }
    let sk = Skiff::new();
    open_to_others(&sk);
    import_image_with_a_file_of_nobody(&sk);
    // The image has a file of 65534, so its namespace maps ids 0..=65534: nobody reads it.
    run_sleeping(&sk, "big", "auto", "nob:1");
    let map = uid_map_of(&sk, "big");
    assert_eq!((map.len(), map[0].0, map[0].2), (1, 0, 65535), "{map:?}");
    let read_as_nobody = |mode: &str| {
        sk.run(&[
            "run",
            "--rm",
            "--userns",
            mode,
            "--user",
            "65534:65534",
            "nob:1",
            "sh",
            "-c",
            "stat -c %u:%g /owned; cat /owned",
        ])
    };
    sk.ok(&["rm", "-f", "big"]);
    let out = read_as_nobody("auto");
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "65534:65534\nnobody's\n"),
        "{}",
        out.stderr
    );
    // With podman's minimum of 1024 ids, 65534 is not mapped: the file shows the overflow id
    // and nobody is not a user there.
    let small = read_as_nobody("auto:size=1024");
    assert_ne!(small.status, 0, "{small:?}");
    // The root file system alone (nobody only in /etc/passwd and /etc/group) gets the minimum.
    let tar = sk.path("plain.tar");
    let tar = tar.to_str().unwrap();
    let rootfs = sk.busybox_rootfs();
    let st = std::process::Command::new("tar")
        .args(["--owner=0", "--group=0", "-C", &rootfs, "-cf", tar, "."])
        .status()
        .unwrap();
    assert!(st.success());
    sk.ok(&["import", tar, "plain:1"]);
    run_sleeping(&sk, "small", "auto", "plain:1");
    assert_eq!(uid_map_of(&sk, "small")[0].2, 1024);
}

/// A process in a user namespace of its own (ids 0.. from 200000, written by root as a runtime
/// writes them), killed when dropped.
struct NamespaceHolder(std::process::Child);

impl NamespaceHolder {
    fn start() -> NamespaceHolder {
        let child = std::process::Command::new("unshare")
            .args(["-U", "sleep", "1000"])
            .spawn()
            .unwrap();
        let holder = NamespaceHolder(child);
        let own = std::fs::read_link("/proc/self/ns/user").unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::fs::read_link(holder.path()).ok().as_ref() == Some(&own) {
            assert!(
                std::time::Instant::now() < deadline,
                "unshare -U did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let pid = holder.0.id();
        for map in ["uid_map", "gid_map"] {
            std::fs::write(format!("/proc/{pid}/{map}"), "0 200000 65536\n").unwrap();
        }
        holder
    }

    fn path(&self) -> String {
        format!("/proc/{}/ns/user", self.0.id())
    }
}

impl Drop for NamespaceHolder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn ns_path_joins_an_existing_namespace_as_root() {
    require_registry!();
    let sk = Skiff::new();
    open_to_others(&sk);
    let img = image("busybox:latest");
    if !is_root() {
        let out = sk.fails(
            &[
                "run",
                "--rm",
                "--userns",
                "ns:/proc/self/ns/user",
                &img,
                "true",
            ],
            125,
        );
        assert!(out.stderr.contains("needs root"), "{out:?}");
        assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
        return;
    }
    let holder = NamespaceHolder::start();
    let path = holder.path();
    let out = sk.ok(&[
        "run",
        "--rm",
        "--userns",
        &format!("ns:{path}"),
        &img,
        "sh",
        "-c",
        "readlink /proc/self/ns/user; cat /proc/self/uid_map; stat -c %u:%g /etc/passwd; id -u",
    ]);
    // The very namespace (same inode), its mapping, and the image's files owned by its root.
    let ns = std::fs::read_link(&path).unwrap();
    let map = std::fs::read_to_string(format!("/proc/{}/uid_map", holder.0.id())).unwrap();
    assert_eq!(out, format!("{}\n{map}0:0\n0\n", ns.display()));
    assert!(map.contains(" 200000 "), "{map}");
}

#[test]
fn host_is_the_default_namespace() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let read = |flags: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&["--rootfs", &rootfs, "cat", "/proc/self/uid_map"]);
        sk.ok(&args)
    };
    let default = read(&[]);
    assert_eq!(read(&["--userns", "host"]), default);
    let first: Vec<u32> = default
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    if is_root() {
        assert_eq!(first, [0, 0, u32::MAX], "no user namespace as root");
    } else {
        // Rootless: the user is root inside (skiff's namespace), as podman's default.
        assert_eq!(first, [0, own_ids().0, 1]);
    }
    sk.ok(&[
        "create", "--name", "h", "--userns", "host", "--rootfs", &rootfs, "true",
    ]);
    assert_eq!(
        sk.ok(&["inspect", "-f", "{{.HostConfig.UsernsMode}}", "h"])
            .trim(),
        "host"
    );
}

#[test]
fn nomap_leaves_the_user_out() {
    require_registry!();
    let sk = Skiff::new();
    open_to_others(&sk);
    let img = image("multi:oci");
    if is_root() {
        let out = sk.fails(&["run", "--rm", "--userns", "nomap", &img, "true"], 125);
        assert!(
            out.stderr.contains("--userns nomap is for rootless"),
            "{out:?}"
        );
        return;
    }
    run_sleeping(&sk, "n", "nomap", &img);
    let map = uid_map_of(&sk, "n");
    let (uid, _) = own_ids();
    let (start, count) = auto_pool().unwrap();
    assert_eq!(
        map,
        vec![(0, start, count)],
        "the user's uid {uid} is not mapped"
    );
    let out = sk.ok(&["exec", "n", "sh", "-c", MULTI_SCRIPT]);
    assert_eq!(out, MULTI_WANT);
}

#[test]
fn bad_userns_values_are_refused() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for (value, want) in [
        ("bogus", "invalid --userns \"bogus\""),
        ("keep-id:uid=x", "uid=\"x\" is not a number"),
        ("auto:size=0", "size must be above 0"),
        ("auto:color=red", "unknown option \"color=red\""),
        ("ns:user", "give the namespace's absolute path"),
    ] {
        let out = sk.fails(
            &[
                "run", "--rm", "--userns", value, "--rootfs", &rootfs, "true",
            ],
            125,
        );
        assert!(out.stderr.contains(want), "{value}: {out:?}");
    }
    assert_eq!(sk.ok(&["ps", "-a", "-q"]), "");
}

/// Tests of rootless behaviour: tests/ci.sh runs them in its rootless pass only (`--skip
/// ::only_rootless::` in the root pass).
/// `--userns container:ID` joins another container's user namespace (its own mapping, the
/// files as they look there), and the members of a pod created with `--userns` join its infra
/// container's (as root they ran in the host's); a container without a user namespace of its
/// own cannot be joined.
#[test]
fn containers_and_pod_members_join_another_container_s_user_namespace() {
    require_registry!();
    let sk = Skiff::new();
    open_to_others(&sk);
    let img = image("multi:oci");
    let userns = |name: &str| {
        let pid = sk.inspect(name, "{{.State.Pid}}");
        std::fs::read_link(format!("/proc/{pid}/ns/user")).unwrap()
    };
    run_sleeping(&sk, "owner", "auto", &img);
    run_sleeping(&sk, "guest", "container:owner", &img);
    assert_eq!(userns("guest"), userns("owner"));
    assert_eq!(uid_map_of(&sk, "guest"), uid_map_of(&sk, "owner"));
    let out = sk.ok(&[
        "exec",
        "guest",
        "sh",
        "-c",
        &format!("id -u; {MULTI_SCRIPT}"),
    ]);
    assert_eq!(out, format!("0\n{MULTI_WANT}"));
    let owner_id = sk.inspect("owner", "{{.Id}}");
    assert_eq!(
        sk.inspect("guest", "{{.HostConfig.UsernsMode}}"),
        format!("container:{owner_id}")
    );
    // A pod with --userns: its members are in its infra container's namespace.
    sk.ok(&["pod", "create", "--name", "nsp", "--userns", "auto"]);
    #[rustfmt::skip]
    sk.ok(&["run", "-d", "--name", "member", "--pod", "nsp", "--entrypoint", "", &img, "sleep", "60"]);
    let infra = sk.ok(&["pod", "inspect", "nsp", "--format", "{{.InfraContainerID}}"]);
    assert_eq!(userns("member"), userns(infra.trim()));
    assert_ne!(
        uid_map_of(&sk, "member")[0],
        (0, 0, u32::MAX),
        "the host's mapping"
    );
    // Refusals: a container on the host's user namespace.
    run_sleeping(&sk, "plain", "host", &img);
    let out = sk.fails(&["create", "--userns", "container:plain", &img], 125);
    assert!(
        out.stderr.contains("no user namespace of its own"),
        "{out:?}"
    );
    sk.ok(&["pod", "rm", "-f", "nsp"]);
    sk.ok(&["rm", "-f", "owner", "guest", "plain"]);
}

mod only_rootless {
    use super::*;

    /// The user namespace of process `pid`, as `readlink /proc/PID/ns/user` prints it.
    fn userns_of(pid: &str) -> String {
        let link = std::fs::read_link(format!("/proc/{pid}/ns/user")).unwrap();
        link.to_string_lossy().into_owned()
    }

    /// Field 22 of /proc/PID/stat: when process `pid` started.
    fn start_time(pid: i32) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        after.split(' ').nth(19).unwrap().parse().unwrap()
    }

    /// While a container runs, a later `run` joins the user namespace its monitor keeps instead
    /// of making one (no newuidmap); a record that names a process which is not that monitor any
    /// more (another start time) or whose namespace has another mapping is never joined, and a
    /// new namespace with the full mapping is made instead.
    #[test]
    fn a_running_container_keeps_the_user_namespace_for_later_commands() {
        require_registry!();
        require_rootless!();
        let sk = Skiff::new();
        let img = image("busybox:latest");
        let id = sk.ok(&["run", "-d", "--name", "keeper", &img, "sleep", "120"]);
        let kept = userns_of(sk.inspect("keeper", "{{.State.Pid}}").trim());
        let in_new = |sk: &Skiff| sk.ok(&["run", "--rm", &img, "readlink", "/proc/self/ns/user"]);
        assert_eq!(
            in_new(&sk).trim(),
            kept,
            "a run while keeper runs joins its namespace"
        );
        let full_map = uid_map_of(&sk, "keeper");
        assert!(full_map.len() > 1, "{full_map:?}");

        let record = sk.runroot().join("userns-keeper");
        let monitor = monitor_pid_of(id.trim()).expect("keeper's monitor runs");
        // The monitor's pid with another start time: a later process that reused the pid.
        std::fs::write(&record, format!("{monitor} {}\n", start_time(monitor) + 1)).unwrap();
        sk.ok(&["run", "-d", "--name", "other", &img, "sleep", "120"]);
        let other = userns_of(sk.inspect("other", "{{.State.Pid}}").trim());
        assert_ne!(other, kept, "a record with another start time was joined");
        assert_eq!(uid_map_of(&sk, "other"), full_map);

        // A live process of this user in a namespace that maps only the user's own id.
        let mut single = std::process::Command::new("unshare")
            .args(["--user", "--map-root-user", "sleep", "120"])
            .spawn()
            .unwrap();
        let pid = single.id() as i32;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while userns_of(&pid.to_string()) == userns_of("self") {
            assert!(
                std::time::Instant::now() < deadline,
                "unshare made no namespace"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let single_ns = userns_of(&pid.to_string());
        std::fs::write(&record, format!("{pid} {}\n", start_time(pid))).unwrap();
        sk.ok(&["run", "-d", "--name", "third", &img, "sleep", "120"]);
        let third = userns_of(sk.inspect("third", "{{.State.Pid}}").trim());
        let _ = single.kill();
        let _ = single.wait();
        assert_ne!(third, single_ns);
        assert_eq!(
            uid_map_of(&sk, "third"),
            full_map,
            "a single-id namespace was joined"
        );
        sk.ok(&["rm", "-f", "-t", "0", "keeper", "other", "third"]);
    }

    /// Without directories others may search (see `open_to_others`), `nomap` is refused before
    /// anything runs, naming the directory to open.
    #[test]
    fn nomap_behind_a_private_directory_says_which_to_open() {
        require_registry!();
        require_rootless!();
        let sk = Skiff::new();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(sk.dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let out = sk.fails(
            &[
                "run",
                "--rm",
                "--userns",
                "nomap",
                &image("multi:oci"),
                "true",
            ],
            125,
        );
        assert!(out.stderr.contains("chmod go+rx"), "{}", out.stderr);
    }
}
