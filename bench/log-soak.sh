#!/usr/bin/env bash
# bench/log-soak.sh [--duration S] [--interval S] [--rate KIB]: the monitor's memory while its
# container logs steadily (issue 22: "no growth over a day of logging"). Starts one `run -d`
# busybox container as the rootless test user that writes RATE KiB (default 1024) of 1 KiB
# lines each second to stdout for S seconds (default 600), samples its monitor's Rss and
# Private_Dirty (kB, /proc/PID/smaps_rollup) every INTERVAL seconds (default 10), and prints the
# samples, then first/last/max of each and whether it grew (last above first by more than 64 kB).
# Run as root. SKIFF=/path/to/skiff to measure a given binary instead of a fresh release build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
duration=600
interval=10
rate=1024
parse_options 8 --duration=duration --interval=interval --rate=rate -- "$@"
need_root
bench_setup bench-soak 0
E=${engine_cmd[skiff]}
clean skiff
as_user $E pull -q "$img" >/dev/null
# RATE lines of 1,023 characters and a newline, then a pause to the next second: ~RATE KiB/s.
writer='line=$(printf "%01023d" 0); while :; do yes "$line" | head -n '"$rate"'; sleep 1; done'
id=$(as_user $E run -d --name soak "$img" sh -c "$writer")
monitor=$(pgrep -u "$RIG_USER" -f -- "__monitor $work/skiff-root" | head -n 1 || true)
[[ -n $monitor ]] || { echo "no monitor process found for $id" >&2; clean skiff; exit 1; }
log=$(as_user $E inspect --format '{{.LogPath}}' soak)
field() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/smaps_rollup"; }
samples=$work/json/soak.tsv
: >"$samples"
echo "| s | Rss kB | Private_Dirty kB | log MiB |"
echo "|---:|---:|---:|---:|"
t0=$SECONDS
while :; do
  t=$((SECONDS - t0))
  [[ -r /proc/$monitor/smaps_rollup ]] || { echo "the monitor ($monitor) has gone" >&2; break; }
  rss=$(field "$monitor" Rss) pd=$(field "$monitor" Private_Dirty)
  size=$(stat -c %s "$log" 2>/dev/null || echo 0)
  printf '%s\t%s\t%s\t%s\n' "$t" "$rss" "$pd" "$size" >>"$samples"
  echo "| $t | $rss | $pd | $(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') |"
  ((t < duration)) || break
  sleep "$interval"
done
clean skiff
echo
echo "| measure | first kB | last kB | max kB | grew |"
echo "|---|---:|---:|---:|---|"
for col in 2:Rss 3:Private_Dirty; do
  awk -F'\t' -v c="${col%%:*}" -v name="${col#*:}" '
    NR == 1 { first = $c; max = $c }
    { last = $c; if ($c > max) max = $c }
    END { printf "| %s | %d | %d | %d | %s |\n", name, first, last, max, (last - first > 64 ? "yes (+" last - first " kB)" : "no") }' "$samples"
done
awk -F'\t' 'NR == 1 { t0 = $1; b0 = $4 } { t = $1; b = $4 }
  END { if (t > t0) printf "\nlogged %.1f MiB in %d s: %.2f MiB/s\n", (b - b0) / 1048576, t - t0, (b - b0) / 1048576 / (t - t0) }' "$samples"
