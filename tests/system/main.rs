//! System tests: they drive the built `skiff` binary and assert on real effects.
//! Run by `tests/ci.sh` as root and as an unprivileged user; see tests/README.md.
//! Each area has one module; add yours below `harness` (its macros are visible after it).
#[macro_use]
mod harness;

mod api;
mod api_attach;
mod api_compose;
mod attach;
mod build;
mod cgroups;
mod check;
mod cli;
mod commit;
mod containers;
mod cp;
mod devices;
mod docker_cli;
mod docker_flags;
mod escape;
mod events;
mod health;
mod image_config;
mod images;
mod init;
mod manifests;
mod network;
mod network_ipv6;
mod networks;
mod push;
mod registry;
mod run_flags;
mod run_flags2;
mod security;
mod system_cmds;
mod userns;
