//! `GET /distribution/{name}/json`: what a registry serves for a name, without pulling it
//! (docker-py's `images.get_registry_data`, the docker CLI's service and plugin commands).

use serde_json::{json, Value};
use skiff_libpod::image::manifest::Platform;
use skiff_libpod::image::remote::docker_tls_verify;

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::ApiResult;

/// Answers docker's `{"Descriptor": {mediaType, digest, size}, "Platforms": [...]}` for
/// `name` (which may hold slashes and a registry's port).
pub async fn inspect(ctx: Ctx, name: String) -> ApiResult<Resp> {
    let tls_verify = docker_tls_verify(&name);
    let data = ctx
        .state
        .engine(move |e| Ok(e.registry_data(&name, tls_verify)?))
        .await?;
    // Both as the OCI image spec writes them (the engine's types serialise so).
    Ok(body::json(&json!({
        "Descriptor": serde_json::to_value(&data.descriptor).unwrap_or(Value::Null),
        "Platforms": platforms(&data.platforms),
    })))
}

/// The platforms as docker lists them, in the OCI image spec's field names.
fn platforms(list: &[Platform]) -> Value {
    serde_json::to_value(list).unwrap_or_else(|_| Value::Array(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_are_written_in_docker_s_fields() {
        let list = [
            Platform::new("linux", "arm64", Some("v8")),
            Platform::new("linux", "amd64", None),
        ];
        assert_eq!(
            serde_json::to_string(&platforms(&list)).unwrap(),
            r#"[{"architecture":"arm64","os":"linux","variant":"v8"},{"architecture":"amd64","os":"linux"}]"#
        );
    }
}
