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
use tokio::sync::{mpsc, oneshot};

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

/// A streamed 200 of `content_type` that starts only with the producer's first chunk: when
/// the producer fails before sending anything (its error arrives on `failed`), the error is the
/// response itself, as docker answers a pull of a missing tag 404 rather than 200 and an error
/// line. After the first chunk, the producer's chunks follow until it drops its sender.
pub async fn stream_once_started(
    content_type: &str,
    mut chunks: mpsc::Receiver<Bytes>,
    mut failed: oneshot::Receiver<ApiError>,
) -> Result<Resp, ApiError> {
    let first = tokio::select! {
        biased;
        Ok(e) = &mut failed => return Err(e),
        first = chunks.recv() => first,
    };
    // The producer sends its error before it drops the sender, so a closed channel with
    // nothing in it means the error is waiting.
    let Some(first) = first else {
        return match failed.try_recv() {
            Ok(e) => Err(e),
            Err(_) => Ok(empty(StatusCode::OK)),
        };
    };
    let (resp, tx) = stream(content_type);
    tokio::spawn(async move {
        let mut next = Some(first);
        while let Some(chunk) = next {
            if tx.send(chunk).await.is_err() {
                return;
            }
            next = chunks.recv().await;
        }
    });
    Ok(resp)
}

/// A streamed 200 of `content_type` whose body is what `reader` yields (a pipe another
/// thread writes), read on a thread of its own until its end.
pub fn from_reader(content_type: &str, reader: impl std::io::Read + Send + 'static) -> Resp {
    let (resp, tx) = stream(content_type);
    std::thread::spawn(move || {
        let mut reader = reader;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.blocking_send(Bytes::copy_from_slice(&buf[..n])).is_err() {
                        break;
                    }
                }
            }
        }
    });
    resp
}

/// Copies a request body into the pipe `w` (from a thread of its own: a pipe write blocks)
/// until the body ends or the reader goes away, then closes it.
pub async fn into_pipe(
    body: hyper::body::Incoming,
    w: std::io::PipeWriter,
) -> crate::error::ApiResult<()> {
    use http_body_util::BodyExt;
    use std::io::Write;
    // Bounded: a slow reader holds the client back instead of the upload piling up here.
    let (tx, mut rx) = mpsc::channel::<Bytes>(16);
    let writer = std::thread::spawn(move || {
        let mut w = w;
        while let Some(chunk) = rx.blocking_recv() {
            if w.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let mut body = body;
    let mut result = Ok(());
    // Once the reader has stopped (it failed, say on a bad `changes`), the rest of the body
    // is read and dropped: a reply sent mid-upload reaches the client as a broken pipe
    // instead of the reader's error.
    let mut reading = true;
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(frame) => {
                if let Ok(data) = frame.into_data() {
                    if reading && tx.send(data).await.is_err() {
                        reading = false;
                    }
                }
            }
            Err(e) => {
                result = Err(crate::error::ApiError::bad_request(format!(
                    "reading the request body: {e}"
                )));
                break;
            }
        }
    }
    drop(tx);
    let _ = tokio::task::spawn_blocking(move || writer.join()).await;
    result
}
