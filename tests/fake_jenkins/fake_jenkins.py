#!/usr/bin/python3
"""A fake Jenkins controller for mds-infra's tests (standard library only).

It follows ../../../shared/contracts/JENKINS_API.md (section 12 checklist):
jobs in folders and a multibranch branch, parameter definitions, a queue with
delays and cancellations, Pipeline builds that write their log over time
(with ConsoleNotes, multibyte text, long and partial lines), Stage View JSON,
pending input, stop, a crumb issuer tied to a session cookie, and scriptable
faults.  It listens on an ephemeral 127.0.0.1 port, writes the port to
--port-file, and exits by itself after --lifetime seconds.

Usage (see README.md next to this file):
  fake_jenkins.py --port-file F --state-dir D [--ctx /jenkins] [--scale S]
                  [--personality classic|modern] [--fault NAME[=ARG]]...

When a build finishes, the fake writes D/<job>-<N>.log: the log exactly as
consoleText serves it (ConsoleNotes stripped).  Line production times go to
D/<job>-<N>.times (monotonic seconds, one "time<TAB>line" per line) for the
benchmark.
"""
import argparse
import base64
import email.parser
import email.policy
import hashlib
import json
import os
import re
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USER = "alice"
TOKEN = "11e5aa0c0ffee-token-of-alice-42"
PASSWORD = "alice-password"
NOTE_RE = re.compile(rb"\x1b\[8mha:[^\x1b]*\x1b\[0m")
ESC_NOTE = b"\x1b[8mha:" + base64.b64encode(b"fake-console-note" * 3) + b"\x1b[0m"

LOCK = threading.RLock()
ARGS = None
STATE = None


def now():
    return time.monotonic()


def scaled(seconds):
    return seconds * ARGS.scale


# --------------------------------------------------------------------------
# Model


class Job:
    def __init__(self, path, cls, params=(), buildable=True, script="pipeline"):
        self.path = path            # item names joined with '/'
        self.cls = cls
        self.params = list(params)
        self.buildable = buildable
        self.script = script
        self.builds = []
        self.next_number = 1

    @property
    def pipeline(self):
        return "WorkflowJob" in self.cls


def pdef(kind, name, default=None, choices=None):
    d = {"_class": "hudson.model.%s" % kind, "name": name, "type": kind,
         "description": ""}
    if kind != "FileParameterDefinition":
        d["defaultParameterValue"] = {
            "_class": "hudson.model.%s" % kind.replace("Definition", "Value"),
            "name": name, "value": default}
    if choices is not None:
        d["choices"] = choices
    return d


def make_jobs():
    wf = "org.jenkinsci.plugins.workflow.job.WorkflowJob"
    return {j.path: j for j in [
        Job("platform/mds-infra/main", wf, [
            pdef("ChoiceParameterDefinition", "RESULT", "SUCCESS",
                 ["SUCCESS", "UNSTABLE", "FAILURE", "ABORTED", "NOT_BUILT"]),
            pdef("StringParameterDefinition", "GREETING", "hello"),
            pdef("BooleanParameterDefinition", "DEPLOY", False),
            pdef("StringParameterDefinition", "LINES", "30"),
        ]),
        Job("uploads", wf, [
            pdef("FileParameterDefinition", "CONFIG"),
            pdef("StringParameterDefinition", "NOTE", "none"),
        ]),
        Job("simple", "hudson.model.FreeStyleProject", script="freestyle"),
        Job("repo/feature%2Fx", wf, script="pipeline"),
        Job("disabled", "hudson.model.FreeStyleProject", buildable=False),
        Job("bench", wf, script="bench"),
        Job("quiet", wf, script="quiet"),
    ]}


FOLDERS = {"platform": "com.cloudbees.hudson.plugins.folder.Folder",
           "platform/mds-infra": "com.cloudbees.hudson.plugins.folder.Folder",
           "repo": "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject"}


class QueueItem:
    def __init__(self, qid, job, params):
        self.id = qid
        self.job = job
        self.params = params
        self.since = time.time()
        self.created = now()
        self.wait_until = now() + scaled(ARGS.queue_wait)
        self.left_at = None
        self.cancelled = False
        self.build = None
        self.polls_after_left = 0
        self.files = {}


class Stage:
    def __init__(self, sid, name):
        self.id = str(sid)
        self.name = name
        self.status = "IN_PROGRESS"
        self.start = time.time()
        self.end = None


class Build:
    def __init__(self, job, number, item):
        self.job = job
        self.number = number
        self.queue_id = item.id
        self.params = item.params
        self.raw = bytearray()
        self.times = []
        self.building = True
        self.result = None
        self.finished_at = None
        self.start = time.time()
        self.stages = []
        self.input = None          # dict while an input is pending
        self.input_answer = None   # "proceed" / "abort"
        self.abort_by = None
        self.files = item.files

    def write(self, data):
        with LOCK:
            self.raw += data
            t = now()
            for line in data.split(b"\n")[:-1] if data.endswith(b"\n") else data.split(b"\n"):
                self.times.append((t, NOTE_RE.sub(b"", line)))

    @property
    def log_complete(self):
        # The Pipeline listener closes a little after building turns false.
        return (not self.building and self.finished_at is not None
                and now() - self.finished_at > scaled(0.2))


class State:
    def __init__(self):
        self.jobs = make_jobs()
        self.queue = {}
        self.next_qid = 4711
        self.session_id = hashlib.sha1(os.urandom(8)).hexdigest()[:16]
        self.cookie_name = "JSESSIONID." + os.urandom(4).hex()
        self.sessions = set()
        self.requests = 0
        self.authorized = 0
        self.faults = 0     # requests answered by an injected fault (502, 429, reset...)
        self.counters = {}
        self.restart_until = None
        self.restart_phase = None
        self.restart_length = 0
        self.first_build_at = None
        self.crumb_posts = 0


def fault(name):
    for f in ARGS.fault:
        k, _, v = f.partition("=")
        if k == name:
            return v or "1"
    return None


def every(name, key):
    """True on every N-th event `key` when fault `name`=N is set."""
    n = fault(name)
    if not n:
        return False
    with LOCK:
        STATE.counters[key] = STATE.counters.get(key, 0) + 1
        return STATE.counters[key] % int(n.split(":")[0]) == 0


# --------------------------------------------------------------------------
# Build scripts: generators of ("write", bytes) / ("sleep", s) / ("stage", name)
# / ("end_stage", status) / ("input", id, message) / ("result", R) steps


def pipeline_script(b):
    p = dict((k, v) for k, v in b.params.items())
    want = p.get("RESULT", "SUCCESS")
    lines = int(p.get("LINES", "30") or "30")
    yield ("write", b"Started by user alice\n")
    yield ("write", ESC_NOTE + b"[Pipeline] Start of Pipeline\n")
    yield ("stage", "Build")
    yield ("write", ("Building with GREETING=%s \u00fcn\u00efc\u00f8d\u00e9 \u2713 \u65e5\u672c\n"
                     % p.get("GREETING", "hello")).encode())
    if "CONFIG" in b.files:
        yield ("write", b"CONFIG has %d bytes, sha256 %s\n" % (
            len(b.files["CONFIG"]), hashlib.sha256(b.files["CONFIG"]).hexdigest().encode()))
    yield ("write", b"x" * 5000 + b" <- a long line\n")
    yield ("sleep", 0.3)
    yield ("end_stage", "SUCCESS")
    yield ("stage", "Test")
    for i in range(lines):
        yield ("write", b"test %04d ok " % i + ESC_NOTE + b"\n")
        if i % 7 == 3:
            yield ("write", b"progress ")           # a partial line...
            yield ("sleep", 0.15)
            yield ("write", b"done\n")              # ...completed later
        yield ("sleep", 0.05)
        if want == "UNSTABLE" and i == lines // 2:
            yield ("set_result", "UNSTABLE")
        if want == "ABORTED" and i == lines // 2:
            yield ("abort", "admin")
    test_status = {"UNSTABLE": "UNSTABLE", "FAILURE": "FAILED"}.get(want, "SUCCESS")
    if want == "FAILURE":
        yield ("write", b"ERROR: script returned exit code 1\n")
    yield ("end_stage", test_status)
    if p.get("DEPLOY") in ("true", True) and want in ("SUCCESS", "UNSTABLE"):
        yield ("stage", "Deploy")
        yield ("input", "Deploy", "Deploy to production?")
        yield ("write", b"deploying to %s\n" % p.get("TARGET", "prod").encode())
        yield ("end_stage", "SUCCESS")
    yield ("write", ESC_NOTE + b"[Pipeline] End of Pipeline\n")
    yield ("result", {"NOT_BUILT": "NOT_BUILT"}.get(want, want))


def freestyle_script(b):
    yield ("write", b"Started by user alice\nRunning as SYSTEM\n")
    for i in range(10):
        yield ("write", b"step %d\n" % i)
        yield ("sleep", 0.05)
    yield ("result", "SUCCESS")


def bench_script(b):
    """Ten minutes (scaled) of a realistic Pipeline: bursts and silences."""
    yield ("write", b"Started by user alice\n")
    n = 0
    phases = [("Checkout", 30, 0.2), ("Build", 180, 2.0), ("Test", 120, None),
              ("Test", 150, 0.5), ("Package", 60, 5.0), ("Deploy", 60, 10.0)]
    for name, length, gap in phases:
        yield ("stage", name)
        if gap is None:                      # a long silent step
            yield ("sleep", length)
        else:
            t = 0.0
            while t < length:
                yield ("write", b"%s line %06d\n" % (name.encode(), n))
                n += 1
                yield ("sleep", gap)
                t += gap
        yield ("end_stage", "SUCCESS")
    yield ("result", "SUCCESS")


def quiet_script(b):
    """A stage that prints nothing for 60 s (scaled): heartbeat territory."""
    yield ("write", b"Started by user alice\n")
    yield ("stage", "Migrate")
    yield ("write", b"migrating...\n")
    yield ("sleep", 60)
    yield ("write", b"migrated\n")
    yield ("end_stage", "SUCCESS")
    yield ("result", "SUCCESS")


SCRIPTS = {"pipeline": pipeline_script, "freestyle": freestyle_script,
           "bench": bench_script, "quiet": quiet_script}


def wait_while_restarting():
    while True:
        with LOCK:
            if STATE.restart_until is None:
                return
        time.sleep(0.01)


def run_build(b):
    steps = SCRIPTS[b.job.script](b)
    result = "SUCCESS"
    for step in steps:
        wait_while_restarting()
        if b.abort_by:
            b.write(b"Aborted by %s\n" % b.abort_by.encode())
            result = "ABORTED"
            break
        kind = step[0]
        if kind == "write":
            b.write(step[1])
        elif kind == "sleep":
            end = now() + scaled(step[1])
            while now() < end and not b.abort_by:
                time.sleep(min(0.005, max(0, end - now())))
        elif kind == "stage":
            with LOCK:
                b.stages.append(Stage(len(b.stages) * 5 + 5, step[1]))
            b.write(ESC_NOTE + b"[Pipeline] stage\n[Pipeline] { (%s)\n" % step[1].encode())
        elif kind == "end_stage":
            with LOCK:
                b.stages[-1].status = step[1]
                b.stages[-1].end = time.time()
            b.write(b"[Pipeline] }\n[Pipeline] // stage\n")
        elif kind == "set_result":
            with LOCK:
                b.result = step[1]
        elif kind == "abort":
            b.abort_by = step[1]
        elif kind == "input":
            result = run_input(b, step[1], step[2])
            if result:
                break
        elif kind == "result":
            result = step[1]
    finish(b, result)


def run_input(b, iid, message):
    b.write(b"[Pipeline] input\n%s\nProceed or Abort\n" % message.encode())
    with LOCK:
        b.input = {"id": iid, "message": message}
        b.stages[-1].status = "PAUSED_PENDING_INPUT"
    while True:
        with LOCK:
            answer = b.input_answer
        if answer or b.abort_by:
            break
        time.sleep(0.01)
    with LOCK:
        b.input = None
        b.stages[-1].status = "IN_PROGRESS"
    if answer == "proceed":
        b.write(b"Approved by alice\n")
        return None
    with LOCK:
        b.stages[-1].status = "ABORTED"
    b.write(b"Rejected by alice\n")
    return "ABORTED"


def finish(b, result):
    worst = ["SUCCESS", "UNSTABLE", "FAILURE", "NOT_BUILT", "ABORTED"]
    with LOCK:
        if b.result and worst.index(b.result) > worst.index(result):
            result = b.result
        if result == "ABORTED":
            for s in b.stages:
                if s.status in ("IN_PROGRESS", "PAUSED_PENDING_INPUT"):
                    s.status = "ABORTED"
                    s.end = time.time()
        b.result = result
    b.write(b"Finished: %s\n" % result.encode())
    with LOCK:
        b.building = False
        b.finished_at = now()
    base = os.path.join(ARGS.state_dir, b.job.path.replace("/", "_") + "-%d" % b.number)
    with open(base + ".log.tmp", "wb") as f:
        f.write(NOTE_RE.sub(b"", bytes(b.raw)))
    os.replace(base + ".log.tmp", base + ".log")
    with open(base + ".times", "wb") as f:
        for t, line in b.times:
            f.write(b"%.6f\t%s\n" % (t, line))


def queue_tick():
    """Moves queue items whose wait is over into builds."""
    with LOCK:
        for item in list(STATE.queue.values()):
            if item.left_at is None and not item.cancelled and now() >= item.wait_until:
                if fault("cancel"):
                    item.cancelled = True
                    item.left_at = now()
                    continue
                job = item.job
                b = Build(job, job.next_number, item)
                job.next_number += 1
                job.builds.insert(0, b)
                item.build = b
                item.left_at = now()
                if STATE.first_build_at is None:
                    STATE.first_build_at = now()
                threading.Thread(target=run_build, args=(b,), daemon=True).start()
            if item.left_at is not None and now() - item.left_at > scaled(ARGS.left_ttl):
                del STATE.queue[item.id]


def start_restart(length):
    with LOCK:
        if STATE.restart_phase is None:
            STATE.restart_phase = "restarting"
            STATE.restart_until = now() + scaled(length)
            STATE.restart_length = scaled(length)


def restart_tick():
    spec = fault("restart")
    with LOCK:
        if spec and STATE.first_build_at is not None:
            at = float(spec.split(":")[0])
            length = float(spec.split(":")[1]) if ":" in spec else 1.5
            if now() - STATE.first_build_at >= scaled(at):
                start_restart(length)
        if STATE.restart_phase and STATE.restart_phase != "done" and now() >= STATE.restart_until:
            STATE.restart_phase = "done"
            STATE.restart_until = None
            STATE.session_id = hashlib.sha1(os.urandom(8)).hexdigest()[:16]
            STATE.cookie_name = "JSESSIONID." + os.urandom(4).hex()
            STATE.sessions.clear()
            STATE.queue = {k: v for k, v in STATE.queue.items() if v.left_at is None}
            for job in STATE.jobs.values():
                for b in job.builds:
                    if b.building:
                        b.write(b"Resuming build at Sun Nov 29 12:00:00 UTC 2026 after Jenkins restart\n")


def restart_state():
    """None, 'restarting' (503), 'down' (reset) or 'starting' (503)."""
    with LOCK:
        if STATE.restart_until is None:
            return None
        left = STATE.restart_until - now()
        total = STATE.restart_length
        if left > total * 2 / 3:
            return "restarting"
        if left > total / 3:
            return "down"
        return "starting"


# --------------------------------------------------------------------------
# tree= filtering (Stapler's NamedPathPruner, in small)


def parse_tree(s):
    pos = 0

    def spec():
        nonlocal pos
        out = {}
        while True:
            m = re.compile(r"[A-Za-z_$][\w$]*").match(s, pos)
            if not m:
                raise ValueError("Malformed tree expression")
            name = m.group(0)
            pos = m.end()
            sub = None
            rng = None
            if pos < len(s) and s[pos] == "[":
                pos += 1
                sub = spec()
                if pos >= len(s) or s[pos] != "]":
                    raise ValueError("Malformed tree expression")
                pos += 1
            if pos < len(s) and s[pos] == "{":
                end = s.index("}", pos)
                lo, _, hi = s[pos + 1:end].partition(",")
                if "," not in s[pos + 1:end]:
                    hi = str(int(lo) + 1)
                rng = (int(lo) if lo else 0, int(hi) if hi else None)
                pos = end + 1
            out[name] = (sub, rng)
            if pos < len(s) and s[pos] == ",":
                pos += 1
                continue
            return out

    result = spec()
    if pos != len(s):
        raise ValueError("Malformed tree expression")
    return result


def prune(value, tree):
    if isinstance(value, list):
        return [prune(v, tree) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    if "_class" in value:
        out["_class"] = value["_class"]
    for name, (sub, rng) in tree.items():
        if name not in value:
            continue
        v = value[name]
        if rng and isinstance(v, list):
            v = v[rng[0]:rng[1]]
        out[name] = prune(v, sub) if sub else (v if not isinstance(v, (dict, list)) else prune(v, {}))
    return out


# --------------------------------------------------------------------------
# JSON views


def root_url():
    return "http://127.0.0.1:%d%s" % (STATE.port, ARGS.ctx)


def job_url_path(job):
    return ARGS.ctx + "".join("/job/" + urllib.parse.quote(seg, safe="")
                              for seg in job.path.split("/")) + "/"


def param_values(b):
    return [{"_class": "hudson.model.StringParameterValue", "name": k, "value": v}
            for k, v in b.params.items()]


def job_json(job):
    prop = {"_class": "hudson.model.ParametersDefinitionProperty",
            "parameterDefinitions": job.params}
    return {
        "_class": job.cls, "name": job.path.split("/")[-1], "fullName": job.path,
        "displayName": urllib.parse.unquote(job.path.split("/")[-1]),
        "url": root_url() + job_url_path(job)[len(ARGS.ctx):],
        "buildable": job.buildable, "inQueue": False, "queueItem": None,
        "nextBuildNumber": job.next_number,
        "property": [prop] if job.params else [],
        "actions": [{}, prop] if job.params else [{}],
        "builds": [{"_class": "x", "number": b.number, "queueId": b.queue_id,
                    "url": build_url(b)} for b in job.builds],
        "lastBuild": ({"number": job.builds[0].number, "url": build_url(job.builds[0])}
                      if job.builds else None),
    }


def build_url(b):
    return root_url() + job_url_path(b.job)[len(ARGS.ctx):] + "%d/" % b.number


def build_json(b):
    with LOCK:
        actions = [{"_class": "hudson.model.ParametersAction", "parameters": param_values(b)},
                   {}, {"_class": "hudson.model.CauseAction",
                        "causes": [{"shortDescription": "Started by user alice",
                                    "userId": USER}]}]
        return {
            "_class": ("org.jenkinsci.plugins.workflow.job.WorkflowRun" if b.job.pipeline
                       else "hudson.model.FreeStyleBuild"),
            "actions": actions, "building": b.building, "inProgress": b.building,
            "result": b.result, "number": b.number, "id": str(b.number),
            "duration": 0 if b.building else int((time.time() - b.start) * 1000),
            "estimatedDuration": -1, "timestamp": int(b.start * 1000),
            "queueId": b.queue_id, "url": build_url(b),
            "executor": {"_class": "hudson.model.OneOffExecutor"} if b.building else None,
            "fullDisplayName": "%s #%d" % (b.job.path, b.number),
        }


def queue_json(item):
    with LOCK:
        task = {"_class": item.job.cls, "name": item.job.path.split("/")[-1],
                "url": root_url() + job_url_path(item.job)[len(ARGS.ctx):], "color": "blue"}
        base = {"id": item.id, "inQueueSince": int(item.since * 1000),
                "params": "".join("\n%s=%s" % kv for kv in item.params.items()),
                "url": "queue/item/%d/" % item.id, "task": task, "stuck": False,
                "actions": [{"_class": "hudson.model.CauseAction", "causes": []}]}
        if item.left_at is not None:
            item.polls_after_left += 1
            exe = None
            null_polls = int(fault("exec-null") or 0)
            if item.build and item.polls_after_left > null_polls:
                exe = {"_class": "org.jenkinsci.plugins.workflow.job.WorkflowRun",
                       "number": item.build.number, "url": build_url(item.build)}
            base.update({"_class": "hudson.model.Queue$LeftItem", "blocked": False,
                         "buildable": False, "cancelled": item.cancelled,
                         "executable": exe, "why": None})
            return base
        elapsed = now() - item.created
        why = ("In the quiet period. Expires in 0.1 sec" if elapsed < scaled(ARGS.queue_wait) / 2
               else "Waiting for next available executor")
        base.update({"_class": "hudson.model.Queue$BuildableItem", "blocked": False,
                     "buildable": True, "pending": False, "why": why,
                     "stuck": fault("stuck") is not None,
                     "buildableStartMilliseconds": int(item.since * 1000)})
        return base


def run_status(b):
    with LOCK:
        if b.input:
            return "PAUSED_PENDING_INPUT"
        if b.building:
            return "IN_PROGRESS"
        return {"FAILURE": "FAILED", "NOT_BUILT": "NOT_EXECUTED"}.get(b.result, b.result)


def wfapi_describe(b):
    path = job_url_path(b.job) + "%d/" % b.number
    with LOCK:
        stages = [{"_links": {"self": {"href": path + "execution/node/%s/wfapi/describe" % s.id}},
                   "id": s.id, "name": s.name, "execNode": "", "status": s.status,
                   "startTimeMillis": int(s.start * 1000),
                   "durationMillis": int(((s.end or time.time()) - s.start) * 1000),
                   "pauseDurationMillis": 0} for s in b.stages]
    links = {"self": {"href": path + "wfapi/describe"}}
    if b.input:
        links["pendingInputActions"] = {"href": path + "wfapi/pendingInputActions"}
    return {"_links": links, "id": str(b.number), "name": "#%d" % b.number,
            "status": run_status(b), "startTimeMillis": int(b.start * 1000),
            "endTimeMillis": int(time.time() * 1000),
            "durationMillis": int((time.time() - b.start) * 1000),
            "queueDurationMillis": 3, "pauseDurationMillis": 0, "stages": stages}


def pending_inputs(b):
    with LOCK:
        if not b.input:
            return []
        path = job_url_path(b.job) + "%d/" % b.number
        iid = b.input["id"]
        return [{"id": iid, "proceedText": "Proceed", "message": b.input["message"],
                 "inputs": [{"type": "StringParameterDefinition", "name": "TARGET",
                             "description": "where to", "definition": {"defaultVal": "prod"}}],
                 "proceedUrl": path + "wfapi/inputSubmit?inputId=" + iid,
                 "abortUrl": path + "input/%s/abort" % iid,
                 "redirectApprovalUrl": path + "input/"}]


# --------------------------------------------------------------------------
# HTTP


PAGE = ("<html><head><title>%s</title></head><body><h2>%s</h2><p>%s</p>"
        "</body></html>")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Jetty(10.0.20)"

    def log_message(self, fmt, *args):
        if ARGS.verbose:
            sys.stderr.write("fake-jenkins: " + (fmt % args) + "\n")

    # -- plumbing
    def send(self, status, body=b"", ctype="text/html;charset=utf-8", headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Jenkins", "2.543")
        self.send_header("X-Jenkins-Session", STATE.session_id)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "deny")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, obj, query):
        tree = query.get("tree", [None])[0]
        if "jsonp" in query:
            return self.send(403, PAGE % ("Error 403", "jsonp forbidden", ""))
        if tree:
            try:
                obj = prune(obj, parse_tree(tree))
            except (ValueError, IndexError):
                return self.oops()
        self.send(200, json.dumps(obj), "application/json;charset=utf-8")

    def oops(self):
        self.send(500, PAGE % ("Jenkins [Jenkins]", "Oops!",
                               "A problem occurred while processing the request."))

    def reset(self):
        """Closes the TCP connection abruptly (RST)."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def form(self, raw):
        ctype = self.headers.get("Content-Type", "")
        if ctype.startswith("multipart/form-data"):
            msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + raw)
            fields, files = {}, {}
            for part in msg.iter_parts():
                name = part.get_param("name", header="content-disposition")
                data = part.get_payload(decode=True) or b""
                if part.get_filename() is not None:
                    files[name] = data
                else:
                    fields.setdefault(name, []).append(data.decode())
            return fields, files
        return urllib.parse.parse_qs(raw.decode(), keep_blank_values=True), {}

    # -- auth
    def auth(self):
        """Returns (user, how) or sends the refusal and returns None."""
        h = self.headers.get("Authorization")
        if not h:
            self.send(403, PAGE % ("Authentication required", "Authentication required",
                                   "<a href='login'>log in</a>"),
                      headers=[("X-Hudson", "1.395")])
            return None
        try:
            kind, b64 = h.split(" ", 1)
            user, _, secret = base64.b64decode(b64).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            kind, user, secret = "", "", ""
        if kind != "Basic" or user != USER or secret not in (TOKEN, PASSWORD) or (
                fault("revoked") and secret == TOKEN):
            self.send(401, PAGE % ("Error 401", "Unauthorized", ""),
                      headers=[("WWW-Authenticate", 'Basic realm="Jenkins"')])
            return None
        return user, "token" if secret == TOKEN else "password"

    def session(self, create):
        cookies = self.headers.get("Cookie", "")
        for c in cookies.split(";"):
            k, _, v = c.strip().partition("=")
            if k == STATE.cookie_name and v in STATE.sessions:
                return v, None
        if not create:
            return None, None
        sid = os.urandom(8).hex()
        STATE.sessions.add(sid)
        return sid, "%s=%s; Path=%s/; HttpOnly" % (STATE.cookie_name, sid, ARGS.ctx)

    @staticmethod
    def crumb_for(user, sid):
        return hashlib.sha256(("%s;%s;salt" % (user, sid)).encode()).hexdigest()

    def crumb_ok(self, user, how, query):
        if how == "token" or fault("csrf-off"):
            return True
        sid, _ = self.session(False)
        given = self.headers.get("Jenkins-Crumb") or query.get("Jenkins-Crumb", [None])[0]
        return sid is not None and given == self.crumb_for(user, sid)

    # -- dispatch
    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def dispatch(self, method):
        with LOCK:
            STATE.requests += 1
            STATE.authorized += "Authorization" in self.headers
        queue_tick()
        restart_tick()
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        raw = self.body() if method == "POST" else b""
        if url.path == "/fake/stats":
            return self.send(200, json.dumps({"requests": STATE.requests,
                                              "authorized": STATE.authorized,
                                              "faults": STATE.faults}),
                             "application/json")
        if fault("redirect") and "/api/json" in url.path:
            # A proxy or a misconfigured root URL sending clients elsewhere.
            return self.send(302, headers=[("Location", fault("redirect") + self.path)])
        phase = restart_state()
        if phase == "down":
            return self.reset()
        if phase:
            title = "Restarting Jenkins" if phase == "restarting" else "Starting Jenkins"
            return self.send(503, PAGE % (title, title, "Please wait while Jenkins is restarting"),
                             headers=[("Expires", "0"),
                                      ("Cache-Control", "no-cache,no-store,must-revalidate")])
        if every("reset-headers", "all"):
            return self.reset()
        if every("slow", "all"):
            time.sleep(float(fault("slow").split(":")[1]))
        if every("throttle", "all"):
            with LOCK:
                STATE.faults += 1
            return self.send(429, PAGE % ("429", "Too Many Requests", ""),
                             headers=[("Retry-After", "0")])
        if every("proxy", "all") or (method == "GET" and every("proxy-get", "get")):
            with LOCK:
                STATE.faults += 1
            return self.send(502, PAGE % ("502 Bad Gateway", "502 Bad Gateway", "nginx"))
        if not url.path.startswith(ARGS.ctx + "/") and url.path != ARGS.ctx:
            return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))
        who = self.auth()
        if not who:
            return
        path = url.path[len(ARGS.ctx):]
        try:
            self.route(method, path, query, raw, who)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, method, path, query, raw, who):
        parts = [p for p in path.split("/") if p != ""]
        if parts[:2] == ["crumbIssuer", "api"]:
            if fault("csrf-off"):
                return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))
            sid, cookie = self.session(True)
            obj = {"_class": "hudson.security.csrf.DefaultCrumbIssuer",
                   "crumb": self.crumb_for(who[0], sid), "crumbRequestField": "Jenkins-Crumb"}
            return self.send(200, json.dumps(obj), "application/json;charset=utf-8",
                             headers=[("Set-Cookie", cookie)] if cookie else [])
        if parts[:2] == ["queue", "item"] and len(parts) >= 3:
            return self.route_queue(int(parts[2]) if parts[2].isdigit() else -1, query)
        if parts == ["queue", "cancelItem"]:
            return self.cancel_item(method, query, who)
        job, rest = self.resolve(parts)
        if job is None:
            folder = self.folder_listing(parts)
            if folder is not None:
                return self.send_json(folder, query)
            return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))
        return self.route_job(method, job, rest, query, raw, who)

    def folder_listing(self, parts):
        """The root or a folder's api/json: its direct items under "jobs"."""
        names = []
        i = 0
        while i + 1 < len(parts) and parts[i] == "job":
            names.append(urllib.parse.unquote(parts[i + 1]))
            i += 2
        if parts[i:] not in ([], ["api", "json"]):
            return None
        path = "/".join(names)
        if path and path not in FOLDERS:
            return None
        items = {}
        for p in list(STATE.jobs) + list(FOLDERS):
            if path and not p.startswith(path + "/"):
                continue
            rest = p[len(path) + 1:] if path else p
            if rest and "/" not in rest:
                items[rest] = STATE.jobs[p].cls if p in STATE.jobs else FOLDERS[p]
            elif rest:
                first = rest.split("/")[0]
                full = (path + "/" + first) if path else first
                items.setdefault(first, FOLDERS.get(full, "com.cloudbees.hudson.plugins.folder.Folder"))
        cls = FOLDERS.get(path, "hudson.model.Hudson")
        return {"_class": cls, "jobs": [{"_class": c, "name": n} for n, c in sorted(items.items())]}

    def resolve(self, parts):
        names = []
        i = 0
        while i + 1 < len(parts) and parts[i] == "job":
            names.append(urllib.parse.unquote(parts[i + 1]))
            i += 2
        path = "/".join(names)
        return STATE.jobs.get(path), parts[i:]

    def route_queue(self, qid, query):
        with LOCK:
            item = STATE.queue.get(qid)
            gone = fault("queue-gone") is not None
        if item is None or gone:
            return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))
        if every("oops", "api"):
            return self.oops()
        return self.send_json(queue_json(item), query)

    def cancel_item(self, method, query, who):
        if method != "POST":
            return self.send(405, PAGE % ("Error 405", "This URL requires POST", ""),
                             headers=[("Allow", "POST")])
        qid = int(query.get("id", ["-1"])[0])
        with LOCK:
            item = STATE.queue.get(qid)
            if not item or item.left_at is not None:
                return self.send(404, "Provided id (%d) not found" % qid)
            item.cancelled = True
            item.left_at = now()
        return self.send(204)

    def route_job(self, method, job, rest, query, raw, who):
        if rest in ([], ["api", "json"]):
            if every("oops", "api"):
                return self.oops()
            return self.send_json(job_json(job), query)
        if rest[0] in ("build", "buildWithParameters"):
            return self.trigger(method, job, rest[0], query, raw, who)
        if rest == ["wfapi", "describe"] or rest == ["wfapi"]:
            if not job.pipeline:
                return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))
            return self.send(200, json.dumps({"name": job.path, "runCount": len(job.builds)}),
                             "application/json; charset=UTF-8")
        b = self.find_build(job, rest[0])
        if b is None:
            return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))
        return self.route_build(method, b, rest[1:], query, raw, who)

    @staticmethod
    def find_build(job, which):
        with LOCK:
            if which == "lastBuild":
                return job.builds[0] if job.builds else None
            if which.isdigit():
                for b in job.builds:
                    if b.number == int(which):
                        return b
        return None

    def route_build(self, method, b, rest, query, raw, who):
        if rest in ([], ["api", "json"]):
            if every("oops", "api"):
                return self.oops()
            return self.send_json(build_json(b), query)
        if rest == ["logText", "progressiveText"]:
            return self.progressive(b, query)
        if rest == ["consoleText"]:
            return self.send(200, NOTE_RE.sub(b"", bytes(b.raw)), "text/plain;charset=UTF-8")
        if rest[:1] == ["wfapi"]:
            return self.route_wfapi(method, b, rest[1:], query, raw, who)
        if method != "POST":
            return self.send(405, PAGE % ("Error 405", "This URL requires POST", ""),
                             headers=[("Allow", "POST")])
        if not self.crumb_ok(who[0], who[1], query):
            return self.send(403, PAGE % ("Error 403 No valid crumb was included in the request",
                                          "HTTP ERROR 403 No valid crumb was included in the request", ""))
        self.note_crumb_post(who)
        if rest == ["stop"]:
            with LOCK:
                if b.building and not b.abort_by:
                    b.abort_by = who[0]
            return self.send(302, headers=[("Location", build_url(b))])
        if rest[:1] == ["input"] and len(rest) == 3:
            return self.answer_input(b, rest[1], rest[2], raw)
        return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))

    def note_crumb_post(self, who):
        if who[1] == "password" and fault("crumb-expiry"):
            with LOCK:
                STATE.crumb_posts += 1
                if STATE.crumb_posts == 1:
                    STATE.sessions.clear()   # the session (and its crumb) expires

    def route_wfapi(self, method, b, rest, query, raw, who):
        if not b.job.pipeline:
            return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))
        if rest == ["describe"]:
            return self.send(200, json.dumps(wfapi_describe(b)), "application/json; charset=UTF-8")
        if rest == ["pendingInputActions"]:
            return self.send(200, json.dumps(pending_inputs(b)), "application/json; charset=UTF-8")
        if rest == ["nextPendingInputAction"]:
            p = pending_inputs(b)
            return self.send(200, json.dumps(p[0] if p else None), "application/json; charset=UTF-8")
        return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))

    def answer_input(self, b, iid, action, raw):
        fields, _ = self.form(raw)
        with LOCK:
            if not b.input or b.input_answer:
                return self.send(400, PAGE % ("Error", "This input has been already given", ""),
                                 headers=[("X-Error", "This input has been already given")])
            if b.input["id"] != iid:
                return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))
            if fault("input-answered"):
                b.input_answer = "proceed"      # someone else was faster
                return self.send(400, PAGE % ("Error", "This input has been already given", ""),
                                 headers=[("X-Error", "This input has been already given")])
            if action == "proceedEmpty":
                b.input_answer = "proceed"
            elif action == "proceed":
                if "json" not in fields:
                    return self.send(400, PAGE % ("Error", "Nothing is submitted", ""))
                for p in json.loads(fields["json"][0]).get("parameter", []):
                    b.params[p["name"]] = p["value"]
                b.input_answer = "proceed"
            elif action == "abort":
                b.input_answer = "abort"
            else:
                return self.send(404, PAGE % ("Error 404 Not Found", "Not Found", ""))
        return self.send(200)

    # -- triggering
    def trigger(self, method, job, kind, query, raw, who):
        if method != "POST":
            return self.send(405, PAGE % ("Error 405", "This URL requires POST", ""),
                             headers=[("Allow", "POST")])
        if not self.crumb_ok(who[0], who[1], query):
            return self.send(403, PAGE % ("Error 403 No valid crumb was included in the request",
                                          "HTTP ERROR 403 No valid crumb was included in the request", ""))
        self.note_crumb_post(who)
        if not job.buildable:
            return self.send(409, PAGE % ("Error 409", "%s is not buildable" % job.path, ""))
        if kind == "buildWithParameters" and not job.params:
            return self.send(400, PAGE % ("Error 400", "%s is not parameterized" % job.path, ""))
        fields, files = self.form(raw)
        for k, v in query.items():
            fields.setdefault(k, []).extend(v)
        params = {}
        for d in job.params:
            name = d["name"]
            if name in fields:
                if len(fields[name]) != 1:
                    return self.oops()
                v = fields[name][0]
                if "choices" in d and v not in d["choices"]:
                    return self.oops()
                params[name] = v
            elif name not in files and "defaultParameterValue" in d:
                dv = d["defaultParameterValue"]["value"]
                params[name] = str(dv).lower() if isinstance(dv, bool) else dv
        return self.enqueue(job, params, files, kind)

    def enqueue(self, job, params, files, kind):
        with LOCK:
            for item in STATE.queue.values():
                if item.job is job and item.left_at is None and item.params == params:
                    return self.send(303 if kind == "buildWithParameters" else 201,
                                     headers=[("Location", self.location(item.id))])
            qid = STATE.next_qid
            STATE.next_qid += 1
            item = QueueItem(qid, job, params)
            item.files = dict(files)
            STATE.queue[qid] = item
        if fault("restart-queued"):
            start_restart(float(fault("restart-queued")))
        return self.send(201, headers=[("Location", self.location(qid))])

    def location(self, qid):
        host = ("http://jenkins-internal.example:8080" if fault("location-host")
                else "http://%s" % self.headers.get("Host", "127.0.0.1"))
        return "%s%s/queue/item/%d/" % (host, ARGS.ctx, qid)

    # -- the console log
    def progressive(self, b, query):
        s = query.get("start", ["0"])[0]
        if not re.fullmatch(r"-?\d+", s):
            return self.oops()
        start = int(s)
        with LOCK:
            raw = bytes(b.raw)
            complete = b.log_complete
        if start > len(raw):
            start = 0                          # "text rolled over": resend all
        if start > 0 and every("rollover", "log"):
            # As if the log had been replaced by a shorter one: Jenkins
            # answers from 0 with an X-Text-Size below the asked start.
            cut = raw.rfind(b"\n", 0, start // 2) + 1
            raw, start, complete = raw[:cut], 0, False
        if (ARGS.personality == "modern" and not ARGS.no_streaming
                and "multipart/form-data" in self.headers.get("Accept", "")):
            return self.streaming(raw, start, complete)
        chunk, size = self.chunk(raw, start, complete)
        body = re.sub(rb"(?<!\r)\n", b"\r\n", chunk)
        headers = [("X-Text-Size", str(size))]
        if not complete:
            headers.append(("X-More-Data", "true"))
        self.send_log(body, "text/plain;charset=UTF-8", headers)

    def send_log(self, body, ctype, headers=()):
        """Sends a log answer, or (fault reset-log) half of it and a reset."""
        if every("reset-log", "log") and len(body) > 1:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            return self.reset()
        return self.send(200, body, ctype, headers)

    def streaming(self, raw, start, complete):
        """Jenkins >= 2.534: raw bytes to EOF (64 KiB reads) plus a meta part."""
        end = min(len(raw), start + 65536)
        meta = {"completed": complete and end == len(raw), "start": start, "end": end,
                "consoleAnnotator": None, "startFromNewLine": True}
        if every("split-note", "log"):
            # Cut inside a ConsoleNote, as a read racing the writer can.
            cut = raw.rfind(b"\x1b[8mha:", start, end)
            if cut >= 0:
                end = cut + 7
                meta.update(end=end, completed=False)
        boundary = "fakeBoundary" + os.urandom(6).hex()
        b = boundary.encode()
        body = (b"--" + b + b'\r\nContent-Disposition: form-data; name="text"\r\n'
                b"Content-Type: application/octet-stream\r\n\r\n" + raw[start:end] +
                b"\r\n--" + b + b'\r\nContent-Disposition: form-data; name="meta"\r\n'
                b"Content-Type: application/json\r\n\r\n" + json.dumps(meta).encode() +
                b"\r\n--" + b + b"--\r\n")
        self.send_log(body, "multipart/form-data;boundary=" + boundary)

    @staticmethod
    def chunk(raw, start, complete):
        if complete:
            data = raw[start:]
            return (data if ARGS.personality == "modern" else NOTE_RE.sub(b"", data)), len(raw)
        nl = raw.rfind(b"\n", start)
        end = nl + 1 if nl >= 0 else start
        lines = raw[start:end].split(b"\n")
        if len(lines) > 10001:                 # at most 10 000 lines per answer
            end = start + len(b"\n".join(lines[:10000])) + 1
        if ARGS.personality == "modern":       # offset = file length: tail skipped
            return raw[start:end], len(raw)
        return NOTE_RE.sub(b"", raw[start:end]), end


def main():
    global ARGS, STATE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--state-dir", required=True)
    ap.add_argument("--ctx", default="")
    ap.add_argument("--host", default="127.0.0.1", help="a loopback address")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--lifetime", type=float, default=120)
    ap.add_argument("--queue-wait", type=float, default=1.0, help="seconds in the queue (scaled)")
    ap.add_argument("--left-ttl", type=float, default=300, help="left-item retention (scaled)")
    # The contract's default: a current Jenkins (>= 2.543).
    ap.add_argument("--personality", choices=["classic", "modern"], default="modern")
    ap.add_argument("--no-streaming", action="store_true",
                    help="modern without the multipart variant (2.509-2.533)")
    ap.add_argument("--fault", action="append", default=[])
    ap.add_argument("-v", "--verbose", action="store_true")
    ARGS = ap.parse_args()
    ARGS.ctx = ARGS.ctx.rstrip("/")
    STATE = State()
    os.makedirs(ARGS.state_dir, exist_ok=True)
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.allow_reuse_address = True
    srv = ThreadingHTTPServer((ARGS.host, 0), Handler)
    STATE.port = srv.server_address[1]
    tmp = ARGS.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % STATE.port)
    os.replace(tmp, ARGS.port_file)

    def ticker():
        deadline = now() + ARGS.lifetime
        while now() < deadline:
            queue_tick()
            restart_tick()
            time.sleep(0.005)
        os._exit(0)
    threading.Thread(target=ticker, daemon=True).start()
    srv.serve_forever(poll_interval=0.05)


if __name__ == "__main__":
    main()
