#!/usr/bin/env bash
# bench/api.sh [--runs N] [--containers N] [--no-podman]: the Docker socket. Starts
# `skiff system service` and `podman system service` as the rootless test user, each on a socket
# of its own, and times the docker CLI against each, side by side: `docker run --rm IMG true`,
# the same run writing 64 MiB (the attach relay), and `docker ps -a` with N (default 200)
# stored containers. Also times `docker version` against each (the CLI's own start and one
# round trip), for reference. Prints a markdown table of medians (ms), IQR and skiff/podman.
# Run as root; needs the `docker` CLI. SKIFF=/path/to/skiff times that binary instead of a
# fresh release build.
# shellcheck disable=SC2086 # $E is an engine command line, split on purpose
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

runs=20
count=200
with_podman=1
parse_options 8 --runs=runs --containers=count --no-podman=with_podman:0 -- "$@"
check_count --runs "$runs" 999
check_count --containers "$count" 9999
need_root
docker=$(command -v docker) || { echo "needs the docker CLI (Debian's docker.io, or docker-ce-cli)" >&2; exit 2; }

bench_setup bench-api "$with_podman"
log() { printf '[bench] %s\n' "$*" >&2; }
declare -A service_pid=() exit_code=()
declare -A sock=([skiff]="$work/skiff.sock" [podman]="$work/podman.sock")
cleanup() {
  local e
  for e in "${engines[@]}"; do
    clean "$e"
    [[ -z ${service_pid[$e]:-} ]] || kill "${service_pid[$e]}" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# serve ENGINE: starts the engine's service on its socket (no idle exit) and waits until its
# /_ping answers.
serve() {
  local e=$1 i
  rm -f "${sock[$e]}"
  as_user ${engine_cmd[$e]} system service --time 0 "unix://${sock[$e]}" >"$work/$e-service.log" 2>&1 &
  service_pid[$e]=$!
  for i in $(seq 100); do
    as_user curl -sf --unix-socket "${sock[$e]}" http://d/_ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "$e system service did not answer: see $work/$e-service.log" >&2
  return 1
}

# case_row ENGINE CASE: prints "MEDIAN IQR" (ms) for one case through ENGINE's socket.
case_row() {
  local e=$1 c=$2 D="$docker -H unix://${sock[$1]}" E=${engine_cmd[$1]} i
  case $c in
    version) hf "$e" "$c" "$runs" "$D version" ;;
    run-rm) hf "$e" "$c" "$runs" "$D run --rm --network none $img true" ;;
    # The attach relay: 64 MiB of output through the hijacked connection, framed (no tty).
    relay) hf "$e" "$c" "$runs" "$D run --rm --network none $img head -c 67108864 /dev/zero" ;;
    ps-a)
      clean "$e"
      log "$e: creating $count containers"
      for i in $(seq "$count"); do as_user $E create --name "benchapi$i" "$img" true >/dev/null; done
      (($(as_user $D ps -a -q | wc -l) == count)) || { echo "$e: docker ps -a does not list $count" >&2; echo error; return 0; }
      hf "$e" "$c" "$runs" "$D ps -a"
      clean "$e"
      ;;
  esac
}

for e in "${engines[@]}"; do
  clean "$e"
  as_user ${engine_cmd[$e]} pull -q "$img" >/dev/null
  serve "$e"
  # The docker CLI gets the container's exit code back through the socket (skiff must; Podman
  # 4.3's service is known to lose it with --rm, which the table notes).
  out=$(as_user $docker -H "unix://${sock[$e]}" run --rm --network none "$img" sh -c 'echo hi; exit 3' 2>&1) && rc=0 || rc=$?
  exit_code[$e]=$rc
  [[ $out == hi ]] || { echo "$e: docker run --rm through the socket printed: $out" >&2; exit 1; }
  [[ $e != skiff || $rc == 3 ]] || { echo "skiff: docker run --rm through the socket exited $rc, not 3" >&2; exit 1; }
done

declare -A result=()
for c in version run-rm relay ps-a; do
  for e in "${engines[@]}"; do
    log "$c: $e"
    result[$e-$c]=$(case_row "$e" "$c" || echo error)
  done
done

table_head
table_row "docker version (reference: the CLI and one round trip)" "${result[skiff-version]}" "${result[podman-version]:-not run}"
table_row "docker run --rm --network none busybox true" "${result[skiff-run-rm]}" "${result[podman-run-rm]:-not run}"
table_row "docker run --rm busybox head -c 64MiB /dev/zero (the attach relay)" "${result[skiff-relay]}" "${result[podman-relay]:-not run}"
table_row "docker ps -a, $count containers" "${result[skiff-ps-a]}" "${result[podman-ps-a]:-not run}"
for e in "${engines[@]}"; do
  printf '\n%s: `docker run --rm busybox sh -c "exit 3"` through its socket exited %s\n' "$e" "${exit_code[$e]}"
done
