//! API versions: the range skiff answers to and the `/v1.NN/` prefix of a request's path.

/// The oldest Docker Engine API version skiff serves.
pub const MIN_API_VERSION: &str = skiff_libpod::info::MIN_API_VERSION;
/// The newest Docker Engine API version skiff serves (the one `skiff version` names).
pub const MAX_API_VERSION: &str = skiff_libpod::info::API_VERSION;

/// An API version as (major, minor).
pub type ApiVersion = (u32, u32);

/// Parses `1.44` into (1, 44).
pub fn parse(v: &str) -> Option<ApiVersion> {
    let (major, minor) = v.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// Splits `/v1.44/containers/json` into the version and the rest; unversioned paths get the
/// newest version. Errors with docker's message when the version is out of range.
pub fn split_path(path: &str) -> Result<(ApiVersion, &str), String> {
    let max = parse(MAX_API_VERSION).expect("valid constant");
    let Some(rest) = path.strip_prefix("/v") else {
        return Ok((max, path));
    };
    let (ver, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let Some(v) = parse(ver) else {
        // Not a version after all (`/volumes` starts with `/v`).
        return Ok((max, path));
    };
    let min = parse(MIN_API_VERSION).expect("valid constant");
    if v < min {
        return Err(format!(
            "client version {ver} is too old. Minimum supported API version is {MIN_API_VERSION}, \
             please upgrade your client to a newer version"
        ));
    }
    if v > max {
        return Err(format!(
            "client version {ver} is too new. Maximum supported API version is {MAX_API_VERSION}"
        ));
    }
    Ok((v, tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versioned_and_unversioned_paths() {
        assert_eq!(
            split_path("/v1.44/containers/json"),
            Ok(((1, 44), "/containers/json"))
        );
        assert_eq!(split_path("/_ping"), Ok(((1, 50), "/_ping")));
        assert_eq!(split_path("/volumes"), Ok(((1, 50), "/volumes")));
        assert_eq!(split_path("/v1.24/_ping"), Ok(((1, 24), "/_ping")));
        assert!(split_path("/v1.23/_ping").unwrap_err().contains("too old"));
        assert!(split_path("/v1.51/_ping").unwrap_err().contains("too new"));
    }
}
