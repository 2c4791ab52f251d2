//! `pull`: short names through registries.conf, the registry pull into the store, and the
//! catalog rows that name the result.

use rusqlite::params;
use skiff_storage::archive::LocalLocation;
use skiff_storage::auth::GivenCredentials;
use skiff_storage::platform::Platform;
use skiff_storage::pull::{self, PullOptions, PulledImage};
/// What a pull reports as it goes (the caller draws it), and the reporter that draws nothing;
/// layers and blobs are named by their [`Digest`].
pub use skiff_storage::pull::{NoProgress, PullProgress};
use skiff_storage::registries::{PullSource, RegistriesConf};
use skiff_storage::store::Store;
pub use skiff_storage::Digest;
use skiff_storage::Reference;

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::image::record::{self, full_name, ImageRecord, NewImage};
use crate::image::remote::client_options;

/// How to pull.
#[derive(Debug, Clone, Default)]
pub struct PullRequest {
    /// `--platform os/arch[/variant]`; the host's when None.
    pub platform: Option<String>,
    /// `--tls-verify`: `Some(false)` allows plain HTTP and unverified certificates.
    pub tls_verify: Option<bool>,
    /// Credentials given for this pull (`--creds`, the API's `X-Registry-Auth`), used over
    /// the stored logins.
    pub credentials: GivenCredentials,
}

/// `--pull`: when `run`, `create` and `build` fetch an image from a registry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PullPolicy {
    /// Pull every time.
    Always,
    /// Pull only when no stored image has the name (the default).
    #[default]
    Missing,
    /// Pull, but use the stored image when the registry cannot be reached.
    Newer,
    /// Never pull.
    Never,
}

impl std::str::FromStr for PullPolicy {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "always" | "true" => Ok(PullPolicy::Always),
            "missing" => Ok(PullPolicy::Missing),
            "newer" => Ok(PullPolicy::Newer),
            "never" | "false" => Ok(PullPolicy::Never),
            other => Err(format!(
                "invalid --pull {other:?}: use always, missing, newer or never"
            )),
        }
    }
}

/// What [`Engine::image_by_policy`] tells its caller on the way (for the CLI to print).
#[derive(Debug)]
pub enum PolicyNote<'a> {
    /// No stored image has the name: it is pulled now.
    Missing,
    /// The pull `--pull=newer` asked for failed with this error: the stored image is used.
    UsingStored(&'a Error),
}

impl Engine {
    /// The stored image `name`, pulled first as `policy` says, reporting `progress` and
    /// `note`s. Enters the rootless user namespace before a pull (see [`Engine::pull`]).
    pub fn image_by_policy(
        &mut self,
        name: &str,
        policy: PullPolicy,
        req: &PullRequest,
        progress: &dyn PullProgress,
        note: &mut dyn FnMut(PolicyNote<'_>),
    ) -> Result<ImageRecord> {
        let wanted = req.platform.as_deref().map(Platform::parse).transpose()?;
        let image = match policy {
            PullPolicy::Never => self.resolve_image(name),
            // A stored image of another platform than `--platform` asks for is pulled again,
            // as docker's and podman's.
            PullPolicy::Missing => match self.resolve_image(name) {
                Err(Error::NotFound { .. }) => {
                    note(PolicyNote::Missing);
                    self.pull(name, req, progress)
                }
                Ok(stored) if wanted.as_ref().is_some_and(|w| !of_platform(&stored, w)) => {
                    note(PolicyNote::Missing);
                    self.pull(name, req, progress)
                }
                other => other,
            },
            PullPolicy::Always => self.pull(name, req, progress),
            PullPolicy::Newer => match self.pull(name, req, progress) {
                Ok(image) => Ok(image),
                Err(pull_err) => match self.resolve_image(name) {
                    Ok(image) => {
                        note(PolicyNote::UsingStored(&pull_err));
                        Ok(image)
                    }
                    Err(_) => Err(pull_err),
                },
            },
        }?;
        match wanted {
            Some(w) if !of_platform(&image, &w) => Err(Error::InvalidArgument(format!(
                "image with reference {name} was found but does not match the specified \
                 platform: wanted {w}, actual: {}",
                super::recorded::platform_of(&image)
            ))),
            _ => Ok(image),
        }
    }

    /// Pulls `name` (short names are tried on each candidate registries.conf gives, in order;
    /// the first success wins) and records it: the image, its name (taken off any image that
    /// had it) and its repository digest. Enters the rootless user namespace first, so call it
    /// while the process is single-threaded. `oci:DIR[:REF]` and `oci-archive:FILE[:REF]` load
    /// from that layout instead (the first image it names is returned).
    pub fn pull(
        &mut self,
        name: &str,
        req: &PullRequest,
        progress: &dyn PullProgress,
    ) -> Result<ImageRecord> {
        if LocalLocation::parse(name).is_some() {
            let loaded = self.load(Some(name), std::io::empty())?;
            return self.resolve_image(&loaded[0].id);
        }
        let extract = crate::image::extract_options();
        let conf = RegistriesConf::load()?;
        let candidates = conf.resolve(name)?;
        let platform = match &req.platform {
            Some(p) => Platform::parse(p)?,
            None => Platform::host(),
        };
        self.enter_userns()?;
        let store = Store::open(&self.paths().storage())?;
        let mut failures = Vec::new();
        for reference in &candidates {
            if conf.is_blocked(reference.registry()) {
                failures.push(format!(
                    "{reference}: the registry is blocked in registries.conf"
                ));
                continue;
            }
            let pull_one = |source: &PullSource| -> Result<PulledImage> {
                let opts = PullOptions {
                    platform: platform.clone(),
                    client: client_options(
                        source.reference.registry(),
                        source.insecure,
                        req.tls_verify,
                        &req.credentials,
                    )?,
                    extract: extract.clone(),
                };
                Ok(pull::pull(&store, &source.reference, &opts, progress)?)
            };
            match pull_from_sources(&conf, reference, pull_one) {
                Ok(mut pulled) => {
                    // Recorded under the name asked for, wherever the content came from.
                    pulled.reference = reference.clone();
                    return self.record_pulled(&pulled);
                }
                Err(e) if candidates.len() == 1 => return Err(e),
                Err(e) => failures.push(format!("{reference}: {e}")),
            }
        }
        Err(Error::NotFound {
            kind: "image",
            name: name.to_string(),
            hint: format!(
                " on any registry; tried: {}; use a fully qualified name (registry/repository:tag) or fix unqualified-search-registries in registries.conf",
                failures.join("; ")
            ),
        })
    }

    fn record_pulled(&mut self, pulled: &PulledImage) -> Result<ImageRecord> {
        let id = pulled.image_id.hex().to_string();
        let config = skiff_storage::config::ImageConfig::parse(&pulled.config)?;
        let new = NewImage {
            id: &id,
            manifest_digest: Some(pulled.manifest_digest.to_string()),
            manifest: &pulled.manifest,
            config: &pulled.config,
            layers: pulled
                .layers
                .iter()
                .map(|l| l.chain_id.hex().to_string())
                .collect(),
            size: pulled.size as i64,
            created: config.created_unix().unwrap_or(0),
        };
        let reference: &Reference = &pulled.reference;
        let names = if reference.digest().is_some() && reference.tag().is_none() {
            Vec::new()
        } else {
            vec![full_name(reference)]
        };
        self.catalog()?.write(|tx| {
            record::insert(tx, &new, &names)?;
            tx.execute(
                "INSERT INTO image_digests (repo, digest, image_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT(repo, digest) DO UPDATE SET image_id = excluded.image_id",
                params![reference.name(), pulled.manifest_digest.to_string(), id],
            )?;
            let name = super::remove::familiar(&reference.to_string());
            crate::events::record_image_named(tx, "pull", &name, &reference.familiar_name());
            Ok(())
        })?;
        self.resolve_image(&id)
    }
}

/// Tries `pull` on each place registries.conf gives for `reference` (its mirrors, then its
/// location), returning the first success; when all fail, the error of the last (the
/// registry itself), with the mirrors' failures logged.
fn pull_from_sources(
    conf: &RegistriesConf,
    reference: &Reference,
    mut pull: impl FnMut(&PullSource) -> Result<PulledImage>,
) -> Result<PulledImage> {
    let sources = conf.pull_sources(reference)?;
    let mut last = None;
    for source in &sources {
        match pull(source) {
            Ok(pulled) => return Ok(pulled),
            Err(e) if source.mirror => {
                tracing::info!("pulling {} from the mirror: {e}", source.reference);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| Error::NotFound {
        kind: "image",
        name: reference.to_string(),
        hint: String::new(),
    }))
}

/// The repository path inside its registry that a pull of `name` fetches (`library/busybox`
/// for `busybox` and for `127.0.0.1:5000/library/busybox`): docker's `Pulling from` names it.
/// `name` itself when it does not parse (the pull then fails with the parser's error).
pub fn repository_path(name: &str) -> String {
    Reference::parse(name).map_or_else(|_| name.to_string(), |r| r.repository().to_string())
}

/// Whether `image` is of platform `wanted` (a variant left out matches any).
fn of_platform(image: &ImageRecord, wanted: &Platform) -> bool {
    super::recorded::platform_of(image).satisfies(wanted)
}

#[cfg(test)]
mod tests {
    use super::repository_path;

    #[test]
    fn the_repository_path_drops_the_registry_and_fills_in_library() {
        assert_eq!(repository_path("busybox"), "library/busybox");
        assert_eq!(repository_path("busybox:1.36"), "library/busybox");
        assert_eq!(
            repository_path("127.0.0.1:5055/library/busybox:latest"),
            "library/busybox"
        );
        assert_eq!(repository_path("quay.io/org/app"), "org/app");
        assert_eq!(repository_path("Bad Name"), "Bad Name");
    }
}
