#!/usr/bin/env bash
# bench/monitor-mem.sh [--with-podman] [N]: the memory of the per-container process that outlives
# the CLI (skiff's monitor; with --with-podman, Podman's conmon beside it), with N (default 20)
# `sleep` containers running as the rootless test user. Prints the medians of Private_Dirty (the
# anonymous memory the process owns), Pss and Rss from /proc/PID/smaps_rollup, in kB.
# Run as root. SKIFF=/path/to/skiff to measure a given binary instead of a fresh release build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
with_podman=0
n=20
while (($#)); do
  case $1 in
    --with-podman) with_podman=1 ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) n=$1 ;;
  esac
  shift
done
need_root
bench_setup bench-mem "$with_podman"
median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/smaps_rollup"; }
echo "| process | containers | Private_Dirty kB | Pss kB | Rss kB |"
echo "|---|---:|---:|---:|---:|"
for e in "${engines[@]}"; do
  clean "$e"
  for _ in $(seq "$n"); do as_user ${engine_cmd[$e]} run -d -q "$img" sleep 600 >/dev/null; done
  case $e in
    skiff) pids=$(pgrep -u "$RIG_USER" -f -- "__monitor $work/skiff-root" || true) ;;
    podman) pids=$(pgrep -u "$RIG_USER" -x conmon || true) ;;
  esac
  [[ -n $pids ]] || { echo "no $e monitor process found" >&2; clean "$e"; continue; }
  name=$([[ $e == skiff ]] && echo "skiff monitor" || echo "podman conmon")
  pd=$(for p in $pids; do field "$p" Private_Dirty; done | median)
  pss=$(for p in $pids; do field "$p" Pss; done | median)
  rss=$(for p in $pids; do field "$p" Rss; done | median)
  echo "| $name | $n | $pd | $pss | $rss |"
  clean "$e"
done
