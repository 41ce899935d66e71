#!/usr/bin/python3
"""Helpers for bench/jenkins.sh (standard library only).

  stamp OUT FIFO     read lines from FIFO, writing "<monotonic>\\t<line>" to OUT
  naive URL JOB N OUT PERIOD
                     the naive follower: progressiveText every PERIOD seconds,
                     stamping each new line into OUT
  report TIMES STAMPS SCALE T0
                     per line: printed - max(produced, T0) (T0: when the
                     follower started); prints the worst, p95 and median
                     delay in simulated seconds
"""
import os
import sys
import time


def ready(path):
    """Python starts slowly: followers say when they are ready to measure."""
    with open(path + ".tmp", "w") as f:
        f.write("%.6f\n" % time.monotonic())
    os.replace(path + ".tmp", path)


def stamp(out, fifo):
    ready(os.path.join(os.path.dirname(out), "t0"))
    with open(fifo, "rb") as src, open(out, "wb") as f:
        while True:
            line = src.readline()   # returns per line, unlike iteration
            if not line:
                break
            f.write(b"%.6f\t%s" % (time.monotonic(), line if line.endswith(b"\n") else line + b"\n"))
            f.flush()


def naive(url, job, number, out, period):
    import base64
    import urllib.request
    ready(os.path.join(os.path.dirname(out), "t0"))
    auth = base64.b64encode(("%s:%s" % (os.environ["JENKINS_USER_ID"],
                                        os.environ["JENKINS_API_TOKEN"])).encode()).decode()
    path = "".join("/job/" + urllib.request.quote(s, safe="") for s in job.split("/"))
    start, pending = 0, b""
    with open(out, "wb") as f:
        while True:
            req = urllib.request.Request("%s%s/%s/logText/progressiveText?start=%d"
                                         % (url, path, number, start),
                                         headers={"Authorization": "Basic " + auth})
            with urllib.request.urlopen(req) as r:
                body = r.read().replace(b"\r\n", b"\n")
                start = int(r.headers["X-Text-Size"])
                more = r.headers.get("X-More-Data") == "true"
            t = time.monotonic()
            pending += body
            *lines, pending = pending.split(b"\n")
            for line in lines:
                f.write(b"%.6f\t%s\n" % (t, line))
            if not more:
                return
            time.sleep(period)


def load(path):
    rows = []
    with open(path, "rb") as f:
        for raw in f:
            t, _, line = raw.rstrip(b"\n").partition(b"\t")
            rows.append((float(t), line))
    return rows


def report(times, stamps, scale, t0):
    produced = load(times)
    printed = load(stamps)
    if len(produced) != len(printed):
        print("line count differs: produced %d, printed %d" % (len(produced), len(printed)))
    delays = sorted(max(0.0, p[0] - max(q[0], t0)) / scale
                    for q, p in zip(produced, printed) if q[1] == p[1])
    mismatched = sum(1 for q, p in zip(produced, printed) if q[1] != p[1])
    if not delays:
        print("no lines matched")
        return
    print("%.2f %.2f %.2f %d" % (delays[-1], delays[int(len(delays) * 0.95)],
                                 delays[len(delays) // 2], mismatched))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "stamp":
        stamp(sys.argv[2], sys.argv[3])
    elif cmd == "naive":
        naive(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], float(sys.argv[6]))
    elif cmd == "report":
        report(sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]))

