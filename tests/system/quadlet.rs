//! Quadlet files: the systemd generator entry point and `skiff quadlet generate` (root and
//! rootless), and `skiff quadlet install|list|print|rm` for a user without root, which write
//! units into the user's own unit directory. systemd itself runs them in tests/vm/check.sh.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::harness::{binary, finish_within, Skiff};

const WEB: &str =
    "[Unit]\nDescription=web\n[Container]\nImage=data.image\nVolume=data.volume:/data\n\
                   PublishPort=18080:80\nExec=httpd -f -p 80\n[Install]\nWantedBy=default.target\n";

/// A directory of Quadlet files in the test's directory.
fn quadlets(sk: &Skiff, files: &[(&str, &str)]) -> PathBuf {
    let dir = sk.path("quadlets");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The unit `name` in the output of `quadlet generate --dry-run`.
fn unit_in(dry_run: &str, name: &str) -> String {
    let start = dry_run
        .find(&format!("---{name}---\n"))
        .unwrap_or_else(|| panic!("no {name} in {dry_run}"));
    let rest = &dry_run[start + name.len() + 7..];
    rest[..rest.find("\n---").unwrap_or(rest.len())].to_string()
}

/// The words of the unit's `ExecStart=`.
fn exec_start(unit: &str) -> Vec<String> {
    unit_line(unit, "ExecStart", Path::new("/run"), "")
}

/// The test's store as a Quadlet `GlobalArgs=` line, so the units' commands use it.
fn global_args(sk: &Skiff) -> String {
    format!(
        "GlobalArgs=--root {} --runroot {}\n",
        sk.root().display(),
        sk.runroot().display()
    )
}

/// `quadlet generate --dry-run` over the Quadlet files in `src`: the units it prints.
fn dry_run(sk: &Skiff, src: &Path) -> String {
    let o = sk.run_env(
        &["quadlet", "generate", "--dry-run"],
        &[("QUADLET_UNIT_DIRS", src)],
    );
    assert_eq!(o.status, 0, "{o:?}");
    o.stdout
}

/// The words of the unit's line `key=` as systemd runs it for the unit named `n`: the `-` that
/// lets it fail dropped, `%t` as `runtime` and `%N` as `n`.
fn unit_line(unit: &str, key: &str, runtime: &Path, n: &str) -> Vec<String> {
    unit.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key} in {unit}"))
        .trim_start_matches('-')
        .replace("%t", runtime.to_str().unwrap())
        .replace("%N", n)
        .split(' ')
        .map(str::to_string)
        .collect()
}

/// The unit of a `web.container` whose container sleeps in the test's busybox rootfs with no
/// network, with `extra` `[Container]` lines, and the directory that stands for its `%t`.
fn sleeping_web_unit(sk: &Skiff, extra: &str) -> (String, PathBuf) {
    let rootfs = sk.busybox_rootfs();
    let text = format!(
        "[Container]\n{}Rootfs={rootfs}\nNetwork=none\nExec=sleep 300\n{extra}",
        global_args(sk)
    );
    let src = quadlets(sk, &[("web.container", &text)]);
    let runtime = sk.path("rt");
    std::fs::create_dir_all(&runtime).unwrap();
    (dry_run(sk, &src), runtime)
}

/// Runs a unit's command line as systemd would: in `dir`, with `env` added, no stdin; panics
/// unless it exits 0 within `secs` seconds.
fn run_unit_line(words: &[String], dir: Option<&Path>, env: &[(&str, String)], secs: u64) {
    let mut cmd = std::process::Command::new(&words[0]);
    cmd.args(&words[1..])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let o = finish_within(cmd.spawn().unwrap(), std::time::Duration::from_secs(secs))
        .unwrap_or_else(|| panic!("{words:?} did not finish within {secs} s"));
    assert_eq!(o.status, 0, "{words:?}: {o:?}");
}

/// The generator, run as systemd does: under the name `skiff-user-generator` (a symlink to
/// skiff), with the output directories as arguments; a file that does not translate is named
/// on stderr and fails the run, the others are still written.
#[test]
fn the_generator_writes_a_unit_per_file_and_links_the_enabled_ones() {
    let sk = Skiff::new();
    let src = quadlets(
        &sk,
        &[
            ("web.container", WEB),
            ("data.volume", "[Volume]\nVolumeName=webdata\n"),
            ("data.image", "[Image]\nImage=busybox:latest\n"),
        ],
    );
    let generator = sk.path("skiff-user-generator");
    std::os::unix::fs::symlink(binary(), &generator).unwrap();
    let out = sk.path("out");
    let run = |out: &Path| {
        let child = std::process::Command::new(&generator)
            .args([out, &sk.path("early"), &sk.path("late")])
            .env("QUADLET_UNIT_DIRS", &src)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        finish_within(child, std::time::Duration::from_secs(30)).unwrap()
    };
    let o = run(&out);
    assert_eq!(o.status, 0, "{o:?}");
    let web = read(&out.join("web.service"));
    let start = exec_start(&web);
    assert_eq!(
        Path::new(&start[0]),
        std::fs::canonicalize(binary()).unwrap()
    );
    assert!(
        start.contains(&"--volume=webdata:/data".to_string()),
        "{web}"
    );
    assert_eq!(
        start[start.len() - 5..],
        ["busybox:latest", "httpd", "-f", "-p", "80"]
    );
    assert!(web.contains("\nRequires=data-volume.service\n"), "{web}");
    assert!(web.contains("\nType=notify\n"), "{web}");
    assert!(read(&out.join("data-volume.service")).contains(" volume create --ignore webdata"));
    assert!(read(&out.join("data-image.service")).contains(" image pull busybox:latest"));
    assert_eq!(
        std::fs::read_link(out.join("default.target.wants/web.service")).unwrap(),
        out.join("web.service")
    );

    std::fs::write(
        src.join("bad.container"),
        "[Container]\nImage=x\nPublishPorts=1:1\n",
    )
    .unwrap();
    let out2 = sk.path("out2");
    let o = run(&out2);
    assert_eq!(o.status, 1, "{o:?}");
    assert!(
        o.stderr
            .contains("bad.container:3: unknown key PublishPorts= in [Container]"),
        "{o:?}"
    );
    assert!(out2.join("web.service").is_file());
    assert!(!out2.join("bad.service").exists());
}

/// `quadlet generate --dry-run` prints what the generator would write.
#[test]
fn generate_dry_run_prints_the_units() {
    let sk = Skiff::new();
    let src = quadlets(&sk, &[("web.container", "[Container]\nImage=busybox\n")]);
    let units = dry_run(&sk, &src);
    assert!(
        units.starts_with("---web.service---\n# Generated by skiff from "),
        "{units}"
    );
    assert!(
        units.contains(" run --name=systemd-%N --cidfile=%t/%N.cid"),
        "{units}"
    );
}

/// The unit's own command lines, run as systemd would (specifiers filled in): start, stop, and
/// start again in the same boot. The stop's `rm --cidfile` deletes the cidfile, or the second
/// `run --cidfile` would refuse the file left behind.
#[test]
fn the_units_commands_start_stop_and_start_again() {
    let sk = Skiff::new();
    let (unit, runtime) = sleeping_web_unit(&sk, "");
    let line = |key: &str| unit_line(&unit, key, &runtime, "web");
    let (start, stop) = (line("ExecStart"), line("ExecStop"));
    for round in 1..=2 {
        run_unit_line(&start, None, &[], 60);
        assert_eq!(sk.inspect("systemd-web", "{{.State.Status}}"), "running");
        assert!(runtime.join("web.cid").is_file());
        run_unit_line(&stop, None, &[], 60);
        assert_eq!(sk.ok(&["ps", "-aq"]), "", "round {round}");
        assert!(
            !runtime.join("web.cid").exists(),
            "round {round}: the cidfile stays"
        );
    }
}

/// podman's `[Container]` security, secret, environment and reload keys reach the container
/// the unit's commands run: `Mask=` hides a path, `Unmask=` shows one masked by default,
/// `Secret=` sets the variable, `EnvironmentHost=` passes the service's environment, and
/// `ExecReload=` (from `ReloadCmd=`) runs in the container.
#[test]
fn security_secret_environment_and_reload_keys_reach_the_container() {
    let sk = Skiff::new();
    let token = sk.path("token");
    std::fs::write(&token, "s3cret").unwrap();
    sk.ok(&["secret", "create", "tok", token.to_str().unwrap()]);
    let (unit, runtime) = sleeping_web_unit(
        &sk,
        "Mask=/proc/cpuinfo\nUnmask=/sys/firmware\nSecret=tok,type=env,target=TOK\n\
         EnvironmentHost=true\nReloadCmd=sh -c \"echo reloaded > /reloaded\"\n",
    );
    let line = |key: &str| unit_line(&unit, key, &runtime, "web");
    run_unit_line(
        &line("ExecStart"),
        None,
        &[("FROM_SERVICE", "yes".into())],
        60,
    );
    #[rustfmt::skip]
    let seen = sk.ok(&["exec", "systemd-web", "sh", "-c",
        "wc -c < /proc/cpuinfo; ls /sys/firmware | wc -l; echo $TOK $FROM_SERVICE"]);
    // /sys/firmware, masked by default, shows the host's entries.
    let firmware = std::fs::read_dir("/sys/firmware").unwrap().count();
    assert_eq!(seen, format!("0\n{firmware}\ns3cret yes\n"));
    // ExecReload= has sh -c's script quoted: run it through a shell, which splits it as
    // systemd does, with systemd's %N put in.
    let reload = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecReload="))
        .expect("an ExecReload= line");
    let o = std::process::Command::new("sh")
        .args(["-c", &reload.replace("%N", "web")])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert_eq!(
        sk.ok(&["exec", "systemd-web", "cat", "/reloaded"]),
        "reloaded\n"
    );
    run_unit_line(&line("ExecStop"), None, &[], 60);
    sk.ok(&["secret", "rm", "tok"]);
}

/// A `.build` file's service builds its image from the Containerfile beside it (`File=` and
/// `SetWorkingDirectory=unit` relative to the Quadlet file), and a container with
/// `Image=NAME.build` waits for that service and runs the image it built.
#[test]
fn a_build_file_builds_the_image_its_container_runs() {
    let sk = Skiff::new();
    let global = global_args(&sk);
    let containerfile = format!(
        "FROM {}\nCOPY greeting /greeting\nCMD [\"cat\", \"/greeting\"]\n",
        crate::harness::image("busybox:latest")
    );
    let src = quadlets(
        &sk,
        &[
            (
                "app.build",
                &format!(
                    "[Build]\n{global}ImageTag=localhost/quadlet-app\nFile=Containerfile\n\
                     SetWorkingDirectory=unit\n"
                ),
            ),
            (
                "app.container",
                &format!("[Container]\n{global}Image=app.build\nNetwork=none\n"),
            ),
            ("Containerfile", &containerfile),
            ("greeting", "built by a Quadlet unit\n"),
        ],
    );
    let units = dry_run(&sk, &src);
    let unit = |name: &str| unit_in(&units, name);
    let build = unit("app-build.service");
    assert!(
        build.contains(&format!("\nWorkingDirectory={}\n", src.display())),
        "{build}"
    );
    let app = unit("app.service");
    assert!(app.contains("\nRequires=app-build.service\n"), "{app}");
    run_unit_line(&exec_start(&build), Some(&src), &[], 120);
    let start = exec_start(&app);
    assert_eq!(start.last().unwrap(), "localhost/quadlet-app", "{app}");
    assert_eq!(
        sk.ok(&["run", "--rm", "--network", "none", "localhost/quadlet-app"]),
        "built by a Quadlet unit\n"
    );
}

/// A `.pod` file's service creates and starts the pod (its id in `%t/%N.pod-id`, the infra's
/// monitor pid in `%t/%N.pid`); a `.container` with `Pod=` joins it through that id file; the
/// pod's stop lines leave no pod and no container.
#[test]
fn a_pod_file_runs_the_pod_its_containers_join() {
    let sk = Skiff::new();
    let rootfs = sk.busybox_rootfs();
    let global = global_args(&sk);
    let src = quadlets(
        &sk,
        &[
            (
                "app.pod",
                &format!(
                    "[Pod]\n{global}Label=tier=web\nShmSize=32m\nDNSSearch=example.com\n\
                     Volume=./site:/site:ro\nStopTimeout=2\n"
                ),
            ),
            (
                "web.container",
                &format!("[Container]\n{global}Pod=app.pod\nRootfs={rootfs}\nExec=sleep 300\n"),
            ),
        ],
    );
    std::fs::create_dir_all(src.join("site")).unwrap();
    std::fs::write(src.join("site/index"), "hello\n").unwrap();
    let units = dry_run(&sk, &src);
    let runtime = sk.path("rt");
    std::fs::create_dir_all(&runtime).unwrap();
    let unit = |name: &str| unit_in(&units, name);
    let (pod_unit, web_unit) = (unit("app-pod.service"), unit("web.service"));
    assert!(pod_unit.contains("\nWants=web.service\n"), "{pod_unit}");
    assert!(
        web_unit.contains("\nBindsTo=app-pod.service\n"),
        "{web_unit}"
    );
    let run_line = |text: &str, key: &str, n: &str| {
        let env = [("SKIFF_SYSTEMD_UNIT", format!("{n}.service"))];
        run_unit_line(&unit_line(text, key, &runtime, n), None, &env, 60);
    };
    run_line(&pod_unit, "ExecStartPre", "app-pod");
    run_line(&pod_unit, "ExecStart", "app-pod");
    let pod_id = read(&runtime.join("app-pod.pod-id"));
    assert_eq!(
        sk.ok(&[
            "pod",
            "inspect",
            "systemd-app",
            "--format",
            "{{.Id}} {{.State}}"
        ]),
        format!("{pod_id} Running\n")
    );
    let pid: i32 = read(&runtime.join("app-pod.pid")).trim().parse().unwrap();
    assert!(
        Path::new(&format!("/proc/{pid}")).exists(),
        "the infra's monitor"
    );
    run_line(&web_unit, "ExecStart", "web");
    assert_eq!(sk.inspect("systemd-web", "{{.State.Status}}"), "running");
    assert_eq!(sk.inspect("systemd-web", "{{.Pod}}"), pod_id);
    // The pod's /dev/shm, resolver search list and volume (relative to the .pod file).
    #[rustfmt::skip]
    let seen = sk.ok(&["exec", "systemd-web", "sh", "-c",
        "df -k /dev/shm | tail -1 | awk '{print $2}'; grep ^search /etc/resolv.conf; cat /site/index"]);
    assert_eq!(seen, "32768\nsearch example.com\nhello\n");
    run_line(&web_unit, "ExecStop", "web");
    run_line(&pod_unit, "ExecStop", "app-pod");
    run_line(&pod_unit, "ExecStopPost", "app-pod");
    assert_eq!(sk.ok(&["pod", "ps", "-q"]), "");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
    // A second stop (after a failed start, say) finds nothing and still succeeds.
    run_line(&pod_unit, "ExecStopPost", "app-pod");
}

/// A `.kube` file's service plays its YAML (relative to the Quadlet file) at the start and takes
/// it down at the stop.
#[test]
fn a_kube_file_plays_its_yaml_and_takes_it_down() {
    let sk = Skiff::new();
    let global = global_args(&sk);
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: qkube\nspec:\n  containers:\n  \
         - name: app\n    image: {}\n    command: [\"sleep\", \"300\"]\n",
        crate::harness::image("busybox:latest")
    );
    let src = quadlets(
        &sk,
        &[
            ("app.kube", &format!("[Kube]\n{global}Yaml=app.yaml\n")),
            ("app.yaml", &yaml),
        ],
    );
    let unit = unit_in(&dry_run(&sk, &src), "app.service");
    let run = |key: &str| {
        run_unit_line(
            &unit_line(&unit, key, Path::new("/run"), "app"),
            None,
            &[],
            120,
        )
    };
    run("ExecStart");
    assert_eq!(sk.inspect("qkube-app", "{{.State.Status}}"), "running");
    run("ExecStop");
    assert_eq!(sk.ok(&["ps", "-aq"]), "");
}

mod only_rootless {
    use super::*;

    /// install copies the files into ~/.config/containers/systemd and writes the units into
    /// ~/.config/systemd/user; list, print and rm work on them.
    #[test]
    fn install_list_print_and_rm_manage_the_users_units() {
        require_rootless!();
        let sk = Skiff::new();
        let src = quadlets(
            &sk,
            &[
                ("web.container", WEB),
                ("data.volume", "[Volume]\n"),
                ("data.image", "[Image]\nImage=busybox\n"),
            ],
        );
        let home = sk.path("config");
        let env = [("XDG_CONFIG_HOME", home.as_path())];
        let run = |args: &[&str]| sk.run_env(args, &env);
        let o = run(&["quadlet", "install", src.to_str().unwrap()]);
        assert_eq!(o.status, 0, "{o:?}");
        let qdir = home.join("containers/systemd");
        assert_eq!(o.stdout.lines().count(), 3, "{o:?}");
        assert_eq!(read(&qdir.join("web.container")), WEB);
        let units = home.join("systemd/user");
        let web = read(&units.join("web.service"));
        assert!(web.contains("--volume=systemd-data:/data"), "{web}");
        assert!(units.join("default.target.wants/web.service").exists());

        let o = run(&[
            "quadlet",
            "list",
            "--format",
            "{{.Name}} {{.UnitName}} {{.Path}}",
        ]);
        assert_eq!(o.status, 0, "{o:?}");
        let want = format!(
            "data.image data-image.service {q}/data.image\ndata.volume data-volume.service {q}/data.volume\nweb.container web.service {q}/web.container\n",
            q = qdir.display()
        );
        assert_eq!(o.stdout, want);
        let o = run(&["quadlet", "list"]);
        assert!(o.stdout.starts_with("NAME"), "{o:?}");
        assert!(
            o.stdout.contains("UNIT NAME") && o.stdout.contains("PATH ON DISK"),
            "{o:?}"
        );
        assert_eq!(run(&["quadlet", "print", "web.container"]).stdout, WEB);

        let o = run(&[
            "quadlet",
            "install",
            src.join("web.container").to_str().unwrap(),
        ]);
        assert_eq!(o.status, 125, "{o:?}");
        assert!(o.stderr.contains("--replace"), "{o:?}");
        let o = run(&[
            "quadlet",
            "install",
            "--replace",
            src.join("web.container").to_str().unwrap(),
        ]);
        assert_eq!(o.status, 0, "{o:?}");

        let o = run(&["quadlet", "rm", "web.container"]);
        assert_eq!(o.status, 0, "{o:?}");
        assert_eq!(o.stdout, "web.service\n");
        assert!(!qdir.join("web.container").exists());
        assert!(!units.join("web.service").exists());
        assert!(units
            .join("default.target.wants/web.service")
            .symlink_metadata()
            .is_err());
        assert!(units.join("data-volume.service").is_file());
        assert_eq!(run(&["quadlet", "rm", "web.container"]).status, 125);
        assert_eq!(run(&["quadlet", "rm", "-i", "web.container"]).status, 0);
        let o = run(&["quadlet", "rm", "--all"]);
        assert_eq!(o.status, 0, "{o:?}");
        assert!(!units.join("data-volume.service").exists());
    }

    /// A file that does not translate is refused with its line, and nothing is installed.
    #[test]
    fn install_refuses_a_bad_file_and_keeps_what_is_there() {
        require_rootless!();
        let sk = Skiff::new();
        let home = sk.path("config");
        let env = [("XDG_CONFIG_HOME", home.as_path())];
        let good = quadlets(&sk, &[("ok.container", "[Container]\nImage=busybox\n")]);
        assert_eq!(
            sk.run_env(&["quadlet", "install", good.to_str().unwrap()], &env)
                .status,
            0
        );
        let bad = sk.path("bad.container");
        std::fs::write(
            &bad,
            "[Container]\nImage=busybox\nVolume=missing.volume:/x\n",
        )
        .unwrap();
        let o = sk.run_env(&["quadlet", "install", bad.to_str().unwrap()], &env);
        assert_eq!(o.status, 125, "{o:?}");
        assert!(
            o.stderr.contains(
                "bad.container:3: Volume=missing.volume: there is no Quadlet file missing.volume"
            ),
            "{o:?}"
        );
        assert!(!home.join("containers/systemd/bad.container").exists());
        assert!(home.join("systemd/user/ok.service").is_file());
        let o = sk.run_env(
            &["quadlet", "install", sk.path("nope.txt").to_str().unwrap()],
            &env,
        );
        assert_eq!(o.status, 125, "{o:?}");
        assert!(o.stderr.contains("not a Quadlet file"), "{o:?}");
    }
}
