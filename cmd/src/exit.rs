//! Docker's exit-code conventions, and printing errors the way docker does.

use skiff_libpod::Error;

/// skiff itself failed: bad flags, unknown image, name in use...
pub const ENGINE_ERROR: i32 = 125;
/// The container's command exists but could not be executed.
pub const CANNOT_EXECUTE: i32 = 126;
/// The container's command was not found.
pub const NOT_FOUND: i32 = 127;

/// The exit code for an error that ends a command.
pub fn code_for(err: &anyhow::Error) -> i32 {
    match err.downcast_ref::<Error>() {
        Some(Error::CommandNotFound(_)) => NOT_FOUND,
        Some(Error::CommandNotExecutable(_)) => CANNOT_EXECUTE,
        Some(Error::StepFailed { code, .. }) => *code,
        _ => ENGINE_ERROR,
    }
}

/// The exit status of one failed removal (`rm`, `volume rm`, `network rm`, `pod rm`), as
/// podman documents it (docker exits 1 for each): 1 it does not exist, 2 it is in use or
/// running, 125 anything else.
pub fn removal_code(e: &Error) -> i32 {
    match e {
        Error::NotFound { .. } => 1,
        Error::Conflict(_) => 2,
        _ => ENGINE_ERROR,
    }
}

/// Removes each of `names` with `remove`, printing the line it returns (none: a missing one
/// that `-f`/`-i` passes over) and reporting each failure; the exit status is the worst
/// failure's [`removal_code`] (125 over 2 over 1), 0 when all went.
pub fn remove_each(
    names: &[String],
    mut remove: impl FnMut(&str) -> Result<Option<String>, Error>,
) -> i32 {
    let mut code = 0;
    for name in names {
        match remove(name) {
            Ok(Some(line)) => println!("{line}"),
            Ok(None) => {}
            Err(e) => {
                code = code.max(removal_code(&e));
                report(&anyhow::Error::from(e));
            }
        }
    }
    code
}

/// A damaged catalog (or a full disk) found by a query after it opened arrives as SQLite's
/// bare error: say which file it is and what to do, like the error opening it does.
pub fn name_catalog(err: anyhow::Error, catalog: &std::path::Path) -> anyhow::Error {
    if !matches!(err.downcast_ref::<Error>(), Some(Error::Catalog(_))) {
        return err;
    }
    match err.downcast::<Error>() {
        Ok(e) => e.naming_catalog(catalog).into(),
        Err(err) => err,
    }
}

/// Prints `err` with its causes as `Error: outer: inner`, like docker and podman.
pub fn report(err: &anyhow::Error) {
    eprintln!("Error: {}", chain_text(err));
}

/// `err` and its causes joined by `: `, as anyhow's `{:#}`, but for a cause whose text its
/// parent's already ends with (errors that print their source themselves: `PATH: Permission
/// denied` followed by `Permission denied` again).
pub fn chain_text(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !out.is_empty() && out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_its_parent_printed_is_not_repeated() {
        let io = std::io::Error::from_raw_os_error(libc::EACCES);
        let stored = skiff_libpod::Error::io("/home/u/.local/share/skiff", io);
        let err = anyhow::Error::from(stored).context("pulling busybox");
        assert_eq!(
            chain_text(&err),
            "pulling busybox: /home/u/.local/share/skiff: Permission denied (os error 13)"
        );
        let plain = anyhow::anyhow!("inner").context("outer");
        assert_eq!(chain_text(&plain), "outer: inner");
    }

    #[test]
    fn podmans_removal_statuses() {
        assert_eq!(removal_code(&Error::not_found("container", "x")), 1);
        assert_eq!(removal_code(&Error::Conflict("in use".into())), 2);
        assert_eq!(removal_code(&Error::Runtime("boom".into())), 125);
        let names = ["gone".to_string(), "used".to_string(), "ok".to_string()];
        let code = remove_each(&names, |n| match n {
            "gone" => Err(Error::not_found("volume", n)),
            "used" => Err(Error::Conflict("in use".into())),
            _ => Ok(Some(n.to_string())),
        });
        assert_eq!(code, 2, "the worst failure wins");
    }
}
