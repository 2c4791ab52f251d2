//! The pieces of a poll relay that the attached client ([`super::attach`]) and the monitor
//! ([`super::monitor`]) share: the poll set, reads and writes that retry an interrupted call,
//! and end of file (or a failed read) as the sign that a descriptor hung up. Nothing here
//! allocates: callers keep their own buffers and their own poll set from one turn to the next.

use std::os::fd::RawFd;

/// A poll entry that waits for input (or hangup) on `fd`.
pub(crate) fn pollin(fd: RawFd) -> libc::pollfd {
    libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }
}

/// Refills `pfds` with an input entry for each of `fds`, keeping its allocation.
pub(crate) fn set_pollin(pfds: &mut Vec<libc::pollfd>, fds: impl IntoIterator<Item = RawFd>) {
    pfds.clear();
    pfds.extend(fds.into_iter().map(pollin));
}

/// Waits up to `timeout_ms` (-1: for ever) for an event on `pfds`: how many have one, or
/// the error (EINTR when a signal came first).
pub(crate) fn poll(pfds: &mut [libc::pollfd], timeout_ms: libc::c_int) -> std::io::Result<usize> {
    // SAFETY: pfds is a valid, writable array of pollfd for its length.
    let n = unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, timeout_ms) };
    if n < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(n as usize)
}

/// Runs a read-like system call again for as long as a signal interrupts it.
fn retry(mut call: impl FnMut() -> isize) -> isize {
    loop {
        let r = call();
        if r < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        return r;
    }
}

/// Reads what `fd` has into `buf`: the bytes read, or None once it hung up (end of file or
/// a failed read).
pub(crate) fn read_chunk(fd: RawFd, buf: &mut [u8]) -> Option<&[u8]> {
    // SAFETY: reading into a buffer we own, for its length.
    let r = retry(|| unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) });
    (r > 0).then(|| &buf[..r as usize])
}

/// [`read_chunk`] for one message of a socket.
pub(crate) fn recv_chunk(fd: RawFd, buf: &mut [u8]) -> Option<&[u8]> {
    // SAFETY: receiving into a buffer we own, for its length.
    let r = retry(|| unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0) });
    (r > 0).then(|| &buf[..r as usize])
}

/// Writes all of `data` to `fd`; false when a write failed.
pub(crate) fn write_all(fd: RawFd, mut data: &[u8]) -> bool {
    while !data.is_empty() {
        // SAFETY: writing from a buffer we own, for its length.
        let w = retry(|| unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) });
        if w < 0 {
            return false;
        }
        data = &data[w as usize..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;

    #[test]
    fn copies_until_hangup() {
        let (r, w) = nix::unistd::pipe().unwrap();
        assert!(write_all(w.as_raw_fd(), b"hello"));
        drop(w);
        let mut pfds = Vec::new();
        set_pollin(&mut pfds, [r.as_raw_fd()]);
        assert_eq!(poll(&mut pfds, 1000).unwrap(), 1);
        let mut buf = [0u8; 16];
        assert_eq!(read_chunk(r.as_raw_fd(), &mut buf), Some(&b"hello"[..]));
        assert_eq!(read_chunk(r.as_raw_fd(), &mut buf), None);
    }
}
