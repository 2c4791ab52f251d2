//! `generate`: text made from existing objects (systemd units). The renderers are pure
//! ([`systemd`]); this module gathers what they need from the catalog.

pub mod systemd;

use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// The facts a systemd unit for container `name_or_id` is made of, and the command line
    /// that created it (empty when unknown, e.g. from the REST API). `executable` is the skiff
    /// binary the unit runs; the caller fills in the create command's split
    /// ([`systemd::split_create_command`]), which needs the CLI's flag definitions.
    pub fn systemd_facts(
        &mut self,
        name_or_id: &str,
        executable: &str,
    ) -> Result<(systemd::ContainerFacts, Vec<String>)> {
        let rec = self.lookup_container(name_or_id).map_err(|e| match e {
            Error::NotFound { .. } => Error::InvalidArgument(format!(
                "{name_or_id} does not refer to a container or pod: see `skiff ps -a` and \
                 `skiff pod ps`"
            )),
            e => e,
        })?;
        let dir = self.container_dir(&rec.id);
        let facts = systemd::ContainerFacts {
            id: rec.id.clone(),
            name: rec.name.clone(),
            executable: executable.to_string(),
            global_flags: Vec::new(),
            create_options: Vec::new(),
            image_and_command: Vec::new(),
            stop_timeout: rec.config.stop_timeout,
            monitor_pidfile: rec.config.monitor_pidfile.clone().unwrap_or_else(|| {
                crate::container::monitor::pidfile(&dir)
                    .display()
                    .to_string()
            }),
            runroot: self.paths().runroot.display().to_string(),
            header: Vec::new(),
        };
        Ok((facts, rec.config.create_command.clone()))
    }
}
