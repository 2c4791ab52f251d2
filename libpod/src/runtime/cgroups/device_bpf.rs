//! Device rules on cgroup v2: a `BPF_PROG_TYPE_CGROUP_DEVICE` program, attached to the
//! container's cgroup, that the kernel asks on every `mknod` and open of a device node there.
//!
//! The program is assembled here by hand: it is a handful of compares per rule (about 40
//! instructions for docker's list), and the BPF crates (aya, libbpf-rs) bring an ELF loader,
//! maps, BTF and a C library or build step for features this never uses; no small, maintained
//! crate does just this. The syscalls go through libc.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::Path;

use super::devices::{DeviceKind, DeviceRule, ALL_ACCESS};

/// One BPF instruction (`struct bpf_insn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Insn {
    /// Opcode.
    pub code: u8,
    /// Destination register.
    pub dst: u8,
    /// Source register.
    pub src: u8,
    /// Offset (loads: bytes; jumps: instructions).
    pub off: i16,
    /// Immediate.
    pub imm: i32,
}

// Opcodes used: 64-bit ALU and jumps on immediates, 32-bit context loads.
const LDX_W: u8 = 0x61; // BPF_LDX | BPF_MEM | BPF_W
const MOV_X: u8 = 0xbf; // BPF_ALU64 | BPF_MOV | BPF_X
const MOV_K: u8 = 0xb7; // BPF_ALU64 | BPF_MOV | BPF_K
const AND_K: u8 = 0x57; // BPF_ALU64 | BPF_AND | BPF_K
const RSH_K: u8 = 0x77; // BPF_ALU64 | BPF_RSH | BPF_K
const JNE_K: u8 = 0x55; // BPF_JMP | BPF_JNE | BPF_K
const EXIT: u8 = 0x95; // BPF_JMP | BPF_EXIT

fn insn(code: u8, dst: u8, src: u8, off: i16, imm: i32) -> Insn {
    Insn {
        code,
        dst,
        src,
        off,
        imm,
    }
}

/// `BPF_DEVCG_DEV_*` of a rule's kind.
fn dev_type(kind: DeviceKind) -> Option<i32> {
    match kind {
        DeviceKind::All => None,
        DeviceKind::Block => Some(1),
        DeviceKind::Char => Some(2),
    }
}

/// The program for an allow list: returns 1 (allow) when one rule covers the request, else 0.
/// The context (`struct bpf_cgroup_dev_ctx`, r1) holds `access << 16 | type`, major, minor.
/// Registers: r2 access, r3 type, r4 major, r5 minor; r1 is scratch after the loads.
pub fn program(rules: &[DeviceRule]) -> Vec<Insn> {
    let mut prog = vec![
        insn(LDX_W, 2, 1, 0, 0),
        insn(MOV_X, 3, 2, 0, 0),
        insn(AND_K, 3, 0, 0, 0xffff),
        insn(RSH_K, 2, 0, 0, 16),
        insn(LDX_W, 4, 1, 4, 0),
        insn(LDX_W, 5, 1, 8, 0),
    ];
    for rule in rules {
        // Each test jumps past the rest of the rule's block when it does not match.
        let mut tests: Vec<Insn> = Vec::new();
        if let Some(t) = dev_type(rule.kind) {
            tests.push(insn(JNE_K, 3, 0, 0, t));
        }
        if let Some(m) = rule.major {
            tests.push(insn(JNE_K, 4, 0, 0, m as i32));
        }
        if let Some(m) = rule.minor {
            tests.push(insn(JNE_K, 5, 0, 0, m as i32));
        }
        if rule.access & ALL_ACCESS != ALL_ACCESS {
            tests.push(insn(MOV_X, 1, 2, 0, 0));
            tests.push(insn(AND_K, 1, 0, 0, i32::from(!rule.access & ALL_ACCESS)));
            tests.push(insn(JNE_K, 1, 0, 0, 0));
        }
        let unconditional = tests.is_empty();
        tests.push(insn(MOV_K, 0, 0, 0, 1));
        tests.push(insn(EXIT, 0, 0, 0, 0));
        let len = tests.len();
        for (i, t) in tests.iter_mut().enumerate() {
            if t.code == JNE_K {
                t.off = (len - i - 1) as i16;
            }
        }
        prog.extend(tests);
        if unconditional {
            // The verifier refuses code that cannot be reached.
            return prog;
        }
    }
    prog.push(insn(MOV_K, 0, 0, 0, 0));
    prog.push(insn(EXIT, 0, 0, 0, 0));
    prog
}

/// The instructions in the kernel's binary form (little-endian `struct bpf_insn`s).
fn encode(prog: &[Insn]) -> Vec<u8> {
    let mut out = Vec::with_capacity(prog.len() * 8);
    for i in prog {
        out.push(i.code);
        out.push(i.dst | (i.src << 4));
        out.extend_from_slice(&i.off.to_le_bytes());
        out.extend_from_slice(&i.imm.to_le_bytes());
    }
    out
}

const BPF_PROG_LOAD: libc::c_long = 5;
const BPF_PROG_ATTACH: libc::c_long = 8;
const BPF_PROG_TYPE_CGROUP_DEVICE: u32 = 15;
const BPF_CGROUP_DEVICE: u32 = 6;
/// Programs of the parent cgroups (systemd's, a --cgroup-parent's) keep running too: a request
/// must pass them all.
const BPF_F_ALLOW_MULTI: u32 = 2;

/// The leading fields of `union bpf_attr` for `BPF_PROG_LOAD`.
#[repr(C)]
#[derive(Default)]
struct ProgLoadAttr {
    prog_type: u32,
    insn_cnt: u32,
    insns: u64,
    license: u64,
    log_level: u32,
    log_size: u32,
    log_buf: u64,
    kern_version: u32,
    prog_flags: u32,
    prog_name: [u8; 16],
    prog_ifindex: u32,
    expected_attach_type: u32,
}

/// The leading fields of `union bpf_attr` for `BPF_PROG_ATTACH`.
#[repr(C)]
#[derive(Default)]
struct ProgAttachAttr {
    target_fd: u32,
    attach_bpf_fd: u32,
    attach_type: u32,
    attach_flags: u32,
}

fn bpf<T>(cmd: libc::c_long, attr: &mut T) -> std::io::Result<libc::c_long> {
    // SAFETY: `attr` is a repr(C) prefix of union bpf_attr of the size passed; the kernel
    // reads (and for logs writes through) only the pointers it holds, which outlive the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_bpf,
            cmd,
            attr as *mut T,
            std::mem::size_of::<T>() as libc::c_uint,
        )
    };
    if r < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

/// Loads the program; on failure the verifier's log is part of the error.
fn load(prog: &[Insn]) -> std::io::Result<OwnedFd> {
    let code = encode(prog);
    let license = c"Apache-2.0";
    let mut log = vec![0u8; 64 * 1024];
    let mut attr = ProgLoadAttr {
        prog_type: BPF_PROG_TYPE_CGROUP_DEVICE,
        insn_cnt: prog.len() as u32,
        insns: code.as_ptr() as u64,
        license: license.as_ptr() as u64,
        expected_attach_type: BPF_CGROUP_DEVICE,
        ..Default::default()
    };
    attr.prog_name[..5].copy_from_slice(b"skiff");
    let fd = match bpf(BPF_PROG_LOAD, &mut attr) {
        Ok(fd) => fd,
        Err(e) => {
            // Again with the verifier's log, to say why.
            attr.log_level = 1;
            attr.log_size = log.len() as u32;
            attr.log_buf = log.as_mut_ptr() as u64;
            let _ = bpf(BPF_PROG_LOAD, &mut attr);
            let end = log.iter().position(|&b| b == 0).unwrap_or(log.len());
            let text = String::from_utf8_lossy(&log[..end]);
            return Err(std::io::Error::new(
                e.kind(),
                format!("{e}: {}", text.trim()),
            ));
        }
    };
    // SAFETY: a descriptor the kernel just returned to us.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// Attaches the program for `rules` to the cgroup v2 directory `cgroup`. The attachment lives
/// as long as the cgroup; the descriptors are closed on return.
pub fn attach(cgroup: &Path, rules: &[DeviceRule]) -> std::io::Result<()> {
    let prog = load(&program(rules))
        .map_err(|e| std::io::Error::new(e.kind(), format!("loading the program: {e}")))?;
    let dir = std::fs::File::open(cgroup)?;
    let mut attr = ProgAttachAttr {
        target_fd: dir.as_raw_fd() as u32,
        attach_bpf_fd: prog.as_raw_fd() as u32,
        attach_type: BPF_CGROUP_DEVICE,
        attach_flags: BPF_F_ALLOW_MULTI,
    };
    bpf(BPF_PROG_ATTACH, &mut attr)
        .map(|_| ())
        .map_err(|e| std::io::Error::new(e.kind(), format!("attaching the program: {e}")))
}

#[cfg(test)]
mod tests {
    use super::super::devices::{self, allows, arb_rule, parse_rule};
    use super::*;
    use proptest::prelude::*;

    /// Runs `prog` on a device request as the kernel would, for the opcodes [`program`] uses.
    fn run(prog: &[Insn], kind: DeviceKind, major: u32, minor: u32, access: u8) -> u64 {
        let ctx = [
            (u32::from(access) << 16) | dev_type(kind).unwrap() as u32,
            major,
            minor,
        ];
        let mut r = [0u64; 11];
        let mut pc = 0usize;
        loop {
            let i = prog[pc];
            let (d, s, imm) = (i.dst as usize, i.src as usize, i.imm as i64 as u64);
            pc += 1;
            match i.code {
                LDX_W => {
                    assert_eq!(s, 1, "loads only from the context");
                    r[d] = u64::from(ctx[i.off as usize / 4]);
                }
                MOV_X => r[d] = r[s],
                MOV_K => r[d] = imm,
                AND_K => r[d] &= imm,
                RSH_K => r[d] >>= imm,
                JNE_K => {
                    if r[d] != imm {
                        pc += i.off as usize;
                    }
                }
                EXIT => return r[0],
                c => panic!("opcode {c:#x}"),
            }
        }
    }

    #[test]
    fn dockers_list_as_a_program() {
        let rules = devices::default_rules();
        let prog = program(&rules);
        assert!(prog.len() < 80, "{}", prog.len());
        let c = DeviceKind::Char;
        assert_eq!(run(&prog, c, 1, 3, devices::READ | devices::WRITE), 1);
        assert_eq!(run(&prog, DeviceKind::Block, 8, 0, devices::MKNOD), 1);
        assert_eq!(run(&prog, DeviceKind::Block, 8, 0, devices::READ), 0);
        assert_eq!(run(&prog, c, 7, 0, devices::READ), 0);
    }

    #[test]
    fn nothing_follows_a_rule_that_allows_everything() {
        let prog = program(&[
            parse_rule("a *:* rwm").unwrap(),
            parse_rule("c 1:3 r").unwrap(),
        ]);
        assert_eq!(prog.last().unwrap().code, EXIT);
        assert_eq!(prog[prog.len() - 2], insn(MOV_K, 0, 0, 0, 1));
        assert_eq!(encode(&prog).len(), prog.len() * 8);
    }

    #[test]
    fn encoding() {
        assert_eq!(
            encode(&[insn(LDX_W, 4, 1, 4, 0), insn(JNE_K, 3, 0, 2, 136)]),
            [0x61, 0x14, 4, 0, 0, 0, 0, 0, 0x55, 0x03, 2, 0, 136, 0, 0, 0]
        );
    }

    /// The kernel's verifier takes the program, and the kernel then decides by it: a child
    /// process in a scratch cgroup v2 opens /dev/null but not /dev/zero. Needs root and a
    /// cgroup v2 hierarchy (the root one, or /sys/fs/cgroup/unified on a hybrid host).
    #[test]
    fn the_kernel_enforces_it() {
        // SAFETY: plain getter.
        if unsafe { libc::geteuid() } != 0 {
            return;
        }
        load(&program(&devices::default_rules())).unwrap();
        let Some(root) = ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"]
            .iter()
            .map(Path::new)
            .find(|p| p.join("cgroup.procs").exists() && p.join("cgroup.subtree_control").exists())
        else {
            return;
        };
        let dir = root.join(format!("skiff-devtest-{}", std::process::id()));
        std::fs::create_dir(&dir).unwrap();
        attach(&dir, &[parse_rule("c 1:3 rw").unwrap()]).unwrap();
        let procs = std::ffi::CString::new(dir.join("cgroup.procs").to_str().unwrap()).unwrap();
        // SAFETY: the child makes raw syscalls only and leaves with _exit.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            // SAFETY: as above.
            unsafe {
                let fd = libc::open(procs.as_ptr(), libc::O_WRONLY);
                if fd < 0 || libc::write(fd, c"0".as_ptr().cast(), 1) != 1 {
                    libc::_exit(2);
                }
                let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
                let zero = libc::open(c"/dev/zero".as_ptr(), libc::O_RDONLY);
                let denied = zero < 0 && *libc::__errno_location() == libc::EPERM;
                libc::_exit(if null >= 0 && denied { 0 } else { 1 });
            }
        }
        let mut status = 0;
        // SAFETY: waiting for our child.
        unsafe { libc::waitpid(pid, &mut status, 0) };
        std::fs::remove_dir(&dir).unwrap();
        assert_eq!(libc::WEXITSTATUS(status), 0, "status {status:#x}");
    }

    proptest! {
        #[test]
        fn the_program_decides_as_the_rules(
            rules in proptest::collection::vec(arb_rule(), 0..6),
            block: bool, major in 0u32..5, minor in 0u32..5, access in 1u8..8,
        ) {
            let kind = if block { DeviceKind::Block } else { DeviceKind::Char };
            let prog = program(&rules);
            let want = u64::from(allows(&rules, kind, major, minor, access));
            prop_assert_eq!(run(&prog, kind, major, minor, access), want);
        }
    }
}
