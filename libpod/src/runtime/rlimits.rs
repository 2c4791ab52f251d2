//! `--ulimit`: docker's limit names and their application with `setrlimit(2)`.

use super::spec::Rlimit;
use super::sys::Process;

/// The resource number for docker's name (`nofile`) or the kernel's (`RLIMIT_NOFILE`).
pub fn resource(kind: &str) -> Option<libc::__rlimit_resource_t> {
    let k = kind.to_ascii_lowercase();
    let k = k.strip_prefix("rlimit_").unwrap_or(&k);
    Some(match k {
        "core" => libc::RLIMIT_CORE,
        "cpu" => libc::RLIMIT_CPU,
        "data" => libc::RLIMIT_DATA,
        "fsize" => libc::RLIMIT_FSIZE,
        "locks" => libc::RLIMIT_LOCKS,
        "memlock" => libc::RLIMIT_MEMLOCK,
        "msgqueue" => libc::RLIMIT_MSGQUEUE,
        "nice" => libc::RLIMIT_NICE,
        "nofile" => libc::RLIMIT_NOFILE,
        "nproc" => libc::RLIMIT_NPROC,
        "rss" => libc::RLIMIT_RSS,
        "rtprio" => libc::RLIMIT_RTPRIO,
        "rttime" => libc::RLIMIT_RTTIME,
        "sigpending" => libc::RLIMIT_SIGPENDING,
        "stack" => libc::RLIMIT_STACK,
        "as" => libc::RLIMIT_AS,
        _ => return None,
    })
}

/// Checks a `--ulimit` entry (name known, soft <= hard).
pub fn validate(r: &Rlimit) -> Result<(), String> {
    if resource(&r.kind).is_none() {
        return Err(format!(
            "invalid ulimit type {:?}: use nofile, nproc, core, memlock, stack, ...",
            r.kind
        ));
    }
    if r.soft > r.hard {
        return Err(format!(
            "ulimit {}: soft limit {} is above hard limit {}",
            r.kind, r.soft, r.hard
        ));
    }
    Ok(())
}

/// Applies the container's limits: docker's default `nofile` of 1048576 (capped at the hard
/// limit we may raise to), then every requested limit.
pub(crate) fn apply<S: Process>(sys: &S, limits: &[Rlimit]) -> Result<(), String> {
    if !limits
        .iter()
        .any(|l| resource(&l.kind) == Some(libc::RLIMIT_NOFILE))
    {
        let want = 1_048_576u64;
        if sys.setrlimit(libc::RLIMIT_NOFILE, want, want).is_err() {
            let (_, hard) = sys.getrlimit(libc::RLIMIT_NOFILE);
            let _ = sys.setrlimit(libc::RLIMIT_NOFILE, hard.min(want), hard);
        }
    }
    for l in limits {
        validate(l)?;
        let res = resource(&l.kind).expect("validated above");
        sys.setrlimit(res, l.soft, l.hard).map_err(|e| {
            format!(
                "setting ulimit {}={}:{}: {e} (an unprivileged user cannot raise a hard limit above its own, {})",
                l.kind,
                l.soft,
                l.hard,
                sys.getrlimit(res).1
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(resource("nofile"), Some(libc::RLIMIT_NOFILE));
        assert_eq!(resource("RLIMIT_NPROC"), Some(libc::RLIMIT_NPROC));
        assert_eq!(resource("bogus"), None);
        assert!(validate(&Rlimit {
            kind: "nofile".into(),
            soft: 10,
            hard: 5
        })
        .is_err());
    }
}
