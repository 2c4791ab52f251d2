#!/usr/bin/env bash
# tests/ci.sh: skiff's one test command. Run as root on Debian 12:
#
#   sudo ./tests/ci.sh               rig up, build, unit tests, system tests as root and rootless,
#                                    clean up; the last line is "N passed, N failed"
#   sudo ./tests/ci.sh --setup-only  rig up (packages, user, registry, images) and leave it running;
#                                    prints the environment to export for running tests by hand
#   sudo ./tests/ci.sh --teardown    stop the registry and remove the rig's work directory
#
# See tests/README.md for what the rig provides.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tests/rig/common.sh
source tests/rig/common.sh

mode=full
case "${1:-}" in
  "") ;;
  --setup-only) mode=setup ;;
  --teardown) mode=teardown ;;
  -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--setup-only|--teardown]" >&2; exit 2 ;;
esac
if [[ $EUID -ne 0 ]]; then
  echo "tests/ci.sh must run as root (it installs packages, creates a user, starts a registry): sudo $0" >&2
  exit 2
fi

# One rig per machine: concurrent invocations wait for each other.
mkdir -p "$(dirname "$RIG_DIR")"
exec 9>"$RIG_DIR.lock"
flock -w 3600 9 || { echo "another tests/ci.sh holds $RIG_DIR.lock" >&2; exit 2; }

DEV_TAG=dev # processes started from a --setup-only shell carry SKIFF_CI_RUN=dev

if [[ $mode == teardown ]]; then
  rig_kill_tagged "$DEV_TAG"
  rig_pad_remove
  rig_registry_stop
  rig_unmount_under "$RIG_DIR"
  rm -rf "$RIG_DIR"
  echo "rig torn down (fixture cache kept in $RIG_CACHE)"
  exit 0
fi

if [[ $mode == setup ]]; then
  rig_up
  cat <<EOF

Rig ready. For root:
$(rig_env)
export SKIFF_CI_RUN=$DEV_TAG
The rootless user $RIG_USER (uid $RIG_UID) has subordinate uids $RIG_SUBUIDS and gids $RIG_SUBGIDS
(start:count; tests read them from /etc/subuid and /etc/subgid). To run as it:
  runuser -u $RIG_USER -- env HOME=$RIG_HOME XDG_RUNTIME_DIR=$RIG_XDG \\
    SKIFF_TEST_REGISTRY=$RIG_REGISTRY SKIFF_CI_RUN=$DEV_TAG SKIFF_BIN=/path/to/world-readable/skiff TEST-BINARY
Tear down with: sudo $0 --teardown
EOF
  exit 0
fi

# ci_prerequisites: what building skiff needs, checked before the rig and the build so that a
# missing piece is named at once instead of failing halfway through the build. Installs the Debian
# packages it can: a C toolchain (rusqlite's bundled SQLite, zstd, the host's libc for skiff-init)
# and the static C library (skiff-init is linked statically). Rust is not a Debian package that
# fits (Debian 12's rustc is 1.63): it must be rustup's, at least the workspace's rust-version.
# Prints every missing piece and returns 1 when something is still missing.
CI_BUILD_PACKAGES=(build-essential libc6-dev pkg-config)
ci_prerequisites() {
  local missing=() want have libc_a d
  rig_packages "${CI_BUILD_PACKAGES[@]}" ||
    missing+=("the Debian packages ${CI_BUILD_PACKAGES[*]}: apt-get install failed")
  command -v cc >/dev/null || missing+=("a C compiler (cc): apt-get install build-essential")
  libc_a=$(cc -print-file-name=libc.a 2>/dev/null || true)
  [[ $libc_a == /* && -f $libc_a ]] ||
    missing+=("the static C library libc.a (/usr/lib/$(uname -m)-linux-gnu/libc.a): apt-get install libc6-dev")
  if ! command -v cargo >/dev/null; then
    for d in "$HOME/.cargo/bin" /root/.cargo/bin ${SUDO_USER:+"$(getent passwd "$SUDO_USER" | cut -d: -f6)/.cargo/bin"}; do
      [[ -x $d/cargo ]] && { PATH=$d:$PATH; break; }
    done
  fi
  want=$(sed -nE 's/^rust-version *= *"([0-9.]+)".*/\1/p' Cargo.toml | head -n1)
  if ! command -v cargo >/dev/null || ! command -v rustc >/dev/null; then
    missing+=("Rust >= $want (cargo and rustc, not found in PATH or ~/.cargo/bin): install it with rustup (https://rustup.rs); Debian 12's rustc 1.63 is too old")
  elif ! have=$(rustc --version 2>&1); then
    missing+=("Rust >= $want: $(command -v rustc) --version fails: $(head -n1 <<<"$have")")
  else
    have=$(awk '{print $2}' <<<"$have")
    if [[ $(printf '%s\n%s\n' "$want" "${have%%-*}" | sort -V | head -n1) != "$want" ]]; then
      missing+=("Rust >= $want (found rustc $have at $(command -v rustc)): rustup update, or install rustup's toolchain ahead of Debian's in PATH")
    fi
  fi
  ((${#missing[@]} == 0)) && return 0
  echo "!! tests/ci.sh cannot build skiff; missing:"
  printf '   - %s\n' "${missing[@]}"
  return 1
}

# ---- full run -------------------------------------------------------------------------------
tag=ci-$$
started_registry=1
rig_registry_running && started_registry=0
total_passed=0
total_failed=0
phase_start=0
phase_name=
logs=$(mktemp -d /tmp/skiff-ci-logs.XXXXXX)

phase() { # phase NAME: ends the previous phase (printing its time) and starts a new one
  if [[ -n $phase_name ]]; then printf '== %s: %ds\n' "$phase_name" $((SECONDS - phase_start)); fi
  phase_name=$1
  phase_start=$SECONDS
  [[ -n $phase_name ]] && printf '\n== %s\n' "$phase_name"
  return 0
}

cleanup() {
  local rc=$?
  set +e
  rig_kill_tagged "$tag"
  rig_pad_remove # only if rig_user was interrupted
  rig_unmount_under "$RIG_DIR"
  rm -rf "${RIG_DIR:?}/tmp-root" "${RIG_DIR:?}/tmp-user" "${RIG_DIR:?}/bin" "$logs"
  if ((started_registry)); then
    rig_registry_stop
    rm -rf "$RIG_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# count LOG: adds libtest's "test result:" totals in LOG; a run that printed none counts as a failure.
count() {
  local p f
  read -r p f < <(grep -aE '^test result: ' "$1" |
    sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/' | awk '{p += $1; f += $2} END {print p + 0, f + 0}')
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
}

# run_tests NAME STATUS: accounts for a test run whose exit status was STATUS and log is $logs/NAME.
run_tests() {
  local name=$1 status=$2
  count "$logs/$name"
  if ((status != 0)) && ! grep -aqE '^test result: FAILED' "$logs/$name"; then
    echo "!! $name exited with status $status without a failing test result (build error, crash or timeout)"
    total_failed=$((total_failed + 1))
  fi
}

phase "prerequisites"
if ! ci_prerequisites; then
  phase ""
  echo "0 passed, 1 failed"
  exit 1
fi

# skipped NAME FILE: the system tests of run NAME that skipped themselves (harness::skip appends
# "TEST<TAB>REASON" to FILE). The root-only and rootless-only tests live in modules `only_root` and
# `only_rootless` that the other pass leaves out (--skip), so no test may skip itself here: each
# skip is counted as a failure, not a pass. Their names are kept in $logs/NAME.skips.
skipped() {
  local n=0
  : >"$logs/$1.skips"
  [[ -f $2 ]] && cut -f1 "$2" | sort -u >"$logs/$1.skips"
  n=$(wc -l <"$logs/$1.skips")
  total_passed=$((total_passed - n))
  total_failed=$((total_failed + n))
  if ((n > 0)); then
    echo "!! $1: $n skipped themselves, counted as failures ($(cut -f2 "$2" | sort -u | paste -sd, -)):"
    sed 's/^/   /' "$logs/$1.skips"
  fi
  return 0
}

phase "rig"
rig_up
export SKIFF_TEST_REGISTRY=$RIG_REGISTRY

phase "build"
# The build's footprint: line tables are enough for a failing test's backtrace, and an
# incremental cache serves no one-off run; without both the target directory takes ~2.4 GB
# where it took ~6.3 GB (a CI machine's disk once filled up during the build).
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
export CARGO_PROFILE_DEV_DEBUG=${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}
echo "[build] free space: $(df -h --output=avail . | tail -1 | tr -d ' ') here, $(df -h --output=avail "${TMPDIR:-/tmp}" | tail -1 | tr -d ' ') in ${TMPDIR:-/tmp}"
if ! cargo build --workspace --all-targets; then
  echo "!! cargo build failed"
  phase ""
  echo "0 passed, 1 failed"
  exit 1
fi

phase "unit tests"
# Every crate's unit tests and its own integration tests (tests/*.rs), then the binary's unit tests;
# the `system` target of the root package runs below, against copied binaries. SKIFF_CI_RUN makes
# a test whose prerequisite (root, busybox, the rig's user, newuidmap, unshare) is missing fail
# instead of skipping itself: this run provides all of them.
status=0
SKIFF_CI_RUN="$tag" timeout 600 cargo test --no-fail-fast --workspace --exclude skiff --exclude skiff-libpod --tests 2>&1 |
  tee "$logs/unit-crates" || status=$?
run_tests unit-crates "$status"
# libpod's runtime tests fork containers from inside the test process: one test thread, so no
# other thread can hold an allocator lock at the moment of a fork.
status=0
SKIFF_CI_RUN="$tag" timeout 600 cargo test --no-fail-fast -p skiff-libpod --tests -- --test-threads=1 2>&1 |
  tee "$logs/unit-libpod" || status=$?
run_tests unit-libpod "$status"
status=0
SKIFF_CI_RUN="$tag" timeout 300 cargo test -p skiff --bins 2>&1 | tee "$logs/unit-bin" || status=$?
run_tests unit-bin "$status"

phase "system tests (root and rootless, $RIG_USER, side by side)"
mkdir -p "$RIG_DIR/bin"
# The checkout may be unreadable to the test user (e.g. under /root): run copies of the binaries.
cargo test --test system --no-run --message-format=json 2>/dev/null >"$logs/artifacts.json"
artifact() { jq -r --arg n "$1" 'select(.reason == "compiler-artifact" and .target.name == $n
  and .executable != null) | .executable' "$logs/artifacts.json" | tail -1; }
install -m 755 "$(artifact system)" "$RIG_DIR/bin/system"
install -m 755 "$(artifact skiff)" "$RIG_DIR/bin/skiff"
install -d -m 700 "$RIG_DIR/tmp-root"
install -d -m 700 -o "$RIG_USER" -g "$RIG_USER" "$RIG_DIR/tmp-user"
rm -f "$RIG_DIR/tmp-root/skips" "$RIG_DIR/tmp-user/skips"
# The two passes share nothing (their own stores, runtime and temporary directories; the tests
# bind free ports), and each leaves a core idle a third of the time: run side by side they take
# ~400 s where one after the other took ~615 s on a 2-core machine. Each writes its own log,
# shown when both are done.
(cd "$RIG_DIR" && exec env SKIFF_CI_RUN="$tag" SKIFF_BIN="$RIG_DIR/bin/skiff" SKIFF_TEST_TMP="$RIG_DIR/tmp-root" \
  SKIFF_TEST_SKIPS="$RIG_DIR/tmp-root/skips" CONTAINERS_REGISTRIES_CONF="$RIG_DIR/registries.conf" RUST_BACKTRACE=1 \
  SKIFF_TEST_TESTCONTAINERS="$RIG_TESTCONTAINERS" SKIFF_TEST_KUBE_VALIDATE="$RIG_KUBE_VALIDATE" \
  timeout 900 "$RIG_DIR/bin/system" --test-threads=2 --skip ::only_rootless::) >"$logs/system-root" 2>&1 &
root_pass=$!
(cd "$RIG_DIR" && exec runuser -u "$RIG_USER" -- env -i HOME="$RIG_HOME" USER="$RIG_USER" LOGNAME="$RIG_USER" \
  PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin XDG_RUNTIME_DIR="$RIG_XDG" SKIFF_CI_RUN="$tag" \
  SKIFF_BIN="$RIG_DIR/bin/skiff" SKIFF_TEST_TMP="$RIG_DIR/tmp-user" SKIFF_TEST_REGISTRY="$RIG_REGISTRY" \
  SKIFF_TEST_TESTCONTAINERS="$RIG_TESTCONTAINERS" SKIFF_TEST_KUBE_VALIDATE="$RIG_KUBE_VALIDATE" \
  SKIFF_TEST_SKIPS="$RIG_DIR/tmp-user/skips" RUST_BACKTRACE=1 \
  timeout 900 "$RIG_DIR/bin/system" --test-threads=2 --skip ::only_root::) >"$logs/system-rootless" 2>&1 &
rootless_pass=$!
status=0
wait "$root_pass" || status=$?
echo "-- root"
cat "$logs/system-root"
run_tests system-root "$status"
skipped system-root "$RIG_DIR/tmp-root/skips"
status=0
wait "$rootless_pass" || status=$?
echo "-- rootless ($RIG_USER)"
cat "$logs/system-rootless"
run_tests system-rootless "$status"
skipped system-rootless "$RIG_DIR/tmp-user/skips"
rig_kill_tagged "$tag"

# ---- cgroup v2 limits in a VM (tests/vm/check.sh; see tests/README.md). SKIFF_CI_VM=0 skips. ----
if [[ ${SKIFF_CI_VM:-1} != 0 ]]; then
  phase "cgroup v2 limits in a VM"
  status=0
  SKIFF_BIN="$RIG_DIR/bin/skiff" timeout 1800 tests/vm/check.sh 2>&1 | tee "$logs/vm" || status=$?
  vm_result=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$logs/vm" | tail -n1)
  if [[ -n $vm_result ]]; then
    total_passed=$((total_passed + ${vm_result% *}))
    total_failed=$((total_failed + ${vm_result#* }))
  else
    echo "!! tests/vm/check.sh exited with status $status without a result line"
    total_failed=$((total_failed + 1))
  fi
fi
# ---- end of the VM step ----

phase ""
echo "total time: ${SECONDS}s"
echo "$total_passed passed, $total_failed failed"
((total_failed == 0))
