//! `manifest push`: the images a list names, then the list, to a registry repository.

use skiff_storage::auth::{Credentials, GivenCredentials};
use skiff_storage::list_push::{copy_manifest, Repository};
use skiff_storage::manifest::{MEDIA_TYPE_DOCKER_MANIFEST, MEDIA_TYPE_OCI_MANIFEST};
use skiff_storage::manifest_list::{serialise, ListFormat};
use skiff_storage::pull::PullProgress;
use skiff_storage::registries::RegistriesConf;
use skiff_storage::{Digest, Reference};

use super::rows::{self, EntrySource};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::push::{ManifestFormat, PushRequest};
use crate::image::remote::client_for;

/// How `manifest push` pushes.
#[derive(Debug, Clone)]
pub struct ManifestPushRequest {
    /// Push the list's entries too (podman's default), not only the index.
    pub all: bool,
    /// `--tls-verify`.
    pub tls_verify: Option<bool>,
    /// `--format`: the list's and the local images' manifest format (`None`: OCI index,
    /// images as stored).
    pub format: Option<ManifestFormat>,
    /// `--creds`: credentials for the destination registry, over the stored login.
    pub credentials: Option<Credentials>,
}

/// What `manifest push` did.
#[derive(Debug, Clone)]
pub struct ManifestPushed {
    /// Where the list went.
    pub destination: String,
    /// The pushed index's digest.
    pub digest: String,
}

impl Engine {
    /// Pushes the list `list` to `destination` (`[docker://]REGISTRY/NAME:TAG`; the list's
    /// own name when None): with `all`, each entry first (a local image is pushed as `push`
    /// pushes it and its entry updated to the manifest that was pushed; an entry added from a
    /// registry is copied from its repository), each under its digest only, then the index
    /// under the tag.
    pub fn manifest_push(
        &mut self,
        list: &str,
        destination: Option<&str>,
        req: &ManifestPushRequest,
        progress: &dyn PullProgress,
    ) -> Result<ManifestPushed> {
        let mut l = rows::get(self.catalog()?.conn(), list)?;
        let dest_text = destination.unwrap_or(&l.name);
        let dest_text = dest_text.strip_prefix("docker://").unwrap_or(dest_text);
        let dest = Reference::parse(dest_text)?;
        if dest.digest().is_some() {
            return Err(Error::InvalidArgument(format!(
                "cannot push to {dest_text}: a destination is a name with a tag, not a digest"
            )));
        }
        let list_format = match req.format {
            Some(ManifestFormat::DockerV2S2) => ListFormat::Docker,
            _ => ListFormat::Oci,
        };
        let conf = RegistriesConf::load()?;
        let given = GivenCredentials {
            any: req.credentials.clone(),
            by_registry: Vec::new(),
        };
        let client = client_for(&conf, &dest, req.tls_verify, &given)?;
        let to = Repository {
            client: &client,
            name: dest.repository(),
        };
        let tagged = format!("{}:{}", dest.name(), dest.tag_or_latest());
        for i in 0..l.index.manifests.len() {
            if !req.all {
                break;
            }
            let digest = l.index.manifests[i].digest.clone();
            match l.source(&digest).cloned() {
                Some(EntrySource::Image(id)) => {
                    let push = PushRequest {
                        tls_verify: req.tls_verify,
                        format: req.format,
                        by_digest: true,
                        credentials: req.credentials.clone(),
                        ..PushRequest::default()
                    };
                    let pushed = self.push(&id, Some(&dest.name()), &push, progress)?;
                    let entry = &mut l.index.manifests[i];
                    if pushed.digest != entry.digest {
                        entry.media_type = match req.format {
                            Some(ManifestFormat::DockerV2S2) => MEDIA_TYPE_DOCKER_MANIFEST,
                            Some(ManifestFormat::Oci) => MEDIA_TYPE_OCI_MANIFEST,
                            None => entry.media_type.as_str(),
                        }
                        .to_string();
                        entry.digest = pushed.digest.clone();
                        entry.size = pushed.size as u64;
                        // The entry's source follows it to its new digest.
                        l.sources.remove(&digest.to_string());
                        l.sources
                            .insert(pushed.digest.to_string(), EntrySource::Image(id.clone()));
                    }
                }
                Some(EntrySource::Repository(repo)) => {
                    self.copy_entry(&conf, &repo, &to, &digest, req.tls_verify)?
                }
                None => {
                    return Err(Error::Runtime(format!(
                        "entry {digest} of {list} has no recorded source; remove it (skiff manifest remove {list} {digest}) and add it again"
                    )))
                }
            }
        }
        let bytes = serialise(&l.index, list_format)?;
        let digest: Digest = client.put_manifest(
            to.name,
            dest.tag_or_latest(),
            list_format.media_type(),
            &bytes,
        )?;
        self.catalog()?.write(|tx| rows::save(tx, &l))?;
        Ok(ManifestPushed {
            destination: tagged,
            digest: digest.to_string(),
        })
    }

    /// Copies entry `digest` from the registry repository `repo` (`registry/path`) to `to`.
    fn copy_entry(
        &self,
        conf: &RegistriesConf,
        repo: &str,
        to: &Repository<'_>,
        digest: &Digest,
        tls_verify: Option<bool>,
    ) -> Result<()> {
        let source = Reference::parse(repo)?;
        let client = if source.registry_host() == to.client.host() {
            None
        } else {
            Some(client_for(conf, &source, tls_verify, &Default::default())?)
        };
        let from = Repository {
            client: client.as_ref().unwrap_or(to.client),
            name: source.repository(),
        };
        copy_manifest(&from, to, digest)?;
        Ok(())
    }
}
