#!/usr/bin/env bash
# Mutation testing of the security-critical code (issue 17): cargo-mutants on layer extraction
# and entry names (storage), mount and rootfs helpers, seccomp and capabilities (libpod), each
# file against the tests of the crate that owns it, never the system tests (they need root and
# the rig). Results and the reasons for the survivors: tests/MUTANTS.md.
#
#   tests/mutants.sh [storage|libpod|build|all|seam]  (default: all)
#
# `seam` (issue 25, not part of `all`): the runtime's syscall seam, real and recording halves
# (runtime/sys*), and the fork/sync path shared by spawn and exec (runtime/child.rs), against
# libpod's runtime unit tests. The real halves are proven by the system tests, not these.
#
# cargo-mutants copies the tree to a scratch directory and mutates the copy; builds go to their own
# target directory (MUTANTS_TARGET, default target/mutants), so a running `cargo build` in the
# checkout is never locked. Everything runs under `nice -n 19` with one build job: slow (about an
# hour on two cores), but the machine stays usable. Output: MUTANTS_OUT (default
# target/mutants-out/<set>/mutants.out: caught.txt, missed.txt, unviable.txt, timeout.txt).
# MUTANTS_ARGS adds cargo-mutants options, e.g. MUTANTS_ARGS=--iterate to test only the mutants
# a previous run into the same MUTANTS_OUT did not catch.
# Needs cargo-mutants (`cargo install cargo-mutants --locked`; 27.1 was used). Runs as root, like
# tests/ci.sh: the storage tests create devices and owners, one libpod test needs a mount namespace.
#
# Sandboxed: a mutant of the extraction code runs the storage tests as root with its checks
# broken, and one (names.rs `==` -> `!=`, 2026-12-03) emptied the host's /etc and made / mode
# 0700 through a whiteout named "/". So the script re-executes itself in a private mount
# namespace where the root file system is read-only (target/ and ~/.cargo bound writable) and
# /tmp a fresh tmpfs. Other mounted file systems (/home, /run, /dev/shm...) stay writable.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
if [[ ${SKIFF_MUTANTS_SANDBOX:-} != 1 ]]; then
  mkdir -p "$repo/target"
  exec env SKIFF_MUTANTS_SANDBOX=1 unshare --mount --propagation private -- "$repo/tests/mutants.sh" "$@"
fi
cargo_home=${CARGO_HOME:-$HOME/.cargo}
mount -t tmpfs -o mode=1777 mutants-tmp /tmp
for rw in "$repo/target" "$cargo_home"; do
  mount --bind "$rw" "$rw"
done
mount -o remount,bind,ro /
if touch /.mutants-probe 2>/dev/null; then
  echo "the sandbox left / writable: refusing to run mutants" >&2
  exit 2
fi
which=${1:-all}
timeout=${MUTANTS_TIMEOUT:-120}
out=${MUTANTS_OUT:-$repo/target/mutants-out}
export CARGO_TARGET_DIR=${MUTANTS_TARGET:-$repo/target/mutants}
export CARGO_BUILD_JOBS=1

if ! command -v cargo-mutants >/dev/null; then
  echo "cargo-mutants is missing: cargo install cargo-mutants --locked" >&2
  exit 2
fi

run() { # set package test-args... -- files...
  local set=$1 pkg=$2
  shift 2
  local args=() files=()
  while [[ $1 != -- ]]; do args+=("$1"); shift; done
  shift
  for f in "$@"; do files+=(-f "$f"); done
  mkdir -p "$out/$set"
  echo "== $set: ${*}"
  # Exit status 2 means "some mutants missed": reported, not a failure of this script.
  nice -n 19 cargo mutants --no-shuffle -j 1 -p "$pkg" "${files[@]}" \
    --timeout "$timeout" --build-timeout 600 -o "$out/$set" ${MUTANTS_ARGS:-} -- "${args[@]}" || {
    rc=$?
    [[ $rc == 2 || $rc == 3 ]] || exit "$rc"
  }
  for k in caught missed unviable timeout; do
    printf '%s %s: %s\n' "$set" "$k" "$(wc -l <"$out/$set/mutants.out/$k.txt")"
  done
}

case $which in
storage | all)
  # The unit tests and storage's own tests of extraction (tests/*.rs, which build hostile tars);
  # not registry_pull (needs the rig's registry), store_kill and store_perf (timing, kills).
  run storage skiff-storage --lib --test store_security --test store_entries --test store_ingest \
    --test store_fuzz --test store_tarout --test archive_store -- \
    storage/src/store/extract.rs storage/src/store/names.rs
  ;;&
libpod | all)
  # The unit tests only: libpod/tests/runtime_*.rs start containers (root, busybox, the rig).
  run libpod skiff-libpod --lib -- \
    libpod/src/runtime/mounts.rs libpod/src/runtime/rootfs.rs libpod/src/runtime/seccomp.rs \
    libpod/src/runtime/caps.rs
  ;;&
build | all)
  # The build context (no source may reach outside it): libpod's unit tests of it.
  run build skiff-libpod --lib build:: -- libpod/src/build/context.rs
  ;;
seam)
  run seam skiff-libpod --lib runtime:: -- \
    libpod/src/runtime/child.rs libpod/src/runtime/sys/fork.rs \
    libpod/src/runtime/sys/record/fork.rs libpod/src/runtime/sys/record.rs \
    libpod/src/runtime/sys/record/process.rs libpod/src/runtime/sys.rs \
    libpod/src/runtime/sys/process.rs
  ;;
storage | libpod) ;;
*)
  echo "usage: tests/mutants.sh [storage|libpod|build|all|seam]" >&2
  exit 2
  ;;
esac
