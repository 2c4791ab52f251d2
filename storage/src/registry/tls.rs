//! TLS for `--tls-verify=false` (or a registry marked insecure): a rustls client configuration
//! whose server certificate check accepts any certificate chain and name. The handshake
//! signatures are still verified against the certificate the server sent, so the connection
//! is encrypted to whoever holds that certificate's key; only who that is goes unchecked.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{
    verify_tls12_signature, verify_tls13_signature, CryptoProvider, WebPkiSupportedAlgorithms,
};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};

use super::certs::CertDir;

/// Accepts every server certificate; checks handshake signatures with `provider`'s algorithms.
#[derive(Debug)]
struct AnyCertificate {
    provider: Arc<CryptoProvider>,
}

impl AnyCertificate {
    /// The provider's algorithms for checking handshake signatures.
    fn algorithms(&self) -> &WebPkiSupportedAlgorithms {
        &self.provider.signature_verification_algorithms
    }
}

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, self.algorithms())
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, self.algorithms())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms().supported_schemes()
    }
}

/// A client configuration that does not verify server certificates (see the module docs),
/// presenting the client certificate of `certs` if it has one.
pub fn unverified_config(certs: &CertDir) -> crate::error::Result<Arc<ClientConfig>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("ring's default provider supports the default protocol versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(AnyCertificate { provider }));
    super::certs::client_auth(builder, certs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_certificate_and_name_is_accepted() {
        let verifier = AnyCertificate {
            provider: Arc::new(rustls::crypto::ring::default_provider()),
        };
        let garbage = CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x00]);
        let name = ServerName::try_from("registry.example").unwrap();
        assert!(verifier
            .verify_server_cert(&garbage, &[], &name, &[], UnixTime::now())
            .is_ok());
        assert!(!verifier.supported_verify_schemes().is_empty());
        // Building the configuration must not panic (the provider supports the versions).
        assert!(!unverified_config(&CertDir::default())
            .unwrap()
            .crypto_provider()
            .cipher_suites
            .is_empty());
    }
}
