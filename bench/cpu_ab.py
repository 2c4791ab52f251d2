#!/usr/bin/env python3
"""bench/cpu_ab.py RUNS PREPARE CMD_A CMD_B: CPU time (user + system, from wait4's rusage) and
wall time of two command lines run alternately (A B A B ...), RUNS times each, after one warm-up
of each. PREPARE (a shell command, "" for none) runs untimed before every sample. Each CMD is a
shell-quoted command line, run without a shell. Prints one line per side:
"label cpu_median cpu_p25 cpu_p75 wall_median wall_p25 wall_p75" in ms."""
import os
import shlex
import subprocess
import sys
import time


def sample(argv, prepare):
    if prepare:
        subprocess.run(prepare, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.execvp(argv[0], argv)
    _, status, ru = os.wait4(pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: %s" % shlex.join(argv))
    return (ru.ru_utime + ru.ru_stime) * 1000, wall


def q(v, p):
    v = sorted(v)
    h = (len(v) - 1) * p
    i = int(h)
    return v[i] + (h - i) * (v[min(i + 1, len(v) - 1)] - v[i])


def main():
    runs, prepare = int(sys.argv[1]), sys.argv[2]
    cmds = {"A": shlex.split(sys.argv[3]), "B": shlex.split(sys.argv[4])}
    got = {"A": [], "B": []}
    for side in "AB":
        sample(cmds[side], prepare)
    for _ in range(runs):
        for side in "AB":
            got[side].append(sample(cmds[side], prepare))
    for side in "AB":
        cpu = [c for c, _ in got[side]]
        wall = [w for _, w in got[side]]
        print(side, " ".join("%.2f" % q(v, p) for v in (cpu, wall) for p in (0.5, 0.25, 0.75)))


main()
