//! An image's defaults for a new container, read from its stored config.

use crate::container::create::ImageDefaults;
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// The defaults (entrypoint, cmd, env, user...) stored image `name_or_id` gives a new
    /// container; `NotFound` when it is not stored (the caller pulls it, or reports it).
    pub fn image_defaults(&mut self, name_or_id: &str) -> Result<ImageDefaults> {
        let image = self.resolve_image(name_or_id)?;
        let config: skiff_storage::config::ImageConfig = serde_json::from_slice(&image.config)
            .map_err(|e| {
                Error::Runtime(format!(
                    "image {name_or_id}: its stored config is not valid JSON ({e}); pull it again"
                ))
            })?;
        Ok(ImageDefaults::from_image_config(
            &image.id,
            image.layers.clone(),
            &config,
        ))
    }
}
