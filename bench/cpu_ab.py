#!/usr/bin/env python3
"""bench/cpu_ab.py [--tree] RUNS PREPARE CMD_A CMD_B: CPU time (user + system, from wait4's rusage)
and wall time of two command lines run alternately (A B A B ...), RUNS times each, after one warm-up
of each. PREPARE (a shell command, "" for none) runs untimed before every sample. Each CMD is a
shell-quoted command line, run without a shell. Prints one line per side:
"label cpu_median cpu_p25 cpu_p75 wall_median wall_p25 wall_p75" in ms.

Without --tree the CPU time is the command's and that of the descendants it waited for; a
detached descendant (skiff's container monitor, which double-forks, and the container it
reaps) is not counted. With --tree the timer is their subreaper: after the command exits it
waits for every orphan too and adds its time, so the sample covers the whole tree (the wall
time still ends at the command's exit). Use --tree only with commands whose descendants all end
(`run --rm`, not `run -d`)."""
import ctypes
import os
import shlex
import subprocess
import sys
import time


PR_SET_CHILD_SUBREAPER = 36


def reap_orphans():
    """CPU ms of every orphan this subreaper inherited, waiting until none is left."""
    total = 0.0
    while True:
        try:
            _, _, ru = os.wait4(-1, 0)
        except ChildProcessError:
            return total
        total += (ru.ru_utime + ru.ru_stime) * 1000


def sample(argv, prepare, tree=False):
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
    cpu = (ru.ru_utime + ru.ru_stime) * 1000
    if tree:
        cpu += reap_orphans()
    return cpu, wall


def q(v, p):
    v = sorted(v)
    h = (len(v) - 1) * p
    i = int(h)
    return v[i] + (h - i) * (v[min(i + 1, len(v) - 1)] - v[i])


def main():
    args = sys.argv[1:]
    tree = args[:1] == ["--tree"]
    if tree:
        args = args[1:]
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
            sys.exit("prctl(PR_SET_CHILD_SUBREAPER): %s" % os.strerror(ctypes.get_errno()))
    runs, prepare = int(args[0]), args[1]
    cmds = {"A": shlex.split(args[2]), "B": shlex.split(args[3])}
    got = {"A": [], "B": []}
    for side in "AB":
        sample(cmds[side], prepare, tree)
    for _ in range(runs):
        for side in "AB":
            got[side].append(sample(cmds[side], prepare, tree))
    for side in "AB":
        cpu = [c for c, _ in got[side]]
        wall = [w for _, w in got[side]]
        print(side, " ".join("%.2f" % q(v, p) for v in (cpu, wall) for p in (0.5, 0.25, 0.75)))


main()
