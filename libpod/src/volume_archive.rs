//! podman's `volume export` and `volume import`: a volume's data as a tar stream, written from
//! its directory or unpacked into it (confined to it, as `cp` into a container is).

use std::io::{Read, Write};
use std::path::PathBuf;

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::volume_opts::{volume_source, VolumeSource};

impl Engine {
    /// Writes the data of volume `name` as a tar stream to `out`, its entries relative to the
    /// volume's top. Call [`Engine::enter_userns`] first: rootless, the files belong to
    /// subordinate ids, and the archive then holds the ids containers see.
    pub fn volume_export(&mut self, name: &str, out: &mut dyn Write) -> Result<()> {
        let dir = self.volume_data(name)?;
        crate::container::copy::archive_host_path(&dir, false, ".", out)
    }

    /// Unpacks the tar stream `input` into volume `name` (existing files are replaced), with
    /// the archive's owners and modes. Entry names are confined to the volume: `..`, absolute
    /// names and links out are refused. Call [`Engine::enter_userns`] first.
    pub fn volume_import(&mut self, name: &str, input: &mut dyn Read) -> Result<()> {
        let dir = self.volume_data(name)?;
        crate::container::copy::unpack_on_host(&dir, true, true, input)
    }

    /// The directory holding volume `name`'s data; an error for a volume whose data is
    /// elsewhere (a tmpfs or a bind of a host directory).
    fn volume_data(&mut self, name: &str) -> Result<PathBuf> {
        let vol = self.volume_get(name)?;
        match volume_source(&vol.options) {
            Ok(VolumeSource::Data) => Ok(vol.mountpoint),
            Ok(VolumeSource::Bind { device, .. }) => Err(Error::InvalidArgument(format!(
                "volume {name} is a bind mount of {device}: archive that directory itself"
            ))),
            _ => Err(Error::InvalidArgument(format!(
                "volume {name} is a tmpfs, made afresh for each container: it holds no data to \
                 archive"
            ))),
        }
    }
}
