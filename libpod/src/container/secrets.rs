//! A container's `--secret`s: resolved and copied into its directory when it is created
//! (`userdata/secrets/ID`, as podman copies them), given to it when it starts: a read-only bind
//! of the copy, owned as `uid=`/`gid=` ask with `mode=`, or an environment variable.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::config::{ContainerConfig, ContainerSecret};
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::runtime::spec::{IdRange, MountKind, MountSpec, RuntimeSpec};
use crate::secret::options::{SecretKind, SecretOption};

/// Where the copies of a container's secrets are, in its directory `dir`.
fn copies_dir(dir: &Path) -> PathBuf {
    dir.join("userdata").join("secrets")
}

/// The copy of secret `id` in the container directory `dir`.
fn copy_path(dir: &Path, id: &str) -> PathBuf {
    copies_dir(dir).join(id)
}

impl Engine {
    /// Resolves `--secret` values `specs` into `config.secrets`; returns each one's data for
    /// [`copy_secrets`].
    pub(crate) fn resolve_secrets(
        &mut self,
        specs: &[String],
        config: &mut ContainerConfig,
    ) -> Result<Vec<(ContainerSecret, Vec<u8>)>> {
        let mut out = Vec::new();
        for spec in specs {
            let opt = SecretOption::parse(spec).map_err(Error::InvalidArgument)?;
            let rec = self.secret_get(&opt.source)?;
            let target = match opt.kind {
                SecretKind::Mount => opt.mount_path(&rec.name),
                SecretKind::Env => opt.env_name(&rec.name),
            };
            if config
                .secrets
                .iter()
                .any(|s| s.kind == opt.kind && s.target == target)
            {
                return Err(Error::InvalidArgument(format!(
                    "--secret {spec}: another secret has the target {target}: give one a target= of its own"
                )));
            }
            let secret = ContainerSecret {
                name: rec.name.clone(),
                id: rec.id.clone(),
                kind: opt.kind,
                target,
                uid: opt.uid,
                gid: opt.gid,
                mode: opt.mode,
            };
            config.secrets.push(secret.clone());
            out.push((secret, self.secret_data(&rec)?));
        }
        Ok(out)
    }
}

/// Writes the copies of a new container's secrets into its directory `dir` (mode 0600: only
/// the engine reads them; the start gives a mounted one its owner and mode).
pub(crate) fn copy_secrets(dir: &Path, secrets: &[(ContainerSecret, Vec<u8>)]) -> Result<()> {
    if secrets.is_empty() {
        return Ok(());
    }
    let copies = copies_dir(dir);
    std::fs::create_dir_all(&copies).at(&copies)?;
    std::fs::set_permissions(&copies, std::fs::Permissions::from_mode(0o700)).at(&copies)?;
    for (secret, data) in secrets {
        let path = copy_path(dir, &secret.id);
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&path)
            .and_then(|mut f| f.write_all(data))
            .at(&path)?;
    }
    Ok(())
}

/// The id `id` of the container's own user namespace (`map`), as the caller's namespace sees
/// it; `id` itself without such a namespace.
fn outside(map: Option<&[IdRange]>, id: u32) -> u32 {
    map.and_then(|m| crate::runtime::idshift::map_id(m, id))
        .unwrap_or(id)
}

/// Gives container `spec` (whose directory is `dir`) its secrets: each mounted one's copy gets
/// its owner and mode and a read-only bind at its target, after every other mount; each env
/// one sets its variable. Runs where the container starts (in its user namespace).
pub(crate) fn apply_secrets(
    spec: &mut RuntimeSpec,
    dir: &Path,
    config: &ContainerConfig,
) -> Result<()> {
    for secret in &config.secrets {
        let path = copy_path(dir, &secret.id);
        match secret.kind {
            SecretKind::Mount => {
                let (uids, gids) = match &spec.userns {
                    Some(m) => (Some(&m.uids[..]), Some(&m.gids[..])),
                    None => (None, None),
                };
                let (uid, gid) = (outside(uids, secret.uid), outside(gids, secret.gid));
                std::os::unix::fs::chown(&path, Some(uid), Some(gid)).at(&path)?;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(secret.mode))
                    .at(&path)?;
                spec.mounts.push(MountSpec {
                    destination: secret.target.clone(),
                    kind: MountKind::Bind,
                    source: path,
                    options: ["ro", "nosuid", "nodev", "noexec"]
                        .map(String::from)
                        .to_vec(),
                });
            }
            SecretKind::Env => {}
        }
    }
    spec.process.env = super::options::merge_env(&spec.process.env, &secret_env(dir, config)?);
    Ok(())
}

/// The `type=env` secrets of a container configured as `config`, whose copies are in its
/// directory `dir`, as `NAME=VALUE` entries: its first process has them, and so do its `exec`
/// processes and healthchecks, as podman's.
pub(crate) fn secret_env(dir: &Path, config: &ContainerConfig) -> Result<Vec<String>> {
    let mut env = Vec::new();
    for secret in config.secrets.iter().filter(|s| s.kind == SecretKind::Env) {
        let path = copy_path(dir, &secret.id);
        let data = std::fs::read(&path).at(&path)?;
        let value = String::from_utf8(data).map_err(|_| {
            Error::InvalidArgument(format!(
                "secret {} is not text: give it as a file (type=mount) instead of a variable",
                secret.name
            ))
        })?;
        env.push(format!("{}={value}", secret.target));
    }
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_mapped_through_the_container_s_own_namespace() {
        let map = [IdRange::new(0, 100_000, 1000), IdRange::new(1000, 5000, 1)];
        assert_eq!(outside(Some(&map), 0), 100_000);
        assert_eq!(outside(Some(&map), 5), 100_005);
        assert_eq!(outside(Some(&map), 1000), 5000);
        assert_eq!(outside(None, 5), 5);
    }
}
