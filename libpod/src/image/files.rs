//! An image's file system as one tar stream (what `build --output type=tar|local` writes):
//! the files a container of the image starts with, its layers applied.

use std::io::Write;

use crate::container::create::CreateOptions;
use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Writes the file system of image `image` (a name or id) to `out` as a tar stream, through
    /// a container of it that is never started and is removed afterwards. Call
    /// [`Engine::enter_userns`] first.
    pub fn export_image_files(&mut self, image: &str, out: &mut dyn Write) -> Result<()> {
        let defaults = self.image_defaults(image)?;
        let rec = self.create_container(
            &CreateOptions {
                image: Some(image.to_string()),
                command: vec!["true".into()],
                entrypoint: Some(Vec::new()),
                network: Some("none".into()),
                ..Default::default()
            },
            Some(&defaults),
        )?;
        let written = self
            .open_container_root(&rec.id)
            .and_then(|root| root.export(out));
        let removed = self.remove_container(&rec.id, true, true);
        written?;
        removed.map(drop)
    }
}
