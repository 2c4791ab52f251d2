//! `network rm` and `network prune`: a network's users go first (a pod's infra container with
//! its pod), then its holder and its row.

use super::holder;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::system::PruneFilter;

impl Engine {
    /// `network rm`: a network with containers on it is refused, naming them, unless `force`,
    /// which removes those containers first. Returns the name.
    pub fn network_remove(&mut self, name_or_id: &str, force: bool) -> Result<String> {
        let net = self.network_get(name_or_id)?;
        if net.predefined {
            return Err(Error::Conflict(format!(
                "{} is a pre-defined network and cannot be removed",
                net.name
            )));
        }
        let users = self.network_members(&net.id)?;
        if !users.is_empty() {
            if !force {
                return Err(Error::Conflict(format!(
                    "network {} is in use by container(s) {}: remove them, disconnect them with `skiff network disconnect`, or use --force",
                    net.name,
                    users
                        .iter()
                        .map(|u| u.container_name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            for u in users {
                // A pod's infra container goes with its pod (members and all), as podman does.
                let pod = crate::pod::rows::infra_of(self.catalog()?.conn(), &u.container_id)?;
                match pod {
                    Some(pod) => self.remove_pod(&pod.id, true, None).map(drop)?,
                    None => self
                        .remove_container(&u.container_id, true, false)
                        .map(drop)?,
                }
            }
        }
        holder::stop(&self.paths().runroot, &net.id);
        self.catalog()?.write(|tx| {
            tx.execute("DELETE FROM networks WHERE id = ?1", [&net.id])?;
            crate::events::record_network(tx, "destroy", &net.id, &net.name, None);
            Ok(())
        })?;
        Ok(net.name)
    }

    /// `network prune`: removes every user-defined network without containers; returns
    /// their names.
    pub fn network_prune(&mut self) -> Result<Vec<String>> {
        self.network_prune_filtered(&PruneFilter::default())
    }

    /// Like [`Engine::network_prune`], only the networks `filter` matches.
    pub fn network_prune_filtered(&mut self, filter: &PruneFilter) -> Result<Vec<String>> {
        let unused: Vec<String> = self
            .catalog()?
            .conn()
            .prepare(
                "SELECT id FROM networks WHERE id NOT IN (SELECT network_id FROM network_members) ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut removed = Vec::new();
        for id in unused {
            let net = self.network_get(&id)?;
            if filter.matches(net.created, &net.labels) {
                removed.push(self.network_remove(&id, false)?);
            }
        }
        Ok(removed)
    }
}
