#!/usr/bin/env bash
# bench/run.sh [--with-podman] [--runs N] [CASE...]: times skiff (and Podman) on this machine, as
# the rootless test user against the rig's registry, and prints a markdown table of medians.
# Run as root. Cases (default: all): pull-big images run-true create ps-200 ps-1000 exec
# Environment: SKIFF=/path/to/skiff to time a given binary instead of a fresh release build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
# shellcheck source=tests/rig/common.sh
source "$repo/tests/rig/common.sh"

with_podman=0
runs=10
cases=()
while (($#)); do
  case $1 in
    --with-podman) with_podman=1 ;;
    --runs) runs=$2; shift ;;
    -h | --help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) cases+=("$1") ;;
  esac
  shift
done
all_cases=(pull-big images run-true create ps-200 ps-1000 exec)
((${#cases[@]})) || cases=("${all_cases[@]}")
for c in "${cases[@]}"; do
  [[ " ${all_cases[*]} " == *" $c "* ]] || { echo "unknown case $c (cases: ${all_cases[*]})" >&2; exit 2; }
done
[[ $EUID -eq 0 ]] || { echo "run as root: sudo $0" >&2; exit 2; }

# ---- rig, binaries ---------------------------------------------------------------------------
"$repo/tests/ci.sh" --setup-only >/dev/null
rig_packages hyperfine
rig_user
if ((with_podman)); then
  rig_packages podman runc fuse-overlayfs
  # Hybrid cgroups here: crun refuses them, runc with cgroupfs works; events to a file (no journald).
  cat >"$RIG_HOME/.config/containers/containers.conf" <<CFG
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CFG
  chown "$RIG_USER:$RIG_USER" "$RIG_HOME/.config/containers/containers.conf"
fi
work=$RIG_DIR/bench
rm -rf "$work"
install -d -o "$RIG_USER" -g "$RIG_USER" -m 755 "$work" "$work/json"
if [[ -n ${SKIFF:-} ]]; then
  install -m 755 "$SKIFF" "$work/skiff"
else
  for d in "$HOME/.cargo/bin" /root/.cargo/bin; do [[ -x $d/cargo ]] && PATH=$d:$PATH; done
  (cd "$repo" && cargo build --release --quiet)
  install -m 755 "$repo/target/release/skiff" "$work/skiff"
fi

as_user() {
  runuser -u "$RIG_USER" -- env -i HOME="$RIG_HOME" USER="$RIG_USER" LOGNAME="$RIG_USER" \
    PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin XDG_RUNTIME_DIR="$RIG_XDG" SKIFF_CI_RUN=bench "$@"
}
port=${RIG_REGISTRY##*:}
img=localhost:$port/library/busybox:latest
big=localhost:$port/library/big:latest
declare -A engine_cmd=(
  [skiff]="$work/skiff --root $work/skiff-root --runroot $work/skiff-run"
  [podman]="podman"
)
engines=(skiff)
((with_podman)) && engines+=(podman)

# has ENGINE SUBCOMMAND...: whether the engine has all these subcommands.
has() {
  local e=$1 s; shift
  for s in "$@"; do as_user ${engine_cmd[$e]} "$s" --help >/dev/null 2>&1 || return 1; done
}
clean() { # removes every container of ENGINE
  local e=$1 ids
  ids=$(as_user ${engine_cmd[$e]} ps -a -q 2>/dev/null || true)
  # shellcheck disable=SC2086
  [[ -z $ids ]] || as_user ${engine_cmd[$e]} rm -f $ids >/dev/null 2>&1 || true
}
# hf ENGINE CASE RUNS [hyperfine args...] COMMAND: times COMMAND; prints the median in ms.
hf() {
  local e=$1 c=$2 n=$3; shift 3
  local json=$work/json/$e-$c.json
  as_user hyperfine -N --style none --warmup 1 --runs "$n" --export-json "$json" "$@" >/dev/null 2>"$work/$e-$c.err" ||
    { echo "failed: see $work/$e-$c.err" >&2; return 1; }
  jq -r '.results[0].median * 1000 | . * 10 | round / 10' "$json"
}

# bench_case ENGINE CASE: sets up the case and prints its median (ms) or "n/a".
bench_case() {
  local e=$1 c=$2 E=${engine_cmd[$1]} i
  local need=(pull)
  case $c in
    pull-big) need+=(rmi) ;; images) need+=(tag images) ;; run-true) need+=(run) ;;
    create) need+=(create rm) ;; ps-*) need+=(create ps) ;; exec) need+=(run exec rm) ;;
  esac
  has "$e" "${need[@]}" || { echo "n/a"; return 0; }
  clean "$e"
  case $c in
    pull-big)
      hf "$e" "$c" 5 --prepare "sh -c '$E rmi -f $big >/dev/null 2>&1; true'" "$E pull -q $big" ;;
    images)
      as_user $E pull -q "$img" >/dev/null
      for i in $(seq 100); do as_user $E tag "$img" "localhost/bench/img$i:latest"; done
      hf "$e" "$c" "$runs" "$E images"
      for i in $(seq 100); do as_user $E rmi "localhost/bench/img$i:latest" >/dev/null 2>&1 || true; done ;;
    run-true)
      as_user $E pull -q "$img" >/dev/null
      hf "$e" "$c" "$runs" "$E run --rm --network none $img true" ;;
    create)
      as_user $E pull -q "$img" >/dev/null
      hf "$e" "$c" "$runs" --prepare "sh -c '$E rm -f benchc >/dev/null 2>&1; true'" "$E create --name benchc $img true" ;;
    ps-*)
      as_user $E pull -q "$img" >/dev/null
      for i in $(seq "${c#ps-}"); do as_user $E create --name "bench$i" "$img" true >/dev/null; done
      hf "$e" "$c" "$runs" "$E ps -a" ;;
    exec)
      as_user $E pull -q "$img" >/dev/null
      as_user $E run -d --name benchexec "$img" sleep 100000 >/dev/null
      hf "$e" "$c" "$runs" "$E exec benchexec true" ;;
  esac
  clean "$e"
}

echo "| case | skiff median ms | podman median ms | ratio skiff/podman |"
echo "|---|---:|---:|---:|"
for c in "${cases[@]}"; do
  s=$(bench_case skiff "$c" || echo "error")
  p="not run"
  ((with_podman)) && p=$(bench_case podman "$c" || echo "error")
  ratio=$(awk -v s="$s" -v p="$p" 'BEGIN { if (s + 0 > 0 && p + 0 > 0) printf "%.2f", s / p; else print "-" }')
  echo "| $c | $s | $p | $ratio |"
done
