//! `GET /distribution/{name}/json`: what a registry serves for a name, without pulling it
//! (docker-py's `images.get_registry_data`, the docker CLI's service and plugin commands).

use serde_json::{json, Value};
use skiff_libpod::image::manifest::Platform;

use crate::body::{self, Resp};
use crate::ctx::Ctx;
use crate::error::ApiResult;
use crate::routes::images::docker_tls_verify;

/// Answers docker's `{"Descriptor": {mediaType, digest, size}, "Platforms": [...]}` for
/// `name` (which may hold slashes and a registry's port).
pub async fn inspect(ctx: Ctx, name: String) -> ApiResult<Resp> {
    let tls_verify = docker_tls_verify(&name);
    let data = ctx
        .state
        .engine(move |e| Ok(e.registry_data(&name, tls_verify)?))
        .await?;
    let d = &data.descriptor;
    Ok(body::json(&json!({
        "Descriptor": {"mediaType": d.media_type, "digest": d.digest.to_string(), "size": d.size},
        "Platforms": data.platforms.iter().map(platform).collect::<Vec<_>>(),
    })))
}

/// A platform with the field names of the OCI image spec, as docker writes it.
fn platform(p: &Platform) -> Value {
    let mut v = json!({"architecture": p.architecture, "os": p.os});
    if let Some(version) = &p.os_version {
        v["os.version"] = version.as_str().into();
    }
    if !p.os_features.is_empty() {
        v["os.features"] = p.os_features.clone().into();
    }
    if let Some(variant) = &p.variant {
        v["variant"] = variant.as_str().into();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_are_written_in_docker_s_fields() {
        let arm = Platform::new("linux", "arm64", Some("v8"));
        assert_eq!(
            serde_json::to_string(&platform(&arm)).unwrap(),
            r#"{"architecture":"arm64","os":"linux","variant":"v8"}"#
        );
        let amd = Platform::new("linux", "amd64", None);
        assert_eq!(
            serde_json::to_string(&platform(&amd)).unwrap(),
            r#"{"architecture":"amd64","os":"linux"}"#
        );
    }
}
