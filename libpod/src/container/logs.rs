//! Container logs: the monitor writes them ([`LogWriter`]), `logs` reads them back ([`read_log`]).
//!
//! k8s-file (the default): one line per record, `TIME STREAM F|P TEXT`, where `P` marks a partial
//! line continued by the next record. json-file: docker's `{"log":"..","stream":"..","time":".."}`.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::time::{now_ns, parse_rfc3339, rfc3339_nanos};
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};

/// Which stream a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// The container's stdout (and everything, with a tty).
    Stdout,
    /// The container's stderr.
    Stderr,
}

impl Stream {
    fn as_str(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// Appends a container's output to its log file in the configured format.
pub struct LogWriter {
    file: Option<File>,
    json: bool,
    path: PathBuf,
    /// `--log-opt max-size` in bytes (0: the log grows without bound).
    max_size: u64,
    /// `--log-opt max-file`: how many files, the current one included, are kept.
    max_file: u32,
    /// The current file's size.
    size: u64,
}

/// Checks `--log-opt KEY=VALUE` values for `driver`: `max-size` (rotate the log when it
/// reaches that size), `max-file` (files kept, with max-size; default 1), `tag` (recorded).
pub fn parse_log_opts(values: &[String], driver: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for o in values {
        let (k, v) = o.split_once('=').ok_or_else(|| {
            Error::InvalidArgument(format!("invalid --log-opt {o:?}: use KEY=VALUE"))
        })?;
        match k {
            "max-size" => {
                if super::options::parse_size(v)? <= 0 {
                    return Err(Error::InvalidArgument(format!(
                        "invalid --log-opt {o:?}: give a size above zero, e.g. 10m"
                    )));
                }
            }
            "max-file" => {
                if !v.parse::<u32>().is_ok_and(|n| n >= 1) {
                    return Err(Error::InvalidArgument(format!(
                        "invalid --log-opt {o:?}: give a number of files, at least 1"
                    )));
                }
            }
            "tag" => {}
            _ => {
                return Err(Error::InvalidArgument(format!(
                    "--log-opt {k:?} is not supported by the {driver} log driver: use max-size, max-file or tag"
                )))
            }
        }
        out.insert(k.to_string(), v.to_string());
    }
    if driver == "none" && !out.is_empty() {
        return Err(Error::InvalidArgument(
            "--log-opt has no effect with --log-driver none: drop one of them".into(),
        ));
    }
    if out.contains_key("max-file") && !out.contains_key("max-size") {
        return Err(Error::InvalidArgument(
            "--log-opt max-file needs max-size: the log is rotated when it reaches max-size".into(),
        ));
    }
    Ok(out)
}

impl LogWriter {
    /// Opens (appending) the log for `driver` ("none" writes nothing).
    pub fn open(path: &Path, driver: &str) -> std::io::Result<LogWriter> {
        let mut w = LogWriter {
            file: None,
            json: driver == "json-file",
            path: path.to_path_buf(),
            max_size: 0,
            max_file: 1,
            size: 0,
        };
        if driver != "none" {
            let file = Self::append(path)?;
            w.size = file.metadata()?.len();
            w.file = Some(file);
        }
        Ok(w)
    }

    fn append(path: &Path) -> std::io::Result<File> {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
    }

    /// Rotates the log as `--log-opt max-size` and `max-file` ask (checked by
    /// [`parse_log_opts`]): when the file reaches max-size it becomes `PATH.1` (older ones
    /// move up, beyond max-file - 1 they go), or with one file it starts again empty.
    pub fn rotating(mut self, opts: &BTreeMap<String, String>) -> LogWriter {
        if let Some(size) = opts.get("max-size") {
            self.max_size = super::options::parse_size(size).unwrap_or(0).max(0) as u64;
            self.max_file = opts
                .get("max-file")
                .and_then(|n| n.parse().ok())
                .unwrap_or(1)
                .max(1);
        }
        self
    }

    fn rotate(&mut self) -> std::io::Result<()> {
        let numbered = |n: u32| PathBuf::from(format!("{}.{n}", self.path.display()));
        if self.max_file <= 1 {
            if let Some(f) = &self.file {
                f.set_len(0)?;
            }
            self.size = 0;
            return Ok(());
        }
        let _ = std::fs::remove_file(numbered(self.max_file - 1));
        for n in (1..self.max_file - 1).rev() {
            let _ = std::fs::rename(numbered(n), numbered(n + 1));
        }
        std::fs::rename(&self.path, numbered(1))?;
        self.file = Some(Self::append(&self.path)?);
        self.size = 0;
        Ok(())
    }

    /// Records one chunk of output, one record per line; a trailing piece without a newline is
    /// written as a partial record.
    pub fn write(&mut self, stream: Stream, data: &[u8]) {
        if self.file.is_none() {
            return;
        }
        let ts = rfc3339_nanos(now_ns());
        let mut out = Vec::with_capacity(data.len() + 64);
        for piece in data.split_inclusive(|b| *b == b'\n') {
            let (text, full) = match piece.strip_suffix(b"\n") {
                Some(t) => (t, true),
                None => (piece, false),
            };
            if self.json {
                let rec = JsonRecord {
                    log: String::from_utf8_lossy(piece).into_owned(),
                    stream: stream.as_str().to_string(),
                    time: ts.clone(),
                };
                out.extend_from_slice(
                    serde_json::to_string(&rec)
                        .expect("record serializes")
                        .as_bytes(),
                );
                out.push(b'\n');
            } else {
                out.extend_from_slice(ts.as_bytes());
                out.push(b' ');
                out.extend_from_slice(stream.as_str().as_bytes());
                out.extend_from_slice(if full { b" F " } else { b" P " });
                out.extend_from_slice(text);
                out.push(b'\n');
            }
            // Rotation goes record by record, so a file ends near max-size.
            if self.max_size > 0 && self.size + out.len() as u64 >= self.max_size {
                self.flush(&mut out);
                let _ = self.rotate();
            }
        }
        self.flush(&mut out);
    }

    fn flush(&mut self, out: &mut Vec<u8>) {
        if let Some(file) = self.file.as_mut() {
            if !out.is_empty() && file.write_all(out).is_ok() {
                self.size += out.len() as u64;
            }
        }
        out.clear();
    }
}

/// The rotated files of the log at `path` that exist, oldest first (`PATH.N` .. `PATH.1`).
fn rotated_files(path: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = (1..)
        .map(|n| PathBuf::from(format!("{}.{n}", path.display())))
        .take_while(|p| p.exists())
        .collect();
    out.reverse();
    out
}

#[derive(Serialize, Deserialize)]
struct JsonRecord {
    log: String,
    stream: String,
    time: String,
}

/// One line of output as read back from a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// When the first piece of the line was written (unix ns).
    pub time: i64,
    /// stdout or stderr.
    pub stream: Stream,
    /// The text, with its newline when the line was complete.
    pub text: Vec<u8>,
}

/// Parses one log record line: (time, stream, complete?, text).
fn parse_record(line: &[u8], json: bool) -> Option<(i64, Stream, bool, Vec<u8>)> {
    let stream_of = |s: &[u8]| match s {
        b"stdout" => Some(Stream::Stdout),
        b"stderr" => Some(Stream::Stderr),
        _ => None,
    };
    if json {
        let rec: JsonRecord = serde_json::from_slice(line).ok()?;
        let full = rec.log.ends_with('\n');
        let text = rec.log.trim_end_matches('\n').as_bytes().to_vec();
        return Some((
            parse_rfc3339(&rec.time)?,
            stream_of(rec.stream.as_bytes())?,
            full,
            text,
        ));
    }
    let mut parts = line.splitn(4, |b| *b == b' ');
    let time = parse_rfc3339(std::str::from_utf8(parts.next()?).ok()?)?;
    let stream = stream_of(parts.next()?)?;
    let full = parts.next()? == b"F";
    Some((time, stream, full, parts.next().unwrap_or(b"").to_vec()))
}

/// Options of `logs`.
#[derive(Debug, Clone, Default)]
pub struct LogOptions {
    /// `--tail N`: only the last N lines.
    pub tail: Option<usize>,
    /// `--since`: unix ns.
    pub since: Option<i64>,
    /// `--until`: unix ns.
    pub until: Option<i64>,
}

/// Lines still open at the end of what was read, one slot per stream: a `P` record's text
/// waits for the rest of its line on the same stream only.
#[derive(Debug, Default)]
struct Pending([Option<LogLine>; 2]);

impl Pending {
    fn slot(&mut self, stream: Stream) -> &mut Option<LogLine> {
        &mut self.0[match stream {
            Stream::Stdout => 0,
            Stream::Stderr => 1,
        }]
    }

    /// The open lines as they are (no newline added, as docker prints a last partial line),
    /// oldest first.
    fn take_all(&mut self) -> Vec<LogLine> {
        let mut out: Vec<LogLine> = self.0.iter_mut().filter_map(Option::take).collect();
        out.sort_by_key(|l| l.time);
        out
    }
}

/// Reads complete lines from `reader`, joining each stream's partial records; a line whose
/// end has not been read yet is kept in `pending`.
fn read_lines(reader: &mut impl BufRead, json: bool, pending: &mut Pending) -> Vec<LogLine> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if buf.last() != Some(&b'\n') {
            // A record still being written: read it again next time.
            break;
        }
        buf.pop();
        let Some((time, stream, full, text)) = parse_record(&buf, json) else {
            continue;
        };
        let slot = pending.slot(stream);
        let line = slot.get_or_insert_with(|| LogLine {
            time,
            stream,
            text: Vec::new(),
        });
        line.text.extend_from_slice(&text);
        if full {
            line.text.push(b'\n');
            out.push(slot.take().expect("just inserted"));
        }
    }
    out
}

impl Engine {
    /// `logs`: calls `sink` with every line matching `opts`; with `follow`, keeps reading until
    /// the container is no longer running.
    pub fn container_logs(
        &mut self,
        name: &str,
        opts: &LogOptions,
        follow: bool,
        sink: &mut dyn FnMut(&LogLine) -> std::io::Result<()>,
    ) -> Result<()> {
        let rec = self.lookup_container(name)?;
        let driver = rec.config.log_driver.clone();
        if driver == "none" {
            return Err(Error::InvalidArgument(format!(
                "container {} uses --log-driver none: it has no logs to read",
                rec.name
            )));
        }
        let json = driver == "json-file";
        let path = self.container_dir(&rec.id).join("ctr.log");
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(Error::io(path, e)),
        };
        let mut pending = Pending::default();
        let mut lines = Vec::new();
        for old in rotated_files(&path) {
            if let Ok(f) = File::open(&old) {
                lines.extend(read_lines(&mut BufReader::new(f), json, &mut pending));
            }
        }
        let mut reader = BufReader::new(file);
        let keep = |l: &LogLine| {
            opts.since.is_none_or(|s| l.time >= s) && opts.until.is_none_or(|u| l.time <= u)
        };
        lines.extend(read_lines(&mut reader, json, &mut pending));
        // A stopped container writes no more: its trailing partial line is complete, and
        // counts for --tail, followed or not.
        if !follow || !(rec.state.is_active() || rec.state == super::State::Restarting) {
            lines.extend(pending.take_all());
        }
        lines.retain(keep);
        if let Some(n) = opts.tail {
            let skip = lines.len().saturating_sub(n);
            lines.drain(..skip);
        }
        let emit =
            |sink: &mut dyn FnMut(&LogLine) -> std::io::Result<()>, l: &LogLine| -> Result<bool> {
                match sink(l) {
                    Ok(()) => Ok(true),
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
                    Err(e) => Err(Error::io("stdout", e)),
                }
            };
        for l in &lines {
            if !emit(sink, l)? {
                return Ok(());
            }
        }
        if !follow {
            return Ok(());
        }
        let id = rec.id.clone();
        loop {
            let running = self
                .refreshed_container(&id)?
                .is_some_and(|r| r.state.is_active());
            let pos = reader.stream_position().at(&path)?;
            reader.seek(SeekFrom::Start(pos)).at(&path)?;
            let mut lines = read_lines(&mut reader, json, &mut pending);
            if !running {
                lines.extend(pending.take_all());
            }
            for l in lines.into_iter().filter(keep) {
                if !emit(sink, &l)? {
                    return Ok(());
                }
            }
            if !running {
                return Ok(());
            }
            // The monitor rotated the log (--log-opt max-size): go on with the new file.
            if let Some(f) = rotated_away(reader.get_ref(), &path) {
                reader = BufReader::new(f);
                continue;
            }
            // With max-file=1 it starts the same file again, empty.
            let len = reader.get_ref().metadata().map_or(0, |m| m.len());
            if reader.stream_position().at(&path)? > len {
                reader.seek(SeekFrom::Start(0)).at(&path)?;
                continue;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

/// The file now at `path` when it is no longer `current` (the log was rotated).
fn rotated_away(current: &File, path: &Path) -> Option<File> {
    use std::os::unix::fs::MetadataExt;
    let (a, b) = (current.metadata().ok()?, std::fs::metadata(path).ok()?);
    if a.ino() == b.ino() && a.dev() == b.dev() {
        return None;
    }
    File::open(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    use Stream::{Stderr, Stdout};

    /// Everything `logs` (without --follow) prints, as (stream, text).
    fn read_back(path: &Path, json: bool) -> Vec<(Stream, String)> {
        let mut r = BufReader::new(File::open(path).unwrap());
        let mut pending = Pending::default();
        let mut lines = read_lines(&mut r, json, &mut pending);
        lines.extend(pending.take_all());
        lines
            .into_iter()
            .map(|l| (l.stream, String::from_utf8(l.text).unwrap()))
            .collect()
    }

    /// Writes `chunks` in turn to a new log of `driver`, and asserts that [`read_back`] gives
    /// `want`.
    fn assert_read_back(driver: &str, chunks: &[(Stream, &str)], want: &[(Stream, &str)]) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, driver).unwrap();
        for (stream, data) in chunks {
            w.write(*stream, data.as_bytes());
        }
        let want: Vec<_> = want.iter().map(|(s, t)| (*s, t.to_string())).collect();
        assert_eq!(read_back(&path, driver == "json-file"), want, "{driver}");
    }

    fn roundtrip(driver: &str) {
        assert_read_back(
            driver,
            &[(Stdout, "one\ntw"), (Stdout, "o\n"), (Stderr, "err\n")],
            &[(Stdout, "one\n"), (Stdout, "two\n"), (Stderr, "err\n")],
        );
    }

    #[test]
    fn k8s_file_round_trip() {
        roundtrip("k8s-file");
    }

    #[test]
    fn json_file_round_trip() {
        roundtrip("json-file");
    }

    fn last_line_without_newline(driver: &str) {
        assert_read_back(
            driver,
            &[(Stdout, "one\ndo"), (Stdout, "ne")],
            &[(Stdout, "one\n"), (Stdout, "done")],
        );
    }

    #[test]
    fn k8s_file_keeps_a_last_line_without_newline() {
        last_line_without_newline("k8s-file");
    }

    #[test]
    fn json_file_keeps_a_last_line_without_newline() {
        last_line_without_newline("json-file");
    }

    #[test]
    fn partial_lines_do_not_join_across_streams() {
        for driver in ["k8s-file", "json-file"] {
            assert_read_back(
                driver,
                &[
                    (Stdout, "a"),
                    (Stderr, "b\n"),
                    (Stderr, "c"),
                    (Stdout, "d\n"),
                ],
                &[(Stderr, "b\n"), (Stdout, "ad\n"), (Stderr, "c")],
            );
        }
    }

    #[test]
    fn k8s_record_shape() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l");
        LogWriter::open(&path, "k8s-file")
            .unwrap()
            .write(Stream::Stdout, b"hi\n");
        let s = std::fs::read_to_string(&path).unwrap();
        assert!(s.ends_with("Z stdout F hi\n"), "{s}");
    }

    #[test]
    fn rotation_keeps_max_file_files_near_max_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let opts =
            parse_log_opts(&["max-size=200".into(), "max-file=3".into()], "k8s-file").unwrap();
        let mut w = LogWriter::open(&path, "k8s-file").unwrap().rotating(&opts);
        let data: String = (0..100).map(|i| format!("line {i}\n")).collect();
        w.write(Stream::Stdout, data.as_bytes());
        let files = rotated_files(&path);
        let name = |p: &PathBuf| p.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            files.iter().map(name).collect::<Vec<_>>(),
            ["ctr.log.2", "ctr.log.1"]
        );
        for f in files.iter().chain([&path]) {
            assert!(std::fs::metadata(f).unwrap().len() < 250, "{f:?}");
        }
        let mut pending = Pending::default();
        let mut texts = Vec::new();
        for f in files.iter().chain([&path]) {
            let mut r = BufReader::new(File::open(f).unwrap());
            texts.extend(
                read_lines(&mut r, false, &mut pending)
                    .into_iter()
                    .map(|l| l.text),
            );
        }
        assert_eq!(texts.last().unwrap(), b"line 99\n");
        // One file: it starts again, empty.
        let mut w = LogWriter::open(&path, "k8s-file")
            .unwrap()
            .rotating(&parse_log_opts(&["max-size=100".into()], "k8s-file").unwrap());
        w.write(Stream::Stdout, data.as_bytes());
        assert!(std::fs::metadata(&path).unwrap().len() < 100);
    }

    #[test]
    fn log_opts_are_checked() {
        assert!(parse_log_opts(&["tag=x".into()], "json-file").is_ok());
        for (bad, hint) in [
            ("compress=true", "max-size, max-file or tag"),
            ("max-size", "KEY=VALUE"),
            ("max-size=-1", "negative"),
            ("max-file=0", "at least 1"),
        ] {
            let e = parse_log_opts(&[bad.into()], "json-file")
                .unwrap_err()
                .to_string();
            assert!(e.contains(hint), "{bad}: {e}");
        }
        let e = parse_log_opts(&["max-file=2".into()], "json-file")
            .unwrap_err()
            .to_string();
        assert!(e.contains("needs max-size"), "{e}");
        let e = parse_log_opts(&["tag=x".into()], "none")
            .unwrap_err()
            .to_string();
        assert!(e.contains("--log-driver none"), "{e}");
    }
}
