//! `skiff events`: lifecycle events from the catalog, as docker prints them; streams new ones
//! until interrupted, or returns once `--until` has passed.

use std::io::Write;

use anyhow::Context;
use clap::Args;
use serde_json::json;
use skiff_libpod::container::time::{now_ns, push_rfc3339_nanos};
use skiff_libpod::events::message::Message;
use skiff_libpod::events::{Event, EventFilter, EventQuery, EventSink};
use skiff_libpod::Engine;

use crate::format::{FormatSpec, Template};

/// `skiff events` flags.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Show events since this time: RFC 3339 (2026-12-03T09:00:00Z), unix seconds or a
    /// duration before now (10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Stop at this time (same forms as --since): in the past, print the stored events and
    /// return; in the future, follow new events until then
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Show only matching events: type, event, container, image, volume, network, label
    /// (repeated keys match any value, different keys must all match)
    #[arg(short, long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// Print each event with a Go template (e.g. '{{.Type}} {{.Action}}'), or `json`
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Print whole ids (podman's; the default): --no-trunc=false cuts an object's id to 12
    /// characters in the default lines
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub no_trunc: Option<bool>,
    /// Follow new events (podman's; the default): --stream=false prints the stored events and
    /// returns, as --until with the current time does
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub stream: Option<bool>,
}

/// The fields a `--format` template can read, as docker's events.Message has them.
const FIELDS: &[&str] = &[
    "Status", "ID", "From", "Type", "Action", "Actor", "Scope", "Time", "TimeNano",
];

/// Runs `skiff events`.
pub fn exec(engine: &mut Engine, args: EventsArgs) -> anyhow::Result<i32> {
    let now = now_ns();
    let time = |flag: &str, v: &Option<String>| {
        // docker takes an empty value as none.
        v.as_deref()
            .filter(|v| !v.is_empty())
            .map(|v| EventQuery::parse_time(v, now).with_context(|| format!("--{flag}")))
            .transpose()
    };
    let query = EventQuery {
        since: time("since", &args.since)?,
        until: match time("until", &args.until)? {
            None if args.stream == Some(false) => Some(now),
            until => until,
        },
        filter: EventFilter::parse(&args.filter)?,
    };
    let format = FormatSpec::parse(json_of_root(args.format.as_deref()))?;
    format.check_fields(FIELDS, "events.Message")?;
    let mut printer = Printer {
        format,
        trunc: args.no_trunc == Some(false),
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        failed: None,
    };
    engine.events(&query, &mut printer)?;
    match printer.failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

/// Writes events as `format` asks, buffered until the stream catches up (one write for a
/// bounded query's thousands of lines, one a batch while following).
struct Printer<W: Write> {
    format: FormatSpec,
    /// Cut ids to 12 characters in the default lines (`--no-trunc=false`).
    trunc: bool,
    out: W,
    /// A template that failed on an event (it stops the query).
    failed: Option<anyhow::Error>,
}

impl<W: Write> EventSink for Printer<W> {
    fn event(&mut self, event: &Event) -> bool {
        match line(&self.format, event, self.trunc) {
            Ok(text) => self.out.write_all(text.as_bytes()).is_ok(),
            Err(e) => {
                self.failed = Some(e);
                false
            }
        }
    }

    fn caught_up(&mut self) -> bool {
        self.out.flush().is_ok()
    }
}

/// `{{json .}}` is `json`: docker's template runs on events.Message itself, whose JSON keys
/// are its tags (`status`, `id`, `timeNano`), not the Go names the other fields go by.
fn json_of_root(format: Option<&str>) -> Option<&str> {
    let compact: Option<String> = format.map(|f| f.split_whitespace().collect());
    match compact.as_deref() {
        Some("{{json.}}") => Some("json"),
        _ => format,
    }
}

/// One event as `format` asks, with its newline.
fn line(format: &FormatSpec, event: &Event, trunc: bool) -> anyhow::Result<String> {
    let mut text = match format {
        FormatSpec::Json => serde_json::to_string(&Message::of(event))?,
        FormatSpec::Template(t) | FormatSpec::Table(Some(t)) => render(t, event)?,
        FormatSpec::Default | FormatSpec::Table(None) => default_line(event, trunc),
    };
    text.push('\n');
    Ok(text)
}

/// docker's default line: `TIME TYPE ACTION ACTOR (key=value, ...)`, written into one buffer
/// (no `format!` per field: `events` prints tens of thousands of these at once); with
/// `trunc` an actor that is a 64-digit id shows its first 12.
fn default_line(event: &Event, trunc: bool) -> String {
    let mut text = String::with_capacity(128);
    push_rfc3339_nanos(&mut text, event.time_nano);
    let is_id = event.actor.len() == 64 && event.actor.bytes().all(|b| b.is_ascii_hexdigit());
    let actor = match trunc && is_id {
        true => &event.actor[..12],
        false => &event.actor[..],
    };
    for part in [event.kind.as_str(), &event.action, actor] {
        text.push(' ');
        text.push_str(part);
    }
    for (i, (k, v)) in event.attributes.iter().enumerate() {
        text.push_str(if i == 0 { " (" } else { ", " });
        text.push_str(k);
        text.push('=');
        text.push_str(v);
    }
    if !event.attributes.is_empty() {
        text.push(')');
    }
    text
}

/// Renders a template on the event's fields under docker's Go names (`.Actor.Attributes.name`).
fn render(template: &Template, event: &Event) -> anyhow::Result<String> {
    let m = Message::of(event);
    let data = json!({
        "Status": m.status.unwrap_or_default(),
        "ID": m.id.unwrap_or_default(),
        "From": m.from.unwrap_or_default(),
        "Type": m.kind,
        "Action": m.action,
        "Actor": {"ID": m.actor.id, "Attributes": m.actor.attributes},
        "Scope": m.scope,
        "Time": m.time,
        "TimeNano": m.time_nano,
    });
    Ok(template.render(&data)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use skiff_libpod::events::EventType;

    fn sample() -> Event {
        Event {
            seq: 7,
            time_nano: 1_796_288_400_123_456_789,
            kind: EventType::Container,
            action: "die".into(),
            actor: "3f2a".into(),
            attributes: [("exitCode", "3"), ("image", "busybox"), ("name", "web")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn out(format: Option<&str>, e: &Event) -> String {
        line(&FormatSpec::parse(format).unwrap(), e, false).unwrap()
    }

    #[test]
    fn no_trunc_false_cuts_ids_only() {
        let mut e = sample();
        e.attributes.clear();
        e.actor = "ab".repeat(32);
        let text = line(&FormatSpec::Default, &e, true).unwrap();
        assert_eq!(
            text,
            "2026-12-03T09:00:00.123456789Z container die abababababab\n"
        );
        e.actor = "web-volume-with-a-name-that-is-long-enough-to-be-cut-if-it-were".into();
        let text = line(&FormatSpec::Default, &e, true).unwrap();
        assert!(
            text.ends_with("die web-volume-with-a-name-that-is-long-enough-to-be-cut-if-it-were\n")
        );
    }

    #[test]
    fn default_line_is_dockers() {
        assert_eq!(
            out(None, &sample()),
            "2026-12-03T09:00:00.123456789Z container die 3f2a (exitCode=3, image=busybox, name=web)\n"
        );
        let mut bare = sample();
        bare.attributes.clear();
        assert_eq!(
            out(None, &bare),
            "2026-12-03T09:00:00.123456789Z container die 3f2a\n"
        );
    }

    #[test]
    fn json_has_dockers_fields_in_order() {
        assert_eq!(json_of_root(Some("{{ json . }}")), Some("json"));
        assert_eq!(
            json_of_root(Some("{{json .Actor}}")),
            Some("{{json .Actor}}")
        );
        assert_eq!(
            out(Some("json"), &sample()),
            concat!(
                r#"{"status":"die","id":"3f2a","from":"busybox","Type":"container","Action":"die","#,
                r#""Actor":{"ID":"3f2a","Attributes":{"exitCode":"3","image":"busybox","name":"web"}},"#,
                r#""scope":"local","time":1796288400,"timeNano":1796288400123456789}"#,
                "\n"
            )
        );
        let mut vol = sample();
        vol.kind = EventType::Volume;
        let v: Value = serde_json::from_str(&out(Some("json"), &vol)).unwrap();
        assert!(v.get("status").is_none() && v.get("from").is_none(), "{v}");
    }

    #[test]
    fn templates_read_dockers_go_names() {
        assert_eq!(
            out(
                Some("{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}} {{.From}} {{.TimeNano}}"),
                &sample()
            ),
            "container die web 3 busybox 1796288400123456789\n"
        );
        let bad = FormatSpec::parse(Some("{{.Nope}}")).unwrap();
        assert!(bad.check_fields(FIELDS, "events.Message").is_err());
    }
}
