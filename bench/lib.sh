# shellcheck shell=bash disable=SC2086,SC2034
# (engine commands are word lists on purpose; img, big, ... are read by the sourcing script)
# bench/lib.sh: what the bench scripts share (sourced, run as root): the rig, the
# binaries, the case scripts' command line, running as the rootless test user, hyperfine, medians
# with spread, the table rows.
#
# Timing: hyperfine (and net.sh's timer) run *as* the test user, inside one runuser, so no sample
# contains runuser's cost; a sample is the command alone (hyperfine -N: no shell either).
# Spread: the interquartile range (p75 - p25, linear interpolation) of the samples.

bench_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_repo=$(dirname "$bench_here")
# shellcheck source=tests/rig/common.sh
source "$bench_repo/tests/rig/common.sh"

BENCH_TIMEOUT=${BENCH_TIMEOUT:-1200} # seconds one hyperfine call may take before it is stopped

# parse_cases HELP_LINES COUNT_OPTION "$@": the command line of the case benchmarks (run.sh,
# net.sh, scale.sh): --with-podman sets with_podman=1, COUNT_OPTION N (--runs, --rounds) sets the
# variable of that name, -h prints lines 2 to HELP_LINES of the script; the other words are
# cases, checked against the caller's all_cases (default: all of them), into cases.
parse_cases() {
  local help=$1 count_option=$2 c
  shift 2
  with_podman=0
  cases=()
  while (($#)); do
    case $1 in
      --with-podman) with_podman=1 ;;
      "$count_option") printf -v "${count_option#--}" '%s' "$2"; shift ;;
      -h | --help) sed -n "2,${help}p" "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
      -*) echo "unknown option $1" >&2; exit 2 ;;
      *) cases+=("$1") ;;
    esac
    shift
  done
  ((${#cases[@]})) || cases=("${all_cases[@]}")
  for c in "${cases[@]}"; do
    [[ " ${all_cases[*]} " == *" $c "* ]] || { echo "unknown case $c (cases: ${all_cases[*]})" >&2; exit 2; }
  done
}

# parse_options HELP_LINES SPEC... -- "$@": the command line of a script that takes options
# only. A SPEC `--NAME=VAR` takes a value into the variable VAR; `--NAME=VAR:VALUE` is a flag
# that sets VAR to VALUE. -h prints lines 2 to HELP_LINES of the script; any other word is an
# error.
parse_options() {
  local help=$1 spec
  local -A value_of=() flag_of=()
  shift
  while [[ $1 != -- ]]; do
    spec=$1
    if [[ $spec == *:* ]]; then flag_of[${spec%%=*}]=${spec#*=}; else value_of[${spec%%=*}]=${spec#*=}; fi
    shift
  done
  shift
  while (($#)); do
    if [[ -n ${value_of[$1]:-} ]]; then printf -v "${value_of[$1]}" '%s' "$2"; shift
    elif [[ -n ${flag_of[$1]:-} ]]; then printf -v "${flag_of[$1]%%:*}" '%s' "${flag_of[$1]#*:}"
    elif [[ $1 == -h || $1 == --help ]]; then sed -n "2,${help}p" "$0" | sed 's/^# \{0,1\}//'; exit 0
    else echo "unknown argument $1" >&2; exit 2
    fi
    shift
  done
}

# check_count OPTION VALUE MAX: exits unless VALUE is a whole number from 1 to MAX (9, 99, 999...).
check_count() {
  [[ $2 =~ ^[1-9][0-9]{0,$((${#3} - 1))}$ ]] || { echo "$1 takes 1 to $3" >&2; exit 2; }
}

# need_root: exits unless the script runs as root.
need_root() {
  [[ $EUID -eq 0 ]] || { echo "run as root: sudo $0" >&2; exit 2; }
}

# bench_setup WORKNAME WITH_PODMAN [EXTRA_PACKAGES...]: the rig (registry, images, user), hyperfine,
# Podman when WITH_PODMAN is 1, a fresh work directory $RIG_DIR/WORKNAME and a copy of skiff in it
# ($SKIFF, or a fresh release build). Sets work, img, big, engine_cmd, engine_rm and engines.
bench_setup() {
  local name=$1 podman=$2; shift 2
  "$bench_repo/tests/ci.sh" --setup-only >/dev/null
  rig_packages hyperfine "$@"
  rig_user
  # Earlier versions of this script wrote Podman's settings into the test user's
  # containers.conf, which skiff reads too (its cgroup_manager warning): take them away.
  local conf=$RIG_HOME/.config/containers/containers.conf
  if [[ -f $conf ]] && grep -qx 'runtime = "runc"' "$conf" && grep -qx 'cgroup_manager = "cgroupfs"' "$conf"; then
    rm -f "$conf"
  fi
  if ((podman)); then
    rig_packages podman runc fuse-overlayfs
  fi
  work=$RIG_DIR/$name
  rm -rf "$work"
  install -d -o "$RIG_USER" -g "$RIG_USER" -m 755 "$work" "$work/json"
  if [[ -n ${SKIFF:-} ]]; then
    install -m 755 "$SKIFF" "$work/skiff"
  else
    local d
    for d in "$HOME/.cargo/bin" /root/.cargo/bin; do [[ -x $d/cargo ]] && PATH=$d:$PATH; done
    (cd "$bench_repo" && cargo build --release --quiet)
    install -m 755 "$bench_repo/target/release/skiff" "$work/skiff"
  fi
  # A freshly written binary's page-cache pages stay dirty until written back, and smaps counts
  # dirty file pages mapped by one process as its Private_Dirty: write them out before measuring.
  sync "$work/skiff"
  local port=${RIG_REGISTRY##*:}
  img=localhost:$port/library/busybox:latest
  big=localhost:$port/library/big:latest
  declare -gA engine_cmd=(
    [skiff]="$work/skiff --root $work/skiff-root --runroot $work/skiff-run"
    # Hybrid cgroups here: crun refuses them, runc with cgroupfs works; events to a file (no
    # journald). Global flags rather than the user's containers.conf, which skiff reads too.
    [podman]="podman --runtime runc --cgroup-manager cgroupfs --events-backend file"
  )
  # Removal of running containers: skiff's rm -f kills at once; podman's waits 10 s for a
  # SIGTERM that a PID 1 without a handler (sleep, httpd) ignores.
  declare -gA engine_rm=([skiff]="rm -f" [podman]="rm -f -t 0")
  engines=(skiff)
  if ((podman)); then engines+=(podman); fi
}

as_user() {
  runuser -u "$RIG_USER" -- env -i HOME="$RIG_HOME" USER="$RIG_USER" LOGNAME="$RIG_USER" \
    PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin XDG_RUNTIME_DIR="$RIG_XDG" SKIFF_CI_RUN=bench "$@"
}

# has ENGINE SUBCOMMAND...: whether the engine has all these subcommands.
has() {
  local e=$1 s; shift
  for s in "$@"; do as_user ${engine_cmd[$e]} "$s" --help >/dev/null 2>&1 || return 1; done
}

clean() { # removes every container of ENGINE
  local e=$1 ids
  ids=$(as_user ${engine_cmd[$e]} ps -a -q 2>/dev/null || true)
  # shellcheck disable=SC2086
  [[ -z $ids ]] || as_user ${engine_cmd[$e]} ${engine_rm[$e]} $ids >/dev/null 2>&1 || true
}

# stats [DECIMALS]: numbers on stdin, one a line -> "MEDIAN IQR" (rounded), or "error -" if none.
stats() {
  sort -g | awk -v d="${1:-1}" '
    function q(p,   h, i) { h = (NR - 1) * p + 1; i = int(h); return v[i] + (h - i) * (v[i + 1] - v[i]) }
    NF { v[NR] = $1 }
    END {
      if (NR == 0) { print "error -"; exit }
      f = "%." d "f %." d "f\n"; printf f, q(0.5), q(0.75) - q(0.25)
    }'
}

# hf ENGINE CASE RUNS [hyperfine args...] COMMAND: times COMMAND as the test user; prints
# "MEDIAN IQR" in ms. The samples stay in $work/json/ENGINE-CASE.json.
hf() {
  local e=$1 c=$2 n=$3; shift 3
  local json=$work/json/$e-$c.json
  as_user timeout "$BENCH_TIMEOUT" hyperfine -N --style none --warmup 1 --runs "$n" --export-json "$json" "$@" \
    >/dev/null 2>"$work/$e-$c.err" || { echo "failed: see $work/$e-$c.err" >&2; return 1; }
  jq -r '.results[0].times[] * 1000' "$json" | stats 1
}

# ratio A B: A / B with two decimals, or "-" when either is not a number.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'
}

table_head() {
  echo "| case | skiff median ms | skiff IQR | podman median ms | podman IQR | ratio skiff/podman |"
  echo "|---|---:|---:|---:|---:|---:|"
}

# cells RESULT: a "MEDIAN IQR" result as two table cells; anything else (n/a, error, not run) as
# itself and "-".
cells() {
  if [[ $1 =~ ^([0-9.]+)\ ([0-9.]+)$ ]]; then
    echo "${BASH_REMATCH[1]} | ${BASH_REMATCH[2]}"
  else
    echo "$1 | -"
  fi
}

# table_row CASE SKIFF PODMAN: SKIFF and PODMAN are results as hf prints them.
table_row() {
  echo "| $1 | $(cells "$2") | $(cells "$3") | $(ratio "${2%% *}" "${3%% *}") |"
}
