//! Manifests read from a registry without pulling the image: for `manifest inspect` of a
//! remote reference, `manifest add` of a remote image and the Docker API's registry data
//! (`GET /distribution/NAME/json`).

use skiff_storage::auth::GivenCredentials;
use skiff_storage::manifest::{
    parse_manifest, Descriptor, Manifest, ACCEPTED_MANIFEST_TYPES, MEDIA_TYPE_OCI_INDEX,
    MEDIA_TYPE_OCI_MANIFEST,
};
use skiff_storage::registries::RegistriesConf;
use skiff_storage::registry::RegistryClient;
use skiff_storage::{Digest, Reference};

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::remote::client_for;

/// Largest image config read to learn an image's platform.
const MAX_CONFIG: u64 = 16 << 20;

/// What a registry says about an image without pulling it: the manifest's descriptor and the
/// platforms it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryData {
    /// The manifest (or index) the name resolves to: media type, digest, size.
    pub descriptor: Descriptor,
    /// An index's platforms in its order, or an image manifest's own (from its config).
    pub platforms: Vec<skiff_storage::platform::Platform>,
}

impl Engine {
    /// The registry's manifest for `name` and its platforms, nothing stored (docker's
    /// `GET /distribution/NAME/json`); a short name is tried on each registry registries.conf
    /// gives.
    pub fn registry_data(&mut self, name: &str, tls_verify: Option<bool>) -> Result<RegistryData> {
        let remote = RemoteManifest::fetch(name, tls_verify, &Default::default())?;
        // Every entry of an index (BuildKit's attestations left out); the platform asked for
        // only matters when one entry is chosen.
        let platforms = remote
            .entries(true, &skiff_storage::platform::Platform::host())?
            .into_iter()
            .filter_map(|d| d.platform)
            .collect();
        Ok(RegistryData {
            descriptor: Descriptor::new(
                &remote.media_type,
                remote.digest.clone(),
                remote.bytes.len() as u64,
            ),
            platforms,
        })
    }
}

/// A manifest as a registry serves it.
pub(crate) struct RemoteManifest {
    /// Where it came from (fully qualified).
    pub reference: Reference,
    /// A client for its registry.
    pub client: RegistryClient,
    /// The body, as served.
    pub bytes: Vec<u8>,
    /// Its media type (from the body, else the Content-Type header).
    pub media_type: String,
    /// Its digest.
    pub digest: Digest,
    /// The parsed body.
    pub manifest: Manifest,
}

impl RemoteManifest {
    /// Fetches the manifest `input` names (`docker://` optional; a short name is tried on
    /// each registry registries.conf gives, the first that has it wins).
    pub(crate) fn fetch(
        input: &str,
        tls_verify: Option<bool>,
        credentials: &GivenCredentials,
    ) -> Result<RemoteManifest> {
        let name = input.strip_prefix("docker://").unwrap_or(input);
        let conf = RegistriesConf::load()?;
        let candidates = conf.resolve(name)?;
        let mut failures = Vec::new();
        for reference in candidates {
            match Self::fetch_one(&conf, &reference, tls_verify, credentials) {
                Ok(m) => return Ok(m),
                Err(e) => failures.push(format!("{reference}: {e}")),
            }
        }
        Err(Error::NotFound {
            kind: "manifest",
            name: input.to_string(),
            hint: format!(" in any registry; tried: {}", failures.join("; ")),
        })
    }

    fn fetch_one(
        conf: &RegistriesConf,
        reference: &Reference,
        tls_verify: Option<bool>,
        credentials: &GivenCredentials,
    ) -> Result<RemoteManifest> {
        if conf.is_blocked(reference.registry()) {
            return Err(Error::InvalidArgument(
                "the registry is blocked in registries.conf".to_string(),
            ));
        }
        let client = client_for(conf, reference, tls_verify, credentials)?;
        let (bytes, content_type, digest) = client.get_manifest(
            reference.repository(),
            &reference.api_reference(),
            ACCEPTED_MANIFEST_TYPES,
        )?;
        let manifest = parse_manifest(&bytes, content_type.as_deref())?;
        let declared = match &manifest {
            Manifest::Image(m) => m.media_type.clone(),
            Manifest::Index(i) => i.media_type.clone(),
        };
        let media_type = declared
            .or_else(|| content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_string()))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| match manifest {
                Manifest::Image(_) => MEDIA_TYPE_OCI_MANIFEST.to_string(),
                Manifest::Index(_) => MEDIA_TYPE_OCI_INDEX.to_string(),
            });
        Ok(RemoteManifest {
            reference: reference.clone(),
            client,
            bytes,
            media_type,
            digest,
            manifest,
        })
    }

    /// The index entries this manifest gives a list: an image manifest's own descriptor (its
    /// platform read from its config), or an index's entries: all of them with `all` (BuildKit
    /// attestations left out), else the one for `platform`.
    pub(crate) fn entries(
        &self,
        all: bool,
        platform: &skiff_storage::platform::Platform,
    ) -> Result<Vec<Descriptor>> {
        match &self.manifest {
            Manifest::Image(m) => {
                let config = self.client.get_blob_bytes(
                    self.reference.repository(),
                    &m.config.digest,
                    MAX_CONFIG,
                )?;
                let config = skiff_storage::config::ImageConfig::parse(&config)?;
                let mut d = Descriptor::new(
                    &self.media_type,
                    self.digest.clone(),
                    self.bytes.len() as u64,
                );
                d.platform = Some(skiff_storage::manifest_list::config_platform(&config));
                Ok(vec![d])
            }
            Manifest::Index(i) if all => Ok(i
                .manifests
                .iter()
                .filter(|d| {
                    !d.platform
                        .as_ref()
                        .is_some_and(|p| p.os == "unknown" || p.architecture == "unknown")
                })
                .cloned()
                .collect()),
            Manifest::Index(i) => Ok(vec![
                skiff_storage::manifest_select::select(i, platform)?.clone()
            ]),
        }
    }
}
