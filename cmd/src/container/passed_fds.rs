//! Descriptors a caller passes on to a container's process, at their numbers from 3:
//! `--preserve-fds N` (`exec`, `run`) and systemd's socket activation of `run` (podman's: the
//! sockets of a `.socket` unit reach the container, which sees `LISTEN_PID=1`).

/// `--preserve-fds N`: descriptors 3 to 2+N must be the caller's, open and without
/// close-on-exec (skiff opens its own with it), so that none of skiff's reaches the container.
pub fn check_preserved_fds(n: u32) -> anyhow::Result<()> {
    for fd in 3..3 + n as i32 {
        // SAFETY: F_GETFD only reads the descriptor's flags.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
        if flags < 0 {
            anyhow::bail!(
                "--preserve-fds {n}: descriptor {fd} is not open: open descriptors 3 to {} for skiff to pass on (e.g. 3<FILE)",
                2 + n
            );
        }
        if flags & libc::FD_CLOEXEC != 0 {
            anyhow::bail!(
                "--preserve-fds {n}: descriptor {fd} is closed at exec: pass it open to skiff"
            );
        }
    }
    Ok(())
}

/// The sockets systemd's socket activation passed this process, taken for its container:
/// how many (from descriptor 3) and the variables the container gets in place of the caller's
/// (see [`activation`]). The caller's `LISTEN_*` variables are removed either way, so that no
/// process skiff starts takes them for its own.
pub fn take_socket_activation() -> Option<(u32, Vec<String>)> {
    let var = |name: &str| std::env::var(name).ok();
    let found = activation(
        std::process::id(),
        var("LISTEN_PID").as_deref(),
        var("LISTEN_FDS").as_deref(),
        var("LISTEN_FDNAMES").as_deref(),
    );
    for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] {
        // SAFETY: the CLI has no other thread when it parses its command.
        unsafe { std::env::remove_var(name) };
    }
    found
}

/// systemd's protocol (sd_listen_fds(3)): `LISTEN_FDS` sockets from descriptor 3 when
/// `LISTEN_PID` is process `pid`. The container's process gets them with `LISTEN_PID=1` (it is
/// its namespace's first process), `LISTEN_FDS` and, when given, `LISTEN_FDNAMES`. None when
/// the variables are missing, malformed or meant for another process.
pub fn activation(
    pid: u32,
    listen_pid: Option<&str>,
    listen_fds: Option<&str>,
    names: Option<&str>,
) -> Option<(u32, Vec<String>)> {
    if listen_pid?.parse::<u32>().ok()? != pid {
        return None;
    }
    let count: u32 = listen_fds?.parse().ok().filter(|n| *n > 0)?;
    let mut env = vec!["LISTEN_PID=1".to_string(), format!("LISTEN_FDS={count}")];
    if let Some(names) = names {
        env.push(format!("LISTEN_FDNAMES={names}"));
    }
    Some((count, env))
}

#[cfg(test)]
mod tests {
    use super::activation;

    #[test]
    fn only_sockets_meant_for_this_process_are_taken() {
        assert_eq!(
            activation(42, Some("42"), Some("2"), Some("http:https")),
            Some((
                2,
                vec![
                    "LISTEN_PID=1".to_string(),
                    "LISTEN_FDS=2".to_string(),
                    "LISTEN_FDNAMES=http:https".to_string()
                ]
            ))
        );
        assert_eq!(
            activation(42, Some("42"), Some("1"), None).map(|(n, env)| (n, env.len())),
            Some((1, 2))
        );
        for (pid, fds) in [
            (Some("41"), Some("1")),
            (None, Some("1")),
            (Some("42"), None),
            (Some("42"), Some("0")),
            (Some("42"), Some("-1")),
            (Some("x"), Some("1")),
            (Some("42"), Some("one")),
        ] {
            assert_eq!(activation(42, pid, fds, None), None, "{pid:?} {fds:?}");
        }
    }
}
