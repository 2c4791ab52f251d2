//! Docker's inspect schema, as far as templates see it: which keys its Go structs type as maps
//! or slices, which pointer fields its JSON omits, and what counts as a struct. `inspect -f`
//! runs on the typed structs, so these decide what a missing or null key prints.

use serde_json::Value;

/// Keys docker types as maps (`map[string]…`): their missing entries are `<no value>` and a
/// null one is an empty map, also under `missingkey=error`.
pub(super) const MAP_FIELDS: &[&str] = &[
    "PortBindings",
    "Labels",
    "Options",
    "Data",
    "Networks",
    "Ports",
    "ExposedPorts",
    "Volumes",
    "DriverOpts",
    "Sysctls",
    "StorageOpt",
    "Tmpfs",
    "Annotations",
    "Status",
];

/// Keys docker types as slices: JSON null there is a nil slice, which Go prints as `[]`.
pub(super) const NIL_SLICE_FIELDS: &[&str] = &[
    "Entrypoint",
    "Cmd",
    "Env",
    "Shell",
    "OnBuild",
    "Args",
    "Binds",
    "Links",
    "ExtraHosts",
    "VolumesFrom",
    "CapAdd",
    "CapDrop",
    "GroupAdd",
    "SecurityOpt",
    "Dns",
    "DnsOptions",
    "DnsSearch",
    "Devices",
    "DeviceCgroupRules",
    "DeviceRequests",
    "Ulimits",
    "Mounts",
    "ExecIDs",
    "Aliases",
    "DNSNames",
    "RepoTags",
    "RepoDigests",
    "Layers",
];

/// Pointer fields of docker's inspect structs that its JSON omits when nil (`omitempty`): the
/// typed template sees them, so `{{.SizeRw}}` without `-s` prints `<nil>`, not an error.
pub(super) const OMITTED_FIELDS: &[&str] = &[
    "SizeRw",
    "SizeRootFs",
    "Health",
    "Node",
    "Healthcheck",
    "StopTimeout",
];

/// String fields of docker's inspect structs that its JSON omits when empty: a template sees
/// "" (`{{.Config.StopSignal}}` of an image without one, an image's `{{.Variant}}`).
pub(super) const OMITTED_STRINGS: &[&str] = &["StopSignal", "MacAddress", "Variant", "OsVersion"];

/// Boolean fields of docker's inspect structs that its JSON omits when false.
pub(super) const OMITTED_BOOLS: &[&str] = &["ArgsEscaped", "NetworkDisabled"];

/// Whether `m`, reached through the key `via`, stands for one of docker's structs: not under a
/// [`MAP_FIELDS`] key, not empty, and every key an exported Go identifier (`Running`, not
/// `com.example` or `bridge`).
pub(super) fn is_struct_like(m: &serde_json::Map<String, Value>, via: Option<&str>) -> bool {
    !via.is_some_and(|k| MAP_FIELDS.contains(&k))
        && !m.is_empty()
        && m.keys()
            .all(|k| k.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}
