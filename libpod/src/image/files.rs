//! An image's file system as one tar stream (what `build --output type=tar|local` writes):
//! the files a container of the image starts with, its layers applied.

use std::io::Write;

use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Writes the file system of image `image` (a name or id) to `out` as a tar stream, through
    /// a container of it that is never started (without the image's volumes) and is removed
    /// afterwards. Call [`Engine::enter_userns`] first.
    pub fn export_image_files(&mut self, image: &str, out: &mut dyn Write) -> Result<()> {
        let image = self.resolve_image(image)?;
        let (rec, root) = crate::build::steps::mounted_image(self, &image)?;
        let written = root.export(out);
        drop(root);
        let removed = self.remove_container(&rec.id, true, true);
        written?;
        removed.map(drop)
    }
}
