//! A pod's status from its containers' states, as podman computes it (the infra container
//! counts as a member).

use crate::container::State;

/// podman's pod states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodStatus {
    /// No container has run yet (or the pod has none).
    Created,
    /// Every container runs.
    Running,
    /// Some containers run, others do not.
    Degraded,
    /// Every container is paused.
    Paused,
    /// Every container ran and exited.
    Exited,
    /// Some containers exited, none runs.
    Stopped,
    /// A container is in a state that cannot be told (removing, dead).
    Error,
}

impl PodStatus {
    /// podman's word for the status (`pod ps`, `pod inspect`'s `State`).
    pub fn as_str(self) -> &'static str {
        match self {
            PodStatus::Created => "Created",
            PodStatus::Running => "Running",
            PodStatus::Degraded => "Degraded",
            PodStatus::Paused => "Paused",
            PodStatus::Exited => "Exited",
            PodStatus::Stopped => "Stopped",
            PodStatus::Error => "Error",
        }
    }

    /// The status of a pod whose containers are in `states`.
    pub fn of(states: &[State]) -> PodStatus {
        let n = states.len();
        if n == 0 {
            return PodStatus::Created;
        }
        let count = |f: fn(&State) -> bool| states.iter().filter(|s| f(s)).count();
        let running = count(|s| matches!(s, State::Running | State::Restarting));
        let paused = count(|s| *s == State::Paused);
        let stopped = count(|s| *s == State::Exited);
        let created = count(|s| s.is_unstarted());
        if running == n {
            PodStatus::Running
        } else if running > 0 {
            PodStatus::Degraded
        } else if paused == n {
            PodStatus::Paused
        } else if stopped == n {
            PodStatus::Exited
        } else if stopped > 0 {
            PodStatus::Stopped
        } else if running + paused + stopped + created < n {
            PodStatus::Error
        } else {
            PodStatus::Created
        }
    }
}

impl std::fmt::Display for PodStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use State::*;

    #[test]
    fn status_follows_podman() {
        let of = PodStatus::of;
        assert_eq!(of(&[]), PodStatus::Created);
        assert_eq!(of(&[Created, Created]), PodStatus::Created);
        assert_eq!(of(&[Running, Running]), PodStatus::Running);
        assert_eq!(of(&[Running, Created]), PodStatus::Degraded);
        assert_eq!(of(&[Running, Exited]), PodStatus::Degraded);
        assert_eq!(of(&[Paused, Paused]), PodStatus::Paused);
        assert_eq!(of(&[Paused, Exited]), PodStatus::Stopped);
        assert_eq!(of(&[Exited, Exited]), PodStatus::Exited);
        assert_eq!(of(&[Exited, Created]), PodStatus::Stopped);
        assert_eq!(of(&[Dead, Created]), PodStatus::Error);
    }
}
