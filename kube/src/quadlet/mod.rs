//! Quadlet: systemd unit files that describe a container (`NAME.container`), a volume
//! (`.volume`), a network (`.network`) or an image to pull (`.image`), translated into the
//! service units that run skiff, with podman's Quadlet semantics (podman-systemd.unit(5)).
//!
//! The translation is pure: [`translate`] takes the file's name and text and the names that
//! other Quadlet files give their resources, and returns the service unit's name and text. The
//! caller (the systemd generator, or `skiff quadlet install`) does the reading and writing.

mod container;
mod error;
mod resources;
mod section;
pub mod unit_file;
pub mod words;

use std::collections::BTreeMap;

pub use error::QuadletError;
use unit_file::UnitFile;

/// The kinds of Quadlet file skiff translates, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.container`: a service that runs one container.
    Container,
    /// `.volume`: a one-shot service that creates a named volume.
    Volume,
    /// `.network`: a one-shot service that creates a network.
    Network,
    /// `.image`: a one-shot service that pulls an image.
    Image,
}

impl Kind {
    /// The kind of a file by its extension, or `None` when it is no Quadlet file skiff knows.
    pub fn of(file_name: &str) -> Option<Kind> {
        let (_, ext) = file_name.rsplit_once('.')?;
        Some(match ext {
            "container" => Kind::Container,
            "volume" => Kind::Volume,
            "network" => Kind::Network,
            "image" => Kind::Image,
            _ => return None,
        })
    }

    /// The custom section of this kind's files (`[Container]`, ...).
    fn section(self) -> &'static str {
        match self {
            Kind::Container => "Container",
            Kind::Volume => "Volume",
            Kind::Network => "Network",
            Kind::Image => "Image",
        }
    }

    /// The suffix podman gives the service of this kind (`web.volume` -> `web-volume.service`).
    fn service_suffix(self) -> &'static str {
        match self {
            Kind::Container => "",
            Kind::Volume => "-volume",
            Kind::Network => "-network",
            Kind::Image => "-image",
        }
    }
}

/// What the translation needs besides the file itself.
#[derive(Debug, Clone)]
pub struct Context {
    /// The skiff binary the units run (an absolute path).
    pub skiff: String,
    /// Where the Quadlet file was read from, for the unit's `SourcePath=`.
    pub source_path: String,
    /// True for a root (system) unit: containers then wait for `network-online.target`.
    pub system: bool,
    /// The resource name of every other Quadlet file by its file name
    /// (`data.volume` -> `systemd-data`), from [`resource_name`].
    pub names: BTreeMap<String, String>,
}

impl Context {
    /// The Quadlet file's own name (the last part of `source_path`).
    fn file_name(&self) -> String {
        self.source_path
            .rsplit('/')
            .next()
            .unwrap_or(&self.source_path)
            .to_string()
    }

    /// `path` (`./data`, `../x`) joined to the directory of the Quadlet file.
    fn relative_to_source(&self, path: &str) -> String {
        let dir = self.source_path.rsplit_once('/').map_or(".", |(d, _)| d);
        format!("{dir}/{}", path.strip_prefix("./").unwrap_or(path))
    }
}

/// A generated service unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// The unit's file name, e.g. `web.service` or `data-volume.service`.
    pub name: String,
    /// The unit file's text.
    pub text: String,
    /// Targets whose `.wants/` should link the unit (from `[Install] WantedBy=`).
    pub wanted_by: Vec<String>,
    /// Targets whose `.requires/` should link the unit (from `[Install] RequiredBy=`).
    pub required_by: Vec<String>,
}

/// The service name of a Quadlet file (`web.container` -> `web.service`), or `None` when the
/// file is no Quadlet file skiff knows.
pub fn service_name(file_name: &str) -> Option<String> {
    let kind = Kind::of(file_name)?;
    let (stem, _) = file_name.rsplit_once('.')?;
    Some(format!("{stem}{}.service", kind.service_suffix()))
}

/// The name of the resource a `.volume`, `.network` or `.image` file makes (its `VolumeName=`,
/// `NetworkName=` or `Image=`, else `systemd-STEM`), which other files refer to by file name.
/// `None` for a container, or when the file does not parse.
pub fn resource_name(file_name: &str, text: &str) -> Option<String> {
    let kind = Kind::of(file_name)?;
    let unit = UnitFile::parse(file_name, text).ok()?;
    let stem = file_name.rsplit_once('.')?.0;
    let named = |key: &str| {
        unit.section(kind.section())
            .and_then(|s| s.entries.iter().rev().find(|e| e.key == key))
            .map(|e| e.value.clone())
    };
    match kind {
        Kind::Container => None,
        Kind::Volume => Some(named("VolumeName").unwrap_or_else(|| format!("systemd-{stem}"))),
        Kind::Network => Some(named("NetworkName").unwrap_or_else(|| format!("systemd-{stem}"))),
        Kind::Image => named("Image"),
    }
}

/// Translates Quadlet file `file_name` with contents `text` into its service unit.
pub fn translate(file_name: &str, text: &str, ctx: &Context) -> Result<Service, QuadletError> {
    let kind = Kind::of(file_name).ok_or_else(|| {
        QuadletError::at(
            file_name,
            0,
            "not a Quadlet file: use .container, .volume, .network or .image".to_string(),
        )
    })?;
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    let mut unit = UnitFile::parse(file_name, text)?;
    let own = unit.take(kind.section()).ok_or_else(|| {
        QuadletError::at(file_name, 0, format!("has no [{}] section", kind.section()))
    })?;
    let own = section::Keys::new(file_name, own);
    match kind {
        Kind::Container => container::translate(own, &mut unit, ctx)?,
        Kind::Volume => resources::create("volume", stem, own, &mut unit, ctx)?,
        Kind::Network => resources::create("network", stem, own, &mut unit, ctx)?,
        Kind::Image => resources::image(own, &mut unit, ctx)?,
    }
    let install = |key: &str| -> Vec<String> {
        unit.section("Install")
            .into_iter()
            .flat_map(|s| s.entries.iter().filter(|e| e.key == key))
            .flat_map(|e| e.value.split_whitespace().map(str::to_string))
            .collect()
    };
    let (wanted_by, required_by) = (install("WantedBy"), install("RequiredBy"));
    unit.add("Unit", "SourcePath", ctx.source_path.clone());
    // [Unit] first, then [Service], then everything else as written.
    unit.sections.sort_by_key(|s| match s.name.as_str() {
        "Unit" => 0,
        "Service" => 1,
        _ => 2,
    });
    Ok(Service {
        name: format!("{stem}{}.service", kind.service_suffix()),
        text: format!(
            "# Generated by skiff from {}; edit that file instead.\n{}",
            ctx.source_path,
            unit.text()
        ),
        wanted_by,
        required_by,
    })
}

#[cfg(test)]
mod tests;
