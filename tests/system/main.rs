//! System tests: they drive the built `skiff` binary and assert on real effects.
//! Run by `tests/ci.sh` as root and as an unprivileged user; see tests/README.md.
//! Each area has one module; add yours below `harness` (its macros are visible after it).
#[macro_use]
mod harness;

mod api;
mod api_attach;
mod api_compose;
mod attach;
mod auto_update;
mod build;
mod cgroups;
mod check;
mod cli;
mod commit;
mod containers_conf;
mod cp;
mod devices;
mod docker_cli;
mod docker_flags;
mod escape;
mod events;
mod exec_tty;
mod generate;
mod health;
mod image_config;
mod images;
mod init;
mod inspect;
mod kube;
mod lifecycle;
mod logs;
mod manifests;
mod monitor;
mod network;
mod network_ipv6;
mod networks;
mod pod;
mod podman_flags;
mod podman_flags2;
mod ps;
mod push;
mod quadlet;
mod registry;
mod run_edges;
mod run_flags;
mod run_flags2;
mod run_options;
mod secrets;
mod security;
mod system_cmds;
mod userns;
mod volumes;
