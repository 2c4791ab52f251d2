//! Finds and execs the container's command: a `PATH` search like execvp's, with docker's
//! not-found (127) and not-executable (126) failures.

use std::ffi::CString;
use std::path::{Path, PathBuf};

use super::spec::{DEFAULT_PATH, INIT_PATH};
use super::sync::{Failure, FailureKind};
use super::sys::Process;

/// How the container's command is started.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Launch {
    /// Exec the command itself.
    Direct,
    /// Check that the command can run, then exec the `--init` at [`super::spec::INIT_PATH`] with it.
    UnderInit,
}

/// Execs `args` with a `PATH` search like execvp (under the init for [`Launch::UnderInit`]);
/// returns the failure when nothing could run.
pub(super) fn exec<S: Process>(
    sys: &S,
    args: &[String],
    env: &[String],
    launch: Launch,
) -> Failure {
    let Some(cmd) = args.first() else {
        return (
            FailureKind::Setup,
            "no command specified: give one on the command line or set Cmd/Entrypoint in the image"
                .into(),
        );
    };
    let to_c = |s: &str| CString::new(s.as_bytes());
    let mut argv: Vec<&str> = Vec::with_capacity(args.len() + 2);
    if launch == Launch::UnderInit {
        argv.extend([INIT_PATH, "--"]);
    }
    argv.extend(args.iter().map(String::as_str));
    let cargs: Vec<CString> = match argv.into_iter().map(to_c).collect() {
        Ok(a) => a,
        Err(_) => return (FailureKind::Setup, "an argument contains a NUL byte".into()),
    };
    let cenv: Vec<CString> = env.iter().filter_map(|e| to_c(e).ok()).collect();
    // Returns only when the exec failed, or when a test double did not exec.
    let execve = |path: &Path| -> nix::Result<()> {
        let p =
            CString::new(path.as_os_str().as_encoded_bytes()).map_err(|_| nix::Error::EINVAL)?;
        sys.execve(&p, &cargs, &cenv)
    };
    match launch {
        Launch::Direct => match locate(cmd, env, execve) {
            Err(f) => f,
            Ok(()) => (FailureKind::Setup, format!("exec: {cmd:?}: returned")),
        },
        // The init execs the command itself; finding it first keeps docker's 126/127 errors.
        Launch::UnderInit => match locate(cmd, env, |p| sys.runnable(p)) {
            Err(f) => f,
            Ok(()) => {
                let why = execve(Path::new(INIT_PATH))
                    .err()
                    .map_or("returned".into(), describe);
                (
                    FailureKind::Setup,
                    format!("starting the init {INIT_PATH}: {why}"),
                )
            }
        },
    }
}

/// Finds `cmd` like execvp: `attempt` is tried on the command itself when it has a `/`, else on
/// each `PATH` entry, until it succeeds. Returns docker's not-found / not-executable failure.
fn locate(
    cmd: &str,
    env: &[String],
    mut attempt: impl FnMut(&Path) -> Result<(), nix::Error>,
) -> Result<(), Failure> {
    let not_exec = |e: nix::Error| {
        (
            FailureKind::NotExecutable,
            format!("exec: {cmd:?}: {}", describe(e)),
        )
    };
    let not_found = || {
        (
            FailureKind::NotFound,
            format!("exec: {cmd:?}: executable file not found in $PATH"),
        )
    };
    // An empty name is no file (joined to a PATH entry it would name the directory).
    if cmd.is_empty() {
        return Err(not_found());
    }
    if cmd.contains('/') {
        return match attempt(Path::new(cmd)) {
            Ok(()) => Ok(()),
            Err(nix::Error::ENOENT | nix::Error::ENOTDIR) => Err((
                FailureKind::NotFound,
                format!("exec: {cmd:?}: stat {cmd}: no such file or directory"),
            )),
            Err(e) => Err(not_exec(e)),
        };
    }
    let path_var = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or(DEFAULT_PATH);
    let mut denied = None;
    for dir in path_var.split(':').filter(|d| !d.is_empty()) {
        match attempt(&PathBuf::from(dir).join(cmd)) {
            Ok(()) => return Ok(()),
            Err(nix::Error::ENOENT | nix::Error::ENOTDIR | nix::Error::ELOOP) => {}
            Err(nix::Error::EACCES) => denied = Some(nix::Error::EACCES),
            Err(e) => return Err(not_exec(e)),
        }
    }
    Err(match denied {
        Some(e) => not_exec(e),
        None => not_found(),
    })
}

fn describe(e: nix::Error) -> String {
    match e {
        nix::Error::EACCES => "permission denied".into(),
        nix::Error::EISDIR => "is a directory".into(),
        nix::Error::ENOEXEC => "exec format error".into(),
        other => other.desc().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_command_is_not_found_and_a_denied_one_not_executable() {
        let env = vec!["PATH=/bin".to_string()];
        let (kind, msg) = locate("", &env, |_| Err(nix::Error::EACCES)).unwrap_err();
        assert_eq!(kind, FailureKind::NotFound);
        assert_eq!(msg, "exec: \"\": executable file not found in $PATH");
        let (kind, _) = locate("sh", &env, |_| Err(nix::Error::EACCES)).unwrap_err();
        assert_eq!(kind, FailureKind::NotExecutable);
        let only_bin_sh = |p: &Path| {
            if p == Path::new("/bin/sh") {
                Ok(())
            } else {
                Err(nix::Error::ENOENT)
            }
        };
        assert!(locate("sh", &env, only_bin_sh).is_ok());
        let (kind, _) = locate("/x/y", &env, |_| Err(nix::Error::ENOENT)).unwrap_err();
        assert_eq!(kind, FailureKind::NotFound);
    }
}
