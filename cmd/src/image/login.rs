//! `skiff login [-u USER] [-p PASS | --password-stdin] REGISTRY`.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{bail, Context};
use clap::Args;
use skiff_libpod::image::login::{Credentials, GivenCredentials};
use skiff_libpod::Engine;

/// `login` flags.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Username
    #[arg(short = 'u', long)]
    username: Option<String>,
    /// Password (visible to other users in the process list; prefer --password-stdin)
    #[arg(short = 'p', long)]
    password: Option<String>,
    /// Take the password from stdin
    #[arg(long, conflicts_with = "password")]
    password_stdin: bool,
    /// Require HTTPS and verify certificates (false allows plain HTTP)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
    /// Print the user name stored for the registry, or fail when there is none (podman's)
    #[arg(long, conflicts_with_all = ["username", "password", "password_stdin"])]
    get_login: bool,
    /// Also print where the credentials were stored (podman's)
    #[arg(short = 'v', long)]
    verbose: bool,
    #[command(flatten)]
    authfile: AuthFile,
    #[command(flatten)]
    cert_dir: CertDirFlag,
    /// The registry (host[:port]); Docker Hub when omitted
    registry: Option<String>,
}

/// How a command that pulls reaches registries: `--tls-verify`, `--authfile`, `--cert-dir`
/// and `--creds` (`kube play`, `manifest add`, `container runlabel`).
#[derive(Debug, Clone, Args)]
pub struct RegistryFlags {
    /// Require HTTPS and verify certificates when pulling (false allows plain HTTP)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
    #[command(flatten)]
    authfile: AuthFile,
    #[command(flatten)]
    cert_dir: CertDirFlag,
    #[command(flatten)]
    creds: CredsFlag,
}

impl RegistryFlags {
    /// Makes the credentials file and certificate directory this process's (first in a
    /// command, while it is single-threaded).
    pub fn apply(&self) -> anyhow::Result<()> {
        self.authfile.apply();
        self.cert_dir.apply()
    }

    /// `--tls-verify` as given.
    pub fn tls_verify(&self) -> Option<bool> {
        self.tls_verify
    }

    /// A pull of the host's platform with these flags' TLS rule and credentials.
    pub fn pull_request(&self) -> anyhow::Result<skiff_libpod::image::pull::PullRequest> {
        Ok(skiff_libpod::image::pull::PullRequest {
            platform: None,
            tls_verify: self.tls_verify,
            credentials: self.creds.given()?,
        })
    }

    /// `--creds` for whichever registry the command reaches.
    pub fn credentials(&self) -> anyhow::Result<GivenCredentials> {
        self.creds.given()
    }
}

/// podman's `--authfile`: the credentials file to read and write instead of the default
/// ones (as `REGISTRY_AUTH_FILE` names it).
#[derive(Debug, Clone, Args)]
pub struct AuthFile {
    /// The credentials file to use instead of the default ones (podman's; as REGISTRY_AUTH_FILE)
    #[arg(long, value_name = "PATH")]
    authfile: Option<std::path::PathBuf>,
}

impl AuthFile {
    /// Makes the file the one this process reads and writes credentials in. Called first in
    /// a command, while the process is single-threaded.
    pub fn apply(&self) {
        if let Some(file) = &self.authfile {
            std::env::set_var("REGISTRY_AUTH_FILE", file);
        }
    }
}

/// podman's `--cert-dir DIR`: the registry certificate directory (`*.crt` CAs, a `*.cert`
/// and `*.key` client pair) to use instead of `certs.d` (`login`, `pull`, `push`, `build`,
/// `manifest add`, `manifest push`, `kube play`).
#[derive(Debug, Clone, Args)]
pub struct CertDirFlag {
    /// Use the certificates in this directory (*.crt CAs, a *.cert with its *.key) for the
    /// registry instead of those in certs.d
    #[arg(long, value_name = "DIR")]
    cert_dir: Option<std::path::PathBuf>,
}

impl CertDirFlag {
    /// Makes the directory the one this process's registry clients read. Called first in a
    /// command, while the process is single-threaded.
    pub fn apply(&self) -> anyhow::Result<()> {
        if let Some(dir) = &self.cert_dir {
            if !dir.is_dir() {
                bail!("--cert-dir {}: not a directory", dir.display());
            }
            std::env::set_var(skiff_libpod::image::login::CERT_DIR_ENV, dir);
        }
        Ok(())
    }
}

/// podman's `--creds USER[:PASSWORD]`: credentials for this command instead of a stored
/// login (`pull`, `push`, `build`, `manifest add`, `manifest push`, `kube play`).
#[derive(Debug, Clone, Args)]
pub struct CredsFlag {
    /// Credentials USER[:PASSWORD] for the registry instead of the stored login (the password
    /// is asked for when left out and stdin is a terminal)
    #[arg(long, value_name = "USER[:PASSWORD]")]
    creds: Option<String>,
}

impl CredsFlag {
    /// The credentials given, asking for a password left out when stdin is a terminal.
    pub fn credentials(&self) -> anyhow::Result<Option<Credentials>> {
        let Some(text) = &self.creds else {
            return Ok(None);
        };
        let mut creds = parse_creds(text)?;
        if !text.contains(':') && std::io::stdin().is_terminal() {
            creds.password = read_line("Password: ")?;
        }
        Ok(Some(creds))
    }

    /// [`Self::credentials`] for whichever registry the command reaches.
    pub fn given(&self) -> anyhow::Result<GivenCredentials> {
        Ok(GivenCredentials {
            any: self.credentials()?,
            by_registry: Vec::new(),
        })
    }
}

/// Splits `--creds USER[:PASSWORD]` (the password may hold colons).
fn parse_creds(s: &str) -> anyhow::Result<Credentials> {
    let (user, pass) = s.split_once(':').unwrap_or((s, ""));
    if user.is_empty() {
        bail!("--creds needs a user name: --creds USER[:PASSWORD]");
    }
    Ok(Credentials {
        username: user.to_string(),
        password: pass.to_string(),
    })
}

fn read_line(prompt: &str) -> anyhow::Result<String> {
    if !prompt.is_empty() {
        eprint!("{prompt}");
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// Logs in: checks the credentials with the registry, then stores them.
pub fn exec(engine: &mut Engine, args: LoginArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    args.cert_dir.apply()?;
    let registry = args.registry.clone().unwrap_or_else(|| "docker.io".into());
    if args.get_login {
        return match engine.login_username(&registry)? {
            Some(user) => {
                println!("{user}");
                Ok(0)
            }
            None => bail!("not logged into {registry}"),
        };
    }
    let interactive = std::io::stdin().is_terminal();
    let username = match args.username {
        Some(u) => u,
        None if interactive && !args.password_stdin => read_line("Username: ")?,
        None => bail!(
            "give a username with -u when the password comes from stdin or stdin is not a terminal"
        ),
    };
    let password = match args.password {
        Some(p) => p,
        None if args.password_stdin => read_line("")?,
        None if interactive => read_line("Password: ")?,
        None => bail!("give the password with --password-stdin (or -p)"),
    };
    if username.is_empty() || password.is_empty() {
        bail!("the username and password must not be empty");
    }
    let stored = engine
        .login(
            &registry,
            Credentials { username, password },
            args.tls_verify,
        )
        .with_context(|| format!("logging in to {registry}"))?;
    if args.verbose {
        println!("Used: {}", stored.display());
    }
    println!("Login Succeeded!");
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creds_split_at_the_first_colon() {
        let c = parse_creds("me:pa:ss").unwrap();
        assert_eq!((c.username.as_str(), c.password.as_str()), ("me", "pa:ss"));
        let c = parse_creds("me").unwrap();
        assert_eq!((c.username.as_str(), c.password.as_str()), ("me", ""));
        assert!(parse_creds(":secret").is_err());
        assert!(parse_creds("").is_err());
    }
}
