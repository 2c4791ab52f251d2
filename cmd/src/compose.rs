//! `skiff compose ARGS...` (podman's `compose`): runs an external compose provider
//! (docker-compose) against a `skiff system service` that lives only as long as the command,
//! so compose files work without a daemon.

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use skiff_libpod::Engine;

/// Run compose workloads with an external provider (docker-compose) through skiff's API
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct ComposeArgs {
    /// The provider's arguments (see `skiff compose --help` for the provider's own help)
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    args: Vec<String>,
}

/// How long the service may take to listen.
const LISTEN_TIMEOUT: Duration = Duration::from_secs(20);

/// The compose provider: `SKIFF_COMPOSE_PROVIDER` when set, else the first `docker-compose`
/// in PATH or among docker's CLI plugins.
fn provider() -> anyhow::Result<PathBuf> {
    if let Some(p) = std::env::var_os("SKIFF_COMPOSE_PROVIDER").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".docker/cli-plugins"));
    }
    dirs.extend(
        [
            "/usr/local/lib/docker/cli-plugins",
            "/usr/libexec/docker/cli-plugins",
            "/usr/lib/docker/cli-plugins",
        ]
        .map(PathBuf::from),
    );
    dirs.into_iter()
        .map(|d| d.join("docker-compose"))
        .find(|p| p.is_file())
        .context(
            "no compose provider found: install docker-compose (apt-get install docker-compose, \
             or docker's compose plugin), or name one with SKIFF_COMPOSE_PROVIDER=/path/to/it",
        )
}

/// A `skiff system service` of this store on a socket of its own, stopped on drop.
struct Service {
    child: Child,
    socket: PathBuf,
}

impl Service {
    /// Starts the service for the store of `engine` and waits until it listens.
    fn start(engine: &Engine) -> anyhow::Result<Service> {
        let paths = engine.paths();
        std::fs::create_dir_all(&paths.runroot)
            .with_context(|| format!("creating {}", paths.runroot.display()))?;
        let socket = paths
            .runroot
            .join(format!("compose-{}.sock", std::process::id()));
        let _ = std::fs::remove_file(&socket);
        let exe = std::env::current_exe().context("finding skiff's own executable")?;
        let mut command = Command::new(exe);
        // Its own process group: a ctrl-c at the terminal reaches the provider, which still
        // needs the service to stop its containers; and it ends if this process dies.
        command.process_group(0);
        // SAFETY: prctl is async-signal-safe and touches only the child's own state.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command
            .arg("--root")
            .arg(&paths.root)
            .arg("--runroot")
            .arg(&paths.runroot)
            .args(["system", "service", "--time", "0"])
            .arg(format!("unix://{}", socket.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .context("starting skiff system service")?;
        let mut service = Service { child, socket };
        let deadline = Instant::now() + LISTEN_TIMEOUT;
        while std::os::unix::net::UnixStream::connect(&service.socket).is_err() {
            if let Some(status) = service.child.try_wait()? {
                anyhow::bail!("skiff system service ended before it listened ({status})");
            }
            if Instant::now() > deadline {
                anyhow::bail!(
                    "skiff system service did not listen on {} within {} s",
                    service.socket.display(),
                    LISTEN_TIMEOUT.as_secs()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(service)
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(self.child.id() as i32),
            nix::sys::signal::Signal::SIGTERM,
        );
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// `skiff compose`: the provider's exit code (128 + N when a signal N ended it).
pub fn exec(engine: &mut Engine, args: ComposeArgs) -> anyhow::Result<i32> {
    let provider = provider()?;
    let service = Service::start(engine)?;
    let mut child = Command::new(&provider)
        .args(&args.args)
        .env(
            "DOCKER_HOST",
            format!("unix://{}", service.socket.display()),
        )
        .spawn()
        .with_context(|| format!("running {}", provider.display()))?;
    // The terminal's ctrl-c goes to the provider, which decides what it means; this process
    // waits for it and then stops the service. (Ignored only after the spawn: the provider
    // must not inherit the ignoring.)
    // SAFETY: ignoring two signals; no handler runs.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_IGN);
        libc::signal(libc::SIGQUIT, libc::SIG_IGN);
    }
    let status = child.wait().context("waiting for the compose provider")?;
    drop(service);
    Ok(status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0)))
}
