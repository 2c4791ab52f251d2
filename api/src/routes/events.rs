//! `GET /events?since&until&filters`: docker's event messages, one JSON object per line,
//! stored ones from `since`, then new ones as they are recorded until `until` (or forever).

use bytes::Bytes;
use skiff_libpod::container::time::now_ns;
use skiff_libpod::events::message::Message;
use skiff_libpod::events::{Event, EventFilter, EventQuery, EventSink};
use tokio::sync::mpsc;

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};

/// Sends each event down the response; stops when the client went away.
struct Lines(mpsc::Sender<Bytes>);

impl EventSink for Lines {
    fn event(&mut self, event: &Event) -> bool {
        let Ok(text) = serde_json::to_string(&Message::of(event)) else {
            return true;
        };
        self.0.blocking_send(Bytes::from(text + "\n")).is_ok()
    }

    fn caught_up(&mut self) -> bool {
        !self.0.is_closed()
    }
}

/// `GET /events`.
pub async fn events(ctx: Ctx) -> ApiResult<Resp> {
    let now = now_ns();
    let time = |key: &str| -> ApiResult<Option<i64>> {
        match ctx.query.get(key).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => EventQuery::parse_time(v, now)
                .map(Some)
                .map_err(ApiError::from),
        }
    };
    let specs = ctx.query.filter_specs()?;
    let query = EventQuery {
        since: time("since")?,
        until: time("until")?,
        filter: EventFilter::parse(&specs)?,
    };
    let (resp, tx) = body::stream("application/json");
    let state = ctx.state.clone();
    tokio::spawn(async move {
        let _ = state
            .engine(move |e| Ok(e.events(&query, &mut Lines(tx))?))
            .await;
    });
    Ok(resp)
}
