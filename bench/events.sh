#!/usr/bin/env bash
# bench/events.sh [--runs N] [--events N]: times a bounded `events --since T0` over N (default
# 10000) stored events, skiff beside Podman, as the rootless test user, and prints run.sh's
# table (median ms, IQR, ratio skiff/podman). Run as root.
# Environment: SKIFF=/path/to/skiff to time a given binary instead of a fresh release build.
#
# Filling: skiff's events are real (N/2 `volume create` + `volume rm` in one shell as the user,
# in a fresh --root). Podman's come from its own file logger (events_logger = "file", set by
# bench_setup): 100 real events (50 volume create + rm), whose JSON lines are then repeated
# in its events.log up to N, since N real podman commands take half an hour here (~0.37 s a
# create + rm pair); podman reads and filters every line either way. Podman's events.log is
# cut back to its old size afterwards.
# shellcheck disable=SC2086 # $E is an engine command line, split on purpose
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

runs=10
events=10000
parse_options 11 --runs=runs --events=events -- "$@"
need_root

bench_setup bench-events 1

# The query: every event since T0 (before the filling, RFC 3339), returning once they are read:
# skiff `--until 0s`, Podman `--stream=false`. Podman 4.3's --until does not bound a query of
# the past here: an absolute time prints nothing, and a duration is taken as that long from
# now (`--until 30s` waits 30 s).
t0=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
S=${engine_cmd[skiff]}
as_user sh -c "for i in \$(seq $((events / 2))); do $S volume create ev\$i >/dev/null && $S volume rm ev\$i >/dev/null; done"

P=${engine_cmd[podman]}
log=$RIG_XDG/libpod/tmp/events/events.log
as_user $P volume create benchev-probe >/dev/null && as_user $P volume rm benchev-probe >/dev/null
[[ -f $log ]] || { echo "podman wrote no $log: does engine_cmd[podman] pass --events-backend file?" >&2; exit 1; }
old_size=$(stat -c %s "$log")
trap 'truncate -s "$old_size" "$log"' EXIT
as_user sh -c "for i in \$(seq 50); do $P volume create benchev\$i >/dev/null && $P volume rm benchev\$i >/dev/null; done"
real=$(tail -c +$((old_size + 1)) "$log")
n_real=$(printf '%s\n' "$real" | grep -c .)
have=$n_real
while ((have < events)); do
  add=$((events - have < n_real ? events - have : n_real))
  printf '%s\n' "$real" | head -n "$add" >>"$log"
  have=$((have + add))
done

# count ENGINE: how many events the timed command prints (a check that both read them all).
declare -A query=([skiff]="events --since $t0 --until 0s" [podman]="events --since $t0 --stream=false")
count() { as_user ${engine_cmd[$1]} ${query[$1]} | grep -c .; }
echo "events in the window: skiff $(count skiff), podman $(count podman) (of $events)"
echo
table_head
s=$(hf skiff events-since "$runs" "$S ${query[skiff]}" || echo error)
p=$(hf podman events-since "$runs" "$P ${query[podman]}" || echo error)
table_row "events --since ($events events)" "$s" "$p"
