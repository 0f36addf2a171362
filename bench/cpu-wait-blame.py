#!/usr/bin/env python3
"""Who held the CPU while the steady route's threads waited for one, under churn.

Reads a control-plane.sh timeline (TIMELINE=DIR: the fixed-rate load's requests under churn, times since the JVM
started) and `perf sched timehist` output recorded with `-k mono` (the clock of System.nanoTime) over the same
seconds. For every run of a thread on the request path (the proxy's, the load's, the echo backend's) that waited
longer than 0.3 ms to get a CPU after waking up, it adds up which threads ran on that CPU meanwhile. See
PERFORMANCE.md (control plane, round 4) for how it was used.

    perf sched record -a -k mono -o sched.data -- sleep 12     # while the churn phase at the fixed rate runs
    perf sched timehist -i sched.data > timehist.txt
    bench/cpu-wait-blame.py DIR/timeline-5000.txt timehist.txt
"""
import bisect
import re
import sys
from collections import defaultdict

REQUEST_PATH = ("portolan-proxy", "fixed-rate-load", "qtp")  # proxy, load, echo backend (Jetty's default name)
WAIT_SECONDS = 0.0003
TIMEHIST = re.compile(r"\s*([\d.]+) \[(\d+)\]\s+(.+?)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$")


def thread_group(name):
    name = re.sub(r"\[\d+(/\d+)?\]", "", name)
    return re.sub(r"[-#]?\d+$", "", name).strip()


def main(timeline, timehist):
    jvm_start, requests = 0.0, []
    with open(timeline) as lines:
        for line in lines:
            fields = line.split()
            if fields[0] == "jvm-start-nanotime":
                jvm_start = int(fields[1]) / 1e9
            elif fields[0] == "request":
                requests.append((jvm_start + float(fields[1]) / 1e3, float(fields[2]) / 1e3))
    if not requests:
        sys.exit("no requests in " + timeline)
    requests.sort()
    first, last = requests[0][0], requests[-1][0]
    runs = []  # (start, end, cpu, thread, waited)
    with open(timehist) as lines:
        for line in lines:
            match = TIMEHIST.match(line)
            if not match:
                continue
            end = float(match.group(1))
            if first - 0.1 <= end <= last + 0.1:
                runtime, delay = float(match.group(6)) / 1e3, float(match.group(5)) / 1e3
                runs.append((end - runtime, end, int(match.group(2)), match.group(3), delay))
    if not runs:
        sys.exit("perf's records do not cover the timeline's seconds (recorded with -k mono?)")
    runs.sort()
    starts = [run[0] for run in runs]
    slow = [r for r in requests if r[1] > 0.001]
    print(f"requests {len(requests)}, over 1 ms {len(slow)}; "
          f"p99 {sorted(r[1] for r in requests)[int(len(requests) * 0.99) - 1] * 1e3:.2f} ms")
    blame, waits, waited = defaultdict(float), 0, 0.0
    for start, _end, cpu, thread, delay in runs:
        if not thread_group(thread).startswith(REQUEST_PATH) or delay < WAIT_SECONDS:
            continue
        waits += 1
        waited += delay
        for other in runs[bisect.bisect_left(starts, start - delay - 0.05):]:
            if other[0] > start:
                break
            overlap = min(start, other[1]) - max(start - delay, other[0])
            if overlap > 0 and other[2] == cpu:
                blame[thread_group(other[3])] += overlap
    print(f"request-path threads waited over {WAIT_SECONDS * 1e3:.1f} ms for a CPU {waits} times, "
          f"{waited * 1e3:.0f} ms in all; on that CPU meanwhile (ms):")
    for thread, seconds in sorted(blame.items(), key=lambda item: -item[1])[:15]:
        print(f"  {seconds * 1e3:7.1f}  {thread}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
