//! The files of an image archive, read in place: the members of an uncompressed tar (each a
//! byte range of the archive file, so layers are never copied out before they are used), or
//! the files under a directory (an OCI image layout on disk).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::AsFd;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};

/// Links are followed at most this many times (symlink chains, loops).
const MAX_LINK_HOPS: usize = 16;

/// A byte range of a shared file, readable from several threads at once.
#[derive(Debug, Clone)]
pub struct Section {
    file: Arc<File>,
    pos: u64,
    end: u64,
}

impl Section {
    /// The range's length in bytes.
    pub fn len(&self) -> u64 {
        self.end - self.pos
    }

    /// True for an empty range.
    pub fn is_empty(&self) -> bool {
        self.pos == self.end
    }
}

impl Read for Section {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf
            .len()
            .min(usize::try_from(self.end - self.pos).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let n = self.file.read_at(&mut buf[..want], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// The regular files of a tar archive by cleaned path, with links resolved, or of a
/// directory.
pub(crate) struct Members {
    path: PathBuf,
    backing: Backing,
}

/// Where the members' bytes are.
enum Backing {
    /// A tar file and its members' (offset, size).
    Tar(Arc<File>, HashMap<String, (u64, u64)>),
    /// Files under this directory.
    Dir,
}

impl Members {
    /// Indexes `file` (an uncompressed tar); `path` names it in errors. Entry names that are
    /// absolute or contain `..` are refused, as are links that leave the archive.
    pub(crate) fn index(file: File, path: &Path) -> Result<Members> {
        let bad = |reason: String| Error::BadArchive {
            path: path.to_path_buf(),
            reason,
        };
        let mut files = HashMap::new();
        let mut links: Vec<(String, String)> = Vec::new();
        {
            let mut ar = tar::Archive::new(&file);
            let entries = ar
                .entries_with_seek()
                .map_err(|e| bad(format!("not a tar archive: {e}")))?;
            for entry in entries {
                let entry = entry.map_err(|e| bad(format!("corrupt tar stream: {e}")))?;
                let name = clean(&entry.path_bytes()).map_err(&bad)?;
                let kind = entry.header().entry_type();
                if kind.is_file() || kind.is_contiguous() {
                    files.insert(name, (entry.raw_file_position(), entry.size()));
                } else if kind.is_symlink() || kind.is_hard_link() {
                    let target = entry
                        .link_name_bytes()
                        .ok_or_else(|| bad(format!("link {name:?} has no target")))?;
                    let target = if kind.is_symlink() {
                        resolve_symlink(&name, &target).map_err(&bad)?
                    } else {
                        clean(&target).map_err(&bad)?
                    };
                    links.push((name, target));
                }
            }
        }
        for _ in 0..MAX_LINK_HOPS {
            let mut progressed = false;
            links.retain(|(name, target)| match files.get(target).copied() {
                Some(range) => {
                    files.insert(name.clone(), range);
                    progressed = true;
                    false
                }
                None => true,
            });
            if !progressed {
                break;
            }
        }
        Ok(Members {
            path: path.to_path_buf(),
            backing: Backing::Tar(Arc::new(file), files),
        })
    }

    /// The files under directory `dir`. Names are cleaned as in a tar (no absolute names, no
    /// `..`); a member is opened beneath `dir` (a symlinked directory on the way resolves
    /// inside `dir`, never out of it), and one that is itself a symlink or not a regular
    /// file is refused.
    pub(crate) fn directory(dir: &Path) -> Members {
        Members {
            path: dir.to_path_buf(),
            backing: Backing::Dir,
        }
    }

    /// True when the archive has a file named `name`.
    pub(crate) fn contains(&self, name: &str) -> bool {
        match &self.backing {
            Backing::Tar(_, files) => files.contains_key(name),
            Backing::Dir => clean(name.as_bytes()).is_ok_and(|n| {
                std::fs::symlink_metadata(self.path.join(n)).is_ok_and(|m| m.is_file())
            }),
        }
    }

    /// The member `name`, or an error naming it.
    pub(crate) fn section(&self, name: &str) -> Result<Section> {
        let clean_name = clean(name.as_bytes()).map_err(|reason| self.bad(reason))?;
        let missing = || self.bad(format!("{name:?} is referenced but not in the archive"));
        match &self.backing {
            Backing::Tar(file, files) => {
                let (pos, size) = files.get(&clean_name).copied().ok_or_else(missing)?;
                Ok(Section {
                    file: file.clone(),
                    pos,
                    end: pos + size,
                })
            }
            Backing::Dir => {
                let path = self.path.join(&clean_name);
                let root = std::fs::File::open(&self.path).map_err(|e| Error::io(&self.path, e))?;
                // O_NONBLOCK: a FIFO in the layout must not hang the read.
                let fd = crate::store::sys::open_in_root(
                    root.as_fd(),
                    clean_name.as_bytes(),
                    libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK,
                )
                .map_err(|e| match e.kind() {
                    io::ErrorKind::NotFound => missing(),
                    _ => self.bad(format!("{name:?} cannot be opened (is it a symlink?): {e}")),
                })?;
                let file = std::fs::File::from(fd);
                let meta = file.metadata().map_err(|e| Error::io(&path, e))?;
                if !meta.is_file() {
                    return Err(self.bad(format!("{name:?} is not a regular file")));
                }
                Ok(Section {
                    file: Arc::new(file),
                    pos: 0,
                    end: meta.len(),
                })
            }
        }
    }

    /// The whole member `name`, refused when larger than `limit` bytes.
    pub(crate) fn read(&self, name: &str, limit: u64) -> Result<Vec<u8>> {
        let mut s = self.section(name)?;
        if s.len() > limit {
            return Err(self.bad(format!(
                "{name:?} is {} bytes, more than the {limit} allowed",
                s.len()
            )));
        }
        let mut out = Vec::with_capacity(s.len() as usize);
        s.read_to_end(&mut out)
            .map_err(|e| Error::io(&self.path, e))?;
        Ok(out)
    }

    /// An archive error for this archive.
    pub(crate) fn bad(&self, reason: String) -> Error {
        Error::BadArchive {
            path: self.path.clone(),
            reason,
        }
    }
}

/// A member name without `./`, empty or `.` components and trailing slashes; absolute
/// names and `..` are errors.
fn clean(raw: &[u8]) -> std::result::Result<String, String> {
    let s = std::str::from_utf8(raw).map_err(|_| format!("entry name {raw:?} is not UTF-8"))?;
    if s.starts_with('/') {
        return Err(format!("entry {s:?} has an absolute path"));
    }
    let mut parts = Vec::new();
    for c in s.split('/') {
        match c {
            "" | "." => {}
            ".." => return Err(format!("entry {s:?} contains '..'")),
            c => parts.push(c),
        }
    }
    Ok(parts.join("/"))
}

/// Resolves a symlink's target relative to the link's directory, staying inside the archive.
fn resolve_symlink(name: &str, target: &[u8]) -> std::result::Result<String, String> {
    let t =
        std::str::from_utf8(target).map_err(|_| format!("link {name:?} has a non-UTF-8 target"))?;
    if t.starts_with('/') {
        return Err(format!("link {name:?} points to the absolute path {t:?}"));
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    parts.pop();
    for c in t.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts
                    .pop()
                    .ok_or_else(|| format!("link {name:?} -> {t:?} leaves the archive"))?;
            }
            c => parts.push(c),
        }
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_names() {
        assert_eq!(clean(b"./a//b/").unwrap(), "a/b");
        assert!(clean(b"/etc/passwd").is_err());
        assert!(clean(b"a/../../b").is_err());
        assert_eq!(
            resolve_symlink("x/layer.tar", b"../y/layer.tar").unwrap(),
            "y/layer.tar"
        );
        assert!(resolve_symlink("x/layer.tar", b"../../y").is_err());
        assert!(resolve_symlink("x", b"/y").is_err());
    }
}
