//! Kubernetes YAML, pure: [`types`] (the serde subset), [`reader`] (multi-document text ->
//! typed documents, errors naming document and field), [`plan`] (documents -> what `kube play`
//! creates) and [`generate`] (a typed pod -> podman-shaped YAML). The engine (libpod) does the
//! I/O on both sides.

pub mod generate;
pub mod plan;
pub mod publish;
pub mod quantity;
pub mod reader;
pub mod types;

#[cfg(test)]
mod tests;

pub use generate::{generate_yaml, GenerateKind};
pub use plan::{
    plan, removal_plan, ContainerPlan, HealthPlan, InitKind, MountPlan, MountSource, PlanError,
    PlayPlan, PodPlan, PortPlan, PullPlan, INIT_TYPE_ANNOTATION,
};
pub use publish::apply_publish;
pub use reader::{read_documents, Document, ReadError};
