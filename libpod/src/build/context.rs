//! The build context: the directory `build` was given, less what `.containerignore` or
//! `.dockerignore` excludes. COPY and ADD read their sources here; the content digest of
//! those sources is part of a step's cache key.
//!
//! Nothing here reaches outside the context: a source path resolves with the context as its
//! root (a symlink to `/etc` means the context's `etc`), and below a source nothing is
//! followed (symlinks are copied as symlinks).

use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};
use skiff_dockerfile::ignore::{is_pattern, Glob, Matcher};

use crate::error::{Error, Result};
use crate::runtime::mounts::resolve_in_root;

/// The ignore files, in the order they are looked for.
const IGNORE_FILES: [&str; 2] = [".containerignore", ".dockerignore"];

/// An opened build context.
#[derive(Debug, Clone)]
pub struct Context {
    /// The context directory, canonical.
    dir: PathBuf,
    /// Its ignore patterns.
    ignore: Matcher,
    /// One step's `--exclude` patterns, matched against paths relative to each source.
    exclude: Option<Matcher>,
}

/// One resolved COPY/ADD source in the context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Its path relative to the context (`.` for the context itself), symlinks resolved.
    pub rel: String,
    /// Whether it is a directory (its contents are copied, not itself).
    pub is_dir: bool,
    /// The name a file source is copied under: its base name as written, so a symlink's
    /// own name, not its target's (docker's).
    pub name: String,
}

impl Source {
    /// A source found at context path `rel`, copied under its own base name.
    fn at(rel: String, is_dir: bool) -> Source {
        let name = base_name(&rel);
        Source { rel, is_dir, name }
    }
}

/// The last component of `path` ("" for none).
fn base_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Where a COPY puts its sources: entries named relative to `dir`, each source either spread
/// into it (a directory's contents) or given one name there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The directory the entries are extracted into, absolute in the image.
    pub dir: String,
    /// The name a single file source gets in `dir`; None: sources keep their base names.
    pub file_name: Option<String>,
}

/// Owner and mode the copied entries get (`--chown`, `--chmod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Attributes {
    /// Owner uid and gid in the container (0:0 unless `--chown`).
    pub uid: u64,
    /// Owner gid.
    pub gid: u64,
    /// `--chmod` permission bits, applied to files and directories alike.
    pub mode: Option<u32>,
}

fn not_found(what: &str) -> Error {
    Error::InvalidArgument(format!(
        "{what}: no such file or directory in the build context (or excluded by .dockerignore)"
    ))
}

impl Context {
    /// Opens directory `dir` as a context and reads its ignore file, if any: `ignorefile`
    /// when given (podman's `--ignorefile`, docker's `DOCKERFILE.dockerignore`), else the
    /// context's own.
    pub fn open(dir: &Path, ignorefile: Option<&Path>) -> Result<Context> {
        let dir = dir.canonicalize().map_err(|e| {
            Error::InvalidArgument(format!("the build context {}: {e}", dir.display()))
        })?;
        if !dir.is_dir() {
            return Err(Error::InvalidArgument(format!(
                "the build context {} is not a directory",
                dir.display()
            )));
        }
        let mut ignore = Matcher::new(std::iter::empty()).expect("no patterns compile");
        if let Some(file) = ignorefile {
            let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
            let ignore = Matcher::from_file_text(&text)
                .map_err(|e| Error::InvalidArgument(format!("{}: {e}", file.display())))?;
            return Ok(Context {
                dir,
                ignore,
                exclude: None,
            });
        }
        for name in IGNORE_FILES {
            match std::fs::read_to_string(dir.join(name)) {
                Ok(text) => {
                    ignore = Matcher::from_file_text(&text)
                        .map_err(|e| Error::InvalidArgument(format!("{name}: {e}")))?;
                    break;
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(dir.join(name), e)),
            }
        }
        Ok(Context {
            dir,
            ignore,
            exclude: None,
        })
    }

    /// This context for a COPY/ADD with `--exclude` patterns (`.dockerignore` syntax, matched
    /// against the paths below each source, a file source by its name).
    pub fn with_excludes(&self, patterns: &[String]) -> Result<Context> {
        if patterns.is_empty() {
            return Ok(self.clone());
        }
        let exclude = Matcher::new(patterns.iter().map(String::as_str))
            .map_err(|e| Error::InvalidArgument(format!("--exclude: {e}")))?;
        Ok(Context {
            exclude: Some(exclude),
            ..self.clone()
        })
    }

    /// Whether the step's `--exclude` patterns leave out `rel` (relative to its source).
    fn step_excludes(&self, rel: &str) -> bool {
        self.exclude.as_ref().is_some_and(|m| m.excludes(rel))
    }

    /// The context directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether context path `rel` is excluded by the ignore file.
    fn excluded(&self, rel: &str) -> bool {
        rel != "." && self.ignore.excludes(rel)
    }

    /// Resolves one source as written (a path or a pattern) to context paths, in name order.
    /// A path resolves with the context as its root, so no symlink leads out of it.
    pub fn resolve(&self, source: &str) -> Result<Vec<Source>> {
        if is_pattern(source) {
            let found = self.matches(source)?;
            if found.is_empty() {
                return Err(not_found(source));
            }
            return Ok(found);
        }
        let mut found = self.followed(source).ok_or_else(|| not_found(source))?;
        if self.excluded(&found.rel) {
            return Err(not_found(source));
        }
        let written = base_name(source);
        if !written.is_empty() && written != "." && written != ".." {
            found.name = written;
        }
        Ok(vec![found])
    }

    /// The context paths pattern `source` matches, in name order (none is no error here).
    fn matches(&self, source: &str) -> Result<Vec<Source>> {
        let glob = Glob::new(source)
            .map_err(|e| Error::InvalidArgument(format!("COPY source {source:?}: {e}")))?;
        let mut found = Vec::new();
        self.walk_matches(&self.dir, "", &glob, 1, &mut found)?;
        Ok(found)
    }

    /// Resolves a COPY's or ADD's `sources` (see [`Self::resolve`]), in order. As docker's
    /// builders, a pattern that matches nothing is passed over while another source is found
    /// (`COPY package.json yarn.lock* ./`); when none is, the first such pattern's error.
    /// Any other error (a bad pattern, an unreadable directory) fails at once.
    pub fn resolve_all(&self, sources: &[&str]) -> Result<Vec<Source>> {
        let mut found = Vec::new();
        let mut first_unmatched = None;
        for source in sources {
            if is_pattern(source) {
                let more = self.matches(source)?;
                if more.is_empty() {
                    first_unmatched.get_or_insert(*source);
                }
                found.extend(more);
            } else {
                found.extend(self.resolve(source)?);
            }
        }
        match first_unmatched {
            Some(source) if found.is_empty() => Err(not_found(source)),
            _ => Ok(found),
        }
    }

    /// Context path `path` with its symlinks resolved, the context as their root (so none
    /// leads out of it); None when it does not exist.
    fn followed(&self, path: &str) -> Option<Source> {
        let root = std::fs::File::open(&self.dir).ok()?;
        let fd = resolve_in_root(root.as_raw_fd(), Path::new(path)).ok()?;
        let real = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).ok()?;
        let rel = real
            .strip_prefix(&self.dir)
            .ok()?
            .to_string_lossy()
            .into_owned();
        let rel = if rel.is_empty() { ".".to_string() } else { rel };
        let meta = std::fs::metadata(&real).ok()?;
        Some(Source::at(rel, meta.is_dir()))
    }

    fn walk_matches(
        &self,
        dir: &Path,
        prefix: &str,
        glob: &Glob,
        depth: usize,
        found: &mut Vec<Source>,
    ) -> Result<()> {
        for (name, meta) in sorted_entries(dir)? {
            let rel = join_rel(prefix, &name);
            if self.excluded(&rel) && !self.ignore.has_exceptions() {
                continue;
            }
            if glob.matches(&rel) && !self.excluded(&rel) {
                // A matched symlink copies what it points to under its own name, as an
                // explicit source (docker's); one that leads nowhere stays a link.
                // A target the ignore file excludes is not in docker's context: the link stays
                // a link, and nothing ignored is reached through it.
                let source = match meta.file_type().is_symlink() {
                    true => self
                        .followed(&rel)
                        .filter(|s| !self.excluded(&s.rel))
                        .map(|s| Source {
                            name: base_name(&rel),
                            ..s
                        }),
                    false => None,
                };
                found.push(source.unwrap_or_else(|| Source::at(rel, meta.is_dir())));
            } else if meta.is_dir() && depth < glob.depth() {
                self.walk_matches(
                    &dir.join(OsStr::from_bytes(&name)),
                    &rel,
                    glob,
                    depth + 1,
                    found,
                )?;
            }
        }
        Ok(())
    }

    /// Calls `visit` with each entry a source copies, parents before children, in name
    /// order: its path relative to the source (`""` for a file source itself), its
    /// metadata (never followed) and its full path.
    fn each_entry(
        &self,
        source: &Source,
        visit: &mut dyn FnMut(&str, &std::fs::Metadata, &Path) -> Result<()>,
    ) -> Result<()> {
        let path = self.dir.join(&source.rel);
        if !source.is_dir {
            if self.step_excludes(&source.name) {
                return Ok(());
            }
            let meta = std::fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
            return visit("", &meta, &path);
        }
        self.walk_dir(&path, &source.rel, "", visit)
    }

    fn walk_dir(
        &self,
        dir: &Path,
        ctx_rel: &str,
        rel: &str,
        visit: &mut dyn FnMut(&str, &std::fs::Metadata, &Path) -> Result<()>,
    ) -> Result<()> {
        for (name, meta) in sorted_entries(dir)? {
            let entry_ctx = join_rel(ctx_rel, &name);
            let entry_rel = join_rel(rel, &name);
            let excluded = self.excluded(&entry_ctx) || self.step_excludes(&entry_rel);
            let path = dir.join(OsStr::from_bytes(&name));
            if !excluded {
                visit(&entry_rel, &meta, &path)?;
            }
            // An excluded directory is still walked when an exception may bring back
            // something below it.
            let exceptions = self.ignore.has_exceptions()
                || self.exclude.as_ref().is_some_and(Matcher::has_exceptions);
            if meta.is_dir() && (!excluded || exceptions) {
                self.walk_dir(&path, &entry_ctx, &entry_rel, visit)?;
            }
        }
        Ok(())
    }

    /// The content digest of `sources`: names, kinds, modes, link targets and file contents
    /// (not times or owners, as docker's cache), hex sha256.
    pub fn digest(&self, sources: &[Source]) -> Result<String> {
        let mut h = Sha256::new();
        for s in sources {
            h.update(format!("source {} {}\n", s.rel, s.is_dir).as_bytes());
            if s.name != base_name(&s.rel) {
                // Copied under another name (a symlink's): a different result.
                h.update(format!("as {}\n", s.name).as_bytes());
            }
            self.each_entry(s, &mut |rel, meta, path| {
                h.update(format!("{rel}\0{:o}\0", meta.mode()).as_bytes());
                if meta.file_type().is_symlink() {
                    let target = std::fs::read_link(path).map_err(|e| io_at(path, e))?;
                    h.update(target.as_os_str().as_bytes());
                } else if meta.is_file() {
                    let mut f = std::fs::File::open(path).map_err(|e| io_at(path, e))?;
                    let mut buf = vec![0u8; 64 * 1024];
                    loop {
                        let n = f.read(&mut buf).map_err(|e| io_at(path, e))?;
                        if n == 0 {
                            break;
                        }
                        h.update(&buf[..n]);
                    }
                }
                h.update(b"\n");
                Ok(())
            })?;
        }
        Ok(hex::encode(h.finalize()))
    }

    /// Writes `sources` as a tar stream for extraction into `placement.dir`: a directory's
    /// contents under their names, a file under its base name (or `placement.file_name`),
    /// owned and moded as `attrs` says.
    pub fn archive(
        &self,
        sources: &[Source],
        placement: &Placement,
        attrs: Attributes,
        out: &mut dyn Write,
    ) -> Result<()> {
        let mut tar = tar::Builder::new(out);
        tar.mode(tar::HeaderMode::Deterministic);
        for s in sources {
            let base = match (&placement.file_name, s.is_dir) {
                (_, true) => String::new(),
                (Some(name), false) => name.clone(),
                (None, false) if s.name.is_empty() => s.rel.clone(),
                (None, false) => s.name.clone(),
            };
            self.each_entry(s, &mut |rel, meta, path| {
                let name = match (base.is_empty(), rel.is_empty()) {
                    (true, _) => rel.to_string(),
                    (false, true) => base.clone(),
                    (false, false) => format!("{base}/{rel}"),
                };
                append(&mut tar, &name, meta, path, attrs).map_err(|e| io_at(path, e))
            })?;
        }
        tar.finish()
            .map_err(|e| Error::Runtime(format!("writing the COPY archive: {e}")))
    }
}

/// Appends one entry with the given owner and mode to `tar`; sockets, fifos and devices
/// are left out, as docker's context leaves them.
fn append(
    tar: &mut tar::Builder<&mut dyn Write>,
    name: &str,
    meta: &std::fs::Metadata,
    path: &Path,
    attrs: Attributes,
) -> io::Result<()> {
    let ft = meta.file_type();
    let mut header = tar::Header::new_gnu();
    header.set_uid(attrs.uid);
    header.set_gid(attrs.gid);
    header.set_mtime(meta.mtime().max(0) as u64);
    header.set_mode(attrs.mode.unwrap_or(meta.permissions().mode() & 0o7777));
    if ft.is_dir() {
        header.set_entry_type(tar::EntryType::Directory);
        header.set_size(0);
        tar.append_data(&mut header, format!("{name}/"), io::empty())
    } else if ft.is_symlink() {
        let target = std::fs::read_link(path)?;
        header.set_entry_type(tar::EntryType::Symlink);
        header.set_size(0);
        tar.append_link(&mut header, name, target)
    } else if ft.is_file() {
        let f = std::fs::File::open(path)?;
        header.set_entry_type(tar::EntryType::Regular);
        header.set_size(meta.len());
        tar.append_data(&mut header, name, f.take(meta.len()))
    } else {
        Ok(())
    }
}

fn io_at(path: &Path, e: io::Error) -> Error {
    Error::io(path, e)
}

fn join_rel(prefix: &str, name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    if prefix.is_empty() || prefix == "." {
        name.into_owned()
    } else {
        format!("{prefix}/{name}")
    }
}

/// A directory's entries (name bytes, metadata not followed), sorted by name.
fn sorted_entries(dir: &Path) -> Result<Vec<(Vec<u8>, std::fs::Metadata)>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| io_at(dir, e))? {
        let e = e.map_err(|e| io_at(dir, e))?;
        let meta = std::fs::symlink_metadata(e.path()).map_err(|err| io_at(&e.path(), err))?;
        out.push((e.file_name().as_bytes().to_vec(), meta));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Where COPY/ADD put `count` sources of which `single_file` says whether the only one is a
/// file, for destination `dest` (already absolute: relative ones joined to WORKDIR) that
/// `dest_is_dir` says is a directory in the image. Docker's rules: a destination ending in
/// `/`, an existing directory, or several sources mean "into this directory"; otherwise a
/// single file gets the destination as its name.
pub fn placement(
    dest: &str,
    count: usize,
    single_file: bool,
    dest_is_dir: bool,
) -> Result<Placement> {
    let into_dir = dest.ends_with('/') || dest_is_dir || !single_file || dest == "/";
    if count > 1 && !(dest.ends_with('/') || dest_is_dir) {
        return Err(Error::InvalidArgument(format!(
            "When using COPY with more than one source file, the destination must be a \
             directory and end with a /: {dest}"
        )));
    }
    if into_dir {
        return Ok(Placement {
            dir: dest.to_string(),
            file_name: None,
        });
    }
    let p = Path::new(dest);
    Ok(Placement {
        dir: p
            .parent()
            .map(|d| d.to_string_lossy().into_owned())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "/".into()),
        file_name: p.file_name().map(|n| n.to_string_lossy().into_owned()),
    })
}

/// True when `bytes` start like a tar archive (plain, gzip or zstd): `build -` was given a
/// context on its input, not a Dockerfile.
pub fn is_archive(bytes: &[u8]) -> bool {
    use skiff_storage::compression::Compression;
    !matches!(Compression::detect(bytes), Compression::None)
        || (bytes.len() > 262 && &bytes[257..262] == b"ustar")
}

/// A tar stream completed at its end as a tar writer would have ended it: the docker CLI
/// sends a context it rewrote (`-f` outside the context, `-f -`) without the last entry's
/// padding and the end-of-archive blocks, which docker's daemon reads as a whole archive.
/// The reader follows the headers' sizes; when the stream ends after an entry's last data
/// byte (or at a header's place), zeros pad the entry's last block and two blocks follow. A
/// stream cut inside a header or an entry's data still ends there, and the unpacking fails.
struct EndPadded<R> {
    inner: R,
    /// Bytes read so far.
    read: u64,
    /// Where the header being read (or the next one) starts.
    header_at: u64,
    /// The header's bytes read so far.
    header: Vec<u8>,
    /// Where the data of the last complete header ends (unpadded).
    data_end: u64,
    /// Zeros still to give once the stream has ended whole; `None` before it ends.
    zeros: Option<u64>,
}

impl<R: Read> EndPadded<R> {
    fn new(inner: R) -> Self {
        EndPadded {
            inner,
            read: 0,
            header_at: 0,
            header: Vec::with_capacity(512),
            data_end: 0,
            zeros: None,
        }
    }

    /// Follows the headers in `bytes`, which start at offset `self.read`.
    fn track(&mut self, bytes: &[u8]) {
        let mut at = self.read;
        let end = at + bytes.len() as u64;
        while at < end {
            if at < self.header_at {
                at = self.header_at.min(end);
                continue;
            }
            let from = (at - self.read) as usize;
            let take = (512 - self.header.len()).min((end - at) as usize);
            self.header.extend_from_slice(&bytes[from..from + take]);
            at += take as u64;
            if self.header.len() == 512 {
                // A size no archive can have (near u64::MAX) ends the tracking: the stream
                // is then never whole, and the unpacking fails on its own.
                // 0 for the end-of-archive block and a size that does not parse (the
                // unpacking then rejects the header).
                let size = tar::Header::from_byte_slice(&self.header)
                    .entry_size()
                    .unwrap_or(0);
                let data = self.header_at.saturating_add(512);
                self.data_end = data.saturating_add(size);
                self.header_at = size
                    .div_ceil(512)
                    .checked_mul(512)
                    .and_then(|padded| data.checked_add(padded))
                    .unwrap_or(u64::MAX);
                self.header.clear();
            }
        }
    }
}

impl<R: Read> Read for EndPadded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.zeros.is_none() {
            let n = self.inner.read(buf)?;
            if n > 0 || buf.is_empty() {
                self.track(&buf[..n]);
                self.read += n as u64;
                return Ok(n);
            }
            let whole = self.header.is_empty() && self.read >= self.data_end;
            if !whole {
                return Ok(0);
            }
            self.zeros = Some(self.header_at.saturating_sub(self.read) + 1024);
        }
        let left = self.zeros.as_mut().expect("set above");
        let n = buf.len().min(usize::try_from(*left).unwrap_or(usize::MAX));
        buf[..n].fill(0);
        *left -= n as u64;
        Ok(n)
    }
}

/// A context unpacked from an archive into a directory of its own, removed when dropped.
#[derive(Debug)]
pub struct UnpackedContext {
    dir: PathBuf,
}

impl UnpackedContext {
    /// Unpacks the tar archive `bytes` (plain, gzip or zstd) into a new temporary directory;
    /// entries stay inside it.
    pub fn unpack(bytes: &[u8]) -> Result<UnpackedContext> {
        Self::unpack_from(bytes)
    }

    /// [`UnpackedContext::unpack`] of the archive `input` yields.
    pub fn unpack_from(input: impl Read) -> Result<UnpackedContext> {
        use std::io::BufRead;
        let mut input = std::io::BufReader::with_capacity(64 * 1024, input);
        let head = input
            .fill_buf()
            .map_err(|e| Error::Runtime(format!("reading the context: {e}")))?;
        let kind = skiff_storage::compression::Compression::detect(head);
        let dir = std::env::temp_dir().join(format!("skiff-context-{}", crate::id::new_id()));
        std::fs::create_dir(&dir).map_err(|e| io_at(&dir, e))?;
        let unpacked = UnpackedContext { dir };
        let mut tar = EndPadded::new(kind.decoder(input));
        crate::container::copy::unpack_on_host(&unpacked.dir, false, true, &mut tar)?;
        Ok(unpacked)
    }

    /// The Dockerfile at `name` in the context (docker's default `Dockerfile`, then
    /// `Containerfile`, then docker's lower-case `dockerfile`): its name and text. The name
    /// resolves inside the context.
    pub fn dockerfile(&self, name: Option<&str>) -> Result<(String, String)> {
        let candidates: Vec<&str> = match name {
            Some(n) if !n.is_empty() => vec![n],
            _ => vec!["Dockerfile", "Containerfile", "dockerfile"],
        };
        let root = std::fs::File::open(&self.dir).map_err(|e| io_at(&self.dir, e))?;
        for c in &candidates {
            if let Ok(fd) = resolve_in_root(root.as_raw_fd(), Path::new(c)) {
                let path = format!("/proc/self/fd/{}", fd.as_raw_fd());
                if let Ok(text) = std::fs::read_to_string(&path) {
                    return Ok((c.to_string(), text));
                }
            }
        }
        Err(Error::InvalidArgument(format!(
            "Cannot locate specified Dockerfile: {}",
            candidates[0]
        )))
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for UnpackedContext {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let p = d.path();
        std::fs::create_dir_all(p.join("src/sub")).unwrap();
        std::fs::write(p.join("src/a.txt"), "a").unwrap();
        std::fs::write(p.join("src/b.log"), "b").unwrap();
        std::fs::write(p.join("src/sub/c.txt"), "c").unwrap();
        std::fs::write(p.join("top"), "t").unwrap();
        std::os::unix::fs::symlink("/etc", p.join("out")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", p.join("src/pw")).unwrap();
        d
    }

    fn names(ctx: &Context, sources: &[Source], placement: &Placement) -> Vec<String> {
        let mut buf = Vec::new();
        ctx.archive(sources, placement, Attributes::default(), &mut buf)
            .unwrap();
        let mut ar = tar::Archive::new(&buf[..]);
        ar.entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn sources_resolve_inside_the_context() {
        let d = tree();
        let ctx = Context::open(d.path(), None).unwrap();
        // A symlink out of the context resolves inside it: /etc there does not exist.
        assert!(ctx.resolve("out").is_err());
        assert!(ctx.resolve("../../../etc/passwd").is_err());
        assert!(ctx.resolve("/etc/passwd").is_err());
        let found = ctx.resolve("src/*.txt").unwrap();
        assert_eq!(
            found,
            vec![Source {
                rel: "src/a.txt".into(),
                is_dir: false,
                name: "a.txt".into(),
            }]
        );
        assert!(ctx.resolve("nothing*").is_err());
        // Among other sources, a pattern that matches nothing is passed over; alone, or with a
        // missing plain path, it is an error.
        assert_eq!(
            ctx.resolve_all(&["src/*.txt", "nothing*"]).unwrap().len(),
            found.len()
        );
        assert!(ctx.resolve_all(&["nothing*", "none*"]).is_err());
        assert!(ctx.resolve_all(&["src/*.txt", "missing.txt"]).is_err());
        assert!(ctx.resolve(".").unwrap()[0].is_dir);
    }

    #[test]
    fn archives_copy_links_as_links_and_honour_the_ignore_file() {
        let d = tree();
        std::fs::write(
            d.path().join(".dockerignore"),
            "src/*.log\nsrc/sub\n!src/sub/c.txt\n",
        )
        .unwrap();
        let ctx = Context::open(d.path(), None).unwrap();
        let src = ctx.resolve("src").unwrap();
        let into = Placement {
            dir: "/app".into(),
            file_name: None,
        };
        assert_eq!(names(&ctx, &src, &into), ["a.txt", "pw", "sub/c.txt"]);
        let mut buf = Vec::new();
        ctx.archive(
            &src,
            &into,
            Attributes {
                uid: 7,
                gid: 8,
                mode: Some(0o600),
            },
            &mut buf,
        )
        .unwrap();
        let mut ar = tar::Archive::new(&buf[..]);
        for e in ar.entries().unwrap() {
            let e = e.unwrap();
            let h = e.header();
            assert_eq!(
                (h.uid().unwrap(), h.gid().unwrap(), h.mode().unwrap()),
                (7, 8, 0o600)
            );
            if e.path().unwrap().ends_with("pw") {
                assert_eq!(h.entry_type(), tar::EntryType::Symlink);
            }
        }
        assert!(ctx.resolve("src/b.log").is_err());
        let file = ctx.resolve("top").unwrap();
        let renamed = placement("/x/name", 1, true, false).unwrap();
        assert_eq!(
            renamed,
            Placement {
                dir: "/x".into(),
                file_name: Some("name".into())
            }
        );
        assert_eq!(names(&ctx, &file, &renamed), ["name"]);
    }

    #[test]
    fn digests_follow_content_not_times() {
        let d = tree();
        let ctx = Context::open(d.path(), None).unwrap();
        let src = ctx.resolve("src").unwrap();
        let first = ctx.digest(&src).unwrap();
        std::fs::write(d.path().join("src/a.txt"), "a").unwrap();
        assert_eq!(ctx.digest(&src).unwrap(), first);
        std::fs::write(d.path().join("src/a.txt"), "A").unwrap();
        assert_ne!(ctx.digest(&src).unwrap(), first);
    }

    #[test]
    fn placements_follow_dockers_rules() {
        assert_eq!(placement("/d/", 2, false, false).unwrap().file_name, None);
        assert!(placement("/d", 2, false, false).is_err());
        assert_eq!(placement("/d", 2, false, true).unwrap().dir, "/d");
        assert_eq!(placement("/d", 1, false, false).unwrap().dir, "/d");
        assert_eq!(placement("/f", 1, true, false).unwrap().dir, "/");
        assert_eq!(placement("/x/", 1, true, false).unwrap().file_name, None);
    }

    #[test]
    fn excludes_leave_out_what_they_match_below_each_source() {
        let d = tree();
        let ctx = Context::open(d.path(), None).unwrap();
        let src = ctx.resolve("src").unwrap();
        let into = Placement {
            dir: "/app".into(),
            file_name: None,
        };
        // Without patterns every directory is walked.
        assert_eq!(
            names(&ctx, &src, &into),
            ["a.txt", "b.log", "pw", "sub/", "sub/c.txt"]
        );
        let ex = ctx.with_excludes(&["*.log".into(), "sub".into()]).unwrap();
        assert_eq!(names(&ex, &src, &into), ["a.txt", "pw"]);
        // An exception brings back a file below an excluded directory.
        let back = ctx
            .with_excludes(&["sub".into(), "!sub/c.txt".into()])
            .unwrap();
        assert_eq!(
            names(&back, &src, &into),
            ["a.txt", "b.log", "pw", "sub/c.txt"]
        );
        // A file source is matched by its name.
        let top = ctx.resolve("top").unwrap();
        let none = ctx.with_excludes(&["top".into()]).unwrap();
        assert!(names(&none, &top, &into).is_empty());
        assert_eq!(ctx.digest(&src).unwrap(), ctx.digest(&src).unwrap());
        assert_ne!(ex.digest(&src).unwrap(), ctx.digest(&src).unwrap());
        assert!(ctx.with_excludes(&["[".into()]).is_err());
    }

    #[test]
    fn globs_walk_as_deep_as_the_pattern_and_honour_exceptions() {
        let d = tree();
        std::fs::create_dir_all(d.path().join("src/sub/deep")).unwrap();
        std::fs::write(d.path().join("src/sub/deep/d.txt"), "d").unwrap();
        let ctx = Context::open(d.path(), None).unwrap();
        let rels = |pattern: &str| -> Vec<String> {
            ctx.resolve(pattern)
                .unwrap()
                .into_iter()
                .map(|s| s.rel)
                .collect()
        };
        assert_eq!(rels("src/*/*.txt"), ["src/sub/c.txt"]);
        assert_eq!(
            rels("src/**/*.txt"),
            ["src/a.txt", "src/sub/c.txt", "src/sub/deep/d.txt"]
        );
        std::fs::write(d.path().join(".dockerignore"), "src\n!src/sub/c.txt\n").unwrap();
        let ctx = Context::open(d.path(), None).unwrap();
        let found: Vec<String> = ctx
            .resolve("src/*/*.txt")
            .unwrap()
            .into_iter()
            .map(|s| s.rel)
            .collect();
        assert_eq!(found, ["src/sub/c.txt"]);
        assert!(ctx.resolve("src/a.txt").is_err());
        // An unreadable ignore file is an error, a missing one is none.
        std::fs::remove_file(d.path().join(".dockerignore")).unwrap();
        std::fs::create_dir(d.path().join(".dockerignore")).unwrap();
        assert!(Context::open(d.path(), None).is_err());
    }

    #[test]
    fn modes_keep_their_special_bits() {
        use std::os::unix::fs::PermissionsExt;
        let d = tree();
        let f = d.path().join("top");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o4755)).unwrap();
        let ctx = Context::open(d.path(), None).unwrap();
        let mut buf = Vec::new();
        let place = Placement {
            dir: "/".into(),
            file_name: None,
        };
        ctx.archive(
            &ctx.resolve("top").unwrap(),
            &place,
            Attributes::default(),
            &mut buf,
        )
        .unwrap();
        let mut ar = tar::Archive::new(&buf[..]);
        let entry = ar.entries().unwrap().next().unwrap().unwrap();
        assert_eq!(entry.header().mode().unwrap(), 0o4755);
    }

    #[test]
    fn archives_are_told_from_dockerfiles() {
        let mut tar_bytes = Vec::new();
        {
            let mut b = tar::Builder::new(&mut tar_bytes);
            let mut h = tar::Header::new_ustar();
            h.set_size(4);
            h.set_mode(0o644);
            b.append_data(&mut h, "Dockerfile", &b"FROM"[..]).unwrap();
            b.finish().unwrap();
        }
        assert!(is_archive(&tar_bytes));
        assert!(is_archive(&[0x1f, 0x8b, 8, 0]));
        assert!(is_archive(&[0x28, 0xb5, 0x2f, 0xfd]));
        assert!(!is_archive(b"FROM busybox\n"));
        let mut text = b"FROM busybox\n".repeat(40);
        text[257..262].copy_from_slice(b"ustaX");
        assert!(!is_archive(&text));
        assert!(!is_archive(&tar_bytes[..262]));
    }

    #[test]
    fn an_unpacked_context_finds_its_dockerfile_inside_and_goes_away() {
        let mut tar_bytes = Vec::new();
        {
            let mut b = tar::Builder::new(&mut tar_bytes);
            for (name, body) in [("Dockerfile", "FROM a\n"), ("Other", "FROM b\n")] {
                let mut h = tar::Header::new_ustar();
                h.set_size(body.len() as u64);
                h.set_mode(0o644);
                b.append_data(&mut h, name, body.as_bytes()).unwrap();
            }
            let mut h = tar::Header::new_ustar();
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_size(0);
            b.append_link(&mut h, "escape", "/etc/hostname").unwrap();
            b.finish().unwrap();
        }
        let ctx = UnpackedContext::unpack(&tar_bytes).unwrap();
        let dir = ctx.dir().to_path_buf();
        assert_eq!(
            ctx.dockerfile(None).unwrap(),
            ("Dockerfile".to_string(), "FROM a\n".to_string())
        );
        assert_eq!(ctx.dockerfile(Some("")).unwrap().0, "Dockerfile");
        assert_eq!(ctx.dockerfile(Some("Other")).unwrap().1, "FROM b\n");
        // A name (or a link) that points out of the context resolves inside it.
        assert!(ctx.dockerfile(Some("../../../../etc/hostname")).is_err());
        assert!(ctx.dockerfile(Some("escape")).is_err());
        drop(ctx);
        assert!(!dir.exists());
    }

    /// The docker CLI's rewritten context (`-f -`, `-f ../Dockerfile`) ends after the last
    /// entry's data: no padding, no end-of-archive blocks.
    #[test]
    fn a_context_cut_after_its_last_entry_s_data_unpacks_and_one_cut_inside_does_not() {
        let mut tar_bytes = Vec::new();
        {
            let mut b = tar::Builder::new(&mut tar_bytes);
            for (name, body) in [("f", "data\n"), (".dockerfile.x1", "FROM a\nCOPY f /f\n")] {
                let mut h = tar::Header::new_ustar();
                h.set_size(body.len() as u64);
                h.set_mode(0o644);
                b.append_data(&mut h, name, body.as_bytes()).unwrap();
            }
            b.finish().unwrap();
        }
        // Two headers and two data blocks; the second's data is 17 bytes.
        let cut = 512 * 3 + "FROM a\nCOPY f /f\n".len();
        let ctx = UnpackedContext::unpack(&tar_bytes[..cut]).unwrap();
        assert_eq!(
            ctx.dockerfile(Some(".dockerfile.x1")).unwrap().1,
            "FROM a\nCOPY f /f\n"
        );
        assert_eq!(std::fs::read(ctx.dir().join("f")).unwrap(), b"data\n");
        // Cut at a block's end, with no end-of-archive: the same.
        assert!(UnpackedContext::unpack(&tar_bytes[..512 * 4]).is_ok());
        // Cut inside the last entry's data: the entry is short, an error.
        assert!(UnpackedContext::unpack(&tar_bytes[..cut - 5]).is_err());
        // Cut inside the second header: an error, not an archive of the first entry alone.
        assert!(UnpackedContext::unpack(&tar_bytes[..1024 + 100]).is_err());
        // A header whose base-256 size is near u64::MAX: an error, no overflow.
        let mut huge = tar_bytes[..512].to_vec();
        huge[124] = 0x80;
        huge[125..136].fill(0xff);
        assert!(UnpackedContext::unpack(&huge).is_err());
        // Cut inside the first entry's padding: the first entry alone.
        let first = UnpackedContext::unpack(&tar_bytes[..600]).unwrap();
        assert_eq!(std::fs::read(first.dir().join("f")).unwrap(), b"data\n");
    }
}
