//! Pulls from a tiny in-process registry on 127.0.0.1: plain and token-authenticated pulls,
//! retried transient failures, a connection dropped mid-blob, a tampered blob, platform
//! selection through an index, and a refused schema 1 manifest.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use skiff_storage::error::Error;
use skiff_storage::manifest::{MEDIA_TYPE_OCI_INDEX, MEDIA_TYPE_OCI_MANIFEST};
use skiff_storage::platform::Platform;
use skiff_storage::pull::{pull, NoProgress, PullOptions};
use skiff_storage::registry::ClientOptions;
use skiff_storage::store::{ExtractOptions, Store};
use skiff_storage::{Digest, Reference};

/// Faults injected into the next responses for a path.
#[derive(Default)]
struct Faults {
    /// Answer 500 this many times.
    errors: HashMap<String, usize>,
    /// Send half the body, then close the connection (once).
    drop_mid: Vec<String>,
    /// Serve these bytes instead of the real content (always).
    tamper: HashMap<String, Vec<u8>>,
}

struct Content {
    /// path -> (content type, bytes)
    files: HashMap<String, (String, Vec<u8>)>,
    token: Option<String>,
    faults: Faults,
    /// Requests seen, by path.
    hits: HashMap<String, usize>,
}

struct TestRegistry {
    host: String,
    content: Arc<Mutex<Content>>,
}

impl TestRegistry {
    fn start(token: Option<&str>) -> TestRegistry {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let host = listener.local_addr().unwrap().to_string();
        let content = Arc::new(Mutex::new(Content {
            files: HashMap::new(),
            token: token.map(str::to_string),
            faults: Faults::default(),
            hits: HashMap::new(),
        }));
        let c = content.clone();
        let h = host.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let c = c.clone();
                let h = h.clone();
                std::thread::spawn(move || serve(conn, &c, &h));
            }
        });
        TestRegistry { host, content }
    }

    fn put(&self, path: String, content_type: &str, bytes: Vec<u8>) {
        let mut c = self.content.lock().unwrap();
        c.files.insert(path, (content_type.to_string(), bytes));
    }

    fn put_blob(&self, repo: &str, bytes: &[u8]) -> Digest {
        let d = Digest::of(bytes);
        self.put(
            format!("/v2/{repo}/blobs/{d}"),
            "application/octet-stream",
            bytes.to_vec(),
        );
        d
    }

    fn put_manifest(&self, repo: &str, tag: &str, media_type: &str, bytes: &[u8]) -> Digest {
        let d = Digest::of(bytes);
        self.put(
            format!("/v2/{repo}/manifests/{tag}"),
            media_type,
            bytes.to_vec(),
        );
        self.put(
            format!("/v2/{repo}/manifests/{d}"),
            media_type,
            bytes.to_vec(),
        );
        d
    }

    fn reference(&self, rest: &str) -> Reference {
        Reference::parse(&format!("{}/{rest}", self.host)).unwrap()
    }

    fn hits(&self, path: &str) -> usize {
        self.content
            .lock()
            .unwrap()
            .hits
            .get(path)
            .copied()
            .unwrap_or(0)
    }
}

fn respond(conn: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(body);
}

fn serve(mut conn: TcpStream, content: &Mutex<Content>, host: &str) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let mut c = content.lock().unwrap();
    *c.hits.entry(path.to_string()).or_default() += 1;
    if path == "/token" {
        assert!(
            query.contains("scope=repository%3A") || query.contains("scope=repository:"),
            "{query}"
        );
        let body = format!("{{\"access_token\":\"{}\"}}", c.token.clone().unwrap());
        drop(c);
        return respond(&mut conn, "200 OK", &[], body.as_bytes());
    }
    if let Some(token) = &c.token {
        if headers.get("authorization") != Some(&format!("Bearer {token}")) {
            let challenge = format!(
                "Bearer realm=\"http://{host}/token\",service=\"test\",scope=\"repository:x:pull\""
            );
            drop(c);
            return respond(
                &mut conn,
                "401 Unauthorized",
                &[("WWW-Authenticate", challenge)],
                b"{}",
            );
        }
    }
    if path == "/v2/" {
        drop(c);
        return respond(&mut conn, "200 OK", &[], b"{}");
    }
    if let Some(n) = c.faults.errors.get_mut(path).filter(|n| **n > 0) {
        *n -= 1;
        drop(c);
        return respond(&mut conn, "500 Internal Server Error", &[], b"oops");
    }
    let Some((ct, bytes)) = c.files.get(path).cloned() else {
        drop(c);
        return respond(&mut conn, "404 Not Found", &[], b"{\"errors\":[]}");
    };
    let bytes = c.faults.tamper.get(path).cloned().unwrap_or(bytes);
    let drop_mid = c.faults.drop_mid.iter().position(|p| p == path);
    if let Some(i) = drop_mid {
        c.faults.drop_mid.remove(i);
    }
    drop(c);
    let start: usize = headers
        .get("range")
        .and_then(|r| r.strip_prefix("bytes=")?.strip_suffix('-')?.parse().ok())
        .unwrap_or(0);
    let status = if start > 0 {
        "206 Partial Content"
    } else {
        "200 OK"
    };
    let body = &bytes[start..];
    if drop_mid.is_some() {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nContent-Type: {ct}\r\n\r\n",
            body.len()
        );
        let _ = conn.write_all(head.as_bytes());
        let _ = conn.write_all(&body[..body.len() / 2]);
        let _ = conn.shutdown(std::net::Shutdown::Both);
        return;
    }
    respond(&mut conn, status, &[("Content-Type", ct)], body);
}

/// A gzip layer holding `files`, and its diff id.
fn layer(files: &[(&str, &[u8])]) -> (Vec<u8>, Digest) {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, data) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        h.set_cksum();
        tar.append_data(&mut h, name, *data).unwrap();
    }
    let raw = tar.into_inner().unwrap();
    let diff_id = Digest::of(&raw);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&raw).unwrap();
    (gz.finish().unwrap(), diff_id)
}

/// Pushes a two-layer image for `arch` and returns (manifest bytes, config digest, layer digests).
fn push_image(
    reg: &TestRegistry,
    repo: &str,
    tag: &str,
    arch: &str,
) -> (Vec<u8>, Digest, Vec<Digest>) {
    let noise: Vec<u8> = (0..300_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let (l1, d1) = layer(&[("etc/arch", arch.as_bytes()), ("big", &noise)]);
    let (l2, d2) = layer(&[("etc/second", b"two")]);
    let config = format!(
        r#"{{"architecture":"{arch}","os":"linux","rootfs":{{"type":"layers","diff_ids":["{d1}","{d2}"]}}}}"#
    );
    let cd = reg.put_blob(repo, config.as_bytes());
    let b1 = reg.put_blob(repo, &l1);
    let b2 = reg.put_blob(repo, &l2);
    let manifest = format!(
        r#"{{"schemaVersion":2,"mediaType":"{MEDIA_TYPE_OCI_MANIFEST}","config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{cd}","size":{}}},"layers":[{{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{b1}","size":{}}},{{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{b2}","size":{}}}]}}"#,
        config.len(),
        l1.len(),
        l2.len()
    );
    reg.put_manifest(repo, tag, MEDIA_TYPE_OCI_MANIFEST, manifest.as_bytes());
    (manifest.into_bytes(), cd, vec![b1, b2])
}

fn options() -> PullOptions {
    PullOptions {
        platform: Platform::new("linux", "amd64", None),
        client: ClientOptions {
            insecure: true,
            ..ClientOptions::default()
        },
        extract: ExtractOptions::default(),
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    (dir, store)
}

#[test]
fn registry_pull_stores_config_and_layers() {
    let reg = TestRegistry::start(None);
    let (manifest, config, blobs) = push_image(&reg, "lib/img", "1", "amd64");
    let (_d, store) = store();
    let pulled = pull(&store, &reg.reference("lib/img:1"), &options(), &NoProgress).unwrap();
    assert_eq!(pulled.manifest, manifest);
    assert_eq!(pulled.manifest_digest, Digest::of(&manifest));
    assert_eq!(pulled.image_id, config);
    assert_eq!(pulled.manifest_media_type, MEDIA_TYPE_OCI_MANIFEST);
    assert_eq!(pulled.layers.len(), 2);
    assert!(store.has_blob(&config));
    for (info, blob) in pulled.layers.iter().zip(&blobs) {
        assert_eq!(&info.blob_digest, blob);
        assert!(store.has_layer(&info.chain_id));
    }
    let top = store.layer_dir(&pulled.layers[1].chain_id);
    assert_eq!(std::fs::read(top.join("etc/second")).unwrap(), b"two");
    let bottom = store.layer_dir(&pulled.layers[0].chain_id);
    assert_eq!(std::fs::read(bottom.join("etc/arch")).unwrap(), b"amd64");

    // A second pull finds every layer and fetches no blob again.
    let path = format!("/v2/lib/img/blobs/{}", blobs[0]);
    let before = reg.hits(&path);
    let again = pull(&store, &reg.reference("lib/img:1"), &options(), &NoProgress).unwrap();
    assert_eq!(again.layers, pulled.layers);
    assert_eq!(reg.hits(&path), before);
}

#[test]
fn registry_pull_with_token_auth() {
    let reg = TestRegistry::start(Some("s3cret"));
    push_image(&reg, "priv/img", "latest", "amd64");
    let (_d, store) = store();
    let pulled = pull(&store, &reg.reference("priv/img"), &options(), &NoProgress).unwrap();
    assert_eq!(pulled.layers.len(), 2);
    // One token for the whole pull (cached per scope).
    assert_eq!(reg.hits("/token"), 1);
}

#[test]
fn registry_pull_retries_500_and_resumes_broken_blob() {
    let reg = TestRegistry::start(None);
    let (_, _, blobs) = push_image(&reg, "r/img", "t", "amd64");
    {
        let mut c = reg.content.lock().unwrap();
        c.faults.errors.insert("/v2/r/img/manifests/t".into(), 1);
        c.faults
            .errors
            .insert(format!("/v2/r/img/blobs/{}", blobs[1]), 2);
        c.faults
            .drop_mid
            .push(format!("/v2/r/img/blobs/{}", blobs[0]));
    }
    let (_d, store) = store();
    let pulled = pull(&store, &reg.reference("r/img:t"), &options(), &NoProgress).unwrap();
    assert_eq!(pulled.layers.len(), 2);
    assert_eq!(reg.hits("/v2/r/img/manifests/t"), 2);
    assert_eq!(reg.hits(&format!("/v2/r/img/blobs/{}", blobs[1])), 3);
    assert_eq!(reg.hits(&format!("/v2/r/img/blobs/{}", blobs[0])), 2);
}

#[test]
fn registry_pull_rejects_tampered_blob_and_keeps_nothing() {
    let reg = TestRegistry::start(None);
    let (_, _, blobs) = push_image(&reg, "r/img", "t", "amd64");
    let (bad, _) = layer(&[("etc/arch", b"evil")]);
    reg.content
        .lock()
        .unwrap()
        .faults
        .tamper
        .insert(format!("/v2/r/img/blobs/{}", blobs[0]), bad);
    let (_d, store) = store();
    let err = pull(&store, &reg.reference("r/img:t"), &options(), &NoProgress).unwrap_err();
    assert!(matches!(err, Error::DigestMismatch { .. }), "{err}");
    assert!(!store.has_blob(&blobs[0]));
}

#[test]
fn registry_pull_selects_platform_from_index() {
    let reg = TestRegistry::start(None);
    let (m_amd, _, _) = push_image(&reg, "multi", "amd64-only", "amd64");
    let (m_arm, arm_config, _) = push_image(&reg, "multi", "arm64-only", "arm64");
    let index = format!(
        r#"{{"schemaVersion":2,"mediaType":"{MEDIA_TYPE_OCI_INDEX}","manifests":[{{"mediaType":"{MEDIA_TYPE_OCI_MANIFEST}","digest":"{}","size":{},"platform":{{"os":"linux","architecture":"amd64"}}}},{{"mediaType":"{MEDIA_TYPE_OCI_MANIFEST}","digest":"{}","size":{},"platform":{{"os":"linux","architecture":"arm64"}}}}]}}"#,
        Digest::of(&m_amd),
        m_amd.len(),
        Digest::of(&m_arm),
        m_arm.len()
    );
    let index_digest = reg.put_manifest("multi", "latest", MEDIA_TYPE_OCI_INDEX, index.as_bytes());
    let (_d, store) = store();
    let mut opts = options();
    opts.platform = Platform::new("linux", "arm64", None);
    let pulled = pull(&store, &reg.reference("multi:latest"), &opts, &NoProgress).unwrap();
    assert_eq!(pulled.image_id, arm_config);
    assert_eq!(pulled.manifest, m_arm);
    assert_eq!(pulled.manifest_digest, index_digest);

    opts.platform = Platform::new("linux", "s390x", None);
    let err = pull(&store, &reg.reference("multi:latest"), &opts, &NoProgress).unwrap_err();
    assert!(matches!(err, Error::NoMatchingPlatform { .. }), "{err}");
}

#[test]
fn registry_pull_refuses_schema1_and_reports_missing_tags() {
    let reg = TestRegistry::start(None);
    let schema1 = br#"{"schemaVersion":1,"name":"old","tag":"v1","fsLayers":[],"history":[]}"#;
    reg.put_manifest(
        "old",
        "v1",
        "application/vnd.docker.distribution.manifest.v1+prettyjws",
        schema1,
    );
    let (_d, store) = store();
    let err = pull(&store, &reg.reference("old:v1"), &options(), &NoProgress).unwrap_err();
    assert!(err.to_string().contains("schema 1"), "{err}");

    let err = pull(&store, &reg.reference("old:nope"), &options(), &NoProgress).unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err}");
    assert!(err.to_string().contains("skiff login"), "{err}");
}

#[test]
fn registry_blob_reader_streams_whole_blob_after_reset() {
    let reg = TestRegistry::start(None);
    let data: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
    let d = reg.put_blob("s/b", &data);
    reg.content
        .lock()
        .unwrap()
        .faults
        .drop_mid
        .push(format!("/v2/s/b/blobs/{d}"));
    let client = skiff_storage::registry::RegistryClient::new(
        &reg.host,
        ClientOptions {
            insecure: true,
            ..ClientOptions::default()
        },
    )
    .unwrap();
    let mut got = Vec::new();
    client
        .get_blob("s/b", &d)
        .unwrap()
        .read_to_end(&mut got)
        .unwrap();
    assert_eq!(got, data);
}
