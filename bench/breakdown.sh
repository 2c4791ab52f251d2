#!/usr/bin/env bash
# bench/breakdown.sh [--runs N] [--no-net]: where the time of a rootless `skiff run --rm IMG true`
# goes. Runs it N times (default 10) as the test user under `strace -f -ttt` (a few
# syscalls: execve, execveat, clone, mount, pivot_root, unshare, exit_group) and derives the phases
# from the timestamps: the CLI, newuidmap + newgidmap, the monitor's fork and re-execution, the
# container's namespaces, mounts, pivot_root, the command, the exits and the --rm teardown.
# Prints a markdown table of medians and IQR (ms) per phase, for `--network none` and (unless
# --no-net) the default network, with the untraced median (hyperfine) beside the traced total.
# Run as root. Environment: SKIFF=/path/to/skiff to time a given binary, not a fresh release build.
# shellcheck disable=SC2086 # $E is an engine command line, split on purpose
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

runs=10
modes=(none default)
while (($#)); do
  case $1 in
    --runs) runs=$2; shift ;;
    --no-net) modes=(none) ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
check_count --runs "$runs" 999
need_root

bench_setup bench-breakdown 0 strace
log() { printf '[bench] %s\n' "$*" >&2; }
trap 'clean skiff' EXIT
E=${engine_cmd[skiff]}

# The phases, in order: KEY|LABEL. Each is the time between two events of the trace (see
# breakdown.py); their sum is the total, from skiff's execve to its exit.
phases=(
  "cli|CLI: start, catalog, image, container record (skiff execve -> newuidmap execve)"
  "idmap|newuidmap + newgidmap (first execve -> both exited)"
  "monitor|monitor forked, read-only view of the binary (both exited -> the monitor's execveat)"
  "setup|monitor: loads, takes the record, logs, namespace child (-> its unshare of the namespaces)"
  "ns|unshare, init forked (-> the init's first mount)"
  "mounts|rootfs, /dev, /proc, /sys, /etc files (-> pivot_root)"
  "pivot|pivot_root, masks, user, privileges (-> execve of true)"
  "cmd|true runs (execve -> exit_group)"
  "exit|init's exit: kernel teardown of its namespaces (exit_group -> reaped)"
  "rm|--rm teardown by the monitor, until the CLI has its answer (init reaped -> skiff's exit_group)"
  "ret|skiff's exit (exit_group -> reaped)"
  "total|total traced (skiff execve -> skiff exited)"
)

# The parser: one strace -f -ttt output -> "KEY MS" lines (phases that it finds), and "net MS"
# for the network helper's execve after skiff's, when there is one.
cat >"$work/breakdown.py" <<'PY'
import re, sys

trace, skiff = sys.argv[1], sys.argv[2]
LINE = re.compile(r"^(\d+) +(\d+\.\d+) (.*)$")
CALL = re.compile(r"^(\w+)\((.*)$")
RESUMED = re.compile(r"^<\.\.\. (\w+) resumed>(.*)$")
RESULT = re.compile(r"\) += (-?\d+|\?)")

calls = []          # (start time, pid, name, text, result)
exited = {}         # pid -> time of "+++ exited/killed"
pending = {}        # pid -> (start, name, text)
for raw in open(trace):
    m = LINE.match(raw.rstrip("\n"))
    if not m:
        continue
    pid, t, rest = int(m[1]), float(m[2]) * 1000, m[3]
    if rest.startswith("+++"):
        exited[pid] = t
        continue
    if rest.startswith("---"):
        continue
    r = RESUMED.match(rest)
    if r:
        start, name, text = pending.pop(pid, (t, r[1], ""))
        res = RESULT.search(r[2])
        calls.append((start, pid, name, text + r[2], res[1] if res else "?"))
        continue
    c = CALL.match(rest)
    if not c:
        continue
    if rest.endswith("<unfinished ...>"):
        pending[pid] = (t, c[1], c[2])
        continue
    res = RESULT.search(rest)
    calls.append((t, pid, c[1], c[2], res[1] if res else "?"))
calls.sort()

def first(pred, after=0.0):
    return next((c for c in calls if c[0] >= after and pred(c)), None)

ev = {}
c = first(lambda c: c[2] == "execve" and c[3].startswith('"%s"' % skiff) and c[4] == "0")
if not c:
    sys.exit("no execve of %s in %s" % (skiff, trace))
ev["exec"], cli = c[0], c[1]
maps = [c for c in calls if c[2] == "execve" and re.match(r'"[^"]*/new[ug]idmap"', c[3])]
if maps:
    ev["idmap0"] = maps[0][0]
    ok = {c[1] for c in maps if c[4] == "0"}
    if ok and all(p in exited for p in ok):
        ev["idmap1"] = max(exited[p] for p in ok)
mon = first(lambda c: c[1] != cli and c[2] == "execveat", ev["exec"])
if mon:
    ev["monitor"] = mon[0]
ns = first(lambda c: c[2] == "unshare" and "CLONE_NEWPID" in c[3], ev["exec"])
if ns:
    ev["ns"] = ns[0]
piv = first(lambda c: c[2] == "pivot_root", ev["exec"])
if piv:
    init = piv[1]
    ev["pivot"] = piv[0]
    m = first(lambda c: c[1] == init and c[2] == "mount", ev["exec"])
    ev["mount"] = m and m[0]
    x = first(lambda c: c[1] == init and c[2] == "execve", piv[0])
    ev["cmd"] = x and x[0]
    if x:
        g = first(lambda c: c[1] == init and c[2] == "exit_group", x[0])
        ev["cmd_exit"] = g and g[0]
    ev["reaped"] = exited.get(init)
# The CLI ends when the monitor has answered (the monitor's own exit is not waited for).
g = [c for c in calls if c[1] == cli and c[2] == "exit_group"]
ev["cli_exit"] = g[-1][0] if g else None
ev["end"] = exited.get(cli)
net = first(lambda c: c[2] == "execve" and re.match(r'"[^"]*/(slirp4netns|pasta)"', c[3]), ev["exec"])

# KEY: (from, to). The monitor's phase runs from the id maps (or skiff's start, as root).
# The monitor's re-execution (execveat of the read-only view) ends that phase; it takes the
# container's record from the CLI, so it opens the catalog only at the exit.
spans = {
    "cli": ("exec", "idmap0"), "idmap": ("idmap0", "idmap1"),
    "monitor": ("idmap1" if "idmap1" in ev else "exec", "monitor"), "setup": ("monitor", "ns"),
    "ns": ("ns", "mount"),
    "mounts": ("mount", "pivot"), "pivot": ("pivot", "cmd"), "cmd": ("cmd", "cmd_exit"),
    "exit": ("cmd_exit", "reaped"), "rm": ("reaped", "cli_exit"), "ret": ("cli_exit", "end"),
    "total": ("exec", "end"),
}
for key, (a, b) in spans.items():
    if ev.get(a) is not None and ev.get(b) is not None:
        print("%s %.3f" % (key, ev[b] - ev[a]))
if net:
    print("net %.3f" % (net[0] - ev["exec"]))
PY

# as_user is lib.sh's, run by the traced bash: strace runs as root (newuidmap and newgidmap keep
# their setuid bit only under a privileged tracer), the traced command as the test user.
export -f as_user
export RIG_USER RIG_HOME RIG_XDG

# trace_mode MODE: the traced runs of one network mode; their phases in $work/json/MODE-N.txt.
trace_mode() {
  local mode=$1 i net=()
  [[ $mode == default ]] || net=(--network "$mode")
  for i in $(seq "$runs"); do
    timeout 120 strace -f -ttt -o "$work/trace-$mode-$i.txt" \
      -e trace=execve,execveat,clone,clone3,fork,vfork,exit_group,mount,pivot_root,unshare \
      bash -c 'as_user "$@"' _ $E run --rm "${net[@]}" "$img" true >/dev/null 2>>"$work/$mode.err" ||
      { echo "traced run $i ($mode) failed: see $work/$mode.err" >&2; return 1; }
    python3 "$work/breakdown.py" "$work/trace-$mode-$i.txt" "$work/skiff" >"$work/json/$mode-$i.txt"
  done
}

# cell MODE KEY: "MEDIAN (IQR)" of KEY over MODE's traced runs, or "-".
cell() {
  local r
  r=$(cat "$work/json/$1"-*.txt | awk -v k="$2" '$1 == k { print $2 }' | stats 1)
  if [[ $r =~ ^([0-9.-]+)\ ([0-9.]+)$ ]]; then echo "${BASH_REMATCH[1]} (${BASH_REMATCH[2]})"; else echo "-"; fi
}

declare -A untraced
log "reference: unshare -Urm true"
floor=$(hf host floor "$runs" "unshare -Urm true" || echo "error -")
as_user $E pull -q "$img" >/dev/null
clean skiff
for mode in "${modes[@]}"; do
  net=()
  [[ $mode == default ]] || net=(--network "$mode")
  log "$mode: untraced (hyperfine, $runs runs)"
  untraced[$mode]=$(hf skiff "run-$mode" "$runs" "$E run --rm ${net[*]} $img true" || echo error)
  log "$mode: $runs traced runs"
  trace_mode "$mode"
done

head="| phase (median ms, IQR in brackets) |"
rule="|---|"
for mode in "${modes[@]}"; do
  [[ $mode == default ]] && head+=" default network |" || head+=" --network $mode |"
  rule+="---:|"
done
echo "$head"
echo "$rule"
for p in "${phases[@]}"; do
  row="| ${p#*|} |"
  for mode in "${modes[@]}"; do row+=" $(cell "$mode" "${p%%|*}") |"; done
  echo "$row"
done
row="| untraced total (hyperfine, $runs runs) |"
for mode in "${modes[@]}"; do
  r=${untraced[$mode]}
  [[ $r =~ ^([0-9.]+)\ ([0-9.]+)$ ]] && r="${BASH_REMATCH[1]} (${BASH_REMATCH[2]})"
  row+=" $r |"
done
echo "$row"
# The floor, as a gauge of the machine's load: in the first column only.
row="| reference: \`unshare -Urm true\` as the user, untraced (no skiff) | ${floor%% *} (${floor##* }) |"
for mode in "${modes[@]:1}"; do row+=" - |"; done
echo "$row"
if [[ " ${modes[*]} " == *" default "* ]]; then
  echo "| network helper's execve, after skiff's (not a phase) | - | $(cell default net) |"
fi
echo
echo "Traced under strace (ptrace stops at every syscall of the traced processes): the traced"
echo "phases are longer than untraced ones, so read them as shares of the traced total, not as"
echo "absolute times; the untraced total is the real cost."
