//! `ps` listing: docker's filters and their errors, and `--format` templates naming unknown
//! fields (also of `images` and `volume ls`). Run as root and as an unprivileged user.

use crate::harness::Skiff;

#[test]
fn ps_filters_like_docker() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    for name in ["web", "web2", "db"] {
        sk.ok(&["create", "--name", name, "--rootfs", &rootfs, "true"]);
    }
    let names = |filter: &str| sk.ok(&["ps", "-a", "--filter", filter, "--format", "{{.Names}}"]);
    assert_eq!(names("name=web"), "web2\nweb\n");
    assert_eq!(names("name=^web$"), "web\n");
    assert_eq!(names("name=^/web$"), "web\n");
    assert_eq!(names("since=web"), "db\nweb2\n");
    assert_eq!(names("before=web2"), "web\n");
    assert_eq!(names("before=db"), "web2\nweb\n");
    assert_eq!(names(&format!("ancestor={rootfs}")), "db\nweb2\nweb\n");
    // docker's -n: N last created of every state; its default -1 (and 0) limit nothing.
    let last = |n: &str| sk.ok(&["ps", "-n", n, "--format", "{{.Names}}"]);
    assert_eq!(last("2"), "db\nweb2\n");
    assert_eq!(last("0"), "");
    assert_eq!(last("-1"), "");
    let last_all = |n: &str| sk.ok(&["ps", "-a", "-n", n, "--format", "{{.Names}}"]);
    assert_eq!(last_all("-1"), "db\nweb2\nweb\n");
    assert_eq!(last_all("0"), "db\nweb2\nweb\n");
    for (bad, says) in [
        ("name=web(", "not a regular expression"),
        ("exited=abc", "exited=abc"),
        ("since=nosuch", "No such container: nosuch"),
    ] {
        let out = sk.run(&["ps", "-a", "--filter", bad]);
        assert_eq!(out.status, 125, "{bad}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{bad}: {}", out.stderr);
    }
}

#[test]
fn format_unknown_fields_fail_like_docker() {
    let sk = Skiff::new();
    for args in [
        &["ps", "-a", "--format", "{{.Nmes}}"][..],
        &["images", "--format", "table {{.Repo}}"],
        &["volume", "ls", "--format", "{{.Nme}}"],
    ] {
        let out = sk.run(args);
        assert_eq!(out.status, 125, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("can't evaluate field"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let rootfs = sk.busybox_rootfs();
    sk.ok(&["create", "--name", "c", "--rootfs", &rootfs, "true"]);
    let out = sk.run(&["inspect", "-f", "{{.Foo}}", "c"]);
    assert_eq!(out.status, 125);
    assert!(
        out.stderr.contains("map has no entry for key \"Foo\""),
        "{}",
        out.stderr
    );
    assert_eq!(
        sk.inspect("c", "{{.Config.Labels.nope}} {{.Name}}"),
        "<no value> /c"
    );
    assert_eq!(sk.ok(&["ps", "-a", "--format", "{{.Names}}"]), "c\n");
    // stats and history know their fields too (they printed `<no value>`).
    for args in [
        &["stats", "--no-stream", "--format", "{{.Nope}}", "c"][..],
        &["history", "--format", "{{.Nope}}", &rootfs],
    ] {
        let out = sk.run(args);
        assert_eq!(out.status, 125, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("can't evaluate field Nope"),
            "{args:?}: {out:?}"
        );
    }
    // docker's: -q wins over ps's --format, with a warning.
    let both = sk.run(&["ps", "-a", "-q", "--format", "{{.Names}}"]);
    assert_eq!(both.status, 0);
    assert_eq!(both.stdout.trim().len(), 12, "{both:?}");
    assert!(
        both.stderr
            .contains("Ignoring custom format, because both --format and --quiet are set"),
        "{both:?}"
    );
}
