//! Image commands: `pull`, `push`, `images`, `tag`, `rmi`, `save`, `load`, `search` at the top level and under `skiff image`.

pub(crate) mod build;
mod build_output;
mod build_steps;
mod exists;
mod history;
mod import;
mod inspect;
mod list;
mod load;
pub(crate) mod login;
mod logout;
mod mount;
pub(crate) mod prune;
pub(crate) mod pull;
mod push;
pub(crate) use push::parse_format;
mod retry;
mod rm;
mod save;
mod search;
pub(crate) mod signing;
mod tag;
mod tree;

use crate::lazy::Lazy;
use clap::Subcommand;
use skiff_libpod::Engine;

/// Image verbs that docker also offers at the top level.
#[derive(Debug, Subcommand)]
pub enum ImageVerb {
    /// Build an image from a Containerfile or Dockerfile
    Build(Lazy<build::BuildArgs>),
    /// Pull an image from a registry
    Pull(Lazy<pull::PullArgs>),
    /// Push an image to a registry
    Push(Lazy<push::PushArgs>),
    /// List images
    Images(Lazy<list::ListArgs>),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(Lazy<tag::TagArgs>),
    /// Remove names from a local image, which stays (podman)
    Untag(Lazy<tag::UntagArgs>),
    /// Save one or more images to a tar archive (streamed to STDOUT by default)
    Save(Lazy<save::SaveArgs>),
    /// Load an image from a tar archive or STDIN
    Load(Lazy<load::LoadArgs>),
    /// Import the contents from a tarball to create a filesystem image
    Import(Lazy<import::ImportArgs>),
    /// Remove one or more images
    Rmi(Lazy<rm::RmArgs>),
    /// Show the history of an image
    History(Lazy<history::HistoryArgs>),
    /// Log in to a registry
    Login(Lazy<login::LoginArgs>),
    /// Log out from a registry
    Logout(Lazy<logout::LogoutArgs>),
    /// Search registries for images, or list a repository's tags
    Search(Lazy<search::SearchArgs>),
}

/// `skiff image ...`.
#[derive(Debug, Subcommand)]
pub enum ImageGroup {
    /// Build an image from a Containerfile or Dockerfile
    Build(Lazy<build::BuildArgs>),
    /// Pull an image from a registry
    Pull(pull::PullArgs),
    /// Push an image to a registry
    Push(Lazy<push::PushArgs>),
    /// List images
    #[command(alias = "list")]
    Ls(list::ListArgs),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(tag::TagArgs),
    /// Remove names from a local image, which stays (podman)
    Untag(tag::UntagArgs),
    /// Save one or more images to a tar archive (streamed to STDOUT by default)
    Save(save::SaveArgs),
    /// Load an image from a tar archive or STDIN
    Load(load::LoadArgs),
    /// Import the contents from a tarball to create a filesystem image
    Import(import::ImportArgs),
    /// Remove one or more images
    #[command(alias = "remove", alias = "rmi")]
    Rm(rm::RmArgs),
    /// Remove unused images
    Prune(prune::PruneArgs),
    /// Show the history of an image
    History(history::HistoryArgs),
    /// Display detailed information on one or more images
    Inspect(inspect::InspectArgs),
    /// Check if an image exists (exit code 0 or 1)
    Exists(exists::ExistsArgs),
    /// Inspect changes to an image's filesystem (its top layer, or against another image)
    #[command(mut_args(crate::objects::reword("container", "The image")))]
    Diff(crate::container::diff::DiffArgs),
    /// Search registries for images, or list a repository's tags
    Search(search::SearchArgs),
    /// Mount an image's file system read-only and print where (podman's; rootless, inside
    /// `skiff unshare`)
    Mount(mount::MountArgs),
    /// Unmount an image's file system (podman's)
    #[command(alias = "umount")]
    Unmount(mount::UnmountArgs),
    /// Show an image's layers, or what other images stack on it, as a tree (podman's)
    Tree(tree::TreeArgs),
}

/// Runs a top-level image verb.
pub fn dispatch(engine: &mut Engine, verb: ImageVerb) -> anyhow::Result<i32> {
    match verb {
        ImageVerb::Build(a) => build::exec(engine, a.into_inner()),
        ImageVerb::Pull(a) => pull::exec(engine, a.into_inner()),
        ImageVerb::Push(a) => push::exec(engine, a.into_inner()),
        ImageVerb::Images(a) => list::exec(engine, a.into_inner()),
        ImageVerb::Tag(a) => tag::exec(engine, a.into_inner()),
        ImageVerb::Untag(a) => tag::untag(engine, a.into_inner()),
        ImageVerb::Save(a) => save::exec(engine, a.into_inner()),
        ImageVerb::Load(a) => load::exec(engine, a.into_inner()),
        ImageVerb::Import(a) => import::exec(engine, a.into_inner()),
        ImageVerb::Rmi(a) => rm::exec(engine, a.into_inner()),
        ImageVerb::History(a) => history::exec(engine, a.into_inner()),
        ImageVerb::Login(a) => login::exec(engine, a.into_inner()),
        ImageVerb::Logout(a) => logout::exec(engine, a.into_inner()),
        ImageVerb::Search(a) => search::exec(engine, a.into_inner()),
    }
}

/// Runs `skiff image VERB`.
pub fn dispatch_group(engine: &mut Engine, group: ImageGroup) -> anyhow::Result<i32> {
    match group {
        ImageGroup::Build(a) => build::exec(engine, a.into_inner()),
        ImageGroup::Pull(a) => pull::exec(engine, a),
        ImageGroup::Push(a) => push::exec(engine, a.into_inner()),
        ImageGroup::Ls(a) => list::exec(engine, a),
        ImageGroup::Tag(a) => tag::exec(engine, a),
        ImageGroup::Untag(a) => tag::untag(engine, a),
        ImageGroup::Save(a) => save::exec(engine, a),
        ImageGroup::Load(a) => load::exec(engine, a),
        ImageGroup::Import(a) => import::exec(engine, a),
        ImageGroup::Rm(a) => rm::exec(engine, a),
        ImageGroup::Prune(a) => prune::exec(engine, a),
        ImageGroup::History(a) => history::exec(engine, a),
        ImageGroup::Inspect(a) => inspect::exec(engine, a),
        ImageGroup::Exists(a) => exists::exec(engine, a),
        ImageGroup::Diff(a) => crate::container::diff::exec(engine, a),
        ImageGroup::Search(a) => search::exec(engine, a),
        ImageGroup::Mount(a) => mount::mount(engine, a),
        ImageGroup::Unmount(a) => mount::unmount(engine, a),
        ImageGroup::Tree(a) => tree::exec(engine, a),
    }
}
