//! What a single engine answers for docker's swarm and plugin endpoints: skiff has neither
//! swarm mode nor engine plugins, so clients get docker's own answers for a node that is not
//! a swarm manager and has no plugins installed, instead of a route that does not exist.

use hyper::StatusCode;
use serde_json::json;

use crate::body::{self, Resp};
use crate::error::{ApiError, ApiResult};

/// The first path segments of docker's swarm-mode objects.
pub const SWARM_OBJECTS: [&str; 6] = ["swarm", "nodes", "services", "tasks", "secrets", "configs"];

/// docker's 503 for any swarm-mode request on a node that is not a manager; `swarm init` and
/// `swarm join` themselves say that this engine has no swarm mode to turn on.
pub fn not_a_manager(segs: &[&str]) -> ApiError {
    let message = match segs {
        ["swarm", "init" | "join"] => {
            "skiff is a single engine without swarm mode: run the services with `skiff compose` \
             or `skiff kube play` instead"
        }
        _ => {
            "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" \
             to connect this node to swarm and try again."
        }
    };
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
}

/// `GET /plugins`: no engine plugins are installed.
pub fn plugins() -> Resp {
    body::json(&json!([]))
}

/// `GET /plugins/{name}/json` and the other requests about one plugin: none exists.
pub fn no_such_plugin(name: &str) -> ApiResult<Resp> {
    Err(ApiError::not_found(format!("plugin {name:?} not found")))
}
