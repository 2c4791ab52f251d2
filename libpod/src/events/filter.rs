//! `events --filter`: docker's keys and rules (values of one key OR-ed, different keys AND-ed,
//! every `label` filter must match).

use std::collections::BTreeMap;

use super::{Event, EventType};
use crate::error::{Error, Result};

/// The keys `events --filter` accepts.
const KEYS: &[&str] = &[
    "type",
    "event",
    "container",
    "image",
    "volume",
    "network",
    "label",
];

/// Parsed `--filter key=value` arguments of `events`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    by_key: BTreeMap<String, Vec<String>>,
}

impl EventFilter {
    /// Parses `key=value` arguments; an unknown key or type is an error that lists the valid ones.
    pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<EventFilter> {
        let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for arg in args {
            let arg = arg.as_ref();
            let Some((key, value)) = arg.split_once('=') else {
                return Err(Error::InvalidArgument(format!(
                    "bad format of filter {arg:?} (expected name=value)"
                )));
            };
            let key = key.trim().to_lowercase();
            if !KEYS.contains(&key.as_str()) {
                return Err(Error::InvalidArgument(format!(
                    "invalid filter {key:?}: the filters events accepts are: {}",
                    KEYS.join(", ")
                )));
            }
            if key == "type" && EventType::parse(value).is_none() {
                return Err(Error::InvalidArgument(format!(
                    "invalid event type {value:?}: use container, image, volume, network or pod"
                )));
            }
            by_key.entry(key).or_default().push(value.to_string());
        }
        Ok(EventFilter { by_key })
    }

    /// True when `event` passes every filter.
    pub fn matches(&self, event: &Event) -> bool {
        let attr = |k: &str| event.attributes.get(k).map(String::as_str);
        let of_kind = |k: EventType| event.kind == k;
        self.any("type", |v| v == event.kind.as_str())
            && self.any("event", |v| {
                event.action == v
                    || event
                        .action
                        .strip_prefix(v)
                        .is_some_and(|rest| rest.starts_with(':'))
            })
            && self.any("container", |v| {
                of_kind(EventType::Container) && names_object(event, v)
            })
            && self.any("image", |v| {
                let image = match event.kind {
                    EventType::Image => [Some(event.actor.as_str()), attr("name")],
                    EventType::Container => [attr("image"), None],
                    _ => [None, None],
                };
                image.into_iter().flatten().any(|i| same_image(i, v))
            })
            && self.any("volume", |v| of_kind(EventType::Volume) && event.actor == v)
            && self.any("network", |v| {
                of_kind(EventType::Network) && names_object(event, v)
            })
            && self.get("label").iter().all(|f| match f.split_once('=') {
                Some((k, v)) => attr(k) == Some(v),
                None => attr(f).is_some(),
            })
    }

    fn get(&self, key: &str) -> &[String] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// True when `key` was not given, or when `pred` holds for one of its values.
    fn any(&self, key: &str, pred: impl Fn(&str) -> bool) -> bool {
        match self.by_key.get(key) {
            None => true,
            Some(values) => values.iter().any(|v| pred(v)),
        }
    }
}

/// docker's match of a container or network by its name, its id, or a prefix of its id.
fn names_object(event: &Event, value: &str) -> bool {
    !value.is_empty()
        && (event.actor.starts_with(value)
            || event.attributes.get("name").is_some_and(|n| n == value))
}

/// True when `image` (as recorded) is the image `value` names: the same reference, the same
/// with docker's implied `:latest`, or any tag of the repository when `value` has no tag.
fn same_image(image: &str, value: &str) -> bool {
    if image == value || image == format!("{value}:latest") {
        return true;
    }
    let untagged = |s: &str| match s.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => repo.to_string(),
        _ => s.to_string(),
    };
    !value.contains('@') && untagged(value) == value && untagged(image) == value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventType, action: &str, actor: &str, attrs: &[(&str, &str)]) -> Event {
        Event {
            seq: 1,
            time_nano: 1,
            kind,
            action: action.to_string(),
            actor: actor.to_string(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn web() -> Event {
        event(
            EventType::Container,
            "start",
            "3f2a9c",
            &[
                ("name", "web"),
                ("image", "busybox:latest"),
                ("tier", "front"),
            ],
        )
    }

    fn m(args: &[&str], e: &Event) -> bool {
        EventFilter::parse(args).unwrap().matches(e)
    }

    #[test]
    fn no_filter_matches_everything() {
        assert!(m(&[], &web()));
    }

    #[test]
    fn values_of_one_key_or_and_keys_and() {
        let e = web();
        assert!(m(&["event=stop", "event=start"], &e));
        assert!(!m(&["event=stop", "event=die"], &e));
        assert!(m(&["type=container", "event=start", "container=web"], &e));
        assert!(!m(&["type=container", "event=start", "container=db"], &e));
        assert!(!m(&["type=image", "event=start"], &e));
    }

    #[test]
    fn container_by_name_id_or_id_prefix_only_for_containers() {
        let e = web();
        assert!(m(&["container=web"], &e));
        assert!(m(&["container=3f2a9c"], &e));
        assert!(m(&["container=3f2"], &e));
        assert!(!m(&["container=we"], &e));
        assert!(!m(&["container="], &e));
        let net = event(EventType::Network, "create", "3f2a9c", &[("name", "web")]);
        assert!(!m(&["container=web"], &net));
        assert!(m(&["network=web"], &net));
        assert!(m(&["network=3f2a"], &net));
    }

    #[test]
    fn image_matches_containers_and_images_with_implied_latest() {
        let e = web();
        assert!(m(&["image=busybox"], &e));
        assert!(m(&["image=busybox:latest"], &e));
        assert!(!m(&["image=busybox:1"], &e));
        assert!(!m(&["image=alpine"], &e));
        let tag = event(
            EventType::Image,
            "tag",
            "sha256:ab",
            &[("name", "reg:5000/app:v1")],
        );
        assert!(m(&["image=reg:5000/app"], &tag));
        assert!(m(&["image=reg:5000/app:v1"], &tag));
        assert!(m(&["image=sha256:ab"], &tag));
        assert!(!m(&["image=reg:5000/app:v2"], &tag));
        assert!(!m(&["image=reg"], &tag));
    }

    #[test]
    fn volume_and_labels() {
        let v = event(EventType::Volume, "create", "data", &[("driver", "local")]);
        assert!(m(&["volume=data"], &v));
        assert!(!m(&["volume=dat"], &v));
        assert!(!m(&["volume=web"], &web()));
        assert!(m(&["label=tier"], &web()));
        assert!(m(&["label=tier=front", "label=name=web"], &web()));
        assert!(!m(&["label=tier=back"], &web()));
        assert!(!m(&["label=tier", "label=x"], &web()));
    }

    #[test]
    fn event_matches_the_part_before_a_colon() {
        let h = event(EventType::Container, "health_status: healthy", "1", &[]);
        assert!(m(&["event=health_status"], &h));
        assert!(m(&["event=health_status: healthy"], &h));
        assert!(!m(&["event=health"], &h));
    }

    #[test]
    fn bad_filters_say_what_is_accepted() {
        let e = EventFilter::parse(&["colour=red"]).unwrap_err().to_string();
        assert!(e.contains("type, event, container"), "{e}");
        let e = EventFilter::parse(&["type"]).unwrap_err().to_string();
        assert!(e.contains("name=value"), "{e}");
        let e = EventFilter::parse(&["type=plugin"])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("container, image, volume, network or pod"),
            "{e}"
        );
        assert!(EventFilter::parse(&["type=pod"]).is_ok());
    }
}
