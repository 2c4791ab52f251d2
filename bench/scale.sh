#!/usr/bin/env bash
# bench/scale.sh [--with-podman] [--rounds N] [CASE...]: concurrency and scale, as the rootless
# test user (issue 22's targets). Run as root. Cases (default: all):
#   par16    16 `run --rm --network none IMG true` started at once, N rounds (default 5): the
#            median time of one run among them, beside a lone run's median (hyperfine, 10 runs);
#            the ratio par/lone is the target (<= 2).
#   par16-busy  par16 with one other container of the user running (untimed), whose user
#            namespace skiff's runs join instead of mapping one each.
#   storm200 200 `run -d IMG sleep` and 20 `ps -a` started at once, then 200 `rm -f` and 20
#            `ps -a` at once: commands that failed (target 0), each phase's wall time, and what is
#            left afterwards (containers in `ps -a`, processes of the user beyond those before,
#            and how many seconds until those are gone).
#   ps-10k   10,000 containers created (not started): `ps -a` (target <= 50 ms) and `create`
#            (its rm is untimed) with 10 and with 10,000 in the catalog (target: no slower). Podman only with
#            SCALE_PODMAN_10K=1: its 10,000 creates take about 25 minutes here.
#   ps-10k-ab  A/B of two skiff binaries, SKIFF (A) and SKIFF_B=/path (B), on one store of 10,000
#            created containers (made by A): `ps -a` (10 runs) then create+rm (10 runs), A then B,
#            with the CPU time (user + system) beside each median,
#            N rounds (default 5), one table row per binary and round (bench/ab.sh --scale;
#            SKIFF_LABEL_A/B name the binaries in the table).
# SKIFF=/path/to/skiff to time a given binary instead of a fresh release build.
# shellcheck disable=SC2086 # $E is an engine command line, split on purpose
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

rounds=5
all_cases=(par16 par16-busy storm200 ps-10k ps-10k-ab)
parse_cases 15 --rounds "$@"
need_root

bench_setup bench-scale "$with_podman"
install -m 755 "$bench_here/conc.py" "$work/conc.py"

# conc NAME: runs the commands of $work/NAME.json (a JSON list of argument lists) all at once as
# the test user; the result is in $work/json/NAME.out.
conc() {
  chown "$RIG_USER" "$work/$1.json"
  as_user timeout "$BENCH_TIMEOUT" /usr/bin/python3 "$work/conc.py" "$work/$1.json" >"$work/json/$1.out"
}

# spec N ARGS...: a JSON list of N copies of the command ENGINE-ARGS, where {i} in an argument
# becomes the copy's number; ENGINE's words come first.
spec() {
  local e=$1; shift
  python3 -c 'import json, sys
engine, n, args = sys.argv[1].split(), int(sys.argv[2]), sys.argv[3:]
print(json.dumps([engine + [a.replace("{i}", str(i)) for a in args] for i in range(1, n + 1)]))' \
    "${engine_cmd[$e]}" "$@"
}

# failures NAME: the number of commands of NAME's run that exited non-zero; their first error
# goes to stderr.
failures() {
  jq -r '[.runs[] | select(.rc != 0)] | length' "$work/json/$1.out" 2>/dev/null || echo "error"
  jq -r 'first(.runs[] | select(.rc != 0) | "\(.cmd): rc \(.rc): \(.err)")' "$work/json/$1.out" >&2 || true
}

case_par16() {
  local e=$1 E=${engine_cmd[$1]} r lone par
  as_user $E pull -q "$img" >/dev/null
  lone=$(hf "$e" par16-lone 10 "$E run --rm --network none $img true")
  spec "$e" 16 run --rm --network none "$img" true >"$work/par16-$e.json"
  : >"$work/json/par16-$e.all"
  for r in $(seq "$rounds"); do
    conc "par16-$e" || return 1
    jq -r '.runs[].ms' "$work/json/par16-$e.out" >>"$work/json/par16-$e.all"
    echo "round $r: failed $(failures "par16-$e")" >&2
  done
  par=$(stats 1 <"$work/json/par16-$e.all")
  echo "| $e | ${lone% *} | ${lone#* } | ${par% *} | ${par#* } | $(ratio "${par% *}" "${lone% *}") |"
}

case_par16busy() {
  local e=$1 E=${engine_cmd[$1]}
  as_user $E pull -q "$img" >/dev/null
  as_user $E run -d --name benchbusy "$img" sleep 100000 >/dev/null
  case_par16 "$e"
}

case_storm200() {
  local e=$1 E=${engine_cmd[$1]} up down left procs before gone
  as_user $E pull -q "$img" >/dev/null
  before=$(pgrep -u "$RIG_USER" | wc -l || true)
  { spec "$e" 200 run -d --name "storm{i}" "$img" sleep 600; spec "$e" 20 ps -a; } | jq -cs 'add' >"$work/storm-up-$e.json"
  { spec "$e" 200 ${engine_rm[$e]} "storm{i}"; spec "$e" 20 ps -a; } | jq -cs 'add' >"$work/storm-down-$e.json"
  conc "storm-up-$e" || return 1
  up=$(failures "storm-up-$e")
  conc "storm-down-$e" || return 1
  down=$(failures "storm-down-$e")
  left=$(as_user $E ps -a -q | wc -l)
  # The user's processes beyond those before: right after the last rm -f returned, and how
  # long until none is left (up to 30 s; their names go to storm-left-ENGINE.txt).
  ps -u "$RIG_USER" -o comm= | sort | uniq -c >"$work/json/storm-left-$e.txt"
  procs=$(($(pgrep -u "$RIG_USER" | wc -l || true) - before))
  local t0=$SECONDS
  while (($(pgrep -u "$RIG_USER" | wc -l || true) > before && SECONDS - t0 < 30)); do sleep 0.2; done
  gone=$((SECONDS - t0))
  echo "| $e | $up | $(jq -r '.wall_ms | floor' "$work/json/storm-up-$e.out") | $down | $(jq -r '.wall_ms | floor' "$work/json/storm-down-$e.out") | $left | $procs | $gone |"
}

case_ps10k() {
  local e=$1 E=${engine_cmd[$1]} i c10 ps c10k
  if [[ $e == podman && ${SCALE_PODMAN_10K:-0} != 1 ]]; then
    echo "| $e | not run (SCALE_PODMAN_10K=1) | - | - | - | - | - | - |"
    return 0
  fi
  as_user $E pull -q "$img" >/dev/null
  for i in $(seq 10); do as_user $E create --name "scale$i" "$img" true >/dev/null; done
  c10=$(hf "$e" create-10 10 --prepare "sh -c '$E rm -f benchc >/dev/null 2>&1; true'" "$E create --name benchc $img true")
  as_user $E rm -f benchc >/dev/null 2>&1 || true
  # The rest in batches of 8 parallel creates, to fill the catalog in reasonable time.
  seq 11 10000 | as_user xargs -P 8 -I{} $E create --name "scale{}" "$img" true >/dev/null
  ps=$(hf "$e" ps-10k 10 "$E ps -a")
  c10k=$(hf "$e" create-10k 10 --prepare "sh -c '$E rm -f benchc >/dev/null 2>&1; true'" "$E create --name benchc $img true")
  echo "| $e | $(as_user $E ps -a -q | wc -l) | ${ps% *} | ${ps#* } | ${c10% *} | ${c10#* } | ${c10k% *} | ${c10k#* } |"
}

# cpu_ms ENGINE CASE: the mean CPU time (user + system, ms) of a case's hyperfine samples, which
# the load of a shared machine inflates much less than the wall time.
cpu_ms() {
  jq -r '.results[0] | (.user + .system) * 1000 | . * 10 | round / 10' "$work/json/$1-$2.json"
}

# fill10k ENGINE: the catalog filled to 10,000 created containers (8 creates at a time).
fill10k() {
  local E=${engine_cmd[$1]}
  as_user $E pull -q "$img" >/dev/null
  seq 1 10000 | as_user xargs -P 8 -I{} $E create --name "scale{}" "$img" true >/dev/null
}

case_ps10kab() {
  local e=$1 r side bin ps c10k label
  [[ $e == skiff && -n ${SKIFF:-} && -n ${SKIFF_B:-} ]] || { echo "| $e | needs SKIFF and SKIFF_B |"; return 0; }
  install -m 755 "$SKIFF_B" "$work/skiff-b"
  sync "$work/skiff-b"
  fill10k "$e"
  for r in $(seq "$rounds"); do
    for side in A B; do
      bin=$work/skiff
      [[ $side == B ]] && bin=$work/skiff-b
      local E="$bin --root $work/skiff-root --runroot $work/skiff-run"
      ps=$(hf "$e" "ps-10k-$side$r" 10 "$E ps -a")
      c10k=$(hf "$e" "create-10k-$side$r" 10 --prepare "sh -c '$E rm -f benchc >/dev/null 2>&1; true'" "$E create --name benchc $img true")
      as_user $E rm -f benchc >/dev/null 2>&1 || true
      label=${SKIFF_LABEL_A:-A}
      [[ $side == B ]] && label=${SKIFF_LABEL_B:-B}
      echo "| $side $label | $r | ${ps% *} | ${ps#* } | $(cpu_ms "$e" "ps-10k-$side$r") | ${c10k% *} | ${c10k#* } | $(cpu_ms "$e" "create-10k-$side$r") |"
    done
  done
}

for c in "${cases[@]}"; do
  echo
  case $c in
    par16 | par16-busy)
      echo "$c: one \`run --rm --network none\` alone, and among 16 started at once ($rounds rounds)$([[ $c == par16 ]] || echo ', another container running')"
      echo "| engine | lone median ms | lone IQR | in 16 median ms | in 16 IQR | ratio 16/lone |"
      echo "|---|---:|---:|---:|---:|---:|" ;;
    storm200)
      echo "storm200: 200 run -d + 20 ps -a at once, then 200 rm -f + 20 ps -a at once"
      echo "| engine | failed (up) | wall ms (up) | failed (down) | wall ms (down) | containers left | processes left | all gone after s |"
      echo "|---|---:|---:|---:|---:|---:|---:|---:|" ;;
    ps-10k)
      echo "ps-10k: ps -a with 10,000 containers; create with 10 and with 10,000"
      echo "| engine | containers | ps -a median ms | IQR | create (10) median ms | IQR | create (10k) median ms | IQR |"
      echo "|---|---:|---:|---:|---:|---:|---:|---:|" ;;
    ps-10k-ab)
      echo "ps-10k-ab: ps -a and create+rm with 10,000 containers, binaries A and B in turn ($rounds rounds)"
      echo "| binary | round | ps -a median ms | IQR | ps -a CPU ms | create (10k) median ms | IQR | create CPU ms |"
      echo "|---|---:|---:|---:|---:|---:|---:|---:|" ;;
  esac
  for e in "${engines[@]}"; do
    clean "$e"
    "case_${c//-/}" "$e" || echo "| $e | error: see $work |"
    clean "$e"
  done
done
