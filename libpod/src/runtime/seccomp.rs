//! Seccomp filters, compiled with `seccompiler` in the parent and loaded by the init.
//!
//! **Default profile.** docker's default profile is an allow-list of ~350 syscalls with
//! capability-dependent extras. skiff expresses the same semantics as a deny-list: every syscall
//! docker's profile leaves out returns `EPERM`, the rest is allowed. Differences from docker:
//! - syscalls unknown to docker's list but added to newer kernels are *allowed* here (docker
//!   denies them until its list is updated);
//! - `clone` is denied only when it asks for a new namespace (docker does the same), `clone3`
//!   returns `ENOSYS` so the C library falls back to `clone` (docker's behaviour too);
//! - `personality` is allowed for every argument (docker allows only a few personas);
//! - on x86_64 every x32 syscall returns `ENOSYS`, as on a kernel without x32 (docker's
//!   profile allows the x32 sub-architecture, so x32 programs run there and not here: a
//!   deny-list keyed on x86_64 numbers cannot cover their numbers); io_uring is denied, as
//!   docker does since 25.0;
//! - as in docker, capabilities re-allow their syscalls: `CAP_SYS_ADMIN` (mount, umount2,
//!   unshare, setns, clone with namespaces, pivot_root, quotactl, name_to_handle_at...),
//!   `CAP_SYS_PTRACE` (process_vm_readv/writev, kcmp), `CAP_SYS_MODULE`, `CAP_SYS_TIME`,
//!   `CAP_SYS_BOOT`, `CAP_SYSLOG`, `CAP_SYS_PACCT`, `CAP_SYS_RAWIO`, `CAP_SYS_NICE`,
//!   `CAP_BPF`, `CAP_PERFMON`.
//!
//! **Profile files** (`--security-opt seccomp=FILE`) use docker's JSON format: `defaultAction`,
//! `defaultErrnoRet`, `syscalls[{names, action, errnoRet, args, includes.caps, excludes.caps}]`.
//! Each distinct action becomes one BPF program; the kernel applies the most restrictive result,
//! so the combination equals the profile for every syscall that is listed once. Names the
//! kernel does not have on this architecture are skipped, as libseccomp does.

use std::collections::BTreeMap;
use std::path::Path;

use seccompiler::{BpfProgram as Program, TargetArch};
use serde::Deserialize;
use serde_json::{json, Value};

use super::caps::has_cap;
use super::spec::SeccompMode;
use crate::error::{Error, Result};

/// One compiled BPF program.
pub type BpfProgram = Program;

const ARCH: TargetArch = if cfg!(target_arch = "aarch64") {
    TargetArch::aarch64
} else {
    TargetArch::x86_64
};

/// Syscalls docker's default profile denies unless the capability is in the set (`None`: always).
const DENIED: &[(Option<&str>, &[&str])] = &[
    (
        None,
        &[
            "add_key",
            "keyctl",
            "request_key",
            "kexec_load",
            "kexec_file_load",
            "open_by_handle_at",
            "userfaultfd",
            "vm86",
            "vm86old",
            "nfsservctl",
            "get_kernel_syms",
            "create_module",
            "query_module",
            "uselib",
            "ustat",
            "sysfs",
            "_sysctl",
            "move_pages",
            "lookup_dcookie",
            "swapon",
            "swapoff",
            "fsconfig",
            "fsmount",
            "fsopen",
            "fspick",
            "move_mount",
            "open_tree",
            "mount_setattr",
            // docker denies io_uring since 25.0: it bypasses seccomp for the I/O it performs.
            "io_uring_setup",
            "io_uring_enter",
            "io_uring_register",
        ],
    ),
    (
        Some("CAP_SYS_ADMIN"),
        &[
            "mount",
            "umount",
            "umount2",
            "unshare",
            "setns",
            "pivot_root",
            "quotactl",
            "quotactl_fd",
            "name_to_handle_at",
            "iopl",
            "ioperm",
            "fanotify_init",
            "lookup_dcookie",
            "bpf",
            "perf_event_open",
            "syslog",
        ],
    ),
    (
        Some("CAP_SYS_PTRACE"),
        &[
            "process_vm_readv",
            "process_vm_writev",
            "kcmp",
            "pidfd_getfd",
        ],
    ),
    (
        Some("CAP_SYS_MODULE"),
        &["init_module", "finit_module", "delete_module"],
    ),
    (
        Some("CAP_SYS_TIME"),
        &[
            "settimeofday",
            "stime",
            "clock_settime",
            "clock_settime64",
            "adjtimex",
            "clock_adjtime",
            "clock_adjtime64",
        ],
    ),
    (Some("CAP_SYS_BOOT"), &["reboot"]),
    (Some("CAP_SYS_PACCT"), &["acct"]),
    (
        Some("CAP_SYS_NICE"),
        &[
            "mbind",
            "set_mempolicy",
            "get_mempolicy",
            "set_mempolicy_home_node",
        ],
    ),
];

/// Capabilities that, besides `CAP_SYS_ADMIN`, re-allow some of its group (as docker does).
const ALSO_ALLOWED_BY: &[(&str, &[&str])] = &[
    ("CAP_SYS_RAWIO", &["iopl", "ioperm"]),
    ("CAP_SYSLOG", &["syslog"]),
    ("CAP_BPF", &["bpf"]),
    ("CAP_PERFMON", &["perf_event_open"]),
];

/// Names of the deny-list that exist only on 32-bit architectures; skipping them up front on
/// 64-bit hosts saves recompiling the filter once per unknown name.
const ONLY_32BIT: &[&str] = &[
    "vm86",
    "vm86old",
    "stime",
    "umount",
    "clock_settime64",
    "clock_adjtime64",
];

/// clone(2) flags that create namespaces.
const NS_FLAGS: [u64; 7] = [
    libc::CLONE_NEWNS as u64,
    libc::CLONE_NEWUTS as u64,
    libc::CLONE_NEWIPC as u64,
    libc::CLONE_NEWUSER as u64,
    libc::CLONE_NEWPID as u64,
    libc::CLONE_NEWNET as u64,
    libc::CLONE_NEWCGROUP as u64,
];

/// The names the default profile denies for a process with `caps`.
pub fn default_denied(caps: &[String]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (cap, names) in DENIED {
        if cap.map(|c| has_cap(caps, c)).unwrap_or(false) {
            continue;
        }
        for n in names.iter() {
            let rescued = ALSO_ALLOWED_BY
                .iter()
                .any(|(c, ns)| ns.contains(n) && has_cap(caps, c));
            if !rescued && !out.contains(n) {
                out.push(*n);
            }
        }
    }
    out
}

/// Compiles the programs for `mode` and the process's capability set (`privileged`: none).
pub fn compile(mode: &SeccompMode, caps: &[String], privileged: bool) -> Result<Vec<BpfProgram>> {
    match mode {
        SeccompMode::Unconfined => Ok(Vec::new()),
        SeccompMode::Default if privileged => Ok(Vec::new()),
        SeccompMode::Default => compile_default(caps),
        SeccompMode::Profile(path) => compile_profile_file(path, caps),
    }
}

fn compile_default(caps: &[String]) -> Result<Vec<BpfProgram>> {
    let mut rules: Vec<Value> = default_denied(caps)
        .into_iter()
        .filter(|n| !(cfg!(target_pointer_width = "64") && ONLY_32BIT.contains(n)))
        .map(|n| json!({ "syscall": n }))
        .collect();
    if !has_cap(caps, "CAP_SYS_ADMIN") {
        for f in NS_FLAGS {
            rules.push(json!({ "syscall": "clone", "args": [{ "index": 0, "type": "qword", "op": { "masked_eq": f }, "val": f }] }));
        }
    }
    let mut progs = vec![build(
        json!("allow"),
        json!({ "errno": libc::EPERM }),
        rules,
    )?];
    if !has_cap(caps, "CAP_SYS_ADMIN") {
        progs.push(build(
            json!("allow"),
            json!({ "errno": libc::ENOSYS }),
            vec![json!({ "syscall": "clone3" })],
        )?);
    }
    if ARCH == TargetArch::x86_64 {
        progs.push(deny_x32());
    }
    Ok(progs)
}

/// x32 syscalls carry the x86_64 audit arch with bit 30 set in the number, so a deny-list keyed
/// on x86_64 numbers would let `keyctl | 0x40000000` through: refuse every x32 call (ENOSYS, as
/// on a kernel without x32). Written as raw BPF because seccompiler matches numbers exactly.
fn deny_x32() -> BpfProgram {
    const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
    const X32_SYSCALL_BIT: u32 = 0x4000_0000;
    const LD_W_ABS: u16 = (libc::BPF_LD | libc::BPF_W | libc::BPF_ABS) as u16;
    const JEQ_K: u16 = (libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K) as u16;
    const JGE_K: u16 = (libc::BPF_JMP | libc::BPF_JGE | libc::BPF_K) as u16;
    const RET_K: u16 = (libc::BPF_RET | libc::BPF_K) as u16;
    let op = |code, jt, jf, k| seccompiler::sock_filter { code, jt, jf, k };
    vec![
        op(LD_W_ABS, 0, 0, 4), // seccomp_data.arch
        op(JEQ_K, 0, 3, AUDIT_ARCH_X86_64),
        op(LD_W_ABS, 0, 0, 0), // seccomp_data.nr
        op(JGE_K, 0, 1, X32_SYSCALL_BIT),
        op(RET_K, 0, 0, libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32),
        op(RET_K, 0, 0, libc::SECCOMP_RET_ALLOW),
    ]
}

/// Compiles one seccompiler filter: `rules` get `action`, everything else `mismatch`. Syscall
/// names this architecture does not have are dropped.
fn build(mismatch: Value, action: Value, mut rules: Vec<Value>) -> Result<BpfProgram> {
    loop {
        let doc = json!({ "p": { "mismatch_action": mismatch, "filter_action": action, "filter": rules } });
        match seccompiler::compile_from_json(doc.to_string().as_bytes(), ARCH) {
            Ok(mut map) => return Ok(map.remove("p").unwrap_or_default()),
            Err(e) if unknown_syscall(&e).is_some() => {
                let bad = unknown_syscall(&e).unwrap_or_default();
                let before = rules.len();
                rules.retain(|r| r["syscall"] != bad.as_str());
                if rules.len() == before {
                    return Err(Error::Runtime(format!(
                        "seccomp: cannot drop unknown syscall {bad}"
                    )));
                }
            }
            Err(e) => return Err(Error::InvalidArgument(format!("seccomp profile: {e}"))),
        }
    }
}

/// The syscall name of seccompiler's "invalid syscall name" error (its error type is private).
fn unknown_syscall(e: &seccompiler::Error) -> Option<String> {
    let text = e.to_string();
    let rest = text.split("Invalid syscall name: ").nth(1)?;
    Some(rest.split(" for given arch").next()?.to_string())
}

/// docker's profile file format (the parts skiff understands).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DockerProfile {
    /// Action for syscalls no rule matches.
    pub default_action: String,
    /// errno for `SCMP_ACT_ERRNO` default (docker: EPERM).
    #[serde(default)]
    pub default_errno_ret: Option<u32>,
    /// Rules.
    #[serde(default)]
    pub syscalls: Vec<DockerRule>,
}

/// One rule of a docker profile.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DockerRule {
    /// Syscall names (older profiles use `name`).
    #[serde(default)]
    pub names: Vec<String>,
    /// A single name (old format).
    #[serde(default)]
    pub name: Option<String>,
    /// `SCMP_ACT_ALLOW`, `SCMP_ACT_ERRNO`, ...
    pub action: String,
    /// errno for `SCMP_ACT_ERRNO`.
    #[serde(default)]
    pub errno_ret: Option<u32>,
    /// Argument conditions.
    #[serde(default)]
    pub args: Option<Vec<DockerArg>>,
    /// Apply only when these capabilities are present.
    #[serde(default)]
    pub includes: Option<Filter>,
    /// Skip when these capabilities are present.
    #[serde(default)]
    pub excludes: Option<Filter>,
}

/// includes/excludes of a rule.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    /// Capabilities.
    #[serde(default)]
    pub caps: Vec<String>,
    /// Architectures.
    #[serde(default)]
    pub arches: Vec<String>,
}

/// One argument condition.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DockerArg {
    /// Argument index (0-5).
    pub index: u8,
    /// Value compared.
    pub value: u64,
    /// Second value (mask of MASKED_EQ).
    #[serde(default)]
    pub value_two: u64,
    /// `SCMP_CMP_EQ`, ...
    pub op: String,
}

fn action(name: &str, errno: Option<u32>) -> Result<Value> {
    Ok(match name {
        "SCMP_ACT_ALLOW" => json!("allow"),
        "SCMP_ACT_ERRNO" => json!({ "errno": errno.unwrap_or(libc::EPERM as u32) }),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => json!("kill_thread"),
        "SCMP_ACT_KILL_PROCESS" => json!("kill_process"),
        "SCMP_ACT_TRAP" => json!("trap"),
        "SCMP_ACT_LOG" => json!("log"),
        "SCMP_ACT_TRACE" => json!({ "trace": errno.unwrap_or(0) }),
        other => {
            return Err(Error::InvalidArgument(format!(
                "seccomp profile: unsupported action {other}"
            )))
        }
    })
}

fn condition(a: &DockerArg) -> Result<Value> {
    let op = match a.op.as_str() {
        "SCMP_CMP_EQ" => json!("eq"),
        "SCMP_CMP_NE" => json!("ne"),
        "SCMP_CMP_LT" => json!("lt"),
        "SCMP_CMP_LE" => json!("le"),
        "SCMP_CMP_GT" => json!("gt"),
        "SCMP_CMP_GE" => json!("ge"),
        "SCMP_CMP_MASKED_EQ" => {
            return Ok(
                json!({ "index": a.index, "type": "qword", "op": { "masked_eq": a.value }, "val": a.value_two }),
            )
        }
        other => {
            return Err(Error::InvalidArgument(format!(
                "seccomp profile: unsupported argument operator {other}"
            )))
        }
    };
    Ok(json!({ "index": a.index, "type": "qword", "op": op, "val": a.value }))
}

fn arch_name() -> &'static str {
    if cfg!(target_arch = "aarch64") {
        "arm64"
    } else {
        "amd64"
    }
}

/// Turns a docker profile into programs, one per action (see the module docs).
pub fn compile_profile(profile: &DockerProfile, caps: &[String]) -> Result<Vec<BpfProgram>> {
    let default = action(&profile.default_action, profile.default_errno_ret)?;
    let mut by_action: BTreeMap<String, (Value, Vec<Value>)> = BTreeMap::new();
    let mut listed: Vec<Value> = Vec::new();
    for rule in &profile.syscalls {
        if let Some(inc) = &rule.includes {
            if !inc.caps.iter().all(|c| has_cap(caps, c))
                || (!inc.arches.is_empty() && !inc.arches.iter().any(|a| a == arch_name()))
            {
                continue;
            }
        }
        if let Some(exc) = &rule.excludes {
            if exc.caps.iter().any(|c| has_cap(caps, c))
                || exc.arches.iter().any(|a| a == arch_name())
            {
                continue;
            }
        }
        let act = action(&rule.action, rule.errno_ret)?;
        let args: Vec<Value> = rule
            .args
            .iter()
            .flatten()
            .map(condition)
            .collect::<Result<_>>()?;
        let names = rule.names.iter().chain(rule.name.iter());
        for n in names {
            let r = if args.is_empty() {
                json!({ "syscall": n })
            } else {
                json!({ "syscall": n, "args": args })
            };
            listed.push(r.clone());
            if act != default {
                by_action
                    .entry(act.to_string())
                    .or_insert_with(|| (act.clone(), Vec::new()))
                    .1
                    .push(r);
            }
        }
    }
    let mut progs = Vec::new();
    if default != json!("allow") {
        // Syscalls the profile lists pass this program; the others get the default action.
        progs.push(build(default.clone(), json!("allow"), listed)?);
    }
    for (_, (act, rules)) in by_action {
        if act != json!("allow") {
            progs.push(build(json!("allow"), act, rules)?);
        }
    }
    Ok(progs)
}

fn compile_profile_file(path: &Path, caps: &[String]) -> Result<Vec<BpfProgram>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::InvalidArgument(format!("reading seccomp profile {}: {e}", path.display()))
    })?;
    let profile: DockerProfile = serde_json::from_str(&text).map_err(|e| {
        Error::InvalidArgument(format!(
            "seccomp profile {} is not a docker seccomp profile: {e}",
            path.display()
        ))
    })?;
    compile_profile(&profile, caps)
}

/// Loads the programs into the calling thread (without setting `no_new_privs`: the caller does
/// that when asked; loading then needs `CAP_SYS_ADMIN` in the user namespace, which the init has).
pub fn load(progs: &[BpfProgram]) -> std::io::Result<()> {
    for p in progs {
        let prog = libc::sock_fprog {
            len: p.len() as u16,
            filter: p.as_ptr() as *mut libc::sock_filter,
        };
        // SAFETY: the program outlives the call; the kernel copies it.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_seccomp,
                libc::SECCOMP_SET_MODE_FILTER,
                0,
                &prog as *const libc::sock_fprog,
            )
        };
        if rc < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the guard's instructions (the few kinds it uses) on a seccomp_data of `arch`/`nr`.
    fn run_guard(prog: &BpfProgram, arch: u32, nr: u32) -> u32 {
        // Whole opcodes: a load or a jump of another kind (a mode or size bit lost) is an error
        // here, even where this kernel would answer the same (one without x32, for example).
        let ld_w_abs = libc::BPF_LD | libc::BPF_W | libc::BPF_ABS;
        let ret_k = libc::BPF_RET | libc::BPF_K;
        let (jeq_k, jge_k) = (
            libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K,
            libc::BPF_JMP | libc::BPF_JGE | libc::BPF_K,
        );
        let (mut pc, mut acc) = (0usize, 0u32);
        loop {
            let i = &prog[pc];
            match u32::from(i.code) {
                c if c == ld_w_abs => {
                    acc = match i.k {
                        0 => nr,
                        4 => arch,
                        k => panic!("load of seccomp_data offset {k}"),
                    }
                }
                c if c == ret_k => return i.k,
                c if c == jeq_k || c == jge_k => {
                    let taken = if c == jeq_k { acc == i.k } else { acc >= i.k };
                    pc += usize::from(if taken { i.jt } else { i.jf });
                }
                other => panic!("unexpected instruction {other:#x}"),
            }
            pc += 1;
        }
    }

    #[test]
    fn the_x32_guard_decides_by_arch_and_number() {
        let prog = deny_x32();
        let x86_64 = 0xc000_003e;
        let enosys = libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32;
        assert_eq!(
            run_guard(&prog, x86_64, 0x4000_0000 | 250),
            enosys,
            "x32 keyctl"
        );
        assert_eq!(run_guard(&prog, x86_64, 250), libc::SECCOMP_RET_ALLOW);
        assert_eq!(
            run_guard(&prog, 0x4000_0003, 0x4000_0000),
            libc::SECCOMP_RET_ALLOW,
            "i386"
        );
    }

    #[test]
    fn the_x32_guard_refuses_x32_numbers_and_passes_the_rest() {
        let prog = deny_x32();
        let fprog = libc::sock_fprog {
            len: prog.len() as u16,
            filter: prog.as_ptr() as *mut libc::sock_filter,
        };
        // SAFETY: the child makes raw syscalls only and leaves with _exit.
        unsafe {
            let pid = libc::fork();
            if pid == 0 {
                libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                if libc::prctl(libc::PR_SET_SECCOMP, libc::SECCOMP_MODE_FILTER, &fprog) != 0 {
                    libc::_exit(2);
                }
                let own = libc::syscall(libc::SYS_getpid);
                let x32 = libc::syscall(0x4000_0000 | libc::SYS_getpid);
                let errno = *libc::__errno_location();
                libc::_exit(if own > 0 && x32 == -1 && errno == libc::ENOSYS {
                    0
                } else {
                    1
                });
            }
            let mut status = 0;
            libc::waitpid(pid, &mut status, 0);
            assert!(
                libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
                "{status}"
            );
        }
    }
    use crate::runtime::caps::default_capabilities;

    #[test]
    fn default_denylist_follows_capabilities() {
        let d = default_denied(&default_capabilities());
        for s in ["mount", "unshare", "keyctl", "bpf", "reboot", "ptrace"]
            .iter()
            .filter(|s| **s != "ptrace")
        {
            assert!(d.contains(s), "{s} should be denied");
        }
        assert!(
            !d.contains(&"ptrace"),
            "ptrace is allowed (kernel >= 4.8), as docker does"
        );
        let mut admin = default_capabilities();
        admin.push("CAP_SYS_ADMIN".into());
        let d = default_denied(&admin);
        assert!(!d.contains(&"mount") && !d.contains(&"bpf"));
        assert!(d.contains(&"reboot"));
        let x32 = usize::from(ARCH == TargetArch::x86_64);
        assert_eq!(
            compile_default(&default_capabilities()).unwrap().len(),
            2 + x32
        );
        // Every name left after the 32-bit filter is known here: the first compile succeeds.
        let names: Vec<Value> = default_denied(&[])
            .into_iter()
            .filter(|n| !(cfg!(target_pointer_width = "64") && ONLY_32BIT.contains(n)))
            .map(|n| json!({ "syscall": n }))
            .collect();
        let doc = json!({ "p": { "mismatch_action": "allow", "filter_action": "trap", "filter": names } });
        if let Err(e) = seccompiler::compile_from_json(doc.to_string().as_bytes(), ARCH) {
            panic!("unknown name left in the deny-list: {e}");
        }
    }

    #[test]
    fn docker_profile_file() {
        let text = r#"{
            "defaultAction": "SCMP_ACT_ERRNO",
            "syscalls": [
                { "names": ["read", "write", "exit_group", "no_such_syscall"], "action": "SCMP_ACT_ALLOW" },
                { "names": ["personality"], "action": "SCMP_ACT_ALLOW",
                  "args": [{ "index": 0, "value": 0, "valueTwo": 0, "op": "SCMP_CMP_EQ" }] },
                { "names": ["reboot"], "action": "SCMP_ACT_KILL_PROCESS" },
                { "names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": { "caps": ["CAP_SYS_ADMIN"] } }
            ]
        }"#;
        let p: DockerProfile = serde_json::from_str(text).unwrap();
        let progs = compile_profile(&p, &default_capabilities()).unwrap();
        assert_eq!(
            progs.len(),
            2,
            "default-action program plus one for the kill rule"
        );
        let bad: DockerProfile =
            serde_json::from_str(r#"{"defaultAction":"SCMP_ACT_NOTIFY","syscalls":[]}"#).unwrap();
        assert!(compile_profile(&bad, &[])
            .unwrap_err()
            .to_string()
            .contains("unsupported action"));
        let bad_op: DockerProfile = serde_json::from_str(
            r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":1,"op":"SCMP_CMP_FOO"}]}]}"#,
        )
        .unwrap();
        assert!(compile_profile(&bad_op, &[]).is_err());
    }

    /// Loads `progs` with [`load`] in a forked child (after `no_new_privs`, so that loading
    /// needs no privilege) and returns the child's exit status: 100 when loading failed, else
    /// what `probe` returned. The child makes raw syscalls only and leaves with `_exit`.
    fn status_under(progs: &[BpfProgram], probe: fn() -> i32) -> i32 {
        // SAFETY: see above.
        unsafe {
            let pid = libc::fork();
            assert!(pid >= 0, "fork");
            if pid == 0 {
                libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                if load(progs).is_err() {
                    libc::_exit(100);
                }
                libc::_exit(probe());
            }
            let mut status = 0;
            assert_eq!(libc::waitpid(pid, &mut status, 0), pid);
            assert!(libc::WIFEXITED(status), "probe killed: {status:#x}");
            libc::WEXITSTATUS(status)
        }
    }

    /// The errno of a raw syscall's result, 0 when it succeeded.
    fn errno_of(rc: libc::c_long) -> i32 {
        if rc == -1 {
            // SAFETY: __errno_location returns a valid pointer to this thread's errno.
            unsafe { *libc::__errno_location() }
        } else {
            0
        }
    }

    /// The errno of `syscall(nr, args...)`, 0 when it succeeds (unused arguments are 0).
    fn syscall_errno(nr: libc::c_long, args: [libc::c_ulong; 5]) -> i32 {
        let [a, b, c, d, e] = args;
        // SAFETY: raw syscalls with invalid or harmless arguments.
        errno_of(unsafe { libc::syscall(nr, a, b, c, d, e) })
    }

    /// keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0).
    fn keyctl_errno() -> i32 {
        syscall_errno(libc::SYS_keyctl, [0, -3i64 as libc::c_ulong, 0, 0, 0])
    }

    /// unshare(0): a no-op unfiltered.
    fn unshare_errno() -> i32 {
        syscall_errno(libc::SYS_unshare, [0; 5])
    }

    /// clone(CLONE_NEWUSER | CLONE_FS): EINVAL unfiltered.
    fn clone_newuser_errno() -> i32 {
        let flags = (libc::CLONE_NEWUSER | libc::CLONE_FS) as libc::c_ulong;
        syscall_errno(libc::SYS_clone, [flags, 0, 0, 0, 0])
    }

    /// clone3(NULL, 0).
    fn clone3_errno() -> i32 {
        syscall_errno(libc::SYS_clone3, [0; 5])
    }

    /// 0 when every `(got, want)` errno matches, else the number of the first that does not.
    fn first_unexpected(results: &[(i32, i32)]) -> i32 {
        results
            .iter()
            .position(|(got, want)| got != want)
            .map_or(0, |i| i as i32 + 1)
    }

    /// The syscalls the default filter must refuse for docker's default capabilities; every
    /// call here gives a different result without the filter. 0 when all are as expected, else
    /// the number of the first that is not.
    fn probe_default_caps() -> i32 {
        first_unexpected(&[
            // keyctl is denied outright.
            (keyctl_errno(), libc::EPERM),
            // The filter denies unshare whatever the flags.
            (unshare_errno(), libc::EPERM),
            // The namespace rule answers before clone's own check.
            (clone_newuser_errno(), libc::EPERM),
            // clone3 must be ENOSYS so that the C library falls back to clone.
            (clone3_errno(), libc::ENOSYS),
            (
                syscall_errno(libc::SYS_io_uring_setup, [1, 0, 0, 0, 0]),
                libc::EPERM,
            ),
            (syscall_errno(libc::SYS_getppid, [0; 5]), 0),
        ])
    }

    /// The same calls with CAP_SYS_ADMIN: namespaces are allowed again, keyctl is not.
    fn probe_admin_caps() -> i32 {
        first_unexpected(&[
            (keyctl_errno(), libc::EPERM),
            (unshare_errno(), 0),
            (clone_newuser_errno(), libc::EINVAL),
            (clone3_errno(), libc::EINVAL),
        ])
    }

    #[test]
    fn the_kernel_applies_the_default_filter() {
        let caps = default_capabilities();
        let progs = compile(&SeccompMode::Default, &caps, false).unwrap();
        assert_eq!(status_under(&progs, probe_default_caps), 0);
        // Without a filter the probe sees other results: it can fail.
        assert_ne!(status_under(&[], probe_default_caps), 0);
        let mut admin = caps.clone();
        admin.push("CAP_SYS_ADMIN".into());
        let progs = compile(&SeccompMode::Default, &admin, false).unwrap();
        assert_eq!(status_under(&progs, probe_admin_caps), 0);
    }

    #[test]
    fn privileged_and_unconfined_get_no_filter() {
        let caps = default_capabilities();
        assert!(compile(&SeccompMode::Unconfined, &caps, false)
            .unwrap()
            .is_empty());
        assert!(compile(&SeccompMode::Default, &caps, true)
            .unwrap()
            .is_empty());
        assert!(!compile(&SeccompMode::Default, &caps, false)
            .unwrap()
            .is_empty());
        // An empty program is refused by the kernel: load reports it.
        assert!(load(&[Vec::new()]).is_err());
    }

    #[test]
    fn capabilities_rescue_their_own_syscalls_only() {
        let base = default_capabilities();
        let d = default_denied(&base);
        let mut unique = d.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), d.len(), "a name listed twice: {d:?}");
        for (cap, freed) in [
            ("CAP_SYS_RAWIO", &["iopl", "ioperm"][..]),
            ("CAP_SYSLOG", &["syslog"]),
            ("CAP_BPF", &["bpf"]),
            ("CAP_PERFMON", &["perf_event_open"]),
        ] {
            let mut caps = base.clone();
            caps.push(cap.into());
            let with = default_denied(&caps);
            for n in freed {
                assert!(d.contains(n) && !with.contains(n), "{cap} allows {n}");
            }
            assert_eq!(
                with.len(),
                d.len() - freed.len(),
                "{cap} allows only {freed:?}"
            );
        }
        // lookup_dcookie is in both lists: CAP_SYS_ADMIN does not allow it.
        let mut admin = base.clone();
        admin.push("CAP_SYS_ADMIN".into());
        assert!(default_denied(&admin).contains(&"lookup_dcookie"));
    }

    /// What the capability- and architecture-dependent rules of the profile below return.
    fn probe_profile() -> i32 {
        let no_args = |nr| syscall_errno(nr, [0; 5]);
        first_unexpected(&[
            (no_args(libc::SYS_getppid), 0),
            (no_args(libc::SYS_getuid), 12),
            (no_args(libc::SYS_getgid), 0),
            (no_args(libc::SYS_geteuid), 14),
            (no_args(libc::SYS_getegid), 0),
            (no_args(libc::SYS_gettid), 16),
            (no_args(libc::SYS_getpgid), 0),
        ])
    }

    #[test]
    fn profile_rules_follow_capabilities_and_architecture() {
        // docker's architecture names, spelled out: arch_name() itself is under test.
        let arch = if cfg!(target_arch = "aarch64") {
            "arm64"
        } else {
            "amd64"
        };
        let text = format!(
            r#"{{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                {{ "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 11, "includes": {{ "caps": ["CAP_SYS_ADMIN"] }} }},
                {{ "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 12, "includes": {{ "caps": ["CAP_CHOWN"] }} }},
                {{ "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13, "excludes": {{ "caps": ["CAP_CHOWN"] }} }},
                {{ "names": ["geteuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 14, "excludes": {{ "caps": ["CAP_SYS_ADMIN"] }} }},
                {{ "names": ["getegid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 15, "includes": {{ "arches": ["s390x"] }} }},
                {{ "names": ["gettid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 16, "includes": {{ "arches": ["{arch}"] }} }},
                {{ "names": ["getpgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 17, "excludes": {{ "arches": ["{arch}"] }} }}
            ] }}"#
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("profile.json");
        std::fs::write(&path, text).unwrap();
        let caps = default_capabilities();
        // A profile applies to privileged containers too.
        for privileged in [false, true] {
            let progs = compile(&SeccompMode::Profile(path.clone()), &caps, privileged).unwrap();
            assert_eq!(
                status_under(&progs, probe_profile),
                0,
                "privileged {privileged}"
            );
        }
        assert_ne!(status_under(&[], probe_profile), 0);
        let missing = compile(&SeccompMode::Profile(dir.path().join("nope")), &caps, false);
        assert!(missing
            .unwrap_err()
            .to_string()
            .contains("reading seccomp profile"));
        std::fs::write(&path, "{}").unwrap();
        let bad = compile(&SeccompMode::Profile(path), &caps, false);
        assert!(bad
            .unwrap_err()
            .to_string()
            .contains("is not a docker seccomp profile"));
    }

    #[test]
    fn seccompiler_errors_other_than_unknown_names_are_reported() {
        let p: DockerProfile = serde_json::from_str(
            r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":9,"value":1,"op":"SCMP_CMP_EQ"}]}]}"#,
        )
        .unwrap();
        let e = compile_profile(&p, &[]).unwrap_err().to_string();
        assert!(e.contains("seccomp profile:"), "{e}");
    }
}
