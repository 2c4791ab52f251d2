#!/usr/bin/env bash
# bench/net.sh [--with-podman] [--runs N] [CASE...]: network benchmarks of skiff (and Podman) on
# this machine, as the rootless test user; prints markdown tables (medians, IQR, skiff/podman).
# Run as root. Cases (default: all): run-net run-usernet helpers port-ready throughput
#   run-net     run --rm busybox true with the default network (both: slirp4netns)
#   run-usernet run --rm --network benchnet busybox true on a user-defined network, its holder
#               warm (runs back to back) and cold (after the holder left, 8 s apart)
#   helpers     slirp4netns alone until its --ready-fd fires, pasta alone until it daemonizes
#               (each into a fresh `unshare -Urn` holder); run --rm --network none|slirp4netns|pasta
#   port-ready  run -d -p PORT:80 busybox httpd, until an HTTP GET to 127.0.0.1:PORT is answered
#   throughput  iperf3 TCP through a published port (Gbit/s, median of 3 runs of 5 s), on the
#               default network and (skiff) on a user-defined network
# Environment: SKIFF=/path/to/skiff to time a given binary instead of a fresh release build.
# shellcheck disable=SC2086 # $E is an engine command line, split on purpose
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

runs=10
all_cases=(run-net run-usernet helpers port-ready throughput)
parse_cases 10 --runs "$@"
need_root
check_count --runs "$runs" 999

bench_setup bench-net "$with_podman" iperf3
log() { printf '[bench] %s\n' "$*" >&2; }
cleanup() { local e; for e in "${engines[@]}"; do clean "$e"; done; }
trap cleanup EXIT

# Host ports: port-ready uses BASE+i for its i-th sample (a fresh port each time), throughput one
# port per variant (22001...).
declare -A port_base=([skiff]=20000 [podman]=21000)

# The timer for what hyperfine cannot time (a helper's ready signal; a port that starts to
# answer). Runs as the test user; prints one sample (ms) a line; the first sample is a warm-up
# and is not printed. Every wait is bounded.
cat >"$work/nettime.py" <<'PY'
import http.client, os, select, shlex, signal, subprocess, sys, time

DEVNULL = subprocess.DEVNULL
LOG = open(os.environ["NETTIME_LOG"], "a")

def ms(t0):
    return (time.perf_counter() - t0) * 1000

def holder():
    """A process in a fresh user and network namespace, like a container's, but empty."""
    p = subprocess.Popen(["unshare", "-Urn", "sleep", "600"], stdin=DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # exec'd sleep: unshare has written the id maps
        try:
            if open(f"/proc/{p.pid}/comm").read().strip() == "sleep":
                return p
        except OSError:
            pass
        time.sleep(0.002)
    p.kill()
    sys.exit("the unshare -Urn holder did not start")

def gone(pid, secs=10):
    deadline = time.monotonic() + secs
    while time.monotonic() < deadline:
        try:
            if open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] in "ZX":
                return
        except OSError:
            return
        time.sleep(0.005)
    sys.exit(f"process {pid} still there {secs} s after SIGTERM")

def slirp4netns(target):
    r, w = os.pipe()
    t0 = time.perf_counter()
    p = subprocess.Popen(
        ["slirp4netns", "--configure", "--mtu=65520", "--disable-host-loopback",
         f"--ready-fd={w}", str(target), "tap0"],
        pass_fds=(w,), stdin=DEVNULL, stdout=DEVNULL, stderr=LOG)
    os.close(w)
    ready, _, _ = select.select([r], [], [], 30)
    byte = os.read(r, 1) if ready else b""
    t = ms(t0)
    os.close(r)
    p.terminate()
    p.wait(timeout=10)
    if byte != b"1":
        sys.exit("slirp4netns did not signal ready (see the log)")
    return t

def pasta(target):
    pid_file = os.path.join(os.environ["NETTIME_DIR"], "pasta.pid")
    if os.path.exists(pid_file):
        os.unlink(pid_file)
    t0 = time.perf_counter()
    rc = subprocess.run(
        ["pasta", "--config-net", "--quiet", "-t", "none", "-u", "none", "-T", "none", "-U", "none",
         "--pid", pid_file, str(target)],
        stdin=DEVNULL, stdout=DEVNULL, stderr=LOG, timeout=30).returncode
    t = ms(t0)
    try:
        pid = int(open(pid_file).read())
        os.kill(pid, signal.SIGTERM)
        gone(pid)
    except (OSError, ValueError):
        pass
    if rc != 0:
        sys.exit(f"pasta exited with {rc} (see the log)")
    return t

def helper(name, runs):
    fn = {"slirp4netns": slirp4netns, "pasta": pasta}[name]
    for i in range(runs + 1):
        h = holder()
        try:
            t = fn(h.pid)
        finally:
            h.kill()
            h.wait()
        if i:
            print(f"{t:.3f}", flush=True)

def answers(port, deadline):
    """Polls 127.0.0.1:PORT with an HTTP GET (any status counts) every 2 ms until it answers."""
    while True:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/")
            c.getresponse().read()
            c.close()
            return
        except (OSError, http.client.HTTPException):
            if time.monotonic() > deadline:
                sys.exit(f"nothing answered on 127.0.0.1:{port} in time")
            time.sleep(0.002)

def port_ready(runs, base, engine, rm, img):
    E, RM = shlex.split(engine), shlex.split(rm)
    for i in range(runs + 1):
        name, port = f"benchport{i}", base + i
        t0 = time.perf_counter()
        subprocess.run(E + ["run", "-d", "--name", name, "-p", f"{port}:80", img,
                            "httpd", "-f", "-p", "80", "-h", "/etc"],
                       stdin=DEVNULL, stdout=DEVNULL, stderr=LOG, check=True, timeout=60)
        answers(port, time.monotonic() + 30)
        t = ms(t0)
        subprocess.run(E + RM + [name], stdin=DEVNULL, stdout=DEVNULL, stderr=LOG, timeout=60)
        if i:
            print(f"{t:.3f}", flush=True)

cmd = sys.argv[1]
if cmd == "helper":
    helper(sys.argv[2], int(sys.argv[3]))
elif cmd == "port-ready":
    port_ready(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6])
else:
    sys.exit(f"unknown command {cmd}")
PY
chmod 644 "$work/nettime.py"

# nettime NAME ARGS...: runs the timer as the test user; prints "MEDIAN IQR" (ms). The samples
# stay in $work/json/NAME.txt, the helpers' messages in $work/NAME.log.
nettime() {
  local name=$1; shift
  as_user env NETTIME_LOG="$work/$name.log" NETTIME_DIR="$work" \
    timeout 900 python3 "$work/nettime.py" "$@" >"$work/json/$name.txt" ||
    { echo "failed: see $work/$name.log" >&2; return 1; }
  stats 1 <"$work/json/$name.txt"
}

pull() { as_user ${engine_cmd[$1]} pull -q "$img" >/dev/null; }

# ---- cases -----------------------------------------------------------------------------------

run_net() { # ENGINE
  has "$1" run || { echo "n/a"; return 0; }
  clean "$1"
  pull "$1"
  hf "$1" run-net "$runs" "${engine_cmd[$1]} run --rm $img true"
}

# usernet ENGINE create|rm: the benchmark's user-defined network.
usernet() {
  as_user ${engine_cmd[$1]} network rm -f benchnet >/dev/null 2>&1 || true
  [[ $2 == rm ]] || as_user ${engine_cmd[$1]} network create benchnet >/dev/null
}

run_usernet() { # ENGINE
  has "$1" run network || { echo "n/a"; return 0; }
  clean "$1"
  pull "$1"
  usernet "$1" create || { echo "error"; return 0; }
  hf "$1" run-usernet "$runs" "${engine_cmd[$1]} run --rm --network benchnet $img true"
  usernet "$1" rm
}

run_usernet_cold() { # ENGINE
  has "$1" run network || { echo "n/a"; return 0; }
  clean "$1"
  pull "$1"
  usernet "$1" create || { echo "error"; return 0; }
  local n=$((runs < 5 ? runs : 5))
  hf "$1" run-usernet-cold "$n" --prepare "sleep 8" "${engine_cmd[$1]} run --rm --network benchnet $img true"
  usernet "$1" rm
}

port_ready() { # ENGINE
  has "$1" run rm || { echo "n/a"; return 0; }
  clean "$1"
  pull "$1"
  nettime "$1-port-ready" port-ready "$runs" "${port_base[$1]}" "${engine_cmd[$1]}" "${engine_rm[$1]}" "$img"
}

helpers() {
  local e r mode
  echo "| helper | median ms | IQR |"
  echo "|---|---:|---:|"
  log "helpers: slirp4netns"
  r=$(nettime helper-slirp4netns helper slirp4netns "$runs" || echo error)
  echo "| slirp4netns alone, until --ready-fd | $(cells "$r") |"
  log "helpers: pasta"
  r=$(nettime helper-pasta helper pasta "$runs" || echo error)
  echo "| pasta alone, until it daemonizes | $(cells "$r") |"
  for e in "${engines[@]}"; do
    clean "$e"
    pull "$e"
    for mode in none slirp4netns pasta; do
      # Podman 4.3 has no pasta (4.4 added it).
      [[ $e == podman && $mode == pasta ]] && continue
      log "helpers: $e run --network $mode"
      r=$(hf "$e" "run-$mode" "$runs" "${engine_cmd[$e]} run --rm --network $mode $img true" || echo error)
      echo "| $e run --rm --network $mode busybox true | $(cells "$r") |"
    done
  done
}

# iperf3 -s for a container: the host's iperf3 and the libraries it loads, nothing else (both
# engines take it as --rootfs; Podman 4.3 cannot overlay the host's own / with --rootfs /:O here).
iperf_rootfs() {
  local d=$work/iperf-root lib
  rm -rf "$d"
  mkdir -p "$d"/{usr/bin,tmp,proc,sys,dev,etc}
  cp -L /usr/bin/iperf3 "$d/usr/bin/"
  for lib in $(ldd /usr/bin/iperf3 | grep -o '/[^ ]*'); do cp --parents -L "$lib" "$d/"; done
  chown -R "$RIG_USER:$RIG_USER" "$d"
  echo "$d"
}

# throughput_one ENGINE LABEL HOSTPORT [RUN FLAGS...]: prints "MEDIAN IQR" (Gbit/s) of 3 iperf3
# runs of 5 s through HOSTPORT.
throughput_one() {
  local e=$1 label=$2 iperf_port=$3 E=${engine_cmd[$1]} i json bps; shift 3
  local out=$work/json/$label.txt name=benchiperf
  : >"$out"
  clean "$e"
  as_user $E run -d --name "$name" -p "$iperf_port:5201" "$@" --tmpfs /tmp --rootfs "$rootfs" \
    /usr/bin/iperf3 -s >/dev/null 2>"$work/$label.err" || { echo "failed: see $work/$label.err" >&2; return 1; }
  # Warm-up, and the wait for the server: a 1-second run, retried for up to 30 s.
  for i in $(seq 60); do
    as_user timeout 20 iperf3 -c 127.0.0.1 -p "$iperf_port" -t 1 >/dev/null 2>&1 && break
    ((i < 60)) || { echo "iperf3 server did not answer: see $work/$label.err" >&2; clean "$e"; return 1; }
    sleep 0.5
  done
  for i in 1 2 3; do
    json=$work/json/$label-$i.json
    as_user timeout 30 iperf3 -c 127.0.0.1 -p "$iperf_port" -t 5 -J >"$json" 2>>"$work/$label.err" || true
    bps=$(jq -r '.end.sum_received.bits_per_second // empty' "$json" 2>/dev/null || true)
    [[ -n $bps ]] || { echo "iperf3 run $i failed: see $json" >&2; clean "$e"; return 1; }
    awk -v b="$bps" 'BEGIN { printf "%.3f\n", b / 1e9 }' >>"$out"
  done
  clean "$e"
  stats 2 <"$out"
}

throughput() {
  local s p sl un
  rootfs=$(iperf_rootfs)
  log "throughput: skiff (default network: pasta, as a port is published)"
  s=$(throughput_one skiff skiff-iperf 22001 || echo error)
  log "throughput: skiff --network slirp4netns"
  sl=$(throughput_one skiff skiff-slirp-iperf 22002 --network slirp4netns || echo error)
  log "throughput: skiff --network benchnet (user-defined network, the network's slirp4netns)"
  usernet skiff create
  un=$(throughput_one skiff skiff-usernet-iperf 22004 --network benchnet || echo error)
  usernet skiff rm
  p="not run"
  if ((with_podman)); then
    log "throughput: podman (default network: slirp4netns, ports by rootlessport)"
    p=$(throughput_one podman podman-iperf 22003 || echo error)
  fi
  echo "| engine, network | Gbit/s median of 3 | IQR | ratio to podman (higher is better) |"
  echo "|---|---:|---:|---:|"
  echo "| skiff, default (pasta) | $(cells "$s") | $(ratio "${s%% *}" "${p%% *}") |"
  echo "| skiff, --network slirp4netns | $(cells "$sl") | $(ratio "${sl%% *}" "${p%% *}") |"
  echo "| skiff, user-defined network | $(cells "$un") | $(ratio "${un%% *}" "${p%% *}") |"
  echo "| podman, default (slirp4netns + rootlessport) | $(cells "$p") | - |"
}

# ---- tables ----------------------------------------------------------------------------------

main_cases=()
for c in "${cases[@]}"; do [[ $c == run-net || $c == run-usernet || $c == port-ready ]] && main_cases+=("$c"); done
if ((${#main_cases[@]})); then
  table_head
  for c in "${main_cases[@]}"; do
    fn=${c//-/_}
    log "$c: skiff"
    s=$($fn skiff || echo error)
    p="not run"
    if ((with_podman)); then log "$c: podman"; p=$($fn podman || echo error); fi
    table_row "$c" "$s" "$p"
    if [[ $c == run-usernet ]]; then
      log "run-usernet-cold: skiff"
      s=$(run_usernet_cold skiff || echo error)
      p="not run"
      if ((with_podman)); then log "run-usernet-cold: podman"; p=$(run_usernet_cold podman || echo error); fi
      table_row "run-usernet-cold" "$s" "$p"
    fi
  done
fi
for c in "${cases[@]}"; do
  case $c in
    helpers) echo; helpers ;;
    throughput) echo; throughput ;;
  esac
done
