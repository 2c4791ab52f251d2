//! podman's `auto-update`: containers labelled `io.containers.autoupdate=registry` (or its old
//! name `image`) or `=local`, run by a systemd unit that created them (the unit's name is in
//! the `PODMAN_SYSTEMD_UNIT` label, set at create time from the unit's environment), are
//! brought to a newer image by restarting that unit: `registry` when the registry's digest
//! for the container's image name differs from the image it runs (the new image is pulled
//! first), `local` when the name now stands for another stored image. With rollback, a unit
//! that fails to restart on the new image gets the old one back under the name and is
//! restarted again.

use std::collections::BTreeMap;
use std::process::Command;

use crate::container::State;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::manifest::remote::RemoteManifest;
use crate::image::pull::{NoProgress, PullRequest};

/// The label that asks for updates, and its policy.
pub const POLICY_LABEL: &str = "io.containers.autoupdate";
/// The label holding the name of the systemd unit that runs the container.
pub const UNIT_LABEL: &str = "PODMAN_SYSTEMD_UNIT";

/// How [`Engine::auto_update`] runs.
#[derive(Debug, Clone, Default)]
pub struct AutoUpdateOptions {
    /// Only report what would be updated (`pending`); nothing is pulled or restarted.
    pub dry_run: bool,
    /// Give a unit that failed to restart its old image back (podman's default).
    pub rollback: bool,
    /// `--tls-verify` for the registry checks and pulls.
    pub tls_verify: Option<bool>,
}

/// One container's outcome, podman's report row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateReport {
    /// The systemd unit that runs the container.
    pub unit: String,
    /// `ID (name)`, the short id.
    pub container: String,
    /// The container's name.
    pub container_name: String,
    /// The container's full id.
    #[serde(rename = "ContainerID")]
    pub container_id: String,
    /// The image name the container was created from.
    pub image: String,
    /// `registry` or `local`.
    pub policy: String,
    /// `true`, `false`, `pending` (dry run), `failed` or `rolled back`.
    pub updated: String,
}

/// The update policy a label value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Policy {
    Registry,
    Local,
}

impl Policy {
    fn parse(value: &str) -> Option<Policy> {
        match value {
            "registry" | "image" => Some(Policy::Registry),
            "local" => Some(Policy::Local),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Policy::Registry => "registry",
            Policy::Local => "local",
        }
    }
}

/// What became of a container (podman's UPDATED column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Its image is the newest.
    Unchanged,
    /// A dry run found a newer image.
    Pending,
    /// Its unit runs it on the newer image.
    Updated,
    /// Its unit failed on the newer image and runs the old one again.
    RolledBack,
    /// Its unit failed to restart.
    Failed,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Unchanged => "false",
            Outcome::Pending => "pending",
            Outcome::Updated => "true",
            Outcome::RolledBack => "rolled back",
            Outcome::Failed => "failed",
        }
    }
}

/// A running container that asked for updates.
struct Candidate {
    id: String,
    name: String,
    image: String,
    image_id: String,
    policy: Policy,
    unit: String,
}

impl Engine {
    /// Checks (and unless `dry_run`, updates) every running container with an update policy.
    /// Returns a row for each container it could check and the errors of those it could not
    /// (an unknown policy, no unit label, an unreachable registry...).
    pub fn auto_update(
        &mut self,
        opts: &AutoUpdateOptions,
    ) -> Result<(Vec<UpdateReport>, Vec<Error>)> {
        let mut errors = Vec::new();
        let mut candidates = Vec::new();
        for rec in self.list_containers()? {
            let Some(value) = rec.config.labels.get(POLICY_LABEL) else {
                continue;
            };
            if rec.state != State::Running || value == "disabled" || value.is_empty() {
                continue;
            }
            let what = format!("auto-updating container {:?}", rec.name);
            let Some(policy) = Policy::parse(value) else {
                errors.push(Error::InvalidArgument(format!(
                    "{what}: unknown {POLICY_LABEL} policy {value:?}: use registry or local"
                )));
                continue;
            };
            let Some(unit) = rec.config.labels.get(UNIT_LABEL).filter(|u| !u.is_empty()) else {
                errors.push(Error::InvalidArgument(format!(
                    "{what}: no {UNIT_LABEL} label: run it from a unit of `skiff generate systemd --new` or a Quadlet file"
                )));
                continue;
            };
            let image = rec.config.image.clone();
            if policy == Policy::Registry && skiff_storage::reference::is_short_name(&image) {
                errors.push(Error::InvalidArgument(format!(
                    "{what}: the registry policy needs a fully qualified image name (REGISTRY/REPOSITORY:TAG), not {image:?}"
                )));
                continue;
            }
            candidates.push(Candidate {
                id: rec.id.clone(),
                name: rec.name.clone(),
                image_id: rec.image_id.clone().unwrap_or_default(),
                image,
                policy,
                unit: unit.clone(),
            });
        }
        // A unit is restarted once, whichever of its containers needed it.
        let mut unit_outcome: BTreeMap<String, Outcome> = BTreeMap::new();
        let mut reports = Vec::new();
        for c in &candidates {
            let outcome = match unit_outcome.get(&c.unit) {
                Some(&done) if done != Outcome::Unchanged => done,
                _ => match self.update_one(c, opts) {
                    Ok(outcome) => outcome,
                    Err(e) => {
                        errors.push(Error::Runtime(format!(
                            "auto-updating container {:?}: {e}",
                            c.name
                        )));
                        continue;
                    }
                },
            };
            unit_outcome.insert(c.unit.clone(), outcome);
            reports.push(UpdateReport {
                unit: c.unit.clone(),
                container: format!("{} ({})", &c.id[..12.min(c.id.len())], c.name),
                container_name: c.name.clone(),
                container_id: c.id.clone(),
                image: c.image.clone(),
                policy: c.policy.as_str().to_string(),
                updated: outcome.as_str().to_string(),
            });
        }
        Ok((reports, errors))
    }

    /// Checks one container and updates its unit when its image changed.
    fn update_one(&mut self, c: &Candidate, opts: &AutoUpdateOptions) -> Result<Outcome> {
        let newer = match c.policy {
            Policy::Registry => self.registry_has_newer(c, opts)?,
            Policy::Local => self.resolve_image(&c.image)?.id != c.image_id,
        };
        if !newer {
            return Ok(Outcome::Unchanged);
        }
        if opts.dry_run {
            return Ok(Outcome::Pending);
        }
        if c.policy == Policy::Registry {
            let req = PullRequest {
                tls_verify: opts.tls_verify,
                ..PullRequest::default()
            };
            self.pull(&c.image, &req, &NoProgress)?;
        }
        if restart_unit(&c.unit).is_ok() {
            return Ok(Outcome::Updated);
        }
        if !opts.rollback || c.image_id.is_empty() {
            return Ok(Outcome::Failed);
        }
        // The old image gets the name back, and the unit another start with it.
        self.tag(&c.image_id, &c.image)?;
        Ok(match restart_unit(&c.unit) {
            Ok(()) => Outcome::RolledBack,
            Err(_) => Outcome::Failed,
        })
    }

    /// True when the registry's manifest for the container's image name is not the one the
    /// container's image was pulled as.
    fn registry_has_newer(&mut self, c: &Candidate, opts: &AutoUpdateOptions) -> Result<bool> {
        let remote = RemoteManifest::fetch(&c.image, opts.tls_verify, &Default::default())?;
        let remote = remote.digest.to_string();
        let local = self.resolve_image(&c.image_id)?;
        let known = local.manifest_digest.as_deref() == Some(remote.as_str())
            || local.digests.iter().any(|d| {
                d.rsplit_once('@')
                    .is_some_and(|(_, digest)| digest == remote)
            });
        Ok(!known)
    }
}

/// `systemctl [--user] restart UNIT`: the user's manager when rootless. systemctl waits for
/// the start job, so a unit that does not come up again is an error.
fn restart_unit(unit: &str) -> Result<()> {
    let mut cmd = Command::new("systemctl");
    if crate::config::is_rootless() {
        cmd.arg("--user");
    }
    let out = cmd
        .args(["restart", "--", unit])
        .output()
        .map_err(|e| Error::Runtime(format!("running systemctl to restart {unit}: {e}")))?;
    if out.status.success() {
        return Ok(());
    }
    Err(Error::Runtime(format!(
        "restarting {unit}: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_by_label_value() {
        assert_eq!(Policy::parse("registry"), Some(Policy::Registry));
        assert_eq!(Policy::parse("image"), Some(Policy::Registry));
        assert_eq!(Policy::parse("local"), Some(Policy::Local));
        assert_eq!(Policy::parse("weekly"), None);
    }

    #[test]
    fn a_report_serializes_with_podman_s_keys() {
        let r = UpdateReport {
            unit: "u.service".into(),
            container: "0123456789ab (web)".into(),
            container_name: "web".into(),
            container_id: "0123456789abcdef".into(),
            image: "r.io/a:1".into(),
            policy: "local".into(),
            updated: "pending".into(),
        };
        let v = serde_json::to_value(&r).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "Container",
                "ContainerID",
                "ContainerName",
                "Image",
                "Policy",
                "Unit",
                "Updated"
            ]
        );
    }
}
