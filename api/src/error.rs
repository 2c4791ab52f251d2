//! Errors as docker's API reports them: a status code and `{"message": "..."}`.

use hyper::StatusCode;
use skiff_libpod::Error;

/// A failed request: the status and the message of docker's error body.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status (404 no such object, 409 conflict, 400 bad input, 500 the rest).
    pub status: StatusCode,
    /// What went wrong, for the client to show.
    pub message: String,
}

impl ApiError {
    /// An error with this status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400: the request itself is wrong.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: no such route or object.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 500: the service failed.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        let status = match &e {
            e if e.is_not_found() => StatusCode::NOT_FOUND,
            // docker's daemon answers a command that cannot start (missing: the client exits
            // 127, not executable: 126) as the request's fault.
            Error::Ambiguous { .. }
            | Error::InvalidArgument(_)
            | Error::CommandNotFound(_)
            | Error::CommandNotExecutable(_) => StatusCode::BAD_REQUEST,
            Error::Conflict(_) => StatusCode::CONFLICT,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, docker_message(&e))
    }
}

/// What docker's daemon says for `e`: its own words for a missing object (scripts grep
/// "no such volume", "network NAME not found"), without the CLI's hint naming skiff
/// commands; else the engine's message.
pub(crate) fn docker_message(e: &Error) -> String {
    match e {
        Error::NotFound { kind, name, .. } => match *kind {
            "volume" => format!("get {name}: no such volume"),
            "network" => format!("network {name} not found"),
            kind => format!("No such {kind}: {name}"),
        },
        other => other.to_string(),
    }
}

/// The result of a route.
pub type ApiResult<T> = Result<T, ApiError>;
