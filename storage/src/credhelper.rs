//! docker's credential helpers (`credsStore` and `credHelpers` in config.json): the program
//! `docker-credential-NAME` with one verb as its argument (`get`, `store`, `erase`), the server
//! on stdin, and for `get` the credentials as JSON on stdout.

use std::io::Write;
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::credentials::Credentials;
use crate::error::{Error, Result};

/// What the helpers print when they hold nothing for the server.
const NOT_FOUND: &str = "credentials not found";

/// A credential helper named in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Helper {
    /// NAME of `docker-credential-NAME`.
    pub name: String,
    /// The file that names it, for error messages.
    pub named_in: std::path::PathBuf,
}

/// The JSON a helper prints for `get` and reads for `store`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct HelperCredentials {
    #[serde(rename = "ServerURL", default)]
    server_url: String,
    username: String,
    secret: String,
}

/// Parses what `get` printed.
pub fn parse_get(stdout: &[u8]) -> std::result::Result<Credentials, String> {
    let c: HelperCredentials = serde_json::from_slice(stdout)
        .map_err(|e| format!("its answer is not the credentials JSON: {e}"))?;
    if c.secret.is_empty() {
        return Err("its answer has an empty Secret".to_string());
    }
    Ok(Credentials {
        username: c.username,
        password: c.secret,
    })
}

/// Whether a failed helper's output says it has no credentials for the server.
fn says_not_found(output: &[u8]) -> bool {
    String::from_utf8_lossy(output)
        .to_ascii_lowercase()
        .contains(NOT_FOUND)
}

impl Helper {
    /// The program run.
    fn program(&self) -> String {
        format!("docker-credential-{}", self.name)
    }

    /// The credentials the helper holds for `server`; None when it has none.
    pub fn get(&self, server: &str) -> Result<Option<Credentials>> {
        let out = self.run("get", server.as_bytes())?;
        if !out.status.success() {
            if says_not_found(&out.stdout) || says_not_found(&out.stderr) {
                return Ok(None);
            }
            return Err(self.failed("get", &out));
        }
        parse_get(&out.stdout)
            .map(Some)
            .map_err(|reason| self.error(&format!("`{} get` failed: {reason}", self.program())))
    }

    /// Gives `creds` for `server` to the helper to keep.
    pub fn store(&self, server: &str, creds: &Credentials) -> Result<()> {
        let input = serde_json::to_vec(&HelperCredentials {
            server_url: server.to_string(),
            username: creds.username.clone(),
            secret: creds.password.clone(),
        })
        .expect("strings serialise");
        let out = self.run("store", &input)?;
        if !out.status.success() {
            return Err(self.failed("store", &out));
        }
        Ok(())
    }

    /// Makes the helper forget `server`; false when it had nothing for it.
    pub fn erase(&self, server: &str) -> Result<bool> {
        let out = self.run("erase", server.as_bytes())?;
        if out.status.success() {
            return Ok(true);
        }
        if says_not_found(&out.stdout) || says_not_found(&out.stderr) {
            return Ok(false);
        }
        Err(self.failed("erase", &out))
    }

    fn run(&self, verb: &str, input: &[u8]) -> Result<std::process::Output> {
        // A name is looked up in PATH, never taken as a path.
        if self.name.is_empty() || self.name.contains(['/', '\0']) {
            return Err(self.error(&format!(
                "the credential helper name {:?} is not a name (docker-credential-NAME is looked \
                 up in PATH): fix credsStore/credHelpers",
                self.name
            )));
        }
        let program = self.program();
        let mut child = Command::new(&program)
            .arg(verb)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                let why = if e.kind() == std::io::ErrorKind::NotFound {
                    "is not installed (not found in PATH)".to_string()
                } else {
                    format!("cannot be run: {e}")
                };
                self.error(&format!(
                    "the credential helper {program} {why}: install it, or remove it from \
                     credsStore/credHelpers in {}",
                    self.named_in.display()
                ))
            })?;
        let written = child
            .stdin
            .take()
            .map(|mut stdin| stdin.write_all(input))
            .unwrap_or(Ok(()));
        let out = child
            .wait_with_output()
            .map_err(|e| self.error(&format!("waiting for {program}: {e}")))?;
        // A helper that exits without reading its input closes the pipe: its status tells more.
        if let Err(e) = written {
            if out.status.success() {
                return Err(self.error(&format!("writing to {program}: {e}")));
            }
        }
        Ok(out)
    }

    fn failed(&self, verb: &str, out: &std::process::Output) -> Error {
        // Only stderr: a helper's stdout may hold a secret.
        let text = String::from_utf8_lossy(&out.stderr)
            .trim()
            .chars()
            .take(300)
            .collect::<String>();
        self.error(&format!(
            "`{} {verb}` failed ({}): {text}",
            self.program(),
            out.status
        ))
    }

    fn error(&self, reason: &str) -> Error {
        Error::Config {
            path: self.named_in.clone(),
            reason: reason.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_output() {
        let c = parse_get(br#"{"ServerURL":"r.io","Username":"u","Secret":"s:x"}"#).unwrap();
        assert_eq!((c.username.as_str(), c.password.as_str()), ("u", "s:x"));
        let c = parse_get(br#"{"Username":"<token>","Secret":"t"}"#).unwrap();
        assert_eq!(c.username, "<token>");
        assert!(parse_get(br#"{"Username":"u","Secret":""}"#).is_err());
        assert!(parse_get(br#"{"Username":"u"}"#).is_err());
        assert!(parse_get(b"credentials not found in native keychain").is_err());
        assert!(says_not_found(
            b"Credentials not found in native keychain\n"
        ));
        assert!(!says_not_found(b"permission denied"));
    }

    /// The error of asking helper `name`, named in a user's docker config, for `r.io`.
    fn get_error(name: &str) -> String {
        let h = Helper {
            name: name.into(),
            named_in: "/home/u/.docker/config.json".into(),
        };
        h.get("r.io").unwrap_err().to_string()
    }

    #[test]
    fn a_missing_helper_is_named() {
        let e = get_error("skiff-test-no-such-helper");
        assert!(
            e.contains("docker-credential-skiff-test-no-such-helper is not installed")
                && e.contains("config.json"),
            "{e}"
        );
    }

    #[test]
    fn a_helper_name_with_a_slash_is_not_run() {
        let e = get_error("../../tmp/x");
        assert!(e.contains("is not a name"), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn parse_get_never_panics(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let _ = parse_get(&body);
        }
    }
}
