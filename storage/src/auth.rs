//! Registry credentials in containers-auth.json(5) / docker config.json form:
//! `{"auths": {"host": {"auth": base64("user:password")}}}`, and the credential helpers such a
//! file names (`credHelpers` per registry, `credsStore` for all others).

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde_json::{Map, Value};

pub use crate::credentials::Credentials;

use crate::credhelper::Helper;
use crate::error::{Error, IoContext, Result};
use crate::reference::DOCKER_HUB;

/// The credential files to read, in order, and the one to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthFiles {
    /// Files consulted by [`AuthFiles::lookup`], first match wins.
    pub read: Vec<PathBuf>,
    /// The file [`AuthFiles::store`] and [`AuthFiles::remove`] change.
    pub write: PathBuf,
}

impl AuthFiles {
    /// The files containers-common tools use: `$REGISTRY_AUTH_FILE`,
    /// `$XDG_RUNTIME_DIR/containers/auth.json` (or `/run/containers/<uid>/auth.json`),
    /// `$XDG_CONFIG_HOME/containers/auth.json`, then docker's `config.json`
    /// (`$DOCKER_CONFIG` or `~/.docker`). Writes go to `$REGISTRY_AUTH_FILE` when set, else
    /// to `$DOCKER_CONFIG/config.json` when that variable is set (docker's: a CI job that
    /// points it at its workspace logs in there, and reads it back first), else to the
    /// runtime-dir file.
    pub fn from_env() -> AuthFiles {
        AuthFiles::from_vars(|k| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    /// [`AuthFiles::from_env`] with the environment's non-empty variables given by `var`.
    fn from_vars(var: impl Fn(&str) -> Option<PathBuf>) -> AuthFiles {
        let home = var("HOME");
        let runtime = var("XDG_RUNTIME_DIR")
            .unwrap_or_else(|| {
                PathBuf::from(format!("/run/containers/{}", crate::identity::host_uid()))
            })
            .join("containers/auth.json");
        let mut read = Vec::new();
        let explicit = var("REGISTRY_AUTH_FILE");
        let docker_config = var("DOCKER_CONFIG").map(|d| d.join("config.json"));
        read.extend(explicit.clone());
        if explicit.is_none() {
            read.extend(docker_config.clone());
        }
        read.push(runtime.clone());
        if let Some(config) =
            var("XDG_CONFIG_HOME").or_else(|| home.as_ref().map(|h| h.join(".config")))
        {
            read.push(config.join("containers/auth.json"));
        }
        let docker = docker_config
            .clone()
            .or_else(|| home.as_ref().map(|h| h.join(".docker/config.json")));
        read.extend(docker.filter(|d| !read.contains(d)));
        AuthFiles {
            read,
            write: explicit.or(docker_config).unwrap_or(runtime),
        }
    }

    /// The credentials for `registry` (`host[:port]`, `docker.io` for Docker Hub) from the
    /// first file that has them, asking the credential helper a file names for the registry
    /// before reading that file's `auths`.
    pub fn lookup(&self, registry: &str) -> Result<Option<Credentials>> {
        for path in &self.read {
            let Some(doc) = read_json(path)? else {
                continue;
            };
            if let Some(helper) = helper_in(&doc, path, registry) {
                if let Some(c) = helper.get(&helper_server(registry))? {
                    return Ok(Some(c));
                }
            }
            let Some(auths) = doc.get("auths").and_then(Value::as_object) else {
                continue;
            };
            // An exact key beats a URL-shaped one.
            let mut keys: Vec<&String> =
                auths.keys().filter(|k| key_matches(k, registry)).collect();
            keys.sort_by_key(|k| k.contains("://"));
            for key in keys {
                if let Some(c) = decode_entry(path, key, &auths[key])? {
                    return Ok(Some(c));
                }
            }
        }
        Ok(None)
    }

    /// The credential helper the first file naming one for `registry` names.
    fn helper(&self, registry: &str) -> Result<Option<Helper>> {
        for path in &self.read {
            if let Some(doc) = read_json(path)? {
                if let Some(h) = helper_in(&doc, path, registry) {
                    return Ok(Some(h));
                }
            }
        }
        Ok(None)
    }

    /// Saves `creds` for `registry`: through the credential helper configured for it, else in
    /// the write file (mode 0600, replaced atomically), keeping its other entries. Returns the
    /// file written, or the one naming the helper.
    pub fn store(&self, registry: &str, creds: &Credentials) -> Result<PathBuf> {
        if let Some(helper) = self.helper(registry)? {
            helper.store(&helper_server(registry), creds)?;
            return Ok(helper.named_in);
        }
        let mut doc = read_json(&self.write)?.unwrap_or_else(|| Value::Object(Map::new()));
        let auths = auths_mut(&self.write, &mut doc)?;
        auths.retain(|k, _| !key_matches(k, registry));
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", creds.username, creds.password));
        let mut entry = Map::new();
        entry.insert("auth".to_string(), Value::String(token));
        auths.insert(
            normalise_registry(registry).to_string(),
            Value::Object(entry),
        );
        write_atomically(&self.write, &doc)?;
        Ok(self.write.clone())
    }

    /// Removes the credentials for `registry` from the credential helper configured for it
    /// and from the write file; false when neither had any.
    pub fn remove(&self, registry: &str) -> Result<bool> {
        let erased = match self.helper(registry)? {
            Some(helper) => helper.erase(&helper_server(registry))?,
            None => false,
        };
        Ok(self.remove_from_file(registry)? || erased)
    }

    fn remove_from_file(&self, registry: &str) -> Result<bool> {
        let Some(mut doc) = read_json(&self.write)? else {
            return Ok(false);
        };
        let auths = auths_mut(&self.write, &mut doc)?;
        let before = auths.len();
        auths.retain(|k, _| !key_matches(k, registry));
        if auths.len() == before {
            return Ok(false);
        }
        write_atomically(&self.write, &doc)?;
        Ok(true)
    }

    /// Removes every credential from the write file, keeping its other settings.
    pub fn remove_all(&self) -> Result<()> {
        let Some(mut doc) = read_json(&self.write)? else {
            return Ok(());
        };
        auths_mut(&self.write, &mut doc)?.clear();
        write_atomically(&self.write, &doc)
    }
}

/// Credentials a caller hands over for one operation (podman's `--creds`, the Docker API's
/// `X-Registry-Auth` and `X-Registry-Config` headers), asked before the stored logins.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GivenCredentials {
    /// For whichever registry the operation reaches (`--creds`, `X-Registry-Auth`).
    pub any: Option<Credentials>,
    /// Per registry, keyed as auth files key them (`X-Registry-Config`).
    pub by_registry: Vec<(String, Credentials)>,
}

impl GivenCredentials {
    /// Credentials for every registry.
    pub fn for_any(creds: Credentials) -> GivenCredentials {
        GivenCredentials {
            any: Some(creds),
            by_registry: Vec::new(),
        }
    }

    /// The given credentials for `registry`: those for any registry, else the entry whose key
    /// names it.
    pub fn for_registry(&self, registry: &str) -> Option<Credentials> {
        self.any.clone().or_else(|| {
            self.by_registry
                .iter()
                .find(|(k, _)| key_matches(k, registry))
                .map(|(_, c)| c.clone())
        })
    }

    /// The credentials to use for `registry`: the given ones, else the stored login.
    pub fn lookup(&self, registry: &str) -> Result<Option<Credentials>> {
        match self.for_registry(registry) {
            Some(c) => Ok(Some(c)),
            None => lookup(registry),
        }
    }
}

/// [`AuthFiles::lookup`] with the files from the environment.
pub fn lookup(registry: &str) -> Result<Option<Credentials>> {
    AuthFiles::from_env().lookup(registry)
}

/// [`AuthFiles::store`] with the files from the environment.
pub fn store(registry: &str, creds: &Credentials) -> Result<PathBuf> {
    AuthFiles::from_env().store(registry, creds)
}

/// [`AuthFiles::remove`] with the files from the environment.
pub fn remove(registry: &str) -> Result<bool> {
    AuthFiles::from_env().remove(registry)
}

/// [`AuthFiles::remove_all`] with the files from the environment.
pub fn remove_all() -> Result<()> {
    AuthFiles::from_env().remove_all()
}

/// The helper `doc` (read from `path`) names for `registry`: its `credHelpers` entry, else
/// `credsStore`.
fn helper_in(doc: &Value, path: &Path, registry: &str) -> Option<Helper> {
    let per_registry = doc
        .get("credHelpers")
        .and_then(Value::as_object)
        .and_then(|m| {
            m.iter()
                .find(|(k, _)| key_matches(k, registry))
                .and_then(|(_, v)| v.as_str())
        });
    let name = per_registry
        .or_else(|| doc.get("credsStore").and_then(Value::as_str))
        .filter(|n| !n.is_empty())?;
    Some(Helper {
        name: name.to_string(),
        named_in: path.to_path_buf(),
    })
}

/// The server name docker gives helpers: Docker Hub's index URL, else `host[:port]`.
fn helper_server(registry: &str) -> String {
    if normalise_registry(registry) == DOCKER_HUB {
        "https://index.docker.io/v1/".to_string()
    } else {
        registry.to_string()
    }
}

/// Docker Hub's many names all mean `docker.io`.
fn normalise_registry(r: &str) -> &str {
    match r {
        "index.docker.io" | "registry-1.docker.io" => DOCKER_HUB,
        other => other,
    }
}

/// Whether an `auths` key is for `registry`: `host`, `https://host`, `http://host/v2/`, and
/// `https://index.docker.io/v1/` for Docker Hub. Keys naming a repository (`host/ns`) are
/// not registry-wide and do not match.
fn key_matches(key: &str, registry: &str) -> bool {
    let host = match key.split_once("://") {
        Some((_, rest)) => rest.split('/').next().unwrap_or(""),
        None => key,
    };
    normalise_registry(host) == normalise_registry(registry)
}

fn decode_entry(path: &Path, key: &str, entry: &Value) -> Result<Option<Credentials>> {
    let bad = |what: &str| Error::Config {
        path: path.to_path_buf(),
        reason: format!("auths[{key:?}]: {what}"),
    };
    if let Some(auth) = entry
        .get("auth")
        .and_then(Value::as_str)
        .filter(|a| !a.is_empty())
    {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(auth.trim())
            .map_err(|_| bad("\"auth\" is not valid base64; log in again"))?;
        let text = String::from_utf8(raw)
            .map_err(|_| bad("\"auth\" does not decode to text; log in again"))?;
        let (user, pass) = text
            .split_once(':')
            .ok_or_else(|| bad("\"auth\" is not user:password; log in again"))?;
        return Ok(Some(Credentials {
            username: user.to_string(),
            password: pass.to_string(),
        }));
    }
    let field = |k: &str| {
        entry
            .get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    Ok(match (field("username"), field("password")) {
        (Some(u), Some(p)) => Some(Credentials {
            username: u.to_string(),
            password: p.to_string(),
        }),
        _ => None,
    })
}

/// The parsed file, or `None` when it does not exist.
fn read_json(path: &Path) -> Result<Option<Value>> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Some(Value::Object(Map::new())));
    }
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        reason: format!("not valid JSON: {e}"),
    })?;
    if !v.is_object() {
        return Err(Error::Config {
            path: path.to_path_buf(),
            reason: "not a JSON object".to_string(),
        });
    }
    Ok(Some(v))
}

/// The document's `auths` object, created when missing.
fn auths_mut<'a>(path: &Path, doc: &'a mut Value) -> Result<&'a mut Map<String, Value>> {
    let obj = doc.as_object_mut().expect("read_json only returns objects");
    obj.entry("auths")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| Error::Config {
            path: path.to_path_buf(),
            reason: "\"auths\" is not an object".to_string(),
        })
}

/// Writes `doc` to a 0600 temporary file next to `path`, syncs it and renames it over `path`.
fn write_atomically(path: &Path, doc: &Value) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .at(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("auth.json"),
        std::process::id()
    ));
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)
            .at(&tmp)?;
        let mut text = serde_json::to_vec_pretty(doc).expect("JSON values serialise");
        text.push(b'\n');
        f.write_all(&text).at(&tmp)?;
        f.sync_all().at(&tmp)?;
        fs::rename(&tmp, path).at(path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    fn files(dir: &Path) -> AuthFiles {
        AuthFiles {
            read: vec![
                dir.join("run/auth.json"),
                dir.join("config/auth.json"),
                dir.join("docker/config.json"),
            ],
            write: dir.join("run/auth.json"),
        }
    }

    #[test]
    fn given_credentials_for_any_registry_win_then_by_key() {
        let c = |u: &str| Credentials {
            username: u.into(),
            password: "p".into(),
        };
        let given = GivenCredentials {
            any: None,
            by_registry: vec![
                ("https://index.docker.io/v1/".into(), c("hub")),
                ("127.0.0.1:5000".into(), c("local")),
            ],
        };
        assert_eq!(given.for_registry("docker.io"), Some(c("hub")));
        assert_eq!(given.for_registry("127.0.0.1:5000"), Some(c("local")));
        assert_eq!(given.for_registry("quay.io"), None);
        let any = GivenCredentials {
            any: Some(c("all")),
            ..given
        };
        assert_eq!(any.for_registry("quay.io"), Some(c("all")));
        assert_eq!(any.for_registry("docker.io"), Some(c("all")));
    }

    #[test]
    fn docker_config_is_written_and_read_first_when_set() {
        let files = |vars: &[(&str, &str)]| {
            let vars: Vec<(String, PathBuf)> = vars
                .iter()
                .map(|(k, v)| (k.to_string(), PathBuf::from(v)))
                .collect();
            AuthFiles::from_vars(|k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
        };
        let p = PathBuf::from;
        let plain = files(&[("HOME", "/h"), ("XDG_RUNTIME_DIR", "/r")]);
        assert_eq!(plain.write, p("/r/containers/auth.json"));
        assert_eq!(plain.read.last(), Some(&p("/h/.docker/config.json")));
        let docker = files(&[
            ("HOME", "/h"),
            ("XDG_RUNTIME_DIR", "/r"),
            ("DOCKER_CONFIG", "/ci"),
        ]);
        assert_eq!(docker.write, p("/ci/config.json"));
        assert_eq!(docker.read[0], p("/ci/config.json"));
        assert_eq!(
            docker
                .read
                .iter()
                .filter(|f| f.ends_with("config.json"))
                .count(),
            1
        );
        let explicit = files(&[
            ("HOME", "/h"),
            ("XDG_RUNTIME_DIR", "/r"),
            ("DOCKER_CONFIG", "/ci"),
            ("REGISTRY_AUTH_FILE", "/a.json"),
        ]);
        assert_eq!(explicit.write, p("/a.json"));
        assert_eq!(explicit.read[0], p("/a.json"));
    }

    #[test]
    fn lookup_order_and_key_forms() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        fs::create_dir_all(dir.path().join("config")).unwrap();
        fs::create_dir_all(dir.path().join("docker")).unwrap();
        fs::write(
            dir.path().join("config/auth.json"),
            format!(
                r#"{{"auths":{{"localhost:5055":{{"auth":"{}"}}}}}}"#,
                b64("cfg:one")
            ),
        )
        .unwrap();
        fs::write(
            dir.path().join("docker/config.json"),
            format!(
                r#"{{"auths":{{"https://index.docker.io/v1/":{{"auth":"{}"}},"localhost:5055":{{"auth":"{}"}},
                    "http://reg.lan:5000/v2/":{{"auth":"{}"}},"quay.io/ns":{{"auth":"{}"}},"empty.io":{{}}}},
                    "credsStore":""}}"#,
                b64("hub:p:w"),
                b64("docker:two"),
                b64("lan:3"),
                b64("ns:4")
            ),
        )
        .unwrap();
        let get = |r: &str| {
            f.lookup(r)
                .unwrap()
                .map(|c| format!("{}/{}", c.username, c.password))
        };
        assert_eq!(get("localhost:5055").as_deref(), Some("cfg/one"));
        assert_eq!(get("docker.io").as_deref(), Some("hub/p:w"));
        assert_eq!(get("registry-1.docker.io").as_deref(), Some("hub/p:w"));
        assert_eq!(get("reg.lan:5000").as_deref(), Some("lan/3"));
        assert_eq!(get("quay.io"), None);
        assert_eq!(get("empty.io"), None);
        assert_eq!(get("nowhere"), None);
    }

    #[test]
    fn store_remove_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        assert!(!f.remove("localhost:5055").unwrap());
        let c = Credentials {
            username: "u".into(),
            password: "p:ss".into(),
        };
        let path = f.store("localhost:5055", &c).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        f.store(
            "registry-1.docker.io",
            &Credentials {
                username: "hub".into(),
                password: "x".into(),
            },
        )
        .unwrap();
        assert_eq!(f.lookup("localhost:5055").unwrap(), Some(c));
        let doc: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert!(doc["auths"]["docker.io"]["auth"].is_string());
        assert!(f.remove("localhost:5055").unwrap());
        assert_eq!(f.lookup("localhost:5055").unwrap(), None);
        assert!(f.lookup("docker.io").unwrap().is_some());
        f.remove_all().unwrap();
        assert_eq!(f.lookup("docker.io").unwrap(), None);
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files remain");
    }

    #[test]
    fn keeps_other_settings_and_reports_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        fs::create_dir_all(dir.path().join("run")).unwrap();
        fs::write(&f.write, r#"{"auths":{},"credHelpers":{"x":"y"}}"#).unwrap();
        f.store(
            "a.io",
            &Credentials {
                username: "a".into(),
                password: "b".into(),
            },
        )
        .unwrap();
        let doc: Value = serde_json::from_slice(&fs::read(&f.write).unwrap()).unwrap();
        assert_eq!(doc["credHelpers"]["x"], "y");
        fs::write(&f.write, r#"{"auths":{"a.io":{"auth":"!!!"}}}"#).unwrap();
        assert!(f.lookup("a.io").unwrap_err().to_string().contains("base64"));
        fs::write(&f.write, "[1]").unwrap();
        assert!(f.lookup("a.io").is_err());
        assert!(format!(
            "{:?}",
            Credentials {
                username: "u".into(),
                password: "secret".into()
            }
        )
        .find("secret")
        .is_none());
    }
}
