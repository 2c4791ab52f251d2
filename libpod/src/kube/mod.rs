//! `kube generate|play|down`: the engine's side of Kubernetes YAML. The YAML itself (reading,
//! the play plan, writing) is pure and lives in `skiff_kube::k8s`; these modules build the typed
//! model from stored containers ([`generate`]) and execute a plan through the engine's typed
//! entry points ([`play`], [`down`]).

pub mod down;
pub mod generate;
pub mod play;

pub use skiff_kube::k8s::{
    apply_publish, generate_yaml, plan, read_documents, removal_plan, Document, GenerateKind,
    PlayPlan, PodPlan, PullPlan, ReadError,
};

use std::path::PathBuf;

use crate::engine::Engine;

impl Engine {
    /// Where `kube play` writes a pod's ConfigMap files (one directory per pod volume).
    fn kube_files_dir(&self, pod: &str) -> PathBuf {
        self.paths().root.join("kube").join(pod)
    }

    /// Makes [`Engine::kube_files_dir`] of `pod`, only its owner's: a Secret's files are in
    /// it (a container sees only the volume directory it mounts, not this one).
    fn make_kube_files_dir(&self, pod: &str) -> crate::error::Result<()> {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        let dir = self.kube_files_dir(pod);
        let failed = |e: std::io::Error| {
            crate::error::Error::Runtime(format!("creating {}: {e}", dir.display()))
        };
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(failed)?;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).map_err(failed)
    }

    /// The directory of pod `pod`'s `emptyDir` volume `name`, which its containers share
    /// (with the pod's other files, removed by `kube down`; `_` keeps it apart from the
    /// ConfigMap volumes' directories, whose names are DNS labels).
    fn kube_empty_dir(&self, pod: &str, name: &str) -> PathBuf {
        self.kube_empty_dirs(pod).join(name)
    }

    /// Where pod `pod`'s `emptyDir` volumes are (see [`Engine::kube_empty_dir`]).
    fn kube_empty_dirs(&self, pod: &str) -> PathBuf {
        self.kube_files_dir(pod).join("_emptydir")
    }
}
