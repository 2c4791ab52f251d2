//! Registry features (issue 21): search and tag listing, `pull --all-tags`, registries.conf
//! mirrors and location rewrites, `--tls-verify=false` against a self-signed HTTPS registry,
//! `--cert-dir` and certs.d (a registry's CA and client certificate),
//! docker credential helpers with a password-protected registry, and `unshare`.

use std::net::{TcpListener, UdpSocket};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{finish_within, image, Output, Skiff, DEFAULT_TIMEOUT};

/// Runs skiff with extra environment variables.
fn run_env(sk: &Skiff, env: &[(&str, String)], args: &[&str]) -> Output {
    let mut cmd = sk.cmd(args);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("run skiff");
    finish_within(child, DEFAULT_TIMEOUT)
        .unwrap_or_else(|| panic!("skiff {args:?} did not finish in time"))
}

/// `login` to the private registry at `addr` as its user `helper`.
fn helper_login(addr: &str) -> [&str; 7] {
    [
        "login",
        "--tls-verify=false",
        "-u",
        "helper",
        "-p",
        "sekret",
        addr,
    ]
}

/// [`run_env`] that must succeed; returns stdout.
fn ok_env(sk: &Skiff, env: &[(&str, String)], args: &[&str]) -> String {
    let out = run_env(sk, env, args);
    assert_eq!(out.status, 0, "skiff {args:?}: {out:?}");
    out.stdout
}

#[test]
fn search_uses_the_catalog_and_lists_tags() {
    let reg = require_registry!();
    let sk = Skiff::new();
    let table = sk.ok(&["search", &format!("{reg}/busy")]);
    let mut lines = table.lines();
    let header = lines.next().unwrap_or_default();
    for col in ["NAME", "DESCRIPTION", "STARS", "OFFICIAL"] {
        assert!(header.contains(col), "{table}");
    }
    assert!(!header.contains("AUTOMATED"), "{table}");
    let compatible = sk.ok(&["search", "--compatible", &format!("{reg}/busy")]);
    assert!(
        compatible
            .lines()
            .next()
            .unwrap_or_default()
            .ends_with("AUTOMATED"),
        "{compatible}"
    );
    assert!(
        lines.any(|l| l.starts_with(&format!("{reg}/library/busybox "))),
        "{table}"
    );
    let names = sk.ok(&[
        "search",
        "--format",
        "{{.Name}}",
        &format!("{reg}/library/"),
    ]);
    assert!(
        names.lines().any(|l| l == format!("{reg}/library/busybox")),
        "{names}"
    );
    assert!(
        !names.contains("NAME"),
        "no header with a plain template: {names}"
    );
    let one = sk.ok(&[
        "search",
        "--limit",
        "1",
        "--format",
        "{{.Name}}",
        &format!("{reg}/library/"),
    ]);
    assert_eq!(one.lines().count(), 1, "{one}");
    let official = sk.ok(&[
        "search",
        "--filter",
        "is-official=true",
        "--format",
        "{{.Name}}",
        &format!("{reg}/busy"),
    ]);
    assert_eq!(official, "", "catalog entries are not official");
    let zero = sk.fails(&["search", "--limit", "0", &format!("{reg}/busy")], 125);
    assert!(zero.stderr.contains("[1, 100]"), "{zero:?}");
    let bad = sk.fails(
        &["search", "--filter", "color=red", &format!("{reg}/busy")],
        125,
    );
    assert!(
        bad.stderr.contains("stars, is-official and is-automated"),
        "{bad:?}"
    );
    let tags = sk.ok(&["search", "--list-tags", &image("busybox")]);
    assert!(tags.starts_with("NAME"), "{tags}");
    for tag in ["latest", "zstd"] {
        assert!(
            tags.lines()
                .any(|l| l.starts_with(&image("busybox")) && l.trim_end().ends_with(tag)),
            "{tags}"
        );
    }
    // A short term searches registries.conf's unqualified-search registries.
    let short = sk.ok(&["search", "--format", "{{.Index}} {{.Name}}", "busybox"]);
    assert!(
        short.lines().any(|l| l.ends_with("/library/busybox")),
        "{short}"
    );
}

#[test]
fn search_through_the_api() {
    let reg = require_registry!();
    let sk = Skiff::new();
    let svc = crate::api::Service::start(&sk);
    let out = svc.docker(&[
        "search",
        "--format",
        "{{.Name}} {{.StarCount}}",
        &format!("{reg}/busy"),
    ]);
    assert_eq!(out.status, 0, "{out:?}");
    assert!(
        out.stdout
            .lines()
            .any(|l| l == format!("{reg}/library/busybox 0")),
        "{out:?}"
    );
}

#[test]
fn pull_all_tags_pulls_every_tag() {
    require_registry!();
    let sk = Skiff::new();
    let repo = image("busybox");
    let out = sk.ok(&["pull", "--all-tags", &repo]);
    assert!(
        out.contains("latest: Pulling from") && out.contains("zstd: Pulling from"),
        "{out}"
    );
    let tags = sk.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    for tag in ["latest", "zstd"] {
        assert!(tags.lines().any(|l| l == format!("{repo}:{tag}")), "{tags}");
    }
    let e = sk.fails(&["pull", "-a", &format!("{repo}:latest")], 125);
    assert!(e.stderr.contains("without a tag"), "{e:?}");
    // docker's --disable-content-trust: its default (true) is what skiff does, false (verify
    // signatures) is refused before anything is fetched, for pull and for push.
    sk.ok(&[
        "pull",
        "-q",
        "--disable-content-trust",
        &format!("{repo}:latest"),
    ]);
    for verb in ["pull", "push"] {
        let e = sk.fails(
            &[
                verb,
                "--disable-content-trust=false",
                &format!("{repo}:latest"),
            ],
            125,
        );
        assert!(e.stderr.contains("Notary"), "{e:?}");
    }
}

#[test]
fn mirrors_and_location_rewrites() {
    let reg = require_registry!();
    let sk = Skiff::new();
    let conf = sk.path("registries.conf");
    std::fs::write(
        &conf,
        format!(
            "[[registry]]\nprefix = \"mirrored.skiff.test\"\nlocation = \"{reg}/no-such-namespace\"\ninsecure = true\n\
             [[registry.mirror]]\nlocation = \"{reg}/library\"\ninsecure = true\n\
             [[registry]]\nprefix = \"digest-mirrored.skiff.test\"\nlocation = \"{reg}/no-such-namespace\"\ninsecure = true\n\
             [[registry.mirror]]\nlocation = \"{reg}/library\"\ninsecure = true\npull-from-mirror = \"digest-only\"\n\
             [[registry]]\nprefix = \"rewritten.skiff.test/bb\"\nlocation = \"{reg}/library/busybox\"\ninsecure = true\n"
        ),
    )
    .unwrap();
    let env = [("CONTAINERS_REGISTRIES_CONF", conf.display().to_string())];
    ok_env(
        &sk,
        &env,
        &["pull", "-q", "mirrored.skiff.test/busybox:latest"],
    );
    ok_env(&sk, &env, &["pull", "-q", "rewritten.skiff.test/bb:zstd"]);
    let names = sk.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    for n in [
        "mirrored.skiff.test/busybox:latest",
        "rewritten.skiff.test/bb:zstd",
    ] {
        assert!(names.lines().any(|l| l == n), "{names}");
    }
    // The digest-only mirror is not asked for a tag, and the location has no such image.
    let out = run_env(
        &sk,
        &env,
        &["pull", "-q", "digest-mirrored.skiff.test/busybox:latest"],
    );
    assert_eq!(out.status, 125, "{out:?}");
    assert!(out.stderr.contains("no-such-namespace/busybox"), "{out:?}");
}

#[test]
fn unshare_runs_as_root_in_the_storage_namespace() {
    let sk = Skiff::new();
    let out = sk.ok(&["unshare", "sh", "-c", "id -u; echo $CONTAINERS_GRAPHROOT"]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("0"), "{out}");
    assert_eq!(
        lines.next(),
        Some(sk.root().display().to_string().as_str()),
        "{out}"
    );
    assert_eq!(sk.run(&["unshare", "sh", "-c", "exit 7"]).status, 7);
    assert_eq!(sk.run(&["unshare", "skiff-no-such-command"]).status, 127);
    if !crate::harness::is_root() {
        // The subordinate ids are mapped: root of the namespace can give a file to uid 1.
        let setup = sk.ok(&[
            "unshare",
            "sh",
            "-c",
            "cd \"$0\" && touch f && chown 1:1 f && stat -c %u f && rm f",
            &sk.dir().display().to_string(),
        ]);
        assert_eq!(setup.trim(), "1");
    }
}

/// A `docker-registry` started by a test, killed on drop; its access log (one line per
/// request answered) is in `dir/access.log`.
pub(crate) struct Registry {
    child: Child,
    /// `ip:port`.
    pub(crate) addr: String,
    log: std::path::PathBuf,
}

impl Registry {
    /// How many requests of `method` on a path starting with `prefix` the registry answered.
    pub(crate) fn requests(&self, method: &str, prefix: &str) -> usize {
        let needle = format!("\"{method} {prefix}");
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains(&needle))
            .count()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free TCP port on `ip`.
fn free_port(ip: &str) -> u16 {
    TcpListener::bind((ip, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// This machine's address on its default route (not loopback, which skiff reaches over plain
/// HTTP when a registry is insecure).
fn outward_ip() -> String {
    let s = UdpSocket::bind("0.0.0.0:0").unwrap();
    s.connect("192.0.2.1:9")
        .expect("a default route: the TLS test needs a non-loopback address");
    s.local_addr().unwrap().ip().to_string()
}

/// Starts docker-registry in `dir` on `ip`, with `extra` YAML under `http:` and `auth` YAML,
/// and waits until it accepts connections.
pub(crate) fn start_registry(dir: &Path, ip: &str, http_extra: &str, auth: &str) -> Registry {
    let port = free_port(ip);
    let addr = format!("{ip}:{port}");
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let config = dir.join("config.yml");
    std::fs::write(
        &config,
        format!(
            "version: 0.1\nlog:\n  level: warn\n\
             storage:\n  filesystem:\n    rootdirectory: {}\n\
             http:\n  addr: {addr}\n{http_extra}{auth}",
            dir.join("data").display()
        ),
    )
    .unwrap();
    let log = dir.join("access.log");
    let child = Command::new("docker-registry")
        .arg("serve")
        .arg(&config)
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::fs::File::create(dir.join("log")).unwrap())
        .spawn()
        .expect("docker-registry (the rig installs it)");
    let reg = Registry { child, addr, log };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(&reg.addr).is_err() {
        assert!(
            Instant::now() < deadline,
            "the test registry did not listen: {}",
            std::fs::read_to_string(dir.join("log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    reg
}

/// Copies the rig's busybox to `dest` (`host:port/library/busybox:latest`) with skopeo.
fn copy_busybox(dest: &str, extra: &[&str]) {
    let out = Command::new("skopeo")
        .args([
            "copy",
            "-q",
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
        ])
        .args(extra)
        .arg(format!("docker://{}", image("busybox:latest")))
        .arg(format!("docker://{dest}"))
        .output()
        .expect("skopeo (the rig installs it)");
    assert!(
        out.status.success(),
        "skopeo copy: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn tls_verify_false_accepts_a_self_signed_certificate() {
    require_registry!();
    let sk = Skiff::new();
    let ip = outward_ip();
    let dir = sk.path("tls-registry");
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    openssl(
        &dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=skiff-test",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
            "-addext",
            &format!("subjectAltName=IP:{ip}"),
        ],
    );
    let tls = format!(
        "  tls:\n    certificate: {}\n    key: {}\n",
        cert.display(),
        key.display()
    );
    let reg = start_registry(&dir, &ip, &tls, "");
    let name = format!("{}/library/busybox:latest", reg.addr);
    copy_busybox(&name, &[]);
    // An empty registries.conf: nothing marks the registry insecure.
    let conf = sk.path("registries.conf");
    std::fs::write(&conf, "").unwrap();
    let env = [("CONTAINERS_REGISTRIES_CONF", conf.display().to_string())];
    let refused = run_env(&sk, &env, &["pull", "-q", &name]);
    assert_eq!(refused.status, 125, "{refused:?}");
    assert!(refused.stderr.contains("--tls-verify=false"), "{refused:?}");
    ok_env(&sk, &env, &["pull", "-q", "--tls-verify=false", &name]);
    assert!(sk
        .ok(&["images", "--format", "{{.Repository}}"])
        .contains(&reg.addr));
}

/// Runs openssl with `args` in `dir`.
fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl (the rig installs it)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// In `dir`: a CA (`ca.crt`, `ca.key`), and `NAME.crt`/`NAME.key` it signed for a server at
/// `ip` and for a client.
fn make_ca_and_certs(dir: &Path, ip: &str) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=skiff-test-ca",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ],
    );
    for (name, ext) in [
        (
            "server",
            format!("subjectAltName=IP:{ip}\nextendedKeyUsage=serverAuth\n"),
        ),
        ("client", "extendedKeyUsage=clientAuth\n".to_string()),
    ] {
        std::fs::write(dir.join(format!("{name}.ext")), ext).unwrap();
        openssl(
            dir,
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                &format!("/CN={name}"),
                "-keyout",
                &format!("{name}.key"),
                "-out",
                &format!("{name}.csr"),
            ],
        );
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                &format!("{name}.csr"),
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-out",
                &format!("{name}.crt"),
                "-extfile",
                &format!("{name}.ext"),
            ],
        );
    }
}

/// Removes a directory when dropped (a test's files outside its own directory).
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn cert_dir_and_certs_d_give_a_registry_s_ca_and_client_certificate() {
    require_registry!();
    let sk = Skiff::new();
    let ip = outward_ip();
    let dir = sk.path("ca-registry");
    std::fs::create_dir_all(&dir).unwrap();
    make_ca_and_certs(&dir, &ip);
    // The registry wants a client certificate its CA signed.
    let tls = format!(
        "  tls:\n    certificate: {}\n    key: {}\n    clientcas:\n      - {}\n",
        dir.join("server.crt").display(),
        dir.join("server.key").display(),
        dir.join("ca.crt").display()
    );
    let reg = start_registry(&dir, &ip, &tls, "");
    // What podman's and docker's certs.d hold: the CA, and the client's pair.
    let certs = sk.path("certs");
    std::fs::create_dir_all(&certs).unwrap();
    std::fs::copy(dir.join("ca.crt"), certs.join("ca.crt")).unwrap();
    let name = format!("{}/library/busybox:latest", reg.addr);
    std::fs::copy(dir.join("client.crt"), certs.join("client.cert")).unwrap();
    std::fs::copy(dir.join("client.key"), certs.join("client.key")).unwrap();
    copy_busybox(&name, &["--dest-cert-dir", &certs.display().to_string()]);
    let conf = sk.path("registries.conf");
    std::fs::write(&conf, "").unwrap();
    let env = [("CONTAINERS_REGISTRIES_CONF", conf.display().to_string())];
    let certs_arg = certs.display().to_string();
    let pull = |extra: &[&str]| {
        let mut args = vec!["pull", "-q"];
        args.extend(extra);
        args.push(&name);
        run_env(&sk, &env, &args)
    };
    let unknown_ca = pull(&[]);
    assert_eq!(unknown_ca.status, 125, "{unknown_ca:?}");
    let pulled = pull(&["--cert-dir", &certs_arg]);
    assert_eq!(pulled.status, 0, "{pulled:?}");
    sk.ok(&["rmi", &name]);
    // Without the client's pair the registry refuses the connection: the pair was presented.
    std::fs::remove_file(certs.join("client.key")).unwrap();
    let half = pull(&["--cert-dir", &certs_arg]);
    assert_eq!(half.status, 125, "{half:?}");
    assert!(half.stderr.contains("client.key"), "{half:?}");
    std::fs::rename(certs.join("client.cert"), sk.path("client.cert")).unwrap();
    let no_client = pull(&["--cert-dir", &certs_arg]);
    assert_eq!(no_client.status, 125, "{no_client:?}");
    std::fs::rename(sk.path("client.cert"), certs.join("client.cert")).unwrap();
    std::fs::copy(dir.join("client.key"), certs.join("client.key")).unwrap();
    let missing = pull(&["--cert-dir", "/no/such/dir"]);
    assert_eq!(missing.status, 125, "{missing:?}");
    assert!(missing.stderr.contains("not a directory"), "{missing:?}");

    // Without --cert-dir: the user's certs.d rootless, /etc/containers/certs.d as root.
    let base = match crate::harness::is_root() {
        true => PathBuf::from("/etc/containers/certs.d"),
        false => PathBuf::from(std::env::var("HOME").unwrap()).join(".config/containers/certs.d"),
    };
    let host_dir = base.join(&reg.addr);
    let _cleanup = RemoveOnDrop(host_dir.clone());
    std::fs::create_dir_all(&base).unwrap();
    std::fs::rename(&certs, &host_dir).unwrap();
    let pulled = pull(&[]);
    assert_eq!(pulled.status, 0, "{pulled:?}");
    // push reads the same directory.
    let dest = format!("{}/mine/bb:1", reg.addr);
    ok_env(&sk, &env, &["tag", &name, &dest]);
    ok_env(&sk, &env, &["push", "-q", &dest]);
    assert_eq!(reg.requests("PUT", "/v2/mine/bb/manifests/1"), 1);
}

/// bcrypt of "sekret" (cost 4), for the registry's htpasswd file.
const HTPASSWD: &str = "helper:$2b$04$FFErHULVsRs3OCHZ8c62Xus4FZB7b3w0.RqH7QLb8fwHjfmlVROe2\n";

/// A docker-credential-skifftest that keeps one credential in `store` (as JSON).
fn install_helper(bin: &Path, store: &Path) {
    std::fs::create_dir_all(bin).unwrap();
    let script = bin.join("docker-credential-skifftest");
    let s = store.display();
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nin=$(cat)\ncase $1 in\n\
             get) if [ -f {s} ] && grep -qF \"\\\"$in\\\"\" {s}; then cat {s}; else echo 'credentials not found in native keychain'; exit 1; fi;;\n\
             store) printf '%s' \"$in\" >{s};;\n\
             erase) if [ -f {s} ]; then rm {s}; else echo 'credentials not found in native keychain'; exit 1; fi;;\n\
             *) echo \"unknown verb $1\" >&2; exit 2;;\nesac\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A registry on loopback that takes user `helper` with password `sekret` only.
fn htpasswd_registry(sk: &Skiff) -> Registry {
    let dir = sk.path("auth-registry");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("htpasswd"), HTPASSWD).unwrap();
    let auth = format!(
        "auth:\n  htpasswd:\n    realm: skiff-test\n    path: {}\n",
        dir.join("htpasswd").display()
    );
    start_registry(&dir, "127.0.0.1", "", &auth)
}

/// [`htpasswd_registry`] holding busybox, and busybox's name there.
fn private_busybox(sk: &Skiff) -> (Registry, String) {
    let reg = htpasswd_registry(sk);
    let name = format!("{}/library/busybox:latest", reg.addr);
    copy_busybox(&name, &["--dest-creds", "helper:sekret"]);
    (reg, name)
}

#[test]
fn credential_helpers_store_and_supply_credentials() {
    require_registry!();
    let sk = Skiff::new();
    let (reg, name) = private_busybox(&sk);

    let bin = sk.path("bin");
    let store = sk.path("helper-store.json");
    install_helper(&bin, &store);
    let docker_config = sk.path("docker-config");
    std::fs::create_dir_all(&docker_config).unwrap();
    std::fs::write(
        docker_config.join("config.json"),
        format!(
            r#"{{"auths":{{}},"credHelpers":{{"{}":"skifftest"}}}}"#,
            reg.addr
        ),
    )
    .unwrap();
    let auth_file = sk.path("auth.json");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let env = [
        ("PATH", path),
        ("DOCKER_CONFIG", docker_config.display().to_string()),
        ("REGISTRY_AUTH_FILE", auth_file.display().to_string()),
    ];
    let denied = run_env(&sk, &env, &["pull", "-q", "--tls-verify=false", &name]);
    assert_eq!(denied.status, 125, "{denied:?}");
    assert!(denied.stderr.contains("login"), "{denied:?}");

    let login = ok_env(&sk, &env, &helper_login(&reg.addr));
    assert!(login.contains("Login Succeeded"), "{login}");
    let kept = std::fs::read_to_string(&store).expect("the helper stored the credentials");
    assert!(
        kept.contains("\"Secret\":\"sekret\"") && kept.contains(&reg.addr),
        "{kept}"
    );
    assert!(
        !auth_file.exists(),
        "the password went to the helper, not auth.json"
    );

    ok_env(&sk, &env, &["pull", "-q", "--tls-verify=false", &name]);
    ok_env(
        &sk,
        &env,
        &[
            "pull",
            "-q",
            "--all-tags",
            "--tls-verify=false",
            &name.replace(":latest", ""),
        ],
    );
    ok_env(&sk, &env, &["logout", &reg.addr]);
    assert!(!store.exists(), "logout erased the helper's entry");
    // A second logout is no error, as docker's.
    ok_env(&sk, &env, &["logout", &reg.addr]);
    assert_eq!(
        run_env(&sk, &env, &["pull", "-q", "--tls-verify=false", &name]).status,
        125
    );

    std::fs::write(
        docker_config.join("config.json"),
        r#"{"credsStore":"skiff-absent"}"#,
    )
    .unwrap();
    let missing = run_env(&sk, &env, &["pull", "-q", "--tls-verify=false", &name]);
    assert_eq!(missing.status, 125, "{missing:?}");
    assert!(
        missing
            .stderr
            .contains("docker-credential-skiff-absent is not installed"),
        "{missing:?}"
    );
}

#[test]
fn docker_login_and_push_through_the_socket_use_the_client_s_credentials() {
    require_registry!();
    if !crate::api::have_docker() {
        return;
    }
    let sk = Skiff::new();
    let reg = htpasswd_registry(&sk);
    let svc = crate::api::Service::start(&sk);
    let wrong = svc.docker(&["login", "-u", "helper", "-p", "wrong", &reg.addr]);
    assert_ne!(wrong.status, 0, "{wrong:?}");
    let ok = svc.docker_ok(&["login", "-u", "helper", "-p", "sekret", &reg.addr]);
    assert!(ok.contains("Login Succeeded"), "{ok}");
    let img = image("busybox:latest");
    svc.docker_ok(&["pull", "-q", &img]);
    let dest = format!("{}/private/bb:1", reg.addr);
    svc.docker_ok(&["tag", &img, &dest]);
    let out = svc.docker_ok(&["push", &dest]);
    assert!(out.contains("1: digest: sha256:"), "{out}");
    assert_eq!(reg.requests("PUT", "/v2/private/bb/manifests/1"), 1);
    // The service kept no credentials of its own: skiff alone cannot push there.
    let alone = sk.run(&["push", "--tls-verify=false", &dest]);
    assert_eq!(alone.status, 125, "{alone:?}");
    // A pull sends the client's credentials in X-Registry-Auth, a build those of every
    // registry in X-Registry-Config: both reach the private registry with them.
    svc.docker_ok(&["rmi", &dest]);
    let alone = sk.run(&["pull", "--tls-verify=false", &dest]);
    assert_eq!(alone.status, 125, "{alone:?}");
    svc.docker_ok(&["pull", &dest]);
    assert!(reg.requests("GET", "/v2/private/bb/manifests/1") >= 1);
    svc.docker_ok(&["rmi", &dest]);
    let dir = sk.path("private-build");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Dockerfile"),
        format!("FROM {dest}\nRUN echo built\n"),
    )
    .unwrap();
    let built = svc.docker(&["build", "-q", "-t", "frompriv", &dir.display().to_string()]);
    assert_eq!(built.status, 0, "{built:?}");
    svc.docker_ok(&["image", "inspect", &dest]);
    svc.docker_ok(&["logout", &reg.addr]);
    svc.docker_ok(&["rmi", "frompriv", &dest]);
    let anonymous = svc.docker(&["pull", &dest]);
    assert_ne!(anonymous.status, 0, "{anonymous:?}");
}

#[test]
fn creds_give_pull_build_and_push_credentials_for_one_command() {
    require_registry!();
    let sk = Skiff::new();
    let (reg, name) = private_busybox(&sk);
    let pull = |creds: &str| sk.run(&["pull", "-q", "--tls-verify=false", "--creds", creds, &name]);
    let wrong = pull("helper:wrong");
    assert_eq!(wrong.status, 125, "{wrong:?}");
    let no_user = pull(":sekret");
    assert_eq!(no_user.status, 125, "{no_user:?}");
    assert!(
        no_user.stderr.contains("--creds needs a user name"),
        "{no_user:?}"
    );
    let id = sk.ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--creds",
        "helper:sekret",
        &name,
    ]);
    assert!(id.starts_with("sha256:"), "{id}");
    // Nothing was stored: a pull without --creds is still refused.
    let alone = sk.run(&["pull", "-q", "--tls-verify=false", &name]);
    assert_eq!(alone.status, 125, "{alone:?}");

    let dir = sk.path("ctx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Dockerfile"),
        format!("FROM {name}\nRUN echo hi > /hi\n"),
    )
    .unwrap();
    let build = |creds: &str| {
        sk.run(&[
            "build",
            "-q",
            "--pull=always",
            "--tls-verify=false",
            "--creds",
            creds,
            "-t",
            "credsbuilt",
            &dir.display().to_string(),
        ])
    };
    let refused = build("helper:wrong");
    assert_eq!(refused.status, 125, "{refused:?}");
    let before = reg.requests("GET", "/v2/library/busybox/manifests/latest");
    let built = build("helper:sekret");
    assert_eq!(built.status, 0, "{built:?}");
    assert!(reg.requests("GET", "/v2/library/busybox/manifests/latest") > before);
    assert_eq!(sk.ok(&["run", "--rm", "credsbuilt", "cat", "/hi"]), "hi\n");

    let dest = format!("{}/mine/built:1", reg.addr);
    sk.ok(&["tag", "credsbuilt", &dest]);
    let push = |creds: &str| sk.run(&["push", "-q", "--tls-verify=false", "--creds", creds, &dest]);
    assert_eq!(push("helper:wrong").status, 125);
    let pushed = push("helper:sekret");
    assert_eq!(pushed.status, 0, "{pushed:?}");
    assert_eq!(reg.requests("PUT", "/v2/mine/built/manifests/1"), 1);

    // manifest add reads the registry's manifest with the command's credentials.
    sk.ok(&["manifest", "create", "credslist"]);
    let add = |creds: &str| {
        sk.run(&[
            "manifest",
            "add",
            "--tls-verify=false",
            "--creds",
            creds,
            "credslist",
            &format!("docker://{dest}"),
        ])
    };
    assert_eq!(add("helper:wrong").status, 125);
    let added = add("helper:sekret");
    assert_eq!(added.status, 0, "{added:?}");
    let list = sk.ok(&["manifest", "inspect", "credslist"]);
    assert!(list.contains("\"digest\""), "{list}");
}

#[test]
fn authfile_names_the_credentials_file_and_get_login_reads_it() {
    require_registry!();
    let sk = Skiff::new();
    let (reg, name) = private_busybox(&sk);
    let file = sk.path("my-auth.json").display().to_string();
    let get_login = ["login", "--authfile", &file, "--get-login", &reg.addr];
    let none = sk.run(&get_login);
    assert_ne!(none.status, 0, "{none:?}");
    assert!(none.stderr.contains("not logged into"), "{none:?}");
    let said = sk.ok(&[
        "login",
        "--authfile",
        &file,
        "--tls-verify=false",
        "-v",
        "-u",
        "helper",
        "-p",
        "sekret",
        &reg.addr,
    ]);
    // -v names the file written.
    assert_eq!(said, format!("Used: {file}\nLogin Succeeded!\n"));
    assert!(std::fs::read_to_string(&file).unwrap().contains(&reg.addr));
    assert_eq!(sk.ok(&get_login), "helper\n");
    // The file, not the default ones, supplies the pull's credentials.
    let denied = sk.run(&["pull", "-q", "--tls-verify=false", &name]);
    assert_eq!(denied.status, 125, "{denied:?}");
    sk.ok(&[
        "pull",
        "-q",
        "--authfile",
        &file,
        "--tls-verify=false",
        &name,
    ]);
    sk.ok(&["logout", "--authfile", &file, &reg.addr]);
    assert_ne!(sk.run(&get_login).status, 0);
    // docker's global --config DIR: login writes DIR/config.json, a pull reads it.
    sk.ok(&["rmi", &name]);
    let dir = sk.path("docker-config").display().to_string();
    sk.ok(&[&["--config", &dir][..], &helper_login(&reg.addr)].concat());
    let written = std::fs::read_to_string(format!("{dir}/config.json")).unwrap();
    assert!(written.contains(&reg.addr), "{written}");
    sk.ok(&["--config", &dir, "pull", "-q", "--tls-verify=false", &name]);
}

#[test]
fn kube_play_pulls_with_creds_and_tls_verify() {
    require_registry!();
    let sk = Skiff::new();
    let (_reg, name) = private_busybox(&sk);
    let file = sk.path("pod.yaml");
    std::fs::write(
        &file,
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: priv\nspec:\n  containers:\n  - name: c\n    image: {name}\n    command: [\"true\"]\n"
        ),
    )
    .unwrap();
    let file = file.display().to_string();
    let denied = sk.run(&["kube", "play", "--start=false", "--tls-verify=false", &file]);
    assert_eq!(denied.status, 125, "{denied:?}");
    sk.ok(&[
        "kube",
        "play",
        "--start=false",
        "--tls-verify=false",
        "--creds",
        "helper:sekret",
        &file,
    ]);
    sk.ok(&["pod", "exists", "priv"]);
    sk.ok(&["image", "exists", &name]);
}
