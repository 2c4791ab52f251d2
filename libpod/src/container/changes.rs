//! `commit -c` and `import -c`: Dockerfile instructions applied to an image's `config` object
//! as docker's daemon applies them, through the Dockerfile parser and the build's own
//! config steps (quotes and escapes, `$VAR` from the image's environment, a relative WORKDIR
//! joined to the current one, port ranges). Pure: no I/O.

use serde_json::{Map, Value};
use skiff_dockerfile::Instruction;
use skiff_storage::config::ContainerConfig;

use crate::build::config::{apply, StageFlags};

/// The instructions a change may hold: docker's list, and podman's STOPSIGNAL.
const ALLOWED: &[&str] = &[
    "CMD",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "HEALTHCHECK",
    "LABEL",
    "ONBUILD",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// The `config` keys the instructions above may change.
const KEYS: &[&str] = &[
    "Cmd",
    "Entrypoint",
    "Env",
    "ExposedPorts",
    "Healthcheck",
    "Labels",
    "OnBuild",
    "StopSignal",
    "User",
    "Volumes",
    "WorkingDir",
];

/// Parses one change (`ENV PATH=/x:$PATH`, or podman's `CMD=/bin/sh`) into its instruction,
/// unexpanded.
fn parse(change: &str) -> Result<Instruction, String> {
    let bad = |why: &str| format!("invalid change {change:?}: {why}");
    let podmans = change
        .split_once('=')
        .filter(|(k, _)| ALLOWED.contains(&k.to_ascii_uppercase().as_str()));
    let spaced;
    let change = match podmans {
        Some((keyword, value)) => {
            spaced = format!("{keyword} {value}");
            spaced.as_str()
        }
        None => change,
    };
    if change.contains('\n') {
        return Err(bad("one instruction per change, on one line"));
    }
    let keyword = change.split_whitespace().next().unwrap_or_default();
    if !ALLOWED.contains(&keyword.to_ascii_uppercase().as_str()) {
        return Err(bad(&format!(
            "{keyword} cannot be changed; use {}",
            ALLOWED.join(", ")
        )));
    }
    let file =
        skiff_dockerfile::parse(&format!("FROM scratch\n{change}")).map_err(|e| bad(&e.message))?;
    match file.stages.first().map(|s| s.steps.as_slice()) {
        Some([step]) => Ok(step.instruction.clone()),
        _ => Err(bad("use INSTRUCTION VALUE, e.g. 'CMD [\"sh\"]'")),
    }
}

/// Applies `changes` in order to `config` (an image config's `config` object, docker's keys).
/// Variables expand from the environment as each change finds it; an ENTRYPOINT clears the
/// command unless a change before it set one, as docker's. Keys the changes leave alone keep
/// their form (a null stays null).
pub fn apply_changes(config: &mut Map<String, Value>, changes: &[String]) -> Result<(), String> {
    if changes.is_empty() {
        return Ok(());
    }
    let before = Value::Object(config.clone());
    let mut typed: ContainerConfig = serde_json::from_value(before.clone())
        .map_err(|e| format!("the image's config cannot take changes: {e}"))?;
    let mut flags = StageFlags::default();
    for change in changes {
        let change = change.trim();
        let instruction = parse(change)?;
        let scope: std::collections::BTreeMap<String, String> = typed
            .env
            .iter()
            .filter_map(|e| e.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let expanded = instruction
            .expand(&scope, '\\')
            .map_err(|e| format!("invalid change {change:?}: {e}"))?;
        apply(&mut typed, &mut flags, &expanded)
            .map_err(|e| format!("invalid change {change:?}: {e}"))?;
    }
    let after = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    for key in KEYS {
        let old = before.get(*key).filter(|v| !v.is_null());
        let new = after.get(*key);
        // The typed config drops empty values: a key it cleared (an ENTRYPOINT's Cmd) goes
        // as null, one it only re-read (`"User": ""`, `"Labels": {}`) stays as it was.
        match (old, new) {
            (Some(o), Some(n)) if o == n => {}
            (None, None) => {}
            (_, Some(n)) => {
                config.insert(key.to_string(), n.clone());
            }
            (Some(o), None) if !is_empty(o) => {
                config.insert(key.to_string(), Value::Null);
            }
            (Some(_), None) => {}
        }
    }
    Ok(())
}

/// An empty string, list or map: what the typed config leaves out.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn applied(base: Value, changes: &[&str]) -> Result<Map<String, Value>, String> {
        let mut c = base.as_object().cloned().unwrap();
        let changes: Vec<String> = changes.iter().map(|s| s.to_string()).collect();
        apply_changes(&mut c, &changes)?;
        Ok(c)
    }

    #[test]
    fn changes_apply_like_a_dockerfile() {
        let c = applied(
            json!({"Env": ["A=1", "B=2"], "Cmd": ["sh"], "Hostname": "kept"}),
            &[
                r#"CMD ["echo", "hi"]"#,
                "ENTRYPOINT /bin/run",
                "ENV B=3 C=4",
                "LABEL k=v",
                "EXPOSE 80 53/udp",
                "USER nobody",
                "WORKDIR /srv",
                "VOLUME /data",
                "STOPSIGNAL SIGINT",
            ],
        )
        .unwrap();
        // A CMD before the ENTRYPOINT stays.
        assert_eq!(c["Cmd"], json!(["echo", "hi"]));
        assert_eq!(c["Entrypoint"], json!(["/bin/sh", "-c", "/bin/run"]));
        assert_eq!(c["Env"], json!(["A=1", "B=3", "C=4"]));
        assert_eq!(c["Labels"], json!({"k": "v"}));
        assert_eq!(c["ExposedPorts"], json!({"80/tcp": {}, "53/udp": {}}));
        assert_eq!(c["Volumes"], json!({"/data": {}}));
        assert_eq!(c["StopSignal"], json!("SIGINT"));
        assert_eq!(
            (c["User"].clone(), c["WorkingDir"].clone()),
            (json!("nobody"), json!("/srv"))
        );
        assert_eq!(c["Hostname"], json!("kept"), "keys no change names stay");
    }

    #[test]
    fn podman_s_instruction_equals_value_form() {
        let c = applied(
            json!({"Env": ["A=1"], "Cmd": ["sh"]}),
            &["CMD=/bin/bash", "ENV=B=2", "workdir=/srv", "LABEL=k=v"],
        )
        .unwrap();
        assert_eq!(c["Cmd"], json!(["/bin/sh", "-c", "/bin/bash"]));
        assert_eq!(c["Env"], json!(["A=1", "B=2"]));
        assert_eq!(c["WorkingDir"], json!("/srv"));
        assert_eq!(c["Labels"], json!({"k": "v"}));
        assert!(applied(json!({}), &["RUN=true"]).is_err());
    }

    #[test]
    fn quotes_escapes_variables_and_paths_as_docker_reads_them() {
        let c = applied(
            json!({"Env": ["PATH=/usr/bin", "HOME=/root"], "WorkingDir": "/a"}),
            &[
                "ENV PATH=/x:$PATH",
                r#"ENV A="x y" B=z\ w C=${HOME}/bin"#,
                r#"LABEL "a b"=c d=4\ 5"#,
                "WORKDIR b",
                "EXPOSE 7000-7001",
            ],
        )
        .unwrap();
        assert_eq!(
            c["Env"],
            json!([
                "PATH=/x:/usr/bin",
                "HOME=/root",
                "A=x y",
                "B=z w",
                "C=/root/bin"
            ])
        );
        assert_eq!(c["Labels"], json!({"a b": "c", "d": "4 5"}));
        assert_eq!(c["WorkingDir"], json!("/a/b"));
        assert_eq!(c["ExposedPorts"], json!({"7000/tcp": {}, "7001/tcp": {}}));
        let base = json!({"Cmd": ["sh"], "Entrypoint": null, "User": "", "Labels": {}});
        let c = applied(base, &["WORKDIR rel"]).unwrap();
        assert_eq!(c["WorkingDir"], json!("/rel"));
        assert_eq!(
            (&c["User"], &c["Labels"]),
            (&json!(""), &json!({})),
            "empty stays empty"
        );
        assert_eq!(
            c["Entrypoint"],
            json!(null),
            "a null no change names stays null"
        );
    }

    #[test]
    fn an_entrypoint_alone_clears_the_command_and_others_are_refused() {
        let c = applied(json!({"Cmd": ["sh"]}), &["ENTRYPOINT [\"top\"]"]).unwrap();
        assert_eq!(c["Cmd"], json!(null));
        let c = applied(json!({}), &["HEALTHCHECK CMD true", "ONBUILD RUN make"]).unwrap();
        assert_eq!(c["Healthcheck"]["Test"], json!(["CMD-SHELL", "true"]));
        assert_eq!(c["OnBuild"], json!(["RUN make"]));
        for bad in [
            "RUN rm -rf /",
            "CMD",
            "FROM x",
            "SHELL [\"sh\"]",
            "COPY a b",
            "",
        ] {
            assert!(applied(json!({}), &[bad]).is_err(), "{bad}");
        }
        assert!(applied(json!({}), &["ENV A=1\nRUN x"]).is_err());
    }

    proptest::proptest! {
        #[test]
        fn changes_never_panic(s in ".{0,40}", t in "(CMD|ENV|LABEL|WORKDIR|EXPOSE) .{0,30}") {
            let mut c = Map::new();
            let _ = apply_changes(&mut c, &[s, t]);
        }
    }
}
