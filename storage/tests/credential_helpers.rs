//! docker's credential helpers through the auth files: a helper script on PATH gets, stores
//! and erases; a missing one is named. Alone in its binary, as it changes PATH.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use skiff_storage::auth::{AuthFiles, Credentials};

/// Installs a helper script that keeps one credential in `dir/helper-store`.
fn fake_helper(dir: &Path) -> String {
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let script = bin.join("docker-credential-skifftest");
    let store = dir.join("helper-store");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nin=$(cat)\ncase $1 in\n\
             get) [ -f {s} ] && grep -q \"\\\"$in\\\"\" {s} && cat {s} && exit 0; echo 'credentials not found in native keychain'; exit 1;;\n\
             store) printf '%s' \"$in\" > {s};;\n\
             erase) [ -f {s} ] || {{ echo 'credentials not found in native keychain'; exit 1; }}; rm {s};;\n\
             *) echo \"bad verb $1\" >&2; exit 2;;\nesac\n",
            s = store.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    bin.display().to_string()
}

#[test]
fn credential_helpers_get_store_and_erase() {
    let dir = tempfile::tempdir().unwrap();
    let bin = fake_helper(dir.path());
    let f = AuthFiles {
        read: vec![
            dir.path().join("run/auth.json"),
            dir.path().join("config/auth.json"),
            dir.path().join("docker/config.json"),
        ],
        write: dir.path().join("run/auth.json"),
    };
    fs::create_dir_all(dir.path().join("docker")).unwrap();
    fs::write(
        dir.path().join("docker/config.json"),
        r#"{"auths":{},"credHelpers":{"helped.io":"skifftest"}}"#,
    )
    .unwrap();
    let path = std::env::var("PATH").unwrap_or_default();
    // This binary holds this one test: nothing else reads the environment meanwhile.
    std::env::set_var("PATH", format!("{bin}:{path}"));
    let c = Credentials {
        username: "h".into(),
        password: "pw".into(),
    };
    assert_eq!(f.lookup("helped.io").unwrap(), None);
    let named = f.store("helped.io", &c).unwrap();
    assert!(named.ends_with("docker/config.json"));
    assert!(!f.write.exists(), "nothing was written to auth.json");
    let kept = fs::read_to_string(dir.path().join("helper-store")).unwrap();
    assert!(kept.contains(r#""ServerURL":"helped.io""#), "{kept}");
    assert_eq!(f.lookup("helped.io").unwrap(), Some(c));
    assert_eq!(
        f.lookup("other.io").unwrap(),
        None,
        "other registries use auths"
    );
    assert!(f.remove("helped.io").unwrap());
    assert!(!f.remove("helped.io").unwrap());
    fs::write(
        dir.path().join("docker/config.json"),
        r#"{"credsStore":"skiff-missing"}"#,
    )
    .unwrap();
    let e = f.lookup("any.io").unwrap_err().to_string();
    assert!(
        e.contains("docker-credential-skiff-missing is not installed"),
        "{e}"
    );
}
