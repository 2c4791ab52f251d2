//! The channel between `spawn` (parent) and the container init (child): a `SOCK_SEQPACKET`
//! socket pair, close-on-exec on both ends. The child sends typed messages (an error, or the pty
//! master as `SCM_RIGHTS`); a successful `execve` closes the child's end, which the parent reads
//! as end-of-file.

use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

use nix::cmsg_space;
use nix::sys::socket::{
    recvmsg, sendmsg, socketpair, AddressFamily, ControlMessage, ControlMessageOwned, MsgFlags,
    SockFlag, SockType,
};

/// Why the init failed before exec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The command was not found (exit 127).
    NotFound,
    /// The command exists but cannot be executed (exit 126).
    NotExecutable,
    /// Anything else: mounts, user resolution, ... (exit 125).
    Setup,
}

/// A failure before exec: its kind and the message for the user.
pub(crate) type Failure = (FailureKind, String);

/// A message from the init.
#[derive(Debug)]
pub enum Message {
    /// Setup failed; the init exits.
    Failure(FailureKind, String),
    /// The container init's pid (sent by the intermediate process).
    Pid(i32),
    /// The pty master of a `-t` container.
    PtyMaster(OwnedFd),
}

/// Creates the pair: `(parent_end, child_end)`.
pub fn channel() -> nix::Result<(OwnedFd, OwnedFd)> {
    socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
}

/// Sends a failure (child side); errors are ignored because the child exits next anyway.
pub fn send_failure(fd: RawFd, kind: FailureKind, text: &str) {
    let tag = match kind {
        FailureKind::NotFound => b'N',
        FailureKind::NotExecutable => b'X',
        FailureKind::Setup => b'E',
    };
    let mut buf = Vec::with_capacity(text.len() + 1);
    buf.push(tag);
    buf.extend_from_slice(text.as_bytes());
    let _ = sendmsg::<()>(fd, &[IoSlice::new(&buf)], &[], MsgFlags::empty(), None);
}

/// Sends the init's pid (intermediate side).
pub fn send_pid(fd: RawFd, pid: i32) {
    let mut buf = vec![b'I'];
    buf.extend_from_slice(&pid.to_le_bytes());
    let _ = sendmsg::<()>(fd, &[IoSlice::new(&buf)], &[], MsgFlags::empty(), None);
}

/// Tells the init that its network is connected and it may execute the command (parent side).
pub fn send_go(fd: RawFd) -> nix::Result<()> {
    sendmsg::<()>(fd, &[IoSlice::new(b"G")], &[], MsgFlags::empty(), None).map(|_| ())
}

/// Waits for the parent's go (init side); false when the parent closed the channel or sent
/// anything else, i.e. the network could not be connected.
pub fn wait_go(fd: RawFd) -> bool {
    let mut buf = [0u8; 1];
    loop {
        let mut iov = [IoSliceMut::new(&mut buf)];
        match recvmsg::<()>(fd, &mut iov, None, MsgFlags::empty()) {
            Ok(msg) => return msg.bytes == 1 && buf[0] == b'G',
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return false,
        }
    }
}

/// Sends the pty master (child side).
pub fn send_pty(fd: RawFd, master: BorrowedFd<'_>) -> nix::Result<()> {
    let fds = [master.as_raw_fd()];
    sendmsg::<()>(
        fd,
        &[IoSlice::new(b"P")],
        &[ControlMessage::ScmRights(&fds)],
        MsgFlags::empty(),
        None,
    )
    .map(|_| ())
}

/// `recvmsg(2)` of one message into `buf`, again after EINTR, with up to `N` descriptors sent
/// with it, received close-on-exec and owned. Returns the bytes read (0 at end-of-file) and
/// the descriptors.
pub fn recv_with_fds<const N: usize>(
    fd: RawFd,
    buf: &mut [u8],
) -> nix::Result<(usize, Vec<OwnedFd>)> {
    let mut cmsg = cmsg_space!([RawFd; N]);
    loop {
        let mut iov = [IoSliceMut::new(buf)];
        match recvmsg::<()>(fd, &mut iov, Some(&mut cmsg), MsgFlags::MSG_CMSG_CLOEXEC) {
            Ok(msg) => {
                let mut fds = Vec::new();
                for c in msg.cmsgs()? {
                    if let ControlMessageOwned::ScmRights(r) = c {
                        // SAFETY: descriptors received with SCM_RIGHTS are new and ours.
                        fds.extend(r.into_iter().map(|f| unsafe { OwnedFd::from_raw_fd(f) }));
                    }
                }
                return Ok((msg.bytes, fds));
            }
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Receives the next message (parent side); `None` at end-of-file, i.e. after a successful exec.
pub fn recv(fd: RawFd) -> nix::Result<Option<Message>> {
    let mut buf = vec![0u8; 8192];
    let (n, mut owned) = recv_with_fds::<1>(fd, &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&buf[1..n]).into_owned();
    Ok(Some(match buf[0] {
        b'P' if !owned.is_empty() => Message::PtyMaster(owned.remove(0)),
        b'I' if n == 5 => Message::Pid(i32::from_le_bytes([buf[1], buf[2], buf[3], buf[4]])),
        b'N' => Message::Failure(FailureKind::NotFound, text),
        b'X' => Message::Failure(FailureKind::NotExecutable, text),
        _ => Message::Failure(FailureKind::Setup, text),
    }))
}
