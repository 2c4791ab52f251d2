//! `auto-update` (podman's): which containers it checks (a policy label, running, a unit label
//! that a unit's environment sets at create), the registry policy's digest check and the local
//! policy's name check, the report and its errors, `--dry-run`, and an update whose unit cannot
//! restart (these hosts have no systemd): with rollback the old image gets its name back,
//! without it the new one keeps it. Units restarting for real on their new image are proven in
//! the VM guest (tests/vm/check.sh). Run as root and as an unprivileged user.

use std::path::Path;

use crate::harness::{image, Skiff};
use crate::registry::start_registry;

/// `skiff run -d` as a systemd unit named `unit` would run it (the unit sets its name in the
/// environment); returns the container's id.
fn run_as_unit(sk: &Skiff, unit: &str, args: &[&str]) -> String {
    let mut full = vec!["run", "-d"];
    full.extend_from_slice(args);
    let out = sk.run_env(&full, &[("SKIFF_SYSTEMD_UNIT", Path::new(unit))]);
    assert_eq!(out.status, 0, "{out:?}");
    out.stdout.trim().to_string()
}

/// `auto-update --tls-verify=false` with `flags`, one line per container: unit, name, policy,
/// outcome.
fn updates(sk: &Skiff, flags: &[&str]) -> String {
    let mut args = vec!["auto-update", "--tls-verify=false"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[
        "--format",
        "{{.Unit}} {{.ContainerName}} {{.Policy}} {{.Updated}}",
    ]);
    sk.ok(&args)
}

#[test]
fn auto_update_checks_the_policies_reports_and_rolls_back_a_unit_that_cannot_restart() {
    require_registry!();
    let sk = Skiff::new();
    let reg = start_registry(&sk.path("registry"), "127.0.0.1", "", "");
    let name = format!("{}/team/app:latest", reg.addr);
    let base = image("busybox:latest");
    let v1 = sk
        .ok(&["pull", "-q", "--tls-verify=false", &base])
        .trim()
        .to_string();
    sk.ok(&["tag", &v1, &name]);
    sk.ok(&["push", "-q", "--tls-verify=false", &name]);
    // Pulled back, so the store knows the registry's digest for the name.
    sk.ok(&["pull", "-q", "--tls-verify=false", &name]);
    let policy = "io.containers.autoupdate=registry";
    let app = run_as_unit(
        &sk,
        "app.service",
        &["--name", "app", "-l", policy, &name, "sleep", "300"],
    );
    assert_eq!(
        sk.inspect("app", "{{index .Config.Labels \"PODMAN_SYSTEMD_UNIT\"}}"),
        "app.service"
    );
    // Not run by a unit: an error that says so; the others are still reported.
    sk.ok(&[
        "run", "-d", "--name", "loose", "-l", policy, &name, "sleep", "300",
    ]);
    // Stopped, or with no policy: not looked at.
    sk.ok(&["create", "--name", "stopped", "-l", policy, &name, "true"]);
    run_as_unit(
        &sk,
        "plain.service",
        &["--name", "plain", &name, "sleep", "300"],
    );
    let out = sk.fails(&["auto-update", "--dry-run", "--tls-verify=false"], 125);
    let table: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        table[0],
        ["UNIT", "CONTAINER", "IMAGE", "POLICY", "UPDATED"],
        "{out:?}"
    );
    assert_eq!(
        table[1..],
        [vec![
            "app.service",
            &app[..12],
            "(app)",
            name.as_str(),
            "registry",
            "false"
        ]],
        "{out:?}"
    );
    assert!(
        out.stderr.contains("\"loose\"") && out.stderr.contains("PODMAN_SYSTEMD_UNIT"),
        "{out:?}"
    );
    sk.ok(&["rm", "-f", "loose", "stopped", "plain"]);

    // A new image under the name in the registry: pending.
    sk.ok(&[
        "run",
        "--name",
        "maker",
        "--network",
        "none",
        &name,
        "sh",
        "-c",
        "echo 2 > /v",
    ]);
    sk.ok(&["commit", "-q", "maker", &name]);
    let v2 = sk.inspect(&name, "{{.Id}}");
    sk.ok(&["push", "-q", "--tls-verify=false", &name]);
    sk.ok(&["tag", &v1, &name]);
    let check = updates(&sk, &["--dry-run"]);
    assert_eq!(check, "app.service app registry pending\n");
    assert_eq!(sk.inspect(&name, "{{.Id}}"), v1, "a dry run pulls nothing");
    // The update pulls the new image; the unit cannot restart here, so it is rolled back: the
    // name is the old image's again, and the container still runs.
    let json = sk.ok(&["auto-update", "--tls-verify=false", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report[0]["Updated"], "failed", "{json}");
    assert_eq!(report[0]["ContainerID"], app.as_str(), "{json}");
    assert_eq!(
        sk.inspect(&name, "{{.Id}}"),
        v1,
        "the name went back to the old image"
    );
    assert_eq!(sk.inspect("app", "{{.State.Status}}"), "running");
    // Without rollback the new image keeps the name.
    let check = updates(&sk, &["--rollback=false"]);
    assert_eq!(check, "app.service app registry failed\n");
    assert_eq!(sk.inspect(&name, "{{.Id}}"), v2);

    // The local policy: the name now stands for another stored image.
    let local = "localhost/app-local:latest";
    sk.ok(&["tag", &v1, local]);
    run_as_unit(
        &sk,
        "local.service",
        &[
            "--name",
            "loc",
            "-l",
            "io.containers.autoupdate=local",
            local,
            "sleep",
            "300",
        ],
    );
    let check = updates(&sk, &["--dry-run"]);
    assert!(check.contains("local.service loc local false\n"), "{check}");
    sk.ok(&["tag", &v2, local]);
    let check = updates(&sk, &["--dry-run"]);
    assert!(
        check.contains("local.service loc local pending\n"),
        "{check}"
    );
    sk.ok(&["rm", "-f", "app", "loc", "maker"]);
}
