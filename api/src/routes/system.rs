//! `_ping`, `version` and `info`.

use hyper::{Method, StatusCode};
use serde_json::Value;

use crate::body::{self, Resp};
use crate::error::ApiResult;
use crate::router::Ctx;
use crate::version::{MAX_API_VERSION, MIN_API_VERSION};

/// `GET|HEAD /_ping`: `OK` (no body for HEAD), with the version headers every response has.
pub fn ping(method: &Method) -> Resp {
    let text = if method == Method::HEAD { "" } else { "OK" };
    let mut r = body::full(StatusCode::OK, "text/plain; charset=utf-8", text);
    r.headers_mut().insert(
        "Cache-Control",
        "no-cache, no-store, must-revalidate"
            .parse()
            .expect("header"),
    );
    r.headers_mut()
        .insert("Pragma", "no-cache".parse().expect("header"));
    r
}

/// `GET /version`: the engine's version document, with the API range served here.
pub fn version() -> Resp {
    let mut v: Value = skiff_libpod::info::version()["Server"].clone();
    v["ApiVersion"] = MAX_API_VERSION.into();
    v["MinAPIVersion"] = MIN_API_VERSION.into();
    v["GoVersion"] = "".into();
    v["GitCommit"] = "".into();
    v["BuildTime"] = "".into();
    v["Components"] = serde_json::json!([{
        "Name": "Engine",
        "Version": v["Version"],
        "Details": {
            "ApiVersion": MAX_API_VERSION,
            "MinAPIVersion": MIN_API_VERSION,
            "Os": v["Os"],
            "Arch": v["Arch"],
            "KernelVersion": v["KernelVersion"],
            "Experimental": "false",
            "GitCommit": "",
            "GoVersion": "",
            "BuildTime": "",
        },
    }]);
    body::json(&v)
}

/// `GET /info`.
pub async fn info(ctx: Ctx) -> ApiResult<Resp> {
    let v = ctx.state.engine(|e| Ok(e.info()?)).await?;
    Ok(body::json(&v))
}
