//! Pure translators of declarative workload files for skiff: text in, text or typed plans out;
//! no I/O.
//!
//! [`quadlet`] turns Quadlet files (`NAME.container`, `.volume`, `.network`, `.image`) into
//! systemd service units that run skiff, as podman's Quadlet generator does. [`k8s`] reads
//! Kubernetes YAML into a play plan and writes YAML from a typed pod (`kube play|generate`).

pub mod k8s;
pub mod quadlet;
