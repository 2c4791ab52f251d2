//! The podman side of `info --format`: podman's template names (`{{.Host.Arch}}`,
//! `{{.Store.GraphRoot}}`, `{{.Host.Security.Rootless}}`, `{{.Version.APIVersion}}`), beside
//! docker's, so scripts written for either keep working.

use serde_json::{json, Value};

use super::{architecture, kernel_version, mem_total, meminfo, os_release, API_VERSION, VERSION};
use crate::engine::Engine;
use crate::runtime::spec::IdRange;

/// How long the host has been up, as podman says it ("26h 3m 1.5s").
fn uptime() -> String {
    let secs: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    let whole = secs as u64;
    format!(
        "{}h {}m {:.2}s",
        whole / 3600,
        whole / 60 % 60,
        secs - (whole - whole % 60) as f64
    )
}

/// podman's `IDMappings` entries (`container_id`, `host_id`, `size`).
fn id_mappings(ranges: &[IdRange]) -> Value {
    ranges
        .iter()
        .map(|r| json!({"container_id": r.container, "host_id": r.host, "size": r.size}))
        .collect()
}

/// podman's `GraphStatus` (an object) of docker's `DriverStatus` (a list of pairs).
fn graph_status(driver_status: &Value) -> Value {
    let pairs = driver_status.as_array().into_iter().flatten();
    let entry = |p: &Value| Some((p[0].as_str()?.to_string(), p[1].clone()));
    Value::Object(pairs.filter_map(entry).collect())
}

/// A network helper as podman describes it (`Executable`: the program skiff would run, ""
/// when it is not installed; `Package`, `Version`).
fn helper(helper: skiff_network::Helper) -> Value {
    let path = skiff_network::helper::program_path(helper);
    json!({"Executable": path.map(|p| p.display().to_string()).unwrap_or_default(), "Package": "", "Version": ""})
}

impl Engine {
    /// podman's `info` sections under its template names (`Host`, `Store`, `Registries`,
    /// `Version`), filled from `docker`, this engine's docker `info` document, and the host.
    pub fn podman_info(&self, docker: &Value) -> Value {
        let rootless = crate::config::is_rootless();
        let maps = if rootless {
            crate::runtime::userns::planned_id_map()
        } else {
            Default::default()
        };
        let cgroups = if docker["CgroupVersion"] == "2" {
            "v2"
        } else {
            "v1"
        };
        let exe = std::env::current_exe().unwrap_or_default();
        let socket = crate::config::service_socket();
        let search = skiff_storage::registries::RegistriesConf::load()
            .map(|c| c.unqualified_search)
            .unwrap_or_default();
        let paths = self.paths();
        json!({
            "Host": {
                "Arch": architecture(),
                "BuildahVersion": "",
                "CgroupManager": docker["CgroupDriver"],
                "CgroupsVersion": cgroups,
                "CgroupControllers": crate::runtime::cgroups::delegated_controllers(),
                "Conmon": {"Package": "", "Path": exe, "Version": VERSION},
                "CPUs": docker["NCPU"],
                "CPUUtilization": null,
                "DatabaseBackend": "sqlite",
                "Distribution": {
                    "Distribution": os_release("ID"),
                    "Version": os_release("VERSION_ID"),
                    "Codename": os_release("VERSION_CODENAME"),
                },
                "EventLogger": "file",
                "FreeLocks": null,
                "Hostname": docker["Name"],
                "IDMappings": {"GIDMap": id_mappings(&maps.gids), "UIDMap": id_mappings(&maps.uids)},
                "Kernel": kernel_version(),
                "LogDriver": docker["LoggingDriver"],
                "MemFree": meminfo("MemAvailable"),
                "MemTotal": mem_total(),
                "NetworkBackend": "skiff",
                "NetworkBackendInfo": {"Backend": "skiff", "Package": "", "Path": exe, "Version": VERSION},
                "OCIRuntime": {"Name": "skiff", "Package": "", "Path": exe, "Version": VERSION},
                "OS": "linux",
                "Pasta": helper(skiff_network::Helper::Pasta),
                "RemoteSocket": {"Path": socket.display().to_string(), "Exists": socket.exists()},
                "Security": {
                    "ApparmorEnabled": false,
                    "Capabilities": crate::runtime::caps::default_capabilities().join(","),
                    "Rootless": rootless,
                    "SECCOMPEnabled": true,
                    "SECCOMPProfilePath": "",
                    "SELinuxEnabled": false,
                },
                "ServiceIsRemote": false,
                "Slirp4NetNS": helper(skiff_network::Helper::Slirp4netns),
                "SwapFree": meminfo("SwapFree"),
                "SwapTotal": meminfo("SwapTotal"),
                "Uptime": uptime(),
                "Variant": "",
            },
            "Store": {
                "ConfigFile": "",
                "ContainerStore": {
                    "Number": docker["Containers"],
                    "Paused": docker["ContainersPaused"],
                    "Running": docker["ContainersRunning"],
                    "Stopped": docker["ContainersStopped"],
                },
                "GraphDriverName": docker["Driver"],
                "GraphOptions": {},
                "GraphRoot": paths.root,
                "GraphStatus": graph_status(&docker["DriverStatus"]),
                "ImageCopyTmpDir": std::env::temp_dir(),
                "ImageStore": {"Number": docker["Images"]},
                "RunRoot": paths.runroot,
                "TransientStore": false,
                "VolumePath": paths.volumes(),
            },
            "Registries": {"search": search},
            "Version": {
                "APIVersion": API_VERSION,
                "Version": VERSION,
                "GoVersion": "",
                "GitCommit": "",
                "BuiltTime": "",
                "Built": 0,
                "OsArch": format!("linux/{}", architecture()),
                "Os": "linux",
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_mappings_use_podmans_keys() {
        let v = id_mappings(&[IdRange::new(0, 1000, 1), IdRange::new(1, 100000, 65536)]);
        assert_eq!(
            v,
            json!([
                {"container_id": 0, "host_id": 1000, "size": 1},
                {"container_id": 1, "host_id": 100000, "size": 65536},
            ])
        );
    }

    #[test]
    fn uptime_reads_as_hours_minutes_seconds() {
        let u = uptime();
        let parts: Vec<&str> = u.split(' ').collect();
        assert_eq!(parts.len(), 3, "{u}");
        assert!(parts[0].ends_with('h') && parts[1].ends_with('m') && parts[2].ends_with('s'));
    }
}
