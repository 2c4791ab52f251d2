#!/usr/bin/env bash
# bench/run.sh [--with-podman] [--runs N] [CASE...]: times skiff (and Podman) on this machine, as
# the rootless test user against the rig's registry, and prints a markdown table of medians.
# Run as root. Cases (default: all): pull-big push-big images run-true create start ps-200 ps-1000
# exec build-warm build-cold build-cache-from run-true-busy start-busy (the -busy cases: the
# same with one container of the same user running, whose user namespace later commands join)
# Environment: SKIFF=/path/to/skiff to time a given binary instead of a fresh release build.
# Network cases (run-net, helpers, port-ready, throughput): bench/net.sh.
# shellcheck disable=SC2086 # $E is an engine command line, split on purpose
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

runs=10
all_cases=(pull-big push-big images run-true create start ps-200 ps-1000 exec build-warm build-cold build-cache-from run-true-busy start-busy)
parse_cases 8 --runs "$@"
need_root

bench_setup bench "$with_podman"

# build_context DIR: a context with a 10-step Containerfile (FROM and ten instructions: three
# RUN, two COPY, the rest config) and its files, owned by the test user.
build_context() {
  local d=$1
  rm -rf "$d"
  mkdir -p "$d/dir/sub"
  echo a >"$d/a.txt"
  for i in $(seq 20); do echo "file $i" >"$d/dir/sub/f$i"; done
  printf '%s\n' "FROM $img" "ENV APP=/app" "WORKDIR /app" "COPY a.txt ./" "COPY dir/ ./dir/" \
    "RUN echo one > /one" "RUN mkdir -p /data && echo two > /data/two" "ARG V=1" \
    'RUN echo "v=$V" > /v' "LABEL bench=1" 'CMD ["sh"]' >"$d/Containerfile"
  chown -R "$RIG_USER:$RIG_USER" "$d"
}

push_port=5058
# push_registry_start DIR: a docker-registry of the test user's on localhost:$push_port with
# its data in DIR/data, for push-big.
push_registry_start() {
  local d=$1
  rm -rf "$d"
  install -d -o "$RIG_USER" -g "$RIG_USER" "$d" "$d/data"
  printf '%s\n' "version: 0.1" "log:" "  level: error" "  accesslog:" "    disabled: true" \
    "storage:" "  filesystem:" "    rootdirectory: $d/data" "http:" "  addr: 127.0.0.1:$push_port" >"$d/config.yml"
  as_user setsid docker-registry serve "$d/config.yml" >"$d/log" 2>&1 </dev/null &
  echo $! >"$d/pid"
  local i
  for i in $(seq 100); do
    curl -fsS "http://127.0.0.1:$push_port/v2/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the push registry did not start: $(cat "$d/log")" >&2
  return 1
}

push_registry_stop() {
  pkill -f "docker-registry serve $work/push-registry/config.yml" 2>/dev/null || true
}

# bench_case ENGINE CASE: sets up the case and prints its median and IQR (ms) or "n/a".
bench_case() {
  local e=$1 c=$2 E=${engine_cmd[$1]} i
  local need=(pull)
  case $c in
    pull-big) need+=(rmi) ;; push-big) need+=(push) ;; images) need+=(tag images) ;; run-true*) need+=(run) ;;
    create) need+=(create rm) ;; start*) need+=(create start rm) ;; ps-*) need+=(create ps) ;; exec) need+=(run exec rm) ;;
    build-*) need+=(build) ;;
  esac
  has "$e" "${need[@]}" || { echo "n/a"; return 0; }
  clean "$e"
  if [[ $c == *-busy ]]; then
    as_user $E pull -q "$img" >/dev/null
    as_user $E run -d --name benchbusy "$img" sleep 100000 >/dev/null
  fi
  case ${c%-busy} in
    pull-big)
      hf "$e" "$c" 5 --prepare "sh -c '$E rmi -f $big >/dev/null 2>&1; true'" "$E pull -q $big" ;;
    push-big)
      # To an empty repository of a registry of its own (emptied before each run), so that
      # neither engine finds or mounts a blob: every byte of the ~300 MiB image is uploaded.
      as_user $E pull -q "$big" >/dev/null
      push_registry_start "$work/push-registry"
      hf "$e" "$c" 5 --prepare "rm -rf $work/push-registry/data/docker" \
        "$E push -q --tls-verify=false $big localhost:$push_port/bench/big:1"
      push_registry_stop ;;
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
    start)
      # start of a created container, until the command returns (the container running or,
      # for this one, already done): the container is made afresh, untimed, before each run.
      as_user $E pull -q "$img" >/dev/null
      hf "$e" "$c" "$runs" --prepare "sh -c '$E rm -f benchs >/dev/null 2>&1; $E create --name benchs --network none $img true >/dev/null'" \
        "$E start benchs" ;;
    ps-*)
      as_user $E pull -q "$img" >/dev/null
      for i in $(seq "${c#ps-}"); do as_user $E create --name "bench$i" "$img" true >/dev/null; done
      hf "$e" "$c" "$runs" "$E ps -a" ;;
    exec)
      as_user $E pull -q "$img" >/dev/null
      as_user $E run -d --name benchexec "$img" sleep 100000 >/dev/null
      hf "$e" "$c" "$runs" "$E exec benchexec true" ;;
    build-warm | build-cold)
      as_user $E pull -q "$img" >/dev/null
      build_context "$work/buildctx"
      as_user $E build -q -t bench/build:1 "$work/buildctx" >/dev/null
      if [[ $c == build-warm ]]; then
        hf "$e" "$c" "$runs" "$E build -q -t bench/build:1 $work/buildctx"
      else
        hf "$e" "$c" 5 "$E build -q --no-cache -t bench/build:1 $work/buildctx"
      fi
      as_user $E rmi -f bench/build:1 >/dev/null 2>&1 || true ;;
    build-cache-from)
      # A rebuild on an empty store (system reset before each run) whose steps come from a
      # registry cache the first build pushed (--cache-to), each engine to its own repository.
      build_context "$work/buildctx"
      push_registry_start "$work/push-registry"
      local cache=localhost:$push_port/bench/cache-$e
      as_user $E build -q --tls-verify=false --cache-to "$cache" -t bench/build:1 "$work/buildctx" >/dev/null
      hf "$e" "$c" 5 --prepare "$E system reset -f" \
        "$E build -q --tls-verify=false --cache-from $cache -t bench/build:1 $work/buildctx"
      push_registry_stop
      as_user $E system reset -f >/dev/null 2>&1 || true ;;
  esac
  clean "$e"
}

table_head
for c in "${cases[@]}"; do
  s=$(bench_case skiff "$c" || echo "error")
  p="not run"
  if ((with_podman)); then p=$(bench_case podman "$c" || echo "error"); fi
  table_row "$c" "$s" "$p"
done
