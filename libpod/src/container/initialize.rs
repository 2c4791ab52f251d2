//! podman's `init`: makes a created (or stopped) container ready to start without starting
//! it. skiff sets a container up at each start (its monitor, namespaces and mounts live only as
//! long as its processes), so what `init` leaves is podman's state, `initialized`, that `ps`,
//! `inspect`, `wait --condition` and the filters show and `start` takes as `created`, and the
//! `init` event.

use super::{rows, State};
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// `init`: a created or exited container becomes `initialized`; returns its id. One that
    /// is initialized, running or paused already is refused, as podman does.
    pub fn init_container(&mut self, name_or_id: &str) -> Result<String> {
        let (_lock, rec) = self.lock_container(name_or_id)?;
        match rec.state {
            State::Created | State::Exited => {}
            State::Initialized => {
                return Err(Error::Conflict(format!(
                    "container {} is initialized already: start it with `skiff start {}`",
                    rec.name, rec.name
                )))
            }
            State::Running | State::Paused | State::Restarting => {
                return Err(Error::Conflict(format!(
                    "container {} is {}: init is for a container that is not running; stop it first",
                    rec.name, rec.state
                )))
            }
            State::Removing | State::Dead => {
                return Err(Error::Conflict(format!(
                    "container {} is {}: it cannot be initialized; remove it with `skiff rm -f {}`",
                    rec.name, rec.state, rec.name
                )))
            }
        }
        self.catalog()?.write(|tx| {
            rows::set_state(tx, &rec.id, State::Initialized)?;
            crate::events::record_container(tx, &rec.id, "init", &[]);
            Ok(())
        })?;
        Ok(rec.id)
    }
}
