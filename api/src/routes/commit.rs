//! `POST /commit`: a new image from a container, as `skiff commit` makes it.

use hyper::StatusCode;
use serde_json::{json, Value};
use skiff_libpod::container::commit::CommitOptions;

use crate::body::{self, Resp};
use crate::ctx::{read_json_or_empty, Ctx};
use crate::error::{ApiError, ApiResult};

/// `POST /commit?container=&repo=&tag=&comment=&author=&pause=&changes=` with an optional
/// container configuration as the body: 201 with `{"Id": "sha256:..."}`. `pause` is true
/// unless given (docker's default); each `changes` value may hold several instructions, one a
/// line, as the docker CLI sends `--change`.
pub async fn commit(ctx: Ctx) -> ApiResult<Resp> {
    let q = &ctx.query;
    let container = q
        .non_empty("container")
        .ok_or_else(|| ApiError::bad_request("commit needs the container (container=)"))?
        .to_string();
    let reference = match (q.non_empty("repo"), q.non_empty("tag")) {
        (None, _) => None,
        (Some(repo), Some(tag)) => Some(format!("{repo}:{tag}")),
        (Some(repo), None) => Some(repo.to_string()),
    };
    let mut changes: Vec<String> = q
        .all("changes")
        .iter()
        .flat_map(|c| c.lines())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    let author = q.get("author").unwrap_or_default().to_string();
    let message = q.get("comment").unwrap_or_default().to_string();
    let pause = q.non_empty("pause").is_none() || q.flag("pause");
    changes.extend(config_changes(&read_json_or_empty(ctx.req).await?)?);
    let opts = CommitOptions {
        author,
        message,
        changes,
        pause,
        squash: false,
        manifest_type: None,
        include_volumes: false,
    };
    let id = ctx
        .state
        .engine(move |e| Ok(e.commit_container(&container, reference.as_deref(), &opts)?))
        .await?;
    Ok(body::json_status(
        StatusCode::CREATED,
        &json!({ "Id": format!("sha256:{id}") }),
    ))
}

/// The fields of a commit's body (docker's container configuration) as `--change`
/// instructions: `Cmd`, `Entrypoint`, `Env`, `Labels`, `ExposedPorts`, `WorkingDir`, `User`
/// and `StopSignal`. An `Env` or label value with white space is refused (a change instruction
/// cannot carry it); other fields are not image settings and are passed over, as docker does.
fn config_changes(body: &Value) -> ApiResult<Vec<String>> {
    let mut out = Vec::new();
    let Some(config) = body.as_object() else {
        return Ok(out);
    };
    for (key, instr) in [("Cmd", "CMD"), ("Entrypoint", "ENTRYPOINT")] {
        if let Some(argv) = config.get(key).filter(|v| v.is_array()) {
            out.push(format!("{instr} {argv}"));
        }
    }
    for (key, instr) in [
        ("WorkingDir", "WORKDIR"),
        ("User", "USER"),
        ("StopSignal", "STOPSIGNAL"),
    ] {
        if let Some(v) = config
            .get(key)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
        {
            out.push(format!("{instr} {v}"));
        }
    }
    let no_space = |what: &str, item: String| {
        if item.contains(char::is_whitespace) {
            Err(ApiError::bad_request(format!(
                "commit: the {what} {item:?} holds white space, which a commit's configuration \
                 cannot carry here: set it with `ENV`/`LABEL` in a Dockerfile instead"
            )))
        } else {
            Ok(item)
        }
    };
    for e in config
        .get("Env")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(e) = e.as_str().filter(|e| e.contains('=')) {
            out.push(format!(
                "ENV {}",
                no_space("environment variable", e.to_string())?
            ));
        }
    }
    for (k, v) in config
        .get("Labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let v = v.as_str().unwrap_or_default();
        out.push(format!("LABEL {}", no_space("label", format!("{k}={v}"))?));
    }
    for port in config
        .get("ExposedPorts")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        out.push(format!("EXPOSE {}", port.0));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_becomes_change_instructions() {
        let body = json!({
            "Cmd": ["sh", "-c", "echo hi"],
            "Env": ["A=1", "NOEQUALS"],
            "Labels": {"k": "v"},
            "ExposedPorts": {"80/tcp": {}},
            "WorkingDir": "/srv",
            "User": "",
            "Hostname": "ignored",
        });
        assert_eq!(
            config_changes(&body).unwrap(),
            [
                r#"CMD ["sh","-c","echo hi"]"#,
                "WORKDIR /srv",
                "ENV A=1",
                "LABEL k=v",
                "EXPOSE 80/tcp",
            ]
        );
        assert!(config_changes(&Value::Null).unwrap().is_empty());
        assert!(config_changes(&json!({"Env": ["A=a b"]})).is_err());
    }
}
