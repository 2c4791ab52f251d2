//! One request as the routes see it: the shared state, the query and the request itself, with
//! the steps many routes take (read a JSON body, answer with what the engine returns, prune,
//! take the connection over).

use std::future::Future;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::Request;
use serde_json::{json, Value};
use skiff_libpod::system::PruneFilter;
use skiff_libpod::Engine;

use crate::body::{self, Resp};
use crate::error::{ApiError, ApiResult};
use crate::hijack;
use crate::query::Query;
use crate::state::State;

/// One request as the routes see it.
pub struct Ctx {
    /// The service's shared state.
    pub state: Arc<State>,
    /// The decoded query string.
    pub query: Query,
    /// The request (its body and, for attach and exec, its connection upgrade).
    pub req: Request<Incoming>,
    /// The API version the client asked for (its path's `/v1.NN/`, else the newest).
    pub version: crate::version::ApiVersion,
}

impl Ctx {
    /// Runs `f` on an engine (see [`State::engine`]) and answers 200 with the document it
    /// returns.
    pub async fn engine_json<F>(&self, f: F) -> ApiResult<Resp>
    where
        F: FnOnce(&mut Engine) -> ApiResult<Value> + Send + 'static,
    {
        Ok(body::json(&self.state.engine(f).await?))
    }

    /// Takes the connection over: `session` runs in a task of its own with the state and the
    /// connection (see [`hijack::answer`]) once the client has read the answer, the service
    /// counting it as busy meanwhile; returns the answer.
    pub fn take_over<F, Fut>(&mut self, tty: bool, session: F) -> Resp
    where
        F: FnOnce(Arc<State>, hijack::Conn) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let (answer, conn) = hijack::answer(&mut self.req, tty, true);
        let state = self.state.clone();
        let busy = state.busy();
        tokio::spawn(async move {
            let _busy = busy;
            if let Some(conn) = conn.await {
                session(state, conn).await;
            }
        });
        answer
    }

    /// Runs prune `f` on an engine with docker's prune `filters` (until, label, label!), an
    /// `until` duration counted back from now.
    pub async fn prune<T, F>(&self, filters: Vec<(String, String)>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Engine, &PruneFilter) -> skiff_libpod::Result<T> + Send + 'static,
    {
        self.state
            .engine(move |e| {
                let filter = PruneFilter::from_filters_now(&filters)?;
                Ok(f(e, &filter)?)
            })
            .await
    }
}

/// The whole body of `req`.
pub async fn read_body(req: Request<Incoming>) -> ApiResult<Bytes> {
    req.into_body()
        .collect()
        .await
        .map(|c| c.to_bytes())
        .map_err(|e| ApiError::bad_request(format!("reading the request body: {e}")))
}

/// The body of `req` as JSON (400 when it is not).
pub async fn read_json(req: Request<Incoming>) -> ApiResult<Value> {
    parse_json(&read_body(req).await?)
}

/// The body of `req` as JSON, `{}` when it is empty (docker's optional bodies).
pub async fn read_json_or_empty(req: Request<Incoming>) -> ApiResult<Value> {
    let raw = read_body(req).await?;
    if raw.is_empty() {
        return Ok(json!({}));
    }
    parse_json(&raw)
}

fn parse_json(raw: &[u8]) -> ApiResult<Value> {
    serde_json::from_slice(raw)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))
}
