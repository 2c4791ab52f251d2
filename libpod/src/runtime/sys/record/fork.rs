//! The [`Fork`] half of the recording double: a fork runs the child in place (its calls are
//! recorded between [`Call::Fork`] and the caller's next ones), and the messages the caller
//! reads from the sync socket are those the test queued with [`Recorder::replies`].

use std::os::fd::{OwnedFd, RawFd};

use super::{Call, Recorder};
use crate::error::{Error, Result};
use crate::runtime::sync::{FailureKind, Message};
use crate::runtime::sys::Fork;

/// The pid the double's forks return, and the pid it gives the caller to its helpers.
pub(crate) const FORKED: i32 = 1000;

impl Recorder {
    /// Queues `messages` for the caller to read from the sync socket, after which it reads the
    /// socket's end.
    pub fn replies(self, messages: Vec<Message>) -> Self {
        self.replies.borrow_mut().extend(messages);
        self
    }

    /// The pids reaped so far, in order.
    pub fn reaped(&self) -> Vec<i32> {
        let reaped = self.calls().into_iter().filter_map(|c| match c {
            Call::Reap(pid) => Some(pid),
            _ => None,
        });
        reaped.collect()
    }
}

/// A descriptor that stands for one end of the sync socket pair.
fn end() -> nix::Result<OwnedFd> {
    std::fs::File::open("/dev/null")
        .map(OwnedFd::from)
        .map_err(|_| nix::Error::EBADF)
}

impl Fork for Recorder {
    fn sync_channel(&self) -> nix::Result<(OwnedFd, OwnedFd)> {
        self.record(Call::SyncChannel)?;
        Ok((end()?, end()?))
    }

    fn fork_child(&self, child: impl FnOnce()) -> Result<i32> {
        self.record(Call::Fork)
            .map_err(|e| Error::Runtime(format!("fork: {}", e.desc())))?;
        child();
        Ok(FORKED)
    }

    fn close(&self, fd: RawFd) {
        let _ = self.record(Call::Close(fd));
    }

    fn reap(&self, pid: i32) {
        let _ = self.record(Call::Reap(pid));
    }

    fn recv(&self, _fd: RawFd) -> nix::Result<Option<Message>> {
        self.record(Call::Recv)?;
        Ok(self.replies.borrow_mut().pop_front())
    }

    fn send_failure(&self, _fd: RawFd, kind: FailureKind, text: &str) {
        let _ = self.record(Call::SendFailure(kind, text.to_string()));
    }

    fn with_helper(
        &self,
        caller: impl FnOnce() -> nix::Result<()>,
        helper: impl FnOnce(u32) -> bool,
    ) -> Result<(nix::Result<()>, bool)> {
        self.record(Call::ForkHelper)
            .map_err(|e| Error::Runtime(format!("fork: {}", e.desc())))?;
        let done = caller();
        let helped = done.is_ok() && helper(FORKED as u32);
        Ok((done, helped))
    }
}
