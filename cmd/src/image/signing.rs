//! podman's signing flags of `push` and `manifest push`: skiff stores and pushes no signatures,
//! so removing them is what it always does, and signing is refused with what to do instead.

use clap::Args;

/// `--remove-signatures` and the `--sign-by*` flags.
#[derive(Debug, Clone, Args)]
pub struct SigningFlags {
    /// Discard the image's signatures: skiff stores none, so none is ever pushed (podman's)
    #[arg(long = "remove-signatures")]
    remove_signatures: bool,
    /// Sign the pushed image with this GPG key (podman's; refused: skiff signs no images)
    #[arg(long = "sign-by", value_name = "KEY")]
    sign_by: Option<String>,
    /// Sign with this sigstore private key (podman's; refused: skiff signs no images)
    #[arg(long = "sign-by-sigstore-private-key", value_name = "PATH")]
    sign_by_sigstore_private_key: Option<std::path::PathBuf>,
    /// The signing key's passphrase file (podman's; refused with the signing flags)
    #[arg(long = "sign-passphrase-file", value_name = "PATH")]
    sign_passphrase_file: Option<std::path::PathBuf>,
}

impl SigningFlags {
    /// Refuses the signing flags, before anything is sent.
    pub fn check(&self) -> anyhow::Result<()> {
        let _ = self.remove_signatures;
        if self.sign_by.is_some()
            || self.sign_by_sigstore_private_key.is_some()
            || self.sign_passphrase_file.is_some()
        {
            anyhow::bail!(
                "skiff signs no images: push without --sign-by*, then sign the pushed image with cosign or skopeo"
            );
        }
        Ok(())
    }
}
