//! The container's record as `start` hands it to the monitor over their control channel.
//!
//! The starter has just read the row under the container's lock (which it holds until the
//! monitor reports), so the monitor takes it from there instead of opening the catalog and
//! reading the same row again: its first catalog connection is then the one that records the
//! exit. The record goes first on the channel, as an 8-byte little-endian length and the JSON
//! of [`ContainerRecord`]; the monitor's reports follow in the other direction.

use std::io::Read;
use std::os::fd::{AsFd, AsRawFd};

use super::rows::ContainerRecord;
use crate::error::{Error, Result};

/// Refuses a length no container record comes near (a stray writer, not the starter).
const MAX_RECORD_BYTES: u64 = 64 << 20;

/// Serializes `rec` for [`send`] (before the fork: the child only writes bytes).
pub(crate) fn encode(rec: &ContainerRecord) -> Result<Vec<u8>> {
    let mut out = vec![0u8; 8];
    serde_json::to_writer(&mut out, rec)
        .map_err(|e| Error::Runtime(format!("encoding the container's record: {e}")))?;
    let len = (out.len() - 8) as u64;
    out[..8].copy_from_slice(&len.to_le_bytes());
    Ok(out)
}

/// Writes an [`encode`]d record to the monitor's control channel `ctl`. A monitor that died
/// first makes this fail (no SIGPIPE); its report, read next, says why.
pub(crate) fn send(ctl: impl AsFd, encoded: &[u8]) -> std::io::Result<()> {
    use nix::sys::socket::{send, MsgFlags};
    let mut rest = encoded;
    while !rest.is_empty() {
        match send(ctl.as_fd().as_raw_fd(), rest, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => rest = &rest[n..],
            Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Reads the record the starter sent on `ctl` (and nothing after it).
pub(crate) fn receive(mut ctl: impl Read) -> Result<ContainerRecord> {
    let fail = |e: &dyn std::fmt::Display| {
        Error::Runtime(format!(
            "reading the container's record from skiff start: {e}"
        ))
    };
    let mut len = [0u8; 8];
    ctl.read_exact(&mut len).map_err(|e| fail(&e))?;
    let len = u64::from_le_bytes(len);
    if len > MAX_RECORD_BYTES {
        return Err(fail(&format!("a record of {len} bytes")));
    }
    let mut body = vec![0u8; len as usize];
    ctl.read_exact(&mut body).map_err(|e| fail(&e))?;
    serde_json::from_slice(&body).map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::{ContainerConfig, State};
    use std::io::Write;
    use std::os::unix::net::UnixStream;

    fn record(env_bytes: usize) -> ContainerRecord {
        let mut config = ContainerConfig::default();
        config.env.push(format!("BIG={}", "x".repeat(env_bytes)));
        config.auto_remove = true;
        let mut rec = ContainerRecord::new_created("ab".repeat(32), 7, config);
        rec.name = "web".into();
        rec.state = State::Exited;
        rec.restart_count = 3;
        rec
    }

    #[test]
    fn the_monitor_gets_the_record_the_starter_sent_and_the_reports_follow_it() {
        let (ours, theirs) = UnixStream::pair().unwrap();
        let rec = record(10);
        send(&ours, &encode(&rec).unwrap()).unwrap();
        (&ours).write_all(b"next").unwrap();
        drop(ours);
        let mut theirs_read = &theirs;
        let got = receive(&mut theirs_read).unwrap();
        assert_eq!(got.id, rec.id);
        assert_eq!(got.name, "web");
        assert_eq!(got.state, State::Exited);
        assert_eq!(got.restart_count, 3);
        assert!(got.config.auto_remove);
        assert_eq!(got.config.env, rec.config.env);
        let mut next = [0u8; 4];
        theirs_read.read_exact(&mut next).unwrap();
        assert_eq!(&next, b"next", "nothing after the record is consumed");
    }

    #[test]
    fn a_record_larger_than_the_socket_buffer_arrives_whole() {
        let (ours, theirs) = UnixStream::pair().unwrap();
        let rec = record(4 << 20);
        let encoded = encode(&rec).unwrap();
        let writer = std::thread::spawn(move || send(&ours, &encoded));
        let got = receive(&theirs).unwrap();
        writer.join().unwrap().unwrap();
        assert_eq!(got.config.env, rec.config.env);
    }

    #[test]
    fn a_starter_gone_mid_record_is_an_error_and_sending_to_a_gone_monitor_fails() {
        let (ours, theirs) = UnixStream::pair().unwrap();
        let encoded = encode(&record(10)).unwrap();
        send(&ours, &encoded[..encoded.len() - 1]).unwrap();
        drop(ours);
        let err = receive(&theirs).unwrap_err().to_string();
        assert!(err.contains("reading the container's record"), "{err}");
        let (ours, theirs) = UnixStream::pair().unwrap();
        drop(theirs);
        assert!(send(&ours, &encoded).is_err());
    }
}
