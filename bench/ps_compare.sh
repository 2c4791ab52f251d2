#!/bin/bash
# bench/ps_compare.sh SKIFF ROOT RUNROOT: every `ps`, `pod ps` and API listing form, to diff two
# builds on one store (run as the store's owner; "Status" of the API is masked, it ticks).
S="$1 --root $2 --runroot $3"
run() { echo "== $*"; $S "$@" 2>&1; }
run ps
run ps -a
run ps -a --no-trunc
run ps -a -s
run ps -a --pod
run ps -a --format '{{json .}}'
run ps -a --format 'table {{.ID}}\t{{.Labels}}\t{{.Mounts}}\t{{.Networks}}\t{{.Ports}}\t{{.Pod}}\t{{.PodName}}\t{{.LocalVolumes}}\t{{.Status}}\t{{.State}}\t{{.Command}}\t{{.Image}}'
run ps -a --format '{{.Label "tier"}}'
run ps -a -q
run ps -a -n 2
run ps -l
for f in label=tier label=tier=front restart-policy=on-failure restart-policy=no volume=data volume=/host pod=pp expose=443 publish=80 publish=9000/udp health=healthy health=starting health=none network=n1 network=none network=bridge status=created status=running exited=3 name=^hc ancestor=127.0.0.1:5055/library/busybox since=plain before=inpod id=e is-task=false; do run ps -a --filter $f; done
run pod ps
run pod inspect pp
run start --all --filter label=nope
sock=$2/api.sock
$S system service -t 3 unix://$sock & pid=$!
for i in $(seq 50); do [ -S $sock ] && break; sleep 0.1; done
for q in 'all=1' '' 'all=1&filters=%7B%22label%22%3A%5B%22tier%22%5D%7D' 'limit=2'; do
  echo "== api $q"; curl -s --unix-socket $sock "http://d/containers/json?$q" | sed -E 's/"Status":"[^"]*"/"Status":X/g'
  echo
done
echo "== api pods"; curl -s --unix-socket $sock "http://d/v4.0.0/libpod/pods/json" ; echo
kill $pid; wait $pid 2>/dev/null; rm -f $sock
