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
    eprintln!("Error: {err:#}");
}
