//! The credentials docker clients send with a request: `X-Registry-Auth` (one registry's, with
//! a pull or push) and `X-Registry-Config` (every registry's, with a build). Each is base64url
//! JSON of docker's AuthConfig (`username`/`password`, or `auth` = base64 `user:password`).

use base64::Engine as _;
use serde_json::Value;
use skiff_libpod::image::login::Credentials;

use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};

/// The credentials of the `X-Registry-Auth` header, when it has any.
pub fn auth_header(ctx: &Ctx) -> ApiResult<Option<Credentials>> {
    match header(ctx, "X-Registry-Auth") {
        Some(text) => decode_auth(text).map_err(ApiError::bad_request),
        None => Ok(None),
    }
}

/// The per-registry credentials of the `X-Registry-Config` header, keyed as docker's
/// config.json keys them.
pub fn config_header(ctx: &Ctx) -> ApiResult<Vec<(String, Credentials)>> {
    match header(ctx, "X-Registry-Config") {
        Some(text) => decode_config(text).map_err(ApiError::bad_request),
        None => Ok(Vec::new()),
    }
}

fn header<'a>(ctx: &'a Ctx, name: &str) -> Option<&'a str> {
    let text = ctx.req.headers().get(name)?.to_str().ok()?.trim();
    (!text.is_empty()).then_some(text)
}

/// Decodes an `X-Registry-Auth` value: None when it names no user (docker sends `{}` and
/// anonymous pulls need nothing).
pub fn decode_auth(text: &str) -> Result<Option<Credentials>, String> {
    let doc = decode_json(text, "X-Registry-Auth")?;
    Ok(credentials_of(&doc))
}

/// Decodes an `X-Registry-Config` value: `{"registry": AuthConfig, ...}`; entries without a
/// user are left out.
pub fn decode_config(text: &str) -> Result<Vec<(String, Credentials)>, String> {
    let doc = decode_json(text, "X-Registry-Config")?;
    let Value::Object(entries) = doc else {
        return Err("X-Registry-Config is not base64 of a JSON object".into());
    };
    Ok(entries
        .iter()
        .filter_map(|(k, v)| credentials_of(v).map(|c| (k.clone(), c)))
        .collect())
}

fn decode_json(text: &str, name: &str) -> Result<Value, String> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .or_else(|_| base64::engine::general_purpose::STANDARD.decode(text))
        .map_err(|_| format!("{name} is not base64"))?;
    serde_json::from_slice(&raw).map_err(|_| format!("{name} is not base64 of a JSON object"))
}

/// The user and password of one AuthConfig: its `username`/`password`, else its `auth`.
fn credentials_of(doc: &Value) -> Option<Credentials> {
    let field = |k: &str| doc.get(k).and_then(Value::as_str).unwrap_or("");
    if !field("username").is_empty() {
        return Some(Credentials {
            username: field("username").to_string(),
            password: field("password").to_string(),
        });
    }
    let pair = base64::engine::general_purpose::STANDARD
        .decode(field("auth"))
        .ok()
        .and_then(|b| String::from_utf8(b).ok())?;
    let (user, password) = pair.split_once(':')?;
    (!user.is_empty()).then(|| Credentials {
        username: user.to_string(),
        password: password.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn b64url(s: &str) -> String {
        base64::engine::general_purpose::URL_SAFE.encode(s)
    }

    #[test]
    fn auth_reads_username_and_password_or_the_auth_pair() {
        let c = decode_auth(&b64url(r#"{"username":"u","password":"p:q"}"#))
            .unwrap()
            .unwrap();
        assert_eq!((c.username.as_str(), c.password.as_str()), ("u", "p:q"));
        let pair = base64::engine::general_purpose::STANDARD.encode("me:se:cret");
        let c = decode_auth(&b64url(&format!(r#"{{"auth":"{pair}"}}"#)))
            .unwrap()
            .unwrap();
        assert_eq!(
            (c.username.as_str(), c.password.as_str()),
            ("me", "se:cret")
        );
        assert_eq!(decode_auth(&b64url("{}")).unwrap(), None);
        assert!(decode_auth("not base64!").is_err());
        assert!(decode_auth(&b64url("[1]")).unwrap().is_none());
    }

    #[test]
    fn config_keeps_each_registry_with_a_user() {
        let text = b64url(
            r#"{"127.0.0.1:5000":{"username":"a","password":"b"},
                "https://index.docker.io/v1/":{"auth":"aHViOnB3"},
                "quay.io":{}}"#,
        );
        let got = decode_config(&text).unwrap();
        let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["127.0.0.1:5000", "https://index.docker.io/v1/"]);
        assert_eq!(got[1].1.username, "hub");
        assert!(decode_config(&b64url(r#""text""#)).is_err());
    }

    proptest! {
        #[test]
        fn any_header_text_is_an_answer_not_a_panic(text in ".{0,200}") {
            let _ = decode_auth(&text);
            let _ = decode_config(&text);
        }

        #[test]
        fn any_user_and_password_round_trip(user in "[^:]{1,20}", password in ".{0,20}") {
            let doc = serde_json::json!({"username": user, "password": password}).to_string();
            let c = decode_auth(&b64url(&doc)).unwrap().unwrap();
            prop_assert_eq!((c.username, c.password), (user, password));
        }
    }
}
