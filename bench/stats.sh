#!/usr/bin/env bash
# bench/stats.sh [--with-podman] [--runs N] [--containers N] [--network MODE] [--root]: times
# `stats --no-stream` over N (default 50) running containers (busybox `sleep`, run -d), skiff
# and Podman side by side, as the rootless test user; prints a markdown table of medians (ms),
# IQR and skiff/podman. Run as root. A second table, as root for both engines, follows with
# --root, or by itself when Podman refuses rootless stats here (cgroup v1 / hybrid hosts).
# --network MODE is passed to `run -d` (default: none given, each engine's default network).
# Environment: SKIFF=/path/to/skiff to time a given binary instead of a fresh release build.
# shellcheck disable=SC2086 # $E is an engine command line, split on purpose
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

with_podman=0
runs=10
count=50
network=
root_table=0
parse_options 8 --with-podman=with_podman:1 --runs=runs --containers=count --network=network \
  --root=root_table:1 -- "$@"
check_count --runs "$runs" 999
check_count --containers "$count" 999
need_root

bench_setup bench-stats "$with_podman"
log() { printf '[bench] %s\n' "$*" >&2; }
cleanup() { local e; for e in "${engines[@]}"; do clean "$e"; done; }
trap cleanup EXIT
net_flag=()
[[ -z $network ]] || net_flag=(--network "$network")
declare -A run_flags=([skiff]="" [podman]="") # an engine's extra `run -d` flags

# stats_case ENGINE LABEL: starts $count sleep containers, checks that `stats --no-stream`
# works and lists them all, times it; prints "MEDIAN IQR" (ms), or "refused" / "error". When
# stats fails, its message stays in $work/ENGINE-LABEL.refused (rootless Podman refuses stats
# on cgroup v1).
stats_case() {
  local e=$1 label=$2 E=${engine_cmd[$1]} i up out
  has "$e" run stats rm || { echo "n/a"; return 0; }
  clean "$e"
  as_user $E pull -q "$img" >/dev/null
  log "$label: $e: starting $count containers"
  for i in $(seq "$count"); do
    as_user $E run -d --name "benchstats$i" "${net_flag[@]}" ${run_flags[$e]} "$img" sleep 100000 >/dev/null \
      2>>"$work/$e-$label.err" || { echo "run -d failed: see $work/$e-$label.err" >&2; echo error; return 0; }
  done
  up=$(as_user $E ps -q | wc -l)
  ((up == count)) || { echo "$e: $up containers running, not $count" >&2; echo error; return 0; }
  if ! out=$(as_user $E stats --no-stream 2>&1); then
    echo "$e stats --no-stream failed: $out" >&2
    printf '%s\n' "$out" >"$work/$e-$label.refused"
    echo refused
    clean "$e"
    return 0
  fi
  # One header line and a line per container.
  if (($(wc -l <<<"$out") != count + 1)); then
    echo "$e stats listed $(($(wc -l <<<"$out") - 1)) of $count" >&2
    echo error
    clean "$e"
    return 0
  fi
  log "$label: $e: timing stats --no-stream"
  hf "$e" "$label" "$runs" "$E stats --no-stream" || echo error
  clean "$e"
}

# table LABEL: the table of one mode (rootless or root), one row, and what a refusing engine said.
table() {
  local s p="not run" e
  rm -f "$work"/*-"$1".refused
  s=$(stats_case skiff "$1")
  if ((with_podman)); then p=$(stats_case podman "$1"); fi
  table_head
  table_row "stats --no-stream, $count running ($1)" "$s" "$p"
  for e in "${engines[@]}"; do
    [[ ! -s $work/$e-$1.refused ]] || printf '\n%s refused (%s): `%s`\n' "$e" "$1" "$(tr '\n' ' ' <"$work/$e-$1.refused")"
  done
}

table rootless
if ((root_table)) || [[ -s $work/podman-rootless.refused ]]; then
  cleanup
  # The same cases as root: lib.sh's helpers run their commands through as_user; from here on it
  # runs them as root, in a clean environment like the test user's. Separate stores for both
  # engines; Podman with runc and cgroupfs as for the user (crun refuses hybrid cgroups).
  as_user() {
    env -i HOME=/root USER=root LOGNAME=root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
      CONTAINERS_REGISTRIES_CONF="$RIG_DIR/registries.conf" SKIFF_CI_RUN=bench "$@"
  }
  engine_cmd[skiff]="$work/skiff --root $work/root-skiff --runroot $work/root-skiff-run"
  engine_cmd[podman]="podman --root $work/root-podman --runroot $work/root-podman-run --runtime runc --cgroup-manager cgroupfs --events-backend file"
  # Root Podman sets RLIMIT_NOFILE 1048576 and RLIMIT_NPROC 32768 in the container, above what
  # runc may set where root lacks CAP_SYS_RESOURCE, as on these VMs ("error setting rlimit type
  # 7: operation not permitted"): low limits instead, enough for `sleep`.
  run_flags[podman]="--ulimit nofile=1024:1024 --ulimit nproc=1024:1024"
  echo
  table root
fi
