//! The multi-document YAML reader: text -> typed [`Document`]s, with errors that name the
//! document (1-based, in file order) and the field.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_yaml_ng::Value;

use super::types::{ConfigMap, Deployment, PersistentVolumeClaim, Pod, Secret};

/// One document of a Kubernetes YAML file, by its `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// `kind: Pod`.
    Pod(Pod),
    /// `kind: Deployment`.
    Deployment(Deployment),
    /// `kind: DaemonSet`: its pod template, read in a Deployment's shape (one node: one pod).
    DaemonSet(Deployment),
    /// `kind: Job`: its pod template, read in a Deployment's shape (the pod runs to its end).
    Job(Deployment),
    /// `kind: ConfigMap`.
    ConfigMap(ConfigMap),
    /// `kind: Secret`.
    Secret(Secret),
    /// `kind: PersistentVolumeClaim`.
    Claim(PersistentVolumeClaim),
    /// `kind: Service`: read and left alone (a local pod publishes its `hostPort`s itself).
    Service,
}

/// Why a file is not Kubernetes YAML skiff can play.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("document {doc}{}: {}{message}", what.as_deref().map(|w| format!(" ({w})")).unwrap_or_default(), field.as_deref().map(|f| format!("field {f}: ")).unwrap_or_default())]
pub struct ReadError {
    /// The document's number, 1-based.
    pub doc: usize,
    /// Its kind and name, when they were read.
    pub what: Option<String>,
    /// The path of the field at fault (`spec.containers[0].image`), when there is one.
    pub field: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

/// The kinds skiff plays, for messages.
pub const KINDS: &str = "Pod, Deployment, DaemonSet, Job, ConfigMap, Secret, \
     PersistentVolumeClaim (and Service, which is ignored)";

/// Reads every document of `text`; empty documents (a stray `---`) are skipped.
pub fn read_documents(text: &str) -> Result<Vec<Document>, ReadError> {
    let mut docs = Vec::new();
    for (i, de) in serde_yaml_ng::Deserializer::from_str(text).enumerate() {
        let doc = i + 1;
        let value = Value::deserialize(de).map_err(|e| ReadError {
            doc,
            what: None,
            field: None,
            message: format!("not YAML: {e}"),
        })?;
        if value.is_null() {
            continue;
        }
        docs.push(read_document(doc, value)?);
    }
    Ok(docs)
}

fn read_document(doc: usize, value: Value) -> Result<Document, ReadError> {
    let err = |what: Option<String>, field: &str, message: String| ReadError {
        doc,
        what,
        field: (!field.is_empty()).then(|| field.to_string()),
        message,
    };
    if !value.is_mapping() {
        return Err(err(
            None,
            "",
            "not a Kubernetes object: a document must be a mapping with apiVersion, kind, \
             metadata"
                .into(),
        ));
    }
    let Some(kind) = value
        .get("kind")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return Err(err(
            None,
            "kind",
            format!("missing or not a string: give one of {KINDS}"),
        ));
    };
    let name = value
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str);
    let what = Some(match name {
        Some(n) => format!("{kind} {n}"),
        None => kind.clone(),
    });
    let at = |(field, message): (String, String)| err(what.clone(), &field, message);
    Ok(match kind.as_str() {
        "Pod" => Document::Pod(typed(value).map_err(at)?),
        "Deployment" => Document::Deployment(typed(value).map_err(at)?),
        "DaemonSet" => Document::DaemonSet(typed(value).map_err(at)?),
        "Job" => Document::Job(typed(value).map_err(at)?),
        "ConfigMap" => Document::ConfigMap(typed(value).map_err(at)?),
        "Secret" => Document::Secret(typed(value).map_err(at)?),
        "PersistentVolumeClaim" => Document::Claim(typed(value).map_err(at)?),
        "Service" => Document::Service,
        other => {
            return Err(err(
                what.clone(),
                "kind",
                format!("{other:?} is not supported: skiff plays {KINDS}"),
            ))
        }
    })
}

/// Deserializes `value` as `T`, or the failing field's path and the reason.
fn typed<T: DeserializeOwned>(value: Value) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        (path, e.into_inner().to_string())
    })
}
