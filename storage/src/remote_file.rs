//! Downloads one file over HTTP or HTTPS, for a Dockerfile's `ADD URL`: the body with its
//! SHA-256, and what the server says of the file's name and modification time.

use std::io::Write;
use std::time::Duration;

use crate::digest::HashWriter;
use crate::error::{Error, Result};

/// What a download wrote, and what the server said of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteFile {
    /// The file's name: the URL path's last segment, else the `Content-Disposition`
    /// filename, else `index` (BuildKit's rule).
    pub name: String,
    /// `sha256:HEX` of the body.
    pub digest: String,
    /// The body's length in bytes.
    pub size: u64,
    /// `Last-Modified` in seconds since the epoch, when the server sent a valid one.
    pub last_modified: Option<u64>,
}

/// Whether `source` is a URL that ADD downloads (`http://` or `https://`).
pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// GETs `url` (following redirects, through the proxy the environment names) and writes the
/// body to `out`. A status of 400 or more is an error that names it.
pub fn download(url: &str, out: &mut dyn Write) -> Result<RemoteFile> {
    let fail = |reason: String| Error::Download {
        url: url.to_string(),
        reason,
    };
    let agent = ureq::AgentBuilder::new()
        .user_agent(&format!("skiff/{}", env!("CARGO_PKG_VERSION")))
        .timeout_connect(Duration::from_secs(30))
        .timeout_read(Duration::from_secs(120))
        .redirects(10)
        .try_proxy_from_env(true)
        .build();
    let resp = match agent.get(url).call() {
        Ok(resp) => resp,
        Err(ureq::Error::Status(code, resp)) => {
            return Err(fail(format!(
                "failed to GET with status {code} {}",
                resp.status_text()
            )))
        }
        Err(ureq::Error::Transport(t)) => return Err(fail(t.to_string())),
    };
    let last_modified = resp
        .header("Last-Modified")
        .and_then(|d| httpdate::parse_http_date(d).ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs());
    let name = file_name(url, resp.header("Content-Disposition"));
    let mut body = resp.into_reader();
    let mut hashed = HashWriter::new(out);
    std::io::copy(&mut body, &mut hashed).map_err(|e| fail(format!("downloading: {e}")))?;
    let (_, digest, size) = hashed.finish();
    Ok(RemoteFile {
        name,
        digest: digest.to_string(),
        size,
        last_modified,
    })
}

/// The name a downloaded file gets: the last segment of the URL's path (without query or
/// fragment), else the filename of a `Content-Disposition` header, else `index`.
pub fn file_name(url: &str, content_disposition: Option<&str>) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .split(['?', '#'])
        .next()
        .and_then(|hp| hp.split_once('/').map(|(_, p)| p))
        .unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    if !last.is_empty() && last != "." && last != ".." {
        return last.to_string();
    }
    content_disposition
        .and_then(disposition_filename)
        .unwrap_or_else(|| "index".to_string())
}

/// The `filename` parameter of a `Content-Disposition` header, when it is a plain name (no
/// path separator, not `.` or `..`).
fn disposition_filename(header: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|param| {
        let (key, value) = param.trim().split_once('=')?;
        if !key.trim().eq_ignore_ascii_case("filename") {
            return None;
        }
        let name = value.trim().trim_matches('"');
        let plain = !name.is_empty() && !name.contains('/') && name != "." && name != "..";
        plain.then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_path_then_the_disposition_then_index() {
        assert_eq!(
            file_name("https://h/a/b/tool.tar.gz?x=1#f", None),
            "tool.tar.gz"
        );
        assert_eq!(
            file_name("http://h:8080/file", Some("attachment; filename=\"o\"")),
            "file"
        );
        assert_eq!(
            file_name("http://h/dl/", Some("attachment; filename=\"report.pdf\"")),
            "report.pdf"
        );
        assert_eq!(
            file_name("http://h", Some("inline; FileName=x.txt")),
            "x.txt"
        );
        assert_eq!(
            file_name("http://h/", Some("attachment; filename=\"../etc/passwd\"")),
            "index"
        );
        assert_eq!(
            file_name("http://h/..", Some("attachment; filename=..")),
            "index"
        );
        assert_eq!(file_name("http://h/?q=/x", None), "index");
    }

    proptest::proptest! {
        #[test]
        fn a_name_is_never_a_path(url in "https?://[a-z./?#%]{0,30}", cd in "[ -~]{0,40}") {
            let name = file_name(&url, Some(&cd));
            proptest::prop_assert!(!name.is_empty() && !name.contains('/'));
            proptest::prop_assert!(name != "." && name != "..");
        }
    }
}
