//! Pure translators of declarative workload files for skiff: text in, text or typed plans out;
//! no I/O.
//!
//! [`quadlet`] turns Quadlet files (`NAME.container`, `.volume`, `.network`, `.image`) into
//! systemd service units that run skiff, as podman's Quadlet generator does.

pub mod quadlet;
