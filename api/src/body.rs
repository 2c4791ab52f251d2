//! Response bodies: whole ones (JSON, empty) and streamed ones fed through a channel (logs,
//! pull progress, wait), all one [`Body`] type.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Frame;
use hyper::{Response, StatusCode};
use serde_json::Value;
use tokio::sync::mpsc;

use crate::error::ApiError;

/// A response body: complete, or chunks arriving through a channel until its sender is dropped.
pub enum Body {
    /// The whole body at once.
    Full(Full<Bytes>),
    /// Chunks sent by a producer task.
    Stream(mpsc::Receiver<Bytes>),
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(f) => Pin::new(f).poll_frame(cx),
            Body::Stream(rx) => rx.poll_recv(cx).map(|c| c.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Body::Full(f) => f.is_end_stream(),
            Body::Stream(_) => false,
        }
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            Body::Full(f) => f.size_hint(),
            Body::Stream(_) => hyper::body::SizeHint::default(),
        }
    }
}

/// A response of this service.
pub type Resp = Response<Body>;

/// A response with `status`, `content_type` and a whole body.
pub fn full(status: StatusCode, content_type: &str, data: impl Into<Bytes>) -> Resp {
    let mut r = Response::new(Body::Full(Full::new(data.into())));
    *r.status_mut() = status;
    if !content_type.is_empty() {
        r.headers_mut()
            .insert("Content-Type", content_type.parse().expect("valid header"));
    }
    r
}

/// 200 with `v` as JSON.
pub fn json(v: &Value) -> Resp {
    json_status(StatusCode::OK, v)
}

/// `status` with `v` as JSON.
pub fn json_status(status: StatusCode, v: &Value) -> Resp {
    full(status, "application/json", format!("{v}\n"))
}

/// `status` with no body (204 after stop, 304 for a start of a running container...).
pub fn empty(status: StatusCode) -> Resp {
    full(status, "", Bytes::new())
}

/// docker's error response: the status and `{"message": ...}`.
pub fn error(e: &ApiError) -> Resp {
    json_status(e.status, &serde_json::json!({ "message": e.message }))
}

/// A streamed 200 response of `content_type` and the sender that feeds it.
pub fn stream(content_type: &str) -> (Resp, mpsc::Sender<Bytes>) {
    let (tx, rx) = mpsc::channel(64);
    let mut r = Response::new(Body::Stream(rx));
    r.headers_mut()
        .insert("Content-Type", content_type.parse().expect("valid header"));
    (r, tx)
}
