#!/usr/bin/env python3
"""bench/attach_race.py SOCKET [N] [HOGS]: how often docker-py's non-streaming attach loses a
container's log through a Docker API socket (skiff's `system service`, or docker's daemon).

Starts a busybox container that prints `ready`, then calls
`container.attach(stream=False, logs=True)` N times (default 200) while HOGS processes
(default 3) busy-loop on the CPUs, and prints how many answers lacked the line. docker-py reads
the `101` answer through its HTTP library, then the raw socket: stream bytes that arrived with
the answer in one read stay in the library's buffer and are lost. Needs docker-py (the rig's
testcontainers environment has it: /var/tmp/skiff-ci-cache/testcontainers/bin/python) and an
image named `busybox` on the engine.
"""
import multiprocessing
import sys
import time

import docker


def hog():
    while True:
        pass


def main():
    sock = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    hogs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    client = docker.DockerClient(base_url="unix://" + sock)
    ctr = client.containers.run("busybox", ["sh", "-c", "echo ready; exec sleep 300"], detach=True)
    try:
        deadline = time.time() + 10
        while b"ready" not in ctr.logs() and time.time() < deadline:
            time.sleep(0.1)
        procs = [multiprocessing.Process(target=hog, daemon=True) for _ in range(hogs)]
        for p in procs:
            p.start()
        lost = sum(ctr.attach(stream=False, logs=True).strip() != b"ready" for _ in range(n))
        for p in procs:
            p.terminate()
        print(f"{sock}: {lost} of {n} non-streaming attaches lost the log ({hogs} busy CPUs)")
    finally:
        ctr.remove(force=True)


if __name__ == "__main__":
    main()
