//! A transient systemd scope for a rootless container: `StartTransientUnit` on the user's
//! session bus moves the calling process into `skiff-<id>.scope` with `Delegate=yes`, so skiff may
//! create cgroups and write limits below it. An unprivileged process cannot move itself out of
//! its login session's scope (the common ancestor belongs to root); the user's systemd asks the
//! system manager to do it.

use std::time::Duration;

use zbus::zvariant::Value;

/// The scope's unit name for container `id`.
pub fn unit_name(id: &str) -> String {
    format!("skiff-{id}.scope")
}

/// The slice of the user's manager that holds container scopes.
pub const SLICE: &str = "app.slice";

/// A container's scope: what the user's manager is asked to start.
pub struct Scope<'a> {
    /// The container's id (the unit is `skiff-<id>.scope`).
    pub id: &'a str,
    /// The process the scope starts with (the container's monitor).
    pub pid: u32,
    /// The slice that holds the scope.
    pub slice: &'a str,
    /// The container's stop timeout in seconds: how long the manager waits after its SIGTERM
    /// before it kills what is left, when it stops the scope (logout, shutdown).
    pub stop_timeout: u32,
}

/// The unit properties of `scope`.
pub fn properties(scope: &Scope<'_>) -> Vec<(&'static str, Value<'static>)> {
    vec![
        (
            "Description",
            Value::from(format!("skiff container {}", scope.id)),
        ),
        ("Slice", Value::from(scope.slice.to_string())),
        ("PIDs", Value::from(vec![scope.pid])),
        ("Delegate", Value::from(true)),
        // A scope that failed is collected too, so the next start can reuse its name.
        ("CollectMode", Value::from("inactive-or-failed")),
        // Without it a shutdown waits the manager's default (90 s) for a container whose
        // init ignores SIGTERM. Zero would mean "no timeout" to systemd: one microsecond is
        // `stop -t 0`'s immediate kill.
        (
            "TimeoutStopUSec",
            Value::from(
                u64::from(scope.stop_timeout)
                    .saturating_mul(1_000_000)
                    .max(1),
            ),
        ),
    ]
}

/// The session bus socket: a `unix:path=` in `DBUS_SESSION_BUS_ADDRESS`, else systemd's
/// `/run/user/UID/bus`.
pub fn bus_path(address: Option<&str>, uid: u32) -> std::path::PathBuf {
    address
        .into_iter()
        .flat_map(|a| a.split(';'))
        .find_map(|a| {
            a.strip_prefix("unix:")?
                .split(',')
                .find_map(|kv| kv.strip_prefix("path="))
                .map(std::path::PathBuf::from)
        })
        .unwrap_or_else(|| format!("/run/user/{uid}/bus").into())
}

/// The session bus address: `DBUS_SESSION_BUS_ADDRESS` (`address`) as given, else systemd's
/// socket for `uid`.
pub fn bus_address(address: Option<&str>, uid: u32) -> String {
    match address {
        Some(a) if !a.is_empty() => a.to_string(),
        _ => format!("unix:path=/run/user/{uid}/bus"),
    }
}

/// Asks the user's systemd (as host user `uid`, on the bus at `address`) to start `scope`.
/// Returns once the manager accepted the job; the caller waits for the move itself.
pub fn start(address: &str, uid: u32, scope: &Scope<'_>) -> Result<(), String> {
    let conn = connect(address, uid)?;
    let aux: Vec<(&str, Vec<(&str, Value<'_>)>)> = Vec::new();
    conn.call_method(
        Some("org.freedesktop.systemd1"),
        "/org/freedesktop/systemd1",
        Some("org.freedesktop.systemd1.Manager"),
        "StartTransientUnit",
        &(unit_name(scope.id), "fail", properties(scope), aux),
    )
    .map_err(|e| format!("starting {}: {e}", unit_name(scope.id)))?;
    Ok(())
}

/// Connects to the session bus at `address` as host user `uid`.
fn connect(address: &str, uid: u32) -> Result<zbus::blocking::Connection, String> {
    let fail = |e: &dyn std::fmt::Display| format!("session bus {address}: {e}");
    // Inside skiff's user namespace this process is uid 0, while the bus sees the host uid and
    // checks the claimed one against it: claim the host uid.
    zbus::blocking::connection::Builder::address(address)
        .map_err(|e| fail(&e))?
        .user_id(uid)
        .method_timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| fail(&e))
}

/// Asks the user's systemd to move process `pid` into `subcgroup` (such as `/container`) of
/// container `id`'s scope. An unprivileged process cannot move one out of its login session's
/// scope itself; the manager can, for processes of the same user.
pub fn attach(address: &str, uid: u32, id: &str, subcgroup: &str, pid: u32) -> Result<(), String> {
    connect(address, uid)?
        .call_method(
            Some("org.freedesktop.systemd1"),
            "/org/freedesktop/systemd1",
            Some("org.freedesktop.systemd1.Manager"),
            "AttachProcessesToUnit",
            &(unit_name(id), subcgroup, vec![pid]),
        )
        .map_err(|e| format!("moving process {pid} into {}: {e}", unit_name(id)))?;
    Ok(())
}

/// Runs `call` (a bus request) in a short-lived child process: the bus client's I/O threads
/// live and die there, so the caller (the monitor, which must stay single-threaded and small)
/// never runs them.
pub fn in_child(call: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    crate::runtime::forked::in_child(call, |status| {
        format!("the D-Bus helper process ended with {status:?}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn unit_and_properties() {
        assert_eq!(unit_name("abc"), "skiff-abc.scope");
        let scope = |stop_timeout| Scope {
            id: "abc",
            pid: 42,
            slice: "app.slice",
            stop_timeout,
        };
        let p = properties(&scope(10));
        let get = |k: &str| p.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        assert_eq!(get("Delegate"), Some(Value::from(true)));
        assert_eq!(get("Slice"), Some(Value::from("app.slice")));
        let pids = get("PIDs").unwrap();
        assert_eq!(pids.value_signature().to_string(), "au");
        assert_eq!(pids, Value::from(vec![42u32]));
        let timeout = get("TimeoutStopUSec").unwrap();
        assert_eq!(timeout.value_signature().to_string(), "t");
        assert_eq!(timeout, Value::from(10_000_000u64));
        let p = properties(&scope(0));
        let get = |k: &str| p.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        assert_eq!(
            get("TimeoutStopUSec"),
            Some(Value::from(1u64)),
            "0 is no timeout"
        );
    }

    #[test]
    fn bus_socket() {
        assert_eq!(
            bus_path(Some("unix:path=/run/user/1000/bus"), 1000),
            Path::new("/run/user/1000/bus")
        );
        assert_eq!(
            bus_path(Some("unix:guid=x,path=/tmp/b;tcp:host=h"), 7),
            Path::new("/tmp/b")
        );
        assert_eq!(
            bus_path(Some("unix:abstract=/tmp/x"), 7),
            Path::new("/run/user/7/bus")
        );
        assert_eq!(bus_path(None, 7), Path::new("/run/user/7/bus"));
        assert_eq!(bus_address(Some(""), 7), "unix:path=/run/user/7/bus");
        assert_eq!(bus_address(Some("unix:path=/b"), 7), "unix:path=/b");
    }
}
