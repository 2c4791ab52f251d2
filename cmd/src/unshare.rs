//! `skiff unshare [COMMAND [ARG...]]`: runs a command (`$SHELL`, else /bin/sh) as root in the
//! user namespace skiff keeps its storage in, and exits with its status.

use std::os::unix::process::ExitStatusExt;
use std::process::Command;

use clap::Args;
use skiff_libpod::Engine;

/// `unshare` arguments.
#[derive(Debug, Args)]
pub struct UnshareArgs {
    /// The command and its arguments; `$SHELL` (else /bin/sh) when none
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    command: Vec<String>,
}

/// The program and arguments to run: `command`, else the login shell.
fn argv(command: Vec<String>, shell: Option<String>) -> (String, Vec<String>) {
    let mut it = command.into_iter();
    match it.next() {
        Some(program) => (program, it.collect()),
        None => (
            shell
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "/bin/sh".to_string()),
            Vec::new(),
        ),
    }
}

/// The exit code for a finished child: its own, or 128 + the signal that killed it.
fn exit_code(status: std::process::ExitStatus) -> i32 {
    status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(crate::exit::ENGINE_ERROR)
}

/// Enters the namespace and runs the command there.
pub fn exec(engine: &mut Engine, args: UnshareArgs) -> anyhow::Result<i32> {
    let env = engine.unshare_env()?;
    let (program, rest) = argv(args.command, std::env::var("SHELL").ok());
    match Command::new(&program).args(&rest).envs(env).status() {
        Ok(status) => Ok(exit_code(status)),
        Err(e) => {
            let code = match e.kind() {
                std::io::ErrorKind::NotFound => crate::exit::NOT_FOUND,
                std::io::ErrorKind::PermissionDenied => crate::exit::CANNOT_EXECUTE,
                _ => crate::exit::ENGINE_ERROR,
            };
            eprintln!("Error: running {program}: {e}");
            Ok(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_or_shell() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            argv(v(&["ls", "-l"]), Some("/bin/zsh".into())),
            ("ls".to_string(), v(&["-l"]))
        );
        assert_eq!(
            argv(Vec::new(), Some("/bin/zsh".into())),
            ("/bin/zsh".to_string(), Vec::new())
        );
        assert_eq!(argv(Vec::new(), Some(String::new())).0, "/bin/sh");
        assert_eq!(argv(Vec::new(), None).0, "/bin/sh");
    }
}
