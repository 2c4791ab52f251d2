//! `build`: Dockerfiles run for real, rootless and as root. The reference Containerfile
//! (fixtures/build) yields the config docker's builder made of it and files that run; the
//! cache reuses every step and reruns what changed; stages, `--target` and `COPY --from`;
//! a secret reaches RUN and no stored byte; `.dockerignore` exceptions and symlinks that
//! point out of the context; RUN on the default network; docker's proxy build args and
//! podman's `--http-proxy` in RUN steps only; errors with file:line, the RUN's exit code, and
//! nothing left behind.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::Skiff;

/// Writes `files` (path, content) under a new context directory `name` of the test.
fn context(sk: &Skiff, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = sk.path(name);
    for (path, content) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
    }
    dir
}

fn base() -> String {
    crate::harness::image("busybox:latest")
}

fn ctx(dir: &Path) -> String {
    dir.display().to_string()
}

/// The build containers a build leaves behind: there must be none.
fn containers(sk: &Skiff) -> String {
    sk.ok(&["ps", "-a", "-q"])
}

#[test]
fn reference_containerfile_config_matches_docker() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/system/fixtures/build");
    // A copy the test user can read, with the modes git keeps.
    let dir = sk.path("reference");
    std::fs::create_dir_all(dir.join("bin")).unwrap();
    for f in [
        "Containerfile",
        "data.txt",
        "layer.tar.gz",
        "bin/run",
        "bin/check",
    ] {
        std::fs::copy(fixture.join(f), dir.join(f)).unwrap();
    }
    let out = sk.ok(&[
        "build",
        "--build-arg",
        &format!("BASE={}", base()),
        "-t",
        "ref:1",
        &ctx(&dir),
    ]);
    assert!(out.contains("STEP 1/20: FROM ${BASE}"), "{out}");
    assert!(out.contains("COMMIT ref:1"), "{out}");
    let id = out.lines().last().unwrap().to_string();
    assert_eq!(id.len(), 64, "{out}");
    // docker's classic builder's line (scripts read the id from it), then the tags.
    let built = format!(
        "Successfully built {}\nSuccessfully tagged ref:1\n",
        &id[..12]
    );
    assert!(out.contains(&built), "{out}");
    let config: Value = serde_json::from_str(&sk.ok(&[
        "image",
        "inspect",
        "--format",
        "{{json .Config}}",
        "ref:1",
    ]))
    .unwrap();
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture.join("reference-config.json")).unwrap(),
    )
    .unwrap();
    for (key, value) in want.as_object().unwrap() {
        assert_eq!(&config[key], value, "Config.{key}");
    }
    // Nothing set that docker leaves unset.
    for (key, value) in config.as_object().unwrap() {
        let empty = value.is_null()
            || value == &Value::Bool(false)
            || value.as_str() == Some("")
            || value.as_array().is_some_and(|a| a.is_empty())
            || value.as_object().is_some_and(|o| o.is_empty());
        assert!(empty || want.get(key).is_some(), "Config.{key} = {value}");
    }
    // The files: modes, owners, the unpacked archive, what RUN wrote; the entrypoint runs.
    let ls = sk.ok(&[
        "run",
        "--rm",
        "--entrypoint",
        "sh",
        "ref:1",
        "-c",
        "stat -c '%n %a %u:%g' /srv/app/bin/run /srv/app/data.txt; cat /built.txt /opt/unpacked/inside.txt",
    ]);
    assert_eq!(
        ls,
        "/srv/app/bin/run 755 0:0\n/srv/app/data.txt 644 1000:1000\nbuilt with hello\nfrom-tar\n"
    );
    assert_eq!(
        sk.ok(&["run", "--rm", "ref:1"]),
        "run --verbose: hello world\n"
    );
    // docker's history: one entry per instruction that is not an ARG.
    let history = sk.ok(&[
        "history",
        "--no-trunc",
        "--format",
        "{{.CreatedBy}}",
        "ref:1",
    ]);
    assert!(
        history.contains("/bin/sh -c #(nop) ONBUILD RUN echo child"),
        "{history}"
    );
    assert!(
        history.contains("|1 GREETING=hello /bin/sh -c echo \"built with $GREETING\""),
        "{history}"
    );
    // A child build runs the ONBUILD trigger first, and does not inherit it.
    let child = context(&sk, "child", &[("Dockerfile", "FROM ref:1\nUSER 0\n")]);
    let out = sk.ok(&["build", "-t", "child", &ctx(&child)]);
    assert!(out.contains("STEP 2/3: RUN echo child\nchild\n"), "{out}");
    let onbuild = sk.ok(&[
        "image",
        "inspect",
        "--format",
        "{{json .Config.OnBuild}}",
        "child",
    ]);
    assert_eq!(onbuild.trim(), "null");
    assert_eq!(containers(&sk), "");
}

#[test]
fn the_cache_reuses_unchanged_steps_and_reruns_changed_ones() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dir = context(
        &sk,
        "ctx",
        &[
            (
                "Dockerfile",
                &format!(
                    "FROM {}\nRUN cat /proc/sys/kernel/random/uuid > /stamp\nCOPY a.txt /a.txt\nRUN cat /a.txt > /copy\nCMD cat /copy\n",
                    base()
                ),
            ),
            ("a.txt", "one\n"),
        ],
    );
    let first = sk.ok(&["build", "-q", "-t", "c", &ctx(&dir)]);
    assert!(
        first.starts_with("sha256:") && first.trim().len() == 71,
        "{first}"
    );
    let stamp = sk.ok(&["run", "--rm", "c", "cat", "/stamp"]);
    // Same file, same context: every step from the cache, the same image.
    let again = sk.ok(&["build", "-t", "c", &ctx(&dir)]);
    assert_eq!(again.matches("--> Using cache").count(), 3, "{again}");
    assert_eq!(
        again.lines().last().unwrap(),
        first.trim().trim_start_matches("sha256:")
    );
    // A changed input reruns its COPY and what follows, not what comes before.
    std::fs::write(dir.join("a.txt"), "two\n").unwrap();
    let changed = sk.ok(&["build", "-t", "c", &ctx(&dir)]);
    assert_eq!(changed.matches("--> Using cache").count(), 1, "{changed}");
    assert_eq!(sk.ok(&["run", "--rm", "c"]), "two\n");
    assert_eq!(sk.ok(&["run", "--rm", "c", "cat", "/stamp"]), stamp);
    // --no-cache runs every step again.
    let fresh = sk.ok(&["build", "--no-cache", "-t", "c", &ctx(&dir)]);
    assert!(!fresh.contains("Using cache"), "{fresh}");
    assert_ne!(sk.ok(&["run", "--rm", "c", "cat", "/stamp"]), stamp);
    // The steps' images are intermediate: only -a lists them (the images that lost the name
    // to a newer build are listed, as <none>).
    let listed = sk.ok(&["images", "-q", "--no-trunc"]);
    let all = sk.ok(&["images", "-a", "-q", "--no-trunc"]);
    assert!(
        all.lines().count() >= listed.lines().count() + 4,
        "{listed}\n{all}"
    );
    for step in again
        .lines()
        .filter_map(|l| l.strip_prefix("--> Using cache "))
    {
        assert!(!listed.contains(step) && all.contains(step), "{step}");
    }
    assert_eq!(containers(&sk), "");
}

#[test]
fn rmi_takes_the_builds_untagged_steps_along_unless_no_prune() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    sk.ok(&["pull", "-q", &base()]);
    let stored = || sk.ok(&["images", "-a", "-q", "--no-trunc"]);
    let base_only = stored();
    let steps = "RUN echo a > /a\nENV K=v\nRUN echo b > /b\n";
    let dockerfile = format!("FROM {}\n{steps}", base());
    let dir = context(&sk, "ctx", &[("Dockerfile", &dockerfile)]);
    sk.ok(&["build", "-q", "-t", "one", &ctx(&dir)]);
    // --no-prune: the steps stay, for the next build's cache.
    let kept = sk.ok(&["rmi", "--no-prune", "one"]);
    assert_eq!(kept.matches("Deleted:").count(), 1, "{kept}");
    assert!(
        stored().lines().count() > base_only.lines().count(),
        "{}",
        stored()
    );
    let again = sk.ok(&["build", "-t", "one", &ctx(&dir)]);
    assert!(again.contains("Using cache"), "{again}");
    // Without it, as docker and podman: the image and the untagged steps it grew from go,
    // the base image stays.
    let gone = sk.ok(&["rmi", "one"]);
    assert!(gone.matches("Deleted:").count() >= 2, "{gone}");
    assert_eq!(stored(), base_only);
    assert_eq!(containers(&sk), "");
}

#[test]
fn builder_prune_removes_the_step_images_and_keeps_what_was_built() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    sk.ok(&["pull", "-q", &base()]);
    let unnamed = || {
        sk.ok(&["images", "-a", "--format", "{{.Repository}}"])
            .lines()
            .filter(|l| *l == "<none>")
            .count()
    };
    let dockerfile = format!(
        "FROM {}\nRUN echo a > /a\nRUN echo b > /b\nLABEL k=v\n",
        base()
    );
    let dir = context(&sk, "ctx", &[("Dockerfile", &dockerfile)]);
    // docker's `builder build` is build.
    sk.ok(&["builder", "build", "-q", "-t", "app", &ctx(&dir)]);
    assert_eq!(unnamed(), 2, "the two RUN steps' images");
    // Without -a: nothing is dangling while app builds on the steps.
    let none = sk.ok(&["builder", "prune", "-f"]);
    assert_eq!(none, "Total reclaimed space: 0B\n");
    // Without -f and with no answer: nothing goes.
    let asked = sk.run_with(
        &["builder", "prune", "-a"],
        Some(b""),
        crate::harness::DEFAULT_TIMEOUT,
    );
    assert!(
        asked
            .stdout
            .starts_with("WARNING! This will remove all build cache."),
        "{asked:?}"
    );
    assert_eq!(unnamed(), 2);
    // --keep-storage: the newest step that fits in 3 MiB stays (each holds busybox's ~2 MB).
    let kept = sk.ok(&["builder", "prune", "-a", "-f", "--keep-storage", "3m"]);
    assert!(kept.starts_with("Deleted build cache objects:\n"), "{kept}");
    assert_eq!(unnamed(), 1, "{kept}");
    let err = sk.fails(
        &["builder", "prune", "-a", "-f", "--filter", "label=k"],
        125,
    );
    assert!(err.stderr.contains("accepts are: until"), "{err:?}");
    sk.ok(&["builder", "prune", "-a", "-f", "--filter", "until=1h"]);
    assert_eq!(unnamed(), 1, "the step is newer than an hour ago");
    let all = sk.ok(&["builder", "prune", "-a", "-f"]);
    assert!(all.contains("Total reclaimed space: "), "{all}");
    assert_eq!(unnamed(), 0, "{all}");
    // The built image stays whole; the next build runs its steps again.
    assert_eq!(sk.ok(&["run", "--rm", "app", "cat", "/a", "/b"]), "a\nb\n");
    let again = sk.ok(&["build", "-t", "app", &ctx(&dir)]);
    assert!(!again.contains("Using cache"), "{again}");
    assert_eq!(containers(&sk), "");
}

/// A RUN step that fails unless its container has /etc/hosts's `myhost`, a 32 MiB /dev/shm
/// and 512 open files at most (`--add-host myhost:IP --shm-size 32m --ulimit nofile=512:512`).
pub const STEP_CHECKS: &str = "RUN grep -q myhost /etc/hosts && df -k /dev/shm | grep -q ' 32768 ' && test \"$(ulimit -n)\" = 512";

/// The build flags [`STEP_CHECKS`] needs.
pub const STEP_FLAGS: [&str; 6] = [
    "--add-host",
    "myhost:10.1.2.3",
    "--shm-size",
    "32m",
    "--ulimit",
    "nofile=512:512",
];

#[test]
fn run_steps_take_docker_s_container_flags() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dockerfile = format!("FROM {}\n{}\n", base(), STEP_CHECKS);
    let dir = context(&sk, "ctx", &[("Dockerfile", &dockerfile)]);
    let context_dir = ctx(&dir);
    let mut args = vec!["build", "-q", "-t", "stepped"];
    args.extend(STEP_FLAGS);
    args.extend(["--isolation", "default", "--compress", &context_dir]);
    sk.ok(&args);
    // None of it reaches the image or its containers.
    let hosts = sk.ok(&["run", "--rm", "stepped", "cat", "/etc/hosts"]);
    assert!(!hosts.contains("myhost"), "{hosts}");
    // Without the flags the step fails; a Windows isolation is refused before anything runs.
    let bare = sk.run(&["build", "--no-cache", &ctx(&dir)]);
    assert_eq!(bare.status, 1, "{bare:?}");
    let refused = sk.fails(&["build", "--isolation", "hyperv", &ctx(&dir)], 125);
    assert!(
        refused.stderr.contains("Linux only supports 'default'"),
        "{refused:?}"
    );
    assert_eq!(containers(&sk), "");
}

#[test]
fn stages_target_and_copy_from_build_only_what_is_needed() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let file = format!(
        "FROM {b} AS builder\nRUN mkdir /out && echo compiled > /out/app && touch /out/a.txt /out/b.txt /out/c.log\n\
         FROM {b} AS unused\nRUN exit 7\n\
         FROM scratch AS files\nCOPY note.txt /notes/\n\
         FROM {b} AS test\nCOPY --from=builder /out/app /usr/local/bin/app\nRUN cat /usr/local/bin/app\n\
         FROM {b}\nCOPY --from=builder /out /opt/out\nCOPY --from=files /notes/note.txt /note\n\
         COPY --from=builder /out/*.txt /txt/\nCMD cat /opt/out/app /note\n",
        b = base()
    );
    let dir = context(
        &sk,
        "ctx",
        &[("Containerfile", &file), ("note.txt", "noted\n")],
    );
    // The last stage needs builder and files, not unused (whose RUN would fail) or test.
    let out = sk.ok(&["build", "-t", "final", &ctx(&dir)]);
    assert!(!out.contains("exit 7") && !out.contains("AS test"), "{out}");
    assert_eq!(sk.ok(&["run", "--rm", "final"]), "compiled\nnoted\n");
    assert_eq!(
        sk.ok(&["run", "--rm", "final", "ls", "/txt"]),
        "a.txt\nb.txt\n"
    );
    // --target builds a middle stage.
    let out = sk.ok(&["build", "--target", "test", "-t", "t", &ctx(&dir)]);
    assert!(out.contains("compiled"), "{out}");
    assert_eq!(
        sk.ok(&["run", "--rm", "t", "cat", "/usr/local/bin/app"]),
        "compiled\n"
    );
    let bad = sk.fails(&["build", "--target", "nope", &ctx(&dir)], 125);
    assert!(
        bad.stderr
            .as_str()
            .contains("target stage \"nope\" could not be found"),
        "{bad:?}"
    );
    assert_eq!(containers(&sk), "");
}

/// What docker's builders do with a symlinked source (copied under the link's name, the
/// target's content), a compressed file that holds no tar (ADD copies it as it is), a uid
/// alone in `--chown` (also the gid), and FROM scratch (docker's default PATH).
#[test]
fn copy_names_links_add_keeps_plain_gzip_chown_uid_and_scratch_path() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let file = format!(
        "FROM {b} AS one\n\
         FROM scratch AS tiny\nCOPY --from=one /bin/busybox /bin/busybox\nENV PATH=$PATH:/opt/bin\n\
         FROM {b}\nCOPY toplink /m1/\nCOPY toplink top.txt /m2/\nCOPY d/*el /glob/\n\
         ADD data.json.gz /srv/\nCOPY --chown=1234 top.txt /owned\n",
        b = base()
    );
    let dir = context(
        &sk,
        "ctx",
        &[
            ("Dockerfile", &file),
            ("top.txt", "top\n"),
            ("d/real", "real\n"),
            ("data.json", "{\"a\": 1}\n"),
        ],
    );
    std::os::unix::fs::symlink("top.txt", dir.join("toplink")).unwrap();
    std::os::unix::fs::symlink("real", dir.join("d/rel")).unwrap();
    let zipped = std::process::Command::new("gzip")
        .arg(dir.join("data.json"))
        .status()
        .expect("run gzip");
    assert!(zipped.success());
    sk.ok(&["build", "-q", "-t", "copied", &ctx(&dir)]);
    let out = sk.ok(&[
        "run",
        "--rm",
        "copied",
        "sh",
        "-c",
        "ls /m1 /m2 /glob /srv; cat /m1/toplink /glob/rel; test -L /glob/rel || echo not-a-link; \
         stat -c %u:%g /owned",
    ]);
    assert_eq!(
        out,
        "/glob:\nrel\n\n/m1:\ntoplink\n\n/m2:\ntop.txt\ntoplink\n\n/srv:\ndata.json.gz\n\
         top\nreal\nnot-a-link\n1234:1234\n"
    );
    sk.ok(&["build", "-q", "--target", "tiny", "-t", "tiny", &ctx(&dir)]);
    assert_eq!(
        sk.inspect("tiny", "{{json .Config.Env}}"),
        r#"["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/bin"]"#
    );
    // Security: a glob that matches a link whose target the ignore file excludes never
    // copies that target's content (it is not in docker's context): the link stays a link.
    let leak = format!("FROM {}\nCOPY *.conf /etc/app/\n", base());
    let dir = context(
        &sk,
        "ignored",
        &[
            ("Dockerfile", &leak),
            (".dockerignore", "secrets/\n"),
            ("secrets/prod.env", "TOP-SECRET\n"),
            ("plain.conf", "plain\n"),
        ],
    );
    std::os::unix::fs::symlink("secrets/prod.env", dir.join("app.conf")).unwrap();
    sk.ok(&["build", "-q", "-t", "ignored", &ctx(&dir)]);
    let out = sk.ok(&[
        "run",
        "--rm",
        "ignored",
        "sh",
        "-c",
        "cat /etc/app/* 2>/dev/null; test -L /etc/app/app.conf && echo link",
    ]);
    assert_eq!(out, "plain\nlink\n", "an ignored file reached the image");
    // docker's lower-case `dockerfile` is found; a STOPSIGNAL that names no signal is refused.
    let lower = format!("FROM {}\nSTOPSIGNAL SIGINT\n", base());
    let dir = context(&sk, "lower", &[("dockerfile", &lower)]);
    sk.ok(&["build", "-q", "-t", "lower", &ctx(&dir)]);
    assert_eq!(sk.inspect("lower", "{{.Config.StopSignal}}"), "SIGINT");
    let bad = format!("FROM {}\nSTOPSIGNAL SIGFOO\n", base());
    let dir = context(&sk, "badsig", &[("Dockerfile", &bad)]);
    let out = sk.run(&["build", "-q", &ctx(&dir)]);
    assert!(
        out.status != 0 && out.stderr.contains("Invalid signal: SIGFOO"),
        "{out:?}"
    );
    assert_eq!(containers(&sk), "");
}

#[test]
fn copy_from_into_scratch_and_chown_owning_the_directories_it_makes() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    // `tiny` is the static-binary pattern: a FROM scratch stage whose first files come from
    // another stage. COPY --chown gives its owner to the directories the copy makes (docker's
    // builders and buildah do), not to the ones already there.
    let file = format!(
        "FROM {b} AS one\nRUN mkdir -p /out/d && echo deep > /out/d/deep && echo info > /out/info\n\
         FROM scratch AS tiny\nCOPY --from=one /out/info /\nCOPY --from=one --chown=1000:1000 /out/d /dd/\n\
         COPY --from=one /bin/busybox /bin/\nCOPY --chown=7:8 note.txt /n/sub/\n\
         FROM {b} AS last\nCOPY --chown=1000:1000 note.txt /new/sub/\n\
         COPY --from=one --chown=1000:1000 /out/d /etc/\nCOPY --from=one --chown=5:6 /out/info /made/\n",
        b = base()
    );
    let dir = context(
        &sk,
        "ctx",
        &[("Containerfile", &file), ("note.txt", "noted\n")],
    );
    let stat = |image: &str, stat: &str, paths: &[&str]| {
        let mut args = vec!["run", "--rm", image, stat, "stat", "-c", "%n %u:%g"];
        args.extend(paths);
        sk.ok(&args)
    };
    sk.ok(&["build", "-q", "--target", "tiny", "-t", "tiny", &ctx(&dir)]);
    assert_eq!(
        stat(
            "tiny",
            "/bin/busybox",
            &["/info", "/dd", "/dd/deep", "/bin", "/n", "/n/sub/note.txt"]
        ),
        "/info 0:0\n/dd 1000:1000\n/dd/deep 1000:1000\n/bin 0:0\n/n 7:8\n/n/sub/note.txt 7:8\n"
    );
    sk.ok(&["build", "-q", "--target", "last", "-t", "last", &ctx(&dir)]);
    assert_eq!(
        stat(
            "last",
            "busybox",
            &[
                "/new",
                "/new/sub",
                "/new/sub/note.txt",
                "/etc",
                "/etc/deep",
                "/made",
                "/made/info"
            ]
        ),
        "/new 1000:1000\n/new/sub 1000:1000\n/new/sub/note.txt 1000:1000\n/etc 0:0\n\
         /etc/deep 1000:1000\n/made 5:6\n/made/info 5:6\n"
    );
    assert_eq!(containers(&sk), "");
}

#[test]
fn buildkit_s_platform_args_are_set_where_declared() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let file = format!(
        "FROM --platform=$BUILDPLATFORM {b} AS one\nARG TARGETARCH\nARG TARGETPLATFORM\n\
         ARG BUILDPLATFORM\nARG TARGETOS\nARG BUILDARCH\n\
         RUN echo \"$TARGETOS $TARGETARCH $TARGETPLATFORM $BUILDPLATFORM $BUILDARCH [$TARGETVARIANT]\" > /p\n\
         FROM one\nRUN echo \"[$TARGETARCH]\" > /q\n",
        b = base()
    );
    let dir = context(&sk, "ctx", &[("Containerfile", &file)]);
    sk.ok(&["build", "-q", "-t", "plat", &ctx(&dir)]);
    let os_arch = sk.ok(&[
        "image",
        "inspect",
        "-f",
        "{{.Os}} {{.Architecture}}",
        &base(),
    ]);
    let (os, arch) = os_arch.trim().split_once(' ').unwrap();
    // Declared: the build's platform; undeclared (TARGETVARIANT, a later stage): unset.
    assert_eq!(
        sk.ok(&["run", "--rm", "plat", "cat", "/p", "/q"]),
        format!("{os} {arch} {os}/{arch} {os}/{arch} {arch} []\n[]\n")
    );
}

/// A tiny HTTP server on 127.0.0.1 for ADD: `/files/tool.txt` answers `body` with a fixed
/// Last-Modified, `/dl/` a Content-Disposition name, anything else 404. Returns its port.
fn file_server(body: std::sync::Arc<std::sync::Mutex<String>>) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let mut reader = BufReader::new(conn.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = first.split(' ').nth(1).unwrap_or("").to_string();
            let content = body.lock().unwrap().clone();
            let answer = match path.as_str() {
                "/files/tool.txt" => format!(
                    "HTTP/1.1 200 OK\r\nLast-Modified: Wed, 21 Oct 2015 07:28:00 GMT\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{content}",
                    content.len()
                ),
                "/dl/" => "HTTP/1.1 200 OK\r\nContent-Disposition: attachment; filename=\"report.txt\"\r\n\
                     Content-Length: 7\r\nConnection: close\r\n\r\nreport\n"
                    .to_string(),
                _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string(),
            };
            let mut conn = conn;
            let _ = conn.write_all(answer.as_bytes());
        }
    });
    port
}

#[test]
fn add_downloads_a_url_as_docker_s_add_does() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let body = std::sync::Arc::new(std::sync::Mutex::new("v1\n".to_string()));
    let port = file_server(body.clone());
    let url = format!("http://127.0.0.1:{port}");
    let file = format!(
        "FROM {b}\nADD {url}/files/tool.txt /opt/\nADD --chown=7:8 --chmod=640 {url}/dl/ /d/\n\
         ADD {url}/files/tool.txt /named\nRUN echo built\n",
        b = base()
    );
    let dir = context(&sk, "ctx", &[("Containerfile", &file)]);
    sk.ok(&["build", "-t", "added", &ctx(&dir)]);
    // Mode 0600 (or --chmod), the server's Last-Modified, the URL's name (or the
    // Content-Disposition's) in a directory, the destination's name otherwise; not unpacked.
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "added",
            "stat",
            "-c",
            "%n %a %u:%g",
            "/opt/tool.txt",
            "/d/report.txt",
            "/named"
        ]),
        "/opt/tool.txt 600 0:0\n/d/report.txt 640 7:8\n/named 600 0:0\n"
    );
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "added",
            "sh",
            "-c",
            "stat -c %Y /opt/tool.txt; cat /opt/tool.txt /d/report.txt"
        ]),
        "1445412480\nv1\nreport\n"
    );
    // The cache keys on the downloaded content: unchanged, every step is reused; changed,
    // the steps from the first ADD of it run again.
    let again = sk.ok(&["build", "-t", "added", &ctx(&dir)]);
    assert_eq!(again.matches("--> Using cache").count(), 4, "{again}");
    *body.lock().unwrap() = "v2\n".into();
    let changed = sk.ok(&["build", "-t", "added", &ctx(&dir)]);
    assert_eq!(changed.matches("--> Using cache").count(), 0, "{changed}");
    assert_eq!(
        sk.ok(&["run", "--rm", "added", "cat", "/opt/tool.txt"]),
        "v2\n"
    );
    // A failed download, a wrong --checksum and COPY of a URL fail the build and say why.
    for (step, why) in [
        (format!("ADD {url}/missing /x"), "404"),
        (
            format!(
                "ADD --checksum=sha256:{} {url}/files/tool.txt /x",
                "0".repeat(64)
            ),
            "digest mismatch",
        ),
        (format!("COPY {url}/files/tool.txt /x"), "use ADD"),
    ] {
        let bad = context(
            &sk,
            "bad",
            &[("Containerfile", &format!("FROM {}\n{step}\n", base()))],
        );
        let out = sk.fails(&["build", &ctx(&bad)], 125);
        assert!(out.stderr.as_str().contains(why), "{step}: {out:?}");
    }
    assert_eq!(containers(&sk), "");
}

#[test]
fn a_secret_reaches_run_and_no_stored_byte() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let secret = "s3cr3t-value-7d1e2f";
    // sha256 of the secret (printf %s VALUE | sha256sum).
    let digest = "6585a8bf4a2b6015da0470fefb5113865c9be1a34a3e89cf348beac931ae0f8c";
    let secret_file = sk.path("token");
    std::fs::write(&secret_file, secret).unwrap();
    let dir = context(
        &sk,
        "ctx",
        &[(
            "Dockerfile",
            // The file names the secret's digest only: the value itself is in no input.
            &format!(
                "FROM {}\nRUN --mount=type=secret,id=tok test \"$(sha256sum < /run/secrets/tok | cut -c1-64)\" = {digest} && echo seen > /seen\n\
                 RUN --mount=type=secret,id=tok,env=TOK test \"$(printf %s \"$TOK\" | sha256sum | cut -c1-64)\" = {digest}\n",
                base()
            ),
        )],
    );
    let arg = format!("id=tok,src={}", secret_file.display());
    sk.ok(&["build", "--secret", &arg, "-t", "s", &ctx(&dir)]);
    assert_eq!(sk.ok(&["run", "--rm", "s", "cat", "/seen"]), "seen\n");
    // Not even the secret's mount point stays in the image.
    let trace = sk.ok(&[
        "run",
        "--rm",
        "s",
        "sh",
        "-c",
        "ls -d /run/secrets 2>/dev/null || echo none",
    ]);
    assert_eq!(trace, "none\n");
    // No file of the store or the catalog holds the secret.
    fn scan(dir: &Path, needle: &[u8], hits: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(meta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if meta.is_dir() {
                scan(&p, needle, hits);
            } else if meta.is_file() {
                let mut data = Vec::new();
                if std::fs::File::open(&p)
                    .and_then(|mut f| f.read_to_end(&mut data))
                    .is_ok()
                    && data.windows(needle.len()).any(|w| w == needle)
                {
                    hits.push(p);
                }
            }
        }
    }
    let mut hits = Vec::new();
    scan(&sk.root(), secret.as_bytes(), &mut hits);
    // The saved image too: every layer and config.
    let saved = sk.path("s.tar");
    sk.ok(&["save", "-o", &saved.display().to_string(), "s"]);
    scan(&saved, secret.as_bytes(), &mut hits);
    let mut all = Vec::new();
    std::fs::File::open(&saved)
        .unwrap()
        .read_to_end(&mut all)
        .unwrap();
    assert!(!all.windows(secret.len()).any(|w| w == secret.as_bytes()));
    assert!(hits.is_empty(), "the secret is stored in {hits:?}");
    // Without the secret the step does not see it (and fails its test).
    sk.fails(&["build", "--no-cache", &ctx(&dir)], 1);
    assert_eq!(containers(&sk), "");
}

#[test]
fn dockerignore_exceptions_and_symlinks_out_of_the_context() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dir = context(
        &sk,
        "ctx",
        &[
            (
                "Dockerfile",
                &format!("FROM {}\nCOPY . /ctx/\nCMD find /ctx | sort\n", base()),
            ),
            (".dockerignore", "*.log\n!keep.log\nsecret/\n"),
            ("drop.log", "x"),
            ("keep.log", "kept"),
            ("secret/key", "k"),
            ("src/main.c", "int main;"),
        ],
    );
    std::os::unix::fs::symlink("/etc/shadow", dir.join("shadow-link")).unwrap();
    sk.ok(&["build", "-t", "ign", &ctx(&dir)]);
    let found = sk.ok(&["run", "--rm", "ign"]);
    assert_eq!(
        found,
        "/ctx\n/ctx/.dockerignore\n/ctx/Dockerfile\n/ctx/keep.log\n/ctx/shadow-link\n/ctx/src\n/ctx/src/main.c\n"
    );
    // The link is copied as a link: the host file it names was not read.
    let link = sk.ok(&["run", "--rm", "ign", "readlink", "/ctx/shadow-link"]);
    assert_eq!(link, "/etc/shadow\n");
    // COPY --exclude leaves out what its patterns match below the source.
    std::fs::write(
        dir.join("Dockerfile"),
        format!(
            "FROM {}\nCOPY --exclude=**/*.c --exclude=keep.log . /ctx/\nCMD find /ctx | sort\n",
            base()
        ),
    )
    .unwrap();
    sk.ok(&["build", "-t", "ex", &ctx(&dir)]);
    assert_eq!(
        sk.ok(&["run", "--rm", "ex"]),
        "/ctx\n/ctx/.dockerignore\n/ctx/Dockerfile\n/ctx/shadow-link\n/ctx/src\n"
    );
    // Naming a link that points out resolves inside the context: there is no such file.
    std::fs::write(
        dir.join("Dockerfile"),
        format!("FROM {}\nCOPY shadow-link /x\n", base()),
    )
    .unwrap();
    let out = sk.fails(&["build", &ctx(&dir)], 125);
    assert!(
        out.stderr
            .as_str()
            .contains("no such file or directory in the build context"),
        "{out:?}"
    );
    // An ignored file cannot be named either.
    std::fs::write(
        dir.join("Dockerfile"),
        format!("FROM {}\nCOPY drop.log /x\n", base()),
    )
    .unwrap();
    sk.fails(&["build", &ctx(&dir)], 125);
    assert_eq!(containers(&sk), "");
}

#[test]
fn run_steps_use_the_default_network() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let port = crate::network::http_server("fetched");
    let dir = context(
        &sk,
        "ctx",
        &[(
            "Dockerfile",
            &format!(
                "FROM {}\nRUN wget -qO /got http://host.containers.internal:{port}/\n",
                base()
            ),
        )],
    );
    sk.ok(&["build", "-t", "net", &ctx(&dir)]);
    assert_eq!(sk.ok(&["run", "--rm", "net", "cat", "/got"]), "fetched");
    // --network none: the same step cannot fetch.
    let out = sk.fails(&["build", "--no-cache", "--network", "none", &ctx(&dir)], 1);
    assert!(out.stderr.as_str().contains("returned a non-zero code: 1"));
    assert_eq!(containers(&sk), "");
}

#[test]
fn errors_name_the_line_keep_the_exit_code_and_leave_nothing() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dir = context(
        &sk,
        "ctx",
        &[(
            "Dockerfile",
            &format!("FROM {}\nRUN echo before\nBOGUS x\n", base()),
        )],
    );
    let out = sk.fails(&["build", &ctx(&dir)], 125);
    let err = out.stderr.as_str();
    assert!(
        err.contains("Dockerfile:3") && err.contains("unknown instruction"),
        "{err}"
    );
    std::fs::write(
        dir.join("Dockerfile"),
        format!(
            "FROM {}\nARG TOKEN=hidden\nRUN echo output-before-failing; exit 3\nRUN echo never\n",
            base()
        ),
    )
    .unwrap();
    let out = sk.fails(&["build", "-t", "broken", &ctx(&dir)], 3);
    let stdout = out.stdout.as_str();
    let stderr = out.stderr.as_str();
    assert!(
        stdout.contains("output-before-failing") && !stdout.contains("never"),
        "{stdout}"
    );
    // docker's message: the command, without the build args and their values.
    assert!(
        stderr.contains("Dockerfile:3: The command '/bin/sh -c echo output-before-failing; exit 3' returned a non-zero code: 3"),
        "{stderr}"
    );
    // -q: nothing while it runs, the whole output when it fails (docker's CLI), on stderr.
    let out = sk.fails(&["build", "-q", "-t", "broken", &ctx(&dir)], 3);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("output-before-failing\n") && out.stderr.contains("non-zero code: 3"),
        "{out:?}"
    );
    assert_eq!(containers(&sk), "");
    sk.fails(&["image", "exists", "broken"], 1);
    // A missing base image under --pull=never.
    std::fs::write(dir.join("Dockerfile"), "FROM nosuch/image:1\n").unwrap();
    sk.fails(&["build", "--pull=never", &ctx(&dir)], 125);
}

#[test]
fn a_dockerfile_alone_on_stdin_builds_without_a_context() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let text = format!(
        concat!(
            "FROM {}\nARG V\nRUN <<EOF\necho \"v=$V\" > /v\nEOF\nCOPY <<EOF /motd\nhello from a heredoc\nEOF\n",
            // BuildKit expands an unquoted COPY heredoc's body (its quotes kept, `$` kept after a
            // backslash), not a quoted one's.
            "COPY <<EOF /expanded\n\"$V\" \\$V\nEOF\nCOPY <<'EOF' /raw\n\"$V\"\nEOF\n",
        ),
        base()
    );
    let out = sk.run_with(
        &[
            "build",
            "-q",
            "--build-arg",
            "V=42",
            "--iidfile",
            &sk.path("iid").display().to_string(),
            "-t",
            "stdin",
            "-",
        ],
        Some(text.as_bytes()),
        std::time::Duration::from_secs(120),
    );
    assert_eq!(out.status, 0, "{out:?}");
    let id = out.stdout.trim().to_string();
    assert_eq!(std::fs::read_to_string(sk.path("iid")).unwrap(), id);
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "stdin",
            "cat",
            "/v",
            "/motd",
            "/expanded",
            "/raw"
        ]),
        "v=42\nhello from a heredoc\n\"42\" $V\n\"$V\"\n"
    );
    // COPY from a context that is not there says what to do.
    let out = sk.run_with(
        &["build", "-"],
        Some(format!("FROM {}\nCOPY x /x\n", base()).as_bytes()),
        std::time::Duration::from_secs(60),
    );
    assert_eq!(out.status, 125);
    assert!(out.stderr.as_str().contains("needs a build context"));
}

#[test]
fn run_mounts_chmod_labels_and_pull_policies() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let file = format!(
        "FROM {} AS tools\nFROM {}\n\
         RUN --mount=type=cache,target=/cache sh -c 'echo run >> /cache/log; wc -l < /cache/log > /count'\n\
         RUN --mount=type=tmpfs,target=/scratch sh -c 'echo x > /scratch/x && grep -q tmpfs /proc/mounts'\n\
         RUN --mount=type=bind,source=data,target=/ctx cat /ctx/in.txt > /from-bind\n\
         RUN --mount=type=bind,from=tools,source=/bin,target=/tools /tools/busybox echo from-stage > /from-stage\n\
         COPY --chmod=0600 data/in.txt /private.txt\n\
         COPY <<NOTE data/in.txt /both/\nfrom a heredoc\nNOTE\n",
        base(),
        base()
    );
    let dir = context(
        &sk,
        "ctx",
        &[("Dockerfile", &file), ("data/in.txt", "bound\n")],
    );
    sk.ok(&["build", "--label", "built.by=test", "-t", "m", &ctx(&dir)]);
    let label = sk.ok(&[
        "image",
        "inspect",
        "--format",
        "{{index .Config.Labels \"built.by\"}}",
        "m",
    ]);
    assert_eq!(label, "test\n");
    // The cache directory outlives the step's container: a build without the cache sees
    // what the first one wrote.
    assert_eq!(sk.ok(&["run", "--rm", "m", "cat", "/count"]), "1\n");
    sk.ok(&["build", "--no-cache", "-t", "m", &ctx(&dir)]);
    assert_eq!(sk.ok(&["run", "--rm", "m", "cat", "/count"]), "2\n");
    // Nothing of the mounts is in the image: not the cache, not the tmpfs, not the bind.
    let left = sk.ok(&[
        "run",
        "--rm",
        "m",
        "sh",
        "-c",
        "ls -d /cache /scratch /ctx /tools 2>/dev/null; cat /from-bind /from-stage; stat -c %a /private.txt; cat /both/NOTE /both/in.txt",
    ]);
    assert_eq!(left, "bound\nfrom-stage\n600\nfrom a heredoc\nbound\n");
    // --pull=never with the base stored works; --pull=always pulls it again.
    sk.ok(&["build", "--pull=never", "-q", &ctx(&dir)]);
    let out = sk.ok(&["build", "--pull=always", &ctx(&dir)]);
    assert!(out.contains("STEP 1/8"), "{out}");
    assert_eq!(containers(&sk), "");
}

#[test]
fn an_interrupted_build_leaves_nothing_image_prune_cannot_reclaim() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dir = context(
        &sk,
        "ctx",
        &[(
            "Dockerfile",
            &format!(
                "FROM {}\nRUN echo done-first > /first\nRUN echo started; sleep 300\n",
                base()
            ),
        )],
    );
    let mut child = sk
        .cmd(&["build", "-t", "never", &ctx(&dir)])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the long step to start, then interrupt as ctrl-c would.
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("started\n") {
        let n = stdout.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "the build ended early: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
    }
    // SAFETY: kill with a valid pid and signal.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the build did not stop within 30 s of SIGINT"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(containers(&sk), "", "the step's container was left");
    sk.fails(&["image", "exists", "never"], 1);
    // The finished step's image is only an intermediate one: prune takes it.
    sk.ok(&["image", "prune", "-f"]);
    let left = sk.ok(&["images", "-a", "-q", "--no-trunc"]);
    assert_eq!(left.lines().count(), 1, "{left}");
}

#[test]
fn add_unpacks_bzip2_and_xz_archives() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dir = context(
        &sk,
        "packed",
        &[
            ("src/b/in-bzip2.txt", "from bzip2\n"),
            ("src/x/in-xz.txt", "from xz\n"),
        ],
    );
    // The entries keep their owners (docker's and podman's ADD), rootless too; an owner the
    // user namespace lacks (rootless: beyond 65535) becomes root's instead of failing.
    for (flag, archive, member, owner) in [
        ("-cjf", "b.tar.bz2", "b", "--owner=1000"),
        ("-cJf", "x.tar.xz", "x", "--owner=1000"),
        ("-cf", "far.tar", "x", "--owner=197609"),
    ] {
        let out = std::process::Command::new("tar")
            .args(["--numeric-owner", owner, "--group=2000"])
            .args([flag, archive, "-C", "src", member])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    std::fs::write(
        dir.join("Containerfile"),
        format!(
            "FROM {}\nADD b.tar.bz2 /unpacked/\nADD x.tar.xz /unpacked/\nADD far.tar /far/\n",
            base()
        ),
    )
    .unwrap();
    sk.ok(&["build", "-q", "-t", "packed:1", &ctx(&dir)]);
    let out = sk.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "packed:1",
        "cat",
        "/unpacked/b/in-bzip2.txt",
        "/unpacked/x/in-xz.txt",
    ]);
    assert_eq!(out, "from bzip2\nfrom xz\n");
    let owners = sk.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "packed:1",
        "stat",
        "-c",
        "%u:%g %n",
        "/unpacked/b/in-bzip2.txt",
        "/unpacked/x",
    ]);
    assert_eq!(
        owners,
        "1000:2000 /unpacked/b/in-bzip2.txt\n1000:2000 /unpacked/x\n"
    );
    let far = sk.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "packed:1",
        "stat",
        "-c",
        "%u",
        "/far/x",
    ]);
    let want = if crate::harness::is_root() {
        "197609\n"
    } else {
        "0\n"
    };
    assert_eq!(far, want);
}

#[test]
fn buildx_outputs_go_to_a_registry_an_archive_a_tar_or_a_directory() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let reg = crate::registry::start_registry(&sk.path("registry"), "127.0.0.1", "", "");
    let dockerfile = format!("FROM {}\nRUN echo built > /made\n", base());
    let dir = context(&sk, "ctx", &[("Dockerfile", &dockerfile)]);
    let c = ctx(&dir);
    // --push needs a name, refused before anything is built.
    let out = sk.fails(&["buildx", "build", "--push", &c], 125);
    assert!(out.stderr.contains("give -t"), "{out:?}");
    assert_eq!(sk.ok(&["images", "-q"]), "");
    // --push: the image goes to the registry under every -t name; --load is the default.
    let dest = format!("{}/team/app:1", reg.addr);
    sk.ok(&[
        "buildx",
        "build",
        "-q",
        "--load",
        "--push",
        "--tls-verify=false",
        "--provenance=false",
        "-t",
        &dest,
        &c,
    ]);
    let tags = crate::push::skopeo_raw(&dest);
    assert!(
        tags["layers"].as_array().is_some_and(|l| l.len() == 2),
        "{tags}"
    );
    // type=tar: the image's files; -: on STDOUT, the build's report on STDERR.
    let tar = sk.path("files.tar");
    sk.ok(&[
        "build",
        "-q",
        "-o",
        &format!("type=tar,dest={}", tar.display()),
        &c,
    ]);
    let names = |bytes: &[u8]| -> Vec<String> {
        tar::Archive::new(bytes)
            .entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().display().to_string())
            .collect()
    };
    let listed = names(&std::fs::read(&tar).unwrap());
    assert!(
        listed.iter().any(|n| n.trim_start_matches("./") == "made"),
        "{listed:?}"
    );
    assert!(listed
        .iter()
        .any(|n| n.trim_start_matches("./") == "bin/busybox"));
    let streamed = sk.run(&["build", "-o", "-", &c]);
    assert_eq!(streamed.status, 0, "{streamed:?}");
    assert!(streamed.stderr.contains("--> "), "{streamed:?}");
    let out = sk.cmd(&["build", "-q", "-o", "-", &c]).output().unwrap();
    assert_eq!(names(&out.stdout), listed);
    // A directory: the files unpacked, owned by the caller.
    let files = sk.path("files");
    sk.ok(&["build", "-q", "-o", files.to_str().unwrap(), &c]);
    assert_eq!(
        std::fs::read_to_string(files.join("made")).unwrap(),
        "built\n"
    );
    use std::os::unix::fs::MetadataExt;
    let me = std::fs::metadata(sk.dir()).unwrap().uid();
    assert_eq!(std::fs::metadata(files.join("made")).unwrap().uid(), me);
    // type=oci: an OCI archive.
    let oci = sk.path("oci.tar");
    sk.ok(&[
        "build",
        "-q",
        "-o",
        &format!("type=oci,dest={}", oci.display()),
        &c,
    ]);
    assert!(names(&std::fs::read(&oci).unwrap()).contains(&"oci-layout".to_string()));
    assert_eq!(containers(&sk), "");
}

#[test]
fn podman_s_build_flags_reach_the_steps_and_the_result() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let shared = sk.path("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("in"), "from the host\n").unwrap();
    // The first FROM names an image that does not exist: --from replaces it.
    let dockerfile = "FROM nosuch.invalid/none:1\n\
        ARG TARGETPLATFORM\n\
        RUN cat /etc/resolv.conf > /resolv; cat /mnt/shared/in > /copied; \
            grep CapEff /proc/self/status > /caps; echo $TARGETPLATFORM > /platform; \
            { cat /etc/hosts || echo none; } > /hosts 2>/dev/null\n";
    let dir = context(&sk, "ctx", &[("Dockerfile", dockerfile)]);
    let host = crate::harness::host_arch();
    let volume = format!("{}:/mnt/shared:ro", shared.display());
    let log = sk.path("build.log");
    let out = sk.ok(&[
        "build",
        "-t",
        "podflags",
        "--from",
        &base(),
        "--dns",
        "10.9.8.7",
        "--dns-search",
        "corp.test",
        "--dns-option",
        "ndots:3",
        "--cap-drop",
        "all",
        "-v",
        &volume,
        "--no-hosts",
        "--os",
        "linux",
        "--arch",
        &host,
        "--omit-history",
        "--jobs",
        "2",
        "--logfile",
        &log.display().to_string(),
        &ctx(&dir),
    ]);
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("COMMIT podflags"), "{logged}");
    assert!(
        !out.contains("COMMIT"),
        "the steps went to the log file: {out}"
    );
    let cat = |f: &str| sk.ok(&["run", "--rm", "--network", "none", "podflags", "cat", f]);
    let resolv = cat("/resolv");
    assert!(resolv.contains("nameserver 10.9.8.7"), "{resolv}");
    assert!(resolv.contains("search corp.test"), "{resolv}");
    assert!(resolv.contains("options ndots:3"), "{resolv}");
    assert_eq!(cat("/copied"), "from the host\n");
    assert_eq!(cat("/caps"), "CapEff:\t0000000000000000\n");
    assert_eq!(cat("/platform"), format!("linux/{host}\n"));
    // --no-hosts: the image's own /etc/hosts, and busybox has none.
    assert_eq!(cat("/hosts"), "none\n");
    // The volume is not in the image, and the image has no history.
    let listed = sk.run(&["run", "--rm", "podflags", "ls", "-A", "/mnt/shared"]);
    assert_eq!(listed.stdout, "", "{listed:?}");
    let history = sk.ok(&["history", "--format", "{{.CreatedBy}}", "podflags"]);
    assert!(history.lines().all(str::is_empty), "{history}");
    let with_history = sk.ok(&["history", "--format", "{{.CreatedBy}}", &base()]);
    assert!(
        with_history.lines().any(|l| !l.is_empty()),
        "{with_history}"
    );
    assert_eq!(containers(&sk), "");
}

#[test]
fn squash_and_squash_all_make_the_build_s_layers_one() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    // Files made, removed and made again across steps; a base directory removed, then
    // made again with other contents; a base file removed.
    let dockerfile = format!(
        "FROM {}\n\
         RUN mkdir /d && echo old > /d/old && echo keep > /kept\n\
         RUN rm -rf /d && rm -rf /var && rm /bin/uname\n\
         RUN mkdir -p /d /var/only && echo new > /d/new\n",
        base()
    );
    let dir = context(&sk, "ctx", &[("Dockerfile", &dockerfile)]);
    let layers = |name: &str| {
        sk.inspect(name, "{{len .RootFS.Layers}}")
            .parse::<usize>()
            .unwrap()
    };
    let base_layers = layers(&{
        sk.ok(&["pull", "-q", &base()]);
        base()
    });
    let view = "ls -A /d /var; cat /kept; ls /bin/uname 2>/dev/null || echo no-uname";
    let want = "/d:\nnew\n\n/var:\nonly\nkeep\nno-uname\n";
    sk.ok(&["build", "-q", "-t", "plain", &ctx(&dir)]);
    assert_eq!(layers("plain"), base_layers + 3);
    assert_eq!(sk.ok(&["run", "--rm", "plain", "sh", "-c", view]), want);
    sk.ok(&["build", "-q", "--squash", "-t", "squashed", &ctx(&dir)]);
    assert_eq!(layers("squashed"), base_layers + 1);
    assert_eq!(sk.ok(&["run", "--rm", "squashed", "sh", "-c", view]), want);
    sk.ok(&["build", "-q", "--squash-all", "-t", "flat", &ctx(&dir)]);
    assert_eq!(layers("flat"), 1);
    assert_eq!(sk.ok(&["run", "--rm", "flat", "sh", "-c", view]), want);
    // The config is the build's; the history's newest entry is the squashed layer's.
    assert_eq!(
        sk.inspect("flat", "{{.Config.Cmd}}"),
        sk.inspect("plain", "{{.Config.Cmd}}")
    );
    let history = sk.ok(&[
        "history",
        "--no-trunc",
        "--format",
        "{{.CreatedBy}}",
        "squashed",
    ]);
    assert!(
        history
            .lines()
            .next()
            .unwrap()
            .contains("3 layers squashed into one"),
        "{history}"
    );
    assert!(
        sk.run(&["build", "--squash", "--squash-all", &ctx(&dir)])
            .status
            != 0
    );
    assert_eq!(containers(&sk), "");
}

/// A squashed layer keeps its files' extended attributes (a file capability, say): `multi`'s
/// /data/keep carries `user.skiff.test`, and the one layer of a `--squash-all` build from it
/// has it still.
#[test]
fn squash_all_keeps_the_files_xattrs() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let from = crate::harness::image("multi:oci");
    sk.ok(&["pull", "-q", &from]);
    let dir = context(
        &sk,
        "ctx",
        &[("Dockerfile", &format!("FROM {from}\nRUN true\n"))],
    );
    sk.ok(&["build", "-q", "--squash-all", "-t", "flat", &ctx(&dir)]);
    assert_eq!(sk.inspect("flat", "{{len .RootFS.Layers}}"), "1");
    let archive = sk.path("flat.tar");
    sk.ok(&["save", "-o", archive.to_str().unwrap(), "flat"]);
    let bytes = std::fs::read(&archive).unwrap();
    let record = b"SCHILY.xattr.user.skiff.test=hello";
    assert!(
        bytes.windows(record.len()).any(|w| w == record),
        "the squashed layer lost /data/keep's xattr"
    );
    assert_eq!(containers(&sk), "");
}

#[test]
fn build_env_reaches_the_steps_and_the_image_and_unsetenv_drops_a_variable() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dockerfile = format!(
        "FROM {b} AS first\nRUN echo $FOO > /foo\nFROM {b}\nCOPY --from=first /foo /foo\nRUN echo $FROM_HOST > /host\nENV DROPME=1 KEEP=2\n",
        b = base()
    );
    let dir = context(&sk, "ctx", &[("Dockerfile", &dockerfile)]);
    let out = sk.run_env(
        &[
            "build",
            "-q",
            "-t",
            "envd",
            "--env",
            "FOO=bar",
            "--env",
            "FROM_HOST",
            "--unsetenv",
            "DROPME",
            &ctx(&dir),
        ],
        &[("FROM_HOST", std::path::Path::new("host-value"))],
    );
    assert_eq!(out.status, 0, "{out:?}");
    assert_eq!(
        sk.ok(&[
            "run",
            "--rm",
            "envd",
            "sh",
            "-c",
            "cat /foo /host; echo $FOO $KEEP ${DROPME:-unset}"
        ]),
        "bar\nhost-value\nbar 2 unset\n"
    );
    let env = sk.inspect("envd", "{{json .Config.Env}}");
    assert!(env.contains("FOO=bar") && !env.contains("DROPME"), "{env}");
}

#[test]
fn ignorefile_and_a_dockerfile_s_own_ignore_file_replace_the_context_s() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dockerfile = format!("FROM {}\nCOPY . /ctx/\n", base());
    let dir = context(
        &sk,
        "ctx",
        &[
            ("Dockerfile", dockerfile.as_str()),
            ("sub/web.Dockerfile", dockerfile.as_str()),
            ("sub/web.Dockerfile.dockerignore", "c\n"),
            (".dockerignore", "a\n"),
            ("a", "a"),
            ("b", "b"),
            ("c", "c"),
        ],
    );
    let alt = sk.path("alt-ignore");
    std::fs::write(&alt, "b\n").unwrap();
    let listing = |tag: &str| {
        sk.ok(&["run", "--rm", tag, "ls", "/ctx"])
            .lines()
            .filter(|l| l.len() == 1)
            .collect::<Vec<_>>()
            .join(" ")
    };
    sk.ok(&["build", "-q", "-t", "plain", &ctx(&dir)]);
    assert_eq!(listing("plain"), "b c");
    let alt_arg = alt.display().to_string();
    sk.ok(&[
        "build",
        "-q",
        "--ignorefile",
        &alt_arg,
        "-t",
        "alt",
        &ctx(&dir),
    ]);
    assert_eq!(listing("alt"), "a c");
    // docker's DOCKERFILE.dockerignore, found beside the Dockerfile named in the context.
    sk.ok(&[
        "build",
        "-q",
        "-f",
        "sub/web.Dockerfile",
        "-t",
        "own",
        &ctx(&dir),
    ]);
    assert_eq!(listing("own"), "a b");
    let missing = sk.run(&["build", "-q", "--ignorefile", "/no/such/ignore", &ctx(&dir)]);
    assert_eq!(missing.status, 125, "{missing:?}");
    assert!(missing.stderr.contains("/no/such/ignore"), "{missing:?}");
}

#[test]
fn podman_s_stage_cache_and_annotation_flags() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    // Stage "unused" is not needed by the target: skipped unless --skip-unused-stages=false.
    let dockerfile = format!(
        "FROM {b} AS unused\nRUN echo unused-stage-ran\nFROM {b}\nRUN date +%s%N > /stamp\n",
        b = base()
    );
    let dir = context(&sk, "ctx", &[("Dockerfile", dockerfile.as_str())]);
    let skipped = sk.ok(&["build", "-t", "staged", &ctx(&dir)]);
    assert!(!skipped.contains("unused-stage-ran"), "{skipped}");
    let all = sk.ok(&[
        "build",
        "--skip-unused-stages=false",
        "-t",
        "staged",
        &ctx(&dir),
    ]);
    assert!(all.contains("unused-stage-ran"), "{all}");
    // --cache-ttl: a step cached longer ago than the duration runs again.
    let stamp = || sk.ok(&["run", "--rm", "staged", "cat", "/stamp"]);
    let first = stamp();
    sk.ok(&[
        "build",
        "-q",
        "--cache-ttl",
        "1h",
        "-t",
        "staged",
        &ctx(&dir),
    ]);
    assert_eq!(stamp(), first, "a step an hour old is reused");
    std::thread::sleep(std::time::Duration::from_millis(2100));
    sk.ok(&[
        "build",
        "-q",
        "--cache-ttl",
        "1s",
        "-t",
        "staged",
        &ctx(&dir),
    ]);
    assert_ne!(stamp(), first, "a step older than the ttl runs again");
    let bad = sk.run(&["build", "-q", "--cache-ttl", "soon", &ctx(&dir)]);
    assert_eq!(bad.status, 125, "{bad:?}");
    // --annotation: in the manifest, shown by inspect, and -D is accepted.
    sk.ok(&[
        "build",
        "-q",
        "-D",
        "--annotation",
        "org.example.team=infra",
        "-t",
        "annotated",
        &ctx(&dir),
    ]);
    assert_eq!(
        sk.ok(&[
            "image",
            "inspect",
            "--format",
            "{{index .Annotations \"org.example.team\"}}",
            "annotated"
        ]),
        "infra\n"
    );
}

#[test]
fn timestamp_makes_a_repeated_build_the_same_image() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dockerfile = format!(
        "FROM {}\nRUN mkdir /made && echo same > /made/f\nCOPY in /in\n",
        base()
    );
    let dir = context(
        &sk,
        "ctx",
        &[("Dockerfile", dockerfile.as_str()), ("in", "x")],
    );
    let build = |tag: &str| {
        sk.ok(&[
            "build",
            "-q",
            "--no-cache",
            "--timestamp",
            "1700000000",
            "-t",
            tag,
            &ctx(&dir),
        ])
        .trim()
        .to_string()
    };
    let first = build("stamped1");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = build("stamped2");
    assert_eq!(
        first, second,
        "the same sources at the same timestamp: the same image"
    );
    assert_eq!(
        sk.inspect("stamped1", "{{.Created}}"),
        "2023-11-14T22:13:20Z"
    );
    let mtimes = sk.ok(&[
        "run", "--rm", "stamped1", "stat", "-c", "%Y", "/made/f", "/made", "/in",
    ]);
    assert_eq!(mtimes, "1700000000\n1700000000\n1700000000\n");
    // `images` dates it from the stamp, and 0 is the epoch, not docker's zero time.
    let listed = sk.ok(&["images", "--format", "{{.CreatedAt}}", "stamped1"]);
    assert!(listed.starts_with("2023-11-14 22:13:20"), "{listed}");
    sk.ok(&[
        "build",
        "-q",
        "--no-cache",
        "--timestamp",
        "0",
        "-t",
        "epoch",
        &ctx(&dir),
    ]);
    assert_eq!(sk.inspect("epoch", "{{.Created}}"), "1970-01-01T00:00:00Z");
    // Without it, a second build is another image.
    let plain = |tag: &str| {
        sk.ok(&["build", "-q", "--no-cache", "-t", tag, &ctx(&dir)])
            .trim()
            .to_string()
    };
    let a = plain("plain1");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_ne!(a, plain("plain2"));
}

#[test]
fn build_context_names_a_directory_or_an_image_for_from_copy_and_run_mounts() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let src = context(
        &sk,
        "named-src",
        &[("hello.txt", "from the named directory\n")],
    );
    let src_arg = format!("src={}", src.display());
    // The named context replaces the stage of its name (BuildKit's rule): without it,
    // hello.txt is not in the empty `src` stage and the build fails.
    let copy = format!(
        "FROM scratch AS src\nFROM {}\nCOPY --from=src hello.txt /copied.txt\n\
         RUN --mount=type=bind,from=src,target=/m cat /m/hello.txt > /mounted.txt\n",
        base()
    );
    let dir = context(&sk, "ctx-copy", &[("Dockerfile", copy.as_str())]);
    sk.fails(&["build", "-q", "-t", "nocontext", &ctx(&dir)], 125);
    sk.ok(&[
        "build",
        "-q",
        "--build-context",
        &src_arg,
        "-t",
        "copied",
        &ctx(&dir),
    ]);
    let out = sk.ok(&[
        "run",
        "--rm",
        "copied",
        "cat",
        "/copied.txt",
        "/mounted.txt",
    ]);
    assert_eq!(out, "from the named directory\nfrom the named directory\n");
    // FROM a named directory: the stage starts as its files.
    let from_dir = format!(
        "FROM src AS files\nFROM {}\nCOPY --from=files /hello.txt /via-stage.txt\n",
        base()
    );
    let dir = context(&sk, "ctx-fromdir", &[("Dockerfile", from_dir.as_str())]);
    sk.ok(&[
        "build",
        "-q",
        "--build-context",
        &src_arg,
        "-t",
        "fromdir",
        &ctx(&dir),
    ]);
    let out = sk.ok(&["run", "--rm", "fromdir", "cat", "/via-stage.txt"]);
    assert_eq!(out, "from the named directory\n");
    // FROM a named image: `mybase` is no image or stage, the context says which one it is.
    let marker = format!("FROM {}\nRUN echo marked > /marker\n", base());
    let dir = context(&sk, "ctx-marker", &[("Dockerfile", marker.as_str())]);
    sk.ok(&["build", "-q", "-t", "localhost/marker-img:v1", &ctx(&dir)]);
    let from_image = "FROM mybase\nRUN cat /marker > /seen\n";
    let dir = context(&sk, "ctx-fromimage", &[("Dockerfile", from_image)]);
    sk.ok(&[
        "build",
        "-q",
        "--build-context",
        "mybase=docker-image://localhost/marker-img:v1",
        "-t",
        "fromimage",
        &ctx(&dir),
    ]);
    assert_eq!(
        sk.ok(&["run", "--rm", "fromimage", "cat", "/seen"]),
        "marked\n"
    );
    // Values it cannot use are refused before anything runs, saying what to give.
    for (spec, want) in [
        ("x=https://example.com/a.tar", "NAME=DIRECTORY"),
        ("nothing", "NAME=DIRECTORY"),
        ("src=/no/such/dir", "no such directory"),
    ] {
        let out = sk.fails(&["build", "-q", "--build-context", spec, &ctx(&dir)], 125);
        let err = &out.stderr;
        assert!(err.contains(want), "{spec}: {err}");
    }
    assert_eq!(containers(&sk), "");
}

#[test]
fn build_manifest_adds_each_build_to_a_list_it_makes_first() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dir = context(&sk, "ctx", &[("Dockerfile", "")]);
    let build = |step: &str, extra: &[&str]| {
        std::fs::write(dir.join("Dockerfile"), format!("FROM {}\n{step}\n", base())).unwrap();
        let mut args = vec!["build", "-q", "--manifest", "localhost/applist"];
        args.extend_from_slice(extra);
        let path = ctx(&dir);
        args.push(&path);
        sk.ok(&args).trim().to_string()
    };
    let entries = || -> Vec<Value> {
        let text = sk.ok(&["manifest", "inspect", "localhost/applist"]);
        let index: Value = serde_json::from_str(&text).unwrap();
        index["manifests"].as_array().unwrap().clone()
    };
    let first = build("RUN echo one > /a", &[]);
    assert_eq!(entries().len(), 1);
    assert_eq!(
        entries()[0]["platform"]["architecture"],
        crate::harness::host_arch()
    );
    let second = build("RUN echo two > /a", &["-t", "app-two"]);
    assert_ne!(first, second);
    assert_eq!(entries().len(), 2, "a second image is added");
    // The same image again replaces its own entry.
    assert_eq!(build("RUN echo two > /a", &[]), second);
    assert_eq!(entries().len(), 2);
    // A list cannot take an image's name: refused, saying so.
    let out = sk.fails(&["build", "-q", "--manifest", "app-two", &ctx(&dir)], 125);
    assert!(out.stderr.contains("an image is named app-two"), "{out:?}");
    assert_eq!(containers(&sk), "");
}

#[test]
fn ssh_agent_socket_reaches_run_mount_type_ssh_and_no_layer() {
    use std::os::unix::fs::MetadataExt;
    let _reg = require_registry!();
    let sk = Skiff::new();
    let sock = sk.path("agent.sock");
    let _agent = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let inode = std::fs::metadata(&sock).unwrap().ino();
    let dockerfile = format!(
        "FROM {}\nRUN --mount=type=ssh stat -c %i \"$SSH_AUTH_SOCK\" > /ssh-inode && \
         echo \"$SSH_AUTH_SOCK\" > /ssh-path\nRUN --mount=type=ssh,id=other,target=/agent \
         test -S /agent && echo \"${{SSH_AUTH_SOCK:-none}}\" > /other\n",
        base()
    );
    let dir = context(&sk, "ctx", &[("Dockerfile", dockerfile.as_str())]);
    let default = format!("default={}", sock.display());
    let other = format!("other={}", sock.display());
    sk.ok(&[
        "build",
        "-q",
        "--ssh",
        &default,
        "--ssh",
        &other,
        "-t",
        "withssh",
        &ctx(&dir),
    ]);
    let out = sk.ok(&[
        "run",
        "--rm",
        "withssh",
        "sh",
        "-c",
        "cat /ssh-inode /ssh-path /other; test -e /run/buildkit || test -e /agent || echo clean",
    ]);
    assert_eq!(
        out,
        format!("{inode}\n/run/buildkit/ssh_agent.0\n/agent\nclean\n"),
        "the host's socket itself, at BuildKit's place or the target given, SSH_AUTH_SOCK naming \
         a step's first agent (as BuildKit's); no mount point left in a layer"
    );
    // Not forwarded: the mount is left out, unless required.
    let plain = format!(
        "FROM {}\nRUN --mount=type=ssh echo \"${{SSH_AUTH_SOCK:-none}}\" > /s\n",
        base()
    );
    let dir = context(&sk, "ctx-plain", &[("Dockerfile", plain.as_str())]);
    sk.ok(&["build", "-q", "-t", "nossh", &ctx(&dir)]);
    assert_eq!(sk.ok(&["run", "--rm", "nossh", "cat", "/s"]), "none\n");
    let required = format!("FROM {}\nRUN --mount=type=ssh,required=true true\n", base());
    let dir = context(&sk, "ctx-required", &[("Dockerfile", required.as_str())]);
    let out = sk.fails(&["build", "-q", &ctx(&dir)], 125);
    assert!(out.stderr.contains("--ssh default"), "{out:?}");
    // A key file is no agent.
    let out = sk.fails(
        &["build", "-q", "--ssh", "default=/etc/passwd", &ctx(&dir)],
        125,
    );
    assert!(out.stderr.contains("ssh-add"), "{out:?}");
    assert_eq!(containers(&sk), "");
}

#[test]
fn proxy_build_args_and_the_caller_s_proxy_reach_run_steps_but_not_the_image() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let df = format!(
        "FROM {}\nRUN echo \"p=$HTTP_PROXY/$no_proxy/$https_proxy\" > /p && cat /p\n",
        base()
    );
    let dir = context(&sk, "proxy", &[("Dockerfile", &df)]);
    let ok = |args: &[&str], env: &[(&str, &Path)]| {
        let out = sk.run_env(args, env);
        assert_eq!(out.status, 0, "{out:?}");
        out.stdout
    };
    // docker's predefined args: no ARG needed, no warning, in neither history nor image.
    #[rustfmt::skip]
    let out = ok(&["build", "--build-arg", "HTTP_PROXY=http://proxy.test:3128", "--build-arg",
        "no_proxy=localhost", "-t", "px:1", &ctx(&dir)], &[]);
    assert!(
        out.contains("p=http://proxy.test:3128/localhost/\n"),
        "{out}"
    );
    assert!(!out.contains("not consumed"), "{out}");
    let history = sk.ok(&[
        "history",
        "--no-trunc",
        "--format",
        "{{.CreatedBy}}",
        "px:1",
    ]);
    assert!(!history.contains("proxy.test"), "{history}");
    let env = sk.inspect("px:1", "{{json .Config.Env}}");
    assert!(!env.to_lowercase().contains("proxy"), "{env}");
    // Another proxy does not make the step run again.
    #[rustfmt::skip]
    let again = ok(&["build", "--build-arg", "HTTP_PROXY=http://other.test:1", "-t", "px:1",
        &ctx(&dir)], &[]);
    assert!(again.contains("--> Using cache"), "{again}");
    // podman's --http-proxy: the caller's variables, on by default.
    let caller = [("https_proxy", Path::new("http://caller.test:8080"))];
    let out = ok(&["build", "--no-cache", "-t", "px:2", &ctx(&dir)], &caller);
    assert!(out.contains("p=//http://caller.test:8080\n"), "{out}");
    #[rustfmt::skip]
    let out = ok(&["build", "--no-cache", "--http-proxy=false", "-t", "px:3", &ctx(&dir)], &caller);
    assert!(out.contains("p=//\n"), "{out}");
    assert_eq!(containers(&sk), "");
}

/// podman's `build --pid|--ipc|--uts|--cgroupns host`: RUN steps are in the host's namespaces
/// (its host name, its processes, its IPC namespace); without them each step has its own; a
/// mode skiff cannot give is refused before anything runs.
#[test]
fn run_steps_take_podman_s_namespace_flags() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dockerfile = format!(
        "FROM {}\nRUN hostname > /h; readlink /proc/self/ns/ipc > /i; readlink /proc/self/ns/cgroup > /c; \
         ps -o pid | wc -l > /n\n",
        base()
    );
    let dir = context(&sk, "ctx", &[("Dockerfile", &dockerfile)]);
    #[rustfmt::skip]
    sk.ok(&["build", "-q", "-t", "hostns", "--pid", "host", "--ipc", "host", "--uts", "host",
        "--cgroupns", "host", &ctx(&dir)]);
    let ns = |what: &str| std::fs::read_link(format!("/proc/self/ns/{what}")).unwrap();
    let seen = sk.ok(&["run", "--rm", "hostns", "cat", "/h", "/i", "/c", "/n"]);
    let lines: Vec<&str> = seen.lines().collect();
    let host_name = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    assert_eq!(lines[0], host_name.trim(), "{seen}");
    assert_eq!(lines[1], ns("ipc").to_str().unwrap(), "{seen}");
    assert_eq!(lines[2], ns("cgroup").to_str().unwrap(), "{seen}");
    assert!(
        lines[3].parse::<u32>().unwrap() > 10,
        "the host's processes: {seen}"
    );
    // The default: each step's own (one process, `ps` itself, besides the step's shell).
    #[rustfmt::skip]
    sk.ok(&["build", "-q", "--no-cache", "-t", "ownns", "--pid", "private", "--uts", "container",
        &ctx(&dir)]);
    let seen = sk.ok(&["run", "--rm", "ownns", "cat", "/h", "/i", "/n"]);
    let lines: Vec<&str> = seen.lines().collect();
    assert_ne!(lines[0], host_name.trim(), "{seen}");
    assert_ne!(lines[1], ns("ipc").to_str().unwrap(), "{seen}");
    assert!(lines[2].parse::<u32>().unwrap() < 6, "{seen}");
    let bad = sk.fails(&["build", "--ipc", "ns:/proc/1/ns/ipc", &ctx(&dir)], 125);
    assert!(bad.stderr.contains("invalid --ipc"), "{bad:?}");
    assert_eq!(containers(&sk), "");
}

/// `COPY package.json yarn.lock* ./`: a pattern that matches nothing is passed over while
/// another source is found, as docker's builders; with nothing found the build fails.
#[test]
fn copy_passes_over_a_pattern_that_matches_nothing() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dockerfile = format!("FROM {}\nCOPY package.json yarn.lock* /app/\n", base());
    let dir = context(
        &sk,
        "opt",
        &[("Dockerfile", &dockerfile), ("package.json", "{}\n")],
    );
    sk.ok(&["build", "-q", "-t", "opt:1", &ctx(&dir)]);
    let out = sk.ok(&["run", "--rm", "--network", "none", "opt:1", "ls", "/app"]);
    assert_eq!(out, "package.json\n");
    let dockerfile = format!("FROM {}\nCOPY yarn.lock* /app/\n", base());
    std::fs::write(dir.join("Dockerfile"), dockerfile).unwrap();
    let out = sk.fails(&["build", "-q", "-t", "opt:2", &ctx(&dir)], 125);
    assert!(out.stderr.contains("yarn.lock*"), "{out:?}");
    assert_eq!(containers(&sk), "");
}

/// RUN --mount as BuildKit: a `rw` bind of the context writes to an overlay the step drops,
/// never to the user's files; a secret is root's and 0400 unless `uid=`/`gid=`/`mode=` say
/// otherwise; a cache directory takes the owner and mode it asks for, so a step under `USER`
/// can write it.
#[test]
fn run_mounts_keep_the_context_and_take_owners_and_modes() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dockerfile = format!(
        "FROM {}\n\
         RUN --mount=type=bind,target=/src,rw rm /src/precious.txt && echo o > /src/out.o && ls /src > /seen\n\
         RUN --mount=type=bind,source=precious.txt,target=/p,rw echo more >> /p && cat /p > /pcopy\n\
         RUN --mount=type=secret,id=m,uid=1000,gid=2000,mode=0440 stat -c '%a %u %g' /run/secrets/m > /m1\n\
         RUN --mount=type=secret,id=m,target=/s2 stat -c '%a %u %g' /s2 > /m2 && cat /s2 >> /m2\n\
         RUN --mount=type=cache,target=/c,uid=65534,gid=65534,mode=0700 stat -c '%a %u %g' /c > /c1\n\
         USER nobody\n\
         RUN --mount=type=cache,target=/home/nobody/.cache,uid=65534 touch /home/nobody/.cache/x\n\
         RUN --mount=type=secret,id=m,env=TOK sh -c 'echo \"got $TOK\" > /tmp/tok'\n",
        base()
    );
    let dir = context(
        &sk,
        "mnt",
        &[("Dockerfile", &dockerfile), ("precious.txt", "keep\n")],
    );
    let secret = sk.path("secret");
    std::fs::write(&secret, "mine\n").unwrap();
    let spec = format!("id=m,src={}", secret.display());
    sk.ok(&["build", "-q", "--secret", &spec, "-t", "mnt:1", &ctx(&dir)]);
    assert_eq!(
        std::fs::read_to_string(dir.join("precious.txt")).unwrap(),
        "keep\n"
    );
    assert!(!dir.join("out.o").exists());
    let out = sk.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "mnt:1",
        "cat",
        "/seen",
        "/pcopy",
        "/m1",
        "/m2",
        "/c1",
        "/tmp/tok",
    ]);
    assert_eq!(
        out,
        "Dockerfile\nout.o\nkeep\nmore\n440 1000 2000\n400 0 0\nmine\n700 65534 65534\ngot mine\n"
    );
    assert_eq!(containers(&sk), "");
}

/// BuildKit's `RUN <<EOF` whose body starts with `#!`: the body runs as a script with its
/// interpreter (`#!/bin/sh -e` stops at the first failure); without one it is the shell's.
#[test]
fn a_heredoc_with_an_interpreter_line_runs_as_a_script() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let dockerfile = format!(
        "FROM {}\nRUN <<EOF\n#!/bin/sh -e\necho $0 > /script\nEOF\n\
         RUN <<EOF\necho plain > /plain\nEOF\n",
        base()
    );
    let dir = context(&sk, "hd", &[("Dockerfile", &dockerfile)]);
    sk.ok(&["build", "-q", "-t", "hd:1", &ctx(&dir)]);
    let out = sk.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "hd:1",
        "cat",
        "/script",
        "/plain",
    ]);
    assert_eq!(out, "/dev/pipes/EOF\nplain\n");
    let dockerfile = format!(
        "FROM {}\nRUN <<EOF\n#!/bin/sh -e\nfalse\necho not reached\nEOF\n",
        base()
    );
    std::fs::write(dir.join("Dockerfile"), dockerfile).unwrap();
    let out = sk.fails(&["build", "-q", "-t", "hd:2", &ctx(&dir)], 1);
    assert!(!out.stdout.contains("not reached"), "{out:?}");
    assert_eq!(containers(&sk), "");
}

/// A rebuild that continues from the last result (a step added at the end): the old result,
/// untagged now, is the new one's parent, hidden from `images` and its `dangling=true` as
/// docker's intermediate images (shown with `-a`), and kept by `image prune`.
#[test]
fn an_old_result_a_rebuild_continues_from_is_an_intermediate_image() {
    let _reg = require_registry!();
    let sk = Skiff::new();
    let first = format!("FROM {}\nRUN echo 3 > /a\n", base());
    let dir = context(&sk, "re", &[("Dockerfile", &first)]);
    let old = sk.ok(&["build", "-q", "-t", "re:1", &ctx(&dir)]);
    let old = old.trim().trim_start_matches("sha256:");
    std::fs::write(dir.join("Dockerfile"), format!("{first}RUN echo 4 > /b\n")).unwrap();
    sk.ok(&["build", "-q", "-t", "re:1", &ctx(&dir)]);
    let listed = |args: &[&str]| {
        let mut all = vec!["images", "-q", "--no-trunc"];
        all.extend_from_slice(args);
        sk.ok(&all)
    };
    assert!(!listed(&[]).contains(old), "{}", listed(&[]));
    assert_eq!(listed(&["-f", "dangling=true"]), "");
    assert!(listed(&["-a"]).contains(old), "{}", listed(&["-a"]));
    sk.ok(&["image", "prune", "-f"]);
    assert!(listed(&["-a"]).contains(old), "{}", listed(&["-a"]));
}
