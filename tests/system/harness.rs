//! The system-test harness: an isolated skiff installation per test, and helpers to run the real
//! binary and check its exit status and output.
//!
//! Environment (set by tests/ci.sh; all optional on a developer's machine):
//! - `SKIFF_BIN`: the binary to test (default: the one cargo built for this test target);
//! - `SKIFF_TEST_REGISTRY`: the rig's registry, e.g. `127.0.0.1:5055` (tests needing it skip
//!   without, except in a rig run);
//! - `SKIFF_TEST_TMP`: where per-test directories are made (default: the system temp dir);
//! - `SKIFF_CI_RUN`: marks a rig run, where a missing registry fails instead of skipping;
//! - `SKIFF_TEST_SKIPS`: a file where each test that skips itself (root-only tests in the
//!   rootless run and the other way round) appends a line, so tests/ci.sh counts it as skipped.

// Every test module uses a different subset of these helpers.
#![allow(dead_code, unused_macros)]

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long one skiff invocation may take before the harness kills it and fails the test.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(180);

/// The outcome of one skiff invocation.
#[derive(Debug, Clone)]
pub struct Output {
    /// Exit status; 128 + N when killed by signal N (as a shell reports it).
    pub status: i32,
    /// Everything written to stdout, lossily decoded as UTF-8.
    pub stdout: String,
    /// Everything written to stderr, lossily decoded as UTF-8.
    pub stderr: String,
}

impl Output {
    fn describe(&self, args: &[&str]) -> String {
        format!(
            "skiff {args:?} exited with {}\n--- stdout\n{}\n--- stderr\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// A fresh, isolated skiff instance: its own `--root` and `--runroot` in a temporary directory.
pub struct Skiff {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Default for Skiff {
    fn default() -> Self {
        Self::new()
    }
}

impl Skiff {
    /// Makes a new instance under `$SKIFF_TEST_TMP` (or the system temp dir).
    pub fn new() -> Skiff {
        let base = std::env::var_os("SKIFF_TEST_TMP")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        std::fs::create_dir_all(&base).expect("create SKIFF_TEST_TMP");
        let dir = tempfile::Builder::new()
            .prefix("skiff-test-")
            .tempdir_in(&base)
            .expect("create the test's temporary directory");
        for sub in ["root", "runroot"] {
            std::fs::create_dir(dir.path().join(sub)).expect("create root/runroot");
        }
        Skiff { dir, bin: binary() }
    }

    /// The test's private directory (holds `root`, `runroot` and anything the test puts there).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The `--root` directory of this instance.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("root")
    }

    /// The `--runroot` directory of this instance.
    pub fn runroot(&self) -> PathBuf {
        self.dir.path().join("runroot")
    }

    /// A path inside the test's private directory.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// A `Command` for `skiff --root .. --runroot .. ARGS`, for tests that need to set stdin, extra
    /// environment or spawn it in the background. stdin is /dev/null unless changed.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.bin);
        c.arg("--root")
            .arg(self.root())
            .arg("--runroot")
            .arg(self.runroot())
            .args(args)
            .stdin(Stdio::null());
        // `run` and `build` pass the caller's proxy variables on (podman's --http-proxy): the
        // tests' containers get none from the machine that runs them.
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().to_lowercase().ends_with("_proxy") {
                c.env_remove(name);
            }
        }
        // A shell without job control starts its background commands with SIGINT and SIGQUIT
        // ignored, and the tests that send skiff a ctrl-c need it to act as it does for a user
        // at a terminal: skiff gets the dispositions a terminal's foreground command has.
        // SAFETY: signal() is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            c.pre_exec(|| {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                libc::signal(libc::SIGQUIT, libc::SIG_DFL);
                Ok(())
            });
        }
        c
    }

    /// The shell words that run this instance's skiff: the binary with its `--root` and
    /// `--runroot`.
    pub fn command_line(&self) -> String {
        format!(
            "{} --root {} --runroot {}",
            self.bin.display(),
            self.root().display(),
            self.runroot().display()
        )
    }

    /// A busybox root file system in this instance's directory, made from the host's static
    /// /bin/busybox (package busybox-static), for tests that need no registry. Returns its path.
    pub fn busybox_rootfs(&self) -> String {
        let root = self.path("rootfs");
        if !root.exists() {
            for d in ["bin", "etc", "tmp", "proc", "sys", "dev", "root"] {
                std::fs::create_dir_all(root.join(d)).unwrap();
            }
            std::fs::copy("/bin/busybox", root.join("bin/busybox"))
                .expect("these tests need a static /bin/busybox (apt-get install busybox-static)");
            let list = Command::new("/bin/busybox").arg("--list").output().unwrap();
            for applet in String::from_utf8_lossy(&list.stdout).lines() {
                if applet != "busybox" {
                    std::os::unix::fs::symlink("busybox", root.join("bin").join(applet)).unwrap();
                }
            }
            std::fs::write(
                root.join("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/sh\n",
            )
            .unwrap();
            std::fs::write(root.join("etc/group"), "root:x:0:\nnogroup:x:65534:\n").unwrap();
        }
        root.display().to_string()
    }

    /// `inspect -f template name`, trimmed; panics unless it succeeds.
    pub fn inspect(&self, name: &str, template: &str) -> String {
        self.ok(&["inspect", "-f", template, name])
            .trim()
            .to_string()
    }

    /// Polls `inspect -f template name` until it renders `want` or `limit` passes; returns what
    /// it rendered last.
    pub fn wait_for(&self, name: &str, template: &str, want: &str, limit: Duration) -> String {
        let start = Instant::now();
        loop {
            let got = self.inspect(name, template);
            if got == want || start.elapsed() > limit {
                return got;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs skiff with `args` and returns its status and output (never panics on failure).
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, None, DEFAULT_TIMEOUT)
    }

    /// Runs skiff with `args`, feeding `stdin` (if any), killing it after `timeout`.
    pub fn run_with(&self, args: &[&str], stdin: Option<&[u8]>, timeout: Duration) -> Output {
        let mut cmd = self.cmd(args);
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        if stdin.is_some() {
            cmd.stdin(Stdio::piped());
        }
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {:?}: {e}", self.bin));
        if let Some(data) = stdin {
            let mut pipe = child.stdin.take().expect("stdin pipe");
            let data = data.to_vec();
            thread::spawn(move || {
                let _ = pipe.write_all(&data);
            });
        }
        wait_with_timeout(child, timeout, args)
    }

    /// Runs skiff with `args` and the extra environment `env` (never panics on failure).
    pub fn run_env(&self, args: &[&str], env: &[(&str, &Path)]) -> Output {
        let mut cmd = self.cmd(args);
        cmd.envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {:?}: {e}", self.bin));
        wait_with_timeout(child, DEFAULT_TIMEOUT, args)
    }

    /// Runs skiff and panics with its full output unless it exits 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status, 0, "{}", out.describe(args));
        out.stdout
    }

    /// Runs skiff and panics with its full output unless it exits with `code`; returns the output.
    pub fn fails(&self, args: &[&str], code: i32) -> Output {
        let out = self.run(args);
        assert_eq!(
            out.status,
            code,
            "expected exit {code}: {}",
            out.describe(args)
        );
        out
    }
}

impl Drop for Skiff {
    /// Removes this instance's containers (stopping monitors and unmounting), volumes and
    /// images, then its directory. A clean-up command that fails fails the test (or, when the
    /// test already failed, is reported beside its failure): a container that cannot be removed
    /// is a bug, not noise. Files owned by subordinate ids that a rootless user cannot delete
    /// are left for tests/ci.sh, which removes `$SKIFF_TEST_TMP` as root.
    fn drop(&mut self) {
        let mut failures = Vec::new();
        for args in [
            &["pod", "rm", "-a", "-f"][..],
            &["rm", "-a", "-f"],
            &["volume", "prune", "-a", "-f"],
            &["network", "prune", "-f"],
            &["image", "prune", "-a", "-f"],
        ] {
            let mut cmd = self.cmd(args);
            cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
            match cmd.spawn().map(|c| finish_within(c, DEFAULT_TIMEOUT)) {
                Ok(Some(out)) if out.status == 0 => {}
                Ok(Some(out)) => failures.push(out.describe(args)),
                Ok(None) => failures.push(format!(
                    "skiff {args:?} did not finish within {DEFAULT_TIMEOUT:?}; killed"
                )),
                Err(e) => failures.push(format!("cannot run skiff {args:?}: {e}")),
            }
        }
        if failures.is_empty() {
            return;
        }
        let msg = format!(
            "clean-up of {} failed:\n{}",
            self.dir().display(),
            failures.join("\n")
        );
        if thread::panicking() {
            eprintln!("{msg}");
        } else {
            panic!("{msg}");
        }
    }
}

fn wait_with_timeout(child: Child, timeout: Duration, args: &[&str]) -> Output {
    finish_within(child, timeout)
        .unwrap_or_else(|| panic!("skiff {args:?} did not finish within {timeout:?}; killed"))
}

/// Waits for `child` and collects its output; kills it and returns None after `timeout`.
pub fn finish_within(mut child: Child, timeout: Duration) -> Option<Output> {
    let mut out = child.stdout.take().expect("stdout pipe");
    let mut err = child.stderr.take().expect("stderr pipe");
    let out_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for skiff") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    use std::os::unix::process::ExitStatusExt;
    let code = status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
    Some(Output {
        status: code,
        stdout: String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned(),
    })
}

/// The skiff binary under test: `$SKIFF_BIN`, else the one cargo built for this test target.
pub fn binary() -> PathBuf {
    std::env::var_os("SKIFF_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_skiff")))
}

/// The pid of the monitor process (`skiff __monitor ...`) of the container with full id `id`.
pub fn monitor_pid_of(id: &str) -> Option<i32> {
    for e in std::fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else {
            continue;
        };
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        if args.get(1) == Some(&&b"__monitor"[..]) && args.get(4) == Some(&id.as_bytes()) {
            return Some(pid);
        }
    }
    None
}

/// The rig's registry (`host:port`) from `$SKIFF_TEST_REGISTRY`, if the rig is up.
pub fn registry() -> Option<String> {
    std::env::var("SKIFF_TEST_REGISTRY")
        .ok()
        .filter(|r| !r.is_empty())
}

/// A fixture image's full reference on the rig's registry, e.g. `image("busybox:latest")`.
/// Panics when there is no registry: call `require_registry!()` first.
pub fn image(name_tag: &str) -> String {
    let reg = registry().expect("SKIFF_TEST_REGISTRY is not set: use require_registry!() first");
    format!("{reg}/library/{name_tag}")
}

/// The host's architecture as images name it (`amd64`, `arm64`).
pub fn host_arch() -> String {
    match std::env::consts::ARCH {
        "x86_64" => "amd64".into(),
        "aarch64" => "arm64".into(),
        other => other.into(),
    }
}

/// Whether the tests run as root (otherwise they are the rootless run).
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Whether this is a rig run (tests/ci.sh, or a shell set up by `tests/ci.sh --setup-only`):
/// `$SKIFF_CI_RUN` is set. There a missing prerequisite is a failure, never a skip.
pub fn in_ci() -> bool {
    std::env::var_os("SKIFF_CI_RUN").is_some_and(|v| !v.is_empty())
}

/// Records that the calling test skips itself because of `reason`: says so on stderr and, when
/// `$SKIFF_TEST_SKIPS` names a file, appends `TEST<TAB>REASON` to it. tests/ci.sh counts these
/// lines as failures: in CI every test runs in the pass it is made for (see `require_root!`).
pub fn skip(reason: &str) {
    eprintln!("skipped: {reason}");
    let Some(file) = std::env::var_os("SKIFF_TEST_SKIPS").filter(|f| !f.is_empty()) else {
        return;
    };
    let test = thread::current().name().unwrap_or("?").to_string();
    let line = format!("{test}\t{reason}\n");
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&file)
        .and_then(|mut f| f.write_all(line.as_bytes()))
        .unwrap_or_else(|e| panic!("cannot record the skip in {file:?}: {e}"));
}

// The macros below are visible to every module declared after `#[macro_use] mod harness;`.

/// Evaluates to the registry address from `$SKIFF_TEST_REGISTRY`. Without it the calling test
/// skips itself (returns) on a developer's machine, and fails in a rig run (`$SKIFF_CI_RUN`):
/// CI always has the registry, so losing the variable must not turn these tests into passes.
macro_rules! require_registry {
    () => {
        match $crate::harness::registry() {
            Some(r) => r,
            None => {
                if $crate::harness::in_ci() {
                    panic!("SKIFF_TEST_REGISTRY is not set in a rig run (SKIFF_CI_RUN is set): this test needs the rig's registry");
                }
                $crate::harness::skip(
                    "no registry (run tests/ci.sh --setup-only and export SKIFF_TEST_REGISTRY)",
                );
                return;
            }
        }
    };
}

/// Skips the calling test unless it runs as root, for a developer's plain `cargo test`. Such a
/// test belongs in a module named `only_root`, which tests/ci.sh leaves out of its rootless pass;
/// a skip there is recorded (see [`skip`]) and fails CI.
macro_rules! require_root {
    () => {
        if !$crate::harness::is_root() {
            $crate::harness::skip("needs root");
            return;
        }
    };
}

/// Skips the calling test when it runs as root (it is about rootless behaviour); such a test
/// belongs in a module named `only_rootless`, which tests/ci.sh leaves out of its root pass.
macro_rules! require_rootless {
    () => {
        if $crate::harness::is_root() {
            $crate::harness::skip("needs an unprivileged user");
            return;
        }
    };
}
