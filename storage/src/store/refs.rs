//! `image-refs`: what the catalog knows about images that the blobs do not say (their names,
//! repository digests, layers and times), kept beside the blobs so that a lost or damaged
//! catalog can be rebuilt (`skiff system check --repair`). The file is rewritten whole,
//! atomically (temp file, fsync, rename, fsync of the directory), whenever images change.
//!
//! One line per image, fields separated by single spaces, lists by commas:
//!
//! ```text
//! image <id hex> manifest=<sha256:..> digest=<sha256:..|-> created=<secs> size=<bytes> stored=<secs> layers=<hex,..> names=<name,..> repodigests=<repo@sha256:..,..>
//! ```
//!
//! The file is read after a crash, so the parser trusts nothing: every field is validated,
//! a bad line is reported (with its number) and skipped, and the other lines still count.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::tmp::TempFile;
use super::Store;
use crate::digest::Digest;
use crate::error::{IoContext, Result};
use crate::reference::Reference;

/// The first line of the file.
const HEADER: &str = "# skiff image references (format 1); `skiff system check --repair` rebuilds the catalog's images from this file";

/// One image as the refs file records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The image id (the config blob's digest).
    pub id: Digest,
    /// The digest of the manifest blob in the store.
    pub manifest: Digest,
    /// The manifest digest the catalog recorded (from a registry or archive), if any.
    pub manifest_digest: Option<Digest>,
    /// Creation time from the config (unix seconds).
    pub created: i64,
    /// Sum of uncompressed layer sizes, in bytes.
    pub size: i64,
    /// When the image entered the store (unix seconds).
    pub stored: i64,
    /// Layer chain ids, base first.
    pub layers: Vec<Digest>,
    /// Full names (`registry/repository:tag`).
    pub names: Vec<String>,
    /// Repository digests (`registry/repository@sha256:..`).
    pub repo_digests: Vec<String>,
}

/// What [`parse`] made of a refs file: the images of its good lines, and one message per bad
/// line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ParsedRefs {
    /// The images, in file order.
    pub images: Vec<ImageRef>,
    /// `line N: what is wrong`, for each line that was skipped.
    pub errors: Vec<String>,
}

/// Where the refs file of the store at `root` lives, for a reader that does not open the store.
pub fn image_refs_path_in(root: &Path) -> PathBuf {
    root.join("image-refs")
}

/// Renders `images` as the refs file's text.
pub fn render(images: &[ImageRef]) -> String {
    let mut out = format!("{HEADER}\n");
    for image in images {
        let digest = image
            .manifest_digest
            .as_ref()
            .map_or_else(|| "-".to_string(), Digest::to_string);
        let layers: Vec<&str> = image.layers.iter().map(Digest::hex).collect();
        out.push_str(&format!(
            "image {} manifest={} digest={digest} created={} size={} stored={} layers={} names={} repodigests={}\n",
            image.id.hex(),
            image.manifest,
            image.created,
            image.size,
            image.stored,
            layers.join(","),
            image.names.join(","),
            image.repo_digests.join(","),
        ));
    }
    out
}

/// Parses a refs file's text; see [`ParsedRefs`]. Blank lines and `#` comments are skipped.
pub fn parse(text: &str) -> ParsedRefs {
    let mut parsed = ParsedRefs::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_line(line) {
            Ok(image) => parsed.images.push(image),
            Err(why) => parsed.errors.push(format!("line {}: {why}", n + 1)),
        }
    }
    parsed
}

/// One `image ...` line.
fn parse_line(line: &str) -> Result<ImageRef, String> {
    let mut words = line.split(' ');
    if words.next() != Some("image") {
        return Err("does not start with `image `".into());
    }
    let id = words.next().ok_or("has no image id")?;
    let id = Digest::from_hex(id).map_err(|_| format!("{id:?} is not an image id"))?;
    let mut fields: [Option<&str>; 8] = [None; 8];
    const KEYS: [&str; 8] = [
        "manifest",
        "digest",
        "created",
        "size",
        "stored",
        "layers",
        "names",
        "repodigests",
    ];
    for word in words {
        let (key, value) = word
            .split_once('=')
            .ok_or_else(|| format!("{word:?} is not KEY=VALUE"))?;
        // Unknown keys are left to newer versions of skiff.
        if let Some(i) = KEYS.iter().position(|k| *k == key) {
            if fields[i].replace(value).is_some() {
                return Err(format!("{key} is given twice"));
            }
        }
    }
    let get = |i: usize| fields[i].ok_or_else(|| format!("has no {}=", KEYS[i]));
    let digest = |key: &str, v: &str| {
        v.parse::<Digest>()
            .map_err(|_| format!("{key}={v:?} is not a sha256 digest"))
    };
    let number = |i: usize| -> Result<i64, String> {
        let v = get(i)?;
        v.parse()
            .map_err(|_| format!("{}={v:?} is not a number", KEYS[i]))
    };
    let list = |i: usize| -> Result<Vec<&str>, String> {
        let v = get(i)?;
        Ok(if v.is_empty() {
            Vec::new()
        } else {
            v.split(',').collect()
        })
    };
    let manifest_digest = match get(1)? {
        "-" => None,
        v => Some(digest("digest", v)?),
    };
    let layers = list(5)?
        .into_iter()
        .map(|h| Digest::from_hex(h).map_err(|_| format!("layer {h:?} is not a chain id")))
        .collect::<Result<_, _>>()?;
    let names = list(6)?
        .into_iter()
        .map(|n| match Reference::parse(n) {
            Ok(r) if r.digest().is_none() && r.tag().is_some() => Ok(n.to_string()),
            _ => Err(format!("name {n:?} is not registry/repository:tag")),
        })
        .collect::<Result<_, _>>()?;
    let repo_digests = list(7)?
        .into_iter()
        .map(|n| match Reference::parse(n) {
            Ok(r) if r.digest().is_some() && r.tag().is_none() => Ok(n.to_string()),
            _ => Err(format!(
                "repository digest {n:?} is not registry/repository@digest"
            )),
        })
        .collect::<Result<_, _>>()?;
    Ok(ImageRef {
        id,
        manifest: digest("manifest", get(0)?)?,
        manifest_digest,
        created: number(2)?,
        size: number(3)?,
        stored: number(4)?,
        layers,
        names,
        repo_digests,
    })
}

impl Store {
    /// Where the refs file lives: `<store>/image-refs`.
    pub fn image_refs_path(&self) -> PathBuf {
        image_refs_path_in(&self.root)
    }

    /// Replaces the refs file with `images`, atomically: a reader (or a crash) sees the old
    /// file or the new one, never a mix.
    pub fn write_image_refs(&self, images: &[ImageRef]) -> Result<()> {
        let tmp = self.tmp_dir();
        let mut temp = TempFile::create(&tmp, "refs").at(&tmp)?;
        let temp_path = temp.path().to_path_buf();
        temp.file()
            .write_all(render(images).as_bytes())
            .and_then(|()| temp.file().sync_all())
            .at(&temp_path)?;
        let dest = self.image_refs_path();
        temp.persist(&dest).at(&dest)?;
        File::open(&self.root)
            .and_then(|d| d.sync_all())
            .at(&self.root)
    }

    /// The refs file's text; None when there is none (a store from before the file existed,
    /// or one with no images yet).
    pub fn read_image_refs(&self) -> Result<Option<String>> {
        let path = self.image_refs_path();
        // Lossy: a flipped byte must not hide the lines around it from `system check`.
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(crate::error::Error::io(path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> ImageRef {
        ImageRef {
            id: Digest::of(b"config"),
            manifest: Digest::of(b"manifest"),
            manifest_digest: Some(Digest::of(b"manifest")),
            created: 1_700_000_000,
            size: 4096,
            stored: 1_700_000_100,
            layers: vec![Digest::of(b"l1"), Digest::of(b"l2")],
            names: vec!["docker.io/library/busybox:latest".into()],
            repo_digests: vec![format!(
                "docker.io/library/busybox@{}",
                Digest::of(b"manifest")
            )],
        }
    }

    #[test]
    fn renders_and_parses_back() {
        let mut bare = sample();
        bare.manifest_digest = None;
        bare.layers.clear();
        bare.names.clear();
        bare.repo_digests.clear();
        let images = vec![sample(), bare];
        let text = render(&images);
        assert!(text.starts_with("# skiff image references"));
        assert_eq!(
            parse(&text),
            ParsedRefs {
                images,
                errors: vec![]
            }
        );
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let good = render(&[sample()]);
        let good_line = good.lines().nth(1).unwrap();
        let text = format!(
            "{good_line}\nimage nothex manifest=x\n{}\n{}\nimage {} manifest=sha256:{}\ngarbage\n",
            good_line.replace("created=1700000000", "created=soon"),
            good_line.replace("names=docker.io", "names=UPPER/x:1,docker.io"),
            "a".repeat(64),
            "b".repeat(64),
        );
        let parsed = parse(&text);
        assert_eq!(parsed.images, vec![sample()]);
        assert_eq!(
            parsed.errors,
            vec![
                "line 2: \"nothex\" is not an image id",
                "line 3: created=\"soon\" is not a number",
                "line 4: name \"UPPER/x:1\" is not registry/repository:tag",
                "line 5: has no digest=",
                "line 6: does not start with `image `",
            ]
        );
    }

    #[test]
    fn unknown_keys_are_ignored_and_twice_given_keys_refused() {
        let line = render(&[sample()]).lines().nth(1).unwrap().to_string();
        assert_eq!(parse(&format!("{line} future=1")).images, vec![sample()]);
        assert_eq!(
            parse(&format!("{line} size=1")).errors,
            vec!["line 1: size is given twice"]
        );
    }

    #[test]
    fn written_atomically_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.read_image_refs().unwrap(), None);
        store.write_image_refs(&[sample()]).unwrap();
        let text = store.read_image_refs().unwrap().unwrap();
        assert_eq!(parse(&text).images, vec![sample()]);
        // Nothing is left in tmp/.
        assert_eq!(std::fs::read_dir(store.tmp_dir()).unwrap().count(), 0);
    }

    fn digest() -> impl Strategy<Value = Digest> {
        any::<[u8; 8]>().prop_map(|b| Digest::of(&b))
    }

    fn component() -> impl Strategy<Value = String> {
        "[a-z0-9]{1,6}([._-][a-z0-9]{1,4})?"
    }

    fn repo() -> impl Strategy<Value = String> {
        (
            prop_oneof![Just("docker.io"), Just("localhost:5055"), Just("quay.io")],
            proptest::collection::vec(component(), 1..3),
        )
            .prop_map(|(registry, parts)| format!("{registry}/{}", parts.join("/")))
    }

    fn image_ref() -> impl Strategy<Value = ImageRef> {
        (
            (digest(), digest(), proptest::option::of(digest())),
            (any::<i64>(), any::<i64>(), any::<i64>()),
            proptest::collection::vec(digest(), 0..4),
            proptest::collection::vec((repo(), "[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}"), 0..3),
            proptest::collection::vec((repo(), digest()), 0..3),
        )
            .prop_map(
                |((id, manifest, manifest_digest), (created, size, stored), layers, names, rd)| {
                    ImageRef {
                        id,
                        manifest,
                        manifest_digest,
                        created,
                        size,
                        stored,
                        layers,
                        names: names.into_iter().map(|(r, t)| format!("{r}:{t}")).collect(),
                        repo_digests: rd.into_iter().map(|(r, d)| format!("{r}@{d}")).collect(),
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn any_rendered_file_parses_back(images in proptest::collection::vec(image_ref(), 0..5)) {
            let parsed = parse(&render(&images));
            prop_assert_eq!(parsed.errors, Vec::<String>::new());
            prop_assert_eq!(parsed.images, images);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "(image |[ -~]|\n|=|,|sha256:){0,200}") {
            let parsed = parse(&text);
            let lines = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
            prop_assert_eq!(parsed.images.len() + parsed.errors.len(), lines);
        }

        #[test]
        fn damaged_lines_never_yield_invalid_images(
            images in proptest::collection::vec(image_ref(), 1..3),
            cut in any::<prop::sample::Index>(),
            junk in "[ -~]{0,3}",
        ) {
            // A file cut short or with bytes replaced (a crash, a bad disk) gives only images
            // whose every field is still valid.
            let text = render(&images);
            let at = cut.index(text.len());
            let damaged = format!("{}{junk}{}", &text[..at], &text[(at + junk.len()).min(text.len())..]);
            for image in parse(&damaged).images {
                for n in &image.names {
                    prop_assert!(Reference::parse(n).is_ok());
                }
                for d in &image.repo_digests {
                    prop_assert!(Reference::parse(d).unwrap().digest().is_some());
                }
            }
        }
    }
}
