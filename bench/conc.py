#!/usr/bin/python3
"""bench/conc.py SPEC.json: starts every command of SPEC at once and times each one.

SPEC is a JSON list of commands, each a list of arguments (no shell). All are started back to
back (Popen, no waiting in between), then each is waited for. Prints one JSON object:
{"wall_ms": time from the first start to the last exit,
 "runs": [{"cmd": the command line's last 160 characters, "ms": wall time of this command, "rc": exit status,
           "err": the last 300 bytes of its stderr}, ...]}
Run by bench/scale.sh as the test user, so the times contain no runuser or shell start-up.
"""
import json
import os
import subprocess
import sys
import tempfile
import time


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    procs = []
    pending = {}
    ends = [None] * len(spec)

    # Reaps whichever child ends first (os.wait), so each end time is taken when it happens
    # rather than when a sequential wait() reaches it; without blocking while others still start.
    def reap(block):
        while pending:
            pid, status = os.waitpid(-1, 0 if block else os.WNOHANG)
            if pid == 0:
                return
            if pid in pending:
                ends[pending.pop(pid)] = (time.monotonic(), os.waitstatus_to_exitcode(status))

    t0 = time.monotonic()
    for argv in spec:
        err = tempfile.TemporaryFile()
        start = time.monotonic()
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        pending[p.pid] = len(procs)
        procs.append((argv, p, start, err))
        reap(False)
    reap(True)
    wall = time.monotonic() - t0
    runs = []
    for (argv, _, start, err), (end, rc) in zip(procs, ends):
        err.seek(0)
        runs.append({"cmd": " ".join(argv)[-160:], "ms": (end - start) * 1000,
                     "rc": rc, "err": err.read()[-300:].decode(errors="replace")})
    print(json.dumps({"wall_ms": wall * 1000, "runs": runs}))


main()
