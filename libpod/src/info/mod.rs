//! `info` and `version`: what this skiff and its host are, in docker's field names (so
//! `--format '{{.ServerVersion}}'` scripts keep working), with skiff's own additions.

use serde_json::{json, Value};

use crate::container::State;
use crate::engine::Engine;
use crate::error::Result;

mod podman;

/// skiff's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The newest Docker Engine API version skiff answers to (the docker 28 client's; see DESIGN's
/// compatibility references): `skiff version` and the REST service say the same.
pub const API_VERSION: &str = "1.50";
/// The oldest Docker Engine API version the REST service serves.
pub const MIN_API_VERSION: &str = "1.24";

/// The cgroup version mounted at /sys/fs/cgroup: "2" for the unified hierarchy, "1" for v1 or
/// hybrid (where cgroup2 sits beside v1 and has no controllers to give).
fn cgroup_version() -> &'static str {
    if std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists() {
        "2"
    } else {
        "1"
    }
}

fn kernel_version() -> String {
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// A field of /etc/os-release, unquoted ("" when absent).
fn os_release(key: &str) -> String {
    std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
        .map(|v| v.trim_matches('"').to_string())
        .unwrap_or_default()
}

fn os_name() -> String {
    Some(os_release("PRETTY_NAME"))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Linux".into())
}

/// A `/proc/meminfo` value (`MemTotal`, `SwapFree`) in bytes (0 when absent).
fn meminfo(key: &str) -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The host's memory in bytes (`MemTotal` of /proc/meminfo; 0 when unreadable).
pub(crate) fn mem_total() -> u64 {
    meminfo("MemTotal")
}

/// The kernel's machine name (`uname -m`, "x86_64"): docker's `info` shows it, where its
/// `version` shows the image architecture ("amd64").
fn machine() -> String {
    nix::sys::utsname::uname()
        .map(|u| u.machine().to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Go's name of this machine's architecture ("amd64"), as images and `version` name it.
fn architecture() -> String {
    skiff_storage::platform::Platform::host().architecture
}

/// The helper the default network uses, as `info` describes it.
fn network_helper() -> String {
    match crate::containers_conf::default_network_helper() {
        Some(h) => h.name().to_string(),
        None => "slirp4netns (pasta for containers that publish ports)".into(),
    }
}

impl Engine {
    /// docker's `info` document (`docker system info --format '{{json .}}'`'s keys that apply),
    /// plus `Rootless`, `NetworkHelper` and `RunRoot`.
    pub fn info(&mut self) -> Result<Value> {
        let containers = self.list_containers()?;
        let count = |f: &dyn Fn(State) -> bool| containers.iter().filter(|c| f(c.state)).count();
        let running = count(&|s| s == State::Running || s == State::Restarting);
        let paused = count(&|s| s == State::Paused);
        // docker's count: images, not their names (`images -qa | sort -u`).
        let images = self
            .list_images()?
            .into_iter()
            .map(|i| i.id)
            .collect::<std::collections::HashSet<_>>()
            .len();
        let rootless = crate::config::is_rootless();
        let ncpu = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        let name = nix::unistd::gethostname()
            .map(|h| h.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut security = vec!["name=seccomp,profile=builtin".to_string()];
        if rootless {
            security.push("name=rootless".into());
        }
        let mut info = json!({
            "ID": "",
            "Containers": containers.len(),
            "ContainersRunning": running,
            "ContainersPaused": paused,
            "ContainersStopped": containers.len() - running - paused,
            "Images": images,
            "Driver": "overlay",
            "DriverStatus": [["Backing Filesystem", "overlay"], ["Native Overlay Diff", "true"]],
            "LoggingDriver": "k8s-file",
            "CgroupDriver": crate::containers_conf::cgroup_manager(rootless),
            "CgroupVersion": cgroup_version(),
            "KernelVersion": kernel_version(),
            "OperatingSystem": os_name(),
            "OSType": "linux",
            "Architecture": machine(),
            "NCPU": ncpu,
            "MemTotal": mem_total(),
            "DockerRootDir": self.paths().root,
            "RunRoot": self.paths().runroot,
            "Name": name,
            "ServerVersion": VERSION,
            "DefaultRuntime": "skiff",
            "Runtimes": {"skiff": {"path": std::env::current_exe().unwrap_or_default()}},
            "SecurityOptions": security,
            "Rootless": rootless,
            "NetworkHelper": network_helper(),
        });
        if let (Some(info), Value::Object(more)) = (info.as_object_mut(), docker_fields()) {
            info.extend(more);
        }
        Ok(info)
    }
}

/// The rest of docker's `info` keys, with what holds for skiff: no swarm, no engine plugins,
/// the limits this host enforces and docker's warnings for the others.
fn docker_fields() -> Value {
    let limits = LimitSupport::probe();
    json!({
        "Plugins": {
            "Volume": ["local"],
            "Network": ["bridge", "host", "none"],
            "Authorization": null,
            "Log": LOG_DRIVERS,
        },
        "MemoryLimit": limits.memory,
        "SwapLimit": limits.memory,
        "KernelMemory": false,
        "KernelMemoryTCP": false,
        "CpuCfsPeriod": limits.cpu,
        "CpuCfsQuota": limits.cpu,
        "CPUShares": limits.cpu,
        "CPUSet": limits.cpuset,
        "PidsLimit": limits.pids,
        "OomKillDisable": false,
        "IPv4Forwarding": read_trimmed("/proc/sys/net/ipv4/ip_forward") == "1",
        "BridgeNfIptables": false,
        "BridgeNfIp6tables": false,
        "Debug": false,
        "NFd": std::fs::read_dir("/proc/self/fd").map_or(0, Iterator::count),
        "NGoroutines": threads(),
        "SystemTime": crate::container::time::rfc3339_nanos(crate::container::time::now_ns()),
        "NEventsListener": 0,
        "OSVersion": os_release("VERSION_ID"),
        "IndexServerAddress": "https://index.docker.io/v1/",
        "RegistryConfig": {
            "AllowNondistributableArtifactsCIDRs": [],
            "AllowNondistributableArtifactsHostnames": [],
            "InsecureRegistryCIDRs": ["127.0.0.0/8", "::1/128"],
            "IndexConfigs": {"docker.io": {
                "Name": "docker.io", "Mirrors": [], "Secure": true, "Official": true,
            }},
            "Mirrors": [],
        },
        "GenericResources": null,
        "HttpProxy": proxy("HTTP_PROXY"),
        "HttpsProxy": proxy("HTTPS_PROXY"),
        "NoProxy": proxy("NO_PROXY"),
        "ExperimentalBuild": false,
        // Containers outlive any skiff process: nothing stops them when a command or the
        // service ends, which is what docker's live restore gives.
        "LiveRestoreEnabled": true,
        "Isolation": "",
        "InitBinary": "skiff-init",
        "ContainerdCommit": {"ID": "", "Expected": ""},
        "RuncCommit": {"ID": "", "Expected": ""},
        "InitCommit": {"ID": "", "Expected": ""},
        "Labels": [],
        "Swarm": {
            "NodeID": "", "NodeAddr": "", "LocalNodeState": "inactive",
            "ControlAvailable": false, "Error": "", "RemoteManagers": null,
        },
        "Warnings": limits.warnings(),
    })
}

/// The log drivers `--log-driver` takes.
const LOG_DRIVERS: [&str; 3] = ["json-file", "k8s-file", "none"];

/// Which resource limits containers get here: cgroup v2 with the controller delegated (to
/// the user's systemd manager when rootless).
struct LimitSupport {
    memory: bool,
    cpu: bool,
    cpuset: bool,
    pids: bool,
}

impl LimitSupport {
    /// Reads which controllers are delegated, once.
    fn probe() -> LimitSupport {
        let available = crate::runtime::cgroups::delegated_controllers();
        let has = |c: &str| available.iter().any(|a| a == c);
        LimitSupport {
            memory: has("memory"),
            cpu: has("cpu"),
            cpuset: has("cpuset"),
            pids: has("pids"),
        }
    }

    /// docker's warnings for the limits this host does not enforce.
    fn warnings(&self) -> Vec<&'static str> {
        let mut w = Vec::new();
        if !self.memory {
            w.extend([
                "WARNING: No memory limit support",
                "WARNING: No swap limit support",
            ]);
        }
        if !self.cpu {
            w.extend([
                "WARNING: No cpu cfs quota support",
                "WARNING: No cpu cfs period support",
                "WARNING: No cpu shares support",
            ]);
        }
        if !self.cpuset {
            w.push("WARNING: No cpuset support");
        }
        if !self.pids {
            w.push("WARNING: No pids limit support");
        }
        w
    }
}

/// A file's content without surrounding white space ("" when unreadable).
fn read_trimmed(path: &str) -> String {
    std::fs::read_to_string(path)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// How many threads this process runs (docker counts its goroutines there).
fn threads() -> u64 {
    read_trimmed("/proc/self/status")
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}

/// A proxy variable of this process's environment, upper or lower case.
fn proxy(name: &str) -> String {
    std::env::var(name)
        .or_else(|_| std::env::var(name.to_ascii_lowercase()))
        .unwrap_or_default()
}

/// docker's `version` document: the Client and Server sections, both skiff here, with every
/// key docker's has (a template reading `{{.Server.GitCommit}}` or `{{.Client.GoVersion}}`
/// prints "", not a missing key's error: skiff records no commit, build time or Go version).
pub fn version() -> Value {
    let os_arch = format!("linux/{}", architecture());
    json!({
        "Client": {
            "Platform": {"Name": "skiff"},
            "Version": VERSION,
            "ApiVersion": API_VERSION,
            "DefaultAPIVersion": API_VERSION,
            "GitCommit": "",
            "GoVersion": "",
            "Os": "linux",
            "Arch": architecture(),
            "OsArch": os_arch,
            "BuildTime": "",
            "Context": "default",
        },
        "Server": server_version(API_VERSION, MIN_API_VERSION),
    })
}

/// The Server section of [`version`] for the API range `min..=max` (docker's `GET /version`).
pub fn server_version(max: &str, min: &str) -> Value {
    let kernel = kernel_version();
    json!({
        "Platform": {"Name": "skiff"},
        "Version": VERSION,
        "ApiVersion": max,
        "MinAPIVersion": min,
        "GitCommit": "",
        "GoVersion": "",
        "Os": "linux",
        "Arch": architecture(),
        "KernelVersion": kernel,
        "BuildTime": "",
        "Components": [{
            "Name": "Engine",
            "Version": VERSION,
            "Details": {
                "ApiVersion": max,
                "MinAPIVersion": min,
                "Os": "linux",
                "Arch": architecture(),
                "KernelVersion": kernel,
                "Experimental": "false",
                "GitCommit": "",
                "GoVersion": "",
                "BuildTime": "",
            },
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_has_dockers_sections() {
        let v = version();
        assert_eq!(v["Client"]["Version"], VERSION);
        assert_eq!(v["Server"]["ApiVersion"], API_VERSION);
        assert!(v["Client"]["OsArch"]
            .as_str()
            .unwrap()
            .starts_with("linux/"));
    }
}
