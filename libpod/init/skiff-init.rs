//! skiff-init: the process `skiff run --init` runs as PID 1 of a container.
//!
//! It starts the container's command as its only child (in a process group of its own, which
//! becomes the terminal's foreground group when there is one), forwards every signal it gets
//! to that child, reaps every process the kernel re-parents to it, and exits with the command's
//! status (128+N when signal N ended it), as docker's `--init` does.
//!
//! libpod's build script compiles this file on its own, with the C library linked statically,
//! so that one binary runs in every image (glibc, musl or none at all) and never is the skiff
//! binary itself. That is why it uses no crates and declares the few C functions it needs.
//!
//! Usage: `skiff-init [--] COMMAND [ARG...]`, or `skiff-init --pause`: the pause process of a
//! pod's infra container, which only holds the pod's namespaces. It runs nothing, reaps any
//! process re-parented to it, and exits 0 at SIGTERM or SIGINT (as PID 1 it gets no default
//! action for them, so it must wait for them itself).

// Not a Cargo target, so the workspace lints do not reach it: check it with
// `clippy-driver --edition=2021 --crate-type=bin libpod/init/skiff-init.rs --emit=metadata`.
#![warn(clippy::undocumented_unsafe_blocks)]

use std::ffi::{c_int, OsString};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, ExitStatus};

#[cfg(not(any(
    target_arch = "x86_64",
    target_arch = "aarch64",
    target_arch = "riscv64",
    target_arch = "s390x",
    target_arch = "powerpc64"
)))]
compile_error!("skiff-init: check the signal numbers and ABI constants below for this architecture");

/// glibc's and musl's `sigset_t`: 1024 bits on every Linux architecture.
#[repr(C)]
struct SigSet([u64; 16]);

/// `siginfo_t`: 128 bytes, the signal number first.
#[repr(C)]
struct SigInfo {
    signo: c_int,
    _rest: [c_int; 31],
}

extern "C" {
    fn sigfillset(set: *mut SigSet) -> c_int;
    fn sigemptyset(set: *mut SigSet) -> c_int;
    fn sigprocmask(how: c_int, set: *const SigSet, old: *mut SigSet) -> c_int;
    fn sigwaitinfo(set: *const SigSet, info: *mut SigInfo) -> c_int;
    fn waitpid(pid: c_int, status: *mut c_int, options: c_int) -> c_int;
    fn kill(pid: c_int, sig: c_int) -> c_int;
    fn isatty(fd: c_int) -> c_int;
    fn tcsetpgrp(fd: c_int, pgrp: c_int) -> c_int;
    fn getpid() -> c_int;
    fn signal(sig: c_int, handler: usize) -> usize;
}

const SIG_SETMASK: c_int = 2;
const SIGINT: c_int = 2;
const SIGPIPE: c_int = 13;
const SIGTERM: c_int = 15;
const SIGCHLD: c_int = 17;
const SIGTTIN: c_int = 21;
const SIGTTOU: c_int = 22;
const WNOHANG: c_int = 1;
const SIG_DFL: usize = 0;

fn empty_set() -> SigSet {
    let mut set = SigSet([0; 16]);
    // SAFETY: `set` is a valid sigset_t.
    unsafe { sigemptyset(&mut set) };
    set
}

/// The command line after an optional `--`.
fn command_line() -> Vec<OsString> {
    let mut args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == "--") {
        args.remove(0);
    }
    args
}

/// Docker's exit status for a process that ended with `status`.
fn exit_code(status: ExitStatus) -> i32 {
    match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(sig)) => 128 + sig,
        (None, None) => 1,
    }
}

/// In the child before exec: makes its process group the terminal's foreground group (when
/// stdin is a terminal; SIGTTOU stays blocked meanwhile, so asking does not stop it), then
/// gives it the signal mask and SIGPIPE disposition skiff-init started with.
fn prepare_child(mask: &SigSet) -> std::io::Result<()> {
    // SAFETY: async-signal-safe libc calls on valid signal sets.
    unsafe {
        if isatty(0) == 1 {
            tcsetpgrp(0, getpid());
        }
        signal(SIGPIPE, SIG_DFL);
        sigprocmask(SIG_SETMASK, mask, std::ptr::null_mut());
    }
    Ok(())
}

/// `--pause`: blocks every signal and waits for SIGTERM or SIGINT, then exits 0; meanwhile
/// reaps whatever exits.
fn pause(all: &SigSet) -> ! {
    loop {
        let mut info = SigInfo {
            signo: 0,
            _rest: [0; 31],
        };
        // SAFETY: valid set and info pointers.
        match unsafe { sigwaitinfo(all, &mut info) } {
            SIGTERM | SIGINT => std::process::exit(0),
            SIGCHLD => {
                reap(0);
            }
            _ => {}
        }
    }
}

fn main() {
    let args = command_line();
    let Some((program, rest)) = args.split_first() else {
        eprintln!("skiff-init: no command given\nusage: skiff-init [--] COMMAND [ARG...]");
        std::process::exit(2);
    };

    // Every signal waits for `sigwaitinfo` from now on, so none is lost before the loop; the
    // child gets the original mask back before it execs.
    let mut all = SigSet([0; 16]);
    let mut original = empty_set();
    // SAFETY: valid sigset_t pointers.
    unsafe {
        sigfillset(&mut all);
        sigprocmask(SIG_SETMASK, &all, &mut original);
    }
    if program == "--pause" && rest.is_empty() {
        pause(&all);
    }

    let mut command = Command::new(program);
    command.args(rest).process_group(0);
    // SAFETY: prepare_child only makes async-signal-safe calls.
    unsafe { command.pre_exec(move || prepare_child(&original)) };
    let child = match command.spawn() {
        Ok(child) => child.id() as c_int,
        Err(e) => {
            eprintln!("skiff-init: exec {}: {e}", program.to_string_lossy());
            std::process::exit(match e.kind() {
                std::io::ErrorKind::NotFound => 127,
                _ => 126,
            });
        }
    };

    loop {
        let mut info = SigInfo {
            signo: 0,
            _rest: [0; 31],
        };
        // SAFETY: valid set and info pointers.
        let sig = unsafe { sigwaitinfo(&all, &mut info) };
        match sig {
            SIGCHLD => {
                if let Some(status) = reap(child) {
                    std::process::exit(exit_code(status));
                }
            }
            // Terminal job-control signals for a background PID 1 mean nothing to the command.
            SIGTTIN | SIGTTOU => {}
            s if s > 0 => {
                // SAFETY: sending a signal to our own child.
                unsafe { kill(child, s) };
            }
            _ => {}
        }
    }
}

/// Reaps every exited process; returns the command's status once it is among them.
fn reap(child: c_int) -> Option<ExitStatus> {
    let mut found = None;
    loop {
        let mut status = 0;
        // SAFETY: valid status pointer.
        let pid = unsafe { waitpid(-1, &mut status, WNOHANG) };
        if pid <= 0 {
            return found;
        }
        if pid == child {
            found = Some(ExitStatus::from_raw(status));
        }
    }
}
