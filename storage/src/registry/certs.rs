//! Registry certificate directories, as podman and docker read them: in the directory of a
//! registry (`certs.d/HOST:PORT`), every `*.crt` is a CA trusted for it besides the system's,
//! and a `*.cert` with the `*.key` of the same name is the client certificate presented to it.
//!
//! The directory is `--cert-dir` when a command was given one (see [`CERT_DIR_ENV`]), else
//! the first of `$HOME/.config/containers/certs.d/HOST` (rootless only),
//! `/etc/containers/certs.d/HOST` and `/etc/docker/certs.d/HOST` that exists.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ClientConfig, RootCertStore};

use crate::error::{Error, Result};

/// The environment variable a command's `--cert-dir` sets for the registry clients it makes.
pub const CERT_DIR_ENV: &str = "SKIFF_REGISTRY_CERT_DIR";

/// What a registry's certificate directory holds.
#[derive(Debug, Default)]
pub struct CertDir {
    /// The directory read.
    pub dir: PathBuf,
    /// Extra trusted CAs (`*.crt`).
    pub cas: Vec<CertificateDer<'static>>,
    /// The client certificate chain and its key (`NAME.cert` and `NAME.key`).
    pub client: Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>,
}

/// The certificate directory for `registry_host` (`host[:port]`): `cert_dir` when given,
/// else the first of the standard places that exists for it (see the module docs).
pub fn dir_for(
    registry_host: &str,
    cert_dir: Option<&Path>,
    home: Option<&Path>,
) -> Option<PathBuf> {
    if let Some(d) = cert_dir {
        return Some(d.to_path_buf());
    }
    let rootless = crate::identity::rootless();
    let user = home
        .filter(|_| rootless)
        .map(|h| h.join(".config/containers/certs.d"));
    user.into_iter()
        .chain(["/etc/containers/certs.d", "/etc/docker/certs.d"].map(PathBuf::from))
        .map(|base| base.join(registry_host))
        .find(|d| d.is_dir())
}

/// Reads `dir` (see the module docs); a `*.cert` without its `*.key` (or the other way
/// round) is an error that names the missing file, as is a file that holds no PEM data.
pub fn load(dir: &Path) -> Result<CertDir> {
    let bad = |path: &Path, why: String| Error::Registry {
        registry: dir.display().to_string(),
        reason: format!("{}: {why}", path.display()),
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| bad(dir, e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    let mut found = CertDir {
        dir: dir.to_path_buf(),
        ..CertDir::default()
    };
    for path in &names {
        match path.extension().and_then(|e| e.to_str()) {
            Some("crt") => {
                let certs = read_certs(path).map_err(|e| bad(path, e))?;
                found.cas.extend(certs);
            }
            Some("cert") => {
                let key = path.with_extension("key");
                if !key.is_file() {
                    return Err(bad(path, format!("no key {} beside it", key.display())));
                }
                let chain = read_certs(path).map_err(|e| bad(path, e))?;
                let key = PrivateKeyDer::from_pem_file(&key)
                    .map_err(|e| bad(&key, format!("no private key in it: {e}")))?;
                found.client = Some((chain, key));
            }
            Some("key") if !path.with_extension("cert").is_file() => {
                let cert = path.with_extension("cert");
                return Err(bad(
                    path,
                    format!("no certificate {} beside it", cert.display()),
                ));
            }
            _ => {}
        }
    }
    Ok(found)
}

/// The certificates of the PEM file `path` (at least one).
fn read_certs(path: &Path) -> std::result::Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| e.to_string())?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    match certs.is_empty() {
        true => Err("no PEM certificate in it".to_string()),
        false => Ok(certs),
    }
}

/// A client configuration that trusts the system's CAs and `certs`' CAs, and presents its
/// client certificate if it has one.
pub fn verified_config(certs: &CertDir) -> Result<Arc<ClientConfig>> {
    let mut roots = RootCertStore::empty();
    // The system's CAs, as ureq's own configuration has them; an unreadable store leaves
    // only the directory's.
    if let Ok(native) = rustls_native_certs::load_native_certs() {
        roots.add_parsable_certificates(native);
    }
    for ca in &certs.cas {
        roots.add(ca.clone()).map_err(|e| Error::Registry {
            registry: certs.dir.display().to_string(),
            reason: format!("a CA certificate there cannot be used: {e}"),
        })?;
    }
    let builder =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("ring's default provider supports the default protocol versions")
            .with_root_certificates(roots);
    client_auth(builder, certs)
}

/// Finishes `builder` with `certs`' client certificate, or none.
pub(super) fn client_auth(
    builder: rustls::ConfigBuilder<ClientConfig, rustls::client::WantsClientCert>,
    certs: &CertDir,
) -> Result<Arc<ClientConfig>> {
    let config = match &certs.client {
        Some((chain, key)) => builder
            .with_client_auth_cert(chain.clone(), key.clone_key())
            .map_err(|e| Error::Registry {
                registry: certs.dir.display().to_string(),
                reason: format!("the client certificate cannot be used: {e}"),
            })?,
        None => builder.with_no_client_auth(),
    };
    Ok(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cert_dir_wins_and_otherwise_nothing_is_found_for_an_unknown_host() {
        let given = Path::new("/some/where");
        assert_eq!(
            dir_for("reg.example:5000", Some(given), None),
            Some(given.to_path_buf())
        );
        let t = tempfile::tempdir().unwrap();
        assert_eq!(
            dir_for("no-such-registry.invalid:1", None, Some(t.path())),
            None
        );
        // The user's directory counts rootless only (root reads the system's).
        let mine = t.path().join(".config/containers/certs.d/reg.example:5000");
        std::fs::create_dir_all(&mine).unwrap();
        let found = dir_for("reg.example:5000", None, Some(t.path()));
        match crate::identity::rootless() {
            false => assert_eq!(found, None),
            true => assert_eq!(found, Some(mine)),
        }
    }

    #[test]
    fn half_a_client_pair_or_a_file_without_pem_is_an_error_naming_it() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path();
        assert!(load(d).unwrap().cas.is_empty());
        std::fs::write(d.join("client.cert"), "").unwrap();
        let e = load(d).unwrap_err().to_string();
        assert!(e.contains("client.key"), "{e}");
        std::fs::remove_file(d.join("client.cert")).unwrap();
        std::fs::write(d.join("client.key"), "").unwrap();
        let e = load(d).unwrap_err().to_string();
        assert!(e.contains("client.cert"), "{e}");
        std::fs::remove_file(d.join("client.key")).unwrap();
        std::fs::write(d.join("ca.crt"), "not a certificate\n").unwrap();
        let e = load(d).unwrap_err().to_string();
        assert!(
            e.contains("ca.crt") && e.contains("no PEM certificate"),
            "{e}"
        );
        // Other files (a README, docker's ca.pem from another tool) are not read.
        std::fs::remove_file(d.join("ca.crt")).unwrap();
        std::fs::write(d.join("README"), "x").unwrap();
        let found = load(d).unwrap();
        assert!(found.cas.is_empty() && found.client.is_none());
        // With nothing in it, the configuration is the system's alone.
        assert!(verified_config(&found).is_ok());
    }
}
