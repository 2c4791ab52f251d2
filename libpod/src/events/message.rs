//! docker's JSON message of an event (`docker events --format json`, the API's `/events`
//! stream), in docker's field order.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Event, EventType};

/// docker's JSON of an event (its field order; `status`, `id` and `from` are the legacy fields
/// docker still writes for containers and images).
#[derive(Debug, Serialize)]
pub struct Message<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The legacy `status` (the action), for containers and images.
    pub status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The legacy `id` (the actor), for containers and images.
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The legacy `from`: a container's image.
    pub from: Option<&'a str>,
    #[serde(rename = "Type")]
    /// `Type`: container, image, volume, network.
    pub kind: &'static str,
    #[serde(rename = "Action")]
    /// `Action`.
    pub action: &'a str,
    #[serde(rename = "Actor")]
    /// `Actor`.
    pub actor: Actor<'a>,
    /// `scope`: always `local`.
    pub scope: &'static str,
    /// `time`: unix seconds.
    pub time: i64,
    #[serde(rename = "timeNano")]
    /// `timeNano`: unix nanoseconds.
    pub time_nano: i64,
}

/// docker's `Actor`.
#[derive(Debug, Serialize)]
pub struct Actor<'a> {
    #[serde(rename = "ID")]
    /// The object's id (a volume's name).
    pub id: &'a str,
    #[serde(rename = "Attributes")]
    /// `Attributes`: name, image, exitCode, labels...
    pub attributes: &'a BTreeMap<String, String>,
}

impl<'a> Message<'a> {
    /// The message of event `e`.
    pub fn of(e: &'a Event) -> Message<'a> {
        let legacy = matches!(e.kind, EventType::Container | EventType::Image);
        let from = match e.kind {
            EventType::Container => e.attributes.get("image").map(String::as_str),
            _ => None,
        };
        Message {
            status: legacy.then_some(e.action.as_str()),
            id: legacy.then_some(e.actor.as_str()),
            from,
            kind: e.kind.as_str(),
            action: &e.action,
            actor: Actor {
                id: &e.actor,
                attributes: &e.attributes,
            },
            scope: "local",
            time: e.time_nano.div_euclid(1_000_000_000),
            time_nano: e.time_nano,
        }
    }
}
