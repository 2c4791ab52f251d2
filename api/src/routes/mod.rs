//! The routes, by object: system (`_ping`, version, info), containers, their streams
//! (start, attach, logs, wait), images, registry search.

pub mod archive;
pub mod build;
pub mod commit;
pub mod containers;
pub mod create;
pub mod distribution;
pub mod events;
pub mod exec;
pub mod images;
pub mod networks;
pub mod search;
pub mod stats;
pub mod streams;
pub mod swarm;
pub mod system;
pub mod volumes;
