//! `skiff secret` and `run --secret` (podman's): secrets made from standard input, a file or a
//! variable, listed, inspected, replaced and removed; a container gets one as a read-only file
//! (under /run/secrets or at an absolute target, with its owner and mode) or as a variable,
//! from the copy made when it was created. Run as root and rootless.

use std::time::Duration;

use crate::harness::Skiff;

#[test]
fn secrets_reach_containers_as_files_or_variables() {
    // A name with a letter past f: an id prefix also names a secret, and a name of hex digits
    // could be the other secret's.
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let out = sk.run_with(
        &["secret", "create", "dbs", "-"],
        Some(b"s3cr3t"),
        Duration::from_secs(30),
    );
    assert_eq!(out.status, 0, "{out:?}");
    let id = out.stdout.trim().to_string();
    assert!(
        id.len() == 25 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    let file = sk.path("token");
    std::fs::write(&file, "from-a-file").unwrap();
    #[rustfmt::skip]
    sk.ok(&["secret", "create", "--label", "tier=back", "tok", &file.display().to_string()]);
    let listed = sk.ok(&["secret", "ls", "--format", "{{.Name}} {{.Driver}}"]);
    assert_eq!(listed, "dbs file\ntok file\n");
    let rows = sk.ok(&["secret", "ls", "--noheading"]);
    assert!(
        rows.lines().count() == 2 && rows.lines().all(|l| !l.starts_with("ID")),
        "{rows}"
    );
    assert_eq!(
        sk.ok(&["secret", "ls", "-q", "--filter", "name=dbs"])
            .trim(),
        id
    );
    let labels = sk.ok(&["secret", "inspect", "-f", "{{.Spec.Labels.tier}}", "tok"]);
    assert_eq!(labels.trim(), "back");
    let doc = sk.ok(&["secret", "inspect", &id[..8]]);
    assert!(!doc.contains("s3cr3t"), "inspect shows the data: {doc}");
    let shown = sk.ok(&[
        "secret",
        "inspect",
        "--showsecret",
        "-f",
        "{{.SecretData}}",
        "dbs",
    ]);
    assert_eq!(shown.trim(), "s3cr3t");
    let taken = sk.fails(
        &["secret", "create", "dbs", &file.display().to_string()],
        125,
    );
    assert!(
        taken.stderr.contains("secret name in use"),
        "{}",
        taken.stderr
    );

    let script = "cat /run/secrets/dbs; echo; echo \"$TOKEN\"; stat -c '%u:%g %a' /etc/app/key; \
                  cat /etc/app/key; echo; touch /run/secrets/dbs 2>/dev/null || echo read-only";
    #[rustfmt::skip]
    sk.ok(&["create", "--name", "c", "--secret", "dbs", "--secret", "tok,type=env,target=TOKEN",
        "--secret", "source=dbs,target=/etc/app/key,uid=5,gid=6,mode=0440",
        "--rootfs", &rootfs, "sh", "-c", script]);
    // The container has its own copy: the secret may change or go after the create.
    let other = sk.path("other");
    std::fs::write(&other, "changed").unwrap();
    #[rustfmt::skip]
    sk.ok(&["secret", "create", "--replace", "tok", &other.display().to_string()]);
    sk.ok(&["secret", "rm", "dbs"]);
    // Gone: podman's status 125, unless -i.
    let out = sk.fails(&["secret", "rm", "dbs"], 125);
    assert!(out.stderr.contains("dbs"), "{}", out.stderr);
    sk.ok(&["secret", "rm", "-i", "dbs"]);
    let out = sk.ok(&["start", "-a", "c"]);
    assert_eq!(
        out, "s3cr3t\nfrom-a-file\n5:6 440\ns3cr3t\nread-only\n",
        "the container's secrets"
    );
    let config = sk.ok(&["inspect", "c"]);
    assert!(
        !config.contains("s3cr3t") && !config.contains("from-a-file"),
        "inspect shows secret data: {config}"
    );
    assert_eq!(sk.fails(&["secret", "exists", "dbs"], 1).stdout, "");
    sk.ok(&["secret", "exists", "tok"]);
    let missing = sk.fails(
        &[
            "run", "--rm", "--secret", "dbs", "--rootfs", &rootfs, "true",
        ],
        125,
    );
    assert!(
        missing.stderr.contains("No such secret: dbs"),
        "{}",
        missing.stderr
    );
    let bad = sk.fails(
        &[
            "run",
            "--rm",
            "--secret",
            "tok,type=file",
            "--rootfs",
            &rootfs,
            "true",
        ],
        125,
    );
    assert!(bad.stderr.contains("use mount or env"), "{}", bad.stderr);
    sk.ok(&["secret", "rm", "--all"]);
    assert_eq!(sk.ok(&["secret", "ls", "-q"]), "");
}
